//! Translation status: resources (each article's, and shared ones) × target locales, with
//! the share translated, stale translations by grade and missing messages. `tolk status`
//! prints it as a table; with `[site] status-page = true` the build writes it as
//! `OUT/status/index.html`: a heatmap whose cells link to that pair's messages and word
//! diffs (`noindex`, in no sitemap, linked from no page).

use crate::check::{Context, Finding};

/// The status of every (resource, locale) pair.
#[derive(Debug, Clone)]
pub struct Status {
    /// The target locales, in configured order.
    pub locales: Vec<String>,
    /// One row per source resource, in name order.
    pub rows: Vec<Row>,
}

/// One source resource.
#[derive(Debug, Clone)]
pub struct Row {
    /// The resource name (`technical-support-benefits.ftl`).
    pub resource: String,
    /// One cell per locale of [`Status::locales`].
    pub cells: Vec<Cell>,
}

/// One (resource, locale) pair.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    /// Messages and terms of the source resource.
    pub messages: usize,
    /// Of those, how many the locale translates.
    pub translated: usize,
    /// Stale translations by grade: cosmetic, wording, content.
    pub stale: [usize; 3],
    /// Messages the locale does not translate.
    pub missing: usize,
    /// The messages needing work, in file order.
    pub items: Vec<Item>,
}

/// A message needing work.
#[derive(Debug, Clone)]
pub struct Item {
    /// The message id.
    pub id: String,
    /// `missing`, or the stale grade (`cosmetic`, `wording`, `content`).
    pub what: &'static str,
    /// For a stale one: the word diff of the English then → now (`[-old-]{+new+}`).
    pub diff: Option<String>,
}

const GRADES: [&str; 3] = ["cosmetic", "wording", "content"];

impl Cell {
    /// The share translated, in percent (100 for an empty resource).
    pub fn percent(&self) -> f64 {
        if self.messages == 0 {
            100.0
        } else {
            self.translated as f64 * 100.0 / self.messages as f64
        }
    }

    /// The worst state: `content`, `wording`, `cosmetic` (stale grades), `incomplete`
    /// (missing messages, none stale) or `complete`.
    pub fn worst(&self) -> &'static str {
        match self.stale {
            [_, _, c] if c > 0 => "content",
            [_, w, _] if w > 0 => "wording",
            [c, _, _] if c > 0 => "cosmetic",
            _ if self.missing > 0 => "incomplete",
            _ => "complete",
        }
    }
}

/// The status of `ctx`'s target locales, from its resources and the check's `findings`.
pub fn status(ctx: &Context, findings: &[Finding]) -> Status {
    let mut rows = Vec::new();
    for source in ctx.source_resources() {
        let name = &source.file.name;
        let cells = ctx
            .targets
            .iter()
            .map(|locale| {
                let target = ctx.resource(locale, name);
                let mut cell = Cell { messages: source.entries.messages.len(), ..Cell::default() };
                for m in &source.entries.messages {
                    if target.is_some_and(|t| t.entries.get(&m.id).is_some()) {
                        cell.translated += 1;
                    } else {
                        cell.missing += 1;
                        cell.items.push(Item { id: m.id.clone(), what: "missing", diff: None });
                    }
                }
                let suffix = format!("/{name}");
                for f in findings.iter().filter(|f| f.rule == "stale-translation" && &f.locale == locale) {
                    let path = f.source.path.to_string_lossy().replace('\\', "/");
                    let (Some(grade), Some(id)) = (f.grade(), &f.message_id) else { continue };
                    if !path.ends_with(&suffix) || path.contains("/snapshots/") {
                        continue;
                    }
                    if let Some(i) = GRADES.iter().position(|g| *g == grade) {
                        cell.stale[i] += 1;
                        cell.items.push(Item { id: id.clone(), what: GRADES[i], diff: f.diff().map(str::to_string) });
                    }
                }
                let order = |id: &str| source.entries.messages.iter().position(|m| m.id == id);
                cell.items.sort_by_key(|item| order(&item.id));
                cell
            })
            .collect();
        rows.push(Row { resource: name.clone(), cells });
    }
    Status { locales: ctx.targets.clone(), rows }
}

/// The terminal table: a row per resource, per locale `translated% cosmetic/wording/content
/// missing`, and a total row.
pub fn render_text(status: &Status) -> String {
    let width = status.rows.iter().map(|r| r.resource.len()).max().unwrap_or(8).max(8);
    let mut out = format!("{:<width$}", "resource");
    for locale in &status.locales {
        out.push_str(&format!("  {:>22}", locale));
    }
    out.push('\n');
    let cell_text =
        |c: &Cell| format!("{:>5.1}% {:>2}/{}/{} {:>4}", c.percent(), c.stale[0], c.stale[1], c.stale[2], c.missing);
    let mut totals = vec![Cell::default(); status.locales.len()];
    for row in &status.rows {
        out.push_str(&format!("{:<width$}", row.resource));
        for (cell, total) in row.cells.iter().zip(&mut totals) {
            out.push_str(&format!("  {:>22}", cell_text(cell)));
            total.messages += cell.messages;
            total.translated += cell.translated;
            total.missing += cell.missing;
            for i in 0..3 {
                total.stale[i] += cell.stale[i];
            }
        }
        out.push('\n');
    }
    out.push_str(&format!("{:<width$}", "all"));
    for total in &totals {
        out.push_str(&format!("  {:>22}", cell_text(total)));
    }
    out.push_str("\n\neach cell: translated %, stale cosmetic/wording/content, missing\n");
    out
}

