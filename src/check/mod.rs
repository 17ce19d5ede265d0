//! The checker: load → rules → findings. Reports live in [`crate::report`].
//!
//! Each rule is one unit in `check/rules/` with a stable id, a default severity and its
//! documentation, listed in [`registry::RULES`]. Rules read a [`Context`] (the loaded project,
//! its resources and source snapshots as load parsed them) and push [`Finding`]s. The
//! `render-error` rule localizes every page as the build does ([`crate::localize`]) and runs
//! the build's Markdown extensions on it, so no error-severity finding means the build
//! succeeds. The checker never renders HTML.

pub mod align;
pub mod baseline;
pub mod diff;
pub mod finding;
pub mod markup;
pub mod memo;
pub mod numbers;
pub mod policy;
pub mod registry;
pub mod rules;
pub mod sentences;
pub mod site;
pub mod stats;

use std::collections::BTreeMap;

pub use finding::{Finding, Severity};
pub use policy::Policy;
pub use registry::{Check, Rule, RULES};

use crate::error::{Error, Result};
use crate::load::fluent::{Entries, MessageEntry};

use crate::load::{Project, ResourceFile};

/// What rules read: the project with every resource and snapshot parsed once.
pub struct Context<'a> {
    /// The loaded site.
    pub project: &'a Project,
    /// The target locales to check (all targets unless narrowed with `--locale`).
    pub targets: Vec<String>,
    /// Parsed resources by (locale, resource name).
    pub resources: BTreeMap<(String, String), Parsed<'a>>,
    /// Parsed source snapshots by (locale, resource name).
    pub snapshots: BTreeMap<(String, String), Parsed<'a>>,
    /// The articles checked (one for [`Context::for_article`], those of a part of the site
    /// for [`Context::part`]), or `None` for every article.
    articles: Option<std::collections::BTreeSet<String>>,
    /// The translated messages with their sources, computed once (most rules read them).
    pairs: std::sync::OnceLock<Vec<Pair<'a>>>,
    /// The distinct texts of every message value of the resources and snapshots (a snapshot
    /// mostly repeats today's source text, which is then read once), indexed once.
    texts: std::sync::OnceLock<memo::Texts<'a>>,
    /// The markup of each of [`Context::texts`], computed once (several rules compare it, for
    /// every locale).
    markups: std::sync::OnceLock<memo::Memo<markup::Markup>>,
    /// The sentences of each of [`Context::texts`], computed once: three rules compare them.
    sentences: std::sync::OnceLock<memo::Memo<Vec<sentences::Sentence>>>,
}

/// Pairs one parallel task of [`Context::each_pair`] checks (small enough to spread a few
/// thousand pairs over the threads, large enough that scheduling costs nothing).
pub(crate) const PAIRS_PER_TASK: usize = 64;

/// A translated message and what it is compared with.
#[derive(Clone, Copy)]
pub struct Pair<'a> {
    /// The target locale.
    pub locale: &'a str,
    /// Today's source message.
    pub source: &'a MessageEntry,
    /// The translation.
    pub target: &'a MessageEntry,
    /// The file of the translation.
    pub file: &'a ResourceFile,
    /// The source snapshot entry: the source text the translation was made from, if recorded.
    pub snapshot: Option<&'a MessageEntry>,
    /// Where the texts of `source`, `target` and `snapshot` are in the context's text table
    /// (found once, so that rules reading their markup and sentences do not look them up).
    texts: [Option<usize>; 3],
}

/// One text of a [`Pair`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PairText {
    /// Today's source message.
    Source,
    /// The translation.
    Target,
    /// The source text the translation was made from: its snapshot, else today's source.
    Reference,
}

impl<'a> Pair<'a> {
    /// The message entry of `text`.
    pub fn entry(&self, text: PairText) -> &'a MessageEntry {
        match text {
            PairText::Source => self.source,
            PairText::Target => self.target,
            PairText::Reference => self.snapshot.unwrap_or(self.source),
        }
    }

    /// The index of `text` in the context's text table.
    /// Whether `a` and `b` are known to be one text (the same of the check's distinct texts);
    /// `false` when they are not, or not known.
    pub fn same_text(&self, a: PairText, b: PairText) -> bool {
        matches!((self.text_index(a), self.text_index(b)), (Some(x), Some(y)) if x == y)
    }

    fn text_index(&self, text: PairText) -> Option<usize> {
        match text {
            PairText::Source => self.texts[0],
            PairText::Target => self.texts[1],
            PairText::Reference if self.snapshot.is_some() => self.texts[2],
            PairText::Reference => self.texts[0],
        }
    }
}

