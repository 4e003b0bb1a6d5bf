//! Shows which words of a text the learned repair's predicate cue reads as
//! predicates (in brackets): `echo "… text …" | cargo run --release -p
//! warta-segment --example predicate_words [-- en]` (default Indonesian).

use std::io::Read;

fn main() {
    let lang = std::env::args().nth(1).unwrap_or_else(|| "id".into());
    let mut text = String::new();
    if std::io::stdin().read_to_string(&mut text).is_err() {
        eprintln!("predicate_words: stdin is not UTF-8 text");
        return;
    }
    let marked: Vec<String> = text
        .split_whitespace()
        .map(|w| if warta_segment::is_predicate_word(w, &lang) { format!("[{w}]") } else { w.to_string() })
        .collect();
    println!("{}", marked.join(" "));
}
