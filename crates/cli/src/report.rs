//! What the CLI prints for people: the end-of-run summary and `inspect`.

use std::fmt::Write as _;
use std::path::Path;

use warta_core::{Article, RunStats};

/// The summary printed at the end of `warta run`: the same figures as `stats.json`.
pub fn summary(stats: &RunStats, out: &Path) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "warta {}: {} records in → {} articles, {} duplicates, {} rejects ({:.2} s, {} threads)",
        stats.warta_version, stats.records_in, stats.articles, stats.duplicates, stats.rejects, stats.wall_seconds, stats.threads
    );
    let _ = writeln!(
        s,
        "{:<10} {:>9} {:>9} {:>9} {:>10} {:>10} {:>12}",
        "stage", "in", "out", "rejected", "busy s", "MB/s", "MB/CPU-s"
    );
    for (name, st) in &stats.stages {
        let rejected: u64 = st.rejected.values().sum();
        // Per CPU-second only where the stage measured its CPU time.
        let per_cpu = if st.cpu_seconds > 0.0 { format!("{:.1}", st.mb_per_cpu_second()) } else { "-".to_string() };
        let _ = writeln!(
            s,
            "{:<10} {:>9} {:>9} {:>9} {:>10.3} {:>10.1} {:>12}",
            name, st.articles_in, st.articles_out, rejected, st.busy_seconds, st.mb_per_second(), per_cpu
        );
    }
    for (name, st) in &stats.stages {
        let mut parts: Vec<String> = st.rejected.iter().map(|(k, v)| format!("rejected {k}: {v}")).collect();
        parts.extend(st.duplicates.iter().map(|(k, v)| format!("{k} duplicates: {v}")));
        parts.extend(st.edits.iter().map(|(k, v)| format!("{k}: {v}")));
        if !parts.is_empty() {
            let _ = writeln!(s, "  {name}: {}", parts.join(", "));
        }
    }
    let _ = writeln!(s, "output: {}", out.display());
    s
}

/// The summary printed at the end of `warta merge`.
pub fn merge_summary(outcome: &warta_pipeline::MergeOutcome, out: &Path) -> String {
    let stats = &outcome.stats;
    let found: Vec<String> = outcome.cross_shard.iter().map(|(k, v)| format!("{v} {k}")).collect();
    let found = if found.is_empty() { "none".to_string() } else { found.join(", ") };
    let mut s = format!(
        "warta {}: merged {} records → {} articles, {} duplicates, {} rejects; duplicates across shards: {found}",
        stats.warta_version, stats.records_in, stats.articles, stats.duplicates, stats.rejects
    );
    if outcome.repointed > 0 {
        let _ = write!(s, " ({} duplicate lines re-pointed)", outcome.repointed);
    }
    let _ = writeln!(s, "\noutput: {}", out.display());
    s
}

/// One article after each stage, with what each stage changed.
pub fn inspect(snapshots: &[(String, Article)]) -> String {
    let mut s = String::new();
    let mut previous: Option<&Article> = None;
    for (stage, a) in snapshots {
        let _ = writeln!(s, "=== after {stage} ===");
        let text_changed = previous.is_none_or(|p| p.text != a.text);
        if text_changed {
            let _ = writeln!(s, "text ({} bytes):\n{}", a.text.len(), a.text);
        } else {
            let _ = writeln!(s, "text unchanged");
        }
        if previous.is_none_or(|p| p.lang != a.lang) {
            let _ = writeln!(s, "lang: {} ({:?})", a.lang_code(), a.lang_score);
        }
        if let Some(d) = &a.dateline {
            let _ = writeln!(s, "dateline: {d}");
        }
        let new_removed = a.removed.len() - previous.map_or(0, |p| p.removed.len().min(a.removed.len()));
        for r in &a.removed[a.removed.len() - new_removed..] {
            let _ = writeln!(s, "removed [{}]: {}", r.reason, r.text);
        }
        let new_repairs = a.repairs.len() - previous.map_or(0, |p| p.repairs.len().min(a.repairs.len()));
        for r in &a.repairs[a.repairs.len() - new_repairs..] {
            let _ = writeln!(s, "repaired [{}]: {:?} → {:?}", r.kind, r.before, r.after);
        }
        if previous.is_none_or(|p| p.sentences != a.sentences) && !a.sentences.is_empty() {
            let _ = writeln!(s, "sentences ({}):", a.sentences.len());
            for (i, sent) in a.sentence_texts().enumerate() {
                let _ = writeln!(s, "  {:>3}. {sent}", i + 1);
            }
        }
        if let Some(d) = &a.duplicate {
            let _ = writeln!(s, "duplicate of {} ({}, similarity {:.3})", d.of, d.kind.as_str(), d.similarity);
        }
        if previous.is_none_or(|p| p.entities != a.entities) && !a.entities.is_empty() {
            let ents: Vec<String> =
                a.entities.iter().map(|e| format!("{}/{}", e.span.slice(&a.text), e.label)).collect();
            let _ = writeln!(s, "entities: {}", ents.join(", "));
        }
        previous = Some(a);
    }
    s
}
