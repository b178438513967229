package web

import (
	"context"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestABlankPageIsCalledBlank: OCR of an empty page reports 0%; the page
// says 空白页 (blank page), not 识别文字（OCR，置信度 0%）, which reads as
// a failed reading (probe s27 §12).
func TestABlankPageIsCalledBlank(t *testing.T) {
	conf := 0.0
	d := &catalog.Document{MIME: "application/pdf", Pages: 2, Reading: catalog.Reading{
		PageSources: []string{catalog.SourceOCR, catalog.SourceText}, OCRConfidence: &conf}}
	if got := pageReading(Chinese, d, 1, true); got != "第 1 页\uFF1A空白页" {
		t.Errorf("blank OCR page: %q, want 第 1 页：空白页", got)
	}
	if got := pageReading(English, d, 1, true); got != "Page 1: blank page" {
		t.Errorf("blank OCR page in English: %q", got)
	}
	// With text, the page is no longer blank: read at 0% before pages
	// were marked ocr-low, it is one (catalog.Reading.PageSource).
	if got := pageReading(Chinese, d, 1, false); !strings.Contains(got, "置信度低") {
		t.Errorf("an OCR page with text read at 0%%: %q, want it said to be read with low confidence", got)
	}
}

// TestADocumentOpensOnItsFirstPageWithText: a document whose first page
// is blank opens on the page after it; asked for, page 1 is shown, and
// said to be blank.
func TestADocumentOpensOnItsFirstPageWithText(t *testing.T) {
	s := newSite(t)
	st, err := s.env.Ingest.Stage(strings.NewReader("\f\f关于推进学习型城市建设的实施意见：全市社区学校覆盖率达到85%。"), "实施意见.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	out, err := s.env.Ingest.Upload(context.Background(), testenv.Admin, ingest.UploadRequest{
		Meta: ingest.Meta{City: "330100", DocType: "policy"}, Files: []*ingest.Staged{st}})
	if err != nil || out[0].Err != nil {
		t.Fatalf("upload: %v %+v", err, out)
	}
	d := s.env.WaitIndexed(out[0].Document.ID)
	if d.Pages != 3 {
		t.Fatalf("the text has %d pages, want 3 (two blank)", d.Pages)
	}
	wang := s.login("wang")
	_, body := wang.get("/documents/" + d.ID)
	if shown := pageShown(body); !strings.Contains(shown, `data-page="3"`) || !strings.Contains(shown, "覆盖率达到85%") {
		t.Errorf("opened without a page, the document does not show its first page with text (3):\n%s", shown)
	}
	_, body = wang.get("/documents/" + d.ID + "?page=1")
	if shown := pageShown(body); !strings.Contains(shown, `data-page="1"`) || strings.Contains(shown, "覆盖率") ||
		!strings.Contains(html.UnescapeString(textOf(body)), "第 1 页\uFF1A空白页") {
		t.Errorf("page 1 asked for: want it shown, blank, and said to be 空白页:\n%s", shown)
	}
}

// pageShown is the page text a document page shows, from its
// <div class="pagetext"> to its end.
func pageShown(body string) string {
	i := strings.Index(body, `<div class="pagetext"`)
	if i < 0 {
		return ""
	}
	j := strings.Index(body[i:], "</div>")
	if j < 0 {
		return body[i:]
	}
	return body[i : i+j]
}

// TestADocumentOpensWhereItsQueryIs: a document opened with q and no
// page (a link pasted by a colleague, a bookmark) showed page 1 even when
// q is only on page 3 (probe s43 #8). It opens on the page its search
// result links to, the query's words marked there, for a query with
// operators too; asked for, page 1 is shown; a q on page 1, or in no
// text, leaves it on page 1.
func TestADocumentOpensWhereItsQueryIs(t *testing.T) {
	s := newSite(t)
	st, err := s.env.Ingest.Stage(strings.NewReader("杭州市社区教育工作总结：全市建成社区学校一百二十所。\f"+
		"老年教育：全市老年大学在校学员三万人。\f"+
		"终身学习成果认证：学分银行累计为3000名市民存入学分。"), "学分银行工作总结.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	out, err := s.env.Ingest.Upload(context.Background(), testenv.Admin, ingest.UploadRequest{
		Meta: ingest.Meta{City: "330100", DocType: "policy"}, Files: []*ingest.Staged{st}})
	if err != nil || out[0].Err != nil {
		t.Fatalf("upload: %v %+v", err, out)
	}
	d := s.env.WaitIndexed(out[0].Document.ID)
	if d.Pages != 3 {
		t.Fatalf("the text has %d pages, want 3", d.Pages)
	}
	wang := s.login("wang")
	for _, q := range []string{"学分银行", "学分银行 -夜校", `"存入学分"`} {
		_, body := wang.get("/documents/" + d.ID + "?q=" + url.QueryEscape(q))
		if shown := pageShown(body); !strings.Contains(shown, `data-page="3"`) || !strings.Contains(shown, "<mark>") {
			t.Errorf("opened with q=%s and no page: want page 3, where it is, marked:\n%s", q, shown)
		}
	}
	_, body := wang.get("/documents/" + d.ID + "?q=" + url.QueryEscape("学分银行") + "&page=1")
	if shown := pageShown(body); !strings.Contains(shown, `data-page="1"`) {
		t.Errorf("page 1 asked for with q: want page 1:\n%s", shown)
	}
	for _, q := range []string{"社区学校", "夜校"} {
		_, body = wang.get("/documents/" + d.ID + "?q=" + url.QueryEscape(q))
		if shown := pageShown(body); !strings.Contains(shown, `data-page="1"`) {
			t.Errorf("q=%s, on page 1 or in no text: want page 1:\n%s", q, shown)
		}
	}
}
