// Upload files one by one through the JSON API, showing upload progress and
// then the processing status until each file is indexed or has failed.
// Without this script the form posts to /upload and shows the outcome page.
(function () {
  "use strict";
  var form = document.getElementById("uploadform");
  var list = document.getElementById("outcomes");
  var drop = document.getElementById("dropzone");
  var input = document.getElementById("files");
  if (!form || !list || !window.FormData || !window.XMLHttpRequest) { return; }
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var words = list.dataset;

  ["dragenter", "dragover"].forEach(function (ev) {
    drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (ev) {
    drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (e) {
    if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; }
  });

  function field(name) {
    var el = form.querySelector('[name="' + name + '"]:not([disabled])');
    return el ? el.value : "";
  }

  function row(name) {
    var li = document.createElement("li");
    var strong = document.createElement("strong");
    strong.textContent = name;
    var bar = document.createElement("progress");
    bar.max = 100; bar.value = 0;
    var text = document.createElement("span");
    text.className = "state";
    li.appendChild(strong); li.appendChild(document.createTextNode(" ")); li.appendChild(bar);
    li.appendChild(document.createTextNode(" ")); li.appendChild(text);
    list.appendChild(li);
    return { li: li, bar: bar, text: text };
  }

  function statusWord(s) { return words["status" + s.charAt(0).toUpperCase() + s.slice(1)] || s; }

  // statusLine says where a document is: its status, OCR pages read while
  // a scan is being read, and why it failed.
  function statusLine(doc) {
    var line = " · " + statusWord(doc.status);
    if (doc.progress && doc.progress.total > 0) {
      line += " · " + words.ocr.replace("{done}", doc.progress.done).replace("{total}", doc.progress.total);
    }
    if (doc.extracted_fields && doc.extracted_fields.indexOf("round") >= 0 && doc.round) {
      line += " · " + words.roundInferred.replace("%s", doc.round);
    }
    return line + (doc.error ? words.colon + doc.error : "");
  }

  function show(r, outcome, doc, message) {
    r.li.className = "outcome-" + outcome;
    r.bar.value = 100;
    r.text.textContent = "";
    if (outcome === "failed") { r.text.textContent = words.failed + words.colon + message; return; }
    var label = document.createTextNode((outcome === "duplicate" ? words.duplicate : words.stored) + " · ");
    var a = document.createElement("a");
    a.href = "/documents/" + doc.id;
    a.textContent = doc.title;
    var st = document.createElement("span");
    st.className = "docstatus";
    st.dataset.status = doc.status;
    st.textContent = statusLine(doc);
    r.text.appendChild(label); r.text.appendChild(a); r.text.appendChild(st);
    if (doc.status === "stored" || doc.status === "extracted") { poll(doc.id, st); }
  }

  function poll(id, st) {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", "/api/v1/documents/" + encodeURIComponent(id));
    xhr.onload = function () {
      var doc;
      try { doc = JSON.parse(xhr.responseText); } catch (e) { return; }
      if (xhr.status !== 200) { return; }
      st.dataset.status = doc.status;
      st.textContent = statusLine(doc);
      if (doc.status === "stored" || doc.status === "extracted") { setTimeout(function () { poll(id, st); }, 700); }
    };
    xhr.send();
  }

  function send(file, done) {
    var r = row(file.name);
    var data = new FormData();
    data.append("city", field("city"));
    data.append("doc_type", field("doc_type"));
    data.append("indicators", field("indicators"));
    data.append("file", file, file.name);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/documents");
    xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.upload.onprogress = function (e) { if (e.lengthComputable) { r.bar.value = Math.round(100 * e.loaded / e.total); } };
    xhr.onload = function () {
      var body = {};
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = {}; }
      if (xhr.status === 200 || xhr.status === 201) {
        var doc = body.documents[0];
        show(r, doc.duplicate ? "duplicate" : "stored", doc);
      } else {
        show(r, "failed", null, (body.error && body.error.message) || (words.http + " " + xhr.status));
      }
      done();
    };
    xhr.onerror = function () { show(r, "failed", null, words.network); done(); };
    xhr.send(data);
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var files = Array.prototype.slice.call(input.files);
    list.textContent = "";
    (function next(i) { if (i < files.length) { send(files[i], function () { next(i + 1); }); } })(0);
  });
})();
