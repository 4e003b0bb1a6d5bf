//! Rule-based sentence boundaries in one left-to-right pass.
//!
//! The scanner visits only bytes that can end a sentence (`.`, `!`, `?`,
//! line breaks, and the lead bytes of non-ASCII characters, which may be
//! ellipses, CJK stops or bullets). At each candidate it looks at a bounded
//! window (the word before, the word after), so the pass is linear whatever
//! the input. No quote state is carried, so an unbalanced quote cannot
//! swallow text.

use warta_core::Span;

use crate::chars::{char_at, char_before, is_bullet, is_closer, is_hard_break, is_opener, is_soft_space, is_strong_terminator};
use crate::lang::{AbbrevClass, Lang, LangRules};

/// The longest word (in bytes) looked at on either side of a candidate.
const MAX_WORD: usize = 64;
/// How far past a boundary the scanner looks for a list marker.
const MAX_LOOKAHEAD: usize = 24;

const PLAIN: u8 = 0;
const DOT: u8 = 1;
const BANG: u8 = 2;
const BREAK: u8 = 3;
const NON_ASCII: u8 = 4;
const PAREN: u8 = 5;
/// `:` and `;`: full stop and question mark in Armenian and Greek writing.
const COLON: u8 = 6;

static CLASS: [u8; 256] = {
    let mut t = [PLAIN; 256];
    t[b'.' as usize] = DOT;
    t[b'!' as usize] = BANG;
    t[b'?' as usize] = BANG;
    t[b'\n' as usize] = BREAK;
    t[b'\r' as usize] = BREAK;
    t[0x0B] = BREAK;
    t[0x0C] = BREAK;
    t[b')' as usize] = PAREN;
    t[b':' as usize] = COLON;
    t[b';' as usize] = COLON;
    let mut b = 0xC2;
    while b < 0xF5 {
        t[b] = NON_ASCII;
        b += 1;
    }
    t
};

/// The first byte at or after `from` whose class is not `PLAIN` (or the
/// length). Most of a text is plain: a tight loop over them keeps the
/// scanner's `match` (an indirect jump) for the few bytes that may end a
/// sentence.
#[inline]
fn skip_plain(bytes: &[u8], mut from: usize) -> usize {
    // Sixteen bytes at a time, each tested exactly (`not_plain16`, which
    // the compiler turns into vector compares), so a flagged byte needs no
    // look-up; then eight at a time with a cheap test that flags every byte
    // that may not be plain (and some that are: quotes, hyphens, brackets,
    // continuation bytes), only the flagged ones looked up.
    while let Some(chunk) = bytes.get(from..from + 16) {
        let m = not_plain16(chunk.try_into().unwrap_or(&[0; 16]));
        if m != 0 {
            return from + (m.trailing_zeros() / 8) as usize;
        }
        from += 16;
    }
    while let Some(chunk) = bytes.get(from..from + 8) {
        let mut m = maybe_not_plain(u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])));
        while m != 0 {
            let k = (m.trailing_zeros() / 8) as usize;
            if CLASS[chunk[k] as usize] != PLAIN {
                return from + k;
            }
            m &= m - 1;
        }
        from += 8;
    }
    while from < bytes.len() && CLASS[bytes[from] as usize] == PLAIN {
        from += 1;
    }
    from
}

/// The high bit of each of sixteen bytes whose class is not `PLAIN` (byte
/// `k` of the number, little-endian, for `chunk[k]`): `.` `!` `?` `)` `:`
/// `;`, the line breaks `\n`, 0x0B, 0x0C, `\r`, and the lead bytes
/// 0xC2-0xF4. Written lane by lane without branches so that the compiler
/// makes it a few 16-byte vector compares (no `unsafe`, no `std::arch`):
/// exact, so a flagged byte needs no look-up (session 24;
/// `skip_plain_agrees_with_the_class_table`).
#[inline]
fn not_plain16(chunk: &[u8; 16]) -> u128 {
    let mut flags = [0u8; 16];
    for (f, &b) in flags.iter_mut().zip(chunk) {
        let stop = (b == b'.') | (b == b'!') | (b == b'?') | (b == b')');
        let colon = b.wrapping_sub(b':') < 2;
        let line_break = b.wrapping_sub(b'\n') < 4;
        let lead = b.wrapping_sub(0xC2) < 0xF5 - 0xC2;
        *f = u8::from(stop | colon | line_break | lead) << 7;
    }
    u128::from_le_bytes(flags)
}

/// The high bit of each of eight bytes that is not a letter, a digit, a
/// space or a comma (ASCII below 0x40 but those, or any byte from 0x80): a
/// superset of the bytes whose class is not `PLAIN`, tested without a
/// table.
///
/// Session 17: the same bits in about half the operations. For `low` below
/// 0x80 in each byte, `low + 0x40` sets a byte's high bit from 0x40 up,
/// `(low ^ c) + 0x7f` unless the byte is `c`, and `low + 0x50` from `'0'`
/// up while `low + 0x46` does past `'9'`; no sum carries into the next
/// byte. (`maybe_not_plain_is_the_range_test` checks it against
/// `warta_core::swar::within` and `equal` for every byte in every lane.)
#[inline]
fn maybe_not_plain(x: u64) -> u64 {
    use warta_core::swar::{HIGH, LOW7, ONES};
    let low = x & LOW7;
    let at_or_above_40 = low + ONES * 0x40;
    let not_space = (low ^ (ONES * u64::from(b' '))) + LOW7;
    let not_comma = (low ^ (ONES * u64::from(b','))) + LOW7;
    let digit = (low + ONES * 0x50) & !(low + ONES * 0x46);
    ((!at_or_above_40 & not_space & not_comma & !digit) | x) & HIGH
}

/// A numbered or lettered list in progress ("1. … 2. …", "a) … b) …").
#[derive(Clone, Copy)]
enum ListMarker {
    Number(u32),
    Letter(u8),
}

impl ListMarker {
    fn next(self) -> ListMarker {
        match self {
            ListMarker::Number(n) => ListMarker::Number(n.saturating_add(1)),
            ListMarker::Letter(l) => ListMarker::Letter(l.saturating_add(1)),
        }
    }

    /// Parses `word` (the marker without its `.` / `)`).
    fn parse(word: &str) -> Option<ListMarker> {
        let b = word.as_bytes();
        if !b.is_empty() && b.len() <= 2 && b.iter().all(u8::is_ascii_digit) {
            return word.parse().ok().map(ListMarker::Number);
        }
        if b.len() == 1 && b[0].is_ascii_lowercase() {
            return Some(ListMarker::Letter(b[0]));
        }
        None
    }

    fn matches(self, word: &str) -> bool {
        match (self, ListMarker::parse(word)) {
            (ListMarker::Number(a), Some(ListMarker::Number(b))) => a == b,
            (ListMarker::Letter(a), Some(ListMarker::Letter(b))) => a == b,
            _ => false,
        }
    }
}

struct Scanner<'t> {
    text: &'t str,
    bytes: &'t [u8],
    rules: &'static LangRules,
    out: Vec<Span>,
    /// Raw start of the current sentence (before trimming).
    start: usize,
    /// Where the current sentence's first word starts (after spaces and bullets).
    content_start: usize,
    /// The marker the next list item would carry, when the sentence began with one.
    expect: Option<ListMarker>,
}

/// Splits `text` into sentence spans for language `lang` (ISO 639-1 code).
///
/// Spans are trimmed, sorted, non-overlapping, non-empty, on char boundaries;
/// every line break ends a sentence.
pub fn segment(text: &str, lang: &str) -> Vec<Span> {
    let spans = segment_rules(text, lang);
    match crate::model::embedded_segmenter(Lang::from_code(lang)) {
        Some(m) => crate::model::refine_spans(text, spans, m),
        _ => crate::unpunct::refine_spans(text, lang, spans),
    }
}

/// The rule pass alone, without the learned boundary model (for
/// comparison and for training the model).
pub fn segment_rules(text: &str, lang: &str) -> Vec<Span> {
    let rules = LangRules::get(Lang::from_code(lang));
    let mut s = Scanner {
        text,
        bytes: text.as_bytes(),
        rules,
        out: Vec::with_capacity(text.len() / 100 + 1),
        start: 0,
        content_start: 0,
        expect: None,
    };
    s.begin_sentence(0);
    s.run();
    s.out
}

