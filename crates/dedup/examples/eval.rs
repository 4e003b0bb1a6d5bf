//! Evaluation of warta-dedup on the shared news archive.
//!
//! ```text
//! cargo run --release -p warta-dedup --example eval -- ../shared/data [--json out.json] [--quick]
//! ```
//!
//! 1. **Generated near-duplicate benchmark.** Real articles (dev: IndoSum dev
//!    folds; held-out: id-rss distinct texts + BBC) are edited by code (word
//!    substitutions, insertions, deletions at chosen rates, paragraph
//!    reordering, added boilerplate, title changes, truncation). Originals
//!    that are already near each other are dropped first, so the gold
//!    clusters are "original + its variants". Pairwise precision, recall and
//!    F1 are reported by true Jaccard (exact, word 5-gram shingles).
//! 2. **Natural duplicates** in id-rss: recall on same-URL re-crawls whose
//!    text changed, and the exact Jaccard of every near merge.
//! 3. **Speed**: signature throughput per core, whole-stage throughput on 1
//!    and 2 threads; index bytes per article.
//! 4. **datasketch** side by side (when `target/venv-dedup/bin/python`
//!    has it): same words, same shingles, same threshold; F1, wall time and
//!    peak memory, each tool in its own process.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde_json::{json, Value};
use warta_core::{Article, DuplicateKind, StreamStage};
use warta_dedup::{exact_jaccard, DedupConfig, Deduplicator};

const VENV_PYTHON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/venv-dedup/bin/python");

#[derive(Clone, Debug)]
struct Rec {
    id: String,
    title: Option<String>,
    text: String,
    url: Option<String>,
    date: Option<String>,
}

fn load(path: &Path) -> Vec<Rec> {
    let Ok(f) = std::fs::File::open(path) else { return Vec::new() };
    let r = BufReader::new(flate2::read::GzDecoder::new(f));
    let mut out = Vec::new();
    for line in r.lines().map_while(Result::ok) {
        let Ok(v) = serde_json::from_str::<Value>(&line) else { continue };
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        out.push(Rec {
            id: s("id").unwrap_or_default(),
            title: s("title"),
            text: s("text").unwrap_or_default(),
            url: s("url"),
            date: s("date"),
        });
    }
    out
}

/// xorshift64*: a seeded, reproducible generator.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

fn article_of(r: &Rec) -> Article {
    let mut a = Article::new(r.id.clone(), r.text.clone());
    a.title = r.title.clone();
    a.url = r.url.clone();
    a.date = r.date.clone();
    a
}

fn run_stage(d: &mut Deduplicator, articles: Vec<Article>, batch: usize) -> Vec<Article> {
    let mut out = Vec::with_capacity(articles.len());
    let mut it = articles.into_iter().peekable();
    while it.peek().is_some() {
        out.extend(d.process_batch(it.by_ref().take(batch).collect()));
    }
    out.extend(d.finish());
    out
}

struct Uf(Vec<usize>);
impl Uf {
    fn new(n: usize) -> Self {
        Uf((0..n).collect())
    }
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}

/// Lower-cased alphanumeric words, the same rule as the crate's tokeniser,
/// as strings (for datasketch).
fn norm_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_word = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if !in_word && !out.is_empty() {
                out.push(' ');
            }
            out.extend(c.to_lowercase());
            in_word = true;
        } else {
            in_word = false;
        }
    }
    out
}

// ---------------------------------------------------------------- benchmark

const PROMOS: [&str; 4] = [
    "Simak berita terkini lainnya di kanal WhatsApp kami dan ikuti akun media sosial resmi redaksi.",
    "Dapatkan update berita pilihan dan breaking news setiap hari dengan bergabung di grup Telegram kami.",
    "Artikel ini telah tayang sebelumnya dan disunting ulang oleh tim redaksi untuk keperluan publikasi.",
    "Follow us on social media for the latest updates and sign up for our daily newsletter today.",
];

