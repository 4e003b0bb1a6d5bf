//! End-to-end tests of the `warta` binary: the CLI contract of the README.
//!
//! Inputs are written by each test into its own temporary directory; nothing
//! here reads `../shared`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod common;
use common::{warta, run_ok, fails_with_one_clear_message};

use serde_json::Value;



fn lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line in {}: {e}: {l}", path.display())))
        .collect()
}

/// An Indonesian story with the seed's kinds of noise, written for this test:
/// the title repeated as a body line, one fragment injected several times,
/// a spurious full stop after a function word, curly quotes and a dash.
const NOISY_TITLE: &str = "Gubernur Jawa Barat meresmikan jembatan baru di Bandung untuk mengurai kemacetan";
const NOISY_BODY: &str = "Gubernur Jawa Barat Ridwan Saputra meresmikan jembatan baru di Bandung pada hari Senin setelah pembangunan selama dua tahun.
Jembatan sepanjang 400 meter itu menghubungkan kawasan Gedebage dengan pusat kota dan diharapkan mengurangi kemacetan. Warga menyambut baik peresmian tersebut.
Gubernur Jawa Barat meresmikan jembatan baru di Bandung
“Kami ingin warga bisa bepergian lebih cepat,” kata Ridwan dalam sambutannya. Proyek itu dibiayai oleh pemerintah provinsi. Pekerjaan lanjutan masih menunggu persetujuan anggaran.
Menurut Dinas Perhubungan, jumlah kendaraan yang melintas diperkirakan mencapai 30.000 per hari – naik dua kali lipat. Pekerjaan lanjutan masih menunggu persetujuan anggaran.
Pemerintah kota Bandung menyatakan akan menambah jalur bus menuju jembatan tersebut. Pekerjaan lanjutan masih menunggu persetujuan anggaran.
Peresmian dihadiri oleh sejumlah pejabat daerah dan perwakilan warga. Pekerjaan lanjutan masih menunggu persetujuan anggaran.
Jembatan itu juga dilengkapi jalur sepeda dan trotoar yang lebar. Pekerjaan lanjutan masih menunggu persetujuan anggaran.";

const ENGLISH: &str = r#"{"id":"en-1","title":"Chip maker expands plant","text":"Acme Semiconductor Inc. said on Tuesday it would expand its plant in Austin, Texas. Mr. John Miller, the chief executive, called it \"a big step\".\nThe U.S. company expects to hire 500 workers by Sept. 2026.","lang":"en"}"#;

struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Fixture {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        let input = root.join("in");
        std::fs::create_dir_all(input.join("txt")).unwrap();
        std::fs::write(input.join("txt/jembatan.txt"), format!("{NOISY_TITLE}\n{NOISY_BODY}\n")).unwrap();
        // The same story again under another name: an exact duplicate.
        std::fs::write(input.join("txt/jembatan-copy.txt"), format!("{NOISY_TITLE}\n\n{NOISY_BODY}\n")).unwrap();
        let jsonl = [
            ENGLISH.to_string(),
            r#"{"id":"id-2","title":"Harga cabai naik","text":"Harga cabai rawit di Pasar Kramat Jati naik menjadi Rp80.000 per kilogram. Pedagang mengeluhkan pasokan yang berkurang."}"#.to_string(),
            "{not json".to_string(),
            r#"{"id":"no-text","title":"x"}"#.to_string(),
            r#"{"id":"empty","text":"   "}"#.to_string(),
        ];
        std::fs::write(input.join("batch.jsonl"), jsonl.join("\n") + "\n").unwrap();
        Fixture { _dir: dir, root }
    }

    fn input(&self) -> PathBuf {
        self.root.join("in")
    }

    fn run(&self, out: &str, threads: usize) -> PathBuf {
        let out_dir = self.root.join(out);
        run_ok(warta().args(["run", "--quiet", "--threads", &threads.to_string(), "--out"]).arg(&out_dir).arg(self.input()));
        out_dir
    }
}

