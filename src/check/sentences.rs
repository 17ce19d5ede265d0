//! Sentences of a message's visible text, the unit the sentence rules (`partial-untranslated`,
//! `omission`, `addition`) compare.
//!
//! Segmentation is ICU4X's (`icu_segmenter`, Unicode UAX #29 sentence boundaries) on the text a
//! reader sees ([`Markup::text`]: no Markdown syntax, no URLs). Each sentence carries its
//! *words*: the words that say which language it is in, once do-not-translate terms,
//! numbers, code, placeables and URLs are taken out. Its *anchors*, what a translation keeps
//! verbatim (numbers, link destinations, code spans, Fluent placeables), are read when
//! sentences are aligned ([`anchors`]).

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::markup::{Markup, SpanKind};
use crate::load::glossary::Glossary;

/// One sentence of a message (or another unit of its text, such as a link's text), read from
/// its [`Markup`]; its text is [`Sentence::text`] of that markup, its words [`words`].
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// Its bytes in [`Markup::text`], surrounding whitespace trimmed.
    pub range: Range<usize>,
    /// Its length for alignment: characters other than whitespace.
    pub length: usize,
    /// A 64-bit hash (FxHash) of its [`Sentence::word_hashes`]: two sentences with the same
    /// words, whatever their case and punctuation, have the same fingerprint.
    pub fingerprint: u64,
    /// How many evidence words it has.
    pub word_count: usize,
    /// How many of them are common words ([`Words::common`]).
    pub common_count: usize,
    /// [`Sentence::word_hashes`], then [`Sentence::common_hashes`] (one allocation: a check
    /// keeps every sentence of a part).
    hashes: Box<[u32]>,
}

/// A 32-bit hash of `word` lowercased (each character's Unicode lowercase mapping, in UTF-8):
/// the key [`Sentence::word_hashes`] holds. FNV-1a (64-bit) over those bytes, folded to 32
/// bits; byte by byte, so a scan hashes a word as it reads it.
pub fn word_hash(word: &str) -> u32 {
    let mut hash = Fnv::default();
    if word.is_ascii() {
        word.bytes().for_each(|b| hash.push(b.to_ascii_lowercase()));
    } else {
        let mut utf8 = [0u8; 4];
        for c in word.chars().flat_map(char::to_lowercase) {
            c.encode_utf8(&mut utf8).bytes().for_each(|b| hash.push(b));
        }
    }
    hash.finish()
}

/// FNV-1a, 64-bit (Fowler, Noll and Vo's offset basis and prime), folded to 32 bits.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn push(&mut self, byte: u8) {
        self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
    }

    fn finish(self) -> u32 {
        (self.0 ^ (self.0 >> 32)) as u32
    }
}

impl Sentence {
    /// Per evidence word, a 32-bit hash of it lowercased ([`word_hash`]), in order.
    pub fn word_hashes(&self) -> &[u32] {
        &self.hashes[..self.word_count]
    }

    /// The same of its common words.
    pub fn common_hashes(&self) -> &[u32] {
        &self.hashes[self.word_count..]
    }

    /// The sentence as the reader sees it, in the text of `markup` it was read from.
    pub fn text<'m>(&self, markup: &'m Markup) -> &'m str {
        markup.text.get(self.range.clone()).unwrap_or("")
    }
}

/// The words of a sentence, read again from its text when a rule needs them (a check keeps
/// only their [`Sentence::fingerprint`] and counts).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Words {
    /// The language evidence: lowercase words without do-not-translate terms, numbers, code,
    /// placeables, URLs, file names or e-mail addresses, joined by single spaces.
    pub words: String,
    /// The evidence words of two or more letters that start in lowercase, past the sentence's
    /// first word (common words, not names: documentation writes product and UI names
    /// capitalized; scripts without case have none), as written, joined by single spaces.
    pub common: String,
}

impl Words {
    /// The words of [`Words::words`].
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.words.split(' ').filter(|w| !w.is_empty())
    }

    /// The words of [`Words::common`].
    pub fn common(&self) -> impl Iterator<Item = &str> {
        self.common.split(' ').filter(|w| !w.is_empty())
    }
}

/// The words of `sentence`, read from `markup` (the one it was read from) with the same `terms`.
pub fn words(markup: &Markup, sentence: &Sentence, terms: &Glossary) -> Words {
    let reader = Reader::new(markup, terms);
    let mut out = Words::default();
    scan(&reader.evidence(sentence.range.clone()), |word, common, _| {
        if !out.words.is_empty() {
            out.words.push(' ');
        }
        out.words.extend(word.chars().flat_map(char::to_lowercase));
        if common {
            if !out.common.is_empty() {
                out.common.push(' ');
            }
            out.common.push_str(word);
        }
    });
    out
}

