//! English segmentation speed on news (BBC 2005), one thread, thread CPU
//! time, median of runs: sentences + tokens with the learned model and with
//! the rules alone (the figure the eval prints, without the rest of the eval;
//! for profiling).
//!
//! ```text
//! cargo run --release -p warta-segment --example speed_en -- <shared/data> [--mb N] [--runs N] [--only model|rules]
//! ```
#[path = "common/mod.rs"]
mod common;

use std::path::PathBuf;

use warta_segment::{segment, segment_rules, tokenize};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut data = None;
    let (mut mb, mut runs, mut only) = (100usize, 5usize, String::new());
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--mb" => mb = it.next().and_then(|s| s.parse().ok()).unwrap_or(mb),
            "--runs" => runs = it.next().and_then(|s| s.parse().ok()).unwrap_or(runs),
            "--only" => only = it.next().cloned().unwrap_or_default(),
            _ => data = Some(PathBuf::from(a)),
        }
    }
    let Some(data) = data.filter(|d| d.join("news").is_dir()) else {
        println!("speed_en: shared data directory not found (pass the path of shared/data); nothing measured.");
        return;
    };
    let Ok(docs) = common::load_gold_docs(&data.join("news/bbc-news-2005.jsonl.gz")) else {
        println!("speed_en: news/bbc-news-2005.jsonl.gz not found; nothing measured.");
        return;
    };
    let mut texts: Vec<&str> = Vec::new();
    let mut bytes = 0;
    while bytes < mb * 1_000_000 && !docs.is_empty() {
        for d in &docs {
            texts.push(&d.text);
            bytes += d.text.len();
        }
    }
    let size = bytes as f64 / 1e6;
    // Parts of the model's cost (for profiling): the gap scan alone, and the
    // scan with the features of every candidate, on the rules' spans.
    if only == "parts" {
        let spans: Vec<_> = texts.iter().map(|t| segment_rules(t, "en")).collect();
        for part in ["scan", "features"] {
            let mut rates = Vec::new();
            let mut count = 0;
            for _ in 0..runs {
                let t0 = warta_core::cpu::thread_nanos();
                let mut n = 0usize;
                let mut feats = warta_segment::model::Features::default();
                for (t, s) in texts.iter().zip(&spans) {
                    warta_segment::model::for_each_gap(t, s, |ctx, _, _| {
                        if part == "features" {
                            warta_segment::model::gap_features(ctx, &mut feats);
                            n += feats.slots()[1] as usize & 1;
                        }
                        n += 1;
                    });
                }
                count = n;
                if let (Some(a), Some(b)) = (t0, warta_core::cpu::thread_nanos()) {
                    rates.push(size / ((b - a) as f64 / 1e9));
                }
            }
            rates.sort_by(|a, b| a.total_cmp(b));
            println!("{part:<10} median {:>7.1} cpu MB/s ({count})", rates.get(rates.len() / 2).copied().unwrap_or(f64::NAN));
        }
        return;
    }
    for (label, learned) in [("with the model", true), ("rules alone", false)] {
        if (only == "model" && !learned) || (only == "rules" && learned) {
            continue;
        }
        let mut rates = Vec::new();
        let mut count = 0;
        for _ in 0..runs {
            let t0 = warta_core::cpu::thread_nanos();
            let w0 = std::time::Instant::now();
            let mut n = 0;
            for t in &texts {
                let s = if learned { segment(t, "en") } else { segment_rules(t, "en") };
                n += tokenize(t, &s).len() + s.len();
            }
            count = n;
            let secs = match (t0, warta_core::cpu::thread_nanos()) {
                (Some(a), Some(b)) => (b - a) as f64 / 1e9,
                _ => w0.elapsed().as_secs_f64(),
            };
            rates.push(size / secs);
        }
        rates.sort_by(|a, b| a.total_cmp(b));
        let all: Vec<String> = rates.iter().map(|r| format!("{r:.1}")).collect();
        println!("sentences + tokens, {label:<16} median {:>6.1} cpu MB/s ({}; {size:.0} MB, {count} spans)", rates[rates.len() / 2], all.join(", "));
    }
}
