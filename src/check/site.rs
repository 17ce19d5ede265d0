//! The whole-site check, part by part: the site is cut into parts of a few articles (or, in
//! a plain Fluent tree, a few resource names across every locale), and each part is read,
//! checked and dropped before the next, on one thread per core. Memory holds the parts being
//! checked and the findings, never the whole site: a site of 10,000 articles in four locales
//! is a gigabyte of Fluent text.
//!
//! The findings are those of one [`Context`] over the whole site ([`super::run`]): every
//! rule but two reads one article's resources, its skeleton, the shared resources and the
//! list of articles, all of which a part holds. `omission` and `addition` learn a length
//! ratio from every translation of a locale, so each part gives its samples and candidates
//! and they are decided at the end ([`super::finish`]). A shared resource's problem that
//! `render-error` sees from every part is reported once.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use super::stats::LocaleStats;
use super::{calibrated, finish, run_part, Context, Finding, Policy};
use crate::error::Result;
use crate::load::{Listed, PerLocale, Project, ResourceFile};

/// Files a part holds, at least (a part is cut after the unit that reaches it): enough that
/// a part's fixed costs (its project, its rules' setup) are small, few enough that two parts
/// in memory are a few megabytes.
const FILES_PER_PART: usize = 40;

/// Findings per chunk of the check's findings as they are gathered (~1 MB).
const CHUNK: usize = 4096;

/// How many findings `chunks` hold.
fn count_in(chunks: &[Vec<Finding>]) -> usize {
    chunks.iter().map(Vec::len).sum()
}

/// What a check found.
pub struct Checked {
    /// The findings, in report order, with severities from the policy.
    pub findings: Vec<Finding>,
    /// Per checked target locale: what it holds compared with the source.
    pub stats: BTreeMap<String, LocaleStats>,
    /// Per target locale: the length ratio `omission` and `addition` learned (for
    /// [`article`]).
    pub ratios: HashMap<String, f64>,
}

/// A file of a part: listed on disk and read when its part is checked, or already loaded.
enum Pending {
    Listed(Listed),
    Loaded { file: ResourceFile, snapshot: bool },
}

impl Pending {
    fn name(&self) -> &str {
        match self {
            Pending::Listed(listed) => &listed.name,
            Pending::Loaded { file, .. } => &file.name,
        }
    }
}

/// Articles and files checked together.
#[derive(Default)]
struct Unit {
    articles: BTreeSet<String>,
    files: Vec<Pending>,
}

/// Checks every article and resource of `project` and of `deferred` (files listed by
/// [`Project::load_deferred`] or [`Project::from_ftl_tree_deferred`], read part by part;
/// empty when `project` holds every file). `only` narrows the target locales. `lines`: keep
/// the line each finding starts on ([`Finding::line_text`], which only the human report
/// shows; a large site's findings are smaller without). `done` is called with the number of
/// files of each part checked (from any thread).
///
/// Errors: [`crate::error::Error::Usage`] for an `only` locale that is not a target; see
/// [`Policy::new`]; a deferred file that cannot be read (the first in file order).
pub fn run(
    project: &Project,
    deferred: Vec<Listed>,
    only: &[String],
    lines: bool,
    done: &(dyn Fn(usize) + Sync),
) -> Result<Checked> {
    run_in_parts(project, deferred, only, lines, done, FILES_PER_PART)
}

