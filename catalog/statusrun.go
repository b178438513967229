package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// statusRunRows bounds the documents one UPDATE of setStatusRun writes:
// at most 18 arguments a row, well within SQLite's 32,766 and
// PostgreSQL's 65,535; a pipeline batch (256) is one run.
const statusRunRows = 256

// statusRunnable says whether setStatusRun may apply changes: two or
// more, each document once, all to one status, neither stored (a fresh
// job reads the job contract) nor failed (an event each), none with From
// (a document left as it is would leave a gap in the provisional seqs),
// and each with a reading, a reader and a fill, or each without them,
// so that one UPDATE's text sets the same columns of every row.
func statusRunnable(changes []StatusChange) bool {
	if len(changes) < 2 {
		return false
	}
	first := changes[0]
	if first.Status == StatusStored || first.Status == StatusFailed {
		return false
	}
	seen := make(map[string]bool, len(changes))
	for _, c := range changes {
		if c.Status != first.Status || len(c.From) > 0 || seen[c.ID] ||
			(c.Reading == nil) != (first.Reading == nil) || (c.Reader == nil) != (first.Reader == nil) ||
			(c.Fill == nil) != (first.Fill == nil) {
			return false
		}
		seen[c.ID] = true
	}
	return true
}

// setStatuses applies changes inside tx as setStatus applies each in
// turn: the same rows, provisional seqs in the order given, and the same
// events in the same order. Changes statusRunnable accepts are written a
// run of statusRunRows at a time by setStatusRun, two statements a run
// (and the rounds' few, shared by the transaction) where setStatus takes
// two a document with a fill: the extraction's move of a pipeline
// batch's documents (RecordExtractions, issue 15).
func (s *Store) setStatuses(ctx context.Context, tx *sql.Tx, changes []StatusChange, rounds txRounds) error {
	if !statusRunnable(changes) {
		for _, c := range changes {
			if _, err := s.setStatus(ctx, tx, c, rounds); err != nil {
				return err
			}
		}
		return nil
	}
	for from := 0; from < len(changes); from += statusRunRows {
		if err := s.setStatusRun(ctx, tx, changes[from:min(from+statusRunRows, len(changes))], rounds); err != nil {
			return err
		}
	}
	return nil
}

