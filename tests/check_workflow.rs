//! The checker as a team uses it in CI: formats, policy, baselines, accepting translations,
//! and plain Fluent trees compared with Mozilla's compare-locales.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

fn fixture() -> std::path::PathBuf {
    common::repo().join("tests/fixtures/drift")
}

fn report(site: &Path, args: &[&str]) -> (Value, i32) {
    let mut all = vec!["check", "--format", "json"];
    all.extend(args);
    let out = common::tolk(site, &all);
    (serde_json::from_slice(&out.stdout).unwrap_or(Value::Null), out.status.code().unwrap())
}

fn stdout(args: &[&str]) -> String {
    common::text(&common::tolk(&fixture(), args)).0
}

#[test]
fn every_format_on_the_same_findings() {
    let args = ["check", "--locale", "nl", "--format"];
    let with = |f: &str| stdout(&[&args[..], &[f]].concat());
    insta::assert_snapshot!("human", with("human"));
    insta::assert_snapshot!("json", with("json"));
    insta::assert_snapshot!("sarif", with("sarif"));
    insta::assert_snapshot!("github", with("github"));
    insta::assert_snapshot!("summary", stdout(&["check", "--format", "summary"]));
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let schema: Value = serde_json::from_str(include_str!("sarif-schema-2.1.0.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let log: Value = serde_json::from_str(&stdout(&["check", "--format", "sarif"])).unwrap();
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let rules = log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), tolk::check::RULES.len());
    assert!(rules.iter().all(|r| r["help"]["text"].as_str().is_some_and(|t| t.contains("Why it matters"))));
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().all(|r| r["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64() >= Some(1)));
    let mut invalid = log.clone();
    invalid["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&invalid), "the schema check is real");
}

#[test]
fn output_file_and_github_annotations() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("report.sarif");
    let out = common::tolk(&fixture(), &["check", "--format", "sarif", "--output", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(std::fs::read_to_string(&file).unwrap().contains("\"version\": \"2.1.0\""));
    let github = stdout(&["check", "--format", "github", "--locale", "nl"]);
    assert!(
        github
            .contains("::error file=locales/nl/guide.ftl,line=29,endLine=29,col=15,endColumn=15,title=syntax-error (nl)::Fluent syntax error"),
        "{github}"
    );
}

#[test]
fn severities_per_grade_per_locale_and_ignores() {
    let site = common::site_copy_of(&fixture());
    let config = site.path().join("tolk.toml");
    let base = std::fs::read_to_string(&config).unwrap();
    let write = |extra: &str| std::fs::write(&config, format!("{base}{extra}")).unwrap();

    write("\n[check.severity]\nstale-translation = { content = \"warning\" }\n");
    let (json, _) = report(site.path(), &["--locale", "nl"]);
    let content = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["message_id"] == "stale-content" && f["rule"] == "stale-translation")
        .unwrap()
        .clone();
    assert_eq!(content["severity"], "warning");

    write("\n[check.locale.nl.severity]\nplaceable-mismatch = \"off\"\n\n[[check.ignore]]\nrule = \"missing-message\"\nmessage = \"link-*\"\n");
    let (json, _) = report(site.path(), &[]);
    let findings = json["findings"].as_array().unwrap();
    assert!(!findings.iter().any(|f| f["rule"] == "placeable-mismatch" && f["locale"] == "nl"));
    assert!(!findings.iter().any(|f| f["rule"] == "missing-message" && f["message_id"] == "link-empty"));
    assert!(findings.iter().any(|f| f["rule"] == "missing-message" && f["message_id"] == "unused-one"));

    write("\n[check.severity]\nstale-translation = { fresh = \"error\" }\n");
    let out = common::tolk(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(common::text(&out).1.contains("unknown grade `fresh`"), "{}", common::text(&out).1);

    write("\n[check]\nno-such-key = 1\n");
    let out = common::tolk(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_baseline_fails_only_on_new_drift() {
    let site = common::site_copy_of(&fixture());
    let baseline = site.path().join("baseline.json");
    let out = common::tolk(site.path(), &["check", "--write-baseline", baseline.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "writing a baseline adopts today's drift");
    let (json, code) = report(site.path(), &["--baseline", baseline.to_str().unwrap()]);
    assert_eq!((json["findings"].as_array().unwrap().len(), code), (0, 0));

    // New drift: the English gains a placeable the Dutch lacks; edits elsewhere keep old prints.
    let en = site.path().join("locales/en/guide.ftl");
    let text = std::fs::read_to_string(&en).unwrap();
    std::fs::write(
        &en,
        format!(
            "# a comment shifts every line\n{}",
            text.replace("count-line = { $count } incidents", "count-line = { $count } incidents in { $tier }")
        ),
    )
    .unwrap();
    let (json, code) = report(site.path(), &["--baseline", baseline.to_str().unwrap()]);
    let rules: BTreeSet<String> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {} {}", f["rule"], f["locale"], f["message_id"]))
        .collect();
    assert!(rules.contains("\"placeable-mismatch\" \"nl\" \"count-line\""), "{rules:?}");
    assert!(!rules.iter().any(|r| r.contains("\"stale-content\"")), "old drift stays baselined: {rules:?}");
    assert_eq!(code, 1);
}

#[test]
fn accepting_a_translation_clears_its_staleness() {
    let site = common::site_copy_of(&fixture());
    let stale = |json: &Value| -> BTreeSet<String> {
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "stale-translation" && f["locale"] == "nl")
            .map(|f| f["message_id"].as_str().unwrap().to_string())
            .collect()
    };
    let (before, _) = report(site.path(), &[]);
    assert_eq!(stale(&before).len(), 3);
    let out = common::tolk(site.path(), &["accept", "nl", "stale-content"]);
    assert_eq!(out.status.code(), Some(0), "{}", common::text(&out).1);
    let (after, _) = report(site.path(), &[]);
    assert_eq!(stale(&after), ["stale-cosmetic", "stale-wording"].iter().map(|s| s.to_string()).collect());
    let snapshot = std::fs::read_to_string(site.path().join("locales/nl/snapshots/guide.ftl")).unwrap();
    assert!(snapshot.starts_with("### The English each Dutch translation was made from."), "comments kept");
    assert!(snapshot.contains("stale-content = Step 1 Open [Support](https://s.example) and select windows 10"));
    assert!(snapshot.contains("stale-wording = The portals eg Azure, LCS etc do not show it."), "others untouched");

    assert_eq!(common::tolk(site.path(), &["accept", "nl", "--all"]).status.code(), Some(0));
    let (all, _) = report(site.path(), &[]);
    assert!(stale(&all).is_empty());
    assert_eq!(common::tolk(site.path(), &["accept", "nl", "no-such-id"]).status.code(), Some(2));
    assert_eq!(common::tolk(site.path(), &["accept", "en", "fresh"]).status.code(), Some(2));
}

/// A set of (locale, message id).
type Ids = BTreeSet<(String, String)>;

/// `(locale, id)` of every missing and obsolete message tolk reports on a plain tree.
fn tolk_sets(dir: &Path) -> (Ids, Ids) {
    let out =
        common::tolk(dir, &["check", "--ftl-root", dir.to_str().unwrap(), "--reference", "en", "--format", "json"]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let pick = |rule: &str| {
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == rule)
            .map(|f| (f["locale"].as_str().unwrap().to_string(), f["message_id"].as_str().unwrap().to_string()))
            .collect()
    };
    let mut missing: Ids = pick("missing-message");
    // A resource missing as a whole is one finding, its messages in `details`.
    for f in json["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == "missing-resource") {
        for d in f["details"].as_array().unwrap() {
            missing.insert((f["locale"].as_str().unwrap().to_string(), d["message_id"].as_str().unwrap().to_string()));
        }
    }
    (missing, pick("obsolete-message"))
}

/// The same from compare-locales' JSON, whole missing or obsolete files expanded to their ids.
fn compare_locales_sets(dir: &Path) -> Option<(Ids, Ids)> {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("l10n.toml");
    std::fs::write(&config, "basepath = \".\"\nlocales = [\"de\", \"fr\"]\n[[paths]]\n    reference = \"{l10n_base}/en/**\"\n    l10n = \"{l10n_base}/{locale}/**\"\n").unwrap();
    let out =
        std::process::Command::new("compare-locales").args(["--json", "-"]).arg(&config).arg(dir).output().ok()?;
    let json: Value = serde_json::from_slice(&out.stdout).expect("compare-locales JSON");
    let ids = |path: &Path| -> Vec<String> {
        std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id.to_string()))
            .filter(|id| !id.starts_with([' ', '#', '.']))
            .collect()
    };
    let (mut missing, mut obsolete) = (BTreeSet::new(), BTreeSet::new());
    fn walk(node: &Value, path: String, out: &mut Vec<(String, Value)>) {
        match node {
            Value::Object(map) => map
                .iter()
                .for_each(|(k, v)| walk(v, if path.is_empty() { k.clone() } else { format!("{path}/{k}") }, out)),
            Value::Array(items) => items.iter().for_each(|i| out.push((path.clone(), i.clone()))),
            _ => {}
        }
    }
    let mut leaves = Vec::new();
    walk(&json[0]["details"], String::new(), &mut leaves);
    for (path, entry) in leaves {
        let (locale, file) = path.split_once('/').unwrap();
        let l = locale.to_string();
        if let Some(id) = entry["missingEntity"].as_str() {
            missing.insert((l, id.to_string()));
        } else if let Some(id) = entry["obsoleteEntity"].as_str() {
            obsolete.insert((l, id.to_string()));
        } else if entry.get("missingFile").is_some() {
            missing.extend(ids(&dir.join("en").join(file)).into_iter().map(|id| (l.clone(), id)));
        } else if entry.get("obsoleteFile").is_some() {
            obsolete.extend(ids(&dir.join(path)).into_iter().map(|id| (l.clone(), id)));
        }
    }
    Some((missing, obsolete))
}

#[test]
fn plain_fluent_trees_agree_with_compare_locales() {
    let dir = common::repo().join("tests/fixtures/l10n");
    let (missing, obsolete) = tolk_sets(&dir);
    let expected_missing: BTreeSet<(String, String)> = [("de", "b"), ("de", "x"), ("de", "y"), ("fr", "-term")]
        .iter()
        .map(|(l, i)| (l.to_string(), i.to_string()))
        .collect();
    assert_eq!(missing, expected_missing);
    let expected_obsolete: BTreeSet<(String, String)> =
        [("de", "w"), ("de", "z"), ("fr", "-extra")].iter().map(|(l, i)| (l.to_string(), i.to_string())).collect();
    assert_eq!(obsolete, expected_obsolete);
    match compare_locales_sets(&dir) {
        Some((cl_missing, cl_obsolete)) => {
            assert_eq!(missing, cl_missing, "missing ids agree with compare-locales");
            assert_eq!(obsolete, cl_obsolete, "obsolete ids agree with compare-locales");
        }
        None if std::env::var_os("CI").is_some() => {
            panic!("compare-locales is not installed; .ci/run installs it")
        }
        None => eprintln!("compare-locales not installed (pip install compare-locales): comparison skipped"),
    }
}
