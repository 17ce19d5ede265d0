//! A Fluent pattern as a translator's tool sees it: text to translate and protected codes.
//!
//! Fluent placeables (`{ $count }`, `{ -brand }`, a select expression inside a sentence) and
//! the Markdown a translation must keep (a link's `[` and `](destination)`, an image's `![`
//! and `](source)`, a code span, inline HTML, an autolink) become codes: XLIFF's inline
//! elements (`<ph>`, `<bpt>`/`<ept>` in 1.2, `<ph>`/`<pc>` in 2.0) so that CAT tools protect
//! them. Link and image text stays text between an opening and a closing code. The Markdown
//! is found by pulldown-cmark (CommonMark with GFM), the placeables by the Fluent parser.
//! [`join`] turns pieces back into a Fluent pattern.

use fluent_syntax::ast;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::load::fluent::pattern_text;

/// One piece of a unit's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text to translate (plain characters, not Fluent syntax).
    Text(String),
    /// A protected code.
    Code(Code),
}

/// A protected code: its number within the unit (an opening and its closing code share
/// one), its role and its native text (Fluent and Markdown syntax, verbatim).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    /// Number within the unit, from 1.
    pub id: usize,
    /// Standalone, or the opening or closing half of a pair.
    pub kind: CodeKind,
    /// The native text, e.g. `{ $count }`, `[`, `](https://example.org)`.
    pub native: String,
}

/// The role of a [`Code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    /// A placeholder (`<ph>`).
    Standalone,
    /// Opens a span whose content is text (`<bpt>`, the start of `<pc>`).
    Open,
    /// Closes it (`<ept>`, the end of `<pc>`).
    Close,
}

/// The character standing for a placeable while the Markdown is read (U+FFFC OBJECT
/// REPLACEMENT CHARACTER: text to CommonMark). Which characters are placeables is recorded
/// by byte offset, so the same character in a translation's text stays text.
const PLACEHOLDER: char = '\u{FFFC}';

