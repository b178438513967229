package catalog

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// The catalog's share of the ingest pipeline's CPU (issue 15), on a real
// SQLite file, per document:
//
//	go test ./catalog -run '^$' -bench IngestCatalog -benchmem -count 8
//
// One op is one indexer batch of 256 documents as `evidence serve` sees it
// in make bench: sixteen upload requests of sixteen files
// (CreateDocuments), their extractions recorded (RecordExtractions, with
// fields read from the text), and the index batch's reads and status move
// (DocumentsByID, DocumentIndicators, SameDocNumber, MoveStatus).
// cpu-ns/doc is the process's CPU (every thread) per document.

const benchBatch = 256

func openBenchStore(b *testing.B) *Store {
	b.Helper()
	s, err := openSQLite(context.Background(), filepath.Join(b.TempDir(), "catalog.db"), stmtCacheSize)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// benchDocuments are the batch-th batch's documents, as an upload
// request makes them. Their SHA-256 are real hashes, at random places in
// the indexes that hold them as real ones are: numbered in upload order,
// they were appended to a page or two a batch.
func benchDocuments(batch int) []*Document {
	docs := make([]*Document, benchBatch)
	for i := range docs {
		n := batch*benchBatch + i
		id := fmt.Sprintf("01BENCH%012d", n)
		docs[i] = &Document{ID: id, SHA256: fmt.Sprintf("%x", sha256.Sum256([]byte(id))), Size: 3200, MIME: "text/plain", Format: "txt",
			Filename: fmt.Sprintf("杭州市学习型城市建设材料%d.txt", n), Title: fmt.Sprintf("杭州市学习型城市建设材料%d", n),
			City: "330100", Department: "市教育局", Status: StatusStored, UploadedBy: "bench"}
	}
	return docs
}

// benchExtractions are the extractions of docs: sixteen random bands
// (no candidates), the fields read from each text.
func benchExtractions(docs []*Document, rng *rand.Rand) []Extraction {
	exts := make([]Extraction, len(docs))
	for i, d := range docs {
		bands := make([]int64, 16)
		for k := range bands {
			bands[k] = rng.Int64()
		}
		fill := &FieldFill{Title: "关于推进学习型城市建设的实施意见" + d.ID[len(d.ID)-4:], DocNumber: fmt.Sprintf("杭教〔2019〕%s号", d.ID[len(d.ID)-4:]),
			Issuer: "杭州市教育局", IssuedOn: "2019-03-12", Revision: 7}
		exts[i] = Extraction{ID: d.ID, SHA256: d.SHA256, Bands: bands, Text: &TextRecord{Original: d.SHA256, Hash: TextHash{SHA256: d.SHA256, Size: 9000}},
			Alone: StatusChange{ID: d.ID, Status: StatusExtracted, Pages: 1, Reading: &Reading{}, Fill: fill,
				Reader: &TextReader{Name: "text", Version: 3}}}
	}
	return exts
}

// ingestCatalogSteps are the catalog calls of one batch, by name, so a
// step's old and new code can be swapped in alone.
type ingestCatalogSteps struct {
	create  func(ctx context.Context, s *Store, docs []*Document, subs []Submission) error
	record  func(ctx context.Context, s *Store, exts []Extraction) error
	indexed func(ctx context.Context, s *Store, docs []*Document) error
}

var currentIngestSteps = ingestCatalogSteps{
	create: func(ctx context.Context, s *Store, docs []*Document, subs []Submission) error {
		return s.CreateDocuments(ctx, docs, subs)
	},
	record: func(ctx context.Context, s *Store, exts []Extraction) error {
		outs, err := s.RecordExtractions(ctx, exts, 8)
		if err == nil && !outs[0].Applied {
			err = fmt.Errorf("extraction not applied: %+v", outs[0])
		}
		return err
	},
	indexed: func(ctx context.Context, s *Store, docs []*Document) error {
		ids := make([]string, len(docs))
		for i, d := range docs {
			ids[i] = d.ID
		}
		live, err := s.DocumentsByID(ctx, ids)
		if err != nil {
			return err
		}
		if _, err := s.DocumentIndicators(ctx, ids); err != nil {
			return err
		}
		numbered := make([]*Document, len(docs))
		for i, d := range docs {
			numbered[i] = live[d.ID]
		}
		if _, err := s.SameDocNumber(ctx, numbered, 8); err != nil {
			return err
		}
		changes := make([]StatusChange, len(docs))
		for i, d := range docs {
			changes[i] = StatusChange{ID: d.ID, Status: StatusIndexed, From: []Status{StatusExtracted}}
		}
		moved, err := s.MoveStatus(ctx, changes...)
		if err == nil && !moved[0] {
			err = fmt.Errorf("%s not moved", docs[0].ID)
		}
		return err
	},
}

// runIngestBatch runs one batch through steps.
func runIngestBatch(ctx context.Context, s *Store, steps ingestCatalogSteps, batch int, rng *rand.Rand) error {
	docs := benchDocuments(batch)
	for from := 0; from < len(docs); from += 16 {
		req := docs[from : from+16]
		subs := make([]Submission, len(req))
		for i, d := range req {
			subs[i] = Submission{User: "bench", Department: d.Department, Filename: d.Filename}
		}
		if err := steps.create(ctx, s, req, subs); err != nil {
			return err
		}
	}
	if err := steps.record(ctx, s, benchExtractions(docs, rng)); err != nil {
		return err
	}
	return steps.indexed(ctx, s, docs)
}

func benchIngestCatalog(b *testing.B, steps ingestCatalogSteps) {
	ctx := context.Background()
	s := openBenchStore(b)
	rng := rand.New(rand.NewPCG(1, 2))
	batch := 0
	for range 4 { // a catalog that is not empty
		if err := runIngestBatch(ctx, s, currentIngestSteps, batch, rng); err != nil {
			b.Fatal(err)
		}
		batch++
	}
	b.ReportAllocs()
	cpu, stmts := cpuTime(), s.Statements()
	b.ResetTimer()
	for b.Loop() {
		if err := runIngestBatch(ctx, s, steps, batch, rng); err != nil {
			b.Fatal(err)
		}
		batch++
	}
	b.StopTimer()
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N*benchBatch), "cpu-ns/doc")
	b.ReportMetric(float64(s.Statements()-stmts)/float64(b.N*benchBatch), "stmts/doc")
}

