//! `syntax-error`: Fluent that does not parse.

use crate::check::{Context, Finding, Rule, Severity};

/// The rule.
pub const RULE: Rule = Rule {
    id: "syntax-error",
    severity: Severity::Error,
    grades: &[],
    summary: "Fluent syntax that does not parse (junk) in a resource or source snapshot",
    explanation: "What it finds: text in a .ftl resource or source snapshot that the Fluent parser rejects; \
the parser skips it as junk, so every message in it is lost.\n\
Why it matters: a lost message falls back to English or breaks the build without anyone noticing why.\n\
Example: `step-1 = Lépés { $n` (the placeable is not closed) is reported at its line and column.",
    check: crate::check::Check::Part(check),
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let checked = |locale: &str| locale == ctx.source_locale() || ctx.targets.iter().any(|t| t == locale);
    for parsed in ctx.resources.values().chain(ctx.snapshots.values()) {
        if !checked(&parsed.file.locale) {
            continue;
        }
        for error in &parsed.entries.errors {
            out.push(ctx.finding(
                RULE.id,
                parsed.file,
                error.offset,
                None,
                format!("Fluent syntax error: {}", error.message),
            ));
        }
    }
}