/// A resource file and its entries (parsed by load).
pub struct Parsed<'a> {
    /// The file.
    pub file: &'a ResourceFile,
    /// Its messages, terms and syntax errors.
    pub entries: &'a Entries,
}

impl<'a> Context<'a> {
    /// Parses every resource and snapshot of `project`. `only` narrows the target locales.
    ///
    /// Errors: [`Error::Usage`] when `only` names a locale that is not a configured target.
    pub fn new(project: &'a Project, only: &[String]) -> Result<Context<'a>> {
        let targets = targets(&project.config, only)?;
        Ok(Context::with(project, targets, |_| true, None))
    }

    /// The context of one article: only its resources, the shared ones and their snapshots
    /// are parsed, and rules that read skeletons read only its. Every finding about the
    /// article's pages is the same as in a whole-site check but those of `omission` and
    /// `addition`, whose length ratio is then learned from this article alone (the preview
    /// re-checks the article an edit touched this way, with the whole site's ratio:
    /// [`site::article`]).
    pub fn for_article(project: &'a Project, slug: &str) -> Context<'a> {
        let mine = |file: &ResourceFile| match file.name.strip_suffix(".ftl") {
            Some(stem) => stem == slug || project.article(stem).is_none(),
            None => true,
        };
        let articles = std::iter::once(slug.to_string()).collect();
        Context::with(project, project.config.targets().to_vec(), mine, Some(articles))
    }

    /// The context of a part of the site ([`site`]): the resources and snapshots `checked`
    /// accepts are checked (others of `project`, such as the shared resources an article's
    /// pages also localize, are only read), and of the articles, those in `articles`.
    pub fn part(
        project: &'a Project,
        targets: Vec<String>,
        checked: impl Fn(&ResourceFile) -> bool + Sync,
        articles: std::collections::BTreeSet<String>,
    ) -> Context<'a> {
        Context::with(project, targets, checked, Some(articles))
    }

    fn with(
        project: &'a Project,
        targets: Vec<String>,
        checked: impl Fn(&ResourceFile) -> bool + Sync,
        articles: Option<std::collections::BTreeSet<String>>,
    ) -> Context<'a> {
        Context {
            project,
            targets,
            resources: parse_all(&project.resources, &checked),
            snapshots: parse_all(&project.snapshots, &checked),
            articles,
            pairs: Default::default(),
            texts: Default::default(),
            markups: Default::default(),
            sentences: Default::default(),
        }
    }

    /// The articles rules check: every article, or those of [`Context::for_article`] and
    /// [`Context::part`].
    pub fn articles(&self) -> impl Iterator<Item = &'a crate::load::Skeleton> + '_ {
        let project: &'a Project = self.project;
        project.articles.iter().filter(|a| self.articles.as_ref().is_none_or(|set| set.contains(&a.slug)))
    }

    /// The source locale.
    pub fn source_locale(&self) -> &str {
        &self.project.config.source_locale
    }

