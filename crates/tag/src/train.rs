//! Training: an averaged structured perceptron over BIO tags (Collins 2002),
//! with partial labels for data that lacks a class (NERP has no ORG: its `O`
//! tokens may be `O` or ORG, and the update goes toward the best path that
//! agrees with what *is* labelled), then pruning and quantisation into the
//! compact file form.

use std::collections::HashMap;

use crate::features::{self, FeatureScratch};
use crate::gazetteer::Gazetteer;
use crate::model::{allowed, short_key, viterbi, Clusters, LangWeightsFile, N_TAGS, START};

/// One training sentence.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub words: Vec<String>,
    /// Gold BIO tag indices (see [`crate::model::TAG_NAMES`]).
    pub tags: Vec<usize>,
    /// Per token, the bit set of tags compatible with the annotation; `None`
    /// when the annotation is complete (then only the gold tag is allowed).
    pub allowed: Option<Vec<u8>>,
}

#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub epochs: usize,
    /// Keep at most this many features (the largest by weight magnitude).
    pub max_features: usize,
    /// Seed of the deterministic shuffle.
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions { epochs: 12, max_features: 250_000, seed: 0x5EED }
    }
}

struct XorShift(u64);
impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Feature ids of a prepared sentence, token by token.
struct Prepared {
    ids: Vec<u32>,
    offsets: Vec<usize>,
}

/// Trains one language's weights. `log` receives progress lines; `dev_eval`
/// is called after each epoch with the averaged weights (for monitoring only).
pub fn train(
    lang: &str,
    sentences: &[Sentence],
    gazetteer: &Gazetteer,
    clusters: &Clusters,
    opts: &TrainOptions,
    log: &mut dyn FnMut(&str),
    dev_eval: &mut dyn FnMut(usize, &LangWeightsFile),
) -> LangWeightsFile {
    // Map short feature keys to dense ids.
    let mut ids: HashMap<u32, u32> = HashMap::new();
    let mut keys_of_id: Vec<u32> = Vec::new();
    let mut prepared = Vec::with_capacity(sentences.len());
    let mut scratch = FeatureScratch::default();
    for s in sentences {
        let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
        features::extract(&words, gazetteer, clusters, &mut scratch);
        let mut p = Prepared { ids: Vec::with_capacity(scratch.keys.len()), offsets: scratch.offsets.clone() };
        for &k in &scratch.keys {
            let sk = short_key(k);
            let id = *ids.entry(sk).or_insert_with(|| {
                keys_of_id.push(sk);
                (keys_of_id.len() - 1) as u32
            });
            p.ids.push(id);
        }
        prepared.push(p);
    }
    let nf = keys_of_id.len();
    log(&format!("[{lang}] {} sentences, {nf} distinct features", sentences.len()));

    let mut w = vec![[0f32; N_TAGS]; nf];
    let mut u = vec![[0f32; N_TAGS]; nf];
    let mut tw = [[0f32; N_TAGS]; N_TAGS + 1];
    let mut tu = [[0f32; N_TAGS]; N_TAGS + 1];
    let mut c: f32 = 1.0;
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = XorShift(opts.seed | 1);
    let (mut emis, mut pred, mut margins, mut back) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut target = Vec::new();
    let mut itrans = [[0i32; N_TAGS]; N_TAGS + 1];

    for epoch in 0..opts.epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut errors = 0usize;
        let mut tokens = 0usize;
        for &si in &order {
            let s = &sentences[si];
            let p = &prepared[si];
            let n = s.words.len();
            if n == 0 {
                continue;
            }
            // Scores in fixed point: the decoder is integer.
            const FP: f32 = 1024.0;
            emis.clear();
            for t in 0..n {
                let mut e = [0f32; N_TAGS];
                for &f in &p.ids[p.offsets[t]..p.offsets[t + 1]] {
                    let row = &w[f as usize];
                    for k in 0..N_TAGS {
                        e[k] += row[k];
                    }
                }
                emis.push(e.map(|x| (x * FP) as i32));
            }
            for (a, b) in itrans.iter_mut().zip(tw.iter()) {
                *a = b.map(|x| (x * FP) as i32);
            }
            viterbi(&emis, &itrans, None, &mut pred, &mut margins, &mut back);
            match &s.allowed {
                None => {
                    target.clear();
                    target.extend_from_slice(&s.tags);
                }
                Some(mask) => viterbi(&emis, &itrans, Some(mask), &mut target, &mut margins, &mut back),
            }
            tokens += n;
            if pred == target {
                c += 1.0;
                continue;
            }
            for t in 0..n {
                let (g, y) = (target[t], pred[t]);
                let prev_g = if t == 0 { START } else { target[t - 1] };
                let prev_y = if t == 0 { START } else { pred[t - 1] };
                if g != y {
                    errors += 1;
                    for &f in &p.ids[p.offsets[t]..p.offsets[t + 1]] {
                        let f = f as usize;
                        w[f][g] += 1.0;
                        w[f][y] -= 1.0;
                        u[f][g] += c;
                        u[f][y] -= c;
                    }
                }
                if (g, prev_g) != (y, prev_y) {
                    debug_assert!(allowed(prev_g, g));
                    tw[prev_g][g] += 1.0;
                    tw[prev_y][y] -= 1.0;
                    tu[prev_g][g] += c;
                    tu[prev_y][y] -= c;
                }
            }
            c += 1.0;
        }
        log(&format!("[{lang}] epoch {}: {} token errors of {} ({:.2}%)", epoch + 1, errors, tokens, 100.0 * errors as f64 / tokens.max(1) as f64));
        let file = finalise(lang, &w, &u, &tw, &tu, c, &keys_of_id, opts.max_features);
        dev_eval(epoch + 1, &file);
    }
    finalise(lang, &w, &u, &tw, &tu, c, &keys_of_id, opts.max_features)
}

