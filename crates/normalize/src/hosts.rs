//! Host names a scraper glued to the words around them when it dropped a
//! link's markup: "ujar Yuni kepadaKompas.comsaat ditemui",
//! "Liputan6.commenyusun", "laman resmiwww.bmkg.go.idyang". Indonesian
//! only: the words are judged by the glue counts ([`crate::glue`]).
//!
//! Three cuts, each where no host name has one:
//! - after the top-level domain, before a word ("Liputan6.com|menyusun"):
//!   the last label starts with `com`, `id`, `net` or `org`, is no word
//!   itself ("identitas", "organisasi" stay), and the rest is a known word
//!   or frequent words run together, or a capitalised word ("com|Terdapat");
//! - before "www" ("resmi|www.bmkg.go.id");
//! - between a word and the capitalised host after it ("kepada|Kompas.com"),
//!   when the word heads no name ([`crate::glue::heads_no_name`]: "kepada",
//!   "dikutip", "Berikut"; not "Daily" of "DailySocial.id" or "blok" of
//!   "blokTuban.com"), or is a frequent word and the article writes the
//!   host alone elsewhere.
//!
//! URLs and e-mail addresses (a host after `/`, `@` or `:`, or before `/`,
//! `@` or `:`) are left alone.

use std::collections::HashSet;

use crate::glue::{english_word_count, heads_no_name, stands_as_words, word_count, KNOWN_WORD};

/// Top-level domains a glued word is looked for after. `co`, `go`, `ac`
/// end too many abbreviations ("E.coli") to be read this way.
const TOP_LEVEL_DOMAINS: &[&str] = &["com", "id", "net", "org"];

/// How often a word before a host must be seen to be cut from a host the
/// article also writes alone.
const MIN_HEAD_COUNT: u32 = 30;

/// A host token and what is glued to it.
#[derive(Clone, Copy)]
struct Host {
    start: usize,
    end: usize,
    /// Offset of the cut after a word glued before the host, if any.
    head: Option<usize>,
    /// Whether [`Host::head`] needs the host written alone elsewhere.
    head_needs_evidence: bool,
    /// Offset of the cut before a word glued after the host, if any.
    tail: Option<usize>,
}

impl Host {
    /// The host without what is glued to it.
    fn core<'a>(&self, text: &'a str) -> &'a str {
        &text[self.head.map_or(self.start, |h| self.start + h)..self.tail.map_or(self.end, |t| self.start + t)]
    }
}

/// Splits the words glued to host names in `text`. Returns the new text
/// when something changed, and each glued token with its split form.
pub fn split_glued_hosts(text: &str) -> (Option<String>, Vec<(String, String)>) {
    let mut hosts = host_tokens(text);
    if hosts.iter().all(|h| h.head.is_none() && h.tail.is_none()) {
        return (None, Vec::new());
    }
    // Hosts the article writes alone, as they will stand after the cuts
    // that need no evidence: so that a second run, which sees those cuts
    // made, decides as this one.
    let alone: HashSet<&str> = hosts.iter().filter(|h| !h.head_needs_evidence).map(|h| h.core(text)).collect();
    for host in &mut hosts {
        if host.head_needs_evidence {
            let with_head = Host { head_needs_evidence: false, ..*host };
            if !alone.contains(with_head.core(text)) {
                host.head = None;
            }
            host.head_needs_evidence = false;
        }
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut examples = Vec::new();
    let mut copied = 0;
    for host in hosts.iter().filter(|h| h.head.is_some() || h.tail.is_some()) {
        out.push_str(&text[copied..host.start]);
        let from = out.len();
        let mut at = host.start;
        for cut in [host.head, host.tail].into_iter().flatten() {
            out.push_str(&text[at..host.start + cut]);
            out.push(' ');
            at = host.start + cut;
        }
        out.push_str(&text[at..host.end]);
        examples.push((text[host.start..host.end].to_string(), out[from..].to_string()));
        copied = host.end;
    }
    if examples.is_empty() {
        return (None, Vec::new());
    }
    out.push_str(&text[copied..]);
    (Some(out), examples)
}

fn host_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'.' || b == b'-'
}

