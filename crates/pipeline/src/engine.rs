//! The generic executor: a source thread, one thread per stage, and the sink
//! on the calling thread, joined by bounded channels that carry batches.
//!
//! Per-article stages process one batch at a time with `par_iter_mut` on a
//! rayon pool sized by `--threads`; batches stay in order, so output order is
//! input order and bytes do not depend on the thread count.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crossbeam_channel::{bounded, Receiver, Sender};
use rayon::prelude::*;
use warta_core::{contain, deadline, Article, ArticleStage, Error, Reject, RejectReason, Result, StageStats, StreamStage};

/// One input record on its way through the stages.
#[derive(Debug)]
pub enum Slot {
    Article(Box<Article>),
    Rejected(Box<Reject>),
}

impl Slot {
    pub fn article(a: Article) -> Self {
        Slot::Article(Box::new(a))
    }
    pub fn rejected(r: Reject) -> Self {
        Slot::Rejected(Box::new(r))
    }
}

/// What travels on the channels: a run of consecutive records, and, when the
/// stateful stage took a checkpoint right after this batch, its state.
#[derive(Debug, Default)]
pub struct Batch {
    pub slots: Vec<Slot>,
    pub checkpoint: Option<Arc<Vec<u8>>>,
}

/// A stage as the engine runs it.
pub enum Step {
    PerArticle(Box<dyn ArticleStage>),
    Stream(Box<dyn StreamStage>),
}

impl Step {
    pub fn name(&self) -> &'static str {
        match self {
            Step::PerArticle(s) => s.name(),
            Step::Stream(s) => s.name(),
        }
    }
}

/// Where finished records go. Returning an error stops the run (a closed
/// stdout ends it quietly: the caller checks `Error::is_broken_pipe`).
pub trait Sink: Send {
    fn accept(&mut self, slot: Slot) -> Result<()>;
    /// Flushes and commits the outputs; not called when the run failed.
    fn finish(&mut self) -> Result<()>;

    /// Every record before this point has been accepted and the stateful
    /// stage's state at this point is `state`: a sink that supports
    /// `--resume` makes both durable.
    fn checkpoint(&mut self, _state: &[u8]) -> Result<()> {
        Ok(())
    }
}

/// What the source reports about itself.
#[derive(Debug, Default, Clone)]
pub struct SourceReport {
    pub stats: StageStats,
    pub input_bytes: u64,
}

/// A source calls `emit` once per input record, in input order, and stops when
/// it returns `Break` (downstream has gone away).
pub type SourceFn = Box<dyn FnOnce(&mut dyn FnMut(Slot) -> ControlFlow<()>) -> Result<SourceReport> + Send>;

#[derive(Debug, Clone)]
pub struct EngineOptions {
    pub threads: usize,
    pub batch_size: usize,
    /// Batches in flight on each channel.
    pub channel_capacity: usize,
    /// Keep a snapshot of the article with this id after every stage.
    pub inspect: Option<String>,
    /// Per article and per-article stage; past it the article becomes a
    /// `timeout` reject (see `warta_core::deadline`).
    pub article_timeout: Option<Duration>,
}

impl Default for EngineOptions {
    fn default() -> Self {
        EngineOptions { threads: 0, batch_size: 256, channel_capacity: 4, inspect: None, article_timeout: None }
    }
}

/// Counters the progress display reads while the run goes on.
#[derive(Debug, Default)]
pub struct Progress {
    pub records: AtomicU64,
    pub bytes: AtomicU64,
}

#[derive(Debug, Default)]
pub struct EngineReport {
    pub source: SourceReport,
    /// Per stage, in order.
    pub stages: Vec<(String, StageStats)>,
    /// `(stage, article)` snapshots for `--inspect`.
    pub snapshots: Vec<(String, Article)>,
}

type Snapshots = Arc<Mutex<Vec<(String, Article)>>>;

