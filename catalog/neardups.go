package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// NearDuplicate is another document whose text is nearly the same as a
// document's, with the Jaccard similarity of their texts (0.9 to 1); or,
// when Relation is PartOf or HasPart, one of the two texts is part of the
// other, and Similarity is how much of the part the whole has
// (neardup.Containment, 0.8 to 1).
type NearDuplicate struct {
	ID         string
	Title      string
	City       string
	Similarity float64
	Relation   Relation
	// The version's own file, day and round, and what uses it (NearDuplicates
	// fills them): two versions of one notice share a title and a city, and
	// a list of those alone could not tell the .pdf from the .docx, nor
	// which one the city already counts.
	Filename   string
	Format     string
	UploadedAt time.Time
	Round      string
	Linked     []string // the indicators it is linked to
	Cited      int      // citations of claims and values citing it
}

// Relation is how another document's text is like a document's.
//
// A pair of near duplicates is two rows of near_duplicates, one each way;
// a text part of another (部分重复: a photo of one page of a notice) is one
// row, from the part to the whole, with the part's containment.
type Relation string

// The relations of NearDuplicate.
const (
	Near    Relation = "near"     // 近似重复: nearly the same text
	PartOf  Relation = "part_of"  // the document's text is part of this one's
	HasPart Relation = "contains" // this one's text is part of the document's
)

// Candidate is a document that shares an LSH band with another, to be
// compared by its text.
type Candidate struct {
	ID     string
	SHA256 string
	Shared int // bands shared
}

// The band numbers of near_duplicate_band tell the band schemes apart
// (neardup.BandScheme), so that only bands of one scheme are ever
// compared: bands 0–15 are scheme 1's (SignatureSize hashes a shingle),
// stored before the forty-third session and computed again from the
// stored texts by ReplaceLegacyBands; bands 16–31 are scheme 2's
// (one-permutation hashing), the bands written today, and 32–63 the short
// bands (neardup.Fingerprint.Short) a short text has besides: the bands
// given are numbered on from 16 whatever their count, so only short texts
// have, and find each other by, the numbers past 31.
const (
	legacyBands    = 16 // band numbers under it hold scheme 1's bands
	bandSchemeBase = 16 // the band number of scheme 2's first band
	// shortBandBase is the band number of the first short band: bands
	// from it on are short bands, those under it normal ones (of either
	// scheme). neardup.Bands (16) after bandSchemeBase.
	shortBandBase = 32
)

// TextRecord is the hash of the text blob of the original with SHA-256
// Original, to record (RecordTextHash) with a document's bands.
type TextRecord struct {
	Original string
	Hash     TextHash
}

// SetNearDuplicateBands replaces the LSH band hashes of a document, of
// the current band scheme (none: it is not compared with any), in one
// statement, and, when text is not
// nil, records its text hash (RecordTextHash) in the same transaction.
// Idempotent.
func (s *Store) SetNearDuplicateBands(ctx context.Context, documentID string, bands []int64, text *TextRecord) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return setBands(ctx, tx, documentID, bands, text) })
}

func setBands(ctx context.Context, tx *sql.Tx, documentID string, bands []int64, text *TextRecord) error {
	if err := clearBands(ctx, tx, documentID); err != nil {
		return err
	}
	return insertBands(ctx, tx, documentID, bands, text)
}

