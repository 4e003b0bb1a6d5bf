//! A toy article for the tests of the article-level passes (`teams`,
//! `companies`): tokens, sentence openings and entities from plain text.

use warta_core::{Entity, Span};

/// Whitespace tokens with "'s", ",", "." split off, one sentence per
/// line; entities given as (surface, label), found in order.
pub(crate) fn article(text: &str, list: &[(&str, &str)]) -> (Vec<Span>, Vec<bool>, Vec<Entity>) {
    let mut tokens = Vec::new();
    let mut opens = Vec::new();
    let mut line_start = true;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            line_start = true;
            i += 1;
            continue;
        }
        if bytes[i] == b' ' {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < bytes.len() && bytes[j] != b' ' && bytes[j] != b'\n' {
            j += 1;
        }
        let mut end = j;
        let mut tail = Vec::new();
        loop {
            let w = &text[i..end];
            if let Some(stem) = w.strip_suffix("'s").filter(|s| !s.is_empty()) {
                tail.push(Span::new(i + stem.len(), end));
                end = i + stem.len();
            } else if let Some(stem) = w.strip_suffix([',', '.']).filter(|s| !s.is_empty()) {
                tail.push(Span::new(i + stem.len(), end));
                end = i + stem.len();
            } else {
                break;
            }
        }
        tokens.push(Span::new(i, end));
        opens.push(line_start);
        line_start = false;
        for t in tail.into_iter().rev() {
            tokens.push(t);
            opens.push(false);
        }
        i = j;
    }
    let mut entities = Vec::new();
    let mut from = 0;
    for (surface, label) in list {
        let at = from + text[from..].find(surface).expect("surface in text");
        entities.push(Entity { span: Span::new(at, at + surface.len()), label: label.to_string(), score: 0.9 });
        from = at + surface.len();
    }
    (tokens, opens, entities)
}

/// The (surface, label) pairs as owned strings, as the tests compare them.
pub(crate) fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(s, l)| (s.to_string(), l.to_string())).collect()
}
