package report

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestFoldScansPutsTheScanUnderItsOriginal: of two documents of as many
// pages, one an OCR'd scan of the other, the born-digital one stays
// listed with the scan under it, whichever comes first; two born-digital
// ones keep the first listed.
func TestFoldScansPutsTheScanUnderItsOriginal(t *testing.T) {
	ocr := catalog.Reading{PageSources: []string{catalog.SourceOCR, catalog.SourceOCR}}
	docs := map[string]*catalog.Document{
		"扫描件": {ID: "扫描件", Pages: 2, Reading: ocr},
		"原件":  {ID: "原件", Pages: 2},
		"副本":  {ID: "副本", Pages: 2},
	}
	ev := func(id string) Evidence { return Evidence{DocumentID: id, Title: id, Filename: id + ".pdf"} }
	for _, tt := range []struct {
		first, second, kept, under string
	}{
		{"扫描件", "原件", "原件", "扫描件"},
		{"原件", "扫描件", "原件", "扫描件"},
		{"副本", "原件", "副本", "原件"},
	} {
		copyOf := map[string][]string{tt.first: {tt.second}, tt.second: {tt.first}}
		out := foldScans([]Evidence{ev(tt.first), ev(tt.second)}, docs, copyOf)
		if len(out) != 1 || out[0].DocumentID != tt.kept || len(out[0].Scans) != 1 || out[0].Scans[0].DocumentID != tt.under {
			t.Errorf("%s listed before %s: got %+v, want %s listed with %s under it", tt.first, tt.second, out, tt.kept, tt.under)
		}
	}
}
