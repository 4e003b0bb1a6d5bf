//! Mojibake: UTF-8 bytes that were decoded as Windows-1252 or Latin-1
//! ("â€™" for "’", "Ã©" for "é"), possibly more than once ("Ã¢â‚¬â„¢").
//!
//! Every character of such text maps back to one byte. A lead byte of a UTF-8
//! multi-byte sequence (0xC2–0xF4) is always one of "Â"…"ô", which UTF-8
//! encodes as 0xC3 0x82–0xB4, so text without a 0xC3 byte is skipped with one
//! `memchr`. A candidate is a lead character followed by the right number of
//! continuation characters (bytes 0x80–0xBF) that together are valid UTF-8.
//!
//! Clean text can contain such pairs by chance ("CAFÉ…" is 0xC9 0x85, valid
//! UTF-8 for U+0245), so a candidate is repaired only when it is plausible:
//! - a 2-byte sequence whose continuation is common trailing punctuation
//!   (…, quotes, dashes, «, », NBSP) must not end a word: it must sit inside
//!   one (letters on both sides, or a lower-case letter on one side) or stand
//!   after a non-letter;
//! - a 2-byte sequence decoding to IPA, combining marks or a non-Latin,
//!   non-Greek script (Cyrillic, Hebrew, Arabic, …) must be part of a run of
//!   candidates, as whole mojibake words are;
//! - a 3-byte sequence made of a lead and two such punctuation characters must
//!   also be part of a run or followed by a letter;
//! - the decoded character may not be private-use or a non-character, nor a
//!   C1 control except inside a run (the inner layer of double encoding).
//!
//! Known limit: when a scraper replaced the undefined byte 0x9D by a space
//! ("â€ " for "”") the bytes are lost and the sequence is left alone.
//!
//! Each repair shrinks the text, and rounds repeat until nothing changes, so
//! double and triple encodings are undone and the result is a fixed point.

use crate::entities::CP1252_HIGH;

/// The byte a character stands for when UTF-8 was decoded as Windows-1252
/// (or Latin-1, whose C1 controls cover 1252's undefined bytes).
#[inline]
fn byte_of(c: char) -> Option<u8> {
    let u = c as u32;
    if (0x80..=0xFF).contains(&u) {
        return Some(u as u8);
    }
    if !(0x152..=0x2122).contains(&u) {
        return None;
    }
    CP1252_HIGH.iter().position(|&x| x == Some(c)).map(|i| 0x80 + i as u8)
}

/// Continuation bytes that, as Windows-1252/Latin-1, are punctuation likely
/// to follow an accented capital in clean text.
fn is_risky_continuation(b: u8) -> bool {
    matches!(b, 0x85 | 0x91..=0x97 | 0xA0 | 0xAB | 0xBB)
}

/// What a candidate's plausibility depends on beyond its neighbours.
struct Context {
    /// The word the candidate ends has a lower-case letter ("LøVÃ«"): an
    /// accented capital does not end a mixed-case word, so this is mojibake.
    word_has_lower: bool,
    /// The text already has two certain repairs: it is mojibake, and single
    /// non-Latin letters and modifiers in it are too.
    relaxed: bool,
}

/// Whether the word ending right before `pos` has a lower-case letter.
fn word_before_has_lower(text: &str, pos: usize) -> bool {
    text[..pos].chars().rev().take(24).take_while(|c| c.is_alphabetic()).any(char::is_lowercase)
}

/// A syntactically valid mojibake sequence at byte `pos` of `text`.
struct Candidate {
    decoded: char,
    end: usize,
    bytes: [u8; 4],
    len: usize,
}

fn candidate_at(text: &str, pos: usize) -> Option<Candidate> {
    let mut chars = text[pos..].chars();
    let lead = byte_of(chars.next()?)?;
    let len = match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let mut bytes = [lead, 0, 0, 0];
    let mut end = pos + text[pos..].chars().next()?.len_utf8();
    for slot in bytes.iter_mut().take(len).skip(1) {
        let c = chars.next()?;
        let b = byte_of(c)?;
        if !(0x80..=0xBF).contains(&b) {
            return None;
        }
        *slot = b;
        end += c.len_utf8();
    }
    let decoded = std::str::from_utf8(&bytes[..len]).ok()?.chars().next()?;
    Some(Candidate { decoded, end, bytes, len })
}

