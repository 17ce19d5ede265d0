//! Stage 1, load: read a site from disk into a plain [`Project`] value.
//!
//! Every error names its file (and line and column for malformed input). Loading does not
//! validate Fluent syntax: the build refuses resources with syntax errors, while the checker
//! reports them as findings and goes on.

pub mod config;
pub mod fluent;
pub mod fluent_values;
pub mod glossary;
pub mod metadata;
pub mod model;
pub mod skeleton;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use config::Config;
pub use model::Model;
pub use skeleton::Skeleton;

use crate::error::{Error, Result};
use crate::source::SourceText;

/// Directory (inside each `locales/<locale>/`) that holds source snapshots.
pub const SNAPSHOT_DIR: &str = "snapshots";

/// A whole site as read from disk.
#[derive(Debug, Clone)]
pub struct Project {
    /// `tolk.toml`.
    pub config: Config,
    /// `content/model/*.toml` (shared: a project of part of the site holds the same model).
    pub model: std::sync::Arc<Model>,
    /// `content/articles/*.md`, ordered by `weight`, then slug (shared: a project of part of
    /// the site, [`Project::with_files`], holds every article).
    pub articles: std::sync::Arc<Vec<Skeleton>>,
    /// Fluent resources per locale (`locales/<locale>/**/*.ftl` but snapshots), sorted by name.
    pub resources: BTreeMap<String, Vec<ResourceFile>>,
    /// Source snapshots per target locale (`locales/<locale>/snapshots/*.ftl`), sorted by name.
    pub snapshots: BTreeMap<String, Vec<ResourceFile>>,
    /// `locales/<locale>/metadata.toml` per locale (empty when absent).
    pub metadata: BTreeMap<String, metadata::LocaleMetadata>,
    /// Per locale: indices into `resources[locale]` of the shared resources and of each
    /// article's resources (computed on first use).
    owners: std::sync::OnceLock<BTreeMap<String, Owners>>,
    /// Article slugs and aliases → index into `articles` (computed on first use; shared with
    /// the projects of part of the site made from this one).
    by_name: std::sync::Arc<std::sync::OnceLock<ArticleIndex>>,
}

/// Where each article is in [`Project::articles`], by slug and by alias.
#[derive(Debug, Default)]
struct ArticleIndex {
    slugs: std::collections::HashMap<String, usize>,
    /// An alias two articles claim is the later article's.
    aliases: std::collections::HashMap<String, usize>,
}

/// Which resources of a locale are shared and which belong to which article.
#[derive(Debug, Clone, Default)]
pub struct Owners {
    /// Indices of shared resources.
    pub shared: Vec<usize>,
    /// Article slug → indices of its resources.
    pub articles: BTreeMap<String, Vec<usize>>,
}

/// One `.ftl` file of one locale, parsed once ([`fluent::Resource`]).
#[derive(Debug, Clone)]
pub struct ResourceFile {
    /// The locale it belongs to.
    pub locale: String,
    /// Its path relative to the locale directory, with `/` separators (e.g. `ui.ftl`); a
    /// snapshot has the name of the resource it records.
    pub name: String,
    /// Its text; `source.path` is relative to the site root.
    pub source: SourceText,
    /// Its syntax tree, problems and entries (shared: cloning a project does not re-parse).
    pub resource: std::sync::Arc<fluent::Resource>,
}

impl ResourceFile {
    /// Parses `source` as resource `name` of `locale`.
    pub fn new(locale: &str, name: &str, source: SourceText) -> ResourceFile {
        let (resource, source) = fluent::Resource::parse_shared(source);
        ResourceFile {
            locale: locale.to_string(),
            name: name.to_string(),
            source,
            resource: std::sync::Arc::new(resource),
        }
    }

    /// Parses `text` (just read, reported as `path`) as resource `name` of `locale`, moving
    /// the text into the parser instead of copying it.
    pub fn from_text(locale: &str, name: &str, path: PathBuf, text: String) -> ResourceFile {
        let (resource, source) = fluent::Resource::parse_owned(path, text);
        ResourceFile {
            locale: locale.to_string(),
            name: name.to_string(),
            source,
            resource: std::sync::Arc::new(resource),
        }
    }

    /// Its messages, terms and syntax errors (computed on first use).
    pub fn entries(&self) -> &fluent::Entries {
        self.resource.entries()
    }
}

impl Project {
    /// Loads the site at `root`.
    ///
    /// Errors: see [`Config::load`], [`Model::load`], [`Skeleton::parse`]; I/O errors name
    /// their path.
    pub fn load(root: &Path) -> Result<Project> {
        Project::load_parts(root, true)
    }

