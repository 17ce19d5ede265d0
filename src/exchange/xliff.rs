//! XLIFF 1.2 (OASIS, 2008) and 2.0 (OASIS, 2014, with the Change Tracking module), written
//! as text and read through [`super::xml`].
//!
//! One `<file>` per Fluent resource (`original` is its name), one `<trans-unit>` (1.2) or
//! `<unit>` (2.0, `canResegment="no"`) per [`Unit`], with today's English as source, the
//! translation as target and codes for placeables and Markdown ([`super::segments`]).
//! States: missing → `new` (1.2) / `initial` (2.0); stale and flagged → the `--stale-state`
//! (default `needs-review-translation` in 1.2; `initial` in 2.0, with `subState="tolk:stale"`
//! or `tolk:flagged`); current → `translated`. The English a stale translation was made from
//! is an `<alt-trans alttranstype="previous-version">` (1.2) or a `ctr:changeTrack` revision of
//! the source (2.0). Notes carry the message comment, the grade and word diff, the findings
//! and the source file and line.

use std::collections::BTreeMap;

use super::segments::{join, Code, CodeKind, Piece};
use super::units::{State, Unit};
use super::xml::{escape, Element, Node};
use super::{Header, Incoming, Read};
use crate::error::{Error, Location, Result};
use crate::source::SourceText;

/// XLIFF 1.2 target states (`state` attribute values of the 1.2 specification).
pub const STATES_12: &[&str] = &[
    "new",
    "needs-translation",
    "needs-adaptation",
    "needs-l10n",
    "needs-review-translation",
    "needs-review-adaptation",
    "needs-review-l10n",
    "translated",
    "signed-off",
    "final",
];

/// XLIFF 2.0 segment states.
pub const STATES_20: &[&str] = &["initial", "translated", "reviewed", "final"];

/// The XLIFF 1.2 document of `units`; stale and flagged targets get `stale_state`.
pub fn write_12(header: &Header, units: &[Unit], stale_state: &str) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n",
    );
    for (resource, units) in by_resource(units) {
        out.push_str(&format!(
            "  <file original=\"{}\" source-language=\"{}\" target-language=\"{}\" datatype=\"plaintext\">\n",
            escape(resource),
            escape(&header.source_locale),
            escape(&header.locale)
        ));
        out.push_str(&format!(
            "    <header>\n      <note from=\"tolk\">{}</note>\n    </header>\n    <body>\n",
            escape(&header.note())
        ));
        for unit in units {
            let id = unit.key.id();
            out.push_str(&format!(
                "      <trans-unit id=\"{0}\" resname=\"{0}\" xml:space=\"preserve\">\n",
                escape(&id)
            ));
            out.push_str(&format!("        <source>{}</source>\n", inline_12(&unit.source)));
            let state = match unit.state {
                State::Missing => "new",
                State::Stale | State::Flagged => stale_state,
                State::Current => "translated",
            };
            let target = unit.target.as_deref().map(inline_12).unwrap_or_default();
            out.push_str(&format!("        <target state=\"{state}\">{target}</target>\n"));
            for note in super::notes(unit, &[]) {
                out.push_str(&format!("        <note from=\"tolk\">{}</note>\n", escape(&note)));
            }
            if let (Some(previous), Some(target)) = (&unit.previous, &unit.target) {
                out.push_str(&format!(
                    "        <alt-trans alttranstype=\"previous-version\" origin=\"tolk\">\n          <source>{}</source>\n          <target>{}</target>\n        </alt-trans>\n",
                    inline_12(previous),
                    inline_12(target)
                ));
            }
            out.push_str("      </trans-unit>\n");
        }
        out.push_str("    </body>\n  </file>\n");
    }
    out.push_str("</xliff>\n");
    out
}

fn inline_12(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(&escape(t)),
            Piece::Code(Code { id, kind, native }) => {
                let tag = match kind {
                    CodeKind::Standalone => "ph",
                    CodeKind::Open => "bpt",
                    CodeKind::Close => "ept",
                };
                out.push_str(&format!("<{tag} id=\"{id}\">{}</{tag}>", escape(native)));
            }
        }
    }
    out
}

