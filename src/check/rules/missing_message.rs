//! `missing-message`: a source message with no translation.

use crate::check::{Context, Finding, Rule, Severity};

/// The rule.
pub const RULE: Rule = Rule {
    id: "missing-message",
    severity: Severity::Warning,
    grades: &[],
    summary: "a message of the source locale that a target locale does not translate",
    explanation: "What it finds: a message or term in a source-locale resource (locales/en/X.ftl) that the \
same resource of a target locale (locales/hu/X.ftl) lacks. It is reported at the source message, since \
that is the text to translate. When the target locale has no such resource at all, `missing-resource` \
reports it once instead.\n\
Why it matters: readers of the target locale see the text in the fallback language.\n\
Example: locales/en/a.ftl has `step-3 = …`, locales/hu/a.ftl does not: `missing-message` for hu, step-3.",
    check: crate::check::Check::Part(check),
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for source in ctx.source_resources() {
        for locale in &ctx.targets {
            let Some(target) = ctx.resource(locale, &source.file.name) else {
                continue; // missing-resource's
            };
            for message in &source.entries.messages {
                if target.entries.get(&message.id).is_some() {
                    continue;
                }
                let mut finding = ctx.finding(
                    RULE.id,
                    source.file,
                    message.offset,
                    Some(&message.id),
                    format!("`{}` has no {locale} translation in locales/{locale}/{}", message.id, source.file.name),
                );
                finding.locale = locale.clone();
                out.push(finding);
            }
        }
    }
}
