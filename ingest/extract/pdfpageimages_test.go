package extract

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testpdf"
)

// shortLinePDF writes a born-digital PDF of n pages, each holding one
// short line of text (学习型城市 第k页) and nothing else, through a simple
// font whose ToUnicode map gives the Chinese.
func shortLinePDF(t *testing.T, n int) string {
	t.Helper()
	cmap := cmapPrologue + "7 beginbfchar <41> <5B66> <42> <4E60> <43> <578B> <44> <57CE> <45> <5E02> <46> <7B2C> <47> <9875> endbfchar " +
		"1 beginbfrange <30> <39> <0030> endbfrange endcmap CMapName currentdict /CMap defineresource pop end end"
	kids := make([]string, n)
	for k := range n {
		kids[k] = fmt.Sprintf("%d 0 R", 5+2*k)
	}
	objects := []string{testpdf.Catalog,
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /Differences [65 /A /B /C /D /E /F /G] >> /ToUnicode 4 0 R >>",
		testpdf.Deflated([]byte(cmap))}
	for k := range n {
		content := fmt.Sprintf("BT /F1 14 Tf 72 720 Td (ABCDE F%dG) Tj ET", k+1)
		objects = append(objects,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 3 0 R >> >> >>", 6+2*k),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
	}
	path := filepath.Join(t.TempDir(), "年报.pdf")
	if err := os.WriteFile(path, testpdf.Build(objects...), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// libraryOutOfTime gives the PDF library no time, as a busy server gives
// a file of 10,000 pages too little: pdftotext reads it instead.
func libraryOutOfTime(t *testing.T) {
	share := pdfLibraryShare
	pdfLibraryShare = func(time.Duration) time.Duration { return time.Nanosecond }
	t.Cleanup(func() { pdfLibraryShare = share })
}

// TestShortPagesTheLibraryDidNotReadAreNotOCRd (probe s44 #2): a born-
// digital PDF of more pages than OCR may read, each with one short line
// and no picture, which the library ran out of its time on, is read from
// its text layer, not refused as needing OCR of every page. Without
// pdfimages to say that no page draws an image, the short layers are kept
// rather than the file refused; a page that does draw an image under a
// short layer still goes to OCR.
func TestShortPagesTheLibraryDidNotReadAreNotOCRd(t *testing.T) {
	needOCR(t)
	needPdftotext(t)
	if lookProgram("pdfimages") == "" && os.Getenv("CI") == "true" {
		t.Fatal("pdfimages (poppler-utils) is not installed, but CI=true requires it")
	}
	libraryOutOfTime(t)
	path := shortLinePDF(t, 8)
	lim := Limits{MaxOCRPages: 3}
	check := func(what string) {
		t.Helper()
		res, err := Extract(context.Background(), FormatPDF, path, lim)
		if err != nil {
			t.Fatalf("%s: %v (%s); want its 8 pages read from the text layer", what, err, catalog.ErrorMessage(err))
		}
		if len(res.Pages) != 8 {
			t.Fatalf("%s: %d pages, want 8", what, len(res.Pages))
		}
		for i, p := range res.Pages {
			if want := fmt.Sprintf("学习型城市第%d页", i+1); !strings.Contains(Normalize(p), want) {
				t.Errorf("%s page %d: %q, want %q", what, i+1, p, want)
			}
		}
		for i, src := range res.PageSources {
			if src != SourceText {
				t.Errorf("%s page %d: source %q, want %q", what, i+1, src, SourceText)
			}
		}
	}
	if lookProgram("pdfimages") != "" {
		check("8 页短文字、无图片的 PDF")
		if _, err := Extract(context.Background(), FormatPDF, path, Limits{DeferOCR: true}); err != nil {
			t.Errorf("8 页短文字、无图片的 PDF with OCR deferred: %v, want no page sent to OCR", err)
		}
	}
	withProgram(t, "pdfimages", "")
	check("8 页短文字、无法列出图片的 PDF")
}

// TestAShortLayerOverAPictureTheLibraryDidNotReadIsOCRd: a scanned page
// whose only text is its page number is OCR'd when the library ran out of
// its time, as poppler lists its picture.
func TestAShortLayerOverAPictureTheLibraryDidNotReadIsOCRd(t *testing.T) {
	needOCR(t)
	needPdftotext(t)
	libraryOutOfTime(t)
	content := "q 595 0 0 842 0 0 cm /Im1 Do Q " + pageNumber
	img := "<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream"
	p := onePagePDF(t, content, "/XObject << /Im1 5 0 R >>", img)
	if _, err := Extract(context.Background(), FormatPDF, p, Limits{DeferOCR: true}); !errors.Is(err, ErrNeedsOCR) {
		t.Errorf("扫描页上只有页码（库超时）: %v, want ErrNeedsOCR", err)
	}
}

func TestListedImagePages(t *testing.T) {
	list := "page   num  type   width height color comp bpc  enc interp  object ID x-ppi y-ppi size ratio\n" +
		"--------------------------------------------------------------------------------------------\n" +
		"   2     0 image    2480  3508  gray    1   8  jpeg   no         7  0   300   300  412K 4.8%\n" +
		"   5     1 smask     100   100  gray    1   8  image  no        12  0    72    72  1K 10%\n"
	pages, last := listedImagePages(list)
	if !pages[2] || !pages[5] || pages[1] || pages[3] || last != 5 {
		t.Errorf("listed pages %v, last %d; want 2 and 5, last 5", pages, last)
	}
}
