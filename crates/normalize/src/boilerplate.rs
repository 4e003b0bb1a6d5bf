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
    ("related topics", "related"),
    ("more on this story", "related"),
    ("pilihan editor", "related"),
    ("rekomendasi", "related"),
    ("lihat postingan ini di instagram", "embed"),
    ("view this post on instagram", "embed"),
    ("video pilihan", "video_promo"),
    ("video terkait", "video_promo"),
    ("video rekomendasi", "video_promo"),
    // The page's navigation, widgets and comment box, flattened into lines.
    ("skip to main content", "navigation"),
    ("skip to content", "navigation"),
    ("back to top", "navigation"),
    ("kembali ke atas", "navigation"),
    ("trending now", "related"),
    ("most read", "related"),
    ("most popular", "related"),
    ("recommended for you", "related"),
    ("you might also like", "related"),
    ("more from this author", "related"),
    ("terpopuler", "related"),
    ("berita terpopuler", "related"),
    ("berita terkini", "related"),
    ("paling banyak dibaca", "related"),
    ("rekomendasi untuk anda", "related"),
    ("share on facebook", "share"),
    ("share on twitter", "share"),
    ("share on whatsapp", "share"),
    ("share on linkedin", "share"),
    ("share via email", "share"),
    ("bagikan ke facebook", "share"),
    ("bagikan ke twitter", "share"),
    ("bagikan ke whatsapp", "share"),
    ("comments", "comments"),
    ("leave a comment", "comments"),
    ("post a comment", "comments"),
    ("view comments", "comments"),
    ("komentar", "comments"),
    ("tulis komentar", "comments"),
    ("loading", "placeholder"),
    ("lihat foto", "navigation"),
    ("dengarkan artikel ini", "navigation"),
    ("dengarkan berita ini", "navigation"),
    ("listen to this article", "navigation"),
    ("artikel selanjutnya", "navigation"),
    ("artikel sebelumnya", "navigation"),
    ("halaman selanjutnya", "navigation"),
    ("halaman berikutnya", "navigation"),
    ("halaman sebelumnya", "navigation"),
    ("next page", "navigation"),
    ("previous page", "navigation"),
    ("next article", "navigation"),
    ("previous article", "navigation"),
    ("read the full story", "navigation"),
    ("lanjut baca", "navigation"),
    ("klik di sini", "navigation"),
    ("print", "navigation"),
    ("email", "navigation"),
    ("subscribe", "navigation"),
    ("log in", "navigation"),
    ("sign in", "navigation"),
    ("home", "navigation"),
    ("menu", "navigation"),
    ("search", "navigation"),
    ("close", "navigation"),
    ("beranda", "navigation"),
    ("pilihan untuk anda", "related"),
    ("berita lainnya", "related"),
    ("salin tautan", "share"),
    ("copy link", "share"),
    ("kirim ke teman", "share"),
    ("this slideshow requires javascript", "placeholder"),
    ("tell us what you think", "comments"),
    ("see more photos", "navigation"),
    ("lihat foto lainnya", "navigation"),
];

/// Line starts (case-insensitive) that make the whole line boilerplate.
const PREFIX: &[(&str, &str)] = &[
    ("baca juga", "baca_juga"),
    ("baca pula", "baca_juga"),
    ("baca :", "baca_juga"),
    ("baca:", "baca_juga"),
    ("read also", "baca_juga"),
    ("[baca juga", "baca_juga"),
    ("(baca juga", "baca_juga"),
    ("cek berita dan artikel", "follow"),
    ("ikuti google news", "follow"),
    ("ikuti kami di google news", "follow"),
    ("dapatkan berita pilihan", "follow"),
    ("gabung ke channel whatsapp", "follow"),
    ("(image credit", "photo_credit"),
    ("main image credit:", "photo_credit"),
    ("image credit:", "photo_credit"),
    ("read more:", "baca_juga"),
    ("read more :", "baca_juga"),
    ("see also:", "baca_juga"),
    ("also read:", "baca_juga"),
    ("also read :", "baca_juga"),
    ("read next:", "baca_juga"),
    ("you may also like", "related"),
    ("you might also like", "related"),
    ("simak berita dan artikel lainnya di google news", "baca_juga"),
    ("simak berita lainnya di google news", "baca_juga"),
    ("simak berita terbaru lainnya di google news", "baca_juga"),
    ("lihat juga:", "baca_juga"),
    ("berita terkait:", "related"),
    ("artikel terkait:", "related"),
    ("related:", "related"),
    ("simak juga video", "video_promo"),
    ("simak juga:", "baca_juga"),
    ("simak juga -", "baca_juga"),
    ("simak juga –", "baca_juga"),
    ("simak video", "video_promo"),
    ("lihat juga video", "video_promo"),
    ("lihat video", "video_promo"),
    ("tonton juga video", "video_promo"),
    ("tonton juga", "video_promo"),
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
    // Link text, glued or not; "Simak selengkapnya tanggal …" leads into
    // the article's own list.
    ("simak selengkapnya di sini", "read_more"),
    ("simak selengkapnya disini", "read_more"),
    ("simak selengkapnyadi sini", "read_more"),
    ("simak lengkapnya di sini", "read_more"),
    ("simak lengkapnya disini", "read_more"),
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
    // A call to read more of the site: not a travel tip ("Jangan lewatkan
    // pantai …"), so only with what is not to be missed.
    ("jangan lewatkan berita", "follow"),
    ("jangan lewatkan artikel", "follow"),
    ("jangan lewatkan informasi", "follow"),
    ("jangan lewatkan update", "follow"),
    ("click here to", "follow"),
    ("share this article", "share"),
    ("share this story", "share"),
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
    ("image copyright", "photo_credit"),
    ("image source", "photo_credit"),
    ("getty images", "photo_credit"),
    ("antara foto/", "photo_credit"),
    ("disclaimer:", "disclaimer"),
    ("disclaimer :", "disclaimer"),
    // The page's topic links, flattened into a line.
    ("tags:", "tags"),
    ("tags :", "tags"),
    ("tag:", "tags"),
    ("topik:", "tags"),
    ("topik :", "tags"),
    ("kata kunci:", "tags"),
    ("keywords:", "tags"),
    ("topics:", "tags"),
    // What is left of an embedded post.
    ("pic.twitter.com/", "embed"),
];

