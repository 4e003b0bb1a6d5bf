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
//! used reused); when one is full it keeps its most used half
//! ([`FormCache::keep_most_used`]). Which forms it holds changes speed,
//! never output.

use std::cell::RefCell;

use xxhash_rust::xxh3::xxh3_64;

use crate::features::{self, Role, SentenceView, WordBase, ROLES};
use crate::gazetteer::{GazBits, Gazetteer, N_CLASSES};
use crate::model::{Clusters, LangWeights, N_STORED, N_TAGS};

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
    /// Open addressing over [`INDEX_SLOTS`] entries (see [`ID_BITS`]);
    /// empty until the cache's first use.
    index: Vec<u64>,
    forms: Vec<Form>,
    /// Per form, how often it was looked up since it was added or kept.
    uses: Vec<u32>,
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

/// Slots of a cache's form index: twice the forms it holds, so the index
/// is at most half full and a probe is short.
const INDEX_SLOTS: usize = 2 * MAX_FORMS;
/// An index entry is the form's word hash with its low `ID_BITS` bits
/// replaced by the form's id + 1 (0: an empty slot).
const ID_BITS: u32 = 16;
const ID_MASK: u64 = (1 << ID_BITS) - 1;
const _: () = assert!(MAX_FORMS < (1 << ID_BITS));

#[inline]
fn index_slot(h: u64) -> usize {
    // The low bits pick the slot; the entry keeps the high ones.
    h as usize & (INDEX_SLOTS - 1)
}

impl FormCache {
    fn reset(&mut self, owner: Owner) {
        self.index.clear();
        self.index.resize(INDEX_SLOTS, 0);
        self.forms.clear();
        self.uses.clear();
        self.words.clear();
        self.lowers.clear();
        if self.owner != Some(owner) {
            self.memos = Memos::default();
        }
        self.owner = Some(owner);
    }

    /// Makes room when full: keeps the most used half of the forms (by
    /// their uses since the last time; news repeats its frequent words, so
    /// they need not be summed again), with at most half the text budget,
    /// and forgets the rest.
    fn keep_most_used(&mut self) {
        let mut order: Vec<u32> = (0..self.forms.len() as u32)
            .filter(|&id| self.uses[id as usize] > 1)
            .collect();
        order.sort_unstable_by_key(|&id| std::cmp::Reverse(self.uses[id as usize]));
        order.truncate(MAX_FORMS / 2);
        let forms = std::mem::take(&mut self.forms);
        let words = std::mem::take(&mut self.words);
        let lowers = std::mem::take(&mut self.lowers);
        self.index.clear();
        self.index.resize(INDEX_SLOTS, 0);
        self.uses.clear();
        for id in order {
            let f = &forms[id as usize];
            let w = &words[f.word.0 as usize..f.word.1 as usize];
            let lw = &lowers[f.lower.0 as usize..f.lower.1 as usize];
            if self.words.len() + self.lowers.len() + w.len() + lw.len() > MAX_TEXT_BYTES / 2 {
                continue;
            }
            let h = xxh3_64(w.as_bytes());
            let Err(slot) = self.find(w, h) else { continue };
            let ws = self.words.len();
            self.words.push_str(w);
            let ls = self.lowers.len();
            self.lowers.push_str(lw);
            let new_id = self.forms.len() as u32;
            self.index[slot] = (h & !ID_MASK) | u64::from(new_id + 1);
            self.forms.push(Form {
                word: (ws as u32, self.words.len() as u32),
                lower: (ls as u32, self.lowers.len() as u32),
                ..*f
            });
            self.uses.push(0);
        }
    }

    /// The id of the form `w` (hash `h`), or the empty index slot where it
    /// would go.
    #[inline]
    fn find(&self, w: &str, h: u64) -> Result<u32, usize> {
        let mut slot = index_slot(h);
        loop {
            let e = self.index[slot];
            if e == 0 {
                return Err(slot);
            }
            if (e ^ h) & !ID_MASK == 0 {
                let id = (e & ID_MASK) as u32 - 1;
                let (a, b) = self.forms[id as usize].word;
                if &self.words[a as usize..b as usize] == w {
                    return Ok(id);
                }
            }
            slot = (slot + 1) & (INDEX_SLOTS - 1);
        }
    }

    /// Loads the home index slots of `hashes` together (their cache misses
    /// overlap; the probes of [`FormCache::find`] then find them cached).
    #[inline]
    fn touch(&self, hashes: &[u64]) {
        let mut x = 0u64;
        for &h in hashes {
            x ^= self.index[index_slot(h)];
        }
        std::hint::black_box(x);
    }

