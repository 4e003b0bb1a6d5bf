//! One byte pass over the page before it is parsed: drops what no text
//! extractor reads (scripts other than JSON-LD, styles, comments, inline
//! SVG, navigation menus) and bounds what makes an HTML parser super-linear (deep nesting,
//! tags with thousands of attributes).
//!
//! Scripts and styles are ~57% of the bytes of a typical news page, and the
//! tokenizer walks them char by char; the tree builder's scope checks walk
//! the stack of open elements, so a page nested 100k deep costs quadratic
//! time; a tag with n attributes costs n² in duplicate checks. Cuts fall on
//! ASCII bytes (`<`, `>`, quotes), so the output stays valid UTF-8.

use memchr::{memchr, memmem};

/// Counted elements deeper than this are flattened: their tags are
/// dropped, their content kept. Real pages stay under ~60.
pub const MAX_DEPTH: usize = 160;
/// Formatting elements (`<b>`, `<font>`, `<a>`…) left open past this many
/// are dropped: the parser re-opens every open one in each new paragraph,
/// so n unclosed ones cost n elements a paragraph.
pub const MAX_OPEN_FORMATTING: usize = 8;
/// Attributes past this many on one tag are dropped.
pub const MAX_ATTRIBUTES: usize = 48;
/// Attribute values longer than this (inline images as `data:` URIs,
/// serialized state) are dropped with their attribute.
pub const MAX_ATTRIBUTE_VALUE: usize = 8 * 1024;

/// What the pass changed, for the article's edit record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PrescanStats {
    /// Bytes of scripts, styles, comments, SVG and menus left out.
    pub removed_bytes: u64,
    /// Start and end tags dropped to bound the nesting depth.
    pub flattened_tags: u64,
    /// Attributes dropped for number or length.
    pub dropped_attributes: u64,
}

