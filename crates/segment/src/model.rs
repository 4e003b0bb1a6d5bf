//! The learned boundary model: a linear scorer over hashed features of the
//! words around a candidate position, trained by this crate's own averaged
//! perceptron (`examples/train_boundary.rs`) and embedded in the binary.
//!
//! It answers two questions, each with its own model file, features and
//! threshold:
//! - **segmentation** (English, `segment-en.bin.zst`, its own table): at a
//!   gap between two words of one line that the rules leave inside a
//!   sentence, does a sentence end here? It adds the boundaries that
//!   punctuation does not mark (e-mail headers, signatures, list items);
//!   a few gap kinds are decided without scoring (lists of links, a link
//!   after a sentence end, [`GapContext::forced_boundary`]). The gap scan
//!   tests eight bytes at a time, so most gaps (before lowercase words) cost
//!   no call;
//! - **repair** (Indonesian, English, `boundary-{id,en}.bin.zst`): is the full
//!   stop at this position one that a scraper inserted inside a sentence?
//!
//! Features are hashed into tables of `1 << 16` weights, so the scorer
//! allocates nothing per candidate. The model files are bincode 2 + zstd,
//! decoded once into a `OnceLock`.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::lang::{Lang, LangRules};

/// log2 of the number of weights per language.
pub const TABLE_BITS: u32 = 16;
const MASK: u64 = (1 << TABLE_BITS) - 1;
/// Format version of a model file with one threshold for texts with a sure
/// spurious stop (the English file).
pub const MODEL_VERSION: u32 = 2;
/// Format version of a model file that adds, after version 2's fields, its
/// own threshold for the stops before a lowercase word in such texts (the
/// Indonesian file since session 6).
pub const MODEL_VERSION_SPLIT: u32 = 3;
/// The most features any candidate has (Indonesian before a capitalised
/// word: 35).
pub const MAX_FEATURES: usize = 36;

const MODEL_EN: &[u8] = include_bytes!("../model/boundary-en.bin.zst");
const MODEL_ID: &[u8] = include_bytes!("../model/boundary-id.bin.zst");
const SEGMENT_MODEL_EN: &[u8] = include_bytes!("../model/segment-en.bin.zst");

/// log2 of the number of weights of a segmentation model (its own table:
/// retraining it leaves the repair weights as they are).
pub const SEGMENT_TABLE_BITS: u32 = 16;
const SEGMENT_MASK: u64 = (1 << SEGMENT_TABLE_BITS) - 1;
/// Format version written into every segmentation model file.
pub const SEGMENT_MODEL_VERSION: u32 = 1;

/// The stored form of a segmentation model (English): a threshold and the
/// non-zero weights of its own hashed table.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StoredSegmentModel {
    pub version: u32,
    pub lang: String,
    /// A gap becomes a sentence boundary when its score exceeds this.
    pub threshold: f32,
    /// (slot, weight), sorted by slot.
    pub weights: Vec<(u32, f32)>,
}

/// A segmentation model ready to score: a dense weight table.
#[derive(Debug)]
pub struct SegmentModel {
    /// (A fixed-size table: a masked slot needs no bounds check.)
    pub(crate) table: Box<[f32; 1 << SEGMENT_TABLE_BITS]>,
    pub(crate) threshold: f32,
}

impl SegmentModel {
    /// Builds a dense model from its stored form.
    pub fn from_stored(m: &StoredSegmentModel) -> SegmentModel {
        let mut table = Box::new([0f32; 1 << SEGMENT_TABLE_BITS]);
        for &(slot, w) in &m.weights {
            if let Some(t) = table.get_mut(slot as usize) {
                *t = w;
            }
        }
        SegmentModel { table, threshold: m.threshold }
    }

    /// Decodes a segmentation model file; `None` when the bytes are empty
    /// or not a model of this version.
    pub fn decode(bytes: &[u8]) -> Option<StoredSegmentModel> {
        decode_file::<StoredSegmentModel>(bytes).filter(|m| m.version == SEGMENT_MODEL_VERSION)
    }

    /// Encodes a stored segmentation model as a model file.
    pub fn encode(m: &StoredSegmentModel) -> Vec<u8> {
        encode_file(m)
    }

    #[inline]
    pub(crate) fn score(&self, feats: &Features) -> f32 {
        feats.slots().iter().map(|&s| self.table[s as usize & SEGMENT_MASK as usize]).sum()
    }
}

/// The embedded segmentation model of a language (English only), decoded on
/// first use.
pub(crate) fn embedded_segmenter(lang: Lang) -> Option<&'static SegmentModel> {
    static EN: OnceLock<Option<SegmentModel>> = OnceLock::new();
    match lang {
        Lang::English => EN.get_or_init(|| SegmentModel::decode(SEGMENT_MODEL_EN).map(|m| SegmentModel::from_stored(&m))).as_ref(),
        _ => None,
    }
}

/// The stored form of a model: its non-zero weights and its thresholds.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StoredModel {
    pub version: u32,
    pub lang: String,
    /// The segmentation threshold and flag of format version 2 (session 2):
    /// segmentation now has its own file and table (`segment-en.bin.zst`,
    /// [`StoredSegmentModel`]), so these are not read; the repair weights of
    /// `boundary-en.bin.zst` still share slots with that older segmentation
    /// model's weights, as they were trained.
    pub segment_threshold: f32,
    pub segment_enabled: bool,
    /// A full stop is repaired when its score exceeds this, near a sure
    /// spurious stop the rules found (Indonesian: within 2 KB; English: in
    /// the same text)...
    pub repair_threshold: f32,
    /// ... and this one where they did not (stricter: clean text must keep
    /// its stops).
    pub repair_threshold_ungated: f32,
    pub repair_enabled: bool,
    /// (slot, weight), sorted by slot.
    pub weights: Vec<(u32, f32)>,
    /// In a text with a sure spurious stop, the threshold of the stops
    /// before a lowercase word, when it differs from `repair_threshold`
    /// (which then serves the stops before a capitalised word): written
    /// after the other fields, as format version 3.
    #[serde(skip)]
    pub repair_threshold_lowercase: Option<f32>,
}

/// Format version 3: version 2's fields, then the lowercase threshold.
#[derive(Serialize, Deserialize)]
struct StoredModelSplit {
    model: StoredModel,
    repair_threshold_lowercase: f32,
}

/// A model ready to score: a dense weight table.
#[derive(Debug)]
pub struct BoundaryModel {
    /// (A fixed-size table: a masked slot needs no bounds check.)
    pub(crate) table: Box<[f32; 1 << TABLE_BITS]>,
    pub(crate) repair_threshold: f32,
    pub(crate) repair_threshold_lowercase: f32,
    pub(crate) repair_threshold_ungated: f32,
    pub(crate) repair_enabled: bool,
}

impl BoundaryModel {
    /// Builds a dense model from its stored form.
    pub fn from_stored(m: &StoredModel) -> BoundaryModel {
        let mut table = Box::new([0f32; 1 << TABLE_BITS]);
        for &(slot, w) in &m.weights {
            if let Some(t) = table.get_mut(slot as usize) {
                *t = w;
            }
        }
        BoundaryModel {
            table,
            repair_threshold: m.repair_threshold,
            repair_threshold_lowercase: m.repair_threshold_lowercase.unwrap_or(m.repair_threshold),
            repair_threshold_ungated: m.repair_threshold_ungated,
            repair_enabled: m.repair_enabled,
        }
    }

    /// Decodes a model file (zstd-compressed bincode); `None` when the bytes
    /// are empty or not a model of this version.
    pub fn decode(bytes: &[u8]) -> Option<StoredModel> {
        if bytes.is_empty() {
            return None;
        }
        let raw = decompress(bytes)?;
        let m = decode_raw::<StoredModel>(&raw)?;
        match m.version {
            MODEL_VERSION => Some(m),
            MODEL_VERSION_SPLIT => decode_raw::<StoredModelSplit>(&raw)
                .map(|s| StoredModel { repair_threshold_lowercase: Some(s.repair_threshold_lowercase), ..s.model }),
            _ => None,
        }
    }

