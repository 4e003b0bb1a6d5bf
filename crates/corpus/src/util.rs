//! Small helpers: hashing, canonical JSON, atomic files, relative paths.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// Lower-case hex of a SHA-256 digest.
pub fn hex(digest: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(digest.len() * 2);
    for b in digest {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 15) as usize] as char);
    }
    s
}

pub fn sha256_bytes(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// SHA-256 and size of a file, read in 1 MiB blocks.
pub fn sha256_file(path: &Path) -> Result<(String, u64)> {
    let mut file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut total = 0u64;
    loop {
        let n = match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        hasher.update(&buf[..n]);
        total += n as u64;
    }
    Ok((hex(&hasher.finalize()), total))
}

/// JSON with object keys sorted at every level, so that equal values hash
/// equally whatever map type produced them.
pub fn canonical_json(value: &Value) -> String {
    fn sort(v: &Value) -> Value {
        match v {
            Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort();
                let mut out = serde_json::Map::new();
                for k in keys {
                    out.insert(k.clone(), sort(&map[k]));
                }
                Value::Object(out)
            }
            Value::Array(items) => Value::Array(items.iter().map(sort).collect()),
            other => other.clone(),
        }
    }
    serde_json::to_string(&sort(value)).unwrap_or_default()
}

/// The hidden temporary name an output has while it is being written.
pub fn partial_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.partial"))
}

/// A file written under a hidden temporary name and renamed into place only
/// when complete, so that a file under its final name is always whole. The
/// SHA-256 and size of what was written are computed on the way.
pub struct AtomicWriter {
    path: PathBuf,
    tmp: PathBuf,
    file: io::BufWriter<File>,
    hasher: Sha256,
    written: u64,
}

impl AtomicWriter {
    pub fn create(path: &Path) -> Result<Self> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let tmp = partial_path(path);
        let file = File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        Ok(AtomicWriter { path: path.to_path_buf(), tmp, file: io::BufWriter::with_capacity(1 << 20, file), hasher: Sha256::new(), written: 0 })
    }

    /// Flushes, syncs and renames into place; returns (sha256, size).
    pub fn commit(self) -> Result<(String, u64)> {
        let AtomicWriter { path, tmp, file, hasher, written } = self;
        let file = file.into_inner().map_err(|e| e.into_error()).with_context(|| format!("cannot write {}", tmp.display()))?;
        file.sync_all().with_context(|| format!("cannot sync {}", tmp.display()))?;
        drop(file);
        std::fs::rename(&tmp, &path).with_context(|| format!("cannot rename {} to {}", tmp.display(), path.display()))?;
        Ok((hex(&hasher.finalize()), written))
    }
}

impl Write for AtomicWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.written += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Writes `bytes` to `path` atomically; returns (sha256, size).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(String, u64)> {
    let mut w = AtomicWriter::create(path)?;
    w.write_all(bytes).with_context(|| format!("cannot write {}", path.display()))?;
    w.commit()
}

/// `path` relative to `base` when it lies under it (lexically), with `/`
/// separators; otherwise the path as it is.
pub fn relative_to(path: &Path, base: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if rel.is_absolute() {
        rel.to_string_lossy().into_owned()
    } else {
        parts.join("/")
    }
}

/// `a/b/../c` → `a/c`, without touching the file system (symbolic links
/// aside, the same place, and shorter to print).
pub fn lexically_normal(path: &Path) -> PathBuf {
    let mut out: Vec<Component<'_>> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(c),
            },
            other => out.push(other),
        }
    }
    if out.is_empty() {
        PathBuf::from(".")
    } else {
        out.iter().collect()
    }
}

/// Human-readable byte count.
pub fn human_bytes(n: u64) -> String {
    let n = n as f64;
    if n >= 1e9 {
        format!("{:.2} GB", n / 1e9)
    } else if n >= 1e6 {
        format!("{:.1} MB", n / 1e6)
    } else if n >= 1e3 {
        format!("{:.1} kB", n / 1e3)
    } else {
        format!("{n} B")
    }
}

/// Integer with thin thousands separators (`12,345`).
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    // Digits left before the next separator.
    let mut until_comma = match s.len() % 3 {
        0 => 3,
        r => r,
    };
    for c in s.chars() {
        if until_comma == 0 {
            out.push(',');
            until_comma = 3;
        }
        out.push(c);
        until_comma -= 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_json_sorts_keys_at_every_level() {
        let a: Value = serde_json::from_str(r#"{"b":1,"a":{"y":2,"x":[{"d":1,"c":2}]}}"#).unwrap();
        assert_eq!(canonical_json(&a), r#"{"a":{"x":[{"c":2,"d":1}],"y":2},"b":1}"#);
    }

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn paths_normalise_lexically() {
        assert_eq!(lexically_normal(Path::new("corpus/manifests/../..")), PathBuf::from("."));
        assert_eq!(lexically_normal(Path::new("corpus/manifests/../../../shared")), PathBuf::from("../shared"));
        assert_eq!(lexically_normal(Path::new("/a/../../b")), PathBuf::from("/b"));
    }

    #[test]
    fn relative_paths_use_slashes() {
        assert_eq!(relative_to(Path::new("/r/./a/b.txt"), Path::new("/r")), "a/b.txt");
        assert_eq!(relative_to(Path::new("/r/../s/x"), Path::new("/r")), "../s/x");
    }
}
