package report_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
)

// TestApproximateQuoteIsPrintedAsTyped: a claim quotes a photo whose OCR
// read 其 as 甚. The report prints the quote as the coordinator typed it
// (其), not the misreading, without （原文中未找到该引文）, and says it
// matched the scan's recognised text approximately; a quote matched
// exactly is not so marked.
func TestApproximateQuoteIsPrintedAsTyped(t *testing.T) {
	e := testenv.New(t)
	const page = "凡课时达到规定要求的，甚学习成果均可存入杭州市民终身学习学分银行。杭州市建立学分银行制度。"
	d := e.Upload(hangzhou, "xuefen.jpg.txt", page)
	if _, err := e.SaveText(d.SHA256, &ingest.StoredText{Extractor: "ocr", Pages: []string{page},
		PageSources: []string{catalog.SourceOCR}}); err != nil {
		t.Fatal(err)
	}
	const typed, exact = "凡课时达到规定要求的，其学习成果均可存入杭州市民终身学习学分银行", "杭州市建立学分银行制度"
	if _, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "杭州市学分银行认可学习成果",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: typed}, {DocumentID: d.ID, Page: 1, Quote: exact}}}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lang       report.Lang
		mark, lost string
	}{
		{report.Chinese, "\uFF08与扫描件识别文字基本一致\uFF09", "原文中未找到该引文"},
		{report.English, " (matches the scan's recognised text approximately)", "quote not found in the source text"},
	} {
		r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
		if err != nil {
			t.Fatal(err)
		}
		r.Lang = tt.lang
		text, _, _ := docx(t, r)
		typedShown := catalog.Fullwidth(typed)
		if !strings.Contains(text, typedShown+tt.mark) || strings.Contains(text, tt.lost) || strings.Contains(text, exact+tt.mark) ||
			strings.Contains(text, "甚学习") {
			t.Errorf("DOCX (%s) does not print %q marked %q alone (nor without %q and the misreading): %.1500s", tt.lang, typed, tt.mark, tt.lost, text)
		}
	}
}
