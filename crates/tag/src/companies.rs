//! Companies read as persons or places (English). Business news names a
//! company by a short name that looks like a surname or a place's ("Yukos",
//! "Rosneft", "Yugansk", "Fiat", "Marsh", "BT"), and the model, whose
//! English train split (UNER English-EWT) has few companies in it, reads
//! them as persons and places: BBC News 2005 came out with "Yukos" PER 51
//! times, "Yugansk" PER 40, "Rosneft" PER 30, "BT" LOC 88.
//!
//! [`companies`] relabels an entity read as a person or a place ORG where
//! the article shows that the name is a company's:
//!
//! - **strong evidence**, one mention is enough: its shares or its
//!   officers right after it ("Fox shares", "Yukos's shareholders", "BT
//!   chief executive Ben Verwaayen", "former Yukos boss", "the Rosneft
//!   chairman", "EA's managing director", "the Yugansk unit"), a legal
//!   form right after it ("Marsh Inc", "Wimpey plc"), a holding or an
//!   office before it ("shares in Sina", "a stake in Yugansk", "the
//!   takeover of Absa", "chief executive of Wippit"), a descriptor right
//!   before it ("oil giant Yukos", "State-owned Rosneft"), an apposition
//!   that calls it a company ("Sina, the country's biggest internet
//!   portal,", "Rosneft, a Russian oil firm that");
//! - **weak evidence**, needed on two mentions of the name: its results or
//!   customers, rivals, officials or spokesman right after it ("Merck's
//!   profits", "BT customers"), "said in a statement" or "was sold" after
//!   it, a deal or a post before it ("bought Yugansk", "a bid for Yukos",
//!   "merger with Euronext", "an executive at Euronext"), an apposition
//!   before it ("The unit, Yugansk,");
//! - **the article**: every mention of a surface with such evidence read
//!   as a person or a place becomes ORG, except a place's mention right
//!   after "in", "near", "outside" … with no evidence of its own ("in
//!   Moscow").
//!
//! Never a name the article writes after a form of address ("Mr Tellier
//! said in a statement"), nor a country, city or region of the gazetteer
//! ("US shares", "London's stock market", "Wales boss"), nor a person's
//! name of two words or more that opens with a first name ("Larry
//! Ellison", "Robbie Savage"), nor an evidence word followed by "'s" ("the
//! firm's chief executive"), nor a cue before a name followed by "'s"
//! ("chief executive of Lee's POW! Entertainment"), nor an occurrence
//! inside a longer name ("company Scott Free").

use warta_core::{Entity, Span};

/// What the gazetteer says of a surface, as bits ([`companies`]'s
/// `gazetteer` closure): the surface is a country, city or region.
pub const PLACE: u8 = 1;
/// The surface's first word is a first name.
pub const FIRST_NAME: u8 = 2;

/// Words right after a name (or after its "'s") that make it a company's:
/// its shares and its officers.
const STRONG_AFTER: &[&[&str]] = &[
    &["shares"], &["shareholders"], &["share", "price"], &["chief", "executive"], &["boss"], &["bosses"], &["chairman"],
    &["executives"], &["board"], &["directors"], &["unit"], &["division"], &["subsidiary"], &["managing", "director"],
    &["finance", "director"], &["chief", "financial", "officer"], &["chief", "operating", "officer"],
];

/// Legal forms right after a company's name, as written.
const LEGAL_FORMS: &[&str] = &[
    "Inc", "Inc.", "plc", "Plc", "PLC", "Corp", "Corp.", "Corporation", "Ltd", "Ltd.", "Limited", "Holdings", "AG", "GmbH", "LLC",
    "NV", "N.V.",
];

/// Words before a name that make it a company's: a holding in it or a
/// takeover of it ("shares in Sina", "a stake in Yugansk").
const STRONG_BEFORE: &[&[&str]] = &[
    &["shares", "in"], &["shares", "of"], &["stake", "in"], &["stakes", "in"], &["shareholding", "in"], &["shareholders", "in"],
    &["takeover", "of"], &["shareholders", "of"], &["chief", "executive", "of"],
];

