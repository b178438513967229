package catalog

import (
	"context"
	"testing"
)

// Tasks left 已提交 or 已确认 with every handed-in document deleted (data
// from before deletes sent such tasks back) are found on both catalogs
// and reopened to where they stood before the hand-in, with an audit
// event each; a task with a live document left is neither; a second
// repair finds nothing.
func TestEmptiedTasksAreFoundAndReopened(t *testing.T) {
	forEachStore(t, testEmptiedTasksAreFoundAndReopened)
}

func testEmptiedTasksAreFoundAndReopened(t *testing.T, s *Store) {
	ctx := context.Background()
	accepted, returned, kept := handedInTasks(t, s)
	// Deleted as deletes were before they sent tasks back: the document
	// goes, its tasks stay as they were.
	for _, id := range []string{"D1", "D2"} {
		if _, err := s.writer.ExecContext(ctx, `UPDATE document SET deleted_at = ? WHERE id = ?`, "2025-01-02T03:04:05Z", id); err != nil {
			t.Fatal(err)
		}
	}
	found, err := s.EmptiedAssignments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 2 || !hasTask(found, accepted, AssignmentAccepted) || !hasTask(found, returned, AssignmentSubmitted) {
		t.Fatalf("emptied tasks %+v, want the accepted one and the submitted one (not %s, which keeps D3)", found, kept)
	}
	reopened, err := s.ReopenEmptiedAssignments(ctx, "ops")
	if err != nil {
		t.Fatal(err)
	}
	if len(reopened) != 2 {
		t.Fatalf("reopened %+v, want 2 tasks", reopened)
	}
	for _, r := range reopened {
		if want := map[string]AssignmentStatus{accepted: AssignmentOpen, returned: AssignmentReturned}[r.ID]; r.To != want {
			t.Errorf("task %s %s: reopened to %s, want %s", r.Indicator, r.Department, r.To, want)
		}
	}
	wantTasksSentBack(t, s, accepted, returned, kept)
	for _, id := range []string{accepted, returned} {
		ev, err := s.Events(ctx, "assignment:"+id, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(ev) != 1 || ev[0].User != "ops" || ev[0].Action != "assignment.reopen" {
			t.Errorf("last event of task %s: %+v, want assignment.reopen by ops", id, ev)
		}
	}
	if ev, _ := s.Events(ctx, "assignment:"+kept, 1); len(ev) == 1 && ev[0].Action == "assignment.reopen" {
		t.Errorf("task %s, which keeps D3, was reopened: %+v", kept, ev)
	}
	if again, err := s.EmptiedAssignments(ctx); err != nil || len(again) != 0 {
		t.Errorf("after the repair: %+v %v, want no emptied task", again, err)
	}
	if again, err := s.ReopenEmptiedAssignments(ctx, "ops"); err != nil || len(again) != 0 {
		t.Errorf("a second repair: %+v %v, want nothing reopened", again, err)
	}
}

func hasTask(tasks []Assignment, id string, status AssignmentStatus) bool {
	for _, a := range tasks {
		if a.ID == id && a.Status == status {
			return true
		}
	}
	return false
}

// A delete sends back only the tasks its document was handed in for: a
// task emptied before deletes did so (its document deleted the old way)
// stays 已提交 for repair to name and mend, with its own reason.
func TestDeleteReopensOnlyItsOwnDocumentsTasks(t *testing.T) {
	forEachStore(t, testDeleteReopensOnlyItsOwnDocumentsTasks)
}

func testDeleteReopensOnlyItsOwnDocumentsTasks(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
	for _, id := range []string{"D1", "D2"} {
		if err := s.CreateDocument(ctx, newDoc(id, "sha-"+id), Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	imp, err := s.ImportAssignments(ctx, "330100", 2018, []AssignmentRow{
		{Indicator: "1.1.1", Department: "市教育局", Due: "2018-03-31"},
		{Indicator: "1.1.2", Department: "市文广旅游局", Due: "2018-03-31"}}, "wang")
	if err != nil {
		t.Fatal(err)
	}
	old, deleted := imp.Assignments[0].ID, imp.Assignments[1].ID
	for _, c := range []AssignmentChange{{ID: old, To: AssignmentSubmitted, Documents: []string{"D1"}},
		{ID: deleted, To: AssignmentSubmitted, Documents: []string{"D2"}}} {
		c.From, c.By = AssignmentStatuses, "wang"
		if err := s.ChangeAssignment(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.writer.ExecContext(ctx, `UPDATE document SET deleted_at = ? WHERE id = ?`, "2025-01-02T03:04:05Z", "D1"); err != nil {
		t.Fatal(err)
	}
	got, err := s.DeleteDocument(ctx, "D2", "admin")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Assignments) != 1 || got.Assignments[0] != deleted {
		t.Errorf("deleting D2 reopened tasks %v, want only %s (1.1.2 市文广旅游局), not %s emptied before", got.Assignments, deleted, old)
	}
	ev, err := s.Events(ctx, "assignment:"+deleted, 1)
	if err != nil || len(ev) != 1 || ev[0].Action != "assignment.reopen" || ev[0].Detail["document"] != "D2" || ev[0].Detail["was"] != "submitted" {
		t.Errorf("last event of task %s: %+v %v, want assignment.reopen naming D2, was submitted", deleted, ev, err)
	}
	if left, err := s.EmptiedAssignments(ctx); err != nil || len(left) != 1 || !hasTask(left, old, AssignmentSubmitted) {
		t.Errorf("emptied tasks after deleting D2: %+v %v, want %s still submitted for repair", left, err, old)
	}
}

// handedInTasks imports a small framework, documents D1 to D3 and three
// tasks of 杭州 for 2018, and hands them in: accepted, with D1; returned
// for 缺少文号 and handed in again, with D1 (D2 was its first hand-in);
// kept, submitted with D1 and D3.
func handedInTasks(t *testing.T, s *Store) (accepted, returned, kept string) {
	t.Helper()
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
	for _, id := range []string{"D1", "D2", "D3"} {
		if err := s.CreateDocument(ctx, newDoc(id, "sha-"+id), Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	imp, err := s.ImportAssignments(ctx, "330100", 2018, []AssignmentRow{
		{Indicator: "1.1.1", Department: "市教育局", Due: "2018-03-31"},
		{Indicator: "1.1.2", Department: "市教育局", Due: "2018-03-31"},
		{Indicator: "1.1.1", Department: "市人社局", Due: "2018-03-31"}}, "wang")
	if err != nil {
		t.Fatal(err)
	}
	accepted, returned, kept = imp.Assignments[0].ID, imp.Assignments[1].ID, imp.Assignments[2].ID
	for _, c := range []AssignmentChange{
		{ID: accepted, To: AssignmentSubmitted, Documents: []string{"D1"}},
		{ID: accepted, To: AssignmentAccepted},
		{ID: returned, To: AssignmentSubmitted, Documents: []string{"D2"}},
		{ID: returned, To: AssignmentReturned, Reason: "缺少文号"},
		{ID: returned, To: AssignmentSubmitted, Documents: []string{"D1"}},
		{ID: kept, To: AssignmentSubmitted, Documents: []string{"D1", "D3"}},
	} {
		c.From, c.By = AssignmentStatuses, "wang"
		if err := s.ChangeAssignment(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	return accepted, returned, kept
}

// wantTasksSentBack checks handedInTasks once D1 and D2 are gone: accepted
// is open again, returned is returned with its reason, kept is still
// submitted (it has D3).
func wantTasksSentBack(t *testing.T, s *Store, accepted, returned, kept string) {
	t.Helper()
	for id, st := range map[string]struct {
		status AssignmentStatus
		reason string
	}{accepted: {AssignmentOpen, ""}, returned: {AssignmentReturned, "缺少文号"}, kept: {AssignmentSubmitted, ""}} {
		a, err := s.Assignment(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if a.Status != st.status || a.Reason != st.reason {
			t.Errorf("task %s %s: %s (%q), want %s (%q)", a.Indicator, a.Department, a.Status, a.Reason, st.status, st.reason)
		}
	}
}
