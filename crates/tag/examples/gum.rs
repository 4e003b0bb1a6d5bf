//! GUM's train documents as UNER-style entities (session 20): counts per
//! genre and label, and sentences with their names bracketed, to read the
//! conversion by eye.
//!
//! cargo run --release -p warta-tag --example gum -- <UD_English-GUM checkout> [--genres a,b,..] [--show N]

use warta_tag::gum;
use warta_tag::model::{tag_label, TAG_NAMES};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: gum <UD_English-GUM checkout> [--genres a,b,..] [--show N]");
        std::process::exit(2);
    };
    let mut genres: Vec<String> = gum::OPEN_GENRES.iter().map(|g| g.to_string()).collect();
    let mut show = 50usize;
    let mut it = args[1..].iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--genres" => genres = it.next().expect("--genres a,b").split(',').map(String::from).collect(),
            "--show" => show = it.next().and_then(|s| s.parse().ok()).expect("--show N"),
            _ => panic!("unknown option {a}"),
        }
    }
    let g: Vec<&str> = genres.iter().map(String::as_str).collect();
    let sents = gum::read_train(std::path::Path::new(dir), &g).expect("GUM readable");
    let unsure = sents.iter().filter(|s| !s.unsure.is_empty()).count();
    println!("{unsure} of {} sentences have a proper noun outside every name", sents.len());
    let mut per_genre: std::collections::BTreeMap<String, [usize; 5]> = Default::default();
    for s in &sents {
        let c = per_genre.entry(gum::genre(&s.doc).to_string()).or_default();
        c[0] += 1;
        c[1] += s.words.len();
        for &t in &s.tags {
            if t % 2 == 1 {
                c[2 + tag_label(t).unwrap_or(0)] += 1;
            }
        }
    }
    let mut total = [0usize; 5];
    println!("genre\tsentences\ttokens\tPER\tORG\tLOC");
    for (g, c) in &per_genre {
        println!("{g}\t{}\t{}\t{}\t{}\t{}", c[0], c[1], c[2], c[3], c[4]);
        for i in 0..5 {
            total[i] += c[i];
        }
    }
    println!("all\t{}\t{}\t{}\t{}\t{}", total[0], total[1], total[2], total[3], total[4]);
    // Every k-th sentence with a name, bracketed.
    let with: Vec<_> = sents.iter().filter(|s| s.tags.iter().any(|&t| t != 0)).collect();
    let step = (with.len() / show.max(1)).max(1);
    for s in with.iter().step_by(step).take(show) {
        let mut line = String::new();
        for (i, w) in s.words.iter().enumerate() {
            let t = TAG_NAMES[s.tags[i]];
            if t.starts_with("B-") {
                line.push('[');
            }
            line.push_str(w);
            let closes = t != "O" && s.tags.get(i + 1).is_none_or(|&n| !TAG_NAMES[n].starts_with("I-"));
            if closes {
                line.push_str(&format!("]{}", &t[2..]));
            }
            line.push(' ');
        }
        println!("{}: {}", s.doc, line.trim_end());
    }
}
