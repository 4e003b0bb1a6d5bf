//! One reading of a name per article. The tagger reads each sentence on its
//! own, so a name it tags surely in one sentence can be missed in another
//! where its context is weak: a country that opens a sentence ("Tiongkok
//! bulan lalu …"; the train splits hardly ever open a sentence with one), a
//! name after a stop a scraper inserted. News repeats its names, so such a
//! mention is tagged like the sure ones of the same article.
//!
//! A mention is added only where nothing was tagged, with the exact surface
//! of a sure entity (score [`SOURCE_MIN_SCORE`]+, or tagged twice with
//! [`REPEATED_MIN_SCORE`]+) whose surface the article never tags with
//! another label; it must start with a capital and must not
//! be a piece of a longer capitalised run ("Ukraina" is not taken out of an
//! untagged "Universitas Ukraina Barat").

use std::collections::HashMap;

use warta_core::{Entity, Span};

use crate::model::BuildXxh3;

/// How sure an entity must be to lend its reading to the article's other
/// mentions (on the dev sets, 0.9+ entities are about 90% right).
pub const SOURCE_MIN_SCORE: f32 = 0.9;

/// A surface tagged at least twice, each time with this score or more (and
/// never with another label), is sure too: the article agrees with itself.
pub const REPEATED_MIN_SCORE: f32 = 0.5;

/// A lent reading is a little less sure than the entity it comes from.
const LENT_SCORE_FACTOR: f32 = 0.9;

/// Longest surface, in tokens, that is looked for.
const MAX_TOKENS: usize = 6;

/// Adds the mentions that repeat a sure entity of the article (see the module
/// doc). `tokens` are the article's tokens in order; `opens_sentence[i]` is
/// true for the first token of each sentence. `entities` are on token
/// boundaries and in order, and stay so. Returns how many were added.
pub fn lend_sure_readings(text: &str, tokens: &[Span], opens_sentence: &[bool], entities: &mut Vec<Entity>, min_score: f32) -> usize {
    // Surface -> (label, best score, mentions of REPEATED_MIN_SCORE+);
    // None once two labels disagree.
    let mut sure: HashMap<&str, Option<(&str, f32, usize)>, BuildXxh3> = HashMap::default();
    for e in entities.iter() {
        let reading = sure.entry(e.span.slice(text)).or_insert(Some((e.label.as_str(), 0.0, 0)));
        match reading {
            Some((label, best, repeated)) if *label == e.label => {
                *best = best.max(e.score);
                *repeated += usize::from(e.score >= REPEATED_MIN_SCORE);
            }
            _ => *reading = None,
        }
    }
    let sure: HashMap<&str, (&str, f32), BuildXxh3> = sure
        .into_iter()
        .filter_map(|(surface, reading)| {
            let (label, best, repeated) = reading?;
            (best >= SOURCE_MIN_SCORE || repeated >= 2).then_some((surface, (label, best)))
        })
        .collect();
    if sure.is_empty() {
        return 0;
    }
    // The byte lengths of the sure surfaces (one bit each below 256, the
    // last bit for any longer one): most candidate surfaces are looked up
    // no further.
    let mut lengths = [0u64; 4];
    for surface in sure.keys() {
        let l = surface.len().min(255);
        lengths[l / 64] |= 1 << (l % 64);
    }
    let may_be_sure = |l: usize| {
        let l = l.min(255);
        lengths[l / 64] & (1 << (l % 64)) != 0
    };
    // Which tokens an entity covers.
    let mut covered = vec![false; tokens.len()];
    let mut k = 0;
    for e in entities.iter() {
        while k < tokens.len() && tokens[k].end <= e.span.start {
            k += 1;
        }
        let mut j = k;
        while j < tokens.len() && tokens[j].start < e.span.end {
            covered[j] = true;
            j += 1;
        }
    }
    let capitalised = |i: usize| tokens[i].slice(text).chars().next().is_some_and(char::is_uppercase);
    let mut lent: Vec<Entity> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if covered[i] || !capitalised(i) {
            i += 1;
            continue;
        }
        // Not a piece of a longer capitalised run: the word before (unless
        // it opens the sentence, where every word is capitalised) and the
        // word after must not be capitalised and untagged.
        let run_before = i > 0 && !opens_sentence[i - 1] && !opens_sentence[i] && !covered[i - 1] && capitalised(i - 1);
        let mut found = None;
        if !run_before {
            // The longest surface first ("Amerika Serikat" before "Amerika").
            for n in (1..=MAX_TOKENS.min(tokens.len() - i)).rev() {
                let last = i + n - 1;
                if (i..=last).any(|t| covered[t] || (t > i && opens_sentence[t])) {
                    continue;
                }
                let surface = &text[tokens[i].start..tokens[last].end];
                if !may_be_sure(surface.len()) {
                    continue;
                }
                let Some(&(label, score)) = sure.get(surface) else { continue };
                let run_after = last + 1 < tokens.len() && !opens_sentence[last + 1] && !covered[last + 1] && capitalised(last + 1);
                if !run_after {
                    found = Some((last, label, score));
                }
                break;
            }
        }
        match found {
            Some((last, label, score)) if score * LENT_SCORE_FACTOR >= min_score => {
                lent.push(Entity { span: Span::new(tokens[i].start, tokens[last].end), label: label.to_string(), score: score * LENT_SCORE_FACTOR });
                i = last + 1;
            }
            _ => i += 1,
        }
    }
    let added = lent.len();
    if added > 0 {
        entities.extend(lent);
        entities.sort_by_key(|e| (e.span.start, e.span.end));
    }
    added
}

/// Sure mentions a reading needs to settle a conflict: one sure reading
/// of a name the model mostly reads otherwise is as often the wrong one
/// ("Fujifilm" read as a person at 0.93, "Jiangsu Suning" as a place at 0.92).
const MIN_SURE_MENTIONS: usize = 2;

