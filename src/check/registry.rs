//! The static rule registry: every rule's stable id, default severity, documentation and
//! check function. `tolk rules` and `tolk explain ID` print from here.

use super::finding::{Finding, Severity};
use super::{rules, Context};

/// A drift rule.
pub struct Rule {
    /// Stable kebab-case id, used in reports and `tolk.toml`.
    pub id: &'static str,
    /// Severity unless `tolk.toml` overrides it.
    pub severity: Severity,
    /// For graded rules: each grade and its default severity (else empty).
    pub grades: &'static [(&'static str, Severity)],
    /// One line: what it finds.
    pub summary: &'static str,
    /// "What it finds / Why it matters / Example", as Markdown-ish plain text.
    pub explanation: &'static str,
    /// How it finds drift.
    pub check: Check,
}

/// How a rule finds drift.
pub enum Check {
    /// Pushes the findings of the part of the site a [`Context`] holds (severity is set by
    /// the caller). A whole-site check runs it on each part ([`crate::check::site`]).
    Part(fn(&Context, &mut Vec<Finding>)),
    /// Needs the whole site: `omission` and `addition` align messages with a length ratio
    /// learned from every translation of the locale. Each part gives its samples and
    /// candidates ([`rules::omission::collect`]); the checker decides at the end
    /// ([`rules::omission::decide`]).
    Calibrated,
}

/// Every rule, in the order they run and are listed.
pub static RULES: &[Rule] = &[
    rules::syntax_error::RULE,
    rules::duplicate_message::RULE,
    rules::missing_resource::RULE,
    rules::missing_message::RULE,
    rules::obsolete_message::RULE,
    rules::attributes::MISSING,
    rules::attributes::OBSOLETE,
    rules::empty_value::RULE,
    rules::stale_translation::RULE,
    rules::missing_source_snapshot::RULE,
    rules::placeable_mismatch::RULE,
    rules::plural_categories::RULE,
    rules::markup_mismatch::RULE,
    rules::empty_link_text::RULE,
    rules::number_mismatch::RULE,
    rules::untranslated::RULE,
    rules::partial_untranslated::RULE,
    rules::omission::OMISSION,
    rules::omission::ADDITION,
    rules::glossary_term::RULE,
    rules::skeleton::UNKNOWN,
    rules::skeleton::UNUSED,
    rules::skeleton::MODEL,
    rules::broken_link::RULE,
    rules::render_error::RULE,
];

/// The rule with `id`.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_documented() {
        for (i, r) in RULES.iter().enumerate() {
            assert!(r.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{}", r.id);
            assert!(RULES[..i].iter().all(|o| o.id != r.id), "duplicate {}", r.id);
            for part in ["What it finds", "Why it matters", "Example"] {
                assert!(r.explanation.contains(part), "{} lacks {part}", r.id);
            }
        }
    }
}
