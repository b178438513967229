package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// bulkMoveRows bounds the documents one UPDATE of bulkMove changes: five
// arguments a row, well within SQLite's 32,766 and PostgreSQL's 65,535.
const bulkMoveRows = 500

// bulkMovable says whether changes are all the same bare move (the
// pipeline's mark of a batch as indexed): one status, error and page
// count, a From to check, nothing read from the text, no reading, reader
// or near duplicates, no fresh job or failure (which do more than the
// UPDATE), each document once. Such changes are written by a few
// statements for the batch instead of one a document (issue 15).
func bulkMovable(changes []StatusChange) bool {
	if len(changes) < 2 {
		return false
	}
	first := changes[0]
	if len(first.From) == 0 || first.Status == StatusStored || first.Status == StatusFailed {
		return false
	}
	seen := make(map[string]bool, len(changes))
	for _, c := range changes {
		if c.Fill != nil || c.Reading != nil || c.Reader != nil || len(c.NearDuplicates) > 0 ||
			c.Status != first.Status || c.Error != first.Error || c.ErrorEnglish != first.ErrorEnglish ||
			c.Pages != first.Pages || !slices.Equal(c.From, first.From) || seen[c.ID] {
			return false
		}
		seen[c.ID] = true
	}
	return true
}

// bulkMove applies changes, which bulkMovable accepted, as setStatus
// applies each: the same columns, a provisional seq each in the order
// given, and, for a move to indexed, the time of each document's first.
// moved[i] says whether changes[i]'s document was in one of From. A
// change that did not apply leaves its provisional seq unwritten; the
// gaps are closed (closeSeqGaps), so that assignSeqs still numbers the
// others by its two statements, with the numbers setStatus's handed-back
// seqs would have given them.
//
// On PostgreSQL the documents in From are first locked in the order of
// their IDs (lockInIDOrder), and only those are moved. The runs' UPDATEs
// lock rows in the order given, run after run, and two bulk moves over
// the same documents in different orders (two nodes marking one batch,
// the first's leases run out meanwhile) each held a run's rows the
// other's next run waited for: a deadlock, which PostgreSQL ended by
// failing one of them (40P01, 目录数据库繁忙). Nothing the transaction
// locks before orders them: the change counter's row is taken only at
// the end (seq.go). In one order, the second waits for the first's
// commit and then finds the rows as the first left them. (A user's edit
// changes one document a transaction, which closes no such cycle.)
func (s *Store) bulkMove(ctx context.Context, tx *sql.Tx, changes []StatusChange, moved []bool) error {
	todo, at := changes, []int(nil) // at[k] is todo[k]'s index in changes when they differ
	if s.dialect.lockRow != "" {
		held, err := s.lockInIDOrder(ctx, tx, changes)
		if err != nil {
			return err
		}
		todo = make([]StatusChange, 0, len(held))
		for i, c := range changes {
			if held[c.ID] {
				todo, at = append(todo, c), append(at, i)
			}
		}
	}
	done := moved
	if at != nil || len(todo) != len(changes) {
		done = make([]bool, len(todo))
	}
	seqs := make([]int64, len(todo))
	for from := 0; from < len(todo); from += bulkMoveRows {
		to := min(from+bulkMoveRows, len(todo))
		if err := s.bulkMoveRun(ctx, tx, todo[from:to], seqs[from:to], done[from:to]); err != nil {
			return err
		}
		if s.bulkRunMoved != nil {
			s.bulkRunMoved()
		}
	}
	for k, i := range at {
		moved[i] = done[k]
	}
	return s.closeSeqGaps(ctx, tx, seqs, done)
}

// bulkLockRows bounds the IDs one SELECT of lockInIDOrder names.
const bulkLockRows = 10000

