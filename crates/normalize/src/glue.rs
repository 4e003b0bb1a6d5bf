//! Words a scraper glued together when it dropped the markup between them
//! ("pembiayaanterhadap", "dariAntara", "PresidenPrabowo"). Indonesian only.
//!
//! A run of ASCII letters is split when it is not a known word but falls
//! apart into known, frequent ones. Known words and their counts come from
//! clean Indonesian text (`data/glue_vocab.txt`, built by
//! `examples/build_glue_vocab.rs`); the measured precision is in
//! `data/PROVENANCE.md`. Two shapes are split:
//! - all lower case: into two or three words of three or more letters each,
//!   none of them a bound morpheme that Indonesian writes closed
//!   ("antarnegara", "pascapanen", "kebersamaannya" stay whole);
//! - a lower-case letter followed by an upper-case one ("dariAntara"): at
//!   that point, when both sides are frequent words; an acronym there
//!   is cut out whole, and from the word glued after it too
//!   ("sebuahUMKMdi" → "sebuah UMKM di"); several names glued in a row are
//!   cut apart at the changes that a frequent word or a word that never ends
//!   a name stands left of ("seranganIsraelterhadapIrandalam" → "serangan
//!   Israel terhadap Iran dalam"), brands among them left whole ("MotoGP").
//!
//! Capitalised runs without an inner capital are mostly names
//! ("Purnamasari"), which no word list can vouch for: they are split only
//! before a word that never ends a name ("Indonesiayang", "Trumpmengatakan",
//! `capitalised_tail_split`), or into two words the article writes alone
//! elsewhere (a name and a word: "Hamiltonkini"; at a sentence's start two
//! frequent words: "Salahsatu"; `two_words_of_the_article`). Runs
//! touching digits, `.`, `@`, `/`, `_` or `-` are left alone (URLs, e-mail,
//! handles, codes).

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use warta_core::indonesian::{active_forms, NASAL_FORMS};
use warta_core::swar;

const VOCAB: &str = include_str!("../data/glue_vocab.txt");

/// Runs shorter than this are not looked at: a glued pair of two
/// three-letter words is rare and short runs are mostly real words.
const MIN_RUN: usize = 7;
/// Runs longer than this are left alone (no natural glue is this long, and
/// the search stays cheap).
const MAX_RUN: usize = 40;
/// Each piece of a lower-case split must have been seen this often.
const MIN_PIECE_COUNT: u32 = 30;
/// Each side of a camel-case split must have been seen this often.
const MIN_CAMEL_COUNT: u32 = 20;
/// Shortest capitalised left side of a camel-case split.
const MIN_CAPITALISED_LEFT: usize = 5;
/// A run seen this often as one word is a word, whatever it splits into.
pub(crate) const KNOWN_WORD: u32 = 2;

/// Bound morphemes Indonesian writes joined to the next word; a lower-case
/// split may not start a piece with one of them standing alone.
const BOUND_FIRST: &[&str] = &[
    "antar", "anti", "awa", "bio", "dwi", "eka", "eko", "eks", "geo", "hiper", "infra", "inter", "kontra", "maha", "mega",
    "makro", "mikro", "mini", "mono", "multi", "nir", "non", "oto", "panca", "pasca", "poli", "pra", "pro", "purna", "semi", "serba",
    "sub", "super", "swa", "tata", "tele", "trans", "tri", "tuna", "ultra", "per", "ber", "ter", "pen", "pem", "men", "mem",
    "meng", "peng", "se", "ke", "aero", "agro", "astro", "hidro", "neuro", "psiko", "sosio", "termo",
];
/// Suffixes and clitics written joined to the word before; never a piece.
const BOUND_LAST: &[&str] = &["nya", "lah", "kah", "tah", "pun", "kan", "wan", "wati", "man", "isme", "isasi", "is", "an"];
/// Three-letter words that may be a piece of a lower-case split; other
/// three-letter pieces are too often a fragment of a longer word ("temaram"
/// is not "tema ram").
const SHORT_WORDS: &[&str] = &["dan", "ini", "itu", "ada", "dia", "apa", "dua", "tak", "dari", "kita", "kami", "mau", "pak", "bu"];
/// Prefixes and suffixes of Indonesian word formation, for telling a
/// derived word ("diamati" = di-amat-i) from two glued ones ("dia mati").
const PREFIXES: &[&str] = &[
    "di", "ke", "se", "ter", "te", "ber", "be", "me", "mem", "men", "meng", "meny", "pe", "pem", "pen", "peng", "peny", "per",
    "memper", "diper", "keber", "keter", "kese", "pember", "penye", "ketidak",
];
const SUFFIXES: &[&str] = &["i", "an", "kan", "nya", "lah", "kah", "pun", "ku", "mu", "annya", "kannya", "inya", "anlah", "kanlah"];
/// Lower-case words that open the camel-case names of news brands
/// ("detikNews", "detikOto", "kumparanBISNIS"): never a camel-case cut.
const BRAND_HEADS: &[&str] = &["detik", "kumparan"];
/// Two-letter words that may stand left of a camel-case split ("diPiala").
const SHORT_LEFT: &[&str] = &["di", "ke"];

type Counts = HashMap<&'static str, u32, BuildHasherDefault<LettersHasher>>;

/// The map's hasher: [`letters_hash`], eight bytes at a time (the words
/// are lower-case ASCII, so its lower-casing changes nothing).
#[derive(Default)]
struct LettersHasher(u64);

impl std::hash::Hasher for LettersHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 ^= letters_hash(bytes);
    }
}

struct Vocab {
    counts: Counts,
    /// A Bloom filter over the known words (three bits each), so that the
    /// many runs that are plain known words cost one hash and three bit
    /// tests, not a lower-cased copy and a map lookup. A false "known" means
    /// a glued run is missed: with 2^20 bits about 1 run in 2,500 ("Partai
    /// Demokrasi" glued was one in 100 with two bits of 2^19).
    bloom: Vec<u64>,
}

const BLOOM_BITS: u32 = 20;

/// A hash of the lower-cased ASCII letters of `word`, eight bytes at a time.
fn letters_hash(word: &[u8]) -> u64 {
    let mut h: u64 = word.len() as u64;
    for chunk in word.chunks(8) {
        let buf: [u8; 8] = chunk.try_into().unwrap_or_else(|_| {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            buf
        });
        // ASCII letters only: setting bit 5 lower-cases them.
        let mask = u64::MAX >> (8 * (8 - chunk.len()));
        let v = u64::from_le_bytes(buf) | (0x2020_2020_2020_2020 & mask);
        h = (h.rotate_left(23) ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    h ^ (h >> 29)
}

fn bloom_bits(h: u64) -> [usize; 3] {
    let m = (1u64 << BLOOM_BITS) - 1;
    [(h & m) as usize, ((h >> 21) & m) as usize, ((h >> 42) & m) as usize]
}

fn vocab() -> &'static Vocab {
    static VOCAB_COUNTS: OnceLock<Vocab> = OnceLock::new();
    VOCAB_COUNTS.get_or_init(|| {
        let counts: Counts = word_counts(VOCAB).collect();
        let mut bloom = vec![0u64; 1 << (BLOOM_BITS - 6)];
        for (w, &c) in &counts {
            if c >= KNOWN_WORD {
                for bit in bloom_bits(letters_hash(w.as_bytes())) {
                    bloom[bit >> 6] |= 1 << (bit & 63);
                }
            }
        }
        Vocab { counts, bloom }
    })
}

/// The `word<TAB>count` lines of a counts file, `#` lines left out.
fn word_counts(file: &'static str) -> impl Iterator<Item = (&'static str, u32)> {
    file.lines().filter(|l| !l.starts_with('#')).filter_map(|l| {
        let (w, c) = l.split_once('\t')?;
        Some((w, c.trim().parse().ok()?))
    })
}

/// True when the letters of `run`, lower-cased, are (probably) a known word.
fn probably_known(run: &[u8]) -> bool {
    let bloom = &vocab().bloom;
    bloom_bits(letters_hash(run)).iter().all(|&bit| bloom[bit >> 6] & (1 << (bit & 63)) != 0)
}

/// True when the lower-case `word` is in the vocabulary as a word of its own.
pub fn is_known_word(word: &str) -> bool {
    count(word) >= KNOWN_WORD
}

/// How often the lower-case `word` was seen in the clean text the vocabulary
/// counts (0 when not at all).
pub fn word_count(word: &str) -> u32 {
    count(word)
}

fn count(word: &str) -> u32 {
    // The Bloom filter turns away most non-words (most cut positions)
    // before the map is asked.
    if !probably_known(word.as_bytes()) {
        return 0;
    }
    vocab().counts.get(word).copied().unwrap_or(0)
}

/// Splits the glued words of an Indonesian `text`. Returns the new text
/// when something changed, and each glued run with its split form.
pub fn split_glued_words(text: &str) -> (Option<String>, Vec<(String, String)>) {
    let mut current: Option<String> = None;
    let mut examples = Vec::new();
    // A piece of a cut run that is no known word may be cut again by a
    // second pass ("JugaTanahBacaBaca" → "Juga TanahBacaBaca" → "Juga Tanah
    // BacaBaca"): then one is made now, so that the result settles.
    for _ in 0..MAX_SPLIT_ROUNDS {
        let text = current.as_deref().unwrap_or(text);
        let (runs, read_capitalised_evidence) = glued_runs(text);
        if runs.is_empty() {
            break;
        }
        // Another pass also when a capitalised run was cut on the article's
        // evidence: its pieces are words the article now writes alone,
        // which may be evidence for another run.
        let again = read_capitalised_evidence || runs.iter().any(|(start, end, cuts)| unknown_piece(&text.as_bytes()[*start..*end], cuts));
        let mut out = String::with_capacity(text.len() + 2 * runs.len());
        let mut copied = 0;
        for (start, end, cuts) in runs {
            out.push_str(&text[copied..start]);
            let split_from = out.len();
            let mut from = start;
            for cut in cuts {
                out.push_str(&text[from..start + cut]);
                out.push(' ');
                from = start + cut;
            }
            out.push_str(&text[from..end]);
            examples.push((text[start..end].to_string(), out[split_from..].to_string()));
            copied = end;
        }
        out.push_str(&text[copied..]);
        current = Some(out);
        if !again {
            break;
        }
    }
    (current, examples)
}

/// How many passes [`split_glued_words`] makes at most.
const MAX_SPLIT_ROUNDS: usize = 4;

/// Whether a piece of `run` cut at `cuts` is long enough to be a glued run
/// and no known word.
fn unknown_piece(run: &[u8], cuts: &[usize]) -> bool {
    piece_bounds(cuts.iter().copied(), run.len()).windows(2).any(|w| w[1] - w[0] >= MIN_RUN && !probably_known(&run[w[0]..w[1]]))
}

/// 0, the offsets `inner` (ascending), and `len`: where the pieces of a run
/// of `len` bytes cut at `inner` begin and end.
fn piece_bounds(inner: impl IntoIterator<Item = usize>, len: usize) -> Vec<usize> {
    std::iter::once(0).chain(inner).chain(std::iter::once(len)).collect()
}

/// A capitalised word: an upper-case letter, then only lower-case ones.
fn capitalised_word(word: &[u8]) -> bool {
    word.first().is_some_and(u8::is_ascii_uppercase) && word[1..].iter().all(u8::is_ascii_lowercase)
}

/// The cuts a capitalised run or an acronym makes by itself: a word glued
/// after it that never ends a name ([`capitalised_tail_split`]), or, when
/// capitalised, English words glued to it ([`foreign_split`]).
fn own_word_cuts(run: &[u8], lower_run: &str) -> Option<Vec<usize>> {
    capitalised_tail_split(run, lower_run)
        .map(|cut| vec![cut])
        .or_else(|| capitalised_word(run).then(|| foreign_split(lower_run)).flatten().map(|cuts| cuts.into_iter().flatten().collect()))
}

/// A capitalised run that opens a sentence, read as the lower-case run it
/// would be inside one ("Jumlahpengguna", "Sebutsaja"): the writer's
/// capital says nothing of a name there. Not after a title or a place head
/// ("Kotabaru"), and not an English word ("Headline", "Homemade"). Returns
/// the cuts of [`lower_case_split`] or [`function_word_split`].
fn sentence_opener_cuts(lower_run: &str) -> Option<Vec<usize>> {
    if en_count(lower_run) >= KNOWN_WORD {
        return None;
    }
    let cuts = lower_case_split(lower_run).or_else(|| function_word_split(lower_run))?;
    let first = cuts[0]?;
    let last = cuts.iter().flatten().last().copied().unwrap_or(first);
    opener_pieces_ok(lower_run, first, last).then(|| cuts.into_iter().flatten().collect())
}

/// [`sentence_opener_cuts`] in two pieces only ([`two_word_split`]), for
/// the scrape mark, which reads every article: the three-piece search is
/// left to the articles the marks let through.
fn sentence_opener_cut(lower_run: &str) -> Option<usize> {
    if en_count(lower_run) >= KNOWN_WORD {
        return None;
    }
    let cut = two_word_split(lower_run).or_else(|| function_word_split(lower_run).and_then(|cuts| cuts[0]))?;
    opener_pieces_ok(lower_run, cut, cut).then_some(cut)
}

/// The pieces of an opener cut at `first` and `last` are no name's: not a
/// title or place head first, not a name's usual end last, and the run is
/// no known stem with affixes.
fn opener_pieces_ok(lower_run: &str, first: usize, last: usize) -> bool {
    !NAME_HEADS.contains(&&lower_run[..first]) && !NAME_TAILS.contains(&&lower_run[last..]) && !derived_from_known_stem(lower_run)
}

/// The cut the counts make in an unknown lower-case run, if any.
fn counts_split(lower_run: &str) -> Option<[Option<usize>; 2]> {
    lower_case_split(lower_run).or_else(|| foreign_split(lower_run)).or_else(|| function_word_split(lower_run))
}

/// Whether a pass cuts the lower-case run `lower_run` wherever it stands
/// alone, by the counts alone (as [`glued_runs`] does for such a run).
fn cut_by_counts(lower_run: &str) -> bool {
    !probably_known(lower_run.as_bytes()) && counts_split(lower_run).is_some() && !derived_from_known_stem(lower_run)
}

/// Words that end Indonesian compound names ("Purnamasari", "Sukmawati",
/// "Adijaya", "Ekaputra"): a sentence's first word that ends in one is
/// more often a name than two words run together.
const NAME_TAILS: &[&str] = &[
    "sari", "wati", "dewi", "putri", "putra", "jaya", "ningsih", "ningrum", "kusuma", "wijaya", "sakti", "yanti", "santi",
    "rini", "wan", "pura", "negara", "utama", "rahayu", "lestari",
];

/// The glued runs of `text`, in order: byte range and the cut offsets
/// inside the run, ascending; and whether a capitalised run was cut on the
/// article's evidence ([`two_words_of_the_article`]).
fn glued_runs(text: &str) -> (Vec<(usize, usize, Vec<usize>)>, bool) {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut lower = Vec::with_capacity(MAX_RUN);
    let letter = letter_runs(bytes, MIN_RUN);
    // How often each run with a capital occurs as a whole run, counted once
    // and only when a candidate comes up (rare).
    let mut run_counts: Option<RunCounts> = None;
    // Capitalised runs no rule of their own cuts, judged at the end against
    // the article's words ([`two_words_of_the_article`]).
    let mut unexplained: Vec<(usize, usize)> = Vec::new();
    // Lower-case runs no rule of the counts cuts, judged at the end against
    // the article's words too ([`article_word_split`]).
    let mut unexplained_lower: Vec<(usize, usize)> = Vec::new();
    // Camel-case runs whose words the article writes apart only beside
    // other letters, which a cut made here may free.
    let mut apart_later: Vec<(usize, usize)> = Vec::new();
    // The article's words before any cut of this pass.
    let words_as_written = ArticleWords { bytes, cuts: &[] };
    for &(start, end) in &letter {
        let run = &bytes[start..end];
        if run.len() > MAX_RUN {
            continue;
        }
        if !free_standing(bytes, start, end) {
            if let Some(cut) = glued_before_hyphenated_name(bytes, start, end) {
                runs.push((start, end, vec![cut]));
            }
            continue;
        }
        // Decide by shape first: most runs are known lower-case words or
        // capitalised names, and a name is never split. The Bloom filter has
        // no false negatives, so a run it turns away is not a known word.
        let all_lower = run.iter().all(u8::is_ascii_lowercase);
        if probably_known(run) {
            continue;
        }
        lower.clear();
        lower.extend(run.iter().map(u8::to_ascii_lowercase));
        // Only ASCII letters, so the lower-cased bytes are UTF-8.
        let lower_run = std::str::from_utf8(&lower).unwrap_or_default();
        // A mixed-case word used twice in one article is a name
        // ("OnlinePajak", "Lempuyang"); a scraper's glue is a one-off.
        // Counted as whole runs, not substrings: "siaPerdana" inside
        // "IndonesiaPerdana" would count until that one is split, and a
        // second pass would then split it (not idempotent).
        let mut used_once = || {
            let counts = run_counts.get_or_insert_with(|| capitalised_run_counts(bytes, &letter));
            counts.get(run).is_none_or(|&n| n < 2)
        };
        let cuts = if all_lower {
            let split = counts_split(lower_run);
            if split.is_none() {
                unexplained_lower.push((start, end));
            }
            split.filter(|_| !derived_from_known_stem(lower_run)).map(|cuts| cuts.into_iter().flatten().collect())
        } else if has_inner_capital(run) {
            let camel = camel_split(run, lower_run).filter(|cuts| used_once() || plainly_glued(run, lower_run, cuts));
            let own_cuts = camel.as_deref().unwrap_or_default();
            let (apart, maybe_later) = written_apart(bytes, start, end, own_cuts, &[]);
            if maybe_later {
                apart_later.push((start, end));
            }
            merge_cuts(camel, apart)
        } else {
            // Capitalised or all capitals: a name is never split, but a
            // known word or an acronym may have a word glued after it that
            // never ends a name ("Indonesiayang", "TNIyang"), and a
            // capitalised word may have an English one glued to it
            // ("Pilihanoutfitini", "Friendsadalah"), or be two words the
            // article writes alone (below).
            // Written in lower case elsewhere, the run is a word the counts
            // do not know ("Marinasi" beside "marinasi"); a first piece the
            // article writes alone as it stands here is a name's ("Hamilton"
            // beside "Hamiltonkini"): the name rules judge it.
            // A lower-case form the counts cut in this pass ("kalaitu" ->
            // "kala itu") vouches for nothing: a second pass would not see it.
            let vouched_in_lower_case = || words_as_written.has(lower_run.as_bytes()) && !cut_by_counts(lower_run);
            let cuts = own_word_cuts(run, lower_run).or_else(|| {
                if !capitalised_word(run) || !opens_sentence(bytes, start) || vouched_in_lower_case() {
                    return None;
                }
                sentence_opener_cuts(lower_run).filter(|cuts| !words_as_written.has(&run[..cuts[0]]))
            });
            if cuts.is_none() && capitalised_word(run) && used_once() {
                unexplained.push((start, end));
            }
            cuts.filter(|_| used_once())
        };
        if let Some(cuts) = cuts {
            runs.push((start, end, cuts));
        }
    }
    // Runs too short for the scan above: a common word glued to an acronym
    // ("diKPK", "dariAS", "olehPT").
    let short = short_acronym_runs(bytes);
    if !short.is_empty() {
        runs.extend(short);
        runs.sort_unstable_by_key(|r| r.0);
    }
    if unexplained.is_empty() && unexplained_lower.is_empty() && runs.is_empty() {
        return (runs, false);
    }
    // The article as a second pass would read it: the cuts above are word
    // boundaries ("IsraeldanIran" shows "Israel" alone, so "Israelsaat" is
    // "Israel saat"), so that a second run of the stage changes nothing.
    let mut cut_points: Vec<usize> = runs.iter().flat_map(|(start, _, cuts)| cuts.iter().map(move |c| start + c)).collect();
    cut_points.sort_unstable();
    // Until no pair is newly freed: each cut may free another. Real text
    // settles in a round or two; the bound keeps a crafted one cheap.
    for _ in 0..MAX_FREEING_ROUNDS {
        let mut freed = false;
        for &(start, end) in &apart_later {
            let at = runs.binary_search_by_key(&start, |r| r.0);
            let own_cuts = at.map(|i| runs[i].2.clone()).unwrap_or_default();
            let Some(apart) = written_apart(bytes, start, end, &own_cuts, &cut_points).0 else { continue };
            if apart.iter().all(|c| own_cuts.contains(c)) {
                continue;
            }
            freed = true;
            cut_points.extend(apart.iter().map(|c| start + c));
            match at {
                Ok(i) => runs[i].2 = merge_cuts(Some(own_cuts), Some(apart)).unwrap_or_default(),
                Err(i) => runs.insert(i, (start, end, apart)),
            }
        }
        if !freed {
            break;
        }
        cut_points.sort_unstable();
        cut_points.dedup();
    }
    // Lower-case runs first: their cuts free words that the capitalised
    // runs' evidence below reads ("tunik|kini" shows "kini" alone), and
    // these cuts need no capitalised cut (a frequent piece needs no
    // evidence, and the other piece is no word a capitalised cut frees).
    // A cut made here frees words for the runs still uncut ("long
    // weekend|selama" shows "weekend" alone for "weekend|terdekat"): round
    // until none is, so that a second run of the stage changes nothing.
    // Only the article's words change from one round to the next, so a
    // later round asks only [`article_word_split`], and only of the runs
    // that begin or end with a piece just cut free.
    let mut freed: Vec<&[u8]> = Vec::new();
    for round in 0..MAX_FREEING_ROUNDS {
        let lower_cuts: Vec<(usize, usize, Vec<usize>)> = {
            let words = ArticleWords { bytes, cuts: &cut_points };
            unexplained_lower
                .iter()
                .filter(|&&(start, end)| round == 0 || freed.iter().any(|p| bytes[start..end].starts_with(p) || bytes[start..end].ends_with(p)))
                .filter_map(|&(start, end)| {
                    let lower_run = std::str::from_utf8(&bytes[start..end]).unwrap_or_default();
                    let cut = if round == 0 {
                        function_word_after_two(lower_run)
                            .or_else(|| article_word_split(lower_run, &words))
                            .or_else(|| common_and_known_split(lower_run))
                            .filter(|_| !derived_from_known_stem(lower_run))
                            .or_else(|| preposition_split(lower_run))
                    } else {
                        article_word_split(lower_run, &words).filter(|_| !derived_from_known_stem(lower_run))
                    }?;
                    Some((start, end, vec![cut]))
                })
                .collect()
        };
        if lower_cuts.is_empty() {
            break;
        }
        unexplained_lower.retain(|&(start, _)| !lower_cuts.iter().any(|r| r.0 == start));
        freed = lower_cuts
            .iter()
            .flat_map(|&(start, end, ref cuts)| [&bytes[start..start + cuts[0]], &bytes[start + cuts[0]..end]])
            .filter(|p| p.len() >= MIN_ARTICLE_PIECE)
            .collect();
        cut_points.extend(lower_cuts.iter().map(|(start, _, cuts)| start + cuts[0]));
        cut_points.sort_unstable();
        runs.extend(lower_cuts);
    }
    let words = ArticleWords { bytes, cuts: &cut_points };
    let mut read_capitalised_evidence = false;
    let mut cut_against_words = |start: usize, end: usize| -> Option<usize> {
        lower.clear();
        lower.extend(bytes[start..end].iter().map(u8::to_ascii_lowercase));
        let lower_run = std::str::from_utf8(&lower).unwrap_or_default();
        let cut = two_words_of_the_article(&bytes[start..end], lower_run, opens_sentence(bytes, start), &words);
        read_capitalised_evidence |= cut.is_some();
        cut
    };
    // A capitalised piece of a cut run ("kata|Messidi", "Ketikaentityakan|
    // diminta") is such a run in the next pass, cut as that pass would,
    // unless the article has it as a whole run too.
    for (start, end, cuts) in &mut runs {
        let mut added = Vec::new();
        for w in piece_bounds(cuts.iter().copied(), *end - *start).windows(2) {
            let piece = &bytes[*start + w[0]..*start + w[1]];
            if piece.len() < MIN_RUN || !capitalised_word(piece) || probably_known(piece) {
                continue;
            }
            let lower_piece = piece.to_ascii_lowercase();
            let lower_piece = std::str::from_utf8(&lower_piece).unwrap_or_default();
            let piece_cuts = own_word_cuts(piece, lower_piece).or_else(|| cut_against_words(*start + w[0], *start + w[1]).map(|cut| vec![cut]));
            if let Some(piece_cuts) = piece_cuts {
                if !run_counts.get_or_insert_with(|| capitalised_run_counts(bytes, &letter)).contains_key(piece) {
                    added.extend(piece_cuts.into_iter().map(|cut| w[0] + cut));
                }
            }
        }
        if !added.is_empty() {
            cuts.extend(added);
            cuts.sort_unstable();
        }
    }
    for (start, end) in unexplained {
        if let Some(cut) = cut_against_words(start, end) {
            runs.push((start, end, vec![cut]));
        }
    }
    runs.sort_unstable_by_key(|r| r.0);
    (runs, read_capitalised_evidence)
}

/// Runs shorter than [`MIN_RUN`] made of "di", "ke" or a word seen
/// [`COMMON_WORD_COUNT`] times or more, in lower case, and an acronym of two
/// capitals or more ("diKPK", "keDPR", "dariAS", "olehPT") or a capitalised
/// word ("diIran", "diLiga", "yangAda"): cut between them. Brands with a
/// lower-case head have a short or unknown one there ("eKTP", "iOS",
/// "myBCA").
fn short_acronym_runs(bytes: &[u8]) -> Vec<(usize, usize, Vec<usize>)> {
    let mut out = Vec::new();
    for (start, k, end) in camel_runs(bytes) {
        let (left, right) = (&bytes[start..k], &bytes[k..end]);
        let acronym_or_capitalised = right.iter().all(u8::is_ascii_uppercase) || right[1..].iter().all(u8::is_ascii_lowercase);
        if end - start >= MIN_RUN || right.len() < 2 || !acronym_or_capitalised || !left.iter().all(u8::is_ascii_lowercase) {
            continue;
        }
        // Only ASCII letters: UTF-8 as it is.
        let left = std::str::from_utf8(left).unwrap_or_default();
        let common = SHORT_LEFT.contains(&left) || left.len() >= 3 && count(left) >= COMMON_WORD_COUNT;
        if common && free_standing(bytes, start, end) {
            out.push((start, end, vec![k - start]));
        }
    }
    out
}

/// How many times [`glued_runs`] looks again for pairs its cuts set apart.
const MAX_FREEING_ROUNDS: usize = 8;

/// The union of two sets of cut offsets, ascending.
fn merge_cuts(a: Option<Vec<usize>>, b: Option<Vec<usize>>) -> Option<Vec<usize>> {
    match (a, b) {
        (Some(mut a), Some(b)) => {
            a.extend(b);
            a.sort_unstable();
            a.dedup();
            Some(a)
        }
        (a, b) => a.or(b),
    }
}

/// Whether a word's occurrence at `at..end` stands alone: a non-letter or
/// a cut about to be made (`cuts`, ascending) on either side.
fn stands_alone(bytes: &[u8], at: usize, end: usize, cuts: &[usize]) -> bool {
    let bound = |k: usize, letter: Option<&u8>| letter.is_none_or(|b| !b.is_ascii_alphabetic()) || cuts.binary_search(&k).is_ok();
    bound(at, at.checked_sub(1).map(|k| &bytes[k])) && bound(end, bytes.get(end))
}

/// Whether a cut about to be made (`cuts`, ascending) falls inside
/// `at..end`: "harganaik" about to be "harga naik" is no "harganaik".
fn cut_inside(at: usize, end: usize, cuts: &[usize]) -> bool {
    cuts.get(cuts.partition_point(|&c| c <= at)).is_some_and(|&c| c < end)
}

/// The case changes of a camel-case run between two capitalised words
/// that the article also writes apart ("JokoWidodo" beside "Joko Widodo",
/// "RealMadrid" beside "Real Madrid"): names and brands the counts cannot
/// vouch for, whose glued form is the scraper's. The run's words end at its
/// case changes and at its `own_cuts`; a cut about to be made elsewhere
/// (`cuts`, absolute, ascending) counts as a space around the pair. Returns the cut
/// offsets, and whether some pair is written apart only beside more
/// letters, which such a cut may yet free.
fn written_apart(bytes: &[u8], start: usize, end: usize, own_cuts: &[usize], cuts: &[usize]) -> (Option<Vec<usize>>, bool) {
    let run = &bytes[start..end];
    // The words between the case changes, and the run's own cuts
    // ("PolrestabesBandung|berhasil").
    let mut bounds = piece_bounds(case_changes(run).chain(own_cuts.iter().copied()), run.len());
    bounds.sort_unstable();
    bounds.dedup();
    let mut apart = Vec::with_capacity(MAX_RUN + 1);
    let mut beside_letters = false;
    let cuts: Vec<usize> = bounds
        .windows(3)
        .filter(|w| {
            let (left, right) = (&run[w[0]..w[1]], &run[w[1]..w[2]]);
            // Two letters or more each: "A" alone is an initial.
            if !(left.len() >= 2 && right.len() >= 2 && capitalised_word(left) && capitalised_word(right)) {
                return false;
            }
            apart.clear();
            apart.extend_from_slice(left);
            apart.push(b' ');
            apart.extend_from_slice(right);
            let mut found = false;
            for at in memchr::memmem::find_iter(bytes, &apart) {
                if stands_alone(bytes, at, at + apart.len(), cuts) {
                    found = true;
                    break;
                }
                beside_letters = true;
            }
            if found {
                return true;
            }
            // Glued elsewhere too, the pair stands apart where a cut about to
            // be made separates it ("korban|Tikus|Adapun" beside "TikusAdapun").
            let glued = &run[w[0]..w[2]];
            for at in memchr::memmem::find_iter(bytes, glued) {
                if at == start + w[0] {
                    continue;
                }
                if cuts.binary_search(&(at + left.len())).is_ok() && stands_alone(bytes, at, at + glued.len(), cuts) {
                    return true;
                }
                beside_letters = true;
            }
            false
        })
        .map(|w| w[1])
        .collect();
    ((!cuts.is_empty()).then_some(cuts), beside_letters)
}

/// How often each letter run with a capital occurs as a whole run.
type RunCounts<'a> = HashMap<&'a [u8], u32, BuildHasherDefault<LettersHasher>>;

fn capitalised_run_counts<'a>(bytes: &'a [u8], letter: &[(usize, usize)]) -> RunCounts<'a> {
    let mut counts = RunCounts::default();
    for &(s, e) in letter {
        if !bytes[s..e].iter().all(u8::is_ascii_lowercase) {
            *counts.entry(&bytes[s..e]).or_insert(0) += 1;
        }
    }
    counts
}

