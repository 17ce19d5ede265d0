//! `stale-translation`: a translation made from source text that has changed since, graded
//! by how much changed.

use rustc_hash::FxHashMap;

use crate::check::diff::{plain, word_diff};
use crate::check::markup::Markup;
use crate::check::{Context, Finding, Pair, PairText, Rule, Severity};

/// The rule.
pub const RULE: Rule = Rule {
    id: "stale-translation",
    severity: Severity::Warning,
    grades: &[("cosmetic", Severity::Info), ("wording", Severity::Warning), ("content", Severity::Error)],
    summary: "a translation whose source snapshot differs from today's source text, graded cosmetic/wording/content",
    explanation: "What it finds: a translated message whose source snapshot (locales/<locale>/snapshots/X.ftl: \
the source text it was translated from) differs from today's source text in locales/<source>/X.ftl. \
The finding carries both texts, a word diff and a grade:\n\
  cosmetic (info): only whitespace, punctuation or letter case changed;\n\
  wording (warning): words changed;\n\
  content (error): a sentence, link, image, number or placeable was added, removed or changed.\n\
Why it matters: the translation says what the source used to say: a step, a link or a number may \
be missing, and readers cannot tell. Once the translation is updated, `tolk accept LOCALE ID` \
records today's source as its snapshot and the finding clears.\n\
Example: hu was translated from `Step 1 Select windows 10 and enter dummy information`; today's \
English is `Step 1 Open [Support for Business](…) and select windows 10 …`: a link was added, so \
the grade is content. `eg Azure, LCS etc` → `(for example, Azure, LCS, and others)` is wording; \
`plans ?` → `plans?` is cosmetic.",
    check: crate::check::Check::Part(check),
};

/// A change's grade and its word diff in git's plain notation.
type Graded = (&'static str, String);

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    use rayon::prelude::*;
    // The locales translated from one older text share its change: graded and diffed once
    // (from the markups the check already read, through the first pair that has it).
    let mut changes: FxHashMap<(&str, &str), (&Pair, Option<Graded>)> = FxHashMap::default();
    for pair in ctx.pairs() {
        if let Some((old, new)) = change(pair) {
            changes.entry((old, new)).or_insert((pair, None));
        }
    }
    changes.par_iter_mut().for_each(|((old, new), (pair, done))| {
        let (was, is) = (ctx.pair_markup(pair, PairText::Reference), ctx.pair_markup(pair, PairText::Source));
        *done = Some((grade_marked(old, new, &was, &is), plain(&word_diff(old, new))));
    });
    ctx.each_pair(out, |pair, out| {
        let Some((old, new)) = change(pair) else { return };
        let Some((_, Some((grade, diff)))) = changes.get(&(old, new)) else { return };
        let mut finding = ctx.finding(
            RULE.id,
            pair.file,
            pair.target.offset,
            Some(&pair.target.id),
            format!("`{}` was translated from an older {} text ({grade} change)", pair.target.id, ctx.source_locale()),
        );
        finding.set_change(grade, old.to_string(), new.to_string(), diff.clone());
        out.push(finding);
    });
}

/// The source text `pair`'s translation was made from and today's, when they differ other
/// than in whitespace.
fn change<'p>(pair: &Pair<'p>) -> Option<(&'p str, &'p str)> {
    let (old, new) = (pair.snapshot?.value.as_str(), pair.source.value.as_str());
    // One text of the check's distinct texts: the same (most snapshots are), without reading it.
    if pair.same_text(PairText::Reference, PairText::Source) {
        return None;
    }
    (old != new && !old.split_whitespace().eq(new.split_whitespace())).then_some((old, new))
}

/// Grades the change from `old` to `new` source text: `cosmetic`, `wording` or `content`.
pub fn grade(old: &str, new: &str) -> &'static str {
    grade_marked(old, new, &Markup::of(old), &Markup::of(new))
}

/// The words of `text` with only their letters and digits, lowercase, each after a space:
/// two texts with the same are the same but for whitespace, punctuation and case.
fn words(text: &str) -> impl Iterator<Item = char> + '_ {
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).flat_map(|w| {
        std::iter::once(' ').chain(w.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase))
    })
}

/// [`words`] of an ASCII text, byte by byte (whitespace as `char::is_whitespace` has it in
/// ASCII: space, tab to carriage return).
fn ascii_words(text: &str) -> impl Iterator<Item = u8> + '_ {
    text.as_bytes()
        .split(|b| matches!(b, b' ' | b'\t'..=b'\r'))
        .filter(|w| w.iter().any(u8::is_ascii_alphanumeric))
        .flat_map(|w| {
            std::iter::once(b' ').chain(w.iter().filter(|b| b.is_ascii_alphanumeric()).map(u8::to_ascii_lowercase))
        })
}

/// Whether `old` and `new` have the same [`words`].
fn same_words(old: &str, new: &str) -> bool {
    match old.is_ascii() && new.is_ascii() {
        true => ascii_words(old).eq(ascii_words(new)),
        false => words(old).eq(words(new)),
    }
}

/// [`grade`], with the markups of `old` and `new` ([`Markup::of`]) already read.
fn grade_marked(old: &str, new: &str, a: &Markup, b: &Markup) -> &'static str {
    if same_words(old, new) {
        return "cosmetic";
    }
    use crate::check::sentences::digit_runs;
    let placeables = |s: &str| -> Vec<String> {
        let mut p: Vec<String> = s
            .match_indices('{')
            .filter_map(|(i, _)| s[i..].find('}').map(|j| s[i..i + j + 1].split_whitespace().collect()))
            .collect();
        p.sort();
        p
    };
    if a.links != b.links
        || a.images != b.images
        || !digit_runs(&a.text).eq(digit_runs(&b.text))
        || placeables(old) != placeables(new)
        || a.sentences() != b.sentences()
    {
        "content"
    } else {
        "wording"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// ASCII texts of words, digits, punctuation and every ASCII whitespace: the byte
        /// reading of their words is the character reading.
        #[test]
        fn ascii_words_are_the_words(picks in proptest::collection::vec(0usize..16, 0..30)) {
            const PARTS: [&str; 16] = ["a", "B", "7", ".", "-", "'", " ", "  ", "\t", "\n", "\u{0B}", "\u{0C}", "\r", "x1", "__", "Ab"];
            let text: String = picks.iter().map(|&i| PARTS[i]).collect();
            let chars: String = words(&text).collect();
            proptest::prop_assert_eq!(String::from_utf8(ascii_words(&text).collect()).unwrap(), chars);
        }
    }

    #[test]
    fn grades_follow_the_seeds() {
        assert_eq!(
            grade(
                "Step 1 Select windows 10 and enter dummy information",
                "Step 1 Open [Support for Business](https://x) and select windows 10 and enter dummy information"
            ),
            "content"
        );
        assert_eq!(
            grade(
                "the Cloud portals eg Azure, LCS etc do not show this information.",
                "the Cloud portals (for example, Azure, LCS, and others) do not show this information."
            ),
            "wording"
        );
        assert_eq!(
            grade(
                "Would you like to see unavailable support plans ?",
                "Would you like to see unavailable support plans?"
            ),
            "cosmetic"
        );
        assert_eq!(grade("Signature 10pack", "Signature 10-pack"), "cosmetic");
        assert_eq!(grade("Add it. Then go.", "Add it. Check it. Then go."), "content", "a sentence was added");
        assert_eq!(grade("You get 15 incidents", "You get 16 incidents"), "content");
        assert_eq!(grade("Hello { $name }", "Hi { $user }"), "content");
    }
}
