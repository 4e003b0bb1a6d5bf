//! warta's entity tagger: PER, ORG and LOC spans, person titles and a
//! per-article entity summary.
//!
//! The model is a linear-chain CRF over BILOU tags (trained by
//! conditional log-likelihood, [`train`]; an averaged perceptron until
//! session 4) with Viterbi decoding (illegal transitions forbidden); its
//! output is BIO. Its
//! features are the word, its lower case, shape, prefixes and suffixes,
//! character 3–5-grams, the neighbouring words,
//! capitalisation in context, trigger words, gazetteer membership (an
//! Aho-Corasick automaton over place names, organisation heads and suffixes,
//! news agencies; read with how often the word is capitalised in the news)
//! and word clusters learned from unlabelled news text. One weight table
//! serves Indonesian (`id`, also used for `ms`), one English and every other
//! language.
//!
//! - **Entities** (`article.entities`): byte spans on token boundaries, label
//!   `PER`/`ORG`/`LOC`, score `1 - exp(-margin / T)` where the margin is how
//!   much the best tag sequence beats the best one that tags any token of the
//!   entity otherwise (0 = a tie; with the default `T` the margin is in
//!   nats); on the dev sets, entities scoring 0.99+ are about 97% correct,
//!   0.5–0.8 about 68%.
//! - **One reading per article** (`TagConfig::one_reading_per_article`,
//!   on by default): an untagged mention of a name the article tags surely
//!   elsewhere is tagged the same ([`consistency`]): the sentence-level model
//!   misses "Tiongkok" where it opens a sentence, not where the article has
//!   already named it. Initials with an age ("JN (37)") are a person
//!   throughout the article, and an outlet quoted as a source ("dikutip
//!   dari Koreaboo"), a news agency or newspaper after its kind ("kantor
//!   berita pemerintah Rusia Tass") or a company described as one ("oil
//!   giant Yukos") is an organisation. A mention read unsurely with
//!   another label than a name's sure reading (two mentions at 0.9+) takes
//!   that reading ("Kejagung" LOC at 0.17 beside ORG at 0.99 and 0.96),
//!   and a name read unsurely as a person's that ends with an
//!   organisation's the article reads surely is the organisation's
//!   ("Scuderia Ferrari" beside "Ferrari" ORG; not "Enzo Ferrari").
//! - **Sports clubs and teams** (English; [`teams`]): a name read as a
//!   place or a person is an organisation where the article shows it is a
//!   team: a club's last or first word ("Manchester United", "Real
//!   Madrid"), a plural verb ("Liverpool have"), a club's role ("Bolton
//!   boss"), a score or "v" between names, a result ("beat Southampton"),
//!   "played for", a list of teams;
//!   then in all its mentions but those after "in", "near" … ("in
//!   Madrid"). Never a country or region (a national team stays as read).
//! - **Companies** (English; [`companies`]): a name read as a person or
//!   a place is an organisation where the article shows it is a company:
//!   its shares or officers after it ("Yukos shares", "BT chief
//!   executive"), a legal form ("Marsh Inc"), a holding before it ("a
//!   stake in Sina"), a descriptor ("state-owned Rosneft"), an apposition
//!   (", the oil giant,"), or two weaker cues ("Merck's profits", "the
//!   sale of Yugansk"); then in all its mentions but a place's after "in"
//!   … Never a name after "Mr" …, a place of the gazetteer, or a person's
//!   name opening with a first name.
//! - **First names**: an untagged first name right before a person's name
//!   the model began one word late joins it ("Spencer Abraham").
//! - **Forms of address**: the name after "Mr", "Mrs", "Ms", "Dr" (and
//!   Indonesian "Pak", "Bu", "Mas", "Mbak", "Kak", "Bang", "Bung") is a person's
//!   ("Mr Kennedy" is no place); English spans leave the form out.
//! - **Common acronyms** of things ("IHSG", "STNK", "GDP", "CEO") are no
//!   entity, alone.
//! - **Places**: an entity read as PER that is, as a whole, a country or
//!   region of the gazetteer and no person's name there ("Korut", North
//!   Korea) is LOC; with the Indonesian weights, so is a region read as
//!   ORG ("NTB").
//! - **Last words**: an English name of two words or more read unsurely
//!   (below 0.9) whose last word says what it is takes that reading: a
//!   person's name ending in "Street", "Stadium", "Theatre" ... after "the",
//!   a preposition of place or a possessive is a place ("on George
//!   Street", "Seville's Olympic Stadium"), a place's ending in "Council",
//!   "Bank", "University" ... an organisation ("World Bank"; not "West
//!   Bank", a place of the gazetteer) (`names_by_their_heads`).
//! - **"the"** in lower case opens no English name ("the Netherlands"
//!   is "Netherlands").
//! - **Lists**: the items of a list ("A, B, C dan D") are of one kind; an
//!   item read unsurely against most of the others, two of them sure,
//!   takes their label ([`consistency::like_items_of_a_list`]).
//! - **Spelled-out acronyms**: an acronym the article introduces after
//!   lower-case words that spell it ("rapat dengar pendapat umum (RDPU)")
//!   names a thing and is no entity anywhere in the article
//!   ([`consistency::things_spelled_out`]).
//! - **Party members**: "Tory", "Tories" alone are no entity (English;
//!   UNER EWT tags a party adjective or its members O).
//! - **Bills**: a draft law ("the Finance Bill", "the Bill") is no
//!   person or place (English).
//! - **Digits**: a person's name has none; an entity read as PER with a
//!   word holding a digit (a product, "Xpeng G6", "Poco F7") is no entity.
//! - **Text without case** (issue #9): a sentence all in capitals (a
//!   headline, an article in capitals) or all in lower case is read with
//!   the weights' caseless profile (`train::CASELESS_PROFILE`: learnt on
//!   copies of the train sentences in capitals and in lower case, on top of
//!   the general weights, which never see them), or, for weights without
//!   one, as if each word had the case it usually has in the news
//!   ([`recase`]; `TagConfig::recase_upper`, `recase_lower`). The
//!   Indonesian weights, which learnt lower case from NERP, read lower case
//!   as written.
//! - **A second look** ([`second_look`]): a sentence with an entity that
//!   holds a possessive "'s" or is written all in lower case is read again
//!   with what the article says: the "'s" of a name the article writes
//!   without it, or of a country or city, is kept outside the entity and
//!   the name before it takes the article's reading ("Apple's" LOC is
//!   "Apple" ORG; "McDonald's" stays); a common word in lower case in
//!   cased text is no name ("jalan raya", "anggun"; not "detikcom").
//!   Sentence-level evaluation (`tag_words`) reads the sentence as the
//!   whole article.
//! - **Titles** (`article.titles`, label `TITLE`): see [`titles`].
//! - **Summary** (`article.entity_summary`): the article's distinct
//!   entities with counts and first byte offset, in order of first mention;
//!   a part of a person's name and a bracketed acronym are counted under
//!   the full name, as its `aliases` ([`summarise`]).
//! - **Profiles** (`TagConfig::profile`): the training sets disagree on
//!   conventions; a profile adds the weights learnt for one set's conventions
//!   on top of the general model (see `model/PROVENANCE.md`).
//!
//! Speed: the weights of a token's context-free features are summed once
//! per distinct word form and kept in a per-thread cache (`forms.rs`), so
//! per token only the features over several words are looked up; the
//! integer sums are exact, so the output never depends on the cache (see
//! `model/PROVENANCE.md` for the figures and `examples/bench.rs`).
//!
//! Tokens come from `article.tokens`; when it is empty the tagger tokenizes
//! itself ([`tokenize`]). Sentences come from `article.sentences` (else the
//! tagger splits after `.`, `!`, `?`).
//!
//! ```
//! use warta_core::{Article, ArticleStage, Span};
//! use warta_tag::{TagConfig, Tagger};
//! let tagger = Tagger::embedded(TagConfig::default());
//! let mut a = Article::new("a", "Presiden Rusia Vladimir Putin tiba di Moskow.");
//! a.lang = Some("id".into());
//! a.sentences = vec![Span::new(0, a.text.len())];
//! tagger.process(&mut a).unwrap();
//! assert!(a.entities.iter().any(|e| e.label == "PER" && e.span.slice(&a.text) == "Vladimir Putin"));
//! ```

#[cfg(test)]
mod article_fixture;
pub mod brown;
pub mod clusters;
pub mod companies;
pub mod consistency;
pub mod eval;
pub mod features;
mod forms;
pub mod gazetteer;
pub mod gum;
pub mod model;
// Also build.rs's: the crate itself reads only part of it (the tests, more).
#[cfg_attr(not(test), allow(dead_code))]
mod lists;
pub mod recase;
pub mod second_look;
pub mod teams;
pub mod titles;
pub mod tokenize;
pub mod train;

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError, Weak};

use serde::{Deserialize, Serialize};
use warta_core::{Article, ArticleStage, Entity, EntitySummary, RejectReason, Span};

use crate::gazetteer::{GazClass, Gazetteer};
use crate::model::{viterbi, Clusters, LangWeights, ModelFile, LABELS, N_TAGS};

/// The model committed with the crate (see `model/PROVENANCE.md`).
pub const EMBEDDED_MODEL: &[u8] = include_bytes!("../model/ner.bin.zst");

/// Sentences longer than this are tagged in pieces (bounded scratch memory).
const MAX_CHUNK_TOKENS: usize = 400;

/// Settings of the tag stage; every field has a default, so a manifest can
/// set any subset.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct TagConfig {
    /// Entities whose score is below this are dropped (scores are in `[0, 1]`).
    pub min_score: f32,
    /// Tag person titles and roles into `article.titles`.
    pub titles: bool,
    /// Fill `article.entity_summary`.
    pub summary: bool,
    /// Temperature turning Viterbi margins into scores (`1 - exp(-margin / T)`);
    /// larger gives lower scores.
    pub score_temperature: f32,
    /// Annotation-convention profile: empty for the general model (the
    /// default), or the name of a training set whose conventions to follow
    /// (`indolem-nerui`, `nergrit`, ... see the model's PROVENANCE.md).
    pub profile: String,
    /// Tag the untagged mentions of a name the article tags surely elsewhere
    /// ([`consistency`]).
    pub one_reading_per_article: bool,
    /// Tag a sentence written all in capitals as if its words had their
    /// usual case ([`recase`]), with weights that have no profile for text
    /// without case (`train::CASELESS_PROFILE`; the embedded model has
    /// one for each language, which such a sentence is read with instead).
    pub recase_upper: bool,
    /// The same for a sentence all in lower case, for the weights that
    /// were not trained on lower-case text: not the Indonesian ones, which
    /// learnt it from NERP (recasing NERP's dev split lowered it from 84.2
    /// to 80.0) and read it as written.
    pub recase_lower: bool,
    /// Tag text identified as a language the model has no weights for (not
    /// Indonesian, Malay or English) with the English weights (the
    /// default). They find that text's names less surely: on the embedded
    /// corpus's German article 5 of 9 entities are right, and German nouns
    /// and French articles pass for names ("Die Kosten" PER, "Le" PER).
    /// Off, such an article gets no entities, titles or summary. Text whose
    /// language is unknown is tagged with the English weights either way.
    pub other_languages: bool,
}

