//! The preview's search index of one locale ([`Live`]): the same index and the same JSON as
//! [`search::Index`], kept between edits so that an edit re-indexes only the articles it
//! changed and serializes only the terms whose documents changed.
//!
//! The preview renders a locale's `search-index.json` after every edit of a page it lists; at
//! 10,000 articles that is some 70,000 documents and 35 MB of JSON, which rebuilding from
//! every page's words took a quarter of a second for.

use std::ops::Range;
use std::sync::Arc;

use super::search::{self, Doc};

/// How many consecutive document ids one block of a term's JSON covers ([`TermJson`]).
const BLOCK: u32 = 1024;

/// A locale's search index that can replace one article's documents ([`Live::set`]).
pub struct Live {
    /// Term numbering, stems and each term's documents (ids count from the first article's
    /// first document); its own document list stays empty.
    index: search::Index,
    /// Per article, in the site's article order: its documents.
    articles: Vec<Vec<LiveDoc>>,
    /// Per term number: its JSON.
    terms: Vec<TermJson>,
    /// Term numbers: the first `sorted_len` sorted by text (the order of the JSON's
    /// `terms`), then the terms numbered since, merged in when the JSON is written.
    sorted: Vec<u32>,
    sorted_len: usize,
    /// Document ids per block of [`TermJson::blocks`] ([`BLOCK`]; smaller in tests).
    block: u32,
}

/// One document of a [`Live`] index.
struct LiveDoc {
    /// Its JSON (as in `docs`).
    json: String,
    /// Its distinct term numbers.
    terms: Vec<u32>,
}

/// A term's part of the JSON, `"term":[ids]`, kept in blocks of consecutive document ids so
/// that an edit writes again only the blocks whose ids it changed: a common word lists most
/// of the site's documents (at 10,000 articles, 3 million ids in all).
#[derive(Default)]
struct TermJson {
    /// The term as a JSON string followed by `:` (empty until first written).
    key: String,
    /// Per block number `b` that holds some of its documents (ids `b × block` up to the next
    /// block), ascending: the ids, comma-separated.
    blocks: Vec<(u32, String)>,
    /// The block numbers whose ids may have changed since `blocks` was written.
    dirty: Range<u32>,
}

impl TermJson {
    /// Marks the blocks holding ids `ids` (of blocks of `block` ids) as changed.
    fn touch(&mut self, ids: Range<u32>, block: u32) {
        if ids.is_empty() {
            return;
        }
        let (lo, hi) = (ids.start / block, (ids.end - 1) / block + 1);
        self.dirty = match self.dirty.is_empty() {
            true => lo..hi,
            false => self.dirty.start.min(lo)..self.dirty.end.max(hi),
        };
    }

    /// Writes again the changed blocks from `postings` (the term's ids, ascending).
    fn refresh(&mut self, text: &str, postings: &[u32], block: u32) {
        if self.key.is_empty() {
            // A string: serializing cannot fail.
            self.key = format!("{}:", serde_json::to_string(text).unwrap_or_default());
        }
        if self.dirty.is_empty() {
            return;
        }
        let Range { start: lo, end: hi } = std::mem::take(&mut self.dirty);
        // Blocks are in order: those before the changed ones are kept as they are (moved).
        let mut old = std::mem::take(&mut self.blocks).into_iter().peekable();
        while let Some(kept) = old.next_if(|(b, _)| *b < lo) {
            self.blocks.push(kept);
        }
        let first = postings.partition_point(|&id| id / block < lo);
        let last = postings.partition_point(|&id| id / block < hi);
        for ids in postings[first..last].chunk_by(|a, b| a / block == b / block) {
            let mut json = String::with_capacity(ids.len() * 7);
            let mut number = itoa::Buffer::new();
            for (i, id) in ids.iter().enumerate() {
                if i > 0 {
                    json.push(',');
                }
                json.push_str(number.format(*id));
            }
            self.blocks.push((ids[0] / block, json));
        }
        self.blocks.extend(old.filter(|(b, _)| *b >= hi));
    }

    /// The length of its JSON (`0` when it has no document: it is not written).
    fn len(&self) -> usize {
        match self.blocks.is_empty() {
            true => 0,
            false => self.key.len() + 2 + self.blocks.iter().map(|(_, ids)| ids.len() + 1).sum::<usize>() - 1,
        }
    }

    /// Writes its JSON at the start of `out` and returns the rest.
    fn write<'o>(&self, out: &'o mut [u8]) -> &'o mut [u8] {
        let mut out = put(out, self.key.as_bytes());
        out = put(out, b"[");
        for (i, (_, ids)) in self.blocks.iter().enumerate() {
            if i > 0 {
                out = put(out, b",");
            }
            out = put(out, ids.as_bytes());
        }
        put(out, b"]")
    }
}

