//! JSONL: one JSON object per line, field names mapped to warta's.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::ops::ControlFlow;

use serde_json::{Map, Value};
use warta_core::lines::{Line, LineReader};
use warta_core::{wire, RejectReason};

use crate::{decode, Ctx, Record};

/// True when the first non-blank byte (after a UTF-8 BOM) opens a JSON object.
fn opens_like_json(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// Reads every line of a decompressed JSONL stream. Blank lines are not
/// records; every other line becomes one article or one reject.
pub(crate) fn read(ctx: &Ctx<'_>, mut input: Box<dyn BufRead + '_>, emit: &mut dyn FnMut(Record) -> ControlFlow<()>) -> ControlFlow<()> {
    // A binary file is one reject, not a reject per "line" of noise. A file
    // that opens like JSONL is read line by line whatever follows, so valid
    // records before a damaged stretch are never lost with it.
    match input.fill_buf() {
        Ok(head) if !opens_like_json(head) && decode::looks_binary(&head[..head.len().min(8192)]) => {
            let detail = "binary data, not JSONL (line 1)".to_string();
            return emit(Record::Reject(ctx.reject(0, Some(0), RejectReason::Binary, detail)));
        }
        _ => {}
    }
    let mut lines = LineReader::new(input, ctx.cfg.max_record_bytes);
    let mut record: u64 = 0;
    loop {
        let line = match lines.next_line() {
            Ok(Some(line)) => line,
            Ok(None) => break,
            Err(b) => {
                let place = if b.partial > 0 {
                    format!("in line {} ({} bytes of it were read and dropped)", b.line, b.partial)
                } else {
                    format!("after line {}", b.line - 1)
                };
                let detail = format!(
                    "the stream broke at decompressed byte {} {place}: {}; the {record} records before were kept",
                    b.at, b.error
                );
                return emit(Record::Reject(ctx.reject(record, Some(b.at), RejectReason::TruncatedStream, detail)));
            }
        };
        if !line.too_long && line.bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        emit(parse_line(ctx, &line, record))?;
        record += 1;
    }
    if record == 0 {
        let detail = "empty file: no JSON records".to_string();
        return emit(Record::Reject(ctx.reject(0, Some(0), RejectReason::EmptyText, detail)));
    }
    ControlFlow::Continue(())
}

fn parse_line(ctx: &Ctx<'_>, line: &Line<'_>, record: u64) -> Record {
    let place = format!("line {}", line.number);
    let offset = Some(line.offset);
    let reject = |reason, detail: String| Record::Reject(ctx.reject(record, offset, reason, detail));
    if line.too_long {
        return reject(
            RejectReason::TooLarge,
            format!("{place}: record of {} bytes, over the limit of {} bytes", line.len, ctx.cfg.max_record_bytes),
        );
    }
    let mut edits = BTreeMap::new();
    let parsed = match std::str::from_utf8(line.bytes) {
        Ok(text) => serde_json::from_str::<Value>(text),
        Err(_) => match ctx.accept_text(decode::decode(line.bytes.to_vec(), None), &mut edits, &place) {
            Ok(text) => serde_json::from_str::<Value>(&text),
            Err((reason, detail)) => return reject(reason, detail),
        },
    };
    let map = match parsed {
        Ok(Value::Object(map)) => map,
        Ok(other) => return reject(RejectReason::MalformedJson, format!("{place}: expected a JSON object, found {}", wire::kind_of(&other))),
        Err(e) => return reject(RejectReason::MalformedJson, format!("{place}: {e}")),
    };
    record_from_object(ctx, map, edits, record, offset, &place)
}

/// The record an input object becomes (a JSONL line, a CSV row): its
/// fields mapped to warta's, then an article with the input's decoding
/// edits, or a reject naming `place`.
pub(crate) fn record_from_object(
    ctx: &Ctx<'_>,
    map: Map<String, Value>,
    edits: BTreeMap<warta_core::Name, u64>,
    record: u64,
    offset: Option<u64>,
    place: &str,
) -> Record {
    let mut map = prepare(map, &ctx.cfg.fields);
    let mut edits = edits;
    if let Err((reason, detail)) = extract_html_field(ctx, &mut map, &mut edits) {
        let reject = ctx.reject(record, offset, reason, format!("{place}: {detail}"));
        return Record::Reject(match map.get("id") {
            Some(Value::String(id)) => reject.with_id(id),
            Some(Value::Number(id)) => reject.with_id(id.to_string()),
            _ => reject,
        });
    }
    match wire::from_json_object(map) {
        Ok(mut article) => {
            for (k, v) in edits {
                article.count_edit(k, v);
            }
            ctx.finish(article, record, offset, place)
        }
        Err((reason, detail)) => Record::Reject(ctx.reject(record, offset, reason, format!("{place}: {detail}"))),
    }
}


/// A record that carries a whole HTML page in `html` (a crawl export, or
/// `--field html=content`) and no text: the page's article, found by the
/// run's extractor as for an HTML file, becomes its text, and the page's
/// title, language, date and URL fill the fields the record leaves empty.
/// The page itself is not carried on. A record with a text keeps it (and
/// its `html`, as any other field).
fn extract_html_field(ctx: &Ctx<'_>, map: &mut Map<String, Value>, edits: &mut BTreeMap<warta_core::Name, u64>) -> Result<(), (RejectReason, String)> {
    let has_text = match map.get("text") {
        None | Some(Value::Null) => false,
        Some(Value::String(t)) => !t.trim().is_empty(),
        Some(_) => true,
    };
    if has_text || !matches!(map.get("html"), Some(Value::String(_))) {
        return Ok(());
    }
    let Some(Value::String(html)) = map.remove("html") else { return Ok(()) };
    let url = map.get("url").and_then(Value::as_str);
    let found = crate::html::extract_article(ctx.extractor, &html, url).map_err(|(reason, detail)| (reason, format!("the html field: {detail}")))?;
    map.insert("text".into(), Value::String(found.text));
    let mut fill = |key: &str, value: Option<String>| {
        let empty = matches!(map.get(key), None | Some(Value::Null));
        if let (true, Some(value)) = (empty, value) {
            map.insert(key.into(), Value::String(value));
        }
    };
    fill("title", found.title);
    fill("lang", found.lang);
    fill("date", found.date);
    fill("url", found.url);
    *edits.entry("html_extracted".into()).or_default() += 1;
    for (kind, n) in found.edits {
        *edits.entry(kind.into()).or_default() += n;
    }
    Ok(())
}

/// Maps an input object to warta's field names, then sets aside fields
/// that carry warta's names in another shape, so they are kept rather than
/// failing the record: a `source` that is an outlet name rather than
/// warta's provenance object, or gold `sentences` given as `[start, end]`
/// pairs. They travel on as `<name>_original`.
pub(crate) fn prepare(map: Map<String, Value>, fields: &BTreeMap<String, String>) -> Map<String, Value> {
    let mut map = apply_mapping(map, fields);
    wire::set_aside_foreign_fields(&mut map);
    map
}

/// Renames input fields to warta's names (`text` <- `body`). A field already
/// present under the warta name is kept as `<name>_original`, not lost.
pub(crate) fn apply_mapping(mut map: Map<String, Value>, fields: &BTreeMap<String, String>) -> Map<String, Value> {
    for (warta, input) in fields {
        if warta == input {
            continue;
        }
        if let Some(value) = take_field(&mut map, input) {
            if let Some(old) = map.remove(warta) {
                map.insert(format!("{warta}_original"), old);
            }
            map.insert(warta.clone(), value);
        }
    }
    map
}

/// Removes `name` from the object; a dotted name (`meta.url`) that is not a
/// key itself reaches into nested objects.
fn take_field(map: &mut Map<String, Value>, name: &str) -> Option<Value> {
    if let Some(v) = map.remove(name) {
        return Some(v);
    }
    let (head, rest) = name.split_once('.')?;
    match map.get_mut(head) {
        Some(Value::Object(inner)) => take_field(inner, rest),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn foreign_shapes_of_warta_fields_are_set_aside() {
        let Value::Object(map) = json!({"text": "a b", "source": "detik.com", "sentences": [[0, 1], [2, 3]]}) else {
            unreachable!()
        };
        let out = prepare(map, &BTreeMap::new());
        assert_eq!(out["source_original"], "detik.com");
        assert_eq!(out["sentences_original"], json!([[0, 1], [2, 3]]));
        assert!(!out.contains_key("source") && !out.contains_key("sentences"));
        let Value::Object(map) = json!({"text": "a b", "source": {"file": "x", "record": 1}, "sentences": [{"start": 0, "end": 1}]})
        else {
            unreachable!()
        };
        let out = prepare(map, &BTreeMap::new());
        assert!(out.contains_key("source") && out.contains_key("sentences"), "warta's own shapes stay");
    }

    #[test]
    fn mapping_renames_and_keeps_clashing_fields() {
        let map = json!({"body": "isi", "text": "lain", "meta": {"link": "http://x"}});
        let Value::Object(map) = map else { unreachable!() };
        let fields: BTreeMap<String, String> =
            [("text".into(), "body".into()), ("url".into(), "meta.link".into())].into_iter().collect();
        let out = apply_mapping(map, &fields);
        assert_eq!(out["text"], "isi");
        assert_eq!(out["text_original"], "lain");
        assert_eq!(out["url"], "http://x");
        assert_eq!(out["meta"], json!({}));
    }
}
