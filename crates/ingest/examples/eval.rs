//! `cargo xtask eval` entry point for warta-ingest: the HTML extraction
//! evaluation (see `eval_extract.rs`).
#[path = "eval_extract.rs"]
mod eval_extract;

fn main() {
    eval_extract::main();
}
