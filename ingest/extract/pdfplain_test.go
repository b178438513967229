package extract

import (
	"bytes"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/testpdf"
	"github.com/ledongthuc/pdf"
)

// A page's lines keep apart what stands apart on the baseline (a table's
// cells) and together what a producer placed glyph by glyph (each glyph
// of ISO9001 or 2023 moved to by Td or Tm), as the library's own reading
// did; a string on another baseline starts a new line.
func TestPageLinesSpaceOnlyRealGaps(t *testing.T) {
	tests := []struct {
		name, content, want string
	}{
		{"glyphs placed by Td", "BT /F1 12 Tf 72 700 Td (I) Tj 3.3 0 Td (S) Tj 8 0 Td (O) Tj 9.3 0 Td (9) Tj 6.7 0 Td (0) Tj 6.7 0 Td (0) Tj 6.7 0 Td (1) Tj ET", "ISO9001"},
		{"glyphs placed by Tm", "BT /F1 12 Tf 1 0 0 1 72 700 Tm (2) Tj 1 0 0 1 78.7 700 Tm (0) Tj 1 0 0 1 85.4 700 Tm (2) Tj 1 0 0 1 92.1 700 Tm (3) Tj ET", "2023"},
		{"glyphs scaled by Tm", "BT /F1 1 Tf 12 0 0 12 72 700 Tm (A) Tj 12 0 0 12 80 700 Tm (B) Tj ET", "AB"},
		{"cells of a row", "BT /F1 12 Tf 72 700 Td (36) Tj 60 0 Td (12.3) Tj 60 0 Td (8) Tj ET", "36 12.3 8"},
		{"strings shown one after another", "BT /F1 12 Tf 72 700 Td (ISO) Tj (9001) Tj 42 0 Td (2023) Tj ET", "ISO90012023"},
		{"cells in objects of their own", "BT /F1 12 Tf 72 700 Td (2022) Tj ET BT /F1 12 Tf 160 700 Td (2023) Tj ET", "2022 2023"},
		{"next line", "BT /F1 12 Tf 72 700 Td (342) Tj 0 -16 Td (365) Tj ET", "342\n365"},
		{"words placed one by one", "BT /F1 12 Tf 72 700 Td (Learning) Tj 50 0 Td (City) Tj 24 0 Td (Monitoring) Tj ET", "Learning City Monitoring"},
		{"a cell drawn left of the last", "BT /F1 12 Tf 200 700 Td (2023) Tj -100 0 Td (2022) Tj ET", "2023 2022"},
		{"close cells of figures", "BT /F1 12 Tf 72 700 Td (11.1) Tj 27.4 0 Td (1.11) Tj ET", "11.1 1.11"},
		{"the font's widths: the next glyph", "BT /F2 12 Tf 72 700 Td (AB) Tj 16 0 Td (C) Tj ET", "ABC"},
		{"the font's widths: a word space", "BT /F2 12 Tf 72 700 Td (AB) Tj 18 0 Td (C) Tj ET", "AB C"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := testpdf.Build(testpdf.Catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
				"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>",
				testpdf.Deflated([]byte(tt.content)),
				"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
				"<< /Type /Font /Subtype /TrueType /BaseFont /Arial /Encoding /WinAnsiEncoding /FirstChar 65 /LastChar 90 /Widths ["+strings.Repeat("600 ", 26)+"] >>")
			r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatal(err)
			}
			if got := readPageText(r.Page(1), nil).lines.String(); got != tt.want {
				t.Errorf("lines %q, want %q", got, tt.want)
			}
		})
	}
}

// A crafted stream of millions of q operators (2 bytes each, compressing
// to nothing) saves no more graphics states than a real page nests.
func TestPageSavesBoundedGraphicsStates(t *testing.T) {
	content := append(bytes.Repeat([]byte("q "), 1_000_000), "BT /F1 12 Tf 72 700 Td (ok) Tj ET"...)
	data := testpdf.Build(testpdf.Catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		testpdf.Deflated(content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if got := readPageText(r.Page(1), nil).lines.String(); got != "ok" {
		t.Errorf("lines %q, want ok", got)
	}
	runtime.ReadMemStats(&after)
	// 15 MiB with the bound, 314 MiB without.
	if mib := (after.TotalAlloc - before.TotalAlloc) >> 20; mib > 64 {
		t.Errorf("reading a page of a million q's allocated %d MiB", mib)
	}
}

// A string that itself holds a line break (a producer's \n or \r inside
// Tj) stays on its line: each line keeps the type size it was set in, so
// that a title's size still tells it from the lines after it
// (flattenPDFLines).
func TestPageLineBreakInAStringKeepsHeights(t *testing.T) {
	content := `BT /F1 16 Tf 72 700 Td (Notice\non study) Tj /F1 12 Tf 0 -24 Td (Body\rtext) Tj 0 -16 Td (End) Tj ET`
	data := testpdf.Build(testpdf.Catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		testpdf.Deflated([]byte(content)),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	got := readPageText(r.Page(1), nil)
	if lines := got.lines.String(); lines != "Notice on study\nBody text\nEnd" {
		t.Errorf("lines %q, want each string on its own line, its break a space", lines)
	}
	if want := []float64{16, 12, 12}; !slices.Equal(got.heights, want) {
		t.Errorf("heights %v, want %v: one per line", got.heights, want)
	}
}