impl Default for TagConfig {
    fn default() -> Self {
        TagConfig {
            min_score: 0.0,
            titles: true,
            summary: true,
            score_temperature: 20.0,
            profile: String::new(),
            one_reading_per_article: true,
            recase_upper: true,
            recase_lower: true,
            other_languages: true,
        }
    }
}

/// The weights that were trained for text in `lang`: the Indonesian ones
/// for Indonesian and Malay, the English ones for English and for text
/// whose language is unknown (a short English text the language identifier
/// could not call); `None` for any other language, which the English
/// weights read only when `TagConfig::other_languages` is on.
fn weights_language(lang: &str) -> Option<&'static str> {
    match lang {
        "id" | "ms" => Some("id"),
        "en" | "unknown" | "" => Some("en"),
        _ => None,
    }
}

/// The tagger: immutable after construction, shared read-only across threads.
pub struct Tagger {
    /// Distinguishes taggers in the per-thread word-form cache.
    id: usize,
    cfg: TagConfig,
    langs: Arc<[LangWeights]>,
    clusters: Arc<Clusters>,
    /// One per weight set in `langs` (the weights' language reads its own
    /// gazetteer, [`Gazetteer::embedded_for`]).
    gazetteers: Arc<[Gazetteer]>,
}

/// The tables of the embedded model while a tagger holds them
/// ([`Tagger::embedded`]).
type SharedTables = (Weak<[LangWeights]>, Weak<Clusters>, Weak<[Gazetteer]>);

