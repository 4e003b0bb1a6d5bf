//! Punctuation a scraper or a typist detached from its word: "kata dia ,
//! ini", "Commerzbank . \"It", "Bank of England ( BoE )". Indonesian, Malay and
//! English write these marks against the word before (and brackets against
//! the words inside), so the space goes; French and other languages that
//! space before "!", "?", ":" or ";" never reach this pass.
//!
//! Only a space between a word and a single mark that a space or the end of
//! the line follows is taken out. A spaced ellipsis (" . . ."), a ratio or
//! time ("2 : 1", "10 : 30"), an emoticon (" :)") and a mark that opens a
//! line keep their spaces.

/// A mark that stands against the word before it.
fn is_trailing_mark(b: u8) -> bool {
    matches!(b, b',' | b'.' | b';' | b':' | b'!' | b'?')
}

/// The end of the word before a space: a letter, a digit, or what closes a
/// word ("(12/5/2025) .", "\"Kami siap\" .").
fn ends_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, ')' | ']' | '"' | '\u{201d}' | '\u{2019}' | '%')
}

/// The text with the spaces before detached marks and inside bracket ends
/// taken out, and each change as (before, after) with the word before and
/// the mark; `None` when nothing changed.
pub fn remove_detached_spaces(text: &str) -> (Option<String>, Vec<(String, String)>) {
    let bytes = text.as_bytes();
    let quote_cuts = detached_closing_quotes(bytes);
    if quote_cuts.is_empty() && !has_candidates(bytes) {
        return (None, Vec::new());
    }
    // (start, end) of each run of spaces to remove.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b' ' {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        let Some(&next) = bytes.get(i) else { break };
        let before = text[..start].chars().next_back();
        let before_mark = is_trailing_mark(next)
            && before.is_some_and(ends_word)
            && mark_stands_alone(bytes, i)
            && !(next == b';' && reference_before(bytes, start));
        let before_closer = matches!(next, b')' | b']') && before.is_some_and(char::is_alphanumeric) && opened_on_line(bytes, start, next);
        let after_opener = start > 0
            && matches!(bytes[start - 1], b'(' | b'[')
            && text[i..].chars().next().is_some_and(char::is_alphanumeric)
            && closes_on_line(bytes, i, bytes[start - 1]);
        if before_mark || before_closer || after_opener {
            cuts.push((start, i));
        }
    }
    if !quote_cuts.is_empty() {
        cuts.extend(quote_cuts);
        cuts.sort_unstable();
        cuts.dedup();
    }
    if cuts.is_empty() {
        return (None, Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut examples = Vec::with_capacity(cuts.len());
    let mut copied = 0;
    for &(start, end) in &cuts {
        out.push_str(&text[copied..start]);
        copied = end;
        let from = word_start(text, start);
        let to = (end + 1).min(text.len());
        let to = (to..=text.len()).find(|&k| text.is_char_boundary(k)).unwrap_or(text.len());
        examples.push((text[from..to].to_string(), format!("{}{}", &text[from..start], &text[end..to])));
    }
    out.push_str(&text[copied..]);
    (Some(out), examples)
}

/// The spaces between a sentence's final mark and the quote that closes its
/// quotation ("of the community. \" A spokesman said", "yang indah. \"⏎"):
/// the quote is a closing one when an odd number of double quotes
/// (straight or curly) stands before it on its line, or it is "”"; a space,
/// the line's end or the text's end follows it. Without the cut the
/// quote is read as a sentence of its own, or as the next one's opening.
fn detached_closing_quotes(bytes: &[u8]) -> Vec<(usize, usize)> {
    const CLOSING_CURLY: &[u8] = "\u{201d}".as_bytes();
    const OPENING_CURLY: &[u8] = "\u{201c}".as_bytes();
    let mut cuts = Vec::new();
    // The double quotes on the line before `counted_to`, counted only when a
    // candidate asks and only over what no candidate counted before (one
    // pass over the text, however long its lines).
    let (mut counted_to, mut quotes_on_line) = (0, 0usize);
    // Every quote starts with '"' or with the curly quotes' first byte.
    for at in memchr::memchr2_iter(b'"', CLOSING_CURLY[0], bytes) {
        // Nearly every quote stands against a word: out first.
        if at == 0 || bytes[at - 1] != b' ' {
            continue;
        }
        let quote_len = if bytes[at] == b'"' {
            1
        } else if bytes[at..].starts_with(CLOSING_CURLY) {
            CLOSING_CURLY.len()
        } else {
            continue;
        };
        if !matches!(bytes.get(at + quote_len), None | Some(b' ' | b'\n')) {
            continue;
        }
        let start = bytes[..at].iter().rposition(|&b| b != b' ').map_or(0, |p| p + 1);
        if start == at || start == 0 || !matches!(bytes[start - 1], b'.' | b'!' | b'?') {
            continue;
        }
        let closes = quote_len > 1 || {
            let from = match memchr::memrchr(b'\n', &bytes[counted_to..start]) {
                Some(p) => {
                    quotes_on_line = 0;
                    counted_to + p + 1
                }
                None => counted_to,
            };
            let line = &bytes[from..start];
            quotes_on_line += memchr::memchr_iter(b'"', line).count()
                + memchr::memmem::find_iter(line, OPENING_CURLY).count()
                + memchr::memmem::find_iter(line, CLOSING_CURLY).count();
            counted_to = start;
            quotes_on_line % 2 == 1
        };
        if closes {
            cuts.push((start, at));
        }
    }
    cuts
}

/// Bytes compared together by [`has_candidates`], a block the compiler
/// turns into vector compares.
const BLOCK: usize = 64;

/// Whether `bytes` holds a space before a mark or a closing bracket, or
/// after an opening one: almost no text does, and this one branch-free pass
/// over blocks proves it at memory speed, before the byte-by-byte reading.
fn has_candidates(bytes: &[u8]) -> bool {
    #[inline(always)]
    fn pair(c: u8, d: u8) -> u8 {
        let mark = (d == b',') | (d == b'.') | (d == b';') | (d == b':') | (d == b'!') | (d == b'?') | (d == b')') | (d == b']');
        u8::from(((c == b' ') & mark) | (((c == b'(') | (c == b'[')) & (d == b' ')))
    }
    if bytes.len() < 2 {
        return false;
    }
    let pairs = bytes.len() - 1;
    let mut start = 0;
    while start + BLOCK <= pairs {
        let (Ok(cur), Ok(next)) = (<&[u8; BLOCK]>::try_from(&bytes[start..start + BLOCK]), <&[u8; BLOCK]>::try_from(&bytes[start + 1..start + BLOCK + 1]))
        else {
            break;
        };
        let mut any = 0u8;
        for k in 0..BLOCK {
            any |= pair(cur[k], next[k]);
        }
        if any != 0 {
            return true;
        }
        start += BLOCK;
    }
    (start..pairs).any(|k| pair(bytes[k], bytes[k + 1]) != 0)
}

/// The mark at `at` is one mark alone (or a run of "!" and "?"): a space or
/// the line's end follows, it is no piece of a spaced ellipsis (" . . ."),
/// and it does not stand between two numbers ("2 : 1") or before a bracket
/// (" : )").
fn mark_stands_alone(bytes: &[u8], at: usize) -> bool {
    // "!!", "?!", "!?": one run of exclamation and question marks.
    let mut end = at + 1;
    if matches!(bytes[at], b'!' | b'?') {
        while matches!(bytes.get(end), Some(b'!' | b'?')) {
            end += 1;
        }
    }
    let after = bytes.get(end).copied();
    if !matches!(after, None | Some(b' ' | b'\n')) {
        return false;
    }
    let mut k = end;
    while bytes.get(k) == Some(&b' ') {
        k += 1;
    }
    let next = bytes.get(k).copied();
    if next.is_some_and(|b| is_trailing_mark(b) || matches!(b, b'(' | b')' | b'[' | b']')) {
        return false;
    }
    let digit_before = at >= 2 && bytes[..at].iter().rev().find(|&&b| b != b' ').is_some_and(u8::is_ascii_digit);
    !(digit_before && next.is_some_and(|b| b.is_ascii_digit()))
}

/// The word that ends at `end` holds a `&`: with a ";" against it, it
/// would read as a character reference ("&#748 ;"), which is not this
/// pass's to make.
fn reference_before(bytes: &[u8], end: usize) -> bool {
    bytes[..end].iter().rev().take_while(|&&b| b != b' ' && b != b'\n').any(|&b| b == b'&')
}

/// A bracket closed by `close` was opened earlier on the same line, with no
/// other bracket closed between.
fn opened_on_line(bytes: &[u8], before: usize, close: u8) -> bool {
    let open = if close == b')' { b'(' } else { b'[' };
    for &b in bytes[..before].iter().rev() {
        if b == b'\n' || b == close {
            return false;
        }
        if b == open {
            return true;
        }
    }
    false
}

/// The bracket `open` is closed later on the same line.
fn closes_on_line(bytes: &[u8], from: usize, open: u8) -> bool {
    let close = if open == b'(' { b')' } else { b']' };
    for &b in &bytes[from..] {
        if b == b'\n' || b == open {
            return false;
        }
        if b == close {
            return true;
        }
    }
    false
}

/// The start of the word that ends at `end` (at most 40 bytes back), for
/// repair examples.
fn word_start(text: &str, end: usize) -> usize {
    let floor = end.saturating_sub(40);
    let mut start = end;
    for (k, c) in text[..end].char_indices().rev() {
        if k < floor || c == ' ' || c == '\n' {
            break;
        }
        start = k;
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(text: &str) -> String {
        remove_detached_spaces(text).0.unwrap_or_else(|| text.to_string())
    }

    #[test]
    fn a_mark_goes_back_against_its_word() {
        assert_eq!(fixed("Kata dia , ini sudah siap ."), "Kata dia, ini sudah siap.");
        assert_eq!(fixed("analyst at Commerzbank . \"It is on\""), "analyst at Commerzbank. \"It is on\"");
        assert_eq!(fixed("Apa kabar ? Baik !"), "Apa kabar? Baik!");
        assert_eq!(fixed("naik Rp15.870 triliun !! Lalu apa ?!"), "naik Rp15.870 triliun!! Lalu apa?!");
        assert_eq!(fixed("pada Senin (12/5/2025) .\nLalu"), "pada Senin (12/5/2025).\nLalu");
        assert_eq!(fixed("menyatakan , \"Kami siap\" ."), "menyatakan, \"Kami siap\".");
    }

    #[test]
    fn a_closing_quote_goes_back_against_the_sentence_it_closes() {
        assert_eq!(
            fixed("He said: \"Peace begins at home. \" A spokesman agreed."),
            "He said: \"Peace begins at home.\" A spokesman agreed."
        );
        assert_eq!(fixed("kecil, \u{201c}Lihat kemasannya yang indah. \"\nTak hanya"), "kecil, \u{201c}Lihat kemasannya yang indah.\"\nTak hanya");
        assert_eq!(fixed("\u{201c}Kami siap! \u{201d}"), "\u{201c}Kami siap!\u{201d}");
        // A quote that opens the next sentence keeps its space.
        // Quotes counted on from one candidate to the next, and anew on each line.
        assert_eq!(
            fixed("\"Satu. \" Lalu \"Dua! \" dan \"Tiga? \"\nEmpat. \" Lima"),
            "\"Satu.\" Lalu \"Dua!\" dan \"Tiga?\"\nEmpat. \" Lima"
        );
        for text in ["It ended. \" Next", "Dia pergi. \" Kami datang\", katanya."] {
            assert_eq!(remove_detached_spaces(text).0, None, "{text}");
        }
    }

    #[test]
    fn brackets_hold_their_words_without_spaces() {
        assert_eq!(fixed("The Bank of England ( BoE ) raised rates."), "The Bank of England (BoE) raised rates.");
        assert_eq!(fixed("Dewan [ DPR ] hadir."), "Dewan [DPR] hadir.");
        // A bracket not closed on the line, or closed with nothing open, is left.
        assert_eq!(fixed("( lihat halaman berikut"), "( lihat halaman berikut");
        assert_eq!(fixed("selesai )"), "selesai )");
    }

    #[test]
    fn spaced_ellipses_ratios_emoticons_and_line_starts_keep_their_spaces() {
        for text in [
            "he paused . . . then left",
            "skor akhir 2 : 1 untuk tuan rumah",
            "pukul 10 : 30 WIB",
            "lucu sekali : ) ya",
            ". Baris ini dimulai dengan titik",
            "versi .NET terbaru",
            "nilai 5 ,5 persen",
            "kode &#748 ; lalu",
            "Good morning",
        ] {
            assert_eq!(remove_detached_spaces(text).0, None, "{text}");
        }
    }

    #[test]
    fn examples_show_the_word_and_its_mark_and_a_second_pass_finds_nothing() {
        let (out, examples) = remove_detached_spaces("oleh DPR . Lalu ( BoE ) pergi , kata dia");
        let out = out.unwrap();
        assert_eq!(out, "oleh DPR. Lalu (BoE) pergi, kata dia");
        assert_eq!(examples[0], ("DPR .".to_string(), "DPR.".to_string()));
        assert_eq!(examples.len(), 4);
        assert_eq!(remove_detached_spaces(&out).0, None);
    }

    #[test]
    fn the_block_check_finds_a_candidate_anywhere() {
        let clean = "Kata dia, ini sudah siap. ".repeat(20);
        assert!(!has_candidates(clean.as_bytes()));
        for at in [0, 1, 63, 64, 65, 127, clean.len() - 2] {
            let mut t = clean.clone().into_bytes();
            t[at] = b' ';
            t[at + 1] = b',';
            assert!(has_candidates(&t), "{at}");
        }
        assert!(has_candidates(b"( x"));
        assert!(!has_candidates(b" "));
    }
}
