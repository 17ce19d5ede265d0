//! `partial-untranslated`: a sentence of a translation left in the source language.

use std::collections::HashMap;

use crate::check::sentences::{link_texts, normalized, sentences, Sentence};
use crate::check::{Context, Finding, Rule, Severity};

/// The rule.
pub const RULE: Rule = Rule {
    id: "partial-untranslated",
    severity: Severity::Warning,
    grades: &[],
    summary: "a sentence of a translation that is still the source text, or still in the source language",
    explanation: "What it finds: a sentence or a link text of a translated message (sentences as ICU4X \
segments them, Unicode UAX #29) that is one of its source's sentences, compared by words (case, whitespace and \
punctuation aside), or that a language identifier (whatlang, choosing between the source and the \
target language only) reads as the source language, from its common words (capitalized names and \
UI labels aside), many of them (40 %) taken from the source message. Do-not-translate terms, URLs, file \
names, code, numbers and placeables are not evidence, and a sentence needs at least four words of \
evidence (six common words, at least half of its words, for the language identifier). A message equal \
to its source as a whole is `untranslated`'s. The finding quotes the sentence.\n\
Why it matters: a list item that starts in English and goes on in Dutch passes every count-based \
rule, and reads as an error to everyone who opens the page.\n\
Example: nl `**View and share product support Access ID and Contract ID.** Nadat uw \
activeringsaanvraag is verwerkt, …`: the first sentence is the English one.",
    check,
};

/// Fewest evidence words for a sentence equal to a source sentence.
const MIN_WORDS_SAME: usize = 4;
/// Fewest common (lowercase) words for a sentence the language identifier reads.
const MIN_WORDS_DETECTED: usize = 6;
/// Least confidence of the language identifier.
const MIN_CONFIDENCE: f64 = 0.9;
/// Least share of a detected sentence's common words that occur in the source message.
const MIN_SOURCE_SHARE: f64 = 0.4;

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let terms = ctx.glossary();
    let mut detectors: HashMap<&str, Option<whatlang::Detector>> = HashMap::new();
    for pair in ctx.pairs() {
        if pair.source.value.split_whitespace().eq(pair.target.value.split_whitespace()) {
            continue; // `untranslated`
        }
        let target_markup = ctx.markup(pair.target);
        // Link texts (often the title of another page, left in the source language), then
        // sentences: a sentence around a reported link text is not reported again.
        let mut target = link_texts(&target_markup, terms);
        target.extend(sentences(&target_markup, terms));
        let mut reported: Vec<std::ops::Range<usize>> = Vec::new();
        if target.iter().all(|s| s.words.len() < MIN_WORDS_SAME) {
            continue;
        }
        let source_markups: Vec<_> = std::iter::once(pair.source).chain(pair.snapshot).map(|m| ctx.markup(m)).collect();
        let source: Vec<Sentence> = source_markups.iter().flat_map(|m| sentences(m, terms)).collect();
        let by_words: HashMap<String, &Sentence> = source.iter().map(|s| (normalized(s), s)).collect();
        let source_words: std::collections::HashSet<&str> =
            source.iter().flat_map(|s| s.words.iter().map(String::as_str)).collect();
        let detector = detectors.entry(pair.locale).or_insert_with(|| detector(ctx.source_locale(), pair.locale));
        for sentence in &target {
            let overlaps = |r: &std::ops::Range<usize>| r.start < sentence.range.end && sentence.range.start < r.end;
            let quoted = if sentence.words.len() < MIN_WORDS_SAME || reported.iter().any(overlaps) {
                continue;
            } else if let Some(english) = by_words.get(&normalized(sentence)) {
                format!(
                    "`{}` keeps a sentence of its {} source untranslated: “{}”",
                    pair.target.id,
                    ctx.source_locale(),
                    english.text
                )
            } else if sentence.common.len() >= MIN_WORDS_DETECTED
                && sentence.common.len() * 2 >= sentence.words.len()
                && share_in(&sentence.common, &source_words) >= MIN_SOURCE_SHARE
                && detector.as_ref().is_some_and(|d| reads_as_source(d, ctx.source_locale(), sentence))
            {
                format!(
                    "`{}` has a sentence in {} rather than {}: “{}”",
                    pair.target.id,
                    ctx.source_locale(),
                    pair.locale,
                    sentence.text
                )
            } else {
                continue;
            };
            reported.push(sentence.range.clone());
            out.push(ctx.finding(RULE.id, pair.file, pair.target.offset, Some(&pair.target.id), quoted));
        }
    }
}

/// The share of `words` found in `known`.
fn share_in(words: &[String], known: &std::collections::HashSet<&str>) -> f64 {
    words.iter().filter(|w| known.contains(w.as_str())).count() as f64 / words.len().max(1) as f64
}

/// A whatlang detector that chooses between the languages of `source` and `target`, or `None`
/// when whatlang knows either not, or both are one language.
fn detector(source: &str, target: &str) -> Option<whatlang::Detector> {
    let (s, t) = (whatlang_of(source)?, whatlang_of(target)?);
    (s != t).then(|| whatlang::Detector::with_allowlist(vec![s, t]))
}

/// Whether `detector` reads `sentence` as the language of `source`, confidently.
fn reads_as_source(detector: &whatlang::Detector, source: &str, sentence: &Sentence) -> bool {
    let Some(info) = detector.detect(&sentence.common.join(" ")) else {
        return false;
    };
    Some(info.lang()) == whatlang_of(source) && info.confidence() >= MIN_CONFIDENCE
}

/// whatlang's language for a BCP 47 tag (its language subtag, ISO 639-1 or 639-3).
fn whatlang_of(tag: &str) -> Option<whatlang::Lang> {
    let language = tag.split(['-', '_']).next()?.to_ascii_lowercase();
    let iso = match language.len() {
        2 => isolang::Language::from_639_1(&language)?,
        _ => isolang::Language::from_639_3(&language)?,
    };
    whatlang::Lang::from_code(iso.to_639_3())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_map_to_whatlang_languages() {
        assert_eq!(whatlang_of("nl"), Some(whatlang::Lang::Nld));
        assert_eq!(whatlang_of("de-AT"), Some(whatlang::Lang::Deu));
        assert_eq!(whatlang_of("hu"), Some(whatlang::Lang::Hun));
        assert_eq!(whatlang_of("en"), Some(whatlang::Lang::Eng));
        assert_eq!(whatlang_of("tlh"), None);
        assert!(detector("en", "en-GB").is_none());
    }
}
