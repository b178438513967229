package web

import (
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// countingBody counts what the server reads of a request body.
type countingBody struct {
	r    io.Reader
	read atomic.Int64
}

func (c *countingBody) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.read.Add(int64(n))
	return n, err
}

func TestUploadRoleIsCheckedBeforeTheFormIsRead(t *testing.T) {
	s := newSite(t)
	zhou := s.login("zhou") // an expert
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		mw.WriteField("csrf_token", zhou.csrf)
		value := strings.Repeat("a", 64<<10)
		for i := 0; i < 12000; i++ {
			if mw.WriteField(fmt.Sprintf("f%d", i), value) != nil {
				return
			}
		}
		pw.CloseWithError(mw.Close())
	}()
	body := &countingBody{r: pr}
	req := httptest.NewRequest("POST", "/upload", body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	u, _ := url.Parse(s.srv.URL)
	for _, c := range zhou.c.Jar.Cookies(u) {
		req.AddCookie(c)
	}
	h, err := NewHandler(s.deps(s.env.Auth))
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	pr.Close()
	if rec.Code != http.StatusForbidden || body.read.Load() != 0 {
		t.Errorf("an expert posting 750 MiB of fields: %d after reading %d bytes, want 403 before reading any",
			rec.Code, body.read.Load())
	}
}

// repeatReader is n bytes of text, made as they are read: a file of
// hundreds of megabytes that is never held in memory.
type repeatReader struct {
	line []byte
	n    int64
	off  int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	p = p[:min(int64(len(p)), r.n)]
	for i := range p {
		p[i] = r.line[r.off]
		r.off = (r.off + 1) % len(r.line)
	}
	r.n -= int64(len(p))
	return len(p), nil
}

// TestUploadFormTokenIsCheckedBeforeItsFiles: a signed-in coordinator's
// upload form posted from another site (no token, or a wrong one), with a
// file of 200 MB, is refused with 403 having read a few kilobytes of it —
// the file is neither read nor spooled to a temporary file — whether the
// token is missing, comes after the file, is wrong, or is a wrong
// X-CSRF-Token header; the answer says the files were not uploaded.
func TestUploadFormTokenIsCheckedBeforeItsFiles(t *testing.T) {
	s := newSite(t)
	wang := s.login("wang")
	h, err := NewHandler(s.deps(s.env.Auth))
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(s.srv.URL)
	const fileBytes = 200 << 20
	filePart := "--XX\r\nContent-Disposition: form-data; name=\"file\"; filename=\"学分银行建设方案.txt\"\r\nContent-Type: text/plain\r\n\r\n"
	field := func(name, value string) string {
		return "--XX\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n"
	}
	for _, tt := range []struct {
		name, before, after, header string
		contentType                 string // multipart/form-data when empty
	}{
		{name: "no token", before: field("doc_type", "other")},
		{name: "the token after the file", after: field("csrf_token", wang.csrf)},
		{name: "a wrong token", before: field("csrf_token", "forged") + field("doc_type", "other")},
		{name: "a wrong header", before: field("csrf_token", wang.csrf), header: "forged"},
		{name: "no token, the media type in capitals", before: field("doc_type", "other"), contentType: "Multipart/Form-Data; boundary=XX"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			body := &countingBody{r: io.MultiReader(strings.NewReader(tt.before+filePart),
				&repeatReader{line: []byte("杭州市建立学分银行，推进学习成果认证。\n"), n: fileBytes},
				strings.NewReader("\r\n"+tt.after+"--XX--\r\n"))}
			req := httptest.NewRequest("POST", "/upload", body)
			req.Header.Set("Content-Type", "multipart/form-data; boundary=XX")
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			if tt.header != "" {
				req.Header.Set("X-CSRF-Token", tt.header)
			}
			for _, c := range wang.c.Jar.Cookies(u) {
				req.AddCookie(c)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if read := body.read.Load(); rec.Code != http.StatusForbidden || read > 64<<10 {
				t.Errorf("%d after reading %d bytes of a 200 MB upload, want 403 having read at most 64 KiB", rec.Code, read)
			}
			if page := textOf(rec.Body.String()); !strings.Contains(page, "文件未上传") {
				t.Errorf("answer %.300s, want it to say the files were not uploaded", page)
			}
		})
	}
}

