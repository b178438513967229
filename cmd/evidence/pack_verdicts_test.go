package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// TestPackClearsTheFlagOfAnOriginalFoundWhole: `evidence pack` of a round
// whose original the catalog flags damaged (checked before a restore put
// it back) and which reads whole says it cleared the flag, and the audit
// log holds that the pack found it whole; the next pack has nothing to
// clear.
func TestPackClearsTheFlagOfAnOriginalFoundWhole(t *testing.T) {
	ctx := context.Background()
	data := filepath.Join(t.TempDir(), "data")
	if _, err := runCLI(t, "ingest", filepath.Join("testdata", "wuhan-case.html"), "--data", data, "--city", "420100",
		"--type", "case", "--round", "2017", "--indicator", "2.3.1"); err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Open(ctx, filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	docs, _, err := cat.FindDocuments(ctx, catalog.DocumentFilter{City: "420100"})
	if err != nil || len(docs) != 1 {
		t.Fatalf("the imported document: %d %v", len(docs), err)
	}
	id := docs[0].ID
	if err := ingest.FlagDamagedOriginal(ctx, cat, id, "check", "admin"); err != nil {
		t.Fatal(err)
	}
	cat.Close()
	const said = "其中 1 份原件此前标记为损坏或缺失，本次校验完好，已清除标记（记入审计日志）"
	for i, want := range []bool{true, false} {
		out, err := runCLI(t, "pack", "--data", data, "--city", "420100", "--round", "2017", "--out", filepath.Join(t.TempDir(), "武汉.zip"))
		if err != nil || strings.Contains(out, said) != want {
			t.Fatalf("pack %d: %q %v; want it to say %q: %v", i+1, out, err, said, want)
		}
	}
	cat, err = catalog.Open(ctx, filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	if flagged, err := ingest.OriginalFlagged(ctx, cat, id); err != nil || flagged {
		t.Errorf("the original still flagged damaged after the pack: %v %v", flagged, err)
	}
	evs, err := cat.FindEvents(ctx, catalog.EventFilter{Object: id, Action: ingest.EventOriginalIntact})
	if err != nil || len(evs) != 1 || evs[0].Detail["what"] != "pack" {
		t.Errorf("audit entries saying the original is whole: %+v %v; want one, what: pack", evs, err)
	}
	whole, err := cat.WholeOriginals(ctx, []string{docs[0].SHA256})
	if err != nil || whole[docs[0].SHA256] == "" {
		t.Errorf("the pack's verdict on the original: %v %v; want it recorded whole at its version", whole, err)
	}
}
