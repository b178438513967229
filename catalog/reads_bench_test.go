package catalog

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"
)

// The catalog's reads of every search and upload under make load
// (bench/README.md, session 45), on a real SQLite file of 3,072
// documents of one city, a tenth of them deleted, a few hundred pairs of
// near duplicates:
//
//	go test ./catalog -run '^$' -bench 'DeletedCopiesBySHA256|CitationsStamp|HitDocuments' -count 3
//
// Each has two variants: quiet, the reads alone; writes, an upload's
// commit (CreateDocument, not timed) before each read, as under make
// load, where uploads commit between searches: in WAL mode a reader's
// next transaction then drops its page cache and reads its pages again.

const readBenchBatches = 12 // of benchBatch documents

// openReadBenchStore is a catalog as make load grows it, and the ids of
// its live documents.
func openReadBenchStore(b *testing.B) (*Store, []string) {
	b.Helper()
	ctx := context.Background()
	s := openBenchStore(b)
	rng := rand.New(rand.NewPCG(1, 2))
	for batch := range readBenchBatches {
		if err := runIngestBatch(ctx, s, currentIngestSteps, batch, rng); err != nil {
			b.Fatal(err)
		}
	}
	var live []string
	for batch := range readBenchBatches {
		for i, d := range benchDocuments(batch) {
			n := batch*benchBatch + i
			switch {
			case n%10 == 9:
				if _, err := s.DeleteDocument(ctx, d.ID, "bench"); err != nil {
					b.Fatal(err)
				}
				continue
			case n%10 == 1:
				// a version of the one before it
				prev := fmt.Sprintf("01BENCH%012d", n-1)
				if err := s.AddNearDuplicates(ctx, d.ID, []NearDuplicate{{ID: prev, Similarity: 0.95}}); err != nil {
					b.Fatal(err)
				}
			}
			live = append(live, d.ID)
		}
	}
	return s, live
}

// commitUpload commits one upload's document (the n-th) outside the timer.
func commitUpload(b *testing.B, s *Store, n int) {
	b.Helper()
	b.StopTimer()
	d := benchDocuments(0)[0]
	d.ID, d.SHA256 = fmt.Sprintf("01WRITE%012d", n), fmt.Sprintf("%064x", 1<<40+n)
	d.Filename = fmt.Sprintf("杭州市社区教育工作台账%d.xlsx", n)
	if err := s.CreateDocument(context.Background(), d, Submission{User: "bench", Department: d.Department, Filename: d.Filename}); err != nil {
		b.Fatal(err)
	}
	b.StartTimer()
}

// benchUploads numbers the uploads of commitUpload, so that each has
// new bytes.
var benchUploads atomic.Int64

