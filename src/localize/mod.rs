//! Stage 2, localize: one Fluent bundle per locale and article, message lookup along the
//! fallback chain (`hu → en`), and [`page::LocalizedPage`]: each article localized once per
//! locale, the value render consumes.
//!
//! An article's bundle holds its own resource (`locales/<locale>/<slug>.ftl`) and every
//! shared resource of the locale (any `.ftl` whose stem is not an article slug). Resources
//! were parsed by load ([`crate::load::fluent::Resource`]); bundles share their syntax trees.

pub mod numbers;
pub mod page;

use std::collections::BTreeMap;
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentError, FluentMessage, FluentResource};

use crate::error::{Diagnostic, Error, Result};
use crate::load::fluent::ProblemKind;
use crate::load::{Project, ResourceFile};

pub use page::{localize_page, LocalizedPage, Mode};

/// One bundle: a locale's resources for one article (or its shared resources only).
type Bundle = FluentBundle<Arc<FluentResource>>;

/// The bundles of a project: per locale, the shared-only bundle and each article's (keyed by
/// slug), so a lookup borrows its keys instead of building them.
pub struct Localized {
    bundles: BTreeMap<String, (Option<Bundle>, BTreeMap<String, Bundle>)>,
    fallback: BTreeMap<String, Vec<String>>,
}

/// A formatted string and the locale that supplied it.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// The formatted text (Markdown for skeleton calls).
    pub text: String,
    /// The locale whose bundle had the message: the requested one, or one of its fallbacks.
    pub locale: String,
}

/// A message found along the fallback chain, ready to be formatted.
pub struct Lookup<'a> {
    /// The locale whose bundle has it.
    pub locale: &'a str,
    bundle: &'a Bundle,
    message: FluentMessage<'a>,
}

impl Lookup<'_> {
    /// The message's value (a lookup is only made for messages with one).
    pub fn value(&self) -> Option<&fluent_syntax::ast::Pattern<&str>> {
        self.message.value()
    }

    /// Formats the value with `args`.
    ///
    /// Errors: Fluent's resolver errors (unknown variable, message or term, cyclic reference,
    /// …), as its messages.
    pub fn format(&self, args: Option<&FluentArgs>) -> std::result::Result<String, Vec<String>> {
        let Some(pattern) = self.message.value() else { return Ok(String::new()) };
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, args, &mut errors).into_owned();
        if errors.is_empty() {
            Ok(text)
        } else {
            Err(errors.iter().map(ToString::to_string).collect())
        }
    }
}

