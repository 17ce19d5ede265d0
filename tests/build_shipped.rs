//! `tolk build` on the shipped content: every locale, the model-driven table, fallbacks.

mod common;

use std::collections::BTreeSet;

const LOCALES: [&str; 4] = ["en", "nl", "de", "hu"];
const ARTICLES: [&str; 2] = ["technical-support-benefits", "manage-partner-network-benefits"];

fn build() -> (tempfile::TempDir, std::path::PathBuf) {
    let site = common::site_copy();
    let out = site.path().join("public");
    let result = common::tolk(site.path(), &["build"]);
    assert_eq!(result.status.code(), Some(0), "{}", common::text(&result).1);
    (site, out)
}

fn page(out: &std::path::Path, locale: &str, article: &str) -> String {
    std::fs::read_to_string(out.join(locale).join(article).join("index.html")).unwrap()
}

fn heading_ids(html: &str) -> BTreeSet<String> {
    html.match_indices("<h")
        .filter_map(|(i, _)| {
            let tag = &html[i..html[i..].find('>')? + i];
            let id = tag.split("id=\"").nth(1)?.split('"').next()?;
            Some(id.to_string())
        })
        .collect()
}

#[test]
fn every_locale_and_article_is_built_with_indexes() {
    let (_site, out) = build();
    assert!(out.join("index.html").is_file());
    for locale in LOCALES {
        let index = std::fs::read_to_string(out.join(locale).join("index.html")).unwrap();
        for article in ARTICLES {
            let html = page(&out, locale, article);
            // Below `min-translated` (de and hu of manage-partner-network-benefits) a page is
            // English under the locale's interface (tolk.toml: `unpublished = "notice"`).
            let english = UNTRANSLATED.contains(&(locale, article));
            let lang = if english { "en" } else { locale };
            assert!(html.contains(&format!("<html lang=\"{lang}\"")), "{locale}/{article}");
            if english {
                assert!(
                    html.contains(&format!("<header class=\"site-header\" lang=\"{locale}\">")),
                    "{locale}/{article}"
                );
            }
            assert!(index.contains(&format!("href=\"{article}/\"")), "{locale} index lists {article}");
            for other in LOCALES {
                assert!(
                    html.contains(&format!("href=\"../../{other}/{article}/\"")),
                    "switcher of {locale}/{article} links {other}"
                );
            }
        }
    }
}

#[test]
fn entitlement_table_shows_the_model_numbers_in_every_locale() {
    let (_site, out) = build();
    for locale in LOCALES {
        let html = page(&out, locale, "technical-support-benefits");
        let table = &html[html.find("<table>").unwrap()..html.find("</table>").unwrap()];
        let cells: Vec<&str> =
            table.split("<td class=\"align-center\">").skip(1).map(|c| c.split("</td>").next().unwrap()).collect();
        for n in ["10", "15", "20"] {
            assert!(
                cells.iter().any(|c| c.starts_with(&format!("{n} "))),
                "{locale}: no cell with {n} incidents in {cells:?}"
            );
        }
        assert!(
            cells.iter().any(|c| c.contains("<br>5 ")) && cells.iter().any(|c| c.contains("<br>10 ")),
            "{locale}: Signature counts {cells:?}"
        );
    }
}

#[test]
fn a_changed_model_number_changes_every_locale() {
    let site = common::site_copy();
    let model = site.path().join("content/model/benefits.toml");
    let text = std::fs::read_to_string(&model)
        .unwrap()
        .replace("product-support-incidents = 15", "product-support-incidents = 16");
    std::fs::write(&model, text).unwrap();
    assert_eq!(common::tolk(site.path(), &["build"]).status.code(), Some(0));
    for locale in LOCALES {
        let html = page(&site.path().join("public"), locale, "technical-support-benefits");
        assert!(html.contains(">16 ") && !html.contains(">15 "), "{locale}");
    }
}

/// Pages of the shipped site below `[publish] min-translated`.
const UNTRANSLATED: [(&str, &str); 2] =
    [("de", "manage-partner-network-benefits"), ("hu", "manage-partner-network-benefits")];

