package catalog

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

const documentColumns = `id, sha256, size, mime, format, filename, title, doc_type, city, department,
	issuer, issued_on, doc_number, round, status, error, pages, uploaded_by, uploaded_at, seq,
	page_sources, ocr_confidence, seal_pages, extracted_fields, error_en, edited_fields, archive`

type rowScanner interface{ Scan(dest ...any) error }

func scanDocument(r rowScanner) (*Document, error) {
	var d Document
	var uploadedAt, sources, seals, extracted, edited string
	var confidence sql.NullFloat64
	var errorEnglish, archive sql.NullString
	err := r.Scan(&d.ID, &d.SHA256, &d.Size, &d.MIME, &d.Format, &d.Filename, &d.Title, &d.DocType,
		&d.City, &d.Department, &d.Issuer, &d.IssuedOn, &d.DocNumber, &d.Round, &d.Status, &d.Error,
		&d.Pages, &d.UploadedBy, &uploadedAt, &d.Seq, &sources, &confidence, &seals, &extracted, &errorEnglish, &edited, &archive)
	if err != nil {
		return nil, err
	}
	d.ErrorEnglish, d.Archive = errorEnglish.String, archive.String
	d.UploadedAt = parseTime(uploadedAt)
	d.Reading = decodeReading(sources, confidence, seals)
	var marks docNumberMarks
	d.ExtractedFields, marks = decodeExtracted(extracted)
	d.DocNumberRead, d.DocNumberWritten = marks.read, marks.written
	d.EditedFields = decodeFields(edited)
	return &d, nil
}

// CreateDocument inserts d (its ID, SHA256 and metadata set by the caller)
// with its first submission and an audit event, in one transaction. When a
// live document of the same city with the same SHA-256 exists it returns
// ECONFLICT.
func (s *Store) CreateDocument(ctx context.Context, d *Document, sub Submission) error {
	return s.CreateDocuments(ctx, []*Document{d}, []Submission{sub})
}

