//! HTML character references (`&amp;`, `&#8217;`, `&#x2019;`), including
//! double-escaped ones (`&amp;quot;`, `&amp;#8217;`), decoded in one linear pass.
//!
//! Only references closed by `;` are decoded: "AT&T" and "R&D;" stay as they
//! are unless they spell a known name. Numeric references in 0x80–0x9F are
//! read as Windows-1252, as HTML5 specifies, so `&#146;` becomes `’`.

/// Named references decoded, sorted by name for binary search. The Latin-1
/// set, typographic punctuation and the few symbols news pages use.
const NAMED: &[(&str, char)] = &[
    ("AElig", 'Æ'), ("Aacute", 'Á'), ("Acirc", 'Â'), ("Agrave", 'À'), ("Alpha", 'Α'), ("Aring", 'Å'),
    ("Atilde", 'Ã'), ("Auml", 'Ä'), ("Beta", 'Β'), ("Ccedil", 'Ç'), ("Dagger", '‡'), ("Delta", 'Δ'),
    ("ETH", 'Ð'), ("Eacute", 'É'), ("Ecirc", 'Ê'), ("Egrave", 'È'), ("Euml", 'Ë'), ("Gamma", 'Γ'),
    ("Iacute", 'Í'), ("Icirc", 'Î'), ("Igrave", 'Ì'), ("Iuml", 'Ï'), ("Lambda", 'Λ'), ("Ntilde", 'Ñ'),
    ("OElig", 'Œ'), ("Oacute", 'Ó'), ("Ocirc", 'Ô'), ("Ograve", 'Ò'), ("Omega", 'Ω'), ("Oslash", 'Ø'),
    ("Otilde", 'Õ'), ("Ouml", 'Ö'), ("Phi", 'Φ'), ("Pi", 'Π'), ("Prime", '″'), ("Psi", 'Ψ'), ("Scaron", 'Š'),
    ("Sigma", 'Σ'), ("THORN", 'Þ'), ("Theta", 'Θ'), ("Uacute", 'Ú'), ("Ucirc", 'Û'), ("Ugrave", 'Ù'),
    ("Uuml", 'Ü'), ("Yacute", 'Ý'), ("Yuml", 'Ÿ'), ("Zcaron", 'Ž'), ("aacute", 'á'), ("acirc", 'â'),
    ("acute", '´'), ("aelig", 'æ'), ("agrave", 'à'), ("alpha", 'α'), ("amp", '&'), ("apos", '\''),
    ("aring", 'å'), ("asymp", '≈'), ("atilde", 'ã'), ("auml", 'ä'), ("bdquo", '„'), ("beta", 'β'),
    ("brvbar", '¦'), ("bull", '•'), ("ccedil", 'ç'), ("cedil", '¸'), ("cent", '¢'), ("circ", 'ˆ'),
    ("copy", '©'), ("curren", '¤'), ("dagger", '†'), ("darr", '↓'), ("deg", '°'), ("delta", 'δ'),
    ("divide", '÷'), ("eacute", 'é'), ("ecirc", 'ê'), ("egrave", 'è'), ("emsp", '\u{2003}'),
    ("ensp", '\u{2002}'), ("epsilon", 'ε'), ("eth", 'ð'), ("euml", 'ë'), ("euro", '€'), ("fnof", 'ƒ'),
    ("frac12", '½'), ("frac14", '¼'), ("frac34", '¾'), ("frasl", '⁄'), ("gamma", 'γ'), ("ge", '≥'),
    ("gt", '>'), ("harr", '↔'), ("hellip", '…'), ("iacute", 'í'), ("icirc", 'î'), ("iexcl", '¡'),
    ("igrave", 'ì'), ("infin", '∞'), ("iquest", '¿'), ("iuml", 'ï'), ("lambda", 'λ'), ("laquo", '«'),
    ("larr", '←'), ("ldquo", '“'), ("le", '≤'), ("lrm", '\u{200E}'), ("lsaquo", '‹'), ("lsquo", '‘'),
    ("lt", '<'), ("macr", '¯'), ("mdash", '—'), ("micro", 'µ'), ("middot", '·'), ("minus", '−'),
    ("mu", 'μ'), ("nbsp", '\u{A0}'), ("ndash", '–'), ("ne", '≠'), ("not", '¬'), ("ntilde", 'ñ'),
    ("oacute", 'ó'), ("ocirc", 'ô'), ("oelig", 'œ'), ("ograve", 'ò'), ("omega", 'ω'), ("ordf", 'ª'),
    ("ordm", 'º'), ("oslash", 'ø'), ("otilde", 'õ'), ("ouml", 'ö'), ("para", '¶'), ("permil", '‰'),
    ("phi", 'φ'), ("pi", 'π'), ("plusmn", '±'), ("pound", '£'), ("prime", '′'), ("quot", '"'),
    ("raquo", '»'), ("rarr", '→'), ("rdquo", '”'), ("reg", '®'), ("rlm", '\u{200F}'), ("rsaquo", '›'),
    ("rsquo", '’'), ("sbquo", '‚'), ("scaron", 'š'), ("sect", '§'), ("shy", '\u{AD}'), ("sigma", 'σ'),
    ("sup1", '¹'), ("sup2", '²'), ("sup3", '³'), ("szlig", 'ß'), ("theta", 'θ'), ("thinsp", '\u{2009}'),
    ("thorn", 'þ'), ("tilde", '˜'), ("times", '×'), ("trade", '™'), ("uacute", 'ú'), ("uarr", '↑'),
    ("ucirc", 'û'), ("ugrave", 'ù'), ("uml", '¨'), ("uuml", 'ü'), ("yacute", 'ý'), ("yen", '¥'),
    ("yuml", 'ÿ'), ("zcaron", 'ž'), ("zwj", '\u{200D}'), ("zwnj", '\u{200C}'),
];

