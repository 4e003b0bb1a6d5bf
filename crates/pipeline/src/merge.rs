//! `warta merge`: joins the outputs of shard runs into the output of one run.
//!
//! A shard run (`warta run --shard I/N --out DIR`) leaves, besides the usual
//! files, its final de-duplication index in `DIR/dedup.index` and, written
//! last, `DIR/shard.json` (which shards the directory holds and the dedup
//! configuration it was built with). Duplicates that fell into different
//! shards were never compared; the merge finds them by folding the shard
//! indexes into the first one, in the order given
//! ([`Deduplicator::merge`]): an article that an earlier shard's article
//! (or the base index) already covers moves from `articles.jsonl` to
//! `duplicates.jsonl`, marked exactly like a duplicate of a single run. The
//! earlier shard's article is the one kept, whatever the keep policy.
//!
//! Articles are streamed one line at a time; what is held in memory is the
//! merged index plus one shard's index while it is folded in, and the ids of
//! the articles that move.
//!
//! A merge's output is itself a shard directory (its `shard.json` lists all
//! the shards it holds), so merges can be merged in turn.
//!
//! What differs from one run over the whole input: the kept member of a
//! cluster split across shards is the earlier shard's (a single run over
//! the records taken shard by shard keeps the same articles); lines come
//! shard by shard. A within-shard duplicate of an article that moves is
//! re-pointed at the article kept in its place, with `kind` exact only when
//! both links are exact and, for near, the triangle-inequality bound
//! `s1 + s2 - 1` as similarity: the shard output has no text or signature of
//! the duplicate, so a re-pointed line may say near for what is in fact an
//! exact copy of its new target (15 of 149 re-pointed lines on a
//! 40,000-article test archive).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};
use warta_core::{wire, Article, Duplicate, DuplicateKind, Error, Result, RunStats, Source, StageStats};
use warta_dedup::{DedupConfig, Deduplicator};

use crate::sinks::AtomicFile;
use crate::{PipelineConfig, Shard};

/// The final de-duplication index of a shard run or a merge.
pub const SHARD_INDEX: &str = "dedup.index";
/// Written last by a shard run or a merge: the directory is complete.
pub const SHARD_MANIFEST: &str = "shard.json";

const MANIFEST_FORMAT: u32 = 1;

/// The contents of `shard.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ShardManifest {
    pub format: u32,
    pub warta_version: String,
    /// `N` of `--shard I/N`.
    pub count: u64,
    /// The shards (`I`) whose records the directory holds, ascending: one
    /// for a shard run, several for a merge.
    pub shards: Vec<u64>,
    /// The de-duplication configuration the index was built with.
    pub dedup: DedupConfig,
    /// The other stages' configuration (`ingest`, `normalize`, `segment`,
    /// `tag`; not the time limits): shards of one job agree on it, or the
    /// same text would be cleaned differently in different shards.
    #[serde(default)]
    pub stages: serde_json::Value,
    /// The index the run started from (`--index`), if any: its articles are
    /// in `dedup.index` too, so such a directory cannot be merged with
    /// another one that started from the same index.
    pub base_index: Option<String>,
}

impl ShardManifest {
    /// `tag_model`: the bytes of a model given instead of the embedded one.
    pub fn new(shard: Shard, cfg: &PipelineConfig, tag_model: Option<&[u8]>, base_index: Option<String>) -> Self {
        ShardManifest {
            format: MANIFEST_FORMAT,
            warta_version: env!("CARGO_PKG_VERSION").to_string(),
            count: shard.count,
            shards: vec![shard.index],
            dedup: cfg.dedup.clone(),
            stages: stage_sections(cfg, tag_model),
            base_index,
        }
    }

    pub fn write(&self, dir: &Path) -> Result<()> {
        let json = serde_json::to_vec_pretty(self).map_err(|e| Error::Format(e.to_string()))?;
        crate::sinks::write_atomically(&dir.join(SHARD_MANIFEST), &json)
    }

    pub fn read(dir: &Path) -> Result<Self> {
        let path = dir.join(SHARD_MANIFEST);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::Config(format!(
                    "{}: missing: {} is not the output of a finished `warta run --shard I/N` or `warta merge`",
                    path.display(),
                    dir.display()
                )))
            }
            Err(e) => return Err(Error::io(&path, e)),
        };
        let manifest: ShardManifest = serde_json::from_str(&text)
            .map_err(|e| Error::Config(format!("{}: not a readable shard manifest ({e})", path.display())))?;
        if manifest.format != MANIFEST_FORMAT {
            return Err(Error::Config(format!(
                "{}: shard manifest format {}, this build reads format {MANIFEST_FORMAT}",
                path.display(),
                manifest.format
            )));
        }
        if manifest.count == 0 || manifest.shards.is_empty() || manifest.shards.iter().any(|&s| s >= manifest.count) {
            return Err(Error::Config(format!("{}: shard numbers out of range", path.display())));
        }
        Ok(manifest)
    }
}

