//! warta's normalisation stage: repairs what scraping damaged, removes what is
//! not article text, and records every change.
//!
//! In order, for `article.text`:
//! 1. HTML markup left in the text goes ([`markup`]: tags of known
//!    elements, in a text with two or more); HTML character references are
//!    decoded, double-escaped ones included (the private `entities` module);
//! 2. mojibake (UTF-8 read as Windows-1252/Latin-1, once or more) is undone
//!    ([`mojibake`]), only where the repair is plausible;
//! 3. one clean-up pass: line breaks become `\n`, blank lines go (a paragraph
//!    break is one `\n`), space characters become U+0020, runs of spaces
//!    collapse, lines are trimmed, invisible and control characters go
//!    (zero-width joiners stay inside non-Latin scripts), optionally
//!    typographic quotes and dashes fold to ASCII; then NFC (or NFKC);
//! 4. steps 1–3 repeat while a round removed, composed or repaired characters
//!    (which can bring two characters together into a new reference or
//!    mojibake sequence), until nothing changes; whitespace-only edits settle
//!    in one round. The result is a fixed point:
//!    `normalize(normalize(x)) == normalize(x)`;
//! 5. boilerplate lines ("Baca juga: …", "ADVERTISEMENT", photo credits,
//!    script code kept as text, page furniture, and above the first
//!    paragraph bylines and time stamps) are removed, each with its reason
//!    ([`boilerplate`]), and so is boilerplate inside a line: read-also boxes,
//!    follow prompts, "Baca_Juga" placeholders, a credit after the last
//!    sentence ([`inline`]);
//! 6. a leading dateline ("JAKARTA, KOMPAS.com -") moves to `article.dateline`
//!    ([`dateline`]);
//! 7. the language is identified when the article has none ([`lang`]);
//! 8. Indonesian only: a split passive prefix is joined ("di sambut" →
//!    "disambut", [`prefix`]), and, when asked (`split_glued_words`), words
//!    a scraper glued together are split ("dariAntara" → "dari Antara",
//!    [`glue`]; measured by `--example eval_glue`), and so are words glued
//!    to a host name ("kepadaKompas.comsaat", [`hosts`]). Indonesian, Malay and
//!    English: the space a scraper dropped after a mark goes back
//!    ("Rusia,Vladimir"), and the space before a detached mark goes
//!    ("kata dia , ini", [`detached`]).
//!
//! A clean article comes out byte-identical, with no edit recorded.
//!
//! Edit kinds counted in `article.edits`: `markup_removed`, `entity`, `mojibake`, `nfc`/`nfkc`
//! (lines changed), `ligature_folded`, `c1_control_mapped`, `invisible_removed`, `control_removed`,
//! `space_normalized`, `whitespace_collapsed`, `line_break_normalized`,
//! `blank_line_removed`, `typography`, `boilerplate_line_removed`,
//! `dateline_extracted`, `split_prefix_joined`, `glued_words_split`, `glued_host_split`,
//! `missing_space_inserted`, `list_item_break_inserted`,
//! `detached_space_removed`, and the
//! same with a `title_` prefix for the title.
//! Entity and mojibake repairs are also kept as examples in `article.repairs`
//! (up to [`NormalizeConfig::max_repair_examples`] per kind).
//!
//! Evaluation against the shared data (repair and false-positive rates,
//! boilerplate precision/recall, datelines, language-ID confusion, speed):
//! `cargo run --release -p warta-normalize --example eval -- ../shared/data`;
//! speed alone: `--example bench`.

pub mod boilerplate;
mod clean;
pub mod dateline;
pub mod detached;
mod entities;
pub mod lang;
pub mod markup;
mod literals;
pub mod mojibake;
pub mod prefix;
pub mod inline;
pub mod glue;
pub mod hosts;
pub mod wrap;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use warta_core::{Article, ArticleStage, RejectReason};

pub use lang::identify_language;

/// Unicode normalisation form applied to the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum UnicodeForm {
    /// Canonical composition: changes no visible character.
    #[default]
    Nfc,
    /// Compatibility composition: also folds ligatures, full-width forms,
    /// super/subscripts ("ﬁ" → "fi", "①" → "1", "…" → "...").
    Nfkc,
}

/// What to do with typographic punctuation (curly quotes, dashes, ellipsis).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Typography {
    /// Keep it as it is.
    #[default]
    Keep,
    /// Fold it to ASCII: ‘’ → ', “” « » → ", – — − → -, … → ...
    Ascii,
}

/// When glued words are split ([`glue`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GlueSplit {
    /// Never.
    Off,
    /// In articles that show a scraper's glue ([`glue::shows_scrape_glue`]):
    /// clean text, where a split can only be wrong, is left alone.
    #[default]
    Scraped,
    /// In every Indonesian article.
    Always,
}

impl GlueSplit {
    fn name(self) -> &'static str {
        match self {
            GlueSplit::Off => "off",
            GlueSplit::Scraped => "scraped",
            GlueSplit::Always => "always",
        }
    }
}

