package claims_test

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestACitationWithoutItsPageCitesWhereTheQuoteIs: a 定性描述 citing a
// sentence copied from a document, its page left out, cites the page
// the sentence starts on (the second of three); one whose sentence is
// nowhere in the document still asks for the page. Every citation
// without a page used to be refused (请填写引文所在的页码), even of a
// one-page notice.
func TestACitationWithoutItsPageCitesWhereTheQuoteIs(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	d := e.Upload("330100", "zongjie.txt", "杭州市学习型城市建设工作总结\n全市建成社区学校一百二十所。\n— 1 —\f"+
		"建立终身教育学分银行，实现学习成果的认定、积累和转换。\n— 2 —\f全市开展学习型城市建设，成效显著。")
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	c, err := e.Claims.Create(ctx, coord, claims.Input{City: "330100", Indicator: "2.3.1", Statement: "杭州市建立了终身教育学分银行",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Quote: "实现学习成果的认定、积累和转换"}}})
	if err != nil {
		t.Fatalf("a citation without its page: %v", err)
	}
	if cit := c.Citations[0]; cit.Page != 2 || !cit.QuoteFound || cit.FoundOnPage != 2 {
		t.Errorf("the citation without its page: page %d, found %v on page %d; want page 2, found there", cit.Page, cit.QuoteFound, cit.FoundOnPage)
	}
	_, err = e.Claims.Create(ctx, coord, claims.Input{City: "330100", Indicator: "2.3.1", Statement: "杭州市建立了终身教育学分银行",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Quote: "这句话不在文档中"}}})
	if catalog.ErrorCode(err) != catalog.EINVALID || catalog.ErrorField(err) != "page" {
		t.Errorf("a quote found nowhere, without its page: %v, want EINVALID on page", err)
	}
}
