use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into [`Article::text`].
///
/// Byte offsets are the internal currency; [`crate::wire`] converts them to
/// character offsets at JSON boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// The slice of `text` this span covers.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// Where a record came from, so that any output line can be traced back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Source {
    /// Path of the input file, `-` for standard input, or `archive.tar!member`.
    pub file: String,
    /// Zero-based index of the record inside the file.
    pub record: u64,
    /// Byte offset of the record in the (decompressed) stream, when known.
    pub offset: Option<u64>,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}#{}", self.file, self.record)
    }
}

/// A named entity found by the tagger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub span: Span,
    /// `PER`, `ORG`, `LOC` (and optionally `MISC`).
    pub label: String,
    /// Confidence in `[0, 1]`.
    pub score: f32,
}

/// One distinct entity of an article: its surface form, label, how often it
/// occurs and where it first occurs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntitySummary {
    pub text: String,
    pub label: String,
    /// Mentions of the entity, under `text` or one of its `aliases`.
    pub count: u32,
    /// Byte offset of the first mention.
    pub first: usize,
    /// Other forms the article names the same entity by, counted in
    /// `count`, in order of first mention: a part of a person's name ("Li"
    /// for "Li Qiang"), an acronym given in brackets after the name.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// Why a record was set aside as a duplicate, and of what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Duplicate {
    /// Id of the article that is kept in its place.
    pub of: String,
    pub kind: DuplicateKind,
    /// Estimated or exact Jaccard similarity to `of` (1.0 for exact copies).
    pub similarity: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateKind {
    /// Same normalised text.
    Exact,
    /// MinHash candidate verified above the similarity threshold.
    Near,
}

impl DuplicateKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DuplicateKind::Exact => "exact",
            DuplicateKind::Near => "near",
        }
    }
}

/// A machine-readable name: a stage, a removal reason, a repair or edit
/// kind. Borrowed from the code that records it (no allocation per article),
/// owned when read back from a file; either way it reads and serialises as
/// a string.
pub type Name = std::borrow::Cow<'static, str>;

/// A piece of text a stage took out of the article, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removal {
    pub stage: Name,
    /// Machine-readable reason, e.g. `boilerplate:baca_juga`, `repeated_sentence`.
    pub reason: Name,
    pub text: String,
}

/// A repair a stage made to the text (a spurious full stop taken out, mojibake
/// undone, a split prefix joined), recorded so that every change is auditable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repair {
    pub stage: Name,
    pub kind: Name,
    pub before: String,
    pub after: String,
}

/// Fields of an input record that warta does not know, passed through unchanged.
///
/// Kept as a JSON object; in the bincode form it travels as a JSON string,
/// because bincode cannot carry self-describing values.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extra(pub serde_json::Map<String, serde_json::Value>);

impl Serialize for Extra {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let json = serde_json::to_string(&self.0).map_err(serde::ser::Error::custom)?;
        s.serialize_str(&json)
    }
}

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let json = String::deserialize(d)?;
        serde_json::from_str(&json).map(Extra).map_err(serde::de::Error::custom)
    }
}

/// The one record type that flows through all stages, gaining fields on the way.
///
/// Invariants (checked by `warta-core`'s tests and relied on by every stage):
/// - every span lies on `char` boundaries of `text`;
/// - `sentences` are sorted, non-overlapping;
/// - `tokens` lie inside sentences; `entities` lie on token boundaries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Article {
    pub id: String,
    pub source: Source,
    pub title: Option<String>,
    pub text: String,
    /// ISO 639-1 code (`id`, `en`, `ms`, …) or `unknown`.
    pub lang: Option<String>,
    /// Confidence of the language identification, when the stage computed it.
    pub lang_score: Option<f32>,
    pub url: Option<String>,
    pub date: Option<String>,
    /// Leading dateline taken off the text ("JAKARTA, KOMPAS.com -").
    pub dateline: Option<String>,
    pub sentences: Vec<Span>,
    /// Word tokens; filled by segmentation, not written to `articles.jsonl`
    /// unless asked for.
    pub tokens: Vec<Span>,
    pub entities: Vec<Entity>,
    /// Person titles and roles ("Presiden", "Menteri Luar Negeri"), tagged
    /// apart from the entities they precede.
    pub titles: Vec<Entity>,
    /// Unique entities with their counts, for news analytics.
    pub entity_summary: Vec<EntitySummary>,
    pub duplicate: Option<Duplicate>,
    pub removed: Vec<Removal>,
    pub repairs: Vec<Repair>,
    /// Count of changes per kind (`nfc`, `invisible_removed`, `mojibake`, …).
    pub edits: BTreeMap<Name, u64>,
    /// Numeric per-article signals (ratios, scores) for downstream filtering.
    pub signals: BTreeMap<String, f64>,
    pub extra: Extra,
}

impl Article {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Article { id: id.into(), text: text.into(), ..Default::default() }
    }

    /// The language code, treating a missing language as `unknown`.
    pub fn lang_code(&self) -> &str {
        self.lang.as_deref().unwrap_or("unknown")
    }

    /// Adds `n` to the edit counter `kind` (no entry is created for zero).
    /// A `&'static str` kind is stored without allocating.
    pub fn count_edit(&mut self, kind: impl Into<Name>, n: u64) {
        if n == 0 {
            return;
        }
        *self.edits.entry(kind.into()).or_default() += n;
    }

    pub fn record_removal(&mut self, stage: impl Into<Name>, reason: impl Into<Name>, text: impl Into<String>) {
        self.removed.push(Removal { stage: stage.into(), reason: reason.into(), text: text.into() });
    }

    pub fn record_repair(&mut self, stage: impl Into<Name>, kind: impl Into<Name>, before: impl Into<String>, after: impl Into<String>) {
        self.repairs.push(Repair { stage: stage.into(), kind: kind.into(), before: before.into(), after: after.into() });
    }

    /// Replaces the text. Every span computed on the old text is dropped,
    /// because it no longer means anything: stages that rewrite text run
    /// before the stages that produce spans, or recompute them.
    pub fn replace_text(&mut self, text: String) {
        if text != self.text {
            self.text = text;
            self.sentences.clear();
            self.tokens.clear();
            self.entities.clear();
            self.titles.clear();
            self.entity_summary.clear();
        }
    }

    pub fn sentence_texts(&self) -> impl Iterator<Item = &str> {
        self.sentences.iter().map(move |s| s.slice(&self.text))
    }
}