/// Calls `f` with each evidence word of `evidence` (letters only, not part of a URL, host or
/// file name), whether it is a common word, and its [`word_hash`].
///
/// Words are UAX #29's ([`crate::segment::words_marked`]). ASCII text is read in one pass: a
/// whitespace-separated token of letters with only punctuation around it is one word, hashed
/// as it is read; a token with anything else inside goes to the segmenter.
fn scan(evidence: &str, mut f: impl FnMut(&str, bool, u32)) {
    if !evidence.is_ascii() {
        return scan_segmented(evidence, f);
    }
    let mut found = Found { evidence, count: 0 };
    let bytes = evidence.as_bytes();
    let class = |at: usize| bytes.get(at).map_or(Class::Space, |&b| CLASSES[usize::from(b)]);
    let mut at = 0;
    while at < bytes.len() {
        if class(at) == Class::Space {
            at += 1;
            continue;
        }
        let token = at;
        while class(at) == Class::Edge {
            at += 1;
        }
        let (start, mut hash, mut letters) = (at, Fnv::default(), true);
        while let Some(&b) = bytes.get(at) {
            match LOWERCASE[usize::from(b)] {
                0 if b.is_ascii_digit() => letters = false,
                0 => break,
                lower => hash.push(lower),
            }
            at += 1;
        }
        let end = at;
        while class(at) == Class::Edge {
            at += 1;
        }
        if class(at) != Class::Space {
            // Punctuation or another character inside the token: UAX #29 decides.
            let close = at + bytes[at..].iter().position(u8::is_ascii_whitespace).unwrap_or(bytes.len() - at);
            for (_, word) in evidence[token..close].unicode_word_indices() {
                found.word(word, true, &mut f);
            }
            at = close;
            continue;
        }
        // A word of letters only is evidence. Standing between whitespace it is no part of a
        // URL; else the neighbours say.
        if letters && start < end {
            let word = &evidence[start..end];
            if (token == start && end == at) || !url_like(evidence, word) {
                f(word, found.count > 0 && end - start > 1 && bytes[start].is_ascii_lowercase(), hash.finish());
                found.count += 1;
            }
        }
    }
}

/// ASCII letters lowercased by byte, 0 for any other byte.
const LOWERCASE: [u8; 256] = {
    let mut lower = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphabetic() {
            lower[b] = (b as u8).to_ascii_lowercase();
        }
        b += 1;
    }
    lower
};

/// [`scan`] of any text: each word the segmenter finds is read on its own.
fn scan_segmented(evidence: &str, mut f: impl FnMut(&str, bool, u32)) {
    let mut found = Found { evidence, count: 0 };
    crate::segment::words_marked(evidence, |_, word, ascii| found.word(word, ascii, &mut f));
}

/// How a byte takes part in a token of [`scan`]'s one pass (letters are told by
/// [`LOWERCASE`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// ASCII whitespace (as `u8::is_ascii_whitespace`): between tokens.
    Space,
    /// ASCII punctuation other than `_`: it joins a word only between letters or digits (UAX
    /// #29), so at a token's edge it is not part of the word.
    Edge,
    /// Anything else: letters, digits, `_`, controls, bytes past ASCII.
    Other,
}

/// [`Class`] by byte.
const CLASSES: [Class; 256] = {
    let mut classes = [Class::Other; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        classes[b] = if byte.is_ascii_whitespace() {
            Class::Space
        } else if byte.is_ascii_punctuation() && byte != b'_' {
            Class::Edge
        } else {
            Class::Other
        };
        b += 1;
    }
    classes
};

/// What [`scan`] reads: the evidence, and how many evidence words it found so far.
struct Found<'e> {
    evidence: &'e str,
    count: usize,
}

impl Found<'_> {
    /// Passes `word` (a UAX #29 word of the evidence; `ascii` when known to be ASCII) to `f`
    /// when it is evidence.
    fn word(&mut self, word: &str, ascii: bool, f: &mut impl FnMut(&str, bool, u32)) {
        let letters = match ascii || word.is_ascii() {
            true => word.bytes().all(|b| b.is_ascii_alphabetic()),
            false => word.chars().all(char::is_alphabetic),
        };
        if !letters || url_like(self.evidence, word) {
            return;
        }
        let mut chars = word.chars();
        let common = self.count > 0 && chars.next().is_some_and(char::is_lowercase) && chars.next().is_some();
        f(word, common, word_hash(word));
        self.count += 1;
    }
}

