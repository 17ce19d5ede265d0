//! Editing a Fluent resource in place: replace or insert whole entries and leave every other
//! byte as it is (other messages, comments, blank lines).
//!
//! An entry runs from the line of its identifier to its last non-blank line before the next
//! line that starts an entry or comment: per the Fluent syntax 1.0 grammar, only a line
//! starting with `#`, `-` or an ASCII letter does (pattern lines, attributes, variants and a
//! closing `}` either are indented or start with another character). The comment above an
//! entry belongs to it and is kept when the entry is replaced.

use std::ops::Range;

use fluent_syntax::ast;

/// The bytes of the entry whose identifier is at `offset` (a term's name, after its `-`, or
/// the `-` itself): from its line start through the newline of its last line.
pub fn entry_span(text: &str, offset: usize) -> Range<usize> {
    let start = text[..offset.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let first_end = text[start..].find('\n').map_or(text.len(), |i| start + i + 1);
    let mut end = first_end;
    let mut at = first_end;
    while at < text.len() {
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        let line = &text[at..line_end];
        if line.starts_with(|c: char| c == '#' || c == '-' || c.is_ascii_alphabetic()) {
            break;
        }
        if !line.trim().is_empty() {
            end = line_end;
        }
        at = line_end;
    }
    start..end
}

/// One change to a resource: `entry` (Fluent text ending in a newline) replaces `range`, or
/// is inserted at `range.start` when the range is empty. `order` keeps insertions at the
/// same place in source order.
#[derive(Debug, Clone)]
pub struct Edit {
    /// The bytes replaced (empty: an insertion).
    pub range: Range<usize>,
    /// The new entry text.
    pub entry: String,
    /// Position in the source resource (orders insertions at one place).
    pub order: usize,
}

/// `text` with `edits` applied (ranges of the original text, not overlapping). An entry
/// inserted after an entry followed by a blank line gets a blank line of its own, so the
/// file's layout carries on; a file that does not end in a newline gets one first.
pub fn apply(text: &str, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|e| (e.range.start, e.range.end, e.order));
    // Entries separated by blank lines: the entry before the place is followed by one (or,
    // at the end, the last entry is preceded by one).
    let spaced = |at: usize| {
        if at < text.len() {
            return text[at..].starts_with('\n');
        }
        let body = text.trim_end_matches('\n');
        body.rfind('\n').is_some_and(|i| body[..i].ends_with('\n'))
    };
    let mut out = String::with_capacity(text.len() + edits.iter().map(|e| e.entry.len() + 1).sum::<usize>());
    let mut at = 0;
    for edit in edits {
        let start = edit.range.start.max(at);
        out.push_str(&text[at..start]);
        if edit.range.is_empty() {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            if spaced(edit.range.start) && !out.is_empty() && !out.ends_with("\n\n") {
                out.push('\n');
            }
            out.push_str(&edit.entry);
        } else {
            out.push_str(&edit.entry);
        }
        at = edit.range.end.max(start);
    }
    out.push_str(&text[at..]);
    out
}

/// The text of one entry: `id = value` for a one-line value, else `id =` and each line of
/// the value on an indented line; then `.attribute = value` lines alike. Values are Fluent
/// pattern text in [`super::segments::native`] form (the escapes a position needs are added
/// here: a leading space, and `[`, `*`, `.` starting an indented line).
pub fn entry_text(id: &str, value: Option<&str>, attributes: &[(String, String)]) -> String {
    let mut out = format!("{id} =");
    let put = |out: &mut String, value: &str, indent: &str| {
        if !value.contains('\n') {
            out.push(' ');
            match value.strip_prefix(' ') {
                Some(rest) => out.push_str(&format!("{{\" \"}}{rest}")),
                None if value.is_empty() => out.push_str("{\"\"}"),
                None => out.push_str(value),
            }
            return;
        }
        for line in super::segments::layout(value).split('\n') {
            out.push('\n');
            if !line.trim().is_empty() {
                out.push_str(indent);
                out.push_str(line);
            }
        }
    };
    if let Some(value) = value {
        put(&mut out, value, "    ");
    }
    for (name, value) in attributes {
        out.push_str(&format!("\n    .{name} ="));
        put(&mut out, value, "        ");
    }
    out.push('\n');
    out
}

/// `text` (Fluent pattern text) as [`super::segments::native`] writes it, which is how
/// translations are compared whatever escapes they were written with. Errors: the first
/// syntax error or invalid value when `text` is not a valid pattern.
pub fn canonical_value(text: &str) -> Result<String, String> {
    let entry = entry_text("x", Some(&format!("\n{text}")), &[]);
    let resource = crate::load::fluent::Resource::parse(&crate::source::SourceText::new("unit.ftl", entry));
    if let Some(problem) = resource.problems.first() {
        return Err(problem.message.clone());
    }
    let value = resource.fluent.entries().find_map(|e| match e {
        ast::Entry::Message(m) => m.value.as_ref().map(|v| super::segments::native(&super::segments::split(v))),
        _ => None,
    });
    Ok(value.unwrap_or_default())
}

/// The first problem of `entry` (the text of one entry) as tolk's Fluent parser finds it.
pub fn problem(entry: &str) -> Option<String> {
    let resource = crate::load::fluent::Resource::parse(&crate::source::SourceText::new("unit.ftl", entry));
    resource.problems.first().map(|p| p.message.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_end_before_the_next_entry_or_comment() {
        let text =
            "# c\na = one\n    two\n\n    .title = t\n\nb = { $n ->\n    [one] x\n   *[other] y\n}\n# about c\nc = z";
        let a = text.find("a =").unwrap();
        assert_eq!(&text[entry_span(text, a)], "a = one\n    two\n\n    .title = t\n");
        let b = text.find("b =").unwrap();
        assert_eq!(&text[entry_span(text, b)], "b = { $n ->\n    [one] x\n   *[other] y\n}\n");
        let c = text.find("c = z").unwrap();
        assert_eq!(&text[entry_span(text, c)], "c = z");
    }

    #[test]
    fn edits_keep_every_other_byte() {
        let text = "## Group\n\na = A\n\n# Comment of c\nc = C\n";
        let c = text.find("c = C").unwrap();
        let edits = vec![
            Edit { range: entry_span(text, c), entry: entry_text("c", Some("Cé"), &[]), order: 2 },
            Edit { range: 16..16, entry: entry_text("b", Some("one\ntwo"), &[("title".into(), "T".into())]), order: 1 },
        ];
        assert_eq!(
            apply(text, edits),
            "## Group\n\na = A\n\nb =\n    one\n    two\n    .title = T\n\n# Comment of c\nc = Cé\n"
        );
        assert_eq!(canonical_value("[x](y) and *z*").as_deref(), Ok("[x](y) and *z*"));
        assert_eq!(canonical_value("{\"[\"}x](y)").as_deref(), Ok("[x](y)"), "escapes do not matter");
        assert_eq!(entry_text("m", Some("[x]\n*y*"), &[]), "m =\n    {\"[\"}x]\n    {\"*\"}y*\n");
        assert!(canonical_value("broken { $").is_err());
        let end = "a = A";
        assert_eq!(apply(end, vec![Edit { range: 5..5, entry: "b = B\n".into(), order: 0 }]), "a = A\nb = B\n");
    }
}
