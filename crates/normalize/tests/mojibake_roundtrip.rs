//! Both directions of mojibake repair, on generated text: clean text is left
//! alone, and the same text corrupted by code (UTF-8 read as Windows-1252, as
//! Latin-1, or twice as Windows-1252; HTML-escaped once or twice) is restored
//! exactly.

use proptest::prelude::*;
use warta_normalize::mojibake::{corrupt_as_cp1252, corrupt_as_latin1};
use warta_normalize::{normalize_text, NormalizeConfig};

/// Words of many languages and the symbols news text carries.
const WORDS: &[&str] = &[
    "Jakarta", "harga", "naik", "kata", "dia", "yang", "café", "naïve", "Zoë", "voilà", "Ölüm", "Zürich", "São", "Paulo",
    "Łódź", "İstanbul", "ñandú", "Ærø", "Åland", "façade", "déjà", "vu", "Müller", "straße", "Škoda", "Ørsted", "Þingvellir",
    "Привет", "мир", "Москва", "Αθήνα", "λόγος", "東京", "北京", "서울", "ไทย", "العربية", "עברית", "😀", "🎉", "CO₂",
    "“kutipan”", "‘ya’", "—", "–", "…", "don’t", "½", "€5", "20°C", "±2", "2772×1280", "©", "™", "•", "«oui»", "µm",
    "(kha)", "&", "AT&T", "R&D", "<b>", "\"quoted\"", "it's",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(WORDS), prop::sample::select(vec![" ", " ", " ", "\n", ", ", ". "])), 1..30)
        .prop_map(|v| v.into_iter().flat_map(|(w, sep)| [w, sep]).collect::<String>())
}

fn html_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if !c.is_ascii() => out.push_str(&format!("&#{};", c as u32)),
            c => out.push(c),
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn corrupted_text_is_restored_and_clean_text_kept(t in text()) {
        let cfg = NormalizeConfig { remove_boilerplate: false, ..NormalizeConfig::default() };
        let clean = normalize_text(&t, &cfg);
        // Clean text: nothing to repair.
        prop_assert_eq!(normalize_text(&clean, &cfg), clean.clone());
        for (name, bad) in [
            ("cp1252", corrupt_as_cp1252(&clean)),
            ("latin1", corrupt_as_latin1(&clean)),
            ("cp1252 twice", corrupt_as_cp1252(&corrupt_as_cp1252(&clean))),
            ("html", html_escape(&clean)),
            ("html twice", html_escape(&html_escape(&clean))),
        ] {
            prop_assert_eq!(normalize_text(&bad, &cfg), clean.clone(), "{} of {:?}", name, clean);
        }
    }
}
