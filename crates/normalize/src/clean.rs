//! Character-level clean-up in one pass: line breaks, space characters,
//! whitespace runs, invisible and control characters, optional ASCII
//! typography; then Unicode normalisation (NFC or NFKC) of the lines that need
//! it.

use unicode_normalization::{is_nfc_quick, is_nfkc_quick, IsNormalized, UnicodeNormalization};

use warta_core::swar::{equal, word_at, HIGH, ONES};

use crate::{EditCounts, Typography, UnicodeForm};

/// What the clean-up pass does with one character.
enum Class {
    /// Kept as it is.
    Keep,
    /// A line break of some kind (`\r\n` and lone `\r` are handled apart).
    LineBreak,
    /// A space character other than U+0020 (NBSP, thin space, tab, …).
    Space,
    /// Invisible format character that carries nothing in running text.
    Invisible,
    /// Zero-width (non-)joiner: kept between two non-ASCII characters, where
    /// scripts such as Persian, the Indic scripts and emoji sequences need it.
    Joiner,
    /// C0/C1 control character, DEL, non-character.
    Control,
}

fn classify(c: char) -> Class {
    match c {
        '\n' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => Class::LineBreak,
        '\t' | '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => Class::Space,
        '\u{AD}' | '\u{180E}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' => Class::Invisible,
        '\u{200C}' | '\u{200D}' => Class::Joiner,
        '\0'..='\u{08}' | '\u{0E}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{FFFE}' | '\u{FFFF}' => Class::Control,
        _ => Class::Keep,
    }
}

/// ASCII replacement for typographic punctuation, under [`Typography::Ascii`].
fn ascii_fold(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{2035}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{2036}' | '\u{AB}' | '\u{BB}' => "\"",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => "-",
        '\u{2026}' => "...",
        '\u{2039}' => "<",
        '\u{203A}' => ">",
        _ => return None,
    })
}

/// The Windows-1252 character whose byte a Latin-1 decoder turned into the
/// C1 control `c` (0x80–0x9F but NEL; 0x81, 0x8D, 0x8F, 0x90 and 0x9D have
/// none and stay controls).
fn windows_1252_mark(c: char) -> Option<char> {
    let u = c as u32;
    if !(0x80..=0x9F).contains(&u) || c == '\u{85}' {
        return None;
    }
    crate::entities::CP1252_HIGH[(u - 0x80) as usize]
}

/// The letters of a Latin typesetting ligature ("ﬁ" in "ﬁnance", "Aﬀairs"
/// from a PDF or a publishing system): a presentation form that no keyboard
/// types, which would keep "ﬁnance" from matching "finance" in every later
/// stage. Folded under NFC too (NFKC folds them anyway); the Armenian ones
/// (U+FB13–FB17) are left alone.
fn latin_ligature(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        '\u{FB05}' | '\u{FB06}' => "st",
        _ => return None,
    })
}

/// True for characters that may be changed by NFC or take part in a
/// composition. Everything below U+0300 is NFC-stable and never combines, and
/// so is General Punctuation and the currency block: the common non-ASCII
/// characters of Indonesian and English news skip the costly check.
#[inline]
fn may_need_nfc(c: char) -> bool {
    let u = c as u32;
    u >= 0x300 && !(0x2010..=0x20CF).contains(&u)
}

/// Runs the clean-up pass from `text` into `out` (cleared first) and returns
/// whether anything changed (every change is counted in `edits`).
pub(crate) fn clean(text: &str, form: UnicodeForm, typography: Typography, out: &mut String, edits: &mut EditCounts) -> bool {
    // Most text is already clean, or clean up to some line: that part is
    // checked without being written, then copied in one piece.
    let double_space = has_double_space(text);
    match first_unclean_line(text, form, typography, double_space) {
        Some(resume) => clean_from(text, resume, form, typography, out, edits, double_space),
        None => false,
    }
}

