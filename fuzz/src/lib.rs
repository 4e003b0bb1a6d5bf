//! Entry points of warta's fuzz targets, one function per target.
//!
//! Each `fuzz_targets/<name>.rs` calls the function of the same name here, so
//! the logic is plain Rust that any harness can drive: libFuzzer through
//! `cargo fuzz`, or a loop over `fuzz/regressions/` (see `examples/replay.rs`).
//!
//! Every function must return normally for every input. Besides "no panic",
//! the functions check the contracts that downstream code relies on:
//! - every reject carries a non-empty detail;
//! - every article that ingestion emits has a non-empty id and text, and its
//!   JSONL line parses back;
//! - sentence and token spans are sorted, non-overlapping, inside the text and
//!   on `char` boundaries; tokens lie inside sentences; entities lie on token
//!   boundaries;
//! - a stream stage returns every article exactly once, in input order.
//!
//! Input layouts (shared with the replay in `tests/adversarial.rs`):
//! - `txt`, `jsonl`, `tar`, `warc`, `html`, `parquet`: the file's bytes;
//! - `gzip`, `zstd`: one byte choosing the inner format ([`inner_format`]),
//!   then the compressed stream;
//! - `frame`: a bincode frame stream (`warta … --format bincode`);
//! - `wire`: one JSONL line;
//! - `normalize`, `segment`, `tag`, `stages`: one byte choosing the language
//!   ([`lang_of`]), then the text (decoded lossily when it is not UTF-8);
//! - `dedup`: one byte choosing the batch size, then article texts separated
//!   by `0xFF` (never a UTF-8 byte); a text may be `title\x01url\x01body`;
//! - `dedup_index`: a de-duplication index file;
//! - `tag_model`: bincode of a tagger model, compressed here with zstd
//!   (first byte 0) or passed as is (first byte 1).

use std::io::Cursor;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::OnceLock;

use warta_core::frame::{FrameReader, FrameWriter};
use warta_core::{wire, Article, ArticleStage, Span, StreamStage};
use warta_dedup::{DedupConfig, Deduplicator};
use warta_ingest::{Compression, IngestConfig, InputFile, InputFormat, Record};
use warta_normalize::{normalize_text, NormalizeConfig, Normalizer};
use warta_segment::{segment as segment_text, tokenize, SegmentConfig, Segmenter};
use warta_tag::{TagConfig, Tagger};

/// Languages a stage input may claim: the two supported, one related, a few
/// foreign scripts, and nonsense.
pub const LANGS: &[&str] = &["id", "en", "ms", "unknown", "de", "ar", "zh", "ja", "ru", "", "xx-Latn"];

pub fn lang_of(selector: u8) -> &'static str {
    LANGS[selector as usize % LANGS.len()]
}

/// Formats that may sit inside a gzip or zstd stream.
pub const INNER: &[InputFormat] =
    &[InputFormat::Jsonl, InputFormat::Txt, InputFormat::Html, InputFormat::Warc, InputFormat::Tar];

pub fn inner_format(selector: u8) -> InputFormat {
    INNER[selector as usize % INNER.len()]
}

/// Splits `data` into its first byte and the rest (0 and empty for no data).
fn split_first(data: &[u8]) -> (u8, &[u8]) {
    match data.split_first() {
        Some((&b, rest)) => (b, rest),
        None => (0, &[]),
    }
}

fn text_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn small_ingest_config() -> IngestConfig {
    // A low record limit so that the too-large path is reachable by the fuzzer.
    IngestConfig { max_record_bytes: 64 << 10, ..IngestConfig::default() }
}

// ---------------------------------------------------------------- ingestion

/// Reads `data` as a file named `name` of `format`, checking every record.
pub fn ingest(data: &[u8], name: &str, format: InputFormat) -> Vec<Record> {
    let mut records = Vec::new();
    let result = warta_ingest::read_from(Cursor::new(data), name, format, &small_ingest_config(), &mut |r| {
        records.push(r);
        ControlFlow::Continue(())
    });
    // `read_from` fails only when a file cannot be opened; bytes in memory always open.
    assert!(result.is_ok(), "read_from failed on in-memory bytes: {result:?}");
    check_records(&records);
    records
}

