//! `stale-translation`: a translation made from English that has changed since.

use crate::check::diff::{plain, word_diff};
use crate::check::{Context, Finding, Rule, Severity};

/// The rule.
pub const RULE: Rule = Rule {
    id: "stale-translation",
    severity: Severity::Warning,
    summary: "a translation whose source snapshot differs from today's source text",
    explanation: "What it finds: a translated message whose source snapshot (locales/<locale>/snapshots/X.ftl: \
the English it was translated from) differs from today's English in locales/en/X.ftl, ignoring only \
runs of whitespace. The finding carries both texts and a word diff.\n\
Why it matters: the translation says what the English used to say: a step, a link or a number may \
be missing, and readers cannot tell.\n\
Example: hu was translated from `Step 1 Select windows 10 and enter dummy information`; today's \
English is `Step 1 Open [Support for Business](…) and select windows 10 …`. Record an updated \
translation by updating its snapshot to today's English.",
    check,
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for source in ctx.source_resources() {
        for locale in &ctx.targets {
            let (Some(target), Some(snapshot)) = (
                ctx.resource(locale, &source.file.name),
                ctx.snapshot(locale, &source.file.name),
            ) else {
                continue;
            };
            for message in &target.entries.messages {
                let (Some(new), Some(old)) = (
                    source.entries.get(&message.id),
                    snapshot.entries.get(&message.id),
                ) else {
                    continue;
                };
                if normalize(&old.value) == normalize(&new.value) {
                    continue;
                }
                let chunks = word_diff(&old.value, &new.value);
                let mut finding = ctx.finding(
                    RULE.id,
                    target.file,
                    message.offset,
                    Some(&message.id),
                    format!(
                        "`{}` was translated from an older {} text",
                        message.id,
                        ctx.source_locale()
                    ),
                );
                finding.old_source = Some(old.value.clone());
                finding.new_source = Some(new.value.clone());
                finding.diff = Some(plain(&chunks));
                out.push(finding);
            }
        }
    }
}

fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
