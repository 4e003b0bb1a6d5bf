//! Evaluates the tagger on every dev split in `shared/data/ner/` (entity-level
//! exact match, span and type; overall and per label) beside the published
//! anchors and the CRF floors, and measures speed.
//!
//! cargo run --release -p warta-tag --example eval -- <shared/data> [--model PATH] [--json PATH] [--no-recase]
//!
//! `--no-recase`: sentences without case are tagged as written
//! (`TagConfig::recase_upper`, `recase_lower` off; experiments).

#[path = "common/mod.rs"]
mod common;

use std::path::PathBuf;
use std::time::Instant;

use warta_core::{Article, ArticleStage};
use warta_tag::eval::Counts;
use warta_tag::{TagConfig, Tagger};

/// (set, anchors as text, CRF floor on test, target on dev)
const ANCHORS: &[(&str, &str, Option<f64>, Option<f64>)] = &[
    (
        "indolem-nerui",
        "BiLSTM-CRF 82.2 / IndoBERT 90.1 (5-fold test mean)",
        Some(84.8),
        Some(90.0),
    ),
    (
        "indolem-nerugm",
        "BiLSTM-CRF 70.9 / IndoBERT 74.9 (5-fold test mean)",
        Some(75.0),
        Some(80.0),
    ),
    (
        "nergrit",
        "mBERT 75.0 / XLM-R base 79.1 (test)",
        Some(69.9),
        Some(78.0),
    ),
    ("idner-news-2k", "not retrieved", Some(82.9), Some(88.0)),
    (
        "nerp",
        "XLM-R large 78.5 (test, 5 types incl. MISC: not comparable)",
        None,
        None,
    ),
    (
        "uner-en-ewt",
        "XLM-R large 86.0 / spaCy sm 57.9 (dev, measured)",
        Some(67.4),
        Some(80.0),
    ),
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut data = None;
    let mut model = None;
    let mut json_out = None;
    let mut recase = true;
    let mut k = 0;
    while k < args.len() {
        match args[k].as_str() {
            "--model" => {
                model = args.get(k + 1).map(PathBuf::from);
                k += 1;
            }
            "--json" => {
                json_out = args.get(k + 1).map(PathBuf::from);
                k += 1;
            }
            "--no-recase" => recase = false,
            a => data = Some(PathBuf::from(a)),
        }
        k += 1;
    }
    let Some(data) = data else {
        println!("usage: eval <shared/data dir> [--model PATH] [--json PATH]");
        return;
    };
    let ner = data.join("ner");
    if !ner.is_dir() {
        println!(
            "warta-tag eval: {} is absent; no NER evaluation run.",
            ner.display()
        );
        return;
    }
    let base_cfg = TagConfig {
        recase_upper: recase,
        recase_lower: recase,
        ..TagConfig::default()
    };
    let t_load = Instant::now();
    let tagger = match &model {
        Some(p) => {
            let bytes = std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            Tagger::from_bytes(base_cfg.clone(), &bytes).unwrap_or_else(|e| panic!("{e}"))
        }
        None => Tagger::embedded(base_cfg.clone()),
    };
    let load_s = t_load.elapsed().as_secs_f64();

    println!("warta-tag NER eval: dev splits, entity-level exact match (span + type), PER/ORG/LOC");
    println!(
        "model: {} (loaded in {:.2} s)\n",
        model
            .as_ref()
            .map_or("embedded".into(), |p| p.display().to_string()),
        load_s
    );
    let profiled = |name: &str| -> Tagger {
        let cfg = TagConfig {
            profile: name.to_string(),
            ..base_cfg.clone()
        };
        match &model {
            Some(p) => Tagger::from_bytes(cfg, &std::fs::read(p).expect("model readable"))
                .expect("model valid"),
            None => Tagger::embedded(cfg),
        }
    };
    println!("general = default model; profile = the same model with the set's annotation-convention profile");
    println!("(TagConfig::profile; learnt on that set's train split on top of the frozen general weights)\n");
    println!(
        "{:<15} {:<8} {:>6} {:>6} {:>6} | {:>5} {:>5} {:>5} | {:>6} {:>6} | anchors (published)",
        "set", "model", "P", "R", "F1", "PER", "ORG", "LOC", "floor", "target"
    );
    let mut results = Vec::new();
    let mut all_words: Vec<Vec<String>> = Vec::new();
    for &(name, lang, has_org) in common::SETS {
        let path = ner.join(format!("{name}-dev.jsonl"));
        let Ok(dev) = common::load(&path, has_org, 0) else {
            println!("{name:<15} (missing: {})", path.display());
            continue;
        };
        all_words.extend(dev.iter().map(|s| s.words.clone()));
        let (_, anchors, floor, target) = ANCHORS
            .iter()
            .find(|a| a.0 == name)
            .copied()
            .unwrap_or((name, "", None, None));
        let fmt = |x: Option<f64>| x.map_or("–".to_string(), |v| format!("{v:.1}"));
        let with_profile = profiled(name);
        let has_profile = with_profile.has_profile(name, lang);
        let mut row = serde_json::json!({
            "set": name, "lang": lang, "sentences": dev.len(),
            "crf_floor_test": floor, "target_dev": target, "anchors": anchors,
        });
        for (kind, t) in [("general", &tagger), ("profile", &with_profile)] {
            if kind == "profile" && !has_profile {
                continue;
            }
            let mut c = Counts::default();
            for s in &dev {
                let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
                let pred = t.tag_words(&words, lang);
                c.add(&s.tags, &pred, &[true, has_org, true]);
            }
            let (p, r, f) = Counts::prf(c.overall());
            let per = |l: &str| c.per_label.get(l).map(|x| Counts::prf(*x).2);
            println!(
                "{:<15} {:<8} {:>6.1} {:>6.1} {:>6.1} | {:>5} {:>5} {:>5} | {:>6} {:>6} | {}",
                name,
                kind,
                p,
                r,
                f,
                fmt(per("PER")),
                fmt(per("ORG")),
                fmt(per("LOC")),
                fmt(floor),
                fmt(target),
                if kind == "general" { anchors } else { "" }
            );
            row[kind] = serde_json::json!({
                "precision": p, "recall": r, "f1": f,
                "per_label": c.per_label.iter().map(|(l, x)| {
                    let (p, r, f) = Counts::prf(*x);
                    (l.to_string(), serde_json::json!({"precision": p, "recall": r, "f1": f, "tp": x[0], "pred": x[1], "gold": x[2]}))
                }).collect::<serde_json::Map<_, _>>(),
            });
        }
        results.push(row);
    }
    calibration(&tagger, &ner);
    let lowercased = recased(&tagger, &ner, false);
    let uppercased = recased(&tagger, &ner, true);
    println!("\nnotes: NERP has no ORG class (ORG not scored there; MISC is not predicted). Anchors are test-set");
    println!("figures with other label sets/folds (IndoLEM: 5-fold mean; IndoNLU: all types), so they are beside,");
    println!(
        "not comparable to, these dev figures. The CRF floors are test-set figures from the issue."
    );

    // Speed 1: the model alone on the dev sentences (pre-tokenised), one thread.
    let words: Vec<Vec<&str>> = all_words
        .iter()
        .map(|s| s.iter().map(String::as_str).collect())
        .collect();
    let n_tokens: usize = words.iter().map(Vec::len).sum();
    let (wall, cpu) = timed(5, || {
        let mut n_ent = 0usize;
        for w in &words {
            n_ent += tagger
                .tag_words(w, "id")
                .iter()
                .filter(|&&t| t % 2 == 1)
                .count();
        }
        std::hint::black_box(n_ent);
    });
    let words_per_s = n_tokens as f64 / wall;
    let words_per_cpu_s = cpu.map(|c| n_tokens as f64 / c);
    println!("\nspeed (one thread, median of several runs; per wall second and per CPU second of this thread):");
    println!(
        "  dev sentences, pre-tokenised: {n_tokens} tokens, {:.0} tokens/s wall, {} tokens/s CPU",
        words_per_s,
        words_per_cpu_s.map_or("?".into(), |v| format!("{v:.0}"))
    );
    // Speed 2: the whole stage on news articles (own tokenizer, titles, summary).
    let mut speed = serde_json::json!({"dev_tokens_per_s_wall": words_per_s, "dev_tokens_per_s_cpu": words_per_cpu_s});
    for (file, lang) in [
        ("id-rss-2025-06.jsonl.gz", "id"),
        ("bbc-news-2005.jsonl.gz", "en"),
    ] {
        let path = data.join("news").join(file);
        let Some(articles) = common::load_news(&path, lang, 2000) else {
            println!("  {file}: absent");
            continue;
        };
        let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
        let tokens: usize = articles
            .iter()
            .map(|a| warta_tag::tokenize::tokenize(&a.text, &[]).len())
            .sum();
        let mut batches: Vec<Vec<Article>> = (0..3).map(|_| articles.clone()).collect();
        let (wall, cpu) = timed(3, || {
            let mut batch = batches.pop().unwrap_or_default();
            for a in &mut batch {
                tagger.process(a).expect("tag stage never rejects");
            }
        });
        let mb = bytes as f64 / 1e6;
        println!(
            "  {file}: {} articles, {:.1} MB, {} tokens: wall {:.2} MB/s {:.0} tokens/s; CPU {} MB/s {} tokens/s",
            articles.len(),
            mb,
            tokens,
            mb / wall,
            tokens as f64 / wall,
            cpu.map_or("?".into(), |c| format!("{:.2}", mb / c)),
            cpu.map_or("?".into(), |c| format!("{:.0}", tokens as f64 / c)),
        );
        speed[file] = serde_json::json!({
            "articles": articles.len(), "bytes": bytes, "tokens": tokens,
            "mb_per_s_wall": mb / wall, "tokens_per_s_wall": tokens as f64 / wall,
            "mb_per_s_cpu": cpu.map(|c| mb / c), "tokens_per_s_cpu": cpu.map(|c| tokens as f64 / c),
        });
    }
    println!("  (tokenizer + model + titles + summary; articles without sentences, the tagger splits them itself)");
    if let Some(p) = json_out {
        let out = serde_json::json!({"stage": "tag", "model_load_s": load_s, "dev": results, "lowercased": lowercased, "uppercased": uppercased, "speed": speed});
        std::fs::write(&p, serde_json::to_string_pretty(&out).expect("json"))
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        println!("\nJSON written to {}", p.display());
    }
}

