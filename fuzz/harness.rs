//! The fuzzing harness, shared by the `cargo fuzz` targets (`fuzz/fuzz_targets/*.rs`) and the
//! regression tests (`tests/fuzz_regressions.rs`, which replay `fuzz/regressions/<target>/*`).
//!
//! Each function takes the fuzzer's bytes and panics only when tolk breaks one of its
//! promises; input tolk rightly refuses with an error is not a failure. Inputs of several
//! files are split on NUL characters (`\0`), which no Markdown, Fluent or TOML text of ours
//! contains. Bytes that are not UTF-8 are skipped: reading files checks UTF-8 first (the
//! bad-input corpus covers that path).

#![allow(dead_code)] // each fuzz target uses one function

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

use tolk::check::{self, Context};
use tolk::error::Error;
use tolk::import::{self, msdocs};
use tolk::load::{Config, Model, Project, ResourceFile, Skeleton};
use tolk::render::{write_site, Templates};
use tolk::source::SourceText;
use tolk::write::Page;

/// The repository root: the shipped site, whose model, shared resources and templates the
/// targets render with.
fn site_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    if here.join("tolk.toml").is_file() {
        here.to_path_buf()
    } else {
        here.join("..")
    }
}

/// The shipped site, loaded once.
struct Shipped {
    project: Project,
    templates: Templates,
}

static SHIPPED: LazyLock<Shipped> = LazyLock::new(|| {
    let root = site_root();
    Shipped {
        project: Project::load_for_build(&root).expect("the shipped site loads"),
        templates: Templates::load(&root).expect("the shipped templates load"),
    }
});

/// Up to `n` NUL-separated UTF-8 parts of `data` (missing parts are empty); `None` when the
/// bytes are not UTF-8.
fn parts(data: &[u8], n: usize) -> Option<Vec<&str>> {
    let text = std::str::from_utf8(data).ok()?;
    let mut parts: Vec<&str> = text.splitn(n, '\0').collect();
    parts.resize(n, "");
    Some(parts)
}

fn resource(locale: &str, name: &str, text: &str) -> ResourceFile {
    ResourceFile::new(locale, name, SourceText::new(format!("locales/{locale}/{name}"), text))
}

/// Builds `project` in memory as `tolk build` does; pages sorted by path.
fn build(project: &Project, templates: &Templates) -> Result<Vec<Page>, Error> {
    let pages = Mutex::new(Vec::new());
    write_site(project, templates, &|page| {
        pages.lock().unwrap().push(page.clone());
        Ok(())
    })?;
    let mut pages = pages.into_inner().unwrap();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(pages)
}

static TAG: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"(?s)<([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>").expect("static regex"));
static ATTRIBUTE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r#"(?s)([^\s"'=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"#).expect("static regex")
});
/// The theme's script, relative to the page.
static THEME_SCRIPT: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r#"^\s*src="(\.\./)*site\.js"\s+defer\s*$"#).expect("static regex"));
/// The text of the default theme's inline scripts (`<script>…</script>` without attributes
/// in `base.html`: the dark-mode choice, read before the page is drawn).
static THEME_INLINE: LazyLock<Vec<String>> = LazyLock::new(|| {
    let base = tolk::render::theme::FILES.iter().find(|(n, _)| *n == "base.html").map_or(&[][..], |(_, b)| *b);
    let base = String::from_utf8_lossy(base);
    base.split("<script>").skip(1).filter_map(|s| s.split_once("</script>").map(|(t, _)| t.to_string())).collect()
});

/// An attribute value as a browser reads a URL: the few character references that spell
/// `:` decoded, whitespace and control characters dropped, lowercased.
fn as_url(value: &str) -> String {
    let mut url = value.to_ascii_lowercase();
    for colon in ["&#58;", "&#x3a;", "&#x003a;", "&#0058;", "&colon;"] {
        url = url.replace(colon, ":");
    }
    url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect()
}