/// Every word of `text` of four or more characters, lowercase, sorted, without repeats: the
/// names, terms and cognates a translation may share with its source, for alignment.
pub fn tokens(text: &str) -> Vec<String> {
    let mut tokens: Vec<String> =
        text.unicode_words().filter(|w| w.chars().count() >= 4).map(str::to_lowercase).collect();
    tokens.sort();
    tokens.dedup();
    tokens
}

/// The sentences of `markup`'s visible text, in order; `terms` are the do-not-translate terms
/// (they are not language evidence). Runs without a letter or digit are not sentences.
pub fn sentences(markup: &Markup, terms: &Glossary) -> Vec<Sentence> {
    units(markup, segments(markup), terms)
}

/// Where the sentences of `markup`'s visible text are, as byte ranges, without reading them
/// (cheap: a rule that needs only their number asks this first).
pub fn segments(markup: &Markup) -> Vec<Range<usize>> {
    let text = markup.text.as_str();
    crate::segment::sentence_breaks(text)
        .windows(2)
        .filter_map(|pair| {
            let part = &text[pair[0]..pair[1]];
            let start = pair[0] + (part.len() - part.trim_start().len());
            let end = pair[0] + part.trim_end().len();
            (start < end && text[start..end].chars().any(char::is_alphanumeric)).then_some(start..end)
        })
        .collect()
}

/// The sentences of `markup` at `segments` (from [`segments`]).
pub fn units(markup: &Markup, segments: Vec<Range<usize>>, terms: &Glossary) -> Vec<Sentence> {
    let reader = Reader::new(markup, terms);
    segments.into_iter().filter_map(|range| reader.unit(range)).collect()
}

/// The link texts of `markup` as units like sentences (a link's text is often a title, in
/// a language of its own).
pub fn link_texts(markup: &Markup, terms: &Glossary) -> Vec<Sentence> {
    if !markup.spans.iter().any(|s| matches!(s.kind, SpanKind::Link(_))) {
        return Vec::new();
    }
    let reader = Reader::new(markup, terms);
    markup
        .spans
        .iter()
        .filter(|s| matches!(s.kind, SpanKind::Link(_)))
        .filter_map(|s| reader.unit(s.text.clone()))
        .collect()
}

/// Reads units of one message's visible text.
struct Reader<'m> {
    markup: &'m Markup,
    /// Placeables of the text, by byte range.
    placeables: Vec<Range<usize>>,
    /// The text with code and placeables blanked (same byte offsets): what evidence is read
    /// from.
    blanked: std::borrow::Cow<'m, str>,
    /// The do-not-translate terms, taken out of a unit's evidence.
    terms: &'m Glossary,
}

