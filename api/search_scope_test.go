package api

import (
	"net/url"
	"slices"
	"testing"
)

// TestSearchSaysWhichCitiesItWasHeldTo: an API client of a reviewer held
// to some cities, or of a coordinator, is told which cities its search
// covered (scope), as the web page tells a person, so that "nothing
// found" is not read as "nowhere"; an account that sees every city gets
// no scope.
func TestSearchSaysWhichCitiesItWasHeldTo(t *testing.T) {
	e := newEnv(t)
	e.tokens["reviewerB"] = e.te.AddReviewer("reviewerB", cityB)
	e.upload(cityA, "杭州学分银行.txt", "杭州市学分银行建设稳步推进。")
	for _, tt := range []struct {
		role, query string
		hits        int
		scope       []string
	}{
		{"expert", "", 1, nil},
		{"reviewer", "", 1, nil},
		{"reviewerB", "", 0, []string{cityB}},
		{"reviewerB", "&city=" + cityA, 0, []string{cityB}}, // asked for a city it may not see
		{"coordA", "", 1, []string{cityA}},
	} {
		resp, body := e.do(e.request("GET", "/api/v1/search?q="+url.QueryEscape("学分银行")+tt.query, nil), tt.role)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: search: %d %v", tt.role, resp.StatusCode, body)
		}
		if hits := body["hits"].([]any); len(hits) != tt.hits {
			t.Errorf("%s%s: %d hits, want %d", tt.role, tt.query, len(hits), tt.hits)
		}
		var scope []string
		if s, ok := body["scope"].([]any); ok {
			for _, c := range s {
				city := c.(map[string]any)
				if city["name"] == "" {
					t.Errorf("%s: scope city %v without its name", tt.role, city)
				}
				scope = append(scope, city["code"].(string))
			}
		} else if body["scope"] != nil {
			t.Fatalf("%s: scope %v is not a list", tt.role, body["scope"])
		}
		if !slices.Equal(scope, tt.scope) {
			t.Errorf("%s%s: scope %v, want %v", tt.role, tt.query, scope, tt.scope)
		}
	}
}