/// What every built page must be: a safe relative path; HTML whose only script is the
/// theme's search script, with no event handler but the theme's search form's, and no
/// `javascript:`, `vbscript:` or `data:` HTML URL (translations are untrusted).
pub fn assert_safe(pages: &[Page]) {
    for page in pages {
        assert!(
            page.path.is_relative() && page.path.components().all(|c| matches!(c, std::path::Component::Normal(_))),
            "page path {} leaves the output directory",
            page.path.display()
        );
        if page.path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = String::from_utf8(page.bytes.clone()).expect("HTML pages are UTF-8");
        let shown = page.path.display();
        for tag in TAG.captures_iter(&html) {
            let (name, attributes) = (tag[1].to_ascii_lowercase(), &tag[2]);
            if name == "script" {
                let end = tag.get(0).map_or(0, |m| m.end());
                let text = html[end..].split_once("</script>").map_or("", |(t, _)| t);
                let inline = attributes.is_empty() && THEME_INLINE.iter().any(|s| s == text);
                assert!(
                    inline || THEME_SCRIPT.is_match(attributes),
                    "{shown}: a script that is not the theme's: {}",
                    &tag[0]
                );
            }
            for attribute in ATTRIBUTE.captures_iter(attributes) {
                let key = attribute[1].to_ascii_lowercase();
                let value = attribute.get(2).or(attribute.get(3)).or(attribute.get(4)).map_or("", |m| m.as_str());
                if key.starts_with("on") {
                    assert!(
                        name == "form" && key == "onsubmit" && value == "return false",
                        "{shown}: an event handler survived: {}",
                        &tag[0]
                    );
                }
                if ["href", "src", "action", "formaction", "xlink:href", "srcset"].contains(&key.as_str()) {
                    let url = as_url(value);
                    assert!(
                        !url.starts_with("javascript:")
                            && !url.starts_with("vbscript:")
                            && !url.starts_with("data:text/html"),
                        "{shown}: a script URL survived: {}",
                        &tag[0]
                    );
                }
            }
        }
    }
}

/// An error must name a file, with line and column: an [`Error::Input`] (or several).
fn assert_located(error: &Error) {
    match error {
        Error::Input { location, .. } => assert!(location.line >= 1 && location.column >= 1, "{error}"),
        Error::Many(all) => all.iter().for_each(assert_located),
        other => panic!("an input error without file, line and column: {other}"),
    }
}

/// `tolk import msdocs` on one or two Microsoft Docs files (`\0`-separated). Whatever import
/// accepts, it must write a site that builds: the skeleton parses, every resource and
/// snapshot is valid Fluent, and `tolk build` renders the article in every imported locale.
pub fn import_msdocs(data: &[u8]) {
    let Some(texts) = parts(data, 2) else { return };
    let mut inputs = Vec::new();
    for (i, text) in texts.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
        match msdocs::parse(SourceText::new(format!("input-{i}.md"), *text)) {
            Ok(file) if inputs.iter().all(|f: &msdocs::MsDocsFile| f.locale != file.locale) => inputs.push(file),
            Ok(_) => return, // two files of one locale: refused by import_msdocs before planning
            Err(e) => return assert_located(&e),
        }
    }
    if inputs.is_empty() {
        return;
    }
    let plan = import::plan(&inputs, "fuzz", "en", &[], |_| Ok(Default::default())).expect("no metadata to read");
    let mut locales = vec!["en".to_string()];
    locales.extend(inputs.iter().map(|f| f.locale.clone()).filter(|l| l != "en"));
    builds(&plan, &locales);
}

/// `tolk import hugo|docusaurus|mdbook`'s page import on a source page and its translation
/// (`\0`-separated; the first byte picks the dialect). Whatever import accepts must write a
/// site that builds, with every message id at most 40 characters.
pub fn import_markdown(data: &[u8]) {
    use import::markdown::{self, Dialect};
    let Some((&first, rest)) = data.split_first() else { return };
    let Some(texts) = parts(rest, 2) else { return };
    let dialect = [Dialect::Hugo, Dialect::Docusaurus, Dialect::MdBook][usize::from(first % 3)];
    let mut pages = Vec::new();
    for (i, text) in texts.iter().enumerate().filter(|(i, t)| *i == 0 || !t.is_empty()) {
        match markdown::parse(SourceText::new(format!("page-{i}.md"), *text), dialect, Some("Fallback")) {
            Ok(page) => pages.push(page),
            Err(e) => return assert_located(&e),
        }
    }
    let source = import::pages::SourcePage {
        slug: "fuzz".into(),
        shown: "page-0.md".into(),
        path: "page-0.md".into(),
        weight: None,
    };
    let links = import::pages::Links::new(std::slice::from_ref(&source));
    let mut article =
        import::pages::source_article(Path::new("/nonexistent"), "en", "fuzz", &source, &pages[0], &links)
            .expect("no site to read");
    let mut report = import::ImportReport::default();
    if let Some(translated) = pages.get(1) {
        let t = import::pages::whole_page_translation(
            &article,
            translated,
            ("nl", "page-0.md"),
            "fuzz",
            &links,
            &mut report,
        );
        article.translations.push(t);
    }
    for block in &article.blocks {
        assert!(block.id.len() <= 40 && !block.id.contains("--"), "id {:?}", block.id);
    }
    let mut plan = import::Plan::default();
    plan.add(&article, "en", &mut BTreeMap::new());
    builds(&plan, &["en".to_string(), "nl".to_string()]);
}

