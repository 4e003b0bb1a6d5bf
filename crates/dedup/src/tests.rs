use super::*;
use warta_core::Span;

/// A small test segmenter: one sentence per `.`/`?`/`!` followed by a space,
/// never across a line break.
fn segment(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let b = line.as_bytes();
        let mut s = 0;
        let mut i = 0;
        while i < b.len() {
            let end_here = matches!(b[i], b'.' | b'?' | b'!') && (i + 1 == b.len() || b[i + 1] == b' ');
            if end_here || i + 1 == b.len() {
                let piece = &line[s..=i];
                let lead = piece.len() - piece.trim_start().len();
                let t = piece.trim();
                if !t.is_empty() {
                    out.push(Span::new(line_start + s + lead, line_start + s + lead + t.len()));
                }
                s = i + 1;
            }
            i += 1;
        }
        line_start += line.len() + 1;
    }
    out
}

fn article(id: &str, title: Option<&str>, text: &str) -> Article {
    let mut a = Article::new(id, text);
    a.title = title.map(str::to_string);
    a.sentences = segment(text);
    a
}

/// Deterministic pseudo-Indonesian prose: `n` words from a fixed vocabulary.
fn prose(seed: u64, n: usize) -> String {
    const SYL: [&str; 16] =
        ["ka", "ra", "ma", "si", "tu", "ng", "pe", "lo", "da", "ber", "an", "ko", "wi", "ja", "se", "ti"];
    let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut words = Vec::with_capacity(n);
    for i in 0..n {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let len = 2 + (x % 3) as usize;
        let w: String = (0..len).map(|k| SYL[((x >> (4 * k + 8)) & 15) as usize]).collect();
        words.push(if i % 14 == 13 { format!("{w}.") } else { w });
    }
    words.join(" ")
}

/// Replaces every `every`-th word with a new one.
fn substitute(text: &str, every: usize, tag: &str) -> String {
    text.split(' ')
        .enumerate()
        .map(|(i, w)| if i % every == every / 2 { format!("{tag}{i}") } else { w.to_string() })
        .collect::<Vec<_>>()
        .join(" ")
}

fn run(d: &mut Deduplicator, articles: Vec<Article>, batch: usize) -> Vec<Article> {
    let mut out = Vec::new();
    let mut it = articles.into_iter().peekable();
    while it.peek().is_some() {
        let b: Vec<Article> = it.by_ref().take(batch.max(1)).collect();
        out.extend(d.process_batch(b));
    }
    out.extend(d.finish());
    out
}

fn spans_are_valid(a: &Article) {
    let mut prev = 0;
    for s in &a.sentences {
        assert!(s.start >= prev && s.end <= a.text.len() && s.start < s.end, "{s:?} in {:?}", a.text);
        assert!(a.text.is_char_boundary(s.start) && a.text.is_char_boundary(s.end));
        prev = s.end;
    }
    assert!(!a.text.contains("\n\n"), "blank line in {:?}", a.text);
    assert!(!a.text.starts_with('\n') && !a.text.ends_with(['\n', ' ']), "{:?}", a.text);
}

const TITLE: &str = "Menteri Perdagangan meninjau pasar tradisional di Surabaya menjelang Lebaran";

/// Written in the spirit of the seed article: a title prefix repeated as a
/// body line, a fragment injected four times as its own sentence and once at
/// the head of its genuine sentence (joined by the segmenter's repair), and a
/// sentence repeated once.
fn spun_article() -> Article {
    let text = "Menteri Perdagangan Budi Santoso meninjau harga bahan pokok di Pasar Wonokromo, Surabaya, pada hari Senin. Ia didampingi wali kota dan sejumlah pejabat dinas.\n\
Menteri Perdagangan meninjau pasar tradisional\n\
Harga beras medium terpantau stabil di kisaran Rp13.000 per kilogram. Namun pedagang mengeluhkan pasokan cabai yang menurun dari.\n\
Pedagang berharap pemerintah menambah operasi pasar. Namun pedagang mengeluhkan pasokan cabai yang menurun dari.\n\
Namun pedagang mengeluhkan pasokan cabai yang menurun dari Madura dan Jawa Timur bagian selatan sejak awal bulan. Namun pedagang mengeluhkan pasokan cabai yang menurun dari.\n\
Menteri berjanji menjaga stabilitas harga. Harga beras medium terpantau stabil di kisaran Rp13.000 per kilogram. Namun pedagang mengeluhkan pasokan cabai yang menurun dari.";
    article("spun", Some(TITLE), text)
}

#[test]
fn within_article_removes_title_line_spun_fragments_and_repeats() {
    let mut d = Deduplicator::new(DedupConfig::default());
    let out = run(&mut d, vec![spun_article()], 10);
    assert_eq!(out.len(), 1);
    let a = &out[0];
    let expected = "Menteri Perdagangan Budi Santoso meninjau harga bahan pokok di Pasar Wonokromo, Surabaya, pada hari Senin. Ia didampingi wali kota dan sejumlah pejabat dinas.\n\
Harga beras medium terpantau stabil di kisaran Rp13.000 per kilogram.\n\
Pedagang berharap pemerintah menambah operasi pasar.\n\
Namun pedagang mengeluhkan pasokan cabai yang menurun dari Madura dan Jawa Timur bagian selatan sejak awal bulan.\n\
Menteri berjanji menjaga stabilitas harga.";
    assert_eq!(a.text, expected);
    spans_are_valid(a);
    // Sentence spans are rebuilt, not dropped: they match a fresh segmentation.
    assert_eq!(a.sentences, segment(expected));
    let reasons: Vec<&str> = a.removed.iter().map(|r| r.reason.as_ref()).collect();
    assert_eq!(reasons.iter().filter(|r| **r == "spun_fragment").count(), 4);
    assert_eq!(reasons.iter().filter(|r| **r == "title_repeat").count(), 1);
    assert_eq!(reasons.iter().filter(|r| **r == "repeated_sentence").count(), 1);
    assert!(a.removed.iter().all(|r| r.stage == "dedup"));
    let title_removal = a.removed.iter().find(|r| r.reason == "title_repeat").unwrap();
    assert_eq!(title_removal.text, "Menteri Perdagangan meninjau pasar tradisional");
    assert_eq!(a.edits.get("dedup_units_removed"), Some(&6));
    assert!(a.duplicate.is_none());
}

