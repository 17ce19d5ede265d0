//! One module per drift rule; each exports `RULE` for the registry.

pub mod missing_message;
pub mod missing_source_snapshot;
pub mod obsolete_message;
pub mod stale_translation;
pub mod syntax_error;
