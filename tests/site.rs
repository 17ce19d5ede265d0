//! The built site as readers and search engines see it: alternates, sitemap, notices,
//! activation, numbers, right-to-left, sanitizing, and an HTML snapshot per locale.

mod common;

use std::path::Path;

const LOCALES: [&str; 4] = ["en", "nl", "de", "hu"];
const BASE: &str = "https://tolk.example.org";

fn build(site: &Path) -> std::path::PathBuf {
    let out = common::tolk(site, &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", common::text(&out).1);
    site.join("public")
}

fn read(out: &Path, path: &str) -> String {
    std::fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn append(path: &Path, text: &str) {
    let old = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, format!("{old}{text}")).unwrap();
}

#[test]
fn every_article_names_its_canonical_url_and_all_alternates() {
    let site = common::site_copy();
    let out = build(site.path());
    for locale in LOCALES {
        let html = read(&out, &format!("{locale}/technical-support-benefits/index.html"));
        assert!(
            html.contains(&format!("<link rel=\"canonical\" href=\"{BASE}/{locale}/technical-support-benefits/\">"))
        );
        for other in LOCALES {
            assert!(
                html.contains(&format!(
                    "<link rel=\"alternate\" hreflang=\"{other}\" href=\"{BASE}/{other}/technical-support-benefits/\">"
                )),
                "{locale} → {other}"
            );
        }
        assert!(html.contains(&format!(
            "<link rel=\"alternate\" hreflang=\"x-default\" href=\"{BASE}/en/technical-support-benefits/\">"
        )));
    }
}

#[test]
fn sitemap_alternates_are_complete_and_reciprocal() {
    let site = common::site_copy();
    // Every page published (the shipped threshold leaves two German and Hungarian pages out).
    let config = site.path().join("tolk.toml");
    let shipped = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, shipped.replace("min-translated = 0.5", "min-translated = 0.0")).unwrap();
    let out = build(site.path());
    let xml = read(&out, "sitemap.xml");
    assert!(xml.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    let entries: Vec<&str> = xml.split("<url>").skip(1).collect();
    assert_eq!(entries.len(), 3 * 4, "two articles and the locale home, in four locales");
    for entry in &entries {
        let loc = entry.split("<loc>").nth(1).unwrap().split("</loc>").next().unwrap();
        let alternates: Vec<(&str, &str)> = entry
            .split("<xhtml:link rel=\"alternate\" hreflang=\"")
            .skip(1)
            .map(|a| {
                let (lang, rest) = a.split_once("\" href=\"").unwrap();
                (lang, rest.split('"').next().unwrap())
            })
            .collect();
        assert!(alternates.iter().any(|(_, href)| *href == loc), "{loc} lists itself");
        for locale in LOCALES {
            assert!(alternates.iter().any(|(l, _)| *l == locale), "{loc} lacks {locale}");
        }
        let default = alternates.iter().find(|(l, _)| *l == "x-default").unwrap().1;
        assert!(default.starts_with(&format!("{BASE}/en/")), "{default}");
        // Reciprocal: every alternate's own entry lists this URL back.
        for (_, href) in &alternates {
            let back = entries.iter().find(|e| e.contains(&format!("<loc>{href}</loc>"))).unwrap();
            assert!(back.contains(&format!("href=\"{loc}\"")), "{href} does not link back to {loc}");
        }
    }
}

#[test]
fn notices_for_machine_translation_and_english_strings() {
    let site = common::site_copy();
    let out = build(site.path());
    for locale in ["nl", "de", "hu"] {
        let html = read(&out, &format!("{locale}/technical-support-benefits/index.html"));
        assert!(html.contains("tolk-machine-translation"), "{locale}: ms.translationtype MT");
    }
    let en = read(&out, "en/technical-support-benefits/index.html");
    assert!(!en.contains("tolk-machine-translation") && !en.contains("tolk-fallback-notice"));
    let nl = read(&out, "nl/technical-support-benefits/index.html");
    assert!(!nl.contains("tolk-fallback-notice"), "nl translates every string of the article");
    let hu = read(&out, "hu/technical-support-benefits/index.html");
    assert!(hu.contains("Az oldalon egy szöveg még nincs lefordítva, ezért angolul jelenik meg."));
}

#[test]
fn activation_thresholds_unpublish_pages_and_links_follow() {
    let site = common::site_copy();
    let config = site.path().join("tolk.toml");
    let shipped = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, shipped.replace("unpublished = \"notice\"", "unpublished = \"omit\"")).unwrap();
    append(&config, "\n[publish.locale.hu]\nmin-translated = 0.9\n");
    let out = build(site.path());
    assert!(out.join("hu/technical-support-benefits/index.html").is_file(), "98% translated: published");
    assert!(!out.join("hu/manage-partner-network-benefits/index.html").exists(), "0% translated: not published");
    assert!(!read(&out, "hu/index.html").contains("manage-partner-network-benefits/"));
    let en = read(&out, "en/manage-partner-network-benefits/index.html");
    assert!(!en.contains("hreflang=\"hu\""), "neither switcher nor alternates lead to it");
    assert!(!read(&out, "sitemap.xml").contains("/hu/manage-partner-network-benefits/"));

    let omit = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, omit.replace("unpublished = \"omit\"", "unpublished = \"source\"")).unwrap();
    append(
        &config,
        "\n[publish.article.technical-support-benefits]\nrequired = [\"technical-support-benefits--p-1\"]\n",
    );
    let out = build(site.path());
    assert!(!out.join("hu/technical-support-benefits/index.html").exists(), "a required message falls back in hu");
    let en = read(&out, "en/technical-support-benefits/index.html");
    assert!(en.contains("<a href=\"../../en/technical-support-benefits/\" hreflang=\"en\" lang=\"hu\" data-locale=\"hu\" class=\"unpublished\">Magyar</a>"), "the switcher leads to the source page, in English");
}

