//! warta's ingestion: the only crate that knows files and formats.
//!
//! [`plan`] expands the paths a user gave (files, directories walked
//! recursively in sorted order, `-` for standard input) into an ordered list
//! of [`InputFile`]s; [`read_file`] streams one of them into [`Record`]s, each
//! an article or a reject with its reason. Every input record becomes exactly
//! one `Record`, so the pipeline can account for all of them. Threads and
//! channels are the pipeline's business, not this crate's.
//!
//! Formats: plain-text articles (`.txt`, title on the first line), JSONL
//! (`.jsonl`, `.gz`, `.zst`, standard input), tar archives of text files
//! (`.tar`, `.tar.gz`, `.tgz`), WARC (`.warc`, `.warc.gz`) and HTML pages
//! (`.html`, `.html.gz`), whose article is found by an [`html::Extractor`].
//! Compression is recognised by magic bytes, whatever the extension says.
//!
//! Parquet (`.parquet`, feature `parquet`, on by default) is read row by row
//! without Arrow; CSV and TSV (`.csv`, `.tsv`) row by row with their header's
//! names as fields.
//!
//! Memory is bounded: a record is never held beyond
//! [`IngestConfig::max_record_bytes`]; a longer one is skipped and rejected.
//!
//! Bad input never stops a run; each case is one reject:
//!
//! | input | reason |
//! |---|---|
//! | bytes that are neither UTF-8 nor a detectable legacy encoding, above [`IngestConfig::max_replacement_ratio`] | `invalid_utf8` (legacy encodings are transcoded and counted in `edits` as `transcoded_from:<encoding>`) |
//! | a JSONL line that is not a JSON object | `malformed_json`, with its line number |
//! | a CSV quoted field never closed | `malformed_csv`, with its line number |
//! | no `text` field / an empty text | `missing_text` / `empty_text` |
//! | a gzip, zstd, tar or Parquet stream cut short | `truncated_stream`, naming where; records before it are kept |
//! | a WARC record with broken headers or a wrong Content-Length | `malformed_warc`; reading resumes at the next record |
//! | an empty file / a binary file | `empty_text` / `binary` |
//! | a record over the size limit | `too_large` |
//! | an HTML page (or WARC response) without an article, a non-HTML or failed response | `no_article` |

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;

use warta_core::{Article, Error, Reject, RejectReason, Source};

pub mod decode;
pub mod html;
mod csv;
mod detect;
mod index;
mod jsonl;
mod stream;
mod tar;
#[cfg(feature = "parquet")]
mod parquet;
mod txt;
mod warc;

pub use detect::{detect_by_name, sniff_format};
pub use index::FILE_COLUMNS;
pub use stream::sniff_compression;

/// The stage name written into rejects.
pub const STAGE: &str = "ingest";

/// Ingestion settings; every field has a default, so a manifest may set any subset.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct IngestConfig {
    /// warta field -> input field name (`--field text=body`). Dotted names
    /// (`meta.url`) reach into nested objects.
    pub fields: BTreeMap<String, String>,
    /// A record larger than this (in bytes, decompressed) becomes a
    /// `too_large` reject; it is skipped, never held in memory.
    pub max_record_bytes: usize,
    /// Overrides detection by extension and magic bytes.
    pub input_format: Option<InputFormat>,
    /// Language set on records that carry none (`--lang`).
    pub default_lang: Option<String>,
    /// Largest share of U+FFFD replacement characters tolerated when text
    /// that is neither UTF-8 nor a detectable legacy encoding is decoded
    /// lossily; above it the record is rejected as `invalid_utf8`.
    pub max_replacement_ratio: f64,
}

impl Default for IngestConfig {
    fn default() -> Self {
        IngestConfig {
            fields: BTreeMap::new(),
            max_record_bytes: 16 << 20,
            input_format: None,
            default_lang: None,
            max_replacement_ratio: 0.02,
        }
    }
}

impl IngestConfig {
    /// Parses one `--field warta=input` argument into the mapping.
    pub fn add_field_mapping(&mut self, arg: &str) -> Result<(), Error> {
        match arg.split_once('=') {
            Some((warta, input)) if !warta.trim().is_empty() && !input.trim().is_empty() => {
                self.fields.insert(warta.trim().to_string(), input.trim().to_string());
                Ok(())
            }
            _ => Err(Error::Config(format!("--field expects WARTA_FIELD=INPUT_FIELD, got `{arg}`"))),
        }
    }
}

