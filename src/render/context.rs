//! What templates see: the page context, and interface strings from Fluent.

use std::collections::BTreeMap;

use fluent_bundle::{FluentArgs, FluentValue};
use serde::Serialize;

use super::markdown::Heading;
use crate::localize::page::FALLBACK_CLASS;
use crate::localize::Localized;

/// Interface strings the templates read as `ui.<name>` (id without `ui-`, `-` → `_`), with
/// the English used when no locale of the chain defines them.
const UI: &[(&str, &str)] = &[
    ("ui-language", "Language"),
    ("ui-articles", "Articles"),
    ("ui-choose-language", "Choose a language"),
    ("ui-all-articles", "All articles"),
    ("ui-home", "Home"),
    ("ui-on-this-page", "On this page"),
    ("ui-search", "Search"),
    ("ui-search-no-results", "No results"),
    ("ui-translated", "translated"),
    ("ui-machine-translation", "This page was translated by a machine. The English version is authoritative."),
    ("ui-not-found", "Page not found"),
    ("ui-not-found-text", "There is no page at this address. Choose a language to find the article:"),
    ("ui-skip-to-content", "Skip to content"),
];

/// Titles of GFM alerts: kind, message id, English default.
pub const ALERTS: &[(&str, &str, &str)] = &[
    ("note", "ui-note", "Note"),
    ("tip", "ui-tip", "Tip"),
    ("important", "ui-important", "Important"),
    ("warning", "ui-warning", "Warning"),
    ("caution", "ui-caution", "Caution"),
];

/// A link of the language switcher or language chooser.
#[derive(Serialize)]
pub struct LanguageLink {
    /// BCP 47 tag.
    pub locale: String,
    /// Autonym.
    pub name: String,
    /// Relative URL.
    pub url: String,
    /// Whether this is the page's own locale.
    pub current: bool,
    /// Share of the page in the locale itself, in percent (100 for locale homes).
    pub percent: usize,
    /// False when the locale's page is not published and the link leads to the source page.
    pub published: bool,
}

/// An entry of a locale's article list.
#[derive(Serialize)]
pub struct ArticleLink {
    /// Slug.
    pub slug: String,
    /// Title in the locale (plain text).
    pub title: String,
    /// URL relative to the locale home.
    pub url: String,
    /// Share of the article in the locale itself, in percent.
    pub translated_percent: usize,
}

/// A breadcrumb: name (HTML) and relative URL.
#[derive(Serialize)]
pub struct Crumb {
    /// HTML (escaped text, maybe a fallback span).
    pub name: String,
    /// Relative URL.
    pub url: String,
}

/// Everything a template may read. Strings are plain text unless named HTML.
#[derive(Serialize, Default)]
pub struct PageContext {
    /// Site title.
    pub site_title: String,
    /// Page locale.
    pub lang: String,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// Relative path to the output root (`../../` for articles).
    pub root: String,
    /// Page title.
    pub title: String,
    /// Meta description.
    pub description: String,
    /// Article slug (empty for other pages).
    pub slug: String,
    /// Article HTML (sanitized).
    pub content: String,
    /// Headings of level 2 and 3.
    pub toc: Vec<Heading>,
    /// HTML: how many strings are shown in the fallback language ("" when none).
    pub notice: String,
    /// HTML: the machine-translation notice ("" when not machine translated).
    pub machine_translation: String,
    /// Number of strings shown from a fallback locale.
    pub fallbacks: usize,
    /// Absolute canonical URL ("" without a base URL).
    pub canonical: String,
    /// (hreflang, absolute URL) of every published version; the first is `x-default`.
    pub alternates: Vec<(String, String)>,
    /// Breadcrumbs above the title.
    pub breadcrumbs: Vec<Crumb>,
    /// Language switcher or chooser.
    pub languages: Vec<LanguageLink>,
    /// Article list of a locale home.
    pub articles: Vec<ArticleLink>,
    /// Relative URL of the locale's search index ("" for no search box).
    pub search_index: String,
    /// Interface strings as HTML.
    pub ui: BTreeMap<String, String>,
}

/// Interface strings for `locale` as HTML: escaped, and marked when from a fallback locale.
pub fn ui_strings(locale: &str, localized: &Localized) -> BTreeMap<String, String> {
    UI.iter()
        .map(|(id, default)| {
            (id.trim_start_matches("ui-").replace('-', "_"), ui_html(locale, id, None, default, localized))
        })
        .collect()
}

/// One interface string as HTML.
pub fn ui_html(locale: &str, id: &str, args: Option<&FluentArgs>, default: &str, localized: &Localized) -> String {
    let source = localized.chain(locale).last().unwrap_or(locale).to_string();
    let resolved = localized.format(locale, None, id, args).ok().flatten();
    let (text, from) = resolved.map(|r| (r.text, r.locale)).unwrap_or_else(|| (default.to_string(), source));
    let text = tera::escape_html(&text);
    if from == locale {
        text
    } else {
        format!("<span lang=\"{from}\" class=\"{FALLBACK_CLASS}\">{text}</span>")
    }
}

/// The "N strings are shown in English" notice as HTML.
pub fn fallback_notice(locale: &str, count: usize, localized: &Localized) -> String {
    let mut args = FluentArgs::new();
    args.set("count", FluentValue::from(count));
    let default = format!("{count} strings on this page are not translated yet and are shown in English.");
    ui_html(locale, "ui-fallback-notice", Some(&args), &default, localized)
}
