//! Measures HTML main-content extraction on the Zyte article-extraction
//! benchmark's dev half (`<shared data>/html/zyte-aeb`), with the benchmark's
//! own metric (4-token shingles of `\w+` tokens, macro P/R, F1 of the
//! means), and the speed in MB/s of HTML on one thread.
//!
//! ```text
//! cargo run --release -p warta-ingest --example eval_extract -- ../shared/data [--json out.json]
//! # with the other candidate crates measured side by side:
//! cargo run --release -p warta-ingest --features compare-extractors --example eval_extract -- ../shared/data
//! ```
//! Exits 0 with a note when the data directory is absent.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use warta_ingest::html::{Extractor, ReadabilityExtractor};

struct Page {
    id: String,
    url: String,
    gold: String,
    html: String,
}

fn load(data: &Path) -> Result<Vec<Page>, String> {
    let root = data.join("html/zyte-aeb");
    let index = std::fs::read_to_string(root.join("dev.jsonl")).map_err(|e| format!("{}: {e}", root.display()))?;
    let mut pages = Vec::new();
    for line in index.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        let file = root.join(v["file"].as_str().unwrap_or_default());
        let raw = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let mut html = String::new();
        flate2::read::GzDecoder::new(&raw[..]).read_to_string(&mut html).map_err(|e| format!("{}: {e}", file.display()))?;
        pages.push(Page {
            id: v["id"].as_str().unwrap_or_default().to_string(),
            url: v["url"].as_str().unwrap_or_default().to_string(),
            gold: v["gold_text"].as_str().unwrap_or_default().to_string(),
            html,
        });
    }
    Ok(pages)
}

/// `\w+` tokens as Python's `re` defines `\w` for str patterns: letters
/// and numbers of any script, and the underscore.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn shingles<'a>(toks: &'a [&'a str]) -> HashMap<&'a [&'a str], i64> {
    let mut out = HashMap::new();
    if toks.is_empty() {
        return out;
    }
    if toks.len() < 4 {
        out.insert(toks, 1);
        return out;
    }
    for w in toks.windows(4) {
        *out.entry(w).or_insert(0) += 1;
    }
    out
}

#[derive(Default, Clone, Copy, serde::Serialize)]
struct Scores {
    precision: f64,
    recall: f64,
    f1: f64,
    accuracy: f64,
}

fn score(gold: &[&str], predicted: &[String]) -> Scores {
    let (mut p_sum, mut p_n, mut r_sum, mut r_n, mut exact) = (0.0, 0usize, 0.0, 0usize, 0usize);
    for (g, p) in gold.iter().zip(predicted) {
        let (gt, pt) = (tokens(g), tokens(p));
        exact += usize::from(gt == pt);
        let (gs, ps) = (shingles(&gt), shingles(&pt));
        let (mut tp, mut fp, mut fn_) = (0i64, 0i64, 0i64);
        for (k, &pc) in &ps {
            let gc = gs.get(k).copied().unwrap_or(0);
            tp += pc.min(gc);
            fp += (pc - gc).max(0);
        }
        for (k, &gc) in &gs {
            fn_ += (gc - ps.get(k).copied().unwrap_or(0)).max(0);
        }
        let (page_p, page_r) = if fp == 0 && fn_ == 0 {
            (1.0, 1.0)
        } else {
            let p = if tp + fp == 0 { 0.0 } else { tp as f64 / (tp + fp) as f64 };
            let r = if tp + fn_ == 0 { 0.0 } else { tp as f64 / (tp + fn_) as f64 };
            (p, r)
        };
        if tp + fp > 0 {
            p_sum += page_p;
            p_n += 1;
        }
        if tp + fn_ > 0 {
            r_sum += page_r;
            r_n += 1;
        }
    }
    let precision = if p_n == 0 { 0.0 } else { p_sum / p_n as f64 };
    let recall = if r_n == 0 { 0.0 } else { r_sum / r_n as f64 };
    let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
    Scores { precision, recall, f1, accuracy: exact as f64 / gold.len().max(1) as f64 }
}


#[derive(serde::Serialize)]
struct Row {
    name: String,
    scores: Scores,
    /// MB of HTML per second of wall time (extraction calls only).
    mb_per_s: f64,
    /// MB of HTML per second of this thread's CPU time (whole pass).
    mb_per_cpu_s: f64,
    /// Published dev-90 F1 of the same extractor, when there is one.
    published_dev_f1: Option<f64>,
}

