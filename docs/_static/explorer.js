/* The claims explorer: search and filter every claim of the latest release, offline.
 * The data comes from explorer-data.js (window.NK_DATA), written when the site is built, so
 * the page works opened from disk. The query lives in the address (?q=2906&category=killed). */
(function () {
  "use strict";
  var data = window.NK_DATA;
  var form = document.getElementById("nk-explorer");
  var list = document.getElementById("nk-results");
  var count = document.getElementById("nk-count");
  var FIELDS = ["claimant", "subject", "event", "category", "population", "flag"];
  var LIMIT = 200;

  /* Thousands separators between digits go: "2 906", "2,906" and "2.906" read as "2906". */
  function digits(text) {
    return text.replace(/(\d)[\s,.\u00a0\u202f'\u2019](?=\d{3})/g, "$1");
  }
  function normal(text) {
    return digits(String(text).normalize("NFC").toLocaleLowerCase());
  }
  data.claims.forEach(function (c) {
    c.text = normal([c.id, c.wording, c.gloss, c.claimant, c.claimant_name, c.subject,
      c.subject_name, c.statement, c.note, c.sources, c.event].join("\n"));
  });

  function options(field) {
    var seen = {};
    data.claims.forEach(function (c) {
      (field === "flag" ? c.flags : [c[field]]).forEach(function (v) { if (v) seen[v] = 1; });
    });
    var select = form.elements[field];
    Object.keys(seen).sort().forEach(function (v) {
      var o = document.createElement("option");
      o.value = v; o.textContent = v;
      select.appendChild(o);
    });
  }

  function wanted() {
    var w = { q: form.elements.q.value };
    FIELDS.forEach(function (f) { w[f] = form.elements[f].value; });
    return w;
  }

  function matches(c, w) {
    var q = normal(w.q.trim());
    if (q && c.text.indexOf(q) < 0) return false;
    return FIELDS.every(function (f) {
      if (!w[f]) return true;
      return f === "flag" ? c.flags.indexOf(w[f]) >= 0 : c[f] === w[f];
    });
  }

  function item(c) {
    var li = document.createElement("li");
    li.className = "nk-result";
    li.setAttribute("data-claim", c.id);
    var a = document.createElement("a");
    a.href = "_generated/data/" + c.page;
    a.textContent = c.id;
    var figure = document.createElement("span");
    figure.className = "nk-result-figure";
    figure.textContent = " \u201c" + c.wording + "\u201d " + c.range;
    var facts = document.createElement("div");
    facts.className = "nk-facts";
    facts.textContent = [c.date || "undated", c.claimant_name, c.category + ", " +
      c.population, "of " + c.subject_name].concat(c.flags.map(function (f) {
        return "\u2691 " + f;
      })).join(" \u00b7 ");
    li.appendChild(a); li.appendChild(figure); li.appendChild(facts);
    if (c.gloss) {
      var gloss = document.createElement("div");
      gloss.className = "nk-gloss";
      gloss.textContent = "gloss: " + c.gloss;
      li.appendChild(gloss);
    }
    return li;
  }

  function render(updateAddress) {
    var w = wanted();
    var found = data.claims.filter(function (c) { return matches(c, w); });
    list.textContent = "";
    found.slice(0, LIMIT).forEach(function (c) { list.appendChild(item(c)); });
    count.textContent = found.length + " of " + data.claims.length + " claims of release " +
      data.release + (found.length > LIMIT ? " (the first " + LIMIT + " shown)" : "");
    if (updateAddress) {
      var params = new URLSearchParams();
      Object.keys(w).forEach(function (k) { if (w[k]) params.set(k, w[k]); });
      try {
        history.replaceState(null, "", "?" + params.toString());
      } catch (e) { /* some browsers refuse a new address for a page opened from disk */ }
    }
  }

  FIELDS.forEach(options);
  var params = new URLSearchParams(location.search);
  form.elements.q.value = params.get("q") || "";
  FIELDS.forEach(function (f) { if (params.get(f)) form.elements[f].value = params.get(f); });
  form.addEventListener("input", function () { render(true); });
  form.addEventListener("submit", function (e) { e.preventDefault(); render(true); });
  render(false);
})();
