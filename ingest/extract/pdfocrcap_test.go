package extract

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testpdf"
)

// longScan writes a scan of n pages, each a picture with its page number
// (第k页) as its only text, as a scanner that stamps page numbers makes a
// yearbook's extract.
func longScan(t *testing.T, n int) string {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 8, 8))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	img.SetGray(3, 3, color.Gray{})
	path := filepath.Join(t.TempDir(), "统计年鉴摘编.pdf")
	if err := os.WriteFile(path, testpdf.ScanWithPageNumbers(n, img), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// countedOCR makes OCR read the k-th page it is given (from 1) as
// 第k次识别全民终身学习活动周, and pages rendered small: what is under
// test is which pages are read, not how.
func countedOCR(t *testing.T) *atomic.Int64 {
	t.Helper()
	old := renderLongSide
	renderLongSide = 100
	t.Cleanup(func() { renderLongSide = old })
	var calls atomic.Int64
	withOCR(t, func(ctx context.Context, _ []byte, _ Limits) (PageOCR, error) {
		k := calls.Add(1)
		return PageOCR{Text: fmt.Sprintf("第%d次识别全民终身学习活动周", k), Confidence: 0.9}, nil
	})
	return &calls
}

// checkCapped checks a long scan read with OCR capped at read pages: the
// first read pages hold what OCR read of them, in order, and the others
// keep their page number, marked SourceOCRSkipped.
func checkCapped(t *testing.T, res *Result, pages, read int) {
	t.Helper()
	if len(res.Pages) != pages || len(res.PageSources) != pages {
		t.Fatalf("%d pages, %d sources; want %d of each", len(res.Pages), len(res.PageSources), pages)
	}
	for i, p := range res.Pages {
		want, source := fmt.Sprintf("第%d次识别全民终身学习活动周", i+1), SourceOCR
		if i >= read {
			want, source = fmt.Sprintf("第%d页", i+1), SourceOCRSkipped
		}
		if p != want || res.PageSources[i] != source {
			t.Errorf("page %d: %q (%s), want %q (%s)", i+1, p, res.PageSources[i], want, source)
		}
	}
}

// TestALongScanPastTheOCRCapIsReadUpToIt: a scan of more pages than OCR
// reads of one file, each with a short text layer (its page number), is
// read, not refused: OCR reads the first pages up to the cap, and the
// pages after it keep their text layer and are marked as left out of OCR.
func TestALongScanPastTheOCRCapIsReadUpToIt(t *testing.T) {
	needOCR(t)
	calls := countedOCR(t)
	var total atomic.Int64
	lim := Limits{MaxOCRPages: 3, Progress: func(_, n int) { total.Store(int64(n)) }}
	res, err := Extract(context.Background(), FormatPDF, longScan(t, 8), lim)
	if err != nil {
		t.Fatalf("8 页扫描件，识别上限 3 页: %v (%s); want its first 3 pages read by OCR and the rest kept", err, catalog.ErrorMessage(err))
	}
	checkCapped(t, res, 8, 3)
	if calls.Load() != 3 || total.Load() != 3 {
		t.Errorf("OCR read %d pages, progress said %d to read; want 3 and 3", calls.Load(), total.Load())
	}
	if res.Extractor != "pdf" || ReaderOf(res.Extractor, res.PageSources) != "pdf+ocr" {
		t.Errorf("reader %q (%q), want pdf (pdf+ocr)", res.Extractor, ReaderOf(res.Extractor, res.PageSources))
	}
}

// TestALongScanAtTheRealOCRCap: 510 pages under the default cap of 500.
// The pages are not rendered (pdftoppm 500 times takes a minute on a
// loaded machine): TestALongScanPastTheOCRCapIsReadUpToIt renders them.
func TestALongScanAtTheRealOCRCap(t *testing.T) {
	needOCR(t)
	countedOCR(t)
	old := renderPage
	renderPage = func(context.Context, string, string, int, int, Limits) ([]byte, error) {
		return []byte("P5 1 1 255\n\xff"), nil
	}
	t.Cleanup(func() { renderPage = old })
	res, err := Extract(context.Background(), FormatPDF, longScan(t, DefaultMaxOCRPages+10), Limits{})
	if err != nil {
		t.Fatalf("510 页扫描件: %v (%s); want its first 500 pages read by OCR and the rest kept", err, catalog.ErrorMessage(err))
	}
	checkCapped(t, res, DefaultMaxOCRPages+10, DefaultMaxOCRPages)
}

// TestALongBlankScanPastTheOCRCapIsTooLong: when the pages OCR read are
// all blank and the others were not read, nothing says the file is a
// blank scan: it fails as needing too many pages read, as before.
func TestALongBlankScanPastTheOCRCapIsTooLong(t *testing.T) {
	needOCR(t)
	old := renderLongSide
	renderLongSide = 100
	t.Cleanup(func() { renderLongSide = old })
	withOCR(t, func(context.Context, []byte, Limits) (PageOCR, error) { return PageOCR{}, nil })
	path := filepath.Join(t.TempDir(), "空白扫描件.pdf")
	img := image.NewGray(image.Rect(0, 0, 8, 8))
	data := testpdf.ScanWithPageNumbers(5, img)
	// No text layer at all: every page a picture alone.
	data = regexp.MustCompile(`\(A\d+B\)`).ReplaceAllFunc(data, func(s []byte) []byte {
		return []byte("(" + strings.Repeat(" ", len(s)-2) + ")")
	})
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Extract(context.Background(), FormatPDF, path, Limits{MaxOCRPages: 2})
	if catalog.ErrorCode(err) != catalog.ETOOLARGE {
		t.Fatalf("5 页空白扫描件，识别上限 2 页: %v; want ETOOLARGE (too many pages to read)", err)
	}
}
