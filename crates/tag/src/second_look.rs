//! A second look at a sentence's entities with what the rest of the article
//! says (session 23). The model reads one sentence at a time; two of its
//! misreadings are plain once the article is read as a whole:
//!
//! - **Possessives** ([`possessive_mask`]): the segmenter splits "Apple's"
//!   into "Apple" and "'s", and the model, which met "'s" inside shop and
//!   party names in its English train split ("McDonald's", "Pakistan
//!   People's Party"), takes the "'s" of a possessive into the name and
//!   often misreads its label from it ("Apple's" LOC 16 times in BBC News
//!   2005, "United's" LOC, "Sweden's Saab" LOC). UNER English-EWT's gold
//!   leaves a possessive "'s" outside the name (363 times in train) and
//!   puts it inside only where it is part of a name (31: "Cox's Bazar",
//!   "Trader Joe's"). Where the words before the "'s" are, on their own,
//!   an entity the article tags elsewhere (or the last words of one:
//!   "United" of "Manchester United"), or a country, region or city of the
//!   gazetteer, the "'s" is a possessive: the sentence is decoded again
//!   with the "'s" kept outside any entity, so the model reads the name
//!   before it, and the name after it ("Sweden's Saab"), on their own; the
//!   name before it with the label the article reads it with (a place:
//!   LOC), and the name after it as no person's when it ends like an
//!   organisation's ("Labour's Fabian Society").
//!   A name the article never writes without its "'s" ("McDonald's",
//!   "Macy's") keeps it.
//! - **Common words in lower case** ([`lower_case_misreadings`]): the
//!   Indonesian weights learnt lower-case names from NERP (written all in
//!   lower case), so in ordinary, cased news they tag lower-case words that
//!   are names elsewhere: "jalan raya" (main road) LOC 34 times in a month
//!   of news, "anggun" (elegant) PER 22, "medan" (terrain) LOC 15, "kata
//!   sandi" (password), "kapal ferry". In a sentence that has case, an
//!   entity all of whose words are in lower case is untagged when each of
//!   its words is one the news writes capitalised only some of the time
//!   (the capitalisation rate of the word clusters, 1–10 tenths: "jalan"
//!   3, "anggun" 3, "sandi" 9): the writer, who writes names with
//!   capitals, wrote the common word. It stays when a word is never
//!   capitalised in the news ("detikcom", 0 tenths: that is how the name
//!   is written) or too rare there to say, when the sentence has no case
//!   (all lower case) or opens in lower case ("presiden jokowi bertemu
//!   KPK"), or the article has no capital but its sentences' first letters
//!   and "I" (a web comment: "where can I get morcillas in tampa bay"),
//!   when it is a place of
//!   the gazetteer the news writes capitalised at least 7 times in 10
//!   ("di indonesia", "asal vietnam"; not "medan", 6 tenths, the city and
//!   "terrain") or a word that announces a place followed by a word the
//!   news writes capitalised 85% of the time or more ("desa karangasem";
//!   not "jalan raya"), and when the article
//!   tags the same words with capitals as an entity elsewhere (a name
//!   written carelessly once: "lanjut perry. Perry menyampaikan").

use crate::features::capitalisation;
use crate::gazetteer::{GazClass, Gazetteer};
use crate::model::{self, Clusters, N_TAGS};

/// The possessive ending as the segmenter leaves it, a token of its own.
pub fn is_possessive(w: &str) -> bool {
    matches!(w, "'s" | "’s" | "'S" | "’S")
}

/// Whether `surface` has a possessive ending that a tokenizer could have
/// split off: the cheap test of whether an entity needs a second look.
pub fn may_hold_possessive(surface: &str) -> bool {
    // One pass over the bytes: an apostrophe (or the last byte of '’')
    // and then an "s".
    surface.as_bytes().windows(2).any(|w| matches!(w[0], b'\'' | 0x99) && matches!(w[1], b's' | b'S'))
}

/// Whether an entity's surface has letters and no capital.
pub fn is_all_lower_case(surface: &str) -> bool {
    let mut letters = false;
    for c in surface.chars() {
        if c.is_uppercase() {
            return false;
        }
        letters |= c.is_alphabetic();
    }
    letters
}

