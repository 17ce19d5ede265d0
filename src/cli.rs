//! The command line (clap derive). Exit codes: 0 success; 1 `check` found an error-severity
//! finding; 2 usage, configuration or input error.
//!
//! The doc comments are the `--help` text, where `<locale>` reads as a placeholder.
#![allow(rustdoc::invalid_html_tags)]

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

/// tolk builds multilingual documentation from article skeletons, a model of facts and
/// Fluent translations, and reports where translations drifted from their English source.
#[derive(Debug, Parser)]
#[command(name = "tolk", version, about, long_about = None, after_help = "Exit codes: 0 success, 1 check found errors, 2 usage, configuration or input error.")]
pub struct Cli {
    /// The site root (the directory holding tolk.toml). Default: the nearest directory, from
    /// the working directory up, that holds a tolk.toml.
    #[arg(long, global = true, value_name = "DIR")]
    pub site: Option<PathBuf>,
    /// Colour in reports: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
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
        /// Output directory (default: public/ in the site root).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
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
        /// Exit 1 when a reported finding has this severity or a higher one.
        #[arg(long, value_enum, default_value_t = FailOn::Error, value_name = "SEVERITY")]
        fail_on: FailOn,
    },
    /// Record that translations are up to date: store today's source text as their source
    /// snapshot (locales/LOCALE/snapshots/), which clears their stale-translation findings.
    ///
    /// Name the messages, or a class of findings: `--grade cosmetic` accepts every stale
    /// translation whose English changed only in whitespace, punctuation or case; `--rule
    /// missing-source-snapshot` every translation without a snapshot; `--article` narrows.
    Accept {
        /// The target locale.
        locale: String,
        /// Message ids to accept.
        #[arg(value_name = "MESSAGE-ID", required_unless_present_any = ["all", "grade", "rule"])]
        ids: Vec<String>,
        /// Accept every translated message of the locale.
        #[arg(long, conflicts_with_all = ["ids", "grade", "rule"])]
        all: bool,
        /// Accept the stale translations of these grades (cosmetic, wording, content; comma-separated).
        #[arg(long, value_delimiter = ',', value_name = "GRADE", conflicts_with = "ids")]
        grade: Vec<String>,
        /// Accept the messages with a finding of this rule: stale-translation or
        /// missing-source-snapshot (what a snapshot clears).
        #[arg(long, value_name = "RULE", conflicts_with = "ids")]
        rule: Option<String>,
        /// With --all, --grade or --rule: only this article's messages.
        #[arg(long, value_name = "SLUG")]
        article: Option<String>,
    },
    /// Where each target locale stands, resource by resource: the share translated, stale
    /// translations by grade (cosmetic/wording/content) and missing messages. With `[site]
    /// status-page = true` in tolk.toml, `tolk build` also writes this as
    /// OUT/status/index.html (a heatmap linking to each pair's messages and word diffs;
    /// noindex, in no sitemap, linked from no page).
    Status {
        /// Only these target locales (repeatable).
        #[arg(long = "locale", value_name = "LOCALE")]
        locales: Vec<String>,
    },
    /// Write the units of LOCALE that need work as XLIFF 1.2, XLIFF 2.0 or gettext PO, for
    /// a CAT tool or translation platform (Trados, memoQ, Weblate, Crowdin, Pontoon, …).
    ///
    /// One unit per message value, attribute or plural variant (each CLDR category of
    /// LOCALE), with today's English, the current translation, a state (missing → XLIFF 1.2
    /// `new`, 2.0 `initial`, PO untranslated; stale → `needs-review-translation`, 2.0
    /// `initial` with subState `tolk:stale`, PO `#, fuzzy`), the English the translation was
    /// made from (1.2 alt-trans previous-version, 2.0 change tracking, PO `#| msgid`) and
    /// notes (message comment, grade and word diff, findings, file:line). Fluent placeables
    /// and Markdown link targets are protected codes in XLIFF and kept verbatim in PO.
    /// Return the file with `tolk import xliff|po`.
    #[command(verbatim_doc_comment)]
    Export {
        /// The target locale.
        locale: String,
        /// The file format.
        #[arg(long, value_enum, default_value_t = ExchangeFormat::Xliff12)]
        format: ExchangeFormat,
        /// Which units: missing, stale, flagged (a current translation with a finding) or
        /// current, comma-separated. Default: missing,stale,flagged.
        #[arg(long, value_enum, value_delimiter = ',', value_name = "STATES", conflicts_with = "all")]
        only: Vec<UnitState>,
        /// Every unit, current translations included.
        #[arg(long)]
        all: bool,
        /// The XLIFF state of stale and flagged units (1.2: needs-review-translation by
        /// default, or e.g. needs-translation for tools that treat needs-review as done;
        /// 2.0: initial by default, or translated).
        #[arg(long, value_name = "STATE")]
        stale_state: Option<String>,
        /// Only this article's messages.
        #[arg(long, value_name = "SLUG")]
        article: Option<String>,
        /// Write to FILE instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
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
    /// Start a site in DIR (default: the working directory): tolk.toml, a sample article
    /// with its skeleton, model and English messages, and a directory per target locale.
    /// `tolk build` works at once. Asks for the locales when standard input is a terminal
    /// and they are not given.
    Init {
        /// Where to start the site (created if missing).
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        /// The source locale (BCP 47).
        #[arg(long, value_name = "LOCALE")]
        source: Option<String>,
        /// The target locales, comma-separated (BCP 47).
        #[arg(long, value_name = "LOCALES", value_delimiter = ',')]
        targets: Option<Vec<String>>,
        /// The site title.
        #[arg(long, value_name = "TEXT")]
        title: Option<String>,
    },
    /// Add something to the site.
    #[command(subcommand)]
    New(New),
    /// Manage the site's locales.
    #[command(subcommand)]
    Locale(Locale),
    /// The default theme the binary carries (a site's templates/ overrides it file by file).
    #[command(subcommand)]
    Theme(Theme),
    /// Print the completion script for a shell (e.g. `tolk completions bash >
    /// ~/.local/share/bash-completion/completions/tolk`).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `tolk man > ~/.local/share/man/man1/tolk.1`.
    Man,
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
    /// Import an mdBook translated with mdbook-i18n-helpers (book.toml, SUMMARY.md,
    /// po/<locale>.po).
    ///
    /// Each chapter becomes an article (its place in SUMMARY.md its weight). A PO entry's
    /// msgid is the English its translation was made from, so source snapshots are exact; a
    /// `#, fuzzy` entry's snapshot is its previous `#| msgid` (kept by `msgmerge --previous`),
    /// so it shows as stale. tolk.toml is written when the site has none, or gets the
    /// imported locales added to its targets. Ownership and --force as for msdocs.
    #[command(verbatim_doc_comment)]
    Mdbook {
        /// The book's directory (where book.toml is).
        #[arg(value_name = "BOOK_DIR")]
        dir: PathBuf,
        /// Replace files that were edited since import or not written by it.
        #[arg(long)]
        force: bool,
    },
    /// Import a multilingual Hugo site (hugo.toml or config.toml/.yaml; per-language content
    /// directories or name.LANG.md files).
    ///
    /// Each page of the default content language becomes an article; translations are
    /// aligned to it block by block, by structure. Hugo does not record the English a
    /// translation was made from, so there are no source snapshots (missing-source-snapshot
    /// says so): after reviewing, `tolk accept LOCALE` records today's English. Shortcodes are
    /// refused with their place (tolk has none). Ownership and --force as for msdocs.
    #[command(verbatim_doc_comment)]
    Hugo {
        /// The Hugo site's directory.
        #[arg(value_name = "SITE_DIR")]
        dir: PathBuf,
        /// Replace files that were edited since import or not written by it.
        #[arg(long)]
        force: bool,
    },
    /// Import translations from XLIFF 1.2 or 2.0 files written by `tolk export` (and
    /// translated in a CAT tool).
    ///
    /// Units whose target is done (1.2 state translated, signed-off, final or none; 2.0
    /// translated, reviewed, final) are written into locales/LOCALE/RESOURCE; the English the
    /// file carried becomes the source snapshot, so a unit exported before an English edit
    /// stays stale. Every unit is validated first (Fluent syntax, placeables, plural
    /// categories, markup, links, rendering): one invalid unit refuses the whole import, each
    /// named with file:line:column. Other messages and comments are kept byte for byte.
    #[command(verbatim_doc_comment)]
    Xliff {
        /// The files (each names its target language).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Report what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Import translations from PO files written by `tolk export --format po`.
    ///
    /// Entries with a translation and no `fuzzy` flag are imported (msgid is the English
    /// the translation was made from); validation and writing as for `tolk import xliff`.
    #[command(verbatim_doc_comment)]
    Po {
        /// The files (each with a `Language:` header).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Report what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Import a Docusaurus site's docs (docs/**.md and
    /// i18n/<locale>/docusaurus-plugin-content-docs/current/**.md).
    ///
    /// Each page of docs/ becomes an article; translations are aligned to it block by block,
    /// by structure; admonitions become alerts. No source snapshots (Docusaurus records no
    /// English a translation was made from). MDX pages are reported and left out. Ownership
    /// and --force as for msdocs.
    #[command(verbatim_doc_comment)]
    Docusaurus {
        /// The Docusaurus site's directory.
        #[arg(value_name = "SITE_DIR")]
        dir: PathBuf,
        /// Replace files that were edited since import or not written by it.
        #[arg(long)]
        force: bool,
    },
}

/// Formats of `tolk export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExchangeFormat {
    /// XLIFF 1.2 (OASIS).
    Xliff12,
    /// XLIFF 2.0 (OASIS) with the Change Tracking module.
    Xliff20,
    /// Gettext PO.
    Po,
}

/// Unit states of `tolk export --only`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UnitState {
    /// Not translated.
    Missing,
    /// Translated from older English.
    Stale,
    /// Current, with a warning or error finding.
    Flagged,
    /// Current, no finding.
    Current,
}

