//! GUM's entity annotations read as UNER-style named entities (session 20,
//! issue #9: more labelled English for the English weights).
//!
//! GUM (the Georgetown University Multilayer corpus, as released in
//! UniversalDependencies/UD_English-GUM) marks every mention of a
//! discourse entity in the CoNLL-U MISC column (`Entity=`, brackets over
//! tokens: `(12-person-new-…-Barack_Obama` opens mention group 12, `12)`
//! closes it, `(7-time-…)` is a one-token mention; the fields are
//! `GRP-etype-infstat-salience-centering-minspan-link-identity`), whether
//! named or not ("the president", "the kitchen"). UNER marks only names,
//! PER / ORG / LOC, without a leading determiner or a person's title.
//! [`convert`] keeps, of each mention, its *name*: the stretch of proper
//! nouns (`NNP`, joined by "of", "and", "&", "'s", "-" …) around the
//! mention's syntactic head, when that head is a proper noun; for a
//! person, without the tokens hanging from a title (`nmod:desc`, "U.S.
//! President" in "U.S. President Donald Trump") or an apposition, and
//! without leading title words ("Dr.", "President"); a plural proper noun
//! as a person ("Americans") is a nationality, not a name. Person → PER,
//! place → LOC, organization → ORG. Names of other types (events,
//! objects, works: UNER's OTH) are kept as O and hide the names nested in
//! them, and of overlapping names the longest wins (UNER marks the
//! outermost name: "Bank of America" is one ORG).
//!
//! Read by the train example's `--gum DIR` (an experiment: not in the
//! shipped model, which it lowered on EWT dev; `model/PROVENANCE.md`,
//! session 20).

use crate::model::tag_index;

/// One sentence of a GUM document in UNER's form.
#[derive(Clone, Debug, PartialEq)]
pub struct GumSentence {
    /// The document (`# newdoc id`), e.g. `GUM_news_afghan`.
    pub doc: String,
    pub words: Vec<String>,
    /// BIO tag indices (see [`crate::model::TAG_NAMES`]).
    pub tags: Vec<usize>,
    /// The proper nouns (`NNP`) outside every mention with a name: names GUM does not
    /// mark as a mention's name ("advice columnist Dan Savage", whose head
    /// is "columnist"), so their O may be wrong.
    pub unsure: Vec<usize>,
}

/// A document's genre: the second part of its id (`GUM_news_afghan` → `news`).
pub fn genre(doc: &str) -> &str {
    doc.split('_').nth(1).unwrap_or("")
}

/// The genres whose texts LICENSE.txt of UD_English-GUM names as CC BY or
/// public domain (Wikinews: news, interview, bio; Wikivoyage; OpenStax
/// textbooks; YouTube CC vlogs; political speeches; the Santa Barbara
/// Corpus's conversations). wikiHow (`whow`) and fiction are CC BY-NC-SA;
/// academic, court, essay, letter, podcast and reddit are not named.
pub const OPEN_GENRES: &[&str] =
    &["interview", "news", "bio", "voyage", "textbook", "vlog", "speech", "conversation"];

/// The train documents of a UD_English-GUM checkout (`dir`): those listed
/// in `not-to-release/file-lists/files.train` whose genre is in `genres`,
/// read from `not-to-release/sources/DOC.conllu` and converted, in the
/// list's order.
pub fn read_train(dir: &std::path::Path, genres: &[&str]) -> std::io::Result<Vec<GumSentence>> {
    let list = std::fs::read_to_string(dir.join("not-to-release/file-lists/files.train"))?;
    let mut out = Vec::new();
    for doc in list.lines().map(str::trim).filter(|d| !d.is_empty()) {
        if genres.contains(&genre(doc)) {
            let text = std::fs::read_to_string(dir.join(format!("not-to-release/sources/{doc}.conllu")))?;
            out.extend(convert(&text));
        }
    }
    Ok(out)
}

