//! Sports clubs and teams (English). British sports news names a club by
//! its town ("Liverpool have not won the title since 1990", "Bolton boss
//! Sam Allardyce") or by a name that ends like a place's or a person's
//! ("Manchester United", "Charlton Athletic", "Glasgow Rangers"), and the
//! model, whose English train split (UNER English-EWT) has hardly a club
//! in it, reads them as places and persons: BBC News 2005 came out with
//! "Manchester United" LOC 21 times, "Liverpool" LOC 130 times in its
//! sport section, nearly all the club, "Celtic", "Saracens", "Bolton" and
//! "Aston Villa" as persons. A club is an organisation (the Indonesian
//! gold sets tag "Manchester City", "Chelsea", "Real Madrid" ORG).
//!
//! [`sports_teams`] relabels an entity read as a place or a person ORG
//! where the article gives evidence that it is a team:
//!
//! - **its words**: a name of two words or more that ends with a club's
//!   word ([`CLUB_HEADS`]: "United", "Rovers", "Athletic", "Wanderers",
//!   "Albion", "Hotspur", "Rangers", "FC" …), or opens with one
//!   ([`CLUB_PREFIXES`]: "Real", "Atletico", "Inter", "Bayern" …; an
//!   untagged such word right before a place read alone joins it: "Real
//!   Madrid"), or is a city of the gazetteer and "City" ("Manchester
//!   City"; not "Kansas City" or "Mexico City", whole places of the
//!   gazetteer, nor "Kuwait City", whose first word is a country). A name
//!   ending with a word that also ends places ("Ipswich Town", "Derby
//!   County", "Nottingham Forest", "Aston Villa", "Leicester Tigers",
//!   [`WEAK_CLUB_HEADS`]) is a club only in an article with other evidence
//!   of teams, and never when the gazetteer has it as a place ("Cape
//!   Town");
//! - **how the sentence uses it**: a plural verb right after it ("Chelsea
//!   have", "Celtic were", "Saracens face": a town, and a person, take a
//!   singular one; British news writes a club's verb in the plural), a
//!   club's role right after it ("Liverpool boss", "Leicester scrum-half",
//!   "Bolton manager"), a score or "v" between it and another name
//!   ("Chelsea 2-1 Arsenal", "Newcastle v Tottenham"), or, for a place,
//!   a result or a player's club before it ("beat Southampton", "drew with
//!   Bolton", "playing for Gloucester"); weaker, needing a strong piece
//!   elsewhere in the article: "fans", "side", "captain" … after it,
//!   "against" before a place, a list of teams it stands in ("Manchester
//!   United and Chelsea");
//! - **the article**: a surface that is a team by either evidence is one
//!   in all its mentions read as a place or a person, except a place's
//!   mention after "in", "of", "to", "near" … ("in Madrid", the venue,
//!   stays a place).
//!
//! Never a country or region of the gazetteer: news names a national team
//! by its country ("England beat France"), and whether that is a place or
//! an organisation is left as the model reads it (the English train split
//! has no such team; England, Scotland and Wales are regions of the
//! gazetteer). Never a mention written after "the" for the plural verb
//! ("the Netherlands are", "the Midlands have", "the Beckhams were").

use warta_core::{Entity, Span};

/// What the gazetteer says of a surface, as bits ([`sports_teams`]'s
/// `gazetteer` closure).
pub const WHOLE_PLACE: u8 = 1;
/// The surface is a city of the gazetteer.
pub const CITY: u8 = 2;
/// The surface is a country or a region of the gazetteer.
pub const COUNTRY_OR_REGION: u8 = 4;

/// Last words of clubs' names that end no place's or person's ("Leeds
/// United", "Blackburn Rovers", "Wigan Athletic", "Bolton Wanderers", "West
/// Bromwich Albion", "Tottenham Hotspur", "Plymouth Argyle", "Leyton
/// Orient", "Queens Park Rangers", "Partick Thistle", "Hamilton
/// Academicals"), as written.
pub const CLUB_HEADS: &[&str] = &[
    "United", "Utd", "Rovers", "Athletic", "Wanderers", "Albion", "Hotspur", "Argyle", "Orient", "Rangers", "Thistle",
    "Academicals", "Celtic", "FC", "F.C.", "AFC", "A.F.C.",
];

