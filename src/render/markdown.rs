//! Localized Markdown → safe HTML.
//!
//! The Markdown ([`crate::localize::LocalizedPage::markdown`]) is CommonMark with GFM tables, strikethrough and alerts (`> [!NOTE]`),
//! `{#id}` heading attributes and the Microsoft Docs extensions of [`super::msdocs`],
//! rendered by pulldown-cmark. Text from translators is untrusted: blocks with raw HTML or an
//! unusual URL are sanitized by ammonia (no scripts, no event handlers, no `javascript:`
//! URLs; see [`super::sanitize`]).

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::BTreeMap;

/// Where links to articles point: file stem or alias → slug of the site's articles, and the
/// base for articles the site lacks.
#[derive(Debug, Clone, Default)]
pub struct Links {
    /// File stem or alias → slug.
    pub articles: BTreeMap<String, String>,
    /// `[site] external-base`: `NAME.md` of an article the site lacks → `<base>NAME`.
    pub external_base: Option<String>,
}

/// A heading of the rendered page, for the table of contents and the search index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The `id` attribute (anchor), if any.
    pub id: String,
    /// The heading's text.
    pub text: String,
    /// Where the heading's text is in [`Html::text`] (bytes).
    #[serde(skip)]
    pub range: std::ops::Range<usize>,
}

/// Rendered HTML and what the page frame needs from it.
#[derive(Debug, Clone)]
pub struct Html {
    /// Sanitized HTML.
    pub html: String,
    /// Headings with ids, in order.
    pub headings: Vec<Heading>,
    /// The visible text (for the search index), text nodes separated by a space.
    pub text: String,
    /// The text of the first paragraph outside alerts, lists and tables (for a description
    /// when the front matter has none); "" when there is none.
    pub summary: String,
    /// Content the Microsoft Docs extensions would drop, by byte offset of the Markdown and
    /// what is wrong (see [`super::msdocs::expand`]); the build refuses a page with any.
    pub problems: Vec<(usize, String)>,
}

/// Renders Markdown to sanitized HTML. Link destinations `NAME.md[#anchor]` become
/// `../SLUG/[#anchor]` when NAME is an article of the site (the same locale's page), else
/// `<external-base>NAME[#anchor]` when configured. `alert_titles` gives the visible title of
/// each alert kind (`note`, `tip`, `important`, `warning`, `caution`), as HTML.
pub fn to_html(markdown: &str, links: &Links, alert_titles: &BTreeMap<String, String>) -> Html {
    let super::msdocs::Expanded { markdown, problems } = super::msdocs::expand(markdown);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_GFM
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut headings = Vec::new();
    let mut current: Option<Heading> = None;
    let mut text = String::new();
    let mut hidden = false;
    let mut events = Vec::new();
    // The first top-level paragraph: its start in `text` while it is read, then its range.
    let (mut depth, mut summary, mut summary_done) = (0usize, None::<std::ops::Range<usize>>, false);
    for event in Parser::new_ext(&markdown, options) {
        match &event {
            Event::Start(Tag::Paragraph) if depth == 0 && !summary_done => {
                summary = Some(text.len()..text.len());
            }
            Event::End(TagEnd::Paragraph) if depth == 1 && !summary_done => {
                if let Some(range) = summary.as_mut() {
                    range.end = text.len();
                    summary_done = !text[range.clone()].trim().is_empty();
                }
            }
            _ => {}
        }
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        match &event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                current = Some(Heading {
                    level: heading_level(*level),
                    id: id.as_deref().unwrap_or_default().to_string(),
                    text: String::new(),
                    range: text.len()..text.len(),
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = current.take().filter(|h| !h.id.is_empty()) {
                    let range = h.range.start..text.len();
                    headings.push(Heading { text: h.text.trim().to_string(), range, ..h });
                }
            }
            Event::InlineHtml(tag) | Event::Html(tag) => {
                // Text inside <script> or <style> is never shown (and is removed below).
                let tag = tag.to_ascii_lowercase();
                if tag.starts_with("<script") || tag.starts_with("<style") {
                    hidden = true;
                } else if tag.starts_with("</script") || tag.starts_with("</style") {
                    hidden = false;
                }
            }
            Event::Text(t) | Event::Code(t) if !hidden => {
                if let Some(h) = current.as_mut() {
                    h.text.push_str(t);
                }
                text.push_str(t);
                text.push(' ');
            }
            _ => {}
        }
        match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest_url = rewrite_link(&dest_url, links).map(CowStr::from).unwrap_or(dest_url);
                events.push((Event::Start(Tag::Link { link_type, dest_url, title, id }), false));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let name = format!("{kind:?}").to_lowercase();
                events.push((Event::Start(Tag::BlockQuote(Some(kind))), false));
                if let Some(title) = alert_titles.get(&name) {
                    let title = format!("<p class=\"markdown-alert-title\">{title}</p>\n");
                    events.push((Event::Html(CowStr::from(title)), true));
                }
            }
            Event::End(TagEnd::Link) => {
                // A link with no text (`[](url)`, which machine translation leaves) would be
                // invisible and nameless: show its address. `tolk check` reports it.
                if let Some((Event::Start(Tag::Link { dest_url, .. }), _)) = events.last() {
                    let shown = dest_url.split("://").last().unwrap_or(dest_url).trim_end_matches('/').to_string();
                    events.push((Event::Text(CowStr::from(shown)), false));
                }
                events.push((Event::End(TagEnd::Link), false));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                events.push((Event::Start(Tag::CodeBlock(super::sanitize::code_language(kind))), false));
            }
            other => events.push((other, false)),
        }
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    super::sanitize::push_html(&mut html, events);
    let summary = summary.filter(|_| summary_done).map(|r| collapse(&text[r])).unwrap_or_default();
    Html { html, headings, text, summary, problems }
}

