package web

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/values"
)

// TestCarryOverPageShowsLastRoundsVerdict: 杭州's 2017 values carried into
// 2018, one found 属实 and one 与证据矛盾 (with the reviewer's reason): on
// 结转事项核对 each says its 上轮审核结论; the contradicted one is
// flagged and its 确认沿用 asks for the box 已核对，仍沿用 — confirming
// without it is refused with a message saying why, and nothing changes;
// with it, it is confirmed. The English page says the same in English.
func TestCarryOverPageShowsLastRoundsVerdict(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	reviewer := &catalog.User{Username: "li", Role: catalog.RoleReviewer}
	d := s.env.Upload("330100", "tongji.txt", "杭州市认定市民终身学习基地48个，学习型社区创建达标比例为88.1%。")
	record := func(code, value, quote, verdict, why string) {
		t.Helper()
		v, err := s.env.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: code, Value: values.Written(value),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: quote}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.env.Values.Review(ctx, reviewer, v.ID, verdict, why); err != nil {
			t.Fatal(err)
		}
	}
	record("2.2.1", "48", "认定市民终身学习基地48个", "verified", "")
	record("4.1.2", "90%", "学习型社区创建达标比例为88.1%", "contradicted", "原文为88.1%")
	if _, err := s.env.Values.CarryOver(ctx, coord, "330100", 2018); err != nil {
		t.Fatal(err)
	}
	items, _, err := s.env.Values.CarriedItems(ctx, coord, "330100", 2018)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, it := range items {
		ids[it.Indicator] = it.ID
	}
	row := func(page, id string) string {
		return regexp.MustCompile(`(?s)<tr data-id="` + id + `".*?</tr>`).FindString(page)
	}

	wang := s.login("wang")
	_, page := wang.get("/carryovers?city=330100&round=2018")
	if !strings.Contains(page, "上轮审核结论") {
		t.Errorf("carry-over page has no column 上轮审核结论:\n%.2000s", textOf(page))
	}
	if r := row(page, ids["2.2.1"]); !strings.Contains(r, "属实") || strings.Contains(r, `name="checked"`) {
		t.Errorf("2.2.1, verified last round: %q, want 属实 and a plain 确认沿用", textOf(r))
	}
	r := row(page, ids["4.1.2"])
	for _, want := range []string{"与证据矛盾", "审核意见：原文为88.1%", "上一轮审核认定与证据矛盾：确认沿用前请核对", "已核对，仍沿用"} {
		if !strings.Contains(r, want) {
			t.Errorf("4.1.2, contradicted last round, lacks %q: %q", want, textOf(r))
		}
	}
	if !strings.Contains(r, `name="checked" value="1" required`) {
		t.Errorf("4.1.2's confirm does not ask for the box: %q", r)
	}

	resp, body := wang.post("/carryovers/"+ids["4.1.2"], url.Values{"action": {"confirm"}})
	if resp.StatusCode != 400 || !strings.Contains(body, "这一项在 2017年度经审核与证据矛盾；请先核对") {
		t.Errorf("confirming 4.1.2 without the box: %d %.500s, want 400 saying why", resp.StatusCode, textOf(body))
	}
	if strings.Contains(body, "接口") || strings.Contains(body, "checked") && strings.Contains(body, "true）") {
		t.Errorf("the page's message speaks of the API to a coordinator: %.500s", textOf(body))
	}
	if c, _ := s.env.Catalog.CarryoverByID(ctx, ids["4.1.2"]); c == nil || c.State != catalog.CarryToConfirm {
		t.Errorf("4.1.2 after a refused confirm: %+v, want still to_confirm", c)
	}
	wang.post("/carryovers/"+ids["4.1.2"], url.Values{"action": {"confirm"}, "checked": {"1"}})
	if c, _ := s.env.Catalog.CarryoverByID(ctx, ids["4.1.2"]); c == nil || c.State != catalog.CarryConfirmed {
		t.Errorf("4.1.2 confirmed with the box ticked: %+v, want confirmed", c)
	}

	wang.english()
	_, page = wang.get("/carryovers?city=330100&round=2018")
	if !strings.Contains(page, "Last round&#39;s verdict") || !strings.Contains(row(page, ids["4.1.2"]), "Contradicted by evidence") ||
		!strings.Contains(row(page, ids["2.2.1"]), "Verified") {
		t.Errorf("English carry-over page lacks the verdicts:\n%.2000s", textOf(page))
	}
}
