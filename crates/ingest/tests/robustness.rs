//! Damaged inputs of every format: no panic, no error for a readable file,
//! and every record accounted for as an article or a reject.

use std::io::Write;
use std::ops::ControlFlow;
use std::path::Path;
use std::sync::atomic::AtomicU64;

use warta_ingest::{plan, read_file, IngestConfig, Record};

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn fixtures() -> Vec<(&'static str, Vec<u8>)> {
    let jsonl: String = (0..40).map(|i| format!("{{\"id\":\"a{i}\",\"title\":\"Judul {i}\",\"text\":\"Isi berita “{i}” – é.\"}}\n")).collect();
    let page = "<html lang=id><head><title>T</title></head><body><article><p>Paragraf pertama yang cukup panjang untuk dianggap artikel oleh ekstraktor.</p><p>Paragraf kedua juga panjang, berisi kalimat berita lain.</p></article></body></html>";
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{page}");
    let record = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:x>\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    );
    let mut tar = tar::Builder::new(Vec::new());
    for i in 0..5 {
        let data = format!("Judul {i}\nIsi {i}.");
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_cksum();
        tar.append_data(&mut h, format!("a{i}.txt"), data.as_bytes()).unwrap();
    }
    vec![
        ("x.jsonl", jsonl.clone().into_bytes()),
        ("x.jsonl.gz", gzip(jsonl.as_bytes())),
        ("x.jsonl.zst", zstd::encode_all(jsonl.as_bytes(), 3).unwrap()),
        ("x.txt", "Judul\nParagraf satu.\nParagraf dua.".as_bytes().to_vec()),
        ("x.html", page.as_bytes().to_vec()),
        ("x.warc.gz", record.repeat(3).as_bytes().chunks(record.len()).flat_map(gzip).collect()),
        ("x.warc", record.repeat(3).into_bytes()),
        ("x.tar", tar.into_inner().unwrap()),
    ]
}

fn read_ok(path: &Path) -> usize {
    let cfg = IngestConfig::default();
    let files = plan(&[path.to_path_buf()], &cfg).unwrap();
    let mut n = 0;
    for f in &files {
        read_file(f, &cfg, &AtomicU64::new(0), &mut |r| {
            if let Record::Reject(j) = &r {
                assert!(!j.detail.is_empty());
            }
            n += 1;
            ControlFlow::Continue(())
        })
        .unwrap();
    }
    n
}

#[test]
fn truncated_and_corrupted_inputs_never_panic_and_always_yield_records() {
    let dir = tempfile::tempdir().unwrap();
    let mut state: u64 = 42;
    let mut next = |bound: usize| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) as usize % bound.max(1)
    };
    for (name, bytes) in fixtures() {
        let path = dir.path().join(name);
        for step in 0..40 {
            let mut damaged = bytes.clone();
            if step % 2 == 0 {
                damaged.truncate(next(bytes.len()));
            } else {
                for _ in 0..3 {
                    let at = next(damaged.len());
                    damaged[at] = next(256) as u8;
                }
            }
            std::fs::write(&path, &damaged).unwrap();
            let n = read_ok(&path);
            assert!(n >= 1, "{name} step {step}: every file yields at least one record");
        }
    }
}

#[cfg(feature = "parquet")]
#[test]
fn damaged_parquet_files_never_panic() {
    use parquet::data_type::{ByteArray, ByteArrayType};
    use std::sync::Arc;
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.parquet");
    let schema = Arc::new(parquet::schema::parser::parse_message_type("message m { REQUIRED BYTE_ARRAY text (UTF8); }").unwrap());
    let props = Arc::new(parquet::file::properties::WriterProperties::builder().build());
    let mut writer = parquet::file::writer::SerializedFileWriter::new(std::fs::File::create(&good).unwrap(), schema, props).unwrap();
    for g in 0..3 {
        let mut rg = writer.next_row_group().unwrap();
        while let Some(mut col) = rg.next_column().unwrap() {
            let values: Vec<ByteArray> = (0..20).map(|i| ByteArray::from(format!("Berita {g}-{i}.").as_str())).collect();
            col.typed::<ByteArrayType>().write_batch(&values, None, None).unwrap();
            col.close().unwrap();
        }
        rg.close().unwrap();
    }
    writer.close().unwrap();
    assert_eq!(read_ok(&good), 60);
    let bytes = std::fs::read(&good).unwrap();
    let path = dir.path().join("bad.parquet");
    let mut state: u64 = 7;
    for step in 0..60 {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let at = (state >> 33) as usize % bytes.len();
        let mut damaged = bytes.clone();
        if step % 3 == 0 {
            damaged.truncate(at);
        } else {
            damaged[at] ^= 0x5a;
        }
        std::fs::write(&path, &damaged).unwrap();
        assert!(read_ok(&path) >= 1, "step {step}");
    }
}
