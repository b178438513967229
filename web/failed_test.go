package web

import (
	"bytes"
	"context"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// brokenPDF is a PDF whose body was cut off: it is a PDF by its first
// bytes, and no reader gets text out of it.
const brokenPDF = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1"

// uploadFailed uploads a file for 杭州 that fails to be read and waits
// until it has failed.
func uploadFailed(t *testing.T, s *site, name, body string) *catalog.Document {
	t.Helper()
	st, err := s.env.Ingest.Stage(strings.NewReader(body), name)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	out, err := s.env.Ingest.Upload(context.Background(), testenv.Admin, ingest.UploadRequest{
		Meta: ingest.Meta{City: "330100", DocType: "policy", DocNumber: "杭教〔2018〕9号"}, Indicators: []string{"2.3.1"},
		Files: []*ingest.Staged{st}})
	if err != nil || out[0].Err != nil {
		t.Fatalf("upload %s: %v %+v", name, err, out)
	}
	return s.env.WaitFinished(out[0].Document.ID, catalog.StatusFailed)
}

// TestFailedDocumentPageSaysWhyAndOffersRetryAndReplace: a PDF that could
// not be read shows its reason, no viewer of page 0 and no bare "no text",
// and to its coordinator the remedy that fits: for a damaged file a
// replace form and the advice to correct the file, no retry that would
// fail alike; a wrong replacement comes back beside the file field; a
// good one keeps the document (id, 文号, link) and ends searchable. An
// expert sees the reason only.
func TestFailedDocumentPageSaysWhyAndOffersRetryAndReplace(t *testing.T) {
	s := newSite(t)
	d := uploadFailed(t, s, "通知.pdf", brokenPDF)
	wang, zhou := s.login("wang"), s.login("zhou")
	resp, body := wang.get("/documents/" + d.ID)
	text := html.UnescapeString(textOf(body))
	if resp.StatusCode != 200 || !strings.Contains(text, d.Error) || d.Error == "" {
		t.Fatalf("failed document page: %d, reason %q not in %.400s", resp.StatusCode, d.Error, text)
	}
	if m := halfWidthInChinese.FindAllString(text, 5); m != nil {
		t.Errorf("the failed document's page: half-width punctuation next to Chinese %q", m)
	}
	for _, bad := range []string{"第 0 页", "还没有可显示的文字", "<iframe"} {
		if strings.Contains(body, bad) {
			t.Errorf("the failed document's page shows %q", bad)
		}
	}
	for _, want := range []string{`id="replaceform"`, "上传替换文件", "这份文件未能读取", `data-cause="file"`, "问题出在文件本身"} {
		if !strings.Contains(body, want) {
			t.Errorf("the failed document's page lacks %q: %.500s", want, text)
		}
	}
	for _, bad := range []string{`id="retryform"`, "放宽了限制"} {
		if strings.Contains(body, bad) {
			t.Errorf("the page of a damaged file offers %q, which cannot mend it: %.500s", bad, text)
		}
	}
	if _, body := zhou.get("/documents/" + d.ID); strings.Contains(body, `id="replaceform"`) || !strings.Contains(body, d.Error) {
		t.Errorf("an expert's view of the failed document: forms shown or reason missing")
	}

	replace := func(files map[string][]byte) (*http.Response, string) {
		resp := wang.postFilesBody("/documents/"+d.ID+"/original", nil, files)
		return resp.resp, resp.body
	}
	for _, tt := range []struct {
		name   string
		files  map[string][]byte
		status int
		phrase string
	}{
		{"no file", nil, 400, "请选择"},
		{"the same bytes", map[string][]byte{"通知.pdf": []byte(brokenPDF)}, 409, "完全相同"},
		{"a file that is not what its name says", map[string][]byte{"通知.pdf": []byte("这不是 PDF")}, 400, ".pdf"},
	} {
		resp, body := replace(tt.files)
		if resp.StatusCode != tt.status || !strings.Contains(body, `id="replace-file-err"`) || !strings.Contains(textOf(body), tt.phrase) {
			t.Errorf("%s: %d, want %d with %q beside the file field: %.400s", tt.name, resp.StatusCode, tt.status, tt.phrase, textOf(body))
		}
		if strings.Contains(body, "出错了") {
			t.Errorf("%s: the error page instead of the form", tt.name)
		}
		if m := halfWidthInChinese.FindAllString(html.UnescapeString(textOf(body)), 5); m != nil {
			t.Errorf("%s: half-width punctuation next to Chinese %q", tt.name, m)
		}
	}
	resp, body = replace(map[string][]byte{"学分银行实施意见.txt": []byte("杭州市学分银行实施意见:建立学分银行,推进学习成果认证。")})
	if resp.StatusCode != 200 || resp.Request.URL.Path != "/documents/"+d.ID || !strings.Contains(textOf(body), "原件已替换为 学分银行实施意见.txt") {
		t.Fatalf("replace: %d at %s: %.300s", resp.StatusCode, resp.Request.URL, textOf(body))
	}
	got := s.env.WaitIndexed(d.ID)
	if got.DocNumber != "杭教〔2018〕9号" || got.Filename != "学分银行实施意见.txt" {
		t.Errorf("the replaced document: %+v", got)
	}
	_, body = wang.get("/documents/" + d.ID + "?q=" + url.QueryEscape("学分银行"))
	if !strings.Contains(body, `data-code="2.3.1"`) || !strings.Contains(body, "<mark>学分银行</mark>") || strings.Contains(body, `id="failure"`) {
		t.Errorf("the replaced document's page lacks its link or text, or still says it failed: %.500s", textOf(body))
	}
	// Retrying a document that has not failed says its state beside the form.
	resp, body = wang.post("/documents/"+d.ID+"/retry", url.Values{})
	if resp.StatusCode != 409 || !strings.Contains(textOf(body), "已经可以检索") || strings.Contains(body, "出错了") {
		t.Errorf("retry of an indexed document: %d %.300s", resp.StatusCode, textOf(body))
	}
}

// TestFailedDocumentAdviceFitsItsCause: a document that failed for a
// program not installed or for the time limit is offered 重新读取 with the
// advice to read it again once that has changed; one whose reader was
// killed, to read it again later; one failed for no recorded reason, both
// remedies; each in both languages.
func TestFailedDocumentAdviceFitsItsCause(t *testing.T) {
	s := newSite(t)
	wang := s.login("wang")
	for _, tt := range []struct {
		reason, cause, zh, en string
	}{
		{"本系统未安装读取扫描件所需的程序 tesseract；请管理员安装 Debian 软件包 tesseract-ocr 后重试", "setup", "放宽了限制", "raised the limit"},
		{"提取文字超时（超过 60 秒），文件可能过大或已损坏；请拆分文件或重新导出后上传", "setup", "放宽了限制", "raised the limit"},
		{"读取该文件的进程被系统强制结束（多半是服务器内存不足），文件本身未必有问题", "server", "请稍后点“重新读取”", "read it again in a while"},
		{"", "", "放宽了限制", "a limit raised"},
	} {
		d := uploadFailed(t, s, "通知.pdf", brokenPDF+tt.reason)
		err := s.env.Catalog.SetStatus(context.Background(), catalog.StatusChange{ID: d.ID, Status: catalog.StatusFailed, Error: tt.reason})
		if err != nil {
			t.Fatal(err)
		}
		_, body := wang.get("/documents/" + d.ID)
		if !strings.Contains(body, `id="retryform"`) || !strings.Contains(body, `id="replaceform"`) ||
			!strings.Contains(body, `data-cause="`+tt.cause+`"`) || !strings.Contains(body, tt.zh) {
			t.Errorf("failed for %q: want 重新读取, 上传替换文件 and the advice %q (cause %q): %.600s", tt.reason, tt.zh, tt.cause, textOf(body))
		}
		wang.get("/lang?to=en&next=/")
		if _, body := wang.get("/documents/" + d.ID); !strings.Contains(body, tt.en) {
			t.Errorf("failed for %q: the English page lacks the advice %q: %.600s", tt.reason, tt.en, textOf(body))
		}
		wang.get("/lang?to=zh&next=/")
	}
}

// filesAnswer is the page a form with files ended on.
type filesAnswer struct {
	resp *http.Response
	body string
}

// postFilesBody posts a form with files (each in the field file),
// following redirects, and returns the page it ends on: the one multipart
// poster of the web tests.
func (b *browser) postFilesBody(path string, fields map[string]string, files map[string][]byte) filesAnswer {
	b.s.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if b.csrf != "" { // an anonymous visitor has none
		mw.WriteField("csrf_token", b.csrf)
	}
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for name, data := range files {
		w, _ := mw.CreateFormFile("file", name)
		w.Write(data)
	}
	mw.Close()
	resp, err := b.c.Post(b.s.srv.URL+path, mw.FormDataContentType(), &buf)
	if err != nil {
		b.s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return filesAnswer{resp: resp, body: string(body)}
}

// TestFailedDocumentSaysWhyInThePagesLanguage: the reason a file could not
// be read is English on an English page and Chinese on a Chinese one; a
// document that failed before the English was kept shows its Chinese
// reason on both.
func TestFailedDocumentSaysWhyInThePagesLanguage(t *testing.T) {
	s := newSite(t)
	d := uploadFailed(t, s, "通知.pdf", brokenPDF)
	if !strings.HasPrefix(d.Error, "PDF 文件已损坏") || !strings.HasPrefix(d.ErrorEnglish, "The PDF is damaged") {
		t.Fatalf("the failure was recorded as %q / %q", d.Error, d.ErrorEnglish)
	}
	old := uploadFailed(t, s, "旧通知.pdf", brokenPDF+" ")
	// As a failure recorded before the English was kept.
	if err := s.env.Catalog.SetStatus(context.Background(), catalog.StatusChange{ID: old.ID, Status: catalog.StatusFailed, Error: old.Error}); err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	reason := func(id string) string {
		t.Helper()
		_, body := wang.get("/documents/" + id)
		i := strings.Index(body, `id="fail-reason"`)
		if i < 0 {
			t.Fatalf("document %s shows no reason: %.400s", id, textOf(body))
		}
		return html.UnescapeString(textOf(body[i : i+strings.Index(body[i:], "</p>")]))
	}
	if got := reason(d.ID); !strings.Contains(got, d.Error) || strings.Contains(got, "The PDF") {
		t.Errorf("Chinese page: reason %q, want %q", got, d.Error)
	}
	wang.english()
	if got := reason(d.ID); !strings.Contains(got, d.ErrorEnglish) || strings.Contains(got, "PDF 文件") {
		t.Errorf("English page: reason %q, want %q", got, d.ErrorEnglish)
	}
	if got := reason(old.ID); !strings.Contains(got, old.Error) {
		t.Errorf("English page of a document failed before the English was kept: reason %q, want %q", got, old.Error)
	}
}

// TestAFailedDocumentCannotBeCitedAndSaysWhyInThePagesLanguage: a
// citation of a document whose text could not be read is refused beside
// the document field, saying so in Chinese and in English; reading again
// a document that has not failed says what state it is in.
func TestAFailedDocumentCannotBeCitedAndSaysWhyInThePagesLanguage(t *testing.T) {
	s := newSite(t)
	failed := uploadFailed(t, s, "通知.txt", garbledText())
	good := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行,推进学习成果认证。")
	c, err := s.env.Claims.Create(context.Background(), testenv.Admin, claims.Input{City: "330100", Indicator: "2.3.1",
		Statement: "杭州市建立了学分银行", Citations: []claims.CitationInput{{DocumentID: good.ID, Page: 1, Quote: "建立学分银行"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ lang, cite, retry string }{
		{"zh", "还没有可用的文字\uFF08文字提取失败\uFF0C请查看文档页面上的原因\uFF09\uFF0C暂不能引用", "该文档已经可以检索"},
		{"en", "has no text to use yet (its text could not be extracted; see the reason on the document's page), so it cannot be cited",
			"Only a document that failed can be read again; this one is searchable already"},
	} {
		wang := s.login("wang")
		if tt.lang == "en" {
			wang.english()
		}
		resp, body := wang.post("/claims/"+c.ID+"/citations", url.Values{"document_id": {failed.ID}, "page": {"1"}, "quote": {"通知"}})
		if got := fieldErrors(body, "c-doc-err")["c-doc-err"]; resp.StatusCode != 400 || !strings.Contains(got, tt.cite) {
			t.Errorf("%s: citing a failed document: %d, beside the document %q, want %q", tt.lang, resp.StatusCode, got, tt.cite)
		}
		resp, body = wang.post("/documents/"+good.ID+"/retry", url.Values{})
		if resp.StatusCode != http.StatusConflict || !strings.Contains(html.UnescapeString(body), tt.retry) {
			t.Errorf("%s: reading a searchable document again: %d %.400s", tt.lang, resp.StatusCode, textOf(body))
		}
	}
}
