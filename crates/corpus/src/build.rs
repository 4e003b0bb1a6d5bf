//! The build: inputs → units of work → shards → assembled corpus.
//!
//! The inputs are cut into *units* (consecutive files of one manifest input,
//! up to `unit_max_bytes`). Each unit is one run of the pipeline, so each
//! input keeps its own ingestion settings, while de-duplication spans the
//! whole corpus: unit `k` starts from the index unit `k-1` saved. A unit ends
//! with `done.json`, written last, naming its shards and their checksums; a
//! unit key chains the keys of all earlier units, so a unit is reused only
//! when everything that led to it is unchanged. The index left by the last
//! unit of each input is kept, so changing an input reruns that input and
//! the ones after it. `MANIFEST.json` is removed
//! when a build starts and written when it ends, so a corpus directory
//! without it is never mistaken for a finished one.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use warta_core::{Reject, RejectReason, RunStats, Source, StageStats};
use warta_pipeline::{PipelineConfig, RunOptions};

use crate::inputs::{self, HashCache, InputFileRecord, ResolvedFile};
use crate::manifest::{IndexMode, Resolved};
use crate::profile::{ArticleView, Profile, Profiler};
use crate::shards::{for_each_line, OutputFile, ShardSet, ZstdJsonl};
use crate::util::{canonical_json, relative_to, sha256_bytes, sha256_file, write_atomically};
use crate::{card, report};

/// Version of the layout of a corpus directory.
pub const FORMAT: &str = "warta-corpus/1";
pub const WARTA_VERSION: &str = env!("CARGO_PKG_VERSION");

/// How to run a build (none of it changes the output bytes).
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Overrides the manifest's output directory.
    pub out_dir: Option<PathBuf>,
    /// Rebuilds every unit, even those that could be reused.
    pub force: bool,
    /// Hashes every input again instead of trusting size and mtime.
    pub rehash: bool,
    /// On an up-to-date check, verifies every output's checksum (not only its size).
    pub verify: bool,
    /// Worker threads of the pipeline; 0: all cores.
    pub threads: usize,
    /// Shows the pipeline's progress bars.
    pub progress: bool,
    /// Prints nothing (the messages are still returned).
    pub silent: bool,
    /// Stops after this many units have been run, as if the build had been
    /// killed there (for tests of resumption).
    pub stop_after_units: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuildStatus {
    /// Nothing to do: the outputs match the manifest and the inputs.
    UpToDate,
    Built,
    /// Stopped by `stop_after_units`.
    Stopped,
}

/// What a build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub status: BuildStatus,
    pub out_dir: PathBuf,
    pub units_total: usize,
    pub units_run: usize,
    pub units_reused: usize,
    /// Input files whose contents were read to hash them.
    pub files_hashed: usize,
    pub stats: Option<RunStats>,
    pub seconds: f64,
    /// Everything the build said, in order.
    pub messages: Vec<String>,
}

/// One unit of work.
#[derive(Debug, Clone)]
struct Unit {
    input: usize,
    files: Vec<ResolvedFile>,
    key: String,
}

/// The record of a finished unit (`.work/units/NNNNN/done.json`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnitDone {
    pub key: String,
    pub input: String,
    pub files: Vec<String>,
    pub shards: Vec<OutputFile>,
    /// Parquet twins of the shards, when asked for.
    #[serde(default)]
    pub parquet: Vec<OutputFile>,
    pub duplicates: OutputFile,
    pub rejects: OutputFile,
    pub ids: OutputFile,
    pub stats: RunStats,
    pub id_clashes: u64,
    pub profile: Profile,
}

/// The duplicates of the corpus, summarised.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DupSummary {
    pub total: u64,
    pub by_kind: BTreeMap<String, u64>,
    /// Cluster size (kept article + its duplicates) → number of clusters.
    pub cluster_sizes: BTreeMap<u64, u64>,
    /// The largest clusters: (kept id, size).
    pub largest: Vec<(String, u64)>,
    /// Similarity of near duplicates, bins of 0.05 from 0 to 1.
    pub near_similarity: Vec<u64>,
}

/// Per manifest input: what went in and out.
#[derive(Debug, Clone, Default, Serialize)]
pub struct InputSummary {
    pub name: String,
    pub files: usize,
    pub bytes: u64,
    pub records_in: u64,
    pub articles: u64,
    pub duplicates: u64,
    pub rejects: u64,
    pub languages: BTreeMap<String, u64>,
}

/// Everything the dataset card and the report are made from.
#[derive(Debug, Clone)]
pub struct Summary<'a> {
    pub manifest: &'a Resolved,
    pub build_key: String,
    pub inputs: Vec<InputSummary>,
    pub stats: RunStats,
    pub profile: Profile,
    pub dups: DupSummary,
    pub shards: Vec<OutputFile>,
    pub files: &'a [InputFileRecord],
    pub units: usize,
    pub units_run: usize,
}

