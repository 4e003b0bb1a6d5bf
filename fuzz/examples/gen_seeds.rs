//! Writes the seed corpora of every fuzz target into `fuzz/seeds/<target>/`.
//!
//! Every seed is written here, by code, from text made up for the purpose:
//! nothing comes from a real archive. Run from `fuzz/`:
//! `CARGO_TARGET_DIR=target/fuzz cargo run --example gen_seeds`.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use warta_core::frame::FrameWriter;
use warta_core::{wire, Article, Entity, Source, Span, StreamStage};

const ID_TITLE: &str = "Gubernur meresmikan jembatan baru di Bandung";
const ID_BODY: &str = "BANDUNG, KOMPAS.com - Gubernur Jawa Barat Ridwan Saputra meresmikan jembatan baru pada Senin (3/6/2024).\n\
“Kami ingin warga bisa bepergian lebih cepat,” kata Dr. Andi S. Wibowo, M.Si. dari ITB.\n\
Harga naik 7.195,63 poin... Baca juga: Harga cabai naik\n\
Jembatan sepanjang 400 m itu dibiayai Pemprov Jabar &amp; PT Adhi Karya Tbk.";
const EN_BODY: &str = "Acme Semiconductor Inc. said on Tuesday it would expand its plant in Austin, Texas. \
Mr. John Miller, the chief executive, called it \"a big step\".\nThe U.S. company expects to hire 500 workers by Sept. 2026.";
const MOJIBAKE: &str = "Ã¢â‚¬Å“Kata diaâ€\u{9d} itu Ã©tÃ© â€“ caf\u{e9} &amp;amp; &#8220;kutip&#8221;\u{200b}\u{feff}  spasi\r\n\r\nbaris";
const UNICODE: &str = "e\u{301}\u{301} \u{5e9}\u{5dc}\u{5d5}\u{5dd} \u{627}\u{644}\u{633}\u{644}\u{627}\u{645} \u{1f600}\u{1d54f} \u{202e}abc\u{202c} 東京は晴れ。次の文。 Ω.";

fn write(dir: &Path, target: &str, name: &str, bytes: &[u8]) {
    let d = dir.join(target);
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join(name), bytes).unwrap();
}

