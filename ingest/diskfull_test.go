package ingest

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// errDiskFull is what a write to a full file system returns.
var errDiskFull = &fs.PathError{Op: "write", Path: "blobs/tmp/put-1", Err: syscall.ENOSPC}

// fullStore is a blob store on a disk that is full for keys under prefix
// while full is set: Put takes some bytes, then fails with ENOSPC, as a
// write(2) would. It passes the error on untranslated, as a store that
// does not classify its errors would.
type fullStore struct {
	blob.Store
	prefix  string
	full    atomic.Bool
	refused atomic.Int32 // writes refused for the full disk
}

func (f *fullStore) Put(ctx context.Context, key string, r io.Reader, size int64, contentType string) error {
	if f.full.Load() && strings.HasPrefix(key, f.prefix) {
		io.CopyN(io.Discard, r, 512)
		f.refused.Add(1)
		return fmt.Errorf("put %s: %w", key, errDiskFull)
	}
	return f.Store.Put(ctx, key, r, size, contentType)
}

// PutFile is the folder store's move of a staged file, on the same full
// disk: the path file-staged uploads take.
func (f *fullStore) PutFile(ctx context.Context, key, path string, size int64, contentType string) error {
	if f.full.Load() && strings.HasPrefix(key, f.prefix) {
		f.refused.Add(1)
		return fmt.Errorf("put %s: %w", key, errDiskFull)
	}
	return f.Store.(blob.FilePutter).PutFile(ctx, key, path, size, contentType)
}

// fullIndex is an index on a full disk while full is set.
type fullIndex struct {
	real    index.Index
	full    atomic.Bool
	refused atomic.Int32 // writes refused for the full disk
}

func (f *fullIndex) Index(ctx context.Context, docs []index.Document) error {
	if f.full.Load() {
		f.refused.Add(1)
		return fmt.Errorf("write segment: %w", errDiskFull)
	}
	return f.real.Index(ctx, docs)
}

func (f *fullIndex) Delete(ctx context.Context, ids ...string) error {
	return f.real.Delete(ctx, ids...)
}
func (f *fullIndex) Search(ctx context.Context, q index.Query) (*index.Result, error) {
	return f.real.Search(ctx, q)
}
func (f *fullIndex) Count() (uint64, error)                    { return f.real.Count() }
func (f *fullIndex) IDs(ctx context.Context) ([]string, error) { return f.real.IDs(ctx) }
func (f *fullIndex) Close() error                              { return f.real.Close() }

// waitRefused waits until a full disk has refused n writes: rounds of
// retries counted, not guessed from a pause a loaded machine may spend
// before the first. A minute bounds the wait for a pipeline that never
// writes.
func waitRefused(t *testing.T, refused *atomic.Int32, n int32) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); refused.Load() < n; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the full disk refused %d writes in a minute, want %d", refused.Load(), n)
		}
	}
}

// startFast starts a pipeline on the rig that retries after 20 ms.
func (r *rig) startFast(t *testing.T) (*Service, chan *catalog.Document) {
	return r.startFastStaging(t, 0)
}

// startFastStaging is startFast with Config.StageMemory.
func (r *rig) startFastStaging(t *testing.T, stageMemory int64) (*Service, chan *catalog.Document) {
	t.Helper()
	done := make(chan *catalog.Document, 100)
	svc := New(r.cat, r.blobs, r.idx, Config{
		TempDir: filepath.Join(r.dir, "tmp"), Workers: 2, RetryDelay: 20 * time.Millisecond,
		StageMemory: stageMemory,
		Logger:      slog.New(slog.NewTextHandler(io.Discard, nil)),
		OnDone:      func(d *catalog.Document) { done <- d },
	})
	t.Cleanup(svc.Close)
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	return svc, done
}

const fullText = "杭州市社区教育学院全年举办学分银行讲座。"

