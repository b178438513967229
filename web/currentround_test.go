package web

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestRoundFieldsShowTheCurrentRound: the round fields that say 留空即当前
// 轮次 show the current round as their example, not a year written into
// the page: 2018 while it is current, 2019 once 2019 is made current.
func TestRoundFieldsShowTheCurrentRound(t *testing.T) {
	s := newSite(t)
	wang := s.login("wang")
	pages := []string{"/upload", "/values", "/documents", "/claims/new"}
	check := func(want string) {
		t.Helper()
		for _, path := range pages {
			_, body := wang.get(path)
			n := strings.Count(body, `placeholder="`+want+`"`)
			if n == 0 {
				t.Errorf("%s: no round field with the example %s", path, want)
			}
			for _, other := range []string{"2017", "2018", "2019"} {
				if other != want && strings.Contains(body, `placeholder="`+other+`"`) {
					t.Errorf("%s: a field shows %s as its example while %s is current", path, other, want)
				}
			}
		}
	}
	check("2018")
	if err := s.env.Framework.AddRound(context.Background(), testenv.Admin, catalog.Round{Year: 2019, Label: "2019年度监测", Current: true}); err != nil {
		t.Fatal(err)
	}
	check("2019")
}