/// Video prefixes that are also ordinary sentence openings: a promo only when
/// the title follows after a colon or in quotes.
const BARE_VIDEO: &[&str] = &["simak video", "lihat video", "tonton video", "saksikan video", "tonton juga"];

/// Classifies one line (already normalised: trimmed, single spaces); returns
/// the boilerplate kind, or `None` for article text.
pub fn classify_line(line: &str) -> Option<&'static str> {
    if line.is_empty() {
        return None;
    }
    // Script and style code is tested on the whole line: a tracking snippet
    // is one long line, and no sentence ends the way code does.
    if is_code_line(line) {
        return Some("code");
    }
    if line.len() > MAX_LINE {
        return None;
    }
    // Lower-cased ASCII copy of the start of the line, on the stack (zero
    // after the line's end, which no pattern byte is).
    let mut buf = [0u8; 48];
    let n = line.len().min(buf.len());
    buf[..n].copy_from_slice(&line.as_bytes()[..n]);
    buf[..n].make_ascii_lowercase();
    let head = &buf[..n];
    let first8 = u64::from_le_bytes([buf[0], buf[1], buf[2], buf[3], buf[4], buf[5], buf[6], buf[7]]);
    // Only the patterns that start with the line's first byte are tried,
    // each first on its first eight bytes in one compare.
    let by_first = &patterns_by_first_byte()[usize::from(head[0])];
    if line.len() <= buf.len() {
        let bare = trim_end_marks(head);
        if let Some(p) = by_first.exact.iter().find(|p| p.text.len() == bare.len() && p.starts(first8) && p.text == bare) {
            return Some(p.kind);
        }
    }
    if let Some(p) = by_first.prefix.iter().find(|p| p.starts(first8) && (p.text.len() <= 8 || head.starts_with(p.text))) {
        // "Lihat video kali terakhir Hayden di bawah ini:" is the writer's
        // own lead-in; a promo names its video after a colon or in quotes.
        if p.bare_video {
            let rest = line[p.text.len()..].trim_start();
            if !rest.starts_with([':', '\'', '"', '‘', '“']) {
                return None;
            }
        }
        return Some(p.kind);
    }
    if is_page_counter(line) {
        return Some("navigation");
    }
    if is_separator(line) {
        return Some("separator");
    }
    if is_site_photo_credit(line) {
        return Some("photo_credit");
    }
    if is_bracketed_credit(line) || is_desk_code(line) {
        return Some("credit");
    }
    if is_post_signature(line) {
        return Some("embed");
    }
    if is_wire_credit(head, line) || is_source_credit(head, line) {
        return Some("credit");
    }
    if is_tag_remnant(line) {
        return Some("markup");
    }
    None
}

/// What a scraper left of an image tag whose "<img" it cut: the alt text
/// and attributes, closed by "/>" ("Wayne Rooney \"/>", "Radja Nainggolan
/// \"src=\"https://….jpg\" style=\"height: 234 px\"/>"). No sentence ends
/// in "/>"; a line with a sentence end in it holds text and stays.
fn is_tag_remnant(line: &str) -> bool {
    let Some(body) = line.strip_suffix("/>") else { return false };
    let body = body.trim_end();
    let attributes = body.ends_with(['"', '\'', '“', '”', '‘', '’']) || body.contains("=\"");
    let holds_a_sentence = [". ", "! ", "? "].iter().any(|end| body.contains(end));
    attributes && !holds_a_sentence
}

/// The line naming where a story came from: "Sumber: DPReview.", "Source:
/// Reuters", "Sumber gambar: …" (in ten words or fewer: a longer line holds more than the
/// credit, "Sumber: X. Jadi …", and stays whole), a bare "Sumber" whose
/// link the scraper dropped, and, in five words or fewer (longer, they open
/// sentences: "Sumber berita ini menyebutkan …"), "Sumber berita
/// Gizmochina." and the translator's "Diadaptasi oleh Ayu Purwaningsih".
fn is_source_credit(head: &[u8], line: &str) -> bool {
    const LABELS: &[&[u8]] = &[b"sumber:", b"sumber :", b"source:", b"source :", b"sumber gambar:", b"sumber foto:"];
    const SHORT_OPENINGS: &[&[u8]] = &[b"sumber berita ", b"sumber gambar ", b"diadaptasi oleh "];
    if LABELS.iter().any(|o| head.starts_with(o)) {
        return line.split_whitespace().count() <= 10;
    }
    let bare = trim_end_marks(head);
    if bare == b"sumber" || bare == b"source" {
        return true;
    }
    SHORT_OPENINGS.iter().any(|o| head.starts_with(o)) && line.split_whitespace().count() <= 5
}