    /// Encodes a stored model as a model file (version 3 when it has a
    /// lowercase threshold of its own, else version 2, as `m` says).
    pub fn encode(m: &StoredModel) -> Vec<u8> {
        match m.repair_threshold_lowercase {
            Some(t) => encode_file(&StoredModelSplit {
                model: StoredModel { version: MODEL_VERSION_SPLIT, ..m.clone() },
                repair_threshold_lowercase: t,
            }),
            None => encode_file(m),
        }
    }

    #[inline]
    pub(crate) fn score(&self, feats: &Features) -> f32 {
        // (Every slot is masked already: `Features::add_hashed`.)
        feats.slots().iter().map(|&s| self.table[s as usize & MASK as usize]).sum()
    }
}

/// The embedded model of a language, decoded on first use.
pub(crate) fn embedded(lang: Lang) -> Option<&'static BoundaryModel> {
    static EN: OnceLock<Option<BoundaryModel>> = OnceLock::new();
    static ID: OnceLock<Option<BoundaryModel>> = OnceLock::new();
    let (cell, bytes) = match lang {
        Lang::English => (&EN, MODEL_EN),
        Lang::Indonesian => (&ID, MODEL_ID),
        Lang::Generic => return None,
    };
    cell.get_or_init(|| BoundaryModel::decode(bytes).map(|m| BoundaryModel::from_stored(&m))).as_ref()
}

/// The hashed feature slots of one candidate.
#[derive(Debug, Clone)]
pub struct Features {
    slots: [u32; MAX_FEATURES],
    len: usize,
}

impl Default for Features {
    fn default() -> Self {
        Features { slots: [0; MAX_FEATURES], len: 0 }
    }
}

impl Features {
    pub fn slots(&self) -> &[u32] {
        &self.slots[..self.len]
    }

    fn clear(&mut self) {
        self.len = 0;
    }

    /// Adds the feature made of a template id and parts hashed by
    /// [`part_hash`] (so a part shared by many templates is hashed once).
    #[inline]
    fn add_hashed(&mut self, template: u8, parts: &[u64]) {
        if self.len >= MAX_FEATURES {
            return;
        }
        let mut h: u64 = 0x9e37_79b9_7f4a_7c15 ^ template as u64;
        for &p in parts {
            h = (h.rotate_left(23) ^ p).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        }
        h ^= h >> 31;
        h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
        h ^= h >> 29;
        self.slots[self.len] = (h & MASK) as u32;
        self.len += 1;
    }
}

/// FNV-1a over the ASCII-lowercased bytes of a part (its first 24 bytes).
/// (A `const fn`, so that the hashes of the common shapes and of one-byte
/// parts are computed at build time: [`shape_hash`], [`byte_hash`].)
#[inline]
const fn part_hash(part: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let n = if part.len() < 24 { part.len() } else { 24 };
    let mut i = 0;
    while i < n {
        h = (h ^ part[i].to_ascii_lowercase() as u64).wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    h ^ n as u64
}

/// [`part_hash`] of every one-byte part (buckets and flags), precomputed.
static BYTE_HASH: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = part_hash(&[b as u8]);
        b += 1;
    }
    t
};

/// [`part_hash`] of a one-byte part.
#[inline]
fn byte_hash(b: u8) -> u64 {
    BYTE_HASH[b as usize]
}

/// `part_hash(shape(word).bytes())`: the three shapes of most words ("Xx",
/// "x", "X": a word of ASCII letters, capitalised, lowercase or one capital)
/// from constants, without building the shape or hashing it (the features of
/// every English gap hash four shapes).
#[inline]
fn shape_hash(word: &str) -> u64 {
    const CAPITALISED: u64 = part_hash(b"Xx");
    const LOWER: u64 = part_hash(b"x");
    const CAPITAL: u64 = part_hash(b"X");
    let b = word.as_bytes();
    if let Some((&first, rest)) = b.split_first() {
        if crate::chars::all_ascii_lowercase(rest) {
            if first.is_ascii_lowercase() {
                return LOWER;
            }
            if first.is_ascii_uppercase() {
                return if rest.is_empty() { CAPITAL } else { CAPITALISED };
            }
        }
        // A word and one ASCII punctuation mark ("kata,", "Jakarta."), all
        // of it read by `shape` (16 chars at most): "x,", "Xx.", "X." built
        // here without the shape's loop.
        if let Some((&last, middle)) = rest.split_last() {
            if b.len() <= 16 && last.is_ascii_punctuation() && crate::chars::all_ascii_lowercase(middle) {
                if first.is_ascii_lowercase() {
                    return part_hash(&[b'x', last]);
                }
                if first.is_ascii_uppercase() {
                    return if middle.is_empty() { part_hash(&[b'X', last]) } else { part_hash(&[b'X', b'x', last]) };
                }
            }
        }
    }
    part_hash(shape(word).bytes())
}

/// The shape of a word: X for an uppercase letter, x lowercase, d digit,
/// ASCII punctuation as itself, o for anything else; runs collapsed, at
/// most 8 classes ("Jakarta" -> "Xx", "08/16/2000" -> "d/d/d").
pub(crate) fn shape(word: &str) -> Shape {
    let mut out = [0u8; 8];
    let mut n = 0;
    let bytes = word.as_bytes();
    let (mut i, mut chars) = (0, 0);
    while i < bytes.len() && chars < 16 {
        let b = bytes[i];
        // ASCII by table (the common case, no decoding), the rest by Unicode case.
        let k = if b < 0x80 {
            i += 1;
            ASCII_SHAPE[b as usize]
        } else {
            let Some(c) = word[i..].chars().next() else { break };
            i += c.len_utf8();
            if c.is_uppercase() {
                b'X'
            } else if c.is_lowercase() {
                b'x'
            } else {
                b'o'
            }
        };
        chars += 1;
        if n > 0 && out[n - 1] == k {
            continue;
        }
        if n == out.len() {
            break;
        }
        out[n] = k;
        n += 1;
    }
    Shape { buf: out, len: n }
}

/// The shape class of each ASCII character (see [`shape`]).
static ASCII_SHAPE: [u8; 128] = {
    let mut t = [b'o'; 128];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = if b.is_ascii_uppercase() {
            b'X'
        } else if b.is_ascii_lowercase() {
            b'x'
        } else if b.is_ascii_digit() {
            b'd'
        } else if b.is_ascii_punctuation() {
            b
        } else {
            b'o'
        };
        c += 1;
    }
    t
};

/// A word shape (see [`shape`]).
pub(crate) struct Shape {
    buf: [u8; 8],
    len: usize,
}

impl Shape {
    fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

/// The word without trailing punctuation and closers ("said." -> "said").
#[inline(always)]
pub(crate) fn core(word: &str) -> &str {
    // Most words end in an ASCII letter or digit: nothing to trim
    // (`trim_end_non_alnum` tests that inline).
    crate::chars::trim_end_non_alnum(word)
}

/// Trailing punctuation of a word, at most 4 bytes ("PM" -> "", "all:" -> ":").
fn tail(word: &str) -> &[u8] {
    let c = core(word);
    let t = &word.as_bytes()[c.len()..];
    &t[..t.len().min(4)]
}

fn bucket(n: usize) -> u8 {
    match n {
        0 => 0,
        1 => 1,
        2 => 2,
        3..=4 => 3,
        5..=8 => 4,
        9..=16 => 5,
        17..=32 => 6,
        _ => 7,
    }
}

/// What the segmentation scorer sees at a gap between `prev` and `next`.
#[derive(Debug, Clone, Copy, Default)]
pub struct GapContext<'t> {
    pub prev2: &'t str,
    pub prev: &'t str,
    pub next: &'t str,
    pub next2: &'t str,
    /// Words (estimated from bytes) since the start of the line, since the
    /// last rule boundary, to the end of the line.
    pub from_line_start: usize,
    pub from_boundary: usize,
    pub to_line_end: usize,
    /// The line ends in sentence punctuation.
    pub line_punctuated: bool,
    /// The word before / after the gap is a link or an e-mail address.
    pub prev_link: bool,
    pub next_link: bool,
    /// A link follows a word that ends in sentence punctuation after a
    /// letter, closers allowed ("… communities.\" http://…", "… say... http://…").
    pub stop_before_link: bool,
    /// A file name before a detached dash in a list of attachments ("-
    /// redvepco.doc - SAMPLE.DOC"): the line has a dash item before it, or a
    /// file name follows the dash.
    pub file_before_dash: bool,
    /// A rule of four or more dashes, equals signs, stars, tildes or hashes
    /// before a capitalised word ("----- Original Message", "***** Note").
    pub rule_line_before_capital: bool,
    /// A typed rule follows the gap ("… Kyle =========").
    pub rule_line_after: bool,
    /// A sign-off, a first name, then a sentence starter or the name again
    /// ("Thanks, Sean Here you go", "Sincerely, Traci Traci Warner").
    pub signoff_name: bool,
    /// "Thank you, | Mr. Chair", "Thanks, | Madam Speaker": a form of
    /// address after thanks, never a boundary.
    pub thanks_before_title: bool,
}

