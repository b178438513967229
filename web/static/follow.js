// A document still being read says where it is without a reload: a
// department that hands in a phone photo on 我的任务, or opens its page,
// sees it wait, be read by OCR page by page, and become searchable or
// fail with the reason. Each element with data-follow="<document id>" is
// kept up to date from the document's JSON; the words come from <body>
// (the page's language). The document page, once its document is read,
// is shown again with its text, unless something was typed in one of its
// forms meanwhile.
(function () {
  "use strict";
  var words = document.body.dataset;
  var english = document.documentElement.lang === "en";

  function statusWord(s) { return words["status" + s.charAt(0).toUpperCase() + s.slice(1)] || s; }

  function line(doc) {
    var s = statusWord(doc.status);
    if (doc.progress && doc.progress.total > 0) {
      s += " · " + words.ocr.replace("{done}", doc.progress.done).replace("{total}", doc.progress.total);
    }
    if (doc.status === "failed" && doc.error) {
      s += words.colon + ((english && doc.error_en) || doc.error);
    }
    return s;
  }

  // edited tells whether anything was typed or chosen in a form of the
  // page: showing the page again would lose it.
  function edited() {
    return Array.prototype.some.call(document.querySelectorAll("input, textarea, select"), function (f) {
      if (f.type === "hidden" || f.type === "submit" || f.type === "button") { return false; }
      if (f.type === "file") { return f.files && f.files.length > 0; }
      if (f.type === "checkbox" || f.type === "radio") { return f.checked !== f.defaultChecked; }
      if (f.tagName === "SELECT") {
        return Array.prototype.some.call(f.options, function (o) { return o.selected !== o.defaultSelected; });
      }
      return f.value !== f.defaultValue;
    });
  }

  function follow(el, wait) {
    window.setTimeout(function () {
      var xhr = new XMLHttpRequest();
      xhr.open("GET", "/api/v1/documents/" + encodeURIComponent(el.dataset.follow));
      xhr.onload = function () {
        var doc;
        try { doc = JSON.parse(xhr.responseText); } catch (e) { return; }
        if (xhr.status !== 200 || !doc.status) { return; }
        el.textContent = (el.dataset.lead || "") + line(doc);
        el.dataset.status = doc.status;
        if (doc.status === "stored" || doc.status === "extracted") {
          follow(el, Math.min(wait * 1.5, 10000));
          return;
        }
        if (el.hasAttribute("data-reload") && !edited()) { window.location.reload(); }
      };
      xhr.send();
    }, wait);
  }

  document.querySelectorAll("[data-follow]").forEach(function (el) { follow(el, 1000); });
})();
