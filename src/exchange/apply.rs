//! Importing translated units: validate all, then write translations and source snapshots.
//!
//! For each message with units in the file, the translation of each part (value, attribute,
//! plural variant) is replaced and the message's source snapshot records the English the
//! file carried for it (today's English where the file carried none), so a unit exported
//! before an English edit stays stale. Other messages, comments and blank lines are kept
//! byte for byte ([`super::edit`]). Nothing is written unless every unit is valid Fluent and
//! the checker finds nothing new about the imported messages under the rules of
//! [`VALIDATING_RULES`] (placeables, plural categories, markup, links, rendering).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use super::edit::{apply as apply_edits, canonical_value, entry_span, entry_text, problem, Edit};
use super::segments::{native, split};
use super::units::{find, plural_select, variant_key, Parts, UnitKey};
use super::Incoming;
use crate::error::{Error, Location, Result};
use crate::load::fluent::pattern_text;
use crate::load::{Project, ResourceFile, SNAPSHOT_DIR};
use crate::source::SourceText;

/// The rules whose new findings about an imported message refuse the import.
pub const VALIDATING_RULES: &[&str] = &[
    "syntax-error",
    "empty-value",
    "placeable-mismatch",
    "plural-categories",
    "markup-mismatch",
    "empty-link-text",
    "broken-link",
    "render-error",
];

/// What importing a file does.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Files to write: path relative to the site root, new text.
    pub writes: Vec<(PathBuf, String)>,
    /// Messages changed: where the (first) unit is, the message id, and what changed.
    pub changes: Vec<(Location, String, Change)>,
    /// Units left out or worth knowing about, with their place in the file.
    pub notices: Vec<(Location, String)>,
    /// Messages whose translation and snapshot already were what the file holds.
    pub unchanged: usize,
}

/// What happened to one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// A translation the locale did not have.
    Added,
    /// A new translation of a translated message.
    Updated,
    /// The translation is as it was; its source snapshot now records the file's English.
    Recorded,
}

