//! The dev splits read as documents (UNER English-EWT names them) or runs
//! of consecutive sentences (pseudo-articles),
//! through the stage as a pipeline runs it, with and without lending a sure
//! reading to the article's other mentions (`TagConfig::one_reading_per_article`,
//! `src/consistency.rs`). The sets keep their sentences in source order, so a
//! run of ten is mostly one document or two; a lent mention the gold does not
//! have counts against it.
//!
//! cargo run --release -p warta-tag --example eval_docs -- <shared/data> [--window N] [--show] [--json PATH]
//!
//! `--show` prints every entity the lending adds, right or wrong.

#[path = "common/mod.rs"]
mod common;

use std::path::PathBuf;

use warta_core::{Article, ArticleStage, Span};
use warta_tag::eval::Counts;
use warta_tag::model::LABELS;
use warta_tag::{TagConfig, Tagger};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut window = 10usize;
    let mut show = false;
    let mut json_out: Option<PathBuf> = None;
    let mut data: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--window" => window = it.next().and_then(|w| w.parse().ok()).unwrap_or(10).max(1),
            "--show" => show = true,
            "--json" => json_out = it.next().map(PathBuf::from),
            _ => data = Some(PathBuf::from(a)),
        }
    }
    let ner = data.unwrap_or_else(|| PathBuf::from("../shared/data")).join("ner");
    if !ner.is_dir() {
        println!("warta-tag eval_docs: {} not found; nothing to evaluate.", ner.display());
        return;
    }
    let lend = Tagger::embedded(TagConfig::default());
    let plain = Tagger::embedded(TagConfig { one_reading_per_article: false, ..TagConfig::default() });
    println!("dev splits as documents (UNER English-EWT, by src_id) or runs of {window} consecutive sentences; entity-level exact match, general model");
    println!("{:<16} {:>22} {:>22}  {:>6} {:>6}", "set", "sentence by sentence", "one reading/article", "lent", "right");
    let mut results = serde_json::Map::new();
    for &(name, lang, has_org) in common::SETS {
        let path = ner.join(format!("{name}-dev.jsonl"));
        let Ok(sentences) = common::load(&path, has_org, 0) else {
            continue;
        };
        let runs = document_runs(&path, sentences.len(), window);
        let scored = [true, has_org, true];
        let (mut c_plain, mut c_lend) = (Counts::default(), Counts::default());
        let (mut lent, mut lent_right) = (0usize, 0usize);
        for range in runs {
            let run = &sentences[range];
            let (article, token_of) = pseudo_article(run, lang);
            let tags_plain = tag(&plain, &article, run, &token_of);
            let tags_lend = tag(&lend, &article, run, &token_of);
            for ((s, p), l) in run.iter().zip(&tags_plain).zip(&tags_lend) {
                c_plain.add(&s.tags, p, &scored);
                c_lend.add(&s.tags, l, &scored);
                // The entities only the lending run has, and how many of them gold has.
                let gold = warta_tag::eval::spans(&s.tags);
                let before = warta_tag::eval::spans(p);
                for e in warta_tag::eval::spans(l).into_iter().filter(|e| !before.contains(e)) {
                    lent += 1;
                    lent_right += gold.contains(&e) as usize;
                    if show {
                        let verdict = if gold.contains(&e) { "right" } else { "wrong" };
                        println!("  {name} {verdict} {} {}: {}", LABELS[e.2], s.words[e.0..e.1].join(" "), s.words.join(" "));
                    }
                }
            }
        }
        let f = |c: &Counts| {
            let (p, r, f) = Counts::prf(c.overall());
            format!("{p:5.1} {r:5.1} {f:5.1}")
        };
        println!("{name:<16} {:>22} {:>22}  {lent:>6} {lent_right:>6}", f(&c_plain), f(&c_lend));
        results.insert(
            name.to_string(),
            serde_json::json!({
                "f1_sentence_by_sentence": Counts::prf(c_plain.overall()).2,
                "f1_one_reading_per_article": Counts::prf(c_lend.overall()).2,
                "lent": lent,
                "lent_right": lent_right,
            }),
        );
    }
    if let Some(path) = json_out {
        let v = serde_json::json!({ "window": window, "sets": results });
        let _ = std::fs::write(path, serde_json::to_string_pretty(&v).unwrap_or_default());
    }
    println!("(P R F1; lent: entities the second run adds, right: of them, in gold with span and label)");
}

/// Runs of consecutive sentences: the documents, where the set names them
/// (`src_id` "DOC-0003", UNER English-EWT), else `window` sentences at a
/// time. Falls back to windows when the ids cannot be lined up.
fn document_runs(path: &std::path::Path, n: usize, window: usize) -> Vec<std::ops::Range<usize>> {
    let windows = || (0..n).step_by(window).map(|s| s..(s + window).min(n)).collect::<Vec<_>>();
    let Ok(text) = std::fs::read_to_string(path) else { return windows() };
    // The same lines `common::load` keeps: tokens and tags of one length.
    let docs: Vec<Option<String>> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| {
            let (t, g) = (v["tokens"].as_array().map_or(0, Vec::len), v["tags"].as_array().map_or(0, Vec::len));
            t > 0 && t == g
        })
        .map(|v| v["src_id"].as_str().and_then(|id| id.rsplit_once('-')).map(|(doc, _)| doc.to_string()))
        .collect();
    if docs.len() != n || docs.iter().any(Option::is_none) {
        return windows();
    }
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..=n {
        if i == n || docs[i] != docs[start] {
            runs.push(start..i);
            start = i;
        }
    }
    runs
}

/// The sentences' words joined by spaces, one sentence after another, with
/// their tokens and sentences; and each token's (sentence, word) index.
fn pseudo_article(run: &[warta_tag::train::Sentence], lang: &str) -> (Article, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut tokens = Vec::new();
    let mut sentences = Vec::new();
    let mut token_of = Vec::new();
    for (si, s) in run.iter().enumerate() {
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        for (wi, w) in s.words.iter().enumerate() {
            if wi > 0 {
                text.push(' ');
            }
            // An empty word would make an empty token: keep a placeholder.
            let w = if w.is_empty() { "_" } else { w.as_str() };
            tokens.push(Span::new(text.len(), text.len() + w.len()));
            token_of.push((si, wi));
            text.push_str(w);
        }
        sentences.push(Span::new(start, text.len()));
    }
    let mut a = Article::new("run", text);
    a.lang = Some(lang.to_string());
    a.tokens = tokens;
    a.sentences = sentences;
    (a, token_of)
}

/// The tagger's entities on the pseudo-article, back as BIO tags per sentence.
fn tag(tagger: &Tagger, article: &Article, run: &[warta_tag::train::Sentence], token_of: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let mut a = article.clone();
    let mut tags: Vec<Vec<usize>> = run.iter().map(|s| vec![0; s.words.len()]).collect();
    if tagger.process(&mut a).is_err() {
        return tags;
    }
    for e in &a.entities {
        let Some(label) = LABELS.iter().position(|l| *l == e.label) else { continue };
        let mut first = true;
        for (k, t) in a.tokens.iter().enumerate() {
            if t.start >= e.span.start && t.end <= e.span.end {
                let (si, wi) = token_of[k];
                tags[si][wi] = 1 + 2 * label + usize::from(!first);
                first = false;
            }
        }
    }
    tags
}
