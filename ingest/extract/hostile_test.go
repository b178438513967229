package extract

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// TestXLSXDoctypeIsRefusedForWhatItIs: a workbook declaring an external
// entity (testdata/gen/hostile.go) is refused for that, as a DOCX or an
// OFD is, not called damaged: exported again by the same tool it would
// fail alike, and the person should know why.
func TestXLSXDoctypeIsRefusedForWhatItIs(t *testing.T) {
	_, err := Extract(context.Background(), FormatXLSX, fixture("doctype.xlsx"), Limits{})
	wantError(t, "XLSX with a DOCTYPE", err, catalog.EINVALID, "XLSX 表格中含有 DOCTYPE 或外部实体声明,出于安全原因拒绝处理")
	wantEnglish(t, "XLSX with a DOCTYPE", err, "contains a DOCTYPE or external entity declaration")
	if res, err := Extract(context.Background(), FormatXLSX, fixture("ledger.xlsx"), Limits{}); err != nil || len(res.Pages) == 0 {
		t.Errorf("the same workbook without the DOCTYPE: %v", err)
	}
}

func TestCheckXrefChain(t *testing.T) {
	for _, tt := range []struct {
		name string
		want error
	}{
		{"xrefloop.pdf", errXrefLoop},
		{"chapters.pdf", nil}, // an incremental save: a /Prev that ends
		{"stamped.pdf", nil},
		{"truncated.pdf", nil}, // no startxref: left to the readers
		{"scan.png", nil},
	} {
		if got := checkXrefChain(fixture(tt.name)); !errors.Is(got, tt.want) && got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestXrefLoopIsDamagedNotABlankScan: a PDF whose cross-reference chain
// loops and which draws no image failed as a blank scan (rescan it),
// which misled: its structure is at fault, and the reason says so and
// what to do, whichever readers are installed. The library, which would
// follow the chain for ever, is not run on it.
func TestXrefLoopIsDamagedNotABlankScan(t *testing.T) {
	needPdftotext(t)
	for _, tt := range []struct {
		name  string
		setup func(*testing.T)
	}{
		{"with OCR", needOCR},
		{"without OCR", withoutOCR},
		{"without pdftotext", func(t *testing.T) { withoutPdftotext(t); withoutOCR(t) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.setup(t)
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			before := pdfLibraryRuns.Load()
			_, err := Extract(ctx, FormatPDF, fixture("xrefloop.pdf"), Limits{})
			wantError(t, "xref loop", err, catalog.EINVALID, "PDF 文件的结构已损坏（交叉引用表 xref 循环指向自身）")
			wantEnglish(t, "xref loop", err, "it is not a blank scan")
			if n := pdfLibraryRuns.Load(); n > before {
				t.Errorf("%d library goroutines left running on the looping file", n-before)
			}
		})
	}
}

// TestPageTreeLoopIsDamagedNotABlankScan: a PDF whose page tree contains
// itself (issue 15's crafted file) and which draws no image failed as a
// blank scan, asking for a rescan of a file that was never paper: the
// library refuses the tree, OCR reads nothing, and the reason must say
// the structure is at fault.
func TestPageTreeLoopIsDamagedNotABlankScan(t *testing.T) {
	needPdftotext(t)
	needOCR(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	_, err := Extract(ctx, FormatPDF, fixture("pagetreeloop.pdf"), Limits{})
	wantError(t, "page tree loop", err, catalog.EINVALID, "PDF 文件的结构已损坏（页面树循环指向自身）")
	wantEnglish(t, "page tree loop", err, "it is not a blank scan")
}
