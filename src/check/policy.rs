//! The check policy from `tolk.toml`: severity per rule (per grade, per locale) and ignores,
//! validated against the rule registry.

use std::collections::BTreeMap;

use globset::{Glob, GlobMatcher};

use super::finding::{Finding, Severity};
use super::registry::{self, Rule, RULES};
use crate::error::{Error, Result};
use crate::load::config::{Config, Ignore};

/// Validated severities and ignores.
#[derive(Debug, Default)]
pub struct Policy {
    /// (locale or "" for all, rule id, grade or "" for all) → severity, `None` = off.
    severity: BTreeMap<(String, String, String), Option<Severity>>,
    ignores: Vec<(Ignore, Option<GlobMatcher>, Option<GlobMatcher>)>,
}

impl Policy {
    /// Reads the policy of `config`.
    ///
    /// Errors: [`Error::Input`] at the key in `tolk.toml` for an unknown rule id, grade or
    /// severity word, or a malformed glob.
    pub fn new(config: &Config) -> Result<Policy> {
        let mut policy = Policy::default();
        let source = &config.source;
        let at = |key: &str| source.text.find(key).unwrap_or(0);
        let check = &config.check;
        let tables = std::iter::once((String::new(), &check.severity))
            .chain(check.locale.iter().map(|(l, p)| (l.clone(), &p.severity)));
        for (locale, table) in tables {
            for (id, value) in table {
                let Some(rule) = registry::rule(id) else {
                    let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
                    return Err(Error::input(
                        source,
                        at(id),
                        format!("unknown rule `{id}` (rules: {})", ids.join(", ")),
                    ));
                };
                match value {
                    toml::Value::String(word) => {
                        policy.severity.insert(
                            (locale.clone(), id.clone(), String::new()),
                            parse(word).map_err(|m| Error::input(source, at(id), format!("{id}: {m}")))?,
                        );
                    }
                    toml::Value::Table(grades) if !rule.grades.is_empty() => {
                        for (grade, word) in grades {
                            if !rule.grades.iter().any(|(g, _)| g == grade) {
                                let known: Vec<&str> = rule.grades.iter().map(|(g, _)| *g).collect();
                                return Err(Error::input(
                                    source,
                                    at(grade),
                                    format!("{id}: unknown grade `{grade}` (grades: {})", known.join(", ")),
                                ));
                            }
                            let word = word.as_str().unwrap_or_default();
                            policy.severity.insert(
                                (locale.clone(), id.clone(), grade.clone()),
                                parse(word)
                                    .map_err(|m| Error::input(source, at(grade), format!("{id}.{grade}: {m}")))?,
                            );
                        }
                    }
                    _ => {
                        return Err(Error::input(
                            source,
                            at(id),
                            format!(
                                "{id}: expected a severity word{}",
                                if rule.grades.is_empty() { "" } else { " or a table of grade = severity" }
                            ),
                        ))
                    }
                }
            }
        }
        for ignore in &check.ignore {
            if let Some(id) = &ignore.rule {
                if registry::rule(id).is_none() {
                    return Err(Error::input(source, at(id), format!("[[check.ignore]]: unknown rule `{id}`")));
                }
            }
            let glob = |pattern: &Option<String>| -> Result<Option<GlobMatcher>> {
                pattern
                    .as_ref()
                    .map(|p| {
                        Glob::new(p)
                            .map(|g| g.compile_matcher())
                            .map_err(|e| Error::input(source, at(p), format!("[[check.ignore]]: {e}")))
                    })
                    .transpose()
            };
            policy.ignores.push((ignore.clone(), glob(&ignore.message)?, glob(&ignore.file)?));
        }
        Ok(policy)
    }

    /// The severity of a finding of `rule` with `grade` in `locale`; `None` when turned off.
    pub fn severity(&self, rule: &Rule, grade: Option<&str>, locale: &str) -> Option<Severity> {
        let grade = grade.unwrap_or_default();
        for (l, g) in [(locale, grade), (locale, ""), ("", grade), ("", "")] {
            if let Some(s) = self.severity.get(&(l.to_string(), rule.id.to_string(), g.to_string())) {
                return *s;
            }
        }
        Some(rule.grades.iter().find(|(g, _)| *g == grade).map(|(_, s)| *s).unwrap_or(rule.severity))
    }

    /// Whether an `[[check.ignore]]` entry drops `finding`.
    pub fn ignored(&self, finding: &Finding) -> bool {
        self.ignores.iter().any(|(ignore, message, file)| {
            ignore.rule.as_deref().is_none_or(|r| r == finding.rule)
                && ignore.locale.as_deref().is_none_or(|l| l == finding.locale)
                && message.as_ref().is_none_or(|m| finding.message_id.as_deref().is_some_and(|id| m.is_match(id)))
                && file.as_ref().is_none_or(|f| f.is_match(finding.file()))
        })
    }
}

fn parse(word: &str) -> std::result::Result<Option<Severity>, String> {
    match word {
        "off" => Ok(None),
        w => Severity::parse(w).map(Some).ok_or_else(|| format!("`{w}` is not error, warning, info or off")),
    }
}
