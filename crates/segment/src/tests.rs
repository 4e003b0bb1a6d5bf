//! Hard cases, in sentences written for these tests, plus property tests.

use proptest::prelude::*;
use warta_core::{Article, ArticleStage, Span};

use crate::{find_spurious_stops, segment, tokenize, SegmentConfig, Segmenter, SpuriousKind};

fn sents<'t>(text: &'t str, lang: &str) -> Vec<&'t str> {
    segment(text, lang).iter().map(|s| s.slice(text)).collect()
}

fn toks(text: &str) -> Vec<&str> {
    let s = segment(text, "id");
    tokenize(text, &s).iter().map(|t| t.slice(text)).collect()
}

fn staged(text: &str, lang: &str) -> Article {
    let mut a = Article::new("t", text);
    a.lang = Some(lang.into());
    Segmenter::new(SegmentConfig::default()).process(&mut a).unwrap();
    a
}

// ------------------------------------------------------------ sentences

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
    // Acting office holders.
    assert_eq!(
        sents("Rapat dipimpin Plt. Ketua DPD dan Pj. Gubernur. Plh. Direktur hadir.", "id"),
        ["Rapat dipimpin Plt. Ketua DPD dan Pj. Gubernur.", "Plh. Direktur hadir."]
    );
    assert_eq!(
        sents("Pembayaran a.n. Siti Aminah diterima. Terima kasih.", "id"),
        ["Pembayaran a.n. Siti Aminah diterima.", "Terima kasih."]
    );
    assert_eq!(sents("Harga dinaikkan Rp. 5.000 per liter.", "id").len(), 1);
    assert_eq!(sents("Saham PT Maju Tbk. (MAJU) naik tajam.", "id").len(), 1, "Tbk. before a bracket");
    assert_eq!(sents("Laba PT Maju Tbk. Direksi puas.", "id").len(), 2, "Tbk. last before a capital");
    assert_eq!(sents("Beratnya 12 kg. Petugas menimbangnya lagi.", "id").len(), 2);
    assert_eq!(sents("Kantor Kec. Cibinong dan JL. Raya Bogor ditutup.", "id").len(), 1, "capitalised JL.");
    // Signature, photo credit and company abbreviations.
    assert_eq!(sents("Menurut kamus, ttd. adalah singkatan dari tertanda.", "id").len(), 1, "ttd.");
    assert_eq!(sents("Foto: Dok. Polres Blitar menunjukkan lokasi itu.", "id").len(), 1, "Dok. credit");
    assert_eq!(sents("Kereta dioperasikan oleh Metro Express Pvt. Limited sejak 2011.", "id").len(), 1, "Pvt.");
}

#[test]
fn english_abbreviations_do_not_end_sentences() {
    assert_eq!(
        sents("Sen. Marsh met Gov. Reyes in Sacramento, Calif. on Tuesday. They talked.", "en"),
        ["Sen. Marsh met Gov. Reyes in Sacramento, Calif. on Tuesday.", "They talked."]
    );
    assert_eq!(
        sents("The firm moved to the U.S. in 1999. It grew fast.", "en"),
        ["The firm moved to the U.S. in 1999.", "It grew fast."]
    );
    assert_eq!(sents("She joined Acme Corp. The pay was good.", "en").len(), 2);
    assert_eq!(sents("She joined Acme Corp. Finance in May.", "en").len(), 1);
    assert_eq!(sents("See p. 12 and Fig. 3 for details.", "en").len(), 1);
    assert_eq!(sents("ACME HOLDINGS INC. sold shares yesterday.", "en").len(), 1);
    assert_eq!(sents("Mix it and -- voila! -- you have bread.", "en").len(), 1);
}

#[test]
fn numbers_and_times_are_not_boundaries() {
    assert_eq!(
        sents("IHSG ditutup di level 7.195,63 pada pukul 19.30 WIB. Rupiah melemah ke Rp15.870 per dolar AS.", "id"),
        ["IHSG ditutup di level 7.195,63 pada pukul 19.30 WIB.", "Rupiah melemah ke Rp15.870 per dolar AS."]
    );
    assert_eq!(sents("Harganya naik 2.5 persen (20/11/2024). Itu rekor.", "id").len(), 2);
    assert_eq!(sents("Jumlahnya mencapai 1.500. Angka itu tertinggi.", "id").len(), 2);
    assert_eq!(
        sents("The bus left at 7 a.m. Riders who missed it waited. At 9 a.m. Mr. Cole arrived.", "en"),
        ["The bus left at 7 a.m.", "Riders who missed it waited.", "At 9 a.m. Mr. Cole arrived."]
    );
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
    assert_eq!(sents("Baca di www.contoh.com sekarang juga.", "id").len(), 1);
}

#[test]
fn ellipses() {
    assert_eq!(sents("Dia terdiam... lalu pergi.", "id").len(), 1);
    assert_eq!(sents("I never said that.... She left.", "en").len(), 2);
    assert_eq!(sents("Tunggu… Semua diam.", "id").len(), 2);
    assert_eq!(sents("He paused . . . and went on.", "en").len(), 1);
    assert_eq!(sents("The text [...] was cut. Nothing else.", "en").len(), 2);
}

#[test]
fn questions_and_exclamations_inside_quotes() {
    assert_eq!(
        sents("“Kapan kita berangkat?” tanya Budi. “Besok pagi!” Jawab Ani.", "id"),
        ["“Kapan kita berangkat?” tanya Budi.", "“Besok pagi!”", "Jawab Ani."]
    );
    assert_eq!(sents("\"Are you done?\" she asked. He nodded.", "en").len(), 2);
    assert_eq!(sents("“Can we go?” Mom asks. I nod.", "en"), ["“Can we go?” Mom asks.", "I nod."]);
    assert_eq!(sents("“We pay,” he said. “Why?” Lee said the firm would not.", "en").len(), 3);
    assert_eq!(sents("He shops at Yahoo! in the evening.", "en").len(), 1);
    assert_eq!(sents("Serius?! Aku tidak percaya.", "id").len(), 2);
}

#[test]
fn closing_quotes_and_brackets_stay_with_their_sentence() {
    assert_eq!(
        sents("He left early (he was tired.) and slept. Then he woke.", "en"),
        ["He left early (he was tired.) and slept.", "Then he woke."]
    );
    assert_eq!(
        sents("Ia berkata, “Kami siap.” Rapat lalu ditutup.", "id"),
        ["Ia berkata, “Kami siap.”", "Rapat lalu ditutup."]
    );
    assert_eq!(
        sents("The town grew quickly. [4] Its port opened in 1890.", "en"),
        ["The town grew quickly. [4]", "Its port opened in 1890."]
    );
}

#[test]
fn unbalanced_quote_does_not_swallow_text() {
    let text = "Ia berkata, “Kami siap. Rapat ditutup. Semua pulang. Besok rapat lagi.";
    assert_eq!(sents(text, "id").len(), 4);
}

#[test]
fn datelines_headlines_and_line_breaks() {
    assert_eq!(
        sents("Harga Cabai Naik Tajam\nJAKARTA — Harga cabai naik. Pedagang mengeluh.", "id"),
        ["Harga Cabai Naik Tajam", "JAKARTA — Harga cabai naik.", "Pedagang mengeluh."]
    );
    assert_eq!(sents("JAKARTA, KOMPAS.com - Banjir surut. Warga kembali.", "id").len(), 2);
    assert_eq!(sents("Baris satu\r\nBaris dua\u{2029}Baris tiga", "id").len(), 3);
}

#[test]
fn glued_sentences_from_scrapers_are_split() {
    assert_eq!(
        sents("Kabar itu menyebut pemimpin Iran.Kondisi terkini belum jelas.", "id"),
        ["Kabar itu menyebut pemimpin Iran.", "Kondisi terkini belum jelas."]
    );
    for one in [
        "Baca di Liputan6.com sekarang.",
        "Kunjungi www.Kompas.com hari ini.",
        "Ia dirawat di RS Dr.Sutomo kemarin.",
        "Gelar S.Pd diraihnya.",
        "Nilainya 7.195,63 poin.",
        "Framework ASP.NET dipakai.",
        "Posted via Newsfeed.Com today.",
    ] {
        assert_eq!(sents(one, "id").len(), 1, "{one}");
    }
}

#[test]
fn byline_tags_end_their_own_sentence() {
    assert_eq!(
        sents("Proyek selesai tahun depan. (ant)\nBerita lain.", "id"),
        ["Proyek selesai tahun depan.", "(ant)", "Berita lain."]
    );
}

#[test]
fn lists_split_at_their_markers() {
    assert_eq!(
        sents("1. Siapkan bahan 2. Aduk rata 3. Panggang", "id"),
        ["1. Siapkan bahan", "2. Aduk rata", "3. Panggang"]
    );
    assert_eq!(sents("a) Pertama b) Kedua", "id"), ["a) Pertama", "b) Kedua"]);
    assert_eq!(sents("• Satu • Dua", "id"), ["• Satu", "• Dua"]);
}

#[test]
fn smileys_end_sentences() {
    assert_eq!(sents("See you soon :) Bring the kids.", "en"), ["See you soon :)", "Bring the kids."]);
    assert_eq!(sents("Great party! :-) Thanks all.", "en"), ["Great party! :-)", "Thanks all."]);
    assert_eq!(sents("Nilai (a) dan (b) sama.", "id").len(), 1);
}

#[test]
fn emoticons_after_a_stop_stay_with_their_sentence() {
    assert_eq!(sents("Patience is the key. =) he might come round.", "en"), ["Patience is the key. =)", "he might come round."]);
    assert_eq!(sents("Everyone loves it! ^_^ Lotte World is big.", "en"), ["Everyone loves it! ^_^", "Lotte World is big."]);
    assert_eq!(sents("Give points! >:( Best answer wins.", "en"), ["Give points! >:(", "Best answer wins."]);
    // A citation mark still closes the sentence before a bracketed note.
    assert_eq!(sents("He felt guilty afterwards. [13] [citation needed] Then he left.", "en").len(), 2);
}

#[test]
fn shouted_words_and_closed_quotes_end_before_lowercase() {
    assert_eq!(sents("I asked for the manager. WOW! grey shirt came out.", "en").len(), 3);
    assert_eq!(sents("It is not as popular as Yahoo! and AOL are.", "en").len(), 1);
    assert_eq!(sents("They \"do as they wilt\". maybe too much.", "en"), ["They \"do as they wilt\".", "maybe too much."]);
    assert_eq!(sents("They played (pawing at each other). only once it hurt.", "en").len(), 2);
}

#[test]
fn a_title_ending_in_a_question_mark_runs_on_into_a_lowercase_word() {
    assert_eq!(sents("She promoted the film Shall We Dance? and her new album.", "en").len(), 1);
    assert_eq!(sents("Hit songs like What's My Name? and Gin and Juice followed.", "en").len(), 1);
    // A title with its small words in lower case.
    assert_eq!(sents("Tonight she joins a celebrity edition of Who Wants to be a Millionaire? on ITV.", "en").len(), 1);
    assert_eq!(sents("The charity single Do They Know it's Christmas? is expected to top the chart.", "en").len(), 1);
    assert_eq!(sents("Nominees include The Goat or Who is Sylvia? by Edward Albee.", "en").len(), 1);
    // A question that opens its sentence is no title.
    assert_eq!(sents("Where is Miramar? are they open?", "en").len(), 2);
    assert_eq!(sents("I asked about Miramar? are they open?", "en").len(), 2);
    assert_eq!(sents("He says: You're at Warwick in Pennsylvania? and I said yes.", "en").len(), 2);
    // One name, a link or a list item after it: the question ends.
    assert_eq!(sents("Have you been to Miramar? are they nice?", "en").len(), 2);
    assert_eq!(sents("Was it from George Bush? http://example.com/a is the source.", "en").len(), 2);
    assert_eq!(sents("Was it made by United India? (b) Is it right?", "en").len(), 2);
}

