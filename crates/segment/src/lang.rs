//! Language knowledge as data: abbreviation classes, sentence starters and
//! non-final function words, parsed once from the lists in `data/`.

use std::sync::OnceLock;

/// How an abbreviation behaves before the next word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrevClass {
    /// Always followed by a name or noun ("Dr.", "Jl."): never ends a sentence.
    Title,
    /// Followed by a number ("No. 5"): never ends a sentence before a digit.
    Number,
    /// A number abbreviation that is also an ordinary word (Indonesian "hal."
    /// page / "hal" thing, English "no.", "art."): never ends a sentence
    /// before a number, and otherwise ends one like any other word ("dalam
    /// berbagai hal. Dua tahun kemudian", "Hell no. Thats").
    NumberOrWord,
    /// May end a sentence ("Inc.", "Co."): ends one only before a starter word.
    General,
    /// Usually ends a sentence when it comes last ("dll.", "kg.", "etc."):
    /// ends one before any capitalised word.
    Final,
}

/// The languages with their own lists; everything else is `Generic`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    Indonesian,
    English,
    Generic,
}

impl Lang {
    pub(crate) fn from_code(code: &str) -> Lang {
        match code {
            "id" | "ind" | "in" | "ms" | "msa" | "zsm" => Lang::Indonesian,
            "en" | "eng" => Lang::English,
            _ => Lang::Generic,
        }
    }
}

