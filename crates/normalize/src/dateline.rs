//! Leading datelines: the place and outlet that open a news story
//! ("JAKARTA, KOMPAS.com -", "Liputan6.com, Jakarta -", "TEMPO.CO,Jakarta-",
//! "Jakarta (ANTARA) -", "Jakarta, CNN Indonesia --", "JAKARTA —",
//! "Merdeka.com -"), often glued to the first word by the scraper
//! ("Liputan6.com, JakartaKita semua …").
//!
//! Recognised shapes, at the very start of the text, within 80
//! bytes:
//! - `OUTLET, Place SEP` and `OUTLET, PlaceGlued…` (a capital right after the
//!   place with no space);
//! - `OUTLET SEP`;
//! - `Place, OUTLET SEP`;
//! - `Place (Outlet) SEP`;
//! - `PLACE SEP` with the place in capitals (at least four letters).
//!
//! `OUTLET` is a web name ("KOMPAS.com", "TEMPO.CO", "REPUBLIKA.CO.ID") or a
//! known agency/outlet name; `SEP` is a dash (`-`, `--`, `–`, `—`).

/// A dateline never runs longer than this.
const MAX_DATELINE: usize = 80;

/// Outlet and agency names that are not web names.
const OUTLETS: &[&str] = &[
    "ANTARA News", "ANTARA", "Antara", "CNBC Indonesia", "CNN Indonesia", "CNNIndonesia", "Pos Kota", "Rimanews", "detikcom", "detikNews",
    "Okezone", "Sindonews", "Kontan", "KONTAN", "Bisnis", "Beritasatu", "Kumparan", "kumparan", "IDN Times", "Bernama",
    "Reuters", "AFP", "AP", "Xinhua", "BBC", "VOA", "Tribunnews", "TRIBUNNEWS", "Jawa Pos", "Kompas", "KOMPAS", "Tempo",
    "TEMPO", "Republika", "Media Indonesia", "Suara Merdeka", "Pikiran Rakyat",
];

/// Web-name endings that make a token an outlet ("Liputan6.com").
/// The first bytes of [`OUTLETS`], as a 256-bit set.
const OUTLET_FIRST_BYTES: [u64; 4] = {
    let mut set = [0u64; 4];
    let mut i = 0;
    while i < OUTLETS.len() {
        let b = OUTLETS[i].as_bytes()[0] as usize;
        set[b / 64] |= 1 << (b % 64);
        i += 1;
    }
    set
};

const WEB_SUFFIXES: &[&str] = &[".com", ".COM", ".co.id", ".CO.ID", ".co", ".CO", ".net", ".NET", ".id", ".ID", ".news", ".tv", ".TV", ".org"];

/// A dateline found at the start of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline<'t> {
    /// The dateline as printed, without the trailing separator's spaces.
    pub dateline: &'t str,
    /// Byte offset where the article body starts.
    pub body_start: usize,
}

/// Finds a leading dateline. The body after it must start with a letter, a
/// digit or an opening quote, or be empty: a text that is a dateline and
/// nothing else ("TEMPO.CO,Jakarta-", a scrape that lost its story) is
/// all dateline, and the article is left without text.
pub fn find(text: &str) -> Option<Dateline<'_>> {
    let head_end = floor_boundary(text, MAX_DATELINE.min(text.len()));
    let head = &text[..head_end];
    let head = &head[..memchr::memchr(b'\n', head.as_bytes()).unwrap_or(head.len())];
    let (dateline_end, body_start) = parse(head, text)?;
    let body = &text[body_start..];
    if body.trim().is_empty() {
        return Some(Dateline { dateline: text[..dateline_end].trim_end(), body_start: text.len() });
    }
    let first = body.chars().next()?;
    if !(first.is_alphanumeric() || matches!(first, '"' | '“' | '‘' | '\'' | '(')) {
        return None;
    }
    // A dash glued on both sides ("COVID-19", "JAKARTA-Bogor") is a hyphen
    // unless a capital starts the body ("JAKARTA-Ahmad Dhani …").
    let glued_dash = body_start == dateline_end && text[..dateline_end].ends_with('-');
    if glued_dash && !text[..dateline_end].trim_end_matches('-').ends_with(' ') && !first.is_uppercase() && first.is_alphanumeric() {
        return None;
    }
    Some(Dateline { dateline: text[..dateline_end].trim_end(), body_start })
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Returns (end of the dateline incl. separator, start of the body).
fn parse(head: &str, text: &str) -> Option<(usize, usize)> {
    // OUTLET first.
    if let Some(after_outlet) = outlet_at(head, 0) {
        let rest = &head[after_outlet..];
        if let Some(sep_end) = separator_at(head, after_outlet) {
            return Some(finish(text, sep_end));
        }
        let comma = after_outlet + leading_spaces(rest);
        if head[comma..].starts_with(',') {
            let place_start = comma + 1 + leading_spaces(&head[comma + 1..]);
            let (place_end, glued) = place_at(head, place_start, true)?;
            if glued {
                return Some((place_end, place_end));
            }
            let sep_end = separator_at(head, place_end)?;
            return Some(finish(text, sep_end));
        }
        return None;
    }
    // Place first.
    let (place_end, _) = place_at(head, 0, false)?;
    let place = &head[..place_end];
    let after = &head[place_end..];
    let spaces = leading_spaces(after);
    if after[spaces..].starts_with(',') {
        let outlet_start = place_end + spaces + 1 + leading_spaces(&after[spaces + 1..]);
        if let Some(outlet_end) = outlet_at(head, outlet_start) {
            let sep_end = separator_at(head, outlet_end)?;
            return Some(finish(text, sep_end));
        }
        // The American form: a place in capitals, then a state or country
        // abbreviation ("SAN JOSE, Calif. —", "AUSTIN, Texas —").
        let letters = place.chars().filter(|c| c.is_alphabetic()).count();
        if letters >= 4 && !place.chars().any(|c| c.is_lowercase()) {
            let region = &head[outlet_start..];
            let region_len = region
                .find(|c: char| !(c.is_alphabetic() || c == '.'))
                .unwrap_or(region.len());
            let word = &region[..region_len];
            if (2..=12).contains(&word.len()) && word.starts_with(|c: char| c.is_uppercase()) {
                let sep_end = separator_at(head, outlet_start + region_len)?;
                return Some(finish(text, sep_end));
            }
        }
        return None;
    }
    if after[spaces..].starts_with('(') {
        let open = place_end + spaces;
        let close = open + head[open..].find(')')?;
        let inner = &head[open + 1..close];
        if inner.is_empty() || inner.len() > 30 || !inner.starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
        let sep_end = separator_at(head, close + 1)?;
        return Some(finish(text, sep_end));
    }
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 4 && !place.chars().any(|c| c.is_lowercase()) {
        let sep_end = separator_at(head, place_end)?;
        return Some(finish(text, sep_end));
    }
    None
}

