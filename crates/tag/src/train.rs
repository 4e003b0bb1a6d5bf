//! Training over BILOU tags (the data's BIO tags are converted), then
//! pruning and quantisation into the compact file form. Two trainers share
//! the features, the lattice and the file form:
//!
//! - [`Trainer::Crf`] (the default): a linear-chain CRF, conditional
//!   log-likelihood by forward-backward, L2-regularised, AdaGrad (one
//!   accumulator per feature row) with lazy, exact L2 shrinking.
//! - [`Trainer::Perceptron`]: an averaged structured perceptron (Collins 2002).
//!
//! Partial labels, for data that lacks a class (NERP has no ORG: its `O`
//! tokens may be `O` or ORG): the CRF maximises the probability of all the
//! paths that agree with what *is* labelled; the perceptron updates toward
//! the best such path.
//!
//! Lexical dropout (CRF; [`TrainOptions::lexical_dropout`]): in each pass a
//! token's own word keys may be hidden, as if the word were unseen, so that
//! context, shape, clusters and gazetteers learn to read new names (English
//! is trained so, on entity tokens).

use std::collections::HashMap;

use xxhash_rust::xxh3::xxh3_64;

use crate::features::{self, FeatureScratch};
use crate::gazetteer::Gazetteer;
use crate::model::{
    allowed, bilou_mask, is_open, profile_key, round_to_table_precision, short_key, to_bilou,
    viterbi, Clusters, LangWeightsFile, ViterbiScratch, N_STORED, N_TAGS, START,
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
    /// How much the sentence counts in the CRF's objective (1 for the
    /// labelled sets; less for machine-labelled text). The perceptron
    /// ignores it.
    pub weight: f32,
}

/// The profile that sentences without case (all capitals or all lower
/// case) are tagged with, when the weights have it: learnt on copies of
/// the train sentences in one case (the train example's `--case-copies`
/// with `--case-profile`), after the general weights, which never see
/// those copies (session 19, issue #9).
pub const CASELESS_PROFILE: &str = "caseless";

/// Learning algorithm of [`train`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trainer {
    /// Averaged structured perceptron (the model of sessions 1–4).
    Perceptron,
    /// Linear-chain CRF (see the module doc; the default since session 5).
    Crf,
}

