//! `broken-link`: links to articles or heading anchors the site does not have.

use crate::check::{Context, Finding, Rule, Severity};
use crate::load::Skeleton;

/// The rule.
pub const RULE: Rule = Rule {
    id: "broken-link",
    severity: Severity::Warning,
    grades: &[],
    summary: "a link to an article or heading anchor that the site does not have",
    explanation: "What it finds: in any checked locale, a relative link `NAME.md` whose NAME is neither an \
article slug nor an alias, or a link `#anchor` / `NAME.md#anchor` to a heading id (`{#anchor}`) \
that the target article's skeleton does not have.\n\
Why it matters: readers land on a missing page or at the top of the wrong one.\n\
Example: `[Activate](partner-membership-center-tech-benefits-activate.md)` when the site has no such article.",
    check: crate::check::Check::Part(check),
};

/// The heading ids (`{#id}`) of a skeleton.
pub fn anchors(skeleton: &Skeleton) -> Vec<String> {
    skeleton
        .source
        .text
        .match_indices("{#")
        .filter_map(|(i, _)| {
            let rest = &skeleton.source.text[i + 2..];
            let end = rest.find('}')?;
            Some(rest[..end].to_string())
        })
        .collect()
}

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    // Slugs and aliases through the project's index (built once for every part of a check:
    // sites have thousands of articles).
    let find = |name: &str| ctx.project.article(name).or_else(|| ctx.project.article_by_alias(name));
    let checked = |locale: &str| locale == ctx.source_locale() || ctx.targets.iter().any(|t| t == locale);
    for parsed in ctx.resources.values().filter(|p| checked(&p.file.locale)) {
        let own = parsed.file.name.strip_suffix(".ftl").and_then(|stem| ctx.project.article(stem));
        for m in &parsed.entries.messages {
            let markup = ctx.markup(m);
            for link in &markup.links {
                if link.contains("://") || link.starts_with('/') || link.starts_with("mailto:") {
                    continue;
                }
                let (path, anchor) = link.split_once('#').map(|(p, a)| (p, Some(a))).unwrap_or((link, None));
                let target = if path.is_empty() {
                    own
                } else if let Some(stem) = path.strip_prefix("./").unwrap_or(path).strip_suffix(".md") {
                    match find(stem) {
                        Some(a) => Some(a),
                        None => {
                            out.push(ctx.finding(
                                RULE.id,
                                parsed.file,
                                m.offset,
                                Some(&m.id),
                                format!("`{}` links to {link}, but the site has no article `{stem}`", m.id),
                            ));
                            continue;
                        }
                    }
                } else {
                    continue;
                };
                if let (Some(anchor), Some(article)) = (anchor, target) {
                    if !anchors(article).iter().any(|a| a == anchor) {
                        out.push(ctx.finding(
                            RULE.id,
                            parsed.file,
                            m.offset,
                            Some(&m.id),
                            format!(
                                "`{}` links to #{anchor}, which article `{}` has no heading for",
                                m.id, article.slug
                            ),
                        ));
                    }
                }
            }
        }
    }
}