// lockInIDOrder locks, in the byte order of their IDs, the rows of
// changes' documents that are in one of From (changes share it), and
// returns their IDs: those stay in From until the transaction ends. A
// document that enters From meanwhile is not among them, and is left as
// it is, as if the move had run just before.
func (s *Store) lockInIDOrder(ctx context.Context, tx *sql.Tx, changes []StatusChange) (map[string]bool, error) {
	ids := make([]string, len(changes))
	for i, c := range changes {
		ids[i] = c.ID
	}
	slices.Sort(ids)
	from := changes[0].From
	held := make(map[string]bool, len(ids))
	for start := 0; start < len(ids); start += bulkLockRows {
		chunk := ids[start:min(start+bulkLockRows, len(ids))]
		args := make([]any, 0, len(chunk)+len(from))
		for _, id := range chunk {
			args = append(args, id)
		}
		for _, f := range from {
			args = append(args, f)
		}
		rows, err := tx.QueryContext(ctx, `SELECT id FROM document WHERE id IN (?`+strings.Repeat(`, ?`, len(chunk)-1)+
			`) AND status IN (?`+strings.Repeat(`, ?`, len(from)-1)+`) ORDER BY id`+s.dialect.byteOrder+s.dialect.lockRow, args...)
		if err != nil {
			return nil, fmt.Errorf("lock %d documents to move: %w", len(chunk), err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			held[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("lock %d documents to move: %w", len(chunk), err)
		}
	}
	return held, nil
}

// bulkMoveRun is one UPDATE of bulkMove; seqs[i] is set to the
// provisional seq handed to run[i].
func (s *Store) bulkMoveRun(ctx context.Context, tx *sql.Tx, run []StatusChange, seqs []int64, moved []bool) error {
	c := run[0]
	cases := make([]any, 0, 2*len(run))
	for i, r := range run {
		seq, err := s.nextSeq(ctx, tx)
		if err != nil {
			return fmt.Errorf("next seq: %w", err)
		}
		seqs[i] = seq
		cases = append(cases, r.ID, seq)
	}
	var query strings.Builder
	query.Grow(160 + 60*len(run))
	query.WriteString(`UPDATE document SET status = ?, error = ?, error_en = ?,
				pages = CASE WHEN ? > 0 THEN ? ELSE pages END, seq = CASE id`)
	args := make([]any, 0, 6+5*len(run)+len(c.From))
	args = append(args, c.Status, c.Error, nullIfEmpty(c.ErrorEnglish), c.Pages, c.Pages)
	// PostgreSQL types a CASE of parameters alone as text.
	query.WriteString(strings.Repeat(` WHEN ? THEN CAST(? AS BIGINT)`, len(run)) + ` END`)
	args = append(args, cases...)
	if c.Status == StatusIndexed { // searchable for the first time: new to saved searches
		query.WriteString(`, indexed_at = CASE WHEN indexed_at = '' THEN CASE id` +
			strings.Repeat(` WHEN ? THEN ?`, len(run)) + ` END ELSE indexed_at END`)
		for _, r := range run {
			args = append(args, r.ID, formatTime(s.now()))
		}
	}
	query.WriteString(` WHERE id IN (?` + strings.Repeat(`, ?`, len(run)-1) + `) AND status IN (?` +
		strings.Repeat(`, ?`, len(c.From)-1) + `) RETURNING id`)
	for _, r := range run {
		args = append(args, r.ID)
	}
	for _, f := range c.From {
		args = append(args, f)
	}
	rows, err := tx.QueryContext(ctx, query.String(), args...)
	if err != nil {
		return fmt.Errorf("set status of %d documents: %w", len(run), err)
	}
	defer rows.Close()
	done := make(map[string]bool, len(run))
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return err
		}
		done[id] = true
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("set status of %d documents: %w", len(run), err)
	}
	for i, r := range run {
		moved[i] = done[r.ID]
	}
	return nil
}

// closeSeqGaps renumbers the provisional seqs of a bulk move whose
// changes did not all apply (a document deleted, or moved by another
// transaction meanwhile), so that its rows hold -1..-n again for the n
// that did: each moved row's seq goes up by the number of unwritten seqs
// above it, one statement for the batch, and those seqs are handed back.
// Without it one unmoved document sent the numbering of the whole batch
// one statement a document (assignSeqs). Unwritten seqs at the end need
// no renumbering; more gaps than a run's rows are left to assignSeqs's
// numbering one by one, which gives the same numbers.
func (s *Store) closeSeqGaps(ctx context.Context, tx *sql.Tx, seqs []int64, moved []bool) error {
	var gaps []int64 // decreasing, as handed
	after := false   // a moved row's seq lies below the first gap
	for i, seq := range seqs {
		switch {
		case !moved[i]:
			gaps = append(gaps, seq)
		case len(gaps) > 0:
			after = true
		}
	}
	if len(gaps) == 0 || len(gaps) > bulkMoveRows {
		return nil
	}
	if after {
		// The lowest gaps first: a row below the m-th gap goes up by m.
		var shift strings.Builder
		args := make([]any, 0, len(gaps)+1)
		for m := len(gaps); m >= 1; m-- {
			fmt.Fprintf(&shift, ` WHEN seq < ? THEN %d`, m)
			args = append(args, gaps[m-1])
		}
		args = append(args, gaps[0])
		if _, err := tx.ExecContext(ctx, `UPDATE document SET seq = seq + CASE`+shift.String()+` END WHERE seq < ?`, args...); err != nil {
			return fmt.Errorf("close the gaps of %d documents not moved: %w", len(gaps), err)
		}
	}
	s.unhandSeqs(tx, int64(len(gaps)))
	return nil
}
