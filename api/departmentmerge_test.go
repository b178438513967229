package api

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestRenameOntoAnotherDepartmentMerges: 市教育局（市语委办）, as a table
// wrote 市教育局, holds two tasks no account receives. Renaming it to
// 市教育局 is refused 409 with the merge offered; sent again with
// "merge": true it is merged, and 市教育局's contributor contribA sees
// the three tasks.
func TestRenameOntoAnotherDepartmentMerges(t *testing.T) {
	e := newEnv(t)
	e.submittedTask() // 市教育局's task, contribA's
	ctx := context.Background()
	for _, code := range []string{"1.1.1", "1.2.1"} {
		if _, err := e.te.Assignments.Add(ctx, testenv.Admin, assignments.NewAssignment{City: cityA, Round: 2018, Indicator: code,
			Department: "市教育局（市语委办）", Due: "2018-03-31"}); err != nil {
			t.Fatal(err)
		}
	}
	if n := e.assignmentCount("contribA"); n != 1 {
		t.Fatalf("contribA sees %d tasks before the merge, want 1", n)
	}
	d, err := e.cat.DepartmentByName(ctx, cityA, "市教育局（市语委办）")
	if err != nil {
		t.Fatal(err)
	}
	resp, body := e.do(e.request("PATCH", "/api/v1/departments/"+d.ID, map[string]any{"name": "市教育局"}), "coordA")
	if resp.StatusCode != http.StatusConflict || !strings.Contains(errorMessage(body), "合并") {
		t.Fatalf("renaming onto 市教育局: %d %v, want 409 offering the merge", resp.StatusCode, body)
	}
	if n := e.assignmentCount("contribA"); n != 1 {
		t.Fatalf("contribA sees %d tasks after a refused rename, want 1", n)
	}
	resp, body = e.do(e.request("PATCH", "/api/v1/departments/"+d.ID, map[string]any{"name": "市教育局", "merge": true}), "coordA")
	tasks, _ := body["tasks"].([]any)
	into, _ := body["department"].(map[string]any)
	if resp.StatusCode != http.StatusOK || len(tasks) != 2 || into["name"] != "市教育局" {
		t.Fatalf("merging into 市教育局: %d %v, want 200 with 2 tasks moved to 市教育局", resp.StatusCode, body)
	}
	if n := e.assignmentCount("contribA"); n != 3 {
		t.Errorf("contribA sees %d tasks after the merge, want 3", n)
	}
	if _, err := e.cat.Department(ctx, d.ID); err == nil {
		t.Error("市教育局（市语委办） is still on the list after the merge")
	}
}
