//! Scale-out: `warta run --shard I/N` on each part, then `warta merge`.
//!
//! The archive is generated here (nothing is read from `../shared`): filler
//! stories plus duplicate pairs whose ids are chosen so that the shard hash
//! (`Shard::selects`, xxh3 of the id) puts the two members in different
//! shards, which no shard run can see.
//!
//! What a merge gives compared with one unsharded run over the same input:
//! - the same records, each once, in `articles.jsonl`, `duplicates.jsonl` or
//!   `rejects.jsonl`; the article lines are byte for byte those of the single
//!   run (every stage but dedup works per article, and dedup changes no text
//!   here: boilerplate removal needs 50 articles with the sentence);
//! - one difference by design: on a duplicate across shards the article of
//!   the earlier shard (in the order given to `merge`) is kept, while a
//!   single run keeps the earlier one in input order. The `balik` pair is
//!   placed so that the two rules disagree, and the test states the swap.
//!   Put differently, the merge keeps what a single run over the records
//!   taken shard by shard keeps, which the test checks too. (Near
//!   duplicates are not transitive, so with other data the two orders can
//!   also keep a different number of articles: B and C near copies of A but
//!   not of each other, A first in input order but in the later shard.)
//! - the order of lines: shard after shard, instead of input order.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::{warta, run_ok, fails_with_one_clear_message};

use serde_json::Value;
use warta_pipeline::Shard;



fn lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line in {}: {e}: {l}", path.display())))
        .collect()
}

fn stats(dir: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("stats.json")).unwrap()).unwrap()
}

const WORDS: &[&str] = &[
    "pemerintah", "kota", "warga", "pasar", "harga", "beras", "jalan", "sekolah", "rumah", "sakit", "dokter",
    "petani", "nelayan", "pelabuhan", "kapal", "bandara", "pesawat", "kereta", "stasiun", "jembatan", "sungai",
    "banjir", "hujan", "musim", "kemarau", "panen", "padi", "jagung", "kopi", "teh", "gula", "minyak", "listrik",
    "air", "bersih", "anggaran", "daerah", "provinsi", "desa", "kecamatan", "gubernur", "bupati", "wali", "menteri",
    "presiden", "rapat", "dewan", "undang", "aturan", "pajak", "bank", "kredit", "usaha", "kecil", "menengah",
    "pabrik", "buruh", "upah", "pekerja", "kantor", "polisi", "tentara", "hakim", "jaksa", "pengadilan", "kasus",
    "saksi", "korban", "bencana", "gempa", "gunung", "letusan", "abu", "pengungsi", "bantuan", "makanan", "obat",
    "vaksin", "rumah", "ibadah", "masjid", "gereja", "pura", "festival", "budaya", "tari", "musik", "film",
    "buku", "perpustakaan", "mahasiswa", "guru", "murid", "ujian", "nilai", "beasiswa", "penelitian", "teknologi",
    "internet", "ponsel", "aplikasi", "data", "digital", "pariwisata", "pantai", "pulau", "hutan", "satwa",
    "harimau", "gajah", "orangutan", "terumbu", "karang", "laut", "ikan", "garam", "cabai", "bawang", "telur",
    "daging", "sapi", "ayam", "susu", "roti", "toko", "mal", "pedagang", "pembeli", "ekspor", "impor", "rupiah",
    "dolar", "saham", "bursa", "investor", "proyek", "tol", "bendungan", "irigasi", "sawah", "kebun", "sawit",
    "karet", "tambang", "batu", "bara", "nikel", "emas", "timah", "energi", "surya", "angin", "baterai",
];

