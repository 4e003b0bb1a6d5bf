//! English stops inserted by code as `xtask eval noise` inserts its two
//! lowercase kinds (session 11): before a lowercase word after a lowercase
//! word of 3+ letters that is no function word ("the witness. stand", "17
//! cents. a share"), and after a function word ("Speaking on. BBC"), 2-6 per
//! document, into UD EWT and GUM train and dev and BBC News 2005 (halves by a
//! hash of the id: half 0 to choose on, half 1 held out); the repair
//! (`find_spurious_stops`) is scored on them: right / inserted (repairs that
//! are no inserted stop), and the false repairs on the clean text.
//!
//! ```text
//! cargo run --release -p warta-segment --example inject_lower -- ../shared/data [--show N] [--only SET] [--seed N]
//! cargo run --release -p warta-segment --example inject_lower -- ../shared/data --tsv > stops.tsv
//! cargo run --release -p warta-segment --example inject_lower -- ../shared/data --lang id
//! ```
//!
//! `--lang id` (session 11, second helper): the same with `eval noise`'s
//! Indonesian function words, on IndoSum dev folds 1-3 (to choose on) and
//! 4-5 (held out: `eval noise` draws its articles from them), UD GSD train,
//! CSUI train, GSD dev, and the raw id-rss scrape by halves.
//!
//! `--show N`: N wrong repairs (and clean false repairs) and N missed
//! inserted stops of each set, in context. `--tsv`: every stop after a plain
//! word before a lowercase word, in the clean and the noisy text of the
//! lowercase kind (`lowercase_stops`): set, label (clean / inserted / real),
//! repaired, the rules' kind before the gate, the model's score as if gated,
//! verbs before / after, the text writes lowercase starts / openers, the
//! words around, the context.

#[path = "common/mod.rs"]
mod common;

use std::io::BufRead;
use std::path::PathBuf;

use common::Rng;


/// Indonesian sets (`--lang id`, session 11, second helper): IndoSum dev
/// folds 1-3 to choose on; folds 4-5 (those `eval noise` draws from) held
/// out; UD GSD train, CSUI train and GSD dev as checks; the raw id-rss
/// scrape (by halves of its ids) for false repairs on clean text.
const ID_SETS: [(&str, &str); 7] = [
    ("IndoSum folds 1-3", "news/indosum-dev.jsonl.gz"),
    ("IndoSum folds 4-5", "news/indosum-dev.jsonl.gz"),
    ("UD id GSD train", "sbd/ud-id-gsd-train.jsonl"),
    ("UD id CSUI train", "sbd/ud-id-csui-train.jsonl"),
    ("UD id GSD dev", "sbd/ud-id-gsd-dev.jsonl"),
    ("id-rss half 0", "news/id-rss-2025-06.jsonl.gz"),
    ("id-rss half 1", "news/id-rss-2025-06.jsonl.gz"),
];


const SETS: [(&str, &str); 6] = [
    ("UD en EWT train", "sbd/ud-en-ewt-train.jsonl"),
    ("UD en GUM train", "sbd/ud-en-gum-train.jsonl"),
    ("UD en EWT dev", "sbd/ud-en-ewt-dev.jsonl"),
    ("UD en GUM dev", "sbd/ud-en-gum-dev.jsonl"),
    ("BBC 2005 half 0", "news/bbc-news-2005.jsonl.gz"),
    ("BBC 2005 half 1", "news/bbc-news-2005.jsonl.gz"),
];

