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
pub mod nav;
pub mod preview;
pub mod sanitize;
pub mod search;
pub mod search_live;
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
use context::{fallback_notice, ui_args, ui_html, ui_strings, ArticleLink, Crumb, LanguageLink, PageContext, ALERTS};
use markdown::Links;
pub use nav::Nav;
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
    /// The page's search sections (none when not published).
    pub sections: Vec<search::Section>,
}

/// One article's pages' listings: ((locale, slug), listing).
type Listed = Vec<((String, String), Listing)>;

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
    let nav = Nav::new(project, &nav_listings(project)?);
    let frame = Frame::new(project, &shared, templates, Mode::Build).with_nav(nav);
    let count = std::sync::atomic::AtomicUsize::new(0);
    let put = |page: &Page| {
        count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        put(page)
    };
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
    let listings = gather(per_article)?;
    let homes: Vec<Vec<Page>> =
        project.config.locales.par_iter().map(|locale| frame.locale_pages(locale, &listings)).collect::<Result<_>>()?;
    for page in homes.iter().flatten().chain(&frame.root_pages(&listings)?) {
        put(page)?;
    }
    Ok(count.into_inner())
}

/// Every page's title and whether it is published, before any page is rendered (what
/// previous/next links name): only the title is localized unless `[publish]` can leave a
/// page out (then the whole page is, to know).
///
/// Errors: the titles' (or pages') localization problems.
fn nav_listings(project: &Project) -> Result<Listings> {
    use rayon::prelude::*;
    let publish = &project.config.publish;
    let exact = publish.has_rules() && publish.unpublished != Unpublished::Notice;
    let listing =
        |title: String, published: bool| Listing { title, translated_percent: 0, published, sections: Vec::new() };
    let per_article: Vec<Result<Listed>> = project
        .articles
        .par_iter()
        .map(|article| {
            let key = |locale: &str| (locale.to_string(), article.slug.clone());
            if !exact {
                let quick: Option<Listed> = project
                    .config
                    .locales
                    .iter()
                    .map(|l| {
                        crate::localize::page::title_from_resources(project, article, l)
                            .map(|t| (key(l), listing(t, true)))
                    })
                    .collect();
                if let Some(listed) = quick {
                    return Ok(listed);
                }
            }
            let bundles = Localized::for_article(project, Some(&article.slug))?;
            if exact {
                let pages = localize_article(project, &bundles, article, Mode::Build)?;
                return Ok(pages
                    .into_iter()
                    .map(|p| (key(&p.locale), listing(p.title.clone(), published(&project.config, &p))))
                    .collect());
            }
            let mut listed = Vec::new();
            let mut problems = Vec::new();
            for locale in &project.config.locales {
                match crate::localize::page::title(project, &bundles, article, locale) {
                    Ok(title) => listed.push((key(locale), listing(title, true))),
                    Err(problem) => problems.push(problem),
                }
            }
            match Error::from_diagnostics(problems) {
                Some(e) => Err(e),
                None => Ok(listed),
            }
        })
        .collect();
    gather(per_article)
}