#[test]
fn a_whole_sentence_injected_several_times_keeps_its_first_copy() {
    // The spinner copied one of the article's own sentences: that sentence
    // is content, so one copy stays; the cut-short piece goes entirely.
    let genuine = "Dengan tambahan tiga poin, tim tamu naik ke peringkat keenam klasemen sementara.";
    let piece = "Pelatih mengaku puas dengan.";
    let text = format!(
        "Tim tamu menang dua gol tanpa balas di stadion utama. {genuine}\n\
         Para pemain merayakan kemenangan bersama suporter. {piece} Mereka pulang larut malam.\n\
         Laga berikutnya digelar pekan depan di kandang lawan. {genuine}\n\
         Manajer tim meminta pemain tetap fokus. {genuine} {piece}\n\
         Suporter berharap tim terus menang. {piece}"
    );
    let mut d = Deduplicator::new(DedupConfig::default());
    let a = &run(&mut d, vec![article("g", None, &text)], 10)[0];
    assert_eq!(a.text.matches(genuine).count(), 1, "{}", a.text);
    assert!(a.text.starts_with(&format!("Tim tamu menang dua gol tanpa balas di stadion utama. {genuine}")), "{}", a.text);
    assert_eq!(a.text.matches(piece).count(), 0, "{}", a.text);
    let spun = a.removed.iter().filter(|r| r.reason == "spun_fragment").count();
    assert_eq!(spun, 2 + 3, "{:?}", a.removed);
    spans_are_valid(a);
}

#[test]
fn the_copy_inside_its_paragraph_stays_where_earlier_copies_end_paragraphs() {
    // The spinner appended copies to the ends of earlier paragraphs; the
    // article's own sentence sits inside a later one and keeps its place.
    let genuine = "Harga beras di pasar induk naik dua kali dalam sepekan terakhir.";
    let text = format!(
        "Pedagang mengeluhkan pasokan yang terus menurun. {genuine}\n\
         Pemerintah daerah menyiapkan operasi pasar pekan ini. {genuine}\n\
         Pembeli mulai mengurangi belanja. {genuine} Mereka berharap harga segera turun."
    );
    let mut d = Deduplicator::new(DedupConfig::default());
    let a = &run(&mut d, vec![article("p", None, &text)], 10)[0];
    assert_eq!(a.text.matches(genuine).count(), 1, "{}", a.text);
    assert!(a.text.contains(&format!("Pembeli mulai mengurangi belanja. {genuine} Mereka berharap")), "{}", a.text);
    assert!(a.text.starts_with("Pedagang mengeluhkan pasokan yang terus menurun.\n"), "{}", a.text);
    spans_are_valid(a);
}

#[test]
fn copies_of_the_first_sentence_that_still_carry_the_dateline_go() {
    // Normalisation took "Jakarta, CNN Indonesia --" off the first sentence;
    // the spinner's copies, made before, still start with it.
    let first = "Empat hasil imbang beruntun membuat pelatih Real Madrid tertekan.";
    let copy = format!("Jakarta, CNN Indonesia -- {first}");
    let text = format!(
        "{first} Klub itu tertinggal enam poin dari pemuncak klasemen.\n         Pelatih menolak mundur meski didesak suporter. {copy}\n         Laga berikutnya digelar pekan depan. {copy}"
    );
    let mut a = article("dl", None, &text);
    a.dateline = Some("Jakarta, CNN Indonesia --".to_string());
    let mut d = Deduplicator::new(DedupConfig::default());
    let out = &run(&mut d, vec![a], 10)[0];
    assert_eq!(out.text.matches(first).count(), 1, "{}", out.text);
    assert!(out.text.starts_with(first) && !out.text.contains("CNN Indonesia"), "{}", out.text);
    // Without the dateline recorded the copies are two equal sentences of
    // their own: one of them stays.
    let mut d = Deduplicator::new(DedupConfig::default());
    let plain = &run(&mut d, vec![article("dl", None, &text)], 10)[0];
    assert_eq!(plain.text.matches("CNN Indonesia").count(), 1, "{}", plain.text);
    spans_are_valid(out);
}

#[test]
fn an_article_body_pasted_several_times_keeps_its_first_copy() {
    let body = "Polisi menutup tambang pasir ilegal di Cirebon setelah longsor menewaskan dua pekerja. Warga tetap menambang meski larangan sudah dipasang sejak awal bulan. Wali kota meminta pengawasan diperketat.";
    let text = [body; 4].join(" ");
    let mut d = Deduplicator::new(DedupConfig::default());
    let out = run(&mut d, vec![article("pasted", None, &text)], 10);
    let a = &out[0];
    assert_eq!(a.text, body, "the first copy of every sentence stays");
    assert!(a.removed.iter().all(|r| r.reason == "repeated_sentence"), "{:?}", a.removed);
    assert_eq!(a.removed.len(), 9);
    spans_are_valid(a);
}

#[test]
fn within_article_can_be_switched_off() {
    let cfg = DedupConfig { within_article: false, ..Default::default() };
    let mut d = Deduplicator::new(cfg);
    let input = spun_article();
    let out = run(&mut d, vec![input.clone()], 10);
    assert_eq!(out[0].text, input.text);
    assert!(out[0].removed.is_empty());
}

#[test]
fn two_copies_of_a_fragment_are_a_repeat_not_spinning() {
    let text = "Hujan deras mengguyur kota sejak pagi. Banjir setinggi lutut merendam jalan utama. Hujan deras mengguyur kota sejak pagi.";
    let mut d = Deduplicator::new(DedupConfig::default());
    let out = run(&mut d, vec![article("a", None, text)], 1);
    assert_eq!(out[0].text, "Hujan deras mengguyur kota sejak pagi. Banjir setinggi lutut merendam jalan utama.");
    assert_eq!(out[0].removed.len(), 1);
    assert_eq!(out[0].removed[0].reason, "repeated_sentence");
    spans_are_valid(&out[0]);
}

#[test]
fn repeats_compare_normalised_words() {
    let text = "Harga cabai naik tajam di semua pasar pekan ini.\nHARGA  cabai naik tajam, di semua pasar pekan ini!\nPemerintah diam.";
    let mut d = Deduplicator::new(DedupConfig::default());
    let out = run(&mut d, vec![article("a", None, text)], 1);
    assert_eq!(out[0].text, "Harga cabai naik tajam di semua pasar pekan ini.\nPemerintah diam.");
    spans_are_valid(&out[0]);
}