/// Every token of letters, digits, dots and hyphens with two labels or
/// more whose last label is a top-level domain (with a word glued after it
/// or not), with the cuts it may take.
fn host_tokens(text: &str) -> Vec<Host> {
    let bytes = text.as_bytes();
    let mut hosts = Vec::new();
    let mut next_from = 0;
    for dot in memchr::memchr_iter(b'.', bytes) {
        // A host's labels are written in lower case after their dots
        // ("Kompas.com", "bmkg.go.id"): most full stops end a sentence or
        // sit in a number, and are passed over here.
        if dot < next_from || !bytes.get(dot + 1).is_some_and(u8::is_ascii_lowercase) {
            continue;
        }
        let start = bytes[..dot].iter().rposition(|&b| !host_byte(b)).map_or(0, |p| p + 1);
        let end = bytes[dot..].iter().position(|&b| !host_byte(b)).map_or(bytes.len(), |p| dot + p);
        next_from = end;
        // Not a URL's path or an e-mail address.
        let joined = |b: Option<&u8>| matches!(b, Some(b'/' | b'@' | b':' | b'\\'));
        if joined(start.checked_sub(1).map(|p| &bytes[p])) || joined(bytes.get(end)) {
            continue;
        }
        // A full stop or hyphen after the token ends a sentence or a clause.
        let end = start + text[start..end].trim_end_matches(['.', '-']).len();
        if let Some(host) = read_host(text, start, end) {
            hosts.push(host);
        }
    }
    hosts
}

