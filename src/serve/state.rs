//! The preview's build state: the loaded project, bundles, templates and rendered pages,
//! rebuilt incrementally. A change is classified (as zola does) by what it touches:
//!
//! | changed file | rebuilt |
//! |---|---|
//! | `locales/L/SLUG.ftl` | bundle (L, SLUG); page SLUG in L and the locales falling back to L; their homes and search indexes |
//! | `locales/L/*.ftl` (shared), `locales/L/metadata.toml` | bundles of L; every page of L and of the locales falling back to L |
//! | `locales/L/snapshots/*` | nothing rendered; the drift is checked again |
//! | `content/articles/SLUG.md` | SLUG in every locale; every locale home |
//! | anything else (`tolk.toml`, model, templates, added or removed files) | everything |
//!
//! Homes and search indexes are rendered by [`Preview::finish`], after the reload signal.
//! The drift of one article's change is re-checked for that article only ([`Preview::drift_job`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::drift::Job;

use crate::error::Result;
use crate::load::{metadata, Project, Skeleton, SNAPSHOT_DIR};
use crate::localize::Localized;
use crate::render::{localize_all, localize_page, Page, Site, Templates, Texts};

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
            let known = project.resources.get(*locale).is_some_and(|files| files.iter().any(|f| f.source.path == rel));
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
pub type Pages = BTreeMap<String, Arc<[u8]>>;

