//! Source snapshots: recording the source text a translation was made from.
//!
//! A snapshot resource `locales/<locale>/snapshots/X.ftl` mirrors `locales/<source>/X.ftl`:
//! for each translated message, the source message (value and attributes) as it was when the
//! translation was made or last accepted. Written with fluent-syntax's serializer, in the
//! order of the source resource; comments at the top of an existing snapshot are kept. The
//! syntax trees are the ones load parsed ([`crate::load::fluent::Resource`]).

use std::collections::BTreeSet;
use std::path::PathBuf;

use fluent_syntax::ast;

use crate::error::{Error, Result};
use crate::load::fluent::ProblemKind;
use crate::load::{Project, SNAPSHOT_DIR};

/// Stores today's source text as the snapshot of messages of `locale`: those in `ids`, or
/// every message the locale translates when `ids` is `None`. Returns each snapshot file
/// written (relative to the site root) with the number of messages accepted in it.
///
/// Errors: [`Error::Usage`] for the source locale, an unknown locale, or an id that the
/// locale does not translate; [`Error::Input`] for a source resource with syntax errors;
/// [`Error::Io`] when writing fails. Nothing is written on error.
pub fn accept(project: &Project, locale: &str, ids: Option<&[String]>) -> Result<Vec<(PathBuf, usize)>> {
    let config = &project.config;
    if !config.targets().iter().any(|t| t == locale) {
        return Err(Error::Usage(format!(
            "`{locale}` is not a target locale (targets: {})",
            config.targets().join(", ")
        )));
    }
    let sources = &project.resources[&config.source_locale];
    let targets = &project.resources[locale];
    let mut wanted: BTreeSet<&str> = ids.unwrap_or_default().iter().map(String::as_str).collect();
    let mut writes = Vec::new();
    for source in sources {
        let Some(target) = targets.iter().find(|t| t.name == source.name) else {
            continue;
        };
        if let Some(problem) = source.resource.problems.iter().find(|p| p.kind == ProblemKind::Syntax) {
            return Err(Error::input(
                &source.source,
                problem.span.start,
                "the source resource has syntax errors; fix them before accepting translations",
            ));
        }
        let translated: BTreeSet<&str> = target.resource.fluent.entries().filter_map(entry_id).collect();
        let existing_file = project.snapshots[locale].iter().find(|s| s.name == source.name);
        let existing = existing_file.map(|s| &s.resource.fluent);
        let header = existing_file.map(header).unwrap_or_default();
        let mut body: Vec<ast::Entry<&str>> = Vec::new();
        let mut count = 0;
        for entry in source.resource.fluent.entries() {
            let Some(id) = entry_id(entry) else { continue };
            if !translated.contains(id) {
                continue;
            }
            let take_new = ids.is_none() || wanted.remove(id);
            let old = existing.iter().flat_map(|r| r.entries()).find(|e| entry_id(e) == Some(id));
            match (take_new, old) {
                (true, _) => {
                    count += 1;
                    body.push(strip_comment(entry.clone()));
                }
                (false, Some(old)) => body.push(old.clone()),
                (false, None) => {}
            }
        }
        if count > 0 {
            let mut text = fluent_syntax::serializer::serialize(&ast::Resource { body });
            if !header.is_empty() {
                text = format!("{header}\n\n{text}");
            }
            let path = project.config.root.join("locales").join(locale).join(SNAPSHOT_DIR).join(&source.name);
            writes.push((path, text, count));
        }
    }
    if let Some(id) = wanted.first() {
        return Err(Error::Usage(format!("`{id}` is not a message that {locale} translates")));
    }
    let mut done = Vec::new();
    for (path, text, count) in writes {
        crate::fs::write(&path, text.as_bytes())?;
        done.push((crate::load::relative(&project.config.root, &path), count));
    }
    Ok(done)
}

fn entry_id<'s>(entry: &ast::Entry<&'s str>) -> Option<&'s str> {
    match entry {
        ast::Entry::Message(m) => Some(m.id.name),
        ast::Entry::Term(t) => Some(t.id.name),
        _ => None,
    }
}

/// The text of `snapshot` before its first entry (its header comments), trimmed at the end.
/// The syntax tree bundles use has no comments, so they are kept as written.
fn header(snapshot: &crate::load::ResourceFile) -> String {
    let text = &snapshot.source.text;
    let first_message = snapshot.resource.fluent.entries().find_map(|e| match e {
        ast::Entry::Message(m) => crate::load::fluent::offset_in(snapshot.resource.fluent.source(), m.id.name),
        ast::Entry::Term(t) => {
            crate::load::fluent::offset_in(snapshot.resource.fluent.source(), t.id.name).map(|o| o - 1)
        }
        _ => None,
    });
    let first_problem = snapshot.resource.problems.iter().map(|p| p.span.start).min();
    let end = first_message.into_iter().chain(first_problem).min().unwrap_or(text.len());
    let end = text[..end].rfind('\n').map_or(0, |i| i + 1);
    text[..end].trim_end().to_string()
}

fn strip_comment(entry: ast::Entry<&str>) -> ast::Entry<&str> {
    match entry {
        ast::Entry::Message(mut m) => {
            m.comment = None;
            ast::Entry::Message(m)
        }
        ast::Entry::Term(mut t) => {
            t.comment = None;
            ast::Entry::Term(t)
        }
        other => other,
    }
}
