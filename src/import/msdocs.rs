//! Reading Microsoft Docs localized Markdown (the format of the seeds).
//!
//! Each translated segment is
//! `<span data-ttu-id="ID">TRANSLATION</span><span class="sxs-lookup"><span data-stu-id="ID">ENGLISH</span></span>`.
//! Replacing every segment pair with a placeholder leaves the document's Markdown structure,
//! which pulldown-cmark parses; each leaf block's inline text (heading, paragraph, list item,
//! note, table cell) becomes one [`Block`], with its English and its translation obtained by
//! putting the English or the translated segments back. Front matter (YAML) gives the locale,
//! `ms.lasthandoff`, `ms.translationtype` and `ms.sourcegitcommit`.

use std::collections::BTreeMap;
use std::path::Path;

use regex::Regex;

pub use super::blocks::Block;
use super::blocks::{join_lines, leaf_runs, tidy, unique_section};
use crate::error::{Error, Result};
use crate::source::SourceText;

/// Most `{` and `}` one block may hold: import writes each as a placeable (`{"{"}`), and
/// fluent-bundle's resolver formats at most 100 placeables per message.
const MAX_BRACES: usize = 100;

/// Placeholder delimiters for segments (Unicode private-use characters).
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// One parsed Microsoft Docs file.
#[derive(Debug, Clone)]
pub struct MsDocsFile {
    /// The file as read.
    pub source: SourceText,
    /// `ms.contentlocale` as written (e.g. `hu-HU`).
    pub content_locale: String,
    /// The site locale: the language subtag of `ms.contentlocale` (e.g. `hu`).
    pub locale: String,
    /// `ms.lasthandoff` as (year, month, day), for choosing the newest English.
    pub last_handoff: (u32, u32, u32),
    /// `ms.lasthandoff` as written (MM/DD/YYYY).
    pub last_handoff_text: String,
    /// `ms.translationtype` (`MT` for machine translation, `HT` for human), if given.
    pub translation_type: Option<String>,
    /// `ms.sourcegitcommit`, if given.
    pub source_commit: Option<String>,
    /// The translatable blocks, in document order.
    pub blocks: Vec<Block>,
    /// The body with each block's inline text replaced by `{{ ID }}` (headings also get
    /// `{#anchor}`): the article skeleton's body.
    pub skeleton_body: String,
}

