package main

import (
	"archive/zip"
	"bytes"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestArchiveEndToEnd uploads a mixed Chinese set through the real server,
// waits for the pipeline, and searches it as an expert would.
func TestArchiveEndToEnd(t *testing.T) {
	s := startServer(t, "")
	files := []upload{
		fixture(t, "ningbo-policy.pdf"),
		fixture(t, "hangzhou-summary.docx"),
		fixture(t, "chengdu-news-gb18030.txt"),
		fixture(t, "wuhan-case.html"),
	}
	cities := map[string]string{"ningbo-policy.pdf": "330200", "hangzhou-summary.docx": "330100",
		"chengdu-news-gb18030.txt": "510100", "wuhan-case.html": "420100"}
	ids := map[string]string{}
	for _, f := range files {
		status, body := s.upload(map[string]string{"city": cities[f.name], "doc_type": "policy", "issued_on": "2017-06-01"}, f)
		if status != http.StatusCreated {
			t.Fatalf("upload %s: status %d, body %v", f.name, status, body)
		}
		d := uploadedDocuments(t, body)[0]
		if d["duplicate"] != false || d["filename"] != f.name || d["sha256"] == "" {
			t.Fatalf("upload %s: %v", f.name, d)
		}
		ids[f.name] = d["id"].(string)
	}
	for name, id := range ids {
		d := s.waitDone(id)
		if d["status"] != "indexed" {
			t.Fatalf("%s: status %v, error %v", name, d["status"], d["error"])
		}
	}
	if _, d := s.get("/api/v1/documents/"+ids["ningbo-policy.pdf"], nil); d["pages"] != float64(3) {
		t.Errorf("PDF pages %v, want 3", d["pages"])
	}

	search := func(q string, extra url.Values) map[string]any {
		t.Helper()
		v := url.Values{"q": {q}}
		for k, vs := range extra {
			v[k] = vs
		}
		status, body := s.get("/api/v1/search", v)
		if status != http.StatusOK {
			t.Fatalf("search %q: status %d %v", q, status, body)
		}
		return body
	}
	tests := []struct {
		q     string
		extra url.Values
		want  []string
	}{
		{"学分银行", nil, []string{"chengdu-news-gb18030.txt", "ningbo-policy.pdf"}},
		{"宁波", nil, []string{"ningbo-policy.pdf"}}, // finds 宁波市
		{"市长", nil, nil}, // not in 南京市长江大桥
		{"全民终身学习活动周", nil, []string{"chengdu-news-gb18030.txt"}}, // GB18030 decoded
		{"隐藏脚本词", nil, nil}, // script dropped
		{"社区学习共同体", nil, []string{"hangzhou-summary.docx", "wuhan-case.html"}},
		{"学分银行 -宁波", nil, []string{"chengdu-news-gb18030.txt"}},
		{"学分银行 社区学院", nil, []string{"ningbo-policy.pdf"}},
		{`"学习成果认证"`, nil, []string{"ningbo-policy.pdf"}},
		{"大讲堂 OR 读书会", nil, []string{"hangzhou-summary.docx", "wuhan-case.html"}},
		{"学分银行", url.Values{"city": {"510100"}}, []string{"chengdu-news-gb18030.txt"}},
		{"342场", url.Values{"year": {"2017"}, "doc_type": {"policy"}}, []string{"hangzhou-summary.docx"}},
	}
	for _, tt := range tests {
		got := hitNames(search(tt.q, tt.extra))
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("search %q %v: got %v, want %v", tt.q, tt.extra, got, tt.want)
		}
	}

	// Fragments carry their page, marks are merged and the rest is escaped.
	body := search("学分银行", url.Values{"city": {"330200"}})
	hit := body["hits"].([]any)[0].(map[string]any)
	frags := hit["fragments"].([]any)
	if len(frags) == 0 || len(frags) > 3 {
		t.Fatalf("fragments %v", frags)
	}
	for _, f := range frags {
		f := f.(map[string]any)
		if f["page"] != float64(2) || !strings.Contains(f["html"].(string), "<mark>学分银行</mark>") {
			t.Errorf("fragment %v: want page 2 with <mark>学分银行</mark>", f)
		}
	}
	facets := body["facets"].(map[string]any)["city"].([]any)
	if len(facets) != 1 || facets[0].(map[string]any)["label"] != "宁波" {
		t.Errorf("city facet %v", facets)
	}

	// The original comes back byte-exact with its UTF-8 name.
	resp, got := s.raw("/api/v1/documents/" + ids["chengdu-news-gb18030.txt"] + "/original")
	if want := fixture(t, "chengdu-news-gb18030.txt").body; !bytes.Equal(got, want) {
		t.Errorf("original differs: %d bytes, want %d", len(got), len(want))
	}
	if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "attachment") || !strings.Contains(cd, "chengdu-news-gb18030.txt") {
		t.Errorf("Content-Disposition %q", cd)
	}
	resp, _ = s.raw("/api/v1/documents/" + ids["ningbo-policy.pdf"] + "/original?inline=1")
	if cd, csp := resp.Header.Get("Content-Disposition"), resp.Header.Get("Content-Security-Policy"); !strings.HasPrefix(cd, "inline") ||
		!strings.Contains(csp, "frame-ancestors 'self'") || !strings.Contains(csp, "script-src 'none'") || resp.Header.Get("Content-Type") != "application/pdf" {
		t.Errorf("inline PDF: %q, %q", cd, csp)
	}
	_, text := s.get("/api/v1/documents/"+ids["ningbo-policy.pdf"]+"/text", nil)
	if pages := text["pages"].([]any); len(pages) != 3 || !strings.Contains(pages[1].(string), "学分银行") {
		t.Errorf("text pages %v", pages)
	}

	// The same bytes again: the existing document, nothing stored twice.
	before := countFiles(t, filepath.Join(s.dataDir, "blobs"))
	status, body := s.upload(map[string]string{"city": "330200", "doc_type": "policy", "department": "宁波市教育局"}, fixture(t, "ningbo-policy.pdf"))
	if status != http.StatusOK {
		t.Fatalf("duplicate upload: status %d %v", status, body)
	}
	if d := uploadedDocuments(t, body)[0]; d["duplicate"] != true || d["id"] != ids["ningbo-policy.pdf"] {
		t.Errorf("duplicate upload returned %v", d)
	}
	if after := countFiles(t, filepath.Join(s.dataDir, "blobs")); after != before {
		t.Errorf("blob files %d after duplicate, want %d", after, before)
	}
}

