//! CSV and TSV: a header row of field names, then one article per row.
//!
//! News datasets are often published as spreadsheets (`title,content,date,
//! url`). Rows are read as RFC 4180 describes them: fields separated by the
//! delimiter, quoted fields that may hold the delimiter, line breaks and
//! doubled quotes. The delimiter is a tab for `.tsv` files and for a header
//! line that holds one; otherwise a comma, or a semicolon when the header
//! has semicolons and no comma (spreadsheets of comma-decimal locales).
//!
//! Each row becomes the JSON object of its header's names, so `--field
//! text=content` maps columns as it maps JSONL fields, and columns warta
//! does not know travel on with the article. Empty cells are absent fields.
//! Stray quotes inside an unquoted field are kept as they are, as most
//! readers do; a quoted field still open at the end of the file, or a row
//! over the size limit, is a reject, and reading resumes at the next line.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::ops::ControlFlow;

use serde_json::{Map, Value};
use warta_core::RejectReason;

use crate::{decode, jsonl, Ctx, Record};

/// Fields kept per row; further delimiters are text of the last field (a
/// row of a million commas must not become a million fields).
const MAX_FIELDS: usize = 4096;

/// The delimiter a header line announces (see the module documentation).
pub(crate) fn sniff_delimiter(header: &[u8], tsv_by_name: bool) -> u8 {
    let line = header.split(|&b| b == b'\n').next().unwrap_or_default();
    if tsv_by_name || line.contains(&b'\t') {
        b'\t'
    } else if line.contains(&b';') && !line.contains(&b',') {
        b';'
    } else {
        b','
    }
}

/// Whether a file name says TSV (`.tsv`, `.tsv.gz`, `.tsv.zst`).
pub(crate) fn tsv_by_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.ends_with(".tsv") || name.contains(".tsv.")
}

/// One row as read: its fields' bytes, where it starts, and what went wrong.
#[derive(Default)]
struct Row {
    bytes: Vec<u8>,
    /// End of each field in `bytes`.
    ends: Vec<usize>,
    /// 1-based line where the row starts, and its byte offset.
    line: u64,
    offset: u64,
    /// Bytes of the row, counted past the limit too.
    len: u64,
    too_long: bool,
    /// A quoted field was still open at the end of the input.
    unterminated: bool,
}

impl Row {
    fn fields(&self) -> impl Iterator<Item = &[u8]> {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let field = &self.bytes[start..end];
            start = end;
            field
        })
    }
}

/// A broken input stream (a truncated gzip): where, and why.
struct Broken {
    at: u64,
    error: std::io::Error,
}

/// Reads rows from a byte stream, holding at most `limit` bytes of one.
struct RowReader<R> {
    input: R,
    delimiter: u8,
    limit: usize,
    /// Bytes consumed so far, and the current line (1-based).
    at: u64,
    line: u64,
}

impl<R: BufRead> RowReader<R> {
    fn new(input: R, delimiter: u8, limit: usize) -> Self {
        RowReader { input, delimiter, limit, at: 0, line: 1 }
    }

    /// The next row, `None` at the end of the input.
    fn next_row(&mut self, row: &mut Row) -> Result<Option<()>, Broken> {
        row.bytes.clear();
        row.ends.clear();
        row.line = self.line;
        row.offset = self.at;
        row.len = 0;
        row.too_long = false;
        row.unterminated = false;
        let mut in_quotes = false;
        // Just read a quote inside a quoted field: a second one is a
        // literal quote, anything else closes the field.
        let mut quote_pending = false;
        let mut field_start = true;
        // The last byte pushed was a carriage return outside quotes: with
        // the line break after it, a CRLF line end.
        let mut cr_last = false;
        loop {
            let buf = match self.input.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(Broken { at: self.at, error }),
            };
            if buf.is_empty() {
                // Nothing read since the last row: the input is over.
                if row.len == 0 {
                    return Ok(None);
                }
                row.unterminated = in_quotes && !quote_pending;
                Self::end_field(row);
                return Ok(Some(()));
            }
            let mut used = 0;
            let mut done = false;
            for &b in buf {
                used += 1;
                row.len += 1;
                if b == b'\n' {
                    self.line += 1;
                }
                if row.too_long {
                    // Past the limit the row is skipped to the end of its
                    // line, quotes or not, so one stray quote cannot swallow
                    // the rest of the file.
                    if b == b'\n' {
                        done = true;
                        break;
                    }
                    continue;
                }
                let was_cr = std::mem::replace(&mut cr_last, false);
                if quote_pending {
                    quote_pending = false;
                    if b == b'"' {
                        row.bytes.push(b'"');
                        continue;
                    }
                    in_quotes = false;
                }
                if in_quotes {
                    if b == b'"' {
                        quote_pending = true;
                    } else {
                        row.bytes.push(b);
                    }
                } else if b == b'"' && field_start {
                    in_quotes = true;
                    field_start = false;
                } else if b == self.delimiter && row.ends.len() + 1 < MAX_FIELDS {
                    Self::end_field(row);
                    field_start = true;
                } else if b == b'\n' {
                    if was_cr {
                        row.bytes.pop();
                    }
                    done = true;
                    break;
                } else {
                    row.bytes.push(b);
                    field_start = false;
                    cr_last = b == b'\r';
                }
                if row.bytes.len() > self.limit {
                    row.too_long = true;
                    row.bytes.clear();
                    row.ends.clear();
                }
            }
            self.input.consume(used);
            self.at += used as u64;
            if done {
                if !row.too_long {
                    Self::end_field(row);
                }
                return Ok(Some(()));
            }
        }
    }

    fn end_field(row: &mut Row) {
        row.ends.push(row.bytes.len());
    }
}

