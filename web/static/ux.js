// Keyboard use and small comforts on every page (issue 16). Each works
// without this script too: the search box is a link away, the facets are
// a <details> button, a dialog's buttons are ordinary ones.
(function () {
  "use strict";

  function typing(el) {
    if (!el) { return false; }
    var tag = el.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  }

  // The search form posts (with the session's CSRF token), so that even
  // without this script a query longer than an address takes
  // (data-long-query characters), a passage pasted to find its source,
  // never travels in one: the server keeps it under a short key and shows
  // its search at /search?passage=KEY, so no address, history or referrer
  // carries the passage. A shorter one is sent here as the plain address
  // the server would send it on to, without the token, sparing the
  // redirect.
  var searchForm = document.querySelector("form[data-long-query]");
  if (searchForm) {
    searchForm.addEventListener("submit", function () {
      var q = searchForm.querySelector('[name="q"]');
      var limit = parseInt(searchForm.getAttribute("data-long-query"), 10);
      var token = searchForm.querySelector('input[name="csrf_token"]');
      if (!q || Array.from(q.value).length <= limit) {
        // Back from a posted search, a short one must not carry the token.
        if (token) { token.remove(); }
        searchForm.method = "get";
        return;
      }
      var meta = document.querySelector('meta[name="csrf-token"]');
      if (!token) {
        token = document.createElement("input");
        token.type = "hidden";
        token.name = "csrf_token";
        searchForm.appendChild(token);
      }
      token.value = meta ? meta.getAttribute("content") : "";
      searchForm.method = "post";
    });
  }

  document.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) { return; }
    // "/" jumps to the search box (or to the search page), unless one is
    // typing in a field, where "/" is just a character.
    if (e.key === "/" && !typing(document.activeElement)) {
      var q = document.getElementById("q");
      e.preventDefault();
      if (q) { q.focus(); q.select(); } else { window.location.href = "/search#q"; }
      return;
    }
    if (e.key !== "Escape") { return; }
    // Esc in the citation picker closes the page shown and the hits.
    var picker = document.activeElement && document.activeElement.closest ? document.activeElement.closest("[data-picker]") : null;
    if (picker) {
      var view = picker.querySelector("[data-pick-view]");
      var hits = picker.querySelector("[data-pick-hits]");
      if ((view && !view.hidden) || (hits && hits.children.length)) {
        e.preventDefault();
        if (view) { view.hidden = true; }
        if (hits) { hits.textContent = ""; }
        var pq = picker.querySelector("[data-pick-q]");
        if (pq) { pq.focus(); }
      }
      return;
    }
    // Esc on a confirmation dialog is its cancel link.
    var cancel = document.querySelector("[data-dialog] [data-cancel]");
    if (cancel) {
      e.preventDefault();
      window.location.href = cancel.href;
    }
  });

  // A form that changes something is sent once: a second tap on its button
  // while the answer is on its way (a slow phone, a double click) would
  // file the same 定性描述, value or verdict twice. Forms with a script of
  // their own (the upload) prevent the default first and are left alone.
  // The button looks busy meanwhile. After a minute it works again (a
  // request the person stopped in the browser leaves the page as it
  // was; a slow import from a phone takes more than seconds), and a page
  // shown again by the browser's back is ready to send.
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (e.defaultPrevented || !form || String(form.method).toLowerCase() !== "post") { return; }
    if (form.hasAttribute("data-sending")) { e.preventDefault(); return; }
    form.setAttribute("data-sending", "");
    noteSending(form);
    form.setAttribute("aria-busy", "true");
    window.setTimeout(function () { ready(form); }, 60000);
  });
  function ready(form) {
    form.removeAttribute("data-sending");
    form.removeAttribute("aria-busy");
  }
  window.addEventListener("pageshow", function (e) {
    if (e.persisted) { document.querySelectorAll("form[data-sending]").forEach(ready); }
  });

  // What was typed in a form whose session ended before it was sent (a
  // long 定性描述, a verdict's reason) comes back once the person has
  // logged in again and is back on the page. Each form sent is noted in
  // sessionStorage (this tab only, gone with it); the login page that says
  // the session had ended keeps the note; any other page means the form
  // arrived, and the note goes. Never a password, a file or a hidden field
  // (the CSRF token belongs to the old session), and only for the same
  // user.
  var SENDING = "evidence.form.sending", KEPT = "evidence.form.kept", KEEP_FOR = 30 * 60 * 1000;
  function store() {
    try { return window.sessionStorage; } catch (err) { return null; }
  }
  function keepable(el) {
    if (!el.name || el.disabled) { return false; }
    if (el.tagName === "TEXTAREA" || el.tagName === "SELECT") { return true; }
    return el.tagName === "INPUT" && !/^(hidden|password|file|submit|button|reset|image)$/i.test(el.type);
  }
  function typed(form) {
    var fields = [], any = false;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!keepable(el)) { return; }
      if (el.type === "radio" || el.type === "checkbox") {
        fields.push({ name: el.name, value: el.value, checked: el.checked });
        any = any || el.checked;
      } else {
        fields.push({ name: el.name, value: el.value });
        any = any || (el.value !== "" && el.value !== el.defaultValue);
      }
    });
    return any ? fields : null;
  }
  function noteSending(form) {
    var s = store(), fields;
    if (s && /\/logout$/.test(form.getAttribute("action") || "")) {
      // Signing out leaves nothing typed in the tab for whoever comes next.
      s.removeItem(SENDING);
      s.removeItem(KEPT);
      return;
    }
    if (!s || !form.id || form.querySelector("input[type=password]")) { return; }
    fields = typed(form);
    if (!fields) { s.removeItem(SENDING); return; }
    s.setItem(SENDING, JSON.stringify({ path: window.location.pathname, form: form.id, user: who(), at: Date.now(), fields: fields }));
  }
  // who is the user signed in on this page: what one person typed is
  // never filled into the form of another who logs in on the same tab.
  function who() {
    var a = document.querySelector(".who .user");
    return a ? a.textContent.trim() : "";
  }
  function restoreKept() {
    var s = store(), note, kept, form;
    if (!s) { return; }
    note = s.getItem(SENDING);
    s.removeItem(SENDING);
    if (document.querySelector("[data-form-lost]")) {
      if (note) { s.setItem(KEPT, note); }
      return;
    }
    try { kept = JSON.parse(s.getItem(KEPT) || "null"); } catch (err) { kept = null; }
    if (!kept || !who()) { return; }
    // Only the first page signed in again, if it is the form's own, and
    // within half an hour: text typed long ago must not fill a form whose
    // record others have changed since, nor wait in the tab after the
    // person went elsewhere.
    s.removeItem(KEPT);
    if (kept.user !== who() || kept.path !== window.location.pathname || !(Date.now() - kept.at < KEEP_FOR)) { return; }
    form = document.getElementById(kept.form);
    if (!form || form.tagName !== "FORM") { return; }
    kept.fields.forEach(function (f) {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name !== f.name || !keepable(el)) { return; }
        if (el.type === "radio" || el.type === "checkbox") {
          if (el.value === f.value) { el.checked = f.checked; }
        } else {
          el.value = f.value;
        }
      });
    });
    var details = form.closest("details");
    if (details) { details.open = true; }
    var said = document.body.getAttribute("data-kept-note");
    if (said) {
      var p = document.createElement("p");
      p.className = "flash";
      p.setAttribute("role", "status");
      p.setAttribute("data-kept", "");
      p.textContent = said;
      form.insertBefore(p, form.firstChild);
    }
  }
  restoreKept();

  // The error page's 返回上一页 when the page it came from is not known:
  // the browser's back.
  document.querySelectorAll("a[data-back]").forEach(function (a) {
    a.addEventListener("click", function (e) { e.preventDefault(); window.history.back(); });
  });

  // Arriving by "/" from a page without a search box: the box has focus.
  if (window.location.hash === "#q" && document.getElementById("q")) { document.getElementById("q").focus(); }

  // The facets: open beside the results on a wide screen, behind the
  // 筛选 button on a narrow one.
  var box = document.getElementById("facetbox");
  if (box && window.matchMedia) {
    var wide = window.matchMedia("(min-width: 761px)");
    var follow = function () { box.open = wide.matches; };
    follow();
    if (wide.addEventListener) { wide.addEventListener("change", follow); }
  }

  // A notice a person has read and dismissed (相近版本 at the head of a
  // document's page) stays hidden for that document in this browser: its
  // data-dismiss names the document and the versions it names, so a new
  // version shows it again. Without storage the button stays hidden and
  // the notice shown.
  function kept() {
    try { return window.localStorage; } catch (err) { return null; }
  }
  document.querySelectorAll("[data-dismiss]").forEach(function (box) {
    var ls = kept(), key = "evidence.dismissed." + box.getAttribute("data-dismiss");
    var button = box.querySelector("[data-dismiss-button]");
    if (!ls || !button) { return; }
    if (ls.getItem(key)) { box.hidden = true; return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      try { ls.setItem(key, String(Date.now())); } catch (err) { /* full: hidden on this view only */ }
      box.hidden = true;
    });
  });

  // A thumbnail that cannot be drawn is taken away, never shown broken.
  function dropBroken(img) {
    var link = img.closest(".thumb, .pagepreview");
    var hit = img.closest(".has-thumb");
    if (link) { link.remove(); }
    if (hit) { hit.classList.remove("has-thumb"); }
  }
  // A thumbnail the server is too busy to draw now (503: other files
  // are being read) says so in its place, in the server's words, and is
  // asked for again after its Retry-After, doubling each time up to a
  // minute and at most busyTries times, so that open pages do not add
  // load while the server is busiest (then the note says it gave up and
  // that a reload later shows it); the asking is the fetch itself (its
  // picture shown when it comes), not a fetch to learn the status and a
  // second request to draw. Any other failure drops it.
  var english = (document.documentElement.lang || "").indexOf("en") === 0;
  var busyTries = 6;
  function busyNote(img) {
    var note = img.parentNode.querySelector(".thumb-busy");
    if (!note) {
      note = document.createElement("span");
      note.className = "thumb-busy";
      note.setAttribute("role", "status");
      img.parentNode.insertBefore(note, img.nextSibling);
    }
    return note;
  }
  function ask(img, base, tries) {
    fetch(base, { credentials: "same-origin", cache: "no-store" }).then(function (r) {
      if (r.ok) {
        // As a data: URL, which the pages' img-src allows (blob: it does not).
        return r.blob().then(function (b) {
          return new Promise(function (done, fail) {
            var read = new FileReader();
            read.onload = function () { img.src = read.result; done({ shown: true }); };
            read.onerror = fail;
            read.readAsDataURL(b);
          });
        });
      }
      if (r.status !== 503) { return null; }
      var after = parseInt(r.headers.get("Retry-After"), 10);
      return r.json().catch(function () { return {}; }).then(function (body) {
        var e = (body && body.error) || {};
        return { after: (after > 0 ? after : 5) * 1000, text: (english && e.message_en) || e.message || "正在读取其他文件，请稍候再试" };
      });
    }).then(function (busy) {
      if (!busy) { dropBroken(img); return; }
      if (busy.shown) { return; }
      busyNote(img).textContent = busy.text;
      img.classList.add("thumb-waiting");
      img.setAttribute("data-tries", String(tries + 1));
      if (tries + 1 >= busyTries) {
        // Given up: the note says so, and that a reload asks again.
        busyNote(img).textContent = document.body.dataset.thumbGaveUp || busy.text;
        img.classList.add("thumb-gave-up");
        return;
      }
      window.setTimeout(function () { ask(img, base, tries + 1); }, Math.min(busy.after * Math.pow(2, tries), 60000));
    }, function () { dropBroken(img); });
  }
  function failed(img) {
    if (img.getAttribute("data-tries")) { return; } // already being asked for
    var base = img.getAttribute("data-src") || img.getAttribute("src");
    img.setAttribute("data-src", base);
    img.setAttribute("data-tries", "0");
    ask(img, base, 0);
  }
  document.querySelectorAll(".thumb img, .pagepreview img").forEach(function (img) {
    img.addEventListener("load", function () {
      var note = img.parentNode && img.parentNode.querySelector(".thumb-busy");
      if (note) { note.remove(); }
      img.classList.remove("thumb-waiting");
    });
    img.addEventListener("error", function () { failed(img); });
    // Loaded (or failed) before this script ran: a failed one has no width.
    if (img.complete && img.currentSrc && img.naturalWidth === 0) { failed(img); }
  });
})();