/// [`run`], with parts of at least `files_per_part` files.
fn run_in_parts(
    project: &Project,
    deferred: Vec<Listed>,
    only: &[String],
    lines: bool,
    done: &(dyn Fn(usize) + Sync),
    files_per_part: usize,
) -> Result<Checked> {
    let targets = super::targets(&project.config, only)?;
    let policy = Policy::new(&project.config)?;
    let owned = |name: &str| name.strip_suffix(".ftl").is_some_and(|stem| project.article(stem).is_some());
    // The frame every part reads: the shared resources and their snapshots.
    let frame = project.filtered(|file| !owned(&file.name));
    let units = units(project, deferred, &owned);
    let parts = parts(units, files_per_part);
    let count = parts.len() + 1;
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<Result<Found>>> = (0..count).map(|_| None).collect();
    let mut chunks: Vec<Vec<Finding>> = Vec::new();
    let mut ranges: Vec<std::ops::Range<usize>> = vec![0..0; count];
    let (send, receive) = std::sync::mpsc::channel::<(usize, Result<Found>)>();
    let parts: Vec<Mutex<Option<Unit>>> = parts.into_iter().map(|p| Mutex::new(Some(p))).collect();
    let work = |send: &std::sync::mpsc::Sender<(usize, Result<Found>)>| loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        if i >= count {
            break;
        }
        // Part 0 is the shared resources, checked with no article.
        let unit = match i {
            0 => Unit::default(),
            _ => parts[i - 1].lock().map(|mut p| p.take()).ok().flatten().unwrap_or_default(),
        };
        let files = unit.files.len();
        let found = check_part(&frame, unit, i == 0, &targets, &policy, lines);
        done(files);
        let _ = send.send((i, found));
    };
    // One thread per core, each checking one part at a time with its own one-thread pool:
    // the rules' parallel work stays inside the part, and no thread starts another part
    // while one waits (which would hold more parts in memory).
    let threads = rayon::current_num_threads().max(1);
    std::thread::scope(|scope| {
        let work = &work;
        for _ in 0..threads {
            let send = send.clone();
            scope.spawn(move || match rayon::ThreadPoolBuilder::new().num_threads(1).build() {
                Ok(pool) => pool.install(|| work(&send)),
                Err(_) => work(&send),
            });
        }
        drop(send);
        // Findings are copied on this thread as parts arrive: the copies lie together, and
        // the workers' memory, where findings were scattered among a part's texts, is
        // reused whole by later parts. They go into chunks of a fixed size, not one growing
        // vector: a large tree has 200,000 findings, and a vector that grows holds its old
        // and new copy for a moment.
        for (i, found) in receive {
            results[i] = Some(found.map(|mut found| {
                let start = count_in(&chunks);
                for finding in std::mem::take(&mut found.findings) {
                    if chunks.last().is_none_or(|c| c.len() == CHUNK) {
                        chunks.push(Vec::with_capacity(CHUNK));
                    }
                    if let Some(chunk) = chunks.last_mut() {
                        chunk.push(finding.clone());
                    }
                }
                ranges[i] = start..count_in(&chunks);
                found
            }));
        }
    });
    let mut parts = Vec::with_capacity(results.len());
    for found in results.into_iter().flatten() {
        parts.push(found?);
    }
    let mut calibration = super::rules::omission::Calibration::default();
    let mut stats: BTreeMap<String, LocaleStats> = BTreeMap::new();
    for found in parts {
        calibration.merge(found.calibration);
        for (locale, s) in found.stats {
            let total = stats.entry(locale).or_default();
            total.messages += s.messages;
            total.translated += s.translated;
        }
    }
    let ratios = calibration.ratios();
    let decided = calibrated(&policy, calibration, Some(&ratios), &project.config.source_locale);
    // One vector of the right size, each chunk freed as soon as it is moved in.
    let mut all = Vec::with_capacity(count_in(&chunks) + decided.len());
    for chunk in chunks {
        all.extend(chunk);
    }
    // Into part order (the order one whole-site context finds them in; `finish` keeps it
    // among findings of equal place), then the calibrated rules' findings.
    super::permute(&mut all, ranges.into_iter().flatten().map(|i| i as u32).collect());
    all.extend(decided);
    Ok(Checked { findings: finish(all), stats, ratios })
}

/// Checks article `slug` of `project` (its resources, the shared ones, their snapshots and
/// its skeleton: [`Context::for_article`]), with `ratios` from a whole-site check for
/// `omission` and `addition` (their own calibration when `None`).
///
/// Errors: see [`Policy::new`].
pub fn article(project: &Project, slug: &str, ratios: Option<&HashMap<String, f64>>) -> Result<Vec<Finding>> {
    let policy = Policy::new(&project.config)?;
    let ctx = Context::for_article(project, slug);
    let mut part = run_part(&ctx, &policy);
    part.findings.extend(calibrated(&policy, part.calibration, ratios, ctx.source_locale()));
    Ok(finish(part.findings))
}

/// What one part gives.
struct Found {
    findings: Vec<Finding>,
    calibration: super::rules::omission::Calibration,
    stats: BTreeMap<String, LocaleStats>,
}

/// Reads `unit`'s files, checks them with `frame`'s shared resources, and returns what the
/// rules found (findings detached from the files' text, with their lines if `lines`). `shared`: the part of the shared
/// resources themselves.
fn check_part(
    frame: &Project,
    unit: Unit,
    shared: bool,
    targets: &[String],
    policy: &Policy,
    lines: bool,
) -> Result<Found> {
    let names: BTreeSet<String> = unit.files.iter().map(|f| f.name().to_string()).collect();
    let (mut resources, mut snapshots) = (PerLocale::new(), PerLocale::new());
    for pending in unit.files {
        let (file, snapshot) = match pending {
            Pending::Listed(listed) => (listed.read()?, listed.snapshot),
            Pending::Loaded { file, snapshot } => (file, snapshot),
        };
        let map = if snapshot { &mut snapshots } else { &mut resources };
        map.entry(file.locale.clone()).or_default().push(file);
    }
    let project = frame.with_files(resources, snapshots);
    let ctx = Context::part(&project, targets.to_vec(), |f| shared || names.contains(&f.name), unit.articles);
    let mut part = run_part(&ctx, policy);
    for finding in &mut part.findings {
        finding.detach(lines);
    }
    Ok(Found { findings: part.findings, calibration: part.calibration, stats: super::stats::stats(&ctx) })
}