/// A mention read with another label than the article's sure reading of
/// the same surface, and read unsurely, takes the sure reading: "Kejagung"
/// tagged ORG at 0.99 in one sentence and LOC at 0.17 in another is ORG in
/// both, and so are "Bridgestone" read as a person four times beside one
/// sure ORG, or "Mbappe" read once as ORG. A surface is read surely with a
/// label when [`MIN_SURE_MENTIONS`] of its mentions score [`SOURCE_MIN_SCORE`]
/// or more with it and none scores so with another label; only its mentions
/// below [`SOURCE_MIN_SCORE`] change. A place of the gazetteer
/// (`is_place`) read as a place and as an organisation keeps both: news
/// names a club or a team by its city or country ("Barcelona", "Indonesia")
/// beside the place itself. Returns how many mentions were relabelled.
pub fn settle_conflicting_readings(text: &str, entities: &mut [Entity], is_place: impl Fn(&str) -> bool) -> usize {
    // Surface -> the label it is read surely with and how many times; None
    // once two labels are.
    let mut sure: HashMap<&str, Option<(&str, usize)>, BuildXxh3> = HashMap::default();
    for e in entities.iter().filter(|e| e.score >= SOURCE_MIN_SCORE) {
        let reading = sure.entry(e.span.slice(text)).or_insert(Some((e.label.as_str(), 0)));
        match reading {
            Some((label, n)) if *label == e.label => *n += 1,
            _ => *reading = None,
        }
    }
    let settled: Vec<(usize, String)> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.score < SOURCE_MIN_SCORE)
        .filter_map(|(k, e)| {
            let surface = e.span.slice(text);
            let (label, n) = (*sure.get(surface)?)?;
            if n < MIN_SURE_MENTIONS {
                return None;
            }
            let place_or_club = matches!((label, e.label.as_str()), ("LOC", "ORG") | ("ORG", "LOC")) && is_place(surface);
            (label != e.label && !place_or_club).then(|| (k, label.to_string()))
        })
        .collect();
    let relabelled = settled.len();
    for (k, label) in settled {
        entities[k].label = label;
    }
    relabelled
}

/// A name read unsurely as a person's that ends with an organisation's
/// name the article reads surely ("Scuderia Ferrari" PER at 0.71 beside
/// "Ferrari" ORG at 0.96 four times; "Sundiro Honda", "Jong Ajax") is the
/// organisation's, or one of its parts: it becomes ORG. Sure as
/// [`settle_conflicting_readings`] has it: [`MIN_SURE_MENTIONS`] mentions
/// of the ending at [`SOURCE_MIN_SCORE`] or more, all ORG. Not when the
/// name opens with a first name (`is_first_name`: "Enzo Ferrari" is a
/// person), nor when the ending is read surely as a place ("Atletico
/// Madrid" is no place). Returns how many were relabelled.
pub fn persons_ending_in_organisations(text: &str, entities: &mut [Entity], is_first_name: impl Fn(&str) -> bool) -> usize {
    let unsure_persons = entities.iter().any(|e| e.label == "PER" && e.score < SOURCE_MIN_SCORE && e.span.slice(text).contains(' '));
    if !unsure_persons {
        return 0;
    }
    // Surface -> how many sure ORG mentions; None once read surely otherwise.
    let mut sure: HashMap<&str, Option<usize>, BuildXxh3> = HashMap::default();
    for e in entities.iter().filter(|e| e.score >= SOURCE_MIN_SCORE) {
        let reading = sure.entry(e.span.slice(text)).or_insert(Some(0));
        match reading {
            Some(n) if e.label == "ORG" => *n += 1,
            _ => *reading = None,
        }
    }
    let mut relabelled = 0;
    for e in entities.iter_mut().filter(|e| e.label == "PER" && e.score < SOURCE_MIN_SCORE) {
        let surface = e.span.slice(text);
        let Some(first) = surface.split_whitespace().next() else {
            continue;
        };
        let ends_in_organisation = surface
            .match_indices(' ')
            .any(|(k, _)| sure.get(surface[k + 1..].trim_start()).copied().flatten().is_some_and(|n| n >= MIN_SURE_MENTIONS));
        if ends_in_organisation && !is_first_name(first) {
            e.label = "ORG".into();
            relabelled += 1;
        }
    }
    relabelled
}

/// Words after which Indonesian news names the outlet it quotes ("dikutip
/// dari Koreaboo", "melansir Carnewschina"), lower case, longest first.
const SOURCE_CUES: &[&str] = &[
    "dikutip dari", "dilansir dari", "disitat dari", "dinukil dari", "melansir dari", "mengutip dari", "dilansir", "melansir",
    "mengutip", "menyitat", "dikutip", "disitat",
];

/// Words that may stand between the cue and the outlet ("dikutip dari laman
/// resmi Koreaboo").
const SOURCE_KINDS: &[&str] = &["laman resmi", "laman", "situs resmi", "situs", "media", "portal", "harian", "majalah", "kantor berita"];

