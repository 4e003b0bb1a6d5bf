//! `cargo xtask bench --peers`: warta's stages against the Python tools people
//! use for the same job, on the same records, in the same run.
//!
//! The peers live in a venv under `target/peers-venv`, installed from PyPI at
//! the versions pinned in `xtask/peers/requirements.txt` (reinstalled only when
//! that file changes). A package that does not install skips its peer, and the
//! table says why. Each peer runs in its own Python process
//! (`xtask/peers/run_peer.py`), which times only the peer's work and reports
//! its peak RSS; warta's side runs the release binary stage by stage with one
//! thread (the peers use one core), timed with `wait4`, median of
//! `WARTA_PEERS_REPEATS` runs (default 5; it is cheap beside the peers).
//!
//! The input is the first `WARTA_PEERS_SAMPLE_MB` MB (default 8) of the
//! generated archive, cut at a record boundary, so that the slow peers (pySBD,
//! spaCy NER) finish in a minute or two. MB/s is always MB of article text
//! (the `text` field, UTF-8), or of raw HTML for extraction. The machine is
//! shared, so read the ratios (same run, same input), not the absolute figures.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};

use crate::measure::{measure, Measured};

const DEFAULT_SAMPLE_MB: u64 = 8;
const DEFAULT_REPEATS: usize = 5;
/// The zyte-aeb HTML pages under shared data, when present.
const HTML_DIR: &str = "html/zyte-aeb/html";

/// One comparison: a warta stage against one Python peer.
struct Pairing {
    stage: &'static str,
    peer: &'static str,
    input: PeerInput,
}

#[derive(Clone, Copy, PartialEq)]
enum PeerInput {
    /// The whole sample.
    Sample,
    /// The English records of the sample (spaCy's small model is English).
    English,
    /// Raw HTML pages.
    Html,
}

const PAIRINGS: &[Pairing] = &[
    Pairing {
        stage: "segment",
        peer: "pysbd",
        input: PeerInput::Sample,
    },
    Pairing {
        stage: "segment",
        peer: "spacy-sentencizer",
        input: PeerInput::Sample,
    },
    Pairing {
        stage: "tag (en)",
        peer: "spacy-ner",
        input: PeerInput::English,
    },
    Pairing {
        stage: "normalize",
        peer: "ftfy",
        input: PeerInput::Sample,
    },
    Pairing {
        stage: "dedup",
        peer: "datasketch",
        input: PeerInput::Sample,
    },
    Pairing {
        stage: "dedup",
        peer: "datatrove-minhash",
        input: PeerInput::Sample,
    },
    Pairing {
        stage: "extract (html)",
        peer: "trafilatura",
        input: PeerInput::Html,
    },
];

