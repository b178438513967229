package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/internal/pgtest"
)

// twoFillingNodes opens two catalogs on one new PostgreSQL database, as two
// serve nodes of one deployment, with n documents (F000…) read before
// short bands existed: normal bands and no short one, the fill of short
// bands (migration 049) to do up to the last.
func twoFillingNodes(t *testing.T, n int) (a, b *Store) {
	t.Helper()
	ctx := context.Background()
	url := pgtest.DatabaseURL(t)
	for _, s := range []**Store{&a, &b} {
		st, err := OpenPostgres(ctx, url)
		if err != nil {
			t.Fatalf("open catalog on PostgreSQL: %v", err)
		}
		t.Cleanup(func() { st.Close() })
		*s = st
	}
	for i := range n {
		d := newDoc(fmt.Sprintf("F%03d", i), fmt.Sprintf("sha-F%03d", i))
		d.Title = fmt.Sprintf("关于开展第%d期社区学习活动的通知", i+1)
		if err := a.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
		if err := a.SetNearDuplicateBands(ctx, d.ID, bandsFrom(int64(1000*i), 16), nil); err != nil {
			t.Fatal(err)
		}
	}
	err := a.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM short_band_fill`); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO short_band_fill (id, done, upto) VALUES (1, '', ?)`, fmt.Sprintf("F%03d", n-1))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return a, b
}

// fillLikeTheStart runs the fill as a node's start runs it (ingest's
// fillShortBands): batches of ShortBandsToFill, each text "read" (counted
// in read) and given short bands by AddShortBands. started is done after
// the first ShortBandsToFill and waited for before anything is written.
func fillLikeTheStart(ctx context.Context, s *Store, started *sync.WaitGroup, read func(id string)) error {
	const batch = 16
	for first := true; ; first = false {
		docs, pending, err := s.ShortBandsToFill(ctx, batch)
		if first && started != nil {
			started.Done()
			started.Wait()
		}
		if err != nil || !pending {
			return err
		}
		news := make([]NewBands, 0, len(docs))
		for _, d := range docs {
			read(d.ID)
			var i int
			fmt.Sscanf(d.ID, "F%d", &i)
			news = append(news, NewBands{ID: d.ID, Bands: append(bandsFrom(int64(1000*i), 16), bandsFrom(int64(1000*i+500), 32)...)})
		}
		last := ""
		if len(docs) == batch {
			last = docs[len(docs)-1].ID
		}
		if _, err := s.AddShortBands(ctx, news, last); err != nil || last == "" {
			return err
		}
	}
}

// Two nodes of one catalog on PostgreSQL starting at once read each
// stored text for the fill of short bands once between them, not once
// each (review s46 #4): one node does the fill, the other leaves it.
func TestTwoNodesStartingAtOnceFillShortBandsOnce(t *testing.T) {
	a, b := twoFillingNodes(t, 40)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var mu sync.Mutex
	reads := map[string]int{}
	read := func(id string) {
		mu.Lock()
		defer mu.Unlock()
		reads[id]++
	}
	var started, ended sync.WaitGroup
	started.Add(2)
	errs := make(chan error, 2)
	for _, s := range []*Store{a, b} {
		ended.Add(1)
		go func() {
			defer ended.Done()
			errs <- fillLikeTheStart(ctx, s, &started, read)
		}()
	}
	ended.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("fill: %v", err)
		}
	}
	for i := range 40 {
		id := fmt.Sprintf("F%03d", i)
		if reads[id] != 1 {
			t.Errorf("text of %s read %d times by the two nodes' fills; want once", id, reads[id])
		}
	}
	var short, marks int
	if err := a.db.QueryRowContext(ctx, `SELECT COUNT(DISTINCT document_id) FROM near_duplicate_band WHERE band >= ?`, shortBandBase).Scan(&short); err != nil {
		t.Fatal(err)
	}
	if err := a.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM short_band_fill`).Scan(&marks); err != nil {
		t.Fatal(err)
	}
	if short != 40 || marks != 0 {
		t.Errorf("after the fill: %d documents with short bands, %d marks; want 40 and none", short, marks)
	}
}

// A node whose session ends during the fill (killed, the network cut)
// loses its lock with it: another node asking next takes the fill, and
// the first, asking again, sees it lost it and leaves the fill to the
// other rather than going on beside it (review s47 #1). ingest's
// TestTheFillOfANodeThatDiedGoesOnFromItsMark runs the nodes' own tries.
func TestAFillWhoseSessionEndedIsLeftToTheNextNode(t *testing.T) {
	a, b := twoFillingNodes(t, 40)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if docs, pending, err := a.ShortBandsToFill(ctx, 16); err != nil || !pending || len(docs) != 16 {
		t.Fatalf("first node's first batch: %d documents, %v, %v", len(docs), pending, err)
	}
	var pid int
	a.fill.mu.Lock()
	err := a.fill.conn.QueryRowContext(ctx, `SELECT pg_backend_pid()`).Scan(&pid)
	a.fill.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	var killed bool
	if err := b.db.QueryRowContext(ctx, `SELECT pg_terminate_backend(?)`, pid).Scan(&killed); err != nil || !killed {
		t.Fatalf("kill the first node's session %d: %v, %v", pid, killed, err)
	}
	// pg_terminate_backend only signals: the session's locks go when its
	// backend has exited, which a loaded machine delays (CI, session 47).
	for {
		var alive bool
		if err := b.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = ?)`, pid).Scan(&alive); err != nil {
			t.Fatal(err)
		}
		if !alive {
			break
		}
		if ctx.Err() != nil {
			t.Fatalf("the first node's session %d still runs a minute after it was ended", pid)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if docs, pending, err := b.ShortBandsToFill(ctx, 16); err != nil || !pending || len(docs) != 16 {
		t.Fatalf("second node after the first's session ended: %d documents, %v, %v; want the fill its", len(docs), pending, err)
	}
	if docs, pending, err := a.ShortBandsToFill(ctx, 16); err != nil || pending {
		t.Fatalf("first node after its session ended: %d documents, pending %v, %v; want the fill left to the second", len(docs), pending, err)
	}
}
