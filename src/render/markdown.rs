//! Skeleton → localized Markdown → HTML.
//!
//! Calls are replaced by their formatted Fluent text; text that came from a fallback locale is
//! wrapped in `<span lang="…" class="tolk-fallback" data-message="…">` so the page can say
//! so. The Markdown is CommonMark with GFM tables, strikethrough and alerts (`> [!NOTE]`) and
//! `{#id}` heading attributes, rendered by pulldown-cmark.

use std::collections::BTreeMap;

use fluent_bundle::{FluentArgs, FluentValue};
use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag};

use crate::error::{Error, Result};
use crate::load::model::{Model, ModelValue};
use crate::load::skeleton::{ArgValue, Call, Piece, Skeleton};
use crate::localize::{Localized, Resolved};

/// CSS class of an element holding text shown from a fallback locale.
pub const FALLBACK_CLASS: &str = "tolk-fallback";

/// An article's Markdown in one locale.
#[derive(Debug, Clone)]
pub struct LocalizedMarkdown {
    /// The Markdown, calls replaced.
    pub markdown: String,
    /// Number of calls in the body.
    pub strings: usize,
    /// Number of calls whose text came from a fallback locale.
    pub fallbacks: usize,
}

/// Replaces every call of `skeleton` with its text in `locale`.
///
/// Errors: [`Error::Input`] at the call for a message no locale of the chain defines, a
/// model path that does not exist, or a Fluent resolver error.
pub fn localize(
    skeleton: &Skeleton,
    locale: &str,
    localized: &Localized,
    model: &Model,
) -> Result<LocalizedMarkdown> {
    let mut out = LocalizedMarkdown {
        markdown: String::with_capacity(skeleton.source.text.len() * 2),
        strings: 0,
        fallbacks: 0,
    };
    for piece in &skeleton.pieces {
        match piece {
            Piece::Text(text) => out.markdown.push_str(text),
            Piece::Call(call) => {
                let resolved = resolve(skeleton, call, locale, localized, model)?;
                let in_table = out
                    .markdown
                    .rsplit('\n')
                    .next()
                    .is_some_and(|line| line.trim_start().starts_with('|'));
                let mut text =
                    crate::inline::escape_block_start(&resolved.text.replace(['\n', '\r'], " "));
                if in_table {
                    text = text.replace('|', "\\|");
                }
                out.strings += 1;
                if resolved.locale != locale {
                    out.fallbacks += 1;
                    out.markdown.push_str(&format!("<span lang=\"{}\" class=\"{FALLBACK_CLASS}\" data-message=\"{}\">{text}</span>", resolved.locale, call.id));
                } else {
                    out.markdown.push_str(&text);
                }
            }
        }
    }
    Ok(out)
}

/// Formats the message of `call` in `locale` (with fallback), its arguments read from `model`.
///
/// Errors: as [`localize`].
pub fn resolve(
    skeleton: &Skeleton,
    call: &Call,
    locale: &str,
    localized: &Localized,
    model: &Model,
) -> Result<Resolved> {
    let at = |message: String| Error::input(&skeleton.source, call.offset, message);
    let mut args = FluentArgs::new();
    for (name, value) in &call.args {
        let value = match value {
            ArgValue::Number(n) => number(*n),
            ArgValue::String(s) => FluentValue::from(s.clone()),
            ArgValue::Model(path) => match model.get(path).map_err(&at)? {
                ModelValue::Number(n) => number(n),
                ModelValue::String(s) => FluentValue::from(s),
            },
        };
        args.set(name.clone(), value);
    }
    let args = (!call.args.is_empty()).then_some(&args);
    match localized.format(locale, Some(&skeleton.slug), &call.id, args) {
        Ok(Some(resolved)) => Ok(resolved),
        Ok(None) => {
            let chain: Vec<&str> = localized.chain(locale).collect();
            Err(at(format!(
                "unknown message `{}`: no locale of the chain {} defines it; add it to locales/{}/{}.ftl",
                call.id,
                chain.join(" → "),
                chain.last().copied().unwrap_or(locale),
                skeleton.slug
            )))
        }
        Err(e) => Err(at(e)),
    }
}

fn number(n: f64) -> FluentValue<'static> {
    if n.fract() == 0.0 && n.abs() < 9e15 {
        FluentValue::from(n as i64)
    } else {
        FluentValue::from(n)
    }
}

/// Renders Markdown to HTML. Link destinations `NAME.md[#anchor]` whose `NAME` is in
/// `articles` (file stem or alias → slug) become `../SLUG/[#anchor]`, the same locale's page.
pub fn to_html(markdown: &str, articles: &BTreeMap<String, String>) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_GFM
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let parser = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = rewrite_link(&dest_url, articles)
                .map(CowStr::from)
                .unwrap_or(dest_url);
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, parser);
    out
}

fn rewrite_link(dest: &str, articles: &BTreeMap<String, String>) -> Option<String> {
    if dest.contains("://") || dest.starts_with('/') {
        return None;
    }
    let (path, anchor) = dest
        .split_once('#')
        .map(|(p, a)| (p, Some(a)))
        .unwrap_or((dest, None));
    let stem = path
        .strip_prefix("./")
        .unwrap_or(path)
        .strip_suffix(".md")?;
    let slug = articles.get(stem)?;
    Some(match anchor {
        Some(a) => format!("../{slug}/#{a}"),
        None => format!("../{slug}/"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_links_go_to_the_same_locale_and_others_stay() {
        let map = BTreeMap::from([("manage-your-benefits".to_string(), "manage".to_string())]);
        let html = to_html(
            "[a](manage-your-benefits.md#x) [b](other.md) [c](https://e.org/a.md)",
            &map,
        );
        assert!(html.contains("href=\"../manage/#x\""), "{html}");
        assert!(html.contains("href=\"other.md\""));
        assert!(html.contains("href=\"https://e.org/a.md\""));
    }

    #[test]
    fn alerts_tables_and_heading_ids_render() {
        let html = to_html(
            "## Title {#anchor}\n\n> [!NOTE]\n> Careful\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
            &BTreeMap::new(),
        );
        assert!(html.contains("<h2 id=\"anchor\">Title</h2>"), "{html}");
        assert!(html.contains("markdown-alert-note"), "{html}");
        assert!(html.contains("<td>2</td>"), "{html}");
    }
}
