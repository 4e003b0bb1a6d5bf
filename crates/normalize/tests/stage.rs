//! The normalisation stage on whole articles: what it changes, what it
//! records, and what it must leave alone.

use warta_core::{Article, ArticleStage, RejectReason};
use warta_normalize::{normalize_text, GlueSplit, NormalizeConfig, Normalizer, Typography, UnicodeForm};

fn run(text: &str) -> Article {
    let mut a = Article::new("t", text);
    Normalizer::new(NormalizeConfig::default()).process(&mut a).expect("not rejected");
    a
}

#[test]
fn name_is_normalize() {
    assert_eq!(Normalizer::new(NormalizeConfig::default()).name(), "normalize");
}

#[test]
fn clean_article_is_untouched() {
    let text = "Pemerintah menaikkan harga beras pada Senin (16/6/2025).\n“Kami sudah siap,” kata Menteri — yang baru dilantik — di Jakarta.\nHarga naik 5 persen.";
    let mut a = Article::new("c", text);
    a.title = Some("Harga Beras Naik".to_string());
    a.lang = Some("id".to_string());
    let before = a.clone();
    Normalizer::new(NormalizeConfig::default()).process(&mut a).unwrap();
    assert_eq!(a.text, before.text);
    assert_eq!(a.title, before.title);
    assert!(a.edits.is_empty(), "{:?}", a.edits);
    assert!(a.removed.is_empty());
    assert!(a.repairs.is_empty());
    assert_eq!(a.lang.as_deref(), Some("id"));
}

#[test]
fn whitespace_invisibles_and_line_breaks() {
    let a = run("\u{FEFF}  Satu\u{00A0}dua\u{200B}tiga  \r\n\r\n\r\nEmpat\tlima \u{2028}enam\u{00AD}tujuh\u{0007}\n\n");
    // The removals run two pairs of number words together: two shorter
    // glued runs of frequent words ("dua|tiga", "enam|tujuh"), which the
    // glue split then parts.
    // The line separator inside "Empat lima enam tujuh" breaks a sentence:
    // joined (`broken_line_joined`).
    assert_eq!(a.text, "Satu dua tiga\nEmpat lima enam tujuh");
    assert_eq!(a.edits.get("broken_line_joined"), Some(&1));
    assert_eq!(a.edits.get("glued_words_split"), Some(&2));
    assert_eq!(a.edits.get("invisible_removed"), Some(&3));
    assert_eq!(a.edits.get("control_removed"), Some(&1));
    assert_eq!(a.edits.get("space_normalized"), Some(&2));
    assert!(a.edits.get("line_break_normalized").copied().unwrap_or(0) >= 4);
}

#[test]
fn nfc_and_nfkc() {
    let decomposed = "Cafe\u{301} di Bogor\u{2460} Aﬀairs";
    // NFC keeps compatibility characters ("①"); a Latin ligature is folded
    // under either form ("Aﬀairs" from a publishing system is "Affairs").
    assert_eq!(normalize_text(decomposed, &NormalizeConfig::default()), "Café di Bogor\u{2460} Affairs");
    let nfkc = NormalizeConfig { form: UnicodeForm::Nfkc, ..NormalizeConfig::default() };
    assert_eq!(normalize_text(decomposed, &nfkc), "Café di Bogor1 Affairs");
    // Armenian ligatures are letters of their script and stay.
    assert_eq!(normalize_text("\u{FB13}", &NormalizeConfig::default()), "\u{FB13}");
}

#[test]
fn typography_policy() {
    let text = "“Ya,” katanya — ‘tidak’… 5−3";
    assert_eq!(normalize_text(text, &NormalizeConfig::default()), text);
    let ascii = NormalizeConfig { typography: Typography::Ascii, ..NormalizeConfig::default() };
    assert_eq!(normalize_text(text, &ascii), "\"Ya,\" katanya - 'tidak'... 5-3");
}

