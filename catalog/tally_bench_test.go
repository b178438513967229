package catalog

import (
	"context"
	"math/rand/v2"
	"testing"
)

// tallyReadersSQLBefore is TallyReaders' query before migration 050: one
// pass over migration 024's document_reader, which held each document's
// bytes to tell the cited texts.
const tallyReadersSQLBefore = `SELECT reader, reader_version,
		CASE WHEN fields_revision < ? THEN 1 ELSE 0 END,
		CASE WHEN sha256 IN (SELECT sha256 FROM citation WHERE quote_found <> 0
			UNION SELECT sha256 FROM value WHERE quote_found <> 0) THEN 1 ELSE 0 END,
		COUNT(*)
		FROM document WHERE deleted_at IS NULL AND status IN (?, ?)
		GROUP BY 1, 2, 3, 4`

// BenchmarkTallyReaders is the admin page's count of what newer readers
// would read again (TallyReaders) at make bench's 51,200 documents, with
// the query and index before migration 050 (old: document_reader made
// again for it) and after (new), alternately:
//
//	go test ./catalog -run '^$' -bench TallyReaders -count 3
func BenchmarkTallyReaders(b *testing.B) {
	ctx := context.Background()
	s := openBenchStore(b)
	rng := rand.New(rand.NewPCG(1, 2))
	for batch := range 200 {
		if err := runIngestBatch(ctx, s, currentIngestSteps, batch, rng); err != nil {
			b.Fatal(err)
		}
	}
	old := func(b *testing.B) {
		if _, err := s.writer.Exec(`CREATE INDEX document_reader ON document (status, deleted_at, reader, reader_version, fields_revision, sha256)`); err != nil {
			b.Fatal(err)
		}
		defer s.writer.Exec(`DROP INDEX document_reader`)
		for b.Loop() {
			rows, err := s.db.QueryContext(ctx, tallyReadersSQLBefore, 8, string(StatusExtracted), string(StatusIndexed))
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for rows.Next() {
				n++
			}
			if rows.Close(); n == 0 {
				b.Fatal("no tallies")
			}
		}
	}
	now := func(b *testing.B) {
		for b.Loop() {
			if tallies, err := s.TallyReaders(ctx, 8); err != nil || len(tallies) == 0 {
				b.Fatalf("%v, %v", tallies, err)
			}
		}
	}
	for range 3 {
		b.Run("old", old)
		b.Run("new", now)
	}
}
