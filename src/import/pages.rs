//! What the Markdown-site importers ([`super::hugo`], [`super::docusaurus`],
//! [`super::mdbook`]) share: a source page becomes an [`Article`] with humane ids, a whole
//! translated page is aligned to it by structure, and the plan is written with the site's
//! `tolk.toml` created or its target locales extended.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::markdown::{align_structure, Page};
use super::{existing_source, ids, Article, ImportReport, Imported, Plan, Translation};
use crate::error::{Error, Location, Result};

/// A source page to import as article `slug`.
#[derive(Debug, Clone)]
pub struct SourcePage {
    /// The article slug.
    pub slug: String,
    /// The file, shown relative to the input's root.
    pub shown: PathBuf,
    /// The page's path relative to the input's content root, `/`-separated
    /// (`guide/setup.md`): relative links from other pages resolve against it.
    pub path: String,
    /// Sort key when the page gives none (its place in mdBook's SUMMARY.md).
    pub weight: Option<i64>,
}

/// Relative links between the input's pages, rewritten to the articles they became: a
/// destination `../intro.md#x` from `guide/setup.md` names `intro.md`, article `intro`, and
/// becomes `intro.md#x`, the form tolk resolves (`NAME.md` → the article NAME).
#[derive(Debug, Clone, Default)]
pub struct Links {
    /// Page path (as [`SourcePage::path`]) → slug.
    pages: BTreeMap<String, String>,
}

impl Links {
    /// The links among `pages`.
    pub fn new(pages: &[SourcePage]) -> Links {
        Links { pages: pages.iter().map(|p| (p.path.clone(), p.slug.clone())).collect() }
    }

    /// `text` (inline Markdown of a page at `from`) with each link destination that resolves
    /// to one of the pages rewritten to `SLUG.md[#anchor]`; pulldown-cmark finds the links.
    pub fn rewrite(&self, from: &str, text: &str) -> String {
        use pulldown_cmark::{Event, Parser, Tag};
        let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
        for (event, range) in Parser::new(text).into_offset_iter() {
            let Event::Start(Tag::Link { dest_url, .. }) = event else { continue };
            let (path, anchor) = dest_url.split_once('#').map_or((&*dest_url, None), |(p, a)| (p, Some(a)));
            if path.is_empty() || path.contains("://") || path.starts_with('/') || !path.ends_with(".md") {
                continue;
            }
            let Some(slug) = self.pages.get(&resolve(from, path)) else { continue };
            let new = format!("{slug}.md{}", anchor.map(|a| format!("#{a}")).unwrap_or_default());
            // The destination is the last occurrence of the URL inside the link's bytes.
            if let Some(at) = text[range.clone()].rfind(&*dest_url) {
                let start = range.start + at;
                edits.push((start..start + dest_url.len(), new));
            }
        }
        let mut out = text.to_string();
        for (range, new) in edits.into_iter().rev() {
            out.replace_range(range, &new);
        }
        out
    }
}