// TestUploadOnFullDiskStoresNothing: when the original cannot be written,
// the upload is refused with a message saying the storage is full, and
// no document row exists without its original; whether the upload was
// held in memory (written with Put) or in a temporary file (moved in with
// PutFile).
func TestUploadOnFullDiskStoresNothing(t *testing.T) {
	for _, tt := range []struct {
		name        string
		stageMemory int64
		inMemory    bool
	}{
		{"staged in memory", 0, true},
		{"staged in a file", -1, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t)
			store := &fullStore{Store: r.blobs, prefix: "originals/"}
			store.full.Store(true)
			r.blobs = store
			svc, done := r.startFastStaging(t, tt.stageMemory)
			ctx := context.Background()

			st, err := svc.Stage(strings.NewReader(fullText), "full.txt")
			if err != nil {
				t.Fatal(err)
			}
			defer st.Remove()
			if (st.Path == "") != tt.inMemory {
				t.Fatalf("staged in memory: %v, want %v", st.Path == "", tt.inMemory)
			}
			meta := Meta{City: "330100", DocType: "work_summary"}
			_, err = svc.Submit(ctx, st, meta, coordinator)
			if catalog.ErrorCode(err) != catalog.EUNAVAILABLE || !strings.Contains(catalog.ErrorMessage(err), "存储空间已满") {
				t.Fatalf("submit on a full disk: %v (code %s, message %q), want EUNAVAILABLE saying the storage is full",
					err, catalog.ErrorCode(err), catalog.ErrorMessage(err))
			}
			if d, err := r.cat.DocumentBySHA256(ctx, st.SHA256, "330100"); !catalog.IsNotFound(err) {
				t.Errorf("the catalog has document %v (err %v) whose original was never written", d, err)
			}
			if _, err := store.Stat(ctx, catalog.OriginalKey(st.SHA256)); !catalog.IsNotFound(err) {
				t.Errorf("original after the failed write: %v, want not found", err)
			}

			store.full.Store(false)
			// The same staged upload, submitted again once there is room.
			out, err := svc.Submit(ctx, st, meta, coordinator)
			if err != nil {
				t.Fatalf("submit once space was freed: %v", err)
			}
			if d := waitFor(t, done, 1)[out.Document.ID]; d == nil || d.Status != catalog.StatusIndexed {
				t.Errorf("upload once space was freed: %+v", d)
			}
		})
	}
}

// TestTextOnFullDiskWaits: when the extracted text cannot be written, the
// document is neither failed nor half-done; it is read again and indexed
// once space is freed.
func TestTextOnFullDiskWaits(t *testing.T) {
	r := newRig(t)
	store := &fullStore{Store: r.blobs, prefix: "text/"}
	store.full.Store(true)
	r.blobs = store
	svc, done := r.startFast(t)
	ctx := context.Background()

	out := submitText(t, svc, "text.txt", fullText)
	waitRefused(t, &store.refused, 3) // several rounds of retries
	d, err := r.cat.Document(ctx, out.Document.ID)
	if err != nil || d.Status != catalog.StatusStored {
		t.Fatalf("document while the disk is full: %+v, %v; want stored, waiting", d, err)
	}
	if _, err := store.Stat(ctx, catalog.TextKey(d.SHA256)); !catalog.IsNotFound(err) {
		t.Errorf("text while the disk is full: %v, want not found", err)
	}

	store.full.Store(false)
	if d := waitFor(t, done, 1)[out.Document.ID]; d == nil || d.Status != catalog.StatusIndexed {
		t.Errorf("document once space was freed: %+v", d)
	}
	if n := hits(t, r.idx, "学分银行"); n != 1 {
		t.Errorf("学分银行 hits %d, want 1", n)
	}
}

// TestIndexOnFullDiskWaits: when the index cannot be written, the catalog
// never says indexed, the document is not failed, and it is indexed once
// when space is freed.
func TestIndexOnFullDiskWaits(t *testing.T) {
	r := newRig(t)
	idx := &fullIndex{real: r.idx}
	idx.full.Store(true)
	r.idx = idx
	svc, done := r.startFast(t)
	ctx := context.Background()

	out := submitText(t, svc, "index.txt", fullText)
	waitRefused(t, &idx.refused, 3) // several rounds of retries
	d, err := r.cat.Document(ctx, out.Document.ID)
	if err != nil || d.Status != catalog.StatusExtracted {
		t.Fatalf("document while the index's disk is full: %+v, %v; want extracted, waiting", d, err)
	}

	idx.full.Store(false)
	if d := waitFor(t, done, 1)[out.Document.ID]; d == nil || d.Status != catalog.StatusIndexed {
		t.Errorf("document once space was freed: %+v", d)
	}
	if n, err := idx.Count(); err != nil || n != 1 {
		t.Errorf("index holds %d documents (%v), want 1", n, err)
	}
}
