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
		user, city, want, wantNot string
		english                   bool
	}{
		{user: "rev-nb", want: "仅检索您负责审核的城市：宁波"},
		{user: "rev-nb", want: "Searched only the cities you review: Ningbo", english: true},
		{user: "li", wantNot: "仅检索您负责审核的城市"},
		// A shared link to a city the reviewer may not see says so, not
		// "try other words".
		{user: "rev-nb", city: "330100", want: "杭州不在您负责审核的城市范围内，未检索该城市", wantNot: "减少检索词"},
		{user: "rev-nb", city: "330100", want: "Hangzhou is not among the cities you review", english: true},
		{user: "li", city: "330100", wantNot: "不在您负责审核的城市范围内"},
		{user: "zhou", wantNot: "仅检索您负责审核的城市"},
	} {
		b := s.login(tt.user)
		if tt.english {
			b.english()
		}
		page := q
		if tt.city != "" {
			page += "&city=" + tt.city
		}
		_, body := b.get(page)
		text := html.UnescapeString(textOf(body))
		if tt.want != "" && !strings.Contains(text, tt.want) {
			t.Errorf("%s (english %v): search page does not say %q: %.400s", tt.user, tt.english, tt.want, text)
		}
		if tt.wantNot != "" && strings.Contains(text, tt.wantNot) {
			t.Errorf("%s: search page says %q though the search covered every city: %.400s", tt.user, tt.wantNot, text)
		}
	}
}

// TestAReviewerAskingForAnotherCityIsToldItIsNotTheirs: a city is named on
// every page, so a reviewer held to 宁波 who follows a link to 杭州's
// comparison is told 杭州 is outside their cities, not that it does not
// exist.
func TestAReviewerAskingForAnotherCityIsToldItIsNotTheirs(t *testing.T) {
	s := newSite(t)
	s.env.AddUser("rev-nb", "reviewer", "")
	if err := s.env.Catalog.SetUserCities(context.Background(), "rev-nb", []string{"330200"}, "admin"); err != nil {
		t.Fatal(err)
	}
	b := s.login("rev-nb")
	resp, body := b.get("/compare?city=330100")
	text := html.UnescapeString(textOf(body))
	if resp.StatusCode != 404 || !strings.Contains(text, "城市 330100 不在您的账号可查看的城市范围内") || strings.Contains(text, "不存在") {
		t.Errorf("/compare of a city outside the reviewer's: %d %.400s", resp.StatusCode, text)
	}
}
