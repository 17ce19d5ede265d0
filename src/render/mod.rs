//! Stage 3, render: every page of every locale, in memory, as bytes.
//!
//! Output paths (relative to the output directory):
//! - `index.html`: choose a language;
//! - `<locale>/index.html`: the articles of a locale and how much of each is translated;
//! - `<locale>/<slug>/index.html`: an article.
//!
//! All links are relative, so the site works under any base path.

pub mod markdown;
pub mod templates;

use std::collections::BTreeMap;
use std::path::PathBuf;

use fluent_bundle::{FluentArgs, FluentValue};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::load::Project;
use crate::localize::Localized;
pub use templates::Templates;

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Path relative to the output directory, `/`-separated.
    pub path: PathBuf,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// Interface strings the templates read as `ui.<id>`, with the English used when no locale
/// of the chain defines them.
const UI: &[(&str, &str)] = &[
    ("ui-language", "Language"),
    ("ui-articles", "Articles"),
    ("ui-choose-language", "Choose a language"),
    ("ui-all-articles", "All articles"),
];

#[derive(Serialize)]
struct LanguageLink {
    locale: String,
    name: String,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct ArticleLink {
    slug: String,
    title: String,
    url: String,
    translated_percent: usize,
}

#[derive(Serialize, Default)]
struct PageContext {
    site_title: String,
    lang: String,
    dir: &'static str,
    root: String,
    title: String,
    description: String,
    slug: String,
    content: String,
    notice: String,
    fallbacks: usize,
    languages: Vec<LanguageLink>,
    articles: Vec<ArticleLink>,
    ui: BTreeMap<String, String>,
}

/// Renders the whole site.
///
/// Errors: the first [`Error`] of any page (unknown message, bad model path, Fluent resolver
/// error, template error); nothing is returned partially.
pub fn render_site(
    project: &Project,
    localized: &Localized,
    templates: &Templates,
) -> Result<Vec<Page>> {
    let config = &project.config;
    let link_map: BTreeMap<String, String> = project
        .articles
        .iter()
        .flat_map(|a| {
            std::iter::once(&a.slug)
                .chain(&a.front.aliases)
                .map(move |name| (name.clone(), a.slug.clone()))
        })
        .collect();
    let mut pages = Vec::new();
    for locale in &config.locales {
        let ui = ui_strings(locale, localized);
        let mut listed = Vec::new();
        for article in &project.articles {
            let text = markdown::localize(article, locale, localized, &project.model)?;
            let title = plain(&resolve_front(
                article,
                &article.front.title,
                locale,
                localized,
                &project.model,
            )?);
            let description = match &article.front.description {
                Some(id) => plain(&resolve_front(
                    article,
                    id,
                    locale,
                    localized,
                    &project.model,
                )?),
                None => String::new(),
            };
            let notice = if text.fallbacks > 0 {
                fallback_notice(locale, text.fallbacks, localized)
            } else {
                String::new()
            };
            let context = PageContext {
                site_title: config.title.clone(),
                lang: locale.clone(),
                dir: "ltr",
                root: "../../".into(),
                title: title.clone(),
                description,
                slug: article.slug.clone(),
                content: markdown::to_html(&text.markdown, &link_map),
                notice,
                fallbacks: text.fallbacks,
                languages: language_links(config, locale, |l| {
                    format!("../../{l}/{}/", article.slug)
                }),
                articles: Vec::new(),
                ui: ui.clone(),
            };
            let html = templates.render("article.html", &context)?;
            pages.push(Page {
                path: PathBuf::from(format!("{locale}/{}/index.html", article.slug)),
                bytes: html.into_bytes(),
            });
            let translated_percent = ((text.strings - text.fallbacks) * 100)
                .checked_div(text.strings)
                .unwrap_or(100);
            listed.push(ArticleLink {
                slug: article.slug.clone(),
                title,
                url: format!("{}/", article.slug),
                translated_percent,
            });
        }
        let context = PageContext {
            site_title: config.title.clone(),
            lang: locale.clone(),
            dir: "ltr",
            root: "../".into(),
            title: config.title.clone(),
            languages: language_links(config, locale, |l| format!("../{l}/")),
            articles: listed,
            ui,
            ..PageContext::default()
        };
        pages.push(Page {
            path: PathBuf::from(format!("{locale}/index.html")),
            bytes: templates.render("locale.html", &context)?.into_bytes(),
        });
    }
    let source = &config.source_locale;
    let context = PageContext {
        site_title: config.title.clone(),
        lang: source.clone(),
        dir: "ltr",
        root: String::new(),
        title: config.title.clone(),
        languages: language_links(config, "", |l| format!("{l}/")),
        ui: ui_strings(source, localized),
        ..PageContext::default()
    };
    pages.push(Page {
        path: PathBuf::from("index.html"),
        bytes: templates.render("index.html", &context)?.into_bytes(),
    });
    Ok(pages)
}

fn resolve_front(
    article: &crate::load::Skeleton,
    id: &str,
    locale: &str,
    localized: &Localized,
    model: &crate::load::Model,
) -> Result<String> {
    let call = crate::load::skeleton::Call {
        id: id.to_string(),
        args: Vec::new(),
        offset: 0,
    };
    markdown::resolve(article, &call, locale, localized, model)
        .map(|r| r.text)
        .map_err(|e| match e {
            Error::Input {
                location, message, ..
            } => Error::at(location, format!("front matter: {message}")),
            other => other,
        })
}

fn language_links(
    config: &crate::load::Config,
    current: &str,
    url: impl Fn(&str) -> String,
) -> Vec<LanguageLink> {
    config
        .locales
        .iter()
        .map(|l| LanguageLink {
            locale: l.clone(),
            name: config.names[l].clone(),
            url: url(l),
            current: l == current,
        })
        .collect()
}

/// Interface strings for `locale` as HTML: escaped, and marked when from a fallback locale.
fn ui_strings(locale: &str, localized: &Localized) -> BTreeMap<String, String> {
    UI.iter()
        .map(|(id, default)| {
            (
                id.trim_start_matches("ui-").replace('-', "_"),
                ui_html(locale, id, None, default, localized),
            )
        })
        .collect()
}

fn ui_html(
    locale: &str,
    id: &str,
    args: Option<&FluentArgs>,
    default: &str,
    localized: &Localized,
) -> String {
    let source = localized.chain(locale).last().unwrap_or(locale).to_string();
    let resolved = localized.format(locale, None, id, args).ok().flatten();
    let (text, from) = resolved
        .map(|r| (r.text, r.locale))
        .unwrap_or_else(|| (default.to_string(), source));
    let text = tera::escape_html(&text);
    if from == locale {
        text
    } else {
        format!(
            "<span lang=\"{from}\" class=\"{}\">{text}</span>",
            markdown::FALLBACK_CLASS
        )
    }
}

fn fallback_notice(locale: &str, count: usize, localized: &Localized) -> String {
    let mut args = FluentArgs::new();
    args.set("count", FluentValue::from(count));
    let default =
        format!("{count} strings on this page are not translated yet and are shown in English.");
    ui_html(
        locale,
        "ui-fallback-notice",
        Some(&args),
        &default,
        localized,
    )
}

/// Text of a Markdown fragment without markup (for `<title>` and meta description).
fn plain(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    Parser::new(markdown)
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.into_string()),
            Event::SoftBreak | Event::HardBreak => Some(" ".into()),
            _ => None,
        })
        .collect::<String>()
        .trim()
        .to_string()
}