/// Whether a word stands alone in an article, where the cuts about to be
/// made count as spaces. Searched for, not gathered: few runs ask, and a
/// set of every word costs more than their searches.
struct ArticleWords<'a> {
    bytes: &'a [u8],
    cuts: &'a [usize],
}

impl ArticleWords<'_> {
    fn has(&self, word: &[u8]) -> bool {
        self.count_alone(word, 1) >= 1
    }

    /// How often `word` stands alone in the article, counted up to `limit`.
    fn count_alone(&self, word: &[u8], limit: usize) -> usize {
        let bytes = self.bytes;
        memchr::memmem::find_iter(bytes, word)
            .filter(|&at| {
                let end = at + word.len();
                stands_alone(bytes, at, end, self.cuts) && !cut_inside(at, end, self.cuts) && free_standing(bytes, at, end)
            })
            .take(limit)
            .count()
    }
}

/// The shortest piece [`article_word_split`] takes on the article's word.
const MIN_ARTICLE_PIECE: usize = 5;

/// An unknown lower-case run of a frequent word and a word the article
/// writes alone elsewhere ("program|pemutihan", "aset|kripto", "kartun|
/// berikut" where "pemutihan", "kripto", "kartun" stand alone): the counts,
/// read from other years' clean news, miss many words of a story's topic,
/// but the article has them. Not a run the article writes alone twice (a
/// word the counts do not know), and the pieces are those a split by the
/// counts may make ([`piece_ok`]), the article's one five letters or more.
/// Where several cuts qualify, the one whose frequent piece is most
/// frequent wins. Returns the cut offset.
fn article_word_split(lower_run: &str, words: &ArticleWords) -> Option<usize> {
    let mut best: Option<(u32, usize)> = None;
    for cut in 3..=lower_run.len().saturating_sub(3) {
        let (head, tail) = lower_run.split_at(cut);
        // The frequent piece by the counts, the other by the article.
        let (frequent, other, bound) = match (piece_ok(head, true, false), piece_ok(tail, false, true)) {
            (true, false) => (head, tail, BOUND_LAST),
            (false, true) => (tail, head, BOUND_FIRST),
            _ => continue,
        };
        let score = count(frequent);
        if other.len() < MIN_ARTICLE_PIECE || other.starts_with("ng") || bound.contains(&other) || best.is_some_and(|(s, _)| score <= s) {
            continue;
        }
        if words.has(other.as_bytes()) {
            best = Some((score, cut));
        }
    }
    best.filter(|_| words.count_alone(lower_run.as_bytes(), 2) < 2).map(|(_, cut)| cut)
}

/// How often both words of a run that opens a sentence must be seen for
/// [`two_words_of_the_article`] to cut it.
const MIN_OPENER_PIECE_COUNT: u32 = 200;

/// The shortest name [`two_words_of_the_article`] cuts off.
const MIN_NAME_HEAD: usize = 4;

/// A capitalised run made of two words the article writes elsewhere on
/// their own, which a scraper glued: a name as written with a frequent word
/// after it ("Hamiltonkini" where "Hamilton" and "kini" stand alone,
/// "Krisdayantidan"), or, at a sentence's start, where any word is
/// capitalised, two lower-case words ("Salahsatu", "Mobilpengantin" where
/// "salah", "satu", "mobil" and "pengantin" stand alone). The counts need
/// not know the name; the article does. Not a run the article also writes
/// in lower case ("Marinasi" beside "marinasi"), not after a place head
/// ("Kota|baru" may be "Kotabaru") and not before a clitic. Where several
/// cuts qualify, the one whose rarer piece is most frequent wins. Returns
/// the cut offset.
fn two_words_of_the_article(run: &[u8], lower_run: &str, opens_sentence: bool, words: &ArticleWords) -> Option<usize> {
    let mut best: Option<(u32, usize)> = None;
    for cut in 2..=run.len() - 2 {
        let (head, tail) = lower_run.split_at(cut);
        // The counts first; the article is searched only for what passes.
        let tail_ok = if tail.len() == 2 { SHORT_LEFT.contains(&tail) } else { !BOUND_LAST.contains(&tail) && count(tail) >= MIN_PIECE_COUNT };
        if !tail_ok || NAME_HEADS.contains(&head) || PREFIXES.contains(&head) {
            continue;
        }
        // Two rarer words are more often one word the counts do not know
        // ("Mari|nasi" is "Marinasi", "Foto|kopi" "Fotokopi").
        let rarer = count(head).min(count(tail));
        let opener_counts = opens_sentence && rarer >= MIN_OPENER_PIECE_COUNT;
        let could_be_name = cut >= MIN_NAME_HEAD;
        if !(could_be_name || opener_counts) || best.is_some_and(|(s, _)| rarer <= s) {
            continue;
        }
        // Two very common words at a sentence's start need not stand alone
        // ("Dia|akan", "Salah|satu", "Tapi|jika"): a word the counts do not
        // know made of two such words is glue.
        let very_common_opener = || opens_sentence && rarer >= COMMON_WORD_COUNT;
        let tail_evidence = prefixed_verb(tail, 7) || words.has(tail.as_bytes()) || very_common_opener();
        // After a name the article writes alone twice or more, a common
        // word of four letters or more needs no evidence of its own
        // ("Hamilton|kini", "Google|punya"): a name the article repeats is
        // the story's, a longer name that begins with it rare. Once is too
        // little: a source line's "Sumber" beside "Sumbermalang", a unit's
        // "Laka" beside "Lakalantas".
        let common_after_name =
            || could_be_name && tail.len() >= 4 && count(tail) >= MIN_COMMON_HEAD_COUNT && words.count_alone(&run[..cut], 2) >= 2;
        if !(tail_evidence || common_after_name()) {
            continue;
        }
        let as_name = could_be_name && words.has(&run[..cut]);
        let as_word = tail_evidence && opener_counts && (rarer >= COMMON_WORD_COUNT || words.has(head.as_bytes()));
        if as_name || as_word {
            best = Some((rarer, cut));
        }
    }
    // Written in lower case elsewhere, the run is a word the counts do not
    // know ("marinasi", "fotokopi"), capitalised here to open a sentence.
    best.filter(|_| !words.has(lower_run.as_bytes())).map(|(_, cut)| cut)
}

/// Whether the word at `start` opens a sentence: the text's or a line's
/// start, or after a sentence's final mark and an optional quote or bracket.
fn opens_sentence(bytes: &[u8], start: usize) -> bool {
    let before = bytes[..start].iter().rev().skip_while(|&&b| leads_a_sentence(b));
    let mut before = before.peekable();
    match before.peek() {
        None | Some(b'\n') => true,
        Some(b) => matches!(b, b'.' | b'!' | b'?'),
    }
}

/// Whether `b` may stand between a sentence's end and its first word: a
/// space, an opening quote or bracket.
fn leads_a_sentence(b: u8) -> bool {
    matches!(b, b' ' | b'"' | b'(' | b'\'')
}

/// Bit 7 of each byte of `w` set where that byte is an ASCII letter
/// (eight bytes at once: no branch per byte, which dominated the pass).
fn letter_bits(w: u64) -> u64 {
    swar::ascii_letters(w)
}

/// One bit per byte of `block` (at most 64 bytes): set where `class` (bit 7
/// of each byte of an eight-byte word, [`letter_bits`], [`lowercase_bits`])
/// says so; bytes past the block's end are zeros.
fn class_mask(block: &[u8], class: impl Fn(u64) -> u64) -> u64 {
    let mut mask = 0u64;
    for (k, chunk) in block.chunks(8).enumerate() {
        let buf: [u8; 8] = chunk.try_into().unwrap_or_else(|_| {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            buf
        });
        // Gather bit 7 of each byte into the low eight bits.
        let bits = ((class(u64::from_le_bytes(buf)) >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56;
        mask |= bits << (8 * k);
    }
    mask
}

/// Bit 7 of each byte of `w` set where that byte is an ASCII lower-case letter.
fn lowercase_bits(w: u64) -> u64 {
    swar::ascii_within(w, b'a', b'z')
}

/// Calls `found(start, end)` on each maximal run of at least `min_len`
/// (1..=64) bytes of a `class` ([`class_mask`]) in `bytes`, in order, until
/// it returns true; returns whether it did. Reads 64 bytes at a time: runs
/// of `min_len` set bits are found with shifts, so most blocks cost a few
/// instructions.
fn for_each_run(bytes: &[u8], min_len: usize, class: impl Fn(u64) -> u64 + Copy, mut found: impl FnMut(usize, usize) -> bool) -> bool {
    // Bytes of a run that began in an earlier block and reaches this one.
    let mut carried = 0;
    let mut base = 0;
    while base < bytes.len() {
        // The last block may be short: zeros after it are in no class.
        let mut mask = class_mask(&bytes[base..bytes.len().min(base + 64)], class);
        if carried > 0 {
            let ones = (!mask).trailing_zeros() as usize;
            if ones == 64 {
                carried += 64;
                base += 64;
                continue;
            }
            if carried + ones >= min_len && found(base - carried, base + ones) {
                return true;
            }
            mask &= !((1u64 << ones) - 1);
        }
        // Bit k of `starts`: bits k .. k + min_len of `mask` are all set.
        let mut starts = mask;
        let mut have = 1;
        while have < min_len {
            let step = have.min(min_len - have);
            starts &= starts >> step;
            have += step;
        }
        while starts != 0 {
            let start = starts.trailing_zeros() as usize;
            let len = (!(mask >> start)).trailing_zeros() as usize;
            if start + len == 64 {
                break;
            }
            if found(base + start, base + start + len) {
                return true;
            }
            let run_bits = ((1u64 << len) - 1) << start;
            mask &= !run_bits;
            starts &= !run_bits;
        }
        // The bytes at the block's end run on into the next one (a run
        // shorter than `min_len` here may not be there).
        carried = (!mask).leading_zeros() as usize;
        base += 64;
    }
    carried >= min_len && found(bytes.len() - carried, bytes.len())
}

/// The maximal runs of at least `min_len` ASCII letters in `bytes`, as
/// byte ranges.
fn letter_runs(bytes: &[u8], min_len: usize) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    for_each_run(bytes, min_len, letter_bits, |start, end| {
        runs.push((start, end));
        false
    });
    runs
}

fn has_inner_capital(run: &[u8]) -> bool {
    case_changes(run).next().is_some()
}

/// The offsets in `run` where a lower-case letter is followed by an
/// upper-case one (the upper-case letter's offset), in order.
fn case_changes(run: &[u8]) -> impl Iterator<Item = usize> + '_ {
    (1..run.len()).filter(|&k| run[k - 1].is_ascii_lowercase() && run[k].is_ascii_uppercase())
}

/// A verb with an active or passive prefix (me-, ber-, di-, ter-) of
/// `min_len` letters or more, seen 30+ times.
fn prefixed_verb(word: &str, min_len: usize) -> bool {
    word.len() >= min_len && ["me", "ber", "di", "ter"].iter().any(|p| word.starts_with(p)) && count(word) >= MIN_PIECE_COUNT
}

/// `word` ends in `n` ASCII lower-case letters.
fn ends_in_lowercase(word: &[u8], n: usize) -> bool {
    word.len() >= n && word[word.len() - n..].iter().all(u8::is_ascii_lowercase)
}

/// True when the run stands as a word of its own: not part of a URL, an
/// e-mail address, a handle, a code or a word with non-ASCII letters.
fn free_standing(bytes: &[u8], start: usize, end: usize) -> bool {
    let after_ok = match bytes.get(end) {
        None => true,
        // A full stop ends a sentence unless a letter follows ("detik.com").
        Some(b'.') | Some(b':') => !bytes.get(end + 1).is_some_and(|b| b.is_ascii_alphanumeric()),
        Some(&b) => !(joins_a_code(b) || b >= 0x80),
    };
    free_start(bytes, start) && after_ok
}

/// Bytes that join letters into a code, a handle, an address or a compound.
fn joins_a_code(b: u8) -> bool {
    b.is_ascii_digit() || matches!(b, b'@' | b'/' | b'_' | b'-' | b'\\' | b'#' | b'=' | b'&' | b'%' | b'+' | b'~' | b':' | b'.')
}

/// Whether a run starting at `start` starts a word: nothing that joins
/// codes before it, and not a tag's name ("<scripttak>": split, it would
/// become markup).
fn free_start(bytes: &[u8], start: usize) -> bool {
    start == 0 || !(joins_a_code(bytes[start - 1]) || bytes[start - 1] >= 0x80 || bytes[start - 1] == b'<')
}

