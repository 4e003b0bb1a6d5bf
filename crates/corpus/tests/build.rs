//! End-to-end tests of corpus builds: manifests, outputs and checksums,
//! incrementality, shard bounds, interruption and the report.

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use serde_json::Value;
use warta_corpus::util::sha256_file;
use warta_corpus::{build, BuildOptions, BuildStatus};

fn quiet() -> BuildOptions {
    BuildOptions { silent: true, threads: 2, ..Default::default() }
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A deterministic pseudo-random generator (no time seeds in tests).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[(self.next() as usize) % words.len()]
    }
}

const NOUNS: &[&str] = &[
    "pemerintah", "warga", "petani", "nelayan", "sekolah", "pasar", "harga", "beras", "jalan", "banjir", "kota", "desa",
    "gubernur", "menteri", "polisi", "rumah", "sakit", "pelabuhan", "kereta", "bandara", "listrik", "air", "hutan", "laut",
];
const VERBS: &[&str] =
    &["membangun", "meninjau", "menaikkan", "menurunkan", "memeriksa", "membuka", "menutup", "mendukung", "menolak", "mencatat"];
const PLACES: &[&str] = &["Jakarta", "Surabaya", "Bandung", "Medan", "Makassar", "Semarang", "Denpasar", "Palembang"];

fn sentence(rng: &mut Lcg) -> String {
    let n = 6 + (rng.next() % 10) as usize;
    let mut words = vec![rng.pick(NOUNS).to_string()];
    words[0][..1].make_ascii_uppercase();
    for i in 1..n {
        words.push(match i % 4 {
            1 => rng.pick(VERBS).to_string(),
            3 => format!("di {}", rng.pick(PLACES)),
            _ => rng.pick(NOUNS).to_string(),
        });
    }
    format!("{}.", words.join(" "))
}