// TestUploadFormFieldsBeforeTheTokenAreKept: the fields a client sends
// before the token are read for the check and still reach the upload, as
// does the file after it (spooled past 1 MiB, as before).
func TestUploadFormFieldsBeforeTheTokenAreKept(t *testing.T) {
	s := newSite(t)
	wang := s.login("wang")
	var buf strings.Builder
	mw := multipart.NewWriter(&buf)
	mw.WriteField("doc_number", "杭教〔2019〕12号")
	mw.WriteField("doc_type", "policy")
	mw.WriteField("city", "330100")
	mw.WriteField("csrf_token", wang.csrf)
	w, _ := mw.CreateFormFile("file", "通知.txt")
	w.Write([]byte(strings.Repeat("杭州市建立学分银行，推进学习成果认证。\n", 100_000))) // past formMemory: spooled
	mw.Close()
	resp, err := wang.c.Post(s.srv.URL+"/upload", mw.FormDataContentType(), strings.NewReader(buf.String()))
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("upload with its 文号 before the token: %d %.300s", resp.StatusCode, textOf(string(page)))
	}
	docs, _, err := s.env.Catalog.FindDocuments(context.Background(), catalog.DocumentFilter{City: "330100", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if d.DocNumber == "杭教〔2019〕12号" && d.City == "330100" && d.Size == int64(len("杭州市建立学分银行，推进学习成果认证。\n"))*100_000 {
			return
		}
	}
	t.Errorf("upload with its 文号 before the token: no document of that 文号 and the file's %d bytes in %+v", len("杭州市建立学分银行，推进学习成果认证。\n")*100_000, docs)
}

func TestFormFieldCountIsCapped(t *testing.T) {
	s := newSite(t)
	wang := s.login("wang")
	form := url.Values{}
	for i := 0; i < 500; i++ {
		form.Set(fmt.Sprintf("f%d", i), "x")
	}
	resp, body := wang.post("/documents/x/links", form)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "表单字段过多") {
		t.Errorf("500 fields: %d %.200s, want 400 saying there are too many", resp.StatusCode, textOf(body))
	}
}

func TestLoginFormFromAnotherSiteIsRefused(t *testing.T) {
	s := newSite(t)
	req, _ := http.NewRequest("POST", s.srv.URL+"/login",
		strings.NewReader(url.Values{"username": {"wang"}, "password": {testenv.Password}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("login posted from another site: %d, want 403", resp.StatusCode)
	}
	for _, c := range resp.Cookies() {
		if c.Name == "evidence_session" && c.Value != "" {
			t.Errorf("login from another site set a session cookie")
		}
	}
}

func TestStaticFolderIsNotListed(t *testing.T) {
	s := newSite(t)
	for _, path := range []string{"/static/", "/static", "/static/./", "/static//"} {
		resp, err := http.Get(s.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK || strings.Contains(string(body), ".css") {
			t.Errorf("GET %s: %d %.200s, want no listing", path, resp.StatusCode, body)
		}
	}
	if resp, err := http.Get(s.srv.URL + "/static/app.css"); err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("GET /static/app.css: %v %v", resp, err)
	}
}

// TestPartHeaderIsCapped: a part of an upload form whose header runs past
// 16 KiB (Go would read 10 MiB of it) is refused with 400 and a reason,
// not read.
func TestPartHeaderIsCapped(t *testing.T) {
	s := newSite(t)
	wang := s.login("wang")
	for _, tt := range []struct {
		name, header string
	}{
		{"a header line of a megabyte", "X-Note: " + strings.Repeat("学", 350_000) + "\r\n"},
		{"20 KiB of header lines", strings.Repeat("X-Note: 学习型城市\r\n", 20<<10/24)},
	} {
		body := "--XX\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" + wang.csrf + "\r\n" +
			"--XX\r\nContent-Disposition: form-data; name=\"file\"; filename=\"通知.txt\"\r\n" + tt.header +
			"Content-Type: text/plain\r\n\r\n杭州市学分银行建设工作方案\r\n--XX--\r\n"
		req, _ := http.NewRequest("POST", s.srv.URL+"/upload", strings.NewReader(body))
		req.Header.Set("Content-Type", "multipart/form-data; boundary=XX")
		resp, err := wang.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(page), "头部（header）超过 16 KiB") {
			t.Errorf("%s: %d %.300s, want 400 saying the part's header is over 16 KiB", tt.name, resp.StatusCode, textOf(string(page)))
		}
	}
}
