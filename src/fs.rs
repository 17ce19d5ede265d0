//! File access that names its path in every error. All reads and writes go through here.

use std::path::Path;

use crate::error::{Error, Result};
use crate::source::SourceText;

/// Reads `path` as UTF-8 text and indexes it. `shown` is the path used in messages.
///
/// Errors: [`Error::Io`] when unreadable; [`Error::Input`] (with line and column of the
/// first bad byte) when the file is not UTF-8.
pub fn read_source(path: &Path, shown: &Path) -> Result<SourceText> {
    // `read_text` removed the byte-order mark: `shared` keeps the text as it is.
    read_text(path, shown).map(|text| SourceText::shared(shown.to_path_buf(), std::sync::Arc::new(text)))
}

/// Reads `path` as UTF-8 text, a leading byte-order mark removed (what [`read_source`]
/// indexes). `shown` is the path used in messages.
///
/// Errors: as [`read_source`].
pub fn read_text(path: &Path, shown: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(shown, e))?;
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(text)
        }
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let src = SourceText::new(shown, prefix);
            Err(Error::input(&src, src.text.len(), "file is not valid UTF-8; save it as UTF-8"))
        }
    }
}

/// Writes `bytes` to `path`, creating parent directories.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    std::fs::write(path, bytes).map_err(|e| Error::io(path, e))
}

/// Creates `path` and its parents.
pub fn create_dir_all(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).map_err(|e| Error::io(path, e))
}

/// Renames `from` to `to`.
pub fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to).map_err(|e| Error::io(from, e))
}

/// Removes the directory tree at `path` if it exists, its top-level entries in parallel (a
/// built site is a few locale directories of many pages each). Symbolic links are removed,
/// never followed.
///
/// Errors: [`Error::Io`] naming the entry that could not be removed.
pub fn remove_dir_all(path: &Path) -> Result<()> {
    use rayon::prelude::*;
    let ignore_missing = |path: &Path, result: std::io::Result<()>| match result {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
        _ => Ok(()),
    };
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
        let entries: Vec<_> = std::fs::read_dir(path)
            .map_err(|e| Error::io(path, e))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .collect();
        entries.par_iter().try_for_each(|entry| match std::fs::symlink_metadata(entry) {
            Ok(m) if m.is_dir() => ignore_missing(entry, std::fs::remove_dir_all(entry)),
            _ => ignore_missing(entry, std::fs::remove_file(entry)),
        })?;
    }
    ignore_missing(path, std::fs::remove_dir_all(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn removing_a_tree_never_follows_its_links() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("keep.txt"), "keep").unwrap();
        let site = tempfile::tempdir().unwrap();
        let old = site.path().join("old");
        std::fs::create_dir_all(old.join("nl/page")).unwrap();
        std::fs::write(old.join("nl/page/index.html"), "x").unwrap();
        std::os::unix::fs::symlink(outside.path(), old.join("link-dir")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("keep.txt"), old.join("nl/link-file")).unwrap();
        remove_dir_all(&old).unwrap();
        assert!(!old.exists());
        assert_eq!(std::fs::read_to_string(outside.path().join("keep.txt")).unwrap(), "keep");
        remove_dir_all(&old).unwrap(); // already gone: not an error
    }
}