impl<'t> Scanner<'t> {
    fn run(&mut self) {
        let len = self.bytes.len();
        let mut i = 0;
        loop {
            i = skip_plain(self.bytes, i);
            if i >= len {
                break;
            }
            let b = self.bytes[i];
            match CLASS[b as usize] {
                PLAIN => i += 1,
                DOT | BANG => i = self.at_terminator(i),
                BREAK => {
                    self.close(i, i + 1);
                    i += 1;
                }
                PAREN => i = self.at_paren(i),
                COLON => {
                    if self.script_terminator(i) {
                        self.close(i + 1, i + 1);
                    } else if let Some(resume) = self.header_stamp(i) {
                        i = resume;
                        continue;
                    }
                    i += 1;
                }
                _ => {
                    let Some((c, n)) = char_at(self.text, i) else { break };
                    if c == '…' || is_strong_terminator(c) {
                        i = self.at_terminator(i);
                    } else if is_hard_break(c) {
                        self.close(i, i + n);
                        i += n;
                    } else if is_bullet(c) {
                        self.at_bullet(i);
                        i += n;
                    } else {
                        i += n;
                    }
                }
            }
        }
        self.close(len, len);
    }

    /// Ends the current sentence at `end` and starts the next one at `next`.
    fn close(&mut self, end: usize, next: usize) {
        // `str::trim` of the sentence, its ASCII white space skipped by byte
        // (a non-ASCII byte hands the rest to the char-decoding trims).
        let bytes = self.bytes;
        let mut a = self.start;
        while a < end && is_ascii_white(bytes[a]) {
            a += 1;
        }
        if a < end && bytes[a] >= 0x80 {
            let raw = &self.text[a..end];
            a += raw.len() - raw.trim_start().len();
        }
        let mut b = end;
        while b > a && is_ascii_white(bytes[b - 1]) {
            b -= 1;
        }
        if b > a && bytes[b - 1] >= 0x80 {
            b = a + self.text[a..b].trim_end().len();
        }
        if a < b {
            self.out.push(Span::new(a, b));
        }
        self.begin_sentence(next);
    }

    /// Notes where the sentence starting at `at` has its first word, and
    /// whether that word is a list marker.
    fn begin_sentence(&mut self, at: usize) {
        self.start = at;
        self.expect = None;
        let mut i = at;
        let limit = (at + MAX_LOOKAHEAD).min(self.bytes.len());
        while i < limit {
            // ASCII soft spaces are ' ' and '\t' (no bullet is ASCII).
            let b = self.bytes[i];
            if b < 0x80 {
                if b != b' ' && b != b'\t' {
                    break;
                }
                i += 1;
                continue;
            }
            match char_at(self.text, i) {
                Some((c, n)) if is_soft_space(c) || is_bullet(c) => i += n,
                _ => break,
            }
        }
        self.content_start = i;
        // Most sentences open with a capital or a quote: only a digit or a
        // lowercase letter can start a marker (the tests below would find
        // none, at a cost paid at every sentence).
        if !self.bytes.get(i).is_some_and(|b| b.is_ascii_digit() || b.is_ascii_lowercase()) {
            return;
        }
        // "1. ", "1) ", "1.) ", "a. ", "b) ".
        // (A marker has one or two bytes: the scan stops at three, which
        // `ListMarker::parse` rejects as it would the whole word.)
        let mut j = i;
        while j < limit.min(i + 3) && self.bytes[j].is_ascii_alphanumeric() {
            j += 1;
        }
        let marker = ListMarker::parse(&self.text[i..j]);
        let rest = &self.bytes[j.min(self.bytes.len())..];
        let punct = match rest {
            [b'.', b')', ..] => 2,
            [b'.', ..] | [b')', ..] => 1,
            _ => 0,
        };
        if let Some(m) = marker {
            if punct > 0 && rest.get(punct).is_some_and(|&b| b == b' ' || b == b'\t') {
                self.expect = Some(m.next());
            }
        }
    }

    /// Start of the whitespace-delimited word ending at `end` (at most
    /// `MAX_WORD` bytes back, never before the sentence start).
    fn word_start(&self, end: usize) -> usize {
        word_start_in(self.text, self.start, end)
    }

    /// At the `.` or `)` that ends `word` (starting at `word_at`): if a list
    /// is in progress and `word` is its next marker, the marker starts a new
    /// sentence. Returns true when it did.
    fn list_item_break(&mut self, word_at: usize, word: &str, after: usize) -> bool {
        let Some(expect) = self.expect else { return false };
        if word_at <= self.content_start || !expect.matches(word) {
            return false;
        }
        let followed_by_space = self.bytes.get(after).is_some_and(|&b| b == b' ' || b == b'\t');
        let preceded_by_space = char_before(self.text, word_at).is_some_and(|(c, _)| c.is_whitespace());
        if !(followed_by_space && preceded_by_space) {
            return false;
        }
        self.close(word_at, word_at);
        true
    }

    /// At `)`: the next list item ("b) …"), or a smiley that ends a sentence
    /// without a stop ("See you soon :) Bring the kids.").
    fn at_paren(&mut self, i: usize) -> usize {
        let ws = self.word_start(i);
        let word = &self.text[ws..i];
        if self.expect.is_some() && word.bytes().all(|b| b.is_ascii_alphanumeric()) && self.list_item_break(ws, word, i + 1) {
            return i + 1;
        }
        if self.rules.lang != Lang::Generic && matches!(word, ":" | ":-" | ";" | ";-") && ws > self.content_start {
            let bytes = self.bytes;
            let mut k = i + 1;
            if bytes.get(k) == Some(&b' ') {
                while k < bytes.len() && bytes[k] == b' ' {
                    k += 1;
                }
                if char_at(self.text, k).is_some_and(|(c, _)| c.is_uppercase()) {
                    self.close(i + 1, i + 1);
                }
            }
        }
        i + 1
    }

    fn at_bullet(&mut self, i: usize) {
        let after_space = char_before(self.text, i).is_some_and(|(c, _)| c.is_whitespace());
        if after_space && i > self.content_start {
            self.close(i, i);
        }
    }

