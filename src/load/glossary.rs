//! [`Glossary`]: the do-not-translate terms of `[check] do-not-translate` in `tolk.toml`,
//! searched for all at once.
//!
//! A team's list of product names runs to hundreds of terms, and the checker looks for them
//! in every message of every locale. One Aho–Corasick automaton over the terms (the
//! `aho-corasick` crate) finds every occurrence of every term in one pass over a text, so a
//! check costs the same with 3 terms or 300 (searching term by term, 300 terms made the check
//! of a 1,000-article site twelve times slower).

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// Do-not-translate terms, in the order `tolk.toml` lists them, and automata that find them.
/// Matching is by bytes, case-sensitive (a term is kept *verbatim*). Deserializes from a list
/// of strings; cloning shares the automata.
#[derive(Clone, Default)]
pub struct Glossary {
    terms: Vec<String>,
    /// Per term, its pattern in the automata (`None` for an empty term, which matches nothing).
    pattern_of: Vec<Option<usize>>,
    /// The distinct non-empty terms, leftmost-longest: where terms begin and how far they
    /// reach, as a reader takes them (`Azure DevOps` before `Azure`). `None` when there are none.
    longest: Option<AhoCorasick>,
    /// The same patterns with standard semantics, for overlapping searches (every term that
    /// occurs, `Azure` inside `Azure DevOps` too).
    every: Option<AhoCorasick>,
}

impl Glossary {
    /// A glossary of `terms` (duplicates and empty terms allowed).
    ///
    /// Errors: an automaton cannot be built (a list of terms far beyond a glossary's size:
    /// `aho-corasick`'s state identifiers run out).
    pub fn new(terms: Vec<String>) -> Result<Glossary, aho_corasick::BuildError> {
        let mut patterns: Vec<&str> = Vec::new();
        let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let pattern_of = terms
            .iter()
            .map(|term| {
                (!term.is_empty()).then(|| {
                    *index.entry(term.as_str()).or_insert_with(|| {
                        patterns.push(term.as_str());
                        patterns.len() - 1
                    })
                })
            })
            .collect();
        // A DFA (a glossary is small, and every message of every locale is searched), else
        // what the crate chooses.
        let build = |kind: MatchKind| {
            let mut builder = AhoCorasick::builder();
            builder.match_kind(kind);
            builder.kind(Some(AhoCorasickKind::DFA)).build(&patterns).or_else(|_| builder.kind(None).build(&patterns))
        };
        let (longest, every) = match patterns.is_empty() {
            true => (None, None),
            false => (Some(build(MatchKind::LeftmostLongest)?), Some(build(MatchKind::Standard)?)),
        };
        Ok(Glossary { terms, pattern_of, longest, every })
    }

    /// The terms, as listed.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// Whether it has no term that can occur (none, or only empty ones).
    pub fn is_empty(&self) -> bool {
        self.longest.is_none()
    }

    /// The indices (into [`Glossary::terms`]) of the terms that occur in `text`, ascending:
    /// every term, one inside another's occurrence too.
    pub fn occurring(&self, text: &str) -> Vec<usize> {
        let (Some(longest), Some(every)) = (&self.longest, &self.every) else { return Vec::new() };
        // Most texts hold no term: the first search stops at the first one. (`is_match`,
        // `find_iter` and `find_overlapping_iter` panic only for anchored searches or
        // overlapping ones without standard semantics, which these automata are not asked for.)
        if !longest.is_match(text) {
            return Vec::new();
        }
        let mut found = vec![false; every.patterns_len()];
        // Cannot panic: an automaton with standard semantics supports overlapping searches.
        for m in every.find_overlapping_iter(text) {
            if let Some(f) = found.get_mut(m.pattern().as_usize()) {
                *f = true;
            }
        }
        (0..self.terms.len()).filter(|&i| self.pattern_of[i].is_some_and(|p| found[p])).collect()
    }

    /// The occurrences of terms in `text` as byte ranges, in order, leftmost-longest: from
    /// where a term begins first, the longest term there; then on after its end.
    pub fn covered(&self, text: &str) -> Vec<Range<usize>> {
        match &self.longest {
            Some(longest) => longest.find_iter(text).map(|m| m.range()).collect(),
            None => Vec::new(),
        }
    }
}

impl std::fmt::Debug for Glossary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Glossary").field(&self.terms).finish()
    }
}

impl<'de> serde::Deserialize<'de> for Glossary {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Glossary, D::Error> {
        let terms = Vec::<String>::deserialize(deserializer)?;
        Glossary::new(terms).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary(terms: &[&str]) -> Glossary {
        Glossary::new(terms.iter().map(|t| t.to_string()).collect()).unwrap()
    }

    #[test]
    fn finds_every_term_and_takes_the_longest() {
        let g = glossary(&["Azure", "", "Azure DevOps", "Partner Center", "Azure"]);
        let text = "Open Azure DevOps, then Partner Center.";
        assert_eq!(g.occurring(text), vec![0, 2, 3, 4], "a term inside another occurs; duplicates too");
        assert_eq!(g.covered(text), vec![5..17, 24..38], "Azure DevOps, not Azure");
        assert_eq!(g.occurring("nothing here"), Vec::<usize>::new());
        assert!(glossary(&["", ""]).is_empty());
        assert!(glossary(&[]).covered("Azure").is_empty());
        assert!(glossary(&[]).occurring("Azure").is_empty());
    }

    #[test]
    fn occurrences_do_not_overlap_and_matching_is_verbatim() {
        let g = glossary(&["ab", "bc"]);
        assert_eq!(g.covered("abab azure AB"), vec![0..2, 2..4]);
        assert_eq!(g.covered("abc"), vec![0..2], "bc begins inside ab");
        assert_eq!(g.occurring("abc"), vec![0, 1]);
    }

    #[test]
    fn reads_from_toml() {
        #[derive(serde::Deserialize)]
        struct Check {
            terms: Glossary,
        }
        let check: Check = toml::from_str("terms = [\"Signature Cloud Support\", \"Kész\"]").unwrap();
        assert_eq!(check.terms.terms(), ["Signature Cloud Support", "Kész"]);
        assert_eq!(check.terms.occurring("A Kész és Signature Cloud Support"), vec![0, 1]);
    }

    proptest::proptest! {
        /// The automata find what a search term by term finds: every term that occurs, and
        /// from left to right the longest term that begins at each place not yet covered.
        #[test]
        fn same_as_term_by_term(terms in proptest::collection::vec("[ab é]{0,3}", 0..6), text in "[ab é]{0,24}") {
            let g = Glossary::new(terms.clone()).unwrap();
            let occurring: Vec<usize> =
                (0..terms.len()).filter(|&i| !terms[i].is_empty() && text.contains(terms[i].as_str())).collect();
            proptest::prop_assert_eq!(g.occurring(&text), occurring);
            let mut covered = Vec::new();
            let mut at = 0;
            while at < text.len() {
                let rest = &text[at..];
                match terms.iter().filter(|t| !t.is_empty() && rest.starts_with(t.as_str())).map(String::len).max() {
                    Some(len) => {
                        covered.push(at..at + len);
                        at += len;
                    }
                    None => at += rest.chars().next().map_or(1, char::len_utf8),
                }
            }
            proptest::prop_assert_eq!(g.covered(&text), covered);
        }
    }
}
