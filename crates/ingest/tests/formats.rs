//! Every format and every bad-input case, on fixtures written by the tests.

use std::io::Write;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use warta_core::{Article, Reject, RejectReason};
use warta_ingest::{plan, read_all, read_file, read_from, Compression, IngestConfig, InputFormat, Record};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn zstd(bytes: &[u8]) -> Vec<u8> {
    zstd::encode_all(bytes, 3).unwrap()
}

fn read_paths(paths: &[PathBuf], cfg: &IngestConfig) -> Vec<Record> {
    read_all(&plan(paths, cfg).unwrap(), cfg).unwrap()
}

fn read_one(path: &Path) -> Vec<Record> {
    read_paths(&[path.to_path_buf()], &IngestConfig::default())
}

fn articles(records: &[Record]) -> Vec<&Article> {
    records.iter().filter_map(|r| if let Record::Article(a) = r { Some(a) } else { None }).collect()
}

fn rejects(records: &[Record]) -> Vec<&Reject> {
    records.iter().filter_map(|r| if let Record::Reject(j) = r { Some(j) } else { None }).collect()
}

fn only_reject(records: &[Record]) -> &Reject {
    assert_eq!(records.len(), 1, "{records:?}");
    rejects(records)[0]
}

/// JSONL lines of `n` articles with varied words, so they do not compress
/// to nothing (a truncation must cut through several compressed blocks).
fn varied_jsonl(n: usize) -> String {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut out = String::new();
    for i in 0..n {
        let mut words = Vec::new();
        for _ in 0..30 {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            words.push(format!("{:x}", state >> 40));
        }
        out.push_str(&format!("{{\"id\":\"v{i}\",\"text\":\"{}\"}}\n", words.join(" ")));
    }
    out
}

/// JSONL lines of `n` simple articles.
fn jsonl_lines(n: usize) -> String {
    (0..n).map(|i| format!("{{\"id\":\"a{i}\",\"title\":\"Judul {i}\",\"text\":\"Isi berita nomor {i}.\"}}\n")).collect()
}

// ---------------------------------------------------------------- formats

#[test]
fn txt_file_is_one_article_with_title_and_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "berita-1.txt", b"\n  Banjir di Jakarta \r\nParagraf satu.\r\n\r\n   \nParagraf dua.\n");
    let records = read_one(&path);
    let a = articles(&records);
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].id, "berita-1");
    assert_eq!(a[0].title.as_deref(), Some("Banjir di Jakarta"));
    assert_eq!(a[0].text, "Paragraf satu.\nParagraf dua.");
    assert_eq!(a[0].source.file, path.display().to_string());
    assert_eq!(a[0].source.record, 0);
    assert!(a[0].edits.is_empty());
}

#[test]
fn jsonl_lines_become_articles_with_provenance_and_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let body = "{\"id\":\"k1\",\"title\":\"T\",\"text\":\"Satu.\",\"url\":\"https://x.id/1\",\"date\":\"2024-01-02\",\"lang\":\"id\",\"kategori\":\"politik\"}\n\
                \n\
                {\"text\":\"Dua.\",\"url\":\"https://x.id/2\"}\n\
                {\"text\":\"Tiga.\"}";
    let path = write(dir.path(), "dump.jsonl", body.as_bytes());
    let cfg = IngestConfig { default_lang: Some("en".into()), ..Default::default() };
    let records = read_paths(std::slice::from_ref(&path), &cfg);
    let a = articles(&records);
    assert_eq!(a.len(), 3, "{records:?}");
    assert_eq!((a[0].id.as_str(), a[0].lang.as_deref(), a[0].date.as_deref()), ("k1", Some("id"), Some("2024-01-02")));
    assert_eq!(a[0].extra.0["kategori"], "politik", "unknown fields pass through");
    assert!(a[1].id.starts_with("url-") && a[1].id.len() == 20, "id derived from the URL: {}", a[1].id);
    assert_eq!(a[2].id, "dump-2", "id derived from file stem and record index");
    assert_eq!(a[2].lang.as_deref(), Some("en"), "--lang fills a missing language");
    // Blank lines are not records; offsets point at each line.
    assert_eq!(a.iter().map(|a| a.source.record).collect::<Vec<_>>(), vec![0, 1, 2]);
    let offsets: Vec<u64> = a.iter().map(|a| a.source.offset.unwrap()).collect();
    for (art, off) in a.iter().zip(&offsets) {
        let rest = &body.as_bytes()[*off as usize..];
        let line = rest.split(|&b| b == b'\n').next().unwrap();
        assert!(std::str::from_utf8(line).unwrap().contains(&art.text), "offset {off} points at its line");
    }
    // The same URL gives the same id in any run.
    let again = read_paths(&[path], &cfg);
    assert_eq!(articles(&again)[1].id, a[1].id);
}

