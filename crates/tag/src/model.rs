//! The model: per-language feature weights over BILOU tags, tag transitions,
//! word clusters; its compact file form (fixed-width arrays, zstd) and Viterbi decoding.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

/// BIO tags over PER, ORG, LOC: the tags of the data, of
/// [`crate::Tagger::tag_words`] and of scoring.
pub const N_BIO: usize = 7;
pub const TAG_NAMES: [&str; N_BIO] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];
pub const LABELS: [&str; 3] = ["PER", "ORG", "LOC"];

/// The model's own tags: BILOU (Ratinov & Roth 2009), `O` then, per label,
/// B (first of several tokens), I (inside), L (last), U (a one-token
/// entity); tag `1 + 4 * label + kind`. Entity ends are explicit, which
/// helps a linear model with boundaries; data and output stay BIO
/// ([`to_bilou`], [`to_bio`]).
pub const N_TAGS: usize = 13;

/// Weights stored per feature (all tags but `O`).
pub const N_STORED: usize = N_TAGS - 1;

/// Row index used for the start-of-sentence "previous tag".
pub const START: usize = N_TAGS;

/// Index of a BIO tag name.
pub fn tag_index(name: &str) -> Option<usize> {
    TAG_NAMES.iter().position(|t| *t == name)
}

/// Of a BIO tag: 0 for O, else 1 + label index.
#[inline]
pub fn tag_label(tag: usize) -> Option<usize> {
    (tag != 0).then(|| (tag - 1) / 2)
}

/// Whether a BIO tag is an `I-` tag.
#[inline]
pub fn is_inside(tag: usize) -> bool {
    tag != 0 && tag.is_multiple_of(2)
}

/// Where the entity opened by the tag at `start` ends (exclusive): after
/// the `I-` tags of its label that follow it.
#[inline]
pub fn entity_end(tags: &[usize], start: usize) -> usize {
    let label = tag_label(tags[start]);
    let mut end = start + 1;
    while end < tags.len() && is_inside(tags[end]) && tag_label(tags[end]) == label {
        end += 1;
    }
    end
}

/// The first entity at or after `from`: its start, end (exclusive) and
/// label. An entity opens at any tag with a label (a stray `I-` tag too).
/// Walk a sentence's entities with `while let Some((i, j, label)) =
/// next_entity(tags, at) { at = j; … }` (the tags may change on the way).
#[inline]
pub fn next_entity(tags: &[usize], from: usize) -> Option<(usize, usize, usize)> {
    let start = from + tags.get(from..)?.iter().position(|&t| tag_label(t).is_some())?;
    let label = tag_label(tags[start])?;
    Some((start, entity_end(tags, start), label))
}

const KIND_B: usize = 0;
const KIND_I: usize = 1;
const KIND_L: usize = 2;
const KIND_U: usize = 3;

/// Whether a BILOU tag leaves its entity open (B, I: the next token must
/// continue it).
#[inline]
pub(crate) fn is_open(tag: usize) -> bool {
    tag != 0 && tag != START && (tag - 1) % 4 <= KIND_I
}

/// Whether a BILOU tag continues an entity (I, L).
#[inline]
fn continues(tag: usize) -> bool {
    tag != 0 && matches!((tag - 1) % 4, KIND_I | KIND_L)
}

/// Whether `prev -> next` is a legal BILOU transition (`prev == START` at
/// the sentence start).
#[inline]
pub fn allowed(prev: usize, next: usize) -> bool {
    if is_open(prev) {
        continues(next) && (prev - 1) / 4 == (next - 1) / 4
    } else {
        !continues(next)
    }
}

/// The BIO tag of a BILOU tag.
#[inline]
pub fn to_bio(tag: usize) -> usize {
    if tag == 0 {
        return 0;
    }
    let (label, kind) = ((tag - 1) / 4, (tag - 1) % 4);
    1 + 2 * label + usize::from(matches!(kind, KIND_I | KIND_L))
}

/// BIO tags to BILOU, reading entities as [`crate::eval::spans`] does (an
/// `I-X` that does not continue an X starts a new entity).
pub fn to_bilou(bio: &[usize], out: &mut Vec<usize>) {
    out.clear();
    let n = bio.len();
    for i in 0..n {
        let Some(label) = tag_label(bio[i]) else {
            out.push(0);
            continue;
        };
        let begins = i == 0 || !is_inside(bio[i]) || tag_label(bio[i - 1]) != Some(label);
        let ends = i + 1 == n || !is_inside(bio[i + 1]) || tag_label(bio[i + 1]) != Some(label);
        let kind = match (begins, ends) {
            (true, true) => KIND_U,
            (true, false) => KIND_B,
            (false, false) => KIND_I,
            (false, true) => KIND_L,
        };
        out.push(1 + 4 * label + kind);
    }
}

/// A partial-label mask over BIO tags (bit per tag) as a mask over BILOU
/// tags: a token allowed one BIO tag gets its BILOU tag in `bilou`; one
/// allowed several keeps `O` if allowed and every BILOU tag of each label
/// whose B or I is allowed.
pub fn bilou_mask(bio_mask: u8, bilou: usize) -> u16 {
    if bio_mask.count_ones() <= 1 {
        return 1 << bilou;
    }
    let mut m = u16::from(bio_mask & 1);
    for label in 0..LABELS.len() {
        if bio_mask & (0b11 << (1 + 2 * label)) != 0 {
            m |= 0b1111 << (1 + 4 * label);
        }
    }
    m
}

const FORMAT: &str = "warta-tag-ner";
/// Version 3: the fixed-width form below. Version 2 (bincode 2 of
/// [`ModelFile`], whose varint sequences took most of the load) is still read.
const VERSION: u32 = 3;
const VERSION_BINCODE: u32 = 2;
/// Refuse to decompress beyond this (a bad file must not exhaust memory).
const MAX_MODEL_BYTES: usize = 256 << 20;

/// Stored weights of one language model.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LangWeightsFile {
    /// Language code this model serves (`id`, `en`).
    pub lang: String,
    /// Sorted feature keys (upper 32 bits of the 64-bit feature hash),
    /// delta-encoded (small numbers, which compress well).
    pub key_deltas: Vec<u32>,
    /// `N_TAGS - 1` quantised weights per key: the weights of (BILOU) tags
    /// 1.. minus the weight of `O`. Adding the same amount to every tag of a
    /// token changes neither the best path nor the margins, so `O` is kept at
    /// 0 and a table slot fits in 32 bytes.
    pub weights: Vec<i16>,
    /// `(N_TAGS + 1) x N_TAGS` transition weights (last row: sentence start), quantised.
    pub transitions: Vec<i32>,
    /// Real weight = quantised * scale.
    pub scale: f32,
    /// Annotation-convention profiles (one per training set): profile `p`
    /// adds, for every feature key `k`, the weights of `profile_key(k, p)`.
    pub profiles: Vec<String>,
    /// The profile features, stored like `key_deltas`/`weights` but apart,
    /// so the general model's table stays small.
    pub profile_key_deltas: Vec<u32>,
    pub profile_weights: Vec<i16>,
}

/// The serialised model.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ModelFile {
    pub format: String,
    /// The file form this model is written in ([`ModelFile::to_bytes`]);
    /// a model read from an older form reads as the current one.
    pub version: u32,
    pub langs: Vec<LangWeightsFile>,
    /// Word-cluster vocabulary (lower case) and cluster ids at three granularities plus capitalisation tenths.
    pub cluster_words: Vec<String>,
    pub cluster_ids: Vec<[u16; 4]>,
    /// Free text: data, command, date.
    pub notes: String,
}