/// Runs the peers and warta on a sample of `input_jsonl`, prints the table
/// and returns it as JSON (also written to `out_dir/peers/peers.json`).
pub fn run(input_jsonl: &Path, warta: &Path, out_dir: &Path) -> Result<Value> {
    let sample_mb = env_number("WARTA_PEERS_SAMPLE_MB", DEFAULT_SAMPLE_MB)?;
    let repeats = env_number("WARTA_PEERS_REPEATS", DEFAULT_REPEATS as u64)?.max(1) as usize;
    let dir = out_dir.join("peers");
    let logs = dir.join("logs");
    std::fs::create_dir_all(&logs)?;

    let (python, install) = ensure_venv(&logs)?;

    let sample = dir.join("sample.jsonl");
    let english = dir.join("sample-en.jsonl");
    let sizes = write_samples(input_jsonl, sample_mb * 1_000_000, &sample, &english)?;
    println!(
        "peers: sample of {:.1} MB of text ({} records, {} English) from {}",
        sizes.text_bytes as f64 / 1e6,
        sizes.records,
        sizes.english_records,
        input_jsonl.display()
    );
    let html_dir = crate::shared_data()
        .map(|d| d.join(HTML_DIR))
        .filter(|d| d.is_dir());

    // warta, one thread, stage by stage, as the pipeline chains them.
    println!("peers: warta stages ({repeats} runs each, median)…");
    let mut warta_stages = serde_json::Map::new();
    let mut all = warta_chain(warta, &sample, &dir, "all", repeats)?;
    // The normalisation stage's own CPU time on the sample is a few tens of
    // milliseconds, too short to read steadily on a shared machine: it is
    // read on the sample repeated (same records, new ids) instead.
    all.normalize.stage_cpu_s = normalize_run(warta, &sample, &dir, "all-repeated", repeats, STAGE_REPEATS)?.stage_cpu_s;
    let en = warta_chain(warta, &english, &dir, "en", repeats)?;
    for (name, m) in [
        ("normalize", all.normalize),
        ("segment", all.segment),
        ("dedup", all.dedup),
    ] {
        warta_stages.insert(name.into(), stage_json(m, sizes.text_bytes));
    }
    warta_stages.insert(
        "tag (en)".into(),
        stage_json(en.tag, sizes.english_text_bytes),
    );
    // What each warta figure includes that the peers' do not (process start,
    // model load): the same stages on an empty stream.
    let startup = warta_startup(warta, &dir, repeats)?;
    let html = match &html_dir {
        Some(d) => {
            let m = median_of(repeats, || {
                measure(
                    Command::new(warta)
                        .args(["ingest", "-q", "--threads", "1"])
                        .arg(d),
                    None,
                )
            })?;
            Some(m)
        }
        None => None,
    };

    // The peers, one process each.
    let script = crate::root().join("xtask/peers/run_peer.py");
    let work = dir.join("work");
    let mut rows = Vec::new();
    for p in PAIRINGS {
        let input = match p.input {
            PeerInput::Sample => &sample,
            PeerInput::English => &english,
            PeerInput::Html => &sample,
        };
        if p.input == PeerInput::Html && html_dir.is_none() {
            rows.push(skipped_row(
                p,
                "no HTML input: ../shared/data/html is absent (set WARTA_SHARED_DATA)",
            ));
            continue;
        }
        if p.input == PeerInput::English && sizes.english_records == 0 {
            rows.push(skipped_row(p, "no English records in the sample"));
            continue;
        }
        println!("peers: {} ({})…", p.peer, p.stage);
        let mut cmd = Command::new(&python);
        cmd.arg(&script)
            .arg(p.peer)
            .arg("--input")
            .arg(input)
            .arg("--work")
            .arg(&work);
        if let (PeerInput::Html, Some(d)) = (p.input, &html_dir) {
            cmd.arg("--html-dir").arg(d);
        }
        let log = logs.join(format!("{}.log", p.peer));
        let peer = match run_peer(&mut cmd, &log) {
            Ok(v) => v,
            Err(e) => {
                rows.push(skipped_row(p, &format!("{e:#}")));
                continue;
            }
        };
        if let Some(reason) = peer.get("skipped").and_then(Value::as_str) {
            rows.push(skipped_row(p, reason));
            continue;
        }
        let peer_bytes = peer["text_bytes"].as_u64().unwrap_or(0);
        let (warta_m, warta_bytes) = match p.input {
            PeerInput::Sample => (
                match p.stage {
                    "segment" => all.segment,
                    "normalize" => all.normalize,
                    _ => all.dedup,
                },
                sizes.text_bytes,
            ),
            PeerInput::English => (en.tag, sizes.english_text_bytes),
            // warta reads the same pages; MB is the peer's count of raw HTML.
            PeerInput::Html => (StageRun { process: html.expect("html_dir is set"), stage_cpu_s: None }, peer_bytes),
        };
        if p.input != PeerInput::Html && peer_bytes != warta_bytes {
            bail!(
                "{}: the peer saw {peer_bytes} bytes of text, warta {warta_bytes}",
                p.peer
            );
        }
        // The peers are timed after their models are loaded: the same for
        // warta is its run minus its run on an empty stream.
        let startup_key = p.stage.split(' ').next().unwrap_or(p.stage);
        let warta_startup = startup.get(startup_key).and_then(Value::as_f64).unwrap_or(0.0);
        rows.push(compared_row(p, warta_m, warta_bytes, &peer, warta_startup));
    }

    // The raw scrape of real news (when the shared data is here): the
    // normalisation stage against ftfy on real damage, as warta reads the
    // records (their own `lang`), and with the language fields dropped so that
    // the stage also identifies the language.
    let scrape = crate::shared_data().map(|d| d.join(SCRAPE)).filter(|p| p.is_file());
    match &scrape {
        Some(path) => rows.extend(scrape_rows(path, warta, &python, &script, &dir, &logs, repeats)?),
        None => rows.push(skipped_row(&SCRAPE_PAIRINGS[0], "no real scrape: ../shared/data is absent (set WARTA_SHARED_DATA)")),
    }

    print_table(&rows);
    let result = json!({
        "input": input_jsonl.display().to_string(),
        "sample_mb": sample_mb,
        "sample_records": sizes.records,
        "sample_text_bytes": sizes.text_bytes,
        "english_records": sizes.english_records,
        "english_text_bytes": sizes.english_text_bytes,
        "warta_threads": 1,
        "warta_repeats": repeats,
        "warta": Value::Object(warta_stages),
        "warta_startup_s": startup,
        "install": install,
        "rows": rows,
        "note": "MB/s of article text (raw HTML for extract); warta: release binary, 1 thread, bincode between stages, \
                 median wall; peers: one Python process each, input parsed and models loaded before timing. \
                 ratio = warta MB/s / peer MB/s on the same records in the same run.",
    });
    std::fs::write(
        dir.join("peers.json"),
        serde_json::to_string_pretty(&result)?,
    )?;
    println!("peers: wrote {}", dir.join("peers.json").display());
    Ok(result)
}

