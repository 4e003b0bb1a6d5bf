//! What the rules would repair on clean text without the gate that keeps the
//! lowercase kind to texts with a sure spurious stop: every stop of each kind
//! on the clean gold sets (a gold sentence end there or not) and on the raw
//! scrapes, in context.
//!
//! ```text
//! cargo run --release -p warta-segment --example lowercase_stats -- <shared/data> [--show N]
//! ```
#[path = "common/mod.rs"]
mod common;

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::PathBuf;

use common::{context, load_gold_docs, open};
use warta_segment::{find_spurious_stops_with, rule_stops_ungated};

struct Doc {
    lang: String,
    text: String,
    ends: Option<Vec<usize>>,
}

fn raw_docs(path: &std::path::Path, lang: &str, limit: usize) -> Vec<Doc> {
    let Ok(r) = open(path) else { return Vec::new() };
    let mut out = Vec::new();
    for line in r.lines().map_while(Result::ok).take(limit) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
        let text = v["text"].as_str().unwrap_or("").to_string();
        out.push(Doc { lang: lang.to_string(), text, ends: None });
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(data) = args.first().map(PathBuf::from).filter(|p| p.is_dir()) else {
        println!("lowercase_stats: shared/data is absent; nothing to count.");
        return;
    };
    let show: usize = args.iter().position(|a| a == "--show").and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(20);
    let gold = [
        ("GSD train", "sbd/ud-id-gsd-train.jsonl"),
        ("GSD dev", "sbd/ud-id-gsd-dev.jsonl"),
        ("CSUI train", "sbd/ud-id-csui-train.jsonl"),
        ("IndoSum dev", "news/indosum-dev.jsonl.gz"),
        ("EWT train", "sbd/ud-en-ewt-train.jsonl"),
        ("EWT dev", "sbd/ud-en-ewt-dev.jsonl"),
        ("GUM train", "sbd/ud-en-gum-train.jsonl"),
        ("GUM dev", "sbd/ud-en-gum-dev.jsonl"),
    ];
    let mut sets: Vec<(String, Vec<Doc>)> = Vec::new();
    for (name, file) in gold {
        let docs = load_gold_docs(&data.join(file)).unwrap_or_default();
        let docs = docs
            .into_iter()
            .map(|d| Doc { lang: d.lang, ends: Some(d.gold.iter().map(|g| g.1).collect()), text: d.text })
            .collect();
        sets.push((name.to_string(), docs));
    }
    sets.push(("id-rss (raw)".into(), raw_docs(&data.join("news/id-rss-2025-06.jsonl.gz"), "id", usize::MAX)));
    sets.push(("BBC 2005 (first 1000)".into(), raw_docs(&data.join("news/bbc-news-2005.jsonl.gz"), "en", 1000)));
    for (name, docs) in &sets {
        let mut counts: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
        let mut shown: BTreeMap<String, usize> = BTreeMap::new();
        let mut paired: BTreeMap<String, usize> = BTreeMap::new();
        let mut gated_counts: BTreeMap<String, usize> = BTreeMap::new();
        let mb = docs.iter().map(|d| d.text.len()).sum::<usize>() as f64 / 1e6;
        for d in docs {
            for s in find_spurious_stops_with(&d.text, &d.lang, false) {
                let e = gated_counts.entry(format!("{:?}", s.kind)).or_default();
                *e += 1;
                println!("  {name} RULES {:?} {}", s.kind, context(&d.text, s.at, 50, 40));
            }
            let stops = rule_stops_ungated(&d.text, &d.lang);
            let gated = stops.iter().any(|s| s.kind.is_sure());
            let lower: Vec<usize> = stops.iter().filter(|s| format!("{:?}", s.kind) == "BeforeLowercase").map(|s| s.at).collect();
            for &at in &lower {
                if lower.iter().any(|&o| o != at && o.abs_diff(at) <= 2048) {
                    *paired.entry(name.clone()).or_default() += 1;
                    println!("  {name} PAIRED {}", context(&d.text, at, 50, 40));
                }
            }
            for s in &stops {
                let key = format!("{:?}", s.kind);
                let e = counts.entry(key.clone()).or_default();
                e.0 += 1;
                let at_end = d.ends.as_ref().map(|ends| ends.iter().any(|&x| x == s.at + 1 || x == s.at));
                e.1 += usize::from(at_end == Some(true));
                e.2 += usize::from(gated);
                let n = shown.entry(key.clone()).or_default();
                if *n < show {
                    *n += 1;
                    let mark = match at_end {
                        Some(true) => "END",
                        Some(false) => "mid",
                        None => "raw",
                    };
                    println!("  {name} {key} {mark}{} {}", if gated { " gated" } else { "" }, context(&d.text, s.at, 50, 40));
                }
            }
        }
        println!("{name}: the rules' repairs (gated): {gated_counts:?}");
        println!("{name}: BeforeLowercase with another within 2 KB: {}", paired.get(name).copied().unwrap_or(0));
        for (k, (n, end, gated)) in &counts {
            println!("{name} ({mb:.1} MB): {k}: {n} stops, {end} at a gold sentence end, {gated} in texts with a sure stop");
        }
    }
}
