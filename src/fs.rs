//! File access that names its path in every error. All reads and writes go through here.

use std::path::Path;

use crate::error::{Error, Result};
use crate::source::SourceText;

/// Reads `path` as UTF-8 text and indexes it. `shown` is the path used in messages.
///
/// Errors: [`Error::Io`] when unreadable; [`Error::Input`] (with line and column of the
/// first bad byte) when the file is not UTF-8.
pub fn read_source(path: &Path, shown: &Path) -> Result<SourceText> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(shown, e))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceText::new(shown, text)),
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

/// Removes the directory tree at `path` if it exists.
pub fn remove_dir_all(path: &Path) -> Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
        _ => Ok(()),
    }
}