/// An outlet quoted as a source is an organisation: an entity read as a
/// place right after a cue of [`SOURCE_CUES`] ("dikutip dari Koreaboo",
/// "melansir Times of India") becomes ORG, unless `is_place` says the whole
/// name is a country, city or region of the gazetteer ("mengutip Madrid",
/// the club's city, stays a place). Returns how many were relabelled.
pub fn quoted_outlets(text: &str, entities: &mut [Entity], is_place: impl Fn(&str) -> bool) -> usize {
    let mut changed = 0;
    for e in entities.iter_mut().filter(|e| e.label == "LOC") {
        let before = text[..e.span.start].trim_end();
        let mut from = before.len().saturating_sub(40);
        while !before.is_char_boundary(from) {
            from += 1;
        }
        let lower = before[from..].to_ascii_lowercase();
        let mut rest = lower.as_str();
        if let Some(kind) = SOURCE_KINDS.iter().find(|k| rest.ends_with(**k)) {
            rest = rest[..rest.len() - kind.len()].trim_end();
        }
        let cued = SOURCE_CUES.iter().any(|cue| {
            rest.strip_suffix(cue).is_some_and(|head| head.chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
        });
        if cued && !is_place(e.span.slice(text)) {
            e.label = "ORG".to_string();
            changed += 1;
        }
    }
    changed
}

/// Nouns that describe a company right before its name ("oil giant Yukos",
/// "carmaker Renault", "maskapai Garuda", "merek Chery"), lower case. Not "producer" or
/// "maker" (film producers and makers are people), nor "broadcaster" (in
/// British news, a presenter: "broadcaster Chris Evans"). Only as written,
/// in lower case: "Giant Sea Wall" is a name.
const COMPANY_DESCRIPTORS: &[&str] = &[
    "firm", "company", "giant", "carmaker", "automaker", "drugmaker", "chipmaker", "airline", "carrier", "insurer", "retailer",
    "brewer", "conglomerate", "lender", "supermarket", "perusahaan", "maskapai", "emiten", "pabrikan", "produsen",
    // A brand is its maker's name ("merek Denza", "sub-brand Chery",
    // "jenama Vivo"): Indonesian motoring news read such car makers as
    // persons ("Chery" 34 times in id-rss).
    "merek", "merk", "brand", "jenama",
];

/// A name right after a company descriptor ([`COMPANY_DESCRIPTORS`]) is an
/// organisation throughout the article: where the model read it as a person
/// or a place (English business news reads "Yukos" as a person, having met
/// few companies in its train split), that mention and every other mention of
/// the same surface read so become ORG, unless `is_place` says the name is a
/// country, city or region ("US giant" aside, "giant US" is a place).
/// Returns how many were relabelled.
pub fn described_companies(text: &str, entities: &mut [Entity], is_place: impl Fn(&str) -> bool) -> usize {
    let mut companies: Vec<&str> = Vec::new();
    for e in entities.iter() {
        let before = text[..e.span.start].trim_end();
        let word_start = before.char_indices().rev().find(|(_, c)| !c.is_alphanumeric()).map_or(0, |(k, c)| k + c.len_utf8());
        let word = &before[word_start..];
        let surface = e.span.slice(text);
        if COMPANY_DESCRIPTORS.contains(&word) && !is_place(surface) && !companies.contains(&surface) {
            companies.push(surface);
        }
    }
    let mut changed = 0;
    for e in entities.iter_mut() {
        if e.label != "ORG" && companies.contains(&e.span.slice(text)) {
            e.label = "ORG".to_string();
            changed += 1;
        }
    }
    changed
}

/// The words that name a news agency or a newspaper right before its name
/// ("kantor berita Xinhua", "surat kabar Welt am Sonntag", "news agency
/// Interfax"), lower case as written ("Kantor Berita Antara" is the name).
const OUTLET_KINDS: &[[&str; 2]] = &[["kantor", "berita"], ["surat", "kabar"], ["news", "agency"]];

/// Words that may stand between the kind and the name ("kantor berita
/// resmi IRNA", "kantor berita pemerintah Korea Utara, KCNA", "news agency
/// state-run"). A country may stand there too (below).
const OUTLET_MODIFIERS: &[&str] = &[
    "pemerintah", "resmi", "negara", "milik", "lokal", "setempat", "oposisi", "swasta", "nasional", "state", "official", "state-run",
];

/// The score of an outlet's name found after its kind with no entity there.
const OUTLET_SCORE: f32 = 0.9;

/// Longest name, in tokens, read after an outlet's kind with no entity there.
const MAX_OUTLET_TOKENS: usize = 4;

/// The name after an outlet's kind ([`OUTLET_KINDS`], then any
/// [`OUTLET_MODIFIERS`], then perhaps the agency's country and a comma) is
/// an organisation. News names agencies this way all the time, and the
/// model, which met few of them, reads "RIA Novosti" or "Tasnim" as a
/// person and "kantor berita pemerintah Rusia Tass" as one place:
/// - an entity there that `is_place` does not call a place becomes ORG;
/// - an entity that is a place and then more words ("Rusia Tass") is split
///   into the place and the agency (ORG);
/// - a capitalised run of up to [`MAX_OUTLET_TOKENS`] untagged tokens
///   there ("Cubadebate", "MENA") is added as ORG.
///
/// `tokens` are the article's tokens in order, `opens_sentence[i]` true for
/// each sentence's first token, `entities` on token boundaries and in
/// order (and they stay so). Returns how many entities were relabelled,
/// split or added.
pub fn named_outlets(
    text: &str,
    tokens: &[Span],
    opens_sentence: &[bool],
    entities: &mut Vec<Entity>,
    is_place: impl Fn(&str) -> bool,
) -> usize {
    let word = |i: usize| tokens.get(i).map_or("", |t| t.slice(text));
    let starting_at = |entities: &[Entity], i: usize| entities.iter().position(|e| e.span.start == tokens[i].start);
    let covered = |entities: &[Entity], i: usize| entities.iter().any(|e| e.span.start < tokens[i].end && tokens[i].start < e.span.end);
    let capitalised = |i: usize| word(i).chars().next().is_some_and(char::is_uppercase);
    let token_ending_at = |end: usize, from: usize| (from..tokens.len()).find(|&k| tokens[k].end == end);
    let mut changed = 0;
    let mut i = 0;
    while i + 2 < tokens.len() {
        // (Most tokens are ruled out by their first byte: this runs at every token.)
        let first = word(i).as_bytes().first().copied();
        let kind = OUTLET_KINDS.iter().any(|k| k[0].as_bytes().first().copied() == first && word(i) == k[0] && word(i + 1) == k[1] && !opens_sentence[i + 1]);
        if !kind {
            i += 1;
            continue;
        }
        let mut j = i + 2;
        while j < tokens.len() && !opens_sentence[j] && OUTLET_MODIFIERS.contains(&word(j)) {
            j += 1;
        }
        if j >= tokens.len() || opens_sentence[j] {
            i = j;
            continue;
        }
        // The agency's country, then perhaps a comma: the name comes next.
        if let Some(e) = starting_at(entities, j).filter(|&e| is_place(entities[e].span.slice(text))) {
            match token_ending_at(entities[e].span.end, j) {
                Some(last) if last + 1 < tokens.len() && !opens_sentence[last + 1] => {
                    j = last + 1;
                    if word(j) == "," && j + 1 < tokens.len() && !opens_sentence[j + 1] {
                        j += 1;
                    }
                }
                _ => {
                    i = j;
                    continue;
                }
            }
        }
        match starting_at(entities, j) {
            Some(e) => {
                let surface = entities[e].span.slice(text);
                let last = token_ending_at(entities[e].span.end, j).unwrap_or(j);
                // The longest leading run of tokens that is a place, short of the whole.
                let place_head = (j..last).rev().find(|&k| is_place(&text[tokens[j].start..tokens[k].end]));
                if let Some(k) = place_head.filter(|_| entities[e].label == "LOC") {
                    let agency = Entity { span: Span::new(tokens[k + 1].start, entities[e].span.end), label: "ORG".into(), score: entities[e].score };
                    entities[e].span = Span::new(tokens[j].start, tokens[k].end);
                    entities.insert(e + 1, agency);
                    changed += 1;
                } else if entities[e].label != "ORG" && !is_place(surface) {
                    entities[e].label = "ORG".into();
                    changed += 1;
                }
                i = last + 1;
            }
            None if capitalised(j) && !covered(entities, j) => {
                let mut end = j + 1;
                while end < tokens.len() && end - j < MAX_OUTLET_TOKENS && !opens_sentence[end] && capitalised(end) && !covered(entities, end) {
                    end += 1;
                }
                let span = Span::new(tokens[j].start, tokens[end - 1].end);
                if !is_place(span.slice(text)) {
                    let at = entities.partition_point(|e| e.span.start < span.start);
                    entities.insert(at, Entity { span, label: "ORG".into(), score: OUTLET_SCORE });
                    changed += 1;
                }
                i = end;
            }
            None => i = j,
        }
    }
    changed
}

/// The score of a person read from initials with an age.
const INITIALS_SCORE: f32 = 0.95;

/// Initials with an age in brackets ("JN (37)", "APW (25)"): Indonesian
/// crime and accident news names suspects and victims so, and the train
/// splits hardly do, so the tagger leaves them or calls them ORG. Such a
/// surface (one to four capital letters, then "(", one or two digits, ")")
/// is a person throughout the article: its untagged mentions that stand
/// alone (no capitalised word before or after them in the sentence) are
/// added, and its one-token mentions tagged otherwise become PER. Returns how
/// many entities were added or relabelled.
pub fn initials_with_age(text: &str, tokens: &[Span], opens_sentence: &[bool], entities: &mut Vec<Entity>) -> usize {
    let word = |i: usize| tokens.get(i).map_or("", |t| t.slice(text));
    let initials = |w: &str| (1..=4).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase());
    let age = |w: &str| (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()) && w != "0";
    let mut people: Vec<&str> = Vec::new();
    for i in 0..tokens.len().saturating_sub(3) {
        let w = word(i);
        if initials(w) && word(i + 1) == "(" && age(word(i + 2)) && word(i + 3) == ")" && !people.contains(&w) {
            people.push(w);
        }
    }
    if people.is_empty() {
        return 0;
    }
    let capitalised = |i: usize| word(i).chars().next().is_some_and(char::is_uppercase);
    let mut changed = 0;
    let mut added = Vec::new();
    let mut e = 0;
    for i in 0..tokens.len() {
        if !people.contains(&word(i)) {
            continue;
        }
        while e < entities.len() && entities[e].span.end <= tokens[i].start {
            e += 1;
        }
        let covering = entities.get(e).filter(|x| x.span.start < tokens[i].end);
        match covering {
            // A one-token mention read otherwise.
            Some(x) if x.span == tokens[i] => {
                if x.label != "PER" {
                    entities[e].label = "PER".to_string();
                    entities[e].score = entities[e].score.max(INITIALS_SCORE);
                    changed += 1;
                }
            }
            // A piece of a longer entity stays in it.
            Some(_) => {}
            None => {
                let run_before = i > 0 && !opens_sentence[i] && capitalised(i - 1);
                let run_after = i + 1 < tokens.len() && !opens_sentence[i + 1] && capitalised(i + 1);
                if !run_before && !run_after {
                    added.push(Entity { span: tokens[i], label: "PER".to_string(), score: INITIALS_SCORE });
                }
            }
        }
    }
    changed += added.len();
    if !added.is_empty() {
        entities.extend(added);
        entities.sort_by_key(|e| (e.span.start, e.span.end));
    }
    changed
}

