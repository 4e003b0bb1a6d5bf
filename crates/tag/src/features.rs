//! Feature extraction: every token of a sentence gets a list of 64-bit
//! feature keys (hashed template + values). The same code serves training
//! and tagging, so the two can never disagree.
//!
//! Per-token strings (word, lower case, shape, affixes) are hashed once; a
//! template's key is a mix of those hashes, so no string is built per feature.

use xxhash_rust::xxh3::xxh3_64;

use crate::gazetteer::{GazBits, Gazetteer, N_CLASSES};
use crate::model::Clusters;

/// Words whose presence next to a token is a strong signal ("Presiden",
/// "kata", "PT", "Tbk", "Universitas", "Bandara", "Jl.", "Mr.", "Inc.").
/// They are plain word features too; this list lets the model share what it
/// learns about them across neighbouring positions.
const TRIGGERS: &[&str] = &[
    "presiden",
    "menteri",
    "gubernur",
    "bupati",
    "walikota",
    "wali",
    "ketua",
    "direktur",
    "kepala",
    "kata",
    "ujar",
    "ucap",
    "tutur",
    "ungkap",
    "jelas",
    "tegas",
    "pt",
    "tbk",
    "universitas",
    "kementerian",
    "bandara",
    "jl.",
    "jalan",
    "kabupaten",
    "kota",
    "provinsi",
    "desa",
    "kecamatan",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "inc.",
    "university",
    "said",
    "says",
    "president",
    "minister",
    "partai",
    "bank",
    "badan",
    "komisi",
    "polda",
    "polres",
    "pengadilan",
    "di",
    "ke",
    "dari",
    "in",
    "at",
    "from",
    "of",
    "the",
    "sang",
    "bernama",
    "oleh",
    "menurut",
    "perdana",
    "wakil",
];

/// Sentence-level facts that change how capitalisation is read.
#[derive(Debug, Clone, Copy, Default)]
pub struct SentenceShape {
    /// No upper-case letter at all (NERP-style or careless text).
    pub all_lower: bool,
    /// Most words in capitals or title case (a headline).
    pub headline: bool,
}

/// Reusable buffers for one sentence's features.
#[derive(Default)]
pub struct FeatureScratch {
    pub lower: String,
    pub lower_ranges: Vec<(usize, usize)>,
    h_word: Vec<u64>,
    h_lower: Vec<u64>,
    h_shape: Vec<u64>,
    shape_class: Vec<u8>,
    trigger: Vec<u8>,
    pub gaz: Vec<GazBits>,
    run_start: Vec<usize>,
    run_end: Vec<usize>,
    clusters: Vec<[u16; 4]>,
    word_class: Vec<u32>,
    neighbour_class: Vec<u32>,
    gaz_buf: String,
    gaz_starts: Vec<usize>,
    /// Feature keys of all tokens, concatenated; `offsets[i]..offsets[i+1]`.
    pub keys: Vec<u64>,
    pub offsets: Vec<usize>,
}

const K: u64 = 0x9E37_79B9_7F4A_7C15;

#[inline]
fn mix(template: u64, a: u64, b: u64) -> u64 {
    let x = (a ^ template.wrapping_mul(K)).wrapping_mul(0xBF58_476D_1CE4_E5B9) ^ b.rotate_left(29);
    let x = (x ^ (x >> 31)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 29)
}

/// Word shape: X for upper, x for lower, d for digit, other chars as is;
/// runs collapsed ("Jakarta" -> "Xx", "COVID-19" -> "X-d", "U.S." -> "X.X.").
fn shape_into(word: &str, out: &mut String) {
    out.clear();
    let mut last = '\0';
    for c in word.chars().take(24) {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if s != last {
            out.push(s);
            last = s;
        }
    }
}

/// 0 lower, 1 title case, 2 all caps, 3 digits/mixed, 4 punctuation.
fn shape_class(word: &str) -> u8 {
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return 4 };
    if !first.is_alphanumeric() {
        return 4;
    }
    let has_digit = word.chars().any(char::is_numeric);
    if has_digit {
        return 3;
    }
    let uppers = word.chars().filter(|c| c.is_uppercase()).count();
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if uppers == 0 {
        0
    } else if uppers == letters && letters > 1 {
        2
    } else if first.is_uppercase() {
        1
    } else {
        3
    }
}

fn prefix(s: &str, n: usize) -> Option<&str> {
    let end = s.char_indices().nth(n).map(|(i, _)| i)?;
    Some(&s[..end])
}

fn suffix(s: &str, n: usize) -> Option<&str> {
    let count = s.chars().count();
    if count <= n {
        return None;
    }
    let start = s.char_indices().nth(count - n).map(|(i, _)| i)?;
    Some(&s[start..])
}

pub fn sentence_shape(words: &[&str]) -> SentenceShape {
    sentence_shape_of(words.iter().map(|w| case_bits(w)))
}

/// What [`sentence_shape`] reads of one word: bit 0 starts with a letter,
/// bit 1 that letter is upper case, bit 2 an upper-case letter later (only
/// read when bit 0 is set and bit 1 is not).
pub fn case_bits(w: &str) -> u8 {
    let Some(c) = w.chars().next() else { return 0 };
    if !c.is_alphabetic() {
        return 0;
    }
    if c.is_uppercase() {
        0b011
    } else if w.chars().any(char::is_uppercase) {
        0b101
    } else {
        0b001
    }
}

/// [`sentence_shape`] from the words' [`case_bits`].
pub fn sentence_shape_of(bits: impl Iterator<Item = u8>) -> SentenceShape {
    let mut letters_words = 0usize;
    let mut capitalised = 0usize;
    let mut any_upper = false;
    for b in bits {
        if b & 1 != 0 {
            letters_words += 1;
            if b & 0b10 != 0 {
                capitalised += 1;
            }
            any_upper |= b & 0b110 != 0;
        }
    }
    SentenceShape {
        all_lower: !any_upper,
        headline: letters_words >= 4 && capitalised * 10 >= letters_words * 8,
    }
}

/// Mid-sentence capitalisation of a word in unlabelled text, in tenths (the
/// fourth cluster value): 11 when seen too rarely, 12 for words outside the
/// cluster table.
#[inline]
pub fn capitalisation(c: [u16; 4]) -> u16 {
    c[3].min(12)
}