/// The pieces of `pattern`: text, placeables as standalone codes (a string literal such as
/// `{"{"}` is its text), and the Markdown codes of the text.
pub fn split(pattern: &ast::Pattern<&str>) -> Vec<Piece> {
    let mut flat = String::new();
    // Byte offset in `flat` → the placeable's native text.
    let mut placeables: std::collections::HashMap<usize, String> = std::collections::HashMap::new();
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => flat.push_str(value),
            ast::PatternElement::Placeable {
                expression: ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }),
            } => flat.push_str(&unescape(value)),
            ast::PatternElement::Placeable { .. } => {
                placeables.insert(flat.len(), pattern_text(&ast::Pattern { elements: vec![element.clone()] }));
                flat.push(PLACEHOLDER);
            }
        }
    }
    let placeable_at = |at: usize| placeables.get(&at).filter(|_| flat[at..].starts_with(PLACEHOLDER));
    let natives = |range: std::ops::Range<usize>| -> String {
        flat[range.clone()]
            .char_indices()
            .map(|(i, c)| match placeable_at(range.start + i) {
                Some(native) => native.clone(),
                None => c.to_string(),
            })
            .collect()
    };
    // Code boundaries from the Markdown: (start, end, kind, pair number).
    let mut codes: Vec<(usize, usize, CodeKind, usize)> = Vec::new();
    let mut pairs = 0;
    let mut open: Vec<(usize, usize, Option<usize>)> = Vec::new(); // (link start, pair, first inner)
    let mut inner_end = 0;
    let events = Parser::new_ext(&flat, Options::ENABLE_GFM | Options::ENABLE_STRIKETHROUGH).into_offset_iter();
    for (event, range) in events {
        match event {
            Event::Start(Tag::Link {
                link_type: pulldown_cmark::LinkType::Autolink | pulldown_cmark::LinkType::Email,
                ..
            }) => {
                codes.push((range.start, range.end, CodeKind::Standalone, 0));
                open.push((usize::MAX, 0, None));
            }
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                note_inner(&mut open, &mut inner_end, range.start..range.start);
                pairs += 1;
                open.push((range.start, pairs, None));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                let Some((start, pair, first)) = open.pop() else { continue };
                if start == usize::MAX {
                    continue;
                }
                let inner = inner_end;
                inner_end = inner_end.max(range.end);
                let inner_end = inner;
                match first {
                    Some(first) if first < inner_end => {
                        codes.push((start, first, CodeKind::Open, pair));
                        codes.push((inner_end, range.end, CodeKind::Close, pair));
                    }
                    _ => codes.push((start, range.end, CodeKind::Standalone, 0)),
                }
            }
            Event::Code(_) | Event::InlineHtml(_) | Event::Html(_) => {
                note_inner(&mut open, &mut inner_end, range.clone());
                codes.push((range.start, range.end, CodeKind::Standalone, 0));
            }
            _ => {
                if !matches!(event, Event::Start(_) | Event::End(_)) {
                    note_inner(&mut open, &mut inner_end, range.clone());
                } else if let Event::Start(_) = event {
                    note_inner(&mut open, &mut inner_end, range.start..range.start);
                } else {
                    inner_end = inner_end.max(range.end);
                }
            }
        }
    }
    codes.sort_by_key(|c| (c.0, c.1));
    // Drop codes inside another (a code span inside an autolink's range cannot happen, but
    // keep the walk simple and safe).
    let mut kept: Vec<(usize, usize, CodeKind, usize)> = Vec::new();
    for code in codes {
        if kept.last().is_none_or(|last| code.0 >= last.1) && code.0 < code.1 {
            kept.push(code);
        }
    }
    let mut pieces = Vec::new();
    let mut next_id = 0;
    let mut pair_ids = std::collections::HashMap::new();
    let mut at = 0;
    let push_text = |pieces: &mut Vec<Piece>, next_id: &mut usize, range: std::ops::Range<usize>| {
        let mut run = String::new();
        for (i, c) in flat[range.clone()].char_indices() {
            if let Some(native) = placeable_at(range.start + i) {
                if !run.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut run)));
                }
                *next_id += 1;
                pieces.push(Piece::Code(Code { id: *next_id, kind: CodeKind::Standalone, native: native.clone() }));
            } else {
                run.push(c);
            }
        }
        if !run.is_empty() {
            pieces.push(Piece::Text(run));
        }
    };
    for (start, end, kind, pair) in kept {
        push_text(&mut pieces, &mut next_id, at..start);
        let id = match kind {
            CodeKind::Close => pair_ids.get(&pair).copied().unwrap_or(0),
            _ => {
                next_id += 1;
                pair_ids.insert(pair, next_id);
                next_id
            }
        };
        pieces.push(Piece::Code(Code { id, kind, native: natives(start..end) }));
        at = end;
    }
    push_text(&mut pieces, &mut next_id, at..flat.len());
    pieces
}

/// Records that an inner event of the innermost open link starts at `range.start` and ends
/// at `range.end`.
fn note_inner(open: &mut [(usize, usize, Option<usize>)], inner_end: &mut usize, range: std::ops::Range<usize>) {
    if let Some(last) = open.last_mut() {
        if last.2.is_none() {
            last.2 = Some(range.start);
        }
    }
    *inner_end = (*inner_end).max(range.end);
}

/// A Fluent string literal's value: `\"`, `\\`, `\uXXXX` and `\UXXXXXX` resolved.
fn unescape(literal: &str) -> String {
    let mut out = String::new();
    fluent_syntax::unicode::unescape_unicode(&mut out, literal).ok();
    out
}

/// The pieces as a Fluent pattern (one line per line of text): codes verbatim, text escaped
/// where Fluent would read it as syntax (`{`, `}`; `[`, `*`, `.` starting a line; a leading
/// space; an empty pattern as `{""}`).
pub fn join(pieces: &[Piece]) -> String {
    layout(&native(pieces))
}

/// The pieces as a PO file shows them: Fluent pattern text without the escapes that only
/// the position in a line needs (a leading `*`, `[`, `.` or space stays as written);
/// [`layout`] puts them back.
pub fn native(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Code(code) => out.push_str(&code.native),
            Piece::Text(text) => {
                for c in text.chars() {
                    match c {
                        '{' => out.push_str("{\"{\"}"),
                        '}' => out.push_str("{\"}\"}"),
                        '\r' => {}
                        c => out.push(c),
                    }
                }
            }
        }
    }
    out
}

