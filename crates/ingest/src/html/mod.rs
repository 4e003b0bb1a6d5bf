//! HTML pages to articles: decoding by declared charset, main-content
//! extraction behind the [`Extractor`] trait, and the page's metadata
//! (title, date, URL, declared language).
//!
//! The default extractor wraps `dom_smoothie` (a port of Mozilla's
//! Readability), chosen by measurement on the Zyte article-extraction
//! benchmark against `rs-trafilatura` and `trafilatura`: the best F1 of the
//! three, at the highest speed and the lightest dependency tree
//! (`examples/eval_extract.rs` reproduces the comparison). Around it:
//!
//! - [`prescan`], one byte pass before parsing: scripts (JSON-LD kept),
//!   styles, comments, SVG, menus and unread attributes go; nesting,
//!   open formatting elements and attribute lists are capped, so that the
//!   parser stays linear on hostile pages. Pages over
//!   [`ReadabilityExtractor::max_html_bytes`] are refused ([`Extractor::refuse`]).
//! - a pre-clean of the DOM: captions, bylines, dates, tag lists, share
//!   bars, ad slots, breadcrumbs, related and trending blocks, teaser
//!   paragraphs (only a link to another story) and link lists with their
//!   labels, which Readability keeps when they sit inside the article;
//! - a post-clean of the text: lone ad labels ("Advertisement", "Iklan").

use std::collections::BTreeMap;

use warta_core::{Article, RejectReason};

use crate::{decode, Ctx, Record};

pub mod prescan;

/// What an extractor found on a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    pub title: Option<String>,
    /// The article body, one paragraph a line.
    pub text: String,
    /// Publication date as the page gives it (ISO 8601 when it does).
    pub date: Option<String>,
    /// Declared language (`<html lang>`, `og:locale`), as a lower-case
    /// primary subtag (`id`, `en`).
    pub lang: Option<String>,
    /// Canonical URL when the page names one.
    pub url: Option<String>,
    /// What the extractor had to change in the page to bound its cost
    /// (kind, count), recorded with [`Article::count_edit`].
    pub edits: Vec<(&'static str, u64)>,
}

/// Main-content extraction: keeps the article (title, paragraphs) and drops
/// navigation, menus, ads, comments, scripts, related lists and footers.
pub trait Extractor: Send + Sync {
    /// A short name for reports.
    fn name(&self) -> &'static str;

    /// Extracts the article of `html`; `url` is where the page came from.
    /// `None` when the page has no extractable article.
    fn extract(&self, html: &str, url: Option<&str>) -> Option<Extracted>;

    /// Why this extractor will not take `html` at all (a page too large to
    /// extract in bounded time), as a reject reason and a detail; checked
    /// before [`Extractor::extract`]. `None` by default.
    fn refuse(&self, html: &str) -> Option<(RejectReason, String)> {
        let _ = html;
        None
    }
}

/// The default extractor: Readability's algorithm as `dom_smoothie`
/// implements it, with its text turned into one paragraph a line.
#[derive(Debug, Clone)]
pub struct ReadabilityExtractor {
    /// Extracted text shorter than this many characters is page furniture
    /// (a lone menu, a "Home" link), not an article.
    pub min_chars: usize,
    /// Removes captions, bylines, dates, tag lists, share bars and related
    /// lists before Readability scores the page: Readability keeps them
    /// when they sit inside the article container.
    pub pre_clean: bool,
    /// Pages longer than this many bytes are refused ([`RejectReason::TooLarge`]):
    /// no news article needs more, and the DOM costs ~10× the page in memory.
    pub max_html_bytes: usize,
}

/// The extractor [`crate::read_file`] uses.
pub const DEFAULT_EXTRACTOR: ReadabilityExtractor =
    ReadabilityExtractor { min_chars: 50, pre_clean: true, max_html_bytes: 8 << 20 };

impl Default for ReadabilityExtractor {
    fn default() -> Self {
        DEFAULT_EXTRACTOR
    }
}

