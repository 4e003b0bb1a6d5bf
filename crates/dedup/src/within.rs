//! Within-article repeats: a body line that repeats the title, fragments a
//! content spinner injected several times, and plain repeated sentences.
//!
//! The unit is the sentence when segmentation ran (`article.sentences`), the
//! non-empty line otherwise. Planning ([`plan`]) only reads the article and
//! marks units; [`apply`] rebuilds `text` and every span once, after the
//! archive-level boilerplate pass has added its own marks.

use warta_core::{Article, Span};

use crate::words::{for_each_word, poly_of, PolyHash};
use crate::DedupConfig;

/// Why a unit is taken out. The strings are the `reason` of the removal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reason {
    /// A body line equal to the title, or to a prefix of it of several words.
    TitleRepeat,
    /// A fragment present `spin_min_copies`+ times: all copies go when it
    /// is cut short, all but the first when it is a whole sentence.
    SpunFragment,
    /// A later copy of a sentence already in the article.
    RepeatedSentence,
    /// A sentence that recurs across many articles of the archive.
    Boilerplate,
}

impl Reason {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Reason::TitleRepeat => "title_repeat",
            Reason::SpunFragment => "spun_fragment",
            Reason::RepeatedSentence => "repeated_sentence",
            Reason::Boilerplate => "boilerplate_sentence",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub span: Span,
    /// Key of the normalised words ([`PolyHash::key`]).
    pub key: u64,
    pub words: u32,
    pub poly: PolyHash,
    /// Ends like a sentence (`.`, `!`, `?`, `…`, before closing quotes).
    pub terminal: bool,
    /// First unit of its line (only blanks before it on the line).
    pub starts_line: bool,
    /// Last unit of its line.
    pub ends_line: bool,
    pub remove: Option<Reason>,
}

/// The units of one article with the removals decided so far.
#[derive(Debug, Clone, Default)]
pub(crate) struct Plan {
    pub units: Vec<Unit>,
    /// True when the units are `article.sentences` (rebuilt after removal);
    /// false when they are lines (the article had no valid sentences).
    pub sentence_units: bool,
}

impl Unit {
    /// The only unit on its line (a heading, a table row, a list item).
    pub(crate) fn alone(&self) -> bool {
        self.starts_line && self.ends_line
    }
}

impl Plan {
    pub(crate) fn has_removals(&self) -> bool {
        self.units.iter().any(|u| u.remove.is_some())
    }

    /// Exact-duplicate key of the article as it stands now: the normalised
    /// words of the units not (yet) removed; `None` without any word.
    pub(crate) fn content_key(&self) -> Option<u64> {
        let mut all = PolyHash::default();
        for u in self.units.iter().filter(|u| u.remove.is_none()) {
            all.extend(u.poly);
        }
        (all.n > 0).then(|| all.key())
    }
}

fn ends_like_a_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '*')
    });
    t.ends_with(['.', '!', '?', '…'])
}

/// Words that cannot end a sentence, Indonesian and English (prepositions,
/// conjunctions, articles, the relative "yang"). Words that may end one in
/// English ("in", "on", "up", "off") are left out.
const NEVER_LAST: &[&str] = &[
    "yang", "dan", "di", "ke", "dari", "dengan", "untuk", "pada", "atau", "dalam", "oleh", "bahwa", "karena", "serta", "para",
    "sang", "bagi", "tentang", "terhadap", "antara", "hingga", "sejak", "seperti", "agar", "namun", "tetapi", "jika", "kalau",
    "meski", "ketika", "bila", "maupun", "sebagai", "kepada", "daripada", "the", "a", "an", "of", "to", "at", "by", "from",
    "with", "and", "or", "but", "into", "than", "its", "their", "his", "her", "our", "your", "my",
];

fn ends_with_a_function_word(s: &str) -> bool {
    let last = s.trim_end_matches(|c: char| !c.is_alphanumeric()).rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    last.len() <= 9 && NEVER_LAST.iter().any(|w| w.eq_ignore_ascii_case(last))
}

fn sentences_are_valid(text: &str, spans: &[Span]) -> bool {
    let mut prev_end = 0;
    for s in spans {
        if s.start < prev_end
            || s.start > s.end
            || s.end > text.len()
            || !text.is_char_boundary(s.start)
            || !text.is_char_boundary(s.end)
        {
            return false;
        }
        prev_end = s.end;
    }
    true
}

fn line_units(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let lead = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            out.push(Span::new(start + lead, start + lead + trimmed.len()));
        }
        start += line.len() + 1;
    }
    out
}

