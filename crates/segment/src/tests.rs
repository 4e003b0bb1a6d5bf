//! Hard cases, in sentences written for these tests.

use warta_core::{Article, ArticleStage};

use crate::{segment, tokenize, SegmentConfig, Segmenter};

fn sents<'t>(text: &'t str, lang: &str) -> Vec<&'t str> {
    segment(text, lang).iter().map(|s| s.slice(text)).collect()
}

fn toks<'t>(text: &'t str) -> Vec<&'t str> {
    let s = segment(text, "id");
    tokenize(text, &s).iter().map(|t| t.slice(text)).collect()
}

#[test]
fn indonesian_abbreviations_do_not_end_sentences() {
    assert_eq!(
        sents("Kantornya di Jl. Merdeka No. 12, Kab. Bogor. Ia datang pukul 08.00.", "id"),
        ["Kantornya di Jl. Merdeka No. 12, Kab. Bogor.", "Ia datang pukul 08.00."]
    );
    assert_eq!(
        sents("Acara dihadiri Prof. Dr. H. Budi Santoso, S.H., M.Si. dan Hj. Rina.", "id"),
        ["Acara dihadiri Prof. Dr. H. Budi Santoso, S.H., M.Si. dan Hj. Rina."]
    );
    assert_eq!(
        sents("Ia membeli beras, gula, dll. Namun harganya naik.", "id"),
        ["Ia membeli beras, gula, dll.", "Namun harganya naik."]
    );
    assert_eq!(
        sents("Saham PT Maju Tbk. Naik tajam kemarin.", "id").len(),
        1,
        "Tbk. before a non-starter word stays inside the sentence"
    );
}

#[test]
fn numbers_and_times_are_not_boundaries() {
    assert_eq!(
        sents("IHSG ditutup di level 7.195,63 pada pukul 19.30 WIB. Rupiah melemah ke Rp15.870 per dolar AS.", "id"),
        ["IHSG ditutup di level 7.195,63 pada pukul 19.30 WIB.", "Rupiah melemah ke Rp15.870 per dolar AS."]
    );
    assert_eq!(sents("Harganya naik 2.5 persen (20/11/2024). Itu rekor.", "id").len(), 2);
    assert_eq!(sents("Jumlahnya mencapai 1.500. Angka itu tertinggi.", "id").len(), 2);
}

#[test]
fn initials_stay_with_the_name() {
    assert_eq!(sents("Presiden B.J. Habibie lahir di Parepare. Ia insinyur.", "id").len(), 2);
    assert_eq!(sents("Menurut Andi S. Wibowo, harga naik.", "id").len(), 1);
    assert_eq!(
        sents("We met at noon, you and I. Did you see John F. Kennedy Jr. there?", "en"),
        ["We met at noon, you and I.", "Did you see John F. Kennedy Jr. there?"]
    );
}

#[test]
fn links_and_emails_are_not_split() {
    assert_eq!(
        sents("Kirim surat ke redaksi@contoh.co.id. Kami membalas cepat.", "id"),
        ["Kirim surat ke redaksi@contoh.co.id.", "Kami membalas cepat."]
    );
    assert_eq!(
        sents("Details are at https://example.org/a.b/c.html. Please read them.", "en"),
        ["Details are at https://example.org/a.b/c.html.", "Please read them."]
    );
}

#[test]
fn quotes_and_brackets_close_with_their_sentence() {
    assert_eq!(
        sents("“Kapan kita berangkat?” tanya Budi. “Besok pagi!” Jawab Ani.", "id"),
        ["“Kapan kita berangkat?” tanya Budi.", "“Besok pagi!”", "Jawab Ani."]
    );
    assert_eq!(
        sents("He left early (he was tired.) and slept. Then he woke.", "en"),
        ["He left early (he was tired.) and slept.", "Then he woke."]
    );
}

#[test]
fn line_breaks_always_end_a_sentence() {
    assert_eq!(
        sents("Harga Cabai Naik Tajam\nJAKARTA — Harga cabai naik. Pedagang mengeluh.", "id"),
        ["Harga Cabai Naik Tajam", "JAKARTA — Harga cabai naik.", "Pedagang mengeluh."]
    );
}

#[test]
fn ellipses() {
    assert_eq!(sents("Dia terdiam... lalu pergi.", "id").len(), 1);
    assert_eq!(sents("I never said that.... She left.", "en").len(), 2);
}

#[test]
fn tokens_keep_numbers_reduplication_and_abbreviations() {
    assert_eq!(
        toks("Barang-barang senilai Rp15.870 (dll.) dibeli."),
        ["Barang-barang", "senilai", "Rp15.870", "(", "dll.", ")", "dibeli", "."]
    );
    assert_eq!(toks("“Ya,” katanya."), ["“", "Ya", ",", "”", "katanya", "."]);
}

#[test]
fn stage_repairs_spurious_stops_and_records_them() {
    let text = "Menteri itu membahas kerja sama dengan. Perdana Menteri Jepang di Tokyo. \
                Ia tiba di sana. menambahkan bahwa kunjungan itu penting.";
    let mut a = Article::new("t", text);
    a.lang = Some("id".into());
    let seg = Segmenter::new(SegmentConfig::default());
    assert_eq!(seg.name(), "segment");
    seg.process(&mut a).unwrap();
    assert_eq!(a.repairs.len(), 2);
    assert_eq!(a.edits.get("spurious_full_stop"), Some(&2));
    assert!(a.text.contains("kerja sama dengan Perdana Menteri"));
    assert!(a.text.contains("di sana menambahkan"));
    let got: Vec<&str> = a.sentence_texts().collect();
    assert_eq!(got.len(), 2, "{got:?}");
    for t in &a.tokens {
        assert!(a.sentences.iter().any(|s| s.contains(*t)));
    }
}