/// A word list with lookups cheap enough for every candidate full stop:
/// words of up to 8 bytes are packed into a `u64` and looked up as integers
/// in an open-addressed table (linear probing, at most half full); longer
/// words in a second such table of their own, keyed by their first and
/// last eight bytes and length and compared whole. Session 17: the tables
/// replace binary searches of sorted vectors, whose mispredicted steps were
/// 7% of the stage's samples (`perf`, the bench's news). Built in list
/// order, so deterministic; a repeated word keeps its first entry.
pub(crate) struct WordSet<T: Copy> {
    /// Packed words (`EMPTY`: a free slot; no UTF-8 text packs to it, as
    /// 0xFF is no UTF-8 byte) and their values.
    short: Vec<(u64, T)>,
    /// Indexes into `long_words` (`u32::MAX`: a free slot).
    long: Vec<u32>,
    long_words: Vec<(&'static str, T)>,
    /// `64 - log2(slots)` of each table: the hash's top bits index it.
    short_shift: u32,
    long_shift: u32,
}

/// A free slot of [`WordSet`]'s packed table.
const EMPTY: u64 = u64::MAX;

#[inline]
fn slot(hash: u64, shift: u32) -> usize {
    (hash.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> shift) as usize
}

/// The hash of a word longer than 8 bytes: its first and last eight bytes and its length.
#[inline]
fn long_hash(word: &[u8]) -> u64 {
    let n = word.len();
    let first = u64::from_le_bytes(word[..8].try_into().unwrap_or([0; 8]));
    let last = u64::from_le_bytes(word[n - 8..].try_into().unwrap_or([0; 8]));
    first ^ last.rotate_left(29) ^ (n as u64).wrapping_mul(0xff51_afd7_ed55_8ccd)
}

/// `(slots, shift)` of a table for `n` entries: at most half full, at least 8 slots.
fn table_size(n: usize) -> (usize, u32) {
    let slots = (2 * n).next_power_of_two().max(8);
    (slots, 64 - slots.trailing_zeros())
}

/// The word's bytes, big-endian, zero-padded, in a `u64` (words of 1 to 8
/// bytes). Built from two overlapping loads of 4 (or 2) bytes (session 17:
/// the copy of a variable length into a buffer was a call to `memcpy` at
/// every lookup).
#[inline]
fn pack(word: &str) -> Option<u64> {
    let b = word.as_bytes();
    let n = b.len();
    let be32 = |s: &[u8]| u32::from_be_bytes([s[0], s[1], s[2], s[3]]) as u64;
    let be16 = |s: &[u8]| u16::from_be_bytes([s[0], s[1]]) as u64;
    match n {
        4..=8 => Some((be32(b) << 32) | (be32(&b[n - 4..]) << (64 - 8 * n))),
        2..=3 => Some((be16(b) << 48) | (be16(&b[n - 2..]) << (64 - 8 * n))),
        1 => Some((b[0] as u64) << 56),
        _ => None,
    }
}

impl<T: Copy> WordSet<T> {
    fn from_entries(entries: Vec<(&'static str, T)>) -> Self {
        let mut short_words = Vec::new();
        let mut long_words: Vec<(&'static str, T)> = Vec::new();
        for (w, t) in entries {
            match pack(w) {
                Some(k) => short_words.push((k, t)),
                None if w.is_empty() => {}
                None => long_words.push((w, t)),
            }
        }
        let (slots, short_shift) = table_size(short_words.len());
        let mut short: Vec<(u64, T)> = Vec::with_capacity(slots);
        if let Some(&(_, t)) = short_words.first() {
            short.resize(slots, (EMPTY, t));
        }
        for (k, t) in short_words {
            let mut i = slot(k, short_shift);
            loop {
                if short[i].0 == EMPTY {
                    short[i] = (k, t);
                    break;
                }
                if short[i].0 == k {
                    break;
                }
                i = (i + 1) & (slots - 1);
            }
        }
        let (slots, long_shift) = table_size(long_words.len());
        let mut long = vec![u32::MAX; slots];
        let mut kept = Vec::new();
        for (w, t) in long_words {
            let mut i = slot(long_hash(w.as_bytes()), long_shift);
            loop {
                if long[i] == u32::MAX {
                    long[i] = kept.len() as u32;
                    kept.push((w, t));
                    break;
                }
                if kept[long[i] as usize].0 == w {
                    break;
                }
                i = (i + 1) & (slots - 1);
            }
        }
        WordSet { short, long, long_words: kept, short_shift, long_shift }
    }

    #[inline]
    pub(crate) fn get(&self, word: &str) -> Option<T> {
        match pack(word) {
            Some(k) => {
                if self.short.is_empty() {
                    return None;
                }
                let mask = self.short.len() - 1;
                let mut i = slot(k, self.short_shift);
                loop {
                    let (key, t) = self.short[i];
                    if key == k {
                        return Some(t);
                    }
                    if key == EMPTY {
                        return None;
                    }
                    i = (i + 1) & mask;
                }
            }
            None if word.is_empty() || self.long_words.is_empty() => None,
            None => {
                let mask = self.long.len() - 1;
                let mut i = slot(long_hash(word.as_bytes()), self.long_shift);
                loop {
                    let e = self.long[i];
                    if e == u32::MAX {
                        return None;
                    }
                    let (w, t) = self.long_words[e as usize];
                    if w == word {
                        return Some(t);
                    }
                    i = (i + 1) & mask;
                }
            }
        }
    }

    #[inline]
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.get(word).is_some()
    }
}

/// The words of a list file (comments after `#` left out).
pub(crate) fn list_words(list: &'static str) -> impl Iterator<Item = &'static str> {
    words(list)
}

fn words(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines()
        .map(|l| l.split('#').next().unwrap_or(""))
        .flat_map(str::split_whitespace)
}

fn parse_abbrevs(list: &'static str, into: &mut Vec<(&'static str, AbbrevClass)>) {
    let mut class = AbbrevClass::General;
    for line in list.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        match line {
            "[title]" => class = AbbrevClass::Title,
            "[number]" => class = AbbrevClass::Number,
            "[number-or-word]" => class = AbbrevClass::NumberOrWord,
            "[general]" => class = AbbrevClass::General,
            "[final]" => class = AbbrevClass::Final,
            _ => into.extend(line.split_whitespace().map(|w| (w, class))),
        }
    }
}

const ABBREV_ID: &str = include_str!("../data/abbrev-id.txt");
const ABBREV_EN: &str = include_str!("../data/abbrev-en.txt");
const ABBREV_GENERIC: &str = include_str!("../data/abbrev-generic.txt");
const STARTERS_ID: &str = include_str!("../data/starters-id.txt");
const STARTERS_EN: &str = include_str!("../data/starters-en.txt");
const NONFINAL_ID: &str = include_str!("../data/nonfinal-id.txt");
const NONFINAL_EN: &str = include_str!("../data/nonfinal-en.txt");
const LOWER_STARTERS_ID: &str = include_str!("../data/lowercase-starters-id.txt");
const LOWER_STARTERS_EN: &str = include_str!("../data/lowercase-starters-en.txt");
const SPEECH_ID: &str = include_str!("../data/speech-verbs-id.txt");
const SPEECH_EN: &str = include_str!("../data/speech-verbs-en.txt");
const CONTINUATIONS_ID: &str = include_str!("../data/continuations-id.txt");
const CONTINUATIONS_EN: &str = include_str!("../data/continuations-en.txt");
const FINAL_EN: &str = include_str!("../data/final-en.txt");
const INTERJECTIONS_EN: &str = include_str!("../data/interjections-en.txt");
const STRANDED_EN: &str = include_str!("../data/stranded-en.txt");
const ELLIPTIC_EN: &str = include_str!("../data/elliptic-en.txt");
const ELLIPTIC_ID: &str = include_str!("../data/elliptic-id.txt");
const PREDICATES_ID: &str = include_str!("../data/predicates-id.txt");
const UNPUNCT_OPENERS_ID: &str = include_str!("../data/unpunct-openers-id.txt");

/// Everything the sentence rules know about one language.
pub(crate) struct LangRules {
    pub(crate) lang: Lang,
    pub(crate) abbrevs: WordSet<AbbrevClass>,
    pub(crate) starters: WordSet<()>,
    pub(crate) nonfinal: WordSet<()>,
    /// Words that start a sentence even in lowercase ("namun", "they").
    pub(crate) lowercase_starters: WordSet<()>,
    /// Verbs of saying that tag a quotation ("said", "asks", "ujarnya").
    pub(crate) speech_verbs: WordSet<()>,
    /// Lowercase words that continue a clause and never open a sentence.
    pub(crate) continuations: WordSet<()>,
    /// Lowercase words that often end a sentence although they can precede a
    /// capitalised word inside one ("them", "there", "said"; English only).
    pub(crate) sentence_final: WordSet<()>,
    /// Capitalised interjections that open an utterance ("Mhm", "Yeah";
    /// English only).
    pub(crate) interjections: WordSet<()>,
    /// Prepositions (and "that") that end a sentence only when stranded,
    /// before a capital (English only).
    pub(crate) stranded: WordSet<()>,
    /// Auxiliaries, modals and subject pronouns (Indonesian: also counting
    /// determiners) that end only an elliptic clause, before a capital.
    pub(crate) elliptic: WordSet<()>,
    /// Words without a verbal prefix that make a clause (Indonesian only:
    /// copulas, auxiliaries, negations, bare verbs), for the learned
    /// repair's predicate cue.
    pub(crate) predicates: WordSet<()>,
    /// Every word of `predicates` and `speech_verbs`, as a filter that
    /// clears most other words without a lookup (the clause test reads it at
    /// every word of a sentence).
    pub(crate) predicate_filter: WordFilter,
}

/// A Bloom filter of a few hundred words (4,096 bits, two hashes): "maybe"
/// for every word put in, "no" for nearly every other word.
pub(crate) struct WordFilter([u64; 64]);

impl WordFilter {
    fn new<'w>(words: impl Iterator<Item = &'w str>) -> WordFilter {
        let mut bits = [0u64; 64];
        for w in words {
            for b in Self::bits(w) {
                bits[b >> 6] |= 1 << (b & 63);
            }
        }
        WordFilter(bits)
    }

