package api

import (
	"net/http"
	"strings"
	"testing"
)

// TestReturnNamedFilesAlone: 市教育局 hands in 学分银行通知 and
// 阅读活动总结; the coordinator returns the summary alone through the
// API's "documents". The task stays submitted, the summary alone is in
// "returned"; the department may hand the notice's bytes in again, not
// the summary's; naming the summary again is 409 on documents.
func TestReturnNamedFilesAlone(t *testing.T) {
	e, id := taskEnv(t)
	const notice, summary = "杭州市学分银行建设通知：杭教成〔2017〕15号。", "2018年杭州市全民阅读活动总结：举办读书会120场。"
	var ids []string
	for _, f := range [][2]string{{"学分银行通知.txt", notice}, {"阅读活动总结.txt", summary}} {
		resp, body := e.handIn(id, "contribA", "policy", f[0], f[1])
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("handing in %s: %d %v", f[0], resp.StatusCode, body)
		}
	}
	for _, d := range e.firstTask(t, "contribA")["documents"].([]any) {
		ids = append(ids, d.(string))
	}
	if len(ids) != 2 {
		t.Fatalf("the task lists %v, want two files", ids)
	}
	resp, body := e.do(e.request("POST", "/api/v1/assignments/"+id+"/return",
		map[string]any{"reason": "《阅读活动总结》与学分银行无关", "documents": []string{ids[1]}}), "coordA")
	task, _ := body["assignment"].(map[string]any)
	returned, _ := task["returned"].([]any)
	if resp.StatusCode != 200 || task["status"] != "submitted" || len(returned) != 1 || returned[0].(map[string]any)["document_id"] != ids[1] {
		t.Fatalf("returning the summary alone: %d %v, want submitted with the summary alone returned", resp.StatusCode, body)
	}
	// The progress counts the task among the submitted and, apart from
	// the whole tasks returned, as partly returned.
	_, body = e.do(e.request("GET", "/api/v1/assignments/progress?city="+cityA+"&round=2018", nil), "coordA")
	for _, d := range body["departments"].([]any) {
		if d := d.(map[string]any); d["department"] == "市教育局" && (d["submitted"] != 1.0 || d["returned"] != 0.0 || d["partly_returned"] != 1.0) {
			t.Errorf("市教育局's progress: %v, want submitted 1, returned 0, partly_returned 1", d)
		}
	}
	for _, tt := range []struct {
		name, text string
		refused    bool
	}{
		{"学分银行通知（补文号）.txt", notice, false}, // kept: the same bytes are a duplicate, not refused
		{"阅读活动总结（再次）.txt", summary, true},
	} {
		if resp, body := e.handIn(id, "contribA", "policy", tt.name, tt.text); (resp.StatusCode == http.StatusConflict) != tt.refused || resp.StatusCode >= 500 {
			t.Errorf("handing in %s again: %d %v, want refused %v", tt.name, resp.StatusCode, body, tt.refused)
		}
	}
	resp, body = e.do(e.request("POST", "/api/v1/assignments/"+id+"/return",
		map[string]any{"reason": "请补充文号", "documents": []string{ids[1]}}), "coordA")
	if detail, _ := body["error"].(map[string]any); resp.StatusCode != http.StatusConflict || detail["field"] != "documents" {
		t.Errorf("returning the summary twice: %d %v, want 409 on documents", resp.StatusCode, body)
	}
}

// TestReturnAnEmptyListOfFiles: a client that filtered its list of files
// down to nothing sends "documents": []. That is 400 on documents, and
// the file stays handed in; only a request without the field (or null)
// returns every file.
func TestReturnAnEmptyListOfFiles(t *testing.T) {
	e, id := taskEnv(t)
	if resp, body := e.handIn(id, "contribA", "policy", "学分银行通知.txt", "杭州市学分银行建设通知：杭教成〔2017〕15号。"); resp.StatusCode != http.StatusCreated {
		t.Fatalf("handing in: %d %v", resp.StatusCode, body)
	}
	for _, tt := range []struct {
		name   string
		body   map[string]any
		status int
		after  string
	}{
		{"空列表", map[string]any{"reason": "材料不全", "documents": []string{}}, http.StatusBadRequest, "submitted"},
		{"不给列表", map[string]any{"reason": "材料不全"}, http.StatusOK, "returned"},
	} {
		resp, body := e.do(e.request("POST", "/api/v1/assignments/"+id+"/return", tt.body), "coordA")
		detail, _ := body["error"].(map[string]any)
		if resp.StatusCode != tt.status || tt.status == http.StatusBadRequest && detail["field"] != "documents" {
			t.Errorf("%s: %d %v, want %d", tt.name, resp.StatusCode, body, tt.status)
		}
		if got := e.firstTask(t, "contribA")["status"]; got != tt.after {
			t.Errorf("%s: the task is %v after, want %s", tt.name, got, tt.after)
		}
	}
}

// TestDeleteTaskThroughTheAPI: DELETE /api/v1/assignments/{id} deletes a
// task added by mistake (200 with the task as it was, then 404), and
// refuses one with a file handed in, 409 saying to withdraw or return it.
func TestDeleteTaskThroughTheAPI(t *testing.T) {
	e, id := taskEnv(t)
	if resp, body := e.handIn(id, "contribA", "policy", "学分银行通知.txt", "杭州市学分银行建设通知。"); resp.StatusCode != http.StatusCreated {
		t.Fatalf("handing in: %d %v", resp.StatusCode, body)
	}
	resp, body := e.do(e.request("DELETE", "/api/v1/assignments/"+id, nil), "coordA")
	if !strings.Contains(errMessage(body), "请先由部门撤回这些材料") || resp.StatusCode != http.StatusConflict {
		t.Errorf("deleting a task with a hand-in: %d %v, want 409 saying what to do", resp.StatusCode, body)
	}
	slip := e.mistakenTask()
	resp, body = e.do(e.request("DELETE", "/api/v1/assignments/"+slip, nil), "coordA")
	if deleted, _ := body["deleted"].(map[string]any); resp.StatusCode != 200 || deleted["indicator"] != "1.1.3" {
		t.Fatalf("deleting the mistaken task: %d %v", resp.StatusCode, body)
	}
	if resp, _ := e.do(e.request("GET", "/api/v1/assignments/"+slip, nil), "coordA"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the deleted task: %d, want 404", resp.StatusCode)
	}
}
