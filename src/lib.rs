//! tolk: a static-site generator for multilingual documentation, built on Project Fluent.
//!
//! ```text
//! build:  load ──▶ localize ──────────────▶ render ─────────▶ write
//!         Project   LocalizedPage per        Page per file      atomic swap of the
//!         (each     (locale, article),       (+ Listing for     output directory
//!          .ftl      built once              homes, sitemap)
//!          parsed
//!          once)
//! check:  load (frame) ──▶ per part of a few articles: read ──▶ check::Context ──▶ rules ──▶ findings
//!         ──▶ omission/addition decided with the site's length ratios ──▶ report (human | json | sarif | github | summary)
//!                                      └─ render-error: localize + render::msdocs, as the build does
//! accept: load ──▶ snapshot (today's source text recorded for translations brought up to date)
//! serve:  watch ──▶ classify ──▶ Project::reload_* ──▶ localize + render what changed (in memory)
//!         ──▶ HTTP + reload; drift worker: check on the same Project ──▶ overlay
//! import: Microsoft Docs Markdown ──▶ skeleton + Fluent resources + source snapshots
//! ```
//! Arrows point one way. `load` reads files and is the only caller of the Fluent parser
//! ([`load::fluent::Resource`]); `localize` depends on `load`; `render` on `localize` and on
//! `write` only for [`write::Page`]; `write` on neither; `check` on `load`, `localize` and
//! the Markdown stage of `render` (never templates or write); `report` sees only findings;
//! `cmd` and `serve` compose.

#![warn(missing_docs)]

pub mod check;
pub mod cli;
pub mod cmd;
pub mod error;
pub mod exchange;
pub mod fs;
pub mod import;
pub mod inline;
pub mod load;
pub mod localize;
pub mod render;
pub mod report;
pub mod segment;
pub mod serve;
pub mod snapshot;
pub mod source;
pub mod write;