/// The sections of `cfg` that shards must share, besides `dedup`, and the
/// tagger model (a hash of a user's model, or `embedded`).
fn stage_sections(cfg: &PipelineConfig, tag_model: Option<&[u8]>) -> serde_json::Value {
    let mut value = serde_json::to_value(cfg).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        map.remove("dedup");
        map.remove("limits");
        let model = tag_model.map_or_else(
            || "embedded".to_string(),
            |bytes| format!("xxh3:{:016x}", xxhash_rust::xxh3::xxh3_64(bytes)),
        );
        map.insert("tag_model".into(), serde_json::Value::String(model));
    }
    value
}

/// Removes `dir/shard.json` if present (a new run into `dir` starts).
pub(crate) fn remove_manifest(dir: &Path) -> Result<()> {
    let path = dir.join(SHARD_MANIFEST);
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(&path, e)),
    }
}

/// What to merge and where to.
#[derive(Debug, Clone, Default)]
pub struct MergeOptions {
    /// Shard directories, in the order their indexes are folded in: on a
    /// cross-shard duplicate, the earlier shard's article is kept.
    pub shards: Vec<PathBuf>,
    pub out_dir: PathBuf,
    /// An index of earlier runs that absorbs all the shards (incremental
    /// runs): shard articles it already covers become duplicates.
    pub base_index: Option<PathBuf>,
    /// The dedup configuration the caller expects (`--config`): the shards
    /// must have been built with it. `None`: whatever the shards agree on.
    pub expect_dedup: Option<DedupConfig>,
}

/// The merged statistics and what the merge itself found.
#[derive(Debug)]
pub struct MergeOutcome {
    pub stats: RunStats,
    /// Articles moved to duplicates, by kind (`exact`, `near`).
    pub cross_shard: BTreeMap<String, u64>,
    /// Within-shard duplicate lines whose `duplicate_of` pointed at a moved
    /// article and now point at the article kept in its place.
    pub repointed: u64,
}

/// A shard directory whose manifest and statistics have been read.
struct ShardDir {
    dir: PathBuf,
    manifest: ShardManifest,
    stats: RunStats,
}

/// The fields of an `articles.jsonl` line that a duplicate line repeats;
/// the text and everything else are skipped unparsed.
#[derive(Deserialize)]
struct ArticleHead<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow, default)]
    title: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    url: Option<Cow<'a, str>>,
    source: Source,
}

/// A `duplicates.jsonl` line, as `wire::to_duplicate_line` writes it.
#[derive(Deserialize)]
struct DuplicateLine<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    kind: DuplicateKind,
    similarity: f32,
    #[serde(borrow, default)]
    title: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    url: Option<Cow<'a, str>>,
    source: Source,
}

/// Only the target of a duplicate line: the common case needs no more.
#[derive(Deserialize)]
struct DuplicateTarget<'a> {
    #[serde(borrow)]
    duplicate_of: Cow<'a, str>,
}

/// The article that moved, and whether its line was found.
struct Moved {
    dup: Duplicate,
    found: bool,
}

fn is_same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn read_shard(dir: &Path) -> Result<ShardDir> {
    if !dir.is_dir() {
        return Err(Error::Config(format!("{}: no such shard directory", dir.display())));
    }
    let manifest = ShardManifest::read(dir)?;
    let stats_path = dir.join("stats.json");
    let text = std::fs::read_to_string(&stats_path).map_err(|e| Error::io(&stats_path, e))?;
    let stats: RunStats = serde_json::from_str(&text)
        .map_err(|e| Error::Config(format!("{}: unreadable run statistics ({e})", stats_path.display())))?;
    if !stats.balances() {
        return Err(Error::Config(format!("{}: the counts do not balance", stats_path.display())));
    }
    Ok(ShardDir { dir: dir.to_path_buf(), manifest, stats })
}

