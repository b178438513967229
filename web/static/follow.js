// A document still being read says where it is without a reload: a
// department that hands in a phone photo on 我的任务, or opens its page,
// sees it wait, be read by OCR page by page, and become searchable or
// fail with the reason. Each element with data-follow="<document id>" is
// kept up to date from /documents/<id>/status, which gives the line the
// server renders for the document in the page's language (web docLine:
// 可检索, or what is wrong with its text, or why it failed), so that what
// the page shows as it ends is what a reload shows; each element with
// data-title-of="<document id>" shows its title. An element that also has
// data-task="<task id>" (我的任务) asks with the task, whose context the
// line takes: a file failing in a task accepted meanwhile does not count,
// and says so as a reload would. The document page, once
// its document is read, is shown again with its text, unless something
// was typed in one of its forms meanwhile.
(function () {
  "use strict";

  // edited tells whether anything was typed or chosen in a form of the
  // page: showing the page again would lose it. A select none of whose
  // options is marked selected shows its first: that is no choice made.
  function edited() {
    return Array.prototype.some.call(document.querySelectorAll("input, textarea, select"), function (f) {
      if (f.type === "hidden" || f.type === "submit" || f.type === "button") { return false; }
      if (f.type === "file") { return f.files && f.files.length > 0; }
      if (f.type === "checkbox" || f.type === "radio") { return f.checked !== f.defaultChecked; }
      if (f.tagName === "SELECT") {
        if (!f.multiple) {
          var initial = 0;
          Array.prototype.forEach.call(f.options, function (o, i) { if (o.defaultSelected) { initial = i; } });
          return f.options.length > 0 && f.selectedIndex !== initial;
        }
        return Array.prototype.some.call(f.options, function (o) { return o.selected !== o.defaultSelected; });
      }
      return f.value !== f.defaultValue;
    });
  }

  // showAgain shows the page again with its text, by a GET of its
  // address: a reload of a page a form's POST answered would send the
  // form again. A page that came back with a form's errors stays.
  function showAgain() {
    if (edited() || document.querySelector("[role=alert], .field-error")) { return; }
    window.location.replace(window.location.href.split("#")[0]);
  }

  var giveUpAt = Date.now() + 30 * 60 * 1000; // a queue that long: a reload asks again
  var maxWait = 10000;

  // follow polls one document for the elements that show it. It waits
  // while the tab is hidden, retries after a network error or a 5xx with
  // a longer wait, and stops on any other answer it cannot use (signed
  // out, gone) or after half an hour.
  function follow(id, task, els, wait) {
    window.setTimeout(function () {
      if (Date.now() > giveUpAt) { return; }
      if (document.hidden) {
        document.addEventListener("visibilitychange", function resume() {
          if (!document.hidden) {
            document.removeEventListener("visibilitychange", resume);
            giveUpAt = Math.max(giveUpAt, Date.now() + 30 * 60 * 1000); // half an hour of being looked at
            follow(id, task, els, 0);
          }
        });
        return;
      }
      var xhr = new XMLHttpRequest();
      xhr.open("GET", "/documents/" + encodeURIComponent(id) + "/status" + (task ? "?task=" + encodeURIComponent(task) : ""));
      xhr.onerror = function () { follow(id, task, els, Math.min(wait * 2 + 1000, 60000)); };
      xhr.onload = function () {
        if (xhr.status >= 500) { follow(id, task, els, Math.min(wait * 2 + 1000, 60000)); return; }
        var doc;
        try { doc = JSON.parse(xhr.responseText); } catch (e) { return; }
        if (xhr.status !== 200 || !doc.status) { return; }
        els.forEach(function (el) {
          el.textContent = (el.dataset.lead || "") + doc.line;
          el.dataset.status = doc.status;
        });
        // A title read from the text (a photo's 关于开展…的通知, not its
        // file name) is shown as soon as it is read, as a reload would.
        if (doc.title) {
          document.querySelectorAll("[data-title-of]").forEach(function (el) {
            if (el.dataset.titleOf === id && el.textContent !== doc.title) { el.textContent = doc.title; }
          });
        }
        if (doc.status === "stored" || doc.status === "extracted") {
          follow(id, task, els, Math.min(Math.max(wait, 1000) * 1.5, maxWait));
          return;
        }
        if (els.some(function (el) { return el.hasAttribute("data-reload"); })) { showAgain(); }
      };
      xhr.send();
    }, wait);
  }

  window.evidencePageEdited = edited; // the browser tests ask it

  // One file handed in for two tasks is followed once for each: the
  // tasks may say different things of it.
  var byKey = {};
  document.querySelectorAll("[data-follow]").forEach(function (el) {
    var key = JSON.stringify([el.dataset.follow, el.dataset.task || ""]);
    (byKey[key] = byKey[key] || []).push(el);
  });
  Object.keys(byKey).forEach(function (key) {
    var k = JSON.parse(key);
    follow(k[0], k[1], byKey[key], 1000);
  });
})();