pub fn execute(
    source: SourceFn,
    steps: Vec<Step>,
    sink: &mut dyn Sink,
    opts: &EngineOptions,
    progress: Arc<Progress>,
) -> Result<EngineReport> {
    let pool = Arc::new(
        rayon::ThreadPoolBuilder::new()
            .num_threads(opts.threads)
            .thread_name(|i| format!("warta-worker-{i}"))
            .build()
            .map_err(|e| Error::Config(format!("cannot start worker threads: {e}")))?,
    );
    let snapshots: Snapshots = Arc::default();
    let batch_size = opts.batch_size.max(1);
    let cap = opts.channel_capacity.max(1);

    std::thread::scope(|scope| {
        let (tx, mut rx) = bounded::<Batch>(cap);
        let source_handle = scope.spawn({
            let progress = progress.clone();
            move || run_source(source, tx, batch_size, &progress)
        });

        let mut stage_handles = Vec::new();
        for step in steps {
            let (next_tx, next_rx) = bounded::<Batch>(cap);
            let input = std::mem::replace(&mut rx, next_rx);
            let pool = pool.clone();
            let inspect = opts.inspect.clone();
            let snapshots = snapshots.clone();
            let name = step.name().to_string();
            let timeout = opts.article_timeout;
            let handle = scope.spawn(move || match step {
                Step::PerArticle(stage) => {
                    run_per_article(&*stage, &pool, input, next_tx, timeout, inspect.as_deref(), &snapshots)
                }
                Step::Stream(mut stage) => {
                    run_stream(&mut *stage, &pool, input, next_tx, inspect.as_deref(), &snapshots)
                }
            });
            stage_handles.push((name, handle));
        }

        // The sink runs here. On its error we drop `rx`, which makes every
        // upstream `send` fail, so all threads wind down and can be joined.
        let mut sink_result = Ok(());
        for batch in rx.iter() {
            for slot in batch.slots {
                if let Err(e) = sink.accept(slot) {
                    sink_result = Err(e);
                    break;
                }
            }
            if sink_result.is_ok() {
                if let Some(state) = &batch.checkpoint {
                    sink_result = sink.checkpoint(state);
                }
            }
            if sink_result.is_err() {
                break;
            }
        }
        drop(rx);

        let mut report = EngineReport::default();
        let mut first_error: Option<Error> = sink_result.err();
        match source_handle.join() {
            Ok(Ok(src)) => report.source = src,
            Ok(Err(e)) => {
                first_error.get_or_insert(e);
            }
            Err(_) => {
                first_error.get_or_insert(Error::Format("the input reader crashed".into()));
            }
        }
        for (name, handle) in stage_handles {
            match handle.join() {
                Ok(stats) => report.stages.push((name, stats)),
                Err(_) => {
                    first_error.get_or_insert(Error::Format(format!("stage {name} crashed")));
                }
            }
        }
        if let Some(e) = first_error {
            return Err(e);
        }
        sink.finish()?;
        report.snapshots = std::mem::take(&mut *snapshots.lock().unwrap_or_else(|p| p.into_inner()));
        Ok(report)
    })
}

fn run_source(source: SourceFn, tx: Sender<Batch>, batch_size: usize, progress: &Progress) -> Result<SourceReport> {
    let mut batch = Vec::with_capacity(batch_size);
    let mut downstream_gone = false;
    let result = source(&mut |slot| {
        progress.records.fetch_add(1, Ordering::Relaxed);
        batch.push(slot);
        if batch.len() >= batch_size {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(batch_size));
            if tx.send(Batch { slots: full, checkpoint: None }).is_err() {
                downstream_gone = true;
                return ControlFlow::Break(());
            }
        }
        ControlFlow::Continue(())
    });
    if !batch.is_empty() && !downstream_gone {
        let _ = tx.send(Batch { slots: batch, checkpoint: None });
    }
    result
}

fn snapshot(batch: &[Slot], stage: &str, inspect: Option<&str>, snapshots: &Snapshots) {
    let Some(id) = inspect else { return };
    for slot in batch {
        if let Slot::Article(a) = slot {
            if a.id == id {
                snapshots.lock().unwrap_or_else(|p| p.into_inner()).push((stage.to_string(), (**a).clone()));
            }
        }
    }
}

