//! Word clusters learned from unlabelled text (training time only).
//!
//! Each frequent word gets a distributional vector: positive PMI of its left
//! and right neighbours among the most frequent context words, randomly
//! projected (a fixed, seeded sparse projection) to `DIMS` dimensions and
//! normalised. Spherical k-means groups the words into `FINE` clusters; the
//! centroids are clustered again into `MID` and `COARSE` clusters, giving three
//! granularities, as Brown-cluster prefixes do. A fourth value is how often
//! the word is capitalised when it is not sentence-initial (in tenths), a
//! strong name signal learned from the same text.

use std::collections::HashMap;

use crate::tokenize::tokenize_span;
use warta_core::Span;

pub const DIMS: usize = 128;
pub const FINE: usize = 768;
pub const MID: usize = 128;
pub const COARSE: usize = 24;

/// Collects word and context counts from raw text.
#[derive(Default)]
pub struct Corpus {
    ids: HashMap<String, u32>,
    words: Vec<String>,
    freq: Vec<u64>,
    /// Non-initial occurrences and how many of them were capitalised.
    mid_sentence: Vec<u32>,
    mid_capitalised: Vec<u32>,
    /// Sequence of word ids with u32::MAX as sentence separator.
    stream: Vec<u32>,
    tokens: Vec<Span>,
    lower: String,
}

impl Corpus {
    fn id(&mut self, lower: &str) -> u32 {
        if let Some(&i) = self.ids.get(lower) {
            return i;
        }
        let i = self.words.len() as u32;
        self.ids.insert(lower.to_string(), i);
        self.words.push(lower.to_string());
        self.freq.push(0);
        self.mid_sentence.push(0);
        self.mid_capitalised.push(0);
        i
    }

    /// Adds a text (split into rough sentences at line breaks and full stops).
    pub fn add_text(&mut self, text: &str) {
        self.tokens.clear();
        tokenize_span(text, Span::new(0, text.len()), &mut self.tokens);
        let tokens = std::mem::take(&mut self.tokens);
        let mut initial = true;
        let mut prev_end = 0;
        for t in &tokens {
            let w = t.slice(text);
            if text[prev_end..t.start].contains('\n') {
                self.stream.push(u32::MAX);
                initial = true;
            }
            prev_end = t.end;
            self.add_word(w, initial);
            initial = matches!(w, "." | "!" | "?" | "\"" | "“" | "”");
            if matches!(w, "." | "!" | "?") {
                self.stream.push(u32::MAX);
            }
        }
        self.stream.push(u32::MAX);
        self.tokens = tokens;
    }

    /// Adds a pre-tokenised sentence.
    pub fn add_sentence(&mut self, words: &[&str]) {
        for (i, w) in words.iter().enumerate() {
            self.add_word(w, i == 0);
        }
        self.stream.push(u32::MAX);
    }

    fn add_word(&mut self, w: &str, initial: bool) {
        self.lower.clear();
        self.lower.extend(w.chars().flat_map(char::to_lowercase));
        let lower = std::mem::take(&mut self.lower);
        let id = self.id(&lower);
        self.lower = lower;
        let i = id as usize;
        self.freq[i] += 1;
        if !initial && w.chars().next().is_some_and(char::is_alphabetic) {
            self.mid_sentence[i] += 1;
            if w.chars().next().is_some_and(char::is_uppercase) {
                self.mid_capitalised[i] += 1;
            }
        }
        self.stream.push(id);
    }

    pub fn n_tokens(&self) -> usize {
        self.stream.len()
    }

    /// The words seen at least `min_count` times, at most `max_vocab` of
    /// them, most frequent first (ties by word: deterministic).
    fn vocabulary(&self, min_count: u64, max_vocab: usize) -> Vec<u32> {
        let mut order: Vec<u32> = (0..self.words.len() as u32)
            .filter(|&i| self.freq[i as usize] >= min_count)
            .collect();
        order.sort_by(|&a, &b| {
            self.freq[b as usize]
                .cmp(&self.freq[a as usize])
                .then(self.words[a as usize].cmp(&self.words[b as usize]))
        });
        order.truncate(max_vocab);
        order
    }