/// One edited copy of `text` and a label of the edit.
fn make_variant(text: &str, vocab: &[String], rng: &mut Rng) -> (String, String) {
    let mut paras: Vec<Vec<String>> =
        text.split('\n').map(|p| p.split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect()).collect();
    paras.retain(|p| !p.is_empty());
    let rates = [0.01, 0.02, 0.03, 0.05, 0.08, 0.12, 0.2];
    let r = rates[rng.below(rates.len())];
    let word_edit = |paras: &mut Vec<Vec<String>>, sub: f64, ins: f64, del: f64, rng: &mut Rng| {
        for p in paras.iter_mut() {
            let mut out = Vec::with_capacity(p.len() + 4);
            for w in p.drain(..) {
                if rng.chance(del) {
                    continue;
                }
                if rng.chance(ins) {
                    out.push(vocab[rng.below(vocab.len())].clone());
                }
                out.push(if rng.chance(sub) { vocab[rng.below(vocab.len())].clone() } else { w });
            }
            *p = out;
        }
    };
    let kind = rng.below(8);
    let label = match kind {
        0 => {
            word_edit(&mut paras, r, 0.0, 0.0, rng);
            format!("substitute {r}")
        }
        1 => {
            word_edit(&mut paras, 0.0, r, 0.0, rng);
            format!("insert {r}")
        }
        2 => {
            word_edit(&mut paras, 0.0, 0.0, r, rng);
            format!("delete {r}")
        }
        3 => {
            rng.shuffle(&mut paras);
            word_edit(&mut paras, 0.01, 0.0, 0.0, rng);
            "reorder paragraphs + substitute 0.01".to_string()
        }
        4 => {
            let n = 1 + rng.below(3);
            for _ in 0..n {
                let promo = PROMOS[rng.below(PROMOS.len())];
                let line: Vec<String> = promo.split(' ').map(str::to_string).collect();
                if rng.chance(0.5) {
                    paras.push(line);
                } else {
                    paras.insert(0, line);
                }
            }
            format!("boilerplate x{n}")
        }
        5 => {
            word_edit(&mut paras, 0.01, 0.0, 0.0, rng);
            "title change + substitute 0.01".to_string()
        }
        6 => {
            let keep = [0.95, 0.9, 0.8, 0.7, 0.5][rng.below(5)];
            let total: usize = paras.iter().map(Vec::len).sum();
            let mut budget = ((total as f64) * keep) as usize;
            for p in paras.iter_mut() {
                let k = budget.min(p.len());
                p.truncate(k);
                budget -= k;
            }
            paras.retain(|p| !p.is_empty());
            format!("truncate to {keep}")
        }
        _ => {
            word_edit(&mut paras, r / 3.0, r / 3.0, r / 3.0, rng);
            if rng.chance(0.5) {
                rng.shuffle(&mut paras);
            }
            format!("mixed {r}")
        }
    };
    let text = paras.iter().map(|p| p.join(" ")).collect::<Vec<_>>().join("\n");
    (text, label)
}

struct BenchDoc {
    id: String,
    label: String,
    origin: usize,
    text: String,
    title: Option<String>,
}

/// Picks originals that are not near each other, then adds 0-3 variants each.
fn build_benchmark(recs: &[Rec], max_originals: usize, seed: u64) -> Vec<BenchDoc> {
    let mut rng = Rng(seed | 1);
    let candidates: Vec<&Rec> = recs.iter().filter(|r| r.text.split_whitespace().count() >= 60).collect();
    // Drop originals within J ~0.4 of an earlier one (generous LSH, no slack).
    let filter_cfg = DedupConfig {
        bands: 64,
        rows: 4,
        threshold: 0.4,
        verify_slack: 0.0,
        within_article: false,
        boilerplate_min_articles: 0,
        ..Default::default()
    };
    let mut f = Deduplicator::new(filter_cfg);
    let arts: Vec<Article> = candidates.iter().map(|r| Article::new(r.id.clone(), r.text.clone())).collect();
    let out = run_stage(&mut f, arts, 512);
    let mut originals: Vec<&Rec> =
        candidates.iter().zip(&out).filter(|(_, a)| a.duplicate.is_none()).map(|(r, _)| *r).collect();
    rng.shuffle(&mut originals);
    originals.truncate(max_originals);
    let mut vocab: Vec<String> = Vec::new();
    for r in originals.iter().take(300) {
        vocab.extend(r.text.split_whitespace().map(str::to_string));
    }
    vocab.sort();
    vocab.dedup();
    let mut docs = Vec::new();
    for (o, r) in originals.iter().enumerate() {
        docs.push(BenchDoc { id: format!("o{o}"), label: "original".into(), origin: o, text: r.text.clone(), title: r.title.clone() });
        let n = rng.below(4);
        for v in 0..n {
            let (text, label) = make_variant(&r.text, &vocab, &mut rng);
            let title = if label.starts_with("title") {
                Some(format!("UPDATE: {}", r.title.clone().unwrap_or_default()))
            } else {
                r.title.clone()
            };
            docs.push(BenchDoc { id: format!("o{o}v{v}"), label, origin: o, text, title });
        }
    }
    rng.shuffle(&mut docs);
    docs
}

const BUCKETS: [(f64, f64, &str); 6] = [
    (0.9, 1.01, "[0.9, 1]"),
    (0.8, 0.9, "[0.8, 0.9)"),
    (0.7, 0.8, "[0.7, 0.8)"),
    (0.6, 0.7, "[0.6, 0.7)"),
    (0.5, 0.6, "[0.5, 0.6)"),
    (0.0, 0.5, "[0, 0.5)"),
];

fn bucket(j: f64) -> usize {
    BUCKETS.iter().position(|&(lo, hi, _)| j >= lo && j < hi).unwrap_or(5)
}

#[derive(Default, Debug, Clone)]
struct PairScores {
    gold: [usize; 6],
    found: [usize; 6],
    false_pairs: [usize; 6],
    predicted_pairs: usize,
    true_predicted: usize,
    direct_merges: usize,
    direct_below_half: usize,
    min_direct_j: f64,
}

