package catalog

import (
	"context"
	"testing"
	"time"
)

// TestReturnedTwiceOnOneTask: on SQLite and PostgreSQL, 市教育局 hands in
// 台账 (D1), the coordinator returns it (缺少各区县分项数据), 市教育局 hands
// it in again with 名单 (D2) and the coordinator returns both (数据与年鉴不一致):
// D1 has two returns on the task, oldest first, each with its own user,
// time and reason; the task's row, which keeps the last one only, gave
// one. D2, returned once, has one.
//
// The earlier return is told from the row's by the audit log's order, so
// a clock that stands or steps back (two nodes' clocks apart) loses
// neither (review s54: by time, the earlier one was dropped).
func TestReturnedTwiceOnOneTask(t *testing.T) {
	for _, clk := range []struct {
		name string
		step time.Duration
	}{{"clock running", time.Second}, {"clock standing", 0}, {"clock stepped back", -time.Second}} {
		t.Run(clk.name, func(t *testing.T) { returnedTwiceOnOneTask(t, clk.step) })
	}
}

func returnedTwiceOnOneTask(t *testing.T, step time.Duration) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		clock := time.Now().UTC()
		s.now = func() time.Time { clock = clock.Add(step); return clock }
		imp, err := s.ImportAssignments(ctx, "330100", 2018, []AssignmentRow{{Indicator: "2.3.1", Department: "市教育局", Due: "2018-06-30"}}, "wang")
		if err != nil {
			t.Fatal(err)
		}
		task := imp.Assignments[0].ID
		handIn := func(docs ...string) {
			t.Helper()
			for _, d := range docs {
				if _, err := s.Document(ctx, d); err != nil {
					if err := s.CreateDocument(ctx, newDoc(d, "sha-"+d), Submission{User: "jiaoyu", Filename: d + ".xlsx", Assignment: task}); err != nil {
						t.Fatal(err)
					}
				}
			}
			if err := s.ChangeAssignment(ctx, AssignmentChange{ID: task, From: AssignmentStatuses, To: AssignmentSubmitted,
				Documents: docs, By: "jiaoyu"}); err != nil {
				t.Fatal(err)
			}
		}
		handIn("D1")
		if _, err := s.ReturnAssignment(ctx, task, "缺少各区县分项数据", "wang"); err != nil {
			t.Fatal(err)
		}
		handIn("D1", "D2")
		if _, err := s.ReturnAssignment(ctx, task, "数据与年鉴不一致", "li"); err != nil {
			t.Fatal(err)
		}
		returns, err := s.DocumentReturns(ctx, []string{"D1", "D2"})
		if err != nil {
			t.Fatal(err)
		}
		r := returns["D1"]
		if len(r) != 2 {
			t.Fatalf("D1's returns: %+v, want two", r)
		}
		if step <= 0 && r[0].By == "li" { // by time, a clock stepped back puts li's first
			r[0], r[1] = r[1], r[0]
		}
		for i, want := range []struct{ by, reason string }{{"wang", "缺少各区县分项数据"}, {"li", "数据与年鉴不一致"}} {
			if r[i].Assignment != task || r[i].By != want.by || r[i].Reason != want.reason || r[i].Department != "市教育局" || r[i].Round != 2018 {
				t.Errorf("D1's return %d: %+v, want on 市教育局's task by %s for %s", i+1, r[i], want.by, want.reason)
			}
		}
		if step > 0 && !r[0].At.Before(r[1].At) {
			t.Errorf("D1's returns at %v then %v, want oldest first", r[0].At, r[1].At)
		}
		if len(returns["D2"]) != 1 || returns["D2"][0].By != "li" {
			t.Errorf("D2's returns: %+v, want one by li", returns["D2"])
		}
	})
}
