//! English stops inserted by code before a capitalised word (session 9):
//! before a name ("word. Name") and before a word the spinner capitalised
//! ("word. Word"), as `xtask eval noise` injects them (2-6 per document after
//! a lowercase word of 3+ letters that is not a function word), into UD EWT and
//! GUM train and dev and BBC News 2005; the stage's repair
//! (`find_spurious_stops`) is scored on them, with the real stops it removes
//! in the noisy and in the clean text.
//!
//! ```text
//! cargo run --release -p warta-segment --example inject_caps -- ../shared/data [--show N]
//! cargo run --release -p warta-segment --example inject_caps -- ../shared/data --speed
//! ```
//!
//! `--speed`: the repair alone (`find_spurious_stops`) on the clean BBC
//! articles, MB per second of wall time, median of 7 passes.
//!
//! BBC News is split by a hash of the article id: half 0 is where the
//! session-9 rules were read, half 1 is held out.

#[path = "common/mod.rs"]
mod common;

use std::io::BufRead;
use std::path::PathBuf;

use common::Rng;






#[derive(Default)]
struct Tally {
    docs: usize,
    inserted: [usize; 2],
    repaired: [usize; 2],
    real_removed: [usize; 2],
    clean_false: usize,
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let data = PathBuf::from(args.first().map(String::as_str).unwrap_or("../shared/data"));
    let show: usize = args.iter().position(|a| a == "--show").and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(0);
    let lang = args.iter().position(|a| a == "--lang").and_then(|i| args.get(i + 1)).map_or("en", String::as_str);
    let (sets, function_words): (Vec<(&str, &str)>, &[&str]) = if lang == "id" {
        (
            vec![
                ("IndoSum dev half 0", "news/indosum-dev.jsonl.gz"),
                ("IndoSum dev half 1", "news/indosum-dev.jsonl.gz"),
                ("UD id GSD train", "sbd/ud-id-gsd-train.jsonl"),
                ("UD id CSUI train", "sbd/ud-id-csui-train.jsonl"),
                ("UD id GSD dev", "sbd/ud-id-gsd-dev.jsonl"),
                ("id-rss (raw) half 0", "news/id-rss-2025-06.jsonl.gz"),
                ("id-rss (raw) half 1", "news/id-rss-2025-06.jsonl.gz"),
            ],
            common::NOISE_FUNCTION_WORDS_ID,
        )
    } else {
        (EN_SETS.to_vec(), common::NOISE_FUNCTION_WORDS_EN)
    };
    const EN_SETS: [(&str, &str); 6] = [
        ("UD en EWT train", "sbd/ud-en-ewt-train.jsonl"),
        ("UD en GUM train", "sbd/ud-en-gum-train.jsonl"),
        ("UD en EWT dev", "sbd/ud-en-ewt-dev.jsonl"),
        ("UD en GUM dev", "sbd/ud-en-gum-dev.jsonl"),
        ("BBC 2005 half 0", "news/bbc-news-2005.jsonl.gz"),
        ("BBC 2005 half 1", "news/bbc-news-2005.jsonl.gz"),
    ];
    let tsv = args.iter().any(|a| a == "--tsv");
    // Every repaired inserted stop with the next word's cohesion buckets
    // (START, MID, END, CAP_MID), as TSV (the lower case evidence).
    let lower_dump = args.iter().any(|a| a == "--lower");
    let tsv = tsv || lower_dump;
    let only: Option<&str> = args.iter().position(|a| a == "--only").and_then(|i| args.get(i + 1)).map(String::as_str);
    if args.iter().any(|a| a == "--speed") {
        return speed(&data, lang);
    }
    if !data.join("sbd").exists() {
        println!("{} has no sbd/: nothing to measure", data.display());
        return Ok(());
    }
    // English (session 14): `--folds` reads the counted texts (BBC half 0,
    // EWT train) with the table that leaves their own fold out, the others
    // with the whole table built here; `--no-table`: without the table.
    let folds = lang == "en" && args.iter().any(|a| a == "--folds");
    let no_table = args.iter().any(|a| a == "--no-table");
    let (fold_tables, whole) = if folds {
        let (counts, _) = common::en_cohesion_counts(&data)?;
        let tables: Vec<_> = (0..common::EN_COHESION_FOLDS).map(|k| common::en_cohesion_table(&counts, Some(k))).collect();
        (tables, Some(common::en_cohesion_table(&counts, None)))
    } else {
        (Vec::new(), None)
    };
    if !tsv { println!("{:<18} {:>5}  {:>22}  {:>22}  {:>11}", "set", "docs", "before a name: right/n (wrong)", "capitalised: right/n (wrong)", "clean false"); }
    for (name, file) in sets {
        if only.is_some_and(|o| !name.contains(o)) {
            continue;
        }
        let half = name.strip_suffix(" half 0").map(|_| 0).or(name.strip_suffix(" half 1").map(|_| 1));
        let path = data.join(file);
        if !path.exists() {
            continue;
        }
        let mut t = Tally::default();
        let mut seen = std::collections::HashSet::new();
        let mut shown = 0;
        for line in common::open(&path)?.lines() {
            let v: serde_json::Value = serde_json::from_str(&line?).unwrap_or_default();
            let text = v["text"].as_str().unwrap_or("");
            let id = v["id"].as_str().unwrap_or("");
            if text.is_empty() || !seen.insert(text.to_string()) || half.is_some_and(|h| (common::fnv(id) & 1) != h) {
                continue;
            }
            t.docs += 1;
            let counted = name == "BBC 2005 half 0" || name == "UD en EWT train";
            let table = if no_table {
                None
            } else if folds {
                Some(if counted { &fold_tables[common::en_cohesion_fold(id)] } else { whole.as_ref().expect("built with the folds") })
            } else {
                warta_segment::cohesion::english_table()
            };
            let find = |t: &str| warta_segment::find_spurious_stops_with_english_table(t, lang, table);
            let caps = |t: &str| warta_segment::capitalised_stops_with(t, lang, table);
            let clean = find(text);
            if tsv && !lower_dump {
                for c in caps(text) {
                    let fixed = clean.iter().any(|s| s.at == c.at);
                    tsv_row(name, "clean", text, &c, fixed);
                }
            }
            t.clean_false += clean.len();
            for s in &clean {
                if shown < show {
                    shown += 1;
                    println!("   CLEAN FALSE ({:?}) {}", s.kind, common::context(text, s.at, 60, 60));
                }
            }
            for (k, (variant, cased)) in [("name", false), ("cased", true)].into_iter().enumerate() {
                let mut rng = Rng(common::fnv(id) ^ common::fnv(variant) | 1);
                let (noisy, stops) = common::inject_capitalised_stops(text, &mut rng, cased, function_words);
                t.inserted[k] += stops.len();
                let found = find(&noisy);
                if tsv && !lower_dump {
                    for c in caps(&noisy) {
                        let fixed = found.iter().any(|s| s.at == c.at);
                        let label = if stops.binary_search(&c.at).is_ok() { variant } else { "real" };
                        tsv_row(name, label, &noisy, &c, fixed);
                    }
                }
                if lower_dump {
                    for s in found.iter().filter(|s| stops.binary_search(&s.at).is_ok()) {
                        let next = noisy[s.at + 1..].split_whitespace().next().unwrap_or("");
                        let (st, mid, end, cap_mid) = warta_segment::word_cohesion(next, lang);
                        let elsewhere = noisy.matches(&format!(" {}", next.trim_end_matches(|c: char| !c.is_alphanumeric()))).count();
                        println!("{name}\t{variant}\t{next}\t{st}\t{mid}\t{end}\t{cap_mid}\t{elsewhere}\t{:?}\t{}", s.kind, s.lowercase_next as u8);
                    }
                }
                for s in found {
                    if stops.binary_search(&s.at).is_ok() {
                        t.repaired[k] += 1;
                    } else {
                        t.real_removed[k] += 1;
                        if shown < show {
                            shown += 1;
                            println!("   WRONG ({variant}, {:?}) {}", s.kind, common::context(&noisy, s.at, 60, 60));
                        }
                    }
                }
            }
        }
        let cell = |k: usize| format!("{}/{} ({})", t.repaired[k], t.inserted[k], t.real_removed[k]);
        if !tsv {
            println!("{:<18} {:>5}  {:>22}  {:>22}  {:>11}", name, t.docs, cell(0), cell(1), t.clean_false);
        }
    }
    println!("(wrong: repairs in the noisy text that are no inserted stop, the clean text's own false repairs included)");
    Ok(())
}

