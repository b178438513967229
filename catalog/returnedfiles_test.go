package catalog

import (
	"cmp"
	"context"
	"slices"
	"testing"
	"time"
)

// returnedFixture is 市教育局's task of 1.1.1 in 2018, on a catalog with
// the indicators 1.1.1 and 1.1.2 and a clock a minute on at each reading.
func returnedFixture(t *testing.T, s *Store) (task string, handIn func(doc string, linked bool)) {
	t.Helper()
	ctx := context.Background()
	clock := time.Date(2018, 3, 1, 9, 0, 0, 0, time.UTC)
	s.now = func() time.Time { clock = clock.Add(time.Minute); return clock }
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
	imp, err := s.ImportAssignments(ctx, "330100", 2018, []AssignmentRow{
		{Indicator: "1.1.1", Department: "市教育局", Due: "2018-03-31"}}, "wang")
	if err != nil {
		t.Fatal(err)
	}
	task = imp.Assignments[0].ID
	// As an upload hands a file in: its submission for the task, its link
	// to the task's indicator (unless linked already), its record.
	handIn = func(doc string, link bool) {
		t.Helper()
		sub := Submission{User: "jiaoyu", Department: "市教育局", Filename: doc + ".pdf", Assignment: task}
		if _, err := s.Document(ctx, doc); IsNotFound(err) {
			if err := s.CreateDocument(ctx, newDoc(doc, "sha-"+doc), sub); err != nil {
				t.Fatal(err)
			}
		} else {
			sub.DocumentID = doc
			if err := s.AddSubmission(ctx, sub); err != nil {
				t.Fatal(err)
			}
		}
		if link {
			if err := s.CreateLinks(ctx, []*Link{{DocumentID: doc, IndicatorCode: "1.1.1", CreatedBy: "jiaoyu"}}, false); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.ChangeAssignment(ctx, AssignmentChange{ID: task, From: AssignmentStatuses, To: AssignmentSubmitted,
			Documents: []string{doc}, By: "jiaoyu"}); err != nil {
			t.Fatal(err)
		}
	}
	return task, handIn
}

// TestReturnMarksEachFile: 市教育局 hands in 学分银行实施方案 for 1.1.1 and
// the coordinator returns it (缺少文号). The file stays on the task,
// marked returned by wang with the reason; nothing is left handed in.
// The department hands in 学分银行实施方案（盖章版）: the task is
// submitted with that one handed in and the first still marked. When it
// withdraws the replacement the task is returned again, with the reason
// (the returned file alone is nothing handed in). Handing the first file
// in again takes its mark away.
func TestReturnMarksEachFile(t *testing.T) { forEachStore(t, testReturnMarksEachFile) }

func testReturnMarksEachFile(t *testing.T, s *Store) {
	ctx := context.Background()
	task, handIn := returnedFixture(t, s)
	handIn("学分银行实施方案", true)
	if _, err := s.ReturnAssignment(ctx, task, "缺少文号", "wang"); err != nil {
		t.Fatal(err)
	}
	a, err := s.Assignment(ctx, task)
	if err != nil {
		t.Fatal(err)
	}
	r, ok := a.Returned["学分银行实施方案"]
	if !ok || r.By != "wang" || r.Reason != "缺少文号" || r.At.IsZero() || len(a.HandedIn()) != 0 {
		t.Fatalf("after the return: documents %v returned %+v handed in %v; want the plan marked returned by wang, 缺少文号",
			a.Documents, a.Returned, a.HandedIn())
	}
	handIn("学分银行实施方案（盖章版）", true)
	a, err = s.Assignment(ctx, task)
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != AssignmentSubmitted || !slices.Equal(a.Documents, []string{"学分银行实施方案", "学分银行实施方案（盖章版）"}) ||
		!slices.Equal(a.HandedIn(), []string{"学分银行实施方案（盖章版）"}) || len(a.Returned) != 1 {
		t.Errorf("after the replacement: %s documents %v handed in %v returned %v; want submitted, the replacement handed in, the first returned",
			a.Status, a.Documents, a.HandedIn(), a.Returned)
	}
	w, err := s.WithdrawHandIn(ctx, task, "学分银行实施方案（盖章版）", "jiaoyu")
	if err != nil {
		t.Fatal(err)
	}
	a, err = s.Assignment(ctx, task)
	if err != nil {
		t.Fatal(err)
	}
	if w.Status != AssignmentReturned || a.Status != AssignmentReturned || a.Reason != "缺少文号" {
		t.Errorf("replacement withdrawn: %s (%s, %q); want returned with 缺少文号, the returned file being nothing handed in", w.Status, a.Status, a.Reason)
	}
	handIn("学分银行实施方案", true)
	a, err = s.Assignment(ctx, task)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Returned) != 0 || !slices.Equal(a.HandedIn(), []string{"学分银行实施方案"}) || a.HandedInBy["学分银行实施方案"] != "jiaoyu" {
		t.Errorf("the plan handed in again: returned %v handed in %v; want no mark", a.Returned, a.HandedIn())
	}
}

