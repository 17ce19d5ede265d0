//! `partial-untranslated`: a sentence of a translation left in the source language.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::check::markup::Markup;
use crate::check::sentences::{link_texts, words, Sentence};
use crate::check::{Context, Finding, Pair, PairText, Rule, Severity};

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
evidence (six common words, at least half of its words, for the language identifier, which does not \
read messages with select expressions). A message equal \
to its source as a whole is `untranslated`'s. One finding per message quotes the first such sentence \
and counts the others.\n\
Why it matters: a list item that starts in English and goes on in Dutch passes every count-based \
rule, and reads as an error to everyone who opens the page.\n\
Example: nl `**View and share product support Access ID and Contract ID.** Nadat uw \
activeringsaanvraag is verwerkt, …`: the first sentence is the English one.",
    check: crate::check::Check::Part(check),
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
    use rayon::prelude::*;
    // One language identifier per target locale, made before the pairs are read in parallel.
    let detectors: HashMap<&str, Option<whatlang::Detector>> =
        ctx.targets.iter().map(|l| (l.as_str(), detector(ctx.source_locale(), l))).collect();
    let found: Vec<Option<Finding>> = ctx
        .pairs()
        .par_iter()
        .map(|pair| check_pair(ctx, pair, detectors.get(pair.locale).and_then(Option::as_ref)))
        .collect();
    out.extend(found.into_iter().flatten());
}

/// The finding for one translated message, if a sentence of it is in the source language.
fn check_pair(ctx: &Context, pair: &Pair, detector: Option<&whatlang::Detector>) -> Option<Finding> {
    if pair.source.value.split_whitespace().eq(pair.target.value.split_whitespace()) {
        return None; // `untranslated`
    }
    let target_sentences = ctx.pair_sentences(pair, PairText::Target);
    let target_markup = ctx.pair_markup(pair, PairText::Target);
    // Link texts (often the title of another page, left in the source language), then
    // sentences: a sentence around a reported link text is not reported again.
    let links = link_texts(&target_markup, ctx.glossary());
    let target: Vec<&Sentence> = links.iter().chain(target_sentences.iter()).collect();
    if target.iter().all(|s| s.word_count < MIN_WORDS_SAME) {
        return None;
    }
    let sources: Vec<_> = std::iter::once(PairText::Source)
        .chain(pair.snapshot.map(|_| PairText::Reference))
        .map(|text| (ctx.pair_markup(pair, text), ctx.pair_sentences(pair, text)))
        .collect();
    // Source sentences: their words' fingerprint and count, and the text to quote (a message
    // has a few).
    let by_words: Vec<((u64, usize), &str)> =
        sources.iter().flat_map(|(m, ss)| ss.iter().map(move |s| ((s.fingerprint, s.word_count), s.text(m)))).collect();
    let known = SourceWords::new(&sources);
    let mut reported: Vec<std::ops::Range<usize>> = Vec::new();
    let mut quotes: Vec<String> = Vec::new();
    for sentence in target {
        let overlaps = |r: &std::ops::Range<usize>| r.start < sentence.range.end && sentence.range.start < r.end;
        if sentence.word_count < MIN_WORDS_SAME || reported.iter().any(overlaps) {
            continue;
        }
        let key = (sentence.fingerprint, sentence.word_count);
        let quoted = if let Some((_, english)) = by_words.iter().find(|(words, _)| *words == key) {
            format!(
                "`{}` keeps a sentence of its {} source untranslated: “{english}”",
                pair.target.id,
                ctx.source_locale()
            )
        } else if pair.target.selects.is_empty() // variant keys and selectors are not prose
            && sentence.common_count >= MIN_WORDS_DETECTED
            && sentence.common_count * 2 >= sentence.word_count
            && detected(ctx, &target_markup, sentence, &known, detector)
        {
            format!(
                "`{}` has a sentence in {} rather than {}: “{}”",
                pair.target.id,
                ctx.source_locale(),
                pair.locale,
                sentence.text(&target_markup)
            )
        } else {
            continue;
        };
        reported.push(sentence.range.clone());
        quotes.push(quoted);
    }
    // One finding per message, quoting the first sentence.
    let first = quotes.first()?;
    let message = match quotes.len() {
        1 => first.clone(),
        n => format!("{first}, and {} more", n - 1),
    };
    Some(ctx.finding(RULE.id, pair.file, pair.target.offset, Some(&pair.target.id), message))
}

/// The words of a message's source texts ([`Sentence::word_hashes`]), to count how many of a
/// translated sentence's words they hold: first through a 1,024-bit filter of their hashes
/// (one pass, nothing allocated: a word not in it is not the source's), then, when the
/// filter lets enough through, in the words sorted (a long message stays n log n).
struct SourceWords<'s> {
    sources: &'s [(Cow<'s, Markup>, Cow<'s, [Sentence]>)],
    filter: std::cell::OnceCell<[u64; 16]>,
    sorted: std::cell::OnceCell<Vec<u32>>,
}

impl<'s> SourceWords<'s> {
    fn new(sources: &'s [(Cow<'s, Markup>, Cow<'s, [Sentence]>)]) -> SourceWords<'s> {
        SourceWords { sources, filter: Default::default(), sorted: Default::default() }
    }

    fn hashes(&self) -> impl Iterator<Item = u32> + '_ {
        self.sources.iter().flat_map(|(_, ss)| ss.iter().flat_map(|s| s.word_hashes().iter().copied()))
    }

    /// Whether at least `least` of `words` are words of the source.
    fn hold(&self, words: &[u32], least: f64) -> bool {
        let filter = self.filter.get_or_init(|| {
            let mut bits = [0u64; 16];
            for h in self.hashes() {
                bits[(h as usize & 1023) / 64] |= 1 << (h & 63);
            }
            bits
        });
        let maybe = words.iter().filter(|&&h| filter[(h as usize & 1023) / 64] >> (h & 63) & 1 == 1).count();
        if (maybe as f64) < least {
            return false;
        }
        let sorted = self.sorted.get_or_init(|| {
            let mut words: Vec<u32> = self.hashes().collect();
            words.sort_unstable();
            words.dedup();
            words
        });
        words.iter().filter(|h| sorted.binary_search(h).is_ok()).count() as f64 >= least
    }
}

/// Whether the language identifier reads `sentence` (of the translation in `markup`) as the
/// source language, with enough of its common words taken from the source message.
fn detected(
    ctx: &Context,
    markup: &Markup,
    sentence: &Sentence,
    known: &SourceWords,
    detector: Option<&whatlang::Detector>,
) -> bool {
    let Some(detector) = detector else { return false };
    if !known.hold(sentence.common_hashes(), MIN_SOURCE_SHARE * sentence.common_count.max(1) as f64) {
        return false;
    }
    let Some(info) = detector.detect(&words(markup, sentence, ctx.glossary()).common) else {
        return false;
    };
    Some(info.lang()) == whatlang_of(ctx.source_locale()) && info.confidence() >= MIN_CONFIDENCE
}

/// A whatlang detector that chooses between the languages of `source` and `target`, or `None`
/// when whatlang knows either not, or both are one language.
fn detector(source: &str, target: &str) -> Option<whatlang::Detector> {
    let (s, t) = (whatlang_of(source)?, whatlang_of(target)?);
    (s != t).then(|| whatlang::Detector::with_allowlist(vec![s, t]))
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
