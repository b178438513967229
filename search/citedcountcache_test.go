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

// The indicators facet a search gives again, or on another page, is the
// one a service counting afresh gives, on the corpus of claims (定性描述)
// citing documents, and after a claim cites one more document and a
// document is linked to one more indicator (and indexed again) it is the
// new one, not the one kept.
func TestIndicatorFacetKeptIsCountedAfresh(t *testing.T) {
	ctx := context.Background()
	svc := facetStores(t)
	compare := func(when string) map[string]string {
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
