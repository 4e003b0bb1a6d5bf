//! Error analysis on one dev split: counts of error kinds (missed, spurious,
//! wrong type, wrong boundary) and the most frequent erroneous entities.
//!
//! cargo run --release -p warta-tag --example errors -- <shared/data> <set> [--model PATH] [--profile] [--top N] [--holdout K] [--holdout-fold R] [--holdout-docs]
//!
//! `--holdout K`: the held-out blocks of train of `train --holdout K` (every
//! K-th block of 50 sentences) instead of dev, for a model trained so.

#[path = "common/mod.rs"]
mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use warta_tag::eval::spans;
use warta_tag::model::LABELS;
use warta_tag::{TagConfig, Tagger};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut pos = Vec::new();
    let mut model = None;
    let mut profile = false;
    let mut top = 25usize;
    let mut holdout: Option<usize> = None;
    let mut holdout_fold: Option<usize> = None;
    let mut holdout_docs = false;
    let mut k = 0;
    while k < args.len() {
        match args[k].as_str() {
            "--model" => {
                model = args.get(k + 1).map(PathBuf::from);
                k += 1;
            }
            "--top" => {
                top = args.get(k + 1).and_then(|s| s.parse().ok()).unwrap_or(top);
                k += 1;
            }
            "--profile" => profile = true,
            "--holdout-docs" => holdout_docs = true,
            "--holdout-fold" => {
                holdout_fold = args.get(k + 1).and_then(|s| s.parse().ok());
                k += 1;
            }
            "--holdout" => {
                holdout = args.get(k + 1).and_then(|s| s.parse().ok());
                k += 1;
            }
            a => pos.push(a.to_string()),
        }
        k += 1;
    }
    if pos.len() != 2 {
        println!("usage: errors <shared/data dir> <set> [--model PATH] [--profile] [--top N]");
        return;
    }
    let ner = PathBuf::from(&pos[0]).join("ner");
    let set = pos[1].as_str();
    let Some(&(_, lang, has_org)) = common::SETS.iter().find(|s| s.0 == set) else {
        println!("unknown set {set}");
        return;
    };
    let split = if holdout.is_some() { "train" } else { "dev" };
    let Ok(mut dev) = common::load(&ner.join(format!("{set}-{split}.jsonl")), has_org, 0) else {
        println!("{set}: {split} split absent under {}", ner.display());
        return;
    };
    if let Some(k) = holdout {
        // The same blocks (or documents) as `train --holdout K` holds out.
        let r = holdout_fold.unwrap_or(k - 1) % k;
        let units = common::holdout_units(
            &ner.join(format!("{set}-train.jsonl")),
            dev.len(),
            holdout_docs,
        );
        dev = dev
            .into_iter()
            .enumerate()
            .filter(|(i, _)| units[*i] % k == r)
            .map(|x| x.1)
            .collect();
    }
    // Entity surfaces (lower case) of the training sentences the scored
    // model saw: the whole train split for dev, the rest of it for held-out
    // units; recall is printed apart for names seen and unseen there.
    let mut seen_surfaces: std::collections::HashSet<String> = std::collections::HashSet::new();
    if let Ok(train) = common::load(&ner.join(format!("{set}-train.jsonl")), has_org, 0) {
        let held = holdout.map(|k| {
            let units = common::holdout_units(
                &ner.join(format!("{set}-train.jsonl")),
                train.len(),
                holdout_docs,
            );
            (k, holdout_fold.unwrap_or(k - 1) % k, units)
        });
        for (i, s) in train.iter().enumerate() {
            if held.as_ref().is_some_and(|(k, r, u)| u[i] % k == *r) {
                continue;
            }
            for e in spans(&s.tags) {
                seen_surfaces.insert(s.words[e.0..e.1].join(" ").to_lowercase());
            }
        }
    }
    // Found / gold entities whose surface is seen, unseen in training.
    let mut by_seen = [[0usize; 2]; 2];
    let cfg = TagConfig {
        profile: if profile {
            set.to_string()
        } else {
            String::new()
        },
        ..TagConfig::default()
    };
    let tagger = match &model {
        Some(p) => Tagger::from_bytes(cfg, &std::fs::read(p).expect("model readable"))
            .expect("model valid"),
        None => Tagger::embedded(cfg),
    };
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let mut examples: BTreeMap<String, usize> = BTreeMap::new();
    let text = |w: &[String], a: usize, b: usize| w[a..b].join(" ");
    // Per label: exact matches, gold entities, predicted entities.
    let mut per_label = [[0usize; 3]; 3];
    for s in &dev {
        let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
        let pred = tagger.tag_words(&words, lang);
        let g: Vec<_> = spans(&s.tags)
            .into_iter()
            .filter(|e| has_org || e.2 != 1)
            .collect();
        let p: Vec<_> = spans(&pred)
            .into_iter()
            .filter(|e| has_org || e.2 != 1)
            .collect();
        for e in &g {
            per_label[e.2][1] += 1;
            let seen =
                usize::from(seen_surfaces.contains(&text(&s.words, e.0, e.1).to_lowercase()));
            by_seen[seen][1] += 1;
            if p.contains(e) {
                by_seen[seen][0] += 1;
                per_label[e.2][0] += 1;
                continue;
            }
            let overlap = p.iter().find(|q| q.0 < e.1 && e.0 < q.1);
            let (kind, detail) = match overlap {
                None => (format!("missed {}", LABELS[e.2]), String::new()),
                Some(q) if (q.0, q.1) == (e.0, e.1) => (
                    format!("type {}->{}", LABELS[e.2], LABELS[q.2]),
                    String::new(),
                ),
                Some(q) => (
                    format!("boundary {}", LABELS[e.2]),
                    format!(" => [{}]{}", text(&s.words, q.0, q.1), LABELS[q.2]),
                ),
            };
            *kinds.entry(kind.clone()).or_default() += 1;
            *examples
                .entry(format!("{kind}: [{}]{}", text(&s.words, e.0, e.1), detail))
                .or_default() += 1;
        }
        for q in &p {
            per_label[q.2][2] += 1;
            if g.contains(q) || g.iter().any(|e| q.0 < e.1 && e.0 < q.1) {
                continue;
            }
            let kind = format!("spurious {}", LABELS[q.2]);
            *kinds.entry(kind.clone()).or_default() += 1;
            *examples
                .entry(format!("{kind}: [{}]", text(&s.words, q.0, q.1)))
                .or_default() += 1;
        }
    }
    println!(
        "{set} ({} model): error kinds",
        if profile { "profile" } else { "general" }
    );
    for (label, [hit, gold, pred]) in per_label.iter().enumerate() {
        if *gold + *pred == 0 {
            continue;
        }
        let pc = |a: usize, b: usize| {
            if b == 0 {
                0.0
            } else {
                100.0 * a as f64 / b as f64
            }
        };
        let (p, r) = (pc(*hit, *pred), pc(*hit, *gold));
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        println!(
            "  {:<4} P {p:5.2}  R {r:5.2}  F1 {f:5.2}  ({hit} of {gold} gold, {pred} predicted)",
            LABELS[label]
        );
    }
    for (seen, [hit, gold]) in by_seen.iter().enumerate().rev() {
        println!(
            "  recall, names {} in training: {hit} of {gold} ({:.1}%)",
            if seen == 1 { "seen" } else { "unseen" },
            100.0 * *hit as f64 / (*gold).max(1) as f64
        );
    }
    let mut kv: Vec<_> = kinds.into_iter().collect();
    kv.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (k, n) in &kv {
        println!("  {n:>5}  {k}");
    }
    println!("most frequent:");
    let mut ev: Vec<_> = examples.into_iter().collect();
    ev.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (e, n) in ev.iter().take(top) {
        println!("  {n:>3}  {e}");
    }
}