    /// Decides the candidate terminator at `i`; returns where scanning resumes.
    fn at_terminator(&mut self, i: usize) -> usize {
        let text = self.text;
        let bytes = self.bytes;
        let len = bytes.len();

        // "[...]" and "(...)": an omission inside brackets never ends anything.
        let first_len = if bytes[i] < 0x80 { 1 } else { char_at(text, i).map_or(1, |(_, n)| n) };
        // A full-width full stop between digits is a decimal point ("３．２９％").
        if bytes[i] >= 0x80 && is_decimal_point(text, i) {
            return i + first_len;
        }
        // A mark inside a title's brackets ("《摔跤吧！爸爸》") ends no sentence.
        if bytes[i] >= 0x80 && self.rules.lang == Lang::Generic && inside_title_marks(text, self.start, i) {
            return i + first_len;
        }
        if i > 0 && matches!(bytes[i - 1], b'[' | b'(') {
            let mut j = i;
            while j < len && bytes[j] == b'.' {
                j += 1;
            }
            return j.max(i + first_len);
        }

        // The run of terminators: ". ", "?!", "....", "…", "。", ". . .".
        let mut j = i;
        let mut dots = 0usize;
        let mut marks = 0usize;
        let mut strong = false;
        let mut spaced = false;
        while j < len {
            match bytes[j] {
                b'.' => {
                    dots += 1;
                    j += 1;
                }
                b'!' | b'?' => {
                    marks += 1;
                    j += 1;
                }
                b' ' if dots > 0 && marks == 0 && bytes.get(j + 1) == Some(&b'.') => {
                    // A spaced ellipsis ". . ." continues the run.
                    spaced = true;
                    j += 1;
                }
                b if b >= 0x80 => match char_at(text, j) {
                    Some(('…', n)) => {
                        dots += 3;
                        j += n;
                    }
                    Some((c, n)) if is_strong_terminator(c) => {
                        strong = true;
                        j += n;
                    }
                    _ => break,
                },
                _ => break,
            }
        }
        let run_end = j;
        // Closing quotes and brackets stay with the sentence. (A space, an
        // ASCII letter or digit, the usual next byte, is none: not decoded.)
        while j < len && bytes[j] != b' ' && !bytes[j].is_ascii_alphanumeric() {
            match char_at(text, j) {
                Some((c, n)) if is_closer(c) => j += n,
                _ => break,
            }
        }
        // In the fallback, a curly quote glued to the stop before a space
        // closes the quotation, as German and Czech write it ("Lust.“ Wir").
        let j = match char_at(text, j) {
            Some(('“' | '‘', n)) if self.rules.lang == Lang::Generic && text[j + n..].chars().next().is_none_or(char::is_whitespace) => j + n,
            _ => j,
        };
        // French sets a space before its closing guillemet ("« Non ! »"):
        // the guillemet stays with the sentence too.
        let j = spaced_guillemet_end(text, j).unwrap_or(j);
        // Citation marks and emoticons after the stop stay with the sentence.
        let end = self.attach_trailing(j);

        // "Direct Dial:? 203.961.7523", "storage providers,? gas suppliers":
        // a lone "?" right after a colon or comma is a space the mail's
        // encoding garbled, not a question (5 of 5 in EWT train and dev; "RE:???"
        // ends its subject line).
        if run_end == i + 1 && bytes[i] == b'?' && i > 0 && matches!(bytes[i - 1], b',' | b':' | b';') {
            return end.max(i + 1);
        }

        // A numbered list marker ("2." after "1. …") starts a new sentence.
        if dots == 1 && marks == 0 && !strong && self.expect.is_some() {
            let ws = self.word_start(i);
            let word = &text[ws..i];
            let after = if bytes.get(i + 1) == Some(&b')') { i + 2 } else { i + 1 };
            if self.list_item_break(ws, word, after) {
                return i + 1;
            }
        }

        if end >= len {
            self.close(end, end);
            return end;
        }
        // (ASCII letters, digits and the space by their byte: no decoding.)
        let ascii = |at: usize| bytes.get(at).filter(|b| b.is_ascii_alphanumeric() || **b == b' ').map(|&b| b as char);
        let Some(next) = ascii(end).or_else(|| char_at(text, end).map(|(c, _)| c)) else { return end };
        if is_hard_break(next) {
            self.close(end, end);
            return end;
        }
        if !next.is_whitespace() {
            if strong || (end == run_end && dots <= 1 && self.glued_sentence_start(i, end)) {
                self.close(end, end);
            } else if end == run_end && dots == 1 && marks == 0 {
                if let Some(e) = self.footnote_marks_end(i, end) {
                    self.close(e, e);
                    return e;
                }
            }
            return end.max(i + first_len);
        }
        // The next word, past spaces and opening quotes.
        let mut w = end;
        while bytes.get(w) == Some(&b' ') {
            w += 1;
        }
        while let Some((c, n)) = char_at(text, w) {
            if is_soft_space(c) {
                w += n;
            } else {
                break;
            }
        }
        let Some(first) = ascii(w).or_else(|| char_at(text, w).map(|(c, _)| c)) else {
            self.close(end, end);
            return end;
        };
        if is_hard_break(first) {
            self.close(end, end);
            return end;
        }
        let mut k = w;
        while k < len && !bytes[k].is_ascii_alphanumeric() {
            match char_at(text, k) {
                Some((c, n)) if is_opener(c) && k < w + MAX_WORD => k += n,
                _ => break,
            }
        }
        let Some(lead) = ascii(k).or_else(|| char_at(text, k).map(|(c, _)| c)) else {
            self.close(end, end);
            return end;
        };
        // "-- voila! -- you have cake": a dash after the stop continues the
        // sentence when a lowercase word follows it.
        if self.dash_then_lowercase(k) {
            return end;
        }
        let lower = lead.is_lowercase();
        // Closed by a quote or bracket, or a citation mark ("[13] [better
        // source needed]"), not by an emoticon ("the key. =) he might …").
        // (Most stops have nothing after them: no search of an empty slice.)
        let closed = j > run_end || (j < end && text[j..end].contains('['));
        let next_word = word_after(text, k);
        if strong {
            self.close(end, end);
            return end;
        }
        // "“Are you ready?” Mom asks.": a quotation followed by its speech tag.
        if !lower && self.closed_by_quote(run_end, end) && self.speech_tag_follows(k, next_word) {
            return end;
        }
        if dots == 0 {
            // "?" and "!": a boundary before a capital; before a lowercase
            // word only when no quote closed ("“Siapa?” tanya dia") and, for
            // "!", when it is not part of a name ("Yahoo! in").
            let question = bytes[i..run_end].contains(&b'?');
            // "Yahoo! Research", "Jeopardy! champion": names written with "!".
            if !question && run_end == i + 1 && !closed && self.name_with_bang(i) {
                return end;
            }
            // "the film Shall We Dance? and her new album": a title in
            // title case that ends with "?" runs on into a lowercase word.
            // (Before a plain word: not a link, nor a list item "(b) Is it …".)
            let plain_next = k == w && next_word.chars().count() >= 2 && next_word.chars().all(char::is_alphabetic);
            if question && lower && run_end == i + 1 && !closed && plain_next && self.title_before_mark(i) {
                return end;
            }
            let cased_rules = self.rules.lang != Lang::Generic;
            if !lower || (cased_rules && !closed && (question || !self.word_before_capitalised(i) || self.word_before_shouted(i))) {
                self.close(end, end);
            }
            return end;
        }
        if lower && self.bracketed_tag_ends_paragraph(w) {
            // A byline tag after the last sentence: "… 2018. (bir)".
            self.close(end, end);
            return end;
        }
        if lower {
            // Informal text starts sentences in lowercase ("… go there. then
            // I …"): after an ordinary word, a single stop still ends one.
            // (Scraper-inserted stops before lowercase words are taken out
            // by the repair pass before segmentation.)
            // The generic fallback never splits before a lowercase word (as
            // in Unicode's sentence rules).
            if self.rules.lang != Lang::Generic && dots == 1 && !closed && !spaced && self.ordinary_word_before(i) {
                self.close(end, end);
            }
            return end;
        }
        let detached = i > 0 && bytes[i - 1] == b' ';
        if spaced {
            if !detached {
                // "compounds. . . . The practice": the sentence ends at the
                // first stop, the ellipsis opens the next one.
                self.close(i + first_len, i + first_len);
                return end;
            }
            // " . . . I didn’t" is an omission; " . . . . Next" ends one.
            if dots >= 4 {
                self.close(end, end);
            }
            return end;
        }
        if dots >= 2 {
            // "that... She left" ends a sentence; a detached " ... " is more
            // often an omission inside one, so it needs a typical starter.
            if dots >= 4 || marks > 0 || !detached || self.rules.starters.contains(trim_word(next_word)) {
                self.close(end, end);
            }
            return end;
        }
        let bracketed = matches!(bytes[w], b'(' | b'[');
        if self.full_stop_ends(i, bracketed, next_word, lead) && !self.bracket_closes_soon(end, w) {
            self.close(end, end);
        }
        end
    }

    /// Inside a bracket this sentence opened, the words after the stop at
    /// `end` (next word at `w`) close it within three words, with no
    /// sentence mark before: "(SSK. II)", "(E. hemisphaerica (Bl.) RM Smith)".
    /// A sentence does not start two words before the end of a bracket it
    /// never opened.
    fn bracket_closes_soon(&self, end: usize, w: usize) -> bool {
        // The few words ahead first (most sentences have no closer there),
        // then the look back over the sentence for the open bracket.
        let ahead = &self.bytes[w..self.bytes.len().min(w + 48)];
        let Some(close) = memchr::memchr2(b')', b']', ahead) else {
            return false;
        };
        let before = &ahead[..close];
        let words = 1 + before.iter().filter(|&&b| b == b' ').count();
        words <= 3 && !before.iter().any(|b| matches!(b, b'(' | b'[' | b'.' | b'?' | b'!' | b'\n' | b'\r')) && self.unclosed_bracket(end)
    }

