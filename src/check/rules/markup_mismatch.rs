//! `markup-mismatch`: inline Markdown and HTML that the translation lost or changed.

use crate::check::markup::{Markup, SpanKind};
use crate::check::{Context, Finding, PairText, Rule, Severity};

/// The rule.
pub const RULE: Rule = Rule {
    id: "markup-mismatch",
    severity: Severity::Warning,
    grades: &[],
    summary: "links, emphasis, code spans, images or HTML tags that differ from the source text",
    explanation: "What it finds: a translation whose inline Markdown and HTML differ from the source text it \
was translated from (its source snapshot, else today's source): link targets, images, the number of \
emphasis and strong spans, code spans, HTML tags; and what the spans hold, where the source does not \
do the same: emphasis, code or link text that holds only punctuation (`**[** Voordelen ]`), brackets or \
double quotes the translation leaves unbalanced, link text cut short with the rest glued on outside the \
link (`[dashboard,](…)d`). Changes of today's source are `stale-translation`'s business, so they are \
not counted twice.\n\
Why it matters: a link lost in translation leaves readers without the way forward; a lost `**` or \
`<br>` changes what the page says is important or breaks a table cell.\n\
Example: en `Select [Support for Business](https://…) to create a request`, nl without the link.",
    check: crate::check::Check::Part(check),
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    ctx.each_pair(out, |pair, out| {
        let (s, t) = (ctx.pair_markup(pair, PairText::Reference), ctx.pair_markup(pair, PairText::Target));
        let mut diffs = Vec::new();
        let list = |v: &[String]| {
            if v.is_empty() {
                "none".to_string()
            } else {
                v.join(", ")
            }
        };
        if s.links != t.links {
            diffs.push(format!("links {} → {}", list(&s.links), list(&t.links)));
        }
        if s.images != t.images {
            diffs.push(format!("images {} → {}", list(&s.images), list(&t.images)));
        }
        if s.strong != t.strong {
            diffs.push(format!("strong spans {} → {}", s.strong, t.strong));
        }
        if s.emphasis != t.emphasis {
            diffs.push(format!("emphasis spans {} → {}", s.emphasis, t.emphasis));
        }
        if s.code != t.code {
            diffs.push(format!("code spans {} → {}", list(&s.code), list(&t.code)));
        }
        if s.tags != t.tags {
            diffs.push(format!("HTML tags {} → {}", list(&s.tags), list(&t.tags)));
        }
        diffs.extend(content_problems(&s, &t));
        if !diffs.is_empty() {
            out.push(ctx.finding(
                RULE.id,
                pair.file,
                pair.target.offset,
                Some(&pair.target.id),
                format!("`{}` differs from its source in markup: {}", pair.target.id, diffs.join("; ")),
            ));
        }
    });
}

/// What the translation's spans hold that the source's do not: spans of punctuation only,
/// unbalanced brackets and double quotes, link text glued to a word outside the link. Each
/// is counted in `source` too, and reported only when the translation has more.
fn content_problems(source: &Markup, target: &Markup) -> Vec<String> {
    let mut found = Vec::new();
    for kind in [SpanKind::Strong, SpanKind::Emphasis, SpanKind::Code, SpanKind::Link(String::new())] {
        // Counted on both sides first; quoted only when the translation has more.
        if bare(target, &kind).count() > bare(source, &kind).count() {
            let quoted: Vec<String> = bare(target, &kind).map(|text| format!("“{}”", text.trim())).collect();
            found.push(format!("{} holds only punctuation: {}", kind.name(), quoted.join(", ")));
        }
    }
    for (open, close) in [(b'(', b')'), (b'[', b']')] {
        if balanced(&source.text, open, close) && !balanced(&target.text, open, close) {
            found.push(format!("{} and {} unbalanced", char::from(open), char::from(close)));
        }
    }
    let quotes = |m: &Markup| double_quotes(&m.text);
    if quotes(source) % 2 == 0 && quotes(target) % 2 == 1 {
        found.push("double quotes unbalanced".to_string());
    }
    if glued_links(target).count() > glued_links(source).count() {
        let quoted: Vec<String> = glued_links(target).collect();
        found.push(format!("link text cut short, the rest outside the link: {}", quoted.join(", ")));
    }
    found
}

/// The texts of `m`'s spans of `kind` that hold punctuation only (empty link text is
/// `empty-link-text`'s).
fn bare<'m>(m: &'m Markup, kind: &'m SpanKind) -> impl Iterator<Item = &'m str> + 'm {
    m.spans
        .iter()
        .filter(move |s| std::mem::discriminant(&s.kind) == std::mem::discriminant(kind))
        .map(move |s| m.span_text(s))
        .filter(|text| !text.trim().is_empty() && !text.chars().any(char::is_alphanumeric))
}

