//! `untranslated`: a translation identical to its source.

use crate::check::{Context, Finding, PairText, Rule, Severity};

/// The rule.
pub const RULE: Rule = Rule {
    id: "untranslated",
    severity: Severity::Warning,
    grades: &[],
    summary: "a translation identical to its source text, beyond do-not-translate terms",
    explanation: "What it finds: a translated message whose value equals its source's, when the visible text \
still has words once do-not-translate terms (`[check] do-not-translate` in tolk.toml), numbers and \
placeables are taken out.\n\
Why it matters: text left in the source language looks translated to tools and untranslated to readers.\n\
Example: de `entitlement-incidents = { $count } Incidents` equals the English.",
    check: crate::check::Check::Part(check),
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for pair in ctx.pairs() {
        if !pair.source.value.split_whitespace().eq(pair.target.value.split_whitespace())
            || pair.source.value.is_empty()
        {
            continue;
        }
        let mut text = ctx.pair_markup(pair, PairText::Target).text.clone();
        for range in ctx.glossary().covered(&text).into_iter().rev() {
            if text.get(range.clone()).is_some() {
                text.replace_range(range, " ");
            }
        }
        let text: String =
            text.split('{').map(|part| part.split_once('}').map(|(_, rest)| rest).unwrap_or(part)).collect();
        if text.chars().any(char::is_alphabetic) {
            out.push(ctx.finding(
                RULE.id,
                pair.file,
                pair.target.offset,
                Some(&pair.target.id),
                format!("`{}` is identical to its {} source", pair.target.id, ctx.source_locale()),
            ));
        }
    }
}
