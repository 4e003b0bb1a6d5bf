//! De-duplication for warta: within-article repeats, exact and MinHash
//! near-duplicate documents, cross-archive boilerplate sentences, and a
//! persistent incremental index.
//!
//! [`Deduplicator`] is a [`StreamStage`] (`"dedup"`): it sees the archive in
//! input order, in batches, and returns every article exactly once, in input
//! order. Work inside a batch (planning removals, rebuilding text, computing
//! signatures) runs on rayon; everything that depends on earlier articles
//! (boilerplate counts, index look-ups, union-find) runs sequentially in input
//! order, so the output is the same for any batch size or thread count.
//!
//! # What happens to one article
//! 1. **Within the article** (`within_article`): the unit is the
//!    sentence (`article.sentences`), or the line when there are none.
//!    - a body line equal to the title, or to a prefix of it of at least
//!      `title_prefix_min_words` words: `title_repeat`;
//!    - a sentence present twice or more whose words open a longer sentence
//!      of the article: copies a spinner cut from the article's own text
//!      ("… terbatas dengan." beside "… terbatas dengan Kyiv dan …"); every
//!      copy goes, `spun_fragment`, and the whole sentence stays;
//!    - a fragment present `spin_min_copies` (3) or more times, with at least
//!      `spin_min_words` words, every copy ending like a sentence and at
//!      least one inside a paragraph: `spun_fragment`. When every copy
//!      ends in a word that cannot end a sentence ("… terbatas dengan.") it
//!      is a piece cut out of running text and every copy goes; a whole
//!      sentence may be the article's own, copied by the spinner, so one
//!      copy stays: the first that has a sentence of the article (no copy)
//!      after it on its line, where the writer put it, else the first (a
//!      spinner adds its copies at paragraph ends or on lines of their own);
//!    - later copies of a sentence of at least `repeat_min_words` words:
//!      `repeated_sentence`, the first copy stays. A repeated line of its own
//!      (a table row, a schedule, a list item, a caption) goes only when it
//!      is a full sentence of at least `2 x repeat_min_words` words:
//!      repetition is the nature of tables.
//!
//!    Sentences compare by their normalised words (case, punctuation and
//!    spacing ignored). An article is never emptied by these rules.
//! 2. **Boilerplate** (`boilerplate_min_articles > 0`, default 50):
//!    sentences of at least `boilerplate_min_words` words that recur in that
//!    many articles go, `boilerplate_sentence`. Counting is single-pass with
//!    bounded memory: a Misra-Gries summary of `boilerplate_capacity`
//!    entries, whose counts are lower bounds (never a false removal through
//!    a hash collision); exact copies of an earlier article are not counted
//!    again (near copies still are: the counting runs before the near-
//!    duplicate look-up, so a story syndicated 50 times with edits turns its
//!    sentences into boilerplate for later articles that quote them); the first `min_articles - 1` carriers of a new line keep it (the
//!    persistent index carries the counts over, so that cost is paid once
//!    per line, not per run). An article is never emptied. On id-rss the
//!    only line above 50 is "SCROLL TO CONTINUE WITH CONTENT".
//! 3. `text` is rebuilt once without the removed units; sentence spans (and
//!    tokens or entities, if any) are shifted so they stay valid byte spans;
//!    paragraphs stay separated by one `"\n"`; every removal is recorded with
//!    `article.record_removal("dedup", reason, text)`.
//! 4. **Document duplicates**, compared on the text as it stands *before*
//!    boilerplate removal (after within-article removal): fifty syndicated
//!    copies of a story make its sentences "boilerplate", and stripping them
//!    first would leave fragments that no longer match. The exact hash of
//!    the normalised words, then
//!    MinHash LSH candidates verified on the full sketch (see below). Matches
//!    are joined in a union-find; the representative is chosen by
//!    [`KeepPolicy`]; the others come out with `article.duplicate` set.
//!    An article whose normalised URL was seen before is also compared with
//!    the latest article of that URL and merged at the lower `url_threshold`
//!    (0.5): a re-crawl of an updated story is the same story.
//!
//! # Near duplicates: parameters and S-curve
//! Signatures are one-permutation MinHash with optimal densification over
//! word `shingle_words`-grams (character `shingle_chars`-grams for text
//! without spaces), keeping 4 bits per bin (see [`minhash`]). Texts of fewer
//! than 10 words are only matched exactly. Two bins agree
//! with probability `p = J + (1-J)/16`. A pair becomes a *candidate* when one
//! of `bands` bands of `rows` bins agrees entirely:
//! `P(candidate) = 1 - (1 - p^rows)^bands`. With the defaults
//! (`num_perm` 256 bins, 32 bands x 8 rows):
//!
//! | true Jaccard | 0.3 | 0.4 | 0.5 | 0.6 | 0.7 | 0.75 | 0.8 | 0.85 | 0.9 |
//! |---|---|---|---|---|---|---|---|---|---|
//! | P(candidate), 32 x 8 (default) | 0.006 | 0.042 | 0.18 | 0.53 | 0.91 | 0.982 | 0.9988 | 1.000 | 1.000 |
//! | P(candidate), 16 x 8 | 0.003 | 0.021 | 0.10 | 0.31 | 0.69 | 0.87 | 0.966 | 0.997 | 1.000 |
//! | P(accept), estimate >= 0.74 | 0 | 0 | 0 | 0 | 0.08 | 0.63 | 0.998 | 1.000 | 1.000 |
//! | P(merge) = product, default | 0 | 0 | 0 | 0 | 0.07 | 0.62 | 0.997 | 1.000 | 1.000 |
//!
//! The LSH stage is deliberately generous (its midpoint is near 0.6):
//! candidates are cheap, because every one is **verified** before a merge
//! on the estimate from all 256 bins, `J^ = (agree/256 - 1/16) / (15/16)`.
//! Its error, measured on 6,000 generated pairs of real articles
//! (`examples/eval.rs`), has a mean of +0.001 to +0.009 and a standard
//! deviation of 0.015 (J >= 0.9), 0.021 (0.8-0.9), 0.029 (0.7-0.8) and 0.032
//! (0.5-0.7); the accept row uses those. A pair is merged when
//! `J^ >= threshold - verify_slack` (0.8 - 0.06 by default): pairs at the
//! target 0.8 are kept with ~99.8% probability, pairs at 0.5 are 7 standard
//! deviations below the bar. Two more guards: a new member must be within
//! `rep_floor` (0.6) of its cluster's kept article, so chains A ~ B ~ C do
//! not drift; and with a URL seen before, the latest article of that URL is
//! compared at `url_threshold` (0.5). Verification uses only the stored
//! sketches, never the texts, so an article is verified the same way against
//! an article of this batch, of an earlier batch or of an earlier run.
//! [`candidate_probability`] computes the first rows for other settings.
//!
//! Measured (`cargo run --release -p warta-dedup --example eval --
//! ../shared/data`): pairwise F1 1.000 (dev) and 0.9995 (held-out) for
//! J >= 0.8 with precision 1.0 and no merge below J 0.5; all 32 same-URL
//! re-crawls of id-rss found; signatures 270-310 MB/s per core (CPU time),
//! 50-75x datasketch's signatures and 31-42x its signatures + LSH +
//! clustering on the same input (run to run spread on this shared machine);
//! the whole stage 125-135 MB/s per core.