struct Log {
    silent: bool,
    messages: Vec<String>,
}

impl Log {
    fn say(&mut self, msg: impl Into<String>) {
        let msg = msg.into();
        if !self.silent {
            eprintln!("warta-corpus: {msg}");
        }
        self.messages.push(msg);
    }
}

fn work_dir(out: &Path) -> PathBuf {
    out.join(".work")
}

fn unit_dir(out: &Path, i: usize) -> PathBuf {
    work_dir(out).join("units").join(format!("{i:05}"))
}

/// The configuration as it is resolved, in the form `MANIFEST.json` records.
/// `data` holds what changes the output bytes; `card` what only documents.
fn resolved_config(m: &Resolved) -> Result<(Value, Value)> {
    let inputs: Vec<Value> = m
        .inputs
        .iter()
        .map(|i| {
            json!({
                "name": i.spec.name,
                "paths": i.spec.paths,
                "exclude": i.spec.exclude,
                "ingest": i.config.ingest,
            })
        })
        .collect();
    let data = json!({
        "stages": serde_json::to_value(&m.stages)?,
        "inputs": inputs,
        "output": {
            "shard_max_bytes": m.shard_max_bytes,
            "shard_max_articles": m.shard_max_articles,
            "zstd_level": m.zstd_level,
            "unit_max_bytes": m.unit_max_bytes,
            "parquet": m.parquet,
        },
        "dedup_index": { "mode": m.index_mode },
    });
    let card: Vec<Value> = m
        .inputs
        .iter()
        .map(|i| {
            json!({
                "name": i.spec.name,
                "description": i.spec.description,
                "license": i.spec.license,
                "license_url": i.spec.license_url,
                "origin": i.spec.origin,
                "citation": i.spec.citation,
            })
        })
        .collect();
    let card = json!({ "name": m.name, "description": m.description, "inputs": card });
    Ok((data, card))
}

/// Cuts each input's files into units of at most `max` input bytes (at
/// least one file each) and chains their keys.
fn plan_units(m: &Resolved, files: &[ResolvedFile], config_key: &str) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    for (ii, input) in m.inputs.iter().enumerate() {
        let mut current: Vec<ResolvedFile> = Vec::new();
        let mut bytes = 0u64;
        for f in files.iter().filter(|f| f.record.input == input.spec.name) {
            if !current.is_empty() && bytes + f.record.size > m.unit_max_bytes {
                units.push(Unit { input: ii, files: std::mem::take(&mut current), key: String::new() });
                bytes = 0;
            }
            bytes += f.record.size;
            current.push(f.clone());
        }
        if !current.is_empty() {
            units.push(Unit { input: ii, files: current, key: String::new() });
        }
    }
    let mut prev = config_key.to_string();
    for (i, u) in units.iter_mut().enumerate() {
        let records: Vec<&InputFileRecord> = u.files.iter().map(|f| &f.record).collect();
        let material = json!({ "prev": prev, "unit": i, "input": m.inputs[u.input].spec.name, "files": records });
        u.key = sha256_bytes(canonical_json(&material).as_bytes());
        prev = u.key.clone();
    }
    units
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Option<T> {
    std::fs::read(path).ok().and_then(|b| serde_json::from_slice(&b).ok())
}

fn file_matches(path: &Path, f: &OutputFile, check_sum: bool) -> bool {
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() == f.size => !check_sum || sha256_file(path).map(|(h, _)| h == f.sha256).unwrap_or(false),
        _ => false,
    }
}

/// A finished unit whose record matches its key and whose files are intact.
fn reusable(out: &Path, i: usize, unit: &Unit) -> Option<UnitDone> {
    let dir = unit_dir(out, i);
    let done: UnitDone = read_json(&dir.join("done.json"))?;
    if done.key != unit.key {
        return None;
    }
    let ok = done.shards.iter().chain(&done.parquet).all(|s| file_matches(&out.join(&s.path), s, true))
        && file_matches(&dir.join(&done.duplicates.path), &done.duplicates, true)
        && file_matches(&dir.join(&done.rejects.path), &done.rejects, true)
        && file_matches(&dir.join(&done.ids.path), &done.ids, true);
    ok.then_some(done)
}

/// Builds the corpus a manifest describes.
pub fn build(manifest_path: &Path, opts: &BuildOptions) -> Result<BuildReport> {
    let mut m = crate::manifest::load(manifest_path)?;
    if let Some(out) = &opts.out_dir {
        m.out_dir = out.clone();
    }
    build_resolved(&m, opts)
}

