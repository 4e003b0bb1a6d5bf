//! Builds `data/di_stems.txt`, the stems after which a free-standing "di" is
//! the passive prefix split off by a scraper ("di sambut" → "disambut"),
//! not the preposition ("di rumah"), and measures the joiner on held-out text.
//!
//! A stem is kept when "di"+stem occurs as one word at least `MIN_JOINED`
//! times in the training text and the two-word form "di stem" makes up at
//! most `MAX_SPLIT_SHARE` of its uses: clean news writes the verb joined and
//! the preposition apart, so the counts separate the two.
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
    let mut train = texts(&news.join("id-rss-2025-06.jsonl.gz"), |_| true);
    train.extend(texts(&news.join("indosum-dev.jsonl.gz"), |v| fold(v) <= 3));
    let heldout = texts(&news.join("indosum-dev.jsonl.gz"), |v| fold(v) >= 4);

    let mut joined: HashMap<String, u32> = HashMap::new();
    let mut split: HashMap<String, u32> = HashMap::new();
    let mut after_ke: HashMap<String, u32> = HashMap::new();
    let mut after_dari: HashMap<String, u32> = HashMap::new();
    for text in &train {
        let ws = words(text);
        for (i, w) in ws.iter().enumerate() {
            if let Some(stem) = w.strip_prefix("di") {
                if stem.len() >= MIN_STEM_LEN {
                    *joined.entry(stem.to_string()).or_default() += 1;
                }
            }
            if w == "di" {
                if let Some(next) = ws.get(i + 1) {
                    *split.entry(next.clone()).or_default() += 1;
                }
            }
            let after = match w.as_str() {
                "ke" => Some(&mut after_ke),
                "dari" => Some(&mut after_dari),
                _ => None,
            };
            if let (Some(counts), Some(next)) = (after, ws.get(i + 1)) {
                *counts.entry(next.clone()).or_default() += 1;
            }
        }
    }
    let mut stems: Vec<String> = joined
        .iter()
        .filter(|(stem, &j)| {
            let s = split.get(*stem).copied().unwrap_or(0);
            let uses = f64::from(j + s);
            let share = |counts: &HashMap<String, u32>| f64::from(counts.get(*stem).copied().unwrap_or(0)) / uses;
            let not_place = share(&after_ke) <= MAX_AFTER_KE_SHARE && share(&after_dari) <= MAX_AFTER_DARI_SHARE;
            let max_split = if not_place { MAX_SPLIT_SHARE_NOT_PLACE } else { MAX_SPLIT_SHARE };
            j >= MIN_JOINED && f64::from(s) <= max_split * uses
        })
        .map(|(stem, _)| stem.clone())
        .collect();
    stems.sort();
    println!("{} stems from {} training texts", stems.len(), train.len());

    // Held-out evaluation with the stems just built.
    let set: std::collections::HashSet<&str> = stems.iter().map(String::as_str).collect();
    let (mut false_joins, mut clean_texts_changed) = (0usize, 0usize);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for text in &heldout {
        // Precision on clean text: any join is a change that should not happen.
        let (_, n) = warta_normalize::prefix::join_split_prefixes_with(text, &|s| set.contains(s));
        if n > 0 {
            clean_texts_changed += 1;
            false_joins += n;
        }
        // Recall: split every joined di-word whose stem is a known passive verb
        // OR any di-word at all (unknown stems count as misses), then join back.
        let mut damaged = String::with_capacity(text.len() + 64);
        let mut expected_joins = 0;
        let mut last = 0;
        for (start, end) in ascii_word_spans(text) {
            let w = &text[start..end];
            let lower = w.to_ascii_lowercase();
            let at_word_start = !text[..start].ends_with(|c: char| c.is_alphanumeric());
            let stem_known = lower.len() >= 2 + MIN_STEM_LEN && joined.contains_key(&lower[2..]);
            if at_word_start && w.starts_with("di") && stem_known {
                damaged.push_str(&text[last..start]);
                damaged.push_str("di ");
                damaged.push_str(&w[2..]);
                last = end;
                expected_joins += 1;
            }
        }
        damaged.push_str(&text[last..]);
        let (restored, n) = warta_normalize::prefix::join_split_prefixes_with(&damaged, &|s| set.contains(s));
        let restored = restored.unwrap_or(damaged.clone());
        // A join is right when it lands where the clean text had the word joined.
        let right = n.min(expected_joins) - count_wrong(text, &restored);
        tp += right;
        fp += n - right;
        fn_ += expected_joins - right;
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    println!("held-out IndoSum folds 4-5 ({} texts):", heldout.len());
    println!("  clean text: {false_joins} joins in {clean_texts_changed} texts (false repairs)");
    println!("  split text: precision {p:.4}  recall {r:.4}  ({tp} right, {fp} wrong, {fn_} missed)");
    if write {
        let mut out = String::from("# di- passive stems: built by crates/normalize/examples/build_prefix_lexicon.rs\n");
        out.push_str("# from id-rss-2025-06 and IndoSum dev folds 1-3 (see data/PROVENANCE.md)\n");
        for s in &stems {
            out.push_str(s);
            out.push('\n');
        }
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/di_stems.txt");
        std::fs::write(&path, out).unwrap();
        println!("wrote {}", path.display());
    }
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
