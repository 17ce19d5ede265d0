//! `sitemap.xml` with `xhtml:link` alternates, as search engines document localized
//! versions: every URL lists every published language version of the page, itself included,
//! plus `x-default` (the source locale's version).

/// One page in every locale it is published in: (hreflang, absolute URL) pairs, the
/// source locale's first.
pub type Alternates = Vec<(String, String)>;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The sitemap of `pages` (each with its alternates).
pub fn render(pages: &[Alternates]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for alternates in pages {
        let Some((_, default)) = alternates.first() else { continue };
        for (_, url) in alternates {
            out.push_str(&format!("  <url>\n    <loc>{}</loc>\n", escape(url)));
            for (lang, href) in alternates {
                out.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                    escape(lang),
                    escape(href)
                ));
            }
            out.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n  </url>\n",
                escape(default)
            ));
        }
    }
    out.push_str("</urlset>\n");
    out
}