/// Splits `article` into units and marks the within-article removals.
/// Returns an empty plan when neither within-article nor boilerplate removal
/// is on (nothing to plan, and the exact key comes from the whole text).
pub(crate) fn plan(article: &Article, cfg: &DedupConfig) -> Plan {
    if !cfg.within_article && cfg.boilerplate_min_articles == 0 {
        return Plan::default();
    }
    let text = article.text.as_str();
    let sentence_units = !article.sentences.is_empty() && sentences_are_valid(text, &article.sentences);
    let spans = if sentence_units { article.sentences.clone() } else { line_units(text) };
    let n = spans.len();
    let mut units: Vec<Unit> = Vec::with_capacity(n);
    // The dateline normalisation took off the first sentence ("Jakarta, CNN
    // Indonesia --"): a spinner's copies of that sentence still carry it.
    let dateline = article.dateline.as_deref().map(poly_of).filter(|d| d.n > 0);
    for (i, &span) in spans.iter().enumerate() {
        let slice = span.slice(text);
        let poly = words_after_dateline(slice, dateline.as_ref());
        // Alone on its line: nothing but blanks between the unit and the
        // line breaks (or text ends) on either side.
        let before = &text[if i == 0 { 0 } else { spans[i - 1].end }..span.start];
        let after = &text[span.end..if i + 1 == n { text.len() } else { spans[i + 1].start }];
        let before_line = before.rsplit('\n').next().unwrap_or("");
        let after_line = after.split('\n').next().unwrap_or("");
        let starts_line = (i == 0 || before.contains('\n')) && before_line.trim().is_empty();
        let ends_line = (i + 1 == n || after.contains('\n')) && after_line.trim().is_empty();
        units.push(Unit {
            span,
            key: poly.key(),
            words: poly.n.min(u64::from(u32::MAX)) as u32,
            poly,
            terminal: ends_like_a_sentence(slice),
            starts_line,
            ends_line,
            remove: None,
        });
    }
    if cfg.within_article && !units.is_empty() {
        mark_within(text, article.title.as_deref(), &mut units, cfg);
    }
    Plan { units, sentence_units }
}

/// The words of a unit, without a leading copy of the article's dateline
/// (when words follow it), so that a copy of the first sentence made before
/// the dateline was taken off matches that sentence.
fn words_after_dateline(slice: &str, dateline: Option<&PolyHash>) -> PolyHash {
    let Some(lead) = dateline else { return poly_of(slice) };
    let mut head = PolyHash::default();
    let mut rest = PolyHash::default();
    for_each_word(slice, |h| if head.n < lead.n { head.push(h) } else { rest.push(h) });
    if head.n == lead.n && head.key() == lead.key() && rest.n > 0 {
        rest
    } else {
        head.extend(rest);
        head
    }
}

fn mark_within(text: &str, title: Option<&str>, units: &mut [Unit], cfg: &DedupConfig) {
    if let Some(title) = title {
        mark_title_lines(title, units, cfg);
    }
    mark_cut_copies(text, units, cfg);
    mark_spun_and_repeated(text, units, cfg, true);
    // Never empty an article: if nothing with words is left, spinning and
    // title marks are undone and only later copies of repeats are removed.
    if !units.iter().any(|u| u.words > 0 && u.remove.is_none()) {
        for u in units.iter_mut() {
            u.remove = None;
        }
        mark_spun_and_repeated(text, units, cfg, false);
    }
}

fn mark_title_lines(title: &str, units: &mut [Unit], cfg: &DedupConfig) {
    // Polynomial hashes of every word prefix of the title: a line repeats
    // the title when its words' hash equals the prefix of the same length,
    // which needs no second pass over the body's words.
    let mut prefixes = vec![PolyHash::default()];
    let mut acc = PolyHash::default();
    for_each_word(title, |h| {
        acc.push(h);
        prefixes.push(acc);
    });
    let title_words = prefixes.len() - 1;
    if title_words == 0 {
        return;
    }
    let min_words = cfg.title_prefix_min_words.clamp(1, title_words) as u64;
    let mut i = 0;
    while i < units.len() {
        if !units[i].starts_line {
            i += 1;
            continue;
        }
        // The units of this line: i ..= j.
        let mut line = PolyHash::default();
        let mut j = i;
        loop {
            line.extend(units[j].poly);
            if units[j].ends_line || j + 1 == units.len() || line.n as usize > title_words {
                break;
            }
            j += 1;
        }
        let n = line.n;
        if units[j].ends_line && n >= min_words && n as usize <= title_words && line == prefixes[n as usize] {
            for u in &mut units[i..=j] {
                u.remove = Some(Reason::TitleRepeat);
            }
        }
        i = j + 1;
    }
}

