//! Safe HTML from Markdown events, sanitizing in proportion to what can be unsafe.
//!
//! pulldown-cmark escapes text and attribute values (CommonMark's HTML rendering); what it
//! writes unescaped is raw HTML (HTML blocks, inline HTML), and it keeps link and image
//! destinations whatever their scheme, and heading classes and attributes as written. So the
//! unit of sanitizing is the top-level block (paragraph, list, table, block quote, …):
//!
//! - a block whose events hold none of those is written as pulldown-cmark writes it: raw
//!   HTML only of tolk's own (the fallback and preview spans of
//!   [`crate::localize::page`], or events the renderer marks as its own), destinations
//!   relative or `http:`, `https:`, `mailto:`, `tel:`, headings with an `id` only;
//! - any other block is rendered alone and cleaned by ammonia ([`SANITIZER`]), so a
//!   translator's unclosed `<b>` ends with its block instead of running on;
//! - a page with an HTML block that is not tolk's own is cleaned whole (an HTML block can
//!   open an element that a later block closes, as a `<div>` around Markdown does).
//!
//! Cleaning keeps what ammonia's defaults allow (no scripts, no event handlers, only safe URL
//! schemes) plus what tolk's rendering produces.

use std::sync::LazyLock;

use pulldown_cmark::{html, CodeBlockKind, Event, Tag};

use crate::localize::page::{FALLBACK_CLASS, MESSAGE_CLASS};

/// An event and whether tolk's renderer made it (trusted as is).
pub type Marked<'a> = (Event<'a>, bool);

/// Appends the HTML of `events` to `out`: blocks as pulldown-cmark writes them where nothing
/// in them needs cleaning, the others cleaned by ammonia (see the module documentation).
/// Table cell alignment becomes a class (`align-left|center|right`) instead of a style.
pub fn push_html(out: &mut String, events: Vec<Marked<'_>>) {
    if events.iter().any(|(e, ours)| !ours && matches!(e, Event::Html(_))) {
        let mut page = String::with_capacity(out.capacity());
        html::push_html(&mut page, events.into_iter().map(|(e, _)| e));
        out.push_str(&SANITIZER.clean(&scoped(aligned(page))).to_string());
        return;
    }
    let mut block = Vec::new();
    let (mut depth, mut safe) = (0usize, true);
    for (event, ours) in events {
        safe &= ours || is_safe(&event);
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        block.push(event);
        if depth == 0 {
            push_block(out, std::mem::take(&mut block), safe);
            safe = true;
        }
    }
    if !block.is_empty() {
        push_block(out, block, safe);
    }
}

fn push_block(out: &mut String, block: Vec<Event<'_>>, safe: bool) {
    let table = matches!(block.first(), Some(Event::Start(Tag::Table(_))));
    if safe && !table {
        let start = out.len();
        html::push_html(out, block.into_iter());
        no_break_spaces(out, start);
        return;
    }
    let mut html = String::new();
    html::push_html(&mut html, block.into_iter());
    let html = if table { scoped(aligned(html)) } else { html };
    if safe {
        let start = out.len();
        out.push_str(&html);
        no_break_spaces(out, start);
    } else {
        // Without the block's final newline, which an unclosed inline element would wrap.
        let body = html.trim_end_matches('\n');
        out.push_str(&SANITIZER.clean(body).to_string());
        out.push_str(&html[body.len()..]);
    }
}

/// Writes U+00A0 (a no-break space, as CLDR groups digits in some locales) of `out[start..]`
/// as `&nbsp;`, as ammonia's serializer does, so a page reads the same whichever path wrote
/// a block.
fn no_break_spaces(out: &mut String, start: usize) {
    if out[start..].contains('\u{a0}') {
        let fixed = out[start..].replace('\u{a0}', "&nbsp;");
        out.truncate(start);
        out.push_str(&fixed);
    }
}

