//! One module per drift rule (or per small family); each exports its `Rule` constants for
//! the registry.

pub mod attributes;
pub mod broken_link;
pub mod duplicate_message;
pub mod empty_link_text;
pub mod empty_value;
pub mod glossary_term;
pub mod markup_mismatch;
pub mod missing_message;
pub mod missing_resource;
pub mod missing_source_snapshot;
pub mod number_mismatch;
pub mod obsolete_message;
pub mod omission;
pub mod partial_untranslated;
pub mod placeable_mismatch;
pub mod plural_categories;
pub mod render_error;
pub mod skeleton;
pub mod stale_translation;
pub mod syntax_error;
pub mod untranslated;
