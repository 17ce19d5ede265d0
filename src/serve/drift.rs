//! The drift overlay's data, computed by one worker thread so that the reload signal never
//! waits for the checker.
//!
//! Jobs run in the order they were sent. A whole-site check (the first build, and any change
//! beyond one article) loads the project from disk itself, so edits never wait for or copy
//! what it holds. An edit of one article's resources or snapshots re-checks only that article
//! ([`Context::for_article`]) and patches its pages into the last result. Jobs queued
//! behind a newer whole-site check are skipped. A result is published only while no newer
//! build has been published (the next job brings that one's).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{mpsc, Arc};

use super::http::Shared;
use crate::check::{self, Context};
use crate::load::Project;
use crate::render::preview::{Annotations, Note};
use crate::render::Texts;

/// The overlay's JSON ([`Annotations::page`]) by page (`locale/slug`).
pub type DriftMap = BTreeMap<String, Arc<str>>;

/// One check to run.
pub enum Job {
    /// Check the whole site at `root` (loaded by the worker), with the fallback ids in `texts`.
    Site {
        /// The site root.
        root: PathBuf,
        /// The texts of the build being checked.
        texts: Arc<Texts>,
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
    /// Starts the worker; it publishes into `shared.served.drift`.
    pub fn start(shared: Arc<Shared>) -> Worker {
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::spawn(move || {
            let mut map = Arc::new(DriftMap::new());
            while let Ok(first) = queue.recv() {
                let mut jobs = vec![first];
                jobs.extend(queue.try_iter());
                if let Some(newest_site) = jobs.iter().rposition(|j| matches!(j, Job::Site { .. })) {
                    jobs.drain(..newest_site);
                }
                let mut generation = 0;
                for job in jobs {
                    generation = job.generation();
                    match job {
                        // A site that does not load keeps the last overlay (its error is shown).
                        Job::Site { root, texts, .. } => {
                            if let Some(pages) = site_pages(&root, &texts) {
                                map = Arc::new(pages);
                            }
                        }
                        Job::Article { project, slug, fallback, .. } => {
                            let pages = article_pages(&project, &slug, &fallback);
                            Arc::make_mut(&mut map).extend(pages);
                        }
                    }
                }
                let drift = Arc::clone(&map);
                shared.update(|served| {
                    if served.generation == generation {
                        served.drift = Some(drift);
                    }
                });
            }
        });
        Worker { jobs }
    }

    /// Queues `job`.
    pub fn send(&self, job: Job) {
        let _ = self.jobs.send(job);
    }
}

/// The overlay data of every page in `texts`; `None` when the site does not load.
fn site_pages(root: &std::path::Path, texts: &Texts) -> Option<DriftMap> {
    let project = Project::load(root).ok()?;
    let ctx = Context::new(&project, &[]).ok()?;
    let annotations = annotations(&ctx);
    texts
        .iter()
        .filter_map(|((locale, slug), text)| {
            let article = project.article(slug)?;
            let json = annotations.page(locale, slug, article.calls().map(|c| c.id.as_str()), &text.fallback_ids);
            Some((format!("{locale}/{slug}"), json.into()))
        })
        .collect::<DriftMap>()
        .into()
}

/// The overlay data of `slug`'s page in each locale of `fallback`.
fn article_pages(project: &Project, slug: &str, fallback: &[(String, Vec<String>)]) -> DriftMap {
    let Some(article) = project.article(slug) else { return DriftMap::new() };
    let annotations = annotations(&Context::for_article(project, slug));
    fallback
        .iter()
        .map(|(locale, ids)| {
            let json = annotations.page(locale, slug, article.calls().map(|c| c.id.as_str()), ids);
            (format!("{locale}/{slug}"), json.into())
        })
        .collect()
}

/// Runs the checker in `ctx` and returns what the overlay shows.
pub fn annotations(ctx: &Context) -> Annotations {
    let mut annotations = Annotations::default();
    let source = ctx.source_locale().to_string();
    for parsed in ctx.source_resources() {
        for m in &parsed.entries.messages {
            annotations.sources.insert(m.id.clone(), m.value.clone());
        }
    }
    for f in check::run(ctx).unwrap_or_default() {
        let note = Note {
            rule: f.rule.to_string(),
            severity: f.severity.as_str().to_string(),
            grade: f.grade.map(str::to_string),
            message: f.message.clone(),
            diff: f.diff.clone(),
            location: f.location.to_string(),
        };
        match &f.message_id {
            Some(id) if f.locale != source || f.rule != "missing-message" => {
                annotations.notes.entry((f.locale.clone(), id.clone())).or_default().push(note)
            }
            _ => annotations.general.entry(f.locale.clone()).or_default().push(note),
        }
    }
    annotations
}
