//! Stage 4, write: put rendered pages on disk atomically.
//!
//! The site is written into `<out>.tolk-new` beside the target, then swapped in: the old
//! directory is renamed to `<out>.tolk-old`, the new one to `<out>`, and the old one removed.
//! A failure before the swap leaves the previous site untouched. tolk marks the directories
//! it writes with a `.tolk-build` file and refuses to replace a non-empty directory without
//! that marker unless forced.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// One output file, as render produces it and a sink writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Path relative to the output directory, `/`-separated.
    pub path: PathBuf,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// Name of the marker file tolk writes at the top of every output directory.
pub const MARKER: &str = ".tolk-build";

/// An output directory being written beside its target: pages are put as they are rendered
/// (from any thread), then [`Staging::commit`] swaps it in. Dropped without a commit, it
/// removes what it wrote and the previous site stays.
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    committed: bool,
}

impl Staging {
    /// Checks `out` and creates `<out>.tolk-new` beside it.
    ///
    /// `protected` lists directories `out` must not be (the site root, its source folders).
    /// Errors: [`Error::Usage`] when `out` is protected, `/`, or a non-empty directory tolk did
    /// not write (and `force` is false); [`Error::Io`] naming the path that failed.
    pub fn begin(out: &Path, protected: &[PathBuf], force: bool) -> Result<Staging> {
        let target = absolute(out);
        if target.parent().is_none() || protected.iter().any(|p| target == absolute(p)) {
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
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        let dir = target.with_file_name(format!("{name}.tolk-new"));
        let old = target.with_file_name(format!("{name}.tolk-old"));
        crate::fs::remove_dir_all(&dir)?;
        crate::fs::create_dir_all(&dir)?;
        Ok(Staging { target, dir, old, committed: false })
    }

    /// Writes one page into the staging directory.
    ///
    /// Errors: [`Error::Io`].
    pub fn put(&self, page: &Page) -> Result<()> {
        crate::fs::write(&self.dir.join(&page.path), &page.bytes)
    }

    /// Marks the directory as tolk's and swaps it in for the target.
    ///
    /// Errors: [`Error::Io`]; the previous site is restored when the swap fails half-way.
    pub fn commit(mut self) -> Result<()> {
        crate::fs::write(&self.dir.join(MARKER), b"written by tolk build; the directory is replaced on each build\n")?;
        crate::fs::remove_dir_all(&self.old)?;
        if self.target.exists() {
            crate::fs::rename(&self.target, &self.old)?;
        }
        if let Err(e) = crate::fs::rename(&self.dir, &self.target) {
            if self.old.exists() {
                let _ = crate::fs::rename(&self.old, &self.target);
            }
            return Err(e);
        }
        self.committed = true;
        crate::fs::remove_dir_all(&self.old)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
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

    /// Writes `pages` to `out` as `tolk build` does.
    fn write_site(out: &Path, pages: &[Page], protected: &[PathBuf], force: bool) -> Result<()> {
        let staging = Staging::begin(out, protected, force)?;
        pages.iter().try_for_each(|page| staging.put(page))?;
        staging.commit()
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
