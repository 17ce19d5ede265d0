//! `tolk import mdbook|hugo|docusaurus` end to end, on fixture sites in each tool's own layout
//! (`tests/fixtures/import/`; the mdBook's catalogs were written by GNU msgmerge from an older
//! and a newer messages.pot), and the humane, stable message ids every importer writes.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    common::repo().join("tests/fixtures/import").join(name)
}

fn import(site: &Path, tool: &str, input: &Path) -> (i32, String) {
    let out = common::tolk(site, &["import", tool, input.to_str().unwrap()]);
    (out.status.code().unwrap_or(-1), common::text(&out).1)
}

fn read(site: &Path, path: &str) -> String {
    std::fs::read_to_string(site.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `(rule, locale, message id)` of every finding of `tolk check --format json`.
fn findings(site: &Path) -> Vec<(String, String, String)> {
    let out = common::tolk(site, &["check", "--format", "json"]);
    let json: Value = serde_json::from_slice(&out.stdout).expect("check --format json prints JSON");
    let mut all: Vec<(String, String, String)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let text = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (text("rule"), text("locale"), text("message_id"))
        })
        .collect();
    all.sort();
    all
}

/// Message ids and values of a Fluent resource, by a line reading good enough for what import writes.
fn messages(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter(|l| !l.starts_with('#') && l.contains(" = "))
        .map(|l| l.split_once(" = ").map(|(k, v)| (k.to_string(), v.to_string())).unwrap())
        .collect()
}

fn assert_builds(site: &Path) {
    let out = common::tolk(site, &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", common::text(&out).1);
}

#[test]
fn an_mdbook_imports_with_exact_snapshots_and_fuzzy_entries_as_stale() {
    let site = tempfile::tempdir().unwrap();
    let (code, stderr) = import(site.path(), "mdbook", &fixture("mdbook"));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("nl: 10 messages imported: 8 made from today's English, 2 from an older English"),
        "{stderr}"
    );
    assert!(stderr.contains("po/de.po: 1 fuzzy entries have no previous msgid"), "{stderr}");
    let toml = read(site.path(), "tolk.toml");
    assert!(toml.contains("title = \"Ferris Guide\"") && toml.contains("targets = [\"de\", \"nl\"]"), "{toml}");
    // Chapters in SUMMARY.md order; code blocks stay in the skeleton.
    let skeleton = read(site.path(), "content/articles/guide-setup.md");
    assert!(skeleton.contains("weight = 20\n"), "{skeleton}");
    assert!(skeleton.contains("```sh\ncargo install ferris\n```"), "{skeleton}");
    // A fuzzy entry: translated from the previous msgid.
    let snapshot = messages(&read(site.path(), "locales/nl/snapshots/introduction.ftl"));
    assert_eq!(snapshot["introduction-text-2"], "It works on Linux and macOS.");
    let nl = messages(&read(site.path(), "locales/nl/guide-setup.ftl"));
    // Links between chapters name the article they became.
    assert_eq!(nl["setting-up-text-2"], "Zie de [inleiding](introduction.md) voor meer.");
    let stale: Vec<_> = findings(site.path()).into_iter().filter(|f| f.0 == "stale-translation").collect();
    assert_eq!(
        stale,
        [
            ("stale-translation".into(), "nl".into(), "introduction-text-2".into()),
            ("stale-translation".into(), "nl".into(), "setting-up-step-2".into())
        ]
    );
    // The de fuzzy entry without `#| msgid`: imported, with no snapshot, and said so.
    let all = findings(site.path());
    assert!(all.contains(&("missing-source-snapshot".into(), "de".into(), "setting-up-step-2".into())), "{all:?}");
    assert!(!all.iter().any(|f| f.0 == "broken-link"), "{all:?}");
    assert_builds(site.path());
    // Again: byte for byte the same.
    let before = common::tree(site.path());
    assert_eq!(import(site.path(), "mdbook", &fixture("mdbook")).0, 0);
    assert_eq!(common::tree(site.path()), before);
}