impl ModelFile {
    pub fn new(
        langs: Vec<LangWeightsFile>,
        cluster_words: Vec<String>,
        cluster_ids: Vec<[u16; 4]>,
        notes: String,
    ) -> Self {
        ModelFile {
            format: FORMAT.into(),
            version: VERSION,
            langs,
            cluster_words,
            cluster_ids,
            notes,
        }
    }

    /// The file form (version 3), zstd-compressed: `warta-tag-ner`, the
    /// version as a little-endian u32, then every field in order with
    /// fixed-width little-endian numbers (a string or list is its u32
    /// length, then its items); the cluster words are their lengths, then
    /// their bytes. Key deltas are stored as four byte planes (all low
    /// bytes, ..., all high bytes: they compress better), and the weights
    /// as rows (`Writer::rows`). Loading copies arrays instead of decoding
    /// varints (session 21: the bincode 2 form of version 2 took 0.5 of the
    /// 2.0 G instructions of a load).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer(Vec::with_capacity(32 << 20));
        w.0.extend_from_slice(FORMAT.as_bytes());
        w.u32(VERSION);
        w.len(self.langs.len());
        for l in &self.langs {
            w.str(&l.lang);
            w.u32(l.scale.to_bits());
            w.len(l.profiles.len());
            for p in &l.profiles {
                w.str(p);
            }
            w.len(l.transitions.len());
            for t in &l.transitions {
                w.0.extend_from_slice(&t.to_le_bytes());
            }
            w.rows(&l.key_deltas, &l.weights);
            w.rows(&l.profile_key_deltas, &l.profile_weights);
        }
        w.len(self.cluster_words.len());
        for word in &self.cluster_words {
            w.len(word.len());
        }
        for word in &self.cluster_words {
            w.0.extend_from_slice(word.as_bytes());
        }
        w.len(self.cluster_ids.len());
        for ids in &self.cluster_ids {
            for x in ids {
                w.0.extend_from_slice(&x.to_le_bytes());
            }
        }
        w.str(&self.notes);
        zstd::bulk::compress(&w.0, 19).expect("zstd compresses in memory")
    }

    /// Reads a model file of version 3 ([`ModelFile::to_bytes`]) or 2
    /// (bincode 2); anything else is an error, never a panic.
    pub fn from_bytes(bytes: &[u8]) -> Result<ModelFile, String> {
        if bytes.len() < 4 || bytes[..4] != [0x28, 0xB5, 0x2F, 0xFD] {
            return Err("not a warta-tag model (expected a zstd-compressed file)".into());
        }
        let raw = decompress(bytes)?;
        let m = if let Some(rest) = raw.strip_prefix(FORMAT.as_bytes()) {
            read_fixed_width(rest)?
        } else {
            let cfg = bincode::config::standard().with_limit::<MAX_MODEL_BYTES>();
            let (mut m, _): (ModelFile, usize) = bincode::serde::decode_from_slice(&raw, cfg)
                .map_err(|e| format!("model does not decode: {e}"))?;
            if m.format != FORMAT {
                return Err(format!("not a warta-tag model (format {:?})", m.format));
            }
            if m.version != VERSION_BINCODE {
                return Err(format!(
                    "warta-tag model version {}, this build reads versions {VERSION_BINCODE} and {VERSION}",
                    m.version
                ));
            }
            m.version = VERSION;
            m
        };
        if m.cluster_words.len() != m.cluster_ids.len() {
            return Err("model cluster table is inconsistent".into());
        }
        for l in &m.langs {
            if l.weights.len() != l.key_deltas.len() * N_STORED
                || l.profile_weights.len() != l.profile_key_deltas.len() * N_STORED
                || l.transitions.len() != (N_TAGS + 1) * N_TAGS
            {
                return Err(format!("model weights for {:?} are inconsistent", l.lang));
            }
            if !l.scale.is_finite() || l.scale <= 0.0 {
                return Err(format!("model scale for {:?} is invalid", l.lang));
            }
        }
        if m.langs.is_empty() {
            return Err("model has no language".into());
        }
        Ok(m)
    }
}

/// The decompressed model, at most [`MAX_MODEL_BYTES`]: in one piece when
/// the frame gives its size (as [`ModelFile::to_bytes`]'s do), else
/// streamed.
fn decompress(bytes: &[u8]) -> Result<Vec<u8>, String> {
    if let Ok(Some(size)) = zstd::zstd_safe::get_frame_content_size(bytes) {
        if size <= MAX_MODEL_BYTES as u64 {
            if let Ok(raw) = zstd::bulk::decompress(bytes, size as usize) {
                return Ok(raw);
            }
        }
    }
    let mut dec = zstd::stream::read::Decoder::new(bytes).map_err(|e| format!("zstd: {e}"))?;
    let mut raw = Vec::new();
    use std::io::Read;
    (&mut dec)
        .take(MAX_MODEL_BYTES as u64 + 1)
        .read_to_end(&mut raw)
        .map_err(|e| format!("model does not decompress: {e}"))?;
    if raw.len() > MAX_MODEL_BYTES {
        return Err("model decompresses to more than 256 MiB".into());
    }
    Ok(raw)
}

/// The fields of a version 3 file after `warta-tag-ner`.
fn read_fixed_width(raw: &[u8]) -> Result<ModelFile, String> {
    let mut r = Reader(raw);
    let version = r.u32()?;
    if version != VERSION {
        return Err(format!(
            "warta-tag model version {version}, this build reads versions {VERSION_BINCODE} and {VERSION}"
        ));
    }
    let n_langs = r.len(1)?;
    let mut langs = Vec::with_capacity(n_langs);
    for _ in 0..n_langs {
        let lang = r.str()?;
        let scale = f32::from_bits(r.u32()?);
        let n_profiles = r.len(4)?;
        let profiles = (0..n_profiles).map(|_| r.str()).collect::<Result<Vec<_>, _>>()?;
        let n = r.len(4)?;
        let transitions = r
            .take(4 * n)?
            .chunks_exact(4)
            .map(|b| i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        let (key_deltas, weights) = r.rows()?;
        let (profile_key_deltas, profile_weights) = r.rows()?;
        langs.push(LangWeightsFile {
            lang,
            key_deltas,
            weights,
            transitions,
            scale,
            profiles,
            profile_key_deltas,
            profile_weights,
        });
    }
    let n_words = r.len(4)?;
    let lengths: Vec<usize> = r
        .take(4 * n_words)?
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        .collect();
    let total = lengths.iter().try_fold(0usize, |a, &n| a.checked_add(n));
    let text = total
        .and_then(|total| r.take(total).ok())
        .ok_or("model cluster words are cut short")?;
    let text = std::str::from_utf8(text).map_err(|_| "model cluster words are not UTF-8")?;
    let mut at = 0;
    let mut cluster_words = Vec::with_capacity(n_words);
    for n in lengths {
        let word = text
            .get(at..at + n)
            .ok_or("model cluster words are not UTF-8")?;
        cluster_words.push(word.to_string());
        at += n;
    }
    let n_ids = r.len(8)?;
    let cluster_ids = r
        .take(8 * n_ids)?
        .chunks_exact(8)
        .map(|b| std::array::from_fn(|k| u16::from_le_bytes([b[2 * k], b[2 * k + 1]])))
        .collect();
    let notes = r.str()?;
    if !r.0.is_empty() {
        return Err("model has bytes after its end".into());
    }
    Ok(ModelFile {
        format: FORMAT.into(),
        version,
        langs,
        cluster_words,
        cluster_ids,
        notes,
    })
}

struct Writer(Vec<u8>);

impl Writer {
    fn u32(&mut self, x: u32) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }

    fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).expect("a model list holds under 2^32 items"));
    }

    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }

    /// Keys and their rows of weights: the key count, the deltas as four
    /// byte planes, a shift byte per row, the number of rows written
    /// whole, then the rows that are `i8 << shift` exactly (as
    /// [`round_to_table_precision`] leaves nearly all of them) as their
    /// `N_STORED` i8, then the other rows (shift byte 255) as i16: half the
    /// bytes to decompress. Any row is stored exactly.
    fn rows(&mut self, deltas: &[u32], weights: &[i16]) {
        assert_eq!(weights.len(), deltas.len() * N_STORED, "a row of weights per key");
        self.len(deltas.len());
        for plane in 0..4 {
            self.0.extend(deltas.iter().map(|d| d.to_le_bytes()[plane]));
        }
        let compact = |row: &[i16]| -> Option<(u8, [i8; N_STORED])> {
            let exact: [i32; N_STORED] = std::array::from_fn(|t| i32::from(row[t]));
            let shift = row_shift(exact.iter().map(|x| x.unsigned_abs()).max().unwrap_or(0));
            let q = exact.map(|x| i8::try_from(x >> shift).ok());
            (0..N_STORED)
                .all(|t| q[t].is_some_and(|q| i32::from(q) << shift == exact[t]))
                .then(|| (shift as u8, q.map(|q| q.unwrap_or(0))))
        };
        let rows: Vec<Option<(u8, [i8; N_STORED])>> =
            weights.chunks_exact(N_STORED).map(compact).collect();
        self.0.extend(rows.iter().map(|r| r.map_or(WHOLE_ROW, |(shift, _)| shift)));
        self.len(rows.iter().filter(|r| r.is_none()).count());
        for (shift, q) in rows.iter().flatten() {
            debug_assert!(*shift < WHOLE_ROW);
            self.0.extend(q.iter().map(|&x| x as u8));
        }
        for (row, r) in weights.chunks_exact(N_STORED).zip(&rows) {
            if r.is_none() {
                for x in row {
                    self.0.extend_from_slice(&x.to_le_bytes());
                }
            }
        }
    }
}

