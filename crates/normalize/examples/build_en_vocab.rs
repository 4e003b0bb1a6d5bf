//! Builds `data/en_vocab.txt`, the English word counts the glued-word repair
//! (`src/glue.rs`) reads a foreign word by: Indonesian news writes English
//! terms in italics, and a scraper drops the spaces around the tag
//! ("kegiatanoutingdi", "eatingitu", "memilikisense").
//!
//! Counts come from the text of UD English-EWT train (CC BY-SA 4.0), the
//! one English corpus in `../shared/data` whose licence allows a derived
//! file to be shipped (GUM is non-commercial, BBC News research use only).
//!
//! `cargo run --release -p warta-normalize --example build_en_vocab -- ../shared/data [--write]`

use std::collections::BTreeMap;
use std::path::Path;

mod common;
use common::{count_words, json_lines, write_word_counts};

/// Words seen fewer times are left out: a typo or a name seen once must not
/// count as English.
const MIN_COUNT: u32 = 2;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(data) = args.first().map(Path::new).filter(|p| p.is_dir()) else {
        println!("build_en_vocab: shared data dir absent; nothing to do");
        return;
    };
    let write = args.iter().any(|a| a == "--write");
    let docs = json_lines(&data.join("sbd/ud-en-ewt-train.jsonl"));
    let mut counts: BTreeMap<String, u32> = BTreeMap::new();
    for v in &docs {
        count_words(v["text"].as_str().unwrap_or(""), &mut counts);
    }
    let total: u64 = counts.values().map(|&c| u64::from(c)).sum();
    counts.retain(|_, c| *c >= MIN_COUNT);
    println!("UD English-EWT train: {} documents; {total} word tokens; {} words seen at least {MIN_COUNT} times", docs.len(), counts.len());
    if write {
        write_word_counts(
            "en_vocab.txt",
            "# word<TAB>count, lower-cased ASCII words seen at least twice in UD English-EWT train (CC BY-SA 4.0).\n\
             # Built by crates/normalize/examples/build_en_vocab.rs; provenance in PROVENANCE.md.\n",
            &counts,
        );
    }
}
