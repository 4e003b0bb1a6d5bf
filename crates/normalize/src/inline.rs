//! Boilerplate run into a line of article text.
//!
//! Read-also boxes: a scraper that flattens a page runs the "Baca Juga" box
//! into the paragraph around it, its linked headlines glued one to the next
//! and the article glued after the last ("…termasuk kepolisian.Baca
//! JugaTertimbun Longsor, Dua Penambang Berhasil DievakuasiWarga Bandung
//! Terkena Virus HantaAdapun kedua korban …"). Headlines are written in title
//! case and the article in sentence case, so the glued run after the marker
//! is cut where one piece ends and the next begins (a capital glued to the
//! letter, digit or mark before it), and the first piece that is not a
//! headline is where the article resumes. A box whose first piece is not a
//! title-case headline is left as it is: nothing tells where it ends. A line
//! that opens with the marker and holds nothing but headlines is the line
//! filter's ([`crate::boilerplate`]).
//!
//! Follow promotions at a paragraph's end: "… kata dia. Ikuti Whatsapp
//! Channel Republika", with the page's "Loading..." placeholder before it
//! and the wire credit glued after it ("Republikasumber : Antara").

use std::sync::OnceLock;

use crate::literals::Literals;

/// Something to cut: `text[start..end]` becomes `replacement`; `kind` is the
/// boilerplate kind it is recorded as ([`crate::boilerplate::reason`]).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Cut {
    start: usize,
    end: usize,
    replacement: &'static str,
    kind: &'static str,
}

/// Words a title-case headline leaves in lower case.
const LOWER_IN_TITLES: &[&str] = &[
    "di", "ke", "dari", "dan", "yang", "untuk", "dengan", "atau", "pada", "dalam", "oleh", "soal", "usai", "hingga", "sampai",
    "saat", "agar", "bagi", "demi", "per", "vs", "jadi", "jelang", "antara", "tak", "the", "of", "and", "in", "for", "to", "on", "at",
];

/// A piece longer than this (in words) is article text, not a headline.
const MAX_HEADLINE_WORDS: usize = 20;

/// Share of a piece's words (those a title does not leave in lower case)
/// that open with a capital or digit, from which it is a headline.
const MIN_TITLE_SHARE: f64 = 0.75;

/// Pieces with fewer such words than this are too short to judge ("Jak" of
/// "JakPro", "Moto" of "MotoGP"): they neither open nor end the box.
const MIN_JUDGED_WORDS: usize = 3;

/// The markers, found in one search per article (which runs on every
/// article): "Baca " of a read-also box as it is glued into a line ("Baca
/// Juga", "Baca juga"; a line that opens with "BACA JUGA" is the line
/// filter's), and a follow promotion's "Ikuti Whats".
const MARKERS: [&str; 2] = ["Baca ", FOLLOW_MARKER];
const FOLLOW_MARKER: &str = "Ikuti Whats";

/// Where the markers start in `bytes`, each with its index in [`MARKERS`].
fn marker_starts(bytes: &[u8]) -> Vec<(usize, usize)> {
    static MARKER_SEARCH: OnceLock<Literals> = OnceLock::new();
    let search = MARKER_SEARCH.get_or_init(|| Literals::new(&MARKERS, false));
    search.find_all(bytes).into_iter().map(|(start, _, marker)| (start, marker)).collect()
}

