//! Joining the Indonesian passive prefix that scrapers split off its verb
//! ("di sambut" → "disambut") while the preposition stays ("di rumah").
//!
//! Which words are verbs is decided by a list of stems, `data/di_stems.txt`,
//! built by `examples/build_prefix_lexicon.rs` from news text: a stem is
//! listed when "di"+stem is written as one word in nearly all of its uses.
//! Its held-out precision and recall are in `data/PROVENANCE.md`.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use memchr::memmem::Finder;

use crate::literals::Literals;

const STEMS: &str = include_str!("../data/di_stems.txt");

/// FNV-1a: the stems are short, few and fixed, and a lookup happens a few
/// times per article, so a simple deterministic hash is enough.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type StemSet = HashSet<&'static str, BuildHasherDefault<Fnv>>;

fn stems() -> &'static StemSet {
    static SET: OnceLock<StemSet> = OnceLock::new();
    SET.get_or_init(|| STEMS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect())
}

/// Searchers for "di " and "Di ", built once (building one per search costs
/// more than the search itself on an article).
fn di_space() -> &'static [Finder<'static>; 2] {
    static FINDERS: OnceLock<[Finder<'static>; 2]> = OnceLock::new();
    FINDERS.get_or_init(|| {
        let builder = memchr::memmem::FinderBuilder::new();
        [builder.build_forward_with_ranker(IndonesianRank, b"di "), builder.build_forward_with_ranker(IndonesianRank, b"Di ")]
    })
}

/// Byte frequencies for the searchers' choice of the two bytes they look for
/// first: in Indonesian "di" is one of the commonest letter pairs (the
/// di- prefix, "dia", "jadi"), so 'i' ranks as common and the searcher keys
/// on 'd'/'D' and the space instead. Only speed depends on this.
#[derive(Clone, Copy)]
struct IndonesianRank;

impl memchr::arch::all::packedpair::HeuristicFrequencyRank for IndonesianRank {
    fn rank(&self, byte: u8) -> u8 {
        match byte {
            b'i' | b'a' | b'e' | b'n' => 255,
            b' ' => 200,
            b'd' => 150,
            b'D' => 60,
            _ => 100,
        }
    }
}

/// Joins split prefixes using the built-in stem list; returns the new text
/// (when something changed) and each join as `(before, after)`.
pub fn join_split_prefixes(text: &str) -> (Option<String>, Vec<(String, String)>) {
    let set = stems();
    let mut joins = Vec::new();
    let (out, _) = join_with(text, &|s| set.contains(s), &mut |before, after| joins.push((before.to_string(), after.to_string())));
    (out, joins)
}

/// Joins split prefixes for stems accepted by `is_stem` (given lower-case);
/// returns the new text when something changed and the number of joins.
pub fn join_split_prefixes_with(text: &str, is_stem: &dyn Fn(&str) -> bool) -> (Option<String>, usize) {
    join_with(text, is_stem, &mut |_, _| {})
}

fn join_with(text: &str, is_stem: &dyn Fn(&str) -> bool, on_join: &mut dyn FnMut(&str, &str)) -> (Option<String>, usize) {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut joins = 0;
    let mut from = 0;
    // Occurrences of "di " and "Di ", merged in text order.
    let [lower, upper] = di_space();
    let mut next_upper = upper.find(bytes);
    let mut next_lower = lower.find(bytes);
    loop {
        let d = match (next_lower, next_upper) {
            (Some(l), Some(u)) if u < l => {
                next_upper = upper.find(&bytes[u + 3..]).map(|p| p + u + 3);
                u
            }
            (Some(l), _) => {
                next_lower = lower.find(&bytes[l + 3..]).map(|p| p + l + 3);
                l
            }
            (None, Some(u)) => {
                next_upper = upper.find(&bytes[u + 3..]).map(|p| p + u + 3);
                u
            }
            (None, None) => break,
        };
        if d < from {
            continue;
        }
        let i = d + 1; // index of 'i'
        from = i + 2;
        // "di" or "Di" standing as a word: at the start of the text or after
        // a non-alphanumeric character.
        if d > 0 && !text[..d].ends_with(|c: char| !c.is_alphanumeric()) {
            continue;
        }
        // The next word: lower-case ASCII letters, then a non-letter.
        let start = i + 2;
        let mut end = start;
        while end < bytes.len() && bytes[end].is_ascii_lowercase() {
            end += 1;
        }
        if end == start || (end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || bytes[end] >= 0x80)) {
            continue;
        }
        if !is_stem(&text[start..end]) {
            continue;
        }
        let buf = out.get_or_insert_with(|| String::with_capacity(text.len()));
        buf.push_str(&text[copied..i + 1]);
        buf.push_str(&text[start..end]);
        copied = end;
        joins += 1;
        on_join(&text[d..end], &format!("{}{}", &text[d..i + 1], &text[start..end]));
        from = end;
    }
    if let Some(buf) = &mut out {
        buf.push_str(&text[copied..]);
    }
    (out, joins)
}

/// Prefixes that never stand as a word of their own ("ber", "ter", "me",
/// "peng", …): one standing alone before a lower-case word is a prefix a
/// scraper split off ("ber sama", "ter laporkan", "me lalui"). Not "per",
/// "se", "ke": those are words too ("per kilogram", "ke rumah").
const BOUND_PREFIXES: &[&str] = &["ber", "ter", "me", "mem", "men", "meng", "meny", "memper", "pe", "pem", "pen", "peng", "peny"];

/// The joined word must have been seen this often in clean text
/// (`glue::word_count`): the vocabulary decides, not the prefix alone.
const MIN_JOINED_COUNT: u32 = 5;

