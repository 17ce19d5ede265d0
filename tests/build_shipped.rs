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
            assert!(html.contains(&format!("<html lang=\"{locale}\"")), "{locale}/{article}");
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

#[test]
fn untranslated_articles_show_english_marked_and_counted() {
    let (_site, out) = build();
    for locale in ["de", "hu"] {
        let html = page(&out, locale, "manage-partner-network-benefits");
        let marked = html.matches("<span lang=\"en\" class=\"tolk-fallback\" data-message=").count();
        assert_eq!(marked, 83, "{locale}: every message of the article falls back");
        assert!(html.contains("data-fallbacks=\"83\""));
        assert!(html.contains("83 strings on this page are not translated yet and are shown in English."), "{locale}");
    }
    let nl = page(&out, "nl", "manage-partner-network-benefits");
    assert!(!nl.contains("data-message="), "nl translates every message of the article");
    // The Hungarian roles line has no counterpart in today's English: one fallback.
    let hu = page(&out, "hu", "technical-support-benefits");
    assert!(hu.contains("<p>1. lépés: Válassza ki a Windows 10-et"), "a translation starting `1.` stays a sentence");
    assert!(hu.contains("data-message=\"technical-support-benefits--p-1\""));
    assert!(hu.contains("data-fallbacks=\"1\""));
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