#[test]
fn email_header_stamps_end_sentences() {
    let rules = |t: &'static str| crate::segment_rules(t, "en").iter().map(|s| s.slice(t)).collect::<Vec<_>>();
    assert_eq!(rules("Caroline Abramo@ENRON 03/02/2001 10:46 AM what do you think? Thanks."), [
        "Caroline Abramo@ENRON",
        "03/02/2001 10:46 AM",
        "what do you think?",
        "Thanks."
    ]);
    assert_eq!(
        rules("Traci Warner on 08/16/2000 03:14:14 PM Steve, Rod and Elyse - Just wanted to confirm."),
        ["Traci Warner on 08/16/2000 03:14:14 PM", "Steve, Rod and Elyse -", "Just wanted to confirm."]
    );
    assert_eq!(
        rules("Tori Kuykendall 03/09/2000 03:51 PM hi mark - i'm a gas trader."),
        ["Tori Kuykendall", "03/09/2000 03:51 PM", "hi mark -", "i'm a gas trader."]
    );
    // The sender before the date is a sentence, and so is the stamp.
    assert_eq!(rules("Could we talk? please print Amanda Huble@ENRON 01/24/2001 01:02 PM Do you have it?"), [
        "Could we talk?",
        "please print",
        "Amanda Huble@ENRON",
        "01/24/2001 01:02 PM",
        "Do you have it?"
    ]);
    assert_eq!(rules("Thanks. DF Jeffrey T Hodge 03/29/2001 09:01 AM OK."), ["Thanks.", "DF", "Jeffrey T Hodge", "03/29/2001 09:01 AM", "OK."]);
    assert_eq!(rules("Rudwell Johnson/ENRON@enronXgate 03/28/2001 05:09 PM OK."), [
        "Rudwell Johnson/ENRON@enronXgate",
        "03/28/2001 05:09 PM",
        "OK."
    ]);
    // "on" keeps the address with its date; a label keeps the sender.
    assert_eq!(rules("see below SOblander@carrfut.com on 08/15/2000 06:03:48 PM The data."), [
        "see below",
        "SOblander@carrfut.com on 08/15/2000 06:03:48 PM",
        "The data."
    ]);
    assert_eq!(rules("Paul Kaufman@ECT Sent by: Lysa Akin@ECT 11/10/2000 05:59 PM OK.")[0], "Paul Kaufman@ECT Sent by: Lysa Akin@ECT");
    // A sentence starter opens no greeting; no date, no stamp; Indonesian untouched.
    let text = "Kay Mann 09/20/2000 04:18 PM This Friday - Michael goes for a visit.";
    assert_eq!(crate::segment_rules(text, "en").len(), 3);
    assert_eq!(sents("We meet at 10:46 AM in the lobby.", "en").len(), 1);
    assert_eq!(sents("Rapat 03/02/2001 10:46 WIB dibuka oleh ketua.", "id").len(), 1);
}

#[test]
fn a_first_name_after_a_sign_off_ends_before_a_starter_or_itself() {
    let got = sents("Please distribute ASAP. Thanks, Sean Here you go. Call me.", "en");
    assert!(got.iter().any(|s| s.ends_with("Sean")) && got.contains(&"Here you go."), "{got:?}");
    let got = sents("See you all there.\nSincerely, Traci Traci Warner Enron Broadband Services", "en");
    assert!(got.iter().any(|s| s.ends_with("Traci")) && got.last().is_some_and(|s| s.starts_with("Traci Warner")), "{got:?}");
    // A surname, a starter as the "name", or a bare "Best" are no sign-off gaps.
    use crate::model::signoff_then_name as gap;
    assert!(gap("Thanks,", "Sean", "Here") && gap("Sincerely,", "Traci", "Traci") && gap("Best,", "Jeff", "Does"));
    assert!(!gap("regards,", "Debra", "Perlingiere") && !gap("Thanks,", "Kim", "713-853-3098"));
    assert!(!gap("Thanks", "For", "A") && !gap("Best", "Store", "In"));
}

#[test]
fn a_garbled_space_after_a_colon_or_comma_asks_nothing() {
    assert_eq!(sents("John Staikos Direct Dial:? 203.961.7523 Direct Fax:? 203.674.7723", "en").len(), 1);
    assert_eq!(sents("shippers, storage providers,? gas suppliers,? producers.", "en").len(), 1);
    assert_eq!(sents("Is it ready? Yes.", "en").len(), 2);
}

#[test]
fn thanks_before_a_form_of_address_end_nothing() {
    // Thanks spoken to someone: "Thank you, Mr. Chair."
    let got = sents("Below are the remarks:\nSpeaker Pelosi. Thank you, Mr. Chair. Thank you, Madam Speaker. I thank the gentleman from New York.", "en");
    assert!(got.contains(&"Thank you, Mr. Chair."), "{got:?}");
    assert!(got.contains(&"Thank you, Madam Speaker."), "{got:?}");
}

#[test]
fn lowercase_starts_after_plain_words_and_questions() {
    assert_eq!(sents("we went home. then it rained.", "en").len(), 2);
    assert_eq!(sents("where is it? no idea.", "en").len(), 2);
    assert_eq!(sents("Use tools (e.g. a saw) carefully.", "en").len(), 1);
}

#[test]
fn generic_fallback_handles_other_scripts() {
    assert_eq!(sents("今天下雨。我们留在家里。", "zh"), ["今天下雨。", "我们留在家里。"]);
    assert_eq!(sents("यह पहला है। यह दूसरा है।", "hi").len(), 2);
    assert_eq!(sents("Das ist gut. Wir gehen jetzt.", "de").len(), 2);
    assert_eq!(sents("Der Arzt Dr. Weber kommt.", "xx").len(), 1);
    assert_eq!(sents("Test strange period．Does it work．", "en").len(), 2);
}

#[test]
fn generic_fallback_keeps_quotes_titles_and_decimals_of_other_scripts() {
    // French sets a space before its closing guillemet; German closes with “.
    assert_eq!(sents("Il a répondu : « Non ! » Puis il est parti.", "fr"), ["Il a répondu : « Non ! »", "Puis il est parti."]);
    assert_eq!(sents("Er sagte: „Das reicht.“ Dann ging er.", "de"), ["Er sagte: „Das reicht.“", "Dann ging er."]);
    // German and Danish open with »: it begins the next sentence.
    assert_eq!(sents("Er kam spät. »Wo warst du?«, fragte sie.", "de"), ["Er kam spät.", "»Wo warst du?«, fragte sie."]);
    // A full-width decimal point, and a mark inside a title's brackets.
    assert_eq!(sents("税率は３．５％になる。来年から実施する。", "ja"), ["税率は３．５％になる。", "来年から実施する。"]);
    assert_eq!(sents("我们去看《快跑吧！孩子》好吗？好！", "zh"), ["我们去看《快跑吧！孩子》好吗？", "好！"]);
    // A title mark that never closes leaves the marks as they are.
    assert_eq!(sents("他读了《第一章！然后睡了。", "zh"), ["他读了《第一章！", "然后睡了。"]);
}

#[test]
fn detached_closers_postscripts_and_bracketed_zones() {
    assert_eq!(
        sents("(We land late and leave the next morning. ) Take the shuttle bus. It is cheap.", "en"),
        ["(We land late and leave the next morning. )", "Take the shuttle bus.", "It is cheap."]
    );
    // A closing bracket with nothing open is left where it is.
    assert_eq!(sents("The shop closed early. ) Then it rained.", "en"), ["The shop closed early.", ") Then it rained."]);
    assert_eq!(sents("Best wishes, Tom\nP.S. I will call you on Monday.", "en"), ["Best wishes, Tom", "P.S. I will call you on Monday."]);
    assert_eq!(sents("Thanks again. PS. We loved the cake!", "en"), ["Thanks again.", "PS. We loved the cake!"]);
    assert_eq!(
        sents("The call starts at 9 a.m. (EST) on the main line. Please dial in early.", "en"),
        ["The call starts at 9 a.m. (EST) on the main line.", "Please dial in early."]
    );
    // A stop two words before the end of an open bracket ends nothing; a
    // bracket holding whole sentences still splits.
    assert_eq!(sents("Bandara Raja Haji (RHF. II) di Tanjung dibuka lagi. Penerbangan normal.", "id").len(), 2);
    assert_eq!(sents("The fern (P. aquilinum (Hook.) Kuhn) grows here. It spreads.", "en").len(), 2);
    assert_eq!(
        sents("We stayed home (the roads were shut. Snow fell all night.) and read.", "en"),
        ["We stayed home (the roads were shut.", "Snow fell all night.) and read."]
    );
}

#[test]
fn glued_numbers_titles_and_footnote_marks() {
    // A unit symbol after a number ends the sentence its stop closes; a
    // lone letter elsewhere abbreviates.
    assert_eq!(sents("Palung itu sedalam 1.600 m. Bayi hiu lahir di sana.", "id").len(), 2);
    assert_eq!(sents("The well is 40 m. Nobody has reached the bottom.", "en").len(), 2);
    assert_eq!(sents("Ia lahir di Medan (b. 1950) dan besar di sana.", "id").len(), 1);
    assert_eq!(sents("Jarak 5 m. (lihat peta) cukup dekat.", "id").len(), 1);
    assert_eq!(
        sents("We paid 2,500.That was too much. The shop was shut.Dr. Lee came later.", "en"),
        ["We paid 2,500.", "That was too much.", "The shop was shut.", "Dr. Lee came later."]
    );
    assert_eq!(
        sents("Pengunjung tercatat 15.870.Kemudian pasar tenang.", "id"),
        ["Pengunjung tercatat 15.870.", "Kemudian pasar tenang."]
    );
    assert_eq!(
        sents("The effect was reported in an early survey.4 5 Later studies found less. It was small (2001).2 Others agree.", "en"),
        ["The effect was reported in an early survey.4 5", "Later studies found less.", "It was small (2001).2", "Others agree."]
    );
    // Decimals and version numbers are not footnotes.
    assert_eq!(sents("The rate rose to 3.5 Percent points are small.", "en").len(), 1);
}

#[test]
fn list_numbers_after_a_colon_and_names_with_a_bang() {
    // (The rules; the learned model may still open a sentence at "1.".)
    let text = "I have a few problems: 1. I tested it and the lid leaks. Can you help?";
    let by_rules: Vec<&str> = crate::segment_rules(text, "en").iter().map(|s| s.slice(text)).collect();
    assert_eq!(by_rules, ["I have a few problems: 1. I tested it and the lid leaks.", "Can you help?"]);
    assert_eq!(
        sents("She moved to Yahoo! Research in 2005. Then she left.", "en"),
        ["She moved to Yahoo! Research in 2005.", "Then she left."]
    );
}

#[test]
fn other_scripts_and_titles_of_other_languages() {
    // Armenian typed with ":" for "։", Greek ";" as its question mark.
    assert_eq!(sents("Վաղը շոգ է: Մենք գնում ենք ծով:", "hy"), ["Վաղը շոգ է:", "Մենք գնում ենք ծով:"]);
    assert_eq!(sents("Πού είναι ο σταθμός; Θέλω να φύγω.", "el"), ["Πού είναι ο σταθμός;", "Θέλω να φύγω."]);
    // A colon in Latin script stays inside its sentence.
    assert_eq!(sents("Er sagte: Das Wetter ist gut.", "de"), ["Er sagte: Das Wetter ist gut."]);
    assert_eq!(sents("Saludamos a la Sra. Gómez en la plaza. Luego comimos.", "es"), ["Saludamos a la Sra. Gómez en la plaza.", "Luego comimos."]);
    assert_eq!(sents("Abbiamo visto il Dott. Rossi ieri.", "it"), ["Abbiamo visto il Dott. Rossi ieri."]);
}

#[test]
fn possessives_and_lone_symbols_are_not_model_candidates() {
    use crate::model::never_final;
    assert!(never_final("HBO's") && never_final("Banks’") && never_final("$") && never_final("&"));
    assert!(!never_final("is") && !never_final("PM") && !never_final("Thanks,"));
    let text = "Everyone talks about HBO's Game of Thrones these days.";
    assert_eq!(sents(text, "en"), [text]);
}

#[test]
fn degenerate_inputs() {
    assert!(segment("", "id").is_empty());
    assert!(segment(" \n\t \n", "id").is_empty());
    assert_eq!(sents("...", "id"), ["..."]);
    assert_eq!(sents("?!?!", "en"), ["?!?!"]);
    assert_eq!(sents(" . ", "en"), ["."]);
    // A long run without spaces stays one bounded-work sentence.
    let long = "a.".repeat(50_000);
    assert_eq!(segment(&long, "id").len(), 1);
}

// ------------------------------------------------------------ tokens