/// Markers that only program text has: a call closed by a statement end, a
/// block opened after a parameter list, an arrow function, a declaration, the
/// browser's objects, the wrapper of an inline script.
const CODE_MARKERS: &[&[u8]] = &[
    b"();", b"){", b") {", b"};", b"=>", b"function(", b"function (", b"var ", b"let ", b"const ", b"window.", b"document.",
    b"cdata", b"//]]", b"');", b"\");", b".push(", b"!important", b"px;", b"px}",
];

/// A line of script or style code that a scraper kept as text: an inline
/// tracking snippet ("!function(f,b,e,v,n,t,s){if(f.fbq)return;…};"), an ad
/// slot's call, a style rule. It ends as code does (";", "}", ")", "]" or
/// ">") and opens as code does: a syntax character, {}()[];=<>, in its
/// first [`CODE_HEAD`] bytes, with no prose stop or comma before it (a
/// sentence with a snippet glued after it is article text). Then either it is an inline script's CDATA wrapper, or it
/// has two statement ends or braces, two code markers ([`CODE_MARKERS`], or
/// a brace opening a declaration) and a syntax character for every twelve
/// letters, where prose has one for every fifty or more.
fn is_code_line(line: &str) -> bool {
    let bytes = line.trim().as_bytes();
    if !matches!(bytes.last(), Some(b';' | b'}' | b')' | b']' | b'>')) {
        return false;
    }
    let is_syntax = |b: &u8| matches!(b, b';' | b'{' | b'}' | b'(' | b')' | b'[' | b']' | b'=' | b'<' | b'>');
    let Some(first_syntax) = bytes.iter().take(CODE_HEAD).position(is_syntax) else {
        return false;
    };
    let head = &bytes[..first_syntax];
    if memchr::memmem::find(head, b". ").is_some() || memchr::memmem::find(head, b", ").is_some() {
        return false;
    }
    let lower = bytes.to_ascii_lowercase();
    let contains = |needle: &[u8]| memchr::memmem::find(&lower, needle).is_some();
    if contains(b"cdata") && contains(b"]]") {
        return true;
    }
    let statement_marks = bytes.iter().filter(|b| matches!(b, b';' | b'{' | b'}')).count();
    let syntax = bytes.iter().filter(|b| is_syntax(b)).count();
    let letters = bytes.iter().filter(|b| b.is_ascii_alphabetic()).count();
    if statement_marks < 2 || syntax * 12 < letters {
        return false;
    }
    let markers: usize = CODE_MARKERS.iter().map(|m| memchr::memmem::find_iter(&lower, m).count()).sum();
    // A style rule or an object literal: "{max-width:", "{a:".
    let declarations = memchr::memchr_iter(b'{', &lower)
        .filter(|&i| {
            let name = lower[i + 1..].iter().take_while(|b| b.is_ascii_lowercase() || **b == b'-').count();
            name > 0 && lower.get(i + 1 + name) == Some(&b':')
        })
        .count();
    markers + declarations >= 2
}

/// How much of a line's start [`is_code_line`] reads for code's opening.
const CODE_HEAD: usize = 32;

/// A wire service's credit line at a story's end: "Reporting by John Smith;
/// Editing by Jane Doe", "Additional reporting by …; Writing by …". A line
/// that opens the same way and ends as a sentence does, with no second
/// credit, is the story's ("Reporting by phone from Kyiv is dangerous.").
fn is_wire_credit(head: &[u8], line: &str) -> bool {
    const OPENINGS: &[&[u8]] = &[b"reporting by ", b"additional reporting by ", b"writing by ", b"editing by "];
    if !OPENINGS.iter().any(|o| head.starts_with(o)) {
        return false;
    }
    let lower = line.to_ascii_lowercase();
    let second_credit = lower.contains("; editing by") || lower.contains("; writing by") || lower.contains("; reporting by");
    second_credit || !line.ends_with(['.', '!', '?'])
}

/// The signature line an embedded post leaves: "— Budi Santoso (@budisan)
/// June 5, 2025" (a dash, the author and handle, the date with its year).
fn is_post_signature(line: &str) -> bool {
    let Some(rest) = line.strip_prefix('\u{2014}').or_else(|| line.strip_prefix("--")).or_else(|| line.strip_prefix("- ")) else {
        return false;
    };
    let Some(handle) = rest.find("(@") else { return false };
    let after = &rest[handle + 2..];
    let Some(close) = after.find(')') else { return false };
    let handle_ok = close > 0 && after[..close].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    let year = line.as_bytes().rchunks(4).next().is_some_and(|y| y.len() == 4 && y.iter().all(u8::is_ascii_digit));
    handle_ok && year
}

/// One pattern of [`EXACT`] or [`PREFIX`], with its first eight bytes as a
/// little-endian word and the mask of the bytes it has there.
struct Pattern {
    text: &'static [u8],
    kind: &'static str,
    first8: u64,
    mask8: u64,
    /// One of [`BARE_VIDEO`].
    bare_video: bool,
}

impl Pattern {
    fn new(text: &'static str, kind: &'static str) -> Self {
        let mut word = [0u8; 8];
        let k = text.len().min(8);
        word[..k].copy_from_slice(&text.as_bytes()[..k]);
        let mask8 = if k == 8 { u64::MAX } else { (1u64 << (8 * k)) - 1 };
        Pattern { text: text.as_bytes(), kind, first8: u64::from_le_bytes(word), mask8, bare_video: BARE_VIDEO.contains(&text) }
    }

