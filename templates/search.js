// tolk's client-side search: loads the locale's index (built by `tolk build`) on first use and
// matches every query word as a prefix of an indexed word or stem.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  if (!form) return;
  var input = form.querySelector("input");
  var list = form.querySelector(".search-results");
  var base = new URL(form.getAttribute("data-index"), document.baseURI);
  var index = null;
  function load() {
    if (index) return Promise.resolve(index);
    return fetch(base).then(function (r) { return r.json(); }).then(function (j) { index = j; return j; });
  }
  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 1; });
  }
  function search(query) {
    var hits = null;
    words(query).forEach(function (word) {
      var docs = new Set();
      Object.keys(index.terms).forEach(function (term) {
        if (term.startsWith(word) || (term.length >= 4 && word.startsWith(term))) {
          index.terms[term].forEach(function (d) { docs.add(d); });
        }
      });
      hits = hits === null ? docs : new Set(Array.from(hits).filter(function (d) { return docs.has(d); }));
    });
    return hits === null ? [] : Array.from(hits).sort(function (a, b) { return a - b; });
  }
  function show(docs) {
    list.textContent = "";
    if (!input.value.trim()) return;
    if (!docs.length) {
      var none = document.createElement("li");
      none.textContent = form.getAttribute("data-no-results");
      list.appendChild(none);
      return;
    }
    docs.forEach(function (d) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = new URL(index.docs[d].url, base).href;
      a.textContent = index.docs[d].title;
      li.appendChild(a);
      list.appendChild(li);
    });
  }
  input.addEventListener("input", function () {
    load().then(function () { show(search(input.value)); });
  });
})();
