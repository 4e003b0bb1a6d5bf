//! Dumps every Indonesian gap "word Capitalised" that the segmenter leaves
//! inside a sentence, with the cohesion table's counts and a gold label, as
//! TSV for choosing the unpunctuated-boundary decision (`src/unpunct.rs`).
//!
//! ```text
//! cargo run --release -p warta-segment --example unpunct_stats -- <shared/data> > /tmp/gaps.tsv
//! cargo run --release -p warta-segment --example unpunct_stats -- <shared/data> --summary
//! ```
//!
//! `--summary` scores what `segment()` adds to the rule pass (`segment_rules`)
//! instead: on each set the new boundaries at a gold cut (right) or not, the
//! dropped stops found (recall), and on id-rss every new boundary in context.
//!
//! Sets: the clean gold sets (GSD train/dev, CSUI train, IndoSum dev; label =
//! gold boundary), the same with the final stop of a sentence dropped by code
//! at a rate of 30% where the next sentence follows on the same line
//! (`drop:` sets; label = a dropped stop or a gold boundary), and the raw
//! id-rss scrape (label `-`, no gold).
#[path = "common/mod.rs"]
mod common;

use std::io::BufRead;
use std::path::PathBuf;

use common::{load_gold_docs, open, GoldDoc, Rng};
use warta_segment::cohesion::Cohesion;
use warta_segment::{segment, segment_rules};

/// What `segment()` adds to the rule pass: (right, wrong, right at a dropped stop).
fn added(text: &str, cuts: &[usize], dropped: &[usize], show: bool) -> (usize, usize, usize) {
    let rule_starts: Vec<usize> = segment_rules(text, "id").iter().map(|s| s.start).collect();
    let (mut right, mut wrong, mut found) = (0, 0, 0);
    for s in segment(text, "id").iter().skip(1) {
        if rule_starts.binary_search(&s.start).is_ok() {
            continue;
        }
        if show {
            let a = text[..s.start].char_indices().rev().nth(60).map_or(0, |x| x.0);
            let b = text[s.start..].char_indices().nth(50).map_or(text.len(), |x| s.start + x.0);
            println!("   split {}⟦|⟧{}", text[a..s.start].replace('\n', " "), text[s.start..b].replace('\n', " "));
        }
        if cuts.binary_search(&s.start).is_ok() {
            right += 1;
            found += dropped.binary_search(&s.start).is_ok() as usize;
        } else {
            wrong += 1;
        }
    }
    (right, wrong, found)
}

fn capitalised(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(|c| c.is_ascii_uppercase()) && {
        let rest: Vec<char> = c.collect();
        !rest.is_empty() && rest.iter().all(|c| c.is_lowercase() || *c == '-')
    }
}

fn dump(set: &str, text: &str, gold_cuts: &[usize], table: &Cohesion, out: &mut impl std::io::Write) {
    let spans = segment(text, "id");
    // Capitalised words seen inside a sentence (after a word that does not end one) in this text.
    let mut inside: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    let mut prev_tok = "";
    for t in text.split([' ', '\n']).filter(|t| !t.is_empty()) {
        let w = t.trim_end_matches(|c: char| !c.is_alphanumeric());
        let p = prev_tok.trim_end_matches(|c: char| "\"'”’)]".contains(c));
        if capitalised(w) && !p.is_empty() && !p.ends_with(['.', '!', '?', ':']) {
            *inside.entry(w).or_default() += 1;
        }
        prev_tok = t;
    }
    for s in &spans {
        let sent = &text[s.start..s.end];
        let toks = common::space_words(sent);
        for i in 1..toks.len() {
            let (_, prev) = toks[i - 1];
            let (at, next) = toks[i];
            let Some(last) = prev.chars().next_back() else { continue };
            if !(last.is_lowercase() || last.is_ascii_digit() || last == '%') {
                continue;
            }
            let ncore = next.trim_end_matches(',');
            if !capitalised(ncore) {
                continue;
            }
            let next2 = toks.get(i + 1).map_or("", |t| t.1);
            let n2 = match next2.chars().next() {
                None => "none",
                Some(c) if c.is_lowercase() => "lower",
                Some(c) if c.is_uppercase() => "upper",
                Some(c) if c.is_ascii_digit() => "digit",
                _ => "punct",
            };
            let pcore = prev.trim_start_matches(|c: char| !c.is_alphanumeric());
            let plain_prev = pcore.chars().all(|c| c.is_lowercase() || c == '-');
            let c = table.counts(if plain_prev { pcore } else { "" }, ncore);
            let lower = ncore.to_lowercase();
            let nl = table.counts(&lower, "");
            let cut = s.start + at;
            let label = if gold_cuts.is_empty() && set.starts_with("rss") {
                "-".to_string()
            } else {
                (gold_cuts.binary_search(&cut).is_ok() as u8).to_string()
            };
            let prev_kind = if plain_prev { "word" } else if last.is_ascii_digit() || last == '%' { "num" } else { "mixed" };
            let ctx_a = text[..cut].char_indices().rev().nth(50).map_or(0, |x| x.0);
            let ctx_b = text[cut..].char_indices().nth(40).map_or(text.len(), |x| cut + x.0);
            let ctx = text[ctx_a..ctx_b].replace(['\t', '\n'], " ");
            let _ = writeln!(
                out,
                "{set}\t{label}\t{prev}\t{ncore}\t{next2}\t{n2}\t{}\t{prev_kind}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                next.ends_with(',') as u8,
                c.start,
                c.cap_mid,
                c.end,
                c.mid,
                c.cap_next,
                c.pair,
                i,
                toks.len() - i,
                ctx,
                nl.mid,
                nl.end,
                inside.get(ncore).copied().unwrap_or(0)
            );
        }
    }
}

