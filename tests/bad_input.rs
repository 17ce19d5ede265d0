//! Bad input: a located message, exit code 2, no panic, and the previous site untouched.

mod common;

use std::path::Path;

/// Builds a copy of the shipped site, breaks it with `edit`, builds again, and returns what
/// went wrong: `Ok` when the build exits 2 with `expected` in stderr, without a panic, and
/// leaves `public/` byte-identical (or, for an empty `expected`, simply succeeds).
fn break_and_build(edit: impl FnOnce(&Path), expected: &str) -> Result<(), String> {
    let site = common::site_copy();
    assert_eq!(common::tolk(site.path(), &["build"]).status.code(), Some(0));
    let before = common::tree(&site.path().join("public"));
    edit(site.path());
    let out = common::tolk(site.path(), &["build"]);
    let (_, stderr) = common::text(&out);
    let kept = common::tree(&site.path().join("public")) == before && !site.path().join("public.tolk-new").exists();
    let ok = if expected.is_empty() {
        // Not an error: tolk must simply not be confused by it.
        out.status.code() == Some(0)
    } else {
        out.status.code() == Some(2) && stderr.contains(expected) && kept
    };
    if ok && !stderr.contains("panicked") {
        return Ok(());
    }
    let stderr: String = stderr.chars().take(600).collect();
    Err(format!("exit {:?}, previous site kept: {kept}, expected `{expected}` in stderr:\n{stderr}", out.status.code()))
}

/// Asserts [`break_and_build`].
fn fails(edit: impl FnOnce(&Path), expected: &str) {
    if let Err(why) = break_and_build(edit, expected) {
        panic!("{why}");
    }
}

