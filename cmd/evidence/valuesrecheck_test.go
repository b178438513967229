package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestValuesRecheckRecordsTodaysMarks: evidence values recheck looks for
// every stored value's number again in its cited passage by today's
// rules: 120 saved as not found against 江汉区培育社区学习共同体120个 is
// marked found, with a system event, and the count of changed marks is
// printed; a second run changes none.
func TestValuesRecheckRecordsTodaysMarks(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ids := ingestFixtures(t, data)
	sha := fixtureSHA(t, "wuhan-case.html")
	ctx := context.Background()
	cat, err := catalog.Open(ctx, filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	value := &catalog.Value{City: "330200", Round: 2017, Indicator: "2.2.1", Number: 120, Given: "120", Unit: "个",
		Citation: catalog.Citation{DocumentID: ids["wuhan-case.html"], SHA256: sha, Page: 1, Quote: "江汉区培育社区学习共同体120个",
			QuoteFound: true, FoundOnPage: 1}}
	err = cat.SaveValue(ctx, value, "admin")
	cat.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, err := runCLI(t, "values", "recheck", "--data", data, "--city", "330200", "--round", "2017")
	if err != nil || !strings.Contains(out, "已按现行规则重新核对 1 个数值，1 个标记已更改") {
		t.Fatalf("values recheck: %v\n%s", err, out)
	}
	cat, err = catalog.Open(ctx, filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	v, err := cat.Value(ctx, value.ID)
	if err != nil || !v.ValueFound {
		t.Errorf("value 120 after values recheck: %+v, %v; want its number found", v, err)
	}
	events, err := cat.FindEvents(ctx, catalog.EventFilter{Object: "value:" + value.ID, Action: "value.quote"})
	if err != nil || len(events) != 1 || events[0].User != "system" {
		t.Errorf("events of the value: %+v, %v; want one value.quote by system", events, err)
	}
	cat.Close()
	if out, err := runCLI(t, "values", "recheck", "--data", data, "--lang", "en"); err != nil || !strings.Contains(out, "Re-checked 1 value by today's rules; 0 marks changed") {
		t.Errorf("values recheck again: %v\n%s", err, out)
	}
}
