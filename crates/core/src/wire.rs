//! The JSONL wire form of [`Article`]: character offsets, stable field order,
//! unknown fields passed through.
//!
//! This is the one place where byte spans become character spans and back.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::text::CharIndex;
use crate::{
    Article, Duplicate, DuplicateKind, Entity, EntitySummary, Extra, Reject, RejectReason, Removal,
    Repair, Source, Span,
};

/// Fields that warta itself reads and writes; everything else goes to `extra`.
const KNOWN: &[&str] = &[
    "id", "source", "title", "text", "lang", "lang_score", "url", "date", "dateline", "sentences",
    "tokens", "entities", "titles", "entity_summary", "duplicate_of", "duplicate_kind",
    "similarity", "removed", "repairs", "edits", "signals",
];

#[derive(Serialize)]
struct SpanOut {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    start: usize,
    end: usize,
    label: &'a str,
    text: &'a str,
    score: f32,
}

#[derive(Serialize)]
struct SummaryOut<'a> {
    text: &'a str,
    label: &'a str,
    count: u32,
    first: usize,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    aliases: &'a [String],
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    id: &'a str,
    title: Option<&'a str>,
    text: &'a str,
    lang: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang_score: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dateline: Option<&'a str>,
    source: &'a Source,
    sentences: Vec<SpanOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tokens: Vec<SpanOut>,
    entities: Vec<EntityOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    titles: Vec<EntityOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    entity_summary: Vec<SummaryOut<'a>>,
    duplicate_of: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    duplicate_kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    similarity: Option<f32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    removed: &'a Vec<Removal>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    repairs: &'a Vec<Repair>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    edits: &'a BTreeMap<crate::Name, u64>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    signals: &'a BTreeMap<String, f64>,
    #[serde(flatten)]
    extra: &'a Map<String, Value>,
}

fn spans_out(ix: &mut CharIndex<'_>, spans: &[Span]) -> Vec<SpanOut> {
    spans
        .iter()
        .map(|s| SpanOut { start: ix.to_char(s.start).unwrap_or(0), end: ix.to_char(s.end).unwrap_or(0) })
        .collect()
}

fn entities_out<'a>(ix: &mut CharIndex<'_>, text: &'a str, ents: &'a [Entity]) -> Vec<EntityOut<'a>> {
    ents.iter()
        .map(|e| EntityOut {
            start: ix.to_char(e.span.start).unwrap_or(0),
            end: ix.to_char(e.span.end).unwrap_or(0),
            label: &e.label,
            text: text.get(e.span.start..e.span.end).unwrap_or(""),
            score: e.score,
        })
        .collect()
}

/// Why a record has no text, naming the fields it has, so that the
/// `--field text=NAME` to give is plain ("no `text` field; the record's
/// fields: `judul`, `isi`, `tanggal`").
fn missing_text_detail(map: &Map<String, Value>) -> String {
    const SHOWN: usize = 12;
    let mut names: Vec<String> = map.keys().take(SHOWN).map(|k| format!("`{k}`")).collect();
    if map.len() > SHOWN {
        names.push(format!("and {} more", map.len() - SHOWN));
    }
    if names.is_empty() {
        "no `text` field (the record has no fields)".into()
    } else {
        format!("no `text` field; the record's fields: {} (map one with --field text=NAME)", names.join(", "))
    }
}

/// Serialises an article as one JSON line (no trailing newline), spans in
/// character offsets.
pub fn to_json_line(a: &Article) -> String {
    let mut ix = CharIndex::new(&a.text);
    let out = ArticleOut {
        id: &a.id,
        title: a.title.as_deref(),
        text: &a.text,
        lang: a.lang.as_deref(),
        lang_score: a.lang_score,
        url: a.url.as_deref(),
        date: a.date.as_deref(),
        dateline: a.dateline.as_deref(),
        source: &a.source,
        sentences: spans_out(&mut ix, &a.sentences),
        tokens: spans_out(&mut ix, &a.tokens),
        entities: entities_out(&mut ix, &a.text, &a.entities),
        titles: entities_out(&mut ix, &a.text, &a.titles),
        entity_summary: a
            .entity_summary
            .iter()
            .map(|s| SummaryOut {
                text: &s.text,
                label: &s.label,
                count: s.count,
                first: ix.to_char(s.first).unwrap_or(0),
                aliases: &s.aliases,
            })
            .collect(),
        duplicate_of: a.duplicate.as_ref().map(|d| d.of.as_str()),
        duplicate_kind: a.duplicate.as_ref().map(|d| d.kind.as_str()),
        similarity: a.duplicate.as_ref().map(|d| d.similarity),
        removed: &a.removed,
        repairs: &a.repairs,
        edits: &a.edits,
        signals: &a.signals,
        extra: &a.extra.0,
    };
    serde_json::to_string(&out).expect("article serialisation cannot fail")
}

