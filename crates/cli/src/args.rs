//! Command-line flags (checked by clap) and the pipeline config built from them.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use serde_json::{json, Value};
use warta_pipeline::{PipelineConfig, Shard};

#[derive(Parser, Debug)]
#[command(name = "warta", version, about = "Clean, de-duplicated, segmented, entity-tagged corpora from raw news archives")]
pub struct Cli {
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args, Debug, Clone)]
pub struct CommonArgs {
    /// Worker threads (0 = all cores). Output bytes do not depend on it.
    #[arg(long, global = true, default_value_t = 0)]
    pub threads: usize,
    /// Language (ISO 639-1) of records that carry none, e.g. `id` or `en`.
    #[arg(long, global = true, value_name = "CODE")]
    pub lang: Option<String>,
    /// Record format of single-stage input and output.
    #[arg(long, global = true, value_enum, default_value_t = FormatArg::Jsonl)]
    pub format: FormatArg,
    /// No progress bar and no summary.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Articles per batch handed between stages.
    #[arg(long, global = true, default_value_t = 256, hide = true)]
    pub batch_size: usize,
    /// Seconds one article may spend in one stage before it becomes a `timeout` reject (0: no limit; default 30).
    #[arg(long, global = true, value_name = "SECS", value_parser = seconds)]
    pub article_timeout: Option<f64>,
    /// Stage options as TOML (sections [ingest], [normalize], [segment], [dedup], [tag], [limits]).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatArg {
    Jsonl,
    Bincode,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the whole pipeline: INPUT files/directories (default: corpus/) to DIR.
    Run(RunArgs),
    /// Read archives and write their records as JSONL (or bincode) to stdout.
    Ingest(StageArgs),
    /// Repair and clean text; identify the language.
    Normalize(StageArgs),
    /// Split into sentences and tokens; repair spurious full stops.
    Segment(StageArgs),
    /// Mark duplicates (`duplicate_of`) and remove repeated content.
    Dedup(StageArgs),
    /// Tag PER/ORG/LOC entities.
    Tag(StageArgs),
    /// Show one article after each stage.
    Inspect(InspectArgs),
    /// Join the output directories of `run --shard I/N` into one, finding the duplicates across shards (the configuration is the shards' own; --config is checked against it).
    Merge(MergeArgs),
}

#[derive(Args, Debug)]
pub struct MergeArgs {
    /// Shard output directories, in order: on a duplicate across shards the earlier shard's article is kept.
    #[arg(required = true, value_name = "SHARD_DIR")]
    pub shards: Vec<PathBuf>,
    /// Output directory.
    #[arg(long, required = true)]
    pub out: PathBuf,
    /// Index of earlier runs that absorbs the shards (incremental runs): articles it already holds become duplicates.
    #[arg(long, value_name = "PATH")]
    pub index: Option<PathBuf>,
}

