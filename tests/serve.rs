//! `tolk serve` end to end: a copy of the shipped site on an ephemeral port, edited while
//! served.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `tolk serve`, stopped on drop.
struct Server {
    child: Child,
    addr: String,
    _stdout: BufReader<std::process::ChildStdout>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &Path) -> Server {
    start_with(site, Command::new(assert_cmd::cargo::cargo_bin("tolk")))
}

/// `tolk serve` of `site` run by `command` (the binary, or a shell that limits it first).
fn start_with(site: &Path, mut command: Command) -> Server {
    let mut child = command
        .arg("--site")
        .arg(site)
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    stdout.read_line(&mut line).unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .trim()
        .trim_end_matches('/')
        .to_string();
    Server { child, addr, _stdout: stdout }
}

/// (status, headers, body) of a raw HTTP/1.1 request for `target` (sent as written).
fn request(addr: &str, method: &str, target: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, head.to_ascii_lowercase(), body.to_string())
}

fn get(addr: &str, target: &str) -> String {
    let (status, _, body) = request(addr, "GET", target);
    assert_eq!(status, 200, "{target}");
    body
}

/// Opens the server-sent event stream and returns a reader positioned after its headers.
fn events(addr: &str) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "GET /__tolk/events HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    while reader.read_line(&mut line).unwrap() > 0 && !line.contains("tolk live reload") {
        line.clear();
    }
    reader
}

/// Waits for the next event that `wanted` accepts and returns its generation.
fn wait_for(reader: &mut BufReader<TcpStream>, what: &str, wanted: impl Fn(&serde_json::Value) -> bool) -> u64 {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut line = String::new();
    while Instant::now() < deadline {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        if let Some(data) = line.strip_prefix("data: ") {
            let event: serde_json::Value = serde_json::from_str(data).unwrap();
            if wanted(&event) {
                return event["generation"].as_u64().unwrap();
            }
        }
    }
    panic!("no reload signal {what}");
}

/// Waits for the next event that lists `page` (or every page) and returns its generation.
fn reload_of(reader: &mut BufReader<TcpStream>, page: &str) -> u64 {
    wait_for(reader, &format!("for {page}"), |event| {
        let pages = &event["pages"];
        pages.is_null() || pages.as_array().unwrap().iter().any(|p| p == page)
    })
}

/// Waits for the next `data:` event (a rebuild) and returns its generation.
fn next_reload(reader: &mut BufReader<TcpStream>) -> u64 {
    wait_for(reader, "at all", |_| true)
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from));
    // An editor's atomic save: write a temporary file, rename it over the original.
    let tmp = path.with_extension("ftl.tmp~");
    std::fs::write(&tmp, text.replacen(from, to, 1)).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

const HU: &str = "/hu/technical-support-benefits/";

#[test]
fn an_edit_reloads_open_pages_with_the_new_text() {
    let site = common::site_copy();
    let server = start(site.path());
    let page = get(&server.addr, HU);
    assert!(page.contains("/__tolk/preview.js"), "the preview script is on the page");
    assert!(page.contains("class=\"tolk-msg\" data-message=\"overview--title\""));
    let mut stream = events(&server.addr);
    edit(
        &site.path().join("locales/hu/technical-support-benefits.ftl"),
        "overview--title = Áttekintés",
        "overview--title = Áttekintés (frissítve)",
    );
    let generation = next_reload(&mut stream);
    assert!(generation >= 2);
    assert!(get(&server.addr, HU).contains("Áttekintés (frissítve)"));
    assert!(!site.path().join("public").exists(), "serve never writes public/");
    let drift = get(&server.addr, "/__tolk/drift?page=hu/technical-support-benefits");
    let json: serde_json::Value = serde_json::from_str(&drift).unwrap();
    let step1 = &json["messages"]["how-many-partner-support-incidents-are-remaining--step-1"];
    assert!(step1["source"].as_str().unwrap().contains("Open [Support for Business]"));
    let stale = step1["notes"].as_array().unwrap().iter().find(|n| n["rule"] == "stale-translation").unwrap();
    assert!(stale["diff"].as_str().unwrap().contains("{+Open [Support for Business]"));
    assert_eq!(json["messages"]["technical-support-benefits--p-1"]["fallback"], true, "shown in English");
}

