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
// by the system. A value quoting it, saved the same way, has its number
// looked for in the passage found though the document is not indexed
// again yet when the text is read (江汉区培育社区学习共同体120个: found).
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
	value := &catalog.Value{City: "330200", Round: 2017, Indicator: "2.2.1", Number: 120, Given: "120", Unit: "个",
		Citation: catalog.Citation{DocumentID: ids["wuhan-case.html"], SHA256: sha, Page: 1, Quote: "江汉区培育社区学习共同体120个"}}
	if err == nil {
		err = cat.SaveValue(ctx, value, "admin")
	}
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
	v, err := cat.Value(ctx, value.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !v.Citation.QuoteFound || v.Citation.FoundOnPage != 1 || !v.ValueFound || v.PassageUnit != "" {
		t.Errorf("the value after repair: quote %+v, number found %v (%q); want its quote found on page 1 and 120 written there",
			v.Citation, v.ValueFound, v.PassageUnit)
	}
	events, err := cat.Events(ctx, "claim:"+claim.ID, 10)
	if err != nil || len(events) == 0 || events[0].Action != "claim.quote" || events[0].User != "system" {
		t.Errorf("the claim's latest audit entry: %+v, %v; want the system's claim.quote", events, err)
	}
}
