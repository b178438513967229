package values_test

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestAValueCitedWithoutItsPageCitesWhereTheQuoteIs: a 数值 whose
// sentence is cited without its page cites the page the sentence starts
// on, and its number is checked there; a sentence found nowhere still
// asks for the page.
func TestAValueCitedWithoutItsPageCitesWhereTheQuoteIs(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "tongji.txt", "杭州市2017年终身学习工作统计\n— 1 —\f"+ledgerPage)
	v, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: "2.3.3", Value: values.Written("12.3万人"),
		Citation: claims.CitationInput{DocumentID: d.ID, Quote: "存入学分银行的社会培训成果达12.3万人"}})
	if err != nil {
		t.Fatalf("a value cited without its page: %v", err)
	}
	if v.Citation.Page != 2 || !v.Citation.QuoteFound || !v.ValueFound {
		t.Errorf("the value cited without its page: page %d, quote found %v, value found %v; want page 2, both found",
			v.Citation.Page, v.Citation.QuoteFound, v.ValueFound)
	}
	_, err = e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: "2.3.3", Value: values.Written("12.3万人"),
		Citation: claims.CitationInput{DocumentID: d.ID, Quote: "这句话不在文档中"}})
	if catalog.ErrorCode(err) != catalog.EINVALID || catalog.ErrorField(err) != "page" {
		t.Errorf("a quote found nowhere, without its page: %v, want EINVALID on page", err)
	}
}