/// Deterministic prose: `n` words from a seeded generator, in sentences.
fn prose(seed: u64, n: usize) -> String {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
    let mut out = String::new();
    for i in 0..n {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let word = WORDS[(state % WORDS.len() as u64) as usize];
        if i % 12 == 0 {
            if i > 0 {
                out.push_str(". ");
            }
            let mut chars = word.chars();
            if let Some(c) = chars.next() {
                out.extend(c.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(word);
        }
    }
    out.push('.');
    out
}

/// `text` with a few words replaced: a near duplicate (Jaccard of 5-word
/// shingles about 0.9 for 300 words).
fn near_copy(text: &str) -> String {
    let mut words: Vec<&str> = text.split(' ').collect();
    for (k, i) in [40, 150, 260].into_iter().enumerate() {
        if i < words.len() {
            words[i] = ["diperbarui", "koreksi", "tambahan"][k];
        }
    }
    words.join(" ")
}

/// The first id `{prefix}-{k}` that falls into shard `index` of 2.
fn id_in_shard(prefix: &str, index: u64) -> String {
    let shard = Shard { index, count: 2 };
    (0..).map(|k| format!("{prefix}-{k}")).find(|id| shard.selects(id)).unwrap()
}

/// Ids of the archive's planted pairs.
struct Planted {
    /// Exact pair across shards, the first in input order in shard 0.
    exact_a: String,
    exact_b: String,
    /// A third copy in shard 1: a within-shard duplicate of `exact_b`.
    exact_c: String,
    /// Near pair across shards, the first in shard 0.
    near_a: String,
    near_b: String,
    /// Exact pair across shards, the first in input order in shard 1.
    swap_first: String,
    swap_second: String,
}

fn article_line(id: &str, title: &str, text: &str) -> String {
    serde_json::json!({ "id": id, "title": title, "text": text, "lang": "id" }).to_string()
}

/// Writes `dir/in/archive.jsonl`: 24 filler stories, the planted pairs and
/// two records that are rejected.
fn write_archive(dir: &Path) -> (PathBuf, Planted) {
    let p = Planted {
        exact_a: id_in_shard("salin-a", 0),
        exact_b: id_in_shard("salin-b", 1),
        exact_c: id_in_shard("salin-c", 1),
        near_a: id_in_shard("mirip-a", 0),
        near_b: id_in_shard("mirip-b", 1),
        swap_first: id_in_shard("balik-a", 1),
        swap_second: id_in_shard("balik-b", 0),
    };
    let copied = prose(1001, 300);
    let near = prose(1002, 300);
    let swapped = prose(1003, 300);
    let mut records = Vec::new();
    let mut filler = 0u64;
    let mut add_filler = |records: &mut Vec<String>, n: u64| {
        for _ in 0..n {
            records.push(article_line(&format!("berita-{filler}"), &format!("Berita nomor {filler}"), &prose(filler, 200)));
            filler += 1;
        }
    };
    add_filler(&mut records, 4);
    records.push(article_line(&p.exact_a, "Harga beras naik", &copied));
    records.push(article_line(&p.near_a, "Banjir di pesisir", &near));
    records.push(article_line(&p.swap_first, "Proyek bendungan", &swapped));
    add_filler(&mut records, 8);
    records.push(r#"{"id":"kosong","text":"   "}"#.to_string());
    records.push(article_line(&p.exact_b, "Harga beras naik", &copied));
    records.push(article_line(&p.near_b, "Banjir di pesisir (diperbarui)", &near_copy(&near)));
    records.push(article_line(&p.swap_second, "Proyek bendungan", &swapped));
    add_filler(&mut records, 8);
    records.push(article_line(&p.exact_c, "Harga beras naik", &copied));
    records.push("{not json".to_string());
    add_filler(&mut records, 4);
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("archive.jsonl"), records.join("\n") + "\n").unwrap();
    // The same records, shard 0's first: what the merge should equal.
    let shard0 = Shard { index: 0, count: 2 };
    let in_shard0 = |r: &String| serde_json::from_str::<Value>(r).is_ok_and(|v| shard0.selects(v["id"].as_str().unwrap_or("")));
    let (first, second): (Vec<String>, Vec<String>) = records.into_iter().partition(in_shard0);
    let by_shard = dir.join("by-shard");
    std::fs::create_dir_all(&by_shard).unwrap();
    std::fs::write(by_shard.join("archive.jsonl"), [first, second].concat().join("\n") + "\n").unwrap();
    (input, p)
}

fn run_shard(input: &Path, out: &Path, shard: &str, threads: usize, extra: &[&str]) {
    run_ok(
        warta()
            .args(["run", "--quiet", "--threads", &threads.to_string(), "--shard", shard])
            .args(extra)
            .arg("--out")
            .arg(out)
            .arg(input),
    );
}

fn merge(out: &Path, shards: &[&Path]) -> Output {
    run_ok(warta().args(["merge", "--quiet", "--out"]).arg(out).args(shards))
}

fn ids(values: &[Value]) -> BTreeSet<String> {
    values.iter().map(|v| v["id"].as_str().unwrap().to_string()).collect()
}

/// `(id, duplicate_of, kind)` of each duplicate line.
fn duplicate_links(dir: &Path) -> BTreeMap<String, (String, String)> {
    lines(&dir.join("duplicates.jsonl"))
        .iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap().to_string(),
                (d["duplicate_of"].as_str().unwrap().to_string(), d["kind"].as_str().unwrap().to_string()),
            )
        })
        .collect()
}

