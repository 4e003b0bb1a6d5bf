//! Hard-wrapped text: paragraphs broken into lines of a fixed width, as
//! plain-text archives, e-mail, newsgroup posts and text taken out of PDFs
//! carry them ("… would raise the minimum\nwage by five percent …"). Every
//! such line break would end a sentence for the segmenter; here they become
//! spaces again.
//!
//! A greedy wrapper breaks a line only where the next word does not fit, so
//! at a wrapped break the line, a space and the next line's first word are
//! longer than the width; at a paragraph's end they need not be. The width
//! is read as the longest line of the text. A text counts as wrapped when
//! it has at least [`MIN_SOFT_BREAKS`] such breaks, they are at least half
//! of its breaks between two lines of text, and a quarter of them run on
//! into a word in lower case (prose: a list of prices or names, whose lines
//! may be as long as each other, starts its lines with capitals or digits).
//! Blank lines, list items and texts whose longest line is outside
//! [`MIN_WIDTH`]..=[`MAX_WIDTH`] characters are left alone; so are scripts
//! without case, which write no spaces between words either.

/// Narrowest wrap width read as one (below it, lines are lists or verse).
pub const MIN_WIDTH: usize = 30;
/// Widest wrap width read as one (above it, lines are paragraphs).
pub const MAX_WIDTH: usize = 160;
/// Fewest wrapped breaks that make a text wrapped.
pub const MIN_SOFT_BREAKS: usize = 2;

/// `text` with the line breaks of its wrapped paragraphs taken out, and how
/// many were; `None` when the text is not hard-wrapped. A break after a
/// hyphen inside a word joins without a space ("barang-\nbarang").
pub fn unwrap_lines(text: &str) -> Option<(String, u64)> {
    unwrap_lines_keeping(text, |_| false)
}

/// [`unwrap_lines`], leaving every line for which `own_line` is true on a
/// line of its own (the stage passes boilerplate lines: "Baca juga",
/// "Advertisement", which its line filter removes next).
pub fn unwrap_lines_keeping(text: &str, own_line: impl Fn(&str) -> bool) -> Option<(String, u64)> {
    memchr::memchr_iter(b'\n', text.as_bytes()).nth(MIN_SOFT_BREAKS - 1)?;
    // One pass over the line breaks rules out nearly all text: a line
    // longer in bytes than the widest width can be in characters (news
    // stores a paragraph a line), or no line that opens in lower case.
    let bytes = text.as_bytes();
    let (mut from, mut lowercase_start) = (0, false);
    for at in memchr::memchr_iter(b'\n', bytes).chain([bytes.len()]) {
        if at - from > 4 * MAX_WIDTH {
            return None;
        }
        lowercase_start = lowercase_start || opens_lowercase_after(text, at);
        from = at + 1;
    }
    if !lowercase_start {
        return None;
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let widths: Vec<usize> = lines.iter().map(|l| l.trim_end().chars().count()).collect();
    let width = widths.iter().copied().max().unwrap_or(0);
    if !(MIN_WIDTH..=MAX_WIDTH).contains(&width) {
        return None;
    }
    let mut soft = vec![false; lines.len()];
    let (mut between_text, mut soft_breaks, mut run_on_lowercase) = (0usize, 0usize, 0usize);
    for i in 0..lines.len() - 1 {
        let next = lines[i + 1].trim_start();
        if widths[i] == 0 || next.is_empty() {
            continue;
        }
        between_text += 1;
        let first_word = next.split_whitespace().next().unwrap_or("").chars().count();
        // A word hyphenated at the line's end ("sub-⏎sidi") was broken where
        // its whole did not fit, though its first part may have.
        let hyphenated = widths[i] * 2 >= width && {
            let line = lines[i].trim_end();
            line.ends_with('-') && line[..line.len() - 1].ends_with(char::is_alphabetic) && next.starts_with(char::is_lowercase)
        };
        let overflows = widths[i] + 1 + first_word > width || hyphenated;
        if overflows && !starts_list_item(next) && !own_line(lines[i]) && !own_line(lines[i + 1]) {
            soft[i] = true;
            soft_breaks += 1;
            run_on_lowercase += usize::from(next.chars().next().is_some_and(char::is_lowercase));
        }
    }
    let wrapped = soft_breaks >= MIN_SOFT_BREAKS && soft_breaks * 2 >= between_text && run_on_lowercase * 4 >= soft_breaks;
    if !wrapped || run_on_lowercase == 0 {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            if soft[i - 1] {
                let joined_word = out.ends_with('-') && out[..out.len() - 1].chars().next_back().is_some_and(char::is_alphanumeric);
                // (Trimmed at its end too when it runs on into the next.)
                let line = if soft[i] { line.trim() } else { line.trim_start() };
                if joined_word && line.chars().next().is_some_and(char::is_alphanumeric) {
                    let before_hyphen = &out[..out.len() - 1];
                    let left_start = before_hyphen.char_indices().rev().find(|&(_, c)| !c.is_alphabetic()).map_or(0, |(p, c)| p + c.len_utf8());
                    let left = &before_hyphen[left_start..];
                    let right = &line[..line.find(|c: char| !c.is_alphabetic()).unwrap_or(line.len())];
                    if is_word_broken_by_hyphen(left, right) {
                        out.pop();
                    }
                } else {
                    out.push(' ');
                }
                out.push_str(line);
                continue;
            }
            out.push('\n');
        }
        // A wrapped line's trailing spaces go with its break.
        out.push_str(if soft.get(i).copied().unwrap_or(false) { line.trim_end() } else { line });
    }
    Some((out, soft_breaks as u64))
}

