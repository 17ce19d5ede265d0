//! `tolk import mdbook`: an mdBook translated with mdbook-i18n-helpers → articles,
//! resources, source snapshots, `tolk.toml`.
//!
//! `book.toml` gives the title, the source language (`[book] language`, `en` when absent)
//! and the source directory (`[book] src`, `src`); `SUMMARY.md` the chapters, in order (their
//! weight). Each chapter becomes an article (`guide/setup.md` → `guide-setup`). Translations
//! are gettext catalogs `po/<locale>.po` (GNU gettext PO format, as mdbook-xgettext and
//! msgmerge write them): each entry's `msgid` is the English its `msgstr` was made from, so
//! source snapshots are exact. An entry marked `#, fuzzy` was made from an older English:
//! its snapshot is the previous `#| msgid` when msgmerge kept one (`--previous`), so it is a
//! stale translation; without one the English it was made from is unknown and the entry is
//! imported with no snapshot (and reported). Empty and obsolete (`#~`) entries are skipped,
//! and so are code blocks, which stay in the skeleton.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::markdown::{self, Dialect};
use super::pages::{self, SourcePage};
use super::{align_indices, ImportReport, Imported, Translation};
use crate::error::{Error, Location, Result};

/// Imports the mdBook at `input` into the tolk site at `site`.
///
/// Errors: [`Error::Usage`] when `input` has no `book.toml` or `SUMMARY.md`, or for files
/// import does not own (see [`super::commit`]); [`Error::Input`] at the place of malformed
/// `book.toml`, a malformed PO file, or a preprocessor directive in a chapter; [`Error::Io`].
pub fn import(input: &Path, site: &Path, force: bool) -> Result<ImportReport> {
    let book_path = input.join("book.toml");
    if !book_path.is_file() {
        return Err(Error::Usage(format!("{}: no book.toml; is this an mdBook?", input.display())));
    }
    let book_source = crate::fs::read_source(&book_path, Path::new("book.toml"))?;
    let book: toml::Table = book_source.text.parse().map_err(|e| crate::load::config::toml_error(&book_source, &e))?;
    let field = |key: &str| book.get("book").and_then(|b| b.get(key)).and_then(|v| v.as_str()).map(str::to_string);
    let title = field("title").unwrap_or_else(|| "Documentation".into());
    let source_locale = field("language").unwrap_or_else(|| "en".into());
    let src = field("src").unwrap_or_else(|| "src".into());
    let summary_path = input.join(&src).join("SUMMARY.md");
    if !summary_path.is_file() {
        return Err(Error::Usage(format!(
            "{}: no SUMMARY.md; an mdBook lists its chapters there",
            summary_path.display()
        )));
    }
    let summary = pages::read_input(input, &summary_path, &Path::new(&src).join("SUMMARY.md"))?;
    let mut chapters: Vec<(SourcePage, PathBuf, String)> = Vec::new(); // page, rel path, link text
    for (i, (dest, text)) in summary_links(&summary.text).into_iter().enumerate() {
        let rel = PathBuf::from(dest.trim_start_matches("./"));
        let stem = rel.with_extension("").to_string_lossy().replace('\\', "/");
        let slug = pages::slug_of(&stem);
        let path = rel.to_string_lossy().replace('\\', "/");
        let page = SourcePage { slug, shown: Path::new(&src).join(&rel), path, weight: Some(10 * (i as i64 + 1)) };
        chapters.push((page, rel, text));
    }
    if chapters.is_empty() {
        return Err(Error::Usage(format!("{}: lists no chapters", summary.path.display())));
    }
    let pages_only: Vec<SourcePage> = chapters.iter().map(|(p, _, _)| p.clone()).collect();
    pages::unique_slugs(&pages_only)?;
    let links = pages::Links::new(&pages_only);

    let catalogs = read_catalogs(&input.join("po"), input)?;
    let mut report = ImportReport::default();
    let mut articles = Vec::new();
    let mut matched: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); catalogs.len()];
    for (source, rel, link_text) in &chapters {
        let file = input.join(&src).join(rel);
        let page = markdown::parse(pages::read_input(input, &file, &source.shown)?, Dialect::MdBook, Some(link_text))?;
        let mut article = pages::source_article(site, &source_locale, "mdbook", source, &page, &links)?;
        let chapter = format!("{}/{}", src.trim_end_matches('/'), rel.to_string_lossy().replace('\\', "/"));
        for (c, catalog) in catalogs.iter().enumerate() {
            let entries: Vec<usize> = (0..catalog.entries.len())
                .filter(|&e| {
                    let occurrences = &catalog.entries[e].occurrences;
                    occurrences.is_empty() || occurrences.iter().any(|o| o.trim_start_matches("./") == chapter)
                })
                .collect();
            let keys: Vec<&str> = article.blocks.iter().map(|b| b.english.as_str()).collect();
            let msgids: Vec<String> =
                entries.iter().map(|&e| links.rewrite(&source.path, &catalog.entries[e].msgid)).collect();
            let texts: Vec<&str> = msgids.iter().map(String::as_str).collect();
            let mut messages = std::collections::BTreeMap::new();
            for (t, k, _) in align_indices(&keys, &texts) {
                let entry = &catalog.entries[entries[t]];
                matched[c].insert(entries[t]);
                messages.insert(
                    article.blocks[k].id.clone(),
                    Imported {
                        translation: links.rewrite(&source.path, &entry.msgstr),
                        snapshot: entry.snapshot.as_deref().map(|s| links.rewrite(&source.path, s)),
                    },
                );
            }
            if !messages.is_empty() {
                article.translations.push(Translation {
                    locale: catalog.locale.clone(),
                    origin: format!("Imported by `tolk import mdbook` from po/{}.po.", catalog.locale),
                    messages,
                    metadata: None,
                });
            }
        }
        articles.push(article);
    }
    for (c, catalog) in catalogs.iter().enumerate() {
        let mut unknown = 0;
        for (e, entry) in catalog.entries.iter().enumerate() {
            if !matched[c].contains(&e) {
                if entry.occurrences.iter().all(|o| o.ends_with("SUMMARY.md")) && !entry.occurrences.is_empty() {
                    continue; // the table of contents: titles come from the chapters
                }
                report
                    .unmatched
                    .push((Location { file: catalog.path.clone(), line: entry.line, column: 1 }, entry.msgid.clone()));
            } else if entry.snapshot.is_none() {
                unknown += 1;
            }
        }
        if unknown > 0 {
            report.notes.push(format!(
                "{}: {unknown} fuzzy entries have no previous msgid (`#| msgid`, kept by `msgmerge --previous`): \
                 the English they were made from is unknown, so they have no source snapshot (missing-source-snapshot)",
                catalog.path.display()
            ));
        }
    }
    pages::write(site, &source_locale, &title, articles, report, force)
}

