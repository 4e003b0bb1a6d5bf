//! `warta`: clap parsing and glue. All work happens in `warta-pipeline` and
//! the stage crates; this file only turns flags into their configs, prints
//! the summary and maps errors to exit codes (0 ok, 1 failed run, 2 usage).

mod args;
mod report;

use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};
use clap::Parser;
use warta_pipeline::{PipelineConfig, RunOptions, StageInput, StageKind, StageOptions, StreamFormat};

use args::{Cli, Command, CommonArgs, StageArgs};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's defaults keep freed memory for a second and commit whole
/// arenas: a 16 MB record read and dropped stays resident, which doubled
/// the peak of the huge-line test. Return memory at once and commit on
/// demand: peak below glibc's, and the speed gain kept.
#[allow(unsafe_code)]
fn configure_allocator() {
    // mimalloc's `mi_option_e` indices (the same in its v2 and v3 headers;
    // the -sys crate names only some of them).
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: `mi_option_set` stores an integer in mimalloc's option table;
    // it is called before any thread is started.
    unsafe {
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 0);
    }
}

fn main() -> ExitCode {
    configure_allocator();
    warta_core::contain::install_hook();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help/version to stdout with exit 0, usage errors with 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match dispatch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("warta: error: {}", one_line(&e));
            ExitCode::from(1)
        }
    }
}

/// The error and its causes on one line, each cause once: an I/O error is
/// often both in a message and its source, and users should read it once.
fn one_line(e: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

/// Standard output that names itself in its errors ("standard output: No
/// space left on device"), keeping the error kind for broken-pipe handling.
struct Stdout(std::io::Stdout);

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf).map_err(name_stdout)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush().map_err(name_stdout)
    }
}

fn name_stdout(e: std::io::Error) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("standard output: {e}"))
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause.downcast_ref::<warta_core::Error>().is_some_and(|w| w.is_broken_pipe())
            || cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn dispatch(cli: Cli) -> Result<()> {
    let common = cli.common;
    match cli.command {
        Command::Run(run) => {
            let cfg = args::pipeline_config(&common, &run.stage)?;
            let inputs = if run.stage.inputs.is_empty() { vec![default_corpus()?] } else { run.stage.inputs.clone() };
            let opts = RunOptions {
                inputs,
                out_dir: run.out.clone(),
                threads: common.threads,
                batch_size: common.batch_size,
                index: run.stage.index.clone(),
                emit_tokens: run.emit_tokens,
                quiet: common.quiet,
                shard: run.shard,
                inspect: None,
                tag_model: tag_model(&run.stage)?,
                resume: run.resume,
                checkpoint_secs: Some(run.checkpoint_secs),
            };
            let outcome = warta_pipeline::run(&cfg, &opts)?;
            write_stats(run.stage.stats.as_deref(), &outcome.stats)?;
            if !common.quiet {
                eprint!("{}", report::summary(&outcome.stats, &opts.out_dir));
            }
            Ok(())
        }
        Command::Inspect(inspect) => {
            let cfg = args::pipeline_config(&common, &inspect.stage)?;
            let scratch = std::env::temp_dir().join(format!("warta-inspect-{}", std::process::id()));
            let opts = RunOptions {
                inputs: inspect.stage.inputs.clone(),
                out_dir: scratch.clone(),
                threads: common.threads,
                batch_size: common.batch_size,
                inspect: Some(inspect.id.clone()),
                tag_model: tag_model(&inspect.stage)?,
                checkpoint_secs: None,
                ..RunOptions::default()
            };
            let outcome = warta_pipeline::run(&cfg, &opts);
            let _ = std::fs::remove_dir_all(&scratch);
            let outcome = outcome?;
            if outcome.snapshots.is_empty() {
                anyhow::bail!("no article with id `{}` in the input (it may have been rejected at ingestion)", inspect.id);
            }
            let mut out = std::io::stdout().lock();
            out.write_all(report::inspect(&outcome.snapshots).as_bytes())?;
            Ok(())
        }
        Command::Merge(merge) => {
            // The shards carry their configuration; `--config` is only checked.
            let expect_dedup = match &common.config {
                Some(_) => Some(args::pipeline_config(&common, &StageArgs::default())?.dedup),
                None => None,
            };
            let opts = warta_pipeline::MergeOptions {
                shards: merge.shards.clone(),
                out_dir: merge.out.clone(),
                base_index: merge.index.clone(),
                expect_dedup,
            };
            let outcome = warta_pipeline::merge_shards(&opts)?;
            if !common.quiet {
                eprint!("{}", report::merge_summary(&outcome, &opts.out_dir));
            }
            Ok(())
        }
        Command::Ingest(stage) => {
            if stage.inputs.is_empty() {
                anyhow::bail!("`warta ingest` needs at least one INPUT (a file, a directory or - for stdin)");
            }
            let input = if stage.inputs.len() == 1 && stage.inputs[0] == Path::new("-") {
                stdin_input(&common)
            } else {
                StageInput::Files(stage.inputs.clone())
            };
            single_stage(StageKind::Ingest, &common, &stage, input)
        }
        Command::Normalize(stage) => single_stream_stage(StageKind::Normalize, &common, &stage),
        Command::Segment(stage) => single_stream_stage(StageKind::Segment, &common, &stage),
        Command::Dedup(stage) => single_stream_stage(StageKind::Dedup, &common, &stage),
        Command::Tag(stage) => single_stream_stage(StageKind::Tag, &common, &stage),
    }
}

