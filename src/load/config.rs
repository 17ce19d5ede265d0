//! `tolk.toml`: the site configuration, read in two phases (serde with unknown keys refused,
//! then a validated [`Config`]).
//!
//! ```toml
//! [site]
//! title = "Partner benefits"            # plain text, shown in the header
//! base-url = "https://docs.example.org"  # optional: canonical URLs, hreflang, sitemap.xml
//! external-base = "https://learn.example.org/docs/"  # optional: where links to articles the
//!                                        # site lacks (`other.md`) go, as `<external-base>other`
//! status-page = false                    # optional: OUT/status/index.html, translation status
//! edit-url = "https://github.com/o/r/edit/main/"  # optional: "Edit this page" links to
//!                                        # `<edit-url><file>` (the skeleton or the .ftl file)
//!
//! [publish]                              # locale activation (default: publish with fallback)
//! min-translated = 0.0                   # share of an article's strings in the locale itself
//! required = []                          # message ids that must be translated
//! unpublished = "omit"                   # or "source": link the source locale's page instead;
//!                                        # or "notice": write the page in the source locale's
//!                                        # text, saying so, with noindex
//! [publish.locale.hu]                    # per locale …
//! min-translated = 0.8
//! [publish.article.technical-support-benefits]   # … and per article (wins over the locale)
//! required = ["overview--title"]
//!
//! [locales]
//! source = "en"                          # BCP 47 tag of the source locale
//! targets = ["nl", "de", "hu"]           # target locales, in switcher order
//! names = { en = "English", nl = "Nederlands" }   # autonyms for the switcher
//! fallback = { hu = ["de"] }             # optional; every chain ends in the source locale
//!
//! [check]
//! do-not-translate = ["Signature Cloud Support"]   # terms kept verbatim in every locale
//!
//! [check.severity]                       # per rule: error | warning | info | off,
//! number-mismatch = "error"              # or per grade for graded rules:
//! stale-translation = { cosmetic = "off", wording = "warning", content = "error" }
//!
//! [check.locale.hu.severity]             # overrides for one locale
//! untranslated = "info"
//!
//! [[check.ignore]]                       # drop findings matching all given fields
//! rule = "missing-message"               # (message and file take `*` globs)
//! locale = "de"
//! message = "ui-*"
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use unic_langid::LanguageIdentifier;

use crate::error::{Error, Result};
use crate::source::SourceText;

/// The validated configuration of one site.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site root: the directory holding `tolk.toml`.
    pub root: PathBuf,
    /// The text of `tolk.toml`, for locating keys in later messages.
    pub source: SourceText,
    /// Site title (plain text).
    pub title: String,
    /// Base URL without trailing slash, if configured.
    pub base_url: Option<String>,
    /// Whether the build writes the translation status page (`OUT/status/index.html`).
    pub status_page: bool,
    /// The source locale; also first in [`Config::locales`].
    pub source_locale: String,
    /// All locales: the source locale first, then the targets in configured order.
    pub locales: Vec<String>,
    /// Display name (autonym) per locale; the tag itself when none is configured.
    pub names: BTreeMap<String, String>,
    /// Fallback chain per locale, not including the locale itself; ends in the source locale
    /// (empty for the source locale).
    pub fallback: BTreeMap<String, Vec<String>>,
    /// The checker's policy.
    pub check: CheckPolicy,
    /// Where links to articles the site lacks go (`<external-base>NAME`), if configured.
    pub external_base: Option<String>,
    /// Where a page's source files can be edited (`<edit-url><path from the site root>`), if
    /// configured.
    pub edit_url: Option<String>,
    /// Locale activation.
    pub publish: Publish,
}

/// `[publish]`: when a locale's page of an article is published.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Publish {
    /// Default rule for every page.
    #[serde(flatten)]
    pub default: PublishRule,
    /// What happens to unpublished pages: `omit` (default), `source` or `notice`.
    #[serde(default)]
    pub unpublished: Unpublished,
    /// Per-locale rules.
    #[serde(default)]
    pub locale: BTreeMap<String, PublishRule>,
    /// Per-article rules (they win over per-locale rules).
    #[serde(default)]
    pub article: BTreeMap<String, PublishRule>,
}

/// A publication threshold.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PublishRule {
    /// Share (0.0 to 1.0) of the page's strings that must come from the locale itself.
    pub min_translated: Option<f64>,
    /// Message ids the locale must translate.
    #[serde(default)]
    pub required: Vec<String>,
}

