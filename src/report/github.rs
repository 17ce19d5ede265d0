//! `--format github`: GitHub Actions workflow commands, one annotation per finding:
//! `::error file=F,line=L,col=C,title=RULE (LOCALE)::MESSAGE`.

use crate::check::{Finding, Severity};

/// Escapes workflow-command data (`%`, CR, LF) and, in properties, also `:` and `,`.
fn escape(text: &str, property: bool) -> String {
    let mut out = text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    if property {
        out = out.replace(':', "%3A").replace(',', "%2C");
    }
    out
}

/// One line per finding.
pub fn render(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut message = f.message.clone();
            if let Some(diff) = f.diff() {
                message.push_str(&format!("\nsource diff: {diff}"));
            }
            let (start, end) = (f.start(), f.end());
            format!(
                "::{command} file={},line={},endLine={},col={},endColumn={},title={}::{}\n",
                escape(&f.file().to_string_lossy(), true),
                start.line,
                end.line,
                start.column,
                end.column,
                escape(&format!("{} ({})", f.rule, f.locale), true),
                escape(&message, false)
            )
        })
        .collect()
}