/// The Viterbi mask (one bit per BILOU tag, [`model::viterbi`]) that keeps
/// a possessive "'s" inside an entity of `tags` (BIO) outside any, when the
/// words before it in the entity are a name the article writes without
/// the "'s" (`known`, given the words joined by single spaces, answers
/// `Some(Some(label))` when the article tags them with that label,
/// `Some(None)` when it writes them untagged), or a place of the
/// gazetteer that is no first name there; the words are then read as an
/// entity with that label (a place: LOC). `None` when there is no such
/// "'s".
pub fn possessive_mask(
    words: &[&str],
    tags: &[usize],
    known: &dyn Fn(&str) -> Option<Option<usize>>,
    gazetteer: &Gazetteer,
) -> Option<Vec<u16>> {
    use crate::gazetteer::GazClass as C;
    let class = |cs: &[C]| cs.iter().fold(0u32, |a, &c| a | 1 << c as u32);
    let places = class(&[C::Country, C::City, C::Region]);
    // Not a first name: "Victoria's Secret".
    let names = class(&[C::FirstName, C::GivenName]);
    let n = tags.len().min(words.len());
    let mut mask: Option<Vec<u16>> = None;
    let mut at = 0;
    while let Some((i, j, _)) = model::next_entity(&tags[..n], at) {
        at = j;
        for k in i + 1..j {
            if !is_possessive(words[k]) {
                continue;
            }
            let before = words[i..k].join(" ");
            let label = known(&before).or_else(|| {
                let classes = gazetteer.whole_classes(&before);
                (classes & places != 0 && classes & names == 0).then_some(Some(LOC))
            });
            if let Some(label) = label {
                let m = mask.get_or_insert_with(|| vec![(1u16 << N_TAGS) - 1; n]);
                // The label's B, I, L, U; any tag for words written
                // untagged elsewhere.
                let reading = label.map_or((1u16 << N_TAGS) - 1, |l| 0b1111 << (1 + 4 * l));
                for t in &mut m[i..k] {
                    *t &= reading;
                }
                m[k] = 1;
                // The name after the "'s" ("Labour's Fabian Society"): read
                // after a possessive, it looks like a person's to the
                // model, which it is not when it ends with a word that ends
                // organisations' names or heads places' ("Society",
                // "Federation", "Studios").
                let heads = class(&[C::OrgSuffix, C::LocHead]);
                if j > k + 1 && is_possessive(words[k]) && gazetteer.whole_classes(words[j - 1]) & heads != 0 {
                    for t in &mut m[k + 1..j] {
                        *t &= !(0b1111 << 1);
                    }
                }
            }
        }
    }
    mask
}

/// A place of the gazetteer written in lower case keeps its reading when
/// the news writes its words capitalised at least this many tenths of the
/// time.
const PLACE_MIN_RATE: u16 = 7;

/// The capitalisation rate from which a word in lower case after a word
/// that announces a place is read as the place's name.
const NAME_MIN_RATE: u16 = 9;

/// The label index of places (`model::LABELS`).
const LOC: usize = 2;

/// A word, not the first of its sentence, that shows its writer writes
/// capitals: it has one, and it is not "I".
pub fn is_capital_in_text(w: &str) -> bool {
    w != "I" && w.chars().any(char::is_uppercase)
}

