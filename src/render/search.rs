//! The per-locale search index, built at build time and read by a small script on the page.
//!
//! `<locale>/search-index.json`:
//! `{"docs": [{"url", "title", "section", "snippet"}], "terms": {term: [doc, …]}}`. A doc is a
//! [`Section`] of a page: its start (`url` `slug/`, `section` "") or the part under a heading
//! of level 2 or 3 (`slug/#id`, the heading's text), with the section's first words as
//! `snippet`. Terms are the lowercase words of each section (Unicode word boundaries,
//! UAX #29) and, where Snowball has an algorithm for the language, their stems
//! (rust-stemmers), so "incidenten" finds "incident". The script matches query words as
//! prefixes of terms.

use std::collections::BTreeMap;

use crate::segment::word_indices;
use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;

/// One search result: a section of a page.
#[derive(Debug, Clone, Serialize)]
pub struct Doc {
    /// URL relative to the locale directory (`slug/` or `slug/#id`).
    pub url: String,
    /// The page title.
    pub title: String,
    /// The section's heading ("" for the start of the page).
    pub section: String,
    /// The section's first words.
    pub snippet: String,
}

/// Longest snippet, in characters.
pub const SNIPPET: usize = 160;

/// A searchable part of a page: its start (up to the first heading of level 2 or 3 with an
/// id) or the part from such a heading to the next.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Section {
    /// The heading's id ("" for the start of the page).
    pub anchor: String,
    /// The heading's text ("" for the start of the page).
    pub heading: String,
    /// The section's first words after the heading, at most [`SNIPPET`] characters.
    pub snippet: String,
    /// Distinct lowercase words of the heading and section, one per line, in the order they
    /// first appear (the title's words last, in the page's start).
    pub words: String,
}

/// The sections of a page whose visible text is `text` (with `headings`' ranges in it, as
/// [`super::markdown::Html`] gives them); the page's `title` counts as the first section's.
pub fn sections<'t>(text: &'t str, headings: &[super::markdown::Heading], title: &'t str) -> Vec<Section> {
    let cuts: Vec<&super::markdown::Heading> =
        headings.iter().filter(|h| (2..=3).contains(&h.level) && !h.id.is_empty()).collect();
    let first_end = cuts.first().map_or(text.len(), |h| h.range.start);
    // The page's start: its h1 (the title) is the heading, not the snippet.
    let intro_start = headings.iter().find(|h| h.level == 1 && h.range.end <= first_end).map_or(0, |h| h.range.end);
    let mut out = Vec::with_capacity(cuts.len() + 1);
    out.push(Section { snippet: snippet(&text[intro_start..first_end]), ..Section::default() });
    for (i, h) in cuts.iter().enumerate() {
        let end = cuts.get(i + 1).map_or(text.len(), |n| n.range.start);
        out.push(Section {
            anchor: h.id.clone(),
            heading: h.text.clone(),
            snippet: snippet(&text[h.range.end.min(end)..end]),
            words: String::new(),
        });
    }
    // One pass over the page's words: each distinct word gets an id, and each section the
    // ids of its words (a heading's words in its own); lowercased once per distinct word.
    let starts: Vec<usize> = cuts.iter().map(|h| h.range.start).collect();
    let mut ids: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
    let mut distinct: Vec<&str> = Vec::new();
    // 1 + the last section each distinct word was listed in (words come in section order).
    let mut last: Vec<usize> = Vec::new();
    let mut lists: Vec<Vec<u32>> = vec![Vec::new(); out.len()];
    let mut note = |section: usize, word: &'t str| {
        if word.chars().nth(1).is_none() {
            return;
        }
        let id = *ids.entry(word).or_insert_with(|| {
            distinct.push(word);
            last.push(0);
            distinct.len() as u32 - 1
        });
        if last[id as usize] != section + 1 {
            last[id as usize] = section + 1;
            lists[section].push(id);
        }
    };
    let mut section = 0;
    word_indices(text, |at, word| {
        while starts.get(section).is_some_and(|&s| s <= at) {
            section += 1;
        }
        note(section, word);
    });
    word_indices(title, |_, word| note(0, word));
    // Lowercase once per distinct word; words that differ only in case become one.
    let mut lower_ids: rustc_hash::FxHashMap<std::borrow::Cow<str>, u32> = rustc_hash::FxHashMap::default();
    let mut lower: Vec<u32> = Vec::with_capacity(distinct.len());
    for word in &distinct {
        let folded = if word.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
            std::borrow::Cow::Owned(word.to_lowercase())
        } else {
            std::borrow::Cow::Borrowed(*word)
        };
        let next = lower_ids.len() as u32;
        lower.push(*lower_ids.entry(folded).or_insert(next));
    }
    let mut folded: Vec<&str> = vec![""; lower_ids.len()];
    for (word, id) in &lower_ids {
        folded[*id as usize] = word;
    }
    // In the order the words first appear (the index sorts its terms when written).
    let mut listed = vec![usize::MAX; folded.len()];
    for (number, (section, list)) in out.iter_mut().zip(lists).enumerate() {
        let mut words = String::new();
        for id in list {
            let id = lower[id as usize] as usize;
            if listed[id] != number {
                listed[id] = number;
                if !words.is_empty() {
                    words.push('\n');
                }
                words.push_str(folded[id]);
            }
        }
        section.words = words;
    }
    out
}