/// One usable PO entry: one line each, as blocks are.
#[derive(Debug, Clone)]
struct Entry {
    msgid: String,
    msgstr: String,
    /// The English the translation was made from: the msgid, a fuzzy entry's previous msgid,
    /// or none for a fuzzy entry without one.
    snapshot: Option<String>,
    /// `#:` references without line numbers (`src/intro.md`).
    occurrences: Vec<String>,
    line: usize,
}

/// One catalog, `po/<locale>.po`.
#[derive(Debug, Clone)]
struct Catalog {
    locale: String,
    path: PathBuf,
    entries: Vec<Entry>,
}

/// Reads every `*.po` of `dir` (none when it does not exist), sorted by locale.
fn read_catalogs(dir: &Path, input: &Path) -> Result<Vec<Catalog>> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "po"))
        .collect();
    paths.sort();
    for path in paths {
        let locale = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let shown = path.strip_prefix(input).unwrap_or(&path).to_path_buf();
        let source = pages::read_input(input, &path, &shown)?;
        let po = rspolib::pofile(source.text.as_ref()).map_err(|e| {
            Error::at(Location { file: shown.clone(), line: 1, column: 1 }, format!("not a valid gettext PO file: {e}"))
        })?;
        let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut entries = Vec::new();
        for entry in &po.entries {
            let msgstr = entry.msgstr.as_deref().unwrap_or("");
            let fence = |s: &str| s.trim_start().starts_with("```") || s.trim_start().starts_with("~~~");
            if entry.obsolete || entry.msgid.is_empty() || msgstr.trim().is_empty() || fence(&entry.msgid) {
                continue;
            }
            let fuzzy = entry.flags.iter().any(|f| f == "fuzzy");
            let snapshot =
                if fuzzy { entry.previous_msgid.as_deref().map(one_line) } else { Some(one_line(&entry.msgid)) };
            entries.push(Entry {
                msgid: one_line(&entry.msgid),
                msgstr: one_line(msgstr),
                snapshot,
                occurrences: entry.occurrences.iter().map(|(file, _)| file.clone()).collect(),
                line: entry.linenum.max(1),
            });
        }
        crate::load::skeleton::is_slug(&locale)
            .then_some(())
            .ok_or_else(|| Error::Usage(format!("{}: `{locale}` is not a locale name", shown.display())))?;
        out.push(Catalog { locale, path: shown, entries });
    }
    Ok(out)
}

/// The chapters SUMMARY.md links to (destination, link text), in order; draft chapters
/// (empty destination) and external links are left out.
fn summary_links(text: &str) -> Vec<(String, String)> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => current = Some((dest_url.to_string(), String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((dest, text)) = current.take() {
                    if dest.ends_with(".md") && !dest.contains("://") {
                        out.push((dest, text));
                    }
                }
            }
            _ => {}
        }
    }
    out
}
