//! `glossary-term`: do-not-translate terms that a translation changed.

use crate::check::{Context, Finding, Rule, Severity};
use crate::load::fluent::MessageEntry;

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
    let glossary = ctx.glossary();
    if glossary.is_empty() {
        return;
    }
    // The terms of each source message, found in one pass over it, once for all its
    // translations (by the entry's address); each is then counted on both sides.
    let mut occurring: rustc_hash::FxHashMap<*const MessageEntry, Vec<usize>> = Default::default();
    for pair in ctx.pairs() {
        let terms = occurring.entry(pair.source).or_insert_with(|| glossary.occurring(&pair.source.value));
        for term in terms.iter().filter_map(|&i| glossary.terms().get(i)) {
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