/// Copies `bytes` to the start of `out` and returns the rest of `out`.
fn put<'o>(out: &'o mut [u8], bytes: &[u8]) -> &'o mut [u8] {
    let (head, rest) = out.split_at_mut(bytes.len());
    head.copy_from_slice(bytes);
    rest
}

impl Live {
    /// An empty index of `locale` (its language picks the stemmer) for `articles` articles.
    pub fn new(locale: &str, articles: usize) -> Live {
        Live::with_block(locale, articles, BLOCK)
    }

    fn with_block(locale: &str, articles: usize, block: u32) -> Live {
        Live {
            index: search::Index::new(locale),
            articles: (0..articles).map(|_| Vec::new()).collect(),
            terms: Vec::new(),
            sorted: Vec::new(),
            sorted_len: 0,
            block,
        }
    }

    /// Makes `docs` (each with its lowercase words, one per line, as a [`search::Section`]
    /// holds them) the documents of the article at `position` in the site's article order,
    /// in place of what it had. Documents after it are renumbered when their number changes.
    /// A position past the articles the index was made for is ignored.
    pub fn set(&mut self, position: usize, docs: Vec<(Doc, &str)>) {
        if position >= self.articles.len() {
            return;
        }
        let block = self.block;
        let start: u32 = self.articles[..position].iter().map(|a| a.len() as u32).sum();
        let old = std::mem::take(&mut self.articles[position]);
        for (k, doc) in old.iter().enumerate() {
            let id = start + k as u32;
            for &term in &doc.terms {
                if let Some(postings) = self.index.postings_mut(term) {
                    if let Ok(at) = postings.binary_search(&id) {
                        postings.remove(at);
                    }
                }
                self.terms[term as usize].touch(id..id + 1, block);
            }
        }
        let (old_end, new_end) = (start + old.len() as u32, start + docs.len() as u32);
        if old_end != new_end {
            for term in 0..self.index.term_count() as u32 {
                let Some(postings) = self.index.postings_mut(term) else { continue };
                let from = postings.partition_point(|&id| id < old_end);
                if from < postings.len() {
                    for id in &mut postings[from..] {
                        *id = *id - old_end + new_end;
                    }
                    // Every block from the first id that moved, on either side, changes.
                    self.terms[term as usize].touch(old_end.min(new_end)..u32::MAX, block);
                }
            }
        }
        let mut new = Vec::with_capacity(docs.len());
        for (k, (doc, words)) in docs.into_iter().enumerate() {
            let id = start + k as u32;
            let mut terms = self.index.term_numbers(words.lines());
            terms.sort_unstable();
            terms.dedup();
            self.number_new_terms();
            for &term in &terms {
                if let Some(postings) = self.index.postings_mut(term) {
                    if let Err(at) = postings.binary_search(&id) {
                        postings.insert(at, id);
                    }
                }
                self.terms[term as usize].touch(id..id + 1, block);
            }
            // A document is strings only: serializing cannot fail.
            new.push(LiveDoc { json: serde_json::to_string(&doc).unwrap_or_default(), terms });
        }
        self.articles[position] = new;
    }

    /// Adds the terms numbered since the last call (placed in order by [`Live::sort_terms`]).
    fn number_new_terms(&mut self) {
        for term in self.terms.len() as u32..self.index.term_count() as u32 {
            self.sorted.push(term);
            self.terms.push(TermJson::default());
        }
    }

    /// Merges the terms added since the last call into the sorted ones (in time linear in
    /// the terms, and the new ones' sort).
    fn sort_terms(&mut self) {
        if self.sorted_len == self.sorted.len() {
            return;
        }
        let index = &self.index;
        let mut new = self.sorted.split_off(self.sorted_len);
        new.sort_unstable_by(|a, b| index.term_text(*a).cmp(index.term_text(*b)));
        let old = std::mem::take(&mut self.sorted);
        let (mut a, mut b) = (old.into_iter().peekable(), new.into_iter().peekable());
        while let (Some(&x), Some(&y)) = (a.peek(), b.peek()) {
            if index.term_text(x) <= index.term_text(y) {
                self.sorted.push(x);
                a.next();
            } else {
                self.sorted.push(y);
                b.next();
            }
        }
        self.sorted.extend(a.chain(b));
        self.sorted_len = self.sorted.len();
    }

