//! The dataset card (`README.md`) in the form of a Hugging Face dataset card:
//! YAML metadata, then sources, languages, counts, what was removed and why,
//! and the licences as the manifest declares them. It holds no timings, so
//! it is byte-identical across rebuilds of the same corpus.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::build::{Summary, WARTA_VERSION};
use crate::profile::{Profile, ARTICLE_BIN_WIDTH};
use crate::util::{human_bytes, thousands};

/// Why a record is rejected, in words (the reason codes are warta-core's).
pub fn reject_meaning(reason: &str) -> &'static str {
    match reason {
        "invalid_utf8" => "bytes that are not UTF-8 and could not be transcoded with confidence",
        "malformed_json" => "a JSONL line that is not a JSON object",
        "malformed_csv" => "a CSV row with a quoted field that is never closed",
        "missing_text" => "no text field, or one that is not a string",
        "empty_text" => "empty or whitespace-only text (possibly after normalisation)",
        "too_large" => "a record over the configured size limit",
        "truncated_stream" => "a compressed stream that ended early (records before the break were kept)",
        "binary" => "binary data, not text",
        "malformed_warc" => "a WARC record with broken headers or length",
        "no_article" => "an HTML page with no extractable article text",
        "unreadable" => "a file that could not be read",
        "duplicate_id" => "an id already used by an earlier record",
        "timeout" => "a stage exceeded the per-article time limit",
        "stage_error" => "a stage failed on the record",
        _ => "see rejects.jsonl.zst for details",
    }
}

fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The Hugging Face size category of a number of examples.
fn size_category(n: u64) -> &'static str {
    match n {
        0..=999 => "n<1K",
        1_000..=9_999 => "1K<n<10K",
        10_000..=99_999 => "10K<n<100K",
        100_000..=999_999 => "100K<n<1M",
        1_000_000..=9_999_999 => "1M<n<10M",
        10_000_000..=99_999_999 => "10M<n<100M",
        _ => "100M<n<1B",
    }
}

/// Markdown table cell: no pipes or newlines.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn pct(part: u64, whole: u64) -> String {
    if whole == 0 {
        "–".into()
    } else {
        format!("{:.1}%", part as f64 * 100.0 / whole as f64)
    }
}