impl PairScores {
    fn recall_at_least(&self, lo: usize) -> f64 {
        let g: usize = self.gold[..=lo].iter().sum();
        let f: usize = self.found[..=lo].iter().sum();
        if g == 0 {
            1.0
        } else {
            f as f64 / g as f64
        }
    }
    fn precision(&self) -> f64 {
        if self.predicted_pairs == 0 {
            1.0
        } else {
            self.true_predicted as f64 / self.predicted_pairs as f64
        }
    }
    fn f1_at_08(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall_at_least(1));
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn to_json(&self) -> Value {
        let buckets: Vec<Value> = BUCKETS
            .iter()
            .enumerate()
            .map(|(i, b)| {
                json!({"bucket": b.2, "gold_pairs": self.gold[i], "merged": self.found[i],
                       "recall": if self.gold[i] > 0 { self.found[i] as f64 / self.gold[i] as f64 } else { f64::NAN },
                       "false_pairs": self.false_pairs[i]})
            })
            .collect();
        json!({"precision": self.precision(), "recall_j_ge_0.8": self.recall_at_least(1),
               "f1_j_ge_0.8": self.f1_at_08(), "predicted_pairs": self.predicted_pairs,
               "direct_merges": self.direct_merges, "direct_merges_below_0.5": self.direct_below_half,
               "min_direct_merge_j": self.min_direct_j, "buckets": buckets})
    }
}

/// Scores predicted merge edges (`i` duplicates `j`) and bridges (two kept
/// articles a later one joined) against origins. Clusters are the union of
/// both; only the merge edges count as merges for the "below 0.5" check.
fn score(docs: &[BenchDoc], edges: &[(usize, usize)], bridges: &[(usize, usize)]) -> PairScores {
    let n = docs.len();
    let mut uf = Uf::new(n);
    for &(a, b) in edges.iter().chain(bridges) {
        uf.union(a, b);
    }
    let mut s = PairScores { min_direct_j: 1.0, ..Default::default() };
    let mut jcache: HashMap<(usize, usize), f64> = HashMap::new();
    let mut jac = |a: usize, b: usize| -> f64 {
        let k = (a.min(b), a.max(b));
        *jcache.entry(k).or_insert_with(|| exact_jaccard(&docs[a].text, &docs[b].text, 5))
    };
    let mut by_origin: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        by_origin.entry(d.origin).or_default().push(i);
    }
    let mut origins: Vec<_> = by_origin.into_iter().collect();
    origins.sort();
    for (_, members) in &origins {
        for x in 0..members.len() {
            for y in x + 1..members.len() {
                let (a, b) = (members[x], members[y]);
                let j = jac(a, b);
                let b_ = bucket(j);
                s.gold[b_] += 1;
                if uf.find(a) == uf.find(b) {
                    s.found[b_] += 1;
                } else if j >= 0.8 && std::env::var_os("DEDUP_EVAL_SHOW").is_some() {
                    let d = Deduplicator::new(bench_cfg());
                    let est = match (d.signature(&docs[a].text), d.signature(&docs[b].text)) {
                        (Some(x), Some(y)) => x.similarity(&y),
                        _ => f64::NAN,
                    };
                    println!(
                        "    missed J={j:.3} est={est:.3} {} [{}] {} words / {} [{}] {} words",
                        docs[a].id,
                        docs[a].label,
                        docs[a].text.split_whitespace().count(),
                        docs[b].id,
                        docs[b].label,
                        docs[b].text.split_whitespace().count()
                    );
                }
            }
        }
    }
    let mut by_pred: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        by_pred.entry(uf.find(i)).or_default().push(i);
    }
    let mut preds: Vec<_> = by_pred.into_iter().collect();
    preds.sort();
    for (_, members) in &preds {
        for x in 0..members.len() {
            for y in x + 1..members.len() {
                let (a, b) = (members[x], members[y]);
                s.predicted_pairs += 1;
                if docs[a].origin == docs[b].origin {
                    s.true_predicted += 1;
                } else {
                    let j = jac(a, b);
                    s.false_pairs[bucket(j)] += 1;
                }
            }
        }
    }
    for &(a, b) in edges {
        let j = jac(a, b);
        s.direct_merges += 1;
        if j < 0.5 {
            s.direct_below_half += 1;
        }
        s.min_direct_j = s.min_direct_j.min(j);
    }
    s
}

#[allow(clippy::type_complexity)]
fn dedup_edges(docs: &[BenchDoc], cfg: &DedupConfig) -> (Vec<(usize, usize)>, Vec<(usize, usize)>, f64) {
    let index: HashMap<&str, usize> = docs.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
    let arts: Vec<Article> = docs
        .iter()
        .map(|d| {
            let mut a = Article::new(d.id.clone(), d.text.clone());
            a.title = d.title.clone();
            a
        })
        .collect();
    let t = Instant::now();
    let mut dd = Deduplicator::new(cfg.clone());
    let out = run_stage(&mut dd, arts, 256);
    let secs = t.elapsed().as_secs_f64();
    let mut edges = Vec::new();
    // Kept articles that a later article joined into one cluster.
    let bridges: Vec<(usize, usize)> = dd
        .bridged()
        .into_iter()
        .filter_map(|(a, b)| Some((*index.get(a.as_str())?, *index.get(b.as_str())?)))
        .collect();
    for (i, a) in out.iter().enumerate() {
        if let Some(d) = &a.duplicate {
            if let Some(&j) = index.get(d.of.as_str()) {
                edges.push((i, j));
            }
        }
    }
    (edges, bridges, secs)
}