struct Token {
    form: String,
    xpos: String,
    /// 0-based index of the head within the sentence; `None` for the root.
    head: Option<usize>,
    deprel: String,
}

struct Mention {
    start: usize,
    /// Inclusive.
    end: usize,
    etype: String,
}

/// Words that join the proper nouns of one name.
const CONNECTORS: &[&str] = &[
    "of", "and", "&", "'s", "’s", "-", "de", "del", "du", "da", "von", "van", "der", "la", "the", "for",
];

/// Determiners before a capitalised word that is not a name.
const DEICTIC: &[&str] = &[
    "this", "that", "these", "those", "my", "our", "your", "his", "her", "their", "its", "every",
];

/// Words that open a person's name in GUM but not in UNER (titles).
const TITLES: &[&str] = &[
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mister", "madam", "dr", "dr.", "doctor", "prof",
    "prof.", "professor", "president", "vice", "prime", "minister", "secretary", "senator", "sen.",
    "rep.", "representative", "congressman", "congresswoman", "gov.", "governor", "mayor", "judge",
    "justice", "general", "gen.", "col.", "colonel", "capt.", "captain", "lt.", "lieutenant", "sgt.",
    "sergeant", "major", "admiral", "commander", "officer", "detective", "inspector", "chief", "king",
    "queen", "prince", "princess", "emperor", "empress", "tsar", "tsarevna", "shah", "sheikh",
    "sheik", "ayatollah", "pope", "saint", "st.", "st", "sir", "lord", "lady", "dame", "duke",
    "duchess", "rev.", "reverend", "father", "sister", "brother", "bishop", "archbishop", "cardinal",
    "ambassador", "chairman", "chancellor", "speaker", "coach", "uncle", "aunt", "apa", "prophet",
];

fn is_title(w: &str) -> bool {
    TITLES.contains(&w.to_lowercase().as_str())
}

