//! Which Indonesian-only and Malay-only words swing the language decision on
//! Indonesian training text (id-rss, UD-id train, IDNER train): prints, for
//! the texts that do not come out "id", the words that counted for Malay.
//! A tuning aid for the word lists in `src/lang.rs`; dev data only.
//!
//! ```text
//! cargo run --release -p warta-normalize --example lang_diag -- ../shared/data
//! ```

use std::collections::BTreeMap;
use std::io::Read;

use warta_normalize::lang;

fn main() {
    let data = std::env::args().nth(1).unwrap_or_else(|| "../shared/data".into());
    let mut texts: Vec<String> = Vec::new();
    let mut gz = String::new();
    if let Ok(f) = std::fs::File::open(format!("{data}/news/id-rss-2025-06.jsonl.gz")) {
        let _ = flate2::read::GzDecoder::new(f).read_to_string(&mut gz);
    }
    for line in gz.lines() {
        if let Some(t) = serde_json::from_str::<serde_json::Value>(line).ok().and_then(|v| v["text"].as_str().map(str::to_string)) {
            texts.push(t);
        }
    }
    for file in ["sbd/ud-id-gsd-train.jsonl", "ner/idner-news-2k-train.jsonl", "ner/nergrit-train.jsonl"] {
        let Ok(s) = std::fs::read_to_string(format!("{data}/{file}")) else { continue };
        for line in s.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
            if let Some(t) = v["text"].as_str() {
                texts.push(t.to_string());
            } else if let Some(toks) = v["tokens"].as_array() {
                texts.push(toks.iter().filter_map(|t| t.as_str()).collect::<Vec<_>>().join(" "));
            }
        }
    }
    if texts.is_empty() {
        println!("no data under {data}");
        return;
    }
    let mut outcome: BTreeMap<&str, usize> = BTreeMap::new();
    let mut ms_words_all: BTreeMap<String, usize> = BTreeMap::new();
    let mut ms_words_wrong: BTreeMap<String, usize> = BTreeMap::new();
    let mut shown = 0;
    for t in &texts {
        let (code, _) = lang::identify(t);
        *outcome.entry(code).or_default() += 1;
        let ev = lang::family_evidence(t);
        for (side, w, _) in &ev {
            if *side == "ms" {
                *ms_words_all.entry(w.clone()).or_default() += 1;
                if code != "id" {
                    *ms_words_wrong.entry(w.clone()).or_default() += 1;
                }
            }
        }
        if (code == "ms" || (code == "unknown" && ev.iter().any(|e| e.0 == "ms"))) && shown < 25 {
            shown += 1;
            let head: String = t.chars().take(90).collect();
            println!("{code:<8} {ev:?}\n         {head:?}");
        }
    }
    println!("\n{} Indonesian texts: {outcome:?}", texts.len());
    let mut v: Vec<_> = ms_words_all.into_iter().collect();
    v.sort_by_key(|e| std::cmp::Reverse(e.1));
    println!("Malay-list words in Indonesian text (texts containing; not-id among them):");
    for (w, n) in v.iter().take(40) {
        println!("  {w:<16} {n:>5} {:>5}", ms_words_wrong.get(w).copied().unwrap_or(0));
    }
}
