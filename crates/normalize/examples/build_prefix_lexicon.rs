//! Builds `data/di_stems.txt` and `data/ke_stems.txt`, the stems after which
//! a free-standing "di" or "ke" is a prefix split off by a scraper ("di
//! sambut" → "disambut", "ke pada" → "kepada"), not the preposition ("di
//! rumah", "ke pasar"), and measures the joiner on held-out text.
//!
//! A stem is kept when prefix+stem occurs as one word at least `MIN_JOINED`
//! times in the training text and the two-word form "di stem" makes up at
//! most `MAX_SPLIT_SHARE` of its uses: clean news writes the prefixed word
//! joined and the preposition apart, so the counts separate the two.
//!
//! Training text: id-rss (raw scrape) and IndoSum dev folds 1–3. Held out:
//! IndoSum dev folds 4–5, where every joined di-verb is split by code (the
//! recall test) and the untouched text must not change (the precision test).
//!
//! `cargo run --release -p warta-normalize --example build_prefix_lexicon -- ../shared/data [--write]`

use std::collections::HashMap;
use std::path::Path;

mod common;
use common::texts;
use warta_normalize::prefix::{join_split_prefix_with, FreePrefix};

const MIN_JOINED: u32 = 3;
const MAX_SPLIT_SHARE: f64 = 0.02;
/// A stem that (almost) never follows "ke" and seldom "dari" is not a place
/// ("ke rumah", "dari pasar"), so a free "di" before it can only be the
/// prefix, even where scrapers split it often ("di mulai"): for such stems
/// the two-word form may reach this share of uses.
const MAX_SPLIT_SHARE_NOT_PLACE: f64 = 0.25;
/// At most this share of a stem's uses may follow "ke" for it to count as
/// "not a place": the destination preposition takes places only.
const MAX_AFTER_KE_SHARE: f64 = 0.002;
/// At most this share may follow "dari", which also opens non-places
/// ("dari mulai …", "from the start of …"; "dari awal").
const MAX_AFTER_DARI_SHARE: f64 = 0.1;
const MIN_STEM_LEN: usize = 3;
/// A "ke" stem seen this often after "di" is a destination too.
const KE_DESTINATION_AFTER_DI: u32 = 2;


/// Lower-case ASCII-letter words.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()).map(|w| w.to_ascii_lowercase()).collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(data) = args.first().map(Path::new).filter(|p| p.is_dir()) else {
        println!("build_prefix_lexicon: shared data dir absent; nothing to do");
        return;
    };
    let write = args.iter().any(|a| a == "--write");
    let news = data.join("news");
    let fold = |v: &serde_json::Value| v["indosum_dev_fold"].as_u64().unwrap_or(0);
    let clean = texts(&news.join("indosum-dev.jsonl.gz"), |v| fold(v) <= 3);
    let mut train = texts(&news.join("id-rss-2025-06.jsonl.gz"), |_| true);
    train.extend(clean.iter().cloned());
    let heldout = texts(&news.join("indosum-dev.jsonl.gz"), |v| fold(v) >= 4);
    for prefix in [FreePrefix::Di, FreePrefix::Ke] {
        // "ke" stems count joined uses in clean text only: the raw scrape
        // glues "ke" to the next word ("kemesin"), which would read as a
        // joined use. Its split uses are real: counted everywhere.
        let joined_in = if prefix == FreePrefix::Ke { &clean } else { &train };
        let counts = Counts::new(joined_in, &train, prefix);
        let stems = counts.stems(prefix);
        println!("{}-: {} stems from {} training texts", prefix.as_str(), stems.len(), train.len());
        evaluate(&heldout, prefix, &stems, &counts.joined);
        if write {
            let name = format!("{}_stems.txt", prefix.as_str());
            let what = match prefix {
                FreePrefix::Di => "di- passive stems",
                FreePrefix::Ke => "ke- stems (ke-an nouns, ordinals, kepada, ...)",
            };
            let mut out = format!("# {what}: built by crates/normalize/examples/build_prefix_lexicon.rs\n");
            out.push_str("# from id-rss-2025-06 and IndoSum dev folds 1-3 (see data/PROVENANCE.md)\n");
            for s in &stems {
                out.push_str(s);
                out.push('\n');
            }
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(name);
            std::fs::write(&path, out).unwrap();
            println!("wrote {}", path.display());
        }
    }
}

