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
//! Colour (ANSI, styles from `anstyle`) only when asked; the caller decides from `--color`,
//! the terminal and `NO_COLOR`.

use super::Summary;
use crate::check::diff::{word_diff, Chunk};
use crate::check::{Finding, Severity};
use crate::source::printable;

use anstyle::{AnsiColor, Style};

/// The report's styles: what each part of a finding is painted with.
mod styles {
    use super::*;
    pub const ERROR: Style = Style::new().bold().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)));
    pub const WARNING: Style = Style::new().bold().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));
    pub const INFO: Style = Style::new().bold().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Cyan)));
    pub const PASSED: Style = Style::new().bold().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)));
    pub const EMPHASIS: Style = Style::new().bold();
    pub const GUTTER: Style = Style::new().bold().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Blue)));
    pub const REMOVED: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)));
    pub const ADDED: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)));
}

/// Paints text with a style, or not at all.
struct Painter {
    on: bool,
}

impl Painter {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.on {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }
}

/// Renders every finding and a closing summary line.
pub fn render(findings: &[Finding], color: bool) -> String {
    let mut text = Vec::new();
    match write(findings, color, &mut text) {
        Ok(()) => String::from_utf8(text).unwrap_or_default(),
        Err(e) => format!("{e}\n"),
    }
}

/// Writes the report (as [`render`] gives it) to `sink` finding by finding, so that a report
/// of a large site is never held whole in memory.
///
/// Errors: `sink`'s.
pub fn write(findings: &[Finding], color: bool, sink: &mut dyn std::io::Write) -> std::io::Result<()> {
    let style = Painter { on: color };
    let mut out = String::new();
    for f in findings {
        sink.write_all(out.as_bytes())?;
        out.clear();
        let (code, label) = match f.severity {
            Severity::Error => (styles::ERROR, "error"),
            Severity::Warning => (styles::WARNING, "warning"),
            Severity::Info => (styles::INFO, "info"),
        };
        out.push_str(&format!(
            "{}{}\n",
            style.paint(code, &format!("{label}[{}]", f.rule)),
            style.paint(styles::EMPHASIS, &format!(": {} [{}]", printable(&f.message), f.locale))
        ));
        let (start, end) = (f.start(), f.end());
        let gutter = " ".repeat(start.line.to_string().len());
        out.push_str(&format!("{gutter}{} {}\n", style.paint(styles::GUTTER, "-->"), start));
        let line = f.line_text();
        let bar = style.paint(styles::GUTTER, "|");
        // The span underlined on its first line (`^` for an empty span).
        let width = if end.line == start.line { end.column.saturating_sub(start.column) } else { usize::MAX };
        let shown = truncate(line, 160);
        let room = shown.chars().count().saturating_sub(start.column - 1).max(1);
        let marks = if width == 0 { "^".to_string() } else { "^".repeat(width.min(room)) };
        let underline = match start.column {
            c @ 1..=160 => format!("{}{}", " ".repeat(c - 1), style.paint(styles::ERROR, &marks)),
            _ => String::new(),
        };
        out.push_str(&format!(
            "{gutter} {bar}\n{} {bar} {}\n{gutter} {bar} {underline}\n",
            style.paint(styles::GUTTER, &start.line.to_string()),
            shown
        ));
        if let Some((old, new)) = f.sources() {
            let (old, new) = (&*old, &*new);
            let eq = style.paint(styles::GUTTER, "=");
            let (was, now) = (printable(old), printable(new));
            out.push_str(&format!("{gutter} {eq} was:  {was}\n{gutter} {eq} now:  {now}\n"));
            let diff: String = word_diff(old, new)
                .iter()
                .map(|c| match c {
                    Chunk::Same(s) => printable(s),
                    Chunk::Removed(s) => style.paint(styles::REMOVED, &format!("[-{}-]", printable(s))),
                    Chunk::Added(s) => style.paint(styles::ADDED, &format!("{{+{}+}}", printable(s))),
                })
                .collect();
            out.push_str(&format!("{gutter} {eq} diff: {diff}\n"));
        }
        if !f.details().is_empty() {
            const SHOWN: usize = 5;
            let eq = style.paint(styles::GUTTER, "=");
            let ids: Vec<String> = f.details().iter().take(SHOWN).map(|d| printable(&d.message_id)).collect();
            let more = f.details().len().saturating_sub(SHOWN);
            let more = if more > 0 { format!(" and {more} more") } else { String::new() };
            out.push_str(&format!("{gutter} {eq} messages: {}{more}\n", ids.join(", ")));
        }
        out.push('\n');
    }
    let s = Summary::of(findings);
    let locales = s.by_locale.len();
    out.push_str(&format!(
        "{}: {} error{}, {} warning{}, {} info in {locales} locale{}\n",
        if s.errors > 0 {
            style.paint(styles::ERROR, "check failed")
        } else {
            style.paint(styles::PASSED, "check passed")
        },
        s.errors,
        if s.errors == 1 { "" } else { "s" },
        s.warnings,
        if s.warnings == 1 { "" } else { "s" },
        s.info,
        if locales == 1 { "" } else { "s" },
    ));
    sink.write_all(out.as_bytes())
}

/// `line` cut to `max` characters, control characters escaped.
fn truncate(line: &str, max: usize) -> String {
    let line = printable(line);
    if line.chars().count() <= max {
        line
    } else {
        format!("{}…", line.chars().take(max).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use crate::source::printable;

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(printable("a\u{1b}[31mred\u{1b}]0;title\u{7}"), "a\\u{1b}[31mred\\u{1b}]0;title\\u{7}");
        assert_eq!(printable("tab\tkept"), "tab\tkept");
        assert_eq!(printable("ő plain"), "ő plain");
    }
}
