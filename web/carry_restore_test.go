package web

import (
	"context"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/values"
)

// TestDroppedCarriedItemShowsWhatAndCanBeRestored: 本轮不用 on the carried
// value 312.5万人次 and the claim left rows saying （已删除） with no way
// back (probe s36 finding 12). Each dropped row now shows what was dropped,
// marked 本轮不用, with 恢复; restored, it is to confirm again with its
// value or statement, and 本轮不用 is offered again.
func TestDroppedCarriedItemShowsWhatAndCanBeRestored(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	d := s.env.Upload("330100", "阅读活动总结.txt", "全年举办全民阅读活动，参与市民312.5万人次，建成城市书房86家。")
	if _, err := s.env.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "2.2.1", Value: "312.5万",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "参与市民312.5万人次"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "杭州市建成城市书房86家",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "建成城市书房86家"}}}); err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	if resp, body := wang.post("/carryovers", url.Values{"city": {"330100"}, "round": {"2018"}}); resp.StatusCode != 200 {
		t.Fatalf("carry over: %d %.600s", resp.StatusCode, textOf(body))
	}
	const page = "/carryovers?city=330100&round=2018"
	rowOf := func(body, what string) (row, id string) {
		for _, m := range regexp.MustCompile(`(?s)<tr data-id="([^"]+)" data-state="[^"]*">.*?</tr>`).FindAllStringSubmatch(body, -1) {
			if strings.Contains(html.UnescapeString(textOf(m[0])), what) {
				return m[0], m[1]
			}
		}
		return "", ""
	}
	_, body := wang.get(page)
	for _, what := range []string{"312.5万", "杭州市建成城市书房86家"} {
		_, id := rowOf(body, what)
		if id == "" {
			t.Fatalf("no row of %s: %.2000s", what, textOf(body))
		}
		if resp, b := wang.post("/carryovers/"+id, url.Values{"action": {"drop"}}); resp.StatusCode != 200 {
			t.Fatalf("drop %s: %d %.600s", what, resp.StatusCode, textOf(b))
		}
		_, body = wang.get(page)
		row, _ := rowOf(body, what)
		if row == "" || !strings.Contains(row, `data-state="dropped"`) || !strings.Contains(row, `class="muted dropped-mark"`) ||
			!strings.Contains(row, `value="restore"`) || strings.Contains(row, "（已删除）") {
			t.Errorf("%s dropped: row %q, want it shown, marked 本轮不用, with 恢复", what, textOf(row))
		}
		if resp, b := wang.post("/carryovers/"+id, url.Values{"action": {"restore"}}); resp.StatusCode != 200 ||
			!strings.Contains(textOf(b), "已恢复，在 2018年度重新待确认") {
			t.Errorf("restore %s: %d %.600s", what, resp.StatusCode, textOf(b))
		}
		_, body = wang.get(page)
		row, _ = rowOf(body, what)
		if !strings.Contains(row, `data-state="to_confirm"`) || !strings.Contains(row, `value="drop"`) {
			t.Errorf("%s restored: row %q, want it to confirm again, 本轮不用 offered", what, textOf(row))
		}
	}
	items, _, err := s.env.Values.CarriedItems(ctx, coord, "330100", 2018)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.State != catalog.CarryToConfirm {
			t.Errorf("after restoring: %s %s is %s, want to_confirm", it.Kind, it.What, it.State)
		}
	}
}