/// Windows-1252 meaning of the bytes 0x80–0x9F, per the HTML5 numeric
/// reference rules (`None` where 1252 leaves the byte undefined).
pub(crate) const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'), None, Some('‚'), Some('ƒ'), Some('„'), Some('…'), Some('†'), Some('‡'),
    Some('ˆ'), Some('‰'), Some('Š'), Some('‹'), Some('Œ'), None, Some('Ž'), None,
    None, Some('‘'), Some('’'), Some('“'), Some('”'), Some('•'), Some('–'), Some('—'),
    Some('˜'), Some('™'), Some('š'), Some('›'), Some('œ'), None, Some('ž'), Some('Ÿ'),
];

/// Longest name in [`NAMED`], to bound the scan.
const MAX_NAME: usize = 8;

/// Parses a character reference starting right after a `&` at `s[0..]`;
/// returns the character and the number of bytes consumed (up to and
/// including the `;`).
fn parse_reference(s: &[u8]) -> Option<(char, usize)> {
    if s.first() == Some(&b'#') {
        let (digits_start, radix) = match s.get(1) {
            Some(b'x') | Some(b'X') => (2, 16),
            _ => (1, 10),
        };
        let mut value: u32 = 0;
        let mut i = digits_start;
        while i < s.len() && i - digits_start < 8 {
            let d = match (s[i] as char).to_digit(radix) {
                Some(d) => d,
                None => break,
            };
            value = value * radix + d;
            i += 1;
        }
        if i == digits_start || s.get(i) != Some(&b';') {
            return None;
        }
        let c = match value {
            0 => '\u{FFFD}',
            0x80..=0x9F => CP1252_HIGH[(value - 0x80) as usize].unwrap_or('\u{FFFD}'),
            v => char::from_u32(v).unwrap_or('\u{FFFD}'),
        };
        return Some((c, i + 1));
    }
    let name_len = s.iter().take(MAX_NAME + 1).take_while(|b| b.is_ascii_alphanumeric()).count();
    if name_len == 0 || name_len > MAX_NAME || s.get(name_len) != Some(&b';') {
        return None;
    }
    // ASCII alphanumerics only, so this is valid UTF-8.
    let name = std::str::from_utf8(&s[..name_len]).ok()?;
    let at = NAMED.binary_search_by(|(n, _)| (*n).cmp(name)).ok()?;
    Some((NAMED[at].1, name_len + 1))
}

/// Decodes the character references of `text` into `out` (cleared first);
/// returns the number of references decoded. A reference that decodes to `&`
/// is chained with what follows, so `&amp;amp;lt;` becomes `<` in the same pass.
pub(crate) fn decode(text: &str, out: &mut String, on_decoded: &mut dyn FnMut(&str, char)) -> u64 {
    out.clear();
    let bytes = text.as_bytes();
    let mut decoded = 0u64;
    let mut copied_to = 0;
    let mut search_from = 0;
    while let Some(rel) = memchr::memchr(b'&', &bytes[search_from..]) {
        let amp = search_from + rel;
        let mut pos = amp + 1;
        let mut result: Option<char> = None;
        while let Some((c, used)) = parse_reference(&bytes[pos..]) {
            decoded += 1;
            pos += used;
            result = Some(c);
            if c != '&' {
                break;
            }
        }
        match result {
            Some(c) => {
                on_decoded(&text[amp..pos], c);
                out.push_str(&text[copied_to..amp]);
                out.push(c);
                copied_to = pos;
                search_from = pos;
            }
            None => search_from = amp + 1,
        }
    }
    if decoded == 0 {
        return 0;
    }
    out.push_str(&text[copied_to..]);
    decoded
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> String {
        let mut out = String::new();
        if decode(s, &mut out, &mut |_, _| {}) == 0 {
            return s.to_string();
        }
        out
    }

    #[test]
    fn table_is_sorted_for_binary_search() {
        assert!(NAMED.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(NAMED.iter().all(|(n, _)| n.len() <= MAX_NAME));
    }

    #[test]
    fn decodes_named_numeric_and_double_escaped() {
        assert_eq!(dec("Tom &amp; Jerry"), "Tom & Jerry");
        assert_eq!(dec("it&#8217;s &#x201C;ok&#x201d;"), "it’s “ok”");
        assert_eq!(dec("&amp;quot;x&amp;quot;"), "\"x\"");
        assert_eq!(dec("&amp;amp;amp;#8217;"), "’");
        assert_eq!(dec("&#146;"), "’");
        assert_eq!(dec("a&nbsp;b"), "a\u{A0}b");
    }

    #[test]
    fn leaves_bare_ampersands() {
        // Eight digits at most: longer numbers are not references.
        for s in ["AT&T", "R&D", "a & b", "&", "&;", "&#;", "&#x;", "&unknown;", "&amp", "&#99999999999;", "&&amp"] {
            assert_eq!(dec(s), s, "{s}");
        }
    }
}
