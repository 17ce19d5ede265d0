//! Word-level diffs of English texts (the `similar` crate's word diff), printed in git's
//! `--word-diff=plain` notation.

use similar::{ChangeTag, TextDiff};

/// One run of the diff: unchanged, removed or added text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chunk {
    /// In both texts.
    Same(String),
    /// Only in the old text.
    Removed(String),
    /// Only in the new text.
    Added(String),
}

/// The word diff of `old` → `new`, adjacent changes of one kind merged.
pub fn word_diff(old: &str, new: &str) -> Vec<Chunk> {
    let diff = TextDiff::from_words(old, new);
    let mut chunks: Vec<Chunk> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value().to_string();
        match (change.tag(), chunks.last_mut()) {
            (ChangeTag::Equal, Some(Chunk::Same(s))) | (ChangeTag::Delete, Some(Chunk::Removed(s))) | (ChangeTag::Insert, Some(Chunk::Added(s))) => s.push_str(&text),
            (ChangeTag::Equal, _) => chunks.push(Chunk::Same(text)),
            (ChangeTag::Delete, _) => chunks.push(Chunk::Removed(text)),
            (ChangeTag::Insert, _) => chunks.push(Chunk::Added(text)),
        }
    }
    chunks
}

/// `chunks` in git's plain word-diff notation: `[-removed-]` and `{+added+}`.
pub fn plain(chunks: &[Chunk]) -> String {
    chunks
        .iter()
        .map(|c| match c {
            Chunk::Same(s) => s.clone(),
            Chunk::Removed(s) => format!("[-{s}-]"),
            Chunk::Added(s) => format!("{{+{s}+}}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_added_and_removed() {
        let d = word_diff("Step 1 Select windows 10", "Step 1 Open [Support] and select windows 10");
        assert_eq!(plain(&d), "Step 1 [-Select-]{+Open [Support] and select+} windows 10");
    }
}
