//! Humane message ids for imported blocks, and the translator's comment above each.
//!
//! An id names the block's section and its role, as Mozilla's Fluent guidelines ask of ids
//! ("describe the context, not the text"): `view-activate-technical-step-2`,
//! `overview-title`, `intro-text-1`. The section part is the heading's words without stop
//! words, at most [`SECTION_LEN`] characters, transliterated to ASCII; the whole id is at most
//! [`MAX_LEN`] characters and never contains `--`.
//!
//! Ids are stable across imports: [`assign`] first gives each block the id of the message
//! of the site's source resource it aligns to (same text after normalization, else the most
//! similar text; a heading reworded beyond recognition keeps the id of the unmatched heading in
//! its place), and only blocks that align to nothing get a fresh id, one no existing message
//! holds. Inserting a paragraph or rewording a heading therefore renames nothing. Ids written
//! by earlier versions of tolk (with `--`, up to 99 characters) are not reused: they are
//! mapped to the new ids, so the site's other files can be renamed along.

use std::collections::{BTreeMap, BTreeSet};

use super::blocks::Block;

/// Most characters of an id.
pub const MAX_LEN: usize = 40;

/// Most characters of an id's section part.
pub const SECTION_LEN: usize = 26;

/// Words left out of section names (English function words).
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "for", "from", "how", "i", "in", "is", "it", "its",
    "of", "on", "or", "our", "the", "this", "to", "what", "when", "with", "you", "your",
];

/// Whether `id` has this module's form: at most [`MAX_LEN`] characters and no `--` (the
/// separator of the ids earlier imports wrote).
pub fn is_humane(id: &str) -> bool {
    id.len() <= MAX_LEN && !id.contains("--")
}

/// The role part of an id for a block kind (see [`super::blocks::Run::kind`]).
pub fn role(kind: &str) -> &'static str {
    match kind {
        "title" => "title",
        "step" => "step",
        "item" => "item",
        "cell" => "cell",
        "quote" => "quote",
        "code" => "code",
        "description" => "description",
        "note" => "note",
        "tip" => "tip",
        "important" => "important",
        "warning" => "warning",
        "caution" => "caution",
        _ => "text",
    }
}

/// A section name from a heading's text: its words (transliterated to ASCII, lowercased),
/// stop words left out unless nothing else is left, joined by `-` up to [`SECTION_LEN`]
/// characters; `section` when no word is left. Always a Fluent identifier.
pub fn section_name(heading: &str) -> String {
    let plain = deunicode::deunicode(&crate::check::markup::Markup::of(heading).text).to_lowercase();
    let words: Vec<&str> = plain.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let content: Vec<&str> = words.iter().copied().filter(|w| !STOP_WORDS.contains(w)).collect();
    let words = if content.is_empty() { words } else { content };
    let mut name = String::new();
    for word in words {
        let word = &word[..word.len().min(SECTION_LEN)];
        if !name.is_empty() && name.len() + 1 + word.len() > SECTION_LEN {
            break;
        }
        if !name.is_empty() {
            name.push('-');
        }
        name.push_str(word);
    }
    if name.is_empty() {
        return "section".into();
    }
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.insert(0, 's');
    }
    name
}