/// The units of a file by resource, then by message.
type Groups<'u> = BTreeMap<&'u str, BTreeMap<String, Vec<(UnitKey, &'u Incoming)>>>;

/// A message's parts as text: attribute (`None` for the value) → Fluent pattern text.
type PartTexts = BTreeMap<Option<String>, String>;

/// Plans the import of `incoming` into `locale`.
///
/// Errors: [`Error::Usage`] when `locale` is not a target locale; [`Error::Input`] for a
/// target resource or snapshot with syntax errors (it cannot be edited safely);
/// [`Error::Many`] with one error per invalid unit, at its place in the exchange file.
pub fn plan(project: &Project, locale: &str, incoming: &[Incoming]) -> Result<Outcome> {
    let config = &project.config;
    if !config.targets().iter().any(|t| t == locale) {
        return Err(Error::Usage(format!(
            "the file is a `{locale}` translation, and `{locale}` is not a target locale of this site (targets: {})",
            config.targets().join(", ")
        )));
    }
    let mut outcome = Outcome::default();
    let mut groups: Groups = BTreeMap::new();
    for unit in incoming {
        match UnitKey::parse(&unit.id) {
            Some(key) => groups
                .entry(unit.resource.as_str())
                .or_default()
                .entry(key.message.clone())
                .or_default()
                .push((key, unit)),
            None => outcome
                .notices
                .push((unit.location.clone(), format!("`{}` is not a unit id tolk writes; left out", unit.id))),
        }
    }
    let mut errors = Vec::new();
    let mut replaced: Vec<(bool, ResourceFile)> = Vec::new();
    let mut imported: BTreeMap<String, Location> = BTreeMap::new();
    for (resource, messages) in groups {
        let files = |all: Option<&Vec<ResourceFile>>| all.and_then(|f| f.iter().find(|f| f.name == resource)).cloned();
        let Some(source) = files(project.resources.get(&config.source_locale)) else {
            for unit in messages.values().flatten() {
                outcome.notices.push((
                    unit.1.location.clone(),
                    format!("`{}`: the resource {resource} no longer exists; left out", unit.1.id),
                ));
            }
            continue;
        };
        let target = files(project.resources.get(locale));
        let snapshot = files(project.snapshots.get(locale));
        for file in target.iter().chain(&snapshot) {
            if let Some(problem) = file.resource.problems.first() {
                return Err(Error::input(
                    &file.source,
                    problem.span.start,
                    format!("{}; fix it before importing into this file", problem.message),
                ));
            }
        }
        let order: BTreeMap<&str, usize> =
            source.entries().messages.iter().enumerate().map(|(i, m)| (m.id.as_str(), i)).collect();
        let (mut target_edits, mut snapshot_edits) = (Vec::new(), Vec::new());
        let root = crate::load::relative(&config.root, &config.root.join("locales").join(locale));
        let target_text = target.as_ref().map(|t| t.source.text.to_string()).unwrap_or_default();
        let snapshot_text = snapshot.as_ref().map(|s| s.source.text.to_string()).unwrap_or_else(|| {
            format!(
                "### Source snapshot: the {} text each translation in ../{resource} was made from.\n\n",
                config.source_locale
            )
        });
        for (message, units) in &messages {
            let at = units[0].1.location.clone();
            let Some(source_parts) = find(&source, message) else {
                outcome.notices.push((
                    at,
                    format!("`{message}` no longer exists in the {} source; left out", config.source_locale),
                ));
                continue;
            };
            let old_target = target.as_ref().and_then(|t| find(t, message));
            let old_snapshot = snapshot.as_ref().and_then(|s| find(s, message));
            let merged =
                merge(&source_parts, old_target.as_ref(), old_snapshot.as_ref(), units, &mut outcome, &mut errors);
            let Some((translation, english)) = merged else {
                continue;
            };
            let (was_translated, was_recorded) = (texts(old_target.as_ref()), texts(old_snapshot.as_ref()));
            let english: PartTexts = english.into_iter().filter(|(a, _)| translation.contains_key(a)).collect();
            if was_translated == translation && was_recorded == english {
                outcome.unchanged += 1;
                continue;
            }
            let new_entry = compose(message, &translation, &source_parts);
            if let Some(problem) = problem(&new_entry) {
                errors.push(Error::at(at.clone(), format!("`{message}`: not valid Fluent: {problem}")));
                continue;
            }
            let index = order.get(message.as_str()).copied().unwrap_or(usize::MAX);
            target_edits.push(edit(target.as_ref(), message, index, &order, new_entry));
            let mut recorded =
                edit(snapshot.as_ref(), message, index, &order, compose(message, &english, &source_parts));
            if snapshot.is_none() {
                recorded.range = snapshot_text.len()..snapshot_text.len();
            }
            snapshot_edits.push(recorded);
            let change = if was_translated.is_empty() {
                Change::Added
            } else if was_translated == translation {
                Change::Recorded
            } else {
                Change::Updated
            };
            outcome.changes.push((at.clone(), message.clone(), change));
            imported.insert(message.clone(), at);
        }
        if target_edits.is_empty() {
            continue;
        }
        let new_target = ResourceFile::new(
            locale,
            resource,
            SourceText::new(root.join(resource), apply_edits(&target_text, target_edits)),
        );
        let new_snapshot = ResourceFile::new(
            locale,
            resource,
            SourceText::new(root.join(SNAPSHOT_DIR).join(resource), apply_edits(&snapshot_text, snapshot_edits)),
        );
        replaced.push((false, new_target));
        replaced.push((true, new_snapshot));
    }
    if let Some(error) = Error::from_many(errors) {
        return Err(error);
    }
    if replaced.is_empty() {
        return Ok(outcome);
    }
    let mut after = project.clone();
    for (is_snapshot, file) in &replaced {
        let files = if *is_snapshot { &mut after.snapshots } else { &mut after.resources };
        let list = files.entry(locale.to_string()).or_default();
        list.retain(|f| f.name != file.name);
        list.push(file.clone());
        list.sort_by(|a, b| a.name.cmp(&b.name));
    }
    validate(project, &after, locale, &imported)?;
    outcome.writes =
        replaced.into_iter().map(|(_, f)| (f.source.path.to_path_buf(), f.source.text.to_string())).collect();
    Ok(outcome)
}

/// The new translation and recorded English of one message: the old ones with the file's
/// units in place. `None` (with a notice) when nothing of the message can be imported.
fn merge(
    source: &Parts,
    target: Option<&Parts>,
    snapshot: Option<&Parts>,
    units: &[(UnitKey, &Incoming)],
    outcome: &mut Outcome,
    errors: &mut Vec<Error>,
) -> Option<(PartTexts, PartTexts)> {
    let mut translation = texts(target);
    let mut english = if snapshot.is_some() { texts(snapshot) } else { texts(Some(source)) };
    let mut variants: BTreeMap<Option<String>, Vec<(String, &Incoming)>> = BTreeMap::new();
    let mut invalid = false;
    let mut checked: Vec<(UnitKey, Incoming)> = Vec::new();
    for (key, unit) in units {
        match canonical_value(&unit.target) {
            Ok(target) => {
                let source = canonical_value(&unit.source).unwrap_or_else(|_| unit.source.clone());
                checked.push((key.clone(), Incoming { target, source, ..(*unit).clone() }));
            }
            Err(problem) => {
                errors.push(Error::at(unit.location.clone(), format!("`{}`: not valid Fluent: {problem}", unit.id)));
                invalid = true;
            }
        }
    }
    if invalid {
        return None;
    }
    for (key, unit) in &checked {
        let Some(pattern) = source.pattern(key.attribute.as_deref()) else {
            outcome
                .notices
                .push((unit.location.clone(), format!("`{}` no longer exists in the source; left out", unit.id)));
            continue;
        };
        let today = match &key.variant {
            Some(v) => match plural_select(pattern) {
                Some((_, vs)) => {
                    let pick = vs.iter().find(|x| variant_key(x) == v).or_else(|| vs.iter().find(|x| x.default));
                    variants.entry(key.attribute.clone()).or_default().push((v.clone(), unit));
                    pick.map(|x| native(&split(&x.value))).unwrap_or_default()
                }
                None => {
                    outcome.notices.push((
                        unit.location.clone(),
                        format!("`{}`: the source is no longer a plural; left out", unit.id),
                    ));
                    continue;
                }
            },
            None => {
                translation.insert(key.attribute.clone(), unit.target.clone());
                english.insert(key.attribute.clone(), unit.source.clone());
                native(&split(pattern))
            }
        };
        if !today.split_whitespace().eq(unit.source.split_whitespace()) {
            outcome.notices.push((
                unit.location.clone(),
                format!("`{}`: the English moved on since export; imported, and stays stale until updated", unit.id),
            ));
        }
    }
    for (attribute, units) in variants {
        let Some(pattern) = source.pattern(attribute.as_deref()) else { continue };
        let Some((_, source_variants)) = plural_select(pattern) else { continue };
        let selector = pattern_text(pattern)
            .lines()
            .next()
            .unwrap_or("")
            .trim_start_matches('{')
            .trim_end_matches("->")
            .trim()
            .to_string();
        let old = target.and_then(|t| t.pattern(attribute.as_deref())).and_then(plural_select).map(|(_, v)| v);
        let mut keys: Vec<(String, String, String)> = old
            .into_iter()
            .flatten()
            .map(|v| (variant_key(v).to_string(), native(&split(&v.value)), String::new()))
            .collect();
        for (key, unit) in &units {
            match keys.iter_mut().find(|k| k.0 == *key) {
                Some(k) => {
                    k.1 = unit.target.clone();
                    k.2 = unit.source.clone();
                }
                None => keys.push((key.clone(), unit.target.clone(), unit.source.clone())),
            }
        }
        let default = if keys.iter().any(|k| k.0 == "other") {
            "other".to_string()
        } else {
            source_variants.iter().find(|v| v.default).map(|v| variant_key(v).to_string()).unwrap_or_default()
        };
        let sources: Vec<(String, String, String)> = source_variants
            .iter()
            .map(|v| {
                let key = variant_key(v).to_string();
                let carried = keys.iter().find(|k| k.0 == key && !k.2.is_empty()).map(|k| k.2.clone());
                (key, String::new(), carried.unwrap_or_else(|| native(&split(&v.value))))
            })
            .collect();
        let source_default =
            source_variants.iter().find(|v| v.default).map(|v| variant_key(v).to_string()).unwrap_or_default();
        translation.insert(attribute.clone(), select(&selector, keys.iter().map(|k| (&k.0, &k.1)), &default));
        english.insert(attribute, select(&selector, sources.iter().map(|k| (&k.0, &k.2)), &source_default));
    }
    if source.pattern(None).is_some() && !translation.contains_key(&None) {
        if let Some((_, unit)) = units.first() {
            outcome.notices.push((
                unit.location.clone(),
                format!("`{}`: the message has no translated value; left out", unit.key_message()),
            ));
        }
        return None;
    }
    Some((translation, english))
}

impl Incoming {
    fn key_message(&self) -> String {
        UnitKey::parse(&self.id).map(|k| k.message).unwrap_or_else(|| self.id.clone())
    }
}

/// A select expression in pattern text.
fn select<'k>(selector: &str, variants: impl Iterator<Item = (&'k String, &'k String)>, default: &str) -> String {
    let mut out = format!("{{ {selector} ->\n");
    for (key, text) in variants {
        let star = if key == default { "*" } else { " " };
        let text = text.replace('\n', "\n    ");
        out.push_str(&format!("   {star}[{key}] {text}\n"));
    }
    out.push('}');
    out
}

