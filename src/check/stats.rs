//! Per-locale counts of what was checked, for the summary report.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Context;

/// What one target locale holds compared with the source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LocaleStats {
    /// Messages and terms in the source locale's resources.
    pub messages: usize,
    /// Of those, how many the locale defines.
    pub translated: usize,
}

/// Counts, per checked target locale.
pub fn stats(ctx: &Context) -> BTreeMap<String, LocaleStats> {
    let mut out = BTreeMap::new();
    let sources: Vec<_> = ctx.source_resources().collect();
    for locale in &ctx.targets {
        let mut s = LocaleStats::default();
        for source in &sources {
            let target = ctx.resource(locale, &source.file.name);
            for m in &source.entries.messages {
                s.messages += 1;
                if target.is_some_and(|t| t.entries.get(&m.id).is_some()) {
                    s.translated += 1;
                }
            }
        }
        out.insert(locale.clone(), s);
    }
    out
}
