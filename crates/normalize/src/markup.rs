//! HTML markup left in a text field: scrapers often store a story's inner
//! HTML ("<p>Warga menyambut baik.</p><p>…") or escape it twice, so that it
//! shows as "&lt;p&gt;" (decoded by the entity step, then found here).
//!
//! Only tags of known HTML elements are taken out, and only in a text with
//! at least [`MIN_TAGS`] of them: one "<div>" in a story about web pages is
//! prose. Block elements and `<br>` end a line, table cells leave a space,
//! inline elements leave nothing; the content of `script`, `style`,
//! `noscript`, `template`, `iframe`, `svg` and `math` goes with them, and so
//! do comments. Every scan is bounded ([`MAX_TAG_BYTES`],
//! [`MAX_DROPPED_BYTES`]), so the pass stays linear on hostile input.

/// Fewer recognised tags than this in a text: it is left as it is.
pub const MIN_TAGS: usize = 2;

/// A tag (name and attributes) longer than this is not read as one.
const MAX_TAG_BYTES: usize = 2048;

/// How far the closing tag of a dropped element (or a comment's end) is
/// looked for; past it, only the opening tag goes.
const MAX_DROPPED_BYTES: usize = 256 * 1024;

/// Elements that end a line.
const BLOCK: &[&str] = &[
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "tfoot", "thead", "tr", "ul",
];

/// Table cells: a space between them.
const CELL: &[&str] = &["td", "th"];

/// Elements inside a line: their tags go, their text stays.
const INLINE: &[&str] = &[
    "a", "abbr", "audio", "b", "bdi", "bdo", "big", "button", "center", "cite", "code", "data", "del", "dfn", "em", "embed", "font", "i",
    "img", "input", "ins", "kbd", "label", "mark", "object", "picture", "q", "s", "samp", "small", "source", "span", "strike", "strong",
    "sub", "sup", "time", "tt", "u", "var", "video", "wbr",
];

/// Elements whose content is no article text.
const DROPPED: &[&str] = &["iframe", "math", "noscript", "script", "style", "svg", "template"];

/// What a recognised piece of markup becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Replace {
    Newline,
    Space,
    Nothing,
}

/// What a tag of the element `name` becomes, and whether the element's
/// content goes with it; `None` for an element this pass does not know.
fn element_kind(name: &str) -> Option<(Replace, bool)> {
    let is = |list: &[&str]| list.iter().any(|n| n.eq_ignore_ascii_case(name));
    if is(DROPPED) {
        Some((Replace::Nothing, true))
    } else if is(BLOCK) {
        Some((Replace::Newline, false))
    } else if is(CELL) {
        Some((Replace::Space, false))
    } else if is(INLINE) {
        Some((Replace::Nothing, false))
    } else {
        None
    }
}

/// One recognised piece of markup at the start of `rest`: its length and
/// what replaces it.
fn markup_at(rest: &str) -> Option<(usize, Replace)> {
    let bytes = rest.as_bytes();
    if bytes.starts_with(b"<!--") {
        let end = find(rest, "-->", MAX_DROPPED_BYTES)?;
        return Some((end + 3, Replace::Nothing));
    }
    let (name, len) = tag_at(bytes)?;
    let (replace, drops_content) = element_kind(name)?;
    if drops_content {
        if bytes[1] == b'/' {
            return Some((len, Replace::Nothing));
        }
        // The element and its content, up to its closing tag.
        let mut close = String::with_capacity(name.len() + 2);
        close.push_str("</");
        close.push_str(&name.to_ascii_lowercase());
        let content = &rest[len..];
        let end = find_ignore_case(content, &close, MAX_DROPPED_BYTES).and_then(|at| {
            let (closed, close_len) = tag_at(&content.as_bytes()[at..])?;
            closed.eq_ignore_ascii_case(name).then_some(at + close_len)
        });
        return Some((len + end.unwrap_or(0), Replace::Nothing));
    }
    Some((len, replace))
}

/// A tag at the start of `bytes`: `<name …>` or `</name>`, the name ASCII
/// letters and digits, attributes with quoted values (which may hold `>`),
/// no line break or `<` inside. Returns the name and the tag's length.
fn tag_at(bytes: &[u8]) -> Option<(&str, usize)> {
    if bytes.first() != Some(&b'<') {
        return None;
    }
    let start = if bytes.get(1) == Some(&b'/') { 2 } else { 1 };
    let name_len = bytes[start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
    if name_len == 0 || !bytes[start].is_ascii_alphabetic() {
        return None;
    }
    let name_end = start + name_len;
    // The name ends at a space, "/" or ">".
    if !matches!(bytes.get(name_end), Some(b' ' | b'\t' | b'/' | b'>')) {
        return None;
    }
    let mut quote: Option<u8> = None;
    for (k, &b) in bytes.iter().enumerate().skip(name_end).take(MAX_TAG_BYTES) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) if b == b'\n' => return None,
            Some(_) => {}
            None => match b {
                b'>' => {
                    let name = std::str::from_utf8(&bytes[start..name_end]).ok()?;
                    return Some((name, k + 1));
                }
                b'"' | b'\'' if k > name_end && bytes[k - 1] == b'=' => quote = Some(b),
                b'<' | b'\n' => return None,
                _ => {}
            },
        }
    }
    None
}

