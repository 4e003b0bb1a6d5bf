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
}

impl AtomicFile {
    pub fn create(path: &Path) -> Result<Self> {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = path.with_file_name(format!(".{name}.partial"));
        let file = File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
        Ok(AtomicFile { path: path.to_path_buf(), tmp, writer: BufWriter::with_capacity(1 << 20, file) })
    }

    pub fn write_all(&mut self, bytes: &[u8]) -> Result<()> {
        self.writer.write_all(bytes).map_err(|e| Error::io(&self.tmp, e))
    }

    /// Flushes, syncs and renames into place.
    pub fn commit(self) -> Result<()> {
        let file = self.writer.into_inner().map_err(|e| Error::io(&self.tmp, e.into_error()))?;
        file.sync_all().map_err(|e| Error::io(&self.tmp, e))?;
        drop(file);
        std::fs::rename(&self.tmp, &self.path).map_err(|e| Error::io(&self.path, e))
    }
}

/// Writes `bytes` to `path` atomically (temporary file, fsync, rename).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = AtomicFile::create(path)?;
    f.write_all(bytes)?;
    f.commit()
}

/// The sink of `warta run`: `articles.jsonl`, `duplicates.jsonl`, `rejects.jsonl`.
pub struct RunSink {
    articles: Option<AtomicFile>,
    duplicates: Option<AtomicFile>,
    rejects: Option<AtomicFile>,
    emit_tokens: bool,
    pub counts: SinkCounts,
    line: Vec<u8>,
}

impl RunSink {
    pub fn create(dir: &Path, emit_tokens: bool) -> Result<Self> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        Ok(RunSink {
            articles: Some(AtomicFile::create(&dir.join("articles.jsonl"))?),
            duplicates: Some(AtomicFile::create(&dir.join("duplicates.jsonl"))?),
            rejects: Some(AtomicFile::create(&dir.join("rejects.jsonl"))?),
            emit_tokens,
            counts: SinkCounts::default(),
            line: Vec::new(),
        })
    }
}

fn put(file: &mut Option<AtomicFile>, line: &mut Vec<u8>, text: &str) -> Result<()> {
    line.clear();
    line.extend_from_slice(text.as_bytes());
    line.push(b'\n');
    match file {
        Some(f) => f.write_all(line),
        None => Err(Error::Format("output already committed".into())),
    }
}

impl Sink for RunSink {
    fn accept(&mut self, slot: Slot) -> Result<()> {
        self.counts.count(&slot);
        match slot {
            Slot::Article(a) => match wire::to_duplicate_line(&a) {
                Some(dup) => put(&mut self.duplicates, &mut self.line, &dup),
                None => {
                    let mut a = *a;
                    if !self.emit_tokens {
                        a.tokens = Vec::new();
                    }
                    put(&mut self.articles, &mut self.line, &wire::to_json_line(&a))
                }
            },
            Slot::Rejected(r) => put(&mut self.rejects, &mut self.line, &wire::to_reject_line(&r)),
        }
    }

    fn finish(&mut self) -> Result<()> {
        for f in [self.articles.take(), self.duplicates.take(), self.rejects.take()].into_iter().flatten() {
            f.commit()?;
        }
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
