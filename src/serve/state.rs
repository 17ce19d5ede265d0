//! The preview's build state: the loaded project, bundles, templates and rendered pages,
//! rebuilt incrementally. A change is classified (as zola does) by what it touches:
//!
//! | changed file | rebuilt |
//! |---|---|
//! | `locales/L/SLUG.ftl` | bundle (L, SLUG); page SLUG in L and the locales falling back to L; their search indexes, and their homes if a title, share or publication changed |
//! | `locales/L/*.ftl` (shared), `locales/L/metadata.toml` | bundles of L; every page of L and of the locales falling back to L |
//! | `locales/L/snapshots/*` | nothing rendered; the drift is checked again |
//! | `content/articles/SLUG.md` | SLUG in every locale; every search index, and the homes whose listing of SLUG changed |
//! | anything else (`tolk.toml`, model, templates, added or removed files) | everything |
//!
//! Homes and search indexes are rendered by [`Preview::finish`], after the reload signal.
//! The drift of one article's change is re-checked for that article only ([`Preview::drift_job`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::drift::{FallbackIds, Job};

use crate::error::{Error, Result};
use crate::load::{metadata, Project, SNAPSHOT_DIR};
use crate::localize::{localize_page, Localized, LocalizedPage, Mode};
use crate::render::search_live::Live;
use crate::render::{localize_article, published, search_page, Frame, Listing, Listings, Nav, Templates};
use crate::write::Page;

/// What one change touches.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Reload and re-render everything.
    Everything,
    /// A shared resource or the metadata of a locale.
    Locale(String),
    /// The resource of one article in one locale.
    Resource(String, String),
    /// A source snapshot: only the drift changes.
    Snapshot(String, PathBuf),
    /// An article's skeleton.
    Skeleton(String),
}

/// Classifies a changed path (relative to the site root); `None` for files tolk does not read.
pub fn classify(project: &Project, rel: &Path) -> Option<Change> {
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let exists = project.config.root.join(rel).is_file();
    match parts.as_slice() {
        ["tolk.toml"] => Some(Change::Everything),
        ["templates", ..] | ["content", "model", ..] => Some(Change::Everything),
        ["content", "articles", name] if name.ends_with(".md") => {
            let slug = name.trim_end_matches(".md");
            Some(if exists && project.article(slug).is_some() {
                Change::Skeleton(slug.to_string())
            } else {
                Change::Everything
            })
        }
        ["locales", locale, SNAPSHOT_DIR, ..] if rel.extension().is_some_and(|e| e == "ftl") => project
            .config
            .locales
            .iter()
            .any(|l| l == locale)
            .then(|| Change::Snapshot(locale.to_string(), rel.to_path_buf())),
        ["locales", locale, name] if *name == metadata::FILE => Some(Change::Locale(locale.to_string())),
        ["locales", locale, ..] if rel.extension().is_some_and(|e| e == "ftl") => {
            if !project.config.locales.iter().any(|l| l == locale) {
                return None;
            }
            let known =
                project.resources.get(*locale).is_some_and(|files| files.iter().any(|f| *f.source.path == *rel));
            if !exists || !known {
                return Some(Change::Everything);
            }
            let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            let is_article = parts.len() == 3 && project.article(stem).is_some();
            Some(if is_article {
                Change::Resource(locale.to_string(), stem.to_string())
            } else {
                Change::Locale(locale.to_string())
            })
        }
        _ => None,
    }
}

/// Every page by output path (`hu/slug/index.html`); bytes shared, never copied to serve.
/// A persistent map: each publication hands the server a clone, which shares the tree, and
/// the next edit's inserts copy only the paths to what they change (a `BTreeMap` was copied
/// whole, 40,000 entries at 10,000 × 4).
pub type Pages = imbl::OrdMap<String, Arc<[u8]>>;