    /// Loads the site at `root` without its source snapshots: all a build needs (snapshots
    /// matter to the checker and the preview only).
    ///
    /// Errors: as [`Project::load`].
    pub fn load_for_build(root: &Path) -> Result<Project> {
        Project::load_parts(root, false)
    }

    fn load_parts(root: &Path, with_snapshots: bool) -> Result<Project> {
        let mut project = Project::load_frame(root)?;
        let listed = list_locales(&root.join("locales"), &project.config.locales, root, with_snapshots)?;
        (project.resources, project.snapshots) = read_listed(&listed, &project.config.locales)?;
        Ok(project)
    }

    /// Loads the site at `root` with its shared resources and their snapshots, and lists the
    /// files of its articles' resources without reading them: a check reads them article by
    /// article ([`crate::check::site`]), so that a large site is never held whole.
    ///
    /// Errors: as [`Project::load`] (errors in an article's resources are found when read).
    pub fn load_deferred(root: &Path) -> Result<(Project, Vec<Listed>)> {
        let mut project = Project::load_frame(root)?;
        let listed = list_locales(&root.join("locales"), &project.config.locales, root, true)?;
        let (deferred, shared): (Vec<Listed>, Vec<Listed>) = listed
            .into_iter()
            .partition(|f| f.name.strip_suffix(".ftl").is_some_and(|stem| project.article(stem).is_some()));
        (project.resources, project.snapshots) = read_listed(&shared, &project.config.locales)?;
        Ok((project, deferred))
    }

    /// The site at `root` without resources and snapshots.
    fn load_frame(root: &Path) -> Result<Project> {
        let config = Config::load(root)?;
        let model = Model::load(root, Path::new("content/model"))?;
        let mut articles = Vec::new();
        let articles_dir = root.join("content/articles");
        if articles_dir.is_dir() {
            use rayon::prelude::*;
            // Read and parsed in parallel; the first error in file order is reported.
            let parsed: Vec<Result<Skeleton>> = sorted_files(&articles_dir, "md", root)?
                .into_par_iter()
                .map(|path| {
                    let slug = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
                    Skeleton::parse(&slug, crate::fs::read_source(&path, &relative(root, &path))?)
                })
                .collect();
            for skeleton in parsed {
                articles.push(skeleton?);
            }
        }
        articles.sort_by(|a, b| (a.front.weight, &a.slug).cmp(&(b.front.weight, &b.slug)));
        let mut metadata = BTreeMap::new();
        for locale in &config.locales {
            metadata.insert(locale.clone(), metadata::load(&root.join("locales").join(locale), root)?);
        }
        Ok(Project {
            config,
            model: model.into(),
            articles: articles.into(),
            resources: BTreeMap::new(),
            snapshots: BTreeMap::new(),
            metadata,
            owners: Default::default(),
            by_name: Default::default(),
        })
    }

    /// This project with only the resources and snapshots `keep` accepts (the rest shared, not
    /// copied, as in [`Project::with_files`]).
    pub fn filtered(&self, keep: impl Fn(&ResourceFile) -> bool) -> Project {
        let only = |files: &PerLocale| -> PerLocale {
            files.iter().map(|(l, files)| (l.clone(), files.iter().filter(|f| keep(f)).cloned().collect())).collect()
        };
        let mut project = self.with_files(PerLocale::new(), PerLocale::new());
        project.resources = only(&self.resources);
        project.snapshots = only(&self.snapshots);
        project
    }

    /// A project of part of this site: the same configuration, model, articles and metadata
    /// (shared, not copied), with this project's resources and snapshots and `resources` and
    /// `snapshots` added to them (each locale's files sorted by name again).
    pub fn with_files(&self, resources: PerLocale, snapshots: PerLocale) -> Project {
        let merge = |mine: &PerLocale, added: PerLocale| {
            let mut merged = mine.clone();
            for (locale, files) in added {
                let all = merged.entry(locale).or_default();
                all.extend(files);
                all.sort_by(|a, b| a.name.cmp(&b.name));
            }
            merged
        };
        Project {
            config: self.config.clone(),
            model: self.model.clone(),
            articles: self.articles.clone(),
            resources: merge(&self.resources, resources),
            snapshots: merge(&self.snapshots, snapshots),
            metadata: self.metadata.clone(),
            owners: Default::default(),
            by_name: self.by_name.clone(),
        }
    }

