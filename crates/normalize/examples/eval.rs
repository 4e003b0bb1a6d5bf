//! Evaluation of warta-normalize against the shared data.
//!
//! ```text
//! cargo run --release -p warta-normalize --example eval -- ../shared/data [--json out.json] [--ftfy PYTHON]
//! ```
//!
//! Reports:
//! 1. repair rate: clean text corrupted by code (UTF-8 read as Windows-1252,
//!    as Latin-1, twice as Windows-1252; HTML-escaped once and twice) must be
//!    restored exactly;
//! 2. false positives on clean text: texts where mojibake or entity repairs
//!    fired, boilerplate lines removed and datelines taken from clean sets;
//! 3. boilerplate precision/recall on the labelled sample written for this
//!    crate (tests/data/boilerplate_labelled.txt), and the removals on the real
//!    raw scrape by kind;
//! 4. datelines found per outlet on the raw scrape;
//! 5. language identification: accuracy and confusion table, against whatlang;
//! 6. speed in MB/s on one core (medians of several runs), and, with
//!    `--ftfy PYTHON`, ftfy's speed on the same text for the ratio.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::{json, Value};
use warta_core::{Article, ArticleStage};
use warta_normalize::mojibake::{corrupt_as_cp1252, corrupt_as_latin1, corrupt_cp1252_as_latin1};
use warta_normalize::{boilerplate, dateline, lang, normalize_chars, normalize_text, EditCounts, NormalizeConfig, Normalizer};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut data_dir: Option<PathBuf> = None;
    let mut json_out: Option<PathBuf> = None;
    let mut ftfy_python: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--json" => {
                i += 1;
                json_out = args.get(i).map(PathBuf::from);
            }
            "--ftfy" => {
                i += 1;
                ftfy_python = args.get(i).cloned();
            }
            other => data_dir = Some(PathBuf::from(other)),
        }
        i += 1;
    }
    let data_dir = data_dir.unwrap_or_else(|| PathBuf::from("../shared/data"));
    let news = data_dir.join("news");
    if !news.join("id-rss-2025-06.jsonl.gz").exists() {
        println!("warta-normalize eval: shared data not found at {} (expected news/id-rss-2025-06.jsonl.gz); nothing evaluated.", data_dir.display());
        return;
    }

    let idrss = read_jsonl_gz(&news.join("id-rss-2025-06.jsonl.gz"));
    let indosum = read_jsonl_gz(&news.join("indosum-dev.jsonl.gz"));
    let bbc = read_jsonl_gz(&news.join("bbc-news-2005.jsonl.gz"));
    let golden = read_golden(&data_dir.join("sbd"));
    println!("warta-normalize evaluation on {}", data_dir.display());
    println!(
        "loaded: id-rss {} articles, indosum-dev {}, bbc {}, golden-rules {} texts in {} languages\n",
        idrss.len(),
        indosum.len(),
        bbc.len(),
        golden.len(),
        golden.iter().map(|(l, _)| l.as_str()).collect::<std::collections::BTreeSet<_>>().len()
    );

    let mut report = serde_json::Map::new();
    report.insert("repair".into(), repair_rate(&idrss, &indosum, &bbc, &golden));
    report.insert("unwrap".into(), unwrap_rate(&idrss, &indosum, &bbc, &golden));
    report.insert("dehyphenation".into(), dehyphenation_rate(&idrss, &indosum, &bbc));
    report.insert("false_positives".into(), false_positives(&idrss, &indosum, &bbc, &golden));
    report.insert("boilerplate".into(), boilerplate_eval(&idrss));
    report.insert("dateline".into(), dateline_eval(&idrss, &indosum));
    report.insert("language".into(), language_eval(&data_dir, &idrss, &indosum, &bbc, &golden));
    report.insert("speed".into(), speed_eval(&idrss, &indosum, ftfy_python.as_deref(), &data_dir));

    if let Some(path) = json_out {
        let text = serde_json::to_string_pretty(&Value::Object(report)).expect("serialisable");
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("cannot write {}: {e}", path.display());
        } else {
            println!("JSON results written to {}", path.display());
        }
    }
}

// ---------------------------------------------------------------- data

struct Doc {
    source: String,
    text: String,
    sentences: Vec<(usize, usize)>,
}

fn read_jsonl_gz(path: &Path) -> Vec<Doc> {
    let Ok(file) = std::fs::File::open(path) else {
        eprintln!("missing {}", path.display());
        return Vec::new();
    };
    let mut s = String::new();
    if flate2::read::GzDecoder::new(file).read_to_string(&mut s).is_err() {
        eprintln!("cannot decompress {}", path.display());
        return Vec::new();
    }
    s.lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|v| Doc {
            source: v["source"].as_str().unwrap_or("").to_string(),
            text: v["text"].as_str().unwrap_or("").to_string(),
            sentences: v["sentences"]
                .as_array()
                .map(|a| a.iter().filter_map(|p| Some((p[0].as_u64()? as usize, p[1].as_u64()? as usize))).collect())
                .unwrap_or_default(),
        })
        .collect()
}

