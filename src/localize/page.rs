//! One article in one locale, localized once: the skeleton's calls replaced by their Fluent
//! text along the fallback chain, the plain title and description, and what the page frame
//! needs to know of its translation state. [`LocalizedPage`] is the value render consumes and
//! the checker inspects; both get it from [`localize_page`], so they see the same page.
//!
//! Text that came from a fallback locale is wrapped in
//! `<span lang="…" class="tolk-fallback" data-message="…">`. Each piece of the Markdown
//! remembers where it came from (the skeleton, or a message of a locale's resource), so a
//! problem found later in the Markdown is reported at the file, line and column to fix.

use std::ops::Range;

use fluent_bundle::{FluentArgs, FluentValue};
use fluent_syntax::ast;

use super::{find_message, Localized, Lookup};
use crate::error::Diagnostic;
use crate::load::model::ModelValue;
use crate::load::skeleton::{ArgValue, Call, Piece, Skeleton};
use crate::load::Project;

/// CSS class of an element holding text shown from a fallback locale.
pub const FALLBACK_CLASS: &str = "tolk-fallback";

/// CSS class of the preview's wrapper around each string (never in `tolk build` output).
pub const MESSAGE_CLASS: &str = "tolk-msg";

/// Who the page is localized for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `tolk build` and `tolk check`: the page as published.
    Build,
    /// `tolk serve`: every string wrapped in `<span class="tolk-msg" data-message="ID">` for
    /// the drift overlay.
    Preview,
}

/// An article's page in one locale, before rendering.
#[derive(Debug, Clone)]
pub struct LocalizedPage {
    /// The locale.
    pub locale: String,
    /// The article slug.
    pub slug: String,
    /// The page title as plain text.
    pub title: String,
    /// The meta description as plain text ("" when the front matter names none).
    pub description: String,
    /// The Markdown, calls replaced.
    pub markdown: String,
    /// Number of calls in the body.
    pub strings: usize,
    /// Ids of the calls whose text came from a fallback locale, in order.
    pub fallback_ids: Vec<String>,
    /// Whether the locale itself defines every message `[publish] required` lists for it.
    pub required_ok: bool,
    /// Where each byte range of `markdown` came from, in order, covering it.
    pub origins: Vec<Origin>,
}

/// Where a byte range of a page's Markdown came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    /// The bytes of [`LocalizedPage::markdown`].
    pub range: Range<usize>,
    /// Their source.
    pub from: From,
}

/// The source of a piece of Markdown.
#[derive(Debug, Clone, PartialEq)]
pub enum From {
    /// Skeleton text starting at this byte offset of the skeleton.
    Skeleton(usize),
    /// The text of message `id` as `locale`'s bundle formatted it, for the call at byte
    /// `call` of the skeleton.
    Message {
        /// The message id.
        id: String,
        /// The locale that supplied the text (the page's, or a fallback).
        locale: String,
        /// Byte offset of the call in the skeleton.
        call: usize,
    },
}

impl LocalizedPage {
    /// Number of calls whose text came from a fallback locale.
    pub fn fallbacks(&self) -> usize {
        self.fallback_ids.len()
    }

    /// Share of the calls whose text came from the locale itself, in percent (rounded down).
    pub fn translated_percent(&self) -> usize {
        ((self.strings - self.fallbacks()) * 100).checked_div(self.strings).unwrap_or(100)
    }

    /// A diagnostic about byte `offset` of the Markdown, located where that text came from:
    /// the message's identifier in its resource, or the skeleton.
    pub fn locate(&self, project: &Project, skeleton: &Skeleton, offset: usize, message: &str) -> Diagnostic {
        let at = self.origins.partition_point(|o| o.range.end <= offset);
        match self.origins.get(at).map(|o| (&o.from, o.range.start)) {
            Some((From::Message { id, locale, call }, _)) => {
                match find_message(project, locale, Some(&self.slug), id) {
                    Some((file, span)) => Diagnostic::new(&file.source, span, format!("`{id}`: {message}")),
                    None => Diagnostic::new(&skeleton.source, *call..*call, format!("`{id}`: {message}")),
                }
            }
            Some((From::Skeleton(start), range_start)) => {
                let at = start + (offset - range_start);
                Diagnostic::new(&skeleton.source, at..at, message.to_string())
            }
            None => Diagnostic::new(&skeleton.source, 0..0, message.to_string()),
        }
    }
}