/// An input format, from the extension, the magic bytes or `--input-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// One article per file: title line, then one paragraph a line.
    #[serde(alias = "text")]
    Txt,
    /// One JSON object per line.
    #[serde(alias = "json", alias = "ndjson")]
    Jsonl,
    /// A tar archive of `.txt` articles (and of JSONL and HTML files).
    Tar,
    /// Web ARChive: `response` records holding HTML pages.
    Warc,
    /// One HTML page per file; the article is extracted from it.
    #[serde(alias = "htm")]
    Html,
    /// Apache Parquet: one row per record, columns mapped like JSONL fields.
    /// Read only when warta-ingest is built with the `parquet` feature.
    Parquet,
    /// CSV or TSV: a header of field names, then one record per row,
    /// columns mapped like JSONL fields.
    #[serde(alias = "tsv")]
    Csv,
}

impl InputFormat {
    pub const ALL: &'static [InputFormat] =
        &[InputFormat::Txt, InputFormat::Jsonl, InputFormat::Tar, InputFormat::Warc, InputFormat::Html, InputFormat::Parquet, InputFormat::Csv];

    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Txt => "txt",
            InputFormat::Jsonl => "jsonl",
            InputFormat::Tar => "tar",
            InputFormat::Warc => "warc",
            InputFormat::Html => "html",
            InputFormat::Parquet => "parquet",
            InputFormat::Csv => "csv",
        }
    }
}

impl std::fmt::Display for InputFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for InputFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim().to_ascii_lowercase();
        let alias = match s.as_str() {
            "text" => "txt",
            "json" | "ndjson" => "jsonl",
            "htm" => "html",
            "tsv" => "csv",
            other => other,
        };
        InputFormat::ALL.iter().copied().find(|f| f.as_str() == alias).ok_or_else(|| {
            let names: Vec<&str> = InputFormat::ALL.iter().map(|f| f.as_str()).collect();
            format!("unknown input format `{s}` (expected one of: {})", names.join(", "))
        })
    }
}

/// Compression of an input file, as its name announces it. The reader
/// trusts the magic bytes over this when they disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

/// One file to read, in the order the run reads them.
#[derive(Debug, Clone, PartialEq)]
pub struct InputFile {
    /// The path as given or as found under a given directory; `-` is stdin.
    pub path: PathBuf,
    pub format: InputFormat,
    pub compression: Compression,
    /// Size on disk in bytes, when known (not for stdin).
    pub size: Option<u64>,
    /// Fields a sidecar index in the file's folder gives its article (see
    /// [`plan`]); only plain-text and HTML files have them.
    pub metadata: Option<FileMetadata>,
}

/// The fields a sidecar index gives one file, by warta's names.
pub type FileMetadata = std::sync::Arc<serde_json::Map<String, serde_json::Value>>;

impl InputFile {
    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }
}

/// What one input record became.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // records move once, through a channel
pub enum Record {
    Article(Article),
    Reject(Reject),
}

/// Expands files and directories (recursively, sorted by path so the order
/// is deterministic) into input files; `-` means standard input (JSONL unless
/// overridden). A missing path is an error naming it. Files of unknown type
/// inside directories are skipped; an explicitly named file of unknown type
/// is identified by its magic bytes. A CSV or TSV file inside a directory
/// that describes the directory's `.txt` or `.html` files rather than holding articles
/// (a sidecar index: a file column, no text column) is no input; its rows
/// become the [`InputFile::metadata`] of the files they name.
pub fn plan(inputs: &[PathBuf], cfg: &IngestConfig) -> Result<Vec<InputFile>, Error> {
    let mut out = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            out.push(InputFile {
                path: input.clone(),
                format: cfg.input_format.unwrap_or(InputFormat::Jsonl),
                compression: Compression::None,
                size: None,
                metadata: None,
            });
            continue;
        }
        let meta = std::fs::metadata(input).map_err(|e| Error::io(input, e))?;
        if meta.is_dir() {
            let mut files = Vec::new();
            walk(input, &mut files)?;
            files.sort();
            let (indexes, mut metadata) =
                if cfg.input_format.is_none() { index::find(&files, cfg) } else { Default::default() };
            for path in files {
                if indexes.contains(&path) {
                    continue;
                }
                if let Some((format, compression)) = detect_by_name(&path) {
                    let size = std::fs::metadata(&path).ok().map(|m| m.len());
                    let format = cfg.input_format.unwrap_or(format);
                    let metadata = metadata.remove(&path);
                    out.push(InputFile { path, format, compression, size, metadata });
                }
            }
        } else {
            let (format, compression) = match detect_by_name(input) {
                Some(found) => found,
                None => detect::sniff_file(input).map_err(|e| Error::io(input, e))?,
            };
            out.push(InputFile {
                path: input.clone(),
                format: cfg.input_format.unwrap_or(format),
                compression,
                size: Some(meta.len()),
                metadata: None,
            });
        }
    }
    Ok(out)
}

/// Collects the regular files under `dir`, following the directory tree
/// (symbolic links to files are followed, to directories are not, so a link
/// cycle cannot loop).
fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| Error::io(&path, e))?;
        if kind.is_dir() {
            walk(&path, files)?;
        } else if kind.is_file() || (kind.is_symlink() && path.is_file()) {
            files.push(path);
        }
    }
    Ok(())
}

