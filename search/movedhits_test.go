package search

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// A document moved to another city is not shown to the accounts of the
// city it left while the index still files it there (probe s46 #1): the
// catalog's move commits before the index is written again, and the
// index of another node follows the catalog late, or not at all while
// its writes fail. Until then the index's city filter still matches it
// (its result kept from before the move, too), and the search, export
// and a claim's candidates used to show its title and passages to the
// old city's coordinator and departments, named as the new city's.
func TestADocumentMovedAwayIsNotShownToTheCityItLeft(t *testing.T) {
	ctx := context.Background()
	svc := facetStores(t)
	users := []*catalog.User{
		{Username: "coordA", Role: catalog.RoleCoordinator, City: "330100"},
		{Username: "jiaoyu", Role: catalog.RoleContributor, City: "330100", Department: "市教育局"},
	}
	const q = "杭州日报"
	for _, u := range users {
		// Searched once before the move, so that the index keeps the result.
		if res := searchAs(t, svc, Request{Query: q, User: u}); !hitIs(res, "A6") {
			t.Fatalf("%s searching %q before the move: hits %v, want A6", u.Username, q, hitList(res))
		}
	}
	// Moved in the catalog; the index is not written again yet.
	if _, err := svc.cat.MoveDocument(ctx, "A6", "510100", "admin"); err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		res := searchAs(t, svc, Request{Query: q, User: u})
		for _, h := range res.Hits {
			if h.ID == "A6" || h.City != "330100" {
				t.Errorf("%s searching %q after A6 moved to 成都: shown %s of city %s (%s), a document of a city it may not see",
					u.Username, q, h.ID, h.City, h.CityName)
			}
		}
		xlsx, _, _, err := svc.exportRows(ctx, Request{Query: q, User: u}, "http://archive", false)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range xlsx {
			if strings.Contains(strings.Join(rowText(row), " "), "A6.txt") {
				t.Errorf("%s exporting %q after A6 moved to 成都: row %v names it", u.Username, q, row)
			}
		}
	}
	c := &catalog.Claim{ID: "C1", City: "330100", Round: 2018, Indicator: "2.3.1", Statement: "杭州日报报道学分银行试点"}
	cands, err := svc.ClaimCandidates(ctx, c, nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, cd := range cands {
		if cd.DocumentID == "A6" {
			t.Errorf("candidates of a claim of 杭州 after A6 moved to 成都: %+v", cd)
		}
	}
}

func searchAs(t *testing.T, svc *Service, req Request) *Result {
	t.Helper()
	res, err := svc.Search(context.Background(), req)
	if err != nil {
		t.Fatalf("search %q as %s: %v", req.Query, req.User.Username, err)
	}
	return res
}

func hitIs(res *Result, id string) bool {
	return len(res.Hits) > 0 && res.Hits[0].ID == id
}

func rowText(row []any) []string {
	out := make([]string, len(row))
	for i, v := range row {
		out[i] = fmt.Sprint(v)
	}
	return out
}
