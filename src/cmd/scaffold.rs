//! Starting and growing a site: `tolk init`, `tolk new article`, `tolk locale add` and
//! `tolk theme eject`. Each refuses to overwrite what exists and writes nothing then.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::load::skeleton::is_slug;

/// What `tolk init` asks for.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// The source locale (BCP 47).
    pub source: String,
    /// The target locales (BCP 47), in switcher order.
    pub targets: Vec<String>,
    /// The site title.
    pub title: String,
}

/// The sample article `tolk init` writes.
const SAMPLE: &str = "getting-started";

/// Writes a new site into `dir` (created if missing): `tolk.toml`, one sample article (its
/// skeleton, English resource and a model value it shows), the default theme's interface
/// strings in the source locale, and a directory per target locale. `tolk build` then works
/// at once, the targets showing the source text until translated. Returns the files written.
///
/// Errors: [`Error::Usage`] when `dir` already holds a `tolk.toml` or a file init would
/// write, or a locale is not a valid BCP 47 tag or is listed twice.
pub fn init(dir: &Path, options: &InitOptions) -> Result<Vec<PathBuf>> {
    let mut locales = vec![options.source.as_str()];
    locales.extend(options.targets.iter().map(String::as_str));
    for (i, locale) in locales.iter().enumerate() {
        valid_locale(locale)?;
        if locales[..i].contains(locale) {
            return Err(Error::Usage(format!("locale {locale} is listed twice")));
        }
    }
    let source = &options.source;
    let config = config_text(options);
    let count = locales.len();
    let mut files: Vec<(PathBuf, String)> = vec![
        ("tolk.toml".into(), config),
        (format!("content/articles/{SAMPLE}.md").into(), sample_skeleton()),
        (
            "content/model/site.toml".into(),
            format!(
                "# The facts every locale shows alike; a skeleton passes them to messages\n\
                 # (`{{{{ message-id name=site.locales }}}}`).\n\
                 locales = {count}\n"
            ),
        ),
        (format!("locales/{source}/{SAMPLE}.ftl").into(), sample_resource(source)),
        (format!("locales/{source}/ui.ftl").into(), crate::render::theme::UI_FTL.to_string()),
    ];
    for target in &options.targets {
        files.push((format!("locales/{target}/metadata.toml").into(), metadata_header()));
    }
    write_new(dir, &files)
}

/// The `tolk.toml` of a new site: title, source and target locales, optional keys commented.
pub fn config_text(options: &InitOptions) -> String {
    let source = &options.source;
    let targets: Vec<String> = options.targets.iter().map(|t| format!("{t:?}")).collect();
    format!(
        "# tolk site configuration (`tolk --help`). Optional keys are shown commented out.\n\
         [site]\n\
         title = {:?}\n\
         # base-url = \"https://docs.example.org\"   # canonical URLs, hreflang and sitemap.xml\n\
         \n\
         [locales]\n\
         source = {source:?}\n\
         targets = [{}]\n\
         # names = {{ en = \"English\", nl = \"Nederlands\" }}   # the language switcher's names\n\
         \n\
         [check]\n\
         # do-not-translate = [\"Product Name\"]   # terms kept verbatim in every locale\n",
        options.title,
        targets.join(", ")
    )
}

/// Creates the site's `tolk.toml` (and the source locale's `ui.ftl`) when `root` has none,
/// with `source` and `targets`; otherwise appends the `targets` it lacks to `[locales] targets`,
/// keeping the file's comments and layout. Returns the files written.
///
/// Errors: [`Error::Usage`] for an invalid locale or a `tolk.toml` whose targets are not an
/// array; load errors of `tolk.toml`; [`Error::Io`].
pub fn ensure_config(root: &Path, source: &str, targets: &[String], title: &str) -> Result<Vec<PathBuf>> {
    for locale in std::iter::once(source).chain(targets.iter().map(String::as_str)) {
        valid_locale(locale)?;
    }
    if !root.join("tolk.toml").is_file() {
        let options = InitOptions { source: source.to_string(), targets: targets.to_vec(), title: title.to_string() };
        let mut files = vec![(PathBuf::from("tolk.toml"), config_text(&options))];
        let ui = PathBuf::from(format!("locales/{source}/ui.ftl"));
        if !root.join(&ui).exists() {
            files.push((ui, crate::render::theme::UI_FTL.to_string()));
        }
        return write_new(root, &files);
    }
    let config = crate::load::Config::load(root)?;
    let missing: Vec<&str> = targets
        .iter()
        .map(String::as_str)
        .filter(|t| *t != config.source_locale && !config.targets().iter().any(|c| c == t))
        .collect();
    if missing.is_empty() {
        return Ok(Vec::new());
    }
    append_targets(root, &missing, None)
}