// setStatusRun is one run of setStatuses: the run's rows read (and, where
// writers run side by side, locked in the order of their IDs, as
// bulkMove locks them) by one SELECT, each fill computed in the order
// given, and every row written by one UPDATE … FROM (VALUES …): its
// columns are SQLite's and PostgreSQL's default names of a VALUES list's
// columns (column1, column2, …), and the first row's values are cast, as
// PostgreSQL types a VALUES column of parameters alone as text.
func (s *Store) setStatusRun(ctx context.Context, tx *sql.Tx, run []StatusChange, rounds txRounds) error {
	rows, err := s.readFieldsRows(ctx, tx, run)
	if err != nil {
		return err
	}
	fcs := make([]fieldChanges, len(run))
	for i, c := range run {
		r := rows[c.ID]
		if r == nil {
			return Errorf(ENOTFOUND, "文档 %s 不存在", c.ID)
		}
		if c.Fill != nil {
			if fcs[i], err = r.fill(ctx, tx, *c.Fill, rounds); err != nil {
				return err
			}
		}
	}
	first := run[0]
	casts := []string{"TEXT", "TEXT", "TEXT", "TEXT", "INTEGER", "BIGINT"}
	set := `status = v.column2, error = v.column3, error_en = v.column4,
		pages = CASE WHEN v.column5 > 0 THEN v.column5 ELSE document.pages END, seq = v.column6`
	column := func(name, cast string) string {
		casts = append(casts, cast)
		return fmt.Sprintf(`, %s = v.column%d`, name, len(casts))
	}
	if first.Status == StatusIndexed { // searchable for the first time: new to saved searches
		casts = append(casts, "TEXT")
		set += fmt.Sprintf(`, indexed_at = CASE WHEN document.indexed_at = '' THEN v.column%d ELSE document.indexed_at END`, len(casts))
	}
	if first.Reading != nil {
		set += column("page_sources", "TEXT") + column("ocr_confidence", "DOUBLE PRECISION") + column("seal_pages", "TEXT")
	}
	if first.Reader != nil {
		set += column("reader", "TEXT") + column("reader_version", "INTEGER")
	}
	if first.Fill != nil {
		for _, name := range []string{"title", "doc_number", "issuer", "issued_on", "round", "extracted_fields"} {
			set += column(name, "TEXT")
		}
		set += column("fields_revision", "INTEGER")
	}
	args := make([]any, 0, len(casts)*len(run))
	for _, c := range run {
		seq, err := s.nextSeq(ctx, tx)
		if err != nil {
			return fmt.Errorf("next seq: %w", err)
		}
		args = append(args, c.ID, c.Status, c.Error, nullIfEmpty(c.ErrorEnglish), c.Pages, seq)
		if c.Status == StatusIndexed {
			args = append(args, formatTime(s.now()))
		}
		if c.Reading != nil {
			sources, confidence, seals := encodeReading(*c.Reading)
			args = append(args, sources, confidence, seals)
		}
		if c.Reader != nil {
			args = append(args, c.Reader.Name, c.Reader.Version)
		}
		if c.Fill != nil {
			args = append(args, rows[c.ID].filledArgs(*c.Fill)...)
		}
	}
	var query strings.Builder
	query.Grow(len(set) + 64 + 40*len(casts) + (3*len(casts)+4)*len(run))
	query.WriteString(`UPDATE document SET ` + set + ` FROM (VALUES (`)
	for k, cast := range casts {
		if k > 0 {
			query.WriteString(", ")
		}
		query.WriteString(`CAST(? AS ` + cast + `)`)
	}
	row := `), (?` + strings.Repeat(`, ?`, len(casts)-1)
	for range len(run) - 1 {
		query.WriteString(row)
	}
	query.WriteString(`)) AS v WHERE document.id = v.column1`)
	res, err := tx.ExecContext(ctx, query.String(), args...)
	if err != nil {
		return fmt.Errorf("set status of %d documents: %w", len(run), err)
	}
	if n, err := res.RowsAffected(); err == nil && n != int64(len(run)) {
		// Read and locked above: only a row changed by a transaction
		// begun outside inTx could be missing.
		return fmt.Errorf("set status of %d documents: %d rows written", len(run), n)
	}
	for i, c := range run {
		if fcs[i].overRead { // what the text gave before is in the audit log
			if err := s.recordFieldsEvent(ctx, tx, c.ID, c.Fill.Revision, fcs[i]); err != nil {
				return err
			}
		}
		if err := addNearDuplicates(ctx, tx, c.ID, c.NearDuplicates); err != nil {
			return err
		}
	}
	return nil
}

// readFieldsRows is readFieldsRow for the documents of run, by ID, in one
// statement; a document with no row is missing from the map.
func (s *Store) readFieldsRows(ctx context.Context, tx *sql.Tx, run []StatusChange) (map[string]*fieldsRow, error) {
	args := make([]any, len(run))
	for i, c := range run {
		args[i] = c.ID
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, status, title, filename, doc_number, issuer, issued_on, round, extracted_fields,
		edited_fields, fields_revision FROM document WHERE id IN (?`+strings.Repeat(`, ?`, len(run)-1)+`) ORDER BY id`+
		s.dialect.byteOrder+s.dialect.lockRow, args...)
	if err != nil {
		return nil, fmt.Errorf("read fields of %d documents: %w", len(run), err)
	}
	defer rows.Close()
	out := make(map[string]*fieldsRow, len(run))
	for rows.Next() {
		var id string
		r := &fieldsRow{}
		if err := rows.Scan(&id, &r.status, &r.title, &r.filename, &r.number, &r.issuer, &r.issuedOn, &r.round, &r.extracted,
			&r.edited, &r.revision); err != nil {
			return nil, fmt.Errorf("read fields of %d documents: %w", len(run), err)
		}
		out[id] = r
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read fields of %d documents: %w", len(run), err)
	}
	return out, nil
}
