//! [`warta_pipeline::merge_shards`] as a library: two shard runs through
//! [`warta_pipeline::run`], then the merge (the CLI side is in
//! `tests/shards.rs` at the workspace root).

use std::path::{Path, PathBuf};

use warta_pipeline::{merge_shards, MergeOptions, PipelineConfig, RunOptions, Shard, ShardManifest};

/// Deterministic word salad of `n` words (distinct seeds share no 5-word run).
fn prose(seed: u64, n: usize) -> String {
    const WORDS: &[&str] = &[
        "harga", "beras", "pasar", "warga", "kota", "jalan", "banjir", "hujan", "petani", "sawah", "kapal",
        "pelabuhan", "nelayan", "ikan", "sekolah", "guru", "murid", "dokter", "rumah", "sakit", "listrik", "air",
        "pajak", "bank", "usaha", "pabrik", "buruh", "upah", "kantor", "polisi", "hakim", "kasus", "gunung", "abu",
        "bantuan", "obat", "festival", "musik", "buku", "data", "pantai", "pulau", "hutan", "gajah", "garam",
    ];
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut words = Vec::with_capacity(n);
    for _ in 0..n {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        words.push(WORDS[(state % WORDS.len() as u64) as usize]);
    }
    words.chunks(10).map(|c| c.join(" ") + ".").collect::<Vec<_>>().join(" ")
}

fn id_in_shard(prefix: &str, index: u64) -> String {
    let shard = Shard { index, count: 2 };
    (0..).map(|k| format!("{prefix}{k}")).find(|id| shard.selects(id)).unwrap()
}

fn line(id: &str, text: &str) -> String {
    serde_json::json!({ "id": id, "title": format!("Judul {id}"), "text": text, "lang": "id" }).to_string()
}

fn run_shard(input: &Path, out: &Path, shard: Option<Shard>) {
    let opts = RunOptions {
        inputs: vec![input.to_path_buf()],
        out_dir: out.to_path_buf(),
        threads: 1,
        shard,
        checkpoint_secs: None,
        ..RunOptions::default()
    };
    warta_pipeline::run(&PipelineConfig::default(), &opts).unwrap();
}

#[test]
fn merge_moves_cross_shard_copies_and_repoints_chains() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in.jsonl");
    let (a, b, c) = (id_in_shard("a", 0), id_in_shard("b", 1), id_in_shard("c", 1));
    let copied = prose(7, 200);
    let mut records: Vec<String> = (0..6).map(|i| line(&format!("f{i}"), &prose(100 + i, 150))).collect();
    records.push(line(&a, &copied));
    records.push(line(&b, &copied));
    records.push(line(&c, &copied));
    std::fs::write(&input, records.join("\n") + "\n").unwrap();
    let shards: Vec<PathBuf> = (0..2).map(|i| tmp.path().join(format!("s{i}"))).collect();
    for (i, dir) in shards.iter().enumerate() {
        run_shard(&input, dir, Some(Shard { index: i as u64, count: 2 }));
        let manifest = ShardManifest::read(dir).unwrap();
        assert_eq!(manifest.shards, vec![i as u64]);
        assert!(manifest.base_index.is_none());
    }
    let out = tmp.path().join("merged");
    let outcome = merge_shards(&MergeOptions { shards: shards.clone(), out_dir: out.clone(), base_index: None, expect_dedup: None }).unwrap();
    assert_eq!(outcome.cross_shard.get("exact"), Some(&1), "{:?}", outcome.cross_shard);
    assert_eq!(outcome.repointed, 1, "c pointed at b, which moved");
    assert!(outcome.stats.balances());
    assert_eq!(outcome.stats.records_in, 9);
    assert_eq!(outcome.stats.duplicates, 2);
    let dups = std::fs::read_to_string(out.join("duplicates.jsonl")).unwrap();
    for id in [&b, &c] {
        let d: serde_json::Value =
            dups.lines().map(|l| serde_json::from_str(l).unwrap()).find(|d: &serde_json::Value| d["id"] == id.as_str()).unwrap();
        assert_eq!(d["duplicate_of"], a.as_str());
        assert_eq!(d["kind"], "exact");
        assert_eq!(d["similarity"], 1.0);
    }
    assert_eq!(ShardManifest::read(&out).unwrap().shards, vec![0, 1]);

    // A later unsharded run into a shard's directory removes its manifest:
    // the directory is no longer a shard.
    run_shard(&input, &shards[1], None);
    let err = merge_shards(&MergeOptions { shards, out_dir: tmp.path().join("again"), base_index: None, expect_dedup: None }).unwrap_err();
    assert!(err.to_string().contains("shard.json"), "{err}");
}