/// The preview's state, owned by the rebuild loop.
pub struct Preview {
    root: PathBuf,
    project: Arc<Project>,
    localized: Localized,
    templates: Templates,
    texts: Arc<Texts>,
    /// Search words of every article page (a locale's home is re-rendered from them).
    words: crate::render::Words,
    /// Every page, shared with the HTTP threads; an edit copies the map (keys and pointers,
    /// not page bytes) and publishes the copy.
    pub pages: Arc<Pages>,
    /// Locales whose home page and search index list a changed article: rendered by
    /// [`Preview::finish`] after the reload signal (the page being edited is what the writer
    /// is looking at), and kept for the next rebuild if that fails.
    homes_due: BTreeSet<String>,
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
        let localized = Localized::new(&project)?;
        let templates = Templates::load(root)?;
        let texts = localize_all(&project, &localized, true, true, false)?;
        let (pages, words) = Site::new(&project, &localized, &templates, &texts, true).all_pages_and_words()?;
        let pages = Arc::new(pages.into_iter().map(|p| (key(&p), p.bytes.into())).collect());
        let (project, texts) = (Arc::new(project), Arc::new(texts));
        let homes_due = BTreeSet::new();
        Ok(Preview { root: root.to_path_buf(), project, localized, templates, texts, words, pages, homes_due })
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
                    reread(project, locale, &format!("{slug}.ftl"), false)?;
                    rebuild.push((locale.clone(), Some(slug.clone())));
                    // Locales that fall back to this one show its text too.
                    for l in dependents(project, locale) {
                        redo.insert((l.clone(), slug.clone()));
                        homes.insert(l);
                    }
                }
                Change::Locale(locale) => {
                    for file in project.resources.get(locale).cloned().unwrap_or_default() {
                        reread(project, locale, &file.name, false)?;
                    }
                    project
                        .metadata
                        .insert(locale.clone(), metadata::load(&self.root.join("locales").join(locale), &self.root)?);
                    rebuild.push((locale.clone(), None));
                    for l in dependents(project, locale) {
                        redo.extend(project.articles.iter().map(|a| (l.clone(), a.slug.clone())));
                        homes.insert(l);
                    }
                }
                Change::Snapshot(locale, rel) => {
                    let name = rel.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    reread(project, locale, &name, true)?;
                    let stem = name.trim_end_matches(".ftl");
                    match &mut drifted {
                        Some(pages) if project.article(stem).is_some() => {
                            pages.insert(format!("{locale}/{stem}/index.html"));
                        }
                        _ => drifted = None,
                    }
                }
                Change::Skeleton(slug) => {
                    let path = self.root.join("content/articles").join(format!("{slug}.md"));
                    let shown = crate::load::relative(&self.root, &path);
                    let skeleton = Skeleton::parse(slug, crate::fs::read_source(&path, &shown)?)?;
                    if let Some(old) = project.articles.iter_mut().find(|a| a.slug == *slug) {
                        *old = skeleton;
                    }
                    redo.extend(project.config.locales.iter().map(|l| (l.clone(), slug.clone())));
                    homes.extend(project.config.locales.iter().cloned());
                }
            }
        }
        project.invalidate();
        let project: &Project = &self.project;
        // Bundles are replaced only when they build; texts and pages only when all render.
        for (locale, only) in &rebuild {
            self.localized.rebuild(project, locale, only.as_deref())?;
        }
        let mut updates = Vec::new();
        for (locale, slug) in &redo {
            if let Some(article) = project.article(slug) {
                let text = localize_page(project, &self.localized, locale, article, true)?;
                updates.push(((locale.clone(), slug.clone()), Arc::new(text)));
            }
        }
        // Texts are replaced in place (copied only while a full drift check still reads them),
        // and put back if a page fails to render.
        let previous: Vec<_> = updates.iter().map(|(k, _)| (k.clone(), self.texts.get(k).cloned())).collect();
        Arc::make_mut(&mut self.texts).extend(updates);
        let site = Site::new(project, &self.localized, &self.templates, &self.texts, true);
        let rendered: Result<Vec<_>> = redo
            .iter()
            .map(|(locale, slug)| Ok((format!("{locale}/{slug}/index.html"), site.article_page(locale, slug)?)))
            .collect();
        let pages = match rendered {
            Ok(pages) => pages,
            Err(e) => {
                let texts = Arc::make_mut(&mut self.texts);
                for (k, old) in previous {
                    match old {
                        Some(text) => texts.insert(k, text),
                        None => texts.remove(&k),
                    };
                }
                return Err(e);
            }
        };
        let changed = drifted.map(|mut keys| {
            keys.extend(pages.iter().map(|(path, _)| path.clone()));
            keys.into_iter().collect()
        });
        let served = Arc::make_mut(&mut self.pages);
        for (path, page) in pages {
            match page {
                Some((page, page_words)) => {
                    self.words.insert(page.path, page_words);
                    served.insert(path, page.bytes.into());
                }
                None => {
                    self.words.remove(&PathBuf::from(&path));
                    served.remove(&path);
                }
            }
        }
        self.homes_due.extend(homes);
        Ok(Applied { changed })
    }

    /// Renders what `apply` left: the home page and search index of each locale that lists a
    /// changed article. Returns the pages it replaced.
    ///
    /// Errors: front matter messages that do not resolve; template errors. The pages stay as
    /// they were, and the homes are rendered by the next `finish`.
    pub fn finish(&mut self) -> Result<Vec<String>> {
        let site = Site::new(&self.project, &self.localized, &self.templates, &self.texts, true);
        let mut pages = Vec::new();
        for locale in &self.homes_due {
            pages.extend(site.locale_pages_from(locale, Some(&self.words))?);
        }
        self.homes_due.clear();
        let served = Arc::make_mut(&mut self.pages);
        let mut changed = Vec::new();
        for page in pages {
            let path = key(&page);
            served.insert(path.clone(), page.bytes.into());
            changed.push(path);
        }
        Ok(changed)
    }

    /// The loaded project.
    pub fn project(&self) -> Option<&Project> {
        Some(&self.project)
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
                    .filter_map(|l| {
                        self.texts.get(&(l.clone(), slug.clone())).map(|t| (l.clone(), t.fallback_ids.clone()))
                    })
                    .collect(),
                slug,
                generation,
            },
            None => Job::Site { root: self.root.clone(), texts: Arc::clone(&self.texts), generation },
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

fn key(page: &Page) -> String {
    page.path.to_string_lossy().replace('\\', "/")
}

/// Re-reads resource `name` of `locale` (a snapshot when `snapshot`) from disk.
fn reread(project: &mut Project, locale: &str, name: &str, snapshot: bool) -> Result<()> {
    let root = project.config.root.clone();
    let files = if snapshot {
        project.snapshots.entry(locale.to_string()).or_default()
    } else {
        project.resources.entry(locale.to_string()).or_default()
    };
    let rel =
        if snapshot { format!("locales/{locale}/{SNAPSHOT_DIR}/{name}") } else { format!("locales/{locale}/{name}") };
    let source = crate::fs::read_source(&root.join(&rel), Path::new(&rel))?;
    match files.iter_mut().find(|f| f.name == name) {
        Some(file) => file.source = source,
        None => files.push(crate::load::ResourceFile { locale: locale.to_string(), name: name.to_string(), source }),
    }
    Ok(())
}
