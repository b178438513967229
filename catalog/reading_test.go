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
		conf    float64 // the reading's mean OCR confidence; 0: none recorded
	}{
		{"born digital", nil, pages, false, 0},
		{"scanned", []string{SourceOCR, SourceOCR, SourceOCR}, pages, true, 0},
		{"one blurred photo page", []string{SourceText, SourceOCRLow, SourceOCR}, []string{pages[0], "", pages[2]}, true, 0},
		{"all blurred", []string{SourceOCRLow, SourceOCRLow, SourceOCRLow}, []string{"", "", ""}, true, 0},
		{"scanned before pages were marked, read poorly", []string{SourceText, SourceOCR, SourceOCR}, []string{pages[0], "", ""}, true, 0.42},
		{"scanned before pages were marked, read well", []string{SourceText, SourceOCR, SourceOCR}, pages, true, 0.81},
	} {
		r := Reading{PageSources: tc.sources}
		if tc.conf > 0 {
			// With no page marked ocr-low (a reading made before the
			// marks), a low mean makes each OCR page one read so.
			r.OCRConfidence = &tc.conf
		}
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
