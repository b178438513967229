package api

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/ingest"
)

// pagesOf reads the pages of a /text answer.
func pagesOf(body map[string]any) []string {
	var pages []string
	for _, p := range body["pages"].([]any) {
		pages = append(pages, p.(string))
	}
	return pages
}

// TestDocumentTextPages: ?page=N and ?from=&to= answer those pages only,
// saying which is first and how many the document has; a page past the
// last, or a page number that is none, is a 400 that says so in Chinese.
func TestDocumentTextPages(t *testing.T) {
	e := newEnv(t)
	id := e.upload(cityA, "zongjie.txt", "第一页：学分银行。\f第二页：社区教育。\f第三页：老年大学。\f第四页：终身学习。")
	for _, tt := range []struct {
		query string
		from  float64
		want  []string
	}{
		{"", 1, []string{"第一页:学分银行。", "第二页:社区教育。", "第三页:老年大学。", "第四页:终身学习。"}},
		{"?page=3", 3, []string{"第三页:老年大学。"}},
		{"?from=2&to=3", 2, []string{"第二页:社区教育。", "第三页:老年大学。"}},
		{"?from=3", 3, []string{"第三页:老年大学。", "第四页:终身学习。"}},
		{"?to=2", 1, []string{"第一页:学分银行。", "第二页:社区教育。"}},
		{"?from=4&to=9", 4, []string{"第四页:终身学习。"}},
		{"?page=2&shown=1", 2, []string{"第二页\uFF1A社区教育。"}},
	} {
		resp, body := e.do(e.request("GET", "/api/v1/documents/"+id+"/text"+tt.query, nil), "coordA")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("text%s: %d %v", tt.query, resp.StatusCode, body)
		}
		if got := pagesOf(body); !slices.Equal(got, tt.want) {
			t.Errorf("text%s: pages %q, want %q", tt.query, got, tt.want)
		}
		if body["page_count"] != 4.0 || body["from"] != tt.from || body["extractor"] != "txt" {
			t.Errorf("text%s: page_count %v, from %v, extractor %v; want 4, %v, txt", tt.query, body["page_count"], body["from"], body["extractor"], tt.from)
		}
	}
	for query, want := range map[string]string{
		"?page=5":          "共 4 页",
		"?page=0":          "page=\u201C0\u201D",
		"?from=abc":        "应为从 1 开始的整数",
		"?from=3&to=2":     "起始页",
		"?page=5&shown=1":  "没有第 5 页",
		"?from=9&to=12345": "没有第 9 页",
	} {
		resp, body := e.do(e.request("GET", "/api/v1/documents/"+id+"/text"+query, nil), "coordA")
		msg := errorMessage(body)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(msg, want) {
			t.Errorf("text%s: %d %q, want 400 saying %q", query, resp.StatusCode, msg, want)
		}
	}
}

