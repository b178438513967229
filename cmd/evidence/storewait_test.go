package main

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// TestStoreWatch: the store's error stops a wait only once it has kept
// documents waiting past the patience with none finished since; a
// document finishing starts the count again; a wait the store never
// stopped returns what the wait returned.
func TestStoreWatch(t *testing.T) {
	down := catalog.Errorf(catalog.EUNAVAILABLE, "对象存储不可用(S3 服务无法连接),文件未保存;请稍后重试或联系管理员")
	for _, tt := range []struct {
		name      string
		ago       time.Duration // since the store first kept a document waiting
		finished  bool          // a document finished after that
		wantStuck bool
	}{
		{"never unavailable", 0, false, false},
		{"unavailable for less than the patience", time.Second, false, false},
		{"unavailable past the patience", time.Hour, false, true},
		{"a document finished since", time.Hour, true, false},
	} {
		w := &storeWatch{patience: time.Minute}
		cfg := w.config(ingest.Config{})
		if tt.ago > 0 {
			cfg.OnUnavailable("D1", down)
			w.since = time.Now().Add(-tt.ago)
		}
		if tt.finished {
			cfg.OnDone(&catalog.Document{ID: "D2"})
		}
		if got := w.stuck(); (got != nil) != tt.wantStuck {
			t.Errorf("%s: stuck %v, want stuck %v", tt.name, got, tt.wantStuck)
		}
	}

	w := &storeWatch{patience: time.Minute}
	w.config(ingest.Config{}).OnUnavailable("D1", down)
	w.since = time.Now().Add(-time.Hour)
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
	} {
		if got := formatWait(tt.d, tt.english); got != tt.want {
			t.Errorf("formatWait(%s, %v) = %q, want %q", tt.d, tt.english, got, tt.want)
		}
	}
}
