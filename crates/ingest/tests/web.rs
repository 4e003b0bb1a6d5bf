//! HTML pages and WARC files, on pages and archives written by the tests.

use std::io::Write;
use std::path::{Path, PathBuf};

use warta_core::{Article, Reject, RejectReason};
use warta_ingest::html::{Extractor, ReadabilityExtractor};
use warta_ingest::{plan, read_all, IngestConfig, InputFormat, Record};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn read_one(path: &Path) -> Vec<Record> {
    let cfg = IngestConfig::default();
    read_all(&plan(&[path.to_path_buf()], &cfg).unwrap(), &cfg).unwrap()
}

fn articles(records: &[Record]) -> Vec<&Article> {
    records.iter().filter_map(|r| if let Record::Article(a) = r { Some(a) } else { None }).collect()
}

fn rejects(records: &[Record]) -> Vec<&Reject> {
    records.iter().filter_map(|r| if let Record::Reject(j) = r { Some(j) } else { None }).collect()
}

const PARAGRAPHS: &[&str] = &[
    "Pemerintah Provinsi DKI Jakarta menyiapkan dua ratus pompa air untuk menghadapi puncak musim hujan yang diperkirakan jatuh pada pertengahan Februari, kata kepala dinas sumber daya air pada Senin pagi.",
    "Menurut dia, pompa-pompa itu akan ditempatkan di kawasan yang dalam lima tahun terakhir paling sering tergenang, terutama di Jakarta Utara dan Jakarta Timur, serta di sekitar bantaran Sungai Ciliwung.",
    "Selain pompa, dinas juga mengerahkan ribuan petugas untuk membersihkan saluran air dan gorong-gorong yang tersumbat sampah, pekerjaan yang ditargetkan selesai sebelum akhir bulan ini.",
    "Warga diminta tidak membuang sampah ke sungai dan segera melapor melalui aplikasi resmi pemerintah jika melihat genangan yang tidak surut lebih dari enam jam setelah hujan berhenti.",
];

/// A news page in the shape scrapers meet: navigation, the article,
/// a related-articles list, comments and a footer.
fn news_page(lang: &str, charset: &str) -> String {
    let body: String = PARAGRAPHS.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="{charset}"><title>Jakarta siapkan 200 pompa air - Kabar Kota</title>
<meta property="article:published_time" content="2024-01-15T08:30:00+07:00">
<script>var tracking = "jangan ambil aku";</script><style>.nav {{ color: red }}</style></head>
<body>
<header><nav class="menu"><ul><li><a href="/">Beranda</a></li><li><a href="/politik">Politik</a></li><li><a href="/olahraga">Olahraga</a></li></ul></nav></header>
<div class="ads">IKLAN: Diskon besar-besaran hanya hari ini</div>
<main><article>
<h1>Jakarta siapkan 200 pompa air</h1>
<div class="byline">Oleh Redaksi</div>
{body}</article>
<aside class="related"><h3>Berita terkait</h3><ul><li><a href="/a">Banjir rob di pesisir</a></li><li><a href="/b">Harga cabai naik</a></li></ul></aside>
<section id="comments" class="comments"><div class="comment">Komentar pembaca: mantap sekali</div></section>
</main>
<footer class="footer">Hak cipta 2024 Kabar Kota. Semua hak dilindungi.</footer>
</body></html>"#
    )
}

#[test]
fn the_extractor_keeps_the_article_and_drops_the_page_furniture() {
    let page = news_page("id", "utf-8");
    let found = ReadabilityExtractor::default().extract(&page, Some("https://kabar.example/jakarta-pompa")).unwrap();
    for p in PARAGRAPHS {
        assert!(found.text.contains(p), "missing paragraph: {p}\n---\n{}", found.text);
    }
    for noise in ["Beranda", "IKLAN", "Berita terkait", "Komentar pembaca", "Hak cipta", "tracking"] {
        assert!(!found.text.contains(noise), "kept `{noise}`:\n{}", found.text);
    }
    assert_eq!(found.text.lines().count(), PARAGRAPHS.len(), "one paragraph a line:\n{}", found.text);
    assert!(found.title.as_deref().unwrap_or("").contains("pompa air"), "{:?}", found.title);
    assert_eq!(found.lang.as_deref(), Some("id"));
    assert_eq!(found.date.as_deref().map(|d| &d[..10]), Some("2024-01-15"));
}