#[test]
fn field_mapping_renames_input_fields() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "m.jsonl",
        br#"{"doc_id":7,"headline":"Judul","body":"Isi.","meta":{"link":"https://x.id/a"}}"#,
    );
    let mut cfg = IngestConfig::default();
    for arg in ["text=body", "title=headline", "id=doc_id", "url=meta.link"] {
        cfg.add_field_mapping(arg).unwrap();
    }
    assert!(cfg.add_field_mapping("text").is_err());
    let records = read_paths(&[path], &cfg);
    let a = articles(&records);
    assert_eq!(a.len(), 1, "{records:?}");
    assert_eq!((a[0].id.as_str(), a[0].title.as_deref(), a[0].text.as_str()), ("7", Some("Judul"), "Isi."));
    assert_eq!(a[0].url.as_deref(), Some("https://x.id/a"));
}

#[test]
fn gzip_jsonl_is_read_and_counted_in_compressed_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let packed = gzip(jsonl_lines(500).as_bytes());
    let path = write(dir.path(), "d.jsonl.gz", &packed);
    let cfg = IngestConfig::default();
    let files = plan(&[path], &cfg).unwrap();
    assert_eq!((files[0].format, files[0].compression, files[0].size), (InputFormat::Jsonl, Compression::Gzip, Some(packed.len() as u64)));
    let counter = AtomicU64::new(0);
    let mut n = 0;
    read_file(&files[0], &cfg, &counter, &mut |r| {
        assert!(matches!(r, Record::Article(_)));
        n += 1;
        ControlFlow::Continue(())
    })
    .unwrap();
    assert_eq!(n, 500);
    assert_eq!(counter.load(Ordering::Relaxed), packed.len() as u64);
}

#[test]
fn zstd_jsonl_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "d.jsonl.zst", &zstd(jsonl_lines(300).as_bytes()));
    let records = read_one(&path);
    assert_eq!(articles(&records).len(), 300);
    assert_eq!(articles(&records)[299].id, "a299");
}

#[test]
fn magic_bytes_beat_a_lying_extension() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "d.jsonl", &gzip(jsonl_lines(3).as_bytes()));
    assert_eq!(articles(&read_one(&path)).len(), 3);
}

#[test]
fn stdin_is_jsonl_and_may_be_compressed() {
    let cfg = IngestConfig::default();
    let files = plan(&[PathBuf::from("-")], &cfg).unwrap();
    assert_eq!((files[0].format, files[0].size), (InputFormat::Jsonl, None));
    assert!(files[0].is_stdin());
    for bytes in [jsonl_lines(4).into_bytes(), zstd(jsonl_lines(4).as_bytes())] {
        let mut got = Vec::new();
        read_from(&bytes[..], "-", InputFormat::Jsonl, &cfg, &mut |r| {
            got.push(r);
            ControlFlow::Continue(())
        })
        .unwrap();
        let a = articles(&got);
        assert_eq!(a.len(), 4);
        assert_eq!(a[3].source.file, "-");
    }
}

