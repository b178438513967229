package main

import (
	"strings"

	"github.com/chromedp/chromedp"
)

// checkUploadFormLayout: a file's own type offers （同上） and the types,
// not a second empty choice; at 390 px every shared field's label stands
// on the line of its field, in both languages, and nothing scrolls
// sideways.
func checkUploadFormLayout(u ui, s *server, file, shots string) {
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	u.do("choose a file", chromedp.Navigate(s.base+"/lang?to=zh&next=/upload"), chromedp.WaitVisible(css(`#files`)),
		chromedp.SetUploadFiles(css(`#files`), []string{file}))
	u.waitFor("its row", `document.querySelectorAll('#outcomes li .f-type').length === 1`)
	choices := eval[[]string](u, `Array.from(document.querySelector('#outcomes li .f-type').options).map(function (o) { return o.value + '=' + o.textContent; })`)
	empty := 0
	for _, c := range choices {
		if strings.HasPrefix(c, "=") {
			empty++
		}
	}
	if empty != 1 || len(choices) < 2 || choices[0] != "=\uFF08同上\uFF09" {
		u.t.Errorf("a file's type offers %q, want （同上） first and no other empty choice", choices)
	}
	u.do("phone width", chromedp.EmulateViewport(390, 844))
	defer u.do("desktop width", chromedp.EmulateViewport(1280, 900))
	for _, lang := range []string{"zh", "en"} {
		u.do("the form at 390 px in "+lang, chromedp.Navigate(s.base+"/lang?to="+lang+"&next=/upload"), chromedp.WaitVisible(css(`#files`)))
		apart := eval[[]string](u, `(function () {
			var out = [];
			['doc_number', 'issued_on', 'round'].forEach(function (id) {
				var f = document.getElementById(id), l = document.querySelector('label[for="' + id + '"]');
				var a = l.getBoundingClientRect(), b = f.getBoundingClientRect();
				if (a.bottom <= b.top || b.bottom <= a.top) {
					out.push(l.textContent.trim() + ' (label ' + Math.round(a.top) + '–' + Math.round(a.bottom) +
						' px, field ' + Math.round(b.top) + '–' + Math.round(b.bottom) + ' px)');
				}
			});
			return out;
		})()`)
		for _, a := range apart {
			u.t.Errorf("at 390 px in %s the label %s is not on its field's line", lang, a)
		}
		u.noHorizontalScroll("the upload form at 390 px in " + lang)
		u.shot(shots, "upload-form-390-"+lang)
	}
	u.do("back to Chinese", chromedp.Navigate(s.base+"/lang?to=zh&next=/upload"), chromedp.WaitVisible(css(`#files`)))
}
