//! Source text with a line index: byte offsets become 1-based line and character column.
//!
//! Parsers (fluent-syntax, toml, pulldown-cmark) report byte offsets; positions are turned
//! into line:column only when reported, and columns count characters so that Hungarian
//! text (ő, ű) gets the column a reader sees in an editor.

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The text of one file and the byte offset where each of its lines starts. Cloning is
/// cheap (the text and index are shared): the preview copies whole projects.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The path used in messages (relative to the site root where possible), shared by the
    /// clones of the text and the findings about it.
    pub path: Arc<Path>,
    /// The whole text, UTF-8, with a leading byte-order mark removed.
    pub text: Text,
    /// Where each line starts, computed when a position is first asked for (most files are
    /// read without ever reporting one).
    line_starts: Arc<std::sync::OnceLock<Vec<usize>>>,
}

/// A file's text, shared: a plain string, or the text a parser's owner already holds (a
/// Fluent resource keeps its own copy; the file's text is that copy, not a second one).
/// Dereferences to `str`.
#[derive(Clone)]
pub struct Text(Arc<dyn AsRef<str> + Send + Sync>);

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        (*self.0).as_ref()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl SourceText {
    /// `text`, reported as `path`. A UTF-8 BOM is dropped.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..3);
        }
        SourceText::shared(Arc::<Path>::from(path.into()), Arc::new(text))
    }

    /// Text held by `owner` (whose `as_ref` must always return the same text),
    /// reported as `path`; no BOM is removed.
    pub fn shared(path: impl Into<Arc<Path>>, owner: Arc<dyn AsRef<str> + Send + Sync>) -> Self {
        SourceText { path: path.into(), text: Text(owner), line_starts: Arc::default() }
    }

    /// An empty text reported as `path`: its text and line index are one shared empty text,
    /// so only the path is allocated (a finding that no longer needs its file keeps one:
    /// [`crate::check::Finding::detach`]).
    pub fn empty(path: Arc<Path>) -> Self {
        type Empty = (Arc<dyn AsRef<str> + Send + Sync>, Arc<std::sync::OnceLock<Vec<usize>>>);
        static EMPTY: std::sync::LazyLock<Empty> = std::sync::LazyLock::new(|| (Arc::new(""), Arc::default()));
        SourceText { path, text: Text(EMPTY.0.clone()), line_starts: EMPTY.1.clone() }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts
            .get_or_init(|| std::iter::once(0).chain(self.text.match_indices('\n').map(|(i, _)| i + 1)).collect())
    }

    /// 1-based (line, column) of byte `offset`; the column counts characters. Offsets past
    /// the end, or inside a multi-byte character, are clamped to the nearest valid place.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line_starts = self.line_starts();
        let line = line_starts.partition_point(|&start| start <= offset);
        let start = line_starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }

    /// The text of 1-based `line` without its line ending ("" when out of range).
    pub fn line_text(&self, line: usize) -> &str {
        let line_starts = self.line_starts();
        let Some(&start) = line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = line_starts.get(line).copied().unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

/// `text` with control characters (C0 but tab, DEL, C1: ANSI and OSC escape sequences among
/// them) written as `\u{…}`, so file content cannot drive the terminal.
pub fn printable(text: &str) -> String {
    if !text.chars().any(|c| c.is_control() && c != '\t') {
        return text.to_string();
    }
    text.chars()
        .map(|c| if c.is_control() && c != '\t' { format!("\\u{{{:x}}}", c as u32) } else { c.to_string() })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let src = SourceText::new("x.ftl", "a = 1\nhű = ő { $x\n");
        let offset = src.text.find('{').unwrap();
        assert_eq!(src.line_col(offset), (2, 8));
        assert_eq!(src.line_text(2), "hű = ő { $x");
    }

    #[test]
    fn bom_is_dropped_and_offsets_clamp() {
        let src = SourceText::new("x", "\u{feff}ab");
        assert_eq!(&*src.text, "ab");
        assert_eq!(src.line_col(99), (1, 3));
    }
}