fn stdin_input(common: &CommonArgs) -> StageInput {
    StageInput::Stream {
        name: "-".into(),
        reader: Box::new(BufReader::with_capacity(1 << 20, std::io::stdin())),
        format: common.format.into(),
    }
}

fn single_stream_stage(kind: StageKind, common: &CommonArgs, stage: &StageArgs) -> Result<()> {
    let input = match stage.inputs.as_slice() {
        [] => stdin_input(common),
        [one] if one == Path::new("-") => stdin_input(common),
        [one] => {
            let file = std::fs::File::open(one).with_context(|| format!("cannot open {}", one.display()))?;
            StageInput::Stream {
                name: one.display().to_string(),
                reader: Box::new(BufReader::with_capacity(1 << 20, file)),
                format: common.format.into(),
            }
        }
        _ => anyhow::bail!("`warta {}` reads one stream: a file or - for stdin", kind.name()),
    };
    single_stage(kind, common, stage, input)
}

fn single_stage(kind: StageKind, common: &CommonArgs, stage: &StageArgs, input: StageInput) -> Result<()> {
    let cfg: PipelineConfig = args::pipeline_config(common, stage)?;
    let rejects: Box<dyn Write + Send> = match &stage.rejects {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(std::io::stderr()),
    };
    let out: Box<dyn Write + Send> = Box::new(std::io::BufWriter::with_capacity(1 << 20, Stdout(std::io::stdout())));
    let opts = StageOptions {
        threads: common.threads,
        batch_size: common.batch_size,
        output_format: common.format.into(),
        index: stage.index.clone(),
        quiet: common.quiet,
        tag_model: tag_model(stage)?,
    };
    let stats = warta_pipeline::run_stage(kind, &cfg, input, out, rejects, &opts)?;
    write_stats(stage.stats.as_deref(), &stats)
}

/// `--stats PATH`: the run's statistics as JSON, where asked for.
fn write_stats(path: Option<&Path>, stats: &warta_core::RunStats) -> Result<()> {
    let Some(path) = path else { return Ok(()) };
    let json = serde_json::to_string_pretty(stats)?;
    std::fs::write(path, json + "\n").with_context(|| format!("cannot write {}", path.display()))
}

fn tag_model(stage: &StageArgs) -> Result<Option<Arc<Vec<u8>>>> {
    match &stage.tag_model {
        None => Ok(None),
        Some(path) => {
            let bytes = std::fs::read(path)
                .with_context(|| format!("cannot read the tagger model {} (check the path, or omit --tag-model to use the built-in model)", path.display()))?;
            Ok(Some(Arc::new(bytes)))
        }
    }
}

/// The embedded default corpus: `corpus/` in the working directory, else the
/// one in the source tree this binary was built from.
fn default_corpus() -> Result<PathBuf> {
    let local = PathBuf::from("corpus");
    if local.is_dir() {
        return Ok(local);
    }
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    if built.is_dir() {
        return Ok(built);
    }
    anyhow::bail!("no INPUT given and no corpus/ directory here; run from the warta repository or name an input")
}

impl From<args::FormatArg> for StreamFormat {
    fn from(f: args::FormatArg) -> Self {
        match f {
            args::FormatArg::Jsonl => StreamFormat::Jsonl,
            args::FormatArg::Bincode => StreamFormat::Bincode,
        }
    }
}
