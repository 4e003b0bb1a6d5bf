//! `cargo xtask eval`: runs each stage crate's `examples/eval.rs` against the
//! shared gold data and gathers their JSON into `target/eval/results.json`.

use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};
use serde_json::{Map, Value};

use crate::{cargo, root, run_cmd, shared_data};

/// (suite, crate, example) — `lid` is part of normalisation's evaluation.
const SUITES: &[(&str, &str, &str)] = &[
    ("sbd", "warta-segment", "eval"),
    ("normalize", "warta-normalize", "eval"),
    ("lid", "warta-normalize", "eval"),
    ("glue", "warta-normalize", "eval_glue"),
    ("dedup", "warta-dedup", "eval"),
    ("ner", "warta-tag", "eval"),
    ("ner-docs", "warta-tag", "eval_docs"),
    ("extract", "warta-ingest", "eval_extract"),
];

pub fn run(args: &[String]) -> Result<()> {
    let which = args.first().map(String::as_str).unwrap_or("all");
    if which == "sbd-peers" {
        return sbd_peers();
    }
    if which == "noise" {
        println!("\n=== eval noise (the whole pipeline on clean articles with injected scrape noise) ===");
        let noise = crate::noise::run(shared_data().as_deref(), args.get(1..).unwrap_or_default())?;
        return save_result("noise", noise);
    }
    let selected: Vec<_> = SUITES.iter().filter(|(name, ..)| which == "all" || *name == which).collect();
    let with_seed = matches!(which, "all" | "seed");
    let with_noise = which == "all";
    if selected.is_empty() && !with_seed {
        bail!("unknown eval suite `{which}`; choose sbd, ner, ner-docs, dedup, normalize, glue, extract, lid, seed, noise, all or sbd-peers");
    }
    // Options after one suite's name go to its example, e.g.
    // `cargo xtask eval sbd --ud /tmp/ud-test/id_pud-ud-test.conllu`.
    let passed_on = args.get(1..).unwrap_or_default();
    if !passed_on.is_empty() && selected.len() != 1 {
        bail!("options after the suite ({}) need one suite, not `{which}`", passed_on.join(" "));
    }
    let Some(data) = shared_data() else {
        println!(
            "eval: ../shared/data is absent (set WARTA_SHARED_DATA to its path); the evaluations need its gold data, so none ran."
        );
        return Ok(());
    };
    let out_dir = root().join("target/eval");
    let (results_path, mut results) = read_results()?;
    let mut ran = std::collections::BTreeSet::new();
    for (suite, krate, example) in selected {
        // One example may serve two suites (normalize and lid): run it once.
        if !ran.insert((krate, example)) {
            continue;
        }
        println!("\n=== eval {suite} ({krate} --example {example}) ===");
        let json = out_dir.join(format!("{krate}-{example}.json"));
        run_cmd(
            cargo()
                .args(["run", "--quiet", "--release", "-p", krate, "--example", example, "--"])
                .arg(&data)
                .arg("--json")
                .arg(&json)
                .args(passed_on),
        )?;
        if let Some(v) = std::fs::read_to_string(&json).ok().and_then(|s| serde_json::from_str::<Value>(&s).ok()) {
            results.insert(suite.to_string(), v);
        }
    }
    if with_seed {
        println!("\n=== eval seed (the whole pipeline on ../shared/seed) ===");
        let seed = crate::seed::run(&data)?;
        if !seed.is_null() {
            results.insert("seed".to_string(), seed);
        }
    }
    if with_noise {
        println!("\n=== eval noise (the whole pipeline on clean articles with injected scrape noise) ===");
        let noise = crate::noise::run(Some(&data), &[])?;
        if !noise.is_null() {
            results.insert("noise".to_string(), noise);
        }
    }
    std::fs::write(&results_path, serde_json::to_string_pretty(&Value::Object(results))?)?;
    println!("\nresults: {}", results_path.display());
    Ok(())
}

/// `target/eval/results.json` (created with its directory when missing)
/// and the results it holds.
fn read_results() -> Result<(std::path::PathBuf, Map<String, Value>)> {
    let out_dir = root().join("target/eval");
    std::fs::create_dir_all(&out_dir)?;
    let results_path = out_dir.join("results.json");
    let results = std::fs::read_to_string(&results_path)
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default();
    Ok((results_path, results))
}