/// Words right after a name (or after its "'s") that are a company's as
/// often as a person's ("Merck's profits" but "the singer's sales"):
/// evidence on two mentions.
const WEAK_AFTER: &[&[&str]] = &[
    &["profits"], &["profit"], &["revenues"], &["revenue"], &["sales"], &["earnings"], &["turnover"], &["customers"],
    &["subscribers"], &["owner"], &["rivals"], &["officials"], &["spokesman"], &["spokeswoman"], &["market", "share"],
    &["said", "in", "a", "statement"], &["was", "sold"], &["was", "bought"], &["was", "auctioned"],
];

/// Words before a name that are a deal's, for a company as often as for a
/// footballer ("bid for Yukos" but "a bid for Robbie Savage"): evidence on
/// two mentions.
const WEAK_BEFORE: &[&[&str]] = &[
    &["bought"], &["acquired"], &["acquire"], &["buy"], &["buying"], &["sold"], &["sell"], &["selling"], &["bid", "for"],
    &["merger", "with"], &["merge", "with"], &["auction", "of"], &["sale", "of"], &["purchase", "of"], &["bought", "by"],
    &["sold", "to"], &["taken", "over"], &["took", "over"], &["take", "over"], &["executive", "at"], &["analyst", "at"],
    &["director", "at"], &["president", "of"], &["rivals", "to"], &["rival", "to"], &["spokesman", "for"], &["spokeswoman", "for"],
];

/// Words right before a name, lower case as written, that call it a
/// company ("oil giant Yukos", "state-owned Rosneft", "the firm Sina").
const COMPANY_DESCRIPTORS: &[&str] = &[
    "firm", "company", "giant", "carmaker", "automaker", "drugmaker", "chipmaker", "airline", "carrier", "insurer", "retailer",
    "brewer", "conglomerate", "lender", "supermarket", "bank", "operator", "telco", "state-owned", "state-run",
    "state-controlled",
];

/// Nouns that, ending an apposition right after a name ("Sina, the
/// country's biggest internet portal"), call it a company.
const COMPANY_NOUNS: &[&str] = &[
    "firm", "company", "group", "giant", "operator", "carrier", "airline", "bank", "retailer", "insurer", "brewer", "conglomerate",
    "carmaker", "maker", "manufacturer", "producer", "supplier", "provider", "chain", "lender", "miner", "portal", "subsidiary",
    "unit", "arm",
];

/// Words that end an apposition before its head: "Smith, the head of the
/// firm" is no company.
const APPOSITION_STOPS: &[&str] = &[
    "of", "at", "for", "in", "with", "who", "which", "and", "or", "said", "to", "from", "by", "on", "whose", "that", "is", "was",
    "has", "had", "he", "she", "behind", "about", "like", "man", "woman", "founder", "head", "chief", "boss", "director",
    "executive", "chairman", "owner",
];

/// Longest apposition, in tokens after the comma, read for a company noun.
const MAX_APPOSITION: usize = 7;

/// Forms of address: a name written after one anywhere in the article is
/// a person's ("Mr Tellier said in a statement").
const FORMS_OF_ADDRESS: &[&str] = &["Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Sir", "Lord", "Lady"];

/// Words before a place's mention that make it the place ("in Moscow"):
/// such a mention stays a place unless it has evidence of its own ("a
/// stake in Yugansk").
const PLACE_BEFORE: &[&str] = &["in", "near", "outside", "around", "across", "throughout", "into", "In", "Near", "Outside", "Around"];

fn is_possessive(w: &str) -> bool {
    matches!(w, "'s" | "\u{2019}s" | "'" | "\u{2019}")
}