/// A lower-case word glued to the first part of a hyphenated name
/// ("konflik|Israel-Iran", "dalam|Undang-Undang", "pernikahan|Al-Ghazali"),
/// which [`free_standing`] keeps from the other cuts: cut where a camel-case
/// run would be ([`camel_left_ok`]: a frequent word, not a brand's head
/// "detik") and the part is one capitalised word
/// the counts know (or of three letters or fewer: "Al", "Non"). Returns the
/// cut.
fn glued_before_hyphenated_name(bytes: &[u8], start: usize, end: usize) -> Option<usize> {
    if bytes.get(end) != Some(&b'-') || !bytes.get(end + 1).is_some_and(u8::is_ascii_alphabetic) || !free_start(bytes, start) {
        return None;
    }
    let run = &bytes[start..end];
    let cut = run.iter().position(u8::is_ascii_uppercase)?;
    let (left, name) = run.split_at(cut);
    if cut < 3 || name.len() < 2 || !name[1..].iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    // ASCII letters only: the lower-cased bytes are UTF-8.
    let lower_name = name.to_ascii_lowercase();
    let lower_name = std::str::from_utf8(&lower_name).unwrap_or_default();
    let known_name = name.len() <= 3 || count(lower_name) >= KNOWN_WORD || en_count(lower_name) >= KNOWN_WORD;
    (known_name && camel_left_ok(std::str::from_utf8(left).unwrap_or_default(), false)).then_some(cut)
}

/// True when `word` is a known stem with Indonesian affixes around it. The
/// nasal prefixes drop the stem's first consonant ("menulis" = meN-tulis),
/// which is restored.
fn derived_from_known_stem(word: &str) -> bool {
    let known_stem = |stem: &str| stem.len() >= 3 && count(stem) >= KNOWN_WORD;
    let with_suffix_off = |w: &str| -> bool { known_stem(w) || SUFFIXES.iter().any(|s| w.strip_suffix(s).is_some_and(known_stem)) };
    PREFIXES.iter().any(|p| {
        let Some(rest) = word.strip_prefix(p) else { return false };
        if with_suffix_off(rest) {
            return true;
        }
        // meN-/peN- before a vowel: the stem's dropped consonant.
        let nasal = p.strip_prefix("me").or_else(|| p.strip_prefix("pe"));
        let restored = NASAL_FORMS.iter().find(|f| Some(f.nasal) == nasal).and_then(|f| f.replaces);
        restored.is_some_and(|c| with_suffix_off(&format!("{}{rest}", char::from(c))))
    }) || SUFFIXES.iter().any(|s| word.strip_suffix(s).is_some_and(known_stem))
}

fn piece_ok(piece: &str, first: bool, last: bool) -> bool {
    // "dia" first is mostly the passive prefix before a stem in "a"
    // ("diameter", "diawali"); "ng" starts only colloquial words ("nggak"),
    // which are more often the tail of a real word ("menunggak").
    !(piece.starts_with("ng") || first && piece == "dia")
        && (piece.len() >= 4 || SHORT_WORDS.contains(&piece))
        && count(piece) >= MIN_PIECE_COUNT
        && !(first && BOUND_FIRST.contains(&piece))
        && !(last && BOUND_LAST.contains(&piece))
        && !BOUND_LAST.contains(&piece)
}

/// Where an unknown lower-case run falls into two frequent words, as
/// [`lower_case_split`] would cut it in two: the cut whose rarer piece is
/// most frequent.
fn two_word_split(run: &str) -> Option<usize> {
    let mut best: Option<(u32, usize)> = None;
    for cut in 3..=run.len().saturating_sub(3) {
        let (left, right) = run.split_at(cut);
        if piece_ok(left, true, false) && piece_ok(right, false, true) {
            let score = count(left).min(count(right));
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, cut));
            }
        }
    }
    best.map(|(_, cut)| cut)
}

/// Function words that stand before or after any word: glued before one
/// the counts know however rarely ("yang|dimilikinya", "sebagai|tameng"),
/// where [`lower_case_split`] wants both frequent; glued after a frequent
/// word only (many words end in one: "sembahyang", and misspelt ones in
/// "akan": "mencatakan").
const FUNCTION_WORDS: &[&str] = &[
    "yang", "dengan", "untuk", "sebagai", "akan", "adalah", "tidak", "sudah", "telah", "bisa", "dalam", "dari", "pada",
    "juga", "atau", "karena", "seperti", "saat", "oleh", "kepada", "bahwa",
];

/// More function words that only begin one ("ia|dikenai") or only end one
/// ("bencana|di"; "pandan", "kemudi", "Kartini" end in these too, hence
/// after a frequent word only).
const FUNCTION_HEADS_ONLY: &[&str] = &["ia"];
const FUNCTION_TAILS_ONLY: &[&str] = &["di", "ke", "dan", "ini", "itu"];

/// How often the word after a glued "di" must be seen ([`preposition_split`]).
const MIN_PLACE_WORD_COUNT: u32 = 500;

/// The preposition "di" glued to a frequent word that is no verb stem
/// ("di|depan", "di|kawasan", "di|partai"): a run the counts do not know,
/// whose rest is seen [`MIN_PLACE_WORD_COUNT`] times or more, is not one of
/// the passive stems "di" joins (`data/di_stems.txt`) and has no known
/// active form (meN-: "dibangun" has "membangun"). Clean news writes many
/// of these joined too ("didepan", "kedepan"), but the counts know those
/// and leave them. Returns the cut after "di".
fn preposition_split(run: &str) -> Option<usize> {
    let rest = run.strip_prefix("di")?;
    if rest.len() < 4 || count(rest) < MIN_PLACE_WORD_COUNT || crate::prefix::is_di_stem(rest) || has_active_form(rest) {
        return None;
    }
    Some(2)
}

/// Whether an active form of `stem` with the prefix meN- is a known word
/// ("bangun": "membangun"; "pakai": "memakai", the first consonant
/// dropped), with or without "-kan" or "-i".
fn has_active_form(stem: &str) -> bool {
    active_forms(stem).into_iter().flatten().any(|f| ["", "kan", "i"].iter().any(|s| count(&format!("{f}{s}")) >= KNOWN_WORD))
}

/// The shortest rarer piece [`common_and_known_split`] takes.
const MIN_KNOWN_PIECE: usize = 4;

/// An unknown lower-case run of a very common word (seen
/// [`COMMON_WORD_COUNT`] times or more) and any known word of
/// [`MIN_KNOWN_PIECE`] letters or more, either way round: "mulai|menirukan",
/// "dirujuk|untuk", "mereka|benci", where [`lower_case_split`] wants both
/// pieces seen 30 times and [`function_word_split`] a function word. Only
/// in articles that show a scraper's marks, and only for runs no other rule
/// cuts, not after a place head ("kota|madya"). Where several cuts qualify,
/// the one whose rarer piece is most frequent wins. Returns the cut.
fn common_and_known_split(run: &str) -> Option<usize> {
    let known = |w: &str, first: bool| {
        w.len() >= MIN_KNOWN_PIECE && !w.starts_with("ng") && !(first && (w == "dia" || BOUND_FIRST.contains(&w))) && !BOUND_LAST.contains(&w)
    };
    let common = |w: &str, first: bool, last: bool| piece_ok(w, first, last);
    let mut best: Option<(u32, usize)> = None;
    for cut in 3..=run.len().saturating_sub(3) {
        let (head, tail) = run.split_at(cut);
        // The counts first, once each: most cuts end there (the Bloom
        // filter turns most pieces away).
        let head_count = count(head);
        if head_count < KNOWN_WORD {
            continue;
        }
        let tail_count = count(tail);
        let score = head_count.min(tail_count);
        if score < KNOWN_WORD || head_count.max(tail_count) < COMMON_WORD_COUNT || best.is_some_and(|(s, _)| score <= s) {
            continue;
        }
        // Not after a place head: "kota|madya" is "kotamadya".
        let ok = head_count >= COMMON_WORD_COUNT && common(head, true, false) && known(tail, false) && !NAME_HEADS.contains(&head)
            || tail_count >= COMMON_WORD_COUNT && known(head, true) && common(tail, false, true);
        if ok {
            best = Some((score, cut));
        }
    }
    best.map(|(_, cut)| cut)
}

/// A function word glued after two frequent words ("ribuankendaraan|di"):
/// the cut before the function word; the next pass splits the head.
fn function_word_after_two(run: &str) -> Option<usize> {
    let tail = FUNCTION_WORDS.iter().chain(FUNCTION_TAILS_ONLY).find(|t| run.ends_with(**t) && run.len() >= t.len() + MIN_RUN)?;
    let cut = run.len() - tail.len();
    two_word_split(&run[..cut]).map(|_| cut)
}

/// An unknown lower-case run that is a function word and a known word
/// after it (four letters or more, seen twice or more, or of seven letters
/// or more a known stem with affixes), or a frequent word (seen
/// [`MIN_PIECE_COUNT`] times) and a function word after it. Returns the cut.
fn function_word_split(run: &str) -> Option<[Option<usize>; 2]> {
    let word = |w: &str| w.len() >= 4 && !BOUND_FIRST.contains(&w) && !BOUND_LAST.contains(&w);
    // A short word known only as a stem with affixes may be the end of a
    // longer word ("bahwa|sannya" is "bahwasannya").
    let known = |w: &str| word(w) && (count(w) >= KNOWN_WORD || w.len() >= MIN_RUN && derived_from_known_stem(w));
    let frequent = |w: &str| word(w) && count(w) >= MIN_PIECE_COUNT;
    let head = FUNCTION_WORDS.iter().chain(FUNCTION_HEADS_ONLY).find(|h| run.len() > h.len() && run.starts_with(**h) && known(&run[h.len()..]));
    if let Some(head) = head {
        return Some([Some(head.len()), None]);
    }
    let tail = FUNCTION_WORDS.iter().chain(FUNCTION_TAILS_ONLY).find(|t| run.len() > t.len() && run.ends_with(**t) && frequent(&run[..run.len() - t.len()]));
    tail.map(|t| [Some(run.len() - t.len()), None])
}

/// The best split of an unknown lower-case run into two or three frequent
/// words: the one whose rarest piece is most frequent. Returns cut offsets.
fn lower_case_split(run: &str) -> Option<[Option<usize>; 2]> {
    let n = run.len();
    let mut best: Option<(u32, [Option<usize>; 2])> = None;
    let mut consider = |score: u32, cuts: [Option<usize>; 2]| {
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, cuts));
        }
    };
    for a in 3..=n.saturating_sub(3) {
        let (left, rest) = run.split_at(a);
        if !piece_ok(left, true, false) {
            continue;
        }
        if piece_ok(rest, false, true) {
            consider(count(left).min(count(rest)), [Some(a), None]);
        }
        for b in 3..=rest.len().saturating_sub(3) {
            let (mid, right) = rest.split_at(b);
            // Not across a known word: "matahariterjadi" is "matahari
            // terjadi", never "mata hari terjadi".
            let joins_known = |a: &str, b: &str| count(&format!("{a}{b}")) >= KNOWN_WORD;
            if piece_ok(mid, false, false) && piece_ok(right, false, true) && !joins_known(left, mid) && !joins_known(mid, right) {
                // A three-way split must beat any two-way one clearly: halve it.
                consider(count(left).min(count(mid)).min(count(right)) / 2, [Some(a), Some(a + b)]);
            }
        }
    }
    best.map(|(_, cuts)| cuts)
}

/// English word counts (UD English-EWT train), for the English terms
/// Indonesian news writes in italics: a scraper drops the spaces around the
/// tag ("kegiatanoutingdi", "eatingitu", "memilikisense").
const EN_VOCAB: &str = include_str!("../data/en_vocab.txt");

/// How often the lower-case `word` was seen in the English counts.
pub fn english_word_count(word: &str) -> u32 {
    en_count(word)
}

/// True when the lower-case `word` is in the English counts as a word.
pub fn is_known_english_word(word: &str) -> bool {
    en_count(word) >= KNOWN_WORD
}

fn en_count(word: &str) -> u32 {
    static EN_COUNTS: OnceLock<Counts> = OnceLock::new();
    let counts = EN_COUNTS.get_or_init(|| word_counts(EN_VOCAB).collect());
    counts.get(word).copied().unwrap_or(0)
}

/// Indonesian words that follow a glued English term ("eatingitu",
/// "outfityang", "jikabreakdowndi").
const FOREIGN_TAILS: &[&str] = &[
    "yang", "dengan", "dan", "di", "ke", "untuk", "ini", "itu", "pada", "dari", "atau", "agar", "serta", "sebagai", "dalam",
    "karena", "juga", "akan", "bisa", "tidak", "adalah", "oleh",
];
/// Tails that are also Indonesian suffixes or prefixes: not right after an
/// English word that opens the run ("didoakan" is di-doa-kan, not "dido akan").
const SUFFIX_LIKE_TAILS: &[&str] = &["akan", "di", "ke"];
/// Uses in the English counts for an English word at a run's end with no
/// Indonesian word after it ("memilikisense"), where a compound is likelier.
const MIN_EN_END_COUNT: u32 = 5;

/// An English word as [`foreign_split`] takes it: four letters or more,
/// seen in English, never in Indonesian, and no glue of its own (so that
/// a second pass leaves it whole).
fn english_piece(word: &str) -> bool {
    word.len() >= 4
        && en_count(word) >= KNOWN_WORD
        && count(word) == 0
        && (word.len() < MIN_RUN || lower_case_split(word).is_none() && foreign_split(word).is_none())
}

/// A run of an English term glued between Indonesian words, when the
/// Indonesian splits find none: English + function word ("eatingitu"), a
/// frequent Indonesian word that is no English one + English + function
/// word ("jikabreakdowndi"), or such a word + an English word of five
/// letters or more seen 5+ times ("memilikisense"). The English piece must
/// not be an Indonesian word; the longest one wins. Returns cut offsets.
fn foreign_split(run: &str) -> Option<[Option<usize>; 2]> {
    let n = run.len();
    // Four letters or more: shorter frequent pieces are as often the start
    // of an English word ("pol" of "policing", "es" of "esports").
    let indonesian_head = |head: &str| (head.len() >= 4 || SHORT_WORDS.contains(&head)) && count(head) >= MIN_PIECE_COUNT && en_count(head) == 0;
    // English, then a function word.
    let english_first = (5..n.saturating_sub(1)).rev().find(|&e| {
        let tail = &run[e..];
        FOREIGN_TAILS.contains(&tail) && !SUFFIX_LIKE_TAILS.contains(&tail) && english_piece(&run[..e])
    });
    if let Some(e) = english_first {
        return Some([Some(e), None]);
    }
    // A head, English, then a function word: the longest English piece.
    let mut best: Option<(usize, [Option<usize>; 2])> = None;
    for tail in FOREIGN_TAILS {
        let Some(body) = run.strip_suffix(tail) else { continue };
        for h in 2..body.len().saturating_sub(3) {
            // The English piece first: one lookup turns most cuts away.
            if en_count(&body[h..]) >= KNOWN_WORD
                && indonesian_head(&body[..h])
                && english_piece(&body[h..])
                && best.is_none_or(|(len, _)| body.len() - h > len)
            {
                best = Some((body.len() - h, [Some(h), Some(body.len())]));
            }
        }
    }
    if let Some((_, cuts)) = best {
        return Some(cuts);
    }
    // A head, then English to the end.
    (2..n.saturating_sub(4)).find_map(|h| {
        let english = &run[h..];
        (english.len() >= 5 && en_count(english) >= MIN_EN_END_COUNT && indonesian_head(&run[..h]) && english_piece(english))
            .then_some([Some(h), None])
    })
}

/// A single lower-to-upper case change inside the run, with a frequent word
/// on its left and on its right either a capitalised word ("dariAntara") or
/// an acronym, alone or glued to the next word as well: a scraper drops the
/// spaces around a linked or bold acronym ("mitraBMKGmendorong" → "mitra
/// BMKG mendorong", "atletNPCIKabupaten" → "atlet NPCI Kabupaten"). Returns
/// the cut offsets.
fn camel_split(run: &[u8], lower_run: &str) -> Option<Vec<usize>> {
    let changes: Vec<usize> = case_changes(run).collect();
    match changes[..] {
        [] => None,
        [cut] => single_camel_split(run, lower_run, cut).or_else(|| chain_split(run, lower_run, &changes)),
        _ => chain_split(run, lower_run, &changes),
    }
}

/// [`camel_split`] of a run with one case change, at `cut`.
fn single_camel_split(run: &[u8], lower_run: &str, cut: usize) -> Option<Vec<usize>> {
    // The left side is a lower-case or capitalised word.
    if !run[1..cut].iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    // A news brand with a lower-case head ("detikSumut", "kumparanNEWS")
    // stays whole, but a word glued before it ("dilansir|detikSumut") or
    // after it as a name would shed it ("detikJogja|menyebutkan") is cut.
    let word_end = word_before_brand(&lower_run[..cut]);
    if word_end.is_some() || BRAND_HEADS.contains(&&lower_run[..cut]) {
        let one_capital = run.get(cut + 1).is_some_and(u8::is_ascii_lowercase);
        let tail = one_capital.then(|| capitalised_tail_split(&run[cut..], &lower_run[cut..])).flatten().map(|t| cut + t);
        let cuts: Vec<usize> = word_end.into_iter().chain(tail).collect();
        return (!cuts.is_empty()).then_some(cuts);
    }
    // With one change, lower-case letters follow the capitals to the end.
    let capitals = run[cut..].iter().take_while(|b| b.is_ascii_uppercase()).count();
    // A listed company's "Tbk" glued to its name ("IndonesiaTbk").
    if run[cut..] == *LISTED_SUFFIX && cut >= 3 {
        return Some(vec![cut]);
    }
    // A title, a place head or a source verb before a capitalised word
    // begins no brand, so the name after it may be one the counts do not
    // know ("PresidenPrabowo", "KotaDepok", "MengutipEuronews").
    if capitals == 1 && run.len() - cut >= 4 && NAME_HEADS.contains(&&lower_run[..cut]) {
        let tail = (count(&lower_run[cut..]) < KNOWN_WORD).then(|| capitalised_tail_split(&run[cut..], &lower_run[cut..])).flatten();
        return Some(std::iter::once(cut).chain(tail.map(|t| cut + t)).collect());
    }
    if !camel_left_ok(&lower_run[..cut], run[0].is_ascii_uppercase()) {
        return None;
    }
    if capitals == 1 {
        // One capitalised word ("Antara", not "GP" or "TV"): a frequent one,
        // or any after a lower-case word ("meminjamkanJadon", "dariHuffington":
        // 1,248 such runs in the 10 MB of raw id-rss, 6 in the 7 MB of clean
        // IndoSum, all glue), where brands would need a lower-case word the
        // counts know before a capitalised one ("detikNews", [`BRAND_HEADS`]).
        let right_count = count(&lower_run[cut..]);
        // A short capitalised word ("Air", "Gus", "The", "Al") only after a
        // word too common to head a brand ("pesawat|Air", "dari|The").
        let short_right_ok = run[0].is_ascii_lowercase() && (SHORT_LEFT.contains(&&lower_run[..cut]) || count(&lower_run[..cut]) >= COMMON_WORD_COUNT);
        if run.len() - cut < 2 || run.len() - cut < 4 && !short_right_ok || right_count < MIN_CAMEL_COUNT && run[0].is_ascii_uppercase() {
            return None;
        }
        // An unknown name may carry a word glued after it as well
        // ("Indonesiadengan"), cut now as the next pass would.
        let tail = (right_count < KNOWN_WORD).then(|| capitalised_tail_split(&run[cut..], &lower_run[cut..])).flatten();
        return Some(std::iter::once(cut).chain(tail.map(|t| cut + t)).collect());
    }
    let acronym_end = cut + capitals;
    let tail = &lower_run[acronym_end..];
    // Lower-case letters before an acronym that ends the run ("sebuahUMKM"):
    // a brand has a short or unknown word there ("iOS", "eKTP", "myBCA").
    // Acronym and tail as one known word ("JPMorgan") stay together.
    if tail.is_empty() || count(&lower_run[cut..]) >= MIN_CAMEL_COUNT {
        return Some(vec![cut]);
    }
    // The acronym's last capital opens a capitalised word ("NPCIKabupaten").
    if capitals >= 3 && tail.len() >= 3 && count(&lower_run[acronym_end - 1..]) >= MIN_CAMEL_COUNT {
        return Some(vec![cut, acronym_end - 1]);
    }
    // A lower-case word ("BMKGucapkan", "UMKMdi"), not a clitic ("BPJSnya").
    let tail_ok = if tail.len() == 2 { SHORT_LEFT.contains(&tail) } else { tail.len() >= 3 && !BOUND_LAST.contains(&tail) && count(tail) >= MIN_CAMEL_COUNT };
    tail_ok.then(|| vec![cut, acronym_end])
}

/// Where a frequent word (or "di", "ke") ends before a brand's head that
/// ends `left` ("dilansirdetik" → 8).
fn word_before_brand(left: &str) -> Option<usize> {
    BRAND_HEADS.iter().find_map(|head| {
        let word = left.strip_suffix(head)?;
        let frequent = word.len() >= 3 && !BOUND_LAST.contains(&word) && count(word) >= MIN_PIECE_COUNT;
        (SHORT_LEFT.contains(&word) || frequent).then_some(word.len())
    })
}

/// Seen this often in lower case, a word begins no brand: one test of
/// [`plainly_glued`].
const COMMON_WORD_COUNT: u32 = 1000;

/// What Indonesian listed companies write after their name, never glued.
const LISTED_SUFFIX: &[u8] = b"Tbk";

/// Words written before a name that no brand begins with: titles and
/// roles, place heads, and the verbs that name a source ("Mengutip
/// Euronews"). Not "media", "tim" or "grup": "MediaTek", "TimNas".
const NAME_HEADS: &[&str] = &[
    "presiden", "wapres", "menteri", "gubernur", "bupati", "walikota", "ketua", "direktur", "kapolri", "kapolda",
    "kapolres", "kapolsek", "penyanyi", "musisi", "aktor", "aktris", "pelatih", "desainer", "kota", "kabupaten",
    "provinsi", "kecamatan", "kelurahan", "desa", "pulau", "gunung", "sungai", "danau", "bandara", "stadion",
    "mengutip", "melansir", "dilansir", "dikutip", "menurut", "berikut",
];

