//! Findings: drift instances, the values that rules produce and reports print.

use std::num::NonZeroU32;
use std::ops::Range;
use std::path::Path;

use serde::Serialize;

use crate::error::Location;
use crate::source::SourceText;

/// How much a finding matters. `Error` makes `tolk check` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Breaks the page or misleads the reader.
    Error,
    /// Drift a team should fix.
    Warning,
    /// Worth knowing; never fails a check.
    Info,
}

impl Severity {
    /// Parses `error`, `warning` or `info`.
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }

    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One reported drift instance, about a byte span of a file. Line and column are computed
/// from the span when reported ([`Finding::start`], [`Finding::end`]; columns count
/// characters).
#[derive(Debug, Clone)]
pub struct Finding {
    /// The stable id of the rule that found it (e.g. `stale-translation`).
    pub rule: &'static str,
    /// Severity after configuration.
    pub severity: Severity,
    /// The locale concerned.
    pub locale: String,
    /// The message or term id (terms with their leading `-`), when the finding is about one.
    pub message_id: Option<String>,
    /// The file (its path relative to the site root) the finding is about. Its text is
    /// dropped by [`Finding::detach`] (the positions reports show are kept).
    pub source: SourceText,
    /// The bytes of `source` it is about (start may equal end).
    pub span: Range<usize>,
    /// One sentence saying what is wrong.
    pub message: String,
    /// What few findings have (a grade, the source texts and diff of `stale-translation`, the
    /// details of one finding that stands for many): boxed, so that a finding is small (a
    /// large tree has 200,000).
    extra: Option<Box<Extra>>,
    /// The positions reports show, computed by [`Finding::detach`] before the file's text is
    /// dropped (`None` while the finding holds its file's text). Inline, not boxed: every
    /// detached finding has them.
    shown: Option<Positions>,
    /// The text of the line the span starts on, kept by [`Finding::detach`] when asked (only
    /// the human report quotes it).
    line: Option<Box<str>>,
}

/// The parts of a [`Finding`] that few findings have.
#[derive(Debug, Clone, Default)]
struct Extra {
    /// For graded rules (`stale-translation`): the grade (`cosmetic`, `wording`, `content`).
    grade: Option<&'static str>,
    /// For `stale-translation`: the English the translation was made from, and today's
    /// (`None` once [`Finding::detach`] found `diff` gives them back).
    old_source: Option<String>,
    new_source: Option<String>,
    /// For `stale-translation`: word diff of the old source → the new one in git's
    /// `--word-diff=plain` notation (`[-removed-]{+added+}`).
    diff: Option<String>,
    /// Parts of one finding that stands for many (`missing-resource`: each message of the
    /// source resource that the locale lacks), in file order.
    details: Vec<Detail>,
    /// Whether the source texts were dropped because `diff` gives them back exactly.
    sources_in_diff: bool,
    /// 1-based (line, column) of each of `details`, in order, once [`Finding::detach`] dropped
    /// the file's text.
    detail_positions: Vec<(usize, usize)>,
}

/// Where a detached finding's span starts and ends ([`Finding::detach`]): 1-based lines and
/// character columns, saturated at `u32::MAX` (16 bytes, where a large tree has 200,000
/// findings).
#[derive(Debug, Clone, Copy)]
struct Positions {
    /// Lines of the start and the end (1-based, so never zero: `Option<Positions>` costs no
    /// more than `Positions`).
    lines: [NonZeroU32; 2],
    /// Columns of the start and the end.
    columns: [u32; 2],
}

impl Positions {
    fn new(start: (usize, usize), end: (usize, usize)) -> Positions {
        let line = |l: usize| NonZeroU32::new(u32::try_from(l).unwrap_or(u32::MAX)).unwrap_or(NonZeroU32::MIN);
        let column = |c: usize| u32::try_from(c).unwrap_or(u32::MAX);
        Positions { lines: [line(start.0), line(end.0)], columns: [column(start.1), column(end.1)] }
    }

    /// (line, column) of the start (`0`) or the end (`1`).
    fn get(&self, which: usize) -> (usize, usize) {
        (self.lines[which].get() as usize, self.columns[which] as usize)
    }
}

