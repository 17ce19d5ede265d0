// tolk serve: live reload, build errors in an overlay, and drift shown on the page.
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
  // Drift: which strings are shown in English, which were translated from older English.
  var page = location.pathname.replace(/^\/|\/(index\.html)?$/g, "");
  if (page.split("/").length !== 2) return;
  fetch("/__tolk/drift?page=" + encodeURIComponent(page)).then(function (r) { return r.ok ? r.json() : null; }).then(function (drift) {
    if (!drift) return;
    var tooltip = el("div", { id: "tolk-tooltip", role: "tooltip", hidden: "" });
    document.body.appendChild(tooltip);
    var listed = [];
    document.querySelectorAll("span.tolk-msg[data-message]").forEach(function (span) {
      var id = span.getAttribute("data-message");
      var info = drift.messages[id];
      if (!info) return;
      var stale = info.notes.filter(function (n) { return n.rule === "stale-translation"; });
      if (!info.fallback && !stale.length) return;
      span.classList.add(stale.length ? "tolk-drift-stale" : "tolk-drift-fallback");
      span.addEventListener("mouseenter", function () {
        tooltip.textContent = "";
        tooltip.appendChild(el("strong", {}, id));
        tooltip.appendChild(document.createTextNode(info.fallback ? "\nNot translated: shown in English." : ""));
        if (info.source) tooltip.appendChild(document.createTextNode("\nEnglish now: " + info.source));
        stale.forEach(function (n) {
          tooltip.appendChild(document.createTextNode("\nStale (" + (n.grade || "") + "): translated from older English.\nDiff: "));
          tooltip.appendChild(diff(n.diff || ""));
        });
        var r = span.getBoundingClientRect();
        tooltip.style.left = (window.scrollX + r.left) + "px";
        tooltip.style.top = (window.scrollY + r.bottom + 6) + "px";
        tooltip.hidden = false;
      });
      span.addEventListener("mouseleave", function () { tooltip.hidden = true; });
    });
    Object.keys(drift.messages).forEach(function (id) {
      drift.messages[id].notes.forEach(function (n) { listed.push(n.severity + " " + n.rule + " · " + id + ": " + n.message); });
    });
    drift.general.forEach(function (n) { listed.push(n.severity + " " + n.rule + ": " + n.message + " (" + n.location + ")"); });
    var panel = el("aside", { id: "tolk-panel", "aria-label": "Drift on this page" });
    var head = el("header");
    head.appendChild(el("strong", {}, listed.length + " finding" + (listed.length === 1 ? "" : "s") + " on this page"));
    var toggle = el("button", { type: "button", id: "tolk-toggle" }, "Hide drift");
    toggle.addEventListener("click", function () {
      var off = document.body.classList.toggle("tolk-drift-off");
      toggle.textContent = off ? "Show drift" : "Hide drift";
    });
    head.appendChild(toggle);
    panel.appendChild(head);
    var ul = el("ul");
    listed.forEach(function (t) { ul.appendChild(el("li", {}, t)); });
    panel.appendChild(ul);
    document.body.appendChild(panel);
  });
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