/// Builds the site `plan` would write (its locales `locales`, the source first) with the
/// shipped templates; panics when it does not build or its pages are unsafe.
fn builds(plan: &import::Plan, locales: &[String]) {
    if locales.iter().any(|l| l.contains(['/', '\\']) || l.starts_with('.')) {
        panic!("import accepted a locale that is not a directory name: {locales:?}");
    }
    let mut articles = Vec::new();
    let (mut resources, mut snapshots) = (BTreeMap::new(), BTreeMap::new());
    for locale in locales {
        resources.insert(locale.clone(), Vec::new());
        snapshots.insert(locale.clone(), Vec::new());
    }
    for (path, text) in &plan.owned {
        let shown = path.display().to_string();
        let source = SourceText::new(path.clone(), text.as_str());
        if let Some(rest) = shown.strip_prefix("locales/") {
            let (locale, name) = rest.split_once('/').expect("locales/<locale>/<name>");
            let (map, name) = match name.strip_prefix("snapshots/") {
                Some(name) => (&mut snapshots, name),
                None => (&mut resources, name),
            };
            map.entry(locale.to_string()).or_insert_with(Vec::new).push(resource(locale, name, text));
        } else {
            let skeleton =
                Skeleton::parse("fuzz", source).unwrap_or_else(|e| panic!("import wrote a bad skeleton: {e}"));
            articles.push(skeleton);
        }
    }
    let config = Config::for_ftl_tree(Path::new("."), "en", &locales[1..]);
    let project = Project::from_parts(config, Model::default(), articles, resources, snapshots);
    let pages =
        build(&project, &SHIPPED.templates).unwrap_or_else(|e| panic!("import wrote a site that does not build: {e}"));
    assert_safe(&pages);
}

/// `tolk check` on one resource pair: English, a target locale's translation and its source
/// snapshot (`\0`-separated). The check never fails on Fluent text, reports the same findings
/// twice over, and never calls one message both missing and stale.
pub fn check_pair(data: &[u8]) {
    let Some(texts) = parts(data, 3) else { return };
    let targets = ["xx".to_string()];
    let config = Config::for_ftl_tree(Path::new("."), "en", &targets);
    let resources = BTreeMap::from([
        ("en".to_string(), vec![resource("en", "main.ftl", texts[0])]),
        ("xx".to_string(), vec![resource("xx", "main.ftl", texts[1])]),
    ]);
    let snapshots =
        BTreeMap::from([("en".to_string(), vec![]), ("xx".to_string(), vec![resource("xx", "main.ftl", texts[2])])]);
    let project = Project::from_parts(config, Model::default(), Vec::new(), resources, snapshots);
    let run = || {
        let context = Context::new(&project, &[]).expect("no --locale given");
        check::run(&context).expect("the default policy is valid")
    };
    let findings = run();
    let again = run();
    assert_eq!(format!("{findings:?}"), format!("{again:?}"), "findings differ between two runs");
    for f in findings.iter().filter(|f| f.rule == "missing-message") {
        assert!(
            !findings.iter().any(|g| g.rule == "stale-translation" && g.message_id == f.message_id),
            "{:?} is both missing and stale",
            f.message_id
        );
    }
}

