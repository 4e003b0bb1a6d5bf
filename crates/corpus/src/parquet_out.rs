//! Parquet twins of the article shards (`[output] parquet = true`): the same
//! articles, one row each, for tools that read Parquet. Columns: `id`,
//! `title`, `text`, `lang`, `url`, `date`, `dateline` as strings, and
//! `annotations`, the rest of the JSONL record (sentences, entities,
//! provenance, edits, extra fields) as one JSON string, so nothing is lost.

use std::sync::Arc;

use anyhow::{Context, Result};
use parquet::basic::{Compression, ZstdLevel};
use parquet::data_type::{ByteArray, ByteArrayType};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use serde_json::{Map, Value};

use crate::shards::OutputFile;
use crate::util::AtomicWriter;

const SCHEMA: &str = "message article {
  REQUIRED BYTE_ARRAY id (UTF8);
  OPTIONAL BYTE_ARRAY title (UTF8);
  REQUIRED BYTE_ARRAY text (UTF8);
  OPTIONAL BYTE_ARRAY lang (UTF8);
  OPTIONAL BYTE_ARRAY url (UTF8);
  OPTIONAL BYTE_ARRAY date (UTF8);
  OPTIONAL BYTE_ARRAY dateline (UTF8);
  REQUIRED BYTE_ARRAY annotations (UTF8);
}";

/// The string columns, in schema order; `annotations` comes last.
const COLUMNS: [(&str, bool); 7] =
    [("id", true), ("title", false), ("text", true), ("lang", false), ("url", false), ("date", false), ("dateline", false)];

/// Rows buffered before a row group is written (bounds memory).
const ROW_GROUP_ROWS: usize = 8192;
const ROW_GROUP_BYTES: usize = 64 << 20;

pub struct ParquetShard {
    rel: String,
    writer: SerializedFileWriter<AtomicWriter>,
    /// Per column: values and definition levels (1 = present, 0 = null).
    values: Vec<Vec<ByteArray>>,
    levels: Vec<Vec<i16>>,
    buffered_bytes: usize,
    buffered_rows: usize,
    rows: u64,
}

impl ParquetShard {
    pub fn create(out_dir: &std::path::Path, rel: &str, level: i32) -> Result<Self> {
        let schema = Arc::new(parse_message_type(SCHEMA).context("Parquet schema")?);
        let zstd = ZstdLevel::try_new(level).context("Parquet zstd level")?;
        let props = Arc::new(WriterProperties::builder().set_compression(Compression::ZSTD(zstd)).build());
        let sink = AtomicWriter::create(&out_dir.join(rel))?;
        let writer = SerializedFileWriter::new(sink, schema, props).with_context(|| format!("cannot start {rel}"))?;
        Ok(ParquetShard {
            rel: rel.to_string(),
            writer,
            values: vec![Vec::new(); COLUMNS.len() + 1],
            levels: vec![Vec::new(); COLUMNS.len() + 1],
            buffered_bytes: 0,
            buffered_rows: 0,
            rows: 0,
        })
    }

    /// Adds one article, given as its JSONL line.
    pub fn line(&mut self, line: &[u8]) -> Result<()> {
        let mut map: Map<String, Value> = serde_json::from_slice(line).context("unreadable article line")?;
        for (i, (name, required)) in COLUMNS.iter().enumerate() {
            match map.remove(*name) {
                Some(Value::String(s)) => {
                    self.buffered_bytes += s.len();
                    self.values[i].push(ByteArray::from(s.into_bytes()));
                    self.levels[i].push(1);
                }
                Some(Value::Null) | None if !required => self.levels[i].push(0),
                other => {
                    // A required field that is not a string: keep it, as text.
                    let text = other.map(|v| v.to_string()).unwrap_or_default();
                    self.values[i].push(ByteArray::from(text.into_bytes()));
                    self.levels[i].push(1);
                }
            }
        }
        let rest = serde_json::to_vec(&Value::Object(map))?;
        self.buffered_bytes += rest.len();
        let last = COLUMNS.len();
        self.values[last].push(ByteArray::from(rest));
        self.levels[last].push(1);
        self.buffered_rows += 1;
        self.rows += 1;
        if self.buffered_rows >= ROW_GROUP_ROWS || self.buffered_bytes >= ROW_GROUP_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.buffered_rows == 0 {
            return Ok(());
        }
        let mut group = self.writer.next_row_group().with_context(|| format!("{}: row group", self.rel))?;
        let mut i = 0;
        while let Some(mut column) = group.next_column().with_context(|| format!("{}: column", self.rel))? {
            let required = i == COLUMNS.len() || COLUMNS[i].1;
            let levels = if required { None } else { Some(self.levels[i].as_slice()) };
            column
                .typed::<ByteArrayType>()
                .write_batch(&self.values[i], levels, None)
                .with_context(|| format!("{}: cannot write a column", self.rel))?;
            column.close().with_context(|| format!("{}: cannot close a column", self.rel))?;
            self.values[i].clear();
            self.levels[i].clear();
            i += 1;
        }
        group.close().with_context(|| format!("{}: cannot close a row group", self.rel))?;
        self.buffered_rows = 0;
        self.buffered_bytes = 0;
        Ok(())
    }

    pub fn finish(mut self) -> Result<OutputFile> {
        self.flush()?;
        let sink = self.writer.into_inner().with_context(|| format!("cannot finish {}", self.rel))?;
        let (sha256, size) = sink.commit()?;
        Ok(OutputFile { path: self.rel, size, sha256, records: Some(self.rows), uncompressed_bytes: None })
    }
}