/// The body starts after the separator's spaces, or on the next line when
/// the dateline is a line of its own ("Suara.com -⏎Aksi …").
fn finish(text: &str, sep_end: usize) -> (usize, usize) {
    let mut body_start = sep_end + leading_spaces(&text[sep_end..]);
    if text[body_start..].starts_with('\n') {
        body_start += 1 + leading_spaces(&text[body_start + 1..]);
    }
    (sep_end, body_start)
}

fn leading_spaces(s: &str) -> usize {
    s.len() - s.trim_start_matches(' ').len()
}

/// An outlet name starting at `start`; returns its end.
fn outlet_at(head: &str, start: usize) -> Option<usize> {
    let rest = &head[start..];
    // A web name: letters/digits and dots, ending in a known suffix.
    let token_len = rest.bytes().position(|b| !(b.is_ascii_alphanumeric() || b == b'.')).unwrap_or(rest.len());
    let token = rest[..token_len].trim_end_matches('.');
    if token.len() > 3 && token.starts_with(|c: char| c.is_ascii_alphabetic()) && WEB_SUFFIXES.iter().any(|s| token.ends_with(s)) {
        let name_len = token.len() - WEB_SUFFIXES.iter().filter(|s| token.ends_with(*s)).map(|s| s.len()).max().unwrap_or(0);
        if name_len >= 2 {
            return Some(start + token.len());
        }
    }
    // Most lines start with a byte no outlet name starts with.
    let first = usize::from(*rest.as_bytes().first()?);
    if OUTLET_FIRST_BYTES[first / 64] & (1 << (first % 64)) == 0 {
        return None;
    }
    for name in OUTLETS {
        if let Some(after) = rest.strip_prefix(name) {
            // The name must end at a word boundary.
            if !after.starts_with(|c: char| c.is_alphanumeric()) {
                return Some(start + name.len());
            }
        }
    }
    None
}

/// A place name (1–4 capitalised words) at `start`. With `allow_glued`, a
/// word whose lower-case letters are followed by a capital ("JakartaKita")
/// ends the place there and reports `glued`.
fn place_at(head: &str, start: usize, allow_glued: bool) -> Option<(usize, bool)> {
    let mut pos = start;
    let mut words = 0;
    loop {
        let rest = &head[pos..];
        let first = rest.chars().next()?;
        if !first.is_uppercase() {
            break;
        }
        let mut end = 0;
        let mut prev_lower = false;
        for (i, c) in rest.char_indices() {
            if c.is_alphabetic() || c == '.' || c == '\'' {
                if allow_glued && prev_lower && c.is_uppercase() {
                    return Some((pos + i, true));
                }
                prev_lower = c.is_lowercase();
                end = i + c.len_utf8();
            } else {
                break;
            }
        }
        if end == 0 {
            break;
        }
        pos += end;
        words += 1;
        if words == 4 || !head[pos..].starts_with(' ') {
            break;
        }
        // Continue only into another capitalised word.
        if !head[pos + 1..].starts_with(|c: char| c.is_uppercase()) {
            break;
        }
        pos += 1;
    }
    (words > 0).then_some((pos, false))
}

