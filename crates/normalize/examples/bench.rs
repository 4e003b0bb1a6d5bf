//! Speed of the normalisation stage on the raw scrape, one thread.
//!
//! ```text
//! cargo run --release -p warta-normalize --example bench -- ../shared/data [runs]
//! ```
//!
//! `cargo run --release -p warta-normalize --example bench -- --file ARCHIVE.jsonl [runs]`
//! times the stage on any JSONL archive instead (e.g. `cargo xtask bench`'s
//! generated `target/bench/gen-100mb.jsonl`), with each record's title and
//! given `lang` as a `warta run` reads them, so language ID runs only where
//! a record has none.
//!
//! Prints MB/s by wall clock and by the thread's own CPU time (its CPU-time
//! clock, where there is one), which stays meaningful on a loaded machine.
//! Medians over the runs.

use std::io::Read;
use std::time::Instant;

use warta_core::{Article, ArticleStage};
use warta_normalize::{NormalizeConfig, Normalizer};

mod common;

/// Passes over the whole scrape per timed run.
const PASSES: usize = 8;


fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--file") {
        let Some(path) = args.get(1) else {
            println!("usage: bench --file ARCHIVE.jsonl[.gz] [runs]");
            return;
        };
        let runs = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
        return archive_stage(std::path::Path::new(path), runs);
    }
    let data = args.first().cloned().unwrap_or_else(|| "../shared/data".into());
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(7);
    let path = format!("{data}/news/id-rss-2025-06.jsonl.gz");
    let Ok(file) = std::fs::File::open(&path) else {
        println!("warta-normalize bench: {path} not found; nothing measured.");
        return;
    };
    let mut s = String::new();
    if flate2::read::GzDecoder::new(file).read_to_string(&mut s).is_err() {
        println!("cannot read {path}");
        return;
    }
    let texts: Vec<String> = s
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    if args.get(2).map(String::as_str) == Some("stage") {
        // The default stage only, for profiling.
        let stage = Normalizer::new(NormalizeConfig::default());
        for _ in 0..runs {
            let mut arts: Vec<Article> = texts.iter().map(|t| Article::new("x", t.clone())).collect();
            for a in &mut arts {
                let _ = stage.process(a);
            }
            std::hint::black_box(&arts);
        }
        return;
    }
    if args.get(2).map(String::as_str) == Some("lang") {
        // Language identification only, for profiling.
        let mut sink = 0f32;
        for _ in 0..runs {
            for t in &texts {
                sink += warta_normalize::lang::identify(t).1;
            }
        }
        println!("{sink}");
        return;
    }
    if args.get(2).map(String::as_str) == Some("lang-time") {
        lang_time(&texts, runs);
        return;
    }
    for (name, cfg) in [
        ("stage (default config)", NormalizeConfig::default()),
        ("stage without language id", NormalizeConfig { detect_language: false, ..NormalizeConfig::default() }),
    ] {
        let stage = Normalizer::new(cfg);
        let mut wall = Vec::new();
        let mut cpu = Vec::new();
        for _ in 0..runs {
            // Several passes per timed run: one pass takes a few tens of
            // milliseconds, too short to time steadily on a shared machine.
            let mut arts: Vec<Article> =
                (0..PASSES).flat_map(|_| texts.iter().map(|t| Article::new("x", t.clone()))).collect();
            let c0 = warta_core::cpu::thread_nanos();
            let t0 = Instant::now();
            for a in &mut arts {
                let _ = stage.process(a);
            }
            let total = (bytes * PASSES) as f64;
            wall.push(total / t0.elapsed().as_secs_f64() / 1e6);
            if let (Some(c0), Some(c1)) = (c0, warta_core::cpu::thread_nanos()) {
                cpu.push(total / ((c1 - c0) as f64 / 1e9) / 1e6);
            }
            std::hint::black_box(&arts);
        }
        wall.sort_by(f64::total_cmp);
        cpu.sort_by(f64::total_cmp);
        let cpu_text = cpu.get(cpu.len() / 2).map(|m| format!("{m:.1} MB/s per CPU-second")).unwrap_or_else(|| "n/a".into());
        println!("{name:<28} id-rss {:.1} MB: {:.1} MB/s wall, {cpu_text} (median of {runs})", bytes as f64 / 1e6, wall[wall.len() / 2]);
    }
    phases(&texts, bytes, runs);
    lang_time(&texts, runs);
}