    /// The source locale's resources, by name.
    pub fn source_resources(&self) -> impl Iterator<Item = &Parsed<'a>> {
        let source = self.source_locale().to_string();
        self.resources.iter().filter(move |((l, _), _)| *l == source).map(|(_, p)| p)
    }

    /// The resource `name` of `locale`, if present.
    pub fn resource(&self, locale: &str, name: &str) -> Option<&Parsed<'a>> {
        self.resources.get(&(locale.to_string(), name.to_string()))
    }

    /// The source snapshot of resource `name` of `locale`, if present.
    pub fn snapshot(&self, locale: &str, name: &str) -> Option<&Parsed<'a>> {
        self.snapshots.get(&(locale.to_string(), name.to_string()))
    }

    /// Every translated message of the checked target locales with its source message:
    /// the pairs most rules compare, in resource and file order (computed on first use).
    pub fn pairs(&self) -> &[Pair<'a>] {
        self.pairs.get_or_init(|| {
            let texts = self.texts();
            let mut pairs = Vec::new();
            for source in self.source_resources() {
                for locale in &self.targets {
                    let key = (locale.clone(), source.file.name.clone());
                    let Some(target) = self.resources.get(&key) else {
                        continue;
                    };
                    let snapshot = self.snapshots.get(&key);
                    let source_entries: &'a Entries = source.entries;
                    for message in &target.entries.messages {
                        if let Some(source_message) = source_entries.get(&message.id) {
                            let snapshot = snapshot.and_then(|s| s.entries.get(&message.id));
                            let index = |entry: Option<&MessageEntry>| texts.index(&entry?.value);
                            pairs.push(Pair {
                                locale: &target.file.locale,
                                source: source_message,
                                target: message,
                                file: target.file,
                                snapshot,
                                texts: [index(Some(source_message)), index(Some(message)), index(snapshot)],
                            });
                        }
                    }
                }
            }
            pairs
        })
    }

    /// Runs `check` on every pair ([`Context::pairs`]) in parallel, and appends what it
    /// pushes to `out` in pair order: the same findings as a loop over the pairs.
    pub fn each_pair(&self, out: &mut Vec<Finding>, check: impl Fn(&Pair<'a>, &mut Vec<Finding>) + Sync) {
        use rayon::prelude::*;
        let found: Vec<Vec<Finding>> = self
            .pairs()
            .par_chunks(PAIRS_PER_TASK)
            .map(|chunk| {
                let mut found = Vec::new();
                for pair in chunk {
                    check(pair, &mut found);
                }
                found
            })
            .collect();
        out.extend(found.into_iter().flatten());
    }

    /// The markup of `entry`'s value ([`markup::Markup::of`]): parsed once per check for the
    /// entries of its resources and snapshots, else now.
    pub fn markup(&self, entry: &MessageEntry) -> std::borrow::Cow<'_, markup::Markup> {
        self.markup_of(&entry.value)
    }

    /// The distinct texts of every message value of the resources and snapshots.
    fn texts(&self) -> &memo::Texts<'a> {
        self.texts.get_or_init(|| {
            let values = self
                .resources
                .values()
                .chain(self.snapshots.values())
                .flat_map(|p| p.entries.messages.iter().map(|m| m.value.as_str()));
            memo::Texts::new(values)
        })
    }

    /// The markup of every text, by index.
    fn markups(&self) -> &memo::Memo<markup::Markup> {
        self.markups.get_or_init(|| memo::Memo::new(self.texts(), |_, text| markup::Markup::of(text)))
    }

    /// The markup of a message value (see [`Context::markup`]).
    fn markup_of(&self, value: &str) -> std::borrow::Cow<'_, markup::Markup> {
        match self.markups().get(self.texts(), value) {
            Some(found) => std::borrow::Cow::Borrowed(found),
            None => std::borrow::Cow::Owned(markup::Markup::of(value)),
        }
    }

    /// The markup of `text` of `pair` (as [`Context::markup`], without looking its text up).
    pub fn pair_markup(&self, pair: &Pair, text: PairText) -> std::borrow::Cow<'_, markup::Markup> {
        match pair.text_index(text).and_then(|i| self.markups().at(i)) {
            Some(found) => std::borrow::Cow::Borrowed(found),
            None => self.markup(pair.entry(text)),
        }
    }

    /// The sentences of `text` of `pair` (as [`Context::sentences`], without looking its text
    /// up).
    pub fn pair_sentences(&self, pair: &Pair, text: PairText) -> std::borrow::Cow<'_, [sentences::Sentence]> {
        match pair.text_index(text).and_then(|i| self.all_sentences().at(i)) {
            Some(found) => std::borrow::Cow::Borrowed(found),
            None => self.sentences(pair.entry(text)),
        }
    }

    /// The sentences of every text, by index.
    fn all_sentences(&self) -> &memo::Memo<Vec<sentences::Sentence>> {
        self.sentences.get_or_init(|| {
            let markups = self.markups();
            memo::Memo::new(self.texts(), |i, text| match markups.at(i) {
                Some(markup) => sentences::sentences(markup, self.glossary()),
                None => sentences::sentences(&markup::Markup::of(text), self.glossary()),
            })
        })
    }

    /// The sentences of `entry`'s value ([`sentences::sentences`], do-not-translate terms not
    /// counted as words): read once per check for every message value of the resources and
    /// snapshots (today's source, the snapshots and the translations: three rules compare
    /// them), else now.
    pub fn sentences(&self, entry: &MessageEntry) -> std::borrow::Cow<'_, [sentences::Sentence]> {
        match self.all_sentences().get(self.texts(), &entry.value) {
            Some(found) => std::borrow::Cow::Borrowed(found),
            None => std::borrow::Cow::Owned(sentences::sentences(&self.markup(entry), self.glossary())),
        }
    }

    /// The do-not-translate terms of `tolk.toml`.
    pub fn glossary(&self) -> &crate::load::glossary::Glossary {
        &self.project.config.check.do_not_translate
    }

    /// A finding of `rule` about byte `offset` of `file` (severity filled in by [`run`]).
    pub fn finding(
        &self,
        rule: &'static str,
        file: &ResourceFile,
        offset: usize,
        message_id: Option<&str>,
        message: String,
    ) -> Finding {
        let mut finding = Finding::at(rule, &file.source, offset, &file.locale, message_id, message);
        // A finding about a message underlines its identifier.
        if let Some(id) = message_id.map(|id| id.trim_start_matches('-')) {
            if file.source.text.get(offset..).is_some_and(|rest| rest.starts_with(id)) {
                finding.span = offset..offset + id.len();
            }
        }
        finding
    }
}