fn read_host(text: &str, start: usize, end: usize) -> Option<Host> {
    let token = &text[start..end];
    let labels: Vec<&str> = token.split('.').collect();
    if labels.len() < 2 || labels.iter().any(|l| l.is_empty()) || !labels[0].bytes().any(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let last = labels[labels.len() - 1];
    let last_start = token.len() - last.len();
    let tail = glued_after_domain(last).map(|cut| last_start + cut);
    // The host's last label, without what is glued after it, is a
    // domain's: a few lower-case letters.
    let domain = &last[..tail.map_or(last.len(), |t| t - last_start)];
    if !(2..=6).contains(&domain.len()) || !domain.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let (head, head_needs_evidence) = glued_before_host(labels[0]).map_or((None, false), |(cut, sure)| (Some(cut), !sure));
    Some(Host { start, end, head, head_needs_evidence, tail })
}

/// The cut inside a last label that is a top-level domain with a word
/// glued after it ("commenyusun", "idyang").
fn glued_after_domain(label: &str) -> Option<usize> {
    let tld = TOP_LEVEL_DOMAINS.iter().find(|t| label.len() >= t.len() + 2 && label.starts_with(**t))?;
    let rest = &label[tld.len()..];
    let is_word = |w: &str| word_count(w) >= KNOWN_WORD || english_word_count(w) >= KNOWN_WORD;
    // A capitalised word: no domain is written with a capital inside its
    // last label ("freepik.com|Terdapat", a photo credit run into the text).
    let rb = rest.as_bytes();
    if rb.len() >= 3 && rb[0].is_ascii_uppercase() && rb[1..].iter().all(u8::is_ascii_lowercase) {
        return Some(tld.len());
    }
    // No domain ends in a word of the counts: one seen twice will do
    // ("com|ulas"), where a glued piece elsewhere must be frequent.
    let word_after = stands_as_words(rest) || rest.len() >= 4 && word_count(rest) >= KNOWN_WORD;
    (rb.iter().all(u8::is_ascii_lowercase) && !is_word(label) && word_after).then_some(tld.len())
}

/// The cut inside a host's first label after a word glued before it, and
/// whether the word alone vouches for it (else the host must be written
/// alone elsewhere): "resmiwww" (sure), "kepadaKompas" (sure),
/// "pantauanKompas" (evidence).
fn glued_before_host(label: &str) -> Option<(usize, bool)> {
    let bytes = label.as_bytes();
    if !bytes[0].is_ascii_alphabetic() {
        return None;
    }
    // No word ends in "www".
    if label.len() >= 5 && label.ends_with("www") && bytes[..label.len() - 3].iter().all(u8::is_ascii_alphabetic) {
        return Some((label.len() - 3, true));
    }
    let cut = bytes.iter().skip(1).position(u8::is_ascii_uppercase)? + 1;
    if cut < 3 || label.len() - cut < 3 || !bytes[1..cut].iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    let head = label[..cut].to_ascii_lowercase();
    let capitalised = bytes[0].is_ascii_uppercase();
    if heads_no_name(&head, capitalised) {
        return Some((cut, true));
    }
    (!capitalised && !crate::glue::is_brand_head(&head) && word_count(&head) >= MIN_HEAD_COUNT).then_some((cut, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> String {
        let once = split_glued_hosts(text).0.unwrap_or_else(|| text.to_string());
        assert_eq!(split_glued_hosts(&once).0, None, "a second pass changed {once:?}");
        once
    }

    #[test]
    fn words_glued_after_a_domain_are_cut() {
        assert_eq!(split("Tim Berita.commenyusun daftar berikut."), "Tim Berita.com menyusun daftar berikut.");
        assert_eq!(split("dikutip dari Warta.comdari laman resmi."), "dikutip dari Warta.com dari laman resmi.");
        assert_eq!(split("kata situs kabar.co.idpada Senin."), "kata situs kabar.co.id pada Senin.");
        // Two words glued after it: cut from the host; the glue split cuts the rest.
        assert_eq!(split("Berita.comsaatitu juga."), "Berita.com saatitu juga.");
        // A capitalised word after it: a photo credit run into the text.
        assert_eq!(split("Foto: gambar.comTerdapat dua cara."), "Foto: gambar.com Terdapat dua cara.");
    }

    #[test]
    fn a_label_that_is_a_word_or_no_domain_stays() {
        for text in [
            "Lihat nomor.identitas pada kartu.",
            "bakteri E.coli dalam air",
            "situs contoh.community milik warga",
            "harga 1.500ribu per unit",
            "lihat https://warta.example/berita.compada",
            "surel redaksi@Berita.comdari kami",
            "kata Dr.Haris di sana",
        ] {
            assert_eq!(split(text), text);
        }
    }

    #[test]
    fn words_glued_before_a_host_are_cut_when_they_head_no_name() {
        assert_eq!(split("ujar Yuni kepadaKabar.comsaat ditemui."), "ujar Yuni kepada Kabar.com saat ditemui.");
        assert_eq!(split("seperti dikutipKabar.com, Senin."), "seperti dikutip Kabar.com, Senin.");
        assert_eq!(split("BerikutKabar.comulas lima hal."), "Berikut Kabar.com ulas lima hal.");
        assert_eq!(split("lihat laman resmiwww.cuaca.go.id."), "lihat laman resmi www.cuaca.go.id.");
        // Brands and names built on a word stay whole.
        for text in [
            "kata DailyKabar.id kemarin.",
            "menurut blokKota.com kemarin.",
            "dari detikKabar.com hari ini, kata Kabar.com",
        ] {
            assert_eq!(split(text), text);
        }
    }

    #[test]
    fn a_frequent_word_is_cut_from_a_host_the_article_writes_alone() {
        // "pantauan" heads no name only on the article's evidence.
        assert_eq!(split("Berdasarkan pantauanKabar.com, jalan macet."), "Berdasarkan pantauanKabar.com, jalan macet.");
        assert_eq!(
            split("Berdasarkan pantauanKabar.com, jalan macet. Kata Budi kepada Kabar.com kemarin."),
            "Berdasarkan pantauan Kabar.com, jalan macet. Kata Budi kepada Kabar.com kemarin."
        );
        // The evidence may come from a cut made in the same pass.
        assert_eq!(
            split("Berdasarkan pantauanKabar.com, jalan macet. Kata Budi kepadaKabar.com kemarin."),
            "Berdasarkan pantauan Kabar.com, jalan macet. Kata Budi kepada Kabar.com kemarin."
        );
    }
}
