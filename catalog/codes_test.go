package catalog

import (
	"slices"
	"strings"
	"testing"
)

func TestCompareCodesGoesByNumbers(t *testing.T) {
	codes := []string{"1.2", "1.1.10", "10.1", "1.1.2", "2", "1.1", "1.1.a", "1.1.1"}
	slices.SortFunc(codes, CompareCodes)
	want := []string{"1.1", "1.1.1", "1.1.2", "1.1.10", "1.1.a", "1.2", "2", "10.1"}
	if !slices.Equal(codes, want) {
		t.Errorf("sorted %v, want %v", codes, want)
	}
}

// Codes with letters (1.2a, 3.1.1b: framework codes may have them) go
// after the number they extend and before the next: one order, which
// CompareCodes and IndicatorOrder (the values list's SQL order) share,
// consistent over every three codes.
func TestCodesWithLettersGoAfterTheirNumber(t *testing.T) {
	codes := []string{"1.10", "1.3", "1.2b", "1.2", "1.2a", "3.1.2", "3.1.1b", "3.1.1", "2a", "10", "3", "2",
		"1.10000000000", "1.9999999999", "1.a", "1.1"}
	slices.SortFunc(codes, CompareCodes)
	want := []string{"1.1", "1.2", "1.2a", "1.2b", "1.3", "1.10", "1.9999999999", "1.10000000000", "1.a",
		"2", "2a", "3", "3.1.1", "3.1.1b", "3.1.2", "10"}
	if !slices.Equal(codes, want) {
		t.Errorf("sorted %v, want %v", codes, want)
	}
	for _, a := range want {
		for _, b := range want {
			if c, o := CompareCodes(a, b), strings.Compare(IndicatorOrder(a), IndicatorOrder(b)); c != o {
				t.Errorf("%s vs %s: CompareCodes %d, IndicatorOrder %d", a, b, c, o)
			}
		}
	}
	if CompareCodes("2a", "3") >= 0 || CompareCodes("3", "10") >= 0 || CompareCodes("2a", "10") >= 0 {
		t.Errorf("2a < 3 < 10 but CompareCodes(2a, 10) = %d", CompareCodes("2a", "10"))
	}
}