// withBigText uploads a short document and puts a long text in its place
// in the blob store, as a 300-page yearbook would leave.
func withBigText(t *testing.T, e *env, pages []string) string {
	t.Helper()
	id := e.upload(cityA, "nianjian.txt", "杭州市统计年鉴（摘录）"+fmt.Sprint(e.next()))
	d, err := e.cat.Document(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.te.SaveText(d.SHA256, &ingest.StoredText{Extractor: "txt", Pages: pages}); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestDocumentTextPagesPastTheCatalogsCount: a text with more pages than
// the catalog counts (an older extraction) answers the range asked for
// and says how many pages the text has; ?from=2&to=3 of a 4-page text
// the catalog counts 1 page of answered page 2 only, and 2 pages.
func TestDocumentTextPagesPastTheCatalogsCount(t *testing.T) {
	e := newEnv(t)
	id := withBigText(t, e, []string{"第一页:学分银行。", "第二页:社区教育。", "第三页:老年大学。", "第四页:终身学习。"})
	for query, want := range map[string][]string{
		"?from=2&to=3": {"第二页:社区教育。", "第三页:老年大学。"},
		"?page=3":      {"第三页:老年大学。"},
		"?from=3":      {"第三页:老年大学。", "第四页:终身学习。"},
		"?page=1":      {"第一页:学分银行。"},
	} {
		resp, body := e.do(e.request("GET", "/api/v1/documents/"+id+"/text"+query, nil), "coordA")
		if got := pagesOf(body); resp.StatusCode != http.StatusOK || !slices.Equal(got, want) || body["page_count"] != 4.0 {
			t.Errorf("text%s: %d, pages %q, page_count %v; want %q of 4", query, resp.StatusCode, got, body["page_count"], want)
		}
	}
}

// TestDocumentTextOfABigTextHoldsLittle: a dozen clients reading the whole
// text of a 24 MB document at once cost the server a small part of the
// text each (it was three times the text each: the blob, its decoded
// pages, the answer), and they get it whole.
func TestDocumentTextOfABigTextHoldsLittle(t *testing.T) {
	e := newEnv(t)
	page := strings.Repeat("二〇一八年全市共建成社区学习共同体一千二百个，\"终身教育\"。\n", 10_000)
	pages := make([]string, 16)
	for i := range pages {
		pages[i] = page
	}
	id := withBigText(t, e, pages)
	size := uint64(len(page) * len(pages))
	const clients = 12
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req := e.request("GET", "/api/v1/documents/"+id+"/text", nil)
			req.Header.Set("Authorization", "Bearer "+e.tokens["coordA"])
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				errs <- err
				return
			}
			defer resp.Body.Close()
			// Read as a client that cannot hold it either would: the size
			// and the end only.
			n, err := io.Copy(io.Discard, resp.Body)
			if err != nil || resp.StatusCode != http.StatusOK || uint64(n) < size {
				errs <- fmt.Errorf("status %d, %d bytes of %d: %v", resp.StatusCode, n, size, err)
			}
		}()
	}
	wg.Wait()
	runtime.ReadMemStats(&after)
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d clients read a %d MB text: the process allocated %d MB", clients, size>>20, alloc>>20)
	if alloc > size*clients/4 {
		t.Errorf("%d clients reading a %d MB text allocated %d MB, want under %d MB (a quarter of the text each)", clients, size>>20, alloc>>20, size*clients/4>>20)
	}
	// And whole: every page as stored, the cut said.
	resp, body := e.do(e.request("GET", "/api/v1/documents/"+id+"/text?from=16", nil), "coordA")
	if got := pagesOf(body); resp.StatusCode != http.StatusOK || len(got) != 1 || got[0] != page {
		t.Errorf("last page: %d, %d pages, want the page as stored", resp.StatusCode, len(got))
	}
	if cut, _ := body["index_cut"].(map[string]any); cut["page"] != 2.0 {
		t.Errorf("index_cut %v, want page 2", body["index_cut"])
	}
}

// TestDocumentTextShownWithinTheBudget: a page shown whole (full-width
// punctuation needs it whole) is held within the server's budget for big
// texts; past it the answer is a 503 with Retry-After that says in
// Chinese to try again, and a page bigger than the whole budget is a 413
// that says to download the original.
func TestDocumentTextShownWithinTheBudget(t *testing.T) {
	e := newEnv(t)
	page := strings.Repeat("推进学分银行建设,共1,234人。", 10_000) // 380 KB
	id := withBigText(t, e, []string{"目录", page})
	e.te.Documents.SetTextBudget(3 << 20)
	resp, body := e.do(e.request("GET", "/api/v1/documents/"+id+"/text?page=2&shown=1", nil), "coordA")
	if got := pagesOf(body); resp.StatusCode != http.StatusOK || len(got) != 1 || !strings.HasPrefix(got[0], "推进学分银行建设\uFF0C") {
		t.Fatalf("shown page within the budget: %d, want 200 with the page shown", resp.StatusCode)
	}
	// Another load holds most of the budget: this one must wait.
	e.te.Documents.SetTextBudget(1 << 20)
	hold, err := e.te.Documents.HoldTextBudget(900 << 10)
	if err != nil {
		t.Fatal(err)
	}
	resp, body = e.do(e.request("GET", "/api/v1/documents/"+id+"/text?page=2&shown=1", nil), "coordA")
	msg := errorMessage(body)
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" || !strings.Contains(msg, "秒后再试") {
		t.Errorf("shown page past the budget: %d, Retry-After %q, %q; want 503 with Retry-After saying when to retry", resp.StatusCode, resp.Header.Get("Retry-After"), msg)
	}
	// Unshown, the page is streamed and needs no budget.
	if resp, _ := e.do(e.request("GET", "/api/v1/documents/"+id+"/text?page=2", nil), "coordA"); resp.StatusCode != http.StatusOK {
		t.Errorf("unshown page while the budget is held: %d, want 200", resp.StatusCode)
	}
	hold()
	resp, body = e.do(e.request("GET", "/api/v1/documents/"+id+"/text?page=2&shown=1", nil), "coordA")
	msg = errorMessage(body)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(msg, "下载原件") {
		t.Errorf("shown page bigger than the budget: %d %q, want 413 saying to download the original", resp.StatusCode, msg)
	}
	if resp, _ := e.do(e.request("GET", "/api/v1/documents/"+id+"/text?page=1&shown=1", nil), "coordA"); resp.StatusCode != http.StatusOK {
		t.Errorf("short shown page after the budget was given back: %d, want 200", resp.StatusCode)
	}
}