/// The first words of `text` (whitespace collapsed), at most [`SNIPPET`] characters; only
/// the start of the text is read.
fn snippet(text: &str) -> String {
    // Whitespace-collapsed words until past the limit (`chars` counts a space after each),
    // so `shorten` knows to cut.
    let (mut out, mut chars) = (String::new(), 0);
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        chars += word.chars().count() + 1;
        if chars > SNIPPET + 1 {
            break;
        }
    }
    super::markdown::shorten(&out, SNIPPET)
}

/// A locale's index under construction ([`Index::new`]).
pub struct Index {
    docs: Vec<Doc>,
    /// The Snowball stemmer of the locale's language, if any.
    stemmer: Option<Stemmer>,
    /// Term → its number in `terms`.
    numbers: rustc_hash::FxHashMap<String, u32>,
    /// Every term (word or stem) once; sorted by text when written.
    terms: Vec<Term>,
}

/// One term of an [`Index`].
struct Term {
    text: String,
    /// The number of the word's stem when that is indexed too (`None` inside: the stem is the
    /// word, or under three characters); `None`: not stemmed yet (or only seen as a stem).
    stem: Option<Option<u32>>,
    /// The documents that have the term, ascending.
    docs: Vec<u32>,
}

/// The Snowball algorithm for a language subtag, if rust-stemmers has one.
fn algorithm(locale: &str) -> Option<Algorithm> {
    Some(match locale.split('-').next()? {
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "en" => Algorithm::English,
        "es" => Algorithm::Spanish,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "nl" => Algorithm::Dutch,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        _ => return None,
    })
}

impl Index {
    /// An empty index for `locale` (its language picks the stemmer).
    pub fn new(locale: &str) -> Index {
        Index {
            docs: Vec::new(),
            stemmer: algorithm(locale).map(Stemmer::create),
            numbers: rustc_hash::FxHashMap::default(),
            terms: Vec::new(),
        }
    }

    /// The number of term `text`, added when new.
    fn number(&mut self, text: &str) -> u32 {
        if let Some(&number) = self.numbers.get(text) {
            return number;
        }
        let number = self.terms.len() as u32;
        self.numbers.insert(text.to_string(), number);
        self.terms.push(Term { text: text.to_string(), stem: None, docs: Vec::new() });
        number
    }

