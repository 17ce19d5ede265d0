//! What a message's inline Markdown carries, as the markup, link and number rules compare it
//! (parsed by pulldown-cmark, CommonMark with GFM).

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The markup of one message value, each list sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Markup {
    /// Link destinations.
    pub links: Vec<String>,
    /// Image sources.
    pub images: Vec<String>,
    /// Number of emphasis spans (`*x*`).
    pub emphasis: usize,
    /// Number of strong spans (`**x**`).
    pub strong: usize,
    /// Code span contents.
    pub code: Vec<String>,
    /// Inline HTML tag names, lowercase, closing tags with a leading `/` (`br`, `a`, `/a`).
    pub tags: Vec<String>,
    /// Destinations of links whose text is empty (`[](url)`).
    pub empty_links: Vec<String>,
    /// The text a reader sees (no markup, no URLs), spaces between parts.
    pub text: String,
    /// The inline spans, as byte ranges of [`Markup::text`], in the order they open.
    pub spans: Vec<Span>,
}

/// One inline span of a message: what it is and which bytes of the visible text it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// What the span is.
    pub kind: SpanKind,
    /// Its text, as a byte range of [`Markup::text`].
    pub text: Range<usize>,
}

/// The inline elements [`Span`] records (CommonMark inlines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpanKind {
    /// `[text](destination)`, with its destination.
    Link(String),
    /// `**text**`.
    Strong,
    /// `*text*`.
    Emphasis,
    /// `` `code` ``.
    Code,
}

impl SpanKind {
    /// How a reader of a finding calls it.
    pub fn name(&self) -> &'static str {
        match self {
            SpanKind::Link(_) => "link text",
            SpanKind::Strong => "strong text",
            SpanKind::Emphasis => "emphasis",
            SpanKind::Code => "code span",
        }
    }
}

impl Markup {
    /// Parses `value` as inline Markdown (a leading `1.` or `#` is text, as in rendering).
    pub fn of(value: &str) -> Markup {
        let mut m = Markup::default();
        let mut link_text: Option<(String, usize)> = None;
        // Open spans: their index in `m.spans`.
        let mut open: Vec<usize> = Vec::new();
        let start = |m: &mut Markup, open: &mut Vec<usize>, kind: SpanKind| {
            open.push(m.spans.len());
            let at = m.text.len();
            m.spans.push(Span { kind, text: at..at });
        };
        let end = |m: &mut Markup, open: &mut Vec<usize>| {
            if let Some(i) = open.pop() {
                m.spans[i].text.end = m.text.len();
            }
        };
        let value = crate::inline::escape_block_start(value);
        for event in
            Parser::new_ext(&value, Options::ENABLE_GFM | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES)
        {
            match event {
                Event::Start(Tag::Link { dest_url, .. }) => {
                    m.links.push(dest_url.to_string());
                    link_text = Some((dest_url.to_string(), m.text.len()));
                    start(&mut m, &mut open, SpanKind::Link(dest_url.to_string()));
                }
                Event::End(TagEnd::Link) => {
                    if let Some((dest, start)) = link_text.take() {
                        if m.text[start..].trim().is_empty() {
                            m.empty_links.push(dest);
                        }
                    }
                    end(&mut m, &mut open);
                }
                Event::Start(Tag::Image { dest_url, .. }) => m.images.push(dest_url.to_string()),
                Event::Start(Tag::Emphasis) => {
                    m.emphasis += 1;
                    start(&mut m, &mut open, SpanKind::Emphasis);
                }
                Event::Start(Tag::Strong) => {
                    m.strong += 1;
                    start(&mut m, &mut open, SpanKind::Strong);
                }
                Event::End(TagEnd::Emphasis | TagEnd::Strong) => end(&mut m, &mut open),
                Event::Code(code) => {
                    m.code.push(code.to_string());
                    let at = m.text.len();
                    m.text.push_str(&code);
                    m.spans.push(Span { kind: SpanKind::Code, text: at..m.text.len() });
                }
                Event::InlineHtml(html) | Event::Html(html) => {
                    let inner = html.trim_start_matches('<');
                    let name: String = inner.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '/').collect();
                    if !name.is_empty() && !inner.starts_with('!') {
                        m.tags.push(name.to_ascii_lowercase());
                    }
                    m.text.push(' ');
                }
                Event::Text(text) => m.text.push_str(&text),
                Event::SoftBreak | Event::HardBreak => m.text.push(' '),
                _ => {}
            }
        }
        m.links.sort();
        m.images.sort();
        m.code.sort();
        m.tags.sort();
        m
    }

    /// The text of `span`.
    pub fn span_text(&self, span: &Span) -> &str {
        self.text.get(span.text.clone()).unwrap_or("")
    }

    /// Sentences in the visible text: runs ended by `.`, `!` or `?` followed by whitespace
    /// or the end (a coarse count, for grading changes).
    pub fn sentences(&self) -> usize {
        match self.text.is_ascii() {
            true => ascii_sentence_count(self.text.as_bytes()),
            false => sentence_count(&self.text),
        }
    }
}

