//! The only crate of warta that knows about threads, channels and progress
//! bars. It wires the stages into a pipeline, accounts for every record and
//! writes the outputs atomically.
//!
//! Two entry points share one engine ([`engine::execute`]):
//! - [`run`]: the whole job over an archive (`warta run`);
//! - [`run_stage`]: one stage over a stream of records (`warta segment`).
//!
//! Because both use the same stage objects and the same executor, a chain of
//! single stages gives the same articles as `warta run`.
//!
//! [`merge_shards`] (`warta merge`) joins the output directories of shard
//! runs (`--shard I/N`), finding the duplicates that fell into different
//! shards (see [`merge`]).

pub mod engine;
pub mod merge;
mod progress;
pub mod sinks;
pub mod sources;

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde::{Deserialize, Serialize};
use warta_core::{Article, Error, Result, RunStats, StreamStage};
use warta_dedup::{DedupConfig, Deduplicator};
use warta_ingest::IngestConfig;
use warta_normalize::{NormalizeConfig, Normalizer};
use warta_segment::{SegmentConfig, Segmenter};
use warta_tag::{TagConfig, Tagger};

use engine::{EngineOptions, EngineReport, Progress, Step};
use progress::ProgressDisplay;
pub use sinks::{RunSink, StreamFormat, StreamSink};
pub use merge::{merge_shards, MergeOptions, MergeOutcome, ShardManifest, SHARD_INDEX, SHARD_MANIFEST};
pub use sources::Shard;

/// The options of every stage: what a corpus manifest sets.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PipelineConfig {
    pub ingest: IngestConfig,
    pub normalize: NormalizeConfig,
    pub segment: SegmentConfig,
    pub dedup: DedupConfig,
    pub tag: TagConfig,
    pub limits: Limits,
}

/// Resource limits that hold for any input.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Seconds one article may spend in one per-article stage before it
    /// becomes a `timeout` reject; 0 turns the limit off. Generous by
    /// default: normal articles take milliseconds, and a limit that real
    /// articles hit would make output depend on the machine's speed.
    pub article_timeout_secs: f64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { article_timeout_secs: 30.0 }
    }
}

impl Limits {
    pub fn article_timeout(&self) -> Option<std::time::Duration> {
        (self.article_timeout_secs > 0.0)
            .then(|| std::time::Duration::try_from_secs_f64(self.article_timeout_secs).ok())
            .flatten()
    }
}

/// How a run is executed (none of it changes the output bytes, except the
/// choice of inputs, shard and index).
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub inputs: Vec<PathBuf>,
    pub out_dir: PathBuf,
    /// Worker threads; 0 means all cores.
    pub threads: usize,
    pub batch_size: usize,
    /// De-duplication index to load (if it exists) and save.
    pub index: Option<PathBuf>,
    pub emit_tokens: bool,
    pub quiet: bool,
    pub shard: Option<Shard>,
    pub inspect: Option<String>,
    /// A tagger model given by the user instead of the embedded one.
    pub tag_model: Option<Arc<Vec<u8>>>,
    /// Continue an interrupted run from its last checkpoint in `out_dir`.
    pub resume: bool,
    /// Seconds between checkpoints (`None`: no checkpoints).
    pub checkpoint_secs: Option<f64>,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            inputs: Vec::new(),
            out_dir: PathBuf::from("out"),
            threads: 0,
            batch_size: 256,
            index: None,
            emit_tokens: false,
            quiet: true,
            shard: None,
            inspect: None,
            tag_model: None,
            resume: false,
            checkpoint_secs: Some(30.0),
        }
    }
}

/// The stages in pipeline order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageKind {
    Ingest,
    Normalize,
    Segment,
    Dedup,
    Tag,
}

impl StageKind {
    pub const ALL: [StageKind; 5] =
        [StageKind::Ingest, StageKind::Normalize, StageKind::Segment, StageKind::Dedup, StageKind::Tag];

    pub fn name(self) -> &'static str {
        match self {
            StageKind::Ingest => "ingest",
            StageKind::Normalize => "normalize",
            StageKind::Segment => "segment",
            StageKind::Dedup => "dedup",
            StageKind::Tag => "tag",
        }
    }
}

/// The result of a run: its statistics and, with `--inspect`, the article
/// after each stage.
#[derive(Debug)]
pub struct RunOutcome {
    pub stats: RunStats,
    pub snapshots: Vec<(String, Article)>,
}