#[test]
fn directories_are_walked_recursively_in_sorted_order_skipping_unknown_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b/z.txt", b"Judul Z\nIsi Z.");
    write(dir.path(), "b/a.jsonl", jsonl_lines(2).as_bytes());
    write(dir.path(), "a.txt", b"Judul A\nIsi A.");
    write(dir.path(), "README.md", b"# not an article");
    write(dir.path(), "c/data.bin", b"\x00\x01\x02");
    let files = plan(&[dir.path().to_path_buf()], &IngestConfig::default()).unwrap();
    let names: Vec<String> =
        files.iter().map(|f| f.path.strip_prefix(dir.path()).unwrap().display().to_string()).collect();
    assert_eq!(names, vec!["a.txt", "b/a.jsonl", "b/z.txt"]);
    let ids: Vec<String> = articles(&read_all(&files, &IngestConfig::default()).unwrap()).iter().map(|a| a.id.clone()).collect();
    assert_eq!(ids, vec!["a", "a0", "a1", "z"]);
}

#[test]
fn a_sidecar_index_gives_its_fields_to_the_text_files_it_names() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "0001.txt", b"Judul Satu\nIsi satu.");
    write(dir.path(), "sub/0002.txt", b"Judul Dua\nIsi dua.");
    write(dir.path(), "0003.txt", b"Judul Tiga\nIsi tiga.");
    write(
        dir.path(),
        "INDEX.tsv",
        b"file\tid\tsource\tdate\turl\n\
          0001.txt\tberita-1\tcontoh.co.id\t2025-06-18\thttps://contoh.co.id/1\n\
          sub/0002.txt\tberita-2\tcontoh.co.id\t2025-06-19\thttps://contoh.co.id/2\n\
          0009.txt\tberita-9\tcontoh.co.id\t2025-06-20\thttps://contoh.co.id/9\n",
    );
    // A table of articles beside it stays an input.
    write(dir.path(), "more.csv", b"file,text\nx.txt,Isi tabel.\n");
    let files = plan(&[dir.path().to_path_buf()], &IngestConfig::default()).unwrap();
    let names: Vec<String> =
        files.iter().map(|f| f.path.strip_prefix(dir.path()).unwrap().display().to_string()).collect();
    assert_eq!(names, vec!["0001.txt", "0003.txt", "more.csv", "sub/0002.txt"]);
    let records = read_all(&files, &IngestConfig::default()).unwrap();
    type Fields<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);
    let got: Vec<Fields> =
        articles(&records).iter().map(|a| (a.id.as_str(), a.title.as_deref(), a.url.as_deref(), a.date.as_deref())).collect();
    assert_eq!(
        got,
        vec![
            ("berita-1", Some("Judul Satu"), Some("https://contoh.co.id/1"), Some("2025-06-18")),
            ("0003", Some("Judul Tiga"), None, None),
            ("more-0", None, None, None),
            ("berita-2", Some("Judul Dua"), Some("https://contoh.co.id/2"), Some("2025-06-19")),
        ]
    );
    // The outlet's name travels on, beside warta's own provenance.
    let first = articles(&records)[0];
    assert_eq!(first.extra.0.get("source_original").and_then(|v| v.as_str()), Some("contoh.co.id"));
    assert_eq!(first.text, "Isi satu.");
    assert!(first.source.file.ends_with("0001.txt"));
    assert!(rejects(&records).is_empty(), "{records:?}");
}

