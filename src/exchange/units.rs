//! Translation units: what one exchange file holds for each part of a message.
//!
//! A unit is a message's value, one of its attributes, or (for a value or attribute that is a
//! single plural select expression, `{ $n -> [one] … *[other] … }`) one variant for each of
//! the target locale's CLDR plural categories, so a CAT tool translates each form. Its id is
//! [`UnitKey::id`]: `message`, `message.attribute`, `message:one`, `-term.attribute:few`.

use std::collections::BTreeMap;

use fluent_syntax::ast;

use super::segments::{split, CodeKind, Piece};
use crate::check::{Finding, Severity};
use crate::load::fluent::pattern_text;
use crate::load::{Project, ResourceFile};

/// Which part of which message a unit is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnitKey {
    /// The message id (terms with their leading `-`).
    pub message: String,
    /// The attribute, or `None` for the value.
    pub attribute: Option<String>,
    /// The plural variant key (a CLDR category or a number), or `None` for a whole pattern.
    pub variant: Option<String>,
}

impl UnitKey {
    /// `message[.attribute][:variant]`: Fluent identifiers hold neither `.` nor `:`, and the
    /// result is an XML NMTOKEN as XLIFF 2.0 ids must be.
    pub fn id(&self) -> String {
        let mut id = self.message.clone();
        if let Some(a) = &self.attribute {
            id.push('.');
            id.push_str(a);
        }
        if let Some(v) = &self.variant {
            id.push(':');
            id.push_str(v);
        }
        id
    }

    /// Reads [`UnitKey::id`] back; `None` when `id` is not of that form.
    pub fn parse(id: &str) -> Option<UnitKey> {
        let (rest, variant) = match id.split_once(':') {
            Some((rest, v)) => (rest, Some(v.to_string())),
            None => (id, None),
        };
        let (message, attribute) = match rest.split_once('.') {
            Some((m, a)) => (m, Some(a.to_string())),
            None => (rest, None),
        };
        let ident = |s: &str| {
            let s = s.strip_prefix('-').unwrap_or(s);
            s.starts_with(|c: char| c.is_ascii_alphabetic())
                && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        };
        let ok = ident(message)
            && attribute.as_deref().is_none_or(|a| !a.starts_with('-') && ident(a))
            && variant
                .as_deref()
                .is_none_or(|v| !v.is_empty() && v.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-'));
        ok.then(|| UnitKey { message: message.to_string(), attribute, variant })
    }
}

/// Where a unit stands, from the target locale's point of view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    /// The locale has no translation.
    Missing,
    /// The translation was made from an older source text (its source snapshot differs).
    Stale,
    /// The translation is current but a check finding (warning or error) is about it.
    Flagged,
    /// Translated, current, no finding.
    Current,
}

impl State {
    /// `missing`, `stale`, `flagged` or `current` (the names `--only` takes).
    pub fn name(self) -> &'static str {
        match self {
            State::Missing => "missing",
            State::Stale => "stale",
            State::Flagged => "flagged",
            State::Current => "current",
        }
    }
}

/// One translation unit.
#[derive(Debug, Clone)]
pub struct Unit {
    /// The resource it belongs to (e.g. `technical-support-benefits.ftl`).
    pub resource: String,
    /// Which part of which message.
    pub key: UnitKey,
    /// Today's source text.
    pub source: Vec<Piece>,
    /// The current translation, if any (codes numbered as the source's where they match).
    pub target: Option<Vec<Piece>>,
    /// The source text the translation was made from, when it differs from today's.
    pub previous: Option<Vec<Piece>>,
    /// Where it stands.
    pub state: State,
    /// For a stale unit: the grade of the change (`cosmetic`, `wording`, `content`).
    pub grade: Option<&'static str>,
    /// For a stale unit: the word diff, previous → today (`[-removed-]{+added+}`).
    pub diff: Option<String>,
    /// The check findings about the message in the target locale, as `rule: message`.
    pub findings: Vec<String>,
    /// The comment above the source message (its `#` lines), if any.
    pub comment: Option<String>,
    /// The source file (relative to the site root) and the 1-based line of the message.
    pub location: (String, usize),
}

