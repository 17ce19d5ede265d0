//! `omission` and `addition`: a source sentence the translation leaves out, and a sentence of
//! the translation that no source sentence accounts for, found by aligning the two texts'
//! sentences ([`crate::check::align`]).

use std::collections::HashMap;

use crate::check::align::{align, length_ratio, margin, Bead, Side};
use crate::check::sentences::{sentences, Sentence};
use crate::check::{Context, Finding, Pair, Rule, Severity};

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
or it lacks that sentence's numbers, links or code entirely. The finding quotes the sentence.\n\
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
four words, and either the translation is longer by about that sentence's length or the sentence \
carries numbers, links or code the source does not have. The finding quotes the sentence.\n\
Why it matters: an added sentence can be a translator's helpful note, or text pasted into the \
wrong message, or a leftover of an older source text; a reviewer should read it.\n\
Example: en `Select Software.`, nl `Selecteer Software. Neem contact op met [support](https://…).`",
    check: check_additions,
};

/// Fewest words of a sentence reported as left out or added.
const MIN_WORDS: usize = 4;
/// Least share of the text's length an unaligned sentence must have for length evidence.
const MIN_SHARE: f64 = 0.15;
/// Least evidence that the sentence, and not a neighbour, is the unaligned one: how much
/// costlier (in −ln probability) the best alignment that pairs it is.
const MIN_MARGIN: f64 = 1.5;
/// Fewest translated messages of a locale to calibrate its length ratio from.
const MIN_CALIBRATION: usize = 20;

/// What both rules read of one pair: the sentences of the reference and of the translation,
/// and their alignment.
struct Aligned<'m> {
    source: Vec<Sentence<'m>>,
    target: Vec<Sentence<'m>>,
    beads: Vec<Bead>,
    ratio: f64,
}

fn check_omissions(ctx: &Context, out: &mut Vec<Finding>) {
    each_alignment(ctx, &mut |pair, a| {
        if a.target.len() >= a.source.len() || a.beads.iter().any(|b| b.source.is_empty()) {
            return;
        }
        let (ls, lt) = (total(&a.source), total(&a.target));
        for bead in a.beads.iter().filter(|b| b.target.is_empty()) {
            for (k, left_out) in a.source.iter().enumerate().take(bead.source.end).skip(bead.source.start) {
                let by_length = explains(lt, a.ratio * ls, a.ratio * (ls - left_out.length as f64), left_out.length as f64 / ls);
                if left_out.words.len() >= MIN_WORDS
                    && (by_length || lost_anchors(left_out, &a.target))
                    && margin(&a.source, &a.target, a.ratio, Side::Source, k) >= MIN_MARGIN
                {
                    out.push(ctx.finding(
                        OMISSION.id,
                        pair.file,
                        pair.target.offset,
                        Some(&pair.target.id),
                        format!(
                            "`{}` leaves out a sentence of its {} source: “{}”",
                            pair.target.id,
                            ctx.source_locale(),
                            left_out.text
                        ),
                    ));
                }
            }
        }
    });
}

fn check_additions(ctx: &Context, out: &mut Vec<Finding>) {
    each_alignment(ctx, &mut |pair, a| {
        if a.target.len() <= a.source.len() || a.beads.iter().any(|b| b.target.is_empty()) {
            return;
        }
        let (ls, lt) = (total(&a.source), total(&a.target));
        for bead in a.beads.iter().filter(|b| b.source.is_empty()) {
            for (k, added) in a.target.iter().enumerate().take(bead.target.end).skip(bead.target.start) {
                let by_length = explains(a.ratio * ls, lt, lt - added.length as f64, added.length as f64 / lt);
                if added.words.len() >= MIN_WORDS
                    && (by_length || lost_anchors(added, &a.source))
                    && margin(&a.source, &a.target, a.ratio, Side::Target, k) >= MIN_MARGIN
                {
                    out.push(ctx.finding(
                        ADDITION.id,
                        pair.file,
                        pair.target.offset,
                        Some(&pair.target.id),
                        format!(
                            "`{}` has a sentence its {} source does not: “{}”",
                            pair.target.id,
                            ctx.source_locale(),
                            added.text
                        ),
                    ));
                }
            }
        }
    });
}

/// Calls `f` with each translated message whose reference text or translation has more than
/// one sentence, and their alignment.
fn each_alignment(ctx: &Context, f: &mut dyn FnMut(&Pair, &Aligned)) {
    let ratios = calibrate(ctx);
    let terms = ctx.glossary();
    for pair in ctx.pairs() {
        let reference = pair.snapshot.unwrap_or(pair.source);
        let (sm, tm) = (ctx.markup(reference), ctx.markup(pair.target));
        let (source, target) = (sentences(&sm, terms), sentences(&tm, terms));
        if source.len() + target.len() < 3 || source.is_empty() || target.is_empty() {
            continue;
        }
        let ratio = ratios.get(pair.locale).copied().unwrap_or(1.0);
        let beads = align(&source, &target, ratio);
        f(pair, &Aligned { source, target, beads, ratio });
    }
}

/// Per target locale: the median length of a translation per source character.
fn calibrate<'a>(ctx: &'a Context) -> HashMap<&'a str, f64> {
    let mut ratios: HashMap<&str, Vec<f64>> = HashMap::new();
    for pair in ctx.pairs() {
        let reference = pair.snapshot.unwrap_or(pair.source);
        let length = |v: &str| v.chars().filter(|c| !c.is_whitespace()).count() as f64;
        let (ls, lt) = (length(&ctx.markup(reference).text), length(&ctx.markup(pair.target).text));
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

/// Whether a length of `actual` is explained by the unaligned sentence (`expected_without`)
/// much better than by the whole text (`expected_with`), and the sentence is `share` ≥
/// [`MIN_SHARE`] of its text.
fn explains(actual: f64, expected_with: f64, expected_without: f64, share: f64) -> bool {
    share >= MIN_SHARE && (actual - expected_without).abs() * 2.0 < (actual - expected_with).abs()
}

/// Whether `sentence` has anchors and none of them occurs in `other` (the other text).
fn lost_anchors(sentence: &Sentence, other: &[Sentence]) -> bool {
    !sentence.anchors.is_empty() && sentence.anchors.iter().all(|a| !other.iter().any(|s| s.anchors.contains(a)))
}
