//! Speed of the tag stage on news articles, and a dump of its output to
//! check that a speed change leaves the output byte-identical.
//!
//! cargo run --release -p warta-tag --example bench -- <shared/data> [--runs N] [--dump PATH] [--articles N]
//!
//! Speed: the first `--articles` (default 2000, as in the eval) texts of
//! `news/id-rss-2025-06.jsonl.gz` (Indonesian) and `news/bbc-news-2005.jsonl.gz`
//! (English), whole stage (own tokenizer, model, titles, summary) on one
//! thread; median CPU seconds of this thread over `--runs` (default 5) runs,
//! "cold" (a new tagger per run: empty word-form cache) and "warm" (the
//! same tagger again).
//! Dump: entities, titles and summary of every article of the three news
//! files (all of them, plus the Indonesian ones again with the `nergrit`
//! profile), one JSON line per article; compare two dumps with `cmp`.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use warta_core::{Article, ArticleStage};
use warta_tag::{TagConfig, Tagger};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut data = None;
    let mut runs = 5usize;
    let mut dump: Option<PathBuf> = None;
    let mut max_articles = 2000usize;
    let mut k = 0;
    while k < args.len() {
        match args[k].as_str() {
            "--runs" => {
                runs = args.get(k + 1).and_then(|v| v.parse().ok()).unwrap_or(5);
                k += 1;
            }
            "--articles" => {
                max_articles = args.get(k + 1).and_then(|v| v.parse().ok()).unwrap_or(2000);
                k += 1;
            }
            "--dump" => {
                dump = args.get(k + 1).map(PathBuf::from);
                k += 1;
            }
            other => data = Some(PathBuf::from(other)),
        }
        k += 1;
    }
    let Some(data) = data.filter(|d| d.join("news").is_dir()) else {
        println!("bench: no shared data dir given or it has no news/ (skipped)");
        return;
    };
    let t = Instant::now();
    let tagger = Tagger::embedded(TagConfig::default());
    println!("model load: {:.3} s", t.elapsed().as_secs_f64());

    if let Some(path) = dump {
        let profiled = Tagger::embedded(TagConfig {
            profile: "nergrit".into(),
            ..TagConfig::default()
        });
        let mut out = std::io::BufWriter::new(
            std::fs::File::create(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
        );
        let mut n = 0usize;
        for (file, lang) in [
            ("id-rss-2025-06.jsonl.gz", "id"),
            ("indosum-dev.jsonl.gz", "id"),
            ("bbc-news-2005.jsonl.gz", "en"),
        ] {
            for mut a in load(&data.join("news").join(file), lang, usize::MAX) {
                tagger.process(&mut a).expect("tag stage never rejects");
                write_article(&mut out, file, &a);
                n += 1;
                if lang == "id" {
                    a.entities.clear();
                    profiled.process(&mut a).expect("tag stage never rejects");
                    write_article(&mut out, "nergrit-profile", &a);
                }
            }
        }
        out.flush().expect("dump written");
        println!("dump: {n} articles to {}", path.display());
    }

    for (file, lang) in [
        ("id-rss-2025-06.jsonl.gz", "id"),
        ("bbc-news-2005.jsonl.gz", "en"),
    ] {
        let articles = load(&data.join("news").join(file), lang, max_articles);
        let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
        let tokens: usize = articles
            .iter()
            .map(|a| warta_tag::tokenize::tokenize(&a.text, &[]).len())
            .sum();
        // Cold: a new tagger per run, so its per-thread word-form cache
        // starts empty and fills over these articles (the conservative
        // figure; a pipeline thread sees far more articles). Warm: the same
        // tagger again, its cache holding these articles' forms (as far as
        // it has room).
        for (mode, fresh) in [("cold", true), ("warm", false)] {
            let mut cpu = Vec::new();
            for _ in 0..runs {
                let run_tagger = fresh.then(|| Tagger::embedded(TagConfig::default()));
                let t = run_tagger.as_ref().unwrap_or(&tagger);
                let mut batch = articles.clone();
                let c0 = warta_core::cpu::thread_nanos();
                for a in &mut batch {
                    t.process(a).expect("tag stage never rejects");
                }
                if let (Some(a), Some(b)) = (c0, warta_core::cpu::thread_nanos()) {
                    cpu.push((b - a) as f64 / 1e9);
                }
                std::hint::black_box(&batch);
            }
            cpu.sort_by(f64::total_cmp);
            let mb = bytes as f64 / 1e6;
            match cpu.get(cpu.len() / 2) {
                Some(c) => println!(
                    "{file} {mode}: {} articles, {mb:.1} MB, {tokens} tokens: CPU {:.2} MB/s, {:.0} tokens/s (median of {runs}; runs {:?})",
                    articles.len(),
                    mb / c,
                    tokens as f64 / c,
                    cpu.iter().map(|c| format!("{c:.3}")).collect::<Vec<_>>()
                ),
                None => println!("{file}: no thread CPU time on this system"),
            }
        }
    }
}

/// The articles of a news file, or none (said on stdout) when it is absent.
fn load(path: &Path, lang: &str, max: usize) -> Vec<Article> {
    common::load_news(path, lang, max).unwrap_or_else(|| {
        println!("{}: absent", path.display());
        Vec::new()
    })
}

fn write_article(out: &mut impl Write, file: &str, a: &Article) {
    let line = serde_json::json!({
        "file": file,
        "entities": a.entities,
        "titles": a.titles,
        "summary": a.entity_summary,
    });
    writeln!(out, "{line}").expect("dump written");
}