/// Elements that are furniture wherever they sit.
const FURNITURE_TAGS: &[&str] = &["figure", "figcaption", "time", "footer"];
/// Class-name fragments (any case) of furniture.
const FURNITURE_CLASSES: &[&str] = &[
    "caption", "byline", "credit", "related", "share", "social", "newsletter", "tags", "gallery", "comment",
    "author", "date", "advert", "promo", "subscribe", "recommend", "read-more", "also", "trending", "popular",
    "most-read", "mostread", "rollover", "tooltip", "popover", "breadcrumb", "submitted",
];
/// Id fragments (any case) of furniture.
const FURNITURE_IDS: &[&str] = &["related", "comment", "breadcrumb"];
/// Microdata properties of the page's metadata, not of its text.
const FURNITURE_ITEMPROPS: &[&str] = &["datepublished", "datemodified", "datecreated", "author", "publisher"];

/// Finds any of `fragments` in any ASCII case, built once.
fn fragment_finder(fragments: &[&str]) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(fragments)
        .expect("a handful of literal fragments always build")
}

static CLASS_FINDER: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| fragment_finder(FURNITURE_CLASSES));
static ID_FINDER: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| fragment_finder(FURNITURE_IDS));

/// Whether a class list names an ad slot: a token `ad`/`ads` or one that
/// starts `ad-`, `ads-`, `ad_` (`ad-container`, `ads_slot`).
fn is_ad_class(value: &str) -> bool {
    value.split_ascii_whitespace().any(|t| {
        let t = t.as_bytes();
        let rest = if t.len() >= 3 && t[..3].eq_ignore_ascii_case(b"ads") {
            &t[3..]
        } else if t.len() >= 2 && t[..2].eq_ignore_ascii_case(b"ad") {
            &t[2..]
        } else {
            return false;
        };
        rest.is_empty() || rest[0] == b'-' || rest[0] == b'_'
    })
}

/// Non-space characters of `node`'s text, and how many of them sit in links.
fn link_weight(node: &dom_query::NodeRef<'_>) -> (usize, usize) {
    let count = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count();
    let all = count(&node.text());
    let mut linked = 0;
    for d in node.descendants_it() {
        if d.has_name("a") {
            linked += count(&d.text());
        }
    }
    (all, linked)
}

/// The site of an absolute URL: its host's last two labels, lower-case
/// (three under a short second level such as `co.uk`, `com.br`), so that
/// `video.foxbusiness.com` and `www.foxbusiness.com` are one site.
fn site_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?.split(':').next()?;
    let host = host.to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    let keep = match labels.as_slice() {
        [.., second, tld] if tld.len() == 2 && second.len() <= 3 && labels.len() >= 3 => 3,
        _ => 2,
    };
    Some(labels[labels.len().saturating_sub(keep)..].join("."))
}

/// Whether `href` names another page of the site `site` (relative, or
/// absolute on the same site), not its home page.
fn is_same_site_page(href: &str, site: Option<&str>) -> bool {
    let href = href.trim();
    let path = if href.contains("://") {
        if site.is_none() || site_of(href).as_deref() != site {
            return false;
        }
        href.split_once("://").map_or("", |(_, r)| r.find('/').map_or("", |i| &r[i..]))
    } else if href.starts_with("//") || href.starts_with('#') || href.contains(':') {
        return false;
    } else {
        href
    };
    path.trim_matches('/').len() > 1
}

/// Whether a paragraph is nothing but links (90% of its characters).
fn is_link_only(node: &dom_query::NodeRef<'_>) -> bool {
    let (all, linked) = link_weight(node);
    all > 0 && linked * 10 >= all * 9
}

/// Whether all the links of a paragraph go to other pages of `site`.
fn links_stay_on_site(node: &dom_query::NodeRef<'_>, site: Option<&str>) -> bool {
    node.descendants_it()
        .filter(|d| d.has_name("a"))
        .all(|a| a.attr("href").is_some_and(|h| is_same_site_page(&h, site)))
}

/// A list of at least three items that are mostly links: more stories.
fn is_link_list(node: &dom_query::NodeRef<'_>) -> bool {
    let items: Vec<_> = node.element_children().into_iter().filter(|c| c.has_name("li")).collect();
    if items.len() < 3 {
        return false;
    }
    let linked = items.iter().filter(|li| {
        let (all, linked) = link_weight(li);
        all > 0 && linked * 2 >= all
    });
    linked.count() * 3 >= items.len() * 2
}