    /// Hierarchical class-based bigram word classes ([`crate::brown`]) of
    /// the `max_vocab` most frequent words seen at least `min_count` times:
    /// the words (lower case, most frequent first) and their paths of
    /// `depth` bits.
    pub fn brown_classes(
        &self,
        min_count: u64,
        max_vocab: usize,
        depth: u32,
        passes: usize,
        log: &mut dyn FnMut(&str),
    ) -> (Vec<String>, Vec<u32>) {
        let order = self.vocabulary(min_count, max_vocab);
        let paths = crate::brown::learn(&self.stream, self.words.len(), &order, depth, passes, log);
        (order.iter().map(|&w| self.words[w as usize].clone()).collect(), paths)
    }

    /// Learns the clusters of the `max_vocab` most frequent words seen at
    /// least `min_count` times. Returns words and their
    /// `[fine, mid, coarse, capitalisation tenths]`.
    pub fn cluster(
        &self,
        min_count: u64,
        max_vocab: usize,
        iterations: usize,
        log: &mut dyn FnMut(&str),
    ) -> (Vec<String>, Vec<[u16; 4]>) {
        // Vocabulary by frequency (ties by word: deterministic).
        let order = self.vocabulary(min_count, max_vocab);
        let v = order.len();
        let mut vocab_index = vec![u32::MAX; self.words.len()];
        for (k, &w) in order.iter().enumerate() {
            vocab_index[w as usize] = k as u32;
        }
        // Context words: the most frequent ones.
        const CONTEXTS: usize = 4000;
        let n_ctx = CONTEXTS.min(v);
        // Counts of (word, context slot): slot = side*n_ctx + context rank, side in {-2,-1,+1,+2}.
        let mut counts: Vec<HashMap<u32, f32>> = vec![HashMap::new(); v];
        let s = &self.stream;
        for i in 0..s.len() {
            let w = s[i];
            if w == u32::MAX || vocab_index[w as usize] == u32::MAX {
                continue;
            }
            let row = vocab_index[w as usize] as usize;
            for (side, off) in [(0u32, -2isize), (1, -1), (2, 1), (3, 2)] {
                let j = i as isize + off;
                if j < 0 || j as usize >= s.len() {
                    continue;
                }
                // Do not look across a sentence separator.
                let (lo, hi) = if off < 0 {
                    (j as usize, i)
                } else {
                    (i + 1, j as usize + 1)
                };
                if s[lo..hi].contains(&u32::MAX) {
                    continue;
                }
                let c = s[j as usize];
                let rank = vocab_index[c as usize];
                if (rank as usize) < n_ctx {
                    let weight = if off.abs() == 1 { 1.0 } else { 0.5 };
                    *counts[row].entry(side * n_ctx as u32 + rank).or_insert(0.0) += weight;
                }
            }
        }
        // PPMI and projection.
        let mut ctx_total = vec![0f64; 4 * n_ctx];
        for row in &counts {
            for (&c, &n) in row {
                ctx_total[c as usize] += f64::from(n);
            }
        }
        // Context distribution smoothed with exponent 0.75 (Levy et al. 2015).
        let ctx_smoothed: Vec<f64> = ctx_total.iter().map(|c| c.powf(0.75)).collect();
        let z: f64 = ctx_smoothed.iter().sum();
        let proj = |c: u32, d: usize| -> f32 {
            // Fixed pseudo-random sign per (context, dimension), sparse-ish.
            let h = xxhash_rust::xxh3::xxh3_64_with_seed(&c.to_le_bytes(), d as u64);
            match h % 6 {
                0 => 1.0,
                1 => -1.0,
                _ => 0.0,
            }
        };
        // Precompute the projection of every context slot.
        let mut ctx_proj = vec![[0f32; DIMS]; 4 * n_ctx];
        for (c, p) in ctx_proj.iter_mut().enumerate() {
            for (d, x) in p.iter_mut().enumerate() {
                *x = proj(c as u32, d);
            }
        }
        let mut vecs = vec![[0f32; DIMS]; v];
        for (row, cnt) in counts.iter().enumerate() {
            let row_total: f64 = cnt.values().map(|&n| f64::from(n)).sum();
            if row_total == 0.0 {
                continue;
            }
            let mut entries: Vec<_> = cnt.iter().collect();
            entries.sort_by_key(|e| *e.0);
            for (&c, &n) in entries {
                let pmi = (f64::from(n) * z / (row_total * ctx_smoothed[c as usize])).ln();
                if pmi > 0.0 {
                    let p = &ctx_proj[c as usize];
                    for d in 0..DIMS {
                        vecs[row][d] += pmi as f32 * p[d];
                    }
                }
            }
            normalise(&mut vecs[row]);
        }
        drop(counts);
        log(&format!(
            "clusters: {v} words, {n_ctx} context words, {} corpus tokens",
            s.len()
        ));
        let fine = kmeans(&vecs, FINE.min(v.max(1)), iterations, log);
        let fine_centroids = centroids(&vecs, &fine.0, fine.1);
        let mid = kmeans(&fine_centroids, MID.min(fine.1), iterations * 2, log);
        let mid_centroids = centroids(&fine_centroids, &mid.0, mid.1);
        let coarse = kmeans(&mid_centroids, COARSE.min(mid.1), iterations * 2, log);
        let mut words = Vec::with_capacity(v);
        let mut ids = Vec::with_capacity(v);
        for (k, &w) in order.iter().enumerate() {
            let f = fine.0[k];
            let m = mid.0[f as usize];
            let c = coarse.0[m as usize];
            let mid_n = self.mid_sentence[w as usize];
            let cap = if mid_n < 3 {
                11
            } else {
                (10 * self.mid_capitalised[w as usize] + mid_n / 2) / mid_n
            };
            words.push(self.words[w as usize].clone());
            ids.push([f as u16, m as u16, c as u16, cap as u16]);
        }
        (words, ids)
    }
}