/// A camel-case run cut first after a lower-case word seen
/// [`COMMON_WORD_COUNT`] times or more ("kepada|Republika", "dengan|Sekda"),
/// or after one of [`NAME_HEADS`] ("Presiden|Prabowo", "dilansir|Antara"), or a name cut
/// from its [`LISTED_SUFFIX`] ("Indonesia|Tbk"): glue even when the
/// article repeats it (a scraper glues every link alike), where a repeated
/// mixed-case word is otherwise a name.
fn plainly_glued(run: &[u8], lower_run: &str, cuts: &[usize]) -> bool {
    let Some(&first) = cuts.first() else { return false };
    if run.ends_with(LISTED_SUFFIX) && cuts == [run.len() - LISTED_SUFFIX.len()] {
        return true;
    }
    let left = &lower_run[..first];
    if !(first >= 3 && run[1..first].iter().all(u8::is_ascii_lowercase)) {
        return false;
    }
    heads_no_name(left, run[0].is_ascii_uppercase())
}

/// Whether the lower-cased word `left`, written before a capitalised word
/// (`capitalised` when it is one itself), begins no brand or name: one of
/// [`NAME_HEADS`] (a title, a place head, a source's verb: "dilansir|Antara"
/// twice in one article), or, written in lower case, a word seen
/// [`COMMON_WORD_COUNT`] times or more ("kepada|Republika") or a verb with
/// an active or passive prefix ("melatih|Inter", "dikutip|Kompas.com"),
/// which brands with a lower-case head do not have ("detikNews").
pub(crate) fn heads_no_name(left: &str, capitalised: bool) -> bool {
    if NAME_HEADS.contains(&left) {
        return true;
    }
    !capitalised
        && !BRAND_HEADS.contains(&left)
        && (count(left) >= COMMON_WORD_COUNT || prefixed_verb(left, MIN_VERB_HEAD) && derived_from_known_stem(left))
}

/// Whether the lower-case `word` opens the camel-case names of news brands
/// ([`BRAND_HEADS`]: "detikNews").
pub(crate) fn is_brand_head(word: &str) -> bool {
    BRAND_HEADS.contains(&word)
}

/// The shortest prefixed verb [`heads_no_name`] takes: "dinas", "media",
/// "teras" are no verbs.
const MIN_VERB_HEAD: usize = 6;

/// Whether the lower-case `word` may stand as a word of its own after a
/// piece cut from it: a frequent word that is no suffix (seen
/// [`MIN_PIECE_COUNT`] times), "di" or "ke", or two or three such words run
/// together ("mengulastanggal"), which the glue split then cuts.
pub(crate) fn stands_as_words(word: &str) -> bool {
    SHORT_LEFT.contains(&word)
        || word.len() >= 3 && !BOUND_LAST.contains(&word) && count(word) >= MIN_PIECE_COUNT
        || word.len() >= MIN_RUN && lower_case_split(word).is_some()
}

/// Whether `left` (lower-cased; `capitalised` when it was written so) may
/// stand left of a camel-case cut: a frequent word (in lower case, any known
/// word of seven letters or more), a longer one when
/// capitalised (brands are built from short capitalised words: "AirAsia",
/// "PayPal", "TikTok"), or "di"/"ke" in lower case ("diPiala").
fn camel_left_ok(left: &str, capitalised: bool) -> bool {
    if left.len() == 2 && !capitalised {
        return SHORT_LEFT.contains(&left);
    }
    if !capitalised && BRAND_HEADS.contains(&left) {
        return false;
    }
    let min_left = if capitalised { MIN_CAPITALISED_LEFT } else { 3 };
    // A long lower-case word seen at all is a word ("meminjamkan").
    left.len() >= min_left && count(left) >= MIN_CAMEL_COUNT || !capitalised && left.len() >= 7 && count(left) >= KNOWN_WORD
}

/// Two or more lower-to-upper case changes, or one that [`single_camel_split`]
/// leaves: a scraper dropped the spaces around several linked names in a row
/// ("seranganIsraelterhadapIrandalam", "PresidenPrabowoSubianto",
/// "IsraeldanIran"). The run falls into segments at the changes; a
/// capitalised segment may shed a tail that never ends a name
/// ([`capitalised_tail_split`]: "Israel|terhadap"; before a capital also
/// [`name_then_conjunction`]). A change is cut where its left side is such a
/// tail, a frequent lower-case first segment of two or more changes
/// ("serangan|Israel…", also before an unknown name or a brand: "dengan|
/// BlackBerry"), or what [`camel_split`] would cut of these two segments
/// alone (a frequent capitalised word before another, or an acronym). Other changes stay
/// joined: "MotoGP", "YouTube" inside such a run are left whole, and a
/// segment that is a known word keeps its tail ("GPdI"). Returns
/// the cut offsets, ascending.
fn chain_split(run: &[u8], lower_run: &str, changes: &[usize]) -> Option<Vec<usize>> {
    let bounds = piece_bounds(changes.iter().copied(), run.len());
    // Each segment's tail cut (absolute offset), when it sheds one.
    let tails: Vec<Option<usize>> = bounds
        .windows(2)
        .map(|w| {
            let (s, e) = (w[0], w[1]);
            let (seg, lower_seg) = (&run[s..e], &lower_run[s..e]);
            // A segment that is a word as a whole keeps it ("CNNIndonesia").
            if !seg[0].is_ascii_uppercase() || count(lower_seg) >= KNOWN_WORD {
                return None;
            }
            capitalised_tail_split(seg, lower_seg).or_else(|| (e < run.len()).then(|| name_then_conjunction(seg, lower_seg)).flatten()).map(|cut| s + cut)
        })
        .collect();
    let mut cuts = Vec::new();
    for i in 1..bounds.len() - 1 {
        let (left_start, at, right_end) = (bounds[i - 1], bounds[i], bounds[i + 1]);
        let left = &run[left_start..at];
        let cut_here = if tails[i - 1].is_some() {
            true
        } else if i == 1 && left[0].is_ascii_lowercase() && changes.len() >= 2 {
            left.iter().all(u8::is_ascii_lowercase) && camel_left_ok(&lower_run[..at], false)
        } else {
            // As for a single change between these two segments (the right
            // one without its tail, as the next pass would see them): a
            // frequent capitalised word before a frequent one or an acronym.
            let end = tails[i].unwrap_or(right_end);
            single_camel_split(&run[left_start..end], &lower_run[left_start..end], at - left_start).is_some_and(|c| c.contains(&(at - left_start)))
        };
        if let Some(tail) = tails[i - 1] {
            cuts.push(tail);
        }
        if cut_here {
            cuts.push(at);
        }
    }
    if let Some(tail) = tails[bounds.len() - 2] {
        cuts.push(tail);
    }
    (!cuts.is_empty()).then_some(cuts)
}

/// A capitalised word glued to "dan", "di" or "ke" with another capital
/// right after ("Israeldan|Iran", "Acehke|Sumut"): names end in these
/// ("Jordan", "Supriadi", "Medan"), so the head must be a frequent word of
/// four letters or more and the whole not a known word ("Ramadan").
/// Returns the cut offset.
fn name_then_conjunction(seg: &[u8], lower_seg: &str) -> Option<usize> {
    if !seg[1..].iter().all(u8::is_ascii_lowercase) || count(lower_seg) >= KNOWN_WORD {
        return None;
    }
    ["dan", "di", "ke"].iter().find_map(|tail| {
        let head = lower_seg.strip_suffix(tail)?;
        (head.len() >= 4 && count(head) >= MIN_CAMEL_COUNT).then_some(head.len())
    })
}

/// Words that never end a name, so that one glued after a capitalised word
/// is glue ("Indonesiayang"). Not "dan", "dari", "ini", "di": names end in
/// them ("Jordan", "Widyadari", "Kartini", "Supriadi").
const TAIL_WORDS: &[&str] = &[
    "yang", "dengan", "pada", "untuk", "telah", "dalam", "akan", "juga", "sudah", "tidak", "bahwa", "karena", "serta", "sebagai",
    "setelah", "seperti", "hingga", "sejak", "kepada", "terhadap", "menjadi", "adalah", "merupakan", "masih", "bisa", "dapat",
    "ketika", "namun", "tetapi", "atau", "melalui",
];

/// Function words that end names too ("Jordan", "Kartini"), cut off a
/// capitalised run only after a common word of five letters or more
/// ("Indonesiadan", "Madriditu"): the names that end in them have rare or
/// short heads.
const NAME_END_TAILS: &[&str] = &["dan", "itu", "ini"];

/// How often the head before a [`NAME_END_TAILS`] word must be seen.
const MIN_COMMON_HEAD_COUNT: u32 = 100;

/// Connectives and adverbs that open Indonesian sentences and begin no
/// name, longest first where one begins another ("sedangkan" is not
/// "sedang"). Not "dari", "pada", "dia", "salah": names begin with them
/// ("Dariyanto", "Padang", "Diana", Mohamed Salah).
const OPENER_HEADS: &[&str] = &[
    "sedangkan", "sementara", "walaupun", "meskipun", "sehingga", "setelah", "sebelum", "menurut", "padahal", "apalagi",
    "selain", "namun", "karena", "bahkan", "dengan", "ketika", "tetapi", "kalau", "meski", "dalam", "untuk", "tidak",
    "hanya", "lebih", "bahwa", "jika", "sebagai", "berdasarkan", "beberapa", "keduanya", "sejumlah", "mereka", "oleh",
    "hingga", "sejak", "setiap", "seluruh", "selama", "kemudian", "akhirnya", "terkait",
];

/// A capitalised run ("Indonesiayang", "Subiantomengumumkan") or one in
/// capitals ("TNIyang") with a word glued after it: one of
/// [`TAIL_WORDS`], or a verb with an active or passive prefix of seven
/// letters or more seen 30+ times, or after capitals any word seen 30+
/// times. The head must be a word seen 20+ times (an acronym needs two
/// capitals), or be anything before a prefixed verb of eight letters or
/// more ("Aldianomengungkapkan"): names built of words ("Purnamasari",
/// "Setiabudi") have no such tail. Returns the cut offset.
fn capitalised_tail_split(run: &[u8], lower_run: &str) -> Option<usize> {
    let capitals = run.iter().take_while(|b| b.is_ascii_uppercase()).count();
    // A sentence's opening connective with the next word glued to it
    // ("Namunmereka", "Selainitu"): no name begins with one of these.
    if capitals == 1 {
        let opener = OPENER_HEADS.iter().find(|&&o| lower_run.len() >= o.len() + 2 && lower_run.starts_with(o));
        if let Some(opener) = opener {
            let tail = &lower_run[opener.len()..];
            let tail_ok = if tail.len() == 2 { SHORT_LEFT.contains(&tail) } else { !BOUND_LAST.contains(&tail) && count(tail) >= MIN_PIECE_COUNT };
            if run[opener.len()..].iter().all(u8::is_ascii_lowercase) && tail_ok {
                return Some(opener.len());
            }
        }
    }
    let (min_head, acronym) = if capitals >= 2 { (capitals, true) } else { (4, false) };
    // After capitals, a function word first ("BRMSini" is "BRMS ini"); the
    // short ones that end names ("dan", "ini") cannot end an acronym.
    if acronym && run[capitals..].iter().all(u8::is_ascii_lowercase) {
        let tail = &lower_run[capitals..];
        if TAIL_WORDS.contains(&tail) || ["ini", "itu", "dan", "dari", "di", "ke"].contains(&tail) {
            return Some(capitals);
        }
    }
    // Then the acronym's last capital may open a capitalised word
    // ("PLNDalam" is "PLN Dalam", not "PLND alam").
    if capitals >= 3 && run.len() - capitals >= 3 && count(&lower_run[capitals - 1..]) >= MIN_CAMEL_COUNT {
        return Some(capitals - 1);
    }
    // Longest tail first: "Subiantomengumumkan", not "Subiantomeng umumkan".
    (min_head..=run.len().saturating_sub(4)).find(|&cut| {
        if acronym && cut != capitals || !run[cut..].iter().all(u8::is_ascii_lowercase) {
            return false;
        }
        let (head, tail) = lower_run.split_at(cut);
        let verb = || prefixed_verb(tail, 7);
        // After an acronym any frequent word but a clitic ("TNIkemarin";
        // "BPJSnya" stays): no name is an acronym with a word after it.
        let word_after_acronym = || acronym && tail.len() >= 3 && !BOUND_LAST.contains(&tail) && count(tail) >= MIN_PIECE_COUNT;
        // A long prefixed verb ends no name, so the head may be a name the
        // counts do not know ("Aldianomenghapus"), unless the head splits
        // itself ("Antarayang|terhadap"): a second pass would split it, so
        // the run is left whole.
        let long_verb = || tail.len() >= 8 && verb() && capitalised_tail_split(&run[..cut], head).is_none();
        // Likewise a function word or prefixed verb that ends no word of
        // the counts ("Daguise|sangat", "Marquez|menarik"; not "yang":
        // "Pyongyang").
        let free_tail = || tail_ends_no_word(tail) && cut_is_unambiguous(lower_run, cut) && capitalised_tail_split(&run[..cut], head).is_none();
        if acronym || count(head) >= MIN_CAMEL_COUNT {
            // A tail that may follow an unknown name may follow a known one.
            TAIL_WORDS.contains(&tail)
                || verb()
                || word_after_acronym()
                || (!acronym && free_tail())
        } else {
            long_verb() || free_tail()
        }
    })
    .or_else(|| {
        // Three-letter tails, which the cuts above do not reach.
        let tail = NAME_END_TAILS.iter().find(|t| lower_run.ends_with(**t))?;
        let cut = run.len() - tail.len();
        let head = &lower_run[..cut];
        (!acronym
            && head.len() >= 5
            && run[cut..].iter().all(u8::is_ascii_lowercase)
            && count(head) >= MIN_COMMON_HEAD_COUNT
            // Not when a longer frequent word ends the run too
            // ("Surabaya|itu" or "Suraba|yaitu"; "Jakarta|kini").
            && !longer_tail_ends_run(lower_run, cut, MIN_PIECE_COUNT))
        .then_some(cut)
    })
}

/// Function words and adverbs that may follow an unknown name glued to it
/// ("Kusnadiselama"), when no word of the counts ends in them
/// ([`tail_ends_no_word`]); five letters or more, as shorter ones end place
/// names ("Tambusai" is not "Tamb usai").
const FREE_TAILS: &[&str] = &[
    "sudah", "masih", "tidak", "belum", "bakal", "kembali", "telah", "sempat", "sedang", "mulai", "lebih", "sangat",
    "tetap", "terus", "segera", "sejak", "selama", "tanpa", "dalam", "untuk", "dengan", "kepada", "terhadap",
    "sebagai", "adalah", "merupakan", "menjadi", "yaitu", "yakni", "serta", "maupun", "namun", "tetapi", "karena", "sehingga",
    "setelah", "sebelum", "sebelumnya", "seperti", "sekitar", "bahwa", "ketika", "mungkin", "memang", "hanya", "akhirnya",
    "kemudian", "katanya", "ujarnya", "bersama", "melalui",
];

/// True when `tail` may be cut off an unknown capitalised run: one of
/// [`FREE_TAILS`] or a verb with an active or passive prefix of six letters
/// or more seen 30+ times, that is not the end of a longer word of the
/// counts other than itself with a prefix ("teruntuk" is ter-untuk; but
/// "bayang" ends in "yang", "Palmerah" could end in "merah"): names are
/// built of such words.
fn tail_ends_no_word(tail: &str) -> bool {
    let listed = FREE_TAILS.contains(&tail);
    (listed || prefixed_verb(tail, 6)) && !word_endings().contains(tail)
}

/// Whether a cut of an unknown name from its tail at `cut` is the only
/// plausible one: no known longer tail a few letters to the left ("Pixar|
/// beserta", not "Pixarbe|serta") and no known head with a frequent tail a
/// few letters to the right ("Surabaya|itu", not "Suraba|yaitu").
fn cut_is_unambiguous(lower_run: &str, cut: usize) -> bool {
    let n = lower_run.len();
    let longer_tail = longer_tail_ends_run(lower_run, cut, KNOWN_WORD);
    let longer_head = (1..=3)
        .filter(|&k| cut + k + 2 <= n)
        .any(|k| count(&lower_run[..cut + k]) >= MIN_CAMEL_COUNT && count(&lower_run[cut + k..]) >= MIN_PIECE_COUNT);
    !(longer_tail || longer_head)
}

/// A word seen `min_count` times or more ends `lower_run` one to three
/// letters left of `cut` ("Surabaya|itu" could be "Suraba|yaitu").
fn longer_tail_ends_run(lower_run: &str, cut: usize, min_count: u32) -> bool {
    (1..=3).filter(|&k| k < cut).any(|k| count(&lower_run[cut - k..]) >= min_count)
}

/// The frequent words (30+, four letters or more) that end a longer known
/// word other than by a prefix: "yang" (bayang), "pada" (daripada), not
/// "untuk" (teruntuk). Built once from the vocabulary.
fn word_endings() -> &'static std::collections::HashSet<&'static str> {
    static ENDINGS: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    ENDINGS.get_or_init(|| {
        let counts = &vocab().counts;
        let mut endings = std::collections::HashSet::new();
        for (&word, &n) in counts.iter() {
            if n < KNOWN_WORD {
                continue;
            }
            for start in 1..word.len().saturating_sub(3) {
                let ending = &word[start..];
                if !PREFIXES.contains(&&word[..start]) && counts.get(ending).is_some_and(|&c| c >= MIN_PIECE_COUNT) {
                    endings.insert(ending);
                }
            }
        }
        endings
    })
}

/// Endings that make a "word.Word" join a domain name ("Kompas.Com"), not
/// a sentence glued to the next.
const DOMAIN_ENDS: &[&str] = &["com", "co", "id", "net", "org", "go", "ac", "or", "tv", "info", "io", "news", "biz", "my", "sg"];

/// A byte that makes a word part of a number, URL, address or code.
fn code_like(b: u8) -> bool {
    b.is_ascii_digit() || matches!(b, b'/' | b'@' | b':' | b'_' | b'\\' | b'=' | b'#')
}

/// The last label of a domain name ("com" in "detik.com"), any case.
fn is_domain_end(word: &[u8]) -> bool {
    DOMAIN_ENDS.iter().any(|d| d.as_bytes().eq_ignore_ascii_case(word))
}

/// The opening quote that may stand glued between a mark and the next word.
const OPENING_QUOTE: &str = "\u{201C}";

/// Where a scraper dropped the space after a comma, a full stop or a colon
/// ([`is_colon_join`]) between two words ("Rusia,Vladimir", "produk.Harga",
/// "dunia:depresi"): the byte offsets just after the punctuation, in order. Clean news has almost none of these (the 3,463
/// IndoSum articles have 5, all real: "ISIS.Alasannya", "2017,antara"), a raw
/// scrape many (3,100 in the 10 MB of id-rss): a comma after a word, an
/// acronym or a number ([`left_ends_a_word`]) before two letters, or a full
/// stop after one before a capitalised word, either maybe after a quote
/// ("galian.“Kita", "terakhir."Saat"). Numbers ("1,5"),
/// URLs, e-mail addresses and domains ("detik.com", "Kompas.Com") are left
/// alone. Only the two words around the mark and the byte on either side of
/// them decide, so a space put back at one join never changes the decision
/// at another: the repair settles in one pass.
pub fn punctuation_joins(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut joins = Vec::new();
    for at in memchr::memchr3_iter(b',', b'.', b':', bytes) {
        if bytes[at] == b':' {
            if is_colon_join(bytes, at) {
                joins.push(at + 1);
            }
            continue;
        }
        let comma = bytes[at] == b',';
        let after = at + 1;
        // Nearly every mark is followed by a space: out first. A quote may
        // stand before the word, and the word after it decides: an opening
        // curly one ("galian.“Kita", "ujarnya,“Kami") takes the space before
        // it; a straight one before it when it opens a quotation (an even
        // number of them before it on the line: "terakhir."Saat bertemu"),
        // after it when it closes one ("kata dia."Saat itu").
        let curly = bytes[after..].starts_with(OPENING_QUOTE.as_bytes());
        let straight = bytes.get(after) == Some(&b'"');
        let quoted = curly || straight;
        let word_at = if curly { after + OPENING_QUOTE.len() } else if straight { after + 1 } else { after };
        if at == 0 || !bytes.get(word_at).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let right_end = letters_end(bytes, word_at);
        let right = &bytes[word_at..right_end];
        // After a comma any word of two letters or more; after a full stop a
        // capitalised word (not an acronym: "Bagle.AT" names a virus), not a
        // domain's end ("Kompas.Com"). English "a" and "I" are words too
        // ("month,a", "News.A", "that.I"), before a space only (initials:
        // "Joseph.F.").
        let one_letter_word = !quoted
            && right.len() == 1
            && bytes.get(right_end) == Some(&b' ')
            && if comma { matches!(right[0], b'a' | b'I') } else { matches!(right[0], b'A' | b'I') };
        let capitalised = right.len() >= 2 && right[0].is_ascii_uppercase() && right[1].is_ascii_lowercase();
        let right_ok = one_letter_word
            || if quoted { capitalised } else { right.len() >= 2 && (comma || capitalised && !is_domain_end(right)) };
        let after_number = !comma && bytes[at - 1].is_ascii_digit();
        if !comma && glued_list_item_at(bytes, at, right) {
            joins.push(after);
            continue;
        }
        if !right_ok || !left_ends_a_word(bytes, at, comma) {
            continue;
        }
        // After the right word: no code, and no full stop that a lower-case
        // letter, a digit or a domain's end follows ("Harga.com",
        // "detik.co.id", "Bungie.Org"); after a number, no full stop at all
        // ("35.Pid.Sus" is a docket number).
        let after_ok = match bytes.get(right_end) {
            None => true,
            Some(b'.') => {
                let next_end = letters_end(bytes, right_end + 1);
                !after_number
                    && !bytes.get(right_end + 1).is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                    && !is_domain_end(&bytes[right_end + 1..next_end])
            }
            Some(_) => !(code_like_at(bytes, right_end) && bytes.get(right_end + 1).is_some_and(u8::is_ascii_alphanumeric)),
        };
        if after_ok {
            let closes = straight && {
                let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |p| p + 1);
                memchr::memchr_iter(b'"', &bytes[line_start..at]).count() % 2 == 1
            };
            joins.push(if closes { after + 1 } else { after });
        }
    }
    joins
}

