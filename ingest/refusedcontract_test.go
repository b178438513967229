package ingest

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// jobRow is what a document's row says of its job, every column of the
// job contract (catalog.JobContract).
func (c *refusedCatalog) jobRow(t *testing.T, id string) [4]string {
	t.Helper()
	var attempts, owner, until, token string
	q := strings.Replace(c.jobSQL, "SELECT attempts, lease_owner", "SELECT attempts, lease_owner, lease_until, lease_token", 1)
	if err := c.db.QueryRow(q, id).Scan(&attempts, &owner, &until, &token); err != nil {
		t.Fatal(err)
	}
	return [4]string{attempts, owner, until, token}
}

// A node refused by a catalog whose job contract is not the one it knows
// (a newer binary gave lease_owner, lease_until or attempts another
// meaning) gives back no job it dropped: its idea of those columns would
// corrupt them. The row stays as the node left it, and its log says why.
func TestARefusedNodeLeavesTheJobColumnsOfAnotherContract(t *testing.T) {
	for _, rr := range sharedRefusalRigs {
		t.Run(rr.name, func(t *testing.T) {
			r, cat := rr.open(t)
			held := &heldOriginals{Store: r.blobs, asked: make(chan string, 10), let: make(chan struct{})}
			logs := &lockedBuffer{}
			const node = "旧版节点"
			svc := New(r.cat, held, r.idx, Config{
				TempDir: filepath.Join(r.dir, "tmp"), Workers: 1,
				Logger: slog.New(slog.NewTextHandler(io.MultiWriter(testWriter{t, node}, logs), nil)),
				// A lease that outlasts the test: no renewal is due.
				Shared: true, Node: node, Lease: time.Hour, FollowInterval: 10 * time.Millisecond,
			})
			t.Cleanup(svc.Close)
			if err := svc.Start(context.Background()); err != nil {
				t.Fatal(err)
			}
			id := submitText(t, svc, "老年教育.txt", "老年教育工作总结：全市新增老年学校二十所。").Document.ID
			select {
			case <-held.asked:
			case <-time.After(time.Minute):
				t.Fatal("the node did not begin reading the document in a minute")
			}
			before := cat.jobRow(t, id)
			if before[0] != "1" || before[1] != node || before[3] == "" {
				t.Fatalf("while the node reads it: %q, want 1 attempt held by %q with a token", before, node)
			}

			// A newer binary migrates the catalog and changes what the
			// job columns mean.
			if _, err := cat.db.Exec(`UPDATE schema_contract SET value = 2 WHERE name = 'job_lease'`); err != nil {
				t.Fatal(err)
			}
			cat.set(t, 999)
			waitOutrun(t, svc)
			close(held.let)
			for deadline := time.Now().Add(30 * time.Second); !strings.Contains(logs.String(), "job not given back"); time.Sleep(10 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatalf("30 s after the refusal the log does not say the dropped job was not given back:\n%s", logs)
				}
			}
			if got := cat.jobRow(t, id); got != before {
				t.Errorf("the job columns of a catalog of another job contract: %q, want %q unchanged", got, before)
			}
			if log := logs.String(); !strings.Contains(log, "catalog_job_contract=2") || !strings.Contains(log, "known_job_contract=1") {
				t.Errorf("the log does not name the two job contracts:\n%s", log)
			}
		})
	}
}
