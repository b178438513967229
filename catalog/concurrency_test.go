package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"testing"
	"time"
)

// Many writers at once (on PostgreSQL: what several nodes do) create and
// change documents while a follower reads "changes after the last seq it
// saw" as the index followers do: every change is seen exactly once, in
// increasing seq order, and the follower ends with every document's latest
// state — no change committed with a lower seq after a higher one was read.
func TestConcurrentWritersAndAFollower(t *testing.T) {
	forEachStore(t, testConcurrentWritersAndAFollower)
}

func testConcurrentWritersAndAFollower(t *testing.T, s *Store) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	const writers, perWriter = 12, 6
	var codes []string
	for w := range writers {
		codes = append(codes, fmt.Sprintf("1.1.%d", w+1))
	}
	importSmallFramework(t, s, "1", codes...)
	// HUB is linked by every writer at once: each link renumbers it while
	// others hold foreign-key locks on it.
	if err := s.CreateDocument(ctx, newDoc("HUB", "hub"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	seen := map[int64]string{} // seq → document, as the follower saw it
	latestSeen := map[string]int64{}
	var last int64
	follow := func() {
		for {
			changes, err := s.ChangesSince(ctx, last, 7)
			if err != nil {
				t.Errorf("follower: %v", err)
				return
			}
			if len(changes) == 0 {
				return
			}
			for _, c := range changes {
				seq := c.Document.Seq
				if seq <= last {
					t.Errorf("follower got seq %d after %d", seq, last)
				}
				if id, dup := seen[seq]; dup {
					t.Errorf("seq %d seen twice (%s, %s)", seq, id, c.Document.ID)
				}
				seen[seq], latestSeen[c.Document.ID], last = c.Document.ID, seq, seq
			}
		}
	}
	done := make(chan struct{})
	followed := make(chan struct{})
	go func() {
		defer close(followed)
		for {
			select {
			case <-done:
				follow() // a last catch-up after every writer has committed
				return
			default:
				follow()
			}
		}
	}()
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWriter {
				id := fmt.Sprintf("W%02d-%d", w, i)
				if err := s.CreateDocument(ctx, newDoc(id, id), Submission{User: "zhang"}); err != nil {
					t.Errorf("create %s: %v", id, err)
					return
				}
				if err := s.RecordEvent(ctx, Event{User: "zhang", Action: "document.view", Object: id}); err != nil {
					t.Errorf("event %s: %v", id, err)
				}
				if err := s.SetStatus(ctx, StatusChange{ID: id, Status: StatusExtracted, Pages: 2}); err != nil {
					t.Errorf("status %s: %v", id, err)
				}
				links := []*Link{{DocumentID: id, IndicatorCode: codes[w], CreatedBy: "zhang"}}
				if i == 0 {
					links = append(links, &Link{DocumentID: "HUB", IndicatorCode: codes[w], CreatedBy: "zhang"})
				}
				if err := s.CreateLinks(ctx, links, false); err != nil {
					t.Errorf("links of %s: %v", id, err)
				}
			}
		}()
	}
	wg.Wait()
	close(done)
	<-followed
	if t.Failed() {
		return
	}
	ids := []string{"HUB"}
	for w := range writers {
		for i := range perWriter {
			ids = append(ids, fmt.Sprintf("W%02d-%d", w, i))
		}
	}
	for _, id := range ids {
		d, err := s.Document(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if latestSeen[id] != d.Seq || (id != "HUB" && d.Status != StatusExtracted) {
			t.Errorf("%s: follower's last seq %d, catalog's %d (%s): a change was missed", id, latestSeen[id], d.Seq, d.Status)
		}
	}
	// One number per document changed by each transaction: a create, a
	// status change, a link batch (two documents on a writer's first).
	if want := int64(1 + 3*writers*perWriter + writers); last != want {
		t.Errorf("follower ended at seq %d, want %d (no number lost or given twice)", last, want)
	}
	if links, _ := s.DocumentLinks(ctx, "HUB"); len(links) != writers {
		t.Errorf("HUB has %d links, want %d", len(links), writers)
	}
}

// On PostgreSQL a write transaction holds no catalog-wide lock: while one
// transaction that changed a document is still open, other writers create
// documents and write the audit log; only the numbering of changes at
// commit waits, and only for a moment.
func TestPostgresWritersDoNotQueueBehindOne(t *testing.T) {
	s := storeOpeners[1].open(t)
	t.Cleanup(func() { s.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := s.CreateDocument(ctx, newDoc("SLOW", "slow"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	inside, release := make(chan struct{}), make(chan struct{})
	slow := make(chan error, 1)
	go func() {
		slow <- s.inTx(ctx, func(tx *sql.Tx) error {
			seq, err := s.nextSeq(ctx, tx)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE document SET title = ?, seq = ? WHERE id = ?`, "慢的修改", seq, "SLOW"); err != nil {
				return err
			}
			close(inside)
			<-release
			return nil
		})
	}()
	<-inside
	others := make(chan error, 1)
	go func() {
		for i := range 5 {
			id := fmt.Sprintf("FAST%d", i)
			if err := s.CreateDocument(ctx, newDoc(id, id), Submission{User: "li"}); err != nil {
				others <- err
				return
			}
		}
		others <- s.RecordEvent(ctx, Event{User: "li", Action: "login", Object: "user:li"})
	}()
	select {
	case err := <-others:
		if err != nil {
			t.Fatalf("writers beside an open transaction: %v", err)
		}
	case <-time.After(time.Minute): // serialised writers would wait for ever
		close(release)
		t.Fatal("writers waited for another node's open transaction: writes are still serialised")
	}
	close(release)
	if err := <-slow; err != nil {
		t.Fatalf("the slow transaction: %v", err)
	}
	d, err := s.Document(ctx, "SLOW")
	if err != nil || d.Seq != 7 || d.Title != "慢的修改" {
		t.Errorf("the slow change, committed last: %+v %v, want seq 7", d, err)
	}
}
