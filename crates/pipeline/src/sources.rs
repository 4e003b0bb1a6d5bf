//! Record sources: the ingestion of a whole archive (`warta run`, `warta
//! ingest`), and a stream of already-ingested records (single stages).

use std::collections::HashSet;
use std::io::{BufRead, Read};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Instant;

use warta_core::lines::LineReader;
use warta_core::{frame::FrameReader, wire, Error, Reject, RejectReason, Result, Source, StageStats};
use warta_ingest::{IngestConfig, InputFile, Record};

use crate::engine::{Progress, Slot, SourceFn, SourceReport};
use crate::sinks::StreamFormat;

/// `--shard I/N`: keep the records whose id hashes to `I` modulo `N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        let (i, n) = s.split_once('/').ok_or_else(|| format!("shard `{s}` is not of the form I/N"))?;
        let index: u64 = i.trim().parse().map_err(|_| format!("shard index `{i}` is not a number"))?;
        let count: u64 = n.trim().parse().map_err(|_| format!("shard count `{n}` is not a number"))?;
        if count == 0 || index >= count {
            return Err(format!("shard {index}/{count}: need 0 <= I < N"));
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// Stable across machines and versions: xxh3 of the id with seed 0.
    pub fn selects(&self, key: &str) -> bool {
        xxhash_rust::xxh3::xxh3_64(key.as_bytes()) % self.count == self.index
    }
}

fn shard_key(slot: &Slot) -> String {
    match slot {
        Slot::Article(a) => a.id.clone(),
        Slot::Rejected(r) => r.id.clone().unwrap_or_else(|| r.source.to_string()),
    }
}

/// Keeps the per-run bookkeeping every source shares: ingest stats, the id
/// clash check and the shard filter.
struct Gate {
    stats: StageStats,
    seen_ids: HashSet<u64>,
    shard: Option<Shard>,
}

impl Gate {
    fn new(shard: Option<Shard>) -> Self {
        Gate { stats: StageStats::default(), seen_ids: HashSet::new(), shard }
    }

    /// Applies the shard filter and the id check; `None` when the record
    /// belongs to another shard.
    fn pass(&mut self, mut slot: Slot) -> Option<Slot> {
        if let Some(shard) = self.shard {
            if !shard.selects(&shard_key(&slot)) {
                return None;
            }
        }
        if let Slot::Article(a) = &slot {
            // A clash would make `duplicate_of` ambiguous: the later record is
            // set aside and reported, never silently merged.
            if !self.seen_ids.insert(xxhash_rust::xxh3::xxh3_64(a.id.as_bytes())) {
                let detail = format!("id `{}` was already used by an earlier record", a.id);
                slot = Slot::rejected(
                    Reject::new("ingest", a.source.clone(), RejectReason::DuplicateId, detail).with_id(a.id.clone()),
                );
            }
        }
        self.stats.articles_in += 1;
        match &slot {
            Slot::Article(a) => {
                self.stats.articles_out += 1;
                self.stats.bytes_in += a.text.len() as u64;
            }
            Slot::Rejected(r) => {
                *self.stats.rejected.entry(r.reason.as_str().to_string()).or_default() += 1;
            }
        }
        Some(slot)
    }
}

/// The files a run will read, resolved up front so that a missing input fails
/// before any output is written.
pub fn plan_inputs(inputs: &[PathBuf], cfg: &IngestConfig) -> Result<Vec<InputFile>> {
    warta_ingest::plan(inputs, cfg)
}

/// Records read from one file, in chunks, or the error that stopped it.
type FileChunk = Result<Vec<Record>>;
const CHUNK: usize = 256;

