//! warta's segmentation stage: sentence and word-token spans for Indonesian
//! and English, a generic fallback for every other language, and repair of
//! full stops that scrapers insert inside sentences.
//!
//! Sentences come from one linear rule pass over the text (abbreviation
//! classes, initials, numbers, links, ellipses, quotes and brackets, list
//! markers), driven by word lists kept as data in `data/`. Tokens are
//! reversible byte spans that never cross a sentence boundary.
//!
//! ```
//! use warta_segment::{segment, tokenize};
//! let text = "Harga naik 7.195,63 poin, kata Dr. Andi S. Wibowo. Namun pasar tenang.";
//! let sentences = segment(text, "id");
//! let texts: Vec<&str> = sentences.iter().map(|s| s.slice(text)).collect();
//! assert_eq!(texts, ["Harga naik 7.195,63 poin, kata Dr. Andi S. Wibowo.", "Namun pasar tenang."]);
//! let tokens = tokenize(text, &sentences);
//! assert_eq!(tokens[2].slice(text), "7.195,63");
//! ```
//!
//! The [`Segmenter`] stage also takes out spurious full stops ("kerja sama
//! dengan. Perdana Menteri") before it computes spans, and records each
//! repair on the article (`spurious_full_stop`, with context before and
//! after, and an edit count). The article title is not segmented.
//!
//! A learned boundary model ([`model`], trained by this crate's
//! `examples/train_boundary.rs` on UD English EWT train and, for Indonesian
//! repair, on unlabelled scraped news with stops inserted by code; embedded in the
//! binary) adds what the rules cannot decide: English sentence boundaries
//! without punctuation (mail headers, signatures, lists of links), and repairs of stops the
//! rules leave alone (kind [`SpuriousKind::Learned`]); the Indonesian repair
//! also reads a table of word cohesion counts from the same news
//! ([`cohesion`]: hashed keys, no text). Stops before a capitalised word far
//! from any sure spurious stop are read with a clause test (is there a finite
//! verb, Indonesian: a predicate, on each side?) and repaired only in pairs;
//! in English also alone after a word that an English cohesion table (BBC
//! News 2005 half 0 and EWT train sentences; no model reads it) says never
//! ends a sentence (session 14).
//! [`segment_rules`] and
//! [`find_spurious_stops_with`] give the rules alone; `SegmentConfig::learned_model`
//! switches the model off in the stage.
//!
//! Language codes: `id` (and `ms`) and `en` get their own lists; any other
//! code, or none, gets the generic fallback, which never repairs.
//!
//! `examples/eval.rs` scores the rules against the shared gold data (UD,
//! IndoSum, golden rules), the repair against stops inserted by code, and
//! the speed; `README.md` has the figures.

mod chars;
mod clause;
pub mod cohesion;
mod lang;
pub mod model;
mod repair;
mod sentence;
mod token;
mod unpunct;

use serde::{Deserialize, Serialize};
use warta_core::{Article, ArticleStage, RejectReason};

pub use repair::{
    capitalised_stops, capitalised_stops_with, lowercase_stops, word_cohesion, CapitalisedStop, LowercaseStop,
    find_spurious_stops, find_spurious_stops_with, find_spurious_stops_with_english_table, learned_repair_candidates, learned_repair_candidates_with, is_predicate_word, rule_stops_ungated, SpuriousKind, SpuriousStop,
};
pub use sentence::{segment, segment_rules};
pub use token::tokenize;

/// Settings of the segmentation stage. Every field has a default, so a
/// manifest may set any subset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SegmentConfig {
    /// Take out full stops inserted inside sentences by scrapers, recording
    /// each repair (`spurious_full_stop`).
    pub repair_boundaries: bool,
    /// Fill `article.tokens` as well as `article.sentences`.
    pub tokens: bool,
    /// Characters of context kept on each side of a repair in its record.
    pub repair_context_chars: usize,
    /// Use the learned boundary model (English unpunctuated boundaries,
    /// repairs the rules cannot decide); `false` runs the rules alone.
    pub learned_model: bool,
}

impl Default for SegmentConfig {
    fn default() -> Self {
        SegmentConfig { repair_boundaries: true, tokens: true, repair_context_chars: 24, learned_model: true }
    }
}

/// The segmentation stage (`"segment"`).
#[derive(Debug, Clone, Default)]
pub struct Segmenter {
    cfg: SegmentConfig,
}

impl Segmenter {
    pub fn new(cfg: SegmentConfig) -> Self {
        Segmenter { cfg }
    }

    pub fn config(&self) -> &SegmentConfig {
        &self.cfg
    }

    /// Removes spurious full stops from the article text, recording each;
    /// returns how many were removed.
    pub fn repair(&self, article: &mut Article) -> usize {
        let stops = find_spurious_stops_with(&article.text, article.lang_code(), self.cfg.learned_model);
        if stops.is_empty() {
            return 0;
        }
        for s in &stops {
            let (before, after) = repair::context(&article.text, s, self.cfg.repair_context_chars);
            article.record_repair("segment", "spurious_full_stop", before, after);
        }
        let repaired = repair::remove_stops(&article.text, &stops);
        article.replace_text(repaired);
        article.count_edit("spurious_full_stop", stops.len() as u64);
        stops.len()
    }
}

impl ArticleStage for Segmenter {
    fn name(&self) -> &'static str {
        "segment"
    }

    fn process(&self, article: &mut Article) -> Result<(), (RejectReason, String)> {
        // Each pass is linear in the text, so the per-article time limit is
        // checked between passes rather than inside them.
        if self.cfg.repair_boundaries {
            self.repair(article);
            warta_core::deadline::check(self.name())?;
        }
        let sentences = if self.cfg.learned_model {
            segment(&article.text, article.lang_code())
        } else {
            segment_rules(&article.text, article.lang_code())
        };
        warta_core::deadline::check(self.name())?;
        article.tokens = if self.cfg.tokens { token::tokenize_exact(&article.text, &sentences) } else { Vec::new() };
        article.sentences = sentences;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
