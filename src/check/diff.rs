//! Word-level diffs of English texts (the `similar` crate's word diff), printed in git's
//! `--word-diff=plain` notation.

use similar::{Algorithm, ChangeTag, DiffableStr};

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

/// Most words the middle of a diff (after the common beginning and end) may hold on each side
/// for a word-by-word diff; beyond it the middle is one removed and one added run. Myers'
/// algorithm takes time proportional to the product of the sizes when texts differ
/// throughout; this keeps any message's diff linear (a 50,000-word rewrite took 20 s).
pub const MAX_DIFF_WORDS: usize = 4_000;

/// The word diff of `old` → `new`. Changes separated only by whitespace are merged into one
/// removed and one added run, as `git diff --word-diff` shows them. Texts whose differing
/// middle exceeds [`MAX_DIFF_WORDS`] on both sides get that middle as one change.
pub fn word_diff(old: &str, new: &str) -> Vec<Chunk> {
    let (prefix, suffix) = common_ends(old, new);
    let (old_mid, new_mid) = (&old[prefix..old.len() - suffix], &new[prefix..new.len() - suffix]);
    let words = |s: &str| s.split_whitespace().count();
    if words(old_mid) > MAX_DIFF_WORDS && words(new_mid) > MAX_DIFF_WORDS {
        let mut chunks = Vec::new();
        if prefix > 0 {
            chunks.push(Chunk::Same(old[..prefix].to_string()));
        }
        chunks.push(Chunk::Removed(old_mid.to_string()));
        chunks.push(Chunk::Added(new_mid.to_string()));
        if suffix > 0 {
            chunks.push(Chunk::Same(old[old.len() - suffix..].to_string()));
        }
        return chunks;
    }
    // The texts after their common beginning are diffed: the same changes as the whole texts
    // give, without tokenizing and comparing what both start with.
    let prefix = token_prefix(old, new);
    let mut chunks = Vec::new();
    if prefix > 0 {
        chunks.push(Chunk::Same(old[..prefix].to_string()));
    }
    for chunk in word_diff_exact(&old[prefix..], &new[prefix..]) {
        match (chunks.last_mut(), chunk) {
            (Some(Chunk::Same(last)), Chunk::Same(more)) => last.push_str(&more),
            (_, chunk) => chunks.push(chunk),
        }
    }
    chunks
}

/// Bytes of a common beginning of `a` and `b` that a word diff may leave out and still find
/// what diffing the whole texts finds: whole tokens of both (words and whitespace runs, as
/// similar splits text into words), ending with whitespace before a word in both. (A common
/// end may not be left out the same way: similar's diff of the whole texts places an insertion
/// among repeated tokens by what follows it; a property test compares.)
fn token_prefix(a: &str, b: &str) -> usize {
    let space_before = |s: &str, i: usize| s[..i].chars().next_back().is_some_and(char::is_whitespace);
    let word_at = |s: &str, i: usize| s[i..].chars().next().is_some_and(|c| !c.is_whitespace());
    let mut prefix = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while prefix > 0
        && !(a.is_char_boundary(prefix)
            && b.is_char_boundary(prefix)
            && space_before(a, prefix)
            && space_before(b, prefix)
            && word_at(a, prefix)
            && word_at(b, prefix))
    {
        prefix -= 1;
    }
    prefix
}

/// Bytes of the longest common beginning and end of `a` and `b` that end (and start) at
/// whitespace or the text's edge, so no word is cut; they do not overlap.
fn common_ends(a: &str, b: &str) -> (usize, usize) {
    let at_boundary = |s: &str, i: usize| i == 0 || i == s.len() || s[..i].ends_with(char::is_whitespace);
    let mut prefix = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while prefix > 0 && !(a.is_char_boundary(prefix) && at_boundary(a, prefix) && at_boundary(b, prefix)) {
        prefix -= 1;
    }
    let room = a.len().min(b.len()) - prefix;
    let mut suffix = a.bytes().rev().zip(b.bytes().rev()).take(room).take_while(|(x, y)| x == y).count();
    let starts_word = |s: &str, i: usize| i == s.len() || i == 0 || s[i..].starts_with(char::is_whitespace);
    while suffix > 0
        && !(a.is_char_boundary(a.len() - suffix)
            && starts_word(a, a.len() - suffix)
            && starts_word(b, b.len() - suffix))
    {
        suffix -= 1;
    }
    (prefix, suffix)
}