/// The status page: one self-contained HTML document (no script), a table whose cells link
/// to a section per pair listing its messages with word diffs.
pub fn render_html(status: &Status, title: &str, source_locale: &str) -> String {
    let e = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex, nofollow\">\n<title>Translation status · {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>Translation status</h1>\n<p>{}: each target locale against the {} source. A cell shows the share translated and the stale translations by grade; its colour is the worst grade. Select a cell for its messages.</p>\n",
        e(title),
        e(title),
        e(source_locale)
    );
    out.push_str("<div class=\"scroll\"><table>\n<caption>Resources × locales</caption>\n<thead><tr><th scope=\"col\">Resource</th>");
    for locale in &status.locales {
        out.push_str(&format!("<th scope=\"col\">{}</th>", e(locale)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let anchor =
        |locale: &str, resource: &str| format!("{}-{}", locale, resource.trim_end_matches(".ftl").replace('/', "-"));
    for row in &status.rows {
        out.push_str(&format!("<tr><th scope=\"row\">{}</th>", e(&row.resource)));
        for (cell, locale) in row.cells.iter().zip(&status.locales) {
            let stale: usize = cell.stale.iter().sum();
            let text = format!(
                "{:.0}% translated{}{}",
                cell.percent(),
                if stale > 0 { format!(", {stale} stale") } else { String::new() },
                if cell.missing > 0 { format!(", {} missing", cell.missing) } else { String::new() }
            );
            out.push_str(&format!(
                "<td class=\"{}\"><a href=\"#{}\">{}</a></td>",
                cell.worst(),
                e(&anchor(locale, &row.resource)),
                e(&text)
            ));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table></div>\n<p class=\"legend\"><span class=\"content\">content change</span> <span class=\"wording\">wording change</span> <span class=\"cosmetic\">cosmetic change</span> <span class=\"incomplete\">missing messages</span> <span class=\"complete\">complete</span></p>\n");
    for row in &status.rows {
        for (cell, locale) in row.cells.iter().zip(&status.locales) {
            out.push_str(&format!(
                "<section id=\"{}\">\n<h2>{} · {}</h2>\n",
                e(&anchor(locale, &row.resource)),
                e(&row.resource),
                e(locale)
            ));
            if cell.items.is_empty() {
                out.push_str("<p>Every message is translated and current.</p>\n");
            } else {
                out.push_str("<ul>\n");
                for item in &cell.items {
                    out.push_str(&format!(
                        "<li><code>{}</code> <span class=\"tag {}\">{}</span>",
                        e(&item.id),
                        item.what,
                        item.what
                    ));
                    if let Some(diff) = &item.diff {
                        out.push_str(&format!("<p class=\"diff\">{}</p>", diff_html(diff)));
                    }
                    out.push_str("</li>\n");
                }
                out.push_str("</ul>\n");
            }
            out.push_str("<p><a href=\"#top\">Back to the table</a></p>\n</section>\n");
        }
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out.replacen("<main>", "<main id=\"top\">", 1)
}

/// A word diff in `[-removed-]{+added+}` notation as `<del>`/`<ins>`.
fn diff_html(diff: &str) -> String {
    let e = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let mut out = String::new();
    let mut rest = diff;
    while !rest.is_empty() {
        let next = [rest.find("[-"), rest.find("{+")].into_iter().flatten().min();
        let Some(at) = next else {
            out.push_str(&e(rest));
            break;
        };
        out.push_str(&e(&rest[..at]));
        let (close, tag) = if rest[at..].starts_with("[-") { ("-]", "del") } else { ("+}", "ins") };
        match rest[at + 2..].find(close) {
            Some(end) => {
                out.push_str(&format!("<{tag}>{}</{tag}>", e(&rest[at + 2..at + 2 + end])));
                rest = &rest[at + 2 + end + 2..];
            }
            None => {
                out.push_str(&e(&rest[at..]));
                break;
            }
        }
    }
    out
}

const STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}main{max-width:72rem;margin:0 auto;padding:1rem}.scroll{overflow-x:auto}table{border-collapse:collapse}caption{text-align:left;font-weight:600;padding:.25rem 0}th,td{border:1px solid #bbb;padding:.4rem .6rem;text-align:left}td a{color:#1a1a1a;display:block}td a:focus{outline:3px solid #0b57d0;outline-offset:1px}.content{background:#fbd5d3}.wording{background:#fde7c2}.cosmetic{background:#dce9fb}.incomplete{background:#ececec}.complete{background:#d5efd1}.legend span{padding:.1rem .4rem;margin-right:.3rem}.tag{padding:0 .3rem;border-radius:.2rem;font-size:.875rem}.missing{background:#ececec}del{background:#fbd5d3;color:#1a1a1a}ins{background:#d5efd1;color:#1a1a1a;text-decoration:none}.diff{margin:.2rem 0 .6rem}code{font-size:.875rem;word-break:break-all}section{border-top:1px solid #ddd;margin-top:1rem}@media (prefers-color-scheme:dark){body{background:#151515;color:#eee}td a,del,ins{color:#111}section{border-color:#444}a{color:#9cc3ff}.tag,.legend span{color:#111}}";

#[cfg(test)]
mod tests {
    use super::diff_html;

    #[test]
    fn diffs_become_del_and_ins() {
        assert_eq!(
            diff_html("Step 1 [-Select-]{+Open <x>+} now"),
            "Step 1 <del>Select</del><ins>Open &lt;x&gt;</ins> now"
        );
        assert_eq!(diff_html("broken [-tail"), "broken [-tail");
    }
}