// clearBands deletes the bands of a document.
func clearBands(ctx context.Context, tx *sql.Tx, documentID string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM near_duplicate_band WHERE document_id = ?`, documentID); err != nil {
		return fmt.Errorf("clear bands of %s: %w", documentID, err)
	}
	return nil
}

// clearLiveBands returns the live documents of exts, each with the index
// of its first extraction, and deletes their bands. Their rows are locked
// first (lock, the dialect's lockRow), in the order of their IDs as every
// writer of several documents locks them: the fill of short bands
// (AddShortBands) locks a document before it reads its bands, so it
// neither adds an old text's short bands after these are written nor
// holds uncommitted short bands these would collide with.
func clearLiveBands(ctx context.Context, tx *sql.Tx, exts []Extraction, lock string) (map[string]int, error) {
	first := make(map[string]int, len(exts))
	ids := make([]string, 0, len(exts))
	for i, e := range exts {
		if _, ok := first[e.ID]; !ok {
			first[e.ID] = i
			ids = append(ids, e.ID)
		}
	}
	slices.Sort(ids)
	live := make(map[string]int, len(ids))
	err := forInLists(ids, func(in string, args []any) error {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM document WHERE deleted_at IS NULL AND id IN `+in+` ORDER BY id`+lock, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return err
			}
			live[id] = first[id]
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("look up documents of %d extractions: %w", len(exts), err)
	}
	ids = ids[:0]
	for id := range live {
		ids = append(ids, id)
	}
	err = forInLists(ids, func(in string, args []any) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM near_duplicate_band WHERE document_id IN `+in, args...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("clear bands of %d documents: %w", len(ids), err)
	}
	return live, nil
}

// insertBands records the bands of a document whose bands were cleared,
// and, when text is not nil, its text hash.
func insertBands(ctx context.Context, tx *sql.Tx, documentID string, bands []int64, text *TextRecord) error {
	if text != nil {
		if err := recordTextHash(ctx, tx, text.Original, text.Hash); err != nil {
			return err
		}
	}
	if len(bands) == 0 {
		return nil
	}
	args := make([]any, 0, 3*len(bands))
	for i, h := range bands {
		args = append(args, documentID, bandSchemeBase+i, h)
	}
	q := `INSERT INTO near_duplicate_band (document_id, band, hash) VALUES (?, ?, ?)` +
		strings.Repeat(`, (?, ?, ?)`, len(bands)-1)
	if _, err := tx.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("insert bands of %s: %w", documentID, err)
	}
	return nil
}

// bandRuns cuts the live extractions of a batch (those of live), in
// order, into runs (indexes into exts) whose bands RecordExtractions
// writes in one statement before it reads any of the run's candidates. A
// run ends before an extraction that shares a band (its number and hash)
// with one of the run, and before a document's second extraction in the
// batch, so that each document's candidates are those it found when each
// document's bands were written one at a time: those of the extractions
// before it, none of those after it. The candidates' query matches a
// document's own bands only, and within a run no two share one.
func bandRuns(exts []Extraction, live map[string]int) [][]int {
	var runs [][]int
	var run []int
	// The run's bands: for each hash, a bit for each band number that has
	// it (number mod 64: two numbers on one bit only cut a run early).
	// Sized once for the batch: a batch with no shared band is one run.
	inRun := make(map[int64]uint64, 16*len(exts))
	for i, e := range exts {
		first, ok := live[e.ID]
		if !ok {
			continue // gone: nothing is written for it
		}
		cut := first != i
		for b, h := range e.Bands {
			if inRun[h]&(1<<(b%64)) != 0 {
				cut = true
				break
			}
		}
		if cut && len(run) > 0 {
			runs = append(runs, run)
			run = nil
			clear(inRun)
		}
		run = append(run, i)
		for b, h := range e.Bands {
			inRun[h] |= 1 << (b % 64)
		}
	}
	if len(run) > 0 {
		runs = append(runs, run)
	}
	return runs
}

// bandRowsPerInsert is the most bands one INSERT of insertRunBands
// writes: 16 documents' normal bands, 768 arguments. A run's rest goes in
// statements of powers of two rows, so that the statement cache holds a
// few texts (sqlitedriver.go), not one for each size of run.
const bandRowsPerInsert = 256

// insertRunBands records the bands of a run of extractions (bandRuns),
// whose bands were cleared, in statements of up to bandRowsPerInsert
// rows: one statement a document made the band index's pages, changed at
// random by each document, be saved into SQLite's statement journal
// again by each statement that touched them (issue 15).
func insertRunBands(ctx context.Context, tx *sql.Tx, exts []Extraction, run []int) error {
	args := make([]any, 0, 3*bandRowsPerInsert)
	insert := func(rows int) error {
		q := `INSERT INTO near_duplicate_band (document_id, band, hash) VALUES (?, ?, ?)` +
			strings.Repeat(`, (?, ?, ?)`, rows-1)
		if _, err := tx.ExecContext(ctx, q, args[:3*rows]...); err != nil {
			return fmt.Errorf("insert bands of %d documents: %w", len(run), err)
		}
		args = append(args[:0], args[3*rows:]...)
		return nil
	}
	for _, i := range run {
		for b, h := range exts[i].Bands {
			args = append(args, exts[i].ID, bandSchemeBase+b, h)
			if len(args) == 3*bandRowsPerInsert {
				if err := insert(bandRowsPerInsert); err != nil {
					return err
				}
			}
		}
	}
	for rows := bandRowsPerInsert / 2; len(args) > 0; rows /= 2 {
		if 3*rows <= len(args) {
			if err := insert(rows); err != nil {
				return err
			}
		}
	}
	return nil
}

// runSharingBandsSQL reads which of a JSON array of [band, hash] pairs
// another document has too: the pair's own row and at least one more,
// counted up to two in the band index, with no sort (a GROUP BY over the
// pairs built a temporary b-tree of them for each run).
const runSharingBandsSQL = `SELECT j.key FROM json_each(?) j
	WHERE (SELECT COUNT(*) FROM (SELECT 1 FROM near_duplicate_band b
		WHERE b.band = j.value ->> 0 AND b.hash = j.value ->> 1 LIMIT 2)) > 1`

// runSharingBands returns the extractions of a run, whose bands were just
// written (insertRunBands), that share a band (its number and hash) with
// another document, deleted or not: only those can have candidates, so
// only theirs are read (nearDuplicateCandidates), where each document's
// were read by a query of its own, most of them finding none (issue 15).
// One statement for the run, of one text whatever its size: the pairs go
// as one JSON array (SQLite's json_each). Within a run no two documents
// share a band (bandRuns) and a document holds a band number once, so a
// pair held by more than its own row is held by another document.
func runSharingBands(ctx context.Context, tx *sql.Tx, exts []Extraction, run []int) (map[int]bool, error) {
	var pairs []byte
	owner := make([]int, 0, 16*len(run)) // the extraction of each pair
	pairs = append(pairs, '[')
	for _, i := range run {
		for b, h := range exts[i].Bands {
			if len(owner) > 0 {
				pairs = append(pairs, ',')
			}
			pairs = append(pairs, '[')
			pairs = strconv.AppendInt(pairs, int64(bandSchemeBase+b), 10)
			pairs = append(pairs, ',')
			pairs = strconv.AppendInt(pairs, h, 10)
			pairs = append(pairs, ']')
			owner = append(owner, i)
		}
	}
	pairs = append(pairs, ']')
	sharing := map[int]bool{}
	if len(owner) == 0 {
		return sharing, nil
	}
	rows, err := tx.QueryContext(ctx, runSharingBandsSQL, string(pairs))
	if err != nil {
		return nil, fmt.Errorf("look up bands shared by %d documents: %w", len(run), err)
	}
	defer rows.Close()
	for rows.Next() {
		var k int
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		if k < 0 || k >= len(owner) {
			return nil, fmt.Errorf("look up bands shared by %d documents: pair %d of %d", len(run), k, len(owner))
		}
		sharing[owner[k]] = true
	}
	return sharing, rows.Err()
}

// Extraction is what reading one document's text leaves in the catalog,
// for RecordExtractions: its LSH bands with its text's hash (Text, when
// not nil), and its status change, which applies alone, without links,
// when the document shares no band with another. Legacy, its bands of
// band scheme 1, given while the catalog holds such bands of other
// documents (HasLegacyBands), are not stored: they find those documents
// among the candidates.
type Extraction struct {
	ID, SHA256 string
	Bands      []int64
	Legacy     []int64
	Text       *TextRecord
	Alone      StatusChange
}

// ExtractionOutcome is what RecordExtractions did with one Extraction.
type ExtractionOutcome struct {
	Gone       bool        // no such live document (deleted meanwhile): nothing was written for it
	Applied    bool        // Alone was applied with the bands
	Candidates []Candidate // documents sharing a band with it (then not applied)
}

// RecordExtractions records the extractions of documents, in the order
// given: each one's bands with its text's hash, the documents sharing a
// band with it (its candidates, to be compared by their texts), and, when
// it has none, its status change, which then needs no links. Bands go in
// before the candidates are read, so of two versions read at the same
// time at least the later finds the earlier. Where writers are serial
// (SQLite) it is one transaction, each document's candidates read after
// the bands of those before it and before those of the ones after it
// that share a band with it (bandRuns: the rest are written with it, up
// to 256 bands a statement): a bulk load pays for one transaction per
// index batch where it paid for one per document (issue 15), and the band
// index's pages, sixteen changed at random by each document, are written
// once for many. Under PostgreSQL's READ COMMITTED neither of two
// concurrent transactions would see the other's bands, so there the bands
// are committed first, the candidates read after, and no status is
// applied. A document deleted meanwhile is
// skipped (Gone); any other error writes nothing.
func (s *Store) RecordExtractions(ctx context.Context, exts []Extraction, limit int) ([]ExtractionOutcome, error) {
	out := make([]ExtractionOutcome, len(exts))
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		// Which documents are live, and their old bands cleared, in one
		// statement each for the batch rather than one each a document.
		live, err := clearLiveBands(ctx, tx, exts, s.dialect.lockRow)
		if err != nil {
			return err
		}
		// The live documents' text hashes, recorded together after the
		// loop (nothing in it reads them): a statement for the batch, not
		// one a document.
		var texts []TextRecord
		var alone []StatusChange // the status changes applied, in order
		rounds := s.filledRounds(ctx, tx)
		for i, e := range exts {
			out[i] = ExtractionOutcome{}
			if _, ok := live[e.ID]; !ok {
				out[i].Gone = true
			} else if e.Text != nil {
				texts = append(texts, *e.Text)
			}
		}
		for _, run := range bandRuns(exts, live) {
			if first := run[0]; live[exts[first].ID] != first {
				// The same document again in one batch (it starts a
				// run): its bands of the first time are replaced, as by
				// a batch of its own.
				if err := clearBands(ctx, tx, exts[first].ID); err != nil {
					return err
				}
			}
			if err := insertRunBands(ctx, tx, exts, run); err != nil {
				return err
			}
			if !s.dialect.serialWriters {
				continue
			}
			sharing, err := runSharingBands(ctx, tx, exts, run)
			if err != nil {
				return err
			}
			for _, i := range run {
				e := exts[i]
				var cands []Candidate
				if sharing[i] || len(e.Legacy) > 0 {
					if cands, err = nearDuplicateCandidates(ctx, tx, e.ID, e.SHA256, e.Bands, e.Legacy, limit); err != nil {
						return err
					}
				}
				if len(cands) > 0 {
					out[i].Candidates = cands
					continue
				}
				alone = append(alone, e.Alone)
				out[i].Applied = true
			}
		}
		// The moves, in the order of the extractions, written together
		// after the runs (nothing in them reads what a move writes): two
		// statements for the batch where they took two a document.
		if err := s.setStatuses(ctx, tx, alone, rounds); err != nil {
			return err
		}
		return recordTextHashes(ctx, tx, texts)
	})
	if err != nil {
		return nil, err
	}
	if s.dialect.serialWriters {
		return out, nil
	}
	for i, e := range exts {
		if out[i].Gone {
			continue
		}
		if out[i].Candidates, err = nearDuplicateCandidates(ctx, s.db, e.ID, e.SHA256, e.Bands, e.Legacy, limit); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// NearDuplicateCandidates returns the live documents, of any city, that
// share at least one of bands (the current scheme's) with a document, or
// of legacy (band scheme 1's, nil once the catalog holds none) with one
// whose bands are still scheme 1's, and have other bytes than sha (the
// same bytes are an exact duplicate, not a near one), at most limit:
// those sharing most normal bands and those sharing most short bands
// first, taken in turn (candidateQuery). Bands of two schemes are never
// compared.
func (s *Store) NearDuplicateCandidates(ctx context.Context, documentID, sha string, bands, legacy []int64, limit int) ([]Candidate, error) {
	return nearDuplicateCandidates(ctx, s.db, documentID, sha, bands, legacy, limit)
}

func nearDuplicateCandidates(ctx context.Context, db querier, documentID, sha string, bands, legacy []int64, limit int) ([]Candidate, error) {
	if len(bands) == 0 && len(legacy) == 0 {
		return nil, nil
	}
	args := make([]any, 0, 2*(len(bands)+len(legacy))+2)
	for i, h := range bands {
		args = append(args, bandSchemeBase+i, h)
	}
	for i, h := range legacy {
		args = append(args, i, h)
	}
	args = append(args, documentID, sha)
	// Prepared once per connection, by the statement cache on SQLite
	// (sqlitedriver.go) and pgx's on PostgreSQL: every fingerprint has one
	// of two numbers of bands (16, or 48 for a short text) and the
	// pipeline asks for the same limit, so there are two texts.
	rows, err := db.QueryContext(ctx, candidateQuery(len(bands)+len(legacy), limit), args...)
	if err != nil {
		return nil, fmt.Errorf("query near-duplicate candidates of %s: %w", documentID, err)
	}
	defer rows.Close()
	var out []Candidate
	for rows.Next() {
		var c Candidate
		if err := rows.Scan(&c.ID, &c.SHA256, &c.Shared); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// AddNearDuplicates records that a document and each of others are near
// duplicates, both ways. Idempotent: a pair recorded again keeps one row
// with the new similarity. Pairs are never removed here, so two documents
// linked by whichever of them was read last stay linked.
func (s *Store) AddNearDuplicates(ctx context.Context, documentID string, others []NearDuplicate) error {
	if len(others) == 0 {
		return nil
	}
	return s.inTx(ctx, func(tx *sql.Tx) error { return addNearDuplicates(ctx, tx, documentID, others) })
}

func addNearDuplicates(ctx context.Context, tx *sql.Tx, documentID string, others []NearDuplicate) error {
	for _, o := range others {
		for _, p := range [][2]string{{documentID, o.ID}, {o.ID, documentID}} {
			_, err := tx.ExecContext(ctx, `INSERT INTO near_duplicates (document_id, other_id, similarity) VALUES (?, ?, ?)
				ON CONFLICT (document_id, other_id) DO UPDATE SET similarity = excluded.similarity`, p[0], p[1], o.Similarity)
			if err != nil {
				return fmt.Errorf("record near duplicates %s, %s: %w", p[0], p[1], err)
			}
		}
	}
	return nil
}

// AddPartOf records that the text of the document part is part of the
// text of whole (部分重复), containment being how much of it whole has: a
// row from part to whole alone. Two documents already recorded near
// duplicates, or whole as part of part, are left as they are. Idempotent.
func (s *Store) AddPartOf(ctx context.Context, part, whole string, containment float64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO near_duplicates (document_id, other_id, similarity)
			SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM near_duplicates WHERE document_id = ? AND other_id = ?)
			ON CONFLICT (document_id, other_id) DO NOTHING`, part, whole, containment, whole, part)
		if err != nil {
			return fmt.Errorf("record %s part of %s: %w", part, whole, err)
		}
		return nil
	})
}