    /// The heart of it: does the single full stop at `dot` end a sentence,
    /// given the next word (starting with the non-lowercase `lead`, after an
    /// opening bracket when `bracketed`)?
    fn full_stop_ends(&self, dot: usize, bracketed: bool, next_word: &str, lead: char) -> bool {
        let text = self.text;
        let ws = self.word_start(dot);
        // Strip opening quotes and bullets from the word before.
        let mut ps = ws;
        while ps < dot && !self.bytes[ps].is_ascii_alphanumeric() {
            match char_at(text, ps) {
                Some((c, n)) if is_opener(c) || is_bullet(c) || is_closer(c) => ps += n,
                _ => break,
            }
        }
        let prev = &text[ps..dot];
        if prev.is_empty() {
            return true;
        }
        if dot - ws >= MAX_WORD {
            return true;
        }
        let first_word = ps <= self.content_start || ws <= self.content_start;
        let pb = prev.as_bytes();
        // "1. The first item", "a. The first item", "2.1. Method".
        let section_number = pb.len() <= 8 && pb.first().is_some_and(u8::is_ascii_digit) && pb.iter().all(|&b| b.is_ascii_digit() || b == b'.');
        if first_word && ((pb.len() <= 3 && pb.iter().all(u8::is_ascii_digit)) || (pb.len() == 1 && pb[0].is_ascii_alphabetic()) || section_number) {
            return false;
        }
        // "a few problems: 1. I tested …": a list number right after a colon
        // (English; IndoSum's gold makes such numbers sentences of their own).
        let number = pb.strip_prefix(b"*").unwrap_or(pb);
        if self.rules.lang == Lang::English
            && (1..=2).contains(&number.len()) && number.iter().all(u8::is_ascii_digit) && self.text[..ws].trim_end().ends_with(':') {
            return false;
        }
        // "5.201. 000 jiwa": a thousands group split off by a stray space.
        if lead.is_ascii_digit() && section_number && prev.contains('.') {
            let nb = next_word.as_bytes();
            if nb.len() >= 3 && nb[..3].iter().all(u8::is_ascii_digit) && !nb.get(3).is_some_and(u8::is_ascii_digit) {
                return false;
            }
        }
        if is_link(prev) {
            return true;
        }
        let starter = || self.rules.starters.contains(trim_word(next_word));
        if let Some(class) = self.abbrev_class(prev) {
            return match class {
                AbbrevClass::Title => false,
                AbbrevClass::Final => !bracketed,
                AbbrevClass::Number if lead.is_ascii_digit() => false,
                AbbrevClass::NumberOrWord => !lead.is_ascii_digit() && !is_roman_numeral(trim_word(next_word)),
                AbbrevClass::Number | AbbrevClass::General => starter(),
            };
        }
        if is_dotted_abbrev(prev) {
            if matches!(prev, "a.m" | "p.m" | "A.M" | "P.M") {
                // "at 10 a.m. (CDT) at the Hyatt": a time zone in brackets.
                return !bracketed && (self.clock_time_ends(ws) || starter());
            }
            if prev.eq_ignore_ascii_case("p.s") {
                // "P.S. I am moving back": the postscript opens its sentence.
                return false;
            }
            return starter();
        }
        if self.rules.lang == Lang::Generic {
            // Without a language's lists: "z. B.", "12. Juni" (ordinals in
            // many European languages) do not end sentences.
            let single_letter = prev.chars().count() == 1;
            let ordinal = pb.len() <= 2 && pb.iter().all(u8::is_ascii_digit);
            if single_letter || ordinal {
                return false;
            }
        }
        let mut chars = prev.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            // "(b. March 2009)", "c. 1900": a lowercase letter abbreviates;
            // after a number it is a unit symbol, which takes no stop of its
            // own ("sedalam 1.600 m. Bayi …" ends there), as "km." does.
            if c.is_lowercase() {
                let after_number = self.text[..ws].trim_end().ends_with(|d: char| d.is_ascii_digit());
                return if after_number && self.rules.lang != Lang::Generic { !bracketed } else { starter() };
            }
            if c.is_uppercase() {
                // An initial ("Andi S. Wibowo") unless it ends a clause
                // after a lowercase word ("you and I. Did …").
                return !first_word && starter() && !self.previous_word_capitalised(ws);
            }
        }
        true
    }

    /// At `at`: dashes, spaces, then a lowercase letter.
    fn dash_then_lowercase(&self, at: usize) -> bool {
        // No dash at `at` ('-', or the lead byte of '–' and '—'): false.
        if !matches!(self.bytes.get(at), Some(b'-' | 0xE2)) {
            return false;
        }
        let mut i = at;
        let mut dashes = 0;
        while let Some((c, n)) = char_at(self.text, i) {
            if matches!(c, '-' | '–' | '—') && i < at + 8 {
                dashes += 1;
                i += n;
            } else {
                break;
            }
        }
        while i < self.bytes.len() && self.bytes[i] == b' ' {
            i += 1;
        }
        dashes > 0 && char_at(self.text, i).is_some_and(|(c, _)| c.is_lowercase())
    }

    /// True when the closers between `run_end` and `end` include a quote.
    fn closed_by_quote(&self, run_end: usize, end: usize) -> bool {
        run_end < end && self.text[run_end..end].contains(['"', '\'', '”', '’', '»'])
    }

    /// "Mom asks.", "Carroll said," (but not "Kevin said the …"): the word
    /// after the capitalised `next_word` (at `at`) is a verb of saying that
    /// ends the clause.
    fn speech_tag_follows(&self, at: usize, next_word: &str) -> bool {
        let mut i = at + next_word.len();
        while i < self.bytes.len() && self.bytes[i] == b' ' {
            i += 1;
        }
        if i == at + next_word.len() || i >= self.bytes.len() {
            return false;
        }
        // Only a short tag ("Mom asks.", "Jenna said, smiling"): in news the
        // verb opens a clause ("Kevin said the firm …") and a sentence.
        let tagged = word_after(self.text, i);
        let verb = trim_word(tagged);
        tagged.len() > verb.len() && tagged[verb.len()..].starts_with(['.', ',', '!', '?']) && self.rules.speech_verbs.contains(verb)
    }

    /// Scrapers glue sentences together when they drop the space after a
    /// stop ("pemimpin Iran.Kondisi terkini"): a word of letters, a stop,
    /// then a capitalised word of letters that ends at a space or sentence
    /// punctuation. Abbreviations ("Dr.Sutomo"), initials ("S.Pd"), domains
    /// ("Liputan6.com", "www.Kompas.com") and numbers do not qualify.
    fn glued_sentence_start(&self, stop: usize, next: usize) -> bool {
        let text = self.text;
        // Most glued stops stand before a digit or a lowercase letter
        // ("7.195", "detik.com"): no capital, whatever the word before (read below).
        if self.bytes.get(next).is_some_and(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            return false;
        }
        let ws = self.word_start(stop);
        let prev = text[ws..stop].trim_start_matches(|c: char| is_opener(c));
        // "bought 1,000.That is": a number of three or more characters
        // (not a section number "3.") may end the glued sentence too.
        let pb = prev.as_bytes();
        let number = pb.len() >= 3
            && pb.iter().all(|&b| b.is_ascii_digit() || b == b',' || b == b'.')
            && pb.first().is_some_and(u8::is_ascii_digit)
            && pb.last().is_some_and(u8::is_ascii_digit);
        if !number
            && (prev.chars().count() < 2
                || !prev.chars().all(char::is_alphabetic)
                || !prev.chars().any(char::is_lowercase)
                || self.abbrev_class(prev).is_some())
        {
            return false;
        }
        let mut chars = text[next..].char_indices();
        let Some((_, first)) = chars.next() else { return false };
        if !first.is_uppercase() {
            return false;
        }
        let mut lower = 0;
        for (k, c) in chars {
            if c.is_lowercase() {
                lower += 1;
                if k > MAX_WORD {
                    return false;
                }
                continue;
            }
            let after = text[next + k..].chars().nth(1);
            // "Tuesday.Mr. Smith went": a title opens the glued sentence.
            if c == '.' && after.is_some_and(char::is_whitespace) && self.abbrev_class(&text[next..next + k]) == Some(AbbrevClass::Title) {
                return true;
            }
            let ends_word = c.is_whitespace()
                || matches!(c, ',' | ';' | ':' | '!' | '?' | ')' | '"' | '”')
                || (c == '.' && after.is_none_or(char::is_whitespace));
            return lower >= 2 && ends_word && !is_domain_suffix(&text[next..next + k]);
        }
        lower >= 2 && !is_domain_suffix(&text[next..])
    }

    /// "… in a consultation.11 12 Take the example", "… Journal (1987).1
    /// According to": footnote numbers glued to the stop after a word of
    /// letters or a closing bracket, then a capitalised word. Returns the
    /// end of the footnote numbers.
    fn footnote_marks_end(&self, stop: usize, next: usize) -> Option<usize> {
        let bytes = self.bytes;
        let before = *bytes.get(stop.checked_sub(1)?)?;
        if before == b')' {
            // fine: "(1987).1"
        } else if before.is_ascii_lowercase() {
            let ws = self.word_start(stop);
            let word = &self.text[ws..stop];
            if word.len() < 3 || !word.bytes().all(|b| b.is_ascii_alphabetic()) || self.abbrev_class(word).is_some() {
                return None;
            }
        } else {
            return None;
        }
        let mut k = next;
        let mut runs = 0;
        loop {
            let digits = bytes[k..].iter().take(4).take_while(|b| b.is_ascii_digit()).count();
            if digits == 0 || digits > 3 {
                return None;
            }
            k += digits;
            runs += 1;
            // Another footnote number, or the capitalised word.
            if bytes.get(k) != Some(&b' ') {
                return None;
            }
            let after = k + 1;
            match (bytes.get(after), bytes.get(after + 1)) {
                (Some(d), _) if d.is_ascii_digit() && runs < 3 => k = after,
                (Some(u), Some(l)) if u.is_ascii_uppercase() && l.is_ascii_lowercase() => return Some(k),
                _ => return None,
            }
        }
    }

    /// Extends a sentence end at `end` over citation marks ("[17]", "[3, 4]"),
    /// bracketed ellipses ("[...]") and emoticons (":)") that follow it.
    fn attach_trailing(&self, end: usize) -> usize {
        let bytes = self.bytes;
        let mut end = end;
        for _ in 0..4 {
            let mut k = end;
            while k < bytes.len() && (bytes[k] == b' ' || bytes[k] == b'\t') && k < end + 4 {
                k += 1;
            }
            let rest = &bytes[k..bytes.len().min(k + 16)];
            let taken = if matches!(rest.first(), Some(b')' | b']')) && k > end && self.unclosed_bracket(end) {
                // "(We fly next day. )": a detached closing bracket closes
                // the bracket this sentence opened.
                Some(1)
            } else if rest.first() == Some(&b'[') {
                rest.iter().position(|&b| b == b']').filter(|&close| {
                    let inner = &rest[1..close];
                    !inner.is_empty()
                        && (inner.iter().all(|b| b.is_ascii_digit() || matches!(b, b',' | b' ' | b'-'))
                            || inner == b"..."
                            || inner == "…".as_bytes())
                })
                .map(|close| close + 1)
            } else if matches!(rest.first(), Some(b':' | b';' | b'=' | b'^' | b'>' | b'x')) {
                // Also "=)", "^_^", ">:(", ":O", "x.x": in EWT train each of
                // its 31 emoticons after a sentence end stays with that
                // sentence (GUM train's one, EWT dev's 6 as well).
                [
                    &b":)"[..], b":-)", b":(", b":-(", b":D", b":-D", b";)", b";-)", b":P", b":p", b"=)", b"=(", b"=D", b"^_^", b"^^",
                    b">:(", b">:)", b":O", b":o", b"x.x", b":/", b":'(",
                ]
                    .iter()
                    .find(|e| rest.starts_with(e))
                    .map(|e| e.len())
            } else {
                None
            };
            let Some(n) = taken else { break };
            // Only a whole token: followed by a space, a break or the end.
            let after = k + n;
            if after < bytes.len() && !bytes[after].is_ascii_whitespace() {
                break;
            }
            end = after;
        }
        end
    }

    /// True when the sentence so far (up to `end`, at most 512 bytes back, so
    /// that a run of such closers stays linear) opens
    /// more round or square brackets than it closes.
    fn unclosed_bracket(&self, end: usize) -> bool {
        let from = self.start.max(end.saturating_sub(512));
        let mut depth = 0i32;
        for &b in &self.bytes[from..end] {
            match b {
                b'(' | b'[' => depth += 1,
                b')' | b']' => depth -= 1,
                _ => {}
            }
        }
        depth > 0
    }

    /// "(bir)", "[rhm]", "(wis/ugo)" at `at`, then the end of the paragraph.
    fn bracketed_tag_ends_paragraph(&self, at: usize) -> bool {
        let bytes = self.bytes;
        if !matches!(bytes.get(at), Some(b'(' | b'[')) {
            return false;
        }
        let rest = &bytes[at..bytes.len().min(at + 24)];
        let Some(close) = rest.iter().position(|&b| b == b')' || b == b']') else { return false };
        let inner = &rest[1..close];
        let after = at + close + 1;
        !inner.is_empty()
            && inner.iter().all(|b| b.is_ascii_lowercase() || matches!(b, b'/' | b'*' | b'-' | b' '))
            && (after >= bytes.len() || matches!(bytes[after], b'\n' | b'\r'))
    }

    /// The abbreviation class of `word`, also in capitals ("JL." as "Jl.").
    fn abbrev_class(&self, word: &str) -> Option<AbbrevClass> {
        if let Some(c) = self.rules.abbrevs.get(word) {
            return Some(c);
        }
        let b = word.as_bytes();
        if (2..=5).contains(&b.len()) && b.iter().all(u8::is_ascii_uppercase) {
            let mut buf = [0u8; 5];
            buf[..b.len()].copy_from_slice(b);
            buf[1..b.len()].make_ascii_lowercase();
            return std::str::from_utf8(&buf[..b.len()]).ok().and_then(|w| self.rules.abbrevs.get(w));
        }
        None
    }

    /// "at 6 p.m. Travelers …": a clock time ends a sentence before a capital
    /// unless it opens the sentence as a fronted adverbial ("At 5 a.m. Mr.
    /// Smith …"), i.e. unless at most one word precedes its number.
    fn clock_time_ends(&self, ws: usize) -> bool {
        let mut i = ws;
        let mut words = 0;
        // Walk back over the number and up to two earlier words.
        while words < 3 {
            while let Some((c, at)) = char_before(self.text, i) {
                if at < self.content_start || !c.is_whitespace() {
                    break;
                }
                i = at;
            }
            if i <= self.content_start {
                break;
            }
            let s = self.word_start(i);
            if s >= i {
                break;
            }
            words += 1;
            i = s;
        }
        words >= 3
    }

    /// True when the word ending at `end` begins with a capital letter.
    fn word_before_capitalised(&self, end: usize) -> bool {
        let ws = self.word_start(end);
        self.text[ws..end].chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase)
    }

    /// True when the word ending at `end` is two or more capital letters and
    /// nothing else ("NO!", "WOW!", "FREAK OUT!!!"): shouting, not a name
    /// written with "!" (those are titlecase, "Yahoo! and AOL"); before a
    /// lowercase word it ends a sentence 5 times in 5 in EWT train (none in
    /// GUM train or either dev set).
    fn word_before_shouted(&self, end: usize) -> bool {
        let ws = self.word_start(end);
        let word = self.text[ws..end].trim_start_matches(|c: char| is_opener(c));
        let letters = word.bytes().take_while(u8::is_ascii_uppercase).count();
        letters >= 2 && letters == word.len()
    }

    /// True when the word before the stop at `dot` is a plain word of two or
    /// more letters: not an abbreviation, an initial, a number or a list marker.
    fn ordinary_word_before(&self, dot: usize) -> bool {
        let ws = self.word_start(dot);
        // A closing quote or bracket may stand before the stop ("as they
        // wilt\". http://…", "at each other). only once …"): 6 of 6 such
        // stops before a lowercase word end a sentence in EWT train and dev,
        // 1 of 1 in GUM train.
        let word = self.text[ws..dot].trim_start_matches(|c: char| is_opener(c) || is_closer(c)).trim_end_matches(|c: char| is_closer(c));
        let letters = word.chars().count();
        ws > self.content_start
            && letters >= 2
            && dot - ws < MAX_WORD
            && word.chars().all(char::is_alphabetic)
            && self.abbrev_class(word).is_none()
    }

    /// Armenian writers type `:` for their full stop "։" and Greek uses `;`
    /// as its question mark: between a letter of that script and a space,
    /// then a capital of that script, the mark ends a sentence.
    fn script_terminator(&self, at: usize) -> bool {
        let bytes = self.bytes;
        // Both scripts sit in two-byte UTF-8: the byte before must be non-ASCII.
        if at == 0 || bytes[at - 1] < 0x80 || bytes.get(at + 1) != Some(&b' ') {
            return false;
        }
        let Some((before, _)) = char_before(self.text, at) else { return false };
        let mut k = at + 1;
        while k < bytes.len() && bytes[k] == b' ' && k < at + 4 {
            k += 1;
        }
        let Some((after, _)) = char_at(self.text, k) else { return false };
        let armenian = |c: char| matches!(c, '\u{0531}'..='\u{0587}');
        let greek = |c: char| matches!(c, '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}');
        match bytes[at] {
            b':' => armenian(before) && armenian(after) && after.is_uppercase(),
            _ => greek(before) && greek(after) && after.is_uppercase(),
        }
    }

    /// An e-mail header's date and clock time ("Kay Mann 04/26/2001 07:17 AM
    /// Will you …", "… on 08/16/2000 03:14:14 PM Steve, …"), English: the
    /// colon at `colon` is the hour's, a date of slashes stands before the
    /// hour, and the time (seconds and AM / PM optional) ends the header,
    /// whatever word follows on the line: 164 of 164 such stamps in EWT
    /// train and dev end a sentence (none in GUM); the segmentation model
    /// never sees those before a lowercase word ("… 03:51 PM hi mark - i'm").
    /// A greeting right after the stamp and closed by a dash ("Kay - Can
    /// you", "Steve, Rod and Elyse - Just", "Sara- Happy New Year") is a
    /// sentence of its own: 11 of 12 in EWT train and dev, the other opening
    /// with a sentence starter ("This Friday - Michael goes …"). Closes the
    /// sentences and returns where the scan resumes.
    fn header_stamp(&mut self, colon: usize) -> Option<usize> {
        if self.rules.lang != Lang::English {
            return None;
        }
        let b = self.bytes;
        let digit = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
        // The minutes, then the optional seconds.
        if !(digit(colon + 1) && digit(colon + 2)) || digit(colon + 3) {
            return None;
        }
        let mut end = colon + 3;
        if b.get(end) == Some(&b':') && digit(end + 1) && digit(end + 2) && !digit(end + 3) {
            end += 3;
        }
        // The hour, one or two digits after a space.
        let mut h = colon;
        while h > 0 && colon - h < 2 && digit(h - 1) {
            h -= 1;
        }
        if h == colon || h < 2 || b[h - 1] != b' ' {
            return None;
        }
        // The date before it: d/d/yy … dd/dd/yyyy, a whole word.
        let d_end = h - 1;
        let floor = d_end.saturating_sub(11);
        let d = match b[floor..d_end].iter().rposition(|c| c.is_ascii_whitespace()) {
            Some(p) => floor + p + 1,
            None if floor == 0 => 0,
            None => return None,
        };
        let mut groups = b[d..d_end].split(|&c| c == b'/');
        let date = d_end - d <= 10
            && [(1, 2), (1, 2), (2, 4)].iter().all(|&(lo, hi)| {
                groups.next().is_some_and(|g| (lo..=hi).contains(&g.len()) && g.iter().all(u8::is_ascii_digit))
            })
            && groups.next().is_none();
        if !date {
            return None;
        }
        // AM / PM, glued or after one space.
        let ampm = |k: usize| {
            matches!(b.get(k), Some(b'A' | b'P' | b'a' | b'p'))
                && matches!(b.get(k + 1), Some(b'M' | b'm'))
                && b.get(k + 2).is_none_or(|c| c.is_ascii_whitespace())
        };
        if ampm(end) {
            end += 2;
        } else if b.get(end) == Some(&b' ') && ampm(end + 1) {
            end += 3;
        }
        // The sender before the date ("… please print Amanda Huble@ENRON
        // 01/24/2001 …", "… Thanks. DF James Centilli 12/14/2000 …") is a
        // sentence of its own, and so is the stamp.
        self.split_sender(d);
        // Text follows on the same line.
        if b.get(end) != Some(&b' ') {
            return None;
        }
        let mut next = end;
        while next < b.len() && (b[next] == b' ' || b[next] == b'\t') {
            next += 1;
        }
        if next >= b.len() || matches!(b[next], b'\n' | b'\r') {
            return None;
        }
        self.close(end, next);
        if let Some(dash_end) = self.greeting_before_dash(next) {
            self.close(dash_end, dash_end);
            return Some(dash_end);
        }
        Some(next)
    }

    /// The words before an e-mail header's date at `date` name its sender
    /// (EWT's convention, and the mail clients'): the sender starts a
    /// sentence and the date starts the next, 139 of 141 times in EWT train,
    /// 15 of 15 in dev, when the word before the date is not "on"
    /// ("SOblander@carrfut.com on 08/15/2000", one sentence). The sender is an
    /// address, "First [I] Last", "First Last@ORG", "First Last <address>" or
    /// a quoted name before an address; after a label ("Sent by: Jeff
    /// Dasovich") it stays with the label.
    fn split_sender(&mut self, date: usize) {
        let Some(start) = self.sender_start(date) else { return };
        let b = self.bytes;
        let mut prev_end = start;
        while prev_end > 0 && matches!(b[prev_end - 1], b' ' | b'\t') {
            prev_end -= 1;
        }
        let labelled = prev_end > 0 && b[prev_end - 1] == b':';
        let on = self.text[start..date].trim_end().ends_with(" on");
        if !labelled && prev_end > 0 && !matches!(b[prev_end - 1], b'\n' | b'\r') && start > self.content_start {
            self.close(prev_end, start);
        }
        if !on && date > self.content_start {
            let mut e = date;
            while e > 0 && matches!(b[e - 1], b' ' | b'\t') {
                e -= 1;
            }
            self.close(e, date);
        }
    }

    /// Where the sender before the date at `date` starts (same line, at
    /// most four words back), or `None` when the words are no sender.
    fn sender_start(&self, date: usize) -> Option<usize> {
        let b = self.bytes;
        // The words before the date, last first: (start, end).
        let mut words: [(usize, usize); 6] = [(0, 0); 6];
        let mut n = 0;
        let mut i = date;
        while n < words.len() {
            while i > 0 && matches!(b[i - 1], b' ' | b'\t') {
                i -= 1;
            }
            let end = i;
            while i > 0 && !b[i - 1].is_ascii_whitespace() && end - i < MAX_WORD {
                i -= 1;
            }
            if i == end || end - i >= MAX_WORD {
                break;
            }
            words[n] = (i, end);
            n += 1;
            if i == 0 || matches!(b[i - 1], b'\n' | b'\r') || i < self.start {
                break;
            }
        }
        let word = |k: usize| &self.text[words[k].0..words[k].1];
        let name = |w: &str| {
            let wb = w.as_bytes();
            !wb.is_empty() && wb[0].is_ascii_uppercase() && wb.iter().all(|c| c.is_ascii_alphabetic() || matches!(c, b'\'' | b'-' | b'.'))
        };
        let initial = |w: &str| matches!(w.as_bytes(), [c] | [c, b'.'] if c.is_ascii_uppercase());
        let particle = |w: &str| matches!(w, "St" | "St." | "Van" | "Von" | "De" | "Del" | "La" | "Le" | "Du" | "Mac");
        // First [I] Last, or a particle: "Carol St Clair", "Steve Van Hooser".
        let full_name = |last: usize| {
            let mut k = last;
            if k + 1 < n && name(word(k + 1)) {
                k += 1;
                if (initial(word(k)) || particle(word(k))) && k + 1 < n && name(word(k + 1)) {
                    k += 1;
                }
            }
            k
        };
        if n == 0 {
            return None;
        }
        let mut k = 0;
        if word(0) == "on" {
            if n < 2 {
                return None;
            }
            k = 1;
        }
        let w = word(k);
        let first = if w.starts_with('<') && w.ends_with('>') && w.contains('@') {
            // "Michael McDermott <Michael.McDermott@…>", "\"Lindh, Frank (Law)\" <FRL3@pge.com>".
            if k + 1 < n && word(k + 1).ends_with('"') {
                let mut j = k + 1;
                while j + 1 < n && !word(j).starts_with('"') {
                    j += 1;
                }
                if !word(j).starts_with('"') {
                    return None;
                }
                j
            } else if k + 1 < n && name(word(k + 1)) {
                full_name(k + 1)
            } else {
                k
            }
        } else if w.contains('@') || (k + 2 < n && word(k + 1) == "@") {
            // "Jorge A Garcia@ENRON", "Lorie Leigh @ ECT", "RusAmArts@aol.com",
            // "Traci Warner@ENRON COMMUNICATIONS".
            let at = if w.contains('@') { k } else { k + 2 };
            // Lotus Notes writes "Rudwell Johnson/ENRON@enronXgate".
            let (user, host) = word(at).split_once('@').unwrap_or((word(at), ""));
            let user = user.split('/').next().unwrap_or(user);
            if at == k + 2 && !name(word(at)) {
                return None;
            }
            // A name before a mail system's address ("Garcia@ENRON"), not
            // before an Internet address ("RusAmArts@aol.com").
            if at == k + 2 || (name(user) && !user.contains('.') && !host.contains('.')) {
                full_name(at)
            } else {
                at
            }
        } else if k + 1 < n && w.bytes().all(|c| c.is_ascii_uppercase()) && word(k + 1).contains('@') && !word(k + 1).ends_with('>') {
            // "Ken Rice@ENRON COMMUNICATIONS 01/19/2001".
            full_name(k + 1)
        } else if name(w) && !initial(w) && k + 1 < n && name(word(k + 1)) {
            full_name(k)
        } else {
            return None;
        };
        Some(words[first].0)
    }

    /// "Kay -", "Mark and Steve-", "Good Morning Debra -", "hi mark -" at
    /// `at`: one to four names (commas and "and" between them; a greeting
    /// word may open them, no other sentence starter), a dash, a space.
    /// Returns the end of the dash.
    fn greeting_before_dash(&self, at: usize) -> Option<usize> {
        let b = self.bytes;
        let limit = b.len().min(at + 48);
        let mut k = at;
        let mut names = 0;
        loop {
            let ws = k;
            while k < limit && b[k].is_ascii_alphabetic() {
                k += 1;
            }
            let word = &self.text[ws..k];
            if word.is_empty() || k >= limit {
                return None;
            }
            let greeting = matches!(word, "Hi" | "hi" | "Hello" | "hello" | "Dear" | "Good" | "Morning" | "Afternoon" | "Evening");
            if word != "and" {
                if names == 0 && !greeting && (self.rules.starters.contains(word) || !b[ws].is_ascii_uppercase()) {
                    return None;
                }
                names += 1;
                if names > 4 || (names > 1 && !greeting && self.rules.starters.contains(word)) {
                    return None;
                }
            }
            if b[k] == b',' {
                k += 1;
            }
            match (b.get(k), b.get(k + 1)) {
                (Some(b'-'), _) => return (b.get(k + 1) == Some(&b' ')).then_some(k + 1),
                (Some(b' '), Some(b'-')) => return (b.get(k + 2) == Some(&b' ')).then_some(k + 2),
                (Some(b' '), _) => k += 1,
                _ => return None,
            }
        }
    }

    /// True when the word ending in the "!" at `bang` is a name written with
    /// it ("Yahoo!", "Jeopardy!").
    fn name_with_bang(&self, bang: usize) -> bool {
        let ws = self.word_start(bang);
        let word = self.text[ws..bang].trim_start_matches(|c: char| is_opener(c));
        matches!(word, "Yahoo" | "YAHOO" | "Jeopardy" | "Joomla")
    }

    /// True when the word ending at `mark` is in title case ("Dance", "Yet",
    /// "Hi-Fi"; not "WHY") and the word before it begins with a capital too
    /// ("Shall We Dance", "Are We There Yet"): a title, not one name
    /// ("Miramar? are they …" ends a question in EWT).
    fn title_before_mark(&self, mark: usize) -> bool {
        let ws = self.word_start(mark);
        let word = self.text[ws..mark].trim_start_matches(|c: char| is_opener(c));
        let titlecase = word.chars().next().is_some_and(char::is_uppercase) && word.chars().any(char::is_lowercase);
        titlecase && ws > self.start && (self.previous_word_capitalised(ws) || self.title_words_before(ws))
    }

    /// True when the words before the one starting at `ws` go back, over
    /// capitalised words and a title's small words ("to be a", "it's",
    /// "is"), to a capitalised question word that does not open the
    /// sentence: a title that is a question ("Who Wants to be a
    /// Millionaire? on Christmas Day", "Do They Know it's Christmas? is
    /// expected", "from What is Anthropology? is called"). A question that
    /// opens its sentence ("Where is Miramar? are they …") or names no
    /// title ("at Warwick in Pennsylvania? and I said") ends there.
    fn title_words_before(&self, ws: usize) -> bool {
        const SMALL: &[&str] = &["a", "an", "the", "to", "be", "is", "of", "in", "on", "it's", "for", "and", "or", "at", "with", "from"];
        const OPENERS: &[&str] = &[
            "Who", "What", "Where", "When", "Why", "How", "Which", "Do", "Does", "Did", "Is", "Are", "Was", "Were", "Can", "Could",
            "Will", "Would", "Shall", "Should", "Have", "Has",
        ];
        let mut end = ws;
        for _ in 0..6 {
            let Some((s, word)) = self.word_before(end, self.content_start) else { return false };
            if OPENERS.contains(&word) {
                return s > self.content_start;
            }
            if !word.chars().next().is_some_and(char::is_uppercase) && !SMALL.contains(&word) {
                return false;
            }
            end = s;
        }
        false
    }

    /// True when the word before the one starting at `ws` begins with a capital.
    fn previous_word_capitalised(&self, ws: usize) -> bool {
        self.word_before(ws, self.start)
            .is_some_and(|(_, word)| word.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase))
    }

    /// The start and text of the word before the one starting at `ws`, past
    /// the white space between them; `None` when `floor` comes first.
    fn word_before(&self, ws: usize, floor: usize) -> Option<(usize, &'t str)> {
        let mut i = ws;
        while let Some((c, at)) = char_before(self.text, i) {
            if i <= floor || !c.is_whitespace() {
                break;
            }
            i = at;
        }
        if i <= floor {
            return None;
        }
        let s = self.word_start(i);
        Some((s, &self.text[s..i]))
    }
}