fn with_selector(selector: u8, bytes: &[u8]) -> Vec<u8> {
    let mut v = vec![selector];
    v.extend_from_slice(bytes);
    v
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn zstd(bytes: &[u8]) -> Vec<u8> {
    zstd::bulk::compress(bytes, 1).unwrap()
}

fn jsonl_lines() -> Vec<String> {
    vec![
        serde_json::json!({"id": "id-1", "title": ID_TITLE, "text": ID_BODY, "lang": "id", "url": "https://contoh.id/a/1", "date": "2024-06-03"}).to_string(),
        serde_json::json!({"id": "en-1", "title": "Chip maker expands", "text": EN_BODY, "lang": "en"}).to_string(),
        r#"{"id":7,"text":"Lone \ud800 surrogate and \ud83d\ude00 pair \u0000 nul","meta":{"url":"x"},"source":"Outlet"}"#.to_string(),
        r#"{"text":"   "}"#.to_string(),
        r#"{"id":"x","title":null}"#.to_string(),
        "{not json".to_string(),
        r#"[1,2,3]"#.to_string(),
        serde_json::json!({"id": "u", "text": UNICODE, "lang": "xx"}).to_string(),
        serde_json::json!({"id": "m", "text": MOJIBAKE}).to_string(),
    ]
}

fn html_page(body: &str) -> String {
    let paragraphs: String = body.lines().map(|l| format!("<p>{l}</p>\n")).collect();
    format!(
        "<!DOCTYPE html><html lang=\"id-ID\"><head><meta charset=\"utf-8\"><title>{ID_TITLE}</title>\
<link rel=\"canonical\" href=\"https://contoh.id/a/1\"><meta property=\"article:published_time\" content=\"2024-06-03T10:00:00+07:00\">\
</head><body><nav><a href=\"/\">Home</a> | <a href=\"/news\">News</a></nav><article><h1>{ID_TITLE}</h1>\n{paragraphs}</article>\
<footer>© 2024</footer><script>var x = '<p>';</script></body></html>"
    )
}

fn warc_record(kind: &str, uri: &str, payload: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-06-03T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:0000>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        payload.len()
    )
    .into_bytes();
    out.extend_from_slice(payload);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http_response(html: &str, charset: &str) -> Vec<u8> {
    format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset={charset}\r\nContent-Length: {}\r\n\r\n{html}", html.len()).into_bytes()
}

fn tar_archive() -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    let mut add = |name: &str, bytes: &[u8]| {
        let mut h = tar::Header::new_gnu();
        h.set_size(bytes.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        b.append_data(&mut h, name, bytes).unwrap();
    };
    add("berita/satu.txt", format!("{ID_TITLE}\n{ID_BODY}\n").as_bytes());
    add("berita/dua.jsonl", (jsonl_lines()[..2].join("\n") + "\n").as_bytes());
    add("berita/tiga.html", html_page(ID_BODY).as_bytes());
    add("berita/kosong.txt", b"");
    b.into_inner().unwrap()
}

fn parquet_file(compression: parquet::basic::Compression) -> Vec<u8> {
    use parquet::data_type::{ByteArray, ByteArrayType, Int64Type};
    use parquet::file::properties::WriterProperties;
    use parquet::file::writer::SerializedFileWriter;
    let schema = Arc::new(
        parquet::schema::parser::parse_message_type(
            "message doc { REQUIRED INT64 id; OPTIONAL BYTE_ARRAY text (UTF8); REQUIRED BYTE_ARRAY title (UTF8); }",
        )
        .unwrap(),
    );
    let props = Arc::new(WriterProperties::builder().set_compression(compression).build());
    let mut writer = SerializedFileWriter::new(Vec::new(), schema, props).unwrap();
    let rows: [(i64, Option<&str>, &str); 3] = [(1, Some(ID_BODY), ID_TITLE), (2, None, "kosong"), (3, Some(EN_BODY), "Chip")];
    let mut rg = writer.next_row_group().unwrap();
    let mut column = 0;
    while let Some(mut col) = rg.next_column().unwrap() {
        match column {
            0 => {
                let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
                col.typed::<Int64Type>().write_batch(&ids, None, None).unwrap();
            }
            1 => {
                let values: Vec<ByteArray> = rows.iter().filter_map(|r| r.1).map(ByteArray::from).collect();
                let defs: Vec<i16> = rows.iter().map(|r| i16::from(r.1.is_some())).collect();
                col.typed::<ByteArrayType>().write_batch(&values, Some(&defs), None).unwrap();
            }
            _ => {
                let values: Vec<ByteArray> = rows.iter().map(|r| ByteArray::from(r.2)).collect();
                col.typed::<ByteArrayType>().write_batch(&values, None, None).unwrap();
            }
        }
        col.close().unwrap();
        column += 1;
    }
    rg.close().unwrap();
    writer.into_inner().unwrap()
}

fn rich_article() -> Article {
    let text = "Presiden Joko Widodo tiba di Jakarta. “Ya.” Baik 😀.";
    let mut a = Article::new("rich", text);
    a.title = Some("Judul".into());
    a.lang = Some("id".into());
    a.lang_score = Some(0.9);
    a.source = Source { file: "x.jsonl".into(), record: 3, offset: Some(10) };
    let first = text.find(" “").unwrap();
    a.sentences = vec![Span::new(0, first), Span::new(first + 1, text.len())];
    a.tokens = vec![Span::new(0, 8), Span::new(9, 13), Span::new(14, 20)];
    a.entities = vec![Entity { span: Span::new(9, 20), label: "PER".into(), score: 0.8 }];
    a.record_removal("normalize", "boilerplate:baca_juga", "Baca juga: x");
    a.record_repair("segment", "spurious_full_stop", "a. b", "a b");
    a.count_edit("nfc", 2);
    a.extra.0.insert("category".into(), serde_json::json!({"k": [1, null]}));
    a
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let _ = std::fs::remove_dir_all(&root);
    let dir = root.as_path();
    let lines = jsonl_lines();
    let jsonl = lines.join("\n") + "\n";
    let txt = format!("{ID_TITLE}\n{ID_BODY}\n");

    // Plain text.
    write(dir, "txt", "id.txt", txt.as_bytes());
    write(dir, "txt", "en-crlf.txt", format!("Chip maker\r\n\r\n{}\r\n", EN_BODY.replace('\n', "\r\n")).as_bytes());
    write(dir, "txt", "bom-latin1.txt", b"\xef\xbb\xbfJudul\nCaf\xe9 di Bandung \xe0 la carte, na\xefve.\n");
    write(dir, "txt", "title-only.txt", b"Hanya judul\n");
    write(dir, "txt", "utf16.txt", b"\xff\xfeJ\x00u\x00d\x00u\x00l\x00\n\x00T\x00e\x00k\x00s\x00.\x00");

    // JSONL.
    for (i, line) in lines.iter().enumerate() {
        write(dir, "jsonl", &format!("line{i}.jsonl"), line.as_bytes());
    }
    write(dir, "jsonl", "all.jsonl", jsonl.as_bytes());
    write(dir, "jsonl", "invalid-utf8.jsonl", b"{\"id\":\"b\",\"text\":\"caf\xe9 \xff\xfe\"}\n\n  \n{\"text\":\"ok\"}");

    // CSV and TSV: a selector byte for the name (even: .csv, odd: .tsv), then the file.
    write(dir, "csv", "quoted.csv", b"\x00title,text,date\n\"Banjir, lagi\",\"Hujan deras.\nAir naik \"\"dua\"\" meter.\",2024-11-20\r\nHarga,Naik.,\n");
    write(dir, "csv", "tab.tsv", b"\x01title\ttext\nSatu\tIsi pertama.\n\nDua\t\"tidak ditutup\n");
    write(dir, "csv", "semicolon-latin1.csv", b"\x00title;text\nCaf\xe9;\"Kopi; enak\"\n;\n");

    // Compressed streams: a selector byte for the inner format (see INNER), then the stream.
    let inner: [(u8, Vec<u8>); 5] = [
        (0, jsonl.clone().into_bytes()),
        (1, txt.clone().into_bytes()),
        (2, html_page(ID_BODY).into_bytes()),
        (3, warc_record("response", "https://contoh.id/a/1", &http_response(&html_page(ID_BODY), "utf-8"))),
        (4, tar_archive()),
    ];
    for (sel, bytes) in &inner {
        let gz = gzip(bytes);
        write(dir, "gzip", &format!("inner{sel}.bin"), &with_selector(*sel, &gz));
        write(dir, "gzip", &format!("inner{sel}-cut.bin"), &with_selector(*sel, &gz[..gz.len() * 2 / 3]));
        let zs = zstd(bytes);
        write(dir, "zstd", &format!("inner{sel}.bin"), &with_selector(*sel, &zs));
        write(dir, "zstd", &format!("inner{sel}-cut.bin"), &with_selector(*sel, &zs[..zs.len() * 2 / 3]));
    }
    let mut two_members = gzip(lines[0].as_bytes());
    two_members.extend(gzip(b"\n{\"text\":\"second member\"}\n"));
    write(dir, "gzip", "multi-member.bin", &with_selector(0, &two_members));
    let mut two_frames = zstd(lines[0].as_bytes());
    two_frames.extend(zstd(b"\n{\"text\":\"second frame\"}\n"));
    write(dir, "zstd", "multi-frame.bin", &with_selector(0, &two_frames));

    // tar, WARC, HTML.
    write(dir, "tar", "mixed.tar", &tar_archive());
    write(dir, "tar", "cut.tar", &tar_archive()[..1200]);
    let page = html_page(ID_BODY);
    let mut warc = warc_record("warcinfo", "", b"software: handmade\r\n");
    warc.extend(warc_record("request", "https://contoh.id/a/1", b"GET /a/1 HTTP/1.1\r\n\r\n"));
    warc.extend(warc_record("response", "https://contoh.id/a/1", &http_response(&page, "utf-8")));
    warc.extend(warc_record("response", "https://contoh.id/a/2", b"HTTP/1.1 404 Not Found\r\n\r\n"));
    warc.extend(warc_record("response", "https://contoh.id/a/3", &http_response(&page.replace('é', "e"), "iso-8859-1")));
    write(dir, "warc", "mixed.warc", &warc);
    let mut broken = warc_record("response", "https://contoh.id/b", &http_response(&page, "utf-8"));
    let at = broken.windows(16).position(|w| w.starts_with(b"Content-Length: ")).unwrap() + 16;
    broken[at] = b'9';
    broken.extend(warc_record("resource", "https://contoh.id/c", page.as_bytes()));
    write(dir, "warc", "bad-length.warc", &broken);
    write(dir, "html", "article.html", page.as_bytes());
    write(dir, "html", "latin1.html", b"<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9</title></head><body><article><p>Le caf\xe9 est tr\xe8s bon et la terrasse est agr\xe9able pour tout le monde.</p></article></body></html>");
    write(dir, "html", "nested.html", (("<div>".repeat(200)) + "<p>Teks di dalam sekali yang cukup panjang untuk menjadi sebuah artikel berita.</p>" + &"</div>".repeat(200)).as_bytes());
    write(dir, "html", "english.html", html_page(EN_BODY).as_bytes());

    // Parquet.
    write(dir, "parquet", "snappy.parquet", &parquet_file(parquet::basic::Compression::SNAPPY));
    write(dir, "parquet", "plain.parquet", &parquet_file(parquet::basic::Compression::UNCOMPRESSED));

    // Wire formats.
    let rich = rich_article();
    let mut fw = FrameWriter::new(Vec::new()).unwrap();
    fw.write(&rich).unwrap();
    fw.write(&Article::new("empty", "")).unwrap();
    let frames = fw.into_inner();
    write(dir, "frame", "two.bin", &frames);
    write(dir, "frame", "cut.bin", &frames[..frames.len() - 3]);
    write(dir, "wire", "rich.json", wire::to_json_line(&rich).as_bytes());
    for (i, line) in lines.iter().enumerate() {
        write(dir, "wire", &format!("line{i}.json"), line.as_bytes());
    }
    write(dir, "wire", "bad-span.json", br#"{"id":"s","text":"ab\u00e9","sentences":[{"start":0,"end":9}],"entities":[{"start":1,"end":0}]}"#);
    write(dir, "wire", "overlap.json", br#"{"id":"o","text":"Satu. Dua. Tiga.","sentences":[{"start":6,"end":16},{"start":0,"end":10}],"tokens":[{"start":12,"end":3}]}"#);

    // Stage inputs: a language selector (see LANGS), then the text.
    let texts: [(u8, &str); 7] = [
        (0, ID_BODY),
        (1, EN_BODY),
        (3, MOJIBAKE),
        (4, UNICODE),
        (0, "kerja sama dengan. Perdana Menteri Malaysia di Kuala Lumpur. Ia berkata, \"Ya.\" (Foto: ANTARA/Ali)"),
        (2, "  \n\t \u{a0}\u{3000}"),
        (1, "1. First item\n2. Second item\nSee https://example.com/a.b?c=d. E-mail: a.b@c.id. Wait... what?! (Really.)"),
    ];
    for target in ["normalize", "segment", "tag", "stages"] {
        for (i, (sel, t)) in texts.iter().enumerate() {
            write(dir, target, &format!("text{i}.bin"), &with_selector(*sel, t.as_bytes()));
        }
    }

    // Dedup: texts separated by 0xFF, optionally `title\x01url\x01body`.
    let story = "Harga cabai rawit di Pasar Kramat Jati naik menjadi Rp80.000 per kilogram. Pedagang mengeluhkan pasokan yang berkurang sejak pekan lalu. Pemerintah berjanji menambah pasokan dari daerah lain.";
    let mut d = vec![2u8];
    for (i, part) in [
        format!("Harga cabai naik\x01https://contoh.id/cabai\x01{story}"),
        story.to_string(),
        story.replace("pekan lalu", "minggu lalu"),
        format!("Harga cabai naik\x01https://contoh.id/cabai?utm=1\x01{story} Tambahan."),
        ID_BODY.to_string(),
        format!("{ID_BODY}\n{ID_BODY}"),
        String::new(),
    ]
    .iter()
    .enumerate()
    {
        if i > 0 {
            d.push(0xFF);
        }
        d.extend_from_slice(part.as_bytes());
    }
    write(dir, "dedup", "cluster.bin", &d);
    let (_, arts) = warta_fuzz::dedup_articles(&d);
    let mut stage = warta_dedup::Deduplicator::new(warta_dedup::DedupConfig::default());
    let _ = stage.process_batch(arts);
    let _ = stage.finish();
    let mut index = Vec::new();
    stage.save_index(&mut index).unwrap();
    write(dir, "dedup_index", "index.bin", &index);
    let mut empty = Vec::new();
    warta_dedup::Deduplicator::new(warta_dedup::DedupConfig::default()).save_index(&mut empty).unwrap();
    write(dir, "dedup_index", "empty.bin", &empty);

    // A tiny tagger model: one language, no features, flat transitions.
    use warta_tag::model::{LangWeightsFile, ModelFile, N_STORED, N_TAGS};
    let lang = |code: &str, keys: u32| LangWeightsFile {
        lang: code.into(),
        key_deltas: vec![1; keys as usize],
        weights: (0..keys as usize * N_STORED).map(|i| (i as i16 % 7) - 3).collect(),
        transitions: vec![0; (N_TAGS + 1) * N_TAGS],
        scale: 0.5,
        profiles: vec!["p".into()],
        profile_key_deltas: vec![5],
        profile_weights: vec![1; N_STORED],
    };
    let model = ModelFile::new(vec![lang("id", 3), lang("en", 0)], vec!["jakarta".into()], vec![[1, 2, 3, 4]], "seed".into());
    let raw = bincode::serde::encode_to_vec(&model, bincode::config::standard()).unwrap();
    write(dir, "tag_model", "tiny-raw.bin", &with_selector(0, &raw));
    write(dir, "tag_model", "tiny-zst.bin", &with_selector(1, &model.to_bytes()));
    eprintln!("seeds written to {}", root.display());
}
