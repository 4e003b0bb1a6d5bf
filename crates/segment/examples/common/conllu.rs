//! UD CoNLL-U files turned into gold documents, two ways:
//!
//! * [`wtp_document`]: the WtP/SaT protocol (Minixhofer et al. 2023, Frohmann
//!   et al. 2024): every sentence of the file cleaned as their evaluation
//!   cleans it (right-to-left marks dropped, leading `-` and surrounding
//!   white space stripped, NFKC, white-space runs to one space), all joined by
//!   one space into ONE text.
//! * [`documents`]: the shared JSONL convention (`shared/data/sbd/README.md`):
//!   `# text` lines joined by one space inside a paragraph and by `\n` between
//!   paragraphs (`# newpar`), a new document at each `# newdoc`; a file
//!   without document markers (GSD, PUD) is cut into pseudo-documents of 10
//!   consecutive sentences. On the dev files this reproduces the shared
//!   `ud-en-ewt-dev`, `ud-en-gum-dev` and `ud-id-gsd-dev` texts exactly.

use std::io::BufRead;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use super::GoldDoc;

/// One sentence of a CoNLL-U file: its `# text` and whether a document or a
/// paragraph starts with it.
pub struct UdSentence {
    pub text: String,
    pub newdoc: bool,
    pub newpar: bool,
}

/// The sentences of a CoNLL-U file, in order (sentences without a `# text`
/// line are skipped).
pub fn read_conllu(path: &Path) -> std::io::Result<Vec<UdSentence>> {
    let mut out = Vec::new();
    let (mut text, mut newdoc, mut newpar) = (None::<String>, false, false);
    for line in super::open(path)?.lines() {
        let line = line?;
        let line = line.trim_end_matches('\r');
        if line.starts_with("# newdoc") {
            newdoc = true;
        } else if line.starts_with("# newpar") {
            newpar = true;
        } else if let Some(t) = line.strip_prefix("# text = ").or_else(|| line.strip_prefix("# text=")) {
            text = Some(t.to_string());
        } else if line.trim().is_empty() {
            if let Some(t) = text.take() {
                out.push(UdSentence { text: t, newdoc, newpar });
            }
            newdoc = false;
            newpar = false;
        }
    }
    if let Some(t) = text.take() {
        out.push(UdSentence { text: t, newdoc, newpar });
    }
    Ok(out)
}

/// A sentence as the WtP/SaT evaluation cleans it (`preprocess_sentence` in
/// wtpsplit's evaluation package): U+200F dropped, leading `-` and then white
/// space stripped at both ends, NFKC, every run of white space one space.
pub fn wtp_clean(sentence: &str) -> String {
    let no_rlm: String = sentence.chars().filter(|&c| c != '\u{200f}').collect();
    let stripped = no_rlm.trim_start_matches('-').trim();
    let nfkc: String = stripped.nfkc().collect();
    let mut out = String::with_capacity(nfkc.len());
    let mut in_space = false;
    for c in nfkc.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// The whole file as ONE document (WtP/SaT protocol); sentences empty after
/// cleaning are left out.
pub fn wtp_document(sentences: &[UdSentence], lang: &str, id: &str) -> GoldDoc {
    let mut text = String::new();
    let mut gold = Vec::with_capacity(sentences.len());
    for s in sentences {
        let clean = wtp_clean(&s.text);
        if clean.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(&clean);
        gold.push((start, text.len()));
    }
    GoldDoc { id: id.to_string(), lang: lang.to_string(), text, gold }
}

/// Documents as the shared JSONL files build them (see the module doc).
pub fn documents(sentences: &[UdSentence], lang: &str, id: &str) -> Vec<GoldDoc> {
    let has_docs = sentences.iter().any(|s| s.newdoc);
    let mut out: Vec<GoldDoc> = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        let starts_doc = if has_docs { s.newdoc } else { i % 10 == 0 };
        if starts_doc || out.is_empty() {
            out.push(GoldDoc { id: format!("{id}#{}", out.len() + 1), lang: lang.to_string(), text: String::new(), gold: Vec::new() });
        } else if let Some(d) = out.last_mut() {
            d.text.push(if s.newpar { '\n' } else { ' ' });
        }
        if let Some(d) = out.last_mut() {
            let start = d.text.len();
            d.text.push_str(&s.text);
            d.gold.push((start, d.text.len()));
        }
    }
    out
}
