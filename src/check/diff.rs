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

/// The word diff of `old` → `new`. Changes separated only by whitespace are merged into one
/// removed and one added run, as `git diff --word-diff` shows them.
pub fn word_diff(old: &str, new: &str) -> Vec<Chunk> {
    let diff = TextDiff::from_words(old, new);
    let mut chunks: Vec<Chunk> = Vec::new();
    // A change in progress: (removed, added), and whitespace seen since its last change.
    let mut change: Option<(String, String)> = None;
    let mut gap = String::new();
    let close = |chunks: &mut Vec<Chunk>, change: &mut Option<(String, String)>| {
        if let Some((mut removed, mut added)) = change.take() {
            // Whitespace that ends both sides belongs to the unchanged text after them.
            let mut tail = String::new();
            while let (Some(r), Some(a)) = (removed.chars().last(), added.chars().last()) {
                if r != a || !r.is_whitespace() {
                    break;
                }
                tail.insert(0, r);
                removed.pop();
                added.pop();
            }
            if !removed.is_empty() {
                chunks.push(Chunk::Removed(removed));
            }
            if !added.is_empty() {
                chunks.push(Chunk::Added(added));
            }
            if !tail.is_empty() {
                chunks.push(Chunk::Same(tail));
            }
        }
    };
    for c in diff.iter_all_changes() {
        let text = c.value();
        match c.tag() {
            ChangeTag::Equal if change.is_some() && text.trim().is_empty() => gap.push_str(text),
            ChangeTag::Equal => {
                close(&mut chunks, &mut change);
                let same = std::mem::take(&mut gap) + text;
                match chunks.last_mut() {
                    Some(Chunk::Same(s)) => s.push_str(&same),
                    _ => chunks.push(Chunk::Same(same)),
                }
            }
            tag => {
                let (removed, added) = change.get_or_insert_with(Default::default);
                if !gap.is_empty() {
                    removed.push_str(&gap);
                    added.push_str(&gap);
                    gap.clear();
                }
                if tag == ChangeTag::Delete {
                    removed.push_str(text)
                } else {
                    added.push_str(text)
                }
            }
        }
    }
    close(&mut chunks, &mut change);
    if !gap.is_empty() {
        chunks.push(Chunk::Same(gap));
    }
    chunks
}

/// `chunks` in git's plain word-diff notation: `[-removed-]` and `{+added+}`.
///
/// ```
/// use tolk::check::diff::{plain, word_diff};
/// let d = word_diff("the Signature 10pack", "the Signature 10-pack");
/// assert_eq!(plain(&d), "the Signature [-10pack-]{+10-pack+}");
/// ```
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
        let d = word_diff("portals eg Azure, LCS etc do", "portals (for example, Azure, LCS, and others) do");
        assert_eq!(plain(&d), "portals [-eg-]{+(for example,+} Azure, [-LCS etc-]{+LCS, and others)+} do");
        assert_eq!(plain(&word_diff("same text", "same text")), "same text");
    }
}
