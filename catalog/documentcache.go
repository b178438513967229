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
// higher one than any before, and they become visible in order. Under
// load an upload or an extraction moves that stamp between most searches,
// so the searches read their stamps through the cache (SearchStamps),
// which lists in the same statement the documents changed since the last
// stamps it read, as a follower of the change numbers does (seq.go): a
// kept document none of those changed is current at the newer stamp
// unread.
//
// A DocumentCache is safe for concurrent use; the documents it gives are
// deep copies (copyDocument), which a caller may change.
type DocumentCache struct {
	mu   sync.Mutex
	docs map[string]keptDocument
	max  int
	// learning says changes holds every change of a document whose
	// change number is in (from, to], as SearchStamps read them: each
	// document's latest among them, or a later one.
	learning bool
	from, to int64
	changes  map[string]documentChange
	// line moves when the catalog's latest change number went back (a
	// catalog put back in place to an earlier copy, under a running
	// serve): what a search read before is of another line of changes,
	// whose numbers the catalog hands out again (learn).
	line uint64
}

// documentChange is a document's change number as the catalog listed it,
// and whether the document was live then.
type documentChange struct {
	seq  int64
	live bool
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
	return &DocumentCache{docs: make(map[string]keptDocument), max: max, changes: make(map[string]documentChange)}
}

// SearchStamps reads the catalog's stamps as s.SearchStampsExtracted
// does and, in the same statement, the documents changed since the
// stamps c last read (at most listedChanges of them): a search that reads
// its stamps here is given, at its VersionsStamp, the kept documents none
// of those changed without a check of their seqs (DocumentsByID). More
// changes than that since, or than c remembers (learntChanges), and c
// begins again at the new stamp: the documents kept before are checked
// once more.
func (c *DocumentCache) SearchStamps(ctx context.Context, s *Store) (CitationsStamp, VersionsStamp, bool, error) {
	c.mu.Lock()
	since := int64(-1) // nothing learnt yet: list nothing
	if c.learning {
		since = c.to
	}
	line := c.line
	c.mu.Unlock()
	cs, vs, extracted, changed, err := s.searchStampsChanged(ctx, since)
	if err != nil {
		return CitationsStamp{}, VersionsStamp{}, false, err
	}
	c.learn(line, since, vs.seq, changed)
	return cs, vs, extracted, nil
}

// learn adds to what c knows the changes listed after since up to the
// stamp to (nil when they were not listed, or were too many), read while
// c's line of changes was line.
func (c *DocumentCache) learn(line uint64, since, to int64, changed map[string]documentChange) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if line != c.line {
		return // read before the catalog went back: another line's numbers
	}
	if since >= 0 && to < since {
		// The latest change number, which only grows, went back: the
		// catalog was put back to an earlier copy, and hands out the
		// numbers above to again with other changes, which no listing
		// after c.to would show. Nothing checked or learnt holds.
		c.line++
		clear(c.docs)
		clear(c.changes)
		c.learning, c.from, c.to = true, to, to
		return
	}
	if since < 0 || changed == nil || len(c.changes)+len(changed) > learntChanges {
		// What is known does not reach to: begin again there, unless
		// another search's stamps already took c further.
		if !c.learning || to > c.to || len(c.changes)+len(changed) > learntChanges {
			c.learning, c.from, c.to = true, max(to, c.to), max(to, c.to)
			clear(c.changes)
		}
		return
	}
	// since was c.to when the stamps were read, and c.to only grows: the
	// changes listed reach back to c's, so c knows every one up to to.
	for id, ch := range changed {
		if old, ok := c.changes[id]; !ok || ch.seq > old.seq {
			c.changes[id] = ch
		}
	}
	c.to = max(c.to, to)
}

// currentTo returns the highest stamp seq at which k, kept for id, is
// known to be the catalog's: the one it was checked at, or c.to when no
// change c learnt since is one k lacks; c.mu is held.
func (c *DocumentCache) currentTo(id string, k keptDocument) int64 {
	if !c.learning || k.checked <= 0 || k.checked < c.from {
		return k.checked
	}
	ch, changed := c.changes[id]
	if changed && ch.seq > k.checked && !(ch.live && ch.seq == k.doc.Seq) {
		return k.checked
	}
	return max(c.to, k.checked)
}

// DocumentsByID returns the live documents among ids, keyed by ID, as
// s.DocumentsByID does: those kept at the seq the catalog holds come from
// c, the others are read (both reads on one connection, one wait for it
// under load) and kept. A read of more than maxCachedRead ids (an
// export's hits) is s.DocumentsByID's, and keeps nothing. at is the
// catalog's VersionsStamp read before the call, or the zero
// VersionsStamp: a kept document known current at that stamp (checked at
// it, or unchanged since by what SearchStamps learnt) is given unread.
func (c *DocumentCache) DocumentsByID(ctx context.Context, s *Store, ids []string, at VersionsStamp) (map[string]*Document, error) {
	if len(ids) > maxCachedRead {
		return s.DocumentsByID(ctx, ids)
	}
	out := make(map[string]*Document, len(ids))
	var unsure, missing []string
	c.mu.Lock()
	for _, id := range ids {
		k, ok := c.docs[id]
		switch {
		case !ok:
			missing = append(missing, id)
		case at.seq > 0 && c.currentTo(id, k) >= at.seq:
			out[id] = copyDocument(k.doc)
		default:
			unsure = append(unsure, id)
		}
	}
	c.mu.Unlock()
	if len(unsure) == 0 && len(missing) == 0 {
		return out, nil
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("documents by id: %w", err)
	}
	defer conn.Close()
	if len(unsure) > 0 {
		seqs, err := liveSeqsByID(ctx, conn, unsure)
		if err != nil {
			return nil, err
		}
		c.mu.Lock()
		for _, id := range unsure {
			seq, live := seqs[id]
			k, ok := c.docs[id]
			switch {
			case !live:
				delete(c.docs, id)
			case ok && k.doc.Seq == seq:
				out[id] = copyDocument(k.doc)
				c.docs[id] = keptDocument{doc: k.doc, checked: c.checkable(at.seq)}
			default:
				missing = append(missing, id)
			}
		}
		c.mu.Unlock()
	}
	if len(missing) == 0 {
		return out, nil
	}
	// Nothing kept to check, or checked and changed: the rows are read
	// whole, one statement as DocumentsByID's.
	return c.read(ctx, conn, missing, at.seq, out)
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
	c.docs[d.ID] = keptDocument{doc: d, checked: c.checkable(seq)}
}

// checkable is the stamp seq a document read or checked after it was
// read is kept as checked at: 0 (checked at every use) when it is past
// what c learnt, a stamp of the line of changes before the catalog went
// back (learn); c.mu is held.
func (c *DocumentCache) checkable(seq int64) int64 {
	if c.learning && seq > c.to {
		return 0
	}
	return seq
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
