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
    ("ui-breadcrumbs", "Breadcrumbs"),
    ("ui-previous", "Previous"),
    ("ui-next", "Next"),
    ("ui-pages", "Pages"),
    ("ui-dark-mode", "Dark mode"),
    ("ui-copy", "Copy"),
    ("ui-copied", "Copied"),
    ("ui-section-link", "Link to this section"),
    ("ui-last-updated", "Last updated"),
    ("ui-source-commit", "Source commit"),
    ("ui-edit-page", "Edit this page"),
    ("ui-search-hint", "Use the arrow keys to choose a result and Enter to open it."),
];

/// Interface strings with arguments: id, English default with `{ $name }` placeables.
pub const UI_WITH_ARGS: &[(&str, &str)] = &[
    ("ui-untranslated-page", "This page has not been translated into { $language } yet. It is shown in { $source }."),
    ("ui-source-link", "Read the original in { $source }"),
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
    /// The page exists in the locale but holds the source locale's text
    /// (`unpublished = "notice"`): shown as in the source language.
    pub source_only: bool,
    /// The language of the page the link leads to (`hreflang`).
    pub hreflang: String,
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
    /// The page holds the source locale's text (`unpublished = "notice"`).
    pub source_only: bool,
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
    /// Page locale: the language of the interface (and of the content, unless
    /// `content_lang` says otherwise).
    pub lang: String,
    /// The language of the article text when it is not `lang` (a page in the source locale's
    /// text under `unpublished = "notice"`), else "".
    pub content_lang: String,
    /// Autonym of the source locale.
    pub source_name: String,
    /// Relative URL of the locale's home (where the site title and "Home" lead).
    pub home: String,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// Relative path to the output root (`../../` for articles).
    pub root: String,
    /// Page title.
    pub title: String,
    /// Meta description: the front matter's, else the start of the first paragraph, else
    /// the page list; never "".
    pub description: String,
    /// Whether search engines should leave the page out (`noindex`).
    pub noindex: bool,
    /// Article slug (empty for other pages).
    pub slug: String,
    /// Article HTML (sanitized).
    pub content: String,
    /// Headings of level 2 and 3.
    pub toc: Vec<Heading>,
    /// HTML: the page's one notice about its translation ("" when none): machine
    /// translation, strings shown in the fallback language, or text shown in the source
    /// language, with a link to the source page.
    pub notice: String,
    /// Classes of the notice: `tolk-notice` and `tolk-machine-translation`,
    /// `tolk-fallback-notice`, `tolk-untranslated-notice` as they apply.
    pub notice_classes: String,
    /// HTML: the machine-translation sentence alone ("" when not machine translated); the
    /// default templates show it as part of `notice`.
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
    /// The previous page of the locale (article pages).
    pub prev: Option<super::nav::NavLink>,
    /// The next page of the locale (article pages).
    pub next: Option<super::nav::NavLink>,
    /// When the translation was last handed off (`metadata.toml` `last-handoff`), as an ISO
    /// 8601 date (`2021-05-19`); "" when unknown.
    pub updated: String,
    /// The source commit the translation was made from, abbreviated to 7 characters ("" when
    /// unknown).
    pub source_commit: String,
    /// Where the page's file can be edited (`[site] edit-url`), "" when not configured.
    pub edit_url: String,
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

/// Interface string `id` of [`UI_WITH_ARGS`] with `args` (name, value) as HTML.
pub fn ui_args(locale: &str, id: &str, args: &[(&str, &str)], localized: &Localized) -> String {
    let template = UI_WITH_ARGS.iter().find(|(i, _)| *i == id).map_or("", |(_, t)| *t);
    let mut default = template.to_string();
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        default = default.replace(&format!("{{ ${name} }}"), value);
        fluent_args.set(name.to_string(), FluentValue::from(value.to_string()));
    }
    ui_html(locale, id, Some(&fluent_args), &default, localized)
}

/// `last-handoff` as written by Microsoft Docs (`MM/DD/YYYY`) or already ISO 8601
/// (`YYYY-MM-DD`), as ISO 8601; `None` for anything else.
pub fn iso_date(date: &str) -> Option<String> {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = date.trim().split(['/', '-']).collect();
    match parts[..] {
        [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => Some(format!("{y}-{m}-{d}")),
        [m, d, y] if digits(m, 2) && digits(d, 2) && digits(y, 4) => Some(format!("{y}-{m}-{d}")),
        _ => None,
    }
}

/// The "N strings are shown in English" notice as HTML.
pub fn fallback_notice(locale: &str, count: usize, localized: &Localized) -> String {
    let mut args = FluentArgs::new();
    args.set("count", FluentValue::from(count));
    let default = format!("{count} strings on this page are not translated yet and are shown in English.");
    ui_html(locale, "ui-fallback-notice", Some(&args), &default, localized)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handoff_dates_become_iso_dates() {
        assert_eq!(iso_date("05/19/2021").as_deref(), Some("2021-05-19"));
        assert_eq!(iso_date("2021-05-19").as_deref(), Some("2021-05-19"));
        assert_eq!(iso_date("19 May 2021"), None);
        assert_eq!(iso_date("5/19/2021"), None);
    }
}