/// The shift byte of a row stored whole ([`Writer::rows`]).
const WHOLE_ROW: u8 = 255;

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if n > self.0.len() {
            return Err("model is cut short".into());
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn u32(&mut self) -> Result<u32, String> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A list length whose items take at least `item_bytes` each: never
    /// more than the bytes left can hold (no huge allocation on bad input).
    fn len(&mut self, item_bytes: usize) -> Result<usize, String> {
        let n = self.u32()? as usize;
        if n.saturating_mul(item_bytes) > self.0.len() {
            return Err("model is cut short".into());
        }
        Ok(n)
    }

    fn str(&mut self) -> Result<String, String> {
        let n = self.len(1)?;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| "model text is not UTF-8".into())
    }

    /// Key deltas (four byte planes) and their weights.
    fn rows(&mut self) -> Result<(Vec<u32>, Vec<i16>), String> {
        let n = self.len(4)?;
        let planes = self.take(4 * n)?;
        let (p0, rest) = planes.split_at(n);
        let (p1, rest) = rest.split_at(n);
        let (p2, p3) = rest.split_at(n);
        let deltas = p0
            .iter()
            .zip(p1)
            .zip(p2)
            .zip(p3)
            .map(|(((&a, &b), &c), &d)| u32::from_le_bytes([a, b, c, d]))
            .collect();
        let shifts = self.take(n)?;
        let n_whole = self.len(2 * N_STORED)?;
        if shifts.iter().filter(|&&s| s == WHOLE_ROW).count() != n_whole
            || shifts.iter().any(|&s| s != WHOLE_ROW && s > 15)
        {
            return Err("model rows are inconsistent".into());
        }
        let mut compact = self.take((n - n_whole) * N_STORED)?.chunks_exact(N_STORED);
        let mut whole = self.take(n_whole * 2 * N_STORED)?.chunks_exact(2 * N_STORED);
        let mut weights = vec![0i16; n * N_STORED];
        for (out, &shift) in weights.chunks_exact_mut(N_STORED).zip(shifts) {
            // Both iterators hold exactly the rows the shift bytes ask for.
            let out: &mut [i16; N_STORED] = out.try_into().expect("rows of N_STORED");
            if shift == WHOLE_ROW {
                let row = whole.next().ok_or("model rows are inconsistent")?;
                *out = std::array::from_fn(|t| i16::from_le_bytes([row[2 * t], row[2 * t + 1]]));
            } else {
                let row = compact.next().ok_or("model rows are inconsistent")?;
                let row: &[u8; N_STORED] = row.try_into().expect("rows of N_STORED");
                *out = row.map(|q| (i32::from(q as i8) << shift) as i16);
            }
        }
        Ok((deltas, weights))
    }
}

/// Word -> cluster ids, keyed by the hash of the lower-case word.
#[derive(Debug, Default, Clone)]
pub struct Clusters {
    map: HashMap<u64, [u16; 4], BuildIdentity>,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct BuildIdentity;

impl std::hash::BuildHasher for BuildIdentity {
    type Hasher = IdentityHasher;
    fn build_hasher(&self) -> IdentityHasher {
        IdentityHasher(0)
    }
}

/// Keys are already good hashes.
#[derive(Debug, Default)]
pub struct IdentityHasher(u64);

impl std::hash::Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b) ^ (self.0 >> 56);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A fast hasher for short strings (the tagger's per-article maps of
/// entity surfaces, the gazetteer's one-word patterns): xxh3 of each
/// written piece, chained through the seed. Not keyed: the maps it serves
/// hold what one article or the compiled-in lists give.
#[derive(Debug, Default, Clone, Copy)]
pub struct BuildXxh3;

impl std::hash::BuildHasher for BuildXxh3 {
    type Hasher = Xxh3Hasher;
    fn build_hasher(&self) -> Xxh3Hasher {
        Xxh3Hasher(0)
    }
}

#[derive(Debug, Default)]
pub struct Xxh3Hasher(u64);

impl std::hash::Hasher for Xxh3Hasher {
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        self.0 = xxhash_rust::xxh3::xxh3_64_with_seed(bytes, self.0);
    }
    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(23);
    }
    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0 ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(23);
    }
}

impl Clusters {
    pub fn new(words: &[String], ids: &[[u16; 4]]) -> Clusters {
        let mut map = HashMap::with_capacity_and_hasher(words.len(), BuildIdentity);
        for (w, id) in words.iter().zip(ids) {
            map.insert(xxh3_64(w.as_bytes()), *id);
        }
        Clusters { map }
    }

    /// Cluster ids of the word whose lower-case hash is `h`; `u16::MAX` when unknown.
    #[inline]
    pub fn get(&self, h: u64) -> [u16; 4] {
        self.map.get(&h).copied().unwrap_or([u16::MAX; 4])
    }
}

/// One slot of the runtime table: 28 bits of the feature key and a 4-bit
/// shift in `tag` (0 = empty), and the weights of tags 1.. relative to `O`
/// as `i8 << shift` (each row keeps 7 bits of precision relative to its
/// largest weight); 16 bytes, so a lookup touches one cache line and the
/// table is half the size of one with `i16` rows.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(16))]
struct Slot {
    tag: u32,
    w: [i8; N_STORED],
}

/// The 28-bit table key of a feature key (never 0: 0 marks an empty slot).
#[inline]
fn table_key(key: u32) -> u32 {
    (key >> 4).max(1)
}