// SameDocNumber returns, for each of docs with a 文号, the live documents
// of its city with its 文号 and other bytes, at most limit each, by id:
// the documents whose text may hold a scan's or photo's, whose bands,
// over its whole text, another's part shares rarely. One query per city
// of docs, none when no document has a 文号: the pipeline asks it once a
// batch, from the index of 文号 (migration 027).
func (s *Store) SameDocNumber(ctx context.Context, docs []*Document, limit int) (map[string][]Candidate, error) {
	byCity := map[string][]string{}
	for _, d := range docs {
		if d.DocNumber != "" && !slices.Contains(byCity[d.City], d.DocNumber) {
			byCity[d.City] = append(byCity[d.City], d.DocNumber)
		}
	}
	type numbered struct {
		Candidate
		city, number string
	}
	var found []numbered
	// Each 文号 gives at most limit rows more than the documents of docs
	// that have it, which it leaves out.
	inBatch := map[[2]string]int{}
	for _, d := range docs {
		inBatch[[2]string{d.City, d.DocNumber}]++
	}
	for city, numbers := range byCity {
		perNumber := 0
		for _, n := range numbers {
			perNumber = max(perNumber, inBatch[[2]string{city, n}])
		}
		perNumber += max(limit, 0)
		err := forInLists(numbers, func(in string, args []any) error {
			rows, err := s.db.QueryContext(ctx, sameDocNumberSQL(in), append(append([]any{city}, args...), perNumber)...)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				n := numbered{city: city}
				if err := rows.Scan(&n.ID, &n.SHA256, &n.number); err != nil {
					return err
				}
				found = append(found, n)
			}
			return rows.Err()
		})
		if err != nil {
			return nil, fmt.Errorf("query documents of %d 文号 of %s: %w", len(numbers), city, err)
		}
	}
	out := map[string][]Candidate{}
	for _, d := range docs {
		for _, n := range found {
			if n.city == d.City && n.number == d.DocNumber && n.ID != d.ID && n.SHA256 != d.SHA256 && len(out[d.ID]) < max(limit, 0) {
				out[d.ID] = append(out[d.ID], n.Candidate)
			}
		}
	}
	return out, nil
}

