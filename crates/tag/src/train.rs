//! Training: an averaged structured perceptron over BILOU tags (Collins 2002;
//! the data's BIO tags are converted),
//! with partial labels for data that lacks a class (NERP has no ORG: its `O`
//! tokens may be `O` or ORG, and the update goes toward the best path that
//! agrees with what *is* labelled), then pruning and quantisation into the
//! compact file form.

use std::collections::HashMap;

use xxhash_rust::xxh3::xxh3_64;

use crate::features::{self, FeatureScratch};
use crate::gazetteer::Gazetteer;
use crate::model::{
    allowed, bilou_mask, profile_key, short_key, to_bilou, viterbi, Clusters, LangWeightsFile,
    ViterbiScratch, N_STORED, N_TAGS, START,
};

/// One training sentence.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub words: Vec<String>,
    /// Gold BIO tag indices (see [`crate::model::TAG_NAMES`]).
    pub tags: Vec<usize>,
    /// Per token, the bit set of BIO tags compatible with the annotation; `None`
    /// when the annotation is complete (then only the gold tag is allowed).
    pub allowed: Option<Vec<u8>>,
    /// 1-based profile (training set) number; 0 for none. Each feature is
    /// also learnt in its profile form, so the shared weights keep what the
    /// sets agree on and the profile weights their conventions
    /// (Daumé III 2007, "frustratingly easy domain adaptation").
    pub profile: u16,
}

#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Epochs of the shared (general) model.
    pub epochs: usize,
    /// Epochs of the profile weights, learnt afterwards with the shared
    /// weights frozen, so the general model is the same with or without them.
    pub profile_epochs: usize,
    /// Keep at most this many shared features (the largest by weight magnitude).
    pub max_features: usize,
    /// Keep at most this many profile features (all profiles together).
    pub max_profile_features: usize,
    /// Seed of the deterministic shuffle.
    pub seed: u64,
    /// Number of models trained on different shuffles and averaged (a
    /// cheap variance reduction: the average is one linear model, so it
    /// costs nothing at tagging time).
    pub bags: usize,
    /// Partial labels (NERP: `O` may be ORG) allow ORG only on words that
    /// are capitalised mid-sentence in at least this many tenths of their
    /// occurrences in the unlabelled news (or too rare there to say); 0
    /// allows ORG on every such token. Default 5 (see `model/PROVENANCE.md`).
    pub partial_org_min_capitalisation: u16,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 10,
            profile_epochs: 10,
            max_features: 120_000,
            max_profile_features: 200_000,
            seed: 0x5EED,
            bags: 3,
            partial_org_min_capitalisation: 5,
        }
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

/// The BIO bits of B-ORG and I-ORG in a partial-label mask.
const ORG_BIO_BITS: u8 = 0b0001_1000;

/// Whether a token of lower-case text (partially labelled: it may be ORG)
/// could be part of an organisation name: its word is often capitalised
/// mid-sentence in the unlabelled news, or too rare there to say. Common
/// words ("kunjungan", "kerja") are not; without this, data with no ORG class
/// teaches nothing against ORG in lower-case text.
fn org_plausible(word: &str, clusters: &Clusters, opts: &TrainOptions) -> bool {
    if opts.partial_org_min_capitalisation == 0 {
        return true;
    }
    let lower = word.to_lowercase();
    let cap = features::capitalisation(clusters.get(xxh3_64(lower.as_bytes())));
    // 11: seen too rarely mid-sentence, 12: not in the table.
    cap >= 11 || cap >= opts.partial_org_min_capitalisation
}

/// Feature ids of a prepared sentence, token by token, and its BILOU
/// target (tags, or the partial-label mask).
struct Prepared {
    ids: Vec<u32>,
    offsets: Vec<usize>,
    tags: Vec<usize>,
    mask: Option<Vec<u16>>,
}