    #[inline]
    fn bits(word: &str) -> [usize; 2] {
        let h = word.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3));
        [(h & 4095) as usize, ((h >> 32) & 4095) as usize]
    }

    /// `false`: the word was surely not put in.
    #[inline]
    pub(crate) fn may_contain(&self, word: &str) -> bool {
        Self::bits(word).iter().all(|&b| self.0[b >> 6] & (1 << (b & 63)) != 0)
    }
}

impl LangRules {
    fn build(lang: Lang) -> LangRules {
        let mut abbrevs = Vec::new();
        type Lists = (&'static [&'static str], &'static [&'static str], &'static [&'static str]);
        let (starters, nonfinal, lowercase_starters): Lists = match lang {
            Lang::Indonesian => {
                parse_abbrevs(ABBREV_ID, &mut abbrevs);
                (&[STARTERS_ID], &[NONFINAL_ID], &[LOWER_STARTERS_ID])
            }
            Lang::English => {
                parse_abbrevs(ABBREV_EN, &mut abbrevs);
                (&[STARTERS_EN], &[NONFINAL_EN], &[LOWER_STARTERS_EN])
            }
            // The fallback knows only the safest classes of both lists: titles and
            // abbreviations followed by numbers.
            Lang::Generic => {
                parse_abbrevs(ABBREV_GENERIC, &mut abbrevs);
                for list in [ABBREV_ID, ABBREV_EN] {
                    let mut all = Vec::new();
                    parse_abbrevs(list, &mut all);
                    abbrevs.extend(all.into_iter().filter_map(|(w, c)| match c {
                        AbbrevClass::Title | AbbrevClass::Number => Some((w, c)),
                        AbbrevClass::NumberOrWord => Some((w, AbbrevClass::Number)),
                        _ => None,
                    }));
                }
                (&[], &[], &[])
            }
        };
        let set = |lists: &[&'static str]| {
            WordSet::from_entries(lists.iter().flat_map(|l| words(l)).map(|w| (w, ())).collect())
        };
        LangRules {
            lang,
            abbrevs: WordSet::from_entries(abbrevs),
            starters: set(starters),
            nonfinal: set(nonfinal),
            lowercase_starters: set(lowercase_starters),
            speech_verbs: set(match lang {
                Lang::Indonesian => &[SPEECH_ID],
                Lang::English => &[SPEECH_EN],
                Lang::Generic => &[],
            }),
            continuations: set(match lang {
                Lang::Indonesian => &[CONTINUATIONS_ID],
                Lang::English => &[CONTINUATIONS_EN],
                Lang::Generic => &[],
            }),
            sentence_final: set(match lang {
                Lang::English => &[FINAL_EN],
                Lang::Indonesian | Lang::Generic => &[],
            }),
            interjections: set(match lang {
                Lang::English => &[INTERJECTIONS_EN],
                Lang::Indonesian | Lang::Generic => &[],
            }),
            stranded: set(match lang {
                Lang::English => &[STRANDED_EN],
                Lang::Indonesian | Lang::Generic => &[],
            }),
            elliptic: set(match lang {
                Lang::English => &[ELLIPTIC_EN],
                Lang::Indonesian => &[ELLIPTIC_ID],
                Lang::Generic => &[],
            }),
            predicates: set(match lang {
                Lang::Indonesian => &[PREDICATES_ID],
                Lang::English | Lang::Generic => &[],
            }),
            predicate_filter: WordFilter::new(
                match lang {
                    Lang::Indonesian => [PREDICATES_ID, SPEECH_ID],
                    Lang::English => ["", SPEECH_EN],
                    Lang::Generic => ["", ""],
                }
                .into_iter()
                .flat_map(words),
            ),
        }
    }

    pub(crate) fn get(lang: Lang) -> &'static LangRules {
        static ID: OnceLock<LangRules> = OnceLock::new();
        static EN: OnceLock<LangRules> = OnceLock::new();
        static GENERIC: OnceLock<LangRules> = OnceLock::new();
        match lang {
            Lang::Indonesian => ID.get_or_init(|| LangRules::build(Lang::Indonesian)),
            Lang::English => EN.get_or_init(|| LangRules::build(Lang::English)),
            Lang::Generic => GENERIC.get_or_init(|| LangRules::build(Lang::Generic)),
        }
    }
}