/// The state of one rayon work piece of a per-article stage: its CPU span,
/// the edit counts its articles gained, and a copy of an article's counts
/// before the stage whose strings are reused, so that the bookkeeping
/// allocates nothing per article once warm. The piece's counts join the
/// stage's totals when it ends (sums: the order does not matter).
struct Piece<'a> {
    _cpu: warta_core::cpu::CpuSpan<'a>,
    gained: BTreeMap<String, u64>,
    before: Vec<(String, u64)>,
    before_len: usize,
    totals: &'a Mutex<BTreeMap<String, u64>>,
}

impl<'a> Piece<'a> {
    fn start(cpu_nanos: &'a AtomicU64, totals: &'a Mutex<BTreeMap<String, u64>>) -> Self {
        Piece {
            _cpu: warta_core::cpu::CpuSpan::start(cpu_nanos),
            gained: BTreeMap::new(),
            before: Vec::new(),
            before_len: 0,
            totals,
        }
    }

    /// Notes an article's edit counts before the stage runs.
    fn snapshot(&mut self, edits: &BTreeMap<warta_core::Name, u64>) {
        self.before_len = 0;
        for (kind, &n) in edits {
            if self.before_len == self.before.len() {
                self.before.push((String::new(), 0));
            }
            let slot = &mut self.before[self.before_len];
            slot.0.clear();
            slot.0.push_str(kind);
            slot.1 = n;
            self.before_len += 1;
        }
    }

    /// Adds what the article's edit counts gained since [`Piece::snapshot`].
    fn add_gained(&mut self, edits: &BTreeMap<warta_core::Name, u64>) {
        for (kind, &n) in edits {
            let before = self.before[..self.before_len].iter().find(|(k, _)| k == kind).map_or(0, |&(_, b)| b);
            let gained = n - before.min(n);
            if gained == 0 {
                continue;
            }
            match self.gained.get_mut(kind.as_ref()) {
                Some(total) => *total += gained,
                None => {
                    self.gained.insert(kind.to_string(), gained);
                }
            }
        }
    }
}

impl Drop for Piece<'_> {
    fn drop(&mut self) {
        if self.gained.is_empty() {
            return;
        }
        let mut totals = self.totals.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        for (kind, n) in std::mem::take(&mut self.gained) {
            *totals.entry(kind).or_default() += n;
        }
    }
}

enum Outcome {
    Kept,
    Rejected(Reject),
    Skipped,
}

