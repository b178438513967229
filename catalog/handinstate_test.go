package catalog

import (
	"cmp"
	"context"
	"strings"
	"testing"
)

// TestMigration035FillsHandInStates: a catalog from before migration 035
// holds, for 市教育局's task of 1.1.1, a plan handed in and recorded, a
// list handed in and withdrawn (kept in the archive by wang's link), and
// a summary whose upload died after writing its submission. The migration
// tells them apart from what the catalog holds, so the summary no longer
// keeps the task from being deleted, and a file for no task stays stateless.
func TestMigration035FillsHandInStates(t *testing.T) {
	forEachStore(t, testMigration035FillsHandInStates)
}

func testMigration035FillsHandInStates(t *testing.T, s *Store) {
	ctx := context.Background()
	task, handIn := returnedFixture(t, s)
	handIn("学分银行实施方案", true)
	handIn("社区学校名单", true)
	if err := s.CreateLinks(ctx, []*Link{{DocumentID: "社区学校名单", IndicatorCode: "1.1.2", CreatedBy: "wang"}}, false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WithdrawHandIn(ctx, task, "社区学校名单", "jiaoyu"); err != nil {
		t.Fatal(err)
	}
	died := Submission{User: "jiaoyu", Department: "市教育局", Filename: "工作总结.docx", Assignment: task}
	if err := s.CreateDocument(ctx, newDoc("学习型城市工作总结", "sha-总结"), died); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateDocument(ctx, newDoc("终身学习活动周简报", "sha-简报"), Submission{User: "wang", Filename: "简报.pdf"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.writer.ExecContext(ctx, `UPDATE submission SET handin = ''`); err != nil {
		t.Fatal(err)
	}
	runMigrationAgain(t, s, migrationAt(t, s, "_submission_handin"+cmp.Or(s.dialect.twin, ".sql")))
	want := map[string]string{
		"学分银行实施方案": handInRecorded, "社区学校名单": handInWithdrawn,
		"学习型城市工作总结": handInAbandoned, "终身学习活动周简报": "",
	}
	for doc, state := range want {
		var got string
		if err := s.db.QueryRowContext(ctx, `SELECT handin FROM submission WHERE document_id = ?`, doc).Scan(&got); err != nil {
			t.Fatalf("state of %s: %v", doc, err)
		}
		if got != state {
			t.Errorf("%s after migration 035: %q, want %q", doc, got, state)
		}
	}
	// The plan still counts as handed in: the task stays, for that alone.
	if _, err := s.DeleteAssignment(ctx, task, "wang"); ErrorCode(err) != ECONFLICT || !strings.Contains(ErrorMessage(err), "已有 1 份部门提交的材料") {
		t.Fatalf("delete after the migration: %v; want ECONFLICT for the plan handed in, not for the summary whose upload died", err)
	}
}