/// The XLIFF 2.0 document of `units`; stale and flagged segments get `stale_state`.
pub fn write_20(header: &Header, units: &[Unit], stale_state: &str) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" xmlns:ctr=\"urn:oasis:names:tc:xliff:changetracking:2.0\" version=\"2.0\" srcLang=\"{}\" trgLang=\"{}\">\n",
        escape(&header.source_locale),
        escape(&header.locale)
    );
    for (n, (resource, units)) in by_resource(units).into_iter().enumerate() {
        out.push_str(&format!("  <file id=\"f{}\" original=\"{}\">\n", n + 1, escape(resource)));
        out.push_str(&format!(
            "    <notes>\n      <note category=\"tolk\">{}</note>\n    </notes>\n",
            escape(&header.note())
        ));
        for unit in units {
            let id = unit.key.id();
            out.push_str(&format!(
                "    <unit id=\"{0}\" name=\"{0}\" canResegment=\"no\" xml:space=\"preserve\">\n",
                escape(&id)
            ));
            if let Some(previous) = &unit.previous {
                out.push_str(&format!(
                    "      <ctr:changeTrack>\n        <ctr:revisions appliesTo=\"source\">\n          <ctr:revision author=\"tolk\">\n            <ctr:item property=\"content\">{}</ctr:item>\n          </ctr:revision>\n        </ctr:revisions>\n      </ctr:changeTrack>\n",
                    escape(&join(previous))
                ));
            }
            let notes = super::notes(unit, &[]);
            if !notes.is_empty() {
                out.push_str("      <notes>\n");
                for note in notes {
                    out.push_str(&format!("        <note>{}</note>\n", escape(&note)));
                }
                out.push_str("      </notes>\n");
            }
            let mut data: Vec<String> = Vec::new();
            let source = inline_20(&unit.source, &mut data);
            let target = unit.target.as_deref().map(|t| inline_20(t, &mut data));
            if !data.is_empty() {
                out.push_str("      <originalData>\n");
                for (i, native) in data.iter().enumerate() {
                    out.push_str(&format!("        <data id=\"d{}\">{}</data>\n", i + 1, escape(native)));
                }
                out.push_str("      </originalData>\n");
            }
            let state = match unit.state {
                State::Missing => "state=\"initial\"".to_string(),
                State::Stale | State::Flagged => {
                    format!("state=\"{stale_state}\" subState=\"tolk:{}\"", unit.state.name())
                }
                State::Current => "state=\"translated\"".to_string(),
            };
            out.push_str(&format!("      <segment {state}>\n        <source>{source}</source>\n"));
            out.push_str(&format!("        <target>{}</target>\n", target.unwrap_or_default()));
            out.push_str("      </segment>\n    </unit>\n");
        }
        out.push_str("  </file>\n");
    }
    out.push_str("</xliff>\n");
    out
}

/// Inline content in 2.0 form: `<ph dataRef>` for standalone codes, `<pc dataRefStart
/// dataRefEnd>` for a pair (`<sc>`/`<ec>` for a half without its other half); natives go to
/// `data` (the unit's `originalData`, shared by source and target).
fn inline_20(pieces: &[Piece], data: &mut Vec<String>) -> String {
    let mut reference = |native: &str| -> String {
        let i = data.iter().position(|d| d == native).unwrap_or_else(|| {
            data.push(native.to_string());
            data.len() - 1
        });
        format!("d{}", i + 1)
    };
    let close_of = |id: usize, from: usize| {
        pieces[from..].iter().find_map(|p| match p {
            Piece::Code(c) if c.kind == CodeKind::Close && c.id == id => Some(c.native.clone()),
            _ => None,
        })
    };
    let mut out = String::new();
    let mut open: Vec<usize> = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Text(t) => out.push_str(&escape(t)),
            Piece::Code(Code { id, kind: CodeKind::Standalone, native }) => {
                out.push_str(&format!("<ph id=\"{id}\" dataRef=\"{}\"/>", reference(native)));
            }
            Piece::Code(Code { id, kind: CodeKind::Open, native }) => match close_of(*id, i) {
                Some(close) => {
                    let (start, end) = (reference(native), reference(&close));
                    out.push_str(&format!("<pc id=\"{id}\" dataRefStart=\"{start}\" dataRefEnd=\"{end}\">"));
                    open.push(*id);
                }
                None => out.push_str(&format!("<sc id=\"{id}\" dataRef=\"{}\"/>", reference(native))),
            },
            Piece::Code(Code { id, kind: CodeKind::Close, native }) => {
                if open.last() == Some(id) {
                    open.pop();
                    out.push_str("</pc>");
                } else {
                    out.push_str(&format!("<ec id=\"{id}c\" dataRef=\"{}\"/>", reference(native)));
                }
            }
        }
    }
    for _ in open {
        out.push_str("</pc>");
    }
    out
}