/// Averages, prunes to the strongest `max_features` features, quantises.
#[allow(clippy::too_many_arguments)]
fn finalise(
    lang: &str,
    w: &[[f32; N_TAGS]],
    u: &[[f32; N_TAGS]],
    tw: &[[f32; N_TAGS]; N_TAGS + 1],
    tu: &[[f32; N_TAGS]; N_TAGS + 1],
    c: f32,
    keys_of_id: &[u32],
    max_features: usize,
) -> LangWeightsFile {
    let avg = |wr: &[f32; N_TAGS], ur: &[f32; N_TAGS]| -> [f32; N_TAGS] { std::array::from_fn(|k| wr[k] - ur[k] / c) };
    let mut rows: Vec<(u32, [f32; N_TAGS], f32)> = w
        .iter()
        .zip(u)
        .zip(keys_of_id)
        .map(|((wr, ur), &k)| {
            let a = avg(wr, ur);
            let mag = a.iter().fold(0f32, |m, x| m.max(x.abs()));
            (k, a, mag)
        })
        .filter(|r| r.2 > 1e-4)
        .collect();
    if rows.len() > max_features {
        rows.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
        rows.truncate(max_features);
    }
    rows.sort_by_key(|r| r.0);
    let trans: Vec<[f32; N_TAGS]> = tw.iter().zip(tu.iter()).map(|(a, b)| avg(a, b)).collect();
    let max_w = rows.iter().map(|r| r.2).fold(1e-6f32, f32::max);
    let scale = max_w / 32000.0;
    let mut key_deltas = Vec::with_capacity(rows.len());
    let mut weights = Vec::with_capacity(rows.len() * N_TAGS);
    let mut prev = 0u32;
    for (k, a, _) in &rows {
        key_deltas.push(k.wrapping_sub(prev));
        prev = *k;
        weights.extend(a.iter().map(|x| (x / scale).round().clamp(-32767.0, 32767.0) as i16));
    }
    let transitions = trans
        .iter()
        .flat_map(|r| r.iter().map(|x| (x / scale).round().clamp(-1e9, 1e9) as i32))
        .collect();
    LangWeightsFile { lang: lang.to_string(), key_deltas, weights, transitions, scale }
}
