//! Boilerplate lines: navigation, promo, embed and credit lines that scrapers
//! leave inside article bodies ("Baca juga: …", "ADVERTISEMENT",
//! "SCROLL TO CONTINUE WITH CONTENT", "[Gambas:Video 20detik]", "Editor: …").
//!
//! A line is removed only when the whole line is boilerplate: it matches a
//! pattern and is short enough that no article sentence can be glued to it.
//! Patterns are matched case-insensitively on the start of the line (or on the
//! whole line for the bare markers) and are grouped into kinds that become the
//! removal reason `boilerplate:<kind>`.

/// A line longer than this is never removed: past it, a real paragraph may be
/// glued to the boilerplate and would be lost with it.
const MAX_LINE: usize = 240;

/// Lines that are boilerplate when they are exactly this (case-insensitive,
/// ignoring trailing ':' and spaces).
const EXACT: &[(&str, &str)] = &[
    ("advertisement", "advertisement"),
    ("advertisements", "advertisement"),
    ("iklan", "advertisement"),
    ("sponsored", "advertisement"),
    ("sponsored content", "advertisement"),
    ("konten bersponsor", "advertisement"),
    ("scroll to continue with content", "scroll_prompt"),
    ("scroll to resume content", "scroll_prompt"),
    ("scroll untuk melanjutkan", "scroll_prompt"),
    ("lanjutkan membaca", "scroll_prompt"),
    ("continue reading", "scroll_prompt"),
    ("continue reading below", "scroll_prompt"),
    ("article continues below", "scroll_prompt"),
    ("story continues below", "scroll_prompt"),
    ("advertisement - scroll to continue", "scroll_prompt"),
    ("share this article", "share"),
    ("share this", "share"),
    ("share", "share"),
    ("bagikan", "share"),
    ("bagikan artikel ini", "share"),
    ("artikel terkait", "related"),
    ("berita terkait", "related"),
    ("related articles", "related"),
    ("related stories", "related"),
    ("related", "related"),
    ("more on this story", "related"),
    ("pilihan editor", "related"),
    ("rekomendasi", "related"),
    ("lihat postingan ini di instagram", "embed"),
    ("view this post on instagram", "embed"),
    ("video pilihan", "video_promo"),
    ("video terkait", "video_promo"),
    ("video rekomendasi", "video_promo"),
];

/// Line starts (case-insensitive) that make the whole line boilerplate.
const PREFIX: &[(&str, &str)] = &[
    ("baca juga", "baca_juga"),
    ("baca pula", "baca_juga"),
    ("baca :", "baca_juga"),
    ("baca:", "baca_juga"),
    ("read also", "baca_juga"),
    ("read more:", "baca_juga"),
    ("read more :", "baca_juga"),
    ("see also:", "baca_juga"),
    ("lihat juga:", "baca_juga"),
    ("berita terkait:", "related"),
    ("artikel terkait:", "related"),
    ("related:", "related"),
    ("simak juga video", "video_promo"),
    ("simak juga:", "baca_juga"),
    ("simak video", "video_promo"),
    ("lihat juga video", "video_promo"),
    ("lihat video", "video_promo"),
    ("tonton juga video", "video_promo"),
    ("tonton video", "video_promo"),
    ("saksikan video pilihan", "video_promo"),
    ("saksikan video", "video_promo"),
    ("saksikan juga video", "video_promo"),
    ("saksikan live", "video_promo"),
    ("saksikan terus", "video_promo"),
    ("watch:", "video_promo"),
    ("[gambas:", "embed"),
    ("a post shared by", "embed"),
    ("baca selengkapnya", "read_more"),
    ("baca berita selengkapnya", "read_more"),
    ("simak berita selengkapnya di halaman", "read_more"),
    ("simak selengkapnya di halaman", "read_more"),
    ("artikel ini telah tayang", "syndication"),
    ("artikel ini telah naik", "syndication"),
    ("artikel ini sudah tayang", "syndication"),
    ("artikel ini sudah lebih dulu tayang", "syndication"),
    ("artikel ini pertama kali", "syndication"),
    ("this article was originally published", "syndication"),
    ("this story was originally published", "syndication"),
    ("ikuti whatsapp channel", "follow"),
    ("ikuti kami di", "follow"),
    ("ikuti berita terkini", "follow"),
    ("dapatkan update berita", "follow"),
    ("dapatkan berita terbaru", "follow"),
    ("follow us on", "follow"),
    ("sign up for", "follow"),
    ("subscribe to", "follow"),
    ("halo, pembaca nawala", "newsletter"),
    ("editor:", "credit"),
    ("editor :", "credit"),
    ("penulis:", "credit"),
    ("penulis :", "credit"),
    ("reporter:", "credit"),
    ("reporter :", "credit"),
    ("pewarta:", "credit"),
    ("pewarta :", "credit"),
    ("penyunting:", "credit"),
    ("penyunting :", "credit"),
    ("redaktur:", "credit"),
    ("copyright ©", "copyright"),
    ("copyright (c)", "copyright"),
    ("copyright 20", "copyright"),
    ("hak cipta ©", "copyright"),
    ("©", "copyright"),
    ("(c) 20", "copyright"),
    ("all rights reserved", "copyright"),
    ("foto:", "photo_credit"),
    ("foto :", "photo_credit"),
    ("(foto:", "photo_credit"),
    ("(foto :", "photo_credit"),
    ("photo:", "photo_credit"),
    ("(photo:", "photo_credit"),
    ("sumber foto:", "photo_credit"),
    ("ilustrasi:", "photo_credit"),
    ("(ilustrasi", "photo_credit"),
    ("image:", "photo_credit"),
    ("image caption", "photo_credit"),
    ("image source", "photo_credit"),
    ("getty images", "photo_credit"),
    ("antara foto/", "photo_credit"),
    ("disclaimer:", "disclaimer"),
    ("disclaimer :", "disclaimer"),
];

