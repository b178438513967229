package catalog

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestMergeKeepsTheLiveHandInOfAFileBothTasksHold: on SQLite and
// PostgreSQL, 市教育局 handed in 学分银行实施方案.pdf (D1) and 社区教育总结.pdf
// (D2) for 2018 1.3.3 and the coordinator returned D1 alone; 市教育局（市
// 语委办） then handed D1 in for its own 1.3.3. Merging the second into
// 市教育局 leaves the one task with D1 handed in, not returned (review s43
// finding 6: the kept task's return won and the hand-in was lost), and
// the merge event records the return it dropped.
func TestMergeKeepsTheLiveHandInOfAFileBothTasksHold(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		imp, err := s.ImportAssignments(ctx, "330100", 2018, []AssignmentRow{
			{Indicator: "1.3.3", Department: "市教育局（市语委办）", Due: "2018-03-31"},
			{Indicator: "1.3.3", Department: "市教育局", Due: "2018-06-30"}}, "wang")
		if err != nil {
			t.Fatal(err)
		}
		gone, kept := imp.Assignments[0].ID, imp.Assignments[1].ID
		for _, d := range []struct{ id, name string }{{"D1", "学分银行实施方案.pdf"}, {"D2", "社区教育总结.pdf"}} {
			if err := s.CreateDocument(ctx, newDoc(d.id, "sha-"+d.id), Submission{User: "jiaoyu", Department: "市教育局",
				Filename: d.name, Assignment: kept}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.ChangeAssignment(ctx, AssignmentChange{ID: kept, From: AssignmentStatuses, To: AssignmentSubmitted,
			Documents: []string{"D1", "D2"}, By: "jiaoyu"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ReturnAssignmentFiles(ctx, kept, "缺少盖章页", "wang", []string{"D1"}); err != nil {
			t.Fatalf("returning D1: %v", err)
		}
		if err := s.ChangeAssignment(ctx, AssignmentChange{ID: gone, From: AssignmentStatuses, To: AssignmentSubmitted,
			Documents: []string{"D1"}, By: "yuwei"}); err != nil {
			t.Fatal(err)
		}
		noted, err := s.DepartmentByName(ctx, "330100", "市教育局（市语委办）")
		if err != nil {
			t.Fatal(err)
		}
		m, err := s.MergeDepartment(ctx, noted.ID, "市教育局", "wang")
		if err != nil {
			t.Fatalf("merge: %v", err)
		}
		a, err := s.Assignment(ctx, kept)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.HandedIn(); !slices.Equal(slices.Sorted(slices.Values(got)), []string{"D1", "D2"}) || len(a.Returned) != 0 {
			t.Errorf("the task kept holds %v handed in and %v returned, want D1 and D2 handed in, none returned", got, a.Returned)
		}
		events, err := s.FindEvents(ctx, EventFilter{Object: "department:" + m.Into.ID, Action: "department.merge"})
		if err != nil || len(events) != 1 {
			t.Fatalf("merge events: %+v %v, want one", events, err)
		}
		if got := fmt.Sprint(events[0].Detail["dropped_returns"]); !strings.Contains(got, "D1") || !strings.Contains(got, "缺少盖章页") {
			t.Errorf("the merge event's dropped returns: %s, want D1's return for 缺少盖章页", got)
		}
	})
}
