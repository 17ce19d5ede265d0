//! `--format json`: one object `{"findings": [...], "summary": {...}}`, pretty-printed.
//!
//! Each finding: `rule`, `severity` (`error`|`warning`|`info`), `locale`, `message_id`
//! (string or null), `file`, `line`, `column` (1-based, characters), `message`, and for
//! `stale-translation` also `old_source`, `new_source` and `diff`.

use std::io::Write;

use serde::Serialize;

use super::Summary;
use crate::check::Finding;

/// The JSON report, ending in a newline.
pub fn render(findings: &[Finding]) -> String {
    let mut text = Vec::new();
    match write(findings, &mut text) {
        Ok(()) => String::from_utf8(text).unwrap_or_default(),
        Err(e) => format!("{{\"error\": \"{e}\"}}\n"),
    }
}

/// Findings serialized together on one thread: enough that a thread's fixed costs are small.
const FINDINGS_PER_TASK: usize = 256;

/// Findings serialized before they are written (a window; memory holds their text only).
const FINDINGS_PER_WINDOW: usize = 16 * 1024;

/// Writes the JSON report (as [`render`] gives it) to `out` as it is serialized, so that a
/// report of a large site is never held whole in memory. Findings are serialized in parallel,
/// each as serde_json pretty-prints it alone, indented to its place in the array: the bytes
/// `serde_json::to_writer_pretty` gives for the whole report (a test compares).
///
/// Errors: `out`'s.
pub fn write(findings: &[Finding], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use rayon::prelude::*;
    // serde_json writes a few bytes at a time: into a buffer of a known type, not through
    // `dyn Write` (a large tree's report is 100 MB).
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
    buffered.write_all(b"{\n  \"findings\": [")?;
    for (w, window) in findings.chunks(FINDINGS_PER_WINDOW).enumerate() {
        let texts: Vec<std::io::Result<Vec<u8>>> = window
            .par_chunks(FINDINGS_PER_TASK)
            .enumerate()
            .map(|(t, task)| {
                let mut text = Vec::with_capacity(task.len() * 1024);
                for (i, finding) in task.iter().enumerate() {
                    text.extend_from_slice(if w + t + i == 0 { b"\n" } else { b",\n" });
                    indented(&mut text, finding, 4)?;
                }
                Ok(text)
            })
            .collect();
        for text in texts {
            buffered.write_all(&text?)?;
        }
    }
    buffered.write_all(if findings.is_empty() { b"],\n  \"summary\": " } else { b"\n  ],\n  \"summary\": " })?;
    let mut summary = Vec::new();
    indented(&mut summary, &Summary::of(findings), 2)?;
    buffered.write_all(&summary[2..])?;
    buffered.write_all(b"\n}\n")?;
    buffered.flush()
}

/// Appends `value` pretty-printed by serde_json, every line indented by `indent` spaces (a
/// pretty-printed string holds no line break of its own: serde_json escapes them).
fn indented(text: &mut Vec<u8>, value: &impl Serialize, indent: usize) -> std::io::Result<()> {
    let start = text.len();
    text.resize(start + indent, b' ');
    let at = text.len();
    serde_json::to_writer_pretty(&mut *text, value)?;
    let breaks = memchr::memchr_iter(b'\n', &text[at..]).count();
    if breaks == 0 {
        return Ok(());
    }
    // Spread the text out from its end, a line at a time, inserting the indent after each
    // line break.
    let old_len = text.len();
    text.resize(old_len + breaks * indent, b' ');
    // `end`: where the text to move ends; line breaks before `unread` are not moved yet.
    let (mut end, mut unread, mut shift) = (old_len, old_len, breaks * indent);
    while shift > 0 {
        let Some(line_break) = memchr::memrchr(b'\n', &text[at..unread]).map(|i| at + i) else {
            break;
        };
        text.copy_within(line_break + 1..end, line_break + 1 + shift);
        shift -= indent;
        text[line_break + 1 + shift..line_break + 1 + shift + indent].fill(b' ');
        (end, unread) = (line_break + 1, line_break);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Report<'a> {
        findings: &'a [Finding],
        summary: Summary,
    }

    /// The report as serde_json pretty-prints it whole.
    fn whole(findings: &[Finding]) -> Vec<u8> {
        let mut text = serde_json::to_vec_pretty(&Report { findings, summary: Summary::of(findings) }).unwrap();
        text.push(b'\n');
        text
    }

    #[test]
    fn the_report_is_serde_jsons_pretty_print_of_the_whole() {
        let site = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let project = crate::load::Project::load(site).unwrap();
        let checked = crate::check::site::run(&project, Vec::new(), &[], true, &|_| {}).unwrap();
        let findings = checked.findings;
        assert!(findings.len() > 10, "the shipped site has findings: {}", findings.len());
        assert!(findings.iter().any(|f| f.rule == "stale-translation"), "with sources and diffs");
        let mut many = Vec::new();
        while many.len() < FINDINGS_PER_WINDOW + 3 * FINDINGS_PER_TASK + 1 {
            many.extend(findings.iter().cloned());
        }
        for set in [&findings[..0], &findings[..1], &findings[..], &many[..]] {
            let mut written = Vec::new();
            write(set, &mut written).unwrap();
            assert!(written == whole(set), "{} findings", set.len());
        }
    }
}