/// A row of weights as `(i8 row, shift)`.
fn encode_row(row: &[i32; N_STORED]) -> ([i8; N_STORED], u32) {
    let max = row.iter().map(|w| w.unsigned_abs()).max().unwrap_or(0);
    let shift = row_shift(max);
    (row.map(|x| scale_down(x, shift)), shift)
}

/// [`encode_row`] of a row as the file stores it, in 16-bit lanes (the
/// same result, `tests::encode_row16_equals_encode_row`), written so that
/// it compiles to a few dozen vector instructions (session 21: the i32
/// form ran scalar, some 150 instructions a row, and every row of the
/// model passes here at load).
#[inline]
fn encode_row16(row: &[i16; N_STORED]) -> ([i8; N_STORED], u32) {
    let mut a = [0i16; 16];
    a[..N_STORED].copy_from_slice(row);
    let mut m = [0u16; 8];
    for j in 0..8 {
        m[j] = a[j].unsigned_abs().max(a[j + 8].unsigned_abs());
    }
    let shift = row_shift(u32::from(m.iter().copied().fold(0, u16::max)));
    // At most 32768 + 2^14: no overflow in u16.
    let half = ((1u32 << shift) >> 1) as u16;
    let mut w = [0i8; N_STORED];
    for j in 0..N_STORED {
        let magnitude = ((a[j].unsigned_abs() + half) >> shift).min(127) as i8;
        w[j] = if a[j] < 0 { -magnitude } else { magnitude };
    }
    (w, shift)
}

/// The smallest shift (at most 15) at which a row whose largest magnitude
/// is `max` rounds into i8: 0 up to 127; else the smallest `s >= 1` with
/// `max + 2^(s-1) < 128 * 2^s`, that is `max < 255 * 2^(s-1)`, so
/// `2^(s-1) > max / 255`: one more than the bit length of `max / 255`.
/// (It was a loop over the shifts; every row passes here at load.)
#[inline]
fn row_shift(max: u32) -> u32 {
    if max <= 127 {
        0
    } else {
        (1 + (u32::BITS - (max / 255).leading_zeros())).min(15)
    }
}

/// `x / 2^shift` rounded half away from zero (as `f64::round` would) and
/// clamped to ±127, in integers: every row of the model passes here when it
/// loads, and the float division and `round` call were a fifth of the load.
#[inline]
fn scale_down(x: i32, shift: u32) -> i8 {
    let half = (1u32 << shift) >> 1;
    let magnitude = (x.unsigned_abs().saturating_add(half) >> shift).min(127) as i8;
    if x < 0 {
        -magnitude
    } else {
        magnitude
    }
}

/// Rounds each stored row (`N_STORED` weights) to the precision the
/// runtime table keeps (7 bits relative to the row's largest weight, see
/// [`Slot`]), so the file holds no bits the tagger drops and compresses
/// better; loading the rounded rows gives the same table (the shift of a
/// rounded row is the shift of the row).
pub fn round_to_table_precision(weights: &mut [i16]) {
    for row in weights.chunks_exact_mut(N_STORED) {
        let exact: [i32; N_STORED] = std::array::from_fn(|t| i32::from(row[t]));
        let (w, shift) = encode_row(&exact);
        for (x, q) in row.iter_mut().zip(w) {
            *x = (i32::from(q) << shift).clamp(-32767, 32767) as i16;
        }
    }
}

/// Size of a table's presence filter (128 KiB).
const FILTER_BITS: usize = 1 << 20;

#[inline]
fn filter_bit(k: u32) -> usize {
    (k.wrapping_mul(0x85EB_CA6B) >> 12) as usize % FILTER_BITS
}

/// An open-addressing table from feature key to a row of quantised weights.
#[derive(Debug, Clone)]
struct Table {
    slots: Vec<Slot>,
    mask: usize,
    /// One bit per [`filter_bit`] of the stored keys: a key whose bit is
    /// clear is absent, found out in a small array (it stays in the core's
    /// cache) instead of a probe of the large one. Never a false "absent".
    filter: Vec<u64>,
    len: usize,
}

impl Table {
    fn new(key_deltas: &[u32], weights: &[i16]) -> Table {
        let n = key_deltas.len();
        let cap = (n + n / 3).next_power_of_two().max(16);
        let mut slots = vec![Slot::default(); cap];
        let mask = cap - 1;
        // The filter's bits are set as the keys go in (not by a pass over
        // the slots afterwards, which read the whole table again).
        let mut filter = vec![0u64; FILTER_BITS / 64];
        let mut key = 0u32;
        for (d, row) in key_deltas.iter().zip(weights.chunks_exact(N_STORED)) {
            key = key.wrapping_add(*d);
            let k = table_key(key.max(1));
            let row: &[i16; N_STORED] = row.try_into().expect("rows of N_STORED");
            let mut slot = home(k, mask);
            while slots[slot].tag != 0 && slots[slot].tag >> 4 != k {
                slot = (slot + 1) & mask;
            }
            let (w, shift) = if slots[slot].tag != 0 {
                // Two features share 28 key bits (rare): they act as one.
                let old = slots[slot];
                let mut sum = row.map(i32::from);
                for (r, w) in sum.iter_mut().zip(old.w) {
                    *r += i32::from(w) << (old.tag & 15);
                }
                encode_row(&sum)
            } else {
                encode_row16(row)
            };
            slots[slot] = Slot {
                tag: (k << 4) | shift,
                w,
            };
            let b = filter_bit(k);
            filter[b / 64] |= 1 << (b % 64);
        }
        Table {
            slots,
            mask,
            filter,
            len: n,
        }
    }

    /// Reads the home slot of every key of `keys` that passes the filter
    /// (slot 0 for the others, without a branch) and returns their tags
    /// mixed: the loads are independent, so their cache misses overlap,
    /// and the probes of [`Table::add`] that follow find the lines in the
    /// cache. The result means nothing; it only keeps the loads.
    #[inline]
    fn touch(&self, keys: impl Iterator<Item = u64>) -> u32 {
        let mut x = 0u32;
        for key in keys {
            let k = table_key(short_key(key));
            let b = filter_bit(k);
            let pass = (self.filter[b / 64] >> (b % 64)) & 1;
            let slot = home(k, self.mask) & (pass as usize).wrapping_neg();
            x ^= self.slots[slot].tag;
        }
        x
    }

    #[inline]
    fn add(&self, key: u64, acc: &mut [i32; N_STORED]) {
        let k = table_key(short_key(key));
        let b = filter_bit(k);
        if self.filter[b / 64] & (1 << (b % 64)) == 0 {
            return;
        }
        let mut slot = home(k, self.mask);
        loop {
            let s = &self.slots[slot];
            if s.tag >> 4 == k {
                let shift = s.tag & 15;
                for (a, w) in acc.iter_mut().zip(&s.w) {
                    *a += i32::from(*w) << shift;
                }
                return;
            }
            if s.tag == 0 {
                return;
            }
            slot = (slot + 1) & self.mask;
        }
    }
}

/// Runtime weights of one language.
#[derive(Debug, Clone)]
pub struct LangWeights {
    pub lang: String,
    shared: Table,
    profile_table: Table,
    pub profiles: Vec<String>,
    pub transitions: [[i32; N_TAGS]; N_TAGS + 1],
    pub scale: f32,
}

/// The key of feature `key` in profile number `profile` (1-based).
#[inline]
pub fn profile_key(key: u64, profile: u16) -> u64 {
    let x = (key ^ (u64::from(profile) << 48)).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    x ^ (x >> 32)
}

#[inline]
pub fn short_key(key: u64) -> u32 {
    // 0 marks an empty slot.
    ((key >> 32) as u32).max(1)
}

