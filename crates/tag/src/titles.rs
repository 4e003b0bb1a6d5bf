//! Person titles and roles ("Presiden", "Perdana Menteri", "Menteri Luar
//! Negeri", "Prime Minister", "Mr."), tagged apart from the entities.
//!
//! A title starts at a head phrase from the lists below and absorbs the
//! capitalised words that follow it up to the next entity, so that
//! "Menteri Luar Negeri Retno Marsudi" gives the title "Menteri Luar Negeri"
//! and "Presiden Rusia Vladimir Putin" gives "Presiden". A lower-case head
//! ("kata juru bicara Kremlin Dmitry Peskov") counts only when a person
//! follows within a few tokens.

/// Head phrases, lower case, words separated by single spaces.
pub const TITLE_HEADS: &[&str] = &[
    // Indonesian
    "presiden",
    "wakil presiden",
    "wapres",
    "perdana menteri",
    "menteri",
    "wakil menteri",
    "wamen",
    "menko",
    "gubernur",
    "wakil gubernur",
    "wagub",
    "bupati",
    "wakil bupati",
    "wali kota",
    "walikota",
    "wakil wali kota",
    "ketua",
    "wakil ketua",
    "ketua umum",
    "kepala",
    "wakil kepala",
    "direktur",
    "direktur utama",
    "dirut",
    "direktur jenderal",
    "dirjen",
    "sekretaris",
    "sekretaris jenderal",
    "sekjen",
    "panglima",
    "kapolri",
    "wakapolri",
    "kapolda",
    "kapolres",
    "kapolsek",
    "kasad",
    "kasal",
    "kasau",
    "jaksa agung",
    "hakim",
    "raja",
    "ratu",
    "pangeran",
    "putri",
    "paus",
    "kanselir",
    "duta besar",
    "dubes",
    "juru bicara",
    "jubir",
    "senator",
    "camat",
    "lurah",
    "kepala desa",
    "rektor",
    "dekan",
    "pelatih",
    "kapten",
    "jenderal",
    "letnan jenderal",
    "mayor jenderal",
    "brigadir jenderal",
    "letjen",
    "mayjen",
    "brigjen",
    "irjen",
    "komjen",
    "kombes",
    "kompol",
    "akbp",
    "akp",
    "iptu",
    "ipda",
    "kolonel",
    "letkol",
    "laksamana",
    "marsekal",
    "sultan",
    "imam",
    "ustaz",
    "ustadz",
    "kiai",
    "kyai",
    "habib",
    "pendeta",
    "uskup",
    "profesor",
    "prof.",
    "dr.",
    "ir.",
    "h.",
    "hj.",
    "bapak",
    "ibu",
    "pak",
    "bu",
    "komisaris",
    "komisaris utama",
    "anggota",
    "pemimpin",
    "pimpinan",
    "kepala staf",
    "menteri luar negeri",
    "menteri dalam negeri",
    "menteri keuangan",
    "menteri pertahanan",
    "ketua dpr",
    "ketua mpr",
    "pengamat",
    "ekonom",
    "analis",
    "penyidik",
    // English
    "president",
    "vice president",
    "prime minister",
    "deputy prime minister",
    "minister",
    "foreign minister",
    "finance minister",
    "defence minister",
    "defense minister",
    "secretary",
    "secretary of state",
    "secretary-general",
    "chancellor",
    "governor",
    "mayor",
    "senator",
    "congressman",
    "congresswoman",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "chairman",
    "chairwoman",
    "chair",
    "chief executive",
    "ceo",
    "director",
    "general",
    "colonel",
    "captain",
    "judge",
    "justice",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "sheriff",
    "coach",
    "manager",
    "mr.",
    "mrs.",
    "ms.",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sir",
    "lord",
    "lady",
    "dame",
    "rev.",
    "archbishop",
    "bishop",
    "chief",
    "head",
    "leader",
    "commissioner",
    "commander",
    "sen.",
    "rep.",
    "gov.",
    "gen.",
];

/// Honorifics: the capitalised word after one is the name, never more of the
/// title ("Mr Ebbers", "Pak Basuki"), so these heads absorb nothing.
const HONORIFICS: &[&str] = &[
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "sir", "dame", "ir.", "h.", "hj.",
    "pak", "bu", "bapak", "ibu",
];

/// Whether `word` (any case) is an honorific that takes no more words.
pub fn is_honorific(word: &str) -> bool {
    word.len() <= 6 && HONORIFICS.iter().any(|h| h.eq_ignore_ascii_case(word))
}