/// Last words of clubs' names that also end places' names ("Ipswich Town"
/// but "Cape Town", "Derby County" but "Orange County", "Nottingham
/// Forest" but "Sherwood Forest"), persons' ("Aston Villa" but "Pancho
/// Villa") or other bodies' ("Leicester Tigers" but "Tamil Tigers"): a
/// club only in an article with other evidence of teams.
pub const WEAK_CLUB_HEADS: &[&str] = &[
    "Town", "County", "Forest", "Villa", "Alexandra", "Wednesday", "Vale", "Stanley", "Harriers", "Tigers", "Sharks", "Bulls",
    "Rhinos", "Warriors", "Dragons", "Scarlets", "Ospreys", "Blues", "Wolves", "Saints", "Falcons", "Harlequins", "Quins",
];

/// First words of clubs' names ("Real Madrid", "Atletico Madrid", "Inter
/// Milan", "AC Milan", "Bayern Munich", "Borussia Dortmund", "Sporting
/// Lisbon", "Dynamo Kiev", "Olympique Lyon", "Deportivo La Coruna",
/// "Athletic Bilbao", "PSV Eindhoven"), as written.
pub const CLUB_PREFIXES: &[&str] = &[
    "Real", "Atletico", "Atlético", "Inter", "AC", "AS", "FC", "SS", "Bayern", "Borussia", "Sporting", "Dynamo", "Dinamo",
    "Olympique", "Deportivo", "Athletic", "PSV", "Werder", "Hertha", "Eintracht", "Lokomotiv", "Spartak", "Steaua",
];

/// Verbs in the plural, as written, that right after a name say it is a
/// body of people: "Liverpool have", "Celtic were", "Saracens face".
const PLURAL_VERBS: &[&str] = &[
    "have", "are", "were", "'re", "remain", "face", "host", "visit", "travel", "meet", "need", "lead", "trail", "sit", "go",
    "play", "want", "hope", "look", "take", "insist", "believe", "know", "say", "claim", "deny",
];

/// Words after which a name is the subject of the plural verb that
/// follows it, as written: the opening of the sentence (""), of a clause
/// or of reported speech ("said Liverpool were"). After any other word the
/// verb may agree with more than the name: a list ("Mr Blair and Mr
/// Brown were"), a longer subject ("the three boys playing Billy are",
/// "the cuts proposed by Oliver Letwin were").
const SUBJECT_AFTER: &[&str] = &[
    "", ",", "And", "But", "So", "Yet", "Now", "Still", "but", "that", "as", "when", "while", "after", "before", "because",
    "since", "though", "although", "until", "unless", "whether", "where", "said", "says", "think", "thinks", "believe",
    "believes", "insisted", "admitted", "added",
];

/// Forms of address: a name written after one anywhere in the article is
/// a person's ("Mr Blair"), whatever verb follows it elsewhere.
const FORMS_OF_ADDRESS: &[&str] = &["Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Sir", "Lord", "Lady"];

/// Roles in a club, as written, that right after a name say it is the
/// club's ("Liverpool boss Rafael Benitez", "the Gloucester prop",
/// "Leicester scrum-half Harry Ellis").
const CLUB_ROLES: &[&str] = &[
    "boss", "manager", "striker", "midfielder", "defender", "goalkeeper", "keeper", "winger", "full-back", "centre-back",
    "centre-half", "fly-half", "scrum-half", "prop", "flanker", "hooker", "lock", "playmaker", "chairman", "team-mate",
    "team-mates",
];

/// Words that right after a name are a club's as often as another
/// body's or a person's ("Liverpool fans" but "Davos fans", "Henman
/// fans"; "Chelsea captain" but "the ship's captain"): evidence only in an
/// article with other evidence of teams.
const WEAK_CLUB_ROLES: &[&str] = &[
    "fans", "supporters", "side", "squad", "captain", "skipper", "coach", "defence", "youngster", "team", "legend", "forward",
];

