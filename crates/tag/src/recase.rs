//! Sentences without case information (issue #9): a headline or a whole
//! article in capitals, or careless lower-case text. The model reads a
//! capital letter as much of the evidence for a name, and in such a
//! sentence the letters say nothing: in capitals every word looks like a
//! name, in lower case none does. Before tagging, such a sentence is given
//! the case its words usually have: each word is written as it is usually
//! written in the middle of a sentence of the unlabelled news (its
//! capitalisation rate, the fourth cluster value, [`capitalisation`]),
//! capitalised from [`CAPITALISE_FROM`] tenths up, lower case below; the
//! first word is capitalised as a sentence's first word is. The model then
//! reads its case features as in ordinary text. Entities keep the spans of
//! the words as written (only what the features read changes).
//!
//! This is what the tagger does with weights that have no caseless profile
//! (`train::CASELESS_PROFILE`, session 19): with one (the embedded model
//! has one per language), such a sentence is read as written, with the
//! profile, which did better (`model/PROVENANCE.md`, session 19).

use xxhash_rust::xxh3::xxh3_64;

use crate::features::capitalisation;
use crate::model::Clusters;

/// A word seen capitalised in at least this many tenths of its
/// mid-sentence occurrences in the news is written capitalised.
pub const CAPITALISE_FROM: u16 = 5;

/// Fewer words with letters than this: too short to say that case is
/// missing (a lone acronym, "NATO", is written as it is).
const MIN_WORDS: usize = 3;

/// Which case a sentence lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caseless {
    /// Every letter is a capital.
    Upper,
    /// Every letter is lower case.
    Lower,
}

/// Whether the sentence `words` has no case information: at least
/// [`MIN_WORDS`] words with a letter, and its letters all capitals or all
/// lower case.
pub fn caseless(words: &[&str]) -> Option<Caseless> {
    let (mut upper, mut lower, mut lettered) = (false, false, 0usize);
    for w in words {
        let mut has_letter = false;
        if w.is_ascii() {
            for b in w.bytes() {
                upper |= b.is_ascii_uppercase();
                lower |= b.is_ascii_lowercase();
                has_letter |= b.is_ascii_alphabetic();
            }
        } else {
            for c in w.chars() {
                upper |= c.is_uppercase();
                lower |= c.is_lowercase();
                has_letter |= c.is_alphabetic();
            }
        }
        if upper && lower {
            return None;
        }
        lettered += usize::from(has_letter);
    }
    if lettered < MIN_WORDS {
        return None;
    }
    match (upper, lower) {
        (true, false) => Some(Caseless::Upper),
        (false, true) => Some(Caseless::Lower),
        _ => None,
    }
}

/// The words of a caseless sentence as they are usually written (see the
/// module's documentation).
pub fn usual_case(words: &[&str], clusters: &Clusters) -> Vec<String> {
    let mut first = true;
    words
        .iter()
        .map(|w| {
            if !w.chars().any(char::is_alphabetic) {
                return (*w).to_string();
            }
            let lw: String = w.chars().flat_map(char::to_lowercase).collect();
            let cap = capitalisation(clusters.get(xxh3_64(lw.as_bytes())));
            // A word too rare in the news to say (11) or not in its table (12)
            // is capitalised: names are most of the rare words that matter
            // here (lower case there: English upper-cased dev 64.8 -> 58.6).
            let capitalise = std::mem::take(&mut first) || cap >= CAPITALISE_FROM;
            if capitalise {
                title_case(&lw)
            } else {
                lw
            }
        })
        .collect()
}

/// `lw` with its first letter a capital.
fn title_case(lw: &str) -> String {
    let mut out = String::with_capacity(lw.len());
    let mut done = false;
    for c in lw.chars() {
        if !done && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            done = true;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_is_caseless_only_when_all_its_letters_agree() {
        assert_eq!(caseless(&["TONY", "BLAIR", "MET", "GOOGLE", "."]), Some(Caseless::Upper));
        assert_eq!(caseless(&["tony", "blair", "met", "google", "."]), Some(Caseless::Lower));
        assert_eq!(caseless(&["ÉMILE", "ZOLA", "À", "PARIS"]), Some(Caseless::Upper));
        assert_eq!(caseless(&["Tony", "Blair", "met", "Google"]), None);
        assert_eq!(caseless(&["tony", "blair", "met", "GOOGLE"]), None);
        assert_eq!(caseless(&["the", "BBC", "said"]), None);
        // Too few words with letters to say.
        assert_eq!(caseless(&["NATO", "2025", "."]), None);
        assert_eq!(caseless(&["BBC", "NEWS"]), None);
        assert_eq!(caseless(&[]), None);
    }

    #[test]
    fn words_take_the_case_they_usually_have_in_the_news() {
        let table = ["london", "met", "in", "the"];
        let rates = [10, 1, 0, 4];
        let words: Vec<String> = table.iter().map(|w| w.to_string()).collect();
        let ids: Vec<[u16; 4]> = rates.iter().map(|&r| [1, 1, 1, r]).collect();
        let clusters = Clusters::new(&words, &ids);
        // The first word is capitalised as a sentence's first word is; a word
        // outside the table ("schmidt") is capitalised; punctuation and digits stay.
        assert_eq!(
            usual_case(&["THE", "MET", "SCHMIDT", "IN", "LONDON", "IN", "2025", "."], &clusters),
            ["The", "met", "Schmidt", "in", "London", "in", "2025", "."]
        );
        assert_eq!(
            usual_case(&["met", "schmidt", "in", "london"], &clusters),
            ["Met", "Schmidt", "in", "London"]
        );
        assert_eq!(usual_case(&["'ÉMILE"], &clusters), ["'Émile"]);
    }
}