/// Whether the full stop at `at` ends the number of a list item glued to
/// its first word ("1.PT Bank …", "2.Mobil listrik …"): the number (1 to 99)
/// opens its line, the word after the stop is capitalised or an acronym,
/// and the line before or after opens with the number before or after it
/// ("1.", "3. " …), so that a lone "2.Beta" at a line start stays whole.
fn glued_list_item_at(bytes: &[u8], at: usize, right: &[u8]) -> bool {
    let start = bytes[..at].iter().rposition(|b| !b.is_ascii_digit()).map_or(0, |p| p + 1);
    let digits = at - start;
    if !(1..=2).contains(&digits) || start > 0 && bytes[start - 1] != b'\n' {
        return false;
    }
    if right.len() < 2 || !right[0].is_ascii_uppercase() || bytes.get(at + 1 + right.len()).is_some_and(|&b| b == b'.') {
        return false;
    }
    let number: usize = bytes[start..at].iter().fold(0, |n, &d| n * 10 + usize::from(d - b'0'));
    let line_opens_with = |line_start: usize, n: usize| {
        let n = n.to_string();
        bytes[line_start..].starts_with(n.as_bytes()) && bytes.get(line_start + n.len()) == Some(&b'.')
    };
    let next_line = memchr::memchr(b'\n', &bytes[at..]).map(|p| at + p + 1);
    let previous_line = start.checked_sub(1).map(|nl| memchr::memrchr(b'\n', &bytes[..nl]).map_or(0, |p| p + 1));
    next_line.is_some_and(|l| line_opens_with(l, number + 1))
        || number > 1 && previous_line.is_some_and(|l| line_opens_with(l, number - 1))
}

/// Whether what stands before the mark at `at` ends a word of running text:
/// a word of two letters or more ending in lower case before a comma
/// ("itu,untuk", "Ya,ramalan"), or in two lower-case letters before a full
/// stop ("it.I", "May.The"; an abbreviation there, "Dr.Jonathan", takes
/// the space as well), an acronym ("KPK,yang", "NASA.Proyek"), a number
/// standing alone before a comma ("2017,persaingan") or, of two digits or
/// more, before a full stop ("2016.Dalam"), a percentage ("10%.The"), or a
/// closing bracket or quote ("(33).Sempat", "mental”.Pengacara"). Only this word and the byte
/// before it decide, so a space put back at another join never changes it.
fn left_ends_a_word(bytes: &[u8], at: usize, comma: bool) -> bool {
    let prev = bytes[at - 1];
    let closing_quote = ["”", "’", "»"].iter().any(|q| bytes[..at].ends_with(q.as_bytes()));
    if matches!(prev, b')' | b'"') || closing_quote || prev == b'%' && at >= 2 && bytes[at - 2].is_ascii_digit() {
        return true;
    }
    if !comma && (number_with_unit_ends_at(bytes, at) || acronym_plural_ends_at(bytes, at)) {
        return true;
    }
    if prev.is_ascii_digit() {
        let start = bytes[..at].iter().rposition(|b| !b.is_ascii_digit()).map_or(0, |p| p + 1);
        // A number standing alone: not "Rp1.500" (digits follow anyway),
        // "v2.Beta", "19.30" or "1,2,3" (a digit, letter or mark before it).
        let alone = start.checked_sub(1).is_none_or(|k| matches!(bytes[k], b' ' | b'\n' | b'('));
        return alone && (comma || at - start >= 2);
    }
    if !prev.is_ascii_alphabetic() {
        return false;
    }
    let left_start = letters_start(bytes, at);
    let left = &bytes[left_start..at];
    let acronym = left.len() >= 2 && left.iter().all(u8::is_ascii_uppercase);
    let word_ok = if comma {
        left.len() >= 2 && prev.is_ascii_lowercase() || acronym
    } else {
        // Not a domain's end before a full stop: "ID.Connect" names a product.
        ends_in_lowercase(left, 2) || acronym && !is_domain_end(left)
    };
    // Before the word: no code; a full stop only where the word is not a
    // domain's end ("kompas.com.Saham").
    // After a full stop, with or without the space this pass may put back
    // there (so that the pass settles), a word needs three lower-case
    // letters before a full stop of its own: "PN.Jkt.Pst" is a code.
    let after_stop = left_start.checked_sub(1).is_some_and(|k| bytes[k] == b'.' || bytes[k] == b' ' && k >= 1 && bytes[k - 1] == b'.');
    word_ok
        && (comma || !after_stop || ends_in_lowercase(left, 3))
        && match left_start.checked_sub(1).map(|k| bytes[k]) {
            None => true,
            // Not a domain's end after a full stop ("kompas.com.Saham").
            Some(b'.') => !is_domain_end(left),
            Some(_) => !code_like_at(bytes, left_start - 1),
        }
}

/// A number standing alone with one or two lower-case letters after it (a
/// unit or a decade: "$375m", "£50m", "1990s") ends right before `at`.
fn number_with_unit_ends_at(bytes: &[u8], at: usize) -> bool {
    let letters = bytes[..at].iter().rev().take_while(|b| b.is_ascii_lowercase()).count();
    if !(1..=2).contains(&letters) {
        return false;
    }
    let digits_end = at - letters;
    let digits = bytes[..digits_end].iter().rev().take_while(|b| b.is_ascii_digit()).count();
    let start = digits_end - digits;
    digits >= 1
        && (start == 0 || matches!(bytes[start - 1], b' ' | b'\n' | b'(' | b')' | b'$') || ["£", "€"].iter().any(|c| bytes[..start].ends_with(c.as_bytes())))
}

/// An acronym's plural standing alone ("MPs", "CEOs") ends right before `at`.
fn acronym_plural_ends_at(bytes: &[u8], at: usize) -> bool {
    if at < 3 || bytes[at - 1] != b's' {
        return false;
    }
    let capitals = bytes[..at - 1].iter().rev().take_while(|b| b.is_ascii_uppercase()).count();
    let start = at - 1 - capitals;
    // After ")", "," or ":" too: the bracket and punctuation joins may put
    // a space there, and the decision must not change when they do
    // ("(WiiAiii)LIIs.Mr", "ii,IIIs.Mr"). Not after ".": "files.MPs.Gov"
    // is a dotted name, left whole.
    capitals >= 2 && (start == 0 || matches!(bytes[start - 1], b' ' | b'\n' | b'(' | b')' | b',' | b':'))
}

/// Puts the missing space after each of [`punctuation_joins`]. Returns the
/// new text when something changed, and each join before/after.
pub fn space_after_punctuation(text: &str) -> (Option<String>, Vec<(String, String)>) {
    space_at_joins(text, spacing_joins(text))
}

/// Where a scraper dropped the space around a bracketed abbreviation or
/// date ("Amerika Serikat(AS)Donald Trump", "Senin(24/7)"): offsets of a
/// missing space before "(" or after ")", in order. The brackets must hold
/// a capitalised word or acronym of two letters or more, or a date
/// ("24/7/2025"); before "(" stands a word ending in three lower-case
/// letters or an acronym, after ")" a word of two letters or more. So
/// formulas, code and titles keep their brackets ("f(x)", "Ca(OH)2",
/// "SpA(K)", "push(arguments)", "6(2)"). Each decision reads only the
/// brackets and the word on that side, so spaces put back elsewhere never
/// change it.
pub fn bracket_joins(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut joins = Vec::new();
    for open in memchr::memchr_iter(b'(', bytes) {
        let Some(len) = bytes[open + 1..].iter().take(40).position(|&b| b == b')' || b == b'(' || b != b' ' && b.is_ascii_whitespace()) else {
            continue;
        };
        let close = open + 1 + len;
        if bytes[close] != b')' {
            continue;
        }
        let inside = &bytes[open + 1..close];
        // A name of up to four capitalised words ("(Jawa Barat)dan").
        let words = inside.split(|&b| b == b' ');
        let name = words.clone().count() <= 4
            && words.into_iter().all(|w| w.len() >= 2 && w[0].is_ascii_uppercase() && w.iter().all(u8::is_ascii_alphabetic));
        if !name && (inside.len() > 24 || inside.contains(&b' ')) {
            continue;
        }
        let date = inside.first().is_some_and(u8::is_ascii_digit)
            && inside.contains(&b'/')
            && inside.len() <= 10
            && inside.iter().all(|&b| b.is_ascii_digit() || b == b'/');
        // An age or a gloss in lower case, glued after: only the space after
        // ")" ("JN (37)membunuh", "dana (refund)bagi"), where a formula or
        // code has a letter or digit before "(" ("f(x)", "push(arguments)").
        let age_or_gloss = (inside.len() <= 3 && !inside.is_empty() && inside.iter().all(u8::is_ascii_digit))
            || (inside.len() >= 3 && inside.iter().all(u8::is_ascii_lowercase));
        if !(name || date || age_or_gloss) {
            continue;
        }
        if age_or_gloss && !(name || date) {
            let spaced_before = open.checked_sub(1).is_some_and(|k| bytes[k] == b' ');
            let right_start = close + 1;
            let right_len = bytes[right_start..].iter().take_while(|b| b.is_ascii_lowercase()).count();
            let right_end = right_start + right_len;
            let right_free = bytes.get(right_end).is_none_or(|&b| !(b.is_ascii_alphanumeric() || code_like_at(bytes, right_end) || b >= 0x80));
            if spaced_before && right_len >= 3 && right_free {
                joins.push(right_start);
            }
            continue;
        }
        // The word before "(": running text, not code ("x_foo(Bar)"). Not
        // the byte a full stop's space could change: the pass settles.
        let left_start = letters_start(bytes, open);
        let left = &bytes[left_start..open];
        let left_word = ends_in_lowercase(left, 3)
            || left.len() >= 2 && left.iter().all(u8::is_ascii_uppercase);
        let left_free = left_start.checked_sub(1).is_none_or(|k| !(code_like_at(bytes, k) || bytes[k] >= 0x80));
        if left_word && left_free {
            joins.push(open);
        }
        // The word after ")": two letters or more, then not code.
        let right_start = close + 1;
        let right_end = letters_end(bytes, right_start);
        let right_free = bytes.get(right_end).is_none_or(|&b| !(code_like_at(bytes, right_end) || b >= 0x80));
        if right_end - right_start >= 2 && right_free {
            joins.push(right_start);
        }
    }
    joins
}

/// The offsets of every missing space the spacing pass puts back: after a
/// comma, full stop or colon ([`punctuation_joins`]) and around brackets
/// ([`bracket_joins`]), in order.
pub fn spacing_joins(text: &str) -> Vec<usize> {
    let mut joins = punctuation_joins(text);
    let brackets = bracket_joins(text);
    if !brackets.is_empty() {
        joins.extend(brackets);
        joins.sort_unstable();
        joins.dedup();
    }
    joins
}

/// Where a scraper flattened a numbered list into one line, each number run
/// into the end of the item before ("1. Thailand2. Laos3. Filipina", "1.
/// Makanan siap saji: 5000 paket2. Lauk pauk …"): the offsets of the numbers
/// 2, 3, … (and of a "1" glued to a heading word) that open a line again.
/// Only a list that starts with "1. " at a line start, after a colon or
/// glued to a word is read, and only numbers that follow it in order, each
/// after a letter, a closing bracket or quote or a full stop (not a digit,
/// not a space: "1. A 2. B" is written so), up to the first one missing; the
/// list must reach "3." this way. A name with a number
/// ("Moto2. ", "Flip7. ", "@bepe20.") never stands in such a run.
pub fn list_item_breaks(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut breaks = Vec::new();
    // Lists are found by their "1. " (rare: one search over the text, with a
    // searcher built once), not line by line.
    static LIST_START: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    let list_start = LIST_START.get_or_init(|| memchr::memmem::Finder::new(b"1. "));
    let mut read_to = 0;
    for first in list_start.find_iter(bytes) {
        if first < read_to || !opens_list(bytes, first) {
            continue;
        }
        let line_end = memchr::memchr(b'\n', &bytes[first..]).map_or(bytes.len(), |p| first + p);
        let line = &bytes[..line_end];
        let mut items = Vec::new();
        let mut from = first + 3;
        for k in 2usize.. {
            let number = k.to_string();
            let Some(at) = find_item_number(line, from, number.as_bytes()) else { break };
            if !glued_to_item(line[at - 1]) {
                break;
            }
            items.push(at);
            from = at + number.len() + 2;
        }
        // A heading glued to the "1. " after its colon ("Mereka adalah:1.
        // Ana"); a digit there is a score or a time ("2:1. ").
        let after_glued_colon = first >= 2 && bytes[first - 1] == b':' && bytes[first - 2].is_ascii_alphabetic();
        if items.len() >= 2 {
            // A "1. " glued to a heading ("Direksi1. Rahmad …") starts a
            // line too.
            if first > 0 && bytes[first - 1].is_ascii_alphabetic() || after_glued_colon {
                breaks.push(first);
            }
            breaks.extend(items);
        } else if items.is_empty() && after_glued_colon && bytes[(line_end + 1).min(bytes.len())..].starts_with(b"2. ") {
            // Only the first item is glued; the others have their lines
            // ("Terbaik Dunia:1. Singapore Airlines⏎2. ANA …").
            breaks.push(first);
        }
        read_to = line_end;
    }
    breaks
}

/// The "1. " at `at` opens a list: at a line start, after a colon (and a
/// space), or glued to a heading word ("Direksi1. Rahmad").
fn opens_list(bytes: &[u8], at: usize) -> bool {
    match at.checked_sub(1).map(|k| bytes[k]) {
        None | Some(b'\n' | b':') => true,
        Some(b' ') => at >= 2 && bytes[at - 2] == b':',
        Some(b) => b.is_ascii_alphabetic(),
    }
}

/// The byte before an item's number shows it run into the item before: a
/// letter, a closing bracket or quote, a full stop ("tersebut.2. Objek") or
/// a semicolon ("Ana;2. Budi"); not a digit or a space.
fn glued_to_item(before: u8) -> bool {
    before.is_ascii_alphabetic() || matches!(before, b')' | b'"' | b'\'' | b'.' | b';') || before >= 0x80
}

/// The first "N. " at or after `from` in `line` whose number is not the end
/// of a longer one ("12. " is not "2. ").
fn find_item_number(line: &[u8], from: usize, number: &[u8]) -> Option<usize> {
    let mut at = from;
    while at < line.len() {
        let found = memchr::memmem::find(&line[at..], number)? + at;
        let end = found + number.len();
        if found > 0 && !line[found - 1].is_ascii_digit() && line.get(end) == Some(&b'.') && line.get(end + 1) == Some(&b' ') {
            return Some(found);
        }
        at = found + 1;
    }
    None
}

/// Puts a line break at each of [`list_item_breaks`]. Returns the new text
/// when something changed, and each break before/after.
pub fn break_list_items(text: &str) -> (Option<String>, Vec<(String, String)>) {
    // A break can start a line with a "1. " that opens a list of its own
    // ("…iteTEMPO1. A2. B" inside the items of another): the breaks go in
    // round by round until none is found, as a second run would find them.
    let mut broken: Option<String> = None;
    let mut examples = Vec::new();
    for _ in 0..MAX_LIST_ROUNDS {
        let current = broken.as_deref().unwrap_or(text);
        // The example: from the item before to the next space (the number).
        let (next, round_examples) = insert_at(current, list_item_breaks(current), '\n', |bytes, at| {
            (token_start(bytes, at), bytes[at..].iter().position(|&b| b == b' ').map_or(bytes.len(), |p| at + p))
        });
        let Some(next) = next else { break };
        examples.extend(round_examples);
        broken = Some(next);
    }
    (broken, examples)
}

/// Rounds of [`break_list_items`]; real text needs one.
const MAX_LIST_ROUNDS: usize = 16;

/// Where the run of ASCII letters that ends at `at` starts (`at` itself
/// when the byte before is not a letter).
pub(crate) fn letters_start(bytes: &[u8], at: usize) -> usize {
    bytes[..at].iter().rposition(|b| !b.is_ascii_alphabetic()).map_or(0, |p| p + 1)
}

/// Where the run of ASCII letters that starts at `from` ends.
fn letters_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..].iter().position(|b| !b.is_ascii_alphabetic()).map_or(bytes.len(), |p| from + p)
}

/// Where the whitespace-delimited token holding `at` starts.
fn token_start(bytes: &[u8], at: usize) -> usize {
    bytes[..at].iter().rposition(u8::is_ascii_whitespace).map_or(0, |p| p + 1)
}

/// `text` with `sep` inserted before each offset of `at` (ascending, on char
/// boundaries), or `None` when there is none; and each change as
/// before/after, over the byte range `example_span` gives for the offset.
fn insert_at(
    text: &str,
    at: Vec<usize>,
    sep: char,
    example_span: impl Fn(&[u8], usize) -> (usize, usize),
) -> (Option<String>, Vec<(String, String)>) {
    if at.is_empty() {
        return (None, Vec::new());
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + at.len());
    let mut examples = Vec::with_capacity(at.len());
    let mut copied = 0;
    for at in at {
        let (start, end) = example_span(bytes, at);
        out.push_str(&text[copied..at]);
        out.push(sep);
        copied = at;
        examples.push((text[start..end].to_string(), format!("{}{sep}{}", &text[start..at], &text[at..end])));
    }
    out.push_str(&text[copied..]);
    (Some(out), examples)
}

/// Unit symbols written right after a number ("1.011Mhz", "14.400Mbps").
const UNITS: &[&str] = &["hz", "khz", "mhz", "ghz", "bps", "kbps", "mbps", "gbps", "kwh", "mwh", "gwh", "mah", "whr", "whrs"];