#[test]
fn a_hugo_site_with_a_content_directory_per_language() {
    let site = tempfile::tempdir().unwrap();
    let (code, stderr) = import(site.path(), "hugo", &fixture("hugo"));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("3 articles: home, docs-configure, docs-install"), "{stderr}");
    // The paragraph only the German page has is reported where it is.
    assert!(
        stderr.contains("content/de/docs/install.md:13:1: warning: block matches no message of today's English, not imported: \"Dieser Absatz steht nur in der deutschen Fassung.\""),
        "{stderr}"
    );
    let skeleton = read(site.path(), "content/articles/docs-install.md");
    for line in [
        "title = \"install-acme-title\"",
        "description = \"install-acme-description\"",
        "weight = 10",
        "## {{ download-title }} {#download}",
    ] {
        assert!(skeleton.contains(line), "{line} in {skeleton}");
    }
    let de = messages(&read(site.path(), "locales/de/docs-install.ftl"));
    assert_eq!(de["download-step-2"], "Laden Sie das Archiv für Ihr System herunter.");
    assert_eq!(de["download-warning-1"], "Version 1.0 kann keine Dateien lesen, die Version 2 geschrieben hat.");
    assert!(!de.contains_key("download-step-3"), "the German page has two steps");
    let nl = messages(&read(site.path(), "locales/nl/docs-install.ftl"));
    assert_eq!(nl["next-steps-text-1"], "Ga verder met [Acme configureren](docs-configure.md#options).");
    // Hugo records no English a translation was made from: no snapshot is invented.
    assert!(!site.path().join("locales/nl/snapshots").exists());
    let all = findings(site.path());
    assert!(all.contains(&("missing-source-snapshot".into(), "nl".into(), "download-step-1".into())));
    assert!(all.contains(&("missing-message".into(), "de".into(), "download-step-3".into())), "{all:?}");
    assert!(!all.iter().any(|f| f.0 == "broken-link"), "{all:?}");
    assert_builds(site.path());
}

#[test]
fn a_hugo_site_translated_by_file_name() {
    let site = tempfile::tempdir().unwrap();
    let (code, stderr) = import(site.path(), "hugo", &fixture("hugo-filenames"));
    assert_eq!(code, 0, "{stderr}");
    let fr = messages(&read(site.path(), "locales/fr/guide-start.ftl"));
    assert_eq!(fr["getting-started-title"], "Premiers pas");
    assert_eq!(fr["getting-started-item-2"], "S'il reste rouge, consultez le [dépannage](guide-troubleshoot.md).");
    assert!(!site.path().join("locales/fr/guide-troubleshoot.ftl").exists(), "no French page, no resource");
    assert!(read(site.path(), "tolk.toml").contains("targets = [\"fr\"]"));
    assert_builds(site.path());
}

#[test]
fn a_docusaurus_site_with_admonitions_and_an_mdx_page() {
    let site = tempfile::tempdir().unwrap();
    let (code, stderr) = import(site.path(), "docusaurus", &fixture("docusaurus"));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("1 MDX pages (.mdx) not imported"), "{stderr}");
    let skeleton = read(site.path(), "content/articles/intro.md");
    assert!(skeleton.contains("> [!TIP]\n> {{ welcome-orbit-tip-1 }}"), "{skeleton}");
    let guide = read(site.path(), "content/articles/guides-first-orbit.md");
    assert!(guide.contains("> [!CAUTION]\n> {{ first-orbit-caution-1 }}"), "{guide}");
    assert!(guide.contains("weight = 2"), "{guide}");
    let nl = messages(&read(site.path(), "locales/nl/intro.ftl"));
    assert_eq!(
        nl["welcome-orbit-tip-1"],
        "Open de [eerste handleiding](guides-first-orbit.md) om in 5 minuten je eerste satelliet te volgen."
    );
    assert!(read(site.path(), "tolk.toml").contains("title = \"Orbit Docs\""));
    assert_builds(site.path());
}