/// The contract of ingestion's output (see the crate docs).
pub fn check_records(records: &[Record]) {
    for r in records {
        match r {
            Record::Article(a) => {
                assert!(!a.id.is_empty(), "ingested article without id");
                assert!(!a.text.trim().is_empty(), "ingested article with an empty text: {:?}", a.source);
                check_wire_round_trip(a);
            }
            Record::Reject(rej) => {
                assert!(!rej.detail.trim().is_empty(), "reject without detail: {rej:?}");
                assert!(!rej.stage.is_empty(), "reject without stage: {rej:?}");
                let line = wire::to_reject_line(rej);
                assert!(serde_json::from_str::<serde_json::Value>(&line).is_ok(), "reject line is not JSON: {line}");
            }
        }
    }
}

/// What warta writes, warta reads back: the next stage's input.
fn check_wire_round_trip(a: &Article) {
    let line = wire::to_json_line(a);
    assert!(!line.contains('\n'), "a JSONL line with a raw newline");
    match wire::from_json_line(&line) {
        Ok(back) => {
            assert_eq!(back.id, a.id, "id changed through JSONL");
            assert_eq!(back.text, a.text, "text changed through JSONL");
        }
        Err(e) => panic!("warta cannot read its own line back: {e:?}\n{line}"),
    }
}

pub fn txt(data: &[u8]) {
    ingest(data, "fuzz.txt", InputFormat::Txt);
}

pub fn jsonl(data: &[u8]) {
    ingest(data, "fuzz.jsonl", InputFormat::Jsonl);
}

pub fn csv(data: &[u8]) {
    // The first byte picks the name, so that both delimiters' readings run.
    let (selector, rest) = split_first(data);
    ingest(rest, if selector % 2 == 0 { "fuzz.csv" } else { "fuzz.tsv" }, InputFormat::Csv);
}

pub fn gzip(data: &[u8]) {
    let (selector, rest) = split_first(data);
    ingest(rest, "fuzz.gz", inner_format(selector));
}

pub fn zstd(data: &[u8]) {
    let (selector, rest) = split_first(data);
    ingest(rest, "fuzz.zst", inner_format(selector));
}

pub fn tar(data: &[u8]) {
    ingest(data, "fuzz.tar", InputFormat::Tar);
}

pub fn warc(data: &[u8]) {
    ingest(data, "fuzz.warc", InputFormat::Warc);
}

pub fn html(data: &[u8]) {
    ingest(data, "fuzz.html", InputFormat::Html);
}

/// Parquet needs a seekable file: the bytes go to a per-process temporary file.
pub fn parquet(data: &[u8]) {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    let path = PATH.get_or_init(|| std::env::temp_dir().join(format!("warta-fuzz-{}.parquet", std::process::id())));
    std::fs::write(path, data).expect("temporary file is writable");
    let file = InputFile {
        path: path.clone(),
        format: InputFormat::Parquet,
        compression: Compression::None,
        size: Some(data.len() as u64),
        metadata: None,
    };
    let mut records = Vec::new();
    let counter = AtomicU64::new(0);
    let result = warta_ingest::read_file(&file, &small_ingest_config(), &counter, &mut |r| {
        records.push(r);
        ControlFlow::Continue(())
    });
    assert!(result.is_ok(), "read_file failed on an existing file: {result:?}");
    check_records(&records);
}

// ---------------------------------------------------------------- wire formats

/// A bincode frame stream, as `warta <stage> --format bincode` reads it; every
/// decoded article goes on to JSONL and through every stage, as it would in
/// a chain of single stages.
pub fn frame(data: &[u8]) {
    let Ok(mut reader) = FrameReader::new(data) else { return };
    let mut articles = Vec::new();
    while let Ok(Some(a)) = reader.next_article() {
        // Re-encoding is stable: decode(encode(a)) encodes to the same bytes.
        let once = encode_frame(&a);
        let mut again = FrameReader::new(&once[..]).expect("own header");
        let back = again.next_article().expect("own frame").expect("one frame");
        assert_eq!(encode_frame(&back), once, "frame re-encoding differs");
        let _ = wire::to_json_line(&a);
        articles.push(a);
        if articles.len() >= 16 {
            break;
        }
    }
    run_stages_on_foreign(articles);
}

fn encode_frame(a: &Article) -> Vec<u8> {
    let mut w = FrameWriter::new(Vec::new()).expect("vec write");
    w.write(a).expect("article encodes");
    w.into_inner()
}