/// The Indonesian openers of unpunctuated sentences (`crate::unpunct`), in list order.
pub(crate) fn unpunct_opener_words() -> impl Iterator<Item = &'static str> {
    words(UNPUNCT_OPENERS_ID)
}

/// A word set of `(word, index)` entries (for lists kept outside [`LangRules`]).
pub(crate) fn indexed_word_set(words: impl Iterator<Item = &'static str>) -> WordSet<u8> {
    WordSet::from_entries(words.enumerate().map(|(i, w)| (w, i.min(u8::MAX as usize) as u8)).collect())
}

/// Every abbreviation of every list, for the tokenizer (which is not told
/// the language) to keep "dll." and "Inc." whole.
pub(crate) fn any_abbrev(word: &str) -> bool {
    static ALL: OnceLock<WordSet<AbbrevClass>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all = Vec::new();
        parse_abbrevs(ABBREV_ID, &mut all);
        parse_abbrevs(ABBREV_EN, &mut all);
        WordSet::from_entries(all)
    })
    .contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_parse_into_their_classes() {
        let id = LangRules::get(Lang::Indonesian);
        assert_eq!(id.abbrevs.get("Jl"), Some(AbbrevClass::Title));
        assert_eq!(id.abbrevs.get("No"), Some(AbbrevClass::Number));
        assert_eq!(id.abbrevs.get("dll"), Some(AbbrevClass::Final));
        assert_eq!(id.abbrevs.get("Inc"), Some(AbbrevClass::General));
        assert_eq!(id.abbrevs.get("dengan"), None);
        assert!(id.starters.contains("Namun"));
        assert!(id.nonfinal.contains("dengan"));
        let en = LangRules::get(Lang::English);
        assert_eq!(en.abbrevs.get("Mr"), Some(AbbrevClass::Title));
        assert_eq!(en.abbrevs.get("Inc"), Some(AbbrevClass::General));
        assert!(en.starters.contains("The"));
        assert!(any_abbrev("Tbk") && any_abbrev("Calif") && !any_abbrev("Jakarta"));
    }
}

