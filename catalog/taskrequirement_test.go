package catalog

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/lcmonitor/evidence/internal/pgtest"
)

const creditBank = "学分银行相关政策文件及实施情况"

// importRequirements imports 杭州's tasks 2.3.1 (with the city's
// requirement, or none for nil) and 2.3.2 (none) for 2018 and returns
// their requirements by indicator.
func importRequirements(t *testing.T, s *Store, first *string) map[string]string {
	t.Helper()
	ctx := context.Background()
	if _, err := s.ImportAssignments(ctx, "330100", 2018, []AssignmentRow{
		{Indicator: "2.3.1", Department: "市教育局", Due: "2018-03-31", Requirement: first},
		{Indicator: "2.3.2", Department: "市教育局", Due: "2018-03-31"}}, "wang"); err != nil {
		t.Fatal(err)
	}
	return requirements(t, s)
}

func requirements(t *testing.T, s *Store) map[string]string {
	t.Helper()
	list, err := s.FindAssignments(context.Background(), AssignmentFilter{City: "330100"})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, a := range list {
		out[a.Indicator+" "+strconv.Itoa(a.Round)] = a.Requirement
	}
	return out
}

// TestTaskRequirementIsKept: a task keeps the requirement its table gave
// on both dialects, a row without one (a table without the column, a task
// added by hand) leaves it, an empty one clears it; a copy into the next
// round carries it, and migration 052 running again loses nothing.
func TestTaskRequirementIsKept(t *testing.T) { forEachStore(t, testTaskRequirementIsKept) }

func testTaskRequirementIsKept(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "2", "2.3.1", "2.3.2")
	text := creditBank
	if got := importRequirements(t, s, &text); got["2.3.1 2018"] != creditBank || got["2.3.2 2018"] != "" {
		t.Fatalf("after the import: %v", got)
	}
	if got := importRequirements(t, s, nil); got["2.3.1 2018"] != creditBank {
		t.Errorf("a row without the column changed the requirement: %v", got)
	}
	suffix := "052_task_requirement.sql"
	if s.dialect.name == postgresDialect.name {
		suffix = "052_task_requirement.pg.sql"
	}
	for range 2 {
		runMigrationAgain(t, s, migrationAt(t, s, suffix))
	}
	if got := requirements(t, s); got["2.3.1 2018"] != creditBank {
		t.Errorf("after migration 052 ran again: %v", got)
	}
	addRounds(t, s, 2019)
	if _, err := s.CopyAssignments(ctx, "330100", 2018, 2019, func(string) bool { return true }, "wang"); err != nil {
		t.Fatal(err)
	}
	if got := requirements(t, s); got["2.3.1 2019"] != creditBank || got["2.3.2 2019"] != "" {
		t.Errorf("after copying into 2019: %v", got)
	}
	empty := ""
	if got := importRequirements(t, s, &empty); got["2.3.1 2018"] != "" {
		t.Errorf("an empty cell left the requirement %q", got["2.3.1 2018"])
	}
	var nulls int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM assignment WHERE requirement IS NULL`).Scan(&nulls); err != nil || nulls != 3 {
		t.Errorf("tasks without a requirement hold NULL: %d of 3 (%v)", nulls, err)
	}
}

// TestTaskRequirementIsCopiedAndBackedUp: catalog migrate (CopyTo) and a
// backup (Snapshot) carry a task's requirement.
func TestTaskRequirementIsCopiedAndBackedUp(t *testing.T) {
	ctx := context.Background()
	src := openTestStore(t)
	importSmallFramework(t, src, "2", "2.3.1", "2.3.2")
	text := creditBank
	importRequirements(t, src, &text)

	snap := filepath.Join(t.TempDir(), "backup.db")
	if err := src.Snapshot(ctx, snap); err != nil {
		t.Fatal(err)
	}
	backup, err := Open(ctx, snap)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { backup.Close() })
	if got := requirements(t, backup); got["2.3.1 2018"] != creditBank {
		t.Errorf("in the backup: %v", got)
	}

	dst, err := OpenPostgres(ctx, pgtest.DatabaseURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dst.Close() })
	if _, err := src.CopyTo(ctx, dst); err != nil {
		t.Fatalf("copy: %v", err)
	}
	if got := requirements(t, dst); got["2.3.1 2018"] != creditBank || got["2.3.2 2018"] != "" {
		t.Errorf("in the PostgreSQL copy: %v", got)
	}
}

// TestMergedTaskKeepsTheRequirement: merging 市语委办 into 市教育局, where
// both hold 2.3.1, keeps the requirement of the task merged away, and
// its source, when the task kept has none of its own.
func TestMergedTaskKeepsTheRequirement(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		importSmallFramework(t, s, "2", "2.3.1")
		text := creditBank
		if _, err := s.ImportAssignments(ctx, "330100", 2018, []AssignmentRow{
			{Indicator: "2.3.1", Department: "市语委办", Due: "2018-03-31", Requirement: &text, RequirementSource: "报送材料"},
			{Indicator: "2.3.1", Department: "市教育局", Due: "2018-03-31"}}, "wang"); err != nil {
			t.Fatal(err)
		}
		from, err := s.DepartmentByName(ctx, "330100", "市语委办")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.MergeDepartment(ctx, from.ID, "市教育局", "wang"); err != nil {
			t.Fatalf("merge: %v", err)
		}
		list, err := s.FindAssignments(ctx, AssignmentFilter{City: "330100"})
		if err != nil || len(list) != 1 || list[0].Department != "市教育局" || list[0].Requirement != creditBank || list[0].RequirementSource != "报送材料" {
			t.Errorf("after the merge: %+v %v; want 市教育局's one task asking for %q from 报送材料", list, err, creditBank)
		}
	})
}