//! # The index (what a distributed engine would shuffle)
//! Per indexed article: the exact hash (u64), the union-find parent (u32),
//! one flag byte, the 128-byte sketch (the 32 band keys are recomputed from
//! it, so they are not stored), the hash of its normalised URL (u64, 0 when
//! none), and the id of articles that were kept (duplicates need no id: only
//! representatives are ever named in `duplicate.of`). On disk, with
//! bincode's variable-length integers: 9 + 1..3 + 1 + 128 + 9 + (1 + id
//! length of kept articles) bytes, **about 150 bytes per article plus the id
//! of kept ones**; measured on id-rss (5,774 articles, 21-byte ids, 64%
//! kept): **164 bytes per article**, so 10 million articles take about
//! 1.6 GB. The boilerplate summary is a fixed cost on top, whatever the
//! archive: at most `boilerplate_capacity` entries of ~11 bytes (0.7 MB for
//! the default 65,536; it is saved whole so that a checkpoint resumes
//! exactly). **In memory** the LSH band table holds only article numbers
//! (open addressing over all bands, at most half full: 8-16 bytes per band,
//! 256-512 per article; a probed slot's band key is recomputed from that
//! article's sketch instead of being stored), and the exact and URL hash maps
//! about 50 bytes: ~0.5-0.75 KB per article with the stored fields, so 10
//! million articles need 5-7.5 GB of RAM while their index file stays under
//! 2 GiB.
//!
//! For a distributed engine the state splits by key: the exact hash is the
//! shuffle key of exact de-duplication, `(band, band key) -> article` (32
//! keys per article) the shuffle key of candidate generation; candidate
//! pairs are verified on the two 128-byte sketches and joined by a
//! connected-components pass (the union-find here).
//!
//! The file is `b"WARTADDX"`, a u16 LE format version, then bincode 2
//! (standard configuration) of the state, which records the signature
//! parameters: an index is refused with other `num_perm`, `bands`, `rows`,
//! `shingle_words` or `shingle_chars`. The stage never writes files: the
//! pipeline calls [`Deduplicator::save_index`] on a temporary file and renames
//! it, so a crash mid-write leaves the previous index intact.
//!
//! # Shards
//! [`Deduplicator::merge`] folds the index of another shard into this one and
//! returns the other shard's kept articles that turn out to duplicate one of
//! this index (the receiver's representatives win).

mod boilerplate;
pub mod minhash;
mod within;
mod words;

use std::collections::VecDeque;
use std::io::{Read, Write};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use warta_core::{Article, Duplicate, DuplicateKind, Error, StreamStage};

use boilerplate::MisraGries;
use minhash::{band_key, band_keys, estimate_jaccard, fingerprint, fingerprint_pieces, Fingerprint, SigParams};
use within::Plan;
use words::KeyMap;

pub use minhash::{candidate_probability, exact_jaccard, shingle_set};

/// The fingerprint of one text: what the index stores about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// Hash of the normalised words.
    pub exact: u64,
    /// 4-bit one-permutation MinHash values, two per byte (`num_perm / 2`
    /// bytes); empty when near duplicates are off.
    pub sketch: Vec<u8>,
}

impl Signature {
    /// Estimated Jaccard similarity of the two texts' shingle sets (1.0 for
    /// equal exact hashes).
    pub fn similarity(&self, other: &Signature) -> f64 {
        if self.exact == other.exact {
            1.0
        } else if self.sketch.len() == other.sketch.len() && !self.sketch.is_empty() {
            estimate_jaccard(&self.sketch, &other.sketch)
        } else {
            0.0
        }
    }
}

/// Which member of a duplicate cluster is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeepPolicy {
    /// The earliest in input order (decided at once; nothing is held back).
    #[default]
    First,
    /// The longest text (ties: the earliest).
    Longest,
    /// The latest `date` (ISO 8601 strings compare in time order; a missing
    /// date is the oldest; ties: the earliest).
    Latest,
}

