//! Every drift rule on the fixture site `tests/fixtures/drift`: where it fires, and the near
//! miss where it must not.

mod common;

use serde_json::Value;
use tolk::check::RULES;

fn fixture() -> std::path::PathBuf {
    common::repo().join("tests/fixtures/drift")
}

fn findings() -> Vec<Value> {
    let out = common::tolk(&fixture(), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "the fixture has error findings");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    json["findings"].as_array().unwrap().clone()
}

fn has(findings: &[Value], rule: &str, locale: &str, id: Option<&str>) -> bool {
    findings
        .iter()
        .any(|f| f["rule"] == rule && f["locale"] == locale && f["message_id"] == id.map_or(Value::Null, Value::from))
}

/// (rule, fires on (locale, message id), stays silent on (locale, message id)).
/// (locale, message id) of a finding.
type At = (&'static str, Option<&'static str>);

const CASES: &[(&str, At, At)] = &[
    ("syntax-error", ("nl", None), ("de", None)),
    ("duplicate-message", ("nl", Some("dup")), ("nl", Some("fresh"))),
    ("missing-message", ("nl", Some("link-empty")), ("nl", Some("fresh"))),
    ("missing-resource", ("pl", None), ("nl", None)),
    ("obsolete-message", ("nl", Some("obsolete-one")), ("nl", Some("fresh"))),
    ("missing-attribute", ("nl", Some("with-attr")), ("nl", Some("fresh"))),
    ("obsolete-attribute", ("nl", Some("with-attr")), ("nl", Some("fresh"))),
    ("empty-value", ("nl", Some("empty-one")), ("nl", Some("fresh"))),
    ("stale-translation", ("nl", Some("stale-content")), ("nl", Some("fresh"))),
    ("missing-source-snapshot", ("de", Some("fresh")), ("nl", Some("fresh"))),
    ("placeable-mismatch", ("nl", Some("placeable")), ("nl", Some("count-line"))),
    ("plural-categories", ("pl", Some("plural")), ("nl", Some("plural"))),
    ("markup-mismatch", ("nl", Some("markup")), ("nl", Some("markup-ok"))),
    ("empty-link-text", ("en", Some("link-empty")), ("en", Some("intro"))),
    ("number-mismatch", ("nl", Some("step")), ("nl", Some("amount"))),
    ("untranslated", ("nl", Some("same")), ("nl", Some("brand-only"))),
    ("partial-untranslated", ("nl", Some("partial")), ("nl", Some("brand"))),
    ("omission", ("nl", Some("omit")), ("nl", Some("merge"))),
    ("addition", ("nl", Some("add")), ("nl", Some("merge"))),
    ("glossary-term", ("nl", Some("brand-lost")), ("nl", Some("brand"))),
    ("unknown-message", ("en", Some("missing-call")), ("en", Some("intro"))),
    ("unused-message", ("en", Some("unused-one")), ("en", Some("fresh"))),
    ("model-reference", ("en", Some("bad-model")), ("en", Some("count-line"))),
    ("broken-link", ("en", Some("intro")), ("en", Some("markup"))),
    ("render-error", ("nl", None), ("nl", Some("count-line"))),
];

#[test]
fn every_rule_fires_on_its_fixture_and_not_on_the_near_miss() {
    let findings = findings();
    for (rule, (fl, fid), (sl, sid)) in CASES {
        assert!(has(&findings, rule, fl, *fid), "{rule} should fire on {fl} {fid:?}");
        assert!(!has(&findings, rule, sl, *sid), "{rule} must not fire on {sl} {sid:?}");
    }
}

#[test]
fn every_registered_rule_has_a_fixture_case() {
    for rule in RULES {
        assert!(CASES.iter().any(|(id, _, _)| *id == rule.id), "rule {} has no fixture case", rule.id);
    }
}

#[test]
fn sentence_rules_quote_the_sentence() {
    let findings = findings();
    let message = |rule: &str, id: &str| {
        let f = findings.iter().find(|f| f["rule"] == rule && f["message_id"] == id).unwrap();
        f["message"].as_str().unwrap().to_string()
    };
    assert!(message("partial-untranslated", "partial").ends_with("“View and share your Access ID and Contract ID.”"));
    assert!(message("omission", "omit").contains("“Select Billing in the menu on the left"));
    assert!(message("addition", "add").ends_with("“Neem contact op met support als er iets ontbreekt.”"));
    // `untranslated` owns a message equal to its source as a whole: not reported twice.
    assert!(!findings.iter().any(|f| f["rule"] == "partial-untranslated" && f["message_id"] == "same"));
}

#[test]
fn markup_mismatch_reads_what_spans_hold() {
    let findings = findings();
    let f = findings.iter().find(|f| f["rule"] == "markup-mismatch" && f["message_id"] == "bare").unwrap();
    assert!(f["message"].as_str().unwrap().ends_with("strong text holds only punctuation: “[”"), "{f}");
}

#[test]
fn a_missing_resource_is_one_finding_with_its_messages_as_details() {
    let findings = findings();
    let f = findings.iter().find(|f| f["rule"] == "missing-resource" && f["locale"] == "pl").unwrap();
    assert_eq!(f["file"], "locales/en/shared.ftl");
    let ids: Vec<&str> = f["details"].as_array().unwrap().iter().map(|d| d["message_id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["shared-greeting", "shared-footer", "partial", "omit", "merge", "add", "bare"]);
    assert!(!findings
        .iter()
        .any(|f| f["rule"] == "missing-message" && f["locale"] == "pl" && f["message_id"] == "omit"));
}

#[test]
fn stale_translations_are_graded() {
    let findings = findings();
    let grade = |id: &str| {
        let f = findings.iter().find(|f| f["rule"] == "stale-translation" && f["message_id"] == id).unwrap();
        (f["grade"].as_str().unwrap().to_string(), f["severity"].as_str().unwrap().to_string())
    };
    assert_eq!(grade("stale-cosmetic"), ("cosmetic".into(), "info".into()), "plans ? → plans?");
    assert_eq!(grade("stale-wording"), ("wording".into(), "warning".into()), "eg Azure, LCS etc");
    assert_eq!(grade("stale-content"), ("content".into(), "error".into()), "a link and words added");
}

#[test]
fn positions_count_characters() {
    let findings = findings();
    let junk = findings.iter().find(|f| f["rule"] == "syntax-error").unwrap();
    assert_eq!((junk["line"].as_u64(), junk["column"].as_u64()), (Some(29), Some(15)), "the end of `junk = {{ $open`");
    let model = findings.iter().find(|f| f["rule"] == "model-reference").unwrap();
    assert_eq!(
        (model["file"].as_str(), model["line"].as_u64(), model["column"].as_u64()),
        (Some("content/articles/guide.md"), Some(10), Some(47))
    );
}

#[test]
fn rules_and_explain_print_from_the_registry() {
    let out = common::tolk(&fixture(), &["rules"]);
    let (stdout, _) = common::text(&out);
    assert_eq!(stdout.lines().count(), RULES.len());
    assert!(stdout.contains("stale-translation          graded"));
    let out = common::tolk(&fixture(), &["explain", "number-mismatch"]);
    let (stdout, _) = common::text(&out);
    assert!(stdout.contains("What it finds") && stdout.contains("$ 6.000"));
    assert_eq!(common::tolk(&fixture(), &["explain", "no-such-rule"]).status.code(), Some(2));
}
