//! Stage 4, write: put rendered pages on disk atomically.
//!
//! The site is written into `<out>.tolk-new` beside the target, then swapped in: the old
//! directory is renamed to `<out>.tolk-old`, the new one to `<out>`, and the old one removed.
//! A failure before the swap leaves the previous site untouched. tolk marks the directories
//! it writes with a `.tolk-build` file and refuses to replace a non-empty directory without
//! that marker unless forced.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::render::Page;

/// Name of the marker file tolk writes at the top of every output directory.
pub const MARKER: &str = ".tolk-build";

/// Writes `pages` to `out`, replacing what a previous build wrote there.
///
/// `protected` lists directories `out` must not be (the site root, its source folders).
/// Errors: [`Error::Usage`] when `out` is protected or is a non-empty directory tolk did not
/// write (and `force` is false); [`Error::Io`] naming the path that failed.
pub fn write_site(out: &Path, pages: &[Page], protected: &[PathBuf], force: bool) -> Result<()> {
    let absolute = absolute(out);
    if absolute.parent().is_none() || protected.iter().any(|p| absolute == self::absolute(p)) {
        return Err(Error::Usage(format!(
            "refusing to write the site into {}: choose an output directory of its own (default: public/)",
            out.display()
        )));
    }
    if out.is_dir()
        && !force
        && !out.join(MARKER).is_file()
        && std::fs::read_dir(out).map_err(|e| Error::io(out, e))?.next().is_some()
    {
        return Err(Error::Usage(format!(
            "{} is not empty and was not written by tolk (no {MARKER} in it); pass --force to replace it",
            out.display()
        )));
    }
    let name = absolute.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    let staging = absolute.with_file_name(format!("{name}.tolk-new"));
    let old = absolute.with_file_name(format!("{name}.tolk-old"));
    crate::fs::remove_dir_all(&staging)?;
    crate::fs::create_dir_all(&staging)?;
    let result =
        pages.iter().try_for_each(|page| crate::fs::write(&staging.join(&page.path), &page.bytes)).and_then(|()| {
            crate::fs::write(&staging.join(MARKER), b"written by tolk build; the directory is replaced on each build\n")
        });
    if let Err(e) = result {
        let _ = crate::fs::remove_dir_all(&staging);
        return Err(e);
    }
    crate::fs::remove_dir_all(&old)?;
    if absolute.exists() {
        crate::fs::rename(&absolute, &old)?;
    }
    if let Err(e) = crate::fs::rename(&staging, &absolute) {
        if old.exists() {
            let _ = crate::fs::rename(&old, &absolute);
        }
        return Err(e);
    }
    crate::fs::remove_dir_all(&old)
}

fn absolute(path: &Path) -> PathBuf {
    let joined =
        if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, text: &str) -> Page {
        Page { path: path.into(), bytes: text.as_bytes().to_vec() }
    }

    #[test]
    fn replaces_its_own_output_and_refuses_foreign_directories() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_site(&out, &[page("a/index.html", "one")], &[], false).unwrap();
        write_site(&out, &[page("b/index.html", "two")], &[], false).unwrap();
        assert!(!out.join("a").exists());
        assert_eq!(std::fs::read_to_string(out.join("b/index.html")).unwrap(), "two");
        assert!(!tmp.path().join("public.tolk-new").exists() && !tmp.path().join("public.tolk-old").exists());

        let foreign = tmp.path().join("docs");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("keep.txt"), "mine").unwrap();
        let err = write_site(&foreign, &[page("x.html", "x")], &[], false).unwrap_err();
        assert!(err.to_string().contains("--force"), "{err}");
        assert_eq!(std::fs::read_to_string(foreign.join("keep.txt")).unwrap(), "mine");
        assert!(write_site(tmp.path(), &[], &[tmp.path().to_path_buf()], true).is_err());
    }
}