    /// Whether a line whose first eight (lower-cased, zero-padded) bytes are
    /// `first8` starts like this pattern, as far as its first eight bytes go.
    #[inline]
    fn starts(&self, first8: u64) -> bool {
        first8 & self.mask8 == self.first8
    }
}

/// The [`EXACT`] and [`PREFIX`] patterns that start with one byte, in list
/// order (so the first match is the same as over the whole list).
#[derive(Default)]
struct PatternsFrom {
    exact: Vec<Pattern>,
    prefix: Vec<Pattern>,
}

fn patterns_by_first_byte() -> &'static [PatternsFrom] {
    static TABLE: std::sync::OnceLock<Vec<PatternsFrom>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: Vec<PatternsFrom> = (0..256).map(|_| PatternsFrom::default()).collect();
        for &(p, kind) in EXACT {
            table[usize::from(p.as_bytes()[0])].exact.push(Pattern::new(p, kind));
        }
        for &(p, kind) in PREFIX {
            table[usize::from(p.as_bytes()[0])].prefix.push(Pattern::new(p, kind));
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

/// A page's counter line: a gallery's or a pager's, or the reading time.
fn is_page_counter(line: &str) -> bool {
    // Short, with a digit: most lines are turned away here, unread.
    if line.len() > 32 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let lower = line.trim().to_ascii_lowercase();
    is_gallery_counter(&lower) || is_reading_time(&lower)
}

/// A gallery's or a pager's counter (the line trimmed and lower-cased): "1
/// of 5", "Photo 1 of 12", "Foto 3 dari 10", "Halaman: 1 2 3", "Page 2".
fn is_gallery_counter(lower: &str) -> bool {
    let rest = ["photo ", "foto ", "image ", "gambar ", "halaman", "page"]
        .iter()
        .find_map(|label| lower.strip_prefix(label))
        .map_or(lower, |r| r.trim_start_matches([':', ' ']));
    let words: Vec<&str> = rest.split(' ').filter(|w| !w.is_empty()).collect();
    let number = |w: &str| !w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit());
    match words[..] {
        [a, "of" | "dari", b] => number(a) && number(b),
        // A pager: a label, then page numbers only.
        _ => rest.len() < lower.len() && !words.is_empty() && words.iter().all(|w| number(w)),
    }
}

/// The page's reading-time note (the line trimmed and lower-cased): "5 min
/// read", "Reading time: 3 minutes", "Waktu baca: 3 menit", "3 menit baca".
fn is_reading_time(lower: &str) -> bool {
    let lower = lower.trim_end_matches('.');
    let rest = ["reading time", "read time", "waktu baca", "lama baca"]
        .iter()
        .find_map(|label| lower.strip_prefix(label))
        .map(|r| r.trim_start_matches([':', ' ']));
    let words: Vec<&str> = rest.unwrap_or(lower).split(' ').filter(|w| !w.is_empty()).collect();
    let number = |w: &str| !w.is_empty() && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit());
    let unit = |w: &str| matches!(w, "min" | "mins" | "minute" | "minutes" | "menit");
    match (rest.is_some(), &words[..]) {
        (true, [n, u]) => number(n) && unit(u),
        (false, [n, u, "read" | "baca"]) => number(n) && unit(u),
        _ => false,
    }
}

/// "***", "--------", "___": a visual separator, no text.
fn is_separator(line: &str) -> bool {
    line.len() >= 3 && line.bytes().all(|b| matches!(b, b'*' | b'-' | b'_' | b'=' | b'~' | b'#' | b' ' | b'.'))
        || line.chars().all(|c| matches!(c, '•' | '·' | '—' | '–' | ' ' | '*'))
}

/// A caption credit such as "KOMPAS.com/ADITYO…" or "ANTARA/Fulan": an outlet,
/// a slash and a capitalised name at the start of a line.
fn is_site_photo_credit(line: &str) -> bool {
    // The first '/' in the first 32 bytes, if only letters, digits and dots
    // come before it (otherwise the site part below would fail anyway).
    let bytes = &line.as_bytes()[..line.len().min(32)];
    let slash = bytes.iter().position(|&b| !(b.is_ascii_alphanumeric() || b == b'.')).unwrap_or(bytes.len());
    if bytes.get(slash) != Some(&b'/') {
        return false;
    }
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

/// "(kha)", "(rah/rah)", "(Arief Setyadi )", "(SIS)", "[feb]", "(Yendhi/win)":
/// the author's or editor's initials or name alone in brackets, which news
/// sites put at the end of a story. One short token in any case; up to four
/// capitalised words; or names before a slash and the editor's initials
/// after it; never a lower-case phrase ("(seeds in brackets)") nor a figure
/// ("(9.2/10)").
pub(crate) fn is_bracketed_credit(line: &str) -> bool {
    let inner = match line.as_bytes().first() {
        Some(b'(') => line[1..].strip_suffix(')'),
        Some(b'[') => line[1..].strip_suffix(']'),
        _ => None,
    };
    let Some(inner) = inner.map(str::trim) else { return false };
    if inner.is_empty() || inner.len() > 40 || !inner.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '/' | ',' | '-' | '\'' | '*')) {
        return false;
    }
    if !inner.chars().any(char::is_alphabetic) {
        return false;
    }
    let words: Vec<&str> = inner.split([' ', '/', ',']).filter(|w| !w.is_empty()).collect();
    // "(Awita Ekasari/rsa)", "(humas polda/sir)", "(ikbal/)": the writer,
    // then the editor's code.
    let editor_code_last = inner.rsplit_once('/').is_some_and(|(_, code)| code.trim().len() <= 5);
    match words.len() {
        0 => false,
        // "(kha)", "(SIS)", "(end)"; "(rah/rah)" splits into two short ones.
        1 => words[0].len() <= 12,
        2..=4 => words.iter().all(|w| w.starts_with(|c: char| c.is_uppercase())) || editor_code_last,
        _ => false,
    }
}

