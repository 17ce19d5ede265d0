//! Findings: drift instances, the values that rules produce and reports print.

use serde::Serialize;

use crate::error::Location;

/// How much a finding matters. `Error` makes `tolk check` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Breaks the page or misleads the reader.
    Error,
    /// Drift a team should fix.
    Warning,
    /// Worth knowing; never fails a check.
    Info,
}

impl Severity {
    /// Parses `error`, `warning` or `info`.
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }

    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One reported drift instance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The stable id of the rule that found it (e.g. `stale-translation`).
    pub rule: &'static str,
    /// Severity after configuration.
    pub severity: Severity,
    /// The locale concerned.
    pub locale: String,
    /// The message or term id (terms with their leading `-`), when the finding is about one.
    pub message_id: Option<String>,
    /// Where: file relative to the site root, 1-based line and character column.
    #[serde(flatten)]
    pub location: Location,
    /// One sentence saying what is wrong.
    pub message: String,
    /// For graded rules (`stale-translation`): the grade (`cosmetic`, `wording`, `content`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grade: Option<&'static str>,
    /// For `stale-translation`: the English the translation was made from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_source: Option<String>,
    /// For `stale-translation`: today's English.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_source: Option<String>,
    /// For `stale-translation`: word diff of `old_source` → `new_source` in git's
    /// `--word-diff=plain` notation (`[-removed-]{+added+}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<String>,
    /// The source line at `location`, for snippets (not serialized).
    #[serde(skip)]
    pub line_text: Option<String>,
}

impl Finding {
    /// A finding of `rule` about byte `offset` of `source`, for `locale`; severity is filled
    /// in by the checker from the policy, extras (grade, sources, diff) by the rule.
    pub fn at(
        rule: &'static str,
        source: &crate::source::SourceText,
        offset: usize,
        locale: &str,
        message_id: Option<&str>,
        message: String,
    ) -> Finding {
        let location = Location::at(source, offset);
        Finding {
            rule,
            severity: Severity::Info,
            locale: locale.to_string(),
            message_id: message_id.map(str::to_string),
            line_text: Some(source.line_text(location.line).to_string()),
            location,
            message,
            grade: None,
            old_source: None,
            new_source: None,
            diff: None,
        }
    }

    /// The sort key that makes reports deterministic: file, line, column, rule, message id.
    pub fn sort_key(&self) -> (&Location, &str, Option<&str>, &str) {
        (&self.location, self.rule, self.message_id.as_deref(), &self.locale)
    }
}