/// Saves the de-duplication index when the stream ends, atomically, and
/// takes checkpoints of its state for `--resume`.
struct PersistentDedup {
    inner: Deduplicator,
    /// Where the final index goes: `--index PATH` and, for a shard run,
    /// `DIR/dedup.index` (the same bytes, serialised once).
    save_to: Vec<PathBuf>,
    saved: Arc<Mutex<Option<Result<()>>>>,
    /// Articles handed in but not yet released.
    held: usize,
    checkpoint_every: Option<std::time::Duration>,
    last_checkpoint: Instant,
}

impl StreamStage for PersistentDedup {
    fn name(&self) -> &'static str {
        self.inner.name()
    }
    fn process_batch(&mut self, batch: Vec<Article>) -> Vec<Article> {
        let n = batch.len();
        let out = self.inner.process_batch(batch);
        self.held = (self.held + n).saturating_sub(out.len());
        out
    }
    fn checkpoint(&mut self) -> Option<Vec<u8>> {
        let every = self.checkpoint_every?;
        if self.held != 0 || self.last_checkpoint.elapsed() < every {
            return None;
        }
        let mut bytes = Vec::new();
        self.inner.save_index(&mut bytes).ok()?;
        self.last_checkpoint = Instant::now();
        Some(bytes)
    }
    fn state_bytes(&self) -> u64 {
        self.inner.state_bytes()
    }
    fn finish(&mut self) -> Vec<Article> {
        let rest = self.inner.finish();
        if !self.save_to.is_empty() {
            let mut bytes = Vec::new();
            let result = self
                .inner
                .save_index(&mut bytes)
                .and_then(|()| self.save_to.iter().try_for_each(|path| sinks::write_atomically(path, &bytes)));
            *self.saved.lock().unwrap_or_else(|p| p.into_inner()) = Some(result);
        }
        rest
    }
}

type IndexResult = Arc<Mutex<Option<Result<()>>>>;

fn dedup_step(
    cfg: &DedupConfig,
    index: Option<&Path>,
    also_save_to: Option<&Path>,
    resume_state: Option<&[u8]>,
    checkpoint_secs: Option<f64>,
) -> Result<(Step, IndexResult)> {
    // A checkpoint's state wins over `--index`: it is the index as it was
    // when the interrupted run stopped.
    let inner = match (resume_state, index) {
        (Some(state), _) => Deduplicator::load_index(cfg.clone(), state).map_err(|e| {
            Error::Config(format!("the checkpoint's de-duplication state is unusable ({e}); start again without --resume"))
        })?,
        (None, Some(path)) if path.exists() => {
            let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
            Deduplicator::load_index(cfg.clone(), std::io::BufReader::new(file)).map_err(|e| {
                Error::Config(format!(
                    "{}: not a usable de-duplication index ({e}); delete it or pass another --index",
                    path.display()
                ))
            })?
        }
        _ => Deduplicator::new(cfg.clone()),
    };
    let saved: IndexResult = Arc::default();
    let stage = PersistentDedup {
        inner,
        save_to: index.into_iter().chain(also_save_to.filter(|p| Some(*p) != index)).map(Path::to_path_buf).collect(),
        saved: saved.clone(),
        held: 0,
        checkpoint_every: checkpoint_secs.map(|s| std::time::Duration::from_secs_f64(s.max(0.0))),
        last_checkpoint: Instant::now(),
    };
    Ok((Step::Stream(Box::new(stage)), saved))
}

fn tagger(cfg: &TagConfig, model: Option<&Arc<Vec<u8>>>) -> Result<Tagger> {
    match model {
        Some(bytes) => Tagger::from_bytes(cfg.clone(), bytes),
        None => Ok(Tagger::embedded(cfg.clone())),
    }
}

/// What the stateful stage starts from and how often it checkpoints.
#[derive(Default)]
struct DedupSetup<'a> {
    index: Option<&'a Path>,
    /// A second place for the final index (a shard's `DIR/dedup.index`).
    also_save_to: Option<&'a Path>,
    resume_state: Option<&'a [u8]>,
    checkpoint_secs: Option<f64>,
}

