//! Fluent resources, parsed once: the one place tolk calls the Fluent parser.
//!
//! [`Resource::parse`] turns a resource's text into fluent-bundle's [`FluentResource`] (the
//! syntax tree bundles format from; Fluent syntax 1.0, parsed by fluent-syntax), the syntax
//! errors and invalid values with byte spans, and on first use the [`Entries`] the checker
//! compares. Localize, check, accept, import and serve all read this one form.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use fluent_bundle::FluentResource;
use fluent_syntax::ast;

use crate::source::SourceText;

/// One parsed resource: the syntax tree, its problems, and (computed once, when first asked)
/// its entries. Shared between bundles, checker and preview through an `Arc`.
#[derive(Debug)]
pub struct Resource {
    /// The syntax tree; its slices borrow from its own copy of the text, at the same byte
    /// offsets as the file's [`SourceText`].
    pub fluent: Arc<FluentResource>,
    /// Syntax errors and invalid values, in file order. A resource with any is refused by
    /// the build and reported by the checker.
    pub problems: Vec<Problem>,
    entries: OnceLock<Entries>,
}

/// What is wrong with a resource, at a byte span of its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Bytes of the resource text the problem is about (start may equal end).
    pub span: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// Which kind of problem.
    pub kind: ProblemKind,
}

/// The kinds of [`Problem`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// The Fluent parser rejected the text (it became junk).
    Syntax,
    /// Valid syntax with a value no formatter can honour: a `NUMBER()` option out of the
    /// ECMA-402 range, a number literal that is not finite or has too many fraction digits.
    Value,
}

/// The entries of one resource that the checker compares.
#[derive(Debug, Clone, Default)]
pub struct Entries {
    /// Messages and terms in file order.
    pub messages: Vec<MessageEntry>,
    /// Syntax errors in file order.
    pub errors: Vec<SyntaxError>,
    /// The index into `messages` of each id's first definition, by the FxHash of the id: the
    /// checker looks up every message of every translation, in constant time, without a
    /// second copy of each id.
    index: hashbrown::HashTable<u32>,
}

/// One message (`id = …`) or term (`-id = …`).
#[derive(Debug, Clone, PartialEq)]
pub struct MessageEntry {
    /// The identifier, with a leading `-` for terms.
    pub id: String,
    /// Byte offset of the identifier.
    pub offset: usize,
    /// The value in canonical Fluent syntax, lines trimmed and joined by `\n` ("" if none).
    pub value: String,
    /// Attributes: name and value (canonical syntax, as `value`), in file order.
    pub attributes: Vec<(String, String)>,
    /// Placeables that reference something, sorted: `$variable`, `-term`, `message`
    /// (`message.attribute`, `-term.attribute` with an attribute), from value and attributes.
    pub references: Vec<String>,
    /// Select expressions, in order of appearance (nested ones included).
    pub selects: Vec<Select>,
}

impl MessageEntry {
    /// The bytes of the identifier (without a term's `-`).
    pub fn span(&self) -> Range<usize> {
        self.offset..self.offset + self.id.trim_start_matches('-').len()
    }
}

/// A select expression: what it selects on and its variant keys.
#[derive(Debug, Clone, PartialEq)]
pub struct Select {
    /// The selector in canonical syntax (`$count`, `NUMBER($n)`).
    pub selector: String,
    /// Whether the selector is a `NUMBER()` call (explicitly numeric).
    pub numeric: bool,
    /// Variant keys as written (`one`, `other`, `0`), the default marked by position.
    pub keys: Vec<String>,
    /// Index of the default variant in `keys`.
    pub default: usize,
}

/// A syntax error reported by the parser.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    /// Byte offset where the parser failed.
    pub offset: usize,
    /// The parser's description (e.g. `Expected a token starting with "="`).
    pub message: String,
}

/// A parsed resource's own copy of its text, as a file's [`SourceText`] text.
struct ResourceText(Arc<FluentResource>);

impl AsRef<str> for ResourceText {
    fn as_ref(&self) -> &str {
        self.0.source()
    }
}

impl Resource {
    /// Parses `source` once and returns the resource with the file's text re-pointed at the
    /// parser's copy (so the text is held once).
    pub fn parse_shared(source: SourceText) -> (Resource, SourceText) {
        let resource = Resource::parse(&source);
        if resource.fluent.source().len() != source.text.len() {
            return (resource, source); // refused before parsing (too deep): keep the file's text
        }
        let shared = SourceText::shared(source.path, Arc::new(ResourceText(Arc::clone(&resource.fluent))));
        (resource, shared)
    }