fn bench_cfg() -> DedupConfig {
    // Document-level only: within-article cleaning would change the texts
    // the true Jaccard is measured on.
    DedupConfig { within_article: false, boilerplate_min_articles: 0, ..Default::default() }
}

fn print_scores(name: &str, docs: usize, s: &PairScores) {
    println!("\n{name}: {docs} documents, {} gold pairs", s.gold.iter().sum::<usize>());
    println!("  {:<12} {:>10} {:>8} {:>8} {:>12}", "true J", "gold pairs", "merged", "recall", "false pairs");
    for (i, b) in BUCKETS.iter().enumerate() {
        let rec = if s.gold[i] > 0 { format!("{:.3}", s.found[i] as f64 / s.gold[i] as f64) } else { "-".into() };
        println!("  {:<12} {:>10} {:>8} {:>8} {:>12}", b.2, s.gold[i], s.found[i], rec, s.false_pairs[i]);
    }
    println!(
        "  pairwise precision {:.4}   recall(J>=0.8) {:.4}   F1(J>=0.8) {:.4}   [target F1 >= 0.98]",
        s.precision(),
        s.recall_at_least(1),
        s.f1_at_08()
    );
    println!(
        "  direct merges {} (below J 0.5: {}, lowest J {:.3})   [target: none below 0.5]",
        s.direct_merges, s.direct_below_half, s.min_direct_j
    );
}

/// Error of the sketch estimate against the true Jaccard, by bucket, over
/// the gold pairs: what the verification step has to live with.
fn estimator_quality(docs: &[BenchDoc]) -> Value {
    let d = Deduplicator::new(bench_cfg());
    let sigs: Vec<_> = docs.iter().map(|x| d.signature(&x.text)).collect();
    let mut by_origin: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, x) in docs.iter().enumerate() {
        by_origin.entry(x.origin).or_default().push(i);
    }
    let mut errs: Vec<Vec<f64>> = vec![Vec::new(); BUCKETS.len()];
    let mut groups: Vec<_> = by_origin.into_values().collect();
    groups.sort();
    for m in &groups {
        for x in 0..m.len() {
            for y in x + 1..m.len() {
                let (a, b) = (m[x], m[y]);
                if let (Some(sa), Some(sb)) = (&sigs[a], &sigs[b]) {
                    let j = exact_jaccard(&docs[a].text, &docs[b].text, 5);
                    errs[bucket(j)].push(sa.similarity(sb) - j);
                }
            }
        }
    }
    println!("  sketch estimate minus true Jaccard (gold pairs):");
    let mut rows = Vec::new();
    for (i, e) in errs.iter().enumerate() {
        if e.is_empty() {
            continue;
        }
        let mean = e.iter().sum::<f64>() / e.len() as f64;
        let sd = (e.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / e.len() as f64).sqrt();
        println!("    {:<12} n {:>5}  mean {:+.4}  sd {:.4}", BUCKETS[i].2, e.len(), mean, sd);
        rows.push(json!({"bucket": BUCKETS[i].2, "n": e.len(), "mean_error": mean, "sd": sd}));
    }
    Value::Array(rows)
}

// ------------------------------------------------------------ natural dups

