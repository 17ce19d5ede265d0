//! `missing-resource`: a source resource that a target locale has no file for at all.

use crate::check::finding::Detail;
use crate::check::{Context, Finding, Rule, Severity};

/// The rule.
pub const RULE: Rule = Rule {
    id: "missing-resource",
    severity: Severity::Warning,
    grades: &[],
    summary: "a source-locale resource (an article's messages) that a target locale has no file for",
    explanation: "What it finds: a resource of the source locale (locales/en/X.ftl) with messages, for which \
a target locale has no file (locales/hu/X.ftl) at all: one finding per resource and locale, with the \
number of messages; the JSON report lists them under `details`. A resource that exists but lacks some \
messages is `missing-message`'s business, one finding per message.\n\
Why it matters: the whole article is shown in the fallback language; one finding says so without \
burying every other finding under one per message.\n\
Example: locales/en/manage-benefits.ftl has 83 messages and locales/de/ has no manage-benefits.ftl: \
`missing-resource` for de, 83 messages.",
    check: crate::check::Check::Part(check),
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for source in ctx.source_resources() {
        let messages = &source.entries.messages;
        if messages.is_empty() {
            continue;
        }
        for locale in &ctx.targets {
            if ctx.resource(locale, &source.file.name).is_some() {
                continue;
            }
            let noun = if messages.len() == 1 { "message" } else { "messages" };
            let mut finding = ctx.finding(
                RULE.id,
                source.file,
                0,
                None,
                format!(
                    "locales/{locale}/{} does not exist: its {} {noun} have no {locale} translation",
                    source.file.name,
                    messages.len()
                ),
            );
            finding.locale = locale.clone();
            finding.set_details(
                messages
                    .iter()
                    .map(|m| Detail {
                        message_id: m.id.clone(),
                        span: m.offset..m.offset + m.id.trim_start_matches('-').len(),
                    })
                    .collect(),
            );
            out.push(finding);
        }
    }
}
