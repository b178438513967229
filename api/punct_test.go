package api

import (
	"strings"
	"testing"
)

// TestMessagesWriteChinesePunctuation: the API's Chinese messages about
// paging and about a field of the wrong kind write their commas and
// brackets full-width, as the rest of the Chinese does.
func TestMessagesWriteChinesePunctuation(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct {
		method, path string
		body         any
		want         string
	}{
		{"GET", "/api/v1/search?q=学分银行&size=100000", nil, "分页参数超出范围\uFF1A1 ≤ size ≤ 100\uFF0Cfrom ≥ 0\uFF0Cfrom+size ≤ 10000"},
		{"GET", "/api/v1/values?size=100000", nil, "分页参数超出范围\uFF1Asize 应在 1 到 "},
		{"POST", "/api/v1/saved-searches", map[string]any{"name": "学分银行", "query": map[string]any{"q": "学分银行"}},
			"字段 query 应为文字\uFF08字符串\uFF09\uFF0C收到的是 对象"},
		{"POST", "/api/v1/claims", map[string]any{"indicator": "2.3.1", "round": "二〇一八", "statement": "我市建成社区学校120所"},
			"字段 round 应为监测轮次的年份\uFF0C写作数字\uFF082024\uFF09或数字字符串"},
	} {
		resp, body := e.do(e.request(tc.method, tc.path, tc.body), "expert")
		e1, _ := body["error"].(map[string]any)
		msg, _ := e1["message"].(string)
		if resp.StatusCode != 400 || !strings.Contains(msg, tc.want) || strings.ContainsAny(msg, ",;()") {
			t.Errorf("%s %s: %d %q, want 400 saying %q with no half-width , ; ( )", tc.method, tc.path, resp.StatusCode, msg, tc.want)
		}
	}
}