fn normalise(v: &mut [f32; DIMS]) {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x /= n);
    }
}

#[inline]
fn dot(a: &[f32; DIMS], b: &[f32; DIMS]) -> f32 {
    let mut s = [0f32; 8];
    for k in (0..DIMS).step_by(8) {
        for l in 0..8 {
            s[l] += a[k + l] * b[k + l];
        }
    }
    s.iter().sum()
}

/// Spherical k-means, initialised with evenly spaced points of the
/// frequency-ordered input (deterministic). Returns assignments and k.
fn kmeans(
    points: &[[f32; DIMS]],
    k: usize,
    iterations: usize,
    log: &mut dyn FnMut(&str),
) -> (Vec<u32>, usize) {
    let n = points.len();
    if n == 0 || k == 0 {
        return (vec![0; n], 1);
    }
    let k = k.min(n);
    let mut cents: Vec<[f32; DIMS]> = (0..k).map(|c| points[c * n / k]).collect();
    let mut assign = vec![0u32; n];
    for it in 0..iterations {
        let mut changed = 0usize;
        for (i, p) in points.iter().enumerate() {
            let mut best = 0usize;
            let mut best_s = f32::MIN;
            for (c, cent) in cents.iter().enumerate() {
                let s = dot(p, cent);
                if s > best_s {
                    best_s = s;
                    best = c;
                }
            }
            if assign[i] != best as u32 {
                changed += 1;
                assign[i] = best as u32;
            }
        }
        let new = centroids(points, &assign, k);
        for (c, nc) in cents.iter_mut().zip(new) {
            if nc.iter().any(|x| *x != 0.0) {
                *c = nc;
            }
        }
        log(&format!(
            "  k-means k={k} iteration {}: {changed} moved",
            it + 1
        ));
        if changed == 0 {
            break;
        }
    }
    (assign, k)
}

fn centroids(points: &[[f32; DIMS]], assign: &[u32], k: usize) -> Vec<[f32; DIMS]> {
    let mut c = vec![[0f32; DIMS]; k];
    for (p, &a) in points.iter().zip(assign) {
        for d in 0..DIMS {
            c[a as usize][d] += p[d];
        }
    }
    c.iter_mut().for_each(normalise);
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_contexts_share_a_cluster() {
        let mut c = Corpus::default();
        for _ in 0..20 {
            for city in ["Jakarta", "Bandung", "Surabaya"] {
                c.add_text(&format!("Dia tinggal di {city} sejak lama.\n"));
            }
            for verb in ["makan", "minum", "tidur"] {
                c.add_text(&format!("Kami akan {verb} sekarang juga.\n"));
            }
        }
        let (words, ids) = c.cluster(1, 1000, 10, &mut |_| {});
        let get = |w: &str| ids[words.iter().position(|x| x == w).unwrap()];
        assert_eq!(get("jakarta")[2], get("bandung")[2]);
        assert_eq!(get("jakarta")[3], 10, "always capitalised mid-sentence");
        assert_eq!(get("makan")[3], 0);
        assert_ne!(get("jakarta")[0], get("makan")[0]);
    }
}
