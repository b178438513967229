package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestNoRoundYetIsSaidNotRoundZero: in an archive with no monitoring
// round at all, every request that leaves its round blank for the
// current one — a claim, a value, a link taken out of or put back into
// the round, the report, the evidence pack, a responsibility table
// imported or copied — is a 400 about round saying that none is set up
// yet and who creates one, in Chinese and English, where it said
// "监测轮次 0 不存在", "收到“0”" or "0年度之前".
func TestNoRoundYetIsSaidNotRoundZero(t *testing.T) {
	e := newEnv(t)
	_, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"city": cityA, "doc_type": "work_summary"},
		map[string][]byte{"学分银行建设情况.txt": []byte("杭州市建立学分银行，认定市民终身学习基地123个。")})), "admin")
	doc := body["documents"].([]any)[0].(map[string]any)["id"].(string)
	e.te.WaitIndexed(doc)
	link := e.link(doc, "2.3.1")
	e.te.NoRounds(t)
	const zh = "尚未设置监测轮次\uFF0C请管理员先在“系统管理”页的“监测轮次”中新建"
	const en = "No monitoring round is set up yet; an administrator creates one first under Rounds on the Administration page"
	table := "指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2030-03-31,张老师\n"
	requests := map[string]*http.Request{
		"定性描述": e.request("POST", "/api/v1/claims", map[string]any{"city": cityA, "indicator": "2.3.1", "statement": "杭州市建立了学分银行",
			"citations": []map[string]any{{"document_id": doc, "page": 1, "quote": "建立学分银行"}}}),
		"数值": e.request("POST", "/api/v1/values", map[string]any{"city": cityA, "indicator": "2.2.1", "value": "123",
			"citation": map[string]any{"document_id": doc, "page": 1, "quote": "认定市民终身学习基地123个"}}),
		"移出本轮":   e.request("DELETE", "/api/v1/links/"+link+"?round=", nil),
		"恢复计入本轮": e.request("POST", "/api/v1/links/"+link+"/restore?round=", nil),
		"监测报告":   e.request("GET", "/api/v1/reports/"+cityA, nil),
		"佐证材料包":  e.request("GET", "/api/v1/packs/"+cityA, nil),
		"复制上一轮":  e.request("POST", "/api/v1/assignments/copy", map[string]any{"city": cityA}),
		"导入责任分解表": e.request("POST", "/api/v1/assignments/import",
			uploadBody(map[string]string{"city": cityA}, map[string][]byte{"责任分解表.csv": []byte(table)})),
	}
	for name, req := range requests {
		resp, body := e.do(req, "coordA")
		er, _ := body["error"].(map[string]any)
		msg := fmt.Sprint(er["message"])
		if resp.StatusCode != http.StatusBadRequest || er["field"] != "round" || msg != zh || er["message_en"] != en {
			t.Errorf("%s with no round: %d %v, want 400 about round saying %q", name, resp.StatusCode, body, zh)
		}
		if strings.Contains(msg, "0") {
			t.Errorf("%s with no round names a round 0: %q", name, msg)
		}
	}
}
