//! `cargo xtask eval seed`: the whole pipeline on the seed article
//! (`../shared/seed/`), checked against the project's annotation of its noise
//! and its entities (`xtask/seed-annotation.json`). The seed is the article
//! the project started from; this report says how clean its output is.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};

use crate::{release_binary, root, run_cmd};

pub fn run(data: &Path) -> Result<Value> {
    let seed_dir = data.parent().map(|p| p.join("seed")).unwrap_or_default();
    let Some(seed_file) = first_txt(&seed_dir) else {
        println!("eval seed: no seed article in {} (it sits beside ../shared/data); nothing ran.", seed_dir.display());
        return Ok(Value::Null);
    };
    let annotation: Value = serde_json::from_str(&std::fs::read_to_string(root().join("xtask/seed-annotation.json"))?)?;
    let warta = release_binary()?;
    let out = root().join("target/eval/seed");
    run_cmd(Command::new(&warta).args(["run", "--quiet", "--threads", "1", "--out"]).arg(&out).arg(&seed_dir))?;
    let line = std::fs::read_to_string(out.join("articles.jsonl"))?;
    let article: Value = serde_json::from_str(line.lines().next().context("the seed run wrote no article")?)?;
    let raw = std::fs::read_to_string(&seed_file)?;
    let raw_body = raw.split_once('\n').map_or("", |(_, body)| body);
    let text = article["text"].as_str().unwrap_or_default();

    println!("\n== The seed article ({}), whole pipeline (`warta run`)\n", seed_file.display());
    let title = str_field(&annotation, "title_repeat")?;
    println!("title repeated in the body: {} → {}", raw_body.matches(title).count(), text.matches(title).count());
    let fragment = str_field(&annotation, "injected_fragment")?;
    // The genuine occurrence loses its inserted stop, so count without it.
    let stem = fragment.trim_end_matches('.');
    println!(
        "injected fragment: {} → {} occurrences ({} genuine)",
        raw_body.matches(stem).count(),
        text.matches(stem).count(),
        annotation["injected_fragment_genuine"]
    );

    let stops = str_list(&annotation, "spurious_stops")?;
    let mut repaired = 0;
    for stop in &stops {
        if text.contains(stop.as_str()) {
            println!("   stop left        {stop}");
        } else if joined_forms(stop).iter().any(|joined| text.contains(joined.as_str())) {
            repaired += 1;
        } else {
            println!("   stop not found   {stop} (its text was removed or changed)");
        }
    }
    let repairs: Vec<&str> = article["repairs"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| r["kind"] == "spurious_full_stop")
        .filter_map(|r| r["before"].as_str())
        .collect();
    let wrong: Vec<&str> = repairs.iter().copied().filter(|before| !stops.iter().any(|s| before.contains(s.as_str()))).collect();
    for w in &wrong {
        println!("   wrong repair     …{w}…");
    }
    println!("inserted stops repaired: {repaired} of {}; repairs that were not inserted stops: {}", stops.len(), wrong.len());

    let prefixes = str_list(&annotation, "split_prefixes")?;
    let joined = prefixes.iter().filter(|p| !text.contains(p.as_str()) && text.contains(&p.replace(' ', ""))).count();
    println!("split prefixes joined: {joined} of {}", prefixes.len());

    let entities = score_entities(text, &article, &annotation)?;
    println!(
        "entities (every mention in the body, exact span and label): P {:.3} R {:.3} F1 {:.3} ({} right, {} predicted, {} gold)",
        entities.precision(),
        entities.recall(),
        entities.f1(),
        entities.right,
        entities.predicted,
        entities.gold
    );
    for m in &entities.messages {
        println!("   {m}");
    }
    Ok(json!({
        "title_repeats_left": text.matches(title).count(),
        "fragment_occurrences_left": text.matches(stem).count(),
        "stops_annotated": stops.len(),
        "stops_repaired": repaired,
        "wrong_repairs": wrong.len(),
        "split_prefixes_joined": joined,
        "entities": {"precision": entities.precision(), "recall": entities.recall(), "f1": entities.f1(),
                     "right": entities.right, "predicted": entities.predicted, "gold": entities.gold},
    }))
}