/// Configuration of the de-duplication stage. Every field has a default, so a
/// manifest may set any subset.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct DedupConfig {
    /// Detect near duplicates (MinHash LSH); exact duplicates are always on.
    pub near: bool,
    /// Target Jaccard similarity of word shingles for a near duplicate.
    pub threshold: f64,
    /// A candidate is merged when its estimated Jaccard is at least
    /// `threshold - verify_slack`; the slack absorbs the estimator's noise so
    /// that pairs at the threshold are found (see the crate docs).
    pub verify_slack: f64,
    /// MinHash bins (one-permutation MinHash); even, 16..=4096.
    pub num_perm: usize,
    /// LSH bands; `bands * rows <= num_perm`.
    pub bands: usize,
    /// Bins per band, 1..=16.
    pub rows: usize,
    /// Words per shingle.
    pub shingle_words: usize,
    /// Characters per shingle, for text written without spaces.
    pub shingle_chars: usize,
    pub keep: KeepPolicy,
    /// Estimated Jaccard at which an article is merged with the latest
    /// earlier article of the same normalised URL (an updated re-crawl);
    /// 1.0 turns the URL rule off.
    pub url_threshold: f64,
    /// Least estimated Jaccard between a new member and its cluster's kept
    /// article: chains of near duplicates do not drift below it (for the URL
    /// rule, the lower of this and `url_threshold`).
    pub rep_floor: f64,
    /// For `longest` and `latest`: how many later articles a cluster member
    /// waits for before its fate is decided (bounds the memory held back).
    pub keep_window: usize,
    /// Remove repeats inside an article (title lines, spun fragments,
    /// repeated sentences).
    pub within_article: bool,
    /// A body line that is a prefix of the title with at least this many
    /// words (or the whole title, if shorter) is removed.
    pub title_prefix_min_words: usize,
    /// A fragment with this many copies or more is spun: all copies go.
    pub spin_min_copies: usize,
    /// Fewest words of a spun fragment.
    pub spin_min_words: usize,
    /// Fewest words of a sentence whose later copies are removed.
    pub repeat_min_words: usize,
    /// Remove a sentence once it has been seen in this many articles of the
    /// archive (cross-run with an index); 0 = off.
    pub boilerplate_min_articles: u64,
    /// Fewest words of a sentence counted as possible boilerplate.
    pub boilerplate_min_words: usize,
    /// Entries of the boilerplate summary (a Misra-Gries summary: bounded
    /// memory, counts are lower bounds).
    pub boilerplate_capacity: usize,
}

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig {
            near: true,
            threshold: 0.8,
            verify_slack: 0.06,
            num_perm: 256,
            bands: 32,
            rows: 8,
            shingle_words: 5,
            shingle_chars: 4,
            keep: KeepPolicy::First,
            url_threshold: 0.5,
            rep_floor: 0.6,
            keep_window: 10_000,
            within_article: true,
            title_prefix_min_words: 4,
            spin_min_copies: 3,
            spin_min_words: 4,
            repeat_min_words: 4,
            boilerplate_min_articles: 50,
            boilerplate_min_words: 4,
            boilerplate_capacity: 1 << 16,
        }
    }
}

impl DedupConfig {
    /// Checks the parameters; [`Deduplicator::new`] clamps bad values instead.
    pub fn validate(&self) -> Result<(), Error> {
        let bad = |m: String| Err(Error::Config(format!("dedup: {m}")));
        if self.num_perm < 16 || self.num_perm > 4096 || self.num_perm & 1 != 0 {
            return bad(format!("num_perm {} must be even and in 16..=4096", self.num_perm));
        }
        if self.rows == 0 || self.rows > 16 {
            return bad(format!("rows {} must be in 1..=16", self.rows));
        }
        if self.bands == 0 || self.bands * self.rows > self.num_perm {
            return bad(format!("bands x rows = {} x {} exceeds num_perm {}", self.bands, self.rows, self.num_perm));
        }
        if ![self.threshold, self.verify_slack, self.url_threshold, self.rep_floor]
            .iter()
            .all(|v| (0.0..=1.0).contains(v))
        {
            return bad("threshold, verify_slack, url_threshold and rep_floor must be in [0, 1]".into());
        }
        if self.shingle_words == 0 || self.shingle_chars == 0 {
            return bad("shingle sizes must be at least 1".into());
        }
        Ok(())
    }

    fn sanitized(mut self) -> Self {
        self.num_perm = (self.num_perm.clamp(16, 4096) / 2) * 2;
        self.rows = self.rows.clamp(1, 16);
        self.bands = self.bands.clamp(1, self.num_perm / self.rows);
        self.threshold = if self.threshold.is_finite() { self.threshold.clamp(0.0, 1.0) } else { 0.8 };
        self.verify_slack = if self.verify_slack.is_finite() { self.verify_slack.clamp(0.0, 1.0) } else { 0.0 };
        self.url_threshold = if self.url_threshold.is_finite() { self.url_threshold.clamp(0.0, 1.0) } else { 1.0 };
        self.rep_floor = if self.rep_floor.is_finite() { self.rep_floor.clamp(0.0, 1.0) } else { 0.6 };
        self.shingle_words = self.shingle_words.max(1);
        self.shingle_chars = self.shingle_chars.max(1);
        self.boilerplate_capacity = self.boilerplate_capacity.max(1);
        self
    }

    fn sig_params(&self) -> SigParams {
        SigParams {
            num_perm: self.num_perm as u32,
            bands: self.bands as u32,
            rows: self.rows as u32,
            shingle_words: self.shingle_words as u32,
            shingle_chars: self.shingle_chars as u32,
        }
    }
}

const MAGIC: &[u8; 8] = b"WARTADDX";
const FORMAT_VERSION: u16 = 1;
/// Articles kept per LSH bucket; beyond it (a template repeated thousands of
/// times) new members are not added, which bounds candidate lists.
const MAX_BUCKET: usize = 32;