#[test]
fn captions_bylines_and_related_lists_inside_the_article_are_dropped() {
    let page = news_page("id", "utf-8").replace(
        "<div class=\"byline\">Oleh Redaksi</div>",
        "<div class=\"article-author\">Oleh Redaksi Kabar Kota</div><figure><img src=\"p.jpg\"><figcaption>Foto: pompa air di Pluit</figcaption></figure>\
         <div class=\"related-articles\"><a href=\"/x\">Baca juga: banjir di Bekasi</a></div>",
    );
    let found = ReadabilityExtractor::default().extract(&page, None).unwrap();
    for noise in ["Redaksi", "Foto:", "Baca juga"] {
        assert!(!found.text.contains(noise), "kept `{noise}`:\n{}", found.text);
    }
    assert_eq!(found.text.lines().count(), PARAGRAPHS.len());
    // Without the pre-clean pass Readability keeps the caption and byline.
    let plain = ReadabilityExtractor { pre_clean: false, ..Default::default() }.extract(&page, None).unwrap();
    assert!(plain.text.contains("Foto:") || plain.text.contains("Redaksi"), "{}", plain.text);
}

#[test]
fn html_files_become_articles_and_legacy_charsets_are_honoured() {
    let dir = tempfile::tempdir().unwrap();
    let plain = write(dir.path(), "pompa.html", news_page("id-ID", "utf-8").as_bytes());
    let packed = write(dir.path(), "pompa2.html.gz", &gzip(news_page("id", "utf-8").as_bytes()));
    let latin = news_page("fr", "windows-1252").replace("pompa air", "pompes à eau “café”");
    let (latin_bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&latin);
    let legacy = write(dir.path(), "lama.htm", &latin_bytes);
    let records = read_all(&plan(&[plain, packed, legacy], &IngestConfig::default()).unwrap(), &IngestConfig::default()).unwrap();
    let a = articles(&records);
    assert_eq!(a.len(), 3, "{records:?}");
    assert_eq!(a[0].id, "pompa");
    assert_eq!(a[1].id, "pompa2");
    assert_eq!(a[0].lang.as_deref(), Some("id"));
    assert!(a[0].text.starts_with("Pemerintah Provinsi"));
    assert_eq!(a[2].edits.get("transcoded_from:windows-1252"), Some(&1), "{:?}", a[2].edits);
    assert!(a[2].title.as_deref().unwrap().contains("pompes à eau “café”"), "{:?}", a[2].title);
}

#[test]
fn a_page_with_no_article_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let empty_page = "<html><head><title>x</title><script>var a = 1;</script></head><body><nav><a href='/'>Home</a></nav></body></html>";
    let records = read_one(&write(dir.path(), "kosong.html", empty_page.as_bytes()));
    let j = rejects(&records);
    assert_eq!(j.len(), 1, "{records:?}");
    assert_eq!(j[0].reason, RejectReason::NoArticle);
    assert_eq!(j[0].id.as_deref(), Some("kosong"));
}

#[test]
fn a_page_nested_100k_deep_is_flattened_and_its_article_kept() {
    let depth = 100_000;
    let body: String = PARAGRAPHS.iter().map(|p| format!("<p>{p}</p>")).collect();
    let page = format!(
        "<html><head><title>Pompa air</title></head><body>{}<article>{body}</article>{}</body></html>",
        "<div><span><b>".repeat(depth),
        "</b></span></div>".repeat(depth)
    );
    let dir = tempfile::tempdir().unwrap();
    let records = read_one(&write(dir.path(), "dalam.html", page.as_bytes()));
    let a = articles(&records);
    assert_eq!(a.len(), 1, "{records:?}");
    for p in PARAGRAPHS {
        assert!(a[0].text.contains(p), "missing paragraph: {p}");
    }
    let flattened = a[0].edits.get("html_flattened_tags").copied().unwrap_or(0);
    assert_eq!(flattened as usize, 6 * depth + 2 - 2 * warta_ingest::html::prescan::MAX_DEPTH, "{:?}", a[0].edits);
}

