//! Prints the BIO tags of sentences given on the command line (a debugging aid):
//! cargo run --release -p warta-tag --example tag_words -- id "Presiden Rusia Vladimir Putin tiba."
//! (`WARTA_TAG_MODEL=path` tags with another model file.)
use warta_tag::model::TAG_NAMES;
use warta_tag::{TagConfig, Tagger};
fn main() {
    let t = match std::env::var_os("WARTA_TAG_MODEL") {
        Some(p) => Tagger::from_bytes(
            TagConfig::default(),
            &std::fs::read(p).expect("model readable"),
        )
        .expect("model valid"),
        None => Tagger::embedded(TagConfig::default()),
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let lang = &args[0];
    for s in &args[1..] {
        let toks = warta_tag::tokenize::tokenize(s, &[]);
        let words: Vec<&str> = toks.iter().map(|x| x.slice(s)).collect();
        let tags = t.tag_words(&words, lang);
        println!(
            "{}",
            words
                .iter()
                .zip(tags)
                .map(|(w, t)| format!("{w}/{}", TAG_NAMES[t]))
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
}