#[derive(Default)]
struct EntityScore {
    right: usize,
    predicted: usize,
    gold: usize,
    messages: Vec<String>,
}

impl EntityScore {
    fn precision(&self) -> f64 {
        self.right as f64 / self.predicted.max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.right as f64 / self.gold.max(1) as f64
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Gold mentions are every whole-word occurrence of an annotated name in the
/// output text, longest names first, outside the `ignore` spans; predictions
/// inside an `ignore` span are not scored. Spans are char offsets, as in the
/// output JSON.
fn score_entities(text: &str, article: &Value, annotation: &Value) -> Result<EntityScore> {
    let chars: Vec<char> = text.chars().collect();
    let mut taken = vec![false; chars.len()];
    let mut ignored = Vec::new();
    for name in str_list(annotation, "ignore")? {
        for start in word_occurrences(&chars, &name) {
            let end = start + name.chars().count();
            taken[start..end].iter_mut().for_each(|t| *t = true);
            ignored.push((start, end));
        }
    }
    let mut names: Vec<(String, Vec<String>)> = Vec::new();
    for e in annotation["entities"].as_array().context("seed annotation: `entities` is not a list")? {
        let labels = e["labels"].as_array().into_iter().flatten().filter_map(|l| l.as_str().map(String::from)).collect();
        names.push((e["text"].as_str().unwrap_or_default().to_string(), labels));
    }
    names.sort_by_key(|(name, _)| std::cmp::Reverse(name.chars().count()));
    let mut gold: Vec<(usize, usize, &[String])> = Vec::new();
    for (name, labels) in &names {
        for start in word_occurrences(&chars, name) {
            let end = start + name.chars().count();
            if taken[start..end].iter().any(|&t| t) {
                continue;
            }
            taken[start..end].iter_mut().for_each(|t| *t = true);
            gold.push((start, end, labels));
        }
    }
    gold.sort_by_key(|g| g.0);
    let mut score = EntityScore { gold: gold.len(), ..EntityScore::default() };
    let predicted: Vec<(usize, usize, &str)> = article["entities"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| (e["start"].as_u64().unwrap_or(0) as usize, e["end"].as_u64().unwrap_or(0) as usize, e["label"].as_str().unwrap_or("")))
        .collect();
    // The span with a few words of context: "…left [span] right…".
    let span_text = |s: usize, e: usize| {
        let (s, e) = (s.min(chars.len()), e.min(chars.len()));
        let left: String = chars[s.saturating_sub(24)..s].iter().collect();
        let right: String = chars[e..(e + 24).min(chars.len())].iter().collect();
        let span: String = chars[s..e].iter().collect();
        format!("{span:<20} …{}[{span}]{}…", left.replace('\n', " "), right.replace('\n', " "))
    };
    for &(s, e, label) in &predicted {
        if ignored.iter().any(|&(is, ie)| s < ie && is < e) {
            continue;
        }
        score.predicted += 1;
        match gold.iter().find(|g| g.0 == s && g.1 == e) {
            Some(g) if g.2.iter().any(|l| l == label) => score.right += 1,
            Some(g) => score.messages.push(format!("wrong label  {label} {} (gold {})", span_text(s, e), g.2.join("/"))),
            None => score.messages.push(format!("wrong span   {label} {}", span_text(s, e))),
        }
    }
    for &(s, e, labels) in &gold {
        if !predicted.iter().any(|p| p.0 == s && p.1 == e) {
            score.messages.push(format!("missed       {} {}", labels.join("/"), span_text(s, e)));
        }
    }
    Ok(score)
}

/// Char offsets where `name` occurs with no letter or digit on either side.
fn word_occurrences(chars: &[char], name: &str) -> Vec<usize> {
    let needle: Vec<char> = name.chars().collect();
    if needle.is_empty() || needle.len() > chars.len() {
        return Vec::new();
    }
    (0..=chars.len() - needle.len())
        .filter(|&i| chars[i..i + needle.len()] == needle[..])
        .filter(|&i| i == 0 || !chars[i - 1].is_alphanumeric())
        .filter(|&i| chars.get(i + needle.len()).is_none_or(|c| !c.is_alphanumeric()))
        .collect()
}

fn first_txt(dir: &Path) -> Option<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).ok()?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    files.into_iter().find(|p| p.extension().is_some_and(|e| e == "txt"))
}

