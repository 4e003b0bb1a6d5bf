//! Document fingerprints: the exact hash of the normalised words, and a
//! MinHash sketch for near duplicates.
//!
//! # The sketch
//! - **Shingles**: `shingle_words` consecutive normalised words (see
//!   the `words` module); for text written without spaces (more than 40 bytes
//!   per "word", e.g. Chinese, Japanese, Thai) `shingle_chars` consecutive
//!   alphanumeric characters. A text shorter than one shingle is one shingle.
//!   Each shingle is a 64-bit rolling polynomial hash of its word hashes.
//! - **One-permutation MinHash** (Li, Owen & Zhang 2012): the high 32 bits of
//!   a shingle's hash pick one of `num_perm` bins, the low 32 bits are its
//!   value, each bin keeps its minimum. One hash per shingle instead of
//!   `num_perm`, which is what makes >100 MB/s per core possible.
//! - **Optimal densification** (Shrivastava 2017): an empty bin copies the
//!   value of the first non-empty bin on a fixed pseudo-random probe sequence
//!   of its own, so two documents' bins still agree with probability exactly
//!   their Jaccard similarity.
//! - **4-bit values** (b-bit MinHash, Li & König 2010): only 4 bits of a
//!   multiplicative mix of each bin's value and index are kept, two per byte: 256 bins = 128 bytes. Two bins
//!   agree with probability `p = J + (1 - J)/16`, so `J = (p - 1/16)/(15/16)`.
//!   At J = 0.8 the estimate's standard deviation is about 0.026 with 256
//!   bins (0.035 for 128 full 32-bit values of classic MinHash at the same
//!   J would need 512 bytes).
//! - **Band keys**: band `b` packs the 4-bit values of bins `b*rows ..
//!   (b+1)*rows` (rows <= 16) into a u64 and mixes it with `b`. Band keys are
//!   computed from the stored 4-bit values, so an index loaded from disk
//!   produces the same keys as a fresh run.

use crate::words::{fmix64, for_each_char_unit, for_each_word, PolyHash};

/// Parameters that shape a signature; an index stores them and refuses to be
/// loaded with others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct SigParams {
    pub num_perm: u32,
    pub bands: u32,
    pub rows: u32,
    pub shingle_words: u32,
    pub shingle_chars: u32,
}

impl SigParams {
    pub(crate) fn sketch_bytes(&self) -> usize {
        self.num_perm as usize / 2
    }
}

/// What the index needs of one document.
#[derive(Debug, Clone)]
pub(crate) struct Fingerprint {
    /// Hash of the normalised words (case, punctuation and spacing ignored),
    /// [`PolyHash::key`].
    pub exact: u64,
    /// 4-bit MinHash values, two per byte; empty when near duplicates are off.
    pub sketch: Vec<u8>,
}

/// Fewest words of a text compared for near duplicates.
pub(crate) const MIN_WORDS_FOR_NEAR: usize = 10;
/// Bytes per "word" above which a text is taken as written without spaces.
const NO_SPACE_BYTES_PER_WORD: usize = 40;
const ROLL_BASE: u64 = 0x0000_0100_0000_01b3 | 1;
const EMPTY: u32 = u32::MAX;

/// Computes the fingerprint of `text`; `None` when it has no word at all.
/// `units` is a reusable buffer.
pub(crate) fn fingerprint(text: &str, p: &SigParams, near: bool, units: &mut Vec<u64>) -> Option<Fingerprint> {
    fingerprint_pieces(&[text], p, near, units)
}

/// The fingerprint of the concatenation of `pieces` (the sentences an
/// article keeps), as if they were one text.
pub(crate) fn fingerprint_pieces(
    pieces: &[&str],
    p: &SigParams,
    near: bool,
    units: &mut Vec<u64>,
) -> Option<Fingerprint> {
    units.clear();
    let mut poly = PolyHash::default();
    let mut len = 0usize;
    for piece in pieces {
        len += piece.len();
        for_each_word(piece, |h| {
            poly.push(h);
            units.push(h);
        });
    }
    if units.is_empty() {
        return None;
    }
    let exact = poly.key();
    if !near {
        return Some(Fingerprint { exact, sketch: Vec::new() });
    }
    let mut n = p.shingle_words.max(1) as usize;
    if len >= 64 && len / units.len() > NO_SPACE_BYTES_PER_WORD {
        units.clear();
        for piece in pieces {
            for_each_char_unit(piece, |h| units.push(h));
        }
        n = p.shingle_chars.max(1) as usize;
    }
    // Too few words for a meaningful similarity ("Oleh Sulardi"): such a
    // text is matched exactly or not at all.
    if units.len() < MIN_WORDS_FOR_NEAR {
        return Some(Fingerprint { exact, sketch: Vec::new() });
    }
    Some(Fingerprint { exact, sketch: sketch_of_units(units, n, p) })
}

