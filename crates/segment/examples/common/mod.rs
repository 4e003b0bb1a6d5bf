//! Shared by the `eval` and `train_boundary` examples (not part of the
//! library: only these tools read `shared/data`): the gold documents of
//! `shared/data/sbd`, UD CoNLL-U files read into gold documents ([`conllu`])
//! and a seeded random number generator.
#![allow(dead_code)]

pub mod conllu;

use std::io::{BufRead, BufReader};
use std::path::Path;

use serde_json::Value;
use warta_core::text::CharIndex;

/// A document with gold sentences.
pub struct GoldDoc {
    pub id: String,
    pub lang: String,
    pub text: String,
    /// Gold sentence spans in byte offsets.
    pub gold: Vec<(usize, usize)>,
}

/// A file, gunzipped when its name ends in `.gz`.
pub fn open(path: &Path) -> std::io::Result<Box<dyn BufRead>> {
    let f = std::fs::File::open(path)?;
    if path.extension().is_some_and(|e| e == "gz") {
        Ok(Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(f))))
    } else {
        Ok(Box::new(BufReader::new(f)))
    }
}

/// Reads a JSONL file of `{"id", "lang", "text", "sentences"}` (plain or
/// gzip), sentences as `{"start", "end"}` or `[start, end]` character
/// offsets, which become byte offsets.
pub fn load_gold_docs(path: &Path) -> std::io::Result<Vec<GoldDoc>> {
    let mut out = Vec::new();
    for line in open(path)?.lines() {
        let line = line?;
        let Ok(v) = serde_json::from_str::<Value>(&line) else { continue };
        let text = v["text"].as_str().unwrap_or("").to_string();
        let lang = v["lang"].as_str().unwrap_or("id").to_string();
        let id = v["id"].as_str().unwrap_or("").to_string();
        let mut idx = CharIndex::new(&text);
        let mut gold = Vec::new();
        for s in v["sentences"].as_array().into_iter().flatten() {
            let (a, b) = if let Some(arr) = s.as_array() {
                (arr.first().and_then(Value::as_u64), arr.get(1).and_then(Value::as_u64))
            } else {
                (s["start"].as_u64(), s["end"].as_u64())
            };
            if let (Some(a), Some(b)) = (a, b) {
                if let (Some(a), Some(b)) = (idx.to_byte(a as usize), idx.to_byte(b as usize)) {
                    gold.push((a, b));
                }
            }
        }
        drop(idx);
        out.push(GoldDoc { id, lang, text, gold });
    }
    Ok(out)
}

/// A small deterministic PRNG (xorshift64*), seeded by a constant: the same
/// corruptions, folds and models on every run.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.next() % 1000 < per_mille
    }
}

/// `text` around byte `at`, up to `before` and `after` bytes on either side
/// (widened to char boundaries), with the position marked `⟦|⟧` and line
/// breaks shown as `⏎`: how the tools print a boundary in context.
pub fn context(text: &str, at: usize, before: usize, after: usize) -> String {
    let mut a = at.saturating_sub(before);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (at + after).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    format!("{}⟦|⟧{}", &text[a..at], &text[at..b]).replace('\n', "⏎")
}

/// The words of `text` split at single spaces, each with its byte offset in
/// `text` (empty pieces between doubled spaces left out).
pub fn space_words(text: &str) -> Vec<(usize, &str)> {
    text.split(' ')
        .scan(0usize, |offset, word| {
            let at = *offset;
            *offset += word.len() + 1;
            Some((at, word))
        })
        .filter(|(_, word)| !word.is_empty())
        .collect()
}

/// FNV-1a of `s`: a stable hash for splitting documents into halves.
pub fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3))
}