impl GapContext<'_> {
    /// A gap the model stage ends a sentence at without scoring:
    /// - two links in a row ("…/page2.htm `http://www.time.com/…`"), a list of
    ///   links, one "sentence" each: 38 of 44 such gaps in EWT train are gold
    ///   boundaries; none in GUM train or the news;
    /// - a link after a sentence-final word: 28 of 28 in EWT train (the rules
    ///   split 19 of them; not after a quote or an ellipsis); GUM train's two
    ///   links after a stop follow a number ("April 16, 2017. https://…",
    ///   references) and are not sentence ends, hence the letter;
    /// - a file name before a detached dash in a list of attachments: of the
    ///   13 file names before a dash in EWT train, 12 end a sentence (none in
    ///   GUM train), which the model, with its word and shape features, never
    ///   learns (out-of-fold scores -2 to -14); in prose ("report.pdf - which
    ///   I sent -") the dash is no list, hence the list condition;
    /// - a typed rule ("-----", "*****") before a capitalised word: 19 of 19
    ///   in EWT train (none in GUM train or 3,000 BBC articles); the model
    ///   missed 9 of them out of fold; and before a typed rule: 26 of 26 in
    ///   EWT train (none in GUM train or BBC), 8 missed out of fold.
    /// - a first name after a sign-off, before a sentence starter or the
    ///   name repeated ("Thanks, Sean Here you go", "Best, Jeff Does she",
    ///   "Sincerely, Traci Traci Warner …"): 11 of 11 in EWT train (the model
    ///   missed those before a starter out of fold), 3 of 3 in EWT dev (none
    ///   in GUM); a surname or a phone number after the name ("Regards,
    ///   Debra Perlingiere", "Thanks, Kim 713-…") is no such gap.
    pub fn forced_boundary(&self) -> bool {
        (self.prev_link && self.next_link)
            || self.stop_before_link
            || self.file_before_dash
            || self.rule_line_before_capital
            || self.rule_line_after
            || self.signoff_name
    }
}

/// A title or form of address ("Mr.", "Madam"): thanks before it are spoken
/// to someone ("Thank you, Mr. Chair."), never a sentence end: the model split
/// two such gaps in GUM train (a speech), none is a gold boundary in EWT or GUM.
fn is_title_of_address(word: &str) -> bool {
    matches!(word.trim_end_matches([',', '.']), "Mr" | "Mrs" | "Ms" | "Miss" | "Madam" | "Madame" | "Sir" | "Dr" | "Professor" | "Prof" | "President" | "Senator" | "Chairman")
}

/// "Thanks, Sean | Here you go": `prev2` a sign-off ("Thanks", "Regards",
/// "Sincerely", "Thx", "Take Care", "Best," with its comma), `prev` a
/// capitalised word of letters that is no sentence starter, `next` a sentence
/// starter (or "I'm", "Don't", …) or `prev` again.
pub(crate) fn signoff_then_name(prev2: &str, prev: &str, next: &str) -> bool {
    let Some(&first) = prev2.as_bytes().first() else { return false };
    if !matches!(first, b'T' | b'R' | b'r' | b'S' | b'B' | b'C' | b'c') {
        return false;
    }
    let word = prev2.trim_end_matches([',', '.', '!']);
    let signoff = matches!(word, "Thanks" | "Thx" | "Regards" | "regards" | "Sincerely" | "Cheers" | "Care" | "care")
        || (word == "Best" && prev2.ends_with(','));
    let pb = prev.as_bytes();
    if !signoff || pb.len() < 2 || !pb[0].is_ascii_uppercase() || !pb[1..].iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    let en = LangRules::get(Lang::English);
    if en.starters.contains(prev) {
        return false;
    }
    let bare = next.trim_end_matches([',', '.', '-', '!', '?']);
    bare == prev || en.starters.contains(bare) || matches!(bare.split_once('\'').map(|(a, _)| a), Some("I" | "Don" | "Can" | "Won"))
}

/// A typed rule: one of `-` `=` `*` `~` `#` repeated four times or more
/// (underscores are form blanks, "Thursday ______ Monday", and stay out).
pub(crate) fn is_rule_line(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 4 && matches!(b[0], b'-' | b'=' | b'*' | b'~' | b'#') && b.iter().all(|&c| c == b[0])
}

/// A file name: a word ending in a dot and a common document extension
/// ("redvepco.doc", "ld2d-#69366-1.DOC", "API.pdf").
fn is_file_name(word: &str) -> bool {
    const EXTENSIONS: [&str; 14] = ["doc", "docx", "pdf", "xls", "xlsx", "ppt", "pptx", "txt", "rtf", "csv", "zip", "jpg", "png", "gif"];
    word.rsplit_once('.')
        .is_some_and(|(name, ext)| !name.is_empty() && EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e)))
}

/// The word ends in sentence punctuation right after a letter, closing
/// quotes and brackets allowed after it ("say...", "communities.\"", "info.)").
fn ends_sentence_before_link(word: &str) -> bool {
    let b = word.trim_end_matches(crate::chars::is_closer);
    let core = b.trim_end_matches(['.', '!', '?', '…']);
    core.len() < b.len() && core.chars().next_back().is_some_and(char::is_alphabetic)
}

/// A model file's contents (zstd-compressed bincode); `None` when the bytes
/// are empty or do not decode.
pub(crate) fn decode_file<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    if bytes.is_empty() {
        return None;
    }
    decode_raw(&decompress(bytes)?)
}

/// The bincode value in the decompressed bytes of a model file.
pub(crate) fn decode_raw<T: serde::de::DeserializeOwned>(raw: &[u8]) -> Option<T> {
    let (m, _): (T, usize) = bincode::serde::decode_from_slice(raw, bincode::config::standard()).ok()?;
    Some(m)
}

/// The decompressed bytes of a model file. The files do not record their
/// size (written by a streaming encoder, with an 8 MiB window): decoding
/// them as a stream allocates that window and grows the output buffer step
/// by step, each step fresh memory the kernel must clear. Decoded in one
/// call into one buffer with room for any of them (the output serves as the
/// window), the first article's table loads in `warta segment` take 4.9 ms
/// of CPU instead of 7.5 (the bench's stage spends about 200). A file that
/// does not fit goes the streaming way.
pub(crate) fn decompress(bytes: &[u8]) -> Option<Vec<u8>> {
    // The shipped files decompress to 1.2-1.6 times their size.
    let room = bytes.len().saturating_mul(4).max(1 << 16);
    zstd::bulk::decompress(bytes, room).ok().or_else(|| zstd::decode_all(bytes).ok())
}

/// A model as file bytes (bincode, zstd level 19).
pub(crate) fn encode_file<T: serde::Serialize>(m: &T) -> Vec<u8> {
    let raw = bincode::serde::encode_to_vec(m, bincode::config::standard()).unwrap_or_default();
    zstd::encode_all(&raw[..], 19).unwrap_or_default()
}

const SEGMENT_SALT: u8 = 0;
const REPAIR_SALT: u8 = 64;

/// Fills `f` with the segmentation features of `g`.
pub fn gap_features(g: &GapContext, f: &mut Features) {
    gap_features_with(g, f, &mut GapWords::default());
}

