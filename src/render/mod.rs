//! Stage 3, render: pages in memory, as bytes, from a loaded and localized project.
//!
//! Output paths (relative to the output directory):
//! - `index.html`: choose a language; `404.html`; `sitemap.xml` (with a base URL);
//! - `<locale>/index.html`: the locale's articles and how much of each is translated;
//! - `<locale>/<slug>/index.html`: an article, when published in the locale (`[publish]`);
//! - `<locale>/search-index.json`: the locale's search index;
//! - every non-template file of `templates/` (scripts) at the top level.
//!
//! [`Site`] renders one page or one group at a time, so `serve` re-renders only what a change
//! touches; [`render_site`] renders everything. Links between pages are relative; canonical
//! and alternate URLs are absolute, from `[site] base-url`.

pub mod context;
pub mod markdown;
pub mod msdocs;
pub mod preview;
pub mod search;
pub mod sitemap;
pub mod templates;

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::load::config::Unpublished;
use crate::load::{Config, Project, Skeleton};
use crate::localize::numbers::direction;
use crate::localize::Localized;
use context::{fallback_notice, plain, ui_html, ui_strings, ArticleLink, Crumb, LanguageLink, PageContext, ALERTS};
use markdown::{Links, LocalizedMarkdown};
pub use templates::Templates;

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Path relative to the output directory, `/`-separated.
    pub path: PathBuf,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// Every article's Markdown in every locale: (locale, slug) → text.
/// Shared (`Arc`) so that the preview can replace one page's text without copying the rest.
pub type Texts = BTreeMap<(String, String), std::sync::Arc<LocalizedMarkdown>>;

/// Localizes `article` in `locale`; `preview` marks every string for the preview overlay.
///
/// Errors: see [`markdown::localize`].
pub fn localize_article(
    project: &Project,
    localized: &Localized,
    locale: &str,
    article: &Skeleton,
    preview: bool,
) -> Result<LocalizedMarkdown> {
    markdown::localize(article, locale, localized, &project.model, preview)
}

/// Localizes `article` in `locale` with what the page around it needs: its plain title and
/// description, and whether its `[publish] required` messages are translated.
///
/// Errors: see [`markdown::localize`]; front matter messages that do not resolve.
pub fn localize_page(
    project: &Project,
    messages: &Localized,
    locale: &str,
    article: &Skeleton,
    preview: bool,
) -> Result<LocalizedMarkdown> {
    let mut text = localize_article(project, messages, locale, article, preview)?;
    text.title = plain(&front(project, messages, article, &article.front.title, locale)?);
    if let Some(id) = &article.front.description {
        text.description = plain(&front(project, messages, article, id, locale)?);
    }
    let rule = project.config.publish.rule(locale, &article.slug);
    text.required_ok = rule.required.iter().all(|id| messages.has_own(locale, Some(&article.slug), id));
    Ok(text)
}

/// Localizes every article in every locale, with each page's plain title and whether its
/// `[publish] required` messages are translated.
///
/// `localized` holds every bundle, or with `lazy` only the shared ones: then each article's
/// bundles are built while it is localized and dropped after. Without `keep_markdown` only
/// the counts are kept (the Markdown is produced again when the page is rendered): a large
/// site's Markdown need not sit in memory all at once.
///
/// Errors: the first of [`localize_article`] (and of building an article's bundles).
pub fn localize_all(
    project: &Project,
    localized: &Localized,
    preview: bool,
    keep_markdown: bool,
    lazy: bool,
) -> Result<Texts> {
    use rayon::prelude::*;
    let per_article: Vec<Texts> = project
        .articles
        .par_iter()
        .map(|article| {
            let scope;
            let messages = if lazy {
                scope = Localized::for_article(project, Some(&article.slug))?;
                &scope
            } else {
                localized
            };
            let mut out = Texts::new();
            for locale in &project.config.locales {
                let mut text = localize_page(project, messages, locale, article, preview)?;
                if !keep_markdown {
                    text.markdown = String::new();
                }
                out.insert((locale.clone(), article.slug.clone()), std::sync::Arc::new(text));
            }
            Ok(out)
        })
        .collect::<Result<_>>()?;
    Ok(per_article.into_iter().flatten().collect())
}