static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tagger")
            .field("cfg", &self.cfg)
            .field(
                "langs",
                &self
                    .langs
                    .iter()
                    .map(|l| l.lang.as_str())
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Tagger {
    /// The tagger with the model compiled into the crate. While a tagger
    /// made here lives, another made here shares its tables (weights,
    /// clusters, gazetteers; read-only) instead of loading the model again:
    /// the tests and tools that make several taggers (other settings, other
    /// threads) load it once (session 21). Nothing is kept once the last
    /// of them is dropped.
    pub fn embedded(cfg: TagConfig) -> Self {
        static SHARED: Mutex<Option<SharedTables>> = Mutex::new(None);
        // Held while loading: a second caller waits for the tables and
        // shares them.
        let mut shared = SHARED.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((langs, clusters, gazetteers)) = shared.as_ref() {
            if let (Some(langs), Some(clusters), Some(gazetteers)) =
                (langs.upgrade(), clusters.upgrade(), gazetteers.upgrade())
            {
                return Tagger {
                    id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
                    cfg,
                    langs,
                    clusters,
                    gazetteers,
                };
            }
        }
        let tagger = Self::from_bytes(cfg, EMBEDDED_MODEL)
            .expect("the embedded model is valid (checked by the crate's tests)");
        *shared = Some((
            Arc::downgrade(&tagger.langs),
            Arc::downgrade(&tagger.clusters),
            Arc::downgrade(&tagger.gazetteers),
        ));
        tagger
    }

    /// A tagger with a model file given by the user (the output of the
    /// `train` example). Bad bytes give a clear error.
    pub fn from_bytes(cfg: TagConfig, bytes: &[u8]) -> Result<Self, warta_core::Error> {
        let file = ModelFile::from_bytes(bytes)
            .map_err(|e| warta_core::Error::Format(format!("tag model: {e}")))?;
        Ok(Self::from_model(cfg, &file))
    }

    pub fn from_model(cfg: TagConfig, file: &ModelFile) -> Self {
        Tagger {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            cfg,
            langs: file.langs.iter().map(LangWeights::from_file).collect(),
            clusters: Arc::new(Clusters::new(&file.cluster_words, &file.cluster_ids)),
            gazetteers: file
                .langs
                .iter()
                .map(|l| Gazetteer::embedded_for(&l.lang))
                .collect(),
        }
    }

    /// Whether the weights serving `lang` have the profile `name`.
    pub fn has_profile(&self, name: &str, lang: &str) -> bool {
        self.weights_for(lang).profile_id(name).is_some()
    }

    pub fn config(&self) -> &TagConfig {
        &self.cfg
    }

    /// The weights that serve `lang` (Indonesian for `id`/`ms`, else English).
    fn weights_for(&self, lang: &str) -> &LangWeights {
        &self.langs[self.lang_index(lang)]
    }

    fn lang_index(&self, lang: &str) -> usize {
        let want = weights_language(lang).unwrap_or("en");
        self.langs.iter().position(|l| l.lang == want).unwrap_or(0)
    }

    /// Tags one sequence of words, returning BIO tag indices. For evaluation
    /// and training tools; `process` is the stage entry point.
    pub fn tag_words(&self, words: &[&str], lang: &str) -> Vec<usize> {
        let mut scratch = Scratch::default();
        let lang = self.lang_index(lang);
        let profile = self.profile_for(&self.langs[lang]);
        self.tag_chunk(words, lang, profile, &mut scratch, None);
        // The second look, with the sentence as the whole article.
        if scratch.tags.iter().any(|&t| t != 0) {
            let names = Names::of_sentence(words, &scratch.tags);
            self.second_look(words, lang, profile, &mut scratch, &names);
        }
        scratch.tags.clone()
    }

    /// The sentence `words`, already tagged in `s`, read again with what
    /// the article says ([`second_look`]) in `names`.
    fn second_look(&self, words: &[&str], lang: usize, profile: Option<u16>, s: &mut Scratch, names: &Names) {
        if let Some(mask) = self.possessive_mask(words, &s.tags, lang, names) {
            self.tag_chunk(words, lang, profile, s, Some(&mask));
        }
        self.lower_case_misreadings(words, &mut s.tags, lang, names);
    }

    /// [`second_look::possessive_mask`] with the article's `names`.
    fn possessive_mask(&self, words: &[&str], tags: &[usize], lang: usize, names: &Names) -> Option<Vec<u16>> {
        let is_known = |x: &str| match names.label_of(x) {
            Some(label) => Some(Some(label)),
            None => names.written_bare(x).then_some(None),
        };
        second_look::possessive_mask(words, tags, &is_known, &self.gazetteers[lang])
    }

    /// [`second_look::lower_case_misreadings`] with the article's `names`.
    fn lower_case_misreadings(&self, words: &[&str], tags: &mut [usize], lang: usize, names: &Names) -> usize {
        let caseless = recase::caseless(words).is_some();
        let is_capitalised = |x: &str| names.capitalised.contains(x);
        second_look::lower_case_misreadings(words, tags, caseless, names.writes_capitals, &self.clusters, &self.gazetteers[lang], &is_capitalised)
    }

    /// The configured profile, if the weights for this language have it.
    fn profile_for(&self, weights: &LangWeights) -> Option<u16> {
        if self.cfg.profile.is_empty() {
            None
        } else {
            weights.profile_id(&self.cfg.profile)
        }
    }

    /// Tags one sentence into `s.tags` (BIO); `mask`: the tags allowed at
    /// each token ([`viterbi`]).
    fn tag_chunk(&self, words: &[&str], lang: usize, profile: Option<u16>, s: &mut Scratch, mask: Option<&[u16]>) {
        let weights = &self.langs[lang];
        let recased: Vec<String>;
        let recased_words: Vec<&str>;
        // The Indonesian weights learnt lower case from NERP: they read it
        // as written.
        let kind = recase::caseless(words)
            .filter(|k| *k == recase::Caseless::Upper || weights.lang != "id");
        let (words, profile) = match (kind, weights.caseless_profile()) {
            // Weights with a profile for text without case read it as
            // written, with that profile.
            (Some(_), Some(p)) => (words, Some(p)),
            (Some(recase::Caseless::Upper), None) if self.cfg.recase_upper => {
                recased = recase::usual_case(words, &self.clusters);
                recased_words = recased.iter().map(String::as_str).collect();
                (&recased_words[..], profile)
            }
            (Some(recase::Caseless::Lower), None) if self.cfg.recase_lower => {
                recased = recase::usual_case(words, &self.clusters);
                recased_words = recased.iter().map(String::as_str).collect();
                (&recased_words[..], profile)
            }
            _ => (words, profile),
        };
        let owner = forms::Owner {
            tagger: self.id,
            lang,
            profile,
        };
        forms::emissions(
            words,
            owner,
            weights,
            &self.clusters,
            &self.gazetteers[lang],
            &mut s.sentence,
            &mut s.emis,
        );
        viterbi(
            &s.emis,
            &weights.transitions,
            mask,
            &mut s.tags,
            &mut s.margins,
            &mut s.back,
        );
        // The model's BILOU tags as BIO.
        for t in &mut s.tags {
            *t = model::to_bio(*t);
        }
        first_names_into_names(&mut s.tags, &mut s.margins, &s.sentence.gaz, words);
        names_after_forms_of_address(&mut s.tags, words, weights.lang == "id");
        untag_common_acronyms(&mut s.tags, words);
        untag_persons_with_digits(&mut s.tags, words);
        places_read_as_persons(&mut s.tags, words, &s.sentence.gaz, &self.gazetteers[lang], weights.lang == "id");
        if weights.lang != "id" {
            article_out_of_names(&mut s.tags, words);
            untag_bills(&mut s.tags, words);
            untag_party_members(&mut s.tags, words);
            // An entity is unsure below a score of UNSURE_SCORE: its
            // smallest margin below this.
            let unsure_margin = -(1.0 - UNSURE_SCORE).ln() * self.cfg.score_temperature.max(1e-3) / weights.scale;
            let unsure = |m: i32| (m.max(0) as f32) < unsure_margin;
            names_by_their_heads(&mut s.tags, &s.margins, words, &self.gazetteers[lang], unsure);
        }
    }

    fn tag_article(&self, a: &mut Article) -> Result<(), (RejectReason, String)> {
        if !self.cfg.other_languages && weights_language(a.lang_code()).is_none() {
            a.entities.clear();
            a.titles.clear();
            a.entity_summary.clear();
            return Ok(());
        }
        let text = a.text.as_str();
        let computed;
        let tokens: &[Span] = if a.tokens.is_empty() {
            computed = tokenize::tokenize(text, &a.sentences);
            &computed
        } else {
            &a.tokens
        };
        // Only well-formed tokens are used (never panic on foreign spans):
        // non-empty, on char boundaries, and in order without overlap, so
        // every entity span runs forwards.
        let mut valid: Vec<Span> = Vec::with_capacity(tokens.len());
        for t in tokens {
            let in_order = valid.last().is_none_or(|last| last.end <= t.start);
            if t.start < t.end && in_order && text.get(t.start..t.end).is_some() {
                valid.push(*t);
            }
        }
        let lang = self.lang_index(a.lang_code());
        let weights = &self.langs[lang];
        let profile = self.profile_for(weights);
        with_scratch(|s| self.tag_tokens(a, &valid, lang, profile, s))
    }

    fn tag_tokens(
        &self,
        a: &mut Article,
        valid: &[Span],
        lang: usize,
        profile: Option<u16>,
        s: &mut Scratch,
    ) -> Result<(), (RejectReason, String)> {
        let text = a.text.as_str();
        let weights = &self.langs[lang];
        let mut entities = Vec::new();
        let mut titles = Vec::new();
        let mut opens_sentence = vec![false; valid.len()];
        let mut first = 0;
        let sentences = chunks(valid, &a.sentences, text);
        // Where each sentence's entities and titles begin.
        let mut firsts = Vec::with_capacity(sentences.len() + 1);
        for &chunk in &sentences {
            opens_sentence[first] = true;
            first += chunk.len();
            // The per-article time limit (set by the pipeline; no-op otherwise).
            warta_core::deadline::check(self.name())?;
            let words: Vec<&str> = chunk.iter().map(|t| t.slice(text)).collect();
            self.tag_chunk(&words, lang, profile, s, None);
            let first_entity = entities.len();
            firsts.push((first_entity, titles.len()));
            self.collect_entities(chunk, weights, s, &mut entities);
            if self.cfg.titles {
                self.collect_titles(chunk, &words, s, &entities[first_entity..], &mut titles);
            }
        }
        firsts.push((entities.len(), titles.len()));
        // A second look at the sentences with a doubtful entity, with the
        // article's names ([`second_look`]); from the last sentence, so
        // that the ranges of those before stay put.
        let doubtful = |e: &Entity| {
            let surface = e.span.slice(text);
            second_look::may_hold_possessive(surface) || second_look::is_all_lower_case(surface)
        };
        if entities.iter().any(doubtful) {
            let names = Names::of_article(text, valid, &opens_sentence, &entities);
            for (k, &chunk) in sentences.iter().enumerate().rev() {
                let ((e0, t0), (e1, t1)) = (firsts[k], firsts[k + 1]);
                if !entities[e0..e1].iter().any(doubtful) {
                    continue;
                }
                warta_core::deadline::check(self.name())?;
                let words: Vec<&str> = chunk.iter().map(|t| t.slice(text)).collect();
                // The sentence's tags, read back from its entities.
                let mut tags = vec![0; chunk.len()];
                for e in &entities[e0..e1] {
                    let first = chunk.partition_point(|t| t.start < e.span.start);
                    let end = chunk.partition_point(|t| t.end <= e.span.end);
                    let b = 1 + 2 * LABELS.iter().position(|l| *l == e.label).unwrap_or(0);
                    if first < end {
                        tags[first] = b;
                        tags[first + 1..end].fill(b + 1);
                    }
                }
                let Some(mask) = self.possessive_mask(&words, &tags, lang, &names) else {
                    // Untagging needs no second decoding.
                    if self.lower_case_misreadings(&words, &mut tags, lang, &names) > 0 {
                        let mut k = 0;
                        entities.retain(|e| {
                            k += 1;
                            !(e0..e1).contains(&(k - 1)) || tags[chunk.partition_point(|t| t.start < e.span.start)] != 0
                        });
                    }
                    continue;
                };
                self.tag_chunk(&words, lang, profile, s, Some(&mask));
                self.lower_case_misreadings(&words, &mut s.tags, lang, &names);
                let mut again = Vec::new();
                self.collect_entities(chunk, weights, s, &mut again);
                // An entity the second look changed is no surer than the
                // first reading it comes from: the margin of a reading the
                // mask forced says nothing.
                for e in &mut again {
                    let first = &entities[e0..e1];
                    if !first.iter().any(|f| f.span == e.span && f.label == e.label) {
                        let overlapping = first.iter().filter(|f| f.span.start < e.span.end && e.span.start < f.span.end);
                        if let Some(score) = overlapping.map(|f| f.score).reduce(f32::max) {
                            e.score = e.score.min(score);
                        }
                    }
                }
                if self.cfg.titles {
                    let mut titles_again = Vec::new();
                    self.collect_titles(chunk, &words, s, &again, &mut titles_again);
                    titles.splice(t0..t1, titles_again);
                }
                entities.splice(e0..e1, again);
            }
        }
        {
            let gazetteer = &self.gazetteers[lang];
            let org_head = 1 << GazClass::OrgHead as u32;
            consistency::things_spelled_out(text, valid, &mut entities, |w| gazetteer.whole_classes(w) & org_head != 0);
        }
        if self.cfg.one_reading_per_article {
            consistency::initials_with_age(text, valid, &opens_sentence, &mut entities);
            let gazetteer = &self.gazetteers[lang];
            let is_place = |surface: &str| gazetteer.is_place(surface);
            consistency::quoted_outlets(text, &mut entities, is_place);
            consistency::named_outlets(text, valid, &opens_sentence, &mut entities, is_place);
            consistency::described_companies(text, &mut entities, is_place);
            if weights.lang != "id" {
                let (country_or_region, city) = (
                    (1 << GazClass::Country as u32) | (1 << GazClass::Region as u32),
                    1 << GazClass::City as u32,
                );
                let classes = |surface: &str| {
                    let c = gazetteer.whole_classes(surface);
                    let mut bits = 0;
                    if c & (country_or_region | city) != 0 {
                        bits |= teams::WHOLE_PLACE;
                    }
                    if c & city != 0 {
                        bits |= teams::CITY;
                    }
                    if c & country_or_region != 0 {
                        bits |= teams::COUNTRY_OR_REGION;
                    }
                    bits
                };
                teams::sports_teams(text, valid, &opens_sentence, &mut entities, classes);
            }
            let first_names = (1 << GazClass::FirstName as u32) | (1 << GazClass::GivenName as u32);
            consistency::persons_ending_in_organisations(text, &mut entities, |w| gazetteer.whole_classes(w) & first_names != 0);
            consistency::settle_conflicting_readings(text, &mut entities, is_place);
            consistency::like_items_of_a_list(text, &mut entities);
            consistency::lend_sure_readings(text, valid, &opens_sentence, &mut entities, self.cfg.min_score);
            // Companies read as persons or places (English), once every
            // mention has its reading, lent ones too ("BT chief executive").
            if weights.lang != "id" {
                let company_bits = |surface: &str| {
                    let mut bits = 0;
                    if gazetteer.is_place(surface) {
                        bits |= companies::PLACE;
                    }
                    let first = surface.split_whitespace().next().unwrap_or("");
                    if gazetteer.whole_classes(first) & first_names != 0 {
                        bits |= companies::FIRST_NAME;
                    }
                    bits
                };
                companies::companies(text, valid, &opens_sentence, &mut entities, company_bits);
            }
        }
        a.entities = entities;
        a.titles = titles;
        a.entity_summary = if self.cfg.summary {
            summarise(text, &a.entities)
        } else {
            Vec::new()
        };
        Ok(())
    }

    // Inlined at both call sites: the second look's is rare, and the
    // first's is the hot one (session 23: out of line, it cost 0.2% of
    // warta tag).
    #[inline(always)]
    fn collect_entities(
        &self,
        chunk: &[Span],
        weights: &LangWeights,
        s: &Scratch,
        out: &mut Vec<Entity>,
    ) {
        let n = chunk.len();
        let mut at = 0;
        while let Some((i, j, label)) = model::next_entity(&s.tags[..n], at) {
            at = j;
            let min_margin = s.margins[i..j].iter().copied().min().unwrap_or(0);
            // The smallest margin of the entity's tokens (how much the best
            // path beats any path that tags one of them otherwise), mapped to
            // [0, 1): 0 when another reading is as good.
            let x = (min_margin.max(0) as f32 * weights.scale
                / self.cfg.score_temperature.max(1e-3))
            .min(30.0);
            let score = 1.0 - (-x).exp();
            if score >= self.cfg.min_score {
                out.push(Entity {
                    span: Span::new(chunk[i].start, chunk[j - 1].end),
                    label: LABELS[label].to_string(),
                    score,
                });
            }
        }
    }

    /// Titles: a head phrase from the title list, extended over the following
    /// capitalised words up to the next entity (see [`titles`]).
    #[inline(always)]
    fn collect_titles(
        &self,
        chunk: &[Span],
        words: &[&str],
        s: &Scratch,
        ents: &[Entity],
        out: &mut Vec<Entity>,
    ) {
        let n = chunk.len();
        let begins = 1u32 << (2 * GazClass::Title as u32);
        let continues = begins << 1;
        let in_entity = |i: usize| {
            ents.iter()
                .any(|e| e.span.start <= chunk[i].start && chunk[i].end <= e.span.end)
        };
        let starts_entity = |i: usize, label: Option<&str>| {
            ents.iter()
                .any(|e| e.span.start == chunk[i].start && label.is_none_or(|l| e.label == l))
        };
        let gaz = &s.sentence.gaz;
        let mut i = 0;
        while i < n {
            if gaz[i] & begins == 0 || in_entity(i) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < n && gaz[j] & continues != 0 && !in_entity(j) {
                j += 1;
            }
            // An honorific alone is a title only before a name (below).
            let honorific = j == i + 1 && titles::is_honorific(words[i]);
            if honorific && !titles::names_follow(words, i) {
                i = j;
                continue;
            }
            // Absorb capitalised role words ("Luar Negeri", "Koordinator"),
            // but never after an honorific: there the next word is a name.
            let absorbs = !honorific;
            // An honorific after the title opens the name ("Archbishop of
            // Canterbury Dr Rowan Williams").
            while absorbs && j < n && j - i < 12 && !in_entity(j) && !titles::ends_a_title(words[j]) && !titles::is_honorific(words[j]) {
                if is_capitalised_word(words[j]) {
                    j += 1;
                // "dan" inside an office's name ("Menteri Kelautan dan
                // Perikanan"), when a capitalised word that opens no title
                // of its own follows ("Menteri Keuangan dan Gubernur BI" is
                // two titles).
                } else if j > i + 1
                    && words[j] == "dan"
                    && j + 1 < n
                    && !in_entity(j + 1)
                    && is_capitalised_word(words[j + 1])
                    && gaz[j + 1] & begins == 0
                {
                    j += 2;
                // English "of" / "for" (and "of the") before a capitalised
                // word that is no entity and opens no title of its own:
                // "Secretary of State for Defence", "Chancellor of the
                // Exchequer" (not "President of Indonesia": a place).
                } else if let Some(step) = title_connector(words, i, j).filter(|&k| {
                    j + k < n && !in_entity(j + k) && is_capitalised_word(words[j + k]) && gaz[j + k] & begins == 0
                }) {
                    j += step + 1;
                } else {
                    break;
                }
            }
            let capitalised = words[i].chars().next().is_some_and(char::is_uppercase);
            let person_follows = (j..n.min(j + 4)).any(|k| starts_entity(k, Some("PER")));
            if (capitalised || person_follows) && !titles::common_word_head(words[i]) {
                out.push(Entity {
                    span: Span::new(chunk[i].start, chunk[j - 1].end),
                    label: "TITLE".into(),
                    score: 1.0,
                });
            }
            i = j;
        }
    }
}

/// The names an article gives its entities, for [`Tagger::second_look`].
#[derive(Default)]
struct Names<'t> {
    /// An entity's words joined by single spaces, and its last words
    /// ("United" of "Manchester United"), with how often each label reads
    /// them; not of an entity a possessive "'s" follows.
    known: HashMap<String, [u32; 3], model::BuildXxh3>,
    /// The lower case of the entities written with a capital.
    capitalised: HashSet<String, model::BuildXxh3>,
    /// The article's (or sentence's) words.
    words: Vec<&'t str>,
    /// Whether a word that opens no sentence, other than "I", has a
    /// capital: the writer writes names with capitals.
    writes_capitals: bool,
}

