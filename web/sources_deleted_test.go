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

// TestSourcesDeletedOnCarryoversReviewAndHeatMap: 杭州's 2017 summary is
// the only source of claim 2.3.1 and of value 3.1.3, carried into 2018,
// and it is deleted. On /carryovers both copies say 出处已删除 and offer
// no 确认沿用 (a claim also citing a live notice still does); posting
// the confirmation anyway is 409 with what to do; a reviewer's 属实 on
// either is 409 naming the deleted documents; the 2017 heat map shows
// both cells alike 出处已删除.
func TestSourcesDeletedOnCarryoversReviewAndHeatMap(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	summary := s.env.Upload("330100", "zongjie2017.txt", "2017年举办第八届杭州学习节，全年市民参与学习活动123.4万人次。")
	notice := s.env.Upload("330100", "tongzhi.txt", "杭州市建立学分银行，推进学习成果认证。")
	claim, err := s.env.Claims.Create(ctx, coord, claims.Input{City: "330100", Round: 2017, Indicator: "2.3.1",
		Statement: "举办第八届杭州学习节", Citations: []claims.CitationInput{{DocumentID: summary.ID, Page: 1, Quote: "举办第八届杭州学习节"}}})
	if err != nil {
		t.Fatal(err)
	}
	backed, err := s.env.Claims.Create(ctx, coord, claims.Input{City: "330100", Round: 2017, Indicator: "1.1.1",
		Statement: "杭州市建立了学分银行", Citations: []claims.CitationInput{
			{DocumentID: summary.ID, Page: 1, Quote: "举办第八届杭州学习节"}, {DocumentID: notice.ID, Page: 1, Quote: "杭州市建立学分银行"}}})
	if err != nil {
		t.Fatal(err)
	}
	value, err := s.env.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "3.1.3", Value: values.Written("123.4万"),
		Citation: claims.CitationInput{DocumentID: summary.ID, Page: 1, Quote: "全年市民参与学习活动123.4万人次"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Values.CarryOver(ctx, coord, "330100", 2018); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Documents.Delete(ctx, admin, summary.ID); err != nil {
		t.Fatal(err)
	}
	items, _, err := s.env.Values.CarriedItems(ctx, coord, "330100", 2018)
	if err != nil {
		t.Fatal(err)
	}
	carried := map[string]string{} // source → carry-over
	for _, it := range items {
		carried[it.SourceID] = it.ID
	}
	wang := s.login("wang")
	_, page := wang.get("/carryovers?city=330100&round=2018")
	for _, tt := range []struct {
		name   string
		source string
		gone   bool
	}{
		{"只引用已删除总结的定性描述", claim.ID, true},
		{"只引用已删除总结的数值", value.ID, true},
		{"另引用学分银行通知的定性描述", backed.ID, false},
	} {
		id := carried[tt.source]
		if id == "" {
			t.Fatalf("%s was not carried into 2018: %+v", tt.name, items)
		}
		row := regexp.MustCompile(`(?s)<tr data-id="` + id + `".*?</tr>`).FindString(page)
		if got := strings.Contains(row, "出处已删除"); got != tt.gone {
			t.Errorf("%s: row says 出处已删除 %v, want %v: %q", tt.name, got, tt.gone, textOf(row))
		}
		if got := strings.Contains(row, `value="confirm"`); got == tt.gone {
			t.Errorf("%s: row offers 确认沿用 %v, want %v", tt.name, got, !tt.gone)
		}
		if !tt.gone {
			continue
		}
		resp, body := wang.post("/carryovers/"+id, url.Values{"action": {"confirm"}})
		if resp.StatusCode != 409 || !strings.Contains(body, "不能确认沿用") || !strings.Contains(body, "本轮不用") {
			t.Errorf("%s: confirming anyway answered %d %q, want 409 telling to cite a new source or drop it", tt.name, resp.StatusCode, textOf(body))
		}
	}
	// Those who cannot act are told the state, not asked to act on it
	// (review s38 #4).
	s.env.AddUserIn("mz", "contributor", "330100", "市民政局")
	for _, who := range []string{"mz", "zhou"} {
		_, page := s.login(who).get("/carryovers?city=330100&round=2018")
		row := textOf(regexp.MustCompile(`(?s)<tr data-id="` + carried[claim.ID] + `".*?</tr>`).FindString(page))
		if !strings.Contains(row, "出处已删除") || strings.Contains(row, "请") {
			t.Errorf("%s: the row of the claim whose source is deleted: %q, want 出处已删除 and no request to act", who, row)
		}
	}
	li := s.login("li")
	for _, tt := range []struct{ name, path string }{
		{"定性描述", "/claims/" + claim.ID + "/review"},
		{"数值", "/values/" + value.ID + "/review"},
	} {
		resp, body := li.post(tt.path, url.Values{"verdict": {"verified"}, "comment": {"与原文一致"}})
		if resp.StatusCode != 409 || !strings.Contains(body, "引用的文档") || !strings.Contains(body, "不能判定为“属实”") {
			t.Errorf("属实 on the %s citing only the deleted summary: %d %q, want 409 saying its documents are deleted", tt.name, resp.StatusCode, textOf(body))
		}
	}
	if c, _ := s.env.Catalog.Claim(ctx, claim.ID); c == nil || c.Status != catalog.ClaimPending {
		t.Errorf("the claim after the refused verdict: %+v, want still pending", c)
	}
	_, heat := wang.get("/indicators?city=330100&round=2017")
	for _, code := range []string{"2.3.1", "3.1.3"} {
		cell := regexp.MustCompile(`<td class="([a-z]+)"><a href="/indicators/` + regexp.QuoteMeta(code) + `\?[^"]*"[^>]*title="([^"]*)"[^>]*>([^<]*)`).FindStringSubmatch(heat)
		if cell == nil || cell[1] != "sourcedeleted" || cell[2] != "出处已删除" {
			t.Errorf("heat map cell %s: %v, want class sourcedeleted titled 出处已删除, a claim's and a value's alike", code, cell)
		}
		// Its own sign, not the gap's ✕ (review s38 #3).
		if cell != nil && (!strings.Contains(cell[3], "⊘") || strings.Contains(cell[3], "✕")) {
			t.Errorf("heat map cell %s shows %q, want ⊘", code, cell[3])
		}
	}
}
