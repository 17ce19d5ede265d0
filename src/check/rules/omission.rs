//! `omission` and `addition`: a source sentence the translation leaves out, and a sentence of
//! the translation that no source sentence accounts for, found by aligning the two texts'
//! sentences ([`crate::check::align`]).

use std::collections::HashMap;

use crate::check::align::{align, deviation, length_ratio, margin, Bead, Side, Text};
use crate::check::markup::Markup;
use crate::check::sentences::{has_terminator, Sentence};
use crate::check::{Check, Context, Finding, Pair, PairText, Rule, Severity};

/// `omission`.
pub const OMISSION: Rule = Rule {
    id: "omission",
    severity: Severity::Warning,
    grades: &[],
    summary: "a sentence of the source text that the translation leaves out",
    explanation: "What it finds: a sentence of the source text a translation was made from (its source \
snapshot, else today's source) that has no counterpart in the translation. The sentences of both \
are aligned (Gale & Church's length-based alignment, with the numbers, links, code and placeables \
each sentence keeps as anchors; the length ratio is calibrated per locale from the site's own \
translations), and a source sentence aligned with nothing is reported only with clear evidence: \
the translation has fewer sentences, the sentence has at least four words, nothing else in the \
message is unaccounted for, and either the translation is shorter by about that sentence's length \
(two standard deviations of the length model, and half that without the sentence) or it lacks \
that sentence's numbers, links or code entirely. Messages with select expressions and \
texts with no sentence terminator (Thai, Lao, Khmer separate sentences by spaces) are not aligned. \
The finding quotes the sentence.\n\
Why it matters: a dropped sentence is often a step or a condition; the page reads fine and says \
less. When the source changed after translation, `stale-translation` reports it; this rule finds \
the sentence that was never translated.\n\
Example: en `If your support contract is already associated, you see incidents. If you need to \
associate it, expand … and select Add. Expand … to see Partner Signature information.`, hu with \
the first and third sentence only.",
    check: Check::Calibrated,
};

/// `addition`.
pub const ADDITION: Rule = Rule {
    id: "addition",
    severity: Severity::Info,
    grades: &[],
    summary: "a sentence of the translation that no sentence of the source text accounts for",
    explanation: "What it finds: the mirror of `omission`: a sentence of a translation aligned with no \
sentence of its source text, when the translation has more sentences, the sentence has at least \
four words, and the translation is longer by about that sentence's length (two standard \
deviations of the length model, and half that without the sentence; a translation that \
splits a sentence in two is not longer). Messages with select expressions and texts with no \
sentence terminator (Thai, Lao, Khmer) are not aligned. The finding quotes the sentence.\n\
Why it matters: an added sentence can be a translator's helpful note, or text pasted into the \
wrong message, or a leftover of an older source text; a reviewer should read it.\n\
Example: en `Select Billing to see your invoices.`, nl `Selecteer Facturering om uw facturen te zien. \
Neem contact op met support als er iets ontbreekt.`",
    check: Check::Calibrated,
};

/// Fewest words of a sentence reported as left out or added.
const MIN_WORDS: usize = 4;
/// Least deviation of a text's length from the expected one (in standard deviations of Gale &
/// Church's model) that counts as evidence of a sentence left out or added.
const MIN_DEVIATION: f64 = 2.0;
/// Least evidence that the sentence, and not a neighbour, is the unaligned one: how much
/// costlier (in −ln probability) the best alignment that pairs it is.
const MIN_MARGIN: f64 = 1.5;
/// Fewest translated messages of a locale to calibrate its length ratio from.
const MIN_CALIBRATION: usize = 20;

/// What both rules read of one pair: the sentences of the reference and of the translation,
/// and their alignment.
struct Aligned<'m> {
    source: Text<'m>,
    target: Text<'m>,
    /// The markups the sentences were read from (source, target), for quoting.
    markups: (&'m Markup, &'m Markup),
    beads: Vec<Bead>,
    ratio: f64,
}

/// What one part of the site gives both rules ([`collect`]): the length ratios of its
/// translations, and the messages that may leave a sentence out or add one. Their alignment
/// waits for the length ratio of the whole site ([`decide`]). Parts are merged with
/// [`Calibration::merge`].
#[derive(Default)]
pub struct Calibration {
    /// Per target locale: each translation's length per character of its source text.
    samples: HashMap<String, Vec<f64>>,
    /// The messages to align, in pair order.
    candidates: Vec<Candidate>,
}

