//! The fuzz targets' promises on real content, and every input the fuzzers ever crashed on
//! (`fuzz/regressions/<target>/*`, replayed through the same harness as `fuzz/run.sh`).

#[path = "../fuzz/harness.rs"]
mod harness;

mod common;

use std::path::Path;

/// Files joined with NUL, as the harness splits multi-file inputs.
fn joined(files: &[&Path]) -> Vec<u8> {
    let texts: Vec<String> = files.iter().map(|f| std::fs::read_to_string(f).unwrap()).collect();
    texts.join("\0").into_bytes()
}

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let dir = common::repo().join("fuzz/regressions").join(target);
    let mut count = 0;
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name().into_iter().filter_map(|e| e.ok()) {
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
fn import_of_the_seeds_builds() {
    let (dutch, hungarian) = (common::seed("000_"), common::seed("004_"));
    harness::import_msdocs(&joined(&[&dutch, &hungarian]));
    harness::import_msdocs(&joined(&[&common::seed("002_")]));
}

#[test]
fn check_of_the_shipped_pairs_is_deterministic() {
    let repo = common::repo();
    for name in ["technical-support-benefits.ftl", "ui.ftl"] {
        let files = [
            repo.join("locales/en").join(name),
            repo.join("locales/hu").join(name),
            repo.join("locales/hu/snapshots").join(name),
        ];
        let present: Vec<&Path> = files.iter().map(|p| p.as_path()).filter(|p| p.is_file()).collect();
        harness::check_pair(&joined(&present));
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

#[test]
#[should_panic(expected = "a javascript: URL survived")]
fn the_render_oracle_catches_an_unsafe_page() {
    // The oracle itself must be able to fail: a page that keeps a javascript: link.
    harness::assert_safe(&[tolk::render::Page {
        path: "hu/x.html".into(),
        bytes: b"<a href=\"javascript:alert(1)\">x</a>".to_vec(),
    }]);
}

#[test]
fn crashes_found_by_fuzzing_stay_fixed() {
    let replayed = replay("import_msdocs", harness::import_msdocs)
        + replay("check_pair", harness::check_pair)
        + replay("render_skeleton", harness::render_skeleton);
    eprintln!("{replayed} regression inputs replayed");
}
