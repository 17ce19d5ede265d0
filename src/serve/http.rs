//! Serving the preview over HTTP (tiny_http): only pages of the last good build, from memory,
//! so no request can reach the file system; plus tolk's own endpoints under `/__tolk/`:
//! `events` (server-sent events: one JSON `data:` line per publication, naming the pages it
//! changed), `status` (JSON: generation and the last build error), `drift?page=LOCALE/SLUG` (the overlay's JSON), and the
//! overlay's `preview.js` and `preview.css`.

use std::io::Write;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response};

/// What the server shows: each field replaced as a whole under the lock, never edited in place.
#[derive(Default)]
pub struct Served {
    /// Pages by output path.
    pub pages: Arc<super::state::Pages>,
    /// Incremented by every publication: a rebuild (good or failed), and the pages a rebuild
    /// renders after its reload signal.
    pub generation: u64,
    /// The pages each of the last generations changed (`None`: every page, e.g. after an
    /// error), oldest first, at most [`HISTORY`] entries.
    pub changed: std::collections::VecDeque<(u64, Option<Vec<String>>)>,
    /// The last rebuild's error (compiler-style text), if it failed.
    pub error: Option<String>,
    /// Drift overlay JSON by `locale/slug`, for the current generation (None while checking).
    pub drift: Option<Arc<super::drift::DriftMap>>,
}

/// How many generations' changed pages are kept for event streams that fall behind.
pub const HISTORY: usize = 64;

impl Served {
    /// Records the pages generation `generation` changed.
    pub fn record(&mut self, generation: u64, pages: Option<Vec<String>>) {
        self.changed.push_back((generation, pages));
        while self.changed.len() > HISTORY {
            self.changed.pop_front();
        }
    }

    /// The pages changed after generation `seen` up to now, sorted (`None`: every page, or
    /// not known any more).
    pub fn changed_since(&self, seen: u64) -> Option<Vec<String>> {
        let mut pages = std::collections::BTreeSet::new();
        let mut next = seen + 1;
        for (generation, changed) in self.changed.iter().filter(|(g, _)| *g > seen) {
            if *generation != next {
                return None;
            }
            pages.extend(changed.as_ref()?.iter().cloned());
            next += 1;
        }
        (next == self.generation + 1).then(|| pages.into_iter().collect())
    }
}

/// State shared by the rebuild loop and the request threads.
#[derive(Default)]
pub struct Shared {
    /// The address the server listens on (requests must name it in `Host`).
    pub local: Option<std::net::SocketAddr>,
    /// The current contents.
    pub served: Mutex<Served>,
    /// Signalled when `served` changes.
    pub changed: Condvar,
}

impl Shared {
    /// Replaces the contents with `update` and wakes waiting clients.
    pub fn update(&self, update: impl FnOnce(&mut Served)) {
        let mut served = self.served.lock().unwrap_or_else(|e| e.into_inner());
        update(&mut served);
        self.changed.notify_all();
    }
}

/// A response header. `value` may come from the request (a redirect's `Location`): bytes that
/// are not printable ASCII are percent-encoded, so the header is always valid and never
/// splits the response.
fn header(name: &str, value: &str) -> Header {
    use percent_encoding::{utf8_percent_encode, CONTROLS};
    let value = utf8_percent_encode(value, CONTROLS).to_string();
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("static names; percent-encoded values are ASCII")
}

/// Answers 200 with `body` of `content_type`, never cached.
fn reply(request: Request, body: String, content_type: &str) {
    let response = Response::from_string(body)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"));
    let _ = request.respond(response);
}

/// The page key for a request path, or `None` when the path is unsafe: percent-decoding
/// fails, or it has `..`, `.`, backslashes or NUL in a segment.
pub fn page_key(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8().ok()?;
    if !decoded.starts_with('/') || decoded.contains(['\\', '\0']) {
        return None;
    }
    let segments: Vec<&str> = decoded.split('/').skip(1).collect();
    if segments.iter().any(|s| *s == ".." || *s == ".") {
        return None;
    }
    let mut key = segments.join("/");
    if key.is_empty() || key.ends_with('/') {
        key.push_str("index.html");
    }
    Some(key)
}