/// One JSONL line, as `warta <stage>` reads it from a user; a parsed article
/// goes back to JSONL and through every stage.
pub fn wire(data: &[u8]) {
    let Ok(line) = std::str::from_utf8(data) else { return };
    let Ok(a) = wire::from_json_line(line) else { return };
    for s in a.sentences.iter().chain(&a.tokens) {
        assert!(s.start <= s.end && a.text.get(s.start..s.end).is_some(), "parsed span {s:?} not on the text");
    }
    let out = wire::to_json_line(&a);
    let back = wire::from_json_line(&out).unwrap_or_else(|e| panic!("own line does not parse: {e:?}\n{out}"));
    assert_eq!(back.text, a.text);
    assert_eq!(back.sentences, a.sentences);
    assert_eq!(back.tokens, a.tokens);
    run_stages_on_foreign(vec![a]);
}

/// Articles from outside (a user's JSONL or bincode stream) carry whatever
/// spans they like: every stage must cope without panicking.
fn run_stages_on_foreign(articles: Vec<Article>) {
    if articles.is_empty() {
        return;
    }
    for a in &articles {
        let mut n = a.clone();
        let _ = normalizer().process(&mut n);
        let mut s = a.clone();
        let _ = segmenter().process(&mut s);
        let mut t = a.clone();
        let _ = tagger().process(&mut t);
        let _ = wire::to_json_line(&t);
    }
    let mut dedup = Deduplicator::new(DedupConfig::default());
    let ids: Vec<String> = articles.iter().map(|a| a.id.clone()).collect();
    let mut out = dedup.process_batch(articles);
    out.extend(dedup.finish());
    let out_ids: Vec<String> = out.iter().map(|a| a.id.clone()).collect();
    assert_eq!(out_ids, ids, "dedup lost, duplicated or reordered articles");
}

// ---------------------------------------------------------------- stages

fn normalizer() -> &'static Normalizer {
    static N: OnceLock<Normalizer> = OnceLock::new();
    N.get_or_init(|| Normalizer::new(NormalizeConfig::default()))
}

fn segmenter() -> &'static Segmenter {
    static S: OnceLock<Segmenter> = OnceLock::new();
    S.get_or_init(|| Segmenter::new(SegmentConfig::default()))
}

fn tagger() -> &'static Tagger {
    static T: OnceLock<Tagger> = OnceLock::new();
    T.get_or_init(|| Tagger::embedded(TagConfig::default()))
}

fn stage_article(data: &[u8]) -> Article {
    let (selector, rest) = split_first(data);
    let mut a = Article::new("fuzz", text_of(rest));
    let lang = lang_of(selector);
    if !lang.is_empty() {
        a.lang = Some(lang.to_string());
    }
    a
}

/// Spans lie on `char` boundaries inside `text`.
pub fn check_on_text(text: &str, spans: &[Span], what: &str) {
    for s in spans {
        assert!(s.start <= s.end, "{what} span {s:?} is reversed");
        assert!(text.get(s.start..s.end).is_some(), "{what} span {s:?} is not on char boundaries of a {}-byte text", text.len());
    }
}

/// Sorted and non-overlapping.
pub fn check_ordered(spans: &[Span], what: &str) {
    for w in spans.windows(2) {
        assert!(w[0].end <= w[1].start, "{what} spans overlap or are out of order: {:?} then {:?}", w[0], w[1]);
    }
}

/// The span invariants of a segmented (and possibly tagged) article.
pub fn check_spans(a: &Article) {
    check_on_text(&a.text, &a.sentences, "sentence");
    check_ordered(&a.sentences, "sentence");
    for s in &a.sentences {
        assert!(!s.is_empty(), "empty sentence span {s:?}");
    }
    check_on_text(&a.text, &a.tokens, "token");
    check_ordered(&a.tokens, "token");
    for t in &a.tokens {
        assert!(!t.is_empty(), "empty token span {t:?}");
        assert!(a.sentences.iter().any(|s| s.contains(*t)), "token {t:?} lies outside every sentence");
    }
    check_ordered(&a.entities.iter().map(|e| e.span).collect::<Vec<_>>(), "entity");
    let ents: Vec<Span> = a.entities.iter().map(|e| e.span).chain(a.titles.iter().map(|e| e.span)).collect();
    check_on_text(&a.text, &ents, "entity");
    if !a.tokens.is_empty() {
        for e in &ents {
            assert!(
                a.tokens.iter().any(|t| t.start == e.start) && a.tokens.iter().any(|t| t.end == e.end),
                "entity {e:?} does not lie on token boundaries"
            );
        }
    }
    for e in a.entities.iter().chain(&a.titles) {
        assert!(e.score.is_finite() && (0.0..=1.0).contains(&e.score), "entity score {} outside [0, 1]", e.score);
    }
}