impl<'t> Names<'t> {
    fn add(&mut self, words: &[&str], label: usize, possessive_follows: bool) {
        let joined = words.join(" ");
        if joined.chars().any(char::is_uppercase) {
            self.capitalised.insert(joined.to_lowercase());
        }
        if possessive_follows {
            return;
        }
        for (k, _) in joined.match_indices(' ') {
            self.known.entry(joined[k + 1..].to_string()).or_default()[label] += 1;
        }
        self.known.entry(joined).or_default()[label] += 1;
    }

    /// Whether the article's words hold `name` (words joined by single
    /// spaces) with no possessive "'s" after it.
    fn written_bare(&self, name: &str) -> bool {
        let parts: Vec<&str> = name.split(' ').collect();
        let n = self.words.len();
        (0..n.saturating_sub(parts.len() - 1)).any(|i| {
            parts.iter().enumerate().all(|(k, p)| self.words[i + k] == *p)
                && self.words.get(i + parts.len()).is_none_or(|w| !second_look::is_possessive(w))
        })
    }

    /// The label the article reads `name` with most often.
    fn label_of(&self, name: &str) -> Option<usize> {
        let counts = self.known.get(name)?;
        (0..3).max_by_key(|&l| (counts[l], std::cmp::Reverse(l)))
    }