/// A translated message whose sentence counts differ from its source text's, with what its
/// alignment and findings need (owned: the part it was read from is dropped).
struct Candidate {
    /// The target locale.
    locale: String,
    /// The finding about the translation's id, without its rule and message yet (detached).
    at: Finding,
    /// The translation's id.
    id: String,
    /// The reference text's markup and sentences.
    source: (Markup, Vec<Sentence>),
    /// The translation's markup and sentences.
    target: (Markup, Vec<Sentence>),
}

impl Calibration {
    /// Adds `other` (a later part) to this one.
    pub fn merge(&mut self, other: Calibration) {
        for (locale, samples) in other.samples {
            self.samples.entry(locale).or_default().extend(samples);
        }
        self.candidates.extend(other.candidates);
    }

    /// Per target locale: the median length of a translation per source character (1 for a
    /// locale with fewer than [`MIN_CALIBRATION`] translations to learn from). The samples are
    /// used up (a large site has millions).
    pub fn ratios(&mut self) -> HashMap<String, f64> {
        std::mem::take(&mut self.samples).into_iter().map(|(l, r)| (l, length_ratio(r, MIN_CALIBRATION))).collect()
    }
}

/// The length samples and candidate messages of the part of the site `ctx` checks (in
/// parallel; candidates kept in pair order).
pub fn collect(ctx: &Context) -> Calibration {
    use rayon::prelude::*;
    let parts: Vec<Calibration> = ctx
        .pairs()
        .par_chunks(crate::check::PAIRS_PER_TASK)
        .map(|chunk| {
            let mut part = Calibration::default();
            for pair in chunk {
                sample(ctx, pair, &mut part);
            }
            part
        })
        .collect();
    let mut all = Calibration::default();
    for part in parts {
        all.merge(part);
    }
    all
}

/// Adds `pair`'s length sample and, when its sentences may be aligned, the pair as a candidate.
fn sample(ctx: &Context, pair: &Pair, out: &mut Calibration) {
    let (sm, tm) = (ctx.pair_markup(pair, PairText::Reference), ctx.pair_markup(pair, PairText::Target));
    let source = ctx.pair_sentences(pair, PairText::Reference);
    let (ls, lt) = (total(&source), crate::check::sentences::visible_length(&tm.text) as f64);
    if ls >= 20.0 && lt > 0.0 {
        match out.samples.get_mut(pair.locale) {
            Some(samples) => samples.push(lt / ls),
            None => {
                out.samples.insert(pair.locale.to_string(), vec![lt / ls]);
            }
        }
    }
    let reference = pair.snapshot.unwrap_or(pair.source);
    // Variants of a select expression are alternatives, not consecutive sentences.
    if !reference.selects.is_empty() || !pair.target.selects.is_empty() {
        return;
    }
    let target = ctx.pair_sentences(pair, PairText::Target);
    let (n, m) = (source.len(), target.len());
    // Only these are aligned: `omission` needs fewer target sentences, `addition` more.
    if n + m < 3 || n == 0 || m == 0 || n == m {
        return;
    }
    // Sentences the segmenter cannot see are not missing.
    if !has_terminator(&sm.text) || !has_terminator(&tm.text) {
        return;
    }
    let mut at = ctx.finding("", pair.file, pair.target.offset, Some(&pair.target.id), String::new());
    at.detach(true);
    out.candidates.push(Candidate {
        locale: pair.locale.to_string(),
        at,
        id: pair.target.id.clone(),
        source: (sm.into_owned(), source.into_owned()),
        target: (tm.into_owned(), target.into_owned()),
    });
}

