package report_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
)

// uploadFixture uploads testdata/name to 杭州's round 2017 through the
// pipeline and waits for it to be read.
func uploadFixture(t *testing.T, e *testenv.Env, name string) *catalog.Document {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := e.Ingest.Stage(f, name)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	out, err := e.Ingest.Upload(context.Background(), testenv.Admin, ingest.UploadRequest{
		Meta: ingest.Meta{City: hangzhou, DocType: "policy", Round: "2017"}, Files: []*ingest.Staged{st}})
	if err != nil || out[0].Err != nil {
		t.Fatalf("upload %s: %v %v", name, err, out[0].Err)
	}
	d := e.WaitIndexed(out[0].Document.ID)
	if d.Status != catalog.StatusIndexed {
		t.Fatalf("%s is %s: %s", name, d.Status, d.Error)
	}
	return d
}

// TestReportListsAnOCRdScanUnderItsOriginal: 杭州 linked to 2.3.1 the
// born-digital PDF of 杭政办发〔2018〕12号 and a stamped paper scan of it
// whose text tesseract read, with its misreads (the archive records the
// two as near duplicates). The report lists the notice once, the scan
// named after it as （另有扫描件或副本：…）, as it does a DOCX copy or a
// photo of a page, in XLSX and DOCX, Chinese and English.
func TestReportListsAnOCRdScanUnderItsOriginal(t *testing.T) {
	for _, p := range []string{"tesseract", "pdftoppm", "pdftotext"} {
		if _, err := exec.LookPath(p); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is not installed (scripts/debian-packages.sh installs it)", p)
			}
			t.Skipf("%s is not installed; skipping (it fails under CI=true)", p)
		}
	}
	e := testenv.New(t)
	// The scan first: of two documents of as many pages, the first
	// listed stays, unless it is the scan of the other.
	scan := uploadFixture(t, e, "stamped-scan.pdf")
	pdf := uploadFixture(t, e, "stamped.pdf")
	if !scan.Reading.ByOCR() || pdf.Reading.ByOCR() {
		t.Fatalf("the scan read by OCR %v, the PDF %v; the test needs the scan's text from OCR alone", scan.Reading.PageSources, pdf.Reading.PageSources)
	}
	for _, d := range []*catalog.Document{pdf, scan} {
		if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1"}); err != nil {
			t.Fatal(err)
		}
	}
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	note := "（另有扫描件或副本：" + scan.Filename + "）"
	row := strings.Join(xlsxRows(t, r)["2.3.1"], "\n")
	if !strings.Contains(row, "《"+pdf.Title+"》") || !strings.Contains(row, note) || strings.Count(row, "《") != 1 {
		t.Errorf("XLSX 2.3.1 row %q, want the notice once, as the PDF titles it (%s), with %s", row, pdf.Title, note)
	}
	if text, _, _ := docx(t, r); !strings.Contains(text, note) {
		t.Errorf("DOCX lacks %s", note)
	}
	r.Lang = report.English
	want := "(also a scan or copy: " + scan.Filename + ")"
	if row := strings.Join(xlsxRows(t, r)["2.3.1"], "\n"); !strings.Contains(row, want) {
		t.Errorf("English XLSX 2.3.1 row %q lacks %s", row, want)
	}
}