#[test]
fn an_article_made_only_of_one_repeated_sentence_keeps_one_copy() {
    let text = "Saksikan siaran langsung setiap malam. Saksikan siaran langsung setiap malam. Saksikan siaran langsung setiap malam.";
    let mut d = Deduplicator::new(DedupConfig::default());
    let out = run(&mut d, vec![article("a", None, text)], 1);
    assert_eq!(out[0].text, "Saksikan siaran langsung setiap malam.");
    assert!(out[0].removed.iter().all(|r| r.reason == "repeated_sentence"));
}

#[test]
fn repeated_table_rows_and_list_lines_are_kept() {
    let text = "Jadwal pertandingan pekan ini sebagai berikut.\n\
Persib vs Persija\n\
Stadion Si Jalak Harupat, pukul 15.30 WIB\n\
Arema vs Bali United\n\
Stadion Si Jalak Harupat, pukul 15.30 WIB\n\
PSM vs Persebaya\n\
Stadion Si Jalak Harupat, pukul 15.30 WIB";
    let mut d = Deduplicator::new(DedupConfig::default());
    let out = run(&mut d, vec![article("jadwal", None, text)], 1);
    assert_eq!(out[0].text, text);
    assert!(out[0].removed.is_empty());
}

#[test]
fn a_fragment_repeated_only_as_its_own_lines_is_not_spun() {
    // Three copies, each a paragraph of its own: a repeated statement in a
    // fact-check, not an injection; only later copies go, as repeats.
    let text = "Akun itu menulis pesan berantai berikut ini.\nPemerintah akan menutup semua jalan tol di Jawa besok pagi.\nPesan itu dibagikan ribuan kali.\nPemerintah akan menutup semua jalan tol di Jawa besok pagi.\nFaktanya tidak ada rencana itu.\nPemerintah akan menutup semua jalan tol di Jawa besok pagi.";
    let mut d = Deduplicator::new(DedupConfig::default());
    let out = run(&mut d, vec![article("cek", None, text)], 1);
    assert_eq!(
        out[0].text,
        "Akun itu menulis pesan berantai berikut ini.\nPemerintah akan menutup semua jalan tol di Jawa besok pagi.\nPesan itu dibagikan ribuan kali.\nFaktanya tidak ada rencana itu."
    );
    assert!(out[0].removed.iter().all(|r| r.reason == "repeated_sentence"));
}

#[test]
fn short_repeated_sentences_are_kept() {
    let text = "\"Iya,\" jawab dia. Lalu ia diam sejenak. \"Iya,\" jawab dia.";
    let mut d = Deduplicator::new(DedupConfig::default());
    let out = run(&mut d, vec![article("a", None, text)], 1);
    assert_eq!(out[0].text, text);
}

#[test]
fn exact_copies_are_not_counted_as_boilerplate_witnesses() {
    // One story syndicated many times must not turn its own sentences into
    // boilerplate, which would also break the copies' exact match.
    let story = format!("{}\nKalimat penutup khas cerita ini ada di sini.", prose(77, 60));
    let cfg = DedupConfig { boilerplate_min_articles: 3, ..Default::default() };
    let mut d = Deduplicator::new(cfg);
    let out = run(&mut d, (0..6).map(|i| article(&format!("c{i}"), None, &story)).collect(), 2);
    assert!(out.iter().all(|a| a.removed.is_empty()));
    assert!(out[1..].iter().all(|a| a.duplicate.as_ref().is_some_and(|d| d.kind == DuplicateKind::Exact)));
}

#[test]
fn title_line_removal_needs_several_words_of_the_title() {
    let text = "Menteri Perdagangan\nMenteri Perdagangan meninjau pasar tradisional di Surabaya menjelang Lebaran\nIsi berita yang sebenarnya ada di sini.";
    let mut d = Deduplicator::new(DedupConfig::default());
    let out = run(&mut d, vec![article("a", Some(TITLE), text)], 1);
    // Two words are too few to call it a title line; the full title goes.
    assert_eq!(out[0].text, "Menteri Perdagangan\nIsi berita yang sebenarnya ada di sini.");
    assert_eq!(out[0].removed[0].reason, "title_repeat");
}

#[test]
fn line_units_are_used_when_there_are_no_sentences() {
    let text = "Baris pertama berita ini berisi kalimat yang cukup panjang.\nBaris kedua yang berbeda.\nBaris pertama berita ini berisi kalimat yang cukup panjang.";
    let mut a = Article::new("a", text);
    a.title = Some("Judul lain sama sekali".into());
    let mut d = Deduplicator::new(DedupConfig::default());
    let out = run(&mut d, vec![a], 1);
    assert_eq!(out[0].text, "Baris pertama berita ini berisi kalimat yang cukup panjang.\nBaris kedua yang berbeda.");
    assert!(out[0].sentences.is_empty());
}

#[test]
fn tokens_are_shifted_with_their_sentences() {
    let text = "Satu dua tiga empat. Satu dua tiga empat. Lima enam tujuh delapan.";
    let mut a = article("a", None, text);
    // Tokens of the last sentence.
    let start = text.find("Lima").unwrap();
    a.tokens = vec![Span::new(start, start + 4), Span::new(start + 5, start + 9)];
    let mut d = Deduplicator::new(DedupConfig::default());
    let out = run(&mut d, vec![a], 1);
    let o = &out[0];
    assert_eq!(o.text, "Satu dua tiga empat. Lima enam tujuh delapan.");
    let toks: Vec<&str> = o.tokens.iter().map(|t| t.slice(&o.text)).collect();
    assert_eq!(toks, vec!["Lima", "enam"]);
}

#[test]
fn exact_duplicates_ignore_case_punctuation_and_spacing() {
    let body = prose(1, 200);
    let variant = body.to_uppercase().replace(' ', "  ");
    let mut d = Deduplicator::new(DedupConfig::default());
    let out = run(&mut d, vec![article("a", None, &body), article("b", None, &variant)], 8);
    assert!(out[0].duplicate.is_none());
    let dup = out[1].duplicate.as_ref().expect("b duplicates a");
    assert_eq!(dup.of, "a");
    assert_eq!(dup.kind, DuplicateKind::Exact);
    assert_eq!(dup.similarity, 1.0);
}

