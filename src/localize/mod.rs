//! Stage 2, localize: one Fluent bundle per locale and article, and message lookup along
//! the fallback chain (`hu → en`), recording which locale supplied each string.
//!
//! An article's bundle holds its own resource (`locales/<locale>/<slug>.ftl`) and every
//! shared resource of the locale (any `.ftl` whose stem is not an article slug). Shared
//! resources are parsed once per locale and shared between bundles.

pub mod numbers;

use std::collections::BTreeMap;
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentError, FluentResource};

use crate::error::{Error, Result};
use crate::load::{Project, ResourceFile};

/// The bundles of a project: key (locale, article slug or `None` for shared-only).
pub struct Localized {
    bundles: BTreeMap<(String, Option<String>), FluentBundle<Arc<FluentResource>>>,
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

    /// No bundles at all (a placeholder while bundles are rebuilt).
    pub fn empty() -> Localized {
        Localized { bundles: BTreeMap::new(), fallback: BTreeMap::new() }
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
    /// (`Some(None)`: shared resources only; `Some(Some(slug))`: that article's).
    fn build(&mut self, project: &Project, locale: &str, key: Option<Option<&str>>) -> Result<()> {
        let mut errors = Vec::new();
        let langid: unic_langid::LanguageIdentifier =
            locale.parse().map_err(|_| Error::Usage(format!("`{locale}` is not a locale tag")))?;
        let files = project.resources.get(locale).map(Vec::as_slice).unwrap_or_default();
        let no_owners = crate::load::Owners::default();
        let owners = project.owners(locale).unwrap_or(&no_owners);
        let parsed = |i: &usize, errors: &mut Vec<Error>| (&files[*i], Arc::new(parse(&files[*i], errors)));
        let shared: Vec<(&ResourceFile, Arc<FluentResource>)> =
            owners.shared.iter().map(|i| parsed(i, &mut errors)).collect();
        let mut own: BTreeMap<&str, Vec<(&ResourceFile, Arc<FluentResource>)>> = BTreeMap::new();
        let wanted: Vec<(&String, &Vec<usize>)> = match key {
            None => owners.articles.iter().collect(),
            Some(one) => one.and_then(|slug| owners.articles.get_key_value(slug)).into_iter().collect(),
        };
        for (slug, indices) in wanted {
            own.insert(slug.as_str(), indices.iter().map(|i| parsed(i, &mut errors)).collect());
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
            for (is_shared, (file, resource)) in
                shared.iter().map(|r| (true, r)).chain(articles.iter().map(|r| (false, r)))
            {
                if let Err(errs) = bundle.add_resource(Arc::clone(resource)) {
                    // Shared resources are added to every bundle: report them once.
                    if bundle_key.is_none() || !is_shared || key.is_some() {
                        errors.extend(errs.iter().map(|e| duplicate(file, e)));
                    }
                }
            }
            built.push(((locale.to_string(), bundle_key.map(str::to_string)), bundle));
        }
        if let Some(e) = Error::from_many(errors) {
            return Err(e);
        }
        self.bundles.extend(built);
        Ok(())
    }

    /// The locales tried for `locale`: itself, then its fallback chain.
    pub fn chain<'a>(&'a self, locale: &'a str) -> impl Iterator<Item = &'a str> {
        std::iter::once(locale).chain(self.fallback.get(locale).into_iter().flatten().map(String::as_str))
    }

    /// Whether `locale` itself (not a fallback) defines message `id` with a value for `article`.
    pub fn has_own(&self, locale: &str, article: Option<&str>, id: &str) -> bool {
        self.bundles
            .get(&(locale.to_string(), article.map(str::to_string)))
            .and_then(|b| b.get_message(id))
            .is_some_and(|m| m.value().is_some())
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
        for candidate in self.chain(locale) {
            let Some(bundle) = self.bundles.get(&(candidate.to_string(), article.map(str::to_string))) else {
                continue;
            };
            let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, args, &mut errors).into_owned();
            if !errors.is_empty() {
                let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
                return Err(format!("message `{id}` in `{candidate}`: {}", list.join("; ")));
            }
            return Ok(Some(Resolved { text, locale: candidate.to_string() }));
        }
        Ok(None)
    }
}

fn parse(file: &ResourceFile, errors: &mut Vec<Error>) -> FluentResource {
    if let Some(offset) = crate::load::fluent::too_deep(&file.source.text) {
        let limit = crate::load::fluent::MAX_NESTING;
        errors.push(Error::input(
            &file.source,
            offset,
            format!("placeables nested more than {limit} deep; simplify the message"),
        ));
        return FluentResource::try_new(String::new()).unwrap_or_else(|(r, _)| r);
    }
    match FluentResource::try_new(file.source.text.to_string()) {
        Ok(resource) => resource,
        Err((resource, parse_errors)) => {
            errors.extend(parse_errors.iter().map(|e| {
                Error::input(
                    &file.source,
                    crate::load::fluent::error_offset(&file.source.text, e),
                    format!("Fluent syntax error: {}", e.kind),
                )
            }));
            resource
        }
    }
}

fn duplicate(file: &ResourceFile, err: &FluentError) -> Error {
    let id = match err {
        FluentError::Overriding { id, .. } => id.as_str(),
        _ => "",
    };
    let offset = file
        .source
        .text
        .lines()
        .scan(0, |pos, line| {
            let start = *pos;
            *pos += line.len() + 1;
            Some((start, line))
        })
        .find(|(_, line)| line.split('=').next().map(str::trim) == Some(id))
        .map(|(s, _)| s)
        .unwrap_or(0);
    Error::input(
        &file.source,
        offset,
        format!("{err}: each message id may be defined once per locale (article resource plus shared resources)"),
    )
}