pub fn normalize(data: &[u8]) {
    let mut a = stage_article(data);
    let original = a.text.clone();
    let processed = normalizer().process(&mut a).is_ok();
    let _ = wire::to_json_line(&a);
    // The stage's output is its own fixed point, with the language it found
    // (some repairs are for some languages only) and a dateline already set.
    if processed {
        let mut again = Article::new("again", a.text.clone());
        again.lang = a.lang.clone();
        again.dateline = Some("JAKARTA -".to_string());
        assert!(normalizer().process(&mut again).is_ok(), "the stage rejects its own output");
        assert_eq!(again.text, a.text, "the stage's output is not its own fixed point");
    }
    // The documented fixed point: normalising twice changes nothing more.
    let once = normalize_text(&original, normalizer().config());
    let twice = normalize_text(&once, normalizer().config());
    assert_eq!(once, twice, "normalize_text is not idempotent");
    // Glued-word splitting (opt-in) only inserts spaces, and settles.
    if let (Some(split), _) = warta_normalize::glue::split_glued_words(&once) {
        assert_eq!(split.replace(' ', ""), once.replace(' ', ""), "glue splitting changed more than spaces");
        assert!(warta_normalize::glue::split_glued_words(&split).0.is_none(), "glue splitting does not settle");
    }
    // Spaces after punctuation are only inserted, and settle.
    if let (Some(spaced), _) = warta_normalize::glue::space_after_punctuation(&once) {
        assert_eq!(spaced.replace(' ', ""), once.replace(' ', ""), "punctuation spacing changed more than spaces");
        assert!(warta_normalize::glue::space_after_punctuation(&spaced).0.is_none(), "punctuation spacing does not settle");
    }
}

pub fn segment(data: &[u8]) {
    let mut a = stage_article(data);
    let sentences = segment_text(&a.text, a.lang_code());
    check_on_text(&a.text, &sentences, "sentence");
    check_ordered(&sentences, "sentence");
    let tokens = tokenize(&a.text, &sentences);
    check_on_text(&a.text, &tokens, "token");
    let _ = segmenter().process(&mut a);
    check_spans(&a);
}

pub fn tag(data: &[u8]) {
    let mut a = stage_article(data);
    let _ = segmenter().process(&mut a);
    let _ = tagger().process(&mut a);
    check_spans(&a);
    check_summary(&a);
    let _ = wire::to_json_line(&a);
    // Without sentences or tokens the tagger tokenises by itself.
    let mut bare = stage_article(data);
    let _ = tagger().process(&mut bare);
    check_on_text(&bare.text, &bare.entities.iter().map(|e| e.span).collect::<Vec<_>>(), "entity");
}

/// The entity summary counts every entity once, in order of first mention,
/// and each of its forms (name and aliases) is an entity's text.
fn check_summary(a: &Article) {
    if a.entity_summary.is_empty() {
        return;
    }
    let total: usize = a.entity_summary.iter().map(|s| s.count as usize).sum();
    assert_eq!(total, a.entities.len(), "summary counts");
    assert!(a.entity_summary.windows(2).all(|w| w[0].first < w[1].first), "summary order");
    for s in &a.entity_summary {
        for form in std::iter::once(&s.text).chain(&s.aliases) {
            assert!(a.entities.iter().any(|e| e.span.slice(&a.text) == form), "summary form {form:?} is no entity");
        }
    }
}

