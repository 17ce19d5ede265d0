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
    project: Project,
    localized: Localized,
    templates: Templates,
    texts: Texts,
    /// Every page by output path.
    pub pages: BTreeMap<String, Vec<u8>>,
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
        let pages = Site::new(&project, &localized, &templates, &texts, true).all_pages()?;
        let pages = pages.into_iter().map(|p| (key(&p), p.bytes)).collect();
        Ok(Preview { root: root.to_path_buf(), project, localized, templates, texts, pages })
    }

    /// Applies `changes`, re-rendering what they touch. Returns whether the drift must be
    /// checked again (always true after a change tolk reads).
    ///
    /// Errors: the error of the first change that fails; the pages stay as they were.
    pub fn apply(&mut self, changes: &BTreeSet<Change>) -> Result<()> {
        if changes.contains(&Change::Everything) {
            *self = Preview::new(&self.root)?;
            return Ok(());
        }
        let mut project = self.project.clone();
        let mut localized_changes: Vec<(String, Option<String>)> = Vec::new();
        let mut redo: BTreeSet<(String, String)> = BTreeSet::new();
        let mut homes: BTreeSet<String> = BTreeSet::new();
        for change in changes {
            match change {
                Change::Everything => {}
                Change::Resource(locale, slug) => {
                    reread(&mut project, locale, &format!("{slug}.ftl"), false)?;
                    localized_changes.push((locale.clone(), Some(slug.clone())));
                    redo.insert((locale.clone(), slug.clone()));
                    homes.insert(locale.clone());
                }
                Change::Locale(locale) => {
                    for file in project.resources.get(locale).cloned().unwrap_or_default() {
                        reread(&mut project, locale, &file.name, false)?;
                    }
                    project
                        .metadata
                        .insert(locale.clone(), metadata::load(&self.root.join("locales").join(locale), &self.root)?);
                    localized_changes.push((locale.clone(), None));
                    redo.extend(project.articles.iter().map(|a| (locale.clone(), a.slug.clone())));
                    homes.insert(locale.clone());
                }
                Change::Snapshot(locale, rel) => {
                    let name = rel.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    reread(&mut project, locale, &name, true)?;
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
        let mut localized = std::mem::replace(&mut self.localized, Localized::empty());
        let result = (|| {
            for (locale, only) in &localized_changes {
                localized.rebuild(&project, locale, only.as_deref())?;
            }
            let mut texts = self.texts.clone();
            for (locale, slug) in &redo {
                if let Some(article) = project.article(slug) {
                    texts.insert(
                        (locale.clone(), slug.clone()),
                        localize_article(&project, &localized, locale, article, true)?,
                    );
                }
            }
            let site = Site::new(&project, &localized, &self.templates, &texts, true);
            let mut pages = Vec::new();
            for (locale, slug) in &redo {
                match site.article_page(locale, slug)? {
                    Some(page) => pages.push(page),
                    None => pages.push(Page { path: format!("{locale}/{slug}/index.html").into(), bytes: Vec::new() }),
                }
            }
            for locale in &homes {
                pages.extend(site.locale_pages(locale)?);
            }
            Ok::<_, crate::error::Error>((texts, pages))
        })();
        match result {
            Ok((texts, pages)) => {
                for page in pages {
                    if page.bytes.is_empty() {
                        self.pages.remove(&key(&page));
                    } else {
                        self.pages.insert(key(&page), page.bytes);
                    }
                }
                self.texts = texts;
                self.project = project;
                self.localized = localized;
                Ok(())
            }
            Err(e) => {
                // Bundles that were rebuilt from the failing input are dropped: start over.
                self.localized = Localized::new(&self.project).unwrap_or(localized);
                Err(e)
            }
        }
    }

    /// Runs the checker and returns what the overlay shows, by page.
    pub fn annotations(&self) -> Annotations {
        let mut annotations = Annotations::default();
        let source = &self.project.config.source_locale;
        let Ok(ctx) = Context::new(&self.project, &[]) else { return annotations };
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

    /// The loaded project.
    pub fn project(&self) -> Option<&Project> {
        Some(&self.project)
    }

    /// (locale, slug) of every article page.
    pub fn article_pages(&self) -> Vec<(String, String)> {
        self.texts.keys().cloned().collect()
    }

    /// The overlay's JSON for page `locale/slug`, if that page exists.
    pub fn drift_json(&self, annotations: &Annotations, locale: &str, slug: &str) -> Option<String> {
        let article = self.project.article(slug)?;
        let text = self.texts.get(&(locale.to_string(), slug.to_string()))?;
        Some(annotations.page(locale, slug, article.calls().map(|c| c.id.as_str()), &text.fallback_ids))
    }
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