// sameDocNumberSQL is SameDocNumber's query for one city, the 文号 of
// the IN list in and at most a number of rows for each 文号, read from
// document_doc_number_set (migration 050), not from all the city's
// documents: a 文号 set on many documents at once gives no more rows
// than are compared. The index holds only documents with a 文号, so the
// query says so too, for SQLite and PostgreSQL to take it.
func sameDocNumberSQL(in string) string {
	return `SELECT id, sha256, doc_number FROM (
		SELECT id, sha256, doc_number, ROW_NUMBER() OVER (PARTITION BY doc_number ORDER BY id) AS n FROM document
		WHERE city = ? AND deleted_at IS NULL AND doc_number <> '' AND doc_number IN ` + in + `) x
		WHERE n <= ? ORDER BY id`
}

// candidateQuery is the near-duplicate candidate query for n bands and at
// most limit rows. The limit is written in the text, not bound: with a
// bound LIMIT and more than 31 parameters (16 bands take 32), SQLite
// prepared the statement again at every run (sqlite3Reprepare in the
// profile; its plan may depend on a bound LIMIT, and past the 31st
// parameter it cannot tell which one changed): 0.3 ms of parsing a query
// that then runs in 0.02 ms.
//
// The candidates are ranked in three lists and taken in turn (the first
// of each, then the second of each, …): the long ones (sharing no short
// band) by the normal bands they share, the short ones by the normal
// bands, and the short ones by the short bands. Two short texts share up
// to 48 bands, a short scan and the long document it is part of at most
// 16, so by the bands shared alone a few templated short notices (one 通知
// form filled in many times) pushed out the document the scan was taken
// of; the whole of a short text is long, and its own list keeps it clear
// of notices sharing as many normal bands as it, or more. The short ones
// have a list by normal bands of their own too: ranked after every long
// one there, a short scan's OCR'd twin (a few normal bands and many short
// ones shared) fell past the limit behind many long 汇编 sharing one
// normal band and, in the short list, the notices sharing more short
// bands (review of session 47, #6). That list takes its turns from the
// second on: the first gives one place to the long whole and one to the
// short text sharing most short bands, so that a small limit still keeps
// the whole.
//
// Each ranking is a top-k of its own (ORDER BY … LIMIT, which keeps the
// first limit rows as it reads, not a sort of them all), over the
// candidates counted once (the MATERIALIZED CTE); the turns are then
// numbered among the at most three times limit rows kept. A window function
// over every candidate sorted them all, twice, and an outer sort a third
// time: on SQLite, in RecordExtractions' writer transaction, 5,000
// templated notices took that three times as long as one top-k
// (bench/README.md, session 47). The bands are counted by document
// before the document is read, once a candidate, not once a band.
func candidateQuery(n, limit int) string {
	conds := strings.TrimSuffix(strings.Repeat("(b.band = ? AND b.hash = ?) OR ", n), " OR ")
	short := strconv.Itoa(shortBandBase)
	k := strconv.Itoa(max(limit, 0))
	return `WITH shared AS MATERIALIZED (
			SELECT d.id, d.sha256, c.normal, c.short FROM (
				SELECT b.document_id,
					SUM(CASE WHEN b.band < ` + short + ` THEN 1 ELSE 0 END) AS normal,
					SUM(CASE WHEN b.band >= ` + short + ` THEN 1 ELSE 0 END) AS short
				FROM near_duplicate_band b WHERE ` + conds + `
				GROUP BY b.document_id) c
			JOIN document d ON d.id = c.document_id AND d.deleted_at IS NULL
			WHERE d.id <> ? AND d.sha256 <> ?)
		SELECT id, sha256, normal + short FROM (
			SELECT id, sha256, normal, short, ROW_NUMBER() OVER (ORDER BY normal DESC, id) AS turn
			FROM (SELECT * FROM shared WHERE normal > 0 AND short = 0 ORDER BY normal DESC, id LIMIT ` + k + `) long_by_normal
			UNION ALL
			SELECT id, sha256, normal, short, 1 + ROW_NUMBER() OVER (ORDER BY normal DESC, id)
			FROM (SELECT * FROM shared WHERE normal > 0 AND short > 0 ORDER BY normal DESC, id LIMIT ` + k + `) short_by_normal
			UNION ALL
			SELECT id, sha256, normal, short, ROW_NUMBER() OVER (ORDER BY short DESC, id)
			FROM (SELECT * FROM shared WHERE short > 0 ORDER BY short DESC, id LIMIT ` + k + `) by_short) ranked
		GROUP BY id, sha256, normal, short
		ORDER BY MIN(turn), normal + short DESC, id LIMIT ` + k
}

