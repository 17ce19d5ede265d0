//! `tolk rules` and `tolk explain ID`: printed from the rule registry.

use crate::check::{registry, Rule, RULES};
use crate::error::{Error, Result};

/// The default severity of `rule` in words: one severity, or one per grade.
fn severity(rule: &Rule, long: bool) -> String {
    match (rule.grades.is_empty(), long) {
        (true, _) => rule.severity.as_str().to_string(),
        (false, false) => "graded".to_string(),
        (false, true) => rule.grades.iter().map(|(g, s)| format!("{g} {}", s.as_str())).collect::<Vec<_>>().join(", "),
    }
}

/// Prints every rule: id, default severity, summary.
pub fn list() -> Result<i32> {
    for rule in RULES {
        println!("{:<26} {:<8} {}", rule.id, severity(rule, false), rule.summary);
    }
    Ok(0)
}

/// Prints one rule's explanation.
///
/// Errors: [`Error::Usage`] for an unknown id.
pub fn explain(id: &str) -> Result<i32> {
    let rule = registry::rule(id).ok_or_else(|| Error::Usage(format!("no rule `{id}`; `tolk rules` lists them")))?;
    println!("{} (default severity: {})\n\n{}", rule.id, severity(rule, true), rule.explanation);
    Ok(0)
}
