//! `tolk import`: external formats → skeleton + Fluent resources + source snapshots.
//!
//! For Microsoft Docs ([`msdocs`]) the newest input (by `ms.lasthandoff`) gives today's
//! English and the skeleton's shape; every input's blocks are aligned to those English
//! messages by the English each translation was made from ([`align`]).
//!
//! Import owns the files it writes. Each starts with a header ending in
//! `tolk-import-digest: SHA-256`, the digest of what follows. A later import replaces a file
//! only while it is unchanged since it was written (or does not exist); a hand-edited file,
//! or one whose header was removed, is refused unless `--force`.

pub mod blocks;
pub mod docusaurus;
pub mod hugo;
pub mod ids;
pub mod markdown;
pub mod mdbook;
pub mod msdocs;
pub mod pages;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{Error, Location, Result};
use crate::load::fluent::escape_value;
use crate::load::metadata::{self, ArticleMetadata};
use crate::load::SNAPSHOT_DIR;
use crate::source::SourceText;
use blocks::Block;
use msdocs::MsDocsFile;

/// Word-diff similarity (0..=1, `similar`'s ratio) above which a block whose English differs
/// from every message is still aligned to the most similar one.
pub const SIMILARITY_THRESHOLD: f32 = 0.5;

/// The marker that ends an import header.
const DIGEST_PREFIX: &str = "tolk-import-digest: ";

/// What to import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The Microsoft Docs files of one article, one per locale.
    pub files: Vec<PathBuf>,
    /// The article slug: names `content/articles/SLUG.md` and `locales/*/SLUG.ftl`.
    pub article: String,
    /// The site root to write into.
    pub site: PathBuf,
    /// Replace files that were edited since import, or not written by import.
    pub force: bool,
}

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    /// Files written (relative to the site root), in order.
    pub written: Vec<PathBuf>,
    /// Files whose bytes were already identical.
    pub unchanged: Vec<PathBuf>,
    /// Per locale: messages imported made from today's English, from an older English, and
    /// from an unknown English (no source snapshot).
    pub aligned: Vec<LocaleCount>,
    /// Input blocks or entries whose English matched no message of today's English: where,
    /// and the text.
    pub unmatched: Vec<(Location, String)>,
    /// Warnings about the input as a whole (what was skipped and why).
    pub notes: Vec<String>,
    /// The articles imported (slugs, in order).
    pub articles: Vec<String>,
    /// Message ids of an earlier form renamed, over all articles.
    pub renamed: usize,
    /// For Microsoft Docs: the input that gave today's English.
    pub newest: Option<PathBuf>,
}

/// How many messages of one locale an import aligned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocaleCount {
    /// The locale.
    pub locale: String,
    /// Made from today's English (their snapshot equals it, whitespace and punctuation aside).
    pub current: usize,
    /// Made from an older English (aligned by similarity, or a fuzzy PO entry): stale.
    pub older: usize,
    /// Imported without knowing the English they were made from (no source snapshot).
    pub unknown: usize,
}

impl ImportReport {
    fn count(&mut self, locale: &str) -> &mut LocaleCount {
        let at = match self.aligned.iter().position(|c| c.locale == locale) {
            Some(at) => at,
            None => {
                self.aligned.push(LocaleCount { locale: locale.to_string(), ..LocaleCount::default() });
                self.aligned.len() - 1
            }
        };
        &mut self.aligned[at]
    }
}

/// One block's translation aligned to a message of today's English.
#[derive(Debug, Clone, PartialEq)]
pub struct Aligned {
    /// The translation.
    pub translation: String,
    /// The English it was made from (the source snapshot).
    pub old_english: String,
    /// Whether the English matched exactly (after whitespace and punctuation normalization).
    pub exact: bool,
}

/// Aligns `blocks` of one input to today's `english` messages: exact matches after
/// normalization first, then the most similar pairs with ratio ≥ [`SIMILARITY_THRESHOLD`],
/// each message and each block used once. Returns message id → translation, and the blocks
/// left over.
pub fn align<'a>(english: &[Block], blocks: &'a [Block]) -> (BTreeMap<String, Aligned>, Vec<&'a Block>) {
    let keys: Vec<&str> = english.iter().map(|m| m.english.as_str()).collect();
    let texts: Vec<&str> = blocks.iter().map(|b| b.english.as_str()).collect();
    let mut used = vec![false; blocks.len()];
    let mut aligned = BTreeMap::new();
    for (b, m, exact) in align_indices(&keys, &texts) {
        used[b] = true;
        let block = &blocks[b];
        aligned.insert(
            english[m].id.clone(),
            Aligned { translation: block.translation.clone(), old_english: block.english.clone(), exact },
        );
    }
    let left = blocks.iter().zip(used).filter(|(_, used)| !used).map(|(b, _)| b).collect();
    (aligned, left)
}

