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
    c.is_alphanumeric() || matches!(c, '\u{200C}' | '\u{200D}' | '\u{00AD}')
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
