//! Messages are inline Markdown: text that goes inside a block the skeleton owns. This
//! module keeps them inline.

/// Escapes a leading character sequence that CommonMark would read as the start of a block
/// (ATX heading `#`, block quote `>`, bullet `-` `+` `*`, ordered list `1.` `1)`) when the
/// text is placed at the start of a line, so that "1. lépés" stays a sentence and does not
/// become a list. A backslash before ASCII punctuation is valid anywhere in CommonMark, so
/// the escape renders identically in the middle of a line.
///
/// ```
/// assert_eq!(tolk::inline::escape_block_start("1. lépés: A"), r"1\. lépés: A");
/// assert_eq!(tolk::inline::escape_block_start("# 1"), r"\# 1");
/// assert_eq!(tolk::inline::escape_block_start("10 incidens"), "10 incidens");
/// ```
///
/// Returns `text` itself (borrowed) when nothing needs escaping.
pub fn escape_block_start(text: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let after = |n: usize| text[n..].chars().next();
    let blank_or_end = |c: Option<char>| c.is_none_or(|c| c == ' ' || c == '\t');
    if (1..=9).contains(&digits)
        && matches!(after(digits), Some('.' | ')'))
        && blank_or_end(text[digits + 1..].chars().next())
    {
        return Cow::Owned(format!("{}\\{}", &text[..digits], &text[digits..]));
    }
    match text.chars().next() {
        Some('#') if blank_or_end(text.trim_start_matches('#').chars().next()) => Cow::Owned(format!("\\{text}")),
        Some('>') => Cow::Owned(format!("\\{text}")),
        Some('-' | '+' | '*') if blank_or_end(after(1)) => Cow::Owned(format!("\\{text}")),
        _ => Cow::Borrowed(text),
    }
}

/// Attributes a message's raw HTML may not carry: they would let translated text claim a
/// heading anchor, a CSS class of tolk's own (a fallback marker, an alert, a tab) or preview
/// data, which the sanitizer allows because tolk's own markup uses them.
const RESERVED_ATTRIBUTES: &[&str] = &["id", "class", "data-message", "name"];

/// `text` (one message's Markdown) with what only tolk may write made plain text: a raw HTML
/// tag carrying an attribute of [`RESERVED_ATTRIBUTES`] has its `<` escaped (it shows as
/// text), and `{` in text (outside code spans and link destinations) is backslash-escaped,
/// so `{#id}` or `{.class}` cannot become heading attributes where the message ends a heading
/// line. Text without `<` or `{` is returned as it is.
///
/// ```
/// use tolk::inline::neutralize;
/// assert_eq!(neutralize("Kop {#evil}"), r"Kop \{#evil}");
/// assert_eq!(neutralize("<span class=\"tolk-fallback\">x</span>"), "&lt;span class=\"tolk-fallback\">x</span>");
/// assert_eq!(neutralize("`{#x}` and <b>bold</b>"), "`{#x}` and <b>bold</b>");
/// ```
pub fn neutralize(text: &str) -> std::borrow::Cow<'_, str> {
    // Escaping a tag can turn an HTML block into a paragraph, whose tags are then read one by
    // one: look again until nothing changes (a few passes at most; each only adds escapes).
    let mut current = match neutralize_once(text) {
        std::borrow::Cow::Borrowed(_) => return std::borrow::Cow::Borrowed(text),
        std::borrow::Cow::Owned(changed) => changed,
    };
    for _ in 0..4 {
        match neutralize_once(&current) {
            std::borrow::Cow::Borrowed(_) => break,
            std::borrow::Cow::Owned(changed) => current = changed,
        }
    }
    std::borrow::Cow::Owned(current)
}

fn neutralize_once(text: &str) -> std::borrow::Cow<'_, str> {
    use pulldown_cmark::{Event, Options, Parser};
    if memchr::memchr2(b'<', b'{', text.as_bytes()).is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    // Byte offsets to escape: `<` of reserved tags (→ `&lt;`), `{` in text (→ `\{`).
    let mut edits: Vec<(usize, &str)> = Vec::new();
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_GFM).into_offset_iter() {
        match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                // Every tag of the run that names a reserved attribute.
                for tag in TAG.find_iter(&text[range.clone()]).filter(|t| reserved_attribute(t.as_str())) {
                    edits.push((range.start + tag.start(), "&lt;"));
                }
            }
            Event::Text(_) => {
                // A `{` after an odd number of backslashes is escaped already.
                let escaped = |at: usize| text[..at].bytes().rev().take_while(|b| *b == b'\\').count() % 2 == 1;
                edits.extend(
                    text[range.clone()]
                        .match_indices('{')
                        .map(|(i, _)| range.start + i)
                        .filter(|at| !escaped(*at))
                        .map(|at| (at, "\\{")),
                );
            }
            _ => {}
        }
    }
    if edits.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    edits.sort_by_key(|(at, _)| *at);
    edits.dedup_by_key(|(at, _)| *at);
    let mut out = String::with_capacity(text.len() + edits.len() * 3);
    let mut last = 0;
    for (at, with) in edits {
        out.push_str(&text[last..at]);
        out.push_str(with);
        last = at + 1;
    }
    out.push_str(&text[last..]);
    std::borrow::Cow::Owned(out)
}

/// An HTML start tag: its name and its attributes' text (HTML Living Standard tokenization,
/// enough to tell attribute names apart from values).
static TAG: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r#"<[A-Za-z][^\s/>]*((?:"[^"]*"|'[^']*'|[^'">])*)>?"#).expect("static regex")
});

/// One attribute: its name, then optionally `=` and a quoted or unquoted value.
static ATTRIBUTE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r#"([^\s"'>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?"#).expect("static regex")
});

/// Whether raw HTML (one tag or several) names a reserved attribute.
fn reserved_attribute(html: &str) -> bool {
    TAG.captures_iter(html).any(|tag| {
        ATTRIBUTE.captures_iter(&tag[1]).any(|a| RESERVED_ATTRIBUTES.iter().any(|r| a[1].eq_ignore_ascii_case(r)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_attributes_are_names_not_words_in_values() {
        assert!(reserved_attribute("<span class=\"tolk-msg\">"));
        assert!(reserved_attribute("<h2 ID=x>"));
        assert!(reserved_attribute("<a\nname='top'>"));
        assert!(!reserved_attribute("<span title=\"a class b\">"));
        assert!(!reserved_attribute("<b>"));
        assert!(!reserved_attribute("</span>"));
    }

    #[test]
    fn a_reserved_attribute_inside_an_html_block_is_escaped_too() {
        let out = neutralize("<div>ok</div><span class=\"tolk-fallback\">x</span>");
        assert!(!out.contains("<span class"), "{out}");
        let out = neutralize("<div id=\"a\">ok</div><span class=\"tolk-msg\">x</span>");
        assert!(!out.contains("<div id") && !out.contains("<span class"), "{out}");
        assert_eq!(neutralize(r"a \{b} {c}"), r"a \{b} \{c}", "an escaped brace stays escaped once");
    }
}
