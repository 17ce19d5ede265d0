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

pub mod msdocs;

use std::collections::BTreeMap;
use std::path::PathBuf;

use sha2::{Digest, Sha256};

use crate::error::{Error, Location, Result};
use crate::load::fluent::escape_value;
use crate::load::metadata::{self, ArticleMetadata};
use crate::load::SNAPSHOT_DIR;
use msdocs::{Block, MsDocsFile};

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
    /// Per input: locale, messages aligned exactly, aligned by similarity.
    pub aligned: Vec<(String, usize, usize)>,
    /// Blocks whose English matched no message of today's English: where, and the text.
    pub unmatched: Vec<(Location, String)>,
    /// The input that gave today's English.
    pub newest: PathBuf,
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
    let (mut block_used, mut message_used) = (vec![false; blocks.len()], vec![false; english.len()]);
    let mut aligned = BTreeMap::new();
    let mut take = |b: usize, m: usize, exact: bool, block_used: &mut Vec<bool>, message_used: &mut Vec<bool>| {
        block_used[b] = true;
        message_used[m] = true;
        let block = &blocks[b];
        aligned.insert(
            english[m].id.clone(),
            Aligned { translation: block.translation.clone(), old_english: block.english.clone(), exact },
        );
    };
    // Pass 1: exact after normalization, first come first served.
    let keys: Vec<String> = english.iter().map(|m| normalize(&m.english)).collect();
    for (b, block) in blocks.iter().enumerate() {
        let key = normalize(&block.english);
        if let Some(m) = (0..english.len()).find(|&m| !message_used[m] && keys[m] == key) {
            take(b, m, true, &mut block_used, &mut message_used);
        }
    }
    // Pass 2: the most similar remaining pairs, best first.
    let words = |s: &str| s.split_whitespace().count();
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for (b, block) in blocks.iter().enumerate().filter(|(b, _)| !block_used[*b]) {
        for (m, message) in english.iter().enumerate().filter(|(m, _)| !message_used[*m]) {
            // The ratio cannot exceed 2·min/(sum) of the token counts: skip hopeless pairs.
            let (x, y) = (words(&block.english), words(&message.english));
            if 2.0 * x.min(y) as f32 / (x + y).max(1) as f32 <= SIMILARITY_THRESHOLD {
                continue;
            }
            let score = similar::TextDiff::from_words(block.english.as_str(), message.english.as_str()).ratio();
            if score >= SIMILARITY_THRESHOLD {
                pairs.push((score, b, m));
            }
        }
    }
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    for (_, b, m) in pairs {
        if !block_used[b] && !message_used[m] {
            take(b, m, false, &mut block_used, &mut message_used);
        }
    }
    let left = blocks.iter().zip(block_used).filter(|(_, used)| !used).map(|(b, _)| b).collect();
    (aligned, left)
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
    if !crate::load::skeleton::is_identifier(&options.article) {
        return Err(Error::Usage(format!(
            "--article {}: a slug starts with a letter and uses letters, digits, `-` and `_`",
            options.article
        )));
    }
    // The site's source locale (its `tolk.toml`, validated; `en` for a site not started yet).
    let source_locale = if options.site.join("tolk.toml").is_file() {
        crate::load::Config::load(&options.site)?.source_locale
    } else {
        "en".to_string()
    };
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
    let plan = plan(&inputs, &options.article, &source_locale, |locale| {
        metadata::load(&options.site.join("locales").join(locale), &options.site)
    })?;
    let (mut report, mut outputs, merged) = (plan.report, plan.owned, plan.merged);

    let mut refused = Vec::new();
    for (path, text) in &outputs {
        let full = options.site.join(path);
        match std::fs::read_to_string(&full) {
            Ok(existing) if existing == *text => report.unchanged.push(path.clone()),
            Ok(existing) if !options.force && !owned_and_unchanged(&existing) => {
                refused.push(path.display().to_string())
            }
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
    for (path, text) in merged {
        match std::fs::read_to_string(options.site.join(&path)) {
            Ok(existing) if existing == text => report.unchanged.push(path),
            _ => {
                outputs.push((path.clone(), text));
                report.written.push(path);
            }
        }
    }
    for (path, text) in &outputs {
        if report.written.contains(path) {
            crate::fs::write(&options.site.join(path), text.as_bytes())?;
        }
    }
    Ok(report)
}

/// What an import would write, computed without touching the site.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The report (all but `written` and `unchanged`, which depend on the site).
    pub report: ImportReport,
    /// Files import owns, relative to the site root, with their full text (header included):
    /// the skeleton, then per locale its resource and source snapshot.
    pub owned: Vec<(PathBuf, String)>,
    /// `locales/<locale>/metadata.toml` per input: the existing metadata merged with this
    /// article's entry (never refused).
    pub merged: Vec<(PathBuf, String)>,
}