pub fn build_resolved(m: &Resolved, opts: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let mut log = Log { silent: opts.silent, messages: Vec::new() };
    let out = m.out_dir.clone();
    std::fs::create_dir_all(work_dir(&out)).with_context(|| format!("cannot create {}", out.display()))?;

    // Inputs, hashed (or their hashes reused when size and mtime are unchanged).
    let cache_path = work_dir(&out).join("input-hashes.json");
    let mut hashed = 0;
    let (files, cache) = inputs::resolve(m, &HashCache::load(&cache_path), opts.rehash, &mut hashed)?;
    write_atomically(&cache_path, &serde_json::to_vec_pretty(&cache)?)?;
    let records: Vec<InputFileRecord> = files.iter().map(|f| f.record.clone()).collect();

    let start_index = match m.index_mode {
        IndexMode::Use => {
            let path = m.index_path.clone().context("dedup_index: mode = \"use\" needs a path")?;
            if !path.is_file() {
                bail!("dedup_index: mode = \"use\" but {} does not exist", path.display());
            }
            let (sha, size) = sha256_file(&path)?;
            Some((path, sha, size))
        }
        IndexMode::Create => None,
    };
    let final_index = match (m.index_mode, &m.index_path) {
        (IndexMode::Create, Some(p)) => p.clone(),
        _ => out.join("dedup.index"),
    };

    let (data_config, card_config) = resolved_config(m)?;
    // What every unit depends on (each unit adds its own files to it) ...
    let engine = engine_fingerprint();
    let config_material = json!({
        "format": FORMAT,
        "warta_version": WARTA_VERSION,
        "engine": engine,
        "config": data_config,
        "start_index": start_index.as_ref().map(|(_, sha, size)| json!({"sha256": sha, "size": size})),
    });
    let config_key = sha256_bytes(canonical_json(&config_material).as_bytes());
    // ... and what the whole output depends on.
    let data_key = sha256_bytes(canonical_json(&json!({ "config": config_key, "inputs": records })).as_bytes());
    let build_key = sha256_bytes(canonical_json(&json!({ "data": data_key, "card": card_config })).as_bytes());

    // Up to date?
    let manifest_json = out.join("MANIFEST.json");
    let previous: Option<Value> = read_json(&manifest_json);
    if let Some(prev) = &previous {
        if !opts.force && prev["build_key"] == build_key.as_str() && outputs_intact(&out, prev, &final_index, opts.verify) {
            log.say(format!(
                "{} is up to date: {} input files unchanged ({} hashed), same configuration and warta {}; nothing to do",
                out.display(),
                records.len(),
                hashed,
                WARTA_VERSION
            ));
            return Ok(BuildReport {
                status: BuildStatus::UpToDate,
                out_dir: out,
                units_total: 0,
                units_run: 0,
                units_reused: 0,
                files_hashed: hashed,
                stats: read_json(&m.out_dir.join("stats.json")),
                seconds: started.elapsed().as_secs_f64(),
                messages: log.messages,
            });
        }
        explain_changes(prev, &records, &data_key, &build_key, &engine, opts, &mut log);
    }
    // From here on the directory is a build in progress.
    match std::fs::remove_file(&manifest_json) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).with_context(|| format!("cannot remove {}", manifest_json.display())),
    }

    let units = plan_units(m, &files, &config_key);
    let n = units.len();
    let mut reuse: Vec<Option<UnitDone>> = Vec::with_capacity(n);
    for (i, u) in units.iter().enumerate() {
        let r = if opts.force { None } else { reusable(&out, i, u) };
        let stop = r.is_none();
        reuse.push(r);
        if stop {
            break;
        }
    }
    let mut first_missing = reuse.iter().position(Option::is_none).unwrap_or(n);
    // Running unit `k` needs the index unit `k-1` left; not every snapshot
    // is kept, so walk back to one that exists.
    let has_snapshot = |k: usize| k == 0 || unit_dir(&out, k - 1).join("index").is_file();
    while first_missing > 0 && !has_snapshot(first_missing) {
        first_missing -= 1;
    }
    reuse.truncate(first_missing);
    for i in first_missing..n {
        let _ = std::fs::remove_file(unit_dir(&out, i).join("done.json"));
    }
    if first_missing < n && first_missing > 0 {
        log.say(format!("resuming: units 1-{first_missing} of {n} are finished and reused"));
    }
    // Outputs of the previous build that this one will write again go now,
    // so that an interrupted build leaves only finished units' shards.
    let keep: HashSet<String> =
        reuse.iter().flatten().flat_map(|d| d.shards.iter().chain(&d.parquet)).map(|s| s.path.clone()).collect();
    clean_stale(&out, &keep, n)?;
    for name in ["stats.json", "README.md", "report.html", "duplicates.jsonl.zst", "rejects.jsonl.zst"] {
        let _ = std::fs::remove_file(out.join(name));
    }
    if final_index == out.join("dedup.index") {
        let _ = std::fs::remove_file(&final_index);
    }

    let mut seen_ids: HashSet<u64> = HashSet::new();
    let mut dones: Vec<UnitDone> = Vec::with_capacity(n);
    let mut next_shard = 0usize;
    let mut units_run = 0usize;
    for (i, unit) in units.iter().enumerate() {
        let input = &m.inputs[unit.input];
        let dir = unit_dir(&out, i);
        let label = format!(
            "unit {}/{n} ({}: {} file{}, {})",
            i + 1,
            input.spec.name,
            unit.files.len(),
            if unit.files.len() == 1 { "" } else { "s" },
            crate::util::human_bytes(unit.files.iter().map(|f| f.record.size).sum())
        );
        let done = if let Some(done) = reuse.get_mut(i).and_then(Option::take) {
            load_ids(&dir.join(&done.ids.path), &mut seen_ids)?;
            log.say(format!("{label}: unchanged, reused ({} shards)", done.shards.len()));
            done
        } else {
            if opts.stop_after_units == Some(units_run) {
                log.say(format!("stopped before {label}, as asked; run again to resume"));
                return Ok(BuildReport {
                    status: BuildStatus::Stopped,
                    out_dir: out,
                    units_total: n,
                    units_run,
                    units_reused: i - units_run,
                    files_hashed: hashed,
                    stats: None,
                    seconds: started.elapsed().as_secs_f64(),
                    messages: log.messages,
                });
            }
            let prev_index = if i == 0 {
                start_index.as_ref().map(|(p, _, _)| p.clone())
            } else {
                Some(unit_dir(&out, i - 1).join("index"))
            };
            let t = Instant::now();
            let done = run_unit(m, unit, &input.config, &dir, prev_index.as_deref(), next_shard, &mut seen_ids, opts)
                .with_context(|| format!("{label} failed"))?;
            units_run += 1;
            log.say(format!(
                "{label}: {} records → {} articles in {} shards, {} duplicates, {} rejects ({:.1} s)",
                done.stats.records_in,
                done.stats.articles,
                done.shards.len(),
                done.stats.duplicates,
                done.stats.rejects,
                t.elapsed().as_secs_f64()
            ));
            // Index snapshots kept: the latest, and the one at the end of
            // each input, so that a change to one input reruns that input
            // and those after it, not the whole corpus.
            for k in 0..i {
                if units[k + 1].input == units[k].input {
                    let _ = std::fs::remove_file(unit_dir(&out, k).join("index"));
                }
            }
            done
        };
        next_shard += done.shards.len();
        dones.push(done);
    }
    if n > 0 && !unit_dir(&out, n - 1).join("index").is_file() {
        bail!("the de-duplication index of the last unit is missing; run again with --force");
    }

    let stats = assemble(m, &out, &files, &records, &dones, &data_config, &card_config, &data_key, &build_key, &engine, start_index.as_ref(), &final_index, units_run, &mut log)?;
    let reused = n - units_run;
    log.say(format!(
        "built {} in {:.1} s: {} units run, {} reused; {} records → {} articles, {} duplicates, {} rejects",
        out.display(),
        started.elapsed().as_secs_f64(),
        units_run,
        reused,
        stats.records_in,
        stats.articles,
        stats.duplicates,
        stats.rejects
    ));
    Ok(BuildReport {
        status: BuildStatus::Built,
        out_dir: out,
        units_total: n,
        units_run,
        units_reused: reused,
        files_hashed: hashed,
        stats: Some(stats),
        seconds: started.elapsed().as_secs_f64(),
        messages: log.messages,
    })
}