#[test]
fn tokens_keep_numbers_reduplication_and_abbreviations() {
    assert_eq!(
        toks("Barang-barang senilai Rp15.870 (dll.) dibeli."),
        ["Barang-barang", "senilai", "Rp15.870", "(", "dll.", ")", "dibeli", "."]
    );
    assert_eq!(toks("“Ya,” katanya."), ["“", "Ya", ",", "”", "katanya", "."]);
    assert_eq!(toks("Indeks 7.195,63 pada 19.30 WIB (20/11/2024)."), [
        "Indeks", "7.195,63", "pada", "19.30", "WIB", "(", "20/11/2024", ")", "."
    ]);
    assert_eq!(toks("Rumahnya di Jl. Mawar, kata B.J. Habibie."), [
        "Rumahnya", "di", "Jl.", "Mawar", ",", "kata", "B.J.", "Habibie", "."
    ]);
}

#[test]
fn tokens_keep_clitics_in_their_word() {
    assert_eq!(toks("Rumahnya kuambil, katanya; mobil-mobilnya baru."), [
        "Rumahnya", "kuambil", ",", "katanya", ";", "mobil-mobilnya", "baru", "."
    ]);
    assert_eq!(toks("Jum'at ini ia ke Ciamis."), ["Jum'at", "ini", "ia", "ke", "Ciamis", "."]);
}

#[test]
fn tokens_for_links_possessives_and_punctuation_runs() {
    let text = "Mail jane.doe@example.com or see <https://example.org/x?a=1>... Jane's dog didn't bark!!";
    let s = segment(text, "en");
    let t: Vec<&str> = tokenize(text, &s).iter().map(|t| t.slice(text)).collect();
    assert_eq!(
        t,
        [
            "Mail", "jane.doe@example.com", "or", "see", "<", "https://example.org/x?a=1", ">", ".", ".", ".", "Jane",
            "'s", "dog", "didn't", "bark", "!!"
        ]
    );
}

#[test]
fn tokens_never_cross_sentences_and_skip_bad_spans() {
    let text = "Satu dua.Tiga empat.";
    let sentences = [Span::new(0, 9), Span::new(9, 20)];
    let t = tokenize(text, &sentences);
    for tok in &t {
        assert!(sentences.iter().any(|s| s.contains(*tok)), "{tok:?}");
    }
    assert_eq!(t[2].slice(text), ".");
    // Out-of-range and inverted spans are ignored, not a panic.
    assert!(tokenize("abc", &[Span { start: 2, end: 1 }, Span::new(1, 99)]).is_empty());
    assert!(tokenize("é", &[Span::new(1, 2)]).is_empty());
}

// ------------------------------------------------------------ repair

#[test]
fn repair_after_function_words_and_before_lowercase_words() {
    let text = "Presiden membahas kerja sama dengan. Perdana Menteri Jepang di Tokyo. \
                Ia tiba di sana. menambahkan bahwa kunjungan itu penting.\n\
                Perang di. Ukraina terus berlanjut, kata juru bicara yang menyebut “gencatan senjata”. tujuan utama.";
    let found: Vec<(usize, SpuriousKind)> = find_spurious_stops(text, "id").iter().map(|s| (s.at, s.kind)).collect();
    let at = |needle: &str| text.find(needle).unwrap() + needle.len() - 1;
    assert_eq!(
        found,
        [
            (at("dengan."), SpuriousKind::AfterFunctionWord),
            (at("sana."), SpuriousKind::BeforeLowercase),
            (at("Perang di."), SpuriousKind::AfterFunctionWord),
            (at("senjata”."), SpuriousKind::BeforeLowercase),
        ]
    );
}

#[test]
fn repair_before_a_lowercase_clause_continuation_needs_no_other_evidence() {
    let text = "Warga meminta pompa tambahan di kawasan utara. yang selama ini langganan banjir. \
                Tanggul jebol sepanjang 15 meter. akibat derasnya arus sungai.";
    let found: Vec<(usize, SpuriousKind)> = find_spurious_stops(text, "id").iter().map(|s| (s.at, s.kind)).collect();
    let at = |needle: &str| text.find(needle).unwrap() + needle.len() - 1;
    assert_eq!(
        found,
        [(at("utara."), SpuriousKind::BeforeContinuation), (at("meter."), SpuriousKind::BeforeContinuation)]
    );
    let en = "Officials discussed the future. of the city centre on Monday. The mayor agreed.";
    assert_eq!(find_spurious_stops(en, "en").len(), 1);
    // A number or an abbreviation before the stop is not evidence.
    assert!(find_spurious_stops("Jumlahnya 15. yang lain menunggu.", "id").is_empty());
}

#[test]
fn repair_leaves_genuine_sentence_ends_alone() {
    for text in [
        "Ia tinggal di sana. Namun keluarganya pindah.",
        "Harga naik lagi. kemudian turun.",
        "Tim itu bermain di dalam. Penonton bersorak.",
        "Mereka ikut serta. Acara dimulai.",
        "Rapat dipimpin Dr. Andi dan dr. Budi. Semua hadir.",
        "Harga 7.195,63. Itu rekor baru.",
        "Situs itu detik.com menulisnya.",
        "Ia datang pukul 19.30 WIB. Semua menunggu.",
    ] {
        assert!(find_spurious_stops(text, "id").is_empty(), "{text}");
    }
    // A lowercase start alone is a writer's typo, not evidence of a scraper.
    assert!(find_spurious_stops("Banjir surut kemarin. warga kembali ke rumah.", "id").is_empty());
    let noisy = "Banjir surut kemarin. warga kembali ke rumah dengan. Bantuan dari pemerintah.";
    assert_eq!(find_spurious_stops(noisy, "id").len(), 2);
    // English informal writing keeps its lowercase starts.
    assert!(find_spurious_stops("i went out. then we ate.\nok see you", "en").is_empty());
    // Languages without lists are not repaired.
    assert!(find_spurious_stops("Der Mann mit. Dem Hut", "de").is_empty());
}

#[test]
fn stage_repairs_spurious_stops_and_records_them() {
    let text = "Menteri itu membahas kerja sama dengan. Perdana Menteri Jepang di Tokyo. \
                Ia tiba di sana. menambahkan bahwa kunjungan itu penting.";
    let a = staged(text, "id");
    assert_eq!(a.repairs.len(), 2);
    assert!(a.repairs.iter().all(|r| r.stage == "segment" && r.kind == "spurious_full_stop"));
    assert!(a.repairs[0].before.contains("dengan. Perdana"));
    assert!(a.repairs[0].after.contains("dengan Perdana"));
    assert_eq!(a.edits.get("spurious_full_stop"), Some(&2));
    assert!(a.text.contains("kerja sama dengan Perdana Menteri"));
    assert!(a.text.contains("di sana menambahkan"));
    assert_eq!(a.sentences.len(), 2);
    check_article(&a);
}

#[test]
fn stage_respects_config_and_language() {
    let text = "Kerja sama dengan. Perdana Menteri.";
    let mut a = Article::new("t", text);
    a.lang = Some("id".into());
    let cfg = SegmentConfig { repair_boundaries: false, tokens: false, ..SegmentConfig::default() };
    Segmenter::new(cfg).process(&mut a).unwrap();
    assert_eq!(a.text, text);
    assert!(a.repairs.is_empty() && a.tokens.is_empty());
    assert_eq!(a.sentences.len(), 2);
    // Unknown language: generic rules, no repair.
    let b = staged(text, "xx");
    assert_eq!(b.text, text);
    let none = {
        let mut c = Article::new("t", text);
        Segmenter::new(SegmentConfig::default()).process(&mut c).unwrap();
        c
    };
    assert_eq!(none.text, text);
}

#[test]
fn config_deserialises_from_a_partial_manifest() {
    let cfg: SegmentConfig = serde_json::from_str(r#"{"repair_boundaries": false}"#).unwrap();
    assert!(!cfg.repair_boundaries);
    assert!(cfg.tokens);
    assert_eq!(cfg, SegmentConfig { repair_boundaries: false, ..SegmentConfig::default() });
}

// ------------------------------------------------------------ properties

/// The invariants every stage relies on.
fn check_spans(text: &str, sentences: &[Span], tokens: &[Span]) {
    let mut last = 0;
    for s in sentences {
        assert!(s.start < s.end && s.end <= text.len(), "{s:?}");
        assert!(s.start >= last, "sentences sorted and disjoint");
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        let t = s.slice(text);
        assert_eq!(t, t.trim(), "sentences are trimmed");
        last = s.end;
    }
    let mut last = 0;
    for t in tokens {
        assert!(t.start < t.end && t.start >= last, "tokens sorted, disjoint, non-empty");
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        assert!(sentences.iter().any(|s| s.contains(*t)), "token {t:?} inside a sentence");
        assert!(!t.slice(text).chars().any(char::is_whitespace), "no whitespace in tokens");
        last = t.end;
    }
}

fn check_article(a: &Article) {
    check_spans(&a.text, &a.sentences, &a.tokens);
}

/// Text that mixes the characters the rules look at.
fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        ".", ". ", "? ", "! ", "...", "…", " . . . ", "\n", "\r\n", "“", "”", "\"", "'", "(", ")", "[", "]", "[1] ",
        "dengan", " di", " Dr", " Jl", " U.S", " a.m", " B.J", "1", "2.) ", "a) ", "• ", "7.195,63", ":)", " x@y.co",
        "http://a.b/c", "www.", " ", "\t", "\u{a0}", "\u{2028}", "。", "।", "Namun", " the", " i", "é", "👍", "\u{200d}",
        "-", "’s", "'s", "barang-barang", "Tbk", " ", "A", "z",
        // Words the learned model scores: names after content words, mail headers.
        " Rusia", " tinggi", " Texas", " of", " AM", " 03/14/2019", "Thanks,", " İstanbul", " ÉTÉ", " b.)",
        // Session 3 rules: detached closers, footnotes, colons of other scripts.
        " )", ".1 ", ":", ";", "Վ", "Α", "1,000", "Mr", "P.S", "Yahoo!", "HBO's", " $",
        // Session 4 gaps decided without scoring: links, attachments, typed rules.
        " https://x.org/a_very_long_path/that/runs/past/the/sixty/four/byte/word/window.html",
        " http://", " ww", " ht", " a.pdf", " - ", " ====", "*****", " ~~~~ ", "#", "-----", " ____ ", "ß",
        // Session 12: mail header stamps, senders, greetings, emoticons, garbled spaces.
        " 08/16/2000", " 03:14", ":14", " PM", "PM", " 1/2/01 9:05 AM", " Kay Mann@ENRON 08/16/2000 03:14:14 PM", " Kay", " Mann@ENRON", " <k@x.com>", " on", " Sent by:", " -",
        "-", " and", " St", " T", "Thanks, ", " Sean", " Here", " =)", " ^_^", " >:(", " x.x", ":?", ",?", "WOW!", "\".",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    // 600 cases by default; PROPTEST_CASES raises it for a longer fuzzing run.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(600)
    ))]

    #[test]
    fn spans_are_valid_on_arbitrary_unicode(text in any::<String>(), lang in prop::sample::select(vec!["id", "en", "zh", "unknown"])) {
        let s = segment(&text, lang);
        let t = tokenize(&text, &s);
        check_spans(&text, &s, &t);
        check_article(&staged(&text, lang));
    }

    #[test]
    fn spans_are_valid_on_tricky_text(text in tricky_text(), lang in prop::sample::select(vec!["id", "en", "xx"])) {
        let s = segment(&text, lang);
        let t = tokenize(&text, &s);
        check_spans(&text, &s, &t);
        // Every non-space character is inside some sentence.
        for (i, c) in text.char_indices() {
            if !c.is_whitespace() {
                prop_assert!(s.iter().any(|sp| sp.start <= i && i < sp.end), "char {c:?} at {i} dropped");
            }
        }
        let a = staged(&text, lang);
        check_article(&a);
        // Repair only ever removes full stops, each recorded (and may give
        // the word after one its lower case back).
        let removed = text.len() - a.text.len();
        prop_assert_eq!(removed as u64, a.edits.get("spurious_full_stop").copied().unwrap_or(0));
        prop_assert_eq!(a.repairs.len(), removed);
        prop_assert_eq!(text.replace('.', "").to_ascii_lowercase(), a.text.replace('.', "").to_ascii_lowercase());
    }

    #[test]
    fn segmentation_is_deterministic(text in tricky_text()) {
        prop_assert_eq!(segment(&text, "id"), segment(&text, "id"));
    }
}