// TestBadInputIsRefusedOrFailedClearly sends each kind of bad file and
// request; every one gets a clear answer and nothing is half-written.
func TestBadInputIsRefusedOrFailedClearly(t *testing.T) {
	t.Setenv("EVIDENCE_MAX_UPLOAD", "1MiB")
	s := startServer(t, "")
	meta := map[string]string{"city": "330100", "doc_type": "policy"}

	refused := []struct {
		name   string
		file   upload
		fields map[string]string
		status int
		phrase string
	}{
		{"over the limit", upload{"big.txt", bytes.Repeat([]byte("学分银行"), 100000)}, meta, 413, "超过上传上限"},
		{"pdf that is not a pdf", upload{"通知.pdf", []byte("这不是 PDF 文件,只是文字。")}, meta, 400, "PDF"},
		{"empty file", upload{"empty.txt", nil}, meta, 400, "为空"},
		{"docx that is not a zip", upload{"总结.docx", []byte("plain text, not a zip archive at all")}, meta, 400, "DOCX"},
		{"unsupported type", upload{"动画.gif", []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00")}, meta, 415, "PDF"},
		{"unknown city", fixture(t, "wuhan-case.html"), map[string]string{"city": "999999", "doc_type": "policy"}, 400, "城市"},
		{"unknown type", fixture(t, "wuhan-case.html"), map[string]string{"city": "330100", "doc_type": "memo"}, 400, "文件类型"},
		{"bad date", fixture(t, "wuhan-case.html"), map[string]string{"city": "330100", "doc_type": "policy", "issued_on": "2017年13月"}, 400, "日期"},
	}
	for _, tt := range refused {
		status, body := s.upload(tt.fields, tt.file)
		code, msg := errorOf(body)
		if status != tt.status || !strings.Contains(msg, tt.phrase) {
			t.Errorf("%s: status %d %s %q, want %d with %q", tt.name, status, code, msg, tt.status, tt.phrase)
		}
	}
	// A file over the limit ends its request, named, without the rest of
	// the body being read on to the next file.
	status, body := s.upload(meta, upload{"big.txt", bytes.Repeat([]byte("学分银行"), 100000)}, fixture(t, "wuhan-case.html"))
	if code, msg := errorOf(body); status != 413 || !strings.Contains(msg, "big.txt") || !strings.Contains(msg, "超过上传上限") {
		t.Errorf("a file over the limit among others: %d %s %q, want 413 naming big.txt", status, code, msg)
	}
	if _, list := s.get("/api/v1/documents", nil); list["total"] != float64(0) {
		t.Errorf("refused uploads left %v documents", list["total"])
	}

	failed := []struct {
		name   string
		file   upload
		phrase string
	}{
		{"zip bomb", upload{"炸弹.docx", zipBomb(t)}, "压缩炸弹"},
		{"neither UTF-8 nor GB18030", upload{"乱码.txt", randomHighBytes()}, "编码"},
	}
	for _, tt := range failed {
		status, body := s.upload(meta, tt.file)
		if status != http.StatusCreated {
			t.Fatalf("%s: status %d %v, want 201 then failed", tt.name, status, body)
		}
		id := uploadedDocuments(t, body)[0]["id"].(string)
		d := s.waitDone(id)
		if d["status"] != "failed" || !strings.Contains(d["error"].(string), tt.phrase) {
			t.Errorf("%s: status %v error %q, want failed with %q", tt.name, d["status"], d["error"], tt.phrase)
		}
		if _, orig := s.raw("/api/v1/documents/" + id + "/original"); !bytes.Equal(orig, tt.file.body) {
			t.Errorf("%s: original of a failed document not downloadable byte-exact", tt.name)
		}
	}

	// A corrupted PDF must not take the server down: it ends failed or, with
	// pdftotext installed, indexed from what poppler recovers.
	status, body = s.upload(meta, upload{"损坏.pdf", corruptPDF(t)})
	if status != http.StatusCreated {
		t.Fatalf("corrupt pdf upload: %d %v", status, body)
	}
	d := s.waitDone(uploadedDocuments(t, body)[0]["id"].(string))
	if d["status"] == "failed" && d["error"] == "" {
		t.Errorf("corrupt pdf failed without a reason")
	}
	if status, _ := s.get("/healthz", nil); status != http.StatusOK {
		t.Errorf("healthz after bad input: %d", status)
	}

	queries := []struct{ q, phrase string }{
		{`"学分银行`, "引号"},
		{"学分银行 OR", "OR"},
		{"，。！", "没有可检索的文字"},
	}
	for _, tt := range queries {
		status, body := s.get("/api/v1/search", url.Values{"q": {tt.q}})
		if _, msg := errorOf(body); status != http.StatusBadRequest || !strings.Contains(msg, tt.phrase) {
			t.Errorf("query %q: status %d %q, want 400 with %q", tt.q, status, msg, tt.phrase)
		}
	}
}

func TestEveryRequestButHealthzNeedsAToken(t *testing.T) {
	s := startServer(t, "")
	for _, tc := range []struct{ token, path string }{
		{"", "/api/v1/search?q=学分银行"},
		{"ev_not-a-real-token", "/api/v1/documents"},
		{"", "/metrics"},
	} {
		req, _ := http.NewRequest("GET", s.base+tc.path, nil)
		if tc.token != "" {
			req.Header.Set("Authorization", "Bearer "+tc.token)
		} else {
			req.Header.Set("Authorization", "none")
		}
		status, body := s.do(req)
		if code, _ := errorOf(body); status != http.StatusUnauthorized || code != "EUNAUTHORIZED" {
			t.Errorf("%s with token %q: %d %v", tc.path, tc.token, status, body)
		}
	}
	resp, err := http.Get(s.base + "/healthz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("healthz without a token: %v %v", resp, err)
	}
}

// zipBomb is a valid DOCX-shaped zip whose document.xml inflates far past
// the extraction limit while the file itself stays small.
func zipBomb(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "word/document.xml"} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if name == "word/document.xml" {
			w.Write([]byte(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>`))
			chunk := bytes.Repeat([]byte("学"), 1<<20)
			for range 40 { // 120 MiB inflated
				w.Write(chunk)
			}
			continue
		}
		w.Write([]byte(`<?xml version="1.0"?><Types/>`))
	}
	zw.Close()
	if buf.Len() > 1<<20 {
		t.Fatalf("zip bomb is %d bytes; it must fit under the 1MiB test limit", buf.Len())
	}
	return buf.Bytes()
}

// randomHighBytes is text in no encoding we read: deterministic bytes from
// the upper half that are invalid UTF-8 and decode as GB18030 to rare
// characters or nothing at all.
func randomHighBytes() []byte {
	b := make([]byte, 4000)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(0x80 | x&0x7f)
	}
	return b
}

// corruptPDF flips bytes inside the fixture's content streams.
func corruptPDF(t *testing.T) []byte {
	t.Helper()
	b := bytes.Clone(fixture(t, "ningbo-policy.pdf").body)
	start := bytes.Index(b, []byte("stream"))
	for i := 0; i < 200 && start+40+i*7 < len(b); i++ {
		b[start+40+i*7] ^= 0x5a
	}
	return b
}

func countFiles(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			n++
		}
		return nil
	})
	return n
}