/// The preview's state, owned by the rebuild loop.
pub struct Preview {
    root: PathBuf,
    project: Arc<Project>,
    localized: Localized,
    templates: Templates,
    /// Per (locale, slug): the messages its page shows in a fallback locale (what the drift
    /// overlay marks). Localized pages are not kept: a page is localized again, in
    /// microseconds, when it is rendered again (at 10,000 × 4 they were 1.6 GB).
    fallback: FallbackIds,
    /// What every article page lists on its locale's home (re-rendered from them).
    listings: Listings,
    /// Every page, shared with the HTTP threads; an edit copies the map (keys and pointers,
    /// not page bytes) and publishes the copy.
    pub pages: Arc<Pages>,
    /// Locales whose home page changed: their interface strings, or the title, translated
    /// share or publication of an article they list. Rendered by [`Preview::finish`] after
    /// the reload signal (the page being edited is what the writer is looking at), and kept
    /// for the next rebuild if that fails.
    homes_due: BTreeSet<String>,
    /// Per locale: its search index, kept so that an edit re-indexes only its pages.
    search: BTreeMap<String, Live>,
    /// (locale, slug) of the pages rendered since their locale's search index was last
    /// written: [`Preview::finish`] re-indexes them.
    search_due: BTreeSet<(String, String)>,
    /// Previous/next links of every page, as the pages' listings give them (kept: an edit
    /// that changes no title or publication leaves them as they are).
    nav: Arc<Nav>,
}

/// What [`Preview::apply`] did.
#[derive(Debug, Default)]
pub struct Applied {
    /// The pages it changed (their drift may have changed too); `None`: every page.
    pub changed: Option<Vec<String>>,
}

