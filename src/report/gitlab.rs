//! `--format gitlab`: a GitLab Code Quality report (a JSON array, the CodeClimate issue
//! subset GitLab reads: `description`, `check_name`, `fingerprint`, `severity`,
//! `location.path`, `location.lines.begin`), for `artifacts: reports: codequality`.

use serde_json::{json, Value};

use crate::check::{baseline, Finding, Severity};

/// GitLab's severity for a finding's: error → critical, warning → major, info → info.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "critical",
        Severity::Warning => "major",
        Severity::Info => "info",
    }
}

/// The report, ending in a newline. Fingerprints are the baseline's (stable across runs
/// while the finding stays), made unique by their order when two findings share one.
pub fn render(findings: &[Finding]) -> String {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    let issues: Vec<Value> = findings
        .iter()
        .map(|f| {
            let base = baseline::fingerprint(f);
            let n = seen.entry(base.clone()).or_default();
            *n += 1;
            let fingerprint = if *n == 1 { base } else { format!("{base}-{n}") };
            json!({
                "description": format!("{} [{}]", f.message, f.locale),
                "check_name": f.rule,
                "fingerprint": fingerprint,
                "severity": severity(f.severity),
                "location": {
                    "path": f.file().to_string_lossy().replace('\\', "/"),
                    "lines": { "begin": f.start().line },
                },
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".to_string());
    text.push('\n');
    text
}