    /// [`Resource::parse_shared`] for text just read from `path` (a UTF-8 byte-order mark
    /// already removed): the text is moved into the parser, not copied.
    pub fn parse_owned(path: std::path::PathBuf, text: String) -> (Resource, SourceText) {
        if too_deep(&text).is_some() {
            return Resource::parse_shared(SourceText::new(path, text));
        }
        let resource = Resource::parse_text(text, Vec::new());
        let shared = SourceText::shared(path, Arc::new(ResourceText(Arc::clone(&resource.fluent))));
        (resource, shared)
    }

    /// Parses `source` once: placeables nested deeper than [`MAX_NESTING`] are refused before
    /// the (recursive) parser sees them; every syntax error and invalid value is a
    /// [`Problem`] with its span.
    pub fn parse(source: &SourceText) -> Resource {
        let mut problems = Vec::new();
        // Too deep: refused with one problem, and parsed as an empty resource.
        let text = match too_deep(&source.text) {
            Some(offset) => {
                problems.push(Problem {
                    span: offset..offset + 1,
                    message: format!("placeables nested more than {MAX_NESTING} deep; the resource is not parsed"),
                    kind: ProblemKind::Syntax,
                });
                String::new()
            }
            None => source.text.to_string(),
        };
        Resource::parse_text(text, problems)
    }

    /// Parses `text` (not too deep), adding its problems to `problems`.
    fn parse_text(text: String, mut problems: Vec<Problem>) -> Resource {
        // The one call of the Fluent parser in tolk (fluent-bundle runs fluent-syntax's).
        let fluent = FluentResource::try_new(text).unwrap_or_else(|(resource, errors)| {
            problems.extend(errors.iter().map(|e| {
                let at = error_offset(resource.source(), e);
                Problem { span: at..at, message: e.kind.to_string(), kind: ProblemKind::Syntax }
            }));
            resource
        });
        let base = fluent.source();
        for entry in fluent.entries() {
            let patterns: Vec<&ast::Pattern<&str>> = match entry {
                ast::Entry::Message(m) => m.value.iter().chain(m.attributes.iter().map(|a| &a.value)).collect(),
                ast::Entry::Term(t) => std::iter::once(&t.value).chain(t.attributes.iter().map(|a| &a.value)).collect(),
                _ => continue,
            };
            for pattern in patterns {
                super::fluent_values::check_pattern(base, pattern, &mut problems);
            }
        }
        problems.sort_by_key(|p| p.span.start);
        Resource { fluent: Arc::new(fluent), problems, entries: OnceLock::new() }
    }

    /// The messages and terms the checker compares, computed on first use.
    pub fn entries(&self) -> &Entries {
        self.entries.get_or_init(|| Entries::from_resource(&self.fluent, &self.problems))
    }
}

/// The byte offset of `slice` in `base` when it is a sub-slice of it (as the syntax tree's
/// slices are of [`FluentResource::source`]).
pub fn offset_in(base: &str, slice: &str) -> Option<usize> {
    let (start, ptr) = (base.as_ptr() as usize, slice.as_ptr() as usize);
    (ptr >= start && ptr + slice.len() <= start + base.len()).then(|| ptr - start)
}

impl Entries {
    fn from_resource(resource: &FluentResource, problems: &[Problem]) -> Entries {
        let base = resource.source();
        let mut entries = Entries {
            errors: problems
                .iter()
                .filter(|p| p.kind == ProblemKind::Syntax)
                .map(|p| SyntaxError { offset: p.span.start, message: p.message.clone() })
                .collect(),
            ..Entries::default()
        };
        for entry in resource.entries() {
            let (id, value, attributes, prefix) = match entry {
                ast::Entry::Message(m) => (m.id.name, m.value.as_ref(), &m.attributes, ""),
                ast::Entry::Term(t) => (t.id.name, Some(&t.value), &t.attributes, "-"),
                _ => continue,
            };
            let mut references = Vec::new();
            let mut selects = Vec::new();
            for pattern in value.into_iter().chain(attributes.iter().map(|a| &a.value)) {
                walk_pattern(pattern, &mut references, &mut selects);
            }
            references.sort();
            entries.messages.push(MessageEntry {
                id: [prefix, id].concat(),
                offset: offset_in(base, id).unwrap_or(0),
                value: value.map(pattern_text).unwrap_or_default(),
                attributes: attributes.iter().map(|a| (a.id.name.to_string(), pattern_text(&a.value))).collect(),
                references,
                selects,
            });
        }
        let messages = &entries.messages;
        let mut index = hashbrown::HashTable::with_capacity(messages.len());
        for (i, message) in messages.iter().enumerate() {
            let hash = id_hash(&message.id);
            // The first definition of an id is the one found.
            if index.find(hash, |&j: &u32| messages[j as usize].id == message.id).is_none() {
                index.insert_unique(hash, i as u32, |&j| id_hash(&messages[j as usize].id));
            }
        }
        entries.index = index;
        entries
    }