impl Serialize for GlueSplit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// `"off" | "scraped" | "always"`, or a boolean as before session 7 (`true`
/// is `"always"`, `false` `"off"`).
impl<'de> Deserialize<'de> for GlueSplit {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Flag(bool),
            Name(String),
        }
        match Written::deserialize(d)? {
            Written::Flag(true) => Ok(GlueSplit::Always),
            Written::Flag(false) => Ok(GlueSplit::Off),
            Written::Name(name) => [GlueSplit::Off, GlueSplit::Scraped, GlueSplit::Always]
                .into_iter()
                .find(|g| g.name() == name)
                .ok_or_else(|| serde::de::Error::custom(format!("split_glued_words: {name:?} is not off, scraped or always"))),
        }
    }
}

/// Configuration of the normalisation stage; any subset can be set in a
/// manifest, the rest takes the defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NormalizeConfig {
    pub form: UnicodeForm,
    pub typography: Typography,
    /// Decode HTML character references (`&amp;`, `&#8217;`).
    pub decode_entities: bool,
    /// Take HTML markup out of the text ("<p>…</p>", "<br>", "<b>", scripts
    /// and comments), in a text with at least two tags of known HTML
    /// elements ([`markup`]).
    pub strip_markup: bool,
    /// Undo UTF-8 decoded as Windows-1252/Latin-1.
    pub fix_mojibake: bool,
    /// Remove navigation, promo and credit lines from the body.
    pub remove_boilerplate: bool,
    /// Move a leading dateline into `article.dateline`.
    pub extract_dateline: bool,
    /// Identify the language of articles that have none.
    pub detect_language: bool,
    /// Also identify the language of articles that come with one, and put
    /// a `lang_detected_disagrees` signal on those where they differ (the
    /// given language is kept either way). Off by default: it costs time.
    pub verify_given_language: bool,
    /// Join a split Indonesian prefix: "di" and "ke" ("di sambut" →
    /// "disambut", "ke pada" → "kepada") for stems in `data/di_stems.txt`
    /// and `data/ke_stems.txt`, in Indonesian and Malay articles; "ber",
    /// "ter", "me", … ("ber sama") where the joined word is known, in
    /// Indonesian ones (see [`prefix`]).
    pub join_split_prefix: bool,
    /// Split words a scraper glued together ("pembiayaanterhadap",
    /// "dariAntara"; see [`glue`]); Indonesian articles only. By default only
    /// in articles that show a scraper's glue ([`glue::shows_scrape_glue`]).
    pub split_glued_words: GlueSplit,
    /// Put back the space a scraper dropped after a comma or full stop
    /// between two words ("Rusia,Vladimir", "produk.Harga";
    /// [`glue::punctuation_joins`]) and around a bracketed abbreviation or
    /// date ("Serikat(AS)Donald"; [`glue::bracket_joins`]), or after a colon
    /// between two words ("dunia:depresi"), and the line break before each
    /// item of a numbered list run into one line ("1. Thailand2. Laos3.
    /// Filipina"; [`glue::list_item_breaks`]); Indonesian, Malay and English
    /// articles.
    pub space_after_punctuation: bool,
    /// Take out the space before a mark detached from its word ("kata dia ,
    /// ini", "Commerzbank . Lalu") and inside bracket ends ("( BoE )";
    /// [`detached`]); Indonesian, Malay and English articles.
    pub detached_punctuation: bool,
    /// Join the lines of hard-wrapped paragraphs ("… raise the minimum\nwage
    /// by …": plain-text archives, e-mail, text from PDFs), and a line broken
    /// inside a sentence by a dropped link ("yang modern dan\nterbuka"),
    /// which would otherwise each end a sentence ([`wrap`]).
    pub unwrap_lines: bool,
    /// Examples of each repair kind kept in `article.repairs` per article
    /// (the counts in `article.edits` are always complete).
    pub max_repair_examples: usize,
}

impl Default for NormalizeConfig {
    fn default() -> Self {
        NormalizeConfig {
            form: UnicodeForm::Nfc,
            typography: Typography::Keep,
            decode_entities: true,
            strip_markup: true,
            fix_mojibake: true,
            remove_boilerplate: true,
            extract_dateline: true,
            detect_language: true,
            verify_given_language: false,
            join_split_prefix: true,
            split_glued_words: GlueSplit::Scraped,
            space_after_punctuation: true,
            detached_punctuation: true,
            unwrap_lines: true,
            max_repair_examples: 16,
        }
    }
}

/// Counts of character-level edits, per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EditCounts {
    pub entity: u64,
    pub mojibake: u64,
    pub nfc: u64,
    pub nfkc: u64,
    pub invisible_removed: u64,
    pub control_removed: u64,
    pub space_normalized: u64,
    pub whitespace_collapsed: u64,
    pub line_break_normalized: u64,
    pub blank_line_removed: u64,
    pub typography: u64,
    pub ligature_folded: u64,
    pub markup_removed: u64,
    pub c1_control_mapped: u64,
}