/// Elements whose end tag may be left out or that the parser closes by
/// itself (a `<p>` closes the previous `<p>`): they do not nest deep.
fn is_uncounted(name: &[u8]) -> bool {
    const NAMES: &[&[u8]] = &[
        b"p", b"li", b"dt", b"dd", b"option", b"optgroup", b"tr", b"td", b"th", b"thead", b"tbody", b"tfoot",
        b"colgroup", b"caption", b"rb", b"rt", b"rtc", b"rp", b"html", b"head", b"body",
    ];
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

fn is_void(name: &[u8]) -> bool {
    const NAMES: &[&[u8]] = &[
        b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param", b"source",
        b"track", b"wbr", b"keygen", b"basefont", b"bgsound", b"frame", b"image",
    ];
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

fn is_formatting(name: &[u8]) -> bool {
    const NAMES: &[&[u8]] = &[
        b"a", b"b", b"big", b"code", b"em", b"font", b"i", b"nobr", b"s", b"small", b"strike", b"strong", b"tt", b"u",
    ];
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// Table structure, whose table may have been flattened away.
fn is_table_part(name: &[u8]) -> bool {
    const NAMES: &[&[u8]] = &[b"tr", b"td", b"th", b"tbody", b"thead", b"tfoot", b"caption", b"colgroup"];
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// Elements whose content the tokenizer reads as text up to their end tag;
/// copied whole so that a `<` inside them is not taken for a tag.
fn is_raw_text(name: &[u8]) -> bool {
    const NAMES: &[&[u8]] = &[b"title", b"textarea", b"xmp", b"iframe", b"noembed", b"noframes"];
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

fn is_name_byte(b: u8) -> bool {
    !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>')
}

/// Where the end tag `</name…>` that closes raw text starting at `from`
/// begins and ends (one past its `>`); `None` when the page ends first.
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<(usize, usize)> {
    let finder = memmem::Finder::new(b"</");
    let mut at = from;
    while let Some(rel) = finder.find(&bytes[at..]) {
        let start = at + rel;
        let name_end = start + 2 + name.len();
        if name_end <= bytes.len()
            && bytes[start + 2..name_end].eq_ignore_ascii_case(name)
            && bytes.get(name_end).is_none_or(|&b| !is_name_byte(b))
        {
            let end = memchr(b'>', &bytes[name_end..]).map_or(bytes.len(), |p| name_end + p + 1);
            return Some((start, end));
        }
        at = start + 2;
    }
    None
}

/// Attributes no text extractor reads: script data (`data-*`), event
/// handlers (`on*`), responsive image lists. A tenth of a page's bytes.
fn is_unread_attribute(name: &[u8]) -> bool {
    let starts = |p: &[u8]| name.len() >= p.len() && name[..p.len()].eq_ignore_ascii_case(p);
    starts(b"data-") || (starts(b"on") && name.len() > 4) || name.eq_ignore_ascii_case(b"srcset") || name.eq_ignore_ascii_case(b"sizes")
}

/// Whether `bytes[at..]` starts with `name` (any case) followed by the end
/// of a tag name.
fn tag_name_at(bytes: &[u8], at: usize, name: &[u8]) -> bool {
    let end = at + name.len();
    end <= bytes.len() && bytes[at..end].eq_ignore_ascii_case(name) && bytes.get(end).is_none_or(|&b| !is_name_byte(b))
}

/// Where the element `name` whose start tag ends at `from` ends (one past
/// the `>` of its matching end tag, nested same-name elements counted), and
/// how many `<p` start tags it holds; `None` when it is not closed.
fn find_element_end(bytes: &[u8], from: usize, name: &[u8]) -> Option<(usize, usize)> {
    let mut depth = 1usize;
    let mut paragraphs = 0;
    let mut at = from;
    while let Some(rel) = memchr(b'<', &bytes[at..]) {
        let lt = at + rel;
        if bytes.get(lt + 1) == Some(&b'/') && tag_name_at(bytes, lt + 2, name) {
            depth -= 1;
            if depth == 0 {
                let end = memchr(b'>', &bytes[lt..]).map_or(bytes.len(), |p| lt + p + 1);
                return Some((end, paragraphs));
            }
        } else if tag_name_at(bytes, lt + 1, name) {
            depth += 1;
        } else if tag_name_at(bytes, lt + 1, b"p") {
            paragraphs += 1;
        }
        at = lt + 1;
    }
    None
}

/// One attribute of a start tag: the whole `name=value` byte range, and
/// the value's range.
#[derive(Clone, Copy)]
struct Attribute {
    whole: (usize, usize),
    value: (usize, usize),
    name: (usize, usize),
}

/// Reads the attributes of the start tag whose name ends at `at`; returns
/// where the tag ends (one past `>`, or the page's end) and whether it ends
/// with `/>`.
fn read_attributes(bytes: &[u8], mut at: usize, attrs: &mut Vec<Attribute>) -> usize {
    attrs.clear();
    let n = bytes.len();
    loop {
        while at < n && matches!(bytes[at], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/') {
            at += 1;
        }
        if at >= n {
            return n;
        }
        if bytes[at] == b'>' {
            return at + 1;
        }
        let name_start = at;
        at += 1; // an attribute name may begin with '=' or a quote
        while at < n && !matches!(bytes[at], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>' | b'=') {
            at += 1;
        }
        let name_end = at;
        let mut probe = at;
        while probe < n && matches!(bytes[probe], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
            probe += 1;
        }
        let mut value = (name_end, name_end);
        if probe < n && bytes[probe] == b'=' {
            at = probe + 1;
            while at < n && matches!(bytes[at], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                at += 1;
            }
            if at < n && (bytes[at] == b'"' || bytes[at] == b'\'') {
                let quote = bytes[at];
                let end = memchr(quote, &bytes[at + 1..]).map_or(n, |p| at + 1 + p);
                value = (at + 1, end);
                at = (end + 1).min(n);
            } else {
                let start = at;
                while at < n && !matches!(bytes[at], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>') {
                    at += 1;
                }
                value = (start, at);
            }
        }
        attrs.push(Attribute { whole: (name_start, at), value, name: (name_start, name_end) });
    }
}

/// The reusable state of the pass.
#[derive(Default)]
pub struct Prescanner {
    /// Names of the counted open elements (at most [`MAX_DEPTH`]).
    open: Vec<(usize, usize)>,
    attrs: Vec<Attribute>,
}

impl Prescanner {
    /// Writes the cleaned page into `out` (cleared first).
    pub fn run(&mut self, html: &str, out: &mut String) -> PrescanStats {
        out.clear();
        out.reserve(html.len() / 2);
        self.open.clear();
        let bytes = html.as_bytes();
        let n = bytes.len();
        let mut stats = PrescanStats::default();
        // Start tags dropped past MAX_DEPTH and not yet closed.
        let mut excess: u64 = 0;
        // Formatting elements in `open`.
        let mut formatting = 0usize;
        // No <nav> starting before this is searched for its end again, so
        // that nested or unclosed menus are scanned once.
        let mut nav_searched_to = 0;
        let mut copied = 0; // bytes before this are written or dropped
        let mut at = 0;
        while let Some(rel) = memchr(b'<', &bytes[at..]) {
            let lt = at + rel;
            let Some(&next) = bytes.get(lt + 1) else { break };
            if next == b'!' {
                if bytes[lt..].starts_with(b"<!--") {
                    // `<!-->` and `<!--->` are complete comments too.
                    let end = if bytes[lt + 4..].starts_with(b">") {
                        lt + 5
                    } else if bytes[lt + 4..].starts_with(b"->") {
                        lt + 6
                    } else {
                        memmem::find(&bytes[lt + 4..], b"-->").map_or(n, |p| lt + 4 + p + 3)
                    };
                    out.push_str(&html[copied..lt]);
                    stats.removed_bytes += (end - lt) as u64;
                    copied = end;
                    at = end;
                } else {
                    // Doctype or a bogus comment: kept, up to its `>`.
                    at = memchr(b'>', &bytes[lt..]).map_or(n, |p| lt + p + 1);
                }
                continue;
            }
            if next == b'/' {
                let name_start = lt + 2;
                let mut name_end = name_start;
                while name_end < n && is_name_byte(bytes[name_end]) {
                    name_end += 1;
                }
                let end = memchr(b'>', &bytes[name_end..]).map_or(n, |p| name_end + p + 1);
                let name = &bytes[name_start..name_end];
                let counted = !name.is_empty() && name[0].is_ascii_alphabetic() && !is_void(name) && !is_uncounted(name);
                let mut drop = false;
                if counted && excess > 0 {
                    excess -= 1;
                    drop = true;
                } else if counted {
                    match self.open.iter().rposition(|&(s, e)| bytes[s..e].eq_ignore_ascii_case(name)) {
                        Some(depth) => {
                            // Like the tree builder: an end tag closes what is open inside it.
                            formatting -= self.open[depth..].iter().filter(|&&(s, e)| is_formatting(&bytes[s..e])).count();
                            self.open.truncate(depth);
                        }
                        // The end of a formatting element dropped at the cap.
                        None => drop = is_formatting(name),
                    }
                } else {
                    drop = excess > 0 && is_table_part(name);
                }
                if drop {
                    out.push_str(&html[copied..lt]);
                    copied = end;
                    stats.flattened_tags += 1;
                }
                at = end;
                continue;
            }
            if !next.is_ascii_alphabetic() {
                at = lt + 1;
                continue;
            }
            let name_start = lt + 1;
            let mut name_end = name_start;
            while name_end < n && is_name_byte(bytes[name_end]) {
                name_end += 1;
            }
            let name = &bytes[name_start..name_end];
            let tag_end = read_attributes(bytes, name_end, &mut self.attrs);

            let dropped_whole = if name.eq_ignore_ascii_case(b"script") {
                let json_ld = self.attrs.iter().any(|a| {
                    bytes[a.name.0..a.name.1].eq_ignore_ascii_case(b"type")
                        && memmem::find(&bytes[a.value.0..a.value.1], b"ld+json").is_some()
                });
                let end = find_end_tag(bytes, tag_end, b"script").map_or(n, |(_, e)| e);
                if json_ld {
                    // Metadata (headline, dates) the extractor reads: kept.
                    at = end;
                    continue;
                }
                Some(end)
            } else if name.eq_ignore_ascii_case(b"style") {
                Some(find_end_tag(bytes, tag_end, b"style").map_or(n, |(_, e)| e))
            } else if name.eq_ignore_ascii_case(b"svg") {
                Some(find_end_tag(bytes, tag_end, b"svg").map_or(n, |(_, e)| e))
            } else if name.eq_ignore_ascii_case(b"nav") && lt >= nav_searched_to {
                // Menus: a fifth of what is left of a page. One that holds
                // paragraphs is kept (a page wrapped in <nav> by mistake).
                let found = find_element_end(bytes, tag_end, b"nav");
                nav_searched_to = found.map_or(n, |(e, _)| e);
                found.filter(|&(_, paragraphs)| paragraphs < 3).map(|(e, _)| e)
            } else {
                None
            };
            if let Some(end) = dropped_whole {
                out.push_str(&html[copied..lt]);
                stats.removed_bytes += (end - lt) as u64;
                copied = end;
                at = end;
                continue;
            }

            let counted = !is_void(name) && !is_uncounted(name);
            let is_format = counted && is_formatting(name);
            let too_deep = counted && self.open.len() >= MAX_DEPTH;
            if too_deep || (is_format && formatting >= MAX_OPEN_FORMATTING) || (excess > 0 && is_table_part(name)) {
                out.push_str(&html[copied..lt]);
                copied = tag_end;
                if too_deep {
                    excess += 1;
                }
                stats.flattened_tags += 1;
                at = tag_end;
                continue;
            }
            if counted {
                self.open.push((name_start, name_end));
                formatting += usize::from(is_format);
            }
            let oversized = self.attrs.len() > MAX_ATTRIBUTES
                || self.attrs.iter().any(|a| a.value.1 - a.value.0 > MAX_ATTRIBUTE_VALUE);
            let unread = self.attrs.iter().any(|a| is_unread_attribute(&bytes[a.name.0..a.name.1]));
            if oversized || unread {
                out.push_str(&html[copied..lt]);
                out.push('<');
                out.push_str(&html[name_start..name_end]);
                let mut kept = 0;
                for a in &self.attrs {
                    if is_unread_attribute(&bytes[a.name.0..a.name.1]) {
                        continue;
                    }
                    if kept < MAX_ATTRIBUTES && a.value.1 - a.value.0 <= MAX_ATTRIBUTE_VALUE {
                        out.push(' ');
                        out.push_str(&html[a.whole.0..a.whole.1]);
                        kept += 1;
                    } else {
                        stats.dropped_attributes += 1;
                    }
                }
                out.push('>');
                copied = tag_end;
            }
            at = tag_end;
            if is_raw_text(name) {
                at = find_end_tag(bytes, tag_end, name).map_or(n, |(_, e)| e);
                if counted {
                    self.open.pop();
                    formatting -= usize::from(is_format);
                }
            }
        }
        out.push_str(&html[copied..]);
        stats
    }
}

/// [`Prescanner::run`] with a fresh state and output.
pub fn prescan(html: &str) -> (String, PrescanStats) {
    let mut out = String::new();
    let stats = Prescanner::default().run(html, &mut out);
    (out, stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_styles_comments_and_svg_go_json_ld_stays() {
        let page = "<html><head><title>a <b> c</title><script>if (a<b) x='</div>';</script>\
            <SCRIPT type=\"application/ld+json\">{\"headline\":\"H\"}</SCRIPT><style>p{}</style></head>\
            <body><!-- note --><p>Teks <svg><text>ikon</text></svg>utama.</p><!--></body></html>";
        let (out, stats) = prescan(page);
        assert_eq!(
            out,
            "<html><head><title>a <b> c</title><SCRIPT type=\"application/ld+json\">{\"headline\":\"H\"}</SCRIPT>\
            </head><body><p>Teks utama.</p></body></html>"
        );
        assert_eq!(stats.removed_bytes as usize, page.len() - out.len());
    }

    #[test]
    fn a_script_tag_inside_an_attribute_value_is_not_a_script() {
        let page = "<div lang=\"<script>\" title='>'>kept</div><p>also kept</p>";
        assert_eq!(prescan(page).0, page);
    }

    #[test]
    fn an_unterminated_script_or_comment_runs_to_the_end() {
        assert_eq!(prescan("<p>a</p><script>var x").0, "<p>a</p>");
        assert_eq!(prescan("<p>a</p><!-- never closed <p>b</p>").0, "<p>a</p>");
        assert_eq!(prescan("<p>a<").0, "<p>a<");
        assert_eq!(prescan("<").0, "<");
        assert_eq!(prescan("").0, "");
    }

    #[test]
    fn deep_nesting_is_flattened_and_text_kept() {
        let depth = 10_000;
        let page = format!("{}kata{}", "<div><b>".repeat(depth), "</b></div>".repeat(depth));
        let (out, stats) = prescan(&page);
        assert_eq!(out.matches("<div>").count() + out.matches("<b>").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count() + out.matches("</b>").count(), MAX_DEPTH);
        assert!(out.contains("kata"));
        assert_eq!(stats.flattened_tags as usize, 4 * depth - 2 * MAX_DEPTH);
    }

    #[test]
    fn shallow_pages_with_unclosed_paragraphs_are_untouched() {
        let page = "<body><div><p>a<p>b<ul><li>c<li>d</ul></div>".repeat(500);
        let (out, stats) = prescan(&page);
        assert_eq!(out, page);
        assert_eq!(stats, PrescanStats::default());
    }

    #[test]
    fn huge_attribute_lists_are_cut() {
        let attrs: String = (0..1000).map(|i| format!(" a{i}=\"{i}\"")).collect();
        let page = format!("<div class=\"isi\"{attrs} src=\"{}\">teks</div>", "x".repeat(MAX_ATTRIBUTE_VALUE + 1));
        let (out, stats) = prescan(&page);
        assert!(out.starts_with("<div class=\"isi\" a0=\"0\""));
        assert!(out.ends_with(">teks</div>"));
        assert_eq!(stats.dropped_attributes, 1001 - (MAX_ATTRIBUTES as u64 - 1));
    }

    #[test]
    fn menus_and_unread_attributes_go() {
        let page = "<nav class=m><ul><li><a href=/>Beranda</a><nav><a href=/x>X</a></nav></ul></nav>\
            <div data-id=\"42\" class=\"isi\" onclick=\"go()\" open><p>Teks</p></div>";
        assert_eq!(prescan(page).0, "<div class=\"isi\" open><p>Teks</p></div>");
        // A <nav> that holds the article's paragraphs is not a menu.
        let wrapped = "<nav><p>Satu.</p><p>Dua.</p><p>Tiga.</p></nav>";
        assert_eq!(prescan(wrapped).0, wrapped);
    }
}