/// Capitalised words that end a title's run ("Menteri Keuangan Nomor 12",
/// a regulation's number; "Ketua Bidang Hukum Tahun 2017", a year).
const TITLE_ENDS: &[&str] = &["Nomor", "No", "Tahun", "Periode"];

/// Heads that, written in lower case, are common words before a name far
/// more often than titles: "putri" is "women's" ("ganda putri Greysia
/// Polii", "tunggal putri") or "daughter" ("putri sulung …"); of 66 such
/// titles in a month of Indonesian news none was a princess. Written
/// "Putri" it stays a title ("Putri Diana"). They stay in the gazetteer's
/// title class, which the model reads as it was trained.
const COMMON_IN_LOWER_CASE: &[&str] = &["putri"];

/// Whether the head `word`, as written, is a common word and not a title
/// ([`COMMON_IN_LOWER_CASE`]).
pub fn common_word_head(word: &str) -> bool {
    COMMON_IN_LOWER_CASE.contains(&word)
}

/// Whether `word` ends the run of capitalised words a title absorbs.
pub fn ends_a_title(word: &str) -> bool {
    TITLE_ENDS.contains(&word)
}

/// Lower-case particles inside names ("Mr de Vabres", "Mr van Gogh").
const NAME_PARTICLES: &[&str] = &["da", "de", "del", "della", "der", "di", "dos", "du", "la", "le", "van", "von", "bin", "binti"];

/// Whether a name follows the honorific `words[i]`: a capitalised word
/// ("Mr Bell", "Pak Gubernur"), another honorific ("Dr. dr. Paulus"), a
/// name particle before a capitalised word ("Mr de Vabres"), or a couple's
/// second honorific ("Mr. & Mrs. Ghazali"). Written in
/// capitals, the honorific needs a word in capitals after it (a headline:
/// "MR BLAIR"). Otherwise the word is no honorific: "ibu" and "bapak" are
/// also "mother" and "father", "Bapak" also "you" ("Ibu satu anak itu", "Bapak
/// merupakan tamu"), "MS" the disease, "DR" a suspect's initials. At the
/// end of `words` nothing can be told (a sentence split after "Mr." leaves
/// the name in the next piece): true.
pub fn names_follow(words: &[&str], i: usize) -> bool {
    let Some(&next) = words.get(i + 1) else { return true };
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let all_caps = |w: &str| w.chars().any(char::is_alphabetic) && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
    if all_caps(words[i]) && words[i].chars().filter(|c| c.is_alphabetic()).count() > 1 {
        return all_caps(next) && next.chars().any(char::is_alphabetic);
    }
    capitalised(next)
        || is_honorific(next)
        || (NAME_PARTICLES.contains(&next) && words.get(i + 2).is_some_and(|w| capitalised(w)))
        // A couple: "Mr. & Mrs. Ghazali", "Bapak dan Ibu Hartono" (not
        // "Bapak dan Ibu sekalian", an audience).
        || (matches!(next, "&" | "and" | "dan") && words.get(i + 2).is_some_and(|w| is_honorific(w)) && names_follow(words, i + 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_years_end_a_title() {
        assert!(ends_a_title("Nomor") && ends_a_title("Tahun") && !ends_a_title("Negeri"));
    }

    #[test]
    fn an_honorific_is_one_only_before_a_name() {
        let follows = |text: &str| {
            let words: Vec<&str> = text.split(' ').collect();
            names_follow(&words, 0)
        };
        for yes in ["Mr Bell", "Pak Gubernur", "Dr. dr. Paulus", "Mr de Vabres", "MR BLAIR", "Ibu Ani", "Mr.", "Mr. & Mrs. Ghazali", "Bapak dan Ibu Hartono"] {
            assert!(follows(yes), "{yes}");
        }
        for no in ["Ibu satu anak itu", "Bapak merupakan tamu", "MS bisa", "MS sufferers", "DR untuk", "ibu kandung", "Mr de la", "ibu dan anak", "Bapak dan Ibu sekalian"] {
            assert!(!follows(no), "{no}");
        }
    }

    #[test]
    fn heads_are_lower_case_and_single_spaced() {
        for h in TITLE_HEADS {
            assert_eq!(*h, h.to_lowercase(), "{h}");
            assert!(
                !h.contains("  ") && !h.starts_with(' ') && !h.ends_with(' '),
                "{h}"
            );
        }
    }

    #[test]
    fn honorifics_are_title_heads() {
        for h in HONORIFICS {
            assert!(TITLE_HEADS.contains(h), "{h}");
        }
        assert!(is_honorific("Mr") && is_honorific("HJ.") && !is_honorific("Menteri"));
    }
}
