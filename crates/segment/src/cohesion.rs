//! Word cohesion counts from unlabelled news, for the learned repair of a
//! stop before a capitalised word ("pejabat tinggi. Tiongkok", "memasuki
//! wilayah. Rusia"): how often the word before the stop runs on into a
//! capitalised word inside a sentence, how often it ends a sentence, how
//! often the word after the stop opens one, and how often the two words
//! stand together inside a sentence.
//!
//! English (session 14) has a table of its own, counted from BBC News 2005
//! half 0 and the EWT train sentences with two more key kinds
//! ([`count_text_en`]), which the English repair's rules read
//! ([`Cohesion::run_on`]); no English model reads it as features.
//!
//! The table holds only hashed keys (32 bits of a hash of a key kind and
//! the lowercased words) with log2-bucketed counts, never text. It is built
//! by the training program from the id-rss news scrape and the sentences of
//! four cased NER train splits (`model/PROVENANCE.md`), which also computes
//! every training example's values from counts that leave the example's own
//! fold of documents out, so a pair is never counted from the very sentence a
//! stop was inserted into.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// Format version written into every cohesion file.
pub const COHESION_VERSION: u32 = 1;
/// Keys counted fewer times than this are not stored (most word pairs occur
/// once; a count of one says little and would double the table).
pub const MIN_COUNT: u32 = 2;

const COHESION_ID: &[u8] = include_bytes!("../model/cohesion-id.bin.zst");
const COHESION_EN: &[u8] = include_bytes!("../model/cohesion-en.bin.zst");

/// Key kinds (the first byte hashed).
const PAIR: u8 = 1;
const END: u8 = 2;
const MID: u8 = 3;
const CAP_NEXT: u8 = 4;
const START: u8 = 5;
const CAP_MID: u8 = 6;
/// English only ([`count_text_en`]): two words adjacent inside a sentence,
/// the first plain lowercase ("growing inflationary", "violating us"), and
/// a word pair ending a sentence ("a telecommunications." never does).
const PAIR_ANY: u8 = 7;
const END2: u8 = 8;

/// The stored form: sorted key hashes as deltas (small numbers, which
/// bincode writes in one to three bytes) and one count bucket per key.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StoredCohesion {
    pub version: u32,
    pub lang: String,
    pub key_deltas: Vec<u32>,
    pub buckets: Vec<u8>,
}

/// A cohesion table ready for lookups: sorted keys and their count buckets.
#[derive(Debug, Clone, Default)]
pub struct Cohesion {
    keys: Vec<u32>,
    buckets: Vec<u8>,
    /// A Bloom filter of the keys (two bits of 2^20 per key, from the key's
    /// own hash bits): most lookups are of keys not stored (the roots the
    /// predicate cue tries), and this answers them without the binary search.
    filter: Vec<u64>,
    /// Where the keys of each 16-bit prefix start, 2^16 + 1 entries (the
    /// keys of prefix `p` are `keys[prefix[p]..prefix[p + 1]]`): a lookup
    /// searches a handful of keys, not the whole table (the binary search's
    /// cache misses were a visible part of the repair's time).
    prefix: Vec<u32>,
}

/// Start of each 16-bit key prefix's range in the sorted `keys`.
fn build_prefix(keys: &[u32]) -> Vec<u32> {
    let mut prefix = vec![0u32; (1 << 16) + 1];
    for &k in keys {
        prefix[(k >> 16) as usize + 1] += 1;
    }
    for p in 1..prefix.len() {
        prefix[p] += prefix[p - 1];
    }
    prefix
}

/// Bits of the key filter (a power of two).
const FILTER_BITS: u32 = 1 << 20;

fn filter_bits(key: u32) -> [u32; 2] {
    let mixed = key.wrapping_mul(0x9e37_79b9).rotate_left(13);
    [key & (FILTER_BITS - 1), mixed & (FILTER_BITS - 1)]
}

fn build_filter(keys: &[u32]) -> Vec<u64> {
    let mut filter = vec![0u64; (FILTER_BITS / 64) as usize];
    for &k in keys {
        for b in filter_bits(k) {
            filter[(b >> 6) as usize] |= 1 << (b & 63);
        }
    }
    filter
}

