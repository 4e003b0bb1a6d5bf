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
//! The caches are per thread and live across articles; each is tied to one
//! tagger, language and profile (up to four per thread, the least recently
//! used reused) and emptied when full, which changes speed, never output.

use std::cell::RefCell;
use std::collections::HashMap;

use xxhash_rust::xxh3::xxh3_64;

use crate::features::{self, Role, SentenceView, WordBase, ROLES};
use crate::gazetteer::{GazBits, Gazetteer, N_CLASSES};
use crate::model::{BuildIdentity, Clusters, LangWeights, N_STORED, N_TAGS};

/// Distinct forms kept per cache before it starts over (about 350 bytes
/// each with their text).
const MAX_FORMS: usize = 1 << 15;
/// Text of the forms kept per cache (long junk tokens must not pile up).
const MAX_TEXT_BYTES: usize = 8 << 20;

/// One word form: where its text and lower case sit in the arenas, its
/// context-free facts and the weight sums of its keys in each role.
struct Form {
    word: (u32, u32),
    lower: (u32, u32),
    base: WordBase,
    /// [`Gazetteer::may_match`] of the lower case.
    gazetteer_candidate: bool,
    /// [`features::case_bits`] of the word.
    case_bits: u8,
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
    memos: Memos,
}

/// Weight sums of the small-domain context groups, filled on first use.
struct Memo {
    rows: Vec<[i32; N_STORED]>,
    filled: Vec<bool>,
}

impl Memo {
    fn new(size: usize) -> Memo {
        Memo {
            rows: vec![[0; N_STORED]; size],
            filled: vec![false; size],
        }
    }

    /// Adds the sum of the group at `index` (whose keys `group` writes) to `acc`.
    #[inline]
    fn add(
        &mut self,
        index: usize,
        group: impl FnOnce(&mut Vec<u64>),
        weights: &LangWeights,
        profile: Option<u16>,
        keys: &mut Vec<u64>,
        acc: &mut [i32; N_STORED],
    ) {
        let fill = |keys: &mut Vec<u64>| {
            keys.clear();
            group(keys);
            let mut row = [0i32; N_STORED];
            weights.add_keys(keys, profile, &mut row);
            row
        };
        let row = match self.filled.get(index) {
            Some(true) => self.rows[index],
            Some(false) => {
                let row = fill(keys);
                self.rows[index] = row;
                self.filled[index] = true;
                row
            }
            // Out of the table's domain (not expected): computed directly.
            None => fill(keys),
        };
        for (a, w) in acc.iter_mut().zip(row) {
            *a = a.wrapping_add(w);
        }
    }
}

struct Memos {
    shape_context: Memo,
    position: Memo,
    run_shape: Memo,
    trigger: Memo,
    gazetteer: Memo,
}

impl Default for Memos {
    fn default() -> Memos {
        Memos {
            shape_context: Memo::new(6 * 5 * 6),
            position: Memo::new(5 * 4 * 2 * 13),
            run_shape: Memo::new(5 * 5 * 2),
            trigger: Memo::new(4 * 64 * 5),
            gazetteer: Memo::new(5 * 2 * N_CLASSES * 5 * 8),
        }
    }
}

