package api

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestCoverageKeepsAnIndicatorTodaysFrameworkDropped: 2.3.2, which 2018
// (a past round that keeps its names) had and today's framework dropped,
// is a column of 2018's coverage (dropped), named as 2018 named it, with the
// document 2018 linked to it counted, between 2.3.1 and 2.3.3 as 2018
// had it; 2019 (the current round) and all rounds together, which follow
// today's framework, have no such column. /compare of 2018 and 2019 has
// its row, 2019's cell absent; of 2019 alone, none.
func TestCoverageKeepsAnIndicatorTodaysFrameworkDropped(t *testing.T) {
	e := newEnv(t)
	e.pastRoundRenamed()
	doc := e.upload(cityA, "学习卡.txt", "杭州市民终身学习卡发卡文件")
	round := "2018"
	if _, err := e.te.Documents.Edit(context.Background(), testenv.Admin, doc, catalog.DocumentPatch{Round: &round}); err != nil {
		t.Fatal(err)
	}
	e.link(doc, "2.3.2")
	e.te.ImportWithout("2.3.2")
	resp, body := e.do(e.request("GET", "/api/v1/coverage?city="+cityA+"&round=2018", nil), "expert")
	if resp.StatusCode != 200 {
		t.Fatalf("2018's coverage: %d %v", resp.StatusCode, body)
	}
	col := entryOf(t, body["indicators"], "2.3.2")
	if col["name"] != "市民终身学习卡与个人学习档案" || col["now"] != nil || col["dropped"] != true {
		t.Errorf("2018's column 2.3.2: %v, want it named as 2018 named it", col)
	}
	if kept := entryOf(t, body["indicators"], "2.3.1"); kept["dropped"] != nil {
		t.Errorf("2018's column 2.3.1, still in today's framework: %v, want no dropped", kept)
	}
	var order []string
	for _, c := range body["indicators"].([]any) {
		if code := c.(map[string]any)["code"].(string); strings.HasPrefix(code, "2.3.") {
			order = append(order, code)
		}
	}
	if got := strings.Join(order, " "); got != "2.3.1 2.3.2 2.3.3" {
		t.Errorf("2018's columns of 2.3: %s, want 2.3.1 2.3.2 2.3.3", got)
	}
	city := body["cities"].([]any)[0].(map[string]any)
	if cell := entryOf(t, city["cells"], "2.3.2"); cell["documents"] != float64(1) {
		t.Errorf("2018's cell 2.3.2: %v, want the linked document counted", cell)
	}
	for _, round := range []string{"2019", ""} {
		_, body := e.do(e.request("GET", "/api/v1/coverage?city="+cityA+"&round="+round, nil), "expert")
		for _, c := range body["indicators"].([]any) {
			if c.(map[string]any)["code"] == "2.3.2" {
				t.Errorf("round %q's coverage has a column 2.3.2, which it never had: %v", round, c)
			}
		}
	}
	// /compare of 2018 and 2019 has the row too, 2018's cell counting the
	// document, 2019's saying 2019 never had it; 2019 alone has no row.
	resp, body = e.do(e.request("GET", "/api/v1/coverage/compare?city="+cityA+"&rounds=2018,2019", nil), "expert")
	if resp.StatusCode != 200 {
		t.Fatalf("compare: %d %v", resp.StatusCode, body)
	}
	row := entryOf(t, body["indicators"], "2.3.2")
	cells, _ := row["rounds"].([]any)
	if row["name"] != "市民终身学习卡与个人学习档案" || len(cells) != 2 {
		t.Fatalf("compare's row 2.3.2: %v, want it named as 2018 named it, with two cells", row)
	}
	if c := cells[0].(map[string]any); c["documents"] != float64(1) || c["status"] == "absent" {
		t.Errorf("2018's cell of 2.3.2: %v, want its document counted", c)
	}
	if c := cells[1].(map[string]any); c["status"] != "absent" {
		t.Errorf("2019's cell of 2.3.2: %v, want absent", c)
	}
	if c := entryOf(t, body["indicators"], "2.3.1")["rounds"].([]any)[1].(map[string]any); c["status"] == "absent" {
		t.Errorf("2019's cell of 2.3.1, in today's framework: %v", c)
	}
	_, body = e.do(e.request("GET", "/api/v1/coverage/compare?city="+cityA+"&rounds=2019", nil), "expert")
	for _, r := range body["indicators"].([]any) {
		if r.(map[string]any)["code"] == "2.3.2" {
			t.Errorf("/compare of 2019 alone has a row 2.3.2, which 2019 never had: %v", r)
		}
	}
}
