package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

// TestRoundCarriedWhenMadeCurrent: 2019 added early with the 结转 box
// ticked (its default) is not carried into until it is made current, so a
// 2018 claim written meanwhile goes along; a round carried into earlier
// (2020 by the coordinator's button) gets, when made current, only what
// its previous round gained since, and each press says how many are new
// (probe s28 D6).
func TestRoundCarriedWhenMadeCurrent(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	d := s.env.Upload("330100", "工作总结.txt", "杭州市建立了学分银行，开展全民终身学习活动周。")
	claim := func(round int, statement string) {
		t.Helper()
		if _, err := s.env.Claims.Create(ctx, coord, claims.Input{Round: round, Indicator: "2.3.1", Statement: statement,
			Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "建立了学分银行"}}}); err != nil {
			t.Fatal(err)
		}
	}
	carriedClaims := func(round int) []string {
		t.Helper()
		items, err := s.env.Catalog.Carryovers(ctx, catalog.CarryFilter{City: "330100", Round: round})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range items {
			if c.Kind != catalog.CarryClaim {
				continue
			}
			cl, err := s.env.Catalog.Claim(ctx, c.ObjectID)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, cl.Statement)
		}
		return out
	}
	admin, wang := s.login("admin"), s.login("wang")
	steps := []struct {
		name       string
		do         func() string
		want       []string
		wantClaims map[int]int // round → claims carried into it by then
	}{
		{"add 2019 early, 结转 ticked", func() string {
			_, page := admin.post("/admin/rounds", url.Values{"year": {"2019"}, "carry": {"on"}})
			return page
		}, []string{"未结转：监测轮次 2019 不是当前轮次"}, map[int]int{2019: 0}},
		{"a 2018 claim written meanwhile", func() string {
			claim(2018, "杭州市建立了学分银行")
			_, page := admin.get("/admin")
			return page
		}, []string{"同时结转上一轮的关联、定性描述和数值"}, map[int]int{2019: 0}},
		{"设为当前轮次 2019", func() string {
			_, page := admin.post("/admin/rounds/2019/current", url.Values{"carry": {"on"}, "confirm": {"1"}})
			return page
		}, []string{"已将监测轮次 2019 设为当前轮次", "已从 2018年度新结转", "定性描述 1 项"}, map[int]int{2019: 1}},
		{"add 2020, carried at once by the coordinator's button", func() string {
			admin.post("/admin/rounds", url.Values{"year": {"2020"}})
			_, page := wang.post("/carryovers", url.Values{"city": {"330100"}, "round": {"2020"}})
			return page
		}, []string{"已从 2019年度新结转", "定性描述 1 项"}, map[int]int{2020: 1}},
		{"pressed again, nothing new", func() string {
			_, page := wang.post("/carryovers", url.Values{"city": {"330100"}, "round": {"2020"}})
			return page
		}, []string{"2019年度没有新的可结转事项"}, map[int]int{2020: 1}},
		{"a 2019 claim written after 2020's carry-over", func() string {
			claim(2019, "杭州市开展了全民终身学习活动周")
			_, page := admin.get("/admin")
			return page
		}, []string{"同时结转上一轮在上次结转后新增的关联、定性描述和数值"}, map[int]int{2020: 1}},
		{"设为当前轮次 2020 carries only the new claim", func() string {
			_, page := admin.post("/admin/rounds/2020/current", url.Values{"carry": {"on"}, "confirm": {"1"}})
			return page
		}, []string{"监测轮次 2020 此前已结转过，本次只结转上一轮此后新增的事项", "已从 2019年度新结转 1 项", "定性描述 1 项"}, map[int]int{2020: 2}},
	}
	for _, st := range steps {
		text := textOf(st.do())
		for _, w := range st.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: no %q in %.800s", st.name, w, text)
			}
		}
		for round, n := range st.wantClaims {
			if got := carriedClaims(round); len(got) != n {
				t.Errorf("%s: claims carried into %d: %q, want %d", st.name, round, got, n)
			}
		}
	}
	if got := carriedClaims(2020); len(got) != 2 || got[0] == got[1] {
		t.Errorf("claims carried into 2020: %q, want the 2018 one (through 2019) and the new 2019 one, each once", got)
	}
}
