//! `cargo xtask`: the project's developer commands.
//!
//! - `cargo xtask eval [sbd|ner|dedup|normalize|glue|extract|lid|seed|noise|all|sbd-peers]`:
//!   quality against `../shared/data` (or `$WARTA_SHARED_DATA`), by running each
//!   stage crate's `examples/eval.rs`, and the whole pipeline on the seed article
//!   (`seed`) and on clean articles with injected scrape noise (`noise`);
//!   results in `target/eval/results.json`.
//! - `cargo xtask bench [--size-mb N] [--peers]`: throughput and memory of each
//!   stage and of the whole pipeline on a generated archive; results in
//!   `target/bench/results.json`.
//! - `cargo xtask train-ner`: trains the entity tagger's model.
//! - `cargo xtask corpus build MANIFEST`: a reproducible corpus build
//!   (`crates/corpus`).

mod bench;
mod eval;
mod gen;
mod measure;
mod noise;
mod peers;
mod seed;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

fn main() {
    if let Err(e) = real_main() {
        eprintln!("xtask: error: {e:#}");
        std::process::exit(1);
    }
}

fn real_main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cmd, rest) = args.split_first().map(|(c, r)| (c.as_str(), r)).unwrap_or(("help", &[]));
    match cmd {
        "eval" => eval::run(rest),
        "bench" => bench::run(rest),
        "train-ner" => train_ner(rest),
        "fuzz" => run_cmd(Command::new("bash").arg(root().join("fuzz/run.sh")).args(rest).current_dir(root().join("fuzz"))),
        "corpus" => run_cmd(cargo().args(["run", "--quiet", "--release", "-p", "warta-corpus", "--"]).args(rest)),
        "help" | "--help" | "-h" => {
            println!("{}", HELP);
            Ok(())
        }
        other => bail!("unknown xtask `{other}`\n{HELP}"),
    }
}

const HELP: &str = "cargo xtask <command>
  eval [sbd|ner|dedup|normalize|glue|extract|lid|seed|noise|all|sbd-peers] [OPTIONS]   quality against ../shared/data
                                                    (OPTIONS go to that suite's example, e.g. sbd --ud FILE.conllu;
                                                     noise [--articles N] [--seed N] [--json PATH] [--warta BIN] [--warta-config FILE])
  bench [--size-mb N] [--peers]                     throughput and memory
  train-ner [OUT]                                   train the entity tagger
  fuzz [TARGET [SECONDS]]                           run the fuzz targets (fuzz/README.md)
  corpus build corpus/manifests/NAME.toml [--force]  reproducible corpus build
  corpus screenshot REPORT.html OUT.png              render a build report in headless Chromium";

/// The repository root (xtask's parent directory).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the repository").to_path_buf()
}

/// `../shared/data`, or `$WARTA_SHARED_DATA`; `None` when absent.
pub fn shared_data() -> Option<PathBuf> {
    let path = std::env::var_os("WARTA_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/data"));
    path.is_dir().then_some(path)
}

/// Runs a command, failing with its name when it fails.
pub fn run_cmd(cmd: &mut Command) -> Result<()> {
    let status = cmd.status().with_context(|| format!("cannot start {cmd:?}"))?;
    if !status.success() {
        bail!("{cmd:?} failed with {status}");
    }
    Ok(())
}

/// Builds the release `warta` binary and returns its path.
pub fn release_binary() -> Result<PathBuf> {
    run_cmd(cargo().args(["build", "--release", "--quiet", "-p", "warta-cli"]))?;
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target"));
    Ok(target.join("release/warta"))
}

pub fn cargo() -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(root());
    c
}

fn train_ner(rest: &[String]) -> Result<()> {
    let Some(data) = shared_data() else {
        bail!("../shared/data is absent: training needs the NER train splits (set WARTA_SHARED_DATA)");
    };
    let out = rest.first().cloned().unwrap_or_else(|| "crates/tag/model/ner.bin.zst".into());
    run_cmd(cargo().args(["run", "--release", "-p", "warta-tag", "--example", "train", "--"]).arg(&data).arg(out))
}