// CreateDocuments is CreateDocument for the files of one upload request:
// every document with its submission (subs[i] for docs[i]) and its event
// in one transaction, so that a request of several files pays one commit.
// All or none: when one of them conflicts (ECONFLICT, bytes the city
// already has) none is inserted.
func (s *Store) CreateDocuments(ctx context.Context, docs []*Document, subs []Submission) error {
	if len(docs) != len(subs) {
		return fmt.Errorf("create documents: %d documents, %d submissions", len(docs), len(subs))
	}
	now := s.now()
	provisional := make([]int64, len(docs))
	assigned, err := s.runTx(ctx, func(tx *sql.Tx) error {
		if err := s.holdDocumentRounds(ctx, tx, docs, subs); err != nil {
			return err
		}
		if err := s.holdFiledDepartments(ctx, tx, docs, subs); err != nil {
			return err
		}
		docArgs := make([][]any, len(docs))
		subArgs := make([][]any, len(docs))
		for i, d := range docs {
			if d.UploadedAt.IsZero() {
				d.UploadedAt = now
			}
			sub := subs[i]
			if sub.At.IsZero() {
				sub.At = d.UploadedAt
			}
			seq, err := s.nextSeq(ctx, tx)
			if err != nil {
				return fmt.Errorf("next seq: %w", err)
			}
			provisional[i] = seq
			sources, confidence, seals := encodeReading(d.Reading)
			docArgs[i] = []any{d.ID, d.SHA256, d.Size, d.MIME, d.Format, d.Filename, d.Title, d.DocType, d.City, d.Department,
				d.Issuer, d.IssuedOn, d.DocNumber, d.Round, d.Status, d.Error, d.Pages, d.UploadedBy,
				formatTime(d.UploadedAt), seq, sources, confidence, seals, encodeExtracted(d.ExtractedFields, d.DocNumber, docNumberMarks{d.DocNumberRead, d.DocNumberWritten}), nullIfEmpty(d.ErrorEnglish),
				encodeFields(d.EditedFields), nullIfEmpty(d.Archive)}
			subArgs[i] = submissionArgs(d.ID, sub)
		}
		// The request's rows in a few statements, not two a document.
		err := insertRows(ctx, tx, `INSERT INTO document (`+documentColumns+`) VALUES `, docArgs, func(from, to int) string {
			return fmt.Sprintf("insert documents %s", idRange(docs[from:to]))
		})
		if err != nil {
			return err
		}
		if err := markCreatedSearchable(ctx, tx, docs); err != nil {
			return err
		}
		err = insertRows(ctx, tx, `INSERT INTO submission (document_id, username, department, filename, at, assignment_id, role, handin, upload_node) VALUES `, subArgs, func(from, to int) string {
			return fmt.Sprintf("insert submissions for %s", idRange(docs[from:to]))
		})
		if err != nil {
			return err
		}
		for _, d := range docs {
			detail := map[string]any{"filename": d.Filename, "sha256": d.SHA256, "size": d.Size, "city": d.City}
			if d.Title != "" && d.Title != DefaultTitle(d.Filename) {
				detail[EventTitle] = d.Title
			}
			// The row was just inserted with this title: no read of it
			// back at commit (a statement an upload, issue 15).
			err = s.recordEvent(ctx, tx, Event{At: d.UploadedAt, User: d.UploadedBy, Action: "document.upload",
				Object: d.ID, Detail: detail, titleKnown: true})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i, d := range docs {
		d.Seq = assigned[provisional[i]]
	}
	return nil
}

// markCreatedSearchable gives a document created already indexed (a
// fixture, an import of documents indexed elsewhere: uploads are created
// stored) its first indexed time, as the move to indexed gives it: an
// index holds a copy of it, which a later change makes pending
// (reindexPendingSQL). No statement when none is.
func markCreatedSearchable(ctx context.Context, tx *sql.Tx, docs []*Document) error {
	for _, d := range docs {
		if d.Status != StatusIndexed {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE document SET indexed_at = ? WHERE id = ? AND indexed_at = ''`,
			formatTime(d.UploadedAt), d.ID); err != nil {
			return fmt.Errorf("mark document %s indexed when created: %w", d.ID, err)
		}
	}
	return nil
}

// holdDocumentRounds holds, inside tx, the rounds new documents are
// written into (holdRounds): their own, and the rounds of the tasks they
// are handed in for, which the submissions name. Each once, so that a
// request of many files of one round pays one read. A round that is not
// there, or was deleted since the upload read it, is ENOTFOUND, as a
// task that is gone is.
func (s *Store) holdDocumentRounds(ctx context.Context, tx *sql.Tx, docs []*Document, subs []Submission) error {
	var rounds []int
	for _, d := range docs {
		if y, ok := roundYear(d.Round); ok {
			rounds = append(rounds, y)
		}
	}
	var tasks []string
	for _, sub := range subs {
		if sub.Assignment != "" && !slices.Contains(tasks, sub.Assignment) {
			tasks = append(tasks, sub.Assignment)
		}
	}
	for _, id := range tasks {
		round, err := assignmentRound(ctx, tx, id)
		if err != nil {
			return err
		}
		rounds = append(rounds, round)
	}
	return s.holdRounds(ctx, tx, rounds)
}

// roundYear is the round a document's round field names; false for none
// (""), and for text no round's year matches, which no round can hold.
func roundYear(round string) (int, bool) {
	if round == "" {
		return 0, false
	}
	y, err := strconv.Atoi(round)
	return y, err == nil
}

// nullIfEmpty is s for a nullable column: NULL when s is "".
func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// submissionArgs are the values of a submission's row for document id.
func submissionArgs(id string, sub Submission) []any {
	return []any{id, sub.User, sub.Department, sub.Filename, formatTime(sub.At), nullIfEmpty(sub.Assignment), sub.Role, handInOf(sub), sub.Node}
}

// maxRowsPerInsert bounds the rows of one multi-row INSERT (27 arguments
// a document's), well within SQLite's and PostgreSQL's limits.
const maxRowsPerInsert = 16

// insertRows runs insert (ending in "VALUES ") for rows, in order, as
// INSERTs of maxRowsPerInsert, 8, 4, 2 and 1 rows: a few distinct
// statements for the statement caches, and one for an upload request of
// up to 16 files. what names the rows from..to in an error.
func insertRows(ctx context.Context, tx *sql.Tx, insert string, rows [][]any, what func(from, to int) string) error {
	for from := 0; from < len(rows); {
		n := maxRowsPerInsert
		for n > len(rows)-from {
			n /= 2
		}
		row := "(?" + strings.Repeat(", ?", len(rows[from])-1) + ")"
		q := insert + row + strings.Repeat(", "+row, n-1)
		args := make([]any, 0, n*len(rows[from]))
		for _, r := range rows[from : from+n] {
			args = append(args, r...)
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("%s: %w", what(from, from+n), err)
		}
		from += n
	}
	return nil
}

// idRange names documents in an error: the one, or the first and last.
func idRange(docs []*Document) string {
	if len(docs) == 1 {
		return docs[0].ID
	}
	return fmt.Sprintf("%s…%s (%d)", docs[0].ID, docs[len(docs)-1].ID, len(docs))
}

func insertSubmission(ctx context.Context, tx *sql.Tx, sub Submission) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO submission (document_id, username, department, filename, at, assignment_id, role, handin, upload_node)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, submissionArgs(sub.DocumentID, sub)...)
	if err != nil {
		return fmt.Errorf("insert submission for %s: %w", sub.DocumentID, err)
	}
	return nil
}

// AddSubmission records that the bytes of an existing document were
// submitted again, with an audit event.
func (s *Store) AddSubmission(ctx context.Context, sub Submission) error {
	if sub.At.IsZero() {
		sub.At = s.now()
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if sub.Department != "" {
			// The department read with the account, before this
			// transaction, as it is now (refileSubmission).
			var city string
			err := tx.QueryRowContext(ctx, `SELECT city FROM document WHERE id = ?`, sub.DocumentID).Scan(&city)
			if err != nil && !errors.Is(err, sql.ErrNoRows) { // none: the insert refuses it
				return fmt.Errorf("read the city of document %s: %w", sub.DocumentID, err)
			}
			if err == nil {
				if err := s.refileSubmission(ctx, tx, city, &sub); err != nil {
					return err
				}
			}
		}
		if err := insertSubmission(ctx, tx, sub); err != nil {
			return err
		}
		return s.recordEvent(ctx, tx, Event{At: sub.At, User: sub.User, Action: "document.duplicate",
			Object: sub.DocumentID, Detail: map[string]any{"filename": sub.Filename, "department": sub.Department,
				"assignment": sub.Assignment}})
	})
}

// Submissions returns who submitted a document's bytes, oldest first.
func (s *Store) Submissions(ctx context.Context, documentID string) ([]Submission, error) {
	subs, err := s.SubmissionsOf(ctx, []string{documentID})
	if err != nil {
		return nil, err
	}
	return subs[documentID], nil
}

// SubmissionsOf returns who submitted each of the documents, oldest
// first: the same bytes handed in by two departments are one document
// with two submissions.
func (s *Store) SubmissionsOf(ctx context.Context, ids []string) (map[string][]Submission, error) {
	out := make(map[string][]Submission, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.db.QueryContext(ctx, `SELECT s.document_id, s.username, s.department, s.filename, s.at, s.assignment_id,
		s.role, s.upload_node FROM submission s WHERE s.document_id IN (?`+strings.Repeat(", ?", len(ids)-1)+`) ORDER BY s.at`, args...)
	if err != nil {
		return nil, fmt.Errorf("query submissions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var sub Submission
		var at string
		var task sql.NullString
		if err := rows.Scan(&sub.DocumentID, &sub.User, &sub.Department, &sub.Filename, &at, &task, &sub.Role, &sub.Node); err != nil {
			return nil, err
		}
		sub.At, sub.Assignment = parseTime(at), task.String
		out[sub.DocumentID] = append(out[sub.DocumentID], sub)
	}
	return out, rows.Err()
}

// Document returns the live document with id, or ENOTFOUND.
func (s *Store) Document(ctx context.Context, id string) (*Document, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+documentColumns+` FROM document WHERE id = ? AND deleted_at IS NULL`, id)
	d, err := scanDocument(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Errorf(ENOTFOUND, "文档 %s 不存在", id)
	}
	if err != nil {
		return nil, fmt.Errorf("query document %s: %w", id, err)
	}
	return d, nil
}

// DocumentBySHA256 returns the live document of city with these bytes, or
// ENOTFOUND. Another city's copy of the same bytes is its own document.
func (s *Store) DocumentBySHA256(ctx context.Context, sha, city string) (*Document, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+documentColumns+` FROM document WHERE sha256 = ? AND city = ? AND deleted_at IS NULL`, sha, city)
	d, err := scanDocument(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Errorf(ENOTFOUND, "没有内容为 %s 的文档", sha)
	}
	if err != nil {
		return nil, fmt.Errorf("query document by sha256: %w", err)
	}
	return d, nil
}

// DocumentsBySHA256 is DocumentBySHA256 for several files at once: the
// city's live documents holding any of shas, keyed by SHA-256, in one
// query per few hundred; bytes the city does not have are left out.
func (s *Store) DocumentsBySHA256(ctx context.Context, shas []string, city string) (map[string]*Document, error) {
	out := make(map[string]*Document, len(shas))
	if len(shas) == 0 {
		return out, nil
	}
	err := forInLists(shas, func(in string, args []any) error {
		return queryDocumentsOn(ctx, s.db, `SELECT `+documentColumns+` FROM document WHERE city = ? AND deleted_at IS NULL AND sha256 IN `+in,
			append([]any{city}, args...), func(d *Document) { out[d.SHA256] = d })
	})
	if err != nil {
		return nil, fmt.Errorf("query documents by sha256: %w", err)
	}
	return out, nil
}

// SHA256InUse reports whether a live document other than id holds these
// bytes and has been read (extracted or indexed): its text is then in use.
func (s *Store) SHA256InUse(ctx context.Context, sha, id string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM document WHERE sha256 = ? AND id <> ? AND deleted_at IS NULL AND status IN (?, ?)`,
		sha, id, StatusExtracted, StatusIndexed).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("query documents by sha256: %w", err)
	}
	return n > 0, nil
}

// DocumentsByID returns the live documents among ids, keyed by ID.
func (s *Store) DocumentsByID(ctx context.Context, ids []string) (map[string]*Document, error) {
	return documentsByID(ctx, s.db, ids)
}

// DocumentsAnyStateByID returns the documents of ids by ID, deleted ones
// too (as DocumentAnyState), in one query; IDs of no document are left
// out.
func (s *Store) DocumentsAnyStateByID(ctx context.Context, ids []string) (map[string]*Document, error) {
	out := make(map[string]*Document, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	return out, forInLists(ids, func(in string, args []any) error {
		return queryDocumentsOn(ctx, s.db, `SELECT `+documentColumns+` FROM document WHERE id IN `+in, args, func(d *Document) { out[d.ID] = d })
	})
}

// DocumentName is what names a document in the audit log: its title (its
// file's name while it has none), its city, and whether it was deleted.
type DocumentName struct {
	Title   string
	City    string
	Deleted bool
}

// DocumentNames returns the names of the documents of ids by ID, deleted
// ones too (a deletion keeps the row: deleted_at), in one query per list
// of IDs; IDs of no document are left out.
func (s *Store) DocumentNames(ctx context.Context, ids []string) (map[string]DocumentName, error) {
	out := make(map[string]DocumentName, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	err := forInLists(ids, func(in string, args []any) error {
		rows, err := s.db.QueryContext(ctx, `SELECT id, title, filename, city,
			CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END FROM document WHERE id IN `+in, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, title, filename, city string
			var deleted int
			if err := rows.Scan(&id, &title, &filename, &city, &deleted); err != nil {
				return err
			}
			out[id] = DocumentName{Title: cmp.Or(title, filename), City: city, Deleted: deleted != 0}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("names of %d documents: %w", len(ids), err)
	}
	return out, nil
}

// anyArgs are ids as query arguments.
func anyArgs(ids []string) []any {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return args
}

// querier is what a read needs of a pool, a connection or a transaction.
type querier interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}

func documentsByID(ctx context.Context, db querier, ids []string) (map[string]*Document, error) {
	out := make(map[string]*Document, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	return out, forInLists(ids, func(in string, args []any) error {
		return queryDocumentsOn(ctx, db, `SELECT `+documentColumns+` FROM document WHERE deleted_at IS NULL AND id IN `+in,
			args, func(d *Document) { out[d.ID] = d })
	})
}

// HitDocuments returns the live documents of ids and, for each of them,
// those of ids that are its near duplicates (both live): what every
// search asks of its page of hits. Both are read on one connection: under
// load a read waits for a connection more than it runs, and this takes
// one turn instead of two.
func (s *Store) HitDocuments(ctx context.Context, ids []string) (map[string]*Document, map[string][]string, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("hit documents: %w", err)
	}
	defer conn.Close()
	docs, err := documentsByID(ctx, conn, ids)
	if err != nil {
		return nil, nil, err
	}
	pairs, err := nearDuplicatePairs(ctx, conn, ids)
	if err != nil {
		return nil, nil, err
	}
	return docs, pairs, nil
}

// FindDocuments lists live documents matching f, newest first, with the
// number of all matches.
func (s *Store) FindDocuments(ctx context.Context, f DocumentFilter) ([]*Document, int, error) {
	where := []string{"deleted_at IS NULL"}
	var args []any
	for col, v := range map[string]string{"status": string(f.Status), "doc_type": string(f.DocType)} {
		if v != "" {
			where = append(where, col+" = ?")
			args = append(args, v)
		}
	}
	year, yerr := strconv.Atoi(f.Round)
	switch {
	case f.Round != "" && f.Indicator != "" && yerr == nil:
		// One link does both: it is to the indicator and counts in the
		// round, as the heat map counts it; not a link carried into the
		// round to one indicator and another link to this one.
		where = append(where, `id IN (SELECT l.document_id FROM link l JOIN document d ON d.id = l.document_id
			WHERE l.indicator_code = ? AND (`+ofDocumentRound+`
				OR l.id IN (SELECT object_id FROM carryover WHERE kind = 'link' AND round = ? AND state <> 'dropped')))`)
		args = append(args, f.Indicator, f.Round, f.Round, year, year)
	default:
		if f.Round != "" {
			where, args = ofRound(where, args, f.Round)
		}
		if f.Indicator != "" {
			where = append(where, "id IN (SELECT document_id FROM link WHERE indicator_code = ?)")
			args = append(args, f.Indicator)
		}
	}
	where, args = filterCities(where, args, "city", f.City, f.Cities)
	cond := strings.Join(where, " AND ")
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM document WHERE `+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count documents: %w", err)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 500)
	reversed := f.Before != ""
	for field, cursor := range map[string]string{"after": f.After, "before": f.Before} {
		if cursor == "" {
			continue
		}
		k, err := parseDocumentCursor(cursor, f.Sort, field)
		if err != nil {
			return nil, 0, err
		}
		c, a := documentBeyond(k, f.Sort, field == "before")
		cond, args = cond+" AND "+c, append(args, a...)
	}
	var docs []*Document
	err := s.queryDocuments(ctx, pageSQL(cond, documentOrder(f.Sort, reversed)), append(args, limit, max(f.Offset, 0)),
		func(d *Document) { docs = append(docs, d) })
	if reversed {
		slices.Reverse(docs)
	}
	return docs, total, err
}

// pageSQL is documentPageSQL, a variable for the benchmark that compares
// it with the query before it.
var pageSQL = documentPageSQL

// documentPageSQL is the query of one page of the live documents
// matching cond, in order, its LIMIT and OFFSET the last two arguments.
// The page is chosen by its IDs first and only its rows are read whole:
// no index gives the order under a filter (status, city…), so every
// matching row goes through the sort, and with all of its columns it
// carried 26 of them a row to the sorter — 5,000 documents read and
// sorted whole for the one row the bench's status poll asks for. The
// sort keys are in the page's order, so the outer query sorts again.
func documentPageSQL(cond, order string) string {
	return `SELECT ` + documentColumns + ` FROM document WHERE id IN (SELECT id FROM document WHERE ` + cond +
		` ORDER BY ` + order + ` LIMIT ? OFFSET ?) ORDER BY ` + order
}

// ofRound keeps the documents that count in a round: those of the round,
// those of no round issued in its year, and those with a link carried or
// linked into it and not dropped (a 2017 policy linked for 2018), as the
// heat map, the comparison and the report count them (ofDocumentRound).
func ofRound(where []string, args []any, round string) ([]string, []any) {
	year, err := strconv.Atoi(round)
	if err != nil {
		return append(where, "round = ?"), append(args, round)
	}
	return append(where, `(round = ? OR (round = '' AND substr(issued_on, 1, 4) = ?)
		OR id IN (SELECT l.document_id FROM link l JOIN carryover c ON c.object_id = l.id
			WHERE c.kind = 'link' AND c.round = ? AND c.state <> 'dropped'))`), append(args, round, round, year)
}

// DocumentsWithStatus calls fn for every live document in one of the
// statuses, oldest change first.
func (s *Store) DocumentsWithStatus(ctx context.Context, fn func(*Document), statuses ...Status) error {
	args := make([]any, len(statuses))
	for i, st := range statuses {
		args[i] = string(st)
	}
	q := `SELECT ` + documentColumns + ` FROM document WHERE deleted_at IS NULL AND status IN (?` +
		strings.Repeat(",?", len(statuses)-1) + `) ORDER BY seq`
	return s.queryDocuments(ctx, q, args, fn)
}

func (s *Store) queryDocuments(ctx context.Context, q string, args []any, fn func(*Document)) error {
	return queryDocumentsOn(ctx, s.db, q, args, fn)
}

func queryDocumentsOn(ctx context.Context, db querier, q string, args []any, fn func(*Document)) error {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("query documents: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return fmt.Errorf("scan document: %w", err)
		}
		fn(d)
	}
	return rows.Err()
}

// StatusChange moves one document to a new pipeline status.
type StatusChange struct {
	ID     string
	Status Status
	Error  string // for StatusFailed
	// ErrorEnglish is Error in English, "" when it has none (for
	// StatusFailed).
	ErrorEnglish string
	Pages        int      // set when > 0
	Reading      *Reading // how the pages were read; set when not nil (on extraction)
	// Reader, when not nil, is the reader that gave the stored text and
	// its rules' version (set on extraction).
	Reader *TextReader
	// Fill, when not nil, fills the fields the uploader left empty from
	// the text, in the same transaction (see fillFields).
	Fill *FieldFill
	// NearDuplicates are recorded both ways (AddNearDuplicates) in the
	// same transaction.
	NearDuplicates []NearDuplicate
	// From, when not empty, are the statuses the document may be in for
	// the change to apply, checked in the same UPDATE: a document in
	// another is left as it is (no error; MoveStatus says which moved).
	// The pipeline marks a document indexed only from extracted, so that
	// one sent back to stored meanwhile (重新读取 saved a new text) is
	// not marked indexed from the old text.
	From []Status
}

// SetStatus applies status changes in one transaction, each bumping the
// document's sequence number. Failures are also written to the audit log.
func (s *Store) SetStatus(ctx context.Context, changes ...StatusChange) error {
	_, err := s.MoveStatus(ctx, changes...)
	return err
}

// MoveStatus is SetStatus, saying of each change whether it applied:
// false for one whose document was in none of its From statuses.
func (s *Store) MoveStatus(ctx context.Context, changes ...StatusChange) (moved []bool, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		moved = make([]bool, len(changes))
		if bulkMovable(changes) {
			return s.bulkMove(ctx, tx, changes, moved)
		}
		rounds := s.filledRounds(ctx, tx)
		for i, c := range changes {
			ok, err := s.setStatus(ctx, tx, c, rounds)
			if err != nil {
				return err
			}
			moved[i] = ok
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return moved, nil
}

// setStatus applies c inside tx; rounds is the transaction's
// filledRounds, shared by its changes so that each round is held once.
func (s *Store) setStatus(ctx context.Context, tx *sql.Tx, c StatusChange, rounds txRounds) (bool, error) {
	// The fields read from the text go in the status's UPDATE: read (and
	// locked) first, then written with it, instead of a second UPDATE of
	// the row (a statement more for each extraction, step 17 in
	// bench/README.md).
	var fields *fieldsRow
	var fc fieldChanges
	if c.Fill != nil {
		var err error
		fields, err = s.readFieldsRow(ctx, tx, c.ID)
		switch {
		case errors.Is(err, sql.ErrNoRows) && len(c.From) > 0:
			return false, nil // gone: left as it is, as below
		case errors.Is(err, sql.ErrNoRows):
			return false, Errorf(ENOTFOUND, "文档 %s 不存在", c.ID)
		case err != nil:
			return false, err
		case len(c.From) > 0 && !slices.Contains(c.From, fields.status):
			return false, nil // in another status: left as it is, as below
		}
		if fc, err = fields.fill(ctx, tx, *c.Fill, rounds); err != nil {
			return false, err
		}
	}
	seq, err := s.nextSeq(ctx, tx)
	if err != nil {
		return false, fmt.Errorf("next seq: %w", err)
	}
	// One UPDATE for the status and what comes with it (a fresh job, the
	// first indexed time, the reading, the reader): a statement each cost
	// the pipeline three more a document.
	var query strings.Builder // built once, not copied at each part
	query.Grow(512)
	query.WriteString(`UPDATE document SET status = ?, error = ?, error_en = ?,
				pages = CASE WHEN ? > 0 THEN ? ELSE pages END, seq = ?`)
	args := make([]any, 0, 24)
	args = append(args, c.Status, c.Error, nullIfEmpty(c.ErrorEnglish), c.Pages, c.Pages, seq)
	if c.Status == StatusStored { // tried again from the start: a fresh job
		query.WriteString(`, attempts = 0, lease_owner = '', lease_until = '', lease_token = ''`)
	}
	if c.Status == StatusIndexed { // searchable for the first time: new to saved searches
		query.WriteString(`, indexed_at = CASE WHEN indexed_at = '' THEN ? ELSE indexed_at END`)
		args = append(args, formatTime(s.now()))
	}
	if c.Reading != nil {
		sources, confidence, seals := encodeReading(*c.Reading)
		query.WriteString(`, page_sources = ?, ocr_confidence = ?, seal_pages = ?`)
		args = append(args, sources, confidence, seals)
	}
	if c.Reader != nil {
		query.WriteString(`, reader = ?, reader_version = ?`)
		args = append(args, c.Reader.Name, c.Reader.Version)
	}
	if fields != nil {
		query.WriteString(`, ` + filledColumns)
		args = append(args, fields.filledArgs(*c.Fill)...)
	}
	query.WriteString(` WHERE id = ?`)
	args = append(args, c.ID)
	if len(c.From) > 0 {
		query.WriteString(` AND status IN (?` + strings.Repeat(", ?", len(c.From)-1) + `)`)
		for _, f := range c.From {
			args = append(args, f)
		}
	}
	res, err := tx.ExecContext(ctx, query.String(), args...)
	if err != nil {
		return false, fmt.Errorf("set status of %s: %w", c.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if len(c.From) > 0 {
			// In another status, or gone: left as it is, and the
			// provisional seq handed back unwritten, so that the
			// transaction's rows still hold exactly its seqs.
			s.unhandSeq(tx)
			return false, nil
		}
		return false, Errorf(ENOTFOUND, "文档 %s 不存在", c.ID)
	}
	if c.Status == StatusStored {
		// A fresh job cleared the job columns: the contract is read after
		// the row's lock the UPDATE took, as every job write reads it
		// (lockForJobContract), and on a catalog whose job columns a newer
		// binary gave another meaning the transaction writes nothing.
		if err := s.checkJobContract(ctx, tx); err != nil {
			var ce *JobContractError
			if errors.As(err, &ce) {
				return false, fmt.Errorf("%w (%w)", Errorf(EUNAVAILABLE, "档案库已由新版本升级，本节点的版本较旧，不能重新读取文档（重新读取会改写文档的读取任务记录）；请在已升级的节点上操作，或先升级本节点"), ce)
			}
			return false, err
		}
	}
	if fc.overRead { // what the text gave before is in the audit log
		if err := s.recordFieldsEvent(ctx, tx, c.ID, c.Fill.Revision, fc); err != nil {
			return false, err
		}
	}
	if err := addNearDuplicates(ctx, tx, c.ID, c.NearDuplicates); err != nil {
		return false, err
	}
	if c.Status == StatusFailed {
		err := s.recordEvent(ctx, tx, Event{User: "system", Action: "document.fail", Object: c.ID,
			Detail: map[string]any{"error": c.Error}})
		if err != nil {
			return false, err
		}
	}
	return true, nil
}

// CountByStatus returns how many live documents are in each status.
func (s *Store) CountByStatus(ctx context.Context) (map[Status]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT status, COUNT(*) FROM document WHERE deleted_at IS NULL GROUP BY status`)
	if err != nil {
		return nil, fmt.Errorf("count by status: %w", err)
	}
	defer rows.Close()
	out := map[Status]int{}
	for rows.Next() {
		var st Status
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[st] = n
	}
	return out, rows.Err()
}

// DocumentPatch holds the metadata fields a PATCH changes; nil leaves a
// field as it is.
type DocumentPatch struct {
	Title, DocType, Department, Issuer, IssuedOn, DocNumber, Round *string
	// DocNumberTyped is DocNumber as the person typed it, when DocNumber
	// is its DocNumberForm (ingest.Service.CheckPatch sets both): a 文号
	// an edit changes is shown as typed (杭教成[2017]16号), its year in
	// 〔〕 kept for matching. "" shows DocNumber as it is.
	DocNumberTyped string
	// DepartmentListed says Department was taken from the city's list
	// (ListedDepartment, as documents.Service checks a changed 责任单位):
	// the edit's transaction holds it there and refuses it as
	// ListedDepartment would when it is gone by then (deleted or renamed
	// since the check). Without it the name is held when the list has it
	// and written as given when not.
	DepartmentListed bool
}

// UpdateDocument changes a document's metadata, with an audit event
// listing the changed fields. A field filled from the text whose value the
// edit changes counts as typed from then on (it leaves extracted_fields). A document already indexed goes back to
// extracted, so the index is rewritten and a crash in between cannot leave
// it stale. It returns the updated document.
func (s *Store) UpdateDocument(ctx context.Context, id string, p DocumentPatch, by string) (*Document, error) {
	return s.updateDocument(ctx, id, p, by, nil)
}

// UpdateOwnDocument is UpdateDocument for a department contributor, by,
// correcting their own upload: in the same transaction as the change, the
// document must still be theirs alone and unreviewed (ContributorEdit),
// so that a coordinator's acceptance or a claim's citation committed
// meanwhile is not edited over.
func (s *Store) UpdateOwnDocument(ctx context.Context, id string, p DocumentPatch, by string) (*Document, error) {
	return s.updateDocument(ctx, id, p, by, func(tx *sql.Tx) error { return contributorEdit(ctx, tx, id, by) })
}

// ContributorEdit says whether the department contributor user may still
// correct the document id they uploaded: nil while nothing cites it, no
// assignment it was handed in for was accepted (已确认), and no one else
// handed it in (the same file sent by another department for its own
// task is that department's submission too); else EFORBIDDEN saying why.
func (s *Store) ContributorEdit(ctx context.Context, id, user string) error {
	return contributorEdit(ctx, s.db, id, user)
}

func contributorEdit(ctx context.Context, q queryRower, id, user string) error {
	n, err := citedBy(ctx, q, id)
	if err != nil {
		return err
	}
	var accepted, others int
	err = q.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM assignment_document ad JOIN assignment a ON a.id = ad.assignment_id WHERE ad.document_id = ? AND a.status = ?),
		(SELECT COUNT(*) FROM assignment_document WHERE document_id = ? AND submitted_by <> ?)`,
		id, AssignmentAccepted, id, user).Scan(&accepted, &others)
	if err != nil {
		return fmt.Errorf("reviews of %s: %w", id, err)
	}
	switch {
	case n > 0 || accepted > 0:
		return Errorf(EFORBIDDEN, "该材料已被协调员确认或已被定性描述、数值引用，部门联系人不能再修改；如有错误，请联系本市协调员")
	case others > 0:
		return Errorf(EFORBIDDEN, "该材料也是其他部门联系人提交的材料，部门联系人不能修改；如有错误，请联系本市协调员")
	}
	return nil
}

func (s *Store) updateDocument(ctx context.Context, id string, p DocumentPatch, by string, guard func(*sql.Tx) error) (*Document, error) {
	sets := []string{}
	var args []any
	changed := map[string]any{}
	for col, v := range map[string]*string{"title": p.Title, "doc_type": p.DocType, "department": p.Department,
		"issuer": p.Issuer, "issued_on": p.IssuedOn, "doc_number": p.DocNumber, "round": p.Round} {
		if v != nil {
			sets = append(sets, col+" = ?")
			args = append(args, *v)
			changed[col] = *v
		}
	}
	if len(sets) == 0 {
		return s.Document(ctx, id)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if p.Department != nil {
			if err := s.holdEditedDepartment(ctx, tx, id, *p.Department, p.DepartmentListed); err != nil {
				return err
			}
		}
		if p.Round != nil {
			if err := s.holdNewRound(ctx, tx, id, *p.Round); err != nil {
				return err
			}
		}
		if guard != nil {
			if err := guard(tx); err != nil {
				return err
			}
		}
		seq, err := s.nextSeq(ctx, tx)
		if err != nil {
			return err
		}
		now, err := s.confirmFields(ctx, tx, id, changed, p.DocNumberTyped)
		if err != nil {
			return err
		}
		q := `UPDATE document SET ` + strings.Join(sets, ", ") + `, seq = ?,
			status = CASE WHEN status = 'indexed' THEN 'extracted' ELSE status END
			WHERE id = ? AND deleted_at IS NULL`
		res, err := tx.ExecContext(ctx, q, append(args, seq, id)...)
		if err != nil {
			return fmt.Errorf("update document %s: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return Errorf(ENOTFOUND, "文档 %s 不存在", id)
		}
		detail := maps.Clone(changed)
		detail[editedKey] = now // the fields given a new value (FieldEdits)
		return s.recordEvent(ctx, tx, Event{User: by, Action: "document.edit", Object: id, Detail: detail})
	})
	if err != nil {
		return nil, err
	}
	return s.Document(ctx, id)
}

// holdNewRound holds, inside tx, the round an edit moves document id
// into (holdRound), before the document's row is written. A round the
// document is in already is not held: it counts there, so DeleteRound
// refuses it, and a document of a year no round was added for (typed at
// upload) stays editable. The document's row is locked (dialect.lockRow)
// before its round is compared: read without a lock, a reading of the
// text could move the document out of the round between the comparison
// and the UPDATE, DeleteRound then find the round empty, and the edit
// put the document back into a round that is gone. Document, then
// round, the order holdFilled takes them in (see there why it is safe).
// A document gone is left to the UPDATE to find.
func (s *Store) holdNewRound(ctx context.Context, tx *sql.Tx, id, round string) error {
	y, ok := roundYear(round)
	if !ok {
		return nil
	}
	var had string
	err := tx.QueryRowContext(ctx, `SELECT round FROM document WHERE id = ? AND deleted_at IS NULL`+s.dialect.lockRow, id).Scan(&had)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && had == round) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read the round of document %s: %w", id, err)
	}
	return s.holdRound(ctx, tx, y)
}

// DocumentCitedBy counts the citations of claims (withdrawn ones aside)
// and the values that cite a document: what deleting it would take away
// from.
func (s *Store) DocumentCitedBy(ctx context.Context, id string) (int, error) {
	return citedBy(ctx, s.db, id)
}

// queryRower is a database or a transaction, for reads that run in both.
type queryRower interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// citedBy counts the citations of claims (withdrawn ones aside) and the
// values that cite document id (citationCountsSQL, as citedByEach).
func citedBy(ctx context.Context, q queryRower, id string) (int, error) {
	var doc string
	var n int
	err := q.QueryRowContext(ctx, citationCountsSQL("(?)"), id, ClaimWithdrawn, id).Scan(&doc, &n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("count citations of %s: %w", id, err)
	}
	return n, nil
}

// citedByEach is citedBy of each document of ids, in one query however
// many (per maxInList): the documents nothing cites are left out.
func citedByEach(ctx context.Context, q querier, ids []string) (map[string]int, error) {
	out := make(map[string]int, len(ids))
	return out, forInLists(ids, func(in string, args []any) error {
		rows, err := q.QueryContext(ctx, citationCountsSQL(in), slices.Concat(args, []any{ClaimWithdrawn}, args)...)
		if err != nil {
			return fmt.Errorf("count citations of %d documents: %w", len(ids), err)
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			var n int
			if err := rows.Scan(&id, &n); err != nil {
				return fmt.Errorf("count citations of %d documents: %w", len(ids), err)
			}
			out[id] = n
		}
		return rows.Err()
	})
}

// citationCountsSQL counts, by document of the IN list in (its
// arguments, then ClaimWithdrawn, then its arguments again), the
// citations of claims not withdrawn and the values, whatever their
// status, that cite it; a document nothing cites has no row. The one rule
// of what a document's deletion or correction takes from, and of the
// count a version's list shows.
func citationCountsSQL(in string) string {
	return `SELECT document_id, CAST(SUM(n) AS INTEGER) FROM (
		SELECT t.document_id, COUNT(*) AS n FROM citation t JOIN claim c ON c.id = t.claim_id
			WHERE t.document_id IN ` + in + ` AND c.status <> ? GROUP BY t.document_id
		UNION ALL
		SELECT document_id, COUNT(*) FROM value WHERE document_id IN ` + in + ` GROUP BY document_id) x
		GROUP BY document_id`
}

// CitedError is the refusal to let a coordinator delete a document n
// statements or values cite.
func CitedError(n int) error {
	return Errorf(EFORBIDDEN, "这份文档已被 %d 处定性描述或数值引用\uFF0C删除后它们要重新审核\uFF1B请联系管理员删除", n)
}

// DeleteDocument soft-deletes a document: it disappears from lists and
// search, its original and links stay, and the audit log says who did it.
// In the same transaction reviewed claims and values citing it go back to
// pending, and responsibility tasks left with nothing handed in go back to
// where they stood before the hand-in; what went back is returned.
func (s *Store) DeleteDocument(ctx context.Context, id, by string) (Reopened, error) {
	return s.deleteDocument(ctx, id, by, false)
}

// DeleteUncitedDocument is DeleteDocument of a document nothing cites,
// counted in the same transaction (a citation added meanwhile is seen);
// a cited one is EFORBIDDEN with the count. Tasks it was handed in for
// may still go back (Reopened.Assignments).
func (s *Store) DeleteUncitedDocument(ctx context.Context, id, by string) (Reopened, error) {
	return s.deleteDocument(ctx, id, by, true)
}

func (s *Store) deleteDocument(ctx context.Context, id, by string, onlyUncited bool) (Reopened, error) {
	var reopened Reopened
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		// Claims citing it go back to pending: a claim change, stamped
		// under the claims' lock taken first, as every claim change is.
		stamp, err := s.claimStamp(ctx, tx)
		if err != nil {
			return err
		}
		if onlyUncited {
			// Locked, so that a citation being added waits (its foreign key
			// takes a share lock on the row) or is seen.
			var locked string
			err := tx.QueryRowContext(ctx, `SELECT id FROM document WHERE id = ? AND deleted_at IS NULL`+s.dialect.lockRow, id).Scan(&locked)
			if errors.Is(err, sql.ErrNoRows) {
				return Errorf(ENOTFOUND, "文档 %s 不存在", id)
			}
			if err != nil {
				return fmt.Errorf("lock document %s: %w", id, err)
			}
			n, err := citedBy(ctx, tx, id)
			if err != nil {
				return err
			}
			if n > 0 {
				return CitedError(n)
			}
		}
		seq, err := s.nextSeq(ctx, tx)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE document SET deleted_at = ?, seq = ? WHERE id = ? AND deleted_at IS NULL`,
			formatTime(s.now()), seq, id)
		if err != nil {
			return fmt.Errorf("delete document %s: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return Errorf(ENOTFOUND, "文档 %s 不存在", id)
		}
		if reopened, err = s.reopenDependents(ctx, tx, id, stamp, ReopenDocumentDeleted, by); err != nil {
			return err
		}
		// The claims and values citing it, reviewed or not, find the
		// deletion in their own history (FindEvents reads event_about).
		citing, err := citingDocument(ctx, tx, id)
		if err != nil {
			return err
		}
		also := make([]string, len(citing))
		for i, c := range citing {
			also[i] = c.Object()
		}
		return s.recordEvent(ctx, tx, Event{User: by, Action: "document.delete", Object: id, Also: also,
			Detail: map[string]any{"reopened_claims": reopened.Claims, "reopened_values": reopened.Values,
				"reopened_assignments": reopened.Assignments}})
	})
	return reopened, err
}

// MoveDocument puts a live document into another city (one filed under
// the wrong city by mistake), with an audit event naming both cities. The
// same bytes already live in the target city are ECONFLICT; so is a
// document that values or responsibility hand-ins of its city rely on,
// which must be let go first. Claims citing it go back to pending in the
// same transaction, their IDs returned. An indexed document goes back to
// extracted, so the index entry is rewritten with its new city. Its link
// events go with it: the audit log's indicator filter finds them in the
// new city (moveLinkEventPlaces).
func (s *Store) MoveDocument(ctx context.Context, id, city, by string) ([]string, error) {
	var reopened []string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		stamp, err := s.claimStamp(ctx, tx) // claims citing it are reopened: see deleteDocument
		if err != nil {
			return err
		}
		var from, sha string
		err = tx.QueryRowContext(ctx, `SELECT city, sha256 FROM document WHERE id = ? AND deleted_at IS NULL`+s.dialect.lockRow, id).Scan(&from, &sha)
		if errors.Is(err, sql.ErrNoRows) {
			return Errorf(ENOTFOUND, "文档 %s 不存在", id)
		}
		if err != nil {
			return fmt.Errorf("move document %s: %w", id, err)
		}
		if from == city {
			return nil
		}
		if err := checkMovable(ctx, tx, id, sha, city); err != nil {
			return err
		}
		seq, err := s.nextSeq(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE document SET city = ?, seq = ?,
			status = CASE WHEN status = 'indexed' THEN 'extracted' ELSE status END WHERE id = ?`, city, seq, id); err != nil {
			return fmt.Errorf("move document %s: %w", id, err)
		}
		if err := moveLinkEventPlaces(ctx, tx, id, city); err != nil {
			return err
		}
		if reopened, err = s.reopenClaimsCiting(ctx, tx, id, stamp, ReopenDocumentMoved, by); err != nil {
			return err
		}
		return s.recordEvent(ctx, tx, Event{User: by, Action: "document.move", Object: id,
			Detail: map[string]any{"from": from, "to": city, "reopened_claims": reopened}})
	})
	return reopened, err
}

// checkMovable refuses a move that would leave two live copies of the same
// bytes in one city, or take away evidence that values and hand-ins of the
// old city cite.
func checkMovable(ctx context.Context, tx *sql.Tx, id, sha, city string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM document WHERE sha256 = ? AND city = ? AND deleted_at IS NULL`,
		sha, city).Scan(&n); err != nil {
		return fmt.Errorf("move document %s: %w", id, err)
	}
	if n > 0 {
		return Errorf(ECONFLICT, "目标城市已有同一文件，不能移过去；请删除这一份")
	}
	var values, handins int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM value WHERE document_id = ?),
		(SELECT COUNT(*) FROM assignment_document WHERE document_id = ?)`, id, id).Scan(&values, &handins); err != nil {
		return fmt.Errorf("move document %s: %w", id, err)
	}
	return notMovable(values, handins)
}

// notMovable is the refusal to move a document that values cite and
// tasks were handed it for, naming only what there is. A hand-in stays
// with its task once returned, so only deleting the document (and
// uploading it in the right city) lets it go.
func notMovable(values, handins int) error {
	switch {
	case values > 0 && handins > 0:
		return Errorf(ECONFLICT, "这份文档被本市的 %d 条数值引用，又是 %d 项任务交付的材料，不能移到其他城市；请先删除这些数值，再删除这份文档并在正确的城市重新上传", values, handins)
	case values > 0:
		return Errorf(ECONFLICT, "这份文档被本市的 %d 条数值引用，不能移到其他城市；请先删除这些数值", values)
	case handins > 0:
		return Errorf(ECONFLICT, "这份文档是本市 %d 项任务交付的材料，不能移到其他城市；如确是放错了城市，请删除它并在正确的城市重新上传", handins)
	}
	return nil
}

// CityDocuments returns every live document of a city, oldest first: what
// a ledger's rows may name by 文号, file name or title.
func (s *Store) CityDocuments(ctx context.Context, city string) ([]*Document, error) {
	var docs []*Document
	err := s.queryDocuments(ctx, `SELECT `+documentColumns+` FROM document WHERE deleted_at IS NULL AND city = ?
		ORDER BY uploaded_at, id`, []any{city}, func(d *Document) { docs = append(docs, d) })
	return docs, err
}