/// `text` with runs of whitespace as one space, trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters of `text`, cut after the last whole word and ended with `…`
/// when cut (a meta description).
pub fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((end, _)) => {
            let cut = text[..end].rfind(char::is_whitespace).filter(|&i| i > 0).unwrap_or(end);
            format!("{}…", text[..cut].trim_end_matches(|c: char| c.is_whitespace() || ",;:".contains(c)))
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn rewrite_link(dest: &str, links: &Links) -> Option<String> {
    if dest.contains("://") || dest.starts_with('/') || dest.starts_with('#') {
        return None;
    }
    let (path, anchor) = dest.split_once('#').map(|(p, a)| (p, Some(a))).unwrap_or((dest, None));
    let stem = path.strip_prefix("./").unwrap_or(path).strip_suffix(".md")?;
    let anchor = anchor.map(|a| format!("#{a}")).unwrap_or_default();
    match (links.articles.get(stem), &links.external_base) {
        (Some(slug), _) => Some(format!("../{slug}/{anchor}")),
        (None, Some(base)) => Some(format!("{base}{stem}{anchor}")),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links() -> Links {
        Links {
            articles: BTreeMap::from([("manage-your-benefits".to_string(), "manage".to_string())]),
            external_base: Some("https://learn.example/docs/".into()),
        }
    }

    #[test]
    fn article_links_go_to_the_same_locale_and_others_to_the_external_base() {
        let html =
            to_html("[a](manage-your-benefits.md#x) [b](other.md) [c](https://e.org/a.md)", &links(), &BTreeMap::new())
                .html;
        assert!(html.contains("href=\"../manage/#x\""), "{html}");
        assert!(html.contains("href=\"https://learn.example/docs/other\""), "{html}");
        assert!(html.contains("href=\"https://e.org/a.md\""));
    }

    #[test]
    fn alerts_tables_and_heading_ids_render() {
        let titles = BTreeMap::from([("note".to_string(), "Note".to_string())]);
        let out = to_html(
            "## Title {#anchor}\n\n> [!NOTE]\n> Careful\n\n| a | b |\n|:-:|---|\n| 1 | 2 |\n",
            &links(),
            &titles,
        );
        assert!(out.html.contains("<h2 id=\"anchor\">Title</h2>"), "{}", out.html);
        assert!(out.html.contains("<blockquote class=\"markdown-alert-note\">"), "{}", out.html);
        assert!(out.html.contains("<p class=\"markdown-alert-title\">Note</p>"), "{}", out.html);
        assert!(out.html.contains("<td class=\"align-center\">1</td>"), "{}", out.html);
        assert_eq!(out.headings, [Heading { level: 2, id: "anchor".into(), text: "Title".into(), range: 0..6 }]);
    }

    #[test]
    fn translator_html_is_sanitized() {
        let out = to_html(
            "Hi <script>alert(1)</script><img src=x onerror=\"alert(2)\"> [x](javascript:alert(3)) <span lang=\"en\" class=\"tolk-fallback\" data-message=\"m\">ok</span>",
            &links(),
            &BTreeMap::new(),
        );
        assert!(
            !out.html.contains("<script") && !out.html.contains("onerror") && !out.html.contains("javascript:"),
            "{}",
            out.html
        );
        assert!(
            out.html.contains("<span lang=\"en\" class=\"tolk-fallback\" data-message=\"m\">ok</span>"),
            "{}",
            out.html
        );
    }

    #[test]
    fn the_summary_is_the_first_paragraph_outside_alerts_and_lists() {
        let out = to_html(
            "# Title\n\n> [!NOTE]\n> An alert\n\n- a list\n\nThe   *first*\nparagraph.\n\nThe second.",
            &links(),
            &BTreeMap::new(),
        );
        assert_eq!(out.summary, "The first paragraph.");
        assert_eq!(to_html("# Only a title", &links(), &BTreeMap::new()).summary, "");
        assert_eq!(shorten("Ten incidents per year, each one", 20), "Ten incidents per…");
        assert_eq!(shorten("short", 20), "short");
        assert_eq!(shorten("Égyetlenhosszúszó", 5), "Égyet…");
    }

    #[test]
    fn links_without_text_show_their_address() {
        let out = to_html("lásd [](https://aka.ms/n-1) és [](other.md)", &links(), &BTreeMap::new());
        assert!(out.html.contains("<a href=\"https://aka.ms/n-1\">aka.ms/n-1</a>"), "{}", out.html);
        assert!(
            out.html.contains("<a href=\"https://learn.example/docs/other\">learn.example/docs/other</a>"),
            "{}",
            out.html
        );
    }
}
