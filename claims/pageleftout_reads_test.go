package claims_test

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestACitationWithoutItsPageReadsTheTextOnce: a claim's or a value's
// citation sent without its page reads the document's text as often as
// one sent with it: the read that finds the page the quote starts on is
// the one its quote is checked in. It read the text twice (review s56,
// low: a text over 2 MB was scanned twice), with the same result.
func TestACitationWithoutItsPageReadsTheTextOnce(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	d := e.Upload("330100", "zongjie.txt", "杭州市学习型城市建设工作总结\n全市建成社区学校一百二十所。\n— 1 —\f"+
		"建立终身教育学分银行，累计存入学习成果12.3万条。\n— 2 —\f全市开展学习型城市建设，成效显著。")
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	store := &textReads{Store: e.Blobs}
	cl := claims.NewService(e.Catalog, store, e.Search)
	vs := values.NewService(e.Catalog, store)
	const quote = "累计存入学习成果12.3万条"
	for _, page := range []int{2, 0} {
		store.n.Store(0)
		c, err := cl.Create(ctx, coord, claims.Input{City: "330100", Indicator: "2.3.1", Statement: "杭州市建立了终身教育学分银行",
			Citations: []claims.CitationInput{{DocumentID: d.ID, Page: page, Quote: quote}}})
		if err != nil {
			t.Fatalf("a claim citing page %d: %v", page, err)
		}
		if cit := c.Citations[0]; cit.Page != 2 || !cit.QuoteFound || cit.FoundOnPage != 2 {
			t.Errorf("a claim citing page %d: page %d, found %v on page %d; want page 2, found there", page, cit.Page, cit.QuoteFound, cit.FoundOnPage)
		}
		if n := store.n.Load(); n != 1 {
			t.Errorf("a claim citing page %d read the text %d times, want once", page, n)
		}
		store.n.Store(0)
		v, err := vs.Record(ctx, coord, values.Input{City: "330100", Round: 2017, Indicator: "2.3.3", Value: values.Written("12.3万"),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: page, Quote: quote}})
		if err != nil {
			t.Fatalf("a value citing page %d: %v", page, err)
		}
		if cit := v.Citation; cit.Page != 2 || !cit.QuoteFound || !v.ValueFound {
			t.Errorf("a value citing page %d: page %d, quote found %v, value found %v; want page 2, both found", page, cit.Page, cit.QuoteFound, v.ValueFound)
		}
		if n := store.n.Load(); n != 1 {
			t.Errorf("a value citing page %d read the text %d times, want once", page, n)
		}
	}
}