/// The target locales of `config` that `only` names (all when it is empty).
///
/// Errors: [`Error::Usage`] when `only` names a locale that is not a configured target.
pub fn targets(config: &crate::load::Config, only: &[String]) -> Result<Vec<String>> {
    for l in only {
        if !config.targets().contains(l) {
            return Err(Error::Usage(format!(
                "--locale {l}: not a target locale of this site (targets: {})",
                config.targets().join(", ")
            )));
        }
    }
    Ok(config.targets().iter().filter(|l| only.is_empty() || only.contains(l)).cloned().collect())
}

/// The files of `files` that `keep` accepts with their entries, by (locale, name). Entries
/// are computed once per resource (in parallel: each serializes every message's pattern).
fn parse_all<'a>(
    files: &'a BTreeMap<String, Vec<ResourceFile>>,
    keep: impl Fn(&ResourceFile) -> bool + Sync,
) -> BTreeMap<(String, String), Parsed<'a>> {
    use rayon::prelude::*;
    let kept: Vec<&'a ResourceFile> = files.values().flatten().filter(|file| keep(file)).collect();
    kept.par_iter().for_each(|file| {
        file.entries();
    });
    kept.into_iter()
        .map(|file| ((file.locale.clone(), file.name.clone()), Parsed { file, entries: file.entries() }))
        .collect()
}

/// Runs every enabled rule and returns the findings in deterministic order, with severities
/// from the policy in `tolk.toml` and its ignores applied.
///
/// Errors: see [`Policy::new`].
pub fn run(ctx: &Context) -> Result<Vec<Finding>> {
    let policy = Policy::new(&ctx.project.config)?;
    let mut part = run_part(ctx, &policy);
    part.findings.extend(calibrated(&policy, part.calibration, None, ctx.source_locale()));
    Ok(finish(part.findings))
}

/// What the rules found in one part of the site: the findings of every [`Check::Part`] rule
/// (policy applied, unsorted), and what the [`Check::Calibrated`] ones need.
pub struct Part {
    /// The findings, with severities set and ignores applied.
    pub findings: Vec<Finding>,
    /// The length samples and candidates of `omission` and `addition`.
    pub calibration: rules::omission::Calibration,
}

