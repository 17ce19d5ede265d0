//! `tolk build`: load → localize → render → write.

use std::path::Path;
use std::time::Instant;

use crate::error::Result;
use crate::load::Project;
use crate::render::{write_site, Templates};
use crate::write::Staging;

/// Builds the site at `site` into `out` (relative paths are relative to the working
/// directory). Prints a one-line summary to stderr. Returns the exit code (0).
///
/// Errors: any load, localize, render or write error; the previous output is kept.
pub fn run(site: &Path, out: &Path, force: bool) -> Result<i32> {
    let started = Instant::now();
    let progress = super::progress::Progress::start("building", Some("pages"));
    // The status page compares translations with their source snapshots, which only it needs.
    let status_page = crate::load::Config::load(site)?.status_page;
    let project = if status_page { Project::load(site)? } else { Project::load_for_build(site)? };
    // `[check]` is read by every command: a typo in it fails here too, not only in CI.
    crate::check::Policy::new(&project.config)?;
    let templates = Templates::load(site)?;
    // Pages go to disk as they are rendered, into a directory beside `out` that is swapped
    // in only when every page succeeded (and removed otherwise).
    let staging = Staging::begin(out, site, force)?;
    let count = write_site(&project, &templates, &|page| {
        progress.tick();
        staging.put(page)
    })?;
    if project.config.status_page {
        staging.put(&super::status::page(&project)?)?;
    }
    staging.commit()?;
    drop(progress);
    let articles = project.articles.len();
    let locales = project.config.locales.len();
    // The process ends after this command: freeing every syntax tree one by one would cost
    // more than 1% of the build for memory the system reclaims at exit anyway.
    std::mem::forget(project);
    eprintln!(
        "built {count} pages: {} article{} × {} locales into {} in {} ms",
        articles,
        if articles == 1 { "" } else { "s" },
        locales,
        out.display(),
        started.elapsed().as_millis()
    );
    Ok(0)
}