fn build_steps(
    kinds: &[StageKind],
    cfg: &PipelineConfig,
    dedup: DedupSetup<'_>,
    tag_model: Option<&Arc<Vec<u8>>>,
) -> Result<(Vec<Step>, Option<IndexResult>)> {
    let mut steps = Vec::new();
    let mut saved = None;
    for kind in kinds {
        match kind {
            StageKind::Ingest => {}
            StageKind::Normalize => steps.push(Step::PerArticle(Box::new(Normalizer::new(cfg.normalize.clone())))),
            StageKind::Segment => steps.push(Step::PerArticle(Box::new(Segmenter::new(cfg.segment.clone())))),
            StageKind::Dedup => {
                let (step, s) = dedup_step(&cfg.dedup, dedup.index, dedup.also_save_to, dedup.resume_state, dedup.checkpoint_secs)?;
                steps.push(step);
                saved = Some(s);
            }
            StageKind::Tag => steps.push(Step::PerArticle(Box::new(tagger(&cfg.tag, tag_model)?))),
        }
    }
    Ok((steps, saved))
}

fn check_index_saved(saved: Option<IndexResult>) -> Result<()> {
    if let Some(saved) = saved {
        if let Some(result) = saved.lock().unwrap_or_else(|p| p.into_inner()).take() {
            result?;
        }
    }
    Ok(())
}

fn stats_from(report: &EngineReport, counts: &sinks::SinkCounts, threads: usize, wall: f64) -> RunStats {
    let mut stages = vec![("ingest".to_string(), report.source.stats.clone())];
    stages.extend(report.stages.iter().cloned());
    RunStats {
        warta_version: env!("CARGO_PKG_VERSION").to_string(),
        records_in: report.source.stats.articles_in,
        articles: counts.articles,
        duplicates: counts.duplicates,
        rejects: counts.rejects,
        rejects_by_reason: counts.rejects_by_reason.clone(),
        input_bytes: report.source.input_bytes,
        wall_seconds: wall,
        threads,
        stages,
    }
}

fn effective_threads(threads: usize) -> usize {
    if threads == 0 {
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    } else {
        threads
    }
}

fn check_balance(stats: &RunStats) -> Result<()> {
    if stats.balances() {
        Ok(())
    } else {
        Err(Error::Format(format!(
            "accounting does not balance: {} records in, {} articles + {} duplicates + {} rejects out (a bug in warta)",
            stats.records_in, stats.articles, stats.duplicates, stats.rejects
        )))
    }
}

/// Runs the whole pipeline over `opts.inputs`, writing `articles.jsonl`,
/// `duplicates.jsonl`, `rejects.jsonl` and `stats.json` into `opts.out_dir`.
pub fn run(cfg: &PipelineConfig, opts: &RunOptions) -> Result<RunOutcome> {
    let started = Instant::now();
    let threads = effective_threads(opts.threads);
    let files = sources::plan_inputs(&opts.inputs, &cfg.ingest)?;
    let total_bytes: Option<u64> = files.iter().map(|f| f.size).sum();
    let fingerprint = run_fingerprint(cfg, opts, &files);
    // Whether the shard's index starts from an earlier one: recorded in the
    // manifest, because `warta merge` cannot take such an index apart.
    let base_index = match (&opts.shard, &opts.index) {
        (Some(_), Some(path)) if path.exists() => Some(path.display().to_string()),
        _ => None,
    };
    let shard_index = opts.shard.map(|_| opts.out_dir.join(SHARD_INDEX));
    let (mut sink, resume_point) = if opts.resume {
        RunSink::resume(&opts.out_dir, opts.emit_tokens, fingerprint)?
    } else {
        (RunSink::create(&opts.out_dir, opts.emit_tokens, fingerprint)?, None)
    };
    // A stale manifest would make an unfinished or unsharded run look like a
    // finished shard to `warta merge` (a resumed run has none: it is
    // written last).
    merge::remove_manifest(&opts.out_dir)?;
    let setup = DedupSetup {
        index: opts.index.as_deref(),
        also_save_to: shard_index.as_deref(),
        resume_state: resume_point.as_ref().map(|r| r.state.as_slice()),
        checkpoint_secs: opts.checkpoint_secs,
    };
    let (steps, saved) = build_steps(&StageKind::ALL, cfg, setup, opts.tag_model.as_ref())?;

    let progress = Arc::new(Progress::default());
    let skip = resume_point.as_ref().map_or(0, |r| r.records);
    let source = sources::ingest_source(files, cfg.ingest.clone(), opts.shard, skip, threads, progress.clone());
    let engine_opts = EngineOptions {
        threads,
        batch_size: opts.batch_size,
        inspect: opts.inspect.clone(),
        article_timeout: cfg.limits.article_timeout(),
        ..Default::default()
    };
    let report = {
        let _display = ProgressDisplay::start(progress.clone(), total_bytes, opts.quiet);
        engine::execute(source, steps, &mut sink, &engine_opts, progress)?
    };
    check_index_saved(saved)?;
    let stats = stats_from(&report, &sink.counts, threads, started.elapsed().as_secs_f64());
    check_balance(&stats)?;
    let json = serde_json::to_vec_pretty(&stats).map_err(|e| Error::Format(e.to_string()))?;
    sinks::write_atomically(&opts.out_dir.join("stats.json"), &json)?;
    if let Some(shard) = opts.shard {
        // Last: its presence says the shard's outputs are complete.
        let manifest = ShardManifest::new(shard, cfg, opts.tag_model.as_deref().map(Vec::as_slice), base_index);
        manifest.write(&opts.out_dir)?;
    }
    Ok(RunOutcome { stats, snapshots: report.snapshots })
}