// nearDuplicatesSQL is NearDuplicates' query, for the document's id
// twice: the documents that are part of it are found by other_id
// (near_duplicates_other, migration 027).
const nearDuplicatesSQL = `SELECT id, title, city, similarity, relation, filename, format, uploaded_at, round FROM (
		SELECT d.id, d.title, d.city, n.similarity, CASE WHEN EXISTS (SELECT 1 FROM near_duplicates r
			WHERE r.document_id = n.other_id AND r.other_id = n.document_id) THEN 'near' ELSE 'part_of' END AS relation,
			d.filename, d.format, d.uploaded_at, d.round
		FROM near_duplicates n JOIN document d ON d.id = n.other_id AND d.deleted_at IS NULL
		WHERE n.document_id = ?
		UNION ALL
		SELECT d.id, d.title, d.city, n.similarity, 'contains', d.filename, d.format, d.uploaded_at, d.round FROM near_duplicates n
		JOIN document d ON d.id = n.document_id AND d.deleted_at IS NULL
		WHERE n.other_id = ? AND NOT EXISTS (SELECT 1 FROM near_duplicates r
			WHERE r.document_id = n.other_id AND r.other_id = n.document_id)) x
		ORDER BY relation <> 'near', similarity DESC, id`

// NearDuplicates returns the live near duplicates of a document, of every
// city (the caller applies the scope rule), newest upload first (the
// version a coordinator most likely means), then the documents its text
// is part of or that are part of it, each with the indicators it is
// linked to and how often it is cited.
func (s *Store) NearDuplicates(ctx context.Context, documentID string) ([]NearDuplicate, error) {
	out, err := s.nearDuplicateRows(ctx, documentID)
	if err != nil || len(out) == 0 {
		return out, err
	}
	ids := make([]string, len(out))
	for i, n := range out {
		ids[i] = n.ID
	}
	linked, err := s.DocumentIndicators(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("links of the near duplicates of %s: %w", documentID, err)
	}
	cited, err := citedByEach(ctx, s.db, ids)
	if err != nil {
		return nil, fmt.Errorf("citations of the near duplicates of %s: %w", documentID, err)
	}
	for i := range out {
		out[i].Linked = slices.Compact(linked[out[i].ID])
		out[i].Cited = cited[out[i].ID]
	}
	slices.SortStableFunc(out, func(a, b NearDuplicate) int {
		if an, bn := a.Relation == Near, b.Relation == Near; an != bn {
			if an {
				return -1
			}
			return 1
		}
		return b.UploadedAt.Compare(a.UploadedAt)
	})
	return out, nil
}