fn env_number(name: &str, default: u64) -> Result<u64> {
    match std::env::var(name) {
        Ok(s) => s
            .trim()
            .parse()
            .with_context(|| format!("{name}={s} is not a whole number")),
        Err(_) => Ok(default),
    }
}

/// Creates `target/peers-venv` and installs the pinned requirements when they
/// changed since the last install. Returns the venv's python and what the
/// install did (packages that failed are listed; their peers skip).
pub(crate) fn ensure_venv(logs: &Path) -> Result<(PathBuf, Value)> {
    let venv = crate::root().join("target/peers-venv");
    let python = venv.join("bin/python");
    let requirements_path = crate::root().join("xtask/peers/requirements.txt");
    let requirements = std::fs::read_to_string(&requirements_path)
        .with_context(|| format!("cannot read {}", requirements_path.display()))?;
    let stamp = venv.join("warta-requirements.json");
    if let Ok(previous) = std::fs::read_to_string(&stamp) {
        if let Ok(v) = serde_json::from_str::<Value>(&previous) {
            if v["requirements"].as_str() == Some(requirements.as_str()) && python.exists() {
                return Ok((python, v["install"].clone()));
            }
        }
    }
    if !python.exists() {
        let system_python = std::env::var("WARTA_PYTHON").unwrap_or_else(|_| "python3".into());
        println!("peers: creating {} with {system_python}…", venv.display());
        let status = Command::new(&system_python)
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .with_context(|| {
                format!("cannot start {system_python} (set WARTA_PYTHON to a Python 3.11)")
            })?;
        if !status.success() {
            bail!(
                "{system_python} -m venv {} failed with {status}",
                venv.display()
            );
        }
    }
    println!(
        "peers: installing the pinned peers from PyPI (log in {})…",
        logs.display()
    );
    let pip_log = logs.join("pip.log");
    let pip = |args: &[&str]| -> Result<bool> {
        let log = File::options().create(true).append(true).open(&pip_log)?;
        let status = Command::new(&python)
            .args(["-m", "pip", "install", "--disable-pip-version-check", "-q"])
            .args(args)
            .stdout(Stdio::from(log.try_clone()?))
            .stderr(Stdio::from(log))
            .status()?;
        Ok(status.success())
    };
    let mut failed = Vec::new();
    let req_arg = requirements_path.to_string_lossy().into_owned();
    if !pip(&["-r", &req_arg])? {
        // One bad pin must not take the others down: install line by line.
        for line in requirements
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            if !pip(&[line])? {
                eprintln!(
                    "peers: could not install {line}; its peer will be skipped (see {})",
                    pip_log.display()
                );
                failed.push(line.to_string());
            }
        }
    }
    let install = json!({ "failed": failed });
    let stamp_value = json!({ "requirements": requirements, "install": install });
    std::fs::write(&stamp, serde_json::to_string_pretty(&stamp_value)?)?;
    Ok((python, install))
}

struct SampleSizes {
    records: u64,
    text_bytes: u64,
    english_records: u64,
    english_text_bytes: u64,
}