fn line_count(path: &Path) -> u64 {
    std::fs::read_to_string(path).unwrap().lines().count() as u64
}

#[test]
fn merge_finds_duplicates_across_shards_and_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let (input, p) = write_archive(root);
    let (s0, s1, merged, single) = (root.join("s0"), root.join("s1"), root.join("merged"), root.join("single"));
    run_shard(&input, &s0, "0/2", 2, &[]);
    run_shard(&input, &s1, "1/2", 2, &[]);
    for s in [&s0, &s1] {
        assert!(s.join("dedup.index").is_file() && s.join("shard.json").is_file(), "{}", s.display());
    }
    // No shard sees both members of a pair.
    let shard_dups: BTreeMap<_, _> = duplicate_links(&s0).into_iter().chain(duplicate_links(&s1)).collect();
    assert_eq!(shard_dups.len(), 1, "only the within-shard copy: {shard_dups:?}");
    assert_eq!(shard_dups[&p.exact_c].0, p.exact_b);

    let out = merge(&merged, &[&s0, &s1]);
    assert!(out.stderr.is_empty(), "--quiet: {}", String::from_utf8_lossy(&out.stderr));
    run_ok(warta().args(["run", "--quiet", "--threads", "2", "--out"]).arg(&single).arg(&input));

    // The pairs across shards are found and marked like a single run's.
    let links = duplicate_links(&merged);
    assert_eq!(links[&p.exact_b], (p.exact_a.clone(), "exact".to_string()));
    assert_eq!(links[&p.near_b], (p.near_a.clone(), "near".to_string()));
    assert_eq!(links[&p.swap_first], (p.swap_second.clone(), "exact".to_string()));
    // The within-shard copy pointed at `exact_b`, which moved: it now points
    // at the article kept in its place.
    assert_eq!(links[&p.exact_c], (p.exact_a.clone(), "exact".to_string()));
    assert_eq!(links.len(), 4, "{links:?}");
    let near_line = lines(&merged.join("duplicates.jsonl")).into_iter().find(|d| d["id"] == p.near_b.as_str()).unwrap();
    assert!(near_line["similarity"].as_f64().unwrap() > 0.7, "{near_line}");
    assert_eq!(near_line["title"], "Banjir di pesisir (diperbarui)");
    assert!(near_line["source"]["file"].as_str().unwrap().ends_with("archive.jsonl"));

    // Nothing lost: the counts balance and match the lines.
    let st = stats(&merged);
    let (a, d, r) = (st["articles"].as_u64().unwrap(), st["duplicates"].as_u64().unwrap(), st["rejects"].as_u64().unwrap());
    assert_eq!(st["records_in"].as_u64().unwrap(), a + d + r);
    assert_eq!(st["records_in"], stats(&single)["records_in"]);
    assert_eq!(st["records_in"].as_u64().unwrap(), 24 + 7 + 2);
    assert_eq!(line_count(&merged.join("articles.jsonl")), a);
    assert_eq!(line_count(&merged.join("duplicates.jsonl")), d);
    assert_eq!(line_count(&merged.join("rejects.jsonl")), r);
    assert_eq!(r, 2);
    let merge_stage = st["stages"].as_array().unwrap().iter().find(|s| s[0] == "merge").expect("a merge stage");
    assert_eq!(merge_stage[1]["duplicates"]["exact"], 2);
    assert_eq!(merge_stage[1]["duplicates"]["near"], 1);

    // Against one unsharded run: the same articles, except the kept member
    // of the pair whose first copy (in input order) is in the later shard.
    let single_articles = lines(&single.join("articles.jsonl"));
    let merged_articles = lines(&merged.join("articles.jsonl"));
    let mut expected = ids(&single_articles);
    assert!(expected.remove(&p.swap_first) && expected.insert(p.swap_second.clone()));
    assert_eq!(ids(&merged_articles), expected);
    let single_by_id: BTreeMap<&str, &Value> = single_articles.iter().map(|a| (a["id"].as_str().unwrap(), a)).collect();
    for a in &merged_articles {
        if let Some(s) = single_by_id.get(a["id"].as_str().unwrap()) {
            assert_eq!(&a, s, "the same article line");
        }
    }
    let mut single_links = duplicate_links(&single);
    assert_eq!(single_links.remove(&p.swap_second), Some((p.swap_first.clone(), "exact".to_string())));
    single_links.insert(p.swap_first.clone(), (p.swap_second.clone(), "exact".to_string()));
    assert_eq!(links, single_links);
    let rejects = |dir: &Path| -> BTreeSet<String> { lines(&dir.join("rejects.jsonl")).iter().map(|r| r.to_string()).collect() };
    assert_eq!(rejects(&merged), rejects(&single));

    // A single run over the records taken shard by shard keeps exactly what
    // the merge keeps, and marks the same duplicates.
    let by_shard = root.join("by-shard-out");
    run_ok(warta().args(["run", "--quiet", "--out"]).arg(&by_shard).arg(root.join("by-shard")));
    assert_eq!(ids(&lines(&by_shard.join("articles.jsonl"))), ids(&merged_articles));
    assert_eq!(duplicate_links(&by_shard), links);

    // The merged index serves a later incremental run.
    let later = root.join("later");
    std::fs::create_dir_all(&later).unwrap();
    let near = prose(1002, 300);
    std::fs::write(later.join("new.jsonl"), article_line("susulan-1", "Banjir lagi", &near) + "\n").unwrap();
    let later_out = root.join("later-out");
    run_ok(warta().args(["run", "--quiet", "--index"]).arg(merged.join("dedup.index")).arg("--out").arg(&later_out).arg(&later));
    assert_eq!(duplicate_links(&later_out)["susulan-1"].0, p.near_a);
}