/// The double quotation marks of `text`: `"`, `“`, `”`, `„`, `«`, `»`; a `"` between two
/// Hebrew letters is a gershayim (`ארה"ב`), not a quotation mark.
fn double_quotes(text: &str) -> usize {
    // `"` is ASCII; the others start with 0xE2 (`“`, `”`, `„`) or 0xC2 (`«`, `»`).
    if memchr::memchr3(b'"', 0xE2, 0xC2, text.as_bytes()).is_none() {
        return 0;
    }
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len())
        .filter(|&i| match chars[i] {
            '"' => {
                let hebrew = |c: &char| ('\u{05D0}'..='\u{05EA}').contains(c);
                !(i > 0 && hebrew(&chars[i - 1]) && chars.get(i + 1).is_some_and(hebrew))
            }
            c => matches!(c, '“' | '”' | '„' | '«' | '»'),
        })
        .count()
}

/// Whether every `close` in `text` closes an earlier `open` and every `open` is closed. A
/// `close` after a lone ASCII letter or digit that starts a word, with no bracket open, is an
/// enumeration (`a)`, `2)`), not a bracket.
fn balanced(text: &str, open: u8, close: u8) -> bool {
    let mut depth = 0usize;
    // Only the brackets are visited (both are ASCII, so never inside another character).
    for i in memchr::memchr2_iter(open, close, text.as_bytes()) {
        if text.as_bytes()[i] == open {
            depth += 1;
            continue;
        }
        let enumeration = depth == 0 && {
            let mut before = text[..i].chars().rev();
            let (b1, b0) = (before.next(), before.next());
            b1.is_some_and(|c| c.is_ascii_alphanumeric()) && b0.is_none_or(char::is_whitespace)
        };
        if !enumeration {
            match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            }
        }
    }
    depth == 0
}

/// Links whose text ends in sentence punctuation and runs on into a letter right outside the
/// link (`[dashboard,](…)d`: the text moved, the punctuation with it), as “link text|glued
/// text”. A word glued to a link that ends in a letter is a suffix (Hungarian
/// `[Azure](…)ban`), not counted.
fn glued_links(m: &Markup) -> impl Iterator<Item = String> + '_ {
    m.spans.iter().filter(|s| matches!(s.kind, SpanKind::Link(_))).filter_map(|s| {
        let text = m.span_text(s);
        let rest = &m.text[s.text.end..];
        let glued = rest.chars().next().is_some_and(char::is_alphanumeric)
            && text.chars().last().is_some_and(|c| matches!(c, ',' | '.' | ';' | ':' | '!' | '?'));
        glued.then(|| {
            let after: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
            format!("“{text}|{after}”")
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(source: &str, target: &str) -> Vec<String> {
        content_problems(&Markup::of(source), &Markup::of(target))
    }

    #[test]
    fn punctuation_only_spans() {
        let found = problems("Go to the **Benefits** page", "Ga naar de pagina **[** Voordelen ]");
        assert!(found.iter().any(|f| f == "strong text holds only punctuation: “[”"), "{found:?}");
        assert!(problems("Go to the **Benefits** page", "Ga naar de pagina **Voordelen**").is_empty());
        // The source does the same: not the translation's doing.
        assert!(problems("Type `/` then **:**", "Typ `/` en dan **:**").is_empty());
    }

    #[test]
    fn unbalanced_brackets_and_quotes() {
        assert_eq!(problems("See (for example, Azure)", "Zie (bijvoorbeeld Azure"), ["( and ) unbalanced"]);
        assert_eq!(problems("Expand \"plans\"", "Vouw „plannen uit"), ["double quotes unbalanced"]);
        assert!(problems("Expand \"plans\"", "Erweitern Sie „Pläne“").is_empty());
        // Enumerations are not brackets; a source that is unbalanced itself is not compared.
        assert!(problems("a. Select the language", "a) Válassza ki a nyelvet").is_empty());
        assert!(problems("see :) here", "zie :) hier").is_empty());
        // A Korean word before `)` is not an enumeration; a Hebrew gershayim is not a quote.
        assert!(problems("Extensions (also add-ons) add", "확장 기능(부가 기능이라고도 함)은").is_empty());
        assert!(problems("English (US)", "אנגלית (ארה\"ב)").is_empty());
        assert!(problems("Speedometer 3 is new", "Speedometer 3 (स्पीडोमीटर 3) नया है").is_empty());
        assert!(problems("Open \"Private browsing\" now", "\"비공개 브라우징\"을 여세요").is_empty());
    }

    #[test]
    fn link_text_glued_outside_the_link() {
        let found = problems(
            "sign into the Partner Center [dashboard](https://d.example), select",
            "aanmelden bij het Partner Center [dashboard,](https://d.example)d selecteer",
        );
        assert_eq!(found, ["link text cut short, the rest outside the link: “dashboard,|d”"]);
        assert!(problems("the [dashboard](https://d.example).", "het [dashboard](https://d.example).").is_empty());
        // A case suffix on a link is Hungarian grammar, not text moved out of the link.
        assert!(problems("in [Azure](https://a.example)", "az [Azure](https://a.example)ban").is_empty());
    }
}
