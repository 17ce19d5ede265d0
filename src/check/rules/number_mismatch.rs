//! `number-mismatch`: numbers that differ between source and translation, compared after
//! locale-aware normalization (CLDR separators through ICU4X).

use crate::check::numbers::{numbers, separators};
use crate::check::{Context, Finding, PairText, Rule, Severity};

/// The rule.
pub const RULE: Rule = Rule {
    id: "number-mismatch",
    severity: Severity::Warning,
    grades: &[],
    summary: "numbers in a translation that differ from the source text's, after locale-aware normalization",
    explanation: "What it finds: the numbers in the visible text of a translation (link targets excluded) \
differ from those of the source text it was translated from (its source snapshot, else today's \
source). Numbers are read with each locale's CLDR grouping and decimal separators, so the Dutch \
`$ 6.000` equals the English `$6,000`.\n\
Why it matters: a changed number is a changed fact: 15 incidents that became 51.\n\
Example: en `Step 2 …`, de `Schritt 3 …`.",
    check: crate::check::Check::Part(check),
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let Some(source_seps) = separators(ctx.source_locale()) else {
        return;
    };
    // Looked up once per locale, not once per pair (the cache is behind a lock).
    let seps: std::collections::HashMap<&str, Option<(char, char)>> =
        ctx.targets.iter().map(|l| (l.as_str(), separators(l))).collect();
    ctx.each_pair(out, |pair, out| {
        let Some(target_seps) = seps.get(pair.locale).copied().flatten().or_else(|| separators(pair.locale)) else {
            return;
        };
        let expected = numbers(&ctx.pair_markup(pair, PairText::Reference).text, source_seps);
        let found = numbers(&ctx.pair_markup(pair, PairText::Target).text, target_seps);
        if expected != found {
            out.push(ctx.finding(
                RULE.id,
                pair.file,
                pair.target.offset,
                Some(&pair.target.id),
                format!(
                    "`{}` has the numbers [{}] where its source has [{}]",
                    pair.target.id,
                    found.join(", "),
                    expected.join(", ")
                ),
            ));
        }
    });
}
