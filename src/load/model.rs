//! The model: structured facts in `content/model/*.toml` that skeletons read.
//!
//! A model path is `FILE.KEY.KEY…`: the file stem, then table keys. An array of tables is
//! indexed by the `id` of its element (`benefits.tiers.gold.product-support-incidents`) or by
//! a 0-based position.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Result};
use crate::source::SourceText;

/// All model files of a site, by file stem.
#[derive(Debug, Clone, Default)]
pub struct Model {
    files: BTreeMap<String, toml::Table>,
}

/// The largest integer an IEEE 754 double holds exactly (2^53): Fluent numbers are doubles.
pub const MAX_EXACT: u64 = 1 << 53;

/// A scalar read from the model: what a skeleton can pass to a Fluent message.
#[derive(Debug, Clone, PartialEq)]
pub enum ModelValue {
    /// A TOML integer or float.
    Number(f64),
    /// A TOML string (or boolean, as `"true"`/`"false"`).
    String(String),
}

impl Model {
    /// Loads every `*.toml` in `dir` (sorted; a missing directory is an empty model).
    ///
    /// Errors: [`Error::Input`] with line and column for malformed TOML.
    pub fn load(root: &Path, dir: &Path) -> Result<Model> {
        let mut model = Model::default();
        let full = root.join(dir);
        if !full.is_dir() {
            return Ok(model);
        }
        let mut errors = Vec::new();
        for entry in crate::load::sorted_files(&full, "toml", root)? {
            let shown = dir.join(entry.strip_prefix(&full).unwrap_or(&entry));
            let source = crate::fs::read_source(&entry, &shown)?;
            match toml::from_str::<toml::Table>(&source.text) {
                Ok(table) => {
                    let stem = entry.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
                    model.files.insert(stem, table);
                }
                Err(e) => errors.push(crate::load::config::toml_error(&source, &e)),
            }
        }
        match Error::from_many(errors) {
            Some(e) => Err(e),
            None => Ok(model),
        }
    }

    /// Adds a model file from text (for tests and tools).
    ///
    /// Errors: [`Error::Input`] for malformed TOML.
    pub fn insert_source(&mut self, stem: &str, source: &SourceText) -> Result<()> {
        let table =
            toml::from_str::<toml::Table>(&source.text).map_err(|e| crate::load::config::toml_error(source, &e))?;
        self.files.insert(stem.to_string(), table);
        Ok(())
    }

    /// The scalar at `path`, or `Err` with what was found instead (for the error message).
    pub fn get(&self, path: &str) -> std::result::Result<ModelValue, String> {
        let mut parts = path.split('.');
        let stem = parts.next().unwrap_or_default();
        let Some(file) = self.files.get(stem) else {
            let known: Vec<_> = self.files.keys().map(String::as_str).collect();
            return Err(format!("no model file `{stem}.toml` (model files: {})", known.join(", ")));
        };
        // Walked by reference: a page looks up many paths, and a model file can be large.
        let (mut table, mut value) = (Some(file), None::<&toml::Value>);
        let mut walked = stem.len();
        for part in parts {
            let next = match (table, value) {
                (Some(t), _) => t.get(part),
                (None, Some(toml::Value::Table(t))) => t.get(part),
                (None, Some(toml::Value::Array(items))) => part
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| items.get(i))
                    .or_else(|| items.iter().find(|v| v.get("id").and_then(|id| id.as_str()) == Some(part))),
                _ => None,
            };
            let walked_path = &path[..walked];
            value = Some(
                next.ok_or_else(|| format!("model path `{path}` does not exist: `{walked_path}` has no `{part}`"))?,
            );
            table = None;
            walked += 1 + part.len();
        }
        let Some(value) = value else {
            return Err(format!("model path `{path}` is a table, not a number or string"));
        };
        match *value {
            toml::Value::Integer(i) if i.unsigned_abs() <= MAX_EXACT => Ok(ModelValue::Number(i as f64)),
            toml::Value::Integer(i) => Err(format!(
                "model path `{path}` is {i}, beyond ±2^53: numbers that large cannot be formatted exactly; write it as a string"
            )),
            toml::Value::Float(f) if f.is_finite() => Ok(ModelValue::Number(f)),
            toml::Value::Float(f) => Err(format!("model path `{path}` is {f}, not a finite number; no page can show it")),
            toml::Value::String(ref s) => Ok(ModelValue::String(s.clone())),
            toml::Value::Boolean(b) => Ok(ModelValue::String(b.to_string())),
            ref other => Err(format!("model path `{path}` is a {}, not a number or string", other.type_str())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Model {
        let mut m = Model::default();
        let src = SourceText::new("m.toml", "[[tiers]]\nid = \"gold\"\nincidents = 20\nname = \"Gold\"\n");
        m.insert_source("benefits", &src).unwrap();
        m
    }

    #[test]
    fn arrays_are_indexed_by_id_or_position() {
        assert_eq!(model().get("benefits.tiers.gold.incidents"), Ok(ModelValue::Number(20.0)));
        assert_eq!(model().get("benefits.tiers.0.name"), Ok(ModelValue::String("Gold".into())));
    }

    #[test]
    fn numbers_no_page_can_show_are_refused() {
        let mut m = Model::default();
        let src = SourceText::new("m.toml", "a = nan\nb = inf\nc = -inf\nd = 9007199254740993\ne = 1.5e300\n");
        m.insert_source("x", &src).unwrap();
        for path in ["x.a", "x.b", "x.c", "x.d"] {
            assert!(m.get(path).is_err(), "{path}");
        }
        assert_eq!(m.get("x.e"), Ok(ModelValue::Number(1.5e300)));
    }

    #[test]
    fn missing_paths_say_where_they_stop() {
        let err = model().get("benefits.tiers.silver.incidents").unwrap_err();
        assert!(err.contains("`benefits.tiers` has no `silver`"), "{err}");
        assert!(model().get("benefits.tiers").unwrap_err().contains("array"));
    }
}
