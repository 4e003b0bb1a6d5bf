//! Speed of the segment stage's parts on a JSONL file of articles (`text`,
//! `lang` fields; e.g. the pipeline's normalised output), one thread, wall
//! time (use a quiet machine), median of runs: the repair pass alone, and the whole stage
//! (repair, sentences, tokens; also per thread CPU-second). For profiling the stage on news text.
//!
//! `--parts` times the stage's three passes one by one instead (thread CPU time): the repair,
//! the sentences (`segment`, on the repaired text) and the tokens.
//!
//! `--digest` runs the stage once and prints a hash of everything it wrote
//! (repaired text, repairs, sentences, tokens): a speed change must leave it
//! unchanged.
//!
//! ```text
//! cargo run --release -p warta-segment --example speed_jsonl -- FILE [--runs N] [--repair-only | --parts | --digest]
//! ```
use std::time::Instant;

use warta_core::Article;
use warta_core::ArticleStage;
use warta_core::cpu::thread_seconds;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        println!("speed_jsonl: pass a JSONL file of articles; nothing measured.");
        return;
    };
    let runs: usize = args.iter().position(|a| a == "--runs").and_then(|i| args.get(i + 1)).and_then(|s| s.parse().ok()).unwrap_or(5);
    let Ok(raw) = std::fs::read_to_string(path) else {
        println!("speed_jsonl: cannot read {path}; nothing measured.");
        return;
    };
    let docs: Vec<(String, String)> = raw
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            let lang = v.get("lang").and_then(|x| x.as_str()).unwrap_or("").to_string();
            (v.get("text").and_then(|x| x.as_str()).unwrap_or("").to_string(), lang)
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    let mb = bytes as f64 / 1e6;
    let repair_only = args.iter().any(|a| a == "--repair-only");
    if args.iter().any(|a| a == "--digest") {
        digest(&docs);
        return;
    }
    if args.iter().any(|a| a == "--parts") {
        parts(&docs, mb, runs);
        return;
    }
    let stage = warta_segment::Segmenter::default();
    let mut repair = Vec::new();
    let mut whole = Vec::new();
    let mut whole_cpu = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let mut n = 0;
        for (text, lang) in &docs {
            n += warta_segment::find_spurious_stops(text, lang).len();
        }
        repair.push(mb / t.elapsed().as_secs_f64());
        std::hint::black_box(n);
        if repair_only {
            continue;
        }
        let mut articles: Vec<Article> = docs
            .iter()
            .map(|(text, lang)| Article { text: text.clone(), lang: Some(lang.clone()), ..Default::default() })
            .collect();
        let t = Instant::now();
        let cpu = thread_seconds();
        for a in &mut articles {
            let _ = stage.process(a);
        }
        whole.push(mb / t.elapsed().as_secs_f64());
        whole_cpu.push(mb / (thread_seconds() - cpu));
        std::hint::black_box(articles.iter().map(|a| a.tokens.len()).sum::<usize>());
    }
    let med = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    };
    if repair_only {
        println!("{:.1} MB, {} docs: repair alone {:.1} MB/s (median of {runs})", mb, docs.len(), med(&mut repair));
        return;
    }
    println!(
        "{:.1} MB, {} docs: repair alone {:.1} MB/s, whole stage {:.1} MB/s ({:.1} per CPU-second) (median of {runs})",
        mb,
        docs.len(),
        med(&mut repair),
        med(&mut whole),
        med(&mut whole_cpu)
    );
}

/// The stage's passes timed one by one (thread CPU time, which a busy
/// machine disturbs less than wall time; median of `runs`): the repair, then
/// the sentences and the tokens of the repaired texts.
fn parts(docs: &[(String, String)], mb: f64, runs: usize) {
    let repaired: Vec<(String, &str)> = docs
        .iter()
        .map(|(text, lang)| {
            let mut a = Article { text: text.clone(), lang: Some(lang.clone()), ..Default::default() };
            warta_segment::Segmenter::default().repair(&mut a);
            (a.text, lang.as_str())
        })
        .collect();
    let sentences: Vec<Vec<warta_core::Span>> = repaired.iter().map(|(t, l)| warta_segment::segment(t, l)).collect();
    let (mut repair, mut sent, mut tok) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let t = thread_seconds();
        let n: usize = docs.iter().map(|(text, lang)| warta_segment::find_spurious_stops(text, lang).len()).sum();
        repair.push(mb / (thread_seconds() - t));
        std::hint::black_box(n);
        let t = thread_seconds();
        let n: usize = repaired.iter().map(|(text, lang)| warta_segment::segment(text, lang).len()).sum();
        sent.push(mb / (thread_seconds() - t));
        std::hint::black_box(n);
        let t = thread_seconds();
        let n: usize = repaired.iter().zip(&sentences).map(|((text, _), s)| warta_segment::tokenize(text, s).len()).sum();
        tok.push(mb / (thread_seconds() - t));
        std::hint::black_box(n);
    }
    let med = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    };
    let (r, s, t) = (med(&mut repair), med(&mut sent), med(&mut tok));
    println!(
        "{:.1} MB, {} docs (thread CPU, median of {runs}): repair {r:.1} MB/s, sentences {s:.1} MB/s, tokens {t:.1} MB/s; together {:.1} MB/s",
        mb,
        docs.len(),
        1.0 / (1.0 / r + 1.0 / s + 1.0 / t)
    );
}

/// FNV-1a over the stage's output of every document, in order.
fn digest(docs: &[(String, String)]) {
    let stage = warta_segment::Segmenter::default();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        h = (h ^ 0xff).wrapping_mul(0x0100_0000_01b3);
    };
    let (mut sentences, mut tokens, mut repairs) = (0usize, 0usize, 0usize);
    for (text, lang) in docs {
        let mut a = Article { text: text.clone(), lang: Some(lang.clone()), ..Default::default() };
        let _ = stage.process(&mut a);
        eat(a.text.as_bytes());
        for r in &a.repairs {
            eat(format!("{}|{}|{}|{}", r.stage, r.kind, r.before, r.after).as_bytes());
        }
        for s in a.sentences.iter().chain(&a.tokens) {
            eat(&(s.start as u64).to_le_bytes());
            eat(&(s.end as u64).to_le_bytes());
        }
        sentences += a.sentences.len();
        tokens += a.tokens.len();
        repairs += a.repairs.len();
    }
    println!("{} docs: {sentences} sentences, {tokens} tokens, {repairs} repairs, digest {h:016x}", docs.len());
}
