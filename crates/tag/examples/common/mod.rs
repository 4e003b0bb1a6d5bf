//! Data loading shared by the examples (not part of the library: only these
//! tools read `shared/data`).
#![allow(dead_code)]

use std::io::BufRead;
use std::path::Path;

use warta_tag::model::tag_index;
use warta_tag::train::Sentence;

/// The NER sets, their language and whether they annotate ORG.
pub const SETS: &[(&str, &str, bool)] = &[
    ("indolem-nerui", "id", true),
    ("indolem-nerugm", "id", true),
    ("nergrit", "id", true),
    ("idner-news-2k", "id", true),
    ("nerp", "id", false),
    ("uner-en-ewt", "en", true),
];

/// The records of a JSONL split, blank lines skipped.
fn json_lines(path: &Path) -> std::io::Result<impl Iterator<Item = std::io::Result<serde_json::Value>>> {
    let lines = std::io::BufReader::new(std::fs::File::open(path)?).lines();
    Ok(lines.filter(|l| l.as_ref().map_or(true, |l| !l.trim().is_empty())).map(|l| {
        serde_json::from_str(&l?).map_err(std::io::Error::other)
    }))
}

/// Reads one split; MISC becomes O. For a set without ORG, every token tagged
/// O or MISC may be O or ORG (a partial label), so training neither rewards
/// nor punishes ORG there.
pub fn load(path: &Path, has_org: bool, profile: u16) -> std::io::Result<Vec<Sentence>> {
    let mut out = Vec::new();
    for v in json_lines(path)? {
        let v = v?;
        let words: Vec<String> = v["tokens"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|t| t.as_str().unwrap_or("").to_string())
            .collect();
        let tags: Vec<usize> = v["tags"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|t| tag_index(t.as_str().unwrap_or("O")).unwrap_or(0))
            .collect();
        if words.len() != tags.len() || words.is_empty() {
            continue;
        }
        let allowed = (!has_org).then(|| {
            tags.iter()
                .map(|&t| if t == 0 { 0b0001_1001u8 } else { 1u8 << t })
                .collect::<Vec<u8>>()
        });
        // An I- tag right after a partially labelled O may not be legal: the
        // data were repaired to IOB2 upstream, so gold is always legal.
        out.push(Sentence {
            words,
            tags,
            allowed,
            profile,
            weight: 1.0,
        });
    }
    Ok(out)
}

/// The document of each sentence [`load`] returns (the set's `src_id` without
/// its sentence number), or `None` for a set without document ids.
pub fn load_doc_ids(path: &Path) -> std::io::Result<Option<Vec<String>>> {
    let mut out = Vec::new();
    for v in json_lines(path)? {
        let v = v?;
        let (Some(words), Some(tags)) = (v["tokens"].as_array(), v["tags"].as_array()) else {
            continue;
        };
        // The same sentences as `load` keeps.
        if words.len() != tags.len() || words.is_empty() {
            continue;
        }
        let Some(id) = v["src_id"].as_str() else {
            return Ok(None);
        };
        out.push(id.rsplit_once('-').map_or(id, |(doc, _)| doc).to_string());
    }
    Ok(Some(out))
}

/// The held-out unit of each of the `len` sentences of a train split, for
/// `--holdout K`: blocks of 50 sentences, or (with `by_docs`, for a set with
/// document ids) its documents in order; unit `u` is held out when
/// `u % K == fold`.
pub fn holdout_units(path: &Path, len: usize, by_docs: bool) -> Vec<usize> {
    let docs = if by_docs {
        load_doc_ids(path).ok().flatten().filter(|d| d.len() == len)
    } else {
        None
    };
    match docs {
        Some(d) => {
            let mut unit = 0usize;
            (0..len)
                .map(|i| {
                    if i > 0 && d[i - 1] != d[i] {
                        unit += 1;
                    }
                    unit
                })
                .collect()
        }
        None => (0..len).map(|i| i / 50).collect(),
    }
}

/// Up to `max` articles of a news `.jsonl.gz` file, with language `lang`
/// (the speed runs and the output dump); `None` when the file is absent.
pub fn load_news(path: &Path, lang: &str, max: usize) -> Option<Vec<warta_core::Article>> {
    let f = std::fs::File::open(path).ok()?;
    let mut articles = Vec::new();
    for line in std::io::BufReader::new(flate2::read::MultiGzDecoder::new(f))
        .lines()
        .take(max)
    {
        let Ok(line) = line else { break };
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        if let Some(t) = v["text"].as_str() {
            let mut a = warta_core::Article::new("x", t);
            a.lang = Some(lang.into());
            articles.push(a);
        }
    }
    Some(articles)
}

/// Adds the titles and texts of a JSONL(.gz) news file to `corpus` (the
/// unlabelled text word classes are learnt from); returns how many texts.
/// An unreadable file adds nothing.
pub fn add_news_file(corpus: &mut warta_tag::clusters::Corpus, path: &Path) -> usize {
    let Ok(file) = std::fs::File::open(path) else {
        return 0;
    };
    let reader = std::io::BufReader::new(flate2::read::MultiGzDecoder::new(file));
    let mut n = 0;
    for line in reader.lines() {
        let Ok(line) = line else { break };
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        if let Some(t) = v["title"].as_str() {
            corpus.add_text(t);
            corpus.add_text("\n");
        }
        if let Some(t) = v["text"].as_str() {
            corpus.add_text(t);
            n += 1;
        }
    }
    n
}
