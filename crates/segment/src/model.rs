//! The learned boundary model: a linear scorer over hashed features of the
//! words around a candidate position, trained by this crate's own averaged
//! perceptron (`examples/train_boundary.rs`) and embedded in the binary.
//!
//! It answers two questions, each with its own feature salt and threshold:
//! - **segmentation** (English): at a gap between two words of one line,
//!   does a sentence end here? The rule decision is one of the features,
//!   so the model learns where to add the boundaries that punctuation does
//!   not mark (e-mail headers, signatures, list items) without relearning
//!   the rules;
//! - **repair** (Indonesian, English): is the full stop at this position one
//!   that a scraper inserted inside a sentence?
//!
//! Features are hashed into a table of `1 << TABLE_BITS` weights, so the
//! scorer allocates nothing per candidate. The model files are bincode 2 +
//! zstd, decoded once into a `OnceLock`.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::lang::{Lang, LangRules};

/// log2 of the number of weights per language.
pub const TABLE_BITS: u32 = 18;
const MASK: u64 = (1 << TABLE_BITS) - 1;
/// Format version written into every model file.
pub const MODEL_VERSION: u32 = 2;
/// The most features any candidate has.
pub const MAX_FEATURES: usize = 32;

const MODEL_EN: &[u8] = include_bytes!("../model/boundary-en.bin.zst");
const MODEL_ID: &[u8] = include_bytes!("../model/boundary-id.bin.zst");

/// The stored form of a model: its non-zero weights and its thresholds.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StoredModel {
    pub version: u32,
    pub lang: String,
    /// A gap becomes a sentence boundary when its score exceeds this.
    pub segment_threshold: f32,
    /// Whether the segmentation task was trained (Indonesian: no, see the README).
    pub segment_enabled: bool,
    /// A full stop is repaired when its score exceeds this, in a text where
    /// the rules found a sure spurious stop...
    pub repair_threshold: f32,
    /// ... and this one in a text where they did not (stricter: clean text
    /// must keep its stops).
    pub repair_threshold_ungated: f32,
    pub repair_enabled: bool,
    /// (slot, weight), sorted by slot.
    pub weights: Vec<(u32, f32)>,
}

/// A model ready to score: a dense weight table.
#[derive(Debug)]
pub struct BoundaryModel {
    pub(crate) table: Vec<f32>,
    pub(crate) segment_threshold: f32,
    pub(crate) segment_enabled: bool,
    pub(crate) repair_threshold: f32,
    pub(crate) repair_threshold_ungated: f32,
    pub(crate) repair_enabled: bool,
}