func (s *Store) nearDuplicateRows(ctx context.Context, documentID string) ([]NearDuplicate, error) {
	rows, err := s.db.QueryContext(ctx, nearDuplicatesSQL, documentID, documentID)
	if err != nil {
		return nil, fmt.Errorf("query near duplicates of %s: %w", documentID, err)
	}
	defer rows.Close()
	out := []NearDuplicate{}
	for rows.Next() {
		var n NearDuplicate
		var at string
		if err := rows.Scan(&n.ID, &n.Title, &n.City, &n.Similarity, &n.Relation, &n.Filename, &n.Format, &at, &n.Round); err != nil {
			return nil, err
		}
		n.UploadedAt = parseTime(at)
		out = append(out, n)
	}
	return out, rows.Err()
}

// PartsOf returns, for each of ids whose text is part of another's of
// ids (部分重复, AddPartOf), those others: what a report needs to list a
// scan under its document. Deleted documents are the caller's to leave
// out (it has them).
func (s *Store) PartsOf(ctx context.Context, ids []string) (map[string][]string, error) {
	out := map[string][]string{}
	err := forInLists(ids, func(in string, args []any) error {
		rows, err := s.db.QueryContext(ctx, `SELECT n.document_id, n.other_id FROM near_duplicates n
			WHERE n.document_id IN `+in+` AND NOT EXISTS (SELECT 1 FROM near_duplicates r
				WHERE r.document_id = n.other_id AND r.other_id = n.document_id)`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var part, whole string
			if err := rows.Scan(&part, &whole); err != nil {
				return err
			}
			if slices.Contains(ids, whole) && !slices.Contains(out[part], whole) {
				out[part] = append(out[part], whole)
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("query the documents %d documents are part of: %w", len(ids), err)
	}
	return out, nil
}

// NearDuplicatesAmong returns, for each of ids, the others of ids that
// are its near duplicates (both ways in near_duplicates; a text part of
// another is PartsOf's): what a report needs to list an OCR'd scan under
// the original it was read from, whose misreads keep its text from being
// part of the original's. Deleted documents are the caller's to leave
// out, as for PartsOf.
func (s *Store) NearDuplicatesAmong(ctx context.Context, ids []string) (map[string][]string, error) {
	out := map[string][]string{}
	among := make(map[string]bool, len(ids))
	for _, id := range ids {
		among[id] = true
	}
	err := forInLists(ids, func(in string, args []any) error {
		rows, err := s.db.QueryContext(ctx, `SELECT n.document_id, n.other_id FROM near_duplicates n
			WHERE n.document_id IN `+in+` AND EXISTS (SELECT 1 FROM near_duplicates r
				WHERE r.document_id = n.other_id AND r.other_id = n.document_id)`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, other string
			if err := rows.Scan(&id, &other); err != nil {
				return err
			}
			if among[other] && !slices.Contains(out[id], other) {
				out[id] = append(out[id], other)
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("query the near duplicates among %d documents: %w", len(ids), err)
	}
	return out, nil
}

// nearDuplicatePairs returns, for each of ids, those of ids that are its
// near duplicates (both live; a text part of another is not folded). Every search asks it of its page of hits.
// The pairs are looked up in near_duplicates alone, by both key columns
// (at most a page's square of lookups, however many near duplicates a
// document has elsewhere), and only the documents of the pairs found are
// checked. Joining the document table let SQLite start from the page's
// documents and probe every pair from each.
func nearDuplicatePairs(ctx context.Context, db querier, ids []string) (map[string][]string, error) {
	out := map[string][]string{}
	if len(ids) < 2 {
		return out, nil
	}
	args := make([]any, 0, 2*len(ids))
	for range 2 {
		for _, id := range ids {
			args = append(args, id)
		}
	}
	in := "(?" + strings.Repeat(",?", len(ids)-1) + ")"
	rows, err := db.QueryContext(ctx, `SELECT n.document_id, n.other_id FROM near_duplicates n
		WHERE n.document_id IN `+in+` AND n.other_id IN `+in+`
		AND EXISTS (SELECT 1 FROM near_duplicates r WHERE r.document_id = n.other_id AND r.other_id = n.document_id)
		AND EXISTS (SELECT 1 FROM document a WHERE a.id = n.document_id AND a.deleted_at IS NULL)
		AND EXISTS (SELECT 1 FROM document b WHERE b.id = n.other_id AND b.deleted_at IS NULL)`, args...)
	if err != nil {
		return nil, fmt.Errorf("query near-duplicate pairs: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a, b string
		if err := rows.Scan(&a, &b); err != nil {
			return nil, err
		}
		out[a] = append(out[a], b)
	}
	return out, rows.Err()
}
