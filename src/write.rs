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
    /// Checks `out` against the site at `site` and creates `<out>.tolk-new` beside it.
    ///
    /// What may be replaced: a directory tolk wrote (it holds [`MARKER`]), an empty one, or
    /// with `force` any other directory. Never, not even with `force`: the site root or a
    /// directory that holds it, anything inside `content/`, `locales/` or `templates/`, `/`,
    /// and a path that is not a directory (a regular file). Paths are compared after
    /// resolving symbolic links.
    ///
    /// Errors: [`Error::Usage`] naming `out` and why; [`Error::Io`] naming the path that failed.
    pub fn begin(out: &Path, site: &Path, force: bool) -> Result<Staging> {
        let target = resolved(out);
        let root = resolved(site);
        let refuse = |why: &str| {
            Err(Error::Usage(format!(
                "refusing to write the site into {}: {why}; choose an output directory of its own (default: public/)",
                out.display()
            )))
        };
        if target.parent().is_none() {
            return refuse("it is the file system root");
        }
        if root.starts_with(&target) {
            return refuse("it is the site itself or holds it, and building replaces the whole directory");
        }
        if let Some(dir) = ["content", "locales", "templates"].iter().find(|d| target.starts_with(root.join(d))) {
            return refuse(&format!("it is inside the site's {dir}/"));
        }
        if out.exists() && !out.is_dir() {
            return refuse("it exists and is not a directory");
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
        // Leftovers of an interrupted build are tolk's (they hold the marker); anything else
        // of those names is not touched.
        for leftover in [&dir, &old] {
            if leftover.exists() && !leftover.join(MARKER).is_file() {
                return Err(Error::Usage(format!(
                    "{} exists and was not written by tolk; move it away to build into {}",
                    leftover.display(),
                    out.display()
                )));
            }
        }
        crate::fs::remove_dir_all(&dir)?;
        crate::fs::create_dir_all(&dir)?;
        crate::fs::write(&dir.join(MARKER), MARKER_TEXT)?;
        Ok(Staging { target, dir, old, committed: false })
    }

    /// Writes one page into the staging directory.
    ///
    /// Errors: [`Error::Io`].
    pub fn put(&self, page: &Page) -> Result<()> {
        crate::fs::write(&self.dir.join(&page.path), &page.bytes)
    }

    /// Swaps the staging directory in for the target.
    ///
    /// Errors: [`Error::Io`]; the previous site is restored when the swap fails half-way.
    pub fn commit(mut self) -> Result<()> {
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

/// The text of [`MARKER`].
const MARKER_TEXT: &[u8] = b"written by tolk build; the directory is replaced on each build\n";

/// `path` made absolute, with symbolic links of its existing part resolved and `.`/`..` of
/// the rest applied.
fn resolved(path: &Path) -> PathBuf {
    let absolute = absolute(path);
    let mut existing = absolute.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name().map(|n| n.to_os_string()), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = std::fs::canonicalize(&existing).unwrap_or(existing);
    out.extend(rest.iter().rev());
    out
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

    /// Writes `pages` to `out` as `tolk build` does for the site at `site`.
    fn write_site(out: &Path, site: &Path, pages: &[Page], force: bool) -> Result<()> {
        let staging = Staging::begin(out, site, force)?;
        pages.iter().try_for_each(|page| staging.put(page))?;
        staging.commit()
    }

    #[test]
    fn replaces_its_own_output_and_refuses_foreign_directories() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        std::fs::create_dir(&site).unwrap();
        let out = tmp.path().join("public");
        write_site(&out, &site, &[page("a/index.html", "one")], false).unwrap();
        write_site(&out, &site, &[page("b/index.html", "two")], false).unwrap();
        assert!(!out.join("a").exists());
        assert_eq!(std::fs::read_to_string(out.join("b/index.html")).unwrap(), "two");
        assert!(!tmp.path().join("public.tolk-new").exists() && !tmp.path().join("public.tolk-old").exists());

        let foreign = tmp.path().join("docs");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("keep.txt"), "mine").unwrap();
        let err = write_site(&foreign, &site, &[page("x.html", "x")], false).unwrap_err();
        assert!(err.to_string().contains("--force"), "{err}");
        assert_eq!(std::fs::read_to_string(foreign.join("keep.txt")).unwrap(), "mine");
    }

    #[test]
    fn never_the_site_an_ancestor_its_sources_or_a_file() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        for dir in ["content/articles", "locales/en", "templates"] {
            std::fs::create_dir_all(site.join(dir)).unwrap();
        }
        std::fs::write(site.join("tolk.toml"), "x").unwrap();
        std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
        std::os::unix::fs::symlink(&site, tmp.path().join("link-to-site")).unwrap();
        let cases = [
            (site.clone(), "the site itself"),
            (site.join(".."), "holds it"),
            (tmp.path().to_path_buf(), "holds it"),
            (tmp.path().join("link-to-site"), "the site itself"),
            (site.join("content/out"), "inside the site's content/"),
            (site.join("locales"), "inside the site's locales/"),
            (site.join("templates/x/y"), "inside the site's templates/"),
            (tmp.path().join("notes.txt"), "not a directory"),
            (PathBuf::from("/"), "file system root"),
        ];
        for (out, why) in cases {
            for force in [false, true] {
                let err = write_site(&out, &site, &[page("x.html", "x")], force).unwrap_err().to_string();
                assert!(err.contains(why), "{} (force {force}): {err}", out.display());
            }
        }
        assert_eq!(std::fs::read_to_string(tmp.path().join("notes.txt")).unwrap(), "mine");
        assert!(site.join("tolk.toml").is_file() && site.join("content/articles").is_dir());
    }

    #[test]
    fn a_foreign_directory_named_like_the_staging_directory_is_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        std::fs::create_dir(&site).unwrap();
        let theirs = tmp.path().join("public.tolk-new");
        std::fs::create_dir(&theirs).unwrap();
        std::fs::write(theirs.join("keep.txt"), "mine").unwrap();
        let err = write_site(&tmp.path().join("public"), &site, &[page("x.html", "x")], true).unwrap_err();
        assert!(err.to_string().contains("not written by tolk"), "{err}");
        assert_eq!(std::fs::read_to_string(theirs.join("keep.txt")).unwrap(), "mine");
    }
}