/// Gives `blocks` (one source document, in order) their final ids, reusing the ids of
/// `existing` (the site's source resource for this article: id and value, in file order).
///
/// Returns the renames: provisional block id → final id for every block, and for each
/// existing id of an earlier form ([`is_humane`] false) that a block aligned to, that id → the
/// block's new id.
pub fn assign(
    blocks: &mut [Block],
    existing: &[(String, String)],
) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let texts: Vec<&str> = blocks.iter().map(|b| b.english.as_str()).collect();
    let values: Vec<&str> = existing.iter().map(|(_, v)| v.as_str()).collect();
    let mut matched: Vec<Option<usize>> = vec![None; blocks.len()];
    for (e, b, _) in super::align_indices(&texts, &values) {
        matched[b] = Some(e);
    }
    // Headings reworded beyond recognition: unmatched headings take unmatched heading ids in order.
    let taken: BTreeSet<usize> = matched.iter().flatten().copied().collect();
    let free_titles = existing
        .iter()
        .enumerate()
        .filter(|(i, (id, _))| !taken.contains(i) && (id.ends_with("-title") || id == "title"))
        .map(|(i, _)| i);
    let open_titles: Vec<usize> =
        (0..blocks.len()).filter(|&b| matched[b].is_none() && blocks[b].kind == "title").collect();
    for (b, e) in open_titles.into_iter().zip(free_titles) {
        matched[b] = Some(e);
    }

    let reused = |b: usize| matched[b].map(|e| existing[e].0.as_str()).filter(|id| is_humane(id));
    let mut used: BTreeSet<String> = existing.iter().map(|(id, _)| id.clone()).collect();
    let mut sections: BTreeSet<String> = (0..blocks.len())
        .filter_map(|b| reused(b).and_then(|id| id.strip_suffix("-title")).map(str::to_string))
        .collect();
    let mut section = String::from("intro");
    let mut ids = Vec::with_capacity(blocks.len());
    for (b, block) in blocks.iter().enumerate() {
        let kind = block.kind;
        if kind == "title" {
            section = match reused(b).and_then(|id| id.strip_suffix("-title")) {
                Some(name) => name.to_string(),
                None => {
                    let base = section_name(&block.english);
                    let mut name = base.clone();
                    let mut n = 1;
                    while sections.contains(&name) || used.contains(&format!("{name}-title")) {
                        n += 1;
                        name = fit(&base, &format!("-{n}"), SECTION_LEN);
                    }
                    sections.insert(name.clone());
                    name
                }
            };
        }
        let id = match reused(b) {
            Some(id) => id.to_string(),
            None if kind == "title" => format!("{section}-title"),
            None if kind == "description" && !used.contains(&format!("{section}-description")) => {
                format!("{section}-description")
            }
            None => {
                let role = role(kind);
                (1..)
                    .map(|n| fit(&section, &format!("-{role}-{n}"), MAX_LEN))
                    .find(|id| !used.contains(id))
                    .expect("an unbounded range has a free number")
            }
        };
        used.insert(id.clone());
        ids.push(id);
    }
    let mut provisional = BTreeMap::new();
    let mut legacy = BTreeMap::new();
    for (b, id) in ids.into_iter().enumerate() {
        if let Some(e) = matched[b].filter(|&e| !is_humane(&existing[e].0)) {
            legacy.insert(existing[e].0.clone(), id.clone());
        }
        provisional.insert(std::mem::replace(&mut blocks[b].id, id.clone()), id);
    }
    (provisional, legacy)
}

/// `base` + `suffix`, `base` shortened (at a `-` where it can) so the whole is at most `max`
/// characters. ASCII only.
fn fit(base: &str, suffix: &str, max: usize) -> String {
    let room = max.saturating_sub(suffix.len()).max(1);
    let mut base = &base[..base.len().min(room)];
    if base.len() < room {
        return format!("{base}{suffix}");
    }
    if let Some(cut) = base.rfind('-').filter(|&i| i > 0) {
        base = &base[..cut];
    }
    format!("{}{suffix}", base.trim_end_matches('-'))
}

/// The translator's comment for a block: what it is and where (a Fluent message comment,
/// without the `# `). `first` marks the document's first heading (the page title).
pub fn comment(block: &Block, first: bool) -> String {
    let section = crate::check::markup::Markup::of(&block.section).text;
    let section: String = section.split_whitespace().collect::<Vec<_>>().join(" ");
    let section = match section.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &section[..at]),
        None => section,
    };
    let what = match block.kind {
        "title" if first => return "The article's title (page title and first heading).".into(),
        "title" => return "A section heading.".into(),
        "description" => return "The article's description (search results and link previews).".into(),
        "step" => "A numbered step",
        "item" => "A list item",
        "cell" => "A table cell",
        "quote" => "A block quote",
        "code" => "Code",
        "note" => "A note",
        "tip" => "A tip",
        "important" => "An important notice",
        "warning" => "A warning",
        "caution" => "A caution",
        _ => "A paragraph",
    };
    if section.is_empty() {
        format!("{what}, before the first heading.")
    } else {
        format!("{what} in the section “{section}”.")
    }
}

