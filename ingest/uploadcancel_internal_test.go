package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
)

// TestAnUploadGivenUpByItsClientIsNoError (probe s44 #6): an upload whose
// client went away (its request's context cancelled) records nothing and
// is logged at info level as given up, not as an error an operator is
// paged for; a real failure still is one.
func TestAnUploadGivenUpByItsClientIsNoError(t *testing.T) {
	r := newRig(t)
	var logged bytes.Buffer
	svc := New(r.cat, r.blobs, r.idx, Config{TempDir: t.TempDir(), Logger: slog.New(slog.NewTextHandler(&logged, nil))})
	t.Cleanup(svc.Close)

	st, err := svc.Stage(strings.NewReader("杭州市学习型城市建设工作总结：全年举办市民大讲堂120场。"), "工作总结.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := UploadRequest{Meta: Meta{City: "330100", DocType: "work_summary"}, Files: []*Staged{st}}
	if out, err := svc.Upload(ctx, coordinator, req); err == nil && (len(out) == 0 || out[0].Err == nil) {
		t.Fatalf("an upload given up by its client: %v, %v; want it not stored", out, err)
	}
	docs, _, err := r.cat.FindDocuments(context.Background(), catalog.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 0 {
		t.Errorf("%d documents recorded from an upload given up by its client, want none", len(docs))
	}
	originals := 0
	if err := r.blobs.List(context.Background(), "originals/", func(blob.Info) error { originals++; return nil }); err != nil {
		t.Fatal(err)
	}
	if originals != 0 {
		t.Errorf("%d originals stored from an upload given up by its client, want none", originals)
	}

	logged.Reset()
	svc.logUnexpected("upload 工作总结.txt", fmt.Errorf("record 工作总结.txt: begin: %w", context.Canceled))
	if line := logged.String(); !strings.Contains(line, "level=INFO") || strings.Contains(line, "level=ERROR") {
		t.Errorf("a cancelled upload logged as %q, want level=INFO", line)
	}
	logged.Reset()
	svc.logUnexpected("upload 工作总结.txt", fmt.Errorf("record 工作总结.txt: %w", errors.New("disk I/O error")))
	if line := logged.String(); !strings.Contains(line, "level=ERROR") {
		t.Errorf("a failed upload logged as %q, want level=ERROR", line)
	}
}
