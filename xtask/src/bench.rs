//! `cargo xtask bench`: throughput and memory of every stage alone and of the
//! whole pipeline, with one thread and with all, on a generated archive
//! (plus `../shared/data/news` when present).
//!
//! Every figure comes from running the release `warta` binary as a child
//! process; peak RSS and CPU time come from `wait4`'s rusage (`measure`).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Result;
use serde_json::{json, Value};

use crate::measure::{measure, Measured};
use crate::{cargo, gen, root, run_cmd, shared_data};

/// One line of the results table.
struct Row {
    what: String,
    threads: usize,
    m: Measured,
    mb_per_s: f64,
    /// Articles in the input it read.
    articles: f64,
    /// Memory of the de-duplication index at the end of a run (from its
    /// stats.json), which the memory bound leaves out; 0 when unknown.
    index_mb: f64,
}

/// Each stage's throughput inside a run, from its stats.json: MB of text per
/// busy second, which for the per-article stages is per core (time summed
/// over articles), and for dedup and the reader the wall time of their thread.
fn print_stage_throughput(label: &str, stats: &Value) {
    let parts: Vec<String> = stats["stages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| {
            let busy = s[1]["busy_seconds"].as_f64().filter(|b| *b > 0.0)?;
            let mb = s[1]["bytes_in"].as_f64()? / 1e6;
            // Per CPU-second where the stage measured it: per core, whatever
            // else the machine (or the run's other threads) was doing.
            let per_cpu = match s[1]["cpu_seconds"].as_f64().filter(|c| *c > 0.0) {
                Some(cpu) => format!(" ({:.1} per CPU-s)", mb / cpu),
                None => String::new(),
            };
            Some(format!("{} {:.1}{per_cpu}", s[0].as_str()?, mb / busy))
        })
        .collect();
    println!("  stage MB/s inside the {label}: {}", parts.join(", "));
}

/// The de-duplication index's memory, as the run reported it.
fn index_mb(stats: &Value) -> f64 {
    stats["stages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| s[0] == "dedup")
        .map(|s| s[1]["state_bytes"].as_f64().unwrap_or(0.0) / (1024.0 * 1024.0))
        .sum()
}

fn arg_value(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned())
}

