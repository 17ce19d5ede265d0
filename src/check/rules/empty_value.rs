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

/// Whether a canonical value shows no text: only whitespace and empty string literals
/// (`{ "" }`), read from the start (a value with text is known at its first character).
fn is_empty(value: &str) -> bool {
    let mut rest = value.trim_start();
    while let Some(after) = rest.strip_prefix("{ \"\" }") {
        rest = after.trim_start();
    }
    rest.is_empty()
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

#[cfg(test)]
mod tests {
    use super::is_empty;

    #[test]
    fn only_whitespace_and_empty_literals_are_empty() {
        assert!(is_empty("") && is_empty("  ") && is_empty("{ \"\" }") && is_empty(" { \"\" }\n{ \"\" } "));
        assert!(!is_empty("x") && !is_empty("{ \"\" }x") && !is_empty("x{ \"\" }") && !is_empty("{ \" \" }"));
        assert!(!is_empty("{ $n }") && !is_empty("{ \"\" } { \"\" } ."));
    }
}
