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

// TestDeletedTaskKeepsItsReturns: 市教育局 hands in 学分银行实施方案 and
// 社区学校名单 for 1.1.1; the coordinator returns both (缺少文号), the
// department withdraws the list (deleted: nothing else holds it), and the
// task, added by mistake, is deleted. Each return stays readable by its
// document — who, when, why, and which task it was — and the audit event
// names them with their reasons, not by id alone.
func TestDeletedTaskKeepsItsReturns(t *testing.T) { forEachStore(t, testDeletedTaskKeepsItsReturns) }

func testDeletedTaskKeepsItsReturns(t *testing.T, s *Store) {
	ctx := context.Background()
	task, handIn := returnedFixture(t, s)
	handIn("学分银行实施方案", true)
	handIn("社区学校名单", true)
	if _, err := s.ReturnAssignment(ctx, task, "缺少文号", "wang"); err != nil {
		t.Fatal(err)
	}
	if w, err := s.WithdrawHandIn(ctx, task, "社区学校名单", "jiaoyu"); err != nil || !w.DocumentDeleted {
		t.Fatalf("withdraw the returned list: %+v %v; want it deleted", w, err)
	}
	if _, err := s.DeleteAssignment(ctx, task, "wang"); err != nil {
		t.Fatalf("delete a task with returned files only: %v", err)
	}
	for _, doc := range []string{"学分银行实施方案", "社区学校名单"} {
		got, err := s.PastReturns(ctx, doc)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].Reason != "缺少文号" || got[0].By != "wang" || got[0].At.IsZero() ||
			got[0].Indicator != "1.1.1" || got[0].Department != "市教育局" || got[0].Round != 2018 || got[0].DeletedBy != "wang" {
			t.Errorf("%s's returns after its task was deleted: %+v; want wang's return for 缺少文号 of 市教育局's 1.1.1 (2018)", doc, got)
		}
	}
	events, err := s.FindEvents(ctx, EventFilter{Object: "assignment:" + task, Action: "assignment.delete"})
	if err != nil || len(events) != 1 {
		t.Fatalf("the deletion's event: %+v %v", events, err)
	}
	returned, _ := events[0].Detail["returned"].([]any)
	if len(returned) != 2 {
		t.Fatalf("the deletion's event names %v; want both files' returns", events[0].Detail["returned"])
	}
	for _, r := range returned {
		if m, _ := r.(map[string]any); m["reason"] != "缺少文号" || m["by"] != "wang" {
			t.Errorf("a return in the deletion's event: %v; want its reason and who returned it", r)
		}
	}
}