/// Aligns `texts` to `keys` (both source texts): exact matches after normalization first
/// (in order, first come first served), then the most similar remaining pairs by word-diff
/// ratio ≥ [`SIMILARITY_THRESHOLD`], best first. Each key and each text is used once.
/// Returns (text index, key index, exact), in no particular order.
pub fn align_indices(keys: &[&str], texts: &[&str]) -> Vec<(usize, usize, bool)> {
    let (mut text_used, mut key_used) = (vec![false; texts.len()], vec![false; keys.len()]);
    let mut out = Vec::new();
    // Pass 1: exact after normalization, first come first served.
    let mut by_key: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    for (m, key) in keys.iter().enumerate().rev() {
        by_key.entry(normalize(key)).or_default().push(m);
    }
    for (b, text) in texts.iter().enumerate() {
        if let Some(m) = by_key.get_mut(&normalize(text)).and_then(Vec::pop) {
            text_used[b] = true;
            key_used[m] = true;
            out.push((b, m, true));
        }
    }
    // Pass 2: the most similar remaining pairs, best first.
    let words = |s: &str| s.split_whitespace().count();
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for (b, text) in texts.iter().enumerate().filter(|(b, _)| !text_used[*b]) {
        for (m, key) in keys.iter().enumerate().filter(|(m, _)| !key_used[*m]) {
            // The ratio cannot exceed 2·min/(sum) of the token counts: skip hopeless pairs.
            let (x, y) = (words(text), words(key));
            if 2.0 * x.min(y) as f32 / (x + y).max(1) as f32 <= SIMILARITY_THRESHOLD {
                continue;
            }
            let score = similar::TextDiff::from_words(*text, *key).ratio();
            if score >= SIMILARITY_THRESHOLD {
                pairs.push((score, b, m));
            }
        }
    }
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    for (_, b, m) in pairs {
        if !text_used[b] && !key_used[m] {
            text_used[b] = true;
            key_used[m] = true;
            out.push((b, m, false));
        }
    }
    out
}