#[test]
fn merge_output_does_not_depend_on_threads_and_repeats_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let (input, _) = write_archive(root);
    let mut outputs = Vec::new();
    for threads in [1, 2] {
        let (s0, s1) = (root.join(format!("t{threads}-s0")), root.join(format!("t{threads}-s1")));
        run_shard(&input, &s0, "0/2", threads, &[]);
        run_shard(&input, &s1, "1/2", threads, &[]);
        for attempt in 0..2 {
            let out = root.join(format!("t{threads}-merged-{attempt}"));
            merge(&out, &[&s0, &s1]);
            outputs.push(out);
        }
    }
    let read = |dir: &Path| -> Vec<Vec<u8>> {
        ["articles.jsonl", "duplicates.jsonl", "rejects.jsonl", "dedup.index", "shard.json"]
            .iter()
            .map(|f| std::fs::read(dir.join(f)).unwrap())
            .collect()
    };
    let first = read(&outputs[0]);
    for out in &outputs[1..] {
        assert!(read(out) == first, "{} differs from {}", out.display(), outputs[0].display());
    }
}


fn merge_fails(out: &Path, shards: &[&Path], must_name: &Path) -> String {
    let mut args: Vec<&std::ffi::OsStr> = vec!["merge".as_ref(), "--out".as_ref(), out.as_os_str()];
    args.extend(shards.iter().map(|s| s.as_os_str()));
    let err = fails_with_one_clear_message(&args, &must_name.display().to_string());
    assert!(!out.join("shard.json").exists(), "a failed merge leaves no finished output");
    err
}