#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Learning algorithm.
    pub trainer: Trainer,
    /// CRF: L2 strength `c2` of the objective `sum log p(y|x) - c2/2 |w|^2`
    /// (over all training sentences, as in crfsuite).
    pub crf_l2: f32,
    /// CRF: AdaGrad base step.
    pub crf_rate: f32,
    /// CRF: the weights of each stage (general, profiles) are the mean of
    /// the weights after each of its last this many epochs (0 or 1: the
    /// last epoch's), which smooths the stochastic steps' noise.
    pub crf_average_epochs: usize,
    /// CRF: multiplies the L2 strength of the profile weights (1: the same
    /// as the general weights).
    pub crf_l2_profile_scale: f32,
    /// CRF: multiplies the L2 strength of the trigger-word and gazetteer
    /// feature rows (few, dense, well-founded signals).
    pub crf_l2_signal_scale: f32,
    /// CRF: learn the general and the profile weights together (one stage
    /// of `epochs`) instead of the profiles after the general weights.
    pub crf_joint: bool,
    /// CRF: features whose largest weight (relative to `O`, in nats) is
    /// below this are dropped from the file (0: keep all; the perceptron
    /// keeps all).
    pub min_weight: f32,
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
    /// CRF: the probability with which, in each pass over a sentence, a
    /// token's own lexical keys ([`features::own_lexical_keys`]: its word,
    /// affixes, n-grams and bigrams) are hidden from the emission and its
    /// update, as if the word were unseen; decided per token by a hash of
    /// the seed, bag, epoch, sentence and position (deterministic). 0: off.
    pub lexical_dropout: f32,
    /// Lexical dropout only on tokens inside a gold entity.
    pub lexical_dropout_entities_only: bool,
    /// No lexical dropout in partially labelled sentences (NERP: lower
    /// case, where a hidden name reads like any lower-case word).
    pub lexical_dropout_full_labels_only: bool,
    /// One lexical-dropout draw per gold entity (all its tokens hidden
    /// together, as a whole unseen name) instead of one per token.
    pub lexical_dropout_whole_entities: bool,
    /// Lexical dropout also hides the token's own word-cluster keys (a
    /// word rare in the unlabelled text too).
    pub lexical_dropout_clusters: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            trainer: Trainer::Crf,
            crf_l2: 3.0,
            crf_rate: 0.1,
            crf_average_epochs: 5,
            crf_l2_profile_scale: 1.0,
            crf_l2_signal_scale: 1.0,
            crf_joint: false,
            min_weight: 0.02,
            epochs: 10,
            profile_epochs: 10,
            max_features: 120_000,
            max_profile_features: 200_000,
            seed: 0x5EED,
            bags: 3,
            partial_org_min_capitalisation: 5,
            lexical_dropout: 0.0,
            lexical_dropout_entities_only: false,
            lexical_dropout_full_labels_only: false,
            lexical_dropout_whole_entities: false,
            lexical_dropout_clusters: false,
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
    weight: f32,
    /// Per id of `ids`: one of its token's own lexical keys (see
    /// `TrainOptions::lexical_dropout`); empty when dropout is off.
    lexical: Vec<bool>,
    /// Per token: inside a gold entity.
    in_entity: Vec<bool>,
    /// Per token: the first token of its gold entity (itself outside one).
    entity_start: Vec<usize>,
    /// The sentence's profile number (0 for none).
    profile: u16,
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
    // Rows of the caseless profile (`CASELESS_PROFILE`): their own budget
    // and no say in the file's weight scale (see `finalise`).
    let caseless_profile = profiles
        .iter()
        .position(|p| p == CASELESS_PROFILE)
        .map(|i| i as u16 + 1);
    let mut is_caseless: Vec<bool> = Vec::new();
    // Trigger-word and gazetteer keys (a small, fixed domain), for their
    // own L2 strength.
    let signal_keys: std::collections::HashSet<u64> = features::signal_keys().into_iter().collect();
    let mut is_signal: Vec<bool> = Vec::new();
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
            weight: s.weight,
            profile: s.profile,
            lexical: Vec::new(),
            in_entity: s.tags.iter().map(|&t| t != 0).collect(),
            entity_start: {
                // BIO indices: B-x odd, I-x even and non-zero.
                let mut start = 0;
                (0..s.tags.len())
                    .map(|t| {
                        if s.tags[t] == 0 || s.tags[t] % 2 == 1 || t == 0 {
                            start = t;
                        }
                        start
                    })
                    .collect()
            },
        };
        let dropout = opts.lexical_dropout > 0.0;
        let mut lexical_keys = Vec::new();
        let mut offsets = Vec::with_capacity(scratch.offsets.len());
        for t in 0..words.len() {
            offsets.push(p.ids.len());
            if dropout {
                lexical_keys.clear();
                features::own_lexical_keys(&words, t, &mut lexical_keys);
                if opts.lexical_dropout_clusters {
                    features::own_cluster_keys(words[t], clusters, &mut lexical_keys);
                }
            }
            for &k in &scratch.keys[scratch.offsets[t]..scratch.offsets[t + 1]] {
                let is_lexical = dropout && lexical_keys.contains(&k);
                let forms = [Some(k), (s.profile > 0).then(|| profile_key(k, s.profile))];
                for (form, key) in forms.into_iter().enumerate() {
                    let Some(key) = key else { continue };
                    let sk = short_key(key);
                    let id = *ids.entry(sk).or_insert_with(|| {
                        keys_of_id.push(sk);
                        is_profile.push(form == 1);
                        is_caseless.push(form == 1 && Some(s.profile) == caseless_profile);
                        is_signal.push(signal_keys.contains(&k));
                        (keys_of_id.len() - 1) as u32
                    });
                    p.ids.push(id);
                    if dropout {
                        p.lexical.push(is_lexical);
                    }
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
    if opts.trainer == Trainer::Crf {
        return train_crf(
            lang,
            profiles,
            &prepared,
            &keys_of_id,
            &is_profile,
            &is_caseless,
            &is_signal,
            opts,
            log,
            dev_eval,
        );
    }

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
                &is_caseless,
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
        &is_caseless,
        opts,
    );
    if bags > 1 {
        dev_eval(0, &file);
    }
    file
}

/// CRF weights are log-potentials (nats); they are stored multiplied by
/// this, so that the tagger's default score temperature (20) turns a
/// Viterbi margin back into nats: score `1 - exp(-margin)`, where
/// `exp(-margin)` is how much less likely the best rival reading is.
const CRF_SCORE_UNITS: f32 = 20.0;

/// Forward-backward buffers (scaled probabilities, Rabiner's scaling).
#[derive(Default)]
struct Lattice {
    psi: Vec<[f64; N_TAGS]>,
    alpha: Vec<[f64; N_TAGS]>,
    beta: Vec<[f64; N_TAGS]>,
    norm: Vec<f64>,
    /// Per token, the marginal probability of each tag.
    gamma: Vec<[f64; N_TAGS]>,
    /// Expected transition counts summed over the sentence (last row: start).
    xi: [[f64; N_TAGS]; N_TAGS + 1],
}

impl Lattice {
    /// Marginals of the CRF over the legal BILOU paths (no entity open at
    /// the end), restricted to `mask` if given; returns `log Z` (of the
    /// restricted paths), or `None` when no path is allowed.
    /// `trans` holds `exp` of the transition weights, 0 where illegal.
    fn run(
        &mut self,
        emis: &[[f64; N_TAGS]],
        trans: &[[f64; N_TAGS]; N_TAGS + 1],
        mask: Option<&[u16]>,
    ) -> Option<f64> {
        let n = emis.len();
        let ok = |i: usize, t: usize| mask.is_none_or(|m| m[i] & (1 << t) != 0);
        self.psi.clear();
        self.alpha.clear();
        self.norm.clear();
        let mut log_z = 0f64;
        for (i, e) in emis.iter().enumerate() {
            // A per-token shift keeps exp in range; it cancels in the marginals.
            let shift = e.iter().fold(f64::NEG_INFINITY, |m, &x| m.max(x));
            log_z += shift;
            self.psi.push(std::array::from_fn(|t| {
                if ok(i, t) {
                    (e[t] - shift).exp()
                } else {
                    0.0
                }
            }));
        }
        for i in 0..n {
            let psi = &self.psi[i];
            let mut a = [0f64; N_TAGS];
            if i == 0 {
                for t in 0..N_TAGS {
                    a[t] = trans[START][t] * psi[t];
                }
            } else {
                let prev = &self.alpha[i - 1];
                for (p, &ap) in prev.iter().enumerate() {
                    if ap == 0.0 {
                        continue;
                    }
                    for t in 0..N_TAGS {
                        a[t] += ap * trans[p][t];
                    }
                }
                for t in 0..N_TAGS {
                    a[t] *= psi[t];
                }
            }
            let c: f64 = a.iter().sum();
            if !(c > 0.0 && c.is_finite()) {
                return None;
            }
            a.iter_mut().for_each(|x| *x /= c);
            log_z += c.ln();
            self.alpha.push(a);
            self.norm.push(c);
        }
        let end: [f64; N_TAGS] = std::array::from_fn(|t| if is_open(t) { 0.0 } else { 1.0 });
        let z_end: f64 = self.alpha[n - 1].iter().zip(&end).map(|(a, e)| a * e).sum();
        if !(z_end > 0.0 && z_end.is_finite()) {
            return None;
        }
        log_z += z_end.ln();
        self.beta.clear();
        self.beta.resize(n, [0.0; N_TAGS]);
        self.beta[n - 1] = end;
        for i in (0..n - 1).rev() {
            let next: [f64; N_TAGS] = std::array::from_fn(|t| {
                self.psi[i + 1][t] * self.beta[i + 1][t] / self.norm[i + 1]
            });
            for (b, row) in self.beta[i].iter_mut().zip(trans) {
                *b = row.iter().zip(&next).map(|(tr, x)| tr * x).sum();
            }
        }
        self.gamma.clear();
        for i in 0..n {
            self.gamma.push(std::array::from_fn(|t| {
                self.alpha[i][t] * self.beta[i][t] / z_end
            }));
        }
        self.xi = [[0.0; N_TAGS]; N_TAGS + 1];
        self.xi[START] = self.gamma[0];
        for i in 1..n {
            let k = 1.0 / (self.norm[i] * z_end);
            let onward: [f64; N_TAGS] =
                std::array::from_fn(|t| self.psi[i][t] * self.beta[i][t] * k);
            for ((xi, row), &ap) in self.xi.iter_mut().zip(trans).zip(&self.alpha[i - 1]) {
                if ap == 0.0 {
                    continue;
                }
                for ((x, tr), on) in xi.iter_mut().zip(row).zip(&onward) {
                    *x += ap * tr * on;
                }
            }
        }
        Some(log_z)
    }
}

/// Row-wise AdaGrad with lazy L2: a row's step size changes only when the
/// row is updated, so the shrinking it missed since is one power.
struct CrfRows {
    w: Vec<[f32; N_TAGS]>,
    sq: Vec<f32>,
    last: Vec<u32>,
    rate: f32,
    /// Per row, the L2 shrink per step (per sentence): `c2 / sentences`,
    /// times the row's scale.
    lambda: Vec<f32>,
}

impl CrfRows {
    /// Applies the shrinking row `f` missed up to `step`.
    #[inline]
    fn catch_up(&mut self, f: usize, step: u32) {
        let missed = step - self.last[f];
        if missed == 0 {
            return;
        }
        self.last[f] = step;
        if self.sq[f] > 0.0 {
            let per_step = (1.0 - self.rate / self.sq[f].sqrt() * self.lambda[f]).max(0.0);
            let k = per_step.powi(missed.min(i32::MAX as u32) as i32);
            self.w[f].iter_mut().for_each(|x| *x *= k);
        }
    }

    fn update(&mut self, f: usize, grad: &[f32; N_TAGS], norm2: f32) {
        self.sq[f] += norm2;
        let r = self.rate / self.sq[f].sqrt();
        for (x, g) in self.w[f].iter_mut().zip(grad) {
            *x -= r * g;
        }
    }
}

/// A uniform draw in [0, 1) for the lexical dropout of token `t` of
/// sentence `si` in `epoch` of `bag` (splitmix64 of the five; deterministic).
fn dropout_draw(seed: u64, bag: usize, epoch: usize, si: usize, t: usize) -> f32 {
    let mut x = seed
        ^ (bag as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ (epoch as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
        ^ (si as u64).wrapping_mul(0x1656_67B1_9E37_79F9)
        ^ (t as u64).wrapping_mul(0x27D4_EB2F_1656_67C5);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 31;
    (x >> 40) as f32 / (1u64 << 24) as f32
}

/// The CRF trainer of [`train`] (general weights, then the profile weights
/// with the general ones frozen; `bags` runs on different shuffles averaged).
#[allow(clippy::too_many_arguments)]
fn train_crf(
    lang: &str,
    profiles: &[String],
    prepared: &[Prepared],
    keys_of_id: &[u32],
    is_profile: &[bool],
    is_caseless: &[bool],
    is_signal: &[bool],
    opts: &TrainOptions,
    log: &mut dyn FnMut(&str),
    dev_eval: &mut dyn FnMut(usize, &LangWeightsFile),
) -> LangWeightsFile {
    let nf = keys_of_id.len();
    let bags = opts.bags.max(1);
    let joint = opts.crf_joint;
    // The sentences of the profile [`CASELESS_PROFILE`] (copies of train
    // sentences without case) teach its profile weights only, in a stage
    // of their own after the sets' profiles: the general and the sets'
    // profile stages walk the other sentences, in their order, with the L2
    // strength of their number, exactly as they would without the copies.
    let caseless = profiles
        .iter()
        .position(|p| p == CASELESS_PROFILE)
        .map(|i| i as u16 + 1);
    let general: Vec<usize> = (0..prepared.len())
        .filter(|&i| Some(prepared[i].profile) != caseless || joint)
        .collect();
    let copies: Vec<usize> = (0..prepared.len())
        .filter(|&i| Some(prepared[i].profile) == caseless && !joint)
        .collect();
    let has_set_profiles = is_profile
        .iter()
        .zip(is_caseless)
        .any(|(&p, &c)| p && !c);
    // Stages: general weights to `opts.epochs`, the sets' profiles to
    // `sets_end`, the caseless profile to `total_epochs`.
    let sets_end = opts.epochs
        + if has_set_profiles && !joint {
            opts.profile_epochs
        } else {
            0
        };
    let total_epochs = sets_end
        + if copies.is_empty() {
            0
        } else {
            opts.profile_epochs
        };
    let stage_of = |epoch: usize| usize::from(epoch >= opts.epochs) + usize::from(epoch >= sets_end);
    let row_stage = |f: usize| match (is_profile[f], is_caseless.get(f).copied().unwrap_or(false)) {
        (false, _) => 0,
        (true, false) => 1,
        (true, true) => 2,
    };
    let lambda = opts.crf_l2 / general.len().max(1) as f32;
    let row_lambda: Vec<f32> = is_profile
        .iter()
        .zip(is_signal)
        .map(|(&p, &g)| {
            lambda
                * if p { opts.crf_l2_profile_scale } else { 1.0 }
                * if g { opts.crf_l2_signal_scale } else { 1.0 }
        })
        .collect();
    let mut sum_w = vec![[0f32; N_TAGS]; nf];
    let mut sum_t = [[0f32; N_TAGS]; N_TAGS + 1];
    let (mut model, mut gold) = (Lattice::default(), Lattice::default());
    let mut emis: Vec<[f64; N_TAGS]> = Vec::new();
    let mut one_hot: Vec<u16> = Vec::new();
    let mut hidden: Vec<bool> = Vec::new();
    let legal: [[bool; N_TAGS]; N_TAGS + 1] =
        std::array::from_fn(|p| std::array::from_fn(|t| allowed(p, t)));
    let as_file = |rows: &CrfRows, tw: &[[f64; N_TAGS]; N_TAGS + 1]| {
        let w: Vec<[f32; N_TAGS]> = rows
            .w
            .iter()
            .map(|r| r.map(|x| x * CRF_SCORE_UNITS))
            .collect();
        let t: [[f32; N_TAGS]; N_TAGS + 1] =
            std::array::from_fn(|p| std::array::from_fn(|k| tw[p][k] as f32 * CRF_SCORE_UNITS));
        (w, t)
    };
    for bag in 0..bags {
        let mut rows = CrfRows {
            w: vec![[0f32; N_TAGS]; nf],
            sq: vec![0f32; nf],
            last: vec![0u32; nf],
            rate: opts.crf_rate,
            lambda: row_lambda.clone(),
        };
        let mut tw = [[0f64; N_TAGS]; N_TAGS + 1];
        let mut tsq = [[0f64; N_TAGS]; N_TAGS + 1];
        let mut snap = vec![[0f32; N_TAGS]; if opts.crf_average_epochs > 1 { nf } else { 0 }];
        let mut tsnap = [[0f64; N_TAGS]; N_TAGS + 1];
        let mut step = 0u32;
        let mut order: Vec<usize> = general.clone();
        let mut rng = XorShift((opts.seed + bag as u64 * 7919) | 1);
        for epoch in 0..total_epochs {
            let stage = stage_of(epoch);
            let profile_stage = stage > 0;
            if epoch == sets_end && !copies.is_empty() {
                // The caseless profile's stage walks the copies.
                order = copies.clone();
            }
            let trainable = |f: usize| joint || row_stage(f) == stage;
            for i in (1..order.len()).rev() {
                let j = (rng.next() % (i as u64 + 1)) as usize;
                order.swap(i, j);
            }
            let mut loss = 0f64;
            let mut tokens = 0usize;
            for &si in &order {
                let p = &prepared[si];
                let n = p.tags.len();
                if n == 0 {
                    continue;
                }
                step += 1;
                hidden.clear();
                if !p.lexical.is_empty()
                    && (!opts.lexical_dropout_full_labels_only || p.mask.is_none())
                {
                    hidden.extend((0..n).map(|t| {
                        (!opts.lexical_dropout_entities_only || p.in_entity[t])
                            && dropout_draw(
                                opts.seed,
                                bag,
                                epoch,
                                si,
                                if opts.lexical_dropout_whole_entities {
                                    p.entity_start[t]
                                } else {
                                    t
                                },
                            ) < opts.lexical_dropout
                    }));
                }
                let is_hidden = |t: usize, at: usize| -> bool {
                    !hidden.is_empty() && hidden[t] && p.lexical[at]
                };
                emis.clear();
                for t in 0..n {
                    let mut e = [0f32; N_TAGS];
                    for (at, &f) in p.ids[p.offsets[t]..p.offsets[t + 1]].iter().enumerate() {
                        let f = f as usize;
                        if !profile_stage && !joint && is_profile[f] {
                            continue;
                        }
                        if is_hidden(t, p.offsets[t] + at) {
                            continue;
                        }
                        if trainable(f) {
                            rows.catch_up(f, step);
                        }
                        for (x, w) in e.iter_mut().zip(&rows.w[f]) {
                            *x += w;
                        }
                    }
                    emis.push(e.map(f64::from));
                }
                let trans: [[f64; N_TAGS]; N_TAGS + 1] = std::array::from_fn(|p| {
                    std::array::from_fn(|t| if legal[p][t] { tw[p][t].exp() } else { 0.0 })
                });
                let target = match &p.mask {
                    Some(m) => m.as_slice(),
                    None => {
                        one_hot.clear();
                        one_hot.extend(p.tags.iter().map(|&t| 1u16 << t));
                        one_hot.as_slice()
                    }
                };
                let (Some(log_z), Some(log_z_gold)) = (
                    model.run(&emis, &trans, None),
                    gold.run(&emis, &trans, Some(target)),
                ) else {
                    continue;
                };
                loss += log_z - log_z_gold;
                tokens += n;
                let weight = p.weight;
                // Gradient of -log p(target | x): model minus target expectations.
                for t in 0..n {
                    let grad: [f32; N_TAGS] = std::array::from_fn(|k| {
                        (model.gamma[t][k] - gold.gamma[t][k]) as f32 * weight
                    });
                    let norm2: f32 = grad.iter().map(|g| g * g).sum();
                    if norm2 < 1e-12 {
                        continue;
                    }
                    for (at, &f) in p.ids[p.offsets[t]..p.offsets[t + 1]].iter().enumerate() {
                        let f = f as usize;
                        if trainable(f) && !is_hidden(t, p.offsets[t] + at) {
                            rows.update(f, &grad, norm2);
                        }
                    }
                }
                if !profile_stage {
                    for pr in 0..=N_TAGS {
                        for t in 0..N_TAGS {
                            if !legal[pr][t] {
                                continue;
                            }
                            let g = (model.xi[pr][t] - gold.xi[pr][t]) * f64::from(weight);
                            tsq[pr][t] += g * g;
                            let w = &mut tw[pr][t];
                            *w *= 1.0 - f64::from(lambda);
                            if tsq[pr][t] > 0.0 {
                                *w -= f64::from(opts.crf_rate) / tsq[pr][t].sqrt() * g;
                            }
                        }
                    }
                }
            }
            for f in 0..nf {
                if trainable(f) {
                    rows.catch_up(f, step);
                }
            }
            // Mean of the stage's last epochs' weights.
            let (stage_start, stage_end) = match stage {
                0 => (0, opts.epochs),
                1 => (opts.epochs, sets_end),
                _ => (sets_end, total_epochs),
            };
            let averaged = opts.crf_average_epochs.clamp(1, stage_end - stage_start);
            if averaged > 1 && epoch + averaged >= stage_end {
                for f in (0..nf).filter(|&f| trainable(f)) {
                    for (a, w) in snap[f].iter_mut().zip(&rows.w[f]) {
                        *a += w / averaged as f32;
                    }
                }
                if !profile_stage {
                    for (a, w) in tsnap.iter_mut().zip(&tw) {
                        for k in 0..N_TAGS {
                            a[k] += w[k] / averaged as f64;
                        }
                    }
                }
                if epoch + 1 == stage_end {
                    for f in (0..nf).filter(|&f| trainable(f)) {
                        rows.w[f] = snap[f];
                    }
                    if !profile_stage {
                        tw = tsnap;
                    }
                }
            }
            log(&format!(
                "[{lang}] CRF epoch {}: loss {:.4} per token",
                epoch + 1,
                loss / tokens.max(1) as f64
            ));
            if bag == 0 {
                let (w, t) = as_file(&rows, &tw);
                let zero_u = vec![[0f32; N_TAGS]; nf];
                let file = finalise(
                    lang,
                    profiles,
                    &w,
                    &zero_u,
                    &t,
                    &t.map(|_| [0.0; N_TAGS]),
                    1.0,
                    keys_of_id,
                    is_profile,
                    is_caseless,
                    opts,
                );
                dev_eval(epoch + 1, &file);
            }
        }
        let (w, t) = as_file(&rows, &tw);
        for (s, r) in sum_w.iter_mut().zip(&w) {
            for k in 0..N_TAGS {
                s[k] += r[k] / bags as f32;
            }
        }
        for (s, r) in sum_t.iter_mut().zip(&t) {
            for k in 0..N_TAGS {
                s[k] += r[k] / bags as f32;
            }
        }
        log(&format!("[{lang}] CRF bag {} of {bags} done", bag + 1));
    }
    let zero_u = vec![[0f32; N_TAGS]; nf];
    let zero_t = [[0f32; N_TAGS]; N_TAGS + 1];
    let file = finalise(
        lang, profiles, &sum_w, &zero_u, &sum_t, &zero_t, 1.0, keys_of_id, is_profile, is_caseless,
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
    is_caseless: &[bool],
    opts: &TrainOptions,
) -> LangWeightsFile {
    // CRF weights reach `finalise` in stored units (see `CRF_SCORE_UNITS`).
    let min_weight = match opts.trainer {
        Trainer::Crf => opts.min_weight * CRF_SCORE_UNITS,
        Trainer::Perceptron => 0.0,
    };
    let avg = |wr: &[f32; N_TAGS], ur: &[f32; N_TAGS]| -> [f32; N_TAGS] {
        std::array::from_fn(|k| wr[k] - ur[k] / c)
    };
    // Rows: 0 general, 1 the sets' profiles, 2 the caseless profile
    // ([`CASELESS_PROFILE`]), each kept within its own budget; the
    // caseless rows have no say in the weight scale below (rows larger
    // than it are clamped), so that the copies leave the general weights
    // and the sets' profiles as they are without them.
    let kind = |i: usize| match (is_profile[i], is_caseless.get(i).copied().unwrap_or(false)) {
        (false, _) => 0usize,
        (true, false) => 1,
        (true, true) => 2,
    };
    let mut parts: Vec<Vec<(u32, [f32; N_TAGS], f32)>> = Vec::new();
    for (part_kind, budget) in [
        (0, opts.max_features),
        (1, opts.max_profile_features),
        (2, opts.max_profile_features),
    ] {
        let mut part: Vec<(u32, [f32; N_TAGS], f32)> = w
            .iter()
            .zip(u)
            .zip(keys_of_id)
            .enumerate()
            .filter(|(i, _)| kind(*i) == part_kind)
            .map(|(_, ((wr, ur), &k))| {
                let a = avg(wr, ur);
                // Weights relative to O (see `LangWeightsFile::weights`).
                let a: [f32; N_TAGS] = std::array::from_fn(|k| a[k] - a[0]);
                let mag = a.iter().fold(0f32, |m, x| m.max(x.abs()));
                (k, a, mag)
            })
            .filter(|r| r.2 > 1e-4 && r.2 >= min_weight)
            .collect();
        if part.len() > budget {
            part.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
            part.truncate(budget);
        }
        part.sort_by_key(|r| r.0);
        parts.push(part);
    }
    let max_w = parts[..2].iter().flatten().map(|r| r.2).fold(1e-6f32, f32::max);
    let caseless_rows = parts.pop().unwrap_or_default();
    parts[1].extend(caseless_rows);
    parts[1].sort_by_key(|r| r.0);
    let trans: Vec<[f32; N_TAGS]> = tw.iter().zip(tu.iter()).map(|(a, b)| avg(a, b)).collect();
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
    let (key_deltas, mut weights) = encode(&parts[0]);
    let (profile_key_deltas, mut profile_weights) = encode(&parts[1]);
    // Only what the tagger's table keeps (a smaller file, the same tags).
    round_to_table_precision(&mut weights);
    round_to_table_precision(&mut profile_weights);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ModelFile, TAG_NAMES};
    use crate::{TagConfig, Tagger};

    /// Every legal BILOU path of `n` tokens (no entity open at the end).
    fn legal_paths(n: usize) -> Vec<Vec<usize>> {
        let mut paths: Vec<Vec<usize>> = vec![vec![]];
        for _ in 0..n {
            let mut next = Vec::new();
            for p in &paths {
                let prev = p.last().copied().unwrap_or(START);
                for t in 0..N_TAGS {
                    if allowed(prev, t) {
                        let mut q = p.clone();
                        q.push(t);
                        next.push(q);
                    }
                }
            }
            paths = next;
        }
        paths.retain(|p| p.last().is_none_or(|&t| !is_open(t)));
        paths
    }

    #[test]
    fn forward_backward_matches_enumeration() {
        let mut rng = XorShift(0x1234_5678);
        let mut rand = || (rng.next() % 2001) as f64 / 500.0 - 2.0;
        for n in 1..=3 {
            let emis: Vec<[f64; N_TAGS]> = (0..n)
                .map(|_| std::array::from_fn(|_| rand() * 3.0))
                .collect();
            let tw: [[f64; N_TAGS]; N_TAGS + 1] =
                std::array::from_fn(|_| std::array::from_fn(|_| rand()));
            let trans: [[f64; N_TAGS]; N_TAGS + 1] = std::array::from_fn(|p| {
                std::array::from_fn(|t| if allowed(p, t) { tw[p][t].exp() } else { 0.0 })
            });
            // Without a mask, and with partial labels (token 0: O or any
            // ORG tag; the others free).
            let partial: Vec<u16> = (0..n)
                .map(|i| if i == 0 { 1 | (0b1111 << 5) } else { u16::MAX })
                .collect();
            for mask in [None, Some(partial.as_slice())] {
                let mut z = 0f64;
                let mut gamma = vec![[0f64; N_TAGS]; n];
                let mut xi = [[0f64; N_TAGS]; N_TAGS + 1];
                for path in legal_paths(n) {
                    if mask.is_some_and(|m| {
                        path.iter().enumerate().any(|(i, &t)| m[i] & (1 << t) == 0)
                    }) {
                        continue;
                    }
                    let mut score = 0.0;
                    let mut prev = START;
                    for (i, &t) in path.iter().enumerate() {
                        score += emis[i][t] + tw[prev][t];
                        prev = t;
                    }
                    let p = score.exp();
                    z += p;
                    let mut prev = START;
                    for (i, &t) in path.iter().enumerate() {
                        gamma[i][t] += p;
                        xi[prev][t] += p;
                        prev = t;
                    }
                }
                let mut lat = Lattice::default();
                let log_z = lat.run(&emis, &trans, mask).expect("paths exist");
                assert!(
                    (log_z - z.ln()).abs() < 1e-9,
                    "n {n}: {log_z} vs {}",
                    z.ln()
                );
                let close =
                    |a: &[f64], b: &[f64]| a.iter().zip(b).all(|(x, y)| (x - y / z).abs() < 1e-9);
                assert!(lat.gamma.iter().zip(&gamma).all(|(a, b)| close(a, b)));
                assert!(lat.xi.iter().zip(&xi).all(|(a, b)| close(a, b)));
            }
        }
        // A mask that allows no path: no marginals, no panic.
        let emis = vec![[0f64; N_TAGS]; 2];
        let trans = [[1f64; N_TAGS]; N_TAGS + 1];
        let impossible = [1u16 << 1, 1u16 << 1]; // B-PER then B-PER
        assert!(Lattice::default()
            .run(&emis, &trans, Some(&impossible))
            .is_none());
    }

    /// Generated sentences: "<trigger> <Name>" is a person, "di <Place>" a
    /// place; a second, partially labelled set has no ORG.
    fn toy_sentences() -> Vec<Sentence> {
        let (b_per, b_loc) = (1, 5);
        let names = ["Budi", "Siti", "Andi", "Rina", "Joko", "Dewi"];
        let places = ["Bandung", "Medan", "Padang", "Bogor", "Malang", "Solo"];
        let verbs = ["pergi", "tinggal", "bekerja", "belajar"];
        let mut out = Vec::new();
        for (i, name) in names.iter().enumerate() {
            for (j, place) in places.iter().enumerate() {
                let verb = verbs[(i + j) % verbs.len()];
                let words = ["kata", name, verb, "di", place, "."];
                let tags = vec![0, b_per, 0, 0, b_loc, 0];
                // Every third sentence: partial labels, O may be ORG.
                let allowed = ((i + j) % 3 == 0).then(|| {
                    tags.iter()
                        .map(|&t| if t == 0 { 0b1_1001 } else { 1 << t })
                        .collect()
                });
                out.push(Sentence {
                    words: words.iter().map(|w| w.to_string()).collect(),
                    tags,
                    allowed,
                    profile: 0,
                    weight: 1.0,
                });
            }
        }
        out
    }

    /// Indonesian weights trained on `sentences` with no profiles, no
    /// clusters and the embedded gazetteer; `log` gets the trainer's lines.
    fn train_toy(
        sentences: &[Sentence],
        opts: &TrainOptions,
        log: &mut dyn FnMut(&str),
    ) -> LangWeightsFile {
        let clusters = Clusters::new(&[], &[]);
        train(
            "id",
            &[],
            sentences,
            &Gazetteer::embedded(),
            &clusters,
            opts,
            log,
            &mut |_, _| {},
        )
    }

    /// A new combination of a known name and a known place.
    const TOY_PROBE: [&str; 6] = ["kata", "Siti", "tinggal", "di", "Bogor", "."];

    /// The CRF settings of the toy tests: 36 sentences, where the default
    /// c2 would weigh like 300 times more per sentence than on the real sets.
    fn toy_crf_options(epochs: usize, bags: usize) -> TrainOptions {
        TrainOptions { trainer: Trainer::Crf, epochs, bags, crf_rate: 0.3, crf_l2: 0.1, ..TrainOptions::default() }
    }

    #[test]
    fn crf_learns_a_toy_pattern_into_the_same_file_form() {
        let sentences = toy_sentences();
        let opts = toy_crf_options(8, 2);
        let mut losses = Vec::new();
        let weights = train_toy(&sentences, &opts, &mut |line| losses.push(line.to_string()));
        let loss_of = |line: &str| -> Option<f64> {
            line.split("loss ").nth(1)?.split(' ').next()?.parse().ok()
        };
        let loss: Vec<f64> = losses.iter().filter_map(|l| loss_of(l)).collect();
        assert_eq!(loss.len(), 2 * 8, "{losses:?}");
        assert!(loss[7] < loss[0] / 4.0, "the loss falls: {loss:?}");
        let file = ModelFile::new(vec![weights], vec![], vec![], String::new());
        let again = ModelFile::from_bytes(&file.to_bytes()).expect("same file form");
        let tagger = Tagger::from_model(TagConfig::default(), &again);
        let tags = tagger.tag_words(&TOY_PROBE, "id");
        let names: Vec<&str> = tags.iter().map(|&t| TAG_NAMES[t]).collect();
        assert_eq!(names, ["O", "B-PER", "O", "O", "B-LOC", "O"]);
    }

    /// Lexical dropout hides a token's own word keys in some passes:
    /// training stays deterministic, the weights change, and the model
    /// still reads names and places, also ones it never saw.
    #[test]
    fn lexical_dropout_is_deterministic_and_reads_unseen_names() {
        let sentences = toy_sentences();
        let plain = toy_crf_options(8, 2);
        let dropout = TrainOptions {
            lexical_dropout: 0.5,
            lexical_dropout_entities_only: true,
            ..plain.clone()
        };
        let bytes =
            |w: LangWeightsFile| ModelFile::new(vec![w], vec![], vec![], String::new()).to_bytes();
        let once = train_toy(&sentences, &dropout, &mut |_| {});
        let again = train_toy(&sentences, &dropout, &mut |_| {});
        let without = train_toy(&sentences, &plain, &mut |_| {});
        assert_eq!(bytes(once.clone()), bytes(again));
        assert_ne!(bytes(once.clone()), bytes(without));
        let file = ModelFile::from_bytes(&bytes(once)).expect("same file form");
        let tagger = Tagger::from_model(TagConfig::default(), &file);
        for probe in [TOY_PROBE, ["kata", "Wati", "pergi", "di", "Kudus", "."]] {
            let names: Vec<&str> = tagger
                .tag_words(&probe, "id")
                .iter()
                .map(|&t| TAG_NAMES[t])
                .collect();
            assert_eq!(names, ["O", "B-PER", "O", "O", "B-LOC", "O"], "{probe:?}");
        }
    }

    /// A sentence's weight scales its part of the CRF's objective: the same
    /// sentences with every name labelled a place count for nothing at
    /// weight 0 and outweigh the true labels at weight 3.
    #[test]
    fn sentence_weights_scale_their_pull() {
        let opts = TrainOptions { min_weight: 0.0, ..toy_crf_options(6, 1) };
        let tag_of_name = |weight: f32| {
            let mut sentences = toy_sentences();
            let swapped: Vec<Sentence> = toy_sentences()
                .into_iter()
                .map(|mut s| {
                    s.tags[1] = 5; // B-LOC for the name
                    s.allowed = None;
                    s.weight = weight;
                    s
                })
                .collect();
            sentences.extend(swapped);
            let weights = train_toy(&sentences, &opts, &mut |_| {});
            let file = ModelFile::new(vec![weights], vec![], vec![], String::new());
            let tagger = Tagger::from_model(TagConfig::default(), &file);
            let tags = tagger.tag_words(&TOY_PROBE, "id");
            TAG_NAMES[tags[1]]
        };
        assert_eq!(tag_of_name(0.0), "B-PER");
        assert_eq!(tag_of_name(3.0), "B-LOC");
    }
    /// Copies of the sentences in capitals, in the caseless profile, teach
    /// that profile only: the general weights are those of training
    /// without them, byte for byte, and the tagger reads a sentence in
    /// capitals with the profile.
    #[test]
    fn caseless_copies_leave_the_general_weights_alone() {
        let opts = toy_crf_options(6, 2);
        let sentences = toy_sentences();
        let mut with_copies = Vec::new();
        for s in &sentences {
            with_copies.push(s.clone());
            with_copies.push(Sentence {
                words: s.words.iter().map(|w| w.to_uppercase()).collect(),
                profile: 1,
                ..s.clone()
            });
        }
        let clusters = Clusters::new(&[], &[]);
        let caseless = train(
            "id",
            &[CASELESS_PROFILE.to_string()],
            &with_copies,
            &Gazetteer::embedded(),
            &clusters,
            &opts,
            &mut |_| {},
            &mut |_, _| {},
        );
        let plain = train_toy(&sentences, &opts, &mut |_| {});
        assert_eq!(caseless.key_deltas, plain.key_deltas);
        assert_eq!(caseless.weights, plain.weights);
        assert_eq!(caseless.transitions, plain.transitions);
        assert!(plain.profile_weights.is_empty());
        assert!(!caseless.profile_weights.is_empty());
        let file = ModelFile::new(vec![caseless], vec![], vec![], String::new());
        let tagger = Tagger::from_model(TagConfig::default(), &file);
        assert!(tagger.has_profile(CASELESS_PROFILE, "id"));
        let upper: Vec<String> = TOY_PROBE.iter().map(|w| w.to_uppercase()).collect();
        let upper: Vec<&str> = upper.iter().map(String::as_str).collect();
        for probe in [&TOY_PROBE[..], &upper[..]] {
            let names: Vec<&str> = tagger
                .tag_words(probe, "id")
                .iter()
                .map(|&t| TAG_NAMES[t])
                .collect();
            assert_eq!(names, ["O", "B-PER", "O", "O", "B-LOC", "O"], "{probe:?}");
        }
    }
}