#[test]
fn a_sidecar_index_describes_saved_pages_too() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<html><head><title>Judul Halaman</title></head><body><article><h1>Judul Halaman</h1>\
                <p>Paragraf pertama berita ini cukup panjang untuk dibaca sebagai isi artikel oleh pengekstrak.</p>\
                <p>Paragraf kedua juga cukup panjang agar halaman ini punya artikel yang jelas dan utuh.</p></article></body></html>";
    write(dir.path(), "p1.html", page.as_bytes());
    write(dir.path(), "metadata.csv", b"file_name,id,url,date,section\np1.html,hal-1,https://contoh.co.id/hal-1,2025-06-18,ekonomi\n");
    let files = plan(&[dir.path().to_path_buf()], &IngestConfig::default()).unwrap();
    assert_eq!(files.len(), 1);
    let records = read_all(&files, &IngestConfig::default()).unwrap();
    let a = articles(&records)[0];
    assert_eq!((a.id.as_str(), a.url.as_deref(), a.date.as_deref()), ("hal-1", Some("https://contoh.co.id/hal-1"), Some("2025-06-18")));
    assert_eq!(a.extra.0.get("section").and_then(|v| v.as_str()), Some("ekonomi"));
    assert!(a.text.contains("Paragraf pertama"), "{}", a.text);
}

#[test]
fn a_table_that_names_no_file_beside_it_is_read_as_articles() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", b"Judul A\nIsi A.");
    write(dir.path(), "list.csv", b"file,url\nnone.txt,https://contoh.co.id/x\n");
    let files = plan(&[dir.path().to_path_buf()], &IngestConfig::default()).unwrap();
    assert_eq!(files.len(), 2);
    let records = read_all(&files, &IngestConfig::default()).unwrap();
    assert_eq!(articles(&records).len(), 1);
    assert_eq!(rejects(&records)[0].reason, RejectReason::MissingText);
}

#[test]
fn a_missing_path_is_an_error_that_names_it() {
    let err = plan(&[PathBuf::from("/no/such/berita.jsonl")], &IngestConfig::default()).unwrap_err();
    assert!(err.to_string().contains("/no/such/berita.jsonl"), "{err}");
    // A file that vanished between planning and reading is an error too.
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "x.txt", b"T\nB");
    let files = plan(std::slice::from_ref(&path), &IngestConfig::default()).unwrap();
    std::fs::remove_file(&path).unwrap();
    let err = read_all(&files, &IngestConfig::default()).unwrap_err();
    assert!(err.to_string().contains("x.txt"), "{err}");
}

#[test]
fn an_explicit_file_of_unknown_type_is_sniffed() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = write(dir.path(), "export.data", &gzip(jsonl_lines(2).as_bytes()));
    let txt = write(dir.path(), "ARTIKEL", b"Judul\nIsi.");
    let files = plan(&[jsonl, txt], &IngestConfig::default()).unwrap();
    assert_eq!((files[0].format, files[0].compression), (InputFormat::Jsonl, Compression::Gzip));
    assert_eq!(files[1].format, InputFormat::Txt);
    // --input-format overrides both.
    let cfg = IngestConfig { input_format: Some(InputFormat::Txt), ..Default::default() };
    let files = plan(&[write(dir.path(), "x.jsonl", b"Judul\nIsi.")], &cfg).unwrap();
    assert_eq!(files[0].format, InputFormat::Txt);
    assert_eq!("JSONL".parse::<InputFormat>(), Ok(InputFormat::Jsonl));
    assert!("docx".parse::<InputFormat>().is_err());
}

#[test]
fn reading_stops_when_emit_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "d.jsonl", jsonl_lines(100).as_bytes());
    let files = plan(&[path], &IngestConfig::default()).unwrap();
    let mut n = 0;
    read_file(&files[0], &IngestConfig::default(), &AtomicU64::new(0), &mut |_| {
        n += 1;
        if n == 3 { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
    })
    .unwrap();
    assert_eq!(n, 3);
}