fn replace(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn malformed_ftl() {
    fails(
        |site| {
            replace(
                &site.join("locales/hu/technical-support-benefits.ftl"),
                "overview--title = Áttekintés",
                "overview--title = Áttekintés { $x",
            )
        },
        "locales/hu/technical-support-benefits.ftl:6:34: error: Fluent syntax error: Expected a token starting with \"}\"",
    );
}

#[test]
fn malformed_model() {
    fails(
        |site| {
            replace(
                &site.join("content/model/benefits.toml"),
                "product-support-incidents = 15",
                "product-support-incidents = = 15",
            )
        },
        "content/model/benefits.toml:18:29: error:",
    );
}

#[test]
fn unknown_message_in_a_skeleton() {
    fails(
        |site| {
            replace(
                &site.join("content/articles/technical-support-benefits.md"),
                "{{ overview--p-1 }}\n",
                "{{ overview--p-1 }} {{ no-such-message }}\n",
            )
        },
        "content/articles/technical-support-benefits.md:14:21: error: unknown message `no-such-message`",
    );
}

#[test]
fn missing_model_path() {
    fails(
        |site| {
            replace(
                &site.join("content/articles/technical-support-benefits.md"),
                "benefits.tiers.gold-competency.product-support-incidents",
                "benefits.tiers.platinum.product-support-incidents",
            )
        },
        "`benefits.tiers` has no `platinum`",
    );
}

#[test]
fn unknown_config_key() {
    fails(
        |site| replace(&site.join("tolk.toml"), "[site]\n", "[site]\ncolour = \"blue\"\n"),
        "tolk.toml:3:1: error: unknown field `colour`",
    );
}

#[test]
fn broken_template() {
    fails(
        |site| replace(&site.join("templates/article.html"), "{{ content | safe }}", "{{ content | safe "),
        "templates/article.html",
    );
}

#[test]
fn invalid_utf8() {
    fails(
        |site| std::fs::write(site.join("locales/de/technical-support-benefits.ftl"), b"a = \xff\n").unwrap(),
        "locales/de/technical-support-benefits.ftl:1:5: error: file is not valid UTF-8",
    );
}

#[test]
fn missing_config_is_a_usage_error() {
    let empty = tempfile::tempdir().unwrap();
    let out = common::tolk(empty.path(), &["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(common::text(&out).1.contains("no tolk.toml"));
}

#[test]
fn refuses_to_replace_a_directory_it_did_not_write() {
    let site = common::site_copy();
    std::fs::create_dir(site.path().join("docs")).unwrap();
    std::fs::write(site.path().join("docs/notes.txt"), "mine").unwrap();
    let out = common::tolk(site.path(), &["build", "--out", "docs"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(site.path().join("docs/notes.txt")).unwrap(), "mine");
    let out = common::tolk(site.path(), &["build", "--out", "content"]);
    assert_eq!(out.status.code(), Some(2));
}

fn write(site: &Path, rel: &str, bytes: &[u8]) {
    std::fs::write(site.join(rel), bytes).unwrap();
}

fn append(site: &Path, rel: &str, text: &str) {
    let path = site.join(rel);
    let old = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{old}{text}")).unwrap();
}

const TSB: &str = "content/articles/technical-support-benefits.md";
const HU: &str = "locales/hu/technical-support-benefits.ftl";
const EN: &str = "locales/en/technical-support-benefits.ftl";

/// The corpus of bad input: (case, how to break a copy of the shipped site, what the error
/// must say). Each must exit 2, name the file (with line and column where they apply), not
/// panic, and leave the previous `public/` byte-identical.
/// A case: its name, how it breaks a site copy, and the text the error must contain.
type Case = (&'static str, fn(&Path), &'static str);

const CORPUS: &[Case] = &[
    (
        "invalid UTF-8 in a skeleton",
        |s| write(s, TSB, b"+++\ntitle = \"x\"\n+++\n\xc3\x28"),
        "content/articles/technical-support-benefits.md:4:1: error: file is not valid UTF-8",
    ),
    (
        "invalid UTF-8 in tolk.toml",
        |s| write(s, "tolk.toml", b"[site]\ntitle = \"\xff\"\n"),
        "tolk.toml:2:10: error: file is not valid UTF-8",
    ),
    (
        "a 10 MB single-line resource of junk",
        |s| write(s, HU, "x".repeat(10 << 20).as_bytes()),
        "locales/hu/technical-support-benefits.ftl:1:",
    ),
    (
        "cyclic message references",
        |s| {
            append(s, EN, "cycle-a = { cycle-b }\ncycle-b = { cycle-a }\n");
            append(s, TSB, "\n{{ cycle-a }}\n");
        },
        "content/articles/technical-support-benefits.md:",
    ),
    (
        "deeply nested placeables",
        |s| append(s, HU, &format!("deep = {}x{}\n", "{ ".repeat(5000), " }".repeat(5000))),
        "locales/hu/technical-support-benefits.ftl:",
    ),
    (
        "a term called as a message",
        |s| replace(&s.join(TSB), "{{ overview--p-1 }}", "{{ -brand }}"),
        "content/articles/technical-support-benefits.md:14:1: error:",
    ),
    (
        "a message using a term that does not exist",
        |s| {
            append(s, EN, "uses-term = { -no-such-term }\n");
            append(s, TSB, "\n{{ uses-term }}\n");
        },
        "content/articles/technical-support-benefits.md:",
    ),
    (
        "an unknown locale tag",
        |s| {
            replace(
                &s.join("tolk.toml"),
                "targets = [\"nl\", \"de\", \"hu\"]",
                "targets = [\"nl\", \"de\", \"hu\", \"not a tag\"]",
            )
        },
        "tolk.toml:12:",
    ),
    (
        "a locale listed twice",
        |s| {
            replace(
                &s.join("tolk.toml"),
                "targets = [\"nl\", \"de\", \"hu\"]",
                "targets = [\"nl\", \"de\", \"hu\", \"de\"]",
            )
        },
        "locale `de` is listed twice",
    ),
    (
        "a fallback to an unknown locale",
        |s| append(s, "tolk.toml", "\n[locales.fallback]\nhu = [\"fi\"]\n"),
        "tolk.toml:",
    ),
    (
        "a template with a syntax error",
        |s| replace(&s.join("templates/locale.html"), "{% endfor %}", "{% endfro %}"),
        "templates/locale.html",
    ),
    (
        "a model value of the wrong type",
        |s| {
            replace(
                &s.join("content/model/benefits.toml"),
                "product-support-incidents = 20",
                "product-support-incidents = { n = 20 }",
            )
        },
        "content/articles/technical-support-benefits.md:",
    ),
    (
        "a model file that is not TOML",
        |s| write(s, "content/model/broken.toml", b"[[tiers]\n"),
        "content/model/broken.toml:1:",
    ),
    (
        "a skeleton without front matter",
        |s| write(s, TSB, b"# {{ overview--title }}\n"),
        "content/articles/technical-support-benefits.md:1:1: error: a skeleton starts with TOML front matter",
    ),
    ("an unclosed call", |s| append(s, TSB, "\n{{ overview--p-1\n"), "is not closed by `}}`"),
    (
        "a call that is not an id",
        |s| append(s, TSB, "\n{{ 9lives }}\n"),
        "content/articles/technical-support-benefits.md:",
    ),
    (
        "a call argument without a value",
        |s| append(s, TSB, "\n{{ overview--p-1 count= }}\n"),
        "is not a number, a \"string\" or a model path",
    ),
    (
        "an unknown front matter key",
        |s| replace(&s.join(TSB), "weight = 10", "weight = 10\ncolour = \"red\""),
        "content/articles/technical-support-benefits.md:7:1: error: front matter: unknown field `colour`",
    ),
    (
        "a title message that does not exist",
        |s| replace(&s.join(TSB), "title = \"technical-support-benefits--title\"", "title = \"no-such-title\""),
        "front matter: unknown message `no-such-title`",
    ),
    (
        "a variable the skeleton does not pass",
        |s| {
            replace(&s.join(TSB), "{{ entitlement-signature-silver other=benefits.tiers.silver-competency.signature-cloud-incidents.other-competencies }}", "{{ entitlement-signature-silver }}")
        },
        "Unknown variable: $other",
    ),
    (
        "a message defined twice",
        |s| append(s, HU, "overview--title = Még egyszer\n"),
        "locales/hu/technical-support-benefits.ftl:",
    ),
    (
        "metadata with an unknown key",
        |s| append(s, "locales/nl/metadata.toml", "\n[technical-support-benefits-x]\nengine = \"MT\"\n"),
        "locales/nl/metadata.toml:",
    ),
    (
        "a symlink loop in content/",
        |s| {
            std::os::unix::fs::symlink("loop-b.md", s.join("content/articles/loop-a.md")).unwrap();
            std::os::unix::fs::symlink("loop-a.md", s.join("content/articles/loop-b.md")).unwrap();
        },
        "content/articles/loop-",
    ),
    (
        "a resource directory where a file should be",
        |s| std::fs::create_dir_all(s.join("locales/hu/strange.ftl/inner")).unwrap(),
        "",
    ),
];

#[test]
fn the_bad_input_corpus() {
    assert!(CORPUS.len() + 10 >= 30, "the corpus and the tests above hold at least 30 cases");
    let failures: Vec<String> = CORPUS
        .iter()
        .filter_map(|(case, edit, expected)| break_and_build(edit, expected).err().map(|why| format!("{case}: {why}")))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_bom_and_crlf_line_endings_are_fine() {
    let site = common::site_copy();
    let hu = site.path().join(HU);
    let text = std::fs::read_to_string(&hu).unwrap().replace('\n', "\r\n");
    std::fs::write(&hu, format!("\u{feff}{text}")).unwrap();
    let out = common::tolk(site.path(), &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", common::text(&out).1);
    let html = std::fs::read_to_string(site.path().join("public/hu/technical-support-benefits/index.html")).unwrap();
    assert!(html.contains("<h2 id=\"overview\">Áttekintés</h2>"));
}

#[test]
fn output_directories_tolk_must_not_replace() {
    let site = common::site_copy();
    for out in [".", "/", "locales", "templates"] {
        let result = common::tolk(site.path(), &["build", "--out", out]);
        assert_eq!(result.status.code(), Some(2), "--out {out}");
        assert!(common::text(&result).1.contains("refusing to write the site into"), "--out {out}");
    }
    assert!(site.path().join("tolk.toml").is_file() && site.path().join("locales/hu").is_dir());
}

/// An unreadable resource: exit 2 naming the file, the previous site kept. Root reads every
/// file, so as root the build runs without the capabilities that bypass file permissions
/// (`setpriv --bounding-set -dac_override,-dac_read_search`, util-linux).
#[test]
fn an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let site = common::site_copy();
    assert_eq!(common::tolk(site.path(), &["build"]).status.code(), Some(0));
    let before = common::tree(&site.path().join("public"));
    std::fs::set_permissions(site.path().join(HU), std::fs::Permissions::from_mode(0o000)).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("tolk");
    let root = std::process::Command::new("id").arg("-u").output().map(|o| o.stdout == b"0\n").unwrap_or(false);
    let mut command = if root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--bounding-set", "-dac_override,-dac_read_search"]).arg(&bin);
        c
    } else {
        std::process::Command::new(&bin)
    };
    let out = command.current_dir(site.path()).arg("--site").arg(site.path()).arg("build").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(HU) && stderr.contains("ermission denied"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(common::tree(&site.path().join("public")), before, "the previous site is kept");
}

#[test]
fn an_output_directory_that_holds_the_site_is_refused_even_with_force() {
    // `tolk build --out .. --force` once deleted the parent directory, the site included.
    let site = common::site_copy();
    let before = common::tree(site.path());
    for out in ["..", ".", "content", "locales/nl", "tolk.toml"] {
        let out = common::tolk(site.path(), &["build", "--out", out, "--force"]);
        let (_, stderr) = common::text(&out);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("refusing to write the site into"), "{stderr}");
    }
    assert_eq!(common::tree(site.path()), before, "nothing of the site was touched");
}

#[test]
fn a_symbolic_link_out_of_the_site_is_refused_without_showing_its_target() {
    let secret = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(secret.path(), "ssh-ed25519 SECRET-KEY-MATERIAL\n").unwrap();
    for (link, command) in [
        ("locales/nl/evil.ftl", "build"),
        ("locales/hu/technical-support-benefits.ftl", "check"),
        ("content/articles/evil.md", "build"),
        ("locales/de/metadata.toml", "build"),
    ] {
        let site = common::site_copy();
        let path = site.path().join(link);
        let _ = std::fs::remove_file(&path);
        std::os::unix::fs::symlink(secret.path(), &path).unwrap();
        let out = common::tolk(site.path(), &[command]);
        let (stdout, stderr) = common::text(&out);
        assert_eq!(out.status.code(), Some(2), "{link}: {stderr}");
        assert!(
            stderr.contains(&format!("{link}:1:1: error: a symbolic link that leads outside the site")),
            "{stderr}"
        );
        assert!(!stderr.contains("SECRET") && !stdout.contains("SECRET"), "{link}: the target's content was shown");
    }
}

#[test]
fn a_dangling_symbolic_link_is_skipped_with_a_warning() {
    // Emacs keeps a lock file `.#name` as a link to nothing while a buffer is modified.
    let site = common::site_copy();
    std::os::unix::fs::symlink("root@host.1234:1700000000", site.path().join("locales/nl/.#x.ftl")).unwrap();
    let out = common::tolk(site.path(), &["build"]);
    let (_, stderr) = common::text(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("warning: locales/nl/.#x.ftl: a symbolic link that leads nowhere; skipped"), "{stderr}");
}

#[test]
fn article_slugs_are_portable_names() {
    // A file name once became a live event handler in hrefs (`| safe` in the templates).
    for name in ["x\"<img src=x onerror=alert(1)>.md", "a b.md", "-x.md", "é.md"] {
        fails(
            |site| {
                let from = site.join("content/articles/technical-support-benefits.md");
                std::fs::copy(&from, site.join("content/articles").join(name)).unwrap();
            },
            &format!("content/articles/{name}:1:1: error:"),
        );
    }
}

#[test]
fn skeletons_with_crlf_line_endings_build() {
    // A Windows checkout (core.autocrlf) writes CRLF.
    let site = common::site_copy();
    let path = site.path().join("content/articles/technical-support-benefits.md");
    let text = std::fs::read_to_string(&path).unwrap().replace('\n', "\r\n");
    std::fs::write(&path, text).unwrap();
    let out = common::tolk(site.path(), &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", common::text(&out).1);
}

#[test]
fn escape_sequences_in_messages_never_reach_the_terminal() {
    // A translator's message with ANSI/OSC sequences (clear screen, set title, hyperlink).
    let site = common::site_copy();
    replace(
        &site.path().join("locales/hu/technical-support-benefits.ftl"),
        "overview--title = Áttekintés",
        "overview--title = Áttekintés \u{1b}[2J\u{1b}]0;pwned\u{7} { $x",
    );
    for args in [&["check"][..], &["build"]] {
        let out = common::tolk(site.path(), args);
        let (stdout, stderr) = common::text(&out);
        assert!(!stdout.contains('\u{1b}') && !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'), "{args:?}");
        assert!(
            stdout.contains("\\u{1b}[2J") || stderr.contains("\\u{1b}[2J"),
            "{args:?}: shown escaped\n{stdout}{stderr}"
        );
    }
}

#[test]
fn a_yaml_alias_bomb_in_front_matter_is_refused_at_once() {
    // 30 KB of nested aliases expanded to more than 1 GiB when loaded.
    let dir = tempfile::tempdir().unwrap();
    let mut front = String::from("---\nms.contentlocale: nl-nl\na0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for i in 1..12 {
        let prev = format!("*a{}", i - 1);
        front.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 9].join(",")));
    }
    front.push_str("---\n# Titel\n");
    let file = dir.path().join("bomb.md");
    std::fs::write(&file, front).unwrap();
    let site = common::site_copy();
    let out = common::tolk(site.path(), &["import", "msdocs", file.to_str().unwrap(), "--article", "bomb"]);
    let (_, stderr) = common::text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("bomb.md:4:") && stderr.contains("YAML alias"), "{stderr}");
}

#[test]
fn a_template_that_includes_itself_is_refused_not_a_stack_overflow() {
    // Tera recursed until the stack overflowed: build exit 134, serve gone.
    fails(
        |site| std::fs::write(site.join("templates/loop.html"), "{% include \"loop.html\" %}\n").unwrap(),
        "templates/loop.html:1:1: error: template: includes itself through loop.html → loop.html",
    );
}

/// Each URL that would break out of an HTML attribute (or is not http(s)), written into
/// `tolk.toml` by `edit` (the shipped `base-url` line, the URL) in place of that line: refused
/// with the place in `tolk.toml`.
fn bad_urls_are_refused(edit: impl Fn(&str, &str) -> String) {
    for url in ["https://x.example/\"><script>alert(1)</script>", "javascript:alert(1)", "https://x.example/a b"] {
        fails(
            |site| {
                let path = site.join("tolk.toml");
                let text = std::fs::read_to_string(&path).unwrap();
                let line = text.lines().find(|l| l.starts_with("base-url")).expect("the shipped site has a base URL");
                std::fs::write(&path, text.replacen(line, &edit(line, url), 1)).unwrap();
            },
            "tolk.toml:",
        );
    }
}

#[test]
fn a_base_url_that_would_break_out_of_an_attribute_is_refused() {
    bad_urls_are_refused(|_, url| format!("base-url = {url:?}"));
}

#[test]
fn an_edit_url_that_would_break_out_of_an_attribute_is_refused() {
    bad_urls_are_refused(|line, url| format!("{line}\nedit-url = {url:?}"));
}

#[test]
fn translated_text_cannot_claim_anchors_or_tolk_classes() {
    let site = common::site_copy();
    replace(
        &site.path().join("locales/hu/technical-support-benefits.ftl"),
        "overview--title = Áttekintés",
        "overview--title = Áttekintés {\"{\"}#evil-anchor{\"}\"}",
    );
    replace(
        &site.path().join("locales/hu/technical-support-benefits.ftl"),
        "overview--p-1 = ",
        "overview--p-1 = <span class=\"tolk-fallback\" id=\"fake\">nem</span> <h2 id=\"overview\">x</h2> ",
    );
    let out = common::tolk(site.path(), &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", common::text(&out).1);
    let page = std::fs::read_to_string(site.path().join("public/hu/technical-support-benefits/index.html")).unwrap();
    assert!(!page.contains("id=\"evil-anchor\""), "a heading anchor from translated text");
    assert_eq!(page.matches("<h2 id=\"overview\"").count(), 1, "only the skeleton's anchor");
    assert!(!page.contains("<span class=\"tolk-fallback\" id=\"fake\""), "a fallback marker from translated text");
    assert!(page.contains("Áttekintés {#evil-anchor}</h2>"), "shown as the text it is");
    assert!(page.contains("&lt;span class=\"tolk-fallback\" id=\"fake\"&gt;nem"), "shown as the text it is");
}
