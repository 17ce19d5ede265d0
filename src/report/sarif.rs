//! `--format sarif`: SARIF 2.1.0 (OASIS), as GitHub code scanning ingests it: one run, the
//! rule registry as `tool.driver.rules` (with help text), one result per finding with a
//! region (1-based start and end line and column, columns counting Unicode code points, and
//! the byte offset and length of the span) and a partial
//! fingerprint that survives edits elsewhere in the file.

use serde_json::{json, Value};

use crate::check::baseline::fingerprint;
use crate::check::{Finding, Severity, RULES};

/// The SARIF level of a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The SARIF log, pretty-printed, ending in a newline.
pub fn render(findings: &[Finding]) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.id.split('-').map(|w| w[..1].to_uppercase() + &w[1..]).collect::<String>(),
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.summary },
                "help": { "text": r.explanation },
                "defaultConfiguration": { "level": level(r.severity) },
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let mut properties = json!({ "locale": f.locale });
            if let Some(id) = &f.message_id {
                properties["messageId"] = json!(id);
            }
            if let Some(grade) = f.grade() {
                properties["grade"] = json!(grade);
            }
            if !f.details().is_empty() {
                properties["messageIds"] = json!(f.details().iter().map(|d| &d.message_id).collect::<Vec<_>>());
            }
            let mut text = f.message.clone();
            if let Some(diff) = f.diff() {
                text.push_str(&format!("\nDiff of the source text: {diff}"));
            }
            let (start, end) = (f.start(), f.end());
            json!({
                "ruleId": f.rule,
                "ruleIndex": RULES.iter().position(|r| r.id == f.rule).unwrap_or(0),
                "level": level(f.severity),
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": f.file().to_string_lossy().replace('\\', "/"), "uriBaseId": "%SRCROOT%" },
                        "region": {
                            "startLine": start.line,
                            "startColumn": start.column,
                            "endLine": end.line,
                            "endColumn": end.column,
                            "byteOffset": f.span.start,
                            "byteLength": f.span.end.saturating_sub(f.span.start),
                        },
                    }
                }],
                "partialFingerprints": { "tolkFinding/v1": fingerprint(f) },
                "properties": properties,
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": { "name": "tolk", "semanticVersion": env!("CARGO_PKG_VERSION"), "rules": rules } },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}
