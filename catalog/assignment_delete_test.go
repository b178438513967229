package catalog

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestDeleteAssignmentWhileHandedIn: 市教育局's task of 1.1.1 may be
// deleted only when nothing counts as handed in for it. A hand-in under
// way (its file stored and linked, the task not told yet) is refused with
// a message a coordinator can act on: deleted, the file would stay linked
// as evidence under no task, and no one could withdraw it. A file the
// department withdrew, kept in the archive by the coordinator's own link,
// and a file uploaded on the upload page do not hold the task.
func TestDeleteAssignmentWhileHandedIn(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name    string
		arrange func(t *testing.T, s *Store, task string, handIn func(string, bool))
		refused string // "" when the delete goes through
	}{
		{"正在提交", func(t *testing.T, s *Store, task string, _ func(string, bool)) {
			sub := Submission{User: "jiaoyu", Department: "市教育局", Filename: "学分银行实施方案.pdf", Assignment: task}
			if err := s.CreateDocument(ctx, newDoc("学分银行实施方案", "sha-方案"), sub); err != nil {
				t.Fatal(err)
			}
			if err := s.CreateLinks(ctx, []*Link{{DocumentID: "学分银行实施方案", IndicatorCode: "1.1.1", CreatedBy: "jiaoyu"}}, false); err != nil {
				t.Fatal(err)
			}
		}, "该部门正在提交材料（1 份文件"},
		{"已提交", func(t *testing.T, s *Store, task string, handIn func(string, bool)) {
			handIn("学分银行实施方案", true)
		}, "该任务已有 1 份部门提交的材料"},
		{"撤回后仍在档案中", func(t *testing.T, s *Store, task string, handIn func(string, bool)) {
			handIn("学分银行实施方案", true)
			if err := s.CreateLinks(ctx, []*Link{{DocumentID: "学分银行实施方案", IndicatorCode: "1.1.2", CreatedBy: "wang"}}, false); err != nil {
				t.Fatal(err)
			}
			if w, err := s.WithdrawHandIn(ctx, task, "学分银行实施方案", "jiaoyu"); err != nil || w.DocumentDeleted {
				t.Fatalf("withdraw the plan: %+v %v; want it withdrawn and kept for wang's link", w, err)
			}
		}, ""},
		// On a shared catalog the node that took the withdrawal may run
		// a little behind the one that took the upload: its event is
		// stamped before the submission, which must not leave the file
		// "being handed in" for ever.
		{"撤回节点时钟较慢", func(t *testing.T, s *Store, task string, handIn func(string, bool)) {
			handIn("学分银行实施方案", true)
			if err := s.CreateLinks(ctx, []*Link{{DocumentID: "学分银行实施方案", IndicatorCode: "1.1.2", CreatedBy: "wang"}}, false); err != nil {
				t.Fatal(err)
			}
			ahead := s.now
			s.now = func() time.Time { return ahead().Add(-time.Hour) }
			if w, err := s.WithdrawHandIn(ctx, task, "学分银行实施方案", "jiaoyu"); err != nil || w.DocumentDeleted {
				t.Fatalf("withdraw the plan: %+v %v; want it withdrawn and kept for wang's link", w, err)
			}
		}, ""},
		// The upload wrote its submission, then failed before the task
		// recorded the file, and said so (AbandonHandIns).
		{"上传未完成", func(t *testing.T, s *Store, task string, _ func(string, bool)) {
			sub := Submission{User: "jiaoyu", Department: "市教育局", Filename: "学分银行实施方案.pdf", Assignment: task}
			if err := s.CreateDocument(ctx, newDoc("学分银行实施方案", "sha-方案"), sub); err != nil {
				t.Fatal(err)
			}
			if err := s.AbandonHandIns(ctx, task, "jiaoyu", []string{"学分银行实施方案"}); err != nil {
				t.Fatal(err)
			}
		}, ""},
		// Another user's upload of the same bytes for the task, still
		// under way, is not abandoned by jiaoyu's failing one.
		{"他人仍在上传", func(t *testing.T, s *Store, task string, _ func(string, bool)) {
			sub := Submission{User: "jiaoyu", Department: "市教育局", Filename: "学分银行实施方案.pdf", Assignment: task}
			if err := s.CreateDocument(ctx, newDoc("学分银行实施方案", "sha-方案"), sub); err != nil {
				t.Fatal(err)
			}
			sub.DocumentID, sub.User = "学分银行实施方案", "li"
			if err := s.AddSubmission(ctx, sub); err != nil {
				t.Fatal(err)
			}
			if err := s.AbandonHandIns(ctx, task, "jiaoyu", []string{"学分银行实施方案"}); err != nil {
				t.Fatal(err)
			}
		}, "该部门正在提交材料（1 份文件"},
		{"上传页上传", func(t *testing.T, s *Store, task string, _ func(string, bool)) {
			sub := Submission{User: "jiaoyu", Department: "市教育局", Filename: "学分银行实施方案.pdf"}
			if err := s.CreateDocument(ctx, newDoc("学分银行实施方案", "sha-方案"), sub); err != nil {
				t.Fatal(err)
			}
		}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			forEachStore(t, func(t *testing.T, s *Store) {
				task, handIn := returnedFixture(t, s)
				c.arrange(t, s, task, handIn)
				_, err := s.DeleteAssignment(ctx, task, "wang")
				if c.refused == "" {
					if err != nil {
						t.Fatalf("delete the task: %v; want it deleted", err)
					}
					return
				}
				if ErrorCode(err) != ECONFLICT || !strings.Contains(ErrorMessage(err), c.refused) {
					t.Fatalf("delete the task: %v; want ECONFLICT %q", err, c.refused)
				}
				if _, err := s.Assignment(ctx, task); err != nil {
					t.Fatalf("the task after the refusal: %v; want it still there", err)
				}
			})
		})
	}
}