/// How often each stem is written joined to the prefix and after it as a
/// word of its own, and how often each word follows "ke" and "dari".
struct Counts {
    joined: HashMap<String, u32>,
    split: HashMap<String, u32>,
    after_ke: HashMap<String, u32>,
    after_dari: HashMap<String, u32>,
    after_di: HashMap<String, u32>,
}

impl Counts {
    /// Joined uses counted in `joined_in`, the rest in `train`.
    fn new(joined_in: &[String], train: &[String], prefix: FreePrefix) -> Counts {
        let prefix_word = prefix.as_str();
        let mut c = Counts { joined: HashMap::new(), split: HashMap::new(), after_ke: HashMap::new(), after_dari: HashMap::new(), after_di: HashMap::new() };
        for text in joined_in {
            for w in words(text) {
                if let Some(stem) = w.strip_prefix(prefix_word) {
                    if stem.len() >= MIN_STEM_LEN {
                        *c.joined.entry(stem.to_string()).or_default() += 1;
                    }
                }
            }
        }
        for text in train {
            // "di"'s counts (session 4) pair words across punctuation; "ke"
            // pairs them across one space only: "… di. Pada hari …" must not
            // read as "di pada", which would keep "kepada" out.
            let ws: Vec<Option<String>> =
                if prefix == FreePrefix::Ke { spaced_words(text) } else { words(text).into_iter().map(Some).collect() };
            for (i, w) in ws.iter().enumerate() {
                let Some(w) = w else { continue };
                let next = ws.get(i + 1).and_then(Option::as_ref);
                if w == prefix_word {
                    if let Some(next) = next {
                        *c.split.entry(next.clone()).or_default() += 1;
                    }
                }
                let after = match w.as_str() {
                    "ke" => Some(&mut c.after_ke),
                    "dari" => Some(&mut c.after_dari),
                    "di" => Some(&mut c.after_di),
                    _ => None,
                };
                if let (Some(counts), Some(next)) = (after, next) {
                    *counts.entry(next.clone()).or_default() += 1;
                }
            }
        }
        c
    }

    /// The stems whose split form is rare enough. For "di" a stem that is
    /// not a place may be split more often (the module comment); "ke" takes
    /// places as a preposition, so its stems get no such allowance.
    fn stems(&self, prefix: FreePrefix) -> Vec<String> {
        let mut stems: Vec<String> = self
            .joined
            .iter()
            .filter(|(stem, &j)| {
                let s = self.split.get(*stem).copied().unwrap_or(0);
                let uses = f64::from(j + s);
                let share = |counts: &HashMap<String, u32>| f64::from(counts.get(*stem).copied().unwrap_or(0)) / uses;
                let not_place = prefix == FreePrefix::Di && share(&self.after_ke) <= MAX_AFTER_KE_SHARE && share(&self.after_dari) <= MAX_AFTER_DARI_SHARE;
                let max_split = if not_place { MAX_SPLIT_SHARE_NOT_PLACE } else { MAX_SPLIT_SHARE };
                // After "ke" a word that can follow "di" is a destination
                // ("ke dua negara", "kembali ke ring"), whatever its joined
                // form means ("kedua", "kering").
                let destination = prefix == FreePrefix::Ke && self.after_di.get(*stem).copied().unwrap_or(0) >= KE_DESTINATION_AFTER_DI;
                j >= MIN_JOINED && f64::from(s) <= max_split * uses && !destination
            })
            .map(|(stem, _)| stem.clone())
            .collect();
        stems.sort();
        stems
    }
}

