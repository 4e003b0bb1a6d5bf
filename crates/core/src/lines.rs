//! A line reader whose memory is bounded whatever the line: a 200 MB line
//! costs no more than the limit, and is reported as too long rather than
//! stored. Ingestion reads JSONL with it, and single stages read their
//! JSONL input with it.

use std::io::{self, BufRead};

/// One line from [`LineReader`].
#[derive(Debug)]
pub struct Line<'a> {
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
pub struct Break {
    pub error: io::Error,
    /// Decompressed bytes read before the break.
    pub at: u64,
    /// Line number of the line being read when it broke.
    pub line: u64,
    /// Bytes of that partial line (dropped).
    pub partial: u64,
}

/// Reads `\n`-terminated lines, never holding more than `max` bytes of one.
pub struct LineReader<R> {
    inner: R,
    buf: Vec<u8>,
    max: usize,
    consumed: u64,
    number: u64,
}

impl<R: BufRead> LineReader<R> {
    pub fn new(inner: R, max: usize) -> Self {
        LineReader { inner, buf: Vec::new(), max, consumed: 0, number: 0 }
    }

    /// Bytes consumed from the stream so far, newlines included.
    pub fn consumed(&self) -> u64 {
        self.consumed
    }

    /// The next line, `Ok(None)` at the end, `Err` when the stream breaks.
    pub fn next_line(&mut self) -> Result<Option<Line<'_>>, Break> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::BufReader;

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