/// Aligns every candidate of `calibration` with its locale's length ratio in `ratios` (the
/// whole site's; 1 for a locale it lacks) and returns the findings of `omission` and of
/// `addition`, in candidate order.
pub fn decide(
    calibration: &Calibration,
    ratios: &HashMap<String, f64>,
    source_locale: &str,
) -> (Vec<Finding>, Vec<Finding>) {
    use rayon::prelude::*;
    let found: Vec<(Vec<Finding>, Vec<Finding>)> = calibration
        .candidates
        .par_iter()
        .map(|c| {
            let ratio = ratios.get(&c.locale).copied().unwrap_or(1.0);
            let (source, target) = (Text::new(&c.source.0, &c.source.1), Text::new(&c.target.0, &c.target.1));
            let beads = align(&source, &target, ratio);
            let a = Aligned { source, target, markups: (&c.source.0, &c.target.0), beads, ratio };
            let quote = |rule: &Rule, (before, after): (&str, &str), sentence: &str| {
                let mut finding = c.at.clone();
                finding.rule = rule.id;
                finding.message = format!("`{}` {before} {source_locale} {after}: “{sentence}”", c.id);
                finding
            };
            let (mut omissions, mut additions) = (Vec::new(), Vec::new());
            if c.target.1.len() < c.source.1.len() {
                omitted(&a, &mut |s| omissions.push(quote(&OMISSION, ("leaves out a sentence of its", "source"), s)));
            } else {
                added(&a, &mut |s| additions.push(quote(&ADDITION, ("has a sentence its", "source does not"), s)));
            }
            (omissions, additions)
        })
        .collect();
    let (mut omissions, mut additions) = (Vec::new(), Vec::new());
    for (o, a) in found {
        omissions.extend(o);
        additions.extend(a);
    }
    (omissions, additions)
}

/// Calls `report` with each source sentence of `a` aligned with nothing, with clear evidence.
fn omitted(a: &Aligned, report: &mut dyn FnMut(&str)) {
    if a.beads.iter().any(|b| b.source.is_empty()) {
        return;
    }
    let (ls, lt) = (total(a.source.sentences), total(a.target.sentences));
    for bead in a.beads.iter().filter(|b| b.target.is_empty()) {
        for (k, left_out) in a.source.sentences.iter().enumerate().take(bead.source.end).skip(bead.source.start) {
            let by_length = explains(ls, lt, a.ratio, -(left_out.length as f64), 0.0);
            if left_out.word_count >= MIN_WORDS
                && (by_length || lost_anchors(&a.source.anchors[k], &a.target.anchors))
                && margin(&a.source, &a.target, a.ratio, Side::Source, k) >= MIN_MARGIN
            {
                report(left_out.text(a.markups.0));
            }
        }
    }
}

/// Calls `report` with each sentence of the translation of `a` aligned with nothing, when the
/// translation is longer by about that sentence.
fn added(a: &Aligned, report: &mut dyn FnMut(&str)) {
    if a.beads.iter().any(|b| b.target.is_empty()) {
        return;
    }
    let (ls, lt) = (total(a.source.sentences), total(a.target.sentences));
    for bead in a.beads.iter().filter(|b| b.source.is_empty()) {
        for (k, added) in a.target.sentences.iter().enumerate().take(bead.target.end).skip(bead.target.start) {
            // A translation may split a sentence in two: only a translation longer by about
            // the sentence is evidence of an addition.
            let by_length = explains(ls, lt, a.ratio, 0.0, -(added.length as f64));
            if added.word_count >= MIN_WORDS
                && by_length
                && margin(&a.source, &a.target, a.ratio, Side::Target, k) >= MIN_MARGIN
            {
                report(added.text(a.markups.1));
            }
        }
    }
}

/// The summed length of `sentences`.
fn total(sentences: &[Sentence]) -> f64 {
    sentences.iter().map(|s| s.length as f64).sum()
}

/// Whether the translation's length (`lt` for a source of `ls`) deviates clearly from the
/// expected one, by at least [`MIN_DEVIATION`], and by less than half as much once the unaligned
/// sentence is taken out of its side (`source_change`, `target_change`: minus its length).
fn explains(ls: f64, lt: f64, ratio: f64, source_change: f64, target_change: f64) -> bool {
    let whole = deviation(ls, lt, ratio).abs();
    let without = deviation(ls + source_change, lt + target_change, ratio).abs();
    whole >= MIN_DEVIATION && without * 2.0 < whole
}

/// Whether a sentence has `anchors` and none of them occurs in `other` (the anchors of each
/// sentence of the other text).
fn lost_anchors(anchors: &[String], other: &[Vec<String>]) -> bool {
    !anchors.is_empty() && anchors.iter().all(|a| !other.iter().any(|s| s.contains(a)))
}
