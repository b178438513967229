package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"
)

// undoSubmissionAssignment takes away what migration 023 adds, for tests
// that wind a catalog back to an older version.
func undoSubmissionAssignment(ctx context.Context, tx *sql.Tx) error {
	for _, q := range []string{`ALTER TABLE submission DROP COLUMN assignment_id`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}

func TestMigrationTellsWhichTaskEachSubmissionWasFor(t *testing.T) {
	forEachStore(t, testMigrationTellsWhichTaskEachSubmissionWasFor)
}

// testMigrationTellsWhichTaskEachSubmissionWasFor: before migration 023 a
// submission did not say which task it was handed in for. The coordinator
// uploaded 学分银行实施方案 on the upload page; jiaoyu handed the same bytes
// in for 2.3.1, then, renamed, for 3.1.1, then once more for 2.3.1, then
// for 3.2.1. Migrating tells the three hand-ins that were each followed by
// their task's record; the upload-page one and the second hand-in for
// 2.3.1 (which recorded nothing new) stay unknown: the next record of
// jiaoyu's, 3.2.1's, came after another submission of the bytes, so it is
// that one's, not the second 2.3.1 hand-in's.
func testMigrationTellsWhichTaskEachSubmissionWasFor(t *testing.T, s *Store) {
	ctx := context.Background()
	clock := time.Date(2018, 3, 1, 9, 0, 0, 0, time.UTC)
	tick := func() time.Time { clock = clock.Add(time.Minute); return clock }
	s.now = func() time.Time { return clock }
	imp, err := s.ImportAssignments(ctx, "330100", 2018, []AssignmentRow{
		{Indicator: "1.1.1", Department: "市教育局", Due: "2018-03-31"},
		{Indicator: "1.1.2", Department: "市教育局", Due: "2018-03-31"},
		{Indicator: "1.1.3", Department: "市教育局", Due: "2018-03-31"}}, "wang")
	if err != nil {
		t.Fatal(err)
	}
	first, second, third := imp.Assignments[0].ID, imp.Assignments[1].ID, imp.Assignments[2].ID
	if err := s.CreateDocument(ctx, newDoc("D", "sha-D"), Submission{User: "wang", Filename: "学分银行实施方案.pdf", At: tick()}); err != nil {
		t.Fatal(err)
	}
	handIn := func(task, name string) {
		t.Helper()
		sub := Submission{DocumentID: "D", User: "jiaoyu", Department: "市教育局", Filename: name, At: tick(), Assignment: task}
		if err := s.AddSubmission(ctx, sub); err != nil {
			t.Fatal(err)
		}
		tick()
		if err := s.ChangeAssignment(ctx, AssignmentChange{ID: task, From: AssignmentStatuses, To: AssignmentSubmitted,
			Documents: []string{"D"}, By: "jiaoyu"}); err != nil {
			t.Fatal(err)
		}
	}
	handIn(first, "学分银行实施方案.pdf")
	handIn(second, "终身学习账户说明.pdf")
	handIn(first, "学分银行实施方案(修订).pdf")
	handIn(third, "学习成果认证办法.pdf")
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if err := undoReaderTally(ctx, tx); err != nil { // 024
			return err
		}
		if err := undoSubmissionAssignment(ctx, tx); err != nil {
			return err
		}
		return s.dialect.setVersion(ctx, tx, 22)
	})
	if err != nil {
		t.Fatalf("wind the catalog back to version 22: %v", err)
	}
	if err := s.migrate(ctx); err != nil {
		t.Fatalf("migrate from 22: %v", err)
	}
	subs, err := s.Submissions(ctx, "D")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"", first, second, "", third}
	if len(subs) != len(want) {
		t.Fatalf("%d submissions after migrating, want %d: %+v", len(subs), len(want), subs)
	}
	for i, sub := range subs {
		if sub.Assignment != want[i] {
			t.Errorf("submission %d (%s, %s) after migrating is for task %q, want %q", i, sub.User, sub.Filename, sub.Assignment, want[i])
		}
	}
}

func TestNoIndexOnSubmissionTask(t *testing.T) {
	forEachStore(t, testNoIndexOnSubmissionTask)
}

// testNoIndexOnSubmissionTask: migration 023 adds no index on
// submission.assignment_id, which no query selects by (submissions are
// read by document); every hand-in would pay for it.
func testNoIndexOnSubmissionTask(t *testing.T, s *Store) {
	q := `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'submission'`
	if s.dialect.name == "postgres" {
		q = `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'submission'`
	}
	rows, err := s.db.QueryContext(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		if name == "submission_assignment" {
			t.Errorf("submission has index %s, which no query uses", name)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}