fn tar_of(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    for (name, data) in members {
        let mut header = tar::Header::new_gnu();
        header.set_size(data.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        builder.append_data(&mut header, name, *data).unwrap();
    }
    builder.into_inner().unwrap()
}

#[test]
fn tar_archives_of_txt_files_name_their_members() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = jsonl_lines(2);
    let tar = tar_of(&[
        ("arsip/satu.txt", b"Judul Satu\nIsi satu."),
        ("arsip/catatan.md", b"bukan artikel"),
        ("arsip/dua.jsonl", jsonl.as_bytes()),
        ("arsip/kosong.txt", b""),
    ]);
    let plain = write(dir.path(), "arsip.tar", &tar);
    let packed = write(dir.path(), "arsip.tar.gz", &gzip(&tar));
    for path in [plain, packed] {
        let records = read_one(&path);
        let a = articles(&records);
        assert_eq!(a.len(), 3, "{records:?}");
        assert_eq!(a[0].id, "satu");
        assert_eq!(a[0].source.file, format!("{}!arsip/satu.txt", path.display()));
        assert_eq!(a[2].source.file, format!("{}!arsip/dua.jsonl", path.display()));
        let j = rejects(&records);
        assert_eq!(j.len(), 1);
        assert_eq!(j[0].reason, RejectReason::EmptyText);
        assert!(j[0].source.file.ends_with("!arsip/kosong.txt"));
    }
}

// ----------------------------------------------------------- bad input

#[test]
fn windows_1252_text_is_transcoded_and_the_transcoding_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let (txt, _, _) = encoding_rs::WINDOWS_1252.encode("Café “Señor”\nÉlégance déjà vue à Paris – voilà.");
    let (line, _, _) = encoding_rs::WINDOWS_1252.encode("{\"text\":\"Crème brûlée à la carte – très “chic”\"}\n");
    for (name, bytes) in [("lama.txt", txt.into_owned()), ("lama.jsonl", line.into_owned())] {
        let records = read_one(&write(dir.path(), name, &bytes));
        let a = articles(&records);
        assert_eq!(a.len(), 1, "{records:?}");
        assert!(a[0].text.contains('à') && a[0].text.contains('–'), "{}", a[0].text);
        assert_eq!(a[0].edits.get("transcoded_from:windows-1252"), Some(&1), "{:?}", a[0].edits);
    }
}

#[test]
fn damaged_utf8_is_kept_below_the_replacement_limit_and_rejected_above() {
    let dir = tempfile::tempdir().unwrap();
    let mut few = "{\"text\":\"Sebuah “berita” yang panjang tentang banjir di Jakarta dan sekitarnya pada hari ini. ".as_bytes().to_vec();
    few.extend_from_slice(&[0xE2, 0x80]); // one cut character
    few.extend_from_slice("é\"}\n".as_bytes());
    // Mostly good UTF-8 (so not a legacy encoding), with a cut character
    // every few words: too damaged to keep.
    let mut many = "{\"text\":\"".as_bytes().to_vec();
    for _ in 0..10 {
        many.extend_from_slice("“kata” ".as_bytes());
        many.extend_from_slice(&[0xE2, b'a']);
    }
    many.extend_from_slice(b"\"}\n");
    let records = read_one(&write(dir.path(), "rusak.jsonl", &[few, many].concat()));
    assert_eq!(records.len(), 2);
    let a = articles(&records);
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].edits.get("invalid_utf8_replaced"), Some(&1));
    assert!(a[0].text.contains('\u{FFFD}'));
    let j = rejects(&records);
    assert_eq!(j[0].reason, RejectReason::InvalidUtf8);
    assert!(j[0].detail.contains("line 2"), "{}", j[0].detail);
    assert_eq!(j[0].source.record, 1);
}

#[test]
fn malformed_json_is_rejected_with_its_line_number() {
    let dir = tempfile::tempdir().unwrap();
    let body = format!("{}{{\"text\": \"tanpa akhir\n[1,2]\n{}", jsonl_lines(1), jsonl_lines(1));
    let records = read_one(&write(dir.path(), "x.jsonl", body.as_bytes()));
    assert_eq!(records.len(), 4);
    let j = rejects(&records);
    assert_eq!(j.len(), 2);
    assert!(j.iter().all(|r| r.reason == RejectReason::MalformedJson && r.stage == "ingest"));
    assert!(j[0].detail.starts_with("line 2:"), "{}", j[0].detail);
    assert!(j[1].detail.contains("line 3") && j[1].detail.contains("array"), "{}", j[1].detail);
    assert_eq!(articles(&records).len(), 2, "the run goes on after a bad line");
}

