//! Bytes to text: UTF-8 when it is, a transcoding when the bytes are in a
//! legacy encoding that is declared or can be detected, and a lossy decoding
//! with counted replacements otherwise.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// How a byte string became text.
#[derive(Debug, PartialEq)]
pub enum Decoded {
    /// The bytes were valid UTF-8 (a leading BOM is dropped).
    Utf8(String),
    /// The bytes were in a legacy encoding and were transcoded without loss.
    Transcoded { text: String, encoding: &'static str },
    /// Broken UTF-8 (or an undetectable encoding): invalid sequences became
    /// U+FFFD. `replacements` counts them, `chars` counts every character.
    Lossy { text: String, replacements: usize, chars: usize },
}

impl Decoded {
    pub fn text(&self) -> &str {
        match self {
            Decoded::Utf8(t) | Decoded::Transcoded { text: t, .. } | Decoded::Lossy { text: t, .. } => t,
        }
    }

    pub fn into_text(self) -> String {
        match self {
            Decoded::Utf8(t) | Decoded::Transcoded { text: t, .. } | Decoded::Lossy { text: t, .. } => t,
        }
    }
}

/// Decodes `bytes`. `declared` is an encoding named by the container (an HTTP
/// `Content-Type` charset, an HTML `<meta charset>`); it is trusted only when
/// the bytes are not already valid UTF-8 and decode in it without error.
pub fn decode(bytes: Vec<u8>, declared: Option<&'static Encoding>) -> Decoded {
    // A byte-order mark is the strongest declaration there is.
    if let Some((enc, bom_len)) = Encoding::for_bom(&bytes) {
        if enc == UTF_16LE || enc == UTF_16BE {
            let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
            let text = text.into_owned();
            if !had_errors {
                return Decoded::Transcoded { text, encoding: enc.name() };
            }
            return lossy_summary(text);
        }
        if enc == UTF_8 {
            return decode(bytes[bom_len..].to_vec(), declared);
        }
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Decoded::Utf8(text),
        Err(e) => e.into_bytes(),
    };
    if let Some(enc) = declared.filter(|e| *e != UTF_8 && *e != UTF_16LE && *e != UTF_16BE) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes);
        if !had_errors {
            return Decoded::Transcoded { text: text.into_owned(), encoding: enc.name() };
        }
    }
    if !looks_like_broken_utf8(&bytes) {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(&bytes, true);
        let enc = detector.guess(None, chardetng::Utf8Detection::Deny);
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes);
        if !had_errors {
            return Decoded::Transcoded { text: text.into_owned(), encoding: enc.name() };
        }
    }
    lossy_summary(String::from_utf8_lossy(&bytes).into_owned())
}

fn lossy_summary(text: String) -> Decoded {
    let mut replacements = 0;
    let mut chars = 0;
    for c in text.chars() {
        chars += 1;
        replacements += usize::from(c == char::REPLACEMENT_CHARACTER);
    }
    Decoded::Lossy { text, replacements, chars }
}

/// True when the non-ASCII bytes are mostly valid UTF-8 sequences, so the
/// invalid ones are damage (a cut multi-byte character, a stray byte) rather
/// than a legacy encoding: transcoding such text would garble the good part.
fn looks_like_broken_utf8(bytes: &[u8]) -> bool {
    let mut valid_multibyte = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        if !valid.is_ascii() {
            valid_multibyte += valid.chars().filter(|c| !c.is_ascii()).count();
        }
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    valid_multibyte > invalid
}

/// Looks up an encoding label (`windows-1252`, `latin1`, `utf-8`, …) as the
/// WHATWG Encoding Standard defines labels.
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().trim_matches(|c| c == '"' || c == '\'').as_bytes())
}

/// True when the sample looks like binary data rather than text in any
/// encoding: NUL bytes (outside UTF-16, which has a BOM) or many C0 control
/// characters.
pub fn looks_binary(sample: &[u8]) -> bool {
    if sample.is_empty() || Encoding::for_bom(sample).is_some_and(|(e, _)| e != UTF_8) {
        return false;
    }
    if memchr::memchr(0, sample).is_some() {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    controls * 10 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_utf8_is_passed_through() {
        assert_eq!(decode("Halo “dunia”".as_bytes().to_vec(), None), Decoded::Utf8("Halo “dunia”".into()));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(b"abc");
        assert_eq!(decode(bom, None), Decoded::Utf8("abc".into()));
    }

    #[test]
    fn windows_1252_is_detected_and_transcoded() {
        // "Café “déjà vu” – naïve" in windows-1252.
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("Café “déjà vu” – naïve façade, über");
        match decode(bytes.into_owned(), None) {
            Decoded::Transcoded { text, encoding } => {
                assert_eq!(text, "Café “déjà vu” – naïve façade, über");
                assert_eq!(encoding, "windows-1252");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn declared_encoding_wins_over_detection() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Привет, мир");
        match decode(bytes.into_owned(), Some(encoding_rs::WINDOWS_1251)) {
            Decoded::Transcoded { text, encoding } => {
                assert_eq!(text, "Привет, мир");
                assert_eq!(encoding, "windows-1251");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn utf16_with_bom_is_transcoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Berita hari ini".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(bytes, None).text(), "Berita hari ini");
    }

    #[test]
    fn damaged_utf8_is_decoded_lossily_and_counted() {
        let mut bytes = "Ibu kota “Jakarta” – é".as_bytes().to_vec();
        bytes.push(0xE2); // a cut three-byte sequence
        match decode(bytes, None) {
            Decoded::Lossy { replacements, chars, text } => {
                assert_eq!(replacements, 1);
                assert_eq!(chars, text.chars().count());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn binary_is_recognised() {
        assert!(looks_binary(b"\x7fELF\x02\x01\x01\x00\x00\x00"));
        assert!(!looks_binary(b"plain text\r\nwith lines\t"));
        assert!(!looks_binary(b""));
        assert!(!looks_binary(&[0xFF, 0xFE, b'a', 0]));
    }
}