/// SHA-256 of the running executable: the version number alone would not
/// notice a change to a stage's code, and a corpus must be rebuilt when the
/// code that made it changes.
fn engine_fingerprint() -> String {
    std::env::current_exe().ok().and_then(|exe| sha256_file(&exe).ok()).map_or_else(|| "unknown".to_string(), |(h, _)| h)
}

/// Whether every output a previous `MANIFEST.json` lists is still there
/// with its size (and, with `verify`, its checksum).
fn outputs_intact(out: &Path, prev: &Value, final_index: &Path, verify: bool) -> bool {
    let Some(list) = prev["outputs"].as_array() else { return false };
    let check = |path: &Path, v: &Value| -> bool {
        match serde_json::from_value::<OutputFile>(v.clone()) {
            Ok(f) => file_matches(path, &f, verify),
            Err(_) => false,
        }
    };
    let outputs_ok = list.iter().all(|v| v["path"].as_str().is_some_and(|p| check(&out.join(p), v)));
    let index_ok = check(final_index, &prev["dedup_index"]["final"]);
    outputs_ok && index_ok
}

/// Says why a build with a previous `MANIFEST.json` is not a no-op.
#[allow(clippy::too_many_arguments)]
fn explain_changes(
    prev: &Value,
    records: &[InputFileRecord],
    data_key: &str,
    build_key: &str,
    engine: &str,
    opts: &BuildOptions,
    log: &mut Log,
) {
    if opts.force {
        log.say("--force: rebuilding every unit");
        return;
    }
    if prev["build_key"] == build_key {
        log.say("some outputs are missing or changed since the last build: rebuilding them");
        return;
    }
    if prev["data_key"] == data_key {
        log.say("only the dataset card's metadata changed: re-assembling, no unit reruns");
        return;
    }
    if prev["warta_version"] != WARTA_VERSION {
        log.say(format!("warta version changed ({} → {WARTA_VERSION})", prev["warta_version"]));
    } else if prev["engine"] != engine {
        log.say("warta's code changed since the last build (another build of the executable): rebuilding");
        return;
    }
    let old: BTreeMap<String, InputFileRecord> = prev["inputs"]
        .as_array()
        .map(|a| a.iter().filter_map(|v| serde_json::from_value::<InputFileRecord>(v.clone()).ok()).map(|r| (r.path.clone(), r)).collect())
        .unwrap_or_default();
    let new: BTreeMap<&str, &InputFileRecord> = records.iter().map(|r| (r.path.as_str(), r)).collect();
    let mut changes = Vec::new();
    for (path, r) in &new {
        match old.get(*path) {
            None => changes.push(format!("new input {path}")),
            Some(o) if o.sha256 != r.sha256 => changes.push(format!("input {path} changed ({} → {} bytes)", o.size, r.size)),
            _ => {}
        }
    }
    for path in old.keys() {
        if !new.contains_key(path.as_str()) {
            changes.push(format!("input {path} is gone"));
        }
    }
    let shown = changes.len().min(10);
    for c in &changes[..shown] {
        log.say(c.clone());
    }
    if changes.len() > shown {
        log.say(format!("… and {} more input changes", changes.len() - shown));
    }
    if changes.is_empty() {
        log.say("the configuration changed: rebuilding");
    }
}