/// `tolk new`.
#[derive(Debug, Subcommand)]
pub enum New {
    /// Write content/articles/SLUG.md (a heading and a paragraph) and its messages in the
    /// source locale, locales/<source>/SLUG.ftl. Refuses when either exists.
    Article {
        /// The slug: the file name, and the article's URL path.
        slug: String,
        /// The article's title in the source locale.
        #[arg(long, value_name = "TEXT", default_value = "New article")]
        title: String,
    },
}

/// `tolk locale`.
#[derive(Debug, Subcommand)]
pub enum Locale {
    /// Add a target locale: appended to [locales] targets in tolk.toml (comments and layout
    /// kept), with locales/LOCALE/metadata.toml. Refuses a locale the site has.
    Add {
        /// The locale (BCP 47 tag, e.g. fr or pt-BR).
        locale: String,
        /// Its name in itself for the language switcher (e.g. Français).
        #[arg(long, value_name = "TEXT")]
        name: Option<String>,
    },
}

/// `tolk theme`.
#[derive(Debug, Subcommand)]
pub enum Theme {
    /// Write the default theme into templates/ for editing. Refuses files that exist
    /// unless --force.
    Eject {
        /// Replace existing files of templates/ with the default theme's.
        #[arg(long)]
        force: bool,
    },
}

impl Cli {
    /// The site root: --site, else the nearest directory from the working directory up that
    /// holds a tolk.toml (as cargo finds Cargo.toml), else the working directory (whose load
    /// then reports the missing tolk.toml).
    pub fn site_root(&self) -> PathBuf {
        if let Some(site) = &self.site {
            return site.clone();
        }
        let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        here.ancestors()
            .find(|dir| dir.join("tolk.toml").is_file())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    }
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
    /// GitLab Code Quality (CodeClimate JSON) for `artifacts: reports: codequality`.
    Gitlab,
}

/// When colour is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set (or CLICOLOR=0, TERM=dumb).
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The severity from which `tolk check` fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Fail on error findings (the default).
    Error,
    /// Fail on error and warning findings.
    Warning,
}