impl<'m> Reader<'m> {
    /// A reader of `markup`'s text; occurrences of `terms` are not evidence.
    fn new(markup: &'m Markup, terms: &'m Glossary) -> Reader<'m> {
        let placeables = placeables(&markup.text);
        let mut blanked = std::borrow::Cow::Borrowed(markup.text.as_str());
        let code = markup.spans.iter().filter(|s| s.kind == SpanKind::Code).map(|s| s.text.clone());
        for r in code.chain(placeables.iter().cloned()) {
            blank(blanked.to_mut(), r);
        }
        Reader { markup, placeables, blanked, terms }
    }

    /// The text of `range` with code and placeables blanked and do-not-translate terms
    /// taken out (each occurrence, leftmost-longest, becomes a space): what words are read
    /// from.
    fn evidence(&self, range: Range<usize>) -> std::borrow::Cow<'_, str> {
        let text = self.blanked.get(range).unwrap_or("");
        let covered = self.terms.covered(text);
        if covered.is_empty() {
            return std::borrow::Cow::Borrowed(text);
        }
        let mut evidence = String::with_capacity(text.len());
        let mut at = 0;
        // A term is whole characters, so each occurrence starts and ends between two.
        for r in covered {
            evidence.push_str(text.get(at..r.start).unwrap_or(""));
            evidence.push(' ');
            at = r.end;
        }
        evidence.push_str(text.get(at..).unwrap_or(""));
        std::borrow::Cow::Owned(evidence)
    }

    /// The unit of bytes `raw` of the text, surrounding whitespace trimmed; `None` without a
    /// letter or digit.
    fn unit(&self, raw: Range<usize>) -> Option<Sentence> {
        let text = self.markup.text.as_str();
        let part = text.get(raw.clone())?;
        let start = raw.start + (part.len() - part.trim_start().len());
        let end = raw.start + part.trim_end().len();
        if start >= end || !text[start..end].chars().any(char::is_alphanumeric) {
            return None;
        }
        let range = start..end;
        // Gathered in this thread's buffers, then copied at their size: a check keeps every
        // sentence of a part, and vectors grown by pushing are up to twice that.
        thread_local! {
            static HASHES: std::cell::RefCell<(Vec<u32>, Vec<u32>)> = Default::default();
        }
        let (hashes, word_count) = HASHES.with_borrow_mut(|(words, common)| {
            words.clear();
            common.clear();
            scan(&self.evidence(range.clone()), |_, is_common, hash| {
                words.push(hash);
                if is_common {
                    common.push(hash);
                }
            });
            let word_count = words.len();
            words.extend_from_slice(common);
            (Box::<[u32]>::from(words.as_slice()), word_count)
        });
        let mut hasher = rustc_hash::FxHasher::default();
        std::hash::Hash::hash_slice(&hashes[..word_count], &mut hasher);
        let fingerprint = std::hash::Hasher::finish(&hasher);
        Some(Sentence {
            length: visible_length(&text[range.clone()]),
            range,
            fingerprint,
            word_count,
            common_count: hashes.len() - word_count,
            hashes,
        })
    }

    /// The anchors of the unit at bytes `range` of the text (see [`anchors`]).
    fn anchors(&self, range: Range<usize>) -> Vec<String> {
        let (markup, text) = (self.markup, self.markup.text.as_str());
        let inside = |r: &Range<usize>| r.start >= range.start && r.start < range.end;
        let mut anchors: Vec<String> = Vec::new();
        for r in self.placeables.iter().filter(|r| inside(r)) {
            anchors.push(text[r.clone()].split_whitespace().collect::<Vec<_>>().join(" "));
        }
        for span in markup.spans.iter().filter(|s| inside(&s.text)) {
            match &span.kind {
                SpanKind::Link(dest) => anchors.push(["link:", dest].concat()),
                SpanKind::Code => anchors.push(["code:", markup.span_text(span)].concat()),
                _ => {}
            }
        }
        // Code and placeables are blank here: their digits are not the text's numbers.
        if let Some(blanked) = self.blanked.get(range) {
            anchors.extend(digit_runs(blanked).map(|n| ["n:", n].concat()));
        }
        anchors.sort();
        anchors
    }
}

/// Per sentence of `sentences` (read from `markup`), what a translation keeps verbatim,
/// sorted: `n:` digit runs, `link:` destinations of links that start in it, `code:` code
/// spans, `{…}` placeables. Read when sentences are aligned, not with every sentence.
pub fn anchors(markup: &Markup, sentences: &[Sentence]) -> Vec<Vec<String>> {
    let terms = Glossary::default(); // anchors are read from the text terms included
    let reader = Reader::new(markup, &terms);
    sentences.iter().map(|s| reader.anchors(s.range.clone())).collect()
}

/// The characters of `text` other than whitespace (Unicode White_Space).
pub fn visible_length(text: &str) -> usize {
    let bytes = text.as_bytes();
    if !text.is_ascii() {
        return text.chars().filter(|c| !c.is_whitespace()).count();
    }
    // ASCII White_Space: space, and tab to carriage return (rare in a message's text).
    let breaks = match any_byte(bytes, |b| matches!(b, b'\t'..=b'\r')) {
        true => bytes.iter().filter(|b| matches!(b, b'\t'..=b'\r')).count(),
        false => 0,
    };
    bytes.len() - bytecount::count(bytes, b' ') - breaks
}

/// Whether a byte of `bytes` is one `is` holds for: read in blocks of 64 without an early
/// exit inside a block, which the compiler turns into vector instructions.
pub(crate) fn any_byte(bytes: &[u8], is: impl Fn(u8) -> bool) -> bool {
    bytes.chunks(64).any(|block| block.iter().fold(false, |any, &b| any | is(b)))
}

