//! Tera templates: the default theme with the site's `templates/` over it, loaded once, named
//! by their path relative to `templates/` (`article.html`, `style.css`, …), rendered per page.

use std::path::Path;

use crate::error::{Error, Location, Result};

/// The compiled templates of a site.
pub struct Templates {
    tera: tera::Tera,
    /// Files copied to the output as they are (everything but `*.html` and `*.css`).
    assets: Vec<(String, Vec<u8>)>,
}

impl Templates {
    /// The default theme ([`super::theme`]) with every file under `root/templates` over it:
    /// a file of the site replaces the theme's file of the same name, other site files are
    /// added. A site without `templates/` uses the theme as it is.
    ///
    /// Errors: [`Error::Input`] with the template's line and column for Tera syntax errors or
    /// an include cycle; [`Error::Io`] when a file cannot be read.
    pub fn load(root: &Path) -> Result<Templates> {
        use std::collections::BTreeMap;
        let dir = root.join("templates");
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.register_filter("attr", attr_filter);
        let is_template = |name: &str| name.ends_with(".html") || name.ends_with(".css");
        let mut files: BTreeMap<String, crate::source::Text> = BTreeMap::new();
        let mut assets: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        for (name, bytes) in super::theme::FILES {
            if is_template(name) {
                let text = String::from_utf8_lossy(bytes).into_owned();
                files.insert(
                    name.to_string(),
                    crate::source::SourceText::new(Path::new("templates").join(name), text).text,
                );
            } else {
                assets.insert(name.to_string(), bytes.to_vec());
            }
        }
        if dir.is_dir() {
            for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
                let entry = entry.map_err(|e| {
                    Error::io(
                        e.path().unwrap_or(&dir).to_path_buf(),
                        e.into_io_error().unwrap_or_else(|| std::io::Error::other("file system loop")),
                    )
                })?;
                if entry.file_type().is_file() {
                    let name =
                        entry.path().strip_prefix(&dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
                    if is_template(&name) {
                        let source = crate::fs::read_source(entry.path(), &Path::new("templates").join(&name))?;
                        assets.remove(&name);
                        files.insert(name, source.text);
                    } else {
                        let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
                        files.remove(&name);
                        assets.insert(name, bytes);
                    }
                }
            }
        }
        let files: Vec<(String, crate::source::Text)> = files.into_iter().collect();
        if let Some(e) = include_cycle(&files) {
            return Err(e);
        }
        tera.add_raw_templates(files).map_err(|e| tera_error(&e))?;
        Ok(Templates { tera, assets: assets.into_iter().collect() })
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

/// The `attr` filter: a value escaped for a quoted HTML attribute (`&`, `"`, `'`, `<`, `>`),
/// leaving `/` as it is (Tera's HTML escaping writes `&#x2F;`, which URLs need not carry).
/// The templates use it for URLs.
fn attr_filter(value: &tera::Value, _: &std::collections::HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let text = value.as_str().ok_or_else(|| tera::Error::msg("attr: expects a string"))?;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    // Already escaped: Tera must not escape it again.
    Ok(tera::Value::String(out))
}

/// `{% include "name" %}` (or `{% include ["a", "b"] %}`) in a Tera template: the names.
static INCLUDE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r#"\{%-?\s*include\s+(\[[^\]]*\]|"[^"]*"|'[^']*')"#).expect("static regex")
});

/// A template that includes itself through a chain of includes: Tera would recurse until the
/// stack overflows (the process aborts), so it is refused at the include that closes the
/// cycle.
fn include_cycle(files: &[(String, crate::source::Text)]) -> Option<Error> {
    use std::collections::BTreeMap;
    let names = |list: &str| -> Vec<String> {
        list.split(['"', '\'']).enumerate().filter(|(i, _)| i % 2 == 1).map(|(_, n)| n.to_string()).collect()
    };
    // Template → (included template, byte offset of the include).
    let mut edges: BTreeMap<&str, Vec<(String, usize)>> = BTreeMap::new();
    for (name, text) in files {
        for caps in INCLUDE.captures_iter(text) {
            let at = caps.get(0).map_or(0, |m| m.start());
            edges.entry(name).or_default().extend(names(&caps[1]).into_iter().map(|n| (n, at)));
        }
    }
    // Depth-first search from every template; a name on the current path closes a cycle.
    fn visit<'a>(
        name: &'a str,
        edges: &'a BTreeMap<&str, Vec<(String, usize)>>,
        path: &mut Vec<&'a str>,
        done: &mut std::collections::BTreeSet<&'a str>,
    ) -> Option<(&'a str, usize, Vec<&'a str>)> {
        if done.contains(name) {
            return None;
        }
        path.push(name);
        for (next, at) in edges.get(name).into_iter().flatten() {
            if let Some(start) = path.iter().position(|p| *p == next.as_str()) {
                let mut cycle = path[start..].to_vec();
                cycle.push(next);
                return Some((name, *at, cycle));
            }
            if let Some(found) = visit(next, edges, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(name);
        None
    }
    let mut done = std::collections::BTreeSet::new();
    for (name, _) in files {
        if let Some((from, at, cycle)) = visit(name, &edges, &mut Vec::new(), &mut done) {
            let text = &files.iter().find(|(n, _)| n == from)?.1;
            let source = crate::source::SourceText::new(Path::new("templates").join(from), text.to_string());
            return Some(Error::input(
                &source,
                at,
                format!("template: includes itself through {}; rendering would never end", cycle.join(" → ")),
            ));
        }
    }
    None
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

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Vec<(String, crate::source::Text)> {
        list.iter().map(|(n, t)| (n.to_string(), crate::source::SourceText::new(*n, *t).text)).collect()
    }

    #[test]
    fn include_cycles_are_refused_at_the_closing_include() {
        let err = include_cycle(&files(&[
            ("a.html", "<p>{% include \"b.html\" %}</p>"),
            ("b.html", "x\n {%- include 'a.html' %}"),
        ]))
        .expect("a cycle");
        let text = err.render();
        assert!(
            text.starts_with("templates/b.html:2:2: error: template: includes itself through a.html → b.html → a.html"),
            "{text}"
        );
        assert!(include_cycle(&files(&[("a.html", "{% include \"a.html\" %}")])).is_some(), "itself");
        assert!(include_cycle(&files(&[
            ("a.html", "{% include [\"b.html\", \"c.html\"] %}"),
            ("b.html", "b"),
            ("c.html", "{% include \"b.html\" %}")
        ]))
        .is_none());
    }
}