/// [`Scanner::word_start`]: the start of the whitespace-delimited word
/// ending at `end` (at most `MAX_WORD` bytes back, never before `start`).
fn word_start_in(text: &str, start: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    let floor = start.max(end.saturating_sub(MAX_WORD));
    let mut i = end;
    // Eight bytes at a time while they lie above the floor (the
    // repair's word scan): white space in them ends the word, eight
    // ASCII bytes that are not go on, a non-ASCII byte after the last
    // white space is left to the char-decoding scan below.
    while i >= floor + 8 {
        match crate::repair::last_word_stop(&bytes[i - 8..i]) {
            crate::repair::Stop::White(k) => return i - 8 + k + 1,
            crate::repair::Stop::None => i -= 8,
            crate::repair::Stop::Decode => break,
        }
    }
    while i > floor {
        // ASCII by byte (`i - 1 >= floor` holds); other chars decoded.
        let b = bytes[i - 1];
        if b < 0x80 {
            if is_ascii_white(b) {
                break;
            }
            i -= 1;
            continue;
        }
        match char_before(text, i) {
            Some((c, at)) if !c.is_whitespace() && at >= floor => i = at,
            _ => break,
        }
    }
    i
}

/// "Com" in "Newsfeed.Com": a top-level domain, whatever its case.
fn is_domain_suffix(word: &str) -> bool {
    ["com", "net", "org", "info", "biz", "gov", "edu", "co", "id", "tv", "io"].iter().any(|t| word.eq_ignore_ascii_case(t))
}