// ---------------------------------------------------------------- learned model

#[test]
fn embedded_models_load_and_round_trip() {
    use crate::model::{BoundaryModel, StoredModel};
    let en = crate::model::embedded(crate::lang::Lang::English).expect("English model");
    assert!(en.repair_enabled);
    assert!(crate::model::embedded_segmenter(crate::lang::Lang::English).is_some());
    assert!(crate::model::embedded_segmenter(crate::lang::Lang::Indonesian).is_none());
    // Indonesian: a repair model only (trained on scraped news; no
    // segmentation model, model/PROVENANCE.md).
    let id = crate::model::embedded(crate::lang::Lang::Indonesian).expect("Indonesian model");
    assert!(id.repair_enabled);
    assert!(crate::model::embedded(crate::lang::Lang::Generic).is_none());
    // Empty or foreign bytes are no model; an encoded model decodes to itself.
    assert!(BoundaryModel::decode(&[]).is_none());
    assert!(BoundaryModel::decode(b"not a model").is_none());
    let m = StoredModel {
        version: crate::model::MODEL_VERSION,
        lang: "xx".into(),
        segment_threshold: 1.5,
        repair_threshold: 2.5,
        weights: vec![(3, 0.25), (70, -1.0)],
        ..StoredModel::default()
    };
    let back = BoundaryModel::decode(&BoundaryModel::encode(&m)).expect("decodes");
    assert_eq!(back.weights, m.weights);
    assert_eq!(back.lang, "xx");
    let dense = BoundaryModel::from_stored(&back);
    assert_eq!(dense.table[70], -1.0);
    assert_eq!(dense.repair_threshold_lowercase, 2.5);
    // Format version 3: a threshold of its own for the stops before a lowercase word.
    let split = StoredModel { repair_threshold_lowercase: Some(-1.25), ..m.clone() };
    let back = BoundaryModel::decode(&BoundaryModel::encode(&split)).expect("decodes");
    assert_eq!(back.version, crate::model::MODEL_VERSION_SPLIT);
    assert_eq!(back.repair_threshold_lowercase, Some(-1.25));
    assert_eq!(back.weights, m.weights);
    let dense = BoundaryModel::from_stored(&back);
    assert_eq!((dense.repair_threshold, dense.repair_threshold_lowercase), (2.5, -1.25));
    // The Indonesian model has one, and a cohesion table to read.
    assert!(id.repair_threshold_lowercase < id.repair_threshold);
    assert!(crate::cohesion::embedded(crate::lang::Lang::Indonesian).is_some_and(|c| c.len() > 1000));
    assert!(crate::cohesion::embedded(crate::lang::Lang::English).is_none());
}

#[test]
fn learned_model_splits_an_unpunctuated_mail_header() {
    // (A header with a date and time is the rules' since session 12.)
    let text = "Rina Hartono Finance Department Please send me the revised draft before noon.";
    assert_eq!(crate::segment_rules(text, "en").len(), 1);
    let got = sents(text, "en");
    assert!(got.len() >= 2, "{got:?}");
    assert_eq!(got.last().copied(), Some("Please send me the revised draft before noon."));
    // Spans stay sorted, trimmed and disjoint.
    let spans = segment(text, "en");
    for w in spans.windows(2) {
        assert!(w[0].end < w[1].start);
    }
}

#[test]
fn learned_model_leaves_names_and_plain_news_alone() {
    for text in [
        "Prime Minister Anwar Ibrahim met President Joko Widodo in Jakarta on Monday.",
        "The Bank of England raised rates. Markets fell in London and New York.",
        "Shopping list: Apples Bread Milk",
    ] {
        assert_eq!(segment(text, "en"), crate::segment_rules(text, "en"), "{text}");
    }
    // Indonesian has no segmentation model: the rules decide alone.
    let id = "Presiden Joko Widodo meresmikan Bendungan Karian di Lebak. Warga menyambutnya.";
    assert_eq!(segment(id, "id"), crate::segment_rules(id, "id"));
}

#[test]
fn learned_repair_takes_a_stop_the_rules_leave() {
    let text = "The committee met with the. Governor on Friday in. Austin and talked about the budget. Officials said the talks went well.";
    let with: Vec<SpuriousKind> = find_spurious_stops(text, "en").iter().map(|s| s.kind).collect();
    let rules: Vec<SpuriousKind> = crate::find_spurious_stops_with(text, "en", false).iter().map(|s| s.kind).collect();
    assert_eq!(rules, [SpuriousKind::AfterFunctionWord]);
    assert_eq!(with, [SpuriousKind::AfterFunctionWord, SpuriousKind::Learned]);
    // The stop after "budget" is a real sentence end and stays.
    let at_end = text.find("budget.").unwrap() + 6;
    assert!(find_spurious_stops(text, "en").iter().all(|s| s.at != at_end));
}

#[test]
fn learned_repair_leaves_clean_lowercase_starts_alone() {
    // No stop that no writer makes: a lowercase start is the writer's own.
    assert!(find_spurious_stops("Harga cabai naik tajam. warga mengeluh di pasar.", "id").is_empty());
    assert!(find_spurious_stops("I went home early. then I slept for hours.", "en").is_empty());
}

#[test]
fn stage_without_the_model_runs_the_rules_alone() {
    let text = "Rina Hartono 03/14/2019 09:12 AM Please send me the revised draft before noon.";
    let mut a = warta_core::Article::new("m", text);
    a.lang = Some("en".into());
    let cfg = SegmentConfig { learned_model: false, ..SegmentConfig::default() };
    warta_core::ArticleStage::process(&Segmenter::new(cfg), &mut a).unwrap();
    assert_eq!(a.sentences, crate::segment_rules(text, "en"));
    let mut b = warta_core::Article::new("m", text);
    b.lang = Some("en".into());
    warta_core::ArticleStage::process(&Segmenter::default(), &mut b).unwrap();
    assert_eq!(b.sentences, segment(text, "en"));
}


#[test]
fn learned_repair_id_ranks_inserted_capitalised_stops_above_sentence_ends() {
    // A spun text (the stop after "dengan" is one no writer makes) with stops
    // inserted after a content word before a capitalised word, among real
    // sentence ends. The hard kind is repaired only above a high threshold,
    // so the test checks the model's ordering: the inserted stops before a
    // known name ("kontraktor. Jepang", "tinggi. Amerika") score above every
    // real end, and of the 15 (inserted, real) pairs at most one is out of
    // order. (Since the model also trains on the NER sentences, session 6,
    // "baru. Karian", an unknown name after a word that also ends sentences,
    // scores below "air. Presiden" at every seed, though both stay far
    // under the threshold; IndoSum's capitalised recall rose .510 -> .529.)
    let text = "Menteri Luar Negeri bertemu dengan. Duta Besar Jepang di kantornya pada Senin pagi. \
        Proyek jalan tol itu dikerjakan oleh kontraktor. Jepang sejak awal tahun lalu. \
        Sawah warga kini sudah teraliri air. Presiden meresmikan bendungan baru. Karian di Kabupaten Lebak \
        pada hari Kamis. Kunjungan pejabat tinggi. Amerika Serikat ke Jakarta membahas investasi. \
        Para nelayan menjual ikan kepada pembeli asing di pelabuhan. Harga komoditas diperkirakan tetap stabil.";
    let model = crate::model::embedded(crate::lang::Lang::Indonesian).expect("Indonesian model");
    let at_of = |k: &str| text.find(k).unwrap() + k.find('.').unwrap();
    let inserted: Vec<usize> = ["kontraktor. Jepang", "baru. Karian", "tinggi. Amerika"].iter().map(|k| at_of(k)).collect();
    let names = [at_of("kontraktor. Jepang"), at_of("tinggi. Amerika")];
    let (mut inserted_scores, mut real_scores, mut name_scores) = (Vec::new(), Vec::new(), Vec::new());
    crate::learned_repair_candidates(text, "id", |at, feats, gated| {
        assert!(gated, "the stop after \"dengan\" is sure");
        let score = model.score(feats);
        if names.contains(&at) {
            name_scores.push(score);
        }
        if inserted.contains(&at) {
            inserted_scores.push(score);
        } else {
            real_scores.push(score);
        }
    });
    assert_eq!(inserted_scores.len() + real_scores.len(), 8, "every stop before a capital after a plain word is a candidate");
    let highest_real = real_scores.iter().copied().fold(f32::MIN, f32::max);
    assert!(name_scores.len() == 2 && name_scores.iter().all(|&s| s > highest_real + 1.0), "{name_scores:?} vs real {real_scores:?}");
    let out_of_order = inserted_scores.iter().map(|&i| real_scores.iter().filter(|&&r| r >= i).count()).sum::<usize>();
    assert!(out_of_order <= 1, "inserted {inserted_scores:?} vs real {real_scores:?}");
    // The rules repair the sure stop; no real sentence end is removed.
    let stops = find_spurious_stops(text, "id");
    assert!(stops.iter().any(|s| s.kind == SpuriousKind::AfterFunctionWord));
    assert!(stops.iter().all(|s| s.kind != SpuriousKind::Learned || inserted.contains(&s.at)));
}

#[test]
fn learned_repair_id_gate_is_local_to_the_sure_stops() {
    // A long text whose only sure spurious stop ("dengan.") is at its start:
    // a stop before a capitalised word near it is judged, one far away
    // (beyond the gate window of clean sentences) is not, and the far one's
    // text is left as it is.
    let near = "Menteri Luar Negeri bertemu dengan. Duta Besar Jepang di kantornya. Kunjungan pejabat tinggi. Amerika Serikat ke Jakarta.";
    let filler = "Warga mengungsi ke masjid terdekat pada malam hari. ".repeat(crate::repair::GATE_WINDOW / 20);
    let far = "Kunjungan pejabat tinggi. Amerika Serikat ke Jakarta membahas investasi.";
    let text = format!("{near} {filler}{far}");
    let near_stop = text.find("tinggi. Amerika").unwrap() + 6;
    let far_stop = text.rfind("tinggi. Amerika").unwrap() + 6;
    assert!(far_stop - near_stop > crate::repair::GATE_WINDOW);
    let mut judged = Vec::new();
    crate::learned_repair_candidates(&text, "id", |at, _, gated| {
        if gated {
            judged.push(at);
        }
    });
    assert!(judged.contains(&near_stop), "{judged:?}");
    let sure_stop = text.find("dengan.").unwrap() + 6;
    assert!(!judged.contains(&far_stop) && judged.iter().all(|&at| at <= sure_stop + crate::repair::GATE_WINDOW), "{judged:?}");
    assert!(find_spurious_stops(&text, "id").iter().all(|s| s.at < far_stop));
    // The same two sentences in a short text: both are judged.
    let short = format!("{near} {far}");
    let mut seen = 0;
    crate::learned_repair_candidates(&short, "id", |at, _, gated| seen += (gated && short[at..].starts_with(". Amerika")) as usize);
    assert_eq!(seen, 2);
}

#[test]
fn learned_repair_id_keeps_clean_sentence_ends() {
    // Clean text: no sure spurious stop, so no stop before a capital is judged.
    let text = "Banjir merendam ratusan rumah di Bekasi. Warga mengungsi ke masjid terdekat. \
        Petugas membagikan makanan dan selimut. Hujan diperkirakan turun hingga Jumat.";
    assert!(find_spurious_stops(text, "id").is_empty());
    assert_eq!(segment(text, "id").len(), 4);
}

