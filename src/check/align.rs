//! Sentence alignment of a source text and its translation, after Gale & Church, "A Program for
//! Aligning Sentences in Bilingual Corpora" (Computational Linguistics 19(1), 1993): dynamic
//! programming over *beads* (1–1, 1–0, 0–1, 2–1, 1–2, 2–2 sentences) whose cost is the
//! improbability of their length ratio under a normal model plus the bead's prior, with
//! *anchors* (numbers, links, code, placeables that a translation keeps verbatim) added as
//! evidence: an anchor on one side of a bead and not the other costs, one on both sides pays.

use std::ops::Range;

use super::markup::Markup;
use super::sentences::{anchors, tokens, Sentence};

/// The sentences of one side of an alignment, with the words alignment compares (read once).
pub struct Text<'s> {
    /// The sentences.
    pub sentences: &'s [Sentence],
    /// Per sentence: its [`tokens`].
    tokens: Vec<Vec<String>>,
    /// Per sentence: its [`anchors`].
    pub anchors: Vec<Vec<String>>,
}

impl<'s> Text<'s> {
    /// `sentences`, read from `markup`.
    pub fn new(markup: &Markup, sentences: &'s [Sentence]) -> Text<'s> {
        Text {
            sentences,
            tokens: sentences.iter().map(|s| tokens(s.text(markup))).collect(),
            anchors: anchors(markup, sentences),
        }
    }

    fn len(&self) -> usize {
        self.sentences.len()
    }
}

/// One bead of an alignment: source sentences and the target sentences they correspond to
/// (either side may be empty: an omission or an addition).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bead {
    /// Indexes of the source sentences.
    pub source: Range<usize>,
    /// Indexes of the target sentences.
    pub target: Range<usize>,
}

/// Variance of a translation's length per source character (Gale & Church's estimate, 6.8).
const VARIANCE: f64 = 6.8;
/// Cost of an anchor on one side of a bead only.
const ANCHOR_MISSED: f64 = 4.0;
/// Reward for an anchor on both sides of a bead.
const ANCHOR_KEPT: f64 = 1.0;
/// Reward for a word both sides of a bead share (a name, a term, a cognate).
const TOKEN_SHARED: f64 = 2.0;
/// Most shared words rewarded per bead.
const MAX_TOKENS: usize = 3;

/// Bead shapes and their prior probabilities (Gale & Church, table 5).
const SHAPES: &[((usize, usize), f64)] = &[
    ((1, 1), 0.89),
    ((1, 0), 0.0099 / 2.0),
    ((0, 1), 0.0099 / 2.0),
    ((2, 1), 0.089 / 2.0),
    ((1, 2), 0.089 / 2.0),
    ((2, 2), 0.011),
];

/// The least-cost alignment of `source` with `target`, in order. `ratio` is the expected
/// length of a translation per source character (1.0 for languages of similar length; see
/// [`length_ratio`]).
pub fn align(source: &Text, target: &Text, ratio: f64) -> Vec<Bead> {
    solve(source, target, ratio, None).1
}

/// A side of an alignment: the source or the target sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The source text's sentences.
    Source,
    /// The translation's sentences.
    Target,
}

/// How much costlier the best alignment is in which sentence `index` of `side` has a
/// counterpart than the best alignment overall: the evidence that it has none (0 when the
/// best alignment gives it one; infinite when no alignment can).
pub fn margin(source: &Text, target: &Text, ratio: f64, side: Side, index: usize) -> f64 {
    let best = solve(source, target, ratio, None).0;
    solve(source, target, ratio, Some((side, index))).0 - best
}

