//! The gazetteer's list files read into patterns, and the lines of the
//! word-class files: the code that both the crate ([`crate::gazetteer`])
//! and its build script use. `build.rs` reads the lists and word classes
//! once, at build time, into the compact tables the tagger loads (session
//! 21: reading the text at every load was a third of its instructions).
//! Only std here: `build.rs` includes this file as a module of its own.

/// Gazetteer classes. Each token gets two bits per class: it begins a match,
/// or it continues one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum GazClass {
    Country = 0,
    City = 1,
    Region = 2,
    /// Words that announce a place: "Kabupaten", "Bandara", "Jl.", "Gunung".
    LocHead = 3,
    /// Words that announce an organisation: "PT", "Universitas", "Kementerian".
    OrgHead = 4,
    /// Words that end an organisation name: "Tbk", "Inc.", "Ltd".
    OrgSuffix = 5,
    /// Person titles and roles ("Presiden", "Mr.").
    Title = 6,
    /// Speech verbs and other words that follow or precede a person ("kata", "ujar", "said").
    PerTrigger = 7,
    /// Well-known organisations and acronyms written for warta ("DPR", "KPK", "Reuters").
    Org = 8,
    /// Frequent given names.
    GivenName = 9,
    /// News agencies ("Reuters", "Tass", "Xinhua", "Antara"): their own class
    /// because they are cited as sources right after a place ("kantor
    /// berita pemerintah Rusia Tass"), where a plain organisation name would
    /// read like the end of one longer name (session 6).
    NewsAgency = 10,
    /// US Census 1990 surnames (`data/registry.tsv`, session 7).
    Surname = 11,
    /// US Census 1990 first names (`data/registry.tsv`, session 7).
    FirstName = 12,
    /// Names of stock-index companies, legal forms stripped
    /// (`data/registry.tsv`, session 7).
    Company = 13,
    /// Organisations of the English-speaking world read by the English
    /// weights only (session 8): government bodies and their acronyms,
    /// international bodies, parties, broadcasters and newspapers, leagues
    /// and teams, large companies and brands (`data/handwritten.tsv`).
    OrgEn = 14,
}

pub const N_CLASSES: usize = 15;

impl GazClass {
    /// The class of list `s` for the weights of language `lang` (`id` for
    /// the Indonesian weights, anything else for the English ones).
    pub fn parse_for(s: &str, lang: &str) -> Option<GazClass> {
        match s {
            // The census surnames past the 20,000 most frequent: surnames for
            // English; the Indonesian sets lost F1 with them (session 7).
            "raresurname" if lang == "id" => None,
            "raresurname" => Some(GazClass::Surname),
            _ => GazClass::parse(s),
        }
    }

    fn parse(s: &str) -> Option<GazClass> {
        Some(match s {
            "country" => GazClass::Country,
            "city" => GazClass::City,
            "region" => GazClass::Region,
            "lochead" => GazClass::LocHead,
            "orghead" => GazClass::OrgHead,
            "orgsuffix" => GazClass::OrgSuffix,
            "title" => GazClass::Title,
            "pertrigger" => GazClass::PerTrigger,
            "org" => GazClass::Org,
            "givenname" => GazClass::GivenName,
            "newsagency" => GazClass::NewsAgency,
            "surname" => GazClass::Surname,
            "firstname" => GazClass::FirstName,
            "company" => GazClass::Company,
            "orgen" => GazClass::OrgEn,
            _ => return None,
        })
    }
}

/// The patterns of the list files `sources` (`class<TAB>name` lines; `#`
/// starts a comment) that the weights of language `lang` read: each name
/// lower-cased and single-spaced, one entry per name with its classes
/// merged (bit `1 << class`), sorted by name.
pub fn list_entries(sources: &[&str], lang: &str) -> Vec<(String, u16)> {
    let mut entries: Vec<(String, u16)> = Vec::new();
    for line in sources.iter().flat_map(|s| s.lines()) {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((class, name)) = line.split_once('\t') else {
            continue;
        };
        let Some(class) = GazClass::parse_for(class.trim(), lang) else {
            continue;
        };
        let name = normalise_phrase(name);
        if !name.is_empty() {
            entries.push((name, 1 << class as u16));
        }
    }
    sort_and_merge(entries)
}

/// `entries` sorted by name, equal names merged (their classes or-ed).
pub fn sort_and_merge<S: Ord>(mut entries: Vec<(S, u16)>) -> Vec<(S, u16)> {
    entries.sort_unstable_by(|x, y| x.0.cmp(&y.0));
    let mut merged: Vec<(S, u16)> = Vec::with_capacity(entries.len());
    for (name, bits) in entries {
        match merged.last_mut() {
            Some(last) if last.0 == name => last.1 |= bits,
            _ => merged.push((name, bits)),
        }
    }
    merged
}

/// The entries of `sorted` (sorted by name, one per name) and of `more`
/// with one per name (classes merged), sorted by name: what
/// [`sort_and_merge`] of both gives, in one pass over `sorted`.
pub fn merge_into_sorted<S: Ord>(sorted: Vec<(S, u16)>, more: Vec<(S, u16)>) -> Vec<(S, u16)> {
    let mut more = sort_and_merge(more).into_iter().peekable();
    let mut out = Vec::with_capacity(sorted.len() + more.len());
    for (name, bits) in sorted {
        while let Some(x) = more.next_if(|x| x.0 < name) {
            out.push(x);
        }
        let bits = more.next_if(|x| x.0 == name).map_or(bits, |x| bits | x.1);
        out.push((name, bits));
    }
    out.extend(more);
    out
}

/// The form and Brown path of a `form<TAB>path` line of a word-class file
/// (no newline), the path's bits under a leading 1 ("0110" is 0b10110);
/// `None` for a comment (`#`), a line without a tab or an invalid path.
pub fn word_class_line(line: &[u8]) -> Option<(&[u8], u32)> {
    if line.first() == Some(&b'#') {
        return None;
    }
    let tab = line.iter().position(|&b| b == b'\t')?;
    let (form, path) = (&line[..tab], &line[tab + 1..]);
    if path.is_empty() || path.len() > 30 || path.iter().any(|b| !matches!(b, b'0' | b'1')) {
        return None;
    }
    Some((form, path.iter().fold(1u32, |acc, &b| (acc << 1) | u32::from(b - b'0'))))
}

/// Lower case, single spaces, trimmed.
pub fn normalise_phrase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}