#[inline]
fn home(k: u32, mask: usize) -> usize {
    (k.wrapping_mul(0x9E37_79B1) >> 7) as usize & mask
}

impl LangWeights {
    pub fn from_file(f: &LangWeightsFile) -> LangWeights {
        let mut transitions = [[0i32; N_TAGS]; N_TAGS + 1];
        for (p, row) in transitions.iter_mut().enumerate() {
            row.copy_from_slice(&f.transitions[p * N_TAGS..(p + 1) * N_TAGS]);
        }
        LangWeights {
            lang: f.lang.clone(),
            shared: Table::new(&f.key_deltas, &f.weights),
            profile_table: Table::new(&f.profile_key_deltas, &f.profile_weights),
            profiles: f.profiles.clone(),
            transitions,
            scale: f.scale,
        }
    }

    /// Emission scores of one token: the sum of its features' rows (`O` is 0).
    #[inline]
    pub fn emissions(&self, keys: &[u64], out: &mut [i32; N_TAGS]) {
        let mut acc = [0i32; N_STORED];
        for &k in keys {
            self.shared.add(k, &mut acc);
        }
        out[0] = 0;
        out[1..].copy_from_slice(&acc);
    }

    /// Emissions with a profile: each key also in its profile form.
    #[inline]
    pub fn emissions_profiled(&self, keys: &[u64], profile: u16, out: &mut [i32; N_TAGS]) {
        let mut acc = [0i32; N_STORED];
        for &k in keys {
            self.shared.add(k, &mut acc);
            self.profile_table.add(profile_key(k, profile), &mut acc);
        }
        out[0] = 0;
        out[1..].copy_from_slice(&acc);
    }

    /// Adds the rows of `keys` (and, with a profile, their profile rows) to
    /// `acc`: the emission of `keys` without the zero `O` column. Integer
    /// sums, so any split of a token's keys adds up to the same emission.
    #[inline]
    pub fn add_keys(&self, keys: &[u64], profile: Option<u16>, acc: &mut [i32; N_STORED]) {
        match profile {
            None => {
                for &k in keys {
                    self.shared.add(k, acc);
                }
            }
            Some(p) => {
                for &k in keys {
                    self.shared.add(k, acc);
                    self.profile_table.add(profile_key(k, p), acc);
                }
            }
        }
    }

    /// Brings the table lines that [`LangWeights::add_keys`] will read for
    /// `keys` into the cache ahead of it, all at once (see `Table::touch`).
    /// Changes no sum; only speed.
    #[inline]
    pub fn touch_keys(&self, keys: &[u64], profile: Option<u16>) {
        let mut x = self.shared.touch(keys.iter().copied());
        if let Some(p) = profile {
            x ^= self.profile_table.touch(keys.iter().map(|&k| profile_key(k, p)));
        }
        std::hint::black_box(x);
    }

    /// 1-based number of the profile `name`, if this model has it.
    pub fn profile_id(&self, name: &str) -> Option<u16> {
        self.profiles
            .iter()
            .position(|p| p == name)
            .map(|i| i as u16 + 1)
    }

    /// The profile of text without case ([`crate::train::CASELESS_PROFILE`]),
    /// if these weights have one.
    pub fn caseless_profile(&self) -> Option<u16> {
        self.profile_id(crate::train::CASELESS_PROFILE)
    }

    /// Number of (shared, profile) features.
    pub fn n_features(&self) -> (usize, usize) {
        (self.shared.len, self.profile_table.len)
    }
}

/// Tags that close an entity or are outside one: a legal predecessor of
/// `O`, B and U (and the only legal last tags).
const CLOSED: [u8; 7] = [0, 3, 4, 7, 8, 11, 12];
/// Tags that may follow a closed tag.
const OPENERS: [u8; 7] = [0, 1, 4, 5, 8, 9, 12];

/// Legal predecessors (`preds[t]`) and successors (`succs[p]`) of each tag,
/// in increasing order (the reference Viterbi walks them; the tests check
/// them against [`allowed`] and the unrolled [`viterbi`] against it).
#[cfg(test)]
struct Legal {
    preds: [&'static [u8]; N_TAGS],
    succs: [&'static [u8]; N_TAGS],
}

#[cfg(test)]
const fn pair_of(label: usize) -> &'static [u8] {
    match label {
        0 => &[1, 2],
        1 => &[5, 6],
        _ => &[9, 10],
    }
}

#[cfg(test)]
const fn continuations_of(label: usize) -> &'static [u8] {
    match label {
        0 => &[2, 3],
        1 => &[6, 7],
        _ => &[10, 11],
    }
}

