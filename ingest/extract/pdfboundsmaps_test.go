package extract

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testpdf"
)

// TestTheSizeAndStringBoundsHoldForAFontsMapAndAForm: the bounds on a
// page's content streams, inflated (maxPageContent), and on one string
// of them (maxPageText), hold for the other streams the library
// interprets as it does a page's content: a font's ToUnicode map, and a
// form the page draws (looked into when its own text is short), whose
// strings the library builds whole. Only their nesting was bounded, so
// the page's payload moved into either went on to the library and
// pdftotext until the time limit or the memory share (review s60).
// Within the bounds both still read.
func TestTheSizeAndStringBoundsHoldForAFontsMapAndAForm(t *testing.T) {
	defer func(text int, content int64) { maxPageText, maxPageContent = text, content }(maxPageText, maxPageContent)
	maxPageText, maxPageContent = 1<<20, 2<<20
	withMap := func(cmap string) []byte {
		return testpdf.Build(testpdf.Catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 5 0 R >> >> >> /Contents 4 0 R >>",
			testpdf.Deflated([]byte("BT /F1 12 Tf 72 712 Td (credit bank learning city) Tj ET")), testpdf.Deflated([]byte(cmap)))
	}
	cmap := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Test-UCS def " +
		"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfrange <20> <7E> <0020> endbfrange endcmap CMapName currentdict /CMap defineresource pop end end"
	long := strings.Repeat("学分银行", 1<<20/12+100) // 1 MiB and more, as written
	operators := strings.Repeat("0 0 m 1 1 l S\n", 3<<20/14)
	for _, tt := range []struct {
		name, phrase string
		pdf          []byte
	}{
		{"a font's map larger than the content bound", "PDF 第 1 页的绘图内容超过 2 MiB", withMap(operators + cmap)},
		{"a font's map holding a string past the text bound", "PDF 第 1 页的文字超过 1 MiB", withMap("(" + long + ") pop\n" + cmap)},
		{"a drawn form holding a string past the text bound", "PDF 第 1 页的文字超过 1 MiB", formPDF("/Fn Do", "/Fn 5 0 R", form("BT /F1 12 Tf ("+long+") Tj ET", ""))},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := writeTemp(t, "crafted.pdf", tt.pdf)
			_, err := Extract(context.Background(), FormatPDF, path, Limits{DeferOCR: true})
			wantError(t, tt.name, err, catalog.ETOOLARGE, tt.phrase)
			if CauseOf(catalog.ErrorMessage(err)) != CauseFile {
				t.Errorf("cause %q, want the file's", CauseOf(catalog.ErrorMessage(err)))
			}
		})
	}
	short := strings.Repeat("学分银行", 1000)
	for _, tt := range []struct {
		name, want string
		pdf        []byte
	}{
		{"a font's map within the bounds", "credit bank", withMap("(" + short + ") pop\n" + operators[:14*70000] + cmap)},
		{"a drawn form within the bounds", "credit bank", formPDF("/Fn Do BT /F1 12 Tf 72 712 Td (credit bank) Tj ET", "/Fn 5 0 R", form("BT /F1 12 Tf ("+short+") Tj ET", ""))},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := writeTemp(t, "within.pdf", tt.pdf)
			lib := readPDFWithLibrary(context.Background(), path, Limits{}.withDefaults(), false)
			if lib.err != nil || lib.anyFailed() {
				t.Fatalf("%v, pages failed %v", lib.err, lib.failed)
			}
			if got := strings.Join(lib.pages, "\f"); !strings.Contains(got, tt.want) {
				t.Errorf("read %.200q, want %q in it", got, tt.want)
			}
		})
	}
}