    /// The message or term `id`, if defined (the first definition when repeated).
    pub fn get(&self, id: &str) -> Option<&MessageEntry> {
        let &i = self.index.find(id_hash(id), |&j| self.messages[j as usize].id == id)?;
        self.messages.get(i as usize)
    }
}

/// The FxHash of a message id.
fn id_hash(id: &str) -> u64 {
    std::hash::BuildHasher::hash_one(&rustc_hash::FxBuildHasher, id)
}

fn walk_pattern(pattern: &ast::Pattern<&str>, refs: &mut Vec<String>, selects: &mut Vec<Select>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            walk_expression(expression, refs, selects);
        }
    }
}

fn walk_expression(expression: &ast::Expression<&str>, refs: &mut Vec<String>, selects: &mut Vec<Select>) {
    match expression {
        ast::Expression::Inline(inline) => walk_inline(inline, refs, selects),
        ast::Expression::Select { selector, variants } => {
            walk_inline(selector, refs, selects);
            let numeric =
                matches!(selector, ast::InlineExpression::FunctionReference { id, .. } if id.name == "NUMBER");
            let keys = variants
                .iter()
                .map(|v| match &v.key {
                    ast::VariantKey::Identifier { name } => name.to_string(),
                    ast::VariantKey::NumberLiteral { value } => value.to_string(),
                })
                .collect();
            let default = variants.iter().position(|v| v.default).unwrap_or(0);
            selects.push(Select { selector: inline_text(selector), numeric, keys, default });
            for variant in variants {
                walk_pattern(&variant.value, refs, selects);
            }
        }
    }
}

fn walk_inline(inline: &ast::InlineExpression<&str>, refs: &mut Vec<String>, selects: &mut Vec<Select>) {
    let with_attr = |name: String, attr: &Option<ast::Identifier<&str>>| match attr {
        Some(a) => format!("{name}.{}", a.name),
        None => name,
    };
    match inline {
        ast::InlineExpression::VariableReference { id } => refs.push(format!("${}", id.name)),
        ast::InlineExpression::MessageReference { id, attribute } => {
            refs.push(with_attr(id.name.to_string(), attribute))
        }
        ast::InlineExpression::TermReference { id, attribute, arguments } => {
            refs.push(with_attr(format!("-{}", id.name), attribute));
            for arg in arguments.iter().flat_map(|a| a.positional.iter().chain(a.named.iter().map(|n| &n.value))) {
                walk_inline(arg, refs, selects);
            }
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for arg in arguments.positional.iter().chain(arguments.named.iter().map(|n| &n.value)) {
                walk_inline(arg, refs, selects);
            }
        }
        ast::InlineExpression::Placeable { expression } => walk_expression(expression, refs, selects),
        ast::InlineExpression::StringLiteral { .. } | ast::InlineExpression::NumberLiteral { .. } => {}
    }
}

fn inline_text(inline: &ast::InlineExpression<&str>) -> String {
    let pattern = ast::Pattern {
        elements: vec![ast::PatternElement::Placeable { expression: ast::Expression::Inline(inline.clone()) }],
    };
    let text = pattern_text(&pattern);
    text.trim_start_matches('{').trim_end_matches('}').trim().to_string()
}

/// Deepest nesting of placeables (`{ { … } }`) tolk parses; deeper input is refused before
/// the (recursive) Fluent parser sees it, so no input can exhaust the stack.
pub const MAX_NESTING: usize = 64;

