package main

import (
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestSearchAPastedPassageThroughAProxy: `evidence search --server` with
// 1,500 characters of a 工作总结, through a proxy that refuses an address
// over 8 KiB as nginx does (414), finds the summary alone: the passage
// travels in a POST body. It says, in Chinese and in English, that the
// query was read as a passage, and marks the passage in the hit.
func TestSearchAPastedPassageThroughAProxy(t *testing.T) {
	s := startServer(t, "")
	for name, text := range map[string]string{"2018年工作总结.txt": testenv.WorkSummary, "老年教育方案.txt": testenv.Unrelated, "活动周通知.txt": testenv.NoticeFinal} {
		status, body := s.upload(map[string]string{"city": "330200", "doc_type": "work_summary"}, upload{name: name, body: []byte(text)})
		if status != 201 {
			t.Fatalf("upload %s: %d %v", name, status, body)
		}
		s.waitDone(uploadedDocuments(t, body)[0]["id"].(string))
	}
	target, err := url.Parse(s.base)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(r.RequestURI) > 8<<10 {
			http.Error(w, "414 Request-URI Too Large", http.StatusRequestURITooLong)
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(front.Close)

	out, err := runCLI(t, "search", testenv.SummaryPassage, "--server", front.URL, "--token", s.token)
	if err != nil {
		t.Fatalf("search of the passage through the proxy: %v\n%.400s", err, out)
	}
	if !strings.Contains(out, "共 1 条结果") || !strings.Contains(out, "宁波市2018年学习型城市建设工作总结") {
		t.Errorf("search of the passage does not find the summary alone:\n%.600s", out)
	}
	if !strings.Contains(out, "检索式超过 200 字，已按段落查找出处") {
		t.Errorf("search of the passage does not say it was read as a passage:\n%.600s", out)
	}
	if !strings.Contains(out, "【") {
		t.Errorf("the summary's hit marks nothing of the passage:\n%.600s", out)
	}
	out, err = runCLI(t, "search", testenv.SummaryPassage, "--server", front.URL, "--token", s.token, "--lang", "en")
	if err != nil || !strings.Contains(out, "read as a passage") {
		t.Errorf("search --lang en of the passage: %v, want it said in English that it was read as a passage:\n%.600s", err, out)
	}
}