const EMPTY_SLOT: u32 = u32::MAX;

const KEPT: u8 = 1;
const IN_LSH: u8 = 2;
const HAS_SKETCH: u8 = 4;

/// The persistent state, as written by [`Deduplicator::save_index`].
#[derive(Debug, Default, Serialize, Deserialize)]
struct Stored {
    params: Option<SigParams>,
    seen: u64,
    exact: Vec<u64>,
    parent: Vec<u32>,
    flags: Vec<u8>,
    sketches: Vec<u8>,
    #[serde(deserialize_with = "ids_read_cautiously")]
    ids: Vec<String>,
    urls: Vec<u64>,
    boilerplate_capacity: u64,
    boilerplate: Vec<(u64, u32)>,
}

/// Reads the ids as sequences of bytes, which serde grows as bytes arrive,
/// instead of as strings, which bincode allocates at their declared length
/// first: a damaged length must fail at the end of the data, not ask for
/// gigabytes (found by fuzzing). A string and a byte sequence are encoded
/// alike, so the format does not change.
fn ids_read_cautiously<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Vec<String>, D::Error> {
    let raw: Vec<Vec<u8>> = Deserialize::deserialize(de)?;
    raw.into_iter()
        .map(|bytes| String::from_utf8(bytes).map_err(|_| serde::de::Error::custom("an id is not UTF-8")))
        .collect()
}

/// [`Stored`] by reference, for writing; field for field the same encoding.
#[derive(Serialize)]
struct StoredRef<'a> {
    params: Option<SigParams>,
    seen: u64,
    exact: &'a [u64],
    parent: &'a [u32],
    flags: &'a [u8],
    sketches: &'a [u8],
    ids: Vec<&'a str>,
    urls: &'a [u64],
    boilerplate_capacity: u64,
    boilerplate: Vec<(u64, u32)>,
}

/// Cluster representative candidate key: larger is preferred.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct KeepKey {
    len: u64,
    date: String,
    /// `u64::MAX - order`: among equals the earliest wins.
    rev_order: u64,
}

#[derive(Debug)]
struct Pending {
    article: Article,
    order: u64,
    doc: Option<u32>,
}

/// A cluster member found by the index for a new article.
#[derive(Debug, Clone, Copy)]
struct Match {
    doc: u32,
}

/// Largest index file accepted (decoded size): 64 GiB, far above the 10 M
/// articles × 164 bytes a large archive needs.
const MAX_INDEX_BYTES: usize = 64 << 30;

/// The de-duplication stage and its index.
pub struct Deduplicator {
    cfg: DedupConfig,
    params: SigParams,
    /// Articles processed over all runs (input order counter).
    seen: u64,
    exact: Vec<u64>,
    parent: Vec<u32>,
    flags: Vec<u8>,
    sketches: Vec<u8>,
    /// Id of kept articles and of articles still pending; empty otherwise.
    ids: Vec<String>,
    /// Normalised-URL hash per article (0 = none).
    urls: Vec<u64>,
    exact_map: KeyMap<u64, u32>,
    /// Latest article of each URL.
    url_map: KeyMap<u64, u32>,
    /// LSH band table: open addressing over all bands at once, holding only
    /// article numbers (4 bytes a slot, at most half full). A slot's band
    /// key is recomputed from the article's sketch when probed, so keys are
    /// not stored. `u32::MAX` = empty.
    lsh: Vec<u32>,
    lsh_used: usize,
    boiler: MisraGries,
    pending: VecDeque<Pending>,
    /// Best pending member of clusters without a kept member (by root).
    best: KeyMap<u32, (KeepKey, u32)>,
    band_buf: Vec<u64>,
}

impl std::fmt::Debug for Deduplicator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Deduplicator")
            .field("indexed", &self.exact.len())
            .field("seen", &self.seen)
            .field("pending", &self.pending.len())
            .finish()
    }
}

/// Heap bytes of a hash map by capacity: slots of key and value plus one
/// control byte each (hashbrown's layout).
fn map_heap_bytes<K, V, S>(map: &std::collections::HashMap<K, V, S>) -> usize {
    map.capacity() * (std::mem::size_of::<(K, V)>() + 1)
}

impl Deduplicator {
    /// Heap bytes the index holds (capacities, not lengths: what the
    /// allocator has handed out), without the articles held back.
    pub fn index_heap_bytes(&self) -> usize {
        self.exact.capacity() * 8
            + self.parent.capacity() * 4
            + self.flags.capacity()
            + self.sketches.capacity()
            + self.ids.capacity() * std::mem::size_of::<String>()
            + self.ids.iter().map(String::capacity).sum::<usize>()
            + self.urls.capacity() * 8
            + map_heap_bytes(&self.exact_map)
            + map_heap_bytes(&self.url_map)
            + self.lsh.capacity() * 4
            + self.boiler.heap_bytes()
            + map_heap_bytes(&self.best)
    }

    /// A stage with an empty index. Out-of-range parameters are clamped
    /// (see [`DedupConfig::validate`] to report them instead).
    pub fn new(cfg: DedupConfig) -> Self {
        let cfg = cfg.sanitized();
        Deduplicator {
            params: cfg.sig_params(),
            boiler: MisraGries::new(cfg.boilerplate_capacity),
            cfg,
            seen: 0,
            exact: Vec::new(),
            parent: Vec::new(),
            flags: Vec::new(),
            sketches: Vec::new(),
            ids: Vec::new(),
            urls: Vec::new(),
            exact_map: KeyMap::default(),
            url_map: KeyMap::default(),
            lsh: vec![EMPTY_SLOT; 1024],
            lsh_used: 0,
            pending: VecDeque::new(),
            best: KeyMap::default(),
            band_buf: Vec::new(),
        }
    }