/// Held-out evaluation of `stems`: joins in the untouched text (false
/// repairs), and every prefixed word of the text split by code and joined
/// back (precision and recall).
fn evaluate(heldout: &[String], prefix: FreePrefix, stems: &[String], joined: &HashMap<String, u32>) {
    let set: std::collections::HashSet<&str> = stems.iter().map(String::as_str).collect();
    let is_stem = |s: &str| set.contains(s);
    let (mut false_joins, mut clean_texts_changed) = (0usize, 0usize);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut examples = Vec::new();
    for text in heldout {
        // Precision on clean text: any join is a change that should not happen.
        let (out, n) = join_split_prefix_with(text, prefix, &is_stem);
        if n > 0 {
            clean_texts_changed += 1;
            false_joins += n;
            if examples.len() < 12 {
                examples.extend(joined_words(text, out.as_deref().unwrap_or(text)));
            }
        }
        // Recall: split every word of the prefix whose stem the training
        // text joins to it (unknown stems count as misses), then join back.
        let mut damaged = String::with_capacity(text.len() + 64);
        let mut expected_joins = 0;
        let mut last = 0;
        for (start, end) in ascii_word_spans(text) {
            let w = &text[start..end];
            let lower = w.to_ascii_lowercase();
            let at_word_start = !text[..start].ends_with(|c: char| c.is_alphanumeric());
            let stem_known = lower.len() >= 2 + MIN_STEM_LEN && joined.contains_key(&lower[2..]);
            if at_word_start && w.starts_with(prefix.as_str()) && stem_known {
                damaged.push_str(&text[last..start]);
                damaged.push_str(prefix.as_str());
                damaged.push(' ');
                damaged.push_str(&w[2..]);
                last = end;
                expected_joins += 1;
            }
        }
        damaged.push_str(&text[last..]);
        let (restored, n) = join_split_prefix_with(&damaged, prefix, &is_stem);
        let restored = restored.unwrap_or(damaged.clone());
        // A join is right when it lands where the clean text had the word joined.
        let right = n.min(expected_joins) - count_wrong(text, &restored);
        tp += right;
        fp += n - right;
        fn_ += expected_joins - right;
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    println!("  held-out IndoSum folds 4-5 ({} texts):", heldout.len());
    println!("    clean text: {false_joins} joins in {clean_texts_changed} texts (false repairs) {examples:?}");
    println!("    split text: precision {p:.4}  recall {r:.4}  ({tp} right, {fp} wrong, {fn_} missed)");
}

/// The words of `out` that join two words of `text` (for the report).
fn joined_words(text: &str, out: &str) -> Vec<String> {
    let a: std::collections::HashSet<&str> = text.split_whitespace().collect();
    out.split_whitespace().filter(|w| !a.contains(w)).map(str::to_string).collect()
}

/// The text's space-separated words, lower-cased, `None` for any that is
/// not all ASCII letters: a word follows another only across one space,
/// not across a stop or a comma ("… di. Pada hari …").
fn spaced_words(text: &str) -> Vec<Option<String>> {
    text.split(' ').map(|w| (!w.is_empty() && w.bytes().all(|b| b.is_ascii_alphabetic())).then(|| w.to_ascii_lowercase())).collect()
}

/// Byte spans of runs of ASCII letters.
fn ascii_word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, b) in text.bytes().enumerate() {
        match (b.is_ascii_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}

/// Joins in `restored` that the clean `text` does not have: word-level
/// differences between the two.
fn count_wrong(text: &str, restored: &str) -> usize {
    let a: Vec<&str> = text.split_whitespace().collect();
    let b: Vec<&str> = restored.split_whitespace().collect();
    if a == b {
        return 0;
    }
    // Different word counts: the extra joins are the difference in length
    // plus positions that disagree after aligning greedily.
    let mut wrong = 0;
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            i += 1;
            j += 1;
        } else if i + 1 < a.len() && format!("{}{}", a[i], a[i + 1]) == b[j] {
            wrong += 1;
            i += 2;
            j += 1;
        } else {
            i += 1;
            j += 1;
        }
    }
    wrong
}