/// The words that join the last item of a list ("A, B dan C"; "A, B,
/// and C"), as written.
const LIST_JOINS: &[&str] = &["dan", "serta", "atau", "and", "or"];

/// The items of a list are things of one kind: in "A, B, C dan D", where
/// most items are read with one label and at least two of them surely
/// ([`SOURCE_MIN_SCORE`]+), an item read unsurely with another label takes
/// theirs ("Apple, Google, Facebook, Amazon dan Airbnb" with "Amazon"
/// read as a place; a list of regencies with "Pidie" read as a person).
/// A list is three or more entities, one after another with only a comma
/// between each two and a join of [`LIST_JOINS`] (with or without a comma)
/// before the last; "most" is two thirds. The first item keeps its label:
/// Indonesian news names a body, then its people ("DKI Jakarta, Anies dan
/// Sandiaga"; "Mercedes, Hamilton dan Bottas"). An organisation among
/// people stays one: bands and groups are named among singers ("Katy
/// Perry, Take That, Robbie Williams, Coldplay dan ..."). Returns how many
/// were relabelled.
pub fn like_items_of_a_list(text: &str, entities: &mut [Entity]) -> usize {
    let between = |a: &Entity, b: &Entity| text.get(a.span.end..b.span.start).unwrap_or("");
    let comma = |gap: &str| gap.trim() == ",";
    let join = |gap: &str| {
        let g = gap.trim();
        let g = g.strip_prefix(',').map_or(g, str::trim_start);
        gap.starts_with([' ', ',']) && LIST_JOINS.contains(&g)
    };
    let mut relabelled = 0;
    let mut i = 0;
    while i < entities.len() {
        // The longest run of comma-separated entities from i.
        let mut j = i;
        while j + 1 < entities.len() && comma(between(&entities[j], &entities[j + 1])) {
            j += 1;
        }
        let last = j + 1;
        if last < entities.len() && j > i && join(between(&entities[j], &entities[last])) {
            let items = i..=last;
            let n = last - i + 1;
            let mut counts: Vec<(&str, usize, usize)> = Vec::new();
            for e in &entities[items.clone()] {
                match counts.iter_mut().find(|c| c.0 == e.label) {
                    Some(c) => {
                        c.1 += 1;
                        c.2 += usize::from(e.score >= SOURCE_MIN_SCORE);
                    }
                    None => counts.push((e.label.as_str(), 1, usize::from(e.score >= SOURCE_MIN_SCORE))),
                }
            }
            let (label, most, sure) = counts.iter().copied().max_by_key(|c| c.1).expect("three items");
            if most * 3 >= n * 2 && most < n && sure >= 2 {
                let label = label.to_string();
                for e in &mut entities[i + 1..=last] {
                    if e.label != label && e.score < SOURCE_MIN_SCORE && !(e.label == "ORG" && label == "PER") {
                        e.label.clone_from(&label);
                        relabelled += 1;
                    }
                }
            }
            i = last + 1;
        } else {
            i = j + 1;
        }
    }
    relabelled
}

