//! Opening inputs as byte streams: progress counting, decompression chosen by
//! magic bytes, and a line reader whose memory is bounded whatever the line.

use std::io::{self, BufRead, BufReader, Read};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::Compression;

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];
const ZSTD_MAGIC: &[u8] = &[0x28, 0xb5, 0x2f, 0xfd];
/// Buffer size for file and decompressor reads.
pub(crate) const BUF_SIZE: usize = 256 * 1024;

/// Adds the bytes read from the raw (compressed) input to a shared counter,
/// so a progress bar can compare it with the file sizes.
pub(crate) struct Counting<'a, R> {
    inner: R,
    counter: &'a AtomicU64,
}

impl<'a, R> Counting<'a, R> {
    pub(crate) fn new(inner: R, counter: &'a AtomicU64) -> Self {
        Counting { inner, counter }
    }
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The compression announced by the first bytes of a stream.
pub fn sniff_compression(head: &[u8]) -> Compression {
    if head.starts_with(GZIP_MAGIC) {
        Compression::Gzip
    } else if head.starts_with(ZSTD_MAGIC) {
        Compression::Zstd
    } else {
        Compression::None
    }
}

/// Wraps a raw stream in the decompressor its magic bytes call for (the
/// extension may lie; the bytes do not), returning a buffered reader of the
/// decompressed bytes.
pub(crate) fn decompressed<'a, R: Read + 'a>(raw: R) -> io::Result<Box<dyn BufRead + 'a>> {
    let mut raw = BufReader::with_capacity(BUF_SIZE, raw);
    let head = peek(&mut raw)?;
    Ok(match sniff_compression(head) {
        // Multi-member: concatenated gzip files and per-record WARC.gz.
        Compression::Gzip => Box::new(BufReader::with_capacity(BUF_SIZE, flate2::bufread::MultiGzDecoder::new(raw))),
        Compression::Zstd => Box::new(BufReader::with_capacity(BUF_SIZE, zstd::stream::read::Decoder::with_buffer(raw)?)),
        Compression::None => Box::new(raw),
    })
}

/// Peeks at the first buffered bytes without consuming them (empty only at
/// end of stream). A short first read from a pipe only weakens sniffing.
pub(crate) fn peek<R: Read>(r: &mut BufReader<R>) -> io::Result<&[u8]> {
    loop {
        match r.fill_buf() {
            Ok(_) => return Ok(r.buffer()),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
}

/// One line from [`LineReader`].
#[derive(Debug)]
pub(crate) struct Line<'a> {
    /// The line without its `\n` (and `\r`), or empty when it was too long.
    pub bytes: &'a [u8],
    /// Byte offset of the line's start in the decompressed stream.
    pub offset: u64,
    /// One-based line number.
    pub number: u64,
    /// Length of the whole line in bytes, even when it was not kept.
    pub len: u64,
    /// The line exceeded the limit; its bytes were skipped, not stored.
    pub too_long: bool,
}

/// A stream cut short: where it broke and why.
#[derive(Debug)]
pub(crate) struct Break {
    pub error: io::Error,
    /// Decompressed bytes read before the break.
    pub at: u64,
    /// Line number of the line being read when it broke.
    pub line: u64,
    /// Bytes of that partial line (dropped).
    pub partial: u64,
}

/// Reads `\n`-terminated lines, never holding more than `max` bytes of one.
pub(crate) struct LineReader<R> {
    inner: R,
    buf: Vec<u8>,
    max: usize,
    consumed: u64,
    number: u64,
}

impl<R: BufRead> LineReader<R> {
    pub(crate) fn new(inner: R, max: usize) -> Self {
        LineReader { inner, buf: Vec::new(), max, consumed: 0, number: 0 }
    }

    /// The next line, `Ok(None)` at the end, `Err` when the stream breaks.
    pub(crate) fn next_line(&mut self) -> Result<Option<Line<'_>>, Break> {
        self.buf.clear();
        let start = self.consumed;
        let mut len: u64 = 0;
        let mut too_long = false;
        loop {
            let avail = match self.inner.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) => {
                    return Err(Break { error, at: self.consumed, line: self.number + 1, partial: len });
                }
            };
            if avail.is_empty() {
                if len == 0 {
                    return Ok(None);
                }
                break;
            }
            let (take, done) = match memchr::memchr(b'\n', avail) {
                Some(i) => (i, true),
                None => (avail.len(), false),
            };
            if !too_long {
                if self.buf.len() + take > self.max {
                    too_long = true;
                    self.buf = Vec::new(); // give the memory back
                } else {
                    self.buf.extend_from_slice(&avail[..take]);
                }
            }
            len += take as u64;
            let used = take + usize::from(done);
            self.inner.consume(used);
            self.consumed += used as u64;
            if done {
                break;
            }
        }
        self.number += 1;
        if self.buf.last() == Some(&b'\r') {
            self.buf.pop();
        }
        Ok(Some(Line { bytes: &self.buf, offset: start, number: self.number, len, too_long }))
    }
}

/// Reads the whole stream up to `max` bytes. Returns the bytes, the total
/// length seen (which may exceed `max`: the rest was skipped), and the break
/// if the stream failed.
pub(crate) fn read_bounded(r: &mut dyn Read, max: usize) -> (Vec<u8>, u64, Option<io::Error>) {
    let mut out = Vec::new();
    let mut total: u64 = 0;
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        match r.read(&mut chunk) {
            Ok(0) => return (out, total, None),
            Ok(n) => {
                total += n as u64;
                if total <= max as u64 {
                    out.extend_from_slice(&chunk[..n]);
                } else if out.capacity() > 0 {
                    out = Vec::new(); // over the limit: count the rest, keep nothing
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return (out, total, Some(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], max: usize) -> Vec<(Vec<u8>, u64, bool)> {
        let mut r = LineReader::new(BufReader::with_capacity(7, input), max);
        let mut out = Vec::new();
        while let Some(l) = r.next_line().unwrap() {
            out.push((l.bytes.to_vec(), l.offset, l.too_long));
        }
        out
    }

    #[test]
    fn lines_carry_offsets_and_strip_crlf() {
        let got = lines(b"ab\r\ncdefghijkl\n\nz", 100);
        assert_eq!(got[0], (b"ab".to_vec(), 0, false));
        assert_eq!(got[1], (b"cdefghijkl".to_vec(), 4, false));
        assert_eq!(got[2], (b"".to_vec(), 15, false));
        assert_eq!(got[3], (b"z".to_vec(), 16, false));
        assert_eq!(got.len(), 4);
    }

    #[test]
    fn long_lines_are_skipped_not_stored() {
        let mut input = vec![b'x'; 1000];
        input.extend_from_slice(b"\nok\n");
        let mut r = LineReader::new(BufReader::with_capacity(16, &input[..]), 10);
        let first = r.next_line().unwrap().unwrap();
        assert!(first.too_long);
        assert_eq!(first.len, 1000);
        assert!(first.bytes.is_empty());
        assert!(r.buf.capacity() <= 16, "the long line was not buffered");
        let second = r.next_line().unwrap().unwrap();
        assert_eq!((second.bytes, second.offset, second.number), (&b"ok"[..], 1001, 2));
    }
}