impl EditCounts {
    /// `(kind, count)` for every kind, in a fixed order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, u64)> {
        [
            ("entity", self.entity),
            ("mojibake", self.mojibake),
            ("nfc", self.nfc),
            ("nfkc", self.nfkc),
            ("invisible_removed", self.invisible_removed),
            ("control_removed", self.control_removed),
            ("space_normalized", self.space_normalized),
            ("whitespace_collapsed", self.whitespace_collapsed),
            ("line_break_normalized", self.line_break_normalized),
            ("blank_line_removed", self.blank_line_removed),
            ("typography", self.typography),
            ("ligature_folded", self.ligature_folded),
            ("markup_removed", self.markup_removed),
            ("c1_control_mapped", self.c1_control_mapped),
        ]
        .into_iter()
    }

    pub fn total(&self) -> u64 {
        self.iter().map(|(_, n)| n).sum()
    }
}

/// Rounds of repair + clean-up before giving up on reaching a fixed point.
/// Real text settles in one or two; each mojibake or entity repair shrinks
/// the text, so only pathological input could need more.
const MAX_ROUNDS: usize = 8;

/// Character-level normalisation (steps 1–4 of the crate doc). Returns `None`
/// when `text` is already normalised. `on_repair(kind, before, after)` sees
/// each entity or mojibake repair.
pub fn normalize_chars<'t>(
    text: &'t str,
    cfg: &NormalizeConfig,
    edits: &mut EditCounts,
    on_repair: &mut dyn FnMut(&'static str, &str, &str),
) -> Option<String> {
    // Most articles need nothing: one quick pass proves it.
    if clean::is_settled(text, cfg.form, cfg.typography) {
        return None;
    }
    // Most of the others need only their no-break spaces made plain: when
    // the text with every U+00A0 as a space is settled, each of them stood
    // alone between two characters of a line, and that text is what the full
    // pass gives (one `space_normalized` edit each, nothing else: no
    // reference, mojibake byte or composition can come of a space).
    if let Some((spaced, n)) = no_break_spaces_as_spaces(text) {
        if clean::is_settled(&spaced, cfg.form, cfg.typography) {
            edits.space_normalized += n;
            return Some(spaced);
        }
    }
    normalize_chars_full(text, cfg, edits, on_repair)
}

/// `text` with every U+00A0 as a plain space, and how many there were;
/// `None` when there is none. (Found by their second byte, 0xA0, with the
/// lead byte 0xC2 before it; `str::replace` is several times slower.)
fn no_break_spaces_as_spaces(text: &str) -> Option<(String, u64)> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut n = 0;
    for p in memchr::memchr_iter(0xA0, bytes) {
        if p == 0 || bytes[p - 1] != 0xC2 {
            continue;
        }
        let buf = out.get_or_insert_with(|| String::with_capacity(text.len()));
        buf.push_str(&text[copied..p - 1]);
        buf.push(' ');
        copied = p + 1;
        n += 1;
    }
    out.map(|mut buf| {
        buf.push_str(&text[copied..]);
        (buf, n)
    })
}

/// [`normalize_chars`] without the quick check for settled text.
fn normalize_chars_full<'t>(
    text: &'t str,
    cfg: &NormalizeConfig,
    edits: &mut EditCounts,
    on_repair: &mut dyn FnMut(&'static str, &str, &str),
) -> Option<String> {
    let mut current: Cow<'t, str> = Cow::Borrowed(text);
    let mut cleaned = String::new();
    let mut changed = false;
    for _ in 0..MAX_ROUNDS {
        let before = *edits;
        let mut repaired: Option<String> = None;
        if cfg.strip_markup {
            let mut buf = String::new();
            let n = markup::strip(&current, &mut buf);
            if n > 0 {
                edits.markup_removed += n;
                repaired = Some(buf);
            }
        }
        let src: &str = repaired.as_deref().unwrap_or(&current);
        if cfg.decode_entities && memchr::memchr(b'&', src.as_bytes()).is_some() {
            let mut buf = String::new();
            let n = entities::decode(src, &mut buf, &mut |reference, c| {
                let mut utf8 = [0u8; 4];
                on_repair("entity", reference, c.encode_utf8(&mut utf8));
            });
            if n > 0 {
                edits.entity += n;
                repaired = Some(buf);
            }
        }
        if cfg.fix_mojibake {
            let src: &str = repaired.as_deref().unwrap_or(&current);
            let mut buf = String::new();
            let mut sink = |before: &str, after: char| {
                let mut utf8 = [0u8; 4];
                on_repair("mojibake", before, after.encode_utf8(&mut utf8));
            };
            let n = mojibake::fix(src, &mut buf, &mut sink);
            if n > 0 {
                edits.mojibake += n;
                repaired = Some(buf);
            }
        }
        let src: &str = repaired.as_deref().unwrap_or(&current);
        let cleaned_changed = clean::clean(src, cfg.form, cfg.typography, &mut cleaned, edits);
        if !cleaned_changed && repaired.is_none() {
            break;
        }
        changed = true;
        let was_repaired = repaired.is_some();
        current = Cow::Owned(if cleaned_changed { std::mem::take(&mut cleaned) } else { repaired.unwrap_or_default() });
        // Whitespace, line-break and space-character edits never join two
        // characters, so they cannot make a new reference or mojibake
        // sequence: the result is already a fixed point. Removed characters,
        // composition and repairs can, so another round checks.
        let may_create = was_repaired
            || edits.invisible_removed != before.invisible_removed
            || edits.control_removed != before.control_removed
            || edits.nfc != before.nfc
            || edits.nfkc != before.nfkc
            || edits.typography != before.typography
            || edits.ligature_folded != before.ligature_folded
            || edits.c1_control_mapped != before.c1_control_mapped;
        if !may_create {
            break;
        }
    }
    changed.then(|| current.into_owned())
}