// TestMigrationMarksOldReturnsAndUnlinks: a catalog from before migration
// 029, where returns deleted no link and marked no file. 市教育局 handed
// in 学分银行实施方案 (its upload linked it to 1.1.1) and 学分银行管理办法,
// linked to 1.1.1 before its hand-in (by hand, not by it); wang returned
// the task (缺少文号); the department then handed in 学分银行实施方案（盖章版）
// and, after the return, linked the returned 学分银行实施方案 to 1.1.2 by
// hand. Migrating marks the two files returned by wang with the reason,
// not the replacement; deletes the plan's link to 1.1.1, which its
// hand-in made, with a link.delete event; and keeps the rules' earlier
// link, the replacement's link and the link to 1.1.2.
// Running it again changes nothing.
func TestMigrationMarksOldReturnsAndUnlinks(t *testing.T) {
	forEachStore(t, testMigrationMarksOldReturnsAndUnlinks)
}

func testMigrationMarksOldReturnsAndUnlinks(t *testing.T, s *Store) {
	ctx := context.Background()
	task, handIn := returnedFixture(t, s)
	handIn("学分银行实施方案", true)
	if err := s.CreateDocument(ctx, newDoc("学分银行管理办法", "sha-学分银行管理办法"), Submission{User: "wang"}); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateLinks(ctx, []*Link{{DocumentID: "学分银行管理办法", IndicatorCode: "1.1.1", CreatedBy: "jiaoyu"}}, false); err != nil {
		t.Fatal(err)
	}
	handIn("学分银行管理办法", false)
	// The return as it was before: the status and reason alone.
	if err := s.ChangeAssignment(ctx, AssignmentChange{ID: task, From: []AssignmentStatus{AssignmentSubmitted}, To: AssignmentReturned,
		Reason: "缺少文号", By: "wang"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.writer.ExecContext(ctx, `UPDATE assignment_document SET returned_at = '', returned_by = '', return_reason = ''`); err != nil {
		t.Fatal(err)
	}
	handIn("学分银行实施方案（盖章版）", true)
	if err := s.CreateLinks(ctx, []*Link{{DocumentID: "学分银行实施方案", IndicatorCode: "1.1.2", CreatedBy: "jiaoyu"}}, false); err != nil {
		t.Fatal(err)
	}
	at := migrationAt(t, s, "_returned_files"+cmp.Or(s.dialect.twin, ".sql"))
	for run := range 2 {
		runMigrationAgain(t, s, at)
		a, err := s.Assignment(ctx, task)
		if err != nil {
			t.Fatal(err)
		}
		for _, doc := range []string{"学分银行实施方案", "学分银行管理办法"} {
			if r, ok := a.Returned[doc]; !ok || r.By != "wang" || r.Reason != "缺少文号" {
				t.Errorf("run %d: %s marked %+v, want returned by wang, 缺少文号", run, doc, r)
			}
		}
		if !slices.Equal(a.HandedIn(), []string{"学分银行实施方案（盖章版）"}) {
			t.Errorf("run %d: handed in %v, want the replacement alone", run, a.HandedIn())
		}
		for doc, want := range map[string][]string{"学分银行实施方案": {"1.1.2"}, "学分银行管理办法": {"1.1.1"}, "学分银行实施方案（盖章版）": {"1.1.1"}} {
			links, err := s.DocumentLinks(ctx, doc)
			if err != nil {
				t.Fatal(err)
			}
			var codes []string
			for _, l := range links {
				codes = append(codes, l.IndicatorCode)
			}
			if !slices.Equal(codes, want) {
				t.Errorf("run %d: %s linked to %v, want %v", run, doc, codes, want)
			}
		}
	}
	ev, err := s.FindEvents(ctx, EventFilter{Action: "link.delete", Limit: 10})
	if err != nil || len(ev) != 1 || ev[0].Object != "学分银行实施方案" || ev[0].Detail["indicator"] != "1.1.1" {
		t.Errorf("link.delete events %+v %v, want one, of the plan's link to 1.1.1", ev, err)
	}
}

// TestWithdrawReturnedFile, on SQLite and PostgreSQL: 市教育局 hands in
// 学分银行实施方案 and 学分银行管理办法 for 1.1.1 and the coordinator returns
// the task; wang then links the 管理办法 to 1.1.1 himself. The returned
// 实施方案, held by nothing else, is withdrawn and deleted, its return kept
// (ReturnedFiles still gives its sha256 with who, when and why); the
// 管理办法, held by wang's link (DocumentHeld), is refused (ECONFLICT) and
// stays, its return too.
func TestWithdrawReturnedFile(t *testing.T) { forEachStore(t, testWithdrawReturnedFile) }

func testWithdrawReturnedFile(t *testing.T, s *Store) {
	ctx := context.Background()
	task, handIn := returnedFixture(t, s)
	handIn("学分银行实施方案", true)
	handIn("学分银行管理办法", true)
	if _, err := s.ReturnAssignment(ctx, task, "缺少文号", "wang"); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateLinks(ctx, []*Link{{DocumentID: "学分银行管理办法", IndicatorCode: "1.1.1", CreatedBy: "wang"}}, false); err != nil {
		t.Fatal(err)
	}
	for doc, want := range map[string]bool{"学分银行实施方案": false, "学分银行管理办法": true} {
		if held, err := s.DocumentHeld(ctx, doc, task); err != nil || held != want {
			t.Errorf("DocumentHeld(%s) = %v, %v; want %v", doc, held, err, want)
		}
	}
	w, err := s.WithdrawHandIn(ctx, task, "学分银行实施方案", "jiaoyu")
	if err != nil || !w.DocumentDeleted || w.Status != AssignmentReturned {
		t.Fatalf("withdrawing the returned plan: %+v %v; want it deleted, the task still returned", w, err)
	}
	if _, err := s.Document(ctx, "学分银行实施方案"); !IsNotFound(err) {
		t.Errorf("the withdrawn returned plan: %v, want deleted", err)
	}
	if _, err := s.WithdrawHandIn(ctx, task, "学分银行管理办法", "jiaoyu"); ErrorCode(err) != ECONFLICT {
		t.Errorf("withdrawing the returned rules wang linked: %v, want ECONFLICT", err)
	}
	if _, err := s.Document(ctx, "学分银行管理办法"); err != nil {
		t.Errorf("the returned rules after the refused withdrawal: %v", err)
	}
	returned, err := s.ReturnedFiles(ctx, task)
	if err != nil {
		t.Fatal(err)
	}
	for _, sha := range []string{"sha-学分银行实施方案", "sha-学分银行管理办法"} {
		if r, ok := returned[sha]; !ok || r.By != "wang" || r.Reason != "缺少文号" || r.At.IsZero() {
			t.Errorf("ReturnedFiles[%s] = %+v (%v); want returned by wang for 缺少文号, deleted or not", sha, r, ok)
		}
	}
	if len(returned) != 2 {
		t.Errorf("ReturnedFiles = %v, want the two files", returned)
	}
}
