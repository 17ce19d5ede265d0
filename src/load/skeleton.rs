//! Article skeletons: `content/articles/SLUG.md`, front matter plus Markdown whose text
//! comes from Fluent through calls.
//!
//! ```text
//! +++
//! title = "technical-support-benefits"     # message id of the page title
//! description = "overview--p-1"            # optional message id for the meta description
//! aliases = ["technical-benefits"]         # optional: other file stems links may use
//! weight = 10                              # optional: order in the article list
//! +++
//! ## {{ overview }} {#overview}
//! | {{ tier-gold }} | {{ incidents count=benefits.tiers.gold.product-support-incidents }} |
//! ```
//!
//! A call is `{{ MESSAGE-ID NAME=VALUE… }}`: a Fluent message of the article's bundle, with
//! optional Fluent arguments whose VALUE is a number (`5`), a quoted string (`"none"`) or a
//! model path (`benefits.tiers.gold.incidents`). Everything outside calls is Markdown
//! (CommonMark with GFM tables and alerts, and `{#id}` heading attributes).

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::source::SourceText;

/// One article skeleton.
#[derive(Debug, Clone)]
pub struct Skeleton {
    /// The article slug: the file stem.
    pub slug: String,
    /// Front matter.
    pub front: FrontMatter,
    /// The body split into Markdown text and calls, in order.
    pub pieces: std::sync::Arc<[Piece]>,
    /// The file, for positions.
    pub source: SourceText,
}

/// Skeleton front matter (TOML between `+++` lines).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Message id of the page title.
    pub title: String,
    /// Message id of the meta description.
    pub description: Option<String>,
    /// Other file stems by which Markdown links may name this article.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Sort key in article lists (ascending, then by slug).
    #[serde(default)]
    pub weight: i64,
}

/// A piece of a skeleton body.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// Markdown copied as is.
    Text(String),
    /// A call into Fluent.
    Call(Call),
}

/// `{{ id name=value… }}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The message id.
    pub id: String,
    /// Fluent arguments, in written order.
    pub args: Vec<(String, ArgValue)>,
    /// Byte offset of the `{{` in the skeleton.
    pub offset: usize,
    /// Byte offset just past the closing `}}`.
    pub end: usize,
}

impl Call {
    /// The bytes of the call in the skeleton, `{{` to `}}`.
    pub fn span(&self) -> std::ops::Range<usize> {
        self.offset..self.end
    }
}

/// The value of a call argument.
#[derive(Debug, Clone, PartialEq)]
pub enum ArgValue {
    /// A number literal.
    Number(f64),
    /// A quoted string literal.
    String(String),
    /// A model path, resolved at render time.
    Model(String),
}

impl Skeleton {
    /// Parses a skeleton from `source`, whose file stem is the `slug`.
    ///
    /// Errors: [`Error::Input`] at the start of the file for a `slug` that is not one
    /// ([`is_slug`]); at the offending place for missing or malformed front matter,
    /// an unclosed `{{`, or a call that is not `ID NAME=VALUE…`.
    pub fn parse(slug: &str, source: SourceText) -> Result<Skeleton> {
        if !is_slug(slug) {
            return Err(Error::input(
                &source,
                0,
                format!("`{}` is not an article slug: {SLUG_RULE}", slug.escape_debug()),
            ));
        }
        let text = &source.text;
        let Some(rest) = text.strip_prefix("+++\n").or_else(|| text.strip_prefix("+++\r\n")) else {
            return Err(Error::input(
                &source,
                0,
                "a skeleton starts with TOML front matter between `+++` lines, with at least `title = \"MESSAGE-ID\"`",
            ));
        };
        let front_start = text.len() - rest.len();
        let Some(end) = rest.find("\n+++") else {
            return Err(Error::input(&source, 0, "front matter is not closed by a `+++` line"));
        };
        // A CRLF line ending before the closing `+++` is not part of the TOML.
        let front_text = rest[..end].strip_suffix('\r').unwrap_or(&rest[..end]);
        let front: FrontMatter = toml::from_str(front_text).map_err(|e| {
            let at = e.span().map(|s| s.start).unwrap_or(0);
            let message = crate::load::config::toml_message(front_text, at, &e);
            Error::input(&source, front_start + at, format!("front matter: {message}"))
        })?;
        let body_start = front_start + end + 4;
        let body_start = body_start + text[body_start..].find('\n').map(|i| i + 1).unwrap_or(text.len() - body_start);
        let pieces = parse_body(&source, body_start)?;
        Ok(Skeleton { slug: slug.to_string(), front, pieces: pieces.into(), source })
    }

    /// Every call in the body, in order.
    pub fn calls(&self) -> impl Iterator<Item = &Call> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Call(c) => Some(c),
            Piece::Text(_) => None,
        })
    }
}

fn parse_body(source: &SourceText, start: usize) -> Result<Vec<Piece>> {
    let text = &source.text;
    let mut pieces = Vec::new();
    let mut pos = start;
    while let Some(open) = text[pos..].find("{{").map(|i| pos + i) {
        if open > pos {
            pieces.push(Piece::Text(text[pos..open].to_string()));
        }
        let Some(close) = text[open..].find("}}").map(|i| open + i) else {
            return Err(Error::input(source, open, "`{{` is not closed by `}}`"));
        };
        if text[open..close].contains('\n') {
            return Err(Error::input(source, open, "`{{` is not closed by `}}` on the same line"));
        }
        let mut call = parse_call(source, open, &text[open + 2..close])?;
        call.end = close + 2;
        pieces.push(Piece::Call(call));
        pos = close + 2;
    }
    if pos < text.len() {
        pieces.push(Piece::Text(text[pos..].to_string()));
    }
    Ok(pieces)
}

