package api

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
)

// namesDown fails every read of the returned files' names, as a catalog
// that went away just after a change was committed does.
type namesDown struct{}

func (namesDown) NameReturned(context.Context, *catalog.User, []assignments.Task) error {
	return catalog.Errorf(catalog.EUNAVAILABLE, "目录数据库不可用")
}

// TestTaskAnswerWithoutNamesIsStillTheChange: a return or a withdrawal is
// committed before its answer reads the returned files' names; when that
// read fails, the answer is still 200 with what was done, the returned
// files by id without their names, and the failure is logged: a 5xx would
// have the client make again a change already made.
func TestTaskAnswerWithoutNamesIsStillTheChange(t *testing.T) {
	e, id, ids := taskWithTwoFiles(t)
	var logged bytes.Buffer
	deps := e.deps
	deps.Logger = slog.New(slog.NewTextHandler(&logged, nil))
	// A server of its own for the failing reads (swapping a running
	// server's handler would race with its connections).
	served := e.srv
	e.srv = httptest.NewServer(newHandler(deps, namesDown{}))
	defer e.srv.Close()

	answered := func(what string, resp *http.Response, body map[string]any) {
		t.Helper()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %v, want 200: the change was made", what, resp.StatusCode, body)
		}
		task, _ := body["assignment"].(map[string]any)
		list, _ := task["returned"].([]any)
		if task["id"] != id || len(list) != 1 {
			t.Fatalf("%s: assignment %v, want task %s with its one returned file", what, task, id)
		}
		r := list[0].(map[string]any)
		if r["document_id"] != ids[1] || r["title"] != nil || r["filename"] != nil {
			t.Errorf("%s: returned %v, want %v by id alone", what, r, ids[1])
		}
	}
	resp, body := e.do(e.request("POST", "/api/v1/assignments/"+id+"/return",
		map[string]any{"reason": "《阅读活动总结》与学分银行无关", "documents": []any{ids[1]}}), "coordA")
	answered("the return", resp, body)
	resp, body = e.do(e.request("POST", "/api/v1/assignments/"+id+"/withdraw", map[string]any{"document_id": ids[0]}), "contribA")
	answered("the withdrawal", resp, body)
	if n := strings.Count(logged.String(), "目录数据库不可用"); n != 2 {
		t.Errorf("logged %q, want the two failed reads", logged.String())
	}

	// Both were made: the task, read again with its names, says so.
	e.srv = served
	_, body = e.do(e.request("GET", "/api/v1/assignments/"+id, nil), "coordA")
	task, _ := body["assignment"].(map[string]any)
	for _, d := range task["documents"].([]any) {
		if d == ids[0] {
			t.Errorf("the task lists %v after %v was withdrawn, want it gone", task["documents"], ids[0])
		}
	}
	if list, _ := task["returned"].([]any); len(list) != 1 || list[0].(map[string]any)["filename"] != "阅读活动总结.txt" {
		t.Errorf("the task read again: returned %v, want 阅读活动总结.txt named", task["returned"])
	}
}