#[test]
fn run_writes_the_four_outputs_and_accounts_for_every_record() {
    let fx = Fixture::new();
    let out = fx.run("out", 2);
    let stats: Value = serde_json::from_str(&std::fs::read_to_string(out.join("stats.json")).unwrap()).unwrap();
    let articles = lines(&out.join("articles.jsonl"));
    let duplicates = lines(&out.join("duplicates.jsonl"));
    let rejects = lines(&out.join("rejects.jsonl"));
    // 2 txt files + 5 JSONL lines.
    assert_eq!(stats["records_in"], 7);
    assert_eq!(articles.len() + duplicates.len() + rejects.len(), 7);
    assert_eq!(stats["articles"], articles.len());
    assert_eq!(duplicates.len(), 1, "the copied story is an exact duplicate: {duplicates:?}");
    assert_eq!(duplicates[0]["kind"], "exact");
    let reasons: Vec<&str> = rejects.iter().map(|r| r["reason"].as_str().unwrap()).collect();
    assert!(reasons.contains(&"malformed_json"), "{reasons:?}");
    assert!(reasons.contains(&"missing_text"), "{reasons:?}");
    assert!(reasons.contains(&"empty_text"), "{reasons:?}");
    for a in &articles {
        for key in ["id", "title", "text", "lang", "sentences", "entities"] {
            assert!(a.get(key).is_some(), "article lacks `{key}`: {a}");
        }
    }
}