/// The options whose values differ, as `key = a vs b` (`section.key` in
/// nested tables), for the error message; keys in sorted order.
fn differing_options(a: &serde_json::Value, b: &serde_json::Value) -> Vec<String> {
    fn walk(prefix: &str, a: &serde_json::Value, b: &serde_json::Value, out: &mut Vec<String>) {
        match (a.as_object(), b.as_object()) {
            (Some(ma), Some(mb)) => {
                let keys: std::collections::BTreeSet<&String> = ma.keys().chain(mb.keys()).collect();
                let null = serde_json::Value::Null;
                for k in keys {
                    let name = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                    walk(&name, ma.get(k).unwrap_or(&null), mb.get(k).unwrap_or(&null), out);
                }
            }
            _ if a != b => out.push(format!("{prefix} = {a} vs {b}")),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk("", a, b, &mut out);
    out
}

/// Refuses inputs that cannot be merged, naming the directory at fault.
fn check_shards(shards: &[ShardDir], out_dir: &Path) -> Result<()> {
    let first = &shards[0];
    for (i, s) in shards.iter().enumerate() {
        let name = s.dir.display();
        if is_same_dir(&s.dir, out_dir) {
            return Err(Error::Config(format!("{name}: the output directory cannot also be an input shard")));
        }
        if let Some(base) = &s.manifest.base_index {
            return Err(Error::Config(format!(
                "{name}: this shard started from the index {base} (--index), whose articles its dedup.index repeats; \
                 run the shards without --index and pass the base index to `warta merge --index`"
            )));
        }
        if s.manifest.count != first.manifest.count {
            return Err(Error::Config(format!(
                "{name}: shard of {} parts, but {} is a shard of {} parts",
                s.manifest.count,
                first.dir.display(),
                first.manifest.count
            )));
        }
        let dedup = |m: &ShardManifest| serde_json::to_value(&m.dedup).unwrap_or_default();
        let differ = differing_options(&dedup(&first.manifest), &dedup(&s.manifest));
        if !differ.is_empty() {
            return Err(Error::Config(format!(
                "{name}: built with other dedup parameters than {} ({})",
                first.dir.display(),
                differ.join(", ")
            )));
        }
        let differ = differing_options(&first.manifest.stages, &s.manifest.stages);
        if !differ.is_empty() {
            return Err(Error::Config(format!(
                "{name}: built with another stage configuration than {} ({})",
                first.dir.display(),
                differ.join("; ")
            )));
        }
        for earlier in &shards[..i] {
            if is_same_dir(&s.dir, &earlier.dir) {
                return Err(Error::Config(format!("{name}: the same shard directory is given twice")));
            }
            if let Some(n) = s.manifest.shards.iter().find(|n| earlier.manifest.shards.contains(n)) {
                return Err(Error::Config(format!(
                    "{name}: holds shard {n}/{}, which {} holds too (shards must have disjoint ids)",
                    s.manifest.count,
                    earlier.dir.display()
                )));
            }
        }
    }
    Ok(())
}

fn load_index(cfg: &DedupConfig, path: &Path) -> Result<Deduplicator> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    Deduplicator::load_index(cfg.clone(), BufReader::with_capacity(1 << 20, file))
        .map_err(|e| Error::Config(format!("{}: not a usable de-duplication index ({e})", path.display())))
}

/// Reads `path` line by line into `line` (newline stripped); blank lines are
/// skipped. Calls `each` with every line.
fn for_each_line(path: &Path, mut each: impl FnMut(&[u8]) -> Result<()>) -> Result<u64> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut line = Vec::new();
    let mut bytes = 0u64;
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            return Ok(bytes);
        }
        bytes += n as u64;
        let content = line.strip_suffix(b"\n").unwrap_or(&line);
        if !content.iter().all(u8::is_ascii_whitespace) {
            each(content)?;
        }
    }
}

fn write_line(out: &mut AtomicFile, line: &[u8]) -> Result<()> {
    out.write_all(line)?;
    out.write_all(b"\n")
}

fn bad_line(path: &Path, what: &str, e: serde_json::Error) -> Error {
    Error::Config(format!("{}: {what} ({e})", path.display()))
}

/// The duplicate line of an article that moved: the same form as a single
/// run's.
fn duplicate_line(id: &str, title: Option<&str>, url: Option<&str>, source: Source, dup: Duplicate) -> String {
    let article = Article {
        id: id.to_string(),
        title: title.map(str::to_string),
        url: url.map(str::to_string),
        source,
        duplicate: Some(dup),
        ..Article::default()
    };
    wire::to_duplicate_line(&article).unwrap_or_default()
}