/// `path` relative to the directory of `from` (both `/`-separated), `.` and `..` resolved.
fn resolve(from: &str, path: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The source article of `page` (parsed from `source.shown`), its ids kept from the site's
/// existing source resource (see [`ids::assign`]) and its links rewritten by `links`; `tool`
/// names the importer in the header.
///
/// Errors: [`Error::Io`] reading the existing resource.
pub fn source_article(
    site: &Path,
    source_locale: &str,
    tool: &str,
    source: &SourcePage,
    page: &Page,
    links: &Links,
) -> Result<Article> {
    let existing = existing_source(site, source_locale, &source.slug)?;
    let mut blocks = page.blocks.clone();
    for block in &mut blocks {
        block.english = links.rewrite(&source.path, &block.english);
    }
    let (renames, legacy) = ids::assign(&mut blocks, &existing);
    let rename = |id: &Option<String>| id.as_ref().and_then(|id| renames.get(id)).cloned();
    Ok(Article {
        slug: source.slug.clone(),
        origin: format!("Imported by `tolk import {tool}` from {}.", shown(&source.shown)),
        title: rename(&page.title).unwrap_or_default(),
        description: rename(&page.description),
        weight: page.weight.or(source.weight),
        skeleton_body: ids::rename_calls(&page.skeleton_body, &renames),
        blocks,
        translations: Vec::new(),
        renames: legacy,
    })
}

/// The translation in `locale` of `article` (from the page at `path`, see
/// [`SourcePage::path`]) from a whole translated page (Hugo, Docusaurus), aligned by structure
/// ([`align_structure`]), its links rewritten by `links`. Such a page does not say which English it was
/// made from, so no message gets a source snapshot. Translated blocks left over are added to
/// `report.unmatched`.
pub fn whole_page_translation(
    article: &Article,
    page: &Page,
    (locale, path): (&str, &str),
    tool: &str,
    links: &Links,
    report: &mut ImportReport,
) -> Translation {
    let pairs = align_structure(&article.blocks, &page.blocks);
    let mut used = vec![false; page.blocks.len()];
    let mut messages = BTreeMap::new();
    for (t, s) in pairs {
        used[t] = true;
        messages.insert(
            article.blocks[s].id.clone(),
            Imported { translation: links.rewrite(path, &page.blocks[t].english), snapshot: None },
        );
    }
    for (block, _) in page.blocks.iter().zip(used).filter(|(_, u)| !u) {
        report.unmatched.push((
            Location { file: page.source.path.to_path_buf(), line: block.line.max(1), column: 1 },
            block.english.clone(),
        ));
    }
    Translation {
        locale: locale.to_string(),
        origin: format!(
            "Imported by `tolk import {tool}` from {} (no record of the English it was made from).",
            shown(&page.source.path)
        ),
        messages,
        metadata: None,
    }
}

/// Reads `path` (shown as `shown`), a file of the input at `input`, refusing one that
/// resolves outside `input` (`..` in a SUMMARY.md link or a `contentDir`, a symbolic link):
/// import reads only the site it is given.
///
/// Errors: [`Error::Input`] at `shown` for a file outside the input; those of
/// [`crate::fs::read_source`].
pub fn read_input(input: &Path, path: &Path, shown: &Path) -> Result<crate::source::SourceText> {
    if let (Ok(root), Ok(target)) = (std::fs::canonicalize(input), std::fs::canonicalize(path)) {
        if !target.starts_with(&root) {
            return Err(Error::at(
                Location::start_of(shown),
                format!("this file is outside {}; import reads only files inside the site it imports", input.display()),
            ));
        }
    }
    crate::fs::read_source(path, shown)
}

fn shown(path: &Path) -> String {
    let text = path.display().to_string().replace('\\', "/");
    text.chars().map(|c| if c.is_control() { '\u{FFFD}' } else { c }).collect()
}

/// Plans `articles` into one [`Plan`] (no metadata: these inputs record none), commits it,
/// then creates `tolk.toml` (source `source_locale`, the translations' locales as targets,
/// site title `title`) when the site has none, or appends the locales it lacks to its targets.
///
/// Errors: [`Error::Usage`] when the site's source locale is not `source_locale` or a locale is
/// not a BCP 47 tag (locales name directories); those of
/// [`super::commit`].
pub fn write(
    site: &Path,
    source_locale: &str,
    title: &str,
    articles: Vec<Article>,
    mut report: ImportReport,
    force: bool,
) -> Result<ImportReport> {
    let site_source = super::site_source_locale(site)?;
    if site.join("tolk.toml").is_file() && site_source != source_locale {
        return Err(Error::Usage(format!(
            "the input's source locale is {source_locale} but the site's (tolk.toml) is {site_source}"
        )));
    }
    // Locales name directories: refuse anything but a BCP 47 tag before writing a byte.
    for locale in std::iter::once(source_locale)
        .chain(articles.iter().flat_map(|a| a.translations.iter().map(|t| t.locale.as_str())))
    {
        let safe = crate::load::skeleton::is_slug(locale) && locale.parse::<unic_langid::LanguageIdentifier>().is_ok();
        if !safe {
            return Err(Error::Usage(format!(
                "the input names a language `{}`, which is not a BCP 47 locale tag (such as en, nl, pt-BR)",
                locale.escape_debug()
            )));
        }
    }
    let mut plan = Plan { report: std::mem::take(&mut report), ..Plan::default() };
    let mut metadata = BTreeMap::new();
    let mut targets: Vec<String> = Vec::new();
    for article in &articles {
        plan.add(article, source_locale, &mut metadata);
        for t in &article.translations {
            if !targets.contains(&t.locale) {
                targets.push(t.locale.clone());
            }
        }
    }
    plan.report.unmatched.sort();
    let mut report = super::commit(site, source_locale, plan, force)?;
    targets.sort();
    report.written.extend(crate::cmd::scaffold::ensure_config(site, source_locale, &targets, title)?);
    Ok(report)
}

/// `text` as an article slug: lowercased, path separators and other characters as `-`,
/// starting with a letter or digit (see [`crate::load::skeleton::is_slug`]).
pub fn slug_of(text: &str) -> String {
    let slug = super::blocks::slug(&deunicode::deunicode(text));
    let slug = slug[..slug.len().min(100)].trim_end_matches('-');
    if slug.is_empty() {
        "index".into()
    } else {
        slug.to_string()
    }
}

/// Refuses two source pages with one slug.
///
/// Errors: [`Error::Usage`] naming both files.
pub fn unique_slugs(pages: &[SourcePage]) -> Result<()> {
    let mut seen: BTreeMap<&str, &Path> = BTreeMap::new();
    for page in pages {
        if let Some(other) = seen.insert(&page.slug, &page.shown) {
            return Err(Error::Usage(format!(
                "{} and {} would both be article `{}`; rename one of them",
                other.display(),
                page.shown.display(),
                page.slug
            )));
        }
    }
    Ok(())
}

/// The `.md` files under `dir`, sorted, hidden directories left out.
///
/// Errors: [`Error::Usage`] when `dir` does not exist; [`Error::Io`].
pub fn markdown_files(dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Err(Error::Usage(format!("{}: no such directory", dir.display())));
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
    {
        let entry = entry.map_err(|e| Error::Usage(format!("{}: {e}", dir.display())))?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "md") {
            out.push(entry.path().to_path_buf());
        }
    }
    Ok(out)
}
