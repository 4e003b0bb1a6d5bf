//! Offset conversion between byte and character (Unicode scalar) positions.

/// Converts byte offsets of one text into character offsets and back.
/// Byte to char counts from the offset converted last, so the ascending
/// offsets an article's spans come in cost O(len) in all, with no table.
/// ASCII text needs no counting.
pub struct CharIndex<'t> {
    text: &'t str,
    /// Read once: byte and char offsets are then the same. (Asked per
    /// offset, the scan of the whole text was a third of an article's JSON
    /// output.)
    ascii: bool,
    /// The byte offset converted last and its char offset.
    last: (usize, usize),
    /// Bytes counted so far; past a few times the text's length (offsets
    /// asked in no order), a table of every offset takes over, so that the
    /// work stays linear whatever the order.
    counted: usize,
    /// `table[b]` = chars before byte `b` (entries at continuation bytes
    /// are never read).
    table: Option<Vec<u32>>,
    /// Byte start of every char, plus `text.len()`, for the reverse direction.
    starts: Option<Vec<usize>>,
}

/// How many times the text's length [`CharIndex::to_char`] counts before
/// it builds a table instead.
const TABLE_AFTER: usize = 4;

/// Chars before each byte offset of `bytes` (UTF-8), and before its end.
fn char_table(bytes: &[u8]) -> Vec<u32> {
    let mut table = Vec::with_capacity(bytes.len() + 1);
    let mut chars = 0u32;
    for &b in bytes {
        table.push(chars);
        chars += u32::from(b & 0xC0 != 0x80);
    }
    table.push(chars);
    table
}

/// Chars that start in `bytes` (UTF-8): every byte but the continuation
/// bytes (0b10xx_xxxx). A count without branches, which vectorises.
fn chars_starting_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

impl<'t> CharIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        CharIndex { text, ascii: text.is_ascii(), last: (0, 0), counted: 0, table: None, starts: None }
    }

    /// Character offset of byte offset `b`; `None` when `b` is out of range
    /// or not on a char boundary.
    pub fn to_char(&mut self, b: usize) -> Option<usize> {
        if b > self.text.len() || !self.text.is_char_boundary(b) {
            return None;
        }
        if self.ascii {
            return Some(b);
        }
        let bytes = self.text.as_bytes();
        if let Some(table) = &self.table {
            return Some(table[b] as usize);
        }
        let (from, chars) = self.last;
        // From the last offset, forward or back, or from the start when
        // that is nearer; both ends are char boundaries.
        let distance = if b >= from { b - from } else { (from - b).min(b) };
        self.counted += distance;
        if self.counted > TABLE_AFTER * bytes.len().max(1) {
            let table = self.table.insert(char_table(bytes));
            return Some(table[b] as usize);
        }
        let c = if b >= from {
            chars + chars_starting_in(&bytes[from..b])
        } else if b <= from - b {
            chars_starting_in(&bytes[..b])
        } else {
            chars - chars_starting_in(&bytes[b..from])
        };
        self.last = (b, c);
        Some(c)
    }

    /// Byte offset of character offset `c`; `None` when out of range.
    pub fn to_byte(&mut self, c: usize) -> Option<usize> {
        if self.ascii {
            return (c <= self.text.len()).then_some(c);
        }
        let text = self.text;
        let starts = self.starts.get_or_insert_with(|| {
            let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
            v.push(text.len());
            v
        });
        starts.get(c).copied()
    }
}

/// Length of `s` in characters.
pub fn char_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_non_ascii_offsets() {
        let text = "“Halo” kata Li — ya.";
        let mut ix = CharIndex::new(text);
        for (c, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(ix.to_char(b), Some(c));
            assert_eq!(ix.to_byte(c), Some(b));
        }
        assert_eq!(ix.to_char(text.len()), Some(char_len(text)));
        assert_eq!(ix.to_char(1), None, "inside the curly quote");
        assert_eq!(ix.to_byte(char_len(text) + 1), None);
    }

    #[test]
    fn every_char_width_and_plain_ascii_convert() {
        for text in ["plain ascii", "é2ñ 🙂x 中", "🙂", ""] {
            let mut ix = CharIndex::new(text);
            let mut c = 0;
            for b in 0..=text.len() {
                if text.is_char_boundary(b) {
                    assert_eq!(ix.to_char(b), Some(c), "{text:?} byte {b}");
                    assert_eq!(ix.to_byte(c), Some(b), "{text:?} char {c}");
                    c += 1;
                } else {
                    assert_eq!(ix.to_char(b), None, "{text:?} byte {b}");
                }
            }
            assert_eq!(ix.to_char(text.len() + 1), None);
        }
    }

    #[test]
    fn offsets_in_no_order_switch_to_a_table_and_agree() {
        let text = "ké 🙂 中文 — ".repeat(50);
        let reference: Vec<(usize, usize)> = text.char_indices().enumerate().map(|(c, (b, _))| (b, c)).collect();
        let mut ix = CharIndex::new(&text);
        // Far jumps back and forth: the counting budget runs out early.
        for k in 0..reference.len() * 2 {
            let (b, c) = reference[(k * 7919) % reference.len()];
            assert_eq!(ix.to_char(b), Some(c), "byte {b}");
        }
        assert!(ix.table.is_some(), "the table took over");
    }

    #[test]
    fn offsets_in_any_order_convert_alike() {
        let text = "Kata “Li” — 🙂 ya. Naïve café, 中文 end";
        let reference: Vec<(usize, usize)> = text.char_indices().enumerate().map(|(c, (b, _))| (b, c)).chain([(text.len(), char_len(text))]).collect();
        // Backward, then a stride that jumps both ways, with one index.
        let order: Vec<usize> = (0..reference.len()).rev().chain((0..reference.len()).map(|k| k * 7 % reference.len())).collect();
        let mut ix = CharIndex::new(text);
        for k in order {
            let (b, c) = reference[k];
            assert_eq!(ix.to_char(b), Some(c), "byte {b}");
        }
    }
}
