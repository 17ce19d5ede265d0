//! `--format human`: compiler-style diagnostics.
//!
//! ```text
//! warning[stale-translation]: `x--p-4` was translated from an older en text
//!   --> locales/hu/a.ftl:40:1
//!    |
//! 40 | x--p-4 = 1. lépés: …
//!    |
//!    = was:  Step 1 Select windows 10
//!    = now:  Step 1 Open [Support](…) and select windows 10
//!    = diff: Step 1 [-Select-]{+Open [Support](…) and select+} windows 10
//! ```
//! Colour (ANSI) only when asked; the caller decides from the terminal and `NO_COLOR`.

use super::Summary;
use crate::check::diff::{word_diff, Chunk};
use crate::check::{Finding, Severity};

struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// Renders every finding and a closing summary line.
pub fn render(findings: &[Finding], color: bool) -> String {
    let style = Style { on: color };
    let mut out = String::new();
    for f in findings {
        let (code, label) = match f.severity {
            Severity::Error => ("1;31", "error"),
            Severity::Warning => ("1;33", "warning"),
            Severity::Info => ("1;36", "info"),
        };
        out.push_str(&format!(
            "{}{}\n",
            style.paint(code, &format!("{label}[{}]", f.rule)),
            style.paint("1", &format!(": {} [{}]", f.message, f.locale))
        ));
        let gutter = " ".repeat(f.location.line.to_string().len());
        out.push_str(&format!("{gutter}{} {}\n", style.paint("1;34", "-->"), f.location));
        if let Some(line) = &f.line_text {
            let bar = style.paint("1;34", "|");
            let caret = match f.location.column {
                c @ 1..=160 => format!("{}{}", " ".repeat(c - 1), style.paint("1;31", "^")),
                _ => String::new(),
            };
            out.push_str(&format!(
                "{gutter} {bar}\n{} {bar} {}\n{gutter} {bar} {caret}\n",
                style.paint("1;34", &f.location.line.to_string()),
                truncate(line, 160)
            ));
        }
        if let (Some(old), Some(new)) = (&f.old_source, &f.new_source) {
            let eq = style.paint("1;34", "=");
            out.push_str(&format!("{gutter} {eq} was:  {old}\n{gutter} {eq} now:  {new}\n"));
            let diff: String = word_diff(old, new)
                .iter()
                .map(|c| match c {
                    Chunk::Same(s) => s.clone(),
                    Chunk::Removed(s) => style.paint("31", &format!("[-{s}-]")),
                    Chunk::Added(s) => style.paint("32", &format!("{{+{s}+}}")),
                })
                .collect();
            out.push_str(&format!("{gutter} {eq} diff: {diff}\n"));
        }
        out.push('\n');
    }
    let s = Summary::of(findings);
    let locales = s.by_locale.len();
    out.push_str(&format!(
        "{}: {} error{}, {} warning{}, {} info in {locales} locale{}\n",
        if s.errors > 0 { style.paint("1;31", "check failed") } else { style.paint("1;32", "check passed") },
        s.errors,
        if s.errors == 1 { "" } else { "s" },
        s.warnings,
        if s.warnings == 1 { "" } else { "s" },
        s.info,
        if locales == 1 { "" } else { "s" },
    ));
    out
}

fn truncate(line: &str, max: usize) -> String {
    if line.chars().count() <= max {
        line.to_string()
    } else {
        format!("{}…", line.chars().take(max).collect::<String>())
    }
}