/// Localizes `article` in `locale` with `bundles` (which hold the article's bundles): every
/// call resolved with the arguments it passes (model values read), text from a fallback
/// locale marked, the front matter's title and description as plain text.
///
/// Errors: every problem of the page, located: a message no locale of the chain defines, a
/// model path that does not exist or holds no finite number, a string passed where the
/// message needs a number, a Fluent resolver error, and a message whose text would hide the
/// rest of the page (an unclosed `<!--`, `<script>`, `<style>`, …).
pub fn localize_page(
    project: &Project,
    bundles: &Localized,
    locale: &str,
    article: &Skeleton,
    mode: Mode,
) -> Result<LocalizedPage, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut page = LocalizedPage {
        locale: locale.to_string(),
        slug: article.slug.clone(),
        title: String::new(),
        description: String::new(),
        markdown: String::with_capacity(article.source.text.len() * 2),
        strings: 0,
        fallback_ids: Vec::new(),
        required_ok: true,
        origins: Vec::new(),
    };
    let mut skeleton_at = 0;
    for piece in article.pieces.iter() {
        let start = page.markdown.len();
        match piece {
            Piece::Text(text) => {
                // Text follows the previous call directly; only the first piece is searched for.
                let rest = &article.source.text[skeleton_at..];
                if !rest.starts_with(text.as_str()) {
                    skeleton_at = rest.find(text.as_str()).map_or(skeleton_at, |i| skeleton_at + i);
                }
                page.markdown.push_str(text);
                page.origins.push(Origin { range: start..page.markdown.len(), from: From::Skeleton(skeleton_at) });
                skeleton_at += text.len();
            }
            Piece::Call(call) => {
                page.strings += 1;
                skeleton_at = call.end;
                let resolved = match resolve(project, bundles, article, call, locale) {
                    Ok(resolved) => resolved,
                    Err(problem) => {
                        problems.push(problem);
                        continue;
                    }
                };
                let in_table = page.markdown.rsplit('\n').next().is_some_and(|line| line.trim_start().starts_with('|'));
                // Byte scans: `str::replace` with a set of chars is many times slower.
                let one_line = if memchr::memchr2(b'\n', b'\r', resolved.text.as_bytes()).is_some() {
                    std::borrow::Cow::Owned(resolved.text.replace(['\n', '\r'], " "))
                } else {
                    std::borrow::Cow::Borrowed(resolved.text.as_str())
                };
                let neutral = crate::inline::neutralize(&one_line);
                let mut text = crate::inline::escape_block_start(&neutral);
                if in_table && text.contains('|') {
                    text = std::borrow::Cow::Owned(text.replace('|', "\\|"));
                }
                if mode == Mode::Preview {
                    text = std::borrow::Cow::Owned(format!(
                        "<span class=\"{MESSAGE_CLASS}\" data-message=\"{}\">{text}</span>",
                        call.id
                    ));
                }
                if resolved.locale != locale {
                    page.fallback_ids.push(call.id.clone());
                    page.markdown.push_str(&format!(
                        "<span lang=\"{}\" class=\"{FALLBACK_CLASS}\" data-message=\"{}\">{text}</span>",
                        resolved.locale, call.id
                    ));
                } else {
                    page.markdown.push_str(&text);
                }
                let from = From::Message { id: call.id.clone(), locale: resolved.locale, call: call.offset };
                page.origins.push(Origin { range: start..page.markdown.len(), from });
                if let Some(why) = hides_rest(&text) {
                    problems.push(page.locate(project, article, start, &why));
                }
            }
        }
    }
    match front(project, bundles, article, &article.front.title, locale) {
        Ok(title) => page.title = title,
        Err(problem) => problems.push(problem),
    }
    if let Some(id) = &article.front.description {
        match front(project, bundles, article, id, locale) {
            Ok(description) => page.description = description,
            Err(problem) => problems.push(problem),
        }
    }
    let rule = project.config.publish.rule(locale, &article.slug);
    page.required_ok = rule.required.iter().all(|id| bundles.has_own(locale, Some(&article.slug), id));
    if problems.is_empty() {
        Ok(page)
    } else {
        Err(problems)
    }
}

