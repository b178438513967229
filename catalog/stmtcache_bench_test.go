package catalog

import (
	"context"
	"fmt"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// The hot catalog calls on SQLite with and without the statement cache,
// side by side in one run:
//
//	go test ./catalog -run '^$' -bench StmtCache -benchmem -count 5
//
// cpu-ns/op is the process's CPU time (getrusage, every thread: the
// garbage collector's and SQLite's work included) per call, steadier than
// the wall time on a shared machine.

var stmtCacheModes = []struct {
	name string
	size int
}{{"uncached", 0}, {"cached", stmtCacheSize}}

// benchStores runs bench against a new catalog of each mode, prepared by
// setup outside the timing.
func benchStores(b *testing.B, setup func(b *testing.B, s *Store), bench func(b *testing.B, s *Store)) {
	for _, m := range stmtCacheModes {
		b.Run(m.name, func(b *testing.B) {
			s, err := openSQLite(context.Background(), filepath.Join(b.TempDir(), "catalog.db"), m.size)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			setup(b, s)
			b.ReportAllocs()
			cpu := cpuTime()
			b.ResetTimer()
			bench(b, s)
			b.StopTimer()
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkStmtCacheUserByToken(b *testing.B) {
	ctx := context.Background()
	benchStores(b, func(b *testing.B, s *Store) {
		if err := s.CreateUser(ctx, &User{Username: "wang", Role: RoleCoordinator, City: "330100"}, "hash", "cli"); err != nil {
			b.Fatal(err)
		}
		if _, err := s.CreateToken(ctx, "wang", "ev_secret", "bench", "cli"); err != nil {
			b.Fatal(err)
		}
	}, func(b *testing.B, s *Store) {
		for b.Loop() {
			if u, err := s.UserByToken(ctx, "ev_secret"); err != nil || u.Username != "wang" {
				b.Fatalf("%+v %v", u, err)
			}
		}
	})
}

// BenchmarkStmtCacheUpload is the catalog calls of one upload, from its
// record to its indexing (as bench/nodes.go's uploadCalls): six calls,
// five of them transactions.
func BenchmarkStmtCacheUpload(b *testing.B) {
	ctx := context.Background()
	benchStores(b, func(*testing.B, *Store) {}, func(b *testing.B, s *Store) {
		i := 0
		for b.Loop() {
			if err := benchUpload(ctx, s, i); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}

func benchUpload(ctx context.Context, s *Store, i int) error {
	id, sha := fmt.Sprintf("BENCH%08d", i), fmt.Sprintf("%064x", i+1)
	d := &Document{ID: id, SHA256: sha, Size: 3200, MIME: "text/plain", Format: "txt", Filename: id + ".txt",
		Title: "关于推进学习型城市建设的实施意见", DocType: DocPolicy, City: "330100", Status: StatusStored, UploadedBy: "bench"}
	if err := s.CreateDocument(ctx, d, Submission{User: "bench", Filename: d.Filename}); err != nil {
		return err
	}
	if tok, err := s.TakeJob(ctx, id, "bench-node", 2*time.Minute); err != nil || tok == "" {
		return fmt.Errorf("take job %s: %q %v", id, tok, err)
	}
	if err := s.RecordTextHash(ctx, sha, TextHash{SHA256: sha, Size: 3200}); err != nil {
		return err
	}
	fill := &FieldFill{DocNumber: fmt.Sprintf("杭教〔2019〕%d号", i), Issuer: "杭州市教育局", IssuedOn: "2019-03-12"}
	if err := s.SetStatus(ctx, StatusChange{ID: id, Status: StatusExtracted, Pages: 2, Reading: &Reading{}, Fill: fill}); err != nil {
		return err
	}
	if _, err := s.Document(ctx, id); err != nil {
		return err
	}
	return s.SetStatus(ctx, StatusChange{ID: id, Status: StatusIndexed})
}

// BenchmarkStmtCacheDocumentsByID is the catalog's half of a search page:
// ten documents by ID, out of a thousand.
func BenchmarkStmtCacheDocumentsByID(b *testing.B) {
	ctx := context.Background()
	var ids []string
	benchStores(b, func(b *testing.B, s *Store) {
		ids = ids[:0]
		for i := range 1000 {
			if err := benchUpload(ctx, s, i); err != nil {
				b.Fatal(err)
			}
			if i%100 == 7 {
				ids = append(ids, fmt.Sprintf("BENCH%08d", i))
			}
		}
	}, func(b *testing.B, s *Store) {
		for b.Loop() {
			if docs, err := s.DocumentsByID(ctx, ids); err != nil || len(docs) != len(ids) {
				b.Fatalf("%d documents, %v", len(docs), err)
			}
		}
	})
}
