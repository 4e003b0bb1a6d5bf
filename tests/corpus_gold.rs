//! `warta run` over the embedded corpus, scored against `corpus/gold.json`.
//!
//! Duplicates and rejects must match the gold exactly. Sentences, removals
//! and entities are scored, and each score must stay above a floor set a
//! little under what the stages reach today, so a regression fails the test.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read_lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn char_slice(text: &str, span: &Value) -> String {
    let (s, e) = (span["start"].as_u64().unwrap() as usize, span["end"].as_u64().unwrap() as usize);
    text.chars().skip(s).take(e - s).collect()
}

fn f1(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp == 0 { 1.0 } else { tp as f64 / (tp + fp) as f64 };
    let r = if tp + fn_ == 0 { 1.0 } else { tp as f64 / (tp + fn_) as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

struct Run {
    gold: Value,
    articles: BTreeMap<String, Value>,
    duplicates: Vec<Value>,
    rejects: Vec<Value>,
}

fn run_corpus() -> Run {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let status = Command::new(env!("CARGO_BIN_EXE_warta"))
        .current_dir(repo())
        .args(["run", "--quiet", "corpus", "--out"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(repo().join("corpus/gold.json")).unwrap()).unwrap();
    let articles = read_lines(&out.join("articles.jsonl"))
        .into_iter()
        .map(|a| (a["id"].as_str().unwrap().to_string(), a))
        .collect();
    Run { gold, articles, duplicates: read_lines(&out.join("duplicates.jsonl")), rejects: read_lines(&out.join("rejects.jsonl")) }
}

#[test]
fn duplicates_rejects_and_scores_match_the_gold() {
    let run = run_corpus();
    let gold_articles = run.gold["articles"].as_object().unwrap();

    // Duplicates: exactly the gold pairs, with the right kind.
    let found: BTreeSet<(String, String, String)> = run
        .duplicates
        .iter()
        .map(|d| (d["id"].as_str().unwrap().into(), d["duplicate_of"].as_str().unwrap().into(), d["kind"].as_str().unwrap().into()))
        .collect();
    let expected: BTreeSet<(String, String, String)> = run.gold["duplicate_pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["duplicate"].as_str().unwrap().into(), p["kept"].as_str().unwrap().into(), p["kind"].as_str().unwrap().into()))
        .collect();
    assert_eq!(found, expected, "duplicate pairs differ from the gold");

    // Rejects: same records (by record index in their file) and reasons.
    let found: BTreeSet<(u64, String)> =
        run.rejects.iter().map(|r| (r["source"]["record"].as_u64().unwrap(), r["reason"].as_str().unwrap().into())).collect();
    let expected: BTreeSet<(u64, String)> = run.gold["rejects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["source"]["record"].as_u64().unwrap(), r["reason"].as_str().unwrap().into()))
        .collect();
    assert_eq!(found, expected, "rejects differ from the gold");

    // Every gold article that is not a duplicate is an article.
    let (mut s_tp, mut s_fp, mut s_fn) = (0, 0, 0);
    let (mut r_tp, mut r_fn) = (0, 0);
    let (mut e_tp, mut e_fp, mut e_fn) = (0, 0, 0);
    for (id, g) in gold_articles {
        if !g["duplicate_of"].is_null() {
            continue;
        }
        let a = run.articles.get(id).unwrap_or_else(|| panic!("article {id} is missing from articles.jsonl"));
        let text = a["text"].as_str().unwrap();
        let predicted: BTreeSet<String> = a["sentences"].as_array().unwrap().iter().map(|s| char_slice(text, s)).collect();
        let expected: BTreeSet<String> = g["sentences"].as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect();
        s_tp += predicted.intersection(&expected).count();
        s_fp += predicted.difference(&expected).count();
        s_fn += expected.difference(&predicted).count();

        let removed: Vec<String> = a["removed"]
            .as_array()
            .map(|v| v.iter().map(|r| r["text"].as_str().unwrap_or("").trim().to_string()).collect())
            .unwrap_or_default();
        for r in g["removed"].as_array().unwrap() {
            let want = r["text"].as_str().unwrap().trim();
            if removed.iter().any(|got| got == want || got.contains(want)) {
                r_tp += 1;
            } else {
                r_fn += 1;
            }
        }

        let predicted: BTreeSet<(String, String)> = a["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["text"].as_str().unwrap().into(), e["label"].as_str().unwrap().into()))
            .collect();
        let expected: BTreeSet<(String, String)> = g["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["text"].as_str().unwrap().into(), e["label"].as_str().unwrap().into()))
            .collect();
        e_tp += predicted.intersection(&expected).count();
        e_fp += predicted.difference(&expected).count();
        e_fn += expected.difference(&predicted).count();
    }
    let (sp, sr, sf) = f1(s_tp, s_fp, s_fn);
    let removal_recall = r_tp as f64 / (r_tp + r_fn).max(1) as f64;
    let (ep, er, ef) = f1(e_tp, e_fp, e_fn);
    eprintln!("corpus gold: sentences P {sp:.3} R {sr:.3} F1 {sf:.3}; removals recall {removal_recall:.3}; entities (unique per article) P {ep:.3} R {er:.3} F1 {ef:.3}");
    assert!(sf >= 0.94, "sentence F1 {sf:.3} fell below 0.94");
    assert!(removal_recall >= 0.95, "removal recall {removal_recall:.3} fell below 0.95");
    assert!(ef >= 0.72, "entity F1 {ef:.3} fell below 0.72");
}

#[test]
fn the_seed_like_article_loses_title_line_and_every_spun_fragment() {
    let run = run_corpus();
    let a = &run.articles["id-politik-kabinet"];
    let text = a["text"].as_str().unwrap();
    assert!(!text.contains("tertunda di."), "spun fragment left: {text}");
    assert!(!text.lines().any(|l| l.trim() == "Menteri Luar Negeri bertolak ke Tokyo"), "title line left");
    assert!(!text.contains("dengan. Menteri"), "spurious full stop left");
}