/// Copies whole records from the start of `input` until `limit` bytes of
/// input, and the English ones (`lang == "en"`) also to `english`.
fn write_samples(input: &Path, limit: u64, sample: &Path, english: &Path) -> Result<SampleSizes> {
    let reader = BufReader::new(
        File::open(input).with_context(|| format!("cannot open {}", input.display()))?,
    );
    let mut all_out = BufWriter::new(File::create(sample)?);
    let mut en_out = BufWriter::new(File::create(english)?);
    let mut sizes = SampleSizes {
        records: 0,
        text_bytes: 0,
        english_records: 0,
        english_text_bytes: 0,
    };
    let mut read = 0u64;
    for line in reader.lines() {
        let line = line?;
        if read >= limit {
            break;
        }
        read += line.len() as u64 + 1;
        let Ok(record) = serde_json::from_str::<Value>(&line) else {
            continue;
        };
        let Some(text) = record.get("text").and_then(Value::as_str) else {
            continue;
        };
        writeln!(all_out, "{line}")?;
        sizes.records += 1;
        sizes.text_bytes += text.len() as u64;
        if record.get("lang").and_then(Value::as_str) == Some("en") {
            writeln!(en_out, "{line}")?;
            sizes.english_records += 1;
            sizes.english_text_bytes += text.len() as u64;
        }
    }
    all_out.flush()?;
    en_out.flush()?;
    if sizes.records == 0 {
        bail!("{} has no records with a `text` field", input.display());
    }
    Ok(sizes)
}

/// The raw scrape of Indonesian news under the shared data.
const SCRAPE: &str = "news/id-rss-2025-06.jsonl.gz";

/// warta's normalisation against ftfy on the raw scrape: as read (the records
/// carry their language), and without the language fields.
const SCRAPE_PAIRINGS: [Pairing; 2] = [
    Pairing {
        stage: "normalize (scrape)",
        peer: "ftfy",
        input: PeerInput::Sample,
    },
    Pairing {
        stage: "normalize+lid (scrape)",
        peer: "ftfy",
        input: PeerInput::Sample,
    },
];

/// The two `SCRAPE_PAIRINGS` rows: the scrape decompressed twice (as is, and
/// without `lang`), each normalised by warta with one thread, and ftfy on it.
fn scrape_rows(
    scrape: &Path,
    warta: &Path,
    python: &Path,
    script: &Path,
    dir: &Path,
    logs: &Path,
    repeats: usize,
) -> Result<Vec<Value>> {
    let as_read = dir.join("scrape.jsonl");
    let without_lang = dir.join("scrape-nolang.jsonl");
    let mut text_bytes = 0u64;
    {
        let reader = BufReader::new(flate2::read::GzDecoder::new(
            File::open(scrape).with_context(|| format!("cannot open {}", scrape.display()))?,
        ));
        let mut out = BufWriter::new(File::create(&as_read)?);
        let mut out_nolang = BufWriter::new(File::create(&without_lang)?);
        for line in reader.lines() {
            let line = line?;
            let Ok(mut record) = serde_json::from_str::<Value>(&line) else { continue };
            let Some(text) = record.get("text").and_then(Value::as_str) else { continue };
            text_bytes += text.len() as u64;
            writeln!(out, "{line}")?;
            if let Some(fields) = record.as_object_mut() {
                fields.remove("lang");
            }
            writeln!(out_nolang, "{record}")?;
        }
        out.flush()?;
        out_nolang.flush()?;
    }
    println!("peers: ftfy (normalize) on the raw scrape, {:.1} MB of text…", text_bytes as f64 / 1e6);
    let log = logs.join("ftfy-scrape.log");
    let mut cmd = Command::new(python);
    cmd.arg(script).arg("ftfy").arg("--input").arg(&as_read).arg("--work").arg(dir.join("work"));
    let peer = match run_peer(&mut cmd, &log) {
        Ok(v) if v.get("skipped").is_none() => v,
        Ok(v) => {
            let reason = v["skipped"].as_str().unwrap_or("skipped").to_string();
            return Ok(SCRAPE_PAIRINGS.iter().map(|p| skipped_row(p, &reason)).collect());
        }
        Err(e) => return Ok(SCRAPE_PAIRINGS.iter().map(|p| skipped_row(p, &format!("{e:#}"))).collect()),
    };
    if peer["text_bytes"].as_u64() != Some(text_bytes) {
        bail!("ftfy on the scrape saw {} bytes of text, warta {text_bytes}", peer["text_bytes"]);
    }
    let mut rows = Vec::new();
    for (pairing, input, name) in [(&SCRAPE_PAIRINGS[0], &as_read, "scrape"), (&SCRAPE_PAIRINGS[1], &without_lang, "scrape-nolang")] {
        let run = normalize_run(warta, input, dir, name, repeats, STAGE_REPEATS)?;
        rows.push(compared_row(pairing, run, text_bytes, &peer, 0.0));
    }
    Ok(rows)
}