/// Video prefixes that are also ordinary sentence openings: a promo only when
/// the title follows after a colon or in quotes.
const BARE_VIDEO: &[&str] = &["simak video", "lihat video", "tonton video", "saksikan video"];

/// Classifies one line (already normalised: trimmed, single spaces); returns
/// the boilerplate kind, or `None` for article text.
pub fn classify_line(line: &str) -> Option<&'static str> {
    if line.len() > MAX_LINE || line.is_empty() {
        return None;
    }
    // Lower-cased ASCII copy of the start of the line, on the stack.
    let mut buf = [0u8; 48];
    let n = line.len().min(buf.len());
    buf[..n].copy_from_slice(&line.as_bytes()[..n]);
    buf[..n].make_ascii_lowercase();
    let head = &buf[..n];
    // Only the patterns that start with the line's first byte are tried.
    let by_first = &patterns_by_first_byte()[usize::from(head[0])];
    if line.len() <= buf.len() {
        let bare = trim_end_marks(head);
        if let Some(&(_, kind)) = by_first.exact.iter().find(|(p, _)| p.as_bytes() == bare) {
            return Some(kind);
        }
    }
    if let Some(&(p, kind)) = by_first.prefix.iter().find(|(p, _)| head.starts_with(p.as_bytes())) {
        // "Lihat video kali terakhir Hayden di bawah ini:" is the writer's
        // own lead-in; a promo names its video after a colon or in quotes.
        if BARE_VIDEO.contains(&p) {
            let rest = line[p.len()..].trim_start();
            if !rest.starts_with([':', '\'', '"', '‘', '“']) {
                return None;
            }
        }
        return Some(kind);
    }
    if is_separator(line) {
        return Some("separator");
    }
    if is_site_photo_credit(line) {
        return Some("photo_credit");
    }
    if is_parenthesised_credit(line) {
        return Some("credit");
    }
    None
}

/// The [`EXACT`] and [`PREFIX`] patterns that start with one byte, in list
/// order (so the first match is the same as over the whole list).
#[derive(Default)]
struct PatternsFrom {
    exact: Vec<(&'static str, &'static str)>,
    prefix: Vec<(&'static str, &'static str)>,
}

fn patterns_by_first_byte() -> &'static [PatternsFrom] {
    static TABLE: std::sync::OnceLock<Vec<PatternsFrom>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: Vec<PatternsFrom> = (0..256).map(|_| PatternsFrom::default()).collect();
        for &(p, kind) in EXACT {
            table[usize::from(p.as_bytes()[0])].exact.push((p, kind));
        }
        for &(p, kind) in PREFIX {
            table[usize::from(p.as_bytes()[0])].prefix.push((p, kind));
        }
        table
    })
}

fn trim_end_marks(s: &[u8]) -> &[u8] {
    let mut end = s.len();
    while end > 0 && matches!(s[end - 1], b':' | b' ' | b'.' | b'!') {
        end -= 1;
    }
    &s[..end]
}

/// "***", "--------", "___": a visual separator, no text.
fn is_separator(line: &str) -> bool {
    line.len() >= 3 && line.bytes().all(|b| matches!(b, b'*' | b'-' | b'_' | b'=' | b'~' | b'#' | b' ' | b'.'))
        || line.chars().all(|c| matches!(c, '•' | '·' | '—' | '–' | ' ' | '*'))
}

/// A caption credit such as "KOMPAS.com/ADITYO…" or "ANTARA/Fulan": an outlet,
/// a slash and a capitalised name at the start of a line.
fn is_site_photo_credit(line: &str) -> bool {
    let Some(slash) = memchr::memchr(b'/', &line.as_bytes()[..line.len().min(32)]) else { return false };
    let site = &line[..slash];
    let after = &line[slash + 1..];
    let site_ok = site.len() >= 4
        && site.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.')
        && (site.ends_with(".com") || site.ends_with(".co.id") || site.ends_with(".CO.ID") || site.ends_with(".id")
            || site.ends_with(".co") || site.ends_with(".CO") || site == "ANTARA" || site == "ANTARA FOTO");
    // The photographer's name follows in capitals ("ADITYO", "DOK").
    let name_caps = after.bytes().take(4).filter(|b| b.is_ascii_uppercase()).count() >= 3;
    site_ok && name_caps
}