    /// The index as JSON: the same bytes as [`search::Index::to_json`] of an index built from
    /// the same documents in order (terms with no document left are not written), in one
    /// buffer of its exact size, the one the preview serves (35 MB at 10,000 articles: it is
    /// not copied again).
    pub fn json(&mut self) -> Arc<[u8]> {
        self.sort_terms();
        let block = self.block;
        for (term, json) in self.terms.iter_mut().enumerate() {
            json.refresh(self.index.term_text(term as u32), self.index.postings(term as u32), block);
        }
        let docs = self.articles.iter().flatten().map(|d| d.json.as_bytes());
        let terms = self.sorted.iter().map(|&t| &self.terms[t as usize]).filter(|t| t.len() > 0);
        let (head, middle, tail) = (b"{\"docs\":[".as_slice(), b"],\"terms\":{".as_slice(), b"}}".as_slice());
        let joined = |lengths: &mut dyn Iterator<Item = usize>| {
            let (count, sum) = lengths.fold((0, 0), |(n, s), l| (n + 1, s + l));
            sum + count.max(1) - 1
        };
        let length = head.len()
            + joined(&mut docs.clone().map(<[u8]>::len))
            + middle.len()
            + joined(&mut terms.clone().map(TermJson::len))
            + tail.len();
        let mut bytes: Arc<[u8]> = std::iter::repeat_n(0u8, length).collect();
        if let Some(out) = Arc::get_mut(&mut bytes) {
            let mut out = put(out, head);
            for (i, doc) in docs.enumerate() {
                if i > 0 {
                    out = put(out, b",");
                }
                out = put(out, doc);
            }
            out = put(out, middle);
            for (i, term) in terms.enumerate() {
                if i > 0 {
                    out = put(out, b",");
                }
                out = term.write(out);
            }
            put(out, tail);
        }
        bytes
    }

    /// [`Live::json`] as a string.
    #[cfg(test)]
    fn json_text(&mut self) -> String {
        String::from_utf8_lossy(&self.json()).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(url: &str) -> Doc {
        Doc { url: url.into(), title: "T \"q\"".into(), section: String::new(), snippet: "s".into() }
    }

    /// The JSON of an index built at once from `articles` (docs with their words).
    fn built(articles: &[Vec<(Doc, &str)>]) -> String {
        let mut index = search::Index::new("nl");
        for (d, words) in articles.iter().flatten() {
            index.add(d.clone(), words.lines());
        }
        index.to_json()
    }

    #[test]
    fn an_edited_article_gives_the_json_of_a_fresh_build() {
        // Blocks of one and two ids: a term's ids span several, and edits change some.
        for block in [BLOCK, 1, 2] {
            edits_give_the_json_of_a_fresh_build(block);
        }
    }

    fn edits_give_the_json_of_a_fresh_build(block: u32) {
        let mut articles = vec![
            vec![(doc("a/"), "incidenten\nper\njaar"), (doc("a/#x"), "ondersteuning\nincident")],
            vec![(doc("b/"), "jaar\nkosten")],
            vec![(doc("c/"), "per\nincidenten\nzeldzaam")],
        ];
        let mut live = Live::with_block("nl", articles.len(), block);
        for (i, docs) in articles.iter().enumerate() {
            live.set(i, docs.clone());
        }
        assert_eq!(live.json_text(), built(&articles));
        // The same number of documents, other words: a term only the old text had is gone.
        articles[1] = vec![(doc("b/"), "jaar\nbetaling")];
        live.set(1, articles[1].clone());
        let json = live.json_text();
        assert_eq!(json, built(&articles));
        assert!(!json.contains("kosten") && json.contains("\"betaling\":[2]"), "{json}");
        // More documents, then fewer: the documents after it are renumbered.
        articles[0].push((doc("a/#y"), "nieuw\njaar"));
        live.set(0, articles[0].clone());
        assert_eq!(live.json_text(), built(&articles));
        articles[0].truncate(1);
        live.set(0, articles[0].clone());
        assert_eq!(live.json_text(), built(&articles));
        // An article that is no longer listed has no documents.
        articles[2].clear();
        live.set(2, Vec::new());
        assert_eq!(live.json_text(), built(&articles));
        live.set(7, vec![(doc("z/"), "buiten")]);
        assert_eq!(live.json_text(), built(&articles), "a position past the articles is ignored");
    }

    proptest::proptest! {
        /// Any run of edits (an article's words and number of documents replaced) leaves the
        /// JSON of an index built afresh, whatever the block size.
        #[test]
        fn any_edits_give_the_json_of_a_fresh_build(
            block in 1u32..5,
            edits in proptest::collection::vec((0usize..6, proptest::collection::vec(proptest::collection::vec(0usize..8, 0..4), 0..4)), 1..12),
        ) {
            const WORDS: [&str; 8] = ["jaar", "incidenten", "per", "kosten", "zeldzaam", "steun", "betaling", "nieuw"];
            let lines: Vec<Vec<String>> = edits
                .iter()
                .map(|(_, docs)| docs.iter().map(|w| w.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join("\n")).collect())
                .collect();
            let mut articles: Vec<Vec<(Doc, &str)>> = vec![Vec::new(); 6];
            let mut live = Live::with_block("nl", articles.len(), block);
            for ((position, _), words) in edits.iter().zip(&lines) {
                let docs: Vec<(Doc, &str)> =
                    words.iter().enumerate().map(|(k, w)| (doc(&format!("{position}/#{k}")), w.as_str())).collect();
                articles[*position] = docs.clone();
                live.set(*position, docs);
                proptest::prop_assert_eq!(live.json_text(), built(&articles));
            }
        }
    }
}
