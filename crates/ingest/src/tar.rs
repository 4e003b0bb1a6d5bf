//! Tar archives (`.tar`, `.tar.gz`, `.tgz`) of plain-text articles and of
//! JSONL files. Each member is read as the file it would be on disk; its
//! records name it as `archive.tar!member`. Members of other types are
//! skipped, as unknown files in a directory are.

use std::io::{BufRead, Read};
use std::ops::ControlFlow;
use std::path::Path;

use warta_core::RejectReason;

use crate::{detect, jsonl, stream, txt, Ctx, InputFormat, Record};

pub(crate) fn read(ctx: &Ctx<'_>, input: Box<dyn BufRead + '_>, emit: &mut dyn FnMut(Record) -> ControlFlow<()>) -> ControlFlow<()> {
    let mut archive = tar::Archive::new(input);
    let entries = match archive.entries() {
        Ok(entries) => entries,
        Err(e) => return emit(Record::Reject(ctx.reject(0, Some(0), RejectReason::Unreadable, format!("not a tar archive: {e}")))),
    };
    let mut members = 0u64;
    let mut saw_any = false;
    for (index, entry) in entries.enumerate() {
        let mut entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let detail = format!("the archive broke at member {index}: {e}; the {members} members before were kept");
                return emit(Record::Reject(ctx.reject(index as u64, None, RejectReason::TruncatedStream, detail)));
            }
        };
        saw_any = true;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let name = entry.path().map(|p| p.to_string_lossy().into_owned()).unwrap_or_else(|_| format!("member-{index}"));
        let Some((format, _)) = detect::detect_by_name(Path::new(&name)) else { continue };
        let member_ctx = ctx.member(&name);
        let size = entry.size();
        members += 1;
        match format {
            InputFormat::Txt => {
                let record = if size > ctx.cfg.max_record_bytes as u64 {
                    txt::article_from_bytes(&member_ctx, Vec::new(), size)
                } else {
                    let (bytes, total, broken) = stream::read_bounded(&mut entry, ctx.cfg.max_record_bytes);
                    match broken {
                        Some(e) => {
                            let detail = format!("the archive broke {total} bytes into this member ({e}); the {} members before were kept", members - 1);
                            return emit(Record::Reject(member_ctx.reject(0, Some(0), RejectReason::TruncatedStream, detail)));
                        }
                        None if total < size => {
                            let detail = format!("the archive ended {total} bytes into this member of {size} bytes; the {} members before were kept", members - 1);
                            return emit(Record::Reject(member_ctx.reject(0, Some(0), RejectReason::TruncatedStream, detail)));
                        }
                        None => txt::article_from_bytes(&member_ctx, bytes, total),
                    }
                };
                emit(record)?;
            }
            InputFormat::Jsonl => {
                let reader = match stream::decompressed(&mut entry as &mut dyn Read) {
                    Ok(r) => r,
                    Err(e) => {
                        let detail = format!("cannot read this member: {e}");
                        emit(Record::Reject(member_ctx.reject(0, Some(0), RejectReason::TruncatedStream, detail)))?;
                        continue;
                    }
                };
                jsonl::read(&member_ctx, reader, emit)?;
            }
            InputFormat::Html => {
                let (bytes, total, broken) = if size > ctx.cfg.max_record_bytes as u64 {
                    (Vec::new(), size, None)
                } else {
                    stream::read_bounded(&mut entry, ctx.cfg.max_record_bytes)
                };
                emit(crate::html::page_from_file(&member_ctx, ctx.extractor, bytes, total, broken))?;
            }
            InputFormat::Csv => match stream::decompressed(&mut entry as &mut dyn Read) {
                Ok(reader) => crate::csv::read(&member_ctx, reader, crate::csv::tsv_by_name(&name), emit)?,
                Err(e) => {
                    let detail = format!("cannot read this member: {e}");
                    emit(Record::Reject(member_ctx.reject(0, Some(0), RejectReason::TruncatedStream, detail)))?;
                }
            },
            InputFormat::Warc => match stream::decompressed(&mut entry as &mut dyn Read) {
                Ok(reader) => crate::warc::read(&member_ctx, reader, ctx.extractor, emit)?,
                Err(e) => {
                    let detail = format!("cannot read this member: {e}");
                    emit(Record::Reject(member_ctx.reject(0, Some(0), RejectReason::TruncatedStream, detail)))?;
                }
            },
            // Archives inside archives are not opened, and Parquet needs
            // random access: such members are listed, not read.
            InputFormat::Tar | InputFormat::Parquet => {
                let detail = format!("a {format} member inside a tar archive is not read; extract the archive first");
                emit(Record::Reject(member_ctx.reject(0, None, RejectReason::Unreadable, detail)))?;
            }
        }
    }
    if !saw_any {
        return emit(Record::Reject(ctx.reject(0, Some(0), RejectReason::EmptyText, "empty archive: no members")));
    }
    ControlFlow::Continue(())
}
