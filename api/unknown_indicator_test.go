package api

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestListingsRefuseAnUnknownIndicator: the documents and the audit log
// filtered by an indicator code that no framework holds and nothing names
// answer 400 on indicator, naming it (probe s46 #3), not an empty list
// that reads as "no evidence for this indicator"; an indicator of the
// framework with no documents is an empty list.
func TestListingsRefuseAnUnknownIndicator(t *testing.T) {
	e := newEnv(t)
	e.upload(cityA, "政策.txt", "杭州市学分银行实施办法。")
	for _, path := range []string{"/api/v1/documents", "/api/v1/events"} {
		for _, code := range []string{"9.9.9", "../../etc"} {
			resp, body := e.do(e.request("GET", path+"?indicator="+url.QueryEscape(code), nil), "admin")
			er, _ := body["error"].(map[string]any)
			msg, _ := er["message"].(string)
			if resp.StatusCode != http.StatusBadRequest || er["field"] != "indicator" || !strings.Contains(msg, "没有编码为 "+code+" 的指标") {
				t.Errorf("%s of %s: %d %v, want 400 on indicator naming it", path, code, resp.StatusCode, body)
			}
			if en, _ := er["message_en"].(string); !strings.Contains(en, code) {
				t.Errorf("%s of %s: English %q", path, code, en)
			}
		}
	}
	resp, body := e.do(e.request("GET", "/api/v1/documents?indicator=2.3.2", nil), "admin")
	if docs, _ := body["documents"].([]any); resp.StatusCode != http.StatusOK || len(docs) != 0 {
		t.Errorf("documents of 2.3.2 (none linked): %d %v, want an empty list", resp.StatusCode, body)
	}
}