#[test]
fn mojibake_and_entities_repaired_and_recorded() {
    let a = run("Presiden mengatakan â€œkita siapâ€\u{9D} &amp; caf&eacute; Ã©tait ouvert.");
    assert_eq!(a.text, "Presiden mengatakan “kita siap” & café était ouvert.");
    assert_eq!(a.edits.get("mojibake"), Some(&3));
    assert_eq!(a.edits.get("entity"), Some(&2));
    assert!(a.repairs.iter().any(|r| r.kind == "mojibake" && r.before == "â€œ" && r.after == "“"));
}

#[test]
fn boilerplate_dateline_and_language() {
    let text = "JAKARTA, KOMPAS.com - Badan Pusat Statistik mencatat inflasi tahunan sebesar 2,1 persen.\nBaca juga: Harga Cabai Turun Jelang Panen\nADVERTISEMENT\nKepala BPS mengatakan bahwa harga pangan relatif stabil karena pasokan cukup.\nSCROLL TO CONTINUE WITH CONTENT\nEditor: Rina Sari";
    let a = run(text);
    assert_eq!(a.dateline.as_deref(), Some("JAKARTA, KOMPAS.com -"));
    assert_eq!(
        a.text,
        "Badan Pusat Statistik mencatat inflasi tahunan sebesar 2,1 persen.\nKepala BPS mengatakan bahwa harga pangan relatif stabil karena pasokan cukup."
    );
    let reasons: Vec<&str> = a.removed.iter().map(|r| r.reason.as_ref()).collect();
    assert_eq!(reasons, ["boilerplate:baca_juga", "boilerplate:advertisement", "boilerplate:scroll_prompt", "boilerplate:credit"]);
    assert!(a.removed.iter().all(|r| r.stage == "normalize"));
    assert_eq!(a.edits.get("dateline_extracted"), Some(&1));
    assert_eq!(a.lang.as_deref(), Some("id"));
    assert!(a.lang_score.unwrap() > 0.5);
}

#[test]
fn script_code_kept_as_text_is_removed_and_recorded() {
    // A scraper that took the page's text nodes kept an inline tracking
    // script as a line of the story, its end escaped.
    let text = "Harga beras di pasar induk naik tipis pekan ini.\n\
                //<![CDATA[ !function(w,d){if(w.px)return;w.px=function(){w.px.q.push(arguments)};}(window, document); px('init', '12345');//]]&gt;\n\
                Pedagang berharap pasokan dari daerah sentra segera pulih.";
    let a = run(text);
    assert_eq!(a.text, "Harga beras di pasar induk naik tipis pekan ini.\nPedagang berharap pasokan dari daerah sentra segera pulih.");
    let removed: Vec<(&str, &str)> = a.removed.iter().map(|r| (r.reason.as_ref(), r.text.as_str())).collect();
    assert_eq!(removed.len(), 1);
    assert_eq!(removed[0].0, "boilerplate:code");
    assert!(removed[0].1.starts_with("//<![CDATA[ !function(w,d)"), "{removed:?}");
}

#[test]
fn a_read_also_box_run_into_a_paragraph_is_cut_and_recorded() {
    let text = "Polisi menutup jalan itu sejak pagi, kata juru bicara kepolisian.Baca JugaTanah Longsor Tutup Jalan Provinsi di Garut\
                Dua Pendaki Hilang di Gunung Slamet Ditemukan SelamatAdapun kedua korban dibawa ke rumah sakit terdekat oleh warga.";
    let a = run(text);
    assert_eq!(
        a.text,
        "Polisi menutup jalan itu sejak pagi, kata juru bicara kepolisian.\nAdapun kedua korban dibawa ke rumah sakit terdekat oleh warga."
    );
    assert_eq!(a.edits.get("boilerplate_inline_removed"), Some(&1));
    let removed: Vec<(&str, &str)> = a.removed.iter().map(|r| (r.reason.as_ref(), r.text.as_str())).collect();
    assert_eq!(
        removed,
        [("boilerplate:baca_juga", "Baca JugaTanah Longsor Tutup Jalan Provinsi di GarutDua Pendaki Hilang di Gunung Slamet Ditemukan Selamat")]
    );
}