/// What the features read of one word form, whatever its context.
#[derive(Debug, Clone, Copy)]
pub struct WordBase {
    pub h_word: u64,
    pub h_lower: u64,
    pub h_shape: u64,
    pub shape_class: u8,
    /// 1 + index in `TRIGGERS`, 0 when not a trigger word.
    pub trigger: u8,
    pub clusters: [u16; 4],
    /// Word class (English Brown cluster, or the crate's own Indonesian
    /// class): its path under a leading 1 bit, 0 for none
    /// ([`Gazetteer::word_class`]).
    pub word_class: u32,
    /// The word class that the features of the words at ±1 read: the
    /// word class, or 0 for weights that read only the token's own
    /// ([`Gazetteer::reads_neighbour_classes`]).
    pub neighbour_class: u32,
}

/// Legal-form words that end a company name (lower case).
const LEGAL_SUFFIXES: &[&str] = &[
    "inc", "inc.", "corp", "corp.", "ltd", "ltd.", "co.", "llc", "plc", "gmbh", "ag", "tbk",
    "tbk.", "bhd", "bhd.", "s.a.", "n.v.", "pte", "pty",
];

/// A neighbour's capitalisation rate for templates 63/64, with legal-form
/// suffixes ("Inc.", "Corp.", "Tbk") apart (13): they are always written
/// capitalised, like surnames, so the rate alone made "Google Inc." on its
/// own read like a name followed by a surname.
fn neighbour_capitalisation(lw: &str, c: [u16; 4]) -> u16 {
    if LEGAL_SUFFIXES.contains(&lw) {
        13
    } else {
        capitalisation(c)
    }
}

/// The form a word's features read. British and Indonesian news write
/// honorifics without the full stop ("Mr Blair", "Prof Budi"); the training data mostly has it ("Mr.": 45 times in
/// UNER EWT train, "Mr" never), so without this the tagger had never seen the
/// word before a name and read "Mr Blair" as a place. Every word feature reads
/// the bare form as the dotted one.
///
/// Clitics written with a typographic apostrophe ("Telecom’s", "isn’t", as
/// the segmenter splits them) read as the straight ones the training data
/// mostly has: "France Telecom’s" scored .49 as a name against .94 with "'s".
/// A lone "’" stays: it is also a closing quote.
pub fn feature_form(w: &str) -> &str {
    match w {
        "Mr" => "Mr.",
        "Mrs" => "Mrs.",
        "Ms" => "Ms.",
        "Dr" => "Dr.",
        "Prof" => "Prof.",
        "’s" => "'s",
        "’S" => "'S",
        "n’t" => "n't",
        "N’T" => "N'T",
        "’re" => "'re",
        "’ll" => "'ll",
        "’ve" => "'ve",
        "’d" => "'d",
        "’m" => "'m",
        _ => w,
    }
}

/// The context-free facts of word `w`; appends its lower case to `lower`
/// (`shape_buf` is scratch).
pub fn word_base(
    w: &str,
    clusters: &Clusters,
    gazetteer: &Gazetteer,
    lower: &mut String,
    shape_buf: &mut String,
) -> WordBase {
    let w = feature_form(w);
    let start = lower.len();
    lower.extend(w.chars().flat_map(char::to_lowercase));
    let lw = &lower[start..];
    let h_lower = xxh3_64(lw.as_bytes());
    let h_word = xxh3_64(w.as_bytes());
    shape_into(w, shape_buf);
    let word_class = gazetteer.word_class(h_word, h_lower);
    WordBase {
        h_word,
        h_lower,
        word_class,
        neighbour_class: if gazetteer.reads_neighbour_classes() { word_class } else { 0 },
        h_shape: xxh3_64(shape_buf.as_bytes()),
        shape_class: shape_class(w),
        trigger: TRIGGERS
            .iter()
            .position(|t| *t == lw)
            .map_or(0, |p| p as u8 + 1),
        clusters: clusters.get(h_lower),
    }
}

/// Character 3–5-grams of the lower-case word, its start and end marked
/// (template 80 + n; flags: 1 at the start, 2 at the end), for words of at
/// most 25 characters that start with a letter or digit. They reach inside
/// the word where the 2–4-character prefixes and suffixes do not
/// ("-ment-" in "Kementerian", "-ogl-" in "Google"), which helps with words
/// the training data never saw.
pub fn char_ngram_keys(lw: &str, shape_class: u8, keys: &mut Vec<u64>) {
    const MAX_CHARS: usize = 25;
    if shape_class == 4 {
        return;
    }
    // Byte offsets of the characters, and the end.
    let mut bounds = [0usize; MAX_CHARS + 1];
    let mut m = 0;
    for (i, _) in lw.char_indices() {
        if m == MAX_CHARS {
            return;
        }
        bounds[m] = i;
        m += 1;
    }
    bounds[m] = lw.len();
    // Windows over the padded positions -1 (start mark) ..= m (end mark).
    for n in 3..=5usize {
        if m + 2 < n {
            break;
        }
        for a in -1..=(m as isize + 1 - n as isize) {
            let b = a + n as isize;
            let start_mark = a < 0;
            let end_mark = b > m as isize;
            let (from, to) = (a.max(0) as usize, b.min(m as isize) as usize);
            let flags = u64::from(start_mark) | (u64::from(end_mark) << 1);
            keys.push(mix(
                80 + n as u64,
                xxh3_64(&lw.as_bytes()[bounds[from]..bounds[to]]),
                flags,
            ));
        }
    }
}

/// The keys of token `i` of `words` that name the word itself: its form and
/// lower case, affixes, character n-grams and the two bigrams it is part of
/// (templates 1, 2, 4–6, 14–16, 24, 25, 83–85), a subset of [`extract`]'s
/// keys for the token. Training may hide them (lexical dropout,
/// `TrainOptions::lexical_dropout`) so that the other keys learn to read a
/// word the training data never saw.
pub fn own_lexical_keys(words: &[&str], i: usize, keys: &mut Vec<u64>) {
    let lower = |j: usize| -> String {
        feature_form(words[j])
            .chars()
            .flat_map(char::to_lowercase)
            .collect()
    };
    let w = feature_form(words[i]);
    let lw = lower(i);
    let h_lower = xxh3_64(lw.as_bytes());
    keys.push(mix(1, xxh3_64(w.as_bytes()), 0));
    keys.push(mix(2, h_lower, 0));
    affix_keys(&lw, keys);
    let before = if i == 0 {
        BOS
    } else {
        xxh3_64(lower(i - 1).as_bytes())
    };
    let after = if i + 1 >= words.len() {
        EOS
    } else {
        xxh3_64(lower(i + 1).as_bytes())
    };
    keys.push(mix(24, before, h_lower));
    keys.push(mix(25, h_lower, after));
    char_ngram_keys(&lw, shape_class(w), keys);
}