#[test]
fn near_duplicates_merge_and_different_stories_do_not() {
    let a = prose(10, 400);
    let b = substitute(&a, 60, "ganti"); // 1 word in 60: J about 0.85
    let c = prose(11, 400);
    let j = exact_jaccard(&a, &b, 5);
    assert!(j > 0.8 && j < 0.95, "j = {j}");
    let mut d = Deduplicator::new(DedupConfig::default());
    let out = run(
        &mut d,
        vec![article("a", None, &a), article("c", None, &c), article("b", None, &b)],
        2,
    );
    assert!(out[0].duplicate.is_none());
    assert!(out[1].duplicate.is_none());
    let dup = out[2].duplicate.as_ref().expect("b near-duplicates a");
    assert_eq!(dup.of, "a");
    assert_eq!(dup.kind, DuplicateKind::Near);
    assert!((f64::from(dup.similarity) - j).abs() < 0.1, "{} vs {j}", dup.similarity);
}

#[test]
fn pairs_below_half_are_never_merged() {
    let a = prose(20, 400);
    let b = substitute(&a, 6, "ubah"); // J about 0.3
    assert!(exact_jaccard(&a, &b, 5) < 0.5);
    let mut d = Deduplicator::new(DedupConfig::default());
    let out = run(&mut d, vec![article("a", None, &a), article("b", None, &b)], 2);
    assert!(out.iter().all(|x| x.duplicate.is_none()));
}

#[test]
fn near_duplicates_can_be_switched_off() {
    let a = prose(10, 400);
    let b = substitute(&a, 60, "ganti");
    let cfg = DedupConfig { near: false, ..Default::default() };
    let mut d = Deduplicator::new(cfg);
    let out = run(&mut d, vec![article("a", None, &a), article("b", None, &b), article("c", None, &a)], 2);
    assert!(out[1].duplicate.is_none());
    assert_eq!(out[2].duplicate.as_ref().map(|d| d.kind), Some(DuplicateKind::Exact));
}

fn mixed_stream() -> Vec<Article> {
    let mut v = Vec::new();
    for i in 0..30u64 {
        let group = i % 9;
        let base = prose(100 + group, 150 + (group as usize % 5) * 30);
        let text = match (i / 9) % 3 {
            0 => base,
            1 => substitute(&base, 80, &format!("v{i}x")),
            _ => format!("{base} Tambahan kalimat penutup nomor {i}."),
        };
        let mut a = article(&format!("n{i:02}"), Some("Judul"), &text);
        a.date = Some(format!("2025-06-{:02}", 1 + (i * 7) % 28));
        v.push(a);
    }
    v.push(spun_article());
    v.push(Article::new("empty", ""));
    v
}

#[test]
fn output_is_in_input_order_and_independent_of_batch_size() {
    for keep in [KeepPolicy::First, KeepPolicy::Longest, KeepPolicy::Latest] {
        let cfg = DedupConfig { keep, keep_window: 7, ..Default::default() };
        let reference = run(&mut Deduplicator::new(cfg.clone()), mixed_stream(), 1000);
        let ids: Vec<&str> = reference.iter().map(|a| a.id.as_str()).collect();
        let input_ids: Vec<String> = mixed_stream().into_iter().map(|a| a.id).collect();
        assert_eq!(ids, input_ids);
        assert!(reference.iter().filter(|a| a.duplicate.is_some()).count() >= 15, "{keep:?}");
        let summary = |v: &[Article]| -> Vec<(String, Option<String>)> {
            v.iter().map(|a| (a.id.clone(), a.duplicate.as_ref().map(|d| d.of.clone()))).collect()
        };
        for batch in [1, 2, 5, 13] {
            let got = run(&mut Deduplicator::new(cfg.clone()), mixed_stream(), batch);
            assert_eq!(summary(&got), summary(&reference), "{keep:?} batch {batch}");
            assert!(got == reference, "{keep:?} batch {batch}: articles differ");
        }
    }
}

#[test]
fn duplicates_always_name_a_kept_article_under_first() {
    let out = run(&mut Deduplicator::new(DedupConfig::default()), mixed_stream(), 4);
    let kept: Vec<&str> = out.iter().filter(|a| a.duplicate.is_none()).map(|a| a.id.as_str()).collect();
    for a in &out {
        if let Some(d) = &a.duplicate {
            assert!(kept.contains(&d.of.as_str()), "{} -> {}", a.id, d.of);
        }
    }
}

#[test]
fn keep_longest_keeps_the_longest_member() {
    let base = prose(5, 300);
    let longer = format!("{base} Kalimat tambahan di akhir berita ini.");
    let cfg = DedupConfig { keep: KeepPolicy::Longest, ..Default::default() };
    let out = run(
        &mut Deduplicator::new(cfg),
        vec![article("short", None, &base), article("long", None, &longer), article("other", None, &prose(6, 300))],
        1,
    );
    assert_eq!(out[0].duplicate.as_ref().map(|d| d.of.as_str()), Some("long"));
    assert!(out[1].duplicate.is_none());
    assert!(out[2].duplicate.is_none());
}

#[test]
fn keep_latest_keeps_the_newest_date() {
    let base = prose(5, 300);
    let update = substitute(&base, 60, "rev");
    let mut old = article("old", None, &base);
    old.date = Some("2025-06-18T07:00".into());
    let mut new = article("new", None, &update);
    new.date = Some("2025-06-18T09:30".into());
    let cfg = DedupConfig { keep: KeepPolicy::Latest, ..Default::default() };
    let out = run(&mut Deduplicator::new(cfg), vec![old, new], 1);
    let d = out[0].duplicate.as_ref().expect("old version is the duplicate");
    assert_eq!(d.of, "new");
    assert_eq!(d.kind, DuplicateKind::Near);
    assert!(out[1].duplicate.is_none());
}

#[test]
fn keep_window_bounds_what_is_held_back() {
    let cfg = DedupConfig { keep: KeepPolicy::Longest, keep_window: 3, ..Default::default() };
    let mut d = Deduplicator::new(cfg);
    let mut released = 0;
    for i in 0..10u64 {
        released += d.process_batch(vec![article(&format!("x{i}"), None, &prose(200 + i, 50))]).len();
        assert!(i as usize + 1 - released <= 3);
    }
    assert_eq!(released + d.finish().len(), 10);
}

