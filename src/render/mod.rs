//! Stage 3, render: every page of every locale, in memory, as bytes.
//!
//! Output paths (relative to the output directory):
//! - `index.html`: choose a language; `404.html`; `sitemap.xml` (with a base URL);
//! - `<locale>/index.html`: the locale's articles and how much of each is translated;
//! - `<locale>/<slug>/index.html`: an article, when published in the locale (`[publish]`);
//! - `<locale>/search-index.json`: the locale's search index;
//! - every non-template file of `templates/` (scripts) at the top level.
//!
//! Links between pages are relative, so the site works under any base path; canonical and
//! alternate URLs are absolute, from `[site] base-url`.

pub mod markdown;
pub mod msdocs;
pub mod search;
pub mod sitemap;
pub mod templates;

use std::collections::BTreeMap;
use std::path::PathBuf;

use fluent_bundle::{FluentArgs, FluentValue};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::load::config::Unpublished;
use crate::load::{Config, Project, Skeleton};
use crate::localize::numbers::direction;
use crate::localize::Localized;
use markdown::{Heading, Links, LocalizedMarkdown};
pub use templates::Templates;

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Path relative to the output directory, `/`-separated.
    pub path: PathBuf,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

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

/// Titles of GFM alerts, by kind.
const ALERTS: &[(&str, &str, &str)] = &[
    ("note", "ui-note", "Note"),
    ("tip", "ui-tip", "Tip"),
    ("important", "ui-important", "Important"),
    ("warning", "ui-warning", "Warning"),
    ("caution", "ui-caution", "Caution"),
];

#[derive(Serialize)]
struct LanguageLink {
    locale: String,
    name: String,
    url: String,
    current: bool,
    /// Share of the page in the locale itself (100 for locale homes).
    percent: usize,
    /// False when the locale's page is not published and the link leads to the source page.
    published: bool,
}

#[derive(Serialize)]
struct ArticleLink {
    slug: String,
    title: String,
    url: String,
    translated_percent: usize,
}

#[derive(Serialize)]
struct Crumb {
    name: String,
    url: String,
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
    toc: Vec<Heading>,
    notice: String,
    machine_translation: String,
    fallbacks: usize,
    canonical: String,
    alternates: Vec<(String, String)>,
    breadcrumbs: Vec<Crumb>,
    languages: Vec<LanguageLink>,
    articles: Vec<ArticleLink>,
    search_index: String,
    ui: BTreeMap<String, String>,
}

