package api

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestAssignmentCopyTakesANewDueDate: POST /api/v1/assignments/copy with
// "due", on 10 April 2019, gives 2018's task due 03-31 the new date and
// says so in "redated"; "due" empty while a shifted date is past is 400
// about the field "due", nothing copied.
func TestAssignmentCopyTakesANewDueDate(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	if _, err := e.te.Assignments.Import(ctx, testenv.Admin, assignments.ImportRequest{City: cityA, Round: 2018, Filename: "表.csv",
		Data: []byte("指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2018-03-31,张老师\n1.3.2,市人社局,2018-04-15,李科长\n")}); err != nil {
		t.Fatal(err)
	}
	if err := e.te.Framework.AddRound(ctx, testenv.Admin, catalog.Round{Year: 2019}); err != nil {
		t.Fatal(err)
	}
	e.te.Assignments.SetClock(func() time.Time { return time.Date(2019, 4, 10, 12, 0, 0, 0, time.UTC) })
	resp, body := e.do(e.request("POST", "/api/v1/assignments/copy", map[string]any{"city": cityA, "round": 2019, "due": ""}), "coordA")
	if resp.StatusCode != http.StatusBadRequest || body["error"].(map[string]any)["field"] != "due" {
		t.Errorf("copy with no new date where one is past: %d %v, want 400 about due", resp.StatusCode, body)
	}
	resp, body = e.do(e.request("POST", "/api/v1/assignments/copy", map[string]any{"city": cityA, "round": 2019, "due": "2019-05-31"}), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("copy with a new date: %d %v", resp.StatusCode, body)
	}
	if cp := body["copied"].(map[string]any); cp["added"] != 2.0 || cp["redated"] != 1.0 {
		t.Errorf("copied %v, want 2 added, 1 of them redated", cp)
	}
	tasks, err := e.te.Assignments.List(ctx, testenv.Admin, assignments.Filter{City: cityA, Round: 2019})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"2.3.1": "2019-05-31", "1.3.2": "2019-04-15"}
	for _, task := range tasks {
		if task.Due != want[task.Indicator] {
			t.Errorf("2019 task %s due %s, want %s", task.Indicator, task.Due, want[task.Indicator])
		}
	}
}
