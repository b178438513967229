package fields_test

import (
	"testing"

	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/ingest/fields"
)

// TestFieldAccuracy measures Read on the labelled set in testdata, both on
// the text as written (lines, OCR spaces) and as the pipeline stores it
// (extract.Normalize joins lines between Chinese characters), and fails
// under the goals of issue 12.
func TestFieldAccuracy(t *testing.T) {
	cases, err := fields.LoadCases("testdata")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 40 {
		t.Fatalf("labelled set has %d documents, want at least 40", len(cases))
	}
	for _, form := range []struct {
		name    string
		prepare func(string) string
	}{{"raw", nil}, {"stored", extract.Normalize}} {
		a := fields.Evaluate(cases, form.prepare)
		t.Logf("%s text: %s", form.name, a)
		for _, m := range a.Misses {
			t.Logf("  %s %s: got %q, want %q", m.Case, m.Field, m.Got, m.Want)
		}
		if below := a.Below(fields.Goals); len(below) > 0 {
			t.Errorf("%s text: %v below the goals (%s)", form.name, below, fields.Goals)
		}
	}
}