/// How many times the input is repeated when only the normalisation stage's
/// own CPU time is read from a run.
const STAGE_REPEATS: usize = 8;

/// `ingest → normalize` on `input` repeated `times` times (new ids), one
/// thread; the normalize stage timed, its timings given per copy (so the
/// process's start-up is shared by the copies).
fn normalize_run(warta: &Path, input: &Path, dir: &Path, name: &str, repeats: usize, times: usize) -> Result<StageRun> {
    let repeated = dir.join(format!("{name}-x{times}.jsonl"));
    {
        let lines: Vec<String> = BufReader::new(File::open(input)?).lines().collect::<std::io::Result<_>>()?;
        let mut out = BufWriter::new(File::create(&repeated)?);
        for copy in 0..times {
            for line in &lines {
                let Ok(mut record) = serde_json::from_str::<Value>(line) else { continue };
                if let Some(fields) = record.as_object_mut() {
                    let id = fields.get("id").and_then(Value::as_str).unwrap_or("").to_string();
                    fields.insert("id".into(), Value::String(format!("{id}#{copy}")));
                }
                writeln!(out, "{record}")?;
            }
        }
        out.flush()?;
    }
    let ingested = dir.join(format!("warta-{name}-ingest.bin"));
    ingest_to_bincode(warta, &repeated, &ingested)?;
    let stats_path = dir.join(format!("warta-{name}-stats.json"));
    let run = timed_stage(warta, "normalize", &ingested, None, &stats_path, repeats)?;
    let per_copy = |seconds: f64| seconds / times as f64;
    let process = Measured { wall: per_copy(run.process.wall), cpu: per_copy(run.process.cpu), max_rss_mb: run.process.max_rss_mb };
    Ok(StageRun { process, stage_cpu_s: run.stage_cpu_s.map(per_copy) })
}

/// `warta ingest` of `input` with one thread, as bincode records in `output`.
fn ingest_to_bincode(warta: &Path, input: &Path, output: &Path) -> Result<()> {
    measure(Command::new(warta).args(["ingest", "-q", "--threads", "1", "--format", "bincode"]).arg(input), Some(output))?;
    Ok(())
}

/// One warta stage on bincode `input`, one thread, `repeats` times: the
/// process's median timings and the stage's median CPU seconds (`--stats`).
fn timed_stage(
    warta: &Path,
    stage: &str,
    input: &Path,
    output: Option<&Path>,
    stats_path: &Path,
    repeats: usize,
) -> Result<StageRun> {
    let mut stage_cpu = Vec::new();
    let process = median_of(repeats, || {
        let mut cmd = Command::new(warta);
        cmd.args([stage, "-q", "--threads", "1", "--format", "bincode", "--stats"])
            .arg(stats_path)
            .arg("--rejects")
            .arg(stats_path.with_extension("rejects.jsonl"))
            .arg(input);
        let m = measure(&mut cmd, output)?;
        stage_cpu.extend(stage_cpu_seconds(stats_path, stage));
        Ok(m)
    })?;
    stage_cpu.sort_by(f64::total_cmp);
    Ok(StageRun { process, stage_cpu_s: stage_cpu.get(stage_cpu.len() / 2).copied() })
}

/// Median timings of warta's stages on one sample.
struct WartaChain {
    normalize: StageRun,
    segment: StageRun,
    dedup: StageRun,
    tag: StageRun,
}

/// One stage's process, and the CPU seconds the stage itself spent on the
/// articles (from `--stats`: the worker threads' CPU clocks around the
/// stage's work, without decoding, encoding and I/O), median of the runs.
#[derive(Clone, Copy)]
struct StageRun {
    process: Measured,
    stage_cpu_s: Option<f64>,
}

