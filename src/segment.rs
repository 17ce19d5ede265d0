//! Text segmentation that search and the checker share: Unicode UAX #29 words
//! (unicode-segmentation) and sentences (ICU4X's `icu_segmenter`), with the common cases
//! found without running the segmenter. Each fast path gives exactly what the segmenter gives
//! (the tests compare them on the shipped site and on text of many scripts).

use icu_properties::props::SentenceBreak;
use icu_properties::CodePointMapData;
use icu_segmenter::options::SentenceBreakInvariantOptions;
use icu_segmenter::SentenceSegmenter;
use unicode_segmentation::UnicodeSegmentation;

/// Calls `f` with each word of `text` and its byte offset, in order: the words
/// `unicode_word_indices` (UAX #29) gives, found faster. A run of ASCII letters and digits
/// between ASCII whitespace is one word as it stands (UAX #29 neither breaks inside such a
/// run nor joins it across whitespace); anything else between whitespace is segmented by
/// unicode-segmentation.
pub fn word_indices<'t>(text: &'t str, mut f: impl FnMut(usize, &'t str)) {
    for token in text.split_ascii_whitespace() {
        let at = token.as_ptr() as usize - text.as_ptr() as usize;
        if token.bytes().all(|b| b.is_ascii_alphanumeric()) {
            f(at, token);
        } else {
            for (offset, word) in token.unicode_word_indices() {
                f(at + offset, word);
            }
        }
    }
}

/// The sentence boundaries of `text` (UAX #29, ICU4X): byte offsets from 0 to `text.len()`,
/// both included, as `SentenceSegmenter::segment_str` gives them.
///
/// A text that can only end in a sentence, which is most messages, is not segmented: one
/// whose first sentence terminator or paragraph separator (Sentence_Break `ATerm`, `STerm`,
/// `Sep`, `CR`, `LF`) starts a run of terminators, closing punctuation and spaces that ends
/// the text. UAX #29 breaks only after a terminator or separator (rules SB4 to SB11), and
/// within such a run rules SB8a to SB10 do not break.
pub fn sentence_breaks(text: &str) -> Vec<usize> {
    if one_sentence(text) {
        return if text.is_empty() { vec![0] } else { vec![0, text.len()] };
    }
    SentenceSegmenter::new(SentenceBreakInvariantOptions::default()).segment_str(text).collect()
}

/// Whether UAX #29 finds no sentence boundary inside `text` (see [`sentence_breaks`]).
fn one_sentence(text: &str) -> bool {
    let classes = CodePointMapData::<SentenceBreak>::new();
    let class = |c: char| match c {
        '.' => SentenceBreak::ATerm,
        '!' | '?' => SentenceBreak::STerm,
        '\n' => SentenceBreak::LF,
        '\r' => SentenceBreak::CR,
        ' ' | '\t' => SentenceBreak::Sp,
        c if c.is_ascii_alphanumeric() => SentenceBreak::Other,
        c => classes.get(c),
    };
    let ends = |c: SentenceBreak| {
        matches!(
            c,
            SentenceBreak::ATerm | SentenceBreak::STerm | SentenceBreak::Sep | SentenceBreak::CR | SentenceBreak::LF
        )
    };
    let mut rest = text.chars().map(class).skip_while(|&c| !ends(c)).peekable();
    // The run: terminators, then closing punctuation, then spaces, then the end.
    while rest.next_if(|&c| matches!(c, SentenceBreak::ATerm | SentenceBreak::STerm)).is_some() {}
    while rest.next_if(|&c| c == SentenceBreak::Close).is_some() {}
    while rest.next_if(|&c| c == SentenceBreak::Sp).is_some() {}
    rest.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The texts the fast paths are compared on: every file of the shipped site's locales and
    /// lines of many scripts and punctuation.
    fn texts() -> Vec<String> {
        let mut texts: Vec<String> = [
            "Ten incidents per year. Don't e.g. 3.14 1,000 co-op foo_bar a\u{00A0}b x\u{200D} \u{00AD}y",
            "Tíz incidens évente: 10 000 Ft, \u{05D0}\u{05D1} 日本語のテキスト \t\r\n done\u{0301} \u{1F600}ok",
            "Klaar.",
            "Klaar. ",
            "Klaar.)",
            "Klaar. )",
            "Klaar.\"",
            "Is it?! Yes.",
            "Wait...",
            "Wait\u{2026}",
            "Done.\n",
            "Done.\n\n",
            "Done\nnext",
            "完了しました。",
            "完了しました。次へ",
            "हो गया।",
            "Listo.\u{0301}",
            "Abc\u{2029}def",
            "Abc\u{0085}",
            "see example.com for details",
            "",
            " ",
            ".",
            "etc.) and more",
            "U.S. Army",
        ]
        .map(str::to_string)
        .to_vec();
        let site = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        for entry in walkdir::WalkDir::new(site).into_iter().flatten().filter(|e| e.file_type().is_file()) {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            texts.extend(text.lines().map(str::to_string));
            texts.push(text);
        }
        texts
    }

    #[test]
    fn words_are_found_as_unicode_segmentation_finds_them() {
        let texts = texts();
        assert!(texts.len() > 100, "the shipped site's resources");
        for text in &texts {
            let mut found = Vec::new();
            word_indices(text, |at, word| found.push((at, word)));
            assert_eq!(found, text.unicode_word_indices().collect::<Vec<_>>(), "{text}");
        }
    }

    #[test]
    fn sentences_are_found_as_the_segmenter_finds_them() {
        let segmenter = SentenceSegmenter::new(SentenceBreakInvariantOptions::default());
        let (mut fast, texts) = (0, texts());
        for text in &texts {
            let expected: Vec<usize> = segmenter.segment_str(text).collect();
            assert_eq!(sentence_breaks(text), expected, "{text:?}");
            fast += usize::from(one_sentence(text));
        }
        assert!(fast * 3 > texts.len(), "most lines are one sentence: {fast} of {}", texts.len());
        assert!(one_sentence("Klaar. ") && !one_sentence("Klaar. Nu.") && !one_sentence("Klaar. )"));
    }
}