#[test]
fn index_round_trip_deduplicates_a_later_run() {
    let a = prose(30, 300);
    let b = substitute(&a, 45, "baru");
    let mut first = Deduplicator::new(DedupConfig::default());
    let out1 = run(&mut first, vec![article("day1-a", None, &a), article("day1-x", None, &prose(31, 300))], 2);
    assert!(out1.iter().all(|x| x.duplicate.is_none()));
    let mut bytes = Vec::new();
    first.save_index(&mut bytes).unwrap();
    let mut second = Deduplicator::load_index(DedupConfig::default(), bytes.as_slice()).unwrap();
    assert_eq!(second.indexed(), 2);
    let out2 = run(
        &mut second,
        vec![article("day2-b", None, &b), article("day2-a", None, &a), article("day2-y", None, &prose(32, 300))],
        3,
    );
    assert_eq!(out2[0].duplicate.as_ref().map(|d| (d.of.as_str(), d.kind)), Some(("day1-a", DuplicateKind::Near)));
    assert_eq!(out2[1].duplicate.as_ref().map(|d| (d.of.as_str(), d.kind)), Some(("day1-a", DuplicateKind::Exact)));
    assert!(out2[2].duplicate.is_none());
    // Saving again is deterministic: same state, same bytes.
    let mut again1 = Vec::new();
    let mut again2 = Vec::new();
    second.save_index(&mut again1).unwrap();
    second.save_index(&mut again2).unwrap();
    assert_eq!(again1, again2);
}

#[test]
fn one_run_equals_two_runs_with_an_index() {
    // Boilerplate counts included: a checkpoint must resume exactly.
    let promo = "Dapatkan kabar terbaru setiap hari lewat kanal resmi kami.";
    let mut stream = mixed_stream();
    for (i, a) in stream.iter_mut().enumerate() {
        if i % 2 == 0 && !a.text.is_empty() {
            a.text = format!("{}\n{promo}", a.text);
            a.sentences = segment(&a.text);
        }
    }
    let cfg = DedupConfig { boilerplate_min_articles: 4, ..Default::default() };
    let whole = run(&mut Deduplicator::new(cfg.clone()), stream.clone(), 5);
    assert!(whole.iter().any(|a| a.removed.iter().any(|r| r.reason == "boilerplate_sentence")));
    for cut in [1, 7, 14, 25] {
        let (p1, p2) = stream.split_at(cut);
        let mut d1 = Deduplicator::new(cfg.clone());
        let mut got = run(&mut d1, p1.to_vec(), 5);
        let mut buf = Vec::new();
        d1.save_index(&mut buf).unwrap();
        let mut d2 = Deduplicator::load_index(cfg.clone(), buf.as_slice()).unwrap();
        got.extend(run(&mut d2, p2.to_vec(), 5));
        assert!(got == whole, "cut at {cut}");
    }
}

#[test]
fn index_bytes_per_article_stay_under_200() {
    let articles: Vec<Article> =
        (0..300u64).map(|i| article(&format!("idrss-2025-06-18-{i:04}"), None, &prose(1000 + i, 120))).collect();
    // The per-article part (signatures, hashes, union-find, ids).
    let mut d = Deduplicator::new(DedupConfig { boilerplate_min_articles: 0, ..Default::default() });
    run(&mut d, articles.clone(), 64);
    let mut buf = Vec::new();
    d.save_index(&mut buf).unwrap();
    let per = buf.len() as f64 / 300.0;
    assert!(per < 200.0, "{per} bytes per article");
    // The boilerplate summary is a bounded, fixed cost on top.
    let cfg = DedupConfig { boilerplate_capacity: 256, ..Default::default() };
    let mut d = Deduplicator::new(cfg);
    run(&mut d, articles, 64);
    let mut with_summary = Vec::new();
    d.save_index(&mut with_summary).unwrap();
    assert!(with_summary.len() > buf.len());
    assert!(with_summary.len() <= buf.len() + 256 * 14 + 16, "{} vs {}", with_summary.len(), buf.len());
}

#[test]
fn a_bad_index_is_refused_with_a_clear_error() {
    assert!(matches!(Deduplicator::load_index(DedupConfig::default(), &b"nope"[..]), Err(Error::Format(_))));
    assert!(matches!(
        Deduplicator::load_index(DedupConfig::default(), &b"WARTADDX\x09\x00"[..]),
        Err(Error::Format(_))
    ));
    let mut buf = Vec::new();
    Deduplicator::new(DedupConfig::default()).save_index(&mut buf).unwrap();
    let other = DedupConfig { shingle_words: 3, ..Default::default() };
    assert!(matches!(Deduplicator::load_index(other, buf.as_slice()), Err(Error::Config(_))));
    // Truncated state.
    let mut d = Deduplicator::new(DedupConfig::default());
    run(&mut d, vec![article("a", None, &prose(1, 100))], 1);
    let mut full = Vec::new();
    d.save_index(&mut full).unwrap();
    assert!(Deduplicator::load_index(DedupConfig::default(), &full[..full.len() / 2]).is_err());
}

#[test]
fn shard_indexes_merge_and_report_cross_shard_duplicates() {
    let shared = prose(40, 300);
    let near = substitute(&shared, 50, "s1");
    let mut s0 = Deduplicator::new(DedupConfig::default());
    run(&mut s0, vec![article("s0-a", None, &shared), article("s0-b", None, &prose(41, 300))], 4);
    let mut s1 = Deduplicator::new(DedupConfig::default());
    let out1 = run(
        &mut s1,
        vec![
            article("s1-a", None, &near),
            article("s1-a2", None, &near),
            article("s1-c", None, &prose(42, 300)),
        ],
        4,
    );
    assert_eq!(out1[1].duplicate.as_ref().map(|d| d.of.as_str()), Some("s1-a"));
    // Through the index file, as a dedup-merge command would do it.
    let mut bytes = Vec::new();
    s1.save_index(&mut bytes).unwrap();
    let s1 = Deduplicator::load_index(DedupConfig::default(), bytes.as_slice()).unwrap();
    let newly = s0.merge(s1).unwrap();
    assert_eq!(newly.len(), 1);
    assert_eq!(newly[0].0, "s1-a");
    assert_eq!(newly[0].1.of, "s0-a");
    assert_eq!(newly[0].1.kind, DuplicateKind::Near);
    assert_eq!(s0.indexed(), 5);
    assert_eq!(s0.seen(), 5);
    // The merged index now catches copies of every shard's articles.
    let out = run(
        &mut s0,
        vec![article("later-1", None, &near), article("later-2", None, &prose(42, 300))],
        2,
    );
    assert_eq!(out[0].duplicate.as_ref().map(|d| d.of.as_str()), Some("s0-a"));
    assert_eq!(out[1].duplicate.as_ref().map(|d| d.of.as_str()), Some("s1-c"));
}

