package web

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestPagesLeftOutOfOCRAreNamed: a long scan whose pages past the OCR cap
// were not read (ocr-skipped) says so on its document page, in runs of
// pages, and each such page says its picture was not read: a page with
// no text layer is not called blank, nor said to have a layer to search.
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
		"第 3–5 页未识别文字（超过每份文件识别页数上限 500 页；本文件有 1 页的文字由识别得到）：检索不到这些页图片中的文字，只检索得到其文字层（如页码）",
		"第 4 页：图片中的文字未识别（超过每份文件识别页数上限），本页没有可检索的文字",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the document page lacks %q", want)
		}
	}
	// Page 3 keeps its page number as its text layer.
	_, third := wang.get("/documents/" + d.ID + "?page=3")
	if want := "第 3 页：图片中的文字未识别（超过每份文件识别页数上限），只有文字层可检索"; !strings.Contains(html.UnescapeString(third), want) {
		t.Errorf("page 3 lacks %q", want)
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

// TestPagesLeftOutOfOCRNameTheCapAndThePagesRead: the line of a scan
// with pages left out names the cap (500, the one production reads with)
// and, apart from it, how many pages' text came from OCR. It named only
// that count, as 本文件已识别 437 页 after the cap, which read as a cap of
// 437 when a page OCR read kept its layer; a page read with low
// confidence was read all the same.
func TestPagesLeftOutOfOCRNameTheCapAndThePagesRead(t *testing.T) {
	ocr, low, skipped := catalog.SourceOCR, catalog.SourceOCRLow, catalog.SourceOCRSkipped
	for _, tc := range []struct {
		sources []string
		lang    Lang
		want    string
	}{
		{[]string{ocr, ocr, skipped, skipped, skipped}, Chinese, "第 3–5 页未识别文字（超过每份文件识别页数上限 500 页；本文件有 2 页的文字由识别得到）"},
		{[]string{catalog.SourceText, ocr, low, ocr, skipped}, Chinese, "第 5 页未识别文字（超过每份文件识别页数上限 500 页；本文件有 3 页的文字由识别得到）"},
		{[]string{ocr, skipped, skipped}, English, "Pages 2–3 were not read by OCR (over the limit of 500 pages OCR reads per file; the text of 1 page of this one comes from OCR)"},
		{[]string{ocr, ocr, skipped, skipped}, English, "Pages 3–4 were not read by OCR (over the limit of 500 pages OCR reads per file; the text of 2 pages of this one comes from OCR)"},
	} {
		d := &catalog.Document{Pages: len(tc.sources), MIME: extract.MIMEPDF, Reading: catalog.Reading{PageSources: tc.sources}}
		if got := ocrSkippedPages(tc.lang, d); !strings.HasPrefix(got, tc.want) {
			t.Errorf("pages read as %v: %q, want it to begin %q", tc.sources, got, tc.want)
		}
	}
}

// TestPagesLeftOutOfOCRWithoutATextLayer: a TIFF's frames and an OFD's
// image pages left out of OCR are empty, so neither the document's line
// nor such a page's promises a text layer (如页码) to search; a PDF's page
// left out with no text says it has none either, while one with its
// page number keeps the words of a text layer.
func TestPagesLeftOutOfOCRWithoutATextLayer(t *testing.T) {
	sources := []string{catalog.SourceOCR, catalog.SourceOCRSkipped, catalog.SourceOCRSkipped}
	for _, tc := range []struct {
		mime string
		lang Lang
		want string
	}{
		{extract.MIMETIFF, Chinese, "第 2–3 页未识别文字（超过每份文件识别页数上限 500 页；本文件有 1 页的文字由识别得到）：这些页只有图片，没有文字层，检索不到其中的文字；如需检索，请把这些页拆分出来另行上传"},
		{extract.MIMEOFD, Chinese, "第 2–3 页未识别文字（超过每份文件识别页数上限 500 页；本文件有 1 页的文字由识别得到）：这些页只有图片，没有文字层，检索不到其中的文字；"},
		{extract.MIMETIFF, English, "Pages 2–3 were not read by OCR (over the limit of 500 pages OCR reads per file; the text of 1 page of this one comes from OCR): these pages are pictures with no text layer, so search finds nothing on them;"},
	} {
		d := &catalog.Document{Pages: len(sources), MIME: tc.mime, Reading: catalog.Reading{PageSources: sources}}
		got := ocrSkippedPages(tc.lang, d)
		if !strings.HasPrefix(got, tc.want) {
			t.Errorf("%s in %v: %q, want it to begin %q", tc.mime, tc.lang, got, tc.want)
		}
		if strings.Contains(got, "文字层（如页码）") || strings.Contains(got, "only their text layer") {
			t.Errorf("%s: %q promises a text layer its pages do not have", tc.mime, got)
		}
	}
	for _, tc := range []struct {
		mime  string
		blank bool
		want  string
	}{
		{extract.MIMETIFF, true, "第 2 页：图片中的文字未识别（超过每份文件识别页数上限），本页没有可检索的文字"},
		{extract.MIMEOFD, false, "第 2 页：图片中的文字未识别（超过每份文件识别页数上限），本页没有可检索的文字"},
		{extract.MIMEPDF, true, "第 2 页：图片中的文字未识别（超过每份文件识别页数上限），本页没有可检索的文字"},
		{extract.MIMEPDF, false, "第 2 页：图片中的文字未识别（超过每份文件识别页数上限），只有文字层可检索"},
	} {
		d := &catalog.Document{Pages: len(sources), MIME: tc.mime, Reading: catalog.Reading{PageSources: sources}}
		if got := pageReading(Chinese, d, 2, tc.blank); got != tc.want {
			t.Errorf("page 2 of a %s (blank %v): %q, want %q", tc.mime, tc.blank, got, tc.want)
		}
	}
}