/// [`clean`], given that the lines before byte `resume` (a line start) are
/// clean.
#[allow(clippy::too_many_arguments)]
fn clean_from(
    text: &str,
    resume: usize,
    form: UnicodeForm,
    typography: Typography,
    out: &mut String,
    edits: &mut EditCounts,
    double_space: bool,
) -> bool {
    out.clear();
    out.reserve(text.len());
    let edits_before = edits.total();
    let mut pending_space = false;
    let mut pending_newline = false;
    // True while the current output line is empty.
    let mut line_empty = true;
    let mut needs_nfc = false;
    // A text read as Latin-1 shows it by its C1 quotes, dashes or euro
    // signs; there NEL (0x85) is 1252's "…", elsewhere a line break. Read
    // at the first NEL only: almost no text has one.
    let mut read_as_latin1: Option<bool> = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    if resume > 0 {
        // The state the loop below has after the clean lines and their
        // final line break.
        out.push_str(&text[..resume - 1]);
        pending_newline = true;
        i = resume;
    }
    while i < bytes.len() {
        // Fast path: a run of printable ASCII, with single spaces between
        // printable characters (running ASCII text is copied in one piece).
        let run_start = i;
        if i < bytes.len() && (0x21..0x7F).contains(&bytes[i]) {
            i = ascii_run_end(bytes, i, double_space);
            // A space ending the run is settled by the byte loop below.
            if i > run_start && bytes[i - 1] == b' ' {
                i -= 1;
            }
        }
        loop {
            while i < bytes.len() && (0x21..0x7F).contains(&bytes[i]) {
                i += 1;
            }
            if i > run_start && i + 1 < bytes.len() && bytes[i] == b' ' && (0x21..0x7F).contains(&bytes[i + 1]) {
                i += 1;
                continue;
            }
            break;
        }
        if i > run_start {
            flush_pending(out, &mut pending_space, &mut pending_newline, line_empty);
            out.push_str(&text[run_start..i]);
            line_empty = false;
            continue;
        }
        let b = bytes[i];
        if b == b' ' {
            if pending_space || line_empty || pending_newline {
                edits.whitespace_collapsed += 1;
            }
            pending_space = true;
            i += 1;
            continue;
        }
        if b == b'\r' {
            edits.line_break_normalized += 1;
            i += if bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            newline(&mut pending_space, &mut pending_newline, &mut line_empty, edits);
            continue;
        }
        // `i` is on a char boundary: every branch above advances by whole chars.
        let c = match text[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let len = c.len_utf8();
        let next_char = text[i + len..].chars().next();
        i += len;
        // A C1 control standing for a Windows-1252 mark (text read as
        // Latin-1: "didn\u{92}t", "\u{93}yes\u{94}") is that mark, not a
        // control to delete; NEL (U+0085) is "…" in such a text only.
        let mark = match c {
            '\u{85}' => read_as_latin1.get_or_insert_with(|| text[resume..].contains(|c| matches!(c, '\u{80}' | '\u{91}'..='\u{97}'))).then_some('\u{2026}'),
            _ => windows_1252_mark(c),
        };
        let c = match mark {
            Some(mark) => {
                edits.c1_control_mapped += 1;
                mark
            }
            None => c,
        };
        match classify(c) {
            Class::LineBreak => {
                if c != '\n' {
                    edits.line_break_normalized += 1;
                }
                newline(&mut pending_space, &mut pending_newline, &mut line_empty, edits);
            }
            Class::Space => {
                edits.space_normalized += 1;
                pending_space = true;
            }
            Class::Invisible => edits.invisible_removed += 1,
            Class::Control => edits.control_removed += 1,
            Class::Joiner => {
                let prev_non_ascii = !pending_space && !line_empty && out.as_bytes().last().is_some_and(|&b| b >= 0x80);
                let next_non_ascii = next_char.is_some_and(|n| !n.is_ascii() && matches!(classify(n), Class::Keep | Class::Joiner));
                if prev_non_ascii && next_non_ascii {
                    out.push(c);
                } else {
                    edits.invisible_removed += 1;
                }
            }
            Class::Keep => {
                flush_pending(out, &mut pending_space, &mut pending_newline, line_empty);
                line_empty = false;
                if let Some(letters) = latin_ligature(c) {
                    edits.ligature_folded += 1;
                    out.push_str(letters);
                    continue;
                }
                if typography == Typography::Ascii {
                    if let Some(folded) = ascii_fold(c) {
                        edits.typography += 1;
                        out.push_str(folded);
                        continue;
                    }
                }
                needs_nfc |= form == UnicodeForm::Nfkc || may_need_nfc(c);
                out.push(c);
            }
        }
    }
    if pending_space && !line_empty {
        edits.whitespace_collapsed += 1;
    }
    if pending_newline && !out.is_empty() {
        // A line break at the very end goes.
        edits.blank_line_removed += 1;
    }
    if needs_nfc {
        normalize_form(out, form, edits);
    }
    // Every difference between `text` and `out` is counted as an edit.
    edits.total() != edits_before
}

/// Bytes looked at together by [`is_settled`]: a fixed-size block that the
/// compiler turns into vector compares.
const BLOCK: usize = 64;

/// Whether `text` is proven to need no work from the character-level steps:
/// no `&` (entities), no `<` (markup), no 0xC3 lead byte (mojibake), and nothing [`clean`]
/// would change (no control character, no space at a line end or two in a
/// row, no empty line, only non-ASCII characters kept as they are). `false`
/// means only "not proven": the full pass decides. Most articles are settled
/// and are checked here in one pass of block compares.
pub(crate) fn is_settled(text: &str, form: UnicodeForm, typography: Typography) -> bool {
    let bytes = text.as_bytes();
    let Some(&first) = bytes.first() else { return true };
    if matches!(first, b' ' | b'\n') {
        return false;
    }
    // Block by block: `suspect` flags a byte that needs the full pass (with
    // the byte after it for the pairs), `high` a byte of a non-ASCII char.
    let mut start = 0;
    while start + 1 < bytes.len() {
        let end = (start + BLOCK).min(bytes.len() - 1);
        let (suspect, high) = match (bytes.get(start..start + BLOCK), bytes.get(start + 1..start + BLOCK + 1)) {
            (Some(cur), Some(next)) => {
                let cur: &[u8; BLOCK] = cur.try_into().unwrap_or(&[0; BLOCK]);
                let next: &[u8; BLOCK] = next.try_into().unwrap_or(&[0; BLOCK]);
                block_flags(cur, next)
            }
            _ => pair_flags(&bytes[start..end], &bytes[start + 1..end + 1]),
        };
        if suspect {
            return false;
        }
        if high && !non_ascii_kept(text, start, end, form, typography) {
            return false;
        }
        start = end;
    }
    // The last byte (not a pair start; read last, when its cache line has
    // been brought in by the scan): a space, control or non-ASCII byte.
    let last = bytes[bytes.len() - 1];
    !matches!(last, b' ' | b'\n')
        && last >= 0x20 && last != 0x7F && (last < 0x80 || non_ascii_kept(text, bytes.len() - 1, bytes.len(), form, typography))
}

/// [`pair_flags`] on one whole block, for the compiler to vectorise.
#[inline(always)]
fn block_flags(cur: &[u8; BLOCK], next: &[u8; BLOCK]) -> (bool, bool) {
    let mut suspect = 0u8;
    let mut high = 0u8;
    for k in 0..BLOCK {
        let (c, d) = (cur[k], next[k]);
        let (s, h) = byte_flags(c, d);
        suspect |= s;
        high |= h;
    }
    (suspect != 0, high != 0)
}

/// Flags of the bytes of `cur`, each with the byte after it in `next`.
fn pair_flags(cur: &[u8], next: &[u8]) -> (bool, bool) {
    let mut suspect = 0u8;
    let mut high = 0u8;
    for (&c, &d) in cur.iter().zip(next) {
        let (s, h) = byte_flags(c, d);
        suspect |= s;
        high |= h;
    }
    (suspect != 0, high != 0)
}

/// `(suspect, high)` for byte `c` followed by `d`, without branches.
#[inline(always)]
fn byte_flags(c: u8, d: u8) -> (u8, u8) {
    let space_c = (c == b' ') | (c == b'\n');
    let space_d = (d == b' ') | (d == b'\n');
    let control = (c < 0x20) & (c != b'\n') | (c == 0x7F);
    let suspect = (c == b'&') | (c == b'<') | control | (space_c & space_d);
    (u8::from(suspect), u8::from(c >= 0x80))
}

/// Whether every char that starts in `text[from..to]` (byte offsets, maybe
/// not on char boundaries) is non-ASCII kept as it is by [`clean`], with no
/// 0xC3 lead byte, or ASCII.
fn non_ascii_kept(text: &str, from: usize, to: usize, form: UnicodeForm, typography: Typography) -> bool {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < to {
        // Eight ASCII bytes at a time are passed over.
        if let Some(w) = word_at(bytes, i) {
            if w & HIGH == 0 {
                i += 8;
                continue;
            }
        }
        let (at, b) = (i, bytes[i]);
        i += 1;
        // A lead byte starts a char; continuation bytes belong to one.
        if b < 0xC0 {
            continue;
        }
        if b == 0xC3 || form != UnicodeForm::Nfc {
            return false;
        }
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else { return false };
        let kept = matches!(classify(c), Class::Keep) && !may_need_nfc(c) && (typography == Typography::Keep || ascii_fold(c).is_none());
        if !kept {
            return false;
        }
    }
    true
}

/// Start of the first line that [`clean`] would change, or `None` when it
/// would change nothing. Lines before it are non-empty, have no space at
/// either end nor two in a row, and hold only printable ASCII and characters
/// kept as they are (no composition candidate, nothing to fold). A text
/// ending in a line break reports the (empty) line after it.
fn first_unclean_line(text: &str, form: UnicodeForm, typography: Typography, double_space: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.is_empty() {
        return None;
    }
    let mut i = 0;
    loop {
        let line_start = i;
        if i >= bytes.len() || bytes[i] == b'\n' || bytes[i] == b' ' {
            return Some(line_start);
        }
        loop {
            if i < bytes.len() && (0x21..0x7F).contains(&bytes[i]) {
                i = ascii_run_end(bytes, i, double_space);
            }
            let Some(&b) = bytes.get(i) else {
                return (bytes[i - 1] == b' ').then_some(line_start);
            };
            match b {
                0x21..=0x7E => i += 1,
                b' ' => {
                    // One space, between two characters of the line.
                    if bytes[i - 1] == b' ' || matches!(bytes.get(i + 1), None | Some(b' ' | b'\n')) {
                        return Some(line_start);
                    }
                    i += 1;
                }
                b'\n' => {
                    if bytes[i - 1] == b' ' {
                        return Some(line_start);
                    }
                    i += 1;
                    break;
                }
                0x80.. => {
                    // `i` is on a char boundary: every step is a whole char.
                    let c = text[i..].chars().next()?;
                    let kept = matches!(classify(c), Class::Keep)
                        && form == UnicodeForm::Nfc
                        && !may_need_nfc(c)
                        && (typography == Typography::Keep || ascii_fold(c).is_none());
                    if !kept {
                        return Some(line_start);
                    }
                    i += c.len_utf8();
                }
                _ => return Some(line_start),
            }
        }
    }
}

/// Whether a byte of `w` may lie outside 0x20–0x7E (never false when one
/// does; may be true when none does).
#[inline(always)]
fn may_have_unprintable(w: u64) -> bool {
    let below = w.wrapping_sub(ONES * 0x20) & !w;
    let del = w ^ (ONES * 0x7F);
    let del = del.wrapping_sub(ONES) & !del;
    (w | below | del) & HIGH != 0
}

/// End of the run of printable ASCII starting at `i` (which is printable and
/// not a space), eight bytes at a time: stops before a chunk holding a byte
/// outside 0x20–0x7E or two adjacent spaces. May end on a space.
#[inline]
fn ascii_run_end(bytes: &[u8], mut i: usize, may_have_double_space: bool) -> usize {
    if !may_have_double_space {
        return printable_run_end(bytes, i);
    }
    // Whole blocks first; a double space across a block's end stops it, so
    // the chunks below start after no space pair.
    i = plain_blocks_end(bytes, i, true);
    let mut prev_space = false;
    while let Some(w) = word_at(bytes, i) {
        if may_have_unprintable(w) {
            break;
        }
        // Exactly the bytes equal to a space.
        let space = equal(w, b' ');
        if space & (space << 8) != 0 || (prev_space && space & 0x80 != 0) {
            break;
        }
        prev_space = space >> 63 != 0;
        i += 8;
    }
    i
}

/// End of the run of bytes 0x20-0x7E starting at `i`, eight bytes at a
/// time (like [`ascii_run_end`] for a text without two spaces in a row).
#[inline]
fn printable_run_end(bytes: &[u8], mut i: usize) -> usize {
    i = plain_blocks_end(bytes, i, false);
    while let Some(w) = word_at(bytes, i) {
        if may_have_unprintable(w) {
            break;
        }
        i += 8;
    }
    i
}

/// Start of the first [`BLOCK`]-byte block from `i` that holds a byte
/// outside 0x20–0x7E or, when `check_double_space`, a space followed by a
/// space (the pair may end just past the block). Whole blocks are tested in
/// vector compares: long runs of running text pass in a few steps.
#[inline]
fn plain_blocks_end(bytes: &[u8], mut i: usize, check_double_space: bool) -> usize {
    while let Some(window) = bytes.get(i..i + BLOCK + 1) {
        let window: &[u8; BLOCK + 1] = window.try_into().unwrap_or(&[0; BLOCK + 1]);
        let mut stop = 0u8;
        for k in 0..BLOCK {
            let (c, d) = (window[k], window[k + 1]);
            let unprintable = !(0x20..=0x7E).contains(&c);
            let double_space = (c == b' ') & (d == b' ') & check_double_space;
            stop |= u8::from(unprintable | double_space);
        }
        if stop != 0 {
            break;
        }
        i += BLOCK;
    }
    i
}

/// Whether `text` has two spaces in a row anywhere (most text has not, and
/// the run scanners then skip that test).
fn has_double_space(text: &str) -> bool {
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    FINDER.get_or_init(|| memchr::memmem::Finder::new(b"  ")).find(text.as_bytes()).is_some()
}

#[inline]
fn flush_pending(out: &mut String, pending_space: &mut bool, pending_newline: &mut bool, line_empty: bool) {
    if *pending_newline {
        if !out.is_empty() {
            out.push('\n');
        }
        *pending_newline = false;
        *pending_space = false;
    } else if *pending_space {
        if !line_empty {
            out.push(' ');
        }
        *pending_space = false;
    }
}

#[inline]
fn newline(pending_space: &mut bool, pending_newline: &mut bool, line_empty: &mut bool, edits: &mut EditCounts) {
    if *pending_space {
        // A space before a line break is dropped (one on an empty line was
        // counted when it came).
        if !*line_empty {
            edits.whitespace_collapsed += 1;
        }
        *pending_space = false;
    }
    if *pending_newline || *line_empty {
        // A blank line, or a break at the very start: paragraphs are kept as
        // one "\n", so the extra break goes.
        edits.blank_line_removed += 1;
    }
    *pending_newline = true;
    *line_empty = true;
}

/// Applies NFC/NFKC to each line that the quick check does not clear.
fn normalize_form(text: &mut String, form: UnicodeForm, edits: &mut EditCounts) {
    let quick = |s: &str| match form {
        UnicodeForm::Nfc => is_nfc_quick(s.chars()),
        UnicodeForm::Nfkc => is_nfkc_quick(s.chars()),
    };
    if quick(text) == IsNormalized::Yes {
        return;
    }
    let mut out = String::with_capacity(text.len());
    let mut changed_lines = 0u64;
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        if quick(line) == IsNormalized::Yes {
            out.push_str(line);
            continue;
        }
        let start = out.len();
        match form {
            UnicodeForm::Nfc => out.extend(line.nfc()),
            UnicodeForm::Nfkc => out.extend(line.nfkc()),
        }
        if &out[start..] != line {
            changed_lines += 1;
        }
    }
    if changed_lines > 0 {
        match form {
            UnicodeForm::Nfc => edits.nfc += changed_lines,
            UnicodeForm::Nfkc => edits.nfkc += changed_lines,
        }
        *text = out;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pieces() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "a", "Kata", " ", "  ", "\n", "\n\n", "\r\n", "\t", "é", "e\u{301}", "\u{a0}", "\u{200b}", "’", "…", "ﬁ",
            "\u{200d}", "\u{1}", "x.", "Ω", "한",
        ]);
        prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
    }

    /// Long lines (several blocks) of the pieces, for the block scans.
    fn long_lines() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec!["kata", "Kata", " ", "  ", "\n", "x.", "é", "\u{a0}", "\t", "’", "\u{7f}"]);
        (prop::collection::vec(piece, 0..400), any::<u8>()).prop_map(|(v, seed)| {
            // Mostly running text: only some of the rarer pieces are kept.
            v.into_iter().enumerate().filter(|(n, p)| p.len() > 2 || (n + usize::from(seed)) % 9 == 0).map(|(_, p)| p).collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// A run end covers only printable ASCII (single spaces, when asked),
        /// and whole blocks never stop earlier than eight-byte chunks would.
        #[test]
        fn run_ends_cover_plain_bytes_only(text in long_lines(), start in 0usize..64) {
            let bytes = text.as_bytes();
            if let Some(i) = (start..bytes.len()).find(|&i| (0x21..0x7F).contains(&bytes[i])) {
                for double in [false, true] {
                    let end = if double { ascii_run_end(bytes, i, true) } else { printable_run_end(bytes, i) };
                    prop_assert!(end >= i && end <= bytes.len());
                    prop_assert!(bytes[i..end].iter().all(|b| (0x20..0x7F).contains(b)));
                    if double {
                        prop_assert!(!bytes[i..end].windows(2).any(|w| w == b"  "));
                    }
                    // Eight-byte chunks alone would not have gone further.
                    let mut j = i;
                    while let Some(w) = word_at(bytes, j) {
                        let chunk = &bytes[j..j + 8];
                        let before_space = j > i && bytes[j - 1] == b' ';
                        if may_have_unprintable(w) || (double && (chunk.windows(2).any(|p| p == b"  ") || (before_space && chunk[0] == b' '))) {
                            break;
                        }
                        j += 8;
                    }
                    prop_assert_eq!(end, j);
                }
            }
        }

        /// The whole pass on long text: skipping clean lines changes nothing.
        #[test]
        fn long_text_fast_equals_full(text in long_lines()) {
            let (mut fast, mut full) = (String::new(), String::new());
            let (mut fast_edits, mut full_edits) = (EditCounts::default(), EditCounts::default());
            let fast_changed = clean(&text, UnicodeForm::Nfc, Typography::Keep, &mut fast, &mut fast_edits);
            let full_changed = clean_from(&text, 0, UnicodeForm::Nfc, Typography::Keep, &mut full, &mut full_edits, true);
            prop_assert_eq!(fast_changed, full_changed);
            prop_assert_eq!(fast_edits, full_edits);
            if full_changed {
                prop_assert_eq!(fast, full);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        /// Skipping the clean lines gives what the whole pass gives.
        #[test]
        fn skipping_clean_lines_changes_nothing(text in pieces(), nfkc in any::<bool>(), ascii in any::<bool>()) {
            let form = if nfkc { UnicodeForm::Nfkc } else { UnicodeForm::Nfc };
            let typography = if ascii { Typography::Ascii } else { Typography::Keep };
            let (mut fast, mut full) = (String::new(), String::new());
            let (mut fast_edits, mut full_edits) = (EditCounts::default(), EditCounts::default());
            let fast_changed = clean(&text, form, typography, &mut fast, &mut fast_edits);
            let full_changed = clean_from(&text, 0, form, typography, &mut full, &mut full_edits, true);
            prop_assert_eq!(fast_changed, full_changed);
            prop_assert_eq!(fast_edits, full_edits);
            if full_changed {
                prop_assert_eq!(fast, full);
            } else {
                prop_assert_eq!(full, text);
            }
        }
    }
}