/// The title of `locale`'s page of `article` as plain text (what [`localize_page`] gives as
/// [`LocalizedPage::title`]), without localizing the rest of the page.
///
/// Errors: the title message does not resolve (located at its id in the front matter).
pub fn title(project: &Project, bundles: &Localized, article: &Skeleton, locale: &str) -> Result<String, Diagnostic> {
    front(project, bundles, article, &article.front.title, locale)
}

/// The title of `locale`'s page of `article` read straight from the parsed resources, when
/// that gives what [`title`] gives: the message is found along the fallback chain as a bundle
/// finds it (shared resources, then the article's), its value is text only (no placeable:
/// Fluent formats such a pattern as its text elements joined), and no resource involved has
/// a problem. `None` otherwise: the caller builds the bundles and asks [`title`].
pub fn title_from_resources(project: &Project, article: &Skeleton, locale: &str) -> Option<String> {
    use fluent_syntax::ast::{Entry, PatternElement};
    let id = article.front.title.as_str();
    for candidate in
        std::iter::once(locale).chain(project.config.fallback.get(locale).into_iter().flatten().map(String::as_str))
    {
        let files = project.resources.get(candidate)?;
        let owners = project.owners(candidate)?;
        let own = owners.articles.get(&article.slug).into_iter().flatten();
        let mut found = None;
        for file in owners.shared.iter().chain(own).map(|&i| &files[i]) {
            if !file.resource.problems.is_empty() {
                return None;
            }
            let message = file.resource.fluent.entries().find_map(|e| match e {
                Entry::Message(m) if m.id.name == id => Some(m),
                _ => None,
            });
            match (message, found) {
                (Some(_), Some(_)) => return None, // defined twice: the bundles report it
                (Some(m), None) => found = Some(m),
                _ => {}
            }
        }
        let Some(value) = found.and_then(|m| m.value.as_ref()) else { continue };
        let mut text = String::new();
        for element in &value.elements {
            match element {
                PatternElement::TextElement { value } => text.push_str(value),
                PatternElement::Placeable { .. } => return None,
            }
        }
        return Some(plain(&text));
    }
    None
}

/// A front matter message (title, description) as plain text.
fn front(
    project: &Project,
    bundles: &Localized,
    article: &Skeleton,
    id: &str,
    locale: &str,
) -> Result<String, Diagnostic> {
    // The id's place in the front matter, for messages about it.
    let offset = article.source.text.find(&format!("\"{id}\"")).map_or(0, |i| i + 1);
    let call = Call { id: id.to_string(), args: Vec::new(), offset, end: offset + id.len() };
    resolve(project, bundles, article, &call, locale).map(|r| plain(&r.text)).map_err(|mut d| {
        d.message = format!("front matter: {}", d.message);
        d
    })
}

/// The text of `call` in `locale` and the locale that supplied it.
fn resolve(
    project: &Project,
    bundles: &Localized,
    skeleton: &Skeleton,
    call: &Call,
    locale: &str,
) -> Result<super::Resolved, Diagnostic> {
    let at_call = |message: String| Diagnostic::new(&skeleton.source, call.span(), message);
    let Some(found) = bundles.lookup(locale, Some(&skeleton.slug), &call.id) else {
        let chain: Vec<&str> = bundles.chain(locale).collect();
        return Err(at_call(format!(
            "unknown message `{}`: no locale of the chain {} defines it; add it to locales/{}/{}.ftl",
            call.id,
            chain.join(" → "),
            chain.last().copied().unwrap_or(locale),
            skeleton.slug
        )));
    };
    let mut args = FluentArgs::new();
    for (name, value) in &call.args {
        let value = match value {
            ArgValue::Number(n) => number(*n),
            ArgValue::String(s) => string(&found, &call.id, name, s).map_err(at_call)?,
            ArgValue::Model(path) => match project.model.get(path).map_err(&at_call)? {
                ModelValue::Number(n) => number(n),
                ModelValue::String(s) => string(&found, &call.id, name, &s).map_err(|why| {
                    at_call(format!("{why} (model path `{path}`: write the value without quotes in the model)"))
                })?,
            },
        };
        args.set(name.clone(), value);
    }
    let text = found.format((!call.args.is_empty()).then_some(&args)).map_err(|errors| {
        let message =
            format!("{} (called at {})", errors.join("; "), crate::error::Location::at(&skeleton.source, call.offset));
        match find_message(project, found.locale, Some(&skeleton.slug), &call.id) {
            Some((file, span)) => Diagnostic::new(&file.source, span, format!("`{}`: {message}", call.id)),
            None => at_call(format!("message `{}` in `{}`: {message}", call.id, found.locale)),
        }
    })?;
    Ok(super::Resolved { text, locale: found.locale.to_string() })
}