/// pulldown-cmark aligns table cells with a style attribute; classes survive sanitizing.
fn aligned(html: String) -> String {
    if !html.contains(" style=\"text-align: ") {
        return html;
    }
    html.replace(" style=\"text-align: center\"", " class=\"align-center\"")
        .replace(" style=\"text-align: left\"", " class=\"align-left\"")
        .replace(" style=\"text-align: right\"", " class=\"align-right\"")
}

/// Header cells of a table's head get `scope="col"`; when the table has two columns or more
/// and the first cell of every body row holds a word (a label, not a number), those cells
/// become `<th scope="row">`, so a screen reader names the row with each cell (WCAG 2 H63).
/// `html` is pulldown-cmark's (`<tr><td…>…</td>`); GFM cells hold no nested cells.
fn scoped(html: String) -> String {
    if !html.contains("<table>") {
        return html;
    }
    let html = html.replace("<th>", "<th scope=\"col\">").replace("<th class=", "<th scope=\"col\" class=");
    let Some(body) = html.find("<tbody>") else { return html };
    let first_cells: Vec<(usize, usize)> = html[body..]
        .match_indices("<tr><td")
        .filter_map(|(i, _)| {
            let start = body + i + "<tr>".len();
            let end = start + html[start..].find("</td>")?;
            Some((start, end))
        })
        .collect();
    let columns = html[..body].matches("<th ").count();
    let label = |cell: &str| {
        let text = cell.split_once('>').map_or("", |(_, t)| t);
        let mut inside_tag = false;
        text.chars().any(|c| {
            inside_tag = (inside_tag || c == '<') && c != '>';
            !inside_tag && c.is_alphabetic()
        })
    };
    if columns < 2 || first_cells.is_empty() || !first_cells.iter().all(|&(s, e)| label(&html[s..e])) {
        return html;
    }
    let mut out = String::with_capacity(html.len() + first_cells.len() * 24);
    let mut at = 0;
    for (start, end) in first_cells {
        out.push_str(&html[at..start]);
        out.push_str("<th scope=\"row\"");
        out.push_str(&html[start + "<td".len()..end]);
        out.push_str("</th>");
        at = end + "</td>".len();
    }
    out.push_str(&html[at..]);
    out
}

/// Whether pulldown-cmark's HTML for `event` is safe as written.
fn is_safe(event: &Event<'_>) -> bool {
    match event {
        Event::Html(_) => false,
        Event::InlineHtml(tag) => is_tolk_span(tag),
        Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => is_safe_url(dest_url),
        Event::Start(Tag::Heading { classes, attrs, .. }) => classes.is_empty() && attrs.is_empty(),
        _ => true,
    }
}

/// `</span>`, or a `<span>` with only tolk's attributes as the localizer writes them:
/// `lang="<tag>"`, `class="tolk-fallback|tolk-msg"`, `data-message="<id>"`.
fn is_tolk_span(tag: &str) -> bool {
    if tag == "</span>" {
        return true;
    }
    let Some(attributes) = tag.strip_prefix("<span ").and_then(|t| t.strip_suffix('>')) else { return false };
    let plain = |v: &str| !v.is_empty() && v.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
    attributes.split(' ').all(|attribute| match attribute.split_once("=\"").map(|(n, v)| (n, v.strip_suffix('"'))) {
        Some(("lang" | "data-message", Some(value))) => plain(value),
        Some(("class", Some(value))) => value == FALLBACK_CLASS || value == MESSAGE_CLASS,
        _ => false,
    })
}

/// A destination that is relative or has a scheme of [`SAFE_SCHEMES`], with no character a
/// browser would strip or read specially before finding the scheme (controls, spaces).
fn is_safe_url(url: &str) -> bool {
    if url.bytes().any(|b| b.is_ascii_control() || b == b' ' || b == b'\\') {
        return false;
    }
    let scheme_end = url.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if url.as_bytes()[i] == b':' => SAFE_SCHEMES.iter().any(|s| url[..i].eq_ignore_ascii_case(s)),
        _ => true,
    }
}

