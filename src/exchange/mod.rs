//! The translator's half of the loop: exchange files for CAT tools and platforms.
//!
//! `tolk export` writes the units of a target locale ([`units`]) that need work as XLIFF
//! 1.2, XLIFF 2.0 ([`xliff`]) or gettext PO ([`po`]), each with today's English, the current
//! translation, a state, the English the translation was made from, and notes. `tolk import
//! xliff|po` reads such a file back ([`read`]), validates every unit and writes translations
//! and source snapshots ([`apply`]): the snapshot is the English the file carried, so a
//! message whose English changed after export stays stale.

pub mod apply;
pub mod edit;
pub mod po;
pub mod segments;
pub mod units;
pub mod xliff;
pub mod xml;

use crate::error::{Error, Location, Result};
use crate::source::SourceText;
use units::{State, Unit};

/// Exchange formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// XLIFF 1.2.
    Xliff12,
    /// XLIFF 2.0 with the Change Tracking module.
    Xliff20,
    /// Gettext PO.
    Po,
}

/// What an exchange file says about itself.
#[derive(Debug, Clone)]
pub struct Header {
    /// The site title.
    pub title: String,
    /// The source locale.
    pub source_locale: String,
    /// The target locale.
    pub locale: String,
}

impl Header {
    /// The file-level note: what the file is and how to return it.
    pub fn note(&self) -> String {
        format!(
            "{}: {} translation exported by tolk {} from the {} source. Keep the codes (Fluent placeables, Markdown link targets) as they are; return the file with `tolk import`.",
            self.title,
            self.locale,
            env!("CARGO_PKG_VERSION"),
            self.source_locale
        )
    }
}

/// One translated unit read from an exchange file.
#[derive(Debug, Clone)]
pub struct Incoming {
    /// The resource name (`technical-support-benefits.ftl`).
    pub resource: String,
    /// The unit id ([`units::UnitKey::id`]).
    pub id: String,
    /// The English the file carried, as Fluent pattern text.
    pub source: String,
    /// The translation, as Fluent pattern text.
    pub target: String,
    /// Where the unit is in the exchange file.
    pub location: Location,
}

/// What an exchange file holds for `tolk import`.
#[derive(Debug, Clone, Default)]
pub struct Read {
    /// The target locale the file names.
    pub locale: String,
    /// The units with a finished translation.
    pub units: Vec<Incoming>,
    /// The units left out (not finished, no translation, not tolk's), with the reason.
    pub skipped: Vec<(Location, String)>,
}

/// What `tolk export` puts in the file.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// The format.
    pub format: Format,
    /// The states exported (default: missing, stale, flagged).
    pub only: Vec<State>,
    /// The target state of stale and flagged units (XLIFF only); `None` for the format's
    /// default (`needs-review-translation` in 1.2, `initial` in 2.0).
    pub stale_state: Option<String>,
    /// Only this article's resource.
    pub article: Option<String>,
}

/// The exchange file of `units` (already filtered) in `options.format`.
///
/// Errors: [`Error::Usage`] for a `stale_state` the format does not define.
pub fn write(header: &Header, units: &[Unit], options: &ExportOptions) -> Result<String> {
    let check_state = |allowed: &[&str], default: &'static str| -> Result<String> {
        match &options.stale_state {
            None => Ok(default.to_string()),
            Some(s) if allowed.contains(&s.as_str()) => Ok(s.clone()),
            Some(s) => {
                Err(Error::Usage(format!("--stale-state {s}: not a state of this format ({})", allowed.join(", "))))
            }
        }
    };
    Ok(match options.format {
        Format::Xliff12 => xliff::write_12(header, units, &check_state(xliff::STATES_12, "needs-review-translation")?),
        Format::Xliff20 => xliff::write_20(header, units, &check_state(xliff::STATES_20, "initial")?),
        Format::Po => {
            if options.stale_state.is_some() {
                return Err(Error::Usage(
                    "--stale-state: PO marks stale entries `#, fuzzy`; the option is for XLIFF".into(),
                ));
            }
            po::write(header, units)
        }
    })
}

/// Reads an exchange file: XLIFF (a document starting with `<`) or PO. Returns the target
/// locale, the units to import, and the units left out with their reason.
///
/// Errors: see [`xliff::read`] and [`po::read`].
pub fn read(source: &SourceText) -> Result<Read> {
    if source.text.trim_start_matches('\u{feff}').trim_start().starts_with('<') {
        xliff::read(source)
    } else {
        po::read(source)
    }
}

/// The notes of a unit, in order: the message comment, the state with the grade and word
/// diff of a stale one, the findings, the codes to keep (when given), the source location.
pub fn notes(unit: &Unit, codes: &[String]) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(comment) = &unit.comment {
        notes.push(comment.clone());
    }
    match (unit.state, unit.grade, &unit.diff) {
        (State::Stale, Some(grade), Some(diff)) => {
            notes.push(format!("Stale ({grade} change): the English changed since this was translated: {diff}"))
        }
        (State::Missing, ..) => notes.push("Missing: not translated yet.".to_string()),
        _ => {}
    }
    notes.extend(unit.findings.iter().cloned());
    if !codes.is_empty() {
        notes.push(format!("Keep verbatim: {}", codes.join(" ")));
    }
    notes.push(format!("{}:{}", unit.location.0, unit.location.1));
    notes
}