/// The least-cost alignment and its cost; with `paired`, only alignments in which that
/// sentence has a counterpart.
fn solve(source: &Text, target: &Text, ratio: f64, paired: Option<(Side, usize)>) -> (f64, Vec<Bead>) {
    let (n, m) = (source.len(), target.len());
    // cost[i][j]: least cost of aligning the first i source and j target sentences.
    let mut cost = vec![vec![f64::INFINITY; m + 1]; n + 1];
    let mut back = vec![vec![(0usize, 0usize); m + 1]; n + 1];
    cost[0][0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            if cost[i][j].is_infinite() {
                continue;
            }
            for &((di, dj), prior) in SHAPES {
                let (ni, nj) = (i + di, j + dj);
                if ni > n || nj > m {
                    continue;
                }
                let unpaired = match paired {
                    Some((Side::Source, k)) => dj == 0 && k == i,
                    Some((Side::Target, k)) => di == 0 && k == j,
                    None => false,
                };
                if unpaired {
                    continue;
                }
                let c = cost[i][j] + bead_cost((source, i..ni), (target, j..nj), ratio, prior);
                if c < cost[ni][nj] {
                    cost[ni][nj] = c;
                    back[ni][nj] = (di, dj);
                }
            }
        }
    }
    let mut beads = Vec::new();
    if cost[n][m].is_infinite() {
        return (f64::INFINITY, beads);
    }
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (di, dj) = back[i][j];
        beads.push(Bead { source: i - di..i, target: j - dj..j });
        i -= di;
        j -= dj;
    }
    beads.reverse();
    (cost[n][m], beads)
}

/// The cost of one bead: −ln P(length ratio) − ln P(shape), plus anchor evidence.
fn bead_cost((a, sr): (&Text, Range<usize>), (b, tr): (&Text, Range<usize>), ratio: f64, prior: f64) -> f64 {
    let (source, target) = (&a.sentences[sr.clone()], &b.sentences[tr.clone()]);
    let ls: usize = source.iter().map(|s| s.length).sum();
    let lt: usize = target.iter().map(|s| s.length).sum();
    // A sentence with no counterpart has no length ratio to judge: its prior is its cost
    // (Gale & Church's length cost against 0 characters makes a merge of a dropped sentence
    // into its neighbour look cheaper than the omission it is).
    let length = if source.is_empty() || target.is_empty() { 0.0 } else { length_cost(ls as f64, lt as f64, ratio) };
    // An empty side has no anchors to compare: what it lacks shows in the neighbouring beads.
    let anchor = if source.is_empty() || target.is_empty() {
        0.0
    } else {
        let (kept, missed) = match (sr.len(), tr.len()) {
            // The common case, without allocating.
            (1, 1) => {
                let (s, t) = (&a.anchors[sr.start], &b.anchors[tr.start]);
                let kept = common(s, t);
                (kept, s.len() + t.len() - 2 * kept)
            }
            _ => {
                let (a, b) = (all_anchors(&a.anchors[sr.clone()]), all_anchors(&b.anchors[tr.clone()]));
                let kept = common(&a, &b);
                (kept, a.len() + b.len() - 2 * kept)
            }
        };
        let shared = match (sr.len(), tr.len()) {
            (1, 1) => common(&a.tokens[sr.start], &b.tokens[tr.start]),
            _ => common(&all_tokens(&a.tokens[sr]), &all_tokens(&b.tokens[tr])),
        }
        .min(MAX_TOKENS);
        missed as f64 * ANCHOR_MISSED - kept as f64 * ANCHOR_KEPT - shared as f64 * TOKEN_SHARED
    };
    length - prior.ln() + anchor
}

/// The anchors of several sentences, sorted.
fn all_anchors(anchors: &[Vec<String>]) -> Vec<&str> {
    let mut all: Vec<&str> = anchors.iter().flatten().map(String::as_str).collect();
    all.sort_unstable();
    all
}

