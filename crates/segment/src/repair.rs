//! Repair of full stops that scrapers and content spinners insert inside a
//! sentence ("hubungan strategis dengan. Perdana Menteri", "di sana.
//! menambahkan").
//!
//! Precision comes first: a stop is taken out only when the language makes
//! a sentence end there impossible, namely
//! - the word before is a function word or a word that needs a complement
//!   and cannot end a sentence ("dengan", "di", "bahwa", "mengatakan";
//!   "the", "and"), or
//! - the word after starts in lowercase, is not a word that opens sentences
//!   even in lowercase ("namun", "they"), the word before is an ordinary
//!   word (not an abbreviation, an initial or a number), the text does not
//!   itself write lowercase sentence starts, and the text has at least one
//!   stop of the first kind (so a writer's lowercase typo in clean text is
//!   left alone: on 10 MB of real scraped news that gate removed most
//!   doubtful repairs), or
//! - the word after is a lowercase clause continuation that never opens a
//!   sentence ("yang", "oleh", "karena"; "of", "which"): no other evidence
//!   is needed.

use crate::chars::{char_at, char_before, is_closer, is_opener, is_soft_space};
use crate::lang::{Lang, LangRules};

/// Longest word looked at on either side of a candidate stop.
const MAX_WORD: usize = 64;

/// Why a stop was judged spurious.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpuriousKind {
    /// After a function word that cannot end a sentence.
    AfterFunctionWord,
    /// Before a word in lowercase.
    BeforeLowercase,
    /// Before a lowercase word that continues a clause and never opens a
    /// sentence ("yang", "oleh", "karena"; "of", "which").
    BeforeContinuation,
}

/// A full stop the repair pass would remove.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpuriousStop {
    /// Byte offset of the `.` in the text.
    pub at: usize,
    pub kind: SpuriousKind,
}

/// Finds the spurious full stops of `text` in language `lang`. Only the
/// languages with function-word lists (Indonesian, English) are repaired.
pub fn find_spurious_stops(text: &str, lang: &str) -> Vec<SpuriousStop> {
    let rules = LangRules::get(Lang::from_code(lang));
    let mut out = Vec::new();
    if rules.lang == Lang::Generic {
        return out;
    }
    let lowercase_ok = !writes_lowercase_starts(text, rules.lang);
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(off) = bytes[from..].iter().position(|&b| b == b'.') {
        let at = from + off;
        from = at + 1;
        if let Some(kind) = judge(text, at, rules, lowercase_ok) {
            out.push(SpuriousStop { at, kind });
        }
    }
    // Writers sometimes start a sentence in lowercase by mistake; a stop
    // before a lowercase word is taken for a scraper's only in a text that
    // shows a stop no writer makes (after a function word).
    if !out.iter().any(|s| matches!(s.kind, SpuriousKind::AfterFunctionWord | SpuriousKind::BeforeContinuation)) {
        out.clear();
    }
    out
}

fn judge(text: &str, at: usize, rules: &LangRules, lowercase_ok: bool) -> Option<SpuriousKind> {
    let bytes = text.as_bytes();
    // A single stop, directly after a word and followed by spaces and a word
    // in the same paragraph.
    if at == 0 || bytes[at - 1] == b'.' || bytes.get(at + 1) != Some(&b' ') {
        return None;
    }
    let mut w = at + 1;
    while let Some((c, n)) = char_at(text, w) {
        if is_soft_space(c) && w < at + 8 {
            w += n;
        } else {
            break;
        }
    }
    let (lead, _) = char_at(text, w)?;
    if !lead.is_alphabetic() {
        return None;
    }
    let next = word_forward(text, w);
    // The word before, without a closing quote ("politik”.").
    let mut pe = at;
    while let Some((c, s)) = char_before(text, pe) {
        if is_closer(c) && at - s <= 8 {
            pe = s;
        } else {
            break;
        }
    }
    let quoted = pe < at;
    let ps = word_backward(text, pe);
    let mut ps2 = ps;
    while let Some((c, n)) = char_at(text, ps2) {
        if ps2 < pe && is_opener(c) {
            ps2 += n;
        } else {
            break;
        }
    }
    let prev = &text[ps2..pe];
    if prev.is_empty() || pe - ps >= MAX_WORD || !prev.chars().all(char::is_alphabetic) {
        return None;
    }
    let prev_lower = prev.chars().all(char::is_lowercase);
    if !quoted && prev_lower && rules.nonfinal.contains(prev) && rules.abbrevs.get(prev).is_none() {
        return Some(SpuriousKind::AfterFunctionWord);
    }
    // A lowercase clause continuation is as sure a sign as a function word
    // before the stop: no writer opens a sentence with "yang" or "oleh".
    if lead.is_lowercase()
        && rules.continuations.contains(next)
        && prev.chars().count() >= 2
        && rules.abbrevs.get(prev).is_none()
        && (prev_lower || prev.chars().skip(1).all(char::is_lowercase))
    {
        return Some(SpuriousKind::BeforeContinuation);
    }
    if lowercase_ok
        && lead.is_lowercase()
        && !starts_sentences(next, rules)
        && prev.chars().count() >= 2 && rules.abbrevs.get(prev).is_none() && is_plain_word(next) && !exempt_lowercase_start(next) {
        let prev_ok = prev_lower || prev.chars().skip(1).all(char::is_lowercase);
        if prev_ok {
            return Some(SpuriousKind::BeforeLowercase);
        }
    }
    None
}