/// A sentence present twice or more whose words open a longer sentence of
/// the same article ("Namun mereka memiliki kontak … terbatas dengan." beside
/// "Namun mereka memiliki kontak … terbatas dengan Kyiv dan …"): copies a
/// spinner cut from the article's own text. Every copy goes; the whole
/// sentence stays.
fn mark_cut_copies(text: &str, units: &mut [Unit], cfg: &DedupConfig) {
    if cfg.spin_min_copies < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..units.len())
        .filter(|&i| units[i].remove.is_none() && units[i].terminal && units[i].words as usize >= cfg.spin_min_words)
        .collect();
    order.sort_by_key(|&i| (units[i].key, i));
    let groups: Vec<&[usize]> = order.chunk_by(|&a, &b| units[a].key == units[b].key).filter(|g| g.len() >= 2).collect();
    let Some(longest) = groups.iter().map(|g| units[g[0]].words as usize).max() else {
        return;
    };
    // The n-word openings of every longer unit, for each length n that a
    // group has: one pass over the words, whatever the number of groups.
    let mut wanted = vec![false; longest + 1];
    for g in &groups {
        wanted[units[g[0]].words as usize] = true;
    }
    let mut openings: std::collections::HashSet<(usize, u64)> = std::collections::HashSet::new();
    for u in units.iter() {
        let mut prefix = PolyHash::default();
        let words = u.words as usize;
        for_each_word(u.span.slice(text), |h| {
            let n = prefix.n as usize;
            if n < longest && n + 1 < words {
                prefix.push(h);
                if wanted[n + 1] {
                    openings.insert((n + 1, prefix.key()));
                }
            }
        });
    }
    let mut cut_copies = Vec::new();
    for g in groups {
        if openings.contains(&(units[g[0]].words as usize, units[g[0]].key)) {
            cut_copies.extend_from_slice(g);
        }
    }
    for i in cut_copies {
        units[i].remove = Some(Reason::SpunFragment);
    }
}

fn mark_spun_and_repeated(text: &str, units: &mut [Unit], cfg: &DedupConfig, spun: bool) {
    // Sorting indices by key keeps this O(n log n) and deterministic.
    let mut order: Vec<usize> =
        (0..units.len()).filter(|&i| units[i].remove.is_none() && units[i].words > 0).collect();
    order.sort_by_key(|&i| (units[i].key, i));
    let mut g = 0;
    while g < order.len() {
        let key = units[order[g]].key;
        let mut e = g + 1;
        while e < order.len() && units[order[e]].key == key {
            e += 1;
        }
        let copies = e - g;
        let words = units[order[g]].words as usize;
        let group = &order[g..e];
        // A spinner injects sentences into running text: every copy ends like
        // a sentence and at least one sits inside a paragraph. Repeated lines
        // of a table or a schedule ("Stadion X, pukul 15.30 WIB") are neither.
        let spun_like = group.iter().all(|&i| units[i].terminal) && group.iter().any(|&i| !units[i].alone());
        if spun
            && !copied_as_block(units, group)
            && cfg.spin_min_copies >= 2
            && copies >= cfg.spin_min_copies
            && words >= cfg.spin_min_words
            && spun_like
        {
            // A piece cut short (its last word cannot end a sentence, "…
            // terbatas dengan.") is no content at all: every copy goes. A
            // whole sentence may be the article's own, copied by the
            // spinner: one copy stays, so no genuine text is lost.
            // Asked here, for the rare spun group, not for every unit.
            let keep_one = !group.iter().all(|&i| ends_with_a_function_word(units[i].span.slice(text)));
            // The copy that stays: a spinner adds its copies at the end of a
            // paragraph or on lines of their own, while the article's own
            // sentence usually has more of its paragraph after it. So the
            // first copy followed on its line by a sentence that is no copy
            // itself, else the first copy. (Repeated sentences that are not
            // spun, such as a body pasted twice, keep their first copy: the
            // text then reads as the first paste.)
            let followed =
                |i: usize| !units[i].ends_line && units.get(i + 1).is_some_and(|n| !key_is_repeated(units, &order, n.key));
            let keeper = group.iter().copied().find(|&i| followed(i)).unwrap_or(group[0]);
            for &i in group.iter().filter(|&&i| !(keep_one && i == keeper)) {
                units[i].remove = Some(Reason::SpunFragment);
            }
        } else if copies >= 2 && words >= cfg.repeat_min_words {
            // Later copies go when they read as sentences inside running
            // text. A repeated line of its own is a table row, schedule or
            // list item unless it is a long full sentence.
            let alone_ok = words >= 2 * cfg.repeat_min_words;
            for &i in &group[1..] {
                if !units[i].alone() || (units[i].terminal && alone_ok) {
                    units[i].remove = Some(Reason::RepeatedSentence);
                }
            }
        }
        g = e;
    }
}

/// Two or more of the units in `order` (sorted by key) have `key`.
fn key_is_repeated(units: &[Unit], order: &[usize], key: u64) -> bool {
    let first = order.partition_point(|&i| units[i].key < key);
    order.get(first + 1).is_some_and(|&i| units[i].key == key)
}

