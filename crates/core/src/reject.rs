use serde::{Deserialize, Serialize};

use crate::Source;

/// Why a record could not become an article. Every reject carries one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RejectReason {
    /// Bytes that are not UTF-8 and could not be transcoded with confidence.
    InvalidUtf8,
    /// A JSONL line that is not a JSON object.
    MalformedJson,
    /// A CSV row that cannot be read (a quoted field never closed).
    MalformedCsv,
    /// The text field is missing or not a string.
    MissingText,
    /// The text is empty or only whitespace (possibly after normalisation).
    EmptyText,
    /// The record is larger than the configured limit.
    TooLarge,
    /// A compressed stream ended early; records before the break were kept.
    TruncatedStream,
    /// The input looks like binary data, not text.
    Binary,
    /// A WARC record whose headers or length are broken.
    MalformedWarc,
    /// An HTML page from which no article text could be extracted.
    NoArticle,
    /// A file that could not be read at all.
    Unreadable,
    /// A record whose id clashes with an earlier one in the same run.
    DuplicateId,
    /// A stage took longer than the per-article time limit.
    Timeout,
    /// A stage failed on this record in a way it could not recover from.
    StageError,
}

impl RejectReason {
    pub fn as_str(self) -> &'static str {
        match self {
            RejectReason::InvalidUtf8 => "invalid_utf8",
            RejectReason::MalformedJson => "malformed_json",
            RejectReason::MalformedCsv => "malformed_csv",
            RejectReason::MissingText => "missing_text",
            RejectReason::EmptyText => "empty_text",
            RejectReason::TooLarge => "too_large",
            RejectReason::TruncatedStream => "truncated_stream",
            RejectReason::Binary => "binary",
            RejectReason::MalformedWarc => "malformed_warc",
            RejectReason::NoArticle => "no_article",
            RejectReason::Unreadable => "unreadable",
            RejectReason::DuplicateId => "duplicate_id",
            RejectReason::Timeout => "timeout",
            RejectReason::StageError => "stage_error",
        }
    }
}

impl std::fmt::Display for RejectReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A record set aside, with the reason and enough context to find it again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reject {
    pub source: Source,
    /// The record's id, when it was known before the record was rejected.
    pub id: Option<String>,
    /// The stage that rejected it (`ingest`, `normalize`, …).
    pub stage: String,
    pub reason: RejectReason,
    /// Human-readable detail: the parse error, the line number, the size.
    pub detail: String,
}

impl Reject {
    pub fn new(stage: &str, source: Source, reason: RejectReason, detail: impl Into<String>) -> Self {
        Reject { source, id: None, stage: stage.to_string(), reason, detail: detail.into() }
    }

    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }
}
