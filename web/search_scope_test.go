package web

import (
	"context"
	"html"
	"net/url"
	"strings"
	"testing"
)

// TestSearchPageNamesAReviewersCities: a reviewer limited to some cities
// (审核城市) is told the search covered only those, so that finding
// nothing is not taken for the archive having nothing; a reviewer of
// every city and an expert are told nothing of the kind.
func TestSearchPageNamesAReviewersCities(t *testing.T) {
	s := newSite(t)
	s.env.Upload("330100", "学分银行.txt", "杭州市推进学分银行建设。")
	s.env.AddUser("rev-nb", "reviewer", "")
	if err := s.env.Catalog.SetUserCities(context.Background(), "rev-nb", []string{"330200"}, "admin"); err != nil {
		t.Fatal(err)
	}
	q := "/search?q=" + url.QueryEscape("学分银行")
	for _, tt := range []struct {
		user, want, wantNot string
		english             bool
	}{
		{user: "rev-nb", want: "仅检索您负责审核的城市：宁波"},
		{user: "rev-nb", want: "Searched only the cities you review: Ningbo", english: true},
		{user: "li", wantNot: "仅检索您负责审核的城市"},
		{user: "zhou", wantNot: "仅检索您负责审核的城市"},
	} {
		b := s.login(tt.user)
		if tt.english {
			b.english()
		}
		_, body := b.get(q)
		text := html.UnescapeString(textOf(body))
		if tt.want != "" && !strings.Contains(text, tt.want) {
			t.Errorf("%s (english %v): search page does not say %q: %.400s", tt.user, tt.english, tt.want, text)
		}
		if tt.wantNot != "" && strings.Contains(text, tt.wantNot) {
			t.Errorf("%s: search page says %q though the search covered every city: %.400s", tt.user, tt.wantNot, text)
		}
	}
}