/// The hashes of one word of a gap: its shape's ([`shape_hash`]) and its
/// core's ([`part_hash`] of [`core`]), and the word they belong to (its
/// address and length: the same slice of the same text).
#[derive(Clone, Copy, Default)]
struct WordHashes {
    at: usize,
    len: usize,
    shape: u64,
    core: u64,
}

impl WordHashes {
    fn of(word: &str) -> WordHashes {
        WordHashes { at: word.as_ptr() as usize, len: word.len(), shape: shape_hash(word), core: part_hash(core(word).as_bytes()) }
    }

    fn is(&self, word: &str) -> bool {
        self.at == word.as_ptr() as usize && self.len == word.len()
    }
}

/// The word hashes of the last gap scored ([`gap_features_with`]), in the
/// order prev2, prev, next, next2. In a run of capitalised words ("Prime
/// Minister Tony Blair": a candidate gap after each word) the next gap's
/// prev2, prev and next are this gap's prev, next and next2.
#[derive(Default)]
pub(crate) struct GapWords {
    last: [WordHashes; 4],
}

impl GapWords {
    /// The hashes of `word`, this gap's word `k`: from the last gap's word
    /// `k + 1` when that is the same slice.
    fn hashes(&self, k: usize, word: &str) -> WordHashes {
        match self.last.get(k + 1) {
            Some(h) if h.is(word) => *h,
            _ => WordHashes::of(word),
        }
    }
}

/// [`gap_features`], reading the hashes of words the last gap also had
/// from `words` (and leaving this gap's there).
pub(crate) fn gap_features_with(g: &GapContext, f: &mut Features, words: &mut GapWords) {
    f.clear();
    let t = SEGMENT_SALT;
    let hashes = [words.hashes(0, g.prev2), words.hashes(1, g.prev), words.hashes(2, g.next), words.hashes(3, g.next2)];
    words.last = hashes;
    let [p2, p, n, n2] = hashes;
    let sp = p.shape;
    let sn = n.shape;
    let sp2 = p2.shape;
    let sn2 = n2.shape;
    let pcore = p.core;
    // Most words have no trailing punctuation: one hash for both.
    let prev = if core(g.prev).len() == g.prev.len() { pcore } else { part_hash(g.prev.as_bytes()) };
    let ncore = if g.next.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric) {
        n.core
    } else {
        part_hash(core(g.next.trim_start_matches(|c: char| !crate::chars::is_alphanumeric(c))).as_bytes())
    };
    let ptail = part_hash(tail(g.prev));
    let n2core = n2.core;
    let p2core = p2.core;
    let b_start = byte_hash(bucket(g.from_line_start));
    let b_sentence = byte_hash(bucket(g.from_boundary));
    let b_end = byte_hash(bucket(g.to_line_end));
    let punctuated = byte_hash(g.line_punctuated as u8);
    let links = part_hash(&[g.prev_link as u8, g.next_link as u8]);
    f.add_hashed(t, &[]);
    f.add_hashed(t + 2, &[prev]);
    f.add_hashed(t + 3, &[pcore]);
    f.add_hashed(t + 4, &[ptail]);
    f.add_hashed(t + 5, &[ncore]);
    f.add_hashed(t + 6, &[sp]);
    f.add_hashed(t + 7, &[sn]);
    f.add_hashed(t + 8, &[sp, sn]);
    f.add_hashed(t + 9, &[ptail, sn]);
    f.add_hashed(t + 10, &[pcore, sn]);
    f.add_hashed(t + 11, &[sp2, sp]);
    f.add_hashed(t + 12, &[sn, sn2]);
    f.add_hashed(t + 13, &[n2core]);
    f.add_hashed(t + 14, &[p2core, pcore]);
    f.add_hashed(t + 15, &[b_start]);
    f.add_hashed(t + 16, &[b_sentence]);
    f.add_hashed(t + 17, &[b_end]);
    f.add_hashed(t + 18, &[punctuated, b_sentence]);
    f.add_hashed(t + 19, &[ptail, ncore]);
    f.add_hashed(t + 20, &[sp, ncore]);
    f.add_hashed(t + 21, &[b_start, b_end, sn]);
    f.add_hashed(t + 22, &[sp2, sp, sn]);
    if g.prev_link || g.next_link {
        f.add_hashed(t + 23, &[links]);
        f.add_hashed(t + 24, &[links, ptail, sn]);
    }
}

/// A link or an e-mail address ("http://…", "www.…", "name@host.org").
pub(crate) fn is_link(word: &str) -> bool {
    let b = word.as_bytes();
    let w = b.strip_prefix(b"<").unwrap_or(b);
    w.starts_with(b"http") && memchr::memmem::find(w, b"://").is_some()
        || w.starts_with(b"www.")
        // (A byte scan: the words are short, a call to memchr costs more.)
        || w.iter().position(|&b| b == b'@').is_some_and(|at| at > 0 && w[at..].contains(&b'.'))
}

/// A word starting a link: lowercase, yet a candidate gap.
#[inline]
fn starts_link(rest: &[u8]) -> bool {
    rest.starts_with(b"http://") || rest.starts_with(b"https://") || rest.starts_with(b"www.")
}

/// What the repair scorer sees at a full stop followed by a word.
#[derive(Debug, Clone, Copy, Default)]
pub struct StopContext<'t> {
    /// The two words before the stop (the nearer one without the stop) and
    /// the two after it.
    pub prev2: &'t str,
    pub prev: &'t str,
    pub next: &'t str,
    pub next2: &'t str,
    /// Words since the previous sentence punctuation and up to the next one.
    pub words_before: usize,
    pub words_after: usize,
    /// The text shows a stop no writer makes (the rules found one).
    pub doc_has_sure_stop: bool,
    /// How many such stops the rules found per thousand words (Indonesian
    /// features only).
    pub sure_stops_per_kword: usize,
    /// The text starts lines or sentences in lowercase itself.
    pub doc_writes_lowercase: bool,
    /// The capitalised word after the stop also occurs capitalised inside a
    /// sentence elsewhere in the text (a name), or in lowercase (a common word).
    pub next_capitalised_elsewhere: bool,
    pub next_lowercase_elsewhere: bool,
    /// The fragment before the stop (back to the previous sentence
    /// punctuation) and the one after it hold a word that looks like a verb.
    pub predicate_before: bool,
    pub predicate_after: bool,
    /// Corpus counts of the two words (Indonesian, before a capitalised
    /// word, when a cohesion table is embedded): see [`crate::cohesion`].
    pub cohesion: Option<crate::cohesion::CohesionCounts>,
    /// Indonesian, before a capitalised word: the verb class of the word
    /// before the stop (`repair::id_verb_class`; 0 when not read).
    pub prev_verb_class: u8,
    /// The first word of the fragment before the stop (after the previous
    /// sentence punctuation or line break; empty when it lies beyond the
    /// words looked at).
    pub fragment_opener: &'t str,
}