/// Whether the hyphen of "left-⏎right" at a wrapped break only splits one
/// word ("subsi-⏎di", "ber-⏎sama", "olah-⏎raga", "fis-⏎cal"): in the
/// Indonesian or the English counts, the two pieces make a known word seen at
/// least as often as the rarer piece alone (a prefix, a syllable). A compound
/// of two words ("well-⏎known", "kerja-⏎sama" beside "kerja" and "sama") and a
/// reduplication ("barang-⏎barang") keep the hyphen.
fn is_word_broken_by_hyphen(left: &str, right: &str) -> bool {
    if left.is_empty() || right.is_empty() || left.eq_ignore_ascii_case(right) || right.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    let written_lower = left.chars().all(char::is_lowercase);
    let (left, right) = (left.to_lowercase(), right.to_lowercase());
    // An Indonesian prefix or clitic is written closed: the hyphen is the
    // wrapper's ("ber-⏎dokumen", "suara-⏎nya"), not the one an acronym
    // takes ("KPK-nya").
    // An English word keeps the hyphen before a clitic ("case-nya").
    let clitic_after_indonesian =
        CLITICS.contains(&right.as_str()) && crate::glue::is_known_word(&left) && !crate::glue::is_known_english_word(&left);
    let closed = right.len() >= 3 && PREFIXES.contains(&left.as_str()) || clitic_after_indonesian;
    if written_lower && closed {
        return true;
    }
    let joined = format!("{left}{right}");
    let one_word = |count: fn(&str) -> u32| {
        let whole = count(&joined);
        whole >= crate::glue::KNOWN_WORD && whole >= count(&left).min(count(&right))
    };
    one_word(crate::glue::word_count) || one_word(crate::glue::english_word_count)
}

/// Indonesian prefixes, written closed to their word.
const PREFIXES: &[&str] = &["ber", "ter", "mem", "men", "meng", "meny", "pem", "pen", "peng", "peny", "per", "memper", "diper"];
/// Indonesian clitics and particles written closed after their word.
const CLITICS: &[&str] = &["nya", "lah", "kah", "ku", "mu"];

/// A line that opens an item of a list: a bullet, or a number or a letter
/// with its mark ("- ", "• ", "* ", "1. ", "2) ", "b. ", "c) ").
fn starts_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('-' | '•' | '*' | '–' | '·' | '>') => chars.next().is_none_or(char::is_whitespace),
        Some(c) if c.is_ascii_digit() => {
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with(". ") || rest.starts_with(") ")
        }
        Some(c) if c.is_ascii_lowercase() => line[1..].starts_with(". ") || line[1..].starts_with(") "),
        _ => false,
    }
}