/// A string argument, refused when the message uses the variable as a number (a plural
/// selector or `NUMBER()`): a string never matches a CLDR plural category, so the page would
/// show the default variant whatever the number.
fn string(found: &Lookup, id: &str, name: &str, value: &str) -> Result<FluentValue<'static>, String> {
    if found.value().is_some_and(|p| numeric_use(p, name)) {
        return Err(format!(
            "argument `{name}` of `{id}` is the string \"{value}\", but `{id}` in `{}` uses `${name}` as a number \
             (a plural selector or NUMBER()); pass a number",
            found.locale
        ));
    }
    Ok(FluentValue::from(value.to_string()))
}

fn number(n: f64) -> FluentValue<'static> {
    if n.fract() == 0.0 && n.abs() < 9e15 {
        FluentValue::from(n as i64)
    } else {
        FluentValue::from(n)
    }
}

/// Whether `pattern` uses `$var` as a number: inside `NUMBER()`, or as the selector of a
/// select expression with a CLDR plural category or a number as a variant key.
fn numeric_use(pattern: &ast::Pattern<&str>, var: &str) -> bool {
    pattern.elements.iter().any(|e| match e {
        ast::PatternElement::Placeable { expression } => expression_numeric(expression, var),
        ast::PatternElement::TextElement { .. } => false,
    })
}

fn expression_numeric(expression: &ast::Expression<&str>, var: &str) -> bool {
    match expression {
        ast::Expression::Inline(inline) => inline_numeric(inline, var),
        ast::Expression::Select { selector, variants } => {
            let plural = variants.iter().any(|v| match &v.key {
                ast::VariantKey::NumberLiteral { .. } => true,
                ast::VariantKey::Identifier { name } => {
                    matches!(*name, "zero" | "one" | "two" | "few" | "many")
                }
            });
            let on_var = matches!(selector, ast::InlineExpression::VariableReference { id } if id.name == var);
            (plural && on_var) || inline_numeric(selector, var) || variants.iter().any(|v| numeric_use(&v.value, var))
        }
    }
}

fn inline_numeric(inline: &ast::InlineExpression<&str>, var: &str) -> bool {
    match inline {
        ast::InlineExpression::FunctionReference { id, arguments } => {
            (id.name == "NUMBER"
                && arguments
                    .positional
                    .iter()
                    .any(|a| matches!(a, ast::InlineExpression::VariableReference { id } if id.name == var)))
                || arguments.positional.iter().any(|a| inline_numeric(a, var))
        }
        ast::InlineExpression::Placeable { expression } => expression_numeric(expression, var),
        _ => false,
    }
}

/// HTML that, opened in one message and not closed in it, swallows the rest of the page:
/// an HTML comment, and the elements whose content the HTML parser reads as raw text (HTML
/// Living Standard, "raw text" and "escapable raw text" elements, plus `plaintext`, `xmp`,
/// `noembed`, `noframes`, `noscript`, `iframe`).
const SWALLOWING: &[&str] =
    &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"];

