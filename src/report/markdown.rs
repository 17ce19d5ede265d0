//! A Markdown summary of a check for `$GITHUB_STEP_SUMMARY` (GitHub Actions shows it on the
//! run's page): the per-locale table of `--format summary`, then the error findings.

use std::collections::BTreeMap;

use crate::check::stats::LocaleStats;
use crate::check::{Finding, Severity};

/// The summary: a heading with the verdict, a table row per locale, and up to 20 errors as a
/// list (file:line, rule, message).
pub fn render(findings: &[Finding], stats: &BTreeMap<String, LocaleStats>) -> String {
    let errors: Vec<&Finding> = findings.iter().filter(|f| f.severity == Severity::Error).collect();
    let verdict = if errors.is_empty() { "passed" } else { "failed" };
    let mut out = format!("### tolk check {verdict}\n\n");
    out.push_str(
        "| locale | messages | translated | stale (cosmetic/wording/content) | missing | errors | warnings |\n",
    );
    out.push_str("|---|---:|---:|---:|---:|---:|---:|\n");
    for row in super::summary::rows(findings, stats) {
        out.push_str(&format!(
            "| {} | {} | {:.1} % | {} | {} | {} | {} |\n",
            row.locale, row.messages, row.percent, row.stale, row.missing, row.errors, row.warnings
        ));
    }
    if !errors.is_empty() {
        out.push_str("\n**Errors**\n\n");
        for f in errors.iter().take(20) {
            let message = f.message.replace('|', "\\|").replace('\n', " ");
            out.push_str(&format!("- `{}` {} [{}]: {message}\n", f.start(), f.rule, f.locale));
        }
        if errors.len() > 20 {
            out.push_str(&format!("- … and {} more\n", errors.len() - 20));
        }
    }
    out.push('\n');
    out
}
