//! `tolk import msdocs`: Microsoft Docs files → skeleton, resources, snapshots.

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
    eprintln!("today's English: {}", report.newest.display());
    for (locale, exact, similar) in &report.aligned {
        eprintln!("{locale}: {} messages aligned ({exact} exact, {similar} by similarity)", exact + similar);
    }
    for (location, english) in &report.unmatched {
        eprintln!("{location}: warning: block matches no message of today's English, not imported: \"{english}\"");
    }
    for path in &report.written {
        eprintln!("wrote {}", site.join(path).display());
    }
    if !report.unchanged.is_empty() {
        eprintln!("{} files unchanged", report.unchanged.len());
    }
    Ok(0)
}