#[derive(Serialize)]
struct DuplicateOut<'a> {
    id: &'a str,
    duplicate_of: &'a str,
    kind: &'static str,
    similarity: f32,
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    source: &'a Source,
}

/// The `duplicates.jsonl` line for an article judged a duplicate.
pub fn to_duplicate_line(a: &Article) -> Option<String> {
    let d = a.duplicate.as_ref()?;
    let out = DuplicateOut {
        id: &a.id,
        duplicate_of: &d.of,
        kind: d.kind.as_str(),
        similarity: d.similarity,
        title: a.title.as_deref(),
        url: a.url.as_deref(),
        source: &a.source,
    };
    Some(serde_json::to_string(&out).expect("duplicate serialisation cannot fail"))
}

/// The `rejects.jsonl` line for a reject.
pub fn to_reject_line(r: &Reject) -> String {
    serde_json::to_string(r).expect("reject serialisation cannot fail")
}

type ParseError = (RejectReason, String);

fn malformed(msg: impl Into<String>) -> ParseError {
    (RejectReason::MalformedJson, msg.into())
}

/// Parses one JSONL line into an article.
pub fn from_json_line(line: &str) -> Result<Article, ParseError> {
    let value: Value = serde_json::from_str(line).map_err(|e| malformed(e.to_string()))?;
    match value {
        Value::Object(map) => from_json_object(map),
        other => Err(malformed(format!("expected a JSON object, found {}", kind_of(&other)))),
    }
}