/// The per-article stages in pipeline order, then dedup, on one article.
pub fn stages(data: &[u8]) {
    let mut a = stage_article(data);
    if normalizer().process(&mut a).is_err() {
        return;
    }
    if segmenter().process(&mut a).is_err() {
        return;
    }
    check_spans(&a);
    let mut dedup = Deduplicator::new(DedupConfig::default());
    let copy = a.clone();
    let mut out = dedup.process_batch(vec![a, copy]);
    out.extend(dedup.finish());
    assert_eq!(out.len(), 2, "dedup lost or added articles");
    for mut a in out {
        check_spans(&a);
        let _ = tagger().process(&mut a);
        check_spans(&a);
        let _ = wire::to_json_line(&a);
    }
}

/// The articles of a `dedup` input, and the batch size to feed them in.
pub fn dedup_articles(data: &[u8]) -> (usize, Vec<Article>) {
    let (selector, rest) = split_first(data);
    let batch = 1 + selector as usize % 8;
    let mut articles = Vec::new();
    for (i, chunk) in rest.split(|&b| b == 0xFF).enumerate().take(64) {
        let parts: Vec<&[u8]> = chunk.splitn(3, |&b| b == 0x01).collect();
        let mut a = Article::new(format!("d{i}"), text_of(parts[parts.len() - 1]));
        if parts.len() == 3 {
            a.title = Some(text_of(parts[0]));
            a.url = Some(text_of(parts[1]));
            a.date = Some(format!("2024-01-{:02}", 1 + i % 28));
        }
        a.lang = Some(lang_of(i as u8).to_string()).filter(|l| !l.is_empty());
        articles.push(a);
    }
    (batch, articles)
}

pub fn dedup(data: &[u8]) {
    let (batch, mut articles) = dedup_articles(data);
    for a in &mut articles {
        let _ = segmenter().process(a);
    }
    let ids: Vec<String> = articles.iter().map(|a| a.id.clone()).collect();
    let mut stage = Deduplicator::new(DedupConfig::default());
    let mut out = Vec::new();
    let mut rest = articles;
    while !rest.is_empty() {
        let tail = rest.split_off(batch.min(rest.len()));
        out.extend(stage.process_batch(rest));
        rest = tail;
    }
    out.extend(stage.finish());
    let out_ids: Vec<String> = out.iter().map(|a| a.id.clone()).collect();
    assert_eq!(out_ids, ids, "dedup lost, duplicated or reordered articles");
    for a in &out {
        check_spans(a);
        if let Some(d) = &a.duplicate {
            assert!(ids.contains(&d.of), "duplicate of an unknown id {:?}", d.of);
            assert_ne!(d.of, a.id, "an article is its own duplicate");
        }
        let _ = wire::to_json_line(a);
    }
    // The index of this run loads back.
    let mut saved = Vec::new();
    stage.save_index(&mut saved).expect("index saves to memory");
    Deduplicator::load_index(DedupConfig::default(), &saved[..]).expect("own index loads");
}

/// A de-duplication index file given by the user (`--index`).
pub fn dedup_index(data: &[u8]) {
    let Ok(mut stage) = Deduplicator::load_index(DedupConfig::default(), data) else { return };
    let probes = vec![
        Article::new("p1", "Harga cabai rawit di pasar naik menjadi delapan puluh ribu rupiah per kilogram pekan ini."),
        Article::new("p2", "Harga cabai rawit di pasar naik menjadi delapan puluh ribu rupiah per kilogram pekan ini."),
        Article::new("p3", "Short."),
    ];
    let mut out = stage.process_batch(probes);
    out.extend(stage.finish());
    assert_eq!(out.len(), 3, "dedup with a loaded index lost articles");
    let mut saved = Vec::new();
    let _ = stage.save_index(&mut saved);
}

/// A tagger model file given by the user (`--tag-model`).
pub fn tag_model(data: &[u8]) {
    let (mode, rest) = split_first(data);
    let bytes = if mode % 2 == 0 { ::zstd::bulk::compress(rest, 1).expect("in-memory zstd") } else { rest.to_vec() };
    let Ok(tagger) = Tagger::from_bytes(TagConfig::default(), &bytes) else { return };
    for (lang, text) in [("id", "Presiden Joko Widodo tiba di Jakarta."), ("en", "Mr. John Smith visited Paris."), ("xx", "Ω ω.")] {
        let mut a = Article::new("m", text);
        a.lang = Some(lang.into());
        let _ = segmenter().process(&mut a);
        let _ = tagger.process(&mut a);
        check_spans(&a);
    }
}