/// Words before a name that make it a result against a team ("beat
/// Southampton", "a draw with Bolton", "defeat by Leicester"), as
/// written; for a place of the gazetteer only: a tennis player is beaten
/// too ("lost to Rusedski", read as a place).
const RESULTS_BEFORE: &[&[&str]] = &[
    &["beat"], &["beats"], &["beating"], &["drew", "with"], &["draw", "with"], &["drawn", "with"], &["lost", "to"],
    &["lose", "to"], &["losing", "to"], &["loss", "to"], &["defeat", "to"], &["defeat", "by"], &["win", "over"],
    &["victory", "over"], &["win", "against"], &["victory", "against"], &["thrashed"], &["thrashing"], &["knocked", "out"],
];

/// Words before a name that make it the team a player plays for ("played
/// for Saracens", "signed for Charlton", "scored for Bolton"), as written:
/// for a name read as a place, evidence; read as a person, evidence where
/// the article speaks of teams.
const PLAYS_FOR: &[&[&str]] = &[
    &["play", "for"], &["plays", "for"], &["played", "for"], &["playing", "for"], &["signed", "for"], &["signing", "for"],
    &["scored", "for"], &["scoring", "for"], &["debut", "for"], &["appearances", "for"], &["appearance", "for"],
];

/// Words before a mention that make it the place a team's name comes
/// from ("in Madrid", "across Liverpool"): such a mention stays a place
/// unless its own sentence says otherwise. Not "of", "to", "at": "the
/// future of Liverpool", "his move to Bolton" and "at Chelsea" are the
/// club's.
const PLACE_BEFORE: &[&str] = &["in", "near", "outside", "around", "across", "throughout", "into", "In", "Near", "Outside", "Around"];

/// Longest list, in names, in which a name read as a place that is none
/// of the gazetteer's is a team for its neighbours (a list of clubs in the
/// news is short; a team sheet lists its players by the dozen).
const MAX_LISTED_TEAMS: usize = 5;

