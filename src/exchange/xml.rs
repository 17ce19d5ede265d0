//! A small element tree over quick-xml's events (XML 1.0): what the XLIFF readers walk.
//! Entity references are the five predefined ones and character references; a DTD is
//! ignored (never expanded), and nesting deeper than [`MAX_DEPTH`] is refused.

use crate::error::{Error, Result};
use crate::source::SourceText;

/// Deepest element nesting read (XLIFF needs about ten).
pub const MAX_DEPTH: usize = 64;

/// An element: local name (prefix dropped), attributes as written, children in order, and
/// the byte offset of its start tag in the file.
#[derive(Debug, Clone, Default)]
pub struct Element {
    /// The local name (`changeTrack` for `ctr:changeTrack`).
    pub name: String,
    /// Attributes: qualified name as written (`xml:space`, `id`) and unescaped value.
    pub attributes: Vec<(String, String)>,
    /// Child elements and text.
    pub children: Vec<Node>,
    /// Byte offset of the start tag.
    pub offset: usize,
}

/// A child of an [`Element`].
#[derive(Debug, Clone)]
pub enum Node {
    /// An element.
    Element(Element),
    /// Character data (entities resolved, CDATA included).
    Text(String),
}

impl Element {
    /// The value of attribute `name` (qualified, as written).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Child elements named `name` (local name).
    pub fn children_named<'e>(&'e self, name: &'e str) -> impl Iterator<Item = &'e Element> + 'e {
        self.children.iter().filter_map(move |n| match n {
            Node::Element(e) if e.name == name => Some(e),
            _ => None,
        })
    }

    /// The first child element named `name`.
    pub fn child<'e>(&'e self, name: &'e str) -> Option<&'e Element> {
        self.children_named(name).next()
    }

    /// All character data inside, in order.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for child in &self.children {
            match child {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => out.push_str(&e.text()),
            }
        }
        out
    }
}

/// Parses `source` and returns its root element.
///
/// Errors: [`Error::Input`] at the byte where quick-xml found malformed XML, an unknown
/// entity, nesting deeper than [`MAX_DEPTH`], or no root element.
pub fn parse(source: &SourceText) -> Result<Element> {
    use quick_xml::events::Event;
    let text: &str = &source.text;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut stack: Vec<Element> = vec![Element::default()];
    loop {
        let offset = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| {
            Error::input(source, (reader.error_position() as usize).min(text.len()), format!("malformed XML: {e}"))
        })?;
        let bad = |at: usize, message: String| Error::input(source, at.min(text.len()), message);
        match event {
            Event::Start(start) | Event::Empty(start) if stack.len() > MAX_DEPTH => {
                let _ = start;
                return Err(bad(offset, format!("elements nested more than {MAX_DEPTH} deep")));
            }
            Event::Start(ref start) | Event::Empty(ref start) => {
                let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
                let mut attributes = Vec::new();
                for attribute in start.attributes() {
                    let attribute = attribute.map_err(|e| bad(offset, format!("malformed XML attribute: {e}")))?;
                    let key = String::from_utf8_lossy(attribute.key.as_ref()).into_owned();
                    let value =
                        attribute.unescape_value().map_err(|e| bad(offset, format!("malformed XML attribute: {e}")))?;
                    attributes.push((key, value.into_owned()));
                }
                let element = Element { name, attributes, children: Vec::new(), offset };
                if matches!(event, Event::Empty(_)) {
                    push(&mut stack, Node::Element(element));
                } else {
                    stack.push(element);
                }
            }
            Event::End(_) if stack.len() > 1 => {
                let done = stack.pop().unwrap_or_default();
                push(&mut stack, Node::Element(done));
            }
            Event::Text(t) => {
                let t = t.decode().map_err(|e| bad(offset, format!("malformed XML text: {e}")))?;
                push_text(&mut stack, &t);
            }
            Event::CData(t) => {
                let t = t.decode().map_err(|e| bad(offset, format!("malformed XML text: {e}")))?;
                push_text(&mut stack, &t);
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => {
                        let name = r.decode().map_err(|e| bad(offset, format!("malformed XML: {e}")))?;
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .ok_or_else(|| bad(offset, format!("unknown XML entity `&{name};`")))?
                            .to_string()
                    }
                };
                push_text(&mut stack, &resolved);
            }
            Event::Eof => {
                if let Some(open) = stack.get(1..).and_then(|s| s.last()) {
                    return Err(bad(open.offset, format!("malformed XML: <{}> is not closed", open.name)));
                }
                break;
            }
            _ => {}
        }
    }
    let document = stack.into_iter().next().unwrap_or_default();
    document
        .children
        .into_iter()
        .find_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
        .ok_or_else(|| Error::input(source, 0, "no XML root element"))
}

fn push(stack: &mut [Element], node: Node) {
    if let Some(parent) = stack.last_mut() {
        parent.children.push(node);
    }
}

fn push_text(stack: &mut [Element], text: &str) {
    if let Some(parent) = stack.last_mut() {
        if let Some(Node::Text(last)) = parent.children.last_mut() {
            last.push_str(text);
        } else {
            parent.children.push(Node::Text(text.to_string()));
        }
    }
}

/// `text` escaped for XML character data and attribute values (`&`, `<`, `>`, `"`, `'`).
pub fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    quick_xml::escape::escape(text)
}
