//! `tolk check`: load → rules → report.

use std::io::IsTerminal;
use std::path::Path;

use crate::check::{self, Context, Severity};
use crate::cli::Format;
use crate::error::Result;
use crate::load::Project;
use crate::report;

/// Checks the site at `site` and prints the report to stdout. Returns 1 when a finding has
/// severity error, else 0.
///
/// Errors: load errors other than Fluent syntax (which are findings), unknown `--locale`.
pub fn run(site: &Path, format: Format, locales: &[String]) -> Result<i32> {
    let project = Project::load(site)?;
    let ctx = Context::new(&project, locales)?;
    let findings = check::run(&ctx)?;
    let text = match format {
        Format::Json => report::json::render(&findings),
        Format::Human => {
            let color = std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            report::human::render(&findings, color)
        }
    };
    print!("{text}");
    Ok(if findings.iter().any(|f| f.severity == Severity::Error) {
        1
    } else {
        0
    })
}