fn natural(recs: &[Rec]) -> Value {
    let cfg = DedupConfig::default();
    let mut d = Deduplicator::new(cfg.clone());
    let arts: Vec<Article> = recs.iter().map(article_of).collect();
    let out = run_stage(&mut d, arts, 256);
    let pos: HashMap<&str, usize> = out.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();
    let mut uf = Uf::new(out.len());
    let (mut exact, mut near) = (0usize, 0usize);
    let mut near_js: Vec<f64> = Vec::new();
    for (i, a) in out.iter().enumerate() {
        if let Some(dup) = &a.duplicate {
            let Some(&j) = pos.get(dup.of.as_str()) else { continue };
            uf.union(i, j);
            match dup.kind {
                DuplicateKind::Exact => exact += 1,
                DuplicateKind::Near => {
                    near += 1;
                    let jac = exact_jaccard(&out[i].text, &out[j].text, 5);
                    near_js.push(jac);
                    if jac < 0.8 && std::env::var_os("DEDUP_EVAL_SHOW").is_some() {
                        println!(
                            "    near merge J={jac:.3} est={:.3} {} -> {} ({} / {} bytes)\n      A: {:?}\n      B: {:?}",
                            dup.similarity,
                            out[i].id,
                            out[j].id,
                            out[i].text.len(),
                            out[j].text.len(),
                            out[i].text.chars().take(200).collect::<String>(),
                            out[j].text.chars().take(200).collect::<String>()
                        );
                    }
                }
            }
        }
    }
    // Same-URL pairs whose (normalised) text differs.
    let sig = Deduplicator::new(DedupConfig { near: false, ..Default::default() });
    let mut by_url: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, r) in recs.iter().enumerate() {
        if let Some(u) = r.url.as_deref() {
            by_url.entry(u).or_default().push(i);
        }
    }
    let mut groups: Vec<_> = by_url.into_values().filter(|v| v.len() > 1).collect();
    groups.sort();
    let mut pairs: Vec<(f64, bool)> = Vec::new();
    let mut changed_groups = 0;
    for g in &groups {
        let mut distinct: Vec<usize> = Vec::new();
        for &i in g {
            let h = sig.signature(&recs[i].text).map(|s| s.exact);
            if !distinct.iter().any(|&k| sig.signature(&recs[k].text).map(|s| s.exact) == h) {
                distinct.push(i);
            }
        }
        if distinct.len() > 1 {
            changed_groups += 1;
        }
        for x in 0..distinct.len() {
            for y in x + 1..distinct.len() {
                let (a, b) = (distinct[x], distinct[y]);
                let j = exact_jaccard(&recs[a].text, &recs[b].text, 5);
                pairs.push((j, uf.find(a) == uf.find(b)));
            }
        }
    }
    let recall = |lo: f64| {
        let sel: Vec<_> = pairs.iter().filter(|p| p.0 >= lo).collect();
        let hit = sel.iter().filter(|p| p.1).count();
        (hit, sel.len())
    };
    let (h_all, n_all) = recall(0.0);
    let (h5, n5) = recall(0.5);
    let (h8, n8) = recall(0.8);
    let below_half = near_js.iter().filter(|&&j| j < 0.5).count();
    let below_08 = near_js.iter().filter(|&&j| j < 0.8).count();
    let min_j = near_js.iter().copied().fold(1.0f64, f64::min);
    let mut index_bytes = Vec::new();
    let _ = d.save_index(&mut index_bytes);
    let removals: usize = out.iter().map(|a| a.removed.len()).sum();
    let mut by_reason: HashMap<String, usize> = HashMap::new();
    for a in &out {
        for r in &a.removed {
            *by_reason.entry(r.reason.to_string()).or_default() += 1;
        }
    }
    let mut reasons: Vec<_> = by_reason.into_iter().collect();
    reasons.sort();
    if std::env::var_os("DEDUP_EVAL_SHOW").is_some() {
        let mut seen: HashMap<(String, String), usize> = HashMap::new();
        for a in &out {
            for r in &a.removed {
                *seen.entry((r.reason.to_string(), r.text.chars().take(110).collect())).or_default() += 1;
            }
        }
        let mut v: Vec<_> = seen.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        for ((reason, text), n) in v {
            println!("    removed {n:>4} x {reason:<21} {text}");
        }
    }
    println!("\nNatural duplicates, id-rss ({} articles, default configuration, keep first)", recs.len());
    println!("  duplicates: {exact} exact, {near} near   [README census: 2,059 exact-duplicate bodies]");
    println!(
        "  same-URL groups with changed text: {changed_groups} [README: 32]; pairs: {n_all}, J>=0.5: {n5}, J>=0.8: {n8}"
    );
    println!(
        "  re-crawl recall: all {h_all}/{n_all} = {:.3}; J>=0.5 {h5}/{n5} = {:.3}; J>=0.8 {h8}/{n8} = {:.3}   [target >= 0.95]",
        h_all as f64 / n_all.max(1) as f64,
        h5 as f64 / n5.max(1) as f64,
        h8 as f64 / n8.max(1) as f64
    );
    for p in pairs.iter().filter(|p| !p.1) {
        println!("    missed same-URL pair, J = {:.3}", p.0);
    }
    println!(
        "  near merges checked by exact Jaccard: {} merges, {below_08} below 0.8, {below_half} below 0.5, lowest {min_j:.3}",
        near_js.len()
    );
    println!("  within-article / boilerplate removals: {removals} {reasons:?}");
    // The same run without the boilerplate summary: the per-article part.
    let mut plain = Deduplicator::new(DedupConfig { boilerplate_min_articles: 0, ..cfg.clone() });
    run_stage(&mut plain, recs.iter().map(article_of).collect(), 256);
    let mut plain_bytes = Vec::new();
    let _ = plain.save_index(&mut plain_bytes);
    println!(
        "  index: {} bytes for {} articles ({} indexed) = {:.1} bytes/article, of which the bounded boilerplate",
        index_bytes.len(),
        recs.len(),
        d.indexed(),
        index_bytes.len() as f64 / recs.len() as f64
    );
    println!(
        "    summary is {} bytes (fixed, <= 0.7 MB); per-article part {:.1} bytes/article   [target <= 200]",
        index_bytes.len().saturating_sub(plain_bytes.len()),
        plain_bytes.len() as f64 / recs.len() as f64
    );
    json!({
        "articles": recs.len(), "exact_duplicates": exact, "near_duplicates": near,
        "same_url_changed_groups": changed_groups,
        "recrawl_pairs": n_all, "recrawl_recall": h_all as f64 / n_all.max(1) as f64,
        "recrawl_pairs_j_ge_0.5": n5, "recrawl_recall_j_ge_0.5": h5 as f64 / n5.max(1) as f64,
        "recrawl_pairs_j_ge_0.8": n8, "recrawl_recall_j_ge_0.8": h8 as f64 / n8.max(1) as f64,
        "near_merges": near_js.len(), "near_merges_below_0.8": below_08, "near_merges_below_0.5": below_half,
        "near_merge_min_j": min_j, "removals": removals,
        "index_bytes": index_bytes.len(), "index_bytes_per_article": index_bytes.len() as f64 / recs.len() as f64,
        "index_bytes_per_article_without_summary": plain_bytes.len() as f64 / recs.len() as f64,
    })
}

