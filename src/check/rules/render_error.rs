//! `render-error`: what `tolk build` would refuse, drop or truncate, found by localizing every
//! page exactly as the build does.

use std::collections::BTreeSet;

use crate::check::{Context, Finding, Rule, Severity};
use crate::error::Diagnostic;
use crate::load::fluent::ProblemKind;
use crate::load::skeleton::{ArgValue, Skeleton};
use crate::localize::{find_message, localize_page, Localized, Mode};
use crate::render::{msdocs, published};

/// The rule.
pub const RULE: Rule = Rule {
    id: "render-error",
    severity: Severity::Error,
    grades: &[],
    summary: "a page the build cannot render as written: a message that fails to format, or content it would drop",
    explanation: "What it finds: every problem `tolk build` stops at, found by localizing each article in each \
locale with the arguments its skeleton passes (model values included), through the same bundles, \
fallback chain and CLDR number and plural formatting as the build, then running the build's \
Microsoft Docs extensions on the page: a Fluent resolver error (unknown variable, cyclic reference), \
a `NUMBER()` option out of range or a number that cannot be shown, a string model value where the \
message needs a number (a plural would pick the wrong form), an id two resources of one bundle \
define, an unclosed `<!--`, `<style>` or `<script>` that would hide the rest of the page, and an \
`:::image` that is not closed.\n\
Why it matters: CI trusts `tolk check`; when it reports no error, `tolk build` succeeds and shows every \
sentence.\n\
Example: `incidents = { NUMBER($count, maximumFractionDigits: 70000) } incidenten` in \
locales/nl/technical-support-benefits.ftl: ECMA-402 allows 0 to 100 fraction digits.",
    check: crate::check::Check::Part(check),
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    use rayon::prelude::*;
    let project = ctx.project;
    let source = ctx.source_locale();
    let checked = |locale: &str| locale == source || ctx.targets.iter().any(|t| t == locale);
    // Values no formatter can honour, in every checked resource (called or not).
    for parsed in ctx.resources.values().filter(|p| checked(&p.file.locale)) {
        for problem in parsed.file.resource.problems.iter().filter(|p| p.kind == ProblemKind::Value) {
            out.push(from_diagnostic(
                &parsed.file.locale,
                Diagnostic::new(&parsed.file.source, problem.span.clone(), problem.message.clone()),
            ));
        }
    }
    let locales: Vec<&String> = project.config.locales.iter().filter(|l| checked(l)).collect();
    let found: Vec<Vec<(String, Diagnostic)>> = ctx
        .articles()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|article| {
            let mut found = Vec::new();
            let Ok((bundles, duplicates)) = Localized::for_article_with_duplicates(project, Some(&article.slug)) else {
                return found; // a locale that is not a tag: a configuration error the build reports
            };
            for d in duplicates {
                // An id defined twice in one resource is `duplicate-message`'s finding.
                let twice_in_file = project.resources.values().flatten().any(|f| {
                    f.source.path == d.source.path && {
                        let id = f.entries().messages.iter().find(|m| m.span() == d.span).map(|m| m.id.as_str());
                        id.is_some_and(|id| f.entries().messages.iter().filter(|m| m.id == id).count() > 1)
                    }
                });
                if !twice_in_file {
                    found.push((locale_of(project, &d), d));
                }
            }
            for locale in &locales {
                match localize_page(project, &bundles, locale, article, Mode::Build) {
                    Err(problems) => found.extend(
                        problems.into_iter().filter(|d| !covered(ctx, article, d)).map(|d| (locale_of(project, &d), d)),
                    ),
                    Ok(page) if published(&project.config, &page) => {
                        for (offset, why) in msdocs::expand(&page.markdown).problems {
                            let d = page.locate(project, article, offset, &why);
                            found.push((locale_of(project, &d), d));
                        }
                    }
                    Ok(_) => {}
                }
            }
            found
        })
        .collect();
    // A shared resource's problem shows in every article that holds it: report it once.
    let mut seen = BTreeSet::new();
    for (locale, d) in found.into_iter().flatten() {
        if checked(&locale) && seen.insert((d.source.path.clone(), d.span.start, d.message.clone())) {
            out.push(from_diagnostic(&locale, d));
        }
    }
}

/// Whether `unknown-message` or `model-reference` already reports `d` (at error severity by
/// default): a call or front matter id the source locale does not define, or a call whose
/// model path does not resolve.
fn covered(ctx: &Context, article: &Skeleton, d: &Diagnostic) -> bool {
    if d.source.path != article.source.path {
        return false;
    }
    let unknown = |id: &str| find_message(ctx.project, ctx.source_locale(), Some(&article.slug), id).is_none();
    match article.calls().find(|c| c.offset == d.span.start) {
        Some(call) => {
            unknown(&call.id)
                || call
                    .args
                    .iter()
                    .any(|(_, v)| matches!(v, ArgValue::Model(path) if ctx.project.model.get(path).is_err()))
        }
        None => {
            let front = std::iter::once(&article.front.title).chain(article.front.description.as_ref());
            front.into_iter().any(|id| article.source.text[d.span.start..].starts_with(id.as_str()) && unknown(id))
        }
    }
}

/// The locale a diagnostic is about: the locale directory of its file, else the source locale
/// (skeletons).
fn locale_of(project: &crate::load::Project, d: &Diagnostic) -> String {
    let mut parts = d.source.path.components().map(|c| c.as_os_str().to_string_lossy());
    match (parts.next().as_deref(), parts.next()) {
        (Some("locales"), Some(locale)) => locale.into_owned(),
        _ => project.config.source_locale.clone(),
    }
}

fn from_diagnostic(locale: &str, d: Diagnostic) -> Finding {
    let id = d.message.strip_prefix('`').and_then(|m| m.split_once("`:")).map(|(id, _)| id.to_string());
    let mut finding = Finding::at(RULE.id, &d.source, d.span.start, locale, id.as_deref(), d.message);
    finding.span = d.span;
    finding
}