/// The units of `locale` for every source resource (or only `article`'s), in resource and
/// file order. `findings` are the check's findings (any locales; those of `locale` are read).
pub fn units(project: &Project, locale: &str, findings: &[Finding], article: Option<&str>) -> Vec<Unit> {
    let source_locale = &project.config.source_locale;
    let categories = crate::check::numbers::plural_categories(locale).unwrap_or_else(|| vec!["other"]);
    let mut about: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for f in findings.iter().filter(|f| f.locale == locale && f.severity <= Severity::Warning) {
        if let Some(id) = &f.message_id {
            if !matches!(f.rule, "stale-translation" | "missing-message" | "missing-attribute") {
                about.entry(id).or_default().push(format!("{}: {}", f.rule, f.message));
            }
        }
    }
    let file = |files: Option<&Vec<ResourceFile>>, name: &str| -> Option<ResourceFile> {
        files.and_then(|all| all.iter().find(|f| f.name == name)).cloned()
    };
    let mut out = Vec::new();
    for source in project.resources.get(source_locale).into_iter().flatten() {
        if article.is_some_and(|slug| source.name != format!("{slug}.ftl")) {
            continue;
        }
        let target = file(project.resources.get(locale), &source.name);
        let snapshot = file(project.snapshots.get(locale), &source.name);
        for entry in source.resource.fluent.entries() {
            let Some(parts) = parts(entry) else { continue };
            let id = parts.id.clone();
            let offset = source.entries().get(&id).map_or(0, |m| m.offset);
            let line = source.source.line_col(offset).0;
            let comment = comment_above(&source.source.text, offset);
            let target_parts = target.as_ref().and_then(|t| find(t, &id));
            let snapshot_parts = snapshot.as_ref().and_then(|s| find(s, &id));
            for (attribute, pattern) in parts.patterns {
                let translated = target_parts.as_ref().and_then(|t| t.pattern(attribute.as_deref()));
                let recorded = snapshot_parts.as_ref().and_then(|s| s.pattern(attribute.as_deref()));
                for (variant, src, tgt, old) in variants(pattern, translated, recorded, &categories) {
                    let key = UnitKey { message: id.clone(), attribute: attribute.clone(), variant };
                    let source_pieces = split(src);
                    let target_pieces = tgt.map(|t| renumber(&source_pieces, split(t)));
                    let (old_text, new_text) = (old.map(pattern_text), pattern_text(src));
                    let stale = target_pieces.is_some()
                        && old_text.as_ref().is_some_and(|o| !o.split_whitespace().eq(new_text.split_whitespace()));
                    let messages = about.get(id.as_str()).cloned().unwrap_or_default();
                    let state = match (&target_pieces, stale) {
                        (None, _) => State::Missing,
                        (Some(_), true) => State::Stale,
                        _ if !messages.is_empty() => State::Flagged,
                        _ => State::Current,
                    };
                    let (grade, diff, previous) = match (stale, &old_text, old) {
                        (true, Some(o), Some(old)) => (
                            Some(crate::check::rules::stale_translation::grade(o, &new_text)),
                            Some(crate::check::diff::plain(&crate::check::diff::word_diff(o, &new_text))),
                            Some(renumber(&source_pieces, split(old))),
                        ),
                        _ => (None, None, None),
                    };
                    out.push(Unit {
                        resource: source.name.clone(),
                        key,
                        source: source_pieces,
                        target: target_pieces,
                        previous,
                        state,
                        grade,
                        diff,
                        findings: messages,
                        comment: comment.clone(),
                        location: (source.source.path.display().to_string().replace('\\', "/"), line),
                    });
                }
            }
        }
    }
    out
}

/// A message's or term's id and translatable patterns: (attribute or `None`, pattern).
pub struct Parts<'r> {
    /// The id (terms with `-`).
    pub id: String,
    /// The value (attribute `None`) and attributes, in file order.
    pub patterns: Vec<(Option<String>, &'r ast::Pattern<&'r str>)>,
}

impl<'r> Parts<'r> {
    /// The value (`None`) or the named attribute.
    pub fn pattern(&self, attribute: Option<&str>) -> Option<&'r ast::Pattern<&'r str>> {
        self.patterns.iter().find(|(a, _)| a.as_deref() == attribute).map(|(_, p)| *p)
    }
}

/// The parts of a message or term entry; `None` for comments and junk.
pub fn parts<'r>(entry: &'r ast::Entry<&'r str>) -> Option<Parts<'r>> {
    let (id, value, attributes) = match entry {
        ast::Entry::Message(m) => (m.id.name.to_string(), m.value.as_ref(), &m.attributes),
        ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(&t.value), &t.attributes),
        _ => return None,
    };
    let mut patterns: Vec<(Option<String>, &ast::Pattern<&str>)> = value.map(|v| (None, v)).into_iter().collect();
    patterns.extend(attributes.iter().map(|a| (Some(a.id.name.to_string()), &a.value)));
    Some(Parts { id, patterns })
}

/// The parts of message `id` in `file`, if it defines it.
pub fn find<'r>(file: &'r ResourceFile, id: &str) -> Option<Parts<'r>> {
    file.resource.fluent.entries().filter_map(parts).find(|p| p.id == id)
}

/// The select expression `pattern` consists of, when it is one plural select (on a variable
/// or `NUMBER(…)`), with its variants.
pub fn plural_select<'p>(
    pattern: &'p ast::Pattern<&'p str>,
) -> Option<(&'p ast::InlineExpression<&'p str>, &'p [ast::Variant<&'p str>])> {
    let [ast::PatternElement::Placeable { expression: ast::Expression::Select { selector, variants } }] =
        pattern.elements.as_slice()
    else {
        return None;
    };
    let numeric = match selector {
        ast::InlineExpression::VariableReference { .. } => true,
        ast::InlineExpression::FunctionReference { id, .. } => id.name == "NUMBER",
        _ => false,
    };
    let plural_keys = variants.iter().all(|v| match v.key {
        ast::VariantKey::Identifier { name } => crate::check::numbers::CATEGORIES.contains(&name),
        ast::VariantKey::NumberLiteral { .. } => true,
    });
    (numeric && plural_keys).then_some((selector, variants.as_slice()))
}