// -------------------------------------------------------------- throughput

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn throughput(recs: &[Rec], runs: usize) -> Value {
    let d = Deduplicator::new(DedupConfig::default());
    let bytes: usize = recs.iter().map(|r| r.text.len()).sum();
    let mb = bytes as f64 / 1e6;
    let (mut sig_cpu, mut sig_wall) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let (t, c) = (Instant::now(), warta_core::cpu::thread_seconds());
        let mut sink = 0u64;
        for r in recs {
            if let Some(s) = d.signature(&r.text) {
                sink = sink.wrapping_add(s.exact ^ u64::from(s.sketch.first().copied().unwrap_or(0)));
            }
        }
        std::hint::black_box(sink);
        sig_cpu.push(mb / (warta_core::cpu::thread_seconds() - c));
        sig_wall.push(mb / t.elapsed().as_secs_f64());
    }
    let mut stage_wall = HashMap::new();
    let mut stage_cpu = HashMap::new();
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("rayon pool");
        let (mut w, mut c) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            let arts: Vec<Article> = recs.iter().map(article_of).collect();
            let (t, c0) = (Instant::now(), warta_core::cpu::process_seconds());
            let (out, thread_cpu) = pool.install(|| {
                let c = warta_core::cpu::thread_seconds();
                let out = run_stage(&mut Deduplicator::new(DedupConfig::default()), arts, 256);
                (out, warta_core::cpu::thread_seconds() - c)
            });
            w.push(mb / t.elapsed().as_secs_f64());
            // One thread: its own CPU time (ns); two: the process's (ticks).
            let cpu = if threads == 1 { thread_cpu } else { warta_core::cpu::process_seconds() - c0 };
            c.push(mb / cpu.max(0.01));
            drop(out);
        }
        stage_wall.insert(threads, median(w));
        stage_cpu.insert(threads, median(c));
    }
    let (sig_c, sig_w) = (median(sig_cpu), median(sig_wall));
    println!("\nSpeed (id-rss, {mb:.1} MB of text, median of {runs} runs, release build; CPU-time figures are per core");
    println!("  and do not depend on the load of this shared 2-core machine, wall-clock ones do)");
    println!("  signatures (exact hash + 256-bin sketch): {sig_c:.0} MB/s per core (wall {sig_w:.0})   [target >= 100 MB/s]");
    println!(
        "  whole stage (within-article, boilerplate, index): {:.0} MB/s per core (1 thread; wall {:.0}); 2 threads wall {:.0} MB/s",
        stage_cpu[&1], stage_wall[&1], stage_wall[&2]
    );
    json!({"text_mb": mb, "signature_mb_s_per_core": sig_c, "signature_mb_s_wall": sig_w,
           "stage_mb_s_per_core": stage_cpu[&1], "stage_mb_s_wall_1thread": stage_wall[&1],
           "stage_mb_s_wall_2threads": stage_wall[&2]})
}

// --------------------------------------------------------------- datasketch

/// Child process: reads `{"w": words}` lines, runs warta-dedup (document
/// level), prints edges, seconds and peak RSS as JSON.
fn bench_child(input: &Path) {
    let f = std::fs::File::open(input).expect("bench input");
    let texts: Vec<String> = BufReader::new(f)
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| serde_json::from_str::<Value>(&l).ok())
        .map(|v| v["w"].as_str().unwrap_or_default().to_string())
        .collect();
    let arts: Vec<Article> = texts.iter().enumerate().map(|(i, t)| Article::new(i.to_string(), t.clone())).collect();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("pool");
    let t = Instant::now();
    let mut dd = Deduplicator::new(bench_cfg());
    // Measured on the pool's one thread, where all the work runs.
    let (out, cpu) = pool.install(|| {
        let c0 = warta_core::cpu::thread_seconds();
        let out = run_stage(&mut dd, arts, 256);
        (out, warta_core::cpu::thread_seconds() - c0)
    });
    let secs = t.elapsed().as_secs_f64();
    let mut edges: Vec<(usize, usize)> = out
        .iter()
        .enumerate()
        .filter_map(|(i, a)| a.duplicate.as_ref().and_then(|d| d.of.parse().ok()).map(|j| (i, j)))
        .collect();
    // Bridges are cluster links too (datasketch's edges include every
    // verified candidate).
    edges.extend(dd.bridged().into_iter().filter_map(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?))));
    let rss = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.to_string()))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|k| k.parse::<f64>().ok()))
        .unwrap_or(0.0);
    println!("{}", json!({"edges": edges, "seconds": secs, "cpu_seconds": cpu, "peak_rss_mb": rss / 1024.0}));
}