/// Where a flattened table or list ran a number into the next word: a
/// number with thousands groups ("Rp1.051.000Harga emas", "1,250Units") or
/// a year standing alone ("2025Jenis", "(19/6/2024Lebih") right before a
/// capitalised word of four letters or more; the offsets of the capital, in
/// order. Brands and units keep their digits ("4Cast", "1Xtra", "C2Live",
/// "9to5Google", "14.4Mbps"): the number must be grouped or a year, and the
/// word no unit. The stage looks for these only in Indonesian articles that show a
/// scraper's glue: clean IndoSum and BBC News have none.
pub fn number_joins(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut joins = Vec::new();
    let mut i = 1;
    while i < bytes.len() {
        if !(bytes[i].is_ascii_uppercase() && bytes[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let word_end = letters_end(bytes, i);
        let word = &bytes[i..word_end];
        let capitalised = word.len() >= 4 && word[1..].iter().all(u8::is_ascii_lowercase);
        let unit = UNITS.iter().any(|u| u.as_bytes().eq_ignore_ascii_case(word));
        if capitalised && !unit && grouped_number_or_year(&bytes[..i]) {
            joins.push(i);
        }
        i = word_end.max(i + 1);
    }
    joins
}

/// The number that `before` ends in is grouped in thousands ("1.051.000",
/// "12,500") or is a year standing alone ("2025", "/2024").
fn grouped_number_or_year(before: &[u8]) -> bool {
    let digits = before.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    let start = before.len() - digits;
    let sep = start.checked_sub(1).map(|k| before[k]);
    let year = digits == 4
        && (before[start..].starts_with(b"19") || before[start..].starts_with(b"20"))
        && sep.is_none_or(|b| !(b.is_ascii_alphanumeric() || b == b'.' || b == b','));
    let grouped = digits == 3
        && matches!(sep, Some(b'.' | b','))
        && start >= 2
        && before[start - 2].is_ascii_digit();
    year || grouped
}

/// Puts a space at each of [`number_joins`]. Returns the new text when
/// something changed, and each join before/after.
pub fn space_after_numbers(text: &str) -> (Option<String>, Vec<(String, String)>) {
    // The example: the number with the word it freed.
    insert_at(text, number_joins(text), ' ', |bytes, at| {
        (token_start(bytes, at), letters_end(bytes, at))
    })
}

/// URI schemes and chat handles written before a colon ("mailto:ana",
/// "skype:budi"): an address, not a label glued to its text.
const URI_SCHEMES: &[&str] =
    &["http", "https", "ftp", "mailto", "file", "tel", "sms", "skype", "ymsgr", "aim", "irc", "news", "urn", "data", "javascript", "spotify", "steam", "magnet", "git", "ssh"];

/// Whether the colon at `at` lost the space after it between two words ("di
/// seluruh dunia:depresi", "Pilihan editor:Mereka", "tiga token
/// terpopuler:Bitcoin"). The word before ends in three lower-case letters,
/// is no URI scheme or domain end, and stands free: after a space, a line
/// start, a quote, a bracket, or a comma or stop (the spaces the other joins
/// put back go there: the decision does not change with them); not in an
/// address ("wikihow.com/wikiHow:Statistics", "<mailto:ana@…>") or a detik
/// embed marker ("[Gambas:Video]"). The word after has two letters or more
/// and is no file name or domain ("Berkas:Foto.jpg"). Clean text has none of
/// these (0 in the UD Indonesian and English sets, IndoSum and BBC News,
/// whose "CD:UK" and "CSI:NY" keep their colon: capitals before it); the
/// raw id-rss scrape about 60. Times, verses and scores are digits and never
/// match.
fn is_colon_join(bytes: &[u8], at: usize) -> bool {
    let after = at + 1;
    if bytes.get(at) != Some(&b':') || !bytes.get(after).is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let left_start = letters_start(bytes, at);
    let left = &bytes[left_start..at];
    let left_free = left_start.checked_sub(1).is_none_or(|k| matches!(bytes[k], b' ' | b'\n' | b'(' | b')' | b'"' | b',' | b'.'));
    if !ends_in_lowercase(left, 3) || !left_free || is_domain_end(left) || URI_SCHEMES.iter().any(|s| s.as_bytes().eq_ignore_ascii_case(left)) {
        return false;
    }
    let right_end = letters_end(bytes, after);
    right_end - after >= 2
        && match bytes.get(right_end) {
            None => true,
            Some(b'.') => !bytes.get(right_end + 1).is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
            Some(&b) => matches!(b, b' ' | b'\n' | b',' | b';' | b'!' | b'?' | b'(' | b')' | b'"' | b'\'') || b >= 0x80,
        }
}

/// A byte that makes a word part of a number, URL, address or code, unless
/// it is a colon that only lost its space ([`is_colon_join`]).
fn code_like_at(bytes: &[u8], k: usize) -> bool {
    code_like(bytes[k]) && !is_colon_join(bytes, k)
}

/// [`space_after_punctuation`] at joins already found.
pub fn space_at_joins(text: &str, joins: Vec<usize>) -> (Option<String>, Vec<(String, String)>) {
    insert_at(text, joins, ' ', |b, at| {
        // Around a bracket: the whole token ("Serikat(AS)Donald").
        if b[at] == b'(' || b[at - 1] == b')' {
            return (token_start(b, at), b[at..].iter().position(u8::is_ascii_whitespace).map_or(b.len(), |p| at + p));
        }
        // The word before the punctuation mark, the mark, the word after.
        let start = letters_start(b, at - 1);
        let end = letters_end(b, at);
        (start, end)
    })
}

/// True when `text` shows the marks of a scraper that dropped markup between
/// words: a space to put back ([`spacing_joins`]: after a comma, full stop or
/// colon, around brackets), a lower-case word run into a capitalised one
/// that splits into two known words ("dariAntara") or two such capitalised
/// runs ([`has_camel_glue`]), a long glued lower-case run
/// ([`has_long_glued_run`]), or two sentences that open with their first two
/// words run together ([`has_glued_openers`]), or two weak signs of
/// different kinds: one capitalised camel-case run, one shorter lower-case
/// run, one glued opener, one short run of two very common words
/// ("dansaya", [`common_words_cut`]). Clean news almost never has
/// any (15 of the 1,317 held-out IndoSum articles); more than half of the
/// raw id-rss articles do.
/// The lower-case splits, which can also cut a rare real word ("menunggak",
/// "fotokopi"), are made only in such texts (`GlueSplit::Scraped`).
pub fn shows_scrape_glue(text: &str) -> bool {
    shows_scrape_glue_with(text, &spacing_joins(text))
}

/// [`shows_scrape_glue`] with the text's [`spacing_joins`] already found.
pub fn shows_scrape_glue_with(text: &str, joins: &[usize]) -> bool {
    if !joins.is_empty() {
        return true;
    }
    // Each mark below needs two weak signs of its kind (two different
    // runs); one sign of one kind and one of another mark the text as well.
    let signs = camel_glue_signs(text);
    let signs = if signs < MARKED { long_glued_run_signs(text, signs) } else { signs };
    let signs = if signs < MARKED { glued_opener_signs(text, signs) } else { signs };
    // Short runs of two very common words are looked for only beside
    // another sign: most articles have none, and the search reads every
    // word of seven letters.
    signs >= MARKED || signs + 1 == MARKED && has_short_common_glue(text)
}

/// Weak signs of a scraper's glue from which a text is marked: two
/// different glued runs, of one kind (two capitalised camel-case runs, two
/// shorter lower-case runs, two glued sentence openers) or of two kinds.
/// A mark that needs no other (a lower-case word run into a capitalised
/// one, a long lower-case run) counts as this many at once.
const MARKED: usize = 2;

/// True when two different capitalised runs, each written once, open a
/// sentence and are its first word run into the second ("Jumlahpengguna",
/// "Sebuahfoto", [`sentence_opener_cut`]). One such run may be a name the
/// counts do not know that ends like a word; two different ones are a
/// scraper's, as with the lower-case pairs of [`has_long_glued_run`]. It
/// reads every article the other marks leave, so it looks only at the
/// words after a sentence's end.
pub fn has_glued_openers(text: &str) -> bool {
    glued_opener_signs(text, 0) >= MARKED
}

/// [`has_glued_openers`] after `signs` weak signs of other marks
/// ([`MARKED`]): the signs found in all, up to [`MARKED`].
fn glued_opener_signs(text: &str, signs: usize) -> usize {
    let bytes = text.as_bytes();
    let words = ArticleWords { bytes, cuts: &[] };
    let mut first: Option<&[u8]> = None;
    let mut lower = Vec::with_capacity(MAX_RUN);
    let ends = memchr::memchr3_iter(b'.', b'!', b'?', bytes).chain(memchr::memchr_iter(b'\n', bytes));
    for after in std::iter::once(0).chain(ends.map(|at| at + 1)) {
        let start = after + bytes[after..].iter().take_while(|&&b| leads_a_sentence(b)).count();
        let end = letters_end(bytes, start);
        let run = &bytes[start..end];
        if !(MIN_RUN..=MAX_RUN).contains(&run.len()) || !capitalised_word(run) || first == Some(run) || probably_known(run) || !free_standing(bytes, start, end) {
            continue;
        }
        // Written twice, a run is a name.
        if memchr::memmem::find_iter(bytes, run).nth(1).is_some() {
            continue;
        }
        lower.clear();
        lower.extend(run.iter().map(u8::to_ascii_lowercase));
        let lower_run = std::str::from_utf8(&lower).unwrap_or_default();
        let glued = !words.has(lower_run.as_bytes()) && sentence_opener_cut(lower_run).is_some_and(|cut| !words.has(&run[..cut]));
        if !glued {
            continue;
        }
        if first.is_some() || signs + 1 >= MARKED {
            return MARKED;
        }
        first = Some(run);
    }
    signs + usize::from(first.is_some())
}

/// Lower-case runs at least this long that split into words mark a text:
/// clean news has almost none (0 in IndoSum dev), a scrape that dropped
/// the spaces around inline tags many ("kapasitaspenerbangandemi").
const LONG_GLUED_RUN: usize = 15;

/// Two different such runs at least this long mark a text too: two common
/// words glued ("wargasetempat", "baruuntuk") are often shorter than
/// [`LONG_GLUED_RUN`], and one of them alone may be a compound the counts
/// do not know ("kongkalikong"), but two in one article are a scraper's:
/// none in the 1,317 articles of IndoSum dev folds 4-5, which the counts did
/// not read; in the whole of IndoSum dev one, which has "merekadan".
const GLUED_RUN_PAIR: usize = 8;

/// A run this short is a weak sign only when it is two very common words
/// ([`common_words_cut`]: "dansaya", "saatdia", "kaliini"), and is looked
/// for only beside another weak sign ([`has_short_common_glue`]): two such
/// runs alone do not mark a text, which keeps the search off most articles.
const SHORT_GLUED_RUN: usize = 7;

/// Where a short unknown lower-case run falls into two very common words
/// (each seen [`COMMON_WORD_COUNT`] times or more, as a piece of
/// [`two_word_split`] may be): "dan|saya", "saat|dia", "kali|ini". Clean
/// news has no such run of 7 letters (none in IndoSum dev, a word the
/// counts do not know made of two of the commonest words is a form no
/// writer uses), but a scraper's short glue is mostly of such words. Not
/// "di" or "ke" first, which are also prefixes ("diliga", "kerumah"), nor a
/// known stem with affixes.
fn common_words_cut(run: &str) -> Option<usize> {
    debug_assert!(run.len() < GLUED_RUN_PAIR);
    let cut = two_word_split(run)?;
    let (head, tail) = run.split_at(cut);
    (count(head) >= COMMON_WORD_COUNT && count(tail) >= COMMON_WORD_COUNT && !derived_from_known_stem(run)).then_some(cut)
}

/// Whether a free-standing lower-case run of [`SHORT_GLUED_RUN`] letters
/// is two very common words glued ([`common_words_cut`]): a weak sign, as
/// one shorter run of [`has_long_glued_run`] is.
fn has_short_common_glue(text: &str) -> bool {
    let bytes = text.as_bytes();
    for_each_run(bytes, SHORT_GLUED_RUN, lowercase_bits, |start, end| {
        let run = &bytes[start..end];
        // Most runs of this length are words: a cheap look at their ends
        // turns them away before the hash.
        if run.len() != SHORT_GLUED_RUN || !short_word_at_an_end(run) {
            return false;
        }
        let standalone = start.checked_sub(1).is_none_or(|k| !bytes[k].is_ascii_alphabetic())
            && bytes.get(end).is_none_or(|b| !b.is_ascii_alphabetic());
        // Only lower-case ASCII letters: UTF-8 as it is.
        standalone
            && !probably_known(run)
            && free_standing(bytes, start, end)
            && common_words_cut(std::str::from_utf8(run).unwrap_or_default()).is_some()
    })
}

/// The three-letter [`SHORT_WORDS`], three bytes each in a `u32`
/// ([`pack3`]).
const SHORT_WORDS_3: [u32; 10] = {
    let mut packed = [0u32; 10];
    let mut n = 0;
    let mut k = 0;
    while k < SHORT_WORDS.len() {
        let w = SHORT_WORDS[k].as_bytes();
        if w.len() == 3 {
            packed[n] = pack3(w[0], w[1], w[2]);
            n += 1;
        }
        k += 1;
    }
    assert!(n == packed.len());
    packed
};

const fn pack3(a: u8, b: u8, c: u8) -> u32 {
    a as u32 | (b as u32) << 8 | (c as u32) << 16
}

/// Whether a run of [`SHORT_GLUED_RUN`] letters begins or ends with a
/// three-letter word of [`SHORT_WORDS`]: [`two_word_split`] cuts such a
/// run into three letters and four, so one of its pieces is one.
fn short_word_at_an_end(run: &[u8]) -> bool {
    let n = run.len();
    let (head, tail) = (pack3(run[0], run[1], run[2]), pack3(run[n - 3], run[n - 2], run[n - 1]));
    SHORT_WORDS_3.iter().any(|&w| w == head || w == tail)
}

/// True when a free-standing lower-case run of [`LONG_GLUED_RUN`] letters or
/// more, or two different ones of [`GLUED_RUN_PAIR`] letters or more that do
/// not begin with the same word ("radio|aktif", "radio|aktivitas" are one
/// compound's forms), are no known words and split into words
/// ([`lower_case_split`], [`foreign_split`]; a shorter run only as two
/// words, [`two_word_split`]). Every run is found by [`for_each_run`], 64
/// bytes at a time.
pub fn has_long_glued_run(text: &str) -> bool {
    long_glued_run_signs(text, 0) >= MARKED
}

/// [`has_long_glued_run`] after `signs` weak signs of other marks
/// ([`MARKED`]): the signs found in all, up to [`MARKED`].
fn long_glued_run_signs(text: &str, signs: usize) -> usize {
    let bytes = text.as_bytes();
    // The first glued run shorter than LONG_GLUED_RUN, with its first
    // word's length, waiting for another.
    let mut shorter_glue: Option<(&[u8], usize)> = None;
    let words = ArticleWords { bytes, cuts: &[] };
    let glued = |start: usize, end: usize| -> bool {
        let run = &bytes[start..end];
        let standalone = start.checked_sub(1).is_none_or(|k| !bytes[k].is_ascii_alphabetic())
            && bytes.get(end).is_none_or(|b| !b.is_ascii_alphabetic());
        if run.len() > MAX_RUN || !standalone || probably_known(run) || !free_standing(bytes, start, end) {
            return false;
        }
        // Only lower-case ASCII letters: UTF-8 as it is.
        let word = std::str::from_utf8(run).unwrap_or_default();
        if run.len() >= LONG_GLUED_RUN {
            return (lower_case_split(word).is_some() || foreign_split(word).is_some() || article_word_split(word, &words).is_some())
                && !derived_from_known_stem(word);
        }
        // A shorter run counts when it is two frequent words, a function
        // word and a known one, or a frequent word and one the article
        // writes alone: clean text has thousands of unknown runs of this
        // length ("ransomware", "diperkaya"), and these tests turn them away
        // for far less than the full split.
        let Some(first_word) = two_word_split(word)
            .or_else(|| function_word_split(word).and_then(|[cut, _]| cut))
            .or_else(|| article_word_split(word, &words))
        else {
            return false;
        };
        if derived_from_known_stem(word) {
            return false;
        }
        pair_found(&mut shorter_glue, run, first_word, signs)
    };
    if for_each_run(bytes, GLUED_RUN_PAIR, lowercase_bits, glued) {
        return MARKED;
    }
    signs + usize::from(shorter_glue.is_some())
}

/// Whether `run`, a shorter glued run whose first word is `first_word`
/// letters long, makes a pair with the one `waiting` (a different run that
/// does not begin with the same word) or with a weak sign of another mark
/// (`signs`); if neither, it waits.
fn pair_found<'a>(waiting: &mut Option<(&'a [u8], usize)>, run: &'a [u8], first_word: usize, signs: usize) -> bool {
    match *waiting {
        Some((first, first_len)) => first != run && first[..first_len] != run[..first_word],
        None => {
            *waiting = Some((run, first_word));
            signs + 1 >= MARKED
        }
    }
}


/// True when a lower-case letter is followed by an upper-case one inside a
/// run that [`camel_split`] would split ("dariAntara"). Case changes are
/// found eight bytes at a time: this runs on every Indonesian article.
pub fn has_camel_glue(text: &str) -> bool {
    camel_glue_signs(text) >= MARKED
}

/// [`has_camel_glue`] as weak signs ([`MARKED`]): one for a single
/// capitalised camel-case run that splits, [`MARKED`] for a mark.
fn camel_glue_signs(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut lower = Vec::with_capacity(MAX_RUN);
    let mut capitalised_marks: Vec<&[u8]> = Vec::new();
    for (start, k, end) in camel_runs(bytes) {
        let run = &bytes[start..end];
        // The left side in lower case; a capitalised one may be a brand
        // ("PowerVR", "MatahariMall"; "YouTube", "PlayStation" are known
        // words), so two different such runs are needed
        // ("PresidenPrabowo", "EvertonManchester"). Not whether the text
        // uses a run again: a removal later in the stage can change that.
        let lower_left = run[0].is_ascii_lowercase();
        // A capitalised run that is itself a known word ("YouTube") is
        // turned away by the Bloom filter before any split is tried.
        let capitalised = run.len() >= 2 && run[0].is_ascii_uppercase() && run[1].is_ascii_lowercase() && !probably_known(run);
        if (lower_left || capitalised) && run.len() <= MAX_RUN && free_standing(bytes, start, end) {
            lower.clear();
            lower.extend(run.iter().map(u8::to_ascii_lowercase));
            let lower_run = std::str::from_utf8(&lower).unwrap_or_default();
            // A single change marks the text only where the single-change
            // rule cuts it: the chain rules read more of the run, and most
            // clean texts have such runs ("iPhone", "YouTube") to look at.
            let mut changes = case_changes(run);
            let first = changes.next().unwrap_or(k - start);
            let cuts = match changes.next() {
                None => single_camel_split(run, lower_run, first),
                Some(second) => {
                    let all: Vec<usize> = [first, second].into_iter().chain(changes).collect();
                    chain_split(run, lower_run, &all)
                }
            };
            // Written apart elsewhere, a run marks the text alone.
            if capitalised && written_apart(bytes, start, end, cuts.as_deref().unwrap_or_default(), &[]).0.is_some() {
                return MARKED;
            }
            let marks = cuts.is_some();
            // A capitalised run marks the text from its second one: one may
            // still be a brand the counts do not know ("PowerVR",
            // "MatahariMall"); not one that begins with a title or a place
            // head, or ends in "Tbk", which no brand does ("PresidenPrabowo").
            if marks && (lower_left || cuts.is_some_and(|cuts| plainly_glued(run, lower_run, &cuts))) {
                return MARKED;
            }
            if marks && !capitalised_marks.contains(&run) {
                capitalised_marks.push(run);
                if capitalised_marks.len() == MIN_CAPITALISED_MARKS {
                    return MARKED;
                }
            }
        }
    }
    capitalised_marks.len()
}

/// Each run of ASCII letters that holds a lower-case letter followed by an
/// upper-case one, in order and once: its start, that first case change
/// ([`next_case_change`]) and its end.
fn camel_runs(bytes: &[u8]) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let mut from = 1;
    std::iter::from_fn(move || {
        let k = next_case_change(bytes, from)?;
        let start = letters_start(bytes, k);
        let end = letters_end(bytes, k);
        from = end.max(k + 1);
        Some((start, k, end))
    })
}

/// Different capitalised camel-case runs that split into known words from
/// which a text shows a scraper's glue.
const MIN_CAPITALISED_MARKS: usize = 2;