#[test]
fn merge_refuses_shards_it_cannot_join() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let (input, _) = write_archive(root);
    let (s0, s1) = (root.join("s0"), root.join("s1"));
    run_shard(&input, &s0, "0/2", 2, &[]);
    run_shard(&input, &s1, "1/2", 2, &[]);
    let out = root.join("merged");

    let missing = root.join("no-such-shard");
    merge_fails(&out, &[&s0, &missing], &missing);
    merge_fails(&out, &[&s0, &s0], &s0);
    // A copy of the same shard under another name: its ids are not disjoint.
    let copy = root.join("s0-copy");
    std::fs::create_dir_all(&copy).unwrap();
    for f in ["articles.jsonl", "duplicates.jsonl", "rejects.jsonl", "stats.json", "dedup.index", "shard.json"] {
        std::fs::copy(s0.join(f), copy.join(f)).unwrap();
    }
    merge_fails(&out, &[&s0, &copy], &copy);
    // An unsharded run is not a shard.
    let single = root.join("single");
    run_ok(warta().args(["run", "--quiet", "--out"]).arg(&single).arg(&input));
    merge_fails(&out, &[&s0, &single], &single.join("shard.json"));
    // Other dedup parameters.
    let config = root.join("strict.toml");
    std::fs::write(&config, "[dedup]\nthreshold = 0.9\n").unwrap();
    let strict = root.join("s1-strict");
    run_shard(&input, &strict, "1/2", 2, &["--config", config.to_str().unwrap()]);
    let err = merge_fails(&out, &[&s0, &strict], &strict);
    assert!(err.contains("threshold = 0.8 vs 0.9"), "{err}");
    // `--config` on the merge is checked against the shards.
    let args: Vec<&std::ffi::OsStr> =
        vec!["--config".as_ref(), config.as_os_str(), "merge".as_ref(), "--out".as_ref(), out.as_os_str(), s0.as_os_str(), s1.as_os_str()];
    fails_with_one_clear_message(&args, "--config");
    // Another configuration of a text stage.
    let glue = root.join("glue.toml");
    std::fs::write(&glue, "[normalize]\nsplit_glued_words = \"always\"\n").unwrap();
    let glued = root.join("s1-glued");
    run_shard(&input, &glued, "1/2", 2, &["--config", glue.to_str().unwrap()]);
    let err = merge_fails(&out, &[&s0, &glued], &glued);
    assert!(err.contains(r#"normalize.split_glued_words = "scraped" vs "always""#), "{err}");
    // A damaged index.
    let damaged = root.join("s1-damaged");
    std::fs::create_dir_all(&damaged).unwrap();
    for f in ["articles.jsonl", "duplicates.jsonl", "rejects.jsonl", "stats.json", "shard.json"] {
        std::fs::copy(s1.join(f), damaged.join(f)).unwrap();
    }
    let mut index = std::fs::read(s1.join("dedup.index")).unwrap();
    index.truncate(index.len() / 2);
    std::fs::write(damaged.join("dedup.index"), &index).unwrap();
    merge_fails(&out, &[&s0, &damaged], &damaged.join("dedup.index"));
    std::fs::remove_file(damaged.join("dedup.index")).unwrap();
    merge_fails(&out, &[&s0, &damaged], &damaged.join("dedup.index"));
    // A shard whose articles were changed after its run.
    std::fs::copy(s1.join("dedup.index"), damaged.join("dedup.index")).unwrap();
    let articles = std::fs::read_to_string(s1.join("articles.jsonl")).unwrap();
    let cut: Vec<&str> = articles.lines().skip(1).collect();
    std::fs::write(damaged.join("articles.jsonl"), cut.join("\n") + "\n").unwrap();
    merge_fails(&out, &[&s0, &damaged], &damaged.join("articles.jsonl"));
    std::fs::write(damaged.join("articles.jsonl"), articles.replacen("{", "{not json", 1)).unwrap();
    let err = merge_fails(&out, &[&s0, &damaged], &damaged.join("articles.jsonl"));
    assert!(err.contains("not an article line"), "{err}");
    std::fs::copy(s1.join("articles.jsonl"), damaged.join("articles.jsonl")).unwrap();
    std::fs::write(damaged.join("stats.json"), "{\"records_in\": 3").unwrap();
    merge_fails(&out, &[&s0, &damaged], &damaged.join("stats.json"));
    // A shard that started from an index repeats that index's articles.
    let base = root.join("base.index");
    std::fs::copy(s0.join("dedup.index"), &base).unwrap();
    let based = root.join("s1-based");
    run_shard(&input, &based, "1/2", 2, &["--index", base.to_str().unwrap()]);
    merge_fails(&out, &[&s0, &based], &based);
    // The output cannot be one of the inputs.
    let args: Vec<&std::ffi::OsStr> = vec!["merge".as_ref(), "--out".as_ref(), s1.as_os_str(), s0.as_os_str(), s1.as_os_str()];
    fails_with_one_clear_message(&args, &s1.display().to_string());
    assert!(s1.join("shard.json").exists(), "the shard is left as it was");
    // Usage errors are clap's (exit 2).
    assert_eq!(warta().args(["merge", "--out"]).arg(&out).output().unwrap().status.code(), Some(2));
}

#[test]
fn merges_merge_and_a_base_index_absorbs_the_shards() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let (input, p) = write_archive(root);
    let shards: Vec<PathBuf> = (0..3).map(|i| root.join(format!("s{i}"))).collect();
    for (i, s) in shards.iter().enumerate() {
        run_shard(&input, s, &format!("{i}/3"), 2, &[]);
    }
    let all = root.join("all");
    merge(&all, &[&shards[0], &shards[1], &shards[2]]);
    // Merging in two steps gives the same files.
    let first_two = root.join("first-two");
    merge(&first_two, &[&shards[0], &shards[1]]);
    let stepwise = root.join("stepwise");
    merge(&stepwise, &[&first_two, &shards[2]]);
    for f in ["articles.jsonl", "duplicates.jsonl", "rejects.jsonl", "dedup.index"] {
        assert!(std::fs::read(all.join(f)).unwrap() == std::fs::read(stepwise.join(f)).unwrap(), "{f}");
    }
    let st = stats(&all);
    assert_eq!(st["records_in"].as_u64().unwrap(), 33);
    assert_eq!(
        st["articles"].as_u64().unwrap() + st["duplicates"].as_u64().unwrap() + st["rejects"].as_u64().unwrap(),
        33
    );

    // Incremental: the archive again, as shards, against the index of the
    // first merge: every article is now a duplicate of an earlier one.
    let again = root.join("again");
    merge_with_base(&again, &all.join("dedup.index"), &[&shards[0], &shards[1], &shards[2]]);
    let st = stats(&again);
    assert_eq!(st["articles"], 0, "{st}");
    assert_eq!(st["records_in"].as_u64().unwrap(), st["duplicates"].as_u64().unwrap() + st["rejects"].as_u64().unwrap());
    // An article kept by the first merge is now a copy of itself (the same
    // record, seen in the earlier run); a duplicate keeps its target.
    let links = duplicate_links(&again);
    let kept = ids(&lines(&all.join("articles.jsonl")));
    let earlier = duplicate_links(&all);
    assert_eq!(links.len(), kept.len() + earlier.len());
    for id in &kept {
        assert_eq!(links[id], (id.clone(), "exact".to_string()));
    }
    for (id, (of, _)) in &earlier {
        assert_eq!(&links[id].0, of, "{id}");
    }
    assert_eq!(links[&p.near_b].1, "near");
    // A merge that started from a base index cannot be merged again.
    let twice = root.join("twice");
    merge_fails(&twice, &[&again], &again);
}

fn merge_with_base(out: &Path, base: &Path, shards: &[&Path]) -> Output {
    run_ok(warta().args(["merge", "--quiet", "--index"]).arg(base).arg("--out").arg(out).args(shards))
}
