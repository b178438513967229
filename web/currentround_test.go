package web

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestRoundFieldsShowTheCurrentRound: the round fields that say 留空即当前
// 轮次 (a new claim, a value ledger) show the current round as their
// example, not a year written into the page: 2018 while it is current,
// 2019 once 2019 is made current. Fields where empty means something else
// (filters: every round; the bulk change: unchanged; the upload: by the
// document's date) show no year at all.
func TestRoundFieldsShowTheCurrentRound(t *testing.T) {
	s := newSite(t)
	wang := s.login("wang")
	pages := map[string]int{"/values": 1, "/claims/new": 1, "/upload": 0, "/documents": 0}
	check := func(want string) {
		t.Helper()
		for path, fields := range pages {
			_, body := wang.get(path)
			if n := strings.Count(body, `placeholder="`+want+`"`); n != fields {
				t.Errorf("%s: %d round fields with the example %s, want %d", path, n, want, fields)
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
