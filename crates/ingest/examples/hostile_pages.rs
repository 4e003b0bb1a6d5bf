//! Extraction time on generated hostile page shapes at two sizes, to show
//! that the cost grows linearly (the time ratio stays near the size ratio).
//!
//! ```text
//! cargo run --release -p warta-ingest --example hostile_pages
//! ```

use std::time::Instant;

use warta_ingest::html::{Extractor, ReadabilityExtractor};

fn shapes(n: usize) -> Vec<(&'static str, String)> {
    let article = "<p>Warga diminta tidak membuang sampah ke sungai dan segera melapor jika melihat genangan.</p>".repeat(8);
    let wrap = |s: String| format!("<html><body>{s}<article>{article}</article></body></html>");
    vec![
        ("nested divs", wrap(format!("{}kata{}", "<div><span>".repeat(n), "</span></div>".repeat(n)))),
        ("unclosed formatting around paragraphs", wrap((0..n).map(|i| format!("<b class=c{i}><p>kata {i}")).collect())),
        ("nested tables", wrap("<table><tr><td>".repeat(n))),
        ("misnested inline", wrap("<a href=/x><p><i>teks</a></i>".repeat(n))),
        ("one tag, many attributes", wrap(format!("<div{}>x</div>", (0..n).map(|i| format!(" a{i}=\"{i}\"")).collect::<String>()))),
        ("nested menus, never closed", wrap("<nav><p>menu".repeat(n))),
    ]
}

fn main() {
    let extractor = ReadabilityExtractor::default();
    println!("| shape | n | MB | seconds | n×2 seconds | time ratio |");
    println!("|---|---|---|---|---|---|");
    let n = 20_000;
    for ((name, small), (_, large)) in shapes(n).into_iter().zip(shapes(2 * n)) {
        let time = |page: &str| {
            let t = Instant::now();
            let _ = extractor.extract(page, None);
            t.elapsed().as_secs_f64()
        };
        let (a, b) = (time(&small), time(&large));
        println!("| {name} | {n} | {:.2} | {a:.3} | {b:.3} | {:.2} |", small.len() as f64 / 1e6, b / a.max(1e-9));
    }
}