#[test]
fn a_list_of_links_ends_a_sentence_after_each_link() {
    let text = "More reading http://www.example.org/a.html http://example.net/b/c.htm www.example.com/d";
    let got = sents(text, "en");
    assert!(got.len() >= 3, "{got:?}");
    assert_eq!(&got[got.len() - 2..], ["http://example.net/b/c.htm", "www.example.com/d"]);
    assert!(got[got.len() - 3].ends_with("http://www.example.org/a.html"), "{got:?}");
    // Without a second link the gap is the model's to score, and a link
    // inside prose stays in its sentence.
    // Links longer than the model's word window are still links.
    let long = "http://www.example.net/news/image/2005.09/20050920111900_21big_picture.html";
    assert!(long.len() > 64);
    let text = format!("{long} {long} {long}");
    assert_eq!(sents(&text, "en"), [long, long, long]);
    // A link after a sentence end, also behind a quote or an ellipsis; not
    // after a number (references: "April 16, 2017. https://…").
    let text = "They said it was \"the end.\" http://www.example.org/a.html Then they left.";
    assert_eq!(sents(text, "en")[..2], ["They said it was \"the end.\"", "http://www.example.org/a.html"]);
    let text = "I waited... http://www.example.org/a.html";
    assert_eq!(sents(text, "en"), ["I waited...", "http://www.example.org/a.html"]);
    let text = "New York Times. April 16, 2017. https://www.example.com/2017/04/16/a.html";
    assert!(sents(text, "en").last().is_some_and(|s| s.ends_with("2017. https://www.example.com/2017/04/16/a.html")));
    let prose = "The report at http://www.example.org/a.html says the dam is safe.";
    assert_eq!(sents(prose, "en"), [prose]);
    assert!(crate::model::is_link("rina@example.co.id") && crate::model::is_link("https://x.org"));
    assert!(!crate::model::is_link("@home") && !crate::model::is_link("http"));
}

#[test]
fn the_eight_byte_gap_scan_finds_what_a_byte_scan_finds() {
    // Every byte class the scan tells apart, at every alignment (texts of up
    // to 40 pieces: the sixteen-byte rounds, the eight-byte ones after them
    // and the byte scan of the last bytes).
    let alphabet: &[&str] = &[" ", "\t", "\n", "a", "h", "t", "w", "z", "A", "Z", "7", ".", "{", "`", "é", "É", "“", "ht", "ww", "http://", "www."];
    let naive = |b: &[u8], from: usize| {
        (from..b.len().saturating_sub(1)).find(|&i| {
            let lower = b[i + 1].is_ascii_lowercase();
            let link = b[i + 1..].starts_with(b"ht") || b[i + 1..].starts_with(b"ww");
            (b[i] == b' ' || b[i] == b'\t') && (!lower || link)
        })
    };
    let mut next = xorshift(0x2545_f491_4f6c_dd1d);
    let (mut found, mut total) = (0, 0);
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..next() % 40 {
            text.push_str(alphabet[(next() % alphabet.len() as u64) as usize]);
        }
        let b = text.as_bytes();
        for from in 0..=b.len() {
            let got = crate::model::next_gap(b, from);
            assert_eq!(got, naive(b, from), "{text:?} from {from}");
            found += got.is_some() as usize;
            total += 1;
        }
    }
    // The texts exercise both answers.
    assert!(found > total / 10 && found < total * 9 / 10, "{found} of {total}");
}

#[test]
fn a_list_of_attachments_ends_a_sentence_after_each_file() {
    let text = "Here are the charts. - Crude.pdf - Heating Oil.xls - notes.DOC";
    let got = sents(text, "en");
    assert_eq!(got, ["Here are the charts.", "- Crude.pdf", "- Heating Oil.xls", "- notes.DOC"]);
    // Not a file name, not a detached dash: the model's to score, and plain
    // prose stays whole.
    let prose = "The file report.pdf - which I sent - is attached.";
    assert!(sents(prose, "en").len() <= 2);
    assert!(sents(prose, "en")[0].contains("report.pdf - which"), "{:?}", sents(prose, "en"));
}

#[test]
fn a_typed_rule_before_a_capital_ends_a_sentence() {
    let text = "See you at the meeting ---------- Original Message From: Rina";
    let got = sents(text, "en");
    // Before the rule (after a plain lowercase word) and after it.
    assert_eq!(got[0], "See you at the meeting", "{got:?}");
    assert!(got.contains(&"----------"), "{got:?}");
    assert!(got.iter().any(|s| s.starts_with("Original")), "{got:?}");
    // Form blanks and mixed banners are not rules.
    assert!(!crate::model::is_rule_line("__________") && !crate::model::is_rule_line("----==") && !crate::model::is_rule_line("---"));
    assert!(crate::model::is_rule_line("****") && crate::model::is_rule_line("=========="));
}

#[test]
fn number_abbreviations_that_are_words_end_sentences_before_words() {
    // "hal." is the page abbreviation only before a number; otherwise "hal" (thing).
    assert_eq!(
        sents("Ia mendiskusikan berbagai hal. Dua tahun kemudian ia pindah.", "id"),
        ["Ia mendiskusikan berbagai hal.", "Dua tahun kemudian ia pindah."]
    );
    assert_eq!(sents("Rinciannya ada di buku itu hal. 45 dan seterusnya.", "id"), ["Rinciannya ada di buku itu hal. 45 dan seterusnya."]);
    assert_eq!(sents("Hell no. Thats a fine name for a cat.", "en"), ["Hell no.", "Thats a fine name for a cat."]);
    assert_eq!(sents("They met at No. 10 Downing Street.", "en"), ["They met at No. 10 Downing Street."]);
    assert_eq!(sents("Read Art. II of the treaty first.", "en"), ["Read Art. II of the treaty first."]);
    assert_eq!(
        sents("She loved modern art. Paintings filled her flat.", "en"),
        ["She loved modern art.", "Paintings filled her flat."]
    );
}

#[test]
fn learned_repair_leaves_stops_after_final_words_and_before_interjections() {
    use crate::lang::{Lang, LangRules};
    let en = LangRules::get(Lang::English);
    let at = |text: &str, pat: &str| text.find(pat).unwrap() + pat.len() - 1;
    let said = "Betty said. Santa had gone.";
    assert!(crate::repair::writer_ends_here(said, at(said, "said."), en));
    let mhm = "I really do believe that. Mhm. In his thinking.";
    assert!(crate::repair::writer_ends_here(mhm, at(mhm, "that."), en));
    // A complementiser "that" before a name is left to the model.
    let that = "Officials said that. Zawahiri had the strain.";
    assert!(!crate::repair::writer_ends_here(that, at(that, "that."), en));
    // Before a lowercase word the guard does not apply.
    let lower = "We went there. and then home.";
    assert!(!crate::repair::writer_ends_here(lower, at(lower, "there."), en));
    // Indonesian has no such lists.
    let id = "Dia berkata itu. Yeah benar.";
    assert!(!crate::repair::writer_ends_here(id, at(id, "itu."), LangRules::get(Lang::Indonesian)));
    // In a text with a sure spurious stop, the stop before the interjection stays.
    let text = "The talks went on with the. Governor late into the night. I really do believe that. Mhm. We agree.";
    assert!(find_spurious_stops(text, "en").iter().all(|s| s.at != at(text, "that.")));
}

#[test]
fn an_interjection_and_a_function_word_end_their_own_sentence() {
    let stops_in = |text: &str| find_spurious_stops(text, "en").len();
    assert_eq!(stops_in("Oh my. Can I grow tomatoes on a balcony?"), 0);
    assert_eq!(stops_in("We looked at the plants and oh my. They were huge."), 0);
    // Without the interjection the stop after "my" is still repaired.
    assert_eq!(stops_in("She sold the car to my. Neighbour across the street."), 1);
}

// ------------------------------------------------------------ session 7 (helper 2)

#[test]
fn repair_after_a_stranded_preposition_before_a_lowercase_word() {
    let text = "Officials voiced concern about the health of. the economy on Friday. \
                The firm moved to. cut its costs. Prices fell in. March, analysts said.";
    let found: Vec<(usize, SpuriousKind)> = find_spurious_stops(text, "en").iter().map(|s| (s.at, s.kind)).collect();
    let at = |needle: &str| text.find(needle).unwrap() + needle.len() - 1;
    assert!(found.contains(&(at("health of."), SpuriousKind::AfterPreposition)), "{found:?}");
    assert!(found.contains(&(at("moved to."), SpuriousKind::AfterPreposition)), "{found:?}");
    // Before a month: no sentence opens with a date after a stranded preposition.
    assert!(found.contains(&(at("fell in."), SpuriousKind::AfterPreposition)), "{found:?}");
    // Before another capital it may well end one.
    assert!(find_spurious_stops("He went on. Mary stayed home.", "en").is_empty());
    // Auxiliaries and subject pronouns end only elliptic clauses, before a capital.
    let aux = "Analysts said the bank could. be forced to raise rates, and they. should know. So did we. Nobody asked.";
    let found: Vec<usize> = find_spurious_stops(aux, "en").iter().map(|s| s.at).collect();
    let at = |needle: &str| aux.find(needle).unwrap() + needle.len() - 1;
    assert_eq!(found, [at("could."), at("they.")]);
    let id = "Lukisan itu dibuat oleh seorang. pelukis muda yang sudah. lama tinggal di Bali. \"Nggak bisa. Jadi sabar saja,\" katanya.";
    let found: Vec<usize> = find_spurious_stops(id, "id").iter().map(|s| s.at).collect();
    let at = |needle: &str| id.find(needle).unwrap() + needle.len() - 1;
    assert_eq!(found, [at("seorang."), at("sudah.")]);
    // A stranded preposition that ends a sentence keeps its stop.
    for clean in [
        "That is the town we came from. Nobody stays there long.",
        "It was the deal they had hoped for. Shares rose.",
        "Nobody knew what he was looking at. Then he left.",
    ] {
        assert!(find_spurious_stops(clean, "en").is_empty(), "{clean}");
    }
    // Informal writing that opens sentences with a lowercase "and" keeps them.
    assert!(find_spurious_stops("You can order it off of. and a good reason to try.", "en").is_empty());
}

#[test]
fn two_lowercase_starts_after_stops_vouch_for_each_other() {
    // No sure spurious stop: each lowercase start alone could be a slip.
    let one = "Gubernur itu menilai warga banyak. menyakiti petugas di lapangan. Polisi kemudian datang ke lokasi \
               dan meminta semua pihak menahan diri sampai situasi kembali tenang seperti semula.";
    assert!(find_spurious_stops(one, "id").is_empty());
    // Two of them, apart, before different words: a spinner's.
    let two = format!("{one} Para pedagang di pasar itu. mengaku rugi besar karena kios mereka tutup selama seminggu.");
    let found: Vec<SpuriousKind> = find_spurious_stops(&two, "id").iter().map(|s| s.kind).collect();
    assert_eq!(found.iter().filter(|k| **k == SpuriousKind::BeforeLowercase).count(), 2, "{found:?}");
    // A writer who opens sentences in lowercase ("it", "namun") keeps every stop.
    let informal = "The pizza came late. not sure why it took so long that night. it was cold and the crust was \
                    burnt in places. we asked for a refund and they said no. really bad service overall.";
    assert!(find_spurious_stops(informal, "en").is_empty());
    // A spaced-out link is not two lowercase starts.
    let link = "Lihat situs www. contoh. org untuk rinciannya. Semua data ada di sana.";
    assert!(find_spurious_stops(link, "id").is_empty());
}

#[test]
fn curly_apostrophes_tokenize_like_straight_ones() {
    for (straight, curly) in [
        ("France Telecom's debt rose.", "France Telecom’s debt rose."),
        ("It isn't clear whether the firms' plans work.", "It isn’t clear whether the firms’ plans work."),
        ("BAKER'S shop; we'll see; they're here.", "BAKER’S shop; we’ll see; they’re here."),
    ] {
        let a = toks(straight);
        let b: Vec<String> = toks(curly).iter().map(|t| t.replace('’', "'")).collect();
        assert_eq!(a, b, "{curly}");
    }
    assert_eq!(toks("France Telecom’s debt.")[..3], ["France", "Telecom", "’s"]);
}

#[test]
fn repair_before_a_capitalised_word_that_continues_the_sentence() {
    let text = "Consumer prices in the region had. Been rising for months, and the new tariffs. Were due in March. \
                Analysts expected a rise. Of about 2% in the coming year.";
    let found: Vec<(usize, SpuriousKind)> = find_spurious_stops(text, "en").iter().map(|s| (s.at, s.kind)).collect();
    let at = |needle: &str| text.find(needle).unwrap() + needle.len() - 1;
    for stop in ["had.", "tariffs.", "rise."] {
        assert!(found.contains(&(at(stop), SpuriousKind::BeforeCapitalisedContinuation)), "{stop} {found:?}");
    }
    // Sentences that do open so: questions (also cut again by a spinner),
    // "Of course", "Of the X, Y …", and informal text that drops subjects.
    for clean in [
        "The system did not show any other changes. Were there any? Carol",
        "The system did not show any other changes. Were there. any? Carol",
        "Has anyone seen the report. Bob Cratchit asked for it? Nobody knew.",
        "He left the bench for not obeying state law. Of course the police took their time.",
        "The survey asked two thousand firms. Of the companies surveyed, 30% saw orders rise.",
        "we went there last week\nthe food was fine\ni liked the staff. Was great, really.",
    ] {
        let kinds: Vec<SpuriousKind> = find_spurious_stops(clean, "en").iter().map(|s| s.kind).collect();
        assert!(!kinds.contains(&SpuriousKind::BeforeCapitalisedContinuation), "{clean}: {kinds:?}");
    }
    // English only.
    assert!(find_spurious_stops("Harga naik. Were tidak tahu.", "id").is_empty());
}