#[test]
fn boilerplate_sentences_go_once_they_are_common() {
    let promo = "Ikuti berita terkini kami di kanal WhatsApp resmi.";
    let cfg = DedupConfig { boilerplate_min_articles: 3, ..Default::default() };
    let mut d = Deduplicator::new(cfg);
    let articles: Vec<Article> = (0..5u64)
        .map(|i| article(&format!("b{i}"), None, &format!("{}\n{promo}", prose(300 + i, 40))))
        .collect();
    let out = run(&mut d, articles, 2);
    for (i, a) in out.iter().enumerate() {
        let has = a.text.contains(promo);
        assert_eq!(has, i < 2, "article {i}: {:?}", a.text);
        if !has {
            assert_eq!(a.removed.len(), 1);
            assert_eq!(a.removed[0].reason, "boilerplate_sentence");
            assert!(!a.text.ends_with('\n'));
            spans_are_valid(a);
        }
    }
}

#[test]
fn boilerplate_never_empties_an_article_and_can_be_off() {
    let promo = "Ikuti berita terkini kami di kanal WhatsApp resmi.";
    let cfg = DedupConfig { boilerplate_min_articles: 2, ..Default::default() };
    let out = run(
        &mut Deduplicator::new(cfg),
        (0..3).map(|i| article(&format!("p{i}"), None, promo)).collect(),
        1,
    );
    assert!(out.iter().all(|a| a.text == promo));
    let off = DedupConfig { boilerplate_min_articles: 0, ..Default::default() };
    let out = run(
        &mut Deduplicator::new(off),
        (0..60u64).map(|i| article(&format!("q{i}"), None, &format!("{} {promo}", prose(i, 30)))).collect(),
        7,
    );
    assert!(out.iter().all(|a| a.text.contains(promo)));
}

#[test]
fn config_is_validated_and_clamped() {
    assert!(DedupConfig::default().validate().is_ok());
    assert!(DedupConfig { rows: 20, ..Default::default() }.validate().is_err());
    assert!(DedupConfig { bands: 64, rows: 8, ..Default::default() }.validate().is_err());
    assert!(DedupConfig { num_perm: 3, ..Default::default() }.validate().is_err());
    let d = Deduplicator::new(DedupConfig { num_perm: 3, rows: 99, bands: 0, threshold: f64::NAN, ..Default::default() });
    assert!(d.config().validate().is_ok());
    let json = r#"{"keep":"longest","threshold":0.9}"#;
    let cfg: DedupConfig = serde_json::from_str(json).unwrap();
    assert_eq!(cfg.keep, KeepPolicy::Longest);
    assert_eq!(cfg.num_perm, 256);
}

#[test]
fn odd_inputs_do_not_panic() {
    let weird = [
        "",
        "\n\n\n",
        "....",
        "“”‘’ — …",
        "ग़ज़ल ग़ज़ल ग़ज़ल. ग़ज़ल ग़ज़ल ग़ज़ल. ग़ज़ल ग़ज़ल ग़ज़ल.",
        "北京欢迎你。北京欢迎你。北京欢迎你。",
        "a\u{0}b\u{FEFF}c. a b c. a b c.",
        "🙂🙂🙂. 🙂🙂🙂.",
    ];
    let mut d = Deduplicator::new(DedupConfig { boilerplate_min_articles: 1, ..Default::default() });
    let mut input = Vec::new();
    for (i, t) in weird.iter().enumerate() {
        let mut a = article(&format!("w{i}"), Some(t), t);
        input.push(a.clone());
        // Broken spans are ignored (line units instead), never trusted.
        a.id = format!("w{i}-bad");
        a.sentences = vec![Span { start: 3, end: 1 }, Span { start: 0, end: t.len() + 5 }];
        input.push(a);
    }
    let out = run(&mut d, input, 3);
    assert_eq!(out.len(), weird.len() * 2);
    for a in out.iter().filter(|a| !a.id.ends_with("-bad")) {
        for s in &a.sentences {
            assert!(s.end <= a.text.len() && a.text.is_char_boundary(s.start) && a.text.is_char_boundary(s.end));
        }
    }
}

#[test]
fn the_s_curve_function_matches_the_documented_table() {
    let rows = [(0.5, 0.18), (0.6, 0.53), (0.7, 0.91), (0.8, 0.9988)];
    for (j, p) in rows {
        assert!((candidate_probability(j, 32, 8) - p).abs() < 0.005, "{j}");
    }
}

#[test]
fn an_updated_recrawl_of_the_same_url_merges_at_the_lower_threshold() {
    let a = prose(60, 400);
    let b = substitute(&a, 18, "upd"); // J about 0.5-0.6: below the document threshold
    let j = exact_jaccard(&a, &b, 5);
    assert!(j > 0.5 && j < 0.7, "j = {j}");
    let with_url = |id: &str, text: &str, url: &str| {
        let mut x = article(id, None, text);
        x.url = Some(url.to_string());
        x
    };
    let out = run(
        &mut Deduplicator::new(DedupConfig::default()),
        vec![
            with_url("v1", &a, "https://www.contoh.co.id/berita/123/judul?utm_source=x"),
            with_url("v2", &b, "http://contoh.co.id/berita/123/judul/#top"),
        ],
        1,
    );
    let d = out[1].duplicate.as_ref().expect("same URL, same story");
    assert_eq!((d.of.as_str(), d.kind), ("v1", DuplicateKind::Near));
    // Another URL, or the URL rule off: not merged.
    let out = run(
        &mut Deduplicator::new(DedupConfig::default()),
        vec![with_url("v1", &a, "https://contoh.co.id/a"), with_url("v2", &b, "https://contoh.co.id/b")],
        1,
    );
    assert!(out[1].duplicate.is_none());
    let off = DedupConfig { url_threshold: 1.0, ..Default::default() };
    let out = run(
        &mut Deduplicator::new(off),
        vec![with_url("v1", &a, "https://contoh.co.id/a"), with_url("v2", &b, "https://contoh.co.id/a")],
        1,
    );
    assert!(out[1].duplicate.is_none());
}

#[test]
fn url_keys_ignore_what_does_not_name_the_page() {
    let k = url_key("https://www.detik.com/news/d-123/judul");
    assert_eq!(k, url_key("http://detik.com/news/d-123/judul/"));
    assert_eq!(k, url_key("https://m.detik.com/news/d-123/judul?utm_medium=social#x"));
    assert_ne!(k, url_key("https://detik.com/news/d-124/judul"));
    assert_ne!(url_key("https://site.id/read?id=1"), url_key("https://site.id/read?id=2"));
    assert_eq!(url_key(""), 0);
    assert_eq!(url_key("https://"), 0);
}