/// A heading-like element: a few words, not a sentence, no paragraphs.
fn is_short_label(node: &dom_query::NodeRef<'_>) -> bool {
    let text = node.text();
    let text = text.trim();
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    (1..=40).contains(&chars) && !text.ends_with(['.', '!', '?']) && !node.descendants_it().any(|d| d.has_name("p") || d.has_name("img"))
}

/// Takes furniture out of the page, sparing any element that holds several
/// paragraphs (a `post-share-wrapper` around the whole article). One walk
/// over the elements, each class and id lower-cased once.
fn pre_clean(doc: &dom_query::Document, url: Option<&str>) {
    let site = url.and_then(site_of);
    // Paragraphs that are only links, with whether their links stay on site.
    let mut link_only: BTreeMap<dom_query::NodeId, bool> = BTreeMap::new();
    let mut furniture = Vec::new();
    for node in doc.root().descendants_it() {
        let Some(element) = node.element_ref() else { continue };
        let tag: &str = &element.name.local;
        let mut is_furniture = FURNITURE_TAGS.contains(&tag);
        let mut is_tag_link = false;
        for attr in &element.attrs {
            if is_furniture {
                break;
            }
            let name: &str = &attr.name.local;
            is_furniture = match name {
                "class" => CLASS_FINDER.is_match(&*attr.value) || is_ad_class(&attr.value),
                "id" => ID_FINDER.is_match(&*attr.value),
                "itemprop" => FURNITURE_ITEMPROPS.iter().any(|p| attr.value.eq_ignore_ascii_case(p)),
                "rel" => {
                    is_tag_link = attr.value.split_ascii_whitespace().any(|t| t.eq_ignore_ascii_case("tag"));
                    false
                }
                _ => false,
            };
        }
        drop(element);
        if !is_furniture {
            is_furniture = match tag_name(&node).as_deref() {
                Some("p") => {
                    if is_link_only(&node) {
                        link_only.insert(node.id, links_stay_on_site(&node, site.as_deref()));
                    }
                    false
                }
                Some("ul" | "ol") => {
                    let list = is_link_list(&node);
                    if list {
                        // Its label ("Trending", "related news") goes with it.
                        if let Some(label) = node.prev_element_sibling().filter(is_short_label) {
                            furniture.push(label.id);
                        }
                    }
                    list
                }
                _ => false,
            };
        }
        if is_furniture {
            furniture.push(node.id);
        }
        if is_tag_link {
            // The whole tag list ("Tags: a, b, c"), not just its links.
            let list = node.parent().filter(|p| {
                let (all, linked) = link_weight(p);
                linked * 10 >= all * 6
            });
            furniture.push(list.map_or(node.id, |p| p.id));
        }
    }
    // A paragraph that is only a link is a teaser for another story ("SEAN
    // SPICER ELIMINATED FROM …") when it links to the same site, or when it
    // is one of a run of such paragraphs (a list of more stories); a lone
    // link out (a source, full results) is the article's.
    for (&id, &on_site) in &link_only {
        let node = dom_query::NodeRef { id, tree: &doc.tree };
        let in_run = [node.prev_element_sibling(), node.next_element_sibling()]
            .into_iter()
            .flatten()
            .any(|s| link_only.contains_key(&s.id));
        if on_site || in_run {
            furniture.push(node.id);
        }
    }
    for id in furniture {
        let node = dom_query::NodeRef { id, tree: &doc.tree };
        if node.descendants_it().filter(|d| d.has_name("p")).nth(2).is_some() {
            continue;
        }
        node.remove_from_parent();
    }
}

fn tag_name(node: &dom_query::NodeRef<'_>) -> Option<String> {
    node.element_ref().map(|e| e.name.local.to_string())
}

