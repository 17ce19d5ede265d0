//! `tolk accept`: record translations as up to date.

use std::path::Path;

use crate::check::{Context, RULES};
use crate::error::{Error, Result};
use crate::load::Project;
use crate::snapshot;

/// Which messages `tolk accept` records.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Named message ids.
    pub ids: Vec<String>,
    /// Every translated message.
    pub all: bool,
    /// Stale translations of these grades (`cosmetic`, `wording`, `content`).
    pub grades: Vec<String>,
    /// Messages with a finding of this rule (`stale-translation`, `missing-source-snapshot`).
    pub rule: Option<String>,
    /// Only this article's messages (with `all`, `grades` or `rule`).
    pub article: Option<String>,
}

/// The rules whose findings a source snapshot clears.
const ACCEPTABLE_RULES: &[&str] = &["stale-translation", "missing-source-snapshot"];

/// Accepts the selected messages of `locale` and reports what was recorded on stderr.
/// Returns 0 (also when a class selects nothing, which is said).
///
/// Errors: [`Error::Usage`] for an unknown grade, a rule a snapshot does not clear, or an
/// unknown article; see [`snapshot::accept`].
pub fn run(site: &Path, locale: &str, selection: &Selection) -> Result<i32> {
    let project = Project::load(site)?;
    crate::check::Policy::new(&project.config)?;
    let by_class = !selection.grades.is_empty() || selection.rule.is_some();
    let ids: Option<Vec<String>> = if by_class || (selection.all && selection.article.is_some()) {
        Some(select(&project, locale, selection)?)
    } else if selection.all {
        None
    } else {
        Some(selection.ids.clone())
    };
    if ids.as_ref().is_some_and(Vec::is_empty) {
        eprintln!("{locale}: no message matches; nothing recorded");
        return Ok(0);
    }
    let accepted = snapshot::accept(&project, locale, ids.as_deref())?;
    for (file, count) in &accepted {
        eprintln!(
            "{}: recorded today's {} text for {count} message{}",
            file.display(),
            project.config.source_locale,
            if *count == 1 { "" } else { "s" }
        );
    }
    Ok(0)
}

/// The message ids a class selection names: translated messages of the article, or those
/// with a finding of the rule (stale-translation when only grades are given) of the grades.
fn select(project: &Project, locale: &str, selection: &Selection) -> Result<Vec<String>> {
    for grade in &selection.grades {
        if !["cosmetic", "wording", "content"].contains(&grade.as_str()) {
            return Err(Error::Usage(format!("--grade {grade}: the grades are cosmetic, wording and content")));
        }
    }
    let rule = match (&selection.rule, selection.grades.is_empty()) {
        (Some(rule), _) => Some(rule.as_str()),
        (None, false) => Some("stale-translation"),
        (None, true) => None,
    };
    if let Some(rule) = rule {
        if !ACCEPTABLE_RULES.contains(&rule) {
            let known = RULES.iter().any(|r| r.id == rule);
            return Err(Error::Usage(format!(
                "--rule {rule}: {}; a source snapshot clears {}",
                if known {
                    "recording a snapshot does not clear its findings"
                } else {
                    "no such rule (see `tolk rules`)"
                },
                ACCEPTABLE_RULES.join(" and ")
            )));
        }
        if rule != "stale-translation" && !selection.grades.is_empty() {
            return Err(Error::Usage("--grade: only stale-translation findings have grades".into()));
        }
    }
    let resource = match &selection.article {
        Some(slug) if !project.articles.iter().any(|a| &a.slug == slug) => {
            return Err(Error::Usage(format!("--article {slug}: no article content/articles/{slug}.md")));
        }
        Some(slug) => Some(format!("{slug}.ftl")),
        None => None,
    };
    let ctx = Context::new(project, &[locale.to_string()])?;
    let in_article = |file: &crate::load::ResourceFile| resource.as_ref().is_none_or(|r| file.name == *r);
    let mut ids: Vec<String> = match rule {
        None => ctx.pairs().iter().filter(|p| in_article(p.file)).map(|p| p.target.id.clone()).collect(),
        Some(rule) => {
            let findings = crate::check::run(&ctx)?;
            let article_file = resource.as_ref().map(|r| format!("/{r}"));
            findings
                .iter()
                .filter(|f| f.rule == rule && f.locale == locale)
                .filter(|f| {
                    selection.grades.is_empty() || f.grade().is_some_and(|g| selection.grades.iter().any(|x| x == g))
                })
                .filter(|f| {
                    article_file
                        .as_ref()
                        .is_none_or(|r| f.source.path.to_string_lossy().replace('\\', "/").ends_with(r.as_str()))
                })
                .filter_map(|f| f.message_id.clone())
                .collect()
        }
    };
    ids.sort();
    ids.dedup();
    Ok(ids)
}
