//! Plain Markdown pages (Hugo, Docusaurus, mdBook) → skeleton and blocks, and the
//! alignment of a translated page's blocks to its source page's.
//!
//! A page is optional front matter (YAML between `---` lines, or TOML between `+++` lines as
//! Hugo writes it) and CommonMark with GFM. Each leaf block with a letter in it becomes one
//! [`Block`]; code blocks, HTML blocks and blocks without letters (a table cell `10`) stay in
//! the skeleton. The front matter's `title` becomes the first heading when the page has no
//! `# heading` of its own, and its `description` a message the skeleton's front matter names.
//! Docusaurus admonitions (`:::note` … `:::`) become GFM alerts (`> [!NOTE]`), line for line.

use std::collections::BTreeSet;

use super::blocks::{join_lines, leaf_runs, slug, tidy, Block};
use crate::error::{Error, Result};
use crate::source::SourceText;

/// Which tool wrote the page: decides front matter keys and extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Hugo: `weight`; `{{< shortcodes >}}` are refused.
    Hugo,
    /// Docusaurus: `sidebar_position`; `:::note` admonitions.
    Docusaurus,
    /// mdBook: `{{#include}}` and other preprocessor directives are refused.
    MdBook,
}

/// One parsed page.
#[derive(Debug, Clone)]
pub struct Page {
    /// The file as read (line endings normalized).
    pub source: SourceText,
    /// The blocks in document order, with provisional ids `b1`, `b2`, …; a title taken from
    /// front matter comes first (kind `title`), a description second (kind `description`).
    pub blocks: Vec<Block>,
    /// The body with each block's text replaced by `{{ ID }}` (headings also get `{#anchor}`).
    pub skeleton_body: String,
    /// Provisional id of the page title: the front matter's title or the first heading.
    pub title: Option<String>,
    /// Provisional id of the description, if front matter has one.
    pub description: Option<String>,
    /// `weight` (Hugo) or `sidebar_position` (Docusaurus), if given.
    pub weight: Option<i64>,
}

/// Parses `source` as a page of `dialect`; `fallback_title` is the title when neither front
/// matter nor a heading gives one (mdBook's SUMMARY.md link text).
///
/// Errors: [`Error::Input`] at the place of malformed front matter, a `{{` the skeleton would
/// read as a call (Hugo shortcodes, mdBook directives, template code), or a page without a
/// title.
pub fn parse(source: SourceText, dialect: Dialect, fallback_title: Option<&str>) -> Result<Page> {
    let source = SourceText::new(source.path.to_path_buf(), source.text.replace("\r\n", "\n"));
    let text = &*source.text;
    let (front, body_start) = front_matter(&source)?;
    let field = |key: &str| front.as_ref().and_then(|f| f.get(key)).cloned();
    if let Some(at) = text[body_start..].find("{{") {
        let at = body_start + at;
        let why = match (dialect, text[at + 2..].chars().next()) {
            (Dialect::Hugo, Some('<' | '%')) => {
                "a Hugo shortcode: tolk has no shortcodes; write it as Markdown (a link, an image, an alert) before importing"
            }
            (Dialect::MdBook, Some('#')) => {
                "an mdBook preprocessor directive: tolk does not include files; paste the text, or keep it in a code block without `{{`"
            }
            _ => "`{{` outside a message would open a skeleton call; rewrite it (for example `{ {`) before importing",
        };
        return Err(Error::input(&source, at, why));
    }
    let body = match dialect {
        Dialect::Docusaurus => admonitions(&text[body_start..]),
        _ => text[body_start..].to_string(),
    };
    let mut blocks = Vec::new();
    let mut skeleton = String::with_capacity(body.len());
    // Blank lines between front matter and body are not kept.
    let mut cursor = body.len() - body.trim_start_matches('\n').len();
    let mut heading = String::new();
    let mut anchors = BTreeSet::new();
    let mut next_id = 0;
    let mut id = || {
        next_id += 1;
        format!("b{next_id}")
    };
    let runs: Vec<_> =
        leaf_runs(&body).into_iter().filter(|r| r.kind != "code" && has_words(&body[r.range.clone()])).collect();
    let has_h1 = runs.first().is_some_and(|r| r.kind == "title" && level(&body, r.range.start) == 1);
    let front_title = field("title").filter(|t| !t.trim().is_empty());
    let mut title = None;
    if !has_h1 {
        let Some(text) = front_title.as_deref().or(fallback_title) else {
            return Err(Error::input(
                &source,
                body_start,
                "no title: give the page `title` in front matter or start it with a `# Heading`",
            ));
        };
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let b = id();
        let anchor = unique_anchor(&slug(&text), &mut anchors);
        skeleton.push_str(&format!("# {{{{ {b} }}}} {{#{anchor}}}\n\n"));
        heading = text.clone();
        blocks.push(block(&b, text, 0, "title", &heading));
        title = Some(b);
    }
    let mut description = None;
    if let Some(text) = field("description").filter(|d| !d.trim().is_empty()) {
        let b = id();
        blocks.push(block(&b, text.split_whitespace().collect::<Vec<_>>().join(" "), 0, "description", &heading));
        description = Some(b);
    }
    for run in runs {
        let mut english = join_lines(&body[run.range.clone()]);
        let b = id();
        skeleton.push_str(&body[cursor..run.range.start]);
        skeleton.push_str(&format!("{{{{ {b} }}}}"));
        if run.kind == "title" {
            let (text, explicit) = split_anchor(&english);
            english = text;
            let anchor = unique_anchor(&explicit.unwrap_or_else(|| slug(&english)), &mut anchors);
            skeleton.push_str(&format!(" {{#{anchor}}}"));
            heading = english.clone();
            title.get_or_insert_with(|| b.clone());
        }
        cursor = run.range.end;
        let line = source.line_col(body_start + run.range.start).0;
        blocks.push(block(&b, english, line, run.kind, &heading));
    }
    skeleton.push_str(&body[cursor..]);
    let weight = match dialect {
        Dialect::Hugo => field("weight"),
        Dialect::Docusaurus => field("sidebar_position"),
        Dialect::MdBook => None,
    }
    .and_then(|w| w.trim().parse::<f64>().ok())
    .filter(|w| w.is_finite() && w.abs() < 1e15)
    .map(|w| w as i64);
    Ok(Page { blocks, skeleton_body: tidy(&skeleton), title, description, weight, source })
}

