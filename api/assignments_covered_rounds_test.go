package api

import (
	"context"
	"net/http"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestALaterRoundsReturnedHandInLeavesTheEarlierTaskCovered: the
// coordinator's 学分银行管理办法 covers 市教育局's 2018 task of 2.3.1 (past
// its date: covered, not overdue). Linked for 2019 too, 市教育局 hands it
// in for its 2019 task (hand-in-linked) and the coordinator returns it.
// The 2018 task still reads covered, not overdue, with the document in
// linked_by_coordinator, and is not among overdue=1.
func TestALaterRoundsReturnedHandInLeavesTheEarlierTaskCovered(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	_, doc := e.linkedTask()
	if err := e.te.Framework.AddRound(ctx, testenv.Admin, catalog.Round{Year: 2019}); err != nil {
		t.Fatal(err)
	}
	later, err := e.te.Assignments.Add(ctx, testenv.Admin, assignments.NewAssignment{City: cityA, Round: 2019, Indicator: "2.3.1",
		Department: "市教育局", Due: "2019-03-31"})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.ingest.AddLinkInRound(ctx, testenv.Admin, &catalog.Link{DocumentID: doc, IndicatorCode: "2.3.1"}, 2019); err != nil {
		t.Fatal(err)
	}
	if resp, body := e.do(e.request("POST", "/api/v1/assignments/"+later.ID+"/hand-in-linked", map[string]any{"document_id": doc}), "contribA"); resp.StatusCode != 200 {
		t.Fatalf("hand-in-linked for 2019: %d %v", resp.StatusCode, body)
	}
	if resp, body := e.do(e.request("POST", "/api/v1/assignments/"+later.ID+"/return", `{"reason":"这是2018年度的办法，请提交2019年度的材料"}`), "coordA"); resp.StatusCode != 200 {
		t.Fatalf("return of the 2019 hand-in: %d %v", resp.StatusCode, body)
	}
	_, body := e.do(e.request("GET", "/api/v1/assignments?city="+cityA+"&round=2018", nil), "coordA")
	tasks, _ := body["assignments"].([]any)
	if len(tasks) != 1 {
		t.Fatalf("2018's tasks: %v", body)
	}
	task := tasks[0].(map[string]any)
	if task["status"] != "open" || task["covered"] != true || task["overdue"] != false || task["linked_by_coordinator"] == nil {
		t.Errorf("2018's task after 2019's hand-in was returned: status %v covered %v overdue %v linked %v, want open, covered, not overdue, the document linked",
			task["status"], task["covered"], task["overdue"], task["linked_by_coordinator"])
	}
	resp, body := e.do(e.request("GET", "/api/v1/assignments?city="+cityA+"&round=2018&overdue=1", nil), "coordA")
	if late, _ := body["assignments"].([]any); resp.StatusCode != http.StatusOK || len(late) != 0 {
		t.Errorf("2018's overdue tasks: %d %v, want none", resp.StatusCode, body)
	}
}
