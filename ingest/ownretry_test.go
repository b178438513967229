package ingest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// A document whose original the shared store cannot give for a while is
// read again by the node that took its job as soon as the store answers,
// even when, at that moment, another node's transaction holds its row (a
// sibling's near-duplicate link, whose foreign key locks the row it
// names): the node does not drop it and leave it stored until its lease
// runs out for another node to take it over (probe s40, 简报2 sat stored
// for the two minutes of the lease after a 20 s S3 outage).
func TestSharedOwnNodeRetriesAfterTheStoreReturns(t *testing.T) {
	for _, tt := range []struct {
		name string
		hold string // another node's statement on the document's row, in a transaction left open a while
	}{
		// A sibling's near-duplicate link or a citation naming it: the
		// foreign key's check holds the row FOR KEY SHARE.
		{"a link to it", `SELECT 1 FROM document WHERE id = $1 FOR KEY SHARE`},
		// A coordinator on another node correcting its 文号.
		{"an edit of it", `UPDATE document SET doc_number = '甬教〔2019〕12号' WHERE id = $1`},
	} {
		t.Run(tt.name, func(t *testing.T) { testOwnNodeRetries(t, tt.hold) })
	}
}

func testOwnNodeRetries(t *testing.T, hold string) {
	ctx := context.Background()
	r, url := pgRigAt(t)
	outage := &storeOutage{Store: r.blobs}
	outage.originals.Store(true)
	cut := *r
	cut.blobs = outage
	own, _, done := sharedNode(t, &cut, "own")
	// Longer than the test runs: only its own node can read it in time.
	own.cfg.Lease = 10 * time.Minute
	own.cfg.RetryDelay = 100 * time.Millisecond
	other, _, _ := sharedNode(t, r, "other")
	other.cfg.Lease = 10 * time.Minute
	for _, n := range []*Service{own, other} {
		if err := n.Start(ctx); err != nil {
			t.Fatal(err)
		}
	}
	outage.down.Store(true)
	const text = "宁波市社区教育学分银行覆盖全部街道，市民学习积分可兑换课程。"
	// Reads of its original are counted from its upload on.
	outage.key.Store(catalog.OriginalKey(sha256Hex(text)))
	id := submitText(t, own, "宁波市学分银行简报2.txt", text).Document.ID
	for deadline := time.Now().Add(time.Minute); outage.watched.Load() < 2; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the original was asked for %d times in a minute while the store was down", outage.watched.Load())
		}
	}

	// Another node's transaction holds the document's row as the store
	// comes back, for several of the node's retries.
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, hold, id); err != nil {
		t.Fatal(err)
	}
	outage.down.Store(false)
	time.Sleep(10 * own.cfg.RetryDelay)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}

	for timeout := time.After(time.Minute); ; {
		select {
		case d := <-done:
			if d.ID != id {
				continue
			}
			if d.Status != catalog.StatusIndexed {
				t.Fatalf("%s is %s (%s), want indexed", id, d.Status, d.Error)
			}
		case <-timeout:
			d, _ := r.cat.Document(ctx, id)
			t.Fatalf("a minute after the store came back the document is %s, not read again by the node holding its job", d.Status)
		}
		break
	}
	var owner string
	var attempts int
	if err := db.QueryRowContext(ctx, `SELECT lease_owner, attempts FROM document WHERE id = $1`, id).Scan(&owner, &attempts); err != nil {
		t.Fatal(err)
	}
	if owner != "own" || attempts != 1 {
		t.Errorf("the job was last taken by %q, attempt %d; want its own node's first attempt", owner, attempts)
	}
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
