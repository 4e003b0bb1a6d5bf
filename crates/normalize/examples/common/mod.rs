//! Readers of `../shared/data` shared by the lexicon builders and the glue
//! evaluation (`mod common;` in each example).
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;

/// Every JSON line of a `.jsonl` or `.jsonl.gz` file; unparsable lines are
/// skipped. Panics with the path when the file cannot be opened: these are
/// developer tools over known data.
pub fn json_lines(path: &Path) -> Vec<serde_json::Value> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let reader: Box<dyn BufRead> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(BufReader::new(flate2::read::GzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    reader.lines().map_while(Result::ok).filter_map(|l| serde_json::from_str(&l).ok()).collect()
}

/// The `text` field of the records of `path` that `keep` accepts.
pub fn texts(path: &Path, keep: impl Fn(&serde_json::Value) -> bool) -> Vec<String> {
    json_lines(path).into_iter().filter(|v| keep(v)).filter_map(|v| v["text"].as_str().map(str::to_string)).collect()
}

/// Counts the lower-cased ASCII words of two letters or more in `text`.
pub fn count_words(text: &str, counts: &mut std::collections::BTreeMap<String, u32>) {
    for w in text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() >= 2) {
        *counts.entry(w.to_ascii_lowercase()).or_default() += 1;
    }
}

/// Writes `counts` as `word<TAB>count` lines under the `header` comment
/// lines to `data/FILE_NAME` of this crate.
pub fn write_word_counts(file_name: &str, header: &str, counts: &std::collections::BTreeMap<String, u32>) {
    let mut out = String::from(header);
    for (w, c) in counts {
        out.push_str(&format!("{w}\t{c}\n"));
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(file_name);
    std::fs::write(&path, out).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    println!("wrote {}", path.display());
}