impl Localized {
    /// Builds every bundle of `project`.
    ///
    /// Errors: every Fluent syntax error of every resource ([`Error::Input`] at its line and
    /// column, collected into [`Error::Many`]), and messages defined twice in one bundle.
    pub fn new(project: &Project) -> Result<Localized> {
        use rayon::prelude::*;
        let fallback = project.config.fallback.clone();
        // Locales are independent: build them in parallel.
        let results: Vec<Result<Localized>> = project
            .resources
            .keys()
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|locale| {
                let mut one = Localized { bundles: BTreeMap::new(), fallback: fallback.clone() };
                one.rebuild(project, locale, None).map(|()| one)
            })
            .collect();
        let mut localized = Localized { bundles: BTreeMap::new(), fallback };
        let mut errors = Vec::new();
        for result in results {
            match result {
                Ok(one) => localized.bundles.extend(one.bundles),
                Err(e) => errors.push(e),
            }
        }
        match Error::from_many(errors) {
            Some(e) => Err(e),
            None => Ok(localized),
        }
    }

    /// The bundles of one article in every locale (`Some(slug)`), or of the shared resources
    /// only (`None`): what rendering one article needs, without holding every article's
    /// bundles at once.
    ///
    /// Errors: as [`Localized::new`], for the resources involved.
    pub fn for_article(project: &Project, slug: Option<&str>) -> Result<Localized> {
        let mut localized = Localized { bundles: BTreeMap::new(), fallback: project.config.fallback.clone() };
        let mut errors = Vec::new();
        for locale in project.resources.keys() {
            if let Err(e) = localized.build(project, locale, Some(slug)) {
                errors.push(e);
            }
        }
        match Error::from_many(errors) {
            Some(e) => Err(e),
            None => Ok(localized),
        }
    }

    /// Rebuilds the bundles of `locale` from `project`: all of them (`only` = `None`), or
    /// only the bundle of article `only` (what an edit of that article's resource touches).
    /// On error the previous bundles stay.
    ///
    /// Errors: as [`Localized::new`], for this locale.
    pub fn rebuild(&mut self, project: &Project, locale: &str, only: Option<&str>) -> Result<()> {
        self.build(project, locale, only.map(Some))
    }

    /// Builds the bundles of `locale`: every one (`key` = `None`) or the one of `key`
    /// (`Some(None)`: shared resources only; `Some(Some(slug))`: that article's). Resources
    /// with syntax errors or invalid values, and ids defined twice in one bundle, are errors;
    /// the bundles are kept only when there are none.
    fn build(&mut self, project: &Project, locale: &str, key: Option<Option<&str>>) -> Result<()> {
        let (built, mut errors, duplicates) = self.bundles_of(project, locale, key)?;
        errors.extend(duplicates);
        if let Some(e) = Error::from_diagnostics(errors) {
            return Err(e);
        }
        self.insert(built);
        Ok(())
    }

    /// The bundles of one article in every locale (`Some(slug)`) or of the shared resources
    /// only (`None`), built whatever their resources' problems (which the checker reads from
    /// the resources themselves), with the ids that two resources of one bundle define: what
    /// the checker localizes with.
    ///
    /// Errors: a locale that is not a valid tag.
    pub fn for_article_with_duplicates(project: &Project, slug: Option<&str>) -> Result<(Localized, Vec<Diagnostic>)> {
        let mut localized = Localized { bundles: BTreeMap::new(), fallback: project.config.fallback.clone() };
        let mut found = Vec::new();
        for locale in project.resources.keys() {
            let (built, _, duplicates) = localized.bundles_of(project, locale, Some(slug))?;
            localized.insert(built);
            found.extend(duplicates);
        }
        Ok((localized, found))
    }

    /// Adds (or replaces) bundles keyed (locale, article slug or `None` for shared-only).
    fn insert(&mut self, built: Vec<((String, Option<String>), Bundle)>) {
        for ((locale, article), bundle) in built {
            let (shared, articles) = self.bundles.entry(locale).or_default();
            match article {
                Some(slug) => {
                    articles.insert(slug, bundle);
                }
                None => *shared = Some(bundle),
            }
        }
    }

    /// The bundle of `locale` for `article` (`None`: shared resources only), with the locale
    /// as the map holds it.
    fn bundle(&self, locale: &str, article: Option<&str>) -> Option<(&str, &Bundle)> {
        let (key, (shared, articles)) = self.bundles.get_key_value(locale)?;
        let bundle = match article {
            Some(slug) => articles.get(slug),
            None => shared.as_ref(),
        };
        bundle.map(|b| (key.as_str(), b))
    }

    #[allow(clippy::type_complexity)]
    fn bundles_of(
        &self,
        project: &Project,
        locale: &str,
        key: Option<Option<&str>>,
    ) -> Result<(Vec<((String, Option<String>), Bundle)>, Vec<Diagnostic>, Vec<Diagnostic>)> {
        let mut errors = Vec::new();
        let mut duplicates = Vec::new();
        let langid: unic_langid::LanguageIdentifier =
            locale.parse().map_err(|_| Error::Usage(format!("`{locale}` is not a locale tag")))?;
        let files = project.resources.get(locale).map(Vec::as_slice).unwrap_or_default();
        let no_owners = crate::load::Owners::default();
        let owners = project.owners(locale).unwrap_or(&no_owners);
        let problems = |file: &ResourceFile, errors: &mut Vec<Diagnostic>| {
            errors.extend(file.resource.problems.iter().map(|p| {
                let message = match p.kind {
                    ProblemKind::Syntax => format!("Fluent syntax error: {}", p.message),
                    ProblemKind::Value => p.message.clone(),
                };
                Diagnostic::new(&file.source, p.span.clone(), message)
            }))
        };
        let shared: Vec<&ResourceFile> = owners.shared.iter().map(|i| &files[*i]).collect();
        let wanted: Vec<(&String, &Vec<usize>)> = match key {
            None => owners.articles.iter().collect(),
            Some(one) => one.and_then(|slug| owners.articles.get_key_value(slug)).into_iter().collect(),
        };
        // Each resource's problems are reported once, however many bundles hold it.
        for file in &shared {
            problems(file, &mut errors);
        }
        let mut own: BTreeMap<&str, Vec<&ResourceFile>> = BTreeMap::new();
        for (slug, indices) in wanted {
            let list: Vec<&ResourceFile> = indices.iter().map(|i| &files[*i]).collect();
            for file in &list {
                problems(file, &mut errors);
            }
            own.insert(slug.as_str(), list);
        }
        let keys: Vec<Option<&str>> = match key {
            Some(one) => vec![one],
            None => std::iter::once(None).chain(project.articles.iter().map(|a| Some(a.slug.as_str()))).collect(),
        };
        // Isolation marks (U+2068/U+2069) only where text runs right to left.
        let isolating = numbers::direction(locale) == "rtl";
        let mut built = Vec::new();
        for bundle_key in keys {
            let mut bundle = FluentBundle::new_concurrent(vec![langid.clone()]);
            bundle.set_use_isolating(isolating);
            bundle.set_formatter(Some(numbers::format));
            let _ = bundle.add_builtins();
            let articles = bundle_key.and_then(|k| own.get(k)).map(Vec::as_slice).unwrap_or_default();
            for (is_shared, file) in shared.iter().map(|r| (true, r)).chain(articles.iter().map(|r| (false, r))) {
                if let Err(errs) = bundle.add_resource(Arc::clone(&file.resource.fluent)) {
                    // Shared resources are added to every bundle: report them once.
                    if bundle_key.is_none() || !is_shared || key.is_some() {
                        duplicates.extend(errs.iter().map(|e| duplicate(file, e)));
                    }
                }
            }
            built.push(((locale.to_string(), bundle_key.map(str::to_string)), bundle));
        }
        Ok((built, errors, duplicates))
    }

    /// The locales tried for `locale`: itself, then its fallback chain.
    pub fn chain<'a>(&'a self, locale: &'a str) -> impl Iterator<Item = &'a str> {
        std::iter::once(locale).chain(self.fallback.get(locale).into_iter().flatten().map(String::as_str))
    }

    /// Whether `locale` itself (not a fallback) defines message `id` with a value for `article`.
    pub fn has_own(&self, locale: &str, article: Option<&str>, id: &str) -> bool {
        self.bundle(locale, article).and_then(|(_, b)| b.get_message(id)).is_some_and(|m| m.value().is_some())
    }

    /// Message `id` (with a value) for `locale` in the bundle of `article` (`None`: shared
    /// resources only): the first locale of the fallback chain that defines it.
    pub fn lookup(&self, locale: &str, article: Option<&str>, id: &str) -> Option<Lookup<'_>> {
        self.chain(locale).find_map(|candidate| {
            let (locale, bundle) = self.bundle(candidate, article)?;
            let message = bundle.get_message(id).filter(|m| m.value().is_some())?;
            Some(Lookup { locale, bundle, message })
        })
    }

    /// Formats message `id` (its value) for `locale` in the bundle of `article` (`None`:
    /// shared resources only), trying the fallback chain in order.
    ///
    /// Returns `Ok(None)` when no locale of the chain defines the message with a value, and
    /// `Err(text)` describing Fluent resolver errors (unknown variable, cyclic reference, …).
    pub fn format(
        &self,
        locale: &str,
        article: Option<&str>,
        id: &str,
        args: Option<&FluentArgs>,
    ) -> std::result::Result<Option<Resolved>, String> {
        let Some(found) = self.lookup(locale, article, id) else { return Ok(None) };
        match found.format(args) {
            Ok(text) => Ok(Some(Resolved { text, locale: found.locale.to_string() })),
            Err(errors) => Err(format!("message `{id}` in `{}`: {}", found.locale, errors.join("; "))),
        }
    }
}

