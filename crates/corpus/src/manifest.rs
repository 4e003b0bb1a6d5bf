//! The corpus manifest: a TOML file kept in the repository that says what goes
//! into a corpus and how it is processed.
//!
//! ```toml
//! name = "sample"                 # default: the file's stem
//! description = "What this corpus is."
//! root = "../.."                  # paths below are relative to this (itself relative to the manifest)
//!
//! [output]
//! dir = "target/corpus/sample"    # default: target/corpus/<name>
//! shard_max_bytes = "64 MiB"      # uncompressed JSONL bytes per shard
//! shard_max_articles = 100000     # optional second bound
//! zstd_level = 3
//! unit_max_bytes = "256 MiB"      # input bytes per unit of work (the resume granularity)
//! parquet = true                  # also write each shard as Parquet
//!
//! [dedup_index]
//! mode = "create"                 # "create": start empty | "use": start from `path` (read only)
//! path = "…"                      # create: where the final index goes (default <out>/dedup.index)
//!
//! [stages.normalize]              # any field of warta_pipeline::PipelineConfig
//! remove_boilerplate = true
//!
//! [[inputs]]
//! name = "bbc"
//! paths = ["../shared/data/news/bbc-*.jsonl.gz"]   # files, directories or globs
//! exclude = []                    # globs matched against paths relative to `root`
//! format = "jsonl"                # optional: txt | jsonl | tar (default: detected)
//! lang = "en"                     # language of records that carry none
//! fields = { gold_sentences = "sentences" }       # warta field = input field
//! license = "research use"        # as declared, for the dataset card
//! origin = "where it comes from"
//! citation = "…"
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use warta_ingest::InputFormat;
use warta_pipeline::PipelineConfig;

/// The manifest as written in the TOML file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub name: Option<String>,
    #[serde(default)]
    pub description: String,
    /// Base of every relative path in the manifest, relative to the
    /// manifest's own directory (default: that directory).
    pub root: Option<PathBuf>,
    #[serde(default)]
    pub output: OutputSpec,
    #[serde(default)]
    pub dedup_index: IndexSpec,
    /// Stage options, straight into [`PipelineConfig`]; checked for unknown keys.
    #[serde(default)]
    pub stages: Option<toml::Value>,
    #[serde(default)]
    pub inputs: Vec<InputSpec>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputSpec {
    pub dir: Option<PathBuf>,
    pub shard_max_bytes: Option<ByteSize>,
    pub shard_max_articles: Option<u64>,
    pub zstd_level: Option<i32>,
    pub unit_max_bytes: Option<ByteSize>,
    /// Also write each shard as Parquet.
    pub parquet: Option<bool>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IndexMode {
    /// Start from an empty index; the final index is written to `path`.
    #[default]
    Create,
    /// Start from the existing index at `path`, which is never modified: its
    /// articles count as already seen.
    Use,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexSpec {
    #[serde(default)]
    pub mode: IndexMode,
    pub path: Option<PathBuf>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputSpec {
    pub name: String,
    #[serde(default)]
    pub paths: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    pub format: Option<String>,
    pub lang: Option<String>,
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
    #[serde(default)]
    pub description: String,
    pub license: Option<String>,
    pub license_url: Option<String>,
    pub origin: Option<String>,
    pub citation: Option<String>,
}

/// A byte count written as a number or as `"64 MiB"`, `"500MB"`, `"1 GiB"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteSize(pub u64);

impl<'de> Deserialize<'de> for ByteSize {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Int(i64),
            Text(String),
        }
        match Raw::deserialize(d)? {
            Raw::Int(n) if n > 0 => Ok(ByteSize(n as u64)),
            Raw::Int(n) => Err(serde::de::Error::custom(format!("a size must be positive, got {n}"))),
            Raw::Text(s) => parse_size(&s).map(ByteSize).map_err(serde::de::Error::custom),
        }
    }
}

/// Parses `"64 MiB"`, `"1.5GB"`, `"4096"`, `"512 kB"` into bytes.
pub fn parse_size(s: &str) -> std::result::Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let value: f64 = num.parse().map_err(|_| format!("`{s}` is not a size (expected e.g. \"64 MiB\" or 1048576)"))?;
    let mult: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "kib" => 1024.0,
        "m" | "mb" => 1e6,
        "mib" => 1024.0 * 1024.0,
        "g" | "gb" => 1e9,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        other => return Err(format!("`{s}`: unknown size unit `{other}` (use B, kB, KiB, MB, MiB, GB, GiB)")),
    };
    let bytes = (value * mult).round();
    if !(1.0..1e18).contains(&bytes) {
        return Err(format!("`{s}`: a size must be at least 1 byte"));
    }
    Ok(bytes as u64)
}