/// Runs the [`Check::Part`] rules on `ctx` and collects what the others need.
pub fn run_part(ctx: &Context, policy: &Policy) -> Part {
    use rayon::prelude::*;
    // What several rules share is computed first: its parallel work must not run inside a
    // rule (a thread waiting on it could pick up another rule that waits for the same value).
    ctx.pairs();
    ctx.all_sentences();
    // Rules are independent: run them in parallel, then apply the policy in registry order.
    let found: Vec<(&Rule, Vec<Finding>)> = RULES
        .par_iter()
        .filter_map(|rule| match rule.check {
            Check::Part(check) => {
                let mut found = Vec::new();
                check(ctx, &mut found);
                Some((rule, found))
            }
            Check::Calibrated => None,
        })
        .collect();
    let mut findings = Vec::new();
    for (rule, found) in found {
        findings.extend(apply(policy, rule, found));
    }
    Part { findings, calibration: rules::omission::collect(ctx) }
}

/// `found` (by `rule`) with severities from `policy`, less what it turns off or ignores.
fn apply<'f>(policy: &'f Policy, rule: &'f Rule, found: Vec<Finding>) -> impl Iterator<Item = Finding> + 'f {
    found.into_iter().filter_map(move |mut finding| {
        let severity = policy.severity(rule, finding.grade(), &finding.locale)?;
        finding.severity = severity;
        (!policy.ignored(&finding)).then_some(finding)
    })
}

/// The findings of the [`Check::Calibrated`] rules (`omission`, `addition`), decided from
/// `calibration` with `ratios` (its own length ratios when `None`), policy applied.
pub fn calibrated(
    policy: &Policy,
    mut calibration: rules::omission::Calibration,
    ratios: Option<&std::collections::HashMap<String, f64>>,
    source_locale: &str,
) -> Vec<Finding> {
    let own;
    let ratios = match ratios {
        Some(ratios) => ratios,
        None => {
            own = calibration.ratios();
            &own
        }
    };
    let (omissions, additions) = rules::omission::decide(&calibration, ratios, source_locale);
    let mut found: Vec<Finding> = apply(policy, &rules::omission::OMISSION, omissions).collect();
    found.extend(apply(policy, &rules::omission::ADDITION, additions));
    found
}

/// The findings of a check (those of its parts and the [`calibrated`] ones) in report order
/// ([`Finding::sort_key`]; findings with equal keys keep their order). Errors shown in every
/// part (a shared resource's `render-error`) are reported once.
pub fn finish(mut findings: Vec<Finding>) -> Vec<Finding> {
    // `render-error` reports a shared resource's problem once per part; keep the first.
    let mut seen = std::collections::HashSet::new();
    findings.retain(|f| {
        f.rule != rules::render_error::RULE.id || seen.insert((f.file().to_path_buf(), f.span.start, f.message.clone()))
    });
    // Sorted by index, then moved into place: a stable sort of the findings themselves
    // needs a buffer of half of them (a large tree has 200,000).
    let mut order: Vec<u32> = (0..findings.len() as u32).collect();
    order.sort_by(|&a, &b| findings[a as usize].sort_key().cmp(&findings[b as usize].sort_key()));
    permute(&mut findings, order);
    findings
}

/// Reorders `items` so that position `i` holds what was at `order[i]` (`order` is a
/// permutation of the positions), in place: each cycle of the permutation is followed once.
pub(crate) fn permute<T>(items: &mut [T], mut order: Vec<u32>) {
    for start in 0..items.len() {
        let mut at = start;
        // Follow the cycle through `start`, marking each position done (order[i] == i).
        while order[at] as usize != start {
            let from = order[at] as usize;
            items.swap(at, from);
            order[at] = at as u32;
            at = from;
        }
        order[at] = at as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::permute;

    #[test]
    fn permute_moves_each_item_to_its_place_in_the_order() {
        let mut items = vec!['a', 'b', 'c', 'd', 'e', 'f'];
        // Cycles (0 3 1) and (2 4), and 5 in place.
        permute(&mut items, vec![3, 0, 4, 1, 2, 5]);
        assert_eq!(items, ['d', 'a', 'e', 'b', 'c', 'f']);
        let mut none: Vec<char> = Vec::new();
        permute(&mut none, Vec::new());
        assert!(none.is_empty());
    }
}
