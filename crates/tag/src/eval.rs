//! Entity-level exact-match scoring (span and type), shared by the `train`
//! and `eval` examples.

use std::collections::BTreeMap;

use crate::model::{tag_label, LABELS};

/// `(start token, end token exclusive, label index)` of the entities in a BIO
/// sequence; an `I-X` that does not continue an X starts a new entity.
pub fn spans(tags: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let Some(label) = tag_label(tags[i]) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < tags.len()
            && tags[j] != 0
            && tags[j].is_multiple_of(2)
            && tag_label(tags[j]) == Some(label)
        {
            j += 1;
        }
        out.push((i, j, label));
        i = j;
    }
    out
}

/// True positives, predicted and gold counts per label.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    pub per_label: BTreeMap<&'static str, [usize; 3]>,
}

impl Counts {
    /// Adds one sentence. `scored` says which label indices are scored (NERP: not ORG).
    pub fn add(&mut self, gold: &[usize], pred: &[usize], scored: &[bool; 3]) {
        let g = spans(gold);
        let p = spans(pred);
        for (k, name) in LABELS.iter().enumerate() {
            if !scored[k] {
                continue;
            }
            let e = self.per_label.entry(name).or_default();
            let gk: Vec<_> = g.iter().filter(|s| s.2 == k).collect();
            let pk: Vec<_> = p.iter().filter(|s| s.2 == k).collect();
            e[0] += pk.iter().filter(|s| gk.contains(s)).count();
            e[1] += pk.len();
            e[2] += gk.len();
        }
    }

    pub fn prf(c: [usize; 3]) -> (f64, f64, f64) {
        let p = if c[1] == 0 {
            0.0
        } else {
            c[0] as f64 / c[1] as f64
        };
        let r = if c[2] == 0 {
            0.0
        } else {
            c[0] as f64 / c[2] as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (100.0 * p, 100.0 * r, 100.0 * f)
    }

    pub fn overall(&self) -> [usize; 3] {
        self.per_label
            .values()
            .fold([0; 3], |a, c| [a[0] + c[0], a[1] + c[1], a[2] + c[2]])
    }
}