#[test]
fn import_adds_its_locales_to_a_site_started_with_init() {
    let root = tempfile::tempdir().unwrap();
    let site = root.path().join("docs");
    let out = common::tolk(root.path(), &["init", site.to_str().unwrap(), "--source", "en", "--targets", "de"]);
    assert_eq!(out.status.code(), Some(0), "{}", common::text(&out).1);
    let (code, stderr) = import(&site, "hugo", &fixture("hugo"));
    assert_eq!(code, 0, "{stderr}");
    let toml = read(&site, "tolk.toml");
    assert!(toml.contains("targets = [\"de\", \"nl\"]"), "{toml}");
    assert!(toml.contains("# base-url"), "comments are kept: {toml}");
    assert_builds(&site);
    // A site whose source locale differs is refused before anything is written.
    let other = tempfile::tempdir().unwrap();
    let out = common::tolk(root.path(), &["init", other.path().to_str().unwrap(), "--source", "nl", "--targets", "en"]);
    assert_eq!(out.status.code(), Some(0));
    let before = common::tree(other.path());
    let (code, stderr) = import(other.path(), "hugo", &fixture("hugo"));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("the input's source locale is en but the site's (tolk.toml) is nl"), "{stderr}");
    assert_eq!(common::tree(other.path()), before);
}

#[test]
fn shortcodes_and_directives_are_refused_with_their_place() {
    let input = tempfile::tempdir().unwrap();
    common::copy(&fixture("hugo"), input.path());
    let page = input.path().join("content/en/docs/configure.md");
    let text =
        std::fs::read_to_string(&page).unwrap().replace("from the current folder.", "from {{< param \"dir\" >}}.");
    std::fs::write(&page, text).unwrap();
    let site = tempfile::tempdir().unwrap();
    let (code, stderr) = import(site.path(), "hugo", input.path());
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("content/en/docs/configure.md:6:29: error: a Hugo shortcode"), "{stderr}");
    assert!(common::tree(site.path()).is_empty(), "nothing is written");

    let book = tempfile::tempdir().unwrap();
    common::copy(&fixture("mdbook"), book.path());
    let chapter = book.path().join("src/guide/setup.md");
    let text = std::fs::read_to_string(&chapter).unwrap().replace("cargo install ferris", "{{#include install.sh}}");
    std::fs::write(&chapter, text).unwrap();
    let (code, stderr) = import(site.path(), "mdbook", book.path());
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("src/guide/setup.md:6:1: error: an mdBook preprocessor directive"), "{stderr}");
}

#[test]
fn a_language_that_is_not_a_locale_tag_is_refused_before_anything_is_written() {
    let input = tempfile::tempdir().unwrap();
    common::copy(&fixture("hugo"), input.path());
    let config = input.path().join("hugo.toml");
    let text = std::fs::read_to_string(&config).unwrap().replace("[languages.de]", "[languages.\"../../escape\"]");
    std::fs::write(&config, text).unwrap();
    std::fs::rename(input.path().join("content/de"), input.path().join("content/x")).unwrap();
    let text = std::fs::read_to_string(&config).unwrap().replace("content/de", "content/x");
    std::fs::write(&config, text).unwrap();
    let site = tempfile::tempdir().unwrap();
    let (code, stderr) = import(site.path(), "hugo", input.path());
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("`../../escape`, which is not a BCP 47 locale tag"), "{stderr}");
    assert!(common::tree(site.path()).is_empty(), "nothing is written");
}

#[test]
fn a_chapter_outside_the_book_is_not_read() {
    let root = tempfile::tempdir().unwrap();
    let book = root.path().join("book");
    common::copy(&fixture("mdbook"), &book);
    std::fs::write(root.path().join("secret.md"), "# Secret\n\nThe password is hunter2.\n").unwrap();
    let summary = book.join("src/SUMMARY.md");
    let text = std::fs::read_to_string(&summary).unwrap() + "- [Leak](../../secret.md)\n";
    std::fs::write(&summary, text).unwrap();
    let site = tempfile::tempdir().unwrap();
    let (code, stderr) = import(site.path(), "mdbook", &book);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("src/../../secret.md:1:1: error: this file is outside"), "{stderr}");
    assert!(common::tree(site.path()).is_empty(), "nothing is written");
}

