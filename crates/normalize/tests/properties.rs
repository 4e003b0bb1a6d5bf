//! Properties over arbitrary Unicode: the stage never panics, and
//! normalisation is idempotent.

use proptest::prelude::*;
use warta_core::{Article, ArticleStage};
use warta_normalize::{normalize_text, NormalizeConfig, Normalizer, Typography, UnicodeForm};

/// Text biased towards what normalisation acts on: mojibake lead and
/// continuation characters, entities, spaces, invisibles, line breaks,
/// combining marks, boilerplate and dateline fragments.
fn messy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<char>().prop_map(|c| c.to_string()),
        "[a-zA-Z ]{1,8}",
        prop::sample::select(vec![
            "Ã", "Â", "â", "€", "™", "©", "\u{9D}", "\u{81}", "\u{A0}", "ð", "Ÿ", "˜", "&amp;", "&", "amp;", "&#8217;", "&#x",
            ";", "#", "\u{200B}", "\u{200C}", "\u{200D}", "\u{AD}", "\u{FEFF}", "\r", "\n", "\r\n", "\u{2028}", "\t", " ",
            "\u{301}", "e\u{301}", "\u{FB01}", "…", "“", "—", "Baca juga: x", "\nAdvertisement\n", "JAKARTA, KOMPAS.com -",
            "Liputan6.com, Jakarta", "(kha)", "\u{85}", "ß", "“", "Ð", "Ñ", "€", "Ã©", "â€™", "Baca Juga", ".Baca juga:",
            "Harga Emas Naik Lagi", "TikusAdapun kedua korban", "MotoGP", " , ", " . ", "( ", " )", " ? ", " : ",
            "kata dia , ini", "(12/5) .", " . . . ", "2 : 1", "( BoE )", "\"siap\" .",
            "<p>", "</p>", "<br/>", "<b>", "</b>", "<script>", "</script>", "<!--", "-->", "&lt;p&gt;", "<a href=\"x\">", "<", "\u{92}", "\u{93}", "\u{96}", "\u{80}",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn configs() -> Vec<NormalizeConfig> {
    vec![
        NormalizeConfig::default(),
        NormalizeConfig { form: UnicodeForm::Nfkc, typography: Typography::Ascii, ..NormalizeConfig::default() },
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn normalize_text_is_idempotent_on_messy_text(text in messy_text()) {
        for cfg in configs() {
            let once = normalize_text(&text, &cfg);
            let twice = normalize_text(&once, &cfg);
            prop_assert_eq!(&twice, &once, "input {:?}", text);
        }
    }

    #[test]
    fn normalize_text_is_idempotent_on_any_unicode(text in any::<String>()) {
        for cfg in configs() {
            let once = normalize_text(&text, &cfg);
            prop_assert_eq!(normalize_text(&once, &cfg), once);
        }
    }

    #[test]
    fn stage_never_panics_and_is_idempotent(text in messy_text(), title in any::<Option<String>>()) {
        let stage = Normalizer::new(NormalizeConfig::default());
        let mut a = Article::new("p", text);
        a.title = title;
        if stage.process(&mut a).is_ok() {
            prop_assert!(!a.text.is_empty());
            prop_assert!(!a.text.starts_with([' ', '\n']) && !a.text.ends_with([' ', '\n']));
            let once = a.clone();
            prop_assert!(stage.process(&mut a).is_ok());
            prop_assert_eq!(&a.text, &once.text);
            prop_assert_eq!(&a.title, &once.title);
            prop_assert_eq!(a.removed.len(), once.removed.len());
        }
    }

    /// What the stage outputs is clean: run again as a new article (with a
    /// dateline and the language it found already set: some repairs are
    /// for some languages only), it comes out byte-identical with no edit,
    /// removal or repair recorded.
    #[test]
    fn clean_output_is_left_untouched(text in messy_text()) {
        let stage = Normalizer::new(NormalizeConfig::default());
        let mut a = Article::new("p", text);
        if stage.process(&mut a).is_ok() {
            let mut b = Article::new("q", a.text.clone());
            b.lang = a.lang.clone().or_else(|| Some("id".to_string()));
            b.dateline = Some("JAKARTA -".to_string());
            prop_assert!(stage.process(&mut b).is_ok());
            prop_assert_eq!(&b.text, &a.text);
            prop_assert!(b.edits.is_empty(), "{:?}", b.edits);
            prop_assert!(b.removed.is_empty() && b.repairs.is_empty());
        }
    }

    #[test]
    fn output_has_no_space_runs_or_blank_lines(text in messy_text()) {
        let out = normalize_text(&text, &NormalizeConfig::default());
        prop_assert!(!out.contains("  "));
        prop_assert!(!out.contains("\n\n"));
        prop_assert!(!out.contains(" \n") && !out.contains("\n "));
        let forbidden = ['\r', '\u{A0}', '\u{200B}'];
        prop_assert!(!out.contains(forbidden), "{:?}", out);
    }
}
