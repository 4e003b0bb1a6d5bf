//! Measures the glued-word repair (`src/glue.rs`) on text it was not built
//! from: IndoSum dev folds 4–5 (clean news, held out of `data/glue_vocab.txt`).
//!
//! - Clean text: every split is a false repair.
//! - The same text with adjacent words glued by code (one pair in 30, the
//!   space simply removed, as scrapers do): a split is right when it
//!   restores an injected glue exactly.
//! - The raw id-rss scrape (no gold): how many splits, and a sample to read.
//!
//! `cargo run --release -p warta-normalize --example eval_glue -- ../shared/data`

use std::path::Path;
use std::time::Instant;

use warta_normalize::glue::{punctuation_joins, shows_scrape_glue, space_after_punctuation, split_glued_words};

mod common;
use common::texts;


/// A small deterministic generator (xorshift), so the glued text is the same every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Removes the space between one adjacent pair of ASCII-letter words in 30.
/// Returns the glued text and the glued runs (byte ranges in it), each with
/// the text it came from.
fn glue(text: &str, rng: &mut Rng) -> (String, Vec<(usize, usize, String)>) {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut glued = Vec::new();
    let mut copied = 0;
    let mut i = 1;
    while i + 1 < bytes.len() {
        if bytes[i] == b' ' && bytes[i - 1].is_ascii_alphabetic() && bytes[i + 1].is_ascii_alphabetic() && rng.next().is_multiple_of(30) {
            // Letters are ASCII, so the first letter after any other byte is
            // on a char boundary.
            let mut start = i;
            while start > 0 && bytes[start - 1].is_ascii_alphabetic() {
                start -= 1;
            }
            let mut end = i + 1;
            while end < bytes.len() && bytes[end].is_ascii_alphabetic() {
                end += 1;
            }
            // Only pairs of whole ASCII words, not already touched.
            if start >= copied && (start == 0 || bytes[start - 1] < 0x80) && bytes.get(end).is_none_or(|&b| b < 0x80) {
                out.push_str(&text[copied..i]);
                let run_start = out.len() - (i - start);
                out.push_str(&text[i + 1..end]);
                glued.push((run_start, out.len(), text[start..end].to_string()));
                copied = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&text[copied..]);
    (out, glued)
}

fn main() {
    let Some(data) = std::env::args().nth(1).map(std::path::PathBuf::from).filter(|p| p.is_dir()) else {
        println!("eval_glue: shared data dir absent; nothing to do");
        return;
    };
    let news = data.join("news");
    if std::env::args().any(|a| a == "--speed") {
        speed(&news);
        return;
    }
    let heldout = texts(&news.join("indosum-dev.jsonl.gz"), |v| v["indosum_dev_fold"].as_u64().is_some_and(|f| f >= 4));
    let mb: f64 = heldout.iter().map(String::len).sum::<usize>() as f64 / 1e6;

    // 1. Clean text: every split is false.
    let mut false_on_clean = Vec::new();
    for t in &heldout {
        false_on_clean.extend(split_glued_words(t).1);
    }
    println!("== Glued-word repair, IndoSum dev folds 4-5 ({} articles, {mb:.1} MB), held out of the vocabulary", heldout.len());
    println!("clean text, split everywhere (`always`): {} splits ({:.2} per MB) — each one a false repair", false_on_clean.len(), false_on_clean.len() as f64 / mb);
    for (before, after) in false_on_clean.iter().take(25) {
        println!("   {before:<24} -> {after}");
    }
    // The default (`scraped`): only texts with a scraper's marks are split.
    let gated: Vec<&String> = heldout.iter().filter(|t| shows_scrape_glue(t)).collect();
    let gated_splits: Vec<(String, String)> = gated.iter().flat_map(|t| split_glued_words(t).1).collect();
    let clean_joins: usize = heldout.iter().map(|t| punctuation_joins(t).len()).sum();
    println!(
        "clean text, default (`scraped`): {} of {} articles show a scraper's marks; {} splits ({:.2} per MB); missing spaces put back: {clean_joins}",
        gated.len(),
        heldout.len(),
        gated_splits.len(),
        gated_splits.len() as f64 / mb
    );
    for (before, after) in gated_splits.iter().take(25) {
        println!("   {before:<24} -> {after}");
    }

    // 2. Injected glue.
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut injected, mut right, mut wrong, mut known_word) = (0usize, 0usize, 0usize, 0usize);
    let mut wrong_examples = Vec::new();
    let mut missed_examples = Vec::new();
    for t in &heldout {
        let (glued_text, glued) = glue(t, &mut rng);
        injected += glued.len();
        let (_, splits) = split_glued_words(&glued_text);
        // Splits come in text order; match them to the glued runs by text.
        let mut pending: Vec<(String, String)> = splits;
        for (s, e, original) in &glued {
            let run = &glued_text[*s..*e];
            if let Some(k) = pending.iter().position(|(before, _)| before == run) {
                let (_, after) = pending.remove(k);
                if &after == original {
                    right += 1;
                } else {
                    wrong += 1;
                    wrong_examples.push(format!("{run} -> {after} (was {original})"));
                }
            } else {
                let lower = run.to_ascii_lowercase();
                if warta_normalize::glue::is_known_word(&lower) {
                    known_word += 1;
                } else if missed_examples.len() < 15 {
                    missed_examples.push(format!("{run} (was {original})"));
                }
            }
        }
        wrong += pending.len();
        for (before, after) in pending {
            if wrong_examples.len() < 60 {
                wrong_examples.push(format!("{before} -> {after} (not glued)"));
            }
        }
    }
    let precision = right as f64 / (right + wrong).max(1) as f64;
    let recall = right as f64 / injected.max(1) as f64;
    let reachable = injected - known_word;
    println!("\ninjected glue: {injected} pairs; {right} restored, {wrong} wrong splits; precision {precision:.4}, recall {recall:.4}");
    println!(
        "   {known_word} of the glued pairs form a known word (\"kerja sama\" -> \"kerjasama\") and are left by design; recall on the rest {:.4}",
        right as f64 / reachable.max(1) as f64
    );
    println!("   wrong (first 60):");
    for w in &wrong_examples {
        println!("      {w}");
    }
    println!("   missed (first 15):");
    for m in &missed_examples {
        println!("      {m}");
    }

    // 3. The raw scrape.
    let rss = texts(&news.join("id-rss-2025-06.jsonl.gz"), |_| true);
    let rss_mb = rss.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    let mut all: Vec<(String, String)> = Vec::new();
    for t in &rss {
        all.extend(split_glued_words(t).1);
    }
    println!("\n== id-rss raw scrape ({} articles, {rss_mb:.1} MB): {} splits when split everywhere (`always`)", rss.len(), all.len());
    let mut sample_rng = Rng(42);
    for _ in 0..40.min(all.len()) {
        let (before, after) = &all[(sample_rng.next() % all.len() as u64) as usize];
        println!("   {before:<28} -> {after}");
    }
    let rss_gated: Vec<&String> = rss.iter().filter(|t| shows_scrape_glue(t)).collect();
    let rss_gated_splits: usize = rss_gated.iter().map(|t| split_glued_words(t).1.len()).sum();
    let spaces: Vec<(String, String)> = rss.iter().flat_map(|t| space_after_punctuation(t).1).collect();
    println!(
        "default (`scraped`): {} of {} articles show a scraper's marks and get {rss_gated_splits} splits ({:.0}% of the `always` splits); missing spaces put back: {}",
        rss_gated.len(),
        rss.len(),
        100.0 * rss_gated_splits as f64 / all.len().max(1) as f64,
        spaces.len()
    );
    let mut sample_rng = Rng(7);
    for _ in 0..40.min(spaces.len()) {
        let (before, after) = &spaces[(sample_rng.next() % spaces.len() as u64) as usize];
        println!("   {before:<28} -> {after}");
    }
    let mb_per_s = speed(&news);
    let args: Vec<String> = std::env::args().collect();
    if let Some(path) = args.iter().position(|a| a == "--json").and_then(|i| args.get(i + 1)) {
        let json = serde_json::json!({
            "heldout_mb": mb,
            "false_splits_on_clean": false_on_clean.len(),
            "false_splits_per_mb": false_on_clean.len() as f64 / mb,
            "injected": injected, "restored": right, "wrong": wrong,
            "precision": precision, "recall": recall,
            "id_rss_splits": all.len(), "id_rss_mb": rss_mb,
            "mb_per_cpu_second": mb_per_s,
        });
        std::fs::write(path, serde_json::to_string_pretty(&json).unwrap_or_default())
            .unwrap_or_else(|e| panic!("{path}: {e}"));
    }
}

/// `--speed`: the pass alone over the raw id-rss text, and the default mode;
/// MB per CPU-second of the pass alone.
fn speed(news: &Path) -> f64 {
    let rss = texts(&news.join("id-rss-2025-06.jsonl.gz"), |_| true);
    let rss_mb = rss.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    let all = median_speed(&rss, rss_mb, |t| split_glued_words(t).1.len());
    println!("\nspeed on id-rss: {all:.0} MB/s per CPU-s (median of 5; one thread, all text; only Indonesian articles get this pass)");
    // The default: the marks checked everywhere, the spaces put back, the
    // words split where the marks are.
    let default = median_speed(&rss, rss_mb, |t| {
        let gated = shows_scrape_glue(t);
        let (spaced, _) = space_after_punctuation(t);
        let t = spaced.as_deref().unwrap_or(t);
        if gated { split_glued_words(t).1.len() } else { 0 }
    });
    println!("speed of the default (`scraped`: marks, spaces, splits where marked) on id-rss: {default:.0} MB/s per CPU-s (median of 5)");
    all
}

/// MB per CPU-second of `pass` over `texts`: thread CPU time, median of 5
/// runs (the machine is shared).
fn median_speed(texts: &[String], mb: f64, pass: impl Fn(&str) -> usize) -> f64 {
    let mut speeds: Vec<f64> = (0..5)
        .map(|_| {
            let (c0, t0) = (warta_core::cpu::thread_seconds(), Instant::now());
            let n: usize = texts.iter().map(|t| pass(t)).sum();
            std::hint::black_box(n);
            let cpu = warta_core::cpu::thread_seconds() - c0;
            mb / if cpu > 0.0 { cpu } else { t0.elapsed().as_secs_f64() }
        })
        .collect();
    speeds.sort_by(f64::total_cmp);
    speeds[2]
}