/// Cuts the boilerplate run into lines of `text`; `on_removed(kind, text)`
/// sees each cut, in text order. Returns whether anything was cut.
///
/// Placeholders first, then read-also boxes, then the follow promotions in what is left: a
/// promotion is judged by the rest of its line, which a box cut may shorten,
/// and a second run must find nothing more. Boxes never depend on a
/// promotion: one inside a box's run is a piece of its own, read as one of
/// its headlines.
pub fn remove(text: &mut String, on_removed: &mut dyn FnMut(&'static str, &str)) -> bool {
    // The placeholders first: a box is judged by the rest of its line, which
    // a placeholder cut shortens ("Baca JugaT…Baca_Juga n J"); and a box cut
    // can free a placeholder ("…WeBaca_Juga e" after the box "Baca JugaT L
    // We"): round until neither cuts, so that a second run finds nothing.
    let mut cut = false;
    for _ in 0..MAX_PLACEHOLDER_ROUNDS {
        let placeholders = placeholders(text);
        let cut_placeholders = !placeholders.is_empty();
        if cut_placeholders {
            apply(text, &placeholders, on_removed);
        }
        let cut_boxes = remove_marked(text, on_removed);
        cut |= cut_placeholders || cut_boxes;
        if !cut_boxes {
            break;
        }
    }
    if let Some(credit) = end_credit(text) {
        apply(text, &[credit], on_removed);
        // The space before the credit.
        text.truncate(text.trim_end().len());
        cut = true;
    }
    cut
}

/// How many rounds of placeholders and boxes [`remove`] makes at most (real
/// text settles in one; the bound keeps a crafted one cheap).
const MAX_PLACEHOLDER_ROUNDS: usize = 4;

/// The read-also boxes and follow promotions of [`remove`].
fn remove_marked(text: &mut String, on_removed: &mut dyn FnMut(&'static str, &str)) -> bool {
    let markers = marker_starts(text.as_bytes());
    if markers.is_empty() {
        return false;
    }
    let boxes = boxes(text, &markers);
    apply(text, &boxes, on_removed);
    let promos_left = markers.iter().any(|&(_, marker)| marker == 1);
    let promos = if !promos_left {
        Vec::new()
    } else if boxes.is_empty() {
        follow_promos(text, &markers)
    } else {
        follow_promos(text, &marker_starts(text.as_bytes()))
    };
    apply(text, &promos, on_removed);
    !(boxes.is_empty() && promos.is_empty())
}

/// The read-also boxes to cut, in order, none overlapping.
fn boxes(text: &str, markers: &[(usize, usize)]) -> Vec<Cut> {
    let mut out: Vec<Cut> = Vec::new();
    for &(at, _) in markers.iter().filter(|&&(_, m)| m == 0) {
        if out.last().is_some_and(|c| at < c.end) {
            continue;
        }
        if let Some(cut) = box_at(text, at) {
            out.push(cut);
        }
    }
    out
}

/// The follow promotions to cut, in order. Each is judged by the rest of its
/// line, so they are judged from the last: one cut leaves the line ending
/// where it starts for the promotion before it ("… Ikuti WhatsApp Channel
/// AIkuti WhatsApp Channel B" loses both at once, as a second run would).
fn follow_promos(text: &str, markers: &[(usize, usize)]) -> Vec<Cut> {
    let bytes = text.as_bytes();
    let mut out: Vec<Cut> = Vec::new();
    // The last cut's line (where it ends) and its start.
    let mut last: Option<(usize, usize)> = None;
    for &(at, _) in markers.iter().rev().filter(|&&(_, m)| m == 1) {
        let line_end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |p| at + p);
        let end = match last {
            Some((cut_line_end, cut_start)) if cut_line_end == line_end => cut_start,
            _ => line_end,
        };
        if at >= end {
            continue;
        }
        if let Some(mut cut) = follow_promo_at(text, at, end) {
            last = Some((line_end, cut.start));
            // A whole line cut (past the end it was judged by) takes the
            // cuts after it on that line, and joins a whole line cut on the
            // next line that took the line break between them: both lines
            // go, as a second run would take what the first left.
            if cut.end > end {
                let mut joined_the_last_line = false;
                while let Some(later) = out.pop_if(|later| later.start < cut.end) {
                    joined_the_last_line |= later.end == bytes.len() && later.end > cut.end;
                    cut.end = cut.end.max(later.end);
                }
                // The text's last line took the break before it, this line
                // the one after it: the break before this line goes too, as
                // it would for the last line alone.
                if joined_the_last_line && cut.start > 0 {
                    cut.start -= 1;
                }
            }
            out.push(cut);
        }
    }
    out.reverse();
    out
}

fn apply(text: &mut String, cuts: &[Cut], on_removed: &mut dyn FnMut(&'static str, &str)) {
    for cut in cuts {
        // What was cut, without the spaces and line breaks around it.
        on_removed(cut.kind, text[cut.start..cut.end].trim());
    }
    for cut in cuts.iter().rev() {
        text.replace_range(cut.start..cut.end, cut.replacement);
    }
}

/// What a site's template leaves where its read-also box was: a token no
/// prose writes.
const PLACEHOLDER: &[u8] = b"baca_juga";

/// The read-also placeholders ("Baca_Juga") left in the text: on a line of
/// their own (the line goes), before the paragraph's text, or inside it. One
/// dropped into a word ("Ma Baca_Juga ntan") joins the word again when the
/// two pieces make a known word and the second is none.
fn placeholders(text: &str) -> Vec<Cut> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = memchr::memchr(b'_', &bytes[from..]) {
        let underscore = from + p;
        from = underscore + 1;
        let Some(start) = underscore.checked_sub(4) else { continue };
        let mut end = start + PLACEHOLDER.len();
        if end > bytes.len() || !bytes[start..end].eq_ignore_ascii_case(PLACEHOLDER) {
            continue;
        }
        // A token of its own, not part of a handle or a file name.
        let letter_or_mark = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'@' || b == b'/';
        let stands_alone = |end: usize| {
            let file_name = bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_alphanumeric);
            !bytes.get(end).is_some_and(|&b| letter_or_mark(b)) && !file_name
        };
        if start > 0 && letter_or_mark(bytes[start - 1]) || !stands_alone(end) {
            continue;
        }
        // Placeholders in a row ("Baca_Juga Baca_Juga") are one cut, judged
        // as one: its line, and the spaces around it.
        while bytes.get(end) == Some(&b' ')
            && bytes.get(end + 1..end + 1 + PLACEHOLDER.len()).is_some_and(|p| p.eq_ignore_ascii_case(PLACEHOLDER))
            && stands_alone(end + 1 + PLACEHOLDER.len())
        {
            end += 1 + PLACEHOLDER.len();
        }
        let space_before = start > 0 && bytes[start - 1] == b' ';
        let space_after = bytes.get(end) == Some(&b' ');
        let line_start = start == 0 || bytes[start - 1] == b'\n';
        let line_end = end == bytes.len() || bytes[end] == b'\n';
        let (cut_start, cut_end, replacement) = if line_start && line_end {
            // The line and one line break.
            if end < bytes.len() {
                (start, end + 1, "")
            } else {
                (start.saturating_sub(1), end, "")
            }
        } else if space_before && space_after {
            let left = text[..start - 1].rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
            let right = text[end + 1..].split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
            let joined = format!("{left}{right}").to_lowercase();
            let inside_a_word = !left.is_empty()
                && !right.is_empty()
                && right.starts_with(|c: char| c.is_lowercase())
                && crate::glue::is_known_word(&joined)
                && !crate::glue::is_known_word(&right.to_lowercase());
            (start - 1, end + 1, if inside_a_word { "" } else { " " })
        } else if space_after {
            (start, end + 1, "")
        } else if space_before {
            (start - 1, end, "")
        } else {
            (start, end, "")
        };
        // Cuts never overlap: a space the cut before took (and gave back as
        // its replacement) is not taken again ("Baca_Juga Baca_Juga").
        let taken = out.last().map_or(0, |c: &Cut| c.end);
        let (cut_start, replacement) = if cut_start < taken { (taken, "") } else { (cut_start, replacement) };
        out.push(Cut { start: cut_start, end: cut_end, replacement, kind: "baca_juga" });
        from = cut_end;
    }
    out
}