/// The byte offset where placeables nest deeper than [`MAX_NESTING`], if they do. Braces in
/// string literals inside placeables (`{ "{" }`, as [`escape_value`] writes them) do not count;
/// a literal ends at its closing quote (after `\"` and `\\` escapes) or at the line's end.
pub fn too_deep(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    // Only braces and quotes matter: jump between them (memchr), not byte by byte.
    let mut at = 0;
    while let Some(found) = memchr::memchr3(b'{', b'}', b'"', &bytes[at..]) {
        let i = at + found;
        at = i + 1;
        match bytes[i] {
            b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i);
                }
            }
            b'}' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {
                // A string literal: to its closing quote (or the end of the line).
                let mut escaped = false;
                while let Some(&c) = bytes.get(at) {
                    at += 1;
                    match c {
                        b'\\' if !escaped => escaped = true,
                        b'"' | b'\n' if !escaped => break,
                        _ => escaped = false,
                    }
                }
            }
            _ => {}
        }
    }
    None
}

/// Where to report a parser error: its position, except that an error found at the start of
/// a line past the broken entry (an unclosed `{` is noticed on the next line) is moved back to
/// the end of the entry's last non-blank text.
pub fn error_offset(text: &str, error: &fluent_syntax::parser::ParserError) -> usize {
    let pos = error.pos.start.min(text.len());
    let entry_start = error.slice.as_ref().map(|s| s.start).unwrap_or(pos);
    let at_line_start = pos == 0 || text[..pos].ends_with('\n');
    if at_line_start && entry_start < pos {
        let before = text[entry_start..pos].trim_end();
        return entry_start + before.len();
    }
    pos
}

/// A pattern in canonical Fluent syntax (fluent-syntax's serializer), each line trimmed.
pub fn pattern_text(pattern: &ast::Pattern<&str>) -> String {
    // One line of text (most messages) serializes as itself: a text element holds no
    // placeable syntax, and only continuation lines are indented or escaped.
    if let [ast::PatternElement::TextElement { value }] = pattern.elements.as_slice() {
        if memchr::memchr2(b'\n', b'\r', value.as_bytes()).is_none() {
            return value.trim().to_string();
        }
    }
    serialized_pattern_text(pattern)
}

