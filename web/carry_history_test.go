package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

// TestCarriedClaimHistoryNamesItsSource: a claim carried from 2017 into
// 2018 had an empty 处理记录 there. Its history starts with the
// carry-over, naming who carried it and linking the 2017 claim, and has
// the coordinator's decision (确认沿用); a copy made again by 恢复 after
// 本轮不用 names its source too, and the drop and the restore.
func TestCarriedClaimHistoryNamesItsSource(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	d := s.env.Upload("330100", "xuefen.txt", "杭州市建立学分银行，累计开户学习者12000人。")
	source := map[string]string{}
	for code, statement := range map[string]string{"2.3.1": "杭州市建立了学分银行", "2.3.2": "学分银行累计开户学习者1.2万人"} {
		c, err := s.env.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: code, Statement: statement,
			Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "累计开户学习者12000人"}}})
		if err != nil {
			t.Fatal(err)
		}
		source[code] = c.ID
	}
	wang := s.login("wang")
	if resp, body := wang.post("/carryovers", url.Values{"city": {"330100"}, "round": {"2018"}}); resp.StatusCode != 200 {
		t.Fatalf("carry-over: %d %.300s", resp.StatusCode, textOf(body))
	}
	carried := func(code string) (item, claim string) {
		t.Helper()
		items, _, err := s.env.Values.CarriedItems(ctx, coord, "330100", 2018)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			if it.Kind == catalog.CarryClaim && it.Indicator == code {
				return it.ID, it.ClaimID
			}
		}
		t.Fatalf("no claim of %s carried into 2018: %+v", code, items)
		return "", ""
	}
	history := func(claim string) (string, string) {
		t.Helper()
		_, body := wang.get("/claims/" + claim)
		at := strings.Index(body, `<ol class="history">`)
		if at < 0 {
			t.Fatalf("claim %s has no 处理记录:\n%.2000s", claim, textOf(body))
		}
		h := body[at:]
		h = h[:strings.Index(h, "</ol>")]
		return h, textOf(h)
	}

	item, claim := carried("2.3.1")
	wang.post("/carryovers/"+item, url.Values{"action": {"confirm"}})
	raw, h := history(claim)
	for _, want := range []string{"wang · 结转上一轮： 来自 2017年度的定性描述“ 杭州市建立了学分银行 ”", "wang · 确认沿用结转事项"} {
		if !strings.Contains(h, want) {
			t.Errorf("history of the carried claim lacks %q:\n%s", want, h)
		}
	}
	if !strings.Contains(raw, `href="/claims/`+source["2.3.1"]+`"`) {
		t.Errorf("history of the carried claim does not link the 2017 claim %s:\n%s", source["2.3.1"], raw)
	}
	if strings.Index(h, "结转上一轮") > strings.Index(h, "确认沿用结转事项") {
		t.Errorf("history not oldest first:\n%s", h)
	}

	item, _ = carried("2.3.2")
	wang.post("/carryovers/"+item, url.Values{"action": {"drop"}})
	wang.post("/carryovers/"+item, url.Values{"action": {"restore"}})
	raw, h = history(func() string { _, c := carried("2.3.2"); return c }())
	for _, want := range []string{"结转上一轮： 来自 2017年度的定性描述“ 学分银行累计开户学习者1.2万人 ”", "wang · 结转事项本轮不再使用",
		"wang · 恢复本轮不用的结转事项"} {
		if !strings.Contains(h, want) {
			t.Errorf("history of the claim restored lacks %q:\n%s", want, h)
		}
	}
	if !strings.Contains(raw, `href="/claims/`+source["2.3.2"]+`"`) {
		t.Errorf("history of the claim restored does not link the 2017 claim %s:\n%s", source["2.3.2"], raw)
	}
}
