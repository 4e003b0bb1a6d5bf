//! Reads inputs with warta-ingest alone and prints what came out: articles,
//! rejects by reason, ids seen twice, bytes and speed. For checking real
//! archives by hand:
//!
//! ```text
//! cargo run --release -p warta-ingest --example ingest_count -- ../shared/data/news [--field text=body ...]
//! ```

use std::collections::{BTreeMap, HashSet};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use warta_ingest::{plan, read_file, IngestConfig, Record};

fn main() {
    let mut cfg = IngestConfig::default();
    let mut inputs = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--field" => {
                if let Err(e) = cfg.add_field_mapping(&args.next().unwrap_or_default()) {
                    eprintln!("{e}");
                    std::process::exit(2);
                }
            }
            "--input-format" => match args.next().unwrap_or_default().parse() {
                Ok(f) => cfg.input_format = Some(f),
                Err(e) => {
                    eprintln!("{e}");
                    std::process::exit(2);
                }
            },
            _ => inputs.push(PathBuf::from(a)),
        }
    }
    let files = match plan(&inputs, &cfg) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let bytes = AtomicU64::new(0);
    let mut text_bytes = 0u64;
    let mut articles = 0u64;
    let mut rejects: BTreeMap<String, u64> = BTreeMap::new();
    let mut edits: BTreeMap<String, u64> = BTreeMap::new();
    let mut ids = HashSet::new();
    let mut clashes = 0u64;
    let t = Instant::now();
    for file in &files {
        let result = read_file(file, &cfg, &bytes, &mut |r| {
            match r {
                Record::Article(a) => {
                    articles += 1;
                    text_bytes += a.text.len() as u64;
                    for (k, v) in &a.edits {
                        *edits.entry(k.to_string()).or_default() += v;
                    }
                    if !ids.insert(a.id) {
                        clashes += 1;
                    }
                }
                Record::Reject(j) => {
                    if rejects.len() < 50 && !rejects.contains_key(j.reason.as_str()) {
                        eprintln!("first {}: {} {}", j.reason, j.source, j.detail);
                    }
                    *rejects.entry(j.reason.as_str().to_string()).or_default() += 1;
                }
            }
            ControlFlow::Continue(())
        });
        if let Err(e) = result {
            eprintln!("{e}");
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let read = bytes.load(Ordering::Relaxed);
    let total_rejects: u64 = rejects.values().sum();
    println!("files: {}", files.len());
    println!("records: {} = articles {articles} + rejects {total_rejects}", articles + total_rejects);
    println!("rejects by reason: {rejects:?}");
    println!("edits: {edits:?}");
    println!("ids seen more than once: {clashes}");
    println!(
        "read {:.1} MB from disk, {:.1} MB of article text, in {secs:.2} s: {:.1} MB/s of input, {:.1} MB/s of text",
        read as f64 / 1e6,
        text_bytes as f64 / 1e6,
        read as f64 / 1e6 / secs,
        text_bytes as f64 / 1e6 / secs
    );
}
