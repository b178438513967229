package api

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// documentedRoute is an endpoint as README's API section writes it in
// code: one or more methods (GET/POST), a path, and a last segment that
// may list alternatives (disable\|enable\|password).
var documentedRoute = regexp.MustCompile("((?:GET|POST|PATCH|PUT|DELETE)(?:/(?:GET|POST|PATCH|PUT|DELETE))*) (/[^\\s`?]+)")

// documentedRoutes are the "METHOD /path" README's API section documents.
func documentedRoutes(t *testing.T) map[string]bool {
	t.Helper()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	start := strings.Index(readme, "\n## API\n")
	if start < 0 {
		t.Fatal("README has no API section")
	}
	section := readme[start+1:]
	if end := strings.Index(section[1:], "\n## "); end >= 0 {
		section = section[:end+1]
	}
	out := map[string]bool{}
	for _, m := range documentedRoute.FindAllStringSubmatch(section, -1) {
		path := strings.TrimSuffix(m[2], `\`)
		dir, last := path[:strings.LastIndex(path, "/")+1], path[strings.LastIndex(path, "/")+1:]
		for _, method := range strings.Split(m[1], "/") {
			for _, alt := range strings.Split(last, `\|`) {
				out[method+" "+dir+alt] = true
			}
		}
	}
	return out
}

// TestEveryRouteIsDocumented: each endpoint of the route table is in
// README's API section, with its method and its path as the table writes
// it ({id}, {code} …), so that a new endpoint without its documentation
// fails here; and every endpoint documented there is one the API serves.
func TestEveryRouteIsDocumented(t *testing.T) {
	documented := documentedRoutes(t)
	routes := Routes()
	for _, r := range routes {
		if !documented[r] {
			t.Errorf("%s is not in README's API section", r)
		}
	}
	for d := range documented {
		if !slices.Contains(routes, d) {
			t.Errorf("README's API section documents %s, which the API does not serve", d)
		}
	}
}