/// Fills `f` with the repair features of `s`, given the language's lists.
pub(crate) fn stop_features(s: &StopContext, rules: &LangRules, f: &mut Features) {
    f.clear();
    let t = REPAIR_SALT;
    // Each part is hashed once (`add_hashed`: the same features as hashing
    // every part of every template again).
    let h = part_hash;
    let sp = shape_hash(s.prev);
    let sn = shape_hash(s.next);
    let pcore = core(s.prev);
    let ncore = core(s.next);
    // (Constant parts hashed at build time.)
    const NO: u64 = part_hash(b"0");
    const YES: u64 = part_hash(b"1");
    let (no, yes) = (NO, YES);
    let flag = |b: bool| if b { yes } else { no };
    const GATES: [u64; 4] = [part_hash(b"00"), part_hash(b"01"), part_hash(b"10"), part_hash(b"11")];
    let gate = GATES[2 * s.doc_has_sure_stop as usize + s.doc_writes_lowercase as usize];
    let lower_next = s.next.chars().next().is_some_and(char::is_lowercase);
    let nonfinal = flag(rules.nonfinal.contains(pcore));
    let starter = flag(rules.starters.contains(ncore) || rules.lowercase_starters.contains(ncore));
    let cont = flag(rules.continuations.contains(ncore));
    let case = flag(lower_next);
    let (hp, hn) = (h(pcore.as_bytes()), h(ncore.as_bytes()));
    let (before, after) = (byte_hash(bucket(s.words_before)), byte_hash(bucket(s.words_after)));
    let n2core = h(core(s.next2).as_bytes());
    let (cap_elsewhere, lower_elsewhere) = (flag(s.next_capitalised_elsewhere), flag(s.next_lowercase_elsewhere));
    let (pred_before, pred_after) = (flag(s.predicate_before), flag(s.predicate_after));
    f.add_hashed(t, &[gate]);
    f.add_hashed(t + 1, &[gate, case]);
    f.add_hashed(t + 2, &[hp]);
    f.add_hashed(t + 3, &[hn]);
    f.add_hashed(t + 4, &[hp, hn]);
    f.add_hashed(t + 5, &[sp, sn]);
    f.add_hashed(t + 6, &[gate, nonfinal, starter, cont, case]);
    f.add_hashed(t + 7, &[gate, before, after]);
    f.add_hashed(t + 8, &[case, before]);
    f.add_hashed(t + 9, &[case, after]);
    f.add_hashed(t + 10, &[h(core(s.prev2).as_bytes()), hp]);
    f.add_hashed(t + 11, &[hn, n2core]);
    let pb = pcore.as_bytes();
    f.add_hashed(t + 12, &[h(&pb[pb.len().saturating_sub(3)..])]);
    f.add_hashed(t + 13, &[gate, starter, case]);
    let sn2 = shape_hash(s.next2);
    f.add_hashed(t + 14, &[sn, sn2]);
    f.add_hashed(t + 15, &[gate, sp, sn]);
    f.add_hashed(t + 16, &[gate, case, cap_elsewhere, lower_elsewhere]);
    f.add_hashed(t + 17, &[cap_elsewhere, lower_elsewhere, after]);
    f.add_hashed(t + 18, &[case, n2core]);
    f.add_hashed(t + 19, &[gate, case, pred_before, pred_after]);
    f.add_hashed(t + 20, &[case, pred_before, pred_after, before, after]);
    // The density of sure spurious stops: Indonesian only, so that the
    // English model's features (and its shipped weights) stay as trained.
    if rules.lang == crate::lang::Lang::Indonesian {
        let density = byte_hash(bucket(s.sure_stops_per_kword));
        f.add_hashed(t + 21, &[density, case]);
        f.add_hashed(t + 22, &[density, case, cap_elsewhere, lower_elsewhere]);
        f.add_hashed(t + 23, &[density, case, pred_before, pred_after]);
    }
    if let Some(c) = s.cohesion {
        cohesion_features(&c, f);
        // Session 8: the verb class of the word before the stop, alone, with
        // how often that word ends a sentence in the news, and with whether the
        // piece after the stop holds a predicate (an active verb before the
        // stop and no predicate after it: the object was cut off).
        let class = byte_hash(s.prev_verb_class);
        let end = if c.end == 0 && c.mid == 0 { 0x80 } else { (c.end as i8 - c.mid as i8).clamp(-2, 2) as u8 };
        let t = REPAIR_SALT + 30;
        f.add_hashed(t, &[class]);
        f.add_hashed(t + 1, &[class, byte_hash(end)]);
        f.add_hashed(t + 2, &[class, pred_after]);
        // The word that opens the fragment before the stop, with whether the
        // fragment holds a predicate and with its length: a fragment opened
        // by a preposition or subordinator ("Dengan pembangunan.", "Dalam
        // hal ini.", "Sementara itu.") is no sentence of its own.
        let opener = h(core(s.fragment_opener.trim_start_matches(|c: char| !crate::chars::is_alphanumeric(c))).as_bytes());
        f.add_hashed(t + 3, &[opener, pred_before]);
        f.add_hashed(t + 4, &[opener, before]);
    }
}

/// The cohesion features of a stop before a capitalised word: the pair's
/// count, and log2 ratios (differences of the count buckets) of how often
/// the word before ends a sentence against runs on, how often it runs on
/// into a capitalised word, and how often the word after opens a sentence
/// against stands inside one.
fn cohesion_features(c: &crate::cohesion::CohesionCounts, f: &mut Features) {
    let t = REPAIR_SALT + 24;
    let diff = |a: u8, b: u8, lo: i8, hi: i8| -> u8 {
        if a == 0 && b == 0 {
            // Neither seen: its own value.
            return 0x80;
        }
        (a as i8 - b as i8).clamp(lo, hi) as u8
    };
    // One-byte parts, hashed from the table ([`byte_hash`]).
    let h = byte_hash;
    f.add_hashed(t, &[h(c.pair.min(6))]);
    f.add_hashed(t + 1, &[h(diff(c.end, c.mid, -4, 4))]);
    f.add_hashed(t + 2, &[h(diff(c.cap_next, c.mid, -5, 1))]);
    f.add_hashed(t + 3, &[h(diff(c.start, c.cap_mid, -4, 4))]);
    let start2 = h(diff(c.start, c.cap_mid, -2, 2));
    f.add_hashed(t + 4, &[h(c.pair.min(4)), start2]);
    f.add_hashed(t + 5, &[h(diff(c.end, c.mid, -2, 2)), start2]);
}

/// The longest word (in bytes) the segmentation scorer looks at.
const MAX_GAP_WORD: usize = 64;

#[inline]
fn is_gap_space(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

#[inline]
fn is_line_break(b: u8) -> bool {
    b == b'\n' || b == b'\r'
}

/// The longest link (in bytes) looked at whole when deciding whether a word
/// cut at [`MAX_GAP_WORD`] is a link.
const MAX_LINK_WORD: usize = 512;

/// Start of the word ending at `end` (bounded, on a char boundary).
#[inline]
fn word_back(text: &str, end: usize) -> usize {
    // A word of up to seven bytes: its delimiter found among the eight
    // bytes before `end` at once (inline; a longer word by the call).
    if let Some(chunk) = end.checked_sub(8).and_then(|from| text.as_bytes().get(from..end)) {
        let m = gap_delimiters(u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])));
        if m != 0 {
            return end - (m.leading_zeros() / 8) as usize;
        }
    }
    word_back_long(text, end)
}

