//! Analysis tool: how the gold sentence boundaries at word gaps (a space
//! inside a line) of the training sets fall into gap kinds, and how many gaps
//! of each kind there are (the cost of scoring them), on train splits and on
//! English news.
//!
//! ```text
//! cargo run --release -p warta-segment --example gap_stats -- <shared/data> ud-en-ewt-train ud-en-gum-train bbc
//! BY_LINE=1 cargo run … (same)   # kinds split by line: punctuated (P) or not (u), short (s, <= 12 words) or long (l)
//! ```
#[path = "common/mod.rs"]
mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use warta_segment::{segment, segment_rules};

fn is_url(w: &str) -> bool {
    w.contains("://") || w.starts_with("www.") || (w.contains('@') && w.contains('.'))
}

fn prev_class(w: &str) -> &'static str {
    let bare = w.trim_end_matches(['"', '\'', ')', ']', '\u{201d}', '\u{2019}']);
    if is_url(w) {
        "url"
    } else if w.len() >= 2 && w.bytes().all(|b| b.is_ascii_punctuation()) {
        "sep"
    } else if bare.ends_with(['.', '!', '?', '…']) {
        "punct"
    } else if bare.ends_with(':') {
        "colon"
    } else if bare.ends_with([',', ';']) {
        "comma"
    } else if w.bytes().all(|b| b.is_ascii_lowercase()) {
        "lower"
    } else if w.chars().next().is_some_and(char::is_uppercase) {
        "Cap"
    } else if w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        "digit"
    } else {
        "other"
    }
}

fn next_class(w: &str) -> &'static str {
    let w2 = w.trim_start_matches(['"', '\'', '(', '[', '\u{201c}', '\u{2018}']);
    if is_url(w) {
        "url"
    } else if w2.chars().next().is_some_and(char::is_lowercase) {
        "lower"
    } else if w2.chars().next().is_some_and(char::is_uppercase) {
        "Cap"
    } else if w2.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        "digit"
    } else {
        "other"
    }
}

fn main() {
    let Some(data) = std::env::args().nth(1).map(PathBuf::from).filter(|d| d.join("sbd").is_dir()) else {
        println!("gap_stats: shared data directory not found");
        return;
    };
    for set in std::env::args().skip(2).collect::<Vec<_>>() {
        let path = if set.as_str() == "bbc" { data.join("news/bbc-news-2005.jsonl.gz") } else { data.join(format!("sbd/{set}.jsonl")) };
        let Ok(mut docs) = common::load_gold_docs(&path) else { continue };
        if set.as_str() == "bbc" {
            docs.truncate(2000);
        }
        // kind -> (gaps, gold boundaries, found by rules, found by rules + model)
        let mut stats: BTreeMap<String, [usize; 4]> = BTreeMap::new();
        let mut total_gaps = 0usize;
        for d in &docs {
            let mut gold: Vec<usize> = d.gold.iter().map(|g| g.1).collect();
            gold.sort_unstable();
            let rules: Vec<usize> = segment_rules(&d.text, "en").iter().map(|s| s.end).collect();
            let full: Vec<usize> = segment(&d.text, "en").iter().map(|s| s.end).collect();
            let t = &d.text;
            for line in t.split('\n') {
                let base = line.as_ptr() as usize - t.as_ptr() as usize;
                let last = line.trim_end().trim_end_matches(['"', '\'', ')', ']', '\u{201d}']);
                let line_kind = if last.ends_with(['.', '!', '?', '…']) { "P" } else { "u" };
                let short = if line.split(' ').count() <= 12 { "s" } else { "l" };
                let words = common::space_words(line);
                for pair in words.windows(2) {
                    let (ps, pw) = pair[0];
                    let (_, nw) = pair[1];
                    let end = base + ps + pw.len();
                    total_gaps += 1;
                    let kind = if std::env::var_os("BY_LINE").is_some() {
                        format!("{} > {} {line_kind}{short}", prev_class(pw), next_class(nw))
                    } else {
                        format!("{} > {}", prev_class(pw), next_class(nw))
                    };
                    let e = stats.entry(kind).or_default();
                    e[0] += 1;
                    e[1] += gold.binary_search(&end).is_ok() as usize;
                    e[2] += rules.binary_search(&end).is_ok() as usize;
                    e[3] += full.binary_search(&end).is_ok() as usize;
                }
            }
        }
        println!("== {set}: {} docs, {total_gaps} gaps", docs.len());
        println!("{:<20} {:>8} {:>7} {:>7} {:>7}  {:>7}", "kind", "gaps", "gold", "rules", "model", "missed");
        for (k, v) in &stats {
            println!("{k:<20} {:>8} {:>7} {:>7} {:>7}  {:>7}", v[0], v[1], v[2], v[3], v[1].saturating_sub(v[3]));
        }
    }
}