fn is_plausible(cand: &Candidate, prev: Option<char>, next: Option<char>, in_run: bool, ctx: &Context) -> bool {
    let d = cand.decoded as u32;
    if (0xE000..=0xF8FF).contains(&d) || (0xFDD0..=0xFDEF).contains(&d) || (d & 0xFFFE) == 0xFFFE {
        return false;
    }
    let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
    let lower = |c: Option<char>| c.is_some_and(char::is_lowercase);
    match cand.len {
        2 => {
            match d {
                // C1 controls: only as the inner layer of double encoding
                // ("Â\u{9D}" inside "Ã¢â‚¬Â\u{9D}", "”" encoded twice).
                0x80..=0x9F => return in_run,
                // IPA and spacing modifier letters: rare alone.
                0x250..=0x2FF => return in_run || ctx.relaxed,
                // Combining marks (decomposed text): only after a letter.
                0x300..=0x36F => return letter(prev) && (in_run || ctx.relaxed || !is_risky_continuation(cand.bytes[1])),
                // Cyrillic, Armenian, Hebrew, Arabic, …: whole words come as
                // runs of sequences; a one-letter word ("و") only in a text
                // already shown to be mojibake.
                0x400..=0x7FF => return in_run || ctx.relaxed,
                // Latin-1, Latin Extended-A/B, Greek: single letters occur
                // ("é", "ł", "ș", "Δ", "μ").
                _ => {}
            }
            if is_risky_continuation(cand.bytes[1]) {
                // "CAFÉ…", "IRMÃ”": an accented capital ending a word, then
                // punctuation. Mojibake of a letter sits inside a word or
                // stands alone ("2772Ã—1280" for "2772×1280").
                let inside_word = (letter(prev) && letter(next)) || lower(prev) || lower(next) || ctx.word_has_lower;
                return inside_word || in_run || !letter(prev);
            }
            true
        }
        3 => {
            if is_risky_continuation(cand.bytes[1]) && is_risky_continuation(cand.bytes[2]) {
                return in_run || letter(next);
            }
            true
        }
        _ => true,
    }
}

/// One round of repairs from `text` into `out` (cleared first). Returns the
/// number of sequences repaired; `on_repair(before, after)` sees each.
fn fix_round(text: &str, out: &mut String, relaxed: bool, on_repair: &mut dyn FnMut(&str, char)) -> (u64, u64) {
    out.clear();
    let bytes = text.as_bytes();
    let mut repaired = 0u64;
    // Repairs that are certain whatever the context: 3- and 4-byte
    // sequences, runs, sequences with letters on both sides.
    let mut certain = 0u64;
    let mut copied_to = 0;
    let mut last_fix_end = usize::MAX;
    let mut search_from = 0;
    while let Some(rel) = memchr::memchr(0xC3, &bytes[search_from..]) {
        let pos = search_from + rel;
        search_from = pos + 1;
        if pos < copied_to {
            continue;
        }
        let Some(cand) = candidate_at(text, pos) else { continue };
        let prev = text[..pos].chars().next_back();
        let next = text[cand.end..].chars().next();
        let in_run = last_fix_end == pos || candidate_at(text, cand.end).is_some();
        let ctx = Context { word_has_lower: word_before_has_lower(text, pos), relaxed };
        if !is_plausible(&cand, prev, next, in_run, &ctx) {
            continue;
        }
        if cand.len >= 3 || in_run || (prev.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_alphabetic)) {
            certain += 1;
        }
        out.push_str(&text[copied_to..pos]);
        out.push(cand.decoded);
        on_repair(&text[pos..cand.end], cand.decoded);
        repaired += 1;
        copied_to = cand.end;
        last_fix_end = cand.end;
        search_from = cand.end;
    }
    if repaired > 0 {
        out.push_str(&text[copied_to..]);
    }
    (repaired, certain)
}

/// Repairs mojibake in `text`, writing the result to `out` when anything was
/// repaired (returns the count; 0 leaves `out` unspecified).
pub(crate) fn fix(text: &str, out: &mut String, on_repair: &mut dyn FnMut(&str, char)) -> u64 {
    if memchr::memchr(0xC3, text.as_bytes()).is_none() {
        return 0;
    }
    let mut total = 0;
    let mut current: Option<String> = None;
    let mut scratch = String::new();
    let mut repairs: Vec<(String, char)> = Vec::new();
    // Rounds until nothing changes. A text with at least two certain repairs
    // is mojibake: its rounds are redone in relaxed mode.
    let mut relaxed = false;
    loop {
        let src = current.as_deref().unwrap_or(text);
        repairs.clear();
        let (n, certain) = fix_round(src, &mut scratch, relaxed, &mut |before, after| repairs.push((before.to_string(), after)));
        if certain >= 2 && !relaxed {
            relaxed = true;
            continue;
        }
        if n == 0 {
            break;
        }
        for (before, after) in &repairs {
            on_repair(before, *after);
        }
        total += n;
        current = Some(std::mem::take(&mut scratch));
    }
    match current {
        Some(fixed) => {
            *out = fixed;
            total
        }
        None => 0,
    }
}

