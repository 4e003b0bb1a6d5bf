//! What the kept articles look like: languages, length distributions and the
//! most frequent entities. Computed while the shards are written, stored per
//! unit of work and merged, so a resumed build needs no second pass.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

/// Sentence lengths in words: one bin per length up to this, then one overflow bin.
pub const SENTENCE_BINS: usize = 121;
/// Article lengths in words, in bins of this width, then one overflow bin.
pub const ARTICLE_BIN_WIDTH: u64 = 25;
pub const ARTICLE_BINS: usize = 401;
/// Entities kept per label per unit (the merge is exact below this rank).
pub const ENTITIES_KEPT: usize = 5000;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub articles: u64,
    pub text_bytes: u64,
    pub words: u64,
    pub sentences: u64,
    pub languages: BTreeMap<String, u64>,
    /// `sentence_words[n]`: sentences of n words (last bin: that many or more).
    pub sentence_words: Vec<u64>,
    /// `article_words[i]`: articles of `i*25 .. i*25+24` words (last bin: more).
    pub article_words: Vec<u64>,
    /// Per label, (surface form, mentions), most frequent first.
    pub entities: BTreeMap<String, Vec<(String, u64)>>,
    /// Per label, mentions in total.
    pub entity_mentions: BTreeMap<String, u64>,
    /// True when some label had more distinct entities than were kept.
    pub entities_truncated: bool,
}

#[derive(Deserialize)]
struct SpanView {
    start: usize,
    end: usize,
}

#[derive(Deserialize)]
struct EntityView<'a> {
    #[serde(borrow)]
    label: Cow<'a, str>,
    #[serde(borrow, default)]
    text: Cow<'a, str>,
}

/// The fields of an `articles.jsonl` line the profile needs.
#[derive(Deserialize)]
pub struct ArticleView<'a> {
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    #[serde(borrow, default)]
    text: Cow<'a, str>,
    #[serde(borrow, default)]
    lang: Option<Cow<'a, str>>,
    #[serde(default)]
    sentences: Vec<SpanView>,
    #[serde(borrow, default)]
    entities: Vec<EntityView<'a>>,
}

/// Accumulates a profile over one unit's articles.
#[derive(Default)]
pub struct Profiler {
    profile: Profile,
    entity_counts: HashMap<(String, String), u64>,
}

fn word_count(s: &str) -> u64 {
    s.split_whitespace().count() as u64
}

impl Profiler {
    pub fn new() -> Self {
        let mut p = Profiler::default();
        p.profile.sentence_words = vec![0; SENTENCE_BINS];
        p.profile.article_words = vec![0; ARTICLE_BINS];
        p
    }

    pub fn add(&mut self, a: &ArticleView<'_>) {
        let p = &mut self.profile;
        p.articles += 1;
        p.text_bytes += a.text.len() as u64;
        let words = word_count(&a.text);
        p.words += words;
        *p.languages.entry(a.lang.as_deref().unwrap_or("unknown").to_string()).or_default() += 1;
        p.article_words[((words / ARTICLE_BIN_WIDTH) as usize).min(ARTICLE_BINS - 1)] += 1;
        // Sentence spans are character offsets: walk the text once, in step
        // with the (sorted) offsets, to find their bytes.
        let text = a.text.as_ref();
        let mut chars = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len()));
        let (mut at_char, mut at_byte) = (0usize, chars.next().unwrap_or(0));
        let mut byte_of = |c: usize| -> Option<usize> {
            if c < at_char {
                return None;
            }
            while at_char < c {
                at_byte = chars.next()?;
                at_char += 1;
            }
            Some(at_byte)
        };
        for s in &a.sentences {
            let (Some(start), Some(end)) = (byte_of(s.start), byte_of(s.end)) else { break };
            let Some(slice) = text.get(start..end) else { break };
            p.sentences += 1;
            p.sentence_words[(word_count(slice) as usize).min(SENTENCE_BINS - 1)] += 1;
        }
        for e in &a.entities {
            let surface = e.text.split_whitespace().collect::<Vec<_>>().join(" ");
            if surface.is_empty() {
                continue;
            }
            *p.entity_mentions.entry(e.label.to_string()).or_default() += 1;
            *self.entity_counts.entry((e.label.to_string(), surface)).or_default() += 1;
        }
    }

    pub fn finish(mut self) -> Profile {
        let mut by_label: BTreeMap<String, Vec<(String, u64)>> = BTreeMap::new();
        for ((label, text), n) in self.entity_counts {
            by_label.entry(label).or_default().push((text, n));
        }
        for (label, mut list) in by_label {
            sort_entities(&mut list);
            if list.len() > ENTITIES_KEPT {
                list.truncate(ENTITIES_KEPT);
                self.profile.entities_truncated = true;
            }
            self.profile.entities.insert(label, list);
        }
        self.profile
    }
}