/// Where the merged files go while they are written.
struct Outputs {
    articles: AtomicFile,
    duplicates: AtomicFile,
    rejects: AtomicFile,
}

/// Counts of what one shard's files held.
#[derive(Default)]
struct Copied {
    articles: u64,
    duplicates: u64,
    rejects: u64,
    bytes: u64,
}

/// Streams one shard's three files into the outputs, moving the articles in
/// `moved` to duplicates and re-pointing within-shard duplicates of them.
fn copy_shard(
    shard: &ShardDir,
    moved: &mut HashMap<String, Moved>,
    out: &mut Outputs,
    cross_shard: &mut BTreeMap<String, u64>,
    repointed: &mut u64,
) -> Result<Copied> {
    let mut copied = Copied::default();
    let path = shard.dir.join("articles.jsonl");
    copied.bytes += for_each_line(&path, |line| {
        let head: ArticleHead<'_> = serde_json::from_slice(line).map_err(|e| bad_line(&path, "not an article line", e))?;
        match moved.get_mut(head.id.as_ref()) {
            Some(m) if !m.found => {
                m.found = true;
                *cross_shard.entry(m.dup.kind.as_str().to_string()).or_default() += 1;
                let dup_line = duplicate_line(&head.id, head.title.as_deref(), head.url.as_deref(), head.source, m.dup.clone());
                write_line(&mut out.duplicates, dup_line.as_bytes())
            }
            Some(_) => Err(Error::Config(format!("{}: the id `{}` occurs twice", path.display(), head.id))),
            None => {
                copied.articles += 1;
                write_line(&mut out.articles, line)
            }
        }
    })?;
    if let Some(lost) = moved.iter().filter(|(_, m)| !m.found).map(|(id, _)| id).min() {
        return Err(Error::Config(format!(
            "{}: the article `{lost}` of the shard's dedup.index is missing (the directory was changed after its run)",
            path.display()
        )));
    }
    let moved_here = moved.len() as u64;
    if copied.articles + moved_here != shard.stats.articles {
        return Err(Error::Config(format!(
            "{}: {} articles, but stats.json counts {} (an incomplete or changed shard)",
            path.display(),
            copied.articles + moved_here,
            shard.stats.articles
        )));
    }
    let path = shard.dir.join("duplicates.jsonl");
    copied.bytes += for_each_line(&path, |line| {
        copied.duplicates += 1;
        let target: DuplicateTarget<'_> =
            serde_json::from_slice(line).map_err(|e| bad_line(&path, "not a duplicate line", e))?;
        let Some(m) = moved.get(target.duplicate_of.as_ref()) else {
            return write_line(&mut out.duplicates, line);
        };
        // It pointed at an article that is now a duplicate itself: it points
        // at the article kept in its place, as a single run would have it.
        // Exact only if both links are exact; otherwise the similarity is
        // the bound the triangle inequality of Jaccard distance gives.
        let d: DuplicateLine<'_> = serde_json::from_slice(line).map_err(|e| bad_line(&path, "not a duplicate line", e))?;
        let exact = d.kind == DuplicateKind::Exact && m.dup.kind == DuplicateKind::Exact;
        let dup = Duplicate {
            of: m.dup.of.clone(),
            kind: if exact { DuplicateKind::Exact } else { DuplicateKind::Near },
            similarity: if exact { 1.0 } else { (d.similarity + m.dup.similarity - 1.0).max(0.0) },
        };
        *repointed += 1;
        write_line(&mut out.duplicates, duplicate_line(&d.id, d.title.as_deref(), d.url.as_deref(), d.source, dup).as_bytes())
    })?;
    let path = shard.dir.join("rejects.jsonl");
    copied.bytes += for_each_line(&path, |line| {
        copied.rejects += 1;
        write_line(&mut out.rejects, line)
    })?;
    if copied.duplicates != shard.stats.duplicates || copied.rejects != shard.stats.rejects {
        return Err(Error::Config(format!(
            "{}: {} duplicate and {} reject lines, but stats.json counts {} and {} (an incomplete or changed shard)",
            shard.dir.display(),
            copied.duplicates,
            copied.rejects,
            shard.stats.duplicates,
            shard.stats.rejects
        )));
    }
    Ok(copied)
}