pub fn render(s: &Summary<'_>) -> String {
    let m = s.manifest;
    let st = &s.stats;
    let mut out = String::new();

    // Metadata.
    let languages: Vec<&String> = s.profile.languages.keys().filter(|l| l.as_str() != "unknown").collect();
    let mut licences: Vec<String> = m.inputs.iter().filter_map(|i| i.spec.license.clone()).collect();
    licences.sort();
    licences.dedup();
    let _ = writeln!(out, "---");
    let _ = writeln!(out, "pretty_name: {}", yaml_str(&m.name));
    if languages.is_empty() {
        let _ = writeln!(out, "language: []");
    } else {
        let _ = writeln!(out, "language:");
        for l in &languages {
            let _ = writeln!(out, "- {}", yaml_str(l));
        }
    }
    let _ = writeln!(out, "multilinguality: {}", if languages.len() > 1 { "multilingual" } else { "monolingual" });
    // Mixed or free-text licences cannot be one SPDX id: "other", detailed below.
    let spdx_like = licences.len() == 1 && licences[0].chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.'));
    let _ = writeln!(out, "license: {}", if spdx_like { licences[0].to_ascii_lowercase() } else { "other".to_string() });
    let _ = writeln!(out, "size_categories:\n- {}", size_category(st.articles));
    let _ = writeln!(out, "task_categories:\n- text-generation\n- token-classification");
    let _ = writeln!(out, "tags:\n- news\n- warta");
    let _ = writeln!(out, "configs:\n- config_name: default\n  data_files:\n  - split: train\n    path: data/articles-*.jsonl.zst");
    let _ = writeln!(out, "---\n");

    let _ = writeln!(out, "# {}\n", m.name);
    if !m.description.trim().is_empty() {
        let _ = writeln!(out, "{}\n", m.description.trim());
    }
    let _ = writeln!(
        out,
        "Built by warta {WARTA_VERSION} from the manifest `{}` (build key `{}`). \
         Rebuild it with `cargo xtask corpus build {}`; `MANIFEST.json` lists every input file with its \
         SHA-256 and every output file with its checksum.\n",
        crate::util::relative_to(&m.manifest_path, &m.root),
        &s.build_key[..16.min(s.build_key.len())],
        crate::util::relative_to(&m.manifest_path, &m.root),
    );

    let _ = writeln!(out, "## Dataset summary\n");
    let _ = writeln!(out, "| | count |\n|---|---:|");
    let _ = writeln!(out, "| input records | {} |", thousands(st.records_in));
    let _ = writeln!(out, "| **articles kept** | **{}** ({}) |", thousands(st.articles), pct(st.articles, st.records_in));
    let _ = writeln!(out, "| duplicates set aside | {} ({}) |", thousands(st.duplicates), pct(st.duplicates, st.records_in));
    let _ = writeln!(out, "| records rejected | {} ({}) |", thousands(st.rejects), pct(st.rejects, st.records_in));
    let _ = writeln!(out, "| input size | {} in {} files |", human_bytes(st.input_bytes), s.files.len());
    let _ = writeln!(
        out,
        "| kept text | {} of UTF-8, {} words, {} sentences |\n",
        human_bytes(s.profile.text_bytes),
        thousands(s.profile.words),
        thousands(s.profile.sentences)
    );

    let _ = writeln!(out, "## Languages\n");
    let _ = writeln!(out, "Language of each kept article as identified by the normalisation stage (ISO 639-1; `unknown` when it could not tell).\n");
    let _ = writeln!(out, "| language | articles | share |\n|---|---:|---:|");
    let mut langs: Vec<(&String, &u64)> = s.profile.languages.iter().collect();
    langs.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    for (l, n) in langs {
        let _ = writeln!(out, "| `{}` | {} | {} |", cell(l), thousands(*n), pct(*n, st.articles));
    }
    let _ = writeln!(out);

    let _ = writeln!(out, "## Sources\n");
    let _ = writeln!(out, "| source | files | size | records | kept | duplicates | rejected | languages |\n|---|---:|---:|---:|---:|---:|---:|---|");
    for i in &s.inputs {
        let langs: Vec<String> = i.languages.iter().map(|(l, n)| format!("{l} {}", thousands(*n))).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            cell(&i.name),
            i.files,
            human_bytes(i.bytes),
            thousands(i.records_in),
            thousands(i.articles),
            thousands(i.duplicates),
            thousands(i.rejects),
            cell(&langs.join(", "))
        );
    }
    let _ = writeln!(out);
    for input in &m.inputs {
        let spec = &input.spec;
        let _ = writeln!(out, "### {}\n", spec.name);
        if !spec.description.trim().is_empty() {
            let _ = writeln!(out, "{}\n", spec.description.trim());
        }
        if let Some(o) = &spec.origin {
            let _ = writeln!(out, "- Origin: {}", o.trim());
        }
        let _ = writeln!(out, "- Files: {}", spec.paths.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", "));
        if let Some(l) = &input.config.ingest.default_lang {
            let _ = writeln!(out, "- Declared language: `{l}`");
        }
        if !input.config.ingest.fields.is_empty() {
            let map: Vec<String> = input.config.ingest.fields.iter().map(|(w, i)| format!("`{i}` → `{w}`")).collect();
            let _ = writeln!(out, "- Field mapping: {}", map.join(", "));
        }
        let _ = writeln!(out, "- Licence (as declared): {}", spec.license.as_deref().unwrap_or("not declared"));
        if let Some(u) = &spec.license_url {
            let _ = writeln!(out, "- Licence text: {u}");
        }
        if let Some(c) = &spec.citation {
            let _ = writeln!(out, "- Citation: {}", c.trim());
        }
        let _ = writeln!(out);
    }

    let _ = writeln!(out, "## Data files and fields\n");
    let shard_bytes: u64 = s.shards.iter().map(|f| f.size).sum();
    let _ = writeln!(
        out,
        "- `data/articles-NNNNN.jsonl.zst`: {} shards ({} compressed), one JSON article per line, \
         each shard at most {} of uncompressed JSONL.",
        s.shards.len(),
        human_bytes(shard_bytes),
        human_bytes(m.shard_max_bytes)
    );
    if m.parquet {
        let _ = writeln!(
            out,
            "- `data/articles-NNNNN.parquet`: the same articles as Parquet (zstd), one row each: `id`, `title`, `text`, `lang`, \
             `url`, `date`, `dateline`, and `annotations`, the rest of the JSONL record as a JSON string."
        );
    }
    let _ = writeln!(out, "- `duplicates.jsonl.zst`: one line per duplicate set aside: `id`, `duplicate_of` (the kept article), `kind` (exact/near), `similarity`, `source`.");
    let _ = writeln!(out, "- `rejects.jsonl.zst`: one line per rejected record: `source`, `id`, `stage`, `reason`, `detail`.");
    let _ = writeln!(out, "- `stats.json`: counts and timings per stage; `report.html`: charts of all of this; `MANIFEST.json`: provenance and checksums.\n");
    let _ = writeln!(out, "Article fields: `id`, `title`, `text`, `lang`, `url`, `date`, `dateline`, `source` (input file and record number), \
        `sentences` (`start`/`end` **character** offsets into `text`), `entities` (`start`, `end`, `label` PER/ORG/LOC, `text`, `score`), \
        `titles`, `entity_summary`, `removed` (text taken out, with stage and reason), `repairs`, `edits` (counts of changes by kind), \
        `signals`, and any input field warta does not know, passed through unchanged.\n");

    let _ = writeln!(out, "## What was removed and why\n");
    let _ = writeln!(out, "Every input record is accounted for: {} in = {} kept + {} duplicates + {} rejected.\n",
        thousands(st.records_in), thousands(st.articles), thousands(st.duplicates), thousands(st.rejects));
    if !st.rejects_by_reason.is_empty() {
        let _ = writeln!(out, "**Rejected records** (in `rejects.jsonl.zst`):\n");
        let _ = writeln!(out, "| reason | records | meaning |\n|---|---:|---|");
        for (r, n) in &st.rejects_by_reason {
            let _ = writeln!(out, "| `{}` | {} | {} |", cell(r), thousands(*n), reject_meaning(r));
        }
        let _ = writeln!(out);
    }
    if s.dups.total > 0 {
        let _ = writeln!(out, "**Duplicates** (in `duplicates.jsonl.zst`): the article a duplicate names in `duplicate_of` is the one kept.\n");
        let _ = writeln!(out, "| kind | records |\n|---|---:|");
        for (k, n) in &s.dups.by_kind {
            let _ = writeln!(out, "| {} | {} |", cell(k), thousands(*n));
        }
        let clusters: u64 = s.dups.cluster_sizes.values().sum();
        let _ = writeln!(out, "\n{} clusters; the largest holds {} copies.\n", thousands(clusters), s.dups.largest.first().map_or(0, |l| l.1));
    }
    let mut edits: BTreeMap<(String, String), u64> = BTreeMap::new();
    for (stage, stage_stats) in &st.stages {
        for (k, v) in &stage_stats.edits {
            edits.insert((stage.clone(), k.clone()), *v);
        }
    }
    if !edits.is_empty() {
        let _ = writeln!(out, "**Changes inside kept articles** (per-article detail in `removed`, `repairs` and `edits`):\n");
        let _ = writeln!(out, "| stage | change | count |\n|---|---|---:|");
        for ((stage, k), v) in &edits {
            let _ = writeln!(out, "| {} | `{}` | {} |", cell(stage), cell(k), thousands(*v));
        }
        let _ = writeln!(out);
    }

    let _ = writeln!(out, "## Lengths\n");
    let q = |bins: &[u64], w: u64, p: f64| Profile::quantile(bins, w, p).map_or("–".into(), |v| v.to_string());
    let _ = writeln!(
        out,
        "- Sentence length in words: median {}, 90th percentile {}.",
        q(&s.profile.sentence_words, 1, 0.5),
        q(&s.profile.sentence_words, 1, 0.9)
    );
    let _ = writeln!(
        out,
        "- Article length in words (bins of {ARTICLE_BIN_WIDTH}): median ≈ {}, 90th percentile ≈ {}.\n",
        q(&s.profile.article_words, ARTICLE_BIN_WIDTH, 0.5),
        q(&s.profile.article_words, ARTICLE_BIN_WIDTH, 0.9)
    );

    if !s.profile.entities.is_empty() {
        let _ = writeln!(out, "## Most frequent entities\n");
        let _ = writeln!(out, "Automatic tags (warta's perceptron tagger), mentions in kept articles.\n");
        for (label, list) in &s.profile.entities {
            let top: Vec<String> = list.iter().take(10).map(|(t, n)| format!("{} ({})", cell(t), thousands(*n))).collect();
            let _ = writeln!(out, "- **{}**: {}", cell(label), top.join(", "));
        }
        let _ = writeln!(out);
    }

    let _ = writeln!(out, "## Licensing\n");
    let _ = writeln!(out, "The licences below are those **declared in the manifest**; warta does not verify them. \
        The corpus combines its sources, so each article stays under the terms of the source it came from (see `source.file`).\n");
    let _ = writeln!(out, "| source | licence | terms |\n|---|---|---|");
    for input in &m.inputs {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            cell(&input.spec.name),
            cell(input.spec.license.as_deref().unwrap_or("not declared")),
            cell(input.spec.license_url.as_deref().unwrap_or(""))
        );
    }
    let _ = writeln!(out, "\n## Limitations\n");
    let _ = writeln!(out, "Language labels, sentence boundaries and entities are automatic and contain errors; \
        near-duplicate detection is approximate (MinHash). Text is normalised (Unicode, whitespace, boilerplate lines), \
        so it differs from the raw sources; every change is recorded in the article's `removed`, `repairs` and `edits` fields.");
    out
}