/// True when a lowercase `word` is one that typically opens a sentence
/// ("namun", "kemudian"; "they", "if") or a domain suffix ("detik. com"):
/// the writer's own lowercase start, not a stop inserted inside a sentence.
fn starts_sentences(word: &str, rules: &LangRules) -> bool {
    let core = word.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '\'');
    rules.lowercase_starters.contains(core) || matches!(core, "com" | "id" | "net" | "org" | "co" | "html")
}

/// Informal writing (chat, e-mail, forum posts) starts lines and sentences
/// in lowercase and writes "i" for "I"; in such a text a stop before a
/// lowercase word is the writer's, not a scraper's.
fn writes_lowercase_starts(text: &str, lang: Lang) -> bool {
    let lowercase_lines = text
        .split('\n')
        .filter(|line| {
            line.trim_start_matches(|c: char| c.is_whitespace() || is_opener(c))
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
        })
        .take(2)
        .count();
    let lowercase_i = lang == Lang::English && (text.contains(" i ") || text.contains(" i'") || text.starts_with("i "));
    lowercase_lines >= 2 || lowercase_i
}

/// A word of letters (optionally ending in punctuation), at least two long:
/// not a list letter, a unit or a code.
fn is_plain_word(word: &str) -> bool {
    let core = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    core.chars().count() >= 2 && core.chars().all(|c| c.is_alphabetic() || c == '-')
}

/// Lowercase words that legitimately start a sentence-like unit or follow an
/// abbreviation-like stop: brand names with a lowercase first letter ("iPhone",
/// "eKTP"), where a capital follows the first letter.
fn exempt_lowercase_start(word: &str) -> bool {
    word.chars().nth(1).is_some_and(char::is_uppercase)
}

fn word_forward(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    let end = rest
        .char_indices()
        .find(|&(i, c)| c.is_whitespace() || i >= MAX_WORD)
        .map_or(rest.len(), |(i, _)| i);
    &rest[..end]
}

fn word_backward(text: &str, end: usize) -> usize {
    let floor = end.saturating_sub(MAX_WORD);
    let mut i = end;
    while let Some((c, s)) = char_before(text, i) {
        if c.is_whitespace() || s < floor {
            break;
        }
        i = s;
    }
    i
}

/// Up to `n` chars of context on each side of `at`, as (with the stop,
/// without it).
pub(crate) fn context(text: &str, at: usize, n: usize) -> (String, String) {
    let mut s = at;
    for _ in 0..n {
        match char_before(text, s) {
            Some((_, p)) => s = p,
            None => break,
        }
    }
    let mut e = at + 1;
    for _ in 0..n {
        match char_at(text, e) {
            Some((_, k)) => e += k,
            None => break,
        }
    }
    let before = text[s..e].to_string();
    let after = format!("{}{}", &text[s..at], &text[at + 1..e]);
    (before, after)
}

/// `text` without the stops at `stops` (sorted byte offsets of `.`).
pub(crate) fn remove_stops(text: &str, stops: &[SpuriousStop]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for s in stops {
        out.push_str(&text[last..s.at]);
        last = s.at + 1;
    }
    out.push_str(&text[last..]);
    out
}