/// Renders the whole site.
///
/// Errors: the first [`Error`] of any page (unknown message, bad model path, Fluent resolver
/// error, template error); nothing is returned partially.
pub fn render_site(project: &Project, localized: &Localized, templates: &Templates) -> Result<Vec<Page>> {
    let config = &project.config;
    let links = Links {
        articles: project
            .articles
            .iter()
            .flat_map(|a| std::iter::once(&a.slug).chain(&a.front.aliases).map(move |n| (n.clone(), a.slug.clone())))
            .collect(),
        external_base: config.external_base.clone(),
    };
    // Pass 1: every article in every locale, and whether that page is published.
    let mut texts: BTreeMap<(&str, &str), LocalizedMarkdown> = BTreeMap::new();
    for locale in &config.locales {
        for article in &project.articles {
            texts.insert((locale, &article.slug), markdown::localize(article, locale, localized, &project.model)?);
        }
    }
    let published = |locale: &str, slug: &str| -> bool {
        if locale == config.source_locale {
            return true;
        }
        let rule = config.publish.rule(locale, slug);
        let text = &texts[&(locale, slug)];
        let share = (text.strings - text.fallbacks()) as f64 / text.strings.max(1) as f64;
        share + 1e-9 >= rule.min_translated.unwrap_or(0.0)
            && rule.required.iter().all(|id| localized.has_own(locale, Some(slug), id))
    };

    let mut pages = Vec::new();
    let mut sitemap_pages = Vec::new();
    for article in &project.articles {
        let alternates: Vec<(String, String)> = config
            .locales
            .iter()
            .filter(|l| published(l, &article.slug))
            .filter_map(|l| absolute(config, &format!("{l}/{}/", article.slug)).map(|u| (l.clone(), u)))
            .collect();
        sitemap_pages.push(alternates.clone());
        for locale in &config.locales {
            if !published(locale, &article.slug) {
                continue;
            }
            let text = &texts[&(locale.as_str(), article.slug.as_str())];
            let languages = config
                .locales
                .iter()
                .filter_map(|l| {
                    let own = published(l, &article.slug);
                    let target = if own { l } else { &config.source_locale };
                    (own || config.publish.unpublished == Unpublished::Source).then(|| LanguageLink {
                        locale: l.clone(),
                        name: config.names[l].clone(),
                        url: format!("../../{target}/{}/", article.slug),
                        current: l == locale,
                        percent: texts[&(l.as_str(), article.slug.as_str())].translated_percent(),
                        published: own,
                    })
                })
                .collect();
            pages.push(article_page(
                project,
                localized,
                templates,
                article,
                locale,
                text,
                &links,
                languages,
                &alternates,
            )?);
        }
    }

    for locale in &config.locales {
        let ui = ui_strings(locale, localized);
        let mut listed = Vec::new();
        let mut index = search::Index::default();
        for article in project.articles.iter().filter(|a| published(locale, &a.slug)) {
            let title = plain(&resolve_front(article, &article.front.title, locale, localized, project)?);
            let text = &texts[&(locale.as_str(), article.slug.as_str())];
            let url = format!("{}/", article.slug);
            index.add(
                locale,
                search::Doc { url: url.clone(), title: title.clone() },
                &markdown::to_html(&text.markdown, &links, &BTreeMap::new()).text,
            );
            listed.push(ArticleLink {
                slug: article.slug.clone(),
                title,
                url,
                translated_percent: text.translated_percent(),
            });
        }
        let context = PageContext {
            site_title: config.title.clone(),
            lang: locale.clone(),
            dir: direction(locale),
            root: "../".into(),
            title: config.title.clone(),
            canonical: absolute(config, &format!("{locale}/")).unwrap_or_default(),
            alternates: config
                .locales
                .iter()
                .filter_map(|l| absolute(config, &format!("{l}/")).map(|u| (l.clone(), u)))
                .collect(),
            breadcrumbs: vec![Crumb { name: ui["home"].clone(), url: "../".into() }],
            languages: language_links(config, locale, |l| format!("../{l}/")),
            articles: listed,
            search_index: "search-index.json".into(),
            ui,
            ..PageContext::default()
        };
        pages.push(Page {
            path: format!("{locale}/index.html").into(),
            bytes: templates.render("locale.html", &context)?.into_bytes(),
        });
        pages.push(Page { path: format!("{locale}/search-index.json").into(), bytes: index.to_json().into_bytes() });
    }
    sitemap_pages.push(
        config.locales.iter().filter_map(|l| absolute(config, &format!("{l}/")).map(|u| (l.clone(), u))).collect(),
    );

    let source = &config.source_locale;
    let root_context = |root: String| PageContext {
        site_title: config.title.clone(),
        lang: source.clone(),
        dir: direction(source),
        root: root.clone(),
        title: config.title.clone(),
        languages: language_links(config, "", |l| format!("{root}{l}/")),
        ui: ui_strings(source, localized),
        ..PageContext::default()
    };
    let index = PageContext { canonical: absolute(config, "").unwrap_or_default(), ..root_context(String::new()) };
    pages.push(Page { path: "index.html".into(), bytes: templates.render("index.html", &index)?.into_bytes() });
    let root = config.base_url.as_ref().map(|b| format!("{b}/")).unwrap_or_else(|| "/".into());
    if templates.has("404.html") {
        pages.push(Page {
            path: "404.html".into(),
            bytes: templates.render("404.html", &root_context(root))?.into_bytes(),
        });
    }
    if config.base_url.is_some() {
        pages.push(Page { path: "sitemap.xml".into(), bytes: sitemap::render(&sitemap_pages).into_bytes() });
    }
    for (name, bytes) in templates.assets() {
        pages.push(Page { path: name.into(), bytes: bytes.to_vec() });
    }
    Ok(pages)
}

