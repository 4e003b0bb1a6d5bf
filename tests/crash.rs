//! Crash safety: `warta run` killed with SIGKILL at a random point, then
//! `warta run --resume`, gives the same bytes as an uninterrupted run.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

mod common;
use common::{warta};


/// An archive big enough that a run takes a while, with exact and near
/// duplicates so that the de-duplication state matters across the kill.
fn write_archive(path: &Path) {
    let topics = ["pasar", "banjir", "pemilu", "sepak bola", "kereta", "harga beras", "gempa", "pajak"];
    let places = ["Jakarta", "Bandung", "Surabaya", "Medan", "Makassar", "Denpasar"];
    let mut out = String::new();
    for i in 0..6000u32 {
        let t = topics[(i as usize * 7) % topics.len()];
        let p = places[(i as usize * 5) % places.len()];
        let body = if i % 10 == 9 {
            // An exact copy of an earlier article's body.
            let j = i - 9;
            format!("Berita nomor {j} tentang {} di {}. Warga {} menyampaikan pendapat mereka tentang {} kepada wartawan pada hari Senin. Pemerintah berjanji menindaklanjuti laporan nomor {j}.",
                topics[(j as usize * 7) % topics.len()], places[(j as usize * 5) % places.len()], places[(j as usize * 5) % places.len()], topics[(j as usize * 7) % topics.len()])
        } else {
            format!("Berita nomor {i} tentang {t} di {p}. Warga {p} menyampaikan pendapat mereka tentang {t} kepada wartawan pada hari Senin. Pemerintah berjanji menindaklanjuti laporan nomor {i}.")
        };
        out.push_str(&serde_json::json!({"id": format!("a{i}"), "title": format!("Judul {i}"), "text": body}).to_string());
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}

fn outputs(dir: &Path) -> Vec<Vec<u8>> {
    ["articles.jsonl", "duplicates.jsonl", "rejects.jsonl"].iter().map(|f| std::fs::read(dir.join(f)).unwrap()).collect()
}

#[test]
fn resume_after_sigkill_gives_the_uninterrupted_output() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("archive.jsonl");
    write_archive(&input);

    let reference = dir.path().join("reference");
    let ok = warta().args(["run", "--quiet", "--threads", "2", "--out"]).arg(&reference).arg(&input).status().unwrap();
    assert!(ok.success());

    // A kill point that differs from run to run, after at least one checkpoint.
    let jitter = Duration::from_millis(Instant::now().elapsed().subsec_nanos() as u64 % 50 + (std::process::id() as u64 % 40));
    let out = dir.path().join("interrupted");
    let mut child = warta()
        .args(["run", "--quiet", "--threads", "2", "--batch-size", "64", "--checkpoint-secs", "0", "--out"])
        .arg(&out)
        .arg(&input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let checkpoint = out.join(".warta-checkpoint.json");
    let mut killed = false;
    while started.elapsed() < Duration::from_secs(60) {
        if checkpoint.exists() {
            std::thread::sleep(jitter);
            killed = child.kill().is_ok();
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let _ = child.wait();
    if killed {
        assert!(!out.join("articles.jsonl").exists() || checkpoint.exists(), "a killed run never looks finished");
    }

    let resumed = warta()
        .args(["run", "--quiet", "--threads", "1", "--resume", "--out"])
        .arg(&out)
        .arg(&input)
        .output()
        .unwrap();
    assert!(resumed.status.success(), "{}", String::from_utf8_lossy(&resumed.stderr));
    for (name, (want, got)) in ["articles", "duplicates", "rejects"].iter().zip(outputs(&reference).iter().zip(outputs(&out).iter())) {
        if want != got {
            let (w, g) = (String::from_utf8_lossy(want), String::from_utf8_lossy(got));
            let first = w.lines().zip(g.lines()).position(|(a, b)| a != b);
            panic!(
                "{name}.jsonl differs after resume: {} vs {} lines; first differing line {first:?}: {:?} vs {:?}",
                w.lines().count(),
                g.lines().count(),
                first.and_then(|i| w.lines().nth(i)).map(|l| &l[..l.len().min(200)]),
                first.and_then(|i| g.lines().nth(i)).map(|l| &l[..l.len().min(200)]),
            );
        }
    }
    assert!(!checkpoint.exists(), "a finished run removes its checkpoint");
    let stats: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("stats.json")).unwrap()).unwrap();
    assert_eq!(stats["records_in"], 6000);
}

#[test]
fn resume_refuses_a_checkpoint_of_other_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("archive.jsonl");
    write_archive(&input);
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(
        out.join(".warta-checkpoint.json"),
        r#"{"format":1,"fingerprint":"0000000000000000","records":10,"lengths":[0,0,0],"articles":10,"duplicates":0,"rejects":0,"rejects_by_reason":{},"state":".warta-state-10.bin"}"#,
    )
    .unwrap();
    let res = warta().args(["run", "--quiet", "--resume", "--out"]).arg(&out).arg(&input).output().unwrap();
    assert_eq!(res.status.code(), Some(1));
    let err = String::from_utf8_lossy(&res.stderr);
    assert!(err.contains("changed since the interrupted run"), "{err}");
}
