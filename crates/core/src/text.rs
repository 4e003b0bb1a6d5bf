//! Offset conversion between byte and character (Unicode scalar) positions.

/// Converts byte offsets of one text into character offsets, in O(len) once
/// and O(1) per offset. ASCII text needs no table.
pub struct CharIndex<'t> {
    text: &'t str,
    /// `table[b]` = number of chars before byte `b`, for non-ASCII text.
    table: Option<Vec<u32>>,
    /// Byte start of every char, plus `text.len()`, for the reverse direction.
    starts: Option<Vec<usize>>,
}

impl<'t> CharIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        CharIndex { text, table: None, starts: None }
    }

    fn table(&mut self) -> &[u32] {
        let text = self.text;
        self.table.get_or_insert_with(|| {
            let mut table = vec![0u32; text.len() + 1];
            let mut chars = 0u32;
            for (b, _) in text.char_indices() {
                table[b] = chars;
                chars += 1;
            }
            table[text.len()] = chars;
            table
        })
    }

    /// Character offset of byte offset `b`; `None` when `b` is out of range
    /// or not on a char boundary.
    pub fn to_char(&mut self, b: usize) -> Option<usize> {
        if b > self.text.len() || !self.text.is_char_boundary(b) {
            return None;
        }
        if self.text.is_ascii() {
            return Some(b);
        }
        Some(self.table()[b] as usize)
    }

    /// Byte offset of character offset `c`; `None` when out of range.
    pub fn to_byte(&mut self, c: usize) -> Option<usize> {
        if self.text.is_ascii() {
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
}
