//! Test harness: copies of the shipped site in temporary directories, and running `tolk`.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

/// The repository root: the shipped site.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seeds shipped beside the repository (`../shared/seeds`).
pub fn seed(prefix: &str) -> PathBuf {
    let dir = repo().join("../shared/seeds");
    std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix}"))
}

/// A temporary copy of the shipped site's sources.
pub fn site_copy() -> tempfile::TempDir {
    site_copy_of(&repo())
}

/// A temporary copy of the site at `root` (its tolk.toml, content, locales, templates).
pub fn site_copy_of(root: &Path) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for part in ["tolk.toml", "content", "locales", "templates"] {
        if root.join(part).exists() {
            copy(&root.join(part), &tmp.path().join(part));
        }
    }
    tmp
}

/// Copies the file or directory `from` to `to`, recursively.
pub fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap();
    }
}

/// Runs `tolk --site SITE ARGS…` in SITE.
pub fn tolk(site: &Path, args: &[&str]) -> Output {
    assert_cmd::Command::cargo_bin("tolk")
        .unwrap()
        .current_dir(site)
        .arg("--site")
        .arg(site)
        .args(args)
        .output()
        .unwrap()
}

/// Every file under `dir`, relative path → bytes.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect()
}

/// stdout and stderr as text.
pub fn text(output: &Output) -> (String, String) {
    (String::from_utf8_lossy(&output.stdout).into_owned(), String::from_utf8_lossy(&output.stderr).into_owned())
}