#[test]
fn missing_or_empty_text_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let body = "{\"id\":\"a\",\"title\":\"no text\"}\n{\"id\":\"b\",\"text\":\"  \\n \"}\n{\"id\":\"c\",\"text\":42}\n";
    let records = read_one(&write(dir.path(), "x.jsonl", body.as_bytes()));
    let reasons: Vec<RejectReason> = rejects(&records).iter().map(|r| r.reason).collect();
    assert_eq!(reasons, vec![RejectReason::MissingText, RejectReason::EmptyText, RejectReason::MissingText]);
    assert_eq!(rejects(&records)[1].id.as_deref(), Some("b"));
    assert!(rejects(&records)[2].detail.contains("line 3"));
    // A text file with a title and no body has no text either.
    let records = read_one(&write(dir.path(), "judul.txt", b"Hanya judul\n\n"));
    assert_eq!(only_reject(&records).reason, RejectReason::EmptyText);
}

#[test]
fn a_truncated_gzip_stream_keeps_what_was_read_and_says_where_it_broke() {
    let dir = tempfile::tempdir().unwrap();
    let packed = gzip(varied_jsonl(2000).as_bytes());
    let cut = &packed[..packed.len() / 2];
    let records = read_one(&write(dir.path(), "cut.jsonl.gz", cut));
    let a = articles(&records);
    assert!(a.len() > 100 && a.len() < 2000, "{}", a.len());
    let j = rejects(&records);
    assert_eq!(j.len(), 1);
    assert_eq!(j[0].reason, RejectReason::TruncatedStream);
    assert!(j[0].detail.contains("decompressed byte") && j[0].detail.contains("line"), "{}", j[0].detail);
    assert_eq!(j[0].source.record, a.len() as u64);
    assert!(matches!(records.last(), Some(Record::Reject(_))), "the reject comes last");
}

#[test]
fn a_truncated_zstd_stream_keeps_what_was_read_and_says_where_it_broke() {
    let dir = tempfile::tempdir().unwrap();
    let packed = zstd(varied_jsonl(2000).as_bytes());
    let records = read_one(&write(dir.path(), "cut.jsonl.zst", &packed[..packed.len() * 2 / 3]));
    let a = articles(&records);
    assert!(a.len() > 100 && a.len() < 2000, "{}", a.len());
    let j = rejects(&records);
    assert_eq!(j.len(), 1, "{j:?}");
    assert_eq!(j[0].reason, RejectReason::TruncatedStream);
}

#[test]
fn a_truncated_tar_keeps_whole_members() {
    let dir = tempfile::tempdir().unwrap();
    let big = "Isi panjang. ".repeat(200);
    let tar = tar_of(&[("a.txt", b"Judul A\nIsi A."), ("b.txt", format!("Judul B\n{big}").as_bytes())]);
    let records = read_one(&write(dir.path(), "cut.tar", &tar[..1024 + 512 + 600]));
    assert_eq!(articles(&records).len(), 1);
    let j = rejects(&records);
    assert_eq!(j.len(), 1, "{records:?}");
    assert_eq!(j[0].reason, RejectReason::TruncatedStream);
    assert!(j[0].source.file.ends_with("!b.txt"), "{:?}", j[0].source);
}

#[test]
fn an_empty_file_is_one_reject() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["kosong.txt", "kosong.jsonl", "kosong.jsonl.gz"] {
        let bytes = if name.ends_with(".gz") { gzip(b"") } else { Vec::new() };
        let records = read_one(&write(dir.path(), name, &bytes));
        let j = only_reject(&records);
        assert_eq!(j.reason, RejectReason::EmptyText, "{name}");
        assert!(j.detail.contains("empty file"), "{name}: {}", j.detail);
    }
}

