package web

import (
	"strings"
	"testing"
)

// TestReviewNavHiddenFromContributors: a department's contributor
// (jiaoyu, 市教育局) can act on nothing in the review queue, so the top
// bar offers them no 审核 (probe s36 finding 18); the roles that review
// or oversee review keep it, and /review itself stays readable to the
// contributor as before.
func TestReviewNavHiddenFromContributors(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	const item = `<a href="/review"`
	for _, tt := range []struct {
		user string
		want bool
	}{
		{"jiaoyu", false}, {"wang", true}, {"li", true}, {"zhou", true}, {"admin", true},
	} {
		_, page := s.login(tt.user).get("/documents")
		nav, _, _ := strings.Cut(page, "</nav>")
		if got := strings.Contains(nav, item); got != tt.want {
			t.Errorf("%s: 审核 in the top bar %v, want %v", tt.user, got, tt.want)
		}
	}
	if resp, page := s.login("jiaoyu").get("/review"); resp.StatusCode != 200 {
		t.Errorf("jiaoyu GET /review: %d, want 200 as before: %.600s", resp.StatusCode, textOf(page))
	}
}
