//! `tolk rules` and `tolk explain ID`: printed from the rule registry.

use crate::check::{registry, RULES};
use crate::error::{Error, Result};

/// Prints every rule: id, default severity, summary.
pub fn list() -> Result<i32> {
    for rule in RULES {
        println!(
            "{:<26} {:<8} {}",
            rule.id,
            rule.severity.as_str(),
            rule.summary
        );
    }
    Ok(0)
}

/// Prints one rule's explanation.
///
/// Errors: [`Error::Usage`] for an unknown id.
pub fn explain(id: &str) -> Result<i32> {
    let rule = registry::rule(id)
        .ok_or_else(|| Error::Usage(format!("no rule `{id}`; `tolk rules` lists them")))?;
    println!(
        "{} (default severity: {})\n\n{}",
        rule.id,
        rule.severity.as_str(),
        rule.explanation
    );
    Ok(0)
}
