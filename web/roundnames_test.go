package web

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/framework"
)

// TestAdminImportForNextRoundKeepsTheCurrentRoundsNames: the admin ticks
// 新体系从下一轮起使用 when importing the revised framework while 2018 is
// current; the page says 2018's report keeps its names, and the rounds
// list marks 2018.
func TestAdminImportForNextRoundKeepsTheCurrentRoundsNames(t *testing.T) {
	s := newSite(t)
	admin := s.login("admin")
	_, inds, err := s.env.Catalog.CurrentFramework(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for i := range inds {
		if inds[i].Code == "3.1.1" {
			inds[i].Name = "举办全民终身学习活动周及学习成果展示"
		}
	}
	table, err := framework.ExportCSV(inds)
	if err != nil {
		t.Fatal(err)
	}
	_, page := admin.get("/admin")
	if !strings.Contains(page, `name="next_round"`) {
		t.Fatalf("the framework form has no 新体系从下一轮起使用 box: %.800s", textOf(page))
	}
	r := admin.postFilesBody("/admin/framework", map[string]string{"name": "修订体系", "version": "2019", "next_round": "on"},
		map[string][]byte{"2019.csv": table})
	text := textOf(r.body)
	if r.resp.StatusCode != 200 || !strings.Contains(text, "2018年度的报告保留导入前的指标名称") {
		t.Fatalf("import for the next round: %d %.600s", r.resp.StatusCode, text)
	}
	if !strings.Contains(text, "2018") || !strings.Contains(r.body, "names-kept") {
		t.Errorf("the rounds list does not mark 2018 as keeping its names: %.800s", text)
	}
}