    /// A project of a plain Fluent tree `dir/<locale>/**/*.ftl` (Mozilla's l10n layout):
    /// `reference` is the source locale; the targets are `only`, or else every other
    /// subdirectory of `dir` (sorted). No articles, no model.
    ///
    /// Errors: [`Error::Usage`] when `dir/reference` is not a directory; I/O errors.
    pub fn from_ftl_tree(dir: &Path, reference: &str, only: &[String]) -> Result<Project> {
        let (mut project, listed) = Project::from_ftl_tree_deferred(dir, reference, only)?;
        (project.resources, project.snapshots) = read_listed(&listed, &project.config.locales)?;
        Ok(project)
    }

    /// As [`Project::from_ftl_tree`], with the files listed and not read (see
    /// [`Project::load_deferred`]).
    ///
    /// Errors: as [`Project::from_ftl_tree`].
    pub fn from_ftl_tree_deferred(dir: &Path, reference: &str, only: &[String]) -> Result<(Project, Vec<Listed>)> {
        if !dir.join(reference).is_dir() {
            return Err(Error::Usage(format!(
                "--ftl-root {}: no directory {reference}/ for the reference locale",
                dir.display()
            )));
        }
        let targets: Vec<String> = if only.is_empty() {
            let mut found = Vec::new();
            for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
                let entry = entry.map_err(|e| Error::io(dir, e))?;
                let name = entry.file_name().to_string_lossy().into_owned();
                if entry.path().is_dir() && name != reference && !name.starts_with('.') {
                    found.push(name);
                }
            }
            found.sort();
            found
        } else {
            only.to_vec()
        };
        let config = Config::for_ftl_tree(dir, reference, &targets);
        let listed = list_locales(dir, &config.locales, dir, true)?;
        let empty: PerLocale = config.locales.iter().map(|l| (l.clone(), Vec::new())).collect();
        let project = Project {
            config,
            model: Default::default(),
            articles: Default::default(),
            resources: empty.clone(),
            snapshots: empty,
            metadata: BTreeMap::new(),
            owners: Default::default(),
            by_name: Default::default(),
        };
        Ok((project, listed))
    }

    /// A project from parts already in memory (tools, tests and fuzzing): `articles` are
    /// ordered by `weight`, then slug; `resources` and `snapshots` map each locale to its
    /// files; metadata is empty.
    pub fn from_parts(
        config: Config,
        model: Model,
        mut articles: Vec<Skeleton>,
        resources: BTreeMap<String, Vec<ResourceFile>>,
        snapshots: BTreeMap<String, Vec<ResourceFile>>,
    ) -> Project {
        articles.sort_by(|a, b| (a.front.weight, &a.slug).cmp(&(b.front.weight, &b.slug)));
        Project {
            config,
            model: model.into(),
            articles: articles.into(),
            resources,
            snapshots,
            metadata: BTreeMap::new(),
            owners: Default::default(),
            by_name: Default::default(),
        }
    }

    /// The article with `slug`, if any (indexed once: pages look up their article).
    pub fn article(&self, slug: &str) -> Option<&Skeleton> {
        let index = self.article_index();
        index.slugs.get(slug).and_then(|&i| self.articles.get(i)).filter(|a| a.slug == slug)
    }

    /// The article that lists `alias` in its front matter's `aliases`, if any (the later
    /// article when two do).
    pub fn article_by_alias(&self, alias: &str) -> Option<&Skeleton> {
        let index = self.article_index();
        index
            .aliases
            .get(alias)
            .and_then(|&i| self.articles.get(i))
            .filter(|a| a.front.aliases.iter().any(|x| x == alias))
    }

    fn article_index(&self) -> &ArticleIndex {
        self.by_name.get_or_init(|| {
            let articles = self.articles.iter().enumerate();
            ArticleIndex {
                slugs: articles.clone().map(|(i, a)| (a.slug.clone(), i)).collect(),
                aliases: articles.flat_map(|(i, a)| a.front.aliases.iter().map(move |x| (x.clone(), i))).collect(),
            }
        })
    }

    /// Which resources of `locale` are shared and which belong to which article (indices into
    /// `resources[locale]`), computed once: sites have thousands of articles.
    pub fn owners(&self, locale: &str) -> Option<&Owners> {
        self.owners
            .get_or_init(|| {
                self.resources
                    .iter()
                    .map(|(locale, files)| {
                        let mut owners = Owners::default();
                        for (i, file) in files.iter().enumerate() {
                            match file.name.strip_suffix(".ftl").filter(|stem| self.article(stem).is_some()) {
                                Some(slug) => owners.articles.entry(slug.to_string()).or_default().push(i),
                                None => owners.shared.push(i),
                            }
                        }
                        (locale.clone(), owners)
                    })
                    .collect()
            })
            .get(locale)
    }

    /// Forgets derived indices after `articles` or `resources` changed.
    fn invalidate(&mut self) {
        self.owners = std::sync::OnceLock::new();
        self.by_name = Default::default();
    }

    /// Reads resource `name` of `locale` again from disk and parses it (the preview's
    /// incremental reload; other files stay as loaded).
    ///
    /// Errors: as [`Project::load`] for that file.
    pub fn reload_resource(&mut self, locale: &str, name: &str) -> Result<()> {
        let file = self.read_resource(locale, name, &format!("locales/{locale}/{name}"))?;
        // A file replaced in place keeps its place: who owns which file is unchanged.
        if replace_file(self.resources.entry(locale.to_string()).or_default(), file) {
            self.invalidate();
        }
        Ok(())
    }

    /// Reads the source snapshot of resource `name` of `locale` again from disk.
    ///
    /// Errors: as [`Project::load`] for that file.
    pub fn reload_snapshot(&mut self, locale: &str, name: &str) -> Result<()> {
        let file = self.read_resource(locale, name, &format!("locales/{locale}/{SNAPSHOT_DIR}/{name}"))?;
        replace_file(self.snapshots.entry(locale.to_string()).or_default(), file);
        Ok(())
    }

    /// Reads `locales/<locale>/metadata.toml` again.
    ///
    /// Errors: as [`metadata::load`].
    pub fn reload_metadata(&mut self, locale: &str) -> Result<()> {
        let root = self.config.root.clone();
        self.metadata.insert(locale.to_string(), metadata::load(&root.join("locales").join(locale), &root)?);
        Ok(())
    }

    /// Reads the skeleton of article `slug` again (an article the project has).
    ///
    /// Errors: as [`Skeleton::parse`]; [`Error::Usage`] for an unknown slug.
    pub fn reload_skeleton(&mut self, slug: &str) -> Result<()> {
        let rel = PathBuf::from("content/articles").join(format!("{slug}.md"));
        inside_site(&self.config.root, &self.config.root.join(&rel))?;
        let skeleton = Skeleton::parse(slug, crate::fs::read_source(&self.config.root.join(&rel), &rel)?)?;
        let Some(old) = std::sync::Arc::make_mut(&mut self.articles).iter_mut().find(|a| a.slug == slug) else {
            return Err(Error::Usage(format!("{slug} is not an article of this site")));
        };
        // The same slug in the same place: the lookups by slug and the owners stand.
        *old = skeleton;
        Ok(())
    }

    fn read_resource(&self, locale: &str, name: &str, rel: &str) -> Result<ResourceFile> {
        inside_site(&self.config.root, &self.config.root.join(rel))?;
        let source = crate::fs::read_source(&self.config.root.join(rel), Path::new(rel))?;
        Ok(ResourceFile::new(locale, name, source))
    }
}

