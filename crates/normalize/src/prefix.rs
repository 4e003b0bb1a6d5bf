//! Joining the Indonesian prefixes that scrapers split off their word
//! ("di sambut" → "disambut", "ke pada" → "kepada", "ber sama" →
//! "bersama") while the prepositions stay ("di rumah", "ke pasar").
//!
//! "di" and "ke" are words too, so which words take them as a prefix is
//! decided by lists of stems, `data/di_stems.txt` and `data/ke_stems.txt`,
//! built by `examples/build_prefix_lexicon.rs` from news text: a stem is
//! listed when prefix+stem is written as one word in nearly all of its uses.
//! Their held-out precision and recall are in `data/PROVENANCE.md`.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use memchr::memmem::Finder;

const DI_STEMS: &str = include_str!("../data/di_stems.txt");
const KE_STEMS: &str = include_str!("../data/ke_stems.txt");

/// A prefix that is also a word of its own: "di" (passive prefix or "at")
/// and "ke" ("ke-an" nouns, ordinals, "kepada"; or "to").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FreePrefix {
    Di,
    Ke,
}

impl FreePrefix {
    pub fn as_str(self) -> &'static str {
        match self {
            FreePrefix::Di => "di",
            FreePrefix::Ke => "ke",
        }
    }
}

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

fn stem_set(list: &'static str) -> StemSet {
    list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

/// Whether `stem` is one of the passive stems "di" joins (`data/di_stems.txt`).
pub(crate) fn is_di_stem(stem: &str) -> bool {
    stems(FreePrefix::Di).contains(stem)
}

fn stems(prefix: FreePrefix) -> &'static StemSet {
    static DI: OnceLock<StemSet> = OnceLock::new();
    static KE: OnceLock<StemSet> = OnceLock::new();
    match prefix {
        FreePrefix::Di => DI.get_or_init(|| stem_set(DI_STEMS)),
        FreePrefix::Ke => KE.get_or_init(|| stem_set(KE_STEMS)),
    }
}

