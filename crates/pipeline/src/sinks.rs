//! Where finished records go: the three files of a run, or a stage's stdout.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use warta_core::{frame::FrameWriter, wire, Article, Error, Result};

use crate::engine::{Sink, Slot};

/// Counts of what a sink wrote.
#[derive(Debug, Default, Clone)]
pub struct SinkCounts {
    pub articles: u64,
    pub duplicates: u64,
    pub rejects: u64,
    pub rejects_by_reason: BTreeMap<String, u64>,
}

impl SinkCounts {
    fn count(&mut self, slot: &Slot) {
        match slot {
            Slot::Article(a) if a.duplicate.is_some() => self.duplicates += 1,
            Slot::Article(_) => self.articles += 1,
            Slot::Rejected(r) => {
                self.rejects += 1;
                *self.rejects_by_reason.entry(r.reason.as_str().to_string()).or_default() += 1;
            }
        }
    }
}

/// A file written under a temporary name and renamed into place only when
/// complete, so an interrupted run never leaves a file that looks finished.
pub struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    writer: BufWriter<File>,
    /// Bytes in the temporary file, buffered ones included.
    written: u64,
}

fn partial_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.partial"))
}

impl AtomicFile {
    pub fn create(path: &Path) -> Result<Self> {
        let tmp = partial_path(path);
        let file = File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
        Ok(AtomicFile { path: path.to_path_buf(), tmp, writer: BufWriter::with_capacity(1 << 20, file), written: 0 })
    }

    /// Reopens the temporary file of an interrupted run, cut back to `len`
    /// bytes: what a checkpoint made durable.
    pub fn reopen_at(path: &Path, len: u64) -> Result<Self> {
        use std::io::{Seek, SeekFrom};
        let tmp = partial_path(path);
        let mut file = std::fs::OpenOptions::new().write(true).open(&tmp).map_err(|e| Error::io(&tmp, e))?;
        let actual = file.metadata().map_err(|e| Error::io(&tmp, e))?.len();
        if actual < len {
            return Err(Error::Format(format!(
                "{}: {actual} bytes, the checkpoint expects at least {len}; start again without --resume",
                tmp.display()
            )));
        }
        file.set_len(len).map_err(|e| Error::io(&tmp, e))?;
        file.seek(SeekFrom::Start(len)).map_err(|e| Error::io(&tmp, e))?;
        Ok(AtomicFile { path: path.to_path_buf(), tmp, writer: BufWriter::with_capacity(1 << 20, file), written: len })
    }

    pub fn write_all(&mut self, bytes: &[u8]) -> Result<()> {
        self.written += bytes.len() as u64;
        self.writer.write_all(bytes).map_err(|e| Error::io(&self.tmp, e))
    }

    /// Makes everything written so far durable; returns the length.
    pub fn sync(&mut self) -> Result<u64> {
        self.writer.flush().map_err(|e| Error::io(&self.tmp, e))?;
        self.writer.get_ref().sync_data().map_err(|e| Error::io(&self.tmp, e))?;
        Ok(self.written)
    }

    /// Flushes, syncs and renames into place.
    pub fn commit(self) -> Result<()> {
        let file = self.writer.into_inner().map_err(|e| Error::io(&self.tmp, e.into_error()))?;
        file.sync_all().map_err(|e| Error::io(&self.tmp, e))?;
        drop(file);
        std::fs::rename(&self.tmp, &self.path).map_err(|e| Error::io(&self.path, e))
    }
}

/// For writers that stream into a file (`Deduplicator::save_index`).
impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.writer.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.writer.flush()
    }
}

/// Writes `bytes` to `path` atomically (temporary file, fsync, rename).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = AtomicFile::create(path)?;
    f.write_all(bytes)?;
    f.commit()
}

/// The sink of `warta run`: `articles.jsonl`, `duplicates.jsonl`, `rejects.jsonl`.
///
/// With checkpoints, it also keeps `.warta-checkpoint.json` and
/// `.warta-state.bin` in the output directory: how many input records are
/// durably written, the lengths of the three temporary files at that point,
/// and the de-duplication state there. `--resume` continues from them.
pub struct RunSink {
    dir: PathBuf,
    files: Option<[AtomicFile; 3]>,
    emit_tokens: bool,
    fingerprint: String,
    pub counts: SinkCounts,
    line: Vec<u8>,
}

