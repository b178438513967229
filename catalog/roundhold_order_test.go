package catalog

import (
	"context"
	"database/sql"
	"testing"
	"time"
)

// An edit that leaves a document in its round (2026), read while a
// reading of the text moves the document to 2025, must not put it back
// into 2026 after DeleteRound found 2026 empty. The edit locks the
// document before it compares rounds, so it waits for the reading, sees
// 2025 and holds 2026; DeleteRound then waits for the edit and refuses.
// Read without the lock, the edit saw 2026, held nothing, and wrote the
// document into the round DeleteRound had just deleted. On PostgreSQL,
// the calls held in turn: the reading at the change counter, the edit
// at its audit event (a trigger waiting for the test's advisory lock).
func TestEditKeepingARoundAReadingLeftHoldsIt(t *testing.T) {
	s := storeOpeners[1].open(t)
	t.Cleanup(func() { s.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	addRounds(t, s, 2025, 2026)
	d := newDoc("D3", "D3-sha")
	d.Title, d.Round, d.ExtractedFields = "社区教育工作总结", "2026", []string{FieldRound}
	if err := s.CreateDocument(ctx, d, Submission{User: "zhang", Filename: "社区教育工作总结.txt"}); err != nil {
		t.Fatal(err)
	}
	holdEditsAtTheirEvent(ctx, t, s)
	edits := beginTx(ctx, t, s)
	if _, err := edits.ExecContext(ctx, `SELECT pg_advisory_xact_lock(4242)`); err != nil {
		t.Fatal(err)
	}
	counter := lockTables(ctx, t, s, "change_counter")

	read, edit, del := make(chan error, 1), make(chan error, 1), make(chan error, 1)
	go func() {
		read <- s.SetStatus(ctx, StatusChange{ID: "D3", Status: StatusExtracted, Fill: &FieldFill{IssuedOn: "2025-03-01", Revision: 3}})
	}()
	waitForLockWaits(ctx, t, s, 1, read)
	go func() {
		round, title := "2026", "2026年社区教育工作总结"
		_, err := s.UpdateDocument(ctx, "D3", DocumentPatch{Round: &round, Title: &title}, "zhang")
		edit <- err
	}()
	waitForLockWaits(ctx, t, s, 2, edit)
	if err := counter.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-read; err != nil {
		t.Fatalf("read D3's date 2025-03-01: %v", err)
	}
	waitForQueryWaiting(ctx, t, s, "INSERT INTO event", edit)
	go func() { del <- s.DeleteRound(ctx, 2026, "admin") }()
	delErr, deleted := waitOrDone(ctx, t, s, 2, del)
	if err := edits.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-edit; err != nil {
		t.Errorf("edit D3, round 2026 kept: %v", err)
	}
	if !deleted {
		delErr = <-del
	}
	if ErrorCode(delErr) != ECONFLICT {
		t.Errorf("delete round 2026 while the edit kept D3 there: %v; want ECONFLICT", delErr)
	}
	var rounds int
	if err := s.db.QueryRow(`SELECT count(*) FROM round WHERE year = 2026`).Scan(&rounds); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Document(ctx, "D3"); err != nil || got.Round != "2026" || rounds != 1 {
		t.Errorf("D3 after the reading, the edit and the deletion: %v, %v, %d rounds 2026; want D3 in round 2026, which is kept", got, err, rounds)
	}
}

// holdEditsAtTheirEvent makes every document edit on s wait, at its
// audit event, for advisory lock 4242: a gate for an edit alone, which
// a reading of the text, writing events too, passes.
func holdEditsAtTheirEvent(ctx context.Context, t *testing.T, s *Store) {
	t.Helper()
	for _, q := range []string{`CREATE FUNCTION hold_edits() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			IF NEW.action = 'document.edit' THEN PERFORM pg_advisory_xact_lock(4242); END IF;
			RETURN NEW;
		END $$`,
		`CREATE TRIGGER hold_edits BEFORE INSERT ON event FOR EACH ROW EXECUTE FUNCTION hold_edits()`} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatalf("gate the edits: %v", err)
		}
	}
}

