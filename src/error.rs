//! Fatal errors: the typed `Err` side of every stage.
//!
//! Drift is never an error here: it is a [`crate::check::Finding`]. An [`Error`] stops the
//! run. Every variant names the file it is about, and input errors carry a 1-based line and
//! a 1-based column counted in Unicode scalar values (characters, not bytes).

use std::fmt;
use std::path::{Path, PathBuf};

use crate::source::{printable, SourceText};

/// A position in a file: 1-based line, 1-based column in characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Location {
    /// The file, as given to or discovered by tolk (relative to the site root where possible).
    pub file: PathBuf,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl Location {
    /// The location of byte `offset` in `source`.
    pub fn at(source: &SourceText, offset: usize) -> Self {
        let (line, column) = source.line_col(offset);
        Location { file: source.path.to_path_buf(), line, column }
    }

    /// Line 1, column 1 of `file`: for errors about a file as a whole.
    pub fn start_of(file: &Path) -> Self {
        Location { file: file.to_path_buf(), line: 1, column: 1 }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// A fatal error. `Display` gives one line; [`Error::render`] adds the offending source line.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing `path` failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// Input that tolk cannot use: malformed TOML, Fluent, skeleton or import source.
    #[error("{location}: error: {message}")]
    Input {
        /// Where the problem is.
        location: Location,
        /// What is wrong and, where it helps, what to do.
        message: String,
        /// The source line at `location`, for a caret display.
        line_text: Option<String>,
    },
    /// Several input errors found in one pass (e.g. every syntax error of every resource).
    #[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
    Many(Vec<Error>),
    /// A usage or configuration problem without a position (bad flag combination, no site).
    #[error("error: {0}")]
    Usage(String),
}

impl Error {
    /// An input error at byte `offset` of `source`, with the line shown under it.
    pub fn input(source: &SourceText, offset: usize, message: impl Into<String>) -> Self {
        let location = Location::at(source, offset);
        let line_text = Some(source.line_text(location.line).to_string());
        Error::Input { location, message: message.into(), line_text }
    }

    /// An input error at a known location with no source line to show.
    pub fn at(location: Location, message: impl Into<String>) -> Self {
        Error::Input { location, message: message.into(), line_text: None }
    }

    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }

    /// Collapses a list of errors: one stays itself, several become [`Error::Many`].
    pub fn from_many(mut errors: Vec<Error>) -> Option<Self> {
        match errors.len() {
            0 => None,
            1 => errors.pop(),
            _ => Some(Error::Many(errors)),
        }
    }

    /// The process exit code for this error: always 2 (usage, configuration or input error).
    pub fn exit_code(&self) -> i32 {
        2
    }

    /// Renders the error like a compiler does: `file:line:col: error: …`, the line, a caret.
    pub fn render(&self) -> String {
        match self {
            Error::Input { location, message, line_text } => {
                // File text may hold escape sequences: never sent to the terminal as they are.
                let (message, line_text) = (printable(message), line_text.as_deref().map(printable));
                let mut out = format!("{location}: error: {message}");
                if let Some(text) = line_text {
                    let gutter = location.line.to_string().len();
                    out.push_str(&format!(
                        "\n{:gutter$} |\n{} | {}\n{:gutter$} | {}^",
                        "",
                        location.line,
                        text,
                        "",
                        " ".repeat(location.column.saturating_sub(1))
                    ));
                }
                out
            }
            Error::Many(errors) => errors.iter().map(Error::render).collect::<Vec<_>>().join("\n"),
            other => other.to_string(),
        }
    }
}

/// A problem at a byte span of a file: what the build refuses (as [`Error::Input`]) and the
/// checker reports (as a finding), built once by the stage that finds it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// The file.
    pub source: SourceText,
    /// The bytes of `source` it is about (start may equal end).
    pub span: std::ops::Range<usize>,
    /// What is wrong and, where it helps, what to do.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic about `span` of `source`.
    pub fn new(source: &SourceText, span: std::ops::Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic { source: source.clone(), span, message: message.into() }
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Error {
        Error::input(&d.source, d.span.start, d.message)
    }
}

impl Error {
    /// Every diagnostic as one error ([`Error::Many`] when several); `None` when empty.
    pub fn from_diagnostics(diagnostics: Vec<Diagnostic>) -> Option<Error> {
        Error::from_many(diagnostics.into_iter().map(Error::from).collect())
    }
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
