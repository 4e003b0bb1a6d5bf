//! WARC files (`.warc`, `.warc.gz`, as in Common Crawl's CC-NEWS): every
//! `response` (or `resource`) record is one input record. HTML payloads go
//! through the extractor; other payloads, failed HTTP statuses and broken
//! records become rejects. `warcinfo`, `request` and `metadata` records are
//! not articles and are passed over.
//!
//! A record with broken headers or a Content-Length that does not land on
//! the record's end is rejected, and reading resumes at the next line that
//! starts a WARC record.

use std::io::{self, BufRead, Read};
use std::ops::ControlFlow;

use serde_json::Value;
use warta_core::RejectReason;

use crate::html::{self, Extractor};
use crate::{Ctx, Record};

/// Longest header line and largest header block accepted.
const MAX_HEADER_LINE: usize = 64 * 1024;
const MAX_HEADER_LINES: usize = 512;

struct Reader<'a> {
    input: Box<dyn BufRead + 'a>,
    /// Decompressed bytes consumed so far.
    pos: u64,
    line: Vec<u8>,
    /// Offset of the line in `line`.
    line_start: u64,
}

enum LineRead {
    /// A line (without `\r\n`) is in `line`; `bool`: it was cut at the limit.
    Line(bool),
    Eof,
}

impl Reader<'_> {
    fn read_line(&mut self) -> io::Result<LineRead> {
        self.line.clear();
        self.line_start = self.pos;
        let mut any = false;
        let mut cut = false;
        loop {
            let avail = match self.input.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail.is_empty() {
                return Ok(if any { LineRead::Line(cut) } else { LineRead::Eof });
            }
            any = true;
            let (take, done) = match memchr::memchr(b'\n', avail) {
                Some(i) => (i, true),
                None => (avail.len(), false),
            };
            let room = MAX_HEADER_LINE.saturating_sub(self.line.len());
            cut |= take > room;
            self.line.extend_from_slice(&avail[..take.min(room)]);
            let used = take + usize::from(done);
            self.input.consume(used);
            self.pos += used as u64;
            if done {
                if self.line.last() == Some(&b'\r') {
                    self.line.pop();
                }
                return Ok(LineRead::Line(cut));
            }
        }
    }

    /// Reads exactly `n` bytes into `out` when `n <= keep`, else skips them.
    /// Returns how many bytes the stream had (fewer than `n` at its end).
    fn read_block(&mut self, n: u64, keep: usize, out: &mut Vec<u8>) -> io::Result<u64> {
        out.clear();
        let got = if n <= keep as u64 {
            out.reserve(n as usize);
            (&mut self.input).take(n).read_to_end(out)? as u64
        } else {
            io::copy(&mut (&mut self.input).take(n), &mut io::sink())?
        };
        self.pos += got;
        Ok(got)
    }

    /// Skips to the next line starting with `WARC/` (left in `line`).
    fn resync(&mut self) -> io::Result<bool> {
        loop {
            match self.read_line()? {
                LineRead::Eof => return Ok(false),
                LineRead::Line(_) if self.line.starts_with(b"WARC/") => return Ok(true),
                LineRead::Line(_) => {}
            }
        }
    }
}

/// The headers of one WARC record.
#[derive(Default)]
struct Headers {
    fields: Vec<(String, String)>,
}

