//! `report.html`: one self-contained page (no scripts, no fonts, no external
//! references of any kind) with inline SVG charts, so it opens offline and
//! can be mailed around.

use std::fmt::Write as _;

use crate::build::{Summary, WARTA_VERSION};
use crate::card::reject_meaning;
use crate::profile::{Profile, ARTICLE_BIN_WIDTH};
use crate::util::{human_bytes, thousands};

const BLUE: &str = "#2b6cb0";
const RED: &str = "#c53030";
const ORANGE: &str = "#dd6b20";
const GREEN: &str = "#2f855a";
const GREY: &str = "#a0aec0";
const PURPLE: &str = "#6b46c1";

/// Escapes text for HTML and SVG.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Cuts a label to `max` characters.
fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// One bar of a horizontal chart: stacked segments (value, colour), the
/// label on the left and a note on the right.
struct Bar {
    label: String,
    segments: Vec<(f64, &'static str)>,
    note: String,
}

fn hbars(bars: &[Bar], label_width: u32) -> String {
    hbars_sized(bars, label_width, 430, 300)
}

/// `hbars` for a half-width panel.
fn hbars_narrow(bars: &[Bar], label_width: u32) -> String {
    hbars_sized(bars, label_width, 200, 110)
}

fn hbars_sized(bars: &[Bar], label_width: u32, bar_width: u32, note_width: u32) -> String {
    if bars.is_empty() {
        return "<p class=\"none\">nothing to show</p>".into();
    }
    let row = 22u32;
    let bar_w = bar_width as f64;
    let width = label_width + bar_width + note_width;
    let height = row * bars.len() as u32 + 6;
    let max = bars.iter().map(|b| b.segments.iter().map(|s| s.0).sum::<f64>()).fold(0.0, f64::max).max(1e-9);
    let mut svg = format!(
        "<svg viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\">"
    );
    for (i, b) in bars.iter().enumerate() {
        let y = i as u32 * row + 3;
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"lbl\">{}</text>",
            label_width - 6,
            y + 14,
            esc(&short(&b.label, (label_width / 7) as usize))
        );
        let mut x = label_width as f64;
        for (v, colour) in &b.segments {
            let w = (v / max * bar_w).max(if *v > 0.0 { 1.0 } else { 0.0 });
            let _ = write!(svg, "<rect x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"{}\" fill=\"{colour}\"/>", row - 6);
            x += w;
        }
        let _ = write!(svg, "<text x=\"{:.1}\" y=\"{}\" class=\"note\">{}</text>", x + 6.0, y + 14, esc(&b.note));
    }
    svg.push_str("</svg>");
    svg
}

/// A vertical histogram: one column per bin, x labels every `tick` bins,
/// and optional marker lines (bin position, text).
fn columns(bins: &[(String, u64)], tick: usize, markers: &[(f64, String)], colour: &str, x_title: &str) -> String {
    let total: u64 = bins.iter().map(|b| b.1).sum();
    if total == 0 {
        return "<p class=\"none\">nothing to show</p>".into();
    }
    let (left, plot_w, plot_h, top) = (56f64, 900f64, 170f64, 18f64);
    let width = left + plot_w + 20.0;
    let height = top + plot_h + 46.0;
    let max = bins.iter().map(|b| b.1).max().unwrap_or(1).max(1) as f64;
    let col_w = plot_w / bins.len() as f64;
    let mut svg = format!("<svg viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\">");
    // y axis: 0, half, max
    let max_count = max as u64;
    let ticks: Vec<f64> = if max_count >= 4 { vec![0.0, 0.5, 1.0] } else { vec![0.0, 1.0] };
    for frac in ticks {
        let y = top + plot_h * (1.0 - frac);
        let _ = write!(
            svg,
            "<line x1=\"{left}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" class=\"grid\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" class=\"note\">{}</text>",
            left + plot_w,
            left - 6.0,
            y + 4.0,
            thousands((max * frac).round() as u64)
        );
    }
    for (i, (label, v)) in bins.iter().enumerate() {
        let h = *v as f64 / max * plot_h;
        let x = left + i as f64 * col_w;
        if *v > 0 {
            let _ = write!(
                svg,
                "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" fill=\"{colour}\"><title>{}: {}</title></rect>",
                x + col_w * 0.08,
                top + plot_h - h.max(1.0),
                (col_w * 0.84).max(0.5),
                h.max(1.0),
                esc(label),
                thousands(*v)
            );
        }
        if i % tick.max(1) == 0 {
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"note\">{}</text>",
                x + col_w / 2.0,
                top + plot_h + 15.0,
                esc(label)
            );
        }
    }
    for (k, (pos, text)) in markers.iter().enumerate() {
        let x = left + (pos + 0.5) * col_w;
        // Staggered, so that close markers do not write over each other.
        let _ = write!(
            svg,
            "<line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{top}\" y2=\"{:.1}\" class=\"marker\"/><text x=\"{:.1}\" y=\"{:.1}\" class=\"mark\">{}</text>",
            top + plot_h,
            x + 4.0,
            top + 10.0 + 14.0 * k as f64,
            esc(text)
        );
    }
    let _ = write!(
        svg,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"axis\">{}</text></svg>",
        left + plot_w / 2.0,
        height - 6.0,
        esc(x_title)
    );
    svg
}

