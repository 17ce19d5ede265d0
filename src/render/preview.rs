//! Preview data: the drift of each string on a page, for `tolk serve`'s overlay. `serve`
//! fills [`Annotations`] from the checker's findings and serves [`Annotations::page`] as
//! JSON; render only marks strings and adds the overlay's script ([`inject`]). Never in builds.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

/// One finding as the overlay shows it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Note {
    /// Rule id.
    pub rule: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// Grade of a graded rule.
    pub grade: Option<String>,
    /// One sentence.
    pub message: String,
    /// Word diff of the source text then → now (stale translations).
    pub diff: Option<String>,
    /// `file:line:col`.
    pub location: String,
}

/// Everything the overlay may show, for every page.
#[derive(Debug, Clone, Default)]
pub struct Annotations {
    /// Source text of each message id (the source locale's value).
    pub sources: BTreeMap<String, String>,
    /// Findings by (locale, message id).
    pub notes: BTreeMap<(String, String), Vec<Note>>,
    /// Findings without a message of a locale page (e.g. syntax errors), by locale.
    pub general: BTreeMap<String, Vec<Note>>,
}

#[derive(Serialize)]
struct PageMessage<'a> {
    source: Option<&'a str>,
    fallback: bool,
    notes: &'a [Note],
}

#[derive(Serialize)]
struct PageData<'a> {
    locale: &'a str,
    slug: &'a str,
    messages: BTreeMap<&'a str, PageMessage<'a>>,
    general: &'a [Note],
}

impl Annotations {
    /// The overlay's data for `locale`'s page of `slug` whose strings are `ids`, as JSON.
    pub fn page<'i>(
        &self,
        locale: &str,
        slug: &str,
        ids: impl Iterator<Item = &'i str>,
        fallback_ids: &[String],
    ) -> String {
        let fallback: BTreeSet<&str> = fallback_ids.iter().map(String::as_str).collect();
        let mut messages = BTreeMap::new();
        for id in ids {
            let notes = self.notes.get(&(locale.to_string(), id.to_string())).map(Vec::as_slice).unwrap_or_default();
            messages.insert(
                id,
                PageMessage {
                    source: self.sources.get(id).map(String::as_str),
                    fallback: fallback.contains(id),
                    notes,
                },
            );
        }
        let general = self.general.get(locale).map(Vec::as_slice).unwrap_or_default();
        serde_json::to_string(&PageData { locale, slug, messages, general }).unwrap_or_default()
    }
}

/// `html` with the overlay's stylesheet and script added before `</body>`.
pub fn inject(html: &str) -> String {
    let tail = "<link rel=\"stylesheet\" href=\"/__tolk/preview.css\">\n<script src=\"/__tolk/preview.js\" defer></script>\n</body>";
    match html.rfind("</body>") {
        Some(i) => format!("{}{}{}", &html[..i], tail, &html[i + "</body>".len()..]),
        None => format!("{html}{tail}"),
    }
}