/// A source that ingests `files` in order. The first `skip` records (after
/// the shard filter) are read and checked but not emitted: a resumed run has
/// written them already.
///
/// Up to `readers` files are read (decompressed, parsed) at once by reader
/// threads, each into its own bounded channel; this thread drains the
/// channels in file order, so records keep the input order and at most
/// `readers` files' worth of chunks are in memory.
pub fn ingest_source(
    files: Vec<InputFile>,
    cfg: IngestConfig,
    shard: Option<Shard>,
    skip: u64,
    readers: usize,
    progress: Arc<Progress>,
) -> SourceFn {
    Box::new(move |emit| {
        let mut gate = Gate::new(shard);
        let mut to_skip = skip;
        let readers = readers.clamp(1, files.len().max(1));
        let read_nanos = std::sync::atomic::AtomicU64::new(0);
        let result = std::thread::scope(|scope| -> Result<()> {
            let (jobs_tx, jobs_rx) = crossbeam_channel::bounded::<(usize, crossbeam_channel::Sender<FileChunk>)>(readers);
            for _ in 0..readers {
                let jobs_rx = jobs_rx.clone();
                let (cfg, progress, files, read_nanos) = (&cfg, &progress, &files, &read_nanos);
                scope.spawn(move || {
                    for (index, tx) in jobs_rx {
                        let t0 = Instant::now();
                        let mut waited = std::time::Duration::ZERO;
                        let mut chunk = Vec::with_capacity(CHUNK);
                        let outcome = warta_ingest::read_file(&files[index], cfg, &progress.bytes, &mut |record| {
                            chunk.push(record);
                            if chunk.len() >= CHUNK {
                                let t = Instant::now();
                                let sent = tx.send(Ok(std::mem::take(&mut chunk)));
                                waited += t.elapsed();
                                if sent.is_err() {
                                    return ControlFlow::Break(());
                                }
                            }
                            ControlFlow::Continue(())
                        });
                        let busy = t0.elapsed().saturating_sub(waited);
                        read_nanos.fetch_add(busy.as_nanos() as u64, Ordering::Relaxed);
                        let _ = match outcome {
                            Ok(()) => tx.send(Ok(chunk)),
                            Err(e) => tx.send(Err(e)),
                        };
                    }
                });
            }
            drop(jobs_rx);

            let mut queued = std::collections::VecDeque::new();
            let mut next_file = 0;
            loop {
                // Keep `readers` files in flight, in order.
                while next_file < files.len() && queued.len() < readers {
                    let (tx, rx) = crossbeam_channel::bounded::<FileChunk>(4);
                    if jobs_tx.send((next_file, tx)).is_err() {
                        break;
                    }
                    queued.push_back(rx);
                    next_file += 1;
                }
                let Some(rx) = queued.pop_front() else { break };
                for chunk in rx.iter() {
                    for record in chunk? {
                        let slot = match record {
                            Record::Article(a) => Slot::article(a),
                            Record::Reject(r) => Slot::rejected(r),
                        };
                        let Some(slot) = gate.pass(slot) else { continue };
                        if to_skip > 0 {
                            to_skip -= 1;
                            continue;
                        }
                        if emit(slot).is_break() {
                            // Dropping the receivers makes the readers stop.
                            return Ok(());
                        }
                    }
                }
            }
            Ok(())
        });
        result?;
        gate.stats.busy_seconds = read_nanos.load(Ordering::Relaxed) as f64 / 1e9;
        let input_bytes = progress.bytes.load(Ordering::Relaxed);
        Ok(SourceReport { stats: gate.stats, input_bytes })
    })
}

/// Longest JSONL line a single-stage command accepts.
pub const MAX_STREAM_LINE: usize = 64 << 20;

