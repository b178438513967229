package ingest

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// TestRereadOutdatedReadersUnknown: texts extracted before the catalog
// recorded their reader (migration 022) are counted unknown; a run loads
// them, reads again the one an older reader read and records the current
// one's reader, after which nothing is unknown or outdated.
func TestRereadOutdatedReadersUnknown(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	svc, done := r.service(t)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	old := submitText(t, svc, "活动周.txt", "宁波市终身学习活动周期间共开展学习活动1260场。").Document
	current := submitText(t, svc, "社区教育.txt", "社区教育网络覆盖全市所有街道。").Document
	waitFor(t, done, 2)
	svc.Close()

	readByAnOlderReader(t, r, old.SHA256)
	forgetReaders(t, r, old.ID, current.ID)

	svc, done = r.service(t)
	if c, err := svc.CountOutdated(ctx); err != nil || c != (OutdatedCount{Unknown: 2}) {
		t.Fatalf("before the run: %+v, %v; want both unknown", c, err)
	}
	queued, _, err := svc.RereadOutdated(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(queued, []string{old.ID}) {
		t.Errorf("queued %v, want only %s, whose text an older reader gave", queued, old.ID)
	}
	readers := map[string]*catalog.TextReader{}
	if err := r.cat.ReadTexts(ctx, func(t catalog.ReadText) { readers[t.ID] = t.Reader }); err != nil {
		t.Fatal(err)
	}
	if got := readers[current.ID]; got == nil || got.Name != "txt" || got.Version != extract.VersionOf("txt") {
		t.Errorf("the current text's reader: %+v, want txt at today's version", got)
	}
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if d := waitFor(t, done, 1)[old.ID]; d == nil || d.Status != catalog.StatusIndexed {
		t.Fatalf("the document read again: %+v", d)
	}
	if got, err := LoadText(ctx, r.blobs, old.SHA256); err != nil || !strings.Contains(got.Pages[0], "1260场") {
		t.Errorf("its text: %+v, %v; want today's reading", got, err)
	}
	if c, err := svc.CountOutdated(ctx); err != nil || c != (OutdatedCount{}) {
		t.Errorf("after the run: %+v, %v; want nothing unknown or outdated", c, err)
	}
}