#[derive(Args, Debug, Clone, Default)]
pub struct StageArgs {
    /// Input: files or directories for `ingest`; one JSONL/bincode stream (file or -) for the other stages.
    pub inputs: Vec<PathBuf>,
    /// Map a warta field to an input field, e.g. `--field text=body`.
    #[arg(long = "field", value_name = "WARTA=INPUT")]
    pub fields: Vec<String>,
    /// Input format instead of detection by extension and magic bytes.
    #[arg(long, value_name = "FORMAT")]
    pub input_format: Option<String>,
    /// Records larger than this many bytes are rejected as `too_large`.
    #[arg(long, value_name = "BYTES")]
    pub max_record_bytes: Option<u64>,
    /// De-duplication index to load (if present) and update.
    #[arg(long, value_name = "PATH")]
    pub index: Option<PathBuf>,
    /// Which member of a duplicate cluster is kept.
    #[arg(long, value_name = "first|longest|latest")]
    pub keep: Option<String>,
    /// A tagger model file instead of the built-in one.
    #[arg(long, value_name = "PATH")]
    pub tag_model: Option<PathBuf>,
    /// Where single stages write rejects (default: stderr).
    #[arg(long, value_name = "PATH")]
    pub rejects: Option<PathBuf>,
    /// Also write the run's statistics (those of `warta run`'s stats.json) to PATH; for single stages.
    #[arg(long, value_name = "PATH")]
    pub stats: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct RunArgs {
    #[command(flatten)]
    pub stage: StageArgs,
    /// Output directory.
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Process only shard I of N (by a stable hash of the id); also writes DIR/dedup.index and DIR/shard.json for `warta merge`.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<Shard>,
    /// Also write token spans into articles.jsonl.
    #[arg(long)]
    pub emit_tokens: bool,
    /// Continue an interrupted run from its last checkpoint in DIR.
    #[arg(long)]
    pub resume: bool,
    /// Seconds between checkpoints (0: after every batch).
    #[arg(long, default_value_t = 30.0, hide = true)]
    pub checkpoint_secs: f64,
}

#[derive(Args, Debug)]
pub struct InspectArgs {
    /// The article id.
    pub id: String,
    #[command(flatten)]
    pub stage: StageArgs,
}

/// A duration in seconds: finite and not negative.
fn seconds(text: &str) -> std::result::Result<f64, String> {
    match text.parse::<f64>() {
        Ok(secs) if secs.is_finite() && secs >= 0.0 => Ok(secs),
        _ => Err(format!("`{text}` is not a number of seconds ≥ 0 (0 turns the limit off)")),
    }
}

/// Sets `value[section][key] = v`, creating the section.
fn set(value: &mut Value, section: &str, key: &str, v: Value) {
    if let Value::Object(root) = value {
        let sec = root.entry(section.to_string()).or_insert_with(|| json!({}));
        if let Value::Object(map) = sec {
            map.insert(key.to_string(), v);
        }
    }
}

/// Builds the stage configs: defaults, then `--config`, then flags.
///
/// Flags are applied through the serde form of the configs, so the CLI stays
/// glue and each stage crate owns its option names and validation.
pub fn pipeline_config(common: &CommonArgs, stage: &StageArgs) -> Result<PipelineConfig> {
    let base: PipelineConfig = match &common.config {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("cannot read config {}", path.display()))?;
            toml::from_str(&text).with_context(|| format!("{}: invalid warta config", path.display()))?
        }
        None => PipelineConfig::default(),
    };
    let mut value = serde_json::to_value(&base)?;
    if let Some(secs) = common.article_timeout {
        set(&mut value, "limits", "article_timeout_secs", json!(secs));
    }
    if let Some(lang) = &common.lang {
        set(&mut value, "ingest", "default_lang", json!(lang));
    }
    if !stage.fields.is_empty() {
        let mut map = value["ingest"]["fields"].as_object().cloned().unwrap_or_default();
        for f in &stage.fields {
            let (warta, input) = f
                .split_once('=')
                .with_context(|| format!("--field `{f}`: expected WARTA=INPUT, e.g. text=body"))?;
            map.insert(warta.trim().to_string(), json!(input.trim()));
        }
        set(&mut value, "ingest", "fields", Value::Object(map));
    }
    if let Some(fmt) = &stage.input_format {
        let parsed = enum_value::<warta_ingest::InputFormat>(fmt)
            .with_context(|| format!("--input-format `{fmt}`: unknown format"))?;
        set(&mut value, "ingest", "input_format", parsed);
    }
    if let Some(n) = stage.max_record_bytes {
        set(&mut value, "ingest", "max_record_bytes", json!(n));
    }
    if let Some(keep) = &stage.keep {
        let parsed = enum_value::<warta_dedup::KeepPolicy>(keep)
            .with_context(|| format!("--keep `{keep}`: expected first, longest or latest"))?;
        set(&mut value, "dedup", "keep", parsed);
    }
    serde_json::from_value(value).context("invalid option value (see `warta --help`)")
}

/// The serde form of an enum option given on the command line, accepting
/// `jsonl` whether the stage crate spells the variant `jsonl` or `Jsonl`.
fn enum_value<T: serde::de::DeserializeOwned + serde::Serialize>(s: &str) -> Option<Value> {
    let lower = s.trim().to_ascii_lowercase();
    [json!(lower), json!(capitalise(&lower))]
        .into_iter()
        .find_map(|v| serde_json::from_value::<T>(v).ok())
        .and_then(|t| serde_json::to_value(t).ok())
}

fn capitalise(s: &str) -> String {
    let lower = s.trim().to_ascii_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(c) => c.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}
