package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// TestRepairFindsQuotesAgain: a claim saved with its quote not found (as
// citations were before today's quote rules) cites a text that check
// finds damaged; repair reads the text again from its original and looks
// for the quote in it, marking it found on its page, with an audit entry
// by the system.
func TestRepairFindsQuotesAgain(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ids := ingestFixtures(t, data)
	sha := fixtureSHA(t, "wuhan-case.html")
	ctx := context.Background()
	blobs, err := blob.NewFolder(filepath.Join(data, "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	text, err := ingest.LoadText(ctx, blobs, sha)
	if err != nil {
		t.Fatal(err)
	}
	at := strings.Index(text.Pages[0], "武汉")
	if at < 0 {
		t.Fatalf("no 武汉 on the page: %.200s", text.Pages[0])
	}
	quote := string([]rune(text.Pages[0][at:])[:12])

	cat, err := catalog.Open(ctx, filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	claim := &catalog.Claim{City: "330200", Round: 2017, Indicator: "1.1.1", Statement: "武汉市学习型城市建设案例", CreatedBy: "admin",
		Citations: []catalog.Citation{{DocumentID: ids["wuhan-case.html"], SHA256: sha, Page: 1, Quote: quote}}}
	err = cat.CreateClaim(ctx, claim)
	cat.Close()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(textBlob(t, data, "wuhan-case.html"), []byte("{损坏"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := runCLI(t, "repair", "--data", data)
	if err != nil || !strings.Contains(out, "重新提取 1 个文档") {
		t.Fatalf("repair: %v, want the damaged text read again\n%s", err, out)
	}

	cat, err = catalog.Open(ctx, filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	c, err := cat.Claim(ctx, claim.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Citations[0]; !got.QuoteFound || got.FoundOnPage != 1 {
		t.Errorf("the citation after repair: %+v; want %q found on page 1", got, quote)
	}
	events, err := cat.Events(ctx, "claim:"+claim.ID, 10)
	if err != nil || len(events) == 0 || events[0].Action != "claim.quote" || events[0].User != "system" {
		t.Errorf("the claim's latest audit entry: %+v, %v; want the system's claim.quote", events, err)
	}
}
