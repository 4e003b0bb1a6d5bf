//! Format detection from file names and from magic bytes.

use std::io::Read;
use std::path::Path;

use crate::{Compression, InputFormat};

/// Compression suffixes and what they mean.
const COMPRESSION_SUFFIXES: &[(&str, Compression)] =
    &[(".gz", Compression::Gzip), (".zst", Compression::Zstd), (".zstd", Compression::Zstd)];

/// Format extensions (after any compression suffix is taken off).
const FORMAT_SUFFIXES: &[(&str, InputFormat)] = &[
    (".txt", InputFormat::Txt),
    (".jsonl", InputFormat::Jsonl),
    (".ndjson", InputFormat::Jsonl),
    (".tar", InputFormat::Tar),
    (".warc", InputFormat::Warc),
    (".html", InputFormat::Html),
    (".htm", InputFormat::Html),
    (".xhtml", InputFormat::Html),
    (".parquet", InputFormat::Parquet),
    (".csv", InputFormat::Csv),
    (".tsv", InputFormat::Csv),
];

/// The format and compression a file name announces, `None` when the name
/// says nothing warta knows (`notes.md`, `README`).
pub fn detect_by_name(path: &Path) -> Option<(InputFormat, Compression)> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    if name.ends_with(".tgz") {
        return Some((InputFormat::Tar, Compression::Gzip));
    }
    let (rest, compression) = split_compression(&name);
    FORMAT_SUFFIXES
        .iter()
        .find(|(suffix, _)| rest.ends_with(suffix) && rest.len() > suffix.len())
        .map(|&(_, format)| (format, compression))
}

fn split_compression(name: &str) -> (&str, Compression) {
    for &(suffix, compression) in COMPRESSION_SUFFIXES {
        if let Some(rest) = name.strip_suffix(suffix) {
            return (rest, compression);
        }
    }
    (name, Compression::None)
}

/// The file name without directories and without the extensions warta
/// knows: `a/b/kompas-01.jsonl.gz` -> `kompas-01`. Used for derived ids.
pub fn base_stem(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let lower = name.to_ascii_lowercase();
    let mut cut = lower.len();
    if let Some(stripped) = lower.strip_suffix(".tgz") {
        cut = stripped.len();
    } else {
        let (rest, _) = split_compression(&lower);
        cut = cut.min(rest.len());
        if let Some(&(suffix, _)) = FORMAT_SUFFIXES.iter().find(|(s, _)| rest.ends_with(s) && rest.len() > s.len()) {
            cut = rest.len() - suffix.len();
        } else if let Some(dot) = rest.rfind('.').filter(|&d| d > 0) {
            cut = dot;
        }
    }
    // `cut` is a byte index into the lower-cased name, which has the same
    // byte length and boundaries as the name (ASCII lower-casing only).
    name[..cut].to_string()
}

/// The format the first bytes of a (decompressed) stream suggest.
pub fn sniff_format(head: &[u8]) -> InputFormat {
    if head.starts_with(b"PAR1") {
        return InputFormat::Parquet;
    }
    if head.len() >= 262 && &head[257..262] == b"ustar" {
        return InputFormat::Tar;
    }
    let trimmed = trim_ascii_start(head);
    if trimmed.starts_with(b"WARC/") {
        return InputFormat::Warc;
    }
    if trimmed.first() == Some(&b'{') {
        return InputFormat::Jsonl;
    }
    let lower: Vec<u8> = trimmed.iter().take(1024).map(u8::to_ascii_lowercase).collect();
    if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") || memchr::memmem::find(&lower, b"<html").is_some() {
        return InputFormat::Html;
    }
    InputFormat::Txt
}

fn trim_ascii_start(b: &[u8]) -> &[u8] {
    let b = b.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(b);
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

/// Identifies an explicitly named file of unknown extension by its magic
/// bytes, looking through one layer of gzip or zstd.
pub(crate) fn sniff_file(path: &Path) -> std::io::Result<(InputFormat, Compression)> {
    let mut head = Vec::with_capacity(4096);
    std::fs::File::open(path)?.take(4096).read_to_end(&mut head)?;
    let compression = crate::stream::sniff_compression(&head);
    let inner = match compression {
        Compression::None => head,
        _ => {
            let file = std::fs::File::open(path)?;
            let mut reader = crate::stream::decompressed(file)?;
            let mut inner = Vec::with_capacity(4096);
            // A damaged stream still tells its format from what came out.
            let _ = (&mut reader).take(4096).read_to_end(&mut inner);
            inner
        }
    };
    Ok((sniff_format(&inner), compression))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_announce_format_and_compression() {
        let d = |s: &str| detect_by_name(Path::new(s));
        assert_eq!(d("a/b.txt"), Some((InputFormat::Txt, Compression::None)));
        assert_eq!(d("x.JSONL.GZ"), Some((InputFormat::Jsonl, Compression::Gzip)));
        assert_eq!(d("x.jsonl.zst"), Some((InputFormat::Jsonl, Compression::Zstd)));
        assert_eq!(d("x.tgz"), Some((InputFormat::Tar, Compression::Gzip)));
        assert_eq!(d("x.tar.gz"), Some((InputFormat::Tar, Compression::Gzip)));
        assert_eq!(d("CC-NEWS-2024.warc.gz"), Some((InputFormat::Warc, Compression::Gzip)));
        assert_eq!(d("page.htm"), Some((InputFormat::Html, Compression::None)));
        assert_eq!(d("README"), None);
        assert_eq!(d("notes.md"), None);
        assert_eq!(d(".txt"), None);
    }

    #[test]
    fn stems_drop_known_extensions() {
        assert_eq!(base_stem(Path::new("d/kompas-01.jsonl.gz")), "kompas-01");
        assert_eq!(base_stem(Path::new("Berita.TXT")), "Berita");
        assert_eq!(base_stem(Path::new("arsip.tgz")), "arsip");
        assert_eq!(base_stem(Path::new("data.bin")), "data");
        assert_eq!(base_stem(Path::new("README")), "README");
        assert_eq!(base_stem(Path::new("é.txt")), "é");
    }

    #[test]
    fn magic_bytes_name_the_format() {
        assert_eq!(sniff_format(b"  {\"text\":1}"), InputFormat::Jsonl);
        assert_eq!(sniff_format(b"Judul\nIsi"), InputFormat::Txt);
        let mut tar = vec![0u8; 512];
        tar[257..262].copy_from_slice(b"ustar");
        assert_eq!(sniff_format(&tar), InputFormat::Tar);
        assert_eq!(sniff_format(b"WARC/1.0\r\n"), InputFormat::Warc);
        assert_eq!(sniff_format(b"\n<!DOCTYPE html><html>"), InputFormat::Html);
    }
}