/// The text part of the stage, for tests and benchmarks: character-level
/// normalisation, then, when the config asks for it, read-also boxes run
/// into a line and boilerplate lines removed. (Dateline extraction and
/// language identification need the article.)
pub fn normalize_text(text: &str, cfg: &NormalizeConfig) -> String {
    let mut edits = EditCounts::default();
    let chars = normalize_chars(text, cfg, &mut edits, &mut |_, _, _| {});
    let mut text = chars.unwrap_or_else(|| text.to_string());
    if cfg.remove_boilerplate {
        inline::remove(&mut text, &mut |_, _| {});
        // A line taken out can leave boilerplate last in the text, which
        // the inline cut takes (as the stage does; each round removes
        // something).
        while let Some(kept) = boilerplate::remove(&text, &mut |_, _| {}) {
            text = kept;
            if !inline::remove(&mut text, &mut |_, _| {}) {
                break;
            }
        }
    }
    text
}

/// The normalisation stage.
#[derive(Debug, Clone, Default)]
pub struct Normalizer {
    cfg: NormalizeConfig,
}

impl Normalizer {
    pub fn new(cfg: NormalizeConfig) -> Self {
        Normalizer { cfg }
    }

    pub fn config(&self) -> &NormalizeConfig {
        &self.cfg
    }
}

const STAGE: &str = "normalize";

impl ArticleStage for Normalizer {
    fn name(&self) -> &'static str {
        STAGE
    }

    /// Normalises `article` in place. On a reject, `article.text` holds the
    /// text as far as it was normalised.
    fn process(&self, article: &mut Article) -> Result<(), (RejectReason, String)> {
        // The text is worked on in its own buffer, in place where a step
        // allows (boilerplate cuts, the dateline), and put back at the end.
        let mut text = std::mem::take(&mut article.text);
        let result = self.normalize_into(article, &mut text, 0);
        match result {
            Ok(true) => article.replace_text(text),
            Ok(false) | Err(_) => article.text = text,
        }
        result.map(|_| ())
    }
}

