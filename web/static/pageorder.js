// Page order of photos to be joined into one document (合并为一份文件):
// each photo a row, 第 n 页 and its name, with 上移 and 下移 buttons, so
// that a user whose phone named the photos out of order puts the pages
// right before sending, and sees the order they will have. Buttons, so the
// keyboard moves a page as a finger does; the moved page's button keeps
// the focus, and a polite status says where the page went.
//
// window.pageOrder(box, files, words, changed) draws the list into box
// (emptied first) for files, in their order; words holds page, up, down,
// moved and sep as the page's data attributes say them; changed(files)
// gets the new order after each move. It returns { disable(on) }.
//
// On 我的任务 the hand-in form posts itself: there the order is put back
// into the file field (a DataTransfer), so that the browser sends the
// photos as listed.
(function () {
  "use strict";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function fill(s) {
    var args = Array.prototype.slice.call(arguments, 1);
    return s.replace(/%[ds]/g, function () { return String(args.shift()); });
  }

  window.pageOrder = function (box, files, words, changed) {
    files = files.slice();
    var disabled = false;
    box.textContent = "";
    var ol = el("ol", "pages");
    var status = el("span", "visually-hidden");
    status.setAttribute("role", "status");
    box.appendChild(ol);
    box.appendChild(status);

    function draw(focusName, focusDir) {
      ol.textContent = "";
      files.forEach(function (f, i) {
        var li = el("li");
        li.appendChild(el("span", "page-name", fill(words.page, i + 1, f.name)));
        [["up", words.up, -1], ["down", words.down, 1]].forEach(function (b) {
          var button = el("button", "move " + b[0], b[1]);
          button.type = "button";
          button.setAttribute("aria-label", b[1] + words.sep + fill(words.page, i + 1, f.name));
          var to = i + b[2];
          button.disabled = disabled || to < 0 || to >= files.length;
          button.addEventListener("click", function () { move(i, to, b[0]); });
          li.appendChild(button);
          if (f === focusName && b[0] === focusDir) { focusTo = button; }
        });
        ol.appendChild(li);
      });
    }

    var focusTo = null;
    function move(from, to, dir) {
      if (disabled || to < 0 || to >= files.length) { return; }
      var f = files.splice(from, 1)[0];
      files.splice(to, 0, f);
      focusTo = null;
      draw(f, dir);
      // At the top or bottom the same button is disabled: the other one
      // takes the focus.
      if (!focusTo || focusTo.disabled) {
        focusTo = ol.children[to].querySelector("button:not([disabled])");
      }
      if (focusTo) { focusTo.focus(); }
      status.textContent = fill(words.moved, f.name, to + 1);
      changed(files.slice());
    }

    draw();
    return {
      disable: function (on) {
        disabled = on;
        Array.prototype.forEach.call(ol.querySelectorAll("button"), function (b) {
          b.disabled = on || (b.classList.contains("up") && b.closest("li") === ol.firstElementChild) ||
            (b.classList.contains("down") && b.closest("li") === ol.lastElementChild);
        });
      }
    };
  };

  // 我的任务: each hand-in form with a join box and a page-order box.
  function taskForm(form) {
    var input = form.querySelector('input[type="file"][name="file"]');
    var join = form.querySelector('input[name="join_photos"]');
    var box = form.querySelector(".page-order");
    if (!input || !join || !box || !window.DataTransfer) { return; }
    function show() {
      var files = Array.prototype.slice.call(input.files || []);
      box.hidden = !(join.checked && files.length > 1);
      if (box.hidden) { box.textContent = ""; return; }
      window.pageOrder(box, files, box.dataset, function (ordered) {
        var dt = new DataTransfer();
        ordered.forEach(function (f) { dt.items.add(f); });
        input.files = dt.files;
      });
    }
    input.addEventListener("change", show);
    join.addEventListener("change", show);
    show();
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-page-order]"), taskForm);
  });
})();
