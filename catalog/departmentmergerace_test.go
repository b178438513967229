package catalog

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/internal/testfiles"
)

// TestMergesOfTwoDepartmentsIntoEachOther: on both catalogs, 杭州's
// coordinator merges 市教育局（市语委办） into 市教育局 while another merges
// 市教育局 into 市教育局（市语委办）. The first merge holds the first row it
// locks (mergeFirstLocked) until the second is waiting for a row too;
// then it goes on. The two lock the rows in one order, so they do not
// deadlock (PostgreSQL's 40P01, 目录数据库繁忙): the first merges, the
// second finds its department gone (ENOTFOUND), and one department is
// left with both tasks.
func TestMergesOfTwoDepartmentsIntoEachOther(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		if _, err := s.ImportAssignments(ctx, "330100", 2018, []AssignmentRow{
			{Indicator: "1.1.1", Department: "市教育局（市语委办）", Due: "2018-03-31"},
			{Indicator: "2.3.1", Department: "市教育局", Due: "2018-03-31"}}, "wang"); err != nil {
			t.Fatal(err)
		}
		noted, err := s.DepartmentByName(ctx, "330100", "市教育局（市语委办）")
		if err != nil {
			t.Fatal(err)
		}
		plain, err := s.DepartmentByName(ctx, "330100", "市教育局")
		if err != nil {
			t.Fatal(err)
		}
		held, release := make(chan struct{}), make(chan struct{})
		s.mergeFirstLocked = pauseAtFirstCall(held, release)
		errs := make([]error, 2)
		var wg sync.WaitGroup
		wg.Go(func() { _, errs[0] = s.MergeDepartment(ctx, noted.ID, "市教育局", "wang") })
		<-held
		wg.Go(func() { _, errs[1] = s.MergeDepartment(ctx, plain.ID, "市教育局（市语委办）", "li") })
		testfiles.WaitInside(t, "catalog.(*Store).MergeDepartment", 2)
		if s.dialect.name == "postgres" {
			waitForLockWait(t, s)
		}
		close(release)
		wg.Wait()
		if errs[0] != nil || !IsNotFound(errs[1]) {
			t.Fatalf("merges into each other: first %v, second %v; want the first done and the second ENOTFOUND", errs[0], errs[1])
		}
		list, err := s.Departments(ctx, "330100")
		if err != nil || len(list) != 1 || list[0].Name != "市教育局" || list[0].Assignments != 2 {
			t.Errorf("the list after the merges: %+v %v, want 市教育局 alone with both tasks", list, err)
		}
	})
}

// waitForLockWait waits until a session of s's PostgreSQL database waits
// for a row lock another holds.
func waitForLockWait(t *testing.T, s *Store) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(5 * time.Millisecond) {
		var n int
		if err := s.db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&n); err != nil {
			t.Fatalf("read PostgreSQL's lock waits: %v", err)
		}
		if n > 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("no session waits for a lock after a minute")
		}
	}
}
