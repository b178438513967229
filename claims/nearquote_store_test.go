package claims_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// The photo's OCR text: 其 read as 甚, 成果 as 成宋.
const (
	ocrPage    = "凡课时达到规定要求的，甚学习成果均可存入杭州市民终身学习学分银行。全市建成社区学校190所，成宋显著。"
	cleanPage  = "凡课时达到规定要求的，其学习成果均可存入杭州市民终身学习学分银行。全市建成社区学校190所，成果显著。"
	paperQuote = "凡课时达到规定要求的，其学习成果均可存入杭州市民终身学习学分银行"
	valueQuote = "全市建成社区学校190所，成果显著"
)

// putText stores pages as the text of sha, read by OCR when ocr is set.
func putText(t *testing.T, e *testenv.Env, sha string, ocr bool, pages ...string) {
	t.Helper()
	st := &ingest.StoredText{Extractor: "txt", Pages: pages}
	if ocr {
		st.Extractor, st.PageSources = "ocr", []string{catalog.SourceOCR}
	}
	if _, err := e.SaveText(sha, st); err != nil {
		t.Fatal(err)
	}
}

// quoteMarks reads back the marks the three stores hold for the claim's
// citation, the value and the link: what the pages and the report show.
func quoteMarks(t *testing.T, e *testenv.Env, claimID, valueID, linkID string) map[string]catalog.QuoteMark {
	t.Helper()
	ctx := context.Background()
	c, err := e.Catalog.Claim(ctx, claimID)
	if err != nil {
		t.Fatal(err)
	}
	vs, err := e.Catalog.FindValues(ctx, catalog.ValueFilter{City: "330100"})
	if err != nil {
		t.Fatal(err)
	}
	l, err := e.Catalog.Link(ctx, linkID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]catalog.QuoteMark{"link": l.Passages()[0].QuoteMark}
	cit := c.Citations[0]
	out["claim"] = catalog.QuoteMark{Checked: true, QuoteFound: cit.QuoteFound, FoundOnPage: cit.FoundOnPage, Read: cit.QuoteRead}
	for _, v := range vs {
		if v.ID == valueID {
			cv := v.Citation
			out["value"] = catalog.QuoteMark{Checked: true, QuoteFound: cv.QuoteFound, FoundOnPage: cv.FoundOnPage, Read: cv.QuoteRead}
		}
	}
	return out
}

// TestApproximateQuoteIsStoredAndRechecked: a quote typed from the paper
// of a page OCR misread is found approximately with what OCR read, by
// citing it (claim and value) and by linking it, and stored so in each of
// the three stores; a text read anew is looked at by the same rule: an
// OCR text that reads the page right makes the quotes exact, one of a
// text layer (not OCR) with the misreading leaves them unfound, and the
// misread OCR text again makes them approximate.
func TestApproximateQuoteIsStoredAndRechecked(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	d := e.Upload("330100", "学分银行实施办法.txt", ocrPage)
	putText(t, e, d.SHA256, true, ocrPage)
	c, err := e.Claims.Create(ctx, testenv.Admin, claims.Input{City: "330100", Round: 2017, Indicator: "1.1.1",
		Statement: "杭州市学分银行认可市民的学习成果", Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: paperQuote}}})
	if err != nil {
		t.Fatal(err)
	}
	v, err := e.Values.Record(ctx, testenv.Admin, values.Input{City: "330100", Round: 2017, Indicator: "2.2.1", Value: "190",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: valueQuote}})
	if err != nil {
		t.Fatal(err)
	}
	l := &catalog.Link{DocumentID: d.ID, IndicatorCode: "1.1.1", Page: 1, Quote: paperQuote, CreatedBy: "admin"}
	if err := e.Catalog.CreateLinks(ctx, []*catalog.Link{l}, false); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Values.RecheckLinkQuotes(ctx, d.SHA256, l.ID); err != nil {
		t.Fatal(err)
	}
	approx := map[string]catalog.QuoteMark{
		"claim": {Checked: true, QuoteFound: true, FoundOnPage: 1, Read: "甚"},
		"value": {Checked: true, QuoteFound: true, FoundOnPage: 1, Read: "宋"},
		"link":  {Checked: true, QuoteFound: true, FoundOnPage: 1, Read: "甚"},
	}
	check := func(when string, want map[string]catalog.QuoteMark) {
		t.Helper()
		got := quoteMarks(t, e, c.ID, v.ID, l.ID)
		for kind, w := range want {
			if got[kind] != w {
				t.Errorf("%s: the %s's quote is %+v, want %+v", when, kind, got[kind], w)
			}
		}
	}
	check("cited on the OCR page", approx)

	steps := []struct {
		name string
		ocr  bool
		page string
		want map[string]catalog.QuoteMark
	}{
		{"read anew by OCR without the misreading", true, cleanPage, map[string]catalog.QuoteMark{
			"claim": {Checked: true, QuoteFound: true, FoundOnPage: 1},
			"value": {Checked: true, QuoteFound: true, FoundOnPage: 1},
			"link":  {Checked: true, QuoteFound: true, FoundOnPage: 1}}},
		{"read anew as a text layer with the misreading", false, ocrPage, map[string]catalog.QuoteMark{
			"claim": {Checked: true},
			"value": {Checked: true},
			"link":  {Checked: true}}},
		{"read anew by OCR with the misreading", true, ocrPage, approx},
	}
	for _, s := range steps {
		putText(t, e, d.SHA256, s.ocr, s.page)
		if _, err := e.Values.RecheckQuotes(ctx, d.SHA256); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		check(s.name, s.want)
	}
}

