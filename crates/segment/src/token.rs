//! Word tokens: reversible byte spans inside sentences.
//!
//! A token is a run of word characters, possibly joined by inner connectors
//! ("barang-barang", "7.195,63", "20/11/2024", "U.S.A."), an URL or e-mail
//! address, or a run of one punctuation character ("...", "!!"). Clitics
//! written without a hyphen ("rumahnya", "kuambil") stay in their word;
//! the English possessive "'s" is a token of its own.
//!
//! One pass over the bytes with a class table; non-ASCII characters take a
//! slower path that decodes them.

use warta_core::Span;

use crate::chars::{char_at, is_closer, is_opener, is_word_char};
use crate::lang::any_abbrev;

/// Tokens of `text` inside `sentences`, in order. Spans that are out of
/// range or not on char boundaries are skipped; no token crosses a sentence.
pub fn tokenize(text: &str, sentences: &[Span]) -> Vec<Span> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    for s in sentences {
        if s.start <= s.end && text.get(s.start..s.end).is_some() {
            tokenize_range(text, s.start, s.end, &mut out);
        }
    }
    out
}

/// [`tokenize`] for the stage: the tokens go into a buffer this thread
/// keeps, and the article gets an exact copy. The article's vector is
/// fresh memory the kernel must clear (it lives on through the run's
/// channels to the writer, so the allocator does not hand the same memory
/// back warm), and `tokenize`'s room for one token per five bytes is a
/// quarter more than news text needs (6.3 bytes a token on the bench's
/// archive); copying the few kilobytes from a warm buffer costs less.
pub(crate) fn tokenize_exact(text: &str, sentences: &[Span]) -> Vec<Span> {
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<Span>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    // Past this many tokens (16 MB) the buffer is not kept for the next article.
    const KEEP: usize = 1 << 20;
    BUFFER.with(|cell| {
        let Ok(mut buf) = cell.try_borrow_mut() else { return tokenize(text, sentences) };
        buf.clear();
        for s in sentences {
            if s.start <= s.end && text.get(s.start..s.end).is_some() {
                tokenize_range(text, s.start, s.end, &mut buf);
            }
        }
        let out = buf.to_vec();
        if buf.capacity() > KEEP {
            *buf = Vec::new();
        }
        out
    })
}

const WORD: u8 = 0;
const SPACE: u8 = 1;
const PUNCT: u8 = 2;
const OTHER: u8 = 3;

static CLASS: [u8; 256] = {
    let mut t = [PUNCT; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            WORD
        } else if c == b' ' || c == b'\t' || c == b'\n' || c == b'\r' || c == 0x0B || c == 0x0C {
            SPACE
        } else if c >= 0x80 {
            OTHER
        } else {
            PUNCT
        };
        b += 1;
    }
    t
};

/// What a char is to the tokenizer.
#[inline]
fn class_at(text: &str, i: usize) -> (u8, usize) {
    let b = text.as_bytes()[i];
    let c = CLASS[b as usize];
    if c != OTHER {
        return (c, 1);
    }
    match char_at(text, i) {
        Some((ch, n)) if is_word_char(ch) => (WORD, n),
        Some((ch, n)) if ch.is_whitespace() => (SPACE, n),
        Some((_, n)) => (PUNCT, n),
        None => (PUNCT, 1),
    }
}

fn tokenize_range(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    tokenize_range_with::<true>(text, start, end, out);
}

/// [`tokenize_range`]; `PLAIN_ENDS`: a word ends at once where
/// [`ends_plain_word`] says so (false: the connector loop decides every
/// word that does not end at a space; the reference of
/// `plain_word_ends_tokenize_as_the_connector_loop`).
#[inline(always)]
fn tokenize_range_with<const PLAIN_ENDS: bool>(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    // The byte after the sentence (an abbreviation's stop reads it), then
    // the text up to the sentence's end: the scans' bounds are the slice's.
    let beyond = text.as_bytes().get(end).copied();
    let Some(text) = text.get(..end) else { return };
    let bytes = text.as_bytes();
    let mut i = start;
    while i < end {
        // ASCII by table here; only other chars go through `class_at`.
        let (class, n) = match CLASS[bytes[i] as usize] {
            OTHER => class_at(text, i),
            ascii => (ascii, 1),
        };
        match class {
            // A space before an ASCII word (after punctuation: "kata, ujarnya")
            // goes straight on to the word, as after a word.
            SPACE if n == 1 && i + 1 < end && CLASS[bytes[i + 1] as usize] == WORD => {
                let mut e = word::<PLAIN_ENDS>(text, i + 1, beyond, out);
                while e + 1 < end && bytes[e] == b' ' && CLASS[bytes[e + 1] as usize] == WORD {
                    e = word::<PLAIN_ENDS>(text, e + 1, beyond, out);
                }
                i = e;
            }
            SPACE => i += n,
            WORD => {
                let mut e = word::<PLAIN_ENDS>(text, i, beyond, out);
                // The common case, one space and another ASCII word, goes
                // straight on (the dispatch above costs a mispredicted jump
                // at every token otherwise).
                while e + 1 < end && bytes[e] == b' ' && CLASS[bytes[e + 1] as usize] == WORD {
                    e = word::<PLAIN_ENDS>(text, e + 1, beyond, out);
                }
                i = e;
            }
            _ => {
                // A run of the same punctuation character is one token ("...", "--").
                let mut j = i + n;
                if n == 1 {
                    while j < end && bytes[j] == bytes[i] {
                        j += 1;
                    }
                } else {
                    while j + n <= end && bytes[j..j + n] == bytes[i..i + n] {
                        j += n;
                    }
                }
                out.push(Span::new(i, j));
                i = j;
            }
        }
    }
}

