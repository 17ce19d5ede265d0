//! The command line (clap derive). Exit codes: 0 success; 1 `check` found an error-severity
//! finding; 2 usage, configuration or input error.
//!
//! The doc comments are the `--help` text, where `<locale>` reads as a placeholder.
#![allow(rustdoc::invalid_html_tags)]

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// tolk builds multilingual documentation from article skeletons, a model of facts and
/// Fluent translations, and reports where translations drifted from their English source.
#[derive(Debug, Parser)]
#[command(name = "tolk", version, about, long_about = None, after_help = "Exit codes: 0 success, 1 check found errors, 2 usage, configuration or input error.")]
pub struct Cli {
    /// The site root (the directory holding tolk.toml).
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub site: PathBuf,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render every locale to HTML: OUT/<locale>/<article>/index.html, OUT/<locale>/index.html
    /// and OUT/index.html. The site is built beside OUT and swapped in, so a failed build
    /// leaves the previous one intact.
    Build {
        /// Output directory.
        #[arg(long, default_value = "public", value_name = "DIR")]
        out: PathBuf,
        /// Replace OUT even when it is a non-empty directory tolk did not write.
        #[arg(long)]
        force: bool,
    },
    /// Report translation drift (`tolk rules` lists what is checked).
    ///
    /// Exit code 0 when no finding has severity error, 1 when one has, 2 on usage or
    /// configuration errors. With --ftl-root, checks any tree DIR/<locale>/**/*.ftl without a
    /// tolk.toml (the layout of Mozilla's l10n repositories).
    Check {
        /// Report format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Check only these target locales (repeatable).
        #[arg(long = "locale", value_name = "LOCALE")]
        locales: Vec<String>,
        /// Write the report to FILE instead of standard output.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Report only findings that are not in this baseline (see --write-baseline).
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// Record every current finding in FILE as the baseline, report, and exit 0.
        #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
        write_baseline: Option<PathBuf>,
        /// Check a plain Fluent tree DIR/<locale>/**/*.ftl instead of a tolk site.
        #[arg(long, value_name = "DIR", requires = "reference")]
        ftl_root: Option<PathBuf>,
        /// With --ftl-root: the source locale.
        #[arg(long, value_name = "LOCALE", requires = "ftl_root")]
        reference: Option<String>,
    },
    /// Record that translations are up to date: store today's source text as their source
    /// snapshot (locales/LOCALE/snapshots/), which clears their stale-translation findings.
    Accept {
        /// The target locale.
        locale: String,
        /// Message ids to accept.
        #[arg(value_name = "MESSAGE-ID", required_unless_present = "all")]
        ids: Vec<String>,
        /// Accept every translated message of the locale.
        #[arg(long, conflicts_with = "ids")]
        all: bool,
    },
    /// Preview the site with live reload and drift shown on the page.
    ///
    /// Builds in memory (never over public/), serves on 127.0.0.1, watches tolk.toml,
    /// content/, locales/ and templates/, re-renders what a change touches and reloads open
    /// pages. Strings shown in English and stale translations are highlighted; hover one for
    /// its id, its English source and the diff. A failed rebuild keeps the last good pages
    /// and shows the error over them until it is fixed.
    Serve {
        /// Port (0: any free port).
        #[arg(long, default_value_t = 3000)]
        port: u16,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
        bind: String,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Bring content from another format into the site.
    #[command(subcommand)]
    Import(Import),
    /// List the drift rules with their ids and default severities.
    Rules,
    /// Explain one rule: what it finds, why it matters, an example.
    Explain {
        /// The rule id, e.g. stale-translation.
        id: String,
    },
}

/// Import formats.
#[derive(Debug, Subcommand)]
pub enum Import {
    /// Import Microsoft Docs localized Markdown (segments as `data-ttu-id` spans with the
    /// English source in `sxs-lookup` spans), one file per locale of one article.
    ///
    /// Writes content/articles/SLUG.md (shaped after the input with the newest
    /// ms.lasthandoff), locales/en/SLUG.ftl (that input's English, one message per block),
    /// locales/<locale>/SLUG.ftl (each input's translation, aligned to today's English by the
    /// English it was made from) and locales/<locale>/snapshots/SLUG.ftl (that English: the
    /// source snapshot). Blocks whose English matches no message of today's English are
    /// reported with file:line. Files without English beside their segments are refused.
    ///
    /// Ownership: import owns the files it writes (their header carries a digest). Running
    /// it again gives byte-identical files and replaces only files unchanged since the last
    /// import; a file edited by hand, or not written by import, is refused unless --force.
    /// Keep curated messages in resources of their own (e.g. locales/<locale>/shared.ftl).
    #[command(verbatim_doc_comment)]
    Msdocs {
        /// The files, one per locale.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The article slug.
        #[arg(long, value_name = "SLUG")]
        article: String,
        /// Replace files that were edited since import or not written by it.
        #[arg(long)]
        force: bool,
    },
}

/// Report formats of `tolk check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Compiler-style text: file:line:col, the line, the word diff.
    Human,
    /// One JSON object: {"findings": [...], "summary": {...}}.
    Json,
    /// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions annotations (::error file=…,line=…,col=…::…).
    Github,
    /// A table per locale: messages, translated %, stale by grade, missing, errors, warnings.
    Summary,
}