#[test]
fn given_language_is_kept() {
    let text = "The government said on Monday that the new rules would apply from next year.";
    let mut a = Article::new("x", text);
    a.lang = Some("id".to_string());
    Normalizer::new(NormalizeConfig::default()).process(&mut a).unwrap();
    assert_eq!(a.lang.as_deref(), Some("id"));
    assert!(a.lang_score.is_none());
    assert!(a.signals.is_empty());

    let verify = NormalizeConfig { verify_given_language: true, ..NormalizeConfig::default() };
    let mut b = Article::new("x", text);
    b.lang = Some("id".to_string());
    Normalizer::new(verify).process(&mut b).unwrap();
    assert_eq!(b.lang.as_deref(), Some("id"));
    assert!(b.signals.contains_key("lang_detected_disagrees"));
}

#[test]
fn mixed_or_short_text_is_unknown() {
    use warta_normalize::identify_language;
    assert_eq!(identify_language("Rp 1.500.000").0, "unknown");
    assert_eq!(identify_language("OK").0, "unknown");
    let mixed = "The minister said the plan would go ahead. Menteri mengatakan bahwa rencana itu tetap berjalan.";
    let (code, score) = identify_language(mixed);
    let (_, pure) = identify_language("Menteri mengatakan bahwa rencana itu tetap berjalan sesuai jadwal yang sudah ditetapkan.");
    assert!(code == "unknown" || score < pure, "{code} {score} vs {pure}");
}

#[test]
fn empty_after_normalisation_is_rejected() {
    for text in ["", "   \n\u{200B}\n\t", "Advertisement\nBaca Juga"] {
        let mut a = Article::new("e", text);
        let err = Normalizer::new(NormalizeConfig::default()).process(&mut a).unwrap_err();
        assert_eq!(err.0, RejectReason::EmptyText);
    }
}

#[test]
fn stage_is_idempotent_on_a_messy_article() {
    let text = "Liputan6.com, JakartaKita semua\u{00A0}tahu.\r\nBaca Juga\r\nâ€œHaloâ€\u{9D}  kata dia &amp;quot;ok&amp;quot;.\n\n\nAdvertisement\n(kha)";
    let stage = Normalizer::new(NormalizeConfig::default());
    let mut a = Article::new("m", text);
    stage.process(&mut a).unwrap();
    let once = a.clone();
    stage.process(&mut a).unwrap();
    assert_eq!(a.text, once.text);
    assert_eq!(a.dateline, once.dateline);
    assert_eq!(a.removed, once.removed);
    assert_eq!(a.edits, once.edits);
    assert_eq!(once.text, "Kita semua tahu.\n“Halo” kata dia \"ok\".");
}

#[test]
fn title_is_normalised_on_one_line() {
    let mut a = Article::new("t", "Isi berita yang bersih.");
    a.title = Some("  Judul\u{00A0}Berita\r\nBaru &amp; Lama ".to_string());
    Normalizer::new(NormalizeConfig::default()).process(&mut a).unwrap();
    assert_eq!(a.title.as_deref(), Some("Judul Berita Baru & Lama"));
    assert!(a.edits.keys().any(|k| k.starts_with("title_")));
}