// waitOrDone waits until n backends of s's database wait for a lock, or
// the call done ends first; it returns the call's error and whether it
// ended.
func waitOrDone(ctx context.Context, t *testing.T, s *Store, n int, done <-chan error) (error, bool) {
	t.Helper()
	for {
		var waiting int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&waiting); err != nil {
			t.Fatalf("count the backends waiting for a lock: %v", err)
		}
		if waiting >= n {
			return nil, false
		}
		select {
		case err := <-done:
			return err, true
		case <-ctx.Done():
			t.Fatalf("%d backends waiting for a lock, want %d: %v", waiting, n, ctx.Err())
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// In the one circle a reading of the text could close by holding the
// round after the document — a writer holds round 2026 and waits for a
// document the reading has locked, DeleteRound waits for that writer on
// 2026 — the reading's hold on 2026 is granted at once on PostgreSQL,
// ahead of the waiting DeleteRound, so the reading commits and the
// others go on (holdFilled). Queued behind DeleteRound, the reading
// would wait for it in a circle, and PostgreSQL would end one of them as
// a deadlock.
func TestReadingTakesTheRoundPastAWaitingDeleteRound(t *testing.T) {
	s := storeOpeners[1].open(t)
	t.Cleanup(func() { s.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	addRounds(t, s, 2026)
	if err := s.CreateDocument(ctx, newDoc("D1", "D1-sha"), Submission{User: "zhang", Filename: "D1.txt"}); err != nil {
		t.Fatal(err)
	}
	reading := beginTx(ctx, t, s)
	if _, err := s.readFieldsRow(ctx, reading, "D1"); err != nil {
		t.Fatalf("lock D1 as a reading does: %v", err)
	}
	writer := beginTx(ctx, t, s)
	if err := s.holdRound(ctx, writer, 2026); err != nil {
		t.Fatalf("hold round 2026 as a writer does: %v", err)
	}
	locked, del := make(chan error, 1), make(chan error, 1)
	go func() {
		_, err := s.readFieldsRow(ctx, writer, "D1")
		locked <- err
	}()
	waitForLockWaits(ctx, t, s, 1, locked)
	go func() { del <- s.DeleteRound(ctx, 2026, "admin") }()
	waitForLockWaits(ctx, t, s, 2, del)

	held := make(chan error, 1)
	go func() {
		ok, err := s.holdFilled(ctx, reading)("2026")
		if err == nil && !ok {
			err = Errorf(ENOTFOUND, "round 2026 not held")
		}
		held <- err
	}()
	select {
	case err := <-held:
		if err != nil {
			t.Fatalf("the reading's hold on round 2026: %v; want it granted", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the reading's hold on round 2026 waits behind DeleteRound; want it granted at once")
	}
	if err := reading.Commit(); err != nil {
		t.Fatalf("commit the reading: %v", err)
	}
	if err := <-locked; err != nil {
		t.Errorf("the writer's lock on D1 after the reading: %v", err)
	}
	if err := writer.Rollback(); err != nil {
		t.Fatal(err)
	}
	if err := <-del; err != nil {
		t.Errorf("delete round 2026, which nothing was written into: %v", err)
	}
}

// A reading holds each round once a transaction, however many of its
// documents move into it: the hold remembers a round it holds (and one
// it found gone), and asks the catalog no more. Shown on SQLite by
// deleting the round inside the transaction after the first hold: the
// second hold answers from memory that the round is held.
func TestReadingHoldsEachRoundOnceATransaction(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	addRounds(t, s, 2025, 2026)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		hold := s.holdFilled(ctx, tx)
		if ok, err := hold("2026"); err != nil || !ok {
			t.Fatalf("first hold of round 2026: %v, %v; want it held", ok, err)
		}
		if ok, err := hold("2024"); err != nil || ok {
			t.Fatalf("hold of round 2024, never added: %v, %v; want it not held", ok, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM round WHERE year IN (2026, 2025)`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO round (year, label, is_current) VALUES (2024, '2024年度', 0)`); err != nil {
			return err
		}
		for _, tc := range []struct {
			round string
			want  bool
		}{
			{"2026", true},  // held before: not asked again
			{"2024", false}, // gone before: not asked again
			{"2025", false}, // first asked now: gone
		} {
			if ok, err := hold(tc.round); err != nil || ok != tc.want {
				t.Errorf("hold of round %s again: %v, %v; want %v", tc.round, ok, err, tc.want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// lockTables begins a transaction holding tables against every writer,
// a gate a test commits to let them go.
func lockTables(ctx context.Context, t *testing.T, s *Store, tables string) *sql.Tx {
	t.Helper()
	tx := beginTx(ctx, t, s)
	if _, err := tx.ExecContext(ctx, `LOCK TABLE `+tables+` IN EXCLUSIVE MODE`); err != nil {
		t.Fatalf("hold %s: %v", tables, err)
	}
	return tx
}

// beginTx begins a transaction on s, rolled back at the test's end if
// it is still open.
func beginTx(ctx context.Context, t *testing.T, s *Store) *sql.Tx {
	t.Helper()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tx.Rollback() })
	return tx
}

// waitForQueryWaiting waits until a backend of s's database running a
// statement that contains fragment waits for a lock; a call that ends
// first (done) fails the test.
func waitForQueryWaiting(ctx context.Context, t *testing.T, s *Store, fragment string, done <-chan error) {
	t.Helper()
	for {
		var waiting int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock' AND strpos(query, ?) > 0`, fragment).Scan(&waiting); err != nil {
			t.Fatalf("look for a backend waiting in %q: %v", fragment, err)
		}
		if waiting > 0 {
			return
		}
		select {
		case err := <-done:
			t.Fatalf("the call ended (%v) before it waited in %q", err, fragment)
		case <-ctx.Done():
			t.Fatalf("no backend waits in %q: %v", fragment, ctx.Err())
		case <-time.After(10 * time.Millisecond):
		}
	}
}