pub fn run(args: &[String]) -> Result<()> {
    let size_mb: u64 = arg_value(args, "--size-mb").map(|s| s.parse()).transpose()?.unwrap_or(1024);
    // `--run-only`: just the end-to-end run with all threads (the memory
    // bound on a large archive, without hours of per-stage timings).
    let run_only = args.iter().any(|a| a == "--run-only");
    let all_threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let dir = root().join("target/bench");
    std::fs::create_dir_all(&dir)?;

    println!("building the release binary…");
    let warta = crate::release_binary()?;

    let input = dir.join(format!("gen-{size_mb}mb.jsonl"));
    let meta_path = dir.join(format!("gen-{size_mb}mb.json"));
    let meta: Value = match std::fs::read_to_string(&meta_path).ok().and_then(|s| serde_json::from_str(&s).ok()) {
        Some(m) if input.exists() => m,
        _ => {
            println!("generating a {size_mb} MB archive…");
            let mut w = BufWriter::with_capacity(1 << 20, File::create(&input)?);
            let (articles, text_bytes) = gen::generate(&mut w, size_mb << 20, 42)?;
            w.flush()?;
            let m = json!({"articles": articles, "text_bytes": text_bytes});
            std::fs::write(&meta_path, m.to_string())?;
            m
        }
    };
    let jsonl_bytes = std::fs::metadata(&input)?.len();
    let text_mb = meta["text_bytes"].as_u64().unwrap_or(jsonl_bytes) as f64 / 1e6;
    let articles = meta["articles"].as_u64().unwrap_or(0) as f64;
    let (gz, zst) = if run_only { (input.clone(), input.clone()) } else { (compressed(&input, "gz")?, compressed(&input, "zst")?) };

    let mut results = serde_json::Map::new();
    results.insert("input".into(), json!({"jsonl_bytes": jsonl_bytes, "text_mb": text_mb, "articles": articles}));
    let mut rows: Vec<Row> = Vec::new();

    // Ingestion per format: MB/s of decompressed JSONL.
    let ingested = dir.join("stage-ingest.bin");
    let formats: &[(&str, &PathBuf)] = if run_only { &[] } else { &[("ingest jsonl", &input), ("ingest jsonl.gz", &gz), ("ingest jsonl.zst", &zst)] };
    for &(label, path) in formats {
        let out = (label == "ingest jsonl").then_some(ingested.as_path());
        let m = measure(Command::new(&warta).args(["ingest", "--quiet", "--format", "bincode"]).arg(path), out)?;
        let mb_per_s = jsonl_bytes as f64 / 1e6 / m.wall;
        rows.push(Row { what: label.into(), threads: all_threads, m, mb_per_s, articles, index_mb: 0.0 });
    }

    // Each stage alone, on the previous stage's bincode output.
    let mut previous = ingested.clone();
    let stages: &[&str] = if run_only { &[] } else { &["normalize", "segment", "dedup", "tag"] };
    for &stage in stages {
        let next = dir.join(format!("stage-{stage}.bin"));
        for threads in [1, all_threads] {
            let out = (threads == all_threads).then_some(next.as_path());
            let m = measure(
                Command::new(&warta)
                    .args([stage, "--quiet", "--format", "bincode", "--threads", &threads.to_string()])
                    .arg(&previous),
                out,
            )?;
            let mb_per_s = text_mb / m.wall;
            rows.push(Row { what: stage.into(), threads, m, mb_per_s, articles, index_mb: 0.0 });
        }
        previous = next;
    }

    // The whole pipeline.
    let run_threads: &[usize] = if run_only { &[all_threads] } else { &[1, all_threads] };
    for &threads in run_threads {
        let out = dir.join(format!("run-t{threads}"));
        let m = measure(
            Command::new(&warta).args(["run", "--quiet", "--threads", &threads.to_string(), "--out"]).arg(&out).arg(&input),
            None,
        )?;
        let stats: Value = serde_json::from_str(&std::fs::read_to_string(out.join("stats.json"))?)?;
        print_stage_throughput(&format!("run, {threads} thread(s)"), &stats);
        let mb_per_s = text_mb / m.wall;
        rows.push(Row { what: "run (end to end)".into(), threads, m, mb_per_s, articles, index_mb: index_mb(&stats) });
    }

    if let Some(data) = shared_data().filter(|_| !run_only) {
        let news: Vec<PathBuf> = ["id-rss-2025-06.jsonl.gz", "bbc-news-2005.jsonl.gz", "indosum-dev.jsonl.gz"]
            .iter()
            .map(|f| data.join("news").join(f))
            .filter(|p| p.exists())
            .collect();
        if !news.is_empty() {
            let out = dir.join("run-shared-news");
            let m = measure(Command::new(&warta).args(["run", "--quiet", "--out"]).arg(&out).args(&news), None)?;
            let stats: Value = serde_json::from_str(&std::fs::read_to_string(out.join("stats.json"))?)?;
            // Input bytes here are the compressed files as read.
            let mb = stats["input_bytes"].as_f64().unwrap_or(0.0) / 1e6;
            rows.push(Row {
                what: "run shared/data/news (gz MB)".into(),
                threads: all_threads,
                m,
                mb_per_s: mb / m.wall,
                articles: stats["records_in"].as_f64().unwrap_or(0.0),
                index_mb: index_mb(&stats),
            });
            results.insert("shared_news_stats".into(), stats);
        }
        // Every input format on one thread (JSONL.gz, JSONL.zst, WARC.gz,
        // Parquet), built from the shared news and HTML pages by the ingest
        // crate's own bench.
        let formats = dir.join("ingest-formats.json");
        println!("\ningestion per format (warta-ingest --example bench_ingest):");
        run_cmd(
            cargo()
                .args(["run", "--quiet", "--release", "-p", "warta-ingest", "--example", "bench_ingest", "--"])
                .arg(&data)
                .args(["--runs", "3", "--json"])
                .arg(&formats),
        )?;
        if let Some(v) = std::fs::read_to_string(&formats).ok().and_then(|s| serde_json::from_str::<Value>(&s).ok()) {
            results.insert("ingest_formats".into(), v);
        }
    } else if !run_only {
        println!("(../shared/data is absent: the real-news run is skipped)");
    }

    println!(
        "\n{:<22} {:>7} {:>9} {:>9} {:>10} {:>10} {:>9} {:>10} {:>13}",
        "what", "threads", "wall s", "MB/s", "articles/s", "peak MB", "CPU %", "index MB", "peak − index"
    );
    let mut table = Vec::new();
    for Row { what, threads, m, mb_per_s: mbps, articles, index_mb } in &rows {
        let aps = articles / m.wall;
        let (index, rest) = if *index_mb > 0.0 {
            (format!("{index_mb:.1}"), format!("{:.1}", m.max_rss_mb - index_mb))
        } else {
            ("–".to_string(), "–".to_string())
        };
        println!(
            "{:<22} {:>7} {:>9.2} {:>9.1} {:>10.0} {:>10.1} {:>9.0} {:>10} {:>13}",
            what,
            threads,
            m.wall,
            mbps,
            aps,
            m.max_rss_mb,
            100.0 * m.cpu / m.wall,
            index,
            rest
        );
        table.push(json!({"what": what, "threads": threads, "wall_s": m.wall, "mb_per_s": mbps,
            "articles_per_s": aps, "peak_rss_mb": m.max_rss_mb, "cpu_percent": 100.0 * m.cpu / m.wall,
            "index_mb": index_mb, "peak_rss_without_index_mb": m.max_rss_mb - index_mb}));
    }
    println!("\nMB/s: stages and runs count article text; ingestion counts decompressed JSONL.");
    println!("index MB: the de-duplication index in memory at the end of a run (by capacity); the memory bound");
    println!("(1 GiB, documented in ARCHITECTURE.md) is on `peak − index`.");
    results.insert("rows".into(), Value::Array(table));
    if args.iter().any(|a| a == "--peers") {
        results.insert("peers".into(), crate::peers::run(&input, &warta, &dir)?);
    }
    let path = dir.join(if run_only { format!("results-run-{size_mb}mb.json") } else { "results.json".to_string() });
    std::fs::write(&path, serde_json::to_string_pretty(&Value::Object(results))?)?;
    println!("results: {}", path.display());
    Ok(())
}

/// A compressed copy of `input` (made once).
fn compressed(input: &Path, kind: &str) -> Result<PathBuf> {
    let out = PathBuf::from(format!("{}.{kind}", input.display()));
    if out.exists() && std::fs::metadata(&out)?.modified()? >= std::fs::metadata(input)?.modified()? {
        return Ok(out);
    }
    println!("compressing {} ({kind})…", input.display());
    let mut reader = std::io::BufReader::new(File::open(input)?);
    let file = BufWriter::new(File::create(&out)?);
    match kind {
        "gz" => {
            let mut enc = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
            std::io::copy(&mut reader, &mut enc)?;
            enc.finish()?.flush()?;
        }
        _ => {
            let mut enc = zstd::Encoder::new(file, 3)?;
            std::io::copy(&mut reader, &mut enc)?;
            enc.finish()?.flush()?;
        }
    }
    Ok(out)
}
