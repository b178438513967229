package catalog

import (
	"context"
	"testing"
)

// TestReimportAssignmentsCountsUnchanged: importing 杭州's 责任分解表 again
// tells the coordinator what changed. A row that repeats its task is
// unchanged, not updated (the probe saw “更新 5 项” for an identical
// table), a row with another due date or contact is updated, and a new
// indicator or department is added; an unchanged task keeps its
// updated_at so nothing looks edited on the board. Each case imports the
// table into a round of its own first.
func TestReimportAssignmentsCountsUnchanged(t *testing.T) {
	forEachStore(t, testReimportAssignmentsCountsUnchanged)
}

func testReimportAssignmentsCountsUnchanged(t *testing.T, s *Store) {
	ctx := context.Background()
	table := []AssignmentRow{
		{Indicator: "1.1.1", Department: "市教育局", Due: "2018-06-30", Contact: "王老师"},
		{Indicator: "1.1.2", Department: "市人社局", Due: "2018-06-30", Contact: "李老师"},
		{Indicator: "2.3.1", Department: "市文广旅局", Due: "2018-07-31", Contact: "张老师"},
	}
	changedDue := append([]AssignmentRow(nil), table...)
	changedDue[1].Due = "2018-08-31"
	changedContact := append([]AssignmentRow(nil), table...)
	changedContact[2].Contact = "赵老师"
	grown := append(append([]AssignmentRow(nil), table...), AssignmentRow{Indicator: "3.1.1", Department: "市民政局", Due: "2018-09-30"})
	cases := []struct {
		name                      string
		round                     int
		rows                      []AssignmentRow
		added, updated, unchanged int
	}{
		{"同一张表再导入一次", 2019, table, 0, 0, 3},
		{"改了一项截止日期", 2020, changedDue, 0, 1, 2},
		{"改了一项联系人", 2021, changedContact, 0, 1, 2},
		{"新增一项任务", 2022, grown, 1, 0, 3},
	}
	addRounds(t, s, 2019, 2020, 2021, 2022)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			first, err := s.ImportAssignments(ctx, "330100", c.round, table, "wang")
			if err != nil {
				t.Fatalf("first import: %v", err)
			}
			imp, err := s.ImportAssignments(ctx, "330100", c.round, c.rows, "wang")
			if err != nil {
				t.Fatalf("second import: %v", err)
			}
			if imp.Added != c.added || imp.Updated != c.updated || imp.Unchanged != c.unchanged {
				t.Errorf("新增 %d，更新 %d，未变 %d; want %d, %d, %d", imp.Added, imp.Updated, imp.Unchanged, c.added, c.updated, c.unchanged)
			}
			// 1.1.1 is the same in every second table.
			if got, want := imp.Assignments[0].UpdatedAt, first.Assignments[0].UpdatedAt; !got.Equal(want) {
				t.Errorf("1.1.1 updated_at %v after a re-import that repeats it, want %v", got, want)
			}
		})
	}
}
