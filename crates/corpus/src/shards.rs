//! zstd-compressed JSONL outputs: the article shards of bounded size, and the
//! single-stream files (duplicates, rejects).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::util::AtomicWriter;

/// An output file as recorded in `done.json` and `MANIFEST.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputFile {
    /// Relative to the output directory, `/`-separated.
    pub path: String,
    pub size: u64,
    pub sha256: String,
    /// JSON lines inside, for JSONL outputs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<u64>,
    /// Uncompressed bytes, for compressed outputs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncompressed_bytes: Option<u64>,
}

/// A zstd JSONL stream written atomically.
pub struct ZstdJsonl {
    rel: String,
    encoder: zstd::Encoder<'static, AtomicWriter>,
    records: u64,
    bytes: u64,
}

impl ZstdJsonl {
    pub fn create(out_dir: &Path, rel: &str, level: i32) -> Result<Self> {
        let path = out_dir.join(rel);
        let writer = AtomicWriter::create(&path)?;
        let mut encoder = zstd::Encoder::new(writer, level).with_context(|| format!("zstd encoder for {rel}"))?;
        encoder.include_checksum(true).context("zstd checksum")?;
        Ok(ZstdJsonl { rel: rel.to_string(), encoder, records: 0, bytes: 0 })
    }

    /// Writes one line (without its newline, which is added).
    pub fn line(&mut self, line: &[u8]) -> Result<()> {
        self.encoder.write_all(line).and_then(|()| self.encoder.write_all(b"\n")).with_context(|| format!("cannot write {}", self.rel))?;
        self.records += 1;
        self.bytes += line.len() as u64 + 1;
        Ok(())
    }

    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    pub fn records(&self) -> u64 {
        self.records
    }

    pub fn finish(self) -> Result<OutputFile> {
        let writer = self.encoder.finish().with_context(|| format!("cannot finish {}", self.rel))?;
        let (sha256, size) = writer.commit()?;
        Ok(OutputFile { path: self.rel, size, sha256, records: Some(self.records), uncompressed_bytes: Some(self.bytes) })
    }
}

/// The article shards of one unit of work: `data/articles-NNNNN.jsonl.zst`,
/// numbered on from the previous unit's last shard. A shard is closed before
/// a line would take it over `max_bytes` (uncompressed) or `max_articles`;
/// only an article larger than `max_bytes` on its own makes a larger shard.
pub struct ShardSet {
    out_dir: PathBuf,
    next: usize,
    max_bytes: u64,
    max_articles: u64,
    level: i32,
    current: Option<ZstdJsonl>,
    twin: Option<crate::parquet_out::ParquetShard>,
    parquet: bool,
    pub done: Vec<OutputFile>,
    pub parquet_done: Vec<OutputFile>,
}

pub fn shard_name(n: usize) -> String {
    format!("data/articles-{n:05}.jsonl.zst")
}

pub fn parquet_name(n: usize) -> String {
    format!("data/articles-{n:05}.parquet")
}

impl ShardSet {
    pub fn new(out_dir: &Path, first: usize, max_bytes: u64, max_articles: Option<u64>, level: i32, parquet: bool) -> Self {
        ShardSet {
            out_dir: out_dir.to_path_buf(),
            next: first,
            max_bytes,
            max_articles: max_articles.unwrap_or(u64::MAX),
            level,
            current: None,
            twin: None,
            parquet,
            done: Vec::new(),
            parquet_done: Vec::new(),
        }
    }

    pub fn line(&mut self, line: &[u8]) -> Result<()> {
        let len = line.len() as u64 + 1;
        if let Some(cur) = &self.current {
            if cur.bytes() > 0 && (cur.bytes() + len > self.max_bytes || cur.records() >= self.max_articles) {
                self.close()?;
            }
        }
        if self.current.is_none() {
            self.current = Some(ZstdJsonl::create(&self.out_dir, &shard_name(self.next), self.level)?);
            if self.parquet {
                self.twin = Some(crate::parquet_out::ParquetShard::create(&self.out_dir, &parquet_name(self.next), self.level)?);
            }
            self.next += 1;
        }
        if let Some(twin) = &mut self.twin {
            twin.line(line)?;
        }
        self.current.as_mut().map_or(Ok(()), |c| c.line(line))
    }

    fn close(&mut self) -> Result<()> {
        if let Some(cur) = self.current.take() {
            self.done.push(cur.finish()?);
        }
        if let Some(twin) = self.twin.take() {
            self.parquet_done.push(twin.finish()?);
        }
        Ok(())
    }

    /// The JSONL shards and their Parquet twins.
    pub fn finish(mut self) -> Result<(Vec<OutputFile>, Vec<OutputFile>)> {
        self.close()?;
        Ok((self.done, self.parquet_done))
    }
}

/// Reads every line of a zstd JSONL file, in order.
pub fn for_each_line(path: &Path, mut f: impl FnMut(&[u8]) -> Result<()>) -> Result<()> {
    use std::io::BufRead;
    let file = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let decoder = zstd::Decoder::new(file).with_context(|| format!("cannot decompress {}", path.display()))?;
    let mut reader = std::io::BufReader::with_capacity(1 << 20, decoder);
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line).with_context(|| format!("cannot read {}", path.display()))?;
        if n == 0 {
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
