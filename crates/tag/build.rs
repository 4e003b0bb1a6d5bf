//! Reads the gazetteer's list files and the word-class files once, at
//! build time, into the compact tables `gazetteer.rs` loads (session 21:
//! parsing 1.9 MB of lists and 3.4 MB of word classes at every load of
//! the tagger took a third of its instructions).
//!
//! - `gazetteer-lists.bin`, `gazetteer-names.txt`: every pattern of
//!   `data/handwritten.tsv`, `data/geonames.tsv` and `data/registry.tsv`
//!   (normalised, one per name, sorted by name; [`lists::list_entries`])
//!   as its class bits for the English weights (u16 LE), for the
//!   Indonesian ones (u16 LE; 0: not read) and the length of its name (u32
//!   LE); the names one after another in the text file (which the crate
//!   includes as a `str`: no UTF-8 check at load).
//! - `brown-en.bin`, `brown-id.bin`: a record per valid line of
//!   `data/brown-*.tsv.zst`, in file order: the xxh3 of the form (u64 LE)
//!   and its path bits (u32 LE) ([`lists::word_class_line`]).

use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::xxh3_64;

#[allow(dead_code)]
#[path = "src/lists.rs"]
mod lists;

const LIST_FILES: [&str; 3] = ["data/handwritten.tsv", "data/geonames.tsv", "data/registry.tsv"];

fn main() {
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/lists.rs");
    let read = |name: &str| -> Vec<u8> {
        println!("cargo:rerun-if-changed={name}");
        std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    };

    let texts: Vec<String> = LIST_FILES
        .iter()
        .map(|f| String::from_utf8(read(f)).unwrap_or_else(|_| panic!("{f} is UTF-8")))
        .collect();
    let sources: Vec<&str> = texts.iter().map(String::as_str).collect();
    let en = lists::list_entries(&sources, "en");
    let id = lists::list_entries(&sources, "id");
    // Both are sorted with one entry per name: one pass joins them.
    let mut bin = Vec::new();
    let mut names = String::new();
    let (mut i, mut j) = (0, 0);
    while i < en.len() || j < id.len() {
        let order = match (en.get(i), id.get(j)) {
            (Some(a), Some(b)) => a.0.cmp(&b.0),
            (Some(_), None) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Greater,
        };
        let (name, bits_en, bits_id) = match order {
            std::cmp::Ordering::Less => (&en[i].0, en[i].1, 0),
            std::cmp::Ordering::Greater => (&id[j].0, 0, id[j].1),
            std::cmp::Ordering::Equal => (&en[i].0, en[i].1, id[j].1),
        };
        i += usize::from(order.is_le());
        j += usize::from(order.is_ge());
        bin.extend_from_slice(&bits_en.to_le_bytes());
        bin.extend_from_slice(&bits_id.to_le_bytes());
        bin.extend_from_slice(&u32::try_from(name.len()).expect("a short name").to_le_bytes());
        names.push_str(name);
    }
    write(&out.join("gazetteer-lists.bin"), &bin);
    write(&out.join("gazetteer-names.txt"), names.as_bytes());

    for name in ["brown-en", "brown-id"] {
        let zst = read(&format!("data/{name}.tsv.zst"));
        let text = zstd::stream::decode_all(&zst[..]).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut bin = Vec::new();
        for line in text.split(|&b| b == b'\n') {
            if let Some((form, bits)) = lists::word_class_line(line) {
                bin.extend_from_slice(&xxh3_64(form).to_le_bytes());
                bin.extend_from_slice(&bits.to_le_bytes());
            }
        }
        write(&out.join(format!("{name}.bin")), &bin);
    }
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
