//! The span invariants every stage relies on, checked across the whole
//! chain of stages on arbitrary text (property tests):
//! - sentences cover the text in order and do not overlap;
//! - tokens lie inside sentences;
//! - entity spans lie on token boundaries;
//! - every offset is a character boundary, and in JSON a valid char offset.

use proptest::prelude::*;
use warta_core::{wire, Article, ArticleStage, StreamStage};
use warta_dedup::{DedupConfig, Deduplicator};
use warta_normalize::{NormalizeConfig, Normalizer};
use warta_segment::{SegmentConfig, Segmenter};
use warta_tag::{TagConfig, Tagger};

fn check(a: &Article) {
    let text = &a.text;
    let on_boundary = |i: usize| i <= text.len() && text.is_char_boundary(i);
    let mut prev_end = 0;
    for s in &a.sentences {
        assert!(s.start < s.end && on_boundary(s.start) && on_boundary(s.end), "sentence {s:?} in {text:?}");
        assert!(s.start >= prev_end, "sentences overlap or go backwards: {:?}", a.sentences);
        prev_end = s.end;
    }
    for t in &a.tokens {
        assert!(on_boundary(t.start) && on_boundary(t.end) && t.start < t.end, "token {t:?}");
        assert!(a.sentences.iter().any(|s| s.contains(*t)), "token {t:?} outside every sentence");
    }
    for e in &a.entities {
        assert!(a.tokens.iter().any(|t| t.start == e.span.start), "entity {:?} does not start on a token", e.span);
        assert!(a.tokens.iter().any(|t| t.end == e.span.end), "entity {:?} does not end on a token", e.span);
    }
    // The JSON form has char offsets that index the text as Python would.
    let v: serde_json::Value = serde_json::from_str(&wire::to_json_line(a)).unwrap();
    let chars = text.chars().count() as u64;
    for s in v["sentences"].as_array().unwrap() {
        assert!(s["start"].as_u64().unwrap() < s["end"].as_u64().unwrap() && s["end"].as_u64().unwrap() <= chars);
    }
}

/// Loaded once: the model takes a moment to load in a debug build.
static TAGGER: std::sync::LazyLock<Tagger> = std::sync::LazyLock::new(|| Tagger::embedded(TagConfig::default()));

fn run_chain(texts: Vec<(String, Option<&'static str>)>) -> Vec<Article> {
    let normalize = Normalizer::new(NormalizeConfig::default());
    let segment = Segmenter::new(SegmentConfig::default());
    let tag = &*TAGGER;
    let mut dedup = Deduplicator::new(DedupConfig::default());
    let mut kept = Vec::new();
    for (i, (text, lang)) in texts.into_iter().enumerate() {
        let mut a = Article::new(format!("p{i}"), text);
        a.lang = lang.map(str::to_string);
        if normalize.process(&mut a).is_err() {
            continue;
        }
        segment.process(&mut a).unwrap();
        check(&a);
        kept.push(a);
    }
    let mut out = dedup.process_batch(kept);
    out.extend(dedup.finish());
    for a in &mut out {
        check(a);
        if a.duplicate.is_none() {
            tag.process(a).unwrap();
            check(a);
        }
    }
    out
}

/// News-like pieces that exercise the rules, glued by arbitrary separators.
fn newsy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Presiden Joko Widodo tiba di Jakarta.",
        "dengan. Perdana Menteri",
        "di sana. menambahkan",
        "Harga naik 7.195,63 poin pada 19.30 WIB.",
        "“Kami siap!” katanya.",
        "Mr. J. Smith of Acme Inc. said so.",
        "Baca juga: Berita lain",
        "â€œmojibakeâ€\u{9d}",
        "&amp; &#8217;",
        "\u{200b}\u{a0}\u{feff}",
        "e\u{301}\u{302}",
        "مرحبا بالعالم.",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🎉.",
        "di sambut oleh",
        "\n",
        " ",
        "...",
    ]);
    prop::collection::vec(prop_oneof![pieces.prop_map(str::to_string), any::<String>()], 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn spans_hold_through_every_stage(
        texts in prop::collection::vec(newsy(), 1..6),
        langs in prop::collection::vec(prop::sample::select(vec![Some("id"), Some("en"), None, Some("de")]), 6),
    ) {
        let input: Vec<(String, Option<&'static str>)> = texts.into_iter().zip(langs).collect();
        let n = input.len();
        let out = run_chain(input);
        prop_assert!(out.len() <= n);
    }
}

#[test]
fn a_repeated_text_is_marked_and_spans_still_hold() {
    let text = "Gubernur meresmikan jembatan di Bandung. Warga menyambut baik.".to_string();
    let out = run_chain(vec![(text.clone(), Some("id")), (text, Some("id"))]);
    assert_eq!(out.len(), 2);
    assert!(out[1].duplicate.is_some());
}
