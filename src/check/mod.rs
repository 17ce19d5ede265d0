//! The checker: load → rules → findings. Reports live in [`crate::report`].
//!
//! Each rule is one unit in `check/rules/` with a stable id, a default severity and its
//! documentation, listed in [`registry::RULES`]. Rules read a [`Context`] (the project with
//! every resource and source snapshot parsed) and push [`Finding`]s. The checker never
//! renders HTML.

pub mod diff;
pub mod finding;
pub mod registry;
pub mod rules;

use std::collections::BTreeMap;

pub use finding::{Finding, Severity};
pub use registry::{Rule, RULES};

use crate::error::{Error, Location, Result};
use crate::load::fluent::Entries;
use crate::load::{Project, ResourceFile};

/// What rules read: the project with every resource and snapshot parsed once.
pub struct Context<'a> {
    /// The loaded site.
    pub project: &'a Project,
    /// The target locales to check (all targets unless narrowed with `--locale`).
    pub targets: Vec<String>,
    /// Parsed resources by (locale, resource name).
    pub resources: BTreeMap<(String, String), Parsed<'a>>,
    /// Parsed source snapshots by (locale, resource name).
    pub snapshots: BTreeMap<(String, String), Parsed<'a>>,
}

/// A resource file and its parsed entries.
pub struct Parsed<'a> {
    /// The file.
    pub file: &'a ResourceFile,
    /// Its messages, terms and syntax errors.
    pub entries: Entries,
}

impl<'a> Context<'a> {
    /// Parses every resource and snapshot of `project`. `only` narrows the target locales.
    ///
    /// Errors: [`Error::Usage`] when `only` names a locale that is not a configured target.
    pub fn new(project: &'a Project, only: &[String]) -> Result<Context<'a>> {
        let config = &project.config;
        for l in only {
            if !config.targets().contains(l) {
                return Err(Error::Usage(format!(
                    "--locale {l}: not a target locale of this site (targets: {})",
                    config.targets().join(", ")
                )));
            }
        }
        let targets = config
            .targets()
            .iter()
            .filter(|l| only.is_empty() || only.contains(l))
            .cloned()
            .collect();
        let parse = |files: &'a BTreeMap<String, Vec<ResourceFile>>| {
            files
                .values()
                .flatten()
                .map(|file| {
                    (
                        (file.locale.clone(), file.name.clone()),
                        Parsed {
                            file,
                            entries: Entries::parse(&file.source),
                        },
                    )
                })
                .collect()
        };
        Ok(Context {
            project,
            targets,
            resources: parse(&project.resources),
            snapshots: parse(&project.snapshots),
        })
    }

    /// The source locale.
    pub fn source_locale(&self) -> &str {
        &self.project.config.source_locale
    }

    /// The source locale's resources, by name.
    pub fn source_resources(&self) -> impl Iterator<Item = &Parsed<'a>> {
        let source = self.source_locale().to_string();
        self.resources
            .iter()
            .filter(move |((l, _), _)| *l == source)
            .map(|(_, p)| p)
    }

    /// The resource `name` of `locale`, if present.
    pub fn resource(&self, locale: &str, name: &str) -> Option<&Parsed<'a>> {
        self.resources.get(&(locale.to_string(), name.to_string()))
    }

    /// The source snapshot of resource `name` of `locale`, if present.
    pub fn snapshot(&self, locale: &str, name: &str) -> Option<&Parsed<'a>> {
        self.snapshots.get(&(locale.to_string(), name.to_string()))
    }

    /// A finding of `rule` about byte `offset` of `file` (severity filled in by [`run`]).
    pub fn finding(
        &self,
        rule: &'static str,
        file: &ResourceFile,
        offset: usize,
        message_id: Option<&str>,
        message: String,
    ) -> Finding {
        let location = Location::at(&file.source, offset);
        Finding {
            rule,
            severity: Severity::Info,
            locale: file.locale.clone(),
            message_id: message_id.map(str::to_string),
            line_text: Some(file.source.line_text(location.line).to_string()),
            location,
            message,
            old_source: None,
            new_source: None,
            diff: None,
        }
    }
}

/// Runs every enabled rule and returns the findings in deterministic order, with severities
/// from `tolk.toml` (`[check.severity]`, where `off` disables a rule).
///
/// Errors: [`Error::Input`] at the key for a severity override naming an unknown rule or
/// severity.
pub fn run(ctx: &Context) -> Result<Vec<Finding>> {
    let config = &ctx.project.config;
    let mut severities = BTreeMap::new();
    for (id, value) in &config.severity {
        let offset = config.source.text.find(id.as_str()).unwrap_or(0);
        if registry::rule(id).is_none() {
            let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
            return Err(Error::input(
                &config.source,
                offset,
                format!(
                    "[check.severity]: unknown rule `{id}` (rules: {})",
                    ids.join(", ")
                ),
            ));
        }
        let severity = match value.as_str() {
            "off" => None,
            s => Some(Severity::parse(s).ok_or_else(|| {
                Error::input(
                    &config.source,
                    offset,
                    format!("[check.severity] {id}: `{s}` is not error, warning, info or off"),
                )
            })?),
        };
        severities.insert(id.as_str(), severity);
    }
    let mut findings = Vec::new();
    for rule in RULES {
        let Some(severity) = severities
            .get(rule.id)
            .copied()
            .unwrap_or(Some(rule.severity))
        else {
            continue;
        };
        let start = findings.len();
        (rule.check)(ctx, &mut findings);
        for f in &mut findings[start..] {
            f.severity = severity;
        }
    }
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok(findings)
}