fn article_text(rng: &mut Lcg) -> String {
    let paragraphs = 2 + (rng.next() % 3) as usize;
    (0..paragraphs)
        .map(|_| (0..3).map(|_| sentence(rng)).collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes a JSONL file of `n` articles (every 7th a copy of the one before);
/// returns its path.
fn write_jsonl(dir: &Path, name: &str, prefix: &str, n: usize, seed: u64) -> PathBuf {
    let mut rng = Lcg(seed);
    let mut out = String::new();
    let mut last = String::new();
    for i in 0..n {
        let text = if i % 7 == 6 { last.clone() } else { article_text(&mut rng) };
        let rec = serde_json::json!({
            "id": format!("{prefix}-{i:04}"),
            "title": format!("Berita {} nomor {i}", rng.pick(PLACES)),
            "text": text,
            "lang": "id",
        });
        out.push_str(&rec.to_string());
        out.push('\n');
        last = text;
    }
    // One broken record, which must become a reject.
    out.push_str("{\"id\": \"broken\", \"text\": \n");
    let path = dir.join(name);
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(&path, out).unwrap();
    path
}

/// A manifest over `inputs/` inside `dir`: two inputs, a.jsonl/b.jsonl and c.jsonl.
fn generated_corpus(dir: &Path, extra_output: &str) -> PathBuf {
    let inputs = dir.join("inputs");
    write_jsonl(&inputs.join("first"), "a.jsonl", "a", 40, 1);
    write_jsonl(&inputs.join("first"), "b.jsonl", "b", 40, 2);
    write_jsonl(&inputs.join("second"), "c.jsonl", "c", 40, 3);
    let manifest = dir.join("gen.toml");
    std::fs::write(
        &manifest,
        format!(
            r#"
name = "gen"
description = "generated test corpus"

[output]
dir = "out"
unit_max_bytes = "1 KiB"   # one file per unit
{extra_output}

[[inputs]]
name = "first"
paths = ["inputs/first/*.jsonl"]
format = "jsonl"
license = "cc0-1.0"

[[inputs]]
name = "second"
paths = ["inputs/second"]
license = "cc0-1.0"
"#
        ),
    )
    .unwrap();
    manifest
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).unwrap()
}

fn zstd_lines(path: &Path) -> Vec<String> {
    let file = std::fs::File::open(path).unwrap();
    let reader = std::io::BufReader::new(zstd::Decoder::new(file).unwrap());
    reader.lines().map(|l| l.unwrap()).collect()
}

fn shard_hashes(out: &Path) -> Vec<(String, String)> {
    let manifest = read_json(&out.join("MANIFEST.json"));
    manifest["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["deterministic"] == true)
        .map(|o| (o["path"].as_str().unwrap().to_string(), o["sha256"].as_str().unwrap().to_string()))
        .collect()
}

fn parse_err(text: &str) -> String {
    let err = warta_corpus::manifest::parse(text, Path::new("/tmp/x/m.toml")).expect_err("the manifest should be rejected");
    format!("{err:#}")
}

const OK_INPUT: &str = "[[inputs]]\nname = \"a\"\npaths = [\"x.jsonl\"]\n";

#[test]
fn manifest_errors_name_the_problem() {
    let e = parse_err(&format!("nmae = \"typo\"\n{OK_INPUT}"));
    assert!(e.contains("unknown field `nmae`"), "{e}");
    let e = parse_err("name = \"x\"\n");
    assert!(e.contains("no inputs"), "{e}");
    let e = parse_err(&format!("[stages.normalize]\nremove_boilerplat = true\n{OK_INPUT}"));
    assert!(e.contains("stages.normalize") && e.contains("remove_boilerplat"), "{e}");
    let e = parse_err(&format!("[stages.ingest]\nmax_recrod_bytes = 5\n{OK_INPUT}"));
    assert!(e.contains("`stages.ingest.max_recrod_bytes`"), "{e}");
    let e = parse_err(&format!("[output]\nshard_max_bytes = \"12 parsecs\"\n{OK_INPUT}"));
    assert!(e.contains("parsecs") && e.contains("shard_max_bytes"), "{e}");
    let e = parse_err(&format!("[output]\nshard_max_bytes = 0\n{OK_INPUT}"));
    assert!(e.contains("positive"), "{e}");
    let e = parse_err(&format!("[dedup_index]\nmode = \"use\"\n{OK_INPUT}"));
    assert!(e.contains("dedup_index") && e.contains("path"), "{e}");
    let e = parse_err(&format!("[dedup_index]\nmode = \"recreate\"\n{OK_INPUT}"));
    assert!(e.contains("recreate"), "{e}");
    let e = parse_err(&format!("{OK_INPUT}{OK_INPUT}"));
    assert!(e.contains("unique"), "{e}");
    let e = parse_err("[[inputs]]\nname = \"a\"\npaths = [\"x\"]\nformat = \"docx\"\n");
    assert!(e.contains("inputs[0]") && e.contains("docx"), "{e}");
    let e = parse_err("[[inputs]]\nname = \"a\"\n");
    assert!(e.contains("`paths` is empty"), "{e}");
    let e = parse_err("[[inputs]]\nname = \"a b\"\npaths = [\"x\"]\n");
    assert!(e.contains("inputs[0].name"), "{e}");
    let e = parse_err("[[inputs]\nname = 1");
    assert!(e.contains("line 1"), "a TOML syntax error gives its place: {e}");

    // Inputs that match nothing are an error at build time, naming the pattern.
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("m.toml");
    std::fs::write(&m, "[[inputs]]\nname = \"a\"\npaths = [\"nothing/*.jsonl\"]\n").unwrap();
    let e = format!("{:#}", build(&m, &quiet()).unwrap_err());
    assert!(e.contains("nothing/*.jsonl") && e.contains("matches no file"), "{e}");
    std::fs::write(&m, "[[inputs]]\nname = \"a\"\npaths = [\"missing.jsonl\"]\n").unwrap();
    let e = format!("{:#}", build(&m, &quiet()).unwrap_err());
    assert!(e.contains("missing.jsonl") && e.contains("does not exist"), "{e}");
}

#[test]
fn sizes_parse_with_units() {
    use warta_corpus::manifest::parse_size;
    assert_eq!(parse_size("64 MiB").unwrap(), 64 << 20);
    assert_eq!(parse_size("1.5GB").unwrap(), 1_500_000_000);
    assert_eq!(parse_size("4096").unwrap(), 4096);
    assert!(parse_size("0").is_err());
    assert!(parse_size("-3 MB").is_err());
    assert!(parse_size("MB").is_err());
}

#[test]
fn sample_build_writes_every_output_with_valid_checksums() {
    let out = tempfile::tempdir().unwrap();
    let opts = BuildOptions { out_dir: Some(out.path().to_path_buf()), ..quiet() };
    let report = build(&repo().join("corpus/manifests/sample.toml"), &opts).unwrap();
    assert_eq!(report.status, BuildStatus::Built);
    let out = out.path();
    let manifest = read_json(&out.join("MANIFEST.json"));
    assert_eq!(manifest["format"], "warta-corpus/1");
    assert!(manifest["warta_version"].is_string());
    assert!(manifest["config"]["data"]["stages"]["normalize"]["remove_boilerplate"] == true);

    // Inputs: every file with its size and hash, none of gold.json/README.md.
    let inputs = manifest["inputs"].as_array().unwrap();
    assert!(inputs.len() >= 4, "{inputs:?}");
    for i in inputs {
        let path = repo().join(i["path"].as_str().unwrap());
        let (sha, size) = sha256_file(&path).unwrap();
        assert_eq!(i["sha256"], sha.as_str());
        assert_eq!(i["size"], size);
        assert!(!i["path"].as_str().unwrap().ends_with(".json") && !i["path"].as_str().unwrap().ends_with(".md"));
    }

    // Outputs: each checksum is right, shards decompress, counts agree.
    let stats = read_json(&out.join("stats.json"));
    let mut shard_lines = 0u64;
    let outputs = manifest["outputs"].as_array().unwrap();
    for o in outputs {
        let path = out.join(o["path"].as_str().unwrap());
        let (sha, size) = sha256_file(&path).unwrap();
        assert_eq!(o["sha256"], sha.as_str(), "{}", path.display());
        assert_eq!(o["size"], size);
        if o["path"].as_str().unwrap().ends_with(".jsonl.zst") && o["path"].as_str().unwrap().starts_with("data/") {
            let lines = zstd_lines(&path);
            assert_eq!(o["records"], lines.len() as u64);
            for l in &lines {
                let a: Value = serde_json::from_str(l).unwrap();
                assert!(a["id"].is_string() && a["text"].is_string());
            }
            shard_lines += lines.len() as u64;
        }
    }
    let jsonl_shards = outputs.iter().filter(|o| o["path"].as_str().unwrap().ends_with(".jsonl.zst") && o["path"].as_str().unwrap().starts_with("data/")).count();
    assert!(jsonl_shards >= 2, "16 KiB shards: several");
    // Parquet twins: one per shard, same rows.
    let mut parquet_rows = 0;
    for o in outputs.iter().filter(|o| o["path"].as_str().unwrap().ends_with(".parquet")) {
        use parquet::file::reader::FileReader;
        let file = std::fs::File::open(out.join(o["path"].as_str().unwrap())).unwrap();
        let reader = parquet::file::reader::SerializedFileReader::new(file).unwrap();
        let rows = reader.metadata().file_metadata().num_rows() as u64;
        assert_eq!(o["records"], rows);
        parquet_rows += rows;
        let twin = o["path"].as_str().unwrap().replace(".parquet", ".jsonl.zst");
        assert!(outputs.iter().any(|x| x["path"] == twin.as_str()), "{twin}");
        // Same articles, same order, text intact, the rest in `annotations`.
        let jsonl = zstd_lines(&out.join(&twin));
        for (row, line) in reader.get_row_iter(None).unwrap().zip(&jsonl) {
            use parquet::record::RowAccessor;
            let row = row.unwrap();
            let a: Value = serde_json::from_str(line).unwrap();
            assert_eq!(row.get_string(0).unwrap(), a["id"].as_str().unwrap());
            assert_eq!(row.get_string(2).unwrap(), a["text"].as_str().unwrap());
            let rest: Value = serde_json::from_str(row.get_string(7).unwrap()).unwrap();
            assert_eq!(rest["sentences"], a["sentences"]);
        }
    }
    for name in ["duplicates.jsonl.zst", "rejects.jsonl.zst", "stats.json", "README.md", "report.html"] {
        assert!(outputs.iter().any(|o| o["path"] == name), "{name} missing from MANIFEST.json");
    }
    assert_eq!(stats["articles"], shard_lines);
    assert_eq!(parquet_rows, shard_lines);
    let rejects = zstd_lines(&out.join("rejects.jsonl.zst")).len() as u64;
    let dups = zstd_lines(&out.join("duplicates.jsonl.zst")).len() as u64;
    assert_eq!(stats["rejects"], rejects);
    assert_eq!(stats["duplicates"], dups);
    assert_eq!(stats["records_in"].as_u64().unwrap(), shard_lines + rejects + dups);
    assert!(rejects >= 1, "scrape-broken.jsonl holds broken records");
    let index = &manifest["dedup_index"]["final"];
    let (sha, _) = sha256_file(&out.join("dedup.index")).unwrap();
    assert_eq!(index["sha256"], sha.as_str());

    // The dataset card.
    let card = std::fs::read_to_string(out.join("README.md")).unwrap();
    assert!(card.starts_with("---\n"), "YAML metadata first");
    assert!(card.contains("language:") && card.contains("- \"id\"") && card.contains("- \"en\""), "{card}");
    assert!(card.contains("## What was removed and why") && card.contains("apache-2.0"));
    assert!(card.contains("sample-txt") && card.contains("sample-jsonl"));
    // No unfinished files left.
    for e in walk(out) {
        assert!(!e.to_string_lossy().ends_with(".partial"), "{}", e.display());
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.file_type().unwrap().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}

#[test]
fn second_build_does_no_work_and_a_changed_input_rebuilds() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = generated_corpus(dir.path(), "");
    let first = build(&manifest, &quiet()).unwrap();
    assert_eq!(first.status, BuildStatus::Built);
    assert_eq!(first.units_total, 3);
    assert_eq!(first.units_run, 3);
    let out = dir.path().join("out");
    let manifest_bytes = std::fs::read(out.join("MANIFEST.json")).unwrap();
    let stats_bytes = std::fs::read(out.join("stats.json")).unwrap();

    let second = build(&manifest, &quiet()).unwrap();
    assert_eq!(second.status, BuildStatus::UpToDate);
    assert_eq!(second.units_run, 0);
    assert_eq!(second.files_hashed, 0, "unchanged files are not read again");
    assert!(second.messages.iter().any(|m| m.contains("nothing to do")), "{:?}", second.messages);
    assert_eq!(std::fs::read(out.join("MANIFEST.json")).unwrap(), manifest_bytes, "nothing rewritten");
    assert_eq!(std::fs::read(out.join("stats.json")).unwrap(), stats_bytes);

    // Changing the last input's file reruns its unit only.
    let c = dir.path().join("inputs/second/c.jsonl");
    let mut text = std::fs::read_to_string(&c).unwrap();
    text.push_str("{\"id\":\"c-new\",\"text\":\"Warga Medan membangun jembatan baru di pinggir kota.\",\"lang\":\"id\"}\n");
    std::fs::write(&c, text).unwrap();
    let third = build(&manifest, &quiet()).unwrap();
    assert_eq!(third.status, BuildStatus::Built);
    assert_eq!((third.units_run, third.units_reused), (1, 2), "{:?}", third.messages);
    assert!(third.messages.iter().any(|m| m.contains("c.jsonl changed")), "{:?}", third.messages);
    let before: u64 = serde_json::from_slice::<Value>(&stats_bytes).unwrap()["records_in"].as_u64().unwrap();
    assert_eq!(third.stats.as_ref().unwrap().records_in, before + 1);

    // Changing the first input's file reruns everything after it too (the
    // de-duplication index is chained through the units).
    let a = dir.path().join("inputs/first/a.jsonl");
    let text = std::fs::read_to_string(&a).unwrap().replacen("Berita", "Kabar", 1);
    std::fs::write(&a, text).unwrap();
    let fourth = build(&manifest, &quiet()).unwrap();
    assert_eq!((fourth.units_run, fourth.units_reused), (3, 0));
    // And a card-only change re-assembles without running any unit.
    let m = std::fs::read_to_string(&manifest).unwrap().replace("generated test corpus", "generated test corpus, v2");
    std::fs::write(&manifest, m).unwrap();
    let fifth = build(&manifest, &quiet()).unwrap();
    assert_eq!(fifth.status, BuildStatus::Built);
    assert_eq!((fifth.units_run, fifth.units_reused), (0, 3));
    assert!(std::fs::read_to_string(out.join("README.md")).unwrap().contains("v2"));
}

#[test]
fn shards_respect_the_size_bound() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = generated_corpus(dir.path(), "shard_max_bytes = \"4 KiB\"\nshard_max_articles = 5");
    build(&manifest, &quiet()).unwrap();
    let out = dir.path().join("out");
    let manifest = read_json(&out.join("MANIFEST.json"));
    let shards: Vec<&Value> =
        manifest["outputs"].as_array().unwrap().iter().filter(|o| o["path"].as_str().unwrap().starts_with("data/")).collect();
    assert!(shards.len() > 10, "{} shards", shards.len());
    let mut total = 0;
    for (i, s) in shards.iter().enumerate() {
        let path = out.join(s["path"].as_str().unwrap());
        assert_eq!(s["path"].as_str().unwrap(), format!("data/articles-{i:05}.jsonl.zst"), "numbered in order");
        let mut raw = Vec::new();
        zstd::Decoder::new(std::fs::File::open(&path).unwrap()).unwrap().read_to_end(&mut raw).unwrap();
        let lines = raw.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count();
        assert_eq!(s["uncompressed_bytes"], raw.len() as u64);
        assert!(raw.len() <= 4096 || lines == 1, "shard {i}: {} bytes in {lines} lines", raw.len());
        assert!(lines <= 5, "shard {i}: {lines} articles");
        total += lines as u64;
    }
    assert_eq!(manifest["counts"]["articles"], total);
}

#[test]
fn an_interrupted_build_resumes_without_redoing_finished_units() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = generated_corpus(dir.path(), "shard_max_bytes = \"8 KiB\"");
    let out = dir.path().join("out");

    // The reference: one uninterrupted build elsewhere.
    let reference = tempfile::tempdir().unwrap();
    build(&manifest, &BuildOptions { out_dir: Some(reference.path().to_path_buf()), ..quiet() }).unwrap();

    let stopped = build(&manifest, &BuildOptions { stop_after_units: Some(1), ..quiet() }).unwrap();
    assert_eq!(stopped.status, BuildStatus::Stopped);
    assert!(!out.join("MANIFEST.json").exists(), "an unfinished build must not look finished");
    // What a kill in the middle of unit 2 leaves behind: a temporary shard
    // and a half-written run directory.
    std::fs::write(out.join("data/.articles-00099.jsonl.zst.partial"), b"garbage").unwrap();
    std::fs::create_dir_all(out.join(".work/units/00001/run")).unwrap();
    std::fs::write(out.join(".work/units/00001/run/articles.jsonl"), b"{\"id\":").unwrap();
    let finished_shard = out.join("data/articles-00000.jsonl.zst");
    let mtime = std::fs::metadata(&finished_shard).unwrap().modified().unwrap();

    let resumed = build(&manifest, &quiet()).unwrap();
    assert_eq!(resumed.status, BuildStatus::Built);
    assert_eq!((resumed.units_reused, resumed.units_run), (1, 2), "{:?}", resumed.messages);
    assert!(resumed.messages.iter().any(|m| m.contains("resuming")), "{:?}", resumed.messages);
    assert_eq!(std::fs::metadata(&finished_shard).unwrap().modified().unwrap(), mtime, "finished shard not rewritten");
    assert_eq!(shard_hashes(&out), shard_hashes(reference.path()), "same bytes as an uninterrupted build");
    assert!(!out.join("data/.articles-00099.jsonl.zst.partial").exists(), "leftovers are cleaned");

    // A finished shard that was damaged is noticed: its unit and the ones after run again.
    let damaged = out.join("data/articles-00000.jsonl.zst");
    std::fs::write(&damaged, b"not zstd").unwrap();
    let repaired = build(&manifest, &quiet()).unwrap();
    assert_eq!(repaired.status, BuildStatus::Built);
    assert_eq!(shard_hashes(&out), shard_hashes(reference.path()));
}