/// Why `text` (one message's Markdown) would hide the rest of the page, if it would (the build
/// refuses such a message; import refuses to write one). Only raw
/// HTML counts (what pulldown-cmark passes through as HTML): `<style>` in a code span is text.
pub fn hides_rest(text: &str) -> Option<String> {
    // memchr's search (vector instructions) rather than `str::contains`'s (a word at a time).
    memchr::memchr(b'<', text.as_bytes())?;
    use pulldown_cmark::{Event, Options, Parser};
    let html: String = Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_GFM)
        .filter_map(|e| match e {
            Event::Html(h) | Event::InlineHtml(h) => Some(h.into_string()),
            _ => None,
        })
        .collect();
    let lower = html.to_ascii_lowercase();
    if let Some(open) = lower.find("<!--") {
        if !lower[open + 4..].contains("-->") {
            return Some(
                "`<!--` is not closed by `-->` in this message: the rest of the page would be hidden; \
                         close the comment or write `&lt;!--`"
                    .to_string(),
            );
        }
    }
    for name in SWALLOWING {
        let opener = format!("<{name}");
        let mut from = 0;
        while let Some(i) = lower[from..].find(&opener).map(|i| from + i) {
            let after = lower[i + opener.len()..].chars().next();
            from = i + opener.len();
            if !after.is_none_or(|c| c == '>' || c == '/' || c.is_ascii_whitespace()) {
                continue;
            }
            if !lower[from..].contains(&format!("</{name}")) {
                return Some(format!(
                    "`<{name}>` is not closed in this message: the rest of the page would be hidden; \
                     close it or write `&lt;{name}>`"
                ));
            }
        }
    }
    None
}

/// Text of a Markdown fragment without markup (for `<title>` and meta description).
pub fn plain(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    Parser::new(markdown)
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.into_string()),
            Event::SoftBreak | Event::HardBreak => Some(" ".into()),
            _ => None,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_read_from_resources_are_the_titles_bundles_give() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut project = Project::load(root).unwrap();
        // de's title of one article uses a term: only bundles can format it.
        let article = project.articles[0].clone();
        let de = project.resources.get_mut("de").unwrap();
        let at = de.iter().position(|f| f.name == format!("{}.ftl", article.slug)).unwrap();
        let text = format!("-brand = Partner Center\n{} = Über {{ -brand }}\n", article.front.title);
        let source = crate::source::SourceText::new("de.ftl", text);
        de[at] = crate::load::ResourceFile::new("de", &de[at].name, source);
        let bundles = Localized::new(&project).unwrap();
        let mut quick = 0;
        for article in project.articles.iter() {
            for locale in &project.config.locales {
                let slow = title(&project, &bundles, article, locale).unwrap();
                match title_from_resources(&project, article, locale) {
                    Some(fast) => {
                        assert_eq!(fast, slow, "{locale} {}", article.slug);
                        quick += 1;
                    }
                    None => assert!(locale == "de" && article.slug == project.articles[0].slug, "{locale}"),
                }
            }
        }
        assert_eq!(quick, project.articles.len() * project.config.locales.len() - 1);
        assert_eq!(title(&project, &bundles, &project.articles[0], "de").unwrap(), "Über Partner Center");
    }

    #[test]
    fn unclosed_swallowing_html_is_found_and_closed_html_is_not() {
        assert_eq!(hides_rest("Zie <!-- later"), None, "an unclosed inline comment is text in CommonMark");
        assert!(hides_rest("a <STYLE>p{}").is_some());
        assert!(hides_rest("a <textarea rows=2>x").is_some());
        assert_eq!(hides_rest("a <!-- x --> b <style>p{}</style> <titles> <b>bold</b>"), None);
        assert_eq!(hides_rest("plain text"), None);
        assert_eq!(hides_rest("Use `<style>` and `<!--` in code"), None, "code spans are text");
        assert!(hides_rest("<!-- a comment left open").is_some(), "an HTML block runs to `-->`");
    }

    #[test]
    fn numeric_uses_are_found_in_selectors_and_number_calls() {
        let parse = |ftl: &str| {
            let source = crate::source::SourceText::new("x.ftl", ftl);
            std::sync::Arc::clone(&crate::load::fluent::Resource::parse(&source).fluent)
        };
        let uses = |ftl: &str, var: &str| {
            let resource = parse(ftl);
            let found = match resource.entries().next() {
                Some(ast::Entry::Message(m)) => numeric_use(m.value.as_ref().unwrap(), var),
                _ => unreachable!("one message"),
            };
            found
        };
        assert!(uses("m = { $n ->\n    [one] one\n   *[other] many\n}\n", "n"));
        assert!(uses("m = { NUMBER($n, minimumFractionDigits: 1) } x\n", "n"));
        assert!(uses("m = { $k ->\n   *[a] { NUMBER($n) }\n}\n", "n"));
        assert!(!uses("m = { $kind ->\n    [gold] Gold\n   *[other] Other\n}\n", "kind"));
        assert!(!uses("m = { $n } items\n", "n"));
    }
}