/// A wire desk's code for the story's reporter and editors, in brackets,
/// sometimes with the time it was filed: "(T.K010/R010)", "(U.B018/T013)",
/// "(T.M052/B/I007/I007) 01 - 11 - 2016 18:35:47". Each part is a capital
/// and two or three digits (the first after a capital and a full stop), or
/// a lone capital.
fn is_desk_code(line: &str) -> bool {
    let Some(rest) = line.strip_prefix('(') else { return false };
    let Some((inner, after)) = rest.split_once(')') else { return false };
    let code = |part: &str| {
        let b = part.as_bytes();
        (3..=4).contains(&b.len()) && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit)
    };
    let mut parts = inner.split('/');
    let first_ok = parts.next().and_then(|p| p.split_once('.')).is_some_and(|(desk, p)| {
        (1..=2).contains(&desk.len()) && desk.bytes().all(|b| b.is_ascii_uppercase()) && p.len() >= 3 && code(p)
    });
    let rest_ok = parts.all(|p| code(p) || p.len() == 1 && p.as_bytes()[0].is_ascii_uppercase());
    let time_only = after.bytes().all(|b| b.is_ascii_digit() || matches!(b, b' ' | b'-' | b':' | b'/' | b'.'));
    first_ok && rest_ok && time_only
}

/// The removal reason recorded for a line of `kind`: `boilerplate:<kind>`
/// (a static string for every kind [`classify_line`] returns).
pub fn reason(kind: &str) -> std::borrow::Cow<'static, str> {
    std::borrow::Cow::Borrowed(match kind {
        "advertisement" => "boilerplate:advertisement",
        "baca_juga" => "boilerplate:baca_juga",
        "byline" => "boilerplate:byline",
        "code" => "boilerplate:code",
        "comments" => "boilerplate:comments",
        "copyright" => "boilerplate:copyright",
        "credit" => "boilerplate:credit",
        "disclaimer" => "boilerplate:disclaimer",
        "embed" => "boilerplate:embed",
        "follow" => "boilerplate:follow",
        "markup" => "boilerplate:markup",
        "navigation" => "boilerplate:navigation",
        "newsletter" => "boilerplate:newsletter",
        "photo_credit" => "boilerplate:photo_credit",
        "placeholder" => "boilerplate:placeholder",
        "read_more" => "boilerplate:read_more",
        "related" => "boilerplate:related",
        "scroll_prompt" => "boilerplate:scroll_prompt",
        "separator" => "boilerplate:separator",
        "share" => "boilerplate:share",
        "syndication" => "boilerplate:syndication",
        "tags" => "boilerplate:tags",
        "timestamp" => "boilerplate:timestamp",
        "video_promo" => "boilerplate:video_promo",
        _ => return std::borrow::Cow::Owned(format!("boilerplate:{kind}")),
    })
}

/// The lines a story's page puts above its first paragraph: the byline and
/// the time stamp ("By Jane Smith, CNN", "Updated 10:32 AM ET, Thu June 5,
/// 2025", "Oleh: Budi Santoso", "Senin, 16 Jun 2025 10:32 WIB"). Read only
/// there: lower down, a line of names or dates is the story's (a list, a
/// programme).
#[derive(Default)]
struct Head {
    /// Lines kept so far; at [`MAX_HEAD_LINES`], or after the first
    /// paragraph, the head is over.
    lines: usize,
    over: bool,
}

/// How many kept lines the head may span (a repeated title, a kicker, a
/// heading).
const MAX_HEAD_LINES: usize = 5;

impl Head {
    /// [`classify_line`], with bylines and time stamps while in the head.
    fn classify(&mut self, line: &str) -> Option<&'static str> {
        let kind = classify_line(line);
        if self.over || kind.is_some() {
            return kind;
        }
        if is_byline(line) {
            return Some("byline");
        }
        if is_timestamp(line) {
            return Some("timestamp");
        }
        // Only kept lines count, so that what a first run keeps, a second
        // run reads alike. A paragraph (a sentence's end, or a long line)
        // ends the head; a heading or a title above the byline does not.
        self.lines += 1;
        let trimmed = line.trim_end();
        let paragraph = trimmed.len() > 120 || trimmed.ends_with(['.', '!', '?', '"', '”']);
        self.over = paragraph || self.lines >= MAX_HEAD_LINES;
        None
    }
}

/// Words a name may hold in lower case ("Ludwig van Beethoven").
const NAME_PARTICLES: &[&str] = &["van", "von", "de", "der", "den", "da", "di", "bin", "binti", "al", "el", "la", "le", "and", "dan", "&"];

