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

use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

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
    /// Distinct lowercase words of the heading and section, one per line ([`words`]).
    pub words: String,
}

/// The sections of a page whose visible text is `text` (with `headings`' ranges in it, as
/// [`super::markdown::Html`] gives them); the page's `title` counts as the first section's.
pub fn sections(text: &str, headings: &[super::markdown::Heading], title: &str) -> Vec<Section> {
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
    // One pass over the page's words: each distinct word with the sections it is in (a
    // heading's words in its own), lowercased once per page.
    let starts: Vec<usize> = cuts.iter().map(|h| h.range.start).collect();
    let mut found: rustc_hash::FxHashMap<&str, Vec<u32>> = rustc_hash::FxHashMap::default();
    let words = text.unicode_word_indices().map(|(at, w)| (starts.partition_point(|&s| s <= at) as u32, w));
    for (section, word) in words.chain(title.unicode_words().map(|w| (0, w))) {
        if word.chars().nth(1).is_none() {
            continue;
        }
        let sections = found.entry(word).or_default();
        if !sections.contains(&section) {
            sections.push(section);
        }
    }
    let mut lists: Vec<Vec<String>> = vec![Vec::new(); out.len()];
    for (word, sections) in found {
        let lower = word.to_lowercase();
        for section in sections {
            lists[section as usize].push(lower.clone());
        }
    }
    for (section, mut list) in out.iter_mut().zip(lists) {
        list.sort_unstable();
        list.dedup();
        section.words = list.join("\n");
    }
    out
}

/// The first words of `text` (whitespace collapsed), at most [`SNIPPET`] characters; only
/// the start of the text is read.
fn snippet(text: &str) -> String {
    let mut end = text.len().min(SNIPPET * 8);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    super::markdown::shorten(&text[..end].split_whitespace().collect::<Vec<_>>().join(" "), SNIPPET)
}

/// A locale's index under construction.
#[derive(Debug, Default)]
pub struct Index {
    docs: Vec<Doc>,
    /// Term → ids of the documents that have it, ascending (sorted by term when written).
    terms: rustc_hash::FxHashMap<String, Vec<u32>>,
    /// Stems already computed (pages repeat their vocabulary).
    stems: std::collections::HashMap<String, String>,
}

/// The distinct lowercase words (Unicode word boundaries, UAX #29) of `text` and `title`
/// that have at least two characters, sorted, one per line (compact to keep per page).
pub fn words(text: &str, title: &str) -> String {
    // Distinct words first, lowercased once each: pages repeat their vocabulary.
    let raw: rustc_hash::FxHashSet<&str> = text.unicode_words().chain(title.unicode_words()).collect();
    let mut words: Vec<String> =
        raw.into_iter().filter(|w| w.chars().nth(1).is_some()).map(str::to_lowercase).collect();
    words.sort_unstable();
    words.dedup();
    words.join("\n")
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
    /// Adds a document with its distinct lowercase `words` (see [`words`]), stemmed for
    /// `locale`.
    pub fn add<'w>(&mut self, locale: &str, doc: Doc, words: impl Iterator<Item = &'w str>) {
        let id = self.docs.len() as u32;
        let stemmer = algorithm(locale).map(Stemmer::create);
        self.docs.push(doc);
        let post = |terms: &mut rustc_hash::FxHashMap<String, Vec<u32>>, term: &str| {
            let docs = match terms.get_mut(term) {
                Some(docs) => docs,
                None => terms.entry(term.to_string()).or_default(),
            };
            if docs.last() != Some(&id) {
                docs.push(id);
            }
        };
        for word in words {
            if let Some(stemmer) = &stemmer {
                if !self.stems.contains_key(word) {
                    self.stems.insert(word.to_string(), stemmer.stem(word).into_owned());
                }
                let stem = &self.stems[word];
                if stem != word && stem.chars().count() >= 3 {
                    post(&mut self.terms, stem);
                }
            }
            post(&mut self.terms, word);
        }
    }

    /// The index as JSON.
    pub fn to_json(&self) -> String {
        let terms: BTreeMap<&String, &Vec<u32>> = self.terms.iter().collect();
        serde_json::json!({ "docs": self.docs, "terms": terms }).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_stems_are_indexed() {
        let mut index = Index::default();
        let title = "Technische ondersteuning";
        let doc = Doc { url: "a/".into(), title: title.into(), section: String::new(), snippet: String::new() };
        index.add("nl", doc, words("Tien incidenten per jaar", title).lines());
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
        assert_eq!(found[1].words, "incidents\nper\nten\nyear");
        assert!(found[0].words.lines().any(|w| w == "support") && !found[0].words.contains("ten"));
    }
}
