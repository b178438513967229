package web

import (
	"context"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/api"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestDocumentPageSaysItsOriginalIsDamaged: once the stored original was
// found damaged (by check, a download or a pack), the document's page says
// so and how to mend it (the same file uploaded again), with the way to
// the upload page for those who may upload; it says nothing of the kind
// for a sound original.
func TestDocumentPageSaysItsOriginalIsDamaged(t *testing.T) {
	s := newSite(t)
	d := s.env.Upload("330100", "工作总结.txt", "杭州市学分银行建设工作总结。")
	coord, reviewer := s.login("wang"), s.login("li")
	_, page := coord.get("/documents/" + d.ID)
	if strings.Contains(page, `id="original-damaged"`) {
		t.Fatalf("a sound original is said to be damaged")
	}
	// No download attribute: with it a browser saves a refusal as a failed
	// download instead of showing the page that says why.
	if !strings.Contains(page, `<a href="/api/v1/documents/`+d.ID+`/original">`) {
		t.Errorf("the link to a sound original, without a download attribute: %.800s", page)
	}
	if err := ingest.FlagDamagedOriginal(context.Background(), s.env.Catalog, d.ID, "download", "wang"); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		b      *browser
		upload bool
	}{{coord, true}, {reviewer, false}} {
		_, page := tt.b.get("/documents/" + d.ID)
		text := html.UnescapeString(textOf(page))
		if !strings.Contains(text, "档案中保存的原件已损坏或缺失") || !strings.Contains(text, "用同一文件重新上传即可修复") {
			t.Errorf("%s: the page of a document whose original is damaged does not say so: %.600s", tt.b.name, text)
		}
		if got := strings.Contains(page, `<a href="/upload">`); got != tt.upload {
			t.Errorf("%s: the way to the upload page offered %v, want %v", tt.b.name, got, tt.upload)
		}
		if strings.Contains(page, `href="/api/v1/documents/`+d.ID+`/original`) || !strings.Contains(text, "下载原件（工作总结.txt）：暂不可用，原件已损坏或缺失，修复方法见上方说明") {
			t.Errorf("%s: the page of a damaged original still offers it for download, or does not say why not: %.600s", tt.b.name, text)
		}
		if got := strings.Contains(text, "请联系本市协调员或管理员用同一文件重新上传"); got == tt.upload {
			t.Errorf("%s: who to ask said %v, want %v (only to one who cannot upload)", tt.b.name, got, !tt.upload)
		}
	}
}

