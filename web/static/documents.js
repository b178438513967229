// The documents list: a box in the table's head ticks or clears every
// document on the page. Without script each document is ticked by hand.
(function () {
  var all = document.getElementById('select-all');
  if (!all) return;
  var picks = function () { return document.querySelectorAll('input.pick'); };
  all.hidden = false;
  all.addEventListener('change', function () {
    picks().forEach(function (p) { p.checked = all.checked; });
  });
})();