    /// The form of `w` (whose hash is `h`), computed on first sight.
    fn form_of(
        &mut self,
        w: &str,
        h: u64,
        weights: &LangWeights,
        profile: Option<u16>,
        clusters: &Clusters,
        gazetteer: &Gazetteer,
    ) -> u32 {
        let slot = match self.find(w, h) {
            Ok(id) => {
                let uses = &mut self.uses[id as usize];
                *uses = uses.saturating_add(1);
                return id;
            }
            Err(slot) => slot,
        };
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
            gazetteer_candidate: gazetteer.may_match_hashed(lw, base.h_lower),
            case_bits: features::case_bits(w),
            sums,
        });
        self.uses.push(1);
        // Only a sentence longer than the cache (`Tagger::tag_words` does
        // not cut) fills the index: the forms past it are used for that
        // sentence and not indexed.
        if (id as usize) < MAX_FORMS {
            self.index[slot] = (h & !ID_MASK) | u64::from(id + 1);
        }
        id
    }
}

/// Per-sentence buffers.
#[derive(Default)]
pub struct SentenceScratch {
    hashes: Vec<u64>,
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
    if cache.owner != Some(owner) {
        cache.reset(owner);
    } else if cache.forms.len() + n > MAX_FORMS || text_bytes > MAX_TEXT_BYTES {
        cache.keep_most_used();
    }
    s.hashes.clear();
    s.hashes.extend(words.iter().map(|w| xxh3_64(w.as_bytes())));
    cache.touch(&s.hashes);
    s.ids.clear();
    s.bases.clear();
    s.candidates.clear();
    for (w, &h) in words.iter().zip(&s.hashes) {
        let id = cache.form_of(w, h, weights, owner.profile, clusters, gazetteer);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ModelFile;

    /// A full cache keeps its most used forms, with the same sums and
    /// facts, and forgets the others; a form is found by its text only.
    #[test]
    fn a_full_cache_keeps_its_most_used_forms() {
        let file = ModelFile::from_bytes(crate::EMBEDDED_MODEL).expect("the embedded model loads");
        let weights = LangWeights::from_file(&file.langs[0]);
        let clusters = Clusters::new(&file.cluster_words, &file.cluster_ids);
        let gazetteer = Gazetteer::embedded_for(&file.langs[0].lang);
        let mut cache = FormCache::default();
        cache.reset(Owner { tagger: usize::MAX, lang: 0, profile: None });
        let words: Vec<String> = (0..MAX_FORMS).map(|k| format!("Kata{k}")).collect();
        let form_of = |cache: &mut FormCache, w: &str| {
            cache.form_of(w, xxh3_64(w.as_bytes()), &weights, None, &clusters, &gazetteer)
        };
        for w in &words {
            form_of(&mut cache, w);
        }
        // Every third form used twice more, "Kata7" most.
        for w in words.iter().step_by(3).chain(words.iter().step_by(3)) {
            form_of(&mut cache, w);
        }
        for _ in 0..5 {
            form_of(&mut cache, "Kata7");
        }
        let before: Vec<([[i32; N_STORED]; ROLES.len()], u64)> = cache
            .forms
            .iter()
            .map(|f| (f.sums, f.base.h_lower))
            .collect();
        cache.keep_most_used();
        // Forms never looked up again are dropped.
        assert_eq!(cache.forms.len(), MAX_FORMS.div_ceil(3) + 1);
        let found = |cache: &FormCache, k: usize| {
            let w = &words[k];
            cache.find(w, xxh3_64(w.as_bytes())).ok()
        };
        let id = found(&cache, 7).expect("the most used form is kept");
        assert_eq!(id, 0);
        for k in [0, 3, 30_000] {
            let id = found(&cache, k).expect("a form used three times is kept") as usize;
            let f = &cache.forms[id];
            assert_eq!((f.sums, f.base.h_lower), before[k]);
            let (a, b) = f.word;
            assert_eq!(&cache.words[a as usize..b as usize], words[k]);
        }
        assert!(found(&cache, 1).is_none() && found(&cache, 30_001).is_none());
        // A form not kept is computed again, the same.
        let again = form_of(&mut cache, &words[1]) as usize;
        assert_eq!((cache.forms[again].sums, cache.forms[again].base.h_lower), before[1]);
    }
}