/// Lowercase, punctuation removed, whitespace collapsed.
fn normalize(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_alphanumeric() { c.to_lowercase().next().unwrap_or(c) } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Imports Microsoft Docs files into the site.
///
/// Errors: [`Error::Usage`] for no input, an invalid slug, two inputs of one locale, or
/// files that import does not own (listed; `--force` replaces them); the errors of
/// [`msdocs::parse`] for unreadable or unusable input. Nothing is written on error.
pub fn import_msdocs(options: &ImportOptions) -> Result<ImportReport> {
    if options.files.is_empty() {
        return Err(Error::Usage("give at least one Microsoft Docs file to import".into()));
    }
    check_slug(&options.article)?;
    let source_locale = site_source_locale(&options.site)?;
    let mut inputs: Vec<MsDocsFile> = Vec::new();
    for path in &options.files {
        let file = msdocs::read(path, path)?;
        let source_language = source_locale.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        if file.locale == source_language {
            return Err(Error::Usage(format!(
                "{}: ms.contentlocale {} is the site's source locale `{source_locale}`: import reads translations \
                 (with the English they were made from) and would overwrite locales/{source_locale}/{}.ftl; \
                 give only the localized files",
                path.display(),
                file.content_locale,
                options.article
            )));
        }
        if let Some(other) = inputs.iter().find(|f| f.locale == file.locale) {
            return Err(Error::Usage(format!(
                "{} and {} are both locale `{}`: import one file per locale",
                other.source.path.display(),
                path.display(),
                file.locale
            )));
        }
        inputs.push(file);
    }
    let existing = existing_source(&options.site, &source_locale, &options.article)?;
    let plan = plan(&inputs, &options.article, &source_locale, &existing, |locale| {
        metadata::load(&options.site.join("locales").join(locale), &options.site)
    })?;
    commit(&options.site, &source_locale, plan, options.force)
}

/// Refuses a slug that is not `[a-zA-Z][a-zA-Z0-9_-]*`.
///
/// Errors: [`Error::Usage`].
pub fn check_slug(slug: &str) -> Result<()> {
    if crate::load::skeleton::is_identifier(slug) {
        return Ok(());
    }
    Err(Error::Usage(format!("--article {slug}: a slug starts with a letter and uses letters, digits, `-` and `_`")))
}

/// The site's source locale (its `tolk.toml`, validated; `en` for a site not started yet).
///
/// Errors: those of [`crate::load::Config::load`].
pub fn site_source_locale(site: &Path) -> Result<String> {
    if site.join("tolk.toml").is_file() {
        Ok(crate::load::Config::load(site)?.source_locale)
    } else {
        Ok("en".to_string())
    }
}

/// The messages of `locales/<source_locale>/<slug>.ftl` in `site` (id, value in canonical
/// Fluent syntax), in file order; none when the file does not exist. Import keeps their ids.
///
/// Errors: [`Error::Io`] for an unreadable file.
pub fn existing_source(site: &Path, source_locale: &str, slug: &str) -> Result<Vec<(String, String)>> {
    let path = site.join("locales").join(source_locale).join(format!("{slug}.ftl"));
    if !path.is_file() {
        return Ok(Vec::new());
    }
    let source = crate::fs::read_source(&path, &crate::load::relative(site, &path))?;
    let resource = crate::load::fluent::Resource::parse(&source);
    Ok(resource.entries().messages.iter().map(|m| (m.id.clone(), m.value.clone())).collect())
}

/// What an import would write, computed without touching the site.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The report (all but `written` and `unchanged`, which depend on the site).
    pub report: ImportReport,
    /// Files import owns, relative to the site root, with their full text (header included):
    /// per article its skeleton, then per locale its resource and source snapshot.
    pub owned: Vec<(PathBuf, String)>,
    /// `locales/<locale>/metadata.toml` per locale with metadata: the existing metadata
    /// merged with the imported articles' entries (never refused).
    pub merged: Vec<(PathBuf, String)>,
    /// Per article slug: message ids of an earlier form → their new ids, applied by
    /// [`commit`] to the article's resources and snapshots in locales the import did not write.
    pub renames: Vec<(String, BTreeMap<String, String>)>,
}

/// One article as an importer read it: the source document and its translations, with final
/// message ids.
#[derive(Debug, Clone, Default)]
pub struct Article {
    /// The slug: `content/articles/SLUG.md`, `locales/*/SLUG.ftl`.
    pub slug: String,
    /// Where it came from: the first line of each file's header.
    pub origin: String,
    /// Message id of the page title.
    pub title: String,
    /// Message id of the description, if any.
    pub description: Option<String>,
    /// Sort key in article lists, if the input gives one.
    pub weight: Option<i64>,
    /// The skeleton body (Markdown with `{{ ID }}` calls).
    pub skeleton_body: String,
    /// The source messages, in document order (kind and section give the translator's comment).
    pub blocks: Vec<Block>,
    /// The translations.
    pub translations: Vec<Translation>,
    /// Ids of an earlier form → new ids (see [`ids::assign`]).
    pub renames: BTreeMap<String, String>,
}

/// One locale's translation of an [`Article`].
#[derive(Debug, Clone, Default)]
pub struct Translation {
    /// The site locale.
    pub locale: String,
    /// Where it came from (header line).
    pub origin: String,
    /// Message id → the translation and, when the input says, the English it was made from.
    pub messages: BTreeMap<String, Imported>,
    /// Metadata to record in `locales/<locale>/metadata.toml`, if the input gives any.
    pub metadata: Option<ArticleMetadata>,
}

/// One imported translation.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The translated text (inline Markdown, one line).
    pub translation: String,
    /// The English it was made from (the source snapshot), when the input records it.
    pub snapshot: Option<String>,
}

