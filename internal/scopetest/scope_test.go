package scopetest

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/api"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/web"
)

const (
	hangzhou = "330100"
	chengdu  = "510100"
	// marker is a word only the 成都 document holds.
	marker = "锦江区社区学院"
)

// surfaces serves the API and the web UI over one set of services, as
// `evidence serve` does.
func surfaces(t *testing.T, e *testenv.Env) *httptest.Server {
	t.Helper()
	apiH := api.NewHandler(e.Services(nil))
	webH, err := web.NewHandler(e.Services(nil))
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", apiH)
	mux.Handle("/", webH)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// answer is what a request showed: its status and whether the 成都
// material was in it.
type answer struct {
	status int
	shows  bool
}

func get(t *testing.T, srv *httptest.Server, token, path, evidence string) answer {
	t.Helper()
	req, _ := http.NewRequest("GET", srv.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return answer{status: resp.StatusCode, shows: strings.Contains(string(body), evidence)}
}

// TestAPIAndWebAnswerAlike asks both surfaces for 成都's material as
// every role: a single object another city's coordinator, or a reviewer
// limited to other cities, may not see is a 404 on both; so is a listing
// asked by ?city= for 成都 (an empty 200 would read as "成都 has none"),
// but for coverage, the search and the review queue, which answer 200 and
// say why they are empty; a listing without a city is empty of 成都 (and
// never swapped for the user's own cities); everyone else sees it on both.
func TestAPIAndWebAnswerAlike(t *testing.T) {
	e := testenv.New(t)
	srv := surfaces(t, e)
	tokens := map[string]string{}
	for _, u := range []struct{ name, role, city string }{
		{"admin", "admin", ""}, {"coordA", "coordinator", hangzhou}, {"coordB", "coordinator", chengdu},
		{"expert", "expert", ""}, {"reviewer", "reviewer", ""},
	} {
		tokens[u.name] = e.AddUser(u.name, u.role, u.city)
	}
	// reviewerA reviews 杭州 only; reviewerAB 杭州 and 成都.
	tokens["reviewerA"] = e.AddReviewer("reviewerA", hangzhou)
	tokens["reviewerAB"] = e.AddReviewer("reviewerAB", hangzhou, chengdu)
	doc := e.Upload(chengdu, marker+"工作总结.txt", "成都市"+marker+"开展社区教育,建立学分银行。")
	if err := e.Ingest.Link(context.Background(), doc.ID, []string{"2.3.1"}, testenv.Admin); err != nil {
		t.Fatal(err)
	}
	claim, err := e.Claims.Create(context.Background(), &catalog.User{Username: "coordB", Role: catalog.RoleCoordinator, City: chengdu},
		claims.Input{Indicator: "2.3.1", Statement: "成都市建立了学分银行",
			Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: "建立学分银行"}}})
	if err != nil {
		t.Fatal(err)
	}
	q := url.QueryEscape("学分银行") // not the marker: the search page echoes the query
	const listing, notFound = http.StatusOK, http.StatusNotFound
	cases := []struct {
		name    string
		apiPath string
		webPath string
		// apiOut and webOut are each surface's status when out of scope:
		// notFound, or a listing's 200 without 成都.
		apiOut, webOut int
		// evidence shows 成都's material in an answer; the marker when empty.
		evidence string
	}{
		{"a document", "/api/v1/documents/" + doc.ID, "/documents/" + doc.ID, notFound, notFound, ""},
		{"a claim", "/api/v1/claims/" + claim.ID, "/claims/" + claim.ID, notFound, notFound, ""},
		{"search for 成都", "/api/v1/search?city=" + chengdu + "&q=" + q, "/search?city=" + chengdu + "&q=" + q, listing, listing, ""},
		{"search without a city", "/api/v1/search?q=" + q, "/search?q=" + q, listing, listing, ""},
		{"an indicator's evidence in 成都", "/api/v1/indicators/2.3.1/evidence?city=" + chengdu,
			"/indicators/2.3.1?city=" + chengdu, notFound, notFound, ""},
		{"an indicator's evidence without a city", "/api/v1/indicators/2.3.1/evidence", "/indicators/2.3.1", listing, listing, ""},
		{"coverage of 成都", "/api/v1/coverage?city=" + chengdu, "/indicators?city=" + chengdu, listing, listing, "成都"},
		// The tree counts 成都's document under 2.3.1 and its parents.
		{"the indicator tree of 成都", "/api/v1/indicators?city=" + chengdu, "", notFound, notFound, `"evidence":1`},
		{"the indicator tree without a city", "/api/v1/indicators", "", listing, listing, `"evidence":1`},
		// The queue says why it is empty (queue_elsewhere_test.go).
		{"claims of 成都", "/api/v1/claims?city=" + chengdu, "/review?city=" + chengdu, notFound, listing, claim.ID},
		{"claims without a city", "/api/v1/claims", "/review", listing, listing, claim.ID},
		{"documents of 成都", "/api/v1/documents?city=" + chengdu, "/documents?city=" + chengdu, notFound, notFound, doc.ID},
		{"documents without a city", "/api/v1/documents", "/documents", listing, listing, doc.ID},
	}
	for _, role := range []string{"admin", "coordA", "coordB", "expert", "reviewer", "reviewerA", "reviewerAB"} {
		inScope := role != "coordA" && role != "reviewerA"
		for _, c := range cases {
			evidence := c.evidence
			if evidence == "" {
				evidence = marker
			}
			a := get(t, srv, tokens[role], c.apiPath, evidence)
			w := a // a listing with no page of its own
			if c.webPath != "" {
				w = get(t, srv, tokens[role], c.webPath, evidence)
			}
			wantAPI, wantWeb := answer{status: http.StatusOK, shows: true}, answer{status: http.StatusOK, shows: true}
			if !inScope {
				wantAPI, wantWeb = answer{status: c.apiOut}, answer{status: c.webOut}
			}
			if c.webPath == "" {
				wantWeb = wantAPI
			}
			if a != wantAPI || w != wantWeb {
				t.Errorf("%s asks for %s: API %+v, web %+v, want %+v and %+v", role, c.name, a, w, wantAPI, wantWeb)
			}
		}
	}
}