/// Reads one input file, calling `emit` for each record in order; stops
/// early when `emit` returns `ControlFlow::Break`. `bytes_read` grows by the
/// bytes consumed from the file as stored (compressed), for a progress bar.
///
/// Returns `Err` only when the file cannot be opened at all; everything
/// wrong inside it becomes a [`Record::Reject`].
pub fn read_file(
    file: &InputFile,
    cfg: &IngestConfig,
    bytes_read: &AtomicU64,
    emit: &mut dyn FnMut(Record) -> ControlFlow<()>,
) -> Result<(), Error> {
    read_file_with(file, cfg, &html::DEFAULT_EXTRACTOR, bytes_read, emit)
}

/// [`read_file`] with another main-content [`html::Extractor`] for HTML
/// pages and WARC responses.
pub fn read_file_with(
    file: &InputFile,
    cfg: &IngestConfig,
    extractor: &dyn html::Extractor,
    bytes_read: &AtomicU64,
    emit: &mut dyn FnMut(Record) -> ControlFlow<()>,
) -> Result<(), Error> {
    let ctx = Ctx::new(file, cfg, extractor);
    if file.is_stdin() {
        let stdin = std::io::stdin();
        let raw = stream::Counting::new(stdin.lock(), bytes_read);
        return read_stream(file.format, &ctx, raw, emit);
    }
    let handle = std::fs::File::open(&file.path).map_err(|e| Error::io(&file.path, e))?;
    if handle.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(Error::io(&file.path, std::io::Error::other("is a directory")));
    }
    if file.format == InputFormat::Parquet {
        // Parquet needs random access (its index is at the end): no stream.
        // The parquet crate can panic on a damaged file: contain it.
        #[cfg(feature = "parquet")]
        if let Err(panic) = warta_core::contain::contained(|| parquet::read(&ctx, handle, bytes_read, emit)) {
            let detail = format!(
                "the Parquet reader failed on damaged data ({}); rows before the damage were kept",
                warta_core::contain::message(&*panic)
            );
            let _ = emit(Record::Reject(ctx.reject(0, None, RejectReason::TruncatedStream, detail)));
        }
        #[cfg(not(feature = "parquet"))]
        let _ = emit(Record::Reject(ctx.reject(0, None, RejectReason::Unreadable, PARQUET_MISSING)));
        return Ok(());
    }
    read_stream(file.format, &ctx, stream::Counting::new(handle, bytes_read), emit)
}

/// Reads records of `format` from any byte stream (possibly compressed),
/// naming them `name` in their sources: for callers that hold the bytes
/// already (a network stream, a test).
pub fn read_from(
    reader: impl std::io::Read,
    name: &str,
    format: InputFormat,
    cfg: &IngestConfig,
    emit: &mut dyn FnMut(Record) -> ControlFlow<()>,
) -> Result<(), Error> {
    let file = InputFile { path: PathBuf::from(name), format, compression: Compression::None, size: None, metadata: None };
    read_stream(format, &Ctx::new(&file, cfg, &html::DEFAULT_EXTRACTOR), reader, emit)
}

/// Reads records of `format` from a raw (possibly compressed) stream.
fn read_stream(
    format: InputFormat,
    ctx: &Ctx<'_>,
    raw: impl std::io::Read,
    emit: &mut dyn FnMut(Record) -> ControlFlow<()>,
) -> Result<(), Error> {
    let mut input = match stream::decompressed(raw) {
        Ok(r) => r,
        Err(e) => {
            let _ = emit(Record::Reject(ctx.reject(0, Some(0), RejectReason::Unreadable, format!("cannot read: {e}"))));
            return Ok(());
        }
    };
    let _ = match format {
        InputFormat::Txt => txt::read(ctx, &mut input, emit),
        InputFormat::Jsonl => jsonl::read(ctx, input, emit),
        InputFormat::Tar => tar::read(ctx, input, emit),
        InputFormat::Warc => warc::read(ctx, input, ctx.extractor, emit),
        InputFormat::Html => html::read(ctx, &mut input, ctx.extractor, emit),
        InputFormat::Csv => csv::read(ctx, input, csv::tsv_by_name(&ctx.name), emit),
        InputFormat::Parquet => {
            emit(Record::Reject(ctx.reject(0, None, RejectReason::Unreadable, "Parquet cannot be read from a stream (standard input); name the file")))
        }
    };
    Ok(())
}

#[cfg(not(feature = "parquet"))]
const PARQUET_MISSING: &str = "this build of warta reads no Parquet: rebuild with the `parquet` feature of warta-ingest";