/// The count buckets looked up for one candidate stop (0 = not stored;
/// otherwise 1 + floor(log2 count), at most 15).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CohesionCounts {
    /// The two words adjacent inside a sentence (word before lowercase, word after capitalised).
    pub pair: u8,
    /// The word before: ending a sentence; followed by a word inside a
    /// sentence; followed by a capitalised word inside a sentence.
    pub end: u8,
    pub mid: u8,
    pub cap_next: u8,
    /// The word after (capitalised): opening a sentence; inside a sentence after a lowercase word.
    pub start: u8,
    pub cap_mid: u8,
}

/// log2 bucket of a count (see [`CohesionCounts`]).
pub fn bucket(count: u32) -> u8 {
    if count == 0 {
        0
    } else {
        (32 - count.leading_zeros()).min(15) as u8
    }
}

/// The hashed key of a kind and one or two words (ASCII-lowercased).
fn key(kind: u8, a: &str, b: &str) -> u32 {
    key_bytes(kind, a.as_bytes(), b.as_bytes())
}

/// [`key_bytes`] of one word given as a first byte and the rest (a word of
/// at most 32 bytes: the key's cut at 32 bytes is the caller's).
#[inline]
fn key_parts(kind: u8, first: Option<u8>, rest: &[u8]) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ kind as u64;
    if let Some(x) = first {
        h = (h ^ x.to_ascii_lowercase() as u64).wrapping_mul(0x0100_0000_01b3);
    }
    for &x in rest {
        h = (h ^ x.to_ascii_lowercase() as u64).wrapping_mul(0x0100_0000_01b3);
    }
    h = (h ^ 0xff).wrapping_mul(0x0100_0000_01b3);
    finish_key(h)
}

#[inline]
fn finish_key(mut h: u64) -> u32 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h as u32
}

#[inline]
fn key_bytes(kind: u8, a: &[u8], b: &[u8]) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ kind as u64;
    for &x in a.iter().take(32) {
        h = (h ^ x.to_ascii_lowercase() as u64).wrapping_mul(0x0100_0000_01b3);
    }
    h = (h ^ 0xff).wrapping_mul(0x0100_0000_01b3);
    for &x in b.iter().take(32) {
        h = (h ^ x.to_ascii_lowercase() as u64).wrapping_mul(0x0100_0000_01b3);
    }
    finish_key(h)
}

/// A word without opening quotes and brackets before it and punctuation after it.
fn core(token: &str) -> &str {
    let alnum = crate::chars::is_alphanumeric;
    token.trim_start_matches(|c: char| !alnum(c)).trim_end_matches(|c: char| !alnum(c))
}

/// The token ends a sentence: `.` `!` `?` after its word, closers allowed.
fn ends_sentence(token: &str) -> bool {
    let t = token.trim_end_matches(crate::chars::is_closer);
    t.ends_with(['.', '!', '?']) && t.trim_end_matches(['.', '!', '?']).chars().next_back().is_some_and(char::is_alphanumeric)
}

fn plain_lowercase(word: &str) -> bool {
    !word.is_empty() && word.chars().all(char::is_lowercase)
}

fn capitalised(word: &str) -> bool {
    let mut c = word.chars();
    c.next().is_some_and(char::is_uppercase) && c.all(char::is_alphabetic)
}

/// Adds the keys of `text` (one paragraph per line) to `counts`: the
/// training program's counting, the same word rules as [`Cohesion::counts`].
pub fn count_text(text: &str, counts: &mut HashMap<u32, u32>) {
    for line in text.lines() {
        let mut prev: Option<&str> = None;
        let mut line_start = true;
        for token in line.split_ascii_whitespace() {
            let word = core(token);
            if word.is_empty() || word.len() > 32 {
                prev = None;
                line_start = false;
                continue;
            }
            let cap = capitalised(word);
            match prev {
                None if cap && line_start => *counts.entry(key(START, word, "")).or_default() += 1,
                Some(p) if ends_sentence(p) && cap => *counts.entry(key(START, word, "")).or_default() += 1,
                Some(p) if ends_sentence(p) => {}
                Some(p) if core(p).len() == p.len() && plain_lowercase(p) => {
                    *counts.entry(key(MID, p, "")).or_default() += 1;
                    if cap {
                        *counts.entry(key(CAP_NEXT, p, "")).or_default() += 1;
                        *counts.entry(key(CAP_MID, word, "")).or_default() += 1;
                        *counts.entry(key(PAIR, p, word)).or_default() += 1;
                    }
                }
                _ => {}
            }
            if let Some(k) = end_key(token) {
                *counts.entry(k).or_default() += 1;
            }
            prev = Some(token);
            line_start = false;
        }
    }
}

