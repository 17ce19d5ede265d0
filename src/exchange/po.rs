//! Gettext PO (GNU gettext manual, "The Format of PO Files"), written and read by rspolib.
//!
//! One entry per unit: `msgctxt` is `RESOURCE#UNIT-ID` (`technical-support-benefits.ftl#intro-text-1`),
//! `msgid` today's English and `msgstr` the translation, both as Fluent pattern text
//! (placeables and Markdown verbatim; an entry that has any carries the flag `fluent-format`
//! and a `#.` comment listing them). A missing unit has an empty `msgstr`; a stale one is
//! `#, fuzzy` with the English it was translated from as `#| msgid` (what `msgmerge
//! --previous` writes); a flagged one is `#, fuzzy`. `#:` names the source file and line; `#.`
//! carries the message comment, the grade and word diff, and the findings.

use super::segments::{native, Piece};
use super::units::{State, Unit};
use super::{Header, Incoming, Read};
use crate::error::{Error, Location, Result};
use crate::source::SourceText;

/// The PO file of `units`.
pub fn write(header: &Header, units: &[Unit]) -> String {
    let mut file = rspolib::POFile::new(rspolib::FileOptions::default());
    file.header = Some(format!(
        "{} ({}): {} translation, exported by tolk.\nmsgctxt is RESOURCE#MESSAGE; keep {{ }} placeables and Markdown link targets as they are.",
        header.title, header.source_locale, header.locale
    ));
    for (key, value) in [
        ("Project-Id-Version", header.title.clone()),
        ("Report-Msgid-Bugs-To", String::new()),
        ("PO-Revision-Date", "YEAR-MO-DA HO:MI+ZONE".to_string()),
        ("Last-Translator", String::new()),
        ("Language-Team", header.locale.clone()),
        ("Language", header.locale.clone()),
        ("MIME-Version", "1.0".to_string()),
        ("Content-Type", "text/plain; charset=UTF-8".to_string()),
        ("Content-Transfer-Encoding", "8bit".to_string()),
        ("X-Generator", format!("tolk {}", env!("CARGO_PKG_VERSION"))),
        ("X-Source-Language", header.source_locale.clone()),
    ] {
        file.metadata.insert(key.to_string(), value);
    }
    // Entries are written unwrapped (as `msgcat --no-wrap`): rspolib 0.1 drops the `#.`
    // prefix of comment lines it wraps.
    let mut out = file.to_string();
    for unit in units {
        let mut entry = rspolib::POEntry::new(0);
        entry.msgctxt = Some(format!("{}#{}", unit.resource, unit.key.id()));
        entry.msgid = native(&unit.source);
        entry.msgstr = Some(unit.target.as_deref().map(native).unwrap_or_default());
        entry.occurrences = vec![(unit.location.0.clone(), unit.location.1.to_string())];
        if matches!(unit.state, State::Stale | State::Flagged) {
            entry.flags.push("fuzzy".to_string());
        }
        let codes = codes(&unit.source);
        if !codes.is_empty() {
            entry.flags.push("fluent-format".to_string());
        }
        entry.previous_msgid = unit.previous.as_deref().map(native);
        entry.comment = Some(super::notes(unit, &codes).join("\n")).filter(|c| !c.is_empty());
        out.push('\n');
        out.push_str(&entry.to_string_with_wrapwidth(usize::MAX / 2));
    }
    out.push('\n');
    out
}

fn codes(pieces: &[Piece]) -> Vec<String> {
    pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Code(c) => Some(c.native.clone()),
            Piece::Text(_) => None,
        })
        .collect()
}

/// The units of a PO file: each entry with a `msgctxt` of tolk's form, a non-empty `msgstr`
/// and no `fuzzy` flag; the others are counted in `skipped` with their reason. The target
/// locale is the header's `Language`.
///
/// Errors: [`Error::Input`] when the file is not PO (with the line rspolib names) or has no
/// `Language`.
pub fn read(source: &SourceText) -> Result<Read> {
    let po = rspolib::pofile(source.text.as_ref()).map_err(|e| {
        let line = e.to_string().split("line ").nth(1).and_then(|l| l.trim().parse::<usize>().ok()).unwrap_or(1);
        Error::at(Location { file: source.path.to_path_buf(), line, column: 1 }, format!("not a PO file: {e}"))
    })?;
    let Some(locale) = po.metadata.get("Language").map(|l| l.trim().replace('_', "-")).filter(|l| !l.is_empty()) else {
        return Err(Error::input(source, 0, "the PO header has no `Language:` (the locale to import into)"));
    };
    let mut units = Vec::new();
    let mut skipped = Vec::new();
    for entry in &po.entries {
        let at = Location { file: source.path.to_path_buf(), line: entry.linenum.max(1), column: 1 };
        if entry.obsolete || entry.msgid.is_empty() {
            continue;
        }
        let Some((resource, id)) = entry.msgctxt.as_deref().and_then(|c| c.split_once('#')) else {
            skipped.push((at, "no msgctxt of the form RESOURCE#MESSAGE: not exported by tolk".to_string()));
            continue;
        };
        let msgstr = entry.msgstr.as_deref().unwrap_or("");
        if msgstr.trim().is_empty() {
            skipped.push((at, format!("`{id}` has no translation")));
            continue;
        }
        if entry.fuzzy() {
            skipped.push((at, format!("`{id}` is still marked fuzzy")));
            continue;
        }
        units.push(Incoming {
            resource: resource.to_string(),
            id: id.to_string(),
            source: entry.msgid.clone(),
            target: msgstr.to_string(),
            location: at,
        });
    }
    Ok(Read { locale, units, skipped })
}
