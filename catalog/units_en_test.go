package catalog_test

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestValueWrittenParts: a value splits into its number as written and the
// unit after it, in whichever of the ways a coordinator may type it, so
// the report's value and unit columns read as the values page does; in
// English the unit gets its English words.
func TestValueWrittenParts(t *testing.T) {
	for _, tt := range []struct {
		v                       catalog.Value
		number, unit, inEnglish string
	}{
		{catalog.Value{Number: 123000, Given: "12.3万", Unit: "人"}, "12.3万", "人", "12.3万人 (people)"},
		{catalog.Value{Number: 123000, Given: "12.3万人", Unit: "人"}, "12.3万", "人", "12.3万人 (people)"},
		{catalog.Value{Number: 1234.5, Given: "12345000人次", Unit: "万人次"}, "12345000", "人次", "12345000人次 (attendances)"},
		{catalog.Value{Number: 85.3, Given: "85.3%", Unit: "%"}, "85.3", "%", "85.3%"},
		{catalog.Value{Number: 120, Given: "120", Unit: "元/人"}, "120", "元/人", "120元/人 (yuan per person)"},
		{catalog.Value{Number: 123, Unit: "个"}, "123", "个", "123个 (count)"},
		{catalog.Value{Number: 7, Given: "7", Unit: "处"}, "7", "处", "7处"},
		{catalog.Value{Number: 95, Given: "９５％", Unit: "%"}, "９５", "％", "９５％"},
		{catalog.Value{Number: 12, Given: "百分之十二", Unit: "%"}, "百分之十二", "", "百分之十二"},
		{catalog.Value{Number: 2, Given: "２万元", Unit: "元"}, "２万", "元", "２万元 (yuan)"},
		{catalog.Value{Number: 120, Given: "120元／人", Unit: "元/人"}, "120", "元／人", "120元／人 (yuan per person)"},
	} {
		n, u := tt.v.WrittenParts()
		if n != tt.number || u != tt.unit || n+u != tt.v.Written() {
			t.Errorf("%q in %s: parts %q %q, want %q %q making Written %q", tt.v.Given, tt.v.Unit, n, u, tt.number, tt.unit, tt.v.Written())
		}
		if got := tt.v.WrittenIn(true); got != tt.inEnglish {
			t.Errorf("%q in %s in English: %q, want %q", tt.v.Given, tt.v.Unit, got, tt.inEnglish)
		}
		if got := tt.v.WrittenIn(false); got != tt.v.Written() {
			t.Errorf("%q in %s in Chinese: %q, want %q", tt.v.Given, tt.v.Unit, got, tt.v.Written())
		}
	}
}