/// A source that reads records written by an earlier stage (JSONL or bincode).
pub fn stream_source(
    name: String,
    reader: Box<dyn BufRead + Send>,
    format: StreamFormat,
    default_lang: Option<String>,
    progress: Arc<Progress>,
) -> SourceFn {
    Box::new(move |emit| {
        let started = Instant::now();
        let mut gate = Gate::new(None);
        let mut blocked = std::time::Duration::ZERO;
        let mut send = |mut slot: Slot, gate: &mut Gate| {
            if let (Slot::Article(a), Some(lang)) = (&mut slot, &default_lang) {
                if a.lang.is_none() {
                    a.lang = Some(lang.clone());
                }
            }
            let Some(slot) = gate.pass(slot) else { return ControlFlow::Continue(()) };
            let t = Instant::now();
            let flow = emit(slot);
            blocked += t.elapsed();
            flow
        };
        match format {
            StreamFormat::Jsonl => {
                let mut lines = LineReader::new(reader, MAX_STREAM_LINE);
                let mut index = 0u64;
                loop {
                    let before = lines.consumed();
                    let line = match lines.next_line() {
                        Ok(Some(line)) => line,
                        Ok(None) => break,
                        Err(b) => return Err(Error::from(b.error)),
                    };
                    let source = || Source { file: name.clone(), record: index, offset: Some(line.offset) };
                    let slot = if line.too_long {
                        Some(Slot::rejected(Reject::new(
                            "ingest",
                            source(),
                            RejectReason::TooLarge,
                            format!("line {} is {} bytes, over the {MAX_STREAM_LINE}-byte limit", line.number, line.len),
                        )))
                    } else if line.bytes.iter().all(u8::is_ascii_whitespace) {
                        None
                    } else {
                        Some(parse_record(line.bytes, source(), line.number))
                    };
                    progress.bytes.fetch_add(lines.consumed() - before, Ordering::Relaxed);
                    // A blank line is not a record.
                    let Some(slot) = slot else { continue };
                    index += 1;
                    if send(slot, &mut gate).is_break() {
                        break;
                    }
                }
            }
            StreamFormat::Bincode => {
                let mut frames = FrameReader::new(CountingReader { inner: reader, progress: progress.clone() })?;
                while let Some(a) = frames.next_article()? {
                    if send(Slot::article(a), &mut gate).is_break() {
                        break;
                    }
                }
            }
        }
        gate.stats.busy_seconds = (started.elapsed() - blocked).as_secs_f64();
        let input_bytes = progress.bytes.load(Ordering::Relaxed);
        Ok(SourceReport { stats: gate.stats, input_bytes })
    })
}

/// Parses one line (numbered from 1) of warta's own JSONL.
fn parse_record(body: &[u8], source: Source, line_number: u64) -> Slot {
    let reject = |reason, detail: String| Slot::rejected(Reject::new("ingest", source.clone(), reason, detail));
    let text = match std::str::from_utf8(body) {
        Ok(t) => t,
        Err(e) => {
            return reject(RejectReason::InvalidUtf8, format!("line {line_number}: invalid UTF-8 at byte {}", e.valid_up_to()))
        }
    };
    match wire::from_json_line(text) {
        Ok(mut a) => {
            if a.id.is_empty() {
                a.id = format!("{}-{}", source.file, source.record);
            }
            if a.source == Source::default() {
                a.source = source;
            }
            Slot::article(a)
        }
        Err((reason, detail)) => reject(reason, format!("line {line_number}: {detail}")),
    }
}

struct CountingReader {
    inner: Box<dyn BufRead + Send>,
    progress: Arc<Progress>,
}

impl Read for CountingReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.bytes.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_lines_skip_blanks_and_name_the_real_line() {
        let input = "{\"id\":\"a\",\"text\":\"one\"}\n\n  \r\n{broken\n{\"text\":\"no id\"}\r\n";
        let progress = Arc::new(Progress::default());
        let source = stream_source(
            "in.jsonl".into(),
            Box::new(std::io::Cursor::new(input.as_bytes().to_vec())),
            StreamFormat::Jsonl,
            None,
            progress.clone(),
        );
        let mut slots = Vec::new();
        let report = source(&mut |slot| {
            slots.push(slot);
            ControlFlow::Continue(())
        })
        .unwrap();
        assert_eq!(slots.len(), 3, "blank lines are not records");
        let Slot::Rejected(r) = &slots[1] else { panic!("the broken line must be a reject") };
        assert!(r.detail.starts_with("line 4:"), "{}", r.detail);
        assert_eq!((r.source.record, r.source.offset), (1, Some(29)));
        let Slot::Article(a) = &slots[2] else { panic!("the id-less line must be an article") };
        assert_eq!(a.id, "in.jsonl-2", "ids of id-less records count records, not lines");
        assert_eq!(report.input_bytes, input.len() as u64);
        assert_eq!(report.stats.articles_in, 3);
    }
}
