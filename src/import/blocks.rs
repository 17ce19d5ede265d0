//! Markdown leaf blocks, the unit every importer turns into one message.
//!
//! pulldown-cmark (CommonMark with GFM tables and alerts) gives the inline text of each leaf
//! block: a heading, paragraph, list item, alert, block quote or table cell. Importers make
//! one Fluent message of each and put a call (`{{ ID }}`) in its place in the skeleton.

use std::collections::BTreeSet;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// One leaf block with its source text and (for a translation) its translated text.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// Message id.
    pub id: String,
    /// The source text (inline Markdown, one line).
    pub english: String,
    /// The translation (inline Markdown, one line; empty for a source document).
    pub translation: String,
    /// 1-based line in the file where the block starts.
    pub line: usize,
    /// The kind of block, as [`Run::kind`].
    pub kind: &'static str,
    /// The source text of the heading of the section the block is in (its own text for a
    /// heading; empty before the first heading).
    pub section: String,
}

/// The inline text of one leaf block.
pub struct Run {
    /// `title` (heading), `p`, `step` (ordered list item), `item`, `quote`, `cell`, an alert's
    /// kind (`note`, `tip`, `important`, `warning`, `caution`) or `code` (a code block's text).
    pub kind: &'static str,
    /// Bytes of the Markdown text.
    pub range: Range<usize>,
}

/// The inline text ranges of every leaf block, with the kind of block they belong to.
pub fn leaf_runs(template: &str) -> Vec<Run> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_GFM | Options::ENABLE_STRIKETHROUGH;
    let mut stack: Vec<&'static str> = Vec::new();
    let mut lists: Vec<bool> = Vec::new();
    let mut runs = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let flush = |current: &mut Option<Range<usize>>, stack: &[&'static str], runs: &mut Vec<Run>| {
        if let Some(range) = current.take() {
            let kind = stack.iter().rev().copied().find(|k| *k != "p").unwrap_or("p");
            let kind = match stack.last() {
                Some(&"title") => "title",
                Some(&"code") => "code",
                _ => kind,
            };
            runs.push(Run { kind, range });
        }
    };
    for (event, range) in Parser::new_ext(template, options).into_offset_iter() {
        let inline = matches!(
            event,
            Event::Text(_)
                | Event::Code(_)
                | Event::InlineHtml(_)
                | Event::SoftBreak
                | Event::HardBreak
                | Event::FootnoteReference(_)
                | Event::InlineMath(_)
                | Event::DisplayMath(_)
        ) || matches!(&event, Event::Start(t) if is_inline(t))
            || matches!(&event, Event::End(t) if is_inline_end(t));
        if inline {
            current = Some(match current.take() {
                Some(r) => r.start.min(range.start)..r.end.max(range.end),
                None => range,
            });
            continue;
        }
        flush(&mut current, &stack, &mut runs);
        match event {
            Event::Start(tag) => {
                let kind = match tag {
                    Tag::Heading { .. } => "title",
                    Tag::List(first) => {
                        lists.push(first.is_some());
                        "list"
                    }
                    Tag::Item => {
                        if lists.last() == Some(&true) {
                            "step"
                        } else {
                            "item"
                        }
                    }
                    Tag::BlockQuote(Some(kind)) => alert_name(kind),
                    Tag::BlockQuote(None) => "quote",
                    Tag::TableCell => "cell",
                    Tag::CodeBlock(_) => "code",
                    _ => "p",
                };
                stack.push(kind);
            }
            Event::End(tag) => {
                if matches!(tag, TagEnd::List(_)) {
                    lists.pop();
                }
                stack.pop();
            }
            _ => {}
        }
    }
    flush(&mut current, &stack, &mut runs);
    runs
}

fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

fn alert_name(kind: pulldown_cmark::BlockQuoteKind) -> &'static str {
    use pulldown_cmark::BlockQuoteKind as K;
    match kind {
        K::Note => "note",
        K::Tip => "tip",
        K::Important => "important",
        K::Warning => "warning",
        K::Caution => "caution",
    }
}

/// Joins the lines of a run into one: continuation lines lose their indentation and
/// blockquote markers.
pub fn join_lines(raw: &str) -> String {
    raw.lines()
        .enumerate()
        .map(
            |(i, line)| {
                if i == 0 {
                    line.trim()
                } else {
                    line.trim_start().trim_start_matches(['>', ' ', '\t']).trim()
                }
            },
        )
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Removes trailing whitespace from every line (the seeds carry plenty).
pub fn tidy(text: &str) -> String {
    let mut out: String = text.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
    out.push('\n');
    out
}

/// A section name for a heading, from its anchor or its English: a Fluent identifier
/// (`[a-zA-Z][a-zA-Z0-9_-]*`, Fluent syntax spec) not used before in the file. An anchor
/// that is already one is kept as written (links to it keep working); otherwise the text
/// is slugged, and a repeated name gets `-1`, `-2`, … as GitHub's heading anchors do.
pub fn unique_section(anchor: Option<&str>, english: &str, used: &mut BTreeSet<String>) -> String {
    if let Some(anchor) = anchor.filter(|a| crate::load::skeleton::is_identifier(a)) {
        if used.insert(anchor.to_string()) {
            return anchor.to_string();
        }
    }
    let mut base = slug(anchor.unwrap_or(english));
    if !base.starts_with(|c: char| c.is_ascii_alphabetic()) {
        base = format!("section-{base}").trim_end_matches('-').to_string();
    }
    let mut name = base.clone();
    let mut n = 0;
    while used.contains(&name) {
        n += 1;
        name = format!("{base}-{n}");
    }
    used.insert(name.clone());
    name
}

/// `text` lowercased, ASCII letters and digits kept, every other run turned into one `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}
