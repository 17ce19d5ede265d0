//! Fingerprints of findings and baselines: a team adopts tolk on content that already
//! drifted by recording today's findings, then fails only on new ones.
//!
//! A fingerprint ignores line and column, so edits elsewhere in a file keep it; it changes when
//! the finding's rule, locale, message, file, grade or source texts change.
//! Baseline file: `{"tolk-baseline": 1, "fingerprints": ["…", …]}` (sorted, JSON).

use std::collections::BTreeSet;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::Finding;
use crate::error::{Error, Result};

/// The fingerprint of `finding`: 16 hex digits of SHA-256 over its stable fields.
pub fn fingerprint(finding: &Finding) -> String {
    let mut hasher = Sha256::new();
    let sources = finding.sources();
    let parts = [
        finding.rule,
        &finding.locale,
        finding.message_id.as_deref().unwrap_or(&finding.message),
        &finding.file().to_string_lossy(),
        finding.grade().unwrap_or_default(),
        sources.as_ref().map_or("", |s| &*s.0),
        sources.as_ref().map_or("", |s| &*s.1),
    ];
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hasher.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Writes the fingerprints of `findings` to `path`.
///
/// Errors: [`Error::Io`].
pub fn write(path: &Path, findings: &[Finding]) -> Result<()> {
    let prints: BTreeSet<String> = findings.iter().map(fingerprint).collect();
    let json = serde_json::json!({ "tolk-baseline": 1, "fingerprints": prints });
    let mut text = serde_json::to_string_pretty(&json).unwrap_or_default();
    text.push('\n');
    crate::fs::write(path, text.as_bytes())
}

/// Reads the fingerprints of a baseline file.
///
/// Errors: [`Error::Io`]; [`Error::Input`] when the file is not a tolk baseline.
pub fn read(path: &Path) -> Result<BTreeSet<String>> {
    let source = crate::fs::read_source(path, path)?;
    let json: serde_json::Value = serde_json::from_str(&source.text).map_err(|e| {
        let offset = source.text.lines().take(e.line().saturating_sub(1)).map(|l| l.len() + 1).sum::<usize>()
            + e.column().saturating_sub(1);
        Error::input(&source, offset, format!("not a baseline: {e}"))
    })?;
    let prints = json.get("fingerprints").and_then(|f| f.as_array()).filter(|_| json.get("tolk-baseline").is_some());
    let Some(prints) = prints else {
        return Err(Error::input(&source, 0, "not a tolk baseline: write one with `tolk check --write-baseline FILE`"));
    };
    Ok(prints.iter().filter_map(|p| p.as_str().map(str::to_string)).collect())
}
