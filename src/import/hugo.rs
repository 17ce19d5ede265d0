//! `tolk import hugo`: a multilingual Hugo site → articles, resources, `tolk.toml`.
//!
//! Hugo's configuration (`hugo.toml`, `config.toml`, or their `.yaml`/`.yml` forms) gives the
//! default content language (`defaultContentLanguage`, `en` when absent) and the languages
//! (`[languages.<code>]`, each with an optional `contentDir`). Translations live either in
//! each language's content directory under the same path, or beside the page as
//! `name.<code>.md` (Hugo's "translation by file name"). Every page of the default language
//! becomes an article; its slug is its path (`docs/install.md` → `docs-install`; a bundle's
//! `index.md` or a section's `_index.md` takes its directory's path). Hugo records no English
//! a translation was made from: no message gets a source snapshot.

use std::path::{Path, PathBuf};

use super::markdown::{self, Dialect};
use super::pages::{self, SourcePage};
use super::ImportReport;
use crate::error::{Error, Result};

/// Hugo's configuration, as far as import needs it.
#[derive(Debug, Clone, Default)]
struct Config {
    title: String,
    default_language: String,
    content_dir: String,
    /// Language code → its `contentDir`, if set.
    languages: Vec<(String, Option<String>)>,
}

/// Imports the Hugo site at `input` into the tolk site at `site`.
///
/// Errors: [`Error::Usage`] when `input` has no Hugo configuration or no default-language
/// pages, or for files import does not own (see [`super::commit`]); [`Error::Input`] at
/// the place of malformed configuration, front matter or a shortcode; [`Error::Io`].
pub fn import(input: &Path, site: &Path, force: bool) -> Result<ImportReport> {
    let config = read_config(input)?;
    let source_dir = input.join(
        config
            .languages
            .iter()
            .find(|(code, _)| *code == config.default_language)
            .and_then(|(_, dir)| dir.clone())
            .unwrap_or_else(|| config.content_dir.clone()),
    );
    let targets: Vec<&(String, Option<String>)> =
        config.languages.iter().filter(|(code, _)| *code != config.default_language).collect();
    let mut sources: Vec<(SourcePage, PathBuf, PathBuf)> = Vec::new(); // page, file, rel key
    for file in pages::markdown_files(&source_dir)? {
        let rel = file.strip_prefix(&source_dir).unwrap_or(&file).to_path_buf();
        let name = rel.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let stem = name.trim_end_matches(".md");
        let (base, lang) = match stem.rsplit_once('.') {
            Some((base, lang)) if config.languages.iter().any(|(c, _)| c == lang) => (base, Some(lang)),
            _ => (stem, None),
        };
        if lang.is_some_and(|l| l != config.default_language) {
            continue; // a translation by file name
        }
        let key = rel.with_file_name(format!("{base}.md"));
        let dir = key.parent().map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default();
        let slug_source = match base {
            "_index" | "index" if dir.is_empty() => "home".to_string(),
            "_index" | "index" => dir.clone(),
            _ if dir.is_empty() => base.to_string(),
            _ => format!("{dir}/{base}"),
        };
        let slug = pages::slug_of(&slug_source);
        let shown = source_dir.strip_prefix(input).unwrap_or(&source_dir).join(&rel);
        let path = key.to_string_lossy().replace('\\', "/");
        sources.push((SourcePage { slug, shown, path, weight: None }, file, key));
    }
    if sources.is_empty() {
        return Err(Error::Usage(format!(
            "{}: no Markdown pages of the default language `{}`",
            source_dir.display(),
            config.default_language
        )));
    }
    let pages_only: Vec<SourcePage> = sources.iter().map(|(p, _, _)| p.clone()).collect();
    pages::unique_slugs(&pages_only)?;
    let links = pages::Links::new(&pages_only);
    let source_locale = config.default_language.clone();
    let mut report = ImportReport::default();
    let mut articles = Vec::new();
    for (source, file, key) in &sources {
        let page = markdown::parse(pages::read_input(input, file, &source.shown)?, Dialect::Hugo, None)?;
        let mut article = pages::source_article(site, &source_locale, "hugo", source, &page, &links)?;
        for (code, dir) in &targets {
            let path = match dir {
                Some(dir) => input.join(dir).join(key),
                None => source_dir.join(key.with_file_name(format!(
                    "{}.{code}.md",
                    key.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default()
                ))),
            };
            if !path.is_file() {
                continue;
            }
            let shown = path.strip_prefix(input).unwrap_or(&path).to_path_buf();
            let translated = markdown::parse(pages::read_input(input, &path, &shown)?, Dialect::Hugo, None)?;
            let translation =
                pages::whole_page_translation(&article, &translated, (code, &source.path), "hugo", &links, &mut report);
            article.translations.push(translation);
        }
        articles.push(article);
    }
    pages::write(site, &source_locale, &config.title, articles, report, force)
}