/// Whether `text` has a sentence terminator (the Unicode property Sentence_Terminal, through
/// ICU4X: `.`, `!`, `?`, `。`, `।`, `؟`, …). Without one the segmenter cannot find a
/// text's sentences (Thai, Lao and Khmer separate them by spaces), so sentence counts of it
/// say nothing.
pub fn has_terminator(text: &str) -> bool {
    if text.contains(['.', '!', '?']) {
        return true;
    }
    let terminators = icu_properties::CodePointSetData::new::<icu_properties::props::SentenceTerminal>();
    text.chars().any(|c| terminators.contains(c))
}

/// Fluent placeables left in the visible text (`{ $count }`), by byte range.
fn placeables(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if memchr::memchr(b'{', text.as_bytes()).is_none() {
        return out;
    }
    let mut open = None;
    for (i, c) in text.char_indices() {
        match c {
            '{' if open.is_none() => open = Some(i),
            '}' => {
                if let Some(start) = open.take() {
                    out.push(start..i + 1);
                }
            }
            _ => {}
        }
    }
    out
}

/// Replaces the characters of `range` in `text` with spaces (byte offsets are kept).
fn blank(text: &mut String, range: Range<usize>) {
    if let Some(part) = text.get(range.clone()) {
        let spaces = " ".repeat(part.len());
        text.replace_range(range, &spaces);
    }
}

/// Runs of ASCII digits in `text`.
pub(crate) fn digit_runs(text: &str) -> impl Iterator<Item = &str> {
    // Digits are ASCII, so a run never starts or ends inside another character.
    let bytes = text.as_bytes();
    let mut at = if any_byte(bytes, |b| b.is_ascii_digit()) { 0 } else { bytes.len() };
    std::iter::from_fn(move || {
        let start = at + bytes[at..].iter().position(u8::is_ascii_digit)?;
        let end = start + bytes[start..].iter().take_while(|b| b.is_ascii_digit()).count();
        at = end;
        text.get(start..end)
    })
}