/// English counting (session 14): [`count_text`]'s keys, and for every
/// word pair inside a sentence whose first word is plain lowercase the
/// PAIR_ANY key (whatever the case of the second), and for every sentence
/// that ends in a plain lowercase word after another word the END2 key of
/// the two. Sentences are cut as in [`count_text`] (a word ending in `.`
/// `!` `?`, and the line).
pub fn count_text_en(text: &str, counts: &mut HashMap<u32, u32>) {
    count_text(text, counts);
    count_pairs_en(text, counts);
}

/// The END keys of [`count_text`] alone (the English table keeps them when
/// counted once: a word that ended one sentence is not one that never does).
pub fn count_ends(text: &str, keys: &mut std::collections::HashSet<u32>) {
    keys.extend(text.split_ascii_whitespace().filter_map(end_key));
}

/// The word a sentence-ending token ends on: without its closing quotes or
/// brackets and its final marks ("rules.\"" ends on "rules").
fn sentence_end_word(token: &str) -> &str {
    token.trim_end_matches(crate::chars::is_closer).trim_end_matches(['.', '!', '?'])
}

/// The END key of a token that ends a sentence on a plain lower-case word.
fn end_key(token: &str) -> Option<u32> {
    let w = sentence_end_word(token);
    (ends_sentence(token) && plain_lowercase(w) && w.len() <= 32).then(|| key(END, w, ""))
}

fn count_pairs_en(text: &str, counts: &mut HashMap<u32, u32>) {
    for line in text.lines() {
        let mut prev: Option<&str> = None;
        for token in line.split_ascii_whitespace() {
            let word = core(token);
            if word.is_empty() || word.len() > 32 {
                prev = None;
                continue;
            }
            if let Some(p) = prev {
                if !ends_sentence(p) && core(p).len() == p.len() && plain_lowercase(p) {
                    *counts.entry(key(PAIR_ANY, p, word)).or_default() += 1;
                }
                if ends_sentence(token) && !ends_sentence(p) {
                    let w = sentence_end_word(token);
                    let pw = core(p);
                    if plain_lowercase(w) && w.len() == word.len() && !pw.is_empty() {
                        *counts.entry(key(END2, pw, w)).or_default() += 1;
                    }
                }
            }
            prev = Some(token);
        }
    }
}

/// What the English table says about a stop after `prev2 prev` before
/// `next` (session 14; all log2 buckets, 0 = not stored).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunOn {
    /// `prev` ending a sentence (END) and followed by a word inside one (MID).
    pub end: u8,
    pub mid: u8,
    /// `prev next` adjacent inside a sentence, whatever the case of `next`.
    pub pair: u8,
    /// `prev2 prev` ending a sentence, and adjacent inside one.
    pub end2: u8,
    pub pair2: u8,
    /// `next` opening a sentence capitalised, and written in lower case inside one.
    pub next_start: u8,
    pub next_mid: u8,
    /// `next` capitalised inside a sentence after a lowercase word (a name's place).
    pub next_cap_mid: u8,
}

impl Cohesion {
    /// The buckets [`RunOn`] of a stop between `prev2 prev` and `next`.
    pub fn run_on(&self, prev2: &str, prev: &str, next: &str) -> RunOn {
        let (prev2, prev, next) = (core(prev2), core(prev), core(next));
        RunOn {
            end: self.get(key(END, prev, "")),
            mid: self.get(key(MID, prev, "")),
            pair: self.get(key(PAIR_ANY, prev, next)),
            end2: if prev2.is_empty() { 0 } else { self.get(key(END2, prev2, prev)) },
            pair2: if prev2.is_empty() || !plain_lowercase(prev2) { 0 } else { self.get(key(PAIR_ANY, prev2, prev)) },
            next_start: self.get(key(START, next, "")),
            next_mid: self.get(key(MID, next, "")),
            next_cap_mid: self.get(key(CAP_MID, next, "")),
        }
    }

    /// The buckets of [`RunOn`] that the repair's rules read (session 17;
    /// the others stay 0): English `end`, `mid`, `pair`, `end2`, `pair2`
    /// (`words`: `prev2`, `next`), Indonesian only `end` and `mid`
    /// (`words: None`). The diagnostics read every bucket ([`Cohesion::run_on`]).
    pub(crate) fn run_on_read(&self, prev: &str, words: Option<(&str, &str)>) -> RunOn {
        let prev = core(prev);
        let mut r = RunOn { end: self.get(key(END, prev, "")), mid: self.get(key(MID, prev, "")), ..RunOn::default() };
        if let Some((prev2, next)) = words {
            let (prev2, next) = (core(prev2), core(next));
            r.pair = self.get(key(PAIR_ANY, prev, next));
            r.end2 = if prev2.is_empty() { 0 } else { self.get(key(END2, prev2, prev)) };
            r.pair2 = if prev2.is_empty() || !plain_lowercase(prev2) { 0 } else { self.get(key(PAIR_ANY, prev2, prev)) };
        }
        r
    }