/// Per-file context shared by the format readers: names, config and the
/// construction of sources, rejects and finished articles.
pub(crate) struct Ctx<'a> {
    pub cfg: &'a IngestConfig,
    pub extractor: &'a dyn html::Extractor,
    /// The path as given, for `Source::file`.
    pub name: String,
    /// File name without directory and known extensions, for derived ids.
    pub stem: String,
    /// The file's fields from a sidecar index.
    pub metadata: Option<FileMetadata>,
}

impl<'a> Ctx<'a> {
    fn new(file: &InputFile, cfg: &'a IngestConfig, extractor: &'a dyn html::Extractor) -> Self {
        let name = if file.is_stdin() { "-".to_string() } else { file.path.display().to_string() };
        let stem = if file.is_stdin() { "stdin".to_string() } else { detect::base_stem(&file.path) };
        Ctx { cfg, extractor, name, stem, metadata: file.metadata.clone() }
    }

    /// A context for a member of an archive: `archive.tar!member.txt`.
    pub(crate) fn member(&self, member: &str) -> Ctx<'a> {
        Ctx {
            cfg: self.cfg,
            extractor: self.extractor,
            name: format!("{}!{member}", self.name),
            stem: detect::base_stem(Path::new(member)),
            metadata: None,
        }
    }

    /// The id of the one article a file holds (a `.txt` article, an HTML
    /// page): its sidecar index's id, else the file's stem.
    pub(crate) fn file_id(&self) -> &str {
        self.metadata.as_deref().and_then(|m| m.get("id")).and_then(serde_json::Value::as_str).unwrap_or(&self.stem)
    }

    pub(crate) fn source(&self, record: u64, offset: Option<u64>) -> Source {
        Source { file: self.name.clone(), record, offset }
    }

    pub(crate) fn reject(&self, record: u64, offset: Option<u64>, reason: RejectReason, detail: impl Into<String>) -> Reject {
        Reject::new(STAGE, self.source(record, offset), reason, detail)
    }

    /// Final checks and defaults shared by every format: a non-empty text,
    /// the default language, an id (derived when the input has none).
    pub(crate) fn finish(&self, mut a: Article, record: u64, offset: Option<u64>, place: &str) -> Record {
        a.source = self.source(record, offset);
        if a.id.trim().is_empty() {
            a.id = match a.url.as_deref().filter(|u| !u.trim().is_empty()) {
                Some(url) => url_id(url),
                None => format!("{}-{record}", self.stem),
            };
        }
        if a.text.trim().is_empty() {
            let detail = format!("{place}: the text is empty");
            return Record::Reject(Reject::new(STAGE, a.source, RejectReason::EmptyText, detail).with_id(a.id));
        }
        if a.lang.as_deref().is_none_or(|l| l.trim().is_empty()) {
            a.lang = self.cfg.default_lang.clone();
        }
        Record::Article(a)
    }

    /// Turns decoded bytes into text, recording a transcoding or lossy
    /// decoding on the article's edit counters, or a reason to reject.
    pub(crate) fn accept_text(
        &self,
        decoded: decode::Decoded,
        edits: &mut BTreeMap<warta_core::Name, u64>,
        place: &str,
    ) -> Result<String, (RejectReason, String)> {
        match decoded {
            decode::Decoded::Utf8(text) => Ok(text),
            decode::Decoded::Transcoded { text, encoding } => {
                *edits.entry(format!("transcoded_from:{}", encoding.to_ascii_lowercase()).into()).or_default() += 1;
                Ok(text)
            }
            decode::Decoded::Lossy { text, replacements, chars } => {
                let ratio = replacements as f64 / chars.max(1) as f64;
                if ratio > self.cfg.max_replacement_ratio {
                    return Err((
                        RejectReason::InvalidUtf8,
                        format!(
                            "{place}: not valid UTF-8 and no legacy encoding fits; {replacements} of {chars} characters ({:.1}%) would be replaced, over the limit of {:.1}%",
                            ratio * 100.0,
                            self.cfg.max_replacement_ratio * 100.0
                        ),
                    ));
                }
                *edits.entry("invalid_utf8_replaced".into()).or_default() += replacements as u64;
                Ok(text)
            }
        }
    }
}

/// A stable id for a record known only by its URL.
pub(crate) fn url_id(url: &str) -> String {
    format!("url-{:016x}", xxhash_rust::xxh3::xxh3_64(url.trim().as_bytes()))
}

/// Reads every record of every file in `files` into a vector, in order.
/// Convenient for tests and small inputs; the pipeline streams instead.
pub fn read_all(files: &[InputFile], cfg: &IngestConfig) -> Result<Vec<Record>, Error> {
    let counter = AtomicU64::new(0);
    let mut out = Vec::new();
    for file in files {
        read_file(file, cfg, &counter, &mut |r| {
            out.push(r);
            ControlFlow::Continue(())
        })?;
    }
    Ok(out)
}