    /// The names of one tagged sentence.
    fn of_sentence(words: &[&'t str], tags: &[usize]) -> Names<'t> {
        let mut names = Names {
            words: words.to_vec(),
            writes_capitals: words.iter().skip(1).any(|w| second_look::is_capital_in_text(w)),
            ..Names::default()
        };
        let n = tags.len().min(words.len());
        let mut at = 0;
        while let Some((i, j, label)) = model::next_entity(&tags[..n], at) {
            at = j;
            names.add(&words[i..j], label, words.get(j).is_some_and(|w| second_look::is_possessive(w)));
        }
        names
    }

    /// The names of an article's entities (on `tokens`' boundaries).
    fn of_article(text: &'t str, tokens: &[Span], opens_sentence: &[bool], entities: &[Entity]) -> Names<'t> {
        let mut names = Names {
            words: tokens.iter().map(|t| t.slice(text)).collect(),
            writes_capitals: tokens
                .iter()
                .zip(opens_sentence)
                .any(|(t, &opens)| !opens && second_look::is_capital_in_text(t.slice(text))),
            ..Names::default()
        };
        let mut words = Vec::new();
        for e in entities {
            let first = tokens.partition_point(|t| t.start < e.span.start);
            let end = first + tokens[first..].iter().take_while(|t| t.end <= e.span.end).count();
            words.clear();
            words.extend(tokens[first..end].iter().map(|t| t.slice(text)));
            let label = LABELS.iter().position(|l| *l == e.label).unwrap_or(0);
            let possessive_follows = tokens.get(end).is_some_and(|t| second_look::is_possessive(t.slice(text)));
            names.add(&words, label, possessive_follows);
        }
        names
    }
}

/// BIO tags of a person's name (`model::LABELS[0]`).
const B_PER: usize = 1;
const I_PER: usize = 2;
/// BIO tags of a place (`model::LABELS[2]`).
const B_LOC: usize = 5;

/// A first name the model left outside the person's name that follows it
/// ("the US Secretary of Energy Spencer Abraham" read as "Abraham"; a
/// capitalised word before it ran the title on: "Energy Secretary
/// Spencer") joins the name: an untagged word written like a name
/// ("Spencer", not "SPENCER" or "Mc"), a first or given name of the
/// gazetteer and no place, title or organisation there ("Jordan",
/// "Marshal"), right before a B-PER. One word only: two such words are more
/// often a role or a place before a name.
fn first_names_into_names(tags: &mut [usize], margins: &mut [i32], gaz: &[gazetteer::GazBits], words: &[&str]) {
    use gazetteer::GazClass as C;
    let name_classes = [C::FirstName, C::GivenName];
    let other_classes = [C::Country, C::City, C::Region, C::LocHead, C::OrgHead, C::Title, C::Org, C::NewsAgency, C::Company, C::OrgEn];
    let bit = |c: C| 3 << (2 * c as u32);
    let names: gazetteer::GazBits = name_classes.iter().map(|&c| bit(c)).fold(0, |a, b| a | b);
    let others: gazetteer::GazBits = other_classes.iter().map(|&c| bit(c)).fold(0, |a, b| a | b);
    for k in 1..tags.len().min(gaz.len()).min(words.len()) {
        let prev = k - 1;
        if tags[k] == B_PER
            && tags[prev] == 0
            && (prev == 0 || tags[prev - 1] == 0)
            && gaz[prev] & names != 0
            && gaz[prev] & others == 0
            && is_sentence_cased(words[prev])
            && !NOT_FIRST_NAMES.contains(&words[prev])
        {
            tags[prev] = B_PER;
            tags[k] = I_PER;
            // As sure as the name it joins (its own margin is the O's).
            margins[prev] = margins[k];
        }
    }
}

/// Acronyms of things that are no person, organisation or place: papers and
/// registers (vehicle, tax, identity), taxes and budgets, indices and
/// measures of the economy, commodities and crypto-currencies, groups of
/// people, kinds of vehicles and devices, as written. The news writes them
/// in capitals like the names of agencies, and the model, which meets few of
/// them in its train splits (where each is `O`: "IHSG" 1, "GDP" 11, "CEO"
/// 19), read "IHSG" (the Jakarta composite index) as an organisation 189
/// times in one month of Indonesian news, its most frequent one. Not
/// "SPBU" (a filling station is a place when it is named, "SPBU 34.401").
const COMMON_ACRONYMS: &[&str] = &[
    // Indonesian papers, registers, taxes, budgets, measures, groups, events.
    "IHSG", "STNK", "BPKB", "KTP", "NIK", "NPWP", "SKCK", "APBN", "APBD", "PPN", "PPh", "BPHTB", "NJOP", "PDB", "UMKM", "PHK",
    "THR", "KPR", "ODGJ", "KDRT", "KUHP", "KUHAP", "BBM", "CPO", "PSBB", "OTT", "DPO", "ASN", "PNS", "TKI", "WNI", "WNA", "HUT",
    "RUPS", "IPO", "LHKPN", "DPT", "PKH", "BLT", "KIP", "QRIS",
    // English and shared.
    "GDP", "CEO", "CFO", "VAT", "ETH", "BTC", "SUV", "MPV", "VAR", "HDTV", "IPTV", "DVD", "MP3",
];

/// Words for a British party's members, as written ("Tory leader Michael
/// Howard", "Tory plans", "the Tories").
const PARTY_MEMBERS: &[&str] = &["Tory", "Tories"];

/// A party's member or adjective is no entity: UNER English-EWT tags
/// "Republican" before a common noun O 6 times of 6 and "Republicans" O 3
/// of 3 (the party's name, "Republican Party", is ORG). BBC News 2005
/// came out with "Tory" as a person 124 times ("Tory leader Michael
/// Howard", "Tory plans"). A one-word English entity that is one of
/// [`PARTY_MEMBERS`] is untagged; a longer one ("Tory Burch") stays.
fn untag_party_members(tags: &mut [usize], words: &[&str]) {
    let n = tags.len().min(words.len());
    for k in 0..n {
        let one_word = tags[k] != 0 && !model::is_inside(tags[k]) && (k + 1 == n || !model::is_inside(tags[k + 1]));
        if one_word && PARTY_MEMBERS.contains(&words[k]) {
            tags[k] = 0;
        }
    }
}

/// A one-word entity that is one of [`COMMON_ACRONYMS`] is untagged.
fn untag_common_acronyms(tags: &mut [usize], words: &[&str]) {
    let n = tags.len().min(words.len());
    for k in 0..n {
        let one_word = tags[k] != 0 && !model::is_inside(tags[k]) && (k + 1 == n || !model::is_inside(tags[k + 1]));
        if one_word && COMMON_ACRONYMS.contains(&words[k]) {
            tags[k] = 0;
        }
    }
}

/// A person's name has no digits: an entity read as PER with a word that
/// holds one is no person. Indonesian news names cars and telephones by
/// brand and model ("Xpeng G6", "Poco F7", "Lexus LM350"), and the model,
/// reading a capitalised word and a short code as a first name and a
/// surname, tagged such names as persons 42 times in one month of it; no
/// gold person of the train and dev sets has a digit but NERGrit dev's
/// "K2" (a mountain) and NERP train's "32". A product is no entity of the
/// three labels, so the whole entity is untagged.
fn untag_persons_with_digits(tags: &mut [usize], words: &[&str]) {
    let n = tags.len().min(words.len());
    let mut i = 0;
    while i < n {
        if tags[i] != B_PER {
            i += 1;
            continue;
        }
        let j = model::entity_end(&tags[..n], i);
        if words[i..j].iter().any(|w| w.bytes().any(|b| b.is_ascii_digit())) {
            tags[i..j].fill(0);
        }
        i = j;
    }
}

/// A country or a region is no person, and an Indonesian region no
/// organisation: an entity read as PER whose words are, as a whole, a
/// country or region of the gazetteer and no first, given or family name
/// there ("Korut", North Korea, read as a person 30 times in IndoSum dev;
/// "Bahrain", the volleyball team) becomes LOC; so does, with the
/// Indonesian weights, an entity read as ORG that is a region and no
/// country, city or organisation there ("NTB", the province of Nusa
/// Tenggara Barat, read as ORG 39 times in id-rss and IndoSum dev). Not
/// a city: many are names too ("Hamilton", "Kennedy", "Milan"); not a
/// country read as ORG: news names a national team by its country. The
/// model has these lists as features only, and a short form it met
/// rarely in training goes by its shape.
fn places_read_as_persons(tags: &mut [usize], words: &[&str], gaz: &[gazetteer::GazBits], gazetteer: &Gazetteer, indonesian: bool) {
    use gazetteer::GazClass as C;
    let class = |cs: &[C]| cs.iter().fold(0u32, |a, &c| a | 1 << c as u32);
    let (country, region) = (class(&[C::Country]), class(&[C::Region]));
    let names = class(&[C::FirstName, C::GivenName, C::Surname]);
    let bodies = class(&[C::City, C::Org, C::OrgEn, C::Company, C::NewsAgency, C::OrgHead]);
    let begins_place = (1 << (2 * C::Country as u32)) | (1 << (2 * C::Region as u32));
    let n = tags.len().min(words.len()).min(gaz.len());
    let mut at = 0;
    while let Some((i, j, label)) = model::next_entity(&tags[..n], at) {
        at = j;
        if (label == 0 || (label == 1 && indonesian)) && gaz[i] & begins_place != 0 {
            let classes = gazetteer.whole_classes(&words[i..j].join(" "));
            let to_place = if label == 0 {
                classes & (country | region) != 0 && classes & names == 0
            } else {
                classes & region != 0 && classes & (country | bodies) == 0
            };
            if to_place {
                tags[i] = B_LOC;
                tags[i + 1..j].fill(B_LOC + 1);
            }
        }
    }
}

/// The English article "the", written in lower case, opens no name:
/// where it is part of one, the name is written "The" ("The Times"). An
/// entity that opens with "the" and goes on loses it ("the Netherlands"
/// LOC is "Netherlands"), as the English gold spans have it (UNER EWT
/// train: "the" before an entity 761 times, inside one 12). For the
/// English weights only: Indonesian gold keeps an English name's "the"
/// ("the Financial Times" in idner-news-2k dev, whose F1 fell from 80.1
/// to 80.0 when the Indonesian weights dropped it too).
fn article_out_of_names(tags: &mut [usize], words: &[&str]) {
    let n = tags.len().min(words.len());
    for k in 0..n.saturating_sub(1) {
        if words[k] == "the" && tags[k] != 0 && !model::is_inside(tags[k]) && model::is_inside(tags[k + 1]) {
            tags[k + 1] = tags[k];
            tags[k] = 0;
        }
    }
}

/// A Bill before parliament is no person: British news writes a draft
/// law as a name ending in "Bill" ("the Finance Bill", "the Mental
/// Capacity Bill", "the Bill" once named), which the model, knowing "Bill"
/// as a first name, read as a person 34 times in BBC News 2005 (and "the
/// Road Safety Bill" as a place). An English entity that ends with "Bill"
/// is untagged when the next word is not capitalised (no surname follows:
/// "Bill Gates" read as "Bill" alone stays) and the entity has more words
/// before "Bill", or the word before it is an article or demonstrative
/// ("the Bill"), a closing bracket ("(Miscellaneous Provisions) Bill") or
/// a capitalised word that does not open the sentence and is no
/// greeting, sign-off, preposition or familiar epithet ("Prevention of
/// Terrorism Bill"; not "Hi Bill", "Thanks From Bill", "Uncle Bill": UNER
/// EWT dev's "Thanks From Bill" took its F1 from 73.0 to 72.9 before
/// these were left out).
fn untag_bills(tags: &mut [usize], words: &[&str]) {
    const DETERMINERS: &[&str] = &["the", "The", "a", "A", "this", "This", "that", "That"];
    const BEFORE_A_PERSON: &[&str] = &[
        "Hi", "Hello", "Hey", "Dear", "Thanks", "Cheers", "Love", "Regards", "From", "To", "By", "With", "For", "And", "Or", "Uncle",
        "Old", "Big", "Little", "Young", "Buffalo",
    ];
    let n = tags.len().min(words.len());
    let mut i = 0;
    while i < n {
        if tags[i] == 0 {
            i += 1;
            continue;
        }
        let j = model::entity_end(&tags[..n], i);
        let no_surname = words.get(j).is_none_or(|w| !w.chars().next().is_some_and(char::is_uppercase));
        let bill = words[j - 1] == "Bill" && no_surname && {
            j - i > 1
                || (i > 0
                    && (DETERMINERS.contains(&words[i - 1])
                        || words[i - 1] == ")"
                        || (i > 1 && is_capitalised_word(words[i - 1]) && !BEFORE_A_PERSON.contains(&words[i - 1]))))
        };
        if bill {
            tags[i..j].fill(0);
        }
        i = j;
    }
}

/// Entities scoring below this are unsure: the model's reading may give
/// way to what a name's last word says it is (`names_by_their_heads`).
/// On the dev sets, entities at 0.8–0.95 are about 80% right, at
/// 0.95–0.99 92% (0.9 is `consistency::SOURCE_MIN_SCORE`, a sure reading).
const UNSURE_SCORE: f32 = 0.9;

/// Last words of English names of streets, squares and buildings, which
/// are places (UNER EWT train gold: "Church Street", "Rittenhouse
/// Square", "Grand Hyatt Hotel", "The Namsan Tower" LOC; none of these
/// words ends a gold PER of train or dev) and seldom surnames in the news.
const FACILITY_HEADS: &[&str] = &[
    "Street", "Road", "Avenue", "Boulevard", "Square", "Stadium", "Arena", "Theatre", "Theater", "Tower", "Cathedral", "Abbey",
    "Airport", "Station", "Hotel", "Museum", "Gallery", "Library", "Palace",
];

/// Last words of places that are common surnames too ("Lee Hall", "Nathan
/// Lane", "Wayne Bridge", the footballer, in BBC News 2005): a place only
/// after "the" or a preposition of place ([`PLACE_PREPOSITIONS`]), not
/// after a possessive ("Chelsea's Wayne Bridge").
const FACILITY_HEADS_AND_SURNAMES: &[&str] = &["Hall", "Lane", "Bridge", "Park"];

/// Words before a place's name that seldom stand before a person's: the
/// article and prepositions of place ("on George Street", "at the
/// Olympic Stadium").
const PLACE_PREPOSITIONS: &[&str] = &["the", "The", "at", "in", "on", "outside", "inside", "near", "into", "opposite"];

/// Last words of English names of organisations (UNER EWT train gold:
/// "National Security Council", "Baath Party", "American Arbitration
/// Association", "Central Intelligence Agency" ORG; "Bank" 4 ORG beside
/// "West Bank" LOC 4 times, "University" 5 ORG, 2 LOC, one of them "West
/// University"; "College" and "School" 1 and 3 ORG, 1 LOC each). Not
/// "Club", "Centre", "Center", "Hospital", "Office", "House": the gold
/// reads them as places as often (a club or a hospital is a building).
const ORGANISATION_HEADS: &[&str] = &[
    "Council", "Committee", "Commission", "Association", "Federation", "Union", "Party", "Securities", "Bank", "Group",
    "Corporation", "Corp", "Company", "Airways", "Airlines", "University", "College", "School", "Institute", "Foundation", "Trust",
    "Society", "Agency", "Authority", "Ministry", "Department", "Assembly", "Fund", "Board",
];

/// Words of the compass that with one of [`ORGANISATION_HEADS`] name a
/// place ("West Bank", "South Bank", "Left Bank").
const COMPASS_WORDS: &[&str] = &[
    "North", "South", "East", "West", "Left", "Right", "Upper", "Lower", "Northern", "Southern", "Eastern", "Western",
];

/// An English name of two or more words read unsurely (`unsure`, the
/// entity's smallest margin) whose last word says what it is takes that
/// reading. The model reads a name by its first words, which are often a
/// person's or a place's: BBC News 2005 came out with "George Street",
/// "Olympic Stadium" and "Kodak Theatre" as persons and "Swansea Bay Race
/// Equality Council", "World Bank" and "Dundee University" as places. So:
///
/// - a person's name that ends with one of [`FACILITY_HEADS`] is a place
///   when "the", a preposition of place ([`PLACE_PREPOSITIONS`]) or a
///   possessive ("Hollywood's Kodak Theatre") stands before it; with one of
///   [`FACILITY_HEADS_AND_SURNAMES`], only after "the" or a preposition;
/// - a place's name that ends with one of [`ORGANISATION_HEADS`] is an
///   organisation's, unless the gazetteer has the whole name as a place
///   ("West Bank", "Russian Federation") or it is a word of the compass and
///   the head ("South Bank").
///
/// A sure reading stays ("Alexandra Tower", a spokeswoman, at 0.99), and
/// so, later, does the article's ([`consistency::settle_conflicting_readings`]
/// gives an unsure mention the reading of the name's sure ones).
fn names_by_their_heads(tags: &mut [usize], margins: &[i32], words: &[&str], gazetteer: &Gazetteer, unsure: impl Fn(i32) -> bool) {
    const B_ORG: usize = 3;
    let n = tags.len().min(words.len()).min(margins.len());
    let mut at = 0;
    while let Some((i, j, label)) = model::next_entity(&tags[..n], at) {
        at = j;
        // Persons and places of two words or more.
        if j - i < 2 || label == 1 {
            continue;
        }
        let head = words[j - 1];
        let before = if i > 0 { words[i - 1] } else { "" };
        let possessive = before.ends_with("'s") || before.ends_with("\u{2019}s");
        let becomes = if label == 0 {
            let strong = FACILITY_HEADS.contains(&head);
            let weak = FACILITY_HEADS_AND_SURNAMES.contains(&head);
            ((strong || weak) && PLACE_PREPOSITIONS.contains(&before) || strong && possessive).then_some(B_LOC)
        } else {
            let organisation = ORGANISATION_HEADS.contains(&head)
                && !(j - i == 2 && COMPASS_WORDS.contains(&words[i]))
                && !gazetteer.is_place(&words[i..j].join(" "));
            organisation.then_some(B_ORG)
        };
        if let Some(b) = becomes {
            if margins[i..j].iter().copied().min().is_some_and(&unsure) {
                tags[i] = b;
                tags[i + 1..j].fill(b + 1);
            }
        }
    }
}

/// Forms of address written before a person's name ("Mr Kennedy", "Dr.
/// Ross", "Pak Kenneth", "Mbak Wanda", "Bung Karno"), as written. Not
/// "Miss" ("Miss Universe" is a pageant) or "Ibu" ("Ibu Kota" is a capital
/// city). Inside a longer name ("Stadion Utama Gelora Bung Karno") a form
/// is left alone.
const EN_FORMS_OF_ADDRESS: &[&str] = &["Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr."];
const ID_FORMS_OF_ADDRESS: &[&str] = &["Pak", "Bu", "Mas", "Mbak", "Kak", "Bang", "Bung"];

/// The name after a form of address is a person's. The model, which met
/// few of them (none without the stop in its English train split), reads
/// some such names by the place or firm they share a word with: BBC News
/// 2005 came out with "Mr Kennedy" as a place 27 times and "Mr Houston" or
/// "Ms Essex" as places 14 times. So an entity that starts right after the
/// form, or with it, becomes PER. English gold leaves the form outside the
/// name (UNER EWT train: "Mr." outside 44 times of 45), so an English
/// entity that starts with it loses it; the Indonesian sets disagree
/// (NER-UGM puts "Pak" inside about half the time, the others leave it
/// out), so an Indonesian entity keeps its span.
fn names_after_forms_of_address(tags: &mut [usize], words: &[&str], indonesian: bool) {
    let forms = if indonesian { ID_FORMS_OF_ADDRESS } else { EN_FORMS_OF_ADDRESS };
    let n = tags.len().min(words.len());
    for k in 0..n.saturating_sub(1) {
        let name = k + 1;
        if !forms.contains(&words[k]) || !words[name].chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let start = match tags[k] {
            // The form and the name read as one entity.
            t if t != 0 && !model::is_inside(t) && model::is_inside(tags[name]) => {
                if indonesian {
                    k
                } else {
                    tags[k] = 0;
                    name
                }
            }
            // The name read as an entity of its own.
            0 if tags[name] != 0 && !model::is_inside(tags[name]) => name,
            _ => continue,
        };
        tags[start] = B_PER;
        let mut j = start + 1;
        while j < n && model::is_inside(tags[j]) {
            tags[j] = I_PER;
            j += 1;
        }
    }
}

/// First names of the lists that before a name are more often a rank, a
/// title, a party or a nationality ("fellow Tory David Heathcoat-Amory",
/// "German Marlene Weingartner", "Earl Charles Spencer").
const NOT_FIRST_NAMES: &[&str] = &[
    "Tory", "German", "Christian", "Royal", "Earl", "Major", "General", "King", "Prince", "Princess", "Duke", "Baron", "Lord",
    "Dame", "Judge", "Bishop", "Pastor", "Queen", "Sultan", "Young",
];

/// A capital and then lower-case letters only ("Spencer").
fn is_sentence_cased(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && w.chars().count() >= 2 && cs.all(char::is_lowercase)
}

/// English offices that take a complement after "of" or "for"
/// ("Secretary of State", "Head of Marketing", "chief executive of Fiat
/// Auto"), lower case. Not ranks of nobility and royalty, whose "of" phrases
/// are as often works and nicknames ("Lord of the Rings", "King of Pop").
const OFFICES_WITH_COMPLEMENT: &[&str] = &[
    "secretary", "minister", "chancellor", "director", "head", "chief", "president", "vice", "chairman", "chairwoman", "chair",
    "leader", "commissioner", "archbishop", "bishop", "ambassador", "governor", "mayor", "speaker", "spokesman", "spokeswoman",
    "spokesperson", "deputy", "executive", "attorney", "solicitor", "commander",
];

/// Capitalised words that make an "of" phrase an award, not an office
/// ("Coach of the Year").
const AWARD_WORDS: &[&str] = &["Year", "Month", "Season", "Tournament", "Match"];

/// How many connector words ("of", "for", "of the") stand at `words[j]`
/// inside the title that starts at `words[i]`, when the title is an office
/// that takes a complement ([`OFFICES_WITH_COMPLEMENT`]) and the complement
/// names no award.
fn title_connector(words: &[&str], i: usize, j: usize) -> Option<usize> {
    let step = match words[j] {
        "of" if words.get(j + 1) == Some(&"the") => 2,
        "of" | "for" => 1,
        _ => return None,
    };
    if !OFFICES_WITH_COMPLEMENT.iter().any(|o| o.eq_ignore_ascii_case(words[i])) {
        return None;
    }
    let complement = words[j + step..].iter().find(|w| !w.eq_ignore_ascii_case("the"));
    (!complement.is_some_and(|w| AWARD_WORDS.contains(w))).then_some(step)
}

fn is_capitalised_word(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.all(char::is_alphabetic)
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Runs `f` with this thread's buffers (fresh ones if they are in use).
fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut s) => f(&mut s),
        Err(_) => f(&mut Scratch::default()),
    })
}

