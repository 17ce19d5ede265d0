//! The command line (clap derive). Exit codes: 0 success; 1 `check` found an error-severity
//! finding; 2 usage, configuration or input error.

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
    /// Report translation drift: missing, obsolete and stale messages, syntax errors.
    Check {
        /// Report format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Check only these target locales (repeatable).
        #[arg(long = "locale", value_name = "LOCALE")]
        locales: Vec<String>,
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
}