/// The whitespace-delimited word starting at `at` (bounded).
fn word_after(text: &str, at: usize) -> &str {
    // The repair's scan (eight bytes at a time for a word of up to fifteen
    // ASCII bytes), the same word: `word_after_reads_as_the_byte_scan`.
    crate::repair::word_forward(text, at)
}

/// The ASCII bytes `char::is_whitespace` takes (with the vertical tab,
/// which `u8::is_ascii_whitespace` leaves out).
#[inline]
fn is_ascii_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// A word without trailing punctuation ("They," -> "They").
fn trim_word(word: &str) -> &str {
    word.trim_end_matches(|c: char| !crate::chars::is_alphanumeric(c) && c != '\'' && c != '’')
}

/// URLs, domains with a path, e-mail addresses: their inner dots were never
/// candidates, and their final dot is an ordinary full stop.
fn is_link(word: &str) -> bool {
    // (A word without ':' or '@' is a link only as "www.…": one pass over its bytes first.)
    if !word.bytes().any(|b| b == b':' || b == b'@') {
        return word.starts_with("www.");
    }
    word.contains("://") || word.starts_with("www.") || (word.contains('@') && word.contains('.'))
}

/// "U.S", "a.m", "S.H", "M.Si", "Ph.D", "B.J": short letter groups joined by
/// dots (the final dot is the candidate). Numbers ("1.026") are not.
fn is_dotted_abbrev(word: &str) -> bool {
    // (A byte loop: the words are short, and `str::contains` calls memchr.)
    if !word.bytes().any(|b| b == b'.') {
        return false;
    }
    let mut groups = 0;
    for (n, group) in word.split('.').enumerate() {
        let letters = group.chars().count();
        if letters == 0 || letters > 4 || (n == 0 && letters > 2) || !group.chars().all(char::is_alphabetic) {
            return false;
        }
        groups += 1;
    }
    groups >= 2
}