/// Words that may stand inside a spelled-out acronym without giving it a
/// letter ("tekstil dan produk tekstil (TPT)", "cuci, mandi dan kakus"),
/// lower case.
const SPELLING_CONNECTORS: &[&str] = &["dan", "atau", "di", "ke", "dari", "untuk", "yang", "and", "of", "the", "in", "on", "for", "&", "-", ","];

/// Whether `w` is written like an acronym: two to eight ASCII letters or
/// digits, opening with a capital, at least two of them capitals ("TPT",
/// "PHEV", "CSOs").
fn acronym_like(w: &str) -> bool {
    (2..=8).contains(&w.len())
        && w.bytes().all(|b| b.is_ascii_alphanumeric())
        && w.as_bytes()[0].is_ascii_uppercase()
        && w.bytes().filter(u8::is_ascii_uppercase).count() >= 2
}

/// An acronym the article spells out in lower case names a thing, not an
/// organisation: news introduces the acronym of a common noun phrase in
/// brackets after it, in lower case ("industri tekstil dan produk tekstil
/// (TPT)", "rapat dengar pendapat umum (RDPU)", "plug in hybrid electric
/// vehicles (PHEV)", "augmented reality (AR)"), and a name's with capitals
/// ("Komisi Pemberantasan Korupsi (KPK)"). The model reads a string of
/// capitals as an organisation (or a person): id-rss and IndoSum dev and
/// BBC News came out with 191 mentions of such acronyms tagged, nearly all
/// ORG. So where "(", an acronym, ")" follows lower-case words whose
/// initials spell the acronym's capitals in order (connectors of
/// [`SPELLING_CONNECTORS`] may stand between them), every entity of the
/// article that is exactly that acronym is dropped. Not when the spelled
/// words open with a word that heads an organisation's name
/// (`is_org_head`: "badan usaha milik negara (BUMN)", "kantor staf
/// presiden (KSP)", which the gold sets tag ORG), nor when the article
/// also spells the acronym with capitals. Returns how many were dropped.
pub fn things_spelled_out(text: &str, tokens: &[Span], entities: &mut Vec<Entity>, is_org_head: impl Fn(&str) -> bool) -> usize {
    let word = |i: usize| tokens.get(i).map_or("", |t| t.slice(text));
    let mut things: Vec<&str> = Vec::new();
    let mut names: Vec<&str> = Vec::new();
    for k in 1..tokens.len().saturating_sub(2) {
        let acronym = word(k + 1);
        if word(k) != "(" || word(k + 2) != ")" || !acronym_like(acronym) {
            continue;
        }
        // Walk back from the bracket over the words that spell it.
        let mut at = k;
        let mut head = None;
        let mut lower = true;
        for letter in acronym.bytes().filter(u8::is_ascii_uppercase).rev() {
            head = None;
            while at > 0 {
                at -= 1;
                let w = word(at);
                let initial = w.chars().next().unwrap_or(' ');
                if initial.to_ascii_uppercase() == letter as char {
                    lower &= initial.is_lowercase();
                    head = Some(w);
                    break;
                }
                if !SPELLING_CONNECTORS.contains(&w) {
                    break;
                }
            }
            if head.is_none() {
                break;
            }
        }
        match head {
            Some(h) if lower && !is_org_head(h) => things.push(acronym),
            Some(_) if !lower => names.push(acronym),
            _ => {}
        }
    }
    things.retain(|a| !names.contains(a));
    if things.is_empty() {
        return 0;
    }
    let before = entities.len();
    entities.retain(|e| !things.contains(&e.span.slice(text)));
    before - entities.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_ending_in_an_organisation_is_the_organisation() {
        let text = "Alfa Romeo sudah berbicara dengan Scuderia Ferrari soal mesin. Ferrari memasok mesin. Bos Ferrari setuju. \
                    Enzo Ferrari mendirikan Ferrari pada 1939.";
        let find = |surface: &str, from: usize| {
            let start = from + text[from..].find(surface).expect("in text");
            Span::new(start, start + surface.len())
        };
        let mut entities = vec![
            Entity { span: find("Scuderia Ferrari", 0), label: "PER".into(), score: 0.71 },
            Entity { span: find("Ferrari memasok", 0), label: "ORG".into(), score: 0.96 },
            Entity { span: find("Ferrari setuju", 0), label: "ORG".into(), score: 0.97 },
            Entity { span: find("Enzo Ferrari", 0), label: "PER".into(), score: 0.8 },
        ];
        // Spans of the bare name only.
        for e in &mut entities[1..3] {
            e.span.end = e.span.start + "Ferrari".len();
        }
        let is_first_name = |w: &str| w == "Enzo";
        assert_eq!(persons_ending_in_organisations(text, &mut entities, is_first_name), 1);
        let labels: Vec<&str> = entities.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(labels, ["ORG", "ORG", "ORG", "PER"]);
        // One sure mention is not enough.
        entities[0].label = "PER".into();
        entities[2].score = 0.5;
        assert_eq!(persons_ending_in_organisations(text, &mut entities, is_first_name), 0);
        assert_eq!(entities[0].label, "PER");
    }

    /// Whitespace tokens, and which open a sentence (after '.').
    fn tokens(text: &str) -> (Vec<Span>, Vec<bool>) {
        let mut spans = Vec::new();
        let mut at = 0;
        for w in text.split(' ') {
            spans.push(Span::new(at, at + w.len()));
            at += w.len() + 1;
        }
        let opens = (0..spans.len()).map(|i| i == 0 || text[spans[i - 1].start..spans[i - 1].end] == *".").collect();
        (spans, opens)
    }

    fn entity(text: &str, surface: &str, nth: usize, label: &str, score: f32) -> Entity {
        let start = text.match_indices(surface).nth(nth).map(|(s, _)| s).unwrap();
        Entity { span: Span::new(start, start + surface.len()), label: label.into(), score }
    }

    fn surfaces(text: &str, entities: &[Entity]) -> Vec<String> {
        entities.iter().map(|e| format!("{}:{}", e.span.slice(text), e.label)).collect()
    }

    #[test]
    fn the_items_of_a_list_are_of_one_kind() {
        let text = "Pabrik di Sragen , Klaten , Wonosari dan Boyolali tutup . Kota Lama , Pak Budi dan Bu Sri hadir . \
                    Band Dewa , Rina Nose , Ayu Ting dan Raisa tampil . Kirim ke Garut , Bogor , atau Depok .";
        let mut ents = vec![
            entity(text, "Sragen", 0, "LOC", 0.95),
            entity(text, "Klaten", 0, "LOC", 0.97),
            entity(text, "Wonosari", 0, "PER", 0.6),
            entity(text, "Boyolali", 0, "LOC", 0.8),
            // The first item names a body before its people.
            entity(text, "Kota Lama", 0, "LOC", 0.7),
            entity(text, "Budi", 0, "PER", 0.99),
            entity(text, "Sri", 0, "PER", 0.99),
            // A band among singers stays an organisation.
            entity(text, "Dewa", 0, "PER", 0.5),
            entity(text, "Rina Nose", 0, "PER", 0.99),
            entity(text, "Ayu Ting", 0, "ORG", 0.6),
            entity(text, "Raisa", 0, "PER", 0.95),
            // Only one sure item: left as read.
            entity(text, "Garut", 0, "LOC", 0.95),
            entity(text, "Bogor", 0, "LOC", 0.6),
            entity(text, "Depok", 0, "PER", 0.5),
        ];
        assert_eq!(like_items_of_a_list(text, &mut ents), 1);
        let labels: Vec<&str> = ents.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(labels, ["LOC", "LOC", "LOC", "LOC", "LOC", "PER", "PER", "PER", "PER", "ORG", "PER", "LOC", "LOC", "PER"]);
        // Not a list: a place after a name and a comma, with no join.
        let text = "Kantor PBSI , Cipayung , Jakarta .";
        let mut ents = vec![entity(text, "PBSI", 0, "ORG", 0.6), entity(text, "Cipayung", 0, "LOC", 0.95), entity(text, "Jakarta", 0, "LOC", 0.99)];
        assert_eq!(like_items_of_a_list(text, &mut ents), 0);
    }

    #[test]
    fn an_acronym_spelled_out_in_lower_case_is_no_entity() {
        let text = "Harga bahan bakar minyak nabati ( BBMN ) naik . Pabrik kain dan benang sintetis ( KBS ) tutup . Dewan Pengawas Kain ( DPK ) menolak . \
                    KBS lesu , kata DPK . BBMN mahal . lembaga riset nasional ( LRN ) dan Bank Tani ( BT ) . LRN dan BT setuju .";
        let (toks, _) = tokens(text);
        let mut ents = vec![
            entity(text, "BBMN", 0, "ORG", 0.5),
            entity(text, "KBS", 0, "ORG", 0.4),
            entity(text, "Dewan Pengawas Kain", 0, "ORG", 0.99),
            entity(text, "DPK", 0, "ORG", 0.9),
            entity(text, "KBS", 1, "PER", 0.6),
            entity(text, "DPK", 1, "ORG", 0.8),
            entity(text, "BBMN", 1, "ORG", 0.7),
            entity(text, "LRN", 0, "ORG", 0.8),
            entity(text, "BT", 0, "ORG", 0.8),
            entity(text, "LRN", 1, "ORG", 0.8),
            entity(text, "BT", 1, "ORG", 0.8),
        ];
        // "lembaga" heads an organisation's name, even in lower case.
        let dropped = things_spelled_out(text, &toks, &mut ents, |w| w.eq_ignore_ascii_case("lembaga"));
        assert_eq!(dropped, 4);
        assert_eq!(
            surfaces(text, &ents),
            ["Dewan Pengawas Kain:ORG", "DPK:ORG", "DPK:ORG", "LRN:ORG", "BT:ORG", "LRN:ORG", "BT:ORG"]
        );
        // Spelled with capitals elsewhere in the article, it is a name.
        let text = "Kartu Tanda Sehat ( KTS ) baru . kartu tanda sehat ( KTS ) lama .";
        let (toks, _) = tokens(text);
        let mut ents = vec![entity(text, "KTS", 0, "ORG", 0.9), entity(text, "KTS", 1, "ORG", 0.9)];
        assert_eq!(things_spelled_out(text, &toks, &mut ents, |_| false), 0);
    }

    #[test]
    fn an_unsure_reading_takes_the_sure_one_of_the_same_name() {
        let text = "Kejagung memeriksa . Kejagung menahan . Kejagung menolak . Barcelona menang di Barcelona . Barcelona kalah . Sina naik . Sina turun .";
        let mut ents = vec![
            entity(text, "Kejagung", 0, "ORG", 0.99),
            entity(text, "Kejagung", 1, "ORG", 0.96),
            entity(text, "Kejagung", 2, "LOC", 0.17),
            // A club named by its city beside the city: both stay.
            entity(text, "Barcelona", 0, "ORG", 0.95),
            entity(text, "Barcelona", 1, "ORG", 0.93),
            entity(text, "Barcelona", 2, "LOC", 0.6),
            // One sure reading is not enough.
            entity(text, "Sina", 0, "PER", 0.98),
            entity(text, "Sina", 1, "LOC", 0.46),
        ];
        let is_place = |s: &str| s == "Barcelona";
        assert_eq!(settle_conflicting_readings(text, &mut ents, is_place), 1);
        assert_eq!(
            surfaces(text, &ents),
            ["Kejagung:ORG", "Kejagung:ORG", "Kejagung:ORG", "Barcelona:ORG", "Barcelona:ORG", "Barcelona:LOC", "Sina:PER", "Sina:LOC"]
        );
        // Two labels read surely: nothing settles.
        ents[2] = entity(text, "Kejagung", 2, "LOC", 0.95);
        assert_eq!(settle_conflicting_readings(text, &mut ents, is_place), 0);
    }

    #[test]
    fn a_sure_name_is_read_the_same_wherever_it_stands() {
        let text = "Pejabat Tiongkok tiba di Moskow . Tiongkok bulan lalu menjadi tuan rumah .";
        let (toks, opens) = tokens(text);
        let mut ents = vec![entity(text, "Tiongkok", 0, "LOC", 0.97), entity(text, "Moskow", 0, "LOC", 0.99)];
        assert_eq!(lend_sure_readings(text, &toks, &opens, &mut ents, 0.0), 1);
        assert_eq!(surfaces(text, &ents), ["Tiongkok:LOC", "Moskow:LOC", "Tiongkok:LOC"]);
        assert!((ents[2].score - 0.97 * LENT_SCORE_FACTOR).abs() < 1e-6);
        // Idempotent: nothing more to lend.
        assert_eq!(lend_sure_readings(text, &toks, &opens, &mut ents, 0.0), 0);
    }

    #[test]
    fn unsure_disputed_lowercase_and_pieces_of_longer_names_are_left() {
        let text = "Warga Jakarta datang . Universitas Jakarta Raya dibuka . jakarta ramai . Jakarta Post terbit .";
        let (toks, opens) = tokens(text);
        let mut ents = vec![entity(text, "Jakarta", 0, "LOC", 0.95)];
        // A capitalised run on either side, or no capital: nothing lent.
        assert_eq!(lend_sure_readings(text, &toks, &opens, &mut ents, 0.0), 0);
        // An unsure source lends nothing; two labels for one surface neither.
        let text2 = "Kota Bogor hujan . Bogor kalah dari Persib . Bogor menang .";
        let (toks2, opens2) = tokens(text2);
        let mut unsure = vec![entity(text2, "Bogor", 0, "LOC", 0.6)];
        assert_eq!(lend_sure_readings(text2, &toks2, &opens2, &mut unsure, 0.0), 0);
        // Twice with a middling score is sure enough.
        let mut twice = vec![entity(text2, "Bogor", 0, "LOC", 0.6), entity(text2, "Bogor", 1, "LOC", 0.7)];
        assert_eq!(lend_sure_readings(text2, &toks2, &opens2, &mut twice, 0.0), 1);
        assert_eq!(surfaces(text2, &twice), ["Bogor:LOC", "Bogor:LOC", "Bogor:LOC"]);
        let mut disputed = vec![entity(text2, "Bogor", 0, "LOC", 0.95), entity(text2, "Bogor", 1, "ORG", 0.92)];
        assert_eq!(lend_sure_readings(text2, &toks2, &opens2, &mut disputed, 0.0), 0);
    }

    #[test]
    fn initials_with_an_age_are_a_person_throughout_the_article() {
        let text = "Suami berinisial JN ( 37 ) membunuh istrinya , RK ( 25 ) . Kini JN ditahan . Motif JN Group lain . Kata HP ( 2024 ) .";
        let (toks, opens) = tokens(text);
        let mut ents = vec![entity(text, "JN", 1, "ORG", 0.4), entity(text, "JN Group", 0, "ORG", 0.8)];
        assert_eq!(initials_with_age(text, &toks, &opens, &mut ents), 3);
        // Both people and every lone mention of them; the longer name and a
        // year in brackets are left.
        assert_eq!(surfaces(text, &ents), ["JN:PER", "RK:PER", "JN:PER", "JN Group:ORG"]);
        assert_eq!(initials_with_age(text, &toks, &opens, &mut ents), 0);
        // Without an age, nothing.
        let plain = "Kini JN ditahan .";
        let (toks, opens) = tokens(plain);
        let mut none = Vec::new();
        assert_eq!(initials_with_age(plain, &toks, &opens, &mut none), 0);
        assert!(none.is_empty());
    }

    #[test]
    fn an_outlet_quoted_as_a_source_is_an_organisation() {
        let text = "Dikutip dari Koreaboo , ia bebas . Melansir laman resmi Carscoops , harga naik . Mengutip Madrid , klub itu menang . Warga Koreaboo senang .";
        let mut ents = vec![
            entity(text, "Koreaboo", 0, "LOC", 0.8),
            entity(text, "Carscoops", 0, "LOC", 0.7),
            entity(text, "Madrid", 0, "LOC", 0.9),
            entity(text, "Koreaboo", 1, "LOC", 0.6),
        ];
        assert_eq!(quoted_outlets(text, &mut ents, |s| s == "Madrid"), 2);
        assert_eq!(surfaces(text, &ents), ["Koreaboo:ORG", "Carscoops:ORG", "Madrid:LOC", "Koreaboo:LOC"]);
    }

    #[test]
    fn a_described_company_is_an_organisation_throughout_the_article() {
        // "¿" is two bytes: the word before a name is found on char boundaries.
        let text = "Shares in oil giant Yukos fell . Yukos said it would appeal . Producer Tom Smith and giant US firms ¿Yukos .";
        let mut ents = vec![
            entity(text, "Yukos", 0, "PER", 0.8),
            entity(text, "Yukos", 1, "PER", 0.9),
            entity(text, "Tom Smith", 0, "PER", 0.9),
            entity(text, "US", 0, "LOC", 0.9),
            entity(text, "Yukos", 2, "PER", 0.5),
        ];
        assert_eq!(described_companies(text, &mut ents, |s| s == "US"), 3);
        assert_eq!(surfaces(text, &ents), ["Yukos:ORG", "Yukos:ORG", "Tom Smith:PER", "US:LOC", "Yukos:ORG"]);
        // A brand is its maker's name; a brand's country is a place.
        let text = "Mobil listrik sub-brand Lumora laris . Lumora menambah dealer . Merek Jepang kalah .";
        let mut ents = vec![entity(text, "Lumora", 0, "PER", 0.7), entity(text, "Lumora", 1, "PER", 0.9), entity(text, "Jepang", 0, "LOC", 0.9)];
        assert_eq!(described_companies(text, &mut ents, |s| s == "Jepang"), 2);
        assert_eq!(surfaces(text, &ents), ["Lumora:ORG", "Lumora:ORG", "Jepang:LOC"]);
    }

    #[test]
    fn the_name_after_a_news_agency_is_an_organisation() {
        let place = |s: &str| ["Rusia", "Korea Utara", "Lebanon"].contains(&s);
        // A place and the agency read as one place: split.
        let text = "Li bertemu Putin , kantor berita pemerintah Rusia Tass melaporkan .";
        let (toks, opens) = tokens(text);
        let mut ents = vec![entity(text, "Putin", 0, "PER", 0.9), entity(text, "Rusia Tass", 0, "LOC", 0.7)];
        assert_eq!(named_outlets(text, &toks, &opens, &mut ents, place), 1);
        assert_eq!(surfaces(text, &ents), ["Putin:PER", "Rusia:LOC", "Tass:ORG"]);
        // After the country and a comma; a person read there; an untagged name.
        let text = "menurut kantor berita Lebanon , Al Mayadeen , dan kantor berita resmi RIA Novosti . kantor berita MENA melaporkan";
        let (toks, opens) = tokens(text);
        let mut ents = vec![
            entity(text, "Lebanon", 0, "LOC", 0.9),
            entity(text, "Al Mayadeen", 0, "PER", 0.6),
            entity(text, "RIA Novosti", 0, "PER", 0.6),
        ];
        assert_eq!(named_outlets(text, &toks, &opens, &mut ents, place), 3);
        assert_eq!(surfaces(text, &ents), ["Lebanon:LOC", "Al Mayadeen:ORG", "RIA Novosti:ORG", "MENA:ORG"]);
        // Nothing to do: a country alone, a lower-case word, the kind written as a name.
        let text = "kantor berita Korea Utara . kantor berita ini menulis . Kantor Berita Antara menulis";
        let (toks, opens) = tokens(text);
        let mut ents = vec![entity(text, "Korea Utara", 0, "LOC", 0.9), entity(text, "Kantor Berita Antara", 0, "ORG", 0.9)];
        assert_eq!(named_outlets(text, &toks, &opens, &mut ents, place), 0);
        assert_eq!(surfaces(text, &ents), ["Korea Utara:LOC", "Kantor Berita Antara:ORG"]);
    }

    #[test]
    fn the_longest_sure_surface_is_lent_and_the_minimum_score_holds() {
        let text = "Presiden Amerika Serikat tiba . Amerika Serikat bulan lalu menolak .";
        let (toks, opens) = tokens(text);
        let mut ents = vec![entity(text, "Amerika Serikat", 0, "LOC", 0.99)];
        assert_eq!(lend_sure_readings(text, &toks, &opens, &mut ents.clone(), 0.95), 0);
        assert_eq!(lend_sure_readings(text, &toks, &opens, &mut ents, 0.0), 1);
        assert_eq!(surfaces(text, &ents), ["Amerika Serikat:LOC", "Amerika Serikat:LOC"]);
    }
}
