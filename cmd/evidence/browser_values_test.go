package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// download is what a same-origin fetch from the page got: status, type,
// size and the first bytes, and whether a ZIP holds manifest.csv.
type download struct {
	Status   int    `json:"status"`
	Type     string `json:"type"`
	Size     int    `json:"size"`
	Magic    string `json:"magic"`
	Manifest bool   `json:"manifest"`
}

// fetchFromPage downloads the href of the link sel with the page's own
// session, as clicking it would, and describes the bytes.
func (u ui) fetchFromPage(sel string) download {
	u.t.Helper()
	js := fmt.Sprintf(`fetch(document.querySelector(%q).href, {credentials: 'same-origin'}).then(async r => {
		const b = new Uint8Array(await r.arrayBuffer());
		const text = new TextDecoder('latin1').decode(b);
		return {status: r.status, type: r.headers.get('Content-Type'), size: b.length,
			magic: String.fromCharCode(b[0], b[1]), manifest: text.includes('manifest.csv')};
	})`, sel)
	d, err := chromedp.Run(u.ctx, chromedp.Evaluate[download](js, chromedp.EvalAwaitPromise))
	if err != nil {
		u.t.Fatalf("download %s: %v", sel, err)
	}
	return d
}

// TestValueReportAndPackInARealBrowser walks step 1–4 of issue 14 as a
// coordinator would: record a value from the document page, see it on
// /compare, download the XLSX report and the evidence pack from there.
func TestValueReportAndPackInARealBrowser(t *testing.T) {
	start := time.Now()
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	text := "杭州市2017年终身学习统计:认定市民终身学习基地123个,建立学分银行。"
	pw, docID := coordinatorWithStatistics(t, s, "2.3.1", text)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	u.login(s.base, "wang", pw)
	recordValueOnDocumentPage(u, s.base, docID)
	if msg := u.text(`.flash`); !strings.Contains(msg, "找到了该数值") {
		t.Errorf("after recording the value: %q, want the number found on the page", msg)
	}

	u.do("compare", chromedp.Navigate(s.base+"/compare?city=330100&rounds=2017"),
		chromedp.WaitVisible(css(`tr[data-code="2.2.1"]`)))
	if row := u.text(`tr[data-code="2.2.1"]`); !strings.Contains(row, "123") {
		t.Errorf("compare row of 2.2.1 %q, want the value 123", row)
	}
	xlsx := u.fetchFromPage(`#reports a[href*="format=xlsx"]`)
	if xlsx.Status != 200 || !strings.Contains(xlsx.Type, "spreadsheetml") || xlsx.Magic != "PK" {
		t.Errorf("XLSX report download: %+v, want 200, the spreadsheet type and a zip body", xlsx)
	}
	pack := u.fetchFromPage(`#reports a.pack`)
	if pack.Status != 200 || pack.Type != "application/zip" || pack.Magic != "PK" || !pack.Manifest {
		t.Errorf("evidence pack download: %+v, want a 200 zip holding manifest.csv", pack)
	}
	u.do("carry-over page from compare", chromedp.Click(css(`#reports a.carry`)), chromedp.WaitVisible(css(`h1`)))
	if h1 := u.text(`h1`); h1 != "结转事项核对" {
		t.Errorf("the carry-over link led to %q", h1)
	}

	// The pack's button, clicked when an original it holds is damaged,
	// leads to the UI's error page saying how to mend it, not to JSON.
	sum := sha256.Sum256([]byte(text))
	stored := filepath.Join(s.dataDir, "blobs", "objects", "originals", hex.EncodeToString(sum[:]))
	os.Chmod(stored, 0o644) // the store keeps originals read-only
	if err := os.WriteFile(stored, []byte("坏了"), 0o644); err != nil {
		t.Fatal(err)
	}
	u.do("pack with a damaged original", chromedp.Navigate(s.base+"/compare?city=330100&rounds=2017"),
		chromedp.WaitVisible(css(`#reports a.pack`)), chromedp.Click(css(`#reports a.pack`)), chromedp.WaitVisible(css(`#error-back`)))
	if msg := u.text(`p.error`); !strings.Contains(msg, "佐证材料包中有 1 份原件已损坏或缺失") || !strings.Contains(msg, "请用同一文件重新上传这些文档") {
		t.Errorf("the pack button with a damaged original led to %q, want the error page saying how to mend it", msg)
	}
	t.Logf("walk took %s", time.Since(start).Round(time.Millisecond))
}

// recordValueOnDocumentPage records 2.2.1 = 123 (认定市民终身学习基地123个)
// with the value form of a document's first page, as a coordinator does.
func recordValueOnDocumentPage(u ui, base, docID string) {
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	u.do("record a value from the document page", chromedp.Navigate(base+"/documents/"+docID+"?page=1"),
		chromedp.WaitVisible(css(`#valueform`)),
		chromedp.SetValue(css(`#v-indicator`), "2.2.1"),
		chromedp.SendKeys(css(`#v-value`), "123"),
		chromedp.SendKeys(css(`#v-quote`), "认定市民终身学习基地123个"),
		chromedp.Click(css(`#valueform button[type=submit]`)),
		chromedp.WaitVisible(css(`.flash`)))
}

// coordinatorWithStatistics adds wang, a coordinator of 330100, and an
// indexed statistics text of round 2017 linked to indicator; it returns
// wang's password and the document's ID.
func coordinatorWithStatistics(t *testing.T, s *server, indicator, text string) (password, docID string) {
	t.Helper()
	const pw = "学习型城市建设2017"
	if _, err := runCLI(t, "user", "add", "--data", s.dataDir, "--name", "wang", "--role", "coordinator", "--city", "330100",
		"--password", pw); err != nil {
		t.Fatal(err)
	}
	status, body := s.upload(map[string]string{"city": "330100", "doc_type": "statistics", "round": "2017", "indicators": indicator},
		upload{name: "统计.txt", body: []byte(text)})
	if status != 201 {
		t.Fatalf("upload: %d %v", status, body)
	}
	docID = uploadedDocuments(t, body)[0]["id"].(string)
	s.waitDone(docID)
	return pw, docID
}
