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
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let first_end = cuts.first().map_or(text.len(), |h| h.range.start);
    // The page's start: its h1 (the title) is the heading, not the snippet.
    let intro_start = headings.iter().find(|h| h.level == 1 && h.range.end <= first_end).map_or(0, |h| h.range.end);
    out.push(Section {
        anchor: String::new(),
        heading: String::new(),
        snippet: snippet(&text[intro_start..first_end]),
        words: words(&text[..first_end], title),
    });
    for (i, h) in cuts.iter().enumerate() {
        let end = cuts.get(i + 1).map_or(text.len(), |n| n.range.start);
        let body = &text[h.range.end.min(end)..end];
        out.push(Section {
            anchor: h.id.clone(),
            heading: h.text.clone(),
            snippet: snippet(body),
            words: words(body, &h.text),
        });
    }
    out
}

fn snippet(text: &str) -> String {
    super::markdown::shorten(&text.split_whitespace().collect::<Vec<_>>().join(" "), SNIPPET)
}

/// A locale's index under construction.
#[derive(Debug, Default)]
pub struct Index {
    docs: Vec<Doc>,
    /// Term → ids of the documents that have it, ascending.
    terms: BTreeMap<String, Vec<u32>>,
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
        let post = |terms: &mut BTreeMap<String, Vec<u32>>, term: &str| {
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
                let stem = self.stems.entry(word.to_string()).or_insert_with(|| stemmer.stem(word).into_owned());
                if stem != word && stem.chars().count() >= 3 {
                    post(&mut self.terms, stem);
                }
            }
            post(&mut self.terms, word);
        }
    }

    /// The index as JSON.
    pub fn to_json(&self) -> String {
        serde_json::json!({ "docs": self.docs, "terms": self.terms }).to_string()
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