/// Reads the first of `hugo.toml`, `config.toml`, `hugo.yaml`, `hugo.yml`, `config.yaml`,
/// `config.yml` in `input`. Keys are matched without regard to case, as Hugo does.
fn read_config(input: &Path) -> Result<Config> {
    let names = ["hugo.toml", "config.toml", "hugo.yaml", "hugo.yml", "config.yaml", "config.yml"];
    let Some(path) = names.iter().map(|n| input.join(n)).find(|p| p.is_file()) else {
        return Err(Error::Usage(format!(
            "{}: no Hugo configuration ({}); is this a Hugo site? (JSON configuration is not read)",
            input.display(),
            names.join(", ")
        )));
    };
    let shown = path.strip_prefix(input).unwrap_or(&path).to_path_buf();
    let source = crate::fs::read_source(&path, &shown)?;
    let value: serde_json::Value = if path.extension().is_some_and(|e| e == "toml") {
        let table: toml::Table = source.text.parse().map_err(|e| crate::load::config::toml_error(&source, &e))?;
        serde_json::to_value(table).unwrap_or_default()
    } else {
        super::msdocs::refuse_aliases(&source, &source.text, 0)?;
        let docs = yaml_rust2::YamlLoader::load_from_str(&source.text).map_err(|e| {
            Error::input(&source, e.marker().index().min(source.text.len()), format!("not valid YAML: {}", e.info()))
        })?;
        docs.into_iter().next().map(|d| yaml_to_json(&d)).unwrap_or_default()
    };
    let get = |v: &serde_json::Value, key: &str| -> Option<serde_json::Value> {
        v.as_object()?.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v.clone())
    };
    let text = |v: Option<serde_json::Value>| v.and_then(|v| v.as_str().map(str::to_string));
    let default_language = text(get(&value, "defaultContentLanguage")).unwrap_or_else(|| "en".into()).to_lowercase();
    let mut languages: Vec<(String, Option<String>)> = get(&value, "languages")
        .and_then(|l| l.as_object().cloned())
        .map(|map| map.into_iter().map(|(code, v)| (code.to_lowercase(), text(get(&v, "contentDir")))).collect())
        .unwrap_or_default();
    if !languages.iter().any(|(c, _)| *c == default_language) {
        languages.push((default_language.clone(), None));
    }
    languages.sort();
    Ok(Config {
        title: text(get(&value, "title")).unwrap_or_else(|| "Documentation".into()),
        content_dir: text(get(&value, "contentDir")).unwrap_or_else(|| "content".into()),
        default_language,
        languages,
    })
}

fn yaml_to_json(yaml: &yaml_rust2::Yaml) -> serde_json::Value {
    use yaml_rust2::Yaml;
    match yaml {
        Yaml::String(s) | Yaml::Real(s) => serde_json::Value::String(s.clone()),
        Yaml::Integer(i) => serde_json::Value::from(*i),
        Yaml::Boolean(b) => serde_json::Value::Bool(*b),
        Yaml::Array(items) => serde_json::Value::Array(items.iter().map(yaml_to_json).collect()),
        Yaml::Hash(hash) => serde_json::Value::Object(
            hash.iter().filter_map(|(k, v)| Some((k.as_str()?.to_string(), yaml_to_json(v)))).collect(),
        ),
        _ => serde_json::Value::Null,
    }
}
