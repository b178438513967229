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
// change that did not apply leaves its provisional seq unwritten, so
// assignSeqs numbers the others one by one, with the numbers setStatus's
// handed-back seqs would have given them.
func (s *Store) bulkMove(ctx context.Context, tx *sql.Tx, changes []StatusChange, moved []bool) error {
	for from := 0; from < len(changes); from += bulkMoveRows {
		to := min(from+bulkMoveRows, len(changes))
		if err := s.bulkMoveRun(ctx, tx, changes[from:to], moved[from:to]); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) bulkMoveRun(ctx context.Context, tx *sql.Tx, run []StatusChange, moved []bool) error {
	c := run[0]
	seqs := make([]any, 0, 2*len(run))
	for _, r := range run {
		seq, err := s.nextSeq(ctx, tx)
		if err != nil {
			return fmt.Errorf("next seq: %w", err)
		}
		seqs = append(seqs, r.ID, seq)
	}
	var query strings.Builder
	query.Grow(160 + 60*len(run))
	query.WriteString(`UPDATE document SET status = ?, error = ?, error_en = ?,
				pages = CASE WHEN ? > 0 THEN ? ELSE pages END, seq = CASE id`)
	args := make([]any, 0, 6+5*len(run)+len(c.From))
	args = append(args, c.Status, c.Error, nullIfEmpty(c.ErrorEnglish), c.Pages, c.Pages)
	// PostgreSQL types a CASE of parameters alone as text.
	query.WriteString(strings.Repeat(` WHEN ? THEN CAST(? AS BIGINT)`, len(run)) + ` END`)
	args = append(args, seqs...)
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