impl Normalizer {
    /// The stage on `text`, taken out of `article`. Returns whether `text`
    /// changed.
    fn normalize_into(&self, article: &mut Article, text: &mut String, round: usize) -> Result<bool, (RejectReason, String)> {
        let cfg = &self.cfg;
        let mut edits = EditCounts::default();
        let mut examples: Vec<(&'static str, String, String)> = Vec::new();
        let mut per_kind = [0usize; 2];
        let mut keep_example = |kind: &'static str, before: &str, after: &str| {
            let slot = usize::from(kind == "mojibake");
            if per_kind[slot] < cfg.max_repair_examples {
                per_kind[slot] += 1;
                examples.push((kind, clip(before), clip(after)));
            }
        };

        let mut changed = false;
        // Lines are joined before the line filters (a wrapped paragraph is
        // one line to them), and a joined line can close a tag or an entity
        // split across the break: the characters are read again then.
        let (mut unwrapped, mut rejoined) = (0, 0);
        for line_round in 0..=MAX_LINE_ROUNDS {
            let chars_changed = match normalize_chars(text, cfg, &mut edits, &mut keep_example) {
                Some(new_text) => {
                    *text = new_text;
                    true
                }
                None => false,
            };
            changed |= chars_changed;
            if !cfg.unwrap_lines || line_round == MAX_LINE_ROUNDS || (line_round > 0 && !chars_changed) {
                break;
            }
            let Some((joined, u, r)) = wrap::join_lines(text, own_line(cfg, article.title.as_deref())) else { break };
            *text = joined;
            unwrapped += u;
            rejoined += r;
            changed = true;
        }
        // Each pass is linear in the text: the per-article time limit is
        // checked between passes.
        warta_core::deadline::check(STAGE)?;

        let mut removals: Vec<(&'static str, String)> = Vec::new();
        if cfg.remove_boilerplate {
            // Boilerplate run into a paragraph first: what is left of its
            // line after the cut is the line filter's to judge.
            changed |= remove_inline_boilerplate(article, text);
            let mut lines_before = removals.len();
            changed |= boilerplate::remove_in_place(text, &mut |kind, line| removals.push((kind, line.to_string())));
            // A line taken out can leave boilerplate last in the text, where
            // the inline cut takes it ("n. (i)⏎(d)": "(i)" is a credit once
            // "(d)" is gone): read again, as a second run would, until
            // nothing more goes (each round removes something).
            while removals.len() > lines_before && remove_inline_boilerplate(article, text) {
                warta_core::deadline::check(STAGE)?;
                lines_before = removals.len();
                boilerplate::remove_in_place(text, &mut |kind, line| removals.push((kind, line.to_string())));
            }
            warta_core::deadline::check(STAGE)?;
        }

        let mut dateline_found: Option<String> = None;
        if cfg.extract_dateline && article.dateline.is_none() {
            // A scraper may repeat the title as the body's first line, above
            // the dateline: the dateline is looked for after it too (the
            // title line itself is de-duplication's to remove).
            let found = dateline::find(text).map(|f| (0, f.dateline.to_string(), f.body_start)).or_else(|| {
                let from = title_line_end(text, article.title.as_deref()?)?;
                dateline::find(&text[from..]).map(|f| (from, f.dateline.to_string(), from + f.body_start))
            });
            if let Some((from, found_dateline, body_start)) = found {
                dateline_found = Some(found_dateline);
                let mut cut = body_start;
                // What follows the dateline on its line is a new line start:
                // if it is boilerplate ("(kha)"), it goes too, so that a
                // second run finds nothing left to remove.
                if cfg.remove_boilerplate {
                    let rest = &text[cut..];
                    let first_line = &rest[..memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len())];
                    if let Some(kind) = boilerplate::classify_line(first_line) {
                        removals.push((kind, first_line.to_string()));
                        cut += first_line.len();
                        cut += text[cut..].len() - text[cut..].trim_start_matches('\n').len();
                    }
                }
                text.drain(from..cut);
                changed = true;
                // The dateline gone, a read-also box after it opens its line
                // now, and is judged as one, as a second run would.
                if cfg.remove_boilerplate && remove_inline_boilerplate(article, text) {
                    boilerplate::remove_in_place(text, &mut |kind, line| removals.push((kind, line.to_string())));
                }
            }
        }

        if text.is_empty() {
            return Err(empty_text());
        }

        // The title: same character-level normalisation, on one line.
        let mut title_edits = EditCounts::default();
        let new_title = article.title.as_deref().and_then(|title| {
            let norm = normalize_chars(title, cfg, &mut title_edits, &mut |_, _, _| {});
            let t = norm.as_deref().unwrap_or(title);
            if t.contains('\n') {
                Some(t.replace('\n', " "))
            } else {
                norm
            }
        });

        for (kind, before, after) in examples {
            article.record_repair(STAGE, kind, before, after);
        }
        for (kind, n) in edits.iter() {
            article.count_edit(kind, n);
        }
        if unwrapped > 0 {
            article.count_edit("line_unwrapped", unwrapped);
        }
        if rejoined > 0 {
            article.count_edit("broken_line_joined", rejoined);
        }
        for (kind, n) in title_edits.iter().filter(|&(_, n)| n > 0) {
            article.count_edit(format!("title_{kind}"), n);
        }
        if let Some(title) = new_title {
            article.title = Some(title);
        }
        record_boilerplate_removals(article, removals);
        if let Some(d) = dateline_found {
            article.count_edit("dateline_extracted", 1);
            article.dateline = Some(d);
        }

        if cfg.detect_language && article.lang.is_none() {
            let (code, score) = lang::identify(text);
            article.lang = Some(code.to_string());
            article.lang_score = Some(score);
        } else if cfg.verify_given_language && article.lang.is_some() {
            let (code, score) = lang::identify(text);
            if code != "unknown" && article.lang.as_deref() != Some(code) {
                // A given language is kept; a disagreement is worth a signal.
                article.signals.insert("lang_detected_disagrees".to_string(), f64::from(score));
            }
        }
        // Indonesian (and Malay) only: elsewhere "di" is not a prefix.
        let joined_any = join_prefixes(article, text, cfg);
        changed |= joined_any;
        let lang = article.lang.as_deref();
        let spaced_language = matches!(lang, Some("id" | "ms" | "en"));
        let spacing = cfg.space_after_punctuation && spaced_language;
        let split_mode = if lang == Some("id") { cfg.split_glued_words } else { GlueSplit::Off };
        // First, so that the spacing below sees the marks and brackets where
        // they belong ("inia( BoE )" -> "inia(BoE)", then "inia (BoE)").
        let attached = cfg.detached_punctuation
            && spaced_language
            && apply_word_repairs(
                article,
                text,
                detached::remove_detached_spaces(text),
                "detached_space_removed",
                "detached_space",
                cfg.max_repair_examples,
            );
        changed |= attached;
        // Each item of a numbered list flattened into one line back on a
        // line of its own ("1. Thailand2. Laos3. Filipina"); no space put
        // back below makes or unmakes such a list.
        let listed = spacing && {
            let broken = glue::break_list_items(text);
            apply_word_repairs(article, text, broken, "list_item_break_inserted", "list_item_break", cfg.max_repair_examples)
        };
        changed |= listed;
        // A line break put after an item's mark leaves that mark at a line
        // end, where a space before it is detached ("B ;⏎3. c").
        if listed && cfg.detached_punctuation {
            let detached = detached::remove_detached_spaces(text);
            changed |= apply_word_repairs(article, text, detached, "detached_space_removed", "detached_space", cfg.max_repair_examples);
        }
        // Words glued to a host name ("kepadaKompas.comsaat"): no host has
        // them, so the cut needs no other mark of a scraper. First, so that
        // the marks below read the words as they stand.
        let mut hosts_split = false;
        if split_mode != GlueSplit::Off {
            hosts_split = split_glued_hosts(article, text, cfg);
            changed |= hosts_split;
        }
        let mut joins = if spacing || split_mode == GlueSplit::Scraped { glue::spacing_joins(text) } else { Vec::new() };
        // Judged before the spaces go back: the joins, and a numbered list
        // run into one line, are marks.
        let glue_wanted = match split_mode {
            GlueSplit::Off => false,
            GlueSplit::Scraped => listed || glue::shows_scrape_glue_with(text, &joins),
            GlueSplit::Always => true,
        };
        // A joined prefix, a line break or a space put back can make a line
        // boilerplate ("(ant/ABC)" credit lines), removed below as a second
        // run of the stage would.
        let mut edited = joined_any || listed || attached || hosts_split;
        // A number run into the next word ("Rp1.051.000Harga"), before the
        // spaces after punctuation: the word it frees may need one
        // ("2024Kata.Lalu" reads as code until then). No space or split
        // makes a new one.
        if glue_wanted {
            let spaced = glue::space_after_numbers(text);
            if apply_word_repairs(article, text, spaced, "missing_space_inserted", "missing_space", cfg.max_repair_examples) {
                changed = true;
                edited = true;
                joins = glue::spacing_joins(text);
            }
        }
        if spacing {
            let spaced = glue::space_at_joins(text, joins);
            let spaced_any = apply_word_repairs(article, text, spaced, "missing_space_inserted", "missing_space", cfg.max_repair_examples);
            changed |= spaced_any;
            edited |= spaced_any;
            // A space put back can free a split prefix (",me dia" -> ", me
            // dia") or end a host name ("olehX.id.Lalu" -> "olehX.id. Lalu"):
            // both are dealt with now, as a second run of the stage would.
            if spaced_any && split_mode != GlueSplit::Off {
                split_glued_hosts(article, text, cfg);
            }
            if spaced_any {
                // A prefix joined then can make the word before the next
                // mark one that takes a space ("pka: pe ru:pM" -> "pka:
                // peru:pM" -> "pka: peru: pM"): round until neither changes
                // anything (each round joins or inserts; the time limit is
                // checked each round).
                while join_prefixes(article, text, cfg) {
                    edited = true;
                    warta_core::deadline::check(STAGE)?;
                    let spaced = glue::space_at_joins(text, glue::spacing_joins(text));
                    if !apply_word_repairs(article, text, spaced, "missing_space_inserted", "missing_space", cfg.max_repair_examples) {
                        break;
                    }
                }
                // A space put back after an item's number ("2.Wa" -> "2. Wa")
                // can complete a numbered list run into a line: broken now.
                let broken = glue::break_list_items(text);
                if apply_word_repairs(article, text, broken, "list_item_break_inserted", "list_item_break", cfg.max_repair_examples) {
                    edited = true;
                    if cfg.detached_punctuation {
                        let detached = detached::remove_detached_spaces(text);
                        apply_word_repairs(article, text, detached, "detached_space_removed", "detached_space", cfg.max_repair_examples);
                    }
                }
            }
        }
        // A split can make the word before a comma an acronym, which needs
        // the space after the comma back ("siaBANDUNG,Kota" -> "sia
        // BANDUNG,Kota" -> "sia BANDUNG, Kota"), and that space can free a
        // glued word: both go round until neither finds anything, so that a
        // second run of the stage finds nothing to do. Each round only
        // inserts spaces; real text settles in one or two, and a crafted
        // chain meets the time limit, checked each round.
        loop {
            let mut split_any = false;
            if glue_wanted {
                loop {
                    warta_core::deadline::check(STAGE)?;
                    let split = glue::split_glued_words(text);
                    if !apply_word_repairs(article, text, split, "glued_words_split", "glued_words", cfg.max_repair_examples) {
                        break;
                    }
                    changed = true;
                    split_any = true;
                    // A split can free a split prefix ("di siaPikiran" -> "di sia
                    // Pikiran"): joined now.
                    join_prefixes(article, text, cfg);
                    if !spacing {
                        break;
                    }
                    let spaced = glue::space_at_joins(text, glue::spacing_joins(text));
                    if !apply_word_repairs(article, text, spaced, "missing_space_inserted", "missing_space", cfg.max_repair_examples) {
                        break;
                    }
                    split_glued_hosts(article, text, cfg);
                    join_prefixes(article, text, cfg);
                }
            }
            // A split, a join or a space can make a line boilerplate ("Bacajuga: …"
            // -> "Baca juga: …"); removed now, as a second run of the stage
            // would. The removed line may have held the second use of a
            // camel-case run that is split once it occurs only once: one
            // more round of splits then.
            if !(split_any || edited) || !cfg.remove_boilerplate {
                break;
            }
            edited = false;
            let boxes_cut = remove_inline_boilerplate(article, text);
            let mut removed: Vec<(&'static str, String)> = Vec::new();
            boilerplate::remove_in_place(text, &mut |kind, line| removed.push((kind, line.to_string())));
            let removed_any = boxes_cut || !removed.is_empty();
            record_boilerplate_removals(article, removed);
            // A box found only now (a split or a space made it readable)
            // took text that the spacing and glue decisions above read: the
            // stage runs again on what is left, as a second run would.
            if boxes_cut && round < MAX_LATE_CUT_ROUNDS {
                if text.is_empty() {
                    return Err(empty_text());
                }
                warta_core::deadline::check(STAGE)?;
                self.normalize_into(article, text, round + 1)?;
                return Ok(true);
            }
            if !removed_any || !glue_wanted {
                break;
            }
        }
        // Those removals may leave nothing (a lone caption line).
        if text.is_empty() {
            return Err(empty_text());
        }
        // A line taken out (boilerplate, the dateline) or put in (a list
        // item) can leave the rest reading as wrapped lines: the stage runs
        // again on them, as a second run would.
        if cfg.unwrap_lines && round < MAX_LATE_CUT_ROUNDS && wrap::join_lines(text, own_line(cfg, article.title.as_deref())).is_some() {
            warta_core::deadline::check(STAGE)?;
            self.normalize_into(article, text, round + 1)?;
            return Ok(true);
        }
        Ok(changed)
    }
}

/// The lines that unwrapping leaves on lines of their own: those the
/// boilerplate filter removes, when it runs, and the title repeated in the
/// body (de-duplication removes it as a line).
fn own_line<'a>(cfg: &NormalizeConfig, title: Option<&'a str>) -> impl Fn(&str) -> bool + 'a {
    let boilerplate = cfg.remove_boilerplate;
    let title = title.map(str::trim).filter(|t| !t.is_empty());
    move |line: &str| boilerplate && boilerplate::classify_line(line).is_some() || title.is_some_and(|t| line.trim().eq_ignore_ascii_case(t))
}