// withAPI serves the JSON API under /api/ beside the UI, as the server
// does, with the UI's error page for a browser's navigation.
func (s *site) withAPI() {
	s.t.Helper()
	ui, err := NewHandler(s.deps(s.env.Auth))
	if err != nil {
		s.t.Fatal(err)
	}
	page, err := NewErrorPage(s.deps(s.env.Auth))
	if err != nil {
		s.t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", api.NewHandler(s.deps(s.env.Auth), page))
	mux.Handle("/", ui)
	s.srv.Close()
	s.srv = httptest.NewServer(mux)
	s.t.Cleanup(s.srv.Close)
}

// navigate opens path as a browser does a link from the page from.
func (b *browser) navigate(path, from string) (*http.Response, string) {
	b.s.t.Helper()
	req, err := http.NewRequest("GET", b.s.srv.URL+path, nil)
	if err != nil {
		b.s.t.Fatal(err)
	}
	req.Header.Set("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
	req.Header.Set("Sec-Fetch-Mode", "navigate")
	req.Header.Set("Referer", b.s.srv.URL+from)
	resp, err := b.c.Do(req)
	if err != nil {
		b.s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

// TestADamagedOriginalsLinksAnswerAPage: the UI's links to a damaged
// original (下载原件) and to a pack holding one (下载佐证材料包) go to the API;
// a browser following them is refused with the UI's error page, in the
// UI's language, saying how to mend it, who to ask, and the way back —
// never the API's JSON, which a program still gets.
func TestADamagedOriginalsLinksAnswerAPage(t *testing.T) {
	s := newSite(t)
	s.withAPI()
	s.env.UploadLinked("330100", testenv.RoundEvidence[:1])
	docs, _, err := s.env.Catalog.FindDocuments(context.Background(), catalog.DocumentFilter{City: "330100"})
	if err != nil || len(docs) != 1 {
		t.Fatalf("the uploaded document: %v %v", docs, err)
	}
	d := docs[0]
	if err := s.env.Blobs.Put(context.Background(), catalog.OriginalKey(d.SHA256), strings.NewReader("杭州市学习型城市建设规划（草稿）。"), -1, ""); err != nil {
		t.Fatal(err)
	}
	coord := s.login("wang")
	for _, tt := range []struct{ name, path, from, says string }{
		{"下载原件", "/api/v1/documents/" + d.ID + "/original", "/documents/" + d.ID, "《" + d.Title + "》的原件已损坏或缺失；请用同一文件重新上传（上传页）"},
		{"下载佐证材料包", "/api/v1/packs/330100?round=2017", "/compare?round=2017", "佐证材料包中有 1 份原件已损坏或缺失：《" + d.Title + "》；请用同一文件重新上传这些文档（上传页）"},
	} {
		resp, page := coord.navigate(tt.path, tt.from)
		text := html.UnescapeString(textOf(page))
		if resp.StatusCode != http.StatusConflict || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") ||
			!strings.Contains(text, tt.says) || !strings.Contains(text, "没有上传权限的请联系本市协调员或管理员") || strings.Contains(page, `{"error"`) {
			t.Errorf("%s of a damaged original: %d %q %.600s, want the error page saying how to mend it and who to ask", tt.name, resp.StatusCode, resp.Header.Get("Content-Type"), text)
		}
		if !strings.Contains(page, `href="`+html.EscapeString(tt.from)+`" id="error-back"`) {
			t.Errorf("%s of a damaged original: no way back to %s on the page: %.600s", tt.name, tt.from, page)
		}
	}

	coord.get("/lang?to=en&next=/search")
	resp, page := coord.navigate("/api/v1/documents/"+d.ID+"/original", "/documents/"+d.ID)
	if text := html.UnescapeString(textOf(page)); resp.StatusCode != http.StatusConflict || !strings.Contains(text, "The original of “"+d.Title+"” is damaged or missing: upload the same file again") ||
		!strings.Contains(text, "ask the city's coordinator or an admin") {
		t.Errorf("下载原件 of a damaged original in the English UI: %d %.600s", resp.StatusCode, text)
	}

	// A program (no navigation, or a bearer token) still reads JSON.
	resp, body := coord.get("/api/v1/documents/" + d.ID + "/original")
	if resp.StatusCode != http.StatusConflict || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") || !strings.Contains(body, `"code":"ECONFLICT"`) {
		t.Errorf("a program's download of a damaged original: %d %q %.300s, want the JSON 409", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
}

// TestADamagedPDFsFrameShowsTheErrorPage: the document page shows a PDF
// in a frame (original?inline=1), often where a damaged original is first
// found; the error page answering it may be framed by our own pages (else
// the browser shows a blocked frame instead of how to mend it), and by no
// other site. Every other refusal stays unframeable.
func TestADamagedPDFsFrameShowsTheErrorPage(t *testing.T) {
	s := newSite(t)
	s.withAPI()
	d := s.env.Upload("330100", "工作总结.txt", "杭州市学分银行建设工作总结。")
	if err := s.env.Blobs.Put(context.Background(), catalog.OriginalKey(d.SHA256), strings.NewReader("杭州市学分银行建设工作总结（草稿）。"), -1, ""); err != nil {
		t.Fatal(err)
	}
	coord := s.login("wang")
	original := "/api/v1/documents/" + d.ID + "/original"
	resp, page := coord.navigate(original+"?inline=1", "/documents/"+d.ID)
	csp := resp.Header.Get("Content-Security-Policy")
	if resp.StatusCode != http.StatusConflict || !strings.Contains(html.UnescapeString(textOf(page)), "的原件已损坏或缺失") {
		t.Fatalf("the frame's damaged original: %d %.300s, want the error page saying so", resp.StatusCode, page)
	}
	// Inside the frame, the message alone: not a second site with its top
	// bar and menu, and a link that leaves the frame.
	if strings.Contains(page, `href="/search"`) || strings.Contains(page, "退出") || strings.Contains(page, "<nav") ||
		!strings.Contains(page, `<a href="/documents/`+d.ID+`" target="_top"`) {
		t.Errorf("the error page in the document page's frame is not a bare message with a link to the whole page:\n%.1500s", page)
	}
	if resp.Header.Get("X-Frame-Options") != "SAMEORIGIN" || !strings.Contains(csp, "frame-ancestors 'self'") ||
		strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("the error page in the document page's frame: X-Frame-Options %q, CSP %q; want it framed by our pages alone",
			resp.Header.Get("X-Frame-Options"), csp)
	}
	for _, tt := range []struct {
		name string
		get  func() *http.Response
	}{
		{"下载原件", func() *http.Response { r, _ := coord.navigate(original, "/documents/"+d.ID); return r }},
		{"a program's inline=1", func() *http.Response { r, _ := coord.get(original + "?inline=1"); return r }},
	} {
		resp := tt.get()
		if resp.StatusCode != http.StatusConflict || resp.Header.Get("X-Frame-Options") != "DENY" ||
			!strings.Contains(resp.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Errorf("%s of a damaged original: %d, X-Frame-Options %q, CSP %q; want 409 and no framing", tt.name,
				resp.StatusCode, resp.Header.Get("X-Frame-Options"), resp.Header.Get("Content-Security-Policy"))
		}
	}
}
