//! Microsoft Docs Markdown extensions, expanded to CommonMark and HTML before rendering:
//!
//! - `:::image type="content" source="a.png" alt-text="Text":::` (also with `lightbox` and the
//!   `:::image-end:::` form) → an image with its alt text;
//! - tab groups: `#### [Label](#tab/id)` headings up to a `* * *` (or `---`) line → a
//!   `<div class="tab-group">` of `<section class="tab">` with a visible label each.
//!
//! Admonitions (`> [!NOTE]` …) need no expansion: they are GFM alerts.

use std::sync::LazyLock;

use regex::Regex;

static IMAGE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"^(\s*):::image\s+(.*?):::\s*$"#).expect("static regex"));
static ATTR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"([a-z-]+)="([^"]*)""#).expect("static regex"));
static TAB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^####\s+(?:<a name="[^"]*"></a>)?\[([^\]]+)\]\(#tab/([A-Za-z0-9_-]+)\)\s*$"#).expect("static regex")
});

/// Markdown with the extensions expanded, and what could not be expanded.
#[derive(Debug, Clone, PartialEq)]
pub struct Expanded {
    /// CommonMark (with GFM and HTML blocks) for pulldown-cmark.
    pub markdown: String,
    /// Malformed extensions, by byte offset of the input and what is wrong: an `:::image`
    /// line not closed by `:::`, or a `type="complex"` image whose long description is not
    /// closed by `:::image-end:::`. Nothing is dropped for them; the build refuses the page.
    pub problems: Vec<(usize, String)>,
}

/// The problems [`expand`] would report for `markdown`, without building its output.
pub fn problems(markdown: &str) -> Vec<(usize, String)> {
    if markdown.contains(":::image") {
        expand(markdown).problems
    } else {
        Vec::new()
    }
}

/// Expands the extensions in `markdown`; text without them is returned unchanged. A complex
/// image's long description (the lines up to `:::image-end:::`) is kept as text after it.
pub fn expand(markdown: &str) -> Expanded {
    let mut problems = Vec::new();
    if !markdown.contains(":::image") && !markdown.contains("(#tab/") {
        return Expanded { markdown: markdown.to_string(), problems };
    }
    let mut out = String::with_capacity(markdown.len());
    let mut in_tabs = false;
    // Offset of the `:::image type="complex"` line whose `:::image-end:::` is still due.
    let mut open_complex: Option<usize> = None;
    for line in markdown.lines() {
        let offset = line.as_ptr() as usize - markdown.as_ptr() as usize;
        if open_complex.is_some() && line.trim().starts_with(":::image-end:::") {
            open_complex = None;
            out.push('\n');
            continue;
        }
        if let Some(caps) = TAB.captures(line) {
            out.push_str(if in_tabs { "\n</section>\n\n" } else { "<div class=\"tab-group\">\n\n" });
            let label = tera::escape_html(&caps[1]);
            out.push_str(&format!(
                "<section class=\"tab\" id=\"tab-{}\" aria-label=\"{label}\">\n<h4 class=\"tab-label\">{label}</h4>\n\n",
                &caps[2]
            ));
            in_tabs = true;
            continue;
        }
        if in_tabs && matches!(line.trim(), "* * *" | "---" | "***") {
            out.push_str("\n</section>\n</div>\n\n");
            in_tabs = false;
            continue;
        }
        if let Some(caps) = IMAGE.captures(line) {
            let attrs: Vec<(String, String)> =
                ATTR.captures_iter(&caps[2]).map(|a| (a[1].to_string(), a[2].to_string())).collect();
            let get = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str()).unwrap_or_default();
            out.push_str(&format!("{}![{}]({})\n", &caps[1], get("alt-text").replace(['[', ']'], ""), get("source")));
            if get("type") == "complex" {
                open_complex = Some(offset + line.find(":::").unwrap_or(0));
            }
            continue;
        }
        if let Some(at) = line.find(":::image ").filter(|&at| line[..at].trim().is_empty()) {
            problems.push((offset + at, "`:::image` is not closed by `:::` on its line".to_string()));
        }
        out.push_str(line);
        out.push('\n');
    }
    if let Some(at) = open_complex {
        problems.push((
            at,
            "the long description of this `:::image type=\"complex\"` is not closed by `:::image-end:::`".to_string(),
        ));
    }
    if in_tabs {
        out.push_str("\n</section>\n</div>\n");
    }
    Expanded { markdown: out, problems }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_and_tab_groups_expand() {
        let md = "#### <a name=\"w\"></a>[Werkruimten](#tab/workspaces)\n\n1. Stap\n   :::image type=\"content\" source=\"images/a.png\" lightbox=\"images/a.png\" alt-text=\"Selecteer Activeren\":::\n#### [Huidig](#tab/current)\n\nTekst\n\n* * *\n\nNa";
        let Expanded { markdown: out, problems } = expand(md);
        assert!(problems.is_empty());
        assert!(out.contains("<div class=\"tab-group\">"), "{out}");
        assert!(out.contains("<section class=\"tab\" id=\"tab-workspaces\" aria-label=\"Werkruimten\">"), "{out}");
        assert!(out.contains("   ![Selecteer Activeren](images/a.png)"), "{out}");
        assert_eq!(out.matches("</section>").count(), 2);
        assert!(out.trim_end().ends_with("Na"));
        assert_eq!(expand("plain *text*").markdown, "plain *text*");
    }

    #[test]
    fn unclosed_images_are_problems_and_nothing_is_dropped() {
        // The issue's case: a translation opens a complex image and never closes it.
        let md = "Eerst\n:::image type=\"complex\" source=\"a.png\" alt-text=\"Kaart\":::\nLange beschrijving\n\nDe rest van de pagina\n";
        let out = expand(md);
        assert_eq!(out.problems.len(), 1, "{:?}", out.problems);
        assert_eq!(out.problems[0].0, md.find(":::image").unwrap());
        assert!(out.markdown.contains("De rest van de pagina"), "{}", out.markdown);
        assert!(out.markdown.contains("![Kaart](a.png)\nLange beschrijving"), "{}", out.markdown);

        let closed = "x\n:::image type=\"complex\" source=\"a.png\" alt-text=\"K\":::\nLang\n:::image-end:::\nNa\n";
        let out = expand(closed);
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        assert!(out.markdown.contains("Lang") && out.markdown.contains("Na") && !out.markdown.contains("image-end"));

        let open_line = "a\n   :::image type=\"content\" source=\"a.png\" alt-text=\"K\"\nb\n";
        let out = expand(open_line);
        assert_eq!(out.problems.len(), 1, "{:?}", out.problems);
        assert!(out.markdown.contains("b"), "{}", out.markdown);
    }
}