/// `text` (Fluent pattern text, as [`native`] or a PO translation writes it) made safe for
/// indented lines: outside placeables, a line starting with `[`, `*` or `.` gets its
/// string-literal escape (Fluent would read a variant or an attribute), as does a leading
/// space; an empty text becomes `{""}`. Text already in that form is returned as it is.
pub fn layout(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut depth, mut in_string, mut escaped, mut line_start) = (0usize, false, false, true);
    for c in text.chars() {
        if line_start && depth == 0 {
            match c {
                '[' | '*' | '.' => {
                    out.push_str(&format!("{{\"{c}\"}}"));
                    line_start = false;
                    continue;
                }
                ' ' if out.is_empty() => {
                    out.push_str("{\" \"}");
                    line_start = false;
                    continue;
                }
                _ => {}
            }
        }
        out.push(c);
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else {
            match c {
                '{' => depth += 1,
                '}' => depth = depth.saturating_sub(1),
                '"' if depth > 0 => in_string = true,
                _ => {}
            }
        }
        line_start = c == '\n';
    }
    if out.is_empty() {
        return "{\"\"}".to_string();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<Piece> {
        let source = crate::source::SourceText::new("t.ftl", format!("m = {text}\n"));
        let resource = crate::load::fluent::Resource::parse(&source);
        let Some(ast::Entry::Message(m)) = resource.fluent.entries().next() else { panic!("a message") };
        split(m.value.as_ref().expect("a value"))
    }

    fn codes(p: &[Piece]) -> Vec<(usize, CodeKind, String)> {
        p.iter()
            .filter_map(|p| match p {
                Piece::Code(c) => Some((c.id, c.kind, c.native.clone())),
                Piece::Text(_) => None,
            })
            .collect()
    }

    #[test]
    fn placeables_links_and_code_are_codes() {
        let p = pieces("Open [Support for Business](https://x.org/a) and run `tolk` for { $count } { -brand }.");
        assert_eq!(
            codes(&p),
            [
                (1, CodeKind::Open, "[".to_string()),
                (1, CodeKind::Close, "](https://x.org/a)".to_string()),
                (2, CodeKind::Standalone, "`tolk`".to_string()),
                (3, CodeKind::Standalone, "{ $count }".to_string()),
                (4, CodeKind::Standalone, "{ -brand }".to_string()),
            ]
        );
        assert!(p.contains(&Piece::Text("Support for Business".into())));
    }

    #[test]
    fn the_placeholder_character_in_text_stays_text() {
        let p = pieces("a \u{FFFC} { $n } \u{F0000} b");
        assert_eq!(codes(&p), [(1, CodeKind::Standalone, "{ $n }".to_string())]);
        assert_eq!(native(&p), "a \u{FFFC} { $n } \u{F0000} b");
    }

    #[test]
    fn a_placeable_inside_link_text_and_destination() {
        let p = pieces("See [{ -brand } docs]({ $url }) or <https://a.b>, ![logo](x.png) <b>bold</b>");
        let c = codes(&p);
        assert_eq!(c[0], (1, CodeKind::Open, "[".to_string()));
        assert_eq!(c[1], (2, CodeKind::Standalone, "{ -brand }".to_string()));
        assert_eq!(c[2], (1, CodeKind::Close, "]({ $url })".to_string()));
        assert_eq!(c[3].2, "<https://a.b>");
        assert_eq!((c[4].1, c[4].2.as_str()), (CodeKind::Open, "!["));
        assert_eq!(c[5].2, "](x.png)");
        assert_eq!(c[6].2, "<b>");
    }

    #[test]
    fn join_reads_back_as_the_same_pattern() {
        for text in [
            "plain text",
            "Open [x](https://y) { $n } `code` and {\"{\"}braces{\"}\"}",
            "{ $n ->\n    [one] one file\n   *[other] { $n } files\n}",
            "[](empty) link and { \"[\" }bracket",
            "first\n    second line",
        ] {
            let original = pieces(text);
            let joined = join(&original);
            assert_eq!(super::super::edit::canonical_value(&joined), Ok(native(&original)), "{text} → {joined}");
        }
    }
}
