//! `omission` and `addition`: a source sentence the translation leaves out, and a sentence of
//! the translation that no source sentence accounts for, found by aligning the two texts'
//! sentences ([`crate::check::align`]).

use std::collections::HashMap;

use crate::check::align::{align, deviation, length_ratio, margin, Bead, Side, Text};
use crate::check::markup::Markup;
use crate::check::sentences::{has_terminator, Sentence};
use crate::check::{Context, Finding, Pair, PairText, Rule, Severity};

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
    check: check_omissions,
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
    check: check_additions,
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

fn check_omissions(ctx: &Context, out: &mut Vec<Finding>) {
    each_alignment(ctx, out, |source, target| target < source, &|pair, a, out| {
        if a.beads.iter().any(|b| b.source.is_empty()) {
            return;
        }
        let (ls, lt) = (total(a.source.sentences), total(a.target.sentences));
        for bead in a.beads.iter().filter(|b| b.target.is_empty()) {
            for (k, left_out) in a.source.sentences.iter().enumerate().take(bead.source.end).skip(bead.source.start) {
                let by_length = explains(ls, lt, a.ratio, -(left_out.length as f64), 0.0);
                if left_out.word_count >= MIN_WORDS
                    && (by_length || lost_anchors(left_out, a.target.sentences))
                    && margin(&a.source, &a.target, a.ratio, Side::Source, k) >= MIN_MARGIN
                {
                    out.push(quote(
                        ctx,
                        &OMISSION,
                        pair,
                        ("leaves out a sentence of its", "source"),
                        left_out.text(a.markups.0),
                    ));
                }
            }
        }
    });
}

fn check_additions(ctx: &Context, out: &mut Vec<Finding>) {
    each_alignment(ctx, out, |source, target| target > source, &|pair, a, out| {
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
                    out.push(quote(
                        ctx,
                        &ADDITION,
                        pair,
                        ("has a sentence its", "source does not"),
                        added.text(a.markups.1),
                    ));
                }
            }
        }
    });
}

/// A finding of `rule` about `pair`'s translation quoting `sentence`:
/// "`ID` BEFORE en AFTER: “SENTENCE”".
fn quote(ctx: &Context, rule: &Rule, pair: &Pair, (before, after): (&str, &str), sentence: &str) -> Finding {
    let message = format!("`{}` {before} {} {after}: “{sentence}”", pair.target.id, ctx.source_locale());
    ctx.finding(rule.id, pair.file, pair.target.offset, Some(&pair.target.id), message)
}

/// Calls `f` (in parallel, findings kept in pair order) with each translated message whose reference text or translation has more than
/// one sentence and whose sentence counts (source, target) `counts` accepts, and their
/// alignment (only these are aligned: a rule that needs fewer target sentences aligns no
/// message with as many).
fn each_alignment(
    ctx: &Context,
    out: &mut Vec<Finding>,
    counts: fn(usize, usize) -> bool,
    f: &(dyn Fn(&Pair, &Aligned, &mut Vec<Finding>) + Sync),
) {
    let ratios = calibrate(ctx);
    ctx.each_pair(out, |pair, out| {
        let reference = pair.snapshot.unwrap_or(pair.source);
        // Variants of a select expression are alternatives, not consecutive sentences.
        if !reference.selects.is_empty() || !pair.target.selects.is_empty() {
            return;
        }
        let (sm, tm) = (ctx.pair_markup(pair, PairText::Reference), ctx.pair_markup(pair, PairText::Target));
        let (source, target) =
            (ctx.pair_sentences(pair, PairText::Reference), ctx.pair_sentences(pair, PairText::Target));
        let (n, m) = (source.len(), target.len());
        if n + m < 3 || n == 0 || m == 0 || !counts(n, m) {
            return;
        }
        // Sentences the segmenter cannot see are not missing.
        if !has_terminator(&sm.text) || !has_terminator(&tm.text) {
            return;
        }
        let ratio = ratios.get(pair.locale).copied().unwrap_or(1.0);
        let (source, target) = (Text::new(&sm, &source), Text::new(&tm, &target));
        let beads = align(&source, &target, ratio);
        f(pair, &Aligned { source, target, markups: (&sm, &tm), beads, ratio }, out);
    });
}

/// Per target locale: the median length of a translation per source character.
fn calibrate<'a>(ctx: &'a Context) -> HashMap<&'a str, f64> {
    let mut ratios: HashMap<&str, Vec<f64>> = HashMap::new();
    for pair in ctx.pairs() {
        let length = |text: &str| text.chars().filter(|c| !c.is_whitespace()).count() as f64;
        let (ls, lt) = (
            total(&ctx.pair_sentences(pair, PairText::Reference)),
            length(&ctx.pair_markup(pair, PairText::Target).text),
        );
        if ls >= 20.0 && lt > 0.0 {
            ratios.entry(pair.locale).or_default().push(lt / ls);
        }
    }
    ratios.into_iter().map(|(l, r)| (l, length_ratio(r, MIN_CALIBRATION))).collect()
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

/// Whether `sentence` has anchors and none of them occurs in `other` (the other text).
fn lost_anchors(sentence: &Sentence, other: &[Sentence]) -> bool {
    !sentence.anchors.is_empty() && sentence.anchors.iter().all(|a| !other.iter().any(|s| s.anchors.contains(a)))
}