/// `text` with each line break inside a sentence taken out, and how many
/// were; `None` when there is none. Such a break ends a line without a
/// sentence's or clause's closing mark and opens the next in lower case
/// ("Ireland's\ndelivered a shock", "yang modern dan\nterbuka"): a scraper
/// broke the paragraph at a link or another inline element it dropped, and
/// the segmenter would end a sentence there. A line that is or starts a
/// link, opens a list item, or is `own_line` (boilerplate) keeps its break.
/// A line that opens with the full stop or comma of the line before
/// ("supernatural comedy\n. And the success", "McDonald on\n."), where the
/// dropped element ended the line, is joined to it without a space.
pub fn join_broken_lines(text: &str, own_line: impl Fn(&str) -> bool) -> Option<(String, u64)> {
    let bytes = text.as_bytes();
    // `line_start`: where the line before the break starts once the breaks
    // before it are joined, so that a join decided here is the one a second
    // run, reading the joined line, decides too.
    let broken = |at: usize, line_start: usize| {
        let (before, after) = (&text[..at], &text[at + 1..]);
        let prev = &before[before.rfind('\n').map_or(0, |p| p + 1)..];
        let next = &after[..after.find('\n').unwrap_or(after.len())];
        let (prev_t, next_t) = (prev.trim_end(), next.trim_start());
        let stray_mark = opens_with_stray_mark(text, at);
        let opens_lowercase = next_t.chars().next().is_some_and(char::is_lowercase);
        // A mark after a comma is no sentence's ("buccaneer,⏎. It"); a line
        // that opens with a mark after one that does is a bullet's ("⏎. Kamera⏎. Baterai"),
        // and so is one whose text opens with a number ("⏎. 50 unit").
        let mark_joins = stray_mark
            && prev_t.chars().next_back().is_some_and(char::is_alphanumeric)
            && !text[line_start..at].trim_start().starts_with(['.', ','])
            && !next_t[1..].trim_start().starts_with(|c: char| c.is_ascii_digit());
        (opens_lowercase || mark_joins)
            && prev_t.chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == ',')
            && !is_link(next_t.split_whitespace().next().unwrap_or(""))
            && !is_link(prev_t.rsplit(char::is_whitespace).next().unwrap_or(""))
            && !starts_list_item(next_t)
            && !own_line(prev)
            && !own_line(next)
    };
    // Most texts have no line that opens in lower case or with a mark: one
    // pass finds them.
    let mut breaks: Vec<usize> = Vec::new();
    let mut line_start = 0;
    for at in memchr::memchr_iter(b'\n', bytes) {
        if (opens_lowercase_after(text, at) || opens_with_stray_mark(text, at)) && broken(at, line_start) {
            breaks.push(at);
        } else {
            line_start = at + 1;
        }
    }
    if breaks.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for &at in &breaks {
        let line_start = text[..at].rfind('\n').map_or(0, |p| p + 1);
        let prev = text[line_start..at].trim();
        out.push_str(text[from..at].trim_end());
        // A drop cap on a line of its own ("B\nagi kamu") is the word's first letter.
        let drop_cap = prev.len() == 1 && prev.chars().all(|c| c.is_ascii_uppercase());
        if !drop_cap && !opens_with_stray_mark(text, at) {
            out.push(' ');
        }
        from = at + 1;
        from += text[from..].len() - text[from..].trim_start().len();
    }
    out.push_str(&text[from..]);
    Some((out, breaks.len() as u64))
}

