//! `tolk import docusaurus`: a Docusaurus site's docs and their translations → articles,
//! resources, `tolk.toml`.
//!
//! Source pages are `docs/**/*.md`; a locale's translation of `docs/X.md` is
//! `i18n/<locale>/docusaurus-plugin-content-docs/current/X.md` (Docusaurus's i18n layout).
//! The default locale and site title are read from `docusaurus.config.{js,ts,mjs}` where
//! written as plain literals (`defaultLocale: 'en'`, `title: '…'`); `en` and the directory
//! name otherwise. Admonitions (`:::note`) become GFM alerts. MDX pages (`.mdx`) are not
//! imported (JSX has no place in a skeleton) and are reported. Docusaurus records no English
//! a translation was made from: no message gets a source snapshot.

use std::path::Path;

use regex::Regex;

use super::markdown::{self, Dialect};
use super::pages::{self, SourcePage};
use super::ImportReport;
use crate::error::{Error, Result};

/// Where a locale's docs translations live under `i18n/<locale>/`.
const DOCS_PLUGIN: &str = "docusaurus-plugin-content-docs/current";

/// Imports the Docusaurus site at `input` into the tolk site at `site`.
///
/// Errors: [`Error::Usage`] when `input` has no `docs/` or no Markdown page in it, or for
/// files import does not own (see [`super::commit`]); [`Error::Input`] at the place of
/// malformed front matter or a `{{`; [`Error::Io`].
pub fn import(input: &Path, site: &Path, force: bool) -> Result<ImportReport> {
    let docs = input.join("docs");
    let (default_locale, title) = read_config(input);
    let mut report = ImportReport::default();
    let mut locales: Vec<String> = match std::fs::read_dir(input.join("i18n")) {
        Ok(entries) => entries
            .filter_map(|e| e.ok())
            .filter(|e| e.path().join(DOCS_PLUGIN).is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|l| *l != default_locale)
            .collect(),
        Err(_) => Vec::new(),
    };
    locales.sort();
    let mdx = walkdir::WalkDir::new(&docs)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "mdx"))
        .count();
    if mdx > 0 {
        report.notes.push(format!(
            "{}: {mdx} MDX pages (.mdx) not imported: JSX and imports have no place in a skeleton; convert them to Markdown first",
            docs.display()
        ));
    }
    let mut sources = Vec::new();
    for file in pages::markdown_files(&docs)? {
        let rel = file.strip_prefix(&docs).unwrap_or(&file).to_path_buf();
        let stem = rel.with_extension("").to_string_lossy().replace('\\', "/");
        let stem = stem.strip_suffix("/index").unwrap_or(&stem).to_string();
        let slug = pages::slug_of(&stem);
        let path = rel.to_string_lossy().replace('\\', "/");
        sources.push((SourcePage { slug, shown: Path::new("docs").join(&rel), path, weight: None }, file, rel));
    }
    if sources.is_empty() {
        return Err(Error::Usage(format!("{}: no Markdown pages (.md)", docs.display())));
    }
    let pages_only: Vec<SourcePage> = sources.iter().map(|(p, _, _)| p.clone()).collect();
    pages::unique_slugs(&pages_only)?;
    let links = pages::Links::new(&pages_only);
    let mut articles = Vec::new();
    for (source, file, rel) in &sources {
        let page = markdown::parse(pages::read_input(input, file, &source.shown)?, Dialect::Docusaurus, None)?;
        let mut article = pages::source_article(site, &default_locale, "docusaurus", source, &page, &links)?;
        for locale in &locales {
            let shown = Path::new("i18n").join(locale).join(DOCS_PLUGIN).join(rel);
            let path = input.join(&shown);
            if !path.is_file() {
                continue;
            }
            let translated = markdown::parse(pages::read_input(input, &path, &shown)?, Dialect::Docusaurus, None)?;
            let translation = pages::whole_page_translation(
                &article,
                &translated,
                (locale, &source.path),
                "docusaurus",
                &links,
                &mut report,
            );
            article.translations.push(translation);
        }
        articles.push(article);
    }
    pages::write(site, &default_locale, &title, articles, report, force)
}

/// `defaultLocale` and `title` from the site's configuration, where written as string
/// literals; (`en`, the input directory's name) otherwise.
fn read_config(input: &Path) -> (String, String) {
    let text = ["docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs"]
        .iter()
        .find_map(|n| std::fs::read_to_string(input.join(n)).ok())
        .unwrap_or_default();
    let literal = |key: &str| {
        Regex::new(&format!(r#"(?m)^\s*{key}\s*:\s*['"`]([^'"`\n]+)['"`]"#))
            .ok()
            .and_then(|re| re.captures(&text).map(|c| c[1].to_string()))
    };
    let name = input.canonicalize().ok().and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()));
    (
        literal("defaultLocale").unwrap_or_else(|| "en".into()),
        literal("title").or(name).unwrap_or_else(|| "Documentation".into()),
    )
}
