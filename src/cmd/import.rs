//! `tolk import`: Microsoft Docs files, mdBooks, Hugo and Docusaurus sites → skeletons,
//! resources, snapshots.

use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::import::{import_msdocs, ImportOptions};

/// Imports `files` as article `article` into `site`, printing what was aligned, what was left
/// over (file:line) and what was written to stderr. Returns the exit code (0).
///
/// Errors: see [`import_msdocs`].
pub fn run(site: &Path, files: Vec<PathBuf>, article: String, force: bool) -> Result<i32> {
    if site.join("tolk.toml").is_file() {
        crate::check::Policy::new(&crate::load::Config::load(site)?)?;
    }
    let progress = super::progress::Progress::start("importing", None);
    let report = import_msdocs(&ImportOptions { files, article, site: site.to_path_buf(), force })?;
    drop(progress);
    if let Some(newest) = &report.newest {
        eprintln!("today's English: {}", newest.display());
    }
    print_report(site, &report);
    Ok(0)
}

/// Imports the site at `input` written by `tool` (`mdbook`, `hugo` or `docusaurus`) into
/// `site`, printing the report to stderr. Returns the exit code (0).
///
/// Errors: those of [`crate::import::mdbook::import`], [`crate::import::hugo::import`] and
/// [`crate::import::docusaurus::import`].
pub fn run_site(site: &Path, input: &Path, tool: &str, force: bool) -> Result<i32> {
    if site.join("tolk.toml").is_file() {
        crate::check::Policy::new(&crate::load::Config::load(site)?)?;
    }
    let progress = super::progress::Progress::start("importing", None);
    let report = match tool {
        "mdbook" => crate::import::mdbook::import(input, site, force),
        "hugo" => crate::import::hugo::import(input, site, force),
        _ => crate::import::docusaurus::import(input, site, force),
    }?;
    drop(progress);
    eprintln!("{} articles: {}", report.articles.len(), report.articles.join(", "));
    print_report(site, &report);
    Ok(0)
}

/// Prints what an import aligned, left over, renamed and wrote to stderr.
fn print_report(site: &Path, report: &crate::import::ImportReport) {
    for c in &report.aligned {
        let mut line = format!(
            "{}: {} messages imported: {} made from today's English, {} from an older English (stale)",
            c.locale,
            c.current + c.older + c.unknown,
            c.current,
            c.older
        );
        if c.unknown > 0 {
            line.push_str(&format!(", {} from an English the input does not record (no source snapshot)", c.unknown));
        }
        eprintln!("{line}");
    }
    for (location, english) in &report.unmatched {
        eprintln!("{location}: warning: block matches no message of today's English, not imported: \"{english}\"");
    }
    for path in &report.written {
        eprintln!("wrote {}", site.join(path).display());
    }
    for note in &report.notes {
        eprintln!("warning: {note}");
    }
    if report.renamed > 0 {
        eprintln!(
            "{} message ids of an earlier form renamed (in every locale's resource and snapshot)",
            report.renamed
        );
    }
    if !report.unchanged.is_empty() {
        eprintln!("{} files unchanged", report.unchanged.len());
    }
}