#[test]
fn numbers_follow_cldr_per_locale() {
    let site = common::site_copy();
    for locale in LOCALES {
        append(
            &site.path().join(format!("locales/{locale}/technical-support-benefits.ftl")),
            "test-amount = USD { $n }\n",
        );
    }
    let skeleton = site.path().join("content/articles/technical-support-benefits.md");
    append(&skeleton, "\n{{ test-amount n=benefits.azure-credits.yearly-usd.1 }}\n");
    let out = build(site.path());
    for (locale, expected) in
        [("en", "USD 12,000"), ("nl", "USD 12.000"), ("de", "USD 12.000"), ("hu", "USD 12&nbsp;000")]
    {
        let html = read(&out, &format!("{locale}/technical-support-benefits/index.html"));
        assert!(html.contains(expected), "{locale}: {expected}");
        assert!(
            !html.contains('\u{2068}') && !html.contains('\u{2069}'),
            "{locale}: no isolation marks in left-to-right text"
        );
    }
}

#[test]
fn right_to_left_locales_get_dir_and_isolation() {
    let site = common::site_copy_of(&common::repo().join("tests/fixtures/rtl"));
    // The fixture has no templates of its own: it uses the shipped ones.
    let templates = common::repo().join("templates");
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    for entry in std::fs::read_dir(templates).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), site.path().join("templates").join(entry.file_name())).unwrap();
    }
    let out = build(site.path());
    let ar = read(&out, "ar/hello/index.html");
    assert!(ar.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(ar.contains("مرحبا بك في \u{2068}Tolk\u{2069}."), "the Latin name is isolated in Arabic text");
    let en = read(&out, "en/hello/index.html");
    assert!(en.contains("<html lang=\"en\" dir=\"ltr\">") && en.contains("Welcome to Tolk."));
}

#[test]
fn scripts_and_event_handlers_from_translators_do_not_reach_the_page() {
    let site = common::site_copy();
    let hu = site.path().join("locales/hu/technical-support-benefits.ftl");
    let text = std::fs::read_to_string(&hu).unwrap().replace(
        "overview--title = Áttekintés",
        "overview--title = Áttekintés <script>alert(1)</script><img src=x onerror=\"alert(2)\"> [x](javascript:alert(3))",
    );
    std::fs::write(&hu, text).unwrap();
    let out = build(site.path());
    let html = read(&out, "hu/technical-support-benefits/index.html");
    assert!(html.contains("Áttekintés"));
    let content = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    for bad in ["<script", "onerror", "javascript:", "alert("] {
        assert!(!content.contains(bad), "{bad} reached the page");
    }
    for bad in ["onerror", "javascript:", "alert("] {
        assert!(!html.contains(bad), "{bad} reached the page");
    }
}

#[test]
fn links_to_missing_articles_use_the_external_base() {
    let site = common::site_copy();
    let out = build(site.path());
    let html = read(&out, "en/manage-partner-network-benefits/index.html");
    assert!(html.contains("href=\"https://learn.microsoft.com/partner-center/permissions-overview\""));
    assert!(read(&out, "404.html").contains(&format!("href=\"{BASE}/en/\"")));
    let index = read(&out, "nl/search-index.json");
    assert!(index.contains("\"incidenten\""), "Dutch words are indexed");
}

#[test]
fn edit_links_name_the_file_a_page_is_edited_in() {
    let site = common::site_copy();
    let config = site.path().join("tolk.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let edit = "edit-url = \"https://git.example/docs/edit/main/\"";
    std::fs::write(&config, text.replacen("[site]", &format!("[site]\n{edit}"), 1)).unwrap();
    let out = build(site.path());
    let link = |page: &str| format!("<a href=\"https://git.example/docs/edit/main/{page}\">");
    assert!(read(&out, "en/technical-support-benefits/index.html")
        .contains(&link("content/articles/technical-support-benefits.md")));
    assert!(read(&out, "hu/technical-support-benefits/index.html")
        .contains(&link("locales/hu/technical-support-benefits.ftl")));
    // A page shown in English is edited where the English is.
    assert!(read(&out, "hu/manage-partner-network-benefits/index.html")
        .contains(&link("content/articles/manage-partner-network-benefits.md")));
}

fn body(html: &str) -> &str {
    &html[html.find("<body").unwrap()..]
}

#[test]
fn html_snapshot_of_one_article_per_locale() {
    let site = common::site_copy();
    let out = build(site.path());
    for locale in LOCALES {
        let html = read(&out, &format!("{locale}/technical-support-benefits/index.html"));
        insta::assert_snapshot!(format!("technical_support_benefits_{locale}"), body(&html));
    }
}