/// The changes of similar's word diff of `old` → `new` (`TextDiff::from_words`: its tokens,
/// Myers' algorithm and its clean-up), in order. Tokens are compared as they are, or numbered
/// first (FxHash) when a text has over 1,000: numbers compare faster, but numbering costs
/// more than comparing when the texts differ little, as most changed messages do. (similar
/// numbers tokens past 100, with SipHash.) The diff compares only equality, so it is the same.
fn word_changes<'t>(old: &'t str, new: &'t str) -> Vec<(ChangeTag, &'t str)> {
    let (old, new) = (words(old), words(new));
    let ops = if old.len() > 1_000 || new.len() > 1_000 {
        let mut ids: rustc_hash::FxHashMap<&str, u32> = Default::default();
        let mut number = |tokens: &[&'t str]| -> Vec<u32> {
            tokens
                .iter()
                .map(|t| {
                    let next = ids.len() as u32;
                    *ids.entry(t).or_insert(next)
                })
                .collect()
        };
        let (old_ids, new_ids) = (number(&old), number(&new));
        similar::capture_diff_slices(Algorithm::Myers, &old_ids, &new_ids)
    } else {
        similar::capture_diff_slices(Algorithm::Myers, &old, &new)
    };
    ops.iter().flat_map(|op| op.iter_changes(&old[..], &new[..])).map(|c| (c.tag(), c.value())).collect()
}

/// similar's word tokens of `text` (`DiffableStr::tokenize_words`): alternating runs of
/// whitespace and of other characters (`char::is_whitespace`). ASCII text is split by byte.
fn words(text: &str) -> Vec<&str> {
    if !text.is_ascii() {
        return text.tokenize_words();
    }
    // ASCII White_Space: tab to carriage return, and space.
    let space = |b: u8| b == b' ' || (b'\t'..=b'\r').contains(&b);
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(bytes.len() / 3);
    let mut start = 0;
    while start < bytes.len() {
        let kind = space(bytes[start]);
        let end = start + bytes[start..].iter().position(|&b| space(b) != kind).unwrap_or(bytes.len() - start);
        tokens.push(&text[start..end]);
        start = end;
    }
    tokens
}