/// `ingest → normalize → segment`, then `dedup` and `tag` each on the segmented
/// records (so the tagger sees the same articles as spaCy, duplicates included).
fn warta_chain(
    warta: &Path,
    sample: &Path,
    dir: &Path,
    name: &str,
    repeats: usize,
) -> Result<WartaChain> {
    let file = |stage: &str| dir.join(format!("warta-{name}-{stage}.bin"));
    let stats_path = dir.join(format!("warta-{name}-stats.json"));
    let stage = |stage: &str, input: &Path, output: &Path| -> Result<StageRun> {
        timed_stage(warta, stage, input, Some(output), &stats_path, repeats)
    };
    let ingested = file("ingest");
    ingest_to_bincode(warta, sample, &ingested)?;
    let normalize = stage("normalize", &ingested, &file("normalize"))?;
    let segment = stage("segment", &file("normalize"), &file("segment"))?;
    let dedup = stage("dedup", &file("segment"), &file("dedup"))?;
    let tag = stage("tag", &file("segment"), &file("tag"))?;
    Ok(WartaChain {
        normalize,
        segment,
        dedup,
        tag,
    })
}

/// The CPU seconds `stage` reported in a `--stats` file, when it measured them.
fn stage_cpu_seconds(stats_path: &Path, stage: &str) -> Option<f64> {
    let stats: Value = serde_json::from_str(&std::fs::read_to_string(stats_path).ok()?).ok()?;
    stats["stages"]
        .as_array()?
        .iter()
        .find(|s| s[0] == stage)
        .and_then(|s| s[1]["cpu_seconds"].as_f64())
        .filter(|c| *c > 0.0)
}

/// Wall seconds of each stage on an empty stream: process start and model load.
fn warta_startup(warta: &Path, dir: &Path, repeats: usize) -> Result<Value> {
    let empty_jsonl = dir.join("empty.jsonl");
    let empty = dir.join("warta-empty.bin");
    File::create(&empty_jsonl)?;
    // An empty file is a reject ("no JSON records"): keep it off the terminal.
    measure(
        Command::new(warta)
            .args([
                "ingest",
                "-q",
                "--threads",
                "1",
                "--format",
                "bincode",
                "--rejects",
            ])
            .arg(dir.join("empty-rejects.jsonl"))
            .arg(&empty_jsonl),
        Some(&empty),
    )?;
    let mut startup = serde_json::Map::new();
    for stage in ["normalize", "segment", "dedup", "tag"] {
        let m = median_of(repeats, || {
            measure(
                Command::new(warta)
                    .args([stage, "-q", "--threads", "1", "--format", "bincode"])
                    .arg(&empty),
                None,
            )
        })?;
        startup.insert(stage.into(), json!(m.wall));
    }
    Ok(Value::Object(startup))
}

fn median_of(repeats: usize, mut once: impl FnMut() -> Result<Measured>) -> Result<Measured> {
    let mut runs = (0..repeats).map(|_| once()).collect::<Result<Vec<_>>>()?;
    let mid = runs.len() / 2;
    runs.sort_by(|a, b| a.wall.total_cmp(&b.wall));
    let wall = runs[mid].wall;
    let max_rss_mb = runs.iter().map(|m| m.max_rss_mb).fold(0.0, f64::max);
    runs.sort_by(|a, b| a.cpu.total_cmp(&b.cpu));
    Ok(Measured {
        wall,
        cpu: runs[mid].cpu,
        max_rss_mb,
    })
}


/// Runs one peer; its stdout's last line is its JSON result, stderr goes to `log`.
fn run_peer(cmd: &mut Command, log: &Path) -> Result<Value> {
    let output = cmd
        .stderr(Stdio::from(File::create(log)?))
        .stdin(Stdio::null())
        .output()?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        bail!("failed ({}), see {}", output.status, log.display());
    }
    let last = stdout
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    serde_json::from_str(last)
        .with_context(|| format!("unreadable result {last:?}, see {}", log.display()))
}

fn stage_json(run: StageRun, bytes: u64) -> Value {
    let m = run.process;
    json!({
        "text_bytes": bytes,
        "wall_s": m.wall,
        "cpu_s": m.cpu,
        "mb_per_s": mb_per_s(bytes, m.wall),
        "mb_per_cpu_s": mb_per_s(bytes, m.cpu),
        "max_rss_mb": m.max_rss_mb,
        "stage_cpu_s": run.stage_cpu_s,
        "stage_mb_per_cpu_s": run.stage_cpu_s.and_then(|c| mb_per_s(bytes, c)),
    })
}

fn mb_per_s(bytes: u64, secs: f64) -> Option<f64> {
    (secs > 0.0).then(|| bytes as f64 / 1e6 / secs)
}