/// Relabels the article's companies read as persons or places ORG (see the
/// module doc); `tokens` are the article's tokens in order,
/// `opens_sentence[i]` true for each sentence's first token, `entities` on
/// token boundaries and in order. `gazetteer` gives a surface's [`PLACE`]
/// and [`FIRST_NAME`] bits. Returns how many entities were relabelled.
pub fn companies<'t>(text: &'t str, tokens: &[Span], opens_sentence: &[bool], entities: &mut [Entity], gazetteer: impl Fn(&str) -> u8) -> usize {
    if !entities.iter().any(|e| e.label == "LOC" || e.label == "PER") {
        return 0;
    }
    let word = |i: usize| -> &'t str { tokens.get(i).map_or("", |t| t.slice(text)) };
    // The word `k` places before token `i` in its sentence, if any.
    let before = |i: usize, k: usize| -> &str {
        if i < k || (i + 1 - k..=i).any(|t| opens_sentence.get(t).copied().unwrap_or(true)) {
            ""
        } else {
            word(i - k)
        }
    };
    // The token `j` if it is in the sentence of the token `j - 1`.
    let after = |j: usize| -> &str {
        if j >= tokens.len() || opens_sentence.get(j).copied().unwrap_or(true) {
            ""
        } else {
            word(j)
        }
    };
    let follows = |j: usize, cue: &[&str]| cue.iter().enumerate().all(|(b, w)| after(j + b) == *w);
    let precedes = |i: usize, cue: &[&str]| cue.iter().rev().enumerate().all(|(b, w)| before(i, b + 1) == *w);
    let ranges: Vec<(usize, usize)> = entities
        .iter()
        .map(|e| (tokens.partition_point(|t| t.start < e.span.start), tokens.partition_point(|t| t.end <= e.span.end)))
        .collect();
    let readable: Vec<bool> = entities
        .iter()
        .zip(&ranges)
        .map(|(e, &(i, j))| i < j && (e.label == "LOC" || e.label == "PER"))
        .collect();
    // A company descriptor right before token `i`, as written or opening
    // the sentence ("oil giant Yukos", "State-owned Rosneft").
    let described = |i: usize| {
        let w = before(i, 1);
        COMPANY_DESCRIPTORS.contains(&w) || (i >= 1 && opens_sentence[i - 1] && COMPANY_DESCRIPTORS.contains(&w.to_lowercase().as_str()))
    };
    // The evidence about the occurrence of a name on tokens `i..j`:
    // (strong, weak).
    let cues = |i: usize, j: usize| -> (bool, bool) {
        // After the name, or after its "'s": the cue must not itself be
        // a possessive ("the firm's chief executive" is a person).
        let possessive = is_possessive(after(j));
        let cue_at = if possessive { j + 1 } else { j };
        let cue_after = |cues: &[&[&str]]| {
            cues.iter().any(|cue| follows(cue_at, cue) && !is_possessive(after(cue_at + cue.len())))
        };
        let mut s = cue_after(STRONG_AFTER) || (!possessive && LEGAL_FORMS.contains(&after(j)));
        // A cue before a name followed by "'s" is about what the name has
        // ("chief executive of Lee's POW! Entertainment").
        let before_cue = |cues: &[&[&str]]| !possessive && cues.iter().any(|cue| precedes(i, cue));
        s = s || before_cue(STRONG_BEFORE) || described(i);
        // An apposition that calls it a company: ", the oil giant," or ",
        // Russia's biggest bank."
        if !s && after(j) == "," {
            for n in j + 1..(j + 1 + MAX_APPOSITION).min(tokens.len()) {
                let w = after(n);
                if w.is_empty() || APPOSITION_STOPS.contains(&w) || (n > j + 1 && w == ",") {
                    break;
                }
                if COMPANY_NOUNS.contains(&w) {
                    let next = after(n + 1);
                    s = matches!(next, "" | "," | "." | ";" | ")" | "that" | "which" | "whose");
                    break;
                }
            }
        }
        // An apposition before it ("The unit, Yugansk,"; but "Speaking for
        // the firm, Smith said"): weak.
        let named_after = before(i, 1) == "," && COMPANY_NOUNS.contains(&before(i, 2)) && after(j) == ",";
        let w = cue_after(WEAK_AFTER) || before_cue(WEAK_BEFORE) || named_after;
        (s, w)
    };
    // Surfaces written after a form of address: persons.
    let addressed: Vec<&str> = entities
        .iter()
        .zip(&ranges)
        .filter(|(_, &(i, j))| i < j && FORMS_OF_ADDRESS.contains(&before(i, 1)))
        .map(|(e, _)| e.span.slice(text))
        .collect();
    // The surfaces read as persons or places, each with its tokens.
    let mut surfaces: Vec<(&str, usize)> = Vec::new();
    for k in 0..entities.len() {
        let surface = entities[k].span.slice(text);
        if readable[k] && !addressed.contains(&surface) && !surfaces.iter().any(|&(s, _)| s == surface) {
            surfaces.push((surface, ranges[k].1 - ranges[k].0));
        }
    }
    // Evidence is read at every occurrence of such a surface in the
    // article, whatever the model made of it there ("oil firm Rosneft"
    // read ORG or not at all, "Rosneft" PER elsewhere), per surface:
    // (strong, mentions with weak evidence).
    let mut evidence = vec![(false, 0usize); surfaces.len()];
    // Per entity, whether its own mention has evidence.
    let mut cued_at = vec![false; tokens.len()];
    // The surfaces by their first byte (in their order within one byte), so
    // that a token is compared only with those it may begin.
    let mut by_first_byte: Vec<(u8, usize)> = surfaces.iter().enumerate().map(|(m, &(s, _))| (s.as_bytes()[0], m)).collect();
    by_first_byte.sort_unstable();
    for i in 0..tokens.len() {
        let first = word(i);
        let Some(&b) = first.as_bytes().first() else { continue };
        let from = by_first_byte.partition_point(|&(c, _)| c < b);
        let to = by_first_byte.partition_point(|&(c, _)| c <= b);
        for &(_, m) in &by_first_byte[from..to] {
            let (surface, n) = surfaces[m];
            let j = i + n;
            if j > tokens.len() || !surface.starts_with(first) || text.get(tokens[i].start..tokens[j - 1].end) != Some(surface) {
                continue;
            }
            // Part of a longer name ("Scott" in "company Scott Free"): no
            // occurrence of this one, unless the longer name is the
            // company's full one ("firm Baikal Finance Group"). A name's
            // occurrence is otherwise an entity of its own surface, or
            // untagged and not followed by a capitalised word.
            let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
            let full_name = (j..j + 3).take_while(|&n| capitalised(after(n))).any(|n| LEGAL_FORMS.contains(&after(n)) || after(n) == "Group");
            let inside = entities.iter().find(|e| e.span.start < tokens[j - 1].end && tokens[i].start < e.span.end);
            let alone = full_name
                || match inside {
                    Some(e) => e.span.start == tokens[i].start && e.span.end == tokens[j - 1].end,
                    None => !capitalised(after(j)),
                };
            if !alone {
                continue;
            }
            if FORMS_OF_ADDRESS.contains(&before(i, 1)) {
                // A person's name after all ("Mr Tellier").
                evidence[m] = (false, 0);
                cued_at[i] = false;
                continue;
            }
            let (s, w) = cues(i, j);
            if s || w {
                cued_at[i] = true;
                evidence[m].0 |= s;
                evidence[m].1 += usize::from(w);
            }
        }
    }
    // The article's company surfaces: strong evidence on a mention, or weak
    // evidence on two; not a place of the gazetteer, nor a person's name
    // that opens with a first name.
    let mut firms: Vec<&str> = Vec::new();
    for (m, &(surface, n)) in surfaces.iter().enumerate() {
        let (s, w) = evidence[m];
        if !(s || w >= 2) || addressed.contains(&surface) {
            continue;
        }
        let g = gazetteer(surface);
        let per = entities.iter().any(|e| e.label == "PER" && e.span.slice(text) == surface);
        if g & PLACE != 0 || (n >= 2 && per && g & FIRST_NAME != 0) {
            continue;
        }
        firms.push(surface);
    }
    let mut changed = 0;
    for k in 0..entities.len() {
        if !readable[k] {
            continue;
        }
        let surface = entities[k].span.slice(text);
        if !firms.contains(&surface) {
            continue;
        }
        let (i, _) = ranges[k];
        if entities[k].label == "LOC" && !cued_at[i] && PLACE_BEFORE.contains(&before(i, 1)) {
            continue;
        }
        entities[k].label = "ORG".into();
        changed += 1;
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article_fixture::{article, pairs};


    fn gaz(s: &str) -> u8 {
        match s {
            "London" | "Moscow" | "US" => PLACE,
            "Robbie Savage" | "Larry Ellison" => FIRST_NAME,
            _ => 0,
        }
    }

    fn run(text: &str, list: &[(&str, &str)]) -> Vec<(String, String)> {
        let (tokens, opens, mut entities) = article(text, list);
        companies(text, &tokens, &opens, &mut entities, gaz);
        entities.iter().map(|e| (e.span.slice(text).to_string(), e.label.clone())).collect()
    }


    #[test]
    fn shares_officers_and_holdings_make_a_company_in_every_mention() {
        let text = "Zorvex shares fell 5% in London.\nZorvex said it would appeal.\nThe judge ruled against Zorvex.\n\
                    Quellan chief executive Ann Smith resigned.\nQuellan has 20 staff in Moscow.\nHe bought a stake in Brimwick.\nBrimwick was founded in 1990.";
        let list = [
            ("Zorvex", "PER"),
            ("London", "LOC"),
            ("Zorvex", "PER"),
            ("Zorvex", "LOC"),
            ("Quellan", "LOC"),
            ("Ann Smith", "PER"),
            ("Quellan", "LOC"),
            ("Moscow", "LOC"),
            ("Brimwick", "LOC"),
            ("Brimwick", "PER"),
        ];
        let got = run(text, &list);
        let want = [
            ("Zorvex", "ORG"),
            ("London", "LOC"),
            ("Zorvex", "ORG"),
            ("Zorvex", "ORG"),
            ("Quellan", "ORG"),
            ("Ann Smith", "PER"),
            ("Quellan", "ORG"),
            ("Moscow", "LOC"),
            ("Brimwick", "ORG"),
            ("Brimwick", "ORG"),
        ];
        assert_eq!(got, pairs(&want));
    }

    #[test]
    fn evidence_on_an_untagged_mention_and_an_apposition_count() {
        // "oil firm Dravneft" read as nothing, "Dravneft" as a person later.
        let text = "The deal went to oil firm Dravneft last year.\nDravneft has denied it.\nKelpa, the country's biggest internet portal, grew.\nKelpa hired staff.";
        let list = [("Dravneft", "PER"), ("Kelpa", "PER"), ("Kelpa", "PER")];
        let (tokens, opens, mut entities) = article(text, &list);
        // Leave the first mention untagged.
        entities.retain(|e| e.span.start > 40);
        let entities_before = entities.len();
        companies(text, &tokens, &opens, &mut entities, gaz);
        assert_eq!(entities.len(), entities_before);
        assert!(entities.iter().all(|e| e.label == "ORG"), "{entities:?}");
    }

    #[test]
    fn weak_evidence_needs_two_mentions() {
        let text = "The sale of Harlow was agreed.\nHarlow's profits fell.\nHarlow said nothing.";
        // "sale of" and "'s profits": two weak mentions.
        let got = run(text, &[("Harlow", "PER"), ("Harlow", "PER"), ("Harlow", "PER")]);
        assert_eq!(got, pairs(&[("Harlow", "ORG"), ("Harlow", "ORG"), ("Harlow", "ORG")]));
        // One weak mention is not enough ("a bid for Robbie" is a footballer's transfer).
        let text = "Blackburn made a bid for Tomsett.\nTomsett said nothing.";
        let list = [("Blackburn", "ORG"), ("Tomsett", "PER"), ("Tomsett", "PER")];
        assert_eq!(run(text, &list), pairs(&list));
    }

    #[test]
    fn persons_addressed_places_and_first_names_stay() {
        // A form of address anywhere in the article: a person.
        let text = "Mr Tellier resigned.\nTellier shares fell.";
        let list = [("Tellier", "PER"), ("Tellier", "PER")];
        assert_eq!(run(text, &list), pairs(&list));
        // A place of the gazetteer: "US shares", "London's stock market".
        let text = "US shares rose.\nLondon shareholders sold.";
        let list = [("US", "LOC"), ("London", "LOC")];
        assert_eq!(run(text, &list), pairs(&list));
        // A person's name that opens with a first name.
        let text = "Oracle's chief executive Larry Ellison spoke.\nLarry Ellison chief executive of Oracle.";
        let list = [("Oracle", "ORG"), ("Larry Ellison", "PER"), ("Larry Ellison", "PER"), ("Oracle", "ORG")];
        assert_eq!(run(text, &list), pairs(&list));
        // The cue is itself a possessive: the firm's officer is a person.
        let text = "Jenner, the firm's chairman, spoke.\nJenner left.";
        let list = [("Jenner", "PER"), ("Jenner", "PER")];
        assert_eq!(run(text, &list), pairs(&list));
        // Part of a longer name: the director's company "Scott Free".
        let text = "Fox bought rights for Scott's company Scott Free.\nScott directed.";
        let list = [("Fox", "ORG"), ("Scott", "PER"), ("Scott Free", "ORG"), ("Scott", "PER")];
        assert_eq!(run(text, &list), pairs(&list));
    }

    #[test]
    fn a_place_mention_after_in_without_evidence_stays_a_place() {
        let text = "Varnholt shares rose.\nThe talks were held in Varnholt.\nHe owns a stake in Varnholt.";
        let list = [("Varnholt", "LOC"), ("Varnholt", "LOC"), ("Varnholt", "LOC")];
        let got = run(text, &list);
        assert_eq!(got, pairs(&[("Varnholt", "ORG"), ("Varnholt", "LOC"), ("Varnholt", "ORG")]));
    }

    #[test]
    fn officers_descriptors_opening_a_sentence_and_what_a_name_owns() {
        // "managing director" after the name; a descriptor opening the
        // sentence.
        let text = "Tolvik's managing director spoke.\nTolvik lost.\nState-owned Marneft bought it.\nMarneft grew.";
        let list = [("Tolvik", "LOC"), ("Tolvik", "LOC"), ("Marneft", "PER"), ("Marneft", "PER")];
        let got = run(text, &list);
        assert_eq!(got, pairs(&[("Tolvik", "ORG"), ("Tolvik", "ORG"), ("Marneft", "ORG"), ("Marneft", "ORG")]));
        // A cue before a name followed by "'s" is about what it owns.
        let text = "He is chief executive of Lee's POW! Entertainment.\nLee wrote comics.";
        let list = [("Lee", "PER"), ("Lee", "PER")];
        assert_eq!(run(text, &list), pairs(&list));
        // An apposition about a person stops at "man" or "behind".
        let text = "Jez Sand, the man behind the games group which went under, spoke.\nJez Sand left.";
        let list = [("Jez Sand", "LOC"), ("Jez Sand", "LOC")];
        assert_eq!(run(text, &list), pairs(&list));
    }
}
