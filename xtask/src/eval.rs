//! `cargo xtask eval`: runs each stage crate's `examples/eval.rs` against the
//! shared gold data and gathers their JSON into `target/eval/results.json`.

use anyhow::{bail, Result};
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
    ("extract", "warta-ingest", "eval_extract"),
];

pub fn run(args: &[String]) -> Result<()> {
    let which = args.first().map(String::as_str).unwrap_or("all");
    let selected: Vec<_> = SUITES.iter().filter(|(name, ..)| which == "all" || *name == which).collect();
    if selected.is_empty() {
        bail!("unknown eval suite `{which}`; choose sbd, ner, dedup, normalize, glue, extract, lid or all");
    }
    let Some(data) = shared_data() else {
        println!(
            "eval: ../shared/data is absent (set WARTA_SHARED_DATA to its path); the evaluations need its gold data, so none ran."
        );
        return Ok(());
    };
    let out_dir = root().join("target/eval");
    std::fs::create_dir_all(&out_dir)?;
    let results_path = out_dir.join("results.json");
    let mut results: Map<String, Value> = std::fs::read_to_string(&results_path)
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default();
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
                .arg(&json),
        )?;
        if let Some(v) = std::fs::read_to_string(&json).ok().and_then(|s| serde_json::from_str::<Value>(&s).ok()) {
            results.insert(suite.to_string(), v);
        }
    }
    std::fs::write(&results_path, serde_json::to_string_pretty(&Value::Object(results))?)?;
    println!("\nresults: {}", results_path.display());
    Ok(())
}