/// "II", "XIV": an upper-case Roman numeral of two or more letters (a lone
/// "I" is the pronoun far more often: "No. I didn't").
fn is_roman_numeral(word: &str) -> bool {
    word.len() >= 2 && word.len() <= 8 && word.bytes().all(|b| matches!(b, b'I' | b'V' | b'X' | b'L' | b'C'))
}

/// Whether the full-width full stop at `at` stands between two digits
/// (ASCII or full-width): a decimal point.
fn is_decimal_point(text: &str, at: usize) -> bool {
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    matches!(char_at(text, at), Some(('．', n)) if char_before(text, at).is_some_and(|(c, _)| digit(c)) && char_at(text, at + n).is_some_and(|(c, _)| digit(c)))
}

/// How far a title's closing mark is looked for after a mark inside it.
const MAX_TITLE_BYTES: usize = 120;

/// Whether the mark at `at` stands inside East Asian title marks ("《…》",
/// "〈…〉"): one opens between the sentence's start and `at` and is not
/// closed before it, and its closing mark follows within
/// [`MAX_TITLE_BYTES`] on the same line.
fn inside_title_marks(text: &str, start: usize, at: usize) -> bool {
    let from = start.max(at.saturating_sub(MAX_TITLE_BYTES));
    let from = (from..at).find(|&k| text.is_char_boundary(k)).unwrap_or(at);
    let before = &text[from..at];
    let open = before.rfind(['《', '〈']).is_some_and(|o| !before[o..].contains(['》', '〉']));
    let to = (at + MAX_TITLE_BYTES).min(text.len());
    let to = (at..=to).rev().find(|&k| text.is_char_boundary(k)).unwrap_or(at);
    let after = &text[at..to];
    let closes = after.find(['》', '〉']).is_some_and(|c| !after[..c].contains('\n'));
    open && closes
}

