//! The preview's search index of one locale ([`Live`]): the same index and the same JSON as
//! [`search::Index`], kept between edits so that an edit re-indexes only the articles it
//! changed and serializes only the terms whose documents changed.
//!
//! The preview renders a locale's `search-index.json` after every edit of a page it lists; at
//! 10,000 articles that is some 70,000 documents and 35 MB of JSON, which rebuilding from
//! every page's words took a quarter of a second for.

use super::search::{self, Doc};

/// A locale's search index that can replace one article's documents ([`Live::set`]).
pub struct Live {
    /// Term numbering, stems and each term's documents (ids count from the first article's
    /// first document); its own document list stays empty.
    index: search::Index,
    /// Per article, in the site's article order: its documents.
    articles: Vec<Vec<LiveDoc>>,
    /// Per term number: its `"term":[docs]` JSON, `None` when its documents changed since.
    fragments: Vec<Option<String>>,
    /// Term numbers: the first `sorted_len` sorted by text (the order of the JSON's
    /// `terms`), then the terms numbered since, merged in when the JSON is written.
    sorted: Vec<u32>,
    sorted_len: usize,
}

/// One document of a [`Live`] index.
struct LiveDoc {
    /// Its JSON (as in `docs`).
    json: String,
    /// Its distinct term numbers.
    terms: Vec<u32>,
}

impl Live {
    /// An empty index of `locale` (its language picks the stemmer) for `articles` articles.
    pub fn new(locale: &str, articles: usize) -> Live {
        Live {
            index: search::Index::new(locale),
            articles: (0..articles).map(|_| Vec::new()).collect(),
            fragments: Vec::new(),
            sorted: Vec::new(),
            sorted_len: 0,
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
                self.fragments[term as usize] = None;
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
                    self.fragments[term as usize] = None;
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
                self.fragments[term as usize] = None;
            }
            // A document is strings only: serializing cannot fail.
            new.push(LiveDoc { json: serde_json::to_string(&doc).unwrap_or_default(), terms });
        }
        self.articles[position] = new;
    }

    /// Adds the terms numbered since the last call (placed in order by [`Live::sort_terms`]).
    fn number_new_terms(&mut self) {
        for term in self.fragments.len() as u32..self.index.term_count() as u32 {
            self.sorted.push(term);
            self.fragments.push(None);
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
    /// the same documents in order (terms with no document left are not written).
    pub fn to_json(&mut self) -> String {
        self.sort_terms();
        for &term in &self.sorted {
            if self.fragments[term as usize].is_none() {
                let docs = self.index.postings(term);
                let fragment = if docs.is_empty() {
                    String::new()
                } else {
                    // A string and numbers: serializing cannot fail.
                    let key = serde_json::to_string(self.index.term_text(term)).unwrap_or_default();
                    format!("{key}:{}", serde_json::to_string(docs).unwrap_or_default())
                };
                self.fragments[term as usize] = Some(fragment);
            }
        }
        let docs = self.articles.iter().flatten().map(|d| d.json.as_str());
        let terms = self.sorted.iter().filter_map(|&t| self.fragments[t as usize].as_deref()).filter(|f| !f.is_empty());
        let mut out = String::with_capacity(self.len_hint());
        out.push_str("{\"docs\":[");
        join(&mut out, docs);
        out.push_str("],\"terms\":{");
        join(&mut out, terms);
        out.push_str("}}");
        out
    }

    /// About how long the JSON is.
    fn len_hint(&self) -> usize {
        let docs: usize = self.articles.iter().flatten().map(|d| d.json.len() + 1).sum();
        let terms: usize = self.fragments.iter().flatten().map(|f| f.len() + 1).sum();
        docs + terms + 32
    }
}

/// Appends `parts` to `out`, separated by commas.
fn join<'p>(out: &mut String, parts: impl Iterator<Item = &'p str>) {
    for (i, part) in parts.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(part);
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
        let mut articles = vec![
            vec![(doc("a/"), "incidenten\nper\njaar"), (doc("a/#x"), "ondersteuning\nincident")],
            vec![(doc("b/"), "jaar\nkosten")],
            vec![(doc("c/"), "per\nincidenten\nzeldzaam")],
        ];
        let mut live = Live::new("nl", articles.len());
        for (i, docs) in articles.iter().enumerate() {
            live.set(i, docs.clone());
        }
        assert_eq!(live.to_json(), built(&articles));
        // The same number of documents, other words: a term only the old text had is gone.
        articles[1] = vec![(doc("b/"), "jaar\nbetaling")];
        live.set(1, articles[1].clone());
        let json = live.to_json();
        assert_eq!(json, built(&articles));
        assert!(!json.contains("kosten") && json.contains("\"betaling\":[2]"), "{json}");
        // More documents, then fewer: the documents after it are renumbered.
        articles[0].push((doc("a/#y"), "nieuw\njaar"));
        live.set(0, articles[0].clone());
        assert_eq!(live.to_json(), built(&articles));
        articles[0].truncate(1);
        live.set(0, articles[0].clone());
        assert_eq!(live.to_json(), built(&articles));
        // An article that is no longer listed has no documents.
        articles[2].clear();
        live.set(2, Vec::new());
        assert_eq!(live.to_json(), built(&articles));
        live.set(7, vec![(doc("z/"), "buiten")]);
        assert_eq!(live.to_json(), built(&articles), "a position past the articles is ignored");
    }
}
