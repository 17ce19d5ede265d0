//! [`Memo`]: what rules read of message values (their markup, their sentences), computed once
//! per distinct text and found again by the address of the value that asks.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// One `T` per distinct value text. A lookup by a value the memo was built from costs a hash
/// of its address, not of its text (message values run to paragraphs, and rules ask for them
/// many times).
pub struct Memo<'a, T> {
    items: Vec<T>,
    by_text: FxHashMap<&'a str, usize>,
    /// (address, length) of each value built from → index.
    by_address: FxHashMap<(usize, usize), usize>,
}

impl<'a, T: Send> Memo<'a, T> {
    /// Computes `read` once per distinct text of `values` (in parallel).
    pub fn new(values: impl Iterator<Item = &'a str>, read: impl Fn(&'a str) -> T + Sync) -> Memo<'a, T> {
        let mut by_text: FxHashMap<&'a str, usize> = FxHashMap::default();
        let mut by_address: FxHashMap<(usize, usize), usize> = FxHashMap::default();
        let mut texts: Vec<&'a str> = Vec::new();
        for value in values {
            let next = texts.len();
            let index = *by_text.entry(value).or_insert_with(|| {
                texts.push(value);
                next
            });
            // An empty string has no address of its own.
            if !value.is_empty() {
                by_address.insert((value.as_ptr() as usize, value.len()), index);
            }
        }
        let items = texts.par_iter().map(|v| read(v)).collect();
        Memo { items, by_text, by_address }
    }

    /// What was read of `value`, if the memo has its text.
    pub fn get(&self, value: &str) -> Option<&T> {
        // The same address and length is the same text: a value the memo was built from.
        let at_address =
            (!value.is_empty()).then(|| self.by_address.get(&(value.as_ptr() as usize, value.len()))).flatten();
        let index = match at_address {
            Some(&i) => Some(i),
            None => self.by_text.get(value).copied(),
        }?;
        self.items.get(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn found_by_address_or_by_text() {
        let values = [String::from("Select Software."), String::from("Select Software."), String::new()];
        let memo = Memo::new(values.iter().map(String::as_str), |v| v.len());
        assert_eq!(memo.items.len(), 2, "one item per distinct text");
        assert_eq!(memo.get(&values[1]), Some(&16));
        assert_eq!(memo.get(&String::from("Select Software.")), Some(&16), "a copy is found by its text");
        assert_eq!(memo.get(&values[0][..6]), None, "a prefix at the same address is another text");
        assert_eq!(memo.get(""), Some(&0));
    }
}
