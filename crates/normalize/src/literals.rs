//! Several literal patterns found in one pass over a text: a SIMD searcher
//! (Teddy) where the CPU has one, an Aho-Corasick automaton elsewhere. The
//! SIMD one does not stop at every occurrence of a pattern's first byte,
//! which matters for patterns that open with a space (" ber ") or a common
//! letter.

use aho_corasick::{packed, AhoCorasick, MatchKind};

pub(crate) enum Literals {
    Packed(packed::Searcher),
    Automaton(AhoCorasick),
    /// Neither could be built (cannot happen for short literal patterns):
    /// nothing is found.
    Nothing,
}

impl Literals {
    /// A searcher for `patterns`; `longest`: of patterns matching at one
    /// start, the longest wins, else the first listed.
    pub(crate) fn new<P: AsRef<[u8]>>(patterns: &[P], longest: bool) -> Self {
        let mut config = packed::Config::new();
        config.match_kind(if longest { packed::MatchKind::LeftmostLongest } else { packed::MatchKind::LeftmostFirst });
        let mut builder = config.builder();
        builder.extend(patterns);
        if let Some(searcher) = builder.build() {
            return Literals::Packed(searcher);
        }
        AhoCorasick::builder()
            .match_kind(if longest { MatchKind::LeftmostLongest } else { MatchKind::LeftmostFirst })
            .build(patterns)
            .map_or(Literals::Nothing, Literals::Automaton)
    }

    /// Every match in `haystack`, left to right, none overlapping: start,
    /// end and the index of the pattern.
    pub(crate) fn find_all(&self, haystack: &[u8]) -> Vec<(usize, usize, usize)> {
        match self {
            Literals::Packed(s) => s.find_iter(haystack).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect(),
            Literals::Automaton(a) => a.find_iter(haystack).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect(),
            Literals::Nothing => Vec::new(),
        }
    }
}