/// Most mentions first; ties by surface form, so the order is deterministic.
fn sort_entities(list: &mut [(String, u64)]) {
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
}

fn add_vec(into: &mut Vec<u64>, from: &[u64]) {
    if into.len() < from.len() {
        into.resize(from.len(), 0);
    }
    for (i, v) in from.iter().enumerate() {
        into[i] += v;
    }
}

impl Profile {
    pub fn merge(&mut self, other: &Profile) {
        self.articles += other.articles;
        self.text_bytes += other.text_bytes;
        self.words += other.words;
        self.sentences += other.sentences;
        for (k, v) in &other.languages {
            *self.languages.entry(k.clone()).or_default() += v;
        }
        add_vec(&mut self.sentence_words, &other.sentence_words);
        add_vec(&mut self.article_words, &other.article_words);
        for (k, v) in &other.entity_mentions {
            *self.entity_mentions.entry(k.clone()).or_default() += v;
        }
        for (label, list) in &other.entities {
            let mut counts: BTreeMap<String, u64> = self.entities.remove(label).unwrap_or_default().into_iter().collect();
            for (text, n) in list {
                *counts.entry(text.clone()).or_default() += n;
            }
            let mut merged: Vec<(String, u64)> = counts.into_iter().collect();
            sort_entities(&mut merged);
            if merged.len() > ENTITIES_KEPT {
                merged.truncate(ENTITIES_KEPT);
                self.entities_truncated = true;
            }
            self.entities.insert(label.clone(), merged);
        }
        self.entities_truncated |= other.entities_truncated;
    }

    /// The `q` quantile (0..=1) of a histogram whose bin `i` stands for the
    /// value `i * width` (its lower edge).
    pub fn quantile(bins: &[u64], width: u64, q: f64) -> Option<u64> {
        let total: u64 = bins.iter().sum();
        if total == 0 {
            return None;
        }
        let target = ((total as f64) * q).ceil().max(1.0) as u64;
        let mut seen = 0;
        for (i, n) in bins.iter().enumerate() {
            seen += n;
            if seen >= target {
                return Some(i as u64 * width);
            }
        }
        Some((bins.len() as u64 - 1) * width)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(line: &str) -> Profile {
        let v: ArticleView<'_> = serde_json::from_str(line).unwrap();
        let mut p = Profiler::new();
        p.add(&v);
        p.finish()
    }

    #[test]
    fn sentence_lengths_use_character_offsets() {
        // "Ésa" has a 2-byte first char: byte offsets would cut the text wrongly.
        let p = view(r#"{"id":"a","text":"Ésa dua tiga. Satu dua.","lang":"id","sentences":[{"start":0,"end":13},{"start":14,"end":23}],"entities":[]}"#);
        assert_eq!(p.sentences, 2);
        assert_eq!(p.sentence_words[3], 1);
        assert_eq!(p.sentence_words[2], 1);
        assert_eq!(p.words, 5);
        assert_eq!(p.languages["id"], 1);
    }

    #[test]
    fn spans_outside_the_text_are_ignored_not_fatal() {
        let p = view(r#"{"id":"a","text":"ab","sentences":[{"start":0,"end":99}]}"#);
        assert_eq!(p.sentences, 0);
        assert_eq!(p.languages["unknown"], 1);
    }

    #[test]
    fn entities_merge_by_label_and_form() {
        let a = view(r#"{"id":"a","text":"x","entities":[{"label":"PER","text":"Joko  Widodo"},{"label":"PER","text":"Joko Widodo"},{"label":"LOC","text":"Jakarta"}]}"#);
        let b = view(r#"{"id":"b","text":"y","entities":[{"label":"LOC","text":"Bandung"},{"label":"LOC","text":"Bandung"}]}"#);
        let mut m = a.clone();
        m.merge(&b);
        assert_eq!(m.entities["PER"], vec![("Joko Widodo".to_string(), 2)]);
        assert_eq!(m.entities["LOC"], vec![("Bandung".to_string(), 2), ("Jakarta".to_string(), 1)]);
        assert_eq!(m.entity_mentions["LOC"], 3);
    }

    #[test]
    fn quantiles_come_from_the_histogram() {
        let bins = [0, 2, 1, 1];
        assert_eq!(Profile::quantile(&bins, 10, 0.5), Some(10));
        assert_eq!(Profile::quantile(&bins, 10, 1.0), Some(30));
        assert_eq!(Profile::quantile(&[0, 0], 1, 0.5), None);
    }
}