/// [`Markup::sentences`] of `text`.
fn sentence_count(text: &str) -> usize {
    let mut count = 0;
    let mut has_words = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            has_words = true;
        }
        if matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|n| n.is_whitespace()) && has_words {
            count += 1;
            has_words = false;
        }
    }
    count + usize::from(has_words)
}

/// [`sentence_count`] of ASCII text, by byte (ASCII alphanumerics and whitespace are the
/// characters': whitespace is space and tab to carriage return): terminators are found with
/// memchr, and words between them looked for in vector-sized blocks.
fn ascii_sentence_count(bytes: &[u8]) -> usize {
    let words = |part: &[u8]| crate::check::sentences::any_byte(part, |b| b.is_ascii_alphanumeric());
    let mut count = 0;
    // Where the text after the last sentence counted starts.
    let mut from = 0;
    for at in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
        let ends = bytes.get(at + 1).is_none_or(|n| matches!(n, b' ' | b'\t'..=b'\r'));
        if ends && words(&bytes[from..at]) {
            count += 1;
            from = at + 1;
        }
    }
    count + usize::from(words(&bytes[from..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_emphasis_tags_and_empty_links() {
        let m = Markup::of("Open [Support](https://s.example) and **select** `x`<br>[](https://empty.example)");
        assert_eq!(m.links, ["https://empty.example", "https://s.example"]);
        assert_eq!(m.empty_links, ["https://empty.example"]);
        assert_eq!((m.strong, m.emphasis), (1, 0));
        assert_eq!(m.code, ["x"]);
        assert_eq!(m.tags, ["br"]);
        assert!(m.text.starts_with("Open Support and select x"));
        let spans: Vec<(&str, &str)> = m.spans.iter().map(|s| (s.kind.name(), m.span_text(s))).collect();
        assert_eq!(spans, [("link text", "Support"), ("strong text", "select"), ("code span", "x"), ("link text", "")]);
    }

    #[test]
    fn nested_spans_cover_their_text() {
        let m = Markup::of("Go to your [**Benefits** page](https://b.example) now");
        let spans: Vec<(&str, &str)> = m.spans.iter().map(|s| (s.kind.name(), m.span_text(s))).collect();
        assert_eq!(spans, [("link text", "Benefits page"), ("strong text", "Benefits")]);
    }

    proptest::proptest! {
        /// ASCII text of words, terminators and every ASCII whitespace: counted by byte as by
        /// character.
        #[test]
        fn ascii_sentences_are_counted_as_characters_are(picks in proptest::collection::vec(0usize..12, 0..30)) {
            const PARTS: [&str; 12] = ["a", "7", ".", "!", "?", " ", "\t", "\n", "\u{0B}", "\r", ",", "x.y"];
            let text: String = picks.iter().map(|&i| PARTS[i]).collect();
            proptest::prop_assert_eq!(ascii_sentence_count(text.as_bytes()), sentence_count(&text), "{:?}", text);
        }
    }

    #[test]
    fn sentence_count_ignores_dots_inside_words() {
        assert_eq!(Markup::of("See aka.ms/n-1 for more. Then go.").sentences(), 2);
        assert_eq!(Markup::of("Step 2 Add the contract").sentences(), 1);
        assert_eq!(Markup::of("Klaar.\u{0B}Nu! En?").sentences(), 3, "any whitespace ends a sentence");
        assert_eq!(Markup::of("Kész.\u{0B}Most! És?").sentences(), 3, "in any script");
        assert_eq!(Markup::of("... ? 1.5 x.y").sentences(), 1);
    }
}