/// True when most copies of a repeated unit share a neighbour: the scraper
/// repeated a whole block (an article body pasted several times), so the
/// first copy is genuine text and only the later ones go. A spinner's
/// injected fragment lands among different sentences each time (two of its
/// copies may still meet the same repeated sentence).
fn copied_as_block(units: &[Unit], group: &[usize]) -> bool {
    let most_shared = |mut keys: Vec<u64>| {
        keys.sort_unstable();
        keys.chunk_by(|a, b| a == b).map(<[u64]>::len).max().unwrap_or(0)
    };
    let before = most_shared(group.iter().filter(|&&i| i > 0).map(|&i| units[i - 1].key).collect());
    let after = most_shared(group.iter().filter_map(|&i| units.get(i + 1)).map(|u| u.key).collect());
    2 * before.max(after) > group.len()
}

fn is_ws(s: &str) -> bool {
    s.trim().is_empty()
}

/// Joins the gap before a removed unit with the gap after it.
fn merge_gaps(a: &str, b: &str) -> String {
    match (is_ws(a), is_ws(b)) {
        // A paragraph break on either side survives; otherwise one space.
        (true, true) => if b.contains('\n') && !a.contains('\n') { b } else { a }.to_string(),
        (true, false) => b.to_string(),
        (false, true) => {
            let sep = if b.contains('\n') || a[a.trim_end().len()..].contains('\n') { "\n" } else { " " };
            format!("{}{}", a.trim_end(), sep)
        }
        (false, false) => format!("{} {}", a.trim_end(), b.trim_start()),
    }
}

/// Rebuilds `article.text` without the marked units, keeps sentence (and
/// token, entity) spans valid, and records every removal.
pub(crate) fn apply(article: &mut Article, plan: &Plan) {
    if !plan.has_removals() {
        return;
    }
    let text = std::mem::take(&mut article.text);
    let units = &plan.units;
    let mut out = String::with_capacity(text.len());
    // (old start, old end, new start) of every kept unit, in order.
    let mut moved: Vec<(usize, usize, usize)> = Vec::with_capacity(units.len());
    let mut pending: String = text[..units[0].span.start].to_string();
    let mut emitted = false;
    let mut removed_count = 0u64;
    for (i, u) in units.iter().enumerate() {
        let next_start = units.get(i + 1).map_or(text.len(), |n| n.span.start);
        let gap_after = &text[u.span.end..next_start];
        match u.remove {
            None => {
                out.push_str(&pending);
                moved.push((u.span.start, u.span.end, out.len()));
                out.push_str(u.span.slice(&text));
                pending = gap_after.to_string();
                emitted = true;
            }
            Some(reason) => {
                article.record_removal("dedup", reason.as_str(), u.span.slice(&text));
                removed_count += 1;
                pending = if emitted {
                    merge_gaps(&pending, gap_after)
                } else if is_ws(gap_after) {
                    pending
                } else {
                    format!("{}{}", pending, gap_after.trim_start())
                };
            }
        }
    }
    let last_removed = units.last().is_some_and(|u| u.remove.is_some());
    if last_removed && is_ws(&pending) {
        // Keep the text's own ending, not the separator of a removed unit.
        let tail_start = units.last().map_or(text.len(), |u| u.span.end);
        out.push_str(&text[tail_start..]);
    } else {
        out.push_str(&pending);
    }
    article.count_edit("dedup_units_removed", removed_count);

    let map = |s: Span| -> Option<Span> {
        let i = moved.partition_point(|m| m.0 <= s.start).checked_sub(1)?;
        let (os, oe, ns) = moved[i];
        (s.start >= os && s.end <= oe).then(|| Span::new(ns + (s.start - os), ns + (s.end - os)))
    };
    article.sentences = if plan.sentence_units {
        moved.iter().map(|&(os, oe, ns)| Span::new(ns, ns + (oe - os))).collect()
    } else {
        Vec::new()
    };
    article.tokens = article.tokens.iter().filter_map(|&t| map(t)).collect();
    let entities = std::mem::take(&mut article.entities);
    article.entities = entities
        .into_iter()
        .filter_map(|mut e| map(e.span).map(|s| {
            e.span = s;
            e
        }))
        .collect();
    let titles = std::mem::take(&mut article.titles);
    article.titles = titles
        .into_iter()
        .filter_map(|mut e| map(e.span).map(|s| {
            e.span = s;
            e
        }))
        .collect();
    if !article.entity_summary.is_empty() {
        // First-mention offsets are no longer meaningful; the tagger
        // recomputes the summary (dedup runs before tagging).
        article.entity_summary.clear();
    }
    article.text = out;
}