    /// Adds a document with its lowercase `words` (a [`Section`]'s), each with its stem.
    pub fn add<'w>(&mut self, doc: Doc, words: impl Iterator<Item = &'w str>) {
        let id = self.docs.len() as u32;
        self.docs.push(doc);
        for number in self.term_numbers(words) {
            let docs = &mut self.terms[number as usize].docs;
            if docs.last() != Some(&id) {
                docs.push(id);
            }
        }
    }

    /// The numbers of the terms of `words`: each word's, then its stem's when that is indexed
    /// too, in order (a number may repeat); new terms are numbered.
    pub(super) fn term_numbers<'w>(&mut self, words: impl Iterator<Item = &'w str>) -> Vec<u32> {
        let mut numbers = Vec::new();
        for word in words {
            let number = self.number(word);
            let stem = match self.terms[number as usize].stem {
                Some(stem) => stem,
                None => {
                    let stem = match self.stemmer.as_ref().map(|s| s.stem(word)) {
                        Some(stem) if stem != word && stem.chars().nth(2).is_some() => Some(self.number(&stem)),
                        _ => None,
                    };
                    self.terms[number as usize].stem = Some(stem);
                    stem
                }
            };
            numbers.push(number);
            numbers.extend(stem);
        }
        numbers
    }

    /// How many terms are numbered.
    pub(super) fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// The text of term `number`.
    pub(super) fn term_text(&self, number: u32) -> &str {
        self.terms.get(number as usize).map_or("", |t| t.text.as_str())
    }

    /// The documents of term `number`, ascending (empty for an unknown number).
    pub(super) fn postings(&self, number: u32) -> &[u32] {
        self.terms.get(number as usize).map_or(&[], |t| t.docs.as_slice())
    }

    /// The documents of term `number`, to change (`None` for an unknown number).
    pub(super) fn postings_mut(&mut self, number: u32) -> Option<&mut Vec<u32>> {
        self.terms.get_mut(number as usize).map(|t| &mut t.docs)
    }

    /// The index as JSON.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Json<'a> {
            docs: &'a [Doc],
            terms: BTreeMap<&'a str, &'a [u32]>,
        }
        let terms = self.terms.iter().map(|t| (t.text.as_str(), t.docs.as_slice())).collect();
        // Strings, numbers and string-keyed maps: serializing cannot fail.
        serde_json::to_string(&Json { docs: &self.docs, terms }).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_stems_are_indexed() {
        let mut index = Index::new("nl");
        let title = "Technische ondersteuning";
        let doc = Doc { url: "a/".into(), title: title.into(), section: String::new(), snippet: String::new() };
        let page = sections("Tien incidenten per jaar", &[], title);
        index.add(doc, page[0].words.lines());
        let json = index.to_json();
        assert!(json.contains("\"incidenten\":[0]") && json.contains("\"incident\":[0]"), "{json}");
        assert!(json.contains("\"technische\":[0]"));
    }

    #[test]
    fn a_page_is_searched_by_section() {
        let html = super::super::markdown::to_html(
            "# Support {#top}\n\nIntro words.\n\n## Incidents {#incidents}\n\nTen per year.\n\n### Cloud {#cloud}\n\nUnlimited.\n\n## Plain\n\nNo id.\n",
            &Default::default(),
            &Default::default(),
        );
        let found = sections(&html.text, &html.headings, "Support");
        let summary: Vec<(&str, &str, &str)> =
            found.iter().map(|s| (s.anchor.as_str(), s.heading.as_str(), s.snippet.as_str())).collect();
        assert_eq!(
            summary,
            [
                ("", "", "Intro words."),
                ("incidents", "Incidents", "Ten per year."),
                ("cloud", "Cloud", "Unlimited. Plain No id.")
            ]
        );
        assert_eq!(found[1].words, "incidents\nten\nper\nyear", "distinct, lowercase, in text order");
        assert!(found[0].words.lines().any(|w| w == "support") && !found[0].words.contains("ten"));
    }
}
