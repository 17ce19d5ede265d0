//! Bad input: a located message, exit code 2, no panic, and the previous site untouched.

mod common;

use std::path::Path;

/// Builds a copy of the shipped site, breaks it with `edit`, builds again, and asserts the
/// failure: exit 2, `expected` in stderr, and `public/` byte-identical to before.
fn fails(edit: impl FnOnce(&Path), expected: &str) {
    let site = common::site_copy();
    assert_eq!(common::tolk(site.path(), &["build"]).status.code(), Some(0));
    let before = common::tree(&site.path().join("public"));
    edit(site.path());
    let out = common::tolk(site.path(), &["build"]);
    let (_, stderr) = common::text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(expected), "expected `{expected}` in:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(common::tree(&site.path().join("public")), before, "the previous site is kept");
    assert!(!site.path().join("public.tolk-new").exists());
}

fn replace(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn malformed_ftl() {
    fails(
        |site| {
            replace(
                &site.join("locales/hu/technical-support-benefits.ftl"),
                "overview--title = Áttekintés",
                "overview--title = Áttekintés { $x",
            )
        },
        "locales/hu/technical-support-benefits.ftl:6:34: error: Fluent syntax error: Expected a token starting with \"}\"",
    );
}

#[test]
fn malformed_model() {
    fails(
        |site| {
            replace(
                &site.join("content/model/benefits.toml"),
                "product-support-incidents = 15",
                "product-support-incidents = = 15",
            )
        },
        "content/model/benefits.toml:18:29: error:",
    );
}

#[test]
fn unknown_message_in_a_skeleton() {
    fails(
        |site| {
            replace(
                &site.join("content/articles/technical-support-benefits.md"),
                "{{ overview--p-1 }}\n",
                "{{ overview--p-1 }} {{ no-such-message }}\n",
            )
        },
        "content/articles/technical-support-benefits.md:14:21: error: unknown message `no-such-message`",
    );
}

#[test]
fn missing_model_path() {
    fails(
        |site| {
            replace(
                &site.join("content/articles/technical-support-benefits.md"),
                "benefits.tiers.gold-competency.product-support-incidents",
                "benefits.tiers.platinum.product-support-incidents",
            )
        },
        "`benefits.tiers` has no `platinum`",
    );
}

#[test]
fn unknown_config_key() {
    fails(
        |site| replace(&site.join("tolk.toml"), "[site]\n", "[site]\ncolour = \"blue\"\n"),
        "tolk.toml:3:1: error: unknown field `colour`",
    );
}

#[test]
fn broken_template() {
    fails(
        |site| replace(&site.join("templates/article.html"), "{{ content | safe }}", "{{ content | safe "),
        "templates/article.html",
    );
}

#[test]
fn invalid_utf8() {
    fails(
        |site| std::fs::write(site.join("locales/de/technical-support-benefits.ftl"), b"a = \xff\n").unwrap(),
        "locales/de/technical-support-benefits.ftl:1:5: error: file is not valid UTF-8",
    );
}

#[test]
fn missing_config_is_a_usage_error() {
    let empty = tempfile::tempdir().unwrap();
    let out = common::tolk(empty.path(), &["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(common::text(&out).1.contains("no tolk.toml"));
}

#[test]
fn refuses_to_replace_a_directory_it_did_not_write() {
    let site = common::site_copy();
    std::fs::create_dir(site.path().join("docs")).unwrap();
    std::fs::write(site.path().join("docs/notes.txt"), "mine").unwrap();
    let out = common::tolk(site.path(), &["build", "--out", "docs"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(site.path().join("docs/notes.txt")).unwrap(), "mine");
    let out = common::tolk(site.path(), &["build", "--out", "content"]);
    assert_eq!(out.status.code(), Some(2));
}