/// `skeleton` with each call `{{ OLD }}` whose id `renames` maps written `{{ NEW }}`.
pub fn rename_calls(skeleton: &str, renames: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(skeleton.len());
    let mut rest = skeleton;
    while let Some(open) = rest.find("{{ ") {
        out.push_str(&rest[..open + 3]);
        rest = &rest[open + 3..];
        let end = rest.find([' ', '}']).unwrap_or(rest.len());
        match renames.get(&rest[..end]) {
            Some(new) => out.push_str(new),
            None => out.push_str(&rest[..end]),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(id: &str, kind: &'static str, english: &str) -> Block {
        Block {
            id: id.into(),
            english: english.into(),
            translation: String::new(),
            line: 1,
            kind,
            section: String::new(),
        }
    }

    #[test]
    fn section_names_are_short_readable_identifiers() {
        assert_eq!(section_name("View and activate your Technical support benefits"), "view-activate-technical");
        assert_eq!(
            section_name("How to open a technical support request for your partner benefits"),
            "open-technical-support"
        );
        assert_eq!(section_name("Überblick & Zusammenfassung"), "uberblick-zusammenfassung");
        assert_eq!(section_name("2021 [changes](x.md)"), "s2021-changes");
        assert_eq!(section_name("?!"), "section");
        assert_eq!(section_name("Supercalifragilisticexpialidocious-and-more"), "supercalifragilisticexpial");
    }

    #[test]
    fn fresh_ids_name_section_and_role() {
        let mut blocks = vec![
            block("a", "p", "Intro."),
            block("b", "title", "Overview"),
            block("c", "p", "One."),
            block("d", "step", "Two."),
            block("e", "title", "Overview"),
            block("f", "note", "Three."),
        ];
        let (renames, legacy) = assign(&mut blocks, &[]);
        let ids: Vec<_> = blocks.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "intro-text-1",
                "overview-title",
                "overview-text-1",
                "overview-step-1",
                "overview-2-title",
                "overview-2-note-1"
            ]
        );
        assert_eq!(renames["d"], "overview-step-1");
        assert!(legacy.is_empty());
    }

    #[test]
    fn an_inserted_paragraph_and_a_reworded_heading_rename_nothing() {
        let first = vec![block("a", "title", "Setup"), block("b", "p", "Install it."), block("c", "p", "Run it.")];
        let mut before = first.clone();
        assign(&mut before, &[]);
        let existing: Vec<(String, String)> = before.iter().map(|b| (b.id.clone(), b.english.clone())).collect();
        let mut after = vec![
            block("a", "title", "Getting ready"),
            block("x", "p", "A new first paragraph."),
            block("b", "p", "Install it."),
            block("c", "p", "Run it now."),
        ];
        assign(&mut after, &existing);
        let ids: Vec<_> = after.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["setup-title", "setup-text-3", "setup-text-1", "setup-text-2"]);
    }

    #[test]
    fn ids_of_an_earlier_form_map_to_new_ones() {
        let existing = vec![
            ("view-and-activate-your-technical-support-benefits--title".to_string(), "View and activate".to_string()),
            ("view-and-activate-your-technical-support-benefits--step-1".to_string(), "Sign in.".to_string()),
        ];
        let mut blocks = vec![block("t", "title", "View and activate"), block("s", "step", "Sign in.")];
        let (_, legacy) = assign(&mut blocks, &existing);
        assert_eq!(blocks[1].id, "view-activate-step-1");
        assert_eq!(legacy["view-and-activate-your-technical-support-benefits--step-1"], "view-activate-step-1");
        assert!(blocks.iter().all(|b| is_humane(&b.id)));
    }

    #[test]
    fn long_sections_and_numbers_stay_within_the_limit() {
        let mut blocks = vec![block("t", "title", "Supercalifragilisticexpialidocious words")];
        blocks.extend((0..120).map(|i| block(&format!("c{i}"), "important", "x")));
        assign(&mut blocks, &[]);
        assert!(blocks.iter().all(|b| b.id.len() <= MAX_LEN && is_humane(&b.id)), "{:?}", blocks.last());
        let unique: BTreeSet<_> = blocks.iter().map(|b| &b.id).collect();
        assert_eq!(unique.len(), blocks.len());
    }

    #[test]
    fn calls_are_renamed_in_place() {
        let renames = BTreeMap::from([("a--title".to_string(), "a-title".to_string())]);
        assert_eq!(rename_calls("# {{ a--title }} {#a}\n{{ b }}\n", &renames), "# {{ a-title }} {#a}\n{{ b }}\n");
    }
}