    /// The signature of `text` under this configuration; `None` when the
    /// text has no word at all.
    pub fn signature(&self, text: &str) -> Option<Signature> {
        let mut buf = Vec::new();
        fingerprint(text, &self.params, self.cfg.near, &mut buf)
            .map(|f| Signature { exact: f.exact, sketch: f.sketch })
    }

    pub fn config(&self) -> &DedupConfig {
        &self.cfg
    }

    /// Number of articles in the index (articles without any word are not
    /// indexed).
    pub fn indexed(&self) -> usize {
        self.exact.len()
    }

    /// Articles seen over all runs that fed this index.
    pub fn seen(&self) -> u64 {
        self.seen
    }

    /// Loads an index written by [`Deduplicator::save_index`]. Fails on a
    /// foreign file, another format version, or signature parameters that
    /// differ from `cfg`'s (sketches would not be comparable).
    pub fn load_index(cfg: DedupConfig, mut r: impl Read) -> Result<Self, Error> {
        let mut head = [0u8; 10];
        r.read_exact(&mut head).map_err(|_| Error::Format("dedup index: file too short for its header".into()))?;
        if &head[..8] != MAGIC {
            return Err(Error::Format("not a warta dedup index (bad magic)".into()));
        }
        let version = u16::from_le_bytes([head[8], head[9]]);
        if version != FORMAT_VERSION {
            return Err(Error::Format(format!(
                "dedup index format version {version}, this build reads version {FORMAT_VERSION}"
            )));
        }
        // A damaged length field must not become a huge allocation: no
        // index table can be larger than the limit.
        let stored: Stored = bincode::serde::decode_from_std_read(&mut r, bincode::config::standard().with_limit::<MAX_INDEX_BYTES>())
            .map_err(|e| Error::Format(format!("dedup index: {e}")))?;
        let mut d = Deduplicator::new(cfg);
        if let Some(p) = stored.params {
            if p != d.params {
                return Err(Error::Config(format!(
                    "dedup index was built with {p:?}, the configuration asks for {:?}",
                    d.params
                )));
            }
        }
        let n = stored.exact.len();
        let sb = d.params.sketch_bytes();
        if stored.parent.len() != n
            || stored.flags.len() != n
            || stored.ids.len() != n
            || stored.urls.len() != n
            || stored.sketches.len() != n * sb
            || stored.parent.iter().any(|&p| p as usize >= n)
        {
            return Err(Error::Format("dedup index: inconsistent table lengths".into()));
        }
        if !parents_form_a_forest(&stored.parent) {
            return Err(Error::Format("dedup index: union-find parents form a cycle".into()));
        }
        d.seen = stored.seen;
        d.exact = stored.exact;
        d.parent = stored.parent;
        d.flags = stored.flags;
        d.sketches = stored.sketches;
        d.ids = stored.ids;
        d.urls = stored.urls;
        d.boiler = MisraGries::from_entries(d.cfg.boilerplate_capacity, stored.boilerplate);
        for doc in 0..n {
            d.exact_map.entry(d.exact[doc]).or_insert(doc as u32);
            if d.urls[doc] != 0 {
                d.url_map.insert(d.urls[doc], doc as u32);
            }
            if d.flags[doc] & IN_LSH != 0 {
                d.insert_lsh(doc as u32);
            }
        }
        Ok(d)
    }

