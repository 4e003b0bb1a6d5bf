//! Emission scores through a cache of word forms: news repeats its words,
//! and about three quarters of a token's feature keys read one word form
//! only (its own word, lower case, shape, affixes and clusters; the words
//! and clusters of its neighbours, which read the neighbour alone). Their
//! weights are summed once per distinct form and role
//! ([`features::Role`]); per token, only the keys that combine several
//! words ([`features::context_keys`]) are looked up. The sums are of
//! integers, so the emissions are exactly those of [`features::extract`]
//! (the tests compare the key multisets, and the stage's output was
//! compared byte for byte on the news sets).
//!
//! The cache is per thread and lives across articles; it is tied to one
//! tagger, language and profile and emptied when they change or when it is
//! full, which changes speed, never output.

use std::cell::RefCell;
use std::collections::HashMap;

use xxhash_rust::xxh3::xxh3_64;

use crate::features::{self, Role, SentenceView, WordBase, ROLES};
use crate::gazetteer::{GazBits, Gazetteer};
use crate::model::{BuildIdentity, Clusters, LangWeights, N_STORED, N_TAGS};

/// Distinct forms kept per thread before the cache starts over
/// (about 300 bytes each).
const MAX_FORMS: usize = 1 << 15;

/// One word form: where its text and lower case sit in the arenas, its
/// context-free facts and the weight sums of its keys in each role.
struct Form {
    word: (u32, u32),
    lower: (u32, u32),
    base: WordBase,
    /// [`Gazetteer::may_match`] of the lower case.
    gazetteer_candidate: bool,
    sums: [[i32; N_STORED]; ROLES.len()],
}

/// Which weights the cached sums were computed with.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Owner {
    pub tagger: usize,
    pub lang: usize,
    pub profile: Option<u16>,
}

#[derive(Default)]
pub struct FormCache {
    owner: Option<Owner>,
    index: HashMap<u64, u32, BuildIdentity>,
    forms: Vec<Form>,
    words: String,
    lowers: String,
    keys: Vec<u64>,
    shape_buf: String,
}

impl FormCache {
    fn reset(&mut self, owner: Owner) {
        self.owner = Some(owner);
        self.index.clear();
        self.forms.clear();
        self.words.clear();
        self.lowers.clear();
    }

    /// The form of `w`, computed on first sight.
    fn form_of(
        &mut self,
        w: &str,
        weights: &LangWeights,
        profile: Option<u16>,
        clusters: &Clusters,
        gazetteer: &Gazetteer,
    ) -> u32 {
        let h = xxh3_64(w.as_bytes());
        if let Some(&id) = self.index.get(&h) {
            let (a, b) = self.forms[id as usize].word;
            if &self.words[a as usize..b as usize] == w {
                return id;
            }
        }
        let ws = self.words.len();
        self.words.push_str(w);
        let ls = self.lowers.len();
        let base = features::word_base(w, clusters, &mut self.lowers, &mut self.shape_buf);
        let lw = &self.lowers[ls..];
        let mut sums = [[0i32; N_STORED]; ROLES.len()];
        for (role, sum) in ROLES.iter().zip(&mut sums) {
            self.keys.clear();
            features::role_keys(&base, lw, *role, &mut self.keys);
            weights.add_keys(&self.keys, profile, sum);
        }
        let id = self.forms.len() as u32;
        self.forms.push(Form {
            word: (ws as u32, self.words.len() as u32),
            lower: (ls as u32, self.lowers.len() as u32),
            base,
            gazetteer_candidate: gazetteer.may_match(lw),
            sums,
        });
        // A 64-bit hash collision (never seen) only replaces the entry.
        self.index.insert(h, id);
        id
    }
}

/// Per-sentence buffers.
#[derive(Default)]
pub struct SentenceScratch {
    ids: Vec<u32>,
    candidates: Vec<bool>,
    run_gaz: Vec<GazBits>,
    pub bases: Vec<WordBase>,
    pub gaz: Vec<GazBits>,
    gaz_buf: String,
    gaz_starts: Vec<usize>,
    run_start: Vec<usize>,
    run_end: Vec<usize>,
    keys: Vec<u64>,
}

thread_local! {
    static CACHE: RefCell<FormCache> = RefCell::new(FormCache::default());
}

/// The emission scores of `words` (one sentence) into `emis`; fills
/// `s.gaz` (read by the title finder).
#[allow(clippy::too_many_arguments)]
pub fn emissions(
    words: &[&str],
    owner: Owner,
    weights: &LangWeights,
    clusters: &Clusters,
    gazetteer: &Gazetteer,
    s: &mut SentenceScratch,
    emis: &mut Vec<[i32; N_TAGS]>,
) {
    CACHE.with(|cell| match cell.try_borrow_mut() {
        Ok(mut cache) => emissions_with(
            words, owner, weights, clusters, gazetteer, &mut cache, s, emis,
        ),
        // Only if re-entered on this thread: a fresh cache, same output.
        Err(_) => emissions_with(
            words,
            owner,
            weights,
            clusters,
            gazetteer,
            &mut FormCache::default(),
            s,
            emis,
        ),
    });
}

#[allow(clippy::too_many_arguments)]
fn emissions_with(
    words: &[&str],
    owner: Owner,
    weights: &LangWeights,
    clusters: &Clusters,
    gazetteer: &Gazetteer,
    cache: &mut FormCache,
    s: &mut SentenceScratch,
    emis: &mut Vec<[i32; N_TAGS]>,
) {
    let n = words.len();
    if cache.owner != Some(owner) || cache.forms.len() + n > MAX_FORMS {
        cache.reset(owner);
    }
    s.ids.clear();
    s.bases.clear();
    s.candidates.clear();
    for w in words {
        let id = cache.form_of(w, weights, owner.profile, clusters, gazetteer);
        let form = &cache.forms[id as usize];
        s.ids.push(id);
        s.bases.push(form.base);
        s.candidates.push(form.gazetteer_candidate);
    }
    let forms = &cache.forms;
    let lowers = &cache.lowers;
    let ids = &s.ids;
    gazetteer.annotate_candidates(
        n,
        |i| {
            let (a, b) = forms[ids[i] as usize].lower;
            &lowers[a as usize..b as usize]
        },
        &s.candidates,
        &mut s.gaz,
        &mut s.run_gaz,
        &mut s.gaz_buf,
        &mut s.gaz_starts,
    );
    features::capital_runs(&s.bases, &mut s.run_start, &mut s.run_end);
    let view = SentenceView {
        bases: &s.bases,
        gaz: &s.gaz,
        shape: features::sentence_shape(words),
        run_start: &s.run_start,
        run_end: &s.run_end,
    };
    emis.clear();
    for i in 0..n {
        let mut acc = forms[s.ids[i] as usize].sums[Role::Own as usize];
        let mut add_role = |j: usize, role: Role| {
            let row = &forms[s.ids[j] as usize].sums[role as usize];
            for (a, w) in acc.iter_mut().zip(row) {
                *a = a.wrapping_add(*w);
            }
        };
        if i >= 1 {
            add_role(i - 1, Role::Prev1);
        }
        if i >= 2 {
            add_role(i - 2, Role::Prev2);
        }
        if i + 1 < n {
            add_role(i + 1, Role::Next1);
        }
        if i + 2 < n {
            add_role(i + 2, Role::Next2);
        }
        s.keys.clear();
        features::context_keys(&view, i, &mut s.keys);
        weights.add_keys(&s.keys, owner.profile, &mut acc);
        let mut e = [0i32; N_TAGS];
        e[1..].copy_from_slice(&acc);
        emis.push(e);
    }
}
