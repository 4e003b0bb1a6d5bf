//! `cargo xtask eval noise`: does warta generalise beyond the seed article?
//!
//! Clean articles (IndoSum dev folds 4–5, held out from every lexicon built
//! on IndoSum; BBC News 2005 for English) get the seed's kinds of scrape
//! noise injected by code, each injection recorded with its ground truth:
//! the title repeated in the body, one fragment injected several times, a
//! "Baca juga: …" line, full stops inserted mid-sentence (four kinds), split
//! Indonesian prefixes, the space dropped after a comma or full stop
//! ("Rusia,Vladimir"), glued Indonesian words ("kerjayang", "dariAntara"; also
//! in articles marked by one punctuation join, since by default warta splits
//! glued words only where it sees such marks), curly quotes, varied dashes,
//! non-breaking spaces, zero-width characters, HTML entities and doubled
//! spaces.
//!
//! The release `warta` binary runs once on the clean articles and once per
//! noise kind (one kind per run, so that the archive-level near-duplicate
//! detection never sees two copies of an article), plus a `mixed` run with
//! every kind at once (but the marked glue: there the mixed run's own
//! punctuation join is the mark). Each injection is then judged on the
//! output text:
//! - a replacement (a stop, a quote, a space…) is *restored* when the
//!   output holds the clean words around it and not the noisy ones, *partly*
//!   repaired when the noisy words are gone but the clean ones are not there
//!   either (a stop taken out before a word left capitalised), *left*
//!   otherwise; *n/a* when the clean run itself changed those words;
//! - an inserted line or fragment is *removed* when the output holds no more
//!   copies of it than the clean run's output.
//!
//! It also reports the edits of each kind the clean run made on clean text
//! (per MB, with examples), the edits in noisy articles that no injection
//! explains (collateral), and whether the noisy article's final text equals
//! the clean article's final text (exact match, and a character similarity
//! 1 − indel distance / total length, before and after the pipeline).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};

use crate::{release_binary, root, run_cmd};

/// Articles per language unless `--articles` says otherwise.
const DEFAULT_ARTICLES: usize = 300;
const DEFAULT_SEED: u64 = 0x5EED;

// ---------------------------------------------------------------- randomness