#[cfg(test)]
mod filter_tests {
    use super::*;

    #[test]
    fn words_pack_as_their_zero_padded_bytes() {
        for w in ["a", "ab", "abc", "abcd", "abcde", "abcdef", "abcdefg", "abcdefgh", "é", "ké", "kata’", "ÿ"] {
            let mut buf = [0u8; 8];
            buf[..w.len()].copy_from_slice(w.as_bytes());
            assert_eq!(pack(w), Some(u64::from_be_bytes(buf)), "{w}");
        }
        assert_eq!(pack(""), None);
        assert_eq!(pack("abcdefghi"), None);
    }

    #[test]
    fn word_sets_answer_as_a_sorted_map_of_first_entries() {
        let lists = [
            ABBREV_ID, ABBREV_EN, STARTERS_ID, STARTERS_EN, NONFINAL_ID, PREDICATES_ID, SPEECH_EN, include_str!("../data/verbs-en.txt"),
        ];
        let mut entries: Vec<(&'static str, u32)> = Vec::new();
        for (n, list) in lists.iter().enumerate() {
            entries.extend(words(list).enumerate().map(|(i, w)| (w, (n * 1000 + i) as u32)));
        }
        // Repeated words (the same list twice, "Jl" and "jl" style pairs): the first entry wins.
        entries.extend(words(STARTERS_ID).map(|w| (w, u32::MAX)));
        let mut reference = std::collections::BTreeMap::new();
        for &(w, t) in &entries {
            reference.entry(w).or_insert(t);
        }
        let set = WordSet::from_entries(entries.clone());
        let mut queries: Vec<String> = vec![String::new(), "\0".into(), "a".into(), "persetujuannya".into(), "ÿÿÿÿÿÿÿÿ".into()];
        for &(w, _) in &entries {
            queries.push(w.to_string());
            queries.push(w.to_uppercase());
            queries.push(w.to_lowercase());
            queries.push(format!("{w}s"));
            queries.push(format!("x{w}"));
            for end in 1..w.len() {
                if w.is_char_boundary(end) {
                    queries.push(w[..end].to_string());
                }
            }
        }
        for q in &queries {
            assert_eq!(set.get(q), reference.get(q.as_str()).copied(), "{q:?}");
        }
        let empty: WordSet<()> = WordSet::from_entries(Vec::new());
        assert!(!empty.contains("dan") && !empty.contains("") && !empty.contains("persetujuannya"));
    }

    #[test]
    fn the_predicate_filter_holds_every_listed_word() {
        let rules = LangRules::get(Lang::Indonesian);
        for w in words(PREDICATES_ID).chain(words(SPEECH_ID)) {
            assert!(rules.predicate_filter.may_contain(w), "{w}");
        }
        let others = ["rumah", "pemerintah", "jakarta", "kendaraan", "presiden", "tinggi", "pejabat", "wilayah"];
        assert!(others.iter().filter(|w| rules.predicate_filter.may_contain(w)).count() <= 1);
    }
}
