package main

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/lcmonitor/evidence/internal/testfiles"
)

// TestBusyThumbnailGivesUpAfterSixAskingsInARealBrowser: while other
// readings hold the whole memory budget, a search hit's page picture is
// 503 正在读取其他文件，请稍候再试 each time; the page asks again six times
// in all, no more (a results page left open must not add load while the
// server is busiest), and then says in the picture's place that it gave
// up and that a reload later shows the picture. The waits between
// askings (Retry-After doubling up to a minute) are made short in the
// tab, its timers' waits of a second or more cut to 50 ms before the
// page's scripts run; the askings are counted as the tab sends them.
func TestBusyThumbnailGivesUpAfterSixAskingsInARealBrowser(t *testing.T) {
	testfiles.Program(t, "pdftoppm", "apt-get install poppler-utils")
	u := ui{t: t, ctx: newBrowser(t)}
	s, server := startServerWithSandbox(t)
	const pw = "学习型城市建设2017"
	id, _ := busyPolicyPDF(t, s, server, pw)

	u.login(s.base, "boss", pw)
	u.do("short waits", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `(function () {
			var wait = window.setTimeout;
			window.setTimeout = function (f, ms) { return wait(f, ms >= 1000 ? 50 : ms); };
		})();`})
		return err
	}))
	thumbs := "/api/v1/documents/" + id + "/pages/"
	var mu sync.Mutex
	var asked int
	if err := chromedp.Listen(u.ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok && e.Type == network.ResourceTypeFetch && strings.Contains(e.Request.URL, thumbs) {
			mu.Lock()
			asked++
			mu.Unlock()
		}
	}); err != nil {
		t.Fatalf("listen to the tab's requests: %v", err)
	}
	u.do("search", chromedp.Navigate(s.base+"/search?q=学分银行"), chromedp.WaitVisible(chromedp.CSS(`.hit`)))
	const gaveUp = "缩略图暂未显示：服务器正忙于读取其他文件，请稍后刷新页面再看"
	u.waitFor("the hit says the page gave up asking", `(function () {
		var n = document.querySelector('.hit .thumb-busy');
		return !!n && n.offsetWidth > 0 && n.textContent === '`+gaveUp+`';
	})()`)
	// A seventh asking would be sent 50 ms after the sixth's answer.
	time.Sleep(time.Second)
	mu.Lock()
	n := asked
	mu.Unlock()
	if n != 6 {
		t.Errorf("the page asked for the busy thumbnail %d times, want 6", n)
	}
	if tries := eval[string](u, `document.querySelector('.hit .thumb img').getAttribute('data-tries')`); tries != "6" {
		t.Errorf("the thumbnail counts %s askings, want 6", tries)
	}
}
