package api

import (
	"net/http"
	"strings"
	"testing"
)

// TestTaskRequirementWrittenByHand: POST /api/v1/assignments adds a task
// with the 材料要求 a coordinator writes, answered with requirement_column
// 手工填写 and listed to the department as the task's requirement; a
// change without requirement keeps it, "" clears it, and one over 2000
// characters is a 400 about the field, in Chinese and English.
func TestTaskRequirementWrittenByHand(t *testing.T) {
	e := newEnv(t)
	add := func(body map[string]any) (int, map[string]any) {
		t.Helper()
		in := map[string]any{"city": cityA, "round": 2018, "indicator": "2.3.1", "department": "市教育局", "due": "2018-12-31"}
		for k, v := range body {
			in[k] = v
		}
		resp, out := e.do(e.request("POST", "/api/v1/assignments", in), "coordA")
		return resp.StatusCode, out
	}
	listed := func() any {
		t.Helper()
		_, body := e.do(e.request("GET", "/api/v1/assignments?round=2018", nil), "contribA")
		list := body["assignments"].([]any)
		if len(list) != 1 {
			t.Fatalf("the department lists %d tasks, want 1: %v", len(list), body)
		}
		return list[0].(map[string]any)["requirement"]
	}
	status, body := add(map[string]any{"requirement": " 学分银行相关政策文件\n\n2018年度实施情况 "})
	if status != http.StatusCreated || body["requirement_column"] != "手工填写" {
		t.Fatalf("add with a requirement: %d %v, want 201 with requirement_column 手工填写", status, body)
	}
	const wanted = "学分银行相关政策文件\n2018年度实施情况"
	if a := body["assignment"].(map[string]any); a["requirement"] != wanted {
		t.Errorf("the answer's task asks for %q, want %q", a["requirement"], wanted)
	}
	if got := listed(); got != wanted {
		t.Errorf("the department's task asks for %q, want %q", got, wanted)
	}
	// A change of the department's task is no creation: 200, not 201.
	if status, body = add(map[string]any{"due": "2018-11-30"}); status != http.StatusOK || body["requirement_column"] != "" {
		t.Errorf("a change without requirement: %d %v, want 200 with requirement_column \"\"", status, body)
	}
	if got := listed(); got != wanted {
		t.Errorf("a change of due date without requirement left %q, want %q kept", got, wanted)
	}
	status, body = add(map[string]any{"requirement": strings.Repeat("学", 2001)})
	detail, _ := body["error"].(map[string]any)
	msg, _ := detail["message"].(string)
	en, _ := detail["message_en"].(string)
	if status != http.StatusBadRequest || !strings.Contains(msg, "材料要求有 2001 字，超过 2000 字的上限") ||
		!strings.Contains(en, "2001 characters, over the limit of 2000") {
		t.Errorf("a requirement of 2001 characters: %d %v", status, body)
	}
	if status, body = add(map[string]any{"requirement": ""}); status != http.StatusOK || body["requirement_column"] != "" {
		t.Fatalf("clearing the requirement: %d %v, want 200 with requirement_column \"\" (nothing written by hand is left)", status, body)
	}
	if got := listed(); got != "" {
		t.Errorf("an empty requirement left %q", got)
	}
}