fn run_per_article(
    stage: &dyn ArticleStage,
    pool: &rayon::ThreadPool,
    input: Receiver<Batch>,
    output: Sender<Batch>,
    timeout: Option<Duration>,
    inspect: Option<&str>,
    snapshots: &Snapshots,
) -> StageStats {
    let mut stats = StageStats::default();
    let name = stage.name();
    // CPU nanoseconds of the worker threads inside this stage's work
    // pieces, and the edit counts the stage added.
    let cpu_nanos = AtomicU64::new(0);
    let edits_gained = Mutex::new(BTreeMap::new());
    for mut batch in input {
        // Time is summed per article, not per batch: the stages share one
        // worker pool, so a batch's wall time would include other stages' work.
        // CPU time is read per rayon work piece (`map_init` starts one
        // `Piece` per piece, a few per batch): the clock costs a fraction of
        // a microsecond, too much to read around every article.
        let outcomes: Vec<(Outcome, f64, u64)> = pool.install(|| {
            batch
                .slots
                .par_iter_mut()
                .map_init(
                    || Piece::start(&cpu_nanos, &edits_gained),
                    |piece, slot| {
                        let Slot::Article(a) = slot else { return (Outcome::Skipped, 0.0, 0) };
                        if a.duplicate.is_some() {
                            return (Outcome::Skipped, 0.0, 0);
                        }
                        let bytes_in = a.text.len() as u64;
                        piece.snapshot(&a.edits);
                        let clock = deadline::start(timeout);
                        let result = contain::contained(|| stage.process(a));
                        let (spent, overran) = clock.finish();
                        // A stage that finished after the deadline without checking it
                        // gets the same verdict as one that gave up on time.
                        let result = match result {
                            Ok(Ok(())) if overran => Ok(Err(deadline::timeout(name))),
                            other => other,
                        };
                        let outcome = match result {
                            Ok(Ok(())) => {
                                piece.add_gained(&a.edits);
                                Outcome::Kept
                            }
                            Ok(Err((reason, detail))) => {
                                Outcome::Rejected(Reject::new(name, a.source.clone(), reason, detail).with_id(a.id.clone()))
                            }
                            Err(panic) => Outcome::Rejected(
                                Reject::new(name, a.source.clone(), RejectReason::StageError, panic_message(&*panic))
                                    .with_id(a.id.clone()),
                            ),
                        };
                        (outcome, spent.as_secs_f64(), bytes_in)
                    },
                )
                .collect()
        });
        for (slot, (outcome, spent, bytes_in)) in batch.slots.iter_mut().zip(outcomes) {
            stats.busy_seconds += spent;
            stats.bytes_in += bytes_in;
            match outcome {
                Outcome::Skipped => {}
                Outcome::Kept => {
                    stats.articles_in += 1;
                    stats.articles_out += 1;
                }
                Outcome::Rejected(reject) => {
                    stats.articles_in += 1;
                    *stats.rejected.entry(reject.reason.as_str().to_string()).or_default() += 1;
                    *slot = Slot::rejected(reject);
                }
            }
        }
        snapshot(&batch.slots, name, inspect, snapshots);
        if output.send(batch).is_err() {
            break;
        }
    }
    stats.cpu_seconds = cpu_nanos.load(Ordering::Relaxed) as f64 / 1e9;
    stats.edits = edits_gained.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
    stats
}

fn run_stream(
    stage: &mut dyn StreamStage,
    pool: &rayon::ThreadPool,
    input: Receiver<Batch>,
    output: Sender<Batch>,
    inspect: Option<&str>,
    snapshots: &Snapshots,
) -> StageStats {
    let mut stats = StageStats::default();
    let name = stage.name();
    let count_out = |slots: &[Slot], stats: &mut StageStats| {
        for slot in slots {
            if let Slot::Article(a) = slot {
                stats.articles_out += 1;
                if let Some(d) = &a.duplicate {
                    *stats.duplicates.entry(d.kind.as_str().to_string()).or_default() += 1;
                }
                for r in a.removed.iter().filter(|r| r.stage == name) {
                    *stats.edits.entry(r.reason.to_string()).or_default() += 1;
                }
            }
        }
    };
    for batch in input {
        let started = Instant::now();
        let mut articles = Vec::with_capacity(batch.slots.len());
        let mut passed = Vec::new();
        for slot in batch.slots {
            match slot {
                Slot::Article(a) if a.duplicate.is_none() => {
                    stats.articles_in += 1;
                    stats.bytes_in += a.text.len() as u64;
                    articles.push(*a);
                }
                other => passed.push(other),
            }
        }
        let released = pool.install(|| stage.process_batch(articles));
        let checkpoint = stage.checkpoint().map(Arc::new);
        stats.busy_seconds += started.elapsed().as_secs_f64();
        passed.extend(released.into_iter().map(Slot::article));
        count_out(&passed, &mut stats);
        snapshot(&passed, name, inspect, snapshots);
        if output.send(Batch { slots: passed, checkpoint }).is_err() {
            return stats;
        }
    }
    let started = Instant::now();
    let rest: Vec<Slot> = pool.install(|| stage.finish()).into_iter().map(Slot::article).collect();
    stats.busy_seconds += started.elapsed().as_secs_f64();
    stats.state_bytes = stage.state_bytes();
    count_out(&rest, &mut stats);
    snapshot(&rest, name, inspect, snapshots);
    let _ = output.send(Batch { slots: rest, checkpoint: None });
    stats
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    format!("internal error in stage: {}", contain::message(panic))
}
