package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sync"
)

// DocumentCache keeps live documents as DocumentsByID read them, each
// with its change number (seq), for the reads that ask for the same few
// documents again and again: every search's page of hits. A kept
// document is given only while the catalog holds it live at the same seq,
// checked by a narrow read of the ids' seqs (two columns of an indexed
// lookup, where a document is 27 columns the driver converts one by one).
//
// That is right because every committed write to a column a Document
// holds gives the row a new seq in the same transaction (seq.go: change
// numbers are never given twice), on SQLite and on a PostgreSQL shared by
// several nodes alike, since the check reads the catalog, not this
// process's own writes. The writes that leave seq as it is touch only
// columns a Document does not hold (the lease of jobs.go, the reader of
// textreader.go) or deleted documents, which the check leaves out.
//
// A check can be skipped too: a document checked after the catalog's
// VersionsStamp was read is current while the stamp stays the same, since
// its seq is the highest change number (MAX(seq)), every change takes a
// higher one than any before, and they become visible in order.
//
// A DocumentCache is safe for concurrent use; the documents it gives are
// deep copies (copyDocument), which a caller may change.
type DocumentCache struct {
	mu   sync.Mutex
	docs map[string]keptDocument
	max  int
}

// keptDocument is a document kept and the highest change number (a
// VersionsStamp's seq) read before it was last read or checked; 0 when
// none was.
type keptDocument struct {
	doc     *Document
	checked int64
}

// NewDocumentCache returns a DocumentCache keeping at most max documents;
// past that, one kept document is forgotten for each one read.
func NewDocumentCache(max int) *DocumentCache {
	return &DocumentCache{docs: make(map[string]keptDocument), max: max}
}

// DocumentsByID returns the live documents among ids, keyed by ID, as
// s.DocumentsByID does: those kept at the seq the catalog holds come from
// c, the others are read (both reads on one connection, one wait for it
// under load) and kept. A read of more than maxCachedRead ids (an
// export's hits) is s.DocumentsByID's, and keeps nothing. at is the catalog's VersionsStamp read before the
// call, or the zero VersionsStamp: when every one of ids was checked at
// the same stamp, nothing is read.
func (c *DocumentCache) DocumentsByID(ctx context.Context, s *Store, ids []string, at VersionsStamp) (map[string]*Document, error) {
	if len(ids) > maxCachedRead {
		return s.DocumentsByID(ctx, ids)
	}
	out := make(map[string]*Document, len(ids))
	if len(ids) == 0 || c.keptAt(ids, at.seq, out) {
		return out, nil
	}
	clear(out)
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("documents by id: %w", err)
	}
	defer conn.Close()
	if !c.keepsAny(ids) {
		// Nothing to check: the rows are read at once, one statement
		// as DocumentsByID's, not two.
		return c.read(ctx, conn, ids, at.seq, out)
	}
	seqs, err := liveSeqsByID(ctx, conn, ids)
	if err != nil {
		return nil, err
	}
	var missing []string
	c.mu.Lock()
	for _, id := range ids {
		seq, live := seqs[id]
		k, ok := c.docs[id]
		switch {
		case !live:
			delete(c.docs, id)
		case ok && k.doc.Seq == seq:
			out[id] = copyDocument(k.doc)
			c.docs[id] = keptDocument{doc: k.doc, checked: at.seq}
		default:
			missing = append(missing, id)
		}
	}
	c.mu.Unlock()
	if len(missing) == 0 {
		return out, nil
	}
	return c.read(ctx, conn, missing, at.seq, out)
}

