package api

import (
	"net/url"
	"testing"
)

// TestSearchCatalogReads counts the catalog's statements of one GET
// /api/v1/search of an expert and of a coordinator, the second time it is
// asked, from the request's token to its last hit: the token's account
// (UserByToken), then the search's (search.TestSearchCatalogReads): the
// stamps and the page's documents while nothing is written; after an
// upload also the versions, the citations and the returned files read
// again, while the page's kept documents need no check of their seqs:
// the stamps listed the documents the upload changed (s60-tail,
// catalog.DocumentCache.SearchStamps). Under make load
// each is a wait for one of the eight read connections.
func TestSearchCatalogReads(t *testing.T) {
	e := newEnv(t)
	e.upload(cityA, "杭州市学习型城市建设工作总结.txt", "杭州市推进学习型城市建设，完善终身教育体系，建设学分银行。")
	e.upload(cityA, "杭州市社区教育工作要点.txt", "学习型城市建设监测工作按年度开展，社区教育覆盖率持续提高。")
	path := "/api/v1/search?" + url.Values{"q": {"学习型城市"}}.Encode()
	for _, role := range []string{"expert", "coordA"} {
		reads := func() int64 {
			t.Helper()
			before := e.cat.Statements()
			resp, body := e.do(e.request("GET", path, nil), role)
			if resp.StatusCode != 200 || body["total"] != float64(2) {
				t.Fatalf("search as %s: %d %v", role, resp.StatusCode, body)
			}
			return e.cat.Statements() - before
		}
		reads()
		if got := reads(); got != 2 {
			t.Errorf("search as %s, nothing written since the last: %d catalog statements, want 2 (the token, the stamps; the page's documents kept and checked at the same stamp)", role, got)
		}
		e.bareDocument(cityA)
		if got := reads(); got != 5 {
			t.Errorf("search as %s after an upload: %d catalog statements, want 5 (the token, the stamps with the changed documents, the versions, the citations, the returned files)", role, got)
		}
	}
}