/// Plans the import of `inputs` (one Microsoft Docs file per locale, parsed) as article
/// `slug` of a site whose source locale is `source_locale`: the newest input (latest
/// `ms.lasthandoff`, the first given on a tie) gives today's English, written to
/// `locales/<source_locale>/SLUG.ftl`; every input is aligned to it with [`align`]. `existing_metadata(locale)` reads the
/// locale's current metadata to merge into. Pure apart from that callback.
///
/// Errors: those of `existing_metadata`.
pub fn plan(
    inputs: &[MsDocsFile],
    slug: &str,
    source_locale: &str,
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
    let mut report = ImportReport { newest: english.source.path.clone(), ..ImportReport::default() };
    let mut outputs: Vec<(PathBuf, String)> = Vec::new();

    let title = english.blocks.iter().find(|b| b.id.ends_with("--title")).map(|b| b.id.clone()).unwrap_or_default();
    let origin = describe(english);
    let skeleton = format!("title = \"{title}\"\n+++\n{}", english.skeleton_body);
    outputs.push((
        PathBuf::from(format!("content/articles/{slug}.md")),
        format!("+++\n{}", with_header("#", &origin, &skeleton)),
    ));
    let en: String = english.blocks.iter().map(|b| format!("{} = {}\n", b.id, escape_value(&b.english))).collect();
    outputs.push((
        PathBuf::from(format!("locales/{source_locale}/{slug}.ftl")),
        with_header("###", &origin, &format!("\n{en}")),
    ));

    let mut merged: Vec<(PathBuf, String)> = Vec::new();
    let mut sorted: Vec<&MsDocsFile> = inputs.iter().collect();
    sorted.sort_by(|a, b| a.locale.cmp(&b.locale));
    for input in sorted {
        let (aligned, left) = align(&english.blocks, &input.blocks);
        let exact = aligned.values().filter(|a| a.exact).count();
        report.aligned.push((input.locale.clone(), exact, aligned.len() - exact));
        for block in left {
            report.unmatched.push((
                Location { file: input.source.path.clone(), line: block.line, column: 1 },
                block.english.clone(),
            ));
        }
        let (mut resource, mut snapshot) = (String::from("\n"), String::from("\n"));
        for message in &english.blocks {
            if let Some(a) = aligned.get(&message.id) {
                resource.push_str(&format!("{} = {}\n", message.id, escape_value(&a.translation)));
                snapshot.push_str(&format!("{} = {}\n", message.id, escape_value(&a.old_english)));
            }
        }
        let origin = describe(input);
        outputs.push((
            PathBuf::from(format!("locales/{}/{slug}.ftl", input.locale)),
            with_header("###", &origin, &resource),
        ));
        let note =
            format!("{origin}\n### Source snapshot: the English each translation in ../{slug}.ftl was made from.");
        outputs.push((
            PathBuf::from(format!("locales/{}/{SNAPSHOT_DIR}/{slug}.ftl", input.locale)),
            with_header("###", &note, &snapshot),
        ));
        // Metadata is shared by the locale's articles: merged, never refused.
        let mut meta = existing_metadata(&input.locale)?;
        meta.insert(
            slug.to_string(),
            ArticleMetadata {
                translation_type: input.translation_type.clone(),
                source_commit: input.source_commit.clone(),
                last_handoff: Some(input.last_handoff_text.clone()).filter(|t| !t.is_empty()),
            },
        );
        merged.push((PathBuf::from(format!("locales/{}/{}", input.locale, metadata::FILE)), metadata::render(&meta)));
    }
    report.unmatched.sort();
    Ok(Plan { report, owned: outputs, merged })
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
        Block { id: id.into(), english: english.into(), translation: format!("T({english})"), line: 1 }
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
