//! Indonesian sentence boundaries without final punctuation: "… naik
//! menjadi $221 miliar Tapi pasar tetap tenang …". Indonesian capitalises an
//! ordinary word inside a sentence only when it opens one (names and title
//! case aside), so a clause connective written with a capital right after a
//! lowercase word or a number, in the middle of a line, starts a sentence
//! whose predecessor lost its stop.
//!
//! The decision is a rule, precision first. At a gap "word Opener" inside a
//! rule sentence it splits only when
//! * the opener is in `data/unpunct-openers-id.txt`, a closed class of clause
//!   connectives, subordinators and discourse adverbs (Namun, Sementara,
//!   Selain, Karena, Setelah, …); prepositions, pronouns, demonstratives and
//!   the like are left out, because writers also capitalise them inside a
//!   sentence;
//! * the word before is a plain lowercase word that can end a sentence (not in
//!   `data/nonfinal-id.txt`) or a number ("2015", "4,5%", "1.021.500");
//! * the word after the opener is lowercase, or the opener carries a comma
//!   ("Namun, …"): a title-case fragment or a name has a capital there
//!   ("Namun Tak Ada Tempat", "Tapi Mereka Bilang");
//! * in the cohesion table's news counts the word opens sentences (at least
//!   16 times) at least four times as often as it stands capitalised after a
//!   lowercase word.
//!
//! Speed: the pass looks only at the capitals N and T (`memchr2`, SIMD), so
//! of the list only Namun, Tapi and Tetapi are read today: they hold 27% of
//! the boundaries the whole list finds in training text with stops dropped by
//! code, for 2-3% of the stage's time; adding S (Selain, Sementara, Saat,
//! Setelah, …: 31% more) cost 6-7% of the stage, and a stop at every
//! capital in the rule pass 10% or more (crate README, "Session 7 log").
//! Everything else runs only at those gaps. A boundary changes no text, so
//! nothing is recorded on the article;
//! `segment_rules` (and the stage with `learned_model: false`) leaves it out
//! with the other decisions that read learned data.

use warta_core::Span;

use std::sync::OnceLock;

use crate::lang::{Lang, LangRules, WordSet};

/// At most this many openers are read from the list (their index is a `u8`).
pub(crate) const MAX_OPENERS: usize = 128;
/// Cohesion buckets (1 + log2 count): the opener opens sentences in the news
/// at least 2^MIN_START_LEAD times as often as it stands capitalised after a
/// lowercase word inside one, and has opened at least 16 (bucket 5).
const MIN_START_LEAD: i32 = 2;
const MIN_START: u8 = 5;

/// The word before the gap can end a sentence that lost its stop: a plain
/// lowercase word that is not a function word, or a number.
fn ends_clause(prev: &str, rules: &LangRules) -> bool {
    let Some(first) = prev.chars().next() else { return false };
    if first.is_ascii_digit() {
        // "2015", "4,5%", "1.021.500", "$221" is written with its sign first and is no word here.
        let last = prev.as_bytes()[prev.len() - 1];
        return (last.is_ascii_digit() || last == b'%') && prev.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'%'));
    }
    prev.chars().all(|c| c.is_lowercase() || c == '-') && !prev.starts_with('-') && !rules.nonfinal.contains(prev)
}

/// The openers (`data/unpunct-openers-id.txt`) that the cohesion table lets
/// through, as a word set: those that open sentences in the news (bucket at
/// least [`MIN_START`]) at least 2^[`MIN_START_LEAD`] times as often as they
/// stand capitalised after a lowercase word. Built once: the list is closed.
fn openers() -> &'static WordSet<u8> {
    static OPENERS: OnceLock<WordSet<u8>> = OnceLock::new();
    OPENERS.get_or_init(|| {
        let table = crate::cohesion::embedded(Lang::Indonesian);
        crate::lang::indexed_word_set(crate::lang::unpunct_opener_words().take(MAX_OPENERS).filter(|w| {
            table.is_some_and(|t| {
                let c = t.counts("", w);
                c.start >= MIN_START && (c.start as i32) - (c.cap_mid as i32) >= MIN_START_LEAD
            })
        }))
    })
}

/// The gaps of `text` where an unpunctuated Indonesian sentence ends, as
/// (end of the sentence, start of the next), in text order; `spans` are the
/// rule sentences (a gap is taken only inside one of them).
pub(crate) fn unpunctuated_cuts(text: &str, spans: &[Span]) -> Vec<(usize, usize)> {
    let rules = LangRules::get(Lang::Indonesian);
    let openers = openers();
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut cuts = Vec::new();
    let mut si = 0;
    for na in memchr::memchr2_iter(b'N', b'T', bytes) {
        // "word Opener" or "2015 Opener": a lowercase letter or a digit (or
        // "%") before the space.
        if na < 2 || bytes[na - 1] != b' ' || !matches!(bytes[na - 2], b'a'..=b'z' | b'0'..=b'9' | b'%') {
            continue;
        }
        let gap = na - 1;
        // The opener: ASCII letters, then ", " or a space and a lowercase word
        // (a title-case fragment or a name has a capital there).
        let mut ne = na;
        while ne < len && ne - na <= 12 && bytes[ne].is_ascii_alphabetic() {
            ne += 1;
        }
        let follows = match bytes.get(ne) {
            Some(b',') => bytes.get(ne + 1) == Some(&b' '),
            Some(b' ') => text.get(ne + 1..).and_then(|t| t.chars().next()).is_some_and(char::is_lowercase),
            _ => false,
        };
        if !follows || ne - na < 3 {
            continue;
        }
        if !openers.contains(&text[na..ne]) {
            continue;
        }
        // The word before: back to the previous space or line break.
        let floor = gap.saturating_sub(64);
        let mut pa = gap;
        while pa > floor && !matches!(bytes[pa - 1], b' ' | b'\t' | b'\n' | b'\r') {
            pa -= 1;
        }
        while !text.is_char_boundary(pa) {
            pa += 1;
        }
        if !ends_clause(&text[pa..gap], rules) {
            continue;
        }
        while si < spans.len() && spans[si].end <= gap {
            si += 1;
        }
        if si < spans.len() && spans[si].start < gap && na < spans[si].end {
            cuts.push((gap, na));
        }
    }
    cuts
}