/// Merges shard directories into `opts.out_dir`: `articles.jsonl`,
/// `duplicates.jsonl`, `rejects.jsonl`, `stats.json`, `dedup.index` and
/// `shard.json`, every file written atomically.
pub fn merge_shards(opts: &MergeOptions) -> Result<MergeOutcome> {
    let started = Instant::now();
    if opts.shards.is_empty() {
        return Err(Error::Config("`warta merge` needs at least one shard directory".into()));
    }
    let shards = opts.shards.iter().map(|d| read_shard(d)).collect::<Result<Vec<_>>>()?;
    check_shards(&shards, &opts.out_dir)?;
    let cfg = shards[0].manifest.dedup.clone();
    if let Some(expected) = &opts.expect_dedup {
        let differ = differing_options(
            &serde_json::to_value(&cfg).unwrap_or_default(),
            &serde_json::to_value(expected).unwrap_or_default(),
        );
        if !differ.is_empty() {
            return Err(Error::Config(format!(
                "{}: built with other dedup parameters than --config asks for ({})",
                shards[0].dir.display(),
                differ.join(", ")
            )));
        }
    }

    // Fold the indexes in, in order; what each shard loses to earlier ones.
    let (mut merged, first_absorbed) = match &opts.base_index {
        Some(base) => (load_index(&cfg, base)?, 0),
        None => (load_index(&cfg, &shards[0].dir.join(SHARD_INDEX))?, 1),
    };
    let mut moved: Vec<HashMap<String, Moved>> = (0..shards.len()).map(|_| HashMap::new()).collect();
    for (i, shard) in shards.iter().enumerate().skip(first_absorbed) {
        let path = shard.dir.join(SHARD_INDEX);
        let index = load_index(&cfg, &path)?;
        let newly = merged.merge(index).map_err(|e| Error::Config(format!("{}: {e}", path.display())))?;
        for (id, dup) in newly {
            moved[i].insert(id, Moved { dup, found: false });
        }
    }

    std::fs::create_dir_all(&opts.out_dir).map_err(|e| Error::io(&opts.out_dir, e))?;
    remove_manifest(&opts.out_dir)?;
    let mut out = Outputs {
        articles: AtomicFile::create(&opts.out_dir.join("articles.jsonl"))?,
        duplicates: AtomicFile::create(&opts.out_dir.join("duplicates.jsonl"))?,
        rejects: AtomicFile::create(&opts.out_dir.join("rejects.jsonl"))?,
    };
    let mut cross_shard = BTreeMap::new();
    let mut repointed = 0;
    let mut kept = 0;
    let mut bytes = 0;
    for (shard, moved) in shards.iter().zip(&mut moved) {
        let copied = copy_shard(shard, moved, &mut out, &mut cross_shard, &mut repointed)?;
        kept += copied.articles;
        bytes += copied.bytes;
    }
    let moved_total: u64 = cross_shard.values().sum();

    let mut stats = shards[0].stats.clone();
    for s in &shards[1..] {
        stats.merge(&s.stats);
    }
    let merge_stage = StageStats {
        articles_in: stats.articles,
        articles_out: kept,
        bytes_in: bytes,
        duplicates: cross_shard.clone(),
        busy_seconds: started.elapsed().as_secs_f64(),
        state_bytes: merged.index_heap_bytes() as u64,
        ..StageStats::default()
    };
    stats.stages.push(("merge".to_string(), merge_stage));
    stats.articles = kept;
    stats.duplicates += moved_total;
    stats.wall_seconds += started.elapsed().as_secs_f64();
    crate::check_balance(&stats)?;

    out.articles.commit()?;
    out.duplicates.commit()?;
    out.rejects.commit()?;
    let mut index_file = AtomicFile::create(&opts.out_dir.join(SHARD_INDEX))?;
    merged.save_index(&mut index_file)?;
    index_file.commit()?;
    let json = serde_json::to_vec_pretty(&stats).map_err(|e| Error::Format(e.to_string()))?;
    crate::sinks::write_atomically(&opts.out_dir.join("stats.json"), &json)?;
    let mut all: Vec<u64> = shards.iter().flat_map(|s| s.manifest.shards.iter().copied()).collect();
    all.sort_unstable();
    let manifest = ShardManifest {
        format: MANIFEST_FORMAT,
        warta_version: env!("CARGO_PKG_VERSION").to_string(),
        count: shards[0].manifest.count,
        shards: all,
        dedup: cfg,
        stages: shards[0].manifest.stages.clone(),
        base_index: opts.base_index.as_ref().map(|p| p.display().to_string()),
    };
    manifest.write(&opts.out_dir)?;
    Ok(MergeOutcome { stats, cross_shard, repointed })
}
