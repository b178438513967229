package ingest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/bench"
	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// BenchmarkPipelineCPU is the pipeline's CPU per MB of text (issue 15):
// each op uploads benchDocsPerOp generated Chinese text documents (about
// 3 KB each, one in ten a near duplicate of the one before) through the
// Service, with a real SQLite catalog, folder blob store, disk index and
// the extraction sandbox (this test binary as the child), and waits until
// all are indexed. cpu-s/MB counts this process and its children (the
// sandbox's), documents generated beforehand; compare builds run
// alternately on the same machine, e.g. -benchtime=4x -count=3.
//
// The kernel's share (sys-ms/doc) swings most between runs: on ext4
// without a journal (these machines) a file created within a minute of
// many deletions costs up to ten times the kernel CPU (bench/README.md,
// ingest step 9), and each run deletes its folder at the end, so compare
// user-ms/doc, or leave a minute between runs. stmts/doc, the catalog
// statements a document, hardly moves with the machine's load.
//
// "no-index" is the same with an index that only keeps IDs: the
// pipeline's own work around Bleve, which issue 15 is about, without
// Bleve's, which is most of the total and most of its noise.
func BenchmarkPipelineCPU(b *testing.B) {
	b.Run("bleve", func(b *testing.B) {
		benchmarkPipelineCPU(b, func(dir string) (index.Index, error) { return index.Open(filepath.Join(dir, "index")) })
	})
	b.Run("no-index", func(b *testing.B) {
		benchmarkPipelineCPU(b, func(string) (index.Index, error) { return &idsIndex{ids: map[string]bool{}}, nil })
	})
}

