//! `tolk build`: load → localize → render → write.

use std::path::Path;
use std::time::Instant;

use crate::error::Result;
use crate::load::Project;
use crate::localize::Localized;
use crate::render::{render_site, Templates};

/// Builds the site at `site` into `out` (relative paths are relative to the working
/// directory). Prints a one-line summary to stderr. Returns the exit code (0).
///
/// Errors: any load, localize, render or write error; the previous output is kept.
pub fn run(site: &Path, out: &Path, force: bool) -> Result<i32> {
    let started = Instant::now();
    let project = Project::load(site)?;
    let localized = Localized::new(&project)?;
    let templates = Templates::load(site)?;
    let pages = render_site(&project, &localized, &templates)?;
    let protected: Vec<_> = ["", "content", "locales", "templates", "content/articles", "content/model"]
        .iter()
        .map(|p| site.join(p))
        .collect();
    crate::write::write_site(out, &pages, &protected, force)?;
    eprintln!(
        "built {} pages: {} articles × {} locales into {} in {} ms",
        pages.len(),
        project.articles.len(),
        project.config.locales.len(),
        out.display(),
        started.elapsed().as_millis()
    );
    Ok(0)
}
