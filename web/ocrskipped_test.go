package web

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestPagesLeftOutOfOCRAreNamed: a long scan whose pages past the OCR cap
// were not read (ocr-skipped) says so on its document page, in runs of
// pages, and each such page says its picture was not read: a page with
// no text layer is not called blank.
func TestPagesLeftOutOfOCRAreNamed(t *testing.T) {
	s := newSite(t)
	st, err := s.env.Ingest.Stage(strings.NewReader("全市社区学校覆盖率达到85%。\f第2页\f第3页\f\f第5页"), "统计年鉴摘编.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	ctx := context.Background()
	out, err := s.env.Ingest.Upload(ctx, testenv.Admin, ingest.UploadRequest{
		Meta: ingest.Meta{City: "330100", DocType: "statistics"}, Files: []*ingest.Staged{st}})
	if err != nil || out[0].Err != nil {
		t.Fatalf("upload: %v %+v", err, out)
	}
	d := s.env.WaitIndexed(out[0].Document.ID)
	// As the PDF reader records a scan of 5 pages read with a cap of 2
	// and a page between them whose layer OCR read no better.
	sources := []string{catalog.SourceOCR, catalog.SourceText, catalog.SourceOCRSkipped, catalog.SourceOCRSkipped, catalog.SourceOCRSkipped}
	if err := s.env.Catalog.SetStatus(ctx, catalog.StatusChange{ID: d.ID, Status: catalog.StatusIndexed, Reading: &catalog.Reading{PageSources: sources}}); err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	_, body := wang.get("/documents/" + d.ID + "?page=4")
	body = html.UnescapeString(body)
	for _, want := range []string{
		"第 3–5 页未识别文字（超过每份文件识别页数上限：本文件已识别 1 页）",
		"第 4 页：图片中的文字未识别（超过每份文件识别页数上限），只有文字层可检索",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the document page lacks %q", want)
		}
	}
	if strings.Contains(body, "第 4 页：空白页") {
		t.Error("a page left out of OCR is called blank")
	}
}

func TestPageRuns(t *testing.T) {
	for _, tc := range []struct {
		pages []int
		want  string
	}{
		{[]int{501, 502, 503}, "501–503"},
		{[]int{3, 501, 502, 812}, "3,501–502,812"},
		{[]int{7}, "7"},
	} {
		if got := strings.Join(pageRuns(tc.pages), ","); got != tc.want {
			t.Errorf("pageRuns(%v) = %q, want %q", tc.pages, got, tc.want)
		}
	}
}

// TestPagesLeftOutOfOCRNameThePagesRead: the line of a scan read with a
// cap other than the default (2, 3, as the tests' readers use) names the
// pages OCR read of it, not 500, the default cap it named whatever the
// reading used; a page read with low confidence was read all the same.
func TestPagesLeftOutOfOCRNameThePagesRead(t *testing.T) {
	ocr, low, skipped := catalog.SourceOCR, catalog.SourceOCRLow, catalog.SourceOCRSkipped
	for _, tc := range []struct {
		sources []string
		lang    Lang
		want    string
	}{
		{[]string{ocr, ocr, skipped, skipped, skipped}, Chinese, "第 3–5 页未识别文字（超过每份文件识别页数上限：本文件已识别 2 页）"},
		{[]string{catalog.SourceText, ocr, low, ocr, skipped}, Chinese, "第 5 页未识别文字（超过每份文件识别页数上限：本文件已识别 3 页）"},
		{[]string{ocr, skipped, skipped}, English, "Pages 2–3 were not read by OCR (over the limit of pages OCR reads per file: it read 1 page of this one)"},
		{[]string{ocr, ocr, skipped, skipped}, English, "Pages 3–4 were not read by OCR (over the limit of pages OCR reads per file: it read 2 pages of this one)"},
	} {
		d := &catalog.Document{Pages: len(tc.sources), Reading: catalog.Reading{PageSources: tc.sources}}
		if got := ocrSkippedPages(tc.lang, d); !strings.HasPrefix(got, tc.want) {
			t.Errorf("pages read as %v: %q, want it to begin %q", tc.sources, got, tc.want)
		}
	}
}