impl Preview {
    /// Loads and renders the site at `root` in preview mode.
    ///
    /// Errors: any load, localize or render error.
    pub fn new(root: &Path) -> Result<Preview> {
        let project = Project::load(root)?;
        crate::check::Policy::new(&project.config)?;
        let localized = Localized::new(&project)?;
        let templates = Templates::load(root)?;
        let (mut fallback, mut listings, mut pages) = (FallbackIds::new(), Listings::new(), Pages::new());
        // Articles are independent: localized in parallel, then (with every page's title known
        // for previous/next links) rendered in parallel, gathered in order.
        use rayon::prelude::*;
        let localized_all: Vec<Result<Vec<LocalizedPage>>> = project
            .articles
            .par_iter()
            .map(|article| localize_article(&project, &localized, article, Mode::Preview))
            .collect();
        let mut errors = Vec::new();
        let mut all = Vec::new();
        for (article, result) in project.articles.iter().zip(localized_all) {
            match result {
                Ok(found) => all.push((article, found)),
                Err(e) => errors.push(e),
            }
        }
        if let Some(e) = Error::from_many(errors) {
            return Err(e);
        }
        let titled: Listings =
            all.iter().flat_map(|(_, texts)| texts).map(|t| (key_of(t), nav_listing(&project, t))).collect();
        let nav = Arc::new(Nav::new(&project, &titled));
        let frame = Frame::new(&project, &localized, &templates, Mode::Preview).with_nav(Arc::clone(&nav));
        type Rendered = Vec<(Option<Page>, crate::render::Listing)>;
        let rendered: Vec<Result<Rendered>> = all
            .par_iter()
            .map(|(article, localized_pages)| {
                localized_pages.iter().map(|text| frame.article_page(article, localized_pages, &text.locale)).collect()
            })
            .collect();
        let mut errors = Vec::new();
        for ((_, localized_pages), result) in all.into_iter().zip(rendered) {
            let out = match result {
                Ok(found) => found,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            for (text, (page, listing)) in localized_pages.into_iter().zip(out) {
                if let Some(page) = page {
                    pages.insert(key(&page), page.bytes.into());
                }
                listings.insert((text.locale.clone(), text.slug.clone()), listing);
                fallback.insert((text.locale, text.slug), text.fallback_ids);
            }
        }
        if let Some(e) = Error::from_many(errors) {
            return Err(e);
        }
        let mut search = BTreeMap::new();
        for locale in &project.config.locales {
            let mut live = Live::new(locale, project.articles.len());
            for (position, article) in project.articles.iter().enumerate() {
                live.set(position, frame.search_docs(locale, article, &listings));
            }
            let home = frame.locale_home(locale, &listings)?;
            pages.insert(key(&home), Arc::<[u8]>::from(home.bytes));
            pages.insert(search_key(locale), live.json());
            search.insert(locale.clone(), live);
        }
        pages.extend(frame.root_pages(&listings)?.into_iter().map(|p| (key(&p), Arc::<[u8]>::from(p.bytes))));
        let (project, pages) = (Arc::new(project), Arc::new(pages));
        let (homes_due, search_due) = (BTreeSet::new(), BTreeSet::new());
        Ok(Preview {
            root: root.to_path_buf(),
            project,
            localized,
            templates,
            fallback,
            listings,
            pages,
            homes_due,
            search,
            search_due,
            nav,
        })
    }

    /// Applies `changes`, re-rendering the article pages they touch; the locale homes and
    /// search indexes that list those articles are left for [`Preview::finish`].
    ///
    /// Errors: the error of the first change that fails; the pages stay as they were (the
    /// project holds the files as they are on disk, so the drift check sees the error too).
    pub fn apply(&mut self, changes: &BTreeSet<Change>) -> Result<Applied> {
        if changes.contains(&Change::Everything) {
            *self = Preview::new(&self.root)?;
            return Ok(Applied::default());
        }
        // Pages whose drift alone changed (a snapshot); `None` once a change touches them all.
        let mut drifted: Option<BTreeSet<String>> = Some(BTreeSet::new());
        let mut rebuild: Vec<(String, Option<String>)> = Vec::new();
        let mut redo: BTreeSet<(String, String)> = BTreeSet::new();
        let mut homes: BTreeSet<String> = BTreeSet::new();
        let project = Arc::make_mut(&mut self.project);
        for change in changes {
            match change {
                Change::Everything => {}
                Change::Resource(locale, slug) => {
                    project.reload_resource(locale, &format!("{slug}.ftl"))?;
                    rebuild.push((locale.clone(), Some(slug.clone())));
                    // Locales that fall back to this one show its text too.
                    for l in dependents(project, locale) {
                        redo.insert((l.clone(), slug.clone()));
                    }
                }
                Change::Locale(locale) => {
                    let names: Vec<String> =
                        project.resources.get(locale).into_iter().flatten().map(|f| f.name.clone()).collect();
                    for name in names {
                        project.reload_resource(locale, &name)?;
                    }
                    project.reload_metadata(locale)?;
                    rebuild.push((locale.clone(), None));
                    for l in dependents(project, locale) {
                        redo.extend(project.articles.iter().map(|a| (l.clone(), a.slug.clone())));
                        homes.insert(l);
                    }
                }
                Change::Snapshot(locale, rel) => {
                    let name = rel.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    project.reload_snapshot(locale, &name)?;
                    let stem = name.trim_end_matches(".ftl");
                    match &mut drifted {
                        Some(pages) if project.article(stem).is_some() => {
                            pages.insert(format!("{locale}/{stem}/index.html"));
                        }
                        _ => drifted = None,
                    }
                }
                Change::Skeleton(slug) => {
                    project.reload_skeleton(slug)?;
                    redo.extend(project.config.locales.iter().map(|l| (l.clone(), slug.clone())));
                }
            }
        }
        let project: &Project = &self.project;
        // Bundles are replaced only when they build; pages only when all render.
        for (locale, only) in &rebuild {
            self.localized.rebuild(project, locale, only.as_deref())?;
        }
        // Every edited page is localized, then rendered; nothing is replaced unless all are.
        let mut updates = Vec::new();
        let mut errors = Vec::new();
        for (locale, slug) in &redo {
            if let Some(article) = project.article(slug) {
                match localize_page(project, &self.localized, locale, article, Mode::Preview) {
                    Ok(text) => updates.push(((locale.clone(), slug.clone()), Arc::new(text))),
                    Err(found) => errors.extend(found),
                }
            }
        }
        if let Some(e) = Error::from_diagnostics(errors) {
            return Err(e);
        }
        // A page whose title or publication changes changes its neighbours' previous/next
        // links (before and after the edit): they are rendered again too.
        // (Listings are copied, without their search sections, only when some title or
        // publication changed: an edit of a sentence leaves previous/next as they are.)
        let nav_before = Arc::clone(&self.nav);
        // (key, its new listing, whether its publication changed) of each page whose title
        // or publication changed.
        let moved: Vec<_> = updates
            .iter()
            .filter_map(|(k, text)| {
                let now = nav_listing(project, text);
                let before = self.listings.get(k).map(|l| (&l.title, l.published));
                (before != Some((&now.title, now.published)))
                    .then(|| (k.clone(), before.is_none_or(|(_, published)| published != now.published), now))
            })
            .collect();
        let nav = if moved.is_empty() {
            nav_before
        } else {
            // A new title keeps every page in its place: only that title is replaced.
            let retitled = moved.iter().try_fold(None::<Nav>, |nav, ((locale, slug), published, now)| {
                let nav = nav.unwrap_or_else(|| (*nav_before).clone());
                match published {
                    false => nav.retitled(locale, slug, &now.title).map(Some),
                    true => None,
                }
            });
            let nav = match retitled.flatten() {
                Some(nav) => Arc::new(nav),
                None => {
                    let head = |l: &Listing| Listing { title: l.title.clone(), sections: Vec::new(), ..*l };
                    let mut titled: crate::render::Listings =
                        self.listings.iter().map(|(k, l)| (k.clone(), head(l))).collect();
                    titled.extend(updates.iter().map(|(k, text)| (k.clone(), nav_listing(project, text))));
                    Arc::new(Nav::new(project, &titled))
                }
            };
            for ((locale, slug), ..) in moved {
                for near in nav_before.around(&locale, &slug).into_iter().chain(nav.around(&locale, &slug)) {
                    redo.insert((locale.clone(), near));
                }
            }
            nav
        };
        // Each page is rendered with every locale's version of its article: the edited ones,
        // and the others localized again, once per article.
        let updates: BTreeMap<(String, String), Arc<LocalizedPage>> = updates.into_iter().collect();
        let frame = Frame::new(project, &self.localized, &self.templates, Mode::Preview).with_nav(Arc::clone(&nav));
        let mut by_slug: BTreeMap<&String, Vec<&String>> = BTreeMap::new();
        for (locale, slug) in &redo {
            by_slug.entry(slug).or_default().push(locale);
        }
        let mut pages = Vec::new();
        for (slug, locales) in by_slug {
            let Some(article) = project.article(slug) else { continue };
            let (mut all, mut problems) = (Vec::with_capacity(project.config.locales.len()), Vec::new());
            for l in &project.config.locales {
                match updates.get(&(l.clone(), slug.clone())) {
                    Some(text) => all.push(Arc::clone(text)),
                    None => match localize_page(project, &self.localized, l, article, Mode::Preview) {
                        Ok(text) => all.push(Arc::new(text)),
                        Err(found) => problems.extend(found),
                    },
                }
            }
            if let Some(e) = Error::from_diagnostics(problems) {
                return Err(e);
            }
            for locale in locales {
                let (page, listing) = frame.article_page(article, &all, locale)?;
                pages.push((format!("{locale}/{slug}/index.html"), (locale.clone(), slug.clone()), page, listing));
            }
        }
        for (key, text) in updates {
            self.fallback.insert(key, text.fallback_ids.clone());
        }
        let changed = drifted.map(|mut keys| {
            keys.extend(pages.iter().map(|(path, ..)| path.clone()));
            keys.into_iter().collect()
        });
        self.nav = nav;
        let served = Arc::make_mut(&mut self.pages);
        for (path, listed, page, listing) in pages {
            // The home lists each page's title, translated share and publication.
            let home = |l: &Listing| (l.title.clone(), l.translated_percent, l.published);
            if self.listings.get(&listed).map(home) != Some(home(&listing)) {
                homes.insert(listed.0.clone());
            }
            self.search_due.insert(listed.clone());
            self.listings.insert(listed, listing);
            match page {
                Some(page) => served.insert(path, page.bytes.into()),
                None => served.remove(&path),
            };
        }
        self.homes_due.extend(homes);
        Ok(Applied { changed })
    }

    /// Renders what `apply` left: the home pages that changed, and the search index of each
    /// locale with a changed page (re-reading only those pages). Returns the pages it
    /// replaced.
    ///
    /// Errors: front matter messages that do not resolve; template errors. The pages stay as
    /// they were, and the homes are rendered by the next `finish`.
    pub fn finish(&mut self) -> Result<Vec<String>> {
        let frame = Frame::new(&self.project, &self.localized, &self.templates, Mode::Preview);
        let (homes_due, search_due, listings) = (&self.homes_due, &self.search_due, &self.listings);
        let (articles, search) = (&self.project.articles, &mut self.search);
        // A home (the locale's template over every article, ~50 ms at 10,000) and the search
        // indexes read the same listings and nothing of each other: made side by side.
        let (homes, indexes) = rayon::join(
            || homes_due.iter().map(|locale| frame.locale_home(locale, listings)).collect::<Result<Vec<Page>>>(),
            || {
                let mut indexes = Vec::new();
                let indexed: BTreeSet<&String> = search_due.iter().map(|(locale, _)| locale).collect();
                for locale in indexed {
                    let Some(live) = search.get_mut(locale) else { continue };
                    for (position, article) in articles.iter().enumerate() {
                        if search_due.contains(&(locale.clone(), article.slug.clone())) {
                            live.set(position, frame.search_docs(locale, article, listings));
                        }
                    }
                    indexes.push((search_key(locale), live.json()));
                }
                indexes
            },
        );
        // On an error the indexes are made again by the next `finish`, with the homes.
        let pages = homes?;
        self.homes_due.clear();
        self.search_due.clear();
        let served = Arc::make_mut(&mut self.pages);
        let mut changed = Vec::new();
        for (path, bytes) in indexes {
            served.insert(path.clone(), bytes);
            changed.push(path);
        }
        for page in pages {
            let path = key(&page);
            served.insert(path.clone(), page.bytes.into());
            changed.push(path);
        }
        Ok(changed)
    }

    /// The loaded project.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// The drift check of this build (generation `generation`) after `changes`: of the one
    /// article they touch, or (`None`: the first build) of the whole site.
    pub fn drift_job(&self, changes: Option<&BTreeSet<Change>>, generation: u64) -> Job {
        match changes.and_then(|c| one_article(&self.project, c)) {
            Some(slug) => Job::Article {
                project: Arc::clone(&self.project),
                fallback: self
                    .project
                    .config
                    .locales
                    .iter()
                    .filter_map(|l| self.fallback.get(&(l.clone(), slug.clone())).map(|ids| (l.clone(), ids.clone())))
                    .collect(),
                slug,
                generation,
            },
            None => Job::Site { project: Arc::clone(&self.project), fallback: self.fallback.clone(), generation },
        }
    }
}

/// The article all of `changes` are about, if they are about one: its resources and their
/// source snapshots. A skeleton change is not: other articles' links to its anchors may
/// break or mend.
fn one_article(project: &Project, changes: &BTreeSet<Change>) -> Option<String> {
    let mut slugs = changes.iter().map(|change| match change {
        Change::Resource(_, slug) => Some(slug.clone()),
        Change::Snapshot(locale, rel) => {
            let stem = rel.file_stem()?.to_str()?;
            let direct = *rel == Path::new("locales").join(locale).join(SNAPSHOT_DIR).join(format!("{stem}.ftl"));
            (direct && project.article(stem).is_some()).then(|| stem.to_string())
        }
        Change::Skeleton(_) | Change::Locale(_) | Change::Everything => None,
    });
    let first = slugs.next()??;
    slugs.all(|s| s.as_ref() == Some(&first)).then_some(first)
}

/// `locale` and the locales whose fallback chain includes it (their pages show its text
/// where they lack their own).
fn dependents(project: &Project, locale: &str) -> Vec<String> {
    let config = &project.config;
    config
        .locales
        .iter()
        .filter(|l| *l == locale || config.fallback.get(*l).is_some_and(|chain| chain.iter().any(|c| c == locale)))
        .cloned()
        .collect()
}

/// (locale, slug) of a localized page.
fn key_of(text: &LocalizedPage) -> (String, String) {
    (text.locale.clone(), text.slug.clone())
}

/// What previous/next links read of a page: its title and whether it is published.
fn nav_listing(project: &Project, text: &LocalizedPage) -> Listing {
    Listing {
        title: text.title.clone(),
        translated_percent: text.translated_percent(),
        published: published(&project.config, text),
        sections: Vec::new(),
    }
}

fn key(page: &Page) -> String {
    page.path.to_string_lossy().replace('\\', "/")
}

/// The key of `locale`'s search index (the path [`search_page`] gives it).
fn search_key(locale: &str) -> String {
    key(&search_page(locale, String::new()))
}
