//! Plain-text articles: one file is one article. The first non-empty line is
//! the title; every further non-empty line is a paragraph of the body.

use std::io::Read;
use std::ops::ControlFlow;

use warta_core::{Article, RejectReason};

use crate::{decode, stream, Ctx, Record};

/// Reads one `.txt` article from a decompressed stream.
pub(crate) fn read(ctx: &Ctx<'_>, input: &mut dyn Read, emit: &mut dyn FnMut(Record) -> ControlFlow<()>) -> ControlFlow<()> {
    let (bytes, total, broken) = stream::read_bounded(input, ctx.cfg.max_record_bytes);
    if let Some(e) = broken {
        let detail = format!("the stream broke after {total} bytes ({e}); the article is incomplete");
        return emit(Record::Reject(ctx.reject(0, Some(0), RejectReason::TruncatedStream, detail).with_id(ctx.file_id())));
    }
    emit(article_from_bytes(ctx, bytes, total))
}

/// Builds the record for one text file's bytes (`total` is the full size,
/// which exceeds `bytes.len()` when the file was over the limit).
pub(crate) fn article_from_bytes(ctx: &Ctx<'_>, bytes: Vec<u8>, total: u64) -> Record {
    let reject = |reason, detail: String| Record::Reject(ctx.reject(0, Some(0), reason, detail).with_id(ctx.file_id()));
    if total > ctx.cfg.max_record_bytes as u64 {
        return reject(
            RejectReason::TooLarge,
            format!("the article is {total} bytes, over the limit of {} bytes", ctx.cfg.max_record_bytes),
        );
    }
    if total == 0 {
        return reject(RejectReason::EmptyText, "empty file".into());
    }
    if decode::looks_binary(&bytes[..bytes.len().min(8192)]) {
        return reject(RejectReason::Binary, "binary data, not text".into());
    }
    let mut article = Article { id: ctx.stem.clone(), ..Default::default() };
    let text = match ctx.accept_text(decode::decode(bytes, None), &mut article.edits, "file") {
        Ok(text) => text,
        Err((reason, detail)) => return reject(reason, detail),
    };
    let mut paragraphs = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let Some(title) = paragraphs.next() else {
        return reject(RejectReason::EmptyText, "the file holds only whitespace".into());
    };
    let mut body = String::with_capacity(text.len());
    for p in paragraphs {
        if !body.is_empty() {
            body.push('\n');
        }
        body.push_str(p);
    }
    if body.is_empty() {
        return reject(RejectReason::EmptyText, "the file has a title line and no body".into());
    }
    article.title = Some(title.to_string());
    article.text = body;
    // A sidecar index's fields win over the file's title and derived id.
    if let Some(fields) = &ctx.metadata {
        crate::index::apply(&mut article, fields);
    }
    ctx.finish(article, 0, Some(0), "file")
}