/// The writer's or editor's credit glued after a story's last sentence:
/// "… kata dia. (rsa/rsa)", "… Minggu (11/2). [Antara]". The line filter
/// takes a credit on a line of its own; this one shares the line, after a
/// sentence end and a space.
fn end_credit(text: &str) -> Option<Cut> {
    let body = text.trim_end();
    let close = *body.as_bytes().last()?;
    let open = match close {
        b')' => b'(',
        b']' => b'[',
        _ => return None,
    };
    let at = memchr::memrchr(open, body.as_bytes())?;
    if !crate::boilerplate::is_bracketed_credit(&body[at..]) {
        return None;
    }
    let before = body[..at].strip_suffix(' ')?;
    if !before.ends_with(['.', '!', '?', '…', '"', '\'', '”', '’']) {
        return None;
    }
    Some(Cut { start: at, end: body.len(), replacement: "", kind: "credit" })
}

/// The page's lazy-loading placeholder, left before a promotion.
const LOADING: &str = "Loading...";

/// The longest follow promotion cut, from its marker to the line end (the
/// channel's name and a wire credit glued to it).
const MAX_FOLLOW_TAIL: usize = 80;

/// A follow promotion at the end of a line of article text, its marker at
/// `at` and the line taken to end at `line_end`: "Ikuti WhatsApp Channel
/// <name>" with nothing after it on the line but a short credit, after the
/// paragraph's last sentence (with the page's "Loading..." between). A line
/// that opens with it is the line filter's.
fn follow_promo_at(text: &str, at: usize, line_end: usize) -> Option<Cut> {
    let bytes = &text.as_bytes()[..line_end];
    let rest = &bytes[at + FOLLOW_MARKER.len()..];
    if !rest.get(..11)?.eq_ignore_ascii_case(b"app channel") {
        return None;
    }
    if line_end - at > MAX_FOLLOW_TAIL || memchr::memchr(b'.', &bytes[at..line_end]).is_some_and(|p| bytes.get(at + p + 1) == Some(&b' ')) {
        return None;
    }
    let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |p| p + 1);
    let before_marker = text[line_start..at].trim_end_matches(' ');
    let before = before_marker.strip_suffix(LOADING).unwrap_or(before_marker).trim_end_matches(' ');
    let Some(last) = before.chars().next_back() else {
        // A line of its own: the line filter's, unless the placeholder
        // opens it ("Loading...Ikuti …"); then the line goes, with a line
        // break beside it.
        if before_marker.is_empty() {
            return None;
        }
        let real_end = memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |p| at + p);
        let (start, end) = if real_end < text.len() { (line_start, real_end + 1) } else { (line_start.saturating_sub(1), real_end) };
        return Some(Cut { start, end, replacement: "", kind: "follow" });
    };
    if !(ends_sentence(last) || last.is_alphanumeric()) {
        return None;
    }
    Some(Cut { start: line_start + before.len(), end: line_end, replacement: "", kind: "follow" })
}

