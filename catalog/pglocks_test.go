package catalog

import (
	"context"

	"testing"
	"time"
)

// waitForLockWaiters waits until n other connections of s's database wait
// for a row lock (pg_stat_activity): the requests a test started are then
// queued behind what it holds, whatever the machine's speed. A minute
// without them fails: they did not wait, the rows are not locked.
func waitForLockWaiters(t *testing.T, s *Store, n int, what string) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		var waiting int
		err := s.db.QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
			AND wait_event_type = 'Lock'`).Scan(&waiting)
		if err != nil {
			t.Fatalf("read pg_stat_activity: %v", err)
		}
		if waiting >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %d of %d requests wait for a lock after a minute; want them queued behind it", what, waiting, n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// handedInForWithdrawal is jiaoyu's hand-in of document id for 1.1.1 as
// an upload makes it (submission, link, task submitted), on a catalog
// with the indicators 1.1.1 and 1.1.2; it returns the task.
func handedInForWithdrawal(t *testing.T, s *Store, id string) string {
	t.Helper()
	ctx := context.Background()
	imp, err := s.ImportAssignments(ctx, "330100", 2018, []AssignmentRow{
		{Indicator: "1.1.1", Department: "市教育局", Due: "2018-03-31"}}, "wang")
	if err != nil {
		t.Fatal(err)
	}
	task := imp.Assignments[0].ID
	sub := Submission{User: "jiaoyu", Department: "市教育局", Filename: id + ".pdf", Assignment: task}
	if err := s.CreateDocument(ctx, newDoc(id, "sha-"+id), sub); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateLinks(ctx, []*Link{{DocumentID: id, IndicatorCode: "1.1.1", CreatedBy: "jiaoyu"}}, false); err != nil {
		t.Fatal(err)
	}
	if err := s.ChangeAssignment(ctx, AssignmentChange{ID: task, From: AssignmentStatuses, To: AssignmentSubmitted,
		Documents: []string{id}, By: "jiaoyu"}); err != nil {
		t.Fatal(err)
	}
	return task
}

// withdrawHeld starts jiaoyu's withdrawal of id from task and returns once
// it holds the document's row; release lets it go on, and done gives its
// result.
func withdrawHeld(t *testing.T, s *Store, task, id string) (release func(), done <-chan error) {
	t.Helper()
	inside, let := make(chan struct{}), make(chan struct{})
	s.withdrawLocked = func() { close(inside); <-let }
	t.Cleanup(func() { s.withdrawLocked = nil })
	out := make(chan error, 1)
	go func() {
		_, err := s.WithdrawHandIn(context.Background(), task, id, "jiaoyu")
		out <- err
	}()
	select {
	case <-inside:
	case err := <-out:
		t.Fatalf("withdrawal ended before it held the document: %v", err)
	}
	return func() { close(let) }, out
}

// On a shared PostgreSQL catalog a withdrawal holds the document's row as
// deleting it does: a coordinator linking the document to another
// indicator at that moment waits, and then finds it deleted (the
// withdrawal took it, nothing else held it) instead of linking a document
// the withdrawal deletes a moment later — a link that would count for
// nothing. Deleting the document at that moment waits too, and neither
// deadlocks: the deletion finds it gone.
func TestPostgresWithdrawalLocksTheDocument(t *testing.T) {
	s := storeOpeners[1].open(t)
	t.Cleanup(func() { s.Close() })
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2")

	task := handedInForWithdrawal(t, s, "学分银行实施方案")
	release, withdrawn := withdrawHeld(t, s, task, "学分银行实施方案")
	linked := make(chan error, 1)
	go func() {
		linked <- s.CreateLinks(ctx, []*Link{{DocumentID: "学分银行实施方案", IndicatorCode: "1.1.2", CreatedBy: "wang"}}, false)
	}()
	waitForLockWaiters(t, s, 1, "a link made during a withdrawal")
	release()
	if err := <-withdrawn; err != nil {
		t.Fatalf("withdrawal: %v", err)
	}
	if err := <-linked; ErrorCode(err) != ENOTFOUND {
		t.Errorf("link made while the withdrawal deleted the document: %v, want ENOTFOUND", err)
	}
	var live, links int
	if err := s.db.QueryRow(`SELECT (SELECT count(*) FROM document WHERE id = ? AND deleted_at IS NULL),
		(SELECT count(*) FROM link WHERE document_id = ?)`, "学分银行实施方案", "学分银行实施方案").Scan(&live, &links); err != nil {
		t.Fatal(err)
	}
	if live != 0 || links != 0 {
		t.Errorf("after withdrawal and link: %d live documents, %d links; want the document deleted and no link on it", live, links)
	}

	task = handedInForWithdrawal(t, s, "社区教育工作总结")
	release, withdrawn = withdrawHeld(t, s, task, "社区教育工作总结")
	deleted := make(chan error, 1)
	go func() {
		_, err := s.DeleteDocument(ctx, "社区教育工作总结", "wang")
		deleted <- err
	}()
	waitForLockWaiters(t, s, 1, "a deletion during a withdrawal")
	release()
	if err := <-withdrawn; err != nil {
		t.Fatalf("withdrawal beside a deletion: %v", err)
	}
	if err := <-deleted; ErrorCode(err) != ENOTFOUND {
		t.Errorf("deletion of the document the withdrawal deleted: %v, want ENOTFOUND", err)
	}
	a, err := s.Assignment(ctx, task)
	if err != nil || a.Status != AssignmentOpen || len(a.Documents) != 0 {
		t.Errorf("task after withdrawal and deletion: %+v %v, want open with nothing", a, err)
	}
}

// Two admins making round 2019 current at the same moment on a shared
// PostgreSQL catalog: only one of them changes it (and goes on to carry
// the cities over, web/admin_round_current.go); the other is told it is
// current already. Both are held behind a lock on the rounds until both
// wait, so that they really meet.
func TestPostgresOneAdminMakesARoundCurrent(t *testing.T) {
	s := storeOpeners[1].open(t)
	t.Cleanup(func() { s.Close() })
	ctx := context.Background()
	if err := s.AddRound(ctx, Round{Year: 2019, Label: "2019年度监测"}, "admin"); err != nil {
		t.Fatal(err)
	}
	hold, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := hold.ExecContext(ctx, `SELECT year FROM round FOR UPDATE`); err != nil {
		t.Fatal(err)
	}
	type result struct {
		changed bool
		err     error
	}
	results := make(chan result, 2)
	for _, admin := range []string{"admin", "zhao"} {
		go func() {
			changed, err := s.SetCurrentRound(ctx, 2019, admin)
			results <- result{changed, err}
		}()
	}
	waitForLockWaiters(t, s, 2, "two admins making 2019 current")
	if err := hold.Rollback(); err != nil {
		t.Fatal(err)
	}
	changed := 0
	for range 2 {
		r := <-results
		if r.err != nil {
			t.Fatalf("make 2019 current: %v", r.err)
		}
		if r.changed {
			changed++
		}
	}
	if changed != 1 {
		t.Errorf("%d of two admins changed the current round at once, want exactly one", changed)
	}
	ev, err := s.FindEvents(ctx, EventFilter{Action: "round.current", Limit: 10})
	if err != nil || len(ev) != 1 {
		t.Errorf("round.current events: %+v %v, want one", ev, err)
	}
}
