//! Time to load the embedded tagger (`Tagger::embedded`): the start-up
//! cost of every `warta tag` run, shard process and test that builds one.
//!
//! cargo run --release -p warta-tag --example load_time [-- N]
//!
//! Loads the tagger `N` times (default 1) in this process and prints each
//! load's wall time; the first load also builds what is kept per process
//! (gazetteer automata, word classes). Under callgrind
//! (`valgrind --tool=callgrind --callgrind-out-file=F target/release/examples/load_time`)
//! it gives the instruction split of one load.

use std::time::Instant;

use warta_tag::{TagConfig, Tagger};

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1);
    for k in 0..n {
        let t = Instant::now();
        let tagger = std::hint::black_box(Tagger::embedded(TagConfig::default()));
        let dt = t.elapsed();
        println!("load {k}: {:.1} ms", dt.as_secs_f64() * 1e3);
        drop(tagger);
    }
}
