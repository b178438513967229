package api

import (
	"net/http"
	"strings"
	"testing"
)

// TestDocumentListRefusesFiltersThatCannotMatch: a status, type or round
// that no document can have is refused about its parameter, as an
// unknown sort is, instead of an empty list that reads as "none"; a type
// may be given by its Chinese name.
func TestDocumentListRefusesFiltersThatCannotMatch(t *testing.T) {
	e := newEnv(t)
	e.upload(cityA, "政策.txt", "杭州市学分银行实施办法。")
	tests := []struct {
		query, field, phrase string
	}{
		{"status=bogus", "status", "文档状态“bogus”未知"},
		{"doc_type=bogus", "doc_type", "未知的文件类型"},
		{"round=abc", "round", "监测轮次应为 2000 至 2100 年间的年份"},
		{"page=abc", "page", "应为整数"},
		{"page=-1", "page", "page 应在 1 到 1000000 之间\uFF0C收到 -1"},
		{"size=0", "size", "size 应在 1 到 500 之间\uFF0C收到 0"},
		{"size=501", "size", "收到 501"},
		{"page=99999999999999999999", "page", "超出范围"},
	}
	for _, tt := range tests {
		resp, body := e.do(e.request("GET", "/api/v1/documents?"+tt.query, nil), "admin")
		er, _ := body["error"].(map[string]any)
		msg, _ := er["message"].(string)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(msg, tt.phrase) || (tt.field != "" && er["field"] != tt.field) {
			t.Errorf("%s: %d %v, want 400 about %q saying %q", tt.query, resp.StatusCode, body, tt.field, tt.phrase)
		}
		if en, _ := er["message_en"].(string); en == "" {
			t.Errorf("%s: no English", tt.query)
		}
	}
	for _, q := range []string{"doc_type=政策文件", "doc_type=policy", "status=indexed", "round=2018"} {
		resp, body := e.do(e.request("GET", "/api/v1/documents?"+q, nil), "admin")
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d %v", q, resp.StatusCode, body)
		}
	}
}