impl Headers {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

pub(crate) fn read(
    ctx: &Ctx<'_>,
    input: Box<dyn BufRead + '_>,
    extractor: &dyn Extractor,
    emit: &mut dyn FnMut(Record) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let mut r = Reader { input, pos: 0, line: Vec::new(), line_start: 0 };
    let mut record: u64 = 0;
    let mut block = Vec::new();
    let mut have_version_line = false;
    let mut saw_any = false;
    loop {
        // 1. The version line (blank lines between records are allowed).
        if !have_version_line {
            loop {
                match r.read_line() {
                    Ok(LineRead::Eof) => {
                        if !saw_any {
                            let reject = ctx.reject(0, Some(0), RejectReason::EmptyText, "empty file: no WARC records");
                            return emit(Record::Reject(reject));
                        }
                        return ControlFlow::Continue(());
                    }
                    Ok(LineRead::Line(_)) if r.line.iter().all(u8::is_ascii_whitespace) => continue,
                    Ok(LineRead::Line(_)) => break,
                    Err(e) => return broken(ctx, record, &r, &e, emit),
                }
            }
        }
        have_version_line = false;
        let first_line = !saw_any;
        saw_any = true;
        let start = r.line_start;
        if !r.line.starts_with(b"WARC/") {
            if first_line {
                let detail = "not a WARC file: the first line is not a WARC version line".to_string();
                return emit(Record::Reject(ctx.reject(0, Some(0), RejectReason::MalformedWarc, detail)));
            }
            let detail = format!("byte {start}: expected a WARC record, found `{}`", preview(&r.line));
            emit(Record::Reject(ctx.reject(record, Some(start), RejectReason::MalformedWarc, detail)))?;
            record += 1;
            if let Some(done) = skip_to_next_record(ctx, record, &mut r, emit) {
                return done;
            }
            have_version_line = true;
            continue;
        }
        // 2. Header fields up to the blank line.
        let mut headers = Headers::default();
        let mut bad_header: Option<String> = None;
        loop {
            match r.read_line() {
                Ok(LineRead::Eof) => {
                    let detail = format!("byte {start}: the stream ended inside the WARC headers");
                    return emit(Record::Reject(ctx.reject(record, Some(start), RejectReason::TruncatedStream, detail)));
                }
                Ok(LineRead::Line(cut)) => {
                    if r.line.is_empty() {
                        break;
                    }
                    if cut || headers.fields.len() >= MAX_HEADER_LINES {
                        bad_header.get_or_insert_with(|| "header line or block too long".into());
                        continue;
                    }
                    let text = String::from_utf8_lossy(&r.line);
                    match text.split_once(':') {
                        Some((k, v)) if !k.trim().is_empty() => headers.fields.push((k.trim().to_string(), v.trim().to_string())),
                        _ => {
                            bad_header.get_or_insert_with(|| format!("header line without a name: `{}`", preview(&r.line)));
                        }
                    }
                }
                Err(e) => return broken(ctx, record, &r, &e, emit),
            }
        }
        let warc_type = headers.get("WARC-Type").unwrap_or("").to_ascii_lowercase();
        let is_document = matches!(warc_type.as_str(), "response" | "resource");
        let length = headers.get("Content-Length").and_then(|v| v.parse::<u64>().ok());
        let Some(length) = length.filter(|_| bad_header.is_none()) else {
            let why = bad_header.unwrap_or_else(|| "missing or invalid Content-Length".into());
            let detail = format!("byte {start}: broken WARC headers ({why})");
            emit(Record::Reject(ctx.reject(record, Some(start), RejectReason::MalformedWarc, detail)))?;
            record += 1;
            if let Some(done) = skip_to_next_record(ctx, record, &mut r, emit) {
                return done;
            }
            have_version_line = true;
            continue;
        };
        // 3. The block, kept only for documents within the size limit.
        let keep = if is_document { ctx.cfg.max_record_bytes } else { 0 };
        let got = match r.read_block(length, keep, &mut block) {
            Ok(got) => got,
            Err(e) => return broken(ctx, record, &r, &e, emit),
        };
        if got < length {
            let detail = format!("byte {start}: the stream ended {got} bytes into a block of {length} bytes");
            return emit(Record::Reject(ctx.reject(record, Some(start), RejectReason::TruncatedStream, detail)));
        }
        // 4. The record must end with an empty line: a wrong Content-Length
        // shows here.
        let mut ends_well = true;
        loop {
            match r.read_line() {
                Ok(LineRead::Eof) => break,
                Ok(LineRead::Line(_)) if r.line.is_empty() => continue,
                Ok(LineRead::Line(_)) => {
                    if r.line.starts_with(b"WARC/") {
                        have_version_line = true;
                    } else {
                        ends_well = false;
                    }
                    break;
                }
                Err(e) => return broken(ctx, record, &r, &e, emit),
            }
        }
        if !ends_well {
            if is_document {
                let detail = format!(
                    "byte {start}: Content-Length {length} does not end the record (data follows it: `{}`)",
                    preview(&r.line)
                );
                emit(Record::Reject(ctx.reject(record, Some(start), RejectReason::MalformedWarc, detail)))?;
                record += 1;
            }
            if let Some(done) = skip_to_next_record(ctx, record, &mut r, emit) {
                return done;
            }
            have_version_line = true;
            continue;
        }
        if !is_document {
            continue;
        }
        let rec = document(ctx, extractor, &headers, &warc_type, std::mem::take(&mut block), length, record, start);
        emit(rec)?;
        record += 1;
    }
}

/// After a damaged record, moves to the next version line (then in
/// `r.line`) and returns `None`; or returns how the file ends: no record
/// follows, or the stream broke (reported here).
fn skip_to_next_record(
    ctx: &Ctx<'_>,
    record: u64,
    r: &mut Reader<'_>,
    emit: &mut dyn FnMut(Record) -> ControlFlow<()>,
) -> Option<ControlFlow<()>> {
    match r.resync() {
        Ok(true) => None,
        Ok(false) => Some(ControlFlow::Continue(())),
        Err(e) => Some(broken(ctx, record, r, &e, emit)),
    }
}

fn broken(ctx: &Ctx<'_>, record: u64, r: &Reader<'_>, e: &io::Error, emit: &mut dyn FnMut(Record) -> ControlFlow<()>) -> ControlFlow<()> {
    let detail = format!("the stream broke at decompressed byte {} ({e}); the {record} records before were kept", r.pos);
    emit(Record::Reject(ctx.reject(record, Some(r.pos), RejectReason::TruncatedStream, detail)))
}

fn preview(line: &[u8]) -> String {
    let text = String::from_utf8_lossy(&line[..line.len().min(60)]);
    text.chars().filter(|c| !c.is_control()).collect()
}

/// Builds the record of one `response`/`resource` WARC record.
#[allow(clippy::too_many_arguments)]
fn document(
    ctx: &Ctx<'_>,
    extractor: &dyn Extractor,
    headers: &Headers,
    warc_type: &str,
    block: Vec<u8>,
    length: u64,
    record: u64,
    offset: u64,
) -> Record {
    let place = format!("WARC record at byte {offset}");
    let reject = |reason, detail: String| Record::Reject(ctx.reject(record, Some(offset), reason, detail));
    if length > ctx.cfg.max_record_bytes as u64 {
        return reject(
            RejectReason::TooLarge,
            format!("{place}: block of {length} bytes, over the limit of {} bytes", ctx.cfg.max_record_bytes),
        );
    }
    let url = headers.get("WARC-Target-URI").map(|u| u.trim_matches(['<', '>']).to_string());
    let (content_type, payload) = if warc_type == "response" {
        match http_payload(block, ctx.cfg.max_record_bytes) {
            Ok(found) => found,
            Err((reason, why)) => return reject(reason, format!("{place}: {why}")),
        }
    } else {
        (headers.get("Content-Type").unwrap_or("").to_string(), block)
    };
    let mime = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let is_html = mime.contains("html") || (mime.is_empty() && sniff_html(&payload));
    if !is_html {
        let shown = if mime.is_empty() { "no content type" } else { &mime };
        return reject(RejectReason::NoArticle, format!("{place}: the payload is {shown}, not HTML"));
    }
    let declared = html::charset_of_content_type(&content_type);
    let mut rec = html::page_record(ctx, extractor, payload, declared, url.as_deref(), record, Some(offset), &place);
    let id = headers.get("WARC-Record-ID").map(record_id).filter(|id| !id.is_empty());
    match &mut rec {
        Record::Article(a) => {
            if let Some(id) = id {
                a.id = id.clone();
                a.extra.0.insert("warc_record_id".into(), Value::String(id));
            }
            if let Some(date) = headers.get("WARC-Date") {
                a.extra.0.insert("crawl_date".into(), Value::String(date.to_string()));
            }
        }
        Record::Reject(j) => j.id = id.or(j.id.take()),
    }
    rec
}

/// `<urn:uuid:0f1e…>` -> `0f1e…`.
fn record_id(raw: &str) -> String {
    let id = raw.trim().trim_matches(['<', '>']);
    id.strip_prefix("urn:uuid:").unwrap_or(id).to_string()
}

fn sniff_html(payload: &[u8]) -> bool {
    let head: Vec<u8> = payload.iter().take(512).map(u8::to_ascii_lowercase).collect();
    memchr::memmem::find(&head, b"<html").is_some() || memchr::memmem::find(&head, b"<!doctype html").is_some()
}

/// Splits an HTTP response into its Content-Type and its decoded body
/// (de-chunked, and gunzipped when the server compressed it). Fails on a
/// status other than 2xx, which carries no article.
fn http_payload(block: Vec<u8>, max: usize) -> Result<(String, Vec<u8>), (RejectReason, String)> {
    let end = memchr::memmem::find(&block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| memchr::memmem::find(&block, b"\n\n").map(|i| (i, i + 2)));
    let Some((head_end, body_start)) = end else {
        return Err((RejectReason::MalformedWarc, "HTTP response without a header/body separator".into()));
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let status: Option<u16> = status_line.split_whitespace().nth(1).and_then(|s| s.parse().ok());
    let Some(status) = status.filter(|_| status_line.starts_with("HTTP/")) else {
        return Err((RejectReason::MalformedWarc, format!("not an HTTP response: `{}`", preview(status_line.as_bytes()))));
    };
    let mut content_type = String::new();
    let mut chunked = false;
    let mut gzipped = false;
    for line in lines {
        if let Some((k, v)) = line.split_once(':') {
            let (k, v) = (k.trim().to_ascii_lowercase(), v.trim());
            match k.as_str() {
                "content-type" => content_type = v.to_string(),
                "transfer-encoding" => chunked = v.to_ascii_lowercase().contains("chunked"),
                "content-encoding" => gzipped = matches!(v.to_ascii_lowercase().as_str(), "gzip" | "x-gzip"),
                _ => {}
            }
        }
    }
    if !(200..300).contains(&status) {
        return Err((RejectReason::NoArticle, format!("HTTP status {status}, no page")));
    }
    let mut body = block[body_start..].to_vec();
    if chunked {
        if let Some(joined) = dechunk(&body) {
            body = joined;
        }
    }
    if gzipped && body.starts_with(&[0x1f, 0x8b]) {
        let (bytes, total, err) = crate::stream::read_bounded(&mut flate2::read::MultiGzDecoder::new(&body[..]), max);
        if err.is_none() && total <= max as u64 {
            body = bytes;
        }
    }
    Ok((content_type, body))
}

/// Joins an HTTP/1.1 chunked body; `None` when it is not well-formed (the
/// crawler may already have de-chunked it while keeping the header).
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let eol = memchr::memmem::find(body, b"\r\n")?;
        let size_text = std::str::from_utf8(&body[..eol]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        body = &body[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size..)?.strip_prefix(b"\r\n")?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies_are_joined() {
        assert_eq!(dechunk(b"4\r\nWiki\r\n5;x=1\r\npedia\r\n0\r\n\r\n").as_deref(), Some(&b"Wikipedia"[..]));
        assert_eq!(dechunk(b"<html>not chunked"), None);
    }

    #[test]
    fn http_responses_are_split_and_failures_named() {
        let ok = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html>x</html>".to_vec();
        let (ct, body) = http_payload(ok, 1000).unwrap();
        assert_eq!((ct.as_str(), &body[..]), ("text/html; charset=utf-8", &b"<html>x</html>"[..]));
        assert!(http_payload(b"HTTP/1.1 301 Moved\r\n\r\n".to_vec(), 1000).unwrap_err().1.contains("301"));
        assert!(http_payload(b"garbage".to_vec(), 1000).is_err());
        assert_eq!(record_id("<urn:uuid:ab-12>"), "ab-12");
    }
}
