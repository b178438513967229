package extract

import (
	"errors"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// TestCauseOfEveryReason holds CauseOf to the reasons this package writes:
// a program to install and the time limit are the server's setup, a
// killed reader and an internal error the server at the time, everything
// else the file's own, and each reason is taken as stored, its values in.
func TestCauseOfEveryReason(t *testing.T) {
	_, _, empty := Sniff(nil, "empty.txt")
	tests := []struct {
		name string
		err  error
		want Cause
	}{
		{"a program to install", catdoc.errMissing(), CauseSetup},
		{"the OCR programs to install", errReaderMissing(catalog.Words{Chinese: "扫描件文字识别程序", English: "OCR"}, pkgTesseract), CauseSetup},
		{"an OFD scan OCR did not read", (&ofdOCR{failed: errImageCorrupt()}).failure(false), CauseSetup},
		{"the time limit", errTimeout(60 * time.Second), CauseSetup},
		{"a reader killed by the system", errKilledOutright(), CauseServer},
		{"an internal error", catalog.Errorf(catalog.EINTERNAL, "%s失败（内部错误，已记录日志）；可重新上传同一文件重试，或联系管理员", "读取文字"), CauseServer},
		{"the PDF library out of its time", errPDFReadTimedOut(), CauseServer},
		{"an internal error as shown", errors.New(catalog.ErrorMessage(errors.New("boom"))), CauseServer},
		{"an empty file", empty, CauseFile},
		{"an encrypted PDF", errPDFEncrypted(), CauseFile},
		{"an encrypted Office file", errEncrypted(), CauseFile},
		{"a damaged PDF", errPDFCorrupt(), CauseFile},
		{"a damaged file", errCorrupt(), CauseFile},
		{"a damaged DOCX", errDOCXCorrupt(), CauseFile},
		{"a damaged old Office file", errOLECorrupt(), CauseFile},
		{"a damaged XLS", errXLSCorrupt(), CauseFile},
		{"a damaged image", errImageCorrupt(), CauseFile},
		{"a PDF without text", errNoTextPDF(), CauseFile},
		{"a garbled PDF", errPDFGarbled(), CauseFile},
		{"a garbled OFD", errOFDGarbled(), CauseFile},
		{"an unknown encoding", errEncoding(), CauseFile},
		{"a blank scan", errBlankScan(), CauseFile},
		{"an OCR page over its time", errOCRTimeout(60 * time.Second), CauseFile},
		{"too complex for the memory", errTooComplex(1 << 30), CauseFile},
		{"too much text", errTextTooLarge(64 << 20), CauseFile},
		{"too many pages to OCR", errTooManyOCRPages(600, 500), CauseFile},
		{"too many cells", errTableTooLarge(), CauseFile},
		{"a type not read", errUnsupportedFormat(), CauseFile},
		{"named as another type", errNameMismatch(".pdf", catalog.Words{Chinese: " PDF 文件", English: "a PDF"}, catalog.Words{Chinese: "PNG 图片", English: "a PNG image"}), CauseFile},
	}
	for _, tt := range tests {
		reason := catalog.ErrorMessage(tt.err)
		if got := CauseOf(reason); got != tt.want {
			t.Errorf("%s: CauseOf(%q) = %q, want %q", tt.name, reason, got, tt.want)
		}
	}
	if got := CauseOf(""); got != CauseUnknown {
		t.Errorf("no reason: CauseOf = %q, want unknown", got)
	}
}

// TestCauseOfFixturesThatFail: the real encrypted and damaged PDFs fail
// for reasons of the file.
func TestCauseOfFixturesThatFail(t *testing.T) {
	for _, name := range []string{"encrypted.pdf", "corrupt.pdf", "encrypted.docx", "random.txt"} {
		_, err := sniffAndExtract(t, name, Limits{})
		if err == nil {
			t.Logf("%s: read on this system; nothing to classify", name)
			continue
		}
		if got := CauseOf(catalog.ErrorMessage(err)); got != CauseFile {
			t.Errorf("%s fails with %q, taken as %q, want file", name, catalog.ErrorMessage(err), got)
		}
	}
}