/// The rule spans with the unpunctuated Indonesian boundaries added (other
/// languages: the spans as they are). (Kept
/// out of line: inlined into `segment`, it moved the rule pass's hot loop and
/// cost more than its own work.)
#[inline(never)]
pub(crate) fn refine_spans(text: &str, lang: &str, spans: Vec<Span>) -> Vec<Span> {
    if Lang::from_code(lang) != Lang::Indonesian {
        return spans;
    }
    let cuts = unpunctuated_cuts(text, &spans);
    crate::model::split_spans(text, spans, &cuts)
}

#[cfg(test)]
mod tests {
    use crate::{segment, segment_rules, SegmentConfig, Segmenter};
    use warta_core::{Article, ArticleStage};

    fn sents<'t>(text: &'t str, lang: &str) -> Vec<&'t str> {
        segment(text, lang).iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn a_capitalised_connective_after_a_lowercase_word_opens_a_sentence() {
        let text = "Harga cabai di pasar induk naik tajam pekan ini Namun pedagang tetap optimistis. Stok masih aman.";
        assert_eq!(
            sents(text, "id"),
            ["Harga cabai di pasar induk naik tajam pekan ini", "Namun pedagang tetap optimistis.", "Stok masih aman."]
        );
        // After a number, and with the connective's comma.
        let text = "Ekspor kopi tahun lalu mencapai 4,5% Tapi, tahun ini petani mengeluhkan cuaca.";
        assert_eq!(sents(text, "id"), ["Ekspor kopi tahun lalu mencapai 4,5%", "Tapi, tahun ini petani mengeluhkan cuaca."]);
        let text = "Penjualan motor naik menjadi 1.250.000 unit Tetapi laba perusahaan turun.";
        assert_eq!(sents(text, "id"), ["Penjualan motor naik menjadi 1.250.000 unit", "Tetapi laba perusahaan turun."]);
    }

    #[test]
    fn names_titles_and_function_words_keep_the_sentence_whole() {
        for text in [
            // Title case after the connective: a headline or a title, not a sentence.
            "Ia membaca artikel berjudul Namun Tak Ada Jalan Pulang di sebuah majalah.",
            // A function word cannot end a sentence.
            "Mereka tinggal di dekat Tanjung Priok sejak kecil.",
            "Ia bekerja untuk Namun yang tidak dikenalnya.",
            // A capitalised word that is no connective ("Tim", "Negara").
            "Pertandingan dimenangi tim Tim muda dari Bandung.",
            // The connective in lowercase, or after a capitalised word.
            "Harga naik namun pasar tenang.",
            "Toko milik Pak Namun buka sampai malam.",
        ] {
            assert_eq!(sents(text, "id"), [text], "{text}");
        }
    }

    #[test]
    fn only_indonesian_and_only_with_the_learned_data() {
        let text = "Harga beras naik pekan ini Namun stok di gudang masih cukup.";
        assert_eq!(segment(text, "id").len(), 2);
        // The rule pass alone and other languages leave it whole.
        assert_eq!(segment_rules(text, "id").len(), 1);
        assert_eq!(segment(text, "en").len(), 1);
        assert_eq!(segment(text, "fr").len(), 1);
        // The stage: with the learned data, and without it (`learned_model: false`).
        let mut a = Article::new("t", text);
        a.lang = Some("id".into());
        Segmenter::new(SegmentConfig::default()).process(&mut a).unwrap();
        assert_eq!(a.sentences.len(), 2);
        assert_eq!(a.text, text, "a boundary changes no text");
        let mut b = Article::new("t", text);
        b.lang = Some("id".into());
        Segmenter::new(SegmentConfig { learned_model: false, ..SegmentConfig::default() }).process(&mut b).unwrap();
        assert_eq!(b.sentences.len(), 1);
        // Tokens never cross the new boundary.
        let end = a.sentences[0].end;
        assert!(a.tokens.iter().all(|t| t.end <= end || t.start >= a.sentences[1].start));
    }

    #[test]
    fn the_cohesion_gate_lets_the_connectives_through() {
        // The shipped table lets the adversative connectives through: they open
        // sentences in the news far more often than they stand capitalised inside one.
        for w in ["Namun", "Tapi", "Tetapi", "Sementara", "Selain"] {
            assert!(super::openers().contains(w), "{w}");
        }
        // A word of the list the news writes capitalised inside sentences would be
        // left out; no word outside the list gets in.
        assert!(!super::openers().contains("Tim") && !super::openers().contains("Negara"));
        assert!(crate::lang::unpunct_opener_words().count() <= super::MAX_OPENERS);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in ["", " N", "a N", "a Namun", "a Namun ", "1 Tapi,", "ä Namun é", "x\u{a0}Namun y", "é Tapi ü", "N T N T"] {
            let _ = segment(text, "id");
        }
    }
}
