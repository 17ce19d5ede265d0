//! `duplicate-message`: one id defined twice in a resource.

use crate::check::{Context, Finding, Rule, Severity};

/// The rule.
pub const RULE: Rule = Rule {
    id: "duplicate-message",
    severity: Severity::Error,
    grades: &[],
    summary: "a message or term defined more than once in one resource",
    explanation: "What it finds: a second definition of a message or term id in the same resource.\n\
Why it matters: only one definition is used (the build refuses the bundle); edits to the other are lost.\n\
Example: `overview--title` on line 6 and again on line 40 of locales/nl/a.ftl.",
    check: crate::check::Check::Part(check),
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let checked = |locale: &str| locale == ctx.source_locale() || ctx.targets.iter().any(|t| t == locale);
    for parsed in ctx.resources.values().filter(|p| checked(&p.file.locale)) {
        // Each id's first definition, through the resource's index of ids (linear in the
        // resource's size).
        for m in &parsed.entries.messages {
            let Some(first) = parsed.entries.get(&m.id) else { continue };
            if !std::ptr::eq(first, m) {
                let line = parsed.file.source.line_col(first.offset).0;
                out.push(ctx.finding(
                    RULE.id,
                    parsed.file,
                    m.offset,
                    Some(&m.id),
                    format!("`{}` is already defined on line {line}", m.id),
                ));
            }
        }
    }
}
