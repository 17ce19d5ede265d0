//! `glossary-term`: do-not-translate terms that a translation changed.

use crate::check::{Context, Finding, Rule, Severity};

/// The rule.
pub const RULE: Rule = Rule {
    id: "glossary-term",
    severity: Severity::Warning,
    grades: &[],
    summary: "a do-not-translate term the source has and the translation does not keep verbatim",
    explanation: "What it finds: a term from `[check] do-not-translate` in tolk.toml (product names) that \
occurs in the source message and not, character for character, in the translation.\n\
Why it matters: a translated product name is a name readers cannot search for or find in the product.\n\
Example: en `Signature Cloud Support`, hu `Signature Felhőtámogatás`.",
    check: crate::check::Check::Part(check),
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for pair in ctx.pairs() {
        for term in ctx.glossary() {
            let wanted = pair.source.value.matches(term.as_str()).count();
            let kept = pair.target.value.matches(term.as_str()).count();
            if wanted > kept {
                out.push(ctx.finding(
                    RULE.id,
                    pair.file,
                    pair.target.offset,
                    Some(&pair.target.id),
                    format!("`{}` does not keep the term \"{term}\" verbatim", pair.target.id),
                ));
            }
        }
    }
}