/// What the build does with a page that is not published (below `min-translated`, or
/// missing a required message).
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Unpublished {
    /// No page; the switcher, locale home, sitemap and previous/next leave it out.
    #[default]
    Omit,
    /// No page; the switcher links the source locale's page instead.
    Source,
    /// A page at the locale's address with the source locale's text, the locale's interface
    /// and one notice, in the locale, that links the source page; `noindex`, canonical URL
    /// the source page's, in no hreflang set or sitemap; the switcher and locale home show it
    /// as in the source language.
    Notice,
}

impl Publish {
    /// Whether any rule could leave a page unpublished (a threshold or a required message
    /// anywhere); without one every page is published.
    pub fn has_rules(&self) -> bool {
        let set = |r: &PublishRule| r.min_translated.is_some_and(|m| m > 0.0) || !r.required.is_empty();
        set(&self.default) || self.locale.values().any(set) || self.article.values().any(set)
    }

    /// The rule for `locale`'s page of `article`: the article's, else the locale's, else the
    /// default (each field separately).
    pub fn rule(&self, locale: &str, article: &str) -> PublishRule {
        let layers = [self.article.get(article), self.locale.get(locale), Some(&self.default)];
        PublishRule {
            min_translated: layers.iter().flatten().find_map(|r| r.min_translated),
            required: layers
                .iter()
                .flatten()
                .find(|r| !r.required.is_empty())
                .map(|r| r.required.clone())
                .unwrap_or_default(),
        }
    }
}

/// `[check]` of `tolk.toml`: severities, do-not-translate terms, ignores. Rule ids and
/// severity words are validated by the checker, which knows the rules.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckPolicy {
    /// Severity per rule id: a severity word, or a table of grade → severity word.
    #[serde(default)]
    pub severity: BTreeMap<String, toml::Value>,
    /// Per-locale overrides of `severity`.
    #[serde(default)]
    pub locale: BTreeMap<String, LocalePolicy>,
    /// Terms (product names) that must appear verbatim in translations and never count as
    /// untranslated text or as language evidence.
    #[serde(default)]
    pub do_not_translate: super::glossary::Glossary,
    /// Findings to drop.
    #[serde(default)]
    pub ignore: Vec<Ignore>,
}

/// `[check.locale.<locale>]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LocalePolicy {
    /// Severity per rule id for this locale (same values as `[check.severity]`).
    #[serde(default)]
    pub severity: BTreeMap<String, toml::Value>,
}

