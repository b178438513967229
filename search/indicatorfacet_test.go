package search

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// facetCorpusDoc is a document of the small corpus of the indicator
// facet's test: where it is, what it says, what it is linked to and which
// indicators' claims (定性描述) cite it.
type facetCorpusDoc struct {
	id, city, text string
	linked, cited  []string
}

var facetCorpus = []facetCorpusDoc{
	{"A1", "330100", "杭州市关于推进学分银行建设的实施意见。", []string{"2.3.1"}, nil},
	{"A2", "330100", "杭州市建立学分银行，累计存入学分十二万。", nil, []string{"2.3.1"}},
	{"A3", "330100", "学分银行与社区学习共同体建设情况汇报。", []string{"2.3.2"}, []string{"2.3.1"}},
	{"A4", "330100", "学分银行管理办法（试行）。", []string{"2.3.1"}, []string{"2.3.1", "1.1.2"}},
	{"A5", "330100", "杭州市老年教育工作总结。", nil, []string{"2.3.1"}},
	{"A6", "330100", "杭州日报报道学分银行试点情况。", nil, nil},
	{"B1", "510100", "成都市学分银行建设工作总结。", nil, []string{"2.3.2"}},
	{"B2", "510100", "成都市社区教育工作总结。", []string{"1.1.2"}, []string{"2.3.1"}},
}

// facetStores stores facetCorpus in a catalog with the demo framework
// and indexes it with the indicators its links give it, as the pipeline
// does: the citations only the catalog knows.
func facetStores(t *testing.T) *Service {
	t.Helper()
	ctx := context.Background()
	cat, idx := openDemoStores(t)
	for _, d := range facetCorpus {
		doc := &catalog.Document{ID: d.id, SHA256: strings.ToLower(d.id) + "aa", Size: 10, MIME: "text/plain", Format: "txt",
			Filename: d.id + ".txt", Title: "学习型城市建设材料", DocType: catalog.DocWorkSummary, City: d.city,
			Status: catalog.StatusIndexed, UploadedBy: "admin"}
		if err := cat.CreateDocument(ctx, doc, catalog.Submission{User: "admin"}); err != nil {
			t.Fatal(err)
		}
		var links []*catalog.Link
		for _, code := range d.linked {
			links = append(links, &catalog.Link{DocumentID: d.id, IndicatorCode: code, CreatedBy: "admin"})
		}
		if err := cat.CreateLinks(ctx, links, false); err != nil {
			t.Fatal(err)
		}
		for _, code := range d.cited {
			c := &catalog.Claim{City: d.city, Round: 2018, Indicator: code, Statement: "已建立市民终身学习学分银行", CreatedBy: "admin",
				Citations: []catalog.Citation{{DocumentID: d.id, Page: 1, Quote: d.text[:9]}}}
			if err := cat.CreateClaim(ctx, c); err != nil {
				t.Fatal(err)
			}
		}
		inds, err := cat.DocumentIndicators(ctx, []string{d.id})
		if err != nil {
			t.Fatal(err)
		}
		if err := idx.Index(ctx, []index.Document{{ID: d.id, Title: doc.Title, Pages: []string{d.text}, City: d.city,
			DocType: string(doc.DocType), Indicators: inds[d.id]}}); err != nil {
			t.Fatal(err)
		}
	}
	return NewService(idx, cat)
}

// The indicators facet counts what filtering by each indicator finds:
// a document only cited by a claim of 2.3.1 counts in 2.3.1's facet, one
// linked and cited counts once, and for every indicator, search and
// user, the facet's count is the filtered search's total (0 when the
// facet leaves it out).
func TestIndicatorFacetCountsWhatTheFilterFinds(t *testing.T) {
	ctx := context.Background()
	svc := facetStores(t)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	coord := &catalog.User{Username: "coordA", Role: catalog.RoleCoordinator, City: "330100"}
	res, err := svc.Search(ctx, Request{Query: "学分银行", User: admin})
	if err != nil {
		t.Fatal(err)
	}
	// A1 linked, A2 only cited, A3 cited (and linked to 2.3.2), A4
	// linked and cited; A5 and B2 do not say 学分银行.
	if got := facetCount(res, "2.3.1"); got != 3+1 {
		t.Errorf("学分银行: facet 2.3.1 counts %d, want 4 (A1, A2 only cited, A3 cited, A4 once): %v", got, res.Facets[indicatorFacet])
	}
	checked := 0
	for _, u := range []*catalog.User{admin, coord} {
		for _, q := range []string{"学分银行", "工作总结", "杭州市", "建设"} {
			res, err := svc.Search(ctx, Request{Query: q, User: u})
			if err != nil {
				t.Fatal(err)
			}
			for _, code := range []string{"2.3.1", "2.3.2", "1.1.2", "2.3.3"} {
				filtered, err := svc.Search(ctx, Request{Query: q, User: u, Indicators: []string{code}})
				if err != nil {
					t.Fatal(err)
				}
				if got, want := facetCount(res, code), int(filtered.Total); got != want {
					t.Errorf("%s searching %q: facet %s counts %d, filtering by it finds %d (%s)", u.Username, q, code, got, want, hitList(filtered))
				}
				if got := facetCount(filtered, code); got != int(filtered.Total) {
					t.Errorf("%s searching %q filtered by %s: its facet counts %d of %d found", u.Username, q, code, got, filtered.Total)
				}
				checked += int(filtered.Total)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no filtered search found anything: the corpus tests nothing")
	}
}

func facetCount(res *Result, code string) int {
	for _, f := range res.Facets[indicatorFacet] {
		if f.Value == code {
			return f.Count
		}
	}
	return 0
}

func hitList(res *Result) string {
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return fmt.Sprint(ids)
}

// With an indicator filter set, a facet value counts the documents the
// filtered search found that are also its own evidence, as the README
// says, not what choosing it (which replaces the filter) finds: searching
// 学分银行 filtered by 2.3.1, 2.3.2 counts A3 alone, which its own filter
// finds with B1.
func TestIndicatorFacetUnderAFilterCountsTheFoundEvidence(t *testing.T) {
	ctx := context.Background()
	svc := facetStores(t)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	codes := []string{"2.3.1", "2.3.2", "1.1.2"}
	for _, q := range []string{"学分银行", "工作总结", "建设"} {
		found := map[string]map[string]bool{}
		for _, code := range codes {
			res, err := svc.Search(ctx, Request{Query: q, User: admin, Indicators: []string{code}, Size: 50})
			if err != nil {
				t.Fatal(err)
			}
			found[code] = map[string]bool{}
			for _, h := range res.Hits {
				found[code][h.ID] = true
			}
		}
		for _, x := range codes {
			res, err := svc.Search(ctx, Request{Query: q, User: admin, Indicators: []string{x}, Size: 50})
			if err != nil {
				t.Fatal(err)
			}
			for _, y := range codes {
				want := 0
				for id := range found[x] {
					if found[y][id] {
						want++
					}
				}
				if got := facetCount(res, y); got != want {
					t.Errorf("searching %q filtered by %s: facet %s counts %d, want %d (found %s, of them %s's evidence)",
						q, x, y, got, want, hitList(res), y)
				}
			}
		}
	}
	res, err := svc.Search(ctx, Request{Query: "学分银行", User: admin, Indicators: []string{"2.3.1"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := facetCount(res, "2.3.2"); got != 1 {
		t.Errorf("学分银行 filtered by 2.3.1: facet 2.3.2 counts %d, want 1 (A3)", got)
	}
}
