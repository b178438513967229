package web

import (
	"context"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// TestReturnedTwiceSaysBothOnItsPage: wang returns 台账 (缺少各区县分项数据),
// takes it back by handing the very file in for the task, and returns the
// task again (数据与统计年鉴不一致): 台账's page says both returns, the first
// first, where it said the last one only, the task's record of the
// first being gone. An expert reads two returns without who or why.
func TestReturnedTwiceSaysBothOnItsPage(t *testing.T) {
	s := newSite(t)
	_, task, old, _ := ledgerReturnedAndReplaced(t, s)
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	st, err := s.env.Ingest.Stage(strings.NewReader("2018年职业技能培训台账：全年培训45000人次，其中社区学校12000人次。"), "台账.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	out, err := s.env.Ingest.Upload(context.Background(), wang, ingest.UploadRequest{Meta: ingest.Meta{DocType: "statistics"},
		Assignment: task, Files: []*ingest.Staged{st}})
	if err != nil || len(out) != 1 || out[0].Err != nil || out[0].Document.ID != old {
		t.Fatalf("wang hands 台账 in again: %v %+v, want %s", err, out, old)
	}
	if resp, _ := s.login("wang").post("/assignments/"+task+"/return", url.Values{"reason": {"数据与统计年鉴不一致"}, "next": {"/assignments"}}); resp.StatusCode != 200 {
		t.Fatalf("return again: %d", resp.StatusCode)
	}
	notice := func(b *browser) string {
		t.Helper()
		_, page := b.get("/documents/" + old)
		page = html.UnescapeString(page)
		i := strings.Index(page, `id="returned-notice"`)
		if i < 0 {
			t.Fatalf("%s: 台账's page has no 已退回 notice:\n%.2000s", b.name, textOf(page))
		}
		return textOf(page[i:min(i+3000, len(page))])
	}
	n := notice(s.login("wang"))
	first, second := strings.Index(n, "原因：缺少各区县分项数据"), strings.Index(n, "原因：数据与统计年鉴不一致")
	if first < 0 || second < first {
		t.Errorf("wang reads on 台账's page %q, want the return for 缺少各区县分项数据, then the one for 数据与统计年鉴不一致", n)
	}
	if n := notice(s.login("zhou")); strings.Count(n, "已退回（") != 2 || strings.Contains(n, "wang") || strings.Contains(n, "原因") {
		t.Errorf("the expert reads on 台账's page %q, want two returns without who or why", n)
	}
}