/// splitmix64: small, fast, and the same numbers on every machine.
pub struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n` (`0` when `n == 0`).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn range(&mut self, lo: usize, hi_inclusive: usize) -> usize {
        lo + self.below(hi_inclusive + 1 - lo)
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// FNV-1a of `s` mixed with `seed`: a per-article, per-kind random stream
/// that does not depend on the order articles are read in.
fn stream_seed(seed: u64, parts: &[&str]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for part in parts {
        for &b in part.as_bytes().iter().chain(std::iter::once(&0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

// ------------------------------------------------------------------ language

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    Id,
    En,
}

impl Lang {
    fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }
    fn name(self) -> &'static str {
        match self {
            Lang::Id => "Indonesian (IndoSum dev folds 4-5)",
            Lang::En => "English (BBC News 2005)",
        }
    }
    /// Words that cannot end a sentence: a stop after one is surely spurious.
    fn function_words(self) -> &'static [&'static str] {
        match self {
            Lang::Id => &[
                "dengan", "di", "ke", "dari", "yang", "dan", "untuk", "pada", "bahwa", "dalam", "oleh", "atau", "para", "akan", "sebagai",
                "karena", "serta", "bagi", "terhadap", "antara", "tentang", "kepada", "seperti",
            ],
            Lang::En => &[
                "the", "a", "an", "of", "to", "with", "and", "in", "for", "on", "that", "by", "from", "at", "as", "or", "into", "about",
                "than", "their", "its",
            ],
        }
    }
    /// Promo lines a scraper leaves in a body, repeated.
    fn promo_lines(self) -> &'static [&'static str] {
        match self {
            Lang::Id => &[
                "Simak berita terbaru lainnya di Google News.",
                "Dapatkan update berita pilihan dan breaking news setiap hari.",
                "Jangan lewatkan berita menarik lainnya hanya di sini.",
                "Ikuti kami di Instagram dan TikTok untuk informasi terkini.",
            ],
            Lang::En => &[
                "Follow us on Twitter for the latest news.",
                "Sign up for our daily newsletter to get the top stories.",
                "Share this article with your friends.",
                "Click here to subscribe and never miss a story.",
            ],
        }
    }
    /// Labels of a "read also" line pointing at another article.
    fn read_also_labels(self) -> &'static [&'static str] {
        match self {
            Lang::Id => &["Baca juga:", "Baca Juga:", "BACA JUGA:", "Baca juga :"],
            Lang::En => &["Read more:", "Also read:", "READ MORE:", "Related:"],
        }
    }
}

// ---------------------------------------------------------------- noise kinds

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    TitleRepeat,
    RepeatedFragment,
    ReadAlsoLine,
    StopAfterFunctionWord,
    StopBeforeLowercase,
    StopBeforeCapitalised,
    StopBeforeName,
    SplitPrefix,
    PunctuationGlue,
    GluedWords,
    /// Glued words in an article that also has one punctuation join, the
    /// scraper's mark that the default glue splitting waits for.
    GluedWordsMarked,
    /// A name or an acronym glued to the word after it, or an acronym to
    /// the word before ("Indonesiayang", "TNIyang", "dariAFP"), in an
    /// article with the scraper's mark.
    GluedNames,
    CurlyQuotes,
    Dashes,
    NonBreakingSpaces,
    ZeroWidth,
    HtmlEntities,
    DoubledSpaces,
    /// Every paragraph filled into lines of a fixed width, as plain-text
    /// archives and e-mail store text.
    HardWrap,
}

pub const KINDS: [Kind; 19] = [
    Kind::TitleRepeat,
    Kind::RepeatedFragment,
    Kind::ReadAlsoLine,
    Kind::StopAfterFunctionWord,
    Kind::StopBeforeLowercase,
    Kind::StopBeforeCapitalised,
    Kind::StopBeforeName,
    Kind::SplitPrefix,
    Kind::PunctuationGlue,
    Kind::GluedWords,
    Kind::GluedWordsMarked,
    Kind::GluedNames,
    Kind::CurlyQuotes,
    Kind::Dashes,
    Kind::NonBreakingSpaces,
    Kind::ZeroWidth,
    Kind::HtmlEntities,
    Kind::DoubledSpaces,
    Kind::HardWrap,
];

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::TitleRepeat => "title_repeat",
            Kind::RepeatedFragment => "repeated_fragment",
            Kind::ReadAlsoLine => "read_also_line",
            Kind::StopAfterFunctionWord => "stop_after_function_word",
            Kind::StopBeforeLowercase => "stop_before_lowercase",
            Kind::StopBeforeCapitalised => "stop_capitalising_next",
            Kind::StopBeforeName => "stop_before_name",
            Kind::SplitPrefix => "split_prefix",
            Kind::PunctuationGlue => "punctuation_glue",
            Kind::GluedWords => "glued_words",
            Kind::GluedWordsMarked => "glued_words_marked",
            Kind::GluedNames => "glued_names",
            Kind::CurlyQuotes => "curly_quotes",
            Kind::Dashes => "dashes",
            Kind::NonBreakingSpaces => "nbsp_and_thin_spaces",
            Kind::ZeroWidth => "zero_width",
            Kind::HtmlEntities => "html_entities",
            Kind::DoubledSpaces => "doubled_spaces",
            Kind::HardWrap => "hard_wrap",
        }
    }

    fn applies_to(self, lang: Lang) -> bool {
        lang == Lang::Id || !matches!(self, Kind::SplitPrefix | Kind::GluedWords | Kind::GluedWordsMarked | Kind::GluedNames)
    }

    /// Part of the `mixed` run: every kind but the marked glue, which the
    /// mixed run's own punctuation join already makes, and the glued names
    /// (added later; left out so that `mixed` stays comparable).
    fn in_mixed(self) -> bool {
        !matches!(self, Kind::GluedWordsMarked | Kind::GluedNames | Kind::HardWrap)
    }

    /// The removal reasons, repair kinds and edit counters of warta's output
    /// that repair this kind of noise.
    fn output_names(self) -> &'static [&'static str] {
        match self {
            Kind::TitleRepeat => &["title_repeat"],
            Kind::RepeatedFragment => &["repeated_sentence", "spun_fragment", "boilerplate_sentence"],
            Kind::ReadAlsoLine => &["boilerplate:baca_juga", "boilerplate:read_more", "boilerplate:related"],
            Kind::StopAfterFunctionWord | Kind::StopBeforeLowercase | Kind::StopBeforeCapitalised | Kind::StopBeforeName => {
                &["spurious_full_stop"]
            }
            Kind::SplitPrefix => &["split_prefix_joined"],
            Kind::PunctuationGlue => &["missing_space_inserted"],
            Kind::GluedWords | Kind::GluedWordsMarked | Kind::GluedNames => &["glued_words_split"],
            Kind::CurlyQuotes | Kind::Dashes => &["typography"],
            Kind::NonBreakingSpaces => &["space_normalized"],
            Kind::ZeroWidth => &["invisible_removed"],
            Kind::HtmlEntities => &["entity"],
            Kind::DoubledSpaces => &["whitespace_collapsed"],
            Kind::HardWrap => &["line_unwrapped"],
        }
    }
}

// ---------------------------------------------------------- the injections

/// How an injection is judged on the output text.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// Words of the clean text were changed: `clean` (occurring once in the
    /// clean text) became `noisy` (occurring nowhere in it). `core` is the
    /// smallest noisy window (one word either side), to recognise warta's
    /// repair records of this spot.
    Replaced { clean: String, noisy: String, core: String },
    /// `marker` was inserted `copies` times.
    Inserted { marker: String, copies: usize },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Injection {
    pub kind: Kind,
    /// A finer label (which prefix, which character, where the title went).
    pub detail: &'static str,
    pub check: Check,
}

/// One change to the clean text: `del` bytes at `at` replaced by `ins`.
#[derive(Debug, Clone)]
struct Edit {
    at: usize,
    del: usize,
    ins: String,
}

/// The changes planned for one article. Each injection reserves the byte
/// range it is judged on, so no two injections ever touch the same words.
pub struct Plan<'t> {
    clean: &'t str,
    edits: Vec<Edit>,
    reserved: Vec<(usize, usize)>,
    pub injections: Vec<Injection>,
}

impl<'t> Plan<'t> {
    pub fn new(clean: &'t str) -> Self {
        Plan { clean, edits: Vec::new(), reserved: Vec::new(), injections: Vec::new() }
    }

    fn free(&self, start: usize, end: usize) -> bool {
        self.reserved.iter().all(|&(s, e)| end < s || e < start)
    }

    /// Replaces `del` bytes at `at` by `ins`, judged on the words around it.
    /// False (and nothing done) when the spot is taken or its words are not
    /// unique enough to judge.
    fn replace(&mut self, kind: Kind, detail: &'static str, at: usize, del: usize, ins: &str) -> bool {
        let text = self.clean;
        let Some(core) = window(text, at, at + del, 1) else { return false };
        let noisy_of = |(a, b): (usize, usize)| format!("{}{}{}", &text[a..at], ins, &text[at + del..b]);
        let core_noisy = noisy_of(core);
        for words in 1..=4 {
            let Some((a, b)) = window(text, at, at + del, words) else { return false };
            if !self.free(a, b) {
                return false;
            }
            let clean = &text[a..b];
            let noisy = noisy_of((a, b));
            if text.matches(clean).count() == 1 && !text.contains(noisy.as_str()) && clean != noisy {
                self.edits.push(Edit { at, del, ins: ins.to_string() });
                self.reserved.push((a, b));
                let check = Check::Replaced { clean: clean.to_string(), noisy, core: core_noisy };
                self.injections.push(Injection { kind, detail, check });
                return true;
            }
        }
        false
    }

    /// Inserts `copies` copies of `marker`, one at each of `places` (each
    /// a position and the exact string to insert there). False when a place
    /// is taken.
    fn insert(&mut self, kind: Kind, detail: &'static str, marker: &str, places: &[(usize, String)]) -> bool {
        if marker.trim().is_empty() || places.iter().any(|&(at, _)| !self.free(at, at)) {
            return false;
        }
        for (at, ins) in places {
            self.edits.push(Edit { at: *at, del: 0, ins: ins.clone() });
            self.reserved.push((*at, *at));
        }
        let check = Check::Inserted { marker: marker.to_string(), copies: places.len() };
        self.injections.push(Injection { kind, detail, check });
        true
    }

    /// The noisy text: every planned edit applied.
    pub fn noisy_text(&self) -> String {
        let mut edits: Vec<&Edit> = self.edits.iter().collect();
        edits.sort_by_key(|e| e.at);
        let mut out = String::with_capacity(self.clean.len() + 256);
        let mut last = 0;
        for e in edits {
            out.push_str(&self.clean[last..e.at]);
            out.push_str(&e.ins);
            last = e.at + e.del;
        }
        out.push_str(&self.clean[last..]);
        out
    }
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// The byte range from the start of the `words`-th space-separated word
/// left of `start` to the end of the `words`-th word right of `end`, inside
/// one line (or to the line's edge, when it has fewer words); a word the
/// change touches counts as the first on its side. `None` when the window
/// would hold nothing but the change.
fn window(text: &str, start: usize, end: usize, words: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut a = start;
    for _ in 0..words {
        // Skip blanks, then a word, leftwards.
        while a > 0 && is_blank(bytes[a - 1]) {
            a -= 1;
        }
        if a == 0 || bytes[a - 1] == b'\n' {
            break;
        }
        while a > 0 && !is_blank(bytes[a - 1]) && bytes[a - 1] != b'\n' {
            a -= 1;
        }
    }
    let mut b = end;
    for _ in 0..words {
        while b < bytes.len() && is_blank(bytes[b]) {
            b += 1;
        }
        if b == bytes.len() || bytes[b] == b'\n' {
            break;
        }
        while b < bytes.len() && !is_blank(bytes[b]) && bytes[b] != b'\n' {
            b += 1;
        }
    }
    (b - a > end - start).then_some((a, b))
}

/// A space-separated word of the clean text: its byte range.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
}

/// Words of `text` with the single space that follows them before the next
/// word on the same line (`Some(next)`), or not.
fn word_pairs(text: &str) -> Vec<(Word, Word)> {
    let mut pairs = Vec::new();
    for (line_start, line) in lines_with_offsets(text) {
        let mut prev: Option<Word> = None;
        let mut pos = 0;
        for piece in line.split(' ') {
            let w = Word { start: line_start + pos, end: line_start + pos + piece.len() };
            pos += piece.len() + 1;
            if piece.is_empty() {
                prev = None;
                continue;
            }
            if let Some(p) = prev {
                pairs.push((p, w));
            }
            prev = Some(w);
        }
    }
    pairs
}

fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    text.split('\n').map(move |line| {
        let s = start;
        start += line.len() + 1;
        (s, line)
    })
}

fn all_letters(s: &str) -> bool {
    !s.is_empty() && s.chars().all(char::is_alphabetic)
}

fn all_lowercase_letters(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
}

fn starts_lowercase_letter(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_alphabetic() && c.is_lowercase())
}

fn starts_uppercase_letter(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_alphabetic() && c.is_uppercase())
}

/// Positions just after each '\n' (starts of lines 2..), and the ends of
/// lines (before each '\n' and at the end of the text).
fn line_starts(text: &str) -> Vec<usize> {
    memchr_iter(text, b'\n').map(|i| i + 1).filter(|&i| i < text.len()).collect()
}

/// Ends of the lines that end a sentence (a stop, `!`, `?`, or a closing
/// quote after one): where a spinner appends its fragment. A heading or a
/// line ending in ':' would make the fragment part of another sentence.
fn sentence_line_ends(text: &str) -> Vec<usize> {
    memchr_iter(text, b'\n')
        .chain(std::iter::once(text.len()))
        .filter(|&i| {
            let line_end = text[..i].trim_end_matches(['"', '\'', '”', '’', ')']);
            line_end.ends_with(['.', '!', '?'])
        })
        .collect()
}

fn memchr_iter(text: &str, byte: u8) -> impl Iterator<Item = usize> + '_ {
    text.bytes().enumerate().filter(move |&(_, b)| b == byte).map(|(i, _)| i)
}

// ------------------------------------------------------------ the injectors

/// Number of word-level injections for a text of this length: about one per
/// 700 bytes (the seed has 13 stops in 3 KB), between 2 and 6.
fn per_text(text: &str) -> usize {
    (text.len() / 700).clamp(2, 6)
}

/// Tries `candidates` in random order until `want` of them took.
fn take_some<T>(rng: &mut Rng, mut candidates: Vec<T>, want: usize, mut try_one: impl FnMut(&mut Rng, T) -> bool) {
    rng.shuffle(&mut candidates);
    let mut done = 0;
    for c in candidates {
        if done == want {
            break;
        }
        if try_one(rng, c) {
            done += 1;
        }
    }
}

/// The title, or its first words (at least four), as a line at the start of
/// the body or between two paragraphs.
pub fn inject_title_repeat(plan: &mut Plan, rng: &mut Rng, title: &str) {
    let title = title.trim();
    let words: Vec<&str> = title.split_whitespace().collect();
    if words.len() < 3 {
        return;
    }
    let starts = line_starts(plan.clean);
    let (marker, detail) = if words.len() >= 6 && rng.chance(0.35) {
        let keep = rng.range(4, words.len() - 2);
        (words[..keep].join(" "), "prefix_inside")
    } else {
        (title.to_string(), if starts.is_empty() || rng.chance(0.5) { "start" } else { "inside" })
    };
    let at = if detail == "start" || starts.is_empty() { 0 } else { *rng.pick(&starts) };
    plan.insert(Kind::TitleRepeat, detail, &marker, &[(at, format!("{marker}\n"))]);
}

/// One fragment injected 2 to 4 times, at the ends of paragraphs or as
/// lines of their own: a sentence of the article (whole, or cut after a
/// word and closed with a stop, like the seed's "… yang terbatas dengan.")
/// or a promo line.
pub fn inject_repeated_fragment(plan: &mut Plan, rng: &mut Rng, lang: Lang) {
    let sentences = simple_sentences(plan.clean);
    let roll = rng.below(3);
    let copies = rng.range(2, 4);
    // The detail says what was repeated and how often: dedup treats two
    // copies and three or more differently.
    let (fragment, marker, detail): (String, String, &'static str) = if roll < 2 && !sentences.is_empty() {
        let sentence = *rng.pick(&sentences);
        if roll == 0 {
            (sentence.to_string(), sentence.to_string(), ["sentence_x2", "sentence_x3", "sentence_x4"][copies - 2])
        } else {
            let words: Vec<&str> = sentence.trim_end_matches('.').split(' ').collect();
            let keep = rng.range(words.len() / 2, words.len() - 2).max(3);
            let stem = words[..keep].join(" ");
            (format!("{stem}."), stem, ["cut_sentence_x2", "cut_sentence_x3", "cut_sentence_x4"][copies - 2])
        }
    } else {
        let promo = rng.pick(lang.promo_lines()).to_string();
        (promo.clone(), promo, ["promo_line_x2", "promo_line_x3", "promo_line_x4"][copies - 2])
    };
    let own_line = detail.starts_with("promo") || rng.chance(0.3);
    let mut spots = if own_line { line_starts(plan.clean) } else { sentence_line_ends(plan.clean) };
    rng.shuffle(&mut spots);
    spots.truncate(copies);
    let places: Vec<(usize, String)> =
        spots.iter().map(|&at| (at, if own_line { format!("{fragment}\n") } else { format!(" {fragment}") })).collect();
    if places.len() == copies {
        plan.insert(Kind::RepeatedFragment, detail, &marker, &places);
    }
}

/// Sentences of at least 6 words that end in '.' and hold no quotes or
/// digits-with-dots (a rough split, enough to pick a fragment to repeat).
fn simple_sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (_, line) in lines_with_offsets(text) {
        let mut start = 0;
        let bytes = line.as_bytes();
        for i in 0..bytes.len() {
            let end_here =
                bytes[i] == b'.' && (i + 1 == bytes.len() || (bytes[i + 1] == b' ' && line[i + 2..].starts_with(char::is_uppercase)));
            if end_here {
                let s = line[start..=i].trim();
                let words = s.split(' ').count();
                if (6..=30).contains(&words)
                    && s.starts_with(char::is_uppercase)
                    && !s.contains(['"', '\'', '(', ')'])
                    && s.split(' ').all(|w| !w.is_empty())
                {
                    out.push(s);
                }
                start = i + 1;
            }
        }
    }
    out
}

/// A "Baca juga: <another article's title>" line between two paragraphs.
pub fn inject_read_also(plan: &mut Plan, rng: &mut Rng, lang: Lang, other_title: &str) {
    let starts = line_starts(plan.clean);
    if starts.is_empty() || other_title.trim().is_empty() {
        return;
    }
    let label = *rng.pick(lang.read_also_labels());
    let line = format!("{label} {}", other_title.trim());
    let at = *rng.pick(&starts);
    plan.insert(Kind::ReadAlsoLine, label, &line, &[(at, format!("{line}\n"))]);
}

/// Full stops inserted inside sentences, of one of the four kinds seen in
/// the seed: after a function word ("dengan. Perdana"), before a lowercase
/// word ("sana. menambahkan"), before a word the scraper capitalised
/// ("mengakar. Dan"), and before a name ("tinggi. Tiongkok").
pub fn inject_stops(plan: &mut Plan, rng: &mut Rng, lang: Lang, kind: Kind, want: usize) {
    let text = plan.clean;
    let function_words = lang.function_words();
    let is_function = |w: &str| function_words.contains(&w);
    let candidates: Vec<(Word, Word)> = word_pairs(text)
        .into_iter()
        .filter(|&(w1, w2)| {
            let (a, b) = (&text[w1.start..w1.end], &text[w2.start..w2.end]);
            if !all_lowercase_letters(a) || !b.starts_with(char::is_alphabetic) {
                return false;
            }
            match kind {
                Kind::StopAfterFunctionWord => is_function(a),
                Kind::StopBeforeLowercase | Kind::StopBeforeCapitalised => {
                    !is_function(a) && a.chars().count() >= 3 && starts_lowercase_letter(b)
                }
                Kind::StopBeforeName => !is_function(a) && a.chars().count() >= 3 && starts_uppercase_letter(b),
                _ => false,
            }
        })
        .collect();
    take_some(rng, candidates, want, |_, (w1, w2)| {
        if kind == Kind::StopBeforeCapitalised {
            let first = text[w2.start..].chars().next().expect("a word has a first char");
            let upper: String = first.to_uppercase().collect();
            plan.replace(kind, "capitalised", w1.end, w2.start - w1.end + first.len_utf8(), &format!(". {upper}"))
        } else {
            plan.replace(kind, stop_detail(kind), w1.end, 0, ".")
        }
    });
}

fn stop_detail(kind: Kind) -> &'static str {
    match kind {
        Kind::StopAfterFunctionWord => "after_function_word",
        Kind::StopBeforeLowercase => "before_lowercase",
        _ => "before_name",
    }
}

/// Indonesian prefixes a scraper or writer splits off ("di sambut").
const PREFIXES: [&str; 5] = ["ber", "ter", "di", "ke", "me"];

/// Splits prefixed words ("disambut" → "di sambut") where the rest is a
/// word of its own elsewhere in the language sample (`vocabulary`), so that
/// the joined form is the original and the split looks like a real one.
pub fn inject_split_prefixes(plan: &mut Plan, rng: &mut Rng, vocabulary: &HashSet<String>, want: usize) {
    let text = plan.clean;
    let mut candidates = Vec::new();
    for (_, w) in word_pairs(text).into_iter().chain(first_words(text)) {
        let word = &text[w.start..w.end];
        if !word.bytes().all(|b| b.is_ascii_lowercase()) {
            continue;
        }
        if let Some(prefix) = PREFIXES.iter().find(|p| word.starts_with(**p)) {
            let stem = &word[prefix.len()..];
            if stem.len() >= 4 && vocabulary.contains(stem) {
                candidates.push((w.start, *prefix));
            }
        }
    }
    candidates.sort();
    candidates.dedup();
    take_some(rng, candidates, want, |_, (start, prefix)| plan.replace(Kind::SplitPrefix, prefix, start + prefix.len(), 0, " "));
}

/// The first word of every line (paired with itself), which `word_pairs`
/// only gives as the left word of a pair.
fn first_words(text: &str) -> Vec<(Word, Word)> {
    lines_with_offsets(text)
        .filter_map(|(s, line)| {
            let end = line.find(' ').unwrap_or(line.len());
            (end > 0).then_some((Word { start: s, end: s + end }, Word { start: s, end: s + end }))
        })
        .collect()
}

/// Spaces dropped after a comma or full stop before a word ("Rusia,Vladimir",
/// "produk.Harga"), as a scraper leaves them where it joined two elements.
/// The detail says what the mark follows: a word ending in three lower-case
/// letters ("comma", "full_stop"), an acronym ("KPK,", "UK."), a shorter or
/// capitalised word ("it.", "May.", "Jl.", "U.S."), a number, or anything
/// else (a bracket, a quote). For `GluedWordsMarked` only a comma or full
/// stop after a lower-case word is taken as the article's mark: the join
/// between two words a scraper leaves.
pub fn inject_punctuation_glue(plan: &mut Plan, rng: &mut Rng, kind: Kind, want: usize) {
    let text = plan.clean;
    let candidates: Vec<(Word, &'static str)> = word_pairs(text)
        .into_iter()
        .filter(|&(_, w2)| text[w2.start..w2.end].starts_with(char::is_alphabetic))
        .filter_map(|(w1, _)| {
            let detail = punctuation_glue_detail(&text[w1.start..w1.end])?;
            match kind {
                Kind::GluedWordsMarked | Kind::GluedNames => match detail {
                    "comma" => Some((w1, "mark_comma")),
                    "full_stop" => Some((w1, "mark_full_stop")),
                    _ => None,
                },
                _ => Some((w1, detail)),
            }
        })
        .collect();
    take_some(rng, candidates, want, |_, (w1, detail)| plan.replace(kind, detail, w1.end, 1, ""));
}

/// What a word ending in ',' or '.' is, for [`inject_punctuation_glue`];
/// `None` when it ends in neither.
fn punctuation_glue_detail(word: &str) -> Option<&'static str> {
    let (body, comma) = if let Some(b) = word.strip_suffix(',') {
        (b, true)
    } else {
        (word.strip_suffix('.')?, false)
    };
    let last = body.chars().next_back()?;
    let ends_in = |n: usize, class: fn(&char) -> bool| body.chars().rev().take(n).filter(class).count() == n;
    let class = if ends_in(3, |c| c.is_lowercase()) {
        0
    } else if ends_in(2, |c| c.is_uppercase()) {
        1
    } else if last.is_alphabetic() {
        2
    } else if last.is_ascii_digit() {
        3
    } else {
        4
    };
    Some(if comma {
        ["comma", "comma_after_acronym", "comma_after_short_word", "comma_after_number", "comma_after_other"][class]
    } else {
        ["full_stop", "stop_after_acronym", "stop_after_short_word", "stop_after_number", "stop_after_other"][class]
    })
}

/// Shape of a word for [`inject_glued_words`]: ASCII letters, all lower
/// case or capitalised.
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    Lower,
    Capitalised,
}

fn word_shape(word: &str) -> Option<Shape> {
    let bytes = word.as_bytes();
    let (&first, rest) = bytes.split_first()?;
    if !rest.iter().all(u8::is_ascii_lowercase) {
        None
    } else if first.is_ascii_lowercase() {
        Some(Shape::Lower)
    } else if first.is_ascii_uppercase() && !rest.is_empty() {
        Some(Shape::Capitalised)
    } else {
        None
    }
}

/// The space between two ASCII-letter words dropped ("kerja yang" →
/// "kerjayang", "dari Antara" → "dariAntara", "Presiden Joko" →
/// "PresidenJoko"). A capitalised word glued to a lower-case one is not
/// made: nothing in the text would tell it from a name.
pub fn inject_glued_words(plan: &mut Plan, rng: &mut Rng, kind: Kind, want: usize) {
    let text = plan.clean;
    let candidates: Vec<(Word, &'static str)> = word_pairs(text)
        .into_iter()
        .filter_map(|(w1, w2)| {
            let detail = match (word_shape(&text[w1.start..w1.end])?, word_shape(&text[w2.start..w2.end])?) {
                (Shape::Lower, Shape::Lower) => "lower_lower",
                (Shape::Lower, Shape::Capitalised) => "lower_capitalised",
                (Shape::Capitalised, Shape::Capitalised) => "capitalised_capitalised",
                (Shape::Capitalised, Shape::Lower) => return None,
            };
            Some((w1, detail))
        })
        .collect();
    take_some(rng, candidates, want, |_, (w1, detail)| plan.replace(kind, detail, w1.end, 1, ""));
}

/// The space after a capitalised word or an acronym dropped before a
/// lower-case word ("Indonesia yang" → "Indonesiayang", "TNI yang" →
/// "TNIyang"), or before an acronym after a lower-case word ("dari AFP" →
/// "dariAFP"). Most capitalised-then-lower pairs are a name and a word that
/// could end a name, which warta leaves alone on purpose: the detail shows
/// how many it can tell.
pub fn inject_glued_names(plan: &mut Plan, rng: &mut Rng, want: usize) {
    let text = plan.clean;
    let is_acronym = |w: &str| w.len() >= 2 && w.bytes().all(|b| b.is_ascii_uppercase());
    let candidates: Vec<(Word, &'static str)> = word_pairs(text)
        .into_iter()
        .filter_map(|(w1, w2)| {
            let (a, b) = (&text[w1.start..w1.end], &text[w2.start..w2.end]);
            let detail = match (word_shape(a), word_shape(b)) {
                (Some(Shape::Capitalised), Some(Shape::Lower)) => "capitalised_lower",
                (None, Some(Shape::Lower)) if is_acronym(a) => "acronym_lower",
                (Some(Shape::Lower), None) if is_acronym(b) => "lower_acronym",
                _ => return None,
            };
            Some((w1, detail))
        })
        .collect();
    take_some(rng, candidates, want, |_, (w1, detail)| plan.replace(Kind::GluedNames, detail, w1.end, 1, ""));
}

/// Straight quotes turned typographic: “ ” for double, ‘ ’ for single, ’
/// for apostrophes.
pub fn inject_curly_quotes(plan: &mut Plan, rng: &mut Rng, want: usize) {
    let text = plan.clean;
    let bytes = text.as_bytes();
    let candidates: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i] == b'"' || bytes[i] == b'\'').collect();
    take_some(rng, candidates, want, |_, i| {
        let opening = i == 0 || matches!(bytes[i - 1], b' ' | b'\n' | b'(' | b'\t');
        let letter_after = text[i + 1..].starts_with(char::is_alphanumeric);
        let letter_before = i > 0 && text[..i].ends_with(char::is_alphanumeric);
        let (curly, detail) = match (bytes[i], opening) {
            (b'"', true) => ("“", "double_open"),
            (b'"', false) => ("”", "double_close"),
            (_, _) if letter_before && letter_after => ("’", "apostrophe"),
            (_, true) => ("‘", "single_open"),
            _ => ("’", "single_close"),
        };
        plan.replace(Kind::CurlyQuotes, detail, i, 1, curly)
    });
}

/// Hyphens and dashes varied: " - " as an en or em dash, a range "2017-2018"
/// with an en dash, a compound "besar-besaran" with U+2010 or U+2011.
pub fn inject_dashes(plan: &mut Plan, rng: &mut Rng, want: usize) {
    let text = plan.clean;
    let bytes = text.as_bytes();
    let candidates: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i] == b'-').collect();
    take_some(rng, candidates, want, |rng, i| {
        let before = text[..i].chars().next_back();
        let after = text[i + 1..].chars().next();
        match (before, after) {
            (Some(' '), Some(' ')) => {
                if rng.chance(0.5) {
                    plan.replace(Kind::Dashes, "spaced_en_dash", i, 1, "–")
                } else {
                    plan.replace(Kind::Dashes, "spaced_em_dash", i, 1, "—")
                }
            }
            (Some(b), Some(a)) if b.is_ascii_digit() && a.is_ascii_digit() => plan.replace(Kind::Dashes, "range_en_dash", i, 1, "–"),
            (Some(b), Some(a)) if b.is_alphabetic() && a.is_alphabetic() => {
                if rng.chance(0.5) {
                    plan.replace(Kind::Dashes, "compound_u2010", i, 1, "\u{2010}")
                } else {
                    plan.replace(Kind::Dashes, "compound_u2011", i, 1, "\u{2011}")
                }
            }
            _ => false,
        }
    });
}

/// Spaces between words replaced by a no-break, narrow no-break or thin
/// space.
pub fn inject_odd_spaces(plan: &mut Plan, rng: &mut Rng, want: usize) {
    let candidates: Vec<usize> = word_pairs(plan.clean).into_iter().map(|(w1, _)| w1.end).collect();
    take_some(rng, candidates, want, |rng, at| {
        let (space, detail) =
            *rng.pick(&[("\u{a0}", "u00a0_nbsp"), ("\u{a0}", "u00a0_nbsp"), ("\u{202f}", "u202f_narrow_nbsp"), ("\u{2009}", "u2009_thin")]);
        plan.replace(Kind::NonBreakingSpaces, detail, at, 1, space)
    });
}

/// Zero-width characters inside words or at their edges.
pub fn inject_zero_width(plan: &mut Plan, rng: &mut Rng, want: usize) {
    let text = plan.clean;
    let candidates: Vec<(Word, Word)> = word_pairs(text).into_iter().filter(|(w1, _)| all_letters(&text[w1.start..w1.end])).collect();
    take_some(rng, candidates, want, |rng, (w1, _)| {
        let (ch, detail) = *rng.pick(&[
            ("\u{200b}", "u200b_zwsp"),
            ("\u{200c}", "u200c_zwnj"),
            ("\u{200d}", "u200d_zwj"),
            ("\u{2060}", "u2060_wj"),
            ("\u{feff}", "ufeff_bom"),
        ]);
        let word = &text[w1.start..w1.end];
        let at = if rng.chance(0.5) {
            w1.end
        } else {
            // Inside the word, on a char boundary.
            let mids: Vec<usize> = word.char_indices().map(|(i, _)| w1.start + i).filter(|&i| i > w1.start).collect();
            if mids.is_empty() {
                w1.end
            } else {
                *rng.pick(&mids)
            }
        };
        plan.replace(Kind::ZeroWidth, detail, at, 0, ch)
    });
}

/// Characters written as HTML entities, as a scraper that skipped decoding
/// leaves them (also double-escaped).
pub fn inject_html_entities(plan: &mut Plan, rng: &mut Rng, want: usize) {
    let text = plan.clean;
    let bytes = text.as_bytes();
    let candidates: Vec<usize> = (0..bytes.len())
        .filter(|&i| matches!(bytes[i], b'"' | b'\'' | b'&') || (bytes[i] == b' ' && i > 0 && bytes[i - 1].is_ascii_alphabetic()))
        .collect();
    take_some(rng, candidates, want, |rng, i| {
        let (entity, detail) = match bytes[i] {
            b'"' => *rng.pick(&[("&quot;", "quot"), ("&#34;", "decimal_34"), ("&amp;quot;", "double_escaped_quot")]),
            b'\'' => *rng.pick(&[("&#39;", "decimal_39"), ("&#039;", "decimal_039"), ("&apos;", "apos")]),
            b'&' => ("&amp;", "amp"),
            _ => ("&nbsp;", "nbsp"),
        };
        plan.replace(Kind::HtmlEntities, detail, i, 1, entity)
    });
}

/// A space between words doubled or tripled.
pub fn inject_doubled_spaces(plan: &mut Plan, rng: &mut Rng, want: usize) {
    let candidates: Vec<usize> = word_pairs(plan.clean).into_iter().map(|(w1, _)| w1.end).collect();
    take_some(rng, candidates, want, |rng, at| {
        if rng.chance(0.7) {
            plan.replace(Kind::DoubledSpaces, "two_spaces", at, 1, "  ")
        } else {
            plan.replace(Kind::DoubledSpaces, "three_spaces", at, 1, "   ")
        }
    });
}

/// Every line of the text filled greedily into lines of at most 60, 72 or
/// 80 characters: each space where the next word would not fit becomes a
/// line break. All breaks are made; those whose words are unique enough are
/// judged.
pub fn inject_hard_wrap(plan: &mut Plan, rng: &mut Rng) {
    let (width, detail) = *rng.pick(&[(60usize, "width_60"), (72, "width_72"), (80, "width_80")]);
    let text = plan.clean;
    let mut breaks = Vec::new();
    let mut line = 0;
    for (at, c) in text.char_indices() {
        if c == '\n' {
            line = 0;
            continue;
        }
        if c == ' ' {
            let next_word = text[at + 1..].split([' ', '\n']).next().map_or(0, |w| w.chars().count());
            if line > 0 && line + 1 + next_word > width {
                breaks.push(at);
                line = 0;
                continue;
            }
        }
        line += 1;
    }
    for at in breaks {
        if !plan.free(at, at + 1) || !plan.replace(Kind::HardWrap, detail, at, 1, "\n") {
            plan.edits.push(Edit { at, del: 1, ins: "\n".to_string() });
            plan.reserved.push((at, at + 1));
        }
    }
}

/// What an injector needs beyond the text.
pub struct InjectionInputs<'a> {
    pub lang: Lang,
    pub title: &'a str,
    /// The title of another article, for a "read also" line.
    pub other_title: &'a str,
    pub vocabulary: &'a HashSet<String>,
}

/// Injects one kind of noise into `plan`; `want` word-level changes for the
/// kinds that make several.
pub fn inject(plan: &mut Plan, rng: &mut Rng, kind: Kind, cx: &InjectionInputs, want: usize) {
    match kind {
        Kind::TitleRepeat => inject_title_repeat(plan, rng, cx.title),
        Kind::RepeatedFragment => inject_repeated_fragment(plan, rng, cx.lang),
        Kind::ReadAlsoLine => inject_read_also(plan, rng, cx.lang, cx.other_title),
        Kind::StopAfterFunctionWord | Kind::StopBeforeLowercase | Kind::StopBeforeCapitalised | Kind::StopBeforeName => {
            inject_stops(plan, rng, cx.lang, kind, want)
        }
        Kind::SplitPrefix => inject_split_prefixes(plan, rng, cx.vocabulary, want),
        Kind::PunctuationGlue => inject_punctuation_glue(plan, rng, Kind::PunctuationGlue, want),
        Kind::GluedWords => inject_glued_words(plan, rng, Kind::GluedWords, want),
        Kind::GluedWordsMarked | Kind::GluedNames => {
            let before = plan.injections.len();
            inject_punctuation_glue(plan, rng, kind, 1);
            // Without its mark the article is only the unmarked case again.
            if plan.injections.len() > before {
                if kind == Kind::GluedNames {
                    inject_glued_names(plan, rng, want);
                } else {
                    inject_glued_words(plan, rng, Kind::GluedWordsMarked, want);
                }
            }
        }
        Kind::CurlyQuotes => inject_curly_quotes(plan, rng, want),
        Kind::Dashes => inject_dashes(plan, rng, want),
        Kind::NonBreakingSpaces => inject_odd_spaces(plan, rng, want),
        Kind::ZeroWidth => inject_zero_width(plan, rng, want),
        Kind::HtmlEntities => inject_html_entities(plan, rng, want),
        Kind::DoubledSpaces => inject_doubled_spaces(plan, rng, want),
        Kind::HardWrap => inject_hard_wrap(plan, rng),
    }
}

// ------------------------------------------------------------------ judging

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Restored,
    Partly,
    Left,
    NotScorable,
    /// Not an injected copy: a genuine occurrence of an inserted fragment
    /// (the article's own sentence) that went with the copies.
    GenuineLost,
}

/// Judges one injection on the noisy article's output text `out`, against
/// the clean article's output text `clean_out`. Returns the outcome for
/// each copy (an inserted fragment has several), and a `GenuineLost` for
/// each genuine occurrence removed with them.
pub fn judge(check: &Check, out: &str, clean_out: &str) -> Vec<Outcome> {
    match check {
        Check::Replaced { clean, noisy, .. } => {
            let outcome = if !clean_out.contains(clean.as_str()) || clean_out.contains(noisy.as_str()) {
                Outcome::NotScorable
            } else if out.contains(noisy.as_str()) {
                Outcome::Left
            } else if out.contains(clean.as_str()) {
                Outcome::Restored
            } else {
                Outcome::Partly
            };
            vec![outcome]
        }
        Check::Inserted { marker, copies } => {
            let (now, genuine) = (out.matches(marker.as_str()).count(), clean_out.matches(marker.as_str()).count());
            let left = now.saturating_sub(genuine).min(*copies);
            let mut outcomes = vec![Outcome::Restored; copies - left];
            outcomes.extend(std::iter::repeat_n(Outcome::Left, left));
            outcomes.extend(std::iter::repeat_n(Outcome::GenuineLost, genuine.saturating_sub(now)));
            outcomes
        }
    }
}

/// Size of the multiset intersection of two sorted lists.
fn common_sorted<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Typographic quotes, dashes and hyphens as ASCII.
fn fold_typography(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '“' | '”' | '„' | '«' | '»' => '"',
            '‘' | '’' | '‚' => '\'',
            '–' | '—' | '‐' | '‑' | '−' => '-',
            c => c,
        })
        .collect()
}

/// 1 − (insertions + deletions) / (|a| + |b|), over chars: 1.0 for equal
/// texts. Myers' O((N+M)·D) search after trimming the common ends; past
/// `MAX_D` edits the texts count as that far apart (a lower bound).
pub fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let total = a.len() + b.len();
    if total == 0 {
        return 1.0;
    }
    1.0 - indel_distance(&a, &b) as f64 / total as f64
}

const MAX_D: usize = 3000;

fn indel_distance(a: &[char], b: &[char]) -> usize {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    let (n, m) = (a.len() as isize, b.len() as isize);
    if n == 0 || m == 0 {
        return (n + m) as usize;
    }
    let limit = (n + m).min(MAX_D as isize);
    let offset = limit + 1;
    let mut v = vec![0isize; 2 * limit as usize + 3];
    for d in 0..=limit {
        let mut k = -d;
        while k <= d {
            let i = (k + offset) as usize;
            let mut x = if k == -d || (k != d && v[i - 1] < v[i + 1]) { v[i + 1] } else { v[i - 1] + 1 };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[i] = x;
            if x >= n && y >= m {
                return d as usize;
            }
            k += 2;
        }
    }
    limit as usize
}

// ------------------------------------------------------------- the articles

pub struct CleanArticle {
    pub id: String,
    pub lang: Lang,
    pub title: String,
    pub text: String,
}

/// A headline from an IndoSum URL's last path segment
/// ("…/ketua-mpr-mustahil-transportasi" → "Ketua Mpr Mustahil Transportasi"):
/// IndoSum ships no titles. `None` when the slug has under 4 words.
pub fn title_from_url(url: &str) -> Option<String> {
    let slug = url.trim_end_matches('/').rsplit('/').next()?;
    let slug = slug.strip_suffix(".html").unwrap_or(slug);
    let words: Vec<String> = slug
        .split(['-', '.', '_'])
        .filter(|w| !w.is_empty() && !w.bytes().all(|b| b.is_ascii_digit()))
        .map(|w| {
            let mut cs = w.chars();
            cs.next().map(|c| c.to_uppercase().chain(cs).collect()).unwrap_or_default()
        })
        .collect();
    (words.len() >= 4 && words.iter().all(|w| w.chars().all(char::is_alphanumeric))).then(|| words.join(" "))
}

fn read_jsonl_gz(path: &Path) -> Result<Vec<Value>> {
    let file = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));
    let mut out = Vec::new();
    for line in reader.lines() {
        let line = line?;
        if !line.trim().is_empty() {
            out.push(serde_json::from_str(&line)?);
        }
    }
    Ok(out)
}

/// Articles fit to be the clean side: 500 to 5,000 bytes, at least three
/// paragraphs, no blank lines, no "baca juga" line of their own.
fn fit(text: &str) -> bool {
    (500..=5000).contains(&text.len())
        && text.matches('\n').count() >= 2
        && !text.contains("\n\n")
        && !text.to_lowercase().contains("baca juga")
        && !text.contains(['\r', '\u{a0}', '\u{200b}'])
}

/// The clean articles of both languages (`n` each, chosen by a seeded
/// hash of their ids) and the Indonesian vocabulary of all of IndoSum dev.
fn load_articles(data: &Path, n: usize, seed: u64) -> Result<(Vec<CleanArticle>, HashSet<String>)> {
    let mut vocabulary = HashSet::new();
    let mut indonesian = Vec::new();
    for r in read_jsonl_gz(&data.join("news/indosum-dev.jsonl.gz"))? {
        let text = r["text"].as_str().unwrap_or_default();
        for w in text.split(|c: char| !c.is_alphabetic()) {
            if w.len() >= 4 && w.bytes().all(|b| b.is_ascii_lowercase()) && !vocabulary.contains(w) {
                vocabulary.insert(w.to_string());
            }
        }
        // Folds 1-3 built normalisation's lexicons: only 4-5 are held out.
        if !matches!(r["indosum_dev_fold"].as_u64(), Some(4 | 5)) || !fit(text) {
            continue;
        }
        if let Some(title) = r["url"].as_str().and_then(title_from_url) {
            let id = r["id"].as_str().unwrap_or_default().to_string();
            indonesian.push(CleanArticle { id, lang: Lang::Id, title, text: text.to_string() });
        }
    }
    let mut english = Vec::new();
    let mut seen = HashSet::new();
    for r in read_jsonl_gz(&data.join("news/bbc-news-2005.jsonl.gz"))? {
        let text = r["text"].as_str().unwrap_or_default();
        let title = r["title"].as_str().unwrap_or_default().trim();
        // A title with an entity ("&#163;1.8m") is normalised, and its
        // repeat would no longer be recognised in the output.
        if fit(text) && title.split(' ').count() >= 3 && !title.contains('&') && seen.insert(text.to_string()) {
            let id = r["id"].as_str().unwrap_or_default().to_string();
            english.push(CleanArticle { id, lang: Lang::En, title: title.to_string(), text: text.to_string() });
        }
    }
    let mut articles = Vec::new();
    for mut set in [indonesian, english] {
        set.sort_by_key(|a| (stream_seed(seed, &["select", &a.id]), a.id.clone()));
        set.truncate(n);
        set.sort_by(|a, b| a.id.cmp(&b.id));
        articles.extend(set);
    }
    Ok((articles, vocabulary))
}

// ----------------------------------------------------------------- the runs

/// One run of warta: the clean articles, one kind of noise, or all kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Variant {
    Clean,
    Single(Kind),
    Mixed,
}

impl Variant {
    fn name(self) -> &'static str {
        match self {
            Variant::Clean => "clean",
            Variant::Single(k) => k.name(),
            Variant::Mixed => "mixed",
        }
    }
}

struct NoisyArticle {
    text: String,
    injections: Vec<Injection>,
}

fn make_noisy(article: &CleanArticle, other_title: &str, variant: Variant, seed: u64, vocabulary: &HashSet<String>) -> NoisyArticle {
    let mut plan = Plan::new(&article.text);
    let mut rng = Rng::new(stream_seed(seed, &[variant.name(), &article.id]));
    let cx = InjectionInputs { lang: article.lang, title: &article.title, other_title, vocabulary };
    match variant {
        Variant::Clean => {}
        Variant::Single(kind) if kind.applies_to(article.lang) => inject(&mut plan, &mut rng, kind, &cx, per_text(&article.text)),
        Variant::Single(_) => {}
        Variant::Mixed => {
            for kind in KINDS.into_iter().filter(|k| k.applies_to(article.lang) && k.in_mixed()) {
                inject(&mut plan, &mut rng, kind, &cx, 1);
            }
        }
    }
    NoisyArticle { text: plan.noisy_text(), injections: plan.injections }
}

/// What warta wrote for one article.
#[derive(Debug, Default, Clone)]
struct Output {
    text: String,
    lang: String,
    removed: Vec<(String, String)>,
    repairs: Vec<(String, String)>,
    edits: BTreeMap<String, u64>,
    sentences: usize,
    /// (surface text with typography folded, label) of every entity
    /// mention, sorted.
    entities: Vec<(String, String)>,
}

/// The warta binary and the options every run gets.
struct WartaRun<'a> {
    binary: &'a Path,
    config: Option<&'a Path>,
}

impl WartaRun<'_> {
    /// Runs warta on `inputs` (id, title, text) in `dir` and returns the
    /// articles it kept, by id (duplicates and rejects are not read: an
    /// article missing here was set aside).
    fn run(&self, dir: &Path, inputs: &[(String, String, String)]) -> Result<HashMap<String, Output>> {
        std::fs::create_dir_all(dir)?;
        let input = dir.join("input.jsonl");
        let mut w = std::io::BufWriter::new(std::fs::File::create(&input)?);
        for (id, title, text) in inputs {
            writeln!(w, "{}", json!({"id": id, "title": title, "text": text}))?;
        }
        w.flush()?;
        drop(w);
        let out = dir.join("out");
        let mut cmd = Command::new(self.binary);
        cmd.args(["run", "--quiet", "--out"]).arg(&out).arg(&input);
        if let Some(config) = self.config {
            cmd.arg("--config").arg(config);
        }
        run_cmd(&mut cmd)?;
        let mut articles = HashMap::new();
        for line in std::fs::read_to_string(out.join("articles.jsonl"))?.lines() {
            let v: Value = serde_json::from_str(line)?;
            let pairs = |key: &str, a: &str, b: &str| -> Vec<(String, String)> {
                v[key]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|r| (r[a].as_str().unwrap_or_default().to_string(), r[b].as_str().unwrap_or_default().to_string()))
                    .collect()
            };
            let edits = v["edits"].as_object().into_iter().flatten().map(|(k, n)| (k.clone(), n.as_u64().unwrap_or(0))).collect();
            let output = Output {
                text: v["text"].as_str().unwrap_or_default().to_string(),
                lang: v["lang"].as_str().unwrap_or_default().to_string(),
                removed: pairs("removed", "reason", "text"),
                repairs: pairs("repairs", "kind", "before"),
                edits,
                sentences: v["sentences"].as_array().map_or(0, Vec::len),
                entities: {
                    // Read as ASCII, so that a kept curly apostrophe inside a
                    // name is not a tagging difference.
                    let mut e: Vec<(String, String)> =
                        pairs("entities", "text", "label").into_iter().map(|(t, l)| (fold_typography(&t), l)).collect();
                    e.sort();
                    e
                },
            };
            articles.insert(v["id"].as_str().unwrap_or_default().to_string(), output);
        }
        Ok(articles)
    }
}

// ------------------------------------------------------------------ tallies

#[derive(Debug, Default, Clone)]
struct Tally {
    injected: usize,
    restored: usize,
    partly: usize,
    left: usize,
    not_scorable: usize,
    /// Genuine occurrences of an inserted fragment removed with its copies.
    genuine_lost: usize,
}

impl VariantReport {
    /// F1 of the noisy outputs' entity mentions against the clean outputs'.
    fn entity_f1(&self) -> f64 {
        2.0 * self.entities_common as f64 / (self.entities_noisy + self.entities_clean).max(1) as f64
    }
}

impl Tally {
    fn add(&mut self, o: Outcome) {
        self.injected += usize::from(o != Outcome::GenuineLost);
        match o {
            Outcome::Restored => self.restored += 1,
            Outcome::Partly => self.partly += 1,
            Outcome::Left => self.left += 1,
            Outcome::NotScorable => self.not_scorable += 1,
            Outcome::GenuineLost => self.genuine_lost += 1,
        }
    }
    fn scored(&self) -> usize {
        self.injected - self.not_scorable
    }
    /// Share of the scorable injections whose noise is gone.
    fn recall(&self) -> f64 {
        (self.restored + self.partly) as f64 / self.scored().max(1) as f64
    }
    fn restored_rate(&self) -> f64 {
        self.restored as f64 / self.scored().max(1) as f64
    }
    fn to_json(&self) -> Value {
        json!({"injected": self.injected, "restored": self.restored, "partly": self.partly, "left": self.left,
               "not_scorable": self.not_scorable, "genuine_lost": self.genuine_lost, "recall": self.recall(), "restored_rate": self.restored_rate()})
    }
}

/// Figures of one variant in one language.
#[derive(Debug, Default)]
struct VariantReport {
    articles: usize,
    exact: usize,
    /// Exact once typographic quotes, dashes and hyphens are read as ASCII
    /// on both sides (warta keeps them by default).
    exact_folded: usize,
    similarity_in: f64,
    similarity_out: f64,
    /// Articles whose output has as many sentences as the clean one's.
    same_sentence_count: usize,
    /// Entity mentions (text, label) of the noisy and clean outputs and
    /// how many they share (multiset intersection).
    entities_common: usize,
    entities_noisy: usize,
    entities_clean: usize,
    /// Noisy articles warta set aside (duplicate or reject) though it kept
    /// the clean one.
    lost: usize,
    lang_changed: usize,
    by_kind: BTreeMap<Kind, Tally>,
    by_detail: BTreeMap<(Kind, &'static str), Tally>,
    collateral: usize,
    failures: Vec<String>,
    collateral_examples: Vec<String>,
    /// Articles whose every injection was repaired but whose final text
    /// still differs from the clean article's: where the texts part.
    mismatch_examples: Vec<String>,
}

/// Figures of the clean run in one language: edits per output name.
#[derive(Debug, Default)]
struct CleanReport {
    articles: usize,
    bytes: usize,
    set_aside: usize,
    counts: BTreeMap<String, u64>,
    examples: BTreeMap<String, Vec<String>>,
}

impl CleanReport {
    fn per_mb(&self, kind: Kind) -> (u64, f64) {
        let n: u64 = self.counts.iter().filter(|(name, _)| kind.output_names().contains(&name.as_str())).map(|(_, n)| n).sum();
        (n, n as f64 / (self.bytes as f64 / 1e6).max(1e-9))
    }
}

const MAX_EXAMPLES: usize = 6;

fn clip(s: &str, n: usize) -> String {
    let flat = s.replace('\n', "⏎");
    if flat.chars().count() <= n {
        flat
    } else {
        format!("{}…", flat.chars().take(n).collect::<String>())
    }
}

/// Shows invisible and odd characters, so that an example line says what
/// is in the text.
fn visible(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\u{a0}' => out.push_str("⟨nbsp⟩"),
            '\u{202f}' => out.push_str("⟨nnbsp⟩"),
            '\u{2009}' => out.push_str("⟨thin⟩"),
            '\u{200b}' => out.push_str("⟨zwsp⟩"),
            '\u{200c}' => out.push_str("⟨zwnj⟩"),
            '\u{200d}' => out.push_str("⟨zwj⟩"),
            '\u{2060}' => out.push_str("⟨wj⟩"),
            '\u{feff}' => out.push_str("⟨bom⟩"),
            '\u{2010}' => out.push_str("⟨u2010⟩"),
            '\u{2011}' => out.push_str("⟨u2011⟩"),
            '\n' => out.push('⏎'),
            c => out.push(c),
        }
    }
    out
}

/// The output where an injection's words are, for a failure example: the
/// noisy words when they are left, else the clean words' unchanged start
/// (or end), with 24 bytes more on each side.
fn around(out: &str, check: &Check) -> String {
    let Check::Replaced { clean, noisy, .. } = check else { return String::new() };
    let same_start = clean.char_indices().zip(noisy.chars()).find(|((_, a), b)| a != b).map_or(clean.len(), |((i, _), _)| i);
    let same_end = clean.chars().rev().zip(noisy.chars().rev()).take_while(|(a, b)| a == b).map(|(a, _)| a.len_utf8()).sum::<usize>();
    let anchors = [noisy.as_str(), &clean[..same_start], &clean[clean.len() - same_end..]];
    for anchor in anchors.into_iter().filter(|a| a.trim().len() >= 3) {
        if let Some(at) = out.find(anchor) {
            let floor = |mut i: usize| {
                while !out.is_char_boundary(i) {
                    i -= 1;
                }
                i
            };
            let start = floor(at.saturating_sub(24));
            let end = floor((at + noisy.len().max(anchor.len()) + 24).min(out.len()));
            return visible(&out[start..end]);
        }
    }
    "(neither the noisy nor the clean words are in the output)".to_string()
}

fn describe_failure(id: &str, inj: &Injection, outcomes: &[Outcome], out: &str) -> String {
    let outcome = outcomes.iter().copied().find(|&o| o != Outcome::Restored).unwrap_or(Outcome::Restored);
    let genuine_lost = outcomes.iter().filter(|&&o| o == Outcome::GenuineLost).count();
    match &inj.check {
        Check::Replaced { clean, noisy, .. } => format!(
            "{id} {}/{}: {:?}\n      clean  {}\n      noisy  {}\n      output {}",
            inj.kind.name(),
            inj.detail,
            outcome,
            visible(clean),
            visible(noisy),
            around(out, &inj.check)
        ),
        Check::Inserted { marker, copies } => format!(
            "{id} {}/{}: {} of {copies} copies left, {genuine_lost} genuine removed too: «{}» (output holds it {} times)",
            inj.kind.name(),
            inj.detail,
            outcomes.iter().filter(|&&o| o == Outcome::Left).count(),
            clip(marker, 100),
            out.matches(marker.as_str()).count()
        ),
    }
}

/// The two texts around the first char where they differ (40 chars either
/// side), invisible characters shown.
fn first_difference(a: &str, b: &str) -> (String, String) {
    let at = a.char_indices().zip(b.chars()).find(|((_, x), y)| x != y).map_or(a.len().min(b.len()), |((i, _), _)| i);
    let show = |s: &str| {
        let start = s[..at.min(s.len())].char_indices().rev().nth(39).map_or(0, |(i, _)| i);
        visible(&s[start..].chars().take(80).collect::<String>())
    };
    (show(a), show(b))
}

/// Removals and repairs of the noisy article that the clean article's
/// output does not have and that no injection explains.
fn collateral(noisy: &Output, clean: &Output, injections: &[Injection]) -> Vec<String> {
    let explained = |s: &str| {
        injections.iter().any(|inj| match &inj.check {
            Check::Replaced { core, .. } => s.contains(core.as_str()) || core.contains(s),
            Check::Inserted { marker, .. } => s.contains(marker.as_str()) || marker.contains(s.trim()),
        })
    };
    let mut out = Vec::new();
    for (reason, text) in &noisy.removed {
        if !clean.removed.iter().any(|r| &r.1 == text) && !explained(text) {
            out.push(format!("removed  {reason}: «{}»", visible(&clip(text, 140))));
        }
    }
    for (kind, before) in &noisy.repairs {
        if !clean.repairs.iter().any(|r| &r.1 == before) && !explained(before) && !injections.iter().any(|i| check_touches(i, before)) {
            out.push(format!("repaired {kind}: «{}»", visible(before)));
        }
    }
    out
}

/// A repair record overlapping an injected spot: its context holds a few
/// chars of the noisy window around the change.
fn check_touches(inj: &Injection, context: &str) -> bool {
    match &inj.check {
        Check::Replaced { core, .. } => {
            // The record's context is clipped at 24 chars: compare the
            // middle of the core with the middle of the context.
            let mid: String = core.chars().skip(core.chars().count().saturating_sub(12) / 2).take(12).collect();
            !mid.trim().is_empty() && context.contains(mid.as_str())
        }
        Check::Inserted { .. } => false,
    }
}

// ------------------------------------------------------------------ command

struct Options {
    articles: usize,
    seed: u64,
    json: Option<PathBuf>,
    /// A warta binary to use instead of building the working tree's.
    warta: Option<PathBuf>,
    /// A warta `--config` file for every run (e.g. `typography = "ascii"`).
    warta_config: Option<PathBuf>,
}

fn parse_options(args: &[String]) -> Result<Options> {
    let mut o = Options { articles: DEFAULT_ARTICLES, seed: DEFAULT_SEED, json: None, warta: None, warta_config: None };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().with_context(|| format!("{a} needs a value"));
        match a.as_str() {
            "--articles" => o.articles = value()?.parse().context("--articles N")?,
            "--seed" => o.seed = value()?.parse().context("--seed N")?,
            "--json" => o.json = Some(PathBuf::from(value()?)),
            "--warta" => o.warta = Some(PathBuf::from(value()?)),
            "--warta-config" => o.warta_config = Some(PathBuf::from(value()?)),
            other => {
                bail!("eval noise: unknown option `{other}` (--articles N, --seed N, --json PATH, --warta BINARY, --warta-config FILE)")
            }
        }
    }
    Ok(o)
}

/// `cargo xtask eval noise [--articles N] [--seed N] [--json PATH]
/// [--warta BINARY] [--warta-config FILE]`.
pub fn run(data: Option<&Path>, args: &[String]) -> Result<Value> {
    let opts = parse_options(args)?;
    let Some(data) = data else {
        println!("eval noise: ../shared/data is absent (set WARTA_SHARED_DATA to its path); it needs clean news articles, so nothing ran.");
        return Ok(Value::Null);
    };
    let started = std::time::Instant::now();
    let (articles, vocabulary) = load_articles(data, opts.articles, opts.seed)?;
    let warta = match &opts.warta {
        Some(path) => path.clone(),
        None => release_binary()?,
    };
    let warta_run = WartaRun { binary: &warta, config: opts.warta_config.as_deref() };
    let work = root().join("target/eval/noise");

    let langs = [Lang::Id, Lang::En];
    let inputs_of = |noisy: &[NoisyArticle]| -> Vec<(String, String, String)> {
        articles.iter().zip(noisy).map(|(a, n)| (a.id.clone(), a.title.clone(), n.text.clone())).collect()
    };
    let noisy_of = |variant: Variant| -> Vec<NoisyArticle> {
        articles
            .iter()
            .enumerate()
            .map(|(i, a)| {
                // The "read also" line names the next article of the same language.
                let other = articles[i + 1..].iter().chain(&articles[..i]).find(|o| o.lang == a.lang).map_or("", |o| o.title.as_str());
                make_noisy(a, other, variant, opts.seed, &vocabulary)
            })
            .collect()
    };

    println!("eval noise: {} articles, seed {:#x}; warta runs once clean and once per noise kind…", articles.len(), opts.seed);
    let clean_inputs = inputs_of(&noisy_of(Variant::Clean));
    let clean_out = warta_run.run(&work.join("clean"), &clean_inputs)?;
    let mut clean_reports: BTreeMap<Lang, CleanReport> = BTreeMap::new();
    for a in &articles {
        let r = clean_reports.entry(a.lang).or_default();
        r.articles += 1;
        r.bytes += a.text.len();
        let Some(out) = clean_out.get(&a.id) else {
            r.set_aside += 1;
            continue;
        };
        let mut note = |name: &str, n: u64, example: Option<String>| {
            *r.counts.entry(name.to_string()).or_default() += n;
            if let Some(e) = example {
                let list = r.examples.entry(name.to_string()).or_default();
                if list.len() < MAX_EXAMPLES {
                    list.push(format!("{}: {e}", a.id));
                }
            }
        };
        for (reason, text) in &out.removed {
            note(reason, 1, Some(format!("removed «{}»", visible(&clip(text, 140)))));
        }
        for (kind, before) in &out.repairs {
            note(&format!("repair:{kind}"), 0, Some(format!("«{}»", visible(before))));
        }
        for (kind, n) in &out.edits {
            note(kind, *n, None);
        }
    }

    let mut variants: Vec<Variant> = KINDS.iter().map(|&k| Variant::Single(k)).collect();
    variants.push(Variant::Mixed);
    let mut reports: BTreeMap<(Lang, &'static str), VariantReport> = BTreeMap::new();
    for &variant in &variants {
        let noisy = noisy_of(variant);
        let dir = work.join(variant.name());
        let out = warta_run.run(&dir, &inputs_of(&noisy))?;
        // Every injection with its verdict, for a closer look than the examples.
        let mut judged = std::io::BufWriter::new(std::fs::File::create(dir.join("judged.jsonl"))?);
        for (a, n) in articles.iter().zip(&noisy) {
            let Some(clean) = clean_out.get(&a.id) else { continue };
            if n.injections.is_empty() {
                continue;
            }
            let r = reports.entry((a.lang, variant.name())).or_default();
            r.articles += 1;
            let Some(o) = out.get(&a.id) else {
                r.lost += 1;
                continue;
            };
            if o.lang != clean.lang {
                r.lang_changed += 1;
            }
            r.exact += usize::from(o.text == clean.text);
            r.exact_folded += usize::from(fold_typography(&o.text) == fold_typography(&clean.text));
            r.similarity_in += similarity(&n.text, &a.text);
            r.similarity_out += similarity(&o.text, &clean.text);
            r.same_sentence_count += usize::from(o.sentences == clean.sentences);
            let common = common_sorted(&o.entities, &clean.entities);
            r.entities_common += common;
            r.entities_noisy += o.entities.len();
            r.entities_clean += clean.entities.len();
            let outcomes: Vec<Vec<Outcome>> = n.injections.iter().map(|inj| judge(&inj.check, &o.text, &clean.text)).collect();
            for (inj, outcomes) in n.injections.iter().zip(&outcomes) {
                let (clean_words, noisy_words) = match &inj.check {
                    Check::Replaced { clean, noisy, .. } => (clean.as_str(), noisy.as_str()),
                    Check::Inserted { marker, .. } => ("", marker.as_str()),
                };
                let verdicts: Vec<String> = outcomes.iter().map(|o| format!("{o:?}")).collect();
                let line = json!({"id": a.id, "kind": inj.kind.name(), "detail": inj.detail, "outcomes": verdicts,
                                  "clean": clean_words, "noisy": noisy_words, "output": around(&o.text, &inj.check)});
                writeln!(judged, "{line}")?;
                for &outcome in outcomes {
                    r.by_kind.entry(inj.kind).or_default().add(outcome);
                    r.by_detail.entry((inj.kind, inj.detail)).or_default().add(outcome);
                }
            }
            // One failure example per article, so that the examples show
            // several articles.
            let failed = n
                .injections
                .iter()
                .zip(&outcomes)
                .find(|(_, os)| os.iter().any(|&o| matches!(o, Outcome::Left | Outcome::Partly | Outcome::GenuineLost)));
            if let Some((inj, os)) = failed {
                if r.failures.len() < MAX_EXAMPLES * 2 {
                    r.failures.push(describe_failure(&a.id, inj, os, &o.text));
                }
            }
            let all_fixed = outcomes.iter().flatten().all(|&x| matches!(x, Outcome::Restored | Outcome::NotScorable));
            if all_fixed && o.text != clean.text && r.mismatch_examples.len() < MAX_EXAMPLES {
                let (c, x) = first_difference(&clean.text, &o.text);
                r.mismatch_examples.push(format!("{}: clean run «{c}»\n      noisy run «{x}»", a.id));
            }
            let extra = collateral(o, clean, &n.injections);
            r.collateral += extra.len();
            for e in extra {
                if r.collateral_examples.len() < MAX_EXAMPLES {
                    r.collateral_examples.push(format!("{}: {e}", a.id));
                }
            }
        }
    }

    let result = print_and_collect(&langs, &variants, &clean_reports, &reports);
    println!("\n(noisy inputs and warta's outputs: {}; {:.1} s)", work.display(), started.elapsed().as_secs_f64());
    let result = json!({"seed": opts.seed, "articles_per_language": opts.articles, "warta": warta.display().to_string(),
                        "warta_config": opts.warta_config.as_ref().map(|p| p.display().to_string()), "languages": result});
    if let Some(path) = &opts.json {
        std::fs::write(path, serde_json::to_string_pretty(&result)?)?;
        println!("results: {}", path.display());
    }
    Ok(result)
}

fn pct(x: f64) -> String {
    format!("{:5.1}%", 100.0 * x)
}

fn print_and_collect(
    langs: &[Lang],
    variants: &[Variant],
    clean_reports: &BTreeMap<Lang, CleanReport>,
    reports: &BTreeMap<(Lang, &'static str), VariantReport>,
) -> Value {
    let mut by_lang = serde_json::Map::new();
    for &lang in langs {
        let Some(clean) = clean_reports.get(&lang) else { continue };
        let mb = clean.bytes as f64 / 1e6;
        println!(
            "\n== {} — {} clean articles, {:.2} MB ({} set aside by the clean run)\n",
            lang.name(),
            clean.articles,
            mb,
            clean.set_aside
        );
        println!(
            "{:<26} {:>5} {:>7} {:>8} {:>5} {:>4} {:>5} {:>6} {:>6} {:>13} {:>6} {:>6} {:>11} {:>6}",
            "noise kind",
            "inj",
            "removed",
            "restored",
            "left",
            "n/a",
            "+lost",
            "exact",
            "exact~",
            "similarity",
            "sent=",
            "entF1",
            "clean ed/MB",
            "collat"
        );
        let mut kinds_json = serde_json::Map::new();
        for &variant in variants {
            let Some(r) = reports.get(&(lang, variant.name())) else { continue };
            let mut total = Tally::default();
            for t in r.by_kind.values() {
                total.injected += t.injected;
                total.restored += t.restored;
                total.partly += t.partly;
                total.left += t.left;
                total.not_scorable += t.not_scorable;
                total.genuine_lost += t.genuine_lost;
            }
            let n = r.articles.max(1) as f64;
            let clean_edits = match variant {
                Variant::Single(kind) => {
                    let (count, per_mb) = clean.per_mb(kind);
                    (Some(count), format!("{per_mb:.1}"))
                }
                _ => (None, "-".to_string()),
            };
            println!(
                "{:<26} {:>5} {:>7} {:>8} {:>5} {:>4} {:>5} {:>6} {:>6} {:>6.3}→{:<6.3} {:>6} {:>6.3} {:>11} {:>6}",
                variant.name(),
                total.injected,
                pct(total.recall()),
                pct(total.restored_rate()),
                total.left,
                total.not_scorable,
                total.genuine_lost,
                pct(r.exact as f64 / n),
                pct(r.exact_folded as f64 / n),
                r.similarity_in / n,
                r.similarity_out / n,
                pct(r.same_sentence_count as f64 / n),
                r.entity_f1(),
                clean_edits.1,
                r.collateral
            );
            let details: serde_json::Map<String, Value> =
                r.by_detail.iter().map(|((k, d), t)| (format!("{}/{d}", k.name()), t.to_json())).collect();
            let mut entry = json!({
                "articles": r.articles,
                "lost": r.lost,
                "lang_changed": r.lang_changed,
                "exact_match": r.exact as f64 / n,
                "exact_match_typography_folded": r.exact_folded as f64 / n,
                "similarity_input": r.similarity_in / n,
                "similarity_output": r.similarity_out / n,
                "same_sentence_count": r.same_sentence_count as f64 / n,
                "entity_agreement_f1": r.entity_f1(),
                "collateral_edits": r.collateral,
                "collateral_examples": r.collateral_examples,
                "failure_examples": r.failures,
                "mismatch_examples": r.mismatch_examples,
                "details": details,
            });
            entry.as_object_mut().expect("an object").extend(total.to_json().as_object().expect("an object").clone());
            if let (Some(count), Variant::Single(kind)) = (clean_edits.0, variant) {
                entry["clean_run_edits"] = json!(count);
                entry["clean_run_edits_per_mb"] = json!(count as f64 / mb.max(1e-9));
                entry["clean_run_edit_names"] = json!(kind.output_names());
            }
            kinds_json.insert(variant.name().to_string(), entry);
        }
        println!(
            "\n(removed: the noise is gone; restored: the clean words are back exactly; n/a: the clean run changed those words itself;\n \
             +lost: genuine occurrences of a repeated sentence removed with its copies;\n \
             exact: the noisy article's final text equals the clean one's (exact~: with typographic quotes and dashes read as ASCII);\n \
             similarity: noisy vs clean text, input→output, chars, 1 - indel/length; sent=: as many sentences as the clean output;\n \
             entF1: entity mentions (text, label) of the noisy outputs against the clean outputs';\n \
             clean ed/MB: this kind's repairs/removals on the clean articles; collat: removals/repairs in noisy articles no injection explains)"
        );
        println!("\n-- details (restored+partly / scored)");
        for &variant in variants {
            let Some(r) = reports.get(&(lang, variant.name())) else { continue };
            let cell = |label: &str, t: &Tally| {
                let partly = if t.partly > 0 { format!(" ({} partly)", t.partly) } else { String::new() };
                let lost = if t.genuine_lost > 0 { format!(" (+{} genuine lost)", t.genuine_lost) } else { String::new() };
                format!("{label} {}/{}{partly}{lost}", t.restored + t.partly, t.scored())
            };
            // The mixed run by kind (one of each per article), the others by detail.
            let line: Vec<String> = if variant == Variant::Mixed {
                r.by_kind.iter().map(|(k, t)| cell(k.name(), t)).collect()
            } else {
                r.by_detail.iter().map(|((_, d), t)| cell(d, t)).collect()
            };
            let lost = if r.lost + r.lang_changed > 0 {
                format!("  [set aside {}, language changed {}]", r.lost, r.lang_changed)
            } else {
                String::new()
            };
            if variant == Variant::Mixed {
                println!("{:<26}{lost}", variant.name());
                for chunk in line.chunks(4) {
                    println!("    {}", chunk.join(", "));
                }
            } else {
                println!("{:<26} {}{lost}", variant.name(), line.join(", "));
            }
        }
        println!("\n-- edits on the clean articles (per MB), with examples");
        for (name, n) in &clean.counts {
            let examples = clean.examples.get(name).map(Vec::len).unwrap_or(0);
            if *n == 0 && examples == 0 {
                continue;
            }
            println!("{name:<34} {n:>6} ({:.1}/MB)", *n as f64 / mb.max(1e-9));
            for e in clean.examples.get(name).into_iter().flatten().take(3) {
                println!("      {}", clip(e, 200));
            }
        }
        println!("\n-- failures and collateral edits (first few per kind)");
        for &variant in variants {
            let Some(r) = reports.get(&(lang, variant.name())) else { continue };
            for f in r.failures.iter().take(3) {
                println!("  {f}");
            }
            for c in r.collateral_examples.iter().take(3) {
                println!("  collateral {}: {c}", variant.name());
            }
            for m in r.mismatch_examples.iter().take(2) {
                println!("  text differs {}: {m}", variant.name());
            }
        }
        let clean_json = json!({
            "articles": clean.articles, "bytes": clean.bytes, "set_aside": clean.set_aside,
            "edits": clean.counts, "examples": clean.examples,
        });
        by_lang.insert(lang.code().to_string(), json!({"clean_run": clean_json, "kinds": kinds_json}));
    }
    Value::Object(by_lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID_TEXT: &str = "Presiden Joko Widodo bertemu dengan Perdana Menteri Jepang di Istana Merdeka pada hari Senin.\n\
        Pertemuan itu disambut oleh para menteri dan duta besar kedua negara yang hadir di sana.\n\
        \"Kami sepakat memperdalam kerja sama,\" kata Jokowi setelah pertemuan - yang berlangsung dua jam.\n\
        Kunjungan pada 2017-2018 itu dikeluarkan dalam laporan tahunan kementerian luar negeri.";

    fn vocab(words: &[&str]) -> HashSet<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    fn only_replacement(plan: &Plan) -> (String, String) {
        assert_eq!(plan.injections.len(), 1, "{:?}", plan.injections);
        match &plan.injections[0].check {
            Check::Replaced { clean, noisy, .. } => (clean.clone(), noisy.clone()),
            other => panic!("a replacement, not {other:?}"),
        }
    }

    #[test]
    fn stops_after_function_words_go_after_a_function_word_and_are_judged_on_unique_words() {
        let mut plan = Plan::new(ID_TEXT);
        inject_stops(&mut plan, &mut Rng::new(1), Lang::Id, Kind::StopAfterFunctionWord, 3);
        assert_eq!(plan.injections.len(), 3);
        let noisy = plan.noisy_text();
        assert_eq!(noisy.matches(". ").count(), ID_TEXT.matches(". ").count() + 3);
        for inj in &plan.injections {
            let Check::Replaced { clean, noisy: window, core } = &inj.check else { panic!() };
            assert_eq!(ID_TEXT.matches(clean.as_str()).count(), 1);
            assert!(!ID_TEXT.contains(window.as_str()) && noisy.contains(window.as_str()));
            assert_eq!(window.replacen(". ", " ", 1), *clean);
            let before_stop = core.split(". ").next().unwrap();
            assert!(Lang::Id.function_words().contains(&before_stop), "{core}");
        }
    }

    #[test]
    fn a_capitalising_stop_uppercases_the_next_word() {
        let text = "Mereka menunggu lama sekali di luar gedung itu tanpa makan.";
        let mut plan = Plan::new(text);
        inject_stops(&mut plan, &mut Rng::new(3), Lang::Id, Kind::StopBeforeCapitalised, 1);
        let (clean, noisy) = only_replacement(&plan);
        let at = noisy.find(". ").unwrap();
        let next = noisy[at + 2..].chars().next().unwrap();
        assert!(next.is_uppercase(), "{noisy}");
        assert_eq!(noisy.to_lowercase().replacen(". ", " ", 1), clean.to_lowercase());
        assert!(plan.noisy_text().contains(&noisy));
    }

    #[test]
    fn prefixes_split_only_where_the_stem_is_a_word() {
        let mut plan = Plan::new(ID_TEXT);
        inject_split_prefixes(&mut plan, &mut Rng::new(7), &vocab(&["sambut", "temu"]), 5);
        let noisy = plan.noisy_text();
        assert!(noisy.contains("di sambut") && noisy.contains("ber temu"), "{noisy}");
        // "dikeluarkan": "keluarkan" is not in the vocabulary.
        assert!(noisy.contains("dikeluarkan") && !noisy.contains("di keluarkan"));
        assert_eq!(plan.injections.len(), 2);
        let details: HashSet<&str> = plan.injections.iter().map(|i| i.detail).collect();
        assert_eq!(details, ["di", "ber"].into_iter().collect());
    }

    /// The clean window with exactly one space taken out of it: the noisy one.
    fn one_space_dropped(clean: &str, noisy: &str) -> bool {
        (0..clean.len()).any(|i| clean.as_bytes()[i] == b' ' && format!("{}{}", &clean[..i], &clean[i + 1..]) == noisy)
    }

    #[test]
    fn punctuation_glue_drops_the_space_after_a_comma_or_stop_before_a_word() {
        let text = "Ia bertemu Presiden Rusia, Vladimir Putin, di Moskow. Harga produk naik 5. Menurut Jl. Sudirman\n\
            Data 2017, kata dia. Ia (AS). Pada 12 .5 dan akhir, 300 orang. \"Ya.\" katanya kepada KPK, dan NASA. Proyek itu.";
        let mut plan = Plan::new(text);
        inject_punctuation_glue(&mut plan, &mut Rng::new(2), Kind::PunctuationGlue, 20);
        let noisy = plan.noisy_text();
        let details: HashSet<&str> = plan.injections.iter().map(|i| i.detail).collect();
        let expected = [
            "comma",
            "full_stop",
            "stop_after_number",
            "stop_after_short_word",
            "comma_after_number",
            "stop_after_other",
            "comma_after_acronym",
            "stop_after_acronym",
        ];
        assert_eq!(details, expected.into_iter().collect(), "{noisy}");
        assert_eq!(noisy.len() + plan.injections.len(), text.len());
        // Never before a number or a quote, nor after a bare stop.
        assert!(noisy.contains(", 300") && noisy.contains("12 .5") && noisy.contains("\"Ya.\" katanya"), "{noisy}");
        for inj in &plan.injections {
            let Check::Replaced { clean, noisy: window, core } = &inj.check else { panic!() };
            assert!(one_space_dropped(clean, window), "{clean:?} -> {window:?}");
            assert!(noisy.contains(window.as_str()) && !text.contains(window.as_str()));
            // The core is the two words around the mark, without a space.
            let mark = core.find([',', '.']).unwrap();
            assert!(!core.contains(' ') && core[mark + 1..].starts_with(char::is_alphabetic), "{core}");
        }
        assert_eq!(punctuation_glue_detail("Rusia,"), Some("comma"));
        assert_eq!(punctuation_glue_detail("U.S."), Some("stop_after_short_word"));
        assert_eq!(punctuation_glue_detail("it."), Some("stop_after_short_word"));
        assert_eq!(punctuation_glue_detail("Li,"), Some("comma_after_short_word"));
        assert_eq!(punctuation_glue_detail("UK."), Some("stop_after_acronym"));
        assert_eq!(punctuation_glue_detail("café,"), Some("comma"));
        assert_eq!(punctuation_glue_detail("(AS)."), Some("stop_after_other"));
        assert_eq!(punctuation_glue_detail("kata"), None);
        assert_eq!(punctuation_glue_detail(","), None);
    }

    #[test]
    fn glued_words_join_only_ascii_letter_words_of_the_labelled_shapes() {
        let text = "Presiden Joko Widodo kerja yang baik dari Antara di Jakarta kata Beliau, café itu X ray 5 kali.";
        let mut plan = Plan::new(text);
        inject_glued_words(&mut plan, &mut Rng::new(4), Kind::GluedWords, 20);
        let noisy = plan.noisy_text();
        assert!(plan.injections.len() >= 4, "{noisy}");
        for inj in &plan.injections {
            let Check::Replaced { clean, noisy: window, core } = &inj.check else { panic!() };
            assert!(one_space_dropped(clean, window), "{clean:?} -> {window:?}");
            let joint = core.char_indices().find(|&(i, c)| i > 0 && c.is_ascii_uppercase()).map(|(i, _)| i);
            let first_upper = core.starts_with(char::is_uppercase);
            match inj.detail {
                "lower_lower" => assert!(core.bytes().all(|b| b.is_ascii_lowercase()), "{core}"),
                "lower_capitalised" => assert!(!first_upper && joint.is_some(), "{core}"),
                "capitalised_capitalised" => assert!(first_upper && joint.is_some(), "{core}"),
                other => panic!("unexpected detail {other}"),
            }
        }
        // Not across a comma, a non-ASCII word, a one-letter capital or a
        // number; never a capitalised word glued to a lower-case one.
        for kept in ["Beliau, café", "café itu", "X ray", "ray 5", "5 kali", "Widodo kerja", "Antara di", "Jakarta kata"] {
            assert!(noisy.contains(kept), "{kept} in {noisy}");
        }
        let details: HashSet<&str> = plan.injections.iter().map(|i| i.detail).collect();
        assert!(details.contains("lower_lower") && details.contains("lower_capitalised"), "{details:?}");
    }

    #[test]
    fn glued_names_drop_the_space_after_a_name_or_acronym_or_before_an_acronym() {
        // One pair of each shape to a text: injections keep apart.
        for (text, detail, core) in [
            ("Warga Indonesia yang tinggal di luar negeri pulang.", "capitalised_lower", "Indonesiayang"),
            ("Kabar soal TNI kemarin sudah dibantah, Ke Bali, X ray.", "acronym_lower", "TNIkemarin"),
            ("hal itu dikutip dari AFP Reuters, Bali, X ray.", "lower_acronym", "dariAFP"),
        ] {
            let mut plan = Plan::new(text);
            inject_glued_names(&mut plan, &mut Rng::new(4), 20);
            let noisy = plan.noisy_text();
            assert!(noisy.contains(core), "{core} in {noisy}");
            assert!(plan.injections.iter().all(|i| i.kind == Kind::GluedNames) && plan.injections.iter().any(|i| i.detail == detail));
            // Never lower-lower, across a comma or at a one-letter capital.
            for kept in ["X ray", ", Bali", ", Ke", "luar negeri"] {
                assert!(!text.contains(kept) || noisy.contains(kept), "{kept} in {noisy}");
            }
        }
    }

    #[test]
    fn marked_glue_has_one_punctuation_join_besides_its_glued_words() {
        let text = format!("{ID_TEXT} Ia hadir bersama istrinya, Iriana. Keduanya pulang sore.\nHarga 5. Menurut dia.");
        let article = CleanArticle { id: "g1".into(), lang: Lang::Id, title: "Judul Berita Yang Cukup Panjang".into(), text };
        let v = vocab(&[]);
        let marked = make_noisy(&article, "", Variant::Single(Kind::GluedWordsMarked), 3, &v);
        let marks: Vec<&Injection> = marked.injections.iter().filter(|i| i.detail.starts_with("mark_")).collect();
        assert_eq!(marks.len(), 1, "{:?}", marked.injections);
        let Check::Replaced { core, .. } = &marks[0].check else { panic!() };
        let at = core.find([',', '.']).unwrap();
        assert!(core[..at].ends_with(|c: char| c.is_ascii_lowercase()) && !core.contains(' '), "{core}");
        assert!(marked.injections.len() >= 3 && marked.injections.iter().all(|i| i.kind == Kind::GluedWordsMarked));
        // English gets neither glued-words kind; both languages get the
        // punctuation glue, and the mixed run has it and the glued words.
        let english = CleanArticle { lang: Lang::En, ..article };
        assert!(make_noisy(&english, "", Variant::Single(Kind::GluedWords), 3, &v).injections.is_empty());
        assert!(!make_noisy(&english, "", Variant::Single(Kind::PunctuationGlue), 3, &v).injections.is_empty());
        let english_mixed = make_noisy(&english, "", Variant::Mixed, 3, &v);
        assert!(english_mixed.injections.iter().any(|i| i.kind == Kind::PunctuationGlue));
        assert!(english_mixed.injections.iter().all(|i| !matches!(i.kind, Kind::GluedWords | Kind::GluedWordsMarked)));
        let indonesian = CleanArticle { lang: Lang::Id, ..english };
        let mixed: HashSet<Kind> = make_noisy(&indonesian, "", Variant::Mixed, 3, &v).injections.iter().map(|i| i.kind).collect();
        assert!(mixed.contains(&Kind::PunctuationGlue) && mixed.contains(&Kind::GluedWords) && !mixed.contains(&Kind::GluedWordsMarked));
    }

    #[test]
    fn a_hard_wrap_breaks_every_long_line_and_keeps_the_words() {
        let mut plan = Plan::new(ID_TEXT);
        inject_hard_wrap(&mut plan, &mut Rng::new(3));
        let noisy = plan.noisy_text();
        let width = noisy.lines().map(|l| l.chars().count()).max().unwrap();
        assert!([60, 72, 80].iter().any(|&w| width <= w && width > w - 15), "{noisy}");
        assert!(noisy.matches('\n').count() > ID_TEXT.matches('\n').count());
        assert_eq!(noisy.replace('\n', " "), ID_TEXT.replace('\n', " "));
        assert!(!plan.injections.is_empty() && plan.injections.iter().all(|i| i.kind == Kind::HardWrap));
    }

    #[test]
    fn quotes_dashes_entities_and_spaces_change_one_character_each() {
        let mut plan = Plan::new(ID_TEXT);
        inject_curly_quotes(&mut plan, &mut Rng::new(1), 2);
        inject_dashes(&mut plan, &mut Rng::new(1), 2);
        let noisy = plan.noisy_text();
        assert!(noisy.contains("“Kami") && noisy.contains("sama,”"), "{noisy}");
        assert!(noisy.contains("pertemuan – yang") || noisy.contains("pertemuan — yang"), "{noisy}");
        assert!(noisy.contains("2017–2018"));
        assert_eq!(plan.injections.len(), 4);

        let mut plan = Plan::new(ID_TEXT);
        inject_html_entities(&mut plan, &mut Rng::new(5), 3);
        inject_odd_spaces(&mut plan, &mut Rng::new(5), 2);
        inject_zero_width(&mut plan, &mut Rng::new(5), 2);
        inject_doubled_spaces(&mut plan, &mut Rng::new(5), 2);
        let noisy = plan.noisy_text();
        assert_eq!(plan.injections.len(), 9);
        assert!(noisy.contains('&'));
        assert!(noisy.contains(['\u{a0}', '\u{202f}', '\u{2009}']));
        assert!(noisy.contains(['\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}']));
        assert!(noisy.contains("  "));
        // No two injections share words: each noisy window is in the text.
        for inj in &plan.injections {
            let Check::Replaced { noisy: window, .. } = &inj.check else { panic!() };
            assert!(noisy.contains(window.as_str()), "{window:?}");
        }
    }

    #[test]
    fn inserted_lines_are_whole_lines_or_paragraph_ends() {
        let mut plan = Plan::new(ID_TEXT);
        let mut rng = Rng::new(11);
        inject_title_repeat(&mut plan, &mut rng, "Jokowi Bertemu Perdana Menteri Jepang di Istana");
        inject_read_also(&mut plan, &mut rng, Lang::Id, "Harga Beras Naik Lagi");
        inject_repeated_fragment(&mut plan, &mut rng, Lang::Id);
        let noisy = plan.noisy_text();
        assert_eq!(plan.injections.len(), 3);
        for inj in &plan.injections {
            let Check::Inserted { marker, copies } = &inj.check else { panic!() };
            let genuine = ID_TEXT.matches(marker.as_str()).count();
            assert_eq!(noisy.matches(marker.as_str()).count(), genuine + copies, "{marker}");
        }
        assert!(noisy.lines().any(|l| l.starts_with("Baca") && l.ends_with("Harga Beras Naik Lagi")));
    }

    #[test]
    fn windows_stay_inside_one_line_and_reserve_their_words() {
        let text = "satu dua tiga\nempat lima enam";
        assert_eq!(window(text, 8, 8, 1), Some((5, 13)));
        assert_eq!(window(text, 13, 13, 1), Some((9, 13))); // at the end of a line
        assert_eq!(window(text, 4, 4, 2), Some((0, 13)));
        assert_eq!(window("\n\n", 1, 1, 3), None);
        let mut plan = Plan::new(text);
        assert!(plan.replace(Kind::DoubledSpaces, "two_spaces", 8, 1, "  "));
        assert!(!plan.replace(Kind::DoubledSpaces, "two_spaces", 4, 0, "x"), "words already taken");
        assert_eq!(plan.noisy_text(), "satu dua  tiga\nempat lima enam");
    }

    #[test]
    fn judging_compares_with_the_clean_output() {
        let check = Check::Replaced { clean: "dengan Perdana".into(), noisy: "dengan. Perdana".into(), core: "dengan. Perdana".into() };
        let clean_out = "bertemu dengan Perdana Menteri.";
        assert_eq!(judge(&check, "bertemu dengan Perdana Menteri.", clean_out), vec![Outcome::Restored]);
        assert_eq!(judge(&check, "bertemu dengan. Perdana Menteri.", clean_out), vec![Outcome::Left]);
        assert_eq!(judge(&check, "bertemu dengan PERDANA Menteri.", clean_out), vec![Outcome::Partly]);
        assert_eq!(judge(&check, "anything", "the clean run changed it"), vec![Outcome::NotScorable]);
        let inserted = Check::Inserted { marker: "Simak berita".into(), copies: 3 };
        let outcomes = judge(&inserted, "Simak berita. x Simak berita.", "Simak berita.");
        assert_eq!(outcomes.iter().filter(|&&o| o == Outcome::Left).count(), 1);
        assert_eq!(outcomes.len(), 3);
        // All copies gone, and the article's own occurrence with them.
        let outcomes = judge(&inserted, "nothing left", "Simak berita.");
        assert_eq!(outcomes, vec![Outcome::Restored, Outcome::Restored, Outcome::Restored, Outcome::GenuineLost]);
    }

    #[test]
    fn similarity_counts_insertions_and_deletions() {
        assert_eq!(similarity("", ""), 1.0);
        assert_eq!(similarity("abc", "abc"), 1.0);
        assert!((similarity("abcd", "abxd") - (1.0 - 2.0 / 8.0)).abs() < 1e-12);
        assert!((similarity("dengan. Perdana", "dengan Perdana") - (1.0 - 1.0 / 29.0)).abs() < 1e-12);
        assert_eq!(similarity("abc", ""), 0.0);
        assert_eq!(indel_distance(&['a', 'b'], &['b', 'a']), 2);
    }

    #[test]
    fn fragments_are_appended_only_where_a_sentence_ends() {
        let text = "1. Gaun\nIa datang.\nBerikut daftarnya:\n\"Kami siap.\"\nTanya?";
        let ends: Vec<&str> = sentence_line_ends(text).into_iter().map(|i| &text[..i]).collect();
        assert_eq!(ends.len(), 3);
        assert!(ends[0].ends_with("Ia datang.") && ends[1].ends_with("siap.\"") && ends[2].ends_with("Tanya?"));
    }

    #[test]
    fn common_sorted_is_a_multiset_intersection() {
        assert_eq!(common_sorted(&[1, 1, 2, 5], &[1, 2, 2, 5, 7]), 3);
        assert_eq!(common_sorted::<u8>(&[], &[1]), 0);
    }

    #[test]
    fn titles_come_from_url_slugs() {
        assert_eq!(
            title_from_url("https://kumparan.com/x/ketua-mpr-mustahil-transportasi-tradisional").as_deref(),
            Some("Ketua Mpr Mustahil Transportasi Tradisional")
        );
        assert_eq!(
            title_from_url("http://www.juara.net/read/sepak-bola/178782-persib.diminta.umuh.muchtar").as_deref(),
            Some("Persib Diminta Umuh Muchtar")
        );
        assert_eq!(title_from_url("https://x.com/a/b/short-slug/"), None);
    }

    #[test]
    fn noise_is_deterministic_per_article_and_kind() {
        let article =
            CleanArticle { id: "a1".into(), lang: Lang::Id, title: "Jokowi Bertemu Perdana Menteri Jepang".into(), text: ID_TEXT.into() };
        let v = vocab(&["sambut"]);
        for variant in [Variant::Mixed, Variant::Single(Kind::StopBeforeName)] {
            let a = make_noisy(&article, "Judul Lain Yang Panjang", variant, 9, &v);
            let b = make_noisy(&article, "Judul Lain Yang Panjang", variant, 9, &v);
            assert_eq!(a.text, b.text);
            assert!(!a.injections.is_empty() && a.text != ID_TEXT);
        }
        assert_eq!(make_noisy(&article, "", Variant::Clean, 9, &v).text, ID_TEXT);
    }
}
