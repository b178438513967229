package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
)

// Change numbers (document.seq) and how they stay in commit order without
// one global write lock.
//
// A follower (ingest/follow.go) asks for "documents with seq > N" and then
// remembers the highest seq it got. That is only correct if no change with
// a seq at or below N can become visible after a change above N did. A
// number taken from a counter early in a transaction breaks this: T1 takes
// 7, T2 takes 8 and commits, a follower reads 8, and then T1 commits 7,
// which the follower never asks for again.
//
// So a transaction that changes documents does its work with provisional,
// negative seqs (nextSeq), which no other transaction sees, and numbers
// them for real as its very last step before COMMIT (assignSeqs): it adds
// their count to the one row of change_counter (migration 015) and
// renumbers its rows below the new value. That UPDATE locks the counter
// row until the transaction ends, so the next writer's UPDATE waits for
// this commit and then (READ COMMITTED re-reads a row it waited for)
// counts on from the committed value. PostgreSQL makes a commit visible
// before it releases the transaction's locks, so seqs are unique and become
// visible in increasing order: a follower misses nothing. On SQLite the
// write lock of the immediate transaction already orders everything.
//
// The counter row is the only lock every document writer shares, and it is
// held only from the renumbering to the commit; it cannot deadlock: its
// holder then only updates rows it already changed (and so holds) earlier
// in the same transaction, and commits, never waiting for another row.
// That needs the renumbering to be a "no key" update, which conflicts with
// nobody's foreign-key check: seq has a plain index, not a unique one
// (migration 015), because on a column with a unique index PostgreSQL
// treats an update as a key update, which waits for every transaction
// holding a foreign-key share lock on the row (a link or citation being
// inserted), and such a transaction may itself be waiting for the counter.
//
// Everything else a writer does runs under READ COMMITTED with row locks
// and the schema's unique constraints (a race between two inserts of the
// same thing ends in ECONFLICT for the later one); see inTx.

// seqTxs remembers, per open transaction, how many provisional seqs it has
// handed out, so assignSeqs knows whether it has any to number.
type seqTxs struct {
	mu sync.Mutex
	n  map[*sql.Tx]int64
}

// nextSeq returns a provisional change number for a document the
// transaction is changing: the caller writes it to document.seq, and inTx
// replaces it with the real number just before it commits. tx must be one
// that inTx or runTx began: a transaction begun anywhere else would commit
// the provisional number. Provisional
// numbers are negative and decrease, so the last change in a transaction
// gets the highest real number.
func (s *Store) nextSeq(ctx context.Context, tx *sql.Tx) (int64, error) {
	s.seqs.mu.Lock()
	defer s.seqs.mu.Unlock()
	if s.seqs.n == nil {
		s.seqs.n = map[*sql.Tx]int64{}
	}
	s.seqs.n[tx]++
	return -s.seqs.n[tx], nil
}

// unhandSeq takes back the provisional seq nextSeq last gave tx, which
// the caller did not write (its UPDATE matched no row): the transaction's
// rows then still hold exactly -1..-handed, for assignSeqs's one
// statement.
func (s *Store) unhandSeq(tx *sql.Tx) { s.unhandSeqs(tx, 1) }

// unhandSeqs takes back the last n provisional seqs nextSeq gave tx,
// which the caller did not write, or whose rows it renumbered to close
// the gaps they left (closeSeqGaps).
func (s *Store) unhandSeqs(tx *sql.Tx, n int64) {
	s.seqs.mu.Lock()
	defer s.seqs.mu.Unlock()
	s.seqs.n[tx] = max(s.seqs.n[tx]-n, 0)
}

// takeSeqs forgets tx and returns how many provisional seqs it handed out.
func (s *Store) takeSeqs(tx *sql.Tx) int64 {
	s.seqs.mu.Lock()
	defer s.seqs.mu.Unlock()
	n := s.seqs.n[tx]
	delete(s.seqs.n, tx)
	return n
}

