//! Starting and growing a site as a new user would: `tolk init`, commands run from any
//! directory of the site, `tolk new article`, `tolk locale add`, `tolk theme eject`, and the
//! default theme the binary carries.

mod common;

use std::path::Path;
use std::process::Output;

/// Runs `tolk ARGS…` in `dir`, without --site (the site is found from there).
fn tolk_in(dir: &Path, args: &[&str]) -> Output {
    assert_cmd::Command::cargo_bin("tolk").unwrap().current_dir(dir).args(args).output().unwrap()
}

fn ok(out: &Output) {
    let (stdout, stderr) = common::text(out);
    assert_eq!(out.status.code(), Some(0), "stdout: {stdout}\nstderr: {stderr}");
}

/// A site made by `tolk init` in a fresh directory.
fn init(targets: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let out = tolk_in(tmp.path(), &["init", "site", "--source", "en", "--targets", targets, "--title", "My docs"]);
    ok(&out);
    tmp
}

#[test]
fn init_makes_a_site_that_builds_and_checks_at_once() {
    let tmp = init("nl,de");
    let site = tmp.path().join("site");
    for file in [
        "tolk.toml",
        "content/articles/getting-started.md",
        "content/model/site.toml",
        "locales/en/getting-started.ftl",
        "locales/en/ui.ftl",
        "locales/nl/metadata.toml",
        "locales/de/metadata.toml",
    ] {
        assert!(site.join(file).is_file(), "{file}");
    }
    assert!(!site.join("templates").exists(), "the default theme is in the binary");
    ok(&tolk_in(&site, &["build"]));
    let page = std::fs::read_to_string(site.join("public/en/getting-started/index.html")).unwrap();
    assert!(page.contains("Getting started"));
    assert!(page.contains("This site has 3 locales."), "the model value through a plural");
    assert!(page.contains("<style>"), "the theme's stylesheet is inlined");
    assert!(site.join("public/site.js").is_file());
    // The targets show the English until translated; the check says so and passes.
    assert!(std::fs::read_to_string(site.join("public/nl/getting-started/index.html"))
        .unwrap()
        .contains("Getting started"));
    let out = tolk_in(&site, &["check", "--format", "json"]);
    ok(&out);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<&str> = report["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(!rules.is_empty() && rules.iter().all(|r| *r == "missing-resource"), "{rules:?}");
}

#[test]
fn init_refuses_a_site_that_exists_and_bad_locales() {
    let tmp = init("nl");
    let again = tolk_in(tmp.path(), &["init", "site", "--source", "en", "--targets", "nl"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(common::text(&again).1.contains("already has tolk.toml"), "{}", common::text(&again).1);
    let bad = tolk_in(tmp.path(), &["init", "other", "--source", "en", "--targets", "nl,not a locale"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(!tmp.path().join("other/tolk.toml").exists(), "nothing written");
    let twice = tolk_in(tmp.path(), &["init", "third", "--source", "en", "--targets", "en"]);
    assert_eq!(twice.status.code(), Some(2), "the source is not also a target");
}

#[test]
fn commands_find_the_site_from_any_directory_in_it() {
    let tmp = init("nl");
    let site = tmp.path().join("site");
    let deep = site.join("locales/nl");
    let out = tolk_in(&deep, &["check", "--format", "summary"]);
    ok(&out);
    assert!(common::text(&out).0.starts_with("locale"), "{}", common::text(&out).0);
    ok(&tolk_in(&deep, &["build"]));
    assert!(site.join("public/index.html").is_file(), "built into the site's public/, not the working directory");
    assert!(!deep.join("public").exists());
    // --site still wins.
    let elsewhere = tempfile::tempdir().unwrap();
    let out = tolk_in(elsewhere.path(), &["--site", site.to_str().unwrap(), "check", "--format", "summary"]);
    ok(&out);
    // Outside any site: the missing tolk.toml is reported, exit 2.
    assert_eq!(tolk_in(elsewhere.path(), &["check"]).status.code(), Some(2));
}

#[test]
fn new_article_and_locale_add_grow_the_site() {
    let tmp = init("nl");
    let site = tmp.path().join("site");
    ok(&tolk_in(&site, &["new", "article", "setup", "--title", "Set up"]));
    assert!(std::fs::read_to_string(site.join("locales/en/setup.ftl")).unwrap().contains("setup-title = Set up"));
    let again = tolk_in(&site, &["new", "article", "setup"]);
    assert_eq!(again.status.code(), Some(2), "refuses what exists");
    assert_eq!(tolk_in(&site, &["new", "article", "Not A Slug"]).status.code(), Some(2));

    let config = site.join("tolk.toml");
    let before = std::fs::read_to_string(&config).unwrap();
    ok(&tolk_in(&site, &["locale", "add", "fr", "--name", "Français"]));
    let after = std::fs::read_to_string(&config).unwrap();
    assert!(after.contains(r#"targets = ["nl", "fr"]"#), "{after}");
    assert!(after.contains("Français"), "{after}");
    assert!(after.starts_with(before.lines().next().unwrap()), "the comments are kept");
    assert!(site.join("locales/fr/metadata.toml").is_file());
    assert_eq!(tolk_in(&site, &["locale", "add", "fr"]).status.code(), Some(2));
    assert_eq!(tolk_in(&site, &["locale", "add", "en"]).status.code(), Some(2), "the source");
    assert_eq!(tolk_in(&site, &["locale", "add", "no such"]).status.code(), Some(2));

    ok(&tolk_in(&site, &["build"]));
    let page = std::fs::read_to_string(site.join("public/fr/setup/index.html")).unwrap();
    assert!(page.contains("Set up"));
    assert!(std::fs::read_to_string(site.join("public/index.html")).unwrap().contains("Français"));
}

#[test]
fn a_site_template_overrides_the_default_theme_file_by_file() {
    let tmp = init("nl");
    let site = tmp.path().join("site");
    ok(&tolk_in(&site, &["theme", "eject"]));
    let css = site.join("templates/style.css");
    let default = std::fs::read_to_string(&css).unwrap();
    std::fs::write(&css, format!("{default}\n/* site override */\n")).unwrap();
    // Only the stylesheet stays: every other file comes from the binary.
    for entry in std::fs::read_dir(site.join("templates")).unwrap() {
        let path = entry.unwrap().path();
        if path != css {
            std::fs::remove_file(path).unwrap();
        }
    }
    ok(&tolk_in(&site, &["build"]));
    let page = std::fs::read_to_string(site.join("public/en/getting-started/index.html")).unwrap();
    assert!(page.contains("/* site override */"), "the site's stylesheet, inlined by the theme's templates");
    assert!(site.join("public/site.js").is_file(), "the theme's script");
    let again = tolk_in(&site, &["theme", "eject"]);
    assert_eq!(again.status.code(), Some(2), "an edited theme is not overwritten");
    assert!(common::text(&again).1.contains("style.css"));
    assert!(std::fs::read_to_string(&css).unwrap().ends_with("/* site override */\n"));
}

/// The binary's theme is the shipped site's templates/: without its templates/ the shipped
/// site builds the same bytes.
#[test]
fn the_shipped_site_builds_the_same_from_the_embedded_theme() {
    let with = common::site_copy();
    let without = common::site_copy();
    std::fs::remove_dir_all(without.path().join("templates")).unwrap();
    for site in [&with, &without] {
        ok(&common::tolk(site.path(), &["build", "--out", "out"]));
    }
    let (a, b) = (common::tree(&with.path().join("out")), common::tree(&without.path().join("out")));
    assert_eq!(a.len(), b.len());
    assert!(a == b, "the outputs differ");
}

/// Names from the command line never reach outside the site: a locale or slug with path
/// syntax is refused before anything is written.
#[test]
fn paths_in_locales_and_slugs_are_refused() {
    let tmp = init("nl");
    let site = tmp.path().join("site");
    let before = common::tree(tmp.path());
    for args in [
        &["locale", "add", "../../evil"][..],
        &["locale", "add", "nl/../../evil"],
        &["locale", "add", "/tmp"],
        &["new", "article", "../evil"],
        &["new", "article", "a/b"],
    ] {
        let out = tolk_in(&site, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", common::text(&out).1);
    }
    let init_out = tolk_in(tmp.path(), &["init", "other", "--source", "en", "--targets", "../evil"]);
    assert_eq!(init_out.status.code(), Some(2));
    assert_eq!(common::tree(tmp.path()), before, "nothing written anywhere");
}