/// URL schemes written without cleaning; any other goes through ammonia, which decides.
const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// The sanitizer for content HTML: ammonia's defaults (no scripts, no event handlers, only
/// safe URL schemes) plus what tolk's rendering produces, and a fenced code block's
/// `language-*` class.
pub static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_tags(["section", "figure", "figcaption"])
        .add_tag_attributes("span", ["lang", "data-message"])
        .add_tag_attributes("section", ["aria-label", "id"])
        .add_tag_attributes("ol", ["start"])
        .add_tag_attributes("code", ["class"])
        .add_tag_attributes("th", ["scope"])
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            ("code", "class") => is_language_class(value).then_some(value.into()),
            _ => Some(value.into()),
        })
        .add_allowed_classes("span", [FALLBACK_CLASS, MESSAGE_CLASS])
        .add_allowed_classes(
            "blockquote",
            [
                "markdown-alert-note",
                "markdown-alert-tip",
                "markdown-alert-important",
                "markdown-alert-warning",
                "markdown-alert-caution",
            ],
        )
        .add_allowed_classes("p", ["markdown-alert-title"])
        .add_allowed_classes("th", ["align-left", "align-center", "align-right"])
        .add_allowed_classes("td", ["align-left", "align-center", "align-right"])
        .add_allowed_classes("div", ["tab-group"])
        .add_allowed_classes("section", ["tab"])
        .add_allowed_classes("h4", ["tab-label"])
        .add_allowed_classes("img", ["msdocs-image"]);
    for h in ["h1", "h2", "h3", "h4", "h5", "h6"] {
        b.add_tag_attributes(h, ["id"]);
    }
    b.link_rel(None);
    b
});

/// `language-NAME`, as pulldown-cmark writes a fenced code block's info string.
fn is_language_class(value: &str) -> bool {
    value
        .strip_prefix("language-")
        .is_some_and(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b"+-_.#".contains(&b)))
}

