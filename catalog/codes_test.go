package catalog

import (
	"slices"
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