/// The first byte at or after `j` that is not an ASCII letter or digit
/// (`bytes.len()` if none): eight bytes tested at once, so that the end of a
/// short word costs no mispredicted loop exit; the last few bytes one by one.
#[inline]
fn ascii_word_end(bytes: &[u8], mut j: usize) -> usize {
    use warta_core::swar::{within, HIGH, LOW7, ONES};
    let limit = bytes.len();
    while let Some(chunk) = bytes.get(j..j + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let low = x & LOW7;
        // Letters in either case (OR 0x20 folds A-Z onto a-z), digits; not
        // bytes of 0x80 and above.
        let word = (within(low | (ONES * 0x20), b'a', b'z') | within(low, b'0', b'9')) & !x;
        let other = !word & HIGH;
        if other != 0 {
            return j + (other.trailing_zeros() / 8) as usize;
        }
        j += 8;
    }
    while j < limit && CLASS[bytes[j] as usize] == WORD {
        j += 1;
    }
    j
}

/// Whether the byte `c` after a run of ASCII letters and digits (the last
/// of them `prev`) ends the word as it stands, as the connector loop of
/// [`word`] would find (session 24: "kata, ujarnya", "(ant)", "\"Ya\"" took
/// that loop): ASCII, and no connector (`-` `_` `&` `.` `'`), no link's
/// `:` or `@`, no `/`, and no `,` after a digit ("7.195,63").
#[inline]
fn ends_plain_word(c: u8, prev: u8) -> bool {
    c < 0x80 && !matches!(c, b'-' | b'_' | b'&' | b'.' | b'\'' | b':' | b'@' | b'/') && (c != b',' || !prev.is_ascii_digit())
}