fn read_jsonl(path: &Path) -> Vec<Value> {
    let Ok(file) = std::fs::File::open(path) else { return Vec::new() };
    BufReader::new(file).lines().map_while(Result::ok).filter_map(|l| serde_json::from_str(&l).ok()).collect()
}

/// (lang, text) of every golden-rules case.
fn read_golden(sbd: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Ok(dir) = std::fs::read_dir(sbd) else { return out };
    let mut paths: Vec<PathBuf> = dir.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !name.starts_with("golden-rules-") {
            continue;
        }
        for v in read_jsonl(&p) {
            if let (Some(l), Some(t)) = (v["lang"].as_str(), v["text"].as_str()) {
                out.push((l.to_string(), t.to_string()));
            }
        }
    }
    out
}

/// Character-offset spans → sentence strings.
fn sentences_of(doc: &Doc) -> Vec<String> {
    let chars: Vec<char> = doc.text.chars().collect();
    doc.sentences.iter().filter(|(s, e)| s < e && *e <= chars.len()).map(|&(s, e)| chars[s..e].iter().collect()).collect()
}

fn chars_only_cfg() -> NormalizeConfig {
    NormalizeConfig { remove_boilerplate: false, ..NormalizeConfig::default() }
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        100.0 * n as f64 / d as f64
    }
}

// ---------------------------------------------------------------- 1. repair

fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if !c.is_ascii() => out.push_str(&format!("&#{};", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn repair_rate(idrss: &[Doc], indosum: &[Doc], bbc: &[Doc], golden: &[(String, String)]) -> Value {
    println!("== 1. Repair of code-corrupted clean text (exact restoration after normalisation)");
    let cfg = chars_only_cfg();
    // Clean references: each text normalised once, so that only the
    // corruption separates input from expected output.
    let mut clean: Vec<(&str, String)> = Vec::new();
    for (set, docs) in [("id-rss", idrss), ("indosum", indosum), ("bbc", bbc)] {
        for d in docs {
            clean.push((set, normalize_text(&d.text, &cfg)));
        }
    }
    for (_, t) in golden {
        clean.push(("golden-rules", normalize_text(t, &cfg)));
    }
    type Corrupt = fn(&str) -> String;
    let kinds: [(&str, Corrupt); 6] = [
        ("utf8_as_cp1252", |s| corrupt_as_cp1252(s)),
        ("utf8_as_latin1", |s| corrupt_as_latin1(s)),
        ("cp1252_as_latin1", |s| corrupt_cp1252_as_latin1(s)),
        ("utf8_as_cp1252_twice", |s| corrupt_as_cp1252(&corrupt_as_cp1252(s))),
        ("html_escaped", html_escape),
        ("html_escaped_twice", |s| html_escape(&html_escape(s))),
    ];
    let mut out = serde_json::Map::new();
    println!("{:<24} {:>8} {:>10} {:>9}   by set (restored/corrupted)", "corruption", "texts", "restored", "rate");
    for (name, corrupt) in kinds {
        let mut per_set: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        let mut examples = Vec::new();
        for (set, text) in &clean {
            let bad = corrupt(text);
            if bad == *text {
                continue;
            }
            let fixed = normalize_text(&bad, &cfg);
            let e = per_set.entry(set).or_default();
            e.1 += 1;
            if fixed == *text {
                e.0 += 1;
            } else if examples.len() < 12 {
                examples.push(first_difference(text, &fixed));
            }
        }
        let (ok, n) = per_set.values().fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
        let sets: Vec<String> = per_set.iter().map(|(s, (o, n))| format!("{s} {o}/{n}")).collect();
        println!("{:<24} {:>8} {:>10} {:>8.2}%   {}", name, n, ok, pct(ok, n), sets.join(", "));
        for ex in &examples {
            println!("    not restored: {ex}");
        }
        out.insert(name.into(), json!({"texts": n, "restored": ok, "rate": pct(ok, n) / 100.0,
            "by_set": per_set.iter().map(|(s, (o, n))| (s.to_string(), json!({"restored": o, "texts": n}))).collect::<serde_json::Map<_,_>>()}));
    }
    println!("(anchor: ftfy's stated goal is to undo these without false positives; the issue requires exact restoration)\n");
    Value::Object(out)
}

/// 1b. The clean texts hard-wrapped at several widths, then unwrapped
/// ([`warta_normalize::wrap`]): how many come back exactly, and which line
/// breaks stay or go wrong; and how many clean texts it would change.
fn unwrap_rate(idrss: &[Doc], indosum: &[Doc], bbc: &[Doc], golden: &[(String, String)]) -> Value {
    let unwrap_lines = |t: &str| warta_normalize::wrap::unwrap_lines_keeping(t, |line| boilerplate::classify_line(line).is_some());
    println!("== 1b. Hard-wrapped text (each line of a clean text wrapped at a width, then unwrapped)");
    let cfg = chars_only_cfg();
    let mut clean: Vec<(&str, String)> = Vec::new();
    for (set, docs) in [("id-rss", idrss), ("indosum", indosum), ("bbc", bbc)] {
        clean.extend(docs.iter().map(|d| (set, normalize_text(&d.text, &cfg))));
    }
    clean.extend(golden.iter().map(|(_, t)| ("golden-rules", normalize_text(t, &cfg))));
    let mut out = serde_json::Map::new();
    println!(
        "{:<14} {:>7} {:>9} {:>8} {:>13} {:>13} {:>13}",
        "wrapped at", "texts", "restored", "rate", "breaks made", "breaks left", "paras joined"
    );
    for width in [60, 72, 80, 100] {
        let (mut texts, mut restored, mut made, mut left, mut joined) = (0usize, 0usize, 0usize, 0usize, 0usize);
        let mut examples = Vec::new();
        for (_, text) in &clean {
            let wrapped = warta_normalize::wrap::hard_wrap(text, width);
            if wrapped == *text {
                continue;
            }
            texts += 1;
            made += wrapped.matches('\n').count() - text.matches('\n').count();
            let got = unwrap_lines(&wrapped).map_or(wrapped.clone(), |(t, _)| t);
            if got == *text {
                restored += 1;
                continue;
            }
            let (want_breaks, got_breaks) = (text.matches('\n').count(), got.matches('\n').count());
            left += got_breaks.saturating_sub(want_breaks);
            joined += want_breaks.saturating_sub(got_breaks);
            if examples.len() < 4 {
                examples.push(first_difference(text, &got));
            }
        }
        println!(
            "{:<14} {:>7} {:>9} {:>7.2}% {:>13} {:>13} {:>13}",
            format!("{width} chars"),
            texts,
            restored,
            pct(restored, texts),
            made,
            left,
            joined
        );
        for ex in &examples {
            println!("    not restored: {ex}");
        }
        out.insert(format!("width_{width}"), json!({"texts": texts, "restored": restored, "breaks_made": made, "breaks_left": left, "paragraphs_joined": joined}));
    }
    let touched: Vec<String> = [("id-rss", idrss), ("indosum", indosum), ("bbc", bbc)]
        .iter()
        .map(|(set, docs)| format!("{set} {}/{}", docs.iter().filter(|d| unwrap_lines(&d.text).is_some()).count(), docs.len()))
        .collect();
    println!("clean texts as stored that it would unwrap (false positives): {}", touched.join(", "));
    println!("(breaks left: wrapped breaks still in the output; paras joined: paragraph breaks the output lost)\n");
    Value::Object(out)
}

/// 1c. The clean texts wrapped by a hyphenating wrapper
/// ([`warta_normalize::wrap::hard_wrap_hyphenated`]), then unwrapped: how
/// many words broken by an added hyphen come back whole, and whether words
/// with a hyphen of their own, broken there, keep it.
fn dehyphenation_rate(idrss: &[Doc], indosum: &[Doc], bbc: &[Doc]) -> Value {
    let unwrap_lines = |t: &str| warta_normalize::wrap::unwrap_lines_keeping(t, |line| boilerplate::classify_line(line).is_some());
    println!("== 1c. Hyphenated hard wrap (a word that does not fit is broken with a hyphen, then unwrapped)");
    let cfg = chars_only_cfg();
    let mut out = serde_json::Map::new();
    println!("{:<10} {:<10} {:>7} {:>10} {:>10} {:>8} {:>12} {:>8}", "set", "wrapped at", "texts", "hyphenated", "made whole", "rate", "own hyphens", "kept");
    let words = |t: &str| -> std::collections::HashMap<String, usize> {
        let mut m = std::collections::HashMap::new();
        for w in t.split_whitespace() {
            *m.entry(w.to_string()).or_insert(0) += 1;
        }
        m
    };
    for (set, docs) in [("id-rss", idrss), ("indosum", indosum), ("bbc", bbc)] {
        for width in [60, 72] {
            let (mut texts, mut hyphenated, mut left, mut own, mut own_lost) = (0usize, 0usize, 0usize, 0usize, 0usize);
            let mut lost_examples: Vec<String> = Vec::new();
            for doc in docs {
                let text = normalize_text(&doc.text, &cfg);
                let (wrapped, broken) = warta_normalize::wrap::hard_wrap_hyphenated(&text, width);
                if broken == 0 {
                    continue;
                }
                texts += 1;
                hyphenated += broken;
                // Breaks at a word's own hyphen: lines ending in "x-" whose
                // word the clean text holds with its hyphen.
                own += wrapped.lines().filter(|l| l.ends_with('-')).count() - broken;
                let got = unwrap_lines(&wrapped).map_or(wrapped.clone(), |(t, _)| t);
                let (want, have) = (words(&text), words(&got));
                for (w, &n) in &have {
                    let extra = n.saturating_sub(want.get(w).copied().unwrap_or(0));
                    if extra > 0 && w.contains('-') {
                        left += extra;
                    }
                }
                for (w, &n) in &want {
                    if w.contains('-') {
                        let lost = n.saturating_sub(have.get(w).copied().unwrap_or(0));
                        own_lost += lost;
                        if lost > 0 && lost_examples.len() < 6 {
                            lost_examples.push(w.clone());
                        }
                    }
                }
            }
            let whole = hyphenated.saturating_sub(left);
            println!(
                "{:<10} {:<10} {:>7} {:>10} {:>10} {:>7.2}% {:>12} {:>8}",
                set,
                format!("{width} chars"),
                texts,
                hyphenated,
                whole,
                pct(whole, hyphenated),
                own,
                own.saturating_sub(own_lost)
            );
            if !lost_examples.is_empty() {
                println!("    own hyphens lost: {}", lost_examples.join(", "));
            }
            out.insert(format!("{set}_width_{width}"), json!({"texts": texts, "hyphenated": hyphenated, "made_whole": whole, "own_hyphen_breaks": own, "own_hyphens_lost": own_lost}));
        }
    }
    println!("(made whole: words the wrapper broke with a hyphen that come back without it; own hyphens kept: words such as");
    println!(" \"barang-barang\" broken at their hyphen that keep it)\n");
    Value::Object(out)
}

fn first_difference(expected: &str, got: &str) -> String {
    let common = expected.chars().zip(got.chars()).take_while(|(a, b)| a == b).count();
    let exp: String = expected.chars().skip(common.saturating_sub(15)).take(40).collect();
    let g: String = got.chars().skip(common.saturating_sub(15)).take(40).collect();
    format!("expected {:?} got {:?}", exp, g)
}

// ---------------------------------------------------------------- 2. false positives

fn false_positives(idrss: &[Doc], indosum: &[Doc], bbc: &[Doc], golden: &[(String, String)]) -> Value {
    println!("== 2. False positives on clean text");
    let cfg = NormalizeConfig::default();
    let mut out = serde_json::Map::new();
    println!(
        "{:<16} {:>7} {:>10} {:>10} {:>12} {:>12} {:>10}",
        "set", "texts", "mojibake", "entity", "bp lines", "of lines", "datelines"
    );
    let golden_docs: Vec<Doc> = golden.iter().map(|(_, t)| Doc { source: String::new(), text: t.clone(), sentences: vec![] }).collect();
    let hand = hand_written_clean();
    let hand_docs: Vec<Doc> = hand.iter().map(|t| Doc { source: String::new(), text: t.to_string(), sentences: vec![] }).collect();
    for (set, docs) in [
        ("indosum-dev", indosum),
        ("bbc-news-2005", bbc),
        ("golden-rules", &golden_docs[..]),
        ("hand-written", &hand_docs[..]),
        ("id-rss (raw)", idrss),
    ] {
        let mut moji_texts = 0;
        let mut entity_texts = 0;
        let mut bp_lines = 0;
        let mut lines = 0;
        let mut datelines = 0;
        let mut examples: Vec<String> = Vec::new();
        let mut repaired: BTreeMap<String, usize> = BTreeMap::new();
        for d in docs {
            let mut edits = EditCounts::default();
            let norm = normalize_chars(&d.text, &cfg, &mut edits, &mut |kind, before, after| {
                let key = if kind == "mojibake" { format!("mojibake {before:?}→{after:?}") } else { "entity".to_string() };
                *repaired.entry(key).or_default() += 1;
            });
            if edits.mojibake > 0 {
                moji_texts += 1;
            }
            if edits.entity > 0 {
                entity_texts += 1;
            }
            let text = norm.as_deref().unwrap_or(&d.text);
            lines += text.split('\n').count();
            for line in text.split('\n') {
                if let Some(kind) = boilerplate::classify_line(line) {
                    bp_lines += 1;
                    if examples.len() < 12 && !set.starts_with("id-rss") {
                        examples.push(format!("boilerplate:{kind} {:?}", line.chars().take(90).collect::<String>()));
                    }
                }
            }
            if let Some(dl) = dateline::find(text) {
                datelines += 1;
                if set == "bbc-news-2005" && examples.len() < 14 {
                    examples.push(format!("dateline {:?}", dl.dateline));
                }
            }
        }
        println!(
            "{:<16} {:>7} {:>10} {:>10} {:>12} {:>11.3}% {:>10}",
            set,
            docs.len(),
            moji_texts,
            entity_texts,
            bp_lines,
            pct(bp_lines, lines),
            datelines
        );
        // The word-level repairs, by the stage itself in the set's language:
        // missing spaces put back, glued words split, split prefixes joined,
        // spaces before detached marks taken out.
        let mut word_fixes: BTreeMap<&str, usize> = BTreeMap::new();
        let mut word_examples: Vec<String> = Vec::new();
        let stage = Normalizer::new(cfg.clone());
        for (k, d) in docs.iter().enumerate() {
            let lang = match set {
                "indosum-dev" | "id-rss (raw)" => "id",
                "golden-rules" => golden.get(k).map_or("en", |(lang, _)| lang.as_str()),
                _ => "en",
            };
            let mut a = Article::new("x", d.text.clone());
            a.lang = Some(lang.to_string());
            let _ = stage.process(&mut a);
            for kind in ["missing_space_inserted", "glued_words_split", "split_prefix_joined", "detached_space_removed"] {
                *word_fixes.entry(kind).or_default() += a.edits.get(kind).copied().unwrap_or(0) as usize;
            }
            for r in a.repairs.iter().filter(|r| matches!(r.kind.as_ref(), "missing_space" | "glued_words" | "split_prefix" | "detached_space")) {
                if (word_examples.len() < 8 || r.kind == "detached_space") && word_examples.len() < 24 {
                    word_examples.push(format!("{} {:?} -> {:?}", r.kind, r.before, r.after));
                }
            }
        }
        println!(
            "    word repairs by the stage: {} missing spaces put back, {} glued words split, {} split prefixes joined, {} detached spaces taken out",
            word_fixes["missing_space_inserted"],
            word_fixes["glued_words_split"],
            word_fixes["split_prefix_joined"],
            word_fixes["detached_space_removed"]
        );
        for e in &word_examples {
            println!("    {e}");
        }
        if !repaired.is_empty() {
            let mut list: Vec<String> = repaired.iter().map(|(k, n)| format!("{k} x{n}")).collect();
            if list.len() > 24 {
                let more = list.len() - 24;
                list.truncate(24);
                list.push(format!("… {more} more kinds"));
            }
            println!("    repairs made (judge: genuine damage in the source, or false repair?): {}", list.join(", "));
        }
        for e in &examples {
            println!("    {e}");
        }
        out.insert(
            set.into(),
            json!({"texts": docs.len(), "mojibake_texts": moji_texts, "entity_texts": entity_texts,
                   "boilerplate_lines": bp_lines, "lines": lines, "boilerplate_line_rate": pct(bp_lines, lines) / 100.0,
                   "datelines": datelines, "examples": examples, "word_repairs": word_fixes}),
        );
    }
    println!("(IndoSum and BBC are clean of scraping artefacts but not of all damage: IndoSum carries real mojibake
 and 'Baca juga'/credit lines, BBC real '&#233;' entities. Every repair and removal is listed to judge.
 golden-rules and hand-written texts are clean by construction: any repair there is a false positive.
 id-rss is the raw scrape, for reference: its repairs and removed lines are expected.)\n");
    Value::Object(out)
}

/// Clean strings rich in the characters mojibake repair looks at.
fn hand_written_clean() -> Vec<&'static str> {
    vec![
        "Le café est ouvert, naïve Zoë! Åland, Ærø, Øresund.",
        "CAFÉ… IRMÃ… AMANHÃ» „ÄRGER“ heiß“ Grüß Gott.",
        "São Paulo, Ñandú, Zürich’s façade, déjà vu, über-cool.",
        "Müller sagte: „Wir schaffen das.“ — 5 € pro Stück, ± 2 °C.",
        "ŁÓDŹ, Kraków, Škoda, Ørsted, Þingvellir, Ðakovo.",
        "Москва, Київ, Αθήνα, 東京, 서울, ไทย, עברית, العربية.",
        "Simbol © 2025 · ™ ® ¶ § † ‡ • ‰ ¼ ½ ¾ × ÷ ¿¡ 2772×1280 Δx μm",
        "«Bonjour», dit-il. ‹Oui› ‚ja‘ “yes” ‘no’",
        "Ê» É« Ô“ Ö“ Ü” ß‘ à « è » ì … ò ’ ù “",
    ]
}

// ---------------------------------------------------------------- 3. boilerplate

fn boilerplate_eval(idrss: &[Doc]) -> Value {
    println!("== 3. Boilerplate lines");
    let labelled = include_str!("../tests/data/boilerplate_labelled.txt");
    let (mut tp, mut fp, mut fneg, mut tn, mut kind_ok) = (0, 0, 0, 0, 0);
    let mut errors = Vec::new();
    for l in labelled.lines() {
        if l.starts_with('#') || l.trim().is_empty() {
            continue;
        }
        let mut parts = l.splitn(3, '\t');
        let (Some(label), Some(kind), Some(line)) = (parts.next(), parts.next(), parts.next()) else { continue };
        let got = boilerplate::classify_line(line);
        match (label == "B", got) {
            (true, Some(k)) => {
                tp += 1;
                if k == kind {
                    kind_ok += 1;
                } else {
                    errors.push(format!("kind {k} (expected {kind}): {line}"));
                }
            }
            (true, None) => {
                fneg += 1;
                errors.push(format!("missed: {line}"));
            }
            (false, Some(k)) => {
                fp += 1;
                errors.push(format!("wrongly removed as {k}: {line}"));
            }
            (false, None) => tn += 1,
        }
    }
    let precision = if tp + fp == 0 { 0.0 } else { tp as f64 / (tp + fp) as f64 };
    let recall = if tp + fneg == 0 { 0.0 } else { tp as f64 / (tp + fneg) as f64 };
    println!(
        "labelled sample (tests/data/boilerplate_labelled.txt): {} boilerplate + {} article lines",
        tp + fneg,
        fp + tn
    );
    println!("  precision {:.3}  recall {:.3}  kind correct {}/{}", precision, recall, kind_ok, tp);
    for e in &errors {
        println!("    {e}");
    }

    // The raw scrape: removals by kind (no labels: for inspection).
    let cfg = NormalizeConfig::default();
    let stage = Normalizer::new(cfg);
    let mut by_kind: BTreeMap<String, usize> = BTreeMap::new();
    let mut lines_total = 0usize;
    let mut seen = std::collections::HashSet::new();
    let mut samples: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for d in idrss {
        if !seen.insert(d.text.as_str()) {
            continue;
        }
        lines_total += d.text.split('\n').count();
        let mut a = Article::new("x", d.text.clone());
        a.lang = Some("id".into());
        let _ = stage.process(&mut a);
        for r in &a.removed {
            *by_kind.entry(r.reason.to_string()).or_default() += 1;
            let s = samples.entry(r.reason.to_string()).or_default();
            if s.len() < 2 && !s.contains(&r.text) {
                s.push(r.text.chars().take(70).collect());
            }
        }
    }
    let removed: usize = by_kind.values().sum();
    println!("raw scrape id-rss ({} distinct texts, {} lines): {} lines removed", seen.len(), lines_total, removed);
    for (k, n) in &by_kind {
        println!("  {:<34} {:>6}   e.g. {:?}", k, n, samples.get(k).cloned().unwrap_or_default());
    }
    println!();
    json!({"labelled": {"boilerplate_lines": tp + fneg, "article_lines": fp + tn, "tp": tp, "fp": fp, "fn": fneg,
            "precision": precision, "recall": recall, "kind_correct": kind_ok},
           "id_rss_removed_by_kind": by_kind, "id_rss_lines": lines_total})
}

// ---------------------------------------------------------------- 4. datelines

fn dateline_eval(idrss: &[Doc], indosum: &[Doc]) -> Value {
    println!("== 4. Datelines found, per outlet");
    let cfg = chars_only_cfg();
    let mut out = serde_json::Map::new();
    for (set, docs) in [("id-rss", idrss), ("indosum-dev", indosum)] {
        let mut per: BTreeMap<&str, (usize, usize, Vec<String>)> = BTreeMap::new();
        for d in docs {
            let text = normalize_text(&d.text, &cfg);
            let e = per.entry(d.source.as_str()).or_default();
            e.1 += 1;
            if let Some(dl) = dateline::find(&text) {
                e.0 += 1;
                if e.2.len() < 3 && !e.2.iter().any(|x| x == dl.dateline) {
                    e.2.push(dl.dateline.to_string());
                }
            }
        }
        println!("{set}:");
        let mut m = serde_json::Map::new();
        for (src, (found, n, ex)) in &per {
            println!("  {:<18} {:>5}/{:<5} {:>6.1}%  e.g. {:?}", src, found, n, pct(*found, *n), ex);
            m.insert(src.to_string(), json!({"found": found, "articles": n}));
        }
        out.insert(set.into(), Value::Object(m));
    }
    println!("(outlets that print no dateline, e.g. detik.com, kumparan, BBC, should show ~0%)\n");
    Value::Object(out)
}

// ---------------------------------------------------------------- 5. language

fn language_eval(data: &Path, idrss: &[Doc], indosum: &[Doc], bbc: &[Doc], golden: &[(String, String)]) -> Value {
    println!("== 5. Language identification");
    let mut sets: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    sets.push((
        "id-rss articles".into(),
        idrss.iter().filter(|d| seen.insert(d.text.as_str())).map(|d| ("id".to_string(), d.text.clone())).collect(),
    ));
    sets.push(("indosum articles".into(), indosum.iter().map(|d| ("id".to_string(), d.text.clone())).collect()));
    sets.push(("bbc articles".into(), bbc.iter().map(|d| ("en".to_string(), d.text.clone())).collect()));
    sets.push((
        "indosum sentences".into(),
        indosum.iter().take(300).flat_map(sentences_of).map(|s| ("id".to_string(), s)).collect(),
    ));
    let ud = |file: &str| -> Vec<(String, String)> {
        read_jsonl(&data.join("sbd").join(file))
            .iter()
            .filter_map(|v| Some((v["lang"].as_str()?.to_string(), v["text"].as_str()?.to_string())))
            .collect()
    };
    sets.push(("ud-id-gsd-dev sentences".into(), ud("ud-id-gsd-dev.jsonl")));
    sets.push(("ud-en-ewt-dev sentences".into(), ud("ud-en-ewt-dev.jsonl")));
    let ner = |file: &str| -> Vec<(String, String)> {
        read_jsonl(&data.join("ner").join(file))
            .iter()
            .filter_map(|v| {
                let toks: Vec<&str> = v["tokens"].as_array()?.iter().filter_map(|t| t.as_str()).collect();
                Some((v["lang"].as_str()?.to_string(), toks.join(" ")))
            })
            .collect()
    };
    sets.push(("idner-news-2k-dev sentences".into(), ner("idner-news-2k-dev.jsonl")));
    sets.push(("golden-rules (21 languages)".into(), golden.to_vec()));
    let samples: Vec<(String, String)> = include_str!("../tests/data/lang_samples.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    sets.push(("hand-written ms + unknown (dev)".into(), samples.clone()));
    let heldout: Vec<(String, String)> = include_str!("../tests/data/lang_heldout_ms.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    sets.push(("hand-written ms (held out)".into(), heldout.clone()));
    let heldout2: Vec<(String, String)> = include_str!("../tests/data/lang_heldout_ms2.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    // Malay articles are missing from the shared data: every hand-written
    // Malay sentence joined with two others (spread over the list) stands in
    // for one, to check that stopping early on articles does not cost Malay.
    let malay: Vec<&str> = samples.iter().chain(&heldout).chain(&heldout2).filter(|(l, _)| l == "ms").map(|(_, t)| t.as_str()).collect();
    let joined: Vec<(String, String)> =
        (0..malay.len()).map(|s| ("ms".to_string(), [0, 7, 14].map(|j| malay[(s + j) % malay.len()]).join(" "))).collect();
    sets.push(("hand-written ms, 3 joined".into(), joined));
    sets.push(("hand-written ms (held out, 2nd)".into(), heldout2));

    let mut out = serde_json::Map::new();
    println!(
        "{:<30} {:>6} {:>9} {:>9} {:>9} {:>11} {:>11}",
        "set", "n", "warta", "unknown", "whatlang", "warta µs/t", "whatl µs/t"
    );
    let mut confusion: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let mut errors: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    let mut wl_confusion: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for (name, items) in &sets {
        if items.is_empty() {
            continue;
        }
        let t0 = Instant::now();
        let preds: Vec<&str> = items.iter().map(|(_, t)| lang::identify(t).0).collect();
        let ours_us = t0.elapsed().as_secs_f64() * 1e6 / items.len() as f64;
        let t1 = Instant::now();
        let wl: Vec<String> = items.iter().map(|(_, t)| whatlang_code(t)).collect();
        let wl_us = t1.elapsed().as_secs_f64() * 1e6 / items.len() as f64;
        let mut correct = 0;
        let mut unknown = 0;
        let mut wl_correct = 0;
        for (((gold, t), p), w) in items.iter().zip(&preds).zip(&wl) {
            if gold == p {
                correct += 1;
            }
            if *p == "unknown" {
                unknown += 1;
            }
            if gold == w {
                wl_correct += 1;
            }
            let row = bucket(gold);
            if bucket(p) != row {
                let ex = errors.entry((gold.clone(), p.to_string())).or_default();
                if ex.len() < 3 {
                    ex.push(t.chars().take(100).collect());
                }
            }
            *confusion.entry(row.clone()).or_default().entry(bucket(p)).or_default() += 1;
            *wl_confusion.entry(row).or_default().entry(bucket(w)).or_default() += 1;
        }
        println!(
            "{:<30} {:>6} {:>8.2}% {:>8.2}% {:>8.2}% {:>11.1} {:>11.1}",
            name,
            items.len(),
            pct(correct, items.len()),
            pct(unknown, items.len()),
            pct(wl_correct, items.len()),
            ours_us,
            wl_us
        );
        out.insert(
            name.clone(),
            json!({"n": items.len(), "accuracy": pct(correct, items.len()) / 100.0, "unknown": unknown,
                   "whatlang_accuracy": pct(wl_correct, items.len()) / 100.0, "us_per_text": ours_us, "whatlang_us_per_text": wl_us}),
        );
    }
    print_confusion("warta confusion (rows gold, columns predicted; all sets)", &confusion);
    println!("examples of errors (gold -> predicted):");
    for ((g, p), ex) in &errors {
        for t in ex {
            println!("  {g} -> {p}: {t:?}");
        }
    }
    print_confusion("whatlang 0.18 confusion (same items; it has no Malay)", &wl_confusion);
    println!();
    out.insert("confusion".into(), json!(confusion));
    out.insert("whatlang_confusion".into(), json!(wl_confusion));
    Value::Object(out)
}

const BUCKETS: [&str; 5] = ["id", "ms", "en", "other", "unknown"];

fn bucket(code: &str) -> String {
    match code {
        "id" | "ms" | "en" | "unknown" => code.to_string(),
        _ => "other".to_string(),
    }
}

fn print_confusion(title: &str, m: &BTreeMap<String, BTreeMap<String, usize>>) {
    println!("{title}");
    print!("{:>10}", "gold\\pred");
    for b in BUCKETS {
        print!("{:>9}", b);
    }
    println!();
    for row in BUCKETS {
        let Some(r) = m.get(row) else { continue };
        print!("{:>10}", row);
        for b in BUCKETS {
            print!("{:>9}", r.get(b).copied().unwrap_or(0));
        }
        println!();
    }
}

fn whatlang_code(text: &str) -> String {
    use whatlang::Lang;
    let Some(info) = whatlang::detect(text) else { return "unknown".into() };
    if !info.is_reliable() && text.len() < 40 {
        return "unknown".into();
    }
    match info.lang() {
        Lang::Ind => "id",
        Lang::Eng => "en",
        Lang::Deu => "de",
        Lang::Fra => "fr",
        Lang::Spa => "es",
        Lang::Ita => "it",
        Lang::Nld => "nl",
        Lang::Dan => "da",
        Lang::Pol => "pl",
        Lang::Slk => "sk",
        Lang::Rus => "ru",
        Lang::Bul => "bg",
        Lang::Ell => "el",
        Lang::Ara => "ar",
        Lang::Pes => "fa",
        Lang::Urd => "ur",
        Lang::Hin => "hi",
        Lang::Mar => "mr",
        Lang::Hye => "hy",
        Lang::Amh => "am",
        Lang::Jpn => "ja",
        Lang::Cmn => "zh",
        Lang::Mya => "my",
        _ => "other",
    }
    .to_string()
}

// ---------------------------------------------------------------- 6. speed

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}


/// Runs `f` and returns MB/s of `bytes`: by CPU time when available, else wall.
fn mb_per_s(bytes: usize, f: impl FnOnce()) -> f64 {
    let c0 = warta_core::cpu::thread_nanos();
    let t0 = Instant::now();
    f();
    let wall = t0.elapsed().as_secs_f64();
    let secs = match (c0, warta_core::cpu::thread_nanos()) {
        (Some(a), Some(b)) if b > a => (b - a) as f64 / 1e9,
        _ => wall,
    };
    bytes as f64 / secs / 1e6
}

fn speed_eval(idrss: &[Doc], indosum: &[Doc], ftfy: Option<&str>, data: &Path) -> Value {
    let clock = if warta_core::cpu::thread_nanos().is_some() { "thread CPU time" } else { "wall clock" };
    println!("== 6. Speed (one thread, release build, MB/s by {clock}; median of 5 runs)");
    let raw_bytes: usize = idrss.iter().map(|d| d.text.len()).sum();
    let clean_bytes: usize = indosum.iter().map(|d| d.text.len()).sum();
    let stage = Normalizer::new(NormalizeConfig::default());
    let nolang = Normalizer::new(NormalizeConfig { detect_language: false, ..NormalizeConfig::default() });
    let runs = 5;
    let mut stage_mbps = Vec::new();
    let mut text_mbps = Vec::new();
    let mut clean_mbps = Vec::new();
    let mut nolang_mbps = Vec::new();
    // Several passes per timed run: one pass over the scrape takes a few
    // tens of milliseconds, too short to time steadily on a shared machine.
    const PASSES: usize = 6;
    let copies = |docs: &[Doc]| -> Vec<Article> {
        (0..PASSES).flat_map(|_| docs.iter().map(|d| Article::new("x", d.text.clone()))).collect()
    };
    for _ in 0..runs {
        let mut arts = copies(idrss);
        stage_mbps.push(mb_per_s(raw_bytes * PASSES, || {
            for a in &mut arts {
                let _ = stage.process(a);
            }
        }));
        let mut arts = copies(idrss);
        nolang_mbps.push(mb_per_s(raw_bytes * PASSES, || {
            for a in &mut arts {
                let _ = nolang.process(a);
            }
        }));
        let cfg = NormalizeConfig::default();
        let mut sink = 0usize;
        text_mbps.push(mb_per_s(raw_bytes * PASSES, || {
            for _ in 0..PASSES {
                for d in idrss {
                    sink += normalize_text(&d.text, &cfg).len();
                }
            }
        }));
        std::hint::black_box(sink);
        let mut arts = copies(indosum);
        clean_mbps.push(mb_per_s(clean_bytes * PASSES, || {
            for a in &mut arts {
                let _ = stage.process(a);
            }
        }));
    }
    let stage_m = median(stage_mbps);
    println!("stage, raw scrape id-rss ({:.1} MB):              {:>8.1} MB/s", raw_bytes as f64 / 1e6, stage_m);
    println!("stage without language id, id-rss:               {:>8.1} MB/s", median(nolang_mbps));
    println!("normalize_text (chars + boilerplate), id-rss:    {:>8.1} MB/s", median(text_mbps.clone()));
    println!("stage, clean indosum-dev ({:.1} MB):              {:>8.1} MB/s", clean_bytes as f64 / 1e6, median(clean_mbps.clone()));
    println!("target: 100x ftfy on the same text: ~830 MB/s per core against ftfy 6.3.1's 8.31 MB/s per CPU-s measured");
    println!("        on this machine (--ftfy PYTHON measures it now); ~450 against the issue's 4.5 MB/s");
    println!("(the machine is shared: wall-clock figures can be several times lower than these)");
    let mut out = json!({"stage_mb_s": stage_m, "normalize_text_mb_s": median(text_mbps), "clean_stage_mb_s": median(clean_mbps),
                         "bytes": raw_bytes, "runs": runs});
    if let Some(python) = ftfy {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ftfy_bench.py");
        match std::process::Command::new(python).arg(&script).arg(data).output() {
            Ok(o) if o.status.success() => {
                let text = String::from_utf8_lossy(&o.stdout);
                print!("{text}");
                let key = if warta_core::cpu::thread_nanos().is_some() { "ftfy_cpu_mb_s " } else { "ftfy_mb_s " };
                if let Some(mbps) = text.lines().find_map(|l| l.strip_prefix(key)).and_then(|v| v.trim().parse::<f64>().ok()) {
                    println!("ratio warta stage / ftfy.fix_text ({clock}): {:.0}x", stage_m / mbps);
                    out["ftfy_mb_s"] = json!(mbps);
                    out["ratio_vs_ftfy"] = json!(stage_m / mbps);
                }
            }
            Ok(o) => println!("ftfy benchmark failed: {}", String::from_utf8_lossy(&o.stderr)),
            Err(e) => println!("cannot run {python}: {e}"),
        }
    }
    println!();
    out
}
