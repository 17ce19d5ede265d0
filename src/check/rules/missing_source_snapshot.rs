//! `missing-source-snapshot`: a translation with no record of its English.

use crate::check::{Context, Finding, Rule, Severity};

/// The rule.
pub const RULE: Rule = Rule {
    id: "missing-source-snapshot",
    severity: Severity::Info,
    grades: &[],
    summary: "a translation with no source snapshot, so staleness cannot be judged",
    explanation: "What it finds: a translated message that has no entry in its resource's source snapshot \
(locales/<locale>/snapshots/X.ftl), the record of the English it was translated from.\n\
Why it matters: without it tolk cannot tell whether the translation still matches the English; \
`stale-translation` is silent for it.\n\
Example: locales/nl/ui.ftl defines `ui-language` and locales/nl/snapshots/ui.ftl does not.",
    check: crate::check::Check::Part(check),
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for source in ctx.source_resources() {
        for locale in &ctx.targets {
            let Some(target) = ctx.resource(locale, &source.file.name) else {
                continue;
            };
            let snapshot = ctx.snapshot(locale, &source.file.name);
            for message in &target.entries.messages {
                if source.entries.get(&message.id).is_none()
                    || snapshot.is_some_and(|s| s.entries.get(&message.id).is_some())
                {
                    continue;
                }
                out.push(ctx.finding(
                    RULE.id,
                    target.file,
                    message.offset,
                    Some(&message.id),
                    format!(
                        "`{}` has no source snapshot in locales/{locale}/snapshots/{}",
                        message.id, source.file.name
                    ),
                ));
            }
        }
    }
}