/// Gold cut points (start of every sentence but the first).
fn cuts(d: &GoldDoc) -> Vec<usize> {
    let mut v: Vec<usize> = d.gold.iter().skip(1).map(|g| g.0).collect();
    v.sort_unstable();
    v
}

/// The document rebuilt with the final stop of some sentences dropped (a
/// sentence ending in a letter or digit then "." with the next sentence on
/// the same line); returns text and the cut points (every gold sentence start
/// but the first, dropped or not).
fn drop_stops(d: &GoldDoc, rng: &mut Rng, per_mille: u64) -> (String, Vec<usize>, Vec<usize>) {
    let mut text = String::with_capacity(d.text.len());
    let mut cut = Vec::new();
    let mut dropped = Vec::new();
    let mut last = 0;
    for (k, &(a, b)) in d.gold.iter().enumerate() {
        text.push_str(&d.text[last..a]);
        if k > 0 {
            cut.push(text.len());
        }
        let sent = &d.text[a..b];
        let next_same_line = d.gold.get(k + 1).is_some_and(|n| !d.text[b..n.0].contains('\n'));
        let droppable = next_same_line
            && sent.ends_with('.')
            && !sent.ends_with("..")
            && sent[..sent.len() - 1].chars().next_back().is_some_and(|c| c.is_alphanumeric())
            && !sent[..sent.len() - 1].rsplit(' ').next().unwrap_or("").contains('.');
        if droppable && rng.chance(per_mille) {
            text.push_str(&sent[..sent.len() - 1]);
            if let Some(n) = d.gold.get(k + 1) {
                dropped.push(text.len() + (n.0 - b));
            }
        } else {
            text.push_str(sent);
        }
        last = b;
    }
    text.push_str(&d.text[last..]);
    (text, cut, dropped)
}

fn main() {
    let data = std::env::args().nth(1).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("../shared/data"));
    if !data.join("sbd").is_dir() {
        println!("unpunct_stats: shared data directory not found; nothing to do.");
        return;
    }
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/model/cohesion-id.bin.zst")).unwrap_or_default();
    let table = Cohesion::decode(&bytes).unwrap_or_default();
    let summary = std::env::args().any(|a| a == "--summary");
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let sets = [
        ("gsd-train", "sbd/ud-id-gsd-train.jsonl"),
        ("gsd-dev", "sbd/ud-id-gsd-dev.jsonl"),
        ("csui-train", "sbd/ud-id-csui-train.jsonl"),
        ("indosum-dev", "news/indosum-dev.jsonl.gz"),
    ];
    for (name, file) in sets {
        let Ok(docs) = load_gold_docs(&data.join(file)) else { continue };
        let mut rng = Rng(0x5eed_0007);
        let (mut clean, mut noisy, mut dropped_total) = ((0, 0, 0), (0, 0, 0), 0);
        for d in &docs {
            let (t, c, dropped) = drop_stops(d, &mut rng, 300);
            if summary {
                let a = added(&d.text, &cuts(d), &[], false);
                clean = (clean.0 + a.0, clean.1 + a.1, 0);
                let a = added(&t, &c, &dropped, false);
                noisy = (noisy.0 + a.0, noisy.1 + a.1, noisy.2 + a.2);
                dropped_total += dropped.len();
            } else {
                dump(name, &d.text, &cuts(d), &table, &mut out);
                dump(&format!("drop:{name}"), &t, &c, &table, &mut out);
            }
        }
        if summary {
            println!(
                "{name:<12} clean text: {} new boundaries at a gold boundary, {} not | stops dropped (30%): {} new right ({} of {} dropped stops, recall {:.3}), {} wrong (precision {:.3})",
                clean.0,
                clean.1,
                noisy.0,
                noisy.2,
                dropped_total,
                noisy.2 as f64 / dropped_total.max(1) as f64,
                noisy.1,
                noisy.0 as f64 / (noisy.0 + noisy.1).max(1) as f64
            );
        }
    }
    let mut rss_added = 0;
    if let Ok(r) = open(&data.join("news/id-rss-2025-06.jsonl.gz")) {
        for line in r.lines().map_while(Result::ok) {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
            if summary {
                let a = added(v["text"].as_str().unwrap_or(""), &[], &[], true);
                rss_added += a.1;
            } else {
                dump("rss", v["text"].as_str().unwrap_or(""), &[], &table, &mut out);
            }
        }
    }
    if summary {
        println!("id-rss raw scrape: {rss_added} new boundaries (each printed above)");
    }
}
