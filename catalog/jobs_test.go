package catalog

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestJobLeases(t *testing.T) { forEachStore(t, testJobLeases) }

func testJobLeases(t *testing.T, s *Store) {
	ctx := context.Background()
	if err := s.CreateDocument(ctx, newDoc("D1", "aa"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	tokA, err := s.TakeJob(ctx, "D1", "node-a", time.Minute)
	if tokA == "" || err != nil {
		t.Fatalf("node A takes a free job: %q %v", tokA, err)
	}
	if tok, _ := s.TakeJob(ctx, "D1", "node-b", time.Minute); tok != "" {
		t.Fatalf("node B took a job node A holds")
	}
	if ok, _ := s.RenewJob(ctx, "D1", "node-b", tokA, time.Minute); ok {
		t.Errorf("node B renewed node A's lease")
	}
	if orphans, _ := s.OrphanedJobs(ctx, 0, 10); len(orphans) != 0 {
		t.Errorf("a leased job is orphaned: %v", orphans)
	}
	// Node A dies: its lease runs out, and B takes the job.
	s.now = func() time.Time { return time.Now().UTC().Add(2 * time.Minute) }
	if orphans, _ := s.OrphanedJobs(ctx, 0, 10); len(orphans) != 1 || orphans[0] != "D1" {
		t.Errorf("orphans after the lease: %v", orphans)
	}
	if tok, err := s.TakeJob(ctx, "D1", "node-b", time.Minute); tok == "" || err != nil {
		t.Fatalf("node B takes an expired job: %q %v", tok, err)
	}
	s.now = func() time.Time { return time.Now().UTC().Add(4 * time.Minute) }
	if tok, _ := s.TakeJob(ctx, "D1", "node-c", time.Minute); tok == "" {
		t.Fatalf("third attempt refused")
	}
	// A fourth taker finds a poison document: it is failed, not retried.
	s.now = func() time.Time { return time.Now().UTC().Add(6 * time.Minute) }
	if tok, err := s.TakeJob(ctx, "D1", "node-a", time.Minute); tok != "" || err != nil {
		t.Fatalf("poison document taken again: %q %v", tok, err)
	}
	d, err := s.Document(ctx, "D1")
	if err != nil || d.Status != StatusFailed || d.Error == "" {
		t.Fatalf("poison document: %+v %v, want failed with a reason", d, err)
	}
	if want := "\uFF08处理程序中途退出\uFF09\uFF0C"; !strings.Contains(d.Error, want) || strings.ContainsAny(d.Error, ",()") {
		t.Errorf("poison reason %q: want full-width punctuation (%s)", d.Error, want)
	}
	if !strings.HasPrefix(d.ErrorEnglish, "Reading was tried 3 times without finishing") {
		t.Errorf("poison reason in English %q", d.ErrorEnglish)
	}
	if err := s.SetStatus(ctx, StatusChange{ID: "D1", Status: StatusStored}); err != nil {
		t.Fatal(err)
	}
	if tok, _ := s.TakeJob(ctx, "D1", "node-a", time.Minute); tok == "" {
		t.Errorf("a retried document starts with fresh attempts")
	}
}

// On PostgreSQL a job whose row another transaction holds at the moment
// is not mistaken for one done or another node's: a foreign key's brief
// FOR KEY SHARE (a link naming the document) does not keep it from being
// taken, and a row being written (an edit) is ErrJobLocked, to be asked
// for again, unless another node's lease holds the job anyway.
func TestTakeJobOfALockedRow(t *testing.T) {
	ctx := context.Background()
	s := storeOpeners[1].open(t)
	t.Cleanup(func() { s.Close() })
	for _, id := range []string{"D1", "D2", "D3"} {
		if err := s.CreateDocument(ctx, newDoc(id, id), Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	if tok, err := s.TakeJob(ctx, "D3", "node-b", time.Minute); tok == "" || err != nil {
		t.Fatalf("node B takes D3: %q %v", tok, err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for _, q := range []string{
		`SELECT 1 FROM document WHERE id = 'D1' FOR KEY SHARE`,
		`UPDATE document SET doc_number = '杭教〔2019〕8号' WHERE id IN ('D2', 'D3')`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		id     string
		took   bool
		locked bool
	}{
		{"D1", true, false},  // held only as a foreign key's
		{"D2", false, true},  // being written, no lease: ask again
		{"D3", false, false}, // being written, node B's lease: B's
	} {
		tok, err := s.TakeJob(ctx, tt.id, "node-a", time.Minute)
		if (tok != "") != tt.took || errors.Is(err, ErrJobLocked) != tt.locked || err != nil && !tt.locked {
			t.Errorf("TakeJob(%s) = %v, %v; want taken %v, locked %v", tt.id, tok, err, tt.took, tt.locked)
		}
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if tok, err := s.TakeJob(ctx, "D2", "node-a", time.Minute); tok == "" || err != nil {
		t.Errorf("D2 once its row is free: %q %v", tok, err)
	}
}

func TestChangesSince(t *testing.T) { forEachStore(t, testChangesSince) }

func testChangesSince(t *testing.T, s *Store) {
	ctx := context.Background()
	for _, id := range []string{"D1", "D2", "D3"} {
		if err := s.CreateDocument(ctx, newDoc(id, id), Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.ChangesSince(ctx, 0, 10)
	if err != nil || len(all) != 3 || all[0].Document.ID != "D1" {
		t.Fatalf("changes since 0: %+v, %v", all, err)
	}
	last := all[2].Document.Seq
	if _, err := s.DeleteDocument(ctx, "D1", "admin"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStatus(ctx, StatusChange{ID: "D2", Status: StatusExtracted}); err != nil {
		t.Fatal(err)
	}
	got, err := s.ChangesSince(ctx, last, 10)
	if err != nil || len(got) != 2 || got[0].Document.ID != "D1" || !got[0].Deleted || got[1].Document.ID != "D2" || got[1].Deleted {
		t.Fatalf("changes after %d: %+v, %v; want D1 deleted then D2", last, got, err)
	}
	if latest, _ := s.LatestSeq(ctx); latest != got[1].Document.Seq {
		t.Errorf("latest seq %d, want %d", latest, got[1].Document.Seq)
	}
}