#[cfg(test)]
const LEGAL: Legal = {
    let mut preds: [&'static [u8]; N_TAGS] = [&CLOSED; N_TAGS];
    let mut succs: [&'static [u8]; N_TAGS] = [&OPENERS; N_TAGS];
    let mut label = 0;
    while label < 3 {
        // I and L follow B or I of their label; B and I lead only to I or L.
        preds[2 + 4 * label] = pair_of(label);
        preds[3 + 4 * label] = pair_of(label);
        succs[1 + 4 * label] = continuations_of(label);
        succs[2 + 4 * label] = continuations_of(label);
        label += 1;
    }
    Legal { preds, succs }
};

/// Reusable buffers of [`viterbi`].
#[derive(Debug, Default, Clone)]
pub struct ViterbiScratch {
    back: Vec<[u8; N_TAGS]>,
    deltas: Vec<[i64; N_TAGS]>,
}

/// Viterbi over BILOU tags with illegal transitions forbidden (and no
/// entity left open at the end). `emis` holds `N_TAGS` scores per token;
/// `allowed_mask` optionally restricts each token
/// to a bit set of tags (partial labels in training). Writes the best tags to
/// `tags` and, per token, the margin of the chosen tag over the best
/// alternative at that position (used for confidence scores) to `margins`;
/// margins are computed from the first token not tagged `O` on (those
/// before it get 0: the stage reads the margins of entity tokens only).
///
/// The legal pairs have two shapes, unrolled here over fixed arrays: a tag
/// that opens or is outside an entity (`OPENERS`) follows any closed tag
/// (`CLOSED`); I and L of a label follow that label's B or I.
pub fn viterbi(
    emis: &[[i32; N_TAGS]],
    trans: &[[i32; N_TAGS]; N_TAGS + 1],
    allowed_mask: Option<&[u16]>,
    tags: &mut Vec<usize>,
    margins: &mut Vec<i32>,
    vs: &mut ViterbiScratch,
) {
    let n = emis.len();
    tags.clear();
    margins.clear();
    vs.back.clear();
    vs.deltas.clear();
    if n == 0 {
        return;
    }
    // Impossible scores stay far below any reachable one, and adding two of
    // them cannot overflow.
    const NEG: i64 = i64::MIN / 4;
    let tr = |p: u8, t: u8| i64::from(trans[p as usize][t as usize]);
    let ok = |i: usize, t: usize| allowed_mask.is_none_or(|m| m[i] & (1 << t) != 0);
    /// Best predecessor of `t` among `preds` (the first of equals).
    #[inline(always)]
    fn best_of<const K: usize>(
        delta: &[i64; N_TAGS],
        trans: &[[i32; N_TAGS]; N_TAGS + 1],
        preds: &[u8; K],
        t: u8,
    ) -> (i64, u8) {
        let mut best = NEG;
        let mut arg = 0u8;
        for &p in preds {
            let v = delta[p as usize] + i64::from(trans[p as usize][t as usize]);
            if v > best {
                best = v;
                arg = p;
            }
        }
        (best, arg)
    }
    let mut delta = [NEG; N_TAGS];
    for t in 0..N_TAGS {
        if ok(0, t) {
            let start = if OPENERS.contains(&(t as u8)) {
                tr(START as u8, t as u8)
            } else {
                NEG
            };
            delta[t] = (i64::from(emis[0][t]) + start).max(NEG);
        }
    }
    vs.back.push([0; N_TAGS]);
    vs.deltas.push(delta);
    for (i, e) in emis.iter().enumerate().skip(1) {
        let mut next = [NEG; N_TAGS];
        let mut bp = [0u8; N_TAGS];
        let mut set = |t: u8, (best, arg): (i64, u8)| {
            let t = t as usize;
            if best > NEG / 2 && ok(i, t) {
                next[t] = (best + i64::from(e[t])).max(NEG);
                bp[t] = arg;
            }
        };
        for t in OPENERS {
            set(t, best_of(&delta, trans, &CLOSED, t));
        }
        for label in 0..LABELS.len() as u8 {
            let (b, inside, last) = (1 + 4 * label, 2 + 4 * label, 3 + 4 * label);
            set(inside, best_of(&delta, trans, &[b, inside], inside));
            set(last, best_of(&delta, trans, &[b, inside], last));
        }
        delta = next;
        vs.back.push(bp);
        vs.deltas.push(delta);
    }
    // The sentence may not end inside an entity.
    for (t, d) in delta.iter_mut().enumerate() {
        if is_open(t) {
            *d = NEG;
        }
    }
    let mut best = 0usize;
    for t in 0..N_TAGS {
        if delta[t] > delta[best] {
            best = t;
        }
    }
    tags.resize(n, 0);
    tags[n - 1] = best;
    for i in (1..n).rev() {
        tags[i - 1] = vs.back[i][tags[i]] as usize;
    }
    // Max-marginals: the best complete path through (i, t) is the forward
    // score (`deltas`) plus the best continuation (backward pass). The margin
    // of a token is how much the best path beats the best path that gives
    // the token any other tag; it is never negative.
    let best_score = delta[best];
    let mut beta: [i64; N_TAGS] = std::array::from_fn(|t| if is_open(t) { NEG } else { 0 });
    margins.resize(n, 0);
    // Only entity tokens need a margin: the backward pass stops at the
    // first one (the tokens before it keep 0).
    let first_entity = tags.iter().position(|&t| t != 0).unwrap_or(n);
    for i in (first_entity..n).rev() {
        let d = &vs.deltas[i];
        let mut alt = NEG;
        for t in 0..N_TAGS {
            if t != tags[i] && d[t] > NEG / 2 && beta[t] > NEG / 2 {
                alt = alt.max(d[t] + beta[t]);
            }
        }
        margins[i] = if alt < NEG / 2 {
            i32::MAX
        } else {
            (best_score - alt).clamp(0, i64::from(i32::MAX)) as i32
        };
        if i > first_entity {
            let e = &emis[i];
            // Emission plus continuation of each reachable tag at i.
            let onward: [Option<i64>; N_TAGS] = std::array::from_fn(|t| {
                (beta[t] > NEG / 2 && ok(i, t)).then(|| i64::from(e[t]) + beta[t])
            });
            let best_next = |p: u8, succs: &[u8]| {
                let mut b = NEG;
                for &t in succs {
                    if let Some(x) = onward[t as usize] {
                        b = b.max(tr(p, t) + x);
                    }
                }
                b.max(NEG)
            };
            let mut prev_beta = [NEG; N_TAGS];
            for p in CLOSED {
                prev_beta[p as usize] = best_next(p, &OPENERS);
            }
            for label in 0..LABELS.len() as u8 {
                let (b, inside, last) = (1 + 4 * label, 2 + 4 * label, 3 + 4 * label);
                prev_beta[b as usize] = best_next(b, &[inside, last]);
                prev_beta[inside as usize] = best_next(inside, &[inside, last]);
            }
            beta = prev_beta;
        }
    }
}

/// The first, plain form of [`viterbi`] (walks the legal-pair lists);
/// the tests check that the unrolled one gives the same tags and margins.
#[cfg(test)]
fn viterbi_reference(
    emis: &[[i32; N_TAGS]],
    trans: &[[i32; N_TAGS]; N_TAGS + 1],
    allowed_mask: Option<&[u16]>,
    tags: &mut Vec<usize>,
    margins: &mut Vec<i32>,
    vs: &mut ViterbiScratch,
) {
    let n = emis.len();
    tags.clear();
    margins.clear();
    vs.back.clear();
    vs.deltas.clear();
    if n == 0 {
        return;
    }
    // Impossible scores stay far below any reachable one, and adding two of
    // them cannot overflow.
    const NEG: i64 = i64::MIN / 4;
    let mut tm = [[NEG; N_TAGS]; N_TAGS + 1];
    for p in 0..=N_TAGS {
        for t in 0..N_TAGS {
            if allowed(p, t) {
                tm[p][t] = i64::from(trans[p][t]);
            }
        }
    }
    let ok = |i: usize, t: usize| allowed_mask.is_none_or(|m| m[i] & (1 << t) != 0);
    // Legal predecessors and successors of each tag: under BILOU most pairs
    // are illegal, so the loops visit 61 of the 169 pairs.
    let (preds, succs) = (&LEGAL.preds, &LEGAL.succs);
    let mut delta = [NEG; N_TAGS];
    for t in 0..N_TAGS {
        if ok(0, t) {
            delta[t] = (i64::from(emis[0][t]) + tm[START][t]).max(NEG);
        }
    }
    vs.back.push([0; N_TAGS]);
    vs.deltas.push(delta);
    for (i, e) in emis.iter().enumerate().skip(1) {
        let mut next = [NEG; N_TAGS];
        let mut bp = [0u8; N_TAGS];
        for t in 0..N_TAGS {
            let mut best = NEG;
            let mut arg = 0u8;
            for &p in preds[t] {
                let v = delta[p as usize] + tm[p as usize][t];
                if v > best {
                    best = v;
                    arg = p;
                }
            }
            if best > NEG / 2 && ok(i, t) {
                next[t] = (best + i64::from(e[t])).max(NEG);
                bp[t] = arg;
            }
        }
        delta = next;
        vs.back.push(bp);
        vs.deltas.push(delta);
    }
    // The sentence may not end inside an entity.
    for (t, d) in delta.iter_mut().enumerate() {
        if is_open(t) {
            *d = NEG;
        }
    }
    let mut best = 0usize;
    for t in 0..N_TAGS {
        if delta[t] > delta[best] {
            best = t;
        }
    }
    tags.resize(n, 0);
    tags[n - 1] = best;
    for i in (1..n).rev() {
        tags[i - 1] = vs.back[i][tags[i]] as usize;
    }
    // Max-marginals: the best complete path through (i, t) is the forward
    // score (`deltas`) plus the best continuation (backward pass). The margin
    // of a token is how much the best path beats the best path that gives
    // the token any other tag; it is never negative.
    let best_score = delta[best];
    let mut beta: [i64; N_TAGS] = std::array::from_fn(|t| if is_open(t) { NEG } else { 0 });
    margins.resize(n, 0);
    for i in (0..n).rev() {
        let d = &vs.deltas[i];
        let mut alt = NEG;
        for t in 0..N_TAGS {
            if t != tags[i] && d[t] > NEG / 2 && beta[t] > NEG / 2 {
                alt = alt.max(d[t] + beta[t]);
            }
        }
        margins[i] = if alt < NEG / 2 {
            i32::MAX
        } else {
            (best_score - alt).clamp(0, i64::from(i32::MAX)) as i32
        };
        if i > 0 {
            let e = &emis[i];
            let mut prev_beta = [NEG; N_TAGS];
            for p in 0..N_TAGS {
                let mut b = NEG;
                for &t in succs[p] {
                    let t = t as usize;
                    if beta[t] > NEG / 2 && ok(i, t) {
                        b = b.max(tm[p][t] + i64::from(e[t]) + beta[t]);
                    }
                }
                prev_beta[p] = b.max(NEG);
            }
            beta = prev_beta;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_entity_walks_entities_and_stray_inside_tags() {
        // O B-PER I-PER O I-LOC B-ORG B-ORG I-ORG
        let tags = [0, 1, 2, 0, 6, 3, 3, 4];
        let mut at = 0;
        let mut found = Vec::new();
        while let Some((i, j, label)) = next_entity(&tags, at) {
            found.push((i, j, label));
            at = j;
        }
        assert_eq!(found, [(1, 3, 0), (4, 5, 2), (5, 6, 1), (6, 8, 1)]);
        assert_eq!(next_entity(&tags, 8), None);
        assert_eq!(next_entity(&tags, 99), None);
    }

    const B_PER: usize = 1;
    const I_PER: usize = 2;
    const L_PER: usize = 3;
    const U_PER: usize = 4;
    const I_ORG: usize = 6;

    #[test]
    fn bilou_constraints() {
        assert!(allowed(START, B_PER) && allowed(START, U_PER) && allowed(START, 0));
        assert!(!allowed(START, I_PER) && !allowed(START, L_PER));
        assert!(allowed(B_PER, I_PER) && allowed(B_PER, L_PER) && allowed(I_PER, L_PER));
        assert!(!allowed(B_PER, 0) && !allowed(B_PER, I_ORG) && !allowed(B_PER, U_PER));
        assert!(allowed(L_PER, B_PER) && allowed(U_PER, U_PER) && !allowed(U_PER, I_PER));
        assert_eq!(tag_label(6), Some(2));
        assert_eq!(tag_index("I-ORG"), Some(4));
    }

    /// A small model with rows of every kind: rounded to the table's
    /// precision (stored as i8), not rounded, at the i16 limits.
    fn small_model() -> ModelFile {
        let mut weights: Vec<i16> = (0..3 * N_STORED as i32).map(|x| ((x * 977) % 6001 - 3000) as i16).collect();
        round_to_table_precision(&mut weights[..2 * N_STORED]);
        weights[2 * N_STORED..].copy_from_slice(&[i16::MIN, i16::MAX, 1, -1, 3, 5, 7, 0, 0, 255, -256, 1001]);
        let lang = LangWeightsFile {
            lang: "id".into(),
            key_deltas: vec![7, 1 << 30, 3],
            weights,
            transitions: (0..(N_TAGS + 1) * N_TAGS).map(|x| x as i32 * 1_000_003 - 90_000_000).collect(),
            scale: 0.0123,
            profiles: vec!["nergrit".into(), "caseless".into()],
            profile_key_deltas: vec![u32::MAX],
            profile_weights: vec![-5; N_STORED],
        };
        ModelFile::new(
            vec![lang.clone(), LangWeightsFile { lang: "en".into(), ..lang }],
            vec!["jakarta".into(), "élysée".into(), String::new()],
            vec![[1, 2, 3, 4], [u16::MAX; 4], [0; 4]],
            "notes: ünïcode".into(),
        )
    }

    #[test]
    fn the_file_form_reads_back_exactly() {
        let m = small_model();
        let back = ModelFile::from_bytes(&m.to_bytes()).expect("reads back");
        assert_eq!(back, m);
        assert_eq!(back.langs[0].scale.to_bits(), m.langs[0].scale.to_bits());
    }

    /// Files of version 2 (bincode 2 of `ModelFile`) still read, as the
    /// same model.
    #[test]
    fn version_2_files_still_read() {
        let m = small_model();
        let v2 = ModelFile { version: 2, ..m.clone() };
        let raw = bincode::serde::encode_to_vec(&v2, bincode::config::standard()).expect("encodes");
        let bytes = zstd::bulk::compress(&raw, 3).expect("compresses");
        assert_eq!(ModelFile::from_bytes(&bytes).expect("a version 2 file reads"), m);
        let v1 = ModelFile { version: 1, ..m };
        let raw = bincode::serde::encode_to_vec(&v1, bincode::config::standard()).expect("encodes");
        let err = ModelFile::from_bytes(&zstd::bulk::compress(&raw, 3).expect("compresses")).unwrap_err();
        assert!(err.contains("version 1"), "{err}");
    }

    /// Every cut of the file form, and any byte of it changed, gives an
    /// error or a model, never a panic; a cut never reads as a model.
    #[test]
    fn cut_or_changed_files_are_refused_without_a_panic() {
        let m = small_model();
        let raw = zstd::bulk::decompress(&m.to_bytes(), MAX_MODEL_BYTES).expect("decompresses");
        for cut in 0..raw.len() {
            let bytes = zstd::bulk::compress(&raw[..cut], 1).expect("compresses");
            assert!(ModelFile::from_bytes(&bytes).is_err(), "cut at {cut}");
        }
        let mut longer = raw.clone();
        longer.push(0);
        let err = ModelFile::from_bytes(&zstd::bulk::compress(&longer, 1).expect("compresses")).unwrap_err();
        assert!(err.contains("after its end"), "{err}");
        for at in 0..raw.len() {
            for x in [0x00, 0xFF, 0x80, 0x0F] {
                let mut changed = raw.clone();
                changed[at] ^= x;
                let _ = ModelFile::from_bytes(&zstd::bulk::compress(&changed, 1).expect("compresses"));
            }
        }
        let mut other = raw.clone();
        other[FORMAT.len()] = 4;
        let err = ModelFile::from_bytes(&zstd::bulk::compress(&other, 1).expect("compresses")).unwrap_err();
        assert!(err.contains("version 4"), "{err}");
    }

    #[test]
    fn row_shift_is_the_smallest_that_fits() {
        let by_loop = |max: u32| {
            let mut shift = 0u32;
            while (max + (1 << shift >> 1)) >> shift > 127 && shift < 15 {
                shift += 1;
            }
            shift
        };
        let far = (0..=(1u32 << 31)).step_by(9_973);
        for max in (0..=(1 << 23)).chain(far).chain([u32::MAX >> 1, (1 << 31) + 7]) {
            assert_eq!(row_shift(max), by_loop(max), "{max}");
        }
    }

    #[test]
    fn integer_scaling_equals_float_rounding() {
        let float = |x: i32, shift: u32| (f64::from(x) / f64::from(1u32 << shift)).round().clamp(-127.0, 127.0) as i8;
        for shift in 0..16 {
            // Every value near zero, then rows summed from shifted weights
            // (up to 2^25), in steps that land on every rounding phase.
            let far = (-(1 << 25)..=(1 << 25)).step_by(4_099);
            for x in (-70_000..=70_000).chain(far).chain([i32::MIN, i32::MIN + 1, i32::MAX]) {
                assert_eq!(scale_down(x, shift), float(x, shift), "{x} >> {shift}");
            }
        }
    }

    #[test]
    fn rows_rounded_for_the_file_load_into_the_same_table_rows() {
        // Random rows of every magnitude (a fixed xorshift sequence).
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let mut rows: Vec<i16> = Vec::new();
        for r in 0..2000 {
            let bits = 2 + r % 14;
            for _ in 0..N_STORED {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                rows.push(((x % (1 << bits)) as i32 - (1 << (bits - 1))) as i16);
            }
        }
        rows[..N_STORED]
            .copy_from_slice(&[32767, -32767, 0, 1, -1, 64, 127, 128, 255, 256, 511, 9]);
        let mut rounded = rows.clone();
        round_to_table_precision(&mut rounded);
        for (a, b) in rows.chunks(N_STORED).zip(rounded.chunks(N_STORED)) {
            let a: [i32; N_STORED] = std::array::from_fn(|t| i32::from(a[t]));
            let b: [i32; N_STORED] = std::array::from_fn(|t| i32::from(b[t]));
            assert_eq!(encode_row(&a), encode_row(&b), "{a:?}");
        }
        let mut again = rounded.clone();
        round_to_table_precision(&mut again);
        assert_eq!(again, rounded);
    }

    #[test]
    fn encode_row16_equals_encode_row() {
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let edges = [i16::MIN, i16::MIN + 1, -32767, -16384, -255, -128, -127, -1, 0, 1, 127, 128, 255, 16383, 32767];
        for r in 0..200_000u32 {
            let bits = 1 + r % 16;
            let row: [i16; N_STORED] = std::array::from_fn(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                if x.is_multiple_of(7) {
                    edges[(x >> 8) as usize % edges.len()]
                } else {
                    ((x >> 16) as i64 % (1i64 << bits)) as i16
                }
            });
            assert_eq!(encode_row16(&row), encode_row(&row.map(i32::from)), "{row:?}");
        }
    }

    #[test]
    fn compact_rows_keep_seven_bits() {
        let row: [i32; N_STORED] = [32767, -32767, 1000, -3, 0, 255, 256, 127, -128, 5, 9, 17];
        let (w, shift) = encode_row(&row);
        assert_eq!(shift, 9);
        for (x, q) in row.iter().zip(w) {
            let back = i32::from(q) << shift;
            assert!((back - x).abs() <= 1 << (shift - 1), "{x} -> {back}");
        }
        let small = [3, -7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 127];
        assert_eq!(encode_row(&small), (small.map(|x| x as i8), 0));
        // Two features that share the table key act as one.
        let t = Table::new(&[0x10, 0x5], &[1; 2 * N_STORED]);
        let mut acc = [0; N_STORED];
        t.add(u64::from(0x10u32) << 32, &mut acc);
        assert_eq!(acc, [2; N_STORED]);
    }

    #[test]
    fn legal_pair_tables_match_allowed() {
        for p in 0..N_TAGS {
            for t in 0..N_TAGS {
                let listed = LEGAL.preds[t].contains(&(p as u8));
                assert_eq!(listed, allowed(p, t), "{p} -> {t}");
                assert_eq!(LEGAL.succs[p].contains(&(t as u8)), allowed(p, t));
            }
            assert_eq!(CLOSED.contains(&(p as u8)), !is_open(p));
            assert_eq!(OPENERS.contains(&(p as u8)), allowed(START, p));
        }
        let pairs: usize = LEGAL.preds.iter().map(|l| l.len()).sum();
        assert_eq!(pairs, 61);
    }

    #[test]
    fn bio_bilou_round_trip() {
        // O B-PER I-PER I-PER B-LOC O I-ORG I-ORG B-ORG
        let bio = [0, 1, 2, 2, 5, 0, 4, 4, 3];
        let mut bilou = Vec::new();
        to_bilou(&bio, &mut bilou);
        assert_eq!(bilou, vec![0, B_PER, I_PER, L_PER, 12, 0, 5, 7, 8]);
        let back: Vec<usize> = bilou.iter().map(|&t| to_bio(t)).collect();
        // A stray I- that starts an entity comes back as B-.
        assert_eq!(back, vec![0, 1, 2, 2, 5, 0, 3, 4, 3]);
        assert_eq!(bilou_mask(0b0001_1001, 0), 1 | (0b1111 << 5));
        assert_eq!(bilou_mask(1 << 1, U_PER), 1 << U_PER);
    }

    #[test]
    fn unrolled_viterbi_matches_the_reference() {
        let mut state = 99u64;
        let mut next = |m: i64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) as i64 % (2 * m + 1)) - m
        };
        let (mut t1, mut m1, mut v1) = (Vec::new(), Vec::new(), ViterbiScratch::default());
        let (mut t2, mut m2, mut v2) = (Vec::new(), Vec::new(), ViterbiScratch::default());
        for round in 0..3000 {
            let n = (next(6) + 6) as usize;
            // Small ranges give many ties (tie-breaking must agree too).
            let range = if round % 2 == 0 { 3 } else { 1 << 20 };
            let emis: Vec<[i32; N_TAGS]> = (0..n)
                .map(|_| std::array::from_fn(|_| next(range) as i32))
                .collect();
            let mut trans = [[0i32; N_TAGS]; N_TAGS + 1];
            for row in &mut trans {
                for x in row.iter_mut() {
                    *x = next(range) as i32;
                }
            }
            let mask: Vec<u16> = (0..n).map(|_| (next(1 << 13) as u16) | 1).collect();
            let mask = (round % 3 == 0).then_some(mask.as_slice());
            viterbi(&emis, &trans, mask, &mut t1, &mut m1, &mut v1);
            viterbi_reference(&emis, &trans, mask, &mut t2, &mut m2, &mut v2);
            let first = t2.iter().position(|&t| t != 0).unwrap_or(n);
            assert_eq!(t1, t2, "round {round}");
            assert_eq!(m1[first..], m2[first..], "round {round}");
        }
    }

    #[test]
    fn viterbi_never_emits_illegal_sequences() {
        // Emissions that greedily would give O I-PER, and B-PER at the end.
        let mut emis = vec![[0; N_TAGS]; 3];
        emis[0][0] = 5;
        emis[1][I_PER] = 9;
        emis[2][B_PER] = 9;
        let trans = [[0; N_TAGS]; N_TAGS + 1];
        let (mut tags, mut margins, mut back) = (Vec::new(), Vec::new(), ViterbiScratch::default());
        viterbi(&emis, &trans, None, &mut tags, &mut margins, &mut back);
        assert!(allowed(START, tags[0]) && allowed(tags[0], tags[1]) && allowed(tags[1], tags[2]));
        assert!(!is_open(tags[2]), "{tags:?}");
        viterbi(&[], &trans, None, &mut tags, &mut margins, &mut back);
        assert!(tags.is_empty());
    }

    #[test]
    fn margins_are_max_marginal_gaps() {
        let trans = [[0; N_TAGS]; N_TAGS + 1];
        let (mut tags, mut margins, mut back) = (Vec::new(), Vec::new(), ViterbiScratch::default());
        // Token 0: U-PER by 3 over O; token 1: O by 10 over anything else.
        let mut emis = vec![[0; N_TAGS]; 2];
        emis[0][U_PER] = 3;
        emis[1][0] = 10;
        viterbi(&emis, &trans, None, &mut tags, &mut margins, &mut back);
        assert_eq!(tags, vec![U_PER, 0]);
        assert_eq!(margins, vec![3, 10]);
        // A tie gives a zero margin.
        let mut emis = vec![[0; N_TAGS]; 1];
        emis[0][0] = 2;
        emis[0][U_PER] = 2;
        viterbi(&emis, &trans, None, &mut tags, &mut margins, &mut back);
        assert_eq!(margins, vec![0]);
        // Partial labels restrict the path.
        let mut emis = vec![[0; N_TAGS]; 1];
        emis[0][U_PER] = 9;
        viterbi(
            &emis,
            &trans,
            Some(&[1 | (1 << 8)]),
            &mut tags,
            &mut margins,
            &mut back,
        );
        assert_eq!(tags, vec![0]);
    }
}
