package ingest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/s3gw"
)

// cpuTime is the process's user plus system CPU time so far: on a shared
// two-core machine CPU per upload is steadier than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchService is a Service on a SQLite catalog and a folder store in a
// temporary folder, with no index and no pipeline running: an index would
// load its dictionaries in the background and blur the CPU numbers.
func benchService(b *testing.B) (*Service, blob.Store) {
	dir := b.TempDir()
	cat, err := catalog.Open(context.Background(), filepath.Join(dir, "catalog.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { cat.Close() })
	blobs, err := blob.NewFolder(filepath.Join(dir, "blobs"))
	if err != nil {
		b.Fatal(err)
	}
	svc := New(cat, blobs, nil, Config{TempDir: filepath.Join(dir, "tmp"), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	return svc, blobs
}

// BenchmarkUploadFolder is the storage side of one small upload on a
// folder store on disk, as the server does it: stage, Upload (original
// into the store, document into the catalog), then the extracted text
// saved as the pipeline does (the extraction itself is left out, so the
// number measures the files and copies). cpu-µs/op is getrusage CPU.
func BenchmarkUploadFolder(b *testing.B) {
	benchmarkStorage(b, func(ctx context.Context, svc *Service, st *Staged) error {
		out, err := svc.Upload(ctx, coordinator, UploadRequest{Meta: Meta{DocType: "work_summary"}, Files: []*Staged{st}})
		if err == nil {
			err = out[0].Err
		}
		return err
	})
}

// BenchmarkUploadRequest is the upload side of a folder of small files
// sent a file a request (files=1) or 16 a request (files=16), as the web
// page and `evidence ingest --server` now send one: stage each file, then
// Upload the request's files (originals into a folder store, documents
// into the catalog). Per file: cpu-µs/file (getrusage CPU) and the
// catalog statements (stmts/file); b.N counts files.
func BenchmarkUploadRequest(b *testing.B) {
	for _, per := range []int{1, 16} {
		b.Run(fmt.Sprintf("files=%d", per), func(b *testing.B) {
			svc, _ := benchService(b)
			ctx := context.Background()
			body := strings.Repeat("杭州市社区学习共同体建设工作总结，学分银行覆盖全市。\n", 55) // ~3.2 KB, as the quick corpus
			b.ReportAllocs()
			b.ResetTimer()
			c0, s0 := cpuTime(), svc.cat.Statements()
			for i := 0; i < b.N; i += per {
				files := make([]*Staged, 0, per)
				for k := i; k < min(i+per, b.N); k++ {
					st, err := svc.Stage(strings.NewReader(fmt.Sprintf("%d %s", k, body)), fmt.Sprintf("材料-%d.txt", k))
					if err != nil {
						b.Fatal(err)
					}
					files = append(files, st)
				}
				out, err := svc.Upload(ctx, coordinator, UploadRequest{Meta: Meta{DocType: "work_summary"}, Files: files})
				if err != nil {
					b.Fatal(err)
				}
				for k, o := range out {
					if o.Err != nil || o.Duplicate {
						b.Fatalf("file %d: %v (duplicate %v)", k, o.Err, o.Duplicate)
					}
					files[k].Remove()
				}
			}
			b.ReportMetric(float64(cpuTime()-c0)/float64(b.N)/1e3, "cpu-µs/file")
			b.ReportMetric(float64(svc.cat.Statements()-s0)/float64(b.N), "stmts/file")
		})
	}
}

// BenchmarkStoreFolder is BenchmarkUploadFolder without the catalog:
// stage, store the original, save the text; only the files and copies.
func BenchmarkStoreFolder(b *testing.B) {
	benchmarkStorage(b, func(ctx context.Context, svc *Service, st *Staged) error { return svc.putOriginal(ctx, st) })
}

// benchmarkStorage stages a new ~6 KB text, stores it with store and
// saves its text blob, b.N times.
func benchmarkStorage(b *testing.B, store func(context.Context, *Service, *Staged) error) {
	svc, blobs := benchService(b)
	ctx := context.Background()
	body := strings.Repeat("杭州市社区学习共同体建设工作总结,学分银行覆盖全市。\n", 100) // ~6 KB
	b.ReportAllocs()
	b.ResetTimer()
	c0 := cpuTime()
	for i := range b.N {
		text := fmt.Sprintf("%d %s", i, body)
		st, err := svc.Stage(strings.NewReader(text), fmt.Sprintf("b-%d.txt", i))
		if err != nil {
			b.Fatal(err)
		}
		err = store(ctx, svc, st)
		st.Remove()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := SaveText(ctx, blobs, st.SHA256, &StoredText{Extractor: "txt", Version: 1, Pages: []string{text}}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(b.N)/1e3, "cpu-µs/op")
}

// BenchmarkStaging compares staging a small upload in a temporary file
// (StageMemory < 0, as before) with staging it in memory, in one run:
// storing new bytes and receiving a duplicate on a folder store, and
// storing new bytes on S3 (a Versity Gateway this binary starts; only this
// process's CPU is counted). Each case is stage, store the original,
// remove.
func BenchmarkStaging(b *testing.B) {
	body := strings.Repeat("杭州市社区学习共同体建设工作总结,学分银行覆盖全市。\n", 100) // ~6 KB
	folder := func(b *testing.B) blob.Store {
		s, err := blob.NewFolder(filepath.Join(b.TempDir(), "blobs"))
		if err != nil {
			b.Fatal(err)
		}
		return s
	}
	s3 := func(b *testing.B) blob.Store {
		g, err := s3gw.Start()
		if err != nil {
			b.Skipf("no S3 gateway: %v", err)
		}
		b.Cleanup(g.Close)
		s, err := blob.NewS3(context.Background(), blob.S3Config{Endpoint: g.Addr, Bucket: "bench",
			AccessKey: s3gw.AccessKey, SecretKey: s3gw.SecretKey})
		if err != nil {
			b.Fatal(err)
		}
		return s
	}
	for _, store := range []struct {
		name string
		open func(*testing.B) blob.Store
		dup  bool
	}{{"folder-new", folder, false}, {"folder-duplicate", folder, true}, {"s3-new", s3, false}} {
		for _, mode := range []struct {
			name   string
			memory int64
		}{{"file", -1}, {"memory", 0}} {
			b.Run(store.name+"/"+mode.name, func(b *testing.B) {
				blobs := store.open(b)
				dir := b.TempDir()
				svc := New(nil, blobs, nil, Config{TempDir: filepath.Join(dir, "tmp"), StageMemory: mode.memory,
					Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
				ctx := context.Background()
				b.ReportAllocs()
				b.ResetTimer()
				c0 := cpuTime()
				for i := range b.N {
					text := body
					if !store.dup {
						text = fmt.Sprintf("%d %s", i, body)
					}
					st, err := svc.Stage(strings.NewReader(text), "b.txt")
					if err != nil {
						b.Fatal(err)
					}
					err = svc.putOriginal(ctx, st)
					st.Remove()
					if err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(cpuTime()-c0)/float64(b.N)/1e3, "cpu-µs/op")
			})
		}
	}
}