/// The default stage on the records of a JSONL archive, built as the
/// pipeline builds them (text, title, given language), one thread, MB/s of
/// text per CPU-second (median of `runs`).
fn archive_stage(path: &std::path::Path, runs: usize) {
    let records: Vec<(String, Option<String>, Option<String>)> = common::json_lines(path)
        .into_iter()
        .filter_map(|v| {
            let text = v["text"].as_str()?.to_string();
            Some((text, v["title"].as_str().map(str::to_string), v["lang"].as_str().map(str::to_string)))
        })
        .collect();
    let bytes: usize = records.iter().map(|r| r.0.len()).sum();
    let stage = Normalizer::new(NormalizeConfig::default());
    let mut cpu = Vec::new();
    for _ in 0..runs {
        let mut arts: Vec<Article> = records
            .iter()
            .map(|(text, title, lang)| {
                let mut a = Article::new("x", text.clone());
                a.title = title.clone();
                a.lang = lang.clone();
                a
            })
            .collect();
        let c0 = warta_core::cpu::thread_nanos();
        let t0 = Instant::now();
        for a in &mut arts {
            let _ = stage.process(a);
        }
        let ns = spent_nanos(c0, t0);
        cpu.push(bytes as f64 / (ns / 1e9) / 1e6);
        std::hint::black_box(&arts);
    }
    cpu.sort_by(f64::total_cmp);
    let with_lang = records.iter().filter(|r| r.2.is_some()).count();
    println!(
        "stage (default config) on {} ({} records, {with_lang} with a language, {:.1} MB): {:.1} MB/s per CPU-second (median of {runs})",
        path.display(),
        records.len(),
        bytes as f64 / 1e6,
        cpu[cpu.len() / 2]
    );
}

/// Nanoseconds of this thread's CPU time since `cpu_start` (a
/// `thread_nanos` reading), or of wall time since `wall_start` where there
/// is no CPU clock.
fn spent_nanos(cpu_start: Option<u64>, wall_start: Instant) -> f64 {
    match (cpu_start, warta_core::cpu::thread_nanos()) {
        (Some(a), Some(b)) => (b - a) as f64,
        _ => wall_start.elapsed().as_nanos() as f64,
    }
}

/// Language identification alone, CPU µs per article.
fn lang_time(texts: &[String], runs: usize) {
    let mut per_article = Vec::new();
    for _ in 0..runs {
        let c0 = warta_core::cpu::thread_nanos();
        let t0 = Instant::now();
        let mut sink = 0f32;
        for _ in 0..PASSES {
            for t in texts {
                sink += warta_normalize::lang::identify(t).1;
            }
        }
        std::hint::black_box(sink);
        let ns = spent_nanos(c0, t0);
        per_article.push(ns / 1e3 / (texts.len() * PASSES) as f64);
    }
    per_article.sort_by(f64::total_cmp);
    println!("language id alone: {:.2} µs per article (median of {runs})", per_article[per_article.len() / 2]);
}

/// CPU time of each phase of the stage run on its own over all texts (each on
/// the previous phase's output), µs per article: where the time goes.
fn phases(texts: &[String], bytes: usize, runs: usize) {
    use warta_normalize::{boilerplate, dateline, lang, normalize_chars, prefix, EditCounts};
    let cfg = NormalizeConfig::default();
    let time = |f: &mut dyn FnMut()| -> f64 {
        let mut v = Vec::new();
        for _ in 0..runs {
            let c0 = warta_core::cpu::thread_nanos();
            let t0 = Instant::now();
            for _ in 0..PASSES {
                f();
            }
            v.push(spent_nanos(c0, t0));
        }
        v.sort_by(f64::total_cmp);
        // The fastest run: least disturbed by the other jobs on the machine.
        v[0] / 1e3 / (texts.len() * PASSES) as f64
    };
    let mut chars: Vec<String> = Vec::new();
    let t_chars = time(&mut || {
        chars = texts
            .iter()
            .map(|t| normalize_chars(t, &cfg, &mut EditCounts::default(), &mut |_, _, _| {}).unwrap_or_else(|| t.clone()))
            .collect();
    });
    let t_clone = time(&mut || {
        std::hint::black_box(texts.to_vec());
    });
    let mut kept: Vec<String> = Vec::new();
    let t_boiler = time(&mut || {
        kept = chars.iter().map(|t| boilerplate::remove(t, &mut |_, _| {}).unwrap_or_else(|| t.clone())).collect();
    });
    let t_dateline = time(&mut || {
        std::hint::black_box(kept.iter().filter(|t| dateline::find(t).is_some()).count());
    });
    let t_lang = time(&mut || {
        std::hint::black_box(kept.iter().map(|t| lang::identify(t).1).sum::<f32>());
    });
    let t_prefix = time(&mut || {
        std::hint::black_box(kept.iter().filter(|t| prefix::join_split_prefixes(t).0.is_some()).count());
    });
    let per_article_mb = bytes as f64 / texts.len() as f64;
    println!("phases, CPU µs per article, fastest run (avg {per_article_mb:.0} bytes; 450 MB/s = {:.2} µs):", per_article_mb / 450.0);
    println!(
        "  chars {t_chars:.2} (incl. clone {t_clone:.2}) | boilerplate {t_boiler:.2} (incl. clone) | dateline {t_dateline:.2} | lang {t_lang:.2} | prefix {t_prefix:.2}"
    );
}