fn sketch_of_units(units: &[u64], n: usize, p: &SigParams) -> Vec<u8> {
    let k = p.num_perm as usize;
    let mut mins = vec![EMPTY; k];
    let k64 = k as u64;
    let mut add = |h: u64| {
        let h = fmix64(h ^ 0x5851_f42d_4c95_7f2d);
        let bin = (((h >> 32) * k64) >> 32) as usize;
        let v = h as u32;
        if v < mins[bin] {
            mins[bin] = v;
        }
    };
    if units.len() <= n {
        let mut h = 0u64;
        for &u in units {
            h = h.wrapping_mul(ROLL_BASE).wrapping_add(u);
        }
        add(h);
    } else {
        // Rolling polynomial over the window: H = sum u[i+j] * B^(n-1-j).
        let top = (1..n).fold(1u64, |acc, _| acc.wrapping_mul(ROLL_BASE));
        let mut h = 0u64;
        for &u in &units[..n] {
            h = h.wrapping_mul(ROLL_BASE).wrapping_add(u);
        }
        add(h);
        for i in n..units.len() {
            h = h.wrapping_sub(units[i - n].wrapping_mul(top)).wrapping_mul(ROLL_BASE).wrapping_add(units[i]);
            add(h);
        }
    }
    densify(&mut mins);
    let mut sketch = vec![0u8; k / 2];
    for (i, &v) in mins.iter().enumerate() {
        // 4 bits of a mix of the value *and the bin*: two different values
        // agree with probability 1/16 independently in every bin, even when
        // densification copied one value into many bins (a short text).
        let x = (u64::from(v) | ((i as u64) << 32)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let nib = (x >> 60) as u8;
        sketch[i / 2] |= nib << (4 * (i & 1));
    }
    sketch
}

/// Probe targets remembered per bin: a sparse document finds a filled bin
/// within a few probes, so most densification work becomes table look-ups.
const PROBES_PER_BIN: usize = 16;

#[inline]
fn probe_target(i: usize, attempt: u64, k: usize) -> usize {
    let h = fmix64(((i as u64) << 32) ^ attempt ^ 0x7f4a_7c15_9e37_79b9);
    (((h >> 32) * k as u64) >> 32) as usize
}

/// The first [`PROBES_PER_BIN`] probe targets of every bin, for the first
/// bin count asked for (in practice the configured one); other counts probe
/// without the table, with the same results.
fn probe_table(k: usize) -> Option<&'static [u16]> {
    static TABLE: std::sync::OnceLock<(usize, Vec<u16>)> = std::sync::OnceLock::new();
    let (tk, t) = TABLE.get_or_init(|| {
        let t = (0..k)
            .flat_map(|i| (0..PROBES_PER_BIN as u64).map(move |a| probe_target(i, a, k) as u16))
            .collect();
        (k, t)
    });
    (*tk == k && k <= usize::from(u16::MAX)).then_some(t.as_slice())
}

/// Optimal densification: empty bin `i` takes the value of the first
/// originally non-empty bin on its own probe sequence `hash(i, attempt)`.
fn densify(mins: &mut [u32]) {
    let k = mins.len();
    let filled: Vec<bool> = mins.iter().map(|&v| v != EMPTY).collect();
    if filled.iter().all(|&f| f) || !filled.iter().any(|&f| f) {
        return;
    }
    let table = probe_table(k);
    for i in 0..k {
        if filled[i] {
            continue;
        }
        let mut source = None;
        if let Some(t) = table {
            source = t[i * PROBES_PER_BIN..(i + 1) * PROBES_PER_BIN]
                .iter()
                .map(|&j| j as usize)
                .find(|&j| filled[j]);
        }
        let source = source.unwrap_or_else(|| {
            let start = if table.is_some() { PROBES_PER_BIN as u64 } else { 0 };
            let mut attempt = start;
            loop {
                let j = probe_target(i, attempt, k);
                if filled[j] {
                    break j;
                }
                attempt += 1;
                if attempt > 64 * k as u64 {
                    // Practically unreachable; a deterministic linear probe ends it.
                    break (i..k).chain(0..i).find(|&j| filled[j]).unwrap_or(i);
                }
            }
        });
        mins[i] = mins[source];
    }
}

#[inline]
pub(crate) fn nibble(sketch: &[u8], i: usize) -> u64 {
    u64::from((sketch[i / 2] >> (4 * (i & 1))) & 0xF)
}

