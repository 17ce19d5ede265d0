//! `missing-attribute` and `obsolete-attribute`: attributes (`.title`) that differ between a
//! message and its translation.

use crate::check::{Context, Finding, Rule, Severity};

/// `missing-attribute`.
pub const MISSING: Rule = Rule {
    id: "missing-attribute",
    severity: Severity::Warning,
    grades: &[],
    summary: "an attribute of the source message that the translation lacks",
    explanation: "What it finds: a translated message that lacks an attribute (`.title`, `.aria-label`) its \
source message has.\n\
Why it matters: code or templates that read the attribute get nothing or the fallback language.\n\
Example: en `save = Save` + `.title = Save the file`; de `save = Speichern` without `.title`.",
    check: crate::check::Check::Part(check_missing),
};

/// `obsolete-attribute`.
pub const OBSOLETE: Rule = Rule {
    id: "obsolete-attribute",
    severity: Severity::Warning,
    grades: &[],
    summary: "an attribute of a translation that the source message does not have",
    explanation: "What it finds: an attribute on a translated message that its source message does not \
define.\n\
Why it matters: it is never shown, and often a renamed attribute whose new name is missing.\n\
Example: de `save` has `.label`, en `save` has `.title` only.",
    check: crate::check::Check::Part(check_obsolete),
};

fn check_missing(ctx: &Context, out: &mut Vec<Finding>) {
    for pair in ctx.pairs() {
        for (name, _) in &pair.source.attributes {
            if !pair.target.attributes.iter().any(|(n, _)| n == name) {
                out.push(ctx.finding(
                    MISSING.id,
                    pair.file,
                    pair.target.offset,
                    Some(&pair.target.id),
                    format!("`{}` lacks the attribute `.{name}` of its source", pair.target.id),
                ));
            }
        }
    }
}

fn check_obsolete(ctx: &Context, out: &mut Vec<Finding>) {
    for pair in ctx.pairs() {
        for (name, _) in &pair.target.attributes {
            if !pair.source.attributes.iter().any(|(n, _)| n == name) {
                out.push(ctx.finding(
                    OBSOLETE.id,
                    pair.file,
                    pair.target.offset,
                    Some(&pair.target.id),
                    format!("`{}` has the attribute `.{name}`, which its source does not", pair.target.id),
                ));
            }
        }
    }
}
