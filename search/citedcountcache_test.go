package search

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// facetSearches are the searches the kept counts are checked on: each
// user, query and indicator filter (none, or one) of the facet corpus.
func facetSearches() []Request {
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	coord := &catalog.User{Username: "coordA", Role: catalog.RoleCoordinator, City: "330100"}
	var out []Request
	for _, u := range []*catalog.User{admin, coord} {
		for _, q := range []string{"学分银行", "工作总结", "杭州市", "建设"} {
			for _, code := range []string{"", "2.3.1", "2.3.2", "1.1.2"} {
				r := Request{Query: q, User: u}
				if code != "" {
					r.Indicators = []string{code}
				}
				out = append(out, r)
			}
		}
	}
	return out
}

// indicatorFacets is the indicators facet of req's search by svc, as text.
func indicatorFacets(t *testing.T, svc *Service, req Request) string {
	t.Helper()
	res, err := svc.Search(context.Background(), req)
	if err != nil {
		t.Fatalf("%s searching %q by %v: %v", req.User.Username, req.Query, req.Indicators, err)
	}
	return fmt.Sprint(res.Facets[indicatorFacet])
}

// facetsCountedAfresh checks that the indicators facet of every search of
// facetSearches, given first, again and on page 2 by svc, is the one a
// service counting afresh gives, and returns the fresh ones by user,
// query and indicator filter.
func facetsCountedAfresh(t *testing.T, svc *Service, when string) map[string]string {
	t.Helper()
	facets := map[string]string{}
	for _, req := range facetSearches() {
		first := indicatorFacets(t, svc, req)
		again := indicatorFacets(t, svc, req)
		req2 := req
		req2.Size, req2.From = 1, 1
		page2 := indicatorFacets(t, svc, req2)
		fresh := indicatorFacets(t, NewService(svc.idx, svc.cat), req)
		if first != fresh || again != fresh || page2 != fresh {
			t.Errorf("%s: %s searching %q by %v: facet %s, again %s, on page 2 %s; counted afresh %s",
				when, req.User.Username, req.Query, req.Indicators, first, again, page2, fresh)
		}
		facets[fmt.Sprint(req.User.Username, req.Query, req.Indicators)] = fresh
	}
	return facets
}

// The indicators facet a search gives again, or on another page, is the
// one a service counting afresh gives, on the corpus of claims (定性描述)
// citing documents, and after a claim cites one more document and a
// document is linked to one more indicator (and indexed again) it is the
// new one, not the one kept.
func TestIndicatorFacetKeptIsCountedAfresh(t *testing.T) {
	ctx := context.Background()
	svc := facetStores(t)
	compare := func(when string) map[string]string { return facetsCountedAfresh(t, svc, when) }
	before := compare("as stored")
	// A6 says 学分银行 and no claim cited it; A5 is linked to nothing.
	c := &catalog.Claim{City: "330100", Round: 2018, Indicator: "2.3.2", Statement: "社区学习共同体覆盖全部街道", CreatedBy: "admin",
		Citations: []catalog.Citation{{DocumentID: "A6", Page: 1, Quote: "杭州日报报道学分银行"}}}
	if err := svc.cat.CreateClaim(ctx, c); err != nil {
		t.Fatal(err)
	}
	after := compare("a claim cites A6")
	if before[fmt.Sprint("admin", "学分银行", []string(nil))] == after[fmt.Sprint("admin", "学分银行", []string(nil))] {
		t.Errorf("学分银行: facet %s before A6 was cited and after: the citation changes nothing the test checks", after[fmt.Sprint("admin", "学分银行", []string(nil))])
	}
	if err := svc.cat.CreateLinks(ctx, []*catalog.Link{{DocumentID: "A5", IndicatorCode: "1.1.2", CreatedBy: "admin"}}, false); err != nil {
		t.Fatal(err)
	}
	inds, err := svc.cat.DocumentIndicators(ctx, []string{"A5"})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.idx.Index(ctx, []index.Document{{ID: "A5", Title: "学习型城市建设材料", Pages: []string{"杭州市老年教育工作总结。"}, City: "330100",
		DocType: string(catalog.DocWorkSummary), Indicators: inds["A5"]}}); err != nil {
		t.Fatal(err)
	}
	linked := compare("A5 linked to 1.1.2")
	if after[fmt.Sprint("admin", "工作总结", []string(nil))] == linked[fmt.Sprint("admin", "工作总结", []string(nil))] {
		t.Errorf("工作总结: facet %s before A5 was linked and after: the link changes nothing the test checks", linked[fmt.Sprint("admin", "工作总结", []string(nil))])
	}
}

