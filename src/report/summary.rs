//! `--format summary`: one table row per target locale.
//!
//! ```text
//! locale  messages  translated  stale (cosmetic/wording/content)  missing  errors  warnings
//! hu           150       60.0%                             3/1/2       89       2        95
//! ```

use std::collections::BTreeMap;

use crate::check::stats::LocaleStats;
use crate::check::{Finding, Severity};

/// The table, with a header row.
pub fn render(findings: &[Finding], stats: &BTreeMap<String, LocaleStats>) -> String {
    let mut out = format!(
        "{:<8}{:>10}{:>12}{:>34}{:>9}{:>8}{:>10}\n",
        "locale", "messages", "translated", "stale (cosmetic/wording/content)", "missing", "errors", "warnings"
    );
    for (locale, s) in stats {
        let of = |pred: &dyn Fn(&Finding) -> bool| findings.iter().filter(|f| f.locale == *locale && pred(f)).count();
        let stale = |grade: &str| of(&|f| f.rule == "stale-translation" && f.grade == Some(grade));
        let percent = if s.messages == 0 { 100.0 } else { s.translated as f64 * 100.0 / s.messages as f64 };
        out.push_str(&format!(
            "{:<8}{:>10}{:>11.1}%{:>34}{:>9}{:>8}{:>10}\n",
            locale,
            s.messages,
            percent,
            format!("{}/{}/{}", stale("cosmetic"), stale("wording"), stale("content")),
            missing(findings, locale),
            of(&|f| f.severity == Severity::Error),
            of(&|f| f.severity == Severity::Warning),
        ));
    }
    out
}

/// Messages `locale` does not translate: one per `missing-message` finding, and each message
/// of a `missing-resource` finding.
fn missing(findings: &[Finding], locale: &str) -> usize {
    findings
        .iter()
        .filter(|f| f.locale == locale)
        .map(|f| match f.rule {
            "missing-message" => 1,
            "missing-resource" => f.details.len(),
            _ => 0,
        })
        .sum()
}