/// How a JSON value is described in reject details ("a string", "an array").
pub fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn opt_string(map: &mut Map<String, Value>, key: &str) -> Option<String> {
    match map.remove(key) {
        Some(Value::String(s)) => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

/// Builds an article from a JSON object with warta's field names. The `id`
/// may be absent (ingestion derives one); `text` must be a string.
pub fn from_json_object(mut map: Map<String, Value>) -> Result<Article, ParseError> {
    let text = match map.remove("text") {
        Some(Value::String(s)) => s,
        Some(other) => {
            return Err((RejectReason::MissingText, format!("`text` is {}, not a string", kind_of(&other))))
        }
        None => return Err((RejectReason::MissingText, missing_text_detail(&map))),
    };
    set_aside_foreign_fields(&mut map);
    let mut a = Article { text, ..Default::default() };
    a.id = opt_string(&mut map, "id").unwrap_or_default();
    a.title = opt_string(&mut map, "title");
    a.lang = opt_string(&mut map, "lang");
    a.lang_score = map.remove("lang_score").and_then(|v| v.as_f64()).map(|f| f as f32);
    a.url = opt_string(&mut map, "url");
    a.date = opt_string(&mut map, "date");
    a.dateline = opt_string(&mut map, "dateline");
    if let Some(src) = map.remove("source") {
        match src {
            Value::Object(_) => {
                a.source = serde_json::from_value(src).map_err(|e| malformed(format!("`source`: {e}")))?
            }
            // `null` (other shapes were set aside above): kept for the user
            // under a name that cannot collide with warta's own `source`.
            other => {
                a.extra.0.insert("source_original".into(), other);
            }
        }
    }

    let mut ix = CharIndex::new(&a.text);
    a.sentences = spans_in(&mut ix, map.remove("sentences"), "sentences")?;
    a.tokens = spans_in(&mut ix, map.remove("tokens"), "tokens")?;
    a.entities = entities_in(&mut ix, map.remove("entities"), "entities")?;
    a.titles = entities_in(&mut ix, map.remove("titles"), "titles")?;
    if let Some(v) = map.remove("entity_summary") {
        if !v.is_null() {
            let raw: Vec<EntitySummary> =
                serde_json::from_value(v).map_err(|e| malformed(format!("`entity_summary`: {e}")))?;
            a.entity_summary = raw
                .into_iter()
                .map(|mut s| {
                    s.first = ix.to_byte(s.first).unwrap_or(0);
                    s
                })
                .collect();
        }
    }

    let dup_of = opt_string(&mut map, "duplicate_of");
    let dup_kind = opt_string(&mut map, "duplicate_kind");
    let similarity = map.remove("similarity").and_then(|v| v.as_f64());
    if let Some(of) = dup_of {
        let kind = match dup_kind.as_deref() {
            Some("near") => DuplicateKind::Near,
            _ => DuplicateKind::Exact,
        };
        a.duplicate = Some(Duplicate { of, kind, similarity: similarity.unwrap_or(1.0) as f32 });
    }
    a.removed = typed_list(map.remove("removed"), "removed")?;
    a.repairs = typed_list(map.remove("repairs"), "repairs")?;
    if let Some(v) = map.remove("edits") {
        a.edits = serde_json::from_value(v).unwrap_or_default();
    }
    if let Some(v) = map.remove("signals") {
        a.signals = serde_json::from_value(v).unwrap_or_default();
    }
    debug_assert!(KNOWN.iter().all(|k| !map.contains_key(*k)));
    for (k, v) in map {
        a.extra.0.insert(k, v);
    }
    Ok(a)
}

/// Moves fields that carry warta's names in another shape to
/// `<name>_original`, so they are kept rather than failing the record: a
/// `source` that is an outlet name rather than warta's provenance object, or
/// a dataset's gold `sentences` given as `[start, end]` pairs.
pub fn set_aside_foreign_fields(map: &mut Map<String, Value>) {
    for name in ["source", "sentences", "tokens", "entities", "titles", "entity_summary"] {
        let foreign = match map.get(name) {
            None | Some(Value::Null) => false,
            Some(Value::Object(_)) => name != "source",
            Some(Value::Array(items)) => name == "source" || !items.iter().all(is_span_object),
            Some(_) => true,
        };
        if foreign {
            if let Some(v) = map.remove(name) {
                map.insert(format!("{name}_original"), v);
            }
        }
    }
}

/// An object with integer `start` and `end`, as warta writes spans (or the
/// `first` offset of an entity-summary entry).
fn is_span_object(v: &Value) -> bool {
    v.get("start").is_some_and(Value::is_u64) && v.get("end").is_some_and(Value::is_u64)
        || v.get("first").is_some_and(Value::is_u64)
}

fn typed_list<T: serde::de::DeserializeOwned>(v: Option<Value>, what: &str) -> Result<Vec<T>, ParseError> {
    match v {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(v) => serde_json::from_value(v).map_err(|e| malformed(format!("`{what}`: {e}"))),
    }
}

fn char_span(ix: &mut CharIndex<'_>, obj: &Value, what: &str) -> Result<Span, ParseError> {
    let get = |k: &str| obj.get(k).and_then(Value::as_u64).map(|n| n as usize);
    let (Some(s), Some(e)) = (get("start"), get("end")) else {
        return Err(malformed(format!("`{what}`: span without integer start/end")));
    };
    match (ix.to_byte(s), ix.to_byte(e)) {
        (Some(bs), Some(be)) if bs <= be => Ok(Span::new(bs, be)),
        _ => Err(malformed(format!("`{what}`: span {s}..{e} is outside the text"))),
    }
}

fn spans_in(ix: &mut CharIndex<'_>, v: Option<Value>, what: &str) -> Result<Vec<Span>, ParseError> {
    match v {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items.iter().map(|o| char_span(ix, o, what)).collect(),
        Some(_) => Err(malformed(format!("`{what}` is not an array"))),
    }
}

fn entities_in(ix: &mut CharIndex<'_>, v: Option<Value>, what: &str) -> Result<Vec<Entity>, ParseError> {
    match v {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|o| {
                let span = char_span(ix, o, what)?;
                let label = o.get("label").and_then(Value::as_str).unwrap_or("MISC").to_string();
                let score = o.get("score").and_then(Value::as_f64).unwrap_or(1.0) as f32;
                Ok(Entity { span, label, score })
            })
            .collect(),
        Some(_) => Err(malformed(format!("`{what}` is not an array"))),
    }
}

/// Keeps `Extra` reachable for callers that build records by hand.
pub fn extra_from(map: Map<String, Value>) -> Extra {
    Extra(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_without_text_names_its_fields() {
        let err = from_json_line(r#"{"judul":"A","isi":"B","tanggal":"2024"}"#).unwrap_err();
        assert_eq!(err.0, RejectReason::MissingText);
        assert!(err.1.contains("`isi`, `judul`, `tanggal`") && err.1.contains("--field text=NAME"), "{}", err.1);
        let many: Map<String, Value> = (0..20).map(|i| (format!("f{i:02}"), Value::Null)).collect();
        assert!(missing_text_detail(&many).ends_with("`f11`, and 8 more (map one with --field text=NAME)"));
        assert_eq!(from_json_line("{}").unwrap_err().1, "no `text` field (the record has no fields)");
    }

    #[test]
    fn char_offsets_at_the_boundary_and_bytes_inside() {
        let mut a = Article::new("x", "“Ya.” Baik.");
        // “Ya.” is 7 bytes for 4 chars... the curly quotes are 3 bytes each.
        let first_end = "“Ya.”".len();
        a.sentences = vec![Span::new(0, first_end), Span::new(first_end + 1, a.text.len())];
        let line = to_json_line(&a);
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["sentences"][0]["end"], 5);
        assert_eq!(v["sentences"][1]["start"], 6);
        assert_eq!(v["sentences"][1]["end"], 11);
        let back = from_json_line(&line).unwrap();
        assert_eq!(back.sentences, a.sentences);
    }

    #[test]
    fn unknown_fields_pass_through_in_place() {
        let a = from_json_line(r#"{"id":"1","text":"a","category":"sport","n":[1,2]}"#).unwrap();
        let line = to_json_line(&a);
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["category"], "sport");
        assert_eq!(v["n"], serde_json::json!([1, 2]));
    }

    #[test]
    fn bad_records_say_why() {
        assert_eq!(from_json_line("{").unwrap_err().0, RejectReason::MalformedJson);
        assert_eq!(from_json_line("[1]").unwrap_err().0, RejectReason::MalformedJson);
        assert_eq!(from_json_line(r#"{"id":"1"}"#).unwrap_err().0, RejectReason::MissingText);
        assert_eq!(from_json_line(r#"{"text":5}"#).unwrap_err().0, RejectReason::MissingText);
        let err = from_json_line(r#"{"text":"ab","sentences":[{"start":0,"end":9}]}"#).unwrap_err();
        assert!(err.1.contains("outside"), "{}", err.1);
    }

    #[test]
    fn foreign_fields_named_like_warta_fields_are_kept_aside() {
        let a = from_json_line(r#"{"text":"Satu. Dua.","source":"detik.com","sentences":[[0,5],[6,10]]}"#).unwrap();
        assert!(a.sentences.is_empty());
        let line = to_json_line(&a);
        assert_eq!(line.matches("\"source\"").count(), 1, "{line}");
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["source_original"], "detik.com");
        assert_eq!(v["sentences_original"], serde_json::json!([[0, 5], [6, 10]]));
    }

    #[test]
    fn duplicate_marks_round_trip() {
        let mut a = Article::new("b", "teks");
        a.duplicate = Some(Duplicate { of: "a".into(), kind: DuplicateKind::Near, similarity: 0.9 });
        let back = from_json_line(&to_json_line(&a)).unwrap();
        assert_eq!(back.duplicate, a.duplicate);
        let plain = from_json_line(&to_json_line(&Article::new("c", "t"))).unwrap();
        assert_eq!(plain.duplicate, None);
    }
}
