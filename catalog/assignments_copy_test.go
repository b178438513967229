package catalog

import (
	"context"
	"fmt"
	"sync"
	"testing"
)

// TestCopyAssignmentsTwiceAtOnce: two copies of 杭州's 2018 责任分解表 into
// 2019 at once (a double click, two coordinators) add each task once and
// neither fails, on SQLite and on PostgreSQL, whose writers run side by
// side: a count before the insert let both see none there, and the
// second fail on the unique index.
func TestCopyAssignmentsTwiceAtOnce(t *testing.T) { forEachStore(t, testCopyAssignmentsTwiceAtOnce) }

func testCopyAssignmentsTwiceAtOnce(t *testing.T, s *Store) {
	ctx := context.Background()
	depts := []string{"市教育局", "市人力资源和社会保障局", "市文化广电旅游局", "市民政局"}
	var rows []AssignmentRow
	for i := range 12 {
		rows = append(rows, AssignmentRow{Indicator: fmt.Sprintf("1.%d.%d", i/4+1, i%4+1), Department: depts[i%len(depts)],
			Due: "2018-06-30", Contact: "王老师"})
	}
	if _, err := s.ImportAssignments(ctx, "330100", 2018, rows, "coord"); err != nil {
		t.Fatalf("import the 2018 table: %v", err)
	}
	keep := func(string) bool { return true }
	addRounds(t, s, 2019, 2020, 2021, 2022, 2023)
	for attempt := range 5 {
		to := 2019 + attempt
		start := make(chan struct{})
		var wg sync.WaitGroup
		results := make([]*AssignmentCopy, 2)
		errs := make([]error, 2)
		for i := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				results[i], errs[i] = s.CopyAssignments(ctx, "330100", 2018, to, keep, fmt.Sprintf("coord%d", i))
			}()
		}
		close(start)
		wg.Wait()
		added, existing := 0, 0
		for i := range 2 {
			if errs[i] != nil {
				t.Fatalf("copy %d into %d: %v; two copies at once should both succeed", i, to, errs[i])
			}
			added, existing = added+results[i].Added, existing+results[i].Existing
		}
		if added != len(rows) || existing != len(rows) {
			t.Errorf("copies into %d: %d added and %d already there, want %d and %d (each task once)", to, added, existing, len(rows), len(rows))
		}
		got, err := s.FindAssignments(ctx, AssignmentFilter{City: "330100", Round: to})
		if err != nil || len(got) != len(rows) {
			t.Errorf("tasks of %d after two copies: %d, %v; want %d", to, len(got), err, len(rows))
		}
	}
}