fn parse_call(source: &SourceText, offset: usize, inner: &str) -> Result<Call> {
    let mut words = inner.split_whitespace();
    let id = words.next().unwrap_or_default();
    if !is_identifier(id) {
        let hint = "a call is `{{ MESSAGE-ID }}` or `{{ MESSAGE-ID name=value }}`; ids start with a letter and use letters, digits, `-` and `_`";
        return Err(Error::input(source, offset, format!("`{{{{{inner}}}}}`: {hint}")));
    }
    let mut args = Vec::new();
    for word in words {
        let Some((name, value)) = word.split_once('=') else {
            return Err(Error::input(source, offset, format!("argument `{word}` of `{id}` is not `name=value`")));
        };
        if !is_identifier(name) {
            return Err(Error::input(
                source,
                offset,
                format!("argument name `{name}` of `{id}` is not a Fluent identifier"),
            ));
        }
        let value = if let Some(s) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
            ArgValue::String(s.to_string())
        } else if let Some(n) = number_literal(value) {
            if !n.is_finite() || n.abs() > crate::load::model::MAX_EXACT as f64 {
                return Err(Error::input(
                    source,
                    offset,
                    format!("argument `{name}` of `{id}`: `{value}` is not a number a page can show exactly"),
                ));
            }
            ArgValue::Number(n)
        } else if !value.is_empty() && value.split('.').all(|p| !p.is_empty()) {
            ArgValue::Model(value.to_string())
        } else {
            return Err(Error::input(
                source,
                offset,
                format!("argument `{name}` of `{id}`: `{value}` is not a number, a \"string\" or a model path"),
            ));
        };
        args.push((name.to_string(), value));
    }
    Ok(Call { id: id.to_string(), args, offset, end: offset })
}

/// `value` as a number when it is written as one: digits with an optional sign, fraction and
/// exponent (`inf` and `NaN`, which Rust would parse, are not numbers here).
fn number_literal(value: &str) -> Option<f64> {
    let digits = value.trim_start_matches(['-', '+']);
    digits.starts_with(|c: char| c.is_ascii_digit() || c == '.').then(|| value.parse().ok()).flatten()
}

/// What an article slug may be, as error messages say it.
pub const SLUG_RULE: &str = "a slug (the skeleton's file name without `.md`) is 1 to 100 ASCII letters, digits, \
`-` and `_`, starting with a letter or digit, so that it is safe in every URL, file name and HTML attribute";

/// Whether `s` is an article slug: `[A-Za-z0-9][A-Za-z0-9_-]{0,99}` (portable in URLs, file
/// names on every system, and HTML attributes without escaping).
pub fn is_slug(s: &str) -> bool {
    let mut chars = s.chars();
    s.len() <= 100
        && chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Whether `s` is a Fluent identifier: `[a-zA-Z][a-zA-Z0-9_-]*` (Fluent syntax spec).
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> Result<Skeleton> {
        Skeleton::parse("a", SourceText::new("a.md", format!("+++\ntitle = \"t\"\n+++\n{body}")))
    }

    #[test]
    fn calls_carry_arguments_and_offsets() {
        let s = parse("| {{ incidents count=benefits.tiers.gold.n kind=\"x\" n=5 }} |\n").unwrap();
        let call = s.calls().next().unwrap();
        assert_eq!(call.id, "incidents");
        assert_eq!(call.args[0], ("count".into(), ArgValue::Model("benefits.tiers.gold.n".into())));
        assert_eq!(call.args[1], ("kind".into(), ArgValue::String("x".into())));
        assert_eq!(call.args[2], ("n".into(), ArgValue::Number(5.0)));
        assert_eq!(s.source.line_col(call.offset), (4, 3));
        assert_eq!(s.pieces[0], Piece::Text("| ".into()));
    }

    #[test]
    fn numbers_a_page_cannot_show_are_refused() {
        for bad in ["n=1e400", "n=9e300000", "n=99999999999999999"] {
            let err = parse(&format!("{{{{ m {bad} }}}}\n")).unwrap_err();
            assert!(err.to_string().contains("not a number a page can show"), "{bad}: {err}");
        }
        let s = parse("{{ m a=inf b=NaN }}\n").unwrap();
        let call = s.calls().next().unwrap();
        assert_eq!(call.args[0].1, ArgValue::Model("inf".into()), "a word is a model path, never a float");
        assert_eq!(call.args[1].1, ArgValue::Model("NaN".into()));
    }

    #[test]
    fn bad_calls_are_located() {
        let err = parse("ok\n  {{ 9lives }}\n").unwrap_err();
        assert!(err.to_string().starts_with("a.md:5:3: error:"), "{err}");
        let err = parse("{{ open\n").unwrap_err();
        assert!(err.to_string().contains("a.md:4:1"), "{err}");
    }

    #[test]
    fn a_control_character_in_front_matter_is_named() {
        // Found by fuzzing: the toml crate gives no message for it.
        let err = Skeleton::parse("a", SourceText::new("a.md", "+++\n# x\u{10}\ntitle = \"t\"\n+++\n")).unwrap_err();
        assert!(err.to_string().contains("a.md:2:4: error: front matter: control character U+0010"), "{err}");
    }

    #[test]
    fn front_matter_is_required_and_checked() {
        let err = Skeleton::parse("a", SourceText::new("a.md", "# hi\n")).unwrap_err();
        assert!(err.to_string().contains("front matter"));
        let err = Skeleton::parse("a", SourceText::new("a.md", "+++\ntitle = \"t\"\ncolour = 1\n+++\n")).unwrap_err();
        assert!(err.to_string().starts_with("a.md:3:1"), "{err}");
    }
}