/// The rows of a decompressed CSV or TSV stream, its delimiter read from
/// the header line; `None` when the stream opens with binary data. (A read
/// error at the start leaves the comma: the reader meets it again and
/// reports it.)
fn row_reader<'a>(mut input: Box<dyn BufRead + 'a>, tsv_by_name: bool, limit: usize) -> Option<RowReader<Box<dyn BufRead + 'a>>> {
    let delimiter = match input.fill_buf() {
        Ok(head) if decode::looks_binary(&head[..head.len().min(8192)]) => return None,
        Ok(head) => sniff_delimiter(head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head), tsv_by_name),
        Err(_) => b',',
    };
    Some(RowReader::new(input, delimiter, limit))
}

/// Reads a decompressed CSV or TSV stream (`tsv_by_name`: the file name
/// says TSV). The header row is no record; every other non-blank row is one
/// article or one reject.
pub(crate) fn read(
    ctx: &Ctx<'_>,
    input: Box<dyn BufRead + '_>,
    tsv_by_name: bool,
    emit: &mut dyn FnMut(Record) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let Some(mut rows) = row_reader(input, tsv_by_name, ctx.cfg.max_record_bytes) else {
        let detail = "binary data, not CSV (line 1)".to_string();
        return emit(Record::Reject(ctx.reject(0, Some(0), RejectReason::Binary, detail)));
    };
    let mut row = Row::default();
    let mut names: Vec<String> = Vec::new();
    let mut record: u64 = 0;
    loop {
        match rows.next_row(&mut row) {
            Ok(Some(())) => {}
            Ok(None) => break,
            Err(b) => {
                let detail = format!(
                    "the stream broke at decompressed byte {} near line {}: {}; the {record} rows before were kept",
                    b.at, rows.line, b.error
                );
                return emit(Record::Reject(ctx.reject(record, Some(b.at), RejectReason::TruncatedStream, detail)));
            }
        }
        let blank = !row.too_long && row.fields().all(|f| f.iter().all(u8::is_ascii_whitespace));
        if blank {
            continue;
        }
        if names.is_empty() {
            names = header_names(&row);
            continue;
        }
        emit(parse_row(ctx, &row, &names, record))?;
        record += 1;
    }
    if record == 0 {
        let detail = if names.is_empty() { "empty file: no CSV header" } else { "no rows after the CSV header" };
        return emit(Record::Reject(ctx.reject(0, Some(0), RejectReason::EmptyText, detail.to_string())));
    }
    ControlFlow::Continue(())
}

/// A header's names and the rows of a table, each a map of its non-empty
/// cells by name.
pub(crate) type Table = (Vec<String>, Vec<Map<String, Value>>);

/// Reads a whole decompressed CSV or TSV stream as a table: its header's
/// names and each row's non-empty cells by name. `None` when the stream is
/// not a clean table (binary, broken, a row over `limit`, a quote never
/// closed, no header): what is read as a table is never half read.
pub(crate) fn read_table(input: Box<dyn BufRead + '_>, tsv_by_name: bool, limit: usize) -> Option<Table> {
    let mut rows = row_reader(input, tsv_by_name, limit)?;
    let mut row = Row::default();
    let mut names: Vec<String> = Vec::new();
    let mut table = Vec::new();
    while rows.next_row(&mut row).ok()?.is_some() {
        if row.too_long || row.unterminated {
            return None;
        }
        if row.fields().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        if names.is_empty() {
            names = header_names(&row);
            continue;
        }
        let mut map = Map::new();
        for (name, field) in names.iter().zip(row.fields()) {
            let value = String::from_utf8_lossy(field).trim().to_string();
            if !value.is_empty() {
                map.insert(name.clone(), Value::String(value));
            }
        }
        table.push(map);
    }
    (!names.is_empty()).then_some((names, table))
}