// TestApproximateQuoteInABigText: a scanned yearbook whose stored text is
// over 2 MB (read as a stream, not whole) has a quote typed from the
// paper that runs from one page onto the next, 其 read as 甚: citing it
// stores it found approximately with what OCR read, as a small text
// would, and so does looking again once the text is read anew.
func TestApproximateQuoteInABigText(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	filler := strings.Repeat("推进学习型城市建设，完善终身教育体系。", 60) // 3.4 KB
	pages := make([]string, 700)
	sources := make([]string, len(pages))
	for i := range pages {
		pages[i], sources[i] = fmt.Sprintf("%s\n— %d —", filler, i+1), catalog.SourceOCR
	}
	pages[400] = filler + "凡课时达到规定要求的，甚学习成果\n— 401 —"
	pages[401] = "均可存入杭州市民终身学习学分银行。" + filler + "\n— 402 —"
	d := e.Upload("330100", "杭州市终身学习年鉴.txt", "杭州市终身学习年鉴（扫描件）")
	st := &ingest.StoredText{Extractor: "ocr", Pages: pages, PageSources: sources}
	if _, err := e.SaveText(d.SHA256, st); err != nil {
		t.Fatal(err)
	}
	// The scan's pages, as its reading would have counted them.
	if err := e.Catalog.SetStatus(ctx, catalog.StatusChange{ID: d.ID, Status: catalog.StatusIndexed, Pages: len(pages),
		Reading: &catalog.Reading{PageSources: sources}}); err != nil {
		t.Fatal(err)
	}
	if info, err := e.Blobs.Stat(ctx, catalog.TextKey(d.SHA256)); err != nil || info.Size <= 2<<20 {
		t.Fatalf("the stored text is %d bytes (%v), want over 2 MB", info.Size, err)
	}
	c, err := e.Claims.Create(ctx, testenv.Admin, claims.Input{City: "330100", Round: 2017, Indicator: "1.1.1",
		Statement: "杭州市学分银行认可市民的学习成果", Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 401, Quote: paperQuote}}})
	if err != nil {
		t.Fatal(err)
	}
	want := catalog.Citation{QuoteFound: true, FoundOnPage: 401, QuoteRead: "甚"}
	if cit := c.Citations[0]; cit.QuoteFound != want.QuoteFound || cit.FoundOnPage != want.FoundOnPage || cit.QuoteRead != want.QuoteRead {
		t.Fatalf("cited on page 401: found %v on page %d reading %q; want found on 401 reading 甚", cit.QuoteFound, cit.FoundOnPage, cit.QuoteRead)
	}
	// Read anew with the misreading on page 402's opening instead.
	pages[400] = filler + "凡课时达到规定要求的，其学习成果\n— 401 —"
	pages[401] = "均可存人杭州市民终身学习学分银行。" + filler + "\n— 402 —"
	if _, err := e.SaveText(d.SHA256, st); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Values.RecheckQuotes(ctx, d.SHA256); err != nil {
		t.Fatal(err)
	}
	again, err := e.Catalog.Claim(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if cit := again.Citations[0]; !cit.QuoteFound || cit.FoundOnPage != 401 || cit.QuoteRead != "人" {
		t.Errorf("read anew: found %v on page %d reading %q; want found on 401 reading 人", cit.QuoteFound, cit.FoundOnPage, cit.QuoteRead)
	}
}
