package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/lcmonitor/evidence/internal/testfiles"
)

// TestBusyThumbnailSaysSoInARealBrowser: while other readings hold the
// whole memory budget of the reading children (eight big PDFs being
// read), a search hit's page thumbnail is not a blank picture for
// minutes: the server answers within seconds 503 with Retry-After and
// 正在读取其他文件，请稍候再试, which the page shows in the picture's place;
// once the budget is free, the picture comes by itself.
func TestBusyThumbnailSaysSoInARealBrowser(t *testing.T) {
	testfiles.Program(t, "pdftoppm", "apt-get install poppler-utils")
	u := ui{t: t, ctx: newBrowser(t)}
	s, server := startServerWithSandbox(t)
	const pw = "学习型城市建设2017"
	id, release := busyPolicyPDF(t, s, server, pw)

	// Before, the request waited for the budget as long as its client.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", s.base+"/api/v1/documents/"+id+"/pages/1/thumbnail", nil)
	req.Header.Set("Authorization", "Bearer "+s.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("a thumbnail while the budget is spent: %v, want an answer within seconds", err)
	}
	answer, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" || !strings.Contains(string(answer), "正在读取其他文件，请稍候再试") {
		t.Fatalf("a thumbnail while the budget is spent: %d Retry-After %q %s, want 503 with Retry-After and 正在读取其他文件，请稍候再试",
			resp.StatusCode, resp.Header.Get("Retry-After"), answer)
	}

	u.login(s.base, "boss", pw)
	u.do("search", chromedp.Navigate(s.base+"/search?q=学分银行"), chromedp.WaitVisible(chromedp.CSS(`.hit`)))
	u.waitFor("the hit says other files are being read", `(function(){var n=document.querySelector('.hit .thumb-busy');return !!n&&n.offsetWidth>0&&n.textContent.indexOf('正在读取其他文件，请稍候再试')>=0})()`)
	if n := eval[int](u, `document.querySelectorAll('.hit .thumb img').length`); n != 1 {
		t.Fatalf("%d thumbnails on the hit while it waits, want its one kept for the retry", n)
	}
	release()
	// The picture asked for again comes in the answer to that asking (a
	// data: URL), not from a second request.
	thumb := fmt.Sprintf(`.hit .thumb img[data-src^="/api/v1/documents/%s/pages/"][src^="data:image/"]`, id)
	u.waitFor("the thumbnail comes once the budget is free", fmt.Sprintf(
		`(function(){var i=document.querySelector(%q);return !!i&&i.complete&&i.naturalWidth>0&&i.offsetWidth>0&&!document.querySelector('.hit .thumb-busy')})()`, thumb))
}