fn skipped_row(p: &Pairing, reason: &str) -> Value {
    json!({ "stage": p.stage, "peer": p.peer, "skipped": reason })
}

fn compared_row(p: &Pairing, run: StageRun, bytes: u64, peer: &Value, warta_startup: f64) -> Value {
    let warta = run.process;
    // The stage's own work per CPU-second, as the peers time only theirs.
    let warta_stage_cpu = run.stage_cpu_s.and_then(|c| mb_per_s(bytes, c));
    let warta_mbs = mb_per_s(bytes, warta.wall);
    let warta_loaded_mbs = (warta.wall > warta_startup).then(|| mb_per_s(bytes, warta.wall - warta_startup)).flatten();
    let warta_cpu = mb_per_s(bytes, warta.cpu);
    let peer_bytes = peer["text_bytes"].as_u64().unwrap_or(0);
    let peer_mbs = peer["wall_s"]
        .as_f64()
        .and_then(|s| mb_per_s(peer_bytes, s));
    let peer_cpu = peer["cpu_s"].as_f64().and_then(|s| mb_per_s(peer_bytes, s));
    let ratio = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => Some(a / b),
        _ => None,
    };
    json!({
        "stage": p.stage,
        "peer": p.peer,
        "text_bytes": bytes,
        "warta_mb_per_s": warta_mbs,
        "warta_mb_per_cpu_s": warta_cpu,
        "warta_max_rss_mb": warta.max_rss_mb,
        "peer_mb_per_s": peer_mbs,
        "peer_mb_per_cpu_s": peer_cpu,
        "peer_max_rss_mb": peer["max_rss_mb"],
        "ratio": ratio(warta_mbs, peer_mbs),
        "ratio_cpu": ratio(warta_cpu, peer_cpu),
        "warta_startup_s": warta_startup,
        "warta_mb_per_s_after_startup": warta_loaded_mbs,
        "ratio_after_startup": ratio(warta_loaded_mbs, peer_mbs),
        "warta_stage_mb_per_cpu_s": warta_stage_cpu,
        "ratio_stage_cpu": ratio(warta_stage_cpu, peer_cpu),
        "peer_result": peer,
    })
}

fn print_table(rows: &[Value]) {
    let num = |v: &Value, digits: usize| {
        v.as_f64()
            .map_or("-".to_string(), |x| format!("{x:.digits$}"))
    };
    println!();
    println!(
        "{:<15} {:<18} {:>10} {:>9} {:>8} {:>9} {:>13} {:>12} {:>9}",
        "stage", "peer", "warta MB/s", "peer MB/s", "ratio", "ratio CPU", "ratio loaded", "ratio stage", "peer RSS"
    );
    for r in rows {
        if let Some(reason) = r["skipped"].as_str() {
            let first_line = reason.lines().next().unwrap_or("");
            println!(
                "{:<15} {:<18} skipped: {first_line}",
                r["stage"].as_str().unwrap_or(""),
                r["peer"].as_str().unwrap_or("")
            );
            continue;
        }
        println!(
            "{:<15} {:<18} {:>10} {:>9} {:>7}× {:>8}× {:>12}× {:>11}× {:>6} MB",
            r["stage"].as_str().unwrap_or(""),
            r["peer"].as_str().unwrap_or(""),
            num(&r["warta_mb_per_s"], 1),
            num(&r["peer_mb_per_s"], 2),
            num(&r["ratio"], 1),
            num(&r["ratio_cpu"], 1),
            num(&r["ratio_after_startup"], 1),
            num(&r["ratio_stage_cpu"], 1),
            num(&r["peer_max_rss_mb"], 0),
        );
    }
    println!("(MB/s of article text; warta 1 thread, median of runs; ratio = warta / peer, same input, same run;");
    println!(" ratio loaded = the same with warta's start-up, measured on an empty stream, taken off its time,");
    println!(" as the peers are timed after their models are loaded;");
    println!(" ratio stage = the stage's own work per CPU-second (its threads' CPU clocks, from --stats: no");
    println!(" decoding, encoding or I/O) against the peer's per CPU-second, which times only its own work too;");
    println!(" normalize reads it on its input repeated {STAGE_REPEATS} times: one pass takes only tens of milliseconds;");
    println!(" the scrape rows' timings are per copy of that repeated input)");
}
