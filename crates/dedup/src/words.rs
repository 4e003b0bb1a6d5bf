//! Normalised words as 64-bit hashes: the one tokenisation every comparison in
//! this crate shares (sentence keys, title matching, exact hashes, shingles).
//!
//! A word is a maximal run of alphanumeric characters, lower-cased; everything
//! else (punctuation, spaces, symbols) only separates words. So "Rusia," and
//! "rusia" are the same word, and "Tiongkok-Rusia" is two words. ASCII is
//! hashed byte by byte without decoding; other characters go through
//! `char::is_alphanumeric` and `char::to_lowercase`.

/// Final mixer of MurmurHash3 (public-domain constants): spreads every input
/// bit over the whole output.
#[inline]
pub(crate) fn fmix64(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

/// Hasher for keys that are already well-mixed 64-bit hashes (sentence keys,
/// band keys, exact hashes): it passes them through instead of running
/// SipHash again. Other integers are mixed. No random state: deterministic.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
        self.0 = fmix64(self.0);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = fmix64(u64::from(n));
    }
}

/// A map keyed by a hash or an index, with [`KeyHasher`].
pub(crate) type KeyMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<KeyHasher>>;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Lower-cased ASCII alphanumerics; 0 for every other byte.
const ASCII_LOWER: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// High bit of every byte of `v` that lies strictly between `m` and `n`
/// (0 <= m <= 127, n <= 128); bytes >= 0x80 never match. Exact per byte: the
/// 7-bit arithmetic cannot carry or borrow across bytes.
#[inline]
fn bytes_between(v: u64, m: u64, n: u64) -> u64 {
    let low = v & (LO * 127);
    ((LO * (127 + n)).wrapping_sub(low) & !v & low.wrapping_add(LO * (127 - m))) & HI
}

/// High bit of every ASCII letter or digit byte of `x`.
#[inline]
fn ascii_alnum_mask(x: u64) -> u64 {
    let letters = bytes_between(x | (LO * 0x20), 0x60, 0x7b);
    let digits = bytes_between(x, 0x2f, 0x3a);
    letters | digits
}

/// 8 bytes of `bytes` from `i`, zero-padded past the end.
#[inline]
fn load8(bytes: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    if i + 8 <= bytes.len() {
        w.copy_from_slice(&bytes[i..i + 8]);
    } else {
        let rest = &bytes[i..];
        w[..rest.len()].copy_from_slice(rest);
    }
    u64::from_le_bytes(w)
}

/// Scans the ASCII letters and digits from `start` 8 bytes at a time and
/// hashes them lower-cased (`| 0x20` per byte maps `A-Z` to `a-z` and keeps
/// `a-z` and `0-9`). Returns (end of the run, hash).
#[inline]
fn ascii_run(bytes: &[u8], start: usize) -> (usize, u64) {
    let mut h = 0x9e37_79b9_7f4a_7c15u64;
    let mut i = start;
    loop {
        let x = load8(bytes, i);
        let run = ((!ascii_alnum_mask(x) & HI).trailing_zeros() / 8) as usize;
        if run == 0 {
            break;
        }
        let keep = if run == 8 { u64::MAX } else { (1u64 << (8 * run)) - 1 };
        h = (h ^ ((x | (LO * 0x20)) & keep)).wrapping_mul(0xff51_afd7_ed55_8ccd).rotate_left(29);
        i += run;
        if run < 8 || i >= bytes.len() {
            break;
        }
    }
    (i, fmix64(h ^ ((i - start) as u64)))
}

/// Hash of a word with non-ASCII characters, char by char (lower-cased).
fn unicode_word_hash(text: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for c in text.chars() {
        for lc in c.to_lowercase() {
            h = (h ^ u64::from(u32::from(lc))).wrapping_mul(FNV_PRIME);
        }
    }
    fmix64(h ^ 0x5bd1_e995)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Streams the words of `text`, calling `emit(hash)` once per word.
///
/// A word made only of ASCII letters and digits (nearly all words of
/// Indonesian and English) is found by a table scan and hashed 8 bytes at a
/// time; a word with any other alphanumeric character is hashed char by char.
/// The path depends only on the word, so equal words get equal hashes.
#[inline]
pub(crate) fn for_each_word(text: &str, mut emit: impl FnMut(u64)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        if ASCII_LOWER[b as usize] == 0 {
            if b < 0x80 {
                i += 1;
                continue;
            }
            // A non-ASCII char: a separator or the start of a Unicode word.
            let c = text[i..].chars().next().unwrap_or(' ');
            if !is_word_char(c) {
                i += c.len_utf8();
                continue;
            }
        }
        // A word starts at i: scan its ASCII part.
        let start = i;
        let (end, hash) = ascii_run(bytes, start);
        i = end;
        if i < n && bytes[i] >= 0x80 && text[i..].chars().next().is_some_and(is_word_char) {
            // Mixed or non-ASCII word: extend over every word char.
            let mut end = i;
            for (off, c) in text[i..].char_indices() {
                if !is_word_char(c) {
                    end = i + off;
                    break;
                }
                end = i + off + c.len_utf8();
            }
            emit(unicode_word_hash(&text[start..end]));
            i = end;
        } else {
            emit(hash);
        }
    }
}

