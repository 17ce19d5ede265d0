//! Per-locale metadata: `locales/<locale>/metadata.toml`, where each article's translation
//! came from. `tolk import` writes it; the build reads it for reader notices.
//!
//! ```toml
//! [technical-support-benefits]
//! translation-type = "MT"          # MT: machine translation, HT: human translation
//! source-commit = "f8fd51e1acdbfafdde86d6490bade66c63033ebd"
//! last-handoff = "04/28/2021"
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::Result;

/// File name of the metadata in each locale directory.
pub const FILE: &str = "metadata.toml";

/// Metadata of one article in one locale.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ArticleMetadata {
    /// `MT` (machine translation) or `HT` (human translation), as Microsoft Docs records it.
    pub translation_type: Option<String>,
    /// The commit of the source the translation was made from.
    pub source_commit: Option<String>,
    /// When the translation was handed off (as the source wrote it).
    pub last_handoff: Option<String>,
}

impl ArticleMetadata {
    /// Whether the translation was made by a machine.
    pub fn machine_translated(&self) -> bool {
        self.translation_type.as_deref().is_some_and(|t| t.eq_ignore_ascii_case("MT"))
    }
}

/// The metadata of one locale: article slug → metadata.
pub type LocaleMetadata = BTreeMap<String, ArticleMetadata>;

/// Reads `dir/metadata.toml` (empty when absent), shown relative to `root`.
///
/// Errors: [`crate::error::Error::Input`] with line and column for malformed TOML or
/// unknown keys.
pub fn load(dir: &Path, root: &Path) -> Result<LocaleMetadata> {
    let path = dir.join(FILE);
    if !path.is_file() {
        return Ok(LocaleMetadata::new());
    }
    crate::load::inside_site(root, &path)?;
    let source = crate::fs::read_source(&path, &crate::load::relative(root, &path))?;
    toml::from_str(&source.text).map_err(|e| crate::load::config::toml_error(&source, &e))
}

/// The text of a metadata file holding `metadata`, with a header comment.
pub fn render(metadata: &LocaleMetadata) -> String {
    let body = toml::to_string(metadata).unwrap_or_default();
    format!("# Where each article's translation came from (written by `tolk import`).\n# translation-type: MT = machine translation, HT = human translation.\n\n{body}")
}