/// Encodes `text` as UTF-8 and decodes the bytes as Windows-1252, as a
/// misconfigured scraper would (bytes 1252 leaves undefined become the C1
/// control of the same value, as in Latin-1). For tests and evaluation.
pub fn corrupt_as_cp1252(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize].unwrap_or(b as char),
            _ => b as char,
        })
        .collect()
}

/// Encodes `text` as UTF-8 and decodes the bytes as Latin-1 (ISO 8859-1).
pub fn corrupt_as_latin1(text: &str) -> String {
    text.bytes().map(|b| b as char).collect()
}

/// Encodes `text` as Windows-1252 and decodes it as Latin-1: each character
/// 1252 keeps at 0x80–0x9F (curly quotes, dashes, "€", "…") becomes the C1
/// control of that byte; the rest is unchanged (Latin-1 and 1252 agree
/// there, and what 1252 cannot encode is left). For tests and evaluation.
pub fn corrupt_cp1252_as_latin1(text: &str) -> String {
    text.chars()
        .map(|c| match CP1252_HIGH.iter().position(|&x| x == Some(c)) {
            Some(i) => char::from(0x80 + i as u8),
            None => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repair(s: &str) -> String {
        let mut out = String::new();
        if fix(s, &mut out, &mut |_, _| {}) == 0 {
            return s.to_string();
        }
        out
    }

    #[test]
    fn byte_map_round_trips() {
        for b in 0x80u8..=0xFF {
            let c = if (0x80..=0x9F).contains(&b) { CP1252_HIGH[(b - 0x80) as usize].unwrap_or(b as char) } else { b as char };
            assert_eq!(byte_of(c), Some(b));
        }
        assert_eq!(byte_of('a'), None);
        assert_eq!(byte_of('ł'), None);
    }

    #[test]
    fn repairs_common_mojibake() {
        assert_eq!(repair("donâ€™t"), "don’t");
        assert_eq!(repair("cafÃ©"), "café");
        assert_eq!(repair("â€œQuotedâ€\u{9D}"), "“Quoted”");
        assert_eq!(repair("Ã‰tat"), "État");
        assert_eq!(repair("ÐŸÑ€Ð¸Ð²ÐµÑ‚"), "Привет");
        assert_eq!(repair("ðŸ˜€"), "😀");
        assert_eq!(repair("Â©2025"), "©2025");
        assert_eq!(repair("2772Ã—1280"), "2772×1280");
        assert_eq!(repair("LøVÃ«."), "LøVë.");
        assert_eq!(repair("Gear Solid Î”: Snake"), "Gear Solid Δ: Snake");
        // A lone modifier letter is ambiguous; in a text with certain repairs
        // it is mojibake too.
        assert_eq!(repair("berlambang Ë‹SË‹itu"), "berlambang Ë‹SË‹itu");
        assert_eq!(repair("â€œberlambang Ë‹SË‹ituâ€\u{9D}"), "“berlambang ˋSˋitu”");
        assert_eq!(repair("Ø¯. Ø³Ø¹ÙŠØ¯ Ùˆ Ø£Ø\u{AD}Ù…Ø¯"), "د. سعيد و أحمد");
        assert_eq!(repair("Cafe\u{301}".replace('\u{301}', "Ì\u{81}").as_str()), "Cafe\u{301}");
    }

    #[test]
    fn repairs_double_encoding() {
        let clean = "It’s café time — “yes”";
        let twice = corrupt_as_cp1252(&corrupt_as_cp1252(clean));
        assert_ne!(twice, clean);
        assert_eq!(repair(&twice), clean);
    }

    #[test]
    fn leaves_clean_latin_text() {
        for s in [
            "café", "naïve", "Åland", "CAFÉ…", "„ÄRGER“", "heiß“", "IRMÃ…", "AMANHÃ»", "Ölüm", "São Paulo", "Ñandú", "Zürich’s",
            "Ê» É« Ô“ Ö“ Ü” ß‘ à « è » ì … ò ’ ù “", "Москва", "Αθήνα", "東京",
        ] {
            assert_eq!(repair(s), s, "{s}");
        }
    }
}