/// One part of a [`Finding`] that stands for many: a message of the finding's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    /// The message or term id (terms with their leading `-`).
    pub message_id: String,
    /// The bytes of the finding's file it is about.
    pub span: Range<usize>,
}

impl PartialEq for Finding {
    fn eq(&self, other: &Finding) -> bool {
        self.rule == other.rule
            && self.severity == other.severity
            && self.locale == other.locale
            && self.message_id == other.message_id
            && self.source.path == other.source.path
            && self.span == other.span
            && self.message == other.message
            && self.grade() == other.grade()
            && self.diff() == other.diff()
            && self.details() == other.details()
    }
}

impl Finding {
    /// A finding of `rule` about byte `offset` of `source` (an empty span there; rules that
    /// know the extent set [`Finding::span`]), for `locale`; severity is filled in by the
    /// checker from the policy, extras (grade, sources, diff) by the rule.
    pub fn at(
        rule: &'static str,
        source: &SourceText,
        offset: usize,
        locale: &str,
        message_id: Option<&str>,
        message: String,
    ) -> Finding {
        Finding {
            rule,
            severity: Severity::Info,
            locale: locale.to_string(),
            message_id: message_id.map(str::to_string),
            source: source.clone(),
            span: offset..offset,
            message,
            extra: None,
            shown: None,
            line: None,
        }
    }

    /// Computes the positions reports show (start, end, the details', and the start's line
    /// when `line` is set: only the human report quotes it) and drops the finding's hold on
    /// its file's text, so that a check that reads a site piece by piece keeps the findings
    /// and not every file that has one. Spans stay as they were (reports sort by them);
    /// positions no longer follow later changes to the span. The old and new source texts
    /// of `stale-translation` are kept only in the diff when it gives them back exactly.
    pub fn detach(&mut self, line: bool) {
        if self.shown.is_some() {
            return;
        }
        if let Some(extra) = &mut self.extra {
            if let (Some(old), Some(new), Some(_)) = (&extra.old_source, &extra.new_source, &extra.diff) {
                if super::diff::notation_free(old) && super::diff::notation_free(new) {
                    (extra.old_source, extra.new_source, extra.sources_in_diff) = (None, None, true);
                }
            }
        }
        let (start, end) = (self.start(), self.end());
        if line {
            self.line = Some(self.source.line_text(start.line).into());
        }
        let details: Vec<(usize, usize)> = self.details().iter().map(|d| self.source.line_col(d.span.start)).collect();
        if let Some(extra) = &mut self.extra {
            extra.detail_positions = details;
        }
        self.shown = Some(Positions::new((start.line, start.column), (end.line, end.column)));
        self.source = SourceText::empty(self.source.path.clone());
        // `format!` leaves room to grow; a kept finding needs none.
        self.message.shrink_to_fit();
    }

    /// The file, relative to the site root.
    pub fn file(&self) -> &Path {
        &self.source.path
    }

    /// Where the span starts: file, 1-based line and character column.
    pub fn start(&self) -> Location {
        match &self.shown {
            Some(shown) => self.located(shown.get(0)),
            None => Location::at(&self.source, self.span.start),
        }
    }

    /// Where the span ends (exclusive; the start when the span is empty).
    pub fn end(&self) -> Location {
        match &self.shown {
            Some(shown) => self.located(shown.get(1)),
            None => Location::at(&self.source, self.span.end.max(self.span.start)),
        }
    }

    fn located(&self, (line, column): (usize, usize)) -> Location {
        Location { file: self.source.path.to_path_buf(), line, column }
    }

    /// 1-based (line, column) of the span's start and of its end, as [`Finding::start`] and
    /// [`Finding::end`] give them, without the file's path.
    pub fn positions(&self) -> ((usize, usize), (usize, usize)) {
        match &self.shown {
            Some(shown) => (shown.get(0), shown.get(1)),
            None => (self.source.line_col(self.span.start), self.source.line_col(self.span.end.max(self.span.start))),
        }
    }

