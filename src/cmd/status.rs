//! `tolk status`: where each locale stands, resource by resource.

use std::path::Path;

use crate::check::Context;
use crate::error::Result;
use crate::load::Project;
use crate::report::status;

/// Prints the status table of the site's target locales (or `only`) to standard output.
/// Returns 0.
///
/// Errors: load errors; [`crate::error::Error::Usage`] for a locale that is not a target.
pub fn run(site: &Path, only: &[String]) -> Result<i32> {
    let project = Project::load(site)?;
    let ctx = Context::new(&project, only)?;
    let findings = crate::check::run(&ctx)?;
    print!("{}", status::render_text(&status::status(&ctx, &findings)));
    Ok(0)
}

/// The status page of `project` (loaded with its snapshots), as `status/index.html`.
///
/// Errors: see [`crate::check::run`].
pub fn page(project: &Project) -> Result<crate::write::Page> {
    let ctx = Context::new(project, &[])?;
    let findings = crate::check::run(&ctx)?;
    let html =
        status::render_html(&status::status(&ctx, &findings), &project.config.title, &project.config.source_locale);
    Ok(crate::write::Page { path: "status/index.html".into(), bytes: html.into_bytes() })
}