/// Both joins, as the stage applies them: the wrapped paragraphs
/// ([`unwrap_lines_keeping`]), then the lines broken inside a sentence
/// ([`join_broken_lines`]). Returns the new text, how many wrapped breaks
/// and how many broken lines were joined; `None` when neither applies.
pub fn join_lines(text: &str, own_line: impl Fn(&str) -> bool) -> Option<(String, u64, u64)> {
    // Both need a line that opens in lower case (or, for the joins, with
    // the stop of the line before); news text has almost none, and a pass
    // over the line breaks tells.
    let (mut lowercase_line, mut stray_mark_line) = (false, false);
    for at in memchr::memchr_iter(b'\n', text.as_bytes()) {
        // (A byte test first: most lines open with a capital.)
        match text.as_bytes().get(at + 1) {
            Some(b'.' | b',') => stray_mark_line |= opens_with_stray_mark(text, at),
            Some(b) if b.is_ascii_uppercase() || b.is_ascii_digit() => {}
            _ if opens_lowercase_after(text, at) => {
                lowercase_line = true;
                break;
            }
            _ => {}
        }
    }
    if !lowercase_line && !stray_mark_line {
        return None;
    }
    // Only a line that opens in lower case shows a wrapped paragraph.
    let unwrapped = if lowercase_line { unwrap_lines_keeping(text, &own_line) } else { None };
    let after_unwrap = unwrapped.as_ref().map_or(text, |(t, _)| t.as_str());
    let rejoined = join_broken_lines(after_unwrap, &own_line);
    match (unwrapped, rejoined) {
        (None, None) => None,
        (Some((t, u)), None) => Some((t, u, 0)),
        (u, Some((t, r))) => Some((t, u.map_or(0, |(_, n)| n), r)),
    }
}

/// True when the line after the break at `at` opens in lower case (an
/// ASCII byte read as it is, anything else decoded).
fn opens_lowercase_after(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at + 1) {
        Some(b) if b.is_ascii() => b.is_ascii_lowercase(),
        Some(_) => text[at + 1..].chars().next().is_some_and(char::is_lowercase),
        None => false,
    }
}

/// True when the line after the break at `at` opens with a full stop or
/// comma standing alone (a space or the line's end after it; not ".5 unit",
/// a bullet before a number, nor ". . ." an ellipsis).
fn opens_with_stray_mark(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    matches!(bytes.get(at + 1), Some(b'.' | b','))
        && match bytes.get(at + 2) {
            None | Some(b'\n') => true,
            Some(b' ') => !matches!(bytes.get(at + 3), Some(b'.' | b',')),
            _ => false,
        }
}

/// `text` with each of its lines filled greedily into lines of at most
/// `width` characters, as a plain-text archive or a mail client stores it:
/// the damage [`unwrap_lines`] undoes (for tests and evaluations).
pub fn hard_wrap(text: &str, width: usize) -> String {
    fill(text, width, false).0
}

/// [`hard_wrap`] as a hyphenating wrapper does it (text set for print, PDF
/// extraction): a lower-case word of seven letters or more that does not fit
/// is broken with a hyphen where as much of it fits as can (three letters
/// on each side at least), and a hyphenated word ("barang-barang") may be
/// broken at its own hyphen. For tests and evaluations; returns the text and
/// the number of words broken by an added hyphen.
pub fn hard_wrap_hyphenated(text: &str, width: usize) -> (String, usize) {
    fill(text, width, true)
}

/// The greedy fill of [`hard_wrap`], breaking words as
/// [`hard_wrap_hyphenated`] does when `hyphenate`.
fn fill(text: &str, width: usize, hyphenate: bool) -> (String, usize) {
    let mut out = String::with_capacity(text.len() + text.len() / width.max(1));
    let mut broken = 0;
    for (i, paragraph) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut line = 0;
        for word in paragraph.split(' ') {
            let n = word.chars().count();
            if line > 0 && line + 1 + n > width {
                let room = width.saturating_sub(line + 1);
                let own_hyphen = word.find('-').filter(|&h| hyphenate && h > 0 && word.is_char_boundary(h + 1) && word[..=h].chars().count() <= room);
                let plain = hyphenate && n >= 7 && word.bytes().all(|b| b.is_ascii_lowercase());
                let split_at = own_hyphen.map(|h| (h + 1, false)).or_else(|| {
                    let k = room.saturating_sub(1).min(n.saturating_sub(3));
                    (plain && k >= 3).then_some((k, true))
                });
                if let Some((k, add_hyphen)) = split_at {
                    out.push(' ');
                    out.push_str(&word[..k]);
                    if add_hyphen {
                        out.push('-');
                        broken += 1;
                    }
                    out.push('\n');
                    out.push_str(&word[k..]);
                    line = word[k..].chars().count();
                    continue;
                }
                out.push('\n');
                line = 0;
            } else if line > 0 {
                out.push(' ');
                line += 1;
            }
            out.push_str(word);
            line += n;
        }
    }
    (out, broken)
}