fn load_ids(path: &Path, seen: &mut HashSet<u64>) -> Result<()> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    for chunk in bytes.chunks_exact(8) {
        seen.insert(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
    }
    Ok(())
}

fn id_hash(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes())
}

#[derive(Deserialize)]
struct IdAndSource {
    id: String,
    #[serde(default)]
    source: Option<Source>,
}

/// Runs the pipeline over one unit, then writes its shards, duplicates,
/// rejects, id list and `done.json` (last).
#[allow(clippy::too_many_arguments)]
fn run_unit(
    m: &Resolved,
    unit: &Unit,
    config: &PipelineConfig,
    dir: &Path,
    prev_index: Option<&Path>,
    first_shard: usize,
    seen_ids: &mut HashSet<u64>,
    opts: &BuildOptions,
) -> Result<UnitDone> {
    let out = &m.out_dir;
    let run_dir = dir.join("run");
    if run_dir.exists() {
        std::fs::remove_dir_all(&run_dir).with_context(|| format!("cannot clear {}", run_dir.display()))?;
    }
    std::fs::create_dir_all(&run_dir).with_context(|| format!("cannot create {}", run_dir.display()))?;
    let index = dir.join("index");
    let index_tmp = crate::util::partial_path(&index);
    match prev_index {
        Some(p) => {
            std::fs::copy(p, &index_tmp).with_context(|| format!("cannot copy the index {}", p.display()))?;
            std::fs::rename(&index_tmp, &index)?;
        }
        None => {
            let _ = std::fs::remove_file(&index);
        }
    }
    let run_opts = RunOptions {
        inputs: unit.files.iter().map(|f| f.abs.clone()).collect(),
        out_dir: run_dir.clone(),
        threads: opts.threads,
        index: Some(index.clone()),
        quiet: !opts.progress,
        ..RunOptions::default()
    };
    let outcome = warta_pipeline::run(config, &run_opts).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut stats = outcome.stats;

    // Articles into shards, checking ids across units (the pipeline checks
    // them within its run).
    let mut shards = ShardSet::new(out, first_shard, m.shard_max_bytes, m.shard_max_articles, m.zstd_level, m.parquet);
    let mut profiler = Profiler::new();
    let mut ids: Vec<u8> = Vec::new();
    let mut clash_rejects: Vec<String> = Vec::new();
    let mut article_clashes = 0u64;
    for_each_plain_line(&run_dir.join("articles.jsonl"), |line| {
        let view: ArticleView<'_> = serde_json::from_slice(line).context("the pipeline wrote an unreadable article line")?;
        let h = id_hash(&view.id);
        if !seen_ids.insert(h) {
            let src: IdAndSource = serde_json::from_slice(line)?;
            clash_rejects.push(clash_reject(src));
            article_clashes += 1;
            return Ok(());
        }
        ids.extend_from_slice(&h.to_le_bytes());
        profiler.add(&view);
        shards.line(line)
    })?;
    let (shards, parquet) = shards.finish()?;

    let mut dup_clashes = 0u64;
    let mut dups = ZstdJsonl::create(dir, "duplicates.jsonl.zst", m.zstd_level)?;
    for_each_plain_line(&run_dir.join("duplicates.jsonl"), |line| {
        let src: IdAndSource = serde_json::from_slice(line).context("the pipeline wrote an unreadable duplicate line")?;
        let h = id_hash(&src.id);
        if !seen_ids.insert(h) {
            clash_rejects.push(clash_reject(src));
            dup_clashes += 1;
            return Ok(());
        }
        ids.extend_from_slice(&h.to_le_bytes());
        dups.line(line)
    })?;
    let duplicates = dups.finish()?;
    let mut rej = ZstdJsonl::create(dir, "rejects.jsonl.zst", m.zstd_level)?;
    for_each_plain_line(&run_dir.join("rejects.jsonl"), |line| rej.line(line))?;
    for line in &clash_rejects {
        rej.line(line.as_bytes())?;
    }
    let rejects = rej.finish()?;
    let (ids_sha, ids_size) = write_atomically(&dir.join("ids.bin"), &ids)?;

    let clashes = article_clashes + dup_clashes;
    if clashes > 0 {
        let before = stats.articles + stats.duplicates;
        stats.articles = stats.articles.saturating_sub(article_clashes);
        stats.duplicates = stats.duplicates.saturating_sub(dup_clashes);
        stats.rejects += clashes;
        *stats.rejects_by_reason.entry(RejectReason::DuplicateId.as_str().to_string()).or_default() += clashes;
        let mut st = StageStats { articles_in: before, articles_out: before.saturating_sub(clashes), ..Default::default() };
        st.rejected.insert(RejectReason::DuplicateId.as_str().to_string(), clashes);
        stats.stages.push((CORPUS_STAGE.to_string(), st));
    }
    if !stats.balances() {
        bail!("accounting does not balance after the id check (a bug in warta-corpus)");
    }
    let done = UnitDone {
        key: unit.key.clone(),
        input: m.inputs[unit.input].spec.name.clone(),
        files: unit.files.iter().map(|f| f.record.path.clone()).collect(),
        shards,
        parquet,
        duplicates,
        rejects,
        ids: OutputFile { path: "ids.bin".into(), size: ids_size, sha256: ids_sha, records: Some(ids_size / 8), uncompressed_bytes: None },
        stats,
        id_clashes: clashes,
        profile: profiler.finish(),
    };
    write_atomically(&dir.join("done.json"), &serde_json::to_vec_pretty(&done)?)?;
    std::fs::remove_dir_all(&run_dir).with_context(|| format!("cannot remove {}", run_dir.display()))?;
    Ok(done)
}