/// Whether `text` has a letter outside inline code (`` `x` `` alone is not for translators).
fn has_words(text: &str) -> bool {
    text.split('`').step_by(2).any(|outside| outside.chars().any(char::is_alphabetic))
}

fn block(id: &str, english: String, line: usize, kind: &'static str, section: &str) -> Block {
    Block { id: id.to_string(), english, translation: String::new(), line, kind, section: section.to_string() }
}

/// The heading level of the ATX heading starting at `at` (1 for `#`), 0 when it is not one.
fn level(body: &str, at: usize) -> usize {
    let line_start = body[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = body[line_start..].trim_start();
    let hashes = line.chars().take_while(|&c| c == '#').count();
    if hashes > 0 {
        return hashes;
    }
    // A setext heading: the line after the text is `===` (level 1) or `---`.
    let next = body[at..].split_once('\n').map(|(_, rest)| rest.lines().next().unwrap_or("")).unwrap_or("");
    usize::from(next.trim_start().starts_with('=')) + 2 * usize::from(next.trim_start().starts_with('-'))
}

/// A heading's text without a trailing `{#anchor}` attribute, and the anchor.
fn split_anchor(text: &str) -> (String, Option<String>) {
    if let Some(open) = text.rfind("{#").filter(|_| text.trim_end().ends_with('}')) {
        let anchor = text[open + 2..].trim_end().trim_end_matches('}').trim();
        if crate::load::skeleton::is_identifier(anchor) {
            return (text[..open].trim_end().to_string(), Some(anchor.to_string()));
        }
    }
    (text.to_string(), None)
}

/// `base` (or `section`), made unique among `used` with `-1`, `-2`, … as GitHub does.
fn unique_anchor(base: &str, used: &mut BTreeSet<String>) -> String {
    let base = if base.starts_with(|c: char| c.is_ascii_alphabetic()) {
        base.to_string()
    } else {
        format!("section-{base}").trim_end_matches('-').to_string()
    };
    let mut name = base.clone();
    let mut n = 0;
    while !used.insert(name.clone()) {
        n += 1;
        name = format!("{base}-{n}");
    }
    name
}

/// Front matter as key → scalar text, and the byte offset where the body starts.
fn front_matter(source: &SourceText) -> Result<(Option<std::collections::BTreeMap<String, String>>, usize)> {
    let text = &*source.text;
    for (fence, yaml) in [("---", true), ("+++", false)] {
        let Some(rest) = text.strip_prefix(fence).and_then(|r| r.strip_prefix('\n')) else { continue };
        let start = fence.len() + 1;
        let Some(end) =
            rest.find(&format!("\n{fence}")).map(|i| i + 1).or_else(|| rest.starts_with(fence).then_some(0))
        else {
            return Err(Error::input(source, 0, format!("front matter is not closed by a `{fence}` line")));
        };
        let inner = &rest[..end];
        let after = start + end + fence.len();
        let body_start = after + text[after..].find('\n').map_or(text.len() - after, |i| i + 1);
        let map = if yaml { yaml_fields(source, inner, start)? } else { toml_fields(source, inner, start)? };
        return Ok((Some(map), body_start));
    }
    Ok((None, 0))
}

fn yaml_fields(source: &SourceText, yaml: &str, base: usize) -> Result<std::collections::BTreeMap<String, String>> {
    super::msdocs::refuse_aliases(source, yaml, base)?;
    let docs = yaml_rust2::YamlLoader::load_from_str(yaml).map_err(|e| {
        Error::input(
            source,
            base + e.marker().index().min(yaml.len()),
            format!("front matter is not valid YAML: {}", e.info()),
        )
    })?;
    let mut out = std::collections::BTreeMap::new();
    if let Some(yaml_rust2::Yaml::Hash(hash)) = docs.into_iter().next() {
        for (k, v) in hash {
            let value = match v {
                yaml_rust2::Yaml::String(s) | yaml_rust2::Yaml::Real(s) => s,
                yaml_rust2::Yaml::Integer(i) => i.to_string(),
                _ => continue,
            };
            if let Some(k) = k.as_str() {
                out.insert(k.to_string(), value);
            }
        }
    }
    Ok(out)
}

fn toml_fields(source: &SourceText, text: &str, base: usize) -> Result<std::collections::BTreeMap<String, String>> {
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        Error::input(
            source,
            base + e.span().map_or(0, |s| s.start),
            format!("front matter is not valid TOML: {}", e.message()),
        )
    })?;
    Ok(table
        .into_iter()
        .filter_map(|(k, v)| match v {
            toml::Value::String(s) => Some((k, s)),
            toml::Value::Integer(i) => Some((k, i.to_string())),
            toml::Value::Float(f) => Some((k, f.to_string())),
            _ => None,
        })
        .collect())
}

