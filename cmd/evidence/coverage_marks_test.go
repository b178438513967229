package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestCoverageMarksAValueFoundOnlySpaced: `evidence coverage`, which opens
// no index, weighs a pending value's number as the heat map does: 1200
// quoted from “累计开户 1 200 人” is 【数值待核对】 on its line.
func TestCoverageMarksAValueFoundOnlySpaced(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ids := ingestFixtures(t, data)
	ctx := context.Background()
	cat, err := catalog.Open(ctx, filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	value := &catalog.Value{City: "330200", Round: 2017, Indicator: "2.2.1", Number: 1200, Given: "1200", Unit: "人",
		ValueFound: true, Citation: catalog.Citation{DocumentID: ids["wuhan-case.html"], SHA256: fixtureSHA(t, "wuhan-case.html"),
			Page: 1, Quote: "累计开户 1 200 人", QuoteFound: true, FoundOnPage: 1}}
	err = cat.SaveValue(ctx, value, "admin")
	cat.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, err := runCLI(t, "coverage", "--data", data, "--round", "2017", "--city", "330200")
	if err != nil {
		t.Fatalf("evidence coverage: %v\n%s", err, out)
	}
	var line string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "2.2.1") {
			line = l
		}
	}
	if !strings.Contains(line, "数值待核对") {
		t.Errorf("coverage's 2.2.1 line %q does not mark the value found only spaced:\n%s", line, out)
	}
}