fn by_resource(units: &[Unit]) -> BTreeMap<&str, Vec<&Unit>> {
    let mut map: BTreeMap<&str, Vec<&Unit>> = BTreeMap::new();
    for unit in units {
        map.entry(unit.resource.as_str()).or_default().push(unit);
    }
    map
}

/// The units of an XLIFF 1.2 or 2.0 document whose target is done: 1.2 targets in state
/// `translated`, `signed-off`, `final` or without a state; 2.0 segments in state
/// `translated`, `reviewed` or `final`. Others are `skipped` with their reason. Returns the
/// target locale (1.2 `target-language`, 2.0 `trgLang`).
///
/// Errors: [`Error::Input`] for malformed XML, a root that is not XLIFF 1.2 or 2.x, or no
/// target language.
pub fn read(source: &SourceText) -> Result<Read> {
    let root = super::xml::parse(source)?;
    if root.name != "xliff" {
        return Err(Error::input(source, root.offset, format!("the root element is <{}>, not <xliff>", root.name)));
    }
    let version = root.attr("version").unwrap_or("");
    let mut reader = Reader { source, units: Vec::new(), skipped: Vec::new(), locale: None };
    if version == "1.2" {
        for file in root.children_named("file") {
            reader.file_12(file);
        }
    } else if version.starts_with("2.") {
        reader.locale = root.attr("trgLang").map(str::to_string);
        for file in root.children_named("file") {
            let resource = file.attr("original").unwrap_or("").to_string();
            reader.group_20(file, &resource);
        }
    } else {
        return Err(Error::input(source, root.offset, format!("XLIFF version `{version}`: tolk reads 1.2 and 2.0")));
    }
    let locale = reader
        .locale
        .filter(|l| !l.is_empty())
        .ok_or_else(|| Error::input(source, root.offset, "no target language (1.2 target-language, 2.0 trgLang)"))?;
    Ok(Read { locale, units: reader.units, skipped: reader.skipped })
}

struct Reader<'s> {
    source: &'s SourceText,
    units: Vec<Incoming>,
    skipped: Vec<(Location, String)>,
    locale: Option<String>,
}