impl Plan {
    /// Adds `article`'s files (skeleton, source resource with a translator's comment above
    /// each message, and per translation its resource and, when any message has one, its
    /// source snapshot) for a site whose source locale is `source_locale`, and merges its
    /// metadata into `metadata` (locale → the locale's metadata, read by the caller).
    pub fn add(
        &mut self,
        article: &Article,
        source_locale: &str,
        metadata: &mut BTreeMap<String, metadata::LocaleMetadata>,
    ) {
        let slug = &article.slug;
        let mut front = format!("title = \"{}\"\n", article.title);
        if let Some(description) = &article.description {
            front.push_str(&format!("description = \"{description}\"\n"));
        }
        if let Some(weight) = article.weight {
            front.push_str(&format!("weight = {weight}\n"));
        }
        let skeleton = format!("{front}+++\n{}", article.skeleton_body);
        self.owned.push((
            PathBuf::from(format!("content/articles/{slug}.md")),
            format!("+++\n{}", with_header("#", &article.origin, &skeleton)),
        ));
        let mut source = String::from("\n");
        let first_title = article.blocks.iter().position(|b| b.kind == "title");
        for (i, block) in article.blocks.iter().enumerate() {
            let comment = if block.id == article.title && block.kind != "title" {
                "The article's title (page title and first heading).".to_string()
            } else {
                ids::comment(block, Some(i) == first_title)
            };
            source.push_str(&format!("# {comment}\n{} = {}\n", block.id, escape_value(&block.english)));
        }
        self.owned.push((
            PathBuf::from(format!("locales/{source_locale}/{slug}.ftl")),
            with_header("###", &article.origin, &source),
        ));
        let mut translations: Vec<&Translation> = article.translations.iter().collect();
        translations.sort_by(|a, b| a.locale.cmp(&b.locale));
        for t in translations {
            let count = self.report.count(&t.locale);
            let (mut resource, mut snapshot) = (String::from("\n"), String::from("\n"));
            let mut snapshots = 0;
            for block in &article.blocks {
                let Some(imported) = t.messages.get(&block.id) else { continue };
                resource.push_str(&format!("{} = {}\n", block.id, escape_value(&imported.translation)));
                match &imported.snapshot {
                    Some(old) => {
                        snapshot.push_str(&format!("{} = {}\n", block.id, escape_value(old)));
                        snapshots += 1;
                        if normalize(old) == normalize(&block.english) {
                            count.current += 1;
                        } else {
                            count.older += 1;
                        }
                    }
                    None => count.unknown += 1,
                }
            }
            self.owned.push((
                PathBuf::from(format!("locales/{}/{slug}.ftl", t.locale)),
                with_header("###", &t.origin, &resource),
            ));
            if snapshots > 0 {
                let note = format!(
                    "{}\n### Source snapshot: the English each translation in ../{slug}.ftl was made from.",
                    t.origin
                );
                self.owned.push((
                    PathBuf::from(format!("locales/{}/{SNAPSHOT_DIR}/{slug}.ftl", t.locale)),
                    with_header("###", &note, &snapshot),
                ));
            }
            if let Some(meta) = &t.metadata {
                metadata.entry(t.locale.clone()).or_default().insert(slug.clone(), meta.clone());
            }
        }
        self.report.articles.push(slug.clone());
        self.report.renamed += article.renames.len();
        if !article.renames.is_empty() {
            self.renames.push((slug.clone(), article.renames.clone()));
        }
    }

    /// Sets `merged` from `metadata` (locale → the locale's whole metadata).
    pub fn merge_metadata(&mut self, metadata: BTreeMap<String, metadata::LocaleMetadata>) {
        for (locale, meta) in metadata {
            self.merged.push((PathBuf::from(format!("locales/{locale}/{}", metadata::FILE)), metadata::render(&meta)));
        }
    }
}

