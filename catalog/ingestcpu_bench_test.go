package catalog

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
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
// request makes them.
func benchDocuments(batch int) []*Document {
	docs := make([]*Document, benchBatch)
	for i := range docs {
		n := batch*benchBatch + i
		id := fmt.Sprintf("01BENCH%012d", n)
		docs[i] = &Document{ID: id, SHA256: fmt.Sprintf("%064x", n+1), Size: 3200, MIME: "text/plain", Format: "txt",
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
	cpu := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		if err := runIngestBatch(ctx, s, steps, batch, rng); err != nil {
			b.Fatal(err)
		}
		batch++
	}
	b.StopTimer()
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N*benchBatch), "cpu-ns/doc")
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