// assignSeqs numbers the documents tx changed, in the order it changed
// them, above every committed seq, holding the counter row until tx ends;
// handed is how many provisional seqs tx was given. It returns provisional
// → real for the callers that report the number.
//
// When the changed rows hold all of the provisional seqs, -1 to -handed
// (each document changed once, the usual case: a batch of status moves,
// one upload), they are numbered by two statements, the counter's and the
// rows'; otherwise one by one. Both give the same numbers. One by one, a
// batch of 256 status moves took 259 statements to number, and an upload
// 4 of its transaction's 7 (issue 15).
func (s *Store) assignSeqs(ctx context.Context, tx *sql.Tx, handed int64) (map[int64]int64, error) {
	last, ok, err := countHeldChanges(ctx, tx, handed)
	if err != nil {
		return nil, err
	}
	if !ok {
		return s.assignSeqsOneByOne(ctx, tx)
	}
	// Provisional -1 is the first change: it gets last-handed+1, -handed
	// the last, last.
	base := last - handed
	if _, err := tx.ExecContext(ctx, `UPDATE document SET seq = ? - seq WHERE seq < 0`, base); err != nil {
		return nil, fmt.Errorf("number %d changes: %w", handed, err)
	}
	assigned := make(map[int64]int64, handed)
	for p := int64(-1); p >= -handed; p-- {
		assigned[p] = base - p
	}
	return assigned, nil
}

// countHeldChanges adds handed changes to the counter and returns its new
// value, if the documents' rows hold exactly the provisional seqs -1 to
// -handed (count, distinct count and lowest: a document changed twice, or
// a stray committed negative seq of a transaction begun outside inTx, sends
// the numbering one by one, which stays dense); false, and the counter as
// it was, if not. The proof is the counter's UPDATE's condition rather than
// a query of its own: a statement less a transaction (an upload's, a
// batch's), and the subquery sees only this transaction's provisional rows
// and committed ones, which a wait for the counter's lock does not change.
func countHeldChanges(ctx context.Context, tx *sql.Tx, handed int64) (last int64, ok bool, err error) {
	err = tx.QueryRowContext(ctx, `UPDATE change_counter SET last_seq = last_seq + ?
		WHERE (SELECT COUNT(*) = ? AND COUNT(DISTINCT seq) = ? AND COALESCE(MIN(seq), 0) = ? FROM document WHERE seq < 0)
		RETURNING last_seq`, handed, handed, handed, -handed).Scan(&last)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("count changes: %w", err)
	}
	return last, true, nil
}

// countChanges adds n changes to the counter and returns its new value.
func countChanges(ctx context.Context, tx *sql.Tx, n int64) (last int64, err error) {
	err = tx.QueryRowContext(ctx, `UPDATE change_counter SET last_seq = last_seq + ? RETURNING last_seq`, n).Scan(&last)
	if err != nil {
		return 0, fmt.Errorf("count changes: %w", err)
	}
	return last, nil
}

// assignSeqsOneByOne is assignSeqs for a transaction that changed a
// document more than once, or handed out a seq it did not write.
func (s *Store) assignSeqsOneByOne(ctx context.Context, tx *sql.Tx) (map[int64]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, seq FROM document WHERE seq < 0 ORDER BY seq DESC`)
	if err != nil {
		return nil, fmt.Errorf("read provisional change numbers: %w", err)
	}
	type pending struct {
		id  string
		seq int64
	}
	var todo []pending
	for rows.Next() {
		var p pending
		if err := rows.Scan(&p.id, &p.seq); err != nil {
			rows.Close()
			return nil, err
		}
		todo = append(todo, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(todo) == 0 {
		return nil, nil
	}
	last, err := countChanges(ctx, tx, int64(len(todo)))
	if err != nil {
		return nil, err
	}
	first := last - int64(len(todo)) + 1
	assigned := make(map[int64]int64, len(todo))
	for i, p := range todo {
		seq := first + int64(i)
		if _, err := tx.ExecContext(ctx, `UPDATE document SET seq = ? WHERE id = ?`, seq, p.id); err != nil {
			return nil, fmt.Errorf("number change of %s: %w", p.id, err)
		}
		assigned[p.seq] = seq
	}
	return assigned, nil
}