#[test]
fn the_home_and_search_index_after_edits_are_the_ones_a_fresh_preview_writes() {
    let site = common::site_copy();
    let server = start(site.path());
    let mut stream = events(&server.addr);
    // A word of one page: the index re-reads that page only.
    edit(
        &site.path().join("locales/nl/technical-support-benefits.ftl"),
        "overview--title = Overzicht",
        "overview--title = Overzicht bijgewerkt",
    );
    reload_of(&mut stream, "nl/search-index.json");
    let index = get(&server.addr, "/nl/search-index.json");
    assert!(index.contains("\"bijgewerkt\":["), "the new word is indexed");
    // A heading less: the page has a section less, and the documents after it move up.
    edit(
        &site.path().join("content/articles/technical-support-benefits.md"),
        "## {{ overview--title }} {#overview}\n\n",
        "",
    );
    reload_of(&mut stream, "nl/search-index.json");
    let edited = get(&server.addr, "/nl/search-index.json");
    assert_ne!(edited, index);
    let fresh = start(site.path());
    assert_eq!(edited, get(&fresh.addr, "/nl/search-index.json"), "the same bytes as a preview started now");
    assert_eq!(get(&server.addr, "/nl/"), get(&fresh.addr, "/nl/"));
    // A new title: the home that lists the page is rendered again.
    edit(
        &site.path().join("locales/nl/technical-support-benefits.ftl"),
        "technical-support-benefits--title = Voordelen van technische ondersteuning",
        "technical-support-benefits--title = Voordelen van technische ondersteuning (nieuw)",
    );
    reload_of(&mut stream, "nl/index.html");
    assert!(get(&server.addr, "/nl/").contains("Voordelen van technische ondersteuning (nieuw)"));
    // Its neighbours' previous/next links name the new title: every Dutch page is the one a
    // preview started now writes.
    let fresh = start(site.path());
    let mut neighbours = 0;
    for entry in std::fs::read_dir(site.path().join("content/articles")).unwrap().flatten() {
        let slug = entry.path().file_stem().unwrap().to_string_lossy().into_owned();
        let page = get(&server.addr, &format!("/nl/{slug}/"));
        assert_eq!(page, get(&fresh.addr, &format!("/nl/{slug}/")), "nl/{slug}");
        if slug != "technical-support-benefits" && page.contains("Voordelen van technische ondersteuning (nieuw)") {
            neighbours += 1;
        }
    }
    assert!(neighbours > 0, "a neighbour links to the page by its new title");
}

#[test]
fn an_english_edit_reloads_the_pages_that_fall_back_to_it() {
    let site = common::site_copy();
    let server = start(site.path());
    assert!(get(&server.addr, HU).contains("Global admin | MPN partner admin"), "hu shows this string in English");
    let mut stream = events(&server.addr);
    edit(
        &site.path().join("locales/en/technical-support-benefits.ftl"),
        "Global admin | MPN partner admin",
        "Global admin | MPN partner administrator",
    );
    reload_of(&mut stream, "hu/technical-support-benefits/index.html");
    assert!(get(&server.addr, HU).contains("MPN partner administrator"), "the Hungarian page shows the new English");
}

#[test]
fn a_syntax_error_shows_an_overlay_and_keeps_the_last_good_page() {
    let site = common::site_copy();
    let server = start(site.path());
    let mut stream = events(&server.addr);
    let ftl = site.path().join("locales/hu/technical-support-benefits.ftl");
    edit(&ftl, "overview--title = Áttekintés", "overview--title = Áttekintés { $nyitott");
    next_reload(&mut stream);
    let status: serde_json::Value = serde_json::from_str(&get(&server.addr, "/__tolk/status")).unwrap();
    let error = status["error"].as_str().expect("the error is reported");
    assert!(error.starts_with("locales/hu/technical-support-benefits.ftl:6:"), "{error}");
    assert!(get(&server.addr, HU).contains("Áttekintés"), "the last good page is still served");
    edit(&ftl, "Áttekintés { $nyitott", "Áttekintés rendben");
    next_reload(&mut stream);
    let status: serde_json::Value = serde_json::from_str(&get(&server.addr, "/__tolk/status")).unwrap();
    assert!(status["error"].is_null(), "fixing the file clears the error");
    assert!(get(&server.addr, HU).contains("Áttekintés rendben"));
}

