package api

import (
	"net/http"
	"strings"
	"testing"
)

// TestReturnedFileHandedInAgainIsRefused: 市教育局 hands in its statistics
// table for 2.3.1; the coordinator returns it (请提供盖章版统计表); the
// department sends exactly the same file again. It is refused, 409, in
// Chinese and English, saying when, by whom and why it was returned and
// what to do; nothing is recorded (no submission, no event, the task
// still 已退回 with its reason). The stamped table, other bytes, is taken.
// The coordinator may take the returned file back by uploading it.
func TestReturnedFileHandedInAgainIsRefused(t *testing.T) {
	e, id := taskEnv(t)
	const table = "杭州市2018年社区教育统计表：社区学校126所，参与人次48.6万。"
	hand := func(who, name, text string) (*http.Response, map[string]any) {
		return e.handIn(id, who, "statistics", name, text)
	}
	if resp, body := hand("contribA", "社区教育统计表.txt", table); resp.StatusCode != http.StatusCreated {
		t.Fatalf("handing in the table: %d %v", resp.StatusCode, body)
	}
	if resp, body := e.do(e.request("POST", "/api/v1/assignments/"+id+"/return", `{"reason":"请提供盖章版统计表"}`), "coordA"); resp.StatusCode != 200 {
		t.Fatalf("return: %d %v", resp.StatusCode, body)
	}
	task := func() map[string]any { return e.firstTask(t, "contribA") }
	events := func() int {
		t.Helper()
		_, body := e.do(e.request("GET", "/api/v1/events?limit=200", nil), "admin")
		return len(body["events"].([]any))
	}
	before, docs, evs := task(), e.liveDocuments(), events()

	resp, body := hand("contribA", "社区教育统计表（再次提交）.txt", table)
	detail, _ := body["error"].(map[string]any)
	msg, _ := detail["message"].(string)
	en, _ := detail["message_en"].(string)
	for _, want := range []string{"这份文件与 ", " UTC+8 由 coordA 退回的文件完全相同（退回原因：请提供盖章版统计表）",
		"请上传更正后的文件（如盖章版）", "由协调员在“责任分解”页面该任务的“为本任务提交文件”中提交这份文件"} {
		if resp.StatusCode != http.StatusConflict || !strings.Contains(msg, want) {
			t.Errorf("the returned file again: %d %q, want 409 with %q", resp.StatusCode, msg, want)
		}
	}
	if !strings.Contains(en, "This file is exactly the one returned on ") || !strings.Contains(en, " by coordA (reason: 请提供盖章版统计表)") {
		t.Errorf("the English message: %q", en)
	}
	after := task()
	if after["status"] != "returned" || after["reason"] != "请提供盖章版统计表" || len(after["submissions"].([]any)) != len(before["submissions"].([]any)) {
		t.Errorf("the task after the refused hand-in: %v, want still returned, its reason and submissions as before %v", after, before)
	}
	if e.liveDocuments() != docs || events() != evs {
		t.Errorf("the refused hand-in recorded something: documents %d → %d, events %d → %d", docs, e.liveDocuments(), evs, events())
	}

	if resp, body := hand("contribA", "社区教育统计表（盖章版）.txt", table+"（已盖章）"); resp.StatusCode != http.StatusCreated || task()["status"] != "submitted" {
		t.Fatalf("handing in the stamped table: %d %v, task %v", resp.StatusCode, body, task()["status"])
	}
	if resp, body := hand("coordA", "社区教育统计表.txt", table); resp.StatusCode != http.StatusOK {
		t.Errorf("the coordinator taking the returned file back: %d %v, want 200", resp.StatusCode, body)
	}
}

// TestReturnedFileWithdrawnThenHandedInAgainIsRefused: 市教育局 hands in
// its statistics table, the coordinator returns it, and the department
// withdraws it (nothing else holds it: it is deleted). The task still
// lists its return, marked withdrawn (withdrawn_at, withdrawn_by). The very same bytes
// handed in afterwards are still the file returned: 409 naming the
// return, the task still 已退回, nothing recorded.
func TestReturnedFileWithdrawnThenHandedInAgainIsRefused(t *testing.T) {
	e, id := taskEnv(t)
	task := func() map[string]any { return e.firstTask(t, "contribA") }
	const table = "杭州市2018年社区教育统计表：社区学校126所，参与人次48.6万。"
	hand := func(name string) (*http.Response, map[string]any) {
		return e.handIn(id, "contribA", "statistics", name, table)
	}
	if resp, body := hand("社区教育统计表.txt"); resp.StatusCode != http.StatusCreated {
		t.Fatalf("handing in the table: %d %v", resp.StatusCode, body)
	}
	docs := task()["documents"].([]any)
	if len(docs) != 1 {
		t.Fatalf("the task's documents: %v, want the table", docs)
	}
	doc := docs[0].(string)
	if resp, body := e.do(e.request("POST", "/api/v1/assignments/"+id+"/return", `{"reason":"请提供盖章版统计表"}`), "coordA"); resp.StatusCode != 200 {
		t.Fatalf("return: %d %v", resp.StatusCode, body)
	}
	resp, body := e.do(e.request("POST", "/api/v1/assignments/"+id+"/withdraw", map[string]any{"document_id": doc}), "contribA")
	if resp.StatusCode != 200 || body["document_deleted"] != true {
		t.Fatalf("withdrawing the returned table: %d %v, want 200 with the file deleted", resp.StatusCode, body)
	}
	// The coordinator still sees the return, the file marked withdrawn
	// with who and when, by the title it had; documents no longer lists it.
	_, body = e.do(e.request("GET", "/api/v1/assignments", nil), "coordA")
	var coord map[string]any
	for _, a := range body["assignments"].([]any) {
		if a.(map[string]any)["id"] == id {
			coord = a.(map[string]any)
		}
	}
	returned, _ := coord["returned"].([]any)
	if len(returned) != 1 || len(coord["documents"].([]any)) != 0 {
		t.Fatalf("the task after the withdrawal: %v, want the returned table listed and no document", coord)
	}
	r := returned[0].(map[string]any)
	if at, _ := r["withdrawn_at"].(string); r["document_id"] != doc || r["reason"] != "请提供盖章版统计表" || r["by"] != "coordA" ||
		r["withdrawn_by"] != "contribA" || at == "" || r["filename"] != "社区教育统计表.txt" || r["deleted_at"] != nil {
		t.Errorf("the withdrawn returned table: %v, want its return, withdrawn_by contribA, withdrawn_at and its file name", r)
	}

	resp, body = hand("社区教育统计表（再次提交）.txt")
	detail, _ := body["error"].(map[string]any)
	msg, _ := detail["message"].(string)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(msg, " UTC+8 由 coordA 退回的文件完全相同（退回原因：请提供盖章版统计表）") {
		t.Errorf("the withdrawn returned file handed in again: %d %v, want 409 naming the return", resp.StatusCode, body)
	}
	if after := task(); after["status"] != "returned" || after["reason"] != "请提供盖章版统计表" {
		t.Errorf("the task after the refused hand-in: %v, want still returned with its reason", after)
	}
}