/// Per-article results as one [`Listings`], or every failing article's errors in article order
/// (deterministic whatever the threads did).
fn gather(per_article: Vec<Result<Listed>>) -> Result<Listings> {
    let mut listings = Listings::new();
    let mut errors = Vec::new();
    for result in per_article {
        match result {
            Ok(listed) => listings.extend(listed),
            Err(e) => errors.push(e),
        }
    }
    match Error::from_many(errors) {
        Some(e) => Err(e),
        None => Ok(listings),
    }
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

/// `locale`'s search index page (`<locale>/search-index.json`) holding `json`.
pub fn search_page(locale: &str, json: String) -> Page {
    Page { path: format!("{locale}/search-index.json").into(), bytes: json.into_bytes() }
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

/// Named strings: name → HTML.
type Strings = BTreeMap<String, String>;

/// `locale`'s alert titles: kind (`note`, `tip`, …) → HTML.
fn alert_titles(locale: &str, shared: &Localized) -> Strings {
    ALERTS.iter().map(|(kind, id, default)| (kind.to_string(), ui_html(locale, id, None, default, shared))).collect()
}

/// Everything rendering reads besides the pages: the project, the shared bundles (interface
/// strings), the templates, where links go, and whether pages carry the preview's overlay.
pub struct Frame<'a> {
    project: &'a Project,
    shared: &'a Localized,
    templates: &'a Templates,
    links: Links,
    mode: Mode,
    nav: std::sync::Arc<Nav>,
    /// Per locale: the interface strings ([`ui_strings`]) and the alert titles (kind → HTML),
    /// formatted once instead of once per page.
    ui: BTreeMap<String, (Strings, Strings)>,
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
        let ui = project
            .config
            .locales
            .iter()
            .map(|locale| (locale.clone(), (ui_strings(locale, shared), alert_titles(locale, shared))))
            .collect();
        Frame { project, shared, templates, links, mode, nav: Default::default(), ui }
    }

    /// The frame with `nav` for previous/next links (without: none).
    pub fn with_nav(mut self, nav: impl Into<std::sync::Arc<Nav>>) -> Frame<'a> {
        self.nav = nav.into();
        self
    }

    fn config(&self) -> &Config {
        &self.project.config
    }

    /// `locale`'s interface strings ([`ui_strings`]).
    fn ui_strings(&self, locale: &str) -> Strings {
        self.ui.get(locale).map_or_else(|| ui_strings(locale, self.shared), |(ui, _)| ui.clone())
    }

    /// `locale`'s alert titles: kind (`note`, …) → HTML.
    fn alert_titles(&self, locale: &str) -> std::borrow::Cow<'_, Strings> {
        match self.ui.get(locale) {
            Some((_, alerts)) => std::borrow::Cow::Borrowed(alerts),
            None => std::borrow::Cow::Owned(alert_titles(locale, self.shared)),
        }
    }

    /// `locale`'s page of `article` and its listing; `pages` holds the article in every
    /// locale (for the switcher and hreflang). A page that is not published is `None`, or
    /// under `unpublished = "notice"` the source locale's text with the locale's interface
    /// and a notice ([`crate::load::config::Unpublished::Notice`]).
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
        let find = |l: &str| pages.iter().copied().find(|p| p.locale == l);
        let Some(text) = find(locale) else {
            return Err(Error::Usage(format!("{} has no page in {locale}", article.slug)));
        };
        let slug = &article.slug;
        let source = &config.source_locale;
        let mut listing = Listing {
            title: text.title.clone(),
            translated_percent: text.translated_percent(),
            published: published(config, text),
            sections: Vec::new(),
        };
        // Below the threshold under `unpublished = "notice"`: the source page's text, said so.
        let source_only = !listing.published && config.publish.unpublished == Unpublished::Notice;
        if !listing.published && !source_only {
            return Ok((None, listing));
        }
        let shown = if source_only { find(source).unwrap_or(text) } else { text };
        let ui = self.ui_strings(locale);
        // Alert titles are part of the text: in the language the text is shown in.
        let html = markdown::to_html(&shown.markdown, &self.links, &self.alert_titles(&shown.locale));
        let problems: Vec<_> =
            html.problems.iter().map(|(offset, why)| shown.locate(project, article, *offset, why)).collect();
        if let Some(e) = Error::from_diagnostics(problems) {
            return Err(e);
        }
        if !source_only {
            listing.sections = search::sections(&html.text, &html.headings, &text.title);
        }
        let metadata = project.metadata.get(locale).and_then(|m| m.get(slug)).filter(|_| !source_only);
        let machine = metadata.is_some_and(|m| m.machine_translated());
        let languages = pages
            .iter()
            .filter_map(|p| {
                let own = published(config, p);
                let notice = !own && config.publish.unpublished == Unpublished::Notice;
                let target = if own || notice { &p.locale } else { source };
                (own || config.publish.unpublished != Unpublished::Omit).then(|| LanguageLink {
                    locale: p.locale.clone(),
                    name: config.names[&p.locale].clone(),
                    url: format!("../../{target}/{slug}/"),
                    current: p.locale == locale,
                    percent: p.translated_percent(),
                    published: own || notice,
                    source_only: notice,
                    hreflang: if own { p.locale.clone() } else { source.clone() },
                })
            })
            .collect();
        let source_url = format!("../../{source}/{slug}/");
        let source_name = config.names[source].clone();
        let source_link = format!(
            " <a href=\"{source_url}\" hreflang=\"{source}\">{}</a>",
            ui_args(locale, "ui-source-link", &[("source", &source_name)], localized)
        );
        let mut classes = vec!["tolk-notice"];
        let mut sentences = Vec::new();
        if source_only {
            classes.push("tolk-untranslated-notice");
            sentences.push(ui_args(
                locale,
                "ui-untranslated-page",
                &[("language", &config.names[locale]), ("source", &source_name)],
                localized,
            ));
        } else {
            if machine {
                classes.push("tolk-machine-translation");
                sentences.push(ui["machine_translation"].clone());
            }
            if text.fallbacks() > 0 {
                classes.push("tolk-fallback-notice");
                sentences.push(fallback_notice(locale, text.fallbacks(), localized));
            }
        }
        let notice =
            if sentences.is_empty() || locale == source { String::new() } else { sentences.join(" ") + &source_link };
        let (prev, next) = self.nav.neighbours(locale, slug);
        let description = if shown.description.is_empty() {
            markdown::shorten(&html.summary, 160)
        } else {
            shown.description.clone()
        };
        let edit_path = if locale == source || source_only {
            format!("content/articles/{slug}.md")
        } else {
            format!("locales/{locale}/{slug}.ftl")
        };
        let context = PageContext {
            site_title: config.title.clone(),
            lang: locale.to_string(),
            content_lang: if source_only { source.clone() } else { String::new() },
            source_name,
            home: "../".into(),
            dir: direction(locale),
            root: "../../".into(),
            title: shown.title.clone(),
            description: if description.is_empty() { config.title.clone() } else { description },
            noindex: source_only,
            slug: slug.to_string(),
            content: html.html,
            toc: html.headings.into_iter().filter(|h| (2..=3).contains(&h.level)).collect(),
            notice,
            notice_classes: classes.join(" "),
            machine_translation: if machine { ui["machine_translation"].clone() } else { String::new() },
            fallbacks: if source_only { 0 } else { text.fallbacks() },
            canonical: absolute(config, &format!("{}/{slug}/", if source_only { source } else { locale }))
                .unwrap_or_default(),
            alternates: if source_only {
                Vec::new()
            } else {
                pages
                    .iter()
                    .filter(|p| published(config, p))
                    .filter_map(|p| absolute(config, &format!("{}/{slug}/", p.locale)).map(|u| (p.locale.clone(), u)))
                    .collect()
            },
            breadcrumbs: vec![Crumb { name: ui["home"].clone(), url: "../".into() }],
            languages,
            search_index: "../search-index.json".into(),
            prev,
            next,
            updated: metadata.and_then(|m| m.last_handoff.as_deref()).and_then(context::iso_date).unwrap_or_default(),
            source_commit: metadata
                .and_then(|m| m.source_commit.as_deref())
                .map(|c| c.chars().take(7).collect())
                .unwrap_or_default(),
            edit_url: config.edit_url.as_ref().map(|base| format!("{base}{edit_path}")).unwrap_or_default(),
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
        let mut index = search::Index::new(locale);
        for article in self.project.articles.iter() {
            for (doc, words) in self.search_docs(locale, article, listings) {
                index.add(doc, words.lines());
            }
        }
        Ok(vec![self.locale_home(locale, listings)?, search_page(locale, index.to_json())])
    }

    /// The listing of `article`'s page in `locale` if the locale's home lists it (published,
    /// or shown with a notice).
    fn listed<'l>(&self, locale: &str, article: &Skeleton, listings: &'l Listings) -> Option<&'l Listing> {
        let notice = self.config().publish.unpublished == Unpublished::Notice;
        listings.get(&(locale.to_string(), article.slug.clone())).filter(|l| l.published || notice)
    }

    /// The search documents of `article`'s page in `locale` (one per section of its listing,
    /// none when the home does not list it), each with its words (one per line).
    pub fn search_docs<'l>(
        &self,
        locale: &str,
        article: &Skeleton,
        listings: &'l Listings,
    ) -> Vec<(search::Doc, &'l str)> {
        let Some(listing) = self.listed(locale, article, listings) else { return Vec::new() };
        let url = format!("{}/", article.slug);
        listing
            .sections
            .iter()
            .map(|section| {
                let doc = search::Doc {
                    url: if section.anchor.is_empty() { url.clone() } else { format!("{url}#{}", section.anchor) },
                    title: listing.title.clone(),
                    section: section.heading.clone(),
                    snippet: section.snippet.clone(),
                };
                (doc, section.words.as_str())
            })
            .collect()
    }

    /// `locale`'s home: the list of its articles, from the listings of its pages.
    ///
    /// Errors: template errors.
    pub fn locale_home(&self, locale: &str, listings: &Listings) -> Result<Page> {
        let config = self.config();
        let ui = self.ui_strings(locale);
        let listed: Vec<ArticleLink> = self
            .project
            .articles
            .iter()
            .filter_map(|article| {
                let listing = self.listed(locale, article, listings)?;
                Some(ArticleLink {
                    slug: article.slug.clone(),
                    title: listing.title.clone(),
                    url: format!("{}/", article.slug),
                    translated_percent: listing.translated_percent,
                    source_only: !listing.published,
                })
            })
            .collect();
        let titles: Vec<&str> = listed.iter().map(|a| a.title.as_str()).collect();
        let context = PageContext {
            site_title: config.title.clone(),
            lang: locale.to_string(),
            source_name: config.names[&config.source_locale].clone(),
            home: "./".into(),
            dir: direction(locale),
            root: "../".into(),
            title: config.title.clone(),
            description: markdown::shorten(&format!("{}: {}", config.title, titles.join(" · ")), 160),
            canonical: absolute(config, &format!("{locale}/")).unwrap_or_default(),
            alternates: self.homes(),
            languages: language_links(config, locale, |l| format!("../{l}/")),
            articles: listed,
            search_index: "search-index.json".into(),
            ui,
            ..PageContext::default()
        };
        Ok(Page {
            path: format!("{locale}/index.html").into(),
            bytes: self.html("locale.html", &context)?.into_bytes(),
        })
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
        let names: Vec<&str> = config.locales.iter().map(|l| config.names[l].as_str()).collect();
        let root_context = |root: String| PageContext {
            site_title: config.title.clone(),
            lang: source.clone(),
            source_name: config.names[source].clone(),
            home: format!("{root}index.html"),
            dir: direction(source),
            root: root.clone(),
            title: config.title.clone(),
            description: format!("{}: {}", config.title, names.join(" · ")),
            languages: language_links(config, "", |l| format!("{root}{l}/")),
            ui: self.ui_strings(source),
            ..PageContext::default()
        };
        let mut pages = Vec::new();
        let index = PageContext {
            canonical: absolute(config, "").unwrap_or_default(),
            alternates: self.homes(),
            ..root_context(String::new())
        };
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
            source_only: false,
            hreflang: l.clone(),
        })
        .collect()
}