/// The parts of a message as text.
fn texts(parts: Option<&Parts>) -> PartTexts {
    parts
        .map(|p| p.patterns.iter().map(|(a, pattern)| (a.clone(), native(&split(pattern)))).collect())
        .unwrap_or_default()
}

/// The entry text of `parts`: value, then attributes in the source's order, then others.
fn compose(id: &str, parts: &PartTexts, source: &Parts) -> String {
    let mut attributes: Vec<(String, String)> = Vec::new();
    for (attribute, _) in &source.patterns {
        if let Some(name) = attribute {
            if let Some(text) = parts.get(attribute) {
                attributes.push((name.clone(), text.clone()));
            }
        }
    }
    for (attribute, text) in parts {
        if let Some(name) = attribute {
            if source.pattern(Some(name)).is_none() {
                attributes.push((name.clone(), text.clone()));
            }
        }
    }
    entry_text(id, parts.get(&None).map(String::as_str), &attributes)
}

/// The edit of `file` that puts `entry` in place of message `id`, or inserts it after the
/// nearest message before it in source order (at the end when there is none).
fn edit(file: Option<&ResourceFile>, id: &str, index: usize, order: &BTreeMap<&str, usize>, entry: String) -> Edit {
    let Some(file) = file else {
        return Edit { range: 0..0, entry, order: index };
    };
    let text = &file.source.text;
    let entries = file.entries();
    if let Some(existing) = entries.get(id) {
        return Edit { range: entry_span(text, existing.offset), entry, order: index };
    }
    let before = entries
        .messages
        .iter()
        .filter(|m| order.get(m.id.as_str()).is_some_and(|i| *i < index))
        .max_by_key(|m| order.get(m.id.as_str()).copied());
    let at = before.map_or(text.len(), |m| entry_span(text, m.offset).end);
    Edit { range: at..at, entry, order: index }
}

/// Refuses the import when the checker finds something new about an imported message under
/// [`VALIDATING_RULES`], naming each at its unit.
fn validate(before: &Project, after: &Project, locale: &str, imported: &BTreeMap<String, Location>) -> Result<()> {
    let only = [locale.to_string()];
    let key = |f: &crate::check::Finding| (f.rule, f.message_id.clone(), f.message.clone());
    let old: BTreeSet<_> = crate::check::run(&crate::check::Context::new(before, &only)?)?.iter().map(key).collect();
    let new = crate::check::run(&crate::check::Context::new(after, &only)?)?;
    let mut errors = Vec::new();
    for finding in new {
        let Some(at) = finding.message_id.as_ref().and_then(|id| imported.get(id)) else { continue };
        if VALIDATING_RULES.contains(&finding.rule) && !old.contains(&key(&finding)) {
            errors.push(Error::at(at.clone(), format!("{} [{}]", finding.message, finding.rule)));
        }
    }
    match Error::from_many(errors) {
        Some(error) => Err(error),
        None => Ok(()),
    }
}