/// Whether `word` (a slice of `text`) belongs to a URL, host name, path or address: touching
/// `.`, `/`, `@` or `:` followed by a word character.
fn url_like(text: &str, word: &str) -> bool {
    let start = word.as_ptr() as usize - text.as_ptr() as usize;
    let end = start + word.len();
    // Most words stand between spaces (or the text's edges).
    let bytes = text.as_bytes();
    let free = |b: Option<&u8>| b.is_none_or(|b| b.is_ascii_whitespace());
    if free(start.checked_sub(1).and_then(|i| bytes.get(i))) && free(bytes.get(end)) {
        return false;
    }
    let joined = |c: Option<char>, next: Option<char>| {
        matches!(c, Some('/' | '@' | '\\' | '_'))
            || (matches!(c, Some('.' | ':')) && next.is_some_and(char::is_alphanumeric))
    };
    let mut before = text[..start].chars().rev();
    let (b1, b2) = (before.next(), before.next());
    let mut after = text[end..].chars();
    let (a1, a2) = (after.next(), after.next());
    joined(a1, a2) || joined(b1, b2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary(terms: &[&str]) -> Glossary {
        Glossary::new(terms.iter().map(|t| t.to_string()).collect()).unwrap()
    }

    fn of(value: &str) -> Vec<(String, Vec<String>, Vec<String>)> {
        let m = Markup::of(value);
        let found = sentences(&m, &glossary(&["Partner Center"]));
        found
            .iter()
            .zip(anchors(&m, &found))
            .map(|(s, anchors)| {
                let words = words(&m, s, &glossary(&["Partner Center"]));
                (s.text(&m).to_string(), anchors, words.words().map(str::to_string).collect())
            })
            .collect()
    }

    #[test]
    fn sentences_with_anchors_and_evidence() {
        let found = of("Open the **Partner Center** [dashboard](https://d.example). You have { $count } incidents, see aka.ms/n-1 and `tolk check`.");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, "Open the Partner Center dashboard.");
        assert_eq!(found[0].1, ["link:https://d.example"]);
        assert_eq!(found[0].2, ["open", "the", "dashboard"]);
        assert_eq!(found[1].1, ["code:tolk check", "n:1", "{ $count }"]);
        assert_eq!(found[1].2, ["you", "have", "incidents", "see", "and"]);
        let m = Markup::of("Cloud competencies include: Security Competency, Cloud Platform and more.");
        let s = &sentences(&m, &Glossary::default())[0];
        assert_eq!(words(&m, s, &Glossary::default()).common, "competencies include and more");
        assert_eq!((s.word_count, s.common_count), (9, 4));
        assert_eq!(s.common_hashes()[0], word_hash("Competencies"));
        assert_eq!(s.word_hashes()[0], word_hash("cloud"));
        let same = Markup::of("cloud COMPETENCIES include: security competency, cloud platform, and more!");
        assert_eq!(sentences(&same, &Glossary::default())[0].fingerprint, s.fingerprint, "case and punctuation aside");
        assert_eq!(tokens("Open the Partner portal, the portal"), ["open", "partner", "portal"]);
    }

    #[test]
    fn the_longest_term_is_taken_out_of_the_evidence() {
        let m = Markup::of("Open Azure DevOps pipelines in Azure now.");
        let terms = glossary(&["Azure", "Azure DevOps", "Power BI"]);
        let found = sentences(&m, &terms);
        assert_eq!(words(&m, &found[0], &terms).words, "open pipelines in now", "DevOps is part of a term");
        assert_eq!(found[0].word_count, 4);
        assert_eq!(found[0].fingerprint, sentences(&Markup::of("Open pipelines in now."), &terms)[0].fingerprint);
    }

    proptest::proptest! {
        /// ASCII words with punctuation around and inside them, URLs, digits and every kind
        /// of ASCII whitespace: the one-pass scan finds the words, common words and hashes
        /// the segmenter's words give.
        #[test]
        fn the_ascii_scan_reads_what_the_segmenter_finds(picks in proptest::collection::vec(0usize..30, 0..40)) {
            const PARTS: [&str; 30] = [
                "a", "Bc", "xyz", "Q", "9", "x1", ".", ",", ";", ":", "'", "\"", "(", ")", "_", "-",
                "/", "@", "\\", " ", " ", "\t", "\n", "\u{0B}", "\u{0C}", "\r", "http://a.b", "e.g.", "word", "**",
            ];
            let text: String = picks.iter().map(|&i| PARTS[i]).collect();
            let (mut fast, mut segmented) = (Vec::new(), Vec::new());
            scan(&text, |w, common, hash| fast.push((w.to_string(), common, hash)));
            scan_segmented(&text, |w, common, hash| segmented.push((w.to_string(), common, hash)));
            proptest::prop_assert_eq!(fast, segmented, "{:?}", text);
        }
    }

    #[test]
    fn word_hashes_ignore_case_in_every_script() {
        assert_eq!(word_hash("Partner"), word_hash("partner"));
        assert_eq!(word_hash("ÉVENTE"), word_hash("évente"));
        assert_ne!(word_hash("partner"), word_hash("partners"));
        let mut found = Vec::new();
        scan("Open the Partner portal", |w, _, hash| found.push((w.to_string(), hash)));
        assert_eq!(found[2], ("Partner".to_string(), word_hash("partner")), "the scan hashes as word_hash does");
    }

    #[test]
    fn visible_length_counts_what_is_not_white_space() {
        for text in
            ["", " ", "a b", "Klaar.  Nu\tdan\n\u{0B}\u{0C}\r x", "Tíz\u{00A0}incidens \u{3000}év", "ab\u{2028}c"]
        {
            assert_eq!(visible_length(text), text.chars().filter(|c| !c.is_whitespace()).count(), "{text:?}");
        }
    }

    #[test]
    fn digit_runs_are_the_runs_of_ascii_digits() {
        let runs: Vec<&str> = digit_runs("a1 22b,333é4 ٣5").collect();
        assert_eq!(runs, ["1", "22", "333", "4", "5"]);
        assert_eq!(digit_runs("").count(), 0);
        assert_eq!(digit_runs("no digits").count(), 0);
    }

    #[test]
    fn terminators_of_every_script() {
        assert!(has_terminator("Klaar."));
        assert!(has_terminator("完了しました。"));
        assert!(has_terminator("हो गया।"));
        assert!(!has_terminator("มีหลายวิธีที่จะเดินหน้า ตามหลักการ"));
    }

    #[test]
    fn punctuation_only_runs_are_not_sentences() {
        assert_eq!(of("Step 2. …").len(), 1);
        assert!(of("").is_empty());
    }

    #[test]
    fn questions_and_exclamations_end_sentences_but_abbreviations_and_hosts_do_not() {
        let found = of("Is it ready? Yes! See e.g. the files on example.com for details.");
        let texts: Vec<&str> = found.iter().map(|s| s.0.as_str()).collect();
        assert_eq!(texts, ["Is it ready?", "Yes!", "See e.g. the files on example.com for details."]);
    }
}