/// The stage name of the id check across units, in stats and rejects.
pub const CORPUS_STAGE: &str = "corpus";

fn clash_reject(src: IdAndSource) -> String {
    let detail = format!("id `{}` was already used by an article of an earlier unit of this corpus", src.id);
    let reject = Reject::new(CORPUS_STAGE, src.source.unwrap_or_default(), RejectReason::DuplicateId, detail).with_id(src.id);
    warta_core::wire::to_reject_line(&reject)
}

fn for_each_plain_line(path: &Path, mut f: impl FnMut(&[u8]) -> Result<()>) -> Result<()> {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("cannot open {}", path.display())),
    };
    let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).with_context(|| format!("cannot read {}", path.display()))? == 0 {
            return Ok(());
        }
        if line.last() == Some(&b'\n') {
            line.pop();
        }
        if !line.is_empty() {
            f(&line)?;
        }
    }
}

/// Sums the units' statistics, stage by stage.
fn merge_stats(dones: &[UnitDone]) -> RunStats {
    let mut total = RunStats { warta_version: WARTA_VERSION.to_string(), ..Default::default() };
    for d in dones {
        total.merge(&d.stats);
    }
    // The id check across units runs last, whichever unit first needed it.
    if let Some(pos) = total.stages.iter().position(|(n, _)| n == CORPUS_STAGE) {
        let st = total.stages.remove(pos);
        total.stages.push(st);
    }
    total
}

