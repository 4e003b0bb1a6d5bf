//! Writes the stage's output for every article of a `.jsonl.gz` news file as
//! JSON lines (the whole article record), so that two versions of the stage
//! can be diffed byte for byte.
//!
//! ```text
//! cargo run --release -p warta-normalize --example dump -- IN.jsonl.gz OUT.jsonl
//! ```
//!
//! Articles go in without a language, so language identification runs too.

use std::io::{BufWriter, Read, Write};

use warta_core::{Article, ArticleStage};
use warta_normalize::Normalizer;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(input), Some(output)) = (args.first(), args.get(1)) else {
        eprintln!("usage: dump IN.jsonl.gz OUT.jsonl");
        return;
    };
    let Ok(file) = std::fs::File::open(input) else {
        println!("{input} not found; nothing written.");
        return;
    };
    let mut s = String::new();
    if flate2::read::GzDecoder::new(file).read_to_string(&mut s).is_err() {
        println!("cannot read {input}");
        return;
    }
    let Ok(out) = std::fs::File::create(output) else {
        eprintln!("cannot create {output}");
        return;
    };
    let mut out = BufWriter::new(out);
    let stage = Normalizer::default();
    for (n, line) in s.lines().enumerate() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let Some(text) = v["text"].as_str() else { continue };
        let mut article = Article::new(v["id"].as_str().map(str::to_string).unwrap_or_else(|| n.to_string()), text);
        article.title = v["title"].as_str().map(str::to_string);
        let result = match stage.process(&mut article) {
            Ok(()) => serde_json::to_value(&article).unwrap_or_default(),
            Err((reason, why)) => serde_json::json!({"id": article.id, "rejected": format!("{reason:?}"), "why": why}),
        };
        let _ = writeln!(out, "{result}");
    }
}