/// Inserts stops before capitalised words after lower-case words that are
/// not `function_words` (the `inject_caps` and `cap_stats` examples) (`cased`: the next word is
/// lowercase and gets a capital; otherwise it is capitalised already).
pub fn inject_capitalised_stops(text: &str, rng: &mut Rng, cased: bool, function_words: &[&str]) -> (String, Vec<usize>) {
    let places = stop_places(text, |a, b| {
        let ok_a = a.chars().count() >= 3 && a.chars().all(|c| c.is_lowercase() && c.is_alphabetic()) && !function_words.contains(&a);
        let first = b.chars().next().unwrap_or(' ');
        let ok_b = first.is_alphabetic() && if cased { first.is_lowercase() } else { first.is_uppercase() };
        ok_a && ok_b
    });
    let chosen = choose_stop_places(places, text.len(), rng);
    let mut out = String::with_capacity(text.len() + 16);
    let mut stops = Vec::new();
    let mut last = 0;
    for &end in &chosen {
        out.push_str(&text[last..end]);
        stops.push(out.len());
        out.push('.');
        out.push(' ');
        let after = end + 1;
        let mut chars = text[after..].chars();
        let first = chars.next().unwrap_or(' ');
        if cased {
            out.extend(first.to_uppercase());
        } else {
            out.push(first);
        }
        last = after + first.len_utf8();
    }
    out.push_str(&text[last..]);
    (out, stops)
}

/// Inserts stops as `xtask eval noise` does for its two lowercase kinds:
/// before a word starting in a lowercase letter after a lowercase word of 3+
/// letters that is not one of `function_words` (`after_function`: false), or
/// after one of `function_words` before a word starting in a letter
/// (`after_function`: true); `(text.len() / 700).clamp(2, 6)` of them. Returns
/// the noisy text and the offsets of the inserted stops in it.
pub fn inject_lowercase_stops(text: &str, rng: &mut Rng, after_function: bool, function_words: &[&str]) -> (String, Vec<usize>) {
    let places = stop_places(text, |a, b| {
        if !a.chars().all(|c| c.is_lowercase() && c.is_alphabetic()) {
            return false;
        }
        let first = b.chars().next().unwrap_or(' ');
        if after_function {
            function_words.contains(&a) && first.is_alphabetic()
        } else {
            a.chars().count() >= 3 && !function_words.contains(&a) && first.is_alphabetic() && first.is_lowercase()
        }
    });
    let chosen = choose_stop_places(places, text.len(), rng);
    let mut out = String::with_capacity(text.len() + 8);
    let mut stops = Vec::new();
    let mut last = 0;
    for &end in &chosen {
        out.push_str(&text[last..end]);
        stops.push(out.len());
        out.push('.');
        last = end;
    }
    out.push_str(&text[last..]);
    (out, stops)
}

/// English function words of `xtask eval noise` (its stops after a function
/// word, and the words a lowercase stop is never put after).
pub const NOISE_FUNCTION_WORDS_EN: &[&str] = &[
    "the", "a", "an", "of", "to", "with", "and", "in", "for", "on", "that", "by", "from", "at", "as", "or", "into", "about",
    "than", "their", "its",
];

/// Indonesian function words of `xtask eval noise` (`--lang id`).
pub const NOISE_FUNCTION_WORDS_ID: &[&str] = &[
    "dengan", "di", "ke", "dari", "yang", "dan", "untuk", "pada", "bahwa", "dalam", "oleh", "atau", "para", "akan", "sebagai",
    "karena", "serta", "bagi", "terhadap", "antara", "tentang", "kepada", "seperti",
];

/// The offsets just after each word `a` of `text` followed, after one space
/// on the same line, by a word `b` with `keep(a, b)`: where a stop may go.
fn stop_places(text: &str, keep: impl Fn(&str, &str) -> bool) -> Vec<usize> {
    let mut places = Vec::new();
    let mut offset = 0;
    for line in text.split('\n') {
        let words: Vec<(usize, &str)> = space_words(line);
        for w in words.windows(2) {
            let ((a0, a), (b0, b)) = (w[0], w[1]);
            if b0 == a0 + a.len() + 1 && keep(a, b) {
                places.push(offset + a0 + a.len());
            }
        }
        offset += line.len() + 1;
    }
    places
}