fn tile(out: &mut String, value: &str, label: &str, colour: &str) {
    let _ = write!(out, "<div class=\"tile\"><div class=\"v\" style=\"color:{colour}\">{}</div><div class=\"l\">{}</div></div>", esc(value), esc(label));
}

fn reasons(map: &std::collections::BTreeMap<String, u64>) -> String {
    let mut v: Vec<(&String, &u64)> = map.iter().filter(|(_, n)| **n > 0).collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    v.iter().map(|(k, n)| format!("{k} {}", thousands(**n))).collect::<Vec<_>>().join(", ")
}

const CSS: &str = "
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;margin:0;background:#f7fafc;color:#1a202c}
main{max-width:1180px;margin:0 auto;padding:24px}
h1{margin:0 0 4px;font-size:26px}h2{font-size:19px;margin:0 0 6px}
.sub{color:#4a5568;margin:0 0 18px;font-size:14px}
section{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:16px 18px;margin:0 0 18px;overflow-x:auto}
.tiles{display:grid;grid-template-columns:repeat(6,1fr);gap:12px;margin:0 0 18px}
.tile{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:12px}
.tile .v{font-size:24px;font-weight:700}.tile .l{font-size:13px;color:#4a5568}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:18px}
.grid2 section{margin:0}
p.hint{color:#4a5568;font-size:13px;margin:0 0 10px}
p.none{color:#718096;font-style:italic}
table{border-collapse:collapse;font-size:13px;margin-top:8px}
td,th{border-bottom:1px solid #edf2f7;padding:4px 10px;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
svg{display:block;max-width:100%;height:auto}
svg text{font-size:12px;fill:#2d3748}
svg .note{fill:#4a5568;font-size:11px}svg .axis{fill:#4a5568;font-size:12px}
svg .mark{fill:#c53030;font-size:11px}
svg .grid{stroke:#edf2f7}svg .marker{stroke:#c53030;stroke-dasharray:4 3}
.legend span{display:inline-block;margin-right:14px;font-size:12px}
.legend i{display:inline-block;width:11px;height:11px;margin-right:4px;vertical-align:-1px}
code{background:#edf2f7;padding:0 4px;border-radius:3px;font-size:12px}
footer{color:#718096;font-size:12px;margin-top:8px}
";

fn legend(items: &[(&str, &str)]) -> String {
    let mut s = String::from("<div class=\"legend\">");
    for (colour, text) in items {
        let _ = write!(s, "<span><i style=\"background:{colour}\"></i>{}</span>", esc(text));
    }
    s.push_str("</div>");
    s
}

pub fn render(s: &Summary<'_>) -> String {
    let m = s.manifest;
    let st = &s.stats;
    let p = &s.profile;
    let mut h = String::with_capacity(64 * 1024);
    let _ = write!(
        h,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{} · warta corpus report</title><style>{CSS}</style></head><body><main>",
        esc(&m.name)
    );
    let _ = write!(
        h,
        "<h1>{}</h1><p class=\"sub\">warta {WARTA_VERSION} corpus report · {} inputs, {} files, {} units ({} run in the last build) · build key <code>{}</code></p>",
        esc(&m.name),
        s.inputs.len(),
        s.files.len(),
        s.units,
        s.units_run,
        esc(&s.build_key[..16.min(s.build_key.len())])
    );
    if !m.description.trim().is_empty() {
        let _ = write!(h, "<p class=\"sub\">{}</p>", esc(m.description.trim()));
    }

    h.push_str("<div class=\"tiles\">");
    tile(&mut h, &thousands(st.records_in), "records in", "#2d3748");
    tile(&mut h, &thousands(st.articles), "articles kept", BLUE);
    tile(&mut h, &thousands(st.duplicates), "duplicates", ORANGE);
    tile(&mut h, &thousands(st.rejects), "rejects", RED);
    tile(&mut h, &human_bytes(st.input_bytes), "input read", "#2d3748");
    tile(&mut h, &format!("{:.1} s", st.wall_seconds), "pipeline time (all units)", "#2d3748");
    h.push_str("</div>");

    // Articles through the stages.
    h.push_str("<section><h2>Articles in and out per stage</h2><p class=\"hint\">Each bar is what entered the stage: kept (blue), rejected (red), set aside as duplicates (orange).</p>");
    h.push_str(&legend(&[(BLUE, "kept"), (RED, "rejected"), (ORANGE, "duplicates")]));
    let mut bars = Vec::new();
    // De-duplication passes duplicates on, marked, to the writer: what the
    // stage keeps is what entered less what it rejected or marked.
    let kept = |ss: &warta_core::StageStats| {
        let rejected: u64 = ss.rejected.values().sum();
        let dups: u64 = ss.duplicates.values().sum();
        ss.articles_out.min(ss.articles_in.saturating_sub(rejected + dups))
    };
    for (name, ss) in &st.stages {
        let rejected: u64 = ss.rejected.values().sum();
        let dups: u64 = ss.duplicates.values().sum();
        bars.push(Bar {
            label: name.clone(),
            segments: vec![(kept(ss) as f64, BLUE), (rejected as f64, RED), (dups as f64, ORANGE)],
            note: format!("{} in → {} kept", thousands(ss.articles_in), thousands(kept(ss))),
        });
    }
    h.push_str(&hbars(&bars, 110));
    h.push_str("<table><tr><th>stage</th><th class=\"n\">in</th><th class=\"n\">kept</th><th>rejected, by reason</th><th>duplicates, by kind</th></tr>");
    for (name, ss) in &st.stages {
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td></tr>",
            esc(name),
            thousands(ss.articles_in),
            thousands(kept(ss)),
            esc(&reasons(&ss.rejected)),
            esc(&reasons(&ss.duplicates))
        );
    }
    h.push_str("</table>");
    if !st.rejects_by_reason.is_empty() {
        h.push_str("<table><tr><th>reject reason</th><th class=\"n\">records</th><th>meaning</th></tr>");
        for (r, n) in &st.rejects_by_reason {
            let _ = write!(h, "<tr><td><code>{}</code></td><td class=\"n\">{}</td><td>{}</td></tr>", esc(r), thousands(*n), esc(reject_meaning(r)));
        }
        h.push_str("</table>");
    }
    h.push_str("</section>");

    // Changes inside articles.
    let mut edits: Vec<(String, u64)> = Vec::new();
    for (stage, ss) in &st.stages {
        for (k, v) in &ss.edits {
            edits.push((format!("{stage}: {k}"), *v));
        }
    }
    edits.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    h.push_str("<section><h2>Changes inside kept articles</h2><p class=\"hint\">Edits, removals and repairs by kind, summed over articles (each is recorded in the article's <code>edits</code>, <code>removed</code> and <code>repairs</code>).</p>");
    let bars: Vec<Bar> = edits
        .iter()
        .take(20)
        .map(|(k, v)| Bar { label: k.clone(), segments: vec![(*v as f64, PURPLE)], note: thousands(*v) })
        .collect();
    h.push_str(&hbars(&bars, 260));
    h.push_str("</section>");

    // Duplicates.
    h.push_str("<section><h2>Duplicate clusters</h2>");
    let clusters: u64 = s.dups.cluster_sizes.values().sum();
    let _ = write!(
        h,
        "<p class=\"hint\">{} duplicates ({}) in {} clusters; a cluster is a kept article and the copies set aside in its favour.</p>",
        thousands(s.dups.total),
        esc(&reasons(&s.dups.by_kind)),
        thousands(clusters)
    );
    let groups: [(u64, u64, &str); 9] =
        [(2, 2, "2"), (3, 3, "3"), (4, 4, "4"), (5, 5, "5"), (6, 10, "6–10"), (11, 20, "11–20"), (21, 50, "21–50"), (51, 100, "51–100"), (101, u64::MAX, "over 100")];
    let bars: Vec<Bar> = groups
        .iter()
        .map(|(lo, hi, label)| {
            let n: u64 = s.dups.cluster_sizes.range(lo..=hi).map(|(_, c)| c).sum();
            Bar { label: format!("{label} copies"), segments: vec![(n as f64, ORANGE)], note: format!("{} clusters", thousands(n)) }
        })
        .collect();
    if clusters > 0 {
        h.push_str(&hbars(&bars, 110));
        h.push_str("<table><tr><th>largest clusters: kept article</th><th class=\"n\">size</th></tr>");
        for (id, n) in &s.dups.largest {
            let _ = write!(h, "<tr><td><code>{}</code></td><td class=\"n\">{}</td></tr>", esc(id), thousands(*n));
        }
        h.push_str("</table>");
    } else {
        h.push_str("<p class=\"none\">no duplicates</p>");
    }
    if s.dups.near_similarity.iter().any(|&n| n > 0) {
        h.push_str("<h2 style=\"margin-top:14px\">Similarity of near duplicates</h2>");
        let bins: Vec<(String, u64)> = s.dups.near_similarity.iter().enumerate().map(|(i, n)| (format!("{:.2}", i as f64 / 20.0), *n)).collect();
        h.push_str(&columns(&bins, 2, &[], ORANGE, "estimated Jaccard similarity to the kept article"));
    }
    h.push_str("</section>");

    // Languages and sources.
    h.push_str("<div class=\"grid2\"><section><h2>Languages of kept articles</h2>");
    let mut langs: Vec<(&String, &u64)> = p.languages.iter().collect();
    langs.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    let bars: Vec<Bar> = langs
        .iter()
        .map(|(l, n)| Bar {
            label: (*l).clone(),
            segments: vec![(**n as f64, GREEN)],
            note: format!("{} ({:.1}%)", thousands(**n), **n as f64 * 100.0 / p.articles.max(1) as f64),
        })
        .collect();
    h.push_str(&hbars_narrow(&bars, 70));
    h.push_str("</section><section><h2>Sources</h2><table><tr><th>input</th><th class=\"n\">files</th><th class=\"n\">size</th><th class=\"n\">records</th><th class=\"n\">kept</th><th class=\"n\">dups</th><th class=\"n\">rejects</th></tr>");
    for i in &s.inputs {
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(&i.name),
            i.files,
            esc(&human_bytes(i.bytes)),
            thousands(i.records_in),
            thousands(i.articles),
            thousands(i.duplicates),
            thousands(i.rejects)
        );
    }
    h.push_str("</table><table><tr><th>input</th><th>licence (as declared)</th></tr>");
    for i in &m.inputs {
        let _ = write!(h, "<tr><td>{}</td><td>{}</td></tr>", esc(&i.spec.name), esc(i.spec.license.as_deref().unwrap_or("not declared")));
    }
    h.push_str("</table></section></div><div style=\"height:18px\"></div>");

    // Lengths.
    let q = |bins: &[u64], w: u64, x: f64| Profile::quantile(bins, w, x);
    h.push_str("<section><h2>Sentence length</h2>");
    let _ = write!(h, "<p class=\"hint\">{} sentences in kept articles, length in words (whitespace-separated); the last column is 120 or more.</p>", thousands(p.sentences));
    let sbins: Vec<(String, u64)> = p
        .sentence_words
        .iter()
        .enumerate()
        .map(|(i, n)| (if i + 1 == p.sentence_words.len() { format!("{i}+") } else { i.to_string() }, *n))
        .collect();
    let mut marks = Vec::new();
    if let Some(v) = q(&p.sentence_words, 1, 0.5) {
        marks.push((v as f64, format!("median {v}")));
    }
    if let Some(v) = q(&p.sentence_words, 1, 0.9) {
        marks.push((v as f64, format!("p90 {v}")));
    }
    h.push_str(&columns(&sbins, 10, &marks, BLUE, "words per sentence"));
    h.push_str("</section>");

    h.push_str("<section><h2>Article length</h2>");
    // Columns wide enough that the 99th percentile fits in about 60 of
    // them, then one overflow column.
    let p99 = q(&p.article_words, ARTICLE_BIN_WIDTH, 0.99).unwrap_or(0);
    let per = match p99 {
        0..=1499 => 1usize,
        1500..=2999 => 2,
        3000..=5999 => 4,
        _ => 8,
    };
    let width = per as u64 * ARTICLE_BIN_WIDTH;
    let shown = ((p99 / width) as usize + 2).clamp(10, 64);
    let mut abins: Vec<(String, u64)> = Vec::new();
    for b in 0..shown {
        let n: u64 = p.article_words.iter().skip(b * per).take(per).sum();
        abins.push(((b as u64 * width).to_string(), n));
    }
    let rest: u64 = p.article_words.iter().skip(shown * per).sum();
    abins.push((format!("{}+", shown as u64 * width), rest));
    let mut marks = Vec::new();
    if let Some(v) = q(&p.article_words, ARTICLE_BIN_WIDTH, 0.5) {
        marks.push(((v / width) as f64, format!("median ≈{v}")));
    }
    if let Some(v) = q(&p.article_words, ARTICLE_BIN_WIDTH, 0.9) {
        marks.push((((v / width) as f64).min(shown as f64), format!("p90 ≈{v}")));
    }
    let _ = write!(h, "<p class=\"hint\">{} kept articles, length in words, columns of {width} words.</p>", thousands(p.articles));
    h.push_str(&columns(&abins, (abins.len() / 12).max(1), &marks, BLUE, "words per article"));
    h.push_str("</section>");

    // Entities.
    h.push_str("<section><h2>Top entities per label</h2><p class=\"hint\">Mentions in kept articles, as tagged automatically.");
    if p.entities_truncated {
        h.push_str(" Counts are summed over each unit's 5,000 most frequent forms per label.");
    }
    h.push_str("</p>");
    if p.entities.is_empty() {
        h.push_str("<p class=\"none\">no entities tagged</p>");
    } else {
        h.push_str("<div class=\"grid2\">");
        for (label, list) in &p.entities {
            let total = p.entity_mentions.get(label).copied().unwrap_or(0);
            let _ = write!(h, "<section><h2>{} <span class=\"sub\">({} mentions)</span></h2>", esc(label), thousands(total));
            let bars: Vec<Bar> = list
                .iter()
                .take(15)
                .map(|(t, n)| Bar { label: t.clone(), segments: vec![(*n as f64, PURPLE)], note: thousands(*n) })
                .collect();
            h.push_str(&hbars_narrow(&bars, 170));
            h.push_str("</section>");
        }
        h.push_str("</div>");
    }
    h.push_str("</section>");

    // Throughput.
    h.push_str("<section><h2>Throughput per stage</h2><p class=\"hint\">Megabytes of article text per second of the stage's busy time, summed over units (rayon stages use all threads).</p>");
    let bars: Vec<Bar> = st
        .stages
        .iter()
        .filter(|(_, ss)| ss.busy_seconds > 0.0)
        .map(|(name, ss)| Bar {
            label: name.clone(),
            segments: vec![(ss.mb_per_second(), GREY)],
            note: format!(
                "{:.1} MB/s · {} articles/s · busy {:.2} s",
                ss.mb_per_second(),
                thousands((ss.articles_in as f64 / ss.busy_seconds) as u64),
                ss.busy_seconds
            ),
        })
        .collect();
    h.push_str(&hbars(&bars, 110));
    h.push_str("</section>");

    // Outputs.
    h.push_str("<section><h2>Output files</h2><table><tr><th>file</th><th class=\"n\">articles</th><th class=\"n\">uncompressed</th><th class=\"n\">size</th><th>sha256</th></tr>");
    for f in s.shards.iter().take(50) {
        let _ = write!(
            h,
            "<tr><td><code>{}</code></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td><code>{}…</code></td></tr>",
            esc(&f.path),
            thousands(f.records.unwrap_or(0)),
            esc(&human_bytes(f.uncompressed_bytes.unwrap_or(0))),
            esc(&human_bytes(f.size)),
            esc(&f.sha256[..16.min(f.sha256.len())])
        );
    }
    if s.shards.len() > 50 {
        let _ = write!(h, "<tr><td colspan=\"5\">… and {} more shards (see MANIFEST.json)</td></tr>", s.shards.len() - 50);
    }
    h.push_str("</table></section>");
    let _ = write!(
        h,
        "<footer>Generated by warta-corpus {WARTA_VERSION}. Shards hold at most {} of uncompressed JSONL each. Checksums of every file are in MANIFEST.json.</footer>",
        esc(&human_bytes(m.shard_max_bytes))
    );
    h.push_str("</main></body></html>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_controls() {
        assert_eq!(esc("<a href='x'>&\"\u{7}"), "&lt;a href=&#39;x&#39;&gt;&amp;&quot; ");
    }

    #[test]
    fn empty_charts_say_so() {
        assert!(hbars(&[], 100).contains("nothing to show"));
        assert!(columns(&[("0".into(), 0)], 1, &[], BLUE, "x").contains("nothing to show"));
    }

    #[test]
    fn bars_scale_to_the_largest() {
        let svg = hbars(
            &[
                Bar { label: "a".into(), segments: vec![(10.0, BLUE)], note: "10".into() },
                Bar { label: "b".into(), segments: vec![(5.0, BLUE)], note: "5".into() },
            ],
            100,
        );
        assert!(svg.contains("width=\"430.0\""), "{svg}");
        assert!(svg.contains("width=\"215.0\""), "{svg}");
    }
}