/// Appends `locales` to `[locales] targets` in `root/tolk.toml` (and `name` as the autonym of
/// a single locale), keeping comments and layout. Returns the file written.
fn append_targets(root: &Path, locales: &[&str], name: Option<&str>) -> Result<Vec<PathBuf>> {
    let path = root.join("tolk.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e| Error::Usage(format!("{}: {e}", path.display())))?;
    let table = doc["locales"].or_insert(toml_edit::table());
    let targets = table["targets"].or_insert(toml_edit::value(toml_edit::Array::new()));
    let Some(list) = targets.as_array_mut() else {
        return Err(Error::Usage(format!("{}: [locales] targets is not an array", path.display())));
    };
    for locale in locales {
        list.push(*locale);
    }
    if let (Some(name), [locale]) = (name, locales) {
        let names = table["names"].or_insert(toml_edit::value(toml_edit::InlineTable::new()));
        if let Some(t) = names.as_inline_table_mut() {
            t.insert(*locale, name.into());
        } else if let Some(t) = names.as_table_mut() {
            t.insert(locale, toml_edit::value(name));
        }
    }
    std::fs::write(&path, doc.to_string()).map_err(|e| Error::io(&path, e))?;
    Ok(vec![path])
}

/// Writes `content/articles/SLUG.md` and `locales/<source>/SLUG.ftl` of the site at `root`:
/// a skeleton with a heading and a paragraph, and their messages (`SECTION-title` =
/// `title`). Returns the files written.
///
/// Errors: [`Error::Usage`] when `slug` is not a valid slug or either file exists; load
/// errors of `tolk.toml`.
pub fn new_article(root: &Path, slug: &str, title: &str) -> Result<Vec<PathBuf>> {
    if !is_slug(slug) {
        return Err(Error::Usage(format!("`{slug}` is not a slug: {}", crate::load::skeleton::SLUG_RULE)));
    }
    let config = crate::load::Config::load(root)?;
    let source = &config.source_locale;
    // Ids as `tolk import` writes them (section and role, see `import::ids`).
    let section = crate::import::ids::section_name(&slug.replace(['-', '_'], " "));
    let skeleton = format!(
        "+++\ntitle = \"{section}-title\"\n+++\n# {{{{ {section}-title }}}} {{#{slug}}}\n\n{{{{ {section}-text-1 }}}}\n"
    );
    let resource = format!(
        "## {slug}: the messages of content/articles/{slug}.md.\n\n\
         # The article's title (page title and first heading).\n\
         {section}-title = {title}\n\
         # A paragraph in the section “{title}”.\n\
         {section}-text-1 = Write the first paragraph here.\n"
    );
    write_new(
        root,
        &[
            (format!("content/articles/{slug}.md").into(), skeleton),
            (format!("locales/{source}/{slug}.ftl").into(), resource),
        ],
    )
}

/// Adds `locale` to the target locales of the site at `root`: appends it to `targets` in
/// `tolk.toml` (and its autonym to `names`, when given), keeping the file's comments and
/// layout, and creates `locales/LOCALE/metadata.toml`. Returns the files written.
///
/// Errors: [`Error::Usage`] when `locale` is not a valid BCP 47 tag, is already the source or
/// a target, or `locales/LOCALE/metadata.toml` exists; load errors of `tolk.toml`.
pub fn add_locale(root: &Path, locale: &str, name: Option<&str>) -> Result<Vec<PathBuf>> {
    valid_locale(locale)?;
    let config = crate::load::Config::load(root)?;
    if config.source_locale == locale || config.targets().iter().any(|t| t == locale) {
        return Err(Error::Usage(format!("{locale} is already a locale of this site")));
    }
    let mut written = write_new(root, &[(format!("locales/{locale}/metadata.toml").into(), metadata_header())])?;
    written.extend(append_targets(root, &[locale], name)?);
    Ok(written)
}

/// Refuses a locale that is not a well-formed BCP 47 tag.
fn valid_locale(locale: &str) -> Result<()> {
    match locale.parse::<unic_langid::LanguageIdentifier>() {
        Ok(_) if !locale.is_empty() => Ok(()),
        _ => Err(Error::Usage(format!("`{locale}` is not a BCP 47 locale tag (such as en, nl, pt-BR)"))),
    }
}

/// Writes each (path relative to `root`, text), creating directories; refuses before writing
/// anything when one of them exists.
fn write_new(root: &Path, files: &[(PathBuf, String)]) -> Result<Vec<PathBuf>> {
    let existing: Vec<String> =
        files.iter().filter(|(p, _)| root.join(p).exists()).map(|(p, _)| p.display().to_string()).collect();
    if !existing.is_empty() {
        return Err(Error::Usage(format!(
            "{} already has {}; nothing was written",
            root.display(),
            existing.join(", ")
        )));
    }
    let mut written = Vec::new();
    for (relative, text) in files {
        let path = root.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
        written.push(path);
    }
    Ok(written)
}

/// The sample article's skeleton.
fn sample_skeleton() -> String {
    format!(
        "+++\n\
         title = \"{SAMPLE}-title\"\n\
         description = \"{SAMPLE}-text-1\"\n\
         +++\n\
         # {{{{ {SAMPLE}-title }}}} {{#{SAMPLE}}}\n\
         \n\
         {{{{ {SAMPLE}-text-1 }}}}\n\
         \n\
         ## {{{{ translate-title }}}} {{#translate}}\n\
         \n\
         {{{{ translate-text-1 }}}}\n\
         \n\
         {{{{ translate-locales count=site.locales }}}}\n"
    )
}

/// The sample article's messages in the source locale.
fn sample_resource(source: &str) -> String {
    r#"## SLUG: the sample article of `tolk init` (content/articles/SLUG.md).

# The article's title (page title and first heading).
SLUG-title = Getting started
# A paragraph in the section “Getting started”; also the page's description.
SLUG-text-1 = This article is written once, as the skeleton `content/articles/SLUG.md`, and its words live in one Fluent resource per locale.
# A section heading.
translate-title = Translate it
# A paragraph in the section “Translate it”.
translate-text-1 = Copy `locales/SOURCE/SLUG.ftl` into a target locale's directory and translate each message. `tolk check` reports what is missing or has drifted from the English, and `tolk serve` previews every locale as you edit.
# A paragraph in the section “Translate it”.
# $count (number): the number of locales of the site, from content/model/site.toml.
translate-locales = { $count ->
    [one] This site has one locale.
   *[other] This site has { $count } locales.
}
"#
    .replace("SLUG", SAMPLE)
    .replace("SOURCE", source)
}

/// The header of a new locale's `metadata.toml`.
fn metadata_header() -> String {
    "# Where each article's translation came from, per article slug (written by `tolk import`):\n\
     # [SLUG] translation-type = \"HT\" | \"MT\", source-commit, last-handoff.\n"
        .to_string()
}

/// `tolk init`: asks for what is not given when standard input is a terminal, else uses the
/// defaults (source `en`, no targets, the directory's name as title); writes the site and
/// prints what to do next. Returns the exit code (0).
///
/// Errors: as [`init`]; [`Error::Io`] when standard input cannot be read.
pub fn run_init(
    dir: &Path,
    source: Option<String>,
    targets: Option<Vec<String>>,
    title: Option<String>,
) -> Result<i32> {
    use std::io::IsTerminal;
    let interactive = std::io::stdin().is_terminal();
    let ask = |question: &str, default: &str| -> Result<String> {
        if !interactive {
            return Ok(default.to_string());
        }
        eprint!("{question} [{default}]: ");
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map_err(|e| Error::io(Path::new("<stdin>"), e))?;
        let line = line.trim();
        Ok(if line.is_empty() { default.to_string() } else { line.to_string() })
    };
    let name = std::fs::canonicalize(dir)
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .or_else(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "Documentation".to_string());
    let source = match source {
        Some(s) => s,
        None => ask("Source locale", "en")?,
    };
    let targets = match targets {
        Some(t) => t,
        None => ask("Target locales, comma-separated", "")?
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect(),
    };
    let title = match title {
        Some(t) => t,
        None => ask("Site title", &name)?,
    };
    let written = init(dir, &InitOptions { source, targets, title })?;
    for path in &written {
        eprintln!("wrote {}", path.display());
    }
    let cd = if dir == Path::new(".") { String::new() } else { format!("cd {} && ", dir.display()) };
    eprintln!("next: {cd}tolk build (into public/), tolk serve (live preview), tolk check (translation drift)");
    Ok(0)
}

/// Prints the files a command wrote and returns exit code 0.
///
/// Errors: the command's.
pub fn report(written: Result<Vec<PathBuf>>) -> Result<i32> {
    for path in written? {
        eprintln!("wrote {}", path.display());
    }
    Ok(0)
}
