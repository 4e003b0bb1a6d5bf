//! Word tokens: reversible byte spans inside sentences.
//!
//! A token is a run of word characters, possibly joined by inner connectors
//! ("barang-barang", "7.195,63", "20/11/2024", "U.S.A."), an URL or e-mail
//! address, or a run of one punctuation character ("...", "!!"). Clitics
//! written without a hyphen ("rumahnya", "kuambil") stay in their word;
//! the English possessive "'s" is a token of its own.

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

/// ASCII whitespace, as a table for the hot loop.
static SPACE: [bool; 256] = {
    let mut t = [false; 256];
    t[b' ' as usize] = true;
    t[b'\t' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t[0x0B] = true;
    t[0x0C] = true;
    t
};

fn tokenize_range(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < end {
        // Skip whitespace.
        let b = bytes[i];
        if b < 0x80 {
            if SPACE[b as usize] {
                i += 1;
                continue;
            }
        } else if let Some((c, n)) = char_at(text, i) {
            if c.is_whitespace() {
                i += n;
                continue;
            }
        }
        // Find the end of this whitespace-free chunk.
        let mut j = i;
        while j < end {
            let b = bytes[j];
            if b < 0x80 {
                if SPACE[b as usize] {
                    break;
                }
                j += 1;
            } else {
                match char_at(text, j) {
                    Some((c, _)) if c.is_whitespace() => break,
                    Some((_, n)) => j += n,
                    None => break,
                }
            }
        }
        let j = j.min(end);
        split_chunk(text, i, j, out);
        i = j;
    }
}

fn split_chunk(text: &str, a: usize, b: usize, out: &mut Vec<Span>) {
    let chunk = &text[a..b];
    // Fast path: a plain ASCII word, the common case.
    if chunk.bytes().all(|c| c.is_ascii_alphanumeric()) {
        out.push(Span::new(a, b));
        return;
    }
    if looks_like_link(chunk) {
        split_link(text, a, b, out);
        return;
    }
    let mut i = a;
    while i < b {
        let Some((c, n)) = char_at(text, i) else { return };
        if is_word_char(c) {
            i = word(text, i, b, out);
        } else {
            // A run of the same punctuation character is one token ("...", "--").
            let mut j = i + n;
            while j < b && text[j..].starts_with(c) {
                j += n;
            }
            out.push(Span::new(i, j));
            i = j;
        }
    }
}

/// Pushes the word starting at `i` (a word char), returns its end.
fn word(text: &str, i: usize, limit: usize, out: &mut Vec<Span>) -> usize {
    let bytes = text.as_bytes();
    let mut j = i;
    let mut dotted = false;
    loop {
        // Consume word characters.
        while j < limit {
            let b = bytes[j];
            if b < 0x80 {
                if b.is_ascii_alphanumeric() {
                    j += 1;
                    continue;
                }
                break;
            }
            match char_at(text, j) {
                Some((c, n)) if is_word_char(c) => j += n,
                _ => break,
            }
        }
        // An inner connector joins two runs of word characters.
        if j >= limit {
            break;
        }
        let Some((conn, cn)) = char_at(text, j) else { break };
        if j + cn >= limit {
            break;
        }
        let Some((after, _)) = char_at(text, j + cn) else { break };
        if !is_word_char(after) {
            break;
        }
        let before_digit = j > i && bytes[j - 1].is_ascii_digit();
        let joins = match conn {
            '-' | '‐' | '_' | '&' | '.' | '\'' | '’' => true,
            ',' | '/' | ':' => before_digit && after.is_ascii_digit(),
            _ => false,
        };
        if !joins {
            break;
        }
        if conn == '.' {
            dotted = true;
        }
        j += cn;
    }
    let mut end = j;
    // Keep the full stop of an abbreviation or initial: "U.S.", "dll.", "S.".
    if end < limit && bytes[end] == b'.' && !bytes.get(end + 1).is_some_and(|&c| c == b'.') {
        let w = &text[i..end];
        let single_letter = w.chars().count() == 1 && w.chars().all(char::is_alphabetic);
        if (dotted && w.chars().all(|c| c.is_alphabetic() || c == '.')) || single_letter || any_abbrev(w) {
            end += 1;
        }
    }
    // The English possessive: "Jane's" -> "Jane" + "'s".
    let w = &text[i..end];
    for suffix in ["'s", "’s", "'S", "’S"] {
        if w.len() > suffix.len() + 1 && w.ends_with(suffix) {
            let cut = end - suffix.len();
            out.push(Span::new(i, cut));
            out.push(Span::new(cut, end));
            return end;
        }
    }
    out.push(Span::new(i, end));
    end
}

fn looks_like_link(chunk: &str) -> bool {
    chunk.contains("://")
        || chunk.contains("www.")
        || chunk.find('@').is_some_and(|at| at > 0 && chunk[at..].contains('.'))
}

/// An URL or e-mail address is one token; quotes, brackets and final
/// punctuation around it are tokens of their own.
fn split_link(text: &str, a: usize, b: usize, out: &mut Vec<Span>) {
    let mut s = a;
    while let Some((c, n)) = char_at(text, s) {
        if s < b && (is_opener(c) || c == '<') {
            out.push(Span::new(s, s + n));
            s += n;
        } else {
            break;
        }
    }
    let mut e = b;
    let mut tail = Vec::new();
    while e > s {
        let Some(c) = text[s..e].chars().next_back() else { break };
        if is_closer(c) || matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '>') {
            e -= c.len_utf8();
            tail.push(Span::new(e, e + c.len_utf8()));
        } else {
            break;
        }
    }
    if s < e {
        out.push(Span::new(s, e));
    }
    out.extend(tail.into_iter().rev());
}