/// "(kha)", "(rah/rah)", "(Arief Setyadi )", "(SIS)": the author's or
/// editor's initials or name alone in parentheses, which news sites put at the
/// end of a story. One short token in any case, or up to four capitalised
/// words; never a lower-case phrase ("(seeds in brackets)").
fn is_parenthesised_credit(line: &str) -> bool {
    let Some(inner) = line.strip_prefix('(').and_then(|l| l.strip_suffix(')')) else { return false };
    let inner = inner.trim();
    if inner.is_empty() || inner.len() > 40 || !inner.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '/' | ',' | '-' | '\'')) {
        return false;
    }
    let words: Vec<&str> = inner.split([' ', '/', ',']).filter(|w| !w.is_empty()).collect();
    match words.len() {
        0 => false,
        // "(kha)", "(SIS)", "(end)"; "(rah/rah)" splits into two short ones.
        1 => words[0].len() <= 12,
        2..=4 => {
            words.iter().all(|w| w.starts_with(|c: char| c.is_uppercase()))
                || (inner.contains('/') && words.iter().all(|w| w.len() <= 5))
        }
        _ => false,
    }
}

/// Removes boilerplate lines from normalised text. Returns the kept text, or
/// `None` when nothing was removed; `on_removed(kind, line)` sees each removal.
pub fn remove(text: &str, on_removed: &mut dyn FnMut(&'static str, &str)) -> Option<String> {
    let mut kept: Option<String> = None;
    let mut line_start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    for line_end in ends {
        let line = &text[line_start..line_end];
        match classify_line(line) {
            Some(kind) => {
                on_removed(kind, line);
                if kept.is_none() {
                    let mut s = String::with_capacity(text.len());
                    s.push_str(&text[..line_start]);
                    kept = Some(s);
                }
            }
            None => {
                if let Some(k) = kept.as_mut() {
                    k.push_str(line);
                    k.push('\n');
                }
            }
        }
        line_start = line_end + 1;
    }
    kept.map(|mut k| {
        // Lines are joined with '\n'; no line break at either end.
        while k.ends_with('\n') {
            k.pop();
        }
        k
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_scrape_boilerplate() {
        for (line, kind) in [
            ("Advertisement", "advertisement"),
            ("ADVERTISEMENT", "advertisement"),
            ("Baca Juga", "baca_juga"),
            ("Baca juga:Harga Emas Naik Lagi Hari Ini", "baca_juga"),
            ("SCROLL TO CONTINUE WITH CONTENT", "scroll_prompt"),
            ("Simak juga Video: Banjir di Jalan Utama", "video_promo"),
            ("[Gambas:Video 20detik]", "embed"),
            ("Simak Video 'Antrean Panjang di SPBU':", "video_promo"),
            ("Lihat Video: Gunung Meletus", "video_promo"),
            ("Share this article", "share"),
            ("Editor: Budi Santoso", "credit"),
            ("Copyright © 2025 Warta Media", "copyright"),
            ("(kha)", "credit"),
            ("(rah/rah)", "credit"),
            ("(Arief Setyadi )", "credit"),
            ("***", "separator"),
            ("KOMPAS.com/RINA Rumah warga terendam", "photo_credit"),
        ] {
            assert_eq!(classify_line(line), Some(kind), "{line}");
        }
    }

    #[test]
    fn keeps_article_sentences() {
        for line in [
            "Baca buku itu, katanya, adalah kebiasaan sejak kecil.",
            "Iklan rokok dilarang tayang pada jam anak-anak.",
            "Editor senior itu mengundurkan diri pada Senin (16/6/2025).",
            "Foto-foto itu beredar luas di media sosial.",
            "(Dia menolak berkomentar lebih lanjut soal kasus itu, kata jaksa yang enggan disebut namanya.)",
            "Share prices fell 3% in early trading.",
            "Advertisement spending rose sharply last year.",
            "(seeds in brackets)",
            "(dari kiri ke kanan)",
            "Lihat video kali terakhir pelatih itu ke Jakarta di bawah ini:",
            "Tonton video lengkapnya untuk memahami kronologi kejadian tersebut.",
        ] {
            assert_eq!(classify_line(line), None, "{line}");
        }
    }

    #[test]
    fn remove_joins_kept_lines() {
        let text = "Satu.\nBaca juga: Dua\nTiga.\nAdvertisement";
        let mut seen = Vec::new();
        let kept = remove(text, &mut |k, l| seen.push((k, l.to_string())));
        assert_eq!(kept.as_deref(), Some("Satu.\nTiga."));
        assert_eq!(seen.len(), 2);
        assert_eq!(remove("Bersih.\nJuga bersih.", &mut |_, _| {}), None);
    }
}