// askedIndex is the index of a test, keeping the queries asked of it.
type askedIndex struct {
	*index.Bleve
	asked []index.Query
}

func (a *askedIndex) Search(ctx context.Context, q index.Query) (*index.Result, error) {
	a.asked = append(a.asked, q)
	return a.Bleve.Search(ctx, q)
}

// A search asked again, or on another page, does not search the index
// again over every document cited in scope: the counts of the cited
// documents in its indicators facet are kept.
func TestIndicatorFacetAgainSearchesNoCitedDocuments(t *testing.T) {
	ctx := context.Background()
	svc := facetStores(t)
	idx := &askedIndex{Bleve: svc.idx.(*index.Bleve)}
	svc = NewService(idx, svc.cat)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	cited := []string{"A2", "A3", "A4", "A5", "B1", "B2"}
	citedAsked := func() int {
		n := 0
		for _, q := range idx.asked {
			if slices.Equal(q.Filter.IDs, cited) {
				n++
			}
		}
		idx.asked = nil
		return n
	}
	req := Request{Query: "学分银行", User: admin, Size: 2}
	if _, err := svc.Search(ctx, req); err != nil {
		t.Fatal(err)
	}
	if n := citedAsked(); n != 1 {
		t.Fatalf("学分银行: the index was asked %d times about the documents cited %v, want once: the test looks for the wrong query", n, cited)
	}
	for _, r := range []Request{req, {Query: "学分银行", User: admin, Size: 2, From: 2}} {
		res, err := svc.Search(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		if facetCount(res, "2.3.1") != 4 {
			t.Fatalf("学分银行 from %d: facet 2.3.1 counts %d, want 4", r.From, facetCount(res, "2.3.1"))
		}
		if n := citedAsked(); n != 0 {
			t.Errorf("学分银行 from %d, asked again: the index was asked %d times about the documents cited, want none (the counts kept)", r.From, n)
		}
	}
}

// A document deleted, restored or moved to another city changes the
// cited documents' counts of the indicators facet at the next search, as
// a service counting afresh gives them, never the counts kept before
// (review s44 #6): A5, 杭州's 老年教育工作总结, is cited by a claim
// (定性描述) of 2.3.1 only. Deleted and restored in the catalog alone,
// its index entry as it was, only the catalog's stamp can tell; moved to
// 成都 and indexed again there, as the pipeline does, it leaves 杭州's
// coordinator's search.
func TestIndicatorFacetKeptFollowsDeleteRestoreAndMove(t *testing.T) {
	ctx := context.Background()
	svc := facetStores(t)
	admin := Request{Query: "工作总结", User: &catalog.User{Username: "admin", Role: catalog.RoleAdmin}}
	coord := Request{Query: "工作总结", User: &catalog.User{Username: "coordA", Role: catalog.RoleCoordinator, City: "330100"}}
	// next asks req first after the change, before any other search could
	// make the cache forget what it kept, then every search of
	// facetSearches.
	next := func(when string, req Request, before string) map[string]string {
		t.Helper()
		got, fresh := indicatorFacets(t, svc, req), indicatorFacets(t, NewService(svc.idx, svc.cat), req)
		if got != fresh {
			t.Errorf("%s: %s searching %q: facet %s; counted afresh %s", when, req.User.Username, req.Query, got, fresh)
		}
		if fresh == before {
			t.Errorf("%s: %s searching %q: facet %s before and after: the change changes nothing the test checks", when, req.User.Username, req.Query, fresh)
		}
		return facetsCountedAfresh(t, svc, when)
	}
	key := func(req Request) string { return fmt.Sprint(req.User.Username, req.Query, req.Indicators) }
	stored := facetsCountedAfresh(t, svc, "as stored")
	if _, err := svc.cat.DeleteDocument(ctx, "A5", "admin"); err != nil {
		t.Fatal(err)
	}
	deleted := next("A5 deleted", admin, stored[key(admin)])
	if _, err := svc.cat.RestoreDocument(ctx, "A5", "admin"); err != nil {
		t.Fatal(err)
	}
	restored := next("A5 restored", admin, deleted[key(admin)])
	if _, err := svc.cat.MoveDocument(ctx, "A5", "510100", "admin"); err != nil {
		t.Fatal(err)
	}
	if err := svc.idx.Index(ctx, []index.Document{{ID: "A5", Title: "学习型城市建设材料", Pages: []string{"杭州市老年教育工作总结。"}, City: "510100",
		DocType: string(catalog.DocWorkSummary)}}); err != nil {
		t.Fatal(err)
	}
	next("A5 moved to 成都", coord, restored[key(coord)])
}

// Counts computed under an older stamp than the one kept at the same
// index generation do not replace the newer counts (review s44 #6): a
// search that read the catalog's stamp before a claim was made and
// finished after one that read it after used to clear the newer counts
// and keep its own, so concurrent searches made the cache flip between
// stamps. Counts of the newer stamp replace those of the older, and
// counts of a stamp the catalog has moved on from are not kept.
func TestCitedCountsOfAnOlderStampAreNotKept(t *testing.T) {
	ctx := context.Background()
	svc := facetStores(t)
	stamp := func() catalog.CitationsStamp {
		t.Helper()
		st, err := svc.cat.CitationsStamp(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	cite := func(doc string) {
		t.Helper()
		c := &catalog.Claim{City: "330100", Round: 2018, Indicator: "2.3.2", Statement: "社区学习共同体覆盖全部街道", CreatedBy: "admin",
			Citations: []catalog.Citation{{DocumentID: doc, Page: 1, Quote: "杭州日报报道学分银行"}}}
		if err := svc.cat.CreateClaim(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	current := func() (catalog.CitationsStamp, error) { return svc.cat.CitationsStamp(ctx) }
	older := stamp()
	cite("A6")
	newer := stamp()
	if older == newer {
		t.Fatal("a claim made: the catalog's stamp did not move; the test compares nothing")
	}
	k1 := citedCountKey(index.Query{Filter: index.Filter{Cities: []string{"330100"}}})
	k2 := citedCountKey(index.Query{Filter: index.Filter{Cities: []string{"510100"}}})
	var c citedCountCache
	c.put(k1, 5, newer, map[string]int{"2.3.1": 2}, current)
	c.put(k2, 5, older, map[string]int{"2.3.1": 1}, current)
	if got, ok := c.get(k1, 5, newer); !ok || got["2.3.1"] != 2 {
		t.Errorf("杭州's search at the newer stamp, after counts of 成都's search at the older one were put: %v, %v; want 2.3.1 counting 2 kept", got, ok)
	}
	if got, ok := c.get(k2, 5, older); ok {
		t.Errorf("成都's search at the older stamp: %v kept; want none (older than the stamp kept)", got)
	}

	var d citedCountCache
	d.put(k1, 5, older, map[string]int{"2.3.1": 1}, current)
	d.put(k2, 5, newer, map[string]int{"2.3.1": 3}, current)
	if got, ok := d.get(k2, 5, newer); !ok || got["2.3.1"] != 3 {
		t.Errorf("成都's search at the newer stamp, put over counts of the older one: %v, %v; want 2.3.1 counting 3 kept", got, ok)
	}
	if got, ok := d.get(k1, 5, older); ok {
		t.Errorf("杭州's search at the older stamp, after counts of the newer one were put: %v still kept", got)
	}
	cite("A5")
	d.put(k1, 5, older, map[string]int{"2.3.1": 1}, current)
	if got, ok := d.get(k2, 5, newer); !ok || got["2.3.1"] != 3 {
		t.Errorf("成都's search at the stamp kept, after counts of an older one than the catalog's were put: %v, %v; want them kept", got, ok)
	}
}