/// The box whose marker ("Baca Juga", "Baca juga", "Baca JUGA") starts at `at`.
fn box_at(text: &str, at: usize) -> Option<Cut> {
    box_at_with(text, at, true)
}

/// [`box_at`], with or without the shortcut for a run that is one piece.
fn box_at_with(text: &str, at: usize, shortcut: bool) -> Option<Cut> {
    let bytes = text.as_bytes();
    if !is_marker(&bytes[at..]) {
        return None;
    }
    let marker_end = at + "Baca juga".len();
    let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |p| p + 1);
    let line_end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |p| at + p);
    // What stands before the marker: the line start, or text the box was
    // glued to, or a sentence end and spaces ("kata dia. Baca juga: …").
    let before = text[line_start..at].trim_end_matches(' ');
    let cut_start = line_start + before.len();
    if let Some(last) = before.chars().next_back() {
        let glued = cut_start == at && last.is_alphanumeric();
        if !glued && !ends_sentence(last) {
            return None;
        }
    }
    // The first headline: after an optional colon, a capital, digit or quote.
    let mut head = marker_end;
    head += count_while(&bytes[head..line_end], |b| b == b' ');
    if bytes.get(head) == Some(&b':') {
        head += 1;
        head += count_while(&bytes[head..line_end], |b| b == b' ');
    }
    if head >= line_end {
        return None;
    }
    // Most boxes are a line of their own with one headline and nothing glued
    // ("Baca juga: Harga Emas Naik"): one piece, no resume, the line
    // filter's. Found without cutting the line into pieces.
    if shortcut && !may_hold_a_cut(&bytes[head..line_end]) {
        // At a line start one piece is never cut here: no need to judge it.
        if before.is_empty() {
            return None;
        }
        return match judge(&text[head..line_end]) {
            Piece::Headline => Some(Cut { start: cut_start, end: line_end, replacement: "", kind: "baca_juga" }),
            _ => None,
        };
    }
    let mut saw_headline = false;
    let mut resume = None;
    // A short piece cut off the article's first word ("Aplikasi Ina" of
    // "Aplikasi InaWis itu memuat …") goes back to the article: words of
    // the article lost weigh more than a scrap of a headline kept.
    let mut short_before: Option<usize> = None;
    for (start, end) in pieces(text, head, line_end) {
        match judge(&text[start..end]) {
            Piece::Headline => {
                saw_headline = true;
                short_before = None;
            }
            Piece::Short => short_before = Some(start),
            Piece::Other => {
                let inside_word = |at: usize| text[..at].chars().next_back().is_some_and(char::is_alphabetic);
                resume = Some(short_before.filter(|_| inside_word(start)).unwrap_or(start));
                break;
            }
        }
    }
    if !saw_headline {
        return None;
    }
    let at_line_start = before.is_empty();
    match resume {
        // The article goes on after the box: on a line of its own.
        Some(resume) => Some(Cut { start: cut_start, end: resume, replacement: if at_line_start { "" } else { "\n" }, kind: "baca_juga" }),
        None if at_line_start => None,
        None => Some(Cut { start: cut_start, end: line_end, replacement: "", kind: "baca_juga" }),
    }
}

/// Whether [`pieces`] may cut `run` anywhere: a capital, quote or non-ASCII
/// character glued to the byte before it, or a marker. False means the run
/// is one piece.
fn may_hold_a_cut(run: &[u8]) -> bool {
    run.windows(2).any(|w| w[0] != b' ' && (w[1].is_ascii_uppercase() || w[1] == b'"' || w[1] >= 0x80))
        || (1..run.len()).any(|p| matches!(run[p], b'B' | b'I' | b'L') && opens_marker_piece(&run[p..]))
}

/// Whether `bytes` opens with a read-also or follow marker, the follow
/// marker maybe after the page's placeholder: the placeholder goes with the
/// promotion, so the piece before is judged without it, as it is once the
/// promotion is cut.
fn opens_marker_piece(bytes: &[u8]) -> bool {
    is_marker(bytes) || opens_follow_marker(bytes)
}

fn opens_follow_marker(bytes: &[u8]) -> bool {
    let after_placeholder = bytes.strip_prefix(LOADING.as_bytes()).map(|rest| &rest[count_while(rest, |b| b == b' ')..]);
    after_placeholder.unwrap_or(bytes).starts_with(FOLLOW_MARKER.as_bytes())
}