/// [`word_back_within`] `MAX_GAP_WORD` bytes back, eight bytes at a time
/// while they lie above the floor (session 24: a word of eight bytes or
/// more was read byte by byte; `word_back_long_is_word_back_within`).
#[inline(never)]
fn word_back_long(text: &str, end: usize) -> usize {
    let bytes = text.as_bytes();
    let floor = end.saturating_sub(MAX_GAP_WORD);
    let mut i = end;
    while i >= floor + 8 {
        let m = gap_delimiters(u64::from_le_bytes(bytes[i - 8..i].try_into().unwrap_or([0; 8])));
        if m != 0 {
            // Right after the last delimiter of the eight bytes.
            i -= (m.leading_zeros() / 8) as usize;
            break;
        }
        i -= 8;
    }
    if i < floor + 8 {
        while i > floor && !is_gap_space(bytes[i - 1]) && !is_line_break(bytes[i - 1]) {
            i -= 1;
        }
    }
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The high bit of each of eight bytes that is a space, a tab or a line
/// break (`\n`, `\r`): what ends a word for [`word_back`] and
/// [`word_forward`].
#[inline]
fn gap_delimiters(x: u64) -> u64 {
    bytes_equal(x, b' ') | bytes_equal(x, b'\t') | bytes_equal(x, b'\n') | bytes_equal(x, b'\r')
}

/// Start of the word ending at `end`, at most `limit` bytes back.
fn word_back_within(text: &str, end: usize, limit: usize) -> usize {
    let bytes = text.as_bytes();
    let floor = end.saturating_sub(limit);
    let mut i = end;
    while i > floor && !is_gap_space(bytes[i - 1]) && !is_line_break(bytes[i - 1]) {
        i -= 1;
    }
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// End of the word starting at `start` (bounded, on a char boundary).
fn word_forward(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    // As in `word_back`: the eight bytes at `start` at once.
    if let Some(chunk) = bytes.get(start..start + 8) {
        let m = gap_delimiters(u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])));
        if m != 0 {
            return start + (m.trailing_zeros() / 8) as usize;
        }
    }
    let ceil = (start + MAX_GAP_WORD).min(bytes.len());
    let mut i = start;
    while i < ceil && !is_gap_space(bytes[i]) && !is_line_break(bytes[i]) {
        i += 1;
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// "a)", "b.)", "12)": a list marker that the rules handle.
fn is_list_marker(word: &str) -> bool {
    let b = word.as_bytes();
    let body = word.trim_end_matches(['.', ')']);
    b.last() == Some(&b')') && (1..=2).contains(&body.len()) && body.bytes().all(|c| c.is_ascii_alphanumeric())
}

/// A possessive or a lone symbol: a word a sentence does not end with.
pub(crate) fn never_final(word: &str) -> bool {
    let b = word.as_bytes();
    let possessive = b.len() >= 3
        && (b.ends_with(b"'s") || b.ends_with("’s".as_bytes()) || b.ends_with(b"s'") || b.ends_with("s’".as_bytes()));
    possessive || matches!(word, "$" | "&" | "+" | "=" | "@" | "#" | "/" | "£" | "€")
}

use warta_core::swar::{within, HIGH, LOW7, ONES};

/// The high bit of every zero byte of `x`, exactly (no carry between bytes).
#[inline]
fn zero_bytes(x: u64) -> u64 {
    !(((x & LOW7) + LOW7) | x) & HIGH
}

/// The high bit of every byte of `x` equal to `c`.
#[inline]
fn bytes_equal(x: u64, c: u8) -> u64 {
    zero_bytes(x ^ (ONES * c as u64))
}

/// The high bit of every byte of `x` that is a space or a tab followed (in
/// `next` and `next2`, the same bytes shifted by one and two) by a word that
/// may be a candidate: not one starting with an ASCII lowercase letter,
/// unless it starts with the "ht" or "ww" of a link.
#[inline]
fn gap_starts(x: u64, next: u64, next2: u64) -> u64 {
    let space = bytes_equal(x, b' ') | bytes_equal(x, b'\t');
    let lowercase = within(next & LOW7, b'a', b'z') & !next;
    let link_lead = (bytes_equal(next, b'h') & bytes_equal(next2, b't')) | (bytes_equal(next, b'w') & bytes_equal(next2, b'w'));
    space & (!lowercase | link_lead) & HIGH
}

/// [`gap_starts`] for the sixteen bytes `chunk[..16]` (the two after them
/// read as the next bytes): the high bit of byte `k` of the number,
/// little-endian, for `chunk[k]`. Written lane by lane without branches so
/// that the compiler makes it a few 16-byte vector compares (no `unsafe`,
/// no `std::arch`; session 24): about a third of the instructions of two
/// eight-byte rounds.
#[inline]
fn gap_starts16(chunk: &[u8; 18]) -> u128 {
    let mut flags = [0u8; 16];
    for (k, f) in flags.iter_mut().enumerate() {
        let (b, next, next2) = (chunk[k], chunk[k + 1], chunk[k + 2]);
        let space = (b == b' ') | (b == b'\t');
        let lowercase = next.wrapping_sub(b'a') < 26;
        let link_lead = ((next == b'h') & (next2 == b't')) | ((next == b'w') & (next2 == b'w'));
        *f = u8::from(space & (!lowercase | link_lead)) << 7;
    }
    u128::from_le_bytes(flags)
}

/// Whether the word before `end` (as [`word_back`] finds it) is one to
/// seven ASCII lowercase letters after a space, a tab or a line break, read
/// from the eight bytes before `end` at once (`false` also when those bytes
/// do not tell: a longer word, or `end < 8`).
#[inline]
fn short_lowercase_word_before(bytes: &[u8], end: usize) -> bool {
    let Some(chunk) = end.checked_sub(8).and_then(|from| bytes.get(from..end)) else { return false };
    let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
    let lowercase = within(x & LOW7, b'a', b'z') & !x;
    // Lowercase letters at the end of the chunk (its last byte is the most
    // significant): the word's length when a delimiter precedes them.
    let n = ((!lowercase & HIGH).leading_zeros() / 8) as usize;
    (1..8).contains(&n) && matches!(bytes[end - 1 - n], b' ' | b'\t' | b'\n' | b'\r')
}

/// The next space or tab at or after `from` followed by a byte that is not
/// an ASCII lowercase letter (or by the "ht"/"ww" that may start a link):
/// most gaps precede a lowercase word and are no candidates, so the scan
/// tests eight bytes at a time instead of stopping at every word.
#[inline]
pub(crate) fn next_gap(bytes: &[u8], from: usize) -> Option<usize> {
    let len = bytes.len();
    let mut i = from;
    // Sixteen gaps at a time (`gap_starts16`: vector compares), then eight
    // (the same test on `u64` lanes), then the last bytes one by one.
    while let Some(chunk) = bytes.get(i..i + 18) {
        let m = gap_starts16(chunk.try_into().unwrap_or(&[0; 18]));
        if m != 0 {
            return Some(i + (m.trailing_zeros() / 8) as usize);
        }
        i += 16;
    }
    while i + 10 <= len {
        let x = u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap_or([0; 8]));
        let next = u64::from_le_bytes(bytes[i + 1..i + 9].try_into().unwrap_or([0; 8]));
        let next2 = u64::from_le_bytes(bytes[i + 2..i + 10].try_into().unwrap_or([0; 8]));
        let m = gap_starts(x, next, next2);
        if m != 0 {
            return Some(i + (m.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    while i + 1 < len {
        let (b, next) = (bytes[i], bytes[i + 1]);
        let link_lead = bytes[i + 1..].starts_with(b"ht") || bytes[i + 1..].starts_with(b"ww");
        if is_gap_space(b) && (!next.is_ascii_lowercase() || link_lead) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Word counts are estimated from byte distances (a word and its space
/// take about six bytes), so the scan never walks a line word by word.
#[inline]
fn words_in(bytes: usize) -> usize {
    bytes.div_ceil(6)
}

/// Calls `f` at every gap between two words of a line (split at spaces and
/// tabs) that the rule spans `spans` do not already split, before a word
/// that does not start in lowercase and after a word that is not plain
/// lowercase: the candidates of the segmentation model. `f` gets the
/// context, the end of the word before the gap and the start of the word
/// after it.
pub fn for_each_gap(text: &str, spans: &[warta_core::Span], mut f: impl FnMut(&GapContext, usize, usize)) {
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut si = 0;
    // The line around the current candidate: [line_start, line_end).
    let (mut line_start, mut line_end, mut line_punctuated) = (0usize, 0usize, false);
    let mut from = 0;
    while let Some(pb) = next_gap(bytes, from) {
        let mut na = pb + 1;
        while na < len && is_gap_space(bytes[na]) {
            na += 1;
        }
        from = na;
        if na >= len {
            break;
        }
        // Cheapest tests first: most gaps precede a lowercase word. A link
        // is lowercase but often follows a sentence end (lists of links).
        let lead_byte = bytes[na];
        let next_link = (lead_byte == b'h' || lead_byte == b'w') && starts_link(&bytes[na..]);
        // A typed rule ("=====") starts a "sentence" of its own, whatever precedes it.
        let next_rule = matches!(lead_byte, b'-' | b'=' | b'*' | b'~' | b'#') && bytes[na..].iter().take(4).filter(|&&b| b == lead_byte).count() == 4;
        if (lead_byte.is_ascii_lowercase() && !next_link) || is_line_break(lead_byte) || pb == 0 || is_line_break(bytes[pb - 1]) {
            continue;
        }
        // The bulk case, a short lowercase word before the gap, read from
        // the eight bytes before it without walking back (the test below
        // would skip it too).
        if !next_link && !next_rule && short_lowercase_word_before(bytes, pb) {
            continue;
        }
        let pa = word_back(text, pb);
        let prev = &text[pa..pb];
        // Detached dots (". . ."), judged by the rules already; and a plain
        // lowercase word before a capital ("said Mr", "in London"), the
        // bulk of news text and rarely a boundary (8% of the unpunctuated
        // ones in the training data): skipping it keeps the stage fast.
        if prev.is_empty() || prev.bytes().all(|b| b == b'.') || (!next_link && !next_rule && crate::chars::all_ascii_lowercase(prev.as_bytes())) {
            continue;
        }
        // A possessive ("HBO's Game", "Banks' Culture") or a lone symbol
        // ("$ 5,000", "& Co") does not end a sentence: one boundary in 348
        // such gaps of EWT and GUM train.
        if never_final(prev) {
            continue;
        }
        // After sentence punctuation or a list marker ("b)", "2.)") the
        // rules have decided already: the model only adds unpunctuated ends.
        // (A link after a word that ends a sentence is decided here: see
        // `GapContext::stop_before_link`.)
        let bare = prev.trim_end_matches(|c: char| crate::chars::is_closer(c) && c != ')');
        let stop_before_link = next_link && ends_sentence_before_link(prev);
        let dash_after_file =
            bytes[na] == b'-' && bytes.get(na + 1).is_none_or(|&b| is_gap_space(b) || is_line_break(b)) && is_file_name(prev);
        if (bare.ends_with(['.', '!', '?', '…']) && !stop_before_link && !next_rule) || is_list_marker(prev) {
            continue;
        }
        let nb = word_forward(text, na);
        let next = &text[na..nb];
        let lead = match next.as_bytes().first() {
            // An ASCII letter or digit is no opener: the lead as it stands.
            Some(&b) if b.is_ascii_alphanumeric() => Some(b as char),
            _ => next.trim_start_matches(|c: char| crate::chars::is_opener(c)).chars().next(),
        };
        // Not before a lowercase word, nor before detached punctuation.
        if lead.is_none_or(|c| (c.is_lowercase() && !next_link) || matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '…')) {
            continue;
        }
        // Only inside a rule span: the rules' own boundaries stay.
        while si < spans.len() && spans[si].end <= pb {
            si += 1;
        }
        if !(si < spans.len() && spans[si].start < pb) {
            continue;
        }
        if pb >= line_end {
            line_start = memchr::memrchr2(b'\n', b'\r', &bytes[..pb]).map_or(0, |p| p + 1);
            line_end = memchr::memchr2(b'\n', b'\r', &bytes[pb..]).map_or(len, |p| pb + p);
            let last = text[line_start..line_end].trim_end().trim_end_matches(|c: char| crate::chars::is_closer(c));
            line_punctuated = last.ends_with(['.', '!', '?', '…']);
        }
        let sentence_start = spans[si].start.max(line_start);
        let p2e = text[..pa].trim_end_matches([' ', '\t']).len();
        let prev2 = if p2e > line_start && p2e < pa { &text[word_back(text, p2e)..p2e] } else { "" };
        let mut n2s = nb;
        while n2s < line_end && is_gap_space(bytes[n2s]) {
            n2s += 1;
        }
        let next2 = if n2s > nb && n2s < line_end { &text[n2s..word_forward(text, n2s)] } else { "" };
        let ctx = GapContext {
            prev2,
            prev,
            next,
            next2,
            from_line_start: words_in(pb - line_start),
            from_boundary: words_in(pb.saturating_sub(sentence_start)),
            to_line_end: words_in(line_end.saturating_sub(na)),
            line_punctuated,
            // A long link is cut at MAX_GAP_WORD bytes; look at it whole.
            prev_link: if pb - pa + 4 >= MAX_GAP_WORD { is_link(&text[word_back_within(text, pb, MAX_LINK_WORD)..pb]) } else { is_link(prev) },
            next_link,
            stop_before_link,
            // Only in a list: an item before it on the line ("- a.doc -
            // b.doc") or a file name after the dash ("a.doc - b.doc").
            rule_line_before_capital: is_rule_line(prev) && next.chars().next().is_some_and(char::is_uppercase),
            rule_line_after: next_rule && !is_rule_line(prev) && is_rule_line(next),
            signoff_name: signoff_then_name(prev2, prev, next),
            thanks_before_title: prev.ends_with(',') && is_title_of_address(next) && matches!(prev, "you," | "Thanks,"),
            file_before_dash: dash_after_file
                && (memchr::memmem::find(&bytes[line_start..pa], b" - ").is_some() || bytes[line_start] == b'-' || is_file_name(next2)),
        };
        f(&ctx, pb, na);
    }
}

/// Adds the sentence boundaries the model finds inside the rule spans.
pub(crate) fn refine_spans(text: &str, spans: Vec<warta_core::Span>, model: &SegmentModel) -> Vec<warta_core::Span> {
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut feats = Features::default();
    let mut words = GapWords::default();
    for_each_gap(text, &spans, |ctx, end, next| {
        if ctx.forced_boundary() {
            cuts.push((end, next));
            return;
        }
        if ctx.thanks_before_title || adverb_before_comma(ctx.prev2, ctx.prev) || name_opening_a_line_of_prose(ctx) {
            return;
        }
        gap_features_with(ctx, &mut feats, &mut words);
        if model.score(&feats) > model.threshold {
            cuts.push((end, next));
        }
    });
    split_spans(text, spans, &cuts)
}

/// The first word of a long punctuated line, a capitalised word with no
/// mark, before another capitalised word ("Paula | Radcliffe will compete
/// …"): the opening of a name, where the model, taught by e-mails that
/// open with a greeting or a name on its own ("Paula Paula, Thanks a
/// lot"), cuts.
fn name_opening_a_line_of_prose(ctx: &GapContext) -> bool {
    let capitalised = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.clone().next().is_some() && chars.all(char::is_lowercase)
    };
    let next = ctx.next.trim_end_matches([',', '.']);
    let en = LangRules::get(Lang::English);
    // A word that opens sentences ("Vince | As I mentioned …") begins one.
    ctx.from_line_start <= 1
        && ctx.to_line_end >= 10
        && ctx.line_punctuated
        && capitalised(ctx.prev)
        && capitalised(next)
        && !en.starters.contains(next)
        && !en.starters.contains(ctx.prev)
        // "Marie | Marie - per our conversation": a signature, then a header.
        && next != ctx.prev
}

/// A sentence adverb and its comma ("Separately,", "Instead,", "There,"),
/// which opens a clause: no one is greeted or signs off with one, as the
/// boundaries after a comma in e-mail are ("Maureen, | Andre is …",
/// "Thanks, | Maureen", "Sincerely, | Ben").
fn adverb_before_comma(prev2: &str, prev: &str) -> bool {
    // Listed, not read off an "-ly": names end so too ("Emily,", "Sicily,").
    const ADVERBS: &[&str] = &[
        "instead", "there", "here", "meanwhile", "however", "still", "now", "then", "also", "yet", "indeed", "elsewhere",
        "likewise", "otherwise", "nevertheless", "nonetheless", "overall", "later", "earlier", "today", "yesterday", "first",
        "again", "moreover", "furthermore", "besides", "thus", "therefore", "meantime", "separately", "similarly",
        "consequently", "previously", "currently", "recently", "eventually", "initially", "finally", "secondly", "additionally",
        "unfortunately", "fortunately", "interestingly", "importantly", "ultimately", "originally", "apparently", "obviously",
        "clearly", "surprisingly", "unsurprisingly", "traditionally", "typically", "generally", "basically", "personally",
        "frankly", "hopefully", "luckily", "sadly", "accordingly", "alternatively", "conversely", "subsequently",
        "specifically", "notably", "crucially", "increasingly", "inevitably", "officially", "publicly", "privately",
    ];
    let Some(word) = prev.strip_suffix(',') else { return false };
    let lower = word.to_ascii_lowercase();
    // "Hi there," greets.
    ADVERBS.contains(&lower.as_str()) && !(lower == "there" && matches!(prev2.to_ascii_lowercase().as_str(), "hi" | "hello" | "hey"))
}

/// Splits `spans` at `cuts` (end of one sentence, start of the next; sorted,
/// each inside a span), trimming white space off both pieces.
pub(crate) fn split_spans(text: &str, spans: Vec<warta_core::Span>, cuts: &[(usize, usize)]) -> Vec<warta_core::Span> {
    if cuts.is_empty() {
        return spans;
    }
    let mut out = Vec::with_capacity(spans.len() + cuts.len());
    let mut c = 0;
    for s in spans {
        let mut start = s.start;
        while c < cuts.len() && cuts[c].0 <= s.start {
            c += 1;
        }
        while c < cuts.len() && cuts[c].1 < s.end {
            let (end, next) = cuts[c];
            // Words are split at ASCII spaces only; trim any other
            // whitespace (no-break spaces) off both pieces.
            let end = start + text[start..end.max(start)].trim_end().len();
            let rest = &text[next..s.end];
            let next = next + (rest.len() - rest.trim_start().len());
            if end > start && next < s.end {
                out.push(warta_core::Span::new(start, end));
                start = next;
            }
            c += 1;
        }
        out.push(warta_core::Span::new(start, s.end));
    }
    out
}

#[cfg(test)]
mod fast_path_tests {
    use super::*;

    /// A name opening a long line of prose is not cut after its first word;
    /// a greeting's name before a sentence opener, or a repeated name, may be.
    #[test]
    fn a_name_opening_a_line_of_prose_is_not_cut() {
        let first_gap = |text: &str| {
            let spans = crate::sentence::segment_rules(text, "en");
            let mut found = None;
            for_each_gap(text, &spans, |ctx, _, _| {
                if found.is_none() {
                    found = Some((ctx.prev.to_string(), name_opening_a_line_of_prose(ctx)));
                }
            });
            found
        };
        let prose = "Paula Radcliffe will compete in the London Marathon this year after deciding her schedule for the season.";
        assert_eq!(first_gap(prose), Some(("Paula".to_string(), true)));
        let greeting = "Vince As I mentioned in my voicemail yesterday, the meeting has moved to Friday afternoon.";
        assert_eq!(first_gap(greeting), Some(("Vince".to_string(), false)));
        let signature = "Marie Marie will send the proposed changes to the board before the end of the week.";
        assert_eq!(first_gap(signature), Some(("Marie".to_string(), false)));
    }

    /// The model never cuts after a sentence adverb's comma; greetings and
    /// sign-offs keep their cuts.
    #[test]
    fn no_cut_after_a_sentence_adverb_and_its_comma() {
        for (prev2, prev) in [("", "Separately,"), ("", "Instead,"), ("market.", "There,"), ("", "Meanwhile,"), ("", "Unsurprisingly,")] {
            assert!(adverb_before_comma(prev2, prev), "{prev}");
        }
        for (prev2, prev) in [("", "Sincerely,"), ("Hi", "there,"), ("", "Maureen,"), ("", "Thanks,"), ("", "Instead"), ("", "Emily,"), ("", "Sicily,")] {
            assert!(!adverb_before_comma(prev2, prev), "{prev2} {prev}");
        }
    }

    /// The features of each gap read with the last gap's word hashes are
    /// the features read afresh: runs of capitalised words (gaps sharing
    /// words), words with punctuation around them, gaps on other lines.
    #[test]
    fn gap_features_with_the_last_gaps_words_are_gap_features() {
        let text = "Prime Minister Tony Blair said (Reuters) \"Hello\" World Cup 2006 BBC News Online\nMr Brown, U.S. Senator John Smith: Yes We Can \u{201c}Thanks\u{201d} Sean Here you go http://x.org/a Next";
        let spans = crate::sentence::segment_rules(text, "en");
        let (mut fresh, mut memo) = (Features::default(), Features::default());
        let mut words = GapWords::default();
        let mut gaps = 0;
        for_each_gap(text, &spans, |ctx, _, _| {
            gap_features(ctx, &mut fresh);
            gap_features_with(ctx, &mut memo, &mut words);
            assert_eq!(fresh.slots(), memo.slots(), "{ctx:?}");
            gaps += 1;
        });
        assert!(gaps >= 10, "{gaps}");
    }

    /// Words of every shape class, short and long, ASCII and not.
    const WORDS: &[&str] = &[
        "", "a", "A", "ab", "Ab", "AB", "aB", "said", "Blair", "Blair,", "BBC", "McDonald", "iPhone", "1", "2004", "£5m", "x-ray",
        "Jakarta.", "“Kami", "é", "Éric", "über", "abcdefghijklmnopqrstuvwxyz", "Abcdefghijklmnopqrstuvwxyzzz", "Abcdefghijklmnopq R",
        "...", "U.S.", "e-mail", "Ñu", "zz9",
    ];

    /// Session 24: the eight-byte walk back finds the word start the byte
    /// walk finds, for every end in texts of words of every length (up to
    /// past the 64-byte bound), delimiters and non-ASCII chars.
    #[test]
    fn word_back_long_is_word_back_within() {
        let pieces = [" ", "\t", "\n", "\r", "a", "Abcdefgh", "é", "“", "x".repeat(70).leak() as &str, "ijklmnopqrstuv", "."];
        let mut next = crate::tests::xorshift(0x2545_f491_4f6c_dd1d);
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..next() % 24 {
                text.push_str(pieces[(next() % pieces.len() as u64) as usize]);
            }
            for end in (0..=text.len()).filter(|&e| text.is_char_boundary(e)) {
                assert_eq!(word_back_long(&text, end), word_back_within(&text, end, MAX_GAP_WORD), "{text:?} at {end}");
            }
        }
    }

    #[test]
    fn shape_hash_is_the_hash_of_the_shape() {
        for w in WORDS {
            assert_eq!(shape_hash(w), part_hash(shape(w).bytes()), "{w:?}");
        }
        // The word-and-mark fast path, at and past the shape's 16 chars.
        for w in [
            "a,", "kata,", "Kata.", "A.", "I'", "x-", "Jakarta)", "pembangunannya,", "pembangunannyaa,", "Pembangunannya.",
            "Pembangunannyaa.", "kata1", "Kata1", "ka,ta", "é,", "Éa.", "kata,,", "KaTa.", "a\"", "Zz:",
        ] {
            assert_eq!(shape_hash(w), part_hash(shape(w).bytes()), "{w:?}");
        }
    }

    #[test]
    fn byte_hash_is_part_hash_of_one_byte() {
        for b in 0..=255u8 {
            assert_eq!(byte_hash(b), part_hash(&[b]));
        }
    }

    #[test]
    fn core_fast_path_trims_as_before() {
        for w in WORDS {
            assert_eq!(core(w), w.trim_end_matches(|c: char| !c.is_alphanumeric()), "{w:?}");
        }
    }

    #[test]
    fn short_lowercase_word_is_what_word_back_finds() {
        // Every end position of texts mixing short and long words, cases,
        // delimiters and non-ASCII letters.
        let texts = ["said Mr Blair in London\tand\nthe UK's é plan", "abcdefgh abcdefg Abc a\rbc, x.y “quoted” über ab", "  a  b   cd\n\nef gh"];
        for text in texts {
            let bytes = text.as_bytes();
            for end in 0..=text.len() {
                if !text.is_char_boundary(end) {
                    continue;
                }
                let prev = &text[word_back(text, end)..end];
                let plain = !prev.is_empty() && prev.bytes().all(|b| b.is_ascii_lowercase());
                // The fast test may leave a plain word to the slow one, never the reverse.
                if short_lowercase_word_before(bytes, end) {
                    assert!(plain, "{text:?} at {end}");
                } else if plain && end >= 8 && prev.len() < 8 && end - prev.len() > 0 {
                    panic!("{text:?} at {end}: {prev:?} not found");
                }
            }
        }
    }
}

#[cfg(test)]
mod decompress_tests {
    /// Every embedded file fits the one-call decoder's room (a file that did
    /// not would still decode, the slow way), and both ways give the same bytes.
    #[test]
    fn embedded_files_decode_in_one_call() {
        let files: [&[u8]; 5] = [
            super::MODEL_EN,
            super::MODEL_ID,
            super::SEGMENT_MODEL_EN,
            include_bytes!("../model/cohesion-id.bin.zst"),
            include_bytes!("../model/cohesion-en.bin.zst"),
        ];
        for bytes in files {
            let room = bytes.len() * 4;
            let one_call = zstd::bulk::decompress(bytes, room).expect("fits the room");
            assert_eq!(one_call, zstd::decode_all(bytes).expect("decodes"));
            assert_eq!(super::decompress(bytes), Some(one_call));
        }
        assert!(super::decompress(b"not zstd").is_none());
    }
}
