package web

import (
	"context"
	"html"
	"strings"
	"testing"
)

// TestHeatMapSaysACityIsOutsideAReviewersCities: a reviewer held to 宁波
// who follows a shared link to 杭州's heat map is told, in Chinese and in
// English, that 杭州 is not among the cities they may see (the API's
// out_of_scope), rather than shown an empty map without a word; 宁波's
// own map and a coordinator's 杭州 map say nothing of the kind.
func TestHeatMapSaysACityIsOutsideAReviewersCities(t *testing.T) {
	s := newSite(t)
	s.env.Upload("330100", "学分银行.txt", "杭州市推进学分银行建设。")
	s.env.AddUser("rev-nb", "reviewer", "")
	if err := s.env.Catalog.SetUserCities(context.Background(), "rev-nb", []string{"330200"}, "admin"); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		user, city, want string
		english          bool
	}{
		{user: "rev-nb", city: "330100", want: "城市 330100 不在您的账号可查看的城市范围内"},
		{user: "rev-nb", city: "330100", want: "330100 is not among the cities your account may see", english: true},
		{user: "rev-nb", city: "330200"},
		{user: "li", city: "330100"},
	} {
		b := s.login(tt.user)
		if tt.english {
			b.english()
		}
		resp, body := b.get("/indicators?city=" + tt.city)
		text := html.UnescapeString(textOf(body))
		note := strings.Contains(body, `id="heat-outofscope"`)
		if resp.StatusCode != 200 || note != (tt.want != "") || !strings.Contains(text, tt.want) {
			t.Errorf("%s, heat map of %s (english %v): %d, note %v, want %q: %.600s", tt.user, tt.city, tt.english, resp.StatusCode, note, tt.want, text)
		}
	}
}