/// [`pattern_text`] through the serializer, whatever the pattern.
fn serialized_pattern_text(pattern: &ast::Pattern<&str>) -> String {
    let message = ast::Message {
        id: ast::Identifier { name: "x" },
        value: Some(pattern.clone()),
        attributes: vec![],
        comment: None,
    };
    let text = fluent_syntax::serializer::serialize(&ast::Resource { body: vec![ast::Entry::Message(message)] });
    let value = text.strip_prefix("x =").unwrap_or(&text);
    value.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// Escapes `text` so it reads back as a single-line Fluent pattern with the same value:
/// `{` and `}` become string-literal placeables, newlines become spaces, and leading
/// whitespace (which Fluent would drop) is kept by a placeable. (`[`, `*` and `.` are only
/// special at the start of continuation lines, which a single line has none of.)
///
/// ```
/// use tolk::load::fluent::escape_value;
/// assert_eq!(escape_value("Use {braces}"), r#"Use {"{"}braces{"}"}"#);
/// assert_eq!(escape_value(""), r#"{""}"#);
/// ```
pub fn escape_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '{' => out.push_str("{\"{\"}"),
            '}' => out.push_str("{\"}\"}"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    if out.is_empty() {
        return "{\"\"}".to_string();
    }
    if out.starts_with(' ') {
        let first = out.chars().next().unwrap_or(' ');
        out = format!("{{\"{first}\"}}{}", &out[first.len_utf8()..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_of_one_line_of_text_reads_as_the_serializer_writes_it() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut patterns = 0;
        let mut texts = vec![
            "x = plain\n".to_string(),
            "x =    padded   \n".to_string(),
            "x = ends in a backslash \\\n".to_string(),
            "x = [not a variant] *star .dot\n".to_string(),
            "x =\n    on the next line\n".to_string(),
            "x = two\n    lines\n".to_string(),
            "x = a { $n } b\n".to_string(),
        ];
        for entry in walkdir::WalkDir::new(root.join("locales")).into_iter().flatten() {
            if entry.path().extension().is_some_and(|e| e == "ftl") {
                texts.push(std::fs::read_to_string(entry.path()).unwrap());
            }
        }
        for text in texts {
            let resource = fluent_syntax::parser::parse(text.as_str()).unwrap_or_else(|(r, _)| r);
            for entry in &resource.body {
                let (value, attributes) = match entry {
                    ast::Entry::Message(m) => (m.value.as_ref(), &m.attributes),
                    ast::Entry::Term(t) => (Some(&t.value), &t.attributes),
                    _ => continue,
                };
                for pattern in value.into_iter().chain(attributes.iter().map(|a| &a.value)) {
                    assert_eq!(pattern_text(pattern), serialized_pattern_text(pattern), "{pattern:?}");
                    patterns += 1;
                }
            }
        }
        assert!(patterns > 100, "{patterns} patterns compared");
    }

    #[test]
    fn braces_in_string_literals_do_not_nest() {
        // Found by fuzzing: 65 escaped braces in one imported message were refused as nesting.
        let escaped = format!("x = {}\n", escape_value(&"{".repeat(100)));
        assert_eq!(too_deep(&escaped), None);
        assert_eq!(too_deep(r#"x = { "\"{" } { "\\" }"#), None, "escaped quote and backslash");
        let nested = format!("x = {}{}\n", "{ ".repeat(MAX_NESTING + 1), "}".repeat(MAX_NESTING + 1));
        assert_eq!(too_deep(&nested), Some(4 + 2 * MAX_NESTING));
        assert!(Resource::parse(&SourceText::new("x.ftl", escaped)).problems.is_empty(), "and it is valid Fluent");
    }

    #[test]
    fn messages_terms_and_junk_have_positions() {
        let src =
            SourceText::new("hu.ftl", "# c\nfő = Lépés { $n }\n-brand = Tolk\n    .gender = n\nbroken {\nok = yes\n");
        let e = Resource::parse(&src).entries().clone();
        let ids: Vec<_> = e.messages.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["-brand", "ok"], "`fő` is not an identifier: junk");
        assert_eq!(e.get("-brand").unwrap().attributes, [("gender".to_string(), "n".to_string())]);
        assert_eq!(src.line_col(e.get("ok").unwrap().offset), (6, 1));
        assert_eq!(e.errors.len(), 2, "{:?}", e.errors);
        assert_eq!(src.line_col(e.errors[0].offset).0, 2);
        assert_eq!(src.line_col(e.errors[1].offset).0, 5);
    }

    #[test]
    fn an_id_defined_twice_is_found_at_its_first_definition() {
        let src = SourceText::new("x.ftl", "b = one\na = two\n-b = term\nb = three\nc = four\n");
        let e = Resource::parse(&src).entries().clone();
        assert_eq!(e.get("b").unwrap().value, "one");
        assert_eq!(e.get("-b").unwrap().value, "term");
        assert_eq!(e.get("a").unwrap().value, "two");
        assert_eq!(e.get("c").unwrap().value, "four");
        assert!(e.get("d").is_none() && e.get("").is_none() && e.get("0").is_none());
    }

    #[test]
    fn references_and_selects_are_collected() {
        let src = SourceText::new(
            "x.ftl",
            "m = { -brand } has { NUMBER($n) ->\n    [one] one { other.title }\n   *[other] { $n } items\n}\n",
        );
        let m = Resource::parse(&src).entries().clone().messages.remove(0);
        assert_eq!(m.references, ["$n", "$n", "-brand", "other.title"]);
        assert_eq!(m.selects.len(), 1);
        assert_eq!(
            (m.selects[0].selector.as_str(), m.selects[0].numeric, m.selects[0].default),
            ("NUMBER($n)", true, 1)
        );
        assert_eq!(m.selects[0].keys, ["one", "other"]);
    }

    #[test]
    fn escaped_values_round_trip() {
        for text in ["", "a {b} c", "[x](y) and *z*", "* star", "*[other] x", ".dot", " lead", "plain"] {
            let src = SourceText::new("x.ftl", format!("m = {}\n", escape_value(text)));
            let e = Resource::parse(&src).entries().clone();
            assert!(e.errors.is_empty(), "{text}: {:?}", e.errors);
            let res = Arc::clone(&Resource::parse(&src).fluent);
            let mut bundle = fluent_bundle::FluentBundle::new(vec!["en".parse().unwrap()]);
            bundle.add_resource(res).unwrap();
            let pattern = bundle.get_message("m").unwrap().value().unwrap();
            assert_eq!(bundle.format_pattern(pattern, None, &mut vec![]), text);
        }
    }
}