    /// For graded rules (`stale-translation`): the grade (`cosmetic`, `wording`, `content`).
    pub fn grade(&self) -> Option<&'static str> {
        self.extra.as_ref().and_then(|e| e.grade)
    }

    /// For `stale-translation`: the word diff of the source text the translation was made
    /// from → today's, in git's `--word-diff=plain` notation (`[-removed-]{+added+}`).
    pub fn diff(&self) -> Option<&str> {
        self.extra.as_ref().and_then(|e| e.diff.as_deref())
    }

    /// Parts of one finding that stands for many (`missing-resource`: each message of the
    /// source resource that the locale lacks), in file order; empty for most rules.
    pub fn details(&self) -> &[Detail] {
        self.extra.as_ref().map_or(&[], |e| &e.details)
    }

    /// Makes this a finding about a changed source text: its `grade`, the text the
    /// translation was made from (`old`), today's (`new`) and the word `diff` between them.
    pub fn set_change(&mut self, grade: &'static str, old: String, new: String, diff: String) {
        let extra = self.extra.get_or_insert_default();
        (extra.grade, extra.old_source, extra.new_source, extra.diff) = (Some(grade), Some(old), Some(new), Some(diff));
        extra.sources_in_diff = false;
    }

    /// Sets the parts of one finding that stands for many ([`Finding::details`]).
    pub fn set_details(&mut self, details: Vec<Detail>) {
        self.extra.get_or_insert_default().details = details;
    }

    /// For `stale-translation`: the source text the translation was made from, and today's.
    pub fn sources(&self) -> Option<(std::borrow::Cow<'_, str>, std::borrow::Cow<'_, str>)> {
        let extra = self.extra.as_ref()?;
        match (&extra.old_source, &extra.new_source, &extra.diff) {
            (Some(old), Some(new), _) => Some((old.into(), new.into())),
            (_, _, Some(diff)) if extra.sources_in_diff => {
                let (old, new) = super::diff::sides(diff);
                Some((old.into(), new.into()))
            }
            _ => None,
        }
    }

    /// The text of the line the span starts on ("" once detached without it).
    pub fn line_text(&self) -> &str {
        match &self.shown {
            Some(_) => self.line.as_deref().unwrap_or(""),
            None => self.source.line_text(self.start().line),
        }
    }

    /// 1-based (line, column) of each of [`Finding::details`].
    pub fn detail_positions(&self) -> Vec<(usize, usize)> {
        match &self.shown {
            Some(_) => self.extra.as_ref().map_or_else(Vec::new, |e| e.detail_positions.clone()),
            None => self.details().iter().map(|d| self.source.line_col(d.span.start)).collect(),
        }
    }

    /// The sort key that makes reports deterministic: file, position, rule, message id, locale.
    pub fn sort_key(&self) -> (&Path, usize, usize, &str, Option<&str>, &str) {
        (self.file(), self.span.start, self.span.end, self.rule, self.message_id.as_deref(), &self.locale)
    }
}

/// Findings serialize with their position computed: `file`, `line`, `column`, `end_line`,
/// `end_column` (1-based; columns in characters; the end is exclusive), and, when the finding
/// stands for many, `details`: `[{message_id, line, column}]` in the same file.
impl Serialize for Finding {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Shown<'a> {
            rule: &'a str,
            severity: Severity,
            locale: &'a str,
            message_id: Option<&'a str>,
            file: &'a Path,
            line: usize,
            column: usize,
            end_line: usize,
            end_column: usize,
            message: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            grade: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            old_source: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            new_source: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            diff: Option<&'a str>,
            #[serde(skip_serializing_if = "Vec::is_empty")]
            details: Vec<ShownDetail<'a>>,
        }
        #[derive(Serialize)]
        struct ShownDetail<'a> {
            message_id: &'a str,
            line: usize,
            column: usize,
        }
        let details = self
            .details()
            .iter()
            .zip(self.detail_positions())
            .map(|(d, (line, column))| ShownDetail { message_id: &d.message_id, line, column })
            .collect();
        let ((line, column), (end_line, end_column)) = self.positions();
        let sources = self.sources();
        Shown {
            rule: self.rule,
            severity: self.severity,
            locale: &self.locale,
            message_id: self.message_id.as_deref(),
            file: self.file(),
            line,
            column,
            end_line,
            end_column,
            message: &self.message,
            grade: self.grade(),
            old_source: sources.as_ref().map(|s| &*s.0),
            new_source: sources.as_ref().map(|s| &*s.1),
            diff: self.diff(),
            details,
        }
        .serialize(serializer)
    }
}
