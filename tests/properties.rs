//! Properties over generated input (proptest): import is idempotent, the checker never calls
//! one message both missing and stale, findings come in a deterministic order, and a check
//! without errors means a build that succeeds (one pipeline).

#[path = "../fuzz/harness.rs"]
mod harness;

use std::path::Path;

use proptest::prelude::*;
use tolk::check::{self, Context};
use tolk::import::{import_msdocs, ImportOptions};
use tolk::load::Project;

fn segment(n: usize, translation: &str, english: &str) -> String {
    format!("<span data-ttu-id=\"x-{n}\">{translation}</span><span class=\"sxs-lookup\"><span data-stu-id=\"x-{n}\">{english}</span></span>")
}

/// A Microsoft Docs file: a title, then sections of paragraphs and list items.
fn msdocs(locale: &str, handoff: &str, sections: &[Vec<String>]) -> String {
    let mut n = 100;
    let mut body = format!("# <a name=\"top\"></a>{}\n\n", segment(n, "T", "Title"));
    for (s, blocks) in sections.iter().enumerate() {
        n += 1;
        body.push_str(&format!(
            "## <a name=\"s{s}\"></a>{}\n\n",
            segment(n, &format!("S{s}"), &format!("Section {s}"))
        ));
        for (b, english) in blocks.iter().enumerate() {
            n += 1;
            let prefix = if b % 3 == 2 { "- " } else { "" };
            body.push_str(&format!("{prefix}{}\n\n", segment(n, &format!("[{locale}] {english}"), english)));
        }
    }
    format!("---\ntitle: T\nms.contentlocale: {locale}\nms.lasthandoff: {handoff}\nms.translationtype: MT\n---\n{body}")
}

fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().display().to_string(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec("[a-z]{2,8}", 2..9).prop_map(|w| w.join(" ") + ".")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn import_is_idempotent(sections in prop::collection::vec(prop::collection::vec(sentence(), 1..5), 1..4), drop_one in any::<bool>()) {
        let inputs = tempfile::tempdir().unwrap();
        let nl = inputs.path().join("nl.md");
        let hu = inputs.path().join("hu.md");
        std::fs::write(&nl, msdocs("nl-NL", "05/19/2021", &sections)).unwrap();
        let mut older = sections.clone();
        if drop_one { older[0].pop(); }
        std::fs::write(&hu, msdocs("hu-HU", "04/28/2021", &older)).unwrap();
        let site = tempfile::tempdir().unwrap();
        let options = ImportOptions { files: vec![hu, nl], article: "a".into(), site: site.path().to_path_buf(), force: false };
        import_msdocs(&options).unwrap();
        let first = tree(site.path());
        import_msdocs(&options).unwrap();
        prop_assert_eq!(tree(site.path()), first);
    }

    #[test]
    fn never_missing_and_stale_and_always_in_order(
        ids in prop::collection::btree_set("[a-z]{1,6}", 1..12),
        translated in prop::collection::vec(any::<bool>(), 12),
        snapshot in prop::collection::vec(0u8..3, 12),
    ) {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["en", "de/snapshots"] { std::fs::create_dir_all(dir.path().join(sub)).unwrap(); }
        let (mut en, mut de, mut snap) = (String::new(), String::new(), String::new());
        for (i, id) in ids.iter().enumerate() {
            en.push_str(&format!("{id} = Text {i} now\n"));
            if translated[i] { de.push_str(&format!("{id} = Text {i} übersetzt\n")); }
            match snapshot[i] {
                0 => {}
                1 => snap.push_str(&format!("{id} = Text {i} now\n")),
                _ => snap.push_str(&format!("{id} = Text {i} then\n")),
            }
        }
        std::fs::write(dir.path().join("en/a.ftl"), en).unwrap();
        std::fs::write(dir.path().join("de/a.ftl"), de).unwrap();
        std::fs::write(dir.path().join("de/snapshots/a.ftl"), snap).unwrap();
        let project = Project::from_ftl_tree(dir.path(), "en", &[]).unwrap();
        let ctx = Context::new(&project, &[]).unwrap();
        let findings = check::run(&ctx).unwrap();
        for f in findings.iter().filter(|f| f.rule == "stale-translation") {
            prop_assert!(!findings.iter().any(|g| g.rule == "missing-message" && g.locale == f.locale && g.message_id == f.message_id));
        }
        let again = check::run(&Context::new(&project, &[]).unwrap()).unwrap();
        prop_assert_eq!(&findings, &again);
        prop_assert!(findings.windows(2).all(|w| w[0].sort_key() <= w[1].sort_key()));
    }
}

/// Fragments that break rendering, or look as if they might: what translators paste.
const SNIPPETS: &[&str] = &[
    "{ NUMBER($count, maximumFractionDigits: 70000) }",
    "{ NUMBER($count, minimumFractionDigits: 3, maximumFractionDigits: 2) }",
    "{ NUMBER($count, minimumIntegerDigits: 0) }",
    "{ NUMBER($count, maximumFractionDigits: 2) }",
    "{ NUMBER(\"x\") }",
    "{ 1.5 }",
    ":::image type=\"complex\" source=\"a.png\" alt-text=\"Kaart\"",
    ":::image type=\"complex\" source=\"a.png\" alt-text=\"Kaart\":::",
    ":::image type=\"content\" source=\"a.png\" alt-text=\"Kaart\":::",
    "<!-- ",
    "<!-- x -->",
    "<style>",
    "<script>",
    "<textarea>",
    "<b>vet</b>",
    "{ $nope }",
    "{ -nope }",
    "{ overview--title }",
    "{ overview--title.x }",
    "{ $count }",
    "{ $count ->\n    [one] één\n   *[other] meer\n}",
    "[x](other.md)",
    "**",
    "`",
    "{",
    "}",
    "#### [Tab](#tab/x)",
    "| a |",
];

/// Model lines a team might write where a number is expected.
const MODEL_VALUES: &[&str] = &["15", "\"15\"", "nan", "inf", "1.5", "9007199254740993", "-3", "\"none\""];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// One pipeline: whatever translators write into a resource (and whatever number or string
    /// the model holds), the build fails only where the check reports an error.
    #[test]
    fn the_build_fails_only_where_the_check_reports_an_error(
        edits in prop::collection::vec((0usize..400, 0usize..SNIPPETS.len(), any::<bool>()), 1..4),
        english in any::<bool>(),
        value in prop::option::of(0usize..MODEL_VALUES.len()),
    ) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let read = |rel: &str| std::fs::read_to_string(root.join(rel)).unwrap();
        let (mut nl, mut en) = (read("locales/nl/technical-support-benefits.ftl"), read("locales/en/technical-support-benefits.ftl"));
        for (at, snippet, in_english) in edits {
            let text = if in_english && english { &mut en } else { &mut nl };
            // Into the value of a message: after the `= ` of the at-th message line.
            let starts: Vec<usize> = text.match_indices(" = ").map(|(i, _)| i + 3).collect();
            let i = starts[at % starts.len()];
            text.insert_str(i, &format!("{} ", SNIPPETS[snippet]));
        }
        let model = value.map(|v| read("content/model/benefits.toml").replacen("product-support-incidents = 15", &format!("product-support-incidents = {}", MODEL_VALUES[v]), 1)).unwrap_or_default();
        let en = if english { en } else { String::new() };
        harness::check_then_build(format!("{nl}\0{en}\0{model}").as_bytes());
    }
}
