//! Stage 3, render: pages in memory, as bytes, from a loaded and localized project.
//!
//! Output paths (relative to the output directory):
//! - `index.html`: choose a language; `404.html`; `sitemap.xml` (with a base URL);
//! - `<locale>/index.html`: the locale's articles and how much of each is translated;
//! - `<locale>/<slug>/index.html`: an article, when published in the locale (`[publish]`);
//! - `<locale>/search-index.json`: the locale's search index;
//! - every non-template file of `templates/` (scripts) at the top level.
//!
//! Input: each article's [`LocalizedPage`]s (one per locale, from localize). [`Frame`]
//! renders one page or one group at a time, so `serve` re-renders only what a change
//! touches; [`write_site`] renders everything for `tolk build`. Links between pages are
//! relative; canonical and alternate URLs are absolute, from `[site] base-url`.

pub mod context;
pub mod markdown;
pub mod msdocs;
pub mod preview;
pub mod sanitize;
pub mod search;
pub mod sitemap;
pub mod templates;
pub mod theme;

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::load::config::Unpublished;
use crate::load::{Config, Project, Skeleton};
use crate::localize::numbers::direction;
use crate::localize::{localize_page, Localized, LocalizedPage, Mode};
use crate::write::Page;
use context::{fallback_notice, ui_html, ui_strings, ArticleLink, Crumb, LanguageLink, PageContext, ALERTS};
use markdown::Links;
pub use templates::Templates;

/// What a locale's home, the language switcher and the sitemap need of one article's page
/// in one locale, kept for every page of the site (the page's Markdown and HTML are not).
#[derive(Debug, Clone, PartialEq)]
pub struct Listing {
    /// The page title as plain text.
    pub title: String,
    /// Share of the page in the locale itself, in percent.
    pub translated_percent: usize,
    /// Whether the page is published (`[publish]`; the source locale's always are).
    pub published: bool,
    /// The page's search words, one per line ("" when not published).
    pub words: String,
}

/// Every article page's [`Listing`], by (locale, slug).
pub type Listings = BTreeMap<(String, String), Listing>;

/// Renders the whole site for `tolk build`, handing each page to `put` as soon as it is
/// rendered (articles in parallel). Each article is localized once per locale, with bundles
/// that exist only while it is rendered, so memory does not grow with the number of
/// articles. Returns the number of pages.
///
/// Errors: every failing article's problems (bundles, localizing, rendering), in article
/// order, or `put`'s error.
pub fn write_site(
    project: &Project,
    templates: &Templates,
    put: &(dyn Fn(&Page) -> Result<()> + Sync),
) -> Result<usize> {
    use rayon::prelude::*;
    let shared = Localized::for_article(project, None)?;
    let frame = Frame::new(project, &shared, templates, Mode::Build);
    let count = std::sync::atomic::AtomicUsize::new(0);
    let put = |page: &Page| {
        count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        put(page)
    };
    type Listed = Vec<((String, String), Listing)>;
    let per_article: Vec<Result<Listed>> = project
        .articles
        .par_iter()
        .map(|article| {
            let bundles = Localized::for_article(project, Some(&article.slug))?;
            let pages = localize_article(project, &bundles, article, Mode::Build)?;
            let mut listed = Vec::with_capacity(pages.len());
            for page in &pages {
                let (rendered, listing) = frame.article_page(article, &pages, &page.locale)?;
                if let Some(rendered) = rendered {
                    put(&rendered)?;
                }
                listed.push(((page.locale.clone(), article.slug.clone()), listing));
            }
            Ok(listed)
        })
        .collect();
    // Every failing article's errors, in article order (deterministic whatever the threads did).
    let mut listings = Listings::new();
    let mut errors = Vec::new();
    for result in per_article {
        match result {
            Ok(listed) => listings.extend(listed),
            Err(e) => errors.push(e),
        }
    }
    if let Some(e) = Error::from_many(errors) {
        return Err(e);
    }
    let homes: Vec<Vec<Page>> =
        project.config.locales.par_iter().map(|locale| frame.locale_pages(locale, &listings)).collect::<Result<_>>()?;
    for page in homes.iter().flatten().chain(&frame.root_pages(&listings)?) {
        put(page)?;
    }
    Ok(count.into_inner())
}

/// `article` localized in every locale of the site, in configuration order.
///
/// Errors: every problem of every locale's page ([`localize_page`]), as one error.
pub fn localize_article(
    project: &Project,
    bundles: &Localized,
    article: &Skeleton,
    mode: Mode,
) -> Result<Vec<LocalizedPage>> {
    let mut pages = Vec::with_capacity(project.config.locales.len());
    let mut problems = Vec::new();
    for locale in &project.config.locales {
        match localize_page(project, bundles, locale, article, mode) {
            Ok(page) => pages.push(page),
            Err(found) => problems.extend(found),
        }
    }
    match Error::from_diagnostics(problems) {
        Some(e) => Err(e),
        None => Ok(pages),
    }
}