    /// Writes the index. Call it after [`StreamStage::finish`]: articles still
    /// held back are saved as undecided members.
    pub fn save_index(&self, mut w: impl Write) -> Result<(), Error> {
        w.write_all(MAGIC)?;
        w.write_all(&FORMAT_VERSION.to_le_bytes())?;
        let pending: KeyMap<u32, ()> = self.pending.iter().filter_map(|p| p.doc).map(|d| (d, ())).collect();
        let ids: Vec<&str> = self
            .ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                if self.flags[i] & KEPT != 0 || pending.contains_key(&(i as u32)) {
                    id.as_str()
                } else {
                    ""
                }
            })
            .collect();
        // Borrowed, so saving a large index does not copy it; serde encodes a
        // slice exactly like the `Vec` that `Stored` reads back.
        let stored = StoredRef {
            params: Some(self.params),
            seen: self.seen,
            exact: &self.exact,
            parent: &self.parent,
            flags: &self.flags,
            sketches: &self.sketches,
            ids,
            urls: &self.urls,
            boilerplate_capacity: self.cfg.boilerplate_capacity as u64,
            boilerplate: self.boiler.entries(),
        };
        bincode::serde::encode_into_std_write(&stored, &mut w, bincode::config::standard())
            .map_err(|e| Error::Format(format!("dedup index: {e}")))?;
        w.flush()?;
        Ok(())
    }

    /// Kept articles that a later article linked to an earlier cluster: both
    /// were already released as kept (nothing is retracted), but they are
    /// one cluster now. Pairs `(kept id, id of the cluster's representative)`,
    /// for reports and evaluations.
    pub fn bridged(&mut self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for doc in 0..self.exact.len() as u32 {
            if self.is_kept(doc) {
                let root = self.find(doc);
                if root != doc {
                    out.push((self.ids[doc as usize].clone(), self.ids[root as usize].clone()));
                }
            }
        }
        out
    }

    /// Folds the index of another shard into this one (both after
    /// `finish`). Articles of `other` are matched against this index exactly
    /// as new articles would be; returns each article that `other` had kept
    /// and that is now a duplicate of an article of this index, with its
    /// duplicate record. The merged index is what a later run should load.
    pub fn merge(&mut self, other: Deduplicator) -> Result<Vec<(String, Duplicate)>, Error> {
        if other.params != self.params {
            return Err(Error::Config(format!(
                "cannot merge dedup indexes built with {:?} and {:?}",
                other.params, self.params
            )));
        }
        let base = self.exact.len() as u32;
        let sb = self.params.sketch_bytes();
        let mut other = other;
        for d in 0..other.exact.len() {
            let nd = base + d as u32;
            let flags = other.flags[d];
            self.exact.push(other.exact[d]);
            self.parent.push(nd);
            self.flags.push(flags & !IN_LSH);
            self.sketches.extend_from_slice(&other.sketches[d * sb..(d + 1) * sb]);
            self.ids.push(std::mem::take(&mut other.ids[d]));
            self.urls.push(other.urls[d]);
            // The other shard's own clusters.
            let other_root = other.find(d as u32);
            if other_root != d as u32 {
                self.union(nd, base + other_root);
            }
            // Against everything indexed so far.
            let matches = self.find_matches(nd, flags & HAS_SKETCH != 0);
            let exact_hit = matches.0;
            for m in matches.1 {
                self.union(nd, m.doc);
            }
            if !exact_hit && flags & IN_LSH != 0 {
                self.flags[nd as usize] |= IN_LSH;
                self.insert_lsh(nd);
            }
            if other.urls[d] != 0 {
                self.url_map.insert(other.urls[d], nd);
            }
        }
        let mut newly = Vec::new();
        for d in 0..other.exact.len() {
            let nd = base + d as u32;
            if self.flags[nd as usize] & KEPT == 0 {
                continue;
            }
            let root = self.find(nd);
            if root != nd {
                let dup = self.duplicate_record(nd, root);
                newly.push((std::mem::take(&mut self.ids[nd as usize]), dup));
                self.flags[nd as usize] &= !KEPT;
            }
        }
        self.seen += other.seen;
        self.boiler.merge(&other.boiler);
        Ok(newly)
    }

    fn find(&mut self, mut x: u32) -> u32 {
        let mut root = x;
        while self.parent[root as usize] != root {
            root = self.parent[root as usize];
        }
        while self.parent[x as usize] != root {
            let next = self.parent[x as usize];
            self.parent[x as usize] = root;
            x = next;
        }
        root
    }

    fn is_kept(&self, doc: u32) -> bool {
        self.flags[doc as usize] & KEPT != 0
    }

    /// Joins two clusters. A kept root stays root (the earliest if both are
    /// kept), so a decided cluster's root is always its representative.
    fn union(&mut self, a: u32, b: u32) {
        let ra = self.find(a);
        let rb = self.find(b);
        if ra == rb {
            return;
        }
        let (root, child) = match (self.is_kept(ra), self.is_kept(rb)) {
            (true, false) => (ra, rb),
            (false, true) => (rb, ra),
            _ => (ra.min(rb), ra.max(rb)),
        };
        self.parent[child as usize] = root;
        if let Some(cb) = self.best.remove(&child) {
            match self.best.get_mut(&root) {
                Some(rb) => {
                    if cb.0 > rb.0 {
                        *rb = cb;
                    }
                }
                None => {
                    self.best.insert(root, cb);
                }
            }
        }
    }

    fn sketch(&self, doc: u32) -> &[u8] {
        let sb = self.params.sketch_bytes();
        &self.sketches[doc as usize * sb..(doc as usize + 1) * sb]
    }

    fn insert_lsh(&mut self, doc: u32) {
        let mut keys = std::mem::take(&mut self.band_buf);
        band_keys(self.sketch(doc), &self.params, &mut keys);
        self.band_buf = keys;
        self.insert_band_keys(doc);
    }

    /// Adds `doc` under the band keys in `band_buf` (computed for it). A band
    /// key already held by `MAX_BUCKET` articles takes no more.
    fn insert_band_keys(&mut self, doc: u32) {
        if (self.lsh_used + self.band_buf.len()) * 2 > self.lsh.len() {
            self.grow_lsh(doc);
        }
        let mask = self.lsh.len() - 1;
        let rows = self.params.rows as usize;
        for b in 0..self.band_buf.len() {
            let k = self.band_buf[b];
            let mut i = (k as usize) & mask;
            let mut same = 0;
            while self.lsh[i] != EMPTY_SLOT {
                if band_key(self.sketch(self.lsh[i]), b, rows) == k {
                    same += 1;
                }
                i = (i + 1) & mask;
            }
            if same < MAX_BUCKET {
                self.lsh[i] = doc;
                self.lsh_used += 1;
            }
        }
    }

    /// Doubles the band table and re-inserts the articles before `upto` in
    /// article order: articles always enter the table in that order, so the
    /// rebuilt table applies the same bucket caps as the online inserts.
    fn grow_lsh(&mut self, upto: u32) {
        let new_len = (self.lsh.len() * 2).max(1024);
        self.lsh = vec![EMPTY_SLOT; new_len];
        self.lsh_used = 0;
        let saved = std::mem::take(&mut self.band_buf);
        for doc in 0..upto.min(self.exact.len() as u32) {
            if self.flags[doc as usize] & IN_LSH != 0 {
                self.insert_lsh(doc);
            }
        }
        self.band_buf = saved;
    }

    /// Articles holding band key `k` of band `b`, appended to `out`.
    fn lsh_lookup(&self, b: usize, k: u64, out: &mut Vec<u32>) {
        let mask = self.lsh.len() - 1;
        let rows = self.params.rows as usize;
        let mut i = (k as usize) & mask;
        while self.lsh[i] != EMPTY_SLOT {
            let doc = self.lsh[i];
            if band_key(self.sketch(doc), b, rows) == k {
                out.push(doc);
            }
            i = (i + 1) & mask;
        }
    }

    /// Finds what `doc` (already pushed, not yet in the maps) duplicates:
    /// an exact hit, or verified near candidates. Registers it in the exact
    /// map when it is new there. Returns (exact hit, matches).
    fn find_matches(&mut self, doc: u32, has_sketch: bool) -> (bool, Vec<Match>) {
        let hash = self.exact[doc as usize];
        if let Some(&j) = self.exact_map.get(&hash) {
            return (true, vec![Match { doc: j }]);
        }
        self.exact_map.insert(hash, doc);
        if !self.cfg.near || !has_sketch {
            return (false, Vec::new());
        }
        let mut keys = std::mem::take(&mut self.band_buf);
        band_keys(self.sketch(doc), &self.params, &mut keys);
        let mut cands: Vec<u32> = Vec::new();
        for (b, &k) in keys.iter().enumerate() {
            self.lsh_lookup(b, k, &mut cands);
        }
        self.band_buf = keys;
        cands.sort_unstable();
        cands.dedup();
        let accept = (self.cfg.threshold - self.cfg.verify_slack).max(0.0);
        let mut matched_roots: Vec<u32> = Vec::new();
        let mut matches = Vec::new();
        for c in cands {
            if c == doc || self.flags[c as usize] & HAS_SKETCH == 0 {
                continue;
            }
            let root = self.find(c);
            if matched_roots.contains(&root) {
                continue;
            }
            if estimate_jaccard(self.sketch(doc), self.sketch(c)) >= accept
                && self.close_to_representative(doc, root, self.cfg.rep_floor)
            {
                matched_roots.push(root);
                matches.push(Match { doc: c });
            }
        }
        let url = self.urls[doc as usize];
        if url != 0 && self.cfg.url_threshold < 1.0 {
            if let Some(&j) = self.url_map.get(&url) {
                if j != doc && self.flags[j as usize] & HAS_SKETCH != 0 {
                    let root = self.find(j);
                    if !matched_roots.contains(&root)
                        && estimate_jaccard(self.sketch(doc), self.sketch(j)) >= self.cfg.url_threshold
                        && self.close_to_representative(doc, root, self.cfg.rep_floor.min(self.cfg.url_threshold))
                    {
                        matches.push(Match { doc: j });
                    }
                }
            }
        }
        (false, matches)
    }

    /// A chain of near duplicates (A ~ B ~ C ...) may drift away from its
    /// representative; a new member must itself be within `rep_floor` of
    /// the cluster's kept article, so no article is ever named a duplicate
    /// of one it shares less than that with.
    fn close_to_representative(&self, doc: u32, root: u32, floor: f64) -> bool {
        if !self.is_kept(root) || self.flags[root as usize] & HAS_SKETCH == 0 {
            return true;
        }
        estimate_jaccard(self.sketch(doc), self.sketch(root)) >= floor
    }

    fn keep_key(&self, article: &Article, order: u64) -> KeepKey {
        match self.cfg.keep {
            KeepPolicy::First => KeepKey { len: 0, date: String::new(), rev_order: u64::MAX - order },
            KeepPolicy::Longest => {
                KeepKey { len: article.text.len() as u64, date: String::new(), rev_order: u64::MAX - order }
            }
            KeepPolicy::Latest => KeepKey {
                len: 0,
                date: article.date.clone().unwrap_or_default(),
                rev_order: u64::MAX - order,
            },
        }
    }

    /// Adds one cleaned article to the index (in input order).
    fn index_article(&mut self, article: Article, fp: Option<Fingerprint>) {
        let order = self.seen;
        self.seen += 1;
        let Some(fp) = fp else {
            self.pending.push_back(Pending { article, order, doc: None });
            return;
        };
        let doc = self.exact.len() as u32;
        let has_sketch = !fp.sketch.is_empty();
        self.exact.push(fp.exact);
        self.parent.push(doc);
        self.flags.push(if has_sketch { HAS_SKETCH } else { 0 });
        if has_sketch {
            self.sketches.extend_from_slice(&fp.sketch);
        } else {
            self.sketches.resize(self.sketches.len() + self.params.sketch_bytes(), 0);
        }
        self.ids.push(article.id.clone());
        let url = article.url.as_deref().map_or(0, url_key);
        self.urls.push(url);
        if self.cfg.keep != KeepPolicy::First {
            self.best.insert(doc, (self.keep_key(&article, order), doc));
        }
        let (exact_hit, matches) = self.find_matches(doc, has_sketch);
        for m in &matches {
            self.union(doc, m.doc);
        }
        if !exact_hit && has_sketch {
            self.flags[doc as usize] |= IN_LSH;
            // find_matches left this article's band keys in band_buf.
            self.insert_band_keys(doc);
        }
        if url != 0 {
            self.url_map.insert(url, doc);
        }
        self.pending.push_back(Pending { article, order, doc: Some(doc) });
    }

    fn duplicate_record(&self, doc: u32, rep: u32) -> Duplicate {
        let exact = self.exact[doc as usize] == self.exact[rep as usize];
        let both_sketched = self.flags[doc as usize] & self.flags[rep as usize] & HAS_SKETCH != 0;
        let similarity = if exact {
            1.0
        } else if both_sketched {
            estimate_jaccard(self.sketch(doc), self.sketch(rep)) as f32
        } else {
            0.0
        };
        Duplicate {
            of: self.ids[rep as usize].clone(),
            kind: if exact { DuplicateKind::Exact } else { DuplicateKind::Near },
            similarity,
        }
    }

    /// Decides the fate of one indexed article.
    fn decide(&mut self, doc: u32) -> Option<Duplicate> {
        let root = self.find(doc);
        if self.is_kept(root) {
            let dup = self.duplicate_record(doc, root);
            self.ids[doc as usize] = String::new();
            return Some(dup);
        }
        let best = match self.best.get(&root) {
            Some(&(_, b)) => b,
            None => doc,
        };
        if best == doc {
            self.flags[doc as usize] |= KEPT;
            // The representative becomes the root, so later members (and
            // later runs) find it by `find`.
            self.parent[root as usize] = doc;
            self.parent[doc as usize] = doc;
            self.best.remove(&root);
            None
        } else {
            let dup = self.duplicate_record(doc, best);
            self.ids[doc as usize] = String::new();
            Some(dup)
        }
    }

    /// Releases the articles whose fate can be decided, in input order.
    fn release(&mut self, all: bool, out: &mut Vec<Article>) {
        let window = if self.cfg.keep == KeepPolicy::First { 0 } else { self.cfg.keep_window as u64 };
        while let Some(front) = self.pending.front() {
            if !all && self.seen - front.order <= window {
                break;
            }
            let Some(mut p) = self.pending.pop_front() else { break };
            if let Some(doc) = p.doc {
                p.article.duplicate = self.decide(doc);
            } else {
                p.article.duplicate = None;
            }
            out.push(p.article);
        }
    }
}

