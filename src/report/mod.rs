//! Reports: findings in, text out. One emitter per format; emitters see only findings.

pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod status;
pub mod summary;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::check::{Finding, Severity};

/// Counts of findings, overall and per locale.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Summary {
    /// Findings at severity error.
    pub errors: usize,
    /// Findings at severity warning.
    pub warnings: usize,
    /// Findings at severity info.
    pub info: usize,
    /// Per locale: rule id → number of findings.
    pub by_locale: BTreeMap<String, BTreeMap<String, usize>>,
}

impl Summary {
    /// Counts `findings`.
    pub fn of(findings: &[Finding]) -> Summary {
        let mut s = Summary::default();
        for f in findings {
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.info += 1,
            }
            *s.by_locale.entry(f.locale.clone()).or_default().entry(f.rule.to_string()).or_default() += 1;
        }
        s
    }
}
