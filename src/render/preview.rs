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
    /// The article whose file the finding is in (its resource, snapshot or skeleton), or
    /// `None` for a file every page may draw on (shared resources, configuration): a page
    /// shows only its own article's notes and the site-wide ones.
    #[serde(skip)]
    pub article: Option<String>,
}

/// Everything the overlay may show, for every page.
#[derive(Debug, Clone, Default)]
pub struct Annotations {
    /// Source text of each message: by (article whose resource defines it, or `None` for a
    /// shared resource; id). Articles have their own bundles, so ids repeat across them.
    pub sources: BTreeMap<(Option<String>, String), String>,
    /// Findings by (locale, message id).
    pub notes: BTreeMap<(String, String), Vec<Note>>,
    /// Findings without a message of a locale page (e.g. syntax errors), by locale.
    pub general: BTreeMap<String, Vec<Note>>,
}

#[derive(Serialize)]
struct PageMessage<'a> {
    source: Option<&'a str>,
    fallback: bool,
    notes: Vec<&'a Note>,
}

#[derive(Serialize)]
struct PageData<'a> {
    locale: &'a str,
    slug: &'a str,
    messages: BTreeMap<&'a str, PageMessage<'a>>,
    general: Vec<&'a Note>,
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
        let ours = |n: &&Note| n.article.as_deref().is_none_or(|a| a == slug);
        let mut messages = BTreeMap::new();
        for id in ids {
            let notes = self.notes.get(&(locale.to_string(), id.to_string())).into_iter().flatten().filter(ours);
            let source =
                [Some(slug.to_string()), None].into_iter().find_map(|a| self.sources.get(&(a, id.to_string())));
            messages.insert(
                id,
                PageMessage {
                    source: source.map(String::as_str),
                    fallback: fallback.contains(id),
                    notes: notes.collect(),
                },
            );
        }
        let general = self.general.get(locale).into_iter().flatten().filter(ours).collect();
        serde_json::to_string(&PageData { locale, slug, messages, general }).unwrap_or_default()
    }
}

/// `html` with the overlay's stylesheet and script added before `</body>`.
pub fn inject(html: &str) -> String {
    let tail = "<link rel=\"stylesheet\" href=\"/__tolk/preview.css\">\n<script src=\"/__tolk/preview.js\" defer></script>\n</body>";
    // Sized exactly: the preview keeps every page (`format!` may leave twice the room).
    let mut page = String::with_capacity(html.len() + tail.len());
    match html.rfind("</body>") {
        Some(i) => {
            page.push_str(&html[..i]);
            page.push_str(tail);
            page.push_str(&html[i + "</body>".len()..]);
        }
        None => {
            page.push_str(html);
            page.push_str(tail);
        }
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(article: Option<&str>, message: &str) -> Note {
        Note {
            rule: "stale-translation".into(),
            severity: "warning".into(),
            grade: None,
            message: message.into(),
            diff: None,
            location: String::new(),
            article: article.map(str::to_string),
        }
    }

    /// Articles have their own bundles, so two articles may both define `intro`: a page shows
    /// its own article's text and findings, and the site-wide ones, never another article's.
    #[test]
    fn a_page_shows_its_own_articles_notes_and_sources_only() {
        let mut annotations = Annotations::default();
        annotations.sources.insert((Some("a".into()), "intro".into()), "Intro of a".into());
        annotations.sources.insert((Some("b".into()), "intro".into()), "Intro of b".into());
        annotations.sources.insert((None, "brand".into()), "Partner Center".into());
        let notes = vec![note(Some("a"), "in a"), note(Some("b"), "in b"), note(None, "shared")];
        annotations.notes.insert(("nl".into(), "intro".into()), notes);
        annotations.general.insert("nl".into(), vec![note(Some("b"), "b's syntax error"), note(None, "config")]);
        let json: serde_json::Value =
            serde_json::from_str(&annotations.page("nl", "a", ["intro", "brand"].into_iter(), &[])).unwrap();
        assert_eq!(json["messages"]["intro"]["source"], "Intro of a");
        assert_eq!(json["messages"]["brand"]["source"], "Partner Center");
        let shown: Vec<&str> = json["messages"]["intro"]["notes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["message"].as_str().unwrap())
            .collect();
        assert_eq!(shown, ["in a", "shared"]);
        assert_eq!(json["general"].as_array().unwrap().len(), 1);
        assert_eq!(json["general"][0]["message"], "config");
    }
}
