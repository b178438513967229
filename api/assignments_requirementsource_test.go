package api

import (
	"net/http"
	"testing"
)

// TestTaskJSONNamesTheRequirementSource: each task of the API says where
// its requirement came from (requirement_source): 手工填写 for one written
// through POST /api/v1/assignments, the column's heading for one a table
// gave (备注 beside requirement_from_remark), "" once it is cleared.
func TestTaskJSONNamesTheRequirementSource(t *testing.T) {
	e := newEnv(t)
	listed := func() map[string]any {
		t.Helper()
		_, body := e.do(e.request("GET", "/api/v1/assignments?round=2018", nil), "contribA")
		list, _ := body["assignments"].([]any)
		if len(list) != 1 {
			t.Fatalf("the department lists %d tasks, want 1: %v", len(list), body)
		}
		return list[0].(map[string]any)
	}
	add := func(requirement string) map[string]any {
		t.Helper()
		resp, body := e.do(e.request("POST", "/api/v1/assignments", map[string]any{"city": cityA, "round": 2018, "indicator": "2.3.1",
			"department": "市教育局", "due": "2018-12-31", "requirement": requirement}), "coordA")
		if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
			t.Fatalf("add: %d %v", resp.StatusCode, body)
		}
		return body["assignment"].(map[string]any)
	}
	if a := add("终身学习卡发卡文件"); a["requirement_source"] != "手工填写" {
		t.Errorf("the answer's task: requirement_source %v, want 手工填写", a["requirement_source"])
	}
	if a := listed(); a["requirement_source"] != "手工填写" || a["requirement"] != "终身学习卡发卡文件" {
		t.Errorf("the department's task: %v from %v, want 终身学习卡发卡文件 from 手工填写", a["requirement"], a["requirement_source"])
	}
	table := requirementXLSX(t, [][]any{{"指标编码", "责任单位", "截止日期", "备注"}, {"2.3.1", "市教育局", "2018-12-31", "学习档案系统截图"}})
	resp, body := e.do(e.request("POST", "/api/v1/assignments/import", uploadBody(map[string]string{"city": cityA, "round": "2018"},
		map[string][]byte{"责任分解表.xlsx": table})), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("import: %d %v", resp.StatusCode, body)
	}
	if a := listed(); a["requirement_source"] != "备注" || a["requirement_from_remark"] != true {
		t.Errorf("after the table's 备注: source %v, from the 备注 %v; want 备注, true", a["requirement_source"], a["requirement_from_remark"])
	}
	add("")
	if a := listed(); a["requirement_source"] != "" || a["requirement"] != "" {
		t.Errorf("cleared: %v from %v, want both \"\" (present)", a["requirement"], a["requirement_source"])
	}
}
