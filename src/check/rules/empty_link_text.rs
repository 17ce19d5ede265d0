//! `empty-link-text`: links a reader cannot see or click.

use crate::check::{Context, Finding, Rule, Severity};

/// The rule.
pub const RULE: Rule = Rule {
    id: "empty-link-text",
    severity: Severity::Warning,
    grades: &[],
    summary: "a link with no text, `[](…)`, in a source or translated message",
    explanation: "What it finds: a Markdown link whose text is empty, in the source locale or a target locale.\n\
Why it matters: the link renders as nothing: readers cannot see or click it, and screen readers \
announce an empty link.\n\
Example: `See [](https://aka.ms/n-1) for support products`.",
    check: crate::check::Check::Part(check),
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let checked = |locale: &str| locale == ctx.source_locale() || ctx.targets.iter().any(|t| t == locale);
    for parsed in ctx.resources.values().filter(|p| checked(&p.file.locale)) {
        for m in &parsed.entries.messages {
            for dest in ctx.markup(m).empty_links.iter() {
                out.push(ctx.finding(
                    RULE.id,
                    parsed.file,
                    m.offset,
                    Some(&m.id),
                    format!("`{}` has a link to {dest} with no text", m.id),
                ));
            }
        }
    }
}