/// Plans the import of `inputs` (one Microsoft Docs file per locale, parsed) as article
/// `slug` of a site whose source locale is `source_locale` and whose source resource for
/// the article holds `existing` (id, value; ids are kept, see [`ids::assign`]): the newest
/// input (latest `ms.lasthandoff`, the first given on a tie) gives today's English, written
/// to `locales/<source_locale>/SLUG.ftl`; every input is aligned to it with [`align`].
/// `existing_metadata(locale)` reads the locale's current metadata to merge into. Pure
/// apart from that callback.
///
/// Errors: those of `existing_metadata`.
pub fn plan(
    inputs: &[MsDocsFile],
    slug: &str,
    source_locale: &str,
    existing: &[(String, String)],
    mut existing_metadata: impl FnMut(&str) -> Result<metadata::LocaleMetadata>,
) -> Result<Plan> {
    // Newest English: latest ms.lasthandoff; the first given wins a tie.
    let newest = inputs
        .iter()
        .enumerate()
        .max_by(|(i, a), (j, b)| a.last_handoff.cmp(&b.last_handoff).then(j.cmp(i)))
        .map(|(i, _)| i)
        .unwrap_or(0);
    let english = &inputs[newest];
    let mut plan = Plan::default();
    plan.report.newest = Some(english.source.path.to_path_buf());
    let mut blocks = english.blocks.clone();
    let (renames, legacy) = ids::assign(&mut blocks, existing);
    let mut article = Article {
        slug: slug.to_string(),
        origin: describe(english),
        title: blocks.iter().find(|b| b.kind == "title").map(|b| b.id.clone()).unwrap_or_default(),
        skeleton_body: ids::rename_calls(&english.skeleton_body, &renames),
        renames: legacy,
        ..Article::default()
    };
    let mut metadata = BTreeMap::new();
    for input in inputs {
        let (aligned, left) = align(&blocks, &input.blocks);
        for block in left {
            plan.report.unmatched.push((
                Location { file: input.source.path.to_path_buf(), line: block.line, column: 1 },
                block.english.clone(),
            ));
        }
        let messages = aligned
            .into_iter()
            .map(|(id, a)| (id, Imported { translation: a.translation, snapshot: Some(a.old_english) }))
            .collect();
        // Metadata is shared by the locale's articles: merged, never refused.
        metadata.insert(input.locale.clone(), existing_metadata(&input.locale)?);
        article.translations.push(Translation {
            locale: input.locale.clone(),
            origin: describe(input),
            messages,
            metadata: Some(ArticleMetadata {
                translation_type: input.translation_type.clone(),
                source_commit: input.source_commit.clone(),
                last_handoff: Some(input.last_handoff_text.clone()).filter(|t| !t.is_empty()),
            }),
        });
    }
    article.blocks = blocks;
    plan.add(&article, source_locale, &mut metadata);
    plan.merge_metadata(metadata);
    plan.report.unmatched.sort();
    Ok(plan)
}

/// Writes `plan` into `site` (source locale `source_locale`): owned files that are new,
/// or unchanged since import wrote them (all of them with `force`); merged metadata; and
/// the renames of ids of an earlier form in the article's resources and snapshots of every
/// other locale directory.
///
/// Errors: [`Error::Usage`] listing the owned files edited since import (or not written by
/// it) when not `force`; [`Error::Io`]. Nothing is written when a file is refused.
pub fn commit(site: &Path, source_locale: &str, plan: Plan, force: bool) -> Result<ImportReport> {
    let (mut report, mut outputs) = (plan.report, plan.owned);
    let mut refused = Vec::new();
    for (path, text) in &outputs {
        let full = site.join(path);
        match std::fs::read_to_string(&full) {
            Ok(existing) if existing == *text => report.unchanged.push(path.clone()),
            Ok(existing) if !force && !owned_and_unchanged(&existing) => refused.push(path.display().to_string()),
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(Error::io(full, e)),
            _ => report.written.push(path.clone()),
        }
    }
    if !refused.is_empty() {
        return Err(Error::Usage(format!(
            "not replacing files edited since import or not written by it:\n  {}\nkeep curated messages in their own resources, or pass --force to replace these files",
            refused.join("\n  ")
        )));
    }
    let mut extra: Vec<(PathBuf, String)> = plan.merged;
    for (slug, renames) in &plan.renames {
        for locale in locale_dirs(site)? {
            if locale == source_locale {
                continue;
            }
            for path in [
                PathBuf::from(format!("locales/{locale}/{slug}.ftl")),
                PathBuf::from(format!("locales/{locale}/{SNAPSHOT_DIR}/{slug}.ftl")),
            ] {
                if outputs.iter().any(|(p, _)| *p == path) || !site.join(&path).is_file() {
                    continue;
                }
                let source = crate::fs::read_source(&site.join(&path), &path)?;
                extra.push((path, rename_messages(&source, renames)));
            }
        }
    }
    for (path, text) in extra {
        match std::fs::read_to_string(site.join(&path)) {
            Ok(existing) if existing == text => report.unchanged.push(path),
            _ => {
                outputs.push((path.clone(), text));
                report.written.push(path);
            }
        }
    }
    for (path, text) in &outputs {
        if report.written.contains(path) {
            crate::fs::write(&site.join(path), text.as_bytes())?;
        }
    }
    Ok(report)
}