#[test]
fn adversarial_page_shapes_each_give_one_record() {
    let n = 50_000;
    let article: String = PARAGRAPHS.iter().map(|p| format!("<p>{p}</p>")).collect();
    let shapes = [
        // Unclosed formatting elements, each different, around paragraphs:
        // the parser reconstructs every open one in each new paragraph.
        (0..n).map(|i| format!("<b class=c{i}><p>kata {i}")).collect::<String>(),
        // Tables nested in tables, never closed.
        "<table><tr><td>".repeat(n),
        // Misnested inline elements.
        "<a href=/x><p><i>teks</a></i>".repeat(n),
        // Only an opening angle bracket, or a tag that never ends.
        "<".repeat(n),
        format!("<div class=\"{}", "x".repeat(n)),
        // An unterminated comment and script around the article.
        format!("{article}<!--{}", "<p>bukan</p>".repeat(1000)),
        format!("<script>{}{article}", "if (a<b) {}".repeat(1000)),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (i, shape) in shapes.iter().enumerate() {
        let page = format!("<html><body>{shape}<article>{article}</article></body></html>");
        let records = read_one(&write(dir.path(), &format!("aneh{i}.html"), page.as_bytes()));
        assert_eq!(records.len(), 1, "shape {i}: {records:?}");
    }
}

#[test]
fn a_tag_with_a_huge_attribute_list_is_cut_and_the_article_kept() {
    let attrs: String = (0..200_000).map(|i| format!(" x{i}=\"{i}\"")).collect();
    let page = news_page("id", "utf-8").replace("<main>", &format!("<main{attrs}>"));
    let found = ReadabilityExtractor::default().extract(&page, None).unwrap();
    assert_eq!(found.text.lines().count(), PARAGRAPHS.len(), "{}", found.text);
    let dropped = found.edits.iter().find(|(k, _)| *k == "html_dropped_attributes").map(|e| e.1);
    assert_eq!(dropped, Some(200_000 - warta_ingest::html::prescan::MAX_ATTRIBUTES as u64));
}

#[test]
fn a_page_over_the_extractors_limit_is_refused_with_a_reason() {
    let small = ReadabilityExtractor { max_html_bytes: 4096, ..Default::default() };
    let page = news_page("id", "utf-8");
    let padded = page.replace("</body>", &format!("<p hidden>{}</p></body>", "x".repeat(4096)));
    assert!(small.refuse(&page).is_none());
    let (reason, detail) = small.refuse(&padded).unwrap();
    assert_eq!(reason, RejectReason::TooLarge);
    assert!(detail.contains("4096"), "{detail}");
    assert!(small.extract(&padded, None).is_none());

    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "besar.html", padded.as_bytes());
    let cfg = IngestConfig::default();
    let mut records = Vec::new();
    let file = &plan(&[path], &cfg).unwrap()[0];
    warta_ingest::read_file_with(file, &cfg, &small, &std::sync::atomic::AtomicU64::new(0), &mut |r| {
        records.push(r);
        std::ops::ControlFlow::Continue(())
    })
    .unwrap();
    let j = rejects(&records);
    assert_eq!(j.len(), 1, "{records:?}");
    assert_eq!(j[0].reason, RejectReason::TooLarge);
}

/// One WARC record with a correct Content-Length.
fn warc_record(kind: &str, uri: &str, id: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-01-15T01:02:03Z\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nServer: test\r\n\r\n").into_bytes();
    out.extend_from_slice(body);
    out
}

fn response(uri: &str, id: &str, http_block: Vec<u8>) -> Vec<u8> {
    warc_record("response", uri, id, "application/http; msgtype=response", &http_block)
}