#[derive(Default)]
struct Tally {
    docs: usize,
    inserted: [usize; 2],
    repaired: [usize; 2],
    wrong: [usize; 2],
    clean_false: usize,
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let data = PathBuf::from(args.first().map(String::as_str).unwrap_or("../shared/data"));
    let show: usize = args.iter().position(|a| a == "--show").and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(0);
    let only: Option<&str> = args.iter().position(|a| a == "--only").and_then(|i| args.get(i + 1)).map(String::as_str);
    let tsv = args.iter().any(|a| a == "--tsv");
    // Another draw of the inserted stops (0: the draw the session-11 figures use).
    let seed: u64 = args.iter().position(|a| a == "--seed").and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(0);
    let lang: &str = args.iter().position(|a| a == "--lang").and_then(|i| args.get(i + 1)).map_or("en", String::as_str);
    let (sets, function_words): (&[(&str, &str)], &[&str]) =
        if lang == "id" { (&ID_SETS, common::NOISE_FUNCTION_WORDS_ID) } else { (&SETS, common::NOISE_FUNCTION_WORDS_EN) };
    if !data.join("sbd").exists() {
        println!("{} has no sbd/: nothing to measure", data.display());
        return Ok(());
    }
    if !tsv {
        println!("{:<18} {:>5}  {:>26}  {:>26}  {:>11}", "set", "docs", "before lowercase: right/n (wrong)", "after function word", "clean false");
    }
    for &(name, file) in sets {
        if only.is_some_and(|o| !name.contains(o)) {
            continue;
        }
        let half = name.strip_suffix(" half 0").map(|_| 0).or(name.strip_suffix(" half 1").map(|_| 1));
        let folds: Option<&[u64]> = if name.ends_with("folds 1-3") {
            Some(&[1, 2, 3])
        } else if name.ends_with("folds 4-5") {
            Some(&[4, 5])
        } else {
            None
        };
        let path = data.join(file);
        if !path.exists() {
            continue;
        }
        let mut t = Tally::default();
        let mut seen = std::collections::HashSet::new();
        let (mut shown_wrong, mut shown_missed) = (0, 0);
        for line in common::open(&path)?.lines() {
            let v: serde_json::Value = serde_json::from_str(&line?).unwrap_or_default();
            let text = v["text"].as_str().unwrap_or("");
            let id = v["id"].as_str().unwrap_or("");
            if text.is_empty() || !seen.insert(text.to_string()) || half.is_some_and(|h| (common::fnv(id) & 1) != h) {
                continue;
            }
            if folds.is_some_and(|f| !v["indosum_dev_fold"].as_u64().is_some_and(|n| f.contains(&n))) {
                continue;
            }
            t.docs += 1;
            let clean = warta_segment::find_spurious_stops(text, lang);
            t.clean_false += clean.len();
            if tsv {
                for s in warta_segment::lowercase_stops(text, lang) {
                    tsv_row(name, "clean", text, &s, clean.iter().any(|c| c.at == s.at));
                }
            }
            for s in &clean {
                if shown_wrong < show {
                    shown_wrong += 1;
                    println!("   CLEAN FALSE ({:?}) {}", s.kind, common::context(text, s.at, 60, 60));
                }
            }
            for (k, (variant, after_function)) in [("lower", false), ("function", true)].into_iter().enumerate() {
                let mut rng = Rng((common::fnv(id) ^ common::fnv(variant) ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15)) | 1);
                let (noisy, stops) = common::inject_lowercase_stops(text, &mut rng, after_function, function_words);
                t.inserted[k] += stops.len();
                let found = warta_segment::find_spurious_stops(&noisy, lang);
                if tsv && !after_function {
                    for s in warta_segment::lowercase_stops(&noisy, lang) {
                        let label = if stops.binary_search(&s.at).is_ok() { "inserted" } else { "real" };
                        tsv_row(name, label, &noisy, &s, found.iter().any(|c| c.at == s.at));
                    }
                }
                for s in &found {
                    if stops.binary_search(&s.at).is_ok() {
                        t.repaired[k] += 1;
                    } else {
                        t.wrong[k] += 1;
                        if shown_wrong < show {
                            shown_wrong += 1;
                            println!("   WRONG ({variant}, {:?}) {}", s.kind, common::context(&noisy, s.at, 60, 60));
                        }
                    }
                }
                for &at in &stops {
                    if shown_missed < show && !found.iter().any(|s| s.at == at) {
                        shown_missed += 1;
                        println!("   MISSED ({variant}) {}", common::context(&noisy, at, 60, 60));
                    }
                }
            }
        }
        let cell = |k: usize| format!("{}/{} ({})", t.repaired[k], t.inserted[k], t.wrong[k]);
        if !tsv {
            println!("{:<18} {:>5}  {:>26}  {:>26}  {:>11}", name, t.docs, cell(0), cell(1), t.clean_false);
        }
    }
    if !tsv {
        println!("(wrong: repairs in the noisy text that are no inserted stop, the clean text's own false repairs included)");
    }
    Ok(())
}

fn tsv_row(set: &str, label: &str, text: &str, s: &warta_segment::LowercaseStop, fixed: bool) {
    let prev = text[..s.at].rsplit(char::is_whitespace).next().unwrap_or("");
    let next = text[s.at + 1..].split_whitespace().next().unwrap_or("");
    println!(
        "{set}\t{label}\t{}\t{}\t{:.2}\t{}\t{}\t{}\t{}\t{prev}\t{next}\t{}",
        fixed as u8,
        s.judged.map_or("-".to_string(), |k| format!("{k:?}")),
        s.score,
        s.verb_before as u8,
        s.verb_after as u8,
        s.writes_lowercase as u8,
        s.writes_lowercase_openers as u8,
        common::context(text, s.at, 70, 70).replace('\t', " ")
    );
}
