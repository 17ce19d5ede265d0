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
///
/// ASCII punctuation other than `_` before or after such a run (`(word),`, `end.`) is not
/// part of a word either: UAX #29 joins punctuation to a word only between two letters or
/// digits (WB6, WB7, WB11, WB12), and `_` (ExtendNumLet) is the only ASCII character that
/// joins at a word's edge (WB13a, WB13b).
pub fn word_indices<'t>(text: &'t str, mut f: impl FnMut(usize, &'t str)) {
    let edge = |b: &u8| b.is_ascii_punctuation() && *b != b'_';
    for token in text.split_ascii_whitespace() {
        let at = token.as_ptr() as usize - text.as_ptr() as usize;
        let bytes = token.as_bytes();
        let lead = bytes.iter().take_while(|b| edge(b)).count();
        let trail = bytes[lead..].iter().rev().take_while(|b| edge(b)).count();
        let core = &bytes[lead..bytes.len() - trail];
        if core.iter().all(u8::is_ascii_alphanumeric) {
            if !core.is_empty() {
                f(at + lead, &token[lead..token.len() - trail]);
            }
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
///
/// Text of several sentences, each ended by a terminator and spaces before a capital or an
/// uncased letter (prose), is not segmented either: see [`plain_breaks`].
pub fn sentence_breaks(text: &str) -> Vec<usize> {
    if one_sentence(text) {
        return if text.is_empty() { vec![0] } else { vec![0, text.len()] };
    }
    if let Some(breaks) = plain_breaks(text) {
        return breaks;
    }
    SentenceSegmenter::new(SentenceBreakInvariantOptions::default()).segment_str(text).collect()
}

/// The Sentence_Break class of `c` (UAX #29), ASCII letters, digits and common punctuation
/// without a lookup. Letters and digits that only matter as "not a terminator" are `Other`
/// when that is all a caller needs (`cased: false`).
fn class_of(
    classes: icu_properties::CodePointMapDataBorrowed<'static, SentenceBreak>,
    c: char,
    cased: bool,
) -> SentenceBreak {
    match c {
        '.' => SentenceBreak::ATerm,
        '!' | '?' => SentenceBreak::STerm,
        '\n' => SentenceBreak::LF,
        '\r' => SentenceBreak::CR,
        ' ' | '\t' => SentenceBreak::Sp,
        'a'..='z' if cased => SentenceBreak::Lower,
        'A'..='Z' if cased => SentenceBreak::Upper,
        '0'..='9' if cased => SentenceBreak::Numeric,
        c if c.is_ascii_alphanumeric() => SentenceBreak::Other,
        c => classes.get(c),
    }
}

/// The sentence boundaries of `text` (as [`sentence_breaks`]) when every terminator in it is
/// followed by a run UAX #29 decides without looking further, else `None` (the segmenter
/// decides). A terminator run (`.`, `!`, `?` and others of Sentence_Break `ATerm`, `STerm`,
/// then closing punctuation, then spaces) is a boundary before:
/// - an uppercase or uncased letter (`Upper`, `OLetter`) after at least one space: no rule
///   from SB6 to SB10 keeps it (SB6 and SB7 need no space; SB8 needs a lowercase letter
///   next; SB8a a continuation or terminator), so SB11 breaks;
/// - any letter right after an `STerm` run (SB6 to SB8 are about `ATerm` only);
///
/// and no boundary before a lowercase letter after an `ATerm` and spaces (SB8). A text with
/// a paragraph separator, an `Extend` or `Format` character (SB5), or a terminator followed by
/// anything else (a digit, a quotation mark, another terminator after a space) is left to the
/// segmenter.
fn plain_breaks(text: &str) -> Option<Vec<usize>> {
    let classes = CodePointMapData::<SentenceBreak>::new();
    let mut chars = text.char_indices().map(|(i, c)| (i, class_of(classes, c, false))).peekable();
    let mut breaks = vec![0];
    while let Some((_, class)) = chars.next() {
        let mut last = match class {
            SentenceBreak::ATerm | SentenceBreak::STerm => class,
            SentenceBreak::Extend
            | SentenceBreak::Format
            | SentenceBreak::Sep
            | SentenceBreak::CR
            | SentenceBreak::LF => return None,
            _ => continue,
        };
        while let Some((_, t)) = chars.next_if(|&(_, c)| matches!(c, SentenceBreak::ATerm | SentenceBreak::STerm)) {
            last = t;
        }
        while chars.next_if(|&(_, c)| c == SentenceBreak::Close).is_some() {}
        let mut spaced = false;
        while chars.next_if(|&(_, c)| c == SentenceBreak::Sp).is_some() {
            spaced = true;
        }
        let Some(&(at, _)) = chars.peek() else { break };
        // The next character's class with case (the iterator reads letters as `Other`).
        let next = text[at..].chars().next().map_or(SentenceBreak::Other, |c| class_of(classes, c, true));
        let letter = matches!(next, SentenceBreak::Upper | SentenceBreak::OLetter);
        match (last, spaced) {
            (SentenceBreak::ATerm, true) if letter => breaks.push(at),
            (SentenceBreak::ATerm, true) if next == SentenceBreak::Lower => {}
            (SentenceBreak::STerm, _) if letter || next == SentenceBreak::Lower => breaks.push(at),
            _ => return None,
        }
    }
    if !text.is_empty() {
        breaks.push(text.len());
    }
    Some(breaks)
}

/// Whether UAX #29 finds no sentence boundary inside `text` (see [`sentence_breaks`]).
fn one_sentence(text: &str) -> bool {
    let classes = CodePointMapData::<SentenceBreak>::new();
    let class = |c: char| class_of(classes, c, false);
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
        let several = texts.iter().filter(|t| !one_sentence(t) && plain_breaks(t).is_some()).count();
        assert!(several > 20, "prose of several sentences is not segmented: {several} texts");
    }

    proptest::proptest! {
        /// Words of ASCII letters and digits with punctuation around and within them, and
        /// some non-ASCII: the fast path finds what unicode-segmentation finds.
        #[test]
        fn words_agree_with_unicode_segmentation(picks in proptest::collection::vec(0usize..24, 0..40)) {
            const PARTS: [&str; 24] = [
                "a", "Bc", "9", "x1", ".", ",", ";", ":", "'", "\"", "(", ")", "_", "-", "/", "@",
                " ", " ", "\t", "é", "日本", "\u{0301}", "\u{200D}", "\u{00A0}",
            ];
            let text: String = picks.iter().map(|&i| PARTS[i]).collect();
            let mut found = Vec::new();
            word_indices(&text, |at, word| found.push((at, word)));
            proptest::prop_assert_eq!(found, text.unicode_word_indices().collect::<Vec<_>>(), "{:?}", text);
        }

        /// Text of letters of every case and script, terminators, closing punctuation,
        /// spaces, digits, separators and combining marks: the fast paths agree with ICU4X.
        #[test]
        fn fast_paths_agree_with_the_segmenter(picks in proptest::collection::vec(0usize..36, 0..40)) {
            const PARTS: [&str; 36] = [
                "a", "b", "Z", "Q", "é", "É", "日", "ก", ".", ".", ".", "!", "?", "。", "।", " ", " ", " ",
                "\u{00A0}", "\t", ")", "\"", "”", "'", "1", "9", ",", ";", "\n", "\r", "\u{2029}",
                "\u{0301}", "\u{200D}", "-", "e.g.", "Word",
            ];
            let text: String = picks.iter().map(|&i| PARTS[i]).collect();
            let segmenter = SentenceSegmenter::new(SentenceBreakInvariantOptions::default());
            let expected: Vec<usize> = segmenter.segment_str(&text).collect();
            proptest::prop_assert_eq!(sentence_breaks(&text), expected, "{:?}", text);
        }
    }
}
