//! Navigation within a locale: each article page's previous and next page, in the site's
//! article order (`weight`, then slug), among the pages the locale has.

use std::collections::{BTreeMap, HashMap};

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

/// Every locale's pages in article order: what previous/next links read.
#[derive(Debug, Clone, Default)]
pub struct Nav {
    /// Locale → (slug, title) of each page the locale has, in article order.
    pages: BTreeMap<String, Vec<(String, String)>>,
    /// (locale, slug) → position in `pages[locale]`.
    position: HashMap<(String, String), usize>,
}

impl Nav {
    /// The navigation of `project` from its pages' listings: a page is in it when it is
    /// written (published, or not published under `unpublished = "notice"`).
    pub fn new(project: &Project, listings: &Listings) -> Nav {
        let notice = project.config.publish.unpublished == Unpublished::Notice;
        let mut nav = Nav::default();
        for locale in &project.config.locales {
            let mut pages = Vec::new();
            for article in project.articles.iter() {
                let key = (locale.clone(), article.slug.clone());
                if let Some(listing) = listings.get(&key).filter(|l| l.published || notice) {
                    nav.position.insert(key, pages.len());
                    pages.push((article.slug.clone(), listing.title.clone()));
                }
            }
            nav.pages.insert(locale.clone(), pages);
        }
        nav
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