/// The sentences of one CoNLL-U text (one or more GUM documents) with
/// their named person, place and organisation mentions as BIO tags.
/// Multi-word token ranges and empty nodes are skipped (the words are
/// the syntactic words, as EWT's).
pub fn convert(conllu: &str) -> Vec<GumSentence> {
    let mut out = Vec::new();
    let mut doc = String::new();
    let mut toks: Vec<Token> = Vec::new();
    let mut misc: Vec<String> = Vec::new();
    let flush = |doc: &str, toks: &mut Vec<Token>, misc: &mut Vec<String>, out: &mut Vec<GumSentence>| {
        if !toks.is_empty() {
            out.push(sentence(doc, toks, misc));
        }
        toks.clear();
        misc.clear();
    };
    for line in conllu.lines() {
        if let Some(id) = line.strip_prefix("# newdoc id = ") {
            flush(&doc, &mut toks, &mut misc, &mut out);
            doc = id.trim().to_string();
            continue;
        }
        if line.trim().is_empty() {
            flush(&doc, &mut toks, &mut misc, &mut out);
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 10 || f[0].contains('-') || f[0].contains('.') {
            continue;
        }
        toks.push(Token {
            form: f[1].to_string(),
            xpos: f[4].to_string(),
            head: f[6].parse::<usize>().ok().and_then(|h| h.checked_sub(1)),
            deprel: f[7].to_string(),
        });
        misc.push(f[9].to_string());
    }
    flush(&doc, &mut toks, &mut misc, &mut out);
    out
}

/// The mentions of a sentence from the `Entity=` values of its MISC column.
/// Unbalanced brackets (a mention left open at the sentence's end, a
/// close without an open) are dropped.
fn mentions(misc: &[String]) -> Vec<Mention> {
    let mut open: Vec<(String, usize, String)> = Vec::new(); // group, start, etype
    let mut out = Vec::new();
    for (i, m) in misc.iter().enumerate() {
        let Some(v) = m.split('|').find_map(|p| p.strip_prefix("Entity=")) else {
            continue;
        };
        let b = v.as_bytes();
        let mut p = 0;
        while p < b.len() {
            if b[p] == b'(' {
                let q = v[p + 1..].find(['(', ')']).map_or(b.len(), |k| p + 1 + k);
                let spec = &v[p + 1..q];
                let mut fields = spec.split('-');
                let group = fields.next().unwrap_or("").to_string();
                let etype = fields.next().unwrap_or("").to_string();
                if q < b.len() && b[q] == b')' {
                    out.push(Mention { start: i, end: i, etype });
                    p = q + 1;
                } else {
                    open.push((group, i, etype));
                    p = q;
                }
            } else {
                let q = v[p..].find(')').map_or(b.len(), |k| p + k);
                let group = &v[p..q];
                if let Some(k) = open.iter().rposition(|o| o.0 == group) {
                    let (_, start, etype) = open.remove(k);
                    out.push(Mention { start, end: i, etype });
                }
                p = q + 1;
            }
        }
    }
    out
}

/// The name of a mention: `(start, end)` inclusive, or `None` when its
/// head is not a proper noun (`NNP`, `NNPS`: GUM's universal tags give a
/// name's words their own class, "United" `VERB`, "Red" `ADJ`).
fn name_of(toks: &[Token], m: &Mention, all: &[Mention]) -> Option<(usize, usize)> {
    let inside = |i: usize| i >= m.start && i <= m.end;
    let head = (m.start..=m.end).find(|&i| toks[i].head.is_none_or(|h| !inside(h)))?;
    let person = m.etype == "person";
    let propn = |i: usize| toks[i].xpos.starts_with("NNP");
    if !propn(head) || (person && toks[head].xpos == "NNPS") {
        return None;
    }
    // A name of its own inside the mention: a person, place or
    // organisation mention nested in it that holds token j.
    let nested = |j: usize| {
        all.iter().any(|n| {
            (n.start, n.end) != (m.start, m.end)
                && n.start >= m.start
                && n.end <= m.end
                && (n.start..=n.end).contains(&j)
                && matches!(n.etype.as_str(), "person" | "place" | "organization")
        })
    };
    // A token hangs from an apposition, a person's title, or a conjunct or
    // possessor that is a name of its own ("Bill Barrett and Bob Nix",
    // "Enron's United Way"; not "Department of Housing and Urban
    // Development").
    let excluded = |i: usize| {
        let mut j = i;
        let mut steps = 0;
        while j != head && steps < 64 {
            match toks[j].deprel.as_str() {
                "appos" | "parataxis" | "list" => return true,
                "nmod:desc" if person => return true,
                "conj" | "nmod:poss" if person || nested(j) => return true,
                "cc" if person || toks[j].head.is_some_and(nested) => return true,
                _ => {}
            }
            match toks[j].head {
                Some(h) if inside(h) => j = h,
                _ => return false,
            }
            steps += 1;
        }
        false
    };
    let number = |i: usize| toks[i].xpos == "CD";
    let connector = |i: usize| {
        let w = toks[i].form.to_lowercase();
        CONNECTORS.contains(&w.as_str()) && !(person && matches!(w.as_str(), "of" | "the" | "for" | "and" | "&"))
    };
    let joins = |i: usize| !excluded(i) && (propn(i) || number(i) || connector(i));
    let (mut s, mut e) = (head, head);
    while s > m.start && joins(s - 1) {
        s -= 1;
    }
    while e < m.end && joins(e + 1) {
        e += 1;
    }
    // A name opens with a proper noun and ends with one or a number
    // ("US 169"); a person's name without its titles.
    loop {
        let before = (s, e);
        while s < head && !propn(s) {
            s += 1;
        }
        while e > head && !propn(e) && !(number(e) && propn(e - 1)) {
            e -= 1;
        }
        if person {
            while s < head && is_title(&toks[s].form) {
                s += 1;
            }
        }
        if (s, e) == before {
            break;
        }
    }
    // A title alone ("the Tsar", "THE PRESIDENT") or "the Government" is
    // not a name in UNER.
    if person && (s..=e).all(|i| is_title(&toks[i].form)) {
        return None;
    }
    if s == e && toks[s].form.eq_ignore_ascii_case("government") {
        return None;
    }
    // "this Hall", "our Chamber": a capitalised common noun.
    if s > m.start && DEICTIC.contains(&toks[s - 1].form.to_lowercase().as_str()) {
        return None;
    }
    Some((s, e))
}

fn sentence(doc: &str, toks: &[Token], misc: &[String]) -> GumSentence {
    let all = mentions(misc);
    // The tokens of mentions that have a name: their other proper nouns
    // (a title) are O for sure.
    let mut covered = vec![false; toks.len()];
    let mut names: Vec<(usize, usize, Option<&str>)> = all
        .iter()
        .filter_map(|m| {
            let label = match m.etype.as_str() {
                "person" => Some("PER"),
                "place" => Some("LOC"),
                "organization" => Some("ORG"),
                _ => None,
            };
            let name = name_of(toks, m, &all)?;
            covered[m.start..=m.end].iter_mut().for_each(|c| *c = true);
            Some((name.0, name.1, label))
        })
        .collect();
    // The longest name first; a name of another type hides what it covers.
    names.sort_by_key(|&(s, e, l)| (std::cmp::Reverse(e - s), s, l.is_none()));
    let mut taken = vec![false; toks.len()];
    let mut tags = vec![0usize; toks.len()];
    for (s, e, label) in names {
        if taken[s..=e].iter().any(|&t| t) {
            continue;
        }
        taken[s..=e].iter_mut().for_each(|t| *t = true);
        if let Some(l) = label {
            for (i, t) in tags[s..=e].iter_mut().enumerate() {
                let bio = if i == 0 { format!("B-{l}") } else { format!("I-{l}") };
                *t = tag_index(&bio).unwrap_or(0);
            }
        }
    }
    GumSentence {
        doc: doc.to_string(),
        words: toks.iter().map(|t| t.form.clone()).collect(),
        tags,
        unsure: (0..toks.len())
            .filter(|&i| !covered[i] && toks[i].xpos.starts_with("NNP"))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TAG_NAMES;

    fn tok(id: usize, form: &str, upos: &str, xpos: &str, head: usize, rel: &str, misc: &str) -> String {
        format!("{id}\t{form}\t{form}\t{upos}\t{xpos}\t_\t{head}\t{rel}\t_\t{misc}\n")
    }

    fn tags(s: &GumSentence) -> Vec<&str> {
        s.tags.iter().map(|&t| TAG_NAMES[t]).collect()
    }

    /// A hand-written two-sentence document (not GUM's text): a title and
    /// its country nested in a person's mention, a common-noun mention, a
    /// place with "the", an organisation with "of", a nationality, an
    /// event's name hiding the place in it, and a multi-word token.
    #[test]
    fn gum_mentions_become_uner_names() {
        let mut c = String::from("# newdoc id = GUM_news_toy\n# global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity\n");
        c += "# sent_id = GUM_news_toy-1\n";
        c += &tok(1, "Kerplonian", "ADJ", "JJ", 2, "amod", "Entity=(1-person-new-sssss-cf1-3-coref");
        c += &tok(2, "farmers", "NOUN", "NNS", 3, "nsubj", "Entity=1)");
        c += &tok(3, "met", "VERB", "VBD", 0, "root", "_");
        c += &tok(4, "U.K.", "PROPN", "NNP", 5, "compound", "Entity=(2-person-new-sssss-cf2-4-coref-Ann_Vell(3-place-new-sssss-cf3-1-coref-United_Kingdom)");
        c += &tok(5, "Minister", "PROPN", "NNP", 7, "nmod:desc", "_");
        c += &tok(6, "Ann", "PROPN", "NNP", 7, "compound", "_");
        c += &tok(7, "Vell", "PROPN", "NNP", 3, "obj", "Entity=2)");
        c += &tok(8, "in", "ADP", "IN", 10, "case", "_");
        c += &tok(9, "the", "DET", "DT", 10, "det", "Entity=(4-place-new-sssss-cf4-2-coref");
        c += &tok(10, "kitchen", "NOUN", "NN", 3, "obl", "Entity=4)");
        c += &tok(11, "of", "ADP", "IN", 14, "case", "_");
        c += &tok(12, "the", "DET", "DT", 14, "det", "Entity=(5-organization-new-sssss-cf5-3-coref-Bank_of_Tollbridge");
        c += &tok(13, "Bank", "PROPN", "NNP", 10, "nmod", "_");
        c += &tok(14, "of", "ADP", "IN", 15, "case", "_");
        c += &tok(15, "Tollbridge", "PROPN", "NNP", 13, "nmod", "Entity=(6-place-new-sssss-cf6-1-coref)5)");
        c += &tok(16, ".", "PUNCT", ".", 3, "punct", "_");
        c += "\n# sent_id = GUM_news_toy-2\n";
        c += "1-2\tcan't\t_\t_\t_\t_\t_\t_\t_\t_\n";
        c += &tok(1, "ca", "AUX", "MD", 3, "aux", "Entity=(7-person-giv-sssss-cf1-1-coref-Ann_Vell)");
        c += &tok(2, "n't", "PART", "RB", 3, "advmod", "_");
        c += &tok(3, "see", "VERB", "VB", 0, "root", "_");
        c += &tok(4, "the", "DET", "DT", 6, "det", "Entity=(8-event-new-sssss-cf2-2-coref-Tollbridge_Fair");
        c += &tok(5, "Tollbridge", "PROPN", "NNP", 6, "compound", "Entity=(6-place-giv-sssss-cf3-1-coref)");
        c += &tok(6, "Fair", "PROPN", "NNP", 3, "obj", "Entity=8)");
        c += &tok(7, "with", "ADP", "IN", 8, "case", "_");
        c += &tok(8, "Americans", "PROPN", "NNPS", 3, "obl", "Entity=(9-person-new-sssss-cf3-1-coref)");
        let s = convert(&c);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].doc, "GUM_news_toy");
        assert_eq!(genre(&s[0].doc), "news");
        assert_eq!(s[0].words[3], "U.K.");
        assert_eq!(
            tags(&s[0]),
            ["O", "O", "O", "B-LOC", "O", "B-PER", "I-PER", "O", "O", "O", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O"]
        );
        assert_eq!(s[1].words, ["ca", "n't", "see", "the", "Tollbridge", "Fair", "with", "Americans"]);
        assert!(s[1].tags.iter().all(|&t| t == 0), "{:?}", tags(&s[1]));
        // "Americans" is a proper noun outside every name.
        assert_eq!((s[0].unsure.as_slice(), s[1].unsure.as_slice()), (&[][..], &[7][..]));
    }

    #[test]
    fn unbalanced_brackets_are_dropped() {
        let mut c = String::from("# newdoc id = GUM_bio_toy\n");
        c += &tok(1, "Ann", "PROPN", "NNP", 0, "root", "Entity=(1-person-new-sssss-cf1-1-coref");
        c += &tok(2, "Tollbridge", "PROPN", "NNP", 1, "flat", "Entity=2)|SpaceAfter=No");
        c += &tok(3, "Vell", "PROPN", "NNP", 1, "flat", "Entity=(3-place-new-sssss-cf1-1-coref)");
        let s = convert(&c);
        assert_eq!(tags(&s[0]), ["O", "O", "B-LOC"]);
    }
}
