package ingest

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
)

// exhaustFiles lowers this process's limit of open files and opens files
// until there is none left, as a flood of slow uploads did to the server;
// release closes them and puts the limit back.
func exhaustFiles(t *testing.T) (release func()) {
	t.Helper()
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &old); err != nil {
		t.Fatal(err)
	}
	low := old
	low.Cur = min(old.Cur, 512)
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &low); err != nil {
		t.Fatal(err)
	}
	var held []*os.File
	released := false
	release = func() {
		if released {
			return
		}
		released = true
		for _, f := range held {
			f.Close()
		}
		if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &old); err != nil {
			t.Error(err)
		}
	}
	t.Cleanup(release)
	for {
		f, err := os.Open(os.DevNull)
		if err != nil {
			if !errors.Is(err, syscall.EMFILE) {
				t.Fatalf("open files until none is left: %v, want EMFILE", err)
			}
			return release
		}
		held = append(held, f)
	}
}

// gatedStore is a real store whose reads of originals wait at the gate
// until the test lets them through, and which counts the reads that found
// the process out of open files.
type gatedStore struct {
	blob.Store
	gate    chan struct{}
	refused atomic.Int32
}

func (g *gatedStore) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	if strings.HasPrefix(key, "originals/") {
		<-g.gate
	}
	rc, err := g.Store.Get(ctx, key)
	if errors.Is(err, syscall.EMFILE) {
		g.refused.Add(1)
	}
	return rc, err
}

// TestOutOfFilesIsUnavailable: with no file descriptor left (a flood of
// slow uploads), an upload is refused 503 EUNAVAILABLE with advice to try
// again, not 500, and a document being read waits and is read again once
// files can be opened, never failed as the file's fault.
func TestOutOfFilesIsUnavailable(t *testing.T) {
	r := newRig(t)
	store := &gatedStore{Store: r.blobs, gate: make(chan struct{})}
	r.blobs = store
	svc, done := r.startFast(t)
	ctx := context.Background()

	out := submitText(t, svc, "waiting.txt", fullText)
	st, err := svc.Stage(strings.NewReader("杭州市老年大学学员人数统计。"), "refused.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()

	release := exhaustFiles(t)
	close(store.gate)
	_, err = svc.Submit(ctx, st, Meta{City: "330100", DocType: "work_summary"}, coordinator)
	code, msg := catalog.ErrorCode(err), catalog.ErrorMessage(err)
	wait, retry := catalog.RetryAfter(err)
	if code != catalog.EUNAVAILABLE || !strings.Contains(msg, "打开的文件数") || !retry || wait <= 0 {
		release()
		t.Fatalf("upload out of open files: %v (code %s, %q, retry after %v %v), want EUNAVAILABLE saying so, with Retry-After", err, code, msg, wait, retry)
	}
	waitRefused(t, &store.refused, 2) // read, refused, and read again
	release()

	d := waitFor(t, done, 1)[out.Document.ID]
	if d == nil || d.Status != catalog.StatusIndexed {
		t.Errorf("document read while out of open files: %+v, want indexed once files could be opened", d)
	}
}
