package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/values"
)

// TestDeleteConfirmationListsWhatItAffects: 杭州's 2017 summary is cited
// by one claim and one value, linked to 2.3.1, and both are carried into
// 2018. Its delete confirmation counts per round the coordinator's own
// items and says the 2018 ones are carried copies, names the indicator
// linked, and says claims go back to review; a notice nothing cites
// gets no sentence about claims.
func TestDeleteConfirmationListsWhatItAffects(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	summary := s.env.Upload("330100", "zongjie2017.txt", "2017年举办第八届杭州学习节，全年市民参与学习活动123.4万人次。")
	notice := s.env.Upload("330100", "tongzhi.txt", "关于举办全民终身学习活动周的通知。")
	if err := s.env.Ingest.AddLink(ctx, coord, &catalog.Link{DocumentID: summary.ID, IndicatorCode: "2.3.1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Claims.Create(ctx, coord, claims.Input{City: "330100", Round: 2017, Indicator: "2.3.1",
		Statement: "举办第八届杭州学习节", Citations: []claims.CitationInput{{DocumentID: summary.ID, Page: 1, Quote: "举办第八届杭州学习节"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "3.1.3", Value: values.Written("123.4万"),
		Citation: claims.CitationInput{DocumentID: summary.ID, Page: 1, Quote: "全年市民参与学习活动123.4万人次"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Values.CarryOver(ctx, coord, "330100", 2018); err != nil {
		t.Fatal(err)
	}
	admin := s.login("admin")
	for _, tt := range []struct {
		name    string
		doc     *catalog.Document
		want    []string
		notWant []string
	}{
		{"被引用的工作总结", summary, []string{"2017年度：1 条定性描述、1 个数值引用", "2018年度：1 条定性描述、1 个数值引用（其中 2 处为结转到 2018年度的副本）",
			"关联的指标：2.3.1", "引用它们的定性描述和数值将退回待审核"}, []string{"2017年度：1 条定性描述、1 个数值引用（其中"}},
		{"无人引用的通知", notice, nil, []string{"定性描述", "数值"}},
	} {
		resp, page := admin.post("/documents/"+tt.doc.ID+"/delete", url.Values{})
		text := textOf(page)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: confirmation answered %d: %q", tt.name, resp.StatusCode, text)
		}
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: confirmation lacks %q: %q", tt.name, w, text)
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(text, w) {
				t.Errorf("%s: confirmation says %q: %q", tt.name, w, text)
			}
		}
	}
}
