package catalog

import (
	"cmp"
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/lcmonitor/evidence/internal/pgtest"
)

const archiveShots = "学习档案系统截图"

// sources are 杭州's tasks' requirements with their sources, by indicator
// and round: "学分银行相关政策文件及实施情况|材料要求", with "|备注" after
// one the pages label 备注.
func sources(t *testing.T, s *Store) map[string]string {
	t.Helper()
	list, err := s.FindAssignments(context.Background(), AssignmentFilter{City: "330100"})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, a := range list {
		v := a.Requirement + "|" + a.RequirementSource
		if a.RequirementFromRemark {
			v += "|备注"
		}
		out[a.Indicator+" "+strconv.Itoa(a.Round)] = v
	}
	return out
}

// importSources imports 杭州's 2018 tasks 2.3.1 and 2.3.2 for 市教育局
// with the requirement (nil for none) and source each is given.
func importSources(t *testing.T, s *Store, first, second *string, firstFrom, secondFrom string) map[string]string {
	t.Helper()
	if _, err := s.ImportAssignments(context.Background(), "330100", 2018, []AssignmentRow{
		{Indicator: "2.3.1", Department: "市教育局", Due: "2018-03-31", Requirement: first, RequirementSource: firstFrom},
		{Indicator: "2.3.2", Department: "市教育局", Due: "2018-03-31", Requirement: second, RequirementSource: secondFrom}}, "wang"); err != nil {
		t.Fatal(err)
	}
	return sources(t, s)
}

// TestRequirementSourceIsKept: a task keeps where its requirement came
// from — a table's 材料要求, its 备注 as the table writes it (备注（说明）),
// 手工填写 — on both dialects; a row that leaves the requirement leaves
// its source, a copy into the next round carries both, and an empty
// requirement clears the source with it.
func TestRequirementSourceIsKept(t *testing.T) { forEachStore(t, testRequirementSourceIsKept) }

func testRequirementSourceIsKept(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "2", "2.3.1", "2.3.2")
	credit, shots := creditBank, archiveShots
	got := importSources(t, s, &credit, &shots, "材料要求", "备注（说明）")
	if got["2.3.1 2018"] != creditBank+"|材料要求" || got["2.3.2 2018"] != archiveShots+"|备注（说明）|备注" {
		t.Fatalf("after the import: %v", got)
	}
	if got := importSources(t, s, nil, nil, "", ""); got["2.3.1 2018"] != creditBank+"|材料要求" || got["2.3.2 2018"] != archiveShots+"|备注（说明）|备注" {
		t.Errorf("rows that leave the requirement changed its source: %v", got)
	}
	got = importSources(t, s, nil, &shots, "", "手工填写")
	if got["2.3.2 2018"] != archiveShots+"|手工填写" {
		t.Errorf("the same words written by hand: %v, want source 手工填写 and no 备注", got)
	}
	addRounds(t, s, 2019)
	if _, err := s.CopyAssignments(ctx, "330100", 2018, 2019, func(string) bool { return true }, "wang"); err != nil {
		t.Fatal(err)
	}
	if got := sources(t, s); got["2.3.1 2019"] != creditBank+"|材料要求" || got["2.3.2 2019"] != archiveShots+"|手工填写" {
		t.Errorf("after copying into 2019: %v", got)
	}
	empty := ""
	if got := importSources(t, s, &empty, nil, "材料要求", ""); got["2.3.1 2018"] != "|" {
		t.Errorf("an empty cell: %q, want neither requirement nor source", got["2.3.1 2018"])
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM assignment WHERE requirement IS NULL AND requirement_source = ''`).Scan(&n); err != nil || n != 1 {
		t.Errorf("tasks without a requirement nor a source: %d, want 1 (%v)", n, err)
	}
}

// TestRequirementSourceIsCopiedAndBackedUp: catalog migrate (CopyTo) and
// a backup (Snapshot) carry where a task's requirement came from.
func TestRequirementSourceIsCopiedAndBackedUp(t *testing.T) {
	ctx := context.Background()
	src := openTestStore(t)
	importSmallFramework(t, src, "2", "2.3.1", "2.3.2")
	credit, shots := creditBank, archiveShots
	want := importSources(t, src, &credit, &shots, "佐证材料要求", "备注")

	snap := filepath.Join(t.TempDir(), "backup.db")
	if err := src.Snapshot(ctx, snap); err != nil {
		t.Fatal(err)
	}
	backup, err := Open(ctx, snap)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { backup.Close() })
	if got := sources(t, backup); got["2.3.1 2018"] != want["2.3.1 2018"] || got["2.3.2 2018"] != want["2.3.2 2018"] {
		t.Errorf("in the backup: %v, want %v", got, want)
	}

	dst, err := OpenPostgres(ctx, pgtest.DatabaseURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dst.Close() })
	if _, err := src.CopyTo(ctx, dst); err != nil {
		t.Fatalf("copy: %v", err)
	}
	if got := sources(t, dst); got["2.3.1 2018"] != creditBank+"|佐证材料要求" || got["2.3.2 2018"] != archiveShots+"|备注|备注" {
		t.Errorf("in the PostgreSQL copy: %v", got)
	}
}

// TestMigration053MovesTheRemarkMark: a catalog that marked a 备注's
// requirement by a control character before its text (the form before
// migration 053) holds the text alone after it, from the 备注; a
// requirement without the mark keeps its source, and the migration may
// run again.
func TestMigration053MovesTheRemarkMark(t *testing.T) {
	forEachStore(t, testMigration053MovesTheRemarkMark)
}

func testMigration053MovesTheRemarkMark(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "2", "2.3.1", "2.3.2")
	credit := creditBank
	importSources(t, s, &credit, nil, "材料要求", "")
	if _, err := s.writer.ExecContext(ctx, `UPDATE assignment SET requirement = ?, requirement_source = '' WHERE indicator_code = '2.3.2'`,
		"\x1f"+archiveShots); err != nil {
		t.Fatal(err)
	}
	at := migrationAt(t, s, "_requirement_source"+cmp.Or(s.dialect.twin, ".sql"))
	for range 2 {
		runMigrationAgain(t, s, at)
		if got := sources(t, s); got["2.3.2 2018"] != archiveShots+"|备注|备注" || got["2.3.1 2018"] != creditBank+"|材料要求" {
			t.Errorf("after migration 053: %v; want 2.3.2's words without the mark, from the 备注", got)
		}
	}
	var marked int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM assignment WHERE requirement LIKE ?`, "%\x1f%").Scan(&marked); err != nil || marked != 0 {
		t.Errorf("requirements still holding the mark: %d (%v)", marked, err)
	}
}

// TestRemarkHeadings: a source is the table's 备注 however the table
// writes the heading, and nothing else is.
func TestRemarkHeadings(t *testing.T) {
	for _, h := range []string{"备注", "备 注", "*备注", "备注：", "备注（说明）", "Remarks", "NOTE"} {
		if !RemarkHeading(h) {
			t.Errorf("%q is not read as a 备注", h)
		}
	}
	for _, h := range []string{"", "材料要求", "佐证材料要求", "信息性质说明", "手工填写", "备注说明材料"} {
		if RemarkHeading(h) {
			t.Errorf("%q is read as a 备注", h)
		}
	}
}