#[test]
fn stage_gives_a_word_capitalised_by_a_spinner_its_lower_case_back() {
    let text = "Consumer prices in the region had. Been rising for months. Officials said they. Were watching.";
    let a = staged(text, "en");
    assert_eq!(a.text, "Consumer prices in the region had been rising for months. Officials said they were watching.");
    assert_eq!(a.repairs.len(), 2);
    assert!(a.repairs[0].before.contains("had. Been"), "{:?}", a.repairs[0]);
    assert!(a.repairs[0].after.contains("had been"), "{:?}", a.repairs[0]);
    assert_eq!(a.sentences.len(), 2);
    check_article(&a);
    // A stop after a function word before a name keeps the name's capital.
    let b = staged("The deal was approved by the. Microsoft board in Seattle last week.", "en");
    assert_eq!(b.text, "The deal was approved by the Microsoft board in Seattle last week.");
}

#[test]
fn english_stops_before_names_are_repaired_in_pairs_far_from_a_sure_stop() {
    // A spinner's stops before names, no sure spurious stop anywhere: one side
    // of each has no verb.
    let noisy = "The talks were held in Kabul and the troops will stay until the vote, with the former. Northern Alliance. \
                 Most of the fighting within the mountains between. Afghanistan and Pakistan ended last year.";
    let found = find_spurious_stops(noisy, "en");
    let at = |needle: &str| noisy.find(needle).unwrap() + needle.len() - 1;
    let learned: Vec<usize> = found.iter().filter(|s| s.kind == SpuriousKind::Learned).map(|s| s.at).collect();
    assert_eq!(learned, [at("the former."), at("between.")], "{found:?}");
    // Alone, one such stop is the writer's, after a word that ends sentences ...
    let lone = "The talks were held in Kabul and the troops will stay until the vote, with the rebels. Northern Alliance.";
    assert!(find_spurious_stops(lone, "en").is_empty());
    // ... but not after one that the counted news never ends a sentence with
    // (session 14: "former" runs on).
    let lone = "The talks were held in Kabul and the troops will stay until the vote, with the former. Northern Alliance.";
    assert_eq!(find_spurious_stops(lone, "en").iter().map(|s| s.at).collect::<Vec<_>>(), [lone.find("former.").unwrap() + 6]);
    // Conversation and captions are left alone.
    let talk = "Take a bath in. Anything wet like soda or milk. Liquid? You're not gonna like it? Okay.";
    assert!(find_spurious_stops(talk, "en").is_empty());
}

/// Indonesian stops before a capitalised word far from any sure spurious
/// stop (session 9): two with a side that holds no predicate are repaired
/// as a pair; the clean text keeps every stop, and one such stop alone is
/// left to the writer unless it scores very high.
#[test]
fn indonesian_verbless_pairs_are_repaired_without_a_sure_stop() {
    let clean = "Menteri luar negeri Jepang bertemu dengan menteri luar negeri Korea Selatan di Seoul pada hari Senin. \
        Keduanya membahas kerja sama ekonomi dan keamanan kawasan. Pertemuan itu adalah yang pertama sejak pemilihan umum \
        di Korea Selatan bulan lalu.\nDelegasi Jepang juga mengunjungi sebuah pabrik semikonduktor di pinggiran kota. \
        Kunjungan itu menunjukkan minat investor Jepang pada sektor teknologi tinggi di Korea Selatan. Para pejabat kedua \
        negara menyatakan akan memperluas kerja sama antara perusahaan Jepang dan Korea Selatan di bidang energi.";
    assert!(find_spurious_stops(clean, "id").is_empty());
    let noisy = clean.replace("investor Jepang", "investor. Jepang").replace("perusahaan Jepang", "perusahaan. Jepang");
    let found: Vec<usize> = find_spurious_stops(&noisy, "id").iter().map(|s| s.at).collect();
    let want = vec![noisy.find("investor.").unwrap() + 8, noisy.find("perusahaan.").unwrap() + 10];
    assert_eq!(found, want);
    // One such stop alone (its score, 41.5, under the single-stop threshold
    // of 60): repaired outside a quotation (session 12, second helper: above
    // 30 there), left inside one, where a speaker's verbless sentence is as
    // likely as a spinner's stop.
    let single = clean.replace("investor Jepang", "investor. Jepang");
    let found: Vec<usize> = find_spurious_stops(&single, "id").iter().map(|s| s.at).collect();
    assert_eq!(found, vec![single.find("investor.").unwrap() + 8]);
    let quoted = single.replace("Kunjungan itu menunjukkan", "\"Kunjungan itu menunjukkan").replace(
        "tinggi di Korea Selatan.",
        "tinggi di Korea Selatan.\"",
    );
    assert!(find_spurious_stops(&quoted, "id").is_empty(), "{quoted}");
    // (left for the quotation alone: the model scores it as it did outside)
    let stop = crate::repair::capitalised_stops(&quoted, "id").into_iter().find(|c| quoted[..c.at].ends_with("investor"));
    let stop = stop.unwrap();
    let (q, score, vb, va) = (stop.in_quote, stop.score, stop.verb_before, stop.verb_after);
    assert!(q && score > 30.0 && score < 60.0 && !(vb && va), "{q} {score} {vb} {va}");
    let quoted_clean = quoted.replace("investor. Jepang", "investor Jepang");
    assert!(find_spurious_stops(&quoted_clean, "id").is_empty());
}

/// Indonesian, two such stops around one verbless piece (session 12, second
/// helper): the higher-scoring one is the spinner's and stays a candidate;
/// the writer's stop after the piece is kept.
#[test]
fn indonesian_shared_verbless_piece_keeps_the_higher_scoring_stop() {
    let clean = "Menteri luar negeri Jepang bertemu dengan menteri luar negeri Korea Selatan di Seoul pada hari Senin. \
        Keduanya membahas kerja sama ekonomi dan keamanan kawasan. Kunjungan itu menunjukkan minat investor Jepang \
        pada sektor teknologi tinggi. Para pejabat kedua negara menyatakan akan memperluas kerja sama di bidang energi.";
    assert!(find_spurious_stops(clean, "id").is_empty());
    let noisy = clean.replace("investor Jepang", "investor. Jepang");
    let stops = crate::repair::capitalised_stops(&noisy, "id");
    let score = |needle: &str| stops.iter().find(|c| noisy[..c.at].ends_with(needle)).map(|c| c.score).unwrap();
    // The writer's stop after "tinggi" scores lower than the inserted one.
    assert!(score("investor") > 30.0 && score("investor") > score("tinggi"), "{} {}", score("investor"), score("tinggi"));
    let found: Vec<usize> = find_spurious_stops(&noisy, "id").iter().map(|s| s.at).collect();
    assert_eq!(found, vec![noisy.find("investor.").unwrap() + 8]);
}

#[test]
fn quotations_are_read_on_the_stops_line() {
    use crate::repair::in_quotation;
    let text = "Ia berkata, \"Kami siap. Semua\" lalu pergi. Lagi\n\u{201c}Ayo. Kita\u{201d} dan. Kamu";
    let at = |needle: &str| text.find(needle).unwrap() + needle.len() - 1;
    assert!(in_quotation(text, at("siap.")));
    assert!(!in_quotation(text, at("pergi.")));
    assert!(in_quotation(text, at("Ayo.")));
    assert!(!in_quotation(text, at("dan.")));
}

#[test]
fn english_auxiliaries_after_a_stop_open_only_questions() {
    // "is" and "could" open a sentence in lowercase only as a careless
    // writer's question; before a statement the stop was inserted.
    let text = "The central bank said the lending rate. is expected to rise again before the spring, and several \
                large exporters. could see their margins shrink by the end of the year. Markets fell on the news.";
    let at = |needle: &str| text.find(needle).unwrap() + needle.len() - 1;
    let found: Vec<usize> = find_spurious_stops(text, "en").iter().map(|s| s.at).collect();
    assert_eq!(found, vec![at("rate."), at("exporters.")]);
    // A question keeps its stop: the writer's own lowercase opener.
    let question = "Nobody at the meeting knew the answer. is it true that the plant will close? The union asked \
                    the managers. could they explain the plan? Nobody replied.";
    assert!(find_spurious_stops(question, "en").is_empty());
}

#[test]
fn one_lowercase_opener_does_not_mark_an_english_text_as_lowercase() {
    // A spinner's stop before "that" leaves the other two in, unless the
    // text writes two such openers or asks questions (a forum thread).
    let base = "Officials said the talks. that began on Monday would continue for another week at least. \
                The ministers met again on Wednesday and agreed on a timetable. The finance minister \
                described the meeting as productive. several delegates said they expected a deal soon. \
                Two of the smaller parties have rejected the terms of the offer. they say it favours \
                the larger cities. Final votes are expected within a fortnight.";
    let text = "Officials said the talks. that began on Monday would continue for another week at least. \
                The ministers met again on Wednesday and agreed on a timetable for the coming months. The \
                finance minister described the meeting. productive and said the outcome was encouraging. \
                Two of the smaller parties have rejected the terms of the offer. saying it favours the \
                larger cities. Final votes are expected within a fortnight.";
    let at = |t: &str, needle: &str| t.find(needle).unwrap() + needle.len() - 1;
    // (The stop before "that" is then left to the learned repair, which the
    // two rule repairs let read it as in a text with spurious stops.)
    let found: Vec<usize> = find_spurious_stops(text, "en").iter().map(|s| s.at).collect();
    assert!(found.contains(&at(text, "meeting.")) && found.contains(&at(text, "offer.")), "{found:?}");
    // Two lowercase openers: the writer's own lowercase starts.
    let two = text.replace("would continue for", "would continue. it is expected for");
    assert!(find_spurious_stops(&two, "en").is_empty());
    // A question-and-answer text keeps the old gate: one opener is enough.
    let asked = format!("Who called the talks? Why now? {text}");
    assert!(find_spurious_stops(&asked, "en").is_empty());
    assert!(find_spurious_stops(base, "en").is_empty());
}

#[test]
fn a_single_english_stop_before_a_clause_continuing_word() {
    let at = |t: &str, needle: &str| t.find(needle).unwrap() + needle.len() - 1;
    for (text, stop) in [
        (
            "Shares in the carmaker rose sharply on Tuesday, their first upwards move. in more than a year. \
             Analysts had expected smaller gains after the weak sales figures of the spring.",
            "move.",
        ),
        (
            "The firm will pay a dividend of 17 cents. a share to its investors this year. Its main rivals \
             paid less in the same period and their shares fell.",
            "cents.",
        ),
        (
            "Ministers have promised new money. for the rural schools that lost teachers last year. The \
             opposition says the plan comes too late.",
            "money.",
        ),
    ] {
        let found: Vec<usize> = find_spurious_stops(text, "en").iter().map(|s| s.at).collect();
        assert_eq!(found, vec![at(text, stop)], "{text}");
    }
    // Words a writer does open a lowercase sentence with stay, alone.
    for clean in [
        "There were bears on the deck of the lodge in the morning. and most of us did not go near them. \
         We left the next day.",
        "The shop sells cards and paper. like most shops in town it opens late on Thursdays. We bought two.",
    ] {
        assert!(find_spurious_stops(clean, "en").is_empty(), "{clean}");
    }
    // Not in text with questions, nor after a lowercase opener of the text,
    // nor in Indonesian (a single lowercase start there stays a slip).
    let asked = "Why did prices rise? Who gains? Shares rose on Tuesday, their first move. in more than a year.";
    assert!(find_spurious_stops(asked, "en").is_empty());
    let opener = "The shares rose on Tuesday, their first move. in more than a year. The chairman was pleased. \
                  he said the company had turned a corner at last.";
    assert!(find_spurious_stops(opener, "en").is_empty());
    assert!(find_spurious_stops("Harga saham itu naik tajam. pekan lalu karena laba perusahaan membaik.", "id").is_empty());
}