    /// [`Cohesion::run_on_read`] of `prev` alone (Indonesian), taken from the
    /// [`Cohesion::counts`] this table gave for the same `prev` when the
    /// word is its own core (the same END and MID keys), else looked up.
    pub(crate) fn run_on_read_with_counts(&self, prev: &str, counts: &CohesionCounts) -> RunOn {
        if core(prev).len() == prev.len() {
            RunOn { end: counts.end, mid: counts.mid, ..RunOn::default() }
        } else {
            self.run_on_read(prev, None)
        }
    }

    /// A table from counts: keys counted at least `min_count` times (the shipped table: [`MIN_COUNT`]).
    pub fn from_counts(counts: &HashMap<u32, u32>, min_count: u32) -> Cohesion {
        Cohesion::from_counts_and(counts, min_count, &std::collections::HashSet::new())
    }

    /// [`Cohesion::from_counts`], and the keys of `always` whatever their count.
    pub fn from_counts_and(counts: &HashMap<u32, u32>, min_count: u32, always: &std::collections::HashSet<u32>) -> Cohesion {
        let mut kept: Vec<(u32, u8)> = counts
            .iter()
            .filter(|(k, &c)| c >= min_count.max(1) || always.contains(*k))
            .map(|(&k, &c)| (k, bucket(c)))
            .collect();
        kept.sort_unstable();
        let keys: Vec<u32> = kept.iter().map(|k| k.0).collect();
        Cohesion { filter: build_filter(&keys), prefix: build_prefix(&keys), keys, buckets: kept.iter().map(|k| k.1).collect() }
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    fn get(&self, key: u32) -> u8 {
        let maybe = |b: u32| self.filter.get((b >> 6) as usize).is_some_and(|w| w & (1 << (b & 63)) != 0);
        if !filter_bits(key).into_iter().all(maybe) {
            return 0;
        }
        let p = (key >> 16) as usize;
        let (lo, hi) = match (self.prefix.get(p), self.prefix.get(p + 1)) {
            (Some(&lo), Some(&hi)) => (lo as usize, hi as usize),
            _ => (0, self.keys.len()),
        };
        self.keys[lo..hi].binary_search(&key).map_or(0, |i| self.buckets[lo + i])
    }

    /// The lowercase `word` stands in the counted text as a word of its own,
    /// inside a sentence or at its end (its MID or END key is stored): the
    /// repair reads it to tell whether the root of a prefixed word is a word
    /// ("mendadak": no "dadak"; "membangun": "bangun").
    pub fn attested(&self, word: &str) -> bool {
        self.attested_bytes(word.as_bytes())
    }

    /// [`Cohesion::attested`] of a word's bytes (the keys hash bytes; the
    /// predicate cue's roots are ASCII and need no UTF-8 check).
    pub(crate) fn attested_bytes(&self, word: &[u8]) -> bool {
        self.attested_parts(None, word)
    }

    /// [`Cohesion::attested_bytes`] of `first` (when given) followed by
    /// `rest`, without building the word (at most 32 bytes in all).
    pub(crate) fn attested_parts(&self, first: Option<u8>, rest: &[u8]) -> bool {
        self.get(key_parts(MID, first, rest)) > 0 || self.get(key_parts(END, first, rest)) > 0
    }

    /// The buckets of one word: opening a sentence capitalised (START), in
    /// lower case inside a sentence (MID) and ending one (END).
    pub fn word_counts(&self, word: &str) -> (u8, u8, u8) {
        let word = core(word);
        (self.get(key(START, word, "")), self.get(key(MID, word, "")), self.get(key(END, word, "")))
    }

    /// The bucket of `word` capitalised after a lowercase word inside a
    /// sentence (CAP_MID: a name's or a title's place).
    pub fn capitalised_mid(&self, word: &str) -> u8 {
        self.get(key(CAP_MID, core(word), ""))
    }

    /// The buckets for a stop between `prev` (a lowercase word) and `next`
    /// (a capitalised word; trailing punctuation is ignored).
    pub fn counts(&self, prev: &str, next: &str) -> CohesionCounts {
        let next = core(next);
        CohesionCounts {
            pair: self.get(key(PAIR, prev, next)),
            end: self.get(key(END, prev, "")),
            mid: self.get(key(MID, prev, "")),
            cap_next: self.get(key(CAP_NEXT, prev, "")),
            start: self.get(key(START, next, "")),
            cap_mid: self.get(key(CAP_MID, next, "")),
        }
    }

    pub fn to_stored(&self, lang: &str) -> StoredCohesion {
        let mut last = 0u32;
        let key_deltas = self
            .keys
            .iter()
            .map(|&k| {
                let d = k - last;
                last = k;
                d
            })
            .collect();
        StoredCohesion { version: COHESION_VERSION, lang: lang.into(), key_deltas, buckets: self.buckets.clone() }
    }

    pub fn from_stored(s: &StoredCohesion) -> Cohesion {
        let mut last = 0u32;
        let keys: Vec<u32> = s
            .key_deltas
            .iter()
            .map(|&d| {
                last = last.wrapping_add(d);
                last
            })
            .collect();
        // A damaged file must not break lookups: keys sorted, one bucket each.
        if keys.windows(2).any(|w| w[0] >= w[1]) || keys.len() != s.buckets.len() {
            return Cohesion::default();
        }
        Cohesion { filter: build_filter(&keys), prefix: build_prefix(&keys), keys, buckets: s.buckets.clone() }
    }

    /// Encodes a table as a file (bincode 2 + zstd 19).
    pub fn encode(&self, lang: &str) -> Vec<u8> {
        crate::model::encode_file(&self.to_stored(lang))
    }

    /// Decodes a file; `None` when empty or not of this version.
    pub fn decode(bytes: &[u8]) -> Option<Cohesion> {
        crate::model::decode_file::<StoredCohesion>(bytes).filter(|s| s.version == COHESION_VERSION).map(|s| Cohesion::from_stored(&s))
    }
}

/// The English table (session 14: BBC News 2005 half 0 and UD EWT train
/// sentences, [`count_text_en`]), decoded on first use; none when its file is
/// empty. Read by the English repair's rules ([`Cohesion::run_on`]), never as
/// features of the English model (session 2's weights know none).
pub(crate) fn english() -> Option<&'static Cohesion> {
    static EN: OnceLock<Option<Cohesion>> = OnceLock::new();
    EN.get_or_init(|| Cohesion::decode(COHESION_EN).filter(|c| !c.is_empty())).as_ref()
}

