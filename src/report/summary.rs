//! `--format summary`: one table row per target locale.
//!
//! ```text
//! locale  messages  translated  stale (cosmetic/wording/content)  missing  errors  warnings
//! hu           150       60.0%                             3/1/2       89       2        95
//! ```

use std::collections::BTreeMap;

use crate::check::stats::LocaleStats;
use crate::check::{Finding, Severity};

/// One locale's row of the summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The target locale.
    pub locale: String,
    /// Messages and terms of the source locale.
    pub messages: usize,
    /// Share of them the locale translates, in percent.
    pub percent: f64,
    /// Stale translations by grade, as `cosmetic/wording/content`.
    pub stale: String,
    /// Messages the locale does not translate.
    pub missing: usize,
    /// Findings at severity error.
    pub errors: usize,
    /// Findings at severity warning.
    pub warnings: usize,
}

/// The rows, one per checked target locale (shared by this table and the Markdown summary).
pub fn rows(findings: &[Finding], stats: &BTreeMap<String, LocaleStats>) -> Vec<Row> {
    // Findings by locale, read once (a large tree has many locales and many findings).
    let mut by_locale: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        by_locale.entry(f.locale.as_str()).or_default().push(f);
    }
    stats
        .iter()
        .map(|(locale, s)| {
            let mine = by_locale.get(locale.as_str()).map(Vec::as_slice).unwrap_or_default();
            let of = |pred: &dyn Fn(&Finding) -> bool| mine.iter().filter(|f| pred(f)).count();
            let stale = |grade: &str| of(&|f| f.rule == "stale-translation" && f.grade() == Some(grade));
            Row {
                locale: locale.clone(),
                messages: s.messages,
                percent: if s.messages == 0 { 100.0 } else { s.translated as f64 * 100.0 / s.messages as f64 },
                stale: format!("{}/{}/{}", stale("cosmetic"), stale("wording"), stale("content")),
                missing: missing(mine),
                errors: of(&|f| f.severity == Severity::Error),
                warnings: of(&|f| f.severity == Severity::Warning),
            }
        })
        .collect()
}

/// The table, with a header row.
pub fn render(findings: &[Finding], stats: &BTreeMap<String, LocaleStats>) -> String {
    let mut out = format!(
        "{:<8}{:>10}{:>12}{:>34}{:>9}{:>8}{:>10}\n",
        "locale", "messages", "translated", "stale (cosmetic/wording/content)", "missing", "errors", "warnings"
    );
    for row in rows(findings, stats) {
        out.push_str(&format!(
            "{:<8}{:>10}{:>11.1}%{:>34}{:>9}{:>8}{:>10}\n",
            row.locale, row.messages, row.percent, row.stale, row.missing, row.errors, row.warnings
        ));
    }
    out
}

/// Messages a locale does not translate, from its findings: one per `missing-message`
/// finding, and each message of a `missing-resource` finding.
fn missing(findings: &[&Finding]) -> usize {
    findings
        .iter()
        .map(|f| match f.rule {
            "missing-message" => 1,
            "missing-resource" => f.details().len(),
            _ => 0,
        })
        .sum()
}
