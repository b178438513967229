package report_test

import (
	"archive/zip"
	"bytes"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/internal/testenv/xlsxtest"
)

// TestReportFilesAreDatedWhenWritten: the report's XLSX and DOCX had
// every zip entry dated 1980-00-00 (MS-DOS month 0, which unzip -l shows
// and some tools warn of; probe s41 #8). Their entries are dated when the
// report is written, and both still open.
func TestReportFilesAreDatedWhenWritten(t *testing.T) {
	_, svc := withData(t)
	r, err := svc.Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	var x bytes.Buffer
	if err := r.WriteXLSX(&x); err != nil {
		t.Fatal(err)
	}
	xlsxtest.DatedNow(t, "杭州 2017年度报告 XLSX", x.Bytes())

	var d bytes.Buffer
	if err := r.WriteDOCX(&d); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(d.Bytes()), int64(d.Len()))
	if err != nil {
		t.Fatalf("report DOCX: %v", err)
	}
	for _, f := range zr.File {
		if time.Since(f.Modified).Abs() > time.Minute {
			t.Errorf("report DOCX entry %s dated %s, want within a minute of now", f.Name, f.Modified)
		}
	}
	if text, _, _ := docx(t, r); text == "" {
		t.Error("the dated DOCX reads as no text")
	}
}