/// [`english`], for the examples.
#[doc(hidden)]
pub fn english_table() -> Option<&'static Cohesion> {
    english()
}

/// The embedded table whose counts the model of a language reads as
/// features (Indonesian only: an English table from BBC News as features did
/// not help the English repair, crate README session 6 log; the English one
/// is [`english`]), decoded on first use; none when its file is empty.
pub(crate) fn embedded(lang: Lang) -> Option<&'static Cohesion> {
    static ID: OnceLock<Option<Cohesion>> = OnceLock::new();
    match lang {
        Lang::Indonesian => ID.get_or_init(|| Cohesion::decode(COHESION_ID).filter(|c| !c.is_empty())).as_ref(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_adjacent_pairs_sentence_ends_and_starts() {
        let text = "Pejabat itu datang dari wilayah Rusia kemarin. Rusia menolak.\n\
                    Pasukan masuk wilayah Rusia lagi. Rusia diam. Kami melihat wilayah Rusia.";
        let mut counts = HashMap::new();
        count_text(text, &mut counts);
        let table = Cohesion::from_counts(&counts, MIN_COUNT);
        let c = table.counts("wilayah", "Rusia.");
        assert_eq!(c.pair, bucket(3));
        assert_eq!(c.mid, bucket(3));
        assert_eq!(c.cap_next, bucket(3));
        assert_eq!(c.start, bucket(2));
        assert_eq!(c.cap_mid, bucket(3));
        // "kemarin" and "lagi" end one sentence each: below MIN_COUNT.
        assert_eq!(table.counts("kemarin", "Rusia").end, 0);
        assert_eq!(table.counts("menjadi", "Jakarta"), CohesionCounts::default());
        // The file form round-trips.
        let back = Cohesion::decode(&table.encode("id")).expect("decodes");
        assert_eq!(back.counts("wilayah", "Rusia"), c);
        assert!(Cohesion::decode(b"").is_none());
        assert!(Cohesion::decode(b"not a table").is_none());
    }

    #[test]
    fn the_shipped_table_reads_news_patterns() {
        let table = embedded(Lang::Indonesian).expect("the Indonesian table is embedded");
        // "wilayah" runs on into a name ("wilayah Rusia") more often than it ends a sentence ...
        let c = table.counts("wilayah", "Rusia");
        assert!(c.cap_next > c.end && c.mid > c.end, "{c:?}");
        // ... "tersebut" ends sentences, and "Namun" opens them.
        let c = table.counts("tersebut", "Namun");
        assert!(c.end >= c.cap_next && c.start > c.cap_mid, "{c:?}");
        assert!(embedded(Lang::English).is_none());
    }

    #[test]
    fn english_counts_pairs_whatever_the_case_and_word_pairs_at_sentence_ends() {
        let text = "Prices were growing inflationary pressures. The firm was violating US laws.\n\
                    Costs kept growing inflationary fears, said a telecommunications firm. It was violating US rules.\n\
                    He won a telecommunications contract. She sold a telecommunications stake.";
        let mut counts = HashMap::new();
        count_text_en(text, &mut counts);
        let mut ends = std::collections::HashSet::new();
        count_ends(text, &mut ends);
        let table = Cohesion::from_counts_and(&counts, MIN_COUNT, &ends);
        // "growing inflationary" twice, lower case after lower case: PAIR_ANY, not PAIR.
        let r = table.run_on("", "growing", "Inflationary");
        assert_eq!((r.pair, table.counts("growing", "Inflationary").pair), (bucket(2), 0));
        // "violating US" twice inside a sentence; "violating" never ends one.
        let r = table.run_on("was", "violating", "US");
        assert_eq!((r.pair, r.end, r.mid), (bucket(2), 0, bucket(2)));
        assert_eq!(r.pair2, bucket(2), "was violating");
        // "a telecommunications" stands together 3 times and ends no sentence.
        let r = table.run_on("a", "telecommunications", "Project");
        assert_eq!((r.pair2, r.end2), (bucket(3), 0));
        // Sentence ends counted once are kept ("pressures", "contract", "stake"),
        // other keys counted once are not.
        assert_eq!(table.run_on("", "contract", "She").end, bucket(1));
        assert_eq!(table.run_on("", "won", "A").mid, 0);
        // The Indonesian counting is unchanged by the English keys.
        let mut id = HashMap::new();
        count_text(text, &mut id);
        assert!(id.len() < counts.len() && id.iter().all(|(k, n)| counts.get(k) == Some(n)));
    }

    #[test]
    fn the_english_table_tells_run_on_words_from_sentence_ends() {
        let table = english().expect("the English table is embedded");
        // "including" runs on into names; it never ends a sentence in the counted news.
        let r = table.run_on("", "including", "Mr");
        assert!(r.end == 0 && r.mid >= 6, "{r:?}");
        // "year" and "said" end sentences often; "average" a few, "an average" none.
        let r = table.run_on("an", "average", "UK");
        assert!(r.end > 0 && r.end2 == 0 && r.pair2 >= 3, "{r:?}");
        for w in ["year", "said"] {
            let r = table.run_on("", w, "The");
            assert!(r.end >= 4 && r.mid >= r.end, "{w}: {r:?}");
        }
        // "The" opens sentences.
        assert!(table.run_on("", "year", "The").next_start >= 8);
        // The model's features read no English table.
        assert!(embedded(Lang::English).is_none());
    }

    #[test]
    fn keys_of_parts_are_the_keys_of_the_whole_word() {
        for (first, rest) in [(None, "bangun"), (Some(b'k'), "irim"), (Some(b'p'), "akai"), (None, "ab"), (Some(b't'), "")] {
            let whole: Vec<u8> = first.into_iter().chain(rest.bytes()).collect();
            for kind in [MID, END] {
                assert_eq!(key_parts(kind, first, rest.as_bytes()), key_bytes(kind, &whole, b""));
                assert_eq!(key_parts(kind, first, rest.as_bytes()), key(kind, std::str::from_utf8(&whole).unwrap(), ""));
            }
        }
    }

    #[test]
    fn buckets_are_log2() {
        assert_eq!([bucket(0), bucket(1), bucket(2), bucket(3), bucket(4), bucket(7), bucket(8), bucket(u32::MAX)], [0, 1, 2, 2, 3, 3, 4, 15]);
    }
}