/// Puts `file` in place of the file of its name in `files`, or adds it at the end.
/// Puts `file` in place of the file of its name in `files`, or adds it; returns whether it
/// was added.
fn replace_file(files: &mut Vec<ResourceFile>, file: ResourceFile) -> bool {
    match files.iter().position(|f| f.name == file.name) {
        Some(i) => {
            files[i] = file;
            false
        }
        None => {
            files.push(file);
            true
        }
    }
}

/// Resources and snapshots per locale.
pub type PerLocale = BTreeMap<String, Vec<ResourceFile>>;

/// A resource or snapshot file found on disk and not read yet: a check that reads a site
/// piece by piece ([`Project::load_deferred`]) reads it when its part is checked.
#[derive(Debug, Clone)]
pub struct Listed {
    /// The locale it belongs to.
    pub locale: String,
    /// The resource name (a snapshot has the name of the resource it records).
    pub name: String,
    /// Whether it is a source snapshot.
    pub snapshot: bool,
    /// Where it is.
    path: PathBuf,
    /// Its path as messages show it (relative to the site root).
    shown: PathBuf,
}

impl Listed {
    /// Reads and parses the file.
    ///
    /// Errors: I/O errors and text that is not UTF-8, naming the file.
    pub fn read(&self) -> Result<ResourceFile> {
        let text = crate::fs::read_text(&self.path, &self.shown)?;
        Ok(ResourceFile::from_text(&self.locale, &self.name, self.shown.clone(), text))
    }
}

