package catalog

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestRestoreKeepsToTheJobContract(t *testing.T) {
	forEachStore(t, testRestoreKeepsToTheJobContract)
}

// A restore clears the job columns of the document it restores, as a
// take or a give back writes them: on a catalog whose job contract is not
// this binary's (a newer binary gave them another meaning) it restores
// nothing and says why, and the row stays deleted with its job as it
// was.
func testRestoreKeepsToTheJobContract(t *testing.T, s *Store) {
	ctx := context.Background()
	if err := s.CreateDocument(ctx, newDoc("D1", "sha-D1"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	if tok, err := s.TakeJob(ctx, "D1", "杭州节点", time.Hour); tok == "" || err != nil {
		t.Fatalf("take: %q %v", tok, err)
	}
	if _, err := s.DeleteDocument(ctx, "D1", "zhang"); err != nil {
		t.Fatal(err)
	}
	before := readJobRow(t, s, "D1")
	if _, err := s.writer.ExecContext(ctx, `UPDATE schema_contract SET value = 2 WHERE name = 'job_lease'`); err != nil {
		t.Fatal(err)
	}
	_, err := s.RestoreDocument(ctx, "D1", "zhang")
	if ErrorCode(err) != EUNAVAILABLE || !strings.Contains(MessageIn(err, true), "newer version") {
		t.Errorf("restore on a catalog of job contract 2: %v, want EUNAVAILABLE saying a newer version upgraded it", err)
	}
	if r := readJobRow(t, s, "D1"); r != before {
		t.Errorf("job columns after a refused restore: %+v, want %+v", r, before)
	}
	if _, err := s.Document(ctx, "D1"); !IsNotFound(err) {
		t.Errorf("the document after a refused restore: %v, want still deleted", err)
	}
}

func TestRestoreFreesTheJobItsDeletionInterrupted(t *testing.T) {
	forEachStore(t, testRestoreFreesTheJobItsDeletionInterrupted)
}

// A document deleted while a node read it and then restored has a job
// to do again, at once: the deletion ended that reading, so its lease
// holds nothing back and its attempt is not counted (three restores
// would otherwise fail a good document as poison). A lease that had run
// out before the deletion was a node dying on the document: that
// attempt stays counted.
func testRestoreFreesTheJobItsDeletionInterrupted(t *testing.T, s *Store) {
	ctx := context.Background()
	for _, id := range []string{"D1", "D2"} {
		if err := s.CreateDocument(ctx, newDoc(id, "sha-"+id), Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range MaxJobAttempts + 1 {
		before := readJobRow(t, s, "D1")
		if tok, err := s.TakeJob(ctx, "D1", "杭州节点", time.Hour); tok == "" || err != nil {
			d, _ := s.Document(ctx, "D1")
			t.Fatalf("take %d of a document restored each time: %q %v (document %s %q)", i+1, tok, err, d.Status, d.Error)
		}
		if _, err := s.DeleteDocument(ctx, "D1", "zhang"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RestoreDocument(ctx, "D1", "zhang"); err != nil {
			t.Fatal(err)
		}
		if r := readJobRow(t, s, "D1"); r != before {
			t.Fatalf("restore %d after a deletion in mid-reading: %+v, want %+v as before the take", i+1, r, before)
		}
	}
	tok, err := s.TakeJob(ctx, "D1", "宁波节点", time.Hour)
	if tok == "" || err != nil {
		t.Fatalf("another node takes the restored document's job at once: %q %v", tok, err)
	}

	// A node that died on D2 before it was deleted: its lease ran out
	// first, and its attempt counts after the restore too.
	if tok, _ := s.TakeJob(ctx, "D2", "死去的节点", time.Minute); tok == "" {
		t.Fatal("take D2")
	}
	s.now = func() time.Time { return time.Now().UTC().Add(2 * time.Minute) }
	if _, err := s.DeleteDocument(ctx, "D2", "zhang"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RestoreDocument(ctx, "D2", "zhang"); err != nil {
		t.Fatal(err)
	}
	if r := readJobRow(t, s, "D2"); r.attempts != 1 || r.owner != "" || r.until != "" || r.token != "" {
		t.Errorf("restored after a lease ran out: %+v, want 1 attempt and no lease", r)
	}
}

func TestReplaceKeepsToTheJobContract(t *testing.T) {
	forEachStore(t, testReplaceKeepsToTheJobContract)
}

// A replacement of a failed original gives the document a fresh job,
// clearing the job columns as a restore does: on a catalog whose job
// contract is not this binary's it replaces nothing and says why, and
// the row keeps its file, its status and its job as they were.
func testReplaceKeepsToTheJobContract(t *testing.T, s *Store) {
	ctx := context.Background()
	before := failedUnderNewerContract(t, s, "sha-社区教育年报（扫描）")
	_, err := s.ReplaceOriginal(ctx, "D1", Replacement{SHA256: "sha-社区教育年报（重新扫描）", Format: "pdf", MIME: "application/pdf",
		Filename: "社区教育年报.pdf", Size: 20, By: "wang"})
	if ErrorCode(err) != EUNAVAILABLE || !strings.Contains(MessageIn(err, true), "newer version") {
		t.Errorf("replace on a catalog of job contract 2: %v, want EUNAVAILABLE saying a newer version upgraded it", err)
	}
	if r := readJobRow(t, s, "D1"); r != before {
		t.Errorf("job columns after a refused replacement: %+v, want %+v", r, before)
	}
	if d, err := s.Document(ctx, "D1"); err != nil || d.Status != StatusFailed || d.SHA256 != "sha-社区教育年报（扫描）" {
		t.Errorf("the document after a refused replacement: %+v %v, want failed with its own file", d, err)
	}
}

func TestReadAgainKeepsToTheJobContract(t *testing.T) {
	forEachStore(t, testReadAgainKeepsToTheJobContract)
}

// Sending a document back to stored (重新读取, a reconcile's read again)
// gives it a fresh job, clearing the job columns: on a catalog whose job
// contract is not this binary's it moves nothing and says why, and the
// row keeps its status and its job as they were.
func testReadAgainKeepsToTheJobContract(t *testing.T, s *Store) {
	ctx := context.Background()
	before := failedUnderNewerContract(t, s, "sha-社区教育年报")
	err := s.SetStatus(ctx, StatusChange{ID: "D1", Status: StatusStored})
	var ce *JobContractError
	if ErrorCode(err) != EUNAVAILABLE || !errors.As(err, &ce) || !strings.Contains(MessageIn(err, true), "newer version") {
		t.Errorf("read again on a catalog of job contract 2: %v, want EUNAVAILABLE saying a newer version upgraded it", err)
	}
	if r := readJobRow(t, s, "D1"); r != before {
		t.Errorf("job columns after a refused read again: %+v, want %+v", r, before)
	}
	if d, err := s.Document(ctx, "D1"); err != nil || d.Status != StatusFailed {
		t.Errorf("the document after a refused read again: %+v %v, want still failed", d, err)
	}
}

// failedUnderNewerContract makes document D1 of file sha, its read failed
// after a node took its job, on a catalog whose job contract a newer
// binary then changed (job_lease 2), and returns its job columns then.
func failedUnderNewerContract(t *testing.T, s *Store, sha string) jobRow {
	t.Helper()
	ctx := context.Background()
	if err := s.CreateDocument(ctx, newDoc("D1", sha), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	if tok, err := s.TakeJob(ctx, "D1", "杭州节点", time.Hour); tok == "" || err != nil {
		t.Fatalf("take: %q %v", tok, err)
	}
	if err := s.SetStatus(ctx, StatusChange{ID: "D1", Status: StatusFailed, Error: "PDF 文件已损坏"}); err != nil {
		t.Fatal(err)
	}
	before := readJobRow(t, s, "D1")
	if _, err := s.writer.ExecContext(ctx, `UPDATE schema_contract SET value = 2 WHERE name = 'job_lease'`); err != nil {
		t.Fatal(err)
	}
	return before
}