/// True when following parents from any node reaches a root (a node that
/// is its own parent): a corrupt index must not make `find` loop forever.
fn parents_form_a_forest(parent: &[u32]) -> bool {
    // 0 = unvisited, 1 = on the current path, 2 = known to reach a root.
    let mut state = vec![0u8; parent.len()];
    let mut path = Vec::new();
    for start in 0..parent.len() {
        let mut x = start;
        while state[x] == 0 {
            state[x] = 1;
            path.push(x);
            let p = parent[x] as usize;
            if p == x {
                break;
            }
            x = p;
        }
        if state[x] == 1 && parent[x] as usize != x {
            return false;
        }
        for &y in &path {
            state[y] = 2;
        }
        path.clear();
    }
    true
}

/// Hash of a URL with what does not name the page taken off: scheme,
/// `www.`/`m.` host prefixes, fragment, tracking parameters, trailing `/`,
/// case. 0 when nothing is left.
pub fn url_key(url: &str) -> u64 {
    let mut u = url.trim();
    if let Some(i) = u.find("://") {
        u = &u[i + 3..];
    }
    u = u.split('#').next().unwrap_or("");
    let (path, query) = match u.split_once('?') {
        Some((p, q)) => (p, q),
        None => (u, ""),
    };
    let tracking = |kv: &str| {
        let k = kv.split('=').next().unwrap_or("").to_ascii_lowercase();
        k.is_empty() || k.starts_with("utm_") || matches!(k.as_str(), "fbclid" | "gclid" | "ref" | "source")
    };
    let keep_query = !query.split('&').all(tracking);
    let mut path = path;
    for prefix in ["www.", "m.", "amp."] {
        // Compared as bytes: the URL may hold non-ASCII text right there.
        if path.len() > prefix.len() && path.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes()) {
            path = &path[prefix.len()..];
        }
    }
    let path = path.trim_end_matches('/');
    if path.is_empty() {
        return 0;
    }
    let mut key = path.to_lowercase();
    if keep_query {
        key.push('?');
        key.push_str(query);
    }
    xxhash_rust::xxh3::xxh3_64(key.as_bytes()) | 1
}

