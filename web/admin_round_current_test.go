package web

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestMakeExistingRoundCurrent: 2019 added on /admin without 设为当前轮次
// (an easy slip) is made current from the round list, with the carry-over
// and the tables the creation offers; made current again later, nothing
// is carried twice (a second 结转 says there is nothing new) and the
// tables are not copied again (probe s27 finding 2, s28 D6).
func TestMakeExistingRoundCurrent(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	if _, err := s.env.Assignments.Import(ctx, testenv.Admin, assignments.ImportRequest{City: "330100", Round: 2018, Filename: "表.csv",
		Data: []byte("指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2018-03-31,张老师\n")}); err != nil {
		t.Fatal(err)
	}
	admin := s.login("admin")
	if resp, page := admin.post("/admin/rounds", url.Values{"year": {"2019"}, "label": {"2019年度监测"}}); resp.StatusCode != 200 {
		t.Fatalf("add 2019: %d %.800s", resp.StatusCode, textOf(page))
	}
	resp, page := admin.post("/admin/rounds", url.Values{"year": {"2019"}, "current": {"on"}})
	if resp.StatusCode != 409 || !strings.Contains(textOf(page), "如需设为当前轮次，请在轮次列表中点“设为当前轮次”") {
		t.Errorf("add 2019 again: %d, want 409 that says to use 设为当前轮次: %.800s", resp.StatusCode, textOf(page))
	}
	_, page = admin.get("/admin")
	for _, want := range []string{`action="/admin/rounds/2019/current"`, `name="carry" checked`, `name="copy_tables"`} {
		if !strings.Contains(page, want) {
			t.Errorf("/admin before 2019 is current: no %s", want)
		}
	}
	steps := []struct {
		year        int
		form        url.Values
		want, wantN []string
	}{
		{2019, url.Values{"carry": {"on"}, "copy_tables": {"on"}},
			[]string{"已将监测轮次 2019 设为当前轮次", "2018年度没有新的可结转事项", "已为 1 个城市复制责任分解表，共 1 项任务"}, nil},
		{2018, url.Values{}, []string{"已将监测轮次 2018 设为当前轮次"}, []string{"结转", "复制"}},
		// An old page still shows the boxes: nothing carried or copied twice.
		{2019, url.Values{"carry": {"on"}, "copy_tables": {"on"}}, []string{"已将监测轮次 2019 设为当前轮次",
			"监测轮次 2019 此前已结转过", "2018年度没有新的可结转事项"}, []string{"新结转", "复制"}},
		{2019, url.Values{}, []string{"监测轮次 2019 已是当前轮次"}, nil},
	}
	for _, st := range steps {
		st.form.Set("confirm", "1")
		resp, page := admin.post(fmt.Sprintf("/admin/rounds/%d/current", st.year), st.form)
		text := textOf(page)
		if resp.StatusCode != 200 {
			t.Fatalf("make %d current: %d %.800s", st.year, resp.StatusCode, text)
		}
		for _, w := range st.want {
			if !strings.Contains(text, w) {
				t.Errorf("make %d current: no %q in %.600s", st.year, w, text)
			}
		}
		notice, _, _ := strings.Cut(text, "系统管理")
		for _, w := range st.wantN {
			if strings.Contains(notice, w+"：") || strings.Contains(notice, "已"+w) {
				t.Errorf("make %d current: %q said, want it not done: %.600s", st.year, w, text)
			}
		}
		if got, _ := s.env.Catalog.CurrentRound(ctx); got != st.year {
			t.Errorf("after making %d current: current round %d", st.year, got)
		}
	}
	carried, err := s.env.Catalog.Carryovers(ctx, catalog.CarryFilter{Round: 2019})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range carried {
		if seen[string(c.Kind)+c.SourceID] {
			t.Errorf("%s %s carried into 2019 twice", c.Kind, c.SourceID)
		}
		seen[string(c.Kind)+c.SourceID] = true
	}
	_, page = admin.get("/admin")
	// The audit log names each carry-over's city and what it carried, not
	// the same line once per city.
	if text := textOf(page); !strings.Contains(text, "监测轮次 2019 杭州（关联 ") {
		t.Errorf("/admin's audit log does not name the city carried over: %.3000s", text)
	}
	if !strings.Contains(page, `action="/admin/rounds/2018/current"`) || strings.Contains(page, `action="/admin/rounds/2019/current"`) {
		t.Errorf("/admin: 设为当前轮次 should be offered for 2018, not for 2019, the current round")
	}
	if i := strings.Index(page, `id="round-current-2017"`); i < 0 || strings.Contains(page[i:i+400], `name="carry"`) {
		t.Errorf("/admin: 2017, the first round, has nothing before it to carry over")
	}
}