/// Whether `bytes` opens with the marker, "Baca juga" in any case after the B.
fn is_marker(bytes: &[u8]) -> bool {
    bytes.len() >= 9 && bytes.starts_with(b"Baca ") && bytes[5..9].eq_ignore_ascii_case(b"juga")
}

fn count_while(bytes: &[u8], keep: impl Fn(u8) -> bool) -> usize {
    bytes.iter().take_while(|&&b| keep(b)).count()
}

/// Marks that end a sentence, with the closing quotes and bracket after them.
fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '"' | '”' | '’' | ')')
}

/// The pieces of `text[from..to]`: it is cut before a capital (or an opening
/// quote before one) glued to a lower-case letter, a digit or a sentence end,
/// and before the last capital of an acronym glued to a word ("PLKDi").
fn pieces(text: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = from;
    let mut prev: Option<char> = None;
    let mut prev2: Option<char> = None;
    let mut chars = text[from..to].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let opens = c.is_uppercase() || (matches!(c, '"' | '“') && next.is_some_and(char::is_uppercase));
        // Not right after a cut: the capital after an opening quote.
        // The placeholder and the follow marker after it are one piece.
        let after_placeholder = || text[start..from + i].trim_end_matches(' ') == LOADING;
        let cut = match prev {
            Some(p) if opens && i > 0 && from + i > start + p.len_utf8() && !after_placeholder() => {
                (p.is_lowercase() && (!c.is_uppercase() || is_glue_between_words(text, from + i, c)))
                    || p.is_ascii_digit()
                    || matches!(p, '!' | '?' | '"' | '”' | ')')
                    || (p == '.' && !prev2.is_some_and(char::is_uppercase))
                    || (c.is_uppercase()
                        && p.is_uppercase()
                        && prev2.is_some_and(char::is_uppercase)
                        && next.is_some_and(char::is_lowercase)
                        && is_glue_between_words(text, from + i, c))
            }
            _ => false,
        };
        // A second marker, or a follow promotion's, always opens a piece of
        // its own: what stands before it is judged without it, whether or
        // not the promotion is cut later.
        let cut = cut || (i > 0 && opens_marker_piece(&text.as_bytes()[from + i..]) && !after_placeholder());
        if cut {
            out.push((start, from + i));
            start = from + i;
        }
        prev2 = prev;
        prev = Some(c);
    }
    out.push((start, to));
    out
}

/// Whether the capital at `at`, glued to the letter before it, opens a new
/// word: the word it opens (a capital and its lower-case letters, or an
/// acronym without the capital that opens the next word: "GP" of
/// "MotoGPMarquez") is one clean Indonesian text uses ("Adapun", "Dalam",
/// "Ini"), and the run up to its end is not itself such a word ("MotoGP",
/// "PlayStation"), nor a word opened by a single lower-case letter
/// ("iPhone", "eKTP"). Where unsure, no cut: a headline left in the text
/// costs less than article words cut with it ("Wanna|Cry", "UB|Skini" of
/// "UBS kini"). Only the fixed vocabulary decides, never what else the text
/// holds, so that a second run of the stage cuts nothing more.
fn is_glue_between_words(text: &str, at: usize, capital: char) -> bool {
    let bytes = text.as_bytes();
    let is_letter = |b: &u8| b.is_ascii_alphabetic() || *b >= 0x80;
    let start = at - bytes[..at].iter().rev().take_while(|b| is_letter(b)).count();
    let end = at + bytes[at..].iter().take_while(|b| is_letter(b)).count();
    if at - start == 1 && bytes[start].is_ascii_lowercase() {
        return false;
    }
    let mut word_end = at + capital.len_utf8();
    if word_end < end && bytes[word_end].is_ascii_uppercase() {
        word_end += count_while(&bytes[word_end..end], |b| b.is_ascii_uppercase());
        if word_end < end && bytes[word_end].is_ascii_lowercase() {
            word_end -= 1;
        }
    } else {
        word_end += count_while(&bytes[word_end..end], |b| !b.is_ascii_uppercase());
    }
    let count = |s: &str| crate::glue::word_count(&s.to_ascii_lowercase());
    count(&text[at..word_end]) >= MIN_OPENING_WORD_COUNT && count(&text[start..word_end]) == 0
}

/// How often clean text must use the word a glued capital opens for the glue
/// to be cut there: the article's first words are common ones ("Adapun",
/// "Bahkan", "Dalam"), the tail of a camel-case name seldom is ("Cry").
const MIN_OPENING_WORD_COUNT: u32 = 5;