#[test]
fn a_drifting_chain_stops_at_the_representative_floor() {
    // a ~ b ~ c pairwise near, but c is far from a: c must not be named a
    // duplicate of a.
    let a = prose(90, 400);
    let b = substitute(&a, 28, "p"); // J(a, b) about 0.7
    let c = substitute(&b, 27, "q");
    let cfg = DedupConfig { threshold: 0.62, verify_slack: 0.0, rep_floor: 0.6, url_threshold: 1.0, ..Default::default() };
    let jab = exact_jaccard(&a, &b, 5);
    let jbc = exact_jaccard(&b, &c, 5);
    let jac = exact_jaccard(&a, &c, 5);
    assert!(jab > 0.67 && jbc > 0.67 && jac < 0.55, "{jab} {jbc} {jac}");
    let out = run(
        &mut Deduplicator::new(cfg.clone()),
        vec![article("a", None, &a), article("b", None, &b), article("c", None, &c)],
        1,
    );
    assert_eq!(out[1].duplicate.as_ref().map(|d| d.of.as_str()), Some("a"));
    assert!(out[2].duplicate.is_none(), "{:?}", out[2].duplicate);
    // Without the floor the chain carries c to a.
    let loose = DedupConfig { rep_floor: 0.0, ..cfg };
    let out = run(
        &mut Deduplicator::new(loose),
        vec![article("a", None, &a), article("b", None, &b), article("c", None, &c)],
        1,
    );
    assert_eq!(out[2].duplicate.as_ref().map(|d| d.of.as_str()), Some("a"));
}

#[test]
fn a_corrupt_union_find_is_refused_not_looped_on() {
    assert!(parents_form_a_forest(&[0, 0, 1, 3]));
    assert!(!parents_form_a_forest(&[1, 0]));
    assert!(!parents_form_a_forest(&[0, 2, 3, 1]));
    let params = DedupConfig::default().sig_params();
    let stored = Stored {
        params: Some(params),
        seen: 2,
        exact: vec![1, 2],
        parent: vec![1, 0],
        flags: vec![0, 0],
        sketches: vec![0; 2 * params.sketch_bytes()],
        ids: vec![String::new(), String::new()],
        urls: vec![0, 0],
        boilerplate_capacity: 16,
        boilerplate: Vec::new(),
    };
    let mut bytes = MAGIC.to_vec();
    bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    bincode::serde::encode_into_std_write(&stored, &mut bytes, bincode::config::standard()).unwrap();
    assert!(matches!(Deduplicator::load_index(DedupConfig::default(), bytes.as_slice()), Err(Error::Format(_))));
}

#[test]
fn bridged_reports_kept_articles_joined_by_a_later_one() {
    // a and c are kept (too far apart to merge); b is near both and joins them.
    let base = prose(500, 600);
    let words: Vec<&str> = base.split(' ').collect();
    let a = words[..500].join(" ");
    let c = words[100..].join(" ");
    let b = words[50..550].join(" ");
    assert!(exact_jaccard(&a, &c, 5) < 0.7);
    assert!(exact_jaccard(&a, &b, 5) > 0.8 && exact_jaccard(&b, &c, 5) > 0.8);
    let mut d = Deduplicator::new(DedupConfig::default());
    let out = run(&mut d, vec![article("a", None, &a), article("c", None, &c), article("b", None, &b)], 3);
    assert!(out[0].duplicate.is_none() && out[1].duplicate.is_none());
    assert_eq!(out[2].duplicate.as_ref().map(|x| x.of.as_str()), Some("a"));
    assert_eq!(d.bridged(), vec![("c".to_string(), "a".to_string())]);
}

/// Random articles built from a small pool of pieces (so that repeats,
/// titles and boilerplate actually happen), with odd characters mixed in.
#[test]
fn randomised_articles_keep_every_invariant() {
    const PIECES: [&str; 14] = [
        "Harga beras naik lagi pekan ini di pasar induk.",
        "Namun pedagang mengeluhkan pasokan yang menurun dari.",
        "Menteri meninjau pasar",
        "“Kami akan menjaga stabilitas harga,” katanya.",
        "Ikuti berita terkini kami di kanal resmi setiap hari.",
        "北京欢迎你。",
        "Ça coûte 3 € — très cher!",
        "🙂",
        "A.",
        "Jadwal: 15.30 WIB",
        "   ",
        "\t",
        "Tiongkok-Rusia; kerja sama…",
        "ग़ज़ल",
    ];
    let mut x = 0x1234_5678_9abc_def1u64;
    let mut next = move |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    let mut input = Vec::new();
    for i in 0..300 {
        let mut text = String::new();
        for _ in 0..next(25) {
            text.push_str(PIECES[next(PIECES.len())]);
            text.push_str(["", " ", " ", "\n", "\n\n", " \n"][next(6)]);
        }
        let mut a = Article::new(format!("r{i}"), text.clone());
        a.title = (next(2) == 0).then(|| PIECES[next(PIECES.len())].to_string());
        a.url = (next(3) == 0).then(|| format!("https://contoh.id/{}", next(20)));
        a.date = Some(format!("2025-06-{:02}", 1 + next(28)));
        a.sentences = segment(&text);
        a.tokens = a.sentences.clone();
        input.push(a);
    }
    for keep in [KeepPolicy::First, KeepPolicy::Longest] {
        let cfg = DedupConfig { keep, keep_window: 5, boilerplate_min_articles: 3, ..Default::default() };
        let out = run(&mut Deduplicator::new(cfg.clone()), input.clone(), 7);
        assert_eq!(out.len(), input.len());
        for (o, i) in out.iter().zip(&input) {
            assert_eq!(o.id, i.id);
            let mut prev = 0;
            for s in o.sentences.iter().chain(&o.tokens) {
                assert!(s.start <= s.end && s.end <= o.text.len());
                assert!(o.text.is_char_boundary(s.start) && o.text.is_char_boundary(s.end));
            }
            for s in &o.sentences {
                assert!(s.start >= prev);
                prev = s.end;
            }
            // Sentences keep their text; removals are pieces of the input.
            for s in &o.sentences {
                assert!(i.text.contains(s.slice(&o.text)));
            }
            for r in &o.removed {
                assert!(i.text.contains(&r.text), "{:?} not in {:?}", r.text, i.text);
            }
            if !o.removed.is_empty() {
                assert!(!o.text.contains("\n\n") || i.text.contains("\n\n"));
            }
        }
        let again = run(&mut Deduplicator::new(cfg), input.clone(), 300);
        assert!(again == out, "batch size changed the result ({keep:?})");
    }
}

