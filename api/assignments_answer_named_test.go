package api

import (
	"net/http"
	"testing"
)

// TestTaskAnswersNameReturnedFiles: the answer of a return (and of the
// other changes to a task) is the task as GET /api/v1/assignments/{id}
// gives it (probe s55): each returned file with its title and file name,
// which the client shows beside the reason, not its id alone.
func TestTaskAnswersNameReturnedFiles(t *testing.T) {
	e, id, ids := taskWithTwoFiles(t)
	returned := func(what string, body map[string]any) map[string]any {
		t.Helper()
		task, _ := body["assignment"].(map[string]any)
		list, _ := task["returned"].([]any)
		if len(list) != 1 {
			t.Fatalf("%s: returned %v, want one file", what, task["returned"])
		}
		return list[0].(map[string]any)
	}
	resp, body := e.do(e.request("POST", "/api/v1/assignments/"+id+"/return",
		map[string]any{"reason": "《阅读活动总结》与学分银行无关", "documents": []any{ids[1]}}), "coordA")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("returning the summary: %d %v", resp.StatusCode, body)
	}
	answered := returned("the return's answer", body)
	_, body = e.do(e.request("GET", "/api/v1/assignments/"+id, nil), "coordA")
	listed := returned("GET", body)
	for _, k := range []string{"title", "filename"} {
		if answered[k] == nil || answered[k] != listed[k] {
			t.Errorf("the return's answer gives %s %v, GET %v; want the same, named", k, answered[k], listed[k])
		}
	}
	resp, body = e.do(e.request("POST", "/api/v1/assignments/"+id+"/withdraw", map[string]any{"document_id": ids[0]}), "contribA")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("withdrawing the notice: %d %v", resp.StatusCode, body)
	}
	if r := returned("the withdrawal's answer", body); r["filename"] != listed["filename"] {
		t.Errorf("the withdrawal's answer names the returned file %v, want %v", r["filename"], listed["filename"])
	}
}