/// Offset of `needle` in the first `limit` bytes of `hay`.
fn find(hay: &str, needle: &str, limit: usize) -> Option<usize> {
    let window = &hay.as_bytes()[..hay.len().min(limit)];
    memchr::memmem::find(window, needle.as_bytes())
}

/// [`find`] for an ASCII `needle` in any case.
fn find_ignore_case(hay: &str, needle: &str, limit: usize) -> Option<usize> {
    let window = &hay.as_bytes()[..hay.len().min(limit)];
    let n = needle.as_bytes();
    memchr::memchr_iter(b'<', window).find(|&at| window[at..].len() >= n.len() && window[at..at + n.len()].eq_ignore_ascii_case(n))
}

/// Number of tags of known elements (and comment openings) in `text`,
/// counted up to `enough`, each where it stands: those inside a dropped
/// element count too, so that taking text out of a line never leaves more
/// markup to strip than it found.
fn count_markup(text: &str, enough: usize) -> usize {
    let bytes = text.as_bytes();
    let mut n = 0;
    for at in memchr::memchr_iter(b'<', bytes) {
        let found = bytes[at..].starts_with(b"<!--") || tag_at(&bytes[at..]).is_some_and(|(name, _)| element_kind(name).is_some());
        if found {
            n += 1;
            if n >= enough {
                break;
            }
        }
    }
    n
}

/// Takes the markup out of `text` into `out` (cleared first) and returns
/// how many pieces were taken; 0 (and `out` untouched) when `text` holds
/// fewer than [`MIN_TAGS`].
pub fn strip(text: &str, out: &mut String) -> u64 {
    if memchr::memchr(b'<', text.as_bytes()).is_none() || count_markup(text, MIN_TAGS) < MIN_TAGS {
        return 0;
    }
    out.clear();
    out.reserve(text.len());
    let bytes = text.as_bytes();
    let mut n = 0;
    let mut copied = 0;
    let mut i = 0;
    while let Some(p) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + p;
        let Some((len, replace)) = markup_at(&text[at..]) else {
            i = at + 1;
            continue;
        };
        out.push_str(&text[copied..at]);
        match replace {
            Replace::Newline => out.push('\n'),
            Replace::Space => out.push(' '),
            Replace::Nothing => {}
        }
        n += 1;
        i = at + len;
        copied = i;
    }
    out.push_str(&text[copied..]);
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stripped(text: &str) -> String {
        let mut out = String::new();
        if strip(text, &mut out) == 0 {
            return text.to_string();
        }
        out
    }

    #[test]
    fn paragraphs_and_breaks_become_lines_and_inline_tags_go() {
        assert_eq!(
            stripped("<p>Gubernur <b>meresmikan</b> taman.</p><p>Warga<br/>menyambut <a href=\"/x?a=1&b=2\" title='a > b'>baik</a>.</p>"),
            "\nGubernur meresmikan taman.\n\nWarga\nmenyambut baik.\n"
        );
        assert_eq!(stripped("<TABLE><TR><TD>Rp10</TD><TD>naik</TD></TR></TABLE>"), "\n\n Rp10  naik \n\n");
    }

    #[test]
    fn scripts_styles_and_comments_go_with_their_content() {
        assert_eq!(stripped("<p>Satu.</p><script type=\"text/javascript\">var a = '<p>';</script><!-- iklan --><style>p{}</style>Dua."), "\nSatu.\nDua.");
        // An unclosed script loses its tag only; "</scripts>" closes nothing.
        assert_eq!(stripped("<p>Satu.</p><script>Dua."), "\nSatu.\nDua.");
        assert_eq!(stripped("<p>Satu.</p><script>Dua.</scripts>"), "\nSatu.\nDua.</scripts>");
    }

    #[test]
    fn prose_with_angle_brackets_and_a_single_tag_is_left() {
        for text in [
            "Nilai a < b dan b > c.",
            "Gunakan elemen <div> untuk tata letak.",
            "I <3 Jakarta <3",
            "<Budi> halo",
            "skor <10 dan >5",
            "<p class=\"x\n\">terputus</p> <p",
        ] {
            assert_eq!(stripped(text), text, "{text}");
        }
    }

    #[test]
    fn unknown_elements_and_broken_tags_stay() {
        assert_eq!(stripped("<p>Ya</p> <custom-tag>x</custom-tag> <ruby>y</ruby>"), "\nYa\n <custom-tag>x</custom-tag> <ruby>y</ruby>");
        assert_eq!(stripped("<p>Ya</p><p"), "\nYa\n<p");
    }
}
