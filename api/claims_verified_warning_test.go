package api

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestVerifiedOverANumberNotFoundNeedsAReason: 属实 on a claim whose
// 150所 is in none of its quotes (the quote says 120所) was saved with no
// comment, and the report said 【属实】 with nothing about the number
// (probe s41 finding 2). It is refused naming the number, in Chinese and
// English, and saved with a reason, which the report keeps beside 【属实】.
func TestVerifiedOverANumberNotFoundNeedsAReason(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "工作总结.txt", "全市建成社区学校120所，覆盖所有街道。")
	resp, body := e.do(e.request("POST", "/api/v1/claims", map[string]any{
		"indicator": "3.1.2", "statement": "我市建成社区学校150所，覆盖所有街道",
		"citations": []map[string]any{{"document_id": doc, "page": 1, "quote": "全市建成社区学校120所"}}}), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create claim: %d %v", resp.StatusCode, body)
	}
	claim := body["claim"].(map[string]any)
	id := claim["id"].(string)

	resp, body = e.do(e.request("POST", "/api/v1/claims/"+id+"/reviews", map[string]any{"verdict": "verified"}), "reviewer")
	e1, _ := body["error"].(map[string]any)
	if resp.StatusCode != http.StatusBadRequest && resp.StatusCode != http.StatusUnprocessableEntity || e1 == nil ||
		!strings.Contains(fmt.Sprint(e1["message"]), "150所") || !strings.Contains(fmt.Sprint(e1["message"]), "审核意见") ||
		!strings.Contains(fmt.Sprint(e1["message_en"]), "not in its quotes") {
		t.Fatalf("属实 with no reason over 150所: %d %v; want a refusal naming 150所, in English too", resp.StatusCode, body)
	}

	const why = "已核对教育局统计台账，另有30所为新建分校"
	resp, body = e.do(e.request("POST", "/api/v1/claims/"+id+"/reviews", map[string]any{"verdict": "verified", "comment": why}), "reviewer")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("属实 with a reason: %d %v", resp.StatusCode, body)
	}

	req := e.request("GET", fmt.Sprintf("/api/v1/reports/%s?round=%v&format=docx", cityA, claim["round"]), nil)
	resp, report, err := e.fetch(req, "coordA")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("report: %v %v %.200s", resp, err, report)
	}
	if text := docxText(t, report); !strings.Contains(text, "【属实】（审核意见："+why) {
		t.Errorf("the report's line of the claim lacks 【属实】 with its reason %q: %.2000s", why, text)
	}
}

// docxText is the text of a DOCX's body, its XML tags left out.
func docxText(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a docx: %v", err)
	}
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		x, _ := io.ReadAll(rc)
		rc.Close()
		var out strings.Builder
		in := false
		for _, r := range string(x) {
			switch {
			case r == '<':
				in = true
			case r == '>':
				in = false
			case !in:
				out.WriteRune(r)
			}
		}
		return out.String()
	}
	t.Fatal("no word/document.xml")
	return ""
}