/// Defaults of the output settings.
pub const DEFAULT_SHARD_MAX_BYTES: u64 = 256 << 20;
pub const DEFAULT_UNIT_MAX_BYTES: u64 = 256 << 20;
pub const DEFAULT_ZSTD_LEVEL: i32 = 3;

/// One input after validation: its effective ingestion settings are merged
/// into a full [`PipelineConfig`].
#[derive(Debug, Clone)]
pub struct Input {
    pub spec: InputSpec,
    pub config: PipelineConfig,
}

/// A manifest checked and resolved against the file system's layout (not
/// yet against the input files: see [`crate::inputs`]).
#[derive(Debug, Clone)]
pub struct Resolved {
    pub manifest_path: PathBuf,
    pub name: String,
    pub description: String,
    /// Absolute (or as given, joined to the manifest's directory) base of relative paths.
    pub root: PathBuf,
    pub out_dir: PathBuf,
    pub shard_max_bytes: u64,
    pub shard_max_articles: Option<u64>,
    pub zstd_level: i32,
    pub unit_max_bytes: u64,
    pub parquet: bool,
    pub index_mode: IndexMode,
    /// `use`: the index to start from; `create`: where the final index goes
    /// (`None`: `<out>/dedup.index`).
    pub index_path: Option<PathBuf>,
    /// The stage options common to all inputs.
    pub stages: PipelineConfig,
    pub inputs: Vec<Input>,
}

/// Reads and validates a manifest file; every error names the file and the key.
pub fn load(path: &Path) -> Result<Resolved> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read manifest {}", path.display()))?;
    parse(&text, path).with_context(|| format!("invalid manifest {}", path.display()))
}

