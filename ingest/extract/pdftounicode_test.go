package extract

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/testpdf"
)

// simpleFontPDF is a one-page PDF that shows the bytes ABC in a Type 1
// font with an Encoding dictionary (Differences naming A, B and C, as the
// library decodes them) and the given ToUnicode map.
func simpleFontPDF(cmap string) []byte {
	content := "BT /F1 12 Tf 72 720 Td (ABC) Tj ET"
	return testpdf.Build(testpdf.Catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /Differences [65 /A /B /C] >> /ToUnicode 6 0 R >>",
		testpdf.Deflated([]byte(cmap)))
}

const cmapPrologue = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap " +
	"1 begincodespacerange <00> <FF> endcodespacerange "

// TestSimpleFontToUnicode: a simple font is read through its ToUnicode
// map where it has a good one (人民政府 for ABC and the code 44 by a
// range), and through the library's decoding of its glyph names where the
// map is one the library's interpreter cannot run, is made of a million
// operators, or maps its codes to destinations too long to be characters:
// the page is read either way, quickly and within little memory.
func TestSimpleFontToUnicode(t *testing.T) {
	withoutPdftotext(t)
	withoutOCR(t)
	huge := "<" + strings.Repeat("4E00", 1_000_000) + ">"
	for _, tt := range []struct {
		name, cmap, want string
	}{
		{"good map", cmapPrologue + "2 beginbfchar <41> <4EBA> <42> <6C11> endbfchar 1 beginbfrange <43> <44> <653F> endbfrange endcmap " +
			"CMapName currentdict /CMap defineresource pop end end", "人民政"},
		{"end without begin", "1 beginbfchar <41> <4EBA> endbfchar endcmap end", "ABC"},
		{"a million findresource", strings.Repeat("/CIDInit /ProcSet findresource pop ", 1_000_000) + "1 beginbfchar <41> <4EBA> endbfchar", "ABC"},
		{"a range to a megabyte", cmapPrologue + "1 beginbfrange <00> <FF> " + huge + " endbfrange endcmap end end", "ABC"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := t.TempDir() + "/f.pdf"
			if err := os.WriteFile(path, simpleFontPDF(tt.cmap), 0o644); err != nil {
				t.Fatal(err)
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			res, err := Extract(context.Background(), FormatPDF, path, Limits{})
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatalf("extract: %v", err)
			}
			if len(res.Pages) != 1 || res.Pages[0] != tt.want {
				t.Errorf("pages %q, want [%q]", res.Pages, tt.want)
			}
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 256<<20 {
				t.Errorf("reading the page allocated %d MB", grew>>20)
			}
		})
	}
}
