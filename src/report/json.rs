//! `--format json`: one object `{"findings": [...], "summary": {...}}`, pretty-printed.
//!
//! Each finding: `rule`, `severity` (`error`|`warning`|`info`), `locale`, `message_id`
//! (string or null), `file`, `line`, `column` (1-based, characters), `message`, and for
//! `stale-translation` also `old_source`, `new_source` and `diff`.

use std::io::Write;

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
    let mut text = Vec::new();
    match write(findings, &mut text) {
        Ok(()) => String::from_utf8(text).unwrap_or_default(),
        Err(e) => format!("{{\"error\": \"{e}\"}}\n"),
    }
}

/// Writes the JSON report (as [`render`] gives it) to `out` as it is serialized, so that a
/// report of a large site is never held whole in memory.
///
/// Errors: `out`'s.
pub fn write(findings: &[Finding], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let report = Report { findings, summary: Summary::of(findings) };
    // serde_json writes a few bytes at a time: into a buffer of a known type, not through
    // `dyn Write` (a large tree's report is 100 MB).
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut buffered, &report)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}