/// The units of the site: each article (in the project's order) with the files named after
/// it, then the other files of `deferred` and of `project` not named after an article (a
/// plain Fluent tree), one unit per resource name.
fn units(project: &Project, deferred: Vec<Listed>, owned: &dyn Fn(&str) -> bool) -> Vec<Unit> {
    let mut by_name: BTreeMap<String, Vec<Pending>> = BTreeMap::new();
    for listed in deferred {
        by_name.entry(listed.name.clone()).or_default().push(Pending::Listed(listed));
    }
    for (files, snapshot) in [(&project.resources, false), (&project.snapshots, true)] {
        for file in files.values().flatten().filter(|f| owned(&f.name)) {
            by_name.entry(file.name.clone()).or_default().push(Pending::Loaded { file: file.clone(), snapshot });
        }
    }
    let mut units: Vec<Unit> = project
        .articles
        .iter()
        .map(|a| Unit {
            articles: std::iter::once(a.slug.clone()).collect(),
            files: by_name.remove(&format!("{}.ftl", a.slug)).unwrap_or_default(),
        })
        .collect();
    units.extend(by_name.into_values().map(|files| Unit { articles: BTreeSet::new(), files }));
    units
}

/// `units` gathered into parts of at least `files` files (the last may hold fewer).
fn parts(units: Vec<Unit>, files: usize) -> Vec<Unit> {
    let mut parts = Vec::new();
    let mut part = Unit::default();
    for unit in units {
        part.articles.extend(unit.articles);
        part.files.extend(unit.files);
        if part.files.len() >= files {
            parts.push(std::mem::take(&mut part));
        }
    }
    if !part.files.is_empty() || !part.articles.is_empty() {
        parts.push(part);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What reports show of `findings`: each one's JSON and the line it is on.
    fn shown(findings: &[Finding]) -> Vec<String> {
        findings.iter().map(|f| format!("{} {}", serde_json::to_string(f).unwrap(), f.line_text())).collect()
    }

    #[test]
    fn a_part_per_article_finds_what_one_part_for_the_site_finds() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut project = Project::load(root).unwrap();
        // A Dutch step that leaves a sentence out: `omission` decides it with the ratio
        // learned from every part.
        let nl = project.resources.get_mut("nl").unwrap();
        let file = nl.iter_mut().find(|f| f.name == "technical-support-benefits.ftl").unwrap();
        let dropped = "Als u uw ondersteuningscontract moet koppelen, vouwt u 'Wilt u meer ondersteuningsplannen kopen of toevoegen' uit en klikt u op de knop Contract toevoegen om uw toegangs-id en contract-id in te voeren. ";
        assert!(file.source.text.contains(dropped));
        let text = file.source.text.replace(dropped, "");
        *file = crate::load::ResourceFile::new(
            "nl",
            &file.name,
            crate::source::SourceText::new(file.source.path.to_path_buf(), text),
        );
        let one = run_in_parts(&project, Vec::new(), &[], true, &|_| {}, usize::MAX).unwrap();
        let each = run_in_parts(&project, Vec::new(), &[], true, &|_| {}, 1).unwrap();
        assert_eq!(shown(&each.findings), shown(&one.findings));
        assert_eq!(each.stats, one.stats);
        assert_eq!(each.ratios, one.ratios);
        assert!(one.findings.iter().any(|f| f.rule == "omission"), "the Dutch omission is found");
        assert!(one.ratios.values().any(|r| *r != 1.0), "ratios were learned: {:?}", one.ratios);
        // Within a part, findings are those of the whole-site context.
        let whole = super::super::run(&Context::new(&project, &[]).unwrap()).unwrap();
        assert_eq!(shown(&one.findings), shown(&whole));
    }

    #[test]
    fn units_are_the_articles_then_the_other_resource_names() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (frame, deferred) = Project::load_deferred(root).unwrap();
        let count = deferred.len();
        let owned = |name: &str| name.strip_suffix(".ftl").is_some_and(|stem| frame.article(stem).is_some());
        let units = units(&frame, deferred, &owned);
        let slugs: Vec<&str> = frame.articles.iter().map(|a| a.slug.as_str()).collect();
        let first: Vec<&str> =
            units.iter().take(slugs.len()).flat_map(|u| u.articles.iter().map(String::as_str)).collect();
        assert_eq!(first, slugs);
        for unit in &units {
            let slug = unit.articles.first().expect("the shipped resources are all articles'");
            assert!(unit.files.iter().all(|f| f.name() == format!("{slug}.ftl")));
        }
        assert_eq!(units.iter().map(|u| u.files.len()).sum::<usize>(), count);
        let parts = parts(units, 5);
        assert!(parts.iter().rev().skip(1).all(|p| p.files.len() >= 5));
        assert_eq!(parts.iter().map(|p| p.files.len()).sum::<usize>(), count);
    }
}
