//! Expands the manifest's inputs (files, directories, globs) into the exact,
//! ordered list of files the build reads, with their sizes and SHA-256.
//!
//! Hashing every input on every build would make a no-op build cost a full
//! read of the archive, so a hash is reused when the file's size and
//! modification time are those recorded at the previous build (as make and
//! cargo do); `--rehash` forces a fresh read.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

use crate::manifest::Resolved;
use crate::util::{relative_to, sha256_file};

/// One input file as recorded in `MANIFEST.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputFileRecord {
    /// The manifest input it belongs to.
    pub input: String,
    /// Relative to the manifest's root, `/`-separated.
    pub path: String,
    pub format: String,
    pub size: u64,
    pub sha256: String,
}

/// A file to read, with its record.
#[derive(Debug, Clone)]
pub struct ResolvedFile {
    pub abs: PathBuf,
    pub record: InputFileRecord,
}

/// Hashes of earlier builds, by path: (size, mtime in ns, sha256).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct HashCache {
    pub files: BTreeMap<String, (u64, u128, String)>,
}

impl HashCache {
    pub fn load(path: &Path) -> HashCache {
        std::fs::read(path).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
    }
}

fn mtime_ns(meta: &std::fs::Metadata) -> u128 {
    meta.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos())
}

fn has_glob_chars(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

/// Expands every input into files (in manifest order, each input's files
/// sorted by path), hashing them. Returns the files and the updated cache.
/// `hashed` counts files actually read.
pub fn resolve(
    m: &Resolved,
    cache: &HashCache,
    rehash: bool,
    hashed: &mut usize,
) -> Result<(Vec<ResolvedFile>, HashCache)> {
    let mut out = Vec::new();
    let mut seen: BTreeMap<PathBuf, String> = BTreeMap::new();
    let mut new_cache = HashCache::default();
    // A glob over the repository must not read the corpus being built.
    let out_dir = std::fs::canonicalize(&m.out_dir).ok();
    for input in &m.inputs {
        let name = &input.spec.name;
        let mut paths: BTreeSet<PathBuf> = BTreeSet::new();
        for entry in &input.spec.paths {
            let joined = m.root.join(entry);
            if has_glob_chars(entry) {
                let pattern = joined.to_string_lossy().into_owned();
                let mut matched = 0;
                for hit in glob::glob(&pattern).with_context(|| format!("input `{name}`: bad glob `{entry}`"))? {
                    let hit = hit.with_context(|| format!("input `{name}`: cannot read a match of `{entry}`"))?;
                    matched += 1;
                    paths.insert(hit);
                }
                if matched == 0 {
                    bail!("input `{name}`: `{entry}` matches no file (relative to {})", m.root.display());
                }
            } else {
                if !joined.exists() {
                    bail!("input `{name}`: `{entry}` does not exist (looked for {})", joined.display());
                }
                paths.insert(joined);
            }
        }
        let excludes: Vec<glob::Pattern> = input.spec.exclude.iter().filter_map(|p| glob::Pattern::new(p).ok()).collect();
        let paths: Vec<PathBuf> = paths.into_iter().collect();
        let planned = warta_ingest::plan(&paths, &input.config.ingest).map_err(|e| anyhow::anyhow!("input `{name}`: {e}"))?;
        let mut files = Vec::new();
        for f in planned {
            let rel = relative_to(&f.path, &m.root);
            if excludes.iter().any(|p| p.matches(&rel)) {
                continue;
            }
            if let (Some(out), Ok(abs)) = (&out_dir, std::fs::canonicalize(&f.path)) {
                if abs.starts_with(out) {
                    continue;
                }
            }
            files.push((rel, f));
        }
        if files.is_empty() {
            bail!("input `{name}`: no readable input file (txt, jsonl, tar, optionally .gz/.zst) in its paths");
        }
        files.sort_by(|a, b| a.0.cmp(&b.0));
        for (rel, f) in files {
            if let Some(other) = seen.insert(f.path.clone(), name.clone()) {
                bail!("`{rel}` is matched by inputs `{other}` and `{name}`; a file may belong to one input only");
            }
            let meta = std::fs::metadata(&f.path).with_context(|| format!("cannot stat {}", f.path.display()))?;
            let (size, mtime) = (meta.len(), mtime_ns(&meta));
            let sha256 = match cache.files.get(&rel) {
                Some((s, t, h)) if !rehash && *s == size && *t == mtime => h.clone(),
                _ => {
                    *hashed += 1;
                    let (h, read) = sha256_file(&f.path)?;
                    if read != size {
                        bail!("{} changed while it was being read", f.path.display());
                    }
                    h
                }
            };
            new_cache.files.insert(rel.clone(), (size, mtime, sha256.clone()));
            out.push(ResolvedFile {
                abs: f.path.clone(),
                record: InputFileRecord { input: name.clone(), path: rel, format: f.format.as_str().to_string(), size, sha256 },
            });
        }
    }
    Ok((out, new_cache))
}
