//! Trains the NER model from the train splits in `shared/data/ner/` and the
//! unlabelled news in `shared/data/news/` (word clusters), and writes it.
//!
//! cargo run --release -p warta-tag --example train -- <shared/data> <out.bin.zst> [--epochs N] [--no-nerp] [--max-features N]

#[path = "common/mod.rs"]
mod common;

use std::path::PathBuf;
use std::time::Instant;

use warta_tag::eval::Counts;
use warta_tag::gazetteer::Gazetteer;
use warta_tag::model::{Clusters, ModelFile};
use warta_tag::train::{train, Sentence, TrainOptions};
use warta_tag::{TagConfig, Tagger};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut pos = Vec::new();
    let mut opts = TrainOptions::default();
    let mut use_nerp = true;
    let mut k = 0;
    while k < args.len() {
        match args[k].as_str() {
            "--epochs" => {
                opts.epochs = args[k + 1].parse().expect("--epochs N");
                k += 1;
            }
            "--max-features" => {
                opts.max_features = args[k + 1].parse().expect("--max-features N");
                k += 1;
            }
            "--no-nerp" => use_nerp = false,
            a => pos.push(a.to_string()),
        }
        k += 1;
    }
    if pos.len() != 2 {
        eprintln!("usage: train <shared/data dir> <out model path> [--epochs N] [--no-nerp] [--max-features N]");
        std::process::exit(2);
    }
    let data = PathBuf::from(&pos[0]);
    let out = PathBuf::from(&pos[1]);
    let ner = data.join("ner");
    if !ner.is_dir() {
        eprintln!("{} is absent: nothing to train on", ner.display());
        std::process::exit(1);
    }
    let t0 = Instant::now();
    let (cluster_words, cluster_ids) = (Vec::new(), Vec::new());
    let clusters = Clusters::new(&cluster_words, &cluster_ids);
    let gazetteer = Gazetteer::embedded();

    let mut langs = Vec::new();
    for lang in ["id", "en"] {
        let mut train_set: Vec<Sentence> = Vec::new();
        let mut devs = Vec::new();
        for &(name, l, has_org) in common::SETS {
            if l != lang || (name == "nerp" && !use_nerp) {
                continue;
            }
            let tr = common::load(&ner.join(format!("{name}-train.jsonl")), has_org).expect("train split readable");
            eprintln!("{name}-train: {} sentences", tr.len());
            train_set.extend(tr);
            let dv = common::load(&ner.join(format!("{name}-dev.jsonl")), has_org).expect("dev split readable");
            devs.push((name, has_org, dv));
        }
        let mut log = |s: &str| eprintln!("{s}");
        let mut dev_eval = |epoch: usize, w: &warta_tag::model::LangWeightsFile| {
            let file = ModelFile::new(vec![w.clone()], cluster_words.clone(), cluster_ids.clone(), String::new());
            let tagger = Tagger::from_model(TagConfig::default(), &file);
            let mut line = format!("  epoch {epoch} dev F1:");
            for (name, has_org, dv) in &devs {
                let mut c = Counts::default();
                for s in dv {
                    let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
                    let pred = tagger.tag_words(&words, lang);
                    c.add(&s.tags, &pred, &[true, *has_org, true]);
                }
                line.push_str(&format!(" {name} {:.1}", Counts::prf(c.overall()).2));
            }
            eprintln!("{line}");
        };
        langs.push(train(lang, &train_set, &gazetteer, &clusters, &opts, &mut log, &mut dev_eval));
    }
    let notes = format!(
        "warta-tag NER model; epochs {}, max features {}, NERP {}; trained in {:.0} s",
        opts.epochs,
        opts.max_features,
        if use_nerp { "with ORG masked (partial labels)" } else { "not used" },
        t0.elapsed().as_secs_f64()
    );
    let file = ModelFile::new(langs, cluster_words, cluster_ids, notes);
    let bytes = file.to_bytes();
    std::fs::write(&out, &bytes).expect("model written");
    eprintln!("wrote {} ({} bytes) in {:.1} s", out.display(), bytes.len(), t0.elapsed().as_secs_f64());
}