impl BoundaryModel {
    /// Builds a dense model from its stored form.
    pub fn from_stored(m: &StoredModel) -> BoundaryModel {
        let mut table = vec![0f32; 1 << TABLE_BITS];
        for &(slot, w) in &m.weights {
            if let Some(t) = table.get_mut(slot as usize) {
                *t = w;
            }
        }
        BoundaryModel {
            table,
            segment_threshold: m.segment_threshold,
            segment_enabled: m.segment_enabled,
            repair_threshold: m.repair_threshold,
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
        let raw = zstd::decode_all(bytes).ok()?;
        let (m, _): (StoredModel, usize) = bincode::serde::decode_from_slice(&raw, bincode::config::standard()).ok()?;
        (m.version == MODEL_VERSION).then_some(m)
    }

    /// Encodes a stored model as a model file.
    pub fn encode(m: &StoredModel) -> Vec<u8> {
        let raw = bincode::serde::encode_to_vec(m, bincode::config::standard()).unwrap_or_default();
        zstd::encode_all(&raw[..], 19).unwrap_or_default()
    }

    #[inline]
    pub(crate) fn score(&self, feats: &Features) -> f32 {
        feats.slots().iter().map(|&s| self.table[s as usize]).sum()
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

    /// Adds the feature made of a template id and up to three byte parts.
    #[inline]
    fn add(&mut self, template: u8, parts: &[&[u8]]) {
        if self.len >= MAX_FEATURES {
            return;
        }
        let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ template as u64;
        for part in parts {
            for &b in part.iter().take(24) {
                h = (h ^ b.to_ascii_lowercase() as u64).wrapping_mul(0x0100_0000_01b3);
            }
            h = (h ^ 0xff).wrapping_mul(0x0100_0000_01b3);
        }
        h ^= h >> 29;
        h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
        h ^= h >> 32;
        self.slots[self.len] = (h & MASK) as u32;
        self.len += 1;
    }
}

/// The shape of a word: X for an uppercase letter, x lowercase, d digit,
/// ASCII punctuation as itself, o for anything else; runs collapsed, at
/// most 8 classes ("Jakarta" -> "Xx", "08/16/2000" -> "d/d/d").
pub(crate) fn shape(word: &str) -> Shape {
    let mut out = [0u8; 8];
    let mut n = 0;
    for c in word.chars().take(16) {
        let k = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_ascii_digit() {
            b'd'
        } else if c.is_ascii_punctuation() {
            c as u8
        } else {
            b'o'
        };
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
pub(crate) fn core(word: &str) -> &str {
    word.trim_end_matches(|c: char| !c.is_alphanumeric())
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
    /// The rules put a boundary here.
    pub rule: bool,
    /// Words since the start of the line, since the last rule boundary, to
    /// the end of the line.
    pub from_line_start: usize,
    pub from_boundary: usize,
    pub to_line_end: usize,
    /// The line ends in sentence punctuation.
    pub line_punctuated: bool,
}

const SEGMENT_SALT: u8 = 0;
const REPAIR_SALT: u8 = 64;

/// Fills `f` with the segmentation features of `g`.
pub fn gap_features(g: &GapContext, f: &mut Features) {
    f.clear();
    let t = SEGMENT_SALT;
    let sp = shape(g.prev);
    let sp = sp.bytes();
    let sn = shape(g.next);
    let sn = sn.bytes();
    let sp2 = shape(g.prev2);
    let sp2 = sp2.bytes();
    let sn2 = shape(g.next2);
    let sn2 = sn2.bytes();
    let rule: &[u8] = if g.rule { b"R" } else { b"-" };
    let pcore = core(g.prev).as_bytes();
    let ncore = core(g.next.trim_start_matches(|c: char| !c.is_alphanumeric())).as_bytes();
    let ptail = tail(g.prev);
    f.add(t, &[]);
    f.add(t + 1, &[rule]);
    f.add(t + 2, &[rule, g.prev.as_bytes()]);
    f.add(t + 3, &[pcore]);
    f.add(t + 4, &[rule, ptail]);
    f.add(t + 5, &[ncore]);
    f.add(t + 6, &[rule, sp]);
    f.add(t + 7, &[rule, sn]);
    f.add(t + 8, &[rule, sp, sn]);
    f.add(t + 9, &[rule, ptail, sn]);
    f.add(t + 10, &[pcore, sn]);
    f.add(t + 11, &[sp2, sp]);
    f.add(t + 12, &[sn, sn2]);
    f.add(t + 13, &[core(g.next2).as_bytes()]);
    f.add(t + 14, &[core(g.prev2).as_bytes(), pcore]);
    f.add(t + 15, &[rule, &[bucket(g.from_line_start)]]);
    f.add(t + 16, &[rule, &[bucket(g.from_boundary)]]);
    f.add(t + 17, &[rule, &[bucket(g.to_line_end)]]);
    f.add(t + 18, &[rule, &[g.line_punctuated as u8], &[bucket(g.from_boundary)]]);
    f.add(t + 19, &[ptail, ncore]);
    f.add(t + 20, &[sp, ncore]);
    f.add(t + 21, &[&[bucket(g.from_line_start)], &[bucket(g.to_line_end)], sn]);
    f.add(t + 22, &[sp2, sp, sn]);
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
}

/// Fills `f` with the repair features of `s`, given the language's lists.
pub(crate) fn stop_features(s: &StopContext, rules: &LangRules, f: &mut Features) {
    f.clear();
    let t = REPAIR_SALT;
    let sp = shape(s.prev);
    let sp = sp.bytes();
    let sn = shape(s.next);
    let sn = sn.bytes();
    let pcore = core(s.prev);
    let ncore = core(s.next);
    let flag = |b: bool| -> &'static [u8] {
        if b {
            b"1"
        } else {
            b"0"
        }
    };
    let gate: &[u8] = match (s.doc_has_sure_stop, s.doc_writes_lowercase) {
        (false, false) => b"00",
        (false, true) => b"01",
        (true, false) => b"10",
        (true, true) => b"11",
    };
    let lower_next = s.next.chars().next().is_some_and(char::is_lowercase);
    let nonfinal = flag(rules.nonfinal.contains(pcore));
    let starter = flag(rules.starters.contains(ncore) || rules.lowercase_starters.contains(ncore));
    let cont = flag(rules.continuations.contains(ncore));
    let case = flag(lower_next);
    f.add(t, &[gate]);
    f.add(t + 1, &[gate, case]);
    f.add(t + 2, &[pcore.as_bytes()]);
    f.add(t + 3, &[ncore.as_bytes()]);
    f.add(t + 4, &[pcore.as_bytes(), ncore.as_bytes()]);
    f.add(t + 5, &[sp, sn]);
    f.add(t + 6, &[gate, nonfinal, starter, cont, case]);
    f.add(t + 7, &[gate, &[bucket(s.words_before)], &[bucket(s.words_after)]]);
    f.add(t + 8, &[case, &[bucket(s.words_before)]]);
    f.add(t + 9, &[case, &[bucket(s.words_after)]]);
    f.add(t + 10, &[core(s.prev2).as_bytes(), pcore.as_bytes()]);
    f.add(t + 11, &[ncore.as_bytes(), core(s.next2).as_bytes()]);
    let pb = pcore.as_bytes();
    f.add(t + 12, &[&pb[pb.len().saturating_sub(3)..]]);
    f.add(t + 13, &[gate, starter, case]);
    let sn2 = shape(s.next2);
    let sn2 = sn2.bytes();
    f.add(t + 14, &[sn, sn2]);
    f.add(t + 15, &[gate, sp, sn]);
    f.add(t + 16, &[gate, case, flag(s.next_capitalised_elsewhere), flag(s.next_lowercase_elsewhere)]);
    f.add(t + 17, &[flag(s.next_capitalised_elsewhere), flag(s.next_lowercase_elsewhere), &[bucket(s.words_after)]]);
    f.add(t + 18, &[case, core(s.next2).as_bytes()]);
    f.add(t + 19, &[gate, case, flag(s.predicate_before), flag(s.predicate_after)]);
    f.add(t + 20, &[case, flag(s.predicate_before), flag(s.predicate_after), &[bucket(s.words_before)], &[bucket(s.words_after)]]);
}

/// A whitespace-delimited word of a line: byte range.
type Word = (usize, usize);

/// Splits `line` (at byte offset `base` of the text) into words.
fn line_words(text: &str, from: usize, to: usize, out: &mut Vec<Word>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut i = from;
    let mut start: Option<usize> = None;
    while i < to {
        let b = bytes[i];
        let (space, n) = if b < 0x80 {
            (b == b' ' || b == b'\t', 1)
        } else {
            match text[i..].chars().next() {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => (false, 1),
            }
        };
        match (space, start) {
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
        i += n;
    }
    if let Some(s) = start {
        out.push((s, to));
    }
}

/// Calls `f` at every gap between two words of a line that the rule spans
/// `spans` do not already split and before a word that does not start in
/// lowercase: the candidates of the segmentation model. `f` gets the
/// context, the end of the word before the gap and the start of the word
/// after it.
pub fn for_each_gap(text: &str, spans: &[warta_core::Span], mut f: impl FnMut(&GapContext, usize, usize)) {
    let bytes = text.as_bytes();
    let mut words: Vec<Word> = Vec::new();
    let mut si = 0;
    let mut line_start = 0;
    while line_start < bytes.len() {
        let line_end = memchr_line(bytes, line_start);
        line_words(text, line_start, line_end, &mut words);
        let line_punctuated = words.last().is_some_and(|&(a, b)| {
            let w = text[a..b].trim_end_matches(|c: char| crate::chars::is_closer(c));
            w.ends_with(['.', '!', '?', '…'])
        });
        let mut last_boundary = 0usize;
        for i in 0..words.len().saturating_sub(1) {
            let (pa, pb) = words[i];
            let (na, nb) = words[i + 1];
            while si < spans.len() && spans[si].end <= pb {
                si += 1;
            }
            let inside = si < spans.len() && spans[si].start < pb;
            if !inside {
                last_boundary = i + 1;
                continue;
            }
            let next = &text[na..nb];
            let lead = next.trim_start_matches(|c: char| crate::chars::is_opener(c)).chars().next();
            // Not before a lowercase word, nor around detached punctuation
            // (". . .", " , "), which the rules have judged already.
            if lead.is_none_or(|c| c.is_lowercase() || matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '…'))
                || text[pa..pb].bytes().all(|b| b == b'.')
            {
                continue;
            }
            let ctx = GapContext {
                prev2: if i > 0 { &text[words[i - 1].0..words[i - 1].1] } else { "" },
                prev: &text[pa..pb],
                next,
                next2: words.get(i + 2).map_or("", |&(a, b)| &text[a..b]),
                rule: false,
                from_line_start: i + 1,
                from_boundary: i + 1 - last_boundary,
                to_line_end: words.len() - i - 1,
                line_punctuated,
            };
            f(&ctx, pb, na);
        }
        line_start = line_end + 1;
    }
}

/// End of the line starting at `from` (the next `\n` or `\r`, or the end).
fn memchr_line(bytes: &[u8], from: usize) -> usize {
    bytes[from..].iter().position(|&b| b == b'\n' || b == b'\r').map_or(bytes.len(), |p| from + p)
}

/// Adds the sentence boundaries the model finds inside the rule spans.
pub(crate) fn refine_spans(text: &str, spans: Vec<warta_core::Span>, model: &BoundaryModel) -> Vec<warta_core::Span> {
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut feats = Features::default();
    for_each_gap(text, &spans, |ctx, end, next| {
        gap_features(ctx, &mut feats);
        if model.score(&feats) > model.segment_threshold {
            cuts.push((end, next));
        }
    });
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
            if end > start {
                out.push(warta_core::Span::new(start, end));
                start = next;
            }
            c += 1;
        }
        out.push(warta_core::Span::new(start, s.end));
    }
    out
}
