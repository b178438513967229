package report_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
)

// TestReportListsAScannedDraftApartFromItsFinal: 杭州 linked to 2.3.1 the
// born-digital final notice 杭政办发〔2018〕12号 and a paper scan of its
// 征求意见稿 (the same text, no 文号, （征求意见稿） after its title), whose
// text tesseract read. The two are near duplicates, yet the draft is
// another document a reviewer must see: the report lists both, the
// draft not folded under the final as its scan (另有扫描件或副本).
func TestReportListsAScannedDraftApartFromItsFinal(t *testing.T) {
	for _, p := range []string{"tesseract", "pdftoppm", "pdftotext"} {
		if _, err := exec.LookPath(p); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is not installed (scripts/debian-packages.sh installs it)", p)
			}
			t.Skipf("%s is not installed; skipping (it fails under CI=true)", p)
		}
	}
	e := testenv.New(t)
	draft := uploadFixture(t, e, "stamped-draft-scan.pdf")
	final := uploadFixture(t, e, "stamped.pdf")
	if !draft.Reading.ByOCR() || !strings.Contains(draft.Title, "征求意见稿") {
		t.Fatalf("the draft's scan: read by OCR %v, title %q; the test needs an OCR'd title marking the draft", draft.Reading.PageSources, draft.Title)
	}
	near, err := e.Catalog.NearDuplicatesAmong(ctx, []string{draft.ID, final.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(near[draft.ID]) == 0 {
		// The pipeline does not record so short a pair (the draft's title
		// line, its 文号 and date weigh on a text of 300 characters); the
		// fold is the report's reading of a recorded pair, so it is
		// recorded here as the pipeline records a longer one.
		if err := e.Catalog.AddNearDuplicates(ctx, draft.ID, []catalog.NearDuplicate{{ID: final.ID, Similarity: 0.91}}); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []*catalog.Document{final, draft} {
		if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1"}); err != nil {
			t.Fatal(err)
		}
	}
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	row := strings.Join(xlsxRows(t, r)["2.3.1"], "\n")
	if strings.Contains(row, "另有扫描件或副本") || !strings.Contains(row, "《"+draft.Title+"》") || !strings.Contains(row, "《"+final.Title+"》") {
		t.Errorf("XLSX 2.3.1 row %q, want the draft 《%s》 and the final 《%s》 listed apart, neither a copy", row, draft.Title, final.Title)
	}
}