fn summarise_duplicates(path: &Path) -> Result<DupSummary> {
    #[derive(Deserialize)]
    struct DupView {
        duplicate_of: String,
        #[serde(default)]
        kind: String,
        #[serde(default)]
        similarity: f64,
    }
    let mut s = DupSummary { near_similarity: vec![0; 20], ..Default::default() };
    let mut clusters: HashMap<String, u64> = HashMap::new();
    for_each_line(path, |line| {
        let d: DupView = serde_json::from_slice(line).context("unreadable duplicate line")?;
        s.total += 1;
        *s.by_kind.entry(if d.kind.is_empty() { "unknown".into() } else { d.kind.clone() }).or_default() += 1;
        if d.kind == "near" {
            let bin = ((d.similarity.clamp(0.0, 1.0) * 20.0) as usize).min(19);
            s.near_similarity[bin] += 1;
        }
        *clusters.entry(d.duplicate_of).or_default() += 1;
        Ok(())
    })?;
    let mut largest: Vec<(String, u64)> = Vec::with_capacity(clusters.len());
    for (id, dups) in clusters {
        *s.cluster_sizes.entry(dups + 1).or_default() += 1;
        largest.push((id, dups + 1));
    }
    largest.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    largest.truncate(10);
    s.largest = largest;
    Ok(s)
}

/// Concatenates the units' zstd files (a sequence of zstd frames is itself a
/// valid zstd stream) into one output.
fn concat(out: &Path, rel: &str, parts: &[(PathBuf, &OutputFile)]) -> Result<OutputFile> {
    let mut w = crate::util::AtomicWriter::create(&out.join(rel))?;
    let mut records = 0;
    let mut bytes = 0;
    let mut buf = vec![0u8; 1 << 20];
    for (path, f) in parts {
        let mut r = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        loop {
            let n = r.read(&mut buf).with_context(|| format!("cannot read {}", path.display()))?;
            if n == 0 {
                break;
            }
            w.write_all(&buf[..n]).with_context(|| format!("cannot write {rel}"))?;
        }
        records += f.records.unwrap_or(0);
        bytes += f.uncompressed_bytes.unwrap_or(0);
    }
    let (sha256, size) = w.commit()?;
    Ok(OutputFile { path: rel.to_string(), size, sha256, records: Some(records), uncompressed_bytes: Some(bytes) })
}