const OUTPUTS: [&str; 3] = ["articles.jsonl", "duplicates.jsonl", "rejects.jsonl"];
const CHECKPOINT: &str = ".warta-checkpoint.json";
/// The state file of the checkpoint taken after `records` records: named by
/// that count, so a new state never overwrites the one the current
/// checkpoint points at.
fn state_name(records: u64) -> String {
    format!(".warta-state-{records}.bin")
}

/// Where an interrupted run stopped.
#[derive(Debug)]
pub struct ResumePoint {
    /// Input records (after the shard filter) already written.
    pub records: u64,
    /// The de-duplication state after them.
    pub state: Vec<u8>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct CheckpointFile {
    format: u32,
    fingerprint: String,
    records: u64,
    lengths: [u64; 3],
    articles: u64,
    duplicates: u64,
    rejects: u64,
    rejects_by_reason: BTreeMap<String, u64>,
    state: String,
}

/// Removes the state files of earlier checkpoints (all but `keep`).
fn remove_stale_states(dir: &Path, keep: Option<&str>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with(".warta-state-") && Some(name.as_str()) != keep {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

impl RunSink {
    /// A fresh run; `fingerprint` identifies inputs and configuration, so a
    /// resume can refuse a checkpoint of another run.
    pub fn create(dir: &Path, emit_tokens: bool, fingerprint: String) -> Result<Self> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let _ = std::fs::remove_file(dir.join(CHECKPOINT));
        remove_stale_states(dir, None);
        let files = [
            AtomicFile::create(&dir.join(OUTPUTS[0]))?,
            AtomicFile::create(&dir.join(OUTPUTS[1]))?,
            AtomicFile::create(&dir.join(OUTPUTS[2]))?,
        ];
        Ok(RunSink {
            dir: dir.to_path_buf(),
            files: Some(files),
            emit_tokens,
            fingerprint,
            counts: SinkCounts::default(),
            line: Vec::new(),
        })
    }

    /// Continues an interrupted run from its last checkpoint, or starts
    /// afresh when there is none.
    pub fn resume(dir: &Path, emit_tokens: bool, fingerprint: String) -> Result<(Self, Option<ResumePoint>)> {
        let path = dir.join(CHECKPOINT);
        let Ok(text) = std::fs::read_to_string(&path) else {
            return Ok((RunSink::create(dir, emit_tokens, fingerprint)?, None));
        };
        let cp: CheckpointFile = serde_json::from_str(&text)
            .map_err(|e| Error::Format(format!("{}: unreadable checkpoint ({e}); start again without --resume", path.display())))?;
        if cp.fingerprint != fingerprint {
            return Err(Error::Config(format!(
                "{}: the inputs or the configuration changed since the interrupted run; start again without --resume",
                path.display()
            )));
        }
        let state_path = dir.join(&cp.state);
        let state = std::fs::read(&state_path).map_err(|e| Error::io(&state_path, e))?;
        let files = [
            AtomicFile::reopen_at(&dir.join(OUTPUTS[0]), cp.lengths[0])?,
            AtomicFile::reopen_at(&dir.join(OUTPUTS[1]), cp.lengths[1])?,
            AtomicFile::reopen_at(&dir.join(OUTPUTS[2]), cp.lengths[2])?,
        ];
        let counts = SinkCounts {
            articles: cp.articles,
            duplicates: cp.duplicates,
            rejects: cp.rejects,
            rejects_by_reason: cp.rejects_by_reason,
        };
        let sink = RunSink { dir: dir.to_path_buf(), files: Some(files), emit_tokens, fingerprint, counts, line: Vec::new() };
        Ok((sink, Some(ResumePoint { records: cp.records, state })))
    }

    fn put(&mut self, which: usize, text: &str) -> Result<()> {
        self.line.clear();
        self.line.extend_from_slice(text.as_bytes());
        self.line.push(b'\n');
        match &mut self.files {
            Some(files) => files[which].write_all(&self.line),
            None => Err(Error::Format("output already committed".into())),
        }
    }
}

impl Sink for RunSink {
    fn accept(&mut self, slot: Slot) -> Result<()> {
        self.counts.count(&slot);
        match slot {
            Slot::Article(a) => match wire::to_duplicate_line(&a) {
                Some(dup) => self.put(1, &dup),
                None => {
                    let mut a = *a;
                    if !self.emit_tokens {
                        a.tokens = Vec::new();
                    }
                    self.put(0, &wire::to_json_line(&a))
                }
            },
            Slot::Rejected(r) => self.put(2, &wire::to_reject_line(&r)),
        }
    }

    fn checkpoint(&mut self, state: &[u8]) -> Result<()> {
        let Some(files) = &mut self.files else { return Ok(()) };
        let lengths = [files[0].sync()?, files[1].sync()?, files[2].sync()?];
        // The state first, under a new name, then the checkpoint that points
        // at it: a crash in between leaves the previous checkpoint and its
        // own state file intact.
        let c = &self.counts;
        let records = c.articles + c.duplicates + c.rejects;
        let state_file = state_name(records);
        write_atomically(&self.dir.join(&state_file), state)?;
        let cp = CheckpointFile {
            format: 1,
            fingerprint: self.fingerprint.clone(),
            records,
            lengths,
            articles: c.articles,
            duplicates: c.duplicates,
            rejects: c.rejects,
            rejects_by_reason: c.rejects_by_reason.clone(),
            state: state_file.clone(),
        };
        let json = serde_json::to_vec(&cp).map_err(|e| Error::Format(e.to_string()))?;
        write_atomically(&self.dir.join(CHECKPOINT), &json)?;
        remove_stale_states(&self.dir, Some(&state_file));
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        // The checkpoint goes first: a crash while the files are renamed
        // then restarts the run from scratch instead of resuming into
        // temporary files that are no longer there.
        std::fs::remove_file(self.dir.join(CHECKPOINT)).or_else(|e| {
            if e.kind() == std::io::ErrorKind::NotFound { Ok(()) } else { Err(Error::io(self.dir.join(CHECKPOINT), e)) }
        })?;
        if let Some(files) = self.files.take() {
            for f in files {
                f.commit()?;
            }
        }
        remove_stale_states(&self.dir, None);
        Ok(())
    }
}

/// Output encoding of a single-stage command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamFormat {
    Jsonl,
    Bincode,
}

enum Encoder {
    Jsonl(Box<dyn Write + Send>),
    Bincode(FrameWriter<Box<dyn Write + Send>>),
}

/// The sink of a single-stage command: every article (duplicates included,
/// marked) to `out`; rejects as JSON lines to `rejects`.
pub struct StreamSink {
    out: Encoder,
    rejects: Box<dyn Write + Send>,
    pub counts: SinkCounts,
    line: Vec<u8>,
}

impl StreamSink {
    pub fn new(out: Box<dyn Write + Send>, format: StreamFormat, rejects: Box<dyn Write + Send>) -> Result<Self> {
        let out = match format {
            StreamFormat::Jsonl => Encoder::Jsonl(out),
            StreamFormat::Bincode => Encoder::Bincode(FrameWriter::new(out)?),
        };
        Ok(StreamSink { out, rejects, counts: SinkCounts::default(), line: Vec::new() })
    }

    fn write_article(&mut self, a: &Article) -> Result<()> {
        match &mut self.out {
            Encoder::Jsonl(w) => {
                self.line.clear();
                self.line.extend_from_slice(wire::to_json_line(a).as_bytes());
                self.line.push(b'\n');
                w.write_all(&self.line).map_err(Error::from)
            }
            Encoder::Bincode(w) => w.write(a).map_err(Error::from),
        }
    }
}

impl Sink for StreamSink {
    fn accept(&mut self, slot: Slot) -> Result<()> {
        self.counts.count(&slot);
        match slot {
            Slot::Article(a) => self.write_article(&a),
            Slot::Rejected(r) => {
                let mut line = wire::to_reject_line(&r);
                line.push('\n');
                self.rejects.write_all(line.as_bytes()).map_err(Error::from)
            }
        }
    }

    fn finish(&mut self) -> Result<()> {
        match &mut self.out {
            Encoder::Jsonl(w) => w.flush()?,
            Encoder::Bincode(w) => w.flush()?,
        }
        self.rejects.flush()?;
        Ok(())
    }
}
