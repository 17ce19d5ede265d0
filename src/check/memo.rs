//! [`Texts`] and [`Memo`]: what rules read of message values (their markup, their sentences),
//! computed once per distinct text and found again by the address of the value that asks.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// The distinct texts of a set of message values, each with an index. A lookup by a value the
/// set was built from costs a hash of its address, not of its text (message values run to
/// paragraphs, and rules ask for them many times).
pub struct Texts<'a> {
    texts: Vec<&'a str>,
    /// FxHash of a text → the index of the first text with that hash.
    by_hash: FxHashMap<u64, usize>,
    /// Texts whose hash is another text's (a 64-bit collision), by text.
    collided: FxHashMap<&'a str, usize>,
    /// (address, length) of each value built from → index.
    by_address: FxHashMap<(usize, usize), usize>,
}

/// The FxHash of `text`.
fn hash(text: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(text)
}

impl<'a> Texts<'a> {
    /// Indexes the distinct texts of `values`, in first-seen order (texts are hashed in
    /// parallel, then numbered in order).
    pub fn new(values: impl Iterator<Item = &'a str>) -> Texts<'a> {
        let values: Vec<&'a str> = values.collect();
        let hashes: Vec<u64> = values.par_iter().map(|v| hash(v)).collect();
        let mut texts = Texts {
            texts: Vec::new(),
            by_hash: FxHashMap::default(),
            collided: FxHashMap::default(),
            by_address: FxHashMap::default(),
        };
        texts.by_address.reserve(values.len());
        for (value, hash) in values.into_iter().zip(hashes) {
            // The same address and length is the same text: seen already.
            let address = (value.as_ptr() as usize, value.len());
            if !value.is_empty() && texts.by_address.contains_key(&address) {
                continue;
            }
            let index = match texts.by_hash.get(&hash) {
                Some(&i) if texts.texts[i] == value => i,
                Some(_) => *texts.collided.entry(value).or_insert_with(|| {
                    texts.texts.push(value);
                    texts.texts.len() - 1
                }),
                None => {
                    texts.texts.push(value);
                    texts.by_hash.insert(hash, texts.texts.len() - 1);
                    texts.texts.len() - 1
                }
            };
            // An empty string has no address of its own.
            if !value.is_empty() {
                texts.by_address.insert(address, index);
            }
        }
        texts
    }

    /// The index of `value`'s text, if the set has it.
    pub fn index(&self, value: &str) -> Option<usize> {
        if !value.is_empty() {
            if let Some(&i) = self.by_address.get(&(value.as_ptr() as usize, value.len())) {
                return Some(i);
            }
        }
        match self.by_hash.get(&hash(value)) {
            Some(&i) if self.texts[i] == value => Some(i),
            Some(_) => self.collided.get(value).copied(),
            None => None,
        }
    }

    /// How many distinct texts there are.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }
}

/// One `T` per text of a [`Texts`], by its index.
pub struct Memo<T> {
    items: Vec<T>,
}

impl<T: Send> Memo<T> {
    /// Computes `read(index, text)` once per text of `texts`, in parallel.
    pub fn new<'a>(texts: &Texts<'a>, read: impl Fn(usize, &'a str) -> T + Sync) -> Memo<T> {
        Memo { items: texts.texts.par_iter().enumerate().map(|(i, v)| read(i, v)).collect() }
    }

    /// What was read of `value`, if `texts` (the set the memo was made from) has its text.
    pub fn get(&self, texts: &Texts, value: &str) -> Option<&T> {
        self.items.get(texts.index(value)?)
    }

    /// What was read of the text at `index`.
    pub fn at(&self, index: usize) -> Option<&T> {
        self.items.get(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn found_by_address_or_by_text() {
        let values = [String::from("Select Software."), String::from("Select Software."), String::new()];
        let texts = Texts::new(values.iter().map(String::as_str));
        let memo = Memo::new(&texts, |_, v| v.len());
        assert_eq!(texts.len(), 2, "one item per distinct text");
        assert_eq!(memo.get(&texts, &values[1]), Some(&16));
        assert_eq!(memo.get(&texts, &String::from("Select Software.")), Some(&16), "a copy is found by its text");
        assert_eq!(memo.get(&texts, &values[0][..6]), None, "a prefix at the same address is another text");
        assert_eq!(memo.get(&texts, ""), Some(&0));
        assert_eq!(memo.at(texts.index(&values[0]).unwrap()), Some(&16));
    }
}