impl Extractor for ReadabilityExtractor {
    fn name(&self) -> &'static str {
        "readability (dom_smoothie)"
    }

    fn refuse(&self, html: &str) -> Option<(RejectReason, String)> {
        (html.len() > self.max_html_bytes).then(|| {
            let detail = format!("the page is {} bytes, over the extractor's limit of {} bytes", html.len(), self.max_html_bytes);
            (RejectReason::TooLarge, detail)
        })
    }

    fn extract(&self, html: &str, url: Option<&str>) -> Option<Extracted> {
        if self.refuse(html).is_some() {
            return None;
        }
        let cfg = dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Formatted, ..Default::default() };
        let (cleaned, stats) = prescan::prescan(html);
        let doc = dom_query::Document::from(cleaned.as_str());
        if self.pre_clean {
            pre_clean(&doc, url);
        }
        // A URL the parser cannot use only costs link resolution: go without.
        let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
        let mut reader = dom_smoothie::Readability::with_document(doc, url, Some(cfg)).ok()?;
        let found = reader.parse().ok()?;
        let (text, ad_labels) = without_ad_labels(&paragraphs(&found.text_content));
        if text.chars().count() < self.min_chars {
            return None;
        }
        let title = Some(found.title.trim()).filter(|t| !t.is_empty()).map(|t| without_site_name(t, &cleaned));
        let lang = found.lang.as_deref().and_then(primary_subtag).or_else(|| declared_lang(html));
        let edits = vec![
            ("html_flattened_tags", stats.flattened_tags),
            ("html_dropped_attributes", stats.dropped_attributes),
            ("html_ad_label_lines", ad_labels),
        ];
        Some(Extracted {
            title,
            text,
            date: found.published_time.map(|d| d.trim().to_string()).filter(|d| is_plausible_date(d)),
            lang,
            url: found.url.filter(|u| !u.trim().is_empty()),
            edits,
        })
    }
}

/// Text with one paragraph a line: lines trimmed, runs of spaces kept as
/// the extractor gave them, blank lines dropped.
pub fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

/// Words of a title, lower-case, blind to spacing, punctuation and entities.
fn title_words(title: &str) -> Vec<String> {
    title
        .replace("&amp;", "&")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The text of the page's first `<h1>`, tags stripped.
fn first_h1(html: &str) -> Option<String> {
    let bytes = html.as_bytes();
    let finder = memchr::memmem::Finder::new(b"<h1");
    let start = finder.find(bytes).or_else(|| memchr::memmem::find(bytes, b"<H1"))?;
    let open_end = start + memchr::memchr(b'>', &bytes[start..])? + 1;
    let window = &bytes[open_end..bytes.len().min(open_end + 4096)];
    let close = open_end + (0..window.len()).find(|&i| window[i..].len() >= 4 && window[i..i + 4].eq_ignore_ascii_case(b"</h1"))?;
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
    Some(text)
}

/// The `<title>` without the site's name ("Headline | TheHill",
/// "Opinion | Headline"): the part of it, cut at a separator, that says
/// what the page's `<h1>` says. Unchanged when no part does.
fn without_site_name(title: &str, html: &str) -> String {
    const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " · "];
    let Some(h1) = first_h1(html).map(|h| title_words(&h)).filter(|w| !w.is_empty()) else {
        return title.to_string();
    };
    for sep in SEPARATORS {
        for (at, _) in title.match_indices(sep) {
            let (left, right) = (title[..at].trim(), title[at + sep.len()..].trim());
            if title_words(left) == h1 {
                return left.to_string();
            }
            if title_words(right) == h1 {
                return right.to_string();
            }
        }
    }
    title.to_string()
}

/// A date worth keeping: not empty and not a placeholder year (`0001-01-01`).
fn is_plausible_date(date: &str) -> bool {
    let digits: String = date.chars().take_while(char::is_ascii_digit).collect();
    !date.is_empty() && (digits.len() != 4 || digits.as_str() >= "1900")
}

/// Lines that only label an ad slot, in the languages of the news warta
/// reads ("Advertisement", "Continue reading below", "Iklan", "Anzeige").
const AD_LABELS: &[&str] = &[
    "ad", "advert", "advertisement", "advertising", "sponsored", "sponsored content", "continue reading below",
    "story continues below", "article continues below", "story continues below advertisement",
    "scroll to continue with content", "iklan", "advertorial", "anzeige", "werbung", "publicidade", "publicidad",
    "publicité", "pubblicità", "реклама",
];