/// Puts one suite's result into `target/eval/results.json` beside the others.
fn save_result(suite: &str, result: Value) -> Result<()> {
    if result.is_null() {
        return Ok(());
    }
    let (results_path, mut results) = read_results()?;
    results.insert(suite.to_string(), result);
    std::fs::write(&results_path, serde_json::to_string_pretty(&Value::Object(results))?)?;
    println!("\nresults: {}", results_path.display());
    Ok(())
}

/// The gold sets that `sbd-peers` scores: (name in warta's sentence
/// evaluation, file under the shared data).
const SBD_PEER_SETS: &[(&str, &str)] = &[
    ("UD id GSD dev", "sbd/ud-id-gsd-dev.jsonl"),
    ("UD id CSUI train", "sbd/ud-id-csui-train.jsonl"),
    ("UD en EWT dev", "sbd/ud-en-ewt-dev.jsonl"),
    ("UD en GUM dev", "sbd/ud-en-gum-dev.jsonl"),
    ("IndoSum dev", "news/indosum-dev.jsonl.gz"),
    ("pySBD golden rules en", "sbd/golden-rules-en.jsonl"),
];

/// `cargo xtask eval sbd-peers`: pySBD and spaCy's sentencizer (from the
/// pinned venv of `bench --peers`) scored on the same gold sets with the same
/// definitions as warta's sentence evaluation (`xtask/peers/sbd_peer.py`),
/// beside warta's figures from the last `cargo xtask eval sbd`.
fn sbd_peers() -> Result<()> {
    let Some(data) = shared_data() else {
        println!("eval sbd-peers: ../shared/data is absent (set WARTA_SHARED_DATA to its path); nothing ran.");
        return Ok(());
    };
    let out_dir = root().join("target/eval");
    let logs = out_dir.join("sbd-peers-logs");
    std::fs::create_dir_all(&logs)?;
    let (python, _) = crate::peers::ensure_venv(&logs)?;
    let script = root().join("xtask/peers/sbd_peer.py");
    let mut peers = Map::new();
    for peer in ["pysbd", "spacy-sentencizer"] {
        println!("eval sbd-peers: {peer}…");
        let mut cmd = Command::new(&python);
        cmd.arg(&script).arg(peer);
        for (name, file) in SBD_PEER_SETS {
            cmd.arg("--set").arg(format!("{name}={}", data.join(file).display()));
        }
        let log = logs.join(format!("{peer}.log"));
        let output = cmd
            .stdin(Stdio::null())
            .stderr(Stdio::from(std::fs::File::create(&log)?))
            .output()
            .with_context(|| format!("cannot start {}", python.display()))?;
        if !output.status.success() {
            println!("  {peer} failed ({}); see {}", output.status, log.display());
            continue;
        }
        let stdout = String::from_utf8_lossy(&output.stdout);
        let result: Value = serde_json::from_str(stdout.lines().last().unwrap_or(""))
            .with_context(|| format!("{peer} printed no result; see {}", log.display()))?;
        peers.insert(peer.to_string(), result);
    }
    let warta: Value = std::fs::read_to_string(out_dir.join("warta-segment-eval.json"))
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or(Value::Null);
    let cell = |v: &Value| -> String {
        if let Some(f1) = v["f1"].as_f64() {
            format!("{:.3} / {:.3} / {:.3}", v["precision"].as_f64().unwrap_or(0.0), v["recall"].as_f64().unwrap_or(0.0), f1)
        } else if let (Some(ok), Some(n)) = (v["passed"].as_u64().or(v["correct"].as_u64()), v["cases"].as_u64()) {
            format!("{ok}/{n}")
        } else {
            "-".to_string()
        }
    };
    println!("\nSentence boundaries, P / R / F1 (golden rules: cases fully right); same sets, same scoring\n");
    println!("{:<24} {:<22} {:<22} {:<22}", "set", "warta", "pySBD", "spaCy sentencizer");
    for (name, _) in SBD_PEER_SETS {
        println!(
            "{:<24} {:<22} {:<22} {:<22}",
            name,
            cell(&warta[name]),
            cell(&peers.get("pysbd").map_or(Value::Null, |p| p["sets"][name].clone())),
            cell(&peers.get("spacy-sentencizer").map_or(Value::Null, |p| p["sets"][name].clone())),
        );
    }
    if warta.is_null() {
        println!("(warta's column is empty: run `cargo xtask eval sbd` first)");
    }
    println!("(pySBD has no Indonesian rules: its English rules run on the Indonesian sets)");
    let path = out_dir.join("sbd-peers.json");
    std::fs::write(&path, serde_json::to_string_pretty(&Value::Object(peers))?)?;
    println!("results: {}", path.display());
    Ok(())
}