/// LSH key of every band, in band order.
pub(crate) fn band_keys(sketch: &[u8], p: &SigParams, out: &mut Vec<u64>) {
    out.clear();
    for b in 0..p.bands as usize {
        out.push(band_key(sketch, b, p.rows as usize));
    }
}

/// LSH key of band `b`: its `rows` 4-bit values packed, mixed with `b`.
#[inline]
pub(crate) fn band_key(sketch: &[u8], b: usize, rows: usize) -> u64 {
    let mut packed = 0u64;
    for r in 0..rows {
        packed |= nibble(sketch, b * rows + r) << (4 * r);
    }
    fmix64(packed ^ fmix64(b as u64 + 0x1357_9bdf))
}

/// Fraction of the bins whose 4-bit values agree.
pub(crate) fn agreement(a: &[u8], b: &[u8]) -> f64 {
    let k = (a.len().min(b.len()) * 2) as u32;
    if k == 0 {
        return 0.0;
    }
    let mut mismatches = 0u32;
    let mut ca = a.chunks_exact(8);
    let mut cb = b.chunks_exact(8);
    for (x, y) in (&mut ca).zip(&mut cb) {
        let mut ax = [0u8; 8];
        let mut bx = [0u8; 8];
        ax.copy_from_slice(x);
        bx.copy_from_slice(y);
        let d = u64::from_le_bytes(ax) ^ u64::from_le_bytes(bx);
        // One bit per differing nibble.
        let t = (d | d >> 1 | d >> 2 | d >> 3) & 0x1111_1111_1111_1111;
        mismatches += t.count_ones();
    }
    for (x, y) in ca.remainder().iter().zip(cb.remainder()) {
        let d = x ^ y;
        mismatches += u32::from(d & 0x0F != 0) + u32::from(d & 0xF0 != 0);
    }
    f64::from(k - mismatches) / f64::from(k)
}

/// Unbiased estimate of the Jaccard similarity from two 4-bit sketches.
pub(crate) fn estimate_jaccard(a: &[u8], b: &[u8]) -> f64 {
    ((agreement(a, b) - 1.0 / 16.0) / (15.0 / 16.0)).clamp(0.0, 1.0)
}

/// Probability that two documents with Jaccard similarity `j` share at least
/// one band key (the LSH S-curve), with 4-bit bin values.
pub fn candidate_probability(j: f64, bands: usize, rows: usize) -> f64 {
    let p = j + (1.0 - j) / 16.0;
    1.0 - (1.0 - p.powi(rows as i32)).powi(bands as i32)
}

/// Exact Jaccard similarity of the shingle sets of two texts, with the same
/// shingling as the sketches (for verification in evaluations and tests).
pub fn exact_jaccard(a: &str, b: &str, shingle_words: usize) -> f64 {
    let sa = shingle_set(a, shingle_words);
    let sb = shingle_set(b, shingle_words);
    if sa.is_empty() && sb.is_empty() {
        return 1.0;
    }
    let (small, large) = if sa.len() <= sb.len() { (&sa, &sb) } else { (&sb, &sa) };
    let inter = small.iter().filter(|h| large.binary_search(h).is_ok()).count();
    inter as f64 / (sa.len() + sb.len() - inter) as f64
}