// TestDocumentTextShownHeldWhileSent: a shown page stays within the
// budget for big texts while it is being sent: with a client that does
// not read, the rest of the budget is all another load may take (the
// budget was given back before the page, and its escaped copy, were
// written out).
func TestDocumentTextShownHeldWhileSent(t *testing.T) {
	e := newEnv(t)
	page := strings.Repeat("推进学分银行建设,共1,234人。", 400_000) // 15 MB, more than the sockets buffer
	id := withBigText(t, e, []string{"目录", page})
	budget := int64(6*len(page)) + 1<<20
	e.te.Documents.SetTextBudget(budget)
	req := e.request("GET", "/api/v1/documents/"+id+"/text?page=2&shown=1", nil)
	req.Header.Set("Authorization", "Bearer "+e.tokens["coordA"])
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("shown page: %d, want 200", resp.StatusCode)
	}
	// The answer has begun and the client reads no more of it.
	time.Sleep(300 * time.Millisecond)
	if release, err := e.te.Documents.HoldTextBudget(budget - int64(len(page))); err == nil {
		release()
		t.Fatalf("while a shown page of %d KB is being sent, another load took all but %d KB of the budget; want the page's share held", len(page)>>10, len(page)>>10)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	// Once sent, the page gives its share back.
	deadline := time.Now().Add(time.Minute)
	for {
		release, err := e.te.Documents.HoldTextBudget(budget)
		if err == nil {
			release()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the budget after the page was sent: %v, want it all given back", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// errorMessage is the message of an error answer, "" for any other.
func errorMessage(body map[string]any) string {
	e, _ := body["error"].(map[string]any)
	msg, _ := e["message"].(string)
	return msg
}

// TestDocumentFind: find-in-document answers the pages on which a string
// occurs, with its words either side, past where the index stops too; a
// blank one is a 400 that says what to type.
func TestDocumentFind(t *testing.T) {
	e := newEnv(t)
	id := withBigText(t, e, []string{"目录", strings.Repeat("推进学习型城市建设。", 60_000) + "老年大学共有学员三千人。"})
	resp, body := e.do(e.request("GET", "/api/v1/documents/"+id+"/find?q="+url.QueryEscape("三千人"), nil), "coordA")
	pages, _ := body["pages"].([]any)
	if resp.StatusCode != http.StatusOK || len(pages) != 1 || body["total"] != 1.0 {
		t.Fatalf("find 三千人: %d %v, want one page", resp.StatusCode, body)
	}
	p := pages[0].(map[string]any)
	if p["page"] != 2.0 || p["unindexed"] != true || p["match"] != "三千人" || !strings.HasSuffix(p["before"].(string), "老年大学共有学员") {
		t.Errorf("find 三千人: %v, want page 2, past the index, after 老年大学共有学员", p)
	}
	resp, body = e.do(e.request("GET", "/api/v1/documents/"+id+"/find?q=", nil), "coordA")
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(errorMessage(body), "请输入") {
		t.Errorf("find nothing: %d %v, want 400 asking what to look for", resp.StatusCode, body)
	}
}

// TestDocumentTextDamagedPastItsFirstPage: a stored text that breaks off
// on a later page is a 409 that says what to do, as it was when the text
// was read whole, not an answer cut short.
func TestDocumentTextDamagedPastItsFirstPage(t *testing.T) {
	e := newEnv(t)
	id := e.upload(cityA, "zongjie.txt", "第一页：学分银行。\f第二页")
	d, err := e.cat.Document(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	body := `{"extractor":"txt","pages":["第一页:学分银行。","第二页:社区`
	if err := e.te.Blobs.Put(context.Background(), "text/"+d.SHA256+".json", strings.NewReader(body), int64(len(body)), "application/json"); err != nil {
		t.Fatal(err)
	}
	resp, answer := e.do(e.request("GET", "/api/v1/documents/"+id+"/text", nil), "coordA")
	if resp.StatusCode != http.StatusConflict || !strings.Contains(errorMessage(answer), "evidence repair") {
		t.Errorf("text damaged on page 2: %d %v, want 409 saying to run evidence repair", resp.StatusCode, answer)
	}
}