func benchmarkPipelineCPU(b *testing.B, open func(dir string) (index.Index, error)) {
	const benchDocsPerOp = 200
	gen, err := bench.NewGenerator(1, "")
	if err != nil {
		b.Fatal(err)
	}
	docs := make([][]byte, 0, b.N*benchDocsPerOp)
	var textBytes int
	for i := range b.N * benchDocsPerOp {
		var body []byte
		if i%10 == 9 {
			// A later version of the document before: the same text with
			// a sentence added.
			body = append(bytes.Clone(docs[i-1]), "\n本通知自印发之日起施行，由教育局负责解释。"...)
		} else {
			d := gen.Doc(i)
			body = d.Body()
		}
		textBytes += len(body)
		docs = append(docs, body)
	}
	ctx := context.Background()
	dir := b.TempDir()
	cat, err := catalog.Open(ctx, filepath.Join(dir, "catalog.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer cat.Close()
	blobs, err := blob.NewFolder(filepath.Join(dir, "blobs"))
	if err != nil {
		b.Fatal(err)
	}
	idx, err := open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	done := make(chan *catalog.Document, benchDocsPerOp)
	svc := New(cat, blobs, idx, Config{
		TempDir: filepath.Join(dir, "tmp"),
		Logger:  slog.New(slog.NewTextHandler(io.Discard, nil)),
		OnDone:  func(d *catalog.Document) { done <- d },
		Sandbox: &extract.Sandbox{Command: []string{os.Args[0]}, Env: []string{"EVIDENCE_EXTRACT_CHILD=1"}},
	})
	if err := svc.Start(ctx); err != nil {
		b.Fatal(err)
	}
	defer svc.Close()
	meta := Meta{City: "330100", DocType: "work_summary"}
	if err := svc.CheckMeta(ctx, &meta); err != nil {
		b.Fatal(err)
	}
	cpu0, stmts0 := readCPU(b), cat.Statements()
	var versions []string // the near duplicates uploaded
	b.ResetTimer()
	for op := range b.N {
		for i, body := range docs[op*benchDocsPerOp : (op+1)*benchDocsPerOp] {
			st, err := svc.Stage(bytes.NewReader(body), fmt.Sprintf("doc-%d-%d.txt", op, i))
			if err != nil {
				b.Fatal(err)
			}
			out, err := svc.Submit(ctx, st, meta, coordinator)
			if err != nil {
				b.Fatal(err)
			}
			if i%10 == 9 {
				versions = append(versions, out.Document.ID)
			}
			st.Remove()
		}
		for range benchDocsPerOp {
			select {
			case d := <-done:
				if d.Status != catalog.StatusIndexed {
					b.Fatalf("%s ended %s: %s", d.ID, d.Status, d.Error)
				}
			case <-time.After(2 * time.Minute):
				b.Fatal("documents not indexed within 2 minutes")
			}
		}
	}
	b.StopTimer()
	cpu1, stmts1 := readCPU(b), cat.Statements()
	for _, id := range versions {
		if near, err := cat.NearDuplicates(ctx, id); err != nil || len(near) != 1 {
			b.Fatalf("near duplicates of %s: %v %v, want the version before it", id, near, err)
		}
	}
	mb := float64(textBytes) / 1e6
	n := float64(b.N * benchDocsPerOp)
	total := cpu1.total() - cpu0.total()
	b.ReportMetric(total.Seconds()/mb, "cpu-s/MB")
	b.ReportMetric(total.Seconds()*1000/n, "cpu-ms/doc")
	// User time is the code's own; system time (file creation, fsync)
	// swings most with the other processes on the disk.
	b.ReportMetric((cpu1.user-cpu0.user).Seconds()*1000/n, "user-ms/doc")
	b.ReportMetric((cpu1.sys-cpu0.sys).Seconds()*1000/n, "sys-ms/doc")
	b.ReportMetric((cpu1.children-cpu0.children).Seconds()*1000/n, "child-ms/doc")
	// Catalog statements a document, which no other process's load moves:
	// each costs tens of microseconds of SQLite's work.
	b.ReportMetric(float64(stmts1-stmts0)/n, "stmts/doc")
}

// cpuTimes is the CPU time of this process and its children (those waited
// for and those still running: the sandbox keeps some), user and system.
type cpuTimes struct{ user, sys, children time.Duration }

func (c cpuTimes) total() time.Duration { return c.user + c.sys }

func readCPU(b *testing.B) cpuTimes {
	var self, waited syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &self); err != nil {
		b.Fatal(err)
	}
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &waited); err != nil {
		b.Fatal(err)
	}
	c := cpuTimes{
		user:     time.Duration(self.Utime.Nano() + waited.Utime.Nano()),
		sys:      time.Duration(self.Stime.Nano() + waited.Stime.Nano()),
		children: time.Duration(waited.Utime.Nano() + waited.Stime.Nano()),
	}
	const tick = 10 * time.Millisecond // USER_HZ 100
	me := strconv.Itoa(os.Getpid())
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, d := range dirs {
		st, err := os.ReadFile(filepath.Join(d, "stat"))
		if err != nil {
			continue
		}
		f := strings.Fields(string(st[bytes.LastIndexByte(st, ')')+1:]))
		if len(f) < 13 || f[1] != me {
			continue
		}
		u, _ := strconv.ParseInt(f[11], 10, 64)
		s, _ := strconv.ParseInt(f[12], 10, 64)
		c.user += time.Duration(u) * tick
		c.sys += time.Duration(s) * tick
		c.children += time.Duration(u+s) * tick
	}
	return c
}

// idsIndex is an index that keeps only the IDs of its documents.
type idsIndex struct {
	mu  sync.Mutex
	ids map[string]bool
}

func (x *idsIndex) Index(_ context.Context, docs []index.Document) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, d := range docs {
		x.ids[d.ID] = true
	}
	return nil
}

func (x *idsIndex) Delete(_ context.Context, ids ...string) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, id := range ids {
		delete(x.ids, id)
	}
	return nil
}

func (x *idsIndex) Search(context.Context, index.Query) (*index.Result, error) {
	return &index.Result{}, nil
}

func (x *idsIndex) Count() (uint64, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	return uint64(len(x.ids)), nil
}

func (x *idsIndex) IDs(context.Context) ([]string, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	out := make([]string, 0, len(x.ids))
	for id := range x.ids {
		out = append(out, id)
	}
	sort.Strings(out)
	return out, nil
}

func (x *idsIndex) Close() error { return nil }
