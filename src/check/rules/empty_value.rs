//! `empty-value`: a translation with no text.

use crate::check::{Context, Finding, Rule, Severity};

/// The rule.
pub const RULE: Rule = Rule {
    id: "empty-value",
    severity: Severity::Warning,
    grades: &[],
    summary: "a translation whose value is empty while its source's is not",
    explanation: "What it finds: a translated message whose value is empty or only whitespace (`m = {\"\"}`), \
while the source message has text.\n\
Why it matters: the page shows nothing where the source shows a sentence, and no fallback happens \
because the message exists.\n\
Example: hu `step-1 = {\"\"}` for en `step-1 = Sign in`.",
    check: crate::check::Check::Part(check),
};

/// Whether a canonical value shows no text.
fn is_empty(value: &str) -> bool {
    value.replace("{ \"\" }", "").trim().is_empty()
}

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for pair in ctx.pairs() {
        let source_has_value = !is_empty(&pair.source.value);
        if source_has_value
            && is_empty(&pair.target.value)
            && (pair.target.attributes.is_empty() || !pair.target.value.is_empty())
        {
            out.push(ctx.finding(
                RULE.id,
                pair.file,
                pair.target.offset,
                Some(&pair.target.id),
                format!("`{}` is empty", pair.target.id),
            ));
        }
    }
}
