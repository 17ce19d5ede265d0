//! Text segmentation that search and the checker share: Unicode UAX #29 words
//! (unicode-segmentation) and sentences (ICU4X's `icu_segmenter`), with the common cases
//! found without running the segmenter. Each fast path gives exactly what the segmenter gives
//! (the tests compare them on the shipped site and on text of many scripts).

use icu_properties::props::SentenceBreak;
use icu_properties::{CodePointMapData, CodePointMapDataBorrowed};
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
    words_marked(text, |at, word, _| f(at, word));
}

/// [`word_indices`], telling `f` also whether the word is only ASCII letters and digits (found
/// without unicode-segmentation; a caller can then read it as bytes).
pub fn words_marked<'t>(text: &'t str, mut f: impl FnMut(usize, &'t str, bool)) {
    let edge = |b: &u8| b.is_ascii_punctuation() && *b != b'_';
    for token in text.split_ascii_whitespace() {
        let at = token.as_ptr() as usize - text.as_ptr() as usize;
        let bytes = token.as_bytes();
        let lead = bytes.iter().take_while(|b| edge(b)).count();
        let trail = bytes[lead..].iter().rev().take_while(|b| edge(b)).count();
        let core = &bytes[lead..bytes.len() - trail];
        if core.iter().all(u8::is_ascii_alphanumeric) {
            if !core.is_empty() {
                f(at + lead, &token[lead..token.len() - trail], true);
            }
        } else {
            for (offset, word) in token.unicode_word_indices() {
                f(at + offset, word, false);
            }
        }
    }
}

/// The sentence boundaries of `text` (UAX #29, ICU4X): byte offsets from 0 to `text.len()`,
/// both included, as `SentenceSegmenter::segment_str` gives them.
///
/// Most texts are not segmented: prose whose every sentence terminator is followed by what
/// UAX #29 decides without looking further ([`plain_breaks`]), which includes every text
/// that can only end in a sentence.
pub fn sentence_breaks(text: &str) -> Vec<usize> {
    if let Some(breaks) = plain_breaks(text) {
        return breaks;
    }
    SentenceSegmenter::new(SentenceBreakInvariantOptions::default()).segment_str(text).collect()
}

/// The Sentence_Break class (UAX #29) of the character at byte `at` of `text` and its
/// length; ASCII letters, digits, spaces and terminators without a lookup.
fn class_at(
    classes: CodePointMapDataBorrowed<'static, SentenceBreak>,
    text: &str,
    at: usize,
) -> (SentenceBreak, usize) {
    let class = match text.as_bytes()[at] {
        b'.' => SentenceBreak::ATerm,
        b'!' | b'?' => SentenceBreak::STerm,
        b'\n' => SentenceBreak::LF,
        b'\r' => SentenceBreak::CR,
        b' ' | b'\t' => SentenceBreak::Sp,
        b'a'..=b'z' => SentenceBreak::Lower,
        b'A'..=b'Z' => SentenceBreak::Upper,
        b'0'..=b'9' => SentenceBreak::Numeric,
        _ => {
            let c = text[at..].chars().next().unwrap_or(' ');
            return (classes.get(c), c.len_utf8());
        }
    };
    (class, 1)
}