impl Reader<'_> {
    fn at(&self, element: &Element) -> Location {
        let (line, column) = self.source.line_col(element.offset);
        Location { file: self.source.path.to_path_buf(), line, column }
    }

    fn file_12(&mut self, file: &Element) {
        if self.locale.is_none() {
            self.locale = file.attr("target-language").map(str::to_string);
        }
        let resource = file.attr("original").unwrap_or("").to_string();
        let mut stack: Vec<&Element> = file.child("body").into_iter().collect();
        while let Some(element) = stack.pop() {
            for child in element.children.iter().rev() {
                let Node::Element(child) = child else { continue };
                match child.name.as_str() {
                    "group" => stack.push(child),
                    "trans-unit" => self.unit_12(child, &resource),
                    _ => {}
                }
            }
        }
        self.units.sort_by_key(|u| u.location.line);
    }

    fn unit_12(&mut self, unit: &Element, resource: &str) {
        let id = unit.attr("id").unwrap_or("").to_string();
        let at = self.at(unit);
        let Some(source) = unit.child("source") else {
            self.skipped.push((at, format!("`{id}` has no <source>")));
            return;
        };
        let natives = natives_12(source);
        let target = unit.child("target");
        let state = target.and_then(|t| t.attr("state")).unwrap_or("translated");
        let text = target.map(|t| join(&inline_read(t, &|code| natives_lookup(&natives, code)))).unwrap_or_default();
        if !matches!(state, "translated" | "signed-off" | "final") {
            self.skipped.push((at, format!("`{id}` is in state {state}")));
        } else if target.is_none_or(|t| t.children.is_empty()) {
            self.skipped.push((at, format!("`{id}` has no translation")));
        } else {
            let english = join(&inline_read(source, &|code| natives_lookup(&natives, code)));
            self.units.push(Incoming {
                resource: resource.to_string(),
                id,
                source: english,
                target: text,
                location: at,
            });
        }
    }

    fn group_20(&mut self, element: &Element, resource: &str) {
        for child in &element.children {
            let Node::Element(child) = child else { continue };
            match child.name.as_str() {
                "group" => self.group_20(child, resource),
                "unit" => self.unit_20(child, resource),
                _ => {}
            }
        }
    }

    fn unit_20(&mut self, unit: &Element, resource: &str) {
        let id = unit.attr("id").unwrap_or("").to_string();
        let at = self.at(unit);
        let data: BTreeMap<&str, String> = unit
            .child("originalData")
            .map(|o| o.children_named("data").map(|d| (d.attr("id").unwrap_or(""), d.text())).collect())
            .unwrap_or_default();
        let lookup = |code: &Element| -> Option<String> {
            let key = code.attr("dataRef").or(code.attr("dataRefStart"))?;
            data.get(key).cloned()
        };
        let (mut english, mut text, mut done, mut empty) = (Vec::new(), Vec::new(), true, true);
        let mut states = Vec::new();
        for part in &unit.children {
            let Node::Element(part) = part else { continue };
            if part.name != "segment" && part.name != "ignorable" {
                continue;
            }
            let state = part.attr("state").unwrap_or("initial");
            if part.name == "segment" {
                states.push(state.to_string());
                done &= matches!(state, "translated" | "reviewed" | "final");
            }
            if let Some(source) = part.child("source") {
                english.extend(inline_read_20(source, &lookup, &data));
            }
            match part.child("target") {
                Some(target) => {
                    empty &= target.children.is_empty();
                    text.extend(inline_read_20(target, &lookup, &data));
                }
                None if part.name == "segment" => done = false,
                None => {}
            }
        }
        if !done {
            self.skipped.push((at, format!("`{id}` is in state {}", states.join(", "))));
        } else if empty {
            self.skipped.push((at, format!("`{id}` has no translation")));
        } else {
            self.units.push(Incoming {
                resource: resource.to_string(),
                id,
                source: join(&english),
                target: join(&text),
                location: at,
            });
        }
    }
}

/// The native text of each code of a 1.2 `<source>` by element name and id (to restore
/// `<x/>`, `<g>`, `<bx/>`, `<ex/>` and empty codes that a tool put in the target).
fn natives_12(source: &Element) -> BTreeMap<(String, String), String> {
    let mut map = BTreeMap::new();
    let mut stack = vec![source];
    while let Some(element) = stack.pop() {
        for child in &element.children {
            if let Node::Element(child) = child {
                let id = child.attr("id").unwrap_or("").to_string();
                match child.name.as_str() {
                    "ph" | "it" => {
                        map.insert(("ph".into(), id), child.text());
                    }
                    "bpt" | "ept" => {
                        map.insert((child.name.clone(), id), child.text());
                    }
                    _ => stack.push(child),
                }
            }
        }
    }
    map
}