#[test]
fn noisy_article_loses_its_repeated_title_line_and_injected_fragment() {
    let fx = Fixture::new();
    let out = fx.run("out", 1);
    let articles = lines(&out.join("articles.jsonl"));
    let a = articles.iter().find(|a| a["title"] == NOISY_TITLE).expect("the noisy story is kept once");
    let text = a["text"].as_str().unwrap();
    assert!(!text.lines().any(|l| l.trim() == "Gubernur Jawa Barat meresmikan jembatan baru di Bandung"), "{text}");
    // A whole sentence a spinner repeated may be the article's own: its
    // first copy stays, the four later ones go.
    assert_eq!(text.matches("Pekerjaan lanjutan masih menunggu persetujuan anggaran").count(), 1, "{text}");
    assert!(text.contains("Jembatan itu juga dilengkapi jalur sepeda"), "real sentences stay: {text}");
    let removed: Vec<&str> = a["removed"].as_array().unwrap().iter().map(|r| r["reason"].as_str().unwrap()).collect();
    assert_eq!(removed.iter().filter(|r| **r == "spun_fragment").count(), 4, "each removal is recorded: {removed:?}");
    assert_eq!(removed.iter().filter(|r| **r == "title_repeat").count(), 1, "{removed:?}");
    // Sentence spans are character offsets into the text.
    let chars: Vec<char> = text.chars().collect();
    for s in a["sentences"].as_array().unwrap() {
        let (start, end) = (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
        assert!(start < end && end <= chars.len());
    }
    let first = &a["sentences"][0];
    let first: String = chars[first["start"].as_u64().unwrap() as usize..first["end"].as_u64().unwrap() as usize].iter().collect();
    assert!(first.starts_with("Gubernur Jawa Barat Ridwan Saputra"), "{first}");
}

#[test]
fn output_bytes_do_not_depend_on_the_thread_count() {
    let fx = Fixture::new();
    let one = fx.run("t1", 1);
    let two = fx.run("t2", 2);
    let eight = fx.run("t8", 8);
    for file in ["articles.jsonl", "duplicates.jsonl", "rejects.jsonl"] {
        let a = std::fs::read(one.join(file)).unwrap();
        assert_eq!(a, std::fs::read(two.join(file)).unwrap(), "{file} differs between 1 and 2 threads");
        assert_eq!(a, std::fs::read(eight.join(file)).unwrap(), "{file} differs between 1 and 8 threads");
    }
}

fn strip_tokens(mut v: Value) -> Value {
    if let Value::Object(m) = &mut v {
        m.remove("tokens");
    }
    v
}

fn chain(fx: &Fixture, format: &str) -> Vec<Value> {
    let mut input = run_ok(warta().args(["ingest", "--quiet", "--format", format]).arg(fx.input())).stdout;
    for stage in ["normalize", "segment", "dedup", "tag"] {
        let mut child = warta()
            .args([stage, "--quiet", "--format", format, "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let data = std::mem::take(&mut input);
        let writer = std::thread::spawn(move || {
            use std::io::Write;
            stdin.write_all(&data).unwrap();
        });
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap();
        assert!(out.status.success(), "warta {stage} failed");
        input = out.stdout;
    }
    if format == "bincode" {
        let mut reader = warta_core::frame::FrameReader::new(&input[..]).expect("bincode header");
        let mut out = Vec::new();
        while let Some(a) = reader.next_article().unwrap() {
            out.push(serde_json::from_str::<Value>(&warta_core::wire::to_json_line(&a)).unwrap());
        }
        return out;
    }
    String::from_utf8(input).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn chained_single_stages_give_the_same_articles_as_run() {
    let fx = Fixture::new();
    let out = fx.run("out", 2);
    let from_run: Vec<Value> = lines(&out.join("articles.jsonl")).into_iter().map(strip_tokens).collect();
    for format in ["jsonl", "bincode"] {
        let from_chain: Vec<Value> = chain(&fx, format)
            .into_iter()
            .filter(|a| a["duplicate_of"].is_null())
            .map(strip_tokens)
            .collect();
        assert_eq!(from_run, from_chain, "stage chain ({format}) differs from warta run");
    }
}

#[test]
fn dedup_stage_keeps_every_record_and_marks_duplicates() {
    let fx = Fixture::new();
    let ingested = run_ok(warta().args(["ingest", "--quiet"]).arg(fx.input())).stdout;
    let dir = fx.root.join("stream.jsonl");
    std::fs::write(&dir, &ingested).unwrap();
    let out = run_ok(warta().args(["dedup", "--quiet"]).arg(&dir)).stdout;
    let records: Vec<Value> = String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), 4, "4 valid records in, 4 out");
    let marked: Vec<&Value> = records.iter().filter(|r| !r["duplicate_of"].is_null()).collect();
    assert_eq!(marked.len(), 1);
    // Paths are read in byte order, so `jembatan-copy.txt` comes first and is kept.
    assert_eq!(marked[0]["id"], "jembatan");
    assert_eq!(marked[0]["duplicate_of"], "jembatan-copy");
}

#[test]
fn missing_input_is_one_clear_error_with_exit_1() {
    let out = warta().args(["run", "--quiet", "/nonexistent/archive"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/nonexistent/archive"), "names the path: {err}");
    assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    let out = warta().args(["run", "--no-such-flag"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = warta().args(["run", "--shard", "3/2"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_closed_stdout_ends_the_run_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let big: String = (0..20_000)
        .map(|i| format!("{{\"id\":\"r{i}\",\"text\":\"Kalimat nomor {i} tentang pasar. Harga naik lagi.\"}}\n"))
        .collect();
    let path = dir.path().join("big.jsonl");
    std::fs::write(&path, big).unwrap();
    let mut child = warta()
        .args(["normalize", "--quiet"])
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Read;
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 64];
        stdout.read_exact(&mut first).unwrap();
    } // stdout closed here, like `| head -c 64`
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn shards_partition_the_articles() {
    let fx = Fixture::new();
    let full = fx.run("full", 1);
    let mut ids_full: Vec<String> = lines(&full.join("articles.jsonl"))
        .iter()
        .chain(lines(&full.join("duplicates.jsonl")).iter())
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    let mut ids_shards = Vec::new();
    for i in 0..3 {
        let out = fx.root.join(format!("shard{i}"));
        run_ok(warta().args(["run", "--quiet", "--shard", &format!("{i}/3"), "--out"]).arg(&out).arg(fx.input()));
        for a in lines(&out.join("articles.jsonl")).iter().chain(lines(&out.join("duplicates.jsonl")).iter()) {
            ids_shards.push(a["id"].as_str().unwrap().to_string());
        }
    }
    ids_full.sort();
    ids_shards.sort();
    assert_eq!(ids_full, ids_shards);
}


#[test]
fn bad_model_config_and_index_files_are_clear_errors() {
    let fx = Fixture::new();
    let garbage = fx.root.join("garbage.bin");
    std::fs::write(&garbage, b"this is not a model").unwrap();
    let g = garbage.to_str().unwrap();
    let input = fx.input();
    let input = input.to_str().unwrap();
    let out = fx.root.join("o");
    let out = out.to_str().unwrap();
    fails_with_one_clear_message(&["run", "--quiet", "--tag-model", g, "--out", out, input], "model");
    fails_with_one_clear_message(&["run", "--quiet", "--tag-model", "/no/such/model.bin", "--out", out, input], "/no/such/model.bin");
    fails_with_one_clear_message(&["run", "--quiet", "--index", g, "--out", out, input], g);
    let bad_toml = fx.root.join("bad.toml");
    std::fs::write(&bad_toml, "[dedup]\nthreshold = \"high\"\n").unwrap();
    fails_with_one_clear_message(&["run", "--quiet", "--config", bad_toml.to_str().unwrap(), "--out", out, input], "bad.toml");
    // An output directory that cannot be created (a file is in the way).
    let blocker = fx.root.join("blocker");
    std::fs::write(&blocker, b"x").unwrap();
    fails_with_one_clear_message(&["run", "--quiet", "--out", blocker.join("out").to_str().unwrap(), input], "blocker");
}

fn rejects_by_reason(out: &Path, reason: &str) -> Vec<Value> {
    lines(&out.join("rejects.jsonl")).into_iter().filter(|r| r["reason"] == reason).collect()
}

#[test]
fn the_article_time_limit_turns_slow_articles_into_timeout_rejects() {
    let fx = Fixture::new();
    // A limit no article can meet: each of the four valid records is rejected
    // by the first per-article stage, and the accounting still balances.
    let out = fx.root.join("timeouts");
    run_ok(warta().args(["run", "--quiet", "--article-timeout", "0.000000001", "--out"]).arg(&out).arg(fx.input()));
    let timeouts = rejects_by_reason(&out, "timeout");
    assert_eq!(timeouts.len(), 4, "{timeouts:?}");
    assert!(timeouts.iter().all(|r| r["stage"] == "normalize" && r["detail"].as_str().unwrap().contains("time limit")));
    let stats: Value = serde_json::from_str(&std::fs::read_to_string(out.join("stats.json")).unwrap()).unwrap();
    assert_eq!(stats["records_in"], 7);
    assert_eq!(stats["articles"], 0);
    assert_eq!(stats["rejects_by_reason"]["timeout"], 4);

    // The same limit from a config file; 0 turns it off.
    let config = fx.root.join("limits.toml");
    std::fs::write(&config, "[limits]\narticle_timeout_secs = 0.000000001\n").unwrap();
    let out = fx.root.join("timeouts-config");
    run_ok(warta().args(["run", "--quiet", "--config"]).arg(&config).arg("--out").arg(&out).arg(fx.input()));
    assert_eq!(rejects_by_reason(&out, "timeout").len(), 4);
    let out = fx.root.join("no-limit");
    run_ok(warta().args(["run", "--quiet", "--article-timeout", "0", "--config"]).arg(&config).arg("--out").arg(&out).arg(fx.input()));
    assert!(rejects_by_reason(&out, "timeout").is_empty());
    assert_eq!(lines(&out.join("articles.jsonl")).len(), 3);

    for bad in ["--article-timeout=-1", "--article-timeout=inf", "--article-timeout=soon"] {
        let res = warta().args(["run", "--quiet", bad]).arg(fx.input()).output().unwrap();
        assert_eq!(res.status.code(), Some(2), "a usage error: {bad}");
        assert!(String::from_utf8_lossy(&res.stderr).contains("--article-timeout"));
    }
}

#[test]
fn a_full_disk_is_one_clear_error_and_leaves_nothing_looking_finished() {
    let fx = Fixture::new();
    // The output files' temporary names lead to /dev/full, where every write
    // fails with ENOSPC exactly as on a full disk.
    let out = fx.root.join("full");
    std::fs::create_dir_all(&out).unwrap();
    for name in ["articles", "duplicates", "rejects"] {
        std::os::unix::fs::symlink("/dev/full", out.join(format!(".{name}.jsonl.partial"))).unwrap();
    }
    let input = fx.input();
    let args = ["run", "--quiet", "--out", out.to_str().unwrap(), input.to_str().unwrap()];
    fails_with_one_clear_message(&args, ".articles.jsonl.partial");
    let err = String::from_utf8_lossy(&warta().args(args).output().unwrap().stderr).into_owned();
    assert!(err.contains("disk is full"), "names the fix: {err}");
    for name in ["articles.jsonl", "duplicates.jsonl", "rejects.jsonl", "stats.json"] {
        assert!(!out.join(name).exists(), "{name} must not look finished");
    }

    // A single stage writing to a full standard output.
    let input = input.join("batch.jsonl");
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let res = warta().args(["normalize", "--quiet", "--rejects", "/dev/null"]).arg(&input).stdout(full).output().unwrap();
    assert_eq!(res.status.code(), Some(1));
    let err = String::from_utf8_lossy(&res.stderr);
    assert!(err.starts_with("warta: error: standard output: No space left"), "{err}");
    assert!(err.contains("disk is full") && err.matches("No space left").count() == 1, "said once, with the fix: {err}");
}

/// Runs warta as an unprivileged user when the tests run as root (as CI
/// does), since root reads any directory whatever its mode.
fn as_unprivileged(args: &[&str]) -> Output {
    let is_root = Command::new("id").arg("-u").output().map(|o| o.stdout.starts_with(b"0\n")).unwrap_or(false);
    if is_root {
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_warta")])
            .args(args)
            .output()
            .expect("setpriv (util-linux) runs warta as nobody")
    } else {
        warta().args(args).output().unwrap()
    }
}

#[test]
fn an_unreadable_directory_is_one_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let fx = Fixture::new();
    let locked = fx.input().join("locked");
    std::fs::create_dir_all(&locked).unwrap();
    std::fs::write(locked.join("a.jsonl"), r#"{"id":"x","text":"Halo."}"#).unwrap();
    for dir in [fx.root.clone(), fx.input()] {
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let out = fx.root.join("o");
    let res = as_unprivileged(&["run", "--quiet", "--out", out.to_str().unwrap(), fx.input().to_str().unwrap()]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(res.status.code(), Some(1));
    let err = String::from_utf8_lossy(&res.stderr);
    assert!(err.contains("locked") && err.contains("Permission denied"), "names the path and cause: {err}");
    assert!(err.contains("permissions"), "names the fix: {err}");
    assert!(!err.contains("panicked") && err.matches("error:").count() == 1, "{err}");
}

#[test]
fn a_panic_inside_a_third_party_reader_is_a_reject_without_noise_on_stderr() {
    // A Parquet file whose column chunk has a negative offset: the parquet
    // crate panics on it (found by fuzzing; fuzz/regressions/parquet/).
    let dir = tempfile::tempdir().unwrap();
    let damaged = dir.path().join("damaged.parquet");
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions/parquet");
    std::fs::copy(fuzz.join("crash-25242df61783b32bfb8bcea39c43a690a559ca84"), &damaged).unwrap();
    let rejects = dir.path().join("rejects.jsonl");
    let out = warta().args(["ingest", "--quiet", "--rejects"]).arg(&rejects).arg(&damaged).env("RUST_BACKTRACE", "1").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.is_empty(), "a contained panic prints nothing: {err}");
    let rejects = lines(&rejects);
    assert_eq!(rejects.len(), 1, "{rejects:?}");
    assert_eq!(rejects[0]["reason"], "truncated_stream");
    assert!(rejects[0]["detail"].as_str().unwrap().contains("negative"), "the reject says what broke: {}", rejects[0]);
}

/// `--stats FILE` on a single stage writes the run's statistics: the records
/// balance, and the stage counts the text that entered it and its CPU time.
#[test]
fn a_single_stage_writes_its_statistics() {
    let dir = tempfile::tempdir().unwrap();
    let texts = ["Harga cabai naik lagi di pasar. Pedagang mengeluh.", "The market opened higher on Monday.", ""];
    let input: String = texts
        .iter()
        .enumerate()
        .map(|(i, t)| format!("{}\n", serde_json::json!({"id": format!("s{i}"), "text": t})))
        .collect();
    let path = dir.path().join("in.jsonl");
    std::fs::write(&path, input).unwrap();
    let stats_path = dir.path().join("stats.json");
    let rejects = dir.path().join("rejects.jsonl");
    run_ok(warta().args(["normalize", "--quiet", "--stats"]).arg(&stats_path).arg("--rejects").arg(&rejects).arg(&path));
    let stats: Value = serde_json::from_str(&std::fs::read_to_string(&stats_path).unwrap()).unwrap();
    assert_eq!(stats["records_in"], 3);
    assert_eq!(stats["articles"], 2);
    assert_eq!(stats["rejects"], 1, "the empty text is rejected: {stats}");
    let stage = stats["stages"].as_array().unwrap().iter().find(|s| s[0] == "normalize").expect("a normalize stage");
    let entered: usize = texts.iter().map(|t| t.len()).sum();
    assert_eq!(stage[1]["bytes_in"], entered as u64);
    assert!(stage[1]["cpu_seconds"].as_f64().is_some_and(|c| c >= 0.0), "{stage}");
}