/// Searchers for "di " and "Di " (or "ke " and "Ke "), built once (building
/// one per search costs more than the search itself on an article).
fn prefix_space(prefix: FreePrefix) -> &'static [Finder<'static>; 2] {
    static DI: OnceLock<[Finder<'static>; 2]> = OnceLock::new();
    static KE: OnceLock<[Finder<'static>; 2]> = OnceLock::new();
    let build = |lower: &'static [u8], upper: &'static [u8]| {
        let builder = memchr::memmem::FinderBuilder::new();
        [builder.build_forward_with_ranker(IndonesianRank, lower), builder.build_forward_with_ranker(IndonesianRank, upper)]
    };
    match prefix {
        FreePrefix::Di => DI.get_or_init(|| build(b"di ", b"Di ")),
        FreePrefix::Ke => KE.get_or_init(|| build(b"ke ", b"Ke ")),
    }
}

/// Byte frequencies for the searchers' choice of the two bytes they look for
/// first: in Indonesian "di" and "ke" are among the commonest letter pairs
/// (prefixes, "dia", "jadi", "ketika"), so 'i' and 'e' rank as common and the
/// searcher keys on the first letter and the space instead. Only speed
/// depends on this.
#[derive(Clone, Copy)]
struct IndonesianRank;

impl memchr::arch::all::packedpair::HeuristicFrequencyRank for IndonesianRank {
    fn rank(&self, byte: u8) -> u8 {
        match byte {
            b'i' | b'a' | b'e' | b'n' => 255,
            b' ' => 200,
            b'd' | b'k' => 150,
            b'D' | b'K' => 60,
            _ => 100,
        }
    }
}

/// Joins split "di" and "ke" prefixes using the built-in stem lists; returns
/// the new text (when something changed) and each join as `(before, after)`.
pub fn join_split_prefixes(text: &str) -> (Option<String>, Vec<(String, String)>) {
    let mut joins = Vec::new();
    let mut record = |before: &str, after: &str| joins.push((before.to_string(), after.to_string()));
    let di = stems(FreePrefix::Di);
    let (after_di, _) = join_with(text, FreePrefix::Di, &|s| di.contains(s), &mut record);
    let ke = stems(FreePrefix::Ke);
    let (after_ke, _) = join_with(after_di.as_deref().unwrap_or(text), FreePrefix::Ke, &|s| ke.contains(s), &mut record);
    let after_ke = after_ke.or(after_di);
    let ordinals = join_split_ordinals(after_ke.as_deref().unwrap_or(text), &mut record);
    (ordinals.or(after_ke), joins)
}

/// Number words that "ke" makes ordinal ("ketiga", "the third").
const NUMBER_WORDS: &[&str] = &["dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas", "seratus"];

/// Words an ordinal follows ("babak ketiga", "yang kedua", "pihak ketiga"):
/// after them "ke tiga" is an ordinal split by a scraper, where after a
/// verb of motion it is "to three" ("kembali ke empat besar", "mendekat ke
/// dua negara"). From the ordinals joined in the news (IndoSum dev, id-rss),
/// where the split form is 50 in 3,081.
const ORDINAL_HEADS: &[&str] = &[
    "posisi", "babak", "peringkat", "yang", "urutan", "hari", "gol", "kali", "putaran", "pihak", "gim", "pekan", "kuartal",
    "paruh", "menit", "tahun", "generasi", "matchday", "leg", "seri", "kuarter", "tempat", "set", "laga", "pertandingan",
    "album", "sidang", "edisi", "musim", "minggu", "bulan", "abad", "lantai", "anak", "juara", "episode", "tahap",
    "gelombang", "jilid", "nomor", "ronde", "sesi", "periode",
];

/// Joins "ke" and a number word into the ordinal ("babak ke tiga" →
/// "babak ketiga", "untuk ke dua kalinya" → "untuk kedua kalinya"): after
/// one of [`ORDINAL_HEADS`], before "kalinya", or before a punctuation mark
/// ("posisi ke empat."). Returns the new text when something changed.
fn join_split_ordinals(text: &str, on_join: &mut dyn FnMut(&str, &str)) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let lower_word_before = |end: usize| {
        let start = crate::glue::letters_start(bytes, end);
        text[start..end].to_ascii_lowercase()
    };
    for d in memchr::memmem::find_iter(bytes, b"e ") {
        let Some(k) = d.checked_sub(1) else { continue };
        if !matches!(bytes[k], b'k' | b'K') || k > 0 && bytes[k - 1].is_ascii_alphanumeric() || k < copied {
            continue;
        }
        let start = d + 2;
        let end = bytes[start..].iter().position(|b| !b.is_ascii_lowercase()).map_or(bytes.len(), |p| start + p);
        if !NUMBER_WORDS.contains(&&text[start..end]) || bytes.get(end).is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80) {
            continue;
        }
        let next_is_kalinya = text[end..].strip_prefix(' ').is_some_and(|rest| rest.starts_with("kalinya") && !rest[7..].starts_with(|c: char| c.is_alphanumeric()));
        let before_punctuation = bytes.get(end).is_none_or(|b| b.is_ascii_punctuation());
        let after_head = k >= 2 && bytes[k - 1] == b' ' && ORDINAL_HEADS.contains(&lower_word_before(k - 1).as_str());
        if !(next_is_kalinya || before_punctuation || after_head) {
            continue;
        }
        let buf = out.get_or_insert_with(|| String::with_capacity(text.len()));
        buf.push_str(&text[copied..=d]);
        buf.push_str(&text[start..end]);
        on_join(&text[k..end], &format!("{}{}", &text[k..=d], &text[start..end]));
        copied = end;
    }
    if let Some(buf) = &mut out {
        buf.push_str(&text[copied..]);
    }
    out
}

/// Joins split `prefix`es for stems accepted by `is_stem` (given
/// lower-case); returns the new text when something changed and the number
/// of joins.
pub fn join_split_prefix_with(text: &str, prefix: FreePrefix, is_stem: &dyn Fn(&str) -> bool) -> (Option<String>, usize) {
    join_with(text, prefix, is_stem, &mut |_, _| {})
}