/// Untags the entities of `tags` (BIO) that are common words written in
/// lower case (see the module doc). `caseless`: the sentence has no case
/// (nor is the test made when it opens in lower case);
/// `writes_capitals`: the article has a word with a capital that opens no
/// sentence and is no "I" (the test is made only then, and in a sentence
/// with case);
/// `capitalised(lower)`: the article tags
/// these words, lower-cased and joined by single spaces, with a capital
/// elsewhere. Returns how many entities were untagged.
pub fn lower_case_misreadings(
    words: &[&str],
    tags: &mut [usize],
    caseless: bool,
    writes_capitals: bool,
    clusters: &Clusters,
    gazetteer: &Gazetteer,
    capitalised: &dyn Fn(&str) -> bool,
) -> usize {
    // A sentence that opens in lower case is written carelessly ("presiden
    // jokowi bertemu KPK"): its names may be too.
    let opens_in_lower_case = words.iter().find_map(|w| w.chars().find(|c| c.is_alphabetic())).is_some_and(char::is_lowercase);
    if caseless || !writes_capitals || opens_in_lower_case {
        return 0;
    }
    let n = tags.len().min(words.len());
    let mut untagged = 0;
    let mut at = 0;
    while let Some((i, j, _)) = model::next_entity(&tags[..n], at) {
        at = j;
        let entity = &words[i..j];
        if entity.iter().all(|w| !w.chars().any(char::is_uppercase)) && entity.iter().any(|w| w.chars().any(char::is_alphabetic)) {
            // Every word with letters: capitalised in the news sometimes,
            // not always (a rate of 1 to 10 tenths; 11 is too rare to say,
            // 12 unknown).
            let rates = || {
                entity
                    .iter()
                    .filter(|w| w.chars().any(char::is_alphabetic))
                    .map(|w| capitalisation(clusters.get(xxhash_rust::xxh3::xxh3_64(w.as_bytes()))))
            };
            let common = rates().all(|rate| (1..=10).contains(&rate));
            let joined = entity.join(" ");
            // A place the news writes capitalised 7 times in 10 or more
            // ("jakarta", "vietnam"; not "medan", 6, also "terrain").
            let place = || rates().all(|rate| rate >= PLACE_MIN_RATE) && gazetteer.is_place(&joined);
            // A word that announces a place and a name the news writes
            // capitalised 85% of the time or more ("desa karangasem", 9
            // tenths; not "jalan raya", 6, or "gunung batu", 2).
            let named_place = || {
                entity.len() > 1
                    && gazetteer.whole_classes(entity[0]) & (1 << GazClass::LocHead as u32) != 0
                    && rates().next_back().is_some_and(|rate| rate >= NAME_MIN_RATE)
            };
            if common && !capitalised(&joined) && !place() && !named_place() {
                tags[i..j].fill(0);
                untagged += 1;
            }
        }
    }
    untagged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ModelFile, TAG_NAMES};
    use crate::{TagConfig, Tagger};
    use warta_core::{Article, ArticleStage, Span};

    fn tag(name: &str) -> usize {
        TAG_NAMES.iter().position(|t| *t == name).expect("a BIO tag")
    }

    /// BIO tags from their names.
    fn tags(names: &[&str]) -> Vec<usize> {
        names.iter().map(|n| tag(n)).collect()
    }

    /// BILOU bits of a label (`model::LABELS` index).
    fn label_bits(label: usize) -> u16 {
        0b1111 << (1 + 4 * label)
    }

    #[test]
    fn a_possessive_of_a_name_the_article_writes_alone_is_kept_out() {
        let gazetteer = Gazetteer::embedded_for("en");
        let words = ["Analysts", "said", "Apple", "'s", "newest", "player", "sold", "well", "at", "Macy", "'s", "."];
        let first = tags(&["O", "O", "B-LOC", "I-LOC", "O", "O", "O", "O", "O", "B-ORG", "I-ORG", "O"]);
        // The article writes "Apple" alone, as an organisation, and never
        // "Macy" without its "'s".
        let known = |x: &str| (x == "Apple").then_some(Some(1));
        let mask = possessive_mask(&words, &first, &known, &gazetteer).expect("one possessive");
        assert_eq!(mask[3], 1, "the 's: O only");
        assert_eq!(mask[2], label_bits(1), "Apple: an organisation");
        assert_eq!(mask[10], (1 << N_TAGS) - 1, "Macy's keeps its 's");
        // A name written alone but untagged: the 's goes, any reading.
        let bare = |x: &str| (x == "Macy").then_some(None);
        let mask = possessive_mask(&words, &first, &bare, &gazetteer).expect("one possessive");
        assert_eq!((mask[9], mask[10]), ((1 << N_TAGS) - 1, 1));
        assert_eq!(mask[3], (1 << N_TAGS) - 1);
    }

    #[test]
    fn a_possessive_of_a_country_is_kept_out_and_the_name_after_it_is_no_person() {
        let gazetteer = Gazetteer::embedded_for("en");
        let words = ["talks", "with", "Sweden", "'s", "Saab", "and", "Spain", "'s", "Football", "Federation", "."];
        let first = tags(&["O", "O", "B-LOC", "I-LOC", "I-LOC", "O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O"]);
        let none = |_: &str| None;
        let mask = possessive_mask(&words, &first, &none, &gazetteer).expect("two possessives");
        assert_eq!((mask[2], mask[3]), (label_bits(LOC), 1));
        assert_eq!((mask[6], mask[7]), (label_bits(LOC), 1));
        // "Saab" may be read any way; "Football Federation" as no person.
        assert_eq!(mask[4], (1 << N_TAGS) - 1);
        assert_eq!(mask[8] & label_bits(0), 0);
        assert_eq!(mask[9] & label_bits(0), 0);
        // Nothing to do where no entity holds an 's.
        let none_held = tags(&["O", "O", "B-LOC", "O", "B-ORG", "O", "B-LOC", "O", "B-ORG", "I-ORG", "O"]);
        assert!(possessive_mask(&words, &none_held, &none, &gazetteer).is_none());
    }

    #[test]
    fn common_words_in_lower_case_are_no_names_in_cased_text() {
        let file = ModelFile::from_bytes(crate::EMBEDDED_MODEL).expect("embedded model");
        let clusters = Clusters::new(&file.cluster_words, &file.cluster_ids);
        let gazetteer = Gazetteer::embedded_for("id");
        let never = |_: &str| false;
        // "jalan raya" (main road), "anggun" (elegant) and "kata sandi"
        // (password) in an article that writes names with capitals.
        let words = ["Ia", "tampil", "anggun", "di", "jalan", "raya", "dengan", "kata", "sandi", "baru", "kepada", "detikcom"];
        let mut t = tags(&["O", "O", "B-PER", "O", "B-LOC", "I-LOC", "O", "O", "B-PER", "O", "O", "B-ORG"]);
        assert_eq!(lower_case_misreadings(&words, &mut t, false, true, &clusters, &gazetteer, &never), 3);
        // "detikcom" is always written so in the news: a name.
        assert_eq!(t, tags(&["O", "O", "O", "O", "O", "O", "O", "O", "O", "O", "O", "B-ORG"]));
        // The same words stay where the article tags "Anggun" with a capital
        // (a name written carelessly), in a sentence without case, and in
        // an article with no capital but its sentences' first letters.
        let mut t = tags(&["O", "O", "B-PER", "O", "B-LOC", "I-LOC", "O", "O", "O", "O", "O", "O"]);
        let anggun = |x: &str| x == "anggun";
        assert_eq!(lower_case_misreadings(&words, &mut t, false, true, &clusters, &gazetteer, &anggun), 1);
        assert_eq!(t[2], tag("B-PER"));
        let first = tags(&["O", "O", "B-PER", "O", "B-LOC", "I-LOC", "O", "O", "O", "O", "O", "O"]);
        let mut t = first.clone();
        assert_eq!(lower_case_misreadings(&words, &mut t, true, true, &clusters, &gazetteer, &never), 0);
        let mut careless = words;
        careless[0] = "ia";
        assert_eq!(lower_case_misreadings(&careless, &mut t, false, true, &clusters, &gazetteer, &never), 0);
        assert_eq!(lower_case_misreadings(&words, &mut t, false, false, &clusters, &gazetteer, &never), 0);
        assert_eq!(t, first);
    }

    #[test]
    fn places_in_lower_case_keep_their_reading() {
        let file = ModelFile::from_bytes(crate::EMBEDDED_MODEL).expect("embedded model");
        let clusters = Clusters::new(&file.cluster_words, &file.cluster_ids);
        let gazetteer = Gazetteer::embedded_for("id");
        let never = |_: &str| false;
        // A place the news almost always capitalises ("jakarta") and a
        // place word before a name ("desa karangasem") stay; "medan" read
        // as terrain (the city Medan, but capitalised 6 times in 10) goes.
        let words = ["Ia", "pindah", "dari", "jakarta", "ke", "desa", "karangasem", "lewat", "medan", "berat"];
        let mut t = tags(&["O", "O", "O", "B-LOC", "O", "B-LOC", "I-LOC", "O", "B-LOC", "O"]);
        assert_eq!(lower_case_misreadings(&words, &mut t, false, true, &clusters, &gazetteer, &never), 1);
        assert_eq!(t, tags(&["O", "O", "O", "B-LOC", "O", "B-LOC", "I-LOC", "O", "O", "O"]));
    }

    /// The article tagged, with tokens as the segmenter gives them (a
    /// possessive "'s" on its own): `(surface, label)` of its entities.
    fn entities_of(lang: &str, text: &str) -> Vec<(String, String)> {
        let tagger = Tagger::embedded(TagConfig::default());
        let mut a = Article::new("t", text);
        a.lang = Some(lang.into());
        let mut sentences = Vec::new();
        let mut start = 0;
        for (i, _) in text.match_indices(". ") {
            sentences.push(Span::new(start, i + 1));
            start = i + 2;
        }
        sentences.push(Span::new(start, text.len()));
        for t in crate::tokenize::tokenize(text, &sentences) {
            let w = t.slice(text);
            match w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")) {
                Some(name) if !name.is_empty() => {
                    a.tokens.push(Span::new(t.start, t.start + name.len()));
                    a.tokens.push(Span::new(t.start + name.len(), t.end));
                }
                _ => a.tokens.push(t),
            }
        }
        a.sentences = sentences;
        tagger.process(&mut a).expect("tagged");
        a.entities.iter().map(|e| (e.span.slice(&a.text).to_string(), e.label.clone())).collect()
    }

    fn has(entities: &[(String, String)], surface: &str, label: &str) -> bool {
        entities.iter().any(|(s, l)| s == surface && l == label)
    }

    #[test]
    fn an_article_reads_possessives_as_possessives() {
        let e = entities_of("en", "Apple said on Monday that sales of the iPod doubled. Analysts said Apple's newest music player was the star of the season.");
        assert!(e.iter().all(|(s, _)| !s.contains("'s")), "{e:?}");
        assert_eq!(e.iter().filter(|(s, l)| s == "Apple" && l == "ORG").count(), 2, "{e:?}");
        let e = entities_of("en", "The deal was struck with foreign firms such as Sweden's Saab and France's Dassault.");
        assert!(has(&e, "Sweden", "LOC") && e.iter().all(|(s, _)| !s.contains("'s")), "{e:?}");
        // A name the article never writes without its "'s" keeps it.
        let e = entities_of("en", "McDonald's opened 40 restaurants in China last year. McDonald's golden arches are now seen in every big city.");
        assert_eq!(e.iter().filter(|(s, _)| s == "McDonald's").count(), 2, "{e:?}");
    }

    #[test]
    fn an_article_in_capitals_reads_lower_case_common_words_as_words() {
        let e = entities_of(
            "id",
            "Pengendara diminta berhati-hati saat melintas di jalan raya ketika hujan turun. Kepala Dinas Perhubungan Budi Santoso mengatakan petugas disiagakan di Jalan Sudirman.",
        );
        assert!(!e.iter().any(|(s, _)| s == "jalan raya"), "{e:?}");
        assert!(has(&e, "Budi Santoso", "PER") && has(&e, "Jalan Sudirman", "LOC"), "{e:?}");
        let e = entities_of("id", "Hal itu disampaikan Menteri Keuangan Sri Mulyani kepada detikcom di Jakarta, Senin (16/6/2025).");
        assert!(has(&e, "detikcom", "ORG"), "{e:?}");
        // Text all in lower case is read as written.
        let e = entities_of("id", "presiden joko widodo meninjau lokasi banjir di medan kemarin sore bersama gubernur sumatera utara");
        assert!(has(&e, "medan", "LOC") && has(&e, "joko widodo", "PER"), "{e:?}");
    }
}