/// One stop before a capitalised word as a TSV row (`--tsv`): set, label
/// (name, cased: inserted; real: a stop of the text; clean: in the clean
/// text), repaired, score, gated, predicates before / after, fragment
/// lengths, the next word capitalised / lowercase elsewhere, the writer's
/// end, the next word's START / MID / END buckets, inside a quotation, the
/// offset, the length of the fragment after, the next word's CAP_MID bucket
/// (session 13), the context, the fragment after the stop and the text
/// before it back to a stop, '?', '!' or line break (session 18).
fn tsv_row(set: &str, label: &str, text: &str, c: &warta_segment::CapitalisedStop, fixed: bool) {
    println!(
        "{set}\t{label}\t{}\t{:.2}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
        fixed as u8,
        c.score,
        c.gated as u8,
        c.verb_before as u8,
        c.verb_after as u8,
        c.words_before,
        c.words_after,
        c.next_capitalised_elsewhere as u8,
        c.next_lowercase_elsewhere as u8,
        c.writer_ends as u8,
        c.next_start,
        c.next_mid,
        c.next_end,
        c.in_quote as u8,
        c.at,
        c.fragment_after.len(),
        c.next_cap_mid,
        c.run_on.end,
        c.run_on.mid,
        c.run_on.pair,
        c.run_on.end2,
        c.run_on.pair2,
        c.run_on.next_start,
        c.run_on.next_mid,
        c.labelled as u8,
        c.run_on.next_cap_mid,
        c.pair_lower_elsewhere,
        c.pair_same_elsewhere,
        common::context(text, c.at, 70, 70).replace('\t', " "),
        c.fragment_after.replace(['\t', '\n'], " "),
        piece_before(text, c.at).replace('\t', " ")
    );
}