fn word_diff_exact(old: &str, new: &str) -> Vec<Chunk> {
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
    for (tag, text) in word_changes(old, new) {
        match tag {
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

/// Whether `text` holds none of the notation's brackets (`[-`, `-]`, `{+`, `+}`): then
/// [`sides`] of a [`plain`] diff from or to it gives it back exactly.
pub fn notation_free(text: &str) -> bool {
    let bytes = text.as_bytes();
    // The sign that goes with a bracket: `-` with square ones, `+` with curly ones.
    let sign = |bracket: u8| if matches!(bracket, b'[' | b']') { b'-' } else { b'+' };
    let opens = memchr::memchr2_iter(b'[', b'{', bytes).all(|i| bytes.get(i + 1) != Some(&sign(bytes[i])));
    opens && memchr::memchr2_iter(b']', b'}', bytes).all(|i| i == 0 || bytes[i - 1] != sign(bytes[i]))
}

/// The two texts a [`plain`] word diff was made from: (old, new). Exact when neither text
/// holds the notation's brackets ([`notation_free`]).
pub fn sides(plain: &str) -> (String, String) {
    let (mut old, mut new) = (String::with_capacity(plain.len()), String::with_capacity(plain.len()));
    let mut rest = plain;
    while !rest.is_empty() {
        let next = [rest.find("[-"), rest.find("{+")].into_iter().flatten().min().unwrap_or(rest.len());
        old.push_str(&rest[..next]);
        new.push_str(&rest[..next]);
        rest = &rest[next..];
        let (close, side) = match rest.get(..2) {
            Some("[-") => ("-]", &mut old),
            Some("{+") => ("+}", &mut new),
            _ => continue,
        };
        let end = rest[2..].find(close).map_or(rest.len(), |i| i + 2);
        side.push_str(&rest[2..end]);
        rest = rest.get(end + 2..).unwrap_or("");
    }
    (old, new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sides_give_back_the_texts_of_a_plain_diff() {
        for (old, new) in [
            ("Step 1 Select windows 10", "Step 1 Open [Support](https://x) and select windows 10"),
            ("a b c", "a b c d"),
            ("x y", ""),
            ("", "y"),
            ("Hű { $n } ő.", "Hű { $m } ő!"),
        ] {
            assert_eq!(sides(&plain(&word_diff(old, new))), (old.to_string(), new.to_string()), "{old} → {new}");
        }
        // Brackets of the notation in a text: not exact, which callers detect.
        let (old, new) = ("see [-x-] here", "see {+y+} there");
        assert_ne!(sides(&plain(&word_diff(old, new))), (old.to_string(), new.to_string()));
    }

    #[test]
    fn rewrites_of_huge_messages_stay_linear_and_lossless() {
        let old: Vec<String> = (0..10_000).map(|i| format!("w{}", i % 7)).collect();
        let new: Vec<String> = (0..10_000).map(|i| format!("v{}", i % 5)).collect();
        let (old, new) = (format!("Start {} end.", old.join(" ")), format!("Start {} end.", new.join(" ")));
        let chunks = word_diff(&old, &new);
        assert_eq!(chunks.len(), 4, "one change in the middle");
        let rebuilt = |keep: fn(&Chunk) -> Option<&str>| chunks.iter().filter_map(keep).collect::<String>();
        assert_eq!(
            rebuilt(|c| match c {
                Chunk::Same(s) | Chunk::Removed(s) => Some(s),
                _ => None,
            }),
            old
        );
        assert_eq!(
            rebuilt(|c| match c {
                Chunk::Same(s) | Chunk::Added(s) => Some(s),
                _ => None,
            }),
            new
        );
        assert_eq!(common_ends("a b c", "a x c"), (2, 2));
        assert_eq!(common_ends("same", "same"), (4, 0));
        assert_eq!(common_ends("ab c", "ax c"), (0, 2), "never inside a word");
    }

    /// The texts of `old` and of `new` after `edits` (position, part, and 0 to insert it, 1 to
    /// remove the part there, 2 to replace it), each a list of parts of repeated words,
    /// punctuation, whitespace and non-ASCII.
    fn edited(old: &[usize], mut new: Vec<usize>, edits: Vec<(usize, usize, usize)>) -> (String, String) {
        const PARTS: [&str; 9] = ["a", "b", "c", " ", " ", "  ", "\n", "é.", "x,"];
        for (at, part, kind) in edits {
            let at = at.min(new.len());
            match kind {
                0 => new.insert(at, part),
                1 if at < new.len() => {
                    new.remove(at);
                }
                _ if at < new.len() => new[at] = part,
                _ => new.push(part),
            }
        }
        let text = |parts: &[usize]| parts.iter().map(|&i| PARTS[i]).collect();
        (text(old), text(&new))
    }

    proptest::proptest! {
        /// Texts of a few repeated words, punctuation, whitespace runs and non-ASCII: leaving
        /// out the common beginning gives the diff of the whole texts.
        #[test]
        fn the_middle_gives_the_diff_of_the_whole(
            old in proptest::collection::vec(0usize..9, 0..24),
            edits in proptest::collection::vec((0usize..24, 0usize..9, 0usize..3), 0..4),
        ) {
            let (old, new) = edited(&old, old.clone(), edits);
            proptest::prop_assert_eq!(plain(&word_diff(&old, &new)), plain(&word_diff_exact(&old, &new)), "{:?} → {:?}", old, new);
        }
    }

    proptest::proptest! {
        /// Texts with brackets, dashes and pluses: a plain diff gives back texts free of its
        /// notation exactly.
        #[test]
        fn plain_diffs_give_back_texts_free_of_their_notation(
            old in proptest::collection::vec(0usize..10, 0..30),
            new in proptest::collection::vec(0usize..10, 0..30),
        ) {
            const PARTS: [&str; 10] = ["a", "[", "]", "{", "}", "-", "+", " ", "b ", "é"];
            let (old, new): (String, String) =
                (old.iter().map(|&i| PARTS[i]).collect(), new.iter().map(|&i| PARTS[i]).collect());
            let has = |t: &str| ["[-", "-]", "{+", "+}"].iter().any(|n| t.contains(n));
            proptest::prop_assert_eq!(notation_free(&old), !has(&old));
            if notation_free(&old) && notation_free(&new) {
                proptest::prop_assert_eq!(sides(&plain(&word_diff(&old, &new))), (old.clone(), new.clone()));
            }
        }

        /// Texts of repeated words, punctuation, whitespace and non-ASCII, unrelated or edited,
        /// short and long (over 1,000 tokens, which are numbered): the changes of similar's own
        /// word diff.
        #[test]
        fn changes_are_similars_word_diff(
            old in proptest::collection::vec(0usize..9, 0..3_000),
            other in proptest::collection::vec(0usize..9, 0..60),
            edits in proptest::collection::vec((0usize..3_000, 0usize..9, 0usize..3), 0..8),
        ) {
            let (old, new) = edited(&old, if edits.is_empty() { other } else { old.clone() }, edits);
            let diff = similar::TextDiff::from_words(&old, &new);
            let expected: Vec<(ChangeTag, &str)> = diff.iter_all_changes().map(|c| (c.tag(), c.value())).collect();
            proptest::prop_assert_eq!(word_changes(&old, &new), expected, "{:?} → {:?}", old, new);
        }
    }

    proptest::proptest! {
        /// ASCII text with every kind of whitespace, and text past ASCII: the tokens similar
        /// gives.
        #[test]
        fn words_are_similars_tokens(parts in proptest::collection::vec(0usize..12, 0..40)) {
            const PARTS: [&str; 12] = ["a", "Bc", ".", " ", "  ", "\t", "\n", "\u{0B}", "\u{0C}", "\r", "é", "\u{A0}"];
            let text: String = parts.iter().map(|&i| PARTS[i]).collect();
            proptest::prop_assert_eq!(words(&text), text.tokenize_words(), "{:?}", text);
        }
    }

    #[test]
    fn words_added_and_removed() {
        let d = word_diff("Step 1 Select windows 10", "Step 1 Open [Support] and select windows 10");
        assert_eq!(plain(&d), "Step 1 [-Select-]{+Open [Support] and select+} windows 10");
        let d = word_diff("portals eg Azure, LCS etc do", "portals (for example, Azure, LCS, and others) do");
        assert_eq!(plain(&d), "portals [-eg-]{+(for example,+} Azure, [-LCS etc-]{+LCS, and others)+} do");
        assert_eq!(plain(&word_diff("same text", "same text")), "same text");
    }
}