#[test]
fn one_lowercase_opener_does_not_mark_an_indonesian_text_as_lowercase() {
    // Session 11, second helper: a spinner's stop before "ini" or "itu" kept
    // the text's other inserted stops in; now two openers are needed (or
    // one in a text with questions).
    let text = "Pemerintah daerah akan membangun jembatan baru di desa itu pada tahun depan. Warga menyambut \
                rencana tersebut dengan gembira karena jalan lama sering rusak. Kepala desa mengatakan proyek. \
                tersebut sudah lama ditunggu oleh para petani yang menjual hasil panen ke kota. Anggaran \
                pembangunan. berasal dari dana provinsi dan sebagian dari pemerintah pusat. Pekerjaan \
                dimulai bulan. ini setelah musim hujan berakhir.";
    let at = |t: &str, needle: &str| t.find(needle).unwrap() + needle.len() - 1;
    let found: Vec<usize> = find_spurious_stops(text, "id").iter().map(|s| s.at).collect();
    assert!(found.contains(&at(text, "proyek.")) && found.contains(&at(text, "pembangunan.")), "{found:?}");
    // Two lowercase openers: the writer's own lowercase starts.
    let two = text.replace("dengan gembira karena", "dengan gembira. namun karena");
    let found: Vec<usize> = find_spurious_stops(&two, "id").iter().map(|s| s.at).collect();
    assert!(!found.contains(&at(&two, "proyek.")) && !found.contains(&at(&two, "pembangunan.")), "{found:?}");
    // A text with questions keeps the old gate: one opener is enough.
    let asked = format!("Siapa yang membangun? Kapan selesai? {text}");
    let found: Vec<usize> = find_spurious_stops(&asked, "id").iter().map(|s| s.at).collect();
    assert!(!found.contains(&at(&asked, "proyek.")), "{found:?}");
}

#[test]
fn an_indonesian_stop_before_an_opener_vouches_for_one_before_a_plain_word() {
    let text = "Tim nasional bermain imbang melawan Malaysia dalam laga persahabatan di Jakarta. Pelatih \
                menilai penampilan para pemain malam. ini cukup baik walaupun lini depan masih kurang tajam. \
                Menurut dia, latihan selama dua pekan terakhir sudah memberikan. hasil yang terlihat di \
                lapangan. Tim akan kembali berlatih pada hari Senin.";
    let at = |t: &str, needle: &str| t.find(needle).unwrap() + needle.len() - 1;
    let found: Vec<usize> = find_spurious_stops(text, "id").iter().map(|s| s.at).collect();
    assert!(found.contains(&at(text, "memberikan.")), "{found:?}");
    // A writer's single lowercase start vouches for nothing on its own.
    let clean = "Tim nasional bermain imbang melawan Malaysia dalam laga persahabatan di Jakarta. Pelatih \
                 menilai penampilan para pemain cukup baik. kemudian dia meminta lini depan lebih tajam. Tim \
                 akan kembali berlatih pada hari Senin.";
    assert!(find_spurious_stops(clean, "id").is_empty());
}

#[test]
fn indonesian_lowercase_pairs_may_be_close_but_not_a_run_of_stops() {
    // Two inserted stops one short sentence apart (under 64 bytes) pair.
    let text = "Lembaga sosial memiliki. peran yang besar bagi kapasitas hidup. masyarakat di suatu negara. \
                Pemerintah berjanji memperbaiki aturan yang ada.";
    let at = |t: &str, needle: &str| t.find(needle).unwrap() + needle.len() - 1;
    let found: Vec<usize> = find_spurious_stops(text, "id").iter().map(|s| s.at).collect();
    assert_eq!(found, vec![at(text, "memiliki."), at(text, "hidup.")]);
    // A web address written with spaces is no pair of inserted stops.
    let url = "Naskah lengkap dapat dibaca di http: / / www. arsip. negara. go / naskah - teks. pdf yang \
               disusun oleh panitia. Panitia menerima masukan hingga akhir bulan.";
    assert!(find_spurious_stops(url, "id").is_empty(), "{:?}", find_spurious_stops(url, "id"));
}

#[test]
fn learned_repair_leaves_an_indonesian_writers_lowercase_opener_when_only_pairs_open_the_gate() {
    // Two inserted stops pair and open the gate; the writer's own lowercase
    // start ("dada. ketika") stays.
    let text = "Obat ini bermanfaat untuk mengurangi akumulasi lendir di dada. ketika lendir berkurang, \
                tenggorokan menjadi lebih lega. Dokter menyarankan pasien minum air. hangat beberapa kali \
                sehari agar napas tetap lancar. Pasien juga perlu beristirahat. cukup selama masa pemulihan.";
    let at = |t: &str, needle: &str| t.find(needle).unwrap() + needle.len() - 1;
    let found: Vec<usize> = find_spurious_stops(text, "id").iter().map(|s| s.at).collect();
    assert!(found.contains(&at(text, "air.")) && found.contains(&at(text, "beristirahat.")), "{found:?}");
    assert!(!found.contains(&at(text, "dada.")), "{found:?}");
}

#[test]
fn indonesian_stop_between_a_speech_tag_and_its_speaker_is_repaired() {
    let at = |t: &str, needle: &str| t.find(needle).unwrap() + needle.len() - 1;
    for (text, stop) in [
        ("\"Kami akan memperbaiki jalan itu sebelum musim hujan,\" kata. Bupati Sleman di kantornya.", "kata."),
        ("“Harga beras sudah mulai turun,” ujar. Rina, seorang pedagang di pasar.", "ujar."),
        ("Pekan depan, kata. Sutrisno, tim akan kembali berlatih di Bandung.", "kata."),
    ] {
        let found: Vec<usize> = find_spurious_stops(text, "id").iter().map(|s| s.at).collect();
        assert!(found.contains(&at(text, stop)), "{text}: {found:?}");
    }
    // The suffixed tag ends a sentence; a bare tag not after a quotation
    // and a comma is left alone.
    for clean in [
        "\"Kami akan memperbaiki jalan itu,\" katanya. Bupati juga meminta warga bersabar.",
        "Kalau penampilannya bagus, lanjut. Kalau tidak, kami cari pemain lain.",
        "Hasilnya sudah jelas. Tim tamu menang dua gol.",
    ] {
        assert!(find_spurious_stops(clean, "id").is_empty(), "{clean}");
    }
}

#[test]
fn indonesian_capitalised_word_that_follows_its_head_continues_the_sentence() {
    let text = "Polisi masih memeriksa dua saksi terkait kecelakaan. Tersebut di kantor polisi setempat.";
    let found = find_spurious_stops(text, "id");
    let at = text.find("kecelakaan.").unwrap() + "kecelakaan".len();
    assert_eq!(found.iter().map(|s| (s.at, s.kind)).collect::<Vec<_>>(), vec![(at, SpuriousKind::BeforeCapitalisedContinuation)]);
    // The stop goes and the word gets its lower case back.
    let article = staged(text, "id");
    assert!(article.text.contains("kecelakaan tersebut di kantor"), "{}", article.text);
    // A sentence that opens with another word stays.
    let clean = "Polisi masih memeriksa dua saksi terkait kecelakaan. Sementara itu, jalan sudah dibuka kembali.";
    assert!(find_spurious_stops(clean, "id").is_empty());
}

#[test]
fn english_stop_between_a_speech_tag_and_its_speaker_is_repaired() {
    let text = "\"We expect rates to stay where they are for most of the year,\" said. Anna Berg, an economist \
                at a bank in Oslo. \"The risks are mostly abroad,” added. the bank's chief executive.";
    let at = |needle: &str| text.find(needle).unwrap() + needle.len() - 1;
    let found: Vec<usize> = find_spurious_stops(text, "en").iter().map(|s| s.at).collect();
    assert!(found.contains(&at("said.")) && found.contains(&at("added.")), "{found:?}");
    // The tag after its subject ends a sentence; so may a bare tag after a
    // comma without a quotation.
    for clean in [
        "\"We expect rates to stay where they are,\" she said. Anna Berg is an economist in Oslo.",
        "Ministers wanted a vote before the summer, and the opposition, in the end, agreed. The bill passed.",
    ] {
        assert!(find_spurious_stops(clean, "en").is_empty(), "{clean}");
    }
}

#[test]
fn english_stop_after_including_is_repaired() {
    let text = "The group sold several brands last year, including. Bright Foods and two smaller firms in Wales.";
    let at = text.find("including.").unwrap() + "including".len();
    let found: Vec<usize> = find_spurious_stops(text, "en").iter().map(|s| s.at).collect();
    assert_eq!(found, vec![at]);
}


#[test]
fn indonesian_stop_before_a_word_the_spinner_capitalised_is_repaired_alone() {
    // Session 13: one stop far from a sure stop, before a word the news
    // writes in lower case inside sentences far more often than it opens one
    // ("milik"), a verbless piece after it: repaired without a second stop
    // (its score is below the single-stop thresholds), and the word gets its
    // lower case back.
    let text = "Harga beras di pasar tradisional Kota Bandung naik tajam sejak awal pekan ini. Para pedagang \
                menyebut pasokan dari daerah penghasil berkurang karena cuaca buruk.\nPemerintah kota berjanji \
                menggelar operasi pasar di sejumlah kecamatan. Milik pemerintah daerah.";
    let found = find_spurious_stops(text, "id");
    let at = text.find("kecamatan.").unwrap() + "kecamatan".len();
    assert_eq!(found.iter().map(|s| (s.at, s.lowercase_next)).collect::<Vec<_>>(), vec![(at, true)]);
    // A writer's sentence opened by a word that often opens one stays.
    let clean = text.replace("Milik pemerintah daerah.", "Seperti tahun lalu saat harga melonjak.");
    assert!(find_spurious_stops(&clean, "id").is_empty(), "{clean}");
}

/// English (session 14): a stop after a word that the counted clean news
/// writes inside sentences often and never at a sentence end ("starring"), one
/// side verbless, is repaired alone; the English table is what finds it, and a
/// real sentence end after a word that ends sentences ("year") stays.
#[test]
fn english_stop_after_a_word_that_runs_on_is_repaired_alone() {
    let text = "Man to Man, a historical epic starring. Kristin Scott Thomas, opens the German festival on 10 February.";
    let at = text.find("starring.").unwrap() + "starring".len();
    let found: Vec<usize> = find_spurious_stops(text, "en").iter().map(|s| s.at).collect();
    assert_eq!(found, vec![at]);
    assert!(crate::repair::find_spurious_stops_with_english_table(text, "en", None).is_empty());
    let clean = "The film opened in London last year. Kristin Scott Thomas, its star, opens the German festival on 10 February.";
    assert!(find_spurious_stops(clean, "en").is_empty());
    // Not before an all-capital word that is no acronym.
    let shout = "Man to Man, a historical epic starring. GREAT acting from everyone in the cast.";
    assert!(find_spurious_stops(shout, "en").is_empty());
    // The pair evidence: "average" ends a few sentences, but "an average" none
    // while standing together often.
    let pair = "He had to live like an average. UK citizen.";
    let at = pair.find("average.").unwrap() + "average".len();
    assert_eq!(find_spurious_stops(pair, "en").iter().map(|s| s.at).collect::<Vec<_>>(), [at]);
    assert!(crate::repair::find_spurious_stops_with_english_table(pair, "en", None).is_empty());
}

/// Indonesian (session 14, lead): a stop after a word the Indonesian news
/// table counts inside sentences 128 times or more and never at an end, one
/// side verbless, is repaired alone; a real end after a word that ends
/// sentences stays.
#[test]
fn indonesian_stop_after_a_word_that_never_ends_a_sentence_is_repaired_alone() {
    let table = crate::cohesion::embedded(crate::lang::Lang::Indonesian).expect("the Indonesian table is embedded");
    let r = table.run_on("", "melakukan", "Rapat");
    assert!(r.end == 0 && r.mid >= 8, "{r:?}");
    // The model alone leaves this stop; the counts repair it.
    let text = "Pemerintah daerah melakukan. Rapat koordinasi dengan seluruh camat pada pekan lalu.";
    let at = text.find("melakukan.").unwrap() + "melakukan".len();
    assert_eq!(find_spurious_stops(text, "id").iter().map(|s| s.at).collect::<Vec<_>>(), vec![at]);
    let clean = "Pemerintah daerah sudah bersiap. Rapat koordinasi dengan seluruh camat digelar pekan lalu.";
    assert!(find_spurious_stops(clean, "id").is_empty(), "{clean}");
}

