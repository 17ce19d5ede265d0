//! The default theme, carried in the binary: the templates, stylesheet and script of this
//! repository's `templates/` (the shipped site's own). A site's `templates/` overrides it file
//! by file, as mdBook's `theme/` does; `tolk theme eject` writes it out for editing.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The default theme's files: name relative to `templates/`, contents.
pub static FILES: &[(&str, &[u8])] = &[
    ("404.html", include_bytes!("../../templates/404.html")),
    ("article.html", include_bytes!("../../templates/article.html")),
    ("base.html", include_bytes!("../../templates/base.html")),
    ("index.html", include_bytes!("../../templates/index.html")),
    ("locale.html", include_bytes!("../../templates/locale.html")),
    ("site.js", include_bytes!("../../templates/site.js")),
    ("style.css", include_bytes!("../../templates/style.css")),
];

/// The interface strings the default templates call (`ui-home`, `ui-search`, …), in the
/// source locale English: `tolk init` writes them to `locales/en/ui.ftl`.
pub const UI_FTL: &str = include_str!("../../locales/en/ui.ftl");

/// Writes the default theme into `root/templates/`, returning the files written. Files that
/// exist are kept unless `force`.
///
/// Errors: [`Error::Usage`] naming the existing files when any exists and `force` is false
/// (nothing is written then); [`Error::Io`] when a file cannot be written.
pub fn eject(root: &Path, force: bool) -> Result<Vec<PathBuf>> {
    let dir = root.join("templates");
    let existing: Vec<&str> = FILES.iter().map(|(n, _)| *n).filter(|n| dir.join(n).exists()).collect();
    if !existing.is_empty() && !force {
        return Err(Error::Usage(format!(
            "{} already has {}; --force replaces them with the default theme",
            dir.display(),
            existing.join(", ")
        )));
    }
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let mut written = Vec::new();
    for (name, bytes) in FILES {
        let path = dir.join(name);
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_theme_is_the_repository_templates_directory() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut on_disk: Vec<String> =
            std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        on_disk.sort();
        let embedded: Vec<&str> = FILES.iter().map(|(n, _)| *n).collect();
        assert_eq!(on_disk, embedded, "a file added to templates/ must be added to theme::FILES");
        for (name, bytes) in FILES {
            assert_eq!(std::fs::read(dir.join(name)).unwrap(), *bytes, "{name}");
        }
    }

    #[test]
    fn eject_writes_the_theme_and_keeps_edits_unless_forced() {
        let site = tempfile::tempdir().unwrap();
        assert_eq!(eject(site.path(), false).unwrap().len(), FILES.len());
        let edited = site.path().join("templates/style.css");
        std::fs::write(&edited, "body { color: red }").unwrap();
        let err = eject(site.path(), false).unwrap_err().render();
        assert!(err.contains("already has 404.html, article.html"), "{err}");
        assert_eq!(std::fs::read_to_string(&edited).unwrap(), "body { color: red }");
        eject(site.path(), true).unwrap();
        assert_ne!(std::fs::read_to_string(&edited).unwrap(), "body { color: red }");
    }
}