/// The tokens of several sentences, sorted, without repeats.
fn all_tokens(tokens: &[Vec<String>]) -> Vec<&str> {
    let mut all: Vec<&str> = tokens.iter().flatten().map(String::as_str).collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// How many items two sorted lists share, counting repeats (a multiset intersection).
fn common<A: AsRef<str>, B: AsRef<str>>(a: &[A], b: &[B]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].as_ref().cmp(b[j].as_ref()) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// How many standard deviations a translation of `lt` characters is from the length expected
/// for a source of `ls` characters, when translations run `ratio` characters per source
/// character (Gale & Church's δ; negative when shorter; 0 for two empty texts).
pub fn deviation(ls: f64, lt: f64, ratio: f64) -> f64 {
    if ls == 0.0 && lt == 0.0 {
        return 0.0;
    }
    let mean = (ls + lt / ratio) / 2.0;
    (lt - ls * ratio) / (VARIANCE * mean).sqrt()
}

/// −ln of the two-sided probability of a translation of `lt` characters for a source of `ls`,
/// when translations run `ratio` characters per source character.
fn length_cost(ls: f64, lt: f64, ratio: f64) -> f64 {
    let delta = deviation(ls, lt, ratio);
    // P(|Z| ≥ |delta|) for a standard normal Z, kept above 0 so the cost stays finite.
    let p = libm::erfc(delta.abs() / std::f64::consts::SQRT_2).max(1e-12);
    -p.ln()
}

/// The median of `ratios` (target length per source character over a locale's translated
/// messages), or 1.0 when there are fewer than `min` of them to calibrate from.
pub fn length_ratio(mut ratios: Vec<f64>, min: usize) -> f64 {
    ratios.retain(|r| r.is_finite() && *r > 0.0);
    if ratios.len() < min {
        return 1.0;
    }
    ratios.sort_by(f64::total_cmp);
    ratios[ratios.len() / 2]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::sentences::sentences;

    fn shapes(source: &str, target: &str) -> Vec<(usize, usize)> {
        let (s, t) = (Markup::of(source), Markup::of(target));
        let (ss, ts) = (sentences(&s, &Default::default()), sentences(&t, &Default::default()));
        align(&Text::new(&s, &ss), &Text::new(&t, &ts), 1.1).iter().map(|b| (b.source.len(), b.target.len())).collect()
    }

    #[test]
    fn one_to_one_when_everything_is_translated() {
        assert_eq!(
            shapes(
                "Select Software to see your benefits. Find the product you want to use. Then select the arrow.",
                "Selecteer Software om uw voordelen te zien. Zoek het product dat u wilt gebruiken. Selecteer daarna de pijl."
            ),
            [(1, 1), (1, 1), (1, 1)]
        );
    }

    #[test]
    fn a_dropped_sentence_is_a_one_to_zero_bead() {
        assert_eq!(
            shapes(
                "Select Software to see your benefits. You have 5 incidents left for this year, see [the list](https://l.example). Then select the arrow.",
                "Selecteer Software om uw voordelen te zien. Selecteer daarna de pijl."
            ),
            [(1, 1), (1, 0), (1, 1)]
        );
    }

    #[test]
    fn a_merged_sentence_is_two_to_one_not_an_omission() {
        assert_eq!(
            shapes(
                "Select Software. Then find the product you want to start using right now.",
                "Selecteer Software en zoek daarna het product dat u nu meteen wilt gaan gebruiken."
            ),
            [(2, 1)]
        );
    }

    #[test]
    fn shared_words_pick_which_of_two_like_sentences_was_dropped() {
        let source = Markup::of("Step 2 If your contract is associated, you see incidents. For on-premises support, you see the Partner Support contract and the start and end date. If you need to associate your contract, expand the section and enter your Access ID.");
        let target = Markup::of("Stap 2: als uw contract gekoppeld is, ziet u incidenten. Voor on-premises ondersteuning ziet u het partnercontract en de begin- en einddatum.");
        let (ss, ts) = (sentences(&source, &Default::default()), sentences(&target, &Default::default()));
        let (s, t) = (Text::new(&source, &ss), Text::new(&target, &ts));
        let beads = align(&s, &t, 1.1);
        assert_eq!(beads.last(), Some(&Bead { source: 2..3, target: 2..2 }), "{beads:?}");
        assert!(margin(&s, &t, 1.1, Side::Source, 2) > 1.5);
        assert_eq!(margin(&s, &t, 1.1, Side::Source, 1), 0.0);
    }

    #[test]
    fn shared_anchors_count_repeats_once_per_side() {
        assert_eq!(common(&["n:1", "n:1", "n:2"], &["n:1", "n:3"]), 1);
        assert_eq!(common(&["n:1", "n:1"], &["n:1", "n:1"]), 2);
    }

    #[test]
    fn the_ratio_is_a_median_with_a_default() {
        assert_eq!(length_ratio(vec![1.2, 0.9, 1.4, f64::NAN], 3), 1.2);
        assert_eq!(length_ratio(vec![1.2], 3), 1.0);
    }
}
