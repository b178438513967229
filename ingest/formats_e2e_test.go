package ingest_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/search"
)

// needPrograms skips the test when a program it needs is missing, except
// under CI=true, where that is a failure.
func needPrograms(t *testing.T, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is not installed (scripts/debian-packages.sh installs it)", n)
			}
			t.Skipf("%s is not installed; skipping (it fails under CI=true)", n)
		}
	}
}

// TestEveryFormatIsFoundOnItsPage uploads one file of each format through
// the pipeline — born-digital, scanned, photographed, OFD, old Office,
// spreadsheets and slides — and finds a phrase of each on the right page
// by search, as an expert would.
func TestEveryFormatIsFoundOnItsPage(t *testing.T) {
	needPrograms(t, "tesseract", "pdftoppm", "pdftotext", "catdoc", "heif-convert")
	e := testenv.New(t)
	ctx := context.Background()
	cases := []struct {
		file   string
		phrase string
		page   int
		ocr    bool  // the page was read by OCR
		seals  []int // pages with a red seal
	}{
		{file: "policy.pdf", phrase: "杭州市人民政府办公厅关于推进学习型城市建设", page: 1},
		{file: "summary.docx", phrase: "存在的问题和下一步打算", page: 2},
		{file: "report.doc", phrase: "社区学校数量", page: 1},
		{file: "report.odt", phrase: "社区学习共同体", page: 2},
		{file: "report.rtf", phrase: "社区学习共同体", page: 2},
		{file: "notice.gbk.rtf", phrase: "终身学习成果的认证与转换", page: 1},
		{file: "stats.xls", phrase: "社区学校数量", page: 1},
		{file: "stats.xlsx", phrase: "学分银行开户人数", page: 1},
		{file: "stats.gbk.csv", phrase: "居民参与率", page: 1},
		{file: "slides.pptx", phrase: "社区教育网络", page: 2},
		{file: "notice.ofd", phrase: "全市社区学校数量达到", page: 2, seals: []int{2}}, // an electronic seal
		{file: "stamped-scan.pdf", phrase: "完善保障措施", page: 2, ocr: true, seals: []int{2}},
		{file: "mixed.pdf", phrase: "百姓学习之星", page: 2, ocr: true},
		{file: "photo.jpg", phrase: "成都市社区教育工作情况报告", page: 1, ocr: true},
		{file: "photo.heic", phrase: "成都市社区教育工作情况报告", page: 1, ocr: true}, // an iPhone's photo
		{file: "photo.webp", phrase: "成都市社区教育工作情况报告", page: 1, ocr: true},
		{file: "frames.tif", phrase: "全民终身学习大讲堂", page: 2, ocr: true},
	}
	ids := make([]string, len(cases))
	for i, c := range cases {
		f, err := os.Open(filepath.Join("extract", "testdata", c.file))
		if err != nil {
			t.Fatal(err)
		}
		st, err := e.Ingest.Stage(f, c.file)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		out, err := e.Ingest.Upload(ctx, testenv.Admin, ingest.UploadRequest{
			Meta: ingest.Meta{City: hangzhou, DocType: "other"}, Files: []*ingest.Staged{st}})
		st.Remove()
		if err != nil || out[0].Err != nil {
			t.Fatalf("%s: %v %v", c.file, err, out[0].Err)
		}
		ids[i] = out[0].Document.ID
	}
	wctx, cancel := context.WithTimeout(ctx, 5*testenv.WaitTimeout)
	defer cancel()
	docs, err := e.Ingest.Wait(wctx, ids, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cases {
		d := docs[i]
		if d.Status != catalog.StatusIndexed {
			t.Errorf("%s: %s (%s)", c.file, d.Status, d.Error)
			continue
		}
		sources := d.Reading.Sources(d.Pages)
		if got := sources[c.page-1] == catalog.SourceOCR; got != c.ocr {
			t.Errorf("%s: page %d read by OCR = %v, want %v (sources %v)", c.file, c.page, got, c.ocr, sources)
		}
		if c.ocr && (d.Reading.OCRConfidence == nil || *d.Reading.OCRConfidence < 0.5) {
			t.Errorf("%s: OCR confidence %v", c.file, d.Reading.OCRConfidence)
		}
		if !slices.Equal(d.Reading.SealPages, c.seals) {
			t.Errorf("%s: seal pages %v, want %v", c.file, d.Reading.SealPages, c.seals)
		}
		res, err := e.Search.Search(ctx, search.Request{Query: `"` + c.phrase + `"`, Size: 50, User: testenv.Admin})
		if err != nil {
			t.Fatal(err)
		}
		if !foundOnPage(res, d.ID, c.page) && !foldedWithPhraseOnPage(t, e, res, d.ID, c.phrase, c.page) {
			t.Errorf("%s: %q not found on page %d by search (%d hits)", c.file, c.phrase, c.page, res.Total)
		}
	}
}

// foldedWithPhraseOnPage accepts a document that search showed folded
// into another version's hit (the same report as DOC, ODT and RTF are
// near duplicates) when its own text has the phrase on that page.
func foldedWithPhraseOnPage(t *testing.T, e *testenv.Env, res *search.Result, id, phrase string, page int) bool {
	t.Helper()
	folded := false
	for _, h := range res.Hits {
		folded = folded || slices.Contains(h.NearDuplicateIDs, id)
	}
	if !folded {
		return false
	}
	_, text, err := e.Documents.Text(context.Background(), testenv.Admin, id)
	if err != nil {
		t.Fatal(err)
	}
	return page <= len(text.Pages) && strings.Contains(text.Pages[page-1], phrase)
}

func foundOnPage(res *search.Result, id string, page int) bool {
	for _, h := range res.Hits {
		if h.ID != id {
			continue
		}
		for _, f := range h.Fragments {
			if f.Page == page {
				return true
			}
		}
	}
	return false
}