/// The locale directories under `site/locales`, sorted.
fn locale_dirs(site: &Path) -> Result<Vec<String>> {
    let dir = site.join("locales");
    let Ok(entries) = std::fs::read_dir(&dir) else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(&dir, e))?;
        if entry.path().is_dir() {
            out.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    out.sort();
    Ok(out)
}

/// `source` (a Fluent resource) with the identifiers of the messages `renames` maps
/// rewritten, everything else byte for byte; an import header's digest is recomputed when it
/// was valid (the file stays import's).
fn rename_messages(source: &SourceText, renames: &BTreeMap<String, String>) -> String {
    let resource = crate::load::fluent::Resource::parse(source);
    let text = &*source.text;
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for message in &resource.entries().messages {
        if let Some(new) = renames.get(&message.id) {
            let span = message.span();
            out.push_str(&text[at..span.start]);
            out.push_str(new);
            at = span.end;
        }
    }
    out.push_str(&text[at..]);
    if !owned_and_unchanged(text) {
        return out;
    }
    let Some(digest_at) = out.find(DIGEST_PREFIX) else { return out };
    let line_end = out[digest_at..].find('\n').map(|i| digest_at + i + 1).unwrap_or(out.len());
    let body = out[line_end..].to_string();
    format!("{}{DIGEST_PREFIX}{}\n{body}", &out[..digest_at], digest(&body))
}

fn describe(file: &MsDocsFile) -> String {
    let name = file.source.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut parts = vec![file.content_locale.clone(), format!("ms.lasthandoff {}", file.last_handoff_text)];
    if let Some(c) = &file.source_commit {
        parts.push(format!("ms.sourcegitcommit {}", &c[..c.len().min(7)]));
    }
    if let Some(t) = &file.translation_type {
        parts.push(format!("ms.translationtype {t}"));
    }
    let text = format!("Imported by `tolk import msdocs` from {name} ({}).", parts.join(", "));
    // Front matter values go into comment lines: TOML and Fluent comments take no control
    // characters (found by fuzzing: a U+0010 in ms.lasthandoff made the skeleton unreadable).
    text.chars().map(|c| if c.is_control() { '\u{FFFD}' } else { c }).collect()
}

/// `body` preceded by an ownership header of comment lines starting with `prefix`.
fn with_header(prefix: &str, origin: &str, body: &str) -> String {
    let origin: String =
        origin.lines().map(|l| format!("{prefix} {}\n", l.trim_start_matches('#').trim_start())).collect();
    format!(
        "{origin}{prefix} tolk import owns this file and replaces it on the next import while it is unchanged.\n{prefix} Curate in another file, or delete these header lines to take it over.\n{prefix} {DIGEST_PREFIX}{}\n{body}",
        digest(body)
    )
}

fn owned_and_unchanged(text: &str) -> bool {
    let Some(at) = text.find(DIGEST_PREFIX) else {
        return false;
    };
    let line_end = text[at..].find('\n').map(|i| at + i + 1).unwrap_or(text.len());
    text[at + DIGEST_PREFIX.len()..line_end].trim() == digest(&text[line_end..])
}

fn digest(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(id: &str, english: &str) -> Block {
        Block {
            id: id.into(),
            english: english.into(),
            translation: format!("T({english})"),
            line: 1,
            kind: "p",
            section: String::new(),
        }
    }

    #[test]
    fn exact_before_similar_and_leftovers_reported() {
        let today = [block("a", "Step 1 Open [Support](x) and select windows 10"), block("b", "Expand the plans?")];
        let old =
            [block("x", "Expand the plans ?"), block("y", "Step 1 Select windows 10"), block("z", "Global admin")];
        let (aligned, left) = align(&today, &old);
        assert!(aligned["b"].exact, "punctuation spacing is normalized away");
        assert_eq!(aligned["a"].old_english, "Step 1 Select windows 10");
        assert!(!aligned["a"].exact);
        assert_eq!(left.iter().map(|b| b.id.as_str()).collect::<Vec<_>>(), ["z"]);
    }

    #[test]
    fn digest_detects_hand_edits() {
        let text = with_header("###", "From x.", "\na = b\n");
        assert!(owned_and_unchanged(&text));
        assert!(!owned_and_unchanged(&text.replace("a = b", "a = c")));
        assert!(!owned_and_unchanged("a = b\n"));
    }
}
