//! A small internal tokenizer, used only when an article arrives without
//! tokens (the tagger must not depend on `warta-segment`).
//!
//! Words are runs of alphanumeric characters; `-` (and the Unicode hyphens
//! U+2010, U+2011), `'`, `’`, `.`, `,` and `/` stay inside a word when a
//! letter or digit follows them ("Covid-19", "U.S",
//! "1,5", "don't"). A trailing full stop is kept on known abbreviations and
//! single capitals ("Jl.", "Mr.", "H."), so that trigger words look as they do
//! in the training data. Every other non-space character is a token of its own.

use warta_core::Span;

/// Abbreviations that keep their full stop (compared case-insensitively).
const ABBREVIATIONS: &[&str] = &[
    "jl", "jln", "mr", "mrs", "ms", "dr", "prof", "ir", "drs", "hj", "st", "inc", "ltd", "co",
    "corp", "jr", "sr", "no", "kab", "kec", "kel", "gen", "lt", "col", "capt", "sgt", "rev", "gov",
    "sen", "rep", "pt", "tbk", "cv", "kh", "h", "m", "s", "sh", "se", "mt", "msc", "phd", "bpk",
    "ibu", "sdr", "vs", "u.s", "u.k", "a.s", "mt", "ave", "blvd", "dept", "univ",
];

fn is_abbreviation(word: &str) -> bool {
    if word.len() > 5 {
        return false;
    }
    let mut buf = [0u8; 5];
    for (i, b) in word.bytes().enumerate() {
        buf[i] = b.to_ascii_lowercase();
    }
    let lower = &buf[..word.len()];
    ABBREVIATIONS.iter().any(|a| a.as_bytes() == lower)
}

#[inline]
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[inline]
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\'' | '’' | '.' | ',' | '/' | '&')
}

/// Appends the tokens of `text[span]` to `out`, as byte spans of `text`.
pub fn tokenize_span(text: &str, span: Span, out: &mut Vec<Span>) {
    let Some(slice) = text.get(span.start..span.end) else {
        return;
    };
    let base = span.start;
    let mut chars = slice.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !is_word_char(c) {
            out.push(Span::new(base + i, base + i + c.len_utf8()));
            continue;
        }
        let start = i;
        let mut end = i + c.len_utf8();
        let mut has_inner_dot = false;
        while let Some(&(j, d)) = chars.peek() {
            if is_word_char(d) {
                end = j + d.len_utf8();
                chars.next();
                continue;
            }
            if is_joiner(d) {
                // Keep the joiner only when a word character follows it.
                let after = j + d.len_utf8();
                let joins = match slice[after..].chars().next() {
                    // A comma joins digits only ("1,5"), never words ("a,b").
                    Some(n) if is_word_char(n) => {
                        d != ','
                            || (n.is_ascii_digit()
                                && slice[..end].ends_with(|p: char| p.is_ascii_digit()))
                    }
                    _ => false,
                };
                if joins {
                    has_inner_dot |= d == '.';
                    chars.next();
                    end = after;
                    continue;
                }
            }
            break;
        }
        // A trailing full stop belongs to an abbreviation ("Jl.", "Mr.", "U.S.").
        if slice[end..].starts_with('.') {
            let word = &slice[start..end];
            let single_capital = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            if has_inner_dot || single_capital || is_abbreviation(word) {
                end += 1;
                chars.next();
            }
        }
        out.push(Span::new(base + start, base + end));
    }
}

/// Tokens of the whole text, sentence by sentence (or of the whole text as one
/// piece when there are no sentences).
pub fn tokenize(text: &str, sentences: &[Span]) -> Vec<Span> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    if sentences.is_empty() {
        tokenize_span(text, Span::new(0, text.len()), &mut out);
    } else {
        for &s in sentences {
            tokenize_span(text, s, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text, &[]).iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn splits_words_punctuation_and_keeps_abbreviations() {
        assert_eq!(
            toks("Jl. Sudirman No. 5, Jakarta (kata Mr. Li)."),
            ["Jl.", "Sudirman", "No.", "5", ",", "Jakarta", "(", "kata", "Mr.", "Li", ")", "."]
        );
        assert_eq!(
            toks("Covid-19 naik 1,5 persen di U.S. hari ini"),
            ["Covid-19", "naik", "1,5", "persen", "di", "U.S.", "hari", "ini"]
        );
        assert_eq!(
            toks("“Halo,” ujar Budi."),
            ["“", "Halo", ",", "”", "ujar", "Budi", "."]
        );
        assert_eq!(toks("merah,putih"), ["merah", ",", "putih"]);
        assert_eq!(toks("ex\u{2011}chief ex\u{2010}chief"), ["ex\u{2011}chief", "ex\u{2010}chief"]);
    }

    #[test]
    fn handles_empty_and_odd_input() {
        assert!(toks("").is_empty());
        assert!(toks("   \n\t").is_empty());
        assert_eq!(toks("a-"), ["a", "-"]);
        assert_eq!(toks("東京 と 大阪"), ["東京", "と", "大阪"]);
    }
}