fn sample_warc() -> Vec<Vec<u8>> {
    let page = news_page("id", "utf-8");
    let chunked = {
        let mut body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        let html = page.replace("200 pompa", "300 pompa");
        let (a, b) = html.as_bytes().split_at(html.len() / 2);
        for part in [a, b] {
            body.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
            body.extend_from_slice(part);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(b"0\r\n\r\n");
        body
    };
    vec![
        warc_record("warcinfo", "", "info-1", "application/warc-fields", b"software: test\r\n"),
        warc_record("request", "https://kabar.example/a", "req-1", "application/http; msgtype=request", b"GET /a HTTP/1.1\r\n\r\n"),
        response("https://kabar.example/a", "11111111-aaaa", http("200 OK", "text/html; charset=utf-8", page.as_bytes())),
        response("https://kabar.example/logo.png", "22222222-bbbb", http("200 OK", "image/png", b"\x89PNG\r\n\x1a\n")),
        response("https://kabar.example/gone", "33333333-cccc", http("404 Not Found", "text/html", b"<html>gone</html>")),
        response("https://kabar.example/b", "44444444-dddd", chunked),
    ]
}

#[test]
fn warc_responses_with_html_become_articles_and_the_rest_is_accounted_for() {
    let dir = tempfile::tempdir().unwrap();
    let records_bytes = sample_warc();
    let plain = write(dir.path(), "crawl.warc", &records_bytes.concat());
    // WARC.gz is one gzip member per record.
    let members: Vec<u8> = records_bytes.iter().flat_map(|r| gzip(r)).collect();
    let packed = write(dir.path(), "crawl.warc.gz", &members);
    for path in [plain, packed] {
        let files = plan(std::slice::from_ref(&path), &IngestConfig::default()).unwrap();
        assert_eq!(files[0].format, InputFormat::Warc);
        let records = read_all(&files, &IngestConfig::default()).unwrap();
        assert_eq!(records.len(), 4, "four response records: {records:?}");
        let a = articles(&records);
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].id, "11111111-aaaa", "id from WARC-Record-ID");
        assert_eq!(a[0].url.as_deref(), Some("https://kabar.example/a"));
        assert_eq!(a[0].extra.0["crawl_date"], "2024-01-15T01:02:03Z");
        assert_eq!(a[0].source.record, 0);
        assert_eq!(a[1].source.record, 3);
        assert!(a[1].title.as_deref().unwrap().contains("300 pompa"), "chunked body joined");
        assert_eq!(a[0].text.lines().count(), PARAGRAPHS.len());
        let j = rejects(&records);
        assert_eq!(j.iter().map(|r| r.reason).collect::<Vec<_>>(), vec![RejectReason::NoArticle, RejectReason::NoArticle]);
        assert!(j[0].detail.contains("image/png"), "{}", j[0].detail);
        assert!(j[1].detail.contains("404"), "{}", j[1].detail);
        // Offsets point at the records in the decompressed stream.
        let whole = records_bytes.concat();
        let at = a[0].source.offset.unwrap() as usize;
        assert!(whole[at..].starts_with(b"WARC/1.0\r\nWARC-Type: response"));
    }
}

#[test]
fn a_wrong_content_length_or_broken_headers_reject_one_record_and_reading_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let good = sample_warc()[2].clone();
    let mut short = good.clone();
    // Claim 50 bytes fewer than the block holds.
    let text = String::from_utf8(short.clone()).unwrap();
    let len: usize = text.split("Content-Length: ").nth(1).unwrap().split("\r\n").next().unwrap().parse().unwrap();
    short = text.replacen(&format!("Content-Length: {len}"), &format!("Content-Length: {}", len - 50), 1).into_bytes();
    let broken_headers = b"WARC/1.0\r\nWARC-Type: response\r\nthis line has no colon\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n".to_vec();
    let no_length = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\nhello\r\n\r\n".to_vec();
    let archive = [good.clone(), short, good.clone(), broken_headers, no_length, good].concat();
    let records = read_one(&write(dir.path(), "rusak.warc", &archive));
    let reasons: Vec<Option<RejectReason>> =
        records.iter().map(|r| if let Record::Reject(j) = r { Some(j.reason) } else { None }).collect();
    assert_eq!(
        reasons,
        vec![None, Some(RejectReason::MalformedWarc), None, Some(RejectReason::MalformedWarc), Some(RejectReason::MalformedWarc), None],
        "{records:?}"
    );
    let j = rejects(&records);
    assert!(j[0].detail.contains("Content-Length"), "{}", j[0].detail);
    assert!(j[1].detail.contains("no name") || j[1].detail.contains("without a name"), "{}", j[1].detail);
    assert!(j[2].detail.contains("Content-Length"), "{}", j[2].detail);
}

