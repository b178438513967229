// Upload files through the JSON API, several a request (up to 16 files or
// 16 MiB: the server stores a request's files together; photos to join
// and archives (ZIP, RAR, 7z) go alone). Each chosen file gets a row
// with its own type, 文号, date and round (empty: the form's), and a button
// to remove it before sending; then its upload progress, its processing
// until it is indexed or has failed, and a retry for a file that failed.
// A row is a file's, or a group's: an archive's row holds a row for
// each of its files once it is unpacked. The totals line counts the files
// by outcome, a group by its files. With 合并为一份文件 ticked,
// the chosen photos (JPEG, PNG, HEIC, WebP) become one row, sorted by file
// name (a phone names its photos in the order taken), each page movable up
// or down before sending (pageorder.js), sent in one request to be joined
// into one PDF document, a page per photo. The upload button is
// disabled while files are being sent. Without this script the form posts
// to /upload and shows the outcome page.
//
// The form is checked once before anything is sent (files, city, type),
// each mistake beside its field. A field the archive refuses stops the
// upload at the first file and is marked; nothing of it was stored, so the
// file waits to be sent again. 上传 sends what has not been sent and what
// failed on the way (the network, the server); a file refused for what it
// is comes back the same every time, and is not sent again.
(function () {
  "use strict";
  var form = document.getElementById("uploadform");
  var list = document.getElementById("outcomes");
  var drop = document.getElementById("dropzone");
  var input = document.getElementById("files");
  var button = document.getElementById("upload-submit");
  var totals = document.getElementById("totals");
  var joinBox = document.getElementById("join_photos");
  var joinRow = document.getElementById("join-row");
  if (!form || !list || !window.FormData || !window.XMLHttpRequest) { return; }
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var words = list.dataset;
  var items = [];
  var busy = false;
  var english = document.documentElement.lang === "en";
  // The form's fields by name, with the id of the error shown beside each
  // (as the server's form names them), and a file's own field for each.
  var errorIds = { file: "up-files-err", city: "up-city-err", doc_type: "up-type-err", department: "up-dept-err", doc_number: "up-number-err",
    issued_on: "up-date-err", round: "up-round-err", indicators: "up-ind-err", assignment: "up-task-err" };
  var ownField = { doc_type: "f-type", doc_number: "f-number", issued_on: "f-date", round: "f-round" };
  // The codes of a refusal about the file's bytes themselves: sent again,
  // it would be refused again.
  var fileRefusals = ["EINVALID", "EUNSUPPORTED", "ETOOLARGE"];
  // The script checks the form itself, so that an emptied file field does
  // not stop 上传 from sending again what failed.
  form.noValidate = true;

  // errorMessage is an API error's message in the page's language.
  function errorMessage(body) {
    var e = body && body.error;
    if (!e) { return ""; }
    return (english && e.message_en) || e.message;
  }

  ["dragenter", "dragover"].forEach(function (ev) {
    drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (ev) {
    drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (e) {
    if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; choose(); }
  });
  input.addEventListener("change", choose);
  if (joinBox) { joinBox.addEventListener("change", choose); }

  // Choosing a task (提交到任务) picks the type of document its hand-in
  // starts at, as 我的任务 pre-selects it, unless the uploader chose
  // another type; no task leaves the type as it is.
  var task = document.getElementById("assignment");
  var docType = document.getElementById("doc_type");
  if (task && docType) {
    var picked = task.selectedOptions.length ? task.selectedOptions[0].dataset.docType || "" : "";
    task.addEventListener("change", function () {
      var want = task.selectedOptions.length ? task.selectedOptions[0].dataset.docType || "" : "";
      if (want && (docType.value === "" || docType.value === picked)) { docType.value = want; }
      picked = want;
    });
  }

  function isPhoto(file) {
    return /^image\/(jpeg|png|heic|heif|avif|webp)$/.test(file.type) || /\.(jpe?g|png|heic|heif|avif|webp)$/i.test(file.name);
  }

  // joinedTitle lists the pages of a joined row in their order.
  function joinedTitle(files) {
    var pages = files.map(function (f, i) { return fill(words.joinPage, i + 1, f.name); });
    return fill(words.joinPages, files.length, pages.join(words.sep));
  }

  function field(name) {
    var el = form.querySelector('[name="' + name + '"]:not([disabled])');
    return el ? el.value : "";
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  // A choice of forms, {duplicate|duplicates}, takes the one the count
  // before it asks for, as the server's messages do (catalog.ChooseForms).
  function fill(s) {
    var args = Array.prototype.slice.call(arguments, 1), last = null;
    return s.replace(/%[ds]|\{([^{}|]*)\|([^{}|]*)\}/g, function (m, one, other) {
      if (m.charAt(0) === "%") { last = args.shift(); return String(last); }
      return last === 1 ? one : other;
    });
  }

  // choose lists the chosen files, each with its own fields; files already
  // sent stay listed above.
  function choose() {
    // While files are sent the list stays as it is: rebuilt, rows being
    // sent would be sent again.
    if (busy) { return; }
    clearMarks();
    items = items.filter(function (it) {
      if (it.sent) { return true; }
      it.li.remove();
      return false;
    });
    // A file already sent keeps its row; chosen again (the box ticked
    // after an upload stopped), it is not listed twice.
    var sent = [];
    items.forEach(function (it) { if (it.sent) { sent = sent.concat(it.files); } });
    var chosen = Array.prototype.slice.call(input.files).filter(function (f) { return sent.indexOf(f) < 0; });
    var photos = chosen.filter(isPhoto);
    if (joinRow) { joinRow.hidden = photos.length < 2; }
    if (joinBox && joinBox.checked && photos.length >= 2) {
      photos.sort(function (a, b) { return a.name.localeCompare(b.name, undefined, { numeric: true }); });
      chosen = chosen.filter(function (f) { return !isPhoto(f); });
      items.push(item(photos));
    }
    chosen.forEach(function (file) { items.push(item([file])); });
    count();
  }
  if (joinRow) { joinRow.hidden = !(joinBox && joinBox.checked); }

  // item is one file's row — or the row of photos to be joined, in their
  // order, sent as one file — with its name, its fields and a remove
  // button. Once sent, an archive's row becomes a group (unpacked).
  function item(files) {
    var file = files[0];
    var it = { file: file, files: files, sent: false, kind: "", members: null, group: null };
    var li = el("li", "outcome-pending");
    li.dataset.kind = "pending";
    if (files.length > 1) {
      // The pages in order, each movable up or down before sending.
      li.dataset.photos = String(files.length);
      var head = el("strong", "", joinedTitle(files));
      li.appendChild(head);
      var box = el("div", "page-order");
      li.appendChild(box);
      it.order = window.pageOrder(box, files, { page: words.joinPage, up: words.joinUp, down: words.joinDown,
        moved: words.joinMoved, sep: words.colon }, function (ordered) {
        it.files = ordered;
        it.file = ordered[0];
        head.textContent = joinedTitle(ordered);
      });
    } else {
      li.appendChild(el("strong", "", file.name));
    }
    var meta = el("span", "filemeta");
    var type = el("select", "f-type");
    type.setAttribute("aria-label", words.type + words.colon + file.name);
    var same = el("option", "", words.same);
    same.value = "";
    type.appendChild(same);
    Array.prototype.forEach.call(document.getElementById("doc_type").options, function (o) {
      // The form's empty choice (请选择) is what （同上） already means.
      if (!o.value) { return; }
      var c = el("option", "", o.textContent);
      c.value = o.value;
      type.appendChild(c);
    });
    meta.appendChild(type);
    [["f-number", words.number, "doc_number"], ["f-date", words.date, "issued_on"], ["f-round", words.round, "round"]].forEach(function (f) {
      var x = el("input", f[0]);
      x.setAttribute("aria-label", f[1] + words.colon + file.name);
      x.placeholder = f[1];
      x.dataset.field = f[2];
      meta.appendChild(x);
    });
    li.appendChild(document.createTextNode(" "));
    li.appendChild(meta);
    var state = el("span", "state", " " + words.waiting);
    li.appendChild(state);
    var actions = el("span", "actions");
    li.appendChild(actions);
    it.li = li; it.type = type; it.meta = meta; it.state = state; it.actions = actions;
    removable(it);
    list.appendChild(li);
    return it;
  }

  function action(it, label, cls, fn) {
    var b = el("button", "link " + cls, label);
    b.type = "button";
    b.addEventListener("click", fn);
    it.actions.appendChild(b);
  }

  function value(it, cls, name) {
    var own = it.meta.querySelector("." + cls).value.trim();
    return own || field(name);
  }

  // fileRows are the rows of files: each row of a file, and each file of
  // a group's rows in its place.
  function fileRows(rows) {
    var out = [];
    rows.forEach(function (it) { out = out.concat(it.members ? fileRows(it.members) : [it]); });
    return out;
  }

  // count writes the totals line: all files, then by outcome.
  function count() {
    var n = { stored: 0, duplicate: 0, failed: 0 };
    var files = fileRows(items);
    files.forEach(function (it) { if (n[it.kind] !== undefined) { n[it.kind]++; } });
    totals.hidden = files.length === 0;
    totals.textContent = fill(words.totals, files.length, n.stored, n.duplicate, n.failed);
  }

  function setKind(it, kind) {
    it.kind = kind;
    it.li.dataset.kind = kind;
    it.li.className = "outcome-" + kind;
    count();
  }

  function statusWord(s) { return words["status" + s.charAt(0).toUpperCase() + s.slice(1)] || s; }

  // statusLine says where a document is: its status, OCR pages read while
  // a scan is being read, and why it failed.
  function statusLine(doc) {
    var line = " · " + statusWord(doc.status);
    if (doc.progress && doc.progress.total > 0) {
      line += " · " + words.ocr.replace("{done}", doc.progress.done).replace("{total}", doc.progress.total);
    }
    if (doc.error) { return line + words.colon + ((english && doc.error_en) || doc.error); }
    return line;
  }

  // roundLine says which round a document is in. Until it is read, an
  // inferred round is the one for now; once indexed, the round it ended
  // in: the round of its date, without one the round of the year its
  // title or file name names, an annual summary's round of the year its
  // title names, or the round it stayed in because no round matches its
  // date, the year its title names or no date was found.
  function roundLine(doc) {
    if (!doc.round || doc.status === "failed") { return ""; }
    var inferred = doc.extracted_fields && doc.extracted_fields.indexOf("round") >= 0;
    var s;
    if (doc.status !== "indexed") {
      if (!inferred) { return ""; }
      s = words.roundInferred.replace("%s", doc.round);
    } else if (!inferred) {
      s = words.roundGiven;
    } else if (doc.year_without_round) {
      s = doc.issued_on && doc.issued_on.slice(0, 4) === doc.round ? words.roundYearAbsentDated : words.roundYearAbsent;
    } else if (doc.round_named_in === "report_title") {
      s = words.roundByReport;
    } else if (!doc.issued_on) {
      s = {title: words.roundByTitle, filename: words.roundByFilename}[doc.round_named_in] || words.roundNoDate;
    } else if (doc.issued_on.slice(0, 4) === doc.round) {
      s = words.roundByDate;
    } else {
      s = words.roundNoMatch;
    }
    return s.split("{round}").join(doc.round).replace("{date}", doc.issued_on).replace("{year}", doc.year_without_round);
  }

  // refused shows a file the archive did not take. One that failed on the
  // way (again) gets a retry and is sent again by 上传; one refused for
  // what it is does not.
  function refused(it, message, again) {
    it.bar.value = 100;
    it.state.textContent = " " + words.failed + words.colon + message;
    it.actions.textContent = "";
    it.again = again;
    if (again) { action(it, words.retry, "retry", function () { resend(it); }); }
    if (it.order) { it.order.disable(!again); }
    removable(it);
    setKind(it, "failed");
  }

  // deletedCopy shows a file holding the bytes of a deleted document of
  // the city: not stored again, and a link to that document's page, whose
  // 恢复 brings it back with its links and citations.
  function deletedCopy(it, message, doc) {
    refused(it, message, false);
    var a = el("a", "restore-deleted", words.restoreDeleted);
    a.href = "/documents/" + doc.id;
    it.actions.insertBefore(a, it.actions.firstChild);
  }

  // removable gives a row a button that takes it off the list (a file of
  // a group off its group's).
  function removable(it) {
    action(it, words.remove, "remove", function () {
      var rows = it.group ? it.group.members : items;
      it.li.remove();
      rows.splice(rows.indexOf(it), 1);
      count();
    });
  }

  // resend sends one file again, the form checked first.
  function resend(it) {
    if (busy) { return; }
    clearMarks();
    if (!check([it])) { return; }
    setBusy(true);
    send(it, function () { setBusy(false); });
  }

  // mistakes lists the field errors of an API error: each of a joined
  // error, else the error itself when it names a field.
  function mistakes(e) {
    var list = e.errors && e.errors.length ? e.errors : [e];
    return list.filter(function (m) { return m.field && errorIds[m.field]; }).map(function (m) {
      return { field: m.field, message: (english && m.message_en) || m.message };
    });
  }

  // held puts back a file that the archive refused for what the form
  // says of it: nothing was stored. A mistake in the form's own fields
  // is marked there and ends the upload, since every file after it would
  // be refused alike (stop is true); one in the file's own fields is
  // marked in its row.
  function held(it, found) {
    var stop = false;
    var own = [];
    found.forEach(function (m) {
      var x = ownField[m.field] && it.meta.querySelector("." + ownField[m.field]);
      if (x && x.value.trim()) {
        x.setAttribute("aria-invalid", "true");
        own.push(m.message);
      } else {
        markField(m.field, m.message);
        stop = true;
      }
    });
    it.sent = false;
    it.again = false;
    it.bar.value = 0;
    Array.prototype.forEach.call(it.meta.querySelectorAll("input, select"), function (x) { x.disabled = false; });
    var why = own.length ? own.join(words.and) + words.and + words.fixRow : words.fixAbove;
    it.state.textContent = " " + words.notSent + words.colon + why;
    it.actions.textContent = "";
    removable(it);
    setKind(it, "pending");
    return stop;
  }

  // refusal shows why the archive did not take a file, and whether to
  // stop sending the others.
  function refusal(it, status, body) {
    if (status === 401) {
      // The session ended while the files were chosen: nothing more can
      // be sent from this page (its form token went with the session).
      refused(it, words.loginAgain, false);
      return true;
    }
    var e = (body && body.error) || {};
    // Offered a restore only when the uploader may restore (restore set);
    // a contributor's message says to ask the coordinator.
    if (e.deleted_document && e.deleted_document.restore) {
      deletedCopy(it, errorMessage(body), e.deleted_document);
      return false;
    }
    var found = status >= 400 && status < 500 ? mistakes(e) : [];
    // A refusal of the file itself (photos that cannot be joined): sent
    // again it would be refused again, and the other rows go on.
    if (found.length && found.every(function (m) { return m.field === "file"; })) {
      refused(it, found[0].message, false);
      return false;
    }
    if (found.length) { return held(it, found); }
    var final = status >= 400 && status < 500 && fileRefusals.indexOf(e.code) >= 0;
    refused(it, errorMessage(body) || (words.http + " " + status), !final);
    return false;
  }

  // accepted shows the document a file became and follows it.
  function accepted(it, doc) {
    it.doc = doc;
    it.bar.value = 100;
    it.state.textContent = "";
    it.actions.textContent = "";
    var label = words.stored;
    if (doc.retried) {
      label = fill(words.retried, (english && doc.previous_error_en) || doc.previous_error || "");
    } else if (doc.duplicate) {
      // The stored file it is (the row names the file sent; a renamed
      // copy is no riddle) and, sent for another round, where its
      // indicators now count: the server's words (ingest.DuplicateLabel),
      // the same as 我的任务's. A server of an earlier build (a rolling
      // upgrade) sends none: the file is stored all the same.
      label = (english && doc.duplicate_label_en) || doc.duplicate_label || words.stored;
    }
    if (doc.repaired) {
      // The file sent mended the stored original, missing or damaged.
      label = ((english && doc.repaired_en) || doc.repaired) + " · " + label;
    }
    if (doc.joined_photos) { label += " · " + fill(words.joinDone, doc.joined_photos); }
    if (it.task) { label += " · " + fill(words.handedTask, it.task); }
    it.state.appendChild(document.createTextNode(" " + label + " · "));
    var a = el("a", "", doc.title);
    a.href = "/documents/" + doc.id;
    it.state.appendChild(a);
    it.link = a;
    var st = el("span", "docstatus");
    it.state.appendChild(st);
    it.status = st;
    it.round = el("span", "round-note");
    it.state.appendChild(it.round);
    it.versions = el("span", "versions-notice");
    it.state.appendChild(it.versions);
    setKind(it, doc.duplicate ? "duplicate" : "stored");
    follow(it, doc);
  }

  // archiveErrors reports refusals of the files of an archive, which the
  // archive unpacked.
  function archiveErrors(list) {
    return list.length > 0 && list.every(function (e) { return e.archive; });
  }

  // unpacked makes an archive's row a group: its files under it, each
  // a row of its own followed as a file sent alone — the documents the
  // archive took and the files it refused, with why. The archive's row
  // stays sent (choose does not list it again); its files are counted.
  function unpacked(it, docs, errors) {
    it.bar.value = 100;
    it.actions.textContent = "";
    it.state.textContent = " " + fill(words.unpacked, docs.length + errors.length);
    it.li.className = "outcome-archive";
    it.li.dataset.kind = "archive";
    it.kind = "archive";
    it.members = [];
    var sub = el("ul", "archive-files");
    it.li.appendChild(sub);
    function member(name) {
      var li = el("li", "outcome-pending");
      li.appendChild(el("strong", "", name));
      var m = { li: li, files: [], sent: true, kind: "", members: null, group: it, bar: el("progress"), state: el("span", "state"),
        actions: el("span", "actions") };
      m.bar.max = 100;
      m.bar.hidden = true;
      li.appendChild(m.bar);
      li.appendChild(m.state);
      li.appendChild(m.actions);
      sub.appendChild(li);
      it.members.push(m);
      return m;
    }
    docs.forEach(function (doc) { accepted(member(doc.filename || doc.title), doc); });
    errors.forEach(function (e) {
      var m = member(e.filename);
      refused(m, (english && e.error && e.error.message_en) || (e.error && e.error.message) || e.message || "", false);
    });
    count();
  }

  // follow shows a document's status until it is indexed or has failed,
  // with its title and round as reading leaves them; a failed one gets a
  // way to its page, where its original can be replaced, and a retry
  // unless the file itself is at fault (error_cause), which reading the
  // same bytes again cannot mend. line is the server's words for the
  // document (watch); without them the status's own word stands until
  // they come, and once the document is read they are asked for (a
  // duplicate of a photo read long ago is read already): 可检索 alone
  // would hide a photo read unreliably or pages left out of OCR.
  function follow(it, doc, line) {
    it.link.textContent = doc.title;
    it.status.dataset.status = doc.status;
    it.status.textContent = line ? " · " + line : statusLine(doc);
    var round = roundLine(doc);
    it.round.textContent = round ? " · " + round : "";
    it.round.dataset.round = doc.round || "";
    it.versions.textContent = versionsLine(doc);
    if (doc.status === "stored" || doc.status === "extracted") {
      watch(it, 700);
      return;
    }
    if (!line) { watch(it, 0, doc); }
    if (doc.status !== "failed") { return; }
    it.state.firstChild.textContent = " " + (it.doc.duplicate ? words.failedAgain : words.docFailed) + " · ";
    it.actions.textContent = "";
    if (doc.error_cause !== "file") { action(it, words.retry, "retry", function () { retry(it); }); }
    var a = el("a", "replace", words.replace);
    a.href = "/documents/" + doc.id + "#failure";
    it.actions.appendChild(document.createTextNode(" "));
    it.actions.appendChild(a);
    setKind(it, "failed");
  }

  // versionsLine names the kept documents a new one is a version of
  // (policy.pdf when policy.docx was uploaded): known only once its text
  // is read, so the upload's answer cannot say it and the polling does.
  function versionsLine(doc) {
    if (doc.status !== "indexed" || !doc.near_duplicates) { return ""; }
    var notes = doc.near_duplicates.filter(function (n) { return n.kind === "near"; })
      .map(function (n) { return (english && n.notice_en) || n.notice; });
    return notes.length ? " · " + notes.join(english ? "; " : "\uFF1B") : "";
  }

  // watch follows a document being read after wait ms by the line the
  // server renders for it (GET /documents/{id}/status, web docLine: the
  // words 我的任务 and the document's page show, with OCR's progress),
  // as follow.js does, a longer wait each time. Once it is read, its
  // JSON (poll) gives what else its row says (round, versions, why it
  // failed), shown with that line. done, a document already read, wants
  // its line alone. A network error or a 5xx is asked again later; any
  // other answer it cannot use (signed out) leaves the row as it is.
  function watch(it, wait, done) {
    setTimeout(function () {
      var xhr = new XMLHttpRequest();
      xhr.open("GET", "/documents/" + encodeURIComponent(it.doc.id) + "/status");
      xhr.onerror = function () { watch(it, Math.min(wait * 2 + 1000, 30000), done); };
      xhr.onload = function () {
        if (xhr.status >= 500) { watch(it, Math.min(wait * 2 + 1000, 30000), done); return; }
        var st;
        try { st = JSON.parse(xhr.responseText); } catch (e) { return; }
        if (xhr.status !== 200 || !st.status || !st.line) { return; }
        if (done) {
          // The row shows done's status: a line of another (read again
          // meanwhile) is the JSON's to bring.
          if (st.status === done.status) { it.status.textContent = " · " + st.line; } else { poll(it); }
          return;
        }
        if (st.status === "stored" || st.status === "extracted") {
          it.status.dataset.status = st.status;
          it.status.textContent = " · " + st.line;
          if (st.title) { it.link.textContent = st.title; }
          watch(it, Math.min(Math.max(wait, 700) * 1.5, 5000));
          return;
        }
        poll(it, st);
      };
      xhr.send();
    }, wait);
  }

  // poll asks for a read document's JSON and shows it with st.line, the
  // line watch was given for it, when the two agree on its status.
  function poll(it, st) {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", "/api/v1/documents/" + encodeURIComponent(it.doc.id));
    xhr.onerror = function () { watch(it, 5000); };
    xhr.onload = function () {
      if (xhr.status >= 500) { watch(it, 5000); return; }
      var doc;
      try { doc = JSON.parse(xhr.responseText); } catch (e) { return; }
      if (xhr.status === 200) { follow(it, doc, st && st.status === doc.status ? st.line : ""); }
    };
    xhr.send();
  }

  // retry reads a failed document again.
  function retry(it) {
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/documents/" + encodeURIComponent(it.doc.id) + "/retry");
    xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.onload = function () {
      var body = {};
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = {}; }
      if (xhr.status === 202) {
        it.actions.textContent = "";
        setKind(it, it.doc.duplicate ? "duplicate" : "stored");
        follow(it, body);
        return;
      }
      it.status.textContent = " · " + (errorMessage(body) || (words.http + " " + xhr.status));
    };
    xhr.send();
  }

  // send uploads one file with its own fields, the form's where it has
  // none; done learns whether the files after it should wait (stop).
  function send(it, done) {
    prepare(it);
    var data = new FormData();
    data.append("city", field("city"));
    data.append("assignment", field("assignment"));
    data.append("doc_type", it.type.value || field("doc_type"));
    data.append("department", field("department"));
    data.append("doc_number", value(it, "f-number", "doc_number"));
    data.append("issued_on", value(it, "f-date", "issued_on"));
    data.append("round", value(it, "f-round", "round"));
    data.append("indicators", field("indicators"));
    it.files.forEach(function (f) { data.append("file", f, f.name); });
    if (it.files.length > 1) { data.append("join_photos", "1"); }
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/documents");
    xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.upload.onprogress = function (e) { if (e.lengthComputable) { it.bar.value = Math.round(100 * e.loaded / e.total); } };
    xhr.onload = function () {
      var body = {};
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = {}; }
      if ((xhr.status === 200 || xhr.status === 201) && body.documents && body.documents.length) {
        if (body.documents[0].archive) {
          unpacked(it, body.documents, body.errors || []);
        } else {
          accepted(it, body.documents[0]);
        }
        done(false);
        return;
      }
      if (xhr.status >= 400 && xhr.status < 500 && body.errors && archiveErrors(body.errors)) {
        unpacked(it, [], body.errors);
        done(false);
        return;
      }
      done(refusal(it, xhr.status, body));
    };
    xhr.onerror = function () { refused(it, words.network, true); done(false); };
    xhr.send(data);
  }

  // A folder goes in requests of several files (the server stores a
  // request's files together): up to groupFiles files and groupBytes(),
  // 16 MiB or the server's upload limit if that is less (the page says
  // it), so that a file over the limit goes alone and is refused alone.
  var groupFiles = 16;
  function groupBytes() {
    var limit = parseInt(list.dataset.maxUpload, 10);
    return limit > 0 ? Math.min(16 << 20, limit) : 16 << 20;
  }

  // groupable says whether a row may share a request: one file sent as it
  // is (not photos to join, not an archive, whose answers are a group's).
  function groupable(it, most) {
    return it.files.length === 1 && !/\.(zip|rar|7z)$/i.test(it.file.name) && it.file.size <= most;
  }

  // groupsOf cuts the rows to send into the requests that send them.
  function groupsOf(todo) {
    var groups = [];
    var size = 0;
    var most = groupBytes();
    todo.forEach(function (it) {
      var last = groups[groups.length - 1];
      if (last && groupable(it, most) && groupable(last[0], most) && last.length < groupFiles && size + it.file.size <= most) {
        last.push(it);
        size += it.file.size;
        return;
      }
      groups.push([it]);
      size = it.file.size;
    });
    return groups;
  }

  // sendGroup uploads several rows' files in one request, each file's own
  // fields as field.N for its part N, and gives each row its file's
  // outcome (the answer names each file's part); done as for send.
  function sendGroup(rows, done) {
    if (rows.length === 1) { send(rows[0], done); return; }
    rows.forEach(prepare);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/documents");
    xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) { groupProgress(rows, e.loaded / e.total); }
    };
    xhr.onload = function () {
      var body = {};
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = {}; }
      groupAnswered(rows, xhr.status, body, done);
    };
    xhr.onerror = function () {
      rows.forEach(function (it) { refused(it, words.network, true); });
      done(false);
    };
    xhr.send(groupForm(rows));
  }

  // groupForm is the form that sends rows in one request.
  function groupForm(rows) {
    var data = new FormData();
    data.append("city", field("city"));
    data.append("assignment", field("assignment"));
    // Every row may have its own type and the form none (check allows
    // it): the first row's then stands for the request's, which a server
    // wants; each row's own goes as doc_type.N.
    data.append("doc_type", field("doc_type") || rows[0].type.value);
    data.append("department", field("department"));
    data.append("doc_number", field("doc_number"));
    data.append("issued_on", field("issued_on"));
    data.append("round", field("round"));
    data.append("indicators", field("indicators"));
    rows.forEach(function (it, k) {
      data.append("file", it.file, it.file.name);
      if (it.type.value) { data.append("doc_type." + k, it.type.value); }
      [["f-number", "doc_number"], ["f-date", "issued_on"], ["f-round", "round"]].forEach(function (f) {
        var own = it.meta.querySelector("." + f[0]).value.trim();
        if (own) { data.append(f[1] + "." + k, own); }
      });
    });
    return data;
  }

  // groupAnswered gives each row of a request its file's outcome from the
  // answer (status, body); done as for send.
  function groupAnswered(rows, status, body, done) {
    var parts = (body.documents || []).concat(body.errors || []).filter(function (x) { return typeof x.part === "number"; });
    if (!parts.length && status === 413) {
      // Too large together (a file over a limit the page did not know):
      // each file goes alone, and only the one too large is refused.
      rows.forEach(unsent);
      sendEach(rows, done);
      return;
    }
    if (!parts.length) {
      // The request itself was refused (the form, the session, a cap), as
      // its first file alone would have been: when that stops the upload
      // the other files wait unsent, else they share its fate.
      var stop = refusal(rows[0], status, body);
      rows.slice(1).forEach(function (it) {
        if (stop) { unsent(it); } else { refusal(it, status, body); }
      });
      done(stop);
      return;
    }
    var answered = [];
    (body.documents || []).forEach(function (doc) {
      if (rows[doc.part]) { accepted(rows[doc.part], doc); answered[doc.part] = true; }
    });
    (body.errors || []).forEach(function (x) {
      var it = rows[x.part];
      if (!it) { return; }
      answered[x.part] = true;
      var e = x.error || {};
      if (e.deleted_document) {
        deletedCopy(it, (english && e.message_en) || e.message, e.deleted_document);
        return;
      }
      if (e.field && ownField[e.field]) {
        held(it, [{ field: e.field, message: (english && e.message_en) || e.message }]);
        return;
      }
      refused(it, (english && e.message_en) || e.message || (words.http + " " + status), fileRefusals.indexOf(e.code) < 0);
    });
    rows.forEach(function (it, k) { if (!answered[k]) { refused(it, words.http + " " + status, true); } });
    done(false);
  }

  // groupProgress shows each row of a request its own file's progress when
  // the share done of the request has been sent: the files go in order,
  // so row k is done once the sizes of rows 0…k are sent.
  function groupProgress(rows, done) {
    var total = 0;
    rows.forEach(function (it) { total += it.file.size; });
    var sent = done * total;
    var start = 0;
    rows.forEach(function (it) {
      var size = it.file.size;
      var part = size > 0 ? (sent - start) / size : (sent >= start ? 1 : 0);
      it.bar.value = Math.round(100 * Math.max(0, Math.min(1, part)));
      start += size;
    });
  }

  // sendEach sends rows one request each, in order; a refusal that stops
  // the upload leaves the rows after it waiting.
  function sendEach(rows, done) {
    var next = function (k) {
      if (k === rows.length) { done(false); return; }
      send(rows[k], function (stop) {
        if (stop) { done(true); return; }
        next(k + 1);
      });
    };
    next(0);
  }

  // unsent puts a row sent with a refused request back to wait: nothing of
  // it was stored.
  function unsent(it) {
    it.sent = false;
    it.again = false;
    it.bar.value = 0;
    Array.prototype.forEach.call(it.meta.querySelectorAll("input, select"), function (x) { x.disabled = false; });
    if (it.order) { it.order.disable(false); }
    it.state.textContent = " " + words.waiting;
    it.actions.textContent = "";
    removable(it);
    setKind(it, "pending");
  }

  // prepare shows a row as being sent: its fields fixed, a progress bar.
  function prepare(it) {
    it.sent = true;
    // The task the file is handed in for (提交到任务), said on its row.
    var task = form.querySelector('[name="assignment"]:not([disabled])');
    it.task = task && task.value && task.selectedOptions.length ? task.selectedOptions[0].dataset.name || "" : "";
    it.again = false;
    it.actions.textContent = "";
    if (it.order) { it.order.disable(true); }
    Array.prototype.forEach.call(it.meta.querySelectorAll("input, select"), function (x) {
      x.disabled = true;
      x.removeAttribute("aria-invalid");
    });
    if (!it.bar) {
      it.bar = el("progress");
      it.bar.max = 100;
      it.li.insertBefore(it.bar, it.state);
    }
    it.bar.value = 0;
    it.state.textContent = "";
  }

  // control is the form's field of a name: the one a file's own fields
  // fall back to.
  function control(name) {
    return name === "file" ? input : form.querySelector('[name="' + name + '"]:not([type=hidden])');
  }

  // markField shows message beside the form's field name, where the
  // server's form shows it.
  function markField(name, message) {
    var c = control(name);
    if (!c) { return; }
    var span = document.getElementById(errorIds[name]);
    if (!span) {
      span = el("span", "field-error");
      span.id = errorIds[name];
      (c.closest(".field, label") || c).after(span);
    }
    span.textContent = message;
    c.setAttribute("aria-invalid", "true");
    c.setAttribute("aria-describedby", span.id);
  }

  // clearMarks takes away the mistakes shown, before the form is checked
  // again.
  function clearMarks() {
    var top = document.getElementById("upload-error");
    if (top) { top.remove(); }
    Object.keys(errorIds).forEach(function (name) {
      var span = document.getElementById(errorIds[name]);
      if (span) { span.remove(); }
      var c = control(name);
      if (c) {
        c.removeAttribute("aria-invalid");
        c.removeAttribute("aria-describedby");
      }
    });
  }

  // check marks what every file of todo would be refused for — no file, no
  // city, no type — and reports whether there is nothing to mark; the
  // first field marked takes the focus.
  function check(todo) {
    if (todo.length === 0) { markField("file", words.needFiles); }
    if (!field("city")) { markField("city", words.needCity); }
    if (!field("doc_type") && todo.some(function (it) { return !it.type.value; })) {
      markField("doc_type", words.needType);
    }
    var first = form.querySelector('[aria-invalid="true"]');
    if (first) { first.focus(); }
    return !first;
  }

  // waiting reports whether 上传 should send a file: not sent yet, or
  // failed on the way.
  function waiting(it) { return !it.sent || it.again; }

  // A marked field that is changed loses its mark; the form is checked
  // again when it is sent.
  form.addEventListener("change", function (e) {
    var name = e.target.name;
    if (name && name !== "file" && e.target.getAttribute("aria-invalid") === "true") {
      var span = document.getElementById(errorIds[name]);
      if (span) { span.remove(); }
      e.target.removeAttribute("aria-invalid");
      e.target.removeAttribute("aria-describedby");
    }
  });

  function setBusy(on) {
    busy = on;
    button.disabled = on;
    if (joinBox) { joinBox.disabled = on; }
    form.setAttribute("aria-busy", on ? "true" : "false");
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (busy) { return; }
    if (!items.some(function (it) { return !it.sent; }) && input.files.length) {
      // Files set without a change event (some drivers do): list them now.
      choose();
    }
    var todo = items.filter(waiting);
    clearMarks();
    if (!check(todo)) { return; }
    setBusy(true);
    var groups = groupsOf(todo);
    (function next(i) {
      if (i >= groups.length) {
        setBusy(false);
        input.value = "";
        return;
      }
      sendGroup(groups[i], function (stop) {
        if (stop) {
          // A field of the form was refused, or the session ended: the
          // files after it wait.
          setBusy(false);
          var first = form.querySelector('[aria-invalid="true"]');
          if (first) { first.focus(); }
          return;
        }
        next(i + 1);
      });
    })(0);
  });
})();