/// The keys of word `w` (a token's own) that read its word clusters
/// (templates 50–52, 60, 48): with [`own_lexical_keys`], what a word rare in
/// the unlabelled text too would lack (lexical dropout's cluster variant).
pub fn own_cluster_keys(w: &str, clusters: &Clusters, keys: &mut Vec<u64>) {
    let w = feature_form(w);
    let lw: String = w.chars().flat_map(char::to_lowercase).collect();
    own_cluster_ids_keys(clusters.get(xxh3_64(lw.as_bytes())), shape_class(w), keys);
}

/// A token's own cluster keys from its cluster ids `c` and shape class:
/// the three granularities (templates 50–52), and the middle one with the
/// shape (60) and its trust (48).
fn own_cluster_ids_keys(c: [u16; 4], shape_class: u8, keys: &mut Vec<u64>) {
    for (g, id) in c[..3].iter().enumerate() {
        if *id != u16::MAX {
            keys.push(mix(50 + g as u64, u64::from(*id), 0));
        }
    }
    if c[1] != u16::MAX {
        keys.push(mix(60, u64::from(c[1]), u64::from(shape_class)));
        keys.push(cluster_trust_key(c, shape_class));
    }
}

/// The first `p` steps of word-class path `c` (under its leading 1 bit), or
/// the whole path when it is shorter.
#[inline]
fn word_class_prefix(c: u32, p: u32) -> u64 {
    let len = 31 - c.leading_zeros();
    u64::from(if len > p { c >> (len - p) } else { c })
}

/// A token's own word-class keys (English word classes, session 12;
/// Indonesian ones, session 14):
/// path prefixes of 4, 6, 10 and 20 steps (templates 110–113, as Ratinov
/// and Roth 2009 read Brown clusters) and the whole path with the token's
/// shape (118). None for a word without a class.
fn own_word_class_keys(c: u32, shape_class: u8, keys: &mut Vec<u64>) {
    if c == 0 {
        return;
    }
    for (t, p) in [(110u64, 4u32), (111, 6), (112, 10), (113, 20)] {
        keys.push(mix(t, word_class_prefix(c, p), 0));
    }
    keys.push(mix(118, u64::from(c), u64::from(shape_class)));
}

/// A neighbour's word-class keys: path prefixes of 4 and 10 steps, of the
/// word before (templates 114, 115) or after (116, 117).
fn neighbour_word_class_keys(c: u32, template: u64, keys: &mut Vec<u64>) {
    if c == 0 {
        return;
    }
    keys.push(mix(template, word_class_prefix(c, 4), 0));
    keys.push(mix(template + 1, word_class_prefix(c, 10), 0));
}

/// The prefix and suffix keys of a lower-case word (templates 4–6, 14–16).
fn affix_keys(lw: &str, keys: &mut Vec<u64>) {
    for (t, k) in [(4u64, 2usize), (5, 3), (6, 4)] {
        if let Some(p) = prefix(lw, k) {
            keys.push(mix(t, xxh3_64(p.as_bytes()), 0));
        }
        if let Some(x) = suffix(lw, k) {
            keys.push(mix(t + 10, xxh3_64(x.as_bytes()), 0));
        }
    }
}

/// Where a word form's context-free keys apply, relative to the word: the
/// keys of [`extract`] split by what they read, so that a tagger can sum
/// each group's weights once per distinct word form. Every key of a token
/// is in exactly one group of one word or in [`context_keys`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The token itself (word, lower case, shape, affixes, own clusters, length).
    Own = 0,
    /// The word just before the token.
    Prev1 = 1,
    /// Two before.
    Prev2 = 2,
    /// Just after.
    Next1 = 3,
    /// Two after.
    Next2 = 4,
}

pub const ROLES: [Role; 5] = [
    Role::Own,
    Role::Prev1,
    Role::Prev2,
    Role::Next1,
    Role::Next2,
];

/// The keys word form `b` (lower case `lw`) contributes in `role` (appended).
pub fn role_keys(b: &WordBase, lw: &str, role: Role, keys: &mut Vec<u64>) {
    let c = b.clusters;
    let sc = u64::from(b.shape_class);
    let clusters_from = |t: u64, keys: &mut Vec<u64>| {
        for (g, id) in c[..3].iter().enumerate() {
            if *id != u16::MAX {
                keys.push(mix(t + g as u64, u64::from(*id), 0));
            }
        }
    };
    match role {
        Role::Own => {
            keys.push(mix(0, 0, 0));
            keys.push(mix(1, b.h_word, 0));
            keys.push(mix(2, b.h_lower, 0));
            keys.push(mix(3, b.h_shape, 0));
            affix_keys(lw, keys);
            own_cluster_ids_keys(c, b.shape_class, keys);
            own_word_class_keys(b.word_class, b.shape_class, keys);
            keys.push(mix(61, lw.chars().count().min(12) as u64, sc));
            char_ngram_keys(lw, b.shape_class, keys);
        }
        Role::Prev1 => {
            keys.push(mix(20, b.h_lower, 0));
            clusters_from(53, keys);
            neighbour_word_class_keys(b.neighbour_class, 114, keys);
            keys.push(mix(63, u64::from(neighbour_capitalisation(lw, c)), sc));
            keys.push(mix(76, b.h_word, 0));
        }
        Role::Prev2 => {
            keys.push(mix(22, b.h_lower, 0));
            clusters_from(70, keys);
        }
        Role::Next1 => {
            keys.push(mix(21, b.h_lower, 0));
            clusters_from(56, keys);
            neighbour_word_class_keys(b.neighbour_class, 116, keys);
            keys.push(mix(64, u64::from(neighbour_capitalisation(lw, c)), sc));
            keys.push(mix(77, b.h_word, 0));
        }
        Role::Next2 => {
            keys.push(mix(23, b.h_lower, 0));
            clusters_from(73, keys);
        }
    }
}

/// One sentence's facts for [`context_keys`].
pub struct SentenceView<'a> {
    pub bases: &'a [WordBase],
    pub gaz: &'a [GazBits],
    pub shape: SentenceShape,
    /// Capitalised runs: start and end (exclusive) of the run of each token.
    pub run_start: &'a [usize],
    pub run_end: &'a [usize],
}