#[derive(Default)]
struct Scratch {
    sentence: forms::SentenceScratch,
    emis: Vec<[i32; N_TAGS]>,
    tags: Vec<usize>,
    margins: Vec<i32>,
    back: model::ViterbiScratch,
}

impl ArticleStage for Tagger {
    fn name(&self) -> &'static str {
        "tag"
    }

    fn process(&self, article: &mut Article) -> Result<(), (RejectReason, String)> {
        self.tag_article(article)
    }
}

/// Splits tokens into sentence chunks: by the article's sentences when it has
/// them, else after sentence-final punctuation; never longer than
/// `MAX_CHUNK_TOKENS`.
fn chunks<'a>(tokens: &'a [Span], sentences: &[Span], text: &str) -> Vec<&'a [Span]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut sent = 0;
    for i in 0..tokens.len() {
        let t = tokens[i];
        let boundary_before = if sentences.is_empty() {
            i > 0 && matches!(tokens[i - 1].slice(text), "." | "!" | "?")
        } else {
            let mut moved = false;
            while sent < sentences.len() && sentences[sent].end <= t.start {
                sent += 1;
                moved = true;
            }
            moved && i > 0
        };
        if i > start && (boundary_before || i - start >= MAX_CHUNK_TOKENS) {
            out.push(&tokens[start..i]);
            start = i;
        }
    }
    if start < tokens.len() {
        out.push(&tokens[start..]);
    }
    out
}

/// The article's distinct entities with counts and first byte offset, in
/// order of first mention. Mentions are grouped by (surface text, label),
/// and two kinds of group are then counted under a longer name the article
/// gives the same entity:
/// - a part of a person's name, when its words stand together in exactly
///   one longer person's name of the article ("Li" and "Li Qiang"; not
///   "Johnson" beside "Jade Johnson" and "Martin Johnson");
/// - an acronym that follows an entity's name in brackets, with the same
///   label ("Badan Riset dan Inovasi Nasional (BRIN)"), when no other name
///   of the article claims it.
///
/// The longer name is the summary's `text`; the other forms are its
/// `aliases`. The entity mentions themselves are not changed.
pub fn summarise(text: &str, entities: &[Entity]) -> Vec<EntitySummary> {
    struct Group<'t> {
        surface: &'t str,
        label: &'t str,
        count: u32,
        first: usize,
        words: usize,
    }
    let mut index: HashMap<(&str, &str), usize, model::BuildXxh3> = HashMap::default();
    let mut groups: Vec<Group> = Vec::new();
    let mut group_of = Vec::with_capacity(entities.len());
    for e in entities {
        let surface = e.span.slice(text);
        let k = *index.entry((surface, e.label.as_str())).or_insert_with(|| {
            groups.push(Group { surface, label: &e.label, count: 0, first: e.span.start, words: surface.split_whitespace().count() });
            groups.len() - 1
        });
        groups[k].count += 1;
        group_of.push(k);
    }
    // The longer name each group is counted under; `AMBIGUOUS` when two
    // names claim it.
    const NONE: usize = usize::MAX;
    const AMBIGUOUS: usize = usize::MAX - 1;
    let mut parent = vec![NONE; groups.len()];
    for (w, pair) in entities.windows(2).enumerate() {
        let (name, short) = (&pair[0], &pair[1]);
        let (k_name, k_short) = (group_of[w], group_of[w + 1]);
        let bracketed = text.get(name.span.end..short.span.start) == Some(" (")
            && text[short.span.end..].starts_with(')');
        if bracketed && name.label == short.label && groups[k_name].words > 1 && is_acronym(groups[k_short].surface) {
            parent[k_short] = match parent[k_short] {
                NONE => k_name,
                p if p == k_name => p,
                _ => AMBIGUOUS,
            };
        }
    }
    // People: longer names first, so that each part is read against the
    // name its container is itself counted under.
    let mut people: Vec<usize> = (0..groups.len()).filter(|&k| groups[k].label == "PER").collect();
    people.sort_by_key(|&k| std::cmp::Reverse(groups[k].words));
    let root = |parent: &[usize], mut k: usize| {
        while parent[k] < AMBIGUOUS {
            k = parent[k];
        }
        k
    };
    // Each person's name as words, split once.
    let names: Vec<Vec<&str>> = people.iter().map(|&k| groups[k].surface.split_whitespace().collect()).collect();
    for (n, &k) in people.iter().enumerate() {
        if parent[k] != NONE {
            continue;
        }
        let part = &names[n];
        let mut claimed = NONE;
        for (m, &longer) in people[..n].iter().enumerate() {
            if groups[longer].words <= part.len() {
                break;
            }
            if names[m].windows(part.len()).any(|w| w == part.as_slice()) {
                let r = root(&parent, longer);
                claimed = if claimed == NONE || claimed == r { r } else { AMBIGUOUS };
            }
        }
        if claimed != AMBIGUOUS {
            parent[k] = claimed;
        }
    }
    // One summary per root. The groups are in the order of the entities
    // (the tagger's are in text order), so the aliases follow first mention.
    let mut slot = vec![NONE; groups.len()];
    let mut out: Vec<EntitySummary> = Vec::new();
    for k in 0..groups.len() {
        let r = root(&parent, k);
        if slot[r] == NONE {
            slot[r] = out.len();
            out.push(EntitySummary {
                text: groups[r].surface.to_string(),
                label: groups[r].label.to_string(),
                count: 0,
                first: groups[r].first,
                aliases: Vec::new(),
            });
        }
        let s = &mut out[slot[r]];
        s.count += groups[k].count;
        s.first = s.first.min(groups[k].first);
        if k != r {
            s.aliases.push(groups[k].surface.to_string());
        }
    }
    out.sort_by_key(|s| s.first);
    out
}

