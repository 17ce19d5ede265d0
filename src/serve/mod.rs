//! `tolk serve`: build in memory, serve, watch, rebuild what changed, push a reload.
//!
//! ```text
//! watch (notify, debounced) ──▶ classify ──▶ Preview::apply ──▶ publish (reload) ──▶ Preview::finish
//!                                                                   │                      │
//!                                              HTTP (tiny_http) ◀── Shared ◀── drift worker ◀┘
//! ```
//! `apply` renders the pages of the changed articles and the reload signal goes out at once;
//! `finish` then renders the locale homes and search indexes, published as a second event;
//! each event lists the pages it changed, and only those reload. The drift worker checks the
//! changed article (or the whole site) last.
//! The last good pages stay served when a rebuild fails; the error is shown over the page
//! until a later rebuild succeeds. Nothing is written to disk.

pub mod drift;
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
    let address = format!("{}:{}", options.bind, options.port);
    let server = listen(&address)
        .and_then(|listener| tiny_http::Server::from_listener(listener, None).map_err(std::io::Error::other))
        .map_err(|e| Error::Usage(format!("cannot listen on {address}: {e}")))?;
    let local = server.server_addr().to_ip().unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], options.port)));
    // Each connection holds a file descriptor: take the most the system allows (the soft
    // limit is often 1,024 while the hard one is far higher).
    let _ = rlimit::increase_nofile_limit(u64::MAX);
    let server = Arc::new(std::sync::Mutex::new(Arc::new(server)));
    let shared = Arc::new(Shared { local: Some(local), ..Shared::default() });
    let generation = publish(&preview, &shared, None, None);
    let drift = {
        let shared = Arc::clone(&shared);
        drift::Worker::start(move |(generation, result)| {
            shared.update(|served| {
                if served.generation != generation {
                    return;
                }
                match result {
                    Ok(drift) => served.drift = Some(drift),
                    // The checker could not run (an invalid policy): say so over the pages.
                    Err(error) if served.error.is_none() => served.error = Some(error),
                    Err(_) => {}
                }
            })
        })
    };
    let url = format!("http://{local}/");

    let stop = Arc::new(AtomicBool::new(false));
    {
        let (stop, server) = (Arc::clone(&stop), Arc::clone(&server));
        let _ = ctrlc::set_handler(move || {
            stop.store(true, Ordering::SeqCst);
            server.lock().unwrap_or_else(|e| e.into_inner()).unblock();
        });
    }
    {
        let (server, shared, stop) = (Arc::clone(&server), Arc::clone(&shared), Arc::clone(&stop));
        std::thread::spawn(move || accept(&server, &shared, &stop, local));
    }
    drift.send(preview.drift_job(None, generation));
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
        let applied = match preview.apply(&changes) {
            Ok(applied) => applied,
            Err(e) => {
                let text = e.render();
                eprintln!("{text}");
                publish(&preview, &shared, Some(text), None);
                continue;
            }
        };
        let mut generation = publish(&preview, &shared, None, applied.changed);
        let reloaded = began.elapsed();
        match preview.finish() {
            Ok(homes) if homes.is_empty() => {}
            Ok(homes) => generation = publish(&preview, &shared, None, Some(homes)),
            Err(e) => {
                let text = e.render();
                eprintln!("{text}");
                generation = publish(&preview, &shared, Some(text), None);
            }
        }
        eprintln!(
            "tolk serve: rebuilt {} in {} ms (pages listing it: {} ms more)",
            describe(&changes),
            reloaded.as_millis(),
            (began.elapsed() - reloaded).as_millis()
        );
        drift.send(preview.drift_job(Some(&changes), generation));
    }
    let _ = writeln!(std::io::stdout(), "tolk serve: stopped");
    Ok(0)
}

/// Hands every request to a thread of its own, for as long as the preview runs. tiny_http's
/// accept thread ends at the first error it meets, and panics when it runs out of file
/// descriptors (a storm of connections): its listener closes and its requests stop without a
/// word. A watchdog connects to the address every half second; when the connection is
/// refused, the listener is gone, and the address is listened on again (retried every 200 ms
/// until descriptors are free), so the preview recovers once the storm is over.
fn accept(
    server: &Arc<std::sync::Mutex<Arc<tiny_http::Server>>>,
    shared: &Arc<Shared>,
    stop: &Arc<AtomicBool>,
    local: SocketAddr,
) {
    {
        let (server, stop) = (Arc::clone(server), Arc::clone(stop));
        let probe = if local.ip().is_unspecified() { SocketAddr::from(([127, 0, 0, 1], local.port())) } else { local };
        std::thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(500));
                let refused = std::net::TcpStream::connect_timeout(&probe, Duration::from_secs(1))
                    .is_err_and(|e| e.kind() == std::io::ErrorKind::ConnectionRefused);
                if refused {
                    // Ends the dead server's requests, so the loop below listens again.
                    server.lock().unwrap_or_else(|e| e.into_inner()).unblock();
                }
            }
        });
    }
    loop {
        let current = Arc::clone(&server.lock().unwrap_or_else(|e| e.into_inner()));
        for request in current.incoming_requests() {
            let shared = Arc::clone(shared);
            std::thread::spawn(move || http::handle(request, &shared));
        }
        if stop.load(Ordering::SeqCst) {
            return;
        }
        eprintln!(
            "warning: the preview stopped accepting connections (out of file descriptors?); listening on {local} again"
        );
        loop {
            std::thread::sleep(Duration::from_millis(200));
            if stop.load(Ordering::SeqCst) {
                return;
            }
            let fresh = listen(&local.to_string())
                .and_then(|listener| tiny_http::Server::from_listener(listener, None).map_err(std::io::Error::other));
            if let Ok(fresh) = fresh {
                *server.lock().unwrap_or_else(|e| e.into_inner()) = Arc::new(fresh);
                eprintln!("listening on {local} again");
                break;
            }
        }
    }
}

/// A listening socket on `address` with Nagle's algorithm off (`TCP_NODELAY`, inherited by
/// accepted connections on Linux): tiny_http writes headers and body separately, and on a
/// kept-alive connection Nagle would hold each response's tail for the client's delayed
/// ACK (~40 ms a request).
fn listen(address: &str) -> std::io::Result<std::net::TcpListener> {
    use std::net::ToSocketAddrs;
    let addr = address
        .to_socket_addrs()?
        .next()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "no address"))?;
    let socket = socket2::Socket::new(socket2::Domain::for_address(addr), socket2::Type::STREAM, None)?;
    socket.set_reuse_address(true)?;
    socket.set_tcp_nodelay(true)?;
    socket.bind(&addr.into())?;
    socket.listen(128)?;
    Ok(socket.into())
}

fn classify_current(preview: &Preview, rel: &Path) -> Option<Change> {
    classify(preview.project(), rel)
}

/// Publishes the preview's pages as the next generation (keeping the last good pages on
/// error), `changed` naming the pages that changed (`None`: all), and returns that generation.
/// Every page is reloaded after an error, whose overlay is on every page, and after its fix.
fn publish(preview: &Preview, shared: &Shared, error: Option<String>, changed: Option<Vec<String>>) -> u64 {
    let pages = Arc::clone(&preview.pages);
    let mut generation = 0;
    shared.update(|served| {
        if error.is_none() {
            served.pages = pages;
            served.drift = None;
        }
        let changed = if error.is_some() || served.error.is_some() { None } else { changed };
        served.error = error;
        served.generation += 1;
        generation = served.generation;
        served.record(generation, changed);
    });
    generation
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