#[test]
fn a_killed_build_process_resumes() {
    let dir = tempfile::tempdir().unwrap();
    // More units, so that the kill lands in the middle.
    let inputs = dir.path().join("inputs");
    for i in 0..8 {
        write_jsonl(&inputs, &format!("part-{i}.jsonl"), &format!("p{i}"), 60, 10 + i);
    }
    let manifest = dir.path().join("kill.toml");
    std::fs::write(
        &manifest,
        "name = \"kill\"\n[output]\ndir = \"out\"\nunit_max_bytes = \"1 KiB\"\n[[inputs]]\nname = \"parts\"\npaths = [\"inputs/*.jsonl\"]\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_warta-corpus"))
        .args(["build", manifest.to_str().unwrap(), "--threads", "1"])
        .stderr(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let first_done = out.join(".work/units/00000/done.json");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(300);
    while !first_done.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    let finished_early = status.success();
    if !finished_early {
        assert!(!out.join("MANIFEST.json").exists(), "a killed build must not look finished");
        assert!(!out.join("README.md").exists() && !out.join("stats.json").exists());
        // Every shard under its final name is a whole zstd stream.
        for e in walk(&out.join("data")) {
            if !e.file_name().unwrap().to_string_lossy().starts_with('.') {
                zstd_lines(&e);
            }
        }
    }
    // Resume with the same executable (the build key includes its hash).
    let resumed = std::process::Command::new(env!("CARGO_BIN_EXE_warta-corpus"))
        .args(["build", manifest.to_str().unwrap(), "--threads", "1"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&resumed.stderr);
    assert!(resumed.status.success(), "{said}");
    assert!(out.join("MANIFEST.json").exists());
    if !finished_early {
        assert!(said.contains("resuming") && said.contains("unchanged, reused"), "{said}");
    }
    let reference = dir.path().join("reference");
    let clean = std::process::Command::new(env!("CARGO_BIN_EXE_warta-corpus"))
        .args(["build", manifest.to_str().unwrap(), "--threads", "1", "--out", reference.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(clean.status.success());
    assert_eq!(shard_hashes(&out), shard_hashes(&reference));
}

#[test]
fn report_is_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = generated_corpus(dir.path(), "");
    build(&manifest, &quiet()).unwrap();
    let html = std::fs::read_to_string(dir.path().join("out/report.html")).unwrap();
    let lower = html.to_ascii_lowercase();
    for forbidden in ["<script", "<link", "src=", "href=", "url(", "@import", "@font-face", "http://", "https://", "<iframe", "<img"] {
        assert!(!lower.contains(forbidden), "report.html contains `{forbidden}`");
    }
    for chart in ["Articles in and out per stage", "Duplicate clusters", "Languages", "Sentence length", "Article length", "Top entities", "Throughput"] {
        assert!(html.contains(chart), "missing chart `{chart}`");
    }
    assert!(html.matches("<svg").count() >= 6, "inline SVG charts");
}

#[test]
fn duplicates_across_units_are_caught_and_ids_stay_unique() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir_all(&inputs).unwrap();
    let body = "Pemerintah kota Surabaya membuka pasar baru di pinggir pelabuhan. Warga menyambut pasar itu dengan gembira.";
    std::fs::write(inputs.join("1.jsonl"), format!("{{\"id\":\"x\",\"text\":\"{body}\"}}\n")).unwrap();
    // Same text (a duplicate across units), and a different text under the same id.
    std::fs::write(
        inputs.join("2.jsonl"),
        format!("{{\"id\":\"y\",\"text\":\"{body}\"}}\n{{\"id\":\"x\",\"text\":\"Harga beras di Medan turun dua persen pekan ini menurut pedagang pasar.\"}}\n"),
    )
    .unwrap();
    let manifest = dir.path().join("m.toml");
    std::fs::write(&manifest, "[output]\nunit_max_bytes = 1\n[[inputs]]\nname = \"i\"\npaths = [\"inputs\"]\n").unwrap();
    let report = build(&manifest, &quiet()).unwrap();
    assert_eq!(report.units_total, 2);
    let stats = report.stats.unwrap();
    assert_eq!((stats.records_in, stats.articles, stats.duplicates, stats.rejects), (3, 1, 1, 1));
    assert_eq!(stats.rejects_by_reason.get("duplicate_id"), Some(&1));
    let out = dir.path().join("target/corpus/m");
    let dups = zstd_lines(&out.join("duplicates.jsonl.zst"));
    assert!(dups[0].contains("\"duplicate_of\":\"x\""), "{dups:?}");
}

#[test]
fn a_glob_over_everything_does_not_read_the_corpus_being_built() {
    let dir = tempfile::tempdir().unwrap();
    write_jsonl(&dir.path().join("in"), "a.jsonl", "a", 10, 7);
    let manifest = dir.path().join("all.toml");
    // The default output directory, target/corpus/all, lies under the glob.
    std::fs::write(&manifest, "[[inputs]]\nname = \"all\"\npaths = [\"**/*.jsonl*\"]\n").unwrap();
    let first = build(&manifest, &quiet()).unwrap();
    let second = build(&manifest, &BuildOptions { force: true, ..quiet() }).unwrap();
    assert_eq!(first.stats.unwrap().records_in, 11);
    assert_eq!(second.stats.unwrap().records_in, 11, "{:?}", second.messages);
}