#[test]
fn a_binary_file_is_one_reject() {
    let dir = tempfile::tempdir().unwrap();
    let mut binary = b"\x7fELF\x02\x01\x01\x00".to_vec();
    binary.extend((0..4000u32).map(|i| (i * 7 % 256) as u8));
    for name in ["program.txt", "program.jsonl"] {
        let records = read_one(&write(dir.path(), name, &binary));
        assert_eq!(only_reject(&records).reason, RejectReason::Binary, "{name}");
    }
}

#[test]
fn valid_lines_before_binary_junk_are_kept() {
    // Found by the adversarial suite: a NUL in the first 8 KiB used to make
    // the whole file one `binary` reject, valid records included.
    let dir = tempfile::tempdir().unwrap();
    let mut body = b"{\"id\":\"a\",\"text\":\"Berita pertama.\"}\n".to_vec();
    body.extend_from_slice(&[0u8; 100]);
    body.extend_from_slice(b"\n{\"id\":\"b\",\"text\":\"Berita kedua.\"}\n");
    let records = read_one(&write(dir.path(), "campur.jsonl", &body));
    let articles = records.iter().filter(|r| matches!(r, Record::Article(_))).count();
    assert_eq!(articles, 2);
    assert_eq!(rejects(&records).len(), 1, "the junk line is one reject");
}

#[test]
fn an_oversize_record_is_rejected_without_being_held() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = IngestConfig { max_record_bytes: 1000, ..Default::default() };
    let huge = format!("{{\"text\":\"{}\"}}\n", "x".repeat(50_000));
    let body = format!("{}{huge}{}", jsonl_lines(1), jsonl_lines(1));
    let records = read_paths(&[write(dir.path(), "besar.jsonl.gz", &gzip(body.as_bytes()))], &cfg);
    assert_eq!(records.len(), 3);
    let j = rejects(&records);
    assert_eq!(j.len(), 1);
    assert_eq!(j[0].reason, RejectReason::TooLarge);
    assert!(j[0].detail.contains("line 2") && j[0].detail.contains("50011"), "{}", j[0].detail);
    let records = read_paths(&[write(dir.path(), "besar.txt", format!("Judul\n{}", "y".repeat(5000)).as_bytes())], &cfg);
    assert_eq!(only_reject(&records).reason, RejectReason::TooLarge);
}

#[test]
fn dataset_fields_named_like_wartas_own_are_kept_not_fatal() {
    // Dumps often carry an outlet name in `source` and gold sentences as
    // `[start, end]` pairs: the record is kept and the fields travel on.
    let dir = tempfile::tempdir().unwrap();
    let line = r#"{"id":"s1","text":"Satu. Dua.","source":"kompas.com","sentences":[[0,5],[6,10]]}"#;
    let records = read_one(&write(dir.path(), "gold.jsonl", line.as_bytes()));
    let a = articles(&records);
    assert_eq!(a.len(), 1, "{records:?}");
    assert_eq!(a[0].extra.0["source_original"], "kompas.com");
    assert_eq!(a[0].extra.0["sentences_original"], serde_json::json!([[0, 5], [6, 10]]));
    assert!(a[0].sentences.is_empty());
    assert_eq!(a[0].source.file, dir.path().join("gold.jsonl").display().to_string());
}

