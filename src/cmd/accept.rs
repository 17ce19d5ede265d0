//! `tolk accept`: record translations as up to date.

use std::path::Path;

use crate::error::Result;
use crate::load::Project;
use crate::snapshot;

/// Accepts `ids` (or every translated message with `all`) of `locale` and reports what was
/// recorded on stderr. Returns 0.
///
/// Errors: see [`snapshot::accept`].
pub fn run(site: &Path, locale: &str, ids: &[String], all: bool) -> Result<i32> {
    let project = Project::load(site)?;
    crate::check::Policy::new(&project.config)?;
    let accepted = snapshot::accept(&project, locale, if all { None } else { Some(ids) })?;
    for (file, count) in &accepted {
        eprintln!(
            "{}: recorded today's {} text for {count} message{}",
            file.display(),
            project.config.source_locale,
            if *count == 1 { "" } else { "s" }
        );
    }
    Ok(0)
}
