package catalog

import (
	"slices"
	"testing"
)

// TestTrustedPagesLeavesOutLowConfidenceOCR: the pages OCR read with low
// confidence give no fields and no near-duplicate bands; the others,
// and the pages themselves, stay as they are.
func TestTrustedPagesLeavesOutLowConfidenceOCR(t *testing.T) {
	pages := []string{"杭政办发〔2018〕12号 关于推进学习型城市建设的实施意见", "MEGHAN NMA 7 Pee Rn THD", "学分银行开户人数45万人"}
	for _, tc := range []struct {
		name    string
		sources []string
		want    []string
		byOCR   bool
	}{
		{"born digital", nil, pages, false},
		{"scanned", []string{SourceOCR, SourceOCR, SourceOCR}, pages, true},
		{"one blurred photo page", []string{SourceText, SourceOCRLow, SourceOCR}, []string{pages[0], "", pages[2]}, true},
		{"all blurred", []string{SourceOCRLow, SourceOCRLow, SourceOCRLow}, []string{"", "", ""}, true},
	} {
		r := Reading{PageSources: tc.sources}
		if got := r.TrustedPages(pages); !slices.Equal(got, tc.want) {
			t.Errorf("%s: trusted pages %q, want %q", tc.name, got, tc.want)
		}
		if r.ByOCR() != tc.byOCR {
			t.Errorf("%s: ByOCR %v, want %v", tc.name, r.ByOCR(), tc.byOCR)
		}
	}
	if pages[1] == "" {
		t.Error("TrustedPages changed the pages it was given")
	}
}
