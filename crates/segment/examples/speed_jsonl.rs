//! Speed of the segment stage's parts on a JSONL file of articles (`text`,
//! `lang` fields; e.g. the pipeline's normalised output), one thread, wall
//! time (use a quiet machine), median of runs: the repair pass alone, and the whole stage
//! (repair, sentences, tokens). For profiling the stage on news text.
//!
//! ```text
//! cargo run --release -p warta-segment --example speed_jsonl -- FILE [--runs N] [--repair-only]
//! ```
use std::time::Instant;

use warta_core::Article;
use warta_core::ArticleStage;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        println!("speed_jsonl: pass a JSONL file of articles; nothing measured.");
        return;
    };
    let runs: usize = args.iter().position(|a| a == "--runs").and_then(|i| args.get(i + 1)).and_then(|s| s.parse().ok()).unwrap_or(5);
    let Ok(raw) = std::fs::read_to_string(path) else {
        println!("speed_jsonl: cannot read {path}; nothing measured.");
        return;
    };
    let docs: Vec<(String, String)> = raw
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            let lang = v.get("lang").and_then(|x| x.as_str()).unwrap_or("").to_string();
            (v.get("text").and_then(|x| x.as_str()).unwrap_or("").to_string(), lang)
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    let mb = bytes as f64 / 1e6;
    let repair_only = args.iter().any(|a| a == "--repair-only");
    let stage = warta_segment::Segmenter::default();
    let mut repair = Vec::new();
    let mut whole = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let mut n = 0;
        for (text, lang) in &docs {
            n += warta_segment::find_spurious_stops(text, lang).len();
        }
        repair.push(mb / t.elapsed().as_secs_f64());
        std::hint::black_box(n);
        if repair_only {
            continue;
        }
        let mut articles: Vec<Article> = docs
            .iter()
            .map(|(text, lang)| Article { text: text.clone(), lang: Some(lang.clone()), ..Default::default() })
            .collect();
        let t = Instant::now();
        for a in &mut articles {
            let _ = stage.process(a);
        }
        whole.push(mb / t.elapsed().as_secs_f64());
        std::hint::black_box(articles.iter().map(|a| a.tokens.len()).sum::<usize>());
    }
    let med = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    };
    if repair_only {
        println!("{:.1} MB, {} docs: repair alone {:.1} MB/s (median of {runs})", mb, docs.len(), med(&mut repair));
        return;
    }
    println!("{:.1} MB, {} docs: repair alone {:.1} MB/s, whole stage {:.1} MB/s (median of {runs})", mb, docs.len(), med(&mut repair), med(&mut whole));
}