#[test]
fn a_source_edit_that_cannot_be_localized_keeps_every_page_and_the_preview_answering() {
    let site = common::site_copy();
    let server = start(site.path());
    let mut stream = events(&server.addr);
    let before = get(&server.addr, HU);
    // Hungarian falls back to this English string: its page is rendered again with every
    // locale's version of the article, and English fails to resolve.
    let ftl = site.path().join("locales/en/technical-support-benefits.ftl");
    edit(&ftl, "Global admin | MPN partner admin", "Global admin { no-such-message } | MPN partner admin");
    next_reload(&mut stream);
    let status: serde_json::Value = serde_json::from_str(&get(&server.addr, "/__tolk/status")).unwrap();
    let error = status["error"].as_str().expect("the error is reported");
    assert!(error.contains("no-such-message"), "{error}");
    assert_eq!(get(&server.addr, HU), before, "the last good page is still served");
    edit(&ftl, "Global admin { no-such-message } | MPN partner admin", "Global admin | MPN partner admins");
    next_reload(&mut stream);
    let status: serde_json::Value = serde_json::from_str(&get(&server.addr, "/__tolk/status")).unwrap();
    assert!(status["error"].is_null(), "fixing the file clears the error");
    assert!(get(&server.addr, HU).contains("MPN partner admins"));
}

#[test]
fn only_site_files_are_served() {
    let site = common::site_copy();
    std::os::unix::fs::symlink("/etc", site.path().join("content/etc")).unwrap();
    let server = start(site.path());
    for target in [
        "/../../etc/passwd",
        "/hu/%2e%2e/%2e%2e/etc/passwd",
        "/hu/..%2f..%2fetc%2fpasswd",
        "/%2fetc%2fpasswd",
        "/etc/passwd",
        "/content/etc/passwd",
        "/tolk.toml",
        "/locales/hu/technical-support-benefits.ftl",
    ] {
        let (status, _, body) = request(&server.addr, "GET", target);
        assert_eq!(status, 404, "{target}");
        assert!(!body.contains("root:x:0:0"), "{target}");
    }
    let (status, headers, body) = request(&server.addr, "HEAD", HU);
    assert_eq!(status, 200);
    assert!(
        headers.contains("content-type: text/html; charset=utf-8") && headers.contains("cache-control: no-store"),
        "{headers}"
    );
    assert!(body.is_empty(), "HEAD has no body");
    let (status, headers, _) = request(&server.addr, "GET", "/site.js");
    assert_eq!(status, 200);
    assert!(headers.contains("content-type: text/javascript"), "{headers}");
    let (status, headers, _) = request(&server.addr, "GET", "/hu/technical-support-benefits");
    assert_eq!(status, 301);
    assert!(headers.contains("location: /hu/technical-support-benefits/"));
    assert_eq!(request(&server.addr, "POST", HU).0, 405);
}

#[test]
fn requests_for_another_host_are_refused() {
    // DNS rebinding: a page of evil.example whose name now points at 127.0.0.1 must not read
    // the preview.
    let site = common::site_copy();
    let server = start(site.path());
    let ask = |host: &str| {
        let mut stream = TcpStream::connect(&server.addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(stream, "GET /__tolk/status HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
        let mut raw = String::new();
        stream.read_to_string(&mut raw).unwrap();
        raw.split_whitespace().nth(1).unwrap_or_default().to_string()
    };
    assert_eq!(ask("evil.example"), "421");
    assert_eq!(ask(&format!("evil.example:{}", server.addr.rsplit(':').next().unwrap())), "421");
    assert_eq!(ask(&server.addr), "200");
    assert_eq!(ask(&server.addr.replace("127.0.0.1", "localhost")), "200");
}

#[test]
fn the_preview_recovers_from_a_storm_of_connections_beyond_its_file_descriptors() {
    // With 1,100 idle connections under `ulimit -n 1024`, tiny_http's accept thread died and
    // the preview never answered again while the process kept running.
    let site = common::site_copy();
    let mut shell = Command::new("sh");
    shell.args(["-c", "ulimit -n 128 && exec \"$0\" \"$@\""]).arg(assert_cmd::cargo::cargo_bin("tolk"));
    let server = start_with(site.path(), shell);
    assert!(get(&server.addr, "/en/").contains("<html"));
    // Connections until the preview runs out of descriptors (its listener then closes, and
    // further connections are refused).
    let storm: Vec<TcpStream> = (0..300).map_while(|_| TcpStream::connect(&server.addr).ok()).collect();
    assert!(storm.len() >= 40, "enough connections to exhaust 128 descriptors ({})", storm.len());
    std::thread::sleep(Duration::from_millis(500));
    drop(storm);
    // Once the storm is over, normal requests succeed again.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let answered = TcpStream::connect(&server.addr).ok().and_then(|mut stream| {
            stream.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
            write!(stream, "GET /__tolk/status HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", server.addr).ok()?;
            let mut raw = String::new();
            stream.read_to_string(&mut raw).ok()?;
            raw.starts_with("HTTP/1.1 200").then_some(())
        });
        if answered.is_some() {
            break;
        }
        assert!(Instant::now() < deadline, "the preview did not answer again after the storm");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(get(&server.addr, "/en/").contains("<html"));
}