/// The text before the stop at `at` back to the last '.', '?', '!' or line
/// break before it (a rough fragment, for the dump).
fn piece_before(text: &str, at: usize) -> &str {
    let start = text[..at].rfind(['.', '?', '!', '\n']).map_or(0, |i| i + 1);
    text[start..at].trim_start()
}

fn speed(data: &std::path::Path, lang: &str) -> std::io::Result<()> {
    let path = data.join(if lang == "id" { "news/indosum-dev.jsonl.gz" } else { "news/bbc-news-2005.jsonl.gz" });
    if !path.exists() {
        println!("{} absent: nothing timed", path.display());
        return Ok(());
    }
    let mut texts = Vec::new();
    for line in common::open(&path)?.lines() {
        let v: serde_json::Value = serde_json::from_str(&line?).unwrap_or_default();
        texts.push(v["text"].as_str().unwrap_or("").to_string());
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut rates = Vec::new();
    let mut found = 0;
    for _ in 0..7 {
        let start = std::time::Instant::now();
        found = texts.iter().map(|t| warta_segment::find_spurious_stops(t, lang).len()).sum::<usize>();
        rates.push(bytes as f64 / 1e6 / start.elapsed().as_secs_f64());
    }
    rates.sort_by(f64::total_cmp);
    println!("repair on {} ({:.1} MB, {found} repairs): median {:.1} MB/s (min {:.1}, max {:.1})", path.display(), bytes as f64 / 1e6, rates[3], rates[0], rates[6]);
    use warta_core::ArticleStage;
    let stage = warta_segment::Segmenter::new(warta_segment::SegmentConfig::default());
    let mut rates = Vec::new();
    for _ in 0..7 {
        let mut articles: Vec<warta_core::Article> = texts
            .iter()
            .map(|t| {
                let mut a = warta_core::Article::new("speed", t.as_str());
                a.lang = Some(lang.into());
                a
            })
            .collect();
        let start = std::time::Instant::now();
        for a in &mut articles {
            let _ = stage.process(a);
        }
        rates.push(bytes as f64 / 1e6 / start.elapsed().as_secs_f64());
    }
    rates.sort_by(f64::total_cmp);
    println!("whole stage (repair, sentences, tokens): median {:.1} MB/s (min {:.1}, max {:.1})", rates[3], rates[0], rates[6]);
    Ok(())
}
