//! The translator's half of the loop on the shipped site: export Hungarian as PO, XLIFF 1.2
//! and XLIFF 2.0, edit one stale and one missing unit as a CAT tool would, import, and the
//! check shows exactly those two findings cleared. The exported files are read by the
//! ecosystem's tools (gettext's msgfmt, translate-toolkit, xmllint with the OASIS schemas);
//! each skips with a message when its tool is missing, and fails under CI, which installs it.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

const STALE: &str = "how-many-partner-support-incidents-are-remaining--step-1";
const MISSING: &str = "technical-support-benefits--p-1";
const STALE_HU: &str = "1. lépés: Nyissa meg a [Support for Business](https://support.serviceshub.microsoft.com/supportforbusiness/create) oldalt, válassza a Windows 10-et, és adja meg a próbaadatokat";
const MISSING_HU: &str =
    "**Megfelelő szerepkörök**: globális rendszergazda | MPN-partner rendszergazda | rendszergazdai ügynök";

/// (rule, message id) of every hu finding.
fn findings(site: &Path) -> BTreeSet<(String, String)> {
    let out = common::tolk(site, &["check", "--locale", "hu", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap().to_string(), f["message_id"].as_str().unwrap_or("").to_string()))
        .collect()
}

/// The site copy as it was before Hungarian had an interface translation: the scenario of a
/// locale whose `ui.ftl` is still to be translated.
fn without_hu_ui(site: &Path) {
    for file in ["locales/hu/ui.ftl", "locales/hu/snapshots/ui.ftl"] {
        std::fs::remove_file(site.join(file)).unwrap();
    }
}