/// `tolk build` of one article: a skeleton, its English resource, its Hungarian resource and
/// its slug (the file name; `fuzz` when empty), `\0`-separated, with the shipped site's
/// model, shared resources and templates. Either the
/// build succeeds and every page is safe, or it fails with an error naming file, line and
/// column.
pub fn render_skeleton(data: &[u8]) {
    let Some(texts) = parts(data, 4) else { return };
    let shipped = &SHIPPED.project;
    // The slug (the file name) is untrusted too; empty means the usual `fuzz`.
    let slug = if texts[3].is_empty() { "fuzz" } else { texts[3] };
    let skeleton = match Skeleton::parse(slug, SourceText::new(format!("content/articles/{slug}.md"), texts[0])) {
        Ok(s) => s,
        Err(e) => return assert_located(&e),
    };
    let mut resources = BTreeMap::new();
    for locale in &shipped.config.locales {
        let owners = shipped.owners(locale).expect("every locale has resources");
        let mut files: Vec<ResourceFile> =
            owners.shared.iter().map(|&i| shipped.resources[locale][i].clone()).collect();
        match locale.as_str() {
            "en" => files.push(resource("en", &format!("{slug}.ftl"), texts[1])),
            "hu" => files.push(resource("hu", &format!("{slug}.ftl"), texts[2])),
            _ => {}
        }
        resources.insert(locale.clone(), files);
    }
    let project = Project::from_parts(
        shipped.config.clone(),
        (*shipped.model).clone(),
        vec![skeleton],
        resources,
        BTreeMap::new(),
    );
    match build(&project, &SHIPPED.templates) {
        Ok(pages) => assert_safe(&pages),
        Err(e) => assert_located(&e),
    }
}

/// `file:line:column` of every error-severity finding of `project`; `None` when the checker
/// itself refuses to run (an invalid policy).
fn error_places(project: &Project) -> Option<std::collections::BTreeSet<String>> {
    let context = Context::new(project, &[]).ok()?;
    let findings = check::run(&context).ok()?;
    Some(findings.iter().filter(|f| f.severity == check::Severity::Error).map(|f| f.start().to_string()).collect())
}

/// `file:line:column` of every input error in `error`.
fn error_locations(error: &Error, out: &mut Vec<String>) {
    match error {
        Error::Input { location, .. } => out.push(location.to_string()),
        Error::Many(all) => all.iter().for_each(|e| error_locations(e, out)),
        other => panic!("a build error without file, line and column: {other}"),
    }
}

/// One pipeline (`check_then_build`): the shipped site with the Dutch resource of
/// `technical-support-benefits` replaced by part 1 and, when given, the English one by part 2
/// and the model's `benefits.toml` by part 3 (`\0`-separated). Check, then build in memory:
/// when the build fails, the checker reports an error-severity finding at every place the
/// build names (so a check without errors means a build that succeeds); when it succeeds,
/// its pages are safe. Neither may panic.
pub fn check_then_build(data: &[u8]) {
    let Some(texts) = parts(data, 3) else { return };
    let shipped = &SHIPPED.project;
    let mut resources = shipped.resources.clone();
    let mut put = |locale: &str, text: &str| {
        let name = "technical-support-benefits.ftl";
        let files = resources.get_mut(locale).expect("a shipped locale");
        let at = files.iter().position(|f| f.name == name).expect("a shipped resource");
        files[at] = resource(locale, name, text);
    };
    put("nl", texts[0]);
    if !texts[1].is_empty() {
        put("en", texts[1]);
    }
    let mut model = (*shipped.model).clone();
    if !texts[2].is_empty() {
        let source = SourceText::new("content/model/benefits.toml", texts[2]);
        if let Err(e) = model.insert_source("benefits", &source) {
            return assert_located(&e); // a model that does not load stops check and build alike
        }
    }
    let project = Project::from_parts(
        shipped.config.clone(),
        model,
        shipped.articles.to_vec(),
        resources,
        shipped.snapshots.clone(),
    );
    let errors = error_places(&project).expect("the shipped policy is valid");
    match build(&project, &SHIPPED.templates) {
        Ok(pages) => assert_safe(&pages),
        Err(e) => {
            let mut places = Vec::new();
            error_locations(&e, &mut places);
            for place in &places {
                assert!(
                    errors.contains(place),
                    "the build fails at {place}, where the check reports no error:\n{}",
                    e.render()
                );
            }
        }
    }
}