#[test]
fn config_deserialises_from_a_subset() {
    let cfg: NormalizeConfig = serde_json::from_str(r#"{"form":"nfkc","typography":"ascii"}"#).unwrap();
    assert_eq!(cfg.form, UnicodeForm::Nfkc);
    assert_eq!(cfg.typography, Typography::Ascii);
    assert!(cfg.remove_boilerplate && cfg.extract_dateline && cfg.detect_language && cfg.join_split_prefix);
}

#[test]
fn split_passive_prefix_is_joined_in_indonesian_only() {
    let text = "Tamu itu di sambut oleh warga di rumah kepala desa, lalu surat keputusan di keluarkan.";
    let mut a = Article::new("p", text);
    a.lang = Some("id".into());
    Normalizer::new(NormalizeConfig::default()).process(&mut a).unwrap();
    assert_eq!(a.text, "Tamu itu disambut oleh warga di rumah kepala desa, lalu surat keputusan dikeluarkan.");
    assert_eq!(a.edits.get("split_prefix_joined"), Some(&2));
    assert!(a.repairs.iter().any(|r| r.kind == "split_prefix" && r.before == "di sambut" && r.after == "disambut"));

    let mut en = Article::new("e", "The word di sambut stays as written in English text.");
    en.lang = Some("en".into());
    Normalizer::new(NormalizeConfig::default()).process(&mut en).unwrap();
    assert!(en.text.contains("di sambut"));
}

fn normalized(text: &str, lang: &str, cfg: &NormalizeConfig) -> Article {
    let mut a = Article::new("g", text);
    a.lang = Some(lang.into());
    Normalizer::new(cfg.clone()).process(&mut a).unwrap();
    a
}

#[test]
fn glued_words_are_split_in_scraped_indonesian_text_only() {
    let default = NormalizeConfig::default();
    // No mark of a scraper: a lower-case run is left alone by default (in
    // clean text a split can only be wrong).
    let clean = "Bank itu memberi pembiayaan bagi usahakecil.";
    assert_eq!(normalized(clean, "id", &default).text, clean);
    // A camel-case join is the mark: then the lower-case glue goes too.
    let scraped = "Bank itu memberi pembiayaan bagi usahakecil, dikutip dariAntara.";
    let on = normalized(scraped, "id", &default);
    assert_eq!(on.text, "Bank itu memberi pembiayaan bagi usaha kecil, dikutip dari Antara.");
    assert_eq!(on.edits.get("glued_words_split"), Some(&2));
    assert!(on.repairs.iter().any(|r| r.kind == "glued_words" && r.before == "dariAntara" && r.after == "dari Antara"));
    // So is a lower-case run of 15 letters or more that splits into words.
    let long = "Bank itu memberi pembiayaanterhadap usahakecil.";
    assert_eq!(normalized(long, "id", &default).text, "Bank itu memberi pembiayaan terhadap usaha kecil.");

    let always = NormalizeConfig { split_glued_words: GlueSplit::Always, ..NormalizeConfig::default() };
    assert_eq!(normalized(clean, "id", &always).text, "Bank itu memberi pembiayaan bagi usaha kecil.");
    let off = NormalizeConfig { split_glued_words: GlueSplit::Off, ..NormalizeConfig::default() };
    assert_eq!(normalized(scraped, "id", &off).text, scraped);
    let en = normalized("The token pembiayaanterhadap stays in English, dariAntara too.", "en", &always);
    assert!(en.text.contains("pembiayaanterhadap") && en.text.contains("dariAntara"), "{}", en.text);
}

#[test]
fn the_space_a_scraper_dropped_after_a_comma_or_full_stop_goes_back() {
    let default = NormalizeConfig::default();
    let a = normalized("Presiden Rusia,Vladimir Putin tiba. Harga naik untuk setiap produk.Harga emas turun.", "id", &default);
    assert_eq!(a.text, "Presiden Rusia, Vladimir Putin tiba. Harga naik untuk setiap produk. Harga emas turun.");
    assert_eq!(a.edits.get("missing_space_inserted"), Some(&2));
    assert!(a.repairs.iter().any(|r| r.kind == "missing_space" && r.before == "produk.Harga" && r.after == "produk. Harga"));
    // After an acronym, a year or a bracket, and before an acronym.
    let b = normalized("Sidang menahan tersangka,kata KPK,yang hadir pada 2016.Dalam sidang (33).Sempat ricuh.", "id", &default);
    assert_eq!(b.text, "Sidang menahan tersangka, kata KPK, yang hadir pada 2016. Dalam sidang (33). Sempat ricuh.");
    // After a colon between two words; the stop beside it, read as code
    // until then, in the same run.
    // Before an opening curly quote (the space goes before the quote); a
    // closing quote glued to the next word is not one.
    let q = normalized("Kendaraan tak bisa masuk ke area galian.“Kita sudah bicara,” ujarnya,“Kami siap.”", "id", &default);
    assert_eq!(q.text, "Kendaraan tak bisa masuk ke area galian. “Kita sudah bicara,” ujarnya, “Kami siap.”");
    // A straight quote: before it when it opens a quotation, after it when
    // it closes one.
    let s = normalized("Ia datang pada dua tahun terakhir.\"Saat bertemu beliau, kami senang.\" Lalu \"Kami pulang.\"Saat itu hujan.", "id", &default);
    assert_eq!(s.text, "Ia datang pada dua tahun terakhir. \"Saat bertemu beliau, kami senang.\" Lalu \"Kami pulang.\" Saat itu hujan.");
    let c = normalized("Pilihan editor:Mereka tiba. Orang di seluruh dunia:depresi.Kemudian pulang.", "id", &default);
    assert_eq!(c.text, "Pilihan editor: Mereka tiba. Orang di seluruh dunia: depresi. Kemudian pulang.");
    assert_eq!(normalized(&c.text, "id", &default).text, c.text);
    // A number run into the next word, in an article that shows glue.
    let d = normalized("Harga emas Antam:Harga emas 1 gram: Rp1.051.000Harga emas 2 gram: Rp1.998.000.", "id", &default);
    assert_eq!(d.text, "Harga emas Antam: Harga emas 1 gram: Rp1.051.000 Harga emas 2 gram: Rp1.998.000.");
    assert_eq!(normalized(&d.text, "id", &default).text, d.text);
    // The word a number frees takes its stop's space in the same run.
    let f = normalized("Kata sumber:Harga naik. Kamis (19/6/2024Selanjutnya.Menurut dia, ya.", "id", &default);
    assert_eq!(f.text, "Kata sumber: Harga naik. Kamis (19/6/2024 Selanjutnya. Menurut dia, ya.");
    assert_eq!(normalized(&f.text, "id", &default).text, f.text);
    let clean = "Harga emas 1 gram Rp1.051.000Harga emas naik.";
    assert_eq!(normalized(clean, "id", &default).text, clean);
    // A numbered list run into one line gets its lines back.
    let e = normalized("SIM berlaku di delapan negara berikut.\n1. Thailand2. Laos3. Filipina4. Vietnam\nItu daftarnya.", "id", &default);
    assert_eq!(e.text, "SIM berlaku di delapan negara berikut.\n1. Thailand\n2. Laos\n3. Filipina\n4. Vietnam\nItu daftarnya.");
    assert_eq!(e.edits.get("list_item_break_inserted"), Some(&3));
    assert_eq!(normalized(&e.text, "id", &default).text, e.text);
    // Numbers, times, domains, URLs and addresses keep their punctuation.
    for text in [
        "Versi v2.Beta dan U.S.Army serta pukul 19.30 WIB, berjalan.KPK.go.id ditutup.",
        "Virus Bagle.AT menyebar, lihat fansite Halo.Bungie.Org dan putusan 35.Pid.Sus kemarin.",
        "Inflasi naik 1,5 persen pada pukul 19.30 WIB, harga Rp1.500 per kilo.",
        "Baca di detik.com, Kompas.Com atau www.kompas.com.Saham naik.",
        "Kirim ke nama.Belakang@contoh.id atau https://contoh.id/berita.Index ya.",
        "Nilai a,b dan x,y tetap.",
        "Pukul 10:30 WIB skor 2:1, tulis ke mailto:ana atau lihat Berkas:Foto.jpg dan acara CD:UK.",
    ] {
        assert_eq!(normalized(text, "id", &default).text, text);
    }
    // Other languages pass through unharmed.
    let fr = "Il est venu hier,Paul aussi.";
    assert_eq!(normalized(fr, "fr", &default).text, fr);
    let off = NormalizeConfig { space_after_punctuation: false, ..NormalizeConfig::default() };
    assert_eq!(normalized("kata Rusia,Vladimir Putin", "id", &off).text, "kata Rusia,Vladimir Putin");
}

#[test]
fn glue_split_reads_its_old_boolean_and_its_names() {
    let read = |v: &str| -> NormalizeConfig { serde_json::from_str(&format!("{{\"split_glued_words\": {v}}}")).unwrap() };
    assert_eq!(read("true").split_glued_words, GlueSplit::Always);
    assert_eq!(read("false").split_glued_words, GlueSplit::Off);
    assert_eq!(read("\"scraped\"").split_glued_words, GlueSplit::Scraped);
    assert!(serde_json::from_str::<NormalizeConfig>("{\"split_glued_words\": \"sometimes\"}").is_err());
}

#[test]
fn glue_splitting_and_prefix_joining_do_not_undo_each_other() {
    let cfg = NormalizeConfig { split_glued_words: GlueSplit::Always, ..NormalizeConfig::default() };
    let text = "Tim itu bertanding diPiala Dunia dan hasilnya di umumkan dariAntara kemarin sore.";
    let mut a = Article::new("g", text);
    a.lang = Some("id".into());
    Normalizer::new(cfg.clone()).process(&mut a).unwrap();
    let once = a.text.clone();
    let mut b = Article::new("g", &once);
    b.lang = Some("id".into());
    Normalizer::new(cfg).process(&mut b).unwrap();
    assert_eq!(b.text, once);
    assert!(b.edits.is_empty(), "second pass changed {:?}", b.edits);
}

#[test]
fn a_dateline_under_a_repeated_title_line_is_found() {
    let mut a = Article::new("d", "Riedl Keluhkan Permainan Kasar Malaysia\nSolo, CNN Indonesia -- Pelatih tim nasional mengeluhkan permainan lawan.");
    a.title = Some("Riedl keluhkan permainan kasar Malaysia".into());
    a.lang = Some("id".into());
    Normalizer::new(NormalizeConfig::default()).process(&mut a).unwrap();
    assert_eq!(a.dateline.as_deref(), Some("Solo, CNN Indonesia --"));
    // The title line stays for de-duplication (`title_repeat`) to remove.
    assert_eq!(a.text, "Riedl Keluhkan Permainan Kasar Malaysia\nPelatih tim nasional mengeluhkan permainan lawan.");
    // Another first line is not skipped.
    let mut b = Article::new("d", "Berita terkini hari ini\nSolo, CNN Indonesia -- Pelatih tim nasional mengeluhkan permainan lawan.");
    b.title = Some("Riedl keluhkan permainan kasar Malaysia".into());
    b.lang = Some("id".into());
    Normalizer::new(NormalizeConfig::default()).process(&mut b).unwrap();
    assert_eq!(b.dateline, None);
}

#[test]
fn a_repair_that_makes_the_only_line_boilerplate_leaves_a_reject() {
    // "Bacajuga" splits into a read-also line, which goes: nothing is left.
    let mut a = Article::new("r", "Bacajuga: Harga emas,naik lagi");
    a.lang = Some("id".to_string());
    let err = Normalizer::new(NormalizeConfig::default()).process(&mut a).expect_err("empty after the repairs");
    assert_eq!(err.0, RejectReason::EmptyText);
    // With a second line, that line is the article.
    let mut b = Article::new("s", "Bacajuga: Harga emas,naik lagi\nHarga emas naik lagi pekan ini.");
    b.lang = Some("id".to_string());
    Normalizer::new(NormalizeConfig::default()).process(&mut b).unwrap();
    assert_eq!(b.text, "Harga emas naik lagi pekan ini.");
}

#[test]
fn markup_left_in_a_text_field_goes_and_is_counted() {
    let stage = Normalizer::new(NormalizeConfig::default());
    let mut a = Article::new("m", "<p>Gubernur meresmikan taman.</p><p>Warga<br>menyambut <b>baik</b>.</p><script>track();</script>".to_string());
    stage.process(&mut a).unwrap();
    // The <br> inside the second sentence broke it: joined again.
    assert_eq!(a.text, "Gubernur meresmikan taman.\nWarga menyambut baik.");
    assert_eq!(a.edits.get("markup_removed"), Some(&8));
    // Escaped twice by the scraper: decoded, then taken out.
    let mut b = Article::new("e", "&lt;p&gt;Harga naik.&lt;/p&gt;&lt;p&gt;Warga resah.&lt;/p&gt;".to_string());
    stage.process(&mut b).unwrap();
    assert_eq!(b.text, "Harga naik.\nWarga resah.");
    // Prose about markup keeps its one tag.
    let mut c = Article::new("p", "Gunakan elemen <div> untuk tata letak halaman.".to_string());
    stage.process(&mut c).unwrap();
    assert_eq!(c.text, "Gunakan elemen <div> untuk tata letak halaman.");
}

#[test]
fn c1_controls_that_stand_for_windows_1252_marks_become_them() {
    // Text read as Latin-1: the apostrophe, quotes and dash are C1 controls.
    let cfg = NormalizeConfig::default();
    assert_eq!(normalize_text("He didn\u{92}t say \u{93}yes\u{94} \u{96} not yet.", &cfg), "He didn\u{2019}t say \u{201C}yes\u{201D} \u{2013} not yet.");
    // Controls with no Windows-1252 character go; NEL is a line break,
    // but "…" in a text that shows other 1252 marks read as Latin-1.
    assert_eq!(normalize_text("a\u{81}b\u{85}c", &cfg), "ab\nc");
    assert_eq!(normalize_text("\u{93}Ah\u{85} benar\u{94}", &cfg), "\u{201C}Ah\u{2026} benar\u{201D}");
    let a = run("Dia bilang \u{93}siap\u{94}.");
    assert_eq!(a.edits.get("c1_control_mapped"), Some(&2));
    assert_eq!(a.edits.get("control_removed"), None);
}

#[test]
fn a_line_broken_inside_a_sentence_is_joined_but_not_the_title_line() {
    let mut a = Article::new("t", "Gerindra Tunjuk Ahmad Muzani\ncalon pemimpin MPR itu belum final, kata\nFadli Zon di DPR.");
    a.title = Some("Gerindra Tunjuk Ahmad Muzani".to_string());
    a.lang = Some("id".to_string());
    Normalizer::new(NormalizeConfig::default()).process(&mut a).unwrap();
    // The title repeated in the body stays a line of its own (de-duplication
    // removes it); the break before a lower-case word inside the body goes.
    assert_eq!(a.text, "Gerindra Tunjuk Ahmad Muzani\ncalon pemimpin MPR itu belum final, kata\nFadli Zon di DPR.");
    let mut b = Article::new("u", "Warga menyambut baik keputusan itu, dan\nmereka berharap pembangunan segera dimulai.");
    b.lang = Some("id".to_string());
    Normalizer::new(NormalizeConfig::default()).process(&mut b).unwrap();
    assert_eq!(b.text, "Warga menyambut baik keputusan itu, dan mereka berharap pembangunan segera dimulai.");
    assert_eq!(b.edits.get("broken_line_joined"), Some(&1));
}