/// Pushes the word starting at `i` (a word char) and returns its end; `text`
/// ends where the sentence ends, `beyond` is the byte after it.
/// (Inlined into both call sites in `tokenize_range`: the tokens ran 10-14%
/// faster than with a call.)
#[inline(always)]
fn word<const PLAIN_ENDS: bool>(text: &str, i: usize, beyond: Option<u8>, out: &mut Vec<Span>) -> usize {
    let bytes = text.as_bytes();
    let limit = bytes.len();
    // Most words are ASCII letters and digits up to a space or the end:
    // such a word is a token as it stands (no connector, link, abbreviation
    // stop or possessive to look at), pushed without the tests below.
    let first = ascii_word_end(bytes, i);
    if first >= limit || bytes[first] == b' ' || (PLAIN_ENDS && first > i && ends_plain_word(bytes[first], bytes[first - 1])) {
        out.push(Span::new(i, first));
        return first;
    }
    // (The scan below starts where this one stopped: `ascii_word_end` at
    // a byte that is no ASCII letter or digit returns it.)
    let mut j = first;
    let mut dotted = false;
    let mut apostrophe = false;
    loop {
        // Word characters: ASCII by table (a tight scan), others decoded.
        loop {
            j = ascii_word_end(bytes, j);
            if j < limit && CLASS[bytes[j] as usize] == OTHER {
                if let Some((_, n)) = char_at(text, j).filter(|&(ch, _)| is_word_char(ch)) {
                    j += n;
                    continue;
                }
            }
            break;
        }
        if j >= limit {
            break;
        }
        let conn = bytes[j];
        // Links: "http://…", "www.…", "name@host.tld" run to the next space.
        if (conn == b':' && bytes[j + 1..limit].starts_with(b"//"))
            || (conn == b'@' && j > i)
            || (conn == b'.' && &bytes[i..j] == b"www")
        {
            return link(text, i, limit, out);
        }
        // An inner connector joins two runs of word characters.
        let (conn_len, conn_ok) = match conn {
            b'-' | b'_' | b'&' | b'.' | b'\'' => (1, true),
            b',' | b'/' | b':' => (1, bytes[j - 1].is_ascii_digit() && bytes.get(j + 1).is_some_and(u8::is_ascii_digit)),
            // Right single quote (’) and the Unicode hyphens (‐, and the
            // non-breaking ‑ that word processors put in "ex‑chief").
            0xE2 if ["’", "‐", "‑"].iter().any(|c| bytes[j..limit].starts_with(c.as_bytes())) => (3, true),
            _ => (0, false),
        };
        if !conn_ok || j + conn_len >= limit || class_at(text, j + conn_len).0 != WORD {
            break;
        }
        dotted |= conn == b'.';
        apostrophe |= conn == b'\'' || bytes[j..].starts_with("’".as_bytes());
        j += conn_len;
    }
    let mut end = j;
    // Keep the full stop of an abbreviation or initial: "U.S.", "dll.", "S.".
    if end < limit && bytes[end] == b'.' && bytes.get(end + 1).copied().or(beyond) != Some(b'.') {
        let w = &text[i..end];
        let mut chars = w.chars();
        let single_letter = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic());
        // A dotted word keeps its stop unless it ends in a host name's
        // lower-case label ("CNNIndonesia.com.", "kompas.id."): the stop
        // after an address ends the sentence, where "U.S." or "Ph.D." own it.
        let abbreviation_dots = dotted && w.bytes().all(|b| b == b'.' || !b.is_ascii_digit()) && !ends_in_host_label(w);
        if single_letter || abbreviation_dots || (w.len() <= 6 && any_abbrev(w)) {
            end += 1;
        }
    }
    // The English possessive: "Jane's" -> "Jane" + "'s".
    let w = &bytes[i..end];
    if apostrophe {
        for suffix in ["'s", "’s", "'S", "’S"] {
            if w.len() > suffix.len() + 1 && w.ends_with(suffix.as_bytes()) {
                let cut = end - suffix.len();
                out.push(Span::new(i, cut));
                out.push(Span::new(cut, end));
                return end;
            }
        }
    }
    out.push(Span::new(i, end));
    end
}

/// Whether the dotted word `w` ends in two or more lower-case ASCII letters
/// after its last dot, as a host name does ("detik.com") and an
/// abbreviation's last part does not ("U.S", "Ph.D", "a.m", "M.Psi").
fn ends_in_host_label(w: &str) -> bool {
    let last = w.rsplit('.').next().unwrap_or("");
    last.len() >= 2 && last.bytes().all(|b| b.is_ascii_lowercase())
}

/// An URL or e-mail address starting at `i` is one token up to the next
/// space; closing quotes, brackets and final punctuation after it are
/// tokens of their own.
fn link(text: &str, i: usize, limit: usize, out: &mut Vec<Span>) -> usize {
    let mut j = i;
    while j < limit {
        let (class, n) = class_at(text, j);
        if class == SPACE {
            break;
        }
        j += n;
    }
    let chunk_end = j;
    let mut e = j;
    let mut tail = 0;
    while e > i {
        let Some(c) = text[i..e].chars().next_back() else { break };
        if is_closer(c) || is_opener(c) || matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '>') {
            e -= c.len_utf8();
            tail += 1;
        } else {
            break;
        }
    }
    out.push(Span::new(i, e));
    // The trailing punctuation, one token per char.
    let mut k = e;
    for _ in 0..tail {
        let Some((_, n)) = char_at(text, k) else { break };
        out.push(Span::new(k, k + n));
        k += n;
    }
    chunk_end
}

#[cfg(test)]
mod tests {
    use warta_core::Span;

    #[test]
    fn tokenize_exact_is_tokenize_with_exact_room() {
        let texts = [
            "Harga naik 7.195,63 poin, kata Dr. Andi S. Wibowo. Namun pasar tenang...",
            "",
            "Satu.",
            "BBC's report (http://example.com/a?b=1) said: \"no\" — über 20/11/2024!!",
        ];
        // Twice over, so that the second round starts from a buffer the first left longer.
        for _ in 0..2 {
            for text in texts {
                let sentences = crate::segment(text, "id");
                let exact = super::tokenize_exact(text, &sentences);
                assert_eq!(exact, super::tokenize(text, &sentences));
                assert_eq!(exact.capacity(), exact.len());
            }
        }
        // Out-of-range and non-boundary sentence spans are skipped alike.
        let text = "über alles";
        let odd = [Span::new(1, 4), Span::new(5, 99), Span::new(5, 10)];
        assert_eq!(super::tokenize_exact(text, &odd), super::tokenize(text, &odd));
    }