/// The header's field names: trimmed, a byte-order mark dropped; an empty
/// or repeated name becomes `column_N` (N counted from 1).
fn header_names(row: &Row) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (i, field) in row.fields().enumerate() {
        let field = if i == 0 { field.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(field) } else { field };
        let name = String::from_utf8_lossy(field).trim().to_string();
        let name = if name.is_empty() || names.contains(&name) { format!("column_{}", i + 1) } else { name };
        names.push(name);
    }
    names
}

fn parse_row(ctx: &Ctx<'_>, row: &Row, names: &[String], record: u64) -> Record {
    let place = format!("line {}", row.line);
    let offset = Some(row.offset);
    let reject = |reason, detail: String| Record::Reject(ctx.reject(record, offset, reason, detail));
    if row.too_long {
        return reject(
            RejectReason::TooLarge,
            format!("{place}: row of {} bytes or more, over the limit of {} bytes", row.len, ctx.cfg.max_record_bytes),
        );
    }
    if row.unterminated {
        return reject(
            RejectReason::MalformedCsv,
            format!("{place}: a quoted field is still open at the end of the file ({} bytes read into it)", row.len),
        );
    }
    let mut edits = BTreeMap::new();
    let mut map = Map::new();
    for (i, field) in row.fields().enumerate() {
        let value = match std::str::from_utf8(field) {
            Ok(text) => text.to_string(),
            Err(_) => match ctx.accept_text(decode::decode(field.to_vec(), None), &mut edits, &place) {
                Ok(text) => text,
                Err((reason, detail)) => return reject(reason, detail),
            },
        };
        if value.trim().is_empty() {
            continue;
        }
        let name = names.get(i).cloned().unwrap_or_else(|| format!("column_{}", i + 1));
        map.insert(name, Value::String(value));
    }
    jsonl::record_from_object(ctx, map, edits, record, offset, &place)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str, delimiter: u8, limit: usize) -> Vec<(Vec<String>, bool, bool)> {
        let mut reader = RowReader::new(text.as_bytes(), delimiter, limit);
        let mut row = Row::default();
        let mut out = Vec::new();
        while let Ok(Some(())) = reader.next_row(&mut row) {
            let fields = row.fields().map(|f| String::from_utf8_lossy(f).into_owned()).collect();
            out.push((fields, row.too_long, row.unterminated));
        }
        out
    }

    fn fields(text: &str) -> Vec<Vec<String>> {
        rows(text, b',', 1 << 20).into_iter().map(|r| r.0).collect()
    }

    #[test]
    fn quoted_fields_hold_delimiters_line_breaks_and_quotes() {
        let got = fields("a,b,c\r\n\"x, y\",\"two\nlines\",\"say \"\"hi\"\"\"\nplain,,end\n");
        assert_eq!(got, [vec!["a", "b", "c"], vec!["x, y", "two\nlines", "say \"hi\""], vec!["plain", "", "end"]]);
        // No final line break; a stray quote inside an unquoted field stays.
        assert_eq!(fields("5\" screen,ok"), [vec!["5\" screen", "ok"]]);
        // A carriage return inside a quoted field is text.
        assert_eq!(fields("\"a\r\",b\r\n"), [vec!["a\r", "b"]]);
        assert_eq!(fields("\"a\r\"\r\nb\n"), [vec!["a\r"], vec!["b"]]);
    }

    #[test]
    fn a_long_row_is_skipped_to_its_line_end_and_reading_resumes() {
        let text = format!("\"{}\nnext,row\n", "x".repeat(100));
        let got = rows(&text, b',', 50);
        assert_eq!(got.len(), 2);
        assert!(got[0].1, "the long row is marked");
        assert_eq!(got[1].0, ["next", "row"]);
    }

    #[test]
    fn an_open_quote_at_the_end_is_marked() {
        let got = rows("a,\"never closed\nmore", b',', 1 << 20);
        assert_eq!(got.len(), 1);
        assert!(got[0].2);
        assert!(!rows("a,\"closed\"", b',', 1 << 20)[0].2);
    }

    #[test]
    fn the_delimiter_follows_the_header() {
        assert_eq!(sniff_delimiter(b"title\tcontent\n", false), b'\t');
        assert_eq!(sniff_delimiter(b"title;content;date\n", false), b';');
        assert_eq!(sniff_delimiter(b"title,content;x\n", false), b',');
        assert_eq!(sniff_delimiter(b"title,content\n", true), b'\t');
    }

    #[test]
    fn a_million_delimiters_are_not_a_million_fields() {
        let text = ",".repeat(1_000_000);
        let got = rows(&text, b',', 1 << 21);
        assert_eq!(got[0].0.len(), MAX_FIELDS);
    }
}