/// A web address or an e-mail address.
fn is_link(word: &str) -> bool {
    word.starts_with("http://") || word.starts_with("https://") || word.starts_with("www.") || word.contains('@')
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: &str = "The government announced on Monday that it would raise the minimum wage by five percent next year, a move that unions welcomed but business groups said would cost jobs. The finance minister said the increase was affordable because the economy had grown faster than expected.";
    const ID: &str = "Pemerintah mengumumkan pada hari Senin bahwa upah minimum akan naik lima persen tahun depan, langkah yang disambut serikat pekerja tetapi dikritik kalangan pengusaha karena dianggap akan mengurangi lapangan kerja.";

    #[test]
    fn wrapped_paragraphs_are_joined_and_paragraph_breaks_kept() {
        for width in [40, 60, 72, 100] {
            let text = format!("{}\n\n{}", hard_wrap(EN, width), hard_wrap(ID, width));
            let (out, n) = unwrap_lines(&text).unwrap_or_else(|| panic!("width {width}: {text}"));
            assert_eq!(out, format!("{EN}\n\n{ID}"), "width {width}");
            assert_eq!(n as usize, text.matches('\n').count() - 2);
            // A second run finds nothing to do.
            assert_eq!(unwrap_lines(&out), None);
        }
        // Paragraphs one after the other, without a blank line: the short
        // last line of the first ends it (at width 68 it holds one word).
        let text = format!("{}\n{}", hard_wrap(EN, 68), hard_wrap(ID, 68));
        let (out, _) = unwrap_lines(&text).unwrap();
        assert_eq!(out, format!("{EN}\n{ID}"));
    }

    #[test]
    fn a_hyphen_at_a_wrapped_break_joins_its_word() {
        let text = "Warga membawa harta mereka ke tempat yang lebih tinggi karena\nair terus naik sejak subuh, sementara perabot dan barang-\nbarang lain ditinggal di rumah yang terendam setinggi satu\nmeter oleh banjir kiriman dari hulu sungai.";
        let (out, n) = unwrap_lines(text).unwrap();
        assert_eq!(n, 3);
        assert_eq!(out, "Warga membawa harta mereka ke tempat yang lebih tinggi karena air terus naik sejak subuh, sementara perabot dan barang-barang lain ditinggal di rumah yang terendam setinggi satu meter oleh banjir kiriman dari hulu sungai.");
    }

    #[test]
    fn a_hyphen_that_only_breaks_a_word_goes() {
        let text = "Menteri Keuangan mengatakan bahwa anggaran untuk sub-\nsidi energi akan dialihkan kepada program yang lebih signi-\nfikan bagi keluarga miskin di daerah terpencil, kata dia\nkepada wartawan di Jakarta pada Senin pagi.";
        let (out, _) = unwrap_lines(text).unwrap();
        assert_eq!(out, "Menteri Keuangan mengatakan bahwa anggaran untuk subsidi energi akan dialihkan kepada program yang lebih signifikan bagi keluarga miskin di daerah terpencil, kata dia kepada wartawan di Jakarta pada Senin pagi.");
        assert!(!is_word_broken_by_hyphen("barang", "barang"));
        assert!(is_word_broken_by_hyphen("ber", "sama"));
        assert!(is_word_broken_by_hyphen("ber", "dokumen"));
        assert!(is_word_broken_by_hyphen("suara", "nya"));
        assert!(!is_word_broken_by_hyphen("KPK", "nya"));
        assert!(!is_word_broken_by_hyphen("power", "nya"));
        assert!(!is_word_broken_by_hyphen("well", "known"));
        assert!(!is_word_broken_by_hyphen("Jakarta", "Bogor"));
        assert!(!is_word_broken_by_hyphen("xyzq", "wvut"));
        // A word after a mark of several bytes ("‘sub-⏎sidi").
        let text = "Menteri Keuangan mengatakan bahwa anggaran untuk ‘sub-\nsidi’ energi akan dialihkan kepada program yang lebih signi-\nfikan bagi keluarga miskin di daerah terpencil, kata dia\nkepada wartawan di Jakarta pada Senin pagi.";
        assert!(unwrap_lines(text).unwrap().0.contains("‘subsidi’"));
    }

    #[test]
    fn a_line_broken_inside_a_sentence_is_joined() {
        let text = "Di nomor 400 meter, pelari Prancis\nmenang dengan mudah.\nPemerintah ingin lembaga yang modern dan\nterbuka dengan kritik.";
        let (out, n) = join_broken_lines(text, |_| false).unwrap();
        assert_eq!(n, 2);
        assert_eq!(out, "Di nomor 400 meter, pelari Prancis menang dengan mudah.\nPemerintah ingin lembaga yang modern dan terbuka dengan kritik.");
        assert_eq!(join_broken_lines(&out, |_| false), None);
        let (out, n) = join_broken_lines("the BBC's comedy\n. And the success\nAsk McDonald on\n.\nA list:\n.5 unit\nEnd\n. . . more\nBuccaneer,\n. It\nCreta\n. 50 unit", |_| false).unwrap();
        assert_eq!((out.as_str(), n), ("the BBC's comedy. And the success\nAsk McDonald on.\nA list:\n.5 unit\nEnd\n. . . more\nBuccaneer,\n. It\nCreta\n. 50 unit", 2));
        assert_eq!(join_broken_lines(&out, |_| false), None);
        // Lines that open with a stop after a line of text join it one
        // after the other, in one run; after a heading they are bullets.
        let (out, _, n) = join_lines("aa\n. a\n. J\n. a\n.", |_| false).unwrap();
        assert_eq!((out.as_str(), n), ("aa. a. J. a.", 4));
        assert_eq!(join_lines(&out, |_| false), None);
        assert_eq!(join_lines("Fitur:\n. Kamera\n. Baterai", |_| false), None);
        let (out, _) = join_broken_lines("Kopi pagi.\nB\nagi penikmat kopi, ini kabar baik.", |_| false).unwrap();
        assert_eq!(out, "Kopi pagi.\nBagi penikmat kopi, ini kabar baik.");
        // Sentence ends, links, list items and boilerplate keep their breaks.
        for text in [
            "Harga naik.\nbanyak warga mengeluh.",
            "Daftar kampus:\nhttp://snmptn.ui.ac.id\nhttp://snmptn.ugm.ac.id",
            "a. Tidak melaksanakan takbir keliling\nb. tidak menyalakan petasan",
            "Simak juga video berikut\nkondisi jalan masih macet",
            "政府は発表した\n労働組合は歓迎した",
        ] {
            let own_line = |line: &str| line.starts_with("Simak juga");
            assert_eq!(join_broken_lines(text, own_line), None, "{text}");
        }
    }

    #[test]
    fn text_that_is_not_wrapped_is_left_alone() {
        let cases = [
            // One paragraph a line, as news is stored.
            format!("{EN}\n{ID}\n{EN}"),
            // A list of prices, its lines all about as long.
            "Harga emas Antam 1 gram: Rp1.998.000\nHarga emas Antam 2 gram: Rp3.934.000\nHarga emas Antam 5 gram: Rp9.760.000\nHarga emas Antam 10 gram: Rp19.465.000".to_string(),
            // Headline-like lines and a list.
            "Jakarta Banjir Lagi\nWarga Mengungsi ke Masjid\n- air setinggi satu meter menggenangi rumah\n- listrik dipadamkan sejak pagi hari".to_string(),
            // Short lines of verse.
            "the rain comes down\nand the river rises\nand the village sleeps".to_string(),
            // No case: Japanese, whose words have no spaces between them.
            "政府は月曜日、来年の最低賃金を五パーセント引き上げると発表し、労働組合は歓迎したが経済団体は雇用が失われる\nと述べた。財務大臣は、経済が予想より速く成長したため引き上げは負担可能だと述べ、野党は選挙目当て\nだと批判した。".to_string(),
        ];
        for text in cases {
            assert_eq!(unwrap_lines(&text), None, "{text}");
        }
    }
}