/// Whether a request whose `Host` header is `host` may be answered by a server listening on
/// `local`: the host must name that address (its IP, or `localhost` for a loopback one) and
/// port, so that a page on another site cannot reach the preview through a DNS name it
/// points at 127.0.0.1 (DNS rebinding). A server bound to all interfaces (`--bind 0.0.0.0`)
/// answers any host.
pub fn host_allowed(host: Option<&str>, local: std::net::SocketAddr) -> bool {
    if local.ip().is_unspecified() {
        return true;
    }
    let Some(host) = host else { return false };
    let port = local.port();
    let mut allowed = vec![local.to_string()];
    if local.ip().is_loopback() {
        allowed.push(format!("localhost:{port}"));
        if port == 80 {
            allowed.push("localhost".to_string());
        }
    }
    if port == 80 {
        allowed.push(local.ip().to_string());
    }
    allowed.iter().any(|a| a.eq_ignore_ascii_case(host))
}

/// Answers one request.
pub fn handle(request: Request, shared: &Shared) {
    let url = request.url().to_string();
    if let Some(local) = shared.local {
        let host = request.headers().iter().find(|h| h.field.equiv("Host")).map(|h| h.value.as_str());
        if !host_allowed(host, local) {
            let _ = request.respond(
                Response::from_string("this preview answers only requests for the address it listens on")
                    .with_status_code(421),
            );
            return;
        }
    }
    if request.method() != &Method::Get && request.method() != &Method::Head {
        let _ = request.respond(Response::from_string("only GET and HEAD").with_status_code(405));
        return;
    }
    let no_store = header("Cache-Control", "no-store");
    match url.split('?').next().unwrap_or_default() {
        "/__tolk/events" => return events(request, shared),
        "/__tolk/preview.js" => {
            return reply(request, include_str!("assets/preview.js").to_string(), "text/javascript; charset=utf-8")
        }
        "/__tolk/preview.css" => {
            return reply(request, include_str!("assets/preview.css").to_string(), "text/css; charset=utf-8")
        }
        "/__tolk/status" => {
            let served = shared.served.lock().unwrap_or_else(|e| e.into_inner());
            let body = serde_json::json!({ "generation": served.generation, "error": served.error }).to_string();
            drop(served);
            return reply(request, body, "application/json");
        }
        "/__tolk/drift" => return drift(request, shared),
        _ => {}
    }
    let Some(key) = page_key(&url) else {
        let _ = request.respond(Response::from_string("not found").with_status_code(404).with_header(no_store));
        return;
    };
    let pages = shared.served.lock().unwrap_or_else(|e| e.into_inner()).pages.clone();
    if let Some(bytes) = pages.get(&key) {
        let mime = mime_guess::from_path(&key).first_or_octet_stream();
        let content_type = if mime.type_() == "text" || mime.subtype() == "javascript" || mime.subtype() == "json" {
            format!("{mime}; charset=utf-8")
        } else {
            mime.to_string()
        };
        // The page's bytes are shared with the build, not copied.
        let body = std::io::Cursor::new(Arc::clone(bytes));
        let response = Response::new(200.into(), vec![], body, Some(bytes.len()), None);
        let _ = request.respond(response.with_header(header("Content-Type", &content_type)).with_header(no_store));
    } else if pages.contains_key(&format!("{key}/index.html")) {
        let location = format!("{}/", url.split('?').next().unwrap_or_default());
        let _ = request.respond(Response::empty(301).with_header(header("Location", &location)).with_header(no_store));
    } else {
        let body = pages.get("404.html").map(|b| b.to_vec()).unwrap_or_else(|| b"not found".to_vec());
        let _ = request.respond(
            Response::from_data(body)
                .with_status_code(404)
                .with_header(header("Content-Type", "text/html; charset=utf-8"))
                .with_header(no_store),
        );
    }
}

fn drift(request: Request, shared: &Shared) {
    let page =
        request.url().split_once("page=").map(|(_, p)| p.split('&').next().unwrap_or_default()).unwrap_or_default();
    let page = percent_encoding::percent_decode_str(page).decode_utf8_lossy().into_owned();
    // The checker runs after the pages are published: wait for it (briefly).
    let mut served = shared.served.lock().unwrap_or_else(|e| e.into_inner());
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while served.drift.is_none() && std::time::Instant::now() < deadline {
        served = shared
            .changed
            .wait_timeout(served, Duration::from_millis(100))
            .map(|(g, _)| g)
            .unwrap_or_else(|e| e.into_inner().0);
    }
    let body = served.drift.as_ref().and_then(|d| d.get(&page).map(|json| json.to_string()));
    drop(served);
    let response = match body {
        Some(json) => Response::from_string(json).with_header(header("Content-Type", "application/json")),
        None => {
            Response::from_string("{}").with_status_code(404).with_header(header("Content-Type", "application/json"))
        }
    };
    let _ = request.respond(response.with_header(header("Cache-Control", "no-store")));
}