/// A dash separator (with optional spaces before it) at `pos`; returns the
/// end of the dash run.
fn separator_at(head: &str, pos: usize) -> Option<usize> {
    let rest = &head[pos..];
    let spaces = leading_spaces(rest);
    let dashes = &rest[spaces..];
    let run = dashes.len() - dashes.trim_start_matches(['-', '–', '—']).len();
    if run == 0 {
        return None;
    }
    let dash_text = &dashes[..run];
    // "-", "--", "---", "–", "—" (not a hyphenated word: "Jakarta-Bogor").
    if dash_text.chars().count() > 3 {
        return None;
    }
    Some(pos + spaces + run)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Option<(&str, &str)> {
        find(text).map(|d| (d.dateline, &text[d.body_start..]))
    }

    #[test]
    fn recognises_portal_datelines() {
        let cases = [
            ("JAKARTA, KOMPAS.com - Pakar hukum menilai", "JAKARTA, KOMPAS.com -", "Pakar hukum menilai"),
            ("JAKARTA, KOMPAS.com –Badan Penanggulangan", "JAKARTA, KOMPAS.com –", "Badan Penanggulangan"),
            ("Liputan6.com, Jakarta -Harga Bitcoin turun", "Liputan6.com, Jakarta -", "Harga Bitcoin turun"),
            ("Liputan6.com, JakartaKita semua mengalami", "Liputan6.com, Jakarta", "Kita semua mengalami"),
            ("Liputan6.com, Deli Serdang -Penumpang pesawat", "Liputan6.com, Deli Serdang -", "Penumpang pesawat"),
            ("TEMPO.CO,Jakarta-Ginjal adalah organ", "TEMPO.CO,Jakarta-", "Ginjal adalah organ"),
            ("TEMPO.CO, Jakarta - Polisi mengungkap", "TEMPO.CO, Jakarta -", "Polisi mengungkap"),
            ("REPUBLIKA.CO.ID, CIREBON--Kepolisian memastikan", "REPUBLIKA.CO.ID, CIREBON--", "Kepolisian memastikan"),
            ("JAKARTA— Kini, wujud ekspresi", "JAKARTA—", "Kini, wujud ekspresi"),
            ("JAKARTA - Para arkeolog", "JAKARTA -", "Para arkeolog"),
            ("Jakarta (ANTARA) - Pemerintah", "Jakarta (ANTARA) -", "Pemerintah"),
            ("Wamena (ANTARA News) - Pemerintah Kabupaten", "Wamena (ANTARA News) -", "Pemerintah Kabupaten"),
            ("Jakarta, CNN Indonesia -- Pelatih fisik", "Jakarta, CNN Indonesia --", "Pelatih fisik"),
            ("Merdeka.com - Mantan pemain", "Merdeka.com -", "Mantan pemain"),
            ("LONDON (Reuters) - Shares rose", "LONDON (Reuters) -", "Shares rose"),
            // A dateline on a line of its own.
            ("Suara.com -\nAksi itu kembali terjadi", "Suara.com -", "Aksi itu kembali terjadi"),
        ];
        for (text, dateline, body) in cases {
            assert_eq!(split(text), Some((dateline, body)), "{text}");
        }
    }

    #[test]
    fn recognises_american_datelines_and_more_outlets() {
        assert_eq!(split("SAN JOSE, Calif. — Acme Inc. said on Tuesday."), Some(("SAN JOSE, Calif. —", "Acme Inc. said on Tuesday.")));
        assert_eq!(split("AUSTIN, Texas — The plant opens."), Some(("AUSTIN, Texas —", "The plant opens.")));
        assert_eq!(
            split("Jakarta, CNBC Indonesia - Indeks Harga Saham Gabungan ditutup menguat."),
            Some(("Jakarta, CNBC Indonesia -", "Indeks Harga Saham Gabungan ditutup menguat."))
        );
        assert_eq!(split("PARIS, which is big, – no."), None);
    }

    #[test]
    fn a_text_that_is_only_a_dateline_is_all_dateline() {
        for (text, dateline) in [("TEMPO.CO,Jakarta-", "TEMPO.CO,Jakarta-"), ("Liputan6.com, Jakarta -", "Liputan6.com, Jakarta -"), ("JAKARTA -\n", "JAKARTA -")] {
            assert_eq!(split(text), Some((dateline, "")), "{text}");
        }
    }

    #[test]
    fn leaves_ordinary_openings() {
        for text in [
            "Tambang ilegal ditemukan di Pulau Citlim.",
            "Air passengers who are unable to board their flights",
            "PBB - Perserikatan Bangsa-Bangsa menyerukan",
            "Jakarta-Bogor macet parah pagi ini.",
            "SEJAK diterbitkannya Kepres No. 96/P Tahun 2017",
            "Liputan6.com, Jakarta -\n- Harga naik",
            "COVID-19 menyebar cepat.",
            "",
        ] {
            assert_eq!(split(text), None, "{text}");
        }
    }
}