/// The end of a closing guillemet set off by a space (ASCII, no-break or
/// narrow no-break) at `at`, as French writes it ("Non ! »"), when no
/// letter or digit follows it.
fn spaced_guillemet_end(text: &str, at: usize) -> Option<usize> {
    let (space, n) = char_at(text, at)?;
    if !matches!(space, ' ' | '\u{a0}' | '\u{202f}') {
        return None;
    }
    let (closer, m) = char_at(text, at + n)?;
    let end = at + n + m;
    let free = text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
    (matches!(closer, '»' | '›') && free).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_abbreviations_are_recognised() {
        assert!(is_dotted_abbrev("U.S"));
        assert!(is_dotted_abbrev("M.Si"));
        assert!(is_dotted_abbrev("a.m"));
        assert!(!is_dotted_abbrev("1.026"));
        assert!(!is_dotted_abbrev("detik.com"));
        assert!(!is_dotted_abbrev("Jakarta"));
    }
}

#[cfg(test)]
mod skip_tests {
    use super::{char_before, is_ascii_white, skip_plain, word_after, word_start_in, CLASS, MAX_WORD, PLAIN};

    #[test]
    fn word_after_reads_as_the_byte_scan() {
        fn slow(text: &str, at: usize) -> &str {
            let rest = &text[at..];
            let bytes = rest.as_bytes();
            let mut end = 0;
            while end < bytes.len() && end < MAX_WORD {
                let b = bytes[end];
                if b < 0x80 {
                    if is_ascii_white(b) {
                        break;
                    }
                    end += 1;
                    continue;
                }
                match rest[end..].chars().next() {
                    Some(c) if !c.is_whitespace() => end += c.len_utf8(),
                    _ => break,
                }
            }
            &rest[..end]
        }
        let long = format!("{} {}", "y".repeat(70), "z".repeat(9));
        let texts = [
            "Presiden Joko Widodo mengatakan pembangunan berjalan.",
            "kata\tkedua\x0Bketiga\u{a0}keempat\u{2003}kelima émas naïve 日本語の文 end",
            long.as_str(),
            "a bb ccc dddd eeeee ffffff ggggggg hhhhhhhh iiiiiiiii jjjjjjjjjj kkkkkkkkkkkkkkk llllllllllllllll",
        ];
        for t in texts {
            for at in (0..=t.len()).filter(|&k| t.is_char_boundary(k)) {
                assert_eq!(word_after(t, at), slow(t, at), "{t:?} {at}");
            }
        }
    }

    #[test]
    fn word_starts_read_as_the_char_by_char_scan() {
        fn slow(text: &str, start: usize, end: usize) -> usize {
            let floor = start.max(end.saturating_sub(MAX_WORD));
            let mut i = end;
            while i > floor {
                match char_before(text, i) {
                    Some((c, at)) if !c.is_whitespace() && at >= floor => i = at,
                    _ => break,
                }
            }
            i
        }
        let long = "x".repeat(70);
        let texts = [
            "Presiden Joko Widodo mengatakan pembangunan berjalan.",
            "kata\tkedua\x0Bketiga\u{a0}keempat\u{2003}kelima émas naïve 日本語の文 end",
            long.as_str(),
            "a bb ccc dddd eeeee ffffff ggggggg hhhhhhhh iiiiiiiii jjjjjjjjjj",
        ];
        for t in texts {
            for end in (0..=t.len()).filter(|&k| t.is_char_boundary(k)) {
                for start in (0..=end).filter(|&k| t.is_char_boundary(k)).step_by(3) {
                    assert_eq!(word_start_in(t, start, end), slow(t, start, end), "{t:?} {start} {end}");
                }
            }
        }
    }

    #[test]
    fn maybe_not_plain_is_the_range_test() {
        use warta_core::swar::{equal, within, HIGH, LOW7};
        let reference = |x: u64| {
            let low = x & LOW7;
            ((within(low, 0x00, 0x3f) & !equal(low, b' ') & !equal(low, b',') & !within(low, b'0', b'9')) | x) & HIGH
        };
        // Every byte value in every lane, among neighbours that would carry
        // or borrow (0x00, 0x7f, 0xff, a space, a digit, a letter).
        for b in 0..=255u8 {
            for fill in [0x00u8, 0x7f, 0xff, b' ', b'9', b'a', b',', 0x3f, 0x40] {
                for lane in 0..8 {
                    let mut bytes = [fill; 8];
                    bytes[lane] = b;
                    let x = u64::from_le_bytes(bytes);
                    assert_eq!(super::maybe_not_plain(x), reference(x), "{b:#x} in lane {lane} among {fill:#x}");
                }
            }
        }
    }

    #[test]
    fn skip_plain_agrees_with_the_class_table() {
        // Every byte value at every position of the 16-byte chunks, the
        // 8-byte one after them and the tail after the last whole chunk,
        // scanned from every start.
        for b in 0..=255u8 {
            for at in 0..43 {
                let mut bytes = vec![b'a'; 43];
                bytes[at] = b;
                for from in 0..=43 {
                    let naive = (from..43).find(|&i| CLASS[bytes[i] as usize] != PLAIN).unwrap_or(43);
                    assert_eq!(skip_plain(&bytes, from), naive, "byte {b:#04x} at {at}, from {from}");
                }
            }
        }
        assert_eq!(skip_plain(b"", 0), 0);
        // The 16-byte test flags exactly the bytes that are not plain, in
        // every lane, whatever stands in the others.
        for b in 0..=255u8 {
            for fill in [b'a', b'.', 0xC2, 0x80, 0xFF, 0x00] {
                for lane in 0..16 {
                    let mut chunk = [fill; 16];
                    chunk[lane] = b;
                    let want: u128 = (0..16).filter(|&k| CLASS[chunk[k] as usize] != PLAIN).map(|k| 0x80u128 << (8 * k)).sum();
                    assert_eq!(super::not_plain16(&chunk), want, "{b:#x} in lane {lane} among {fill:#x}");
                }
            }
        }
        // The chunks' cheap test flags every byte that is not plain.
        for b in 0..=255u8 {
            if CLASS[b as usize] != PLAIN {
                assert!(super::maybe_not_plain(u64::from(b)) & 0x80 != 0, "{b:#x}");
            }
        }
    }
}
