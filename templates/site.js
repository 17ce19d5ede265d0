// tolk's default theme script (one file, deferred; the page works without it):
// - search: loads the locale's index (built by `tolk build`) on first use, matches every query
//   word as a prefix of an indexed word or stem, lists sections with their snippet, the query
//   words marked; arrow keys choose a result, Enter opens it, Escape closes the list;
// - the dark-mode toggle (remembered in localStorage; the system setting otherwise);
// - a copy button and the language over each code block; a link on each heading;
// - the page list ("on this page") marks the section being read, and folds on narrow screens.
(function () {
  "use strict";
  var body = document.body;
  var root = document.documentElement;

  // ---- Dark mode -------------------------------------------------------------------------
  var toggle = document.querySelector(".theme-toggle");
  var systemDark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function isDark() {
    var chosen = root.getAttribute("data-theme");
    return chosen ? chosen === "dark" : !!(systemDark && systemDark.matches);
  }
  function showTheme() {
    if (toggle) toggle.setAttribute("aria-pressed", isDark() ? "true" : "false");
  }
  if (toggle) {
    toggle.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem("tolk-theme", next); } catch (e) { /* private mode */ }
      showTheme();
    });
    if (systemDark && systemDark.addEventListener) systemDark.addEventListener("change", showTheme);
    showTheme();
  }

  // ---- Code blocks and heading links ------------------------------------------------------
  var article = document.querySelector("article");
  if (article) {
    article.querySelectorAll("pre > code").forEach(function (code) {
      var pre = code.parentNode;
      // A block that scrolls must be reachable by keyboard (WCAG 2.1.1).
      pre.tabIndex = 0;
      var tools = document.createElement("div");
      tools.className = "code-tools";
      var language = (code.className.match(/(?:^|\s)language-(\S+)/) || [])[1];
      var label = document.createElement("span");
      label.className = "code-language";
      label.textContent = language || "";
      tools.appendChild(label);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-code";
      button.textContent = body.getAttribute("data-copy") || "Copy";
      button.addEventListener("click", function () {
        var done = function () {
          button.textContent = body.getAttribute("data-copied") || "Copied";
          setTimeout(function () { button.textContent = body.getAttribute("data-copy") || "Copy"; }, 2000);
        };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(code.textContent).then(done, function () {});
        }
      });
      tools.appendChild(button);
      pre.parentNode.insertBefore(tools, pre);
    });
    var sectionLink = body.getAttribute("data-section-link") || "Link to this section";
    article.querySelectorAll("h2[id], h3[id], h4[id]").forEach(function (h) {
      var a = document.createElement("a");
      a.className = "heading-anchor";
      a.href = "#" + h.id;
      a.setAttribute("aria-label", sectionLink + ": " + h.textContent.trim());
      h.appendChild(a);
    });
  }

  // ---- On this page ------------------------------------------------------------------------
  var toc = document.querySelector(".toc");
  if (toc) {
    var details = toc.querySelector("details");
    var wide = window.matchMedia("(min-width: 64rem)");
    var fold = function () { if (details) details.open = wide.matches; };
    fold();
    if (wide.addEventListener) wide.addEventListener("change", fold);
    var links = Array.prototype.slice.call(toc.querySelectorAll("a[href^='#']"));
    var targets = links.map(function (a) { return document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1))); });
    var mark = function () {
      var current = -1;
      for (var i = 0; i < targets.length; i++) {
        if (targets[i] && targets[i].getBoundingClientRect().top < 120) current = i;
      }
      if (current < 0 && targets.length) current = 0;
      // At the end of the page the last sections cannot reach the top: the last one is read.
      var end = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
      if (end && window.scrollY > 0) current = targets.length - 1;
      links.forEach(function (a, i) {
        if (i === current) a.setAttribute("aria-current", "true"); else a.removeAttribute("aria-current");
      });
    };
    var queued = false;
    window.addEventListener("scroll", function () {
      if (queued) return;
      queued = true;
      window.requestAnimationFrame(function () { queued = false; mark(); });
    }, { passive: true });
    links.forEach(function (a) {
      a.addEventListener("click", function () { if (!wide.matches && details) details.open = false; });
    });
    mark();
  }

  // ---- Search --------------------------------------------------------------------------------
  var form = document.querySelector("form.search");
  if (!form) return;
  var input = form.querySelector("input");
  var list = form.querySelector(".search-results");
  var base = new URL(form.getAttribute("data-index"), document.baseURI);
  var index = null;
  var loading = null;
  var active = -1;
  // One fetch, however many keys are typed before it answers.
  function load() {
    if (!loading) {
      loading = fetch(base).then(function (r) { return r.json(); }).then(function (j) { index = j; return j; });
    }
    return loading;
  }
  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 1; });
  }
  function search(query) {
    var hits = null;
    var wanted = words(query);
    wanted.forEach(function (word) {
      var docs = new Set();
      Object.keys(index.terms).forEach(function (term) {
        if (term.startsWith(word) || (term.length >= 4 && word.startsWith(term))) {
          index.terms[term].forEach(function (d) { docs.add(d); });
        }
      });
      hits = hits === null ? docs : new Set(Array.from(hits).filter(function (d) { return docs.has(d); }));
    });
    if (hits === null) return [];
    // Sections whose heading or page title holds a query word first, then page order.
    var score = function (d) {
      var doc = index.docs[d];
      var named = words(doc.section + " " + doc.title);
      return wanted.filter(function (w) { return named.some(function (n) { return n.startsWith(w); }); }).length;
    };
    return Array.from(hits)
      .map(function (d) { return { d: d, s: score(d) }; })
      .sort(function (a, b) { return b.s - a.s || a.d - b.d; })
      .slice(0, 12)
      .map(function (x) { return x.d; });
  }
  // text with every occurrence of a query word's start wrapped in <mark>, as DOM nodes.
  function marked(text, query) {
    var span = document.createElement("span");
    var wanted = words(query);
    var pattern = wanted.length
      ? new RegExp("(" + wanted.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|") + ")", "giu")
      : null;
    var parts = pattern ? text.split(pattern) : [text];
    parts.forEach(function (part, i) {
      if (i % 2 === 1) {
        var m = document.createElement("mark");
        m.textContent = part;
        span.appendChild(m);
      } else if (part) {
        span.appendChild(document.createTextNode(part));
      }
    });
    return span;
  }
  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }
  function choose(i) {
    var items = list.querySelectorAll("li[role='option']");
    if (!items.length) return;
    active = (i + items.length) % items.length;
    items.forEach(function (li, j) { li.setAttribute("aria-selected", j === active ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
  }
  function show(docs) {
    list.textContent = "";
    active = -1;
    input.removeAttribute("aria-activedescendant");
    var query = input.value.trim();
    if (!query) { close(); return; }
    if (!docs.length) {
      var none = document.createElement("li");
      none.textContent = form.getAttribute("data-no-results");
      list.appendChild(none);
    }
    docs.forEach(function (d, i) {
      var doc = index.docs[d];
      var li = document.createElement("li");
      li.id = "search-result-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var a = document.createElement("a");
      a.href = new URL(doc.url, base).href;
      a.tabIndex = -1;
      var title = marked(doc.title, query);
      title.className = "result-title";
      a.appendChild(title);
      if (doc.section) {
        var section = marked(doc.section, query);
        section.className = "result-section";
        a.appendChild(section);
      }
      if (doc.snippet) {
        var snippet = marked(doc.snippet, query);
        snippet.className = "result-snippet";
        a.appendChild(snippet);
      }
      li.appendChild(a);
      li.addEventListener("mousedown", function (e) { e.preventDefault(); });
      li.addEventListener("click", function () { window.location.href = a.href; });
      list.appendChild(li);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }
  input.addEventListener("input", function () {
    load().then(function () { show(search(input.value)); });
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (list.hidden) {
        if (!index || !input.value.trim()) return;
        show(search(input.value));
      }
      choose(active + (e.key === "ArrowDown" ? 1 : -1));
      e.preventDefault();
    } else if (e.key === "Enter") {
      var items = list.querySelectorAll("li[role='option'] a");
      var target = items[active >= 0 ? active : 0];
      if (target && !list.hidden) { window.location.href = target.href; e.preventDefault(); }
    } else if (e.key === "Escape") {
      close();
    }
  });
  input.addEventListener("focus", function () {
    if (input.value.trim() && list.childNodes.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
  });
  form.addEventListener("focusout", function (e) {
    if (!form.contains(e.relatedTarget)) close();
  });
  document.addEventListener("keydown", function (e) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test((document.activeElement || {}).tagName || "");
    if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) { input.focus(); e.preventDefault(); }
  });
})();
