//! Builds `data/glue_vocab.txt`, the word counts the glued-word repair
//! (`src/glue.rs`) decides with: a run of letters that is not a known word
//! but splits into known, frequent words was glued by a scraper.
//!
//! Counts come from clean Indonesian text only, so that the glued forms of
//! a raw scrape never become "known words": IndoSum dev folds 1–3 and the
//! train splits of NERP, idner-news-2k, NERGrit and IndoLEM NER-UI/UGM
//! (their tokens). IndoSum folds 4–5 stay held out for `examples/eval_glue.rs`.
//! The raw id-rss scrape then adds its counts to the words the clean text
//! already holds (never a word of its own, never an English one).
//!
//! `cargo run --release -p warta-normalize --example build_glue_vocab -- ../shared/data [--write]`

use std::collections::BTreeMap;
use std::path::Path;

mod common;
use common::{count_words, json_lines, write_word_counts};

/// Words seen fewer times are left out: a typo seen once must not make a
/// glued pair "known", and the file stays small.
const MIN_COUNT: u32 = 2;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(data) = args.first().map(Path::new).filter(|p| p.is_dir()) else {
        println!("build_glue_vocab: shared data dir absent; nothing to do");
        return;
    };
    let write = args.iter().any(|a| a == "--write");
    let mut counts = BTreeMap::new();
    let mut sources = Vec::new();
    let indosum = json_lines(&data.join("news/indosum-dev.jsonl.gz"));
    let train: Vec<_> = indosum.iter().filter(|v| v["indosum_dev_fold"].as_u64().is_some_and(|f| f <= 3)).collect();
    for v in &train {
        count_words(v["text"].as_str().unwrap_or(""), &mut counts);
    }
    sources.push(format!("IndoSum dev folds 1-3: {} articles", train.len()));
    for name in ["nerp", "idner-news-2k", "nergrit", "indolem-nerui", "indolem-nerugm"] {
        let rows = json_lines(&data.join(format!("ner/{name}-train.jsonl")));
        for v in &rows {
            let tokens = v["tokens"].as_array().map(|t| t.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join(" "));
            count_words(&tokens.unwrap_or_default(), &mut counts);
        }
        sources.push(format!("{name} train: {} sentences", rows.len()));
    }
    let total: u64 = counts.values().map(|&c| u64::from(c)).sum();
    counts.retain(|_, c| *c >= MIN_COUNT);
    // The raw scrape adds to the counts of words the clean text knows, never
    // a word of its own: its glued forms ("melaluitautan") must stay unknown,
    // but its 10 MB of news make rarer words of the clean text ("tautan",
    // "insentif") frequent enough to be the pieces of a split.
    {
        let mut scrape = BTreeMap::new();
        let rows = json_lines(&data.join("news/id-rss-2025-06.jsonl.gz"));
        for v in &rows {
            count_words(v["text"].as_str().unwrap_or(""), &mut scrape);
        }
        // English words are left at their clean counts: the scrape writes
        // many English terms, and a boosted "high" or "over" would cut
        // English compounds the counts do not hold ("highlight", "overhead").
        let english: std::collections::HashSet<&str> = include_str!("../data/en_vocab.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .filter(|(_, n)| n.parse::<u32>().is_ok_and(|n| n >= MIN_COUNT))
            .map(|(w, _)| w)
            .collect();
        let mut boosted = 0;
        for (word, c) in counts.iter_mut() {
            if english.contains(word.as_str()) {
                continue;
            }
            if let Some(&extra) = scrape.get(word) {
                *c += extra;
                boosted += 1;
            }
        }
        sources.push(format!("id-rss 2025-06 (raw scrape, counts of known words only): {} articles, {boosted} words boosted", rows.len()));
    }
    println!("{}; {total} word tokens; {} words seen at least {MIN_COUNT} times", sources.join("; "), counts.len());
    if write {
        write_word_counts(
            "glue_vocab.txt",
            "# word<TAB>count, lower-cased ASCII words seen at least twice in clean Indonesian text.\n\
             # Built by crates/normalize/examples/build_glue_vocab.rs; provenance in PROVENANCE.md.\n",
            &counts,
        );
    }
}
