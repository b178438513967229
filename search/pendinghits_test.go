package search

import (
	"context"
	"maps"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// The hit list, its total and groups find a document by the catalog's
// values while its index copy still holds the old ones, as the facets
// count it: a change whose index write has not happened yet is held back
// here by not writing the index at all. The hits used to trust the index
// for every filter but the city, and to leave out a document moved away
// only on the page that would show it, so the total still counted it on
// the other pages while the facets no longer did; a document moved under
// the filters searched was found only once the index applied the move.
func TestHitsFindTheCatalogsValuesWhileTheIndexCatchesUp(t *testing.T) {
	ctx := context.Background()
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	coordA := &catalog.User{Username: "coordA", Role: catalog.RoleCoordinator, City: "330100"}
	str := func(s string) *string { return &s }
	move := func(cat *catalog.Store) error {
		_, err := cat.MoveDocument(ctx, "A6", "510100", "admin")
		return err
	}
	retype := func(cat *catalog.Store) error {
		_, err := cat.UpdateDocument(ctx, "A6", catalog.DocumentPatch{DocType: str(string(catalog.DocPressReport))}, "admin")
		return err
	}
	date := func(cat *catalog.Store) error {
		_, err := cat.UpdateDocument(ctx, "A6", catalog.DocumentPatch{IssuedOn: str("2018-05-10")}, "admin")
		return err
	}
	link := func(cat *catalog.Store) error {
		return cat.CreateLinks(ctx, []*catalog.Link{{DocumentID: "A6", IndicatorCode: "1.1.2", CreatedBy: "admin"}}, false)
	}
	cases := []struct {
		name   string
		change func(cat *catalog.Store) error
		req    Request
		want   []string
	}{
		{"moved to 成都, as 杭州's coordinator searches", move, Request{User: coordA}, []string{"A1", "A2", "A3", "A4"}},
		{"moved to 成都, searched in 杭州", move, Request{User: admin, Cities: []string{"330100"}}, []string{"A1", "A2", "A3", "A4"}},
		{"moved to 成都, searched in 成都", move, Request{User: admin, Cities: []string{"510100"}}, []string{"A6", "B1"}},
		{"moved to 成都, searched everywhere", move, Request{User: admin}, []string{"A1", "A2", "A3", "A4", "A6", "B1"}},
		{"made a 新闻报道, searched among 工作总结", retype, Request{User: admin, DocTypes: []string{"工作总结"}}, []string{"A1", "A2", "A3", "A4", "B1"}},
		{"made a 新闻报道, searched among 新闻报道", retype, Request{User: admin, DocTypes: []string{"新闻报道"}}, []string{"A6"}},
		{"dated 2018, searched in 2018", date, Request{User: admin, Years: []int{2018}}, []string{"A6"}},
		{"dated 2018, searched in round 2018", date, Request{User: admin, Rounds: []int{2018}}, []string{"A6"}},
		{"linked to 1.1.2, searched under 1.1.2", link, Request{User: admin, Indicators: []string{"1.1.2"}}, []string{"A4", "A6"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svc := facetStores(t)
			c.req.Query = "学分银行"
			// Searched once before, so that the index keeps the result.
			searchAs(t, svc, c.req)
			if err := c.change(svc.cat); err != nil {
				t.Fatal(err)
			}
			res := searchAs(t, svc, c.req)
			if got := hitIDList(res); !slices.Equal(sorted(got), c.want) {
				t.Errorf("hits after A6 %s, its index copy not written again: %v, want %v", c.name, got, c.want)
			}
			// Page by page, each page's counts are the list's, and the
			// pages hold the list once.
			var paged []string
			for from := 0; from <= len(c.want); from++ {
				req := c.req
				req.From, req.Size = from, 1
				page := searchAs(t, svc, req)
				if page.Total != uint64(len(c.want)) || page.Groups != uint64(len(c.want)) {
					t.Errorf("page from %d after A6 %s: total %d, groups %d, want %d (hits %s)",
						from, c.name, page.Total, page.Groups, len(c.want), hitList(page))
				}
				paged = append(paged, hitIDList(page)...)
			}
			if !slices.Equal(paged, hitIDList(res)) {
				t.Errorf("pages of one hit after A6 %s: %v, the page of ten %v", c.name, paged, hitIDList(res))
			}
			sum := 0
			for _, n := range facetCounts(res, "city") {
				sum += n
			}
			if uint64(sum) != res.Total {
				t.Errorf("city facet counts %d documents, the hit list %d: %v", sum, res.Total, facetCounts(res, "city"))
			}
		})
	}
}

// The same holds on a node whose index follows a shared catalog, for the
// changes another node made and indexed that this node has not applied:
// a move, and a deletion.
func TestHitsFindTheChangesTheFollowerHasNotApplied(t *testing.T) {
	ctx := context.Background()
	svc := facetStores(t)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	applied, err := svc.cat.LatestSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}
	svc.UseIndexFollower(fixedFollower{applied})
	if _, err := svc.cat.MoveDocument(ctx, "A6", "510100", "admin"); err != nil {
		t.Fatal(err)
	}
	if err := svc.cat.SetStatus(ctx, catalog.StatusChange{ID: "A6", Status: catalog.StatusIndexed}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.cat.DeleteDocument(ctx, "A1", "admin"); err != nil {
		t.Fatal(err)
	}
	for city, want := range map[string][]string{"330100": {"A2", "A3", "A4"}, "510100": {"A6", "B1"}} {
		res := searchAs(t, svc, Request{Query: "学分银行", User: admin, Cities: []string{city}})
		if got := sorted(hitIDList(res)); !slices.Equal(got, want) || res.Total != uint64(len(want)) {
			t.Errorf("学分银行 in %s on a node that has not applied A6's move nor A1's deletion: hits %v, total %d, want %v",
				city, got, res.Total, want)
		}
		if got := facetCounts(res, "city"); !maps.Equal(got, map[string]int{city: len(want)}) {
			t.Errorf("学分银行 in %s: city facet %v, want %d", city, got, len(want))
		}
	}
}

func hitIDList(res *Result) []string {
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return ids
}

func sorted(ids []string) []string {
	return slices.Sorted(slices.Values(ids))
}

// A document found by the catalog's values ranks by them in an order by
// date of issue: dated while its index copy is not, it comes first among
// undated ones, on the first page, and the pages hold it once.
func TestHitsRankByTheCatalogsDateWhileTheIndexCatchesUp(t *testing.T) {
	ctx := context.Background()
	svc := facetStores(t)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	req := Request{Query: "学分银行", User: admin, Sort: index.SortIssued}
	searchAs(t, svc, req)
	issued := "2018-05-10"
	if _, err := svc.cat.UpdateDocument(ctx, "B1", catalog.DocumentPatch{IssuedOn: &issued}, "admin"); err != nil {
		t.Fatal(err)
	}
	res := searchAs(t, svc, req)
	if !hitIs(res, "B1") {
		t.Errorf("学分银行 by date of issue after B1 was dated, its index copy not: hits %v, want B1 first", hitList(res))
	}
	var paged []string
	for from := range len(res.Hits) {
		req.From, req.Size = from, 1
		paged = append(paged, hitIDList(searchAs(t, svc, req))...)
	}
	if !slices.Equal(paged, hitIDList(res)) {
		t.Errorf("pages of one hit by date of issue: %v, the page of ten %v", paged, hitIDList(res))
	}
}

// The indicators facet counts what filtering by each indicator finds
// also for a document cited by a claim (定性描述) that moved while its
// index copy did not: A4, cited by 杭州's claims of 2.3.1 and 1.1.2 and
// moved to 成都, is evidence of neither in 杭州's search, and was
// counted under 1.1.2 by its index copy.
func TestIndicatorFacetCountsACitedDocumentByTheCatalogWhileTheIndexCatchesUp(t *testing.T) {
	ctx := context.Background()
	svc := facetStores(t)
	coordA := &catalog.User{Username: "coordA", Role: catalog.RoleCoordinator, City: "330100"}
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	if _, err := svc.cat.MoveDocument(ctx, "A4", "510100", "admin"); err != nil {
		t.Fatal(err)
	}
	for _, req := range []Request{{User: coordA}, {User: admin, Cities: []string{"510100"}}} {
		req.Query = "学分银行"
		res := searchAs(t, svc, req)
		for _, code := range []string{"2.3.1", "2.3.2", "1.1.2"} {
			filtered := req
			filtered.Indicators = []string{code}
			found := searchAs(t, svc, filtered)
			if got, want := facetCount(res, code), int(found.Total); got != want {
				t.Errorf("%s searching %q in %v after A4 moved to 成都: facet %s counts %d, filtering by it finds %d (%s)",
					req.User.Username, req.Query, req.Cities, code, got, want, hitList(found))
			}
		}
	}
}

// A pending document is folded with its versions as the index's groups
// are: A6, a version of A1 that the index has, retyped while its index
// copy is not written again, is one group with A1, not a group of its
// own beside it (a group listed twice), on every page and whichever of
// the two ranks first.
func TestPendingDocumentFoldsWithItsVersions(t *testing.T) {
	ctx := context.Background()
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	for _, sort := range []index.Sort{index.SortRelevance, index.SortUploaded, index.SortIssued} {
		svc := facetStores(t)
		if err := svc.cat.AddNearDuplicates(ctx, "A1", []catalog.NearDuplicate{{ID: "A6", Similarity: 0.97}}); err != nil {
			t.Fatal(err)
		}
		req := Request{Query: "学分银行", User: admin, Sort: sort}
		searchAs(t, svc, req)
		report := string(catalog.DocPressReport)
		if _, err := svc.cat.UpdateDocument(ctx, "A6", catalog.DocumentPatch{DocType: &report}, "admin"); err != nil {
			t.Fatal(err)
		}
		res := searchAs(t, svc, req)
		// A1 and A6 one group; A2, A3, A4 and B1 the others.
		if res.Total != 6 || res.Groups != 5 || len(res.Hits) != 5 || res.Folded != 1 {
			t.Errorf("学分银行 by %v after A6, a version of A1, was retyped: total %d, groups %d, folded %d, hits %s; want 6 documents in 5 groups, one folded",
				sort, res.Total, res.Groups, res.Folded, hitList(res))
		}
		var group []string
		for _, h := range res.Hits {
			if h.ID == "A1" || h.ID == "A6" {
				group = append(group, h.ID)
				group = append(group, h.NearDuplicateIDs...)
			}
		}
		if !slices.Equal(sorted(group), []string{"A1", "A6"}) {
			t.Errorf("学分银行 by %v: the group of A1 and A6 shows as %v, want one hit folding the other", sort, group)
		}
		var paged []string
		for from := 0; from <= 5; from++ {
			req := req
			req.From, req.Size = from, 1
			page := searchAs(t, svc, req)
			if page.Total != 6 || page.Groups != 5 {
				t.Errorf("学分银行 by %v from %d: total %d, groups %d, want 6 and 5 (hits %s)", sort, from, page.Total, page.Groups, hitList(page))
			}
			paged = append(paged, hitIDList(page)...)
		}
		if !slices.Equal(paged, hitIDList(res)) {
			t.Errorf("学分银行 by %v: pages of one group %v, the page of ten %v", sort, paged, hitIDList(res))
		}
		// Filtered to 新闻报道, A6 is found alone: its version A1 is not.
		only := req
		only.DocTypes = []string{"新闻报道"}
		if got := searchAs(t, svc, only); !slices.Equal(hitIDList(got), []string{"A6"}) || got.Groups != 1 || got.Folded != 0 {
			t.Errorf("学分银行 among 新闻报道 by %v: hits %s, groups %d, folded %d; want A6 alone", sort, hitList(got), got.Groups, got.Folded)
		}
	}
}
