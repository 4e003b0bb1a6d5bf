//! `warta-corpus`: builds a corpus from a manifest, or screenshots its report.
//!
//! ```text
//! warta-corpus build MANIFEST [--out DIR] [--force] [--rehash] [--verify] [--threads N] [--progress]
//! warta-corpus screenshot REPORT.html OUT.png [--height PX]
//! ```

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use warta_corpus::{build, BuildOptions};

const USAGE: &str = "usage:
  warta-corpus build MANIFEST.toml [--out DIR] [--force] [--rehash] [--verify] [--threads N] [--progress]
      --out DIR     output directory (default: the manifest's, or target/corpus/NAME)
      --force       rebuild every unit, even unchanged ones
      --rehash      hash every input again (default: trust unchanged size and mtime)
      --verify      when checking whether the corpus is up to date, verify output checksums too
      --threads N   pipeline worker threads (default: all cores)
      --progress    show the pipeline's progress bars
  warta-corpus screenshot REPORT.html OUT.png [--height PX]
      renders the report in headless Chromium (apt-get install -y chromium)";

fn main() {
    if let Err(e) = real_main() {
        eprintln!("warta-corpus: error: {e:#}");
        std::process::exit(1);
    }
}

fn real_main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("build") => run_build(&args[1..]),
        Some("screenshot") => run_screenshot(&args[1..]),
        Some("help" | "--help" | "-h") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => bail!("unknown command `{other}`\n{USAGE}"),
    }
}

fn value<'a>(args: &'a [String], i: &mut usize, flag: &str) -> Result<&'a str> {
    *i += 1;
    args.get(*i).map(String::as_str).with_context(|| format!("{flag} needs a value"))
}

fn run_build(args: &[String]) -> Result<()> {
    let mut opts = BuildOptions::default();
    let mut manifest: Option<PathBuf> = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--out" => opts.out_dir = Some(PathBuf::from(value(args, &mut i, "--out")?)),
            "--force" => opts.force = true,
            "--rehash" => opts.rehash = true,
            "--verify" => opts.verify = true,
            "--progress" => opts.progress = true,
            "--threads" => {
                let v = value(args, &mut i, "--threads")?;
                opts.threads = v.parse().with_context(|| format!("--threads: `{v}` is not a number"))?;
            }
            flag if flag.starts_with('-') => bail!("unknown option `{flag}`\n{USAGE}"),
            path if manifest.is_none() => manifest = Some(PathBuf::from(path)),
            extra => bail!("unexpected argument `{extra}`\n{USAGE}"),
        }
        i += 1;
    }
    let manifest = manifest.with_context(|| format!("build needs a manifest\n{USAGE}"))?;
    let report = build(&manifest, &opts)?;
    if let Some(stats) = &report.stats {
        println!(
            "{}: {} records in → {} articles, {} duplicates, {} rejects{}",
            report.out_dir.display(),
            stats.records_in,
            stats.articles,
            stats.duplicates,
            stats.rejects,
            match report.status {
                warta_corpus::BuildStatus::UpToDate => " (up to date, nothing done)".to_string(),
                _ => format!(" ({:.1} s)", report.seconds),
            }
        );
    }
    Ok(())
}

fn run_screenshot(args: &[String]) -> Result<()> {
    let mut paths = Vec::new();
    let mut height = 2400u32;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--height" => {
                let v = value(args, &mut i, "--height")?;
                height = v.parse().with_context(|| format!("--height: `{v}` is not a number"))?;
            }
            flag if flag.starts_with('-') => bail!("unknown option `{flag}`\n{USAGE}"),
            p => paths.push(PathBuf::from(p)),
        }
        i += 1;
    }
    let [html, png] = paths.as_slice() else { bail!("screenshot needs REPORT.html OUT.png\n{USAGE}") };
    warta_corpus::screenshot::screenshot(html, png, height)?;
    println!("wrote {}", png.display());
    Ok(())
}
