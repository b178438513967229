// The citation picker on the claim forms: search the city's documents
// through the JSON API, show a hit's page, and fill the document, page
// and quote from the passage selected in it. Without this script the
// fields are typed by hand.
(function () {
  "use strict";
  var box = document.querySelector("[data-picker]");
  if (!box || !window.fetch) { return; }
  var form = box.closest("form");
  var q = box.querySelector("[data-pick-q]");
  var go = box.querySelector("[data-pick-go]");
  var hits = box.querySelector("[data-pick-hits]");
  var view = box.querySelector("[data-pick-view]");
  var title = box.querySelector("[data-pick-title]");
  var pageText = box.querySelector("[data-pick-page]");
  var docField = form.querySelector("[data-pick-doc]");
  var pageField = form.querySelector("[data-pick-pagenum]");
  var quoteField = form.querySelector("[data-pick-quote]");
  var words = box.dataset;
  var citySelect = form.querySelector('select[name="city"]');
  var city = box.closest("[data-city]");
  box.hidden = false;

  function cityCode() {
    if (citySelect) { return citySelect.value; }
    return city ? city.dataset.city : "";
  }

  function message(text) {
    hits.textContent = "";
    var li = document.createElement("li");
    li.className = "muted";
    li.textContent = text;
    hits.appendChild(li);
  }

  // A query longer than an address should carry (data-long-query
  // characters), a passage pasted to find its source, is posted as JSON
  // with the session's CSRF token: percent-encoded, 2,000 characters are
  // some 18 KB, which nginx refuses (414) and logs keep. A shorter one
  // stays a plain GET.
  function request(words0) {
    var limit = parseInt(box.dataset.longQuery, 10);
    if (!(Array.from(words0).length > limit)) {
      var params = new URLSearchParams({ q: words0, size: "10" });
      if (cityCode()) { params.set("city", cityCode()); }
      return fetch("/api/v1/search?" + params.toString(), { credentials: "same-origin" });
    }
    var body = { q: words0, size: 10 };
    if (cityCode()) { body.city = cityCode(); }
    var meta = document.querySelector('meta[name="csrf-token"]');
    return fetch("/api/v1/search", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": meta ? meta.getAttribute("content") : "" },
      body: JSON.stringify(body)
    });
  }

  function search() {
    var words0 = q.value.trim();
    if (!words0) { return; }
    request(words0)
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (res) { showHits(res.hits || []); })
      .catch(function () { message(words.failed); });
  }

  function showHits(list) {
    hits.textContent = "";
    if (!list.length) { message(words.none); return; }
    list.forEach(function (hit) {
      var li = document.createElement("li");
      var strong = document.createElement("strong");
      strong.textContent = hit.title;
      li.appendChild(strong);
      (hit.fragments || []).forEach(function (f) {
        var p = document.createElement("p");
        p.className = "frag";
        // The fragment is the server's escaped text with <mark> around the query's words.
        p.innerHTML = f.html;
        var b = document.createElement("button");
        b.type = "button";
        b.className = "secondary pick-hit";
        b.textContent = words.page.replace("%d", f.page) + " · " + words.show;
        b.addEventListener("click", function () { showPage(hit, f.page); });
        li.appendChild(p);
        li.appendChild(b);
      });
      hits.appendChild(li);
    });
  }

  // The page is shown, and a quote copied, as the document page shows
  // the text: its punctuation full-width next to Chinese (shown=1), not
  // folded to ASCII as it is stored. The quote is matched either way.
  // Only that page is asked for: the text may be a 300-page yearbook.
  function showPage(hit, page) {
    fetch("/api/v1/documents/" + encodeURIComponent(hit.id) + "/text?shown=1&page=" + encodeURIComponent(page), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (res) {
        pageText.textContent = (res.pages || [])[0] || "";
        pageText.dataset.doc = hit.id;
        pageText.dataset.page = page;
        title.textContent = hit.title + " · " + words.page.replace("%d", page);
        docField.value = hit.id;
        pageField.value = page;
        view.hidden = false;
        pageText.focus();
      })
      .catch(function () { message(words.failed); });
  }

  // A selection inside the page shown becomes the quote.
  document.addEventListener("selectionchange", function () {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || view.hidden || !pageText.contains(sel.anchorNode)) { return; }
    var text = sel.toString().trim();
    if (text) {
      quoteField.value = text;
      docField.value = pageText.dataset.doc;
      pageField.value = pageText.dataset.page;
    }
  });

  go.addEventListener("click", search);
  q.addEventListener("keydown", function (e) {
    // Enter searches instead of sending the claim form.
    if (e.key === "Enter") { e.preventDefault(); search(); }
  });
})();