/// `(text_len / 700).clamp(2, 6)` of the candidate `places`, drawn by a
/// shuffle with `rng` as `xtask eval noise` draws them, in text order.
fn choose_stop_places(mut places: Vec<usize>, text_len: usize, rng: &mut Rng) -> Vec<usize> {
    let want = (text_len / 700).clamp(2, 6);
    for i in (1..places.len()).rev() {
        let j = (rng.next() % (i as u64 + 1)) as usize;
        places.swap(i, j);
    }
    let mut chosen: Vec<usize> = places.into_iter().take(want).collect();
    chosen.sort_unstable();
    chosen
}


/// Folds of the English cohesion counts (session 14).
pub const EN_COHESION_FOLDS: usize = 5;

/// The fold of a counted English text: of BBC half 0 by its id, of EWT train
/// by its document id (the bits above the BBC half bit).
pub fn en_cohesion_fold(id: &str) -> usize {
    ((fnv(id) >> 1) % EN_COHESION_FOLDS as u64) as usize
}

/// The English cohesion counts (`warta_segment::cohesion::count_text_en`),
/// one map per fold: the distinct articles of BBC News 2005 half 0
/// (`fnv(id) & 1 == 0`, as `inject_caps` splits it; half 1 stays held out),
/// their paragraphs as lines, and the gold sentences of UD English EWT train,
/// one a line. Returns the maps and (BBC articles, EWT sentences, bytes).
pub type EnCounts = (std::collections::HashMap<u32, u32>, std::collections::HashSet<u32>);

pub fn en_cohesion_counts(data: &Path) -> std::io::Result<(Vec<EnCounts>, (usize, usize, usize))> {
    let mut folds: Vec<EnCounts> = vec![Default::default(); EN_COHESION_FOLDS];
    let (mut articles, mut sentences, mut bytes) = (0, 0, 0);
    // BBC repeats some articles under other ids: one whose text also stands
    // in half 1 is not counted (half 1 stays unseen).
    let mut seen = std::collections::HashSet::new();
    let articles_of = |path: &Path| -> std::io::Result<Vec<(String, String)>> {
        let mut out = Vec::new();
        for line in open(path)?.lines() {
            let v: Value = serde_json::from_str(&line?).unwrap_or_default();
            out.push((v["id"].as_str().unwrap_or("").to_string(), v["text"].as_str().unwrap_or("").to_string()));
        }
        Ok(out)
    };
    let bbc = articles_of(&data.join("news/bbc-news-2005.jsonl.gz"))?;
    for (id, text) in &bbc {
        if fnv(id) & 1 == 1 {
            seen.insert(text.as_str());
        }
    }
    for (id, text) in &bbc {
        let (id, text) = (id.as_str(), text.as_str());
        if text.is_empty() || fnv(id) & 1 != 0 || !seen.insert(text) {
            continue;
        }
        articles += 1;
        bytes += text.len();
        let f = &mut folds[en_cohesion_fold(id)];
        warta_segment::cohesion::count_text_en(text, &mut f.0);
        warta_segment::cohesion::count_ends(text, &mut f.1);
    }
    for d in load_gold_docs(&data.join("sbd/ud-en-ewt-train.jsonl"))? {
        let mut lines = String::new();
        for &(a, b) in &d.gold {
            let s = d.text[a..b].trim();
            if !s.is_empty() {
                lines.push_str(&s.replace('\n', " "));
                lines.push('\n');
                sentences += 1;
            }
        }
        bytes += lines.len();
        let f = &mut folds[en_cohesion_fold(&d.id)];
        warta_segment::cohesion::count_text_en(&lines, &mut f.0);
        warta_segment::cohesion::count_ends(&lines, &mut f.1);
    }
    Ok((folds, (articles, sentences, bytes)))
}

/// The table of every fold but `skip` (`None`: every fold, the shipped table).
pub fn en_cohesion_table(folds: &[EnCounts], skip: Option<usize>) -> warta_segment::cohesion::Cohesion {
    let mut sum: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
    let mut ends = std::collections::HashSet::new();
    for (k, f) in folds.iter().enumerate() {
        if Some(k) == skip {
            continue;
        }
        for (&key, &n) in &f.0 {
            *sum.entry(key).or_default() += n;
        }
        ends.extend(&f.1);
    }
    warta_segment::cohesion::Cohesion::from_counts_and(&sum, warta_segment::cohesion::MIN_COUNT, &ends)
}