/// Fills `run_start`/`run_end` for [`SentenceView`] (as [`extract`] does).
pub fn capital_runs(bases: &[WordBase], run_start: &mut Vec<usize>, run_end: &mut Vec<usize>) {
    let n = bases.len();
    run_start.clear();
    run_end.clear();
    run_start.resize(n, 0);
    run_end.resize(n, 0);
    let capital = |j: usize| matches!(bases[j].shape_class, 1 | 2);
    let mut i = 0;
    while i < n {
        if !capital(i) {
            run_start[i] = i;
            run_end[i] = i + 1;
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n && capital(j) {
            j += 1;
        }
        for k in i..j {
            run_start[k] = i;
            run_end[k] = j;
        }
        i = j;
    }
}

/// The keys of token `i` that depend on more than one word form (bigrams,
/// shape and capitalisation context, triggers, gazetteer, runs), plus the
/// sentence-boundary forms of the neighbour keys (appended): [`pair_keys`]
/// and the small-domain groups, as the tagger's cache walks them.
pub fn context_keys(v: &SentenceView<'_>, i: usize, keys: &mut Vec<u64>) {
    pair_keys(v, i, keys);
    let c = small_context(v, i);
    shape_context_keys(c.shape_context, keys);
    position_keys(c.position, keys);
    if let Some(r) = c.run_shape {
        keys.push(run_shape_key(r));
    }
    for (pos, trigger) in c.triggers.iter().enumerate() {
        if *trigger != 0 {
            keys.push(trigger_key(pos, *trigger, c.shape_class));
        }
    }
    for (pos, bits) in c.gazetteer.iter().enumerate() {
        for bit in 0..(2 * N_CLASSES) as u8 {
            if bits & (1 << bit) != 0 {
                gazetteer_keys(pos, bit, c.shape_class, c.gazetteer_trust, keys);
            }
        }
    }
}

const BOS: u64 = 0x5EED_0001;
const EOS: u64 = 0x5EED_0002;

/// Keys of token `i` over two word hashes (bigrams, neighbour word with own
/// shape, the words around a capitalised run) and the boundary forms of
/// the neighbour keys.
pub fn pair_keys(v: &SentenceView<'_>, i: usize, keys: &mut Vec<u64>) {
    let n = v.bases.len();
    let b = &v.bases;
    let hl = |j: isize| -> u64 {
        if j < 0 {
            BOS
        } else if j as usize >= n {
            EOS
        } else {
            b[j as usize].h_lower
        }
    };
    let ii = i as isize;
    let sc = u64::from(b[i].shape_class);
    let h_self = b[i].h_lower;
    if i == 0 {
        keys.push(mix(20, BOS, 0));
    }
    if i < 2 {
        keys.push(mix(22, BOS, 0));
    }
    if i + 1 >= n {
        keys.push(mix(21, EOS, 0));
    }
    if i + 2 >= n {
        keys.push(mix(23, EOS, 0));
    }
    keys.push(mix(24, hl(ii - 1), h_self));
    keys.push(mix(25, h_self, hl(ii + 1)));
    keys.push(mix(30, hl(ii - 1), sc));
    keys.push(mix(31, sc, hl(ii + 1)));
    if matches!(b[i].shape_class, 1 | 2) {
        let (rs, re) = (v.run_start[i], v.run_end[i]);
        let from_start = (i - rs).min(4) as u64;
        let to_end = (re - 1 - i).min(4) as u64;
        keys.push(mix(
            66,
            hl(rs as isize - 1),
            from_start.min(2) * 4 + to_end.min(2),
        ));
        keys.push(mix(67, hl(re as isize), to_end.min(1)));
        if let Some(k) = org_suffix_run_key(v.gaz[re - 1], re - rs, from_start, to_end) {
            keys.push(k);
        }
    }
}

/// The gazetteer bit of a word that begins an organisation-suffix match.
const ORG_SUFFIX_BIT: GazBits = 1 << (2 * crate::gazetteer::GazClass::OrgSuffix as u32);

/// A capitalised run of several words that ends in an organisation suffix
/// ("Google Inc.", "Toyota Motor Corp.", "Astra International Tbk"): the
/// token's place in it (template 68). The neighbour features see a suffix
/// only within two words and read it like any capitalised word (a
/// surname), so without this a name alone, "Google Inc.", reads like an
/// e-mail signature, "John Smith".
#[inline]
fn org_suffix_run_key(last_bits: GazBits, len: usize, from_start: u64, to_end: u64) -> Option<u64> {
    (len > 1 && last_bits & ORG_SUFFIX_BIT != 0)
        .then(|| mix(68, from_start.min(2) * 4 + to_end.min(2), 0))
}

/// The small-valued facts of token `i` that the rest of its context keys
/// read; each group's keys are a function of a few small numbers, so a
/// tagger can keep their weight sums in dense tables.
#[derive(Debug, Clone, Copy)]
pub struct SmallContext {
    pub shape_class: u8,
    /// (class before, own class, class after); 9 beyond the sentence.
    pub shape_context: (u8, u8, u8),
    /// (own class, sentence flags 0..3, sentence-initial, capitalisation 0..12).
    pub position: (u8, u8, bool, u8),
    /// For a capitalised token: (distance from run start, to run end, both
    /// at most 4; run starts the sentence).
    pub run_shape: Option<(u8, u8, bool)>,
    /// Trigger number (0 = none) at -2, -1, +1, +2.
    pub triggers: [u8; 4],
    /// Gazetteer bits at 0, -1, +1, -2, +2 (0 beyond the sentence).
    pub gazetteer: [GazBits; 5],
    /// The token's capitalisation rate in unlabelled news, coarsely
    /// ([`gazetteer_trust`], 0..4), plus 4 when the token starts the
    /// sentence (where its capital letter says nothing): read with its own
    /// gazetteer bits.
    pub gazetteer_trust: u8,
}

pub fn small_context(v: &SentenceView<'_>, i: usize) -> SmallContext {
    let n = v.bases.len();
    let b = &v.bases;
    let ii = i as isize;
    let at = |j: isize| (j >= 0 && (j as usize) < n).then_some(j as usize);
    let cls = |j: isize| at(j).map_or(9, |j| b[j].shape_class);
    let sc = b[i].shape_class;
    let sent_flags = u8::from(v.shape.all_lower) | (u8::from(v.shape.headline) << 1);
    let run_shape = matches!(sc, 1 | 2).then(|| {
        let (rs, re) = (v.run_start[i], v.run_end[i]);
        ((i - rs).min(4) as u8, (re - 1 - i).min(4) as u8, rs == 0)
    });
    SmallContext {
        shape_class: sc,
        shape_context: (cls(ii - 1), sc, cls(ii + 1)),
        position: (sc, sent_flags, i == 0, capitalisation(b[i].clusters) as u8),
        run_shape,
        triggers: [ii - 2, ii - 1, ii + 1, ii + 2].map(|j| at(j).map_or(0, |j| b[j].trigger)),
        gazetteer: [ii, ii - 1, ii + 1, ii - 2, ii + 2].map(|j| at(j).map_or(0, |j| v.gaz[j])),
        gazetteer_trust: own_gazetteer_trust(b[i].clusters, i == 0),
    }
}

/// The word's mid cluster with its shape here and its capitalisation in
/// the news ([`gazetteer_trust`]'s buckets), template 48: a capitalised word
/// of a cluster of names that is nearly always capitalised reads apart from
/// one of the same cluster that is usually lower case (session 6).
#[inline]
fn cluster_trust_key(c: [u16; 4], sc: u8) -> u64 {
    mix(
        48,
        u64::from(c[1]),
        u64::from(sc) * 4 + u64::from(gazetteer_trust(c)),
    )
}

/// [`SmallContext::gazetteer_trust`]: [`gazetteer_trust`], plus 4 for the
/// sentence's first token.
#[inline]
fn own_gazetteer_trust(clusters: [u16; 4], sentence_initial: bool) -> u8 {
    gazetteer_trust(clusters) + 4 * u8::from(sentence_initial)
}

/// How far a gazetteer match of the token can be trusted, from how often
/// the word is capitalised mid-sentence in unlabelled news: 0 mostly lower
/// case (a common word that is also a place somewhere: "kota", "kita",
/// "negara", "antara"), 1 mixed, 2 nearly always capitalised (a name:
/// "Kyiv", "Tass"), 3 too rare to say or outside the table (session 6).
#[inline]
pub fn gazetteer_trust(c: [u16; 4]) -> u8 {
    match capitalisation(c) {
        0..=3 => 0,
        4..=7 => 1,
        8..=10 => 2,
        _ => 3,
    }
}

/// Shape classes around the token (templates 26–28).
pub fn shape_context_keys((prev, sc, next): (u8, u8, u8), keys: &mut Vec<u64>) {
    let (prev, sc, next) = (u64::from(prev), u64::from(sc), u64::from(next));
    keys.push(mix(26, prev * 16 + next, sc));
    keys.push(mix(27, prev, sc));
    keys.push(mix(28, sc, next));
}

/// Capitalisation against position and sentence (templates 29, 62).
pub fn position_keys((sc, sent_flags, first, cap): (u8, u8, bool, u8), keys: &mut Vec<u64>) {
    let (sc, flags, first) = (u64::from(sc), u64::from(sent_flags), u64::from(first));
    keys.push(mix(29, sc * 4 + flags, first));
    keys.push(mix(62, u64::from(cap), sc * 4 + flags + 16 * first));
}

/// Where a capitalised token sits in its run (template 65).
pub fn run_shape_key((from_start, to_end, at_start): (u8, u8, bool)) -> u64 {
    mix(
        65,
        u64::from(from_start) * 8 + u64::from(to_end),
        u64::from(at_start),
    )
}

/// A trigger word at position `pos` of -2, -1, +1, +2 (templates 32–35).
pub fn trigger_key(pos: usize, trigger: u8, sc: u8) -> u64 {
    mix(32 + pos as u64, u64::from(trigger), u64::from(sc))
}

/// Gazetteer bit `bit` at position `pos` of 0, -1, +1, -2, +2 (templates 40–44).
pub fn gazetteer_key(pos: usize, bit: u8, sc: u8) -> u64 {
    mix(
        40 + pos as u64,
        u64::from(bit),
        if pos == 0 { u64::from(sc) } else { 7 },
    )
}

/// The keys of gazetteer bit `bit` at position `pos`: [`gazetteer_key`],
/// and for the token's own bits also the bit with the token's shape and
/// `trust` ([`SmallContext::gazetteer_trust`], template 45), so that a place
/// list's common-word entries ("Kota", "Kita") do not dilute what a name in
/// it ("Kyiv") says, and a sentence-initial match has its own weight.
#[inline]
pub fn gazetteer_keys(pos: usize, bit: u8, sc: u8, trust: u8, keys: &mut Vec<u64>) {
    keys.push(gazetteer_key(pos, bit, sc));
    if pos == 0 {
        keys.push(mix(
            45,
            u64::from(bit),
            u64::from(sc) * 8 + u64::from(trust),
        ));
    }
}

/// Every trigger-word and gazetteer key [`extract`] can produce (a small,
/// fixed set), so training can treat these rows apart.
pub fn signal_keys() -> Vec<u64> {
    let mut keys = Vec::new();
    for sc in 0..5u8 {
        for pos in 0..4 {
            for trigger in 1..=TRIGGERS.len() as u8 {
                keys.push(trigger_key(pos, trigger, sc));
            }
        }
        for pos in 0..5 {
            for bit in 0..(2 * N_CLASSES) as u8 {
                for trust in 0..8 {
                    gazetteer_keys(pos, bit, sc, trust, &mut keys);
                }
            }
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Computes the feature keys of every token of one sentence into
/// `scratch.keys` / `scratch.offsets`.
pub fn extract(
    words: &[&str],
    gazetteer: &Gazetteer,
    clusters: &Clusters,
    scratch: &mut FeatureScratch,
) {
    let n = words.len();
    let sh = sentence_shape(words);
    let s = scratch;
    s.lower.clear();
    s.lower_ranges.clear();
    s.h_word.clear();
    s.h_lower.clear();
    s.h_shape.clear();
    s.shape_class.clear();
    s.trigger.clear();
    s.clusters.clear();
    s.word_class.clear();
    s.neighbour_class.clear();
    let mut shape_buf = String::new();
    for w in words {
        let start = s.lower.len();
        let b = word_base(w, clusters, gazetteer, &mut s.lower, &mut shape_buf);
        s.word_class.push(b.word_class);
        s.neighbour_class.push(b.neighbour_class);
        s.lower_ranges.push((start, s.lower.len()));
        s.h_word.push(b.h_word);
        s.h_lower.push(b.h_lower);
        s.h_shape.push(b.h_shape);
        s.shape_class.push(b.shape_class);
        s.trigger.push(b.trigger);
        s.clusters.push(b.clusters);
    }
    {
        let lower_words: Vec<&str> = s
            .lower_ranges
            .iter()
            .map(|&(a, b)| &s.lower[a..b])
            .collect();
        gazetteer.annotate(
            lower_words.iter().copied(),
            &mut s.gaz,
            &mut s.gaz_buf,
            &mut s.gaz_starts,
        );
    }

    const BOS: u64 = 0x5EED_0001;
    const EOS: u64 = 0x5EED_0002;
    let sent_flags = u64::from(sh.all_lower) | (u64::from(sh.headline) << 1);
    // Runs of capitalised words ("Gubernur Jawa Barat Ridwan Kamil"): where a
    // token sits in its run, and what precedes the run.
    s.run_start.clear();
    s.run_end.clear();
    s.run_start.resize(n, 0);
    s.run_end.resize(n, 0);
    {
        let capital = |j: usize| matches!(s.shape_class[j], 1 | 2);
        let mut i = 0;
        while i < n {
            if !capital(i) {
                s.run_start[i] = i;
                s.run_end[i] = i + 1;
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < n && capital(j) {
                j += 1;
            }
            for k in i..j {
                s.run_start[k] = i;
                s.run_end[k] = j;
            }
            i = j;
        }
    }
    s.keys.clear();
    s.offsets.clear();
    for i in 0..n {
        s.offsets.push(s.keys.len());
        let keys = &mut s.keys;
        let hl = |j: isize| -> u64 {
            if j < 0 {
                BOS
            } else if j as usize >= n {
                EOS
            } else {
                s.h_lower[j as usize]
            }
        };
        let cls = |j: isize| -> u64 {
            if j < 0 || j as usize >= n {
                9
            } else {
                u64::from(s.shape_class[j as usize])
            }
        };
        let ii = i as isize;
        let (ls, le) = s.lower_ranges[i];
        let lw = &s.lower[ls..le];
        let sc = u64::from(s.shape_class[i]);
        keys.push(mix(0, 0, 0));
        keys.push(mix(1, s.h_word[i], 0));
        keys.push(mix(2, s.h_lower[i], 0));
        keys.push(mix(3, s.h_shape[i], 0));
        affix_keys(lw, keys);
        keys.push(mix(20, hl(ii - 1), 0));
        keys.push(mix(21, hl(ii + 1), 0));
        keys.push(mix(22, hl(ii - 2), 0));
        keys.push(mix(23, hl(ii + 2), 0));
        keys.push(mix(24, hl(ii - 1), s.h_lower[i]));
        keys.push(mix(25, s.h_lower[i], hl(ii + 1)));
        keys.push(mix(26, cls(ii - 1) * 16 + cls(ii + 1), sc));
        keys.push(mix(27, cls(ii - 1), sc));
        keys.push(mix(28, sc, cls(ii + 1)));
        // Capitalisation in context: sentence-initial, headline, all lower.
        keys.push(mix(29, sc * 4 + sent_flags, u64::from(i == 0)));
        keys.push(mix(30, hl(ii - 1), sc));
        keys.push(mix(31, sc, hl(ii + 1)));
        // Trigger words around the token.
        for (t, j) in [(32u64, ii - 2), (33, ii - 1), (34, ii + 1), (35, ii + 2)] {
            if j >= 0 && (j as usize) < n && s.trigger[j as usize] != 0 {
                keys.push(mix(t, u64::from(s.trigger[j as usize]), sc));
            }
        }
        // Gazetteer bits of the token and its neighbours.
        let own_trust = own_gazetteer_trust(s.clusters[i], i == 0);
        for (t, j) in [
            (40u64, ii),
            (41, ii - 1),
            (42, ii + 1),
            (43, ii - 2),
            (44, ii + 2),
        ] {
            if j < 0 || j as usize >= n {
                continue;
            }
            let bits = s.gaz[j as usize];
            if bits == 0 {
                continue;
            }
            for b in 0..(2 * N_CLASSES) as u8 {
                if bits & (1 << b) != 0 {
                    gazetteer_keys((t - 40) as usize, b, s.shape_class[i], own_trust, keys);
                }
            }
        }
        // Word clusters at three granularities, for the token and neighbours.
        for (t, j) in [
            (50u64, ii),
            (53, ii - 1),
            (56, ii + 1),
            (70, ii - 2),
            (73, ii + 2),
        ] {
            if j < 0 || j as usize >= n {
                continue;
            }
            let c = s.clusters[j as usize];
            for (g, id) in c[..3].iter().enumerate() {
                if *id != u16::MAX {
                    keys.push(mix(t + g as u64, u64::from(*id), 0));
                }
            }
        }
        {
            let c = s.clusters[i];
            if c[1] != u16::MAX {
                keys.push(mix(60, u64::from(c[1]), sc));
                keys.push(cluster_trust_key(c, s.shape_class[i]));
            }
            // How often the word is capitalised mid-sentence in unlabelled
            // text, read against its capitalisation here and its position.
            keys.push(mix(
                62,
                u64::from(capitalisation(c)),
                sc * 4 + sent_flags + 16 * u64::from(i == 0),
            ));
            for (t, j) in [(63u64, ii - 1), (64, ii + 1)] {
                if j >= 0 && (j as usize) < n {
                    let (a, b) = s.lower_ranges[j as usize];
                    keys.push(mix(
                        t,
                        u64::from(neighbour_capitalisation(
                            &s.lower[a..b],
                            s.clusters[j as usize],
                        )),
                        cls(j),
                    ));
                }
            }
        }
        if matches!(s.shape_class[i], 1 | 2) {
            let (rs, re) = (s.run_start[i], s.run_end[i]);
            let from_start = (i - rs).min(4) as u64;
            let to_end = (re - 1 - i).min(4) as u64;
            keys.push(mix(65, from_start * 8 + to_end, u64::from(rs == 0)));
            keys.push(mix(
                66,
                hl(rs as isize - 1),
                from_start.min(2) * 4 + to_end.min(2),
            ));
            keys.push(mix(67, hl(re as isize), to_end.min(1)));
            if let Some(k) = org_suffix_run_key(s.gaz[re - 1], re - rs, from_start, to_end) {
                keys.push(k);
            }
        }
        // Neighbouring words as written (case kept).
        if i > 0 {
            keys.push(mix(76, s.h_word[i - 1], 0));
        }
        if i + 1 < n {
            keys.push(mix(77, s.h_word[i + 1], 0));
        }
        // Word classes of the token and (English) the words at ±1.
        own_word_class_keys(s.word_class[i], s.shape_class[i], keys);
        if i > 0 {
            neighbour_word_class_keys(s.neighbour_class[i - 1], 114, keys);
        }
        if i + 1 < n {
            neighbour_word_class_keys(s.neighbour_class[i + 1], 116, keys);
        }
        // Length bucket.
        keys.push(mix(61, lw.chars().count().min(12) as u64, sc));
        char_ngram_keys(lw, s.shape_class[i], keys);
    }
    s.offsets.push(s.keys.len());
}

/// Words of the tests that check the tagger's keys and sums on random
/// sentences: names, trigger words, gazetteer entries (one and several
/// words), case variants, punctuation, non-ASCII forms and the empty word.
#[cfg(test)]
pub(crate) const TEST_WORDS: &[&str] = &[
    "Presiden",
    "Joko",
    "Widodo",
    "tiba",
    "di",
    "Jawa",
    "Barat",
    "jawa",
    "barat",
    "kata",
    "PT",
    "Bank",
    "Mandiri",
    "Tbk",
    ".",
    ",",
    "COVID-19",
    "U.S.",
    "the",
    "of",
    "Mr.",
    "London",
    "rusia",
    "Rusia",
    "ÉCOLE",
    "é",
    "ß",
    "Jakarta",
    "KPK",
    "2024",
    "\u{0130}stanbul",
    "menteri",
    "Luar",
    "Negeri",
    "x",
    "",
    "said",
    "Gubernur",
    "rumah",
    "Kabupaten",
    "Bandung",
    "New",
    "York",
    "City",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_classes() {
        let mut b = String::new();
        shape_into("Jakarta", &mut b);
        assert_eq!(b, "Xx");
        shape_into("COVID-19", &mut b);
        assert_eq!(b, "X-d");
        assert_eq!(shape_class("Jakarta"), 1);
        assert_eq!(shape_class("KPK"), 2);
        assert_eq!(shape_class("rumah"), 0);
        assert_eq!(shape_class(","), 4);
        assert_eq!(prefix("ab", 3), None);
        assert_eq!(suffix("jakarta", 3), Some("rta"));
        assert_eq!(suffix("é", 1), None);
    }

    /// A gazetteer match carries the word's capitalisation in the news, so a
    /// list's common-word entries do not dilute what its names say.
    #[test]
    fn gazetteer_matches_are_read_with_the_word_s_capitalisation() {
        // Capitalisation in tenths is the fourth cluster value (11: rare).
        assert_eq!(gazetteer_trust([0, 0, 0, 1]), 0);
        assert_eq!(gazetteer_trust([0, 0, 0, 6]), 1);
        assert_eq!(gazetteer_trust([0, 0, 0, 10]), 2);
        assert_eq!(gazetteer_trust([0, 0, 0, 11]), 3);
        assert_eq!(gazetteer_trust([u16::MAX; 4]), 3);
        // "Kota" (a place in the list, but mostly a lower-case word) and
        // "Kyiv" (always capitalised) get different template-45 keys for the
        // same gazetteer bit and shape; other keys of the bit are shared.
        let words = vec!["kota".to_string(), "kyiv".to_string()];
        let clusters = Clusters::new(&words, &[[1, 1, 1, 1], [2, 2, 2, 10]]);
        let gaz = Gazetteer::embedded();
        let mut s = FeatureScratch::default();
        let keys_of = |w: &str, s: &mut FeatureScratch| {
            extract(&["Lalu", w, "."], &gaz, &clusters, s);
            s.keys[s.offsets[1]..s.offsets[2]].to_vec()
        };
        let kota = keys_of("Kota", &mut s);
        let kyiv = keys_of("Kyiv", &mut s);
        let city = 2 * crate::gazetteer::GazClass::City as u8;
        let mut expected = Vec::new();
        gazetteer_keys(0, city, 1, 2, &mut expected);
        assert!(expected.iter().all(|k| kyiv.contains(k)));
        assert!(!kota.contains(&expected[1]) && kota.contains(&expected[0]));
    }

    /// The keys lexical dropout hides are the token's own keys: every one of
    /// them is among [`extract`]'s keys for that token, and a word and its
    /// character n-grams are among them.
    #[test]
    fn own_lexical_keys_are_keys_of_the_token() {
        let clusters = Clusters::new(&["jakarta".to_string()], &[[3, 2, 1, 9]]);
        let gaz = Gazetteer::embedded();
        let mut scratch = FeatureScratch::default();
        let words = [
            "Presiden", "Joko", "Widodo", "di", "Jakarta", "’s", ".", "é",
        ];
        extract(&words, &gaz, &clusters, &mut scratch);
        for i in 0..words.len() {
            let own = &scratch.keys[scratch.offsets[i]..scratch.offsets[i + 1]];
            let mut lexical = Vec::new();
            own_lexical_keys(&words, i, &mut lexical);
            assert!(lexical.len() >= 4, "{}", words[i]);
            for k in &lexical {
                assert!(
                    own.contains(k),
                    "{}: a lexical key not among its keys",
                    words[i]
                );
            }
            // The bias and the shape are not lexical.
            assert!(!lexical.contains(&mix(0, 0, 0)));
            let mut cluster_keys = Vec::new();
            own_cluster_keys(words[i], &clusters, &mut cluster_keys);
            assert_eq!(
                cluster_keys.len(),
                if i == 4 { 5 } else { 0 },
                "{}",
                words[i]
            );
            assert!(cluster_keys.iter().all(|k| own.contains(k)), "{}", words[i]);
        }
        let mut lexical = Vec::new();
        own_lexical_keys(&words, 4, &mut lexical);
        let mut grams = Vec::new();
        char_ngram_keys("jakarta", 1, &mut grams);
        assert!(grams.iter().all(|k| lexical.contains(k)));
    }

    /// The split used by the tagger's word-form cache gives every token
    /// exactly the keys of `extract` (as a multiset).
    #[test]
    fn role_and_context_keys_partition_the_token_keys() {
        let vocab = crate::features::TEST_WORDS;
        let cluster_words: Vec<String> = ["jakarta", "di", "presiden", "rusia", "kata", "the"]
            .map(String::from)
            .to_vec();
        let ids: Vec<[u16; 4]> = (0..cluster_words.len() as u16)
            .map(|k| [k, k / 2, u16::MAX, k * 2 % 13])
            .collect();
        let clusters = Clusters::new(&cluster_words, &ids);
        let gaz = Gazetteer::embedded();
        let mut scratch = FeatureScratch::default();
        let mut state = 0x1234_5678_u64;
        let mut next = |m: usize| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize % m
        };
        for _ in 0..600 {
            let n = 1 + next(12);
            let words: Vec<&str> = (0..n).map(|_| vocab[next(vocab.len())]).collect();
            extract(&words, &gaz, &clusters, &mut scratch);
            let mut lower = String::new();
            let mut shape_buf = String::new();
            let mut ranges = Vec::new();
            let bases: Vec<WordBase> = words
                .iter()
                .map(|w| {
                    let start = lower.len();
                    let b = word_base(w, &clusters, &gaz, &mut lower, &mut shape_buf);
                    ranges.push((start, lower.len()));
                    b
                })
                .collect();
            let mut gaz_bits = Vec::new();
            let (mut buf, mut starts) = (String::new(), Vec::new());
            gaz.annotate(
                ranges.iter().map(|&(a, b)| &lower[a..b]),
                &mut gaz_bits,
                &mut buf,
                &mut starts,
            );
            let (mut rs, mut re) = (Vec::new(), Vec::new());
            capital_runs(&bases, &mut rs, &mut re);
            let view = SentenceView {
                bases: &bases,
                gaz: &gaz_bits,
                shape: sentence_shape(&words),
                run_start: &rs,
                run_end: &re,
            };
            for i in 0..n {
                let mut want = scratch.keys[scratch.offsets[i]..scratch.offsets[i + 1]].to_vec();
                let mut got = Vec::new();
                let lw = |j: usize| &lower[ranges[j].0..ranges[j].1];
                role_keys(&bases[i], lw(i), Role::Own, &mut got);
                if i >= 1 {
                    role_keys(&bases[i - 1], lw(i - 1), Role::Prev1, &mut got);
                }
                if i >= 2 {
                    role_keys(&bases[i - 2], lw(i - 2), Role::Prev2, &mut got);
                }
                if i + 1 < n {
                    role_keys(&bases[i + 1], lw(i + 1), Role::Next1, &mut got);
                }
                if i + 2 < n {
                    role_keys(&bases[i + 2], lw(i + 2), Role::Next2, &mut got);
                }
                context_keys(&view, i, &mut got);
                want.sort_unstable();
                got.sort_unstable();
                assert_eq!(want, got, "{words:?} token {i}");
            }
        }
    }

    #[test]
    fn organisation_suffix_runs_and_neighbour_capitalisation() {
        let gazetteer = Gazetteer::embedded();
        let clusters = Clusters::new(&[], &[]);
        let mut scratch = FeatureScratch::default();
        // Per token, how many template-68 keys it has.
        let mut run_keys = |words: &[&str]| -> Vec<usize> {
            extract(words, &gazetteer, &clusters, &mut scratch);
            (0..words.len())
                .map(|i| {
                    scratch.keys[scratch.offsets[i]..scratch.offsets[i + 1]]
                        .iter()
                        .filter(|&&k| (0..16).any(|v| k == mix(68, v, 0)))
                        .count()
                })
                .collect()
        };
        assert_eq!(run_keys(&["Kopi", "Nusantara", "Ltd."]), [1, 1, 1]);
        assert_eq!(
            run_keys(&["shares", "of", "Sumber", "Makmur", "Corp.", "rose"]),
            [0, 0, 1, 1, 1, 0]
        );
        // A name, a suffix alone, and a suffix not ending the run.
        assert_eq!(run_keys(&["Budi", "Santoso"]), [0, 0]);
        assert_eq!(run_keys(&["Inc."]), [0]);
        assert_eq!(run_keys(&["the", "Inc.", "Magazine"]), [0, 0, 0]);
        // A legal-form suffix is not read as an always-capitalised word.
        let unknown = [u16::MAX; 4];
        assert_eq!(neighbour_capitalisation("corp.", unknown), 13);
        assert_eq!(neighbour_capitalisation("tbk", unknown), 13);
        assert_eq!(
            neighbour_capitalisation("santoso", unknown),
            capitalisation(unknown)
        );
    }

    #[test]
    fn character_ngrams_cover_the_marked_word() {
        let count = |w: &str, sc: u8| {
            let mut keys = Vec::new();
            char_ngram_keys(w, sc, &mut keys);
            keys
        };
        // 7 letters: 7 trigrams, 6 four-grams, 5 five-grams over "^jakarta$".
        assert_eq!(count("jakarta", 1).len(), 18);
        // "^ab", "ab$", "^ab$".
        assert_eq!(count("ab", 0).len(), 3);
        assert_eq!(count("é", 0).len(), 1);
        assert!(count(",", 4).is_empty());
        assert!(count("", 4).is_empty());
        assert!(count(&"a".repeat(26), 0).is_empty());
        // The same trigram inside two words is one key ("kar"); the marks
        // keep a word's start apart: "^ja" (first key of "ja") is not in
        // "xja", its "ja$" is.
        let (a, b) = (count("jakarta", 1), count("karta", 1));
        assert!(a.iter().any(|k| b.contains(k)));
        let (ja, xja) = (count("ja", 1), count("xja", 1));
        assert!(!xja.contains(&ja[0]));
        assert!(xja.contains(&ja[1]));
    }

    #[test]
    fn sentence_shapes() {
        assert!(sentence_shape(&["ini", "rumah", "budi"]).all_lower);
        assert!(sentence_shape(&["Ini", "Rumah", "Budi", "Di", "Jakarta"]).headline);
        assert!(!sentence_shape(&["Ini", "rumah", "Budi", "di", "Jakarta"]).headline);
    }

    #[test]
    fn word_class_prefixes_keep_their_length() {
        // Path "0110" under its leading 1 bit.
        let c = 0b10110;
        assert_eq!(word_class_prefix(c, 2), 0b101);
        assert_eq!(word_class_prefix(c, 4), u64::from(c));
        // A shorter path is read whole.
        assert_eq!(word_class_prefix(c, 10), u64::from(c));
        // Paths "01" and "0100" share a 2-step prefix but not the
        // 4-step one.
        assert_eq!(word_class_prefix(0b101, 4), 0b101);
        assert_eq!(word_class_prefix(0b10100, 2), 0b101);
        let mut keys = Vec::new();
        own_word_class_keys(0, 1, &mut keys);
        neighbour_word_class_keys(0, 114, &mut keys);
        assert!(keys.is_empty(), "a word without a class has no keys");
        own_word_class_keys(c, 1, &mut keys);
        assert_eq!(keys.len(), 5);
    }
}