/// Identifies what a run computes: the version, configuration, inputs (path,
/// size, modification time), shard and index. A resume refuses a checkpoint
/// with another fingerprint.
fn run_fingerprint(cfg: &PipelineConfig, opts: &RunOptions, files: &[warta_ingest::InputFile]) -> String {
    let mut key = String::new();
    key.push_str(env!("CARGO_PKG_VERSION"));
    key.push_str(&serde_json::to_string(cfg).unwrap_or_default());
    for f in files {
        let mtime = std::fs::metadata(&f.path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        key.push_str(&format!("|{}|{:?}|{mtime}", f.path.display(), f.size));
    }
    key.push_str(&format!("|{:?}|{:?}|{}", opts.shard, opts.index, opts.emit_tokens));
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes()))
}

/// Where a single stage reads from.
pub enum StageInput {
    /// Files and directories to ingest (`warta ingest`).
    Files(Vec<PathBuf>),
    /// A stream of records from an earlier stage (`-` or a file).
    Stream { name: String, reader: Box<dyn BufRead + Send>, format: StreamFormat },
}

#[derive(Debug, Clone)]
pub struct StageOptions {
    pub threads: usize,
    pub batch_size: usize,
    pub output_format: StreamFormat,
    pub index: Option<PathBuf>,
    pub quiet: bool,
    pub tag_model: Option<Arc<Vec<u8>>>,
}

/// Runs one stage over a stream: every record comes out on `out` (a
/// duplicate marked with `duplicate_of`), every reject on `rejects`.
pub fn run_stage(
    kind: StageKind,
    cfg: &PipelineConfig,
    input: StageInput,
    out: Box<dyn Write + Send>,
    rejects: Box<dyn Write + Send>,
    opts: &StageOptions,
) -> Result<RunStats> {
    let started = Instant::now();
    let threads = effective_threads(opts.threads);
    let progress = Arc::new(Progress::default());
    let (source, total) = match input {
        StageInput::Files(paths) => {
            let files = sources::plan_inputs(&paths, &cfg.ingest)?;
            let total: Option<u64> = files.iter().map(|f| f.size).sum();
            (sources::ingest_source(files, cfg.ingest.clone(), None, 0, threads, progress.clone()), total)
        }
        StageInput::Stream { name, reader, format } => (
            sources::stream_source(name, reader, format, cfg.ingest.default_lang.clone(), progress.clone()),
            None,
        ),
    };
    let setup = DedupSetup { index: opts.index.as_deref(), ..Default::default() };
    let (steps, saved) = build_steps(&[kind], cfg, setup, opts.tag_model.as_ref())?;
    let mut sink = StreamSink::new(out, opts.output_format, rejects)?;
    let engine_opts = EngineOptions {
        threads,
        batch_size: opts.batch_size,
        article_timeout: cfg.limits.article_timeout(),
        ..Default::default()
    };
    let report = {
        let _display = ProgressDisplay::start(progress.clone(), total, opts.quiet);
        engine::execute(source, steps, &mut sink, &engine_opts, progress)?
    };
    check_index_saved(saved)?;
    let stats = stats_from(&report, &sink.counts, threads, started.elapsed().as_secs_f64());
    check_balance(&stats)?;
    Ok(stats)
}
