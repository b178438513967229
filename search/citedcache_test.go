package search

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// A search keeps what claims and values cite between searches
// (citedCache), yet a citation made, or withdrawn, after a search counts
// at the next one, in the facet and in the filter alike.
func TestCitedDocumentsKeptUntilACitationChanges(t *testing.T) {
	ctx := context.Background()
	svc := facetStores(t)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	counts := func(when string, want int) {
		t.Helper()
		res, err := svc.Search(ctx, Request{Query: "学分银行", User: admin})
		if err != nil {
			t.Fatal(err)
		}
		filtered, err := svc.Search(ctx, Request{Query: "学分银行", User: admin, Indicators: []string{"1.1.2"}})
		if err != nil {
			t.Fatal(err)
		}
		if got := facetCount(res, "1.1.2"); got != want {
			t.Errorf("%s: facet 1.1.2 counts %d, want %d", when, got, want)
		}
		if int(filtered.Total) != want {
			t.Errorf("%s: filtering by 1.1.2 finds %d (%s), want %d", when, filtered.Total, hitList(filtered), want)
		}
	}
	counts("before", 1) // A4, cited by 1.1.2
	c := &catalog.Claim{City: "330100", Round: 2018, Indicator: "1.1.2", Statement: "学分银行累计存入学分十二万", CreatedBy: "admin",
		Citations: []catalog.Citation{{DocumentID: "A2", Page: 1, Quote: "杭州市建立学分银行"}}}
	if err := svc.cat.CreateClaim(ctx, c); err != nil {
		t.Fatal(err)
	}
	counts("after a claim of 1.1.2 cited A2", 2)
	if _, err := svc.cat.WithdrawClaim(ctx, c.ID, "admin", "重复填报"); err != nil {
		t.Fatal(err)
	}
	counts("after that claim was withdrawn", 1)
}
