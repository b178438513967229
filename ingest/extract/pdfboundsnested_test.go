package extract

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testpdf"
)

// TestNestingPastTheBoundInAFormOrAFontsMapFailsThePage: the bound on
// how deep a page's content nests holds for the other streams the
// library interprets as it does a page's content: a form the page draws
// (looked into when the page's own text is short) and a font's ToUnicode
// map. Nested past maxContentDepth either held the library (and then
// pdftotext) as the page's content did, the page's own bound not seeing
// it. A form and a map within the bound still read.
func TestNestingPastTheBoundInAFormOrAFontsMapFailsThePage(t *testing.T) {
	nested := strings.Repeat("[", 1_000_000)
	withMap := func(cmap string) []byte {
		return testpdf.Build(testpdf.Catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 5 0 R >> >> >> /Contents 4 0 R >>",
			testpdf.Deflated([]byte("BT /F1 12 Tf 72 712 Td (credit bank learning city) Tj ET")), testpdf.Deflated([]byte(cmap)))
	}
	for _, tt := range []struct {
		name string
		pdf  []byte
	}{
		{"a form nested past the bound", formPDF("/Fn Do", "/Fn 5 0 R", form(nested, ""))},
		{"a font's ToUnicode map nested past the bound", withMap(nested)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := writeTemp(t, "crafted.pdf", tt.pdf)
			start := time.Now()
			_, err := Extract(context.Background(), FormatPDF, path, Limits{DeferOCR: true})
			wantError(t, tt.name, err, catalog.EINVALID, "PDF 第 1 页的内容结构嵌套超过 64 层")
			if CauseOf(catalog.ErrorMessage(err)) != CauseFile {
				t.Errorf("%s: cause %q, want the file's", tt.name, CauseOf(catalog.ErrorMessage(err)))
			}
			t.Logf("failed after %s", time.Since(start).Round(time.Millisecond))
		})
	}

	within := strings.Repeat("[", maxContentDepth) + strings.Repeat("]", maxContentDepth)
	for _, tt := range []struct {
		name, want string
		pdf        []byte
	}{
		{"a form nested within the bound", "credit bank", formPDF("/Fn Do BT /F1 12 Tf 72 712 Td (credit bank) Tj ET", "/Fn 5 0 R", form(within+" 0 0 m 10 10 l S", ""))},
		{"a font's map nested within the bound", "credit bank", withMap(within + "\n/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Test-UCS def " +
			"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfrange <20> <7E> <0020> endbfrange endcmap CMapName currentdict /CMap defineresource pop end end")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := writeTemp(t, "within.pdf", tt.pdf)
			lib := readPDFWithLibrary(context.Background(), path, Limits{}.withDefaults(), false)
			if lib.err != nil || lib.anyFailed() {
				t.Fatalf("%v, pages failed %v", lib.err, lib.failed)
			}
			if got := strings.Join(lib.pages, "\f"); !strings.Contains(got, tt.want) {
				t.Errorf("read %q, want %q in it", got, tt.want)
			}
		})
	}
}
