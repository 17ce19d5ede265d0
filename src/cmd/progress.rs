//! Progress on a terminal (indicatif): a spinner with a count and the elapsed time on standard
//! error while long work runs; nothing at all when standard error is not a terminal (CI logs,
//! pipes), and nothing left behind when the work ends.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// A spinner saying `what` (e.g. "building"), counting `unit`s (e.g. "pages") as
/// [`Progress::tick`] is called, or only the time without a unit.
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// Starts the spinner (drawn only on a terminal).
    pub fn start(what: &str, unit: Option<&str>) -> Progress {
        let bar = ProgressBar::new_spinner();
        let template = match unit {
            Some(unit) => format!("{{spinner}} {what} {{pos}} {unit} ({{elapsed}})"),
            None => format!("{{spinner}} {what} ({{elapsed}})"),
        };
        if let Ok(style) = ProgressStyle::with_template(&template) {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(120));
        Progress { bar }
    }

    /// Counts one more unit (any thread).
    pub fn tick(&self) {
        self.bar.inc(1);
    }

    /// Counts `n` more units (any thread).
    pub fn advance(&self, n: usize) {
        self.bar.inc(n as u64);
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