impl StreamStage for Deduplicator {
    fn name(&self) -> &'static str {
        "dedup"
    }
    fn state_bytes(&self) -> u64 {
        self.index_heap_bytes() as u64
    }

    fn process_batch(&mut self, mut batch: Vec<Article>) -> Vec<Article> {
        let cfg = &self.cfg;
        let mut plans: Vec<Plan> = batch.par_iter().map(|a| within::plan(a, cfg)).collect();
        // The exact key is taken before boilerplate removal, so two copies of
        // a text stay exact duplicates whether or not a line of theirs had
        // become boilerplate in between.
        let keys: Vec<Option<u64>> =
            plans.iter().map(|p| if p.units.is_empty() { None } else { p.content_key() }).collect();
        if cfg.boilerplate_min_articles > 0 {
            let mut batch_seen: KeyMap<u64, ()> = KeyMap::default();
            for (plan, key) in plans.iter_mut().zip(&keys) {
                let copy = key.is_some_and(|k| self.exact_map.contains_key(&k) || batch_seen.insert(k, ()).is_some());
                boilerplate::count_and_mark(&mut self.boiler, plan, &self.cfg, !copy);
            }
        }
        let params = self.params;
        let near = self.cfg.near;
        let fps: Vec<Option<Fingerprint>> = batch
            .par_iter_mut()
            .zip(plans.par_iter())
            .map_init(Vec::new, |buf, (article, plan)| {
                // Documents are compared as they stand before boilerplate
                // removal: fifty syndicated copies of a story make its
                // sentences "boilerplate", and stripping them first would
                // leave fragments that no longer match each other.
                let fp = if plan.units.is_empty() {
                    fingerprint(&article.text, &params, near, buf)
                } else {
                    let pieces: Vec<&str> = plan
                        .units
                        .iter()
                        .filter(|u| matches!(u.remove, None | Some(within::Reason::Boilerplate)))
                        .map(|u| u.span.slice(&article.text))
                        .collect();
                    fingerprint_pieces(&pieces, &params, near, buf)
                };
                within::apply(article, plan);
                fp
            })
            .collect();
        let mut out = Vec::new();
        for (article, fp) in batch.into_iter().zip(fps) {
            self.index_article(article, fp);
            // Releasing after every article, not every batch, keeps the
            // keep-window decisions independent of batch boundaries.
            self.release(false, &mut out);
        }
        out
    }

    fn finish(&mut self) -> Vec<Article> {
        let mut out = Vec::new();
        self.release(true, &mut out);
        out
    }
}

#[cfg(test)]
mod tests;