type ExtractFn<'a> = Box<dyn Fn(&str, &str) -> String + 'a>;

/// Runs `f` over every page `runs` times; scores the first run, times the
/// extraction calls only, reports the median MB/s.
fn measure(name: &str, published: Option<f64>, pages: &[Page], runs: usize, f: ExtractFn<'_>) -> Row {
    let bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    let mut speeds = Vec::new();
    let mut cpu_speeds = Vec::new();
    let mut first = Vec::new();
    for run in 0..runs {
        let mut seconds = 0.0;
        let cpu0 = warta_core::cpu::thread_seconds();
        let mut out = Vec::with_capacity(pages.len());
        for page in pages {
            let t = Instant::now();
            let text = f(&page.html, &page.url);
            seconds += t.elapsed().as_secs_f64();
            out.push(text);
        }
        speeds.push(bytes as f64 / 1e6 / seconds);
        cpu_speeds.push(bytes as f64 / 1e6 / (warta_core::cpu::thread_seconds() - cpu0).max(0.01));
        if run == 0 {
            first = out;
        }
    }
    speeds.sort_by(f64::total_cmp);
    cpu_speeds.sort_by(f64::total_cmp);
    let gold: Vec<&str> = pages.iter().map(|p| p.gold.as_str()).collect();
    Row { name: name.to_string(), scores: score(&gold, &first), mb_per_s: speeds[speeds.len() / 2], mb_per_cpu_s: cpu_speeds[cpu_speeds.len() / 2], published_dev_f1: published }
}

#[derive(Default, serde::Serialize)]
struct MetadataReport {
    titles: usize,
    with_h1: usize,
    title_matches_h1: usize,
    dates: usize,
    iso_dates: usize,
}

/// The text of the page's first `<h1>`, tags stripped, entities left.
/// Written apart from the library's own `first_h1` on purpose: the title
/// check must not share code with the extractor it checks.
fn first_h1(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let start = lower.find("<h1")?;
    let open_end = start + lower[start..].find('>')? + 1;
    let close = open_end + lower[open_end..].find("</h1")?;
    let mut text = String::new();
    let mut in_tag = false;
    for c in html[open_end..close].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    Some(text).filter(|t| !t.trim().is_empty())
}