/// Parses manifest text; `path` places relative paths and names the default.
pub fn parse(text: &str, path: &Path) -> Result<Resolved> {
    let manifest: Manifest = toml::from_str(text).map_err(|e| anyhow::anyhow!("{}", e.to_string().trim_end()))?;
    let manifest_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let manifest_dir = if manifest_dir.as_os_str().is_empty() { PathBuf::from(".") } else { manifest_dir };

    let name = match &manifest.name {
        Some(n) => n.clone(),
        None => path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
    };
    check_name("name", &name)?;
    let root = crate::util::lexically_normal(&match &manifest.root {
        Some(r) => manifest_dir.join(r),
        None => manifest_dir.clone(),
    });

    let out = &manifest.output;
    let out_dir = crate::util::lexically_normal(&match &out.dir {
        Some(d) => root.join(d),
        None => root.join("target").join("corpus").join(&name),
    });
    if let Some(0) = out.shard_max_articles {
        bail!("output.shard_max_articles must be at least 1");
    }
    let zstd_level = out.zstd_level.unwrap_or(DEFAULT_ZSTD_LEVEL);
    if !(1..=19).contains(&zstd_level) {
        bail!("output.zstd_level must be between 1 and 19, got {zstd_level}");
    }

    let stages = stage_config(manifest.stages.as_ref())?;

    if manifest.inputs.is_empty() {
        bail!("no inputs: add at least one [[inputs]] table with a name and paths");
    }
    let mut names = BTreeSet::new();
    let mut inputs = Vec::new();
    for (i, spec) in manifest.inputs.iter().enumerate() {
        let at = format!("inputs[{i}] (`{}`)", spec.name);
        check_name(&format!("inputs[{i}].name"), &spec.name)?;
        if !names.insert(spec.name.clone()) {
            bail!("{at}: the name is used by an earlier input; input names must be unique");
        }
        if spec.paths.is_empty() {
            bail!("{at}: `paths` is empty; list files, directories or globs");
        }
        for p in spec.paths.iter().chain(&spec.exclude) {
            if p.trim().is_empty() {
                bail!("{at}: an empty path or pattern");
            }
            glob::Pattern::new(p).map_err(|e| anyhow::anyhow!("{at}: bad glob `{p}`: {e}"))?;
        }
        let mut config = stages.clone();
        if let Some(f) = &spec.format {
            let format: InputFormat = f.parse().map_err(|e: String| anyhow::anyhow!("{at}: format: {e}"))?;
            config.ingest.input_format = Some(format);
        }
        if let Some(lang) = &spec.lang {
            config.ingest.default_lang = Some(lang.clone());
        }
        for (warta, input) in &spec.fields {
            if warta.trim().is_empty() || input.trim().is_empty() {
                bail!("{at}: fields: empty field name in `{warta} = \"{input}\"`");
            }
            config.ingest.fields.insert(warta.clone(), input.clone());
        }
        inputs.push(Input { spec: spec.clone(), config });
    }

    let index_path = match (manifest.dedup_index.mode, &manifest.dedup_index.path) {
        (IndexMode::Use, None) => bail!("dedup_index: mode = \"use\" needs a `path` to an existing index"),
        (_, Some(p)) => Some(root.join(p)),
        (IndexMode::Create, None) => None,
    };

    Ok(Resolved {
        manifest_path: path.to_path_buf(),
        name,
        description: manifest.description.clone(),
        root,
        out_dir,
        shard_max_bytes: out.shard_max_bytes.map_or(DEFAULT_SHARD_MAX_BYTES, |b| b.0),
        shard_max_articles: out.shard_max_articles,
        zstd_level,
        unit_max_bytes: out.unit_max_bytes.map_or(DEFAULT_UNIT_MAX_BYTES, |b| b.0),
        parquet: out.parquet.unwrap_or(false),
        index_mode: manifest.dedup_index.mode,
        index_path,
        stages,
        inputs,
    })
}

fn check_name(key: &str, name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 100
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !name.starts_with('.');
    if !ok {
        bail!("{key} `{name}`: use 1-100 ASCII letters, digits, `-`, `_` or `.` (not starting with `.`)");
    }
    Ok(())
}

/// Deserialises `[stages]` into the pipeline's configuration and rejects any
/// key the configuration does not know (some stage configs accept unknown
/// keys silently; a typo in a manifest must not go unnoticed).
fn stage_config(stages: Option<&toml::Value>) -> Result<PipelineConfig> {
    let Some(value) = stages else { return Ok(PipelineConfig::default()) };
    let config: PipelineConfig = value
        .clone()
        .try_into()
        .map_err(|e: toml::de::Error| anyhow::anyhow!("stages: {}", e.to_string().trim_end()))?;
    let known = serde_json::to_value(&config).context("stages: cannot serialise the configuration")?;
    let given = serde_json::to_value(value).context("stages: cannot read the table")?;
    let mut unknown = Vec::new();
    unknown_keys(&given, &known, "stages", &mut unknown);
    if !unknown.is_empty() {
        bail!("unknown option(s) {}: not a setting of any stage (see the stage crates' *Config types)", unknown.join(", "));
    }
    Ok(config)
}

fn unknown_keys(given: &serde_json::Value, known: &serde_json::Value, at: &str, out: &mut Vec<String>) {
    let (Some(given), Some(known)) = (given.as_object(), known.as_object()) else { return };
    for (key, value) in given {
        let path = format!("{at}.{key}");
        match known.get(key) {
            None => out.push(format!("`{path}`")),
            // A free-form map (field mappings) has no fixed keys to check.
            Some(k) if at.ends_with(".fields") => {
                let _ = k;
            }
            Some(k) => unknown_keys(value, k, &path, out),
        }
    }
}