/// One `[[check.ignore]]` entry: a finding is dropped when every given field matches.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Ignore {
    /// Rule id.
    pub rule: Option<String>,
    /// Locale tag.
    pub locale: Option<String>,
    /// Message id; `*` matches any run of characters.
    pub message: Option<String>,
    /// File path relative to the site root; `*` matches any run of characters.
    pub file: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    site: RawSite,
    locales: RawLocales,
    #[serde(default)]
    check: CheckPolicy,
    #[serde(default)]
    publish: Publish,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSite {
    title: String,
    base_url: Option<String>,
    external_base: Option<String>,
    edit_url: Option<String>,
    #[serde(default)]
    status_page: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLocales {
    source: String,
    #[serde(default)]
    targets: Vec<String>,
    #[serde(default)]
    names: BTreeMap<String, String>,
    #[serde(default)]
    fallback: BTreeMap<String, Vec<String>>,
}

impl Config {
    /// Reads `root/tolk.toml`.
    ///
    /// Errors: [`Error::Usage`] when the file is missing; [`Error::Input`] with line and
    /// column for malformed TOML, unknown keys, invalid or repeated locale tags, and
    /// fallback chains that name unknown locales.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join("tolk.toml");
        if !path.is_file() {
            return Err(Error::Usage(format!(
                "no tolk.toml in {}: run tolk in a site directory, or pass --site DIR",
                root.display()
            )));
        }
        let source = crate::fs::read_source(&path, Path::new("tolk.toml"))?;
        let raw: RawConfig = toml::from_str(&source.text).map_err(|e| toml_error(&source, &e))?;
        let at_key = |key: &str| {
            let offset = source.text.find(&format!("\"{key}\"")).or_else(|| source.text.find(key)).unwrap_or(0);
            offset
        };

        // The base and edit URLs go into href attributes of every page as written: absolute
        // http(s) URLs of characters that need no escaping there.
        for (key, url) in [("base-url", &raw.site.base_url), ("edit-url", &raw.site.edit_url)] {
            let Some(url) = url else { continue };
            let scheme = url.starts_with("https://") || url.starts_with("http://");
            if !scheme || url.chars().any(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`".contains(c)) {
                return Err(Error::input(
                    &source,
                    source.text.find(key).unwrap_or(0),
                    format!("`{key}` must be an absolute http:// or https:// URL without spaces, quotes, `<`, `>` or backslashes"),
                ));
            }
        }
        let mut locales = vec![raw.locales.source.clone()];
        locales.extend(raw.locales.targets.iter().cloned());
        for (i, tag) in locales.iter().enumerate() {
            if tag.parse::<LanguageIdentifier>().is_err() {
                return Err(Error::input(
                    &source,
                    at_key(tag),
                    format!("`{tag}` is not a BCP 47 locale tag (e.g. `en`, `pt-BR`)"),
                ));
            }
            if locales[..i].contains(tag) {
                return Err(Error::input(&source, at_key(tag), format!("locale `{tag}` is listed twice")));
            }
        }
        let mut fallback = BTreeMap::new();
        for locale in &locales {
            let mut chain = raw.locales.fallback.get(locale).cloned().unwrap_or_default();
            for step in &chain {
                if !locales.contains(step) || step == locale {
                    return Err(Error::input(
                        &source,
                        at_key(step),
                        format!("fallback of `{locale}` names `{step}`, which is not another configured locale"),
                    ));
                }
            }
            if *locale != raw.locales.source && !chain.contains(&raw.locales.source) {
                chain.push(raw.locales.source.clone());
            }
            fallback.insert(locale.clone(), chain);
        }
        for key in raw
            .locales
            .fallback
            .keys()
            .chain(raw.locales.names.keys())
            .chain(raw.check.locale.keys())
            .chain(raw.publish.locale.keys())
        {
            if !locales.contains(key) {
                return Err(Error::input(
                    &source,
                    at_key(key),
                    format!("`{key}` is not a configured locale (add it to `targets`)"),
                ));
            }
        }
        let names = locales
            .iter()
            .map(|l| (l.clone(), raw.locales.names.get(l).cloned().unwrap_or_else(|| l.clone())))
            .collect();
        Ok(Config {
            root: root.to_path_buf(),
            source,
            title: raw.site.title,
            base_url: raw.site.base_url.map(|u| u.trim_end_matches('/').to_string()),
            status_page: raw.site.status_page,
            source_locale: raw.locales.source,
            locales,
            names,
            fallback,
            check: raw.check,
            external_base: raw.site.external_base,
            edit_url: raw.site.edit_url,
            publish: raw.publish,
        })
    }

    /// A configuration for checking a plain Fluent tree (no `tolk.toml`): `source` and
    /// `targets` as given, no fallback beyond the source, default policy.
    pub fn for_ftl_tree(root: &Path, source: &str, targets: &[String]) -> Config {
        let mut locales = vec![source.to_string()];
        locales.extend(targets.iter().filter(|t| *t != source).cloned());
        Config {
            root: root.to_path_buf(),
            source: SourceText::new("tolk.toml", ""),
            title: String::new(),
            base_url: None,
            status_page: false,
            source_locale: source.to_string(),
            names: locales.iter().map(|l| (l.clone(), l.clone())).collect(),
            fallback: locales
                .iter()
                .map(|l| (l.clone(), if l == source { vec![] } else { vec![source.to_string()] }))
                .collect(),
            locales,
            check: CheckPolicy::default(),
            external_base: None,
            edit_url: None,
            publish: Publish::default(),
        }
    }

    /// The target locales (all but the source locale).
    pub fn targets(&self) -> &[String] {
        &self.locales[1..]
    }
}

/// Turns a toml parse or schema error into an [`Error::Input`] at its span.
pub fn toml_error(source: &SourceText, err: &toml::de::Error) -> Error {
    let offset = err.span().map(|s| s.start).unwrap_or(0);
    Error::input(source, offset, toml_message(&source.text, offset, err))
}

/// The toml crate's message for `err` at byte `offset` of `text`, on one line; it gives none
/// for some characters, which are then named.
pub fn toml_message(text: &str, offset: usize, err: &toml::de::Error) -> String {
    let message = err.message().replace('\n', " ");
    if !message.trim().is_empty() {
        return message;
    }
    match text.get(offset..).and_then(|rest| rest.chars().next()) {
        Some(c) if c.is_control() => format!("control character U+{:04X} is not allowed in TOML here", c as u32),
        Some(c) => format!("unexpected `{c}`: not valid TOML here"),
        None => "unexpected end of the text: not valid TOML".to_string(),
    }
}
