//! The whole pipeline on one thread, in-process and with the system
//! allocator, for instruction-level profiles of `warta run`: a profile of
//! this run splits the instructions between the stages, the engine and the
//! sink, without the CLI's argument handling and its allocator's own work.
//!
//! ```text
//! cargo build --release -p warta-pipeline --example profile_run
//! valgrind --tool=callgrind target/release/examples/profile_run INPUT OUT_DIR
//! ```
use std::path::PathBuf;
use std::process::ExitCode;

use warta_pipeline::{PipelineConfig, RunOptions};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out] = args.as_slice() else {
        eprintln!("usage: profile_run INPUT OUT_DIR");
        return ExitCode::from(2);
    };
    let opts = RunOptions { inputs: vec![PathBuf::from(input)], out_dir: PathBuf::from(out), threads: 1, ..Default::default() };
    match warta_pipeline::run(&PipelineConfig::default(), &opts) {
        Ok(outcome) => {
            let s = &outcome.stats;
            println!("{} records: {} articles, {} duplicates, {} rejects", s.records_in, s.articles, s.duplicates, s.rejects);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("profile_run: {e}");
            ExitCode::FAILURE
        }
    }
}
