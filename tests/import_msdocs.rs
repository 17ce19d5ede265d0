//! `tolk import msdocs` on the real seeds: idempotent, honest about what it cannot align.

mod common;

use common::seed;

fn import(site: &std::path::Path, seeds: &[&str], article: &str, extra: &[&str]) -> std::process::Output {
    let files: Vec<String> = seeds.iter().map(|s| seed(s).display().to_string()).collect();
    let mut args = vec!["import", "msdocs"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--article", article]);
    args.extend(extra);
    common::tolk(site, &args)
}

#[test]
fn importing_twice_gives_identical_bytes() {
    let site = tempfile::tempdir().unwrap();
    let first = import(site.path(), &["000", "003", "004"], "technical-support-benefits", &[]);
    assert_eq!(first.status.code(), Some(0), "{}", common::text(&first).1);
    assert_eq!(import(site.path(), &["002"], "manage-partner-network-benefits", &[]).status.code(), Some(0));
    let files = common::tree(site.path());
    for path in [
        "content/articles/technical-support-benefits.md",
        "locales/en/technical-support-benefits.ftl",
        "locales/hu/snapshots/technical-support-benefits.ftl",
        "locales/nl/manage-partner-network-benefits.ftl",
    ] {
        assert!(files.contains_key(std::path::Path::new(path)), "{path}");
    }
    let again = import(site.path(), &["000", "003", "004"], "technical-support-benefits", &[]);
    assert_eq!(again.status.code(), Some(0));
    assert!(common::text(&again).1.contains("11 files unchanged"));
    assert_eq!(import(site.path(), &["002"], "manage-partner-network-benefits", &[]).status.code(), Some(0));
    assert_eq!(common::tree(site.path()), files);
}

#[test]
fn english_comes_from_the_newest_input_and_snapshots_from_each() {
    let site = tempfile::tempdir().unwrap();
    // Oldest first on the command line: the newest ms.lasthandoff (nl, 05/19/2021) still wins.
    assert_eq!(import(site.path(), &["004", "003", "000"], "tsb", &[]).status.code(), Some(0));
    let read = |p: &str| std::fs::read_to_string(site.path().join(p)).unwrap();
    let en = read("locales/en/tsb.ftl");
    assert!(en.contains(
        "# A numbered step in the section “How many Partner support incidents are remaining”.\n\
         many-partner-support-step-1 = Step 1 Open [Support for Business]"
    ));
    let hu_snapshot = read("locales/hu/snapshots/tsb.ftl");
    assert!(hu_snapshot.contains("many-partner-support-step-1 = Step 1 Select windows 10 and enter dummy information"));
    let hu = read("locales/hu/tsb.ftl");
    assert!(hu.contains("many-partner-support-step-1 = 1. lépés: Válassza ki a Windows 10-et"));
    assert!(hu.contains("ms.translationtype MT"), "machine translation is recorded");
}

#[test]
fn unaligned_blocks_are_reported_with_file_and_line() {
    let site = tempfile::tempdir().unwrap();
    let out = import(site.path(), &["000", "004"], "tsb", &[]);
    let (_, stderr) = common::text(&out);
    let hu = seed("004").display().to_string();
    assert!(
        stderr.contains(&format!(
            "{hu}:21:1: warning: block matches no message of today's English, not imported: \"**Appropriate roles**\""
        )),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("{hu}:24:1:")), "{stderr}");
}

#[test]
fn a_file_without_english_is_refused() {
    let site = tempfile::tempdir().unwrap();
    let out = import(site.path(), &["001"], "x", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(common::text(&out).1.contains("never invents a source text"));
    assert!(common::tree(site.path()).is_empty(), "nothing written");
}

#[test]
fn hand_edits_are_kept_unless_forced() {
    let site = tempfile::tempdir().unwrap();
    assert_eq!(import(site.path(), &["000", "004"], "tsb", &[]).status.code(), Some(0));
    let hu = site.path().join("locales/hu/tsb.ftl");
    let edited = std::fs::read_to_string(&hu).unwrap().replace("Áttekintés", "Áttekintés (kézzel)");
    std::fs::write(&hu, &edited).unwrap();
    let out = import(site.path(), &["000", "004"], "tsb", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(common::text(&out).1.contains("locales/hu/tsb.ftl"));
    assert_eq!(std::fs::read_to_string(&hu).unwrap(), edited, "the curated file is untouched");
    assert_eq!(import(site.path(), &["000", "004"], "tsb", &["--force"]).status.code(), Some(0));
    assert!(!std::fs::read_to_string(&hu).unwrap().contains("(kézzel)"));
}

#[test]
fn two_files_of_one_locale_are_refused() {
    let site = tempfile::tempdir().unwrap();
    let out = import(site.path(), &["000", "002"], "x", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(common::text(&out).1.contains("both locale `nl`"));
}

#[test]
fn an_unclosed_comment_is_refused_instead_of_losing_the_rest() {
    // It once imported 2 of 62 messages, exit 0.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(seed("000")).unwrap();
    let cut = text.find("\n## ").expect("a second-level heading");
    let broken = format!("{}\n<!-- a note left open\n{}", &text[..cut], &text[cut..]);
    let file = dir.path().join("nl.md");
    std::fs::write(&file, &broken).unwrap();
    let site = tempfile::tempdir().unwrap();
    let out = common::tolk(site.path(), &["import", "msdocs", file.to_str().unwrap(), "--article", "x"]);
    let (_, stderr) = common::text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("nl.md:") && stderr.contains("in no paragraph, heading, list item or table cell"),
        "{stderr}"
    );
    assert!(common::tree(site.path()).is_empty(), "nothing written");
}

#[test]
fn a_translation_in_the_source_locale_is_refused() {
    // `ms.contentlocale: en-US` once wrote the translation over locales/en/SLUG.ftl.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(seed("000")).unwrap();
    let start = text.find("ms.contentlocale:").unwrap();
    let end = start + text[start..].find('\n').unwrap();
    let file = dir.path().join("en.md");
    std::fs::write(&file, format!("{}ms.contentlocale: en-US{}", &text[..start], &text[end..])).unwrap();
    let site = common::site_copy();
    let before = common::tree(site.path());
    let out = common::tolk(
        site.path(),
        &["import", "msdocs", file.to_str().unwrap(), "--article", "technical-support-benefits"],
    );
    let (_, stderr) = common::text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("en.md") && stderr.contains("source locale `en`"), "{stderr}");
    assert_eq!(common::tree(site.path()), before);
}
