package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// TextReader is the reader (ingest/extract's extractor name) that gave a
// document's stored text and the version of its rules then.
type TextReader struct {
	Name    string
	Version int
}

// readerOf is the reader of the columns reader and reader_version, nil
// when the version is NULL (unknown).
func readerOf(name string, version sql.NullInt64) *TextReader {
	if !version.Valid {
		return nil
	}
	return &TextReader{Name: name, Version: int(version.Int64)}
}

// ReadText is one live extracted or indexed document's text as the
// catalog knows it: its bytes' hash and the reader that gave its text,
// Reader nil when unknown (extracted before the catalog recorded it).
type ReadText struct {
	ID     string
	SHA256 string
	Reader *TextReader
}

// ReadTexts calls fn for each live extracted or indexed document with the
// reader of its stored text, in change order: cheap, the texts are not
// loaded.
func (s *Store) ReadTexts(ctx context.Context, fn func(ReadText)) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, sha256, reader, reader_version FROM document
		WHERE deleted_at IS NULL AND status IN (?, ?) ORDER BY seq`, string(StatusExtracted), string(StatusIndexed))
	if err != nil {
		return fmt.Errorf("list the readers of texts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var t ReadText
		var name string
		var version sql.NullInt64
		if err := rows.Scan(&t.ID, &t.SHA256, &name, &version); err != nil {
			return fmt.Errorf("scan the reader of a text: %w", err)
		}
		t.Reader = readerOf(name, version)
		fn(t)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list the readers of texts: %w", err)
	}
	return nil
}

// RecordTextReader records r as the reader of the stored text of the
// documents with these bytes, found by loading it: a text extracted
// before the catalog recorded its reader. It changes no sequence number:
// the reader is not in the index. Idempotent.
func (s *Store) RecordTextReader(ctx context.Context, sha string, r TextReader) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE document SET reader = ?, reader_version = ? WHERE sha256 = ?`,
			r.Name, r.Version, sha)
		if err != nil {
			return fmt.Errorf("record the reader of text %s: %w", sha, err)
		}
		return nil
	})
}

// ReaderTally is how many live extracted or indexed documents share a
// text reader (nil: unknown, extracted before the catalog recorded it),
// whether an older field reader read their fields (FieldsBefore), and
// whether claims or values found passages in their text (Cited).
type ReaderTally struct {
	Reader       *TextReader
	FieldsBefore bool
	Cited        bool
	Documents    int
}

// tallyReadersSQL is TallyReaders' query, its arguments the fields
// revision and the statuses extracted and indexed, twice. Its first part
// counts every live read text from migration 050's document_reader_status
// alone; its second the cited ones, few, found by their bytes in
// document_live_sha_city from the partial indexes of found citations
// (the status joined to an empty string keeps SQLite, which has no
// statistics, from walking the status's index instead and reading every
// row for its bytes).
// document_reader (migration 024) held the bytes too, to tell the cited
// texts in one pass, but a hash at a random place in it cost every status
// move a page of its own (bench/README.md, ingest step 28).
const tallyReadersSQL = `SELECT 0, reader, reader_version, CASE WHEN fields_revision < ? THEN 1 ELSE 0 END, COUNT(*)
		FROM document WHERE deleted_at IS NULL AND status IN (?, ?)
		GROUP BY 2, 3, 4
	UNION ALL
	SELECT 1, reader, reader_version, CASE WHEN fields_revision < ? THEN 1 ELSE 0 END, COUNT(*)
		FROM document WHERE deleted_at IS NULL AND status || '' IN (?, ?)
		AND sha256 IN (SELECT sha256 FROM citation WHERE quote_found <> 0
			UNION SELECT sha256 FROM value WHERE quote_found <> 0)
		GROUP BY 2, 3, 4`

// TallyReaders counts the live extracted or indexed documents by the
// reader of their text, whether their fields were read below
// fieldsRevision, and whether a found citation holds their text (of any
// document with its bytes, a deleted one's too, as FoundCitations): one
// aggregate query for the admin page's counts of what newer readers would
// read again, however large the archive. The tallies come in no order.
func (s *Store) TallyReaders(ctx context.Context, fieldsRevision int) ([]ReaderTally, error) {
	args := []any{fieldsRevision, string(StatusExtracted), string(StatusIndexed)}
	rows, err := s.db.QueryContext(ctx, tallyReadersSQL, append(args, args...)...)
	if err != nil {
		return nil, fmt.Errorf("count the documents by the readers of their texts: %w", err)
	}
	defer rows.Close()
	type group struct {
		name    string
		version sql.NullInt64
		before  bool
	}
	var order []group
	all, cited := map[group]int{}, map[group]int{}
	for rows.Next() {
		var g group
		var part, before, n int
		if err := rows.Scan(&part, &g.name, &g.version, &before, &n); err != nil {
			return nil, fmt.Errorf("scan the documents of a reader: %w", err)
		}
		g.before = before != 0
		if part == 1 {
			cited[g] += n
			continue
		}
		order = append(order, g)
		all[g] += n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count the documents by the readers of their texts: %w", err)
	}
	var out []ReaderTally
	for _, g := range order {
		r := readerOf(g.name, g.version)
		if n := all[g] - cited[g]; n > 0 {
			out = append(out, ReaderTally{Reader: r, FieldsBefore: g.before, Documents: n})
		}
		if n := cited[g]; n > 0 {
			out = append(out, ReaderTally{Reader: r, FieldsBefore: g.before, Cited: true, Documents: n})
		}
	}
	return out, nil
}

// DocumentsToReread calls fn, in change order, for each live indexed
// document whose text's reader is unknown (r nil: extracted before the
// catalog recorded it, its text to be loaded to learn it) or one of older
// (readers of rules older than today's, from TallyReaders): what
// 重新读取 looks at, without loading the texts today's readers gave.
func (s *Store) DocumentsToReread(ctx context.Context, older []TextReader, fn func(d *Document, r *TextReader)) error {
	var q strings.Builder
	q.WriteString(`SELECT ` + documentColumns + `, reader, reader_version FROM document
		WHERE deleted_at IS NULL AND status = ? AND (reader_version IS NULL`)
	args := []any{string(StatusIndexed)}
	for _, r := range older {
		q.WriteString(` OR (reader = ? AND reader_version = ?)`)
		args = append(args, r.Name, r.Version)
	}
	q.WriteString(`) ORDER BY seq`)
	rows, err := s.db.QueryContext(ctx, q.String(), args...)
	if err != nil {
		return fmt.Errorf("list the documents to read again: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var version sql.NullInt64
		d, err := scanDocument(withColumns{rows, []any{&name, &version}})
		if err != nil {
			return fmt.Errorf("scan a document to read again: %w", err)
		}
		fn(d, readerOf(name, version))
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list the documents to read again: %w", err)
	}
	return nil
}

// withColumns scans a document row followed by more columns into extra.
type withColumns struct {
	rows  *sql.Rows
	extra []any
}

func (w withColumns) Scan(dest ...any) error { return w.rows.Scan(append(dest, w.extra...)...) }
