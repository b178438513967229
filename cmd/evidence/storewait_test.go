package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/ingest"
)

// TestStoreWatch: the store's error stops a wait only once it has failed
// a document again after holding it up past the patience; a document
// getting past where it failed, or finishing, clears it; another
// document finishing does not; a wait the store never stopped returns
// what the wait returned.
func TestStoreWatch(t *testing.T) {
	down := catalog.Errorf(catalog.EUNAVAILABLE, "对象存储不可用(S3 服务无法连接),文件未保存;请稍后重试或联系管理员")
	for _, tt := range []struct {
		name      string
		failed    []time.Duration // how long ago the store failed D1, first to last
		then      func(cfg ingest.Config)
		wantStuck bool
	}{
		{"never unavailable", nil, nil, false},
		{"unavailable for less than the patience", []time.Duration{time.Second, 0}, nil, false},
		{"unavailable past the patience", []time.Duration{time.Hour, 0}, nil, true},
		{"unavailable once, then working past the patience", []time.Duration{time.Hour}, nil, false},
		{"got past where it failed", []time.Duration{time.Hour, 0},
			func(cfg ingest.Config) { cfg.OnUnavailable("D1", nil) }, false},
		{"finished since", []time.Duration{time.Hour, 0},
			func(cfg ingest.Config) { cfg.OnDone(&catalog.Document{ID: "D1"}) }, false},
		{"another document finished", []time.Duration{time.Hour, 0},
			func(cfg ingest.Config) { cfg.OnDone(&catalog.Document{ID: "D2"}) }, true},
	} {
		w := &storeWatch{patience: time.Minute}
		cfg := w.config(ingest.Config{})
		for i, ago := range tt.failed {
			cfg.OnUnavailable("D1", down)
			h := w.held["D1"]
			if i == 0 {
				h.since = time.Now().Add(-ago)
			}
			h.last = time.Now().Add(-ago)
		}
		if tt.then != nil {
			tt.then(cfg)
		}
		if got := w.stuck(); (got != nil) != tt.wantStuck {
			t.Errorf("%s: stuck %v, want stuck %v", tt.name, got, tt.wantStuck)
		}
	}

	w := &storeWatch{patience: time.Minute}
	w.config(ingest.Config{}).OnUnavailable("D1", down)
	w.held["D1"].since = time.Now().Add(-time.Hour)
	err := w.wait(context.Background(), func(ctx context.Context) error {
		<-ctx.Done()
		return ctx.Err()
	})
	if msg := catalog.ErrorMessage(err); catalog.ErrorCode(err) != catalog.EUNAVAILABLE ||
		!strings.Contains(msg, "已等候 1 分钟，存储仍不可用") || !strings.Contains(msg, "对象存储不可用") {
		t.Errorf("a wait the store stopped: %v (%q), want EUNAVAILABLE saying how long and the store's message", err, msg)
	}
	if en := catalog.MessageIn(err, true); !strings.Contains(en, "unavailable for 1 min") {
		t.Errorf("in English: %q", en)
	}
	want := errors.New("the wait's own error")
	if err := (&storeWatch{patience: time.Minute}).wait(context.Background(), func(context.Context) error { return want }); err != want {
		t.Errorf("a wait the store never stopped: %v, want %v", err, want)
	}
}

// TestFormatWait: the patience as a person reads it.
func TestFormatWait(t *testing.T) {
	for _, tt := range []struct {
		d       time.Duration
		english bool
		want    string
	}{
		{time.Minute, false, "1 分钟"},
		{2 * time.Minute, true, "2 min"},
		{90 * time.Second, false, "90 秒"},
		{2 * time.Second, true, "2 s"},
		{400 * time.Millisecond, false, "1 秒"},
	} {
		if got := formatWait(tt.d, tt.english); got != tt.want {
			t.Errorf("formatWait(%s, %v) = %q, want %q", tt.d, tt.english, got, tt.want)
		}
	}
}

// blipStore fails its first call with EUNAVAILABLE (a blip), then answers
// every call, each after delay (a slow link, or as long as an OCR).
type blipStore struct {
	blob.Store
	calls atomic.Int64
	delay time.Duration
}

func (b *blipStore) gate() error {
	if b.calls.Add(1) == 1 {
		return catalog.Errorf(catalog.EUNAVAILABLE, "对象存储不可用(测试中的短暂故障)")
	}
	time.Sleep(b.delay)
	return nil
}

func (b *blipStore) Get(ctx context.Context, k string) (io.ReadCloser, error) {
	if err := b.gate(); err != nil {
		return nil, err
	}
	return b.Store.Get(ctx, k)
}

func (b *blipStore) GetRange(ctx context.Context, k string, off, n int64, version string) (io.ReadCloser, error) {
	if err := b.gate(); err != nil {
		return nil, err
	}
	return b.Store.GetRange(ctx, k, off, n, version)
}

func (b *blipStore) Stat(ctx context.Context, k string) (blob.Info, error) {
	if err := b.gate(); err != nil {
		return blob.Info{}, err
	}
	return b.Store.Stat(ctx, k)
}

func (b *blipStore) Put(ctx context.Context, k string, r io.Reader, n int64, ct string) error {
	if err := b.gate(); err != nil {
		return err
	}
	return b.Store.Put(ctx, k, r, n, ct)
}

// TestStoreWatchOutlastsABlip: a store that fails once, then answers
// every call, each slower than the patience, does not end the wait: the
// document is read again and indexed.
func TestStoreWatchOutlastsABlip(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	cat, err := catalog.Open(ctx, filepath.Join(dir, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	folder, err := blob.NewFolder(filepath.Join(dir, "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	idx, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	// Stored first through the folder itself, then read through the blip.
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	up := ingest.New(cat, folder, idx, ingest.Config{TempDir: filepath.Join(dir, "tmp"), Logger: quiet})
	st, err := up.Stage(strings.NewReader("杭州市学分银行建设实施方案。"), "方案.txt")
	if err != nil {
		t.Fatal(err)
	}
	out, err := up.Submit(ctx, st, ingest.Meta{City: "330100", DocType: "work_summary"},
		&catalog.User{Username: "wang", Role: catalog.RoleAdmin})
	if err != nil {
		t.Fatal(err)
	}
	up.Close()
	id := out.Document.ID

	store := &blipStore{Store: folder, delay: 700 * time.Millisecond}
	w := &storeWatch{patience: 500 * time.Millisecond}
	svc := ingest.New(cat, store, idx, w.config(ingest.Config{RetryDelay: 50 * time.Millisecond, TempDir: filepath.Join(dir, "tmp"),
		Logger: quiet}))
	defer svc.Close()
	if err := svc.StartFor(ctx, []string{id}); err != nil {
		t.Fatal(err)
	}
	var docs []*catalog.Document
	err = w.wait(ctx, func(ctx context.Context) error {
		docs, err = svc.Wait(ctx, []string{id}, nil)
		return err
	})
	if err != nil {
		t.Fatalf("one blip, then a store answering every call (%d calls): the wait was given up: %s", store.calls.Load(), catalog.ErrorMessage(err))
	}
	t.Logf("%d store calls", store.calls.Load())
	if store.calls.Load() < 2 || docs[0].Status != catalog.StatusIndexed {
		t.Errorf("after %d store calls: %s, want the document read again and indexed", store.calls.Load(), docs[0].Status)
	}
}