/// Server-sent events: `data: {"generation": N, "pages": [KEY, …] | null}` after each
/// publication (`null`: every page; also when the client missed one), a comment every 15 s to
/// notice clients that left. A page reloads when its key is listed.
fn events(request: Request, shared: &Shared) {
    let mut seen = shared.served.lock().unwrap_or_else(|e| e.into_inner()).generation;
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n: tolk live reload\n\n";
    if out.write_all(head.as_bytes()).and_then(|()| out.flush()).is_err() {
        return;
    }
    loop {
        let served = shared.served.lock().unwrap_or_else(|e| e.into_inner());
        let (served, timeout) = shared
            .changed
            .wait_timeout_while(served, Duration::from_secs(15), |s| s.generation == seen)
            .unwrap_or_else(|e| e.into_inner());
        let message = if timeout.timed_out() {
            ": ping\n\n".to_string()
        } else {
            let pages = served.changed_since(seen);
            seen = served.generation;
            format!("data: {}\n\n", serde_json::json!({ "generation": seen, "pages": pages }))
        };
        drop(served);
        if out.write_all(message.as_bytes()).and_then(|()| out.flush()).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{host_allowed, page_key, Served};

    #[test]
    fn a_stream_that_falls_behind_gets_every_page_changed_since() {
        let mut served = Served::default();
        for (generation, pages) in [(1, Some(vec!["hu/a/index.html"])), (2, Some(vec!["hu/index.html"]))] {
            served.generation = generation;
            served.record(generation, pages.map(|p| p.into_iter().map(String::from).collect()));
        }
        assert_eq!(served.changed_since(1), Some(vec!["hu/index.html".to_string()]));
        assert_eq!(served.changed_since(0), Some(vec!["hu/a/index.html".to_string(), "hu/index.html".to_string()]));
        served.changed.pop_front();
        assert_eq!(served.changed_since(0), None, "generation 1 is forgotten: every page");
        assert_eq!(served.changed_since(1), Some(vec!["hu/index.html".to_string()]));
        served.generation = 3;
        served.record(3, None);
        assert_eq!(served.changed_since(1), None, "an error reloads every page");
    }

    #[test]
    fn header_values_from_requests_never_fail() {
        let h = super::header("Location", "/en/é\r\nSet-Cookie: x/");
        assert_eq!(h.value.as_str(), "/en/%C3%A9%0D%0ASet-Cookie: x/");
    }

    #[test]
    fn only_the_listening_address_is_a_host() {
        let local: std::net::SocketAddr = "127.0.0.1:3000".parse().unwrap();
        for ok in ["127.0.0.1:3000", "localhost:3000", "LOCALHOST:3000"] {
            assert!(host_allowed(Some(ok), local), "{ok}");
        }
        for bad in ["evil.example:3000", "127.0.0.1:3001", "localhost", "127.0.0.1.nip.io:3000", ""] {
            assert!(!host_allowed(Some(bad), local), "{bad}");
        }
        assert!(!host_allowed(None, local));
        assert!(host_allowed(Some("anything:1"), "0.0.0.0:3000".parse().unwrap()));
    }

    #[test]
    fn traversal_and_odd_paths_are_refused() {
        assert_eq!(page_key("/hu/a/?x=1").as_deref(), Some("hu/a/index.html"));
        assert_eq!(page_key("/").as_deref(), Some("index.html"));
        assert_eq!(page_key("/search.js").as_deref(), Some("search.js"));
        for bad in
            ["/../etc/passwd", "/hu/%2e%2e/%2e%2e/etc/passwd", "/a/./b", "/a%5c..%5cb", "/a%00", "relative", "/%ff"]
        {
            assert_eq!(page_key(bad), None, "{bad}");
        }
    }
}
