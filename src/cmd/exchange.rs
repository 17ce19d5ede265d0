//! `tolk export` and `tolk import xliff|po`: exchange files for translators' tools.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::exchange::{self, apply, units, ExportOptions, Header};
use crate::load::Project;

/// Writes the exchange file of `locale` to `output` (standard output when `None`) and says
/// on standard error how many units of each state it holds. Returns 0.
///
/// Errors: [`Error::Usage`] for a locale that is not a target, an unknown article or a
/// state the format does not define; load and I/O errors.
pub fn export(site: &Path, locale: &str, options: &ExportOptions, output: Option<&Path>) -> Result<i32> {
    let project = Project::load(site)?;
    let config = &project.config;
    if !config.targets().iter().any(|t| t == locale) {
        return Err(Error::Usage(format!(
            "`{locale}` is not a target locale (targets: {})",
            config.targets().join(", ")
        )));
    }
    if let Some(slug) = &options.article {
        if !project.articles.iter().any(|a| &a.slug == slug) {
            return Err(Error::Usage(format!("--article {slug}: no article content/articles/{slug}.md")));
        }
    }
    let findings = crate::check::run(&crate::check::Context::new(&project, &[locale.to_string()])?)?;
    let all = units::units(&project, locale, &findings, options.article.as_deref());
    let chosen: Vec<units::Unit> = all.into_iter().filter(|u| options.only.contains(&u.state)).collect();
    let header =
        Header { title: config.title.clone(), source_locale: config.source_locale.clone(), locale: locale.to_string() };
    let text = exchange::write(&header, &chosen, options)?;
    match output {
        Some(path) => crate::fs::write(path, text.as_bytes())?,
        None => {
            use std::io::Write;
            std::io::stdout().write_all(text.as_bytes()).map_err(|e| Error::io("<stdout>", e))?;
        }
    }
    let count = |s: units::State| chosen.iter().filter(|u| u.state == s).count();
    eprintln!(
        "{locale}: {} unit{} ({} missing, {} stale, {} flagged, {} current){}",
        chosen.len(),
        if chosen.len() == 1 { "" } else { "s" },
        count(units::State::Missing),
        count(units::State::Stale),
        count(units::State::Flagged),
        count(units::State::Current),
        output.map(|p| format!(" written to {}", p.display())).unwrap_or_default()
    );
    Ok(0)
}

/// Imports exchange files: every file is read and validated against the site before any is
/// written; then each is applied in turn. With `dry_run`, reports and writes nothing.
/// Returns 0.
///
/// Errors: see [`exchange::read`] and [`apply::plan`]; nothing is written on error.
pub fn import(site: &Path, files: &[PathBuf], dry_run: bool) -> Result<i32> {
    let project = Project::load(site)?;
    crate::check::Policy::new(&project.config)?;
    let mut read = Vec::new();
    for file in files {
        let source = crate::fs::read_source(file, file)?;
        let file = exchange::read(&source)?;
        apply::plan(&project, &file.locale, &file.units)?;
        read.push(file);
    }
    let mut project = project;
    for exchange::Read { locale, units, skipped } in read {
        let outcome = apply::plan(&project, &locale, &units)?;
        for (at, message) in skipped.iter().chain(&outcome.notices) {
            eprintln!("{at}: {message}");
        }
        for (at, id, change) in &outcome.changes {
            let what = match change {
                apply::Change::Added => "added",
                apply::Change::Updated => "updated",
                apply::Change::Recorded => "translation kept, English recorded",
            };
            eprintln!("{at}: {locale} `{id}` {what}");
        }
        let count = |c: apply::Change| outcome.changes.iter().filter(|(_, _, x)| *x == c).count();
        eprintln!(
            "{locale}: {} added, {} updated, {} recorded, {} unchanged, {} left out{}",
            count(apply::Change::Added),
            count(apply::Change::Updated),
            count(apply::Change::Recorded),
            outcome.unchanged,
            skipped.len() + outcome.notices.iter().filter(|(_, m)| m.ends_with("left out")).count(),
            if dry_run { " (dry run: nothing written)" } else { "" }
        );
        if !dry_run && !outcome.writes.is_empty() {
            for (path, text) in &outcome.writes {
                crate::fs::write(&project.config.root.join(path), text.as_bytes())?;
                eprintln!("wrote {}", path.display());
            }
            project = Project::load(site)?;
        }
    }
    Ok(0)
}