/// `text` without its ad-label lines, and how many there were.
fn without_ad_labels(text: &str) -> (String, u64) {
    let is_label = |line: &str| {
        let core = line.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation());
        core.len() <= 40 && AD_LABELS.iter().any(|l| core.to_lowercase() == *l)
    };
    if !text.lines().any(is_label) {
        return (text.to_string(), 0);
    }
    let mut out = String::with_capacity(text.len());
    let mut dropped = 0;
    for line in text.lines() {
        if is_label(line) {
            dropped += 1;
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    (out, dropped)
}

/// `en-US` -> `en`; `None` for an empty or non-alphabetic tag.
fn primary_subtag(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (!primary.is_empty() && primary.len() <= 3 && primary.bytes().all(|b| b.is_ascii_alphabetic())).then_some(primary)
}

/// The `lang` attribute of the `<html>` element, found by a byte scan of
/// the first kilobytes (the element comes first in any page).
pub fn declared_lang(html: &str) -> Option<String> {
    let head = prefix(html, 16 * 1024);
    let lower = head.to_ascii_lowercase();
    let start = memchr::memmem::find(lower.as_bytes(), b"<html")?;
    let end = start + memchr::memchr(b'>', &lower.as_bytes()[start..])?;
    let tag = &lower[start..end];
    let at = memchr::memmem::find(tag.as_bytes(), b" lang=")? + " lang=".len();
    let value = tag[at..].trim_start_matches(['"', '\'']);
    let value = value.split(['"', '\'', ' ', '>']).next()?;
    primary_subtag(value)
}

/// The encoding an HTML page declares in its first kilobytes
/// (`<meta charset=…>` or `<meta http-equiv=content-type content=…charset=…>`).
pub fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = memchr::memmem::find(&lower, b"charset=")? + b"charset=".len();
    let rest = &lower[at..];
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest.iter().position(|&b| matches!(b, b'"' | b'\'' | b' ' | b';' | b'>' | b'/')).unwrap_or(rest.len());
    decode::encoding_for_label(std::str::from_utf8(&rest[..end]).ok()?)
}

/// The charset parameter of an HTTP `Content-Type` value.
pub fn charset_of_content_type(value: &str) -> Option<&'static encoding_rs::Encoding> {
    let lower = value.to_ascii_lowercase();
    let at = lower.find("charset=")? + "charset=".len();
    let label = lower[at..].split(';').next()?;
    decode::encoding_for_label(label)
}

fn prefix(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Turns one HTML page's bytes into a record. `declared` is the charset the
/// container named (an HTTP header); the page's own `<meta charset>` is used
/// when there is none.
#[allow(clippy::too_many_arguments)]
pub(crate) fn page_record(
    ctx: &Ctx<'_>,
    extractor: &dyn Extractor,
    bytes: Vec<u8>,
    declared: Option<&'static encoding_rs::Encoding>,
    url: Option<&str>,
    record: u64,
    offset: Option<u64>,
    place: &str,
) -> Record {
    let reject = |reason, detail: String| Record::Reject(ctx.reject(record, offset, reason, detail));
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return reject(RejectReason::EmptyText, format!("{place}: empty page"));
    }
    if decode::looks_binary(&bytes[..bytes.len().min(8192)]) {
        return reject(RejectReason::Binary, format!("{place}: binary data, not HTML"));
    }
    let declared = declared.or_else(|| declared_charset(&bytes));
    let mut edits = BTreeMap::new();
    let html = match ctx.accept_text(decode::decode(bytes, declared), &mut edits, place) {
        Ok(html) => html,
        Err((reason, detail)) => return reject(reason, detail),
    };
    let found = match extract_article(extractor, &html, url) {
        Ok(found) => found,
        Err((reason, detail)) => return reject(reason, format!("{place}: {detail}")),
    };
    let mut article = Article {
        title: found.title,
        text: found.text,
        lang: found.lang,
        date: found.date,
        url: url.map(str::to_string).or(found.url),
        edits,
        ..Default::default()
    };
    article.count_edit("html_extracted", 1);
    for &(kind, n) in &found.edits {
        article.count_edit(kind, n);
    }
    ctx.finish(article, record, offset, place)
}

/// The article `extractor` finds in the page `html` (from `url`), or why
/// there is none: the extractor refuses the page, fails on it, or finds no
/// text. Shared by HTML files, WARC responses and records that carry a page
/// in a field.
pub(crate) fn extract_article(extractor: &dyn Extractor, html: &str, url: Option<&str>) -> Result<Extracted, (RejectReason, String)> {
    if let Some(refused) = extractor.refuse(html) {
        return Err(refused);
    }
    // A third-party HTML parser must not take the run down with one page.
    let no_text = || (RejectReason::NoArticle, format!("no article text could be extracted ({})", extractor.name()));
    match warta_core::contain::contained(|| extractor.extract(html, url)) {
        Err(_) => Err((RejectReason::NoArticle, format!("the extractor ({}) failed on this page", extractor.name()))),
        Ok(None) => Err(no_text()),
        Ok(Some(found)) if found.text.trim().is_empty() => Err(no_text()),
        Ok(Some(found)) => Ok(found),
    }
}