fn join_with(text: &str, prefix: FreePrefix, is_stem: &dyn Fn(&str) -> bool, on_join: &mut dyn FnMut(&str, &str)) -> (Option<String>, usize) {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut joins = 0;
    let mut from = 0;
    // Occurrences of "di " and "Di " (or "ke ", "Ke "), merged in text order.
    let [lower, upper] = prefix_space(prefix);
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
        let i = d + 1; // index of the prefix's second letter
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

/// The spans of " ber ", " me ", … in `haystack`, leftmost and not
/// overlapping: a space, a prefix of [`BOUND_PREFIXES`], a space.
fn bound_prefix_matches(haystack: &[u8]) -> Vec<(usize, usize)> {
    let mut matches = Vec::new();
    let mut last_end = 0;
    for_each_prefix_candidate(haystack, |first| {
        let space_before = first - 1;
        if space_before < last_end {
            return;
        }
        let Some(len) = haystack[first..].iter().take(8).position(|&b| b == b' ') else { return };
        if BOUND_PREFIXES.iter().any(|p| p.as_bytes() == &haystack[first..first + len]) {
            last_end = first + len + 1;
            matches.push((space_before, last_end));
        }
    });
    matches
}

/// Calls `found` with every position where a bound prefix may begin: one of
/// b, t, m, p after a space, then 'e', and a space two, three, four or six
/// bytes on ("me ", "ber ", "meng ", "memper "). A literal searcher stops at
/// every " be", " me", " pe" of the prefixed words Indonesian is full of and
/// cost as much as the rest of the stage; here a branch-free pass over a
/// block, which the compiler turns into vector compares, marks the few
/// places worth a look and `memchr` finds the marks.
fn for_each_prefix_candidate(bytes: &[u8], mut found: impl FnMut(usize)) {
    const BLOCK: usize = 1024;
    /// Bytes read past a mark's space: the space after "memper".
    const AHEAD: usize = 7;
    let mut marks = [0u8; BLOCK];
    // The mark at i stands for the space at i; the vector pass takes every
    // i with i + AHEAD inside the text, the rest are checked one by one.
    let vector_end = bytes.len().saturating_sub(AHEAD);
    let mut start = 0;
    while start < vector_end {
        let len = (vector_end - start).min(BLOCK);
        let at = |d: usize| &bytes[start + d..start + d + len];
        let (space, first, e, s3, s4, s5, s7) = (at(0), at(1), at(2), at(3), at(4), at(5), at(7));
        for i in 0..len {
            let letter = (first[i] == b'b') | (first[i] == b'm') | (first[i] == b'p') | (first[i] == b't');
            let space_after = (s3[i] == b' ') | (s4[i] == b' ') | (s5[i] == b' ') | (s7[i] == b' ');
            marks[i] = u8::from((space[i] == b' ') & letter & (e[i] == b'e') & space_after);
        }
        for hit in memchr::memchr_iter(1, &marks[..len]) {
            found(start + hit + 1);
        }
        start += len;
    }
    let space_at = |i: usize| bytes.get(i) == Some(&b' ');
    for i in vector_end..bytes.len() {
        if bytes[i] == b' '
            && bytes.get(i + 1).is_some_and(|b| matches!(b, b'b' | b'm' | b'p' | b't'))
            && bytes.get(i + 2) == Some(&b'e')
            && [3, 4, 5, 7].iter().any(|&d| space_at(i + d))
        {
            found(i + 1);
        }
    }
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
        // "ber" and "ter" are no word of any language the news mixes in
        // ("me", "men", "pen" are English), so before a known word they are
        // its prefix whether or not the counts saw the joined form ("ber
        // busana", "ter laporkan").
        let never_a_word = matches!(&text[p_start..p_end], "ber" | "ter");
        let known_after_never_a_word = || never_a_word && end - start >= 3 && crate::glue::is_known_word(&text[start..end]);
        if crate::glue::word_count(&joined) < MIN_JOINED_COUNT && !known_after_never_a_word() {
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
        join_split_prefix_with(text, FreePrefix::Di, &|s| verbs.contains(&s)).0.unwrap_or_else(|| text.to_string())
    }

    #[test]
    fn joins_the_passive_prefix_and_keeps_the_preposition() {
        assert_eq!(join("ia di sambut oleh pejabat di rumah"), "ia disambut oleh pejabat di rumah");
        assert_eq!(join("Di keluarkan kemarin."), "Dikeluarkan kemarin.");
        assert_eq!(join("(di mulai)"), "(dimulai)");
    }

    #[test]
    fn joins_ke_where_the_news_never_writes_it_apart() {
        let (out, joins) = join_split_prefixes("Surat itu di kirim ke pada menteri, lalu ia pergi ke pasar.");
        assert_eq!(out.as_deref(), Some("Surat itu dikirim kepada menteri, lalu ia pergi ke pasar."));
        assert_eq!(joins, vec![("di kirim".to_string(), "dikirim".to_string()), ("ke pada".to_string(), "kepada".to_string())]);
        // A destination stays, whatever the joined word would mean
        // ("kedua", "kering", "keluar").
        for text in ["Ia terbang ke dua negara.", "Ia kembali ke ring.", "Mereka ke luar negeri."] {
            assert_eq!(join_split_prefixes(text).0, None, "{text}");
        }
    }

    #[test]
    fn joins_ordinals_after_their_heads_only() {
        let join = |text: &str| join_split_prefixes(text).0.unwrap_or_else(|| text.to_string());
        assert_eq!(join("di babak ke tiga, lalu untuk ke dua kalinya ia finis di posisi ke empat."), "di babak ketiga, lalu untuk kedua kalinya ia finis di posisi keempat.");
        assert_eq!(join("Album ke enam nanti"), "Album keenam nanti");
        // "To three" after a verb of motion stays.
        for text in ["kembali ke empat besar", "mendekat ke dua negara", "ke tigaan nanti"] {
            assert_eq!(join(text), text);
        }
    }

    #[test]
    fn joins_bound_prefixes_into_known_words_only() {
        let (out, joins) = join_split_bound_prefixes("API ber sama, hanya ber latih dan belum ter laporkan me lalui jalan.");
        assert_eq!(out.as_deref(), Some("API bersama, hanya berlatih dan belum terlaporkan melalui jalan."));
        assert_eq!(joins[0], ("ber sama".to_string(), "bersama".to_string()));
        // "ter" and "ber" are no words: before a known word they join even
        // when the counts never saw the joined form; "me" is English too.
        assert_eq!(crate::glue::word_count("terlaporkan"), 0);
        // Words of their own, unknown joins and English stay.
        for text in ["harga Rp10.000 per kilo ke rumah se kota", "ber xyzq dan me qqq", "call me maybe", "me", "help me up", "ter ab"] {
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
            let got = join_split_prefix_with(&text, FreePrefix::Di, &is_stem).0.unwrap_or_else(|| text.clone());
            prop_assert_eq!(got, join_by_every_byte(&text, &is_stem));
        }

        /// The window scan finds what a literal search for " ber ", " me ",
        /// … finds, window edges and text ends included.
        #[test]
        fn the_window_scan_finds_what_a_literal_search_finds(words in prop::collection::vec(prop::sample::select(vec![
            "ber", "ter", "me", "mem", "men", "meng", "meny", "memper", "pe", "peng", "per", "be", "e", "t", "sama", " ", " ", " ", "  ", "\n",
        ]), 0..120)) {
            let text: String = words.concat();
            let patterns: Vec<String> = BOUND_PREFIXES.iter().map(|p| format!(" {p} ")).collect();
            let literal = crate::literals::Literals::new(&patterns, true);
            let expected: Vec<(usize, usize)> = literal.find_all(text.as_bytes()).into_iter().map(|(s, e, _)| (s, e)).collect();
            prop_assert_eq!(bound_prefix_matches(text.as_bytes()), expected);
        }
    }
}
