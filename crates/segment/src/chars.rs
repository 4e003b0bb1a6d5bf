//! Character classes shared by the sentence splitter, the tokenizer and the
//! repair pass. ASCII is decided by table; other characters by `match`.

/// Characters that close a quotation or a bracket and stay with the sentence
/// they end.
pub(crate) fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '}' | '”' | '’' | '»' | '›' | '」' | '』' | '）' | '］' | '】' | '〕' | '〉' | '》' | '｣'
    )
}

/// Characters that open a quotation or a bracket before a word.
pub(crate) fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '(' | '[' | '{' | '“' | '‘' | '«' | '‹' | '¿' | '¡' | '「' | '『' | '（' | '［' | '【' | '〔' | '〈' | '《' | '„' | '‚' | '｢'
    )
}

/// List bullets: a bullet after other text starts a new sentence.
pub(crate) fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '⁃' | '◦' | '▪' | '●' | '■' | '▫' | '‣' | '∙')
}

/// Terminators that end a sentence even without a following space (CJK and
/// scripts that do not put spaces after their full stop).
pub(crate) fn is_strong_terminator(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '｡' | '।' | '॥' | '؟' | '۔' | '።' | '፧' | '፨' | '။' | '։' | '܀' | '᙮' | '᠃' | '᠉' | '‼' | '⁇' | '⁈' | '⁉' | '﹒' | '﹖' | '﹗' | '．'
    )
}

/// Line and paragraph separators: always end a sentence.
pub(crate) fn is_hard_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Whitespace that does not break a paragraph.
pub(crate) fn is_soft_space(c: char) -> bool {
    c.is_whitespace() && !is_hard_break(c)
}

/// Characters that belong inside a word: letters (including the combining
/// vowel signs Unicode counts as alphabetic), digits, and the joiners.
pub(crate) fn is_word_char(c: char) -> bool {
    is_alphanumeric(c) || matches!(c, '\u{200C}' | '\u{200D}' | '\u{00AD}')
}

/// Every byte of `b` is an ASCII lowercase letter (`b.iter().all(u8::is_ascii_lowercase)`):
/// a word of 4 to 16 bytes read as two overlapping loads and tested eight
/// bytes at a time, without a loop (session 24; `all_ascii_lowercase_is_the_byte_test`).
#[inline]
pub(crate) fn all_ascii_lowercase(b: &[u8]) -> bool {
    use warta_core::swar::{ascii_within, HIGH};
    let lowercase = |x: u64| ascii_within(x, b'a', b'z') == HIGH;
    let n = b.len();
    if (8..=16).contains(&n) {
        let head = u64::from_le_bytes(b[..8].try_into().unwrap_or([0; 8]));
        let tail = u64::from_le_bytes(b[n - 8..].try_into().unwrap_or([0; 8]));
        return lowercase(head) && lowercase(tail);
    }
    if (4..8).contains(&n) {
        let head = u32::from_le_bytes(b[..4].try_into().unwrap_or([0; 4]));
        let tail = u32::from_le_bytes(b[n - 4..].try_into().unwrap_or([0; 4]));
        return lowercase(u64::from(head) | u64::from(tail) << 32);
    }
    b.iter().all(u8::is_ascii_lowercase)
}

/// The char starting at byte `i` (which must be a char boundary) and its length.
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    text.get(i..).and_then(|s| s.chars().next()).map(|c| (c, c.len_utf8()))
}

/// The char ending at byte `i` (a char boundary) and its start.
#[inline]
pub(crate) fn char_before(text: &str, i: usize) -> Option<(char, usize)> {
    text.get(..i).and_then(|s| s.chars().next_back()).map(|c| (c, i - c.len_utf8()))
}

/// `s` without the chars at its end that are not alphanumeric
/// (`trim_end_matches(|c| !c.is_alphanumeric())`): a word that ends in an
/// ASCII letter or digit, most of them, is returned without decoding.
///
/// (The test of the last byte is inlined everywhere, the trim is not:
/// session 17, this was a call at every word of the clause tests.)
#[inline(always)]
pub(crate) fn trim_end_non_alnum(s: &str) -> &str {
    if s.as_bytes().last().is_some_and(u8::is_ascii_alphanumeric) {
        return s;
    }
    trim_end_non_alnum_chars(s)
}

#[inline(never)]
fn trim_end_non_alnum_chars(s: &str) -> &str {
    s.trim_end_matches(|c: char| !is_alphanumeric(c))
}

/// The word ends in sentence punctuation, closing quotes and brackets
/// aside (`trim_end_matches(is_closer).ends_with(['.', '!', '?'])`),
/// decided by its last byte when that is ASCII and no closer.
#[inline]
pub(crate) fn ends_in_terminator(w: &str) -> bool {
    match w.as_bytes().last() {
        Some(&b) if b < 0x80 && !matches!(b, b'"' | b'\'' | b')' | b']' | b'}') => matches!(b, b'.' | b'!' | b'?'),
        _ => w.trim_end_matches(is_closer).ends_with(['.', '!', '?']),
    }
}

/// `char::is_alphanumeric`, with the General Punctuation block (curly
/// quotes, dashes, ellipsis: no letters or digits) answered without the
/// Unicode tables, which take two searches for such a char.
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    if ('\u{2000}'..='\u{206F}').contains(&c) {
        return false;
    }
    c.is_alphanumeric()
}

/// `char::is_alphabetic`, with the General Punctuation block (curly quotes,
/// dashes, ellipsis: no letters) answered without the Unicode tables.
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    if ('\u{2000}'..='\u{206F}').contains(&c) {
        return false;
    }
    c.is_alphabetic()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_fast_paths_answer_as_the_unicode_tables() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            assert_eq!(super::is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(super::is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
        for w in ["", "kata", "kata,", "wartawan,”", "optimistis.”", "naik.", "naik!)", "Rp5", "é", "x'", "(a)", "end?\"", "…"] {
            assert_eq!(super::trim_end_non_alnum(w), w.trim_end_matches(|c: char| !c.is_alphanumeric()), "{w:?}");
            assert_eq!(super::ends_in_terminator(w), w.trim_end_matches(super::is_closer).ends_with(['.', '!', '?']), "{w:?}");
        }
    }

    /// Every length up to 20 bytes, every byte value at every position
    /// among lowercase letters (the bytes next to 'a' and 'z', 0x80 and up).
    #[test]
    fn all_ascii_lowercase_is_the_byte_test() {
        for n in 0..=20 {
            for fill in [b'a', b'z', b'm'] {
                for at in 0..n.max(1) {
                    for b in 0..=255u8 {
                        let mut w = vec![fill; n];
                        if n > 0 {
                            w[at] = b;
                        }
                        assert_eq!(super::all_ascii_lowercase(&w), w.iter().all(u8::is_ascii_lowercase), "{w:?}");
                    }
                }
            }
        }
    }
}
