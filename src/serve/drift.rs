//! The drift overlay's data, computed by one worker thread so that the reload signal never
//! waits for the checker.
//!
//! Jobs run in the order they were sent, on the project the build loaded (shared, never
//! loaded again). A whole-site check runs after the first build and any change beyond one
//! article; an edit of one article's resources or snapshots re-checks only that article
//! ([`check::site::article`], with the length ratios of the last whole-site check) and
//! patches its pages into the last result. Jobs queued behind a newer whole-site check are
//! skipped. The worker hands each result (or the
//! checker's error, such as an invalid `[check]` policy) to its `publish` callback with the
//! generation it belongs to; this module knows nothing of HTTP.

use std::collections::{BTreeMap, HashMap};
use std::sync::{mpsc, Arc};

use crate::check::{self, Finding};
use crate::error::Result;
use crate::load::Project;
use crate::render::preview::{Annotations, Note};

/// The overlay's JSON ([`Annotations::page`]) by page (`locale/slug`); a persistent map, as
/// [`super::state::Pages`], so that re-checking one article does not copy every page's.
pub type DriftMap = imbl::OrdMap<String, Arc<str>>;

/// Per (locale, slug): the ids of the page's strings shown from a fallback locale.
pub type FallbackIds = BTreeMap<(String, String), Vec<String>>;

/// What the worker publishes: the overlay of generation `.0`, or why the check failed.
pub type Published = (u64, std::result::Result<Arc<DriftMap>, String>);

/// One check to run.
pub enum Job {
    /// Check the whole of `project`.
    Site {
        /// The project as the build loaded it.
        project: Arc<Project>,
        /// The fallback ids of every page of the build being checked.
        fallback: FallbackIds,
        /// The build's generation.
        generation: u64,
    },
    /// Check one article of `project`.
    Article {
        /// The project as the build saw it (held only until the job runs).
        project: Arc<Project>,
        /// The article.
        slug: String,
        /// Per locale: the ids of the article's strings shown from a fallback locale.
        fallback: Vec<(String, Vec<String>)>,
        /// The build's generation.
        generation: u64,
    },
}

impl Job {
    fn generation(&self) -> u64 {
        match self {
            Job::Site { generation, .. } | Job::Article { generation, .. } => *generation,
        }
    }
}

/// The worker thread's queue.
pub struct Worker {
    jobs: mpsc::Sender<Job>,
}

impl Worker {
    /// Starts the worker; it hands each result to `publish`.
    pub fn start(publish: impl Fn(Published) + Send + 'static) -> Worker {
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::spawn(move || {
            let mut map = Arc::new(DriftMap::new());
            // The length ratios of the last whole-site check: an article re-checked alone
            // is held to the site's (`omission`, `addition`).
            let mut ratios = None;
            while let Ok(first) = queue.recv() {
                let mut jobs = vec![first];
                jobs.extend(queue.try_iter());
                if let Some(newest_site) = jobs.iter().rposition(|j| matches!(j, Job::Site { .. })) {
                    jobs.drain(..newest_site);
                }
                let mut generation = 0;
                let mut failed = None;
                for job in jobs {
                    generation = job.generation();
                    let result = match job {
                        Job::Site { project, fallback, .. } => site_pages(&project, &fallback).map(|(pages, site)| {
                            map = Arc::new(pages);
                            ratios = Some(site);
                        }),
                        Job::Article { project, slug, fallback, .. } => {
                            article_pages(&project, &slug, &fallback, ratios.as_ref())
                                .map(|pages| Arc::make_mut(&mut map).extend(pages))
                        }
                    };
                    failed = result.err().map(|e| e.render());
                }
                publish((generation, failed.map_or_else(|| Ok(Arc::clone(&map)), Err)));
            }
        });
        Worker { jobs }
    }

    /// Queues `job`.
    pub fn send(&self, job: Job) {
        let _ = self.jobs.send(job);
    }
}

/// The overlay data of every page in `fallback`, and the length ratios the check learned.
///
/// Errors: the checker's ([`check::site::run`]: an invalid policy).
fn site_pages(project: &Project, fallback: &FallbackIds) -> Result<(DriftMap, HashMap<String, f64>)> {
    let checked = check::site::run(project, Vec::new(), &[], false, &|_| {})?;
    let annotations = annotations(project, None, checked.findings);
    let pages = fallback
        .iter()
        .filter_map(|((locale, slug), ids)| {
            let article = project.article(slug)?;
            let json = annotations.page(locale, slug, article.calls().map(|c| c.id.as_str()), ids);
            Some((format!("{locale}/{slug}"), Arc::<str>::from(json)))
        })
        .collect();
    Ok((pages, checked.ratios))
}

/// The overlay data of `slug`'s page in each locale of `fallback`, checked with the length
/// `ratios` of the last whole-site check.
///
/// Errors: as [`site_pages`].
fn article_pages(
    project: &Project,
    slug: &str,
    fallback: &[(String, Vec<String>)],
    ratios: Option<&HashMap<String, f64>>,
) -> Result<DriftMap> {
    let Some(article) = project.article(slug) else { return Ok(DriftMap::new()) };
    let annotations = annotations(project, Some(slug), check::site::article(project, slug, ratios)?);
    Ok(fallback
        .iter()
        .map(|(locale, ids)| {
            let json = annotations.page(locale, slug, article.calls().map(|c| c.id.as_str()), ids);
            (format!("{locale}/{slug}"), Arc::<str>::from(json))
        })
        .collect())
}

/// What the overlay shows of `findings` (of the whole site, or of article `slug`): the notes,
/// and the source text of every message of the source locale's resources (all, or the
/// article's and the shared ones).
pub fn annotations(project: &Project, slug: Option<&str>, findings: Vec<Finding>) -> Annotations {
    let mut annotations = Annotations::default();
    let source = project.config.source_locale.as_str();
    // The article a file belongs to: an `.ftl` or `.md` file named after it.
    let article = |path: &std::path::Path| {
        let stem = path.file_stem()?.to_str()?;
        let known = matches!(path.extension()?.to_str()?, "ftl" | "md") && project.article(stem).is_some();
        known.then(|| stem.to_string())
    };
    for file in project.resources.get(source).into_iter().flatten() {
        let owner = article(std::path::Path::new(&file.name));
        if slug.is_some() && owner.is_some() && owner.as_deref() != slug {
            continue;
        }
        for m in &file.entries().messages {
            annotations.sources.insert((owner.clone(), m.id.clone()), m.value.clone());
        }
    }
    for f in findings {
        let note = Note {
            article: article(f.file()),
            rule: f.rule.to_string(),
            severity: f.severity.as_str().to_string(),
            grade: f.grade().map(str::to_string),
            location: f.start().to_string(),
            diff: f.diff().map(str::to_string),
            message: f.message,
        };
        match f.message_id {
            Some(id) if f.locale != source || f.rule != "missing-message" => {
                annotations.notes.entry((f.locale, id)).or_default().push(note)
            }
            _ => annotations.general.entry(f.locale).or_default().push(note),
        }
    }
    annotations
}