// keptAt reports whether every one of ids is kept and was checked at the
// stamp seq (never 0), and then gives them in out.
func (c *DocumentCache) keptAt(ids []string, seq int64, out map[string]*Document) bool {
	if seq == 0 {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, id := range ids {
		k, ok := c.docs[id]
		if !ok || k.checked != seq {
			return false
		}
		out[id] = copyDocument(k.doc)
	}
	return true
}

// keepsAny reports whether c keeps any of ids, at whatever seq.
func (c *DocumentCache) keepsAny(ids []string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, id := range ids {
		if _, ok := c.docs[id]; ok {
			return true
		}
	}
	return false
}

// read reads the live documents of ids whole on conn into out, and keeps
// them as checked at the stamp seq.
func (c *DocumentCache) read(ctx context.Context, conn querier, ids []string, seq int64, out map[string]*Document) (map[string]*Document, error) {
	read, err := documentsByID(ctx, conn, ids)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for id, d := range read {
		out[id] = copyDocument(d)
		c.keep(d, seq)
	}
	return out, nil
}

// keep keeps d as checked at the stamp seq, forgetting another document
// when c is full; c.mu is held. The one forgotten is any (the map's
// first): random eviction is enough, since the reads that would sweep c
// (an export's thousands of hits) pass it by (maxCachedRead), and a
// search's page, read again, is kept again.
func (c *DocumentCache) keep(d *Document, seq int64) {
	if d.Seq <= 0 { // a provisional number (seq.go) never commits
		return
	}
	if _, ok := c.docs[d.ID]; !ok && len(c.docs) >= c.max {
		for id := range c.docs {
			delete(c.docs, id)
			break
		}
	}
	c.docs[d.ID] = keptDocument{doc: d, checked: seq}
}

// liveSeqsByID returns the seq of each live document among ids.
func liveSeqsByID(ctx context.Context, db querier, ids []string) (map[string]int64, error) {
	out := make(map[string]int64, len(ids))
	err := forInLists(ids, func(in string, args []any) error {
		rows, err := db.QueryContext(ctx, `SELECT id, seq FROM document WHERE deleted_at IS NULL AND id IN `+in, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			var seq int64
			if err := rows.Scan(&id, &seq); err != nil {
				return err
			}
			out[id] = seq
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("read the change numbers of %d documents: %w", len(ids), err)
	}
	return out, nil
}

// maxCachedRead is the most ids a read through a DocumentCache keeps:
// more than a page of hits.
const maxCachedRead = 100

// copyDocument copies d and what it points to, slices and confidence.
func copyDocument(d *Document) *Document {
	c := *d
	c.ExtractedFields = slices.Clone(d.ExtractedFields)
	c.EditedFields = slices.Clone(d.EditedFields)
	c.Reading.PageSources = slices.Clone(d.Reading.PageSources)
	c.Reading.SealPages = slices.Clone(d.Reading.SealPages)
	if d.Reading.OCRConfidence != nil {
		v := *d.Reading.OCRConfidence
		c.Reading.OCRConfidence = &v
	}
	return &c
}

// DocumentSeq returns the change number of the live document id, and
// false when there is none (never made, or deleted): one column of an
// indexed lookup, where Document converts 27. A document kept from an
// earlier read or write at that seq is the catalog's as it is (see
// DocumentCache for why).
func (s *Store) DocumentSeq(ctx context.Context, id string) (seq int64, live bool, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT seq FROM document WHERE id = ? AND deleted_at IS NULL`, id).Scan(&seq)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("read the change number of document %s: %w", id, err)
	}
	return seq, true, nil
}

// AsRead returns a copy of d, a document the caller wrote (CreateDocuments),
// as a read of its row gives it back: its upload time at the catalog's
// precision in UTC, its reading and field lists decoded from what was
// stored. d's Seq must be the one the write gave it.
func AsRead(d *Document) *Document {
	c := copyDocument(d)
	c.UploadedAt = parseTime(formatTime(d.UploadedAt))
	sources, confidence, seals := encodeReading(d.Reading)
	c.Reading = decodeReading(sources, confidence, seals)
	var marks docNumberMarks
	c.ExtractedFields, marks = decodeExtracted(encodeExtracted(d.ExtractedFields, d.DocNumber, docNumberMarks{d.DocNumberRead, d.DocNumberWritten}))
	c.DocNumberRead, c.DocNumberWritten = marks.read, marks.written
	c.EditedFields = decodeFields(encodeFields(d.EditedFields))
	return c
}
