//! Ingestion throughput on one thread for JSONL.gz, JSONL.zst, WARC.gz and
//! Parquet, built from the shared news and HTML benchmark data in a
//! temporary directory (nothing is written elsewhere), and the peak RSS.
//!
//! ```text
//! cargo run --release -p warta-ingest --example bench_ingest -- ../shared/data [--runs 5] [--json out.json]
//! ```
//! MB/s are given per second of CPU time of the reading thread (so a busy
//! shared machine distorts them less) and per second of wall time; each is
//! the median of the runs. Exits 0 with a note when the data is absent.

use std::io::{Read, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::time::Instant;

use warta_ingest::{plan, read_file, IngestConfig, Record};

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn gunzip(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(std::fs::File::open(path)?).read_to_end(&mut out)?;
    Ok(out)
}


fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

#[derive(serde::Serialize)]
struct Row {
    input: String,
    file_mb: f64,
    records: u64,
    articles: u64,
    mb_per_cpu_s: f64,
    mb_per_wall_s: f64,
    records_per_cpu_s: f64,
}

fn bench(name: &str, path: &Path, cfg: &IngestConfig, runs: usize) -> Row {
    let files = plan(&[path.to_path_buf()], cfg).expect("planned");
    let file_bytes: u64 = files.iter().filter_map(|f| f.size).sum();
    let mut cpu = Vec::new();
    let mut wall = Vec::new();
    let (mut records, mut articles) = (0, 0);
    let mut passes_done = 0;
    for _ in 0..runs {
        let (c0, t0) = (warta_core::cpu::thread_seconds(), Instant::now());
        // Enough passes for the 10 ms tick of the CPU clock not to matter.
        let mut passes = 0;
        while passes == 0 || warta_core::cpu::thread_seconds() - c0 < 1.0 {
            records = 0;
            articles = 0;
            let counter = AtomicU64::new(0);
            for f in &files {
                read_file(f, cfg, &counter, &mut |r| {
                    records += 1;
                    articles += u64::from(matches!(r, Record::Article(_)));
                    ControlFlow::Continue(())
                })
                .expect("readable");
            }
            passes += 1;
        }
        passes_done = passes;
        wall.push(t0.elapsed().as_secs_f64() / passes as f64);
        cpu.push((warta_core::cpu::thread_seconds() - c0) / passes as f64);
    }
    let _ = passes_done;
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (cpu_s, wall_s) = (median(&mut cpu), median(&mut wall));
    let mb = file_bytes as f64 / 1e6;
    Row {
        input: name.to_string(),
        file_mb: mb,
        records,
        articles,
        mb_per_cpu_s: mb / cpu_s,
        mb_per_wall_s: mb / wall_s,
        records_per_cpu_s: records as f64 / cpu_s,
    }
}

#[cfg(feature = "parquet")]
fn write_parquet(path: &Path, jsonl: &[u8]) {
    use parquet::data_type::{ByteArray, ByteArrayType};
    use std::sync::Arc;
    const COLUMNS: [&str; 6] = ["id", "title", "text", "url", "date", "lang"];
    let schema = format!(
        "message news {{ {} }}",
        COLUMNS.iter().map(|c| format!("OPTIONAL BYTE_ARRAY {c} (UTF8);")).collect::<String>()
    );
    let schema = Arc::new(parquet::schema::parser::parse_message_type(&schema).unwrap());
    let props = Arc::new(
        parquet::file::properties::WriterProperties::builder()
            .set_compression(parquet::basic::Compression::ZSTD(Default::default()))
            .build(),
    );
    let rows: Vec<serde_json::Value> =
        jsonl.split(|&b| b == b'\n').filter(|l| !l.is_empty()).filter_map(|l| serde_json::from_slice(l).ok()).collect();
    let mut writer = parquet::file::writer::SerializedFileWriter::new(std::fs::File::create(path).unwrap(), schema, props).unwrap();
    for chunk in rows.chunks(2000) {
        let mut rg = writer.next_row_group().unwrap();
        let mut column = 0;
        while let Some(mut col) = rg.next_column().unwrap() {
            let name = COLUMNS[column];
            let values: Vec<ByteArray> =
                chunk.iter().filter_map(|r| r[name].as_str()).map(|s| ByteArray::from(s.as_bytes().to_vec())).collect();
            let defs: Vec<i16> = chunk.iter().map(|r| i16::from(r[name].is_string())).collect();
            col.typed::<ByteArrayType>().write_batch(&values, Some(&defs), None).unwrap();
            col.close().unwrap();
            column += 1;
        }
        rg.close().unwrap();
    }
    writer.close().unwrap();
}

pub fn main() {
    let mut args = std::env::args().skip(1);
    let (mut data, mut json, mut runs) = (PathBuf::from("../shared/data"), None::<PathBuf>, 5usize);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => json = args.next().map(PathBuf::from),
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(5),
            _ => data = PathBuf::from(a),
        }
    }
    let news = data.join("news/id-rss-2025-06.jsonl.gz");
    let html_index = data.join("html/zyte-aeb/dev.jsonl");
    if !news.exists() || !html_index.exists() {
        println!("ingestion bench skipped: {} or {} not found", news.display(), html_index.display());
        return;
    }
    let tmp = tempfile::tempdir().expect("temporary directory");
    let jsonl = gunzip(&news).expect("news archive");
    let zst = tmp.path().join("news.jsonl.zst");
    std::fs::write(&zst, zstd::encode_all(&jsonl[..], 3).unwrap()).unwrap();
    // WARC.gz: each benchmark page as a response record, one gzip member each.
    let mut warc = Vec::new();
    let index = std::fs::read_to_string(&html_index).unwrap();
    for (i, line) in index.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let page = gunzip(&data.join("html/zyte-aeb").join(v["file"].as_str().unwrap())).unwrap();
        let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
        http.extend_from_slice(&page);
        let mut rec = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {}\r\nWARC-Record-ID: <urn:uuid:bench-{i}>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            v["url"].as_str().unwrap_or(""),
            http.len()
        )
        .into_bytes();
        rec.extend_from_slice(&http);
        rec.extend_from_slice(b"\r\n\r\n");
        warc.extend_from_slice(&gzip(&rec));
    }
    let warc_path = tmp.path().join("pages.warc.gz");
    std::fs::write(&warc_path, &warc).unwrap();

    let cfg = IngestConfig::default();
    let mut rows = vec![
        bench("JSONL.gz (id-rss, 5,774 articles)", &news, &cfg, runs),
        bench("JSONL.zst (same, zstd -3)", &zst, &cfg, runs),
        bench("WARC.gz (90 Zyte pages, HTML extraction)", &warc_path, &cfg, runs.min(3)),
    ];
    #[cfg(feature = "parquet")]
    {
        let pq = tmp.path().join("news.parquet");
        write_parquet(&pq, &jsonl);
        rows.push(bench("Parquet (same articles, zstd pages)", &pq, &cfg, runs));
    }
    #[cfg(not(feature = "parquet"))]
    println!("(Parquet not measured: built without the `parquet` feature)");

    println!("| input | file MB | records | articles | MB/s (CPU) | MB/s (wall) | records/s (CPU) |");
    println!("|---|---|---|---|---|---|---|");
    for r in &rows {
        println!(
            "| {} | {:.1} | {} | {} | {:.1} | {:.1} | {:.0} |",
            r.input, r.file_mb, r.records, r.articles, r.mb_per_cpu_s, r.mb_per_wall_s, r.records_per_cpu_s
        );
    }
    let rss = peak_rss_mb();
    println!("MB/s are of the file as stored (compressed); one reading thread; median of {runs} runs.");
    println!("peak RSS of this process (inputs held in memory while they were built): {rss:.0} MB");
    if let Some(path) = json {
        let out = serde_json::json!({ "runs": runs, "peak_rss_mb": rss, "inputs": rows });
        if let Err(e) = std::fs::write(&path, serde_json::to_string_pretty(&out).unwrap()) {
            eprintln!("cannot write {}: {e}", path.display());
        }
    }
}