#[test]
fn a_truncated_warc_gz_keeps_the_records_before_the_break() {
    let dir = tempfile::tempdir().unwrap();
    let good = sample_warc()[2].clone();
    let members: Vec<u8> = (0..5).flat_map(|_| gzip(&good)).collect();
    let cut = &members[..members.len() - 300];
    let records = read_one(&write(dir.path(), "cut.warc.gz", cut));
    assert_eq!(articles(&records).len(), 4);
    let j = rejects(&records);
    assert_eq!(j.len(), 1, "{records:?}");
    assert_eq!(j[0].reason, RejectReason::TruncatedStream);
    assert_eq!(j[0].source.record, 4);
}

#[test]
fn a_file_that_is_not_warc_is_one_reject() {
    let dir = tempfile::tempdir().unwrap();
    let records = read_one(&write(dir.path(), "palsu.warc", b"this is not a web archive\nat all\n"));
    assert_eq!(records.len(), 1);
    assert_eq!(rejects(&records)[0].reason, RejectReason::MalformedWarc);
    let records = read_one(&write(dir.path(), "kosong.warc", b""));
    assert_eq!(rejects(&records)[0].reason, RejectReason::EmptyText);
}

/// A stand-in extractor: the first `<p>` only, to show the trait is the seam.
struct FirstParagraph;

impl Extractor for FirstParagraph {
    fn name(&self) -> &'static str {
        "first paragraph"
    }
    fn extract(&self, html: &str, _url: Option<&str>) -> Option<warta_ingest::html::Extracted> {
        let start = html.find("<p>")? + 3;
        let end = start + html[start..].find("</p>")?;
        Some(warta_ingest::html::Extracted { text: html[start..end].to_string(), ..Default::default() })
    }
}

#[test]
fn the_extractor_can_be_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "pompa.html", news_page("id", "utf-8").as_bytes());
    let cfg = IngestConfig::default();
    let files = plan(&[path], &cfg).unwrap();
    let mut got = Vec::new();
    warta_ingest::read_file_with(&files[0], &cfg, &FirstParagraph, &std::sync::atomic::AtomicU64::new(0), &mut |r| {
        got.push(r);
        std::ops::ControlFlow::Continue(())
    })
    .unwrap();
    assert_eq!(articles(&got)[0].text, PARAGRAPHS[0]);
}

#[test]
fn a_jsonl_record_with_an_html_page_and_no_text_gets_the_page_article() {
    let dir = tempfile::tempdir().unwrap();
    let page = news_page("id", "utf-8");
    let empty_page = "<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body></html>";
    let lines = [
        serde_json::json!({"id": "crawl-1", "url": "https://kabar.example/pompa", "html": page}),
        // Its own title and a text win over the page's.
        serde_json::json!({"id": "crawl-2", "title": "Judul sendiri", "html": page}),
        serde_json::json!({"id": "crawl-3", "text": "Teks yang sudah ada.", "html": page}),
        serde_json::json!({"id": "crawl-4", "html": empty_page}),
    ];
    let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let records = read_one(&write(dir.path(), "crawl.jsonl", body.as_bytes()));
    let a = articles(&records);
    assert_eq!(a.len(), 3, "{records:?}");
    assert!(a[0].text.starts_with("Pemerintah Provinsi") && a[0].text.lines().count() == PARAGRAPHS.len(), "{}", a[0].text);
    assert!(a[0].title.as_deref().unwrap_or("").contains("pompa air"), "{:?}", a[0].title);
    assert_eq!(a[0].lang.as_deref(), Some("id"));
    assert_eq!(a[0].url.as_deref(), Some("https://kabar.example/pompa"));
    assert_eq!(a[0].edits.get("html_extracted"), Some(&1));
    assert_eq!(a[1].title.as_deref(), Some("Judul sendiri"));
    assert_eq!(a[2].text, "Teks yang sudah ada.");
    assert_eq!(a[2].edits.get("html_extracted"), None);
    let j = rejects(&records);
    assert_eq!(j.len(), 1);
    assert_eq!(j[0].reason, RejectReason::NoArticle);
    assert_eq!(j[0].id.as_deref(), Some("crawl-4"));
}
