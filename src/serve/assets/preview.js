// tolk serve: live reload, build errors in an overlay, and drift shown on the page.
//
// Drift: every string of the page with a finding (any rule) or shown in the fallback language
// is highlighted by severity; each can be focused (Tab) or hovered to show a tooltip with its
// findings, its English text (links rendered) and, for stale translations, the word diff. The
// panel lists the page's findings, errors first; choosing one scrolls to its text. On wide
// screens the panel is a column beside the page (the page makes room for it); on narrow ones
// it is a folded section at the top of the page. It never covers the page.
(function () {
  "use strict";
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  // Live reload: the server sends an event after every rebuild (good or failed) with the
  // pages it changed (null: all); this page reloads when it is one of them.
  var key = decodeURIComponent(location.pathname).replace(/^\//, "").replace(/(^|\/)$/, "$1index.html");
  var events = new EventSource("/__tolk/events");
  events.onmessage = function (event) {
    var data = JSON.parse(event.data);
    if (!data.pages || data.pages.indexOf(key) >= 0) location.reload();
  };
  // Build errors: the last good page stays; the error is laid over it until fixed.
  fetch("/__tolk/status").then(function (r) { return r.json(); }).then(function (status) {
    if (status.error) {
      var overlay = el("div", { id: "tolk-error", role: "alert" }, "tolk: the last build failed; this is the last good page.\n\n" + status.error);
      document.body.appendChild(overlay);
    }
  });
  var SEVERITY = { error: 0, warning: 1, info: 2 };
  var page = location.pathname.replace(/^\/|\/(index\.html)?$/g, "");
  if (page.split("/").length !== 2) return;
  fetch("/__tolk/drift?page=" + encodeURIComponent(page)).then(function (r) { return r.ok ? r.json() : null; }).then(function (drift) {
    if (!drift) return;
    var tooltip = el("div", { id: "tolk-tooltip", role: "tooltip", hidden: "" });
    document.body.appendChild(tooltip);
    var spans = {};
    var hideTimer = null;
    function hide() { tooltip.hidden = true; }
    function show(span, id, info) {
      clearTimeout(hideTimer);
      tooltip.textContent = "";
      tooltip.appendChild(el("strong", {}, id));
      if (info.fallback) tooltip.appendChild(el("p", {}, "Not translated: shown in English."));
      info.notes.slice().sort(bySeverity).forEach(function (n) {
        var p = el("p", { "class": "tolk-tip-" + n.severity });
        p.appendChild(el("span", { "class": "tolk-badge tolk-badge-" + n.severity }, n.severity));
        p.appendChild(document.createTextNode(" " + n.rule + (n.grade ? " (" + n.grade + ")" : "") + ": "));
        p.appendChild(markdown(n.message));
        if (n.diff) {
          p.appendChild(document.createTextNode(" Diff: "));
          p.appendChild(diff(n.diff));
        }
        tooltip.appendChild(p);
      });
      if (info.source) {
        var source = el("p", {}, "English now: ");
        source.appendChild(markdown(info.source));
        tooltip.appendChild(source);
      }
      tooltip.hidden = false;
      var r = span.getBoundingClientRect();
      var width = tooltip.offsetWidth;
      var left = Math.max(4, Math.min(r.left, document.documentElement.clientWidth - width - 4));
      tooltip.style.left = (window.scrollX + left) + "px";
      tooltip.style.top = (window.scrollY + r.bottom + 6) + "px";
    }
    document.querySelectorAll("span.tolk-msg[data-message]").forEach(function (span) {
      var id = span.getAttribute("data-message");
      var info = drift.messages[id];
      if (!info || (!info.fallback && !info.notes.length)) return;
      var worst = info.notes.reduce(function (w, n) { return Math.min(w, SEVERITY[n.severity]); }, 3);
      span.classList.add("tolk-drift");
      if (info.fallback) span.classList.add("tolk-drift-fallback");
      if (worst < 3) span.classList.add(["tolk-drift-error", "tolk-drift-warning", "tolk-drift-info"][worst]);
      if (info.notes.some(function (n) { return n.rule === "stale-translation"; })) span.classList.add("tolk-drift-stale");
      span.setAttribute("tabindex", "0");
      span.setAttribute("aria-describedby", "tolk-tooltip");
      if (!spans[id]) spans[id] = span;
      var open = function () { show(span, id, info); };
      span.addEventListener("mouseenter", open);
      span.addEventListener("focus", open);
      span.addEventListener("mouseleave", function () { hideTimer = setTimeout(hide, 300); });
      span.addEventListener("blur", hide);
      span.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
    });
    tooltip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    tooltip.addEventListener("mouseleave", hide);
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });

    // The panel: every finding of the page, errors first, each leading to its text.
    var listed = [];
    Object.keys(drift.messages).forEach(function (id) {
      drift.messages[id].notes.forEach(function (n) { listed.push({ id: id, note: n }); });
    });
    drift.general.forEach(function (n) { listed.push({ id: null, note: n }); });
    listed.sort(function (a, b) { return bySeverity(a.note, b.note) || (a.id || "").localeCompare(b.id || ""); });
    var panel = el("details", { id: "tolk-panel", open: "" });
    var summary = el("summary");
    var counts = { error: 0, warning: 0, info: 0 };
    listed.forEach(function (x) { counts[x.note.severity] = (counts[x.note.severity] || 0) + 1; });
    summary.appendChild(el("strong", {}, listed.length + " finding" + (listed.length === 1 ? "" : "s") + " on this page"));
    summary.appendChild(el("span", { "class": "tolk-counts" }, " " + counts.error + " errors · " + counts.warning + " warnings · " + counts.info + " info"));
    panel.appendChild(summary);
    var toggle = el("button", { type: "button", id: "tolk-toggle" }, "Hide drift");
    toggle.addEventListener("click", function () {
      var off = document.body.classList.toggle("tolk-drift-off");
      toggle.textContent = off ? "Show drift" : "Hide drift";
    });
    panel.appendChild(toggle);
    var ul = el("ul");
    listed.forEach(function (x) {
      var li = el("li", { "class": "tolk-finding-" + x.note.severity });
      li.appendChild(el("span", { "class": "tolk-badge tolk-badge-" + x.note.severity }, x.note.severity));
      li.appendChild(document.createTextNode(" "));
      var target = x.id && spans[x.id];
      var text = x.note.rule + (x.note.grade ? " (" + x.note.grade + ")" : "") + ": " + x.note.message;
      if (target) {
        var go = el("a", { href: "#", "data-message": x.id }, text);
        go.addEventListener("click", function (e) {
          e.preventDefault();
          target.scrollIntoView({ block: "center" });
          target.focus({ preventScroll: true });
          target.classList.add("tolk-flash");
          setTimeout(function () { target.classList.remove("tolk-flash"); }, 1500);
        });
        li.appendChild(go);
      } else {
        li.appendChild(document.createTextNode(text + (x.note.location ? " (" + x.note.location + ")" : "")));
      }
      ul.appendChild(li);
    });
    panel.appendChild(ul);
    var narrow = window.matchMedia("(max-width: 74.99rem)");
    if (narrow.matches) panel.removeAttribute("open");
    document.body.insertBefore(panel, document.body.firstChild);
    document.body.classList.add("tolk-has-panel");
  });
  function bySeverity(a, b) { return (SEVERITY[a.severity] || 0) - (SEVERITY[b.severity] || 0); }
  // Inline Markdown links ([text](url)) as links and **strong** text as <strong>; the rest
  // as text.
  function markdown(text) {
    var frag = document.createDocumentFragment();
    var re = /\[([^\]]*)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*/g, last = 0, m;
    while ((m = re.exec(text))) {
      frag.appendChild(document.createTextNode(text.slice(last, m.index)));
      if (m[3] !== undefined) {
        frag.appendChild(el("strong", {}, m[3]));
      } else {
        var safe = /^(https?:|mailto:|\.\.?\/|#|[\w-]+\.md)/i.test(m[2]);
        frag.appendChild(safe ? el("a", { href: m[2], rel: "noopener" }, m[1] || m[2]) : document.createTextNode(m[0]));
      }
      last = re.lastIndex;
    }
    frag.appendChild(document.createTextNode(text.slice(last)));
    return frag;
  }
  // git's word-diff notation ([-removed-]{+added+}) as <del>/<ins>.
  function diff(text) {
    var frag = document.createDocumentFragment();
    var re = /\[-([\s\S]*?)-\]|\{\+([\s\S]*?)\+\}/g, last = 0, m;
    while ((m = re.exec(text))) {
      frag.appendChild(document.createTextNode(text.slice(last, m.index)));
      frag.appendChild(m[1] !== undefined ? el("del", {}, m[1]) : el("ins", {}, m[2]));
      last = re.lastIndex;
    }
    frag.appendChild(document.createTextNode(text.slice(last)));
    return frag;
  }
})();
