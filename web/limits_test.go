package web

import (
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

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
