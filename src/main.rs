//! The `tolk` binary: parse arguments, run one command, map errors to exit codes.

use clap::Parser;

use tolk::cli::{Cli, Command, Import, Locale, New, Theme};
use tolk::cmd;

/// mimalloc: tolk allocates many small strings and syntax-tree nodes per message from every
/// thread; glibc's malloc spent ~15% of a large check in `malloc`/`free` and fragmented.
/// Without the `mimalloc` feature the system allocator is used (for heap profilers).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's option `mi_option_purge_delay` (its index in `mi_option_t`, mimalloc 3's
/// mimalloc.h: libmimalloc-sys gives options by number, not by name), and its default there.
#[cfg(feature = "mimalloc")]
const MI_OPTION_PURGE_DELAY: (libmimalloc_sys::mi_option_t, std::ffi::c_long) = (15, 1000);

/// Returns memory that has been free for 100 ms to the system (arenas: ten times that).
/// mimalloc 3 keeps it for a second (arenas for ten), which for a check of a large tree is
/// the whole run: its peak held what one step had freed beside what the next allocated (the
/// 232,000 findings of www-l10n: 202–231 MiB, 174–191 MiB with this). Shorter delays cost
/// time: at 10 ms, a check of the generated 1,000 × 4 site took a quarter more CPU,
/// refaulting pages it had just returned. `MIMALLOC_PURGE_DELAY` in the environment still
/// decides, and an option at that index with another default (another mimalloc) is left.
#[cfg(feature = "mimalloc")]
fn tune_allocator() {
    let (option, default) = MI_OPTION_PURGE_DELAY;
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: `mi_option_get` and `mi_option_set` are not thread safe; this runs first in
        // `main`, before the process starts any thread.
        unsafe {
            if libmimalloc_sys::mi_option_get(option) == default {
                libmimalloc_sys::mi_option_set(option, 100);
            }
        }
    }
}

fn main() {
    #[cfg(feature = "mimalloc")]
    tune_allocator();
    let cli = Cli::parse();
    let site = cli.site_root();
    let result = match cli.command {
        Command::Build { out, force } => cmd::build::run(&site, &out.unwrap_or_else(|| site.join("public")), force),
        Command::Check { format, locales, output, baseline, write_baseline, ftl_root, reference, fail_on } => {
            let ftl_root = ftl_root.zip(reference);
            cmd::check::run(
                &site,
                &cmd::check::CheckOptions {
                    format,
                    locales,
                    output,
                    baseline,
                    write_baseline,
                    ftl_root,
                    fail_on,
                    color: cli.color,
                },
            )
        }
        Command::Accept { locale, ids, all, grade, rule, article } => {
            cmd::accept::run(&site, &locale, &cmd::accept::Selection { ids, all, grades: grade, rule, article })
        }
        Command::Export { locale, format, only, all, stale_state, article, output } => {
            use tolk::exchange::units::State;
            let only = if all {
                vec![State::Missing, State::Stale, State::Flagged, State::Current]
            } else if only.is_empty() {
                vec![State::Missing, State::Stale, State::Flagged]
            } else {
                only.into_iter()
                    .map(|s| match s {
                        tolk::cli::UnitState::Missing => State::Missing,
                        tolk::cli::UnitState::Stale => State::Stale,
                        tolk::cli::UnitState::Flagged => State::Flagged,
                        tolk::cli::UnitState::Current => State::Current,
                    })
                    .collect()
            };
            let format = match format {
                tolk::cli::ExchangeFormat::Xliff12 => tolk::exchange::Format::Xliff12,
                tolk::cli::ExchangeFormat::Xliff20 => tolk::exchange::Format::Xliff20,
                tolk::cli::ExchangeFormat::Po => tolk::exchange::Format::Po,
            };
            let options = tolk::exchange::ExportOptions { format, only, stale_state, article };
            cmd::exchange::export(&site, &locale, &options, output.as_deref())
        }
        Command::Status { locales } => cmd::status::run(&site, &locales),
        Command::Import(Import::Xliff { files, dry_run } | Import::Po { files, dry_run }) => {
            cmd::exchange::import(&site, &files, dry_run)
        }
        Command::Import(Import::Msdocs { files, article, force }) => cmd::import::run(&site, files, article, force),
        Command::Import(Import::Mdbook { dir, force }) => cmd::import::run_site(&site, &dir, "mdbook", force),
        Command::Import(Import::Hugo { dir, force }) => cmd::import::run_site(&site, &dir, "hugo", force),
        Command::Import(Import::Docusaurus { dir, force }) => cmd::import::run_site(&site, &dir, "docusaurus", force),
        Command::Serve { port, bind, open } => {
            tolk::serve::serve(&site, &tolk::serve::ServeOptions { bind, port, open })
        }
        Command::Init { dir, source, targets, title } => {
            cmd::scaffold::run_init(&dir.unwrap_or_else(|| std::path::PathBuf::from(".")), source, targets, title)
        }
        Command::New(New::Article { slug, title }) => {
            cmd::scaffold::report(cmd::scaffold::new_article(&site, &slug, &title))
        }
        Command::Locale(Locale::Add { locale, name }) => {
            cmd::scaffold::report(cmd::scaffold::add_locale(&site, &locale, name.as_deref()))
        }
        Command::Theme(Theme::Eject { force }) => cmd::scaffold::report(tolk::render::theme::eject(&site, force)),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(shell, &mut Cli::command(), "tolk", &mut std::io::stdout());
            Ok(0)
        }
        Command::Man => {
            use clap::CommandFactory;
            clap_mangen::Man::new(Cli::command())
                .render(&mut std::io::stdout())
                .map(|_| 0)
                .map_err(|e| tolk::error::Error::io(std::path::Path::new("<stdout>"), e))
        }
        Command::Rules => cmd::rules::list(),
        Command::Explain { id } => cmd::rules::explain(&id),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(err) => {
            eprintln!("{}", err.render());
            std::process::exit(err.exit_code());
        }
    }
}