/// Removes files of earlier builds that this build did not write: stale
/// shards, leftover temporaries, units beyond the current plan.
fn clean_stale(out: &Path, keep_shards: &HashSet<String>, units: usize) -> Result<()> {
    let data = out.join("data");
    if let Ok(entries) = std::fs::read_dir(&data) {
        for e in entries.flatten() {
            let rel = format!("data/{}", e.file_name().to_string_lossy());
            if !keep_shards.contains(&rel) {
                std::fs::remove_file(e.path()).with_context(|| format!("cannot remove stale {}", e.path().display()))?;
            }
        }
    }
    if let Ok(entries) = std::fs::read_dir(out) {
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().ends_with(".partial") {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    if let Ok(entries) = std::fs::read_dir(work_dir(out).join("units")) {
        for e in entries.flatten() {
            let beyond = e.file_name().to_string_lossy().parse::<usize>().map_or(true, |i| i >= units);
            if beyond {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn assemble(
    m: &Resolved,
    out: &Path,
    files: &[ResolvedFile],
    records: &[InputFileRecord],
    dones: &[UnitDone],
    data_config: &Value,
    card_config: &Value,
    data_key: &str,
    build_key: &str,
    engine: &str,
    start_index: Option<&(PathBuf, String, u64)>,
    final_index: &Path,
    units_run: usize,
    log: &mut Log,
) -> Result<RunStats> {
    let shards: Vec<OutputFile> = dones.iter().flat_map(|d| d.shards.iter().cloned()).collect();
    let parquet: Vec<OutputFile> = dones.iter().flat_map(|d| d.parquet.iter().cloned()).collect();
    let keep: HashSet<String> = shards.iter().chain(&parquet).map(|s| s.path.clone()).collect();
    clean_stale(out, &keep, dones.len())?;

    let dup_parts: Vec<(PathBuf, &OutputFile)> =
        dones.iter().enumerate().map(|(i, d)| (unit_dir(out, i).join(&d.duplicates.path), &d.duplicates)).collect();
    let duplicates = concat(out, "duplicates.jsonl.zst", &dup_parts)?;
    let rej_parts: Vec<(PathBuf, &OutputFile)> =
        dones.iter().enumerate().map(|(i, d)| (unit_dir(out, i).join(&d.rejects.path), &d.rejects)).collect();
    let rejects = concat(out, "rejects.jsonl.zst", &rej_parts)?;
    let dups = summarise_duplicates(&out.join("duplicates.jsonl.zst"))?;

    let stats = merge_stats(dones);
    if !stats.balances() {
        bail!("accounting does not balance over the units (a bug in warta-corpus)");
    }
    let (stats_sha, stats_size) = write_atomically(&out.join("stats.json"), &serde_json::to_vec_pretty(&stats)?)?;

    // The final de-duplication index.
    let mut index_record = Value::Null;
    if let Some(last) = dones.len().checked_sub(1) {
        let snapshot = unit_dir(out, last).join("index");
        let tmp = crate::util::partial_path(final_index);
        if let Some(parent) = final_index.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(&snapshot, &tmp).with_context(|| format!("cannot write {}", tmp.display()))?;
        std::fs::rename(&tmp, final_index)?;
        let (sha, size) = sha256_file(final_index)?;
        index_record = json!({
            "path": relative_to(final_index, &m.root),
            "size": size,
            "sha256": sha,
        });
    }

    let mut profile = Profile::default();
    let mut per_input: Vec<InputSummary> = m
        .inputs
        .iter()
        .map(|i| {
            let mine: Vec<&ResolvedFile> = files.iter().filter(|f| f.record.input == i.spec.name).collect();
            InputSummary { name: i.spec.name.clone(), files: mine.len(), bytes: mine.iter().map(|f| f.record.size).sum(), ..Default::default() }
        })
        .collect();
    for d in dones {
        profile.merge(&d.profile);
        if let Some(s) = per_input.iter_mut().find(|s| s.name == d.input) {
            s.records_in += d.stats.records_in;
            s.articles += d.stats.articles;
            s.duplicates += d.stats.duplicates;
            s.rejects += d.stats.rejects;
            for (k, v) in &d.profile.languages {
                *s.languages.entry(k.clone()).or_default() += v;
            }
        }
    }

    let summary = Summary {
        manifest: m,
        build_key: build_key.to_string(),
        inputs: per_input,
        stats: stats.clone(),
        profile,
        dups,
        shards: shards.clone(),
        files: records,
        units: dones.len(),
        units_run,
    };
    let (card_sha, card_size) = write_atomically(&out.join("README.md"), card::render(&summary).as_bytes())?;
    let (report_sha, report_size) = write_atomically(&out.join("report.html"), report::render(&summary).as_bytes())?;

    let mut outputs: Vec<Value> = shards.iter().chain(&parquet).map(|s| with_flag(s, true)).collect();
    outputs.push(with_flag(&duplicates, true));
    outputs.push(with_flag(&rejects, true));
    let plain = |path: &str, sha: String, size: u64, deterministic: bool| {
        json!({ "path": path, "size": size, "sha256": sha, "deterministic": deterministic })
    };
    outputs.push(plain("stats.json", stats_sha, stats_size, false));
    outputs.push(plain("README.md", card_sha, card_size, true));
    outputs.push(plain("report.html", report_sha, report_size, false));

    let manifest_text = std::fs::read(&m.manifest_path).unwrap_or_default();
    let doc = json!({
        "format": FORMAT,
        "name": m.name,
        "warta_version": WARTA_VERSION,
        "engine": engine,
        "build_key": build_key,
        "data_key": data_key,
        "manifest": {
            "path": relative_to(&m.manifest_path, &m.root),
            "sha256": sha256_bytes(&manifest_text),
        },
        "config": { "data": data_config, "card": card_config },
        "inputs": records,
        "dedup_index": {
            "mode": m.index_mode,
            "start": start_index.map(|(p, sha, size)| json!({"path": relative_to(p, &m.root), "size": size, "sha256": sha})),
            "final": index_record,
        },
        "counts": {
            "records_in": stats.records_in,
            "articles": stats.articles,
            "duplicates": stats.duplicates,
            "rejects": stats.rejects,
            "shards": shards.len(),
            "units": dones.len(),
        },
        "outputs": outputs,
        "notes": "Every output is listed with its SHA-256. `deterministic: false` marks files holding timings; the others are byte-identical for identical inputs, configuration and warta version.",
    });
    // Last: its presence is what says the corpus is finished.
    write_atomically(&out.join("MANIFEST.json"), &serde_json::to_vec_pretty(&doc)?)?;
    log.say(format!("wrote {} shards, duplicates, rejects, stats.json, README.md, report.html, MANIFEST.json", shards.len()));
    Ok(stats)
}

fn with_flag(f: &OutputFile, deterministic: bool) -> Value {
    let mut v = serde_json::to_value(f).unwrap_or(Value::Null);
    if let Some(o) = v.as_object_mut() {
        o.insert("deterministic".into(), Value::Bool(deterministic));
    }
    v
}
