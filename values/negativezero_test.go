package values_test

import (
	"math"
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestNegativeZeroIsZero: a count typed as -0 (or －0, 负0) is recorded
// as 0 and shown as 0个, never -0个 (probe s48 #7).
func TestNegativeZeroIsZero(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "基地认定.txt", "本年度新认定市民终身学习基地0个。")
	for _, typed := range []string{"-0", "－0", "负0", "-0.0"} {
		v, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: "2.2.1", Value: values.Written(typed),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "新认定市民终身学习基地0个"}})
		if err != nil {
			t.Fatalf("record %q: %v", typed, err)
		}
		if math.Signbit(v.Number) || v.Number != 0 || v.Written() != "0个" && v.Written() != "0.0个" {
			t.Errorf("%q recorded as %v, written %q; want 0, written 0个", typed, v.Number, v.Written())
		}
	}
	for _, typed := range []string{"-0", "负0"} {
		n, err := values.ParseNumber(typed)
		if err != nil || math.Signbit(n.Value) {
			t.Errorf("ParseNumber(%q) = %v, %v; want 0 without a sign", typed, n.Value, err)
		}
	}
}