/// Whether a page is published: the source locale's always; a target's when its share of
/// translated strings and its required messages meet `[publish]`.
pub fn published(config: &Config, page: &LocalizedPage) -> bool {
    if page.locale == config.source_locale {
        return true;
    }
    let rule = config.publish.rule(&page.locale, &page.slug);
    let share = (page.strings - page.fallbacks()) as f64 / page.strings.max(1) as f64;
    share + 1e-9 >= rule.min_translated.unwrap_or(0.0) && page.required_ok
}

/// Everything rendering reads besides the pages: the project, the shared bundles (interface
/// strings), the templates, where links go, and whether pages carry the preview's overlay.
pub struct Frame<'a> {
    project: &'a Project,
    shared: &'a Localized,
    templates: &'a Templates,
    links: Links,
    mode: Mode,
}

impl<'a> Frame<'a> {
    /// A frame; `shared` holds at least the shared bundle of every locale. In
    /// [`Mode::Preview`] pages carry the overlay's script (never in builds).
    pub fn new(project: &'a Project, shared: &'a Localized, templates: &'a Templates, mode: Mode) -> Frame<'a> {
        let links = Links {
            articles: project
                .articles
                .iter()
                .flat_map(|a| {
                    std::iter::once(&a.slug).chain(&a.front.aliases).map(move |n| (n.clone(), a.slug.clone()))
                })
                .collect(),
            external_base: project.config.external_base.clone(),
        };
        Frame { project, shared, templates, links, mode }
    }

    fn config(&self) -> &Config {
        &self.project.config
    }

    /// `locale`'s page of `article` (`None` when it is not published) and its listing;
    /// `pages` holds the article in every locale (for the switcher and hreflang).
    ///
    /// Errors: Microsoft Docs extensions that would drop content (located where their text
    /// came from); template errors.
    pub fn article_page(
        &self,
        article: &Skeleton,
        pages: &[impl std::borrow::Borrow<LocalizedPage>],
        locale: &str,
    ) -> Result<(Option<Page>, Listing)> {
        let (project, localized, config) = (self.project, self.shared, self.config());
        let pages: Vec<&LocalizedPage> = pages.iter().map(std::borrow::Borrow::borrow).collect();
        let Some(text) = pages.iter().copied().find(|p| p.locale == locale) else {
            return Err(Error::Usage(format!("{} has no page in {locale}", article.slug)));
        };
        let slug = &article.slug;
        let mut listing = Listing {
            title: text.title.clone(),
            translated_percent: text.translated_percent(),
            published: published(config, text),
            words: String::new(),
        };
        if !listing.published {
            return Ok((None, listing));
        }
        let ui = ui_strings(locale, localized);
        let alert_titles = ALERTS
            .iter()
            .map(|(kind, id, default)| (kind.to_string(), ui_html(locale, id, None, default, localized)))
            .collect();
        let html = markdown::to_html(&text.markdown, &self.links, &alert_titles);
        let problems: Vec<_> =
            html.problems.iter().map(|(offset, why)| text.locate(project, article, *offset, why)).collect();
        if let Some(e) = Error::from_diagnostics(problems) {
            return Err(e);
        }
        listing.words = search::words(&html.text, &text.title);
        let machine = project.metadata.get(locale).and_then(|m| m.get(slug)).is_some_and(|m| m.machine_translated());
        let languages = pages
            .iter()
            .filter_map(|p| {
                let own = published(config, p);
                let target = if own { &p.locale } else { &config.source_locale };
                (own || config.publish.unpublished == Unpublished::Source).then(|| LanguageLink {
                    locale: p.locale.clone(),
                    name: config.names[&p.locale].clone(),
                    url: format!("../../{target}/{slug}/"),
                    current: p.locale == locale,
                    percent: p.translated_percent(),
                    published: own,
                })
            })
            .collect();
        let context = PageContext {
            site_title: config.title.clone(),
            lang: locale.to_string(),
            dir: direction(locale),
            root: "../../".into(),
            title: text.title.clone(),
            description: text.description.clone(),
            slug: slug.to_string(),
            content: html.html,
            toc: html.headings.into_iter().filter(|h| (2..=3).contains(&h.level)).collect(),
            notice: if text.fallbacks() > 0 {
                fallback_notice(locale, text.fallbacks(), localized)
            } else {
                String::new()
            },
            machine_translation: if machine { ui["machine_translation"].clone() } else { String::new() },
            fallbacks: text.fallbacks(),
            canonical: absolute(config, &format!("{locale}/{slug}/")).unwrap_or_default(),
            alternates: pages
                .iter()
                .filter(|p| published(config, p))
                .filter_map(|p| absolute(config, &format!("{}/{slug}/", p.locale)).map(|u| (p.locale.clone(), u)))
                .collect(),
            breadcrumbs: vec![
                Crumb { name: ui["home"].clone(), url: "../../".into() },
                Crumb { name: tera::escape_html(&config.names[locale]), url: "../".into() },
            ],
            languages,
            search_index: "../search-index.json".into(),
            ui,
            ..PageContext::default()
        };
        let html = self.html("article.html", &context)?;
        let page = Page { path: format!("{locale}/{slug}/index.html").into(), bytes: html.into_bytes() };
        Ok((Some(page), listing))
    }

    /// Renders template `name`; in preview, with the overlay's script (live reload, drift).
    fn html(&self, name: &str, context: &PageContext) -> Result<String> {
        let html = self.templates.render(name, context)?;
        Ok(match self.mode {
            Mode::Preview => preview::inject(&html),
            Mode::Build => html,
        })
    }

    /// (hreflang, absolute URL) of every published version of `slug`, source first.
    fn alternates(&self, slug: &str, listings: &Listings) -> Vec<(String, String)> {
        let config = self.config();
        config
            .locales
            .iter()
            .filter(|l| listings.get(&((*l).clone(), slug.to_string())).is_some_and(|x| x.published))
            .filter_map(|l| absolute(config, &format!("{l}/{slug}/")).map(|u| (l.clone(), u)))
            .collect()
    }

    /// `locale`'s home (article list) and search index, from the listings of its pages.
    ///
    /// Errors: template errors.
    pub fn locale_pages(&self, locale: &str, listings: &Listings) -> Result<Vec<Page>> {
        let config = self.config();
        let ui = ui_strings(locale, self.shared);
        let mut listed = Vec::new();
        let mut index = search::Index::default();
        for article in &self.project.articles {
            let Some(listing) = listings.get(&(locale.to_string(), article.slug.clone())).filter(|l| l.published)
            else {
                continue;
            };
            let url = format!("{}/", article.slug);
            let doc = search::Doc { url: url.clone(), title: listing.title.clone() };
            index.add(locale, doc, listing.words.lines());
            listed.push(ArticleLink {
                slug: article.slug.clone(),
                title: listing.title.clone(),
                url,
                translated_percent: listing.translated_percent,
            });
        }
        let context = PageContext {
            site_title: config.title.clone(),
            lang: locale.to_string(),
            dir: direction(locale),
            root: "../".into(),
            title: config.title.clone(),
            canonical: absolute(config, &format!("{locale}/")).unwrap_or_default(),
            alternates: self.homes(),
            breadcrumbs: vec![Crumb { name: ui["home"].clone(), url: "../".into() }],
            languages: language_links(config, locale, |l| format!("../{l}/")),
            articles: listed,
            search_index: "search-index.json".into(),
            ui,
            ..PageContext::default()
        };
        Ok(vec![
            Page {
                path: format!("{locale}/index.html").into(),
                bytes: self.html("locale.html", &context)?.into_bytes(),
            },
            Page { path: format!("{locale}/search-index.json").into(), bytes: index.to_json().into_bytes() },
        ])
    }

    fn homes(&self) -> Vec<(String, String)> {
        let config = self.config();
        config.locales.iter().filter_map(|l| absolute(config, &format!("{l}/")).map(|u| (l.clone(), u))).collect()
    }

    /// The language chooser, 404 page, sitemap and assets.
    ///
    /// Errors: template errors.
    pub fn root_pages(&self, listings: &Listings) -> Result<Vec<Page>> {
        let config = self.config();
        let source = &config.source_locale;
        let root_context = |root: String| PageContext {
            site_title: config.title.clone(),
            lang: source.clone(),
            dir: direction(source),
            root: root.clone(),
            title: config.title.clone(),
            languages: language_links(config, "", |l| format!("{root}{l}/")),
            ui: ui_strings(source, self.shared),
            ..PageContext::default()
        };
        let mut pages = Vec::new();
        let index = PageContext { canonical: absolute(config, "").unwrap_or_default(), ..root_context(String::new()) };
        pages.push(Page { path: "index.html".into(), bytes: self.html("index.html", &index)?.into_bytes() });
        if self.templates.has("404.html") {
            let root = config.base_url.as_ref().map(|b| format!("{b}/")).unwrap_or_else(|| "/".into());
            pages.push(Page {
                path: "404.html".into(),
                bytes: self.html("404.html", &root_context(root))?.into_bytes(),
            });
        }
        if config.base_url.is_some() {
            let mut entries: Vec<sitemap::Alternates> =
                self.project.articles.iter().map(|a| self.alternates(&a.slug, listings)).collect();
            entries.push(self.homes());
            pages.push(Page { path: "sitemap.xml".into(), bytes: sitemap::render(&entries).into_bytes() });
        }
        for (name, bytes) in self.templates.assets() {
            pages.push(Page { path: name.into(), bytes: bytes.to_vec() });
        }
        Ok(pages)
    }
}

/// `path` under the configured base URL, if there is one.
fn absolute(config: &Config, path: &str) -> Option<String> {
    config.base_url.as_ref().map(|base| format!("{base}/{path}"))
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