/// A variant's key as written.
pub fn variant_key<'p>(variant: &ast::Variant<&'p str>) -> &'p str {
    match variant.key {
        ast::VariantKey::Identifier { name } => name,
        ast::VariantKey::NumberLiteral { value } => value,
    }
}

type Variant<'p> =
    (Option<String>, &'p ast::Pattern<&'p str>, Option<&'p ast::Pattern<&'p str>>, Option<&'p ast::Pattern<&'p str>>);

/// The units of one pattern: the whole pattern, or for a plural select one per category of
/// the target locale (and per number key of the source), each with the matching variant of
/// the source, translation and snapshot (a missing category takes the default variant).
fn variants<'p>(
    source: &'p ast::Pattern<&'p str>,
    target: Option<&'p ast::Pattern<&'p str>>,
    snapshot: Option<&'p ast::Pattern<&'p str>>,
    categories: &[&str],
) -> Vec<Variant<'p>> {
    let Some((_, source_variants)) = plural_select(source) else {
        return vec![(None, source, target, snapshot)];
    };
    let pick = |variants: &'p [ast::Variant<&'p str>], key: &str| -> Option<&'p ast::Pattern<&'p str>> {
        variants
            .iter()
            .find(|v| variant_key(v) == key)
            .or_else(|| variants.iter().find(|v| v.default))
            .map(|v| &v.value)
    };
    let of = |pattern: Option<&'p ast::Pattern<&'p str>>| pattern.and_then(plural_select).map(|(_, v)| v);
    let numbers = source_variants.iter().map(variant_key).filter(|k| k.starts_with(|c: char| c.is_ascii_digit()));
    numbers
        .chain(categories.iter().copied())
        .filter_map(|key| {
            let src = pick(source_variants, key)?;
            let tgt = of(target).and_then(|v| v.iter().find(|v| variant_key(v) == key).map(|v| &v.value));
            let old = of(snapshot).and_then(|v| pick(v, key));
            Some((Some(key.to_string()), src, tgt, old))
        })
        .collect()
}

/// `pieces` with each code numbered as the code of `source` with the same role and native
/// text (first unused), other codes numbered after the source's.
fn renumber(source: &[Piece], mut pieces: Vec<Piece>) -> Vec<Piece> {
    let source_codes: Vec<(usize, CodeKind, &str)> = source
        .iter()
        .filter_map(|p| match p {
            Piece::Code(c) => Some((c.id, c.kind, c.native.as_str())),
            Piece::Text(_) => None,
        })
        .collect();
    let mut next = source_codes.iter().map(|c| c.0).max().unwrap_or(0);
    let mut used = std::collections::HashSet::new();
    let mut mapped: BTreeMap<usize, usize> = BTreeMap::new();
    for piece in &mut pieces {
        let Piece::Code(code) = piece else { continue };
        if code.kind == CodeKind::Close {
            if let Some(id) = mapped.get(&code.id) {
                code.id = *id;
            }
            continue;
        }
        let same = source_codes
            .iter()
            .find(|(id, kind, native)| *kind == code.kind && *native == code.native && !used.contains(id));
        let id = match same {
            Some((id, _, _)) => *id,
            None => {
                next += 1;
                next
            }
        };
        used.insert(id);
        mapped.insert(code.id, id);
        code.id = id;
    }
    pieces
}

/// The comment attached to the entry whose identifier is at `offset` in `text`: the `#`
/// lines directly above it (Fluent's message comment), without their `# `.
pub fn comment_above(text: &str, offset: usize) -> Option<String> {
    let start = text[..offset.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let mut lines: Vec<&str> = Vec::new();
    for line in text[..start].lines().rev() {
        match line.strip_prefix('#') {
            Some(rest) if rest.is_empty() || rest.starts_with(' ') => {
                lines.push(rest.strip_prefix(' ').unwrap_or(rest))
            }
            _ => break,
        }
    }
    lines.reverse();
    let comment = lines.join("\n").trim().to_string();
    (!comment.is_empty()).then_some(comment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_ids_read_back() {
        for id in ["intro-text-1", "-brand.gender", "files:one", "m.title:few", "m:0"] {
            assert_eq!(UnitKey::parse(id).map(|k| k.id()).as_deref(), Some(id));
        }
        for bad in ["", "1x", "m.", "m:", "m.-x", "a b"] {
            assert_eq!(UnitKey::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn comments_directly_above_belong_to_the_message() {
        let text = "## Group\n\n# A step.\n# Second line.\nstep-1 = Do it\n";
        let offset = text.find("step-1").unwrap();
        assert_eq!(comment_above(text, offset).as_deref(), Some("A step.\nSecond line."));
        assert_eq!(comment_above("x = 1\n", 0), None);
        assert_eq!(comment_above("## Group\nx = 1\n", 9), None, "a group comment is not the message's");
    }
}
