//! Time to load the embedded tagger (`Tagger::embedded`): the start-up
//! cost of every `warta tag` run, shard process and test that builds one.
//!
//! cargo run --release -p warta-tag --example load_time [-- N]
//!
//! Loads the tagger `N` times (default 1) in this process and prints each
//! load's wall time; the first load also builds what is kept per process
//! (gazetteer automata, word classes). `--split`: times the two halves of
//! a load apart (the model file's decoding, `ModelFile::from_bytes`, and
//! the tagger's tables, `Tagger::from_model`). Under callgrind
//! (`valgrind --tool=callgrind --callgrind-out-file=F target/release/examples/load_time`)
//! it gives the instruction split of one load.

use std::time::Instant;

use warta_tag::model::ModelFile;
use warta_tag::{TagConfig, Tagger, EMBEDDED_MODEL};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let split = args.iter().any(|a| a == "--split");
    let n: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(1);
    for k in 0..n {
        let t = Instant::now();
        if split {
            let file = ModelFile::from_bytes(EMBEDDED_MODEL).expect("the embedded model");
            let decoded = t.elapsed();
            let tagger = std::hint::black_box(Tagger::from_model(TagConfig::default(), &file));
            let dt = t.elapsed();
            println!(
                "load {k}: {:.1} ms (decode {:.1} ms, tables {:.1} ms)",
                dt.as_secs_f64() * 1e3,
                decoded.as_secs_f64() * 1e3,
                (dt - decoded).as_secs_f64() * 1e3
            );
            drop(tagger);
        } else {
            let tagger = std::hint::black_box(Tagger::embedded(TagConfig::default()));
            let dt = t.elapsed();
            println!("load {k}: {:.1} ms", dt.as_secs_f64() * 1e3);
            drop(tagger);
        }
    }
}