#[test]
fn ids_survive_an_inserted_paragraph_and_a_reworded_heading() {
    let book = tempfile::tempdir().unwrap();
    common::copy(&fixture("mdbook"), book.path());
    let site = tempfile::tempdir().unwrap();
    assert_eq!(import(site.path(), "mdbook", book.path()).0, 0);
    let before = messages(&read(site.path(), "locales/en/guide-setup.ftl"));
    let nl_before = messages(&read(site.path(), "locales/nl/guide-setup.ftl"));
    let chapter = book.path().join("src/guide/setup.md");
    let text = std::fs::read_to_string(&chapter).unwrap().replace("# Setting up", "# Installing Ferris").replace(
        "Install the tool with one command:",
        "Ferris needs a Rust toolchain.\n\nInstall the tool with one command:",
    );
    std::fs::write(&chapter, text).unwrap();
    let (code, stderr) = import(site.path(), "mdbook", book.path());
    assert_eq!(code, 0, "{stderr}");
    let after = messages(&read(site.path(), "locales/en/guide-setup.ftl"));
    assert_eq!(after["setting-up-title"], "Installing Ferris", "the reworded heading keeps its id");
    assert_eq!(
        after["setting-up-text-3"], "Ferris needs a Rust toolchain.",
        "the new paragraph gets an id no message had"
    );
    for (id, value) in &before {
        if id != "setting-up-title" {
            assert_eq!(after.get(id), Some(value), "{id} kept its id");
        }
    }
    // The translations stay under their ids.
    let nl_after = messages(&read(site.path(), "locales/nl/guide-setup.ftl"));
    assert_eq!(nl_after["setting-up-text-1"], nl_before["setting-up-text-1"]);
    assert!(after.keys().all(|id| id.len() <= 40 && !id.contains("--")));
    let en = read(site.path(), "locales/en/guide-setup.ftl");
    assert!(
        en.contains("# A numbered step in the section “Installing Ferris”.\nsetting-up-step-1 = Open a terminal."),
        "{en}"
    );
}

#[test]
fn reimporting_a_site_with_ids_of_the_earlier_form_renames_them_and_keeps_snapshots() {
    // The shipped site was imported with ids like `view-and-activate-your-technical-support-benefits--step-1`.
    let site = common::site_copy();
    let de_before = messages(&read(site.path(), "locales/de/snapshots/technical-support-benefits.ftl"));
    assert!(de_before.keys().any(|id| id.len() > 40));
    let out = common::tolk(
        site.path(),
        &[
            "import",
            "msdocs",
            common::seed("000_").to_str().unwrap(),
            common::seed("004_").to_str().unwrap(),
            "--article",
            "technical-support-benefits",
            "--force",
        ],
    );
    let stderr = common::text(&out).1;
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("message ids of an earlier form renamed"), "{stderr}");
    let en = messages(&read(site.path(), "locales/en/technical-support-benefits.ftl"));
    assert!(en.keys().all(|id| id.len() <= 40 && !id.contains("--")), "{:?}", en.keys());
    // de was not among the inputs: its resource and snapshot are renamed, their texts kept.
    let de_after = messages(&read(site.path(), "locales/de/snapshots/technical-support-benefits.ftl"));
    let values = |m: &BTreeMap<String, String>| {
        let mut v: Vec<String> = m.values().cloned().collect();
        v.sort();
        v
    };
    assert_eq!(values(&de_after), values(&de_before));
    assert_eq!(
        de_after["view-activate-technical-step-1"],
        de_before["view-and-activate-your-technical-support-benefits--step-1"]
    );
    let de = messages(&read(site.path(), "locales/de/technical-support-benefits.ftl"));
    let renamed: Vec<&String> = de.keys().filter(|id| id.contains("--")).collect();
    assert!(renamed.is_empty(), "every de message with an earlier id that en still has is renamed: {renamed:?}");
    // Renamed messages are matched again: none of them is missing in de.
    let missing: Vec<_> = findings(site.path())
        .into_iter()
        .filter(|f| f.1 == "de" && f.0 == "missing-message" && de_before.contains_key(&f.2))
        .collect();
    assert!(missing.is_empty(), "{missing:?}");
}
