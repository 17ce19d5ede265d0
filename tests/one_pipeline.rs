//! One pipeline: `tolk check` reports, as a located `render-error`, what `tolk build` refuses
//! (exit 2 at the same place, previous site kept, no panic). The cases are the ones that
//! used to pass the check and break the build (or silently drop text).

mod common;

use std::path::Path;

use serde_json::Value;

fn replace(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Breaks a copy of the shipped site with `edit`; asserts that `tolk check` exits 1 with a
/// `render-error` at `at` (`file:line:column`) whose message contains `says`, and that `tolk
/// build` exits 2 naming the same place, without a panic, keeping the previous site.
fn check_and_build_agree(edit: impl FnOnce(&Path), at: &str, says: &str) {
    check_and_build_agree_on("render-error", edit, at, says)
}

/// As [`check_and_build_agree`], for a finding of `rule`.
fn check_and_build_agree_on(rule: &str, edit: impl FnOnce(&Path), at: &str, says: &str) {
    let site = common::site_copy();
    assert_eq!(common::tolk(site.path(), &["build"]).status.code(), Some(0));
    let before = common::tree(&site.path().join("public"));
    edit(site.path());

    let out = common::tolk(site.path(), &["check", "--format", "json"]);
    let (stdout, stderr) = common::text(&out);
    assert_eq!(out.status.code(), Some(1), "check must fail: {stderr}");
    let json: Value = serde_json::from_str(&stdout).unwrap();
    let found = json["findings"].as_array().unwrap().iter().any(|f| {
        let place = format!("{}:{}:{}", f["file"].as_str().unwrap(), f["line"], f["column"]);
        f["rule"] == rule && f["severity"] == "error" && place == at && f["message"].as_str().unwrap().contains(says)
    });
    let errors: Vec<String> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| format!("{} {}:{}:{} {}", f["rule"], f["file"], f["line"], f["column"], f["message"]))
        .collect();
    assert!(found, "no {rule} at {at} saying `{says}`; errors:\n{}", errors.join("\n"));

    let out = common::tolk(site.path(), &["build"]);
    let (_, stderr) = common::text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&format!("{at}: error:")) && stderr.contains(says), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(common::tree(&site.path().join("public")), before, "the previous site is kept");
}

#[test]
fn number_options_beyond_ecma_402() {
    check_and_build_agree(
        |site| {
            replace(
                &site.join("locales/nl/technical-support-benefits.ftl"),
                "entitlement-product-support-incidents = { $count }",
                "entitlement-product-support-incidents = { NUMBER($count, maximumFractionDigits: 70000) }",
            )
        },
        "locales/nl/technical-support-benefits.ftl:28:81",
        "`maximumFractionDigits: 70000` is out of range",
    );
}

#[test]
fn an_unclosed_image_would_drop_the_rest_of_the_page() {
    check_and_build_agree(
        |site| {
            replace(
                &site.join("locales/nl/technical-support-benefits.ftl"),
                "overview--p-1 = Dit artikel",
                "overview--p-1 = :::image type=\"complex\" source=\"a.png\" alt-text=\"Kaart\" Dit artikel",
            )
        },
        "locales/nl/technical-support-benefits.ftl:8:1",
        "`:::image` is not closed by `:::`",
    );
}

#[test]
fn an_unclosed_style_element_would_hide_the_rest_of_the_page() {
    check_and_build_agree(
        |site| {
            replace(
                &site.join("locales/nl/technical-support-benefits.ftl"),
                "overview--p-1 = Dit artikel",
                "overview--p-1 = <style>p.x Dit artikel",
            )
        },
        "locales/nl/technical-support-benefits.ftl:8:1",
        "`<style>` is not closed",
    );
}

#[test]
fn a_string_where_a_plural_needs_a_number() {
    check_and_build_agree(
        |site| {
            replace(
                &site.join("locales/en/technical-support-benefits.ftl"),
                "entitlement-product-support-incidents = { $count } Incidents",
                "entitlement-product-support-incidents = { $count ->\n    [one] { $count } Incident\n   *[other] { $count } Incidents\n}",
            );
            replace(
                &site.join("content/model/benefits.toml"),
                "product-support-incidents = 15",
                "product-support-incidents = \"15\"",
            );
        },
        "content/articles/technical-support-benefits.md:49:144",
        "is the string \"15\"",
    );
}

#[test]
fn a_model_number_no_page_can_show() {
    for value in ["nan", "inf", "-inf"] {
        check_and_build_agree_on(
            "model-reference",
            |site| {
                replace(
                    &site.join("content/model/benefits.toml"),
                    "product-support-incidents = 15",
                    &format!("product-support-incidents = {value}"),
                )
            },
            "content/articles/technical-support-benefits.md:49:144",
            "not a finite number",
        );
    }
}

#[test]
fn check_stays_green_where_build_succeeds() {
    // The shipped site builds; its check has no render-error (its exit 1 is the Hungarian
    // drift the README names).
    let site = common::site_copy();
    assert_eq!(common::tolk(site.path(), &["build"]).status.code(), Some(0));
    let out = common::tolk(site.path(), &["check", "--format", "json"]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let render: Vec<&Value> =
        json["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == "render-error").collect();
    assert!(render.is_empty(), "{render:?}");
}

#[test]
fn every_command_validates_the_check_policy() {
    let site = common::site_copy();
    let config = site.path().join("tolk.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, text.replacen("[check.severity]\n", "[check.severity]\nstale-translaton = \"error\"\n", 1))
        .unwrap();
    for args in [&["build"][..], &["check"], &["accept", "hu", "--all"]] {
        let out = common::tolk(site.path(), args);
        let (_, stderr) = common::text(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("stale-translaton"), "{args:?}: {stderr}");
    }
}