#[test]
fn a_template_repeated_hundreds_of_times_stays_one_cluster() {
    // Band buckets are capped; members beyond the cap still find the
    // cluster through the members that are in the table.
    let template = prose(900, 300);
    let mut input: Vec<Article> = (0..400)
        .map(|i| article(&format!("t{i:03}"), None, &format!("{template} Edisi nomor {i} hari ini.")))
        .collect();
    input.push(article("other", None, &prose(901, 300)));
    let mut d = Deduplicator::new(DedupConfig::default());
    let out = run(&mut d, input.clone(), 64);
    assert!(out[0].duplicate.is_none());
    let bad: Vec<_> = out[1..400]
        .iter()
        .filter(|a| !matches!(&a.duplicate, Some(x) if x.of == "t000"))
        .map(|a| (a.id.clone(), a.duplicate.clone()))
        .collect();
    assert!(bad.is_empty(), "{} not merged: {:?}", bad.len(), &bad[..bad.len().min(5)]);
    assert!(out[400].duplicate.is_none());
    // Through a saved index the same holds for a new member.
    let mut bytes = Vec::new();
    d.save_index(&mut bytes).unwrap();
    let mut d2 = Deduplicator::load_index(DedupConfig::default(), bytes.as_slice()).unwrap();
    let late = run(&mut d2, vec![article("late", None, &format!("{template} Edisi terakhir."))], 1);
    assert_eq!(late[0].duplicate.as_ref().map(|x| x.of.as_str()), Some("t000"));
}


#[test]
fn url_keys_of_non_ascii_hosts_do_not_panic() {
    // Found by fuzzing: a prefix check sliced inside a multi-byte character.
    for url in ["http://aé.com/berita", "https://é/", "http://wwwé.x/y", "http://m.é/"] {
        let _ = crate::url_key(url);
    }
    assert_eq!(crate::url_key("https://www.Example.com/a/"), crate::url_key("http://example.com/a"));
}

#[test]
fn a_damaged_index_length_is_an_error_not_an_allocation() {
    let mut bytes = Vec::new();
    Deduplicator::new(DedupConfig::default()).save_index(&mut bytes).unwrap();
    // Claim an enormous table right after the header.
    bytes.truncate(10);
    bytes.extend_from_slice(&[0xFF; 17]);
    assert!(Deduplicator::load_index(DedupConfig::default(), &bytes[..]).is_err());
}

#[test]
fn the_index_reports_the_memory_it_holds_and_it_grows_with_the_archive() {
    let mut d = Deduplicator::new(DedupConfig::default());
    let empty = d.index_heap_bytes();
    let small: Vec<Article> = (0..200).map(|i| article(&format!("s{i}"), None, &prose(i, 80))).collect();
    run(&mut d, small, 64);
    let after_small = d.index_heap_bytes();
    let large: Vec<Article> = (200..2200).map(|i| article(&format!("s{i}"), None, &prose(i, 80))).collect();
    run(&mut d, large, 64);
    let after_large = d.index_heap_bytes();
    assert!(after_small > empty, "{empty} → {after_small}");
    // Ten times the articles: at least several times the memory (every
    // article keeps a sketch of 256 bytes or more), and what StreamStage reports.
    assert!(after_large > 4 * after_small.saturating_sub(empty), "{after_small} → {after_large}");
    assert!(after_large >= 2200 * 256, "{after_large}");
    assert_eq!(d.state_bytes(), after_large as u64);
}

#[test]
fn a_damaged_id_length_in_an_index_is_an_error_not_a_huge_allocation() {
    let mut d = Deduplicator::new(DedupConfig::default());
    run(&mut d, vec![article("ID-MARKER", None, &prose(7, 60))], 8);
    let mut saved = Vec::new();
    d.save_index(&mut saved).unwrap();
    let at = saved.windows(9).position(|w| w == b"ID-MARKER").expect("the id is stored");
    assert_eq!(saved[at - 1], 9, "a short length is one byte");
    // The id's length now claims 32 GiB (bincode varint: 253 then a u64).
    let mut damaged = saved[..at - 1].to_vec();
    damaged.push(253);
    damaged.extend_from_slice(&(32u64 << 30).to_le_bytes());
    damaged.extend_from_slice(&saved[at..]);
    let err = Deduplicator::load_index(DedupConfig::default(), &damaged[..]).unwrap_err();
    assert!(err.to_string().contains("dedup index"), "{err}");
    // The undamaged index still loads.
    assert!(Deduplicator::load_index(DedupConfig::default(), &saved[..]).is_ok());
}

#[test]
fn copies_cut_from_a_sentence_of_the_article_go_and_the_sentence_stays() {
    // Twice is enough when the copies open a longer sentence of the article:
    // the spinner cut them from it.
    let whole = "Pemerintah daerah menyiapkan bantuan beras untuk warga terdampak banjir di tiga kecamatan.";
    let cut = "Pemerintah daerah menyiapkan bantuan beras untuk warga.";
    let text = format!(
        "Hujan deras mengguyur kota sejak Senin malam. {cut}\n\
         {whole} Bantuan dibagikan mulai Rabu pagi.\n\
         Petugas mendata rumah yang rusak. {cut}"
    );
    let mut d = Deduplicator::new(DedupConfig::default());
    let a = &run(&mut d, vec![article("c", None, &text)], 10)[0];
    assert_eq!(a.text.matches(cut).count(), 0, "{}", a.text);
    assert_eq!(a.text.matches(whole).count(), 1, "{}", a.text);
    assert_eq!(a.removed.iter().filter(|r| r.reason == "spun_fragment").count(), 2, "{:?}", a.removed);
    spans_are_valid(a);
    // A sentence that is only repeated (no longer one opens with it) is
    // not cut: its later copy goes as a repeat, the first stays.
    let repeated = format!("Hujan deras mengguyur kota sejak Senin malam. {cut}\nPetugas mendata rumah yang rusak. {cut}");
    let b = &run(&mut Deduplicator::new(DedupConfig::default()), vec![article("r", None, &repeated)], 10)[0];
    assert_eq!(b.text.matches(cut).count(), 1, "{}", b.text);
}
