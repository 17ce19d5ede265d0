//! tolk: a static-site generator for multilingual documentation, built on Project Fluent.
//!
//! ```text
//! build:  load ──▶ localize ──▶ render ──▶ write
//!         (Project)  (Localized)  (Vec<Page>)  (atomic swap of the output directory)
//! check:  load ──▶ check::Context ──▶ rules ──▶ Vec<Finding> ──▶ report (human | json | sarif | github | summary)
//! accept: load ──▶ snapshot (today's source text recorded for translations brought up to date)
//! serve:  watch ──▶ classify ──▶ rebuild what changed (in memory) ──▶ HTTP + reload; check ──▶ drift overlay
//! import: Microsoft Docs Markdown ──▶ skeleton + Fluent resources + source snapshots
//! ```
//! Arrows point one way: `render` knows nothing of `check`, `check` never renders HTML,
//! `report` sees only findings, and `cmd` only composes.

#![warn(missing_docs)]

pub mod check;
pub mod cli;
pub mod cmd;
pub mod error;
pub mod fs;
pub mod import;
pub mod inline;
pub mod load;
pub mod localize;
pub mod render;
pub mod report;
pub mod serve;
pub mod snapshot;
pub mod source;
pub mod write;