/// Renders the whole site for `tolk build`.
///
/// Errors: the first [`Error`] of any page (unknown message, bad model path, Fluent resolver
/// error, template error); nothing is returned partially.
pub fn render_site(project: &Project, localized: &Localized, templates: &Templates) -> Result<Vec<Page>> {
    let texts = localize_all(project, localized, false, false, false)?;
    Site::new(project, localized, templates, &texts, false).all_pages()
}

/// Renders the whole site for `tolk build`, handing each page to `put` as soon as it is
/// rendered (articles in parallel). Each article's bundles exist only while it is rendered,
/// so memory does not grow with the number of articles. Returns the number of pages.
///
/// Errors: the first error of building bundles, rendering, or `put`.
pub fn write_site(
    project: &Project,
    templates: &Templates,
    put: &(dyn Fn(&Page) -> Result<()> + Sync),
) -> Result<usize> {
    let shared = Localized::for_article(project, None)?;
    // Article bundles and Markdown live only while an article is localized or rendered.
    let texts = localize_all(project, &shared, false, false, true)?;
    let mut site = Site::new(project, &shared, templates, &texts, false);
    site.lazy = true;
    let count = std::sync::atomic::AtomicUsize::new(0);
    site.write_all(&|page| {
        count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        put(page)
    })?;
    Ok(count.into_inner())
}

/// Search words of article pages by page path (one word per line).
pub type Words = BTreeMap<PathBuf, String>;

/// The bundles an article is rendered with: built for it, or the site's.
enum Scope<'a> {
    Own(Localized),
    Shared(&'a Localized),
}

impl Scope<'_> {
    fn get(&self) -> &Localized {
        match self {
            Scope::Own(l) => l,
            Scope::Shared(l) => l,
        }
    }
}

/// A borrowed view of everything rendering reads.
pub struct Site<'a> {
    project: &'a Project,
    localized: &'a Localized,
    templates: &'a Templates,
    texts: &'a Texts,
    links: Links,
    preview: bool,
    /// `localized` holds only shared bundles: build each article's when rendering it.
    lazy: bool,
}

