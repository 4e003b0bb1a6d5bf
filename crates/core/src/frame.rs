//! The bincode stage-to-stage format: a header, then length-prefixed frames,
//! one [`Article`] each, with byte offsets (no conversion cost).
//!
//! ```text
//! header: b"WARTA\x00BN" (8 bytes) | format version u16 LE
//! frame:  payload length u32 LE | bincode 2 (standard config) of Article
//! ```
//! A reader refuses another magic or version with a clear error instead of
//! misreading the bytes.

use std::io::{self, Read, Write};

use crate::{Article, Error, Result};

pub const MAGIC: &[u8; 8] = b"WARTA\x00BN";
/// 2 (session 18): `EntitySummary` gained `aliases`.
pub const VERSION: u16 = 2;
/// Frames above this size are refused rather than allocated.
pub const MAX_FRAME: u32 = 1 << 30;

fn config() -> bincode::config::Configuration {
    bincode::config::standard()
}

pub struct FrameWriter<W: Write> {
    inner: W,
    buf: Vec<u8>,
}

impl<W: Write> FrameWriter<W> {
    pub fn new(mut inner: W) -> io::Result<Self> {
        inner.write_all(MAGIC)?;
        inner.write_all(&VERSION.to_le_bytes())?;
        Ok(FrameWriter { inner, buf: Vec::new() })
    }

    pub fn write(&mut self, a: &Article) -> io::Result<()> {
        self.buf.clear();
        bincode::serde::encode_into_std_write(a, &mut self.buf, config())
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))?;
        let len = u32::try_from(self.buf.len()).map_err(|_| io::Error::other("frame over 4 GiB"))?;
        self.inner.write_all(&len.to_le_bytes())?;
        self.inner.write_all(&self.buf)
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }

    pub fn into_inner(self) -> W {
        self.inner
    }
}

pub struct FrameReader<R: Read> {
    inner: R,
    buf: Vec<u8>,
}

impl<R: Read> FrameReader<R> {
    /// Reads and checks the header.
    pub fn new(mut inner: R) -> Result<Self> {
        let mut head = [0u8; 10];
        inner.read_exact(&mut head).map_err(|_| Error::Format("input too short for a warta bincode header".into()))?;
        if &head[..8] != MAGIC {
            return Err(Error::Format("not a warta bincode stream (bad magic); use --format jsonl".into()));
        }
        let version = u16::from_le_bytes([head[8], head[9]]);
        if version != VERSION {
            return Err(Error::Format(format!(
                "warta bincode format version {version}, this build reads version {VERSION}"
            )));
        }
        Ok(FrameReader { inner, buf: Vec::new() })
    }

    /// The next article, `None` at a clean end of stream.
    pub fn next_article(&mut self) -> Result<Option<Article>> {
        let mut len = [0u8; 4];
        match read_full(&mut self.inner, &mut len)? {
            0 => return Ok(None),
            4 => {}
            n => return Err(Error::Format(format!("truncated frame header ({n} of 4 bytes)"))),
        }
        let len = u32::from_le_bytes(len);
        if len > MAX_FRAME {
            return Err(Error::Format(format!("frame of {len} bytes exceeds the limit")));
        }
        // Read what is there instead of allocating what the header claims: a
        // damaged length costs only the bytes that really follow.
        self.buf.clear();
        let got = (&mut self.inner).take(u64::from(len)).read_to_end(&mut self.buf)?;
        if got != len as usize {
            return Err(Error::Format(format!("truncated frame ({got} of {len} bytes)")));
        }
        // The payload bounds every length inside it, too.
        let (a, _) = bincode::serde::decode_from_slice(&self.buf, config().with_limit::<{ MAX_FRAME as usize }>())
            .map_err(|e| Error::Format(format!("bad frame: {e}")))?;
        Ok(Some(a))
    }
}

fn read_full(r: &mut impl Read, buf: &mut [u8]) -> Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Span, Source};

    #[test]
    fn frames_round_trip_with_extra_fields() {
        let mut a = Article::new("a", "Halo “dunia”. Lagi.");
        a.sentences = vec![Span::new(0, 16)];
        a.source = Source { file: "x.jsonl".into(), record: 3, offset: Some(10) };
        a.extra.0.insert("category".into(), serde_json::json!({"k": [1, null]}));
        let mut w = FrameWriter::new(Vec::new()).unwrap();
        w.write(&a).unwrap();
        w.write(&Article::new("b", "")).unwrap();
        let bytes = w.into_inner();
        let mut r = FrameReader::new(&bytes[..]).unwrap();
        assert_eq!(r.next_article().unwrap().unwrap(), a);
        assert_eq!(r.next_article().unwrap().unwrap().id, "b");
        assert!(r.next_article().unwrap().is_none());
    }

    #[test]
    fn a_lying_frame_length_costs_no_memory() {
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&VERSION.to_le_bytes());
        bytes.extend_from_slice(&(MAX_FRAME - 1).to_le_bytes());
        bytes.extend_from_slice(b"short");
        let mut r = FrameReader::new(&bytes[..]).unwrap();
        assert!(r.next_article().is_err());
        assert!(r.buf.capacity() < 1 << 20);
    }

    #[test]
    fn refuses_foreign_and_truncated_input() {
        assert!(FrameReader::new(&b"{\"id\":1}\n"[..]).is_err());
        let mut w = FrameWriter::new(Vec::new()).unwrap();
        w.write(&Article::new("a", "teks")).unwrap();
        let bytes = w.into_inner();
        let mut r = FrameReader::new(&bytes[..bytes.len() - 2]).unwrap();
        assert!(r.next_article().is_err());
    }
}
