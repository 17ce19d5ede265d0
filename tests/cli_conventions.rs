//! The command-line conventions people expect: --color and NO_COLOR, --fail-on, GitLab Code
//! Quality reports, a Markdown summary in GitHub Actions, shell completions and a man page.

mod common;

use std::collections::HashSet;

use serde_json::Value;

fn check(envs: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    let site = common::repo();
    let mut command = assert_cmd::Command::cargo_bin("tolk").unwrap();
    command.current_dir(&site).arg("check").args(args);
    for (k, v) in envs {
        command.env(k, v);
    }
    command.env_remove("GITHUB_STEP_SUMMARY");
    command.output().unwrap()
}

#[test]
fn color_is_asked_for_or_left_out() {
    let has_escape = |out: &std::process::Output| out.stdout.contains(&0x1b);
    assert!(!has_escape(&check(&[], &[])), "piped: no colour");
    assert!(has_escape(&check(&[], &["--color", "always"])));
    assert!(has_escape(&check(&[("NO_COLOR", "1")], &["--color", "always"])), "--color always wins");
    assert!(!has_escape(&check(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")], &[])), "NO_COLOR wins in auto");
    assert!(!has_escape(&check(&[("CLICOLOR_FORCE", "1")], &["--color", "never"])));
    let plain = check(&[], &["--color", "never"]);
    let painted = check(&[], &["--color", "always"]);
    let stripped = anstream::adapter::strip_bytes(&painted.stdout).into_vec();
    assert_eq!(stripped, plain.stdout, "colour adds escapes, nothing else");
}

#[test]
fn fail_on_sets_the_severity_that_fails() {
    let tmp = tempfile::tempdir().unwrap();
    let init = assert_cmd::Command::cargo_bin("tolk")
        .unwrap()
        .current_dir(tmp.path())
        .args(["init", "s", "--source", "en", "--targets", "nl", "--title", "T"])
        .output()
        .unwrap();
    assert_eq!(init.status.code(), Some(0));
    let site = tmp.path().join("s");
    // A new site has warnings only (the target locale translates nothing yet).
    assert_eq!(common::tolk(&site, &["check"]).status.code(), Some(0));
    assert_eq!(common::tolk(&site, &["check", "--fail-on", "warning"]).status.code(), Some(1));
    assert_eq!(common::tolk(&site, &["check", "--fail-on", "error"]).status.code(), Some(0));
    assert_eq!(common::tolk(&site, &["check", "--fail-on", "info"]).status.code(), Some(2), "not a choice");
}

#[test]
fn gitlab_code_quality_report() {
    let out = check(&[], &["--format", "gitlab"]);
    assert_eq!(out.status.code(), Some(1), "the shipped content has error findings");
    let issues: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let json: Value = serde_json::from_slice(&check(&[], &["--format", "json"]).stdout).unwrap();
    assert_eq!(issues.len(), json["findings"].as_array().unwrap().len());
    let mut fingerprints = HashSet::new();
    for issue in &issues {
        assert!(["info", "minor", "major", "critical", "blocker"].contains(&issue["severity"].as_str().unwrap()));
        assert!(issue["check_name"].is_string() && issue["description"].is_string());
        assert!(issue["location"]["path"].as_str().unwrap().starts_with("locales/"));
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        assert!(fingerprints.insert(issue["fingerprint"].as_str().unwrap().to_string()), "unique: {issue}");
    }
    let stale = issues.iter().filter(|i| i["check_name"] == "stale-translation" && i["severity"] == "critical");
    assert_eq!(stale.count(), 2, "the two Hungarian steps, graded content");
}

#[test]
fn github_step_summary_gets_a_markdown_table() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    for _ in 0..2 {
        let site = common::repo();
        let out = assert_cmd::Command::cargo_bin("tolk")
            .unwrap()
            .current_dir(&site)
            .args(["check", "--format", "github"])
            .env("GITHUB_STEP_SUMMARY", &summary)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
    }
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(text.starts_with("earlier step\n### tolk check failed"), "appended: {text}");
    assert_eq!(text.matches("### tolk check failed").count(), 2);
    assert!(text.contains("| hu | 176 | 52.3 % | 2/1/2 | 84 | 2 |"), "{text}");
    assert!(text.contains("stale-translation [hu]"), "the errors are listed: {text}");
}

#[test]
fn completions_and_man_page() {
    let run = |args: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("tolk").unwrap().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    let bash = run(&["completions", "bash"]);
    assert!(bash.contains("_tolk()") && bash.contains("--fail-on"), "bash completion knows the options");
    assert!(run(&["completions", "zsh"]).contains("#compdef tolk"));
    assert!(run(&["completions", "fish"]).contains("complete -c tolk"));
    let man = run(&["man"]);
    assert!(man.starts_with(".ie") || man.contains(".TH tolk"), "{}", &man[..200.min(man.len())]);
    assert!(man.contains("multilingual documentation"));
}