/// The sentence boundaries of `text` (as [`sentence_breaks`]) when every terminator in it is
/// followed by a run UAX #29 decides without looking further, else `None` (the segmenter
/// decides). UAX #29 breaks only after a terminator (Sentence_Break `ATerm`, `STerm`) or a
/// paragraph separator (rules SB4 to SB11). After a terminator run (terminators, then closing
/// punctuation, then spaces) there is:
/// - no boundary inside the run (SB8a to SB10), and none when the run ends the text;
/// - a boundary before an uppercase or uncased letter (`Upper`, `OLetter`) after an `ATerm`
///   and at least one space: no rule from SB6 to SB10 holds (SB6 and SB7 need no space; SB8
///   a lowercase letter next; SB8a a continuation or terminator), so SB11 breaks;
/// - no boundary before a lowercase letter after an `ATerm` and spaces (SB8);
/// - a boundary before any letter after an `STerm` run (SB6 to SB8 are about `ATerm` only).
///
/// A paragraph separator anywhere, or a terminator run followed by anything else (no space
/// after an `ATerm`, a digit, a quotation mark, an `Extend` or `Format` character, which SB5
/// would attach to the run) is left to the segmenter.
fn plain_breaks(text: &str) -> Option<Vec<usize>> {
    use SentenceBreak as B;
    let classes = CodePointMapData::<SentenceBreak>::new();
    let bytes = text.as_bytes();
    let mut breaks = vec![0];
    // Between runs only terminators and separators matter. In ASCII text without line
    // breaks they are `.`, `!` and `?`, found with memchr; other text is read byte by byte.
    let plain_ascii = text.is_ascii() && memchr::memchr2(b'\n', b'\r', bytes).is_none();
    let mut at = 0;
    while at < bytes.len() {
        if plain_ascii {
            match memchr::memchr3(b'.', b'!', b'?', &bytes[at..]) {
                Some(skip) => at += skip,
                None => break,
            }
        } else if bytes[at] < 0x80 && !matches!(bytes[at], b'.' | b'!' | b'?' | b'\n' | b'\r') {
            at += 1;
            continue;
        }
        let (class, len) = class_at(classes, text, at);
        at += len;
        let mut last = match class {
            B::ATerm | B::STerm => class,
            B::Sep | B::CR | B::LF => return None,
            _ => continue,
        };
        let mut next = (at < bytes.len()).then(|| class_at(classes, text, at));
        while let Some((class @ (B::ATerm | B::STerm), len)) = next {
            last = class;
            at += len;
            next = (at < bytes.len()).then(|| class_at(classes, text, at));
        }
        while let Some((B::Close, len)) = next {
            at += len;
            next = (at < bytes.len()).then(|| class_at(classes, text, at));
        }
        let mut spaced = false;
        while let Some((B::Sp, len)) = next {
            spaced = true;
            at += len;
            next = (at < bytes.len()).then(|| class_at(classes, text, at));
        }
        let Some((next, _)) = next else { break };
        let letter = matches!(next, B::Upper | B::OLetter);
        match (last, spaced) {
            (B::ATerm, true) if letter => breaks.push(at),
            (B::ATerm, true) if next == B::Lower => {}
            (B::STerm, _) if letter || next == B::Lower => breaks.push(at),
            _ => return None,
        }
    }
    if !text.is_empty() {
        breaks.push(text.len());
    }
    Some(breaks)
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
        let (mut fast, mut several, texts) = (0, 0, texts());
        for text in &texts {
            let expected: Vec<usize> = segmenter.segment_str(text).collect();
            assert_eq!(sentence_breaks(text), expected, "{text:?}");
            let plain = plain_breaks(text);
            fast += usize::from(plain.is_some());
            several += usize::from(plain.is_some_and(|b| b.len() > 2));
        }
        assert!(fast * 3 > texts.len() * 2, "most lines are not segmented: {fast} of {}", texts.len());
        assert!(several > 20, "prose of several sentences is not segmented: {several} texts");
        assert_eq!(plain_breaks("Klaar. "), Some(vec![0, 7]));
        assert_eq!(plain_breaks("Klaar. Nu."), Some(vec![0, 7, 10]));
        assert_eq!(plain_breaks("Klaar. )"), None);
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
        fn fast_paths_agree_with_the_segmenter(picks in proptest::collection::vec(0usize..38, 0..40)) {
            const PARTS: [&str; 38] = [
                "a", "b", "Z", "Q", "é", "É", "日", "ก", ".", ".", ".", "!", "?", "。", "।", " ", " ", " ",
                "\u{00A0}", "\t", ")", "\"", "”", "'", "1", "9", ",", ";", "\n", "\r", "\u{2029}",
                "\u{0301}", "\u{200B}", "\u{200D}", "\u{00AD}", "-", "e.g.", "Word",
            ];
            let text: String = picks.iter().map(|&i| PARTS[i]).collect();
            let segmenter = SentenceSegmenter::new(SentenceBreakInvariantOptions::default());
            let expected: Vec<usize> = segmenter.segment_str(&text).collect();
            proptest::prop_assert_eq!(sentence_breaks(&text), expected, "{:?}", text);
        }
    }
}