// On PostgreSQL a coordinator deleting the task while the department's
// hand-in commits waits for it on the task's row, then refuses as for
// any file handed in (409), instead of failing on the hand-in's record's
// foreign key (a 500) or deleting a task a file was just recorded for.
func TestPostgresDeleteAssignmentWaitsForAHandIn(t *testing.T) {
	s := storeOpeners[1].open(t)
	t.Cleanup(func() { s.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	task, _ := returnedFixture(t, s)
	if err := s.CreateDocument(ctx, newDoc("学分银行实施方案", "sha-方案"), Submission{User: "wang", Filename: "学分银行实施方案.pdf"}); err != nil {
		t.Fatal(err)
	}
	// As HandInLinked does: the submission and the record in one
	// transaction, left open while the delete comes.
	handIn := beginTx(ctx, t, s)
	if err := s.holdAssignmentRound(ctx, handIn, task); err != nil {
		t.Fatal(err)
	}
	if err := insertSubmission(ctx, handIn, Submission{DocumentID: "学分银行实施方案", User: "jiaoyu", Filename: "实施方案.pdf", Assignment: task, At: s.now()}); err != nil {
		t.Fatal(err)
	}
	c := AssignmentChange{ID: task, From: AssignmentStatuses, To: AssignmentSubmitted, Documents: []string{"学分银行实施方案"}, By: "jiaoyu"}
	if err := s.changeAssignment(ctx, handIn, c, nil); err != nil {
		t.Fatal(err)
	}
	deleted := make(chan error, 1)
	go func() {
		_, err := s.DeleteAssignment(ctx, task, "wang")
		deleted <- err
	}()
	waitForLockWaits(ctx, t, s, 1, deleted)
	if err := handIn.Commit(); err != nil {
		t.Fatalf("commit the hand-in: %v", err)
	}
	if err := <-deleted; ErrorCode(err) != ECONFLICT || !strings.Contains(ErrorMessage(err), "该任务已有 1 份部门提交的材料") {
		t.Fatalf("delete during the hand-in: %v; want ECONFLICT naming the file handed in", err)
	}
	if a, err := s.Assignment(ctx, task); err != nil || a.Status != AssignmentSubmitted {
		t.Fatalf("the task after: %+v %v; want it 已提交", a, err)
	}
}

// TestReturnNoFileChosen: a return naming an empty list of files (a form
// with every box unticked, an API client that filtered its list down to
// nothing) is refused on documents, and both files stay handed in; only
// no list at all (nil) means every file.
// TestAHandInLeftByAStoppedServer: the server died in the middle of 市教
// 育局's upload (kill -9, a power cut), after its submission was written
// and before the task recorded the file; no request is left to say the
// upload ended. The next start of a one-machine archive says so
// (AbandonDeadHandIns), and the task may then be deleted. On a shared
// catalog another node may be uploading: nothing is swept at start and
// the task stays held, until the nodes take the hand-in's node for
// stopped (nodealive_test.go).
func TestAHandInLeftByAStoppedServer(t *testing.T) {
	ctx := context.Background()
	forEachStore(t, func(t *testing.T, s *Store) {
		task, _ := returnedFixture(t, s)
		sub := Submission{User: "jiaoyu", Department: "市教育局", Filename: "学分银行实施方案.pdf", Assignment: task}
		if err := s.CreateDocument(ctx, newDoc("学分银行实施方案", "sha-方案"), sub); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DeleteAssignment(ctx, task, "wang"); ErrorCode(err) != ECONFLICT {
			t.Fatalf("delete the task while its hand-in is uploading: %v; want ECONFLICT", err)
		}
		n, err := s.AbandonDeadHandIns(ctx)
		want := 1
		if s.Shared() {
			want = 0
		}
		if err != nil || n != want {
			t.Fatalf("hand-ins swept at start: %d, %v; want %d", n, err, want)
		}
		_, err = s.DeleteAssignment(ctx, task, "wang")
		if s.Shared() {
			if ErrorCode(err) != ECONFLICT {
				t.Fatalf("delete on a shared catalog after the sweep: %v; want it still held (ECONFLICT)", err)
			}
			return
		}
		if err != nil {
			t.Fatalf("delete the task after the start swept its dead hand-in: %v; want it deleted", err)
		}
	})
}

func TestReturnNoFileChosen(t *testing.T) { forEachStore(t, testReturnNoFileChosen) }

func testReturnNoFileChosen(t *testing.T, s *Store) {
	ctx := context.Background()
	task, handIn := returnedFixture(t, s)
	handIn("学分银行实施方案", true)
	handIn("社区学校名单", true)
	_, err := s.ReturnAssignmentFiles(ctx, task, "材料不全", "wang", []string{})
	if ErrorCode(err) != EINVALID || ErrorField(err) != "documents" {
		t.Fatalf("return with no file chosen: %v; want EINVALID on documents", err)
	}
	if a, err := s.Assignment(ctx, task); err != nil || a.Status != AssignmentSubmitted || len(a.HandedIn()) != 2 {
		t.Fatalf("after the refused return: %+v %v; want 已提交 with both files", a, err)
	}
}

// On PostgreSQL the coordinator returns 学分银行实施方案 and keeps
// 社区学校名单 while the department withdraws the list. The withdrawal takes the
// task's row first; the return has read both files pending before that,
// and waits. Once the withdrawal commits (seeing the plan still pending,
// it leaves the task submitted), the return counts again under the row's
// lock: nothing kept is left, so the task is 已退回, not 已提交 with no
// file to confirm.
func TestPostgresPartialReturnRacingAWithdrawal(t *testing.T) {
	s := storeOpeners[1].open(t)
	t.Cleanup(func() { s.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	task, handIn := returnedFixture(t, s)
	handIn("学分银行实施方案", true)
	handIn("社区学校名单", true)
	// Holds the task's row so that the withdrawal queues for it first.
	gate := beginTx(ctx, t, s)
	if err := gate.QueryRowContext(ctx, `SELECT status FROM assignment WHERE id = ?`+s.dialect.lockRow, task).Scan(new(string)); err != nil {
		t.Fatal(err)
	}
	release, withdrawn := withdrawHeld(t, s, task, "社区学校名单")
	release()
	waitForLockWaits(ctx, t, s, 1, withdrawn)
	returned := make(chan error, 1)
	go func() {
		_, err := s.ReturnAssignmentFiles(ctx, task, "缺少文号", "wang", []string{"学分银行实施方案"})
		returned <- err
	}()
	waitForLockWaits(ctx, t, s, 2, returned)
	if err := gate.Rollback(); err != nil {
		t.Fatal(err)
	}
	if err := <-withdrawn; err != nil {
		t.Fatalf("withdraw the list: %v", err)
	}
	if err := <-returned; err != nil {
		t.Fatalf("return the plan: %v", err)
	}
	a, err := s.Assignment(ctx, task)
	if err != nil || a.Status != AssignmentReturned || a.Reason != "缺少文号" || len(a.HandedIn()) != 0 {
		t.Fatalf("after both: %s (%q), handed in %v, %v; want 已退回 with 缺少文号 and nothing handed in", a.Status, a.Reason, a.HandedIn(), err)
	}
}