/// Indonesian (session 15): a stop after a lowercase word before a
/// sentence-cased word is repaired alone (a verbless side, model score above
/// −15) when the same text writes the two words together elsewhere, the
/// second in lower case, and the news writes that word in lower case inside
/// sentences far more often than it opens one; the word gets its lower case
/// back. A real end between the same words, with a predicate on both
/// sides, stays.
#[test]
fn indonesian_stop_between_words_the_text_writes_together_is_repaired() {
    let text = "Bank Indonesia memperkirakan pertumbuhan ekonomi tahun ini mencapai lima persen. \
                Menurut dia, konsumsi rumah tangga masih menjadi penopang utama pertumbuhan. Ekonomi nasional pada kuartal ketiga.";
    let at = text.find("pertumbuhan. ").unwrap() + "pertumbuhan".len();
    assert_eq!(crate::repair::pair_elsewhere(text, at, true), 1);
    let found = find_spurious_stops(text, "id");
    let caps = crate::repair::capitalised_stops(text, "id");
    assert_eq!(found.iter().map(|s| (s.at, s.lowercase_next)).collect::<Vec<_>>(), vec![(at, true)], "{caps:?}");
    assert!(crate::repair::remove_stops(text, &found).contains("utama pertumbuhan ekonomi nasional pada"));
    let clean = "Bank Indonesia memperkirakan pertumbuhan ekonomi tahun ini mencapai lima persen. \
                 Menurut dia, konsumsi rumah tangga masih menjadi penopang utama pertumbuhan. Ekonomi nasional diperkirakan tumbuh 5 persen pada kuartal ketiga.";
    assert!(find_spurious_stops(clean, "id").is_empty(), "{clean}");
}

/// Indonesian (session 15): with no pair in the text, a stop is repaired
/// alone (a verbless side, model score above −20) when the news counts say
/// the word before runs on (inside sentences 2^6 times as often as at an
/// end) and the word after stands inside sentences (in lower case 2^7 times
/// as often as it opens one) and is no predicate. With a predicate on both
/// sides the stop stays.
#[test]
fn indonesian_stop_between_words_the_news_writes_inside_sentences_is_repaired() {
    let table = crate::cohesion::embedded(crate::lang::Lang::Indonesian).expect("the Indonesian table is embedded");
    let r = table.run_on("dugaan", "tindak", "Pidana");
    let (start, mid, _) = table.word_counts("Pidana");
    // "tindak" is used under 128 times, so the session-14 run-on rule
    // leaves it; the model scores the stop below −5, so the session-13
    // spun-capital rule does too.
    assert!(r.mid < 8 && r.mid >= r.end + 6 && mid >= start + 7, "{r:?} {start} {mid}");
    let text = "Ia diperiksa sebagai tersangka dalam kasus dugaan tindak. Pidana korupsi proyek di Kementerian Pekerjaan Umum.";
    let at = text.find("tindak.").unwrap() + "tindak".len();
    assert_eq!(crate::repair::pair_elsewhere(text, at, true), 0);
    let caps = crate::repair::capitalised_stops(text, "id");
    assert_eq!(find_spurious_stops(text, "id").iter().map(|s| s.at).collect::<Vec<_>>(), vec![at], "{caps:?}");
    let clean = "Ia diperiksa sebagai tersangka dalam kasus dugaan tindak. Pidana korupsi itu merugikan negara.";
    assert!(find_spurious_stops(clean, "id").is_empty(), "{clean}");
    // Before a predicate only at a higher score (above −5).
    let text = "Hasil ini membuat Spanyol tetap. Berada di puncak klasemen Grup G dengan 16 poin.";
    let at = text.find("tetap.").unwrap() + "tetap".len();
    let caps = crate::repair::capitalised_stops(text, "id");
    assert!(crate::repair::is_predicate_word("berada", "id"));
    assert_eq!(find_spurious_stops(text, "id").iter().map(|s| s.at).collect::<Vec<_>>(), vec![at], "{caps:?}");
}

/// Indonesian (session 18): a stop before a capitalised word followed by a
/// comma and "dan", "serta" or "atau" leaves a list's tail as a sentence
/// ("… seperti kain. Sepatu, dan peralatan dapur …"): repaired alone, far
/// from a sure stop and near one, whatever the clause test says; a common
/// word gets its lower case back (session 19; whether the spinner inserted
/// the stop or replaced a comma, the capital is its own). Not after a
/// two-letter abbreviation, nor before a clause opened by a subordinator
/// after the conjunction.
#[test]
fn indonesian_stop_before_a_lists_tail_is_repaired() {
    // Far from a sure stop: both sides hold a predicate (the pairs' rule
    // never reads it).
    let text = "Pabrik di Cikarang itu memproduksi berbagai barang rumah tangga seperti sepatu. Pakaian, dan peralatan dapur yang dijual ke pasar ekspor.";
    let at = text.find("sepatu.").unwrap() + "sepatu".len();
    let found = find_spurious_stops(text, "id");
    let caps = crate::repair::capitalised_stops(text, "id");
    assert_eq!(found.iter().map(|s| s.at).collect::<Vec<_>>(), vec![at], "{caps:?}");
    assert!(crate::repair::remove_stops(text, &found).contains("seperti sepatu pakaian, dan peralatan"), "{found:?}");
    // Near a sure stop (after "dengan.").
    let text = "Menteri itu bertemu dengan. Gubernur Jawa Barat pada Senin pagi. \
                Pemerintah daerah membeli alat berat, truk. Ambulans, serta mobil pemadam kebakaran untuk kabupaten itu.";
    let at = text.find("truk.").unwrap() + "truk".len();
    let found = find_spurious_stops(text, "id");
    assert!(found.iter().any(|s| s.at == at), "{found:?}");
    // A writer's sentence that opens with a word and a clause after "dan".
    let clean = "Pengalaman itu menjadi kenangan yang berharga bagi kami. Lelah, dan ketika pulang kami langsung tidur.";
    assert!(find_spurious_stops(clean, "id").is_empty(), "{clean}");
    // An abbreviation's stop.
    let clean = "Kantor itu berada di jl. Mawar, dan warga yang tinggal di sekitarnya sering datang ke sana.";
    assert!(find_spurious_stops(clean, "id").is_empty(), "{clean}");
    // A plain sentence end before a capitalised word without a list.
    let clean = "Harga cabai naik tajam pada pekan ini. Pedagang mengeluh, dan pembeli mengurangi belanja mereka.";
    assert!(find_spurious_stops(clean, "id").is_empty(), "{clean}");
}

/// Session 19: whatever found a spurious stop, a common word after it that
/// the inserted stop capitalised gets its lower case back; a title, a name
/// and the head of a capitalised run keep their capital.
#[test]
fn repaired_stop_gives_a_common_word_its_lower_case_back() {
    let repaired = |text: &str, lang: &str| crate::repair::remove_stops(text, &find_spurious_stops(text, lang));
    let text = "Tepat lima tahun sejak. Pertama kali digunakan di Jepang, aplikasi itu kini dipakai jutaan orang.";
    assert!(repaired(text, "id").contains("sejak pertama kali digunakan"), "{}", repaired(text, "id"));
    let text = "Li Qiang akan bertemu dengan. Perdana Menteri Rusia Mikhail Mishustin di Moskow pada hari Rabu.";
    assert!(repaired(text, "id").contains("bertemu dengan Perdana Menteri Rusia"), "{}", repaired(text, "id"));
    let text = "Perang di. Ukraina sudah berlangsung lebih dari dua tahun dan belum ada tanda akan berakhir.";
    assert!(repaired(text, "id").contains("Perang di Ukraina sudah"), "{}", repaired(text, "id"));
    // The head of a capitalised run is a name's first word.
    let text = "Truk sampah itu berangkat menuju. Tempat Pengolahan Sampah Terpadu di Bekasi setiap pagi.";
    assert!(repaired(text, "id").contains("menuju Tempat Pengolahan"), "{}", repaired(text, "id"));
    // The text capitalises the word inside a sentence elsewhere.
    let text = "Ia datang sejak. Pertama kali acara itu digelar. Panitia menyebut acara Pertama itu sebagai yang terbaik.";
    assert!(repaired(text, "id").contains("sejak Pertama kali"), "{}", repaired(text, "id"));
}

/// Indonesian (session 18): a stop after a word that needs what follows
/// (a determiner, a degree word, "telah", "bahkan") before a capitalised
/// word is repaired alone, far from a sure stop too; the word after gets its
/// lower case back when the news writes it in lower case and the text does
/// not capitalise it elsewhere. A writer's stop after a word that ends
/// sentences stays.
#[test]
fn indonesian_stop_after_a_head_word_is_repaired() {
    let text = "Pemerintah kabupaten menggelar berbagai. Kegiatan untuk memperingati hari jadi kota pada pekan ini.";
    let at = text.find("berbagai.").unwrap() + "berbagai".len();
    let found = find_spurious_stops(text, "id");
    let caps = crate::repair::capitalised_stops(text, "id");
    assert_eq!(found.iter().map(|s| (s.at, s.lowercase_next)).collect::<Vec<_>>(), vec![(at, true)], "{caps:?}");
    assert!(crate::repair::remove_stops(text, &found).contains("menggelar berbagai kegiatan untuk"));
    // Session 19: "ingin" (no stop after it in 1,792 uses in IndoSum dev and id-rss).
    let text = "Sebagian warga di bantaran sungai itu ingin. Pindah ke rumah susun yang disediakan pemerintah kota.";
    let found = find_spurious_stops(text, "id");
    assert!(crate::repair::remove_stops(text, &found).contains("itu ingin pindah ke"), "{found:?}");
    let text = "Presiden meminta para menteri menyampaikan laporan itu secara. Langsung kepada masyarakat pekan depan.";
    let found = find_spurious_stops(text, "id");
    assert!(crate::repair::remove_stops(text, &found).contains("itu secara langsung kepada"), "{found:?}");
    // Before a name the capital stays.
    let text = "Wabah itu sudah menyebar ke seluruh. Indonesia dalam waktu kurang dari satu bulan.";
    let at = text.find("seluruh.").unwrap() + "seluruh".len();
    let found = find_spurious_stops(text, "id");
    assert_eq!(found.iter().map(|s| (s.at, s.lowercase_next)).collect::<Vec<_>>(), vec![(at, false)]);
    // A word that ends sentences ("sekitar" is no head word here).
    let clean = "Warga mengungsi ke rumah kerabat di sekitar. Kegiatan belajar di sekolah dihentikan sementara.";
    assert!(find_spurious_stops(clean, "id").is_empty(), "{clean}");
}

/// English (session 18): a stop after a word that needs what follows
/// ("every", "very", "almost", "but", "let") before a capitalised word is
/// repaired alone, as the Indonesian head words; a stop after a word that
/// ends sentences ("still") stays.
#[test]
fn english_stop_after_a_head_word_is_repaired() {
    let text = "Analysts expect every. Bank in the region to raise its lending rates before the end of the year.";
    let at = text.find("every.").unwrap() + "every".len();
    let caps = crate::repair::capitalised_stops(text, "en");
    assert_eq!(find_spurious_stops(text, "en").iter().map(|s| s.at).collect::<Vec<_>>(), vec![at], "{caps:?}");
    // Session 19: subordinators and "quite" (none of 1,800 uses ends a sentence).
    let text = "The club said the striker would stay until. Manchester United made a better offer for him.";
    let at = text.find("until.").unwrap() + "until".len();
    assert_eq!(find_spurious_stops(text, "en").iter().map(|s| s.at).collect::<Vec<_>>(), vec![at]);
    let clean = "By midnight the harbour was still. Boats waited at the dock for the storm to pass.";
    assert!(find_spurious_stops(clean, "en").is_empty(), "{clean}");
}

/// A small deterministic random generator (xorshift64) for the tests that
/// check a fast path against the code it replaced on random inputs.
pub(crate) fn xorshift(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}