/// Sorted, distinct word-shingle hashes of `text`.
pub fn shingle_set(text: &str, shingle_words: usize) -> Vec<u64> {
    let mut units = Vec::new();
    for_each_word(text, |h| units.push(h));
    let n = shingle_words.max(1);
    let mut out = Vec::new();
    if units.is_empty() {
        return out;
    }
    if units.len() <= n {
        let mut h = 0u64;
        for &u in &units {
            h = h.wrapping_mul(ROLL_BASE).wrapping_add(u);
        }
        out.push(h);
    } else {
        for w in units.windows(n) {
            let mut h = 0u64;
            for &u in w {
                h = h.wrapping_mul(ROLL_BASE).wrapping_add(u);
            }
            out.push(h);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params() -> SigParams {
        SigParams { num_perm: 256, bands: 32, rows: 8, shingle_words: 5, shingle_chars: 4 }
    }

    fn text(seed: u64, n: usize) -> String {
        let mut s = String::new();
        let mut x = seed;
        for i in 0..n {
            x = fmix64(x.wrapping_add(i as u64));
            s.push_str(&format!("w{} ", x % 5000));
        }
        s
    }

    #[test]
    fn identical_texts_have_identical_sketches_and_unrelated_ones_do_not() {
        let p = params();
        let mut buf = Vec::new();
        let a = fingerprint(&text(1, 300), &p, true, &mut buf).unwrap();
        let b = fingerprint(&text(1, 300), &p, true, &mut buf).unwrap();
        let c = fingerprint(&text(2, 300), &p, true, &mut buf).unwrap();
        assert_eq!(a.sketch, b.sketch);
        assert_eq!(a.exact, b.exact);
        assert_eq!(a.sketch.len(), 128);
        assert!(estimate_jaccard(&a.sketch, &c.sketch) < 0.15);
        assert!((estimate_jaccard(&a.sketch, &b.sketch) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn rolling_shingles_equal_windowed_shingles() {
        // The rolling hash in the sketch and the windowed one in shingle_set
        // must agree, or the exact Jaccard would measure something else.
        let t = text(3, 50);
        let mut units = Vec::new();
        for_each_word(&t, |h| units.push(h));
        let top = (1..5).fold(1u64, |acc, _| acc.wrapping_mul(ROLL_BASE));
        let mut h = 0u64;
        for &u in &units[..5] {
            h = h.wrapping_mul(ROLL_BASE).wrapping_add(u);
        }
        let mut rolled = vec![h];
        for i in 5..units.len() {
            h = h.wrapping_sub(units[i - 5].wrapping_mul(top)).wrapping_mul(ROLL_BASE).wrapping_add(units[i]);
            rolled.push(h);
        }
        rolled.sort_unstable();
        rolled.dedup();
        assert_eq!(rolled, shingle_set(&t, 5));
    }

    #[test]
    fn estimate_tracks_true_jaccard() {
        let p = params();
        let mut buf = Vec::new();
        let base: Vec<String> = text(7, 600).split(' ').map(str::to_string).collect();
        for &(keep_every, _) in &[(10usize, 0.0f64), (4, 0.0), (2, 0.0)] {
            // Replace every `keep_every`-th word: changes ~n/keep_every*5 shingles.
            let edited: Vec<String> = base
                .iter()
                .enumerate()
                .map(|(i, w)| if i % keep_every == 0 { format!("x{i}") } else { w.clone() })
                .collect();
            let a = base.join(" ");
            let b = edited.join(" ");
            let truth = exact_jaccard(&a, &b, 5);
            let fa = fingerprint(&a, &p, true, &mut buf).unwrap();
            let fb = fingerprint(&b, &p, true, &mut buf).unwrap();
            let est = estimate_jaccard(&fa.sketch, &fb.sketch);
            assert!((est - truth).abs() < 0.12, "truth {truth} est {est}");
        }
    }

    #[test]
    fn text_without_spaces_uses_character_shingles() {
        let p = params();
        let mut buf = Vec::new();
        let a = "北京欢迎你今天天气很好我们一起去公园散步然后吃午饭下午回家休息晚上看电视新闻报道了很多事情";
        let b = "北京欢迎你今天天气很好我们一起去公园散步然后吃晚饭下午回家休息晚上看电视新闻报道了很多事情";
        let fa = fingerprint(a, &p, true, &mut buf).unwrap();
        let fb = fingerprint(b, &p, true, &mut buf).unwrap();
        assert_ne!(fa.exact, fb.exact);
        // One character changed out of ~45: most 4-char shingles survive.
        assert!(estimate_jaccard(&fa.sketch, &fb.sketch) > 0.6);
    }

    #[test]
    fn s_curve_is_steep_around_the_threshold() {
        assert!(candidate_probability(0.8, 32, 8) > 0.99);
        assert!(candidate_probability(0.3, 32, 8) < 0.05);
        assert!(candidate_probability(0.0, 32, 8) < 1e-6);
    }

    #[test]
    fn empty_and_punctuation_only_text_have_no_fingerprint() {
        let mut buf = Vec::new();
        assert!(fingerprint("", &params(), true, &mut buf).is_none());
        assert!(fingerprint(" -- ... ", &params(), true, &mut buf).is_none());
        let short = fingerprint("Hai", &params(), true, &mut buf).unwrap();
        assert!(short.sketch.is_empty(), "too short for near duplicates");
        let ten = fingerprint("satu dua tiga empat lima enam tujuh delapan sembilan sepuluh", &params(), true, &mut buf);
        assert_eq!(ten.unwrap().sketch.len(), 128);
    }

    #[test]
    fn two_short_texts_with_different_words_do_not_look_alike() {
        // Densification copies one value into many bins; the bin index in the
        // 4-bit mix keeps their agreement at chance level.
        let p = params();
        let mut buf = Vec::new();
        for seed in 0..20u64 {
            let a = fingerprint(&text(seed, 12), &p, true, &mut buf).unwrap();
            let b = fingerprint(&text(seed + 100, 12), &p, true, &mut buf).unwrap();
            assert!(estimate_jaccard(&a.sketch, &b.sketch) < 0.2);
        }
    }
}
