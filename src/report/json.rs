//! `--format json`: one object `{"findings": [...], "summary": {...}}`, pretty-printed.
//!
//! Each finding: `rule`, `severity` (`error`|`warning`|`info`), `locale`, `message_id`
//! (string or null), `file`, `line`, `column` (1-based, characters), `message`, and for
//! `stale-translation` also `old_source`, `new_source` and `diff`.

use serde::Serialize;

use super::Summary;
use crate::check::Finding;

#[derive(Serialize)]
struct Report<'a> {
    findings: &'a [Finding],
    summary: Summary,
}

/// The JSON report, ending in a newline.
pub fn render(findings: &[Finding]) -> String {
    let report = Report { findings, summary: Summary::of(findings) };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}