/// CPU seconds warta needs for the signatures of `texts` (median of 3).
fn warta_signature_cpu(texts: &[String]) -> f64 {
    let d = Deduplicator::new(bench_cfg());
    let mut v = Vec::new();
    for _ in 0..3 {
        let c = warta_core::cpu::thread_seconds();
        let mut sink = 0u64;
        for t in texts {
            if let Some(s) = d.signature(t) {
                sink ^= s.exact;
            }
        }
        std::hint::black_box(sink);
        v.push(warta_core::cpu::thread_seconds() - c);
    }
    median(v)
}

fn side_by_side(docs: &[BenchDoc], quick: bool) -> Option<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/datasketch_bench.py");
    let have = Path::new(VENV_PYTHON).exists()
        && Command::new(VENV_PYTHON).args(["-c", "import datasketch"]).output().map(|o| o.status.success()).unwrap_or(false);
    if !have {
        println!("\ndatasketch: not installed; create it with");
        println!("  python3 -m venv target/venv-dedup && target/venv-dedup/bin/pip install datasketch");
        return None;
    }
    let dir = std::env::temp_dir().join(format!("warta-dedup-eval-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let input = dir.join("docs.jsonl");
    let mut w = std::io::BufWriter::new(std::fs::File::create(&input).ok()?);
    let mut bytes = 0usize;
    // Both tools get the same normalised words, so the shingles are equal.
    let words: Vec<String> = docs.iter().map(|d| norm_words(&d.text)).collect();
    for ws in &words {
        bytes += ws.len();
        writeln!(w, "{}", json!({ "w": ws })).ok()?;
    }
    drop(w);
    let wdocs: Vec<BenchDoc> = docs
        .iter()
        .zip(&words)
        .map(|(d, ws)| BenchDoc { id: d.id.clone(), label: d.label.clone(), origin: d.origin, text: ws.clone(), title: None })
        .collect();
    let me = std::env::current_exe().ok()?;
    let rust = Command::new(me).arg("--bench-child").arg(&input).output().ok()?;
    let rust: Value = serde_json::from_slice(&rust.stdout).ok()?;
    let py = Command::new(VENV_PYTHON)
        .arg(&script)
        .arg(&input)
        .arg("0.8")
        .arg(if quick { "64" } else { "128" })
        .output()
        .ok()?;
    if !py.status.success() {
        println!("\ndatasketch run failed: {}", String::from_utf8_lossy(&py.stderr));
        return None;
    }
    let py: Value = serde_json::from_slice(&py.stdout).ok()?;
    let edges = |v: &Value| -> Vec<(usize, usize)> {
        v["edges"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| Some((e[0].as_u64()? as usize, e[1].as_u64()? as usize)))
                    .collect()
            })
            .unwrap_or_default()
    };
    let rs = score(&wdocs, &edges(&rust), &[]);
    let ps = score(&wdocs, &edges(&py), &[]);
    let r_secs = rust["seconds"].as_f64().unwrap_or(f64::NAN);
    let p_secs = py["seconds"].as_f64().unwrap_or(f64::NAN);
    let p_sig = py["signature_seconds"].as_f64().unwrap_or(f64::NAN);
    let r_cpu = rust["cpu_seconds"].as_f64().unwrap_or(f64::NAN);
    let p_cpu = py["cpu_seconds"].as_f64().unwrap_or(f64::NAN);
    println!(
        "\nSide by side with datasketch ({} docs, {:.1} MB of normalised words, word 5-grams, threshold 0.8, 1 core)",
        docs.len(),
        bytes as f64 / 1e6
    );
    println!(
        "  {:<34} {:>8} {:>8} {:>10} {:>6} {:>8} {:>8} {:>8}",
        "tool", "P", "R(J>=.8)", "F1(J>=.8)", "<0.5", "wall s", "CPU s", "peak MB"
    );
    println!(
        "  {:<34} {:>8.4} {:>8.4} {:>10.4} {:>6} {:>8.2} {:>8.2} {:>8.0}",
        "warta-dedup (256 bins, 32x8, 4-bit)",
        rs.precision(),
        rs.recall_at_least(1),
        rs.f1_at_08(),
        rs.direct_below_half,
        r_secs,
        r_cpu,
        rust["peak_rss_mb"].as_f64().unwrap_or(0.0)
    );
    println!(
        "  {:<34} {:>8.4} {:>8.4} {:>10.4} {:>6} {:>8.2} {:>8.2} {:>8.0}",
        format!("datasketch ({} perms, MinHashLSH)", py["num_perm"]),
        ps.precision(),
        ps.recall_at_least(1),
        ps.f1_at_08(),
        ps.direct_below_half,
        p_secs,
        p_cpu,
        py["peak_rss_mb"].as_f64().unwrap_or(0.0)
    );
    let mb = bytes as f64 / 1e6;
    let p_sig_cpu = py["signature_cpu_seconds"].as_f64().unwrap_or(f64::NAN);
    let sig_mb = mb / warta_signature_cpu(&words);
    println!(
        "  speed per CPU second, signatures + LSH + clustering: warta {:.0} MB/s, datasketch {:.2} MB/s -> {:.0}x",
        mb / r_cpu,
        mb / p_cpu,
        p_cpu / r_cpu
    );
    println!(
        "  signatures alone: warta {:.0} MB/s, datasketch {:.2} MB/s -> {:.0}x (datasketch wall {:.1} s of which signatures {:.1} s)",
        sig_mb,
        mb / p_sig_cpu,
        sig_mb / (mb / p_sig_cpu),
        p_secs,
        p_sig
    );
    println!("  [target >= 50x; README: datasketch 5.7 MB/s with 128 permutations]");
    let _ = std::fs::remove_dir_all(&dir);
    Some(json!({"docs": docs.len(), "mb": bytes as f64 / 1e6,
        "warta": {"scores": rs.to_json(), "seconds": r_secs, "cpu_seconds": r_cpu, "peak_rss_mb": rust["peak_rss_mb"]},
        "datasketch": {"scores": ps.to_json(), "seconds": p_secs, "cpu_seconds": p_cpu, "signature_seconds": p_sig,
                       "signature_cpu_seconds": p_sig_cpu, "warta_signature_mb_s": sig_mb,
                       "peak_rss_mb": py["peak_rss_mb"], "num_perm": py["num_perm"]},
        "speedup_cpu": p_cpu / r_cpu}))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--bench-child") {
        if let Some(p) = args.get(1) {
            bench_child(Path::new(p));
        }
        return;
    }
    let mut data: Option<PathBuf> = None;
    let mut json_out: Option<PathBuf> = None;
    let mut quick = false;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--json" => {
                json_out = args.get(i + 1).map(PathBuf::from);
                i += 1;
            }
            "--quick" => quick = true,
            other => data = Some(PathBuf::from(other)),
        }
        i += 1;
    }
    let data = data.unwrap_or_else(|| PathBuf::from("../shared/data"));
    let news = data.join("news");
    if !news.join("id-rss-2025-06.jsonl.gz").exists() {
        println!("dedup eval: {} not found; the shared data dir is absent, nothing to evaluate.", news.display());
        return;
    }
    let idrss = load(&news.join("id-rss-2025-06.jsonl.gz"));
    if let Some(n) = std::env::var("DEDUP_EVAL_STAGE_ONLY").ok().and_then(|v| v.parse::<usize>().ok()) {
        // Profiling aid: the whole stage on id-rss, n times, one thread.
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("pool");
        for _ in 0..n {
            let arts: Vec<Article> = idrss.iter().map(article_of).collect();
            let t = Instant::now();
            pool.install(|| run_stage(&mut Deduplicator::new(DedupConfig::default()), arts, 256));
            println!("stage: {:.2} s", t.elapsed().as_secs_f64());
        }
        return;
    }
    let indosum = load(&news.join("indosum-dev.jsonl.gz"));
    let bbc = load(&news.join("bbc-news-2005.jsonl.gz"));
    println!("warta-dedup evaluation on {}", news.display());
    println!("loaded: id-rss {}, indosum-dev {}, bbc {}", idrss.len(), indosum.len(), bbc.len());
    let n_orig = if quick { 400 } else { 2500 };

    let dev_docs = build_benchmark(&indosum, n_orig, 0xdede);
    let (dev_edges, dev_bridges, _) = dedup_edges(&dev_docs, &bench_cfg());
    let dev = score(&dev_docs, &dev_edges, &dev_bridges);
    print_scores("Generated benchmark, dev (IndoSum originals)", dev_docs.len(), &dev);

    let mut held: Vec<Rec> = idrss.clone();
    held.extend(bbc.iter().cloned());
    let test_docs = build_benchmark(&held, n_orig, 0x7e57);
    let (test_edges, test_bridges, _) = dedup_edges(&test_docs, &bench_cfg());
    let test = score(&test_docs, &test_edges, &test_bridges);
    print_scores("Generated benchmark, held-out (id-rss + BBC originals)", test_docs.len(), &test);
    let estimator = estimator_quality(&test_docs);

    let nat = natural(&idrss);
    let speed = throughput(&idrss, if quick { 1 } else { 5 });
    let ds = side_by_side(&test_docs, quick);

    println!("\nAnchors (DEDUP_ANCHORS.md): NEWS-COPY ARI, MinHash LSH 0.737 (paper) / 0.783 (RETSim table) / 0.729 (text-dedup);");
    println!("  bi-encoder 0.915, re-rank 0.937. NEWS-COPY is not available here, so no ARI is computed; the gap is");
    println!("  OCR noise and abridgement (mean 3-gram Jaccard of true pairs 0.30), which needs a learned encoder.");

    if let Some(path) = json_out {
        let v = json!({
            "generated_dev": dev.to_json(), "generated_heldout": test.to_json(), "estimator_heldout": estimator,
            "natural_idrss": nat, "speed": speed, "datasketch": ds,
        });
        if let Err(e) = std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap_or_default()) {
            eprintln!("cannot write {}: {e}", path.display());
        }
    }
}