impl<'a> Site<'a> {
    /// A view; `preview` adds the overlay's script to article pages (never in builds).
    pub fn new(
        project: &'a Project,
        localized: &'a Localized,
        templates: &'a Templates,
        texts: &'a Texts,
        preview: bool,
    ) -> Site<'a> {
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
        Site { project, localized, templates, texts, links, preview, lazy: false }
    }

    fn config(&self) -> &Config {
        &self.project.config
    }

    fn text(&self, locale: &str, slug: &str) -> &LocalizedMarkdown {
        &self.texts[&(locale.to_string(), slug.to_string())]
    }

    /// Whether `locale`'s page of `slug` is published (`[publish]`; the source locale always).
    pub fn published(&self, locale: &str, slug: &str) -> bool {
        let config = self.config();
        if locale == config.source_locale {
            return true;
        }
        let rule = config.publish.rule(locale, slug);
        let text = self.text(locale, slug);
        let share = (text.strings - text.fallbacks()) as f64 / text.strings.max(1) as f64;
        share + 1e-9 >= rule.min_translated.unwrap_or(0.0) && text.required_ok
    }

    /// Every page of the site.
    ///
    /// Errors: see [`render_site`].
    pub fn all_pages(&self) -> Result<Vec<Page>> {
        Ok(self.all_pages_and_words()?.0)
    }

    /// Every page, and every article page's search words by page path (for re-rendering a
    /// locale's home without rendering all its articles again).
    ///
    /// Errors: see [`render_site`].
    pub fn all_pages_and_words(&self) -> Result<(Vec<Page>, Words)> {
        let pages = std::sync::Mutex::new(Vec::new());
        let words = self.write_all(&|page: &Page| {
            pages.lock().unwrap_or_else(|e| e.into_inner()).push(page.clone());
            Ok(())
        })?;
        let mut pages = pages.into_inner().unwrap_or_else(|e| e.into_inner());
        pages.sort_by(|a, b| a.path.cmp(&b.path));
        Ok((pages, words))
    }

    /// Renders every page and hands it to `put` (article pages in parallel). Returns the
    /// article pages' search words by page path.
    ///
    /// Errors: see [`render_site`], and `put`'s.
    pub fn write_all(&self, put: &(dyn Fn(&Page) -> Result<()> + Sync)) -> Result<Words> {
        use rayon::prelude::*;
        // Each article page is written at once; only its words are kept, for the search index.
        let words: BTreeMap<PathBuf, String> = self
            .project
            .articles
            .par_iter()
            .map(|article| {
                let scope = self.scope(&article.slug)?;
                let mut words = Vec::new();
                for locale in &self.config().locales {
                    if let Some((page, w)) = self.article_page_in(scope.get(), locale, &article.slug)? {
                        put(&page)?;
                        words.push((page.path, w));
                    }
                }
                Ok(words)
            })
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .collect();
        let homes: Vec<Vec<Page>> = self
            .config()
            .locales
            .par_iter()
            .map(|locale| self.locale_pages_from(locale, Some(&words)))
            .collect::<Result<_>>()?;
        for page in homes.iter().flatten().chain(&self.root_pages()?) {
            put(page)?;
        }
        Ok(words)
    }

    /// `locale`'s page of article `slug` and its search words, or `None` when it is not
    /// published.
    ///
    /// Errors: front matter messages that do not resolve; template errors.
    pub fn article_page(&self, locale: &str, slug: &str) -> Result<Option<(Page, String)>> {
        let scope = self.scope(slug)?;
        self.article_page_in(scope.get(), locale, slug)
    }

    /// The bundles to render article `slug` with: its own (lazy) or the site's.
    fn scope(&self, slug: &str) -> Result<Scope<'a>> {
        let kept = self.config().locales.iter().all(|l| {
            self.texts.get(&(l.clone(), slug.to_string())).is_some_and(|t| !t.markdown.is_empty() || t.strings == 0)
        });
        if self.lazy && !kept {
            Localized::for_article(self.project, Some(slug)).map(Scope::Own)
        } else {
            Ok(Scope::Shared(self.localized))
        }
    }

    /// The page (rendered with `messages`) and its words (for the search index).
    fn article_page_in(&self, messages: &Localized, locale: &str, slug: &str) -> Result<Option<(Page, String)>> {
        if !self.published(locale, slug) {
            return Ok(None);
        }
        let (project, localized, config) = (self.project, self.localized, self.config());
        let Some(article) = project.article(slug) else { return Ok(None) };
        let text = self.markdown(messages, article, locale)?;
        let text = text.as_ref();
        let ui = ui_strings(locale, localized);
        let alert_titles = ALERTS
            .iter()
            .map(|(kind, id, default)| (kind.to_string(), ui_html(locale, id, None, default, localized)))
            .collect();
        let html = markdown::to_html(&text.markdown, &self.links, &alert_titles);
        // Title and description were resolved when localizing (a re-localized text lacks them).
        let kept = self.text(locale, slug);
        let title = kept.title.clone();
        let words = search::words(&html.text, &title);
        let description = kept.description.clone();
        let machine = project.metadata.get(locale).and_then(|m| m.get(slug)).is_some_and(|m| m.machine_translated());
        let languages = config
            .locales
            .iter()
            .filter_map(|l| {
                let own = self.published(l, slug);
                let target = if own { l } else { &config.source_locale };
                (own || config.publish.unpublished == Unpublished::Source).then(|| LanguageLink {
                    locale: l.clone(),
                    name: config.names[l].clone(),
                    url: format!("../../{target}/{slug}/"),
                    current: l == locale,
                    percent: self.text(l, slug).translated_percent(),
                    published: own,
                })
            })
            .collect();
        let context = PageContext {
            site_title: config.title.clone(),
            lang: locale.to_string(),
            dir: direction(locale),
            root: "../../".into(),
            title,
            description,
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
            alternates: self.alternates(slug),
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
        Ok(Some((Page { path: format!("{locale}/{slug}/index.html").into(), bytes: html.into_bytes() }, words)))
    }

    /// Renders template `name`; in preview, with the overlay's script (live reload, drift).
    fn html(&self, name: &str, context: &PageContext) -> Result<String> {
        let html = self.templates.render(name, context)?;
        Ok(if self.preview { preview::inject(&html) } else { html })
    }

    /// (hreflang, absolute URL) of every published version of `slug`, source first.
    fn alternates(&self, slug: &str) -> Vec<(String, String)> {
        let config = self.config();
        config
            .locales
            .iter()
            .filter(|l| self.published(l, slug))
            .filter_map(|l| absolute(config, &format!("{l}/{slug}/")).map(|u| (l.clone(), u)))
            .collect()
    }

    /// `locale`'s home (article list) and search index.
    ///
    /// Errors: front matter messages that do not resolve; template errors.
    pub fn locale_pages(&self, locale: &str) -> Result<Vec<Page>> {
        self.locale_pages_from(locale, None)
    }

    /// As [`Site::locale_pages`], reusing articles' words by page path when given.
    pub fn locale_pages_from(&self, locale: &str, known: Option<&BTreeMap<PathBuf, String>>) -> Result<Vec<Page>> {
        let config = self.config();
        let ui = ui_strings(locale, self.localized);
        let mut listed = Vec::new();
        let mut index = search::Index::default();
        for article in self.project.articles.iter().filter(|a| self.published(locale, &a.slug)) {
            let text = self.text(locale, &article.slug);
            let title = text.title.clone();
            let url = format!("{}/", article.slug);
            let path = PathBuf::from(format!("{locale}/{}/index.html", article.slug));
            let words = match known.and_then(|v| v.get(&path)) {
                Some(words) => words.clone(),
                None => {
                    let scope = self.scope(&article.slug)?;
                    let markdown = self.markdown(scope.get(), article, locale)?;
                    search::words(&markdown::to_html(&markdown.markdown, &self.links, &BTreeMap::new()).text, &title)
                }
            };
            index.add(locale, search::Doc { url: url.clone(), title: title.clone() }, words.lines());
            listed.push(ArticleLink {
                slug: article.slug.clone(),
                title,
                url,
                translated_percent: text.translated_percent(),
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
    pub fn root_pages(&self) -> Result<Vec<Page>> {
        let config = self.config();
        let source = &config.source_locale;
        let root_context = |root: String| PageContext {
            site_title: config.title.clone(),
            lang: source.clone(),
            dir: direction(source),
            root: root.clone(),
            title: config.title.clone(),
            languages: language_links(config, "", |l| format!("{root}{l}/")),
            ui: ui_strings(source, self.localized),
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
                self.project.articles.iter().map(|a| self.alternates(&a.slug)).collect();
            entries.push(self.homes());
            pages.push(Page { path: "sitemap.xml".into(), bytes: sitemap::render(&entries).into_bytes() });
        }
        for (name, bytes) in self.templates.assets() {
            pages.push(Page { path: name.into(), bytes: bytes.to_vec() });
        }
        Ok(pages)
    }

    /// The article's localized Markdown: kept from localizing, or produced again.
    fn markdown<'m>(
        &'m self,
        messages: &Localized,
        article: &Skeleton,
        locale: &str,
    ) -> Result<std::borrow::Cow<'m, LocalizedMarkdown>> {
        let kept = self.text(locale, &article.slug);
        if !kept.markdown.is_empty() || kept.strings == 0 {
            return Ok(std::borrow::Cow::Borrowed(kept));
        }
        localize_article(self.project, messages, locale, article, self.preview).map(std::borrow::Cow::Owned)
    }
}

/// A front matter message (title, description) as text.
fn front(project: &Project, messages: &Localized, article: &Skeleton, id: &str, locale: &str) -> Result<String> {
    let call = crate::load::skeleton::Call { id: id.to_string(), args: Vec::new(), offset: 0 };
    markdown::resolve(article, &call, locale, messages, &project.model).map(|r| r.text).map_err(|e| match e {
        Error::Input { location, message, .. } => Error::at(location, format!("front matter: {message}")),
        other => other,
    })
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
