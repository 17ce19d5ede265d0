//! `tolk check`: load → rules → report.

use std::path::{Path, PathBuf};

use crate::check::{self, baseline, Severity};
use crate::cli::{ColorChoice, FailOn, Format};
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
    /// The severity from which the check fails (exit 1).
    pub fail_on: FailOn,
    /// Colour of the human report.
    pub color: ColorChoice,
}

/// Checks the site at `site` (or a plain Fluent tree) and prints or writes the report, and
/// appends a Markdown summary to `$GITHUB_STEP_SUMMARY` when that is set. Returns 1 when a
/// reported finding has the `--fail-on` severity or a higher one, else 0.
///
/// Errors: load errors other than Fluent syntax (which are findings), unknown `--locale`,
/// unreadable baseline.
pub fn run(site: &Path, options: &CheckOptions) -> Result<i32> {
    let progress = super::progress::Progress::start("checking", Some("files"));
    // The articles' resources are read part by part as they are checked.
    let (project, deferred) = match &options.ftl_root {
        Some((dir, reference)) => Project::from_ftl_tree_deferred(dir, reference, &options.locales)?,
        None => Project::load_deferred(site)?,
    };
    let checked = check::site::run(&project, deferred, &options.locales, options.format == Format::Human, &|files| {
        progress.advance(files)
    })?;
    drop(progress);
    let stats = checked.stats;
    let mut findings = checked.findings;
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
        // Written as it is serialized (below): a large site's report is a hundred megabytes.
        Format::Json => String::new(),
        Format::Sarif => report::sarif::render(&findings),
        Format::Github => report::github::render(&findings),
        Format::Summary => report::summary::render(&findings, &stats),
        Format::Gitlab => report::gitlab::render(&findings),
        // Written as it is rendered too (below).
        Format::Human => String::new(),
    };
    let color = match options.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        // anstream reads the terminal, NO_COLOR, CLICOLOR(_FORCE) and TERM.
        ColorChoice::Auto => {
            options.output.is_none() && anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
        }
    };
    // In GitHub Actions, the run's page shows a summary of the check.
    if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
        let summary = report::markdown::render(&findings, &stats);
        append(Path::new(&path), &summary)?;
    }
    let write = |out: &mut dyn std::io::Write| match options.format {
        Format::Json => report::json::write(&findings, out).and_then(|()| out.flush()),
        Format::Human => report::human::write(&findings, color, out).and_then(|()| out.flush()),
        _ => out.write_all(text.as_bytes()).and_then(|()| out.flush()),
    };
    match &options.output {
        Some(path) => {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                crate::fs::create_dir_all(parent)?;
            }
            let file = std::fs::File::create(path).map_err(|e| crate::error::Error::io(path, e))?;
            write(&mut std::io::BufWriter::new(file)).map_err(|e| crate::error::Error::io(path, e))?;
        }
        None => write(&mut std::io::BufWriter::new(std::io::stdout().lock()))
            .map_err(|e| crate::error::Error::io(Path::new("standard output"), e))?,
    }
    let threshold = match options.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
    };
    let fails = findings.iter().any(|f| f.severity <= threshold);
    let code = if options.write_baseline.is_some() || !fails { 0 } else { 1 };
    // The process ends here: freeing the findings one by one only costs time.
    std::mem::forget(findings);
    Ok(code)
}

/// Appends `text` to the file at `path` (created if missing).
fn append(path: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| crate::error::Error::io(path, e))?;
    file.write_all(text.as_bytes()).map_err(|e| crate::error::Error::io(path, e))
}
