//! Opening inputs as byte streams: progress counting, decompression chosen by
//! magic bytes, and reading a whole stream up to a limit.

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