/// The `.ftl` files of `locales` under `base/<locale>/` in a deterministic order (locale, then
/// path); paths shown relative to `root`. Snapshots are left out unless `with_snapshots`.
fn list_locales(base: &Path, locales: &[String], root: &Path, with_snapshots: bool) -> Result<Vec<Listed>> {
    let mut listed = Vec::new();
    for locale in locales {
        let dir = base.join(locale);
        if !dir.is_dir() {
            continue;
        }
        for path in sorted_files(&dir, "ftl", root)? {
            let rel = path.strip_prefix(&dir).unwrap_or(&path);
            let name = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            let (name, snapshot) = match name.strip_prefix(&format!("{SNAPSHOT_DIR}/")) {
                Some(resource) if with_snapshots => (resource.to_string(), true),
                Some(_) => continue,
                None => (name, false),
            };
            let shown = relative(root, &path);
            listed.push(Listed { locale: locale.clone(), name, snapshot, path, shown });
        }
    }
    Ok(listed)
}

/// Reads and parses `files` (in parallel), as resources and snapshots per locale, each in the
/// order of `files`; every locale of `locales` has an entry. The first error in file order is
/// returned.
///
/// Errors: as [`Listed::read`].
pub fn read_listed(files: &[Listed], locales: &[String]) -> Result<(PerLocale, PerLocale)> {
    use rayon::prelude::*;
    let read: Vec<Result<ResourceFile>> = files.par_iter().map(Listed::read).collect();
    let mut resources: PerLocale = locales.iter().map(|l| (l.clone(), Vec::new())).collect();
    let mut snapshots: PerLocale = locales.iter().map(|l| (l.clone(), Vec::new())).collect();
    for (listed, file) in files.iter().zip(read) {
        let map = if listed.snapshot { &mut snapshots } else { &mut resources };
        map.entry(listed.locale.clone()).or_default().push(file?);
    }
    Ok((resources, snapshots))
}

/// Files under `dir` (recursively) whose extension is `ext`, sorted, all inside the site at
/// `root`. Symbolic links are not walked into; a link to a file inside the site is read as
/// that file, a link that leads nowhere (an editor's `.#x.ftl` lock) is skipped with a
/// warning on standard error, and a link that leads outside the site (or in a loop) is an
/// error that shows nothing of its target.
///
/// Errors: [`Error::Io`] naming the entry that could not be read; [`Error::Input`] at a link
/// that leaves the site.
pub fn sorted_files(dir: &Path, ext: &str, root: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let site = std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            Error::io(path, e.into_io_error().unwrap_or_else(|| std::io::Error::other("file system loop")))
        })?;
        let wanted = entry.path().extension().and_then(|e| e.to_str()) == Some(ext);
        if entry.file_type().is_symlink() {
            if !wanted {
                continue;
            }
            match std::fs::canonicalize(entry.path()) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => eprintln!(
                    "warning: {}: a symbolic link that leads nowhere; skipped",
                    relative(root, entry.path()).display()
                ),
                // A loop of links, or one that cannot be followed: say which.
                Err(e) => return Err(Error::io(relative(root, entry.path()), e)),
                Ok(target) if !target.starts_with(&site) => return Err(outside(root, entry.path())),
                Ok(target) if target.is_file() => files.push(entry.into_path()),
                Ok(_) => {}
            }
        } else if entry.file_type().is_file() && wanted {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

/// Checks that `path` (a file tolk is about to read) resolves to a place inside the site at
/// `root`.
///
/// Errors: [`Error::Input`] at `path` when a symbolic link takes it outside the site.
pub fn inside_site(root: &Path, path: &Path) -> Result<()> {
    match (std::fs::canonicalize(root), std::fs::canonicalize(path)) {
        (Ok(site), Ok(target)) if !target.starts_with(&site) => Err(outside(root, path)),
        _ => Ok(()),
    }
}

fn outside(root: &Path, link: &Path) -> Error {
    Error::at(
        crate::error::Location::start_of(&relative(root, link)),
        "a symbolic link that leads outside the site; tolk reads only files inside the site root \
         (put the file itself here)",
    )
}

/// `path` relative to `root` when it is inside it, else `path` itself.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_found_by_slug_and_by_alias() {
        let project = Project::load(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let alias = "manage-your-partner-network-benefits";
        assert_eq!(project.article_by_alias(alias).map(|a| a.slug.as_str()), Some("manage-partner-network-benefits"));
        assert!(project.article(alias).is_none(), "an alias is not a slug");
        assert!(project.article_by_alias("manage-partner-network-benefits").is_none(), "a slug is not an alias");
        let part = project.with_files(PerLocale::new(), PerLocale::new());
        assert!(part.article_by_alias(alias).is_some(), "a part of the site shares the index");
    }
}