/// Words of a title, lower-case, for a comparison blind to spacing and punctuation.
fn title_words(title: &str) -> Vec<String> {
    title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

fn metadata_report(extractor: &ReadabilityExtractor, pages: &[Page]) -> MetadataReport {
    let mut report = MetadataReport::default();
    for page in pages {
        let Some(found) = extractor.extract(&page.html, Some(&page.url)) else { continue };
        if let Some(title) = &found.title {
            report.titles += 1;
            if let Some(h1) = first_h1(&page.html) {
                report.with_h1 += 1;
                report.title_matches_h1 += usize::from(title_words(title) == title_words(&h1));
            }
        }
        if let Some(date) = &found.date {
            report.dates += 1;
            let b = date.as_bytes();
            let iso = b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[7] == b'-';
            report.iso_dates += usize::from(iso);
        }
    }
    report
}

pub fn main() {
    let mut args = std::env::args().skip(1);
    let mut data: Option<PathBuf> = None;
    let mut json: Option<PathBuf> = None;
    let mut runs = 3;
    let mut dump: Option<PathBuf> = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => json = args.next().map(PathBuf::from),
            "--dump" => dump = args.next().map(PathBuf::from),
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(3),
            _ => data = Some(PathBuf::from(a)),
        }
    }
    let data = data.unwrap_or_else(|| PathBuf::from("../shared/data"));
    let pages = match load(&data) {
        Ok(p) => p,
        Err(e) => {
            println!("extraction eval skipped: benchmark data not found ({e})");
            return;
        }
    };
    let mb: f64 = pages.iter().map(|p| p.html.len()).sum::<usize>() as f64 / 1e6;
    println!("Zyte article-extraction benchmark, dev half: {} pages, {mb:.1} MB of HTML; {runs} timed runs, one thread", pages.len());

    let mut rows = Vec::new();
    let ours = ReadabilityExtractor::default();
    let metadata = metadata_report(&ours, &pages);
    if let Some(dir) = &dump {
        // Per-page output, gold and page scores, for error analysis.
        let _ = std::fs::create_dir_all(dir);
        for p in &pages {
            let got = ours.extract(&p.html, Some(&p.url)).map(|e| e.text).unwrap_or_default();
            let s = score(&[p.gold.as_str()], std::slice::from_ref(&got));
            let name = format!("{:.3}-{:.3}-{}", s.precision, s.recall, &p.id[..8]);
            let _ = std::fs::write(dir.join(format!("{name}.got.txt")), &got);
            let _ = std::fs::write(dir.join(format!("{name}.gold.txt")), &p.gold);
            let found = ours.extract(&p.html, Some(&p.url)).unwrap_or_default();
            let meta = format!("title: {:?}\nh1: {:?}\ndate: {:?}\n", found.title, first_h1(&p.html), found.date);
            let _ = std::fs::write(dir.join(format!("{name}.meta.txt")), meta);
        }
    }
    rows.push(measure(
        &format!("warta default: {} + pre-clean", ours.name()),
        None,
        &pages,
        runs,
        Box::new(|html, url| ours.extract(html, Some(url)).map(|e| e.text).unwrap_or_default()),
    ));
    let plain = ReadabilityExtractor { pre_clean: false, ..Default::default() };
    rows.push(measure(
        "dom_smoothie after the byte prescan, no DOM pre-clean",
        Some(0.859),
        &pages,
        runs,
        Box::new(|html, url| plain.extract(html, Some(url)).map(|e| e.text).unwrap_or_default()),
    ));
    #[cfg(feature = "compare-extractors")]
    {
        rows.push(measure(
            "rs-trafilatura 0.2 (defaults, url)",
            Some(0.960),
            &pages,
            runs,
            Box::new(|html, url| {
                let opts = rs_trafilatura::Options { url: Some(url.to_string()), ..Default::default() };
                rs_trafilatura::extract_with_options(html, &opts).map(|r| r.content_text).unwrap_or_default()
            }),
        ));
        rows.push(measure(
            "trafilatura 0.6 (trafilatura-rs, defaults, url)",
            None,
            &pages,
            runs,
            Box::new(|html, url| {
                let mut opts = trafilatura::Options::default();
                if let Ok(u) = url::Url::parse(url) {
                    opts = opts.with_url(u);
                }
                trafilatura::extract(html, &opts).map(|r| r.content_text).unwrap_or_default()
            }),
        ));
    }
    #[cfg(not(feature = "compare-extractors"))]
    println!("(build with --features compare-extractors to measure rs-trafilatura and trafilatura beside it)");

    println!();
    println!("| extractor | F1 | P | R | acc | MB/s of HTML (wall) | MB/s (CPU) | published dev-90 F1 |");
    println!("|---|---|---|---|---|---|---|---|");
    for r in &rows {
        println!(
            "| {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.1} | {:.1} | {} |",
            r.name,
            r.scores.f1,
            r.scores.precision,
            r.scores.recall,
            r.scores.accuracy,
            r.mb_per_s,
            r.mb_per_cpu_s,
            r.published_dev_f1.map(|f| format!("{f:.3}")).unwrap_or_else(|| "–".into())
        );
    }
    println!();
    println!("Published anchors (full 181 pages): rs-trafilatura 0.970, trafilatura (Python) 0.958, Readability.js 0.947, dom_smoothie 0.865 (HTML rendered by html2text).");
    println!("Measured in shared/data/html/README.md on this machine: trafilatura (Python) 0.951 at 15 MB/s; resiliparse 0.895 at 210 MB/s. Target: F1 >= 0.97 at >= 100 MB/s.");
    println!();
    println!("Title and date (the benchmark has no gold for them; agreement with the page's own <h1> is a proxy):");
    println!(
        "  title found {}/{n}; equal to the first <h1> {}/{} pages that have one; date found {}/{n}, ISO 8601 {}/{}",
        metadata.titles, metadata.title_matches_h1, metadata.with_h1, metadata.dates, metadata.iso_dates, metadata.dates,
        n = pages.len()
    );
    if let Some(path) = json {
        let out = serde_json::json!({ "pages": pages.len(), "mb": mb, "runs": runs, "extractors": rows, "metadata": metadata });
        if let Err(e) = std::fs::write(&path, serde_json::to_string_pretty(&out).unwrap_or_default()) {
            eprintln!("cannot write {}: {e}", path.display());
        }
    }
}