/// Parses `source` (shown as `source.path`).
///
/// Errors: [`Error::Input`] for missing or malformed front matter, a missing
/// `ms.contentlocale`, and for a file whose segments carry no English source (no
/// `sxs-lookup` spans): tolk never invents a source text.
pub fn parse(source: SourceText) -> Result<MsDocsFile> {
    let text = source.text.replace("\r\n", "\n");
    let source = SourceText::new(source.path.to_path_buf(), text);
    let text = &*source.text;
    let Some(rest) = text.strip_prefix("---\n") else {
        return Err(Error::input(
            &source,
            0,
            "not Microsoft Docs Markdown: it does not start with `---` YAML front matter",
        ));
    };
    let Some(end) = rest.find("\n---") else {
        return Err(Error::input(&source, 0, "front matter is not closed by a `---` line"));
    };
    refuse_aliases(&source, &rest[..end], text.len() - rest.len())?;
    let front = yaml_rust2::YamlLoader::load_from_str(&rest[..end]).map_err(|e| {
        let offset = 4 + e.marker().index().min(end);
        Error::input(&source, offset, format!("front matter is not valid YAML: {}", e.info()))
    })?;
    let front = front.into_iter().next().unwrap_or(yaml_rust2::Yaml::Null);
    let field =
        |key: &str| front[key].as_str().map(str::to_string).or_else(|| front[key].as_i64().map(|i| i.to_string()));
    let Some(content_locale) = field("ms.contentlocale") else {
        return Err(Error::input(
            &source,
            0,
            "front matter has no `ms.contentlocale`: is this a localized Microsoft Docs file?",
        ));
    };
    let locale = content_locale.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
    if !(2..=3).contains(&locale.len()) || !locale.bytes().all(|b| b.is_ascii_lowercase()) {
        return Err(Error::input(
            &source,
            text.find("ms.contentlocale").unwrap_or(0),
            format!("`ms.contentlocale: {content_locale}` does not start with a language subtag (BCP 47: two or three letters, as in `hu-HU`)"),
        ));
    }
    let last_handoff_text = field("ms.lasthandoff").unwrap_or_default();
    let last_handoff = parse_date(&last_handoff_text).unwrap_or((0, 0, 0));
    let body_start = 4 + end + 4;
    let body_start = body_start + text[body_start.min(text.len())..].find('\n').map(|i| i + 1).unwrap_or(0);
    let body = &text[body_start.min(text.len())..];

    let pair = Regex::new(r#"<span data-ttu-id="[^"]*">(.*?)</span><span class="sxs-lookup"><span data-stu-id="[^"]*">(.*?)</span></span>"#).expect("static regex");
    let mut segments = Vec::new();
    let mut template = String::with_capacity(body.len());
    // (template offset after a placeholder, bytes removed so far): maps positions back.
    let mut shifts: Vec<(usize, usize)> = Vec::new();
    let mut removed = 0;
    let mut last = 0;
    for caps in pair.captures_iter(body) {
        let whole = caps.get(0).expect("match");
        template.push_str(&body[last..whole.start()]);
        let placeholder = format!("{OPEN}{}{CLOSE}", segments.len());
        template.push_str(&placeholder);
        removed += whole.len() - placeholder.len();
        shifts.push((template.len(), removed));
        segments.push((caps[1].to_string(), caps[2].to_string()));
        last = whole.end();
    }
    template.push_str(&body[last..]);
    let original = |offset: usize| {
        body_start + offset + shifts.iter().take_while(|(t, _)| *t <= offset).last().map(|(_, r)| *r).unwrap_or(0)
    };

    if let Some(lone) = template.find("data-ttu-id=") {
        let offset = original(lone);
        let message = if segments.is_empty() {
            "segments carry no English source (no `sxs-lookup` spans): tolk never invents a source text; import a file that has the English beside each segment"
        } else {
            "this segment has no English source beside it (no `sxs-lookup` span)"
        };
        return Err(Error::input(&source, offset, message));
    }
    if segments.is_empty() {
        return Err(Error::input(&source, body_start, "no translated segments (`data-ttu-id` spans with `sxs-lookup` English): not a localized Microsoft Docs file, or one without its English source; tolk never invents a source text"));
    }

    // Markup the build would refuse (an `:::image` line not closed) is refused here, where
    // its place in the input is known.
    if let Some((at, why)) = crate::render::msdocs::problems(&template).into_iter().next() {
        return Err(Error::input(&source, original(at), why));
    }
    let runs = leaf_runs(&template);
    // Every segment must land in a block: one outside all of them (swallowed by an unclosed
    // `<!--` or HTML block before it) would be lost without a word.
    let mut placed = vec![false; segments.len()];
    for run in &runs {
        for (i, _) in template[run.range.clone()].match_indices(OPEN) {
            let digits = &template[run.range.start + i + OPEN.len_utf8()..];
            if let Some(n) = digits.split(CLOSE).next().and_then(|d| d.parse::<usize>().ok()) {
                if let Some(p) = placed.get_mut(n) {
                    *p = true;
                }
            }
        }
    }
    if let Some(lost) = placed.iter().position(|p| !p) {
        let at = template.find(&format!("{OPEN}{lost}{CLOSE}")).unwrap_or(0);
        return Err(Error::input(
            &source,
            original(at),
            "this segment is in no paragraph, heading, list item or table cell (an unclosed `<!--` or HTML \
             block before it swallows it); import would lose it: close the comment or block",
        ));
    }
    // Text outside segments goes into the skeleton, where `{{` would open a call.
    let mut outside = Vec::new();
    let mut from = 0;
    for run in runs.iter().filter(|r| template[r.range.clone()].contains(OPEN)) {
        outside.push(from..run.range.start);
        from = run.range.end;
    }
    outside.push(from..template.len());
    if let Some(at) = outside.into_iter().find_map(|r| template[r.clone()].find("{{").map(|i| r.start + i)) {
        return Err(Error::input(
            &source,
            original(at),
            "`{{` in text outside the translated segments: a skeleton reads it as a call; import cannot keep it",
        ));
    }
    let mut blocks = Vec::new();
    let mut skeleton = String::with_capacity(template.len());
    let mut counters: BTreeMap<(String, &str), usize> = BTreeMap::new();
    let mut section = String::from("article");
    let mut sections = std::collections::BTreeSet::from([section.clone()]);
    let mut heading = String::new();
    let mut cursor = 0;
    let anchor_re = Regex::new(r#"<a name="([^"]*)"\s*>\s*</a>"#).expect("static regex");
    for run in runs {
        let raw = &template[run.range.clone()];
        if !raw.contains(OPEN) {
            continue;
        }
        let mut inline = join_lines(raw);
        let mut anchor = None;
        if run.kind == "title" {
            if let Some(caps) = anchor_re.captures(&inline) {
                anchor = Some(caps[1].to_string());
            }
            inline = anchor_re.replace_all(&inline, "").trim().to_string();
            let english = fill(&inline, &segments, false);
            let name = unique_section(anchor.as_deref(), &english, &mut sections);
            section = name.clone();
            anchor = Some(name);
        }
        let english = fill(&inline, &segments, false);
        let step = (run.kind == "p").then(|| step_number(&english)).flatten().map(|n| format!("{section}--step-{n}"));
        let step_paragraph = step.is_some();
        let id = if run.kind == "title" {
            format!("{section}--title")
        } else if let Some(step) = step.filter(|id| !blocks.iter().any(|b: &Block| b.id == *id)) {
            step
        } else {
            // The next number of this kind not taken yet (a "Step N" paragraph may have
            // taken `--step-N` before the list items counted up to it).
            let n = counters.entry((section.clone(), run.kind)).or_default();
            loop {
                *n += 1;
                let id = format!("{section}--{}-{n}", run.kind);
                if !blocks.iter().any(|b: &Block| b.id == id) {
                    break id;
                }
            }
        };
        skeleton.push_str(&template[cursor..run.range.start]);
        skeleton.push_str(&format!("{{{{ {id} }}}}"));
        if let Some(anchor) = &anchor {
            skeleton.push_str(&format!(" {{#{anchor}}}"));
        }
        cursor = run.range.end;
        let translation = fill(&inline, &segments, true);
        // A block whose text would hide the rest of the page, in either language, or that no
        // Fluent bundle can format: each `{` or `}` becomes a placeable (`{"{"}`), and
        // fluent-bundle formats at most 100 placeables per message.
        for text in [&english, &translation] {
            let braces = text.matches(['{', '}']).count();
            let problem = crate::localize::page::hides_rest(text)
                .or_else(|| crate::render::msdocs::problems(text).into_iter().next().map(|(_, why)| why))
                .or_else(|| {
                    (braces > MAX_BRACES).then(|| {
                        format!(
                            "this block holds {braces} braces; as Fluent text each is a placeable, and a message \
                             formats at most {MAX_BRACES}: split the block or rewrite it"
                        )
                    })
                });
            if let Some(why) = problem {
                return Err(Error::input(&source, original(run.range.start), why));
            }
        }
        if run.kind == "title" {
            heading = english.clone();
        }
        blocks.push(Block {
            id,
            english,
            translation,
            line: source.line_col(original(run.range.start)).0,
            // A paragraph starting "Step N" is a step, as a numbered list item is.
            kind: if step_paragraph { "step" } else { run.kind },
            section: heading.clone(),
        });
    }
    skeleton.push_str(&template[cursor..]);
    if !blocks.iter().any(|b| b.id.ends_with("--title")) {
        return Err(Error::input(
            &source,
            body_start,
            "no heading with a translated segment: the article's title message comes from its first heading (`# Title`)",
        ));
    }
    Ok(MsDocsFile {
        content_locale,
        locale,
        last_handoff,
        last_handoff_text,
        translation_type: field("ms.translationtype"),
        source_commit: field("ms.sourcegitcommit"),
        blocks,
        skeleton_body: tidy(&skeleton),
        source,
    })
}

/// Reads and parses `path`, shown in messages as `shown`.
///
/// Errors: as [`parse`], plus [`Error::Io`].
pub fn read(path: &Path, shown: &Path) -> Result<MsDocsFile> {
    parse(crate::fs::read_source(path, shown)?)
}

/// Puts segments back into `inline`: the translations when `translated`, else the English.
fn fill(inline: &str, segments: &[(String, String)], translated: bool) -> String {
    let mut out = String::with_capacity(inline.len() * 2);
    let mut rest = inline;
    while let Some(open) = rest.find(OPEN) {
        out.push_str(&rest[..open]);
        let after = &rest[open + OPEN.len_utf8()..];
        let close = after.find(CLOSE).unwrap_or(after.len());
        let (translation, english) =
            after[..close].parse::<usize>().ok().and_then(|i| segments.get(i)).cloned().unwrap_or_default();
        out.push_str(if translated { &translation } else { &english });
        rest = &after[(close + CLOSE.len_utf8()).min(after.len())..];
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// N when `english` starts with "Step N" (a step written as a paragraph).
fn step_number(english: &str) -> Option<u32> {
    let mut words = english.split_whitespace();
    if !words.next()?.eq_ignore_ascii_case("step") {
        return None;
    }
    words.next()?.trim_end_matches([':', '.']).parse().ok()
}

/// Parses `MM/DD/YYYY` into (year, month, day).
fn parse_date(text: &str) -> Option<(u32, u32, u32)> {
    let mut parts = text.trim().split('/').map(|p| p.parse::<u32>().ok());
    let (m, d, y) = (parts.next()??, parts.next()??, parts.next()??);
    Some((y, m, d))
}

/// Refuses YAML aliases (`*name`) in front matter: Microsoft Docs front matter has none, and a
/// few kilobytes of nested aliases expand to gigabytes when loaded ("billion laughs"). The
/// event parser sees them without expanding anything; `base` is the front matter's byte
/// offset in `source`.
///
/// Errors: [`Error::Input`] at the first alias.
pub(crate) fn refuse_aliases(source: &SourceText, yaml: &str, base: usize) -> Result<()> {
    use yaml_rust2::parser::{Event, Parser};
    let mut parser = Parser::new_from_str(yaml);
    loop {
        match parser.next_token() {
            Ok((Event::StreamEnd, _)) | Err(_) => return Ok(()), // the loader reports bad YAML
            Ok((Event::Alias(_), mark)) => {
                // The marker counts characters; positions here are bytes.
                let at = yaml.char_indices().nth(mark.index()).map_or(yaml.len(), |(i, _)| i);
                return Err(Error::input(
                    source,
                    base + at,
                    "front matter uses a YAML alias (`*name`); Microsoft Docs front matter has none, and \
                     aliases can expand without bound, so tolk refuses them",
                ));
            }
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!(
            "---\ntitle: T\nms.contentlocale: hu-HU\nms.lasthandoff: 04/28/2021\nms.translationtype: MT\n---\n{body}"
        )
    }

    fn seg(n: u32, t: &str, e: &str) -> String {
        format!("<span data-ttu-id=\"x-{n}\">{t}</span><span class=\"sxs-lookup\"><span data-stu-id=\"x-{n}\">{e}</span></span>")
    }

    #[test]
    fn blocks_get_ids_from_sections_and_kinds() {
        let body = format!(
            "# <a name=\"top\"></a>{}\n\n## <a name=\"steps\"></a>{}\n\n1. {} {}\n    > [!NOTE]\n    > {}\n\n| {} | 10 |\n|---|---|\n",
            seg(1, "Fő", "Top"),
            seg(2, "Lépések", "Steps"),
            seg(3, "Egy.", "One."),
            seg(4, "Kettő.", "Two."),
            seg(5, "Megjegyzés", "Note this"),
            seg(6, "Cella", "Cell")
        );
        let file = parse(SourceText::new("hu.md", doc(&body))).unwrap();
        let ids: Vec<_> = file.blocks.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["top--title", "steps--title", "steps--step-1", "steps--note-1", "steps--cell-1"]);
        assert_eq!(file.blocks[2].english, "One. Two.");
        assert_eq!(file.blocks[2].translation, "Egy. Kettő.");
        assert_eq!(file.blocks[3].line, 13, "the note text is on line 13 of the file");
        assert_eq!((file.locale.as_str(), file.last_handoff), ("hu", (2021, 4, 28)));
        assert!(file.skeleton_body.starts_with("# {{ top--title }} {#top}\n"), "{}", file.skeleton_body);
        assert!(file.skeleton_body.contains("    > {{ steps--note-1 }}\n"), "{}", file.skeleton_body);
        assert!(file.skeleton_body.contains("| {{ steps--cell-1 }} | 10 |"), "{}", file.skeleton_body);
    }

    #[test]
    fn repeated_and_odd_headings_get_unique_identifier_sections() {
        // Found by fuzzing: two headings with one anchor gave two `--title` messages of one id.
        let body = format!(
            "## {}\n\n## {}\n\n## <a name=\"9 lives\"></a>{}\n\n## {}\n",
            seg(1, "Kop", "Setup"),
            seg(2, "Kop", "Setup"),
            seg(3, "Negen", "Nine"),
            seg(4, "Één", "?!")
        );
        let file = parse(SourceText::new("hu.md", doc(&body))).unwrap();
        let ids: Vec<_> = file.blocks.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["setup--title", "setup-1--title", "section-9-lives--title", "section--title"]);
        assert!(file.skeleton_body.contains("{{ setup-1--title }} {#setup-1}"), "{}", file.skeleton_body);
        // An anchor that is an identifier is kept as written, `---` and all (links use it).
        let body = format!("## <a name=\"a---b-\"></a>{}\n", seg(1, "Kop", "Setup"));
        let file = parse(SourceText::new("hu.md", doc(&body))).unwrap();
        assert_eq!(file.blocks[0].id, "a---b---title");
    }

    #[test]
    fn a_step_paragraph_and_list_items_get_distinct_ids() {
        // Found by fuzzing: "Step 1" took `--step-1`, then the first list item took it again.
        let body = format!(
            "# {}\n\n{}\n\n1. {}\n2. {}\n",
            seg(1, "C", "T"),
            seg(2, "1. lépés", "Step 1 first"),
            seg(3, "a", "A"),
            seg(4, "b", "B")
        );
        let file = parse(SourceText::new("hu.md", doc(&body))).unwrap();
        let ids: Vec<_> = file.blocks.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["t--title", "t--step-1", "t--step-2", "t--step-3"]);
    }

    #[test]
    fn a_content_locale_must_start_with_a_language() {
        let text = doc(&format!("# {}\n", seg(1, "Kop", "Title"))).replace("hu-HU", "../../x");
        let err = parse(SourceText::new("x.md", text)).unwrap_err();
        assert!(err.to_string().contains("x.md:3:1: error: `ms.contentlocale: ../../x`"), "{err}");
    }

    #[test]
    fn files_without_a_heading_are_refused() {
        // Found by fuzzing: import wrote `title = ""`, a skeleton that does not build.
        let err = parse(SourceText::new("hu.md", doc(&format!("{}\n", seg(1, "Szöveg", "Text"))))).unwrap_err();
        assert!(err.to_string().contains("hu.md:7:1: error: no heading"), "{err}");
    }

    #[test]
    fn files_without_english_are_refused() {
        let err = parse(SourceText::new("nl.md", doc("# Kop\n\nAlleen Nederlands.\n"))).unwrap_err();
        assert!(err.to_string().contains("never invents a source text"), "{err}");
        let err = parse(SourceText::new("x.md", "# plain markdown\n")).unwrap_err();
        assert!(err.to_string().contains("not Microsoft Docs"), "{err}");
    }
}