fn str_field<'a>(v: &'a Value, key: &str) -> Result<&'a str> {
    match v[key].as_str() {
        Some(s) => Ok(s),
        None => bail!("seed annotation: `{key}` is missing"),
    }
}

fn str_list(v: &Value, key: &str) -> Result<Vec<String>> {
    match v[key].as_array() {
        Some(list) => Ok(list.iter().filter_map(|s| s.as_str().map(String::from)).collect()),
        None => bail!("seed annotation: `{key}` is missing"),
    }
}

/// A spurious stop ("angkasa. Manufaktur") repaired: the two words joined,
/// the second as written or given its lower case back ("angkasa
/// manufaktur"), as the segmenter does for a word the spinner capitalised.
/// This counts the stop's removal; whether the case came back right is not
/// judged here.
fn joined_forms(stop: &str) -> Vec<String> {
    let joined = stop.replacen(". ", " ", 1);
    let mut forms = vec![joined.clone()];
    if let Some(at) = stop.find(". ") {
        let (head, tail) = joined.split_at(at + 1);
        let mut chars = tail.chars();
        if let Some(first) = chars.next() {
            forms.push(format!("{head}{}{}", first.to_lowercase(), chars.as_str()));
        }
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Char offsets of `needle`'s first occurrence in `text`.
    fn span(text: &str, needle: &str) -> (usize, usize) {
        let byte = text.find(needle).expect("needle in text");
        let start = text[..byte].chars().count();
        (start, start + needle.chars().count())
    }

    #[test]
    fn a_stop_is_repaired_with_the_next_word_as_written_or_lowered() {
        assert_eq!(joined_forms("angkasa. Manufaktur"), ["angkasa Manufaktur", "angkasa manufaktur"]);
        assert_eq!(joined_forms("di. Ukraina"), ["di Ukraina", "di ukraina"]);
    }

    #[test]
    fn entities_are_scored_per_mention_longest_name_first_outside_ignored_spans() {
        let text = "Li Qiang tiba di Moskow. Li bertemu mitra Tiongkok-Rusia dan “Li” lagi di Moskowa.";
        let annotation = json!({
            "entities": [
                {"text": "Li", "labels": ["PER"]},
                {"text": "Li Qiang", "labels": ["PER"]},
                {"text": "Moskow", "labels": ["LOC"]},
                {"text": "Rusia", "labels": ["LOC"]},
            ],
            "ignore": ["Tiongkok-Rusia"],
        });
        let entity = |needle: &str, label: &str| {
            let (start, end) = span(text, needle);
            json!({"start": start, "end": end, "label": label})
        };
        let article = json!({"entities": [
            entity("Li Qiang", "PER"),     // right (not two mentions: "Li" inside is taken)
            entity("Moskow.", "LOC"),      // wrong span
            entity("Tiongkok-Rusia", "LOC"), // inside an ignored span: not scored
            entity("“Li”", "ORG"),        // wrong span (quotes included)
        ]});
        let score = score_entities(text, &article, &annotation).unwrap();
        // Gold: "Li Qiang", "Moskow", "Li", "Li" (in quotes); "Moskowa" is
        // another word and "Rusia" lies inside the ignored compound.
        assert_eq!(score.gold, 4);
        assert_eq!(score.predicted, 3);
        assert_eq!(score.right, 1);
        assert!((score.precision() - 1.0 / 3.0).abs() < 1e-9);
        assert!((score.recall() - 0.25).abs() < 1e-9);
        assert_eq!(score.messages.iter().filter(|m| m.starts_with("missed")).count(), 3);
    }

    #[test]
    fn occurrences_are_whole_words() {
        let chars: Vec<char> = "Li, Lima dan Li".chars().collect();
        assert_eq!(word_occurrences(&chars, "Li"), vec![0, 13]);
        assert!(word_occurrences(&chars, "").is_empty());
        assert!(word_occurrences(&chars, "a much longer needle than the text").is_empty());
    }
}

