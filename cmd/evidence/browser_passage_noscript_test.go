package main

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestPastedPassageStaysOutOfEveryAddressWithoutJavaScript: in headless
// Chromium with JavaScript switched off, an expert pastes 1,500
// characters of a 工作总结 into the search box and presses the button.
// The form itself posts (ux.js cannot), and no request the browser makes
// from the paste to the results carries a word of the passage in its
// address: the results stand at /search?passage=KEY, the summary found.
func TestPastedPassageStaysOutOfEveryAddressWithoutJavaScript(t *testing.T) {
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	const pw = "学习型城市建设2018"
	if _, err := runCLI(t, "user", "add", "--data", s.dataDir, "--name", "zhou", "--role", "expert", "--password", pw); err != nil {
		t.Fatalf("add the expert: %v", err)
	}
	status, body := s.upload(map[string]string{"city": "330200", "doc_type": "work_summary"}, upload{name: "2018年工作总结.txt", body: []byte(testenv.WorkSummary)})
	if status != 201 {
		t.Fatalf("upload the summary: %d %v", status, body)
	}
	s.waitDone(uploadedDocuments(t, body)[0]["id"].(string))
	u.login(s.base, "zhou", pw)

	var mu sync.Mutex
	var asked []string
	if err := chromedp.Listen(u.ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			asked = append(asked, e.Request.Method+" "+e.Request.URL)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatalf("listen to the tab's requests: %v", err)
	}
	u.do("switch JavaScript off", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	u.do("open the search page", chromedp.Navigate(s.base+"/search"), chromedp.WaitVisible(chromedp.CSS(`#q`)))
	passage := strings.ReplaceAll(testenv.SummaryPassage, "\n", "")
	u.do("paste the passage and search",
		chromedp.Focus(chromedp.CSS(`#q`)),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, input.InsertText, input.InsertTextParams{Text: passage})
			return err
		}),
		chromedp.Click(chromedp.CSS(`form[role=search] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#passage-notice`)))
	at, err := chromedp.Run(u.ctx, chromedp.Location())
	if err != nil {
		t.Fatalf("read the address: %v", err)
	}
	if where, err := url.Parse(at); err != nil || len(where.Query().Get("passage")) != 32 || where.Query().Get("q") != "" {
		t.Errorf("the passage's results are at %.300s, want /search?passage=KEY", at)
	}
	if count := u.text(`#resultcount`); !strings.Contains(count, "共 1 条结果") {
		t.Errorf("the passage found %q, want the summary", count)
	}
	clause := string([]rune(passage)[10:22])
	mu.Lock()
	defer mu.Unlock()
	var posted bool
	for _, a := range asked {
		plain, _ := url.QueryUnescape(a)
		if strings.Contains(plain, clause) || len(a) > 500 {
			t.Errorf("the browser asked for %.200s…, an address carrying the passage", a)
		}
		posted = posted || strings.HasPrefix(a, "POST "+s.base+"/search")
	}
	if !posted {
		t.Errorf("the browser without JavaScript did not post the search form; it asked for %q", asked)
	}
}
