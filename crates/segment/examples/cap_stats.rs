//! Diagnostics for the English repair of stops before a capitalised word
//! (session 9): every such stop the rules leave alone, in clean documents
//! (writers' stops) and in copies with stops inserted by code before a name
//! ("word. Name") or before a word the spinner capitalised ("word. Word"),
//! with the learned model's score, the clause test and the document
//! evidence, as TSV on stdout.
//!
//! ```text
//! cargo run --release -p warta-segment --example cap_stats -- ../shared/data [--sets ewt-train,gum-train,bbc] > caps.tsv
//! ```
//!
//! Sets: `ewt-train`, `gum-train`, `ewt-dev`, `gum-dev` (UD gold documents) and
//! `bbc` (BBC News 2005 articles; column `fold`: 0 = even hash of the id, the
//! tuning half; 1 = the other half).

#[path = "common/mod.rs"]
mod common;

use std::io::{BufRead, Write};
use std::path::PathBuf;

use common::Rng;




fn row(set: &str, doc: &str, fold: u8, variant: &str, text: &str, inserted: &[usize], s: &warta_segment::CapitalisedStop) -> String {
    let label = inserted.binary_search(&s.at).is_ok();
    let ctx = common::context(text, s.at, 50, 50).replace('\t', " ");
    let prev_core = text[..s.at].rsplit([' ', '\n', '\t']).next().unwrap_or("");
    let next_core: &str = text[s.at + 1..].trim_start().split([' ', '\n', '\t']).next().unwrap_or("");
    let next_core = next_core.trim_end_matches(|c: char| !c.is_alphanumeric());
    let pair = format!("{prev_core} {next_core}");
    let pair_elsewhere = text.match_indices(&pair).any(|(i, _)| {
        let end = i + pair.len();
        (i == 0 || !text.as_bytes()[i - 1].is_ascii_alphanumeric()) && text.as_bytes().get(end).is_none_or(|b| !b.is_ascii_alphanumeric())
    });
    let prev = text[..s.at].rsplit([' ', '\n', '\t']).next().unwrap_or("");
    let next = text[s.at + 1..].trim_start().split([' ', '\n', '\t']).next().unwrap_or("");
    format!(
        "{set}\t{doc}\t{fold}\t{variant}\t{}\t{:.3}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{prev}\t{next}\t{}\t{}\t{ctx}",
        label as u8,
        s.score,
        s.gated as u8,
        s.verb_before as u8,
        s.verb_after as u8,
        s.words_before,
        s.words_after,
        s.next_capitalised_elsewhere as u8,
        s.next_lowercase_elsewhere as u8,
        s.writer_ends as u8,
        s.writes_lowercase as u8,
        s.fragment_after.replace(['\t', '\n'], " "),
        pair_elsewhere as u8,
    )
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let data = PathBuf::from(args.first().map(String::as_str).unwrap_or("../shared/data"));
    let sets = args.iter().position(|a| a == "--sets").and_then(|i| args.get(i + 1)).cloned().unwrap_or_else(|| "ewt-train,gum-train,bbc".into());
    let mut docs: Vec<(String, String, u8, String)> = Vec::new();
    for set in sets.split(',') {
        let file = match set {
            "ewt-train" => "sbd/ud-en-ewt-train.jsonl",
            "gum-train" => "sbd/ud-en-gum-train.jsonl",
            "ewt-dev" => "sbd/ud-en-ewt-dev.jsonl",
            "gum-dev" => "sbd/ud-en-gum-dev.jsonl",
            "bbc" => "news/bbc-news-2005.jsonl.gz",
            other => panic!("unknown set {other}"),
        };
        let path = data.join(file);
        if !path.exists() {
            eprintln!("{} absent: skipped", path.display());
            continue;
        }
        let mut seen = std::collections::HashSet::new();
        for line in common::open(&path)?.lines() {
            let v: serde_json::Value = serde_json::from_str(&line?).unwrap_or_default();
            let text = v["text"].as_str().unwrap_or("").to_string();
            let id = v["id"].as_str().unwrap_or("").to_string();
            if text.is_empty() || !seen.insert(text.clone()) {
                continue;
            }
            docs.push((set.to_string(), id.clone(), (common::fnv(&id) & 1) as u8, text));
        }
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    writeln!(out, "set\tdoc\tfold\tvariant\tlabel\tscore\tgated\tvb\tva\twb\twa\tcap_else\tlow_else\twriter_ends\twrites_lower\tprev\tnext\tfrag\tpair_else\tcontext")?;
    for (set, id, fold, text) in &docs {
        for s in warta_segment::capitalised_stops(text, "en") {
            writeln!(out, "{}", row(set, id, *fold, "clean", text, &[], &s))?;
        }
        for (variant, cased) in [("name", false), ("cased", true)] {
            let mut rng = Rng(common::fnv(id) ^ common::fnv(variant) | 1);
            let (noisy, stops) = common::inject_capitalised_stops(text, &mut rng, cased, common::NOISE_FUNCTION_WORDS_EN);
            for s in warta_segment::capitalised_stops(&noisy, "en") {
                writeln!(out, "{}", row(set, id, *fold, variant, &noisy, &stops, &s))?;
            }
        }
    }
    Ok(())
}
