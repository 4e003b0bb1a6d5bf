use warta_core::{Article, ArticleStage};
use warta_normalize::{NormalizeConfig, Normalizer};
fn main() {
    let n = Normalizer::new(NormalizeConfig::default());
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let whole = std::env::args().nth(2).is_some();
    let items: Vec<String> = if whole { vec![text.clone()] } else { text.lines().map(String::from).collect() };
    for line in items {
        let mut a = Article::new("p", line.clone());
        a.lang = Some("id".into());
        let _ = n.process(&mut a);
        println!("in  {line}\nout {}\n", a.text);
    }
}
