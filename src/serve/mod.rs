//! `tolk serve`: build in memory, serve, watch, rebuild what changed, push a reload.
//!
//! ```text
//! watch (notify, debounced) ──▶ classify ──▶ Preview::apply ──▶ Shared (pages, generation)
//!                                                  │                    │
//!                                                  └─ check ─▶ drift ───┘──▶ HTTP (tiny_http)
//! ```
//! The last good pages stay served when a rebuild fails; the error is shown over the page
//! until a later rebuild succeeds. Nothing is written to disk.

pub mod http;
pub mod state;

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

/// Quiet time that ends a burst of file events.
const DEBOUNCE: Duration = Duration::from_millis(25);

use crate::error::{Error, Result};
use http::Shared;
use state::{classify, Change, Preview};

/// How `tolk serve` listens.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to bind (default 127.0.0.1).
    pub bind: String,
    /// Port (0: any free port).
    pub port: u16,
    /// Open the site in the default browser.
    pub open: bool,
}

/// Serves the site at `root` until Ctrl-C. Prints where it listens on standard output and
/// each rebuild on standard error. Returns 0.
///
/// Errors: the first build's error, an address that cannot be bound, a watcher that cannot
/// start.
pub fn serve(root: &Path, options: &ServeOptions) -> Result<i32> {
    let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
    let started = Instant::now();
    let mut preview = Preview::new(&root)?;
    let shared = Arc::new(Shared::default());
    publish(&preview, &shared, None);
    let address = format!("{}:{}", options.bind, options.port);
    let server =
        tiny_http::Server::http(&address).map_err(|e| Error::Usage(format!("cannot listen on {address}: {e}")))?;
    let server = Arc::new(server);
    let local = server.server_addr().to_ip().unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], options.port)));
    let url = format!("http://{local}/");

    let stop = Arc::new(AtomicBool::new(false));
    {
        let (stop, server) = (Arc::clone(&stop), Arc::clone(&server));
        let _ = ctrlc::set_handler(move || {
            stop.store(true, Ordering::SeqCst);
            server.unblock();
        });
    }
    {
        let (server, shared) = (Arc::clone(&server), Arc::clone(&shared));
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let shared = Arc::clone(&shared);
                std::thread::spawn(move || http::handle(request, &shared));
            }
        });
    }
    check_drift(&preview, &shared);
    if options.open {
        let _ = opener::open(&url);
    }

    // Changes only: reads (our own, while rebuilding) must not trigger rebuilds.
    let (tx, rx) = mpsc::channel::<PathBuf>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            if matches!(event.kind, EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)) {
                for path in event.paths {
                    let _ = tx.send(path);
                }
            }
        }
    })
    .map_err(|e| Error::Usage(format!("cannot watch {}: {e}", root.display())))?;
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|e| Error::Usage(format!("cannot watch {}: {e}", root.display())))?;
    for dir in ["content", "locales", "templates"] {
        if root.join(dir).is_dir() {
            watcher
                .watch(&root.join(dir), RecursiveMode::Recursive)
                .map_err(|e| Error::Usage(format!("cannot watch {dir}/: {e}")))?;
        }
    }

    // Where it listens (once the watcher runs), first on standard output (scripts read it); a closed stdout is fine.
    use std::io::Write;
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "tolk serve: serving {url}");
    let _ = writeln!(
        stdout,
        "{} pages built in {} ms; watching tolk.toml, content/, locales/ and templates/ in {}; press Ctrl-C to stop",
        preview.pages.len(),
        started.elapsed().as_millis(),
        root.display()
    );
    let _ = stdout.flush();

    while !stop.load(Ordering::SeqCst) {
        let first = match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(path) => path,
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        // Debounce: an editor's save (temp file, rename) and bursts arrive within a few ms.
        let mut paths = BTreeSet::from([first]);
        while let Ok(path) = rx.recv_timeout(DEBOUNCE) {
            paths.insert(path);
        }
        let changes: BTreeSet<Change> = paths
            .iter()
            .filter_map(|p| p.strip_prefix(&root).ok())
            .filter_map(|rel| classify_current(&preview, rel))
            .collect();
        if changes.is_empty() {
            continue;
        }
        let began = Instant::now();
        match preview.apply(&changes) {
            Ok(()) => {
                publish(&preview, &shared, None);
                eprintln!("tolk serve: rebuilt {} in {} ms", describe(&changes), began.elapsed().as_millis());
                check_drift(&preview, &shared);
            }
            Err(e) => {
                let text = e.render();
                eprintln!("{text}");
                publish(&preview, &shared, Some(text));
            }
        }
    }
    let _ = writeln!(std::io::stdout(), "tolk serve: stopped");
    Ok(0)
}

fn classify_current(preview: &Preview, rel: &Path) -> Option<Change> {
    preview.project().and_then(|p| classify(p, rel))
}

/// Publishes the preview's pages as the next generation (keeping them on error).
fn publish(preview: &Preview, shared: &Shared, error: Option<String>) {
    let pages = Arc::new(preview.pages.clone());
    shared.update(|served| {
        if error.is_none() {
            served.pages = pages;
            served.drift = None;
        }
        served.error = error;
        served.generation += 1;
    });
}

/// Checks the drift in the background and publishes the overlay's data if no newer build
/// came meanwhile (the reload signal never waits for the checker).
fn check_drift(preview: &Preview, shared: &Arc<Shared>) {
    let input = preview.drift_input();
    let shared = Arc::clone(shared);
    let generation = shared.served.lock().unwrap_or_else(|e| e.into_inner()).generation;
    std::thread::spawn(move || {
        let drift = Arc::new(input.pages());
        shared.update(|served| {
            if served.generation == generation {
                served.drift = Some(drift);
            }
        });
    });
}

fn describe(changes: &BTreeSet<Change>) -> String {
    changes
        .iter()
        .map(|c| match c {
            Change::Everything => "everything".to_string(),
            Change::Locale(l) => format!("locale {l}"),
            Change::Resource(l, s) => format!("{l}/{s}"),
            Change::Snapshot(l, _) => format!("{l} snapshots"),
            Change::Skeleton(s) => format!("article {s}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