// benchReads runs read b.N times on s, quiet and after a commit each,
// and reports the process's CPU (every thread) during the reads alone.
func benchReads(b *testing.B, s *Store, read func(i int) error) {
	for _, writes := range []bool{false, true} {
		name := "quiet"
		if writes {
			name = "writes"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				if writes {
					commitUpload(b, s, int(benchUploads.Add(1)))
				}
				before := cpuTime()
				if err := read(i); err != nil {
					b.Fatal(err)
				}
				cpu += cpuTime() - before
			}
			b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

// BenchmarkDeletedCopiesBySHA256 is an upload's check of its file's
// bytes against the city's deleted documents (ingest refuseDeletedCopies):
// new bytes, as nearly every upload has.
func BenchmarkDeletedCopiesBySHA256(b *testing.B) {
	s, _ := openReadBenchStore(b)
	ctx := context.Background()
	benchReads(b, s, func(i int) error {
		got, err := s.DeletedCopiesBySHA256(ctx, []string{fmt.Sprintf("%064x", 1<<50+i)}, "330100")
		if err == nil && len(got) != 0 {
			err = fmt.Errorf("new bytes found deleted: %v", got)
		}
		return err
	})
}

// citationsStampBefore is the CitationsStamp query of both dialects
// before session 45, with the count of the last events.
const citationsStampBefore = `SELECT (SELECT COALESCE(MAX(seq), 0) FROM document),
	(SELECT COALESCE(MAX(id), 0) FROM event),
	(SELECT COUNT(*) FROM event WHERE id > (SELECT COALESCE(MAX(id), 0) FROM event) - ?)`

// BenchmarkCitationsStamp is every search's look at whether what claims
// and values cite moved (search citedCache), with SQLite's query before
// session 45 and now.
func BenchmarkCitationsStamp(b *testing.B) {
	s, _ := openReadBenchStore(b)
	ctx := context.Background()
	b.Run("before", func(b *testing.B) {
		benchReads(b, s, func(int) error {
			var st CitationsStamp
			return s.db.QueryRowContext(ctx, citationsStampBefore, citationsRecent).Scan(&st.seq, &st.event, &st.recent)
		})
	})
	b.Run("now", func(b *testing.B) {
		benchReads(b, s, func(int) error {
			_, err := s.CitationsStamp(ctx)
			return err
		})
	})
}

// BenchmarkHitDocuments is every search's read of its page of ten hits.
func BenchmarkHitDocuments(b *testing.B) {
	s, live := openReadBenchStore(b)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(3, 4))
	benchReads(b, s, func(int) error {
		ids := make([]string, 10)
		for k := range ids {
			ids[k] = live[rng.IntN(len(live))]
		}
		docs, _, err := s.HitDocuments(ctx, ids)
		if err == nil && len(docs) == 0 {
			err = fmt.Errorf("no documents of %v", ids)
		}
		return err
	})
}

// BenchmarkReaderPragmas is the reads of the benchmarks above, one each,
// with the read connections as they are (readerPragmas), with 256 MiB of
// the file mapped (mmap_size) and with a 32 MiB page cache (cache_size):
// the evaluation behind readerPragmas' comment.
func BenchmarkReaderPragmas(b *testing.B) {
	for _, p := range []struct{ name, pragmas string }{
		{"now", readerPragmas},
		{"mmap", readerPragmas + "&_pragma=mmap_size(268435456)"},
		{"cache", readerPragmas + "&_pragma=cache_size(-32768)"},
	} {
		b.Run(p.name, func(b *testing.B) {
			before := readerPragmas
			readerPragmas = p.pragmas
			defer func() { readerPragmas = before }()
			s, live := openReadBenchStore(b)
			ctx := context.Background()
			benchReads(b, s, func(i int) error {
				if _, err := s.DeletedCopiesBySHA256(ctx, []string{fmt.Sprintf("%064x", 1<<50+i)}, "330100"); err != nil {
					return err
				}
				if _, err := s.CitationsStamp(ctx); err != nil {
					return err
				}
				ids := make([]string, 10)
				for k := range ids {
					ids[k] = live[(i*37+k*101)%len(live)]
				}
				_, _, err := s.HitDocuments(ctx, ids)
				return err
			})
		})
	}
}

// BenchmarkDocumentsByIDKept is a search's page of ten hits read whole
// (DocumentsByID, "read") and checked against the documents kept
// (DocumentCache, every one kept before: "kept").
func BenchmarkDocumentsByIDKept(b *testing.B) {
	s, live := openReadBenchStore(b)
	ctx := context.Background()
	kept := NewDocumentCache(len(live))
	if _, err := kept.DocumentsByID(ctx, s, live, VersionsStamp{}); err != nil {
		b.Fatal(err)
	}
	for _, name := range []string{"read", "kept"} {
		b.Run(name, func(b *testing.B) {
			rng := rand.New(rand.NewPCG(3, 4))
			benchReads(b, s, func(int) error {
				ids := make([]string, 10)
				for k := range ids {
					ids[k] = live[rng.IntN(len(live))]
				}
				var docs map[string]*Document
				var err error
				if name == "read" {
					docs, err = s.DocumentsByID(ctx, ids)
				} else {
					docs, err = kept.DocumentsByID(ctx, s, ids, VersionsStamp{})
				}
				if err == nil && len(docs) == 0 {
					err = fmt.Errorf("no documents of %v", ids)
				}
				return err
			})
		})
	}
}

// BenchmarkSearchStamps is every search's stamps: read alone
// (SearchStampsExtracted) and through a DocumentCache, listing in the
// same statement the documents changed since its last (one upload's
// under "writes").
func BenchmarkSearchStamps(b *testing.B) {
	s, _ := openReadBenchStore(b)
	ctx := context.Background()
	b.Run("alone", func(b *testing.B) {
		benchReads(b, s, func(int) error {
			_, _, _, err := s.SearchStampsExtracted(ctx)
			return err
		})
	})
	b.Run("listing changes", func(b *testing.B) {
		c := NewDocumentCache(16)
		benchReads(b, s, func(int) error {
			_, _, _, err := c.SearchStamps(ctx, s)
			return err
		})
	})
}