/// CPU seconds used by this thread so far (its CPU-time clock); `None`
/// where there is none. On a shared, loaded machine CPU time
/// is a steadier measure than wall time.
fn thread_cpu_seconds() -> Option<f64> {
    warta_core::cpu::thread_nanos().map(|ns| ns as f64 / 1e9)
}

/// Runs `f` `runs` times; returns the median wall seconds and median CPU seconds.
fn timed(runs: usize, mut f: impl FnMut()) -> (f64, Option<f64>) {
    let mut wall = Vec::new();
    let mut cpu = Vec::new();
    for _ in 0..runs {
        let c0 = thread_cpu_seconds();
        let t = Instant::now();
        f();
        wall.push(t.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (c0, thread_cpu_seconds()) {
            cpu.push(b - a);
        }
    }
    wall.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    (
        wall[wall.len() / 2],
        (cpu.len() == runs)
            .then(|| cpu[cpu.len() / 2])
            .filter(|c| *c > 0.0),
    )
}

/// Robustness to text without case information: the cased dev sets with
/// every word lower-cased (`upper` false) or upper-cased (`upper` true),
/// scored per language (general model). Entities without capitals are hard
/// for any tagger; in lower case the figure to watch is ORG precision, since
/// NERP (lower case, no ORG class) gives the model no evidence against ORG
/// there; in capitals (headlines, whole articles in capitals) every word
/// looks like a name.
fn recased(tagger: &Tagger, ner: &std::path::Path, upper: bool) -> serde_json::Value {
    let kind = if upper { "upper" } else { "lower" };
    println!("\n{kind}-cased dev (cased sets with every word {kind}-cased; general model):");
    let mut out = serde_json::Map::new();
    for lang in ["id", "en"] {
        let mut c = Counts::default();
        for &(name, set_lang, has_org) in common::SETS {
            if set_lang != lang || !has_org {
                continue;
            }
            let Ok(dev) = common::load(&ner.join(format!("{name}-dev.jsonl")), has_org, 0) else {
                continue;
            };
            for s in &dev {
                let recased: Vec<String> = s
                    .words
                    .iter()
                    .map(|w| {
                        if upper {
                            w.to_uppercase()
                        } else {
                            w.to_lowercase()
                        }
                    })
                    .collect();
                let words: Vec<&str> = recased.iter().map(String::as_str).collect();
                c.add(
                    &s.tags,
                    &tagger.tag_words(&words, lang),
                    &[true, true, true],
                );
            }
        }
        let (p, r, f) = Counts::prf(c.overall());
        let mut line = format!("  {lang}: P {p:.1} R {r:.1} F1 {f:.1} |");
        let mut per = serde_json::Map::new();
        for (l, x) in &c.per_label {
            let (lp, lr, lf) = Counts::prf(*x);
            line.push_str(&format!(
                " {l} P {lp:.1} R {lr:.1} F1 {lf:.1} ({} predicted);",
                x[1]
            ));
            per.insert(
                l.to_string(),
                serde_json::json!({"precision": lp, "recall": lr, "f1": lf, "pred": x[1], "gold": x[2]}),
            );
        }
        println!("{line}");
        out.insert(
            lang.into(),
            serde_json::json!({"precision": p, "recall": r, "f1": f, "per_label": per}),
        );
    }
    serde_json::Value::Object(out)
}

/// Precision of the general model's entities by score band, over all dev sets
/// (through the stage API: text, tokens, `process`), to help choose `min_score`.
fn calibration(tagger: &Tagger, ner: &std::path::Path) {
    const BANDS: [f32; 5] = [0.0, 0.5, 0.8, 0.95, 0.99];
    let mut pred = [0usize; 5];
    let mut correct = [0usize; 5];
    for &(name, lang, has_org) in common::SETS {
        let Ok(dev) = common::load(&ner.join(format!("{name}-dev.jsonl")), has_org, 0) else {
            continue;
        };
        for s in &dev {
            let mut text = String::new();
            let mut tokens = Vec::new();
            for w in &s.words {
                if !text.is_empty() {
                    text.push(' ');
                }
                tokens.push(warta_core::Span::new(text.len(), text.len() + w.len()));
                text.push_str(w);
            }
            let mut a = Article::new("dev", text);
            a.lang = Some(lang.into());
            a.sentences = vec![warta_core::Span::new(0, a.text.len())];
            a.tokens = tokens.clone();
            tagger.process(&mut a).expect("tag stage never rejects");
            let gold = warta_tag::eval::spans(&s.tags);
            for e in &a.entities {
                if e.label == "ORG" && !has_org {
                    continue;
                }
                let (Some(i), Some(j)) = (
                    tokens.iter().position(|t| t.start == e.span.start),
                    tokens.iter().position(|t| t.end == e.span.end),
                ) else {
                    continue;
                };
                let label = warta_tag::model::LABELS
                    .iter()
                    .position(|l| *l == e.label)
                    .unwrap_or(9);
                let band = BANDS.iter().rposition(|b| e.score >= *b).unwrap_or(0);
                pred[band] += 1;
                correct[band] += usize::from(gold.contains(&(i, j + 1, label)));
            }
        }
    }
    println!("\nscore calibration (general model, all dev sets): precision of predicted entities by score");
    for b in 0..BANDS.len() {
        let hi = BANDS
            .get(b + 1)
            .map_or("1.00".to_string(), |h| format!("{h:.2}"));
        let prec = if pred[b] == 0 {
            0.0
        } else {
            100.0 * correct[b] as f64 / pred[b] as f64
        };
        println!(
            "  score {:.2}..{hi}: {:>6} entities, precision {prec:.1}",
            BANDS[b], pred[b]
        );
    }
}
