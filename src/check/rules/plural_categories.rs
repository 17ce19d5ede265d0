//! `plural-categories`: number selectors whose variants do not fit the locale's CLDR plural
//! categories (plural rules from ICU4X).

use crate::check::numbers::{plural_categories, CATEGORIES};
use crate::check::{Context, Finding, Rule, Severity};

/// The rule.
pub const RULE: Rule = Rule {
    id: "plural-categories",
    severity: Severity::Warning,
    grades: &[],
    summary: "a plural selector lacking a CLDR category the locale needs, or with one it can never select",
    explanation: "What it finds: a select expression over a number (`NUMBER($n)`, or a variable whose \
variants use plural category names) in any locale, whose variant keys lack a CLDR cardinal plural \
category of that locale (ICU4X plural rules), or name a category the locale never selects.\n\
Why it matters: a missing category silently falls to the default variant (\"1 items\"); an \
impossible one is dead text a translator maintained for nothing.\n\
Example: en `{ $n -> [one] … *[other] … }` is complete; pl needs `few` and `many`; hu has no `few`.",
    check: crate::check::Check::Part(check),
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let mut locales: Vec<&str> = vec![ctx.source_locale()];
    locales.extend(ctx.targets.iter().map(String::as_str));
    for ((locale, _), parsed) in &ctx.resources {
        if !locales.contains(&locale.as_str()) {
            continue;
        }
        let Some(needed) = plural_categories(locale) else {
            continue;
        };
        for message in &parsed.entries.messages {
            for select in &message.selects {
                let plural =
                    select.numeric || select.keys.iter().any(|k| CATEGORIES.contains(&k.as_str()) && k != "other");
                if !plural {
                    continue;
                }
                let lacks: Vec<&str> = needed.iter().copied().filter(|c| !select.keys.iter().any(|k| k == c)).collect();
                let never: Vec<&str> = select
                    .keys
                    .iter()
                    .map(String::as_str)
                    .filter(|k| CATEGORIES.contains(k) && !needed.contains(k))
                    .collect();
                let mut parts = Vec::new();
                if !lacks.is_empty() {
                    parts.push(format!("lacks [{}]", lacks.join("], [")));
                }
                if !never.is_empty() {
                    parts.push(format!("has [{}], which {locale} never selects", never.join("], [")));
                }
                if !parts.is_empty() {
                    let mut f = ctx.finding(
                        RULE.id,
                        parsed.file,
                        message.offset,
                        Some(&message.id),
                        format!(
                            "selector `{}` of `{}` {} (CLDR {locale}: {})",
                            select.selector,
                            message.id,
                            parts.join(" and "),
                            needed.join(", ")
                        ),
                    );
                    f.locale = locale.clone();
                    out.push(f);
                }
            }
        }
    }
}
