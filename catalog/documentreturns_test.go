package catalog

import (
	"context"
	"slices"
	"testing"
	"time"
)

// TestReturnedFilesAndWhatReplacedThem: on SQLite and PostgreSQL,
// 市教育局 hands in 台账 (D1) and 社区学校名单 (D3) for 2.3.1, 市人社局 hands
// D3 in for its own 2.3.1 too; the coordinator returns 市教育局's task and
// 市教育局 hands in 台账修订 (D2). D1 and D3 are returned, each replaced by
// D2 (DocumentReturns); only D1 is nobody's evidence (ReturnedOnly): D3
// stands for 市人社局. Handed in again, D1 is no longer returned; deleted,
// it is gone from both.
func TestReturnedFilesAndWhatReplacedThem(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		clock := time.Now().UTC()
		s.now = func() time.Time { clock = clock.Add(time.Second); return clock }
		imp, err := s.ImportAssignments(ctx, "330100", 2018, []AssignmentRow{
			{Indicator: "2.3.1", Department: "市教育局", Due: "2018-06-30"},
			{Indicator: "2.3.1", Department: "市人社局", Due: "2018-06-30"}}, "wang")
		if err != nil {
			t.Fatal(err)
		}
		jiaoyu, renshe := imp.Assignments[0].ID, imp.Assignments[1].ID
		if imp.Assignments[0].Department != "市教育局" {
			jiaoyu, renshe = renshe, jiaoyu
		}
		handIn := func(task, user string, docs ...string) {
			t.Helper()
			for _, d := range docs {
				if _, err := s.Document(ctx, d); err != nil {
					if err := s.CreateDocument(ctx, newDoc(d, "sha-"+d), Submission{User: user, Filename: d + ".xlsx", Assignment: task}); err != nil {
						t.Fatal(err)
					}
				}
			}
			if err := s.ChangeAssignment(ctx, AssignmentChange{ID: task, From: AssignmentStatuses, To: AssignmentSubmitted,
				Documents: docs, By: user}); err != nil {
				t.Fatal(err)
			}
		}
		handIn(jiaoyu, "jiaoyu", "D1", "D3")
		handIn(renshe, "renshe", "D3")
		if _, err := s.ReturnAssignment(ctx, jiaoyu, "缺少各区县分项数据", "wang"); err != nil {
			t.Fatal(err)
		}
		handIn(jiaoyu, "jiaoyu", "D2")

		returns, err := s.DocumentReturns(ctx, []string{"D1", "D2", "D3"})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range []string{"D1", "D3"} {
			r := returns[d]
			if len(r) != 1 || r[0].Assignment != jiaoyu || r[0].By != "wang" || r[0].Reason != "缺少各区县分项数据" ||
				r[0].Department != "市教育局" || r[0].Round != 2018 || !slices.Equal(r[0].After, []string{"D2"}) {
				t.Errorf("%s's returns: %+v, want one on 市教育局's task by wang, replaced by D2", d, r)
			}
		}
		if len(returns["D2"]) != 0 {
			t.Errorf("D2's returns: %+v, want none", returns["D2"])
		}
		only := func(cities ...string) []string {
			t.Helper()
			ids, err := s.ReturnedOnly(ctx, cities)
			if err != nil {
				t.Fatal(err)
			}
			return ids
		}
		if got := only("330100"); !slices.Equal(got, []string{"D1"}) {
			t.Errorf("ReturnedOnly(杭州) = %v, want [D1] (D3 stands for 市人社局)", got)
		}
		if got := only("310000"); len(got) != 0 {
			t.Errorf("ReturnedOnly(上海) = %v, want none", got)
		}
		handIn(jiaoyu, "jiaoyu", "D1")
		if got := only(); len(got) != 0 {
			t.Errorf("after D1 handed in again, ReturnedOnly = %v, want none", got)
		}
		if returns, err = s.DocumentReturns(ctx, []string{"D1"}); err != nil || len(returns["D1"]) != 0 {
			t.Errorf("after D1 handed in again, its returns: %+v %v, want none", returns["D1"], err)
		}
	})
}
