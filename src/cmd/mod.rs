//! One module per subcommand: each composes the pipeline stages and returns an exit code.

pub mod accept;
pub mod build;
pub mod check;
pub mod exchange;
pub mod import;
pub mod progress;
pub mod rules;
pub mod scaffold;
pub mod status;
