//! The per-locale search index, built at build time and read by a small script on the page.
//!
//! `<locale>/search-index.json`: `{"docs": [{"url", "title"}], "terms": {term: [doc, …]}}`.
//! Terms are the lowercase words of each page (Unicode word boundaries, UAX #29) and, where
//! Snowball has an algorithm for the language, their stems (rust-stemmers), so "incidenten"
//! finds "incident". The script matches query words as prefixes of terms.

use std::collections::BTreeMap;

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
    /// Adds a page with its distinct lowercase `words` (see [`words`]), stemmed for `locale`.
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
        index.add(
            "nl",
            Doc { url: "a/".into(), title: title.into() },
            words("Tien incidenten per jaar", title).lines(),
        );
        let json = index.to_json();
        assert!(json.contains("\"incidenten\":[0]") && json.contains("\"incident\":[0]"), "{json}");
        assert!(json.contains("\"technische\":[0]"));
    }
}
