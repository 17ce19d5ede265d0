//! The fuzz targets' promises on real content, and every input the fuzzers ever crashed on
//! (`fuzz/regressions/<target>/*`, replayed through the same harness as `fuzz/run.sh`).

#[path = "../fuzz/harness.rs"]
mod harness;

mod common;

use std::path::Path;

/// Files joined with NUL, as the harness splits multi-file inputs; a missing file is an
/// empty part (as `fuzz/seed.sh` writes them).
fn joined(files: &[&Path]) -> Vec<u8> {
    let texts: Vec<String> = files.iter().map(|f| std::fs::read_to_string(f).unwrap_or_default()).collect();
    texts.join("\0").into_bytes()
}

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let dir = common::repo().join("fuzz/regressions").join(target);
    let mut count = 0;
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() && entry.file_name() != ".gitkeep" {
            let data = std::fs::read(entry.path()).unwrap();
            eprintln!("replaying {}", entry.path().display());
            run(&data);
            count += 1;
        }
    }
    count
}

#[test]
fn import_of_the_fixture_pages_builds() {
    let fixtures = common::repo().join("tests/fixtures/import");
    for (dialect, source, translation) in [
        (0u8, "hugo/content/en/docs/install.md", "hugo/content/de/docs/install.md"),
        (0, "hugo/content/en/docs/configure.md", "hugo/content/nl/docs/configure.md"),
        (1, "docusaurus/docs/intro.md", "docusaurus/i18n/nl/docusaurus-plugin-content-docs/current/intro.md"),
        (2, "mdbook/src/guide/setup.md", ""),
    ] {
        let mut data = vec![dialect];
        data.extend(joined(&[&fixtures.join(source), &fixtures.join(translation)]));
        harness::import_markdown(&data);
    }
}

#[test]
fn import_of_the_seeds_builds() {
    let (dutch, hungarian) = (common::seed("000_"), common::seed("004_"));
    harness::import_msdocs(&joined(&[&dutch, &hungarian]));
    harness::import_msdocs(&joined(&[&common::seed("002_")]));
}

#[test]
fn check_of_the_shipped_pairs_is_deterministic() {
    let repo = common::repo();
    let pairs = [("hu", "technical-support-benefits.ftl"), ("nl", "manage-partner-network-benefits.ftl")];
    for (locale, name) in pairs {
        let files = [
            repo.join("locales/en").join(name),
            repo.join("locales").join(locale).join(name),
            repo.join("locales").join(locale).join("snapshots").join(name),
        ];
        assert!(files.iter().all(|f| f.is_file()), "{locale}/{name} has a translation and a snapshot");
        harness::check_pair(&joined(&files.iter().map(|p| p.as_path()).collect::<Vec<_>>()));
    }
}

#[test]
fn shipped_article_renders_safely() {
    let repo = common::repo();
    let slug = "technical-support-benefits";
    harness::render_skeleton(&joined(&[
        &repo.join(format!("content/articles/{slug}.md")),
        &repo.join(format!("locales/en/{slug}.ftl")),
        &repo.join(format!("locales/hu/{slug}.ftl")),
    ]));
}

/// The safety oracle itself must be able to fail, and must not fail on what the theme writes.
#[test]
fn the_render_oracle_tells_unsafe_pages_from_the_theme() {
    let page = |html: &str| tolk::write::Page { path: "hu/x/index.html".into(), bytes: html.as_bytes().to_vec() };
    let theme = r#"<script src="../../site.js" defer></script><form class="search" onsubmit="return false"><a href="../">JavaScript: a language</a></form>"#;
    harness::assert_safe(&[page(theme)]);
    for (html, why) in [
        (r#"<a href="javascript:alert(1)">x</a>"#, "a script URL survived"),
        (r#"<a href="java&#x3A;script:x" href=' JaVaScRiPt&#58;alert(1)'>x</a>"#, "a script URL survived"),
        (r#"<img src=x onerror="alert(1)">"#, "an event handler survived"),
        (r#"<script>alert(1)</script>"#, "a script that is not the theme's"),
        (r#"<script src="https://evil.example/site.js" defer></script>"#, "a script that is not the theme's"),
    ] {
        let caught = std::panic::catch_unwind(|| harness::assert_safe(&[page(html)]));
        let message = caught.err().and_then(|e| e.downcast_ref::<String>().cloned()).unwrap_or_default();
        assert!(message.contains(why), "{html}: expected `{why}`, got `{message}`");
    }
}

#[test]
fn crashes_found_by_fuzzing_stay_fixed() {
    let replayed = replay("import_msdocs", harness::import_msdocs)
        + replay("import_markdown", harness::import_markdown)
        + replay("check_pair", harness::check_pair)
        + replay("render_skeleton", harness::render_skeleton)
        + replay("check_then_build", harness::check_then_build);
    assert!(replayed >= 3, "the crashes found so far are kept in fuzz/regressions ({replayed} replayed)");
}