fn natives_lookup(natives: &BTreeMap<(String, String), String>, code: &Element) -> Option<String> {
    let id = code.attr("id").unwrap_or("").to_string();
    let kind = match code.name.as_str() {
        "x" | "ph" | "it" => "ph",
        "bx" | "bpt" | "g" => "bpt",
        "ex" | "ept" => "ept",
        _ => return None,
    };
    natives.get(&(kind.to_string(), id)).cloned()
}

/// The pieces of 1.2 inline content: `<ph>`, `<bpt>`, `<ept>`, `<it>` carry their native
/// text (or, when empty, the source's); `<x/>`, `<bx/>`, `<ex/>` and `<g>` take the source's
/// code of the same id; `<mrk>` is transparent.
fn inline_read(element: &Element, lookup: &dyn Fn(&Element) -> Option<String>) -> Vec<Piece> {
    let mut pieces = Vec::new();
    for child in &element.children {
        match child {
            Node::Text(t) => pieces.push(Piece::Text(t.clone())),
            Node::Element(e) => match e.name.as_str() {
                "ph" | "bpt" | "ept" | "it" | "x" | "bx" | "ex" => {
                    let own = e.text();
                    let native = if own.is_empty() { lookup(e).unwrap_or_default() } else { own };
                    pieces.push(code(native));
                }
                "g" => {
                    // The source's pair of the same id around the content.
                    let close = Element { name: "ept".into(), ..e.clone() };
                    pieces.push(code(lookup(e).unwrap_or_default()));
                    pieces.extend(inline_read(e, lookup));
                    pieces.push(code(lookup(&close).unwrap_or_default()));
                }
                _ => pieces.extend(inline_read(e, lookup)),
            },
        }
    }
    pieces
}

/// The pieces of 2.0 inline content: `<ph>`, `<sc>`, `<ec>` by `dataRef`, `<pc>` by
/// `dataRefStart` and `dataRefEnd`; `<mrk>` is transparent, `<sm/>`/`<em/>` are dropped.
fn inline_read_20(
    element: &Element,
    lookup: &dyn Fn(&Element) -> Option<String>,
    data: &BTreeMap<&str, String>,
) -> Vec<Piece> {
    let mut pieces = Vec::new();
    for child in &element.children {
        match child {
            Node::Text(t) => pieces.push(Piece::Text(t.clone())),
            Node::Element(e) => match e.name.as_str() {
                "ph" | "sc" | "ec" => pieces.push(code(lookup(e).unwrap_or_default())),
                "pc" => {
                    pieces.push(code(lookup(e).unwrap_or_default()));
                    pieces.extend(inline_read_20(e, lookup, data));
                    let end = e.attr("dataRefEnd").and_then(|k| data.get(k)).cloned().unwrap_or_default();
                    pieces.push(code(end));
                }
                "sm" | "em" => {}
                _ => pieces.extend(inline_read_20(e, lookup, data)),
            },
        }
    }
    pieces
}

fn code(native: String) -> Piece {
    Piece::Code(Code { id: 0, kind: CodeKind::Standalone, native })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_a_tool_rewrote_come_back_from_the_source() {
        let doc = r#"<xliff version="1.2"><file original="x.ftl" source-language="en" target-language="hu" datatype="plaintext"><body>
<trans-unit id="m"><source>Open <bpt id="1">[</bpt>docs<ept id="1">](https://x.org)</ept> for <ph id="2">{ $n }</ph> &amp; more</source>
<target state="translated">Nyissa meg a <g id="1">dokumentációt</g> (<x id="2"/>) &amp; <mrk mtype="x">többet</mrk></target></trans-unit>
<trans-unit id="n"><source>Left</source><target state="needs-translation">x</target></trans-unit>
</body></file></xliff>"#;
        let read = read(&SourceText::new("t.xlf", doc)).unwrap();
        assert_eq!(read.locale, "hu");
        assert_eq!(read.units.len(), 1);
        assert_eq!(read.units[0].target, "Nyissa meg a [dokumentációt](https://x.org) ({ $n }) & többet");
        assert_eq!(read.units[0].source, "Open [docs](https://x.org) for { $n } & more");
        assert_eq!(read.skipped.len(), 1, "a unit not finished is left out");
    }
}