fn export(site: &Path, format: &str) -> String {
    let file = site.join(format!("hu.{format}"));
    let out = common::tolk(site, &["export", "hu", "--format", format, "--output", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", common::text(&out).1);
    std::fs::read_to_string(file).unwrap()
}

fn import(site: &Path, kind: &str, text: &str) -> std::process::Output {
    let file = site.join(format!("edited.{kind}"));
    std::fs::write(&file, text).unwrap();
    common::tolk(site, &["import", kind, file.to_str().unwrap()])
}

/// The PO entries (blank-line separated) with the one whose msgctxt ends in `#id` changed by `edit`.
fn edit_po(po: &str, id: &str, edit: impl Fn(&str) -> String) -> String {
    let mut found = false;
    let blocks: Vec<String> = po
        .split("\n\n")
        .map(|block| {
            if block.contains(&format!("#{id}\"")) {
                found = true;
                edit(block)
            } else {
                block.to_string()
            }
        })
        .collect();
    assert!(found, "no entry {id}");
    blocks.join("\n\n")
}

/// A translator's edit of a PO entry: the translation set, `fuzzy` and `#|` removed.
fn translate_po(block: &str, text: &str) -> String {
    block
        .lines()
        .filter(|l| !l.starts_with("#|"))
        .map(|l| match l {
            _ if l.starts_with("#,") => {
                let flags: Vec<&str> = l[2..].split(',').map(str::trim).filter(|f| *f != "fuzzy").collect();
                if flags.is_empty() {
                    String::new()
                } else {
                    format!("#, {}", flags.join(", "))
                }
            }
            _ if l.starts_with("msgstr ") => format!("msgstr \"{}\"", text.replace('"', "\\\"")),
            _ => l.to_string(),
        })
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Imports `edited`, then asserts that exactly the stale and the missing finding cleared and
/// that the Hungarian resource changed in exactly those two messages.
fn assert_exactly_two_cleared(site: &Path, kind: &str, edited: &str) {
    let before = findings(site);
    assert!(before.contains(&("stale-translation".into(), STALE.into())), "{before:?}");
    assert!(before.contains(&("missing-message".into(), MISSING.into())), "{before:?}");
    let resource = site.join("locales/hu/technical-support-benefits.ftl");
    let old = std::fs::read_to_string(&resource).unwrap();
    let out = import(site, kind, edited);
    let (_, err) = common::text(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains(&format!("hu `{STALE}` updated")) && err.contains(&format!("hu `{MISSING}` added")), "{err}");
    let after = findings(site);
    let cleared: BTreeSet<_> = before.difference(&after).cloned().collect();
    let new: BTreeSet<_> = after.difference(&before).cloned().collect();
    assert_eq!(
        cleared,
        [("missing-message".to_string(), MISSING.to_string()), ("stale-translation".to_string(), STALE.to_string())]
            .into_iter()
            .collect()
    );
    assert!(new.is_empty(), "new findings: {new:?}");
    let now = std::fs::read_to_string(&resource).unwrap();
    let old_lines: BTreeSet<&str> = old.lines().collect();
    let changed: Vec<&str> = now.lines().filter(|l| !old_lines.contains(l) && !l.is_empty()).collect();
    assert_eq!(changed, [format!("{MISSING} = {MISSING_HU}"), format!("{STALE} = {STALE_HU}")], "{now}");
    assert_eq!(now.lines().filter(|l| !l.is_empty()).count(), old.lines().filter(|l| !l.is_empty()).count() + 1);
}

#[test]
fn po_round_trip_clears_exactly_the_edited_units() {
    let site = common::site_copy();
    let po = export(site.path(), "po");
    let stale = po.split("\n\n").find(|b| b.contains(&format!("#{STALE}\""))).unwrap();
    assert!(
        stale.contains("#, fuzzy")
            && stale.contains("#| msgid \"Step 1 Select windows 10 and enter dummy information\""),
        "{stale}"
    );
    let edited = edit_po(&po, STALE, |b| translate_po(b, STALE_HU));
    let edited = edit_po(&edited, MISSING, |b| translate_po(b, MISSING_HU));
    assert_exactly_two_cleared(site.path(), "po", &edited);
}

#[test]
fn xliff_12_round_trip_clears_exactly_the_edited_units() {
    let site = common::site_copy();
    let xliff = export(site.path(), "xliff12");
    let unit = |id: &str| {
        let start = xliff.find(&format!("<trans-unit id=\"{id}\"")).expect("the unit");
        let end = start + xliff[start..].find("</trans-unit>").unwrap();
        start..end
    };
    let stale = unit(STALE);
    assert!(xliff[stale.clone()].contains("<alt-trans alttranstype=\"previous-version\""));
    assert!(xliff[stale.clone()].contains("<target state=\"needs-review-translation\">"));
    // What a CAT tool writes: the target with the source's codes, state translated.
    let target = "<target state=\"translated\">1. lépés: Nyissa meg a <bpt id=\"1\">[</bpt>Support for Business<ept id=\"1\">](https://support.serviceshub.microsoft.com/supportforbusiness/create)</ept> oldalt, válassza a Windows 10-et, és adja meg a próbaadatokat</target>";
    let mut edited = xliff.clone();
    let stale_text = &xliff[stale.clone()];
    let t0 = stale_text.find("<target").unwrap();
    let t1 = stale_text.find("</target>").unwrap() + "</target>".len();
    edited.replace_range(stale.start + t0..stale.start + t1, target);
    let missing = {
        let start = edited.find(&format!("<trans-unit id=\"{MISSING}\"")).unwrap();
        let t = start + edited[start..].find("<target state=\"new\"></target>").unwrap();
        t..t + "<target state=\"new\"></target>".len()
    };
    edited.replace_range(missing, &format!("<target state=\"final\">{MISSING_HU}</target>"));
    assert_exactly_two_cleared(site.path(), "xliff", &edited);
}

#[test]
fn xliff_20_round_trip_clears_exactly_the_edited_units() {
    let site = common::site_copy();
    let xliff = export(site.path(), "xliff20");
    let start = xliff.find(&format!("<unit id=\"{STALE}\"")).unwrap();
    let unit = &xliff[start..start + xliff[start..].find("</unit>").unwrap()];
    assert!(
        unit.contains("<ctr:item property=\"content\">Step 1 Select windows 10 and enter dummy information</ctr:item>"),
        "{unit}"
    );
    assert!(unit.contains("<segment state=\"initial\" subState=\"tolk:stale\">"), "{unit}");
    assert!(unit.contains("<pc id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d2\">Support for Business</pc>"), "{unit}");
    let target = "<target>1. lépés: Nyissa meg a <pc id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d2\">Support for Business</pc> oldalt, válassza a Windows 10-et, és adja meg a próbaadatokat</target>";
    let new_unit = unit.replace("state=\"initial\" subState=\"tolk:stale\"", "state=\"translated\"");
    let t0 = new_unit.find("<target>").unwrap();
    let t1 = new_unit.find("</target>").unwrap() + "</target>".len();
    let new_unit = format!("{}{target}{}", &new_unit[..t0], &new_unit[t1..]);
    let edited = xliff.replacen(unit, &new_unit, 1);
    let start = edited.find(&format!("<unit id=\"{MISSING}\"")).unwrap();
    let end = start + edited[start..].find("</unit>").unwrap();
    let missing = edited[start..end]
        .replace("<segment state=\"initial\">", "<segment state=\"reviewed\">")
        .replace("<target></target>", &format!("<target>{MISSING_HU}</target>"));
    let edited = format!("{}{missing}{}", &edited[..start], &edited[end..]);
    assert_exactly_two_cleared(site.path(), "xliff", &edited);
}

#[test]
fn a_unit_exported_before_an_english_edit_stays_stale() {
    let site = common::site_copy();
    let po = export(site.path(), "po");
    let edited = edit_po(&po, MISSING, |b| translate_po(b, MISSING_HU));
    let en = site.path().join("locales/en/technical-support-benefits.ftl");
    let text = std::fs::read_to_string(&en).unwrap();
    std::fs::write(&en, text.replace("| Admin agent\n", "| Admin agent | Billing admin\n")).unwrap();
    let out = import(site.path(), "po", &edited);
    let (_, err) = common::text(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("the English moved on since export"), "{err}");
    let after = findings(site.path());
    assert!(after.contains(&("stale-translation".into(), MISSING.into())), "{after:?}");
    let snapshot =
        std::fs::read_to_string(site.path().join("locales/hu/snapshots/technical-support-benefits.ftl")).unwrap();
    assert!(snapshot
        .contains(&format!("{MISSING} = **Appropriate roles**: Global admin | MPN partner admin | Admin agent\n")));
}

#[test]
fn an_invalid_unit_refuses_the_whole_import_and_writes_nothing() {
    let site = common::site_copy();
    let po = export(site.path(), "po");
    let edited = edit_po(&po, STALE, |b| translate_po(b, STALE_HU));
    let edited = edit_po(&edited, MISSING, |b| translate_po(b, &format!("{MISSING_HU} {{ $count }}")));
    let before = common::tree(&site.path().join("locales"));
    let out = import(site.path(), "po", &edited);
    let (_, err) = common::text(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("edited.po:") && err.contains("[placeable-mismatch]"), "{err}");
    assert_eq!(common::tree(&site.path().join("locales")), before, "nothing written");
    let broken = edit_po(&po, MISSING, |b| translate_po(b, "Nyitott { $"));
    let out = import(site.path(), "po", &broken);
    assert_eq!(out.status.code(), Some(2));
    assert!(common::text(&out).1.contains("not valid Fluent"), "{}", common::text(&out).1);
    let dry = import(site.path(), "po", &edit_po(&po, MISSING, |b| translate_po(b, MISSING_HU)));
    assert!(dry.status.success());
    let out =
        common::tolk(site.path(), &["import", "po", "--dry-run", site.path().join("edited.po").to_str().unwrap()]);
    assert!(common::text(&out).1.contains("unchanged"), "already imported: nothing to do");
}

#[test]
fn plural_variants_are_units_of_their_own() {
    let site = common::site_copy();
    without_hu_ui(site.path());
    let po = export(site.path(), "po");
    assert!(po.contains("msgctxt \"ui.ftl#ui-fallback-notice:one\"\nmsgid \"One string on this page is not translated yet and is shown in English.\""), "{po}");
    assert!(po.contains("msgctxt \"ui.ftl#ui-fallback-notice:other\"\nmsgid \"{ $count } strings on this page are not translated yet and are shown in English.\""));
    let edited = edit_po(&po, "ui-fallback-notice:one", |b| translate_po(b, "Egy szöveg még nincs lefordítva."));
    let edited =
        edit_po(&edited, "ui-fallback-notice:other", |b| translate_po(b, "{ $count } szöveg még nincs lefordítva."));
    let out = import(site.path(), "po", &edited);
    assert!(out.status.success(), "{}", common::text(&out).1);
    let ui = std::fs::read_to_string(site.path().join("locales/hu/ui.ftl")).unwrap();
    assert!(ui.contains("[one] Egy szöveg még nincs lefordítva.") && ui.contains("*[other] { $count } szöveg"), "{ui}");
    let after = findings(site.path());
    assert!(!after.iter().any(|(rule, id)| id == "ui-fallback-notice" && rule != "unused-message"), "{after:?}");
}

#[test]
fn accept_clears_a_whole_grade() {
    let site = common::site_copy();
    let stale = |site: &Path| -> Vec<String> {
        let out = common::tolk(site, &["check", "--locale", "hu", "--format", "json"]);
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "stale-translation")
            .map(|f| f["grade"].as_str().unwrap().to_string())
            .collect()
    };
    let before = stale(site.path());
    assert_eq!(before.iter().filter(|g| *g == "cosmetic").count(), 2, "{before:?}");
    let out = common::tolk(site.path(), &["accept", "hu", "--grade", "cosmetic"]);
    assert!(out.status.success(), "{}", common::text(&out).1);
    let after = stale(site.path());
    assert_eq!(after.len(), before.len() - 2);
    assert!(!after.contains(&"cosmetic".to_string()) && after.contains(&"content".to_string()));
    let bad = common::tolk(site.path(), &["accept", "hu", "--grade", "huge"]);
    assert_eq!(bad.status.code(), Some(2));
    let bad = common::tolk(site.path(), &["accept", "hu", "--rule", "untranslated"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(common::text(&bad).1.contains("does not clear"));
}

#[test]
fn exports_are_deterministic() {
    let site = common::site_copy();
    for format in ["po", "xliff12", "xliff20"] {
        assert_eq!(export(site.path(), format), export(site.path(), format), "{format}");
    }
}

/// Runs `program args` on a file; `None` when the program is not installed (a failure
/// under CI).
fn run_tool(program: &str, args: &[&str], envs: &[(&str, &str)]) -> Option<std::process::Output> {
    let mut command = std::process::Command::new(program);
    command.args(args);
    for (k, v) in envs {
        command.env(k, v);
    }
    match command.output() {
        Ok(out) => Some(out),
        Err(_) if std::env::var("CI").is_err() => {
            eprintln!("skipped: `{program}` is not installed");
            None
        }
        Err(e) => panic!("{program}: {e} (CI installs it)"),
    }
}

#[test]
fn gettext_and_translate_toolkit_read_the_po() {
    let site = common::site_copy();
    without_hu_ui(site.path());
    export(site.path(), "po");
    let po = site.path().join("hu.po");
    let po = po.to_str().unwrap();
    if let Some(out) = run_tool("msgfmt", &["--check", "-o", "/dev/null", po], &[]) {
        assert!(out.status.success(), "{}", common::text(&out).1);
    }
    if let Some(out) = run_tool("pocount", &["--csv", po], &[]) {
        let (csv, err) = common::text(&out);
        assert!(out.status.success(), "{err}");
        // 0 translated, 15 fuzzy (5 stale, 10 flagged), 118 untranslated, as `tolk export` said.
        let row: Vec<&str> = csv.lines().nth(1).expect("a row").split(',').map(str::trim).collect();
        assert_eq!((row[1], row[4], row[6], row[8]), ("0", "15", "118", "133"), "{csv}");
    }
    let xliff = site.path().join("from-po.xlf");
    if let Some(out) = run_tool("po2xliff", &[po, xliff.to_str().unwrap()], &[]) {
        assert!(out.status.success(), "{}", common::text(&out).1);
        let converted = std::fs::read_to_string(&xliff).unwrap();
        assert_eq!(converted.matches("<trans-unit").count(), 134, "the header and 133 units");
        assert!(converted.contains("<source>Step 1 Open [Support for Business]("));
    }
}

#[test]
fn xliff_is_well_formed_and_schema_valid() {
    let site = common::site_copy();
    for (format, schema) in [("xliff12", "xliff-core-1.2-strict.xsd"), ("xliff20", "xliff-core-2.0.xsd")] {
        export(site.path(), format);
        let file = site.path().join(format!("hu.{format}"));
        let file = file.to_str().unwrap();
        if let Some(out) = run_tool("xmllint", &["--noout", "--nonet", file], &[]) {
            assert!(out.status.success(), "{format}: {}", common::text(&out).1);
        }
        // The OASIS schemas (Debian's php-symfony-translation ships them) with an XML catalog
        // for xml.xsd: tests/xliff-schemas.sh puts both in target/xliff-schemas.
        let dir = common::repo().join("target/xliff-schemas");
        if !dir.join(schema).is_file() {
            assert!(std::env::var("CI").is_err(), "CI runs tests/xliff-schemas.sh first");
            eprintln!("skipped: no {} (run tests/xliff-schemas.sh)", dir.join(schema).display());
            continue;
        }
        let catalog = dir.join("catalog.xml");
        let schema = dir.join(schema);
        let out = run_tool(
            "xmllint",
            &["--noout", "--nonet", "--schema", schema.to_str().unwrap(), file],
            &[("XML_CATALOG_FILES", catalog.to_str().unwrap())],
        );
        if let Some(out) = out {
            assert!(out.status.success(), "{format}: {}", common::text(&out).1);
        }
    }
}

#[test]
fn status_shows_each_resource_in_each_locale() {
    let site = common::repo();
    let out = common::tolk(&site, &["status"]);
    let (table, err) = common::text(&out);
    assert!(out.status.success(), "{err}");
    let row = table.lines().find(|l| l.starts_with("technical-support-benefits.ftl")).expect("a row per resource");
    // nl complete; hu: 2 cosmetic, 1 wording, 2 content stale, 1 missing (as `tolk check` finds).
    let cells: Vec<&str> = row.split_whitespace().skip(1).collect();
    assert_eq!(cells, ["100.0%", "0/0/0", "0", "98.3%", "3/1/0", "1", "98.3%", "2/1/2", "1"], "{table}");
    let built = tempfile::tempdir().unwrap();
    let out = common::tolk(&site, &["build", "--out", built.path().to_str().unwrap()]);
    assert!(out.status.success());
    let page = std::fs::read_to_string(built.path().join("status/index.html")).unwrap();
    assert!(page.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
    assert!(page.contains("<td class=\"content\"><a href=\"#hu-technical-support-benefits\">98% translated, 5 stale, 1 missing</a></td>"), "{page}");
    assert!(page.contains("<del>Select</del><ins>Open [Support for Business](https://support.serviceshub.microsoft.com/supportforbusiness/create) and select</ins>"));
    let sitemap = std::fs::read_to_string(built.path().join("sitemap.xml")).unwrap_or_default();
    assert!(!sitemap.contains("/status/"));
    for entry in walkdir::WalkDir::new(built.path()).into_iter().map(|e| e.unwrap()) {
        if entry.path().extension().is_some_and(|e| e == "html") && !entry.path().ends_with("status/index.html") {
            assert!(
                !std::fs::read_to_string(entry.path()).unwrap().contains("status/"),
                "{} links the status page",
                entry.path().display()
            );
        }
    }
}

#[test]
fn bad_exchange_files_are_refused_with_their_place() {
    let site = common::site_copy();
    let before = common::tree(&site.path().join("locales"));
    let xliff12 = |body: &str| {
        format!("<?xml version=\"1.0\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n<file original=\"ui.ftl\" source-language=\"en\" target-language=\"hu\" datatype=\"plaintext\"><body>\n{body}\n</body></file></xliff>\n")
    };
    let cases: Vec<(&str, &str, String, &str)> = vec![
        ("unclosed element", "xliff", xliff12("<trans-unit id=\"ui-home\"><source>Home</source>"), "edited.xliff:"),
        (
            "unknown entity",
            "xliff",
            xliff12("<trans-unit id=\"ui-home\"><source>&bogus;</source><target>x</target></trans-unit>"),
            "unknown XML entity",
        ),
        (
            "an entity bomb",
            "xliff",
            format!(
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>{}",
                xliff12("<trans-unit id=\"ui-home\"><source>Home</source><target>&b;</target></trans-unit>")
                    .split_once("?>\n")
                    .unwrap()
                    .1
            ),
            "unknown XML entity `&b;`",
        ),
        (
            "deep nesting",
            "xliff",
            xliff12(&format!(
                "<trans-unit id=\"ui-home\"><source>Home</source><target>{}x{}</target></trans-unit>",
                "<mrk>".repeat(100),
                "</mrk>".repeat(100)
            )),
            "nested more than 64",
        ),
        ("XLIFF 1.1", "xliff", "<xliff version=\"1.1\"><file/></xliff>".to_string(), "tolk reads 1.2 and 2.0"),
        ("not a target locale", "xliff", xliff12("").replace("\"hu\"", "\"fr\""), "not a target locale"),
        ("a PO file that is not PO", "po", "msgid \"a\"\nmsgstr \"b\"\nbroken line\n".to_string(), "edited.po:"),
        (
            "a PO file without Language",
            "po",
            "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n".to_string(),
            "no `Language:`",
        ),
    ];
    for (what, kind, text, expected) in cases {
        let out = import(site.path(), kind, &text);
        let err = common::text(&out).1;
        assert_eq!(out.status.code(), Some(2), "{what}: {err}");
        assert!(err.contains(expected), "{what}: expected `{expected}` in {err}");
        assert!(!err.contains("panicked"), "{what}: {err}");
    }
    // Units tolk did not write, and ids that no longer exist, are reported and left out.
    let out = import(site.path(), "xliff", &xliff12("<trans-unit id=\"gone-message\"><source>x</source><target>y</target></trans-unit>\n<trans-unit id=\"not an id\"><source>x</source><target>y</target></trans-unit>"));
    let err = common::text(&out).1;
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("edited.xliff:4:1: `gone-message` no longer exists")
            && err.contains("`not an id` is not a unit id"),
        "{err}"
    );
    assert_eq!(common::tree(&site.path().join("locales")), before, "nothing written");
}
