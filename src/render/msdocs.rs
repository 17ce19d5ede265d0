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

/// Expands the extensions in `markdown`; text without them is returned unchanged.
pub fn expand(markdown: &str) -> String {
    if !markdown.contains(":::image") && !markdown.contains("(#tab/") {
        return markdown.to_string();
    }
    let mut out = String::with_capacity(markdown.len());
    let mut in_tabs = false;
    let mut skipping_image_body = false;
    for line in markdown.lines() {
        if skipping_image_body {
            skipping_image_body = !line.trim().starts_with(":::image-end:::");
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
            continue;
        }
        if line.trim_start().starts_with(":::image ") && !line.trim_end().ends_with(":::") {
            // The long form: `:::image type="complex" …` … `:::image-end:::`; the first line
            // ends in `:::` in the spec, but an unterminated one is skipped to its end marker.
            skipping_image_body = true;
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    if in_tabs {
        out.push_str("\n</section>\n</div>\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_and_tab_groups_expand() {
        let md = "#### <a name=\"w\"></a>[Werkruimten](#tab/workspaces)\n\n1. Stap\n   :::image type=\"content\" source=\"images/a.png\" lightbox=\"images/a.png\" alt-text=\"Selecteer Activeren\":::\n#### [Huidig](#tab/current)\n\nTekst\n\n* * *\n\nNa";
        let out = expand(md);
        assert!(out.contains("<div class=\"tab-group\">"), "{out}");
        assert!(out.contains("<section class=\"tab\" id=\"tab-workspaces\" aria-label=\"Werkruimten\">"), "{out}");
        assert!(out.contains("   ![Selecteer Activeren](images/a.png)"), "{out}");
        assert_eq!(out.matches("</section>").count(), 2);
        assert!(out.trim_end().ends_with("Na"));
        assert_eq!(expand("plain *text*"), "plain *text*");
    }
}
