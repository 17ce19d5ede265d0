//! The `tolk` binary: parse arguments, run one command, map errors to exit codes.

use clap::Parser;

use tolk::cli::{Cli, Command, Import};
use tolk::cmd;

/// mimalloc: tolk allocates many small strings and syntax-tree nodes per message from every
/// thread; glibc's malloc spent ~15% of a large check in `malloc`/`free` and fragmented.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build { out, force } => cmd::build::run(&cli.site, &out, force),
        Command::Check { format, locales, output, baseline, write_baseline, ftl_root, reference } => {
            let ftl_root = ftl_root.zip(reference);
            cmd::check::run(
                &cli.site,
                &cmd::check::CheckOptions { format, locales, output, baseline, write_baseline, ftl_root },
            )
        }
        Command::Accept { locale, ids, all } => cmd::accept::run(&cli.site, &locale, &ids, all),
        Command::Import(Import::Msdocs { files, article, force }) => cmd::import::run(&cli.site, files, article, force),
        Command::Serve { port, bind, open } => {
            tolk::serve::serve(&cli.site, &tolk::serve::ServeOptions { bind, port, open })
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