/// Reads one HTML page file: one record, its id the file stem.
pub(crate) fn read(
    ctx: &Ctx<'_>,
    input: &mut dyn std::io::Read,
    extractor: &dyn Extractor,
    emit: &mut dyn FnMut(Record) -> std::ops::ControlFlow<()>,
) -> std::ops::ControlFlow<()> {
    let (bytes, total, broken) = crate::stream::read_bounded(input, ctx.cfg.max_record_bytes);
    emit(page_from_file(ctx, extractor, bytes, total, broken))
}

/// The record of one HTML page read whole (`total` is its full size).
pub(crate) fn page_from_file(
    ctx: &Ctx<'_>,
    extractor: &dyn Extractor,
    bytes: Vec<u8>,
    total: u64,
    broken: Option<std::io::Error>,
) -> Record {
    let reject = |reason, detail: String| Record::Reject(ctx.reject(0, Some(0), reason, detail).with_id(ctx.file_id()));
    if let Some(e) = broken {
        return reject(RejectReason::TruncatedStream, format!("the stream broke after {total} bytes ({e}); the page is incomplete"));
    }
    if total > ctx.cfg.max_record_bytes as u64 {
        return reject(RejectReason::TooLarge, format!("the page is {total} bytes, over the limit of {} bytes", ctx.cfg.max_record_bytes));
    }
    if total == 0 {
        return reject(RejectReason::EmptyText, "empty file".into());
    }
    // A sidecar index may know the page's address, which the extractor
    // reads links and the page's own fields against.
    let url = ctx.metadata.as_deref().and_then(|m| m.get("url")).and_then(serde_json::Value::as_str);
    match page_record(ctx, extractor, bytes, None, url, 0, Some(0), "page") {
        Record::Article(mut a) => {
            a.id = ctx.stem.clone();
            if let Some(fields) = &ctx.metadata {
                crate::index::apply(&mut a, fields);
            }
            Record::Article(a)
        }
        Record::Reject(j) => Record::Reject(j.with_id(ctx.file_id())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_metadata_is_found() {
        let page = "<!doctype html><HTML class=x LANG=\"id-ID\"><head><meta charset='windows-1252'>";
        assert_eq!(declared_lang(page).as_deref(), Some("id"));
        assert_eq!(declared_charset(page.as_bytes()).map(|e| e.name()), Some("windows-1252"));
        assert_eq!(charset_of_content_type("text/html; charset=ISO-8859-1").map(|e| e.name()), Some("windows-1252"));
        assert_eq!(declared_lang("<html><body>é"), None);
        assert_eq!(declared_charset(b"<p>charset=nonsense</p>"), None);
    }

    #[test]
    fn paragraphs_are_one_a_line() {
        assert_eq!(paragraphs("\n  Satu. \n\n\n Dua.\n"), "Satu.\nDua.");
    }

    #[test]
    fn sites_and_ad_classes() {
        assert_eq!(site_of("https://video.foxbusiness.com/v/1/").as_deref(), Some("foxbusiness.com"));
        assert_eq!(site_of("http://www.bbc.co.uk/news").as_deref(), Some("bbc.co.uk"));
        assert_eq!(site_of("https://kompas.com").as_deref(), Some("kompas.com"));
        assert!(is_same_site_page("/politik/2024/berita-baru", Some("kompas.com")));
        assert!(is_same_site_page("https://www.kompas.com/a/b", Some("kompas.com")));
        assert!(!is_same_site_page("https://www.kompas.com/", Some("kompas.com")));
        assert!(!is_same_site_page("https://other.org/a/b", Some("kompas.com")));
        assert!(!is_same_site_page("mailto:a@b.c", Some("kompas.com")));
        assert!(is_ad_class("box ad-container") && is_ad_class("ads") && is_ad_class("AD_slot"));
        assert!(!is_ad_class("address") && !is_ad_class("adjust header") && !is_ad_class("head"));
    }

    fn page(body: &str) -> String {
        let para = "<p>Warga diminta tidak membuang sampah ke sungai dan segera melapor melalui aplikasi resmi pemerintah jika melihat genangan yang tidak surut.</p>";
        format!("<html><body><article>{}{body}{}</article></body></html>", para.repeat(3), para.repeat(2))
    }

    #[test]
    fn teasers_link_lists_and_tag_lists_are_dropped_links_out_kept() {
        let extractor = ReadabilityExtractor::default();
        let url = Some("https://www.kabar.example/kota/2024/pompa");
        let got = |body: &str| extractor.extract(&page(body), url).unwrap().text;
        // A lone paragraph linking to another story of the same site.
        let text = got("<p><strong><a href=\"/kota/2024/banjir-rob\">BANJIR ROB DI PESISIR UTARA</a></strong></p>");
        assert!(!text.contains("BANJIR ROB"), "{text}");
        // A lone link out (a source) stays.
        let text = got("<p><a href=\"https://bps.go.id/tabel/air\">Data lengkap dari BPS</a></p>");
        assert!(text.contains("Data lengkap dari BPS"), "{text}");
        // A run of link-only paragraphs is a list of more stories, wherever it links.
        let text = got("<p><a href=\"https://lain.example/a/b\">Cerita satu yang lain</a></p><p><a href=\"https://lain.example/c/d\">Cerita dua yang lain</a></p>");
        assert!(!text.contains("Cerita"), "{text}");
        // A list whose items are links.
        let items = "<li><a href=\"/x/y\">Harga cabai naik lagi</a></li>".repeat(3);
        let text = got(&format!("<ul>{items}</ul>"));
        assert!(!text.contains("Harga cabai"), "{text}");
        // A tag list, label and commas included.
        let text = got("<div>Tags: <a rel=\"tag\" href=\"/t/banjir\">banjir</a>, <a rel=\"tag\" href=\"/t/jakarta\">jakarta</a></div>");
        assert!(!text.contains("Tags") && !text.contains("jakarta"), "{text}");
        // An ad slot's label.
        let text = got("<div class=\"ad-container\"><p>Continue Reading Below</p></div>");
        assert!(!text.contains("Continue Reading"), "{text}");
    }

    #[test]
    fn ad_labels_metadata_and_breadcrumbs_are_dropped() {
        let (text, n) = without_ad_labels("Satu.\nADVERTISEMENT\nDua.\n- Iklan -\nAdvertising pays for news, says the report.");
        assert_eq!(text, "Satu.\nDua.\nAdvertising pays for news, says the report.");
        assert_eq!(n, 2);
        let body = "<nav class=\"breadcrumb\"><a href=\"/\">Beranda</a> <a href=\"/kota\">Kota</a></nav>\
            <span itemprop=\"datePublished\">Senin, 15 Januari 2024 08:30</span>";
        let found = ReadabilityExtractor::default().extract(&page(body), None).unwrap();
        assert!(!found.text.contains("Beranda") && !found.text.contains("Senin"), "{}", found.text);
        assert_eq!(found.edits.iter().find(|e| e.0 == "html_ad_label_lines").map(|e| e.1), Some(0));
    }

    #[test]
    fn titles_lose_the_site_name_when_the_h1_says_so() {
        let html = "<body><h1 class=t>Jakarta siapkan <em>200</em> pompa &amp; alat</h1>";
        assert_eq!(without_site_name("Jakarta siapkan 200 pompa & alat | Kabar Kota", html), "Jakarta siapkan 200 pompa & alat");
        assert_eq!(without_site_name("Opini - Jakarta siapkan 200 pompa & alat", html), "Jakarta siapkan 200 pompa & alat");
        // A title that differs from the h1 is left alone.
        assert_eq!(without_site_name("Banjir - Kabar Kota", html), "Banjir - Kabar Kota");
        assert_eq!(without_site_name("Banjir - Kabar Kota", "<p>no heading</p>"), "Banjir - Kabar Kota");
        assert!(is_plausible_date("2024-01-15T08:30:00+07:00") && is_plausible_date("Mon, 18 Nov 2019"));
        assert!(!is_plausible_date("0001-01-01T00:00:00Z") && !is_plausible_date(""));
    }
}
