//! Hierarchical class-based bigram word classes (learnt offline: the
//! Indonesian word classes of `data/brown-id.tsv.zst`, which the Indonesian
//! weights read since session 14, are generated with
//! `examples/gen_brown_id.rs`; see `model/PROVENANCE.md`).
//!
//! The objective is Brown et al. (1992)'s: the likelihood of the text under
//! a class bigram model, `Σ N(c,d) log N(c,d) − Σ N(c) log N(c)` over the
//! classes `c` of a word and `d` of the word after it. The tree is grown top
//! down (as McMahon & Smith 1996): at each level every class is split in two
//! and words are exchanged between the two halves (Kneser & Ney 1993's
//! exchange step, restricted to the sibling, so the classes stay a binary
//! tree) while the likelihood rises. A word's class is then a path of
//! `depth` bits whose prefixes are the coarser classes, read as Brown-cluster
//! paths are (prefixes of several lengths). Cost per pass: linear in the
//! number of distinct bigrams; deterministic (words in frequency order, no
//! hashing of the order).

/// `x ln x` (0 at 0).
#[inline]
fn g(x: i64) -> f64 {
    if x <= 0 {
        0.0
    } else {
        let x = x as f64;
        x * x.ln()
    }
}

/// Learns the word classes of a token stream. `stream`: word ids, with
/// `u32::MAX` between sentences; `n_words` ids in all; `vocab`: the ids
/// that get a class, most frequent first. Every other word is one pseudo
/// word (rare), and a sentence boundary another. Returns, for each entry of
/// `vocab`, its path (`depth` bits).
pub fn learn(
    stream: &[u32],
    n_words: usize,
    vocab: &[u32],
    depth: u32,
    passes: usize,
    log: &mut dyn FnMut(&str),
) -> Vec<u32> {
    let v = vocab.len();
    let rare = v as u32;
    let boundary = v as u32 + 1;
    let n = v + 2;
    let mut index = vec![rare; n_words];
    for (k, &w) in vocab.iter().enumerate() {
        index[w as usize] = k as u32;
    }
    // Bigram counts, sorted keys (deterministic).
    let mut pairs: Vec<u64> = Vec::with_capacity(stream.len() + 1);
    let mut prev = boundary;
    for &w in stream {
        let cur = if w == u32::MAX { boundary } else { index[w as usize] };
        if cur == boundary && prev == boundary {
            continue;
        }
        pairs.push((u64::from(prev) << 32) | u64::from(cur));
        prev = cur;
    }
    if prev != boundary {
        pairs.push((u64::from(prev) << 32) | u64::from(boundary));
    }
    pairs.sort_unstable();
    let mut right: Vec<Vec<(u32, u32)>> = vec![Vec::new(); n];
    let mut left: Vec<Vec<(u32, u32)>> = vec![Vec::new(); n];
    let mut selfs = vec![0i64; n];
    let mut out_total = vec![0i64; n];
    let mut in_total = vec![0i64; n];
    let mut i = 0;
    while i < pairs.len() {
        let mut j = i;
        while j < pairs.len() && pairs[j] == pairs[i] {
            j += 1;
        }
        let (a, b) = ((pairs[i] >> 32) as u32, pairs[i] as u32);
        let c = (j - i) as u32;
        out_total[a as usize] += i64::from(c);
        in_total[b as usize] += i64::from(c);
        if a == b {
            selfs[a as usize] += i64::from(c);
        } else {
            right[a as usize].push((b, c));
            left[b as usize].push((a, c));
        }
        i = j;
    }
    let n_pairs = pairs.len();
    drop(pairs);
    log(&format!("brown: {v} words, {n_pairs} bigrams"));
    // Order of the exchange: the vocabulary by frequency, then the two pseudo words.
    let mut cls = vec![0u32; n];
    let mut rr = Vec::new();
    let mut ll = Vec::new();
    let mut touched_r: Vec<u32> = Vec::new();
    let mut touched_l: Vec<u32> = Vec::new();
    for level in 1..=depth {
        let k = 1usize << level;
        // Split: within each parent class, words alternate between the halves
        // in frequency order.
        let mut seen = vec![0u32; k / 2];
        for c in cls.iter_mut() {
            let p = *c as usize;
            *c = (*c << 1) | (seen[p] & 1);
            seen[p] += 1;
        }
        let mut b = vec![0i64; k * k];
        let mut lt = vec![0i64; k];
        let mut rt = vec![0i64; k];
        for w in 0..n {
            let cw = cls[w] as usize;
            for &(x, c) in &right[w] {
                b[cw * k + cls[x as usize] as usize] += i64::from(c);
            }
            b[cw * k + cw] += selfs[w];
            lt[cw] += out_total[w];
            rt[cw] += in_total[w];
        }
        rr.clear();
        rr.resize(k, 0i64);
        ll.clear();
        ll.resize(k, 0i64);
        let mut moved_total = 0usize;
        for pass in 0..passes {
            let mut moved = 0usize;
            for w in 0..n {
                let (nl, nr, s) = (out_total[w], in_total[w], selfs[w]);
                if nl + nr == 0 {
                    continue;
                }
                touched_r.clear();
                touched_l.clear();
                for &(x, c) in &right[w] {
                    let d = cls[x as usize];
                    if rr[d as usize] == 0 {
                        touched_r.push(d);
                    }
                    rr[d as usize] += i64::from(c);
                }
                for &(x, c) in &left[w] {
                    let d = cls[x as usize];
                    if ll[d as usize] == 0 {
                        touched_l.push(d);
                    }
                    ll[d as usize] += i64::from(c);
                }
                let a = cls[w] as usize;
                // Take w out of its class.
                for &d in &touched_r {
                    b[a * k + d as usize] -= rr[d as usize];
                }
                for &c in &touched_l {
                    b[c as usize * k + a] -= ll[c as usize];
                }
                b[a * k + a] -= s;
                lt[a] -= nl;
                rt[a] -= nr;
                let gain = |t: usize, b: &[i64]| -> f64 {
                    let mut d_ll = 0.0;
                    for &d in &touched_r {
                        let d = d as usize;
                        if d != t {
                            let x = b[t * k + d];
                            d_ll += g(x + rr[d]) - g(x);
                        }
                    }
                    for &c in &touched_l {
                        let c = c as usize;
                        if c != t {
                            let x = b[c * k + t];
                            d_ll += g(x + ll[c]) - g(x);
                        }
                    }
                    let x = b[t * k + t];
                    d_ll += g(x + rr[t] + ll[t] + s) - g(x);
                    d_ll -= g(lt[t] + nl) - g(lt[t]);
                    d_ll -= g(rt[t] + nr) - g(rt[t]);
                    d_ll
                };
                let sib = a ^ 1;
                let stay = gain(a, &b);
                let go = gain(sib, &b);
                let t = if go > stay + 1e-9 { sib } else { a };
                if t != a {
                    moved += 1;
                    cls[w] = t as u32;
                }
                for &d in &touched_r {
                    b[t * k + d as usize] += rr[d as usize];
                }
                for &c in &touched_l {
                    b[c as usize * k + t] += ll[c as usize];
                }
                b[t * k + t] += s;
                lt[t] += nl;
                rt[t] += nr;
                for &d in &touched_r {
                    rr[d as usize] = 0;
                }
                for &c in &touched_l {
                    ll[c as usize] = 0;
                }
            }
            moved_total += moved;
            if moved * 1000 < n || pass + 1 == passes {
                break;
            }
        }
        let mut objective = 0.0;
        for &x in &b {
            objective += g(x);
        }
        for c in 0..k {
            objective -= g(lt[c]) + g(rt[c]);
        }
        log(&format!(
            "brown: level {level} ({k} classes): {moved_total} moves, objective {:.4} nats per bigram",
            objective / n_pairs.max(1) as f64
        ));
    }
    cls.truncate(v);
    cls
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_contexts_share_a_class() {
        // Two word kinds, each in its own frame: "di CITY sejak" and
        // "akan VERB sekarang".
        let words = ["di", "sejak", "akan", "sekarang", "jakarta", "bandung", "surabaya", "makan", "minum", "tidur"];
        let mut stream = Vec::new();
        for r in 0..30u32 {
            for (i, city) in [4u32, 5, 6].iter().enumerate() {
                if (r + i as u32).is_multiple_of(2) {
                    stream.extend([0, *city, 1, u32::MAX]);
                }
            }
            for (i, verb) in [7u32, 8, 9].iter().enumerate() {
                if !(r + i as u32).is_multiple_of(3) {
                    stream.extend([2, *verb, 3, u32::MAX]);
                }
            }
        }
        let vocab: Vec<u32> = (0..words.len() as u32).collect();
        let paths = learn(&stream, words.len(), &vocab, 3, 20, &mut |_| {});
        assert!(paths.iter().all(|&p| p < 8));
        assert_eq!(paths[4], paths[5]);
        assert_eq!(paths[5], paths[6]);
        assert_eq!(paths[7], paths[8]);
        assert_ne!(paths[4], paths[7]);
        // The same input gives the same classes.
        assert_eq!(paths, learn(&stream, words.len(), &vocab, 3, 20, &mut |_| {}));
    }
}