/// Streams the alphanumeric characters of `text` (lower-cased) as hashes:
/// the units of character shingles for text written without spaces.
pub(crate) fn for_each_char_unit(text: &str, mut emit: impl FnMut(u64)) {
    for c in text.chars() {
        if c.is_alphanumeric() {
            for lc in c.to_lowercase() {
                emit(fmix64(u64::from(u32::from(lc)) ^ 0x9e37_79b9_7f4a_7c15));
            }
        }
    }
}

/// Word hashes of `text`, appended to `out`.
#[cfg(test)]
pub(crate) fn word_hashes(text: &str, out: &mut Vec<u64>) {
    for_each_word(text, |h| out.push(h))
}

const POLY_BASE: u64 = 0x9e37_79b9_7f4a_7c15;

/// Polynomial hash of a word sequence, `sum h_i * B^(n-1-i) mod 2^64`: the
/// hash of a concatenation is computed from the parts' hashes, so the
/// exact hash of an article is assembled from its sentences' without a
/// second pass over the words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct PolyHash {
    pub h: u64,
    pub n: u64,
}

impl PolyHash {
    #[inline]
    pub(crate) fn push(&mut self, word: u64) {
        self.h = self.h.wrapping_mul(POLY_BASE).wrapping_add(word);
        self.n += 1;
    }

    pub(crate) fn extend(&mut self, other: PolyHash) {
        self.h = self.h.wrapping_mul(pow(POLY_BASE, other.n)).wrapping_add(other.h);
        self.n += other.n;
    }

    /// A well-mixed 64-bit key of the sequence.
    pub(crate) fn key(&self) -> u64 {
        fmix64(self.h ^ fmix64(self.n ^ 0x243f_6a88_85a3_08d3))
    }
}

fn pow(mut base: u64, mut exp: u64) -> u64 {
    let mut acc = 1u64;
    while exp > 0 {
        if exp & 1 == 1 {
            acc = acc.wrapping_mul(base);
        }
        base = base.wrapping_mul(base);
        exp >>= 1;
    }
    acc
}

/// Polynomial hash of the words of `text`.
pub(crate) fn poly_of(text: &str) -> PolyHash {
    let mut p = PolyHash::default();
    for_each_word(text, |h| p.push(h));
    p
}

/// Key of a piece of text that ignores case, punctuation and spacing, with
/// its word count: two sentences with the same key say the same words.
#[cfg(test)]
pub(crate) fn text_key(text: &str) -> (u64, u32) {
    let p = poly_of(text);
    (p.key(), p.n as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> Vec<u64> {
        let mut v = Vec::new();
        word_hashes(t, &mut v);
        v
    }

    #[test]
    fn case_punctuation_and_spacing_do_not_matter() {
        assert_eq!(words("Rusia, Ukraina!"), words("rusia   UKRAINA"));
        assert_eq!(text_key("Namun mereka terbatas."), text_key("namun  Mereka terbatas"));
        assert_ne!(text_key("mereka namun"), text_key("namun mereka"));
        assert_eq!(words("Tiongkok-Rusia").len(), 2);
    }

    #[test]
    fn non_ascii_words_are_lowercased() {
        assert_eq!(words("ÉCOLE Straße"), words("école straße"));
        assert_eq!(words("“Halo” — ya").len(), 2);
        assert!(words("").is_empty());
        assert!(words(" .,;— ").is_empty());
    }

    #[test]
    fn poly_hash_of_parts_equals_hash_of_whole() {
        let mut a = poly_of("Satu dua tiga.");
        a.extend(poly_of(""));
        a.extend(poly_of("Empat, lima!"));
        assert_eq!(a, poly_of("satu dua tiga empat lima"));
        assert_ne!(poly_of("satu dua").key(), poly_of("dua satu").key());
    }

    #[test]
    fn swar_classification_matches_bytewise() {
        for b in 0u8..=255 {
            let x = u64::from_le_bytes([b, b'a', b, b'Z', b'0', b, b'9', b]);
            let m = ascii_alnum_mask(x);
            for (k, &byte) in x.to_le_bytes().iter().enumerate() {
                let want = byte.is_ascii_alphanumeric();
                assert_eq!(m >> (8 * k + 7) & 1 == 1, want, "byte {byte:#x} at {k}");
            }
        }
    }

    #[test]
    fn a_word_hashes_the_same_anywhere_in_the_text() {
        let one = words("Kementerian");
        for pad in 0..20 {
            let t = format!("{} Kementerian, x", "a ".repeat(pad));
            let w = words(&t);
            assert_eq!(w[pad], one[0], "pad {pad}");
            let t = format!("{}KEMENTERIAN", ". ".repeat(pad));
            assert_eq!(*words(&t).last().unwrap(), one[0]);
        }
        assert_ne!(words("kementerian1"), one);
        assert_ne!(words("ab"), words("abab"));
        assert_eq!(words("abcdefghijklmnopq").len(), 1);
        assert_ne!(words("abcdefgh"), words("abcdefgh0"));
    }

    #[test]
    fn char_units_skip_punctuation() {
        let mut a = Vec::new();
        for_each_char_unit("北京，欢迎你", |h| a.push(h));
        assert_eq!(a.len(), 5);
    }
}
