//! Parquet files (the usual export of NLP datasets): one row is one record,
//! its columns mapped to warta's fields exactly as JSONL fields are
//! (`--field text=content`). Read row group by row group with the `parquet`
//! crate's record API, without Arrow, which keeps the build light.

use std::ops::ControlFlow;
use std::sync::atomic::{AtomicU64, Ordering};

use parquet::file::reader::{FileReader, SerializedFileReader};
use serde_json::Value;
use warta_core::{wire, RejectReason};

use crate::{jsonl, Ctx, Record};

pub(crate) fn read(
    ctx: &Ctx<'_>,
    file: std::fs::File,
    bytes_read: &AtomicU64,
    emit: &mut dyn FnMut(Record) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size == 0 {
        return emit(Record::Reject(ctx.reject(0, Some(0), RejectReason::EmptyText, "empty file")));
    }
    let reader = match SerializedFileReader::new(file) {
        Ok(r) => r,
        Err(e) => {
            // The footer is at the end: a cut file loses it first.
            let detail = format!("not a readable Parquet file (truncated or damaged footer: {e})");
            return emit(Record::Reject(ctx.reject(0, Some(0), RejectReason::TruncatedStream, detail)));
        }
    };
    let mut record: u64 = 0;
    let mut counted: u64 = 0;
    for group in 0..reader.num_row_groups() {
        let group_reader = match reader.get_row_group(group) {
            Ok(g) => g,
            Err(e) => return broken(ctx, record, group, &e, emit),
        };
        let compressed = group_reader.metadata().compressed_size().max(0) as u64;
        // Rows are decoded page by page as the iterator advances.
        let rows = match group_reader.get_row_iter(None) {
            Ok(rows) => rows,
            Err(e) => return broken(ctx, record, group, &e, emit),
        };
        for row in rows {
            let row = match row {
                Ok(row) => row,
                Err(e) => return broken(ctx, record, group, &e, emit),
            };
            emit(row_record(ctx, row.to_json_value(), record, group))?;
            record += 1;
        }
        bytes_read.fetch_add(compressed, Ordering::Relaxed);
        counted += compressed;
    }
    // Footer and headers, so that the progress total matches the file size.
    bytes_read.fetch_add(size.saturating_sub(counted), Ordering::Relaxed);
    if record == 0 {
        return emit(Record::Reject(ctx.reject(0, Some(0), RejectReason::EmptyText, "empty file: no rows")));
    }
    ControlFlow::Continue(())
}

fn broken(
    ctx: &Ctx<'_>,
    record: u64,
    group: usize,
    e: &parquet::errors::ParquetError,
    emit: &mut dyn FnMut(Record) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let detail = format!("row group {group} cannot be decoded ({e}); the {record} rows before were kept");
    emit(Record::Reject(ctx.reject(record, None, RejectReason::TruncatedStream, detail)))
}

fn row_record(ctx: &Ctx<'_>, value: Value, record: u64, group: usize) -> Record {
    let place = format!("row {record} (row group {group})");
    let reject = |reason, detail: String| Record::Reject(ctx.reject(record, None, reason, detail));
    let Value::Object(map) = value else {
        return reject(RejectReason::MalformedJson, format!("{place}: not a record"));
    };
    let map = jsonl::prepare(map, &ctx.cfg.fields);
    let text_len = match map.get("text") {
        Some(Value::String(s)) => s.len(),
        _ => 0,
    };
    if text_len > ctx.cfg.max_record_bytes {
        return reject(
            RejectReason::TooLarge,
            format!("{place}: text of {text_len} bytes, over the limit of {} bytes", ctx.cfg.max_record_bytes),
        );
    }
    match wire::from_json_object(map) {
        Ok(article) => ctx.finish(article, record, None, &place),
        Err((reason, detail)) => reject(reason, format!("{place}: {detail}")),
    }
}
