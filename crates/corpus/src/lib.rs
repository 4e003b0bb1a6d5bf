//! Reproducible corpus builds for warta (`cargo xtask corpus build
//! corpus/manifests/NAME.toml`).
//!
//! A TOML [`manifest`] names the inputs, the stage options, the
//! de-duplication index and the shard size. [`build`] runs the pipeline and
//! writes, into the output directory (default `target/corpus/NAME/`):
//!
//! - `data/articles-NNNNN.jsonl.zst`: the articles, in zstd-compressed JSONL
//!   shards of bounded size, and `data/articles-NNNNN.parquet` twins with
//!   `[output] parquet = true`;
//! - `duplicates.jsonl.zst`, `rejects.jsonl.zst`, `stats.json`;
//! - `README.md`: a Hugging Face–style dataset card;
//! - `report.html`: one self-contained page of inline SVG charts;
//! - `dedup.index`: the de-duplication index, to extend the corpus later;
//! - `MANIFEST.json`, written last: warta version, resolved configuration,
//!   input files with sizes and SHA-256, and the checksum of every output.
//!
//! Builds are incremental (unchanged inputs and configuration: nothing is
//! done, and the build says so) and resumable (the work is cut into units;
//! a killed build redoes only the unit it was in). See [`build`] for how.

pub mod build;
pub mod card;
pub mod inputs;
pub mod manifest;
pub mod parquet_out;
pub mod profile;
pub mod report;
pub mod screenshot;
pub mod shards;
pub mod util;

pub use build::{build, BuildOptions, BuildReport, BuildStatus};
pub use manifest::{load as load_manifest, Resolved};