#[derive(Debug, PartialEq, Eq)]
enum Piece {
    Headline,
    Short,
    Other,
}

fn judge(piece: &str) -> Piece {
    // A second marker inside the box links more headlines; a follow
    // promotion belongs to the box too.
    if opens_marker_piece(piece.as_bytes()) {
        return Piece::Headline;
    }
    let (mut words, mut judged, mut capitalised) = (0, 0, 0);
    let mut last_was_lower = false;
    for word in piece.split_whitespace() {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = word.chars().next() else { continue };
        words += 1;
        if words > MAX_HEADLINE_WORDS {
            return Piece::Other;
        }
        if LOWER_IN_TITLES.contains(&word) {
            continue;
        }
        judged += 1;
        // Two lower-case words in a row: a sentence, where a headline that
        // kept its spaces runs into the article ("… Tombol Home Fisik Galaxy
        // C9 Pro memiliki baterai").
        let lower = first.is_lowercase();
        if lower && last_was_lower {
            return Piece::Other;
        }
        last_was_lower = lower;
        if first.is_uppercase() || first.is_ascii_digit() {
            capitalised += 1;
        }
    }
    if judged < MIN_JUDGED_WORDS {
        Piece::Short
    } else if capitalised as f64 >= MIN_TITLE_SHARE * judged as f64 {
        Piece::Headline
    } else {
        Piece::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> String {
        let mut out = text.to_string();
        remove(&mut out, &mut |_, _| {});
        out
    }

    #[test]
    fn read_also_placeholders_go() {
        let mut removed = Vec::new();
        let mut text = "Harga naik.\nBaca_Juga\nWarga mengeluh.\nBaca_Juga Pedagang pun resah.\nMa Baca_Juga ntan menteri itu hadir.".to_string();
        assert!(remove(&mut text, &mut |kind, r| removed.push((kind, r.to_string()))));
        assert_eq!(text, "Harga naik.\nWarga mengeluh.\nPedagang pun resah.\nMantan menteri itu hadir.");
        assert_eq!(removed.len(), 3);
        assert!(removed.iter().all(|(kind, r)| *kind == "baca_juga" && r == "Baca_Juga"));
        // Two words stay two words; a handle or a file name is no placeholder.
        assert_eq!(cut("Ia pergi Baca_Juga ke pasar."), "Ia pergi ke pasar.");
        for text in ["Akun @baca_juga_id menulis.", "Berkas baca_juga.txt hilang.", "Baca_Jugaan"] {
            assert_eq!(cut(text), text);
        }
        assert_eq!(cut("Baca_Juga"), "");
        assert_eq!(cut("Baca_Juga Baca_Juga"), "");
        assert_eq!(cut("Harga naik. Baca_Juga Baca_Juga é turun."), "Harga naik. é turun.");
        // Placeholders in a row are one cut: no space or empty line is left.
        assert_eq!(cut("Naik Baca_Juga Baca_Juga"), "Naik");
        assert_eq!(cut("Baca_Juga Baca_Juga\n)"), ")");
        assert_eq!(cut("Naik.\nBaca_Juga Baca_Juga\nTurun."), "Naik.\nTurun.");
    }

    #[test]
    fn a_credit_after_the_last_sentence_goes() {
        let mut removed = Vec::new();
        let mut text = "Petugas menutup jalan itu.\nWarga diminta sabar, kata dia. (abc/def) ".to_string();
        assert!(remove(&mut text, &mut |kind, r| removed.push((kind, r.to_string()))));
        assert_eq!(text, "Petugas menutup jalan itu.\nWarga diminta sabar, kata dia.");
        assert_eq!(removed, [("credit", "(abc/def)".to_string())]);
        assert_eq!(cut("Rapat digelar Senin (11/2). [Antara]"), "Rapat digelar Senin (11/2).");
        assert_eq!(cut("\"Kami siap,\" ujarnya. (Budi Santoso/xyz)"), "\"Kami siap,\" ujarnya.");
        assert_eq!(cut("The talks end on Friday. (Reuters)"), "The talks end on Friday.");
    }

    #[test]
    fn brackets_that_are_the_sentence_s_own_stay() {
        for text in [
            "Film itu mendapat nilai tinggi dari kritikus. (9.2/10)",
            "Pemain terbaik musim ini adalah Budi (Persib)",
            "Lihat daftar lengkapnya. (dari kiri ke kanan dan atas ke bawah)",
            "(abc)",
            "Rapat ditunda hingga Senin.\n(abc)\nPeserta pulang.",
        ] {
            assert_eq!(cut(text), text);
        }
    }

    #[test]
    fn glued_headlines_go_and_the_article_resumes_on_its_own_line() {
        let text = "Warga diminta waspada, termasuk kepolisian.Baca JugaTanah Longsor Tutup Jalan Provinsi di Garut\
                    Dua Pendaki Hilang di Gunung Slamet Ditemukan SelamatPetugas kemudian menutup jalur itu selama dua hari.";
        assert_eq!(cut(text), "Warga diminta waspada, termasuk kepolisian.\nPetugas kemudian menutup jalur itu selama dua hari.");
    }

    #[test]
    fn a_box_after_a_colon_and_spaces_and_one_ending_in_a_digit() {
        let text = "Harga naik tipis pagi ini. Baca juga: Jadwal Lengkap Liga Voli Nasional 2025Sementara itu, harga perak turun.";
        assert_eq!(cut(text), "Harga naik tipis pagi ini.\nSementara itu, harga perak turun.");
        // A quote glued to the digit opens the article again.
        let quoted = "Ia berlatih keras.Baca Juga:Pebalap Muda Antusias Hadapi Seri Italia 2025\"Saya ingin menang,\" katanya.";
        assert_eq!(cut(quoted), "Ia berlatih keras.\n\"Saya ingin menang,\" katanya.");
    }

    #[test]
    fn headlines_to_the_end_of_the_line_go_with_it() {
        let text = "Polisi masih menyelidiki kasus itu.Baca juga:Relawan Pembersih Paku Minta Maaf Usai Sebut Dinas Pinjam Alat\nMenurut dia, pelaku bisa ditangkap.";
        assert_eq!(cut(text), "Polisi masih menyelidiki kasus itu.\nMenurut dia, pelaku bisa ditangkap.");
    }

    #[test]
    fn a_line_that_opens_with_the_box_keeps_its_article_text() {
        let text = "Paragraf pertama.\nBaca Juga: Harga Emas Antam Naik Lagi Hari IniKenaikan itu terjadi sejak pekan lalu, kata analis.";
        assert_eq!(cut(text), "Paragraf pertama.\nKenaikan itu terjadi sejak pekan lalu, kata analis.");
        // Headlines alone on such a line are left to the line filter.
        let alone = "Paragraf pertama.\nBaca Juga: Harga Emas Antam Naik Lagi Hari Ini";
        assert_eq!(cut(alone), alone);
    }

    #[test]
    fn prose_and_sentence_case_boxes_stay() {
        for text in [
            "Baca juga buku panduan yang dibagikan panitia sebelum ujian dimulai.",
            "Anda bisa membaca juga laporan lengkapnya. Baca juga laporan tahunan perusahaan itu di situs resminya.",
            "Kata dia.Baca juga: Mengenal lebih dekat sosok pelatih baru tim nasional dan gaya melatihnya",
            "Judul (Baca Juga Harga Emas Naik Hari Ini) tidak dihapus.",
        ] {
            assert_eq!(cut(text), text);
        }
    }

    #[test]
    fn an_acronym_glued_to_the_next_headline_is_a_cut() {
        let text = "Sidang ditunda.Baca JugaSMAN 1 Bandung Minta KY Pantau Hakim Kasus Sengketa Lahan dengan PLKDi Tengah Efisiensi, DPRD Studi Banding Ke BaliAdapun kedua korban dimakamkan hari ini.";
        assert_eq!(cut(text), "Sidang ditunda.\nAdapun kedua korban dimakamkan hari ini.");
    }

    #[test]
    fn a_scrap_of_the_article_cut_off_with_the_last_headline_goes_back() {
        let text = "Aplikasi disiapkan.Baca JugaNelayan Muda Raih Penghargaan Nasional Tahun IniAplikasi InaWis itu memuat informasi cuaca.";
        assert_eq!(cut(text), "Aplikasi disiapkan.\nAplikasi InaWis itu memuat informasi cuaca.");
        // Not when the scrap ends with the headline's mark.
        let marked = "Ia berlatih.Baca Juga:Bos Tim Akui Keganasan Pebalap Spanyol di MotoGP!Selama kariernya, ia meraih banyak gelar.";
        assert_eq!(cut(marked), "Ia berlatih.\nSelama kariernya, ia meraih banyak gelar.");
    }

    #[test]
    fn a_headline_run_into_the_article_with_a_space_stays_and_names_in_camel_case_are_not_cut() {
        let spaced = "Harga naik. Baca juga: Apple Investasi Rp 586 Miliar Demi Jualan iPhone Menurut Menteri, pusat riset itu dibuka.";
        assert_eq!(cut(spaced), spaced);
        // A name the vocabulary does not know is not cut: the headline stays
        // rather than words of the article go with it.
        let unknown = "Dokumen hilang.Baca juga: Hacker Rilis Ransomware WannaCry 2.0, Segera Lindungi Komputer Anda Jumlah uang tebusan terus naik.";
        assert_eq!(cut(unknown), unknown);
        let battery = "Layarnya lebar. Baca juga: Selamat Datang Ponsel Baru Tanpa Tombol Fisik Ponsel Ini memiliki baterai 4.000 mAh. Kapasitasnya besar.";
        assert_eq!(cut(battery), battery);
        let text = "Laga usai.Baca JugaPebalap Muda Antusias Hadapi Seri MotoGP di ItaliaPenonton memadati tribun sejak pagi.";
        assert_eq!(cut(text), "Laga usai.\nPenonton memadati tribun sejak pagi.");
    }

    #[test]
    fn a_name_in_camel_case_ends_the_last_headline_whole() {
        let text = "Ia sering dihentikan.Baca Juga:Penyebab Pebalap Senior Akui Lawan Tersulit di MotoGPMarquez mengaku pelatihnya tegas.";
        assert_eq!(cut(text), "Ia sering dihentikan.\nMarquez mengaku pelatihnya tegas.");
    }

    #[test]
    fn a_follow_promotion_at_a_paragraph_end_goes() {
        for (text, kept) in [
            ("Warga diminta tenang, kata dia. Ikuti Whatsapp Channel Republika", "Warga diminta tenang, kata dia."),
            ("Harga ditutup menguat ke 3.883,64.Ikuti Whatsapp Channel Republikasumber : Antara", "Harga ditutup menguat ke 3.883,64."),
            ("Unggahan itu ramai (@akunberita) Loading...Ikuti WhatsApp Channel Kami\nBaris berikut.", "Unggahan itu ramai (@akunberita)\nBaris berikut."),
            ("Paragraf satu.\nLoading...Ikuti Whatsapp Channel Republika\nParagraf dua.", "Paragraf satu.\nParagraf dua."),
            ("Paragraf satu.\nLoading...Ikuti Whatsapp Channel Republika", "Paragraf satu."),
            // Two such lines at the end go together, with the breaks before them.
            ("Paragraf satu.\nLoading...Ikuti Whatsapp Channel A\nLoading...Ikuti Whatsapp Channel B", "Paragraf satu."),
            ("Loading...Ikuti Whatsapp Channel\nLoading...Ikuti Whatsapp Channel", ""),
        ] {
            assert_eq!(cut(text), kept);
        }
        // A sentence that goes on after it is not a promotion at a paragraph's end.
        let prose = "Ia berkata. Ikuti WhatsApp channel resmi kami, katanya. Lalu ia pergi dari ruangan itu tanpa menjawab.";
        assert_eq!(cut(prose), prose);
    }

    #[test]
    fn the_placeholder_goes_with_the_promotion_not_with_the_piece_before() {
        // Without "Loading..." the piece before is no headline (two of three
        // words capitalised); with it, it must not become one, or a second
        // pass, after the promotion went, would find the box.
        let text = "Baca juga:Baca JugaBaca MotoGP kata Loading...Ikuti Whatsapp Channel";
        assert_eq!(cut(text), "Baca MotoGP kata");
        assert_eq!(cut(&cut(text)), cut(text));
    }

    #[test]
    fn cuts_never_overlap_and_a_second_pass_finds_nothing() {
        let text = "Awal berita.Baca juga:Pernah Jadi Korban, Warga Kini Rutin Bersihkan Ranjau Paku di JalanBaca juga:Relawan Minta Maaf Usai Sebut Dinas Pinjam Alat Hanya untuk FotoMenurut dia, pelaku mudah ditangkap oleh polisi setempat.";
        let once = cut(text);
        assert_eq!(once, "Awal berita.\nMenurut dia, pelaku mudah ditangkap oleh polisi setempat.");
        assert_eq!(cut(&once), once);
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20000))]
        /// Any run of markers, headline words, article words and marks: no
        /// panic, cuts on char boundaries, and a second pass finds nothing.
        #[test]
        fn a_second_pass_finds_nothing(words in prop::collection::vec(prop::sample::select(vec![
            "Baca Juga", "Baca juga:", "Baca ", "Harga", "Emas", "Naik", "di", "kata", "dia", "turun", "iPhone", "MotoGP", "PLK",
            "2025", ".", "!", "\"", "“", " ", " ", " ", "\n", "é", "Ü", "Ikuti Whatsapp Channel", "Loading...",
        ]), 0..80)) {
            let text: String = words.concat();
            let once = cut(&text);
            prop_assert_eq!(cut(&once), once.clone());
            // The shortcut for a run of one piece decides as the pieces do.
            for (at, marker) in marker_starts(text.as_bytes()) {
                if marker == 0 {
                    prop_assert_eq!(box_at_with(&text, at, true), box_at_with(&text, at, false));
                }
            }
        }
    }
}
