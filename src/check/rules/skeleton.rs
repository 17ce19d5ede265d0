//! Rules about skeletons and the model: `unknown-message`, `unused-message`,
//! `model-reference`.

use crate::check::{Context, Finding, Rule, Severity};
use crate::load::skeleton::{ArgValue, Skeleton};

/// `unknown-message`.
pub const UNKNOWN: Rule = Rule {
    id: "unknown-message",
    severity: Severity::Error,
    grades: &[],
    summary: "a skeleton calls a message the source locale does not define",
    explanation: "What it finds: a call `{{ id }}` in content/articles/SLUG.md (or its `title`/`description`) \
whose message is not in the source locale's resources for that article (SLUG.ftl plus shared resources).\n\
Why it matters: the page cannot be built in any locale.\n\
Example: `{{ overveiw--title }}` where locales/en/SLUG.ftl defines `overview--title`.",
    check: crate::check::Check::Part(check_unknown),
};

/// `unused-message`.
pub const UNUSED: Rule = Rule {
    id: "unused-message",
    severity: Severity::Info,
    grades: &[],
    summary: "a message of an article's source resource that no skeleton calls",
    explanation: "What it finds: a message in locales/<source>/SLUG.ftl that the skeleton of SLUG does not \
call and no other message of the bundle references.\n\
Why it matters: translators are paid to translate text nobody reads.\n\
Example: a table cell message left over after the table became model-driven.",
    check: crate::check::Check::Part(check_unused),
};

/// `model-reference`.
pub const MODEL: Rule = Rule {
    id: "model-reference",
    severity: Severity::Error,
    grades: &[],
    summary: "a skeleton reads a model path that does not exist or is not a number or string",
    explanation: "What it finds: a call argument `name=benefits.tiers.gold.incidents` whose model path is not \
in content/model/*.toml, or leads to a table or array instead of a number or string.\n\
Why it matters: the page cannot be built; a typo in a path would otherwise hide a fact.\n\
Example: `count=benefits.tiers.platinum.product-support-incidents` with no `platinum` tier.",
    check: crate::check::Check::Part(check_model),
};

/// Message ids a skeleton uses: its calls and its front matter.
pub fn used_ids(skeleton: &Skeleton) -> Vec<(String, usize)> {
    let mut ids: Vec<(String, usize)> = skeleton.calls().map(|c| (c.id.clone(), c.offset)).collect();
    let front = std::iter::once(&skeleton.front.title).chain(skeleton.front.description.as_ref());
    ids.extend(front.map(|id| (id.clone(), skeleton.source.text.find(id.as_str()).unwrap_or(0))));
    ids
}

fn skeleton_finding(
    rule: &'static str,
    skeleton: &Skeleton,
    offset: usize,
    locale: &str,
    id: Option<&str>,
    message: String,
) -> Finding {
    let mut finding = Finding::at(rule, &skeleton.source, offset, locale, id, message);
    // A call is underlined whole; a front matter id is underlined itself.
    match skeleton.calls().find(|c| c.offset == offset) {
        Some(call) => finding.span = call.span(),
        None => {
            if let Some(id) = id.filter(|id| skeleton.source.text[offset..].starts_with(*id)) {
                finding.span = offset..offset + id.len();
            }
        }
    }
    finding
}

/// The source locale's resources an article's bundle holds: the shared ones and its own
/// (looked up in the project's index, not by scanning: sites have thousands of articles).
/// They come from the project, not the context: a part of the site reads the shared
/// resources without checking them.
fn defined<'a>(ctx: &Context<'a>, skeleton: &Skeleton) -> impl Iterator<Item = &'a crate::load::ResourceFile> + 'a {
    let project: &'a crate::load::Project = ctx.project;
    let locale = ctx.source_locale();
    let files = project.resources.get(locale).map(Vec::as_slice).unwrap_or_default();
    let indices: Vec<usize> = project
        .owners(locale)
        .map(|o| o.shared.iter().chain(o.articles.get(&skeleton.slug).into_iter().flatten()).copied().collect())
        .unwrap_or_default();
    indices.into_iter().filter_map(move |i| files.get(i))
}

fn check_unknown(ctx: &Context, out: &mut Vec<Finding>) {
    for skeleton in ctx.articles() {
        let defined: Vec<&crate::load::fluent::Entries> = defined(ctx, skeleton).map(|f| f.entries()).collect();
        for (id, offset) in used_ids(skeleton) {
            if !defined.iter().any(|entries| entries.get(&id).is_some()) {
                let message = format!(
                    "`{id}` is not defined in locales/{}/{}.ftl or a shared resource",
                    ctx.source_locale(),
                    skeleton.slug
                );
                out.push(skeleton_finding(UNKNOWN.id, skeleton, offset, ctx.source_locale(), Some(&id), message));
            }
        }
    }
}

fn check_unused(ctx: &Context, out: &mut Vec<Finding>) {
    for skeleton in ctx.articles() {
        let calls = used_ids(skeleton);
        let mut used: rustc_hash::FxHashSet<&str> = calls.iter().map(|(id, _)| id.as_str()).collect();
        for file in defined(ctx, skeleton) {
            for m in &file.entries().messages {
                used.extend(m.references.iter().map(|r| r.split('.').next().unwrap_or(r)));
            }
        }
        let own = format!("{}.ftl", skeleton.slug);
        for parsed in ctx.source_resources().filter(|p| p.file.name == own) {
            for m in parsed.entries.messages.iter().filter(|m| !m.id.starts_with('-') && !used.contains(m.id.as_str()))
            {
                out.push(ctx.finding(
                    UNUSED.id,
                    parsed.file,
                    m.offset,
                    Some(&m.id),
                    format!("`{}` is not called by content/articles/{}.md", m.id, skeleton.slug),
                ));
            }
        }
    }
}

fn check_model(ctx: &Context, out: &mut Vec<Finding>) {
    for skeleton in ctx.articles() {
        for call in skeleton.calls() {
            for (name, value) in &call.args {
                if let ArgValue::Model(path) = value {
                    if let Err(why) = ctx.project.model.get(path) {
                        out.push(skeleton_finding(
                            MODEL.id,
                            skeleton,
                            call.offset,
                            ctx.source_locale(),
                            Some(&call.id),
                            format!("argument `{name}` of `{}`: {why}", call.id),
                        ));
                    }
                }
            }
        }
    }
}