/// Relabels the article's sports clubs and teams read as places or persons
/// ORG (see the module doc); `tokens` are the article's tokens in order,
/// `opens_sentence[i]` true for each sentence's first token, `entities` on
/// token boundaries and in order (and they stay so). `gazetteer` gives a
/// surface's [`WHOLE_PLACE`], [`CITY`] and [`COUNTRY_OR_REGION`] bits.
/// Returns how many entities were relabelled (or extended).
pub fn sports_teams<'t>(text: &'t str, tokens: &[Span], opens_sentence: &[bool], entities: &mut [Entity], gazetteer: impl Fn(&str) -> u8) -> usize {
    if !entities.iter().any(|e| e.label == "LOC" || e.label == "PER") {
        return 0;
    }
    // The gazetteer's answer per surface, asked once: news repeats its
    // names, and a lookup lower-cases and annotates the surface.
    let memo: std::cell::RefCell<std::collections::HashMap<&'t str, u8, crate::model::BuildXxh3>> = Default::default();
    let gazetteer = |surface: &'t str| -> u8 {
        if let Some(&g) = memo.borrow().get(surface) {
            return g;
        }
        let g = gazetteer(surface);
        memo.borrow_mut().insert(surface, g);
        g
    };
    let word = |i: usize| -> &'t str { tokens.get(i).map_or("", |t| t.slice(text)) };
    // The word `k` places before token `i` in its sentence, if any.
    let before = |i: usize, k: usize| -> &str {
        if i < k || (i + 1 - k..=i).any(|t| opens_sentence.get(t).copied().unwrap_or(true)) {
            ""
        } else {
            word(i - k)
        }
    };
    // The word after the token `j - 1` in its sentence, if any.
    let after = |j: usize| -> &str {
        if j >= tokens.len() || opens_sentence.get(j).copied().unwrap_or(true) {
            ""
        } else {
            word(j)
        }
    };
    // Each entity's tokens.
    let ranges: Vec<(usize, usize)> = entities
        .iter()
        .map(|e| (tokens.partition_point(|t| t.start < e.span.start), tokens.partition_point(|t| t.end <= e.span.end)))
        .collect();
    // The entities read as places or persons, which may become teams.
    let readable_at: Vec<bool> = entities
        .iter()
        .zip(&ranges)
        .map(|(e, &(i, j))| i < j && (e.label == "LOC" || e.label == "PER"))
        .collect();
    let readable = |k: usize| readable_at[k];
    // Surfaces written after a form of address: persons.
    let addressed: Vec<&str> = entities
        .iter()
        .zip(&ranges)
        .filter(|(e, &(i, j))| i < j && e.label == "PER" && FORMS_OF_ADDRESS.contains(&before(i, 1)))
        .map(|(e, _)| e.span.slice(text))
        .collect();
    // Evidence per entity: Some(true) strong, Some(false) a weak head.
    let mut strong = vec![false; entities.len()];
    let mut weak = vec![false; entities.len()];
    let mut prefix_before = vec![false; entities.len()];
    for k in 0..entities.len() {
        if !readable(k) {
            continue;
        }
        let (i, j) = ranges[k];
        let surface = entities[k].span.slice(text);
        // A person's name, and people named by a plural acronym ("MSPs are").
        let plural_acronym = surface.len() > 2
            && surface.ends_with('s')
            && surface[..surface.len() - 1].bytes().all(|b| b.is_ascii_uppercase());
        if addressed.contains(&surface) || plural_acronym {
            continue;
        }
        // Most names have no word of the evidence about them: they are
        // passed over before the gazetteer is asked.
        let (prev, next) = (before(i, 1), after(j));
        let (first, head) = (word(i), word(j - 1));
        let may_be_team = (j - i >= 2
            && (CLUB_HEADS.contains(&head) || WEAK_CLUB_HEADS.contains(&head) || head == "City" || CLUB_PREFIXES.contains(&first)))
            || (j - i == 1 && matches!(first, "United" | "Utd" | "Celtic" | "Rangers"))
            || CLUB_PREFIXES.contains(&prev)
            || PLURAL_VERBS.contains(&next)
            || CLUB_ROLES.contains(&next)
            || WEAK_CLUB_ROLES.contains(&next)
            || prev == "against"
            || RESULTS_BEFORE.iter().any(|cue| cue.last() == Some(&prev))
            || prev == "for";
        if !may_be_team {
            continue;
        }
        let g = gazetteer(surface);
        // A country's team ("Republic of Ireland manager").
        if g & COUNTRY_OR_REGION != 0 || (j - i >= 2 && gazetteer(word(j - 1)) & COUNTRY_OR_REGION != 0) {
            continue;
        }
        let is_per = entities[k].label == "PER";
        if j - i >= 2 {
            let city_and_city = head == "City"
                && g & WHOLE_PLACE == 0
                && gazetteer(&text[tokens[i].start..tokens[j - 2].end]) & (CITY | COUNTRY_OR_REGION) == CITY;
            if CLUB_HEADS.contains(&head) || CLUB_PREFIXES.contains(&first) {
                strong[k] = true;
                continue;
            }
            // "Manchester City", but "residents in Edinburgh City".
            if (WEAK_CLUB_HEADS.contains(&head) && g & WHOLE_PLACE == 0) || city_and_city {
                weak[k] = true;
            }
        } else if matches!(first, "United" | "Utd") {
            // A club's short name ("United").
            strong[k] = true;
            continue;
        } else if matches!(first, "Celtic" | "Rangers") {
            // The Glasgow clubs' short names ("Celtic's Neil Lennon"), where
            // the article speaks of teams.
            weak[k] = true;
        }
        // An untagged club word right before ("Real Madrid").
        if CLUB_PREFIXES.contains(&prev) && !entities[..k].iter().any(|e| e.span.end > tokens[i - 1].start) {
            prefix_before[k] = true;
            strong[k] = true;
            continue;
        }
        // "were" after a person is as often the subjunctive ("if the
        // teenage Michael Howard were applying"), and a comma before one
        // an apposition ("The Streets, aka rapper Mike Skinner have").
        let plural_verb = PLURAL_VERBS.contains(&next)
            && SUBJECT_AFTER.contains(&prev)
            && !(prev == "as" && before(i, 2) == "well")
            && after(j + 1) != "'s"
            && !(is_per && (next == "were" || prev == ","));
        let role = CLUB_ROLES.contains(&next);
        let result = !is_per
            && g & WHOLE_PLACE != 0
            && RESULTS_BEFORE.iter().any(|cue| cue.iter().rev().enumerate().all(|(b, w)| before(i, b + 1) == *w));
        let plays_for = PLAYS_FOR.iter().any(|cue| cue.iter().rev().enumerate().all(|(b, w)| before(i, b + 1) == *w));
        strong[k] = plural_verb || role || result || (plays_for && !is_per);
        weak[k] = weak[k] || (plays_for && is_per);
        let against = prev == "against" && !is_per && g & WHOLE_PLACE != 0;
        weak[k] = weak[k] || against || (WEAK_CLUB_ROLES.contains(&next) && !is_per);
    }
    let national = |e: &Entity| gazetteer(e.span.slice(text)) & COUNTRY_OR_REGION != 0;
    // A score or "v" between two names ("Chelsea 2-1 Arsenal", "Bolton v
    // Arsenal"), neither a country or region, not two persons ("Roe v Wade").
    for k in 0..entities.len().saturating_sub(1) {
        let (a, b) = (&entities[k], &entities[k + 1]);
        let Some(gap) = text.get(a.span.end..b.span.start) else { continue };
        let gap = gap.trim();
        let score = gap.split_once('-').is_some_and(|(x, y)| {
            let n = |s: &str| (1..=3).contains(&s.trim().len()) && s.trim().bytes().all(|c| c.is_ascii_digit());
            n(x) && n(y)
        });
        let versus = matches!(gap, "v" | "vs" | "vs.");
        if !(score || versus) || gap.contains('\n') || (a.label == "PER" && b.label == "PER") {
            continue;
        }
        if national(a) || national(b) {
            continue;
        }
        // A name read as a person is a team only in an article with other
        // evidence of teams ("Marvin Gaye v Tuff Jam" is a lawsuit).
        for (m, e) in [(k, a), (k + 1, b)] {
            if e.label == "PER" {
                weak[m] = true;
            } else {
                strong[m] = strong[m] || readable(m) || e.label == "ORG";
            }
        }
    }
    // A place listed with a team ("Manchester United and Southampton",
    // "Portsmouth, Everton and Arsenal") is one, where the article speaks
    // of teams; so is a name read as a place that is none of the
    // gazetteer's when every name listed beside it is a team ("Manchester
    // United and Chelsea"): a team sheet lists players read as places
    // beside clubs and players ("Kiely, Konchesky, Murphy").
    let listed = |a: &Entity, b: &Entity| {
        let gap = text.get(a.span.end..b.span.start).unwrap_or("").trim();
        matches!(gap, "," | "and" | ", and" | "or" | "&")
    };
    let team_like = |m: usize| strong[m] || entities[m].label == "ORG";
    let mut listed_with_teams = Vec::new();
    for k in 0..entities.len() {
        if entities[k].label != "LOC" || !readable(k) {
            continue;
        }
        let left = (k > 0 && listed(&entities[k - 1], &entities[k])).then(|| k - 1);
        let right = (k + 1 < entities.len() && listed(&entities[k], &entities[k + 1])).then_some(k + 1);
        let beside = left.into_iter().chain(right).count();
        let teams = left.into_iter().chain(right).filter(|&m| team_like(m)).count();
        if teams == 0 {
            continue;
        }
        // The whole list: a team sheet is long ("Kiely, Hreidarsson,
        // Perry, El Karkouri, Young, Konchesky, Murphy").
        let mut first = k;
        while first > 0 && listed(&entities[first - 1], &entities[first]) {
            first -= 1;
        }
        let mut last = k;
        while last + 1 < entities.len() && listed(&entities[last], &entities[last + 1]) {
            last += 1;
        }
        // A comma before the first name: the list goes on over names the
        // model did not tag ("El Karkouri, Young, Konchesky, Murphy").
        let goes_on = text[..entities[first].span.start].trim_end().ends_with(',');
        let short = last - first < MAX_LISTED_TEAMS && !goes_on;
        let g = gazetteer(entities[k].span.slice(text));
        if g & COUNTRY_OR_REGION == 0 && (g & WHOLE_PLACE != 0 || (teams == beside && short)) {
            listed_with_teams.push(k);
        }
    }
    for k in listed_with_teams {
        weak[k] = true;
    }
    // Evidence of teams in the article: one strong piece, or weak ones on
    // two mentions of one name ("Liverpool legend", "Liverpool supporters").
    let weak_twice = (0..entities.len()).any(|k| {
        weak[k] && (k + 1..entities.len()).any(|m| weak[m] && entities[m].span.slice(text) == entities[k].span.slice(text))
    });
    let sport = strong.iter().any(|&s| s) || weak_twice;
    if !sport {
        return 0;
    }
    // The article's team surfaces.
    let mut teams: Vec<&str> = Vec::new();
    for k in 0..entities.len() {
        if readable(k) && (strong[k] || weak[k]) && !teams.contains(&entities[k].span.slice(text)) {
            teams.push(entities[k].span.slice(text));
        }
    }
    let mut changed = 0;
    for k in 0..entities.len() {
        if !readable(k) {
            continue;
        }
        let (i, _) = ranges[k];
        let surface = entities[k].span.slice(text);
        if !teams.contains(&surface) || addressed.contains(&surface) {
            continue;
        }
        let cued = strong[k] || weak[k];
        if !cued && PLACE_BEFORE.contains(&before(i, 1)) {
            continue;
        }
        if prefix_before[k] {
            entities[k].span = Span::new(tokens[i - 1].start, entities[k].span.end);
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
            "England" | "France" | "Wales" => COUNTRY_OR_REGION | WHOLE_PLACE,
            "Kuwait" => COUNTRY_OR_REGION | WHOLE_PLACE,
            "Manchester" | "Liverpool" | "Madrid" | "Leicester" | "Southampton" | "Edinburgh" => CITY | WHOLE_PLACE,
            "Cape Town" => CITY | WHOLE_PLACE,
            _ => 0,
        }
    }

    fn run(text: &str, list: &[(&str, &str)]) -> Vec<(String, String)> {
        let (tokens, opens, mut entities) = article(text, list);
        sports_teams(text, &tokens, &opens, &mut entities, gaz);
        entities.iter().map(|e| (e.span.slice(text).to_string(), e.label.clone())).collect()
    }


    #[test]
    fn a_name_ending_with_a_club_word_is_a_club() {
        let got = run(
            "Shares in Manchester United rose as Leeds United fans cheered in Manchester.\nHe visited Kuwait City and Cape Town.",
            &[("Manchester United", "LOC"), ("Leeds United", "PER"), ("Manchester", "LOC"), ("Kuwait City", "LOC"), ("Cape Town", "LOC")],
        );
        assert_eq!(
            got,
            pairs(&[("Manchester United", "ORG"), ("Leeds United", "ORG"), ("Manchester", "LOC"), ("Kuwait City", "LOC"), ("Cape Town", "LOC")])
        );
        // A city and "City" is a club where the article speaks of teams; a
        // country and "City" is none.
        let got = run(
            "Manchester City lost at home to Leeds United.\nThe emir returned to Kuwait City.",
            &[("Manchester City", "LOC"), ("Leeds United", "LOC"), ("Kuwait City", "LOC")],
        );
        assert_eq!(got, pairs(&[("Manchester City", "ORG"), ("Leeds United", "ORG"), ("Kuwait City", "LOC")]));
        let list = [("Edinburgh City", "LOC")];
        assert_eq!(run("Residents in Edinburgh City must register.", &list), pairs(&list));
    }

    #[test]
    fn a_town_used_as_a_team_is_a_club_throughout_the_article() {
        let text = "Liverpool have not won the title since 1990.\nThe former Liverpool striker joined Chester.\nGerrard was born in Liverpool.";
        let got = run(text, &[("Liverpool", "LOC"), ("Liverpool", "LOC"), ("Chester", "LOC"), ("Liverpool", "LOC")]);
        // The second mention is cued too ("striker"); the third is the city.
        assert_eq!(got, pairs(&[("Liverpool", "ORG"), ("Liverpool", "ORG"), ("Chester", "LOC"), ("Liverpool", "LOC")]));
        // The same sentences about the city only: nothing changes.
        let text = "Liverpool is a port.\nThe former Liverpool docker joined a union.\nGerrard was born in Liverpool.";
        let list = [("Liverpool", "LOC"), ("Liverpool", "LOC"), ("Liverpool", "LOC")];
        assert_eq!(run(text, &list), pairs(&list));
    }

    #[test]
    fn a_person_reading_gives_way_to_a_clubs_verb_or_role() {
        let got = run(
            "Bolton boss Sam Allardyce was pleased.\nSaracens face Wasps on Sunday.\nHenman and Rusedski are out.\nHenman fans were upset.",
            &[("Bolton", "PER"), ("Sam Allardyce", "PER"), ("Saracens", "PER"), ("Henman", "PER"), ("Rusedski", "PER"), ("Henman", "PER")],
        );
        assert_eq!(
            got,
            pairs(&[
                ("Bolton", "ORG"),
                ("Sam Allardyce", "PER"),
                ("Saracens", "ORG"),
                ("Henman", "PER"),
                ("Rusedski", "PER"),
                ("Henman", "PER")
            ])
        );
    }

    #[test]
    fn a_place_listed_with_teams_or_played_against_is_one_where_the_article_speaks_of_teams() {
        let text = "Liverpool have won.\nThey trail Manchester United and Southampton.\nHe played against Leicester.\nArsenal and Chelsea top the table.\n\
                    Celtic's Neil Lennon agreed.\nThe future of Liverpool is bright.";
        let list = [
            ("Liverpool", "LOC"),
            ("Manchester United", "LOC"),
            ("Southampton", "LOC"),
            ("Leicester", "LOC"),
            ("Arsenal", "ORG"),
            ("Chelsea", "LOC"),
            ("Celtic", "PER"),
            ("Neil Lennon", "PER"),
            ("Liverpool", "LOC"),
        ];
        let mut want = pairs(&list);
        for k in [0, 1, 2, 3, 5, 6, 8] {
            want[k].1 = "ORG".into();
        }
        assert_eq!(run(text, &list), want);
        // Without evidence of teams the same names stay as read.
        let text = "Trains run between Manchester and Southampton.\nA march against Leicester council.\nCeltic music played.";
        let list = [("Manchester", "LOC"), ("Southampton", "LOC"), ("Leicester", "LOC"), ("Celtic", "PER")];
        assert_eq!(run(text, &list), pairs(&list));
    }

    #[test]
    fn the_team_a_player_plays_for_is_a_club() {
        let text = "Vickery broke his arm playing for Gloucester.\nHe played for Saracens and for Kennedy.";
        let list = [("Vickery", "PER"), ("Gloucester", "LOC"), ("Saracens", "PER"), ("Kennedy", "PER")];
        let mut want = pairs(&list);
        want[1].1 = "ORG".into();
        want[2].1 = "ORG".into();
        assert_eq!(run(text, &list), want);
        // Read as a person, only where the article speaks of teams.
        let list = [("Kennedy", "PER")];
        assert_eq!(run("The band played for Kennedy.", &list), pairs(&list));
    }

    #[test]
    fn players_listed_beside_clubs_stay_as_read() {
        // A team sheet: a player read as a place beside a club, and a player
        // played "forward", are no teams.
        let text = "Charlton have lost.\nHreidarsson, Kiely, Konchesky, Holland.\nThey can play Kaka forward.\n\
                    Perry, Kishishev, Young, Konchesky, Murphy, Bartlett.\nFish, Hunt, Konchesky and Murphy.";
        let list = [
            ("Charlton", "PER"),
            ("Hreidarsson", "PER"),
            ("Kiely", "ORG"),
            ("Konchesky", "LOC"),
            ("Holland", "PER"),
            ("Kaka", "PER"),
            ("Perry", "PER"),
            ("Kishishev", "PER"),
            ("Young", "ORG"),
            ("Konchesky", "LOC"),
            ("Murphy", "ORG"),
            ("Bartlett", "PER"),
            ("Konchesky", "LOC"),
            ("Murphy", "ORG"),
        ];
        let mut want = pairs(&list);
        want[0].1 = "ORG".into();
        assert_eq!(run(text, &list), want);
    }

    #[test]
    fn a_plural_verb_after_more_than_the_name_is_no_evidence() {
        // Bands and companies are bodies too ("Korn have"); a list, an
        // apposition, a person addressed as one or a plural acronym are not.
        let text = "Korn have quit.\nStars as well as Arnold Schwarzenegger have been used.\nThe Streets, aka Mike Skinner have won.\n\
                    Mr Magnier was there.\nMagnier have denied it.\nMSPs are advised.";
        let list = [
            ("Korn", "PER"),
            ("Arnold Schwarzenegger", "PER"),
            ("The Streets", "ORG"),
            ("Mike Skinner", "PER"),
            ("Magnier", "PER"),
            ("Magnier", "PER"),
            ("MSPs", "PER"),
        ];
        let mut want = pairs(&list);
        want[0].1 = "ORG".into();
        assert_eq!(run(text, &list), want);
    }

    #[test]
    fn scores_fixtures_and_results_name_teams_but_not_countries_or_persons() {
        let got = run(
            "Chelsea 2-1 Arsenal.\nNewcastle v Tottenham.\nEngland v France.\nRoe v Wade was decided.\nThey beat Southampton and Henman beat Federer.\nHenman lost to Rusedski.",
            &[
                ("Chelsea", "PER"),
                ("Arsenal", "ORG"),
                ("Newcastle", "LOC"),
                ("Tottenham", "LOC"),
                ("England", "LOC"),
                ("France", "LOC"),
                ("Roe", "PER"),
                ("Wade", "PER"),
                ("Southampton", "LOC"),
                ("Henman", "PER"),
                ("Federer", "PER"),
                ("Henman", "PER"),
                ("Rusedski", "LOC"),
            ],
        );
        assert_eq!(
            got,
            pairs(&[
                ("Chelsea", "ORG"),
                ("Arsenal", "ORG"),
                ("Newcastle", "ORG"),
                ("Tottenham", "ORG"),
                ("England", "LOC"),
                ("France", "LOC"),
                ("Roe", "PER"),
                ("Wade", "PER"),
                ("Southampton", "ORG"),
                ("Henman", "PER"),
                ("Federer", "PER"),
                ("Henman", "PER"),
                ("Rusedski", "LOC")
            ])
        );
    }

    #[test]
    fn a_club_word_before_a_place_joins_it_and_weak_heads_need_other_evidence() {
        let text = "He left Real Madrid for Ipswich Town.\nLiverpool were beaten.";
        let got = run(text, &[("Madrid", "LOC"), ("Ipswich Town", "LOC"), ("Liverpool", "LOC")]);
        assert_eq!(got, pairs(&[("Real Madrid", "ORG"), ("Ipswich Town", "ORG"), ("Liverpool", "ORG")]));
        // Without other evidence of teams, "Town" is a town's.
        let got = run("She lives in Kentish Town.", &[("Kentish Town", "LOC")]);
        assert_eq!(got, pairs(&[("Kentish Town", "LOC")]));
        // A national team stays as read; so does a plural after "the".
        let list = [("England", "LOC"), ("Netherlands", "LOC")];
        assert_eq!(run("England have won.\nThe Netherlands are flat.", &list), pairs(&list));
        let list = [("Midlands", "LOC")];
        assert_eq!(run("Floods in the Midlands have closed roads.", &list), pairs(&list));
    }
}