/// How often the characters are read again after lines were joined.
const MAX_LINE_ROUNDS: usize = 4;

/// How often the stage runs again on its own output after a late cut of
/// boilerplate run into a line; each round cuts at least one box marker.
const MAX_LATE_CUT_ROUNDS: usize = 8;

/// The reject of a text that normalisation left empty.
fn empty_text() -> (RejectReason, String) {
    (RejectReason::EmptyText, "text is empty after normalisation".to_string())
}

/// Cuts the boilerplate run into a line of `text` ([`inline`]: read-also
/// boxes, follow promotions), counting and recording each; true when
/// something was cut.
fn remove_inline_boilerplate(article: &mut Article, text: &mut String) -> bool {
    let mut cut: Vec<(&'static str, String)> = Vec::new();
    if !inline::remove(text, &mut |kind, removed| cut.push((kind, removed.to_string()))) {
        return false;
    }
    article.count_edit("boilerplate_inline_removed", cut.len() as u64);
    for (kind, removed) in cut {
        article.record_removal(STAGE, boilerplate::reason(kind), removed);
    }
    true
}

/// Counts and records the boilerplate lines removed from `article`'s text.
fn record_boilerplate_removals(article: &mut Article, removed: Vec<(&'static str, String)>) {
    article.count_edit("boilerplate_line_removed", removed.len() as u64);
    for (kind, line) in removed {
        article.record_removal(STAGE, boilerplate::reason(kind), line);
    }
}

/// Joins split prefixes ("di sambut", and in Indonesian "ber sama"); true
/// when the text changed.
fn join_prefixes(article: &mut Article, text: &mut String, cfg: &NormalizeConfig) -> bool {
    let mut changed = false;
    if cfg.join_split_prefix && matches!(article.lang.as_deref(), Some("id" | "ms")) {
        let joined = prefix::join_split_prefixes(text);
        changed |= apply_word_repairs(article, text, joined, "split_prefix_joined", "split_prefix", cfg.max_repair_examples);
        // "ber", "ter", "me" standing alone: never words of their own in
        // Indonesian (1 in the 7 MB of IndoSum, "mem buat", 0 in the raw
        // id-rss), so wherever a scraper split them.
        if article.lang.as_deref() == Some("id") {
            let joined = prefix::join_split_bound_prefixes(text);
            changed |= apply_word_repairs(article, text, joined, "split_prefix_joined", "split_prefix", cfg.max_repair_examples);
        }
    }
    changed
}

/// When the first line of `text` repeats `title` (letters and digits,
/// case ignored), the offset where the next line starts.
fn title_line_end(text: &str, title: &str) -> Option<usize> {
    // A first line much longer than the title is not it: no need to look.
    let newline = memchr::memchr(b'\n', &text.as_bytes()[..text.len().min(4 * title.len() + 16)])?;
    // Compared as streams, without copies: this runs on every article.
    let mut title_letters = title.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).peekable();
    title_letters.peek()?;
    let line_letters = text[..newline].chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase);
    title_letters.eq(line_letters).then_some(newline + 1)
}