/// Trains one language's weights. `log` receives progress lines; `dev_eval`
/// is called after each epoch with the averaged weights (for monitoring only).
#[allow(clippy::too_many_arguments)]
pub fn train(
    lang: &str,
    profiles: &[String],
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
    let mut is_profile: Vec<bool> = Vec::new();
    let mut prepared = Vec::with_capacity(sentences.len());
    let mut scratch = FeatureScratch::default();
    for s in sentences {
        let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
        features::extract(&words, gazetteer, clusters, &mut scratch);
        let mut tags = Vec::new();
        to_bilou(&s.tags, &mut tags);
        let mask = s.allowed.as_ref().map(|m| {
            m.iter()
                .zip(&tags)
                .zip(&s.words)
                .map(|((&m, &t), w)| {
                    let m = if m.count_ones() > 1 && !org_plausible(w, clusters, opts) {
                        m & !ORG_BIO_BITS
                    } else {
                        m
                    };
                    bilou_mask(m, t)
                })
                .collect()
        });
        let mut p = Prepared {
            ids: Vec::with_capacity(scratch.keys.len()),
            offsets: scratch.offsets.clone(),
            tags,
            mask,
        };
        let mut offsets = Vec::with_capacity(scratch.offsets.len());
        for t in 0..words.len() {
            offsets.push(p.ids.len());
            for &k in &scratch.keys[scratch.offsets[t]..scratch.offsets[t + 1]] {
                let forms = [Some(k), (s.profile > 0).then(|| profile_key(k, s.profile))];
                for (form, key) in forms.into_iter().enumerate() {
                    let Some(key) = key else { continue };
                    let sk = short_key(key);
                    let id = *ids.entry(sk).or_insert_with(|| {
                        keys_of_id.push(sk);
                        is_profile.push(form == 1);
                        (keys_of_id.len() - 1) as u32
                    });
                    p.ids.push(id);
                }
            }
        }
        offsets.push(p.ids.len());
        p.offsets = offsets;
        prepared.push(p);
    }
    let nf = keys_of_id.len();
    log(&format!(
        "[{lang}] {} sentences, {nf} distinct features",
        sentences.len()
    ));

    let mut sum_w = vec![[0f32; N_TAGS]; nf];
    let mut sum_t = [[0f32; N_TAGS]; N_TAGS + 1];
    let bags = opts.bags.max(1);
    for bag in 0..bags {
        let mut w = vec![[0f32; N_TAGS]; nf];
        let mut u = vec![[0f32; N_TAGS]; nf];
        let mut tw = [[0f32; N_TAGS]; N_TAGS + 1];
        let mut tu = [[0f32; N_TAGS]; N_TAGS + 1];
        let mut c: f32 = 1.0;
        let mut order: Vec<usize> = (0..sentences.len()).collect();
        let mut rng = XorShift((opts.seed + bag as u64 * 7919) | 1);
        let (mut emis, mut pred, mut margins, mut back) = (
            Vec::new(),
            Vec::new(),
            Vec::new(),
            ViterbiScratch::default(),
        );
        let mut target = Vec::new();
        let mut itrans = [[0i32; N_TAGS]; N_TAGS + 1];

        let has_profiles = is_profile.iter().any(|&p| p);
        let total_epochs = opts.epochs + if has_profiles { opts.profile_epochs } else { 0 };
        for epoch in 0..total_epochs {
            let profile_stage = epoch >= opts.epochs;
            if epoch == opts.epochs {
                // Freeze the averaged shared model; learn only profile weights now.
                for (wr, ur) in w.iter_mut().zip(u.iter_mut()) {
                    for k in 0..N_TAGS {
                        wr[k] -= ur[k] / c;
                        ur[k] = 0.0;
                    }
                }
                for (wr, ur) in tw.iter_mut().zip(tu.iter_mut()) {
                    for k in 0..N_TAGS {
                        wr[k] -= ur[k] / c;
                        ur[k] = 0.0;
                    }
                }
                c = 1.0;
            }
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
                        if !profile_stage && is_profile[f as usize] {
                            continue;
                        }
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
                match &p.mask {
                    None => {
                        target.clear();
                        target.extend_from_slice(&p.tags);
                    }
                    Some(mask) => viterbi(
                        &emis,
                        &itrans,
                        Some(mask),
                        &mut target,
                        &mut margins,
                        &mut back,
                    ),
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
                            if is_profile[f] != profile_stage {
                                continue;
                            }
                            w[f][g] += 1.0;
                            w[f][y] -= 1.0;
                            u[f][g] += c;
                            u[f][y] -= c;
                        }
                    }
                    if !profile_stage && (g, prev_g) != (y, prev_y) {
                        debug_assert!(allowed(prev_g, g));
                        tw[prev_g][g] += 1.0;
                        tw[prev_y][y] -= 1.0;
                        tu[prev_g][g] += c;
                        tu[prev_y][y] -= c;
                    }
                }
                c += 1.0;
            }
            log(&format!(
                "[{lang}] epoch {}: {} token errors of {} ({:.2}%)",
                epoch + 1,
                errors,
                tokens,
                100.0 * errors as f64 / tokens.max(1) as f64
            ));
            let file = finalise(
                lang,
                profiles,
                &w,
                &u,
                &tw,
                &tu,
                c,
                &keys_of_id,
                &is_profile,
                opts,
            );
            if bag == 0 {
                dev_eval(epoch + 1, &file);
            }
        }
        // Average of this bag, added to the ensemble (a linear model too).
        for ((s, wr), ur) in sum_w.iter_mut().zip(&w).zip(&u) {
            for k in 0..N_TAGS {
                s[k] += (wr[k] - ur[k] / c) / bags as f32;
            }
        }
        for ((s, wr), ur) in sum_t.iter_mut().zip(&tw).zip(&tu) {
            for k in 0..N_TAGS {
                s[k] += (wr[k] - ur[k] / c) / bags as f32;
            }
        }
        log(&format!("[{lang}] bag {} of {bags} done", bag + 1));
    }
    let zero_u = vec![[0f32; N_TAGS]; nf];
    let zero_t = [[0f32; N_TAGS]; N_TAGS + 1];
    let file = finalise(
        lang,
        profiles,
        &sum_w,
        &zero_u,
        &sum_t,
        &zero_t,
        1.0,
        &keys_of_id,
        &is_profile,
        opts,
    );
    if bags > 1 {
        dev_eval(0, &file);
    }
    file
}

