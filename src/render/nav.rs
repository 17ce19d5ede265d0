//! Navigation within a locale: each article page's previous and next page, in the site's
//! article order (`weight`, then slug), among the pages the locale has.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::Serialize;

use super::Listings;
use crate::load::config::Unpublished;
use crate::load::Project;

/// A link to a neighbouring page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NavLink {
    /// The page title in the locale (plain text).
    pub title: String,
    /// URL relative to an article page (`../SLUG/`).
    pub url: String,
}

/// Every locale's pages in article order: what previous/next links read. Cloning shares
/// the lists ([`Nav::retitled`] copies one locale's).
#[derive(Debug, Clone, Default)]
pub struct Nav {
    /// Locale → (slug, title) of each page the locale has, in article order.
    pages: BTreeMap<String, Arc<Vec<(String, String)>>>,
    /// (locale, slug) → position in `pages[locale]`.
    position: Arc<HashMap<(String, String), usize>>,
}

impl Nav {
    /// The navigation of `project` from its pages' listings: a page is in it when it is
    /// written (published, or not published under `unpublished = "notice"`).
    pub fn new(project: &Project, listings: &Listings) -> Nav {
        let notice = project.config.publish.unpublished == Unpublished::Notice;
        let (mut all, mut position) = (BTreeMap::new(), HashMap::new());
        for locale in &project.config.locales {
            let mut pages = Vec::new();
            for article in project.articles.iter() {
                let key = (locale.clone(), article.slug.clone());
                if let Some(listing) = listings.get(&key).filter(|l| l.published || notice) {
                    position.insert(key, pages.len());
                    pages.push((article.slug.clone(), listing.title.clone()));
                }
            }
            all.insert(locale.clone(), Arc::new(pages));
        }
        Nav { pages: all, position: Arc::new(position) }
    }

    /// This navigation with `title` as the title of page `slug` in `locale`, every page in
    /// its place; `None` when the locale does not have the page (a page that is published
    /// or withdrawn moves the others: build a new one with [`Nav::new`]).
    pub fn retitled(mut self, locale: &str, slug: &str, title: &str) -> Option<Nav> {
        let &at = self.position.get(&(locale.to_string(), slug.to_string()))?;
        let entry = Arc::make_mut(self.pages.get_mut(locale)?).get_mut(at)?;
        entry.1 = title.to_string();
        Some(self)
    }

    /// The pages before and after `slug` in `locale` (`None` at either end, or when the
    /// locale does not have the page).
    pub fn neighbours(&self, locale: &str, slug: &str) -> (Option<NavLink>, Option<NavLink>) {
        let (Some(pages), Some(&at)) = (self.pages.get(locale), self.position.get(&(locale.into(), slug.into())))
        else {
            return (None, None);
        };
        let link =
            |i: usize| pages.get(i).map(|(slug, title)| NavLink { title: title.clone(), url: format!("../{slug}/") });
        (at.checked_sub(1).and_then(link), link(at + 1))
    }

    /// The slugs of the pages next to `slug` in `locale` (whose links name its title).
    pub fn around(&self, locale: &str, slug: &str) -> Vec<String> {
        let (prev, next) = self.neighbours(locale, slug);
        [prev, next]
            .into_iter()
            .flatten()
            .map(|l| l.url.trim_start_matches("../").trim_end_matches('/').to_string())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Listing;

    fn listings(project: &Project, title: impl Fn(&str, &str) -> String) -> Listings {
        let mut listings = Listings::new();
        for locale in &project.config.locales {
            for article in project.articles.iter() {
                let listing = Listing {
                    title: title(locale, &article.slug),
                    translated_percent: 100,
                    published: true,
                    sections: Vec::new(),
                };
                listings.insert((locale.clone(), article.slug.clone()), listing);
            }
        }
        listings
    }

    #[test]
    fn a_retitled_page_is_what_a_new_navigation_gives() {
        let project = Project::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let slug = project.articles[1].slug.clone();
        let nav = Nav::new(&project, &listings(&project, |l, s| format!("{s} ({l})")));
        let renamed = |l: &str, s: &str| if (l, s) == ("nl", &slug) { "Nieuw".into() } else { format!("{s} ({l})") };
        let expected = Nav::new(&project, &listings(&project, renamed));
        let retitled = nav.clone().retitled("nl", &slug, "Nieuw").expect("the page is in it");
        for locale in &project.config.locales {
            for article in project.articles.iter() {
                assert_eq!(retitled.neighbours(locale, &article.slug), expected.neighbours(locale, &article.slug));
            }
        }
        assert_ne!(
            nav.neighbours("nl", &project.articles[0].slug),
            retitled.neighbours("nl", &project.articles[0].slug)
        );
        assert!(nav.retitled("nl", "no-such-page", "x").is_none());
    }
}