    #[test]
    fn unicode_hyphens_join_like_the_ascii_one() {
        for text in ["ex-chief barang-barang", "ex\u{2010}chief barang\u{2010}barang", "ex\u{2011}chief barang\u{2011}barang"] {
            let tokens = super::tokenize(text, &[Span::new(0, text.len())]);
            let words: Vec<&str> = tokens.iter().map(|t| t.slice(text)).collect();
            assert_eq!(words.len(), 2, "{words:?}");
        }
        // A hyphen is no apostrophe: "'s" stays whole after one.
        let text = "X\u{2011}Men\u{2019}s X\u{2011}s";
        let words: Vec<&str> = super::tokenize(text, &[Span::new(0, text.len())]).iter().map(|t| t.slice(text)).collect();
        assert_eq!(words, ["X\u{2011}Men", "\u{2019}s", "X\u{2011}s"]);
    }

    #[test]
    fn an_initial_at_the_sentence_end_reads_the_byte_after_it() {
        // The stop stays with the initial unless another stop follows it,
        // outside the sentence too.
        let spans = |text: &str| super::tokenize(text, &[Span::new(0, 2)]);
        assert_eq!(spans("S. x"), [Span::new(0, 2)]);
        assert_eq!(spans("S."), [Span::new(0, 2)]);
        assert_eq!(spans("S.."), [Span::new(0, 1), Span::new(1, 2)]);
    }

    #[test]
    fn a_host_name_leaves_the_sentence_stop_but_an_abbreviation_keeps_it() {
        let words = |text: &str| -> Vec<String> {
            super::tokenize(text, &[Span::new(0, text.len())]).iter().map(|t| t.slice(text).to_string()).collect()
        };
        assert_eq!(words("dari CNNIndonesia.com."), ["dari", "CNNIndonesia.com", "."]);
        assert_eq!(words("lihat kompas.id. Lalu"), ["lihat", "kompas.id", ".", "Lalu"]);
        assert_eq!(words("the U.S. and Ph.D. at 9 a.m. today"), ["the", "U.S.", "and", "Ph.D.", "at", "9", "a.m.", "today"]);
        assert_eq!(words("Dewi, M.Psi. kata"), ["Dewi", ",", "M.Psi.", "kata"]);
    }

    /// Session 24: words ended at once by `ends_plain_word` are the tokens
    /// the connector loop makes, on random sentences of every ASCII byte
    /// after words of letters and digits, next to non-ASCII letters,
    /// connectors, links, numbers, abbreviations and possessives.
    #[test]
    fn plain_word_ends_tokenize_as_the_connector_loop() {
        let mut pieces: Vec<String> = (0x20u8..0x7f).map(|b| (b as char).to_string()).collect();
        for p in [
            "kata", "7", "a", "Dr", "S", "www", "http", "com", "x2", "\u{e9}", "\u{fc}ber", "\u{2019}s", "\u{2010}", "\u{2011}", "\u{201d}",
            "\t", "\n", "//", "..", "'s", ",5", "/11", ":30",
        ] {
            pieces.push(p.to_string());
        }
        let mut next = crate::tests::xorshift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..30_000 {
            let mut text = String::new();
            for _ in 0..next() % 16 {
                text.push_str(&pieces[(next() % pieces.len() as u64) as usize]);
            }
            // The sentence: all of the text, or all but its last byte (the
            // byte after it is then read by an abbreviation's stop).
            let end = if text.is_char_boundary(text.len().saturating_sub(1)) && next().is_multiple_of(3) { text.len().saturating_sub(1) } else { text.len() };
            let (mut fast, mut reference) = (Vec::new(), Vec::new());
            super::tokenize_range_with::<true>(&text, 0, end, &mut fast);
            super::tokenize_range_with::<false>(&text, 0, end, &mut reference);
            assert_eq!(fast, reference, "{text:?} up to {end}");
        }
    }

    #[test]
    fn ascii_word_end_is_the_byte_scan() {
        let text = "Harga naik 7.195,63 poin, kata Dr. Andi S. Wibowo—über abcdefghijklmnopqrstuvwxyz0123456789 x_y é";
        let bytes = text.as_bytes();
        for j in 0..bytes.len() {
            for limit in j..=bytes.len() {
                let slow = j + bytes[j..limit].iter().position(|&b| super::CLASS[b as usize] != super::WORD).unwrap_or(limit - j);
                assert_eq!(super::ascii_word_end(&bytes[..limit], j), slow, "{j} {limit}");
            }
        }
    }
}
