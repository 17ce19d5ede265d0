//! Tera templates from `templates/`: loaded once, named by their path relative to it
//! (`article.html`, `style.css`, …), rendered per page.

use std::path::Path;

use crate::error::{Error, Location, Result};

/// The compiled templates of a site.
pub struct Templates {
    tera: tera::Tera,
    /// Files copied to the output as they are (everything but `*.html` and `*.css`).
    assets: Vec<(String, Vec<u8>)>,
}

impl Templates {
    /// Loads every file under `root/templates`.
    ///
    /// Errors: [`Error::Usage`] when the directory is missing; [`Error::Input`] with the
    /// template's line and column for Tera syntax errors.
    pub fn load(root: &Path) -> Result<Templates> {
        let dir = root.join("templates");
        if !dir.is_dir() {
            return Err(Error::Usage(format!(
                "no templates/ directory in {}: a site needs templates/article.html, locale.html and index.html",
                root.display()
            )));
        }
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html"]);
        let mut files = Vec::new();
        let mut assets = Vec::new();
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.map_err(|e| {
                Error::io(
                    e.path().unwrap_or(&dir).to_path_buf(),
                    e.into_io_error().unwrap_or_else(|| std::io::Error::other("file system loop")),
                )
            })?;
            if entry.file_type().is_file() {
                let name = entry.path().strip_prefix(&dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
                if name.ends_with(".html") || name.ends_with(".css") {
                    let source = crate::fs::read_source(entry.path(), &Path::new("templates").join(&name))?;
                    files.push((name, source.text));
                } else {
                    assets.push((name, std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?));
                }
            }
        }
        tera.add_raw_templates(files).map_err(|e| tera_error(&e))?;
        for required in ["article.html", "locale.html", "index.html"] {
            if !tera.get_template_names().any(|n| n == required) {
                return Err(Error::at(
                    Location::start_of(&Path::new("templates").join(required)),
                    "template is missing; every site needs article.html, locale.html and index.html",
                ));
            }
        }
        Ok(Templates { tera, assets })
    }

    /// Whether a template `name` exists.
    pub fn has(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }

    /// Non-template files (name relative to `templates/`, bytes), copied to the output root.
    pub fn assets(&self) -> &[(String, Vec<u8>)] {
        &self.assets
    }

    /// Renders template `name` with `context` (any serde-serializable value).
    ///
    /// Errors: [`Error::Input`] naming the template for Tera runtime errors.
    pub fn render(&self, name: &str, context: &impl serde::Serialize) -> Result<String> {
        let context = tera::Context::from_serialize(context).map_err(|e| tera_error(&e))?;
        self.tera.render(name, &context).map_err(|e| tera_error(&e))
    }
}

/// A Tera error as an [`Error::Input`]: Tera names the template and, for syntax errors, gives
/// `--> LINE:COL`.
fn tera_error(err: &tera::Error) -> Error {
    let mut chain = vec![err.to_string()];
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        chain.push(s.to_string());
        source = s.source();
    }
    let text = chain.join(": ");
    let name = text.split('\'').nth(1).unwrap_or("?").to_string();
    let (line, column) = text
        .split_once("--> ")
        .and_then(|(_, rest)| {
            let mut nums = rest.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty());
            Some((nums.next()?.parse().ok()?, nums.next()?.parse().ok()?))
        })
        .unwrap_or((1, 1));
    let message = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
    Error::at(Location { file: Path::new("templates").join(name), line, column }, format!("template: {message}"))
}