/// Takes the result of a word-level repair (the new text when something
/// changed, and each change as before/after): counts the changes under
/// `edit`, keeps up to `examples` of them as `kind` repairs, and puts the new
/// text in place. True when the text changed.
fn apply_word_repairs(
    article: &mut Article,
    text: &mut String,
    (repaired, changes): (Option<String>, Vec<(String, String)>),
    edit: &'static str,
    kind: &'static str,
    examples: usize,
) -> bool {
    let Some(repaired) = repaired else { return false };
    article.count_edit(edit, changes.len() as u64);
    for (before, after) in changes.into_iter().take(examples) {
        article.record_repair(STAGE, kind, before, after);
    }
    *text = repaired;
    true
}

/// Cuts the words glued to host names ([`hosts`]); whether any was.
fn split_glued_hosts(article: &mut Article, text: &mut String, cfg: &NormalizeConfig) -> bool {
    apply_word_repairs(article, text, hosts::split_glued_hosts(text), "glued_host_split", "glued_host", cfg.max_repair_examples)
}

/// At most 200 bytes of `s`, on a char boundary, for repair examples.
fn clip(s: &str) -> String {
    if s.len() <= 200 {
        return s.to_string();
    }
    let mut end = 200;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of text that are settled, and pieces that need work of each
    /// kind (entities, mojibake, spaces, controls, composition, folding).
    fn pieces() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "Kata", "a", " ", "  ", "\n", "\n\n", "\r\n", "\t", "x.", "“", "”", "’", "–", "—", "…", "é", "e\u{301}", "\u{a0}", "\u{a0}", "a\u{a0}b",
            "\u{200b}", "\u{200d}", "\u{1}", "\u{7f}", "\u{85}", "&amp;", "&", "Ã©", "â€™", "ﬁ", "Ω", "한", "€", "°",
        ]);
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(6000))]
        /// The quick check only passes text that the full pass leaves alone.
        #[test]
        fn settled_text_needs_no_work(text in pieces(), nfkc in any::<bool>(), ascii in any::<bool>()) {
            let cfg = NormalizeConfig {
                form: if nfkc { UnicodeForm::Nfkc } else { UnicodeForm::Nfc },
                typography: if ascii { Typography::Ascii } else { Typography::Keep },
                ..NormalizeConfig::default()
            };
            let mut edits = EditCounts::default();
            let full = normalize_chars_full(&text, &cfg, &mut edits, &mut |_, _, _| {});
            if clean::is_settled(&text, cfg.form, cfg.typography) {
                prop_assert_eq!(full, None);
                prop_assert_eq!(edits, EditCounts::default());
            }
            let mut fast_edits = EditCounts::default();
            let fast = normalize_chars(&text, &cfg, &mut fast_edits, &mut |_, _, _| {});
            prop_assert_eq!(fast, normalize_chars_full(&text, &cfg, &mut EditCounts::default(), &mut |_, _, _| {}));
            prop_assert_eq!(fast_edits, edits);
        }

        /// Long settled text (several blocks, non-ASCII across block ends).
        #[test]
        fn long_settled_text_is_recognised(words in prop::collection::vec(prop::sample::select(vec!["kata", "“kutip”", "ke–dua", "Rp100"]), 1..200)) {
            let text = words.join(" ");
            prop_assert!(clean::is_settled(&text, UnicodeForm::Nfc, Typography::Keep));
            prop_assert_eq!(normalize_chars_full(&text, &NormalizeConfig::default(), &mut EditCounts::default(), &mut |_, _, _| {}), None);
            let spaced = format!("{text}  x");
            prop_assert!(!clean::is_settled(&spaced, UnicodeForm::Nfc, Typography::Keep));
        }

        /// Text whose words are parted by spaces and no-break spaces (the
        /// quick path for them) comes out as from the full pass.
        #[test]
        fn no_break_spaces_quick_equals_full(
            words in prop::collection::vec(prop::sample::select(vec!["kata", "“kutip”", "Rp100", "x.", "\n", "é"]), 1..80),
            seps in prop::collection::vec(prop::sample::select(vec![" ", "\u{a0}", "\u{a0}\u{a0}", " \u{a0}", "\n"]), 80),
        ) {
            let mut text = String::new();
            for (w, sep) in words.iter().zip(&seps) {
                if !text.is_empty() {
                    text.push_str(sep);
                }
                text.push_str(w);
            }
            let cfg = NormalizeConfig::default();
            let (mut quick_edits, mut full_edits) = (EditCounts::default(), EditCounts::default());
            let quick = normalize_chars(&text, &cfg, &mut quick_edits, &mut |_, _, _| {});
            let full = normalize_chars_full(&text, &cfg, &mut full_edits, &mut |_, _, _| {});
            prop_assert_eq!(quick, full);
            prop_assert_eq!(quick_edits, full_edits);
        }
    }
}