/// The spans of " ber ", " me ", … in `haystack`, leftmost-longest
/// ([`Literals`]: every pattern begins with a space, which would make an
/// automaton's start-byte prefilter stop at every space).
fn bound_prefix_matches(haystack: &[u8]) -> Vec<(usize, usize)> {
    static FINDER: OnceLock<Literals> = OnceLock::new();
    let finder = FINDER.get_or_init(|| {
        let patterns: Vec<String> = BOUND_PREFIXES.iter().map(|p| format!(" {p} ")).collect();
        Literals::new(&patterns, true)
    });
    finder.find_all(haystack).into_iter().map(|(start, end, _)| (start, end)).collect()
}

/// Joins the active and nominal prefixes a scraper split off ("ber sama" →
/// "bersama"), when the joined form is a known word. Returns the new text
/// when something changed and each join as `(before, after)`.
pub fn join_split_bound_prefixes(text: &str) -> (Option<String>, Vec<(String, String)>) {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut joins = Vec::new();
    let mut copied = 0;
    let mut joined = String::new();
    for (m_start, m_end) in bound_prefix_matches(bytes) {
        // The prefix without its spaces, and the word after it.
        let (p_start, p_end) = (m_start + 1, m_end - 1);
        if p_start < copied {
            continue;
        }
        let start = m_end;
        let mut end = start;
        while end < bytes.len() && bytes[end].is_ascii_lowercase() {
            end += 1;
        }
        if end - start < 2 || (end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || bytes[end] >= 0x80)) {
            continue;
        }
        joined.clear();
        joined.push_str(&text[p_start..p_end]);
        joined.push_str(&text[start..end]);
        if crate::glue::word_count(&joined) < MIN_JOINED_COUNT {
            continue;
        }
        let buf = out.get_or_insert_with(|| String::with_capacity(text.len()));
        buf.push_str(&text[copied..p_start]);
        buf.push_str(&joined);
        copied = end;
        joins.push((text[p_start..end].to_string(), joined.clone()));
    }
    if let Some(buf) = &mut out {
        buf.push_str(&text[copied..]);
    }
    (out, joins)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn join(text: &str) -> String {
        let verbs = ["sambut", "keluarkan", "mulai"];
        join_split_prefixes_with(text, &|s| verbs.contains(&s)).0.unwrap_or_else(|| text.to_string())
    }

    #[test]
    fn joins_the_passive_prefix_and_keeps_the_preposition() {
        assert_eq!(join("ia di sambut oleh pejabat di rumah"), "ia disambut oleh pejabat di rumah");
        assert_eq!(join("Di keluarkan kemarin."), "Dikeluarkan kemarin.");
        assert_eq!(join("(di mulai)"), "(dimulai)");
    }

    #[test]
    fn joins_bound_prefixes_into_known_words_only() {
        let (out, joins) = join_split_bound_prefixes("API ber sama, hanya ber latih dan belum ter laporkan me lalui jalan.");
        assert_eq!(out.as_deref(), Some("API bersama, hanya berlatih dan belum ter laporkan melalui jalan."));
        assert_eq!(joins[0], ("ber sama".to_string(), "bersama".to_string()));
        // Words of their own, unknown joins and English stay.
        for text in ["harga Rp10.000 per kilo ke rumah se kota", "ber xyzq dan me qqq", "call me maybe", "me"] {
            assert_eq!(join_split_bound_prefixes(text).0, None, "{text}");
        }
    }

    #[test]
    fn leaves_other_words_alone() {
        for text in ["kadi sambut", "di Sambut", "di sambutan", "di sambut2", "di  sambut", "di\nsambut", "di sambuté"] {
            assert_eq!(join(text), text);
        }
    }

    #[test]
    fn is_idempotent_and_records_each_join() {
        let (once, joins) = join_split_prefixes("Ia di sambut hangat.");
        let once = once.unwrap_or_default();
        if !joins.is_empty() {
            assert_eq!(joins[0], ("di sambut".to_string(), "disambut".to_string()));
            assert_eq!(join_split_prefixes(&once).1.len(), 0);
        }
    }

    use proptest::prelude::*;

    /// The joins found by looking at every byte: the reference for the
    /// searches above.
    fn join_by_every_byte(text: &str, is_stem: &dyn Fn(&str) -> bool) -> String {
        let bytes = text.as_bytes();
        let mut out = String::new();
        let (mut copied, mut from) = (0, 0);
        for d in 0..bytes.len() {
            if d < from || !matches!(bytes.get(d..d + 3), Some(b"di " | b"Di ")) {
                continue;
            }
            from = d + 3;
            if d > 0 && !text[..d].ends_with(|c: char| !c.is_alphanumeric()) {
                continue;
            }
            let start = d + 3;
            let end = start + bytes[start..].iter().take_while(|b| b.is_ascii_lowercase()).count();
            if end == start || bytes.get(end).is_some_and(|&b| b.is_ascii_alphanumeric() || b >= 0x80) || !is_stem(&text[start..end]) {
                continue;
            }
            out.push_str(&text[copied..d + 2]);
            out.push_str(&text[start..end]);
            copied = end;
            from = end;
        }
        out.push_str(&text[copied..]);
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn searches_find_what_every_byte_finds(words in prop::collection::vec(prop::sample::select(vec![
            "di", "Di", "DI", "kadi", "sambut", "rumah", "mulai", " ", " ", "\n", "(", "D", "i", "é", ".", "Dian",
        ]), 0..60)) {
            let text: String = words.concat();
            let verbs = ["sambut", "mulai"];
            let is_stem = |s: &str| verbs.contains(&s);
            let got = join_split_prefixes_with(&text, &is_stem).0.unwrap_or_else(|| text.clone());
            prop_assert_eq!(got, join_by_every_byte(&text, &is_stem));
        }
    }
}
