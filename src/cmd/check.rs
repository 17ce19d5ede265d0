//! `tolk check`: load → rules → report.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::check::{self, baseline, Context, Severity};
use crate::cli::Format;
use crate::error::Result;
use crate::load::Project;
use crate::report;

/// Options of `tolk check`.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Report format.
    pub format: Format,
    /// Target locales to check (empty: all).
    pub locales: Vec<String>,
    /// Report file (standard output when `None`).
    pub output: Option<PathBuf>,
    /// Baseline to subtract.
    pub baseline: Option<PathBuf>,
    /// Baseline to write.
    pub write_baseline: Option<PathBuf>,
    /// A plain Fluent tree to check instead of the site, and its source locale.
    pub ftl_root: Option<(PathBuf, String)>,
}

/// Checks the site at `site` (or a plain Fluent tree) and prints or writes the report.
/// Returns 1 when a reported finding has severity error, else 0.
///
/// Errors: load errors other than Fluent syntax (which are findings), unknown `--locale`,
/// unreadable baseline.
pub fn run(site: &Path, options: &CheckOptions) -> Result<i32> {
    let project = match &options.ftl_root {
        Some((dir, reference)) => Project::from_ftl_tree(dir, reference, &options.locales)?,
        None => Project::load(site)?,
    };
    let ctx = Context::new(&project, &options.locales)?;
    let mut findings = check::run(&ctx)?;
    if let Some(path) = &options.write_baseline {
        baseline::write(path, &findings)?;
        eprintln!("wrote a baseline of {} findings to {}", findings.len(), path.display());
    }
    if let Some(path) = &options.baseline {
        let known = baseline::read(path)?;
        let before = findings.len();
        findings.retain(|f| !known.contains(&baseline::fingerprint(f)));
        eprintln!("{} findings are in the baseline {} and not reported", before - findings.len(), path.display());
    }
    let text = match options.format {
        Format::Json => report::json::render(&findings),
        Format::Sarif => report::sarif::render(&findings),
        Format::Github => report::github::render(&findings),
        Format::Summary => report::summary::render(&findings, &check::stats::stats(&ctx)),
        Format::Human => {
            let color = options.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            report::human::render(&findings, color)
        }
    };
    match &options.output {
        Some(path) => crate::fs::write(path, text.as_bytes())?,
        None => print!("{text}"),
    }
    let code =
        if options.write_baseline.is_some() || !findings.iter().any(|f| f.severity == Severity::Error) { 0 } else { 1 };
    // The process ends here: freeing a large site's parsed resources one by one only costs time.
    std::mem::forget(ctx);
    std::mem::forget(project);
    Ok(code)
}