#[test]
fn csv_rows_become_articles_with_mapped_columns() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "\u{feff}judul,isi,tanggal,kategori,\n\
               \"Banjir di Semarang, ribuan rumah terendam\",\"Hujan deras sejak malam.\nAir naik dua meter.\",2024-11-20,daerah,\n\
               Harga cabai naik,\"Pedagang menyebut \"\"pasokan seret\"\".\",,ekonomi,extra\n\
               \n";
    let path = write(dir.path(), "berita.csv", csv.as_bytes());
    let mut cfg = IngestConfig::default();
    for arg in ["text=isi", "title=judul", "date=tanggal"] {
        cfg.add_field_mapping(arg).unwrap();
    }
    let records = read_paths(&[path], &cfg);
    let a = articles(&records);
    assert_eq!(a.len(), 2, "{records:?}");
    assert_eq!(a[0].title.as_deref(), Some("Banjir di Semarang, ribuan rumah terendam"));
    assert_eq!(a[0].text, "Hujan deras sejak malam.\nAir naik dua meter.");
    assert_eq!(a[0].date.as_deref(), Some("2024-11-20"));
    assert_eq!(a[0].extra.0["kategori"], "daerah", "unknown columns pass through");
    assert_eq!(a[1].text, "Pedagang menyebut \"pasokan seret\".");
    assert_eq!(a[1].date, None, "an empty cell is no field");
    assert_eq!(a[1].extra.0["column_5"], "extra", "an unnamed column gets a name");
    // Ids derive from the file and the row; sources count data rows.
    assert_eq!((a[0].id.as_str(), a[1].id.as_str()), ("berita-0", "berita-1"));
    assert_eq!((a[0].source.record, a[1].source.record), (0, 1));
}

#[test]
fn tsv_and_semicolon_csv_and_compressed_csv_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let tsv = write(dir.path(), "a.tsv", b"title\ttext\nSatu\tIsi, dengan koma.\n");
    let semi = write(dir.path(), "b.csv", b"title;text\nDua;\"Isi; dengan titik koma.\"\n");
    let gz = write(dir.path(), "c.csv.gz", &gzip(b"title,text\nTiga,\"Isi tiga.\"\n"));
    for (path, text) in [(tsv, "Isi, dengan koma."), (semi, "Isi; dengan titik koma."), (gz, "Isi tiga.")] {
        let records = read_one(&path);
        let a = articles(&records);
        assert_eq!(a.len(), 1, "{path:?}: {records:?}");
        assert_eq!(a[0].text, text, "{path:?}");
    }
    assert_eq!("tsv".parse::<InputFormat>(), Ok(InputFormat::Csv));
}

#[test]
fn bad_csv_rows_are_rejects_with_reasons_and_reading_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let long = "x".repeat(300);
    let cp1252 = b"title,text\nCaf\xe9,\"Kopi di caf\xe9 itu enak.\"\n";
    let body = format!("title,text\nA,\"{long}\nB,Baris berikut.\nC,\nD,\"tidak pernah ditutup\nlagi");
    let path = write(dir.path(), "bad.csv", body.as_bytes());
    let legacy = write(dir.path(), "legacy.csv", cp1252);
    let empty = write(dir.path(), "empty.csv", b"title,text\n");
    let binary = write(dir.path(), "junk.csv", &[0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0]);
    let cfg = IngestConfig { max_record_bytes: 200, ..IngestConfig::default() };
    let records = read_paths(&[path], &cfg);
    let reasons: Vec<Option<RejectReason>> =
        records.iter().map(|r| if let Record::Reject(j) = r { Some(j.reason) } else { None }).collect();
    // The long row is skipped to its line end; B is read; C has no text (an
    // empty cell is no field); D opens a quote it never closes.
    assert_eq!(reasons, [Some(RejectReason::TooLarge), None, Some(RejectReason::MissingText), Some(RejectReason::MalformedCsv)], "{records:?}");
    assert_eq!(articles(&records)[0].text, "Baris berikut.");
    let records = read_one(&legacy);
    assert_eq!(articles(&records)[0].text, "Kopi di café itu enak.", "{records:?}");
    assert_eq!(only_reject(&read_one(&empty)).reason, RejectReason::EmptyText);
    assert_eq!(only_reject(&read_one(&binary)).reason, RejectReason::Binary);
}