impl FormCache {
    fn reset(&mut self, owner: Owner) {
        self.index.clear();
        self.forms.clear();
        self.words.clear();
        self.lowers.clear();
        if self.owner != Some(owner) {
            self.memos = Memos::default();
        }
        self.owner = Some(owner);
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
        let base = features::word_base(w, clusters, gazetteer, &mut self.lowers, &mut self.shape_buf);
        let lw = &self.lowers[ls..];
        // All roles' keys first, their table lines loaded together, then summed.
        self.keys.clear();
        let mut ends = [0usize; ROLES.len()];
        for (role, end) in ROLES.iter().zip(&mut ends) {
            features::role_keys(&base, lw, *role, &mut self.keys);
            *end = self.keys.len();
        }
        weights.touch_keys(&self.keys, profile);
        let mut sums = [[0i32; N_STORED]; ROLES.len()];
        let mut start = 0;
        for (sum, &end) in sums.iter_mut().zip(&ends) {
            weights.add_keys(&self.keys[start..end], profile, sum);
            start = end;
        }
        let id = self.forms.len() as u32;
        self.forms.push(Form {
            word: (ws as u32, self.words.len() as u32),
            lower: (ls as u32, self.lowers.len() as u32),
            base,
            gazetteer_candidate: gazetteer.may_match(lw),
            case_bits: features::case_bits(w),
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
    /// The [`features::pair_keys`] of the sentence's tokens; token `i`'s
    /// end at `key_ends[i]`.
    keys: Vec<u64>,
    key_ends: Vec<usize>,
}

/// Caches kept per thread (one per tagger, language and profile in use; a
/// batch that mixes languages keeps each language's forms).
const MAX_CACHES: usize = 4;

thread_local! {
    static CACHES: RefCell<Vec<FormCache>> = const { RefCell::new(Vec::new()) };
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
    CACHES.with(|cell| match cell.try_borrow_mut() {
        Ok(mut caches) => {
            // Most recently used first; the least recently used is reused.
            match caches.iter().position(|c| c.owner == Some(owner)) {
                Some(k) => caches[..=k].rotate_right(1),
                None if caches.len() < MAX_CACHES => caches.insert(0, FormCache::default()),
                None => caches.rotate_right(1),
            }
            emissions_with(
                words,
                owner,
                weights,
                clusters,
                gazetteer,
                &mut caches[0],
                s,
                emis,
            )
        }
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
    let text_bytes = cache.words.len() + cache.lowers.len();
    if cache.owner != Some(owner)
        || cache.forms.len() + n > MAX_FORMS
        || text_bytes > MAX_TEXT_BYTES
    {
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
        shape: features::sentence_shape_of(ids.iter().map(|&id| forms[id as usize].case_bits)),
        run_start: &s.run_start,
        run_end: &s.run_end,
    };
    // The keys over two words of every token first, their table lines
    // loaded together (`LangWeights::touch_keys`), then summed per token.
    s.keys.clear();
    s.key_ends.clear();
    for i in 0..n {
        features::pair_keys(&view, i, &mut s.keys);
        s.key_ends.push(s.keys.len());
    }
    weights.touch_keys(&s.keys, owner.profile);
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
        let from = if i == 0 { 0 } else { s.key_ends[i - 1] };
        weights.add_keys(&s.keys[from..s.key_ends[i]], owner.profile, &mut acc);
        // The rest of features::context_keys, through the dense tables.
        let c = features::small_context(&view, i);
        let sc = c.shape_class;
        let (p, own, nx) = c.shape_context;
        let class_index = |x: u8| if x == 9 { 5 } else { usize::from(x) };
        let memos = &mut cache.memos;
        let keys = &mut cache.keys;
        let profile = owner.profile;
        memos.shape_context.add(
            (class_index(p) * 5 + usize::from(own)) * 6 + class_index(nx),
            |k| features::shape_context_keys(c.shape_context, k),
            weights,
            profile,
            keys,
            &mut acc,
        );
        let (psc, flags, first, cap) = c.position;
        memos.position.add(
            ((usize::from(psc) * 4 + usize::from(flags)) * 2 + usize::from(first)) * 13
                + usize::from(cap),
            |k| features::position_keys(c.position, k),
            weights,
            profile,
            keys,
            &mut acc,
        );
        if let Some(r) = c.run_shape {
            let (fs, te, at) = r;
            memos.run_shape.add(
                (usize::from(fs) * 5 + usize::from(te)) * 2 + usize::from(at),
                |k| k.push(features::run_shape_key(r)),
                weights,
                profile,
                keys,
                &mut acc,
            );
        }
        for (pos, &trigger) in c.triggers.iter().enumerate() {
            if trigger != 0 {
                memos.trigger.add(
                    (pos * 64 + usize::from(trigger)) * 5 + usize::from(sc),
                    |k| k.push(features::trigger_key(pos, trigger, sc)),
                    weights,
                    profile,
                    keys,
                    &mut acc,
                );
            }
        }
        for (pos, &bits) in c.gazetteer.iter().enumerate() {
            // The gazetteer sets bits below 2 * N_CLASSES only.
            let mut rest = bits & ((1 << (2 * N_CLASSES)) - 1);
            while rest != 0 {
                let bit = rest.trailing_zeros() as u8;
                rest &= rest - 1;
                // Only the token's own bits read the trust (`gazetteer_keys`).
                let trust = if pos == 0 { c.gazetteer_trust } else { 0 };
                memos.gazetteer.add(
                    ((pos * 2 * N_CLASSES + usize::from(bit)) * 5 + usize::from(sc)) * 8
                        + usize::from(trust),
                    |k| features::gazetteer_keys(pos, bit, sc, trust, k),
                    weights,
                    profile,
                    keys,
                    &mut acc,
                );
            }
        }
        let mut e = [0i32; N_TAGS];
        e[1..].copy_from_slice(&acc);
        emis.push(e);
    }
}
