//! `obsolete-message`: a translation of a message the source no longer has.

use crate::check::{Context, Finding, Rule, Severity};

/// The rule.
pub const RULE: Rule = Rule {
    id: "obsolete-message",
    severity: Severity::Warning,
    grades: &[],
    summary: "a translated message whose id the source locale no longer defines",
    explanation: "What it finds: a message or term in a target-locale resource that the same resource of the \
source locale does not define (also when the source resource does not exist at all).\n\
Why it matters: the text is never shown; it is dead weight that translators keep maintaining, and \
often the sign of a renamed id whose new name is now missing.\n\
Example: locales/de/a.ftl defines `old-intro`, locales/en/a.ftl does not.",
    check: crate::check::Check::Part(check),
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for locale in &ctx.targets {
        for ((l, name), target) in &ctx.resources {
            if l != locale {
                continue;
            }
            let source = ctx.resource(ctx.source_locale(), name);
            for message in &target.entries.messages {
                if source.is_some_and(|s| s.entries.get(&message.id).is_some()) {
                    continue;
                }
                let why = if source.is_some() {
                    format!("locales/{}/{name} does not define it", ctx.source_locale())
                } else {
                    format!("there is no locales/{}/{name}", ctx.source_locale())
                };
                out.push(ctx.finding(
                    RULE.id,
                    target.file,
                    message.offset,
                    Some(&message.id),
                    format!("`{}` is obsolete: {why}", message.id),
                ));
            }
        }
    }
}
