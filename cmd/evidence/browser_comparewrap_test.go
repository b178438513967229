package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestCompareCellsOfLongChineseWrapOnAWideScreen: /compare keeps a short
// run of Han characters whole on a phone (0 份文档), but an indicator's
// former name and a citation's reason to check it again are sentences:
// kept whole too, a cell of one is as wide as the sentence, and on an
// 800 px window the table, which fitted before, scrolls sideways.
func TestCompareCellsOfLongChineseWrapOnAWideScreen(t *testing.T) {
	dir := t.TempDir()
	for src, dst := range map[string]string{
		"testdata/compare-long-cells.html": "compare.html",
		"../../web/static/app.css":         "app.css",
	} {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, dst), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	u := ui{t: t, ctx: newBrowser(t)}
	u.do("an 800 px window", chromedp.EmulateViewport(800, 900))
	u.do("the table", chromedp.Navigate("file://"+filepath.Join(dir, "compare.html")), chromedp.WaitVisible(chromedp.CSS(`table.compare`)))
	table := eval[int](u, `Math.round(document.querySelector('table.compare').getBoundingClientRect().width)`)
	frame := eval[int](u, `document.querySelector('.compare-frame').clientWidth`)
	if table > frame {
		t.Errorf("/compare's table of long Chinese cells is %d px wide in a frame of %d px on an 800 px window: its sentences do not wrap", table, frame)
	}
}