/// Averages, prunes to the strongest `max_features` features, quantises.
#[allow(clippy::too_many_arguments)]
fn finalise(
    lang: &str,
    profiles: &[String],
    w: &[[f32; N_TAGS]],
    u: &[[f32; N_TAGS]],
    tw: &[[f32; N_TAGS]; N_TAGS + 1],
    tu: &[[f32; N_TAGS]; N_TAGS + 1],
    c: f32,
    keys_of_id: &[u32],
    is_profile: &[bool],
    opts: &TrainOptions,
) -> LangWeightsFile {
    let avg = |wr: &[f32; N_TAGS], ur: &[f32; N_TAGS]| -> [f32; N_TAGS] {
        std::array::from_fn(|k| wr[k] - ur[k] / c)
    };
    let mut parts: Vec<Vec<(u32, [f32; N_TAGS], f32)>> = Vec::new();
    for (profile, budget) in [
        (false, opts.max_features),
        (true, opts.max_profile_features),
    ] {
        let mut part: Vec<(u32, [f32; N_TAGS], f32)> = w
            .iter()
            .zip(u)
            .zip(keys_of_id)
            .zip(is_profile)
            .filter(|(_, &p)| p == profile)
            .map(|(((wr, ur), &k), _)| {
                let a = avg(wr, ur);
                // Weights relative to O (see `LangWeightsFile::weights`).
                let a: [f32; N_TAGS] = std::array::from_fn(|k| a[k] - a[0]);
                let mag = a.iter().fold(0f32, |m, x| m.max(x.abs()));
                (k, a, mag)
            })
            .filter(|r| r.2 > 1e-4)
            .collect();
        if part.len() > budget {
            part.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
            part.truncate(budget);
        }
        part.sort_by_key(|r| r.0);
        parts.push(part);
    }
    let trans: Vec<[f32; N_TAGS]> = tw.iter().zip(tu.iter()).map(|(a, b)| avg(a, b)).collect();
    let max_w = parts.iter().flatten().map(|r| r.2).fold(1e-6f32, f32::max);
    let scale = max_w / 32000.0;
    let encode = |rows: &[(u32, [f32; N_TAGS], f32)]| -> (Vec<u32>, Vec<i16>) {
        let mut key_deltas = Vec::with_capacity(rows.len());
        let mut weights = Vec::with_capacity(rows.len() * N_STORED);
        let mut prev = 0u32;
        for (k, a, _) in rows {
            key_deltas.push(k.wrapping_sub(prev));
            prev = *k;
            weights.extend(
                a[1..]
                    .iter()
                    .map(|x| (x / scale).round().clamp(-32767.0, 32767.0) as i16),
            );
        }
        (key_deltas, weights)
    };
    let (key_deltas, weights) = encode(&parts[0]);
    let (profile_key_deltas, profile_weights) = encode(&parts[1]);
    let transitions = trans
        .iter()
        .flat_map(|r| {
            r.iter()
                .map(|x| (x / scale).round().clamp(-1e9, 1e9) as i32)
        })
        .collect();
    LangWeightsFile {
        lang: lang.to_string(),
        key_deltas,
        weights,
        transitions,
        scale,
        profiles: profiles.to_vec(),
        profile_key_deltas,
        profile_weights,
    }
}
