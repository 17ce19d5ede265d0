//! The preview's build state: the loaded project, bundles, templates and rendered pages,
//! rebuilt incrementally. A change is classified (as zola does) by what it touches:
//!
//! | changed file | rebuilt |
//! |---|---|
//! | `locales/L/SLUG.ftl` | bundle (L, SLUG); page L/SLUG; L's home and search index |
//! | `locales/L/*.ftl` (shared), `locales/L/metadata.toml` | bundles of L; every page of L |
//! | `locales/L/snapshots/*` | nothing rendered; the drift is checked again |
//! | `content/articles/SLUG.md` | SLUG in every locale; every locale home |
//! | anything else (`tolk.toml`, model, templates, added or removed files) | everything |

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::check::{self, Context};
use crate::error::Result;
use crate::load::{metadata, Project, Skeleton, SNAPSHOT_DIR};
use crate::localize::Localized;
use crate::render::preview::{Annotations, Note};
use crate::render::{localize_all, localize_article, Page, Site, Templates, Texts};

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

/// The preview's state, owned by the rebuild loop.
pub struct Preview {
    root: PathBuf,
    project: Arc<Project>,
    localized: Localized,
    templates: Templates,
    texts: Arc<Texts>,
    /// Search words of every article page (a locale's home is re-rendered from them).
    words: crate::render::Words,
    /// Every page by output path.
    pub pages: BTreeMap<String, Vec<u8>>,
}

/// What the drift check reads: the site root (the checker's thread loads the project itself,
/// so edits never wait for or copy what the check holds) and the texts of one build.
#[derive(Clone)]
pub struct DriftInput {
    root: PathBuf,
    texts: Arc<Texts>,
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
        let pages = pages.into_iter().map(|p| (key(&p), p.bytes)).collect();
        let (project, texts) = (Arc::new(project), Arc::new(texts));
        Ok(Preview { root: root.to_path_buf(), project, localized, templates, texts, words, pages })
    }

    /// Applies `changes`, re-rendering what they touch.
    ///
    /// Errors: the error of the first change that fails; the pages stay as they were (the
    /// project holds the files as they are on disk, so the drift check sees the error too).
    pub fn apply(&mut self, changes: &BTreeSet<Change>) -> Result<()> {
        if changes.contains(&Change::Everything) {
            *self = Preview::new(&self.root)?;
            return Ok(());
        }
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
                    redo.insert((locale.clone(), slug.clone()));
                    homes.insert(locale.clone());
                }
                Change::Locale(locale) => {
                    for file in project.resources.get(locale).cloned().unwrap_or_default() {
                        reread(project, locale, &file.name, false)?;
                    }
                    project
                        .metadata
                        .insert(locale.clone(), metadata::load(&self.root.join("locales").join(locale), &self.root)?);
                    rebuild.push((locale.clone(), None));
                    redo.extend(project.articles.iter().map(|a| (locale.clone(), a.slug.clone())));
                    homes.insert(locale.clone());
                }
                Change::Snapshot(locale, rel) => {
                    let name = rel.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    reread(project, locale, &name, true)?;
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
                let text = localize_article(project, &self.localized, locale, article, true)?;
                updates.push(((locale.clone(), slug.clone()), Arc::new(text)));
            }
        }
        let mut texts = (*self.texts).clone();
        texts.extend(updates);
        let site = Site::new(project, &self.localized, &self.templates, &texts, true);
        let mut pages = Vec::new();
        let mut words = self.words.clone();
        for (locale, slug) in &redo {
            let path = format!("{locale}/{slug}/index.html");
            match site.article_page(locale, slug)? {
                Some((page, page_words)) => {
                    words.insert(page.path.clone(), page_words);
                    pages.push((path, Some(page.bytes)));
                }
                None => {
                    words.remove(&PathBuf::from(&path));
                    pages.push((path, None));
                }
            }
        }
        for locale in &homes {
            pages.extend(site.locale_pages_from(locale, Some(&words))?.into_iter().map(|p| (key(&p), Some(p.bytes))));
        }
        self.words = words;
        for (path, bytes) in pages {
            match bytes {
                Some(bytes) => self.pages.insert(path, bytes),
                None => self.pages.remove(&path),
            };
        }
        self.texts = Arc::new(texts);
        Ok(())
    }

    /// The loaded project.
    pub fn project(&self) -> Option<&Project> {
        Some(&self.project)
    }

    /// What the drift check of this build reads (cheap: shared, not copied).
    pub fn drift_input(&self) -> DriftInput {
        DriftInput { root: self.root.clone(), texts: Arc::clone(&self.texts) }
    }
}

impl DriftInput {
    /// Loads the project, runs the checker and returns the overlay's JSON by page
    /// (`locale/slug`); empty when the site does not load (the build error is shown instead).
    pub fn pages(&self) -> BTreeMap<String, String> {
        let Ok(project) = Project::load(&self.root) else { return BTreeMap::new() };
        let annotations = annotations(&project);
        self.texts
            .keys()
            .filter_map(|(locale, slug)| {
                let article = project.article(slug)?;
                let text = self.texts.get(&(locale.clone(), slug.clone()))?;
                let json = annotations.page(locale, slug, article.calls().map(|c| c.id.as_str()), &text.fallback_ids);
                Some((format!("{locale}/{slug}"), json))
            })
            .collect()
    }
}

/// Runs the checker on `project` and returns what the overlay shows.
pub fn annotations(project: &Project) -> Annotations {
    let mut annotations = Annotations::default();
    let source = &project.config.source_locale;
    let Ok(ctx) = Context::new(project, &[]) else { return annotations };
    for parsed in ctx.source_resources() {
        for m in &parsed.entries.messages {
            annotations.sources.insert(m.id.clone(), m.value.clone());
        }
    }
    let findings = check::run(&ctx).unwrap_or_default();
    for f in findings {
        let note = Note {
            rule: f.rule.to_string(),
            severity: f.severity.as_str().to_string(),
            grade: f.grade.map(str::to_string),
            message: f.message.clone(),
            diff: f.diff.clone(),
            location: f.location.to_string(),
        };
        match &f.message_id {
            Some(id) if f.locale != *source || f.rule != "missing-message" => {
                annotations.notes.entry((f.locale.clone(), id.clone())).or_default().push(note)
            }
            _ => annotations.general.entry(f.locale.clone()).or_default().push(note),
        }
    }
    annotations
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
