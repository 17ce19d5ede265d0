//! The per-locale search index, built at build time and read by a small script on the page.
//!
//! `<locale>/search-index.json`: `{"docs": [{"url", "title"}], "terms": {term: [doc, …]}}`.
//! Terms are the lowercase words of each page (Unicode word boundaries, UAX #29) and, where
//! Snowball has an algorithm for the language, their stems (rust-stemmers), so "incidenten"
//! finds "incident". The script matches query words as prefixes of terms.

use std::collections::{BTreeMap, BTreeSet};

use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

/// One searchable page.
#[derive(Debug, Clone, Serialize)]
pub struct Doc {
    /// URL relative to the locale directory (`slug/`).
    pub url: String,
    /// The page title.
    pub title: String,
}

/// A locale's index under construction.
#[derive(Debug, Default)]
pub struct Index {
    docs: Vec<Doc>,
    terms: BTreeMap<String, BTreeSet<usize>>,
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
    /// Adds a page with its visible `text`, tokenized for `locale`.
    pub fn add(&mut self, locale: &str, doc: Doc, text: &str) {
        let id = self.docs.len();
        let stemmer = algorithm(locale).map(Stemmer::create);
        let title = doc.title.clone();
        self.docs.push(doc);
        for word in text.unicode_words().chain(title.unicode_words()) {
            let word = word.to_lowercase();
            if word.chars().count() < 2 {
                continue;
            }
            if let Some(stemmer) = &stemmer {
                let stem = stemmer.stem(&word).into_owned();
                if stem != word && stem.chars().count() >= 3 {
                    self.terms.entry(stem).or_default().insert(id);
                }
            }
            self.terms.entry(word).or_default().insert(id);
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
        index.add("nl", Doc { url: "a/".into(), title: "Technische ondersteuning".into() }, "Tien incidenten per jaar");
        let json = index.to_json();
        assert!(json.contains("\"incidenten\":[0]") && json.contains("\"incident\":[0]"), "{json}");
        assert!(json.contains("\"technische\":[0]"));
    }
}