#[allow(clippy::too_many_arguments)]
fn article_page(
    project: &Project,
    localized: &Localized,
    templates: &Templates,
    article: &Skeleton,
    locale: &str,
    text: &LocalizedMarkdown,
    links: &Links,
    languages: Vec<LanguageLink>,
    alternates: &[(String, String)],
) -> Result<Page> {
    let config = &project.config;
    let ui = ui_strings(locale, localized);
    let alert_titles = ALERTS
        .iter()
        .map(|(kind, id, default)| (kind.to_string(), ui_html(locale, id, None, default, localized)))
        .collect();
    let html = markdown::to_html(&text.markdown, links, &alert_titles);
    let title = plain(&resolve_front(article, &article.front.title, locale, localized, project)?);
    let description = match &article.front.description {
        Some(id) => plain(&resolve_front(article, id, locale, localized, project)?),
        None => String::new(),
    };
    let notice =
        if text.fallbacks() > 0 { fallback_notice(locale, text.fallbacks(), localized) } else { String::new() };
    let machine =
        project.metadata.get(locale).and_then(|m| m.get(&article.slug)).is_some_and(|m| m.machine_translated());
    let context = PageContext {
        site_title: config.title.clone(),
        lang: locale.to_string(),
        dir: direction(locale),
        root: "../../".into(),
        title: title.clone(),
        description,
        slug: article.slug.clone(),
        content: html.html,
        toc: html.headings.into_iter().filter(|h| (2..=3).contains(&h.level)).collect(),
        notice,
        machine_translation: if machine { ui["machine_translation"].clone() } else { String::new() },
        fallbacks: text.fallbacks(),
        canonical: absolute(config, &format!("{locale}/{}/", article.slug)).unwrap_or_default(),
        alternates: alternates.to_vec(),
        breadcrumbs: vec![
            Crumb { name: ui["home"].clone(), url: "../../".into() },
            Crumb { name: tera::escape_html(&config.names[locale]), url: "../".into() },
        ],
        languages,
        search_index: "../search-index.json".into(),
        ui,
        ..PageContext::default()
    };
    let html = templates.render("article.html", &context)?;
    Ok(Page { path: format!("{locale}/{}/index.html", article.slug).into(), bytes: html.into_bytes() })
}

/// `path` under the configured base URL, if there is one.
fn absolute(config: &Config, path: &str) -> Option<String> {
    config.base_url.as_ref().map(|base| format!("{base}/{path}"))
}

fn resolve_front(
    article: &Skeleton,
    id: &str,
    locale: &str,
    localized: &Localized,
    project: &Project,
) -> Result<String> {
    let call = crate::load::skeleton::Call { id: id.to_string(), args: Vec::new(), offset: 0 };
    markdown::resolve(article, &call, locale, localized, &project.model).map(|r| r.text).map_err(|e| match e {
        Error::Input { location, message, .. } => Error::at(location, format!("front matter: {message}")),
        other => other,
    })
}

fn language_links(config: &Config, current: &str, url: impl Fn(&str) -> String) -> Vec<LanguageLink> {
    config
        .locales
        .iter()
        .map(|l| LanguageLink {
            locale: l.clone(),
            name: config.names[l].clone(),
            url: url(l),
            current: l == current,
            percent: 100,
            published: true,
        })
        .collect()
}

/// Interface strings for `locale` as HTML: escaped, and marked when from a fallback locale.
fn ui_strings(locale: &str, localized: &Localized) -> BTreeMap<String, String> {
    UI.iter()
        .map(|(id, default)| {
            (id.trim_start_matches("ui-").replace('-', "_"), ui_html(locale, id, None, default, localized))
        })
        .collect()
}

fn ui_html(locale: &str, id: &str, args: Option<&FluentArgs>, default: &str, localized: &Localized) -> String {
    let source = localized.chain(locale).last().unwrap_or(locale).to_string();
    let resolved = localized.format(locale, None, id, args).ok().flatten();
    let (text, from) = resolved.map(|r| (r.text, r.locale)).unwrap_or_else(|| (default.to_string(), source));
    let text = tera::escape_html(&text);
    if from == locale {
        text
    } else {
        format!("<span lang=\"{from}\" class=\"{}\">{text}</span>", markdown::FALLBACK_CLASS)
    }
}

fn fallback_notice(locale: &str, count: usize, localized: &Localized) -> String {
    let mut args = FluentArgs::new();
    args.set("count", FluentValue::from(count));
    let default = format!("{count} strings on this page are not translated yet and are shown in English.");
    ui_html(locale, "ui-fallback-notice", Some(&args), &default, localized)
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
