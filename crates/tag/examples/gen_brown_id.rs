//! Learns the Indonesian word classes of `data/brown-id.tsv.zst` (session
//! 13's experiment, read by the Indonesian weights since session 14, see
//! `model/PROVENANCE.md`) from the unlabelled Indonesian news of `shared/data/news` (title and text
//! of `id-rss-2025-06` and `indosum-dev`) and the words (not the labels) of
//! the Indonesian NER train splits, with [`warta_tag::brown`]; writes
//! `form<TAB>path` lines, most frequent form first, to stdout.
//!
//! cargo run --release -p warta-tag --example gen_brown_id -- <shared/data> [--min-count N] [--max-vocab N]
//!     [--depth D (default 14)] [--passes N] [--no-ner] > /tmp/brown-id.tsv
//! zstd -19 /tmp/brown-id.tsv -o crates/tag/data/brown-id.tsv.zst

#[path = "common/mod.rs"]
mod common;

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use warta_tag::clusters::Corpus;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let data = PathBuf::from(args.first().expect("usage: gen_brown_id <shared/data> [options]"));
    let flag = |name: &str, default: usize| -> usize {
        args.iter()
            .position(|a| a == name)
            .map(|i| args[i + 1].parse().expect("a number"))
            .unwrap_or(default)
    };
    let min_count = flag("--min-count", 3) as u64;
    let max_vocab = flag("--max-vocab", 60_000);
    // 14 levels since session 14 (12 in session 13): the shipped table.
    let depth = flag("--depth", 14) as u32;
    let passes = flag("--passes", 10);
    let with_ner = !args.iter().any(|a| a == "--no-ner");
    let t0 = Instant::now();
    let mut corpus = Corpus::default();
    for name in ["id-rss-2025-06", "indosum-dev"] {
        let path = data.join("news").join(format!("{name}.jsonl.gz"));
        let n = common::add_news_file(&mut corpus, &path);
        eprintln!("brown: {} ({n} articles)", path.display());
    }
    if with_ner {
        for &(name, lang, has_org) in common::SETS {
            if lang != "id" {
                continue;
            }
            let path = data.join("ner").join(format!("{name}-train.jsonl"));
            let sentences = common::load(&path, has_org, 0).expect("train split reads");
            for s in &sentences {
                let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
                corpus.add_sentence(&words);
            }
            eprintln!("brown: {} ({} sentences)", path.display(), sentences.len());
        }
    }
    eprintln!("brown: {} tokens", corpus.n_tokens());
    let (words, paths) = corpus.brown_classes(min_count, max_vocab, depth, passes, &mut |s| eprintln!("{s}"));
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (w, p) in words.iter().zip(&paths) {
        if w.contains(['\t', '\n']) {
            continue;
        }
        writeln!(out, "{w}\t{:0width$b}", p, width = depth as usize).expect("stdout");
    }
    out.flush().expect("stdout");
    eprintln!("brown: {} words in {:.1} s", words.len(), t0.elapsed().as_secs_f64());
}