/// Where message `id` of `locale` is defined for `article`: its resource file and the span of
/// its identifier (the article's own resource first, then the shared ones).
pub fn find_message<'p>(
    project: &'p Project,
    locale: &str,
    article: Option<&str>,
    id: &str,
) -> Option<(&'p ResourceFile, std::ops::Range<usize>)> {
    let files = project.resources.get(locale)?;
    let owners = project.owners(locale)?;
    let own = article.and_then(|slug| owners.articles.get(slug)).into_iter().flatten();
    own.chain(&owners.shared).find_map(|&i| {
        let file = &files[i];
        file.entries().get(id).map(|m| (file, m.span()))
    })
}

fn duplicate(file: &ResourceFile, err: &FluentError) -> Diagnostic {
    let id = match err {
        FluentError::Overriding { id, .. } => id.as_str(),
        _ => "",
    };
    let entries = file.entries();
    // The definition that was refused: the last one of this id (message or term) in the file.
    let span = entries.messages.iter().rev().find(|m| m.id.trim_start_matches('-') == id).map(|m| m.span());
    let both = entries.get(id).is_some() && entries.get(&format!("-{id}")).is_some();
    let message = if both {
        format!("the message `{id}` and the term `-{id}` share a name, which one Fluent bundle cannot hold; rename one")
    } else {
        format!("{err}: each message id may be defined once per locale (article resource plus shared resources)")
    };
    Diagnostic::new(&file.source, span.unwrap_or(0..0), message)
}