/// Two to eight capitals or digits, at least two of them capitals ("BRIN",
/// "KPK", "MH17"; a single capital, as in "G20" or "A1", is too little to
/// read as one).
fn is_acronym(w: &str) -> bool {
    (2..=8).contains(&w.len())
        && w.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && w.bytes().filter(u8::is_ascii_uppercase).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Entities at the first occurrence (after `from`) of each surface.
    fn mentions(text: &str, list: &[(&str, &str)]) -> Vec<Entity> {
        let mut at = 0;
        list.iter()
            .map(|&(surface, label)| {
                let start = at + text[at..].find(surface).expect("surface in text");
                at = start + surface.len();
                Entity { span: Span::new(start, at), label: label.into(), score: 1.0 }
            })
            .collect()
    }

    #[test]
    fn a_first_name_left_before_a_person_joins_the_name() {
        let first = 1 << (2 * GazClass::FirstName as u32);
        let title = 1 << (2 * GazClass::Title as u32);
        let words = ["Energy", "Secretary", "Spencer", "Abraham", "and", "German", "Marlene", "Weingartner", "SPENCER", "Abraham"];
        let gaz = [0, title, first, 0, 0, first, first, 0, first, 0];
        let mut tags = vec![0, 0, 0, B_PER, 0, 0, B_PER, I_PER, 0, B_PER];
        let mut margins = vec![1, 2, 3, 40, 5, 6, 7, 80, 9, 100];
        first_names_into_names(&mut tags, &mut margins, &gaz, &words);
        // "Spencer" joins "Abraham" with its margin; "German" (a
        // nationality) does not join "Marlene Weingartner", nor "SPENCER"
        // (not written like a name) "Abraham".
        assert_eq!(tags, [0, 0, B_PER, I_PER, 0, 0, B_PER, I_PER, 0, B_PER]);
        assert_eq!(margins[2], 40);
        // The title stops before the name now.
        let tagger = Tagger::embedded(TagConfig::default());
        let mut a = Article::new("t", "The US Secretary of Energy Spencer Abraham confirmed the figures on Monday.");
        a.lang = Some("en".into());
        tagger.process(&mut a).unwrap();
        let surfaces = |es: &[Entity]| es.iter().map(|e| format!("{}:{}", e.span.slice(&a.text), e.label)).collect::<Vec<_>>();
        assert!(surfaces(&a.entities).contains(&"Spencer Abraham:PER".to_string()), "{:?}", surfaces(&a.entities));
        assert!(!surfaces(&a.titles).iter().any(|t| t.contains("Spencer")), "{:?}", surfaces(&a.titles));
    }

    #[test]
    fn a_name_after_a_form_of_address_is_a_person() {
        const B_ORG: usize = 3;
        const I_ORG: usize = 4;
        const B_LOC: usize = 5;
        const I_LOC: usize = 6;
        // English: the form leaves the entity, the name becomes PER; a
        // name read alone becomes PER; "Miss Universe" and a form before a
        // lower-case word are left.
        let words = ["Mr", "Kennedy", "and", "Ms", "Essex", "met", "Miss", "Universe", "Dr.", "who", "Dr", "Ross", "Geller"];
        let mut tags = vec![B_LOC, I_LOC, 0, 0, B_LOC, 0, 0, B_ORG, 0, 0, 0, B_PER, I_PER];
        names_after_forms_of_address(&mut tags, &words, false);
        assert_eq!(tags, [0, B_PER, 0, 0, B_PER, 0, 0, B_ORG, 0, 0, 0, B_PER, I_PER]);
        // Indonesian: the span stays, the label becomes PER; "Ibu Kota" is
        // no form of address.
        let words = ["Mbak", "Agnez", "Monica", "ke", "Ibu", "Kota", "Nusantara", "bersama", "Bang", "Yos", "di", "Gelora", "Bung", "Karno"];
        let mut tags = vec![B_LOC, I_LOC, I_LOC, 0, B_LOC, I_LOC, I_LOC, 0, B_ORG, I_ORG, 0, B_LOC, I_LOC, I_LOC];
        names_after_forms_of_address(&mut tags, &words, true);
        // "Bung" inside the stadium's name is left alone.
        assert_eq!(tags, [B_PER, I_PER, I_PER, 0, B_LOC, I_LOC, I_LOC, 0, B_PER, I_PER, 0, B_LOC, I_LOC, I_LOC]);
        let (words, mut tags) = (["makam", "Bung", "Karno"], vec![0, B_ORG, I_ORG]);
        names_after_forms_of_address(&mut tags, &words, true);
        assert_eq!(tags, [0, B_PER, I_PER]);
        // The whole tagger on British news style ("Mr" without its stop).
        let tagger = Tagger::embedded(TagConfig::default());
        let mut a = Article::new("t", "Whether the public chose Michael Howard or Mr Kennedy, it would result in a Tory government.");
        a.lang = Some("en".into());
        tagger.process(&mut a).unwrap();
        let surfaces: Vec<String> = a.entities.iter().map(|e| format!("{}:{}", e.span.slice(&a.text), e.label)).collect();
        assert!(surfaces.contains(&"Kennedy:PER".to_string()), "{surfaces:?}");
        assert!(!surfaces.iter().any(|s| s.starts_with("Mr")), "{surfaces:?}");
    }

    #[test]
    fn a_person_with_a_digit_in_the_name_is_no_person() {
        const B_ORG: usize = 3;
        const I_ORG: usize = 4;
        // A car model read as a person goes; a person and a band with a
        // number in its name (ORG) stay.
        let words = ["Rina", "mencoba", "Wuling", "Z9", "dan", "Budi", "Santoso", "menonton", "Kangen", "88"];
        let mut tags = vec![B_PER, 0, B_PER, I_PER, 0, B_PER, I_PER, 0, B_ORG, I_ORG];
        untag_persons_with_digits(&mut tags, &words);
        assert_eq!(tags, [B_PER, 0, 0, 0, 0, B_PER, I_PER, 0, B_ORG, I_ORG]);
        // A code alone, and at the start of a person's span.
        let words = ["R2D2", "bertemu", "3M", "Nugroho"];
        let mut tags = vec![B_PER, 0, B_PER, I_PER];
        untag_persons_with_digits(&mut tags, &words);
        assert_eq!(tags, [0, 0, 0, 0]);
    }

    #[test]
    fn a_country_or_region_is_no_person_and_a_region_no_organisation() {
        const B_ORG: usize = 3;
        const I_ORG: usize = 4;
        const I_LOC: usize = 6;
        let gaz_bits = |g: &Gazetteer, words: &[&str]| {
            let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
            let (mut bits, mut buf, mut starts) = (Vec::new(), String::new(), Vec::new());
            g.annotate(lower.iter().map(String::as_str), &mut bits, &mut buf, &mut starts);
            bits
        };
        let id = Gazetteer::embedded_for("id");
        // Short forms of a country and a province read as a person and an
        // organisation become places; a country read as ORG (a team), a
        // first name that is a country too ("Jordan") and a city stay.
        let words = ["Korut", "dan", "Kaltim", "melawan", "Indonesia", ",", "kata", "Jordan", "di", "Medan", "dan", "Korea", "Utara"];
        let gaz = gaz_bits(&id, &words);
        let mut tags = vec![B_PER, 0, B_ORG, 0, B_ORG, 0, 0, B_PER, 0, B_PER, 0, B_PER, I_PER];
        places_read_as_persons(&mut tags, &words, &gaz, &id, true);
        assert_eq!(tags, [B_LOC, 0, B_LOC, 0, B_ORG, 0, 0, B_PER, 0, B_PER, 0, B_LOC, I_LOC]);
        // A longer organisation's name that opens with a region stays.
        let words = ["Bank", "NTB", "Syariah", "dan", "NTB", "Syariah"];
        let gaz = gaz_bits(&id, &words);
        let mut tags = vec![B_ORG, I_ORG, I_ORG, 0, B_ORG, I_ORG];
        places_read_as_persons(&mut tags, &words, &gaz, &id, true);
        assert_eq!(tags, [B_ORG, I_ORG, I_ORG, 0, B_ORG, I_ORG]);
        // English: a country read as a person is a place; an organisation
        // keeps its reading.
        let en = Gazetteer::embedded_for("en");
        let words = ["Samoa", "beat", "Texas", "."];
        let gaz = gaz_bits(&en, &words);
        let mut tags = vec![B_PER, 0, B_ORG, 0];
        places_read_as_persons(&mut tags, &words, &gaz, &en, false);
        assert_eq!(tags, [B_LOC, 0, B_ORG, 0]);
    }

    #[test]
    fn an_unsure_name_takes_the_reading_of_its_last_word() {
        const B_ORG: usize = 3;
        const I_ORG: usize = 4;
        const I_LOC: usize = 6;
        let en = Gazetteer::embedded_for("en");
        let unsure = |m: i32| m < 10;
        // A person's name ending in a street's or a stadium's word, after
        // a preposition, "the" or a possessive, is a place; an office
        // ending in an organisation's word read as a place is an
        // organisation.
        let words = ["Fans", "on", "Marsh", "Street", "walked", "to", "Leeds's", "Cedar", "Stadium", "past", "the", "Bakers", "Union", "."];
        let mut tags = vec![0, 0, B_PER, I_PER, 0, 0, 0, B_PER, I_PER, 0, 0, B_LOC, I_LOC, 0];
        let margins = [50, 50, 3, 3, 50, 50, 50, 8, 2, 50, 50, 4, 4, 50];
        names_by_their_heads(&mut tags, &margins, &words, &en, unsure);
        assert_eq!(tags, [0, 0, B_LOC, I_LOC, 0, 0, 0, B_LOC, I_LOC, 0, 0, B_ORG, I_ORG, 0]);
        // A sure reading stays; so does a person after a possessive whose
        // last word is a common surname, a name without the preposition,
        // a place the gazetteer has whole and a compass word with "Bank".
        let words = ["at", "Dove", "Street", ",", "Derby's", "Tom", "Hall", ",", "Tina", "Tower", "and", "the", "West", "Bank", "or", "Russian", "Federation"];
        let mut tags = vec![0, B_PER, I_PER, 0, 0, B_PER, I_PER, 0, B_PER, I_PER, 0, 0, B_LOC, I_LOC, 0, B_LOC, I_LOC];
        let margins = [50, 40, 40, 50, 50, 2, 2, 50, 2, 2, 50, 50, 2, 2, 50, 2, 2];
        let before = tags.clone();
        names_by_their_heads(&mut tags, &margins, &words, &en, unsure);
        assert_eq!(tags, before);
        // One-word names and organisations are left alone.
        let words = ["the", "Street", "and", "the", "Ridge", "Stadium"];
        let mut tags = vec![0, B_PER, 0, 0, B_ORG, I_ORG];
        names_by_their_heads(&mut tags, &[0; 6], &words, &en, unsure);
        assert_eq!(tags, [0, B_PER, 0, 0, B_ORG, I_ORG]);
    }

    #[test]
    fn a_lower_case_article_opens_no_name() {
        const B_ORG: usize = 3;
        const I_ORG: usize = 4;
        const I_LOC: usize = 6;
        // "the" leaves the entity it opens; "The" and a lone "the" read as
        // an entity (nothing after it to keep) are left.
        let words = ["flights", "to", "the", "Maldives", "and", "The", "Guardian", "said", "the", "Central", "Bank", "the"];
        let mut tags = vec![0, 0, B_LOC, I_LOC, 0, B_ORG, I_ORG, 0, B_ORG, I_ORG, I_ORG, B_LOC];
        article_out_of_names(&mut tags, &words);
        assert_eq!(tags, [0, 0, 0, B_LOC, 0, B_ORG, I_ORG, 0, 0, B_ORG, I_ORG, B_LOC]);
    }

    #[test]
    fn a_bill_before_parliament_is_no_person() {
        const B_LOC: usize = 5;
        const I_LOC: usize = 6;
        // Draft laws go; a greeting, a first name before its surname and a
        // name that opens the sentence stay.
        let words = ["MPs", "debated", "the", "Housing", "Reform", "Bill", "and", "the", "Bill", "passed", "while", "Animal", "Welfare", "Bill", "waits"];
        let mut tags = vec![0, 0, 0, B_LOC, I_LOC, I_LOC, 0, 0, B_PER, 0, 0, 0, 0, B_PER, 0];
        untag_bills(&mut tags, &words);
        assert_eq!(tags, [0; 15]);
        let words = ["Hi", "Bill", ",", "said", "Bill", "Nighy", "to", "Bill", ",", "Yours", "From", "Bill"];
        let mut tags = vec![0, B_PER, 0, 0, B_PER, 0, 0, B_PER, 0, 0, 0, B_PER];
        untag_bills(&mut tags, &words);
        assert_eq!(tags, [0, B_PER, 0, 0, B_PER, 0, 0, B_PER, 0, 0, 0, B_PER]);
        let words = ["Bill", "agreed", "."];
        let mut tags = vec![B_PER, 0, 0];
        untag_bills(&mut tags, &words);
        assert_eq!(tags, [B_PER, 0, 0]);
    }

    #[test]
    fn a_party_member_alone_is_no_entity() {
        let words = ["Tory", "leader", "Michael", "Howard", "met", "the", "Tories", "and", "Tory", "Burch", "."];
        // As the model might read them: "Tory" PER, "Tories" ORG, "Tory Burch" PER.
        let mut tags = vec![B_PER, 0, B_PER, I_PER, 0, 0, 3, 0, B_PER, I_PER, 0];
        untag_party_members(&mut tags, &words);
        assert_eq!(tags, vec![0, 0, B_PER, I_PER, 0, 0, 0, 0, B_PER, I_PER, 0]);
    }

    #[test]
    fn a_common_acronym_alone_is_no_entity() {
        const B_ORG: usize = 3;
        const I_ORG: usize = 4;
        let words = ["IHSG", "naik", "BBM", "Pertamina", "dan", "KPK", "GDP"];
        let mut tags = vec![B_ORG, 0, B_ORG, I_ORG, 0, B_ORG, B_ORG];
        untag_common_acronyms(&mut tags, &words);
        // "BBM Pertamina" is more than the acronym; "KPK" is an agency.
        assert_eq!(tags, [0, 0, B_ORG, I_ORG, 0, B_ORG, 0]);
        let tagger = Tagger::embedded(TagConfig::default());
        let mut a = Article::new("t", "IHSG ditutup menguat 0,5 persen pada perdagangan Senin, sementara penyidik memeriksa pejabat Bank Indonesia.");
        a.lang = Some("id".into());
        tagger.process(&mut a).unwrap();
        let surfaces: Vec<&str> = a.entities.iter().map(|e| e.span.slice(&a.text)).collect();
        assert!(!surfaces.contains(&"IHSG"), "{surfaces:?}");
        assert!(surfaces.contains(&"Bank Indonesia"), "{surfaces:?}");
    }

    /// The summary of `ents`, an entry a line: text, label, count, aliases.
    fn summary_lines(text: &str, ents: &[Entity]) -> Vec<String> {
        summarise(text, ents).iter().map(|s| format!("{} {} {} {:?}", s.text, s.label, s.count, s.aliases)).collect()
    }

    #[test]
    fn a_part_of_one_persons_name_is_counted_under_the_name() {
        let text = "Li tiba di Moskow. Perdana Menteri Li Qiang bertemu Putin. Li memuji Vladimir Putin. Qiang pulang.";
        let ents = mentions(
            text,
            &[("Li", "PER"), ("Moskow", "LOC"), ("Li Qiang", "PER"), ("Putin", "PER"), ("Li", "PER"), ("Vladimir Putin", "PER"), ("Qiang", "PER")],
        );
        let got = summary_lines(text, &ents);
        assert_eq!(got, ["Li Qiang PER 4 [\"Li\", \"Qiang\"]", "Moskow LOC 1 []", "Vladimir Putin PER 2 [\"Putin\"]"]);
        let s = summarise(text, &ents);
        assert_eq!(s[0].first, 0, "the first mention of any form");
        assert_eq!(s.iter().map(|s| s.count).sum::<u32>() as usize, ents.len());
    }

    #[test]
    fn a_part_of_two_names_and_other_labels_stay_apart() {
        let text = "Jade Johnson and Martin Johnson met. Johnson left for Johnson City with Martin.";
        let ents = mentions(
            text,
            &[("Jade Johnson", "PER"), ("Martin Johnson", "PER"), ("Johnson", "PER"), ("Johnson City", "LOC"), ("Martin", "PER")],
        );
        let got = summary_lines(text, &ents);
        assert_eq!(got, ["Jade Johnson PER 1 []", "Martin Johnson PER 2 [\"Martin\"]", "Johnson PER 1 []", "Johnson City LOC 1 []"]);
    }

    #[test]
    fn an_acronym_in_brackets_after_a_name_is_counted_under_it() {
        let text = "Badan Riset dan Inovasi Nasional (BRIN) merilis data. Menurut BRIN, data KPK (KPK) lain.";
        let ents = mentions(
            text,
            &[("Badan Riset dan Inovasi Nasional", "ORG"), ("BRIN", "ORG"), ("BRIN", "ORG"), ("KPK", "ORG"), ("KPK", "ORG")],
        );
        let got = summary_lines(text, &ents);
        // "KPK (KPK)": a one-word name is no expansion.
        assert_eq!(got, ["Badan Riset dan Inovasi Nasional ORG 3 [\"BRIN\"]", "KPK ORG 2 []"]);
        // Two names that claim one acronym: neither takes it.
        let text = "Bank Rakyat Indonesia (BRI) dan Badan Riset Indonesia (BRI) beda.";
        let ents = mentions(text, &[("Bank Rakyat Indonesia", "ORG"), ("BRI", "ORG"), ("Badan Riset Indonesia", "ORG"), ("BRI", "ORG")]);
        let got = summary_lines(text, &ents);
        assert_eq!(got, ["Bank Rakyat Indonesia ORG 1 []", "BRI ORG 2 []", "Badan Riset Indonesia ORG 1 []"]);
        assert!(is_acronym("MH17") && !is_acronym("G20") && !is_acronym("Kemenkes") && !is_acronym("A1") && !is_acronym("X"));
    }

    /// Taggers made from the embedded model share its tables while one of
    /// them lives, each with its own settings, and tag as one that loaded
    /// the model itself.
    #[test]
    fn women_s_events_and_daughters_are_no_titles() {
        let tagger = Tagger::embedded(TagConfig::default());
        let mut a = Article::new(
            "t",
            "Ganda putri Greysia Polii dan Apriyani Rahayu menang, kata Menteri Pemuda dan Olahraga Dito Ariotedjo. Ana, putri sulung Budi, ikut menonton.",
        );
        a.lang = Some("id".into());
        tagger.process(&mut a).unwrap();
        let titles: Vec<&str> = a.titles.iter().map(|t| t.span.slice(&a.text)).collect();
        assert!(titles.iter().all(|t| !t.contains("putri")), "{titles:?}");
        assert!(titles.iter().any(|t| t.starts_with("Menteri")), "{titles:?}");
    }

    #[test]
    fn a_language_without_weights_is_read_with_the_english_ones_unless_turned_off() {
        let text = "Bundeskanzler Scholz sagte am Montag in Berlin, die Regierung werde handeln.";
        let tag = |cfg: TagConfig, lang: &str| {
            let mut a = Article::new("a", text);
            a.lang = Some(lang.into());
            a.entities.push(Entity { span: Span::new(0, 3), label: "PER".into(), score: 1.0 });
            Tagger::embedded(cfg).process(&mut a).expect("never rejects");
            a.entities.iter().map(|e| e.span.slice(text).to_string()).collect::<Vec<_>>()
        };
        // German, by default: the English weights read it, as they read a
        // text of unknown language.
        let read = tag(TagConfig::default(), "de");
        assert!(read.iter().any(|e| e == "Berlin"), "{read:?}");
        assert_eq!(tag(TagConfig::default(), "unknown"), read);
        // Turned off: nothing, not even what the article carried in; an
        // unknown language is still read.
        let off = TagConfig { other_languages: false, ..TagConfig::default() };
        assert!(tag(off.clone(), "de").is_empty());
        assert_eq!(tag(off.clone(), "unknown"), read);
        assert_eq!(tag(off, "en"), tag(TagConfig::default(), "en"));
    }

    #[test]
    fn embedded_taggers_share_the_tables_while_one_lives() {
        let first = Tagger::embedded(TagConfig::default());
        let other = Tagger::embedded(TagConfig { titles: false, ..TagConfig::default() });
        assert!(Arc::ptr_eq(&first.langs, &other.langs));
        assert!(Arc::ptr_eq(&first.clusters, &other.clusters));
        assert!(Arc::ptr_eq(&first.gazetteers, &other.gazetteers));
        assert!(first.config().titles && !other.config().titles);
        assert_ne!(first.id, other.id);
        let own = Tagger::from_bytes(TagConfig::default(), EMBEDDED_MODEL).expect("the embedded model");
        assert!(!Arc::ptr_eq(&first.langs, &own.langs));
        let text = "Presiden Joko Widodo bertemu Menteri Luar Negeri Retno Marsudi di Jakarta. \
                    KEMENTERIAN KEUANGAN MENGUMUMKAN ANGGARAN BARU.";
        let tag = |t: &Tagger| {
            let mut a = Article::new("a", text);
            a.lang = Some("id".into());
            t.process(&mut a).expect("never rejects");
            format!("{:?} {:?} {:?}", a.entities, a.titles, a.entity_summary)
        };
        assert!(tag(&first).contains("PER"));
        assert_eq!(tag(&first), tag(&own));
    }

    /// The same article tags the same with an empty cache, a warm one,
    /// and after the cache has been emptied by many or long new forms.
    #[test]
    fn output_does_not_depend_on_the_cache() {
        let tagger = Tagger::embedded(TagConfig::default());
        let text = "Presiden Joko Widodo tiba di Jakarta bersama Menteri Luar Negeri \
                    Retno Marsudi. Ia bertemu Gubernur Jawa Barat di Bandung.";
        let tag = |t: &str| {
            let mut a = Article::new("a", t);
            a.lang = Some("id".into());
            tagger.process(&mut a).expect("never rejects");
            format!("{:?} {:?} {:?}", a.entities, a.titles, a.entity_summary)
        };
        let cold = tag(text);
        assert!(cold.contains("PER"), "{cold}");
        assert_eq!(tag(text), cold);
        let many: String = (0..40_000).map(|k| format!("Kata{k} ")).collect();
        tag(&many);
        assert_eq!(tag(text), cold);
        let long: String = (0..3_000)
            .map(|k| format!("{k}{} ", "x".repeat(2_000)))
            .collect();
        tag(&long);
        assert_eq!(tag(text), cold);
    }

    /// The cached emissions equal the plain sum over `features::extract`'s
    /// keys, with and without a profile, for the embedded model.
    #[test]
    fn cached_emissions_equal_the_plain_sum() {
        let tagger = Tagger::embedded(TagConfig::default());
        let vocab = crate::features::TEST_WORDS;
        let mut fs = features::FeatureScratch::default();
        let mut sentence = forms::SentenceScratch::default();
        let mut emis = Vec::new();
        let mut state = 42u64;
        for round in 0..400 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let n = 1 + (state >> 59) as usize;
            let words: Vec<&str> = (0..n)
                .map(|k| vocab[(state >> (3 * k % 50)) as usize % vocab.len()])
                .collect();
            let lang = round % 2;
            let weights = &tagger.langs[lang.min(tagger.langs.len() - 1)];
            let profile = (round % 3 == 0)
                .then_some(weights.profiles.len() as u16)
                .filter(|p| *p > 0);
            let owner = forms::Owner {
                tagger: tagger.id,
                lang: lang.min(tagger.langs.len() - 1),
                profile,
            };
            forms::emissions(
                &words,
                owner,
                weights,
                &tagger.clusters,
                &tagger.gazetteers[owner.lang],
                &mut sentence,
                &mut emis,
            );
            features::extract(
                &words,
                &tagger.gazetteers[owner.lang],
                &tagger.clusters,
                &mut fs,
            );
            for (i, got) in emis.iter().enumerate() {
                let keys = &fs.keys[fs.offsets[i]..fs.offsets[i + 1]];
                let mut want = [0i32; N_TAGS];
                match profile {
                    None => weights.emissions(keys, &mut want),
                    Some(p) => weights.emissions_profiled(keys, p, &mut want),
                }
                assert_eq!(*got, want, "{words:?} token {i}");
            }
            assert_eq!(sentence.gaz, fs.gaz);
        }
    }
}
