//! `markup-mismatch`: inline Markdown and HTML that the translation lost or changed.

use crate::check::{Context, Finding, Rule, Severity};

/// The rule.
pub const RULE: Rule = Rule {
    id: "markup-mismatch",
    severity: Severity::Warning,
    grades: &[],
    summary: "links, emphasis, code spans, images or HTML tags that differ from the source text",
    explanation: "What it finds: a translation whose inline Markdown and HTML differ from the source text it \
was translated from (its source snapshot, else today's source): link targets, images, the number of \
emphasis and strong spans, code spans, HTML tags. Changes of today's source are `stale-translation`'s \
business, so they are not counted twice.\n\
Why it matters: a link lost in translation leaves readers without the way forward; a lost `**` or \
`<br>` changes what the page says is important or breaks a table cell.\n\
Example: en `Select [Support for Business](https://…) to create a request`, nl without the link.",
    check,
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for pair in ctx.pairs() {
        let reference = pair.snapshot.unwrap_or(pair.source);
        let (s, t) = (ctx.markup(reference), ctx.markup(pair.target));
        let mut diffs = Vec::new();
        let list = |v: &[String]| {
            if v.is_empty() {
                "none".to_string()
            } else {
                v.join(", ")
            }
        };
        if s.links != t.links {
            diffs.push(format!("links {} → {}", list(&s.links), list(&t.links)));
        }
        if s.images != t.images {
            diffs.push(format!("images {} → {}", list(&s.images), list(&t.images)));
        }
        if s.strong != t.strong {
            diffs.push(format!("strong spans {} → {}", s.strong, t.strong));
        }
        if s.emphasis != t.emphasis {
            diffs.push(format!("emphasis spans {} → {}", s.emphasis, t.emphasis));
        }
        if s.code != t.code {
            diffs.push(format!("code spans {} → {}", list(&s.code), list(&t.code)));
        }
        if s.tags != t.tags {
            diffs.push(format!("HTML tags {} → {}", list(&s.tags), list(&t.tags)));
        }
        if !diffs.is_empty() {
            out.push(ctx.finding(
                RULE.id,
                pair.file,
                pair.target.offset,
                Some(&pair.target.id),
                format!("`{}` differs from its source in markup: {}", pair.target.id, diffs.join("; ")),
            ));
        }
    }
}
