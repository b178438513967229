package api

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/framework"
)

// TestFrameworkImportForNextRound: the revised framework (3.1.1 renamed)
// imported with next_round=true while 2018 is current: 2018 keeps its
// names (kept_round 2018, names_kept in GET /rounds) and today's
// indicators are the new ones.
func TestFrameworkImportForNextRound(t *testing.T) {
	e := newEnv(t)
	_, inds, err := e.cat.CurrentFramework(context.Background())
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
	resp, body := e.do(e.request("POST", "/api/v1/framework",
		uploadBody(map[string]string{"name": "修订体系", "version": "2019", "next_round": "true"}, map[string][]byte{"2019.csv": table})), "admin")
	if resp.StatusCode != 201 || body["kept_round"] != float64(2018) {
		t.Fatalf("import for the next round: %d %v, want 201 with kept_round 2018", resp.StatusCode, body)
	}
	_, body = e.do(e.request("GET", "/api/v1/rounds", nil), "expert")
	rounds, _ := body["rounds"].([]any)
	for _, x := range rounds {
		rd := x.(map[string]any)
		if want := rd["year"] == float64(2018); rd["names_kept"] != want {
			t.Errorf("round %v names_kept %v, want %v", rd["year"], rd["names_kept"], want)
		}
	}
	if ind, err := e.cat.Indicator(context.Background(), "3.1.1"); err != nil || ind.Name != "举办全民终身学习活动周及学习成果展示" {
		t.Errorf("today's 3.1.1 after the import: %v %v", ind, err)
	}
}