/// Docusaurus admonitions as GFM alerts, one output line per input line: `:::tip[Title]`
/// becomes `> [!TIP]`, the lines up to the closing `:::` are quoted, the closing line is
/// left empty. Docusaurus's `info` and `danger` map to NOTE and CAUTION.
pub fn admonitions(body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 64);
    let mut inside = false;
    let mut fence: Option<&str> = None;
    for line in body.split_inclusive('\n') {
        let (content, newline) = line.strip_suffix('\n').map_or((line, ""), |c| (c, "\n"));
        let trimmed = content.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            let marker = &trimmed[..3];
            fence = match fence {
                Some(open) if open == marker => None,
                None => Some(marker),
                other => other,
            };
        }
        if fence.is_none() || inside {
            if let Some(kind) = trimmed.strip_prefix(":::").filter(|_| !inside) {
                let name = kind.split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
                let alert = match name {
                    "note" | "info" => Some("NOTE"),
                    "tip" => Some("TIP"),
                    "warning" => Some("WARNING"),
                    "danger" | "caution" => Some("CAUTION"),
                    "important" => Some("IMPORTANT"),
                    _ => None,
                };
                if let Some(alert) = alert {
                    out.push_str(&format!("> [!{alert}]{newline}"));
                    inside = true;
                    continue;
                }
            }
            if inside && trimmed.starts_with(":::") && fence.is_none() {
                out.push_str(newline);
                inside = false;
                continue;
            }
        }
        if inside {
            out.push_str(if content.is_empty() { ">" } else { "> " });
            out.push_str(content);
            out.push_str(newline);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Aligns a translated page's blocks to its source page's by structure: the longest common
/// subsequence of their kinds (a heading pairs with a heading, a step with a step), ties
/// broken towards pairs whose numbers and link targets agree. Returns (translation block
/// index, source block index) pairs in order.
pub fn align_structure(source: &[Block], translation: &[Block]) -> Vec<(usize, usize)> {
    let (n, m) = (source.len(), translation.len());
    let score = |i: usize, j: usize| -> u32 {
        if source[i].kind != translation[j].kind {
            return 0;
        }
        let digits = |s: &str| {
            s.split(|c: char| !c.is_ascii_digit()).filter(|d| !d.is_empty()).map(str::to_string).collect::<Vec<_>>()
        };
        let links = |s: &str| crate::check::markup::Markup::of(s).links;
        2 + u32::from(digits(&source[i].english) == digits(&translation[j].english))
            + u32::from(links(&source[i].english) == links(&translation[j].english))
    };
    // table[i][j]: best score aligning source[i..] with translation[j..].
    let mut table = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let pair = match score(i, j) {
                0 => 0,
                s => s + table[i + 1][j + 1],
            };
            table[i][j] = pair.max(table[i + 1][j]).max(table[i][j + 1]);
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        let s = score(i, j);
        if s > 0 && table[i][j] == s + table[i + 1][j + 1] {
            out.push((j, i));
            i += 1;
            j += 1;
        } else if table[i][j] == table[i + 1][j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str, dialect: Dialect) -> Result<Page> {
        parse(SourceText::new("p.md", text), dialect, None)
    }

    #[test]
    fn front_matter_title_becomes_the_first_heading() {
        let p = page("---\ntitle: Install\ndescription: How to install.\nweight: 3\n---\n\nRun it.\n\n## Next {#next-steps}\n\n- One\n- `x`\n\n```sh\nrun\n```\n", Dialect::Hugo).unwrap();
        let kinds: Vec<_> = p.blocks.iter().map(|b| (b.kind, b.english.as_str())).collect();
        assert_eq!(
            kinds,
            [
                ("title", "Install"),
                ("description", "How to install."),
                ("p", "Run it."),
                ("title", "Next"),
                ("item", "One")
            ]
        );
        assert_eq!(
            p.skeleton_body,
            "# {{ b1 }} {#install}\n\n{{ b3 }}\n\n## {{ b4 }} {#next-steps}\n\n- {{ b5 }}\n- `x`\n\n```sh\nrun\n```\n"
        );
        assert_eq!((p.title.as_deref(), p.description.as_deref(), p.weight), (Some("b1"), Some("b2"), Some(3)));
        assert_eq!(p.blocks[4].line, 11);
        assert_eq!(p.blocks[4].section, "Next");
    }

    #[test]
    fn toml_front_matter_and_an_own_heading() {
        let p = page("+++\ntitle = \"Ignored\"\nweight = 2\n+++\n# Real title\n\nText.\n", Dialect::Hugo).unwrap();
        assert_eq!(p.blocks[0].english, "Real title");
        assert_eq!(p.weight, Some(2));
        assert!(p.skeleton_body.starts_with("# {{ b1 }} {#real-title}\n"), "{}", p.skeleton_body);
    }

    #[test]
    fn calls_the_skeleton_cannot_hold_are_refused_where_they_are() {
        let err = page("---\ntitle: T\n---\nSee {{< ref \"x\" >}}.\n", Dialect::Hugo).unwrap_err();
        assert!(err.to_string().contains("p.md:4:5: error: a Hugo shortcode"), "{err}");
        let err = page("# T\n\n```rust\n{{#include x.rs}}\n```\n", Dialect::MdBook).unwrap_err();
        assert!(err.to_string().contains("p.md:4:1: error: an mdBook preprocessor directive"), "{err}");
        let err = page("Text only.\n", Dialect::MdBook).unwrap_err();
        assert!(err.to_string().contains("no title"), "{err}");
    }

    #[test]
    fn admonitions_become_alerts_line_for_line() {
        let text = "Intro\n\n:::tip[Fast]\nUse **it**.\n\nTwice.\n:::\n\n```\n:::note\n```\n";
        assert_eq!(admonitions(text), "Intro\n\n> [!TIP]\n> Use **it**.\n>\n> Twice.\n\n\n```\n:::note\n```\n");
    }

    #[test]
    fn structure_pairs_kinds_in_order() {
        let b = |kind: &'static str, text: &str| block("x", text.into(), 1, kind, "");
        let source = [b("title", "A"), b("p", "One 1."), b("p", "Two 2."), b("step", "S")];
        let translation = [b("title", "A'"), b("p", "Twee 2."), b("step", "S'")];
        assert_eq!(align_structure(&source, &translation), [(0, 0), (1, 2), (2, 3)]);
    }
}
