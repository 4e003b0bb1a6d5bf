//! Parquet input, on files the tests write with the parquet crate itself.
#![cfg(feature = "parquet")]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use parquet::data_type::{ByteArray, ByteArrayType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use warta_core::{Article, Reject, RejectReason};
use warta_ingest::{plan, read_all, IngestConfig, InputFormat, Record};

/// Writes rows of (doc_id, content, headline) in row groups of `group` rows;
/// `None` content is a null.
fn write_parquet(path: &Path, rows: &[(i64, Option<&str>, &str)], group: usize) {
    let schema = Arc::new(
        parse_message_type(
            "message doc { REQUIRED INT64 doc_id; OPTIONAL BYTE_ARRAY content (UTF8); REQUIRED BYTE_ARRAY headline (UTF8); }",
        )
        .unwrap(),
    );
    let props = Arc::new(
        WriterProperties::builder().set_compression(parquet::basic::Compression::SNAPPY).build(),
    );
    let file = std::fs::File::create(path).unwrap();
    let mut writer = SerializedFileWriter::new(file, schema, props).unwrap();
    for chunk in rows.chunks(group) {
        let mut rg = writer.next_row_group().unwrap();
        let mut column = 0;
        while let Some(mut col) = rg.next_column().unwrap() {
            match column {
                0 => {
                    let ids: Vec<i64> = chunk.iter().map(|r| r.0).collect();
                    col.typed::<Int64Type>().write_batch(&ids, None, None).unwrap();
                }
                1 => {
                    let values: Vec<ByteArray> = chunk.iter().filter_map(|r| r.1).map(ByteArray::from).collect();
                    let defs: Vec<i16> = chunk.iter().map(|r| i16::from(r.1.is_some())).collect();
                    col.typed::<ByteArrayType>().write_batch(&values, Some(&defs), None).unwrap();
                }
                _ => {
                    let values: Vec<ByteArray> = chunk.iter().map(|r| ByteArray::from(r.2)).collect();
                    col.typed::<ByteArrayType>().write_batch(&values, None, None).unwrap();
                }
            }
            col.close().unwrap();
            column += 1;
        }
        rg.close().unwrap();
    }
    writer.close().unwrap();
}

fn mapped() -> IngestConfig {
    let mut cfg = IngestConfig::default();
    for arg in ["id=doc_id", "text=content", "title=headline"] {
        cfg.add_field_mapping(arg).unwrap();
    }
    cfg
}

fn read(path: &Path, cfg: &IngestConfig) -> Vec<Record> {
    read_all(&plan(&[path.to_path_buf()], cfg).unwrap(), cfg).unwrap()
}

fn articles(records: &[Record]) -> Vec<&Article> {
    records.iter().filter_map(|r| if let Record::Article(a) = r { Some(a) } else { None }).collect()
}

fn rejects(records: &[Record]) -> Vec<&Reject> {
    records.iter().filter_map(|r| if let Record::Reject(j) = r { Some(j) } else { None }).collect()
}

fn fixture(dir: &Path) -> PathBuf {
    let path = dir.join("berita.parquet");
    let rows: Vec<(i64, Option<&str>, &str)> = vec![
        (10, Some("Harga beras naik di pasar induk."), "Beras"),
        (11, None, "Tanpa isi"),
        (12, Some("Timnas menang 2-0 atas Vietnam."), "Bola"),
        (13, Some("   "), "Kosong"),
        (14, Some("Kereta cepat melayani 10 ribu penumpang."), "Kereta"),
    ];
    write_parquet(&path, &rows, 2);
    path
}

#[test]
fn parquet_rows_become_articles_with_mapped_columns() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let files = plan(std::slice::from_ref(&path), &mapped()).unwrap();
    assert_eq!(files[0].format, InputFormat::Parquet);
    let records = read(&path, &mapped());
    assert_eq!(records.len(), 5, "one record per row: {records:?}");
    let a = articles(&records);
    assert_eq!(a.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), vec!["10", "12", "14"]);
    assert_eq!(a[1].title.as_deref(), Some("Bola"));
    assert_eq!(a[1].text, "Timnas menang 2-0 atas Vietnam.");
    assert_eq!(a[2].source.record, 4);
    let j = rejects(&records);
    assert_eq!(j.iter().map(|r| r.reason).collect::<Vec<_>>(), vec![RejectReason::MissingText, RejectReason::EmptyText]);
    assert!(j[0].detail.contains("row 1"), "{}", j[0].detail);
}

#[test]
fn unmapped_parquet_columns_pass_through() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut cfg = IngestConfig::default();
    cfg.add_field_mapping("text=content").unwrap();
    let records = read(&path, &cfg);
    let a = articles(&records);
    assert_eq!(a[0].id, "berita-0", "no id column mapped: derived from the file");
    assert_eq!(a[0].extra.0["headline"], "Beras");
    assert_eq!(a[0].extra.0["doc_id"], 10);
}

#[test]
fn a_truncated_or_empty_parquet_file_is_one_reject() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let bytes = std::fs::read(&path).unwrap();
    let cut = dir.path().join("cut.parquet");
    std::fs::write(&cut, &bytes[..bytes.len() - 20]).unwrap();
    let records = read(&cut, &mapped());
    assert_eq!(records.len(), 1);
    assert_eq!(rejects(&records)[0].reason, RejectReason::TruncatedStream);
    let empty = dir.path().join("kosong.parquet");
    std::fs::write(&empty, b"").unwrap();
    let records = read(&empty, &mapped());
    assert_eq!(rejects(&records)[0].reason, RejectReason::EmptyText);
}