/// The first `k >= from` (and >= 1) where an ASCII lower-case letter is
/// followed by an upper-case one (`bytes[k]`), eight bytes at a time: this
/// runs on every Indonesian article and finds nothing in most.
fn next_case_change(bytes: &[u8], from: usize) -> Option<usize> {
    let load = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap_or([0; 8]));
    // `i` is the index of the lower-case byte.
    let mut i = from.max(1) - 1;
    while i + 9 <= bytes.len() {
        let changes = swar::ascii_within(load(i), b'a', b'z') & swar::ascii_within(load(i + 1), b'A', b'Z');
        if changes != 0 {
            return Some(i + 1 + changes.trailing_zeros() as usize / 8);
        }
        i += 8;
    }
    (i..bytes.len().saturating_sub(1)).find(|&j| bytes[j].is_ascii_lowercase() && bytes[j + 1].is_ascii_uppercase()).map(|j| j + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> String {
        split_glued_words(text).0.unwrap_or_else(|| text.to_string())
    }

    /// [`split`], checking that a second pass changes nothing.
    fn split_settled(text: &str) -> String {
        let once = split(text);
        assert_eq!(split(&once), once, "a second pass changed {text:?}");
        once
    }

    #[test]
    fn a_word_glued_before_a_news_brand_is_cut_and_the_brand_kept() {
        assert_eq!(split_settled("kata Yuni dilansirdetikSumut, Selasa."), "kata Yuni dilansir detikSumut, Selasa.");
        assert_eq!(split_settled("ujarnya kepadakumparanNEWS kemarin"), "ujarnya kepada kumparanNEWS kemarin");
        assert_eq!(split_settled("dibagikan didetikTravel pagi ini"), "dibagikan di detikTravel pagi ini");
        assert_eq!(split_settled("saat dihubungidetikJogjamenyebutkan itu"), "saat dihubungi detikJogja menyebutkan itu");
        // The brand alone, or a piece that is no word before it, stays.
        for text in ["kata detikSumut hari ini", "lihat xqzdetikNews kemarin"] {
            assert_eq!(split_settled(text), text);
        }
    }

    #[test]
    fn a_word_glued_to_a_hyphenated_name_is_cut_when_it_heads_no_name() {
        assert_eq!(
            split_settled("Pasar cemas karena konflikIsrael-Iran yang diatur dalamUndang-Undang itu."),
            "Pasar cemas karena konflik Israel-Iran yang diatur dalam Undang-Undang itu."
        );
        assert_eq!(split_settled("usai pernikahanAl-Ghazali kemarin"), "usai pernikahan Al-Ghazali kemarin");
        // Brands, codes and names keep their hyphenated forms.
        for text in ["unduh iPhone-nya", "kata detikNews-nya", "program eKTP-el", "usai sidang dariKPK-nya", "melawanXyzqw-Iran"] {
            assert_eq!(split_settled(text), text);
        }
    }

    #[test]
    fn lowercase_runs_are_found_as_a_byte_by_byte_search_finds_them() {
        // Runs across 64-byte blocks, at the ends, of every length near the limits.
        let mut texts = vec![String::new(), "a".repeat(64), "a".repeat(200), format!("{}B{}", "a".repeat(63), "b".repeat(9))];
        for shift in 0..70 {
            texts.push(format!("{}{} {}X{}", "Z".repeat(shift), "a".repeat(8 + shift % 9), "c".repeat(70 - shift), "d".repeat(shift % 12)));
        }
        for text in &texts {
            let bytes = text.as_bytes();
            for min_len in [1, 5, 8, 12, 64] {
                let mut expected = Vec::new();
                let mut k = 0;
                while k < bytes.len() {
                    let len = bytes[k..].iter().take_while(|b| b.is_ascii_lowercase()).count();
                    if len >= min_len {
                        expected.push((k, k + len));
                    }
                    k += len.max(1);
                }
                let mut got = Vec::new();
                assert!(!for_each_run(bytes, min_len, lowercase_bits, |s, e| {
                    got.push((s, e));
                    false
                }));
                assert_eq!(got, expected, "{text} {min_len}");
            }
        }
    }

    #[test]
    fn the_known_word_filter_rarely_takes_two_glued_words_for_one() {
        // Two frequent words glued are the runs the filter must let through:
        // each one it takes for a known word is glue left in the text.
        let frequent: Vec<&str> = word_counts(VOCAB).filter(|&(w, c)| c >= 200 && w.len() >= 4).map(|(w, _)| w).take(400).collect();
        assert_eq!(frequent.len(), 400);
        let (mut glued, mut taken) = (0usize, 0usize);
        for left in &frequent {
            for right in &frequent {
                let run = format!("{left}{right}");
                if count(&run) == 0 {
                    glued += 1;
                    taken += usize::from(probably_known(run.as_bytes()));
                }
            }
        }
        // Two bits of 2^19 took about 1 in 100; three of 2^20 about 1 in 2,500.
        assert!(taken * 1000 < glued, "{taken} of {glued} glued runs taken for known words");
    }

    #[test]
    fn an_age_or_a_gloss_in_brackets_gets_its_space_after_and_marks_the_text() {
        let text = "Pelaku berinisial JN (37)membunuh istrinya dan meminta dana (refund)bagi penumpang.";
        assert_eq!(bracket_joins(text).len(), 2);
        assert!(shows_scrape_glue(text));
        // Formulas and code keep their brackets; so does a gloss that ends
        // the text or a number glued to the word before it.
        for clean in ["nilai f(x)dan", "panggil push(arguments)lalu", "kadar Ca(OH)2 naik", "pasal 6(2)huruf", "Pelaku (37) membunuh", "dana (refund)"] {
            assert!(bracket_joins(clean).is_empty(), "{clean}");
        }
    }

    #[test]
    fn a_common_word_glued_to_a_name_is_split_even_when_repeated() {
        // A repeated mixed-case run is a name, unless a word no brand begins
        // with opens it.
        let text = "kata dia kepadaRepublika, Senin. Dia menambahkan kepadaRepublika, pekan lalu.";
        assert_eq!(split(text), "kata dia kepada Republika, Senin. Dia menambahkan kepada Republika, pekan lalu.");
        let brand = "aplikasi OnlinePajak dan OnlinePajak lagi";
        assert_eq!(split(brand), brand);
    }

    #[test]
    fn a_title_place_head_or_source_verb_loses_the_name_glued_to_it() {
        for (glued, spaced) in [
            ("kata PresidenPrabowo kemarin", "kata Presiden Prabowo kemarin"),
            ("warga KotaDepok mengeluh", "warga Kota Depok mengeluh"),
            ("MengutipEuronews, harga naik", "Mengutip Euronews, harga naik"),
            ("PT Bank Rakyat IndonesiaTbk dan PT Astra InternationalTbk", "PT Bank Rakyat Indonesia Tbk dan PT Astra International Tbk"),
            // Repeated: still glue after such a word.
            ("PresidenPrabowo datang. PresidenPrabowo pulang.", "Presiden Prabowo datang. Presiden Prabowo pulang."),
            ("kata Basiro, dilansirAntara. Ia ditanya, dilansirAntara.", "kata Basiro, dilansir Antara. Ia ditanya, dilansir Antara."),
        ] {
            assert_eq!(split(glued), spaced);
        }
        // Brands built on other capitalised words stay whole.
        for brand in ["chip MediaTek baru", "aplikasi TimNas", "ponsel TikTok"] {
            assert_eq!(split(brand), brand);
        }
    }

    #[test]
    fn a_name_of_several_words_in_brackets_gets_its_spaces() {
        assert_eq!(space_after_punctuation("Jadwal Imsakiyah Bandung (Jawa Barat)dan sekitarnya").0.as_deref(), Some("Jadwal Imsakiyah Bandung (Jawa Barat) dan sekitarnya"));
        assert_eq!(space_after_punctuation("warga Kupang(Nusa Tenggara Timur) hadir").0.as_deref(), Some("warga Kupang (Nusa Tenggara Timur) hadir"));
        // Not a name: lower-case words, five words, or a line break inside.
        for clean in ["nilai (a b)dan", "kata (Satu Dua Tiga Empat Lima)dan", "kata (Jawa\nBarat)dan"] {
            assert!(bracket_joins(clean).is_empty(), "{clean}");
        }
    }

    #[test]
    fn a_common_word_loses_a_glued_conjunction_that_ends_names_too() {
        assert_eq!(capitalised_tail_split(b"Indonesiadan", "indonesiadan"), Some(9));
        for run in ["Jordan", "Kartini", "Suryadi"] {
            assert_eq!(capitalised_tail_split(run.as_bytes(), &run.to_ascii_lowercase()), None, "{run}");
        }
    }

    #[test]
    fn an_opening_connective_loses_the_word_glued_to_it() {
        assert_eq!(capitalised_tail_split(b"Namunmereka", "namunmereka"), Some(5));
        assert_eq!(capitalised_tail_split(b"Selainitu", "selainitu"), Some(6));
        assert_eq!(capitalised_tail_split(b"Sedangkanpemerintah", "sedangkanpemerintah"), Some(9));
        assert_eq!(capitalised_tail_split(b"Sebagaisalah", "sebagaisalah"), Some(7));
        assert_eq!(capitalised_tail_split(b"Bahkandi", "bahkandi"), Some(6));
        // Not before a clitic, an unknown tail, or in a name that merely
        // begins like one.
        for run in ["Dalamnya", "Untukxyzq", "Padangpanjang", "Dariyanto"] {
            assert_eq!(capitalised_tail_split(run.as_bytes(), &run.to_ascii_lowercase()), None, "{run}");
        }
    }

    #[test]
    fn a_long_lower_case_run_that_splits_into_words_marks_a_text() {
        assert!(has_long_glued_run("Ia ingin merayakanpernikahanmereka di desa."));
        // At the very end, too.
        assert!(has_long_glued_run("ujar Dicky saat dikonfirmasidetikcom."));
        // Long real words, short glue, and runs inside a capitalised word stay unmarked.
        for clean in ["pertanggungjawaban keuangan negara", "ia dengangaya lama", "Mempertanggungjawabkanmu"] {
            assert!(!has_long_glued_run(clean), "{clean}");
        }
        // Shorter glued runs: one alone (or the same twice) does not mark a
        // text, two different ones do.
        assert!(!has_long_glued_run("Kata wargasetempat kemarin."));
        assert!(!has_long_glued_run("Kata wargasetempat dan wargasetempat lagi."));
        assert!(has_long_glued_run("Kata wargasetempat juga anggotadewan kemarin."));
        // Two of eight or nine letters, anywhere in the text.
        assert!(has_long_glued_run("Ia membeli kakibisa, lalu baruuntuk dia."));
        assert!(has_long_glued_run(&format!("{}kakibisa {}baruuntuk", "x ".repeat(29), "y ".repeat(31))));
        // Two forms of one compound the counts do not know are not two glued runs.
        assert!(!has_long_glued_run("Zat radioaktif itu melepas radioaktivitas tinggi."));
    }

    #[test]
    fn two_different_capitalised_glued_runs_mark_a_text() {
        // One capitalised camel-case run may be a brand the counts do not
        // know; two different ones, or one used twice, are a scraper's.
        assert!(!has_camel_glue("Gerai MatahariMall dibuka hari ini."));
        assert!(!has_camel_glue("Gerai MatahariMall dibuka, kata MatahariMall dalam rilisnya."));
        assert!(has_camel_glue("Kata PresidenPrabowo kepada KetuaKomnas di istana."));
        // A lower-case left side alone, as before.
        assert!(has_camel_glue("Ia bertemu dariAntara di kantor."));
        // A title or a place head alone, and a glued "Tbk".
        assert!(has_camel_glue("Dukungan dari PresidenPrabowo Subianto."));
        assert!(has_camel_glue("Saham PT Bank Rakyat IndonesiaTbk naik."));
    }

    #[test]
    fn an_english_term_glued_between_indonesian_words_is_split_out() {
        // After a head and before a function word, before a function word,
        // and at the end after a head.
        assert_eq!(split("Paket itu dariproviderdalam negeri."), "Paket itu dari provider dalam negeri.");
        assert_eq!(split("Pola eatingitu sehat."), "Pola eating itu sehat.");
        assert_eq!(split("Ponsel itu memilikisense baru."), "Ponsel itu memiliki sense baru.");
        // Capitalised, as at a sentence start.
        assert_eq!(split("Karenanatureini berubah."), "Karena nature ini berubah.");
        // Indonesian words made with affixes are not English plus a tail
        // ("didoakan" = di-doa-kan), and a short head is as often the start
        // of an English word ("pol" of "policing").
        for text in ["Ia didoakan warga.", "Pelatihan policingatau tidak.", "Kata bilamana dipakai."] {
            let out = split(text);
            assert!(!out.contains("dido ") && !out.contains("pol icing"), "{out}");
        }
        // The pieces are left whole by a second pass.
        for text in ["dariproviderdalam", "eatingitu", "memilikisense", "Karenanatureini"] {
            let once = split(text);
            assert_eq!(split(&once), once);
        }
    }

    #[test]
    fn a_camel_case_run_inside_a_longer_one_is_counted_apart() {
        // "siaPerdana" is a substring of "IndonesiaPerdana" but a run of its
        // own once: both are split in one pass, and a second finds nothing.
        let text = "pada IndonesiaPerdana Menteri dan kata siaPerdana itu.";
        let once = split(text);
        assert_eq!(once, "pada Indonesia Perdana Menteri dan kata sia Perdana itu.");
        assert!(split_glued_words(&once).0.is_none(), "{once}");
        // A camel-case run used twice is a name, wherever it stands.
        let name = "Aplikasi OnlinePajak dan akun @OnlinePajak aktif.";
        assert_eq!(split(name), name);
    }

    #[test]
    fn camel_glue_is_found_at_every_offset_of_the_eight_and_sixty_four_byte_blocks() {
        for pad in 0..140 {
            let glued = format!("{} dikutip dariAntara kemarin", "a ".repeat(pad / 2) + &"b".repeat(pad % 2));
            assert!(has_camel_glue(&glued), "{glued}");
            let brand = format!("{} akun YouTube dan iPhone", "a ".repeat(pad / 2) + &"b".repeat(pad % 2));
            assert!(!has_camel_glue(&brand), "{brand}");
        }
        assert!(!has_camel_glue("") && !has_camel_glue("a") && !has_camel_glue("aB"));
    }

    #[test]
    fn missing_spaces_go_back_in_one_pass() {
        for text in ["kata jeur.Reuters,aKasm lalu", "harga aa,Bb.Cc naik", "lihat berita.Index,Harga ya", "di www.kompas.com.Saham,Harga", "KO MPAS.Zoo.A m", "ker.Mei.Menn. ya"] {
            let once = space_after_punctuation(text).0.unwrap_or_else(|| text.to_string());
            assert_eq!(space_after_punctuation(&once).0, None, "{text} -> {once}");
        }
        assert_eq!(space_after_punctuation("kata jeur.Reuters,aKasm").0.as_deref(), Some("kata jeur. Reuters, aKasm"));
    }

    #[test]
    fn a_space_goes_back_after_a_number_an_acronym_or_a_short_word() {
        let spaced = |t: &str| space_after_punctuation(t).0.unwrap_or_else(|| t.to_string());
        assert_eq!(spaced("pada 2017,persaingan ketat"), "pada 2017, persaingan ketat");
        assert_eq!(spaced("grow in 2004,but slowly"), "grow in 2004, but slowly");
        assert_eq!(spaced("roket dari NASA.Proyek ini"), "roket dari NASA. Proyek ini");
        assert_eq!(spaced("broke US.The court"), "broke US. The court");
        assert_eq!(spaced("Ya,ramalan itu"), "Ya, ramalan itu");
        assert_eq!(spaced("siaran TV,Kamis lalu"), "siaran TV, Kamis lalu");
        assert_eq!(spaced("cacat “mental”.Pengacara itu"), "cacat “mental”. Pengacara itu");
        assert_eq!(spaced("this month,a court said it.I think"), "this month, a court said it. I think");
        assert_eq!(spaced("told BBC News.A resale on 13 May.The rise of 10%.The US"), "told BBC News. A resale on 13 May. The rise of 10%. The US");
        assert_eq!(spaced("savings of $375m.As part of it, in the 1990s.Mr Blair told MPs.The vote"), "savings of $375m. As part of it, in the 1990s. Mr Blair told MPs. The vote");
        for text in ["rose 3.5m.The", "build v2s.Beta", "files.MPs.Gov"] {
            assert_eq!(spaced(text), text);
        }
        assert_eq!(spaced("Jendral Joseph.F. Durfort"), "Jendral Joseph.F. Durfort");
        assert_eq!(spaced("perkara 2018/PN.Jkt.Pst kemarin"), "perkara 2018/PN.Jkt.Pst kemarin");
        // Around brackets: abbreviations and dates, not formulas or code.
        assert_eq!(spaced("Presiden Amerika Serikat(AS)Donald Trump"), "Presiden Amerika Serikat (AS) Donald Trump");
        assert_eq!(spaced("kata BUMN(RBB) pada Senin(24/7)sore"), "kata BUMN (RBB) pada Senin (24/7) sore");
        for text in ["nilai f(x) dan Ca(OH)2", "dokter SpA(K) itu", "fungsi push(arguments)", "skor 6(2) lalu", "obj_call(Foo)", "(Polr)i"] {
            assert_eq!(spaced(text), text);
        }
        // Numbers, codes, lists and domains stay.
        for text in ["naik 1,5 persen", "angka 1,2,3,dan", "kode A1,b2 dan x2,yy", "situs ASP.Net dan BBC.Com", "acara ID.Connect dan TV.Show", "tanda 12,5kg", "H.M.Soeharto", "v2,beta"] {
            assert_eq!(spaced(text), text);
        }
    }

    #[test]
    fn a_space_goes_back_after_a_colon_between_words() {
        let spaced = |t: &str| space_after_punctuation(t).0.unwrap_or_else(|| t.to_string());
        assert_eq!(spaced("orang di seluruh dunia:depresi."), "orang di seluruh dunia: depresi.");
        assert_eq!(spaced("Pilihan editor:Mereka Menolak"), "Pilihan editor: Mereka Menolak");
        assert_eq!(spaced("token terpopuler:Bitcoin(BTC), Pepe"), "token terpopuler: Bitcoin (BTC), Pepe");
        // The comma or stop beside the word, read as code while the colon
        // had no space, gets its space in the same pass.
        assert_eq!(spaced("kata itu,dunia:depresi.Kemudian ia"), "kata itu, dunia: depresi. Kemudian ia");
        // Addresses, schemes, markers, names in capitals, times and files stay.
        for text in [
            "tulis ke mailto:ana dan skype:budi",
            "lihat wikihow.com/wikiHow:Statistics ya",
            "[Gambas:Video 20detik]",
            "acara CD:UK dan CSI:NY",
            "pukul 10:30 WIB, skor 2:1, Yohanes 3:16",
            "gambar Berkas:Foto.jpg di sini",
            "kunci nilai:xy=1 dan std::vector",
            "situs kompas.com:Jakarta",
        ] {
            assert_eq!(spaced(text), text);
        }
        assert!(shows_scrape_glue("di seluruh dunia:depresi."));
    }

    #[test]
    fn a_grouped_number_or_a_year_run_into_the_next_word_comes_apart() {
        let spaced = |t: &str| space_after_numbers(t).0.unwrap_or_else(|| t.to_string());
        assert_eq!(spaced("1 gram: Rp1.051.000Harga emas 2 gram"), "1 gram: Rp1.051.000 Harga emas 2 gram");
        assert_eq!(spaced("Anggaran 2025Jenis Bantuan, Kamis (19/6/2024Lebih lanjut"), "Anggaran 2025 Jenis Bantuan, Kamis (19/6/2024 Lebih lanjut");
        assert_eq!(spaced("sold 1,250Units today"), "sold 1,250 Units today");
        // Brands, units, short words and other numbers keep their digits.
        for text in ["radio 1Xtra dan 4Cast", "C2Live, GTC4Lusso, 9to5Google", "cepat 1.011Mhz dan 14.400Mbps", "kode 12345Abcd", "versi 2.2025Beta", "tahun 2025AB", "Rp1.500Rb"] {
            assert_eq!(spaced(text), text);
        }
        let once = spaced("Rp1.051.000Harga dan 2025Jenis");
        assert_eq!(space_after_numbers(&once).0, None);
    }

    #[test]
    fn a_list_item_number_glued_to_its_first_word_gets_its_space() {
        let text = "Berikut daftarnya:\n1.PT Bank Rakyat Indonesia Tbk (BBRI): Rp 524 miliar\n2.PT Aneka Tambang Tbk\n4.PT Bukan urutan";
        let (spaced, _) = space_after_punctuation(text);
        assert_eq!(
            spaced.as_deref(),
            Some("Berikut daftarnya:\n1. PT Bank Rakyat Indonesia Tbk (BBRI): Rp 524 miliar\n2. PT Aneka Tambang Tbk\n4.PT Bukan urutan")
        );
        // A lone numbered line, a dotted code and a number inside a line stay whole.
        for whole in ["Versi\n2.Beta dirilis", "Nomor\n1.PT.2024\n2.PT.2025", "skor 1.PT dan\n2.PT"] {
            let (spaced, _) = space_after_punctuation(whole);
            assert_eq!(spaced.as_deref(), None, "{whole}");
        }
    }

    #[test]
    fn a_numbered_list_run_into_one_line_gets_its_lines_back() {
        let broken = |t: &str| break_list_items(t).0.unwrap_or_else(|| t.to_string());
        assert_eq!(broken("1. Thailand2. Laos3. Filipina"), "1. Thailand\n2. Laos\n3. Filipina");
        assert_eq!(
            broken("Berikut rinciannya:\n1. Makanan: 5000 paket2. Tenda (besar)3. Selimut: 600 lembar4. Beras"),
            "Berikut rinciannya:\n1. Makanan: 5000 paket\n2. Tenda (besar)\n3. Selimut: 600 lembar\n4. Beras"
        );
        assert_eq!(broken("Negara itu: 1. Thailand2. Laos3. Filipina"), "Negara itu: 1. Thailand\n2. Laos\n3. Filipina");
        assert_eq!(broken("Direksi1. Rahmad - Direktur Utama2. Dwi - Direktur3. Wono"), "Direksi\n1. Rahmad - Direktur Utama\n2. Dwi - Direktur\n3. Wono");
        assert_eq!(broken("1. Punya akun di situs itu.2. Objek dijual apa adanya.3. Bayar"), "1. Punya akun di situs itu.\n2. Objek dijual apa adanya.\n3. Bayar");
        // Stops at the first number out of order, or written with its space.
        assert_eq!(broken("1. Ana2. Budi3. Citra 4. Dodi5. Eko"), "1. Ana\n2. Budi\n3. Citra 4. Dodi5. Eko");
        for text in [
            "1. Thailand 2. Laos 3. Filipina",
            "1. Thailand2. Laos",
            "Balapan Moto2. Moto3. Lalu 1. Ana",
            "1. Harga naik 12. Turun 2.5 persen",
            "Juara 1. Marc Marquez2. Alex Marquez3. Pecco",
        ] {
            assert_eq!(broken(text), text, "{text}");
        }
        // Items ended by semicolons, the first glued to its heading's colon.
        assert_eq!(broken("Mereka adalah:1. Ana, guru;2. Budi, dosen;3. Citra."), "Mereka adalah:\n1. Ana, guru;\n2. Budi, dosen;\n3. Citra.");
        // Only the first item glued: the others have their lines already.
        assert_eq!(broken("Maskapai Terbaik:1. Garuda\n2. Lion\n3. Citilink"), "Maskapai Terbaik:\n1. Garuda\n2. Lion\n3. Citilink");
        for text in ["Skor akhir 2:1. Tim tamu pulang.\n2. Laga berikutnya", "Maskapai Terbaik:1. Garuda\nLion menyusul."] {
            assert_eq!(broken(text), text, "{text}");
        }
        for text in ["1. Thailand2. Laos3. Filipina", "Direksi1. Rahmad2. Dwi3. Wono", "Mereka adalah:1. Ana;2. Budi;3. Citra."] {
            assert_eq!(break_list_items(&broken(text)).0, None, "{text}");
        }
    }

    #[test]
    fn marks_of_a_scraper() {
        assert!(shows_scrape_glue("kata Presiden Rusia,Vladimir Putin"));
        assert!(shows_scrape_glue("harga produk.Harga emas"));
        assert!(!shows_scrape_glue("Harga naik 1,5 persen, kata Kompas.com. Presiden tiba."));
    }

    #[test]
    fn a_name_the_article_writes_alone_sheds_the_word_glued_to_it() {
        // "Krisdayanti" and "dan" stand alone elsewhere in the article.
        let text = "Krisdayanti tampil. Penyanyi Titi DJ, Krisdayantidan Agnes hadir dan bernyanyi.";
        assert_eq!(split(text), "Krisdayanti tampil. Penyanyi Titi DJ, Krisdayanti dan Agnes hadir dan bernyanyi.");
        // A name the article repeats alone sheds a common word that does
        // not stand alone ("kini"); a name written alone once does not.
        let repeated = "Hamilton menang. Kata Hamilton, mobil kencang. Hamiltonkini memimpin.";
        assert_eq!(split(repeated), "Hamilton menang. Kata Hamilton, mobil kencang. Hamilton kini memimpin.");
        let once = "Hamilton menang. Mobil itu kencang. Hamiltonkini memimpin.";
        assert_eq!(split(once), once);
        // Without the name alone the run may be one name ("Widyadari").
        assert_eq!(split("Penyanyi Titi DJ, Krisdayantidan Agnes hadir dan bernyanyi."), "Penyanyi Titi DJ, Krisdayantidan Agnes hadir dan bernyanyi.");
        // At a sentence's start two common words the article writes in lower
        // case; not inside a sentence, where a capital marks a name.
        let opener = "Ini salah satu pilihan. Salahsatu kendala adalah biaya.";
        assert_eq!(split(opener), "Ini salah satu pilihan. Salah satu kendala adalah biaya.");
        let inside = "Ini salah satu pilihan dari Salahsatu kendala.";
        assert_eq!(split(inside), inside);
        // Two very common words need no evidence at a sentence's start;
        // inside one, the capital may mark a name.
        let common = "Menurut Emil, tim masih lemah. Diaakan terus membenahi tim.";
        assert_eq!(split(common), "Menurut Emil, tim masih lemah. Dia akan terus membenahi tim.");
        let inside = "Menurut Emil, tim Diaakan terus membenahi tim.";
        assert_eq!(split(inside), inside);
        // A place head before a word: "Kotabaru" is a regency.
        let place = "Kota itu baru dibangun. Kotabaru ramai.";
        assert_eq!(split(place), place);
        // Used twice, a run is a name ("Sukamaju"), whatever the article writes alone.
        let twice = "Suka maju. Sukamaju ramai. Warga Sukamaju senang.";
        assert_eq!(split(twice), twice);
        // The evidence may be a piece of another glued run, and the run a
        // piece itself: one pass does what a second would.
        let pieces = "Di tengah konflikIran yang panas, Irandan Israel saling serang dan mengancam. Messi tampil di final, kataMessidi stadion.";
        assert_eq!(split_settled(pieces), "Di tengah konflik Iran yang panas, Iran dan Israel saling serang dan mengancam. Messi tampil di final, kata Messi di stadion.");
    }

    #[test]
    fn a_function_word_comes_off_a_rarer_known_word() {
        assert_eq!(split("rumah yangdimilikinya dijual"), "rumah yang dimilikinya dijual");
        assert_eq!(split("terjadi bencanadi daerah itu"), "terjadi bencana di daerah itu");
        // Words that end in a function word stay: a real word the counts do
        // not know, a misspelt one, a short stem with affixes.
        for text in ["ia sembahyang di masjid", "ia mencatakan hasilnya", "bahwasannya begitu"] {
            assert_eq!(split(text), text);
        }
    }

    #[test]
    fn a_lower_case_run_splits_into_a_frequent_word_and_one_the_article_writes_alone() {
        // "pemutihan" and "kripto" are not in the counts; the article has them.
        let text = "Program pemutihan ini berlaku. Warga ikut programpemutihan dan beli asetkripto. Harga kripto turun.";
        assert_eq!(split(text), "Program pemutihan ini berlaku. Warga ikut program pemutihan dan beli aset kripto. Harga kripto turun.");
        // A long one marks the text on its own.
        assert!(has_long_glued_run("Program pemutihan ini berlaku. Warga ikut programpemutihan itu."));
        // Not without the word alone, not when the article writes the run
        // alone twice (a word of its own), not on a piece under five letters.
        for text in [
            "Warga ikut programpemutihan dan beli asetkripto lagi.",
            "Program pemutihan berlaku. Ada programpemutihan dan programpemutihan lagi, dan asetkripto.",
            "Lantai ubin retak. Dia membeli rumahubin dan asetkripto.",
        ] {
            assert_eq!(split(text), text);
        }
        // A combining form is no word alone ("astrofisika").
        let text = "Ia belajar fisika, astronomi, dan astrofisika di kampus itu, lalu programpemutihan.";
        assert_eq!(split(text), text);
    }

    #[test]
    fn a_common_word_comes_off_a_short_acronym() {
        assert_eq!(split("Ia diperiksa diKPK, lalu pulang dariAS olehPT itu."), "Ia diperiksa di KPK, lalu pulang dari AS oleh PT itu.");
        // Brands and rare heads stay.
        for text in ["Data eKTP dan iOS di myBCA.", "Kata xyzDPR dan xyzKpk itu.", "Ia membeli iPhone di eBay."] {
            assert_eq!(split(text), text);
        }
    }

    #[test]
    fn a_common_word_comes_off_a_short_capitalised_word() {
        // Runs too short for the camel-case scan ("diIran"), and short
        // capitalised words after a common one ("dari|The", "atau|Gus").
        assert_eq!(split("Laga digelar diIran, bukan diJawa."), "Laga digelar di Iran, bukan di Jawa.");
        assert_eq!(split("Kutipan dariThe Guardian itu dibantah atauGus Ipul."), "Kutipan dari The Guardian itu dibantah atau Gus Ipul.");
        // Brands keep a short or unknown head: "iPad", "xyzAir".
        for text in ["Ia memakai iPad dan eSIM.", "Maskapai xyzAir terbang."] {
            assert_eq!(split(text), text);
        }
    }

    #[test]
    fn a_function_word_comes_off_two_glued_words() {
        assert_eq!(split_settled("tercatat ribuankendaraandi Jakarta"), "tercatat ribuan kendaraan di Jakarta");
    }

    #[test]
    fn capitalised_words_the_article_writes_apart_come_apart() {
        let text = "Gol Real Madrid dicetak. Pemain RealMadrid senang.";
        assert_eq!(split(text), "Gol Real Madrid dicetak. Pemain Real Madrid senang.");
        assert!(shows_scrape_glue(text));
        // Not written apart: a brand or a name the counts cannot vouch for.
        let brand = "Kata JokoWidodo kemarin, dan Joko menyetujui.";
        assert_eq!(split(brand), brand);
        assert!(!shows_scrape_glue(brand));
        // The run's own tail cut ends its last word ("Bandung|berhasil"),
        // and a cut in this pass frees the pair ("gabungan|Polrestabes").
        let tailed = "Polisi dari Polrestabes Bandung datang. Tim PolrestabesBandungberhasil menangkap.";
        assert_eq!(split(tailed), "Polisi dari Polrestabes Bandung datang. Tim Polrestabes Bandung berhasil menangkap.");
        // Written in lower case only where this pass cuts it, a run is no
        // word (the fuzzer's "harganaik" beside "Harganaik").
        let cut_here = "Kabar itu.\nHarganaik lagi. Lalu harganaik. Baca harga kini.";
        assert_eq!(split_settled(cut_here), "Kabar itu.\nHarga naik lagi. Lalu harga naik. Baca harga kini.");
        // A pair cut apart in one run in this pass is apart for the others
        // (the property test's "korbanTikusAdapun" beside "TikusAdapun").
        let elsewhere = "TikusAdapun kedua korbanTikusAdapun kedua korban TikusAdapun kedua korban";
        assert_eq!(split_settled(elsewhere), "Tikus Adapun kedua korban Tikus Adapun kedua korban Tikus Adapun kedua korban");
        let freed = "Tim gabunganPolrestabes Bandung datang. Tim PolrestabesBandung menangkap.";
        assert_eq!(split_settled(freed), "Tim gabungan Polrestabes Bandung datang. Tim Polrestabes Bandung menangkap.");
    }

    #[test]
    fn glued_words_come_apart() {
        assert_eq!(split("biaya pembiayaanterhadap usaha"), "biaya pembiayaan terhadap usaha");
        assert_eq!(split("dikutip dariAntara, Senin"), "dikutip dari Antara, Senin");
        assert_eq!(split("kata PresidenPrabowo kemarin"), "kata Presiden Prabowo kemarin");
        // An acronym that lost its spaces: alone, before a word, before a name.
        assert_eq!(split("sebagai mitraBMKGmendorong riset"), "sebagai mitra BMKG mendorong riset");
        assert_eq!(split("pelaku sebuahUMKMdi bidang kuliner"), "pelaku sebuah UMKM di bidang kuliner");
        assert_eq!(split("peran teknologi dalamAI kini"), "peran teknologi dalam AI kini");
        assert_eq!(split("para atletNPCIKabupaten Bogor"), "para atlet NPCI Kabupaten Bogor");
        // A word that never ends a name, glued after a known word or an acronym.
        assert_eq!(split("warga Indonesiayang tinggal"), "warga Indonesia yang tinggal");
        assert_eq!(split("prajurit TNIyang bertugas"), "prajurit TNI yang bertugas");
        assert_eq!(split("menurut TNIkemarin sore"), "menurut TNI kemarin sore");
        assert_eq!(split("Komisaris PLNDalam rapat"), "Komisaris PLN Dalam rapat");
        assert_eq!(split("harga saham BRMSini naik"), "harga saham BRMS ini naik");
        assert_eq!(split("Presiden Prabowo Subiantomengumumkan kabinet"), "Presiden Prabowo Subianto mengumumkan kabinet");
        // A long prefixed verb after a name the counts do not know.
        assert_eq!(split("penyanyi Vidi Aldianomengungkapkan alasannya"), "penyanyi Vidi Aldiano mengungkapkan alasannya");
        // Several names glued in a row; brands inside such a run stay whole.
        assert_eq!(split("dengan seranganIsraelterhadapIrandalam waktu"), "dengan serangan Israel terhadap Iran dalam waktu");
        assert_eq!(split("kata PresidenPrabowoSubianto kemarin"), "kata Presiden Prabowo Subianto kemarin");
        assert_eq!(split("fitur denganBlackBerryPassport lama"), "fitur dengan BlackBerryPassport lama");
        assert_eq!(split("para penontonMotoGPyang hadir"), "para penonton MotoGP yang hadir");
        assert_eq!(split("konflik IsraeldanIran memanas"), "konflik Israel dan Iran memanas");
        assert_eq!(split("tidak mau meminjamkanJadon Sancho"), "tidak mau meminjamkan Jadon Sancho");
        assert_eq!(split("dikutip dariHuffington Post"), "dikutip dari Huffington Post");
        assert_eq!(split("bersama denganIndonesiadengan"), "bersama dengan Indonesia dengan");
        // An unknown name before a function word or verb that ends no word.
        assert_eq!(split("keberadaan Kusnadiselama dua hari"), "keberadaan Kusnadi selama dua hari");
        assert_eq!(split("dan Marquezmenarik perhatian"), "dan Marquez menarik perhatian");
        for text in ["kawasan Palmerah dan Tegalluar", "kota Pyongyang", "stadion Valdebebas", "Kecamatan Tambusai Utara", "film Pixarbeserta", "kota Surabayaitu"] {
            assert_eq!(split(text), text);
        }
        assert_eq!(split("kata detikNews dan detikOto"), "kata detikNews dan detikOto");
        assert_eq!(split("dikutip dariberitadanCNNIndonesia kemarin"), "dikutip dariberitadanCNNIndonesia kemarin");
        assert_eq!(split("lagu RamadanKu dan MedanKu"), "lagu RamadanKu dan MedanKu");
        // One pass settles it (found by the property below): the head of a
        // long verb may not split again.
        let once = split("kata Antarayangterhadap itu");
        assert_eq!(split(&once), once);
    }

    #[test]
    fn real_words_names_and_addresses_stay() {
        for text in [
            "kerja sama antarnegara dan pascapanen",
            "kebersamaannya terlihat",
            "Purnamasari dan Kacaribu hadir",
            "Lempuyang, Pyongyang, Widyadari, Kartini, Jordan dan Supriadi",
            "pura Batuyang dan lagi pura Batuyang",
            "baca di detiknews.com atau email redaksi@kompasnews.id",
            "tagar #pembiayaanterhadap dan @dariantara",
            "kode ABC123pembiayaanterhadap",
            "AirAsia, YouTube, iPhone, McDonald, MotoGP",
            "layanan eKTP, aplikasi myBCA, iOS, kWh, mAh dan mRNA",
            "kartu BPJSnya hilang dan kartuBPJSnya juga",
        ] {
            assert_eq!(split(text), text);
        }
    }

    #[test]
    fn a_lowercase_cut_that_frees_a_capitalised_run_settles_in_one_call() {
        // Once "kala itu" stands alone, "Kalaitu" opening the next line is
        // those two words: the same call cuts it.
        let once = split_glued_words("kalaitu\nKalaitu").0.unwrap();
        assert_eq!(split_glued_words(&once).0, None, "{once}");
    }

    #[test]
    fn three_pieces_never_split_a_known_word() {
        let (_, runs) = split_glued_words("ketika matahariterjadi gerhana");
        assert!(runs.iter().all(|(_, after)| !after.contains("mata hari")), "{runs:?}");
    }

    #[test]
    fn each_repair_names_the_run_and_its_split() {
        let (_, examples) = split_glued_words("ia berkatabahwa semua dariAntara");
        assert_eq!(
            examples,
            vec![("berkatabahwa".to_string(), "berkata bahwa".to_string()), ("dariAntara".to_string(), "dari Antara".to_string())]
        );
    }

    #[test]
    fn sentence_openers_are_read_as_lower_case_runs() {
        assert_eq!(split("Kami sudah tahu. Jumlahpengguna internet di Indonesia terus naik."), "Kami sudah tahu. Jumlah pengguna internet di Indonesia terus naik.");
        // Not inside a sentence, not an English word, not after a place
        // head, not a name's head the article writes alone, not before a
        // name's usual end.
        for text in [
            "Data dari Jumlahpengguna itu naik.",
            "Kami membaca. Islamabad itu ramai.",
            "Warga datang. Kotabaru ramai sekali.",
            "Hamilton menang. Mobil itu kencang.\nHamiltonkini memimpin.",
            "Ia datang. Purnamasari dan Kacaribu hadir.",
        ] {
            assert_eq!(split(text), text);
        }
    }

    #[test]
    fn two_glued_sentence_openers_mark_a_text() {
        let one = "Kami tahu. Jumlahpengguna naik.";
        assert!(!has_glued_openers(one), "one run may be a name");
        assert!(has_glued_openers(&format!("{one} Mereka datang. Sebuahfoto beredar.")));
        // The same run twice is one mark, and a run written twice is a name.
        assert!(!has_glued_openers(&format!("{one} Lalu naik. Jumlahpengguna lagi.")));
        // Not inside a sentence, not a name's head the article writes alone.
        assert!(!has_glued_openers("Kami tahu Jumlahpengguna naik. Data Sebuahfoto beredar."));
        assert!(!has_glued_openers("Hamilton menang. Hamiltonkini memimpin. Mereka datang. Sebuahfoto beredar."));
    }

    #[test]
    fn weak_signs_of_two_kinds_mark_a_text() {
        // One capitalised camel-case run (a brand?), one shorter lower-case
        // run (a compound the counts miss?), one glued sentence opener (a
        // name?): each alone leaves a text unmarked ...
        let camel = "Gerai MatahariMall dibuka pagi ini.";
        let lower = "Para wargasetempat datang.";
        let opener = "Kami tahu. Jumlahpengguna naik.";
        for one in [camel, lower, opener] {
            assert!(!shows_scrape_glue(one), "{one}");
        }
        // ... one of one kind and one of another mark it.
        for (a, b) in [(camel, lower), (lower, opener), (camel, opener)] {
            assert!(shows_scrape_glue(&format!("{a} {b}")), "{a} {b}");
        }
    }

    #[test]
    fn two_very_common_words_in_seven_letters_are_a_weak_sign() {
        assert_eq!(common_words_cut("dansaya"), Some(3));
        assert_eq!(common_words_cut("kaliini"), Some(4));
        assert_eq!(common_words_cut("saatdia"), Some(4));
        // A rarer word ("adil"), a known stem with a suffix ("taka|kan"),
        // "di" that may be a prefix, a piece no word.
        for run in ["adildan", "takakan", "dirumah", "danxyzq"] {
            assert_eq!(common_words_cut(run), None, "{run}");
        }
        // The cheap look at the ends lets through every run the cut takes.
        for run in ["dansaya", "kaliini", "saatdia", "inibisa", "itubisa", "apakata"] {
            assert!(common_words_cut(run).is_none() || short_word_at_an_end(run.as_bytes()), "{run}");
        }
        assert!(!short_word_at_an_end(b"membuat") && !short_word_at_an_end(b"negeria"));
        // Beside another sign such a run marks a text; alone, or beside a
        // real word, not.
        let lower = "Para wargasetempat datang.";
        assert!(!shows_scrape_glue("Ia pulang dansaya pergi."));
        assert!(shows_scrape_glue(&format!("{lower} Ia pulang dansaya pergi.")));
        assert!(!shows_scrape_glue(&format!("{lower} Ia memakai pakaian adat.")));
        // Not inside a URL or beside a digit.
        assert!(!shows_scrape_glue(&format!("{lower} Lihat situs/dansaya atau 5dansaya.")));
    }

    #[test]
    fn a_very_common_word_and_a_known_one_are_cut_in_a_marked_article() {
        // Either way round: the rarer piece need only be known.
        assert_eq!(common_and_known_split("mulaimenirukan"), Some(5));
        assert_eq!(common_and_known_split("dirujukuntuk"), Some(7));
        assert_eq!(common_and_known_split("merekabenci"), Some(6));
        // Not a place head and its word ("kota|madya"), not a combining
        // form ("makro|ekonomi"), not two rarer words, not a short or
        // unknown piece, not a clitic.
        for run in ["kotamadya", "makroekonomi", "pluittanda", "katatim", "merekaxyzq", "rumahnya"] {
            assert_eq!(common_and_known_split(run), None, "{run}");
        }
        // In an article with a scraper's marks the run is cut; in clean
        // text the gate keeps it.
        let marks = "Kata wargasetempat juga anggotadewan kemarin.";
        let (out, _) = split_glued_words(&format!("{marks} Ia mulaimenirukan gaya itu."));
        assert!(out.is_some_and(|t| t.contains("mulai menirukan")));
        assert!(!shows_scrape_glue("Ia mulaimenirukan gaya itu."));
        // A word such a cut frees is the article's word for another run in
        // the same pass ("weekend|selama" frees "weekend" for "weekend|
        // terdekat"), so a second pass changes nothing.
        let text = format!("{marks} Libur weekendselama tiga hari. Pilih weekendterdekat saja.");
        let once = split_glued_words(&text).0.unwrap_or_default();
        assert!(once.contains("weekend selama") && once.contains("weekend terdekat"), "{once}");
        assert_eq!(split_glued_words(&once).0, None);
    }

    #[test]
    fn the_preposition_di_glued_to_a_frequent_word_that_is_no_verb_stem() {
        assert_eq!(preposition_split("dikawasan"), Some(2));
        assert_eq!(preposition_split("dipartai"), Some(2));
        // A verb's stem ("bangun": "dibangun", "membangun"; "makan":
        // "memakan"), a rarer word ("versi": "diversi" is a word), a short
        // rest, no "di".
        for run in ["dibangun", "dimakan", "diversi", "diam", "kekawasan"] {
            assert_eq!(preposition_split(run), None, "{run}");
        }
        assert!(has_active_form("bangun") && has_active_form("pakai") && !has_active_form("kawasan"));
        let marks = "Kata wargasetempat juga anggotadewan kemarin.";
        let (out, _) = split_glued_words(&format!("{marks} Mereka tinggal dikawasan itu."));
        assert!(out.is_some_and(|t| t.contains("tinggal di kawasan")));
    }

    #[test]
    fn letter_runs_match_a_plain_scan() {
        let text = "a bc, Déf ghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789[`{@ xy\u{0}z ".repeat(3) + "end";
        let bytes = text.as_bytes();
        let mut plain = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i].is_ascii_alphabetic() {
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
                plain.push((start, i));
            } else {
                i += 1;
            }
        }
        assert_eq!(letter_runs(bytes, 1), plain);
        plain.retain(|(s, e)| e - s >= 3);
        assert_eq!(letter_runs(bytes, 3), plain);
        for b in 0..=255u8 {
            assert_eq!(class_mask(&[b], letter_bits) == 1, b.is_ascii_alphabetic(), "byte {b}");
        }
    }

    #[test]
    fn splitting_twice_changes_nothing_more() {
        let once = split("ia berkatabahwa harga emas naik dariAntara");
        assert_eq!(split(&once), once);
    }

    proptest::proptest! {
        #[test]
        fn splits_only_insert_spaces_and_settle(text in "([a-zA-Z]{1,14}[ .,@/\\-]?|pembiayaan|terhadap|dari|Antara|yang|é|TNI|BPJS|PLN|Dalam|dengan|mengatakan|Indonesia|Kabupaten|di|ini|nya){0,20}", any in proptest::prelude::any::<String>()) {
            for t in [text, any] {
                let once = split(&t);
                proptest::prop_assert_eq!(once.replace(' ', ""), t.replace(' ', ""));
                proptest::prop_assert_eq!(split(&once), once.clone());
            }
        }

        #[test]
        fn long_glued_runs_are_found_as_a_byte_by_byte_search_finds_them(words in proptest::collection::vec(proptest::sample::select(vec![
            "merayakan", "pernikahan", "mereka", "dikonfirmasi", "detikcom", "pertanggungjawaban", "di", "pemerintah", "daerah", "dengan", " ", " ", ".", "A", "é", "1",
        ]), 0..24)) {
            let text: String = words.concat();
            let bytes = text.as_bytes();
            let mut expected = false;
            // Each shorter glued run's first word.
            let mut shorter: Vec<&str> = Vec::new();
            let mut start: usize = 0;
            while start < bytes.len() {
                let end = start + bytes[start..].iter().take_while(|b| b.is_ascii_lowercase()).count();
                if end > start {
                    let standalone = start.checked_sub(1).is_none_or(|k| !bytes[k].is_ascii_alphabetic())
                        && bytes.get(end).is_none_or(|b| !b.is_ascii_alphabetic());
                    let run = &text[start..end];
                    if run.len() >= GLUED_RUN_PAIR && run.len() <= MAX_RUN && standalone && free_standing(bytes, start, end) && !probably_known(run.as_bytes())
                        && !derived_from_known_stem(run) {
                        let words = ArticleWords { bytes, cuts: &[] };
                        if run.len() >= LONG_GLUED_RUN {
                            expected |= lower_case_split(run).is_some() || foreign_split(run).is_some() || article_word_split(run, &words).is_some();
                        } else if let Some(first_word) = two_word_split(run)
                            .or_else(|| function_word_split(run).and_then(|[cut, _]| cut))
                            .or_else(|| article_word_split(run, &words))
                        {
                            if !shorter.contains(&&run[..first_word]) {
                                shorter.push(&run[..first_word]);
                            }
                        }
                    }
                    start = end;
                } else {
                    start += 1;
                }
            }
            proptest::prop_assert_eq!(has_long_glued_run(&text), expected || shorter.len() >= 2, "{}", text);
        }

        #[test]
        fn missing_spaces_only_insert_spaces_and_settle(text in "([a-zA-Z]{1,6}|[0-9]{1,4}|NASA|ID|US|MPs|Ya|com|dunia|mailto|\\(AS\\)|\\(24/7\\)|[ .,()\"@/:;\n$£-]|::|“|”){0,24}") {
            let once = space_after_punctuation(&text).0.unwrap_or_else(|| text.clone());
            proptest::prop_assert_eq!(once.replace(' ', ""), text.replace(' ', ""));
            proptest::prop_assert_eq!(space_after_punctuation(&once).0, None, "{} -> {}", text, once);
        }
    }
}