#[test]
fn untranslated_pages_are_english_said_once_and_not_indexed() {
    let (_site, out) = build();
    let en = page(&out, "en", "manage-partner-network-benefits");
    let article = |html: &str| html[html.find("<article>").unwrap()..html.find("</article>").unwrap()].to_string();
    for (locale, slug) in UNTRANSLATED {
        let html = page(&out, locale, slug);
        assert_eq!(article(&html), article(&en), "{locale}: the English article, not 83 marked fallbacks");
        assert_eq!(html.matches("role=\"note\"").count(), 1, "{locale}: one notice");
        assert!(html.contains("class=\"tolk-notice tolk-untranslated-notice\""), "{locale}");
        assert!(html.contains(&format!(
            "<div class=\"tolk-notice tolk-untranslated-notice\" role=\"note\" data-fallbacks=\"0\" lang=\"{locale}\">"
        )));
        assert!(
            html.contains(&format!("<a href=\"../../en/{slug}/\" hreflang=\"en\">")),
            "{locale}: links the English page"
        );
        assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"), "{locale}");
        assert!(html.contains(&format!("<link rel=\"canonical\" href=\"https://tolk.example.org/en/{slug}/\">")));
        assert!(!html.contains("<link rel=\"alternate\""), "{locale}: claims no translation");
        // Every page of the article shows this locale as English only.
        for other in LOCALES {
            let shown = page(&out, other, slug);
            assert!(
                shown.contains(&format!("hreflang=\"en\" lang=\"{locale}\" data-locale=\"{locale}\"")),
                "{other}/{slug}: the switcher link to {locale} says it is English"
            );
            assert!(!shown.contains(&format!("<link rel=\"alternate\" hreflang=\"{locale}\"")), "{other}/{slug}");
        }
        let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
        assert!(!sitemap.contains(&format!("/{locale}/{slug}/")), "{locale}: not in the sitemap");
    }
    let nl = page(&out, "nl", "manage-partner-network-benefits");
    assert!(!nl.contains("data-message=") && !nl.contains("noindex"), "nl translates every message of the article");
    // The Hungarian roles line has no counterpart in today's English: one fallback.
    let hu = page(&out, "hu", "technical-support-benefits");
    assert!(hu.contains("<p>1. lépés: Válassza ki a Windows 10-et"), "a translation starting `1.` stays a sentence");
    assert!(hu.contains("data-message=\"technical-support-benefits--p-1\""));
    assert!(hu.contains("data-fallbacks=\"1\""));
    // Machine translation and the fallback string: one notice, in Hungarian, linking the English page.
    assert!(hu.contains("<div class=\"tolk-notice tolk-machine-translation tolk-fallback-notice\" role=\"note\" data-fallbacks=\"1\"><p>Ezt az oldalt gép fordította. Az angol változat a mérvadó. Az oldalon egy szöveg még nincs lefordítva, ezért angolul jelenik meg. <a href=\"../../en/technical-support-benefits/\" hreflang=\"en\">"), "{hu}");
}

#[test]
fn heading_anchors_are_identical_in_every_locale() {
    let (_site, out) = build();
    for article in ARTICLES {
        let en = heading_ids(&page(&out, "en", article));
        assert!(en.contains("overview") || article != "technical-support-benefits");
        assert!(en.len() >= 8, "{article}: {en:?}");
        for locale in LOCALES {
            assert_eq!(heading_ids(&page(&out, locale, article)), en, "{locale}/{article}");
        }
    }
}

#[test]
fn links_between_articles_stay_in_the_locale() {
    let (_site, out) = build();
    let html = page(&out, "hu", "technical-support-benefits");
    assert!(
        html.contains("href=\"../manage-partner-network-benefits/\""),
        "the seeds' manage-your-partner-network-benefits.md link"
    );
}

#[test]
fn output_is_deterministic() {
    let (site, out) = build();
    let first = common::tree(&out);
    assert_eq!(common::tolk(site.path(), &["build"]).status.code(), Some(0));
    assert_eq!(common::tree(&out), first);
}