/// A fenced code block's kind with the language pulldown-cmark would write as a class
/// (the info string's first word) kept only when [`SANITIZER`] keeps it too, and the rest of
/// the info string dropped, so both paths write the same.
pub fn code_language(kind: CodeBlockKind<'_>) -> CodeBlockKind<'_> {
    match kind {
        CodeBlockKind::Fenced(info) => {
            let language = info.split(' ').next().unwrap_or_default();
            let kept = language.bytes().all(|b| b.is_ascii_alphanumeric() || b"+-_.#".contains(&b));
            CodeBlockKind::Fenced(if kept { language.to_string().into() } else { "".into() })
        }
        CodeBlockKind::Indented => CodeBlockKind::Indented,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser};

    fn render(markdown: &str) -> String {
        let mut out = String::new();
        push_html(
            &mut out,
            Parser::new_ext(markdown, Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_TABLES)
                .map(|e| (e, false))
                .collect(),
        );
        out
    }

    #[test]
    fn plain_blocks_are_written_as_pulldown_cmark_writes_them() {
        let md = "# T {#t}\n\nSome *text* & [a link](https://e.org/?a=1&b=2 \"t\") and `code`.\n\n1. one\n2. two\n";
        let mut expected = String::new();
        html::push_html(&mut expected, Parser::new_ext(md, Options::ENABLE_HEADING_ATTRIBUTES));
        assert_eq!(render(md), expected);
    }

    #[test]
    fn only_the_block_with_raw_html_is_cleaned() {
        let out = render("A <b>bold <i>x</b> y\n\nB <img src=x onerror=alert(1)> [j](javascript:alert(2))\n\nC <span lang=\"en\" class=\"tolk-fallback\" data-message=\"m\">ok</span> \"q\"\n");
        // The unclosed <i> ends with its paragraph.
        assert!(out.starts_with("<p>A <b>bold <i>x</i></b><i> y</i></p>\n<p>B "), "{out}");
        assert!(!out.contains("onerror") && !out.contains("javascript:"), "{out}");
        assert!(
            out.contains("<p>C <span lang=\"en\" class=\"tolk-fallback\" data-message=\"m\">ok</span> \"q\"</p>"),
            "{out}"
        );
    }

    #[test]
    fn spans_that_are_not_tolks_are_cleaned() {
        assert!(is_tolk_span("<span lang=\"en\" class=\"tolk-fallback\" data-message=\"a-b\">"));
        assert!(is_tolk_span("<span class=\"tolk-msg\" data-message=\"a.b\">"));
        for tag in [
            "<span class=\"x\">",
            "<span lang=\"en\" onclick=\"x\">",
            "<span data-message=\"a\" >",
            "<span lang=\"e\"n\">",
            "<span  lang=\"en\">",
        ] {
            assert!(!is_tolk_span(tag), "{tag}");
        }
    }

    #[test]
    fn only_plain_schemes_skip_cleaning() {
        for url in ["https://e.org/a", "../a/#b", "mailto:a@e.org", "a.md", "/x:y", "#a:b", "HTTP://E.ORG"] {
            assert!(is_safe_url(url), "{url}");
        }
        for url in
            ["javascript:alert(1)", "JaVaScRiPt:x", "java\tscript:x", " javascript:x", "data:text/html,x", "vbscript:x"]
        {
            assert!(!is_safe_url(url), "{url}");
        }
    }

    #[test]
    fn both_paths_write_no_break_spaces_alike() {
        assert_eq!(render("12\u{a0}000 Ft\n"), "<p>12&nbsp;000 Ft</p>\n");
        assert_eq!(render("12\u{a0}000 <b>Ft</b>\n"), "<p>12&nbsp;000 <b>Ft</b></p>\n");
    }

    #[test]
    fn an_html_block_cleans_the_whole_page() {
        let out = render("<div>\n\nInside *md*\n\n</div>\n\n<script>alert(1)</script>\n");
        assert!(out.contains("<div>") && out.contains("</div>") && !out.contains("<script"), "{out}");
    }

    #[test]
    fn heading_classes_and_attributes_are_cleaned() {
        let out = render("## T {#t .evil onclick=x}\n");
        assert_eq!(out.trim(), "<h2 id=\"t\">T</h2>", "{out}");
    }

    #[test]
    fn tables_get_column_scopes_and_row_headers_where_rows_have_labels() {
        let labelled = "| Support | Silver |\n|:-:|:-:|\n| Product<br>*on-premises* | 15 |\n| Cloud | |\n";
        let out = render(labelled);
        assert!(out.contains("<th scope=\"col\" class=\"align-center\">Support</th>"), "{out}");
        assert!(out.contains("<tr><th scope=\"row\" class=\"align-center\">Product<br><em>on-premises</em></th><td class=\"align-center\">15</td></tr>"), "{out}");
        assert!(
            out.contains(
                "<tr><th scope=\"row\" class=\"align-center\">Cloud</th><td class=\"align-center\"></td></tr>"
            ),
            "{out}"
        );
        // The same through ammonia (a block with raw HTML): the scope survives.
        let cleaned = render(&labelled.replace("Cloud", "Cloud <b>x"));
        assert!(cleaned.contains("<th scope=\"row\" class=\"align-center\">Cloud <b>x</b></th>"), "{cleaned}");
        // A first column of numbers is data.
        let numbers = render("| n | m |\n|---|---|\n| 1 | a |\n| 2 | b |\n");
        assert!(numbers.contains("<tr><td>1</td>") && numbers.contains("<th scope=\"col\">n</th>"), "{numbers}");
    }

    #[test]
    fn fenced_code_keeps_its_language() {
        assert!(render("```rust\nfn a() {}\n```\n").contains("<code class=\"language-rust\">"));
        assert_eq!(
            SANITIZER.clean("<code class=\"language-rust\">x</code>").to_string(),
            "<code class=\"language-rust\">x</code>"
        );
        assert_eq!(SANITIZER.clean("<code class=\"evil\">x</code>").to_string(), "<code>x</code>");
    }
}
