//! Prints, per token, the feature keys that push one BILOU tag over another
//! most (a debugging aid; the key's position in `features::extract`'s
//! order and its weight difference):
//! cargo run --release -p warta-tag --example explain -- model.bin en B-ORG B-PER "Google Inc."
use warta_tag::features::{self, FeatureScratch};
use warta_tag::gazetteer::Gazetteer;
use warta_tag::model::{Clusters, LangWeights, ModelFile, N_TAGS};

const BILOU: [&str; N_TAGS] = [
    "O", "B-PER", "I-PER", "L-PER", "U-PER", "B-ORG", "I-ORG", "L-ORG", "U-ORG", "B-LOC", "I-LOC",
    "L-LOC", "U-LOC",
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 5 {
        eprintln!("usage: explain MODEL LANG TAG_A TAG_B SENTENCE...");
        return;
    }
    let file = ModelFile::from_bytes(&std::fs::read(&args[0]).expect("model readable"))
        .expect("model valid");
    let lang = file
        .langs
        .iter()
        .find(|l| l.lang == args[1])
        .expect("language in model");
    let weights = LangWeights::from_file(lang);
    let clusters = Clusters::new(&file.cluster_words, &file.cluster_ids);
    let tag = |name: &str| BILOU.iter().position(|t| *t == name).expect("BILOU tag");
    let (a, b) = (tag(&args[2]), tag(&args[3]));
    let gazetteer = Gazetteer::embedded();
    let mut scratch = FeatureScratch::default();
    for s in &args[4..] {
        let toks = warta_tag::tokenize::tokenize(s, &[]);
        let words: Vec<&str> = toks.iter().map(|x| x.slice(s)).collect();
        features::extract(&words, &gazetteer, &clusters, &mut scratch);
        for (i, w) in words.iter().enumerate() {
            let keys = &scratch.keys[scratch.offsets[i]..scratch.offsets[i + 1]];
            let mut total = [0i32; N_TAGS];
            weights.emissions(keys, &mut total);
            let mut rows: Vec<(usize, i32)> = keys
                .iter()
                .enumerate()
                .map(|(j, &k)| {
                    let mut e = [0i32; N_TAGS];
                    weights.emissions(&[k], &mut e);
                    (j, e[a] - e[b])
                })
                .filter(|r| r.1 != 0)
                .collect();
            rows.sort_by_key(|r| -r.1.abs());
            println!(
                "{w}: {} - {} = {}; top: {:?}",
                BILOU[a],
                BILOU[b],
                total[a] - total[b],
                &rows[..rows.len().min(14)]
            );
        }
    }
}
