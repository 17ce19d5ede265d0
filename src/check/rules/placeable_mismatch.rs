//! `placeable-mismatch`: variables, terms and message references that differ from the source.

use std::collections::BTreeSet;

use crate::check::{Context, Finding, Rule, Severity};

/// The rule.
pub const RULE: Rule = Rule {
    id: "placeable-mismatch",
    severity: Severity::Error,
    grades: &[],
    summary: "a `$variable`, `-term` or message reference the source has and the translation lacks, or the reverse",
    explanation: "What it finds: the set of references in placeables (`{ $count }`, `{ -brand }`, \
`{ other-message }`) of a translation differs from its source message's.\n\
Why it matters: a dropped `{ $count }` hides a number from the reader; an added `{ $user }` that the \
code does not pass renders as an error.\n\
Example: en `incidents = { $count } Incidents`, hu `incidents = 10 incidens`.",
    check: crate::check::Check::Part(check),
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for pair in ctx.pairs() {
        let source: BTreeSet<&String> = pair.source.references.iter().collect();
        let target: BTreeSet<&String> = pair.target.references.iter().collect();
        let lacks: Vec<String> = source.difference(&target).map(|r| format!("`{{ {r} }}`")).collect();
        let extra: Vec<String> = target.difference(&source).map(|r| format!("`{{ {r} }}`")).collect();
        if lacks.is_empty() && extra.is_empty() {
            continue;
        }
        let mut parts = Vec::new();
        if !lacks.is_empty() {
            parts.push(format!("lacks {}", lacks.join(", ")));
        }
        if !extra.is_empty() {
            parts.push(format!("adds {}", extra.join(", ")));
        }
        out.push(ctx.finding(
            RULE.id,
            pair.file,
            pair.target.offset,
            Some(&pair.target.id),
            format!("`{}` {} compared with its source", pair.target.id, parts.join(" and ")),
        ));
    }
}
