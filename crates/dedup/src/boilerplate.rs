//! Cross-archive boilerplate: sentences that recur in many articles
//! (newsletter promos, legal footers, "follow us" lines).
//!
//! # Bounded memory: a Misra-Gries summary
//! Each article contributes each of its distinct sentence keys once. The
//! counts live in a Misra-Gries summary of at most `capacity` entries
//! (12 bytes each on disk): when a new key arrives and the summary is full,
//! every count is decremented and the zeros are dropped. Counts are therefore
//! *lower bounds* of the true number of articles (never more), off by at most
//! `total / (capacity + 1)`; a sentence is never removed because of a hash
//! collision with another one. The index stores the whole summary (about 11
//! bytes an entry with bincode's variable-length integers, at most
//! `capacity` entries: 0.7 MB for the default 65,536, whatever the archive). Unique sentences (the vast majority) churn
//! through the summary, while a line repeated in many articles keeps its
//! count. Memory and index size are fixed by `capacity`, whatever the archive.
//!
//! # Streaming decision
//! The stage is single-pass: an article's sentence is removed when its count,
//! including this article, reaches `boilerplate_min_articles`. The first
//! `min_articles - 1` articles that carry a new boilerplate line keep it; with
//! a persistent index that cost is paid once per line over the archive's life,
//! not once per run. A sentence is only counted when it has at least
//! `boilerplate_min_words` words, and an article is never emptied by it.


use crate::within::{Plan, Reason};
use crate::words::KeyMap;
use crate::DedupConfig;

#[derive(Debug, Clone, Default)]
pub(crate) struct MisraGries {
    counts: KeyMap<u64, u32>,
    capacity: usize,
}

impl MisraGries {
    pub(crate) fn heap_bytes(&self) -> usize {
        self.counts.capacity() * (std::mem::size_of::<(u64, u32)>() + 1)
    }

    pub(crate) fn new(capacity: usize) -> Self {
        MisraGries { counts: KeyMap::default(), capacity: capacity.max(1) }
    }

    /// Counts one more article carrying `key`; returns the (lower-bound)
    /// count after it.
    pub(crate) fn add(&mut self, key: u64) -> u32 {
        if let Some(c) = self.counts.get_mut(&key) {
            *c = c.saturating_add(1);
            return *c;
        }
        if self.counts.len() < self.capacity {
            self.counts.insert(key, 1);
            return 1;
        }
        // Summary full: decrement everything (the new key included, which is
        // why it is not inserted). Amortised O(1): each round removes
        // capacity + 1 units from a total bounded by the number of adds.
        self.counts.retain(|_, c| {
            *c -= 1;
            *c > 0
        });
        0
    }

    pub(crate) fn get(&self, key: u64) -> u32 {
        self.counts.get(&key).copied().unwrap_or(0)
    }

    /// Every entry, sorted by key, for a deterministic index file. All of
    /// them: an index saved and loaded mid-stream (a checkpoint) must
    /// continue exactly as the uninterrupted run would.
    pub(crate) fn entries(&self) -> Vec<(u64, u32)> {
        let mut v: Vec<(u64, u32)> = self.counts.iter().map(|(&k, &c)| (k, c)).collect();
        v.sort_unstable();
        v
    }

    pub(crate) fn from_entries(capacity: usize, entries: Vec<(u64, u32)>) -> Self {
        let mut s = MisraGries::new(capacity);
        s.counts.extend(entries);
        s.shrink_to_capacity();
        s
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.counts.len()
    }

    /// Merges another summary (of a disjoint part of the archive): counts
    /// add, then the standard Misra-Gries merge subtracts the
    /// (capacity+1)-th largest count so the result keeps its guarantee.
    pub(crate) fn merge(&mut self, other: &MisraGries) {
        for (&k, &c) in &other.counts {
            let e = self.counts.entry(k).or_insert(0);
            *e = e.saturating_add(c);
        }
        self.shrink_to_capacity();
    }

    fn shrink_to_capacity(&mut self) {
        if self.counts.len() <= self.capacity {
            return;
        }
        let mut values: Vec<u32> = self.counts.values().copied().collect();
        values.sort_unstable_by(|a, b| b.cmp(a));
        let cut = values[self.capacity];
        self.counts.retain(|_, c| {
            *c = c.saturating_sub(cut);
            *c > 0
        });
    }
}

/// Counts the article's distinct eligible sentences and marks those that
/// reached the threshold. Must be called in input order. An exact copy of an
/// earlier article is not counted again (`count` false): a story syndicated
/// fifty times is not fifty witnesses of boilerplate.
pub(crate) fn count_and_mark(summary: &mut MisraGries, plan: &mut Plan, cfg: &DedupConfig, count: bool) {
    let threshold = cfg.boilerplate_min_articles;
    if threshold == 0 {
        return;
    }
    let mut keys: Vec<u64> = plan
        .units
        .iter()
        .filter(|u| u.remove.is_none() && u.words as usize >= cfg.boilerplate_min_words)
        .map(|u| u.key)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let mut hot: Vec<u64> = Vec::new();
    for k in keys {
        let c = if count { summary.add(k) } else { summary.get(k) };
        if u64::from(c) >= threshold {
            hot.push(k);
        }
    }
    if hot.is_empty() {
        return;
    }
    let left = plan
        .units
        .iter()
        .filter(|u| u.words > 0 && u.remove.is_none() && hot.binary_search(&u.key).is_err())
        .count();
    if left == 0 {
        return; // never empty an article: a page that is only boilerplate stays
    }
    for u in plan.units.iter_mut() {
        if u.remove.is_none() && hot.binary_search(&u.key).is_ok() {
            u.remove = Some(Reason::Boilerplate);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_never_exceed_the_truth_and_frequent_keys_survive() {
        let mut mg = MisraGries::new(64);
        let mut truth_hot = 0u32;
        for i in 0..10_000u64 {
            if i % 10 == 0 {
                mg.add(u64::MAX);
                truth_hot += 1;
            } else {
                mg.add(i);
            }
        }
        let c = mg.get(u64::MAX);
        assert!(c <= truth_hot);
        assert!(c > truth_hot * 7 / 10, "count {c} of {truth_hot}");
        assert!(mg.len() <= 64);
        for i in 1..10u64 {
            assert!(mg.get(i) <= 1);
        }
    }

    #[test]
    fn merge_adds_counts_and_stays_bounded() {
        let mut a = MisraGries::new(4);
        let mut b = MisraGries::new(4);
        for _ in 0..5 {
            a.add(1);
            b.add(1);
        }
        for k in 10..14 {
            b.add(k);
        }
        a.merge(&b);
        assert!(a.len() <= 4);
        assert!(a.get(1) >= 9 && a.get(1) <= 10);
    }
}