func BenchmarkIngestCatalog(b *testing.B) {
	b.Run("new", func(b *testing.B) { benchIngestCatalog(b, currentIngestSteps) })
}

// findDocumentsPageBefore is FindDocuments' page query before step 17
// (bench/README.md): every matching row read whole into the sort.
func findDocumentsPageBefore(cond, order string) string {
	return `SELECT ` + documentColumns + ` FROM document WHERE ` + cond + ` ORDER BY ` + order + ` LIMIT ? OFFSET ?`
}

// BenchmarkFindDocumentsPoll is the bench client's poll of GET
// /api/v1/documents?status=indexed&size=1 on a catalog of 5,120 indexed
// documents: the count and the page of one, with the page query before
// and after step 17, alternately.
func BenchmarkFindDocumentsPoll(b *testing.B) {
	ctx := context.Background()
	s := openBenchStore(b)
	rng := rand.New(rand.NewPCG(1, 2))
	for batch := range 20 {
		if err := runIngestBatch(ctx, s, currentIngestSteps, batch, rng); err != nil {
			b.Fatal(err)
		}
	}
	for _, m := range []struct {
		name string
		page func(cond, order string) string
	}{{"old", findDocumentsPageBefore}, {"new", documentPageSQL}} {
		b.Run(m.name, func(b *testing.B) {
			pageSQL = m.page
			defer func() { pageSQL = documentPageSQL }()
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				docs, total, err := s.FindDocuments(ctx, DocumentFilter{Status: StatusIndexed, Limit: 1})
				if err != nil || total != 20*benchBatch || len(docs) != 1 {
					b.Fatalf("%d of %d documents, %v", len(docs), total, err)
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

// setStatusBefore and fillFieldsBefore are setStatus and fillFields
// before step 17 (bench/README.md): the fields read from the text
// written by a second UPDATE of the row, after the status's.
func setStatusBefore(ctx context.Context, s *Store, tx *sql.Tx, c StatusChange) (bool, error) {
	seq, err := s.nextSeq(ctx, tx)
	if err != nil {
		return false, fmt.Errorf("next seq: %w", err)
	}
	// One UPDATE for the status and what comes with it (a fresh job, the
	// first indexed time, the reading, the reader): a statement each cost
	// the pipeline three more a document.
	query := `UPDATE document SET status = ?, error = ?, error_en = ?,
				pages = CASE WHEN ? > 0 THEN ? ELSE pages END, seq = ?`
	args := []any{c.Status, c.Error, nullIfEmpty(c.ErrorEnglish), c.Pages, c.Pages, seq}
	if c.Status == StatusStored { // tried again from the start: a fresh job
		query += `, attempts = 0, lease_owner = '', lease_until = ''`
	}
	if c.Status == StatusIndexed { // searchable for the first time: new to saved searches
		query += `, indexed_at = CASE WHEN indexed_at = '' THEN ? ELSE indexed_at END`
		args = append(args, formatTime(s.now()))
	}
	if c.Reading != nil {
		sources, confidence, seals := encodeReading(*c.Reading)
		query += `, page_sources = ?, ocr_confidence = ?, seal_pages = ?`
		args = append(args, sources, confidence, seals)
	}
	if c.Reader != nil {
		query += `, reader = ?, reader_version = ?`
		args = append(args, c.Reader.Name, c.Reader.Version)
	}
	query += ` WHERE id = ?`
	args = append(args, c.ID)
	if len(c.From) > 0 {
		query += ` AND status IN (?` + strings.Repeat(", ?", len(c.From)-1) + `)`
		for _, f := range c.From {
			args = append(args, f)
		}
	}
	res, err := tx.ExecContext(ctx, query, args...)
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
	if c.Fill != nil {
		fc, err := fillFieldsBefore(ctx, s, tx, c.ID, *c.Fill)
		if err != nil {
			return false, err
		}
		if fc.overRead { // what the text gave before is in the audit log
			if err := s.recordFieldsEvent(ctx, tx, c.ID, c.Fill.Revision, fc); err != nil {
				return false, err
			}
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

func fillFieldsBefore(ctx context.Context, s *Store, tx *sql.Tx, id string, f FieldFill) (fieldChanges, error) {
	var title, filename, number, issuer, issuedOn, round, extracted, edited string
	err := tx.QueryRowContext(ctx, `SELECT title, filename, doc_number, issuer, issued_on, round, extracted_fields, edited_fields
		FROM document WHERE id = ?`+s.dialect.lockRow, id).Scan(&title, &filename, &number, &issuer, &issuedOn, &round, &extracted, &edited)
	if err != nil {
		return fieldChanges{}, fmt.Errorf("read fields of %s: %w", id, err)
	}
	auto, _ := decodeExtracted(extracted)
	byHand := decodeFields(edited)
	wasRead := slices.Clone(auto)
	var out fieldChanges
	change := func(dst *string, name, v string) {
		out.names = append(out.names, name)
		out.from = append(out.from, *dst)
		out.to = append(out.to, v)
		out.overRead = out.overRead || *dst != "" && slices.Contains(wasRead, name)
		*dst = v
	}
	read := func(dst *string, name, v, none string, empty bool) {
		switch {
		case slices.Contains(auto, name):
			if v == "" {
				v = none
				auto = slices.DeleteFunc(auto, func(f string) bool { return f == name })
			}
		case empty && v != "" && v != *dst && !slices.Contains(byHand, name):
			auto = append(auto, name)
		default:
			return
		}
		if *dst != v {
			change(dst, name, v)
		}
	}
	read(&title, FieldTitle, f.Title, DefaultTitle(filename), title == "" || title == DefaultTitle(filename))
	read(&number, FieldDocNumber, f.DocNumber, "", number == "")
	read(&issuer, FieldIssuer, f.Issuer, "", issuer == "")
	read(&issuedOn, FieldIssuedOn, f.IssuedOn, "", issuedOn == "")
	// Without a date, a title read anew may name the year (2018年…).
	// With one, a title read anew may still say it is the summary of the
	// year before its date (ReportYear).
	inferred := slices.Contains(auto, FieldRound) && (slices.Contains(out.names, FieldIssuedOn) ||
		slices.Contains(out.names, FieldTitle))
	if inferred || round == "" && !slices.Contains(byHand, FieldRound) {
		r, err := inferRound(ctx, tx, issuedOn, title, filename)
		if err != nil {
			return fieldChanges{}, err
		}
		if r != "" {
			if r != round {
				change(&round, FieldRound, r)
			}
			if !slices.Contains(auto, FieldRound) {
				auto = append(auto, FieldRound)
			}
		}
	}
	_, err = tx.ExecContext(ctx, `UPDATE document SET title = ?, doc_number = ?, issuer = ?, issued_on = ?, round = ?,
		extracted_fields = ?, fields_revision = ? WHERE id = ?`, title, number, issuer, issuedOn, round,
		encodeExtracted(auto, number, docNumberMarks{f.DocNumberRead, f.DocNumberWritten}), f.Revision, id)
	if err != nil {
		return fieldChanges{}, fmt.Errorf("fill fields of %s: %w", id, err)
	}
	return out, nil
}

// BenchmarkExtractedStatus is the status moves of an indexer batch's
// extractions, each with the fields read from its text, in one
// transaction (as RecordExtractions applies them), with setStatus before
// and after step 17, and setStatuses' run (session 59), alternately:
// cpu-ns/doc and stmts/doc are per document.
func BenchmarkExtractedStatus(b *testing.B) {
	ctx := context.Background()
	s := openBenchStore(b)
	rng := rand.New(rand.NewPCG(1, 2))
	batch := 0
	for range 4 {
		if err := runIngestBatch(ctx, s, currentIngestSteps, batch, rng); err != nil {
			b.Fatal(err)
		}
		batch++
	}
	for round := range 4 {
		oneByOne := func(set func(ctx context.Context, s *Store, tx *sql.Tx, c StatusChange) (bool, error)) func(ctx context.Context, s *Store, tx *sql.Tx, exts []Extraction) error {
			return func(ctx context.Context, s *Store, tx *sql.Tx, exts []Extraction) error {
				for _, e := range exts {
					if ok, err := set(ctx, s, tx, e.Alone); err != nil || !ok {
						return fmt.Errorf("%s: moved %v, %v", e.ID, ok, err)
					}
				}
				return nil
			}
		}
		for _, m := range []struct {
			name string
			set  func(ctx context.Context, s *Store, tx *sql.Tx, exts []Extraction) error
		}{{"old", oneByOne(setStatusBefore)}, {"new", oneByOne(func(ctx context.Context, s *Store, tx *sql.Tx, c StatusChange) (bool, error) {
			return s.setStatus(ctx, tx, c, s.filledRounds(ctx, tx))
		})}, {"shared", func(ctx context.Context, s *Store, tx *sql.Tx, exts []Extraction) error {
			// One by one with the transaction's rounds shared, as
			// RecordExtractions moved them before session 59.
			rounds := s.filledRounds(ctx, tx)
			for _, e := range exts {
				if _, err := s.setStatus(ctx, tx, e.Alone, rounds); err != nil {
					return err
				}
			}
			return nil
		}}, {"run", func(ctx context.Context, s *Store, tx *sql.Tx, exts []Extraction) error {
			// Session 59: the batch's moves by setStatuses' run.
			changes := make([]StatusChange, len(exts))
			for i, e := range exts {
				changes[i] = e.Alone
			}
			return s.setStatuses(ctx, tx, changes, s.filledRounds(ctx, tx))
		}}} {
			b.Run(fmt.Sprintf("%s/round%d", m.name, round), func(b *testing.B) {
				var cpu time.Duration
				var stmtsDone int64
				for b.Loop() {
					b.StopTimer()
					docs := benchDocuments(batch)
					batch++
					for from := 0; from < len(docs); from += 16 {
						subs := make([]Submission, 16)
						if err := s.CreateDocuments(ctx, docs[from:from+16], subs); err != nil {
							b.Fatal(err)
						}
					}
					exts := benchExtractions(docs, rng)
					b.StartTimer()
					start := cpuTime()
					stmts := s.Statements()
					err := s.inTx(ctx, func(tx *sql.Tx) error { return m.set(ctx, s, tx, exts) })
					stmtsDone += s.Statements() - stmts
					cpu += cpuTime() - start
					if err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(cpu)/float64(b.N*benchBatch), "cpu-ns/doc")
				b.ReportMetric(float64(stmtsDone)/float64(b.N*benchBatch), "stmts/doc")
			})
		}
	}
}

// BenchmarkCatalogGrowth is the catalog's CPU a document as the archive
// grows: one op fills a new catalog with 200 indexer batches (51,200
// documents, as make bench's ingest) through the catalog calls of
// BenchmarkIngestCatalog, and reports the CPU a document of the first and
// the last 40 batches. The bands' random places in their index make the
// later batches dearer (writerPragmas):
//
//	go test ./catalog -run '^$' -bench CatalogGrowth -benchtime 1x -count 3
func BenchmarkCatalogGrowth(b *testing.B) {
	const batches, window = 200, 40
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		s, err := openSQLite(ctx, filepath.Join(b.TempDir(), "catalog.db"), stmtCacheSize)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rng := rand.New(rand.NewPCG(1, 2))
		var first, last time.Duration
		for batch := range batches {
			cpu := cpuTime()
			if err := runIngestBatch(ctx, s, currentIngestSteps, batch, rng); err != nil {
				b.Fatal(err)
			}
			switch took := cpuTime() - cpu; {
			case batch < window:
				first += took
			case batch >= batches-window:
				last += took
			}
		}
		s.Close()
		perDoc := func(d time.Duration) float64 { return float64(d.Microseconds()) / (window * benchBatch) }
		b.ReportMetric(perDoc(first), "first-cpu-µs/doc")
		b.ReportMetric(perDoc(last), "last-cpu-µs/doc")
	}
}