/// "By Jane Smith, CNN", "By John Doe and Mary Roe", "Oleh: Budi Santoso":
/// a byline's opening word, then names (capitalised words, initials and
/// name particles) and outlets, nothing else.
fn is_byline(line: &str) -> bool {
    let line = line.trim();
    if line.len() > 80 || !line.starts_with(['B', 'b', 'O', 'o', 'W', 'w', 'R', 'r']) {
        return false;
    }
    let lower = line.to_ascii_lowercase();
    let rest = ["by ", "oleh:", "oleh :", "oleh ", "written by ", "reporting by "]
        .iter()
        .find(|p| lower.starts_with(*p))
        .map(|p| line[p.len()..].trim());
    let Some(rest) = rest else { return false };
    let words: Vec<&str> = rest.split([' ', ',', '|', '/']).filter(|w| !w.is_empty()).collect();
    if words.is_empty() || words.len() > 10 || rest.ends_with(['.', '!', '?']) && !rest.ends_with(|c: char| c.is_uppercase() || c == '.') {
        return false;
    }
    // "By Monday, …", "By June, …" open a sentence, not a byline.
    if words.first().is_some_and(|w| is_date_word(&w.to_ascii_lowercase())) {
        return false;
    }
    words.iter().all(|w| {
        w.starts_with(|c: char| c.is_uppercase()) || NAME_PARTICLES.contains(&w.to_ascii_lowercase().as_str())
    })
}

/// Month and weekday names and their abbreviations (English, Indonesian),
/// time words and zones.
const DATE_WORDS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "januari", "februari", "maret", "mei",
    "juni", "juli", "agustus", "oktober", "desember", "agu", "agt", "okt", "des", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "senin", "selasa",
    "rabu", "kamis", "jumat", "sabtu", "minggu", "am", "pm", "a.m", "p.m", "et", "est", "edt", "pt", "pst", "pdt", "gmt", "utc",
    "bst", "cet", "cest", "wib", "wita", "wit",
];

fn is_date_word(word: &str) -> bool {
    DATE_WORDS.contains(&word.trim_end_matches('.'))
}

/// "Updated 10:32 AM ET, Thu June 5, 2025", "Published: 5 June 2025",
/// "Senin, 16 Jun 2025 10:32 WIB", "Diperbarui 16/06/2025, 10:32": a label,
/// then only numbers and date words, with a month, a weekday or a clock time
/// among them; or, with no label, a whole stamp of day, year and time.
fn is_timestamp(line: &str) -> bool {
    let line = line.trim();
    if line.len() > 80 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let lower = line.to_ascii_lowercase();
    const LABELS: &[&str] = &[
        "last updated", "first published", "updated", "published", "posted", "diperbarui", "diterbitkan", "dipublikasikan", "terbit",
        "update", "dibuat",
    ];
    let mut rest = lower.as_str();
    let label = LABELS.iter().find(|l| rest.starts_with(*l));
    if let Some(label) = label {
        rest = rest[label.len()..].trim_start_matches([':', ' ']);
        rest = rest.strip_prefix("on ").or_else(|| rest.strip_prefix("pada ")).unwrap_or(rest);
    }
    let (mut named, mut clock, mut year) = (false, false, false);
    for word in rest.split([' ', ',', '|', '-', '(', ')', '–', '—']).filter(|w| !w.is_empty()) {
        if is_date_word(word) {
            named = true;
        } else if word.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'/' | b'.' | b':')) && word.bytes().any(|b| b.is_ascii_digit()) {
            clock |= word.contains(':');
            year |= word.len() == 4 && word.starts_with(['1', '2']) || word.matches('/').count() == 2;
        } else if !matches!(word, "at" | "pukul" | "jam" | "on" | "pada") {
            return false;
        }
    }
    // Unlabelled, only a whole stamp (day, year and clock time): a bare
    // date or kick-off time at a story's top is its fixture ("Tuesday, 1
    // March", "2000 GMT"), a schedule's heading ("Sabtu, 24 Mei 2025").
    if label.is_some() { named || clock } else { named && clock && year }
}

