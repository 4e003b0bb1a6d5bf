//! Joining the Indonesian passive prefix that scrapers split off its verb
//! ("di sambut" → "disambut") while the preposition stays ("di rumah").
//!
//! Which words are verbs is decided by a list of stems, `data/di_stems.txt`,
//! built by `examples/build_prefix_lexicon.rs` from news text: a stem is
//! listed when "di"+stem is written as one word in nearly all of its uses.
//! Its held-out precision and recall are in `data/PROVENANCE.md`.

use std::collections::HashSet;
use std::sync::OnceLock;

const STEMS: &str = include_str!("../data/di_stems.txt");

fn stems() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STEMS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect())
}

/// Joins split prefixes using the built-in stem list; returns the new text
/// (when something changed) and each join as `(before, after)`.
pub fn join_split_prefixes(text: &str) -> (Option<String>, Vec<(String, String)>) {
    let set = stems();
    let mut joins = Vec::new();
    let (out, _) = join_with(text, &|s| set.contains(s), &mut |before, after| joins.push((before.to_string(), after.to_string())));
    (out, joins)
}

/// Joins split prefixes for stems accepted by `is_stem` (given lower-case);
/// returns the new text when something changed and the number of joins.
pub fn join_split_prefixes_with(text: &str, is_stem: &dyn Fn(&str) -> bool) -> (Option<String>, usize) {
    join_with(text, is_stem, &mut |_, _| {})
}

fn join_with(text: &str, is_stem: &dyn Fn(&str) -> bool, on_join: &mut dyn FnMut(&str, &str)) -> (Option<String>, usize) {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut joins = 0;
    let mut from = 0;
    while let Some(pos) = memchr::memmem::find(&bytes[from..], b"i ") {
        let i = from + pos; // index of 'i'
        from = i + 2;
        // "di" or "Di" standing as a word: preceded by 'd'/'D', which is at
        // the start of the text or after a non-alphanumeric character.
        if i == 0 || !matches!(bytes[i - 1], b'd' | b'D') {
            continue;
        }
        let d = i - 1;
        if d > 0 && !text[..d].ends_with(|c: char| !c.is_alphanumeric()) {
            continue;
        }
        // The next word: lower-case ASCII letters, then a non-letter.
        let start = i + 2;
        let mut end = start;
        while end < bytes.len() && bytes[end].is_ascii_lowercase() {
            end += 1;
        }
        if end == start || (end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || bytes[end] >= 0x80)) {
            continue;
        }
        if !is_stem(&text[start..end]) {
            continue;
        }
        let buf = out.get_or_insert_with(|| String::with_capacity(text.len()));
        buf.push_str(&text[copied..i + 1]);
        buf.push_str(&text[start..end]);
        copied = end;
        joins += 1;
        on_join(&text[d..end], &format!("{}{}", &text[d..i + 1], &text[start..end]));
        from = end;
    }
    if let Some(buf) = &mut out {
        buf.push_str(&text[copied..]);
    }
    (out, joins)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn join(text: &str) -> String {
        let verbs = ["sambut", "keluarkan", "mulai"];
        join_split_prefixes_with(text, &|s| verbs.contains(&s)).0.unwrap_or_else(|| text.to_string())
    }

    #[test]
    fn joins_the_passive_prefix_and_keeps_the_preposition() {
        assert_eq!(join("ia di sambut oleh pejabat di rumah"), "ia disambut oleh pejabat di rumah");
        assert_eq!(join("Di keluarkan kemarin."), "Dikeluarkan kemarin.");
        assert_eq!(join("(di mulai)"), "(dimulai)");
    }

    #[test]
    fn leaves_other_words_alone() {
        for text in ["kadi sambut", "di Sambut", "di sambutan", "di sambut2", "di  sambut", "di\nsambut", "di sambuté"] {
            assert_eq!(join(text), text);
        }
    }

    #[test]
    fn is_idempotent_and_records_each_join() {
        let (once, joins) = join_split_prefixes("Ia di sambut hangat.");
        let once = once.unwrap_or_default();
        if !joins.is_empty() {
            assert_eq!(joins[0], ("di sambut".to_string(), "disambut".to_string()));
            assert_eq!(join_split_prefixes(&once).1.len(), 0);
        }
    }
}
