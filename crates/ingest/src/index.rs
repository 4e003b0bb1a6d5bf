//! Sidecar indexes: a CSV or TSV file in a folder of articles that describes
//! them instead of holding them ("file,id,source,date,url", as scrapers and
//! dataset builders write a `metadata.csv` or an `INDEX.tsv` beside their
//! `.txt` files or saved `.html` pages). Its rows are no articles (they have
//! no text); each gives the fields of the file it names, which the article
//! read from that file takes: the index's id, URL, date, language and
//! title win, the file gives what the index lacks, and every other column
//! is passed through as JSONL fields are.
//!
//! A table is an index when its header has a file column ([`FILE_COLUMNS`])
//! and no text or HTML column (as `--field` maps them), and at least one of
//! its rows names a plain-text or HTML file found beside it. Any other table
//! is read as articles, as before.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{Map, Value};

use crate::{csv, detect, stream, FileMetadata, InputFormat, IngestConfig};

/// Column names that name the described file, relative to the index's
/// folder (the first one the header has is used).
pub const FILE_COLUMNS: &[&str] = &["file", "file_name", "filename", "path"];

/// An index larger than this is read as articles: it is held in memory.
const MAX_INDEX_BYTES: u64 = 256 << 20;

/// The indexes among `files` (all found under one folder given by the
/// user), and the metadata each gives to the plain-text and HTML files it
/// names.
pub(crate) fn find(files: &[PathBuf], cfg: &IngestConfig) -> (BTreeSet<PathBuf>, BTreeMap<PathBuf, FileMetadata>) {
    let mut indexes = BTreeSet::new();
    let mut metadata = BTreeMap::new();
    let texts: BTreeSet<&Path> = files
        .iter()
        .filter(|p| matches!(detect::detect_by_name(p), Some((InputFormat::Txt | InputFormat::Html, _))))
        .map(PathBuf::as_path)
        .collect();
    if texts.is_empty() {
        return (indexes, metadata);
    }
    for path in files {
        if !matches!(detect::detect_by_name(path), Some((InputFormat::Csv, _))) {
            continue;
        }
        let Some(rows) = read_index(path, cfg) else { continue };
        let dir = path.parent().unwrap_or(Path::new(""));
        let described: Vec<(PathBuf, Map<String, Value>)> = rows
            .into_iter()
            .filter_map(|(file, fields)| {
                let file = dir.join(file.trim_start_matches("./"));
                texts.contains(file.as_path()).then_some((file, fields))
            })
            .collect();
        if described.is_empty() {
            continue;
        }
        indexes.insert(path.clone());
        for (file, fields) in described {
            // Two indexes naming one file: the first (in path order) wins.
            metadata.entry(file).or_insert_with(|| Arc::new(fields));
        }
    }
    (indexes, metadata)
}

/// Fields of warta's output that an index column may not overwrite: such a
/// column travels on as `<name>_original` ("source", an outlet's name).
const RESERVED: &[&str] = &[
    "source", "text", "sentences", "tokens", "entities", "titles", "entity_summary", "removed", "repairs", "edits", "signals",
    "dateline", "lang_score", "duplicate_of",
];

/// Gives `article` (read from a file an index names) the index's fields.
pub(crate) fn apply(article: &mut warta_core::Article, fields: &Map<String, Value>) {
    for (name, value) in fields {
        let text = || value.as_str().map(str::to_string).unwrap_or_else(|| value.to_string());
        match name.as_str() {
            "id" => article.id = text(),
            "title" => article.title = Some(text()),
            "url" => article.url = Some(text()),
            "date" => article.date = Some(text()),
            "lang" => article.lang = Some(text()),
            reserved if RESERVED.contains(&reserved) => {
                article.extra.0.insert(format!("{reserved}_original"), value.clone());
            }
            other => {
                article.extra.0.insert(other.to_string(), value.clone());
            }
        }
    }
}

/// The rows of `path` as (file named, its other fields mapped to warta's
/// names), when the table is shaped as an index.
fn read_index(path: &Path, cfg: &IngestConfig) -> Option<Vec<(String, Map<String, Value>)>> {
    if std::fs::metadata(path).ok()?.len() > MAX_INDEX_BYTES {
        return None;
    }
    let handle = std::fs::File::open(path).ok()?;
    let input = stream::decompressed(handle).ok()?;
    let name = path.display().to_string();
    let (names, rows) = csv::read_table(input, csv::tsv_by_name(&name), cfg.max_record_bytes)?;
    let mapped = |field: &str| cfg.fields.get(field).map_or(field, String::as_str).to_string();
    if names.contains(&mapped("text")) || names.contains(&mapped("html")) {
        return None;
    }
    let file_column = FILE_COLUMNS.iter().find(|c| names.iter().any(|n| n == *c))?;
    Some(
        rows.into_iter()
            .filter_map(|mut row| {
                let Some(Value::String(file)) = row.remove(*file_column) else { return None };
                Some((file, crate::jsonl::prepare(row, &cfg.fields)))
            })
            .collect(),
    )
}