/// Removes boilerplate lines from normalised text. Returns the kept text, or
/// `None` when nothing was removed; `on_removed(kind, line)` sees each removal.
pub fn remove(text: &str, on_removed: &mut dyn FnMut(&'static str, &str)) -> Option<String> {
    let mut kept: Option<String> = None;
    let mut line_start = 0;
    let mut head = Head::default();
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    for line_end in ends {
        let line = &text[line_start..line_end];
        match head.classify(line) {
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

/// [`remove`] on `text` itself: the kept text replaces it (with no new
/// buffer when few lines go). Returns whether anything was removed.
pub fn remove_in_place(text: &mut String, on_removed: &mut dyn FnMut(&'static str, &str)) -> bool {
    /// Removed lines cut out one by one (each cut moves the tail of the
    /// text); past this many the text is rebuilt once instead, which keeps
    /// the work linear.
    const MAX_CUTS: usize = 8;
    let mut cuts = [(0usize, 0usize); MAX_CUTS];
    let mut n_cuts = 0;
    let mut too_many = false;
    let mut line_start = 0;
    let mut head = Head::default();
    let len = text.len();
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(len));
    for line_end in ends {
        let line = &text[line_start..line_end];
        if let Some(kind) = head.classify(line) {
            on_removed(kind, line);
            if n_cuts < MAX_CUTS {
                // The line and its line break.
                cuts[n_cuts] = (line_start, (line_end + 1).min(len));
                n_cuts += 1;
            } else {
                too_many = true;
            }
        }
        line_start = line_end + 1;
    }
    if n_cuts == 0 {
        return false;
    }
    if too_many {
        if let Some(kept) = remove(text, &mut |_, _| {}) {
            *text = kept;
        }
        return true;
    }
    for &(start, end) in cuts[..n_cuts].iter().rev() {
        text.replace_range(start..end, "");
    }
    // As in `remove`: no line break at the end.
    while text.ends_with('\n') {
        text.pop();
    }
    true
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
            ("Share this story with your friends.", "share"),
            ("Jangan lewatkan berita menarik lainnya di sini.", "follow"),
            ("Click here to get our newsletter", "follow"),
            ("Editor: Budi Santoso", "credit"),
            ("Copyright © 2025 Warta Media", "copyright"),
            ("Budi Santoso \"/>", "markup"),
            ("Budi Santoso “/>", "markup"),
            ("SIMAK JUGA - Tim Muda Menang Lagi", "baca_juga"),
            ("Sumber gambar: http://contoh.example/", "credit"),
            ("(T.K010/R010)", "credit"),
            ("(T.B016)", "credit"),
            ("(T.M052/B/I007/I007) 01 - 11 - 2016 18:35:47", "credit"),
            ("Pemain baru \"/>", "markup"),
            ("Pemain Baru \"src=\"https://img.example/upload/2017/05/pemain - baru - 1_0a1b2c.jpg\" style=\"height: 234 px; width: 468 px; \"/>", "markup"),
            ("(kha)", "credit"),
            ("(rah/rah)", "credit"),
            ("(Arief Setyadi )", "credit"),
            ("[feb]", "credit"),
            ("(Yendhi/win)", "credit"),
            ("(humas polda/sir)", "credit"),
            ("(*/yp)", "credit"),
            ("***", "separator"),
            ("KOMPAS.com/RINA Rumah warga terendam", "photo_credit"),
            ("Also read: Markets fall as oil prices climb", "baca_juga"),
            ("Simak berita dan artikel lainnya di Google News", "baca_juga"),
            ("Tonton juga \"Banjir Rendam Jalan Utama\" di sini:", "video_promo"),
            ("Simak selengkapnyadi sini.", "read_more"),
            ("Simak lengkapnya disini.", "read_more"),
            ("Image copyright Getty Images", "photo_credit"),
            ("Related Topics", "related"),
            ("Tags: prabowo, istana negara", "tags"),
            ("Topik: Pilkada 2024", "tags"),
            ("Reporting by John Smith; Editing by Jane Doe", "credit"),
            ("pic.twitter.com/AbCdEf123", "embed"),
            ("\u{2014} Budi Santoso (@budi_san) June 5, 2025", "embed"),
            ("Skip to main content", "navigation"),
            ("Share on Facebook", "share"),
            ("Most Read", "related"),
            ("Leave a comment", "comments"),
            ("Loading...", "placeholder"),
            ("Lihat Foto", "navigation"),
            ("Photo 1 of 12", "navigation"),
            ("3 dari 10", "navigation"),
            ("Halaman: 1 2 3", "navigation"),
            ("5 min read", "navigation"),
            ("Reading time: 3 minutes", "navigation"),
            ("Waktu baca: 2 menit", "navigation"),
            ("This slideshow requires JavaScript.", "placeholder"),
            ("[Baca juga: Harga Cabai Naik]", "baca_juga"),
            ("(Image credit: Getty Images)", "photo_credit"),
            ("Cek Berita dan Artikel yang lain di Google News", "follow"),
            ("Gabung ke Channel WhatsApp Kompas.com", "follow"),
            // An inline tracking script, kept as text by a scraper that
            // spaced its CDATA wrapper and escaped its end.
            (
                "//<! [CDATA [!function(a,b){if(a.q)return;a.q=function(){a.q.push(arguments)};b.load('https://t.example/x.js');}(window, document);//]] & gt;",
                "code",
            ),
            ("//<![CDATA[ var ad_slot_id = 4411; var ad_params = window.ad_params; //]]>", "code"),
            ("googletag.cmd.push(function() { googletag.display('div-ad-top'); });", "code"),
            (".artikel img{max-width:100%;height:auto}.artikel p{margin:0 0 8px;}", "code"),
            ("//<![CDATA[//]]>", "code"),
            ("Sumber: DPReview.", "credit"),
            ("Source: Reuters", "credit"),
            ("Sumber", "credit"),
            ("Sumber berita Gizmochina.", "credit"),
            ("Diadaptasi oleh Ayu Purwaningsih", "credit"),
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
            "(9.2/10)",
            "(*/*)",
            "[lihat tabel di bawah ini untuk rinciannya]",
            "Lihat video kali terakhir pelatih itu ke Jakarta di bawah ini:",
            "Tonton video lengkapnya untuk memahami kronologi kejadian tersebut.",
            "Tulis <img src=\"a.png\" /> untuk gambar. Lalu simpan berkasnya \"/>",
            "Komentar pembaca sudah ditutup. br />",
            "(T.K010/R010) adalah kode yang dipakai redaksi.",
            "(No.A123)",
            "()",
            "(/)",
            "(T.K010/)",
            "(B1/C2)",
            "Also reading the report were two senior officials.",
            "Jangan lewatkan pantai di ujung selatan pulau itu saat berlibur.",
            "Tonton juga pertunjukan wayang di alun-alun pada malam harinya.",
            "Simak selengkapnya tanggal Hijriah hari ini dan doanya berikut.",
            "Topik utama pertemuan itu adalah harga pangan.",
            "Reporting by phone from Kyiv is now dangerous, she said.",
            "Halaman rumah itu luas.",
            "Sumber berita ini menyebutkan bahwa harga naik.",
            "Sumber daya alam Indonesia melimpah.",
            "Diadaptasi oleh sutradara muda, film itu laris di bioskop.",
            "Sources say the deal is close.",
            "Sumber: YouTube dan TechCrunch. Jadi ketimbang menyalin tautan lalu membuka aplikasi, Anda bisa membagikannya langsung.",
            "Page 3 of the report lists the names.",
            "Skor 1 dari 5 tembakan masuk.",
            "Home prices rose 3% in May.",
            "Print media lost readers.",
            "Only 5 min read the report.",
            "Waktu baca anak-anak meningkat 3 menit.",
            "\u{2014} kata dia (@ Jakarta) pada 2025",
            "\u{2014} Budi (@budi) menulis bahwa harga naik.",
            // Prose with code's marks, but not code.
            "Tim A; Tim B; Tim C (juara)",
            "Skor akhir 3-1 (babak pertama 1-0; babak kedua 2-1)",
            "The function (f) = x; the value (y) = z; see the table [1]",
            "He typed var x = 1; into the console and pressed enter.",
            "Nilai rapor: Matematika (90); Bahasa (85); IPA (88); IPS (80)",
            // A sentence with a snippet glued after it stays (the sentence
            // is article text).
            "Harga naik di AS. (abc/abc) <!--// <![CDATA[ show('tag');//]]> -->",
            "Kata dia, (dan) [kami] {semua} = <sama> ; (itu); x{a:b}; var y;",
        ] {
            assert_eq!(classify_line(line), None, "{line}");
        }
    }

    #[test]
    fn bylines_and_time_stamps_go_above_the_first_paragraph_only() {
        let text = "By Jane Smith and Tom de Vries, CNN\nUpdated 10:32 AM ET, Thu June 5, 2025\nA storm hit the coast on Thursday.\nBy Jane Smith\nSenin, 16 Jun 2025 10:32 WIB";
        let mut seen = Vec::new();
        let kept = remove(text, &mut |k, l| seen.push((k, l.to_string())));
        assert_eq!(kept.as_deref(), Some("A storm hit the coast on Thursday.\nBy Jane Smith\nSenin, 16 Jun 2025 10:32 WIB"));
        assert_eq!(seen.iter().map(|(k, _)| *k).collect::<Vec<_>>(), ["byline", "timestamp"]);
        // A title line above them does not end the head.
        let text = "Badai Landa Pesisir\nOleh: Budi Santoso\nSenin, 16 Jun 2025 10:32 WIB\nBadai melanda pesisir.";
        assert_eq!(remove(text, &mut |_, _| {}).as_deref(), Some("Badai Landa Pesisir\nBadai melanda pesisir."));
        for line in ["By Monday, the storm had passed.", "By the end of June", "Oleh karena itu, warga mengungsi.", "Updated guidance came out", "Rp 5.000"] {
            assert!(!is_byline(line) && !is_timestamp(line), "{line}");
        }
        for line in ["10 June", "Tuesday, 1 March", "2000 GMT", "Sabtu, 24 Mei 2025"] {
            assert!(!is_timestamp(line), "{line}");
        }
        assert!(is_timestamp("Published: 5 June 2025"));
        assert!(is_timestamp("Diperbarui 16/06/2025, 10:32"));
        assert!(!is_timestamp("Skor 2:1 untuk tuan rumah"));
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

    #[test]
    fn every_kind_has_its_reason() {
        let kinds = EXACT.iter().chain(PREFIX).map(|&(_, k)| k).chain(["separator", "photo_credit", "credit", "code"]);
        for kind in kinds {
            assert!(matches!(reason(kind), std::borrow::Cow::Borrowed(_)), "{kind}");
            assert_eq!(reason(kind), format!("boilerplate:{kind}"));
        }
    }

    use proptest::prelude::*;

    fn lines() -> impl Strategy<Value = String> {
        let line = prop::sample::select(vec![
            "Satu kalimat biasa.", "Baca juga: Dua", "ADVERTISEMENT", "", "(kha)", "***", "Editor: Budi",
            "KOMPAS.com/RINA Rumah", "Iklan rokok dilarang.", "é", "Simak Video 'X':", "Lihat video ini",
        ]);
        (prop::collection::vec(line, 0..24), any::<bool>()).prop_map(|(v, trailing)| {
            let mut text = v.join("\n");
            if trailing {
                text.push('\n');
            }
            text
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Removing in place gives what `remove` gives, with the same lines
        /// reported (many removals included, which take the rebuild path).
        #[test]
        fn in_place_removal_equals_remove(text in lines()) {
            let (mut seen, mut seen_in_place) = (Vec::new(), Vec::new());
            let kept = remove(&text, &mut |k, l| seen.push((k, l.to_string())));
            let mut in_place = text.clone();
            let removed = remove_in_place(&mut in_place, &mut |k, l| seen_in_place.push((k, l.to_string())));
            prop_assert_eq!(removed, kept.is_some());
            prop_assert_eq!(in_place, kept.unwrap_or(text));
            prop_assert_eq!(seen, seen_in_place);
        }
    }
}
