package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestSearchFiltersByRound: a client filtering search by round gets that
// round's documents rather than every round's (probe s38 #8); a round
// that is not a year is refused on its field.
func TestSearchFiltersByRound(t *testing.T) {
	e := newEnv(t)
	id := e.upload(cityA, "week.txt", "全市组织市民学习周活动。")
	for _, tt := range []struct {
		query string
		want  int
	}{
		{"q=学习周&round=2017", 1},
		{"q=学习周&round=2019", 0},
		{"q=学习周&year=2019", 0},
		{"q=学习周&round=2016,2017", 1},
	} {
		resp, body := e.do(e.request("GET", "/api/v1/search?"+tt.query, nil), "expert")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %v", tt.query, resp.StatusCode, body)
		}
		hits := body["hits"].([]any)
		if len(hits) != tt.want {
			t.Errorf("%s: %d hits %v, want %d", tt.query, len(hits), hits, tt.want)
		}
		if tt.want == 1 && hits[0].(map[string]any)["id"] != id {
			t.Errorf("%s: hit %v, want %s", tt.query, hits[0], id)
		}
	}
	resp, body := e.do(e.request("GET", "/api/v1/search?q=学习周&round=第二轮", nil), "expert")
	if resp.StatusCode != http.StatusBadRequest || body["error"].(map[string]any)["field"] != "round" {
		t.Errorf("round=第二轮: %d %v, want 400 on the field round", resp.StatusCode, body)
	}
}

// TestSearchRoundIsTheMonitoringRound: a year's work summary handed in
// for the 2024 round but dated 二〇二五年十二月一日 counts for round 2024
// everywhere else (its task, claims, report), so round=2024 finds it and
// round=2025 does not, while year=, the year of issue, keeps it in 2025;
// moving it to round 2025 by a field edit moves it in search at once.
func TestSearchRoundIsTheMonitoringRound(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	for _, year := range []int{2024, 2025} {
		if err := e.te.Framework.AddRound(ctx, testenv.Admin, catalog.Round{Year: year}); err != nil {
			t.Fatal(err)
		}
	}
	text := "二〇二四年度学习型城市建设工作总结\n\n    全年开展市民终身学习周活动，社区学习共同体覆盖全部街道。\n\n杭州市教育局\n二〇二五年十二月一日\n"
	resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"city": cityA,
		"doc_type": "work_summary", "round": "2024", "issued_on": "2025-12-01"}, map[string][]byte{"2024年度工作总结.txt": []byte(text)})), "admin")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload: %d %v", resp.StatusCode, body)
	}
	id := e.te.WaitIndexed(body["documents"].([]any)[0].(map[string]any)["id"].(string)).ID
	finds := func(query string, want bool) {
		t.Helper()
		resp, body := e.do(e.request("GET", "/api/v1/search?q=学习共同体&"+query, nil), "expert")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %v", query, resp.StatusCode, body)
		}
		hits, _ := body["hits"].([]any)
		found := len(hits) == 1 && hits[0].(map[string]any)["id"] == id
		if found != want || len(hits) > 1 {
			t.Errorf("%s: hits %v, want the 2024 summary found: %v", query, hits, want)
		}
	}
	finds("round=2024", true)
	finds("round=2025", false)
	finds("year=2025", true)
	finds("year=2024", false)

	resp, body = e.do(e.request("PATCH", "/api/v1/documents/"+id, map[string]any{"round": "2025"}), "admin")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("move to round 2025: %d %v", resp.StatusCode, body)
	}
	finds("round=2025", true)
	finds("round=2024", false)
	finds("year=2025", true)
}

// TestSavedSearchKeepsItsRoundInTheAPI: a search saved by the API with
// "rounds" keeps them, in its filters and in the parameters that re-run
// it, which then find that round's documents only; a round the search's
// round= refuses is refused on round when saved.
func TestSavedSearchKeepsItsRoundInTheAPI(t *testing.T) {
	e := newEnv(t)
	id := e.upload(cityA, "week.txt", "全市组织市民学习周活动。")
	for _, tt := range []struct {
		round int
		want  int
	}{{2017, 1}, {2019, 0}} {
		resp, body := e.do(e.request("POST", "/api/v1/saved-searches", map[string]any{"name": "学习周", "query": "学习周",
			"filters": map[string]any{"rounds": []int{tt.round}}}), "expert")
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("save with round %d: %d %v", tt.round, resp.StatusCode, body)
		}
		saved := body["saved_search"].(map[string]any)
		params, _ := saved["params"].(string)
		rounds, _ := saved["filters"].(map[string]any)["rounds"].([]any)
		if len(rounds) != 1 || rounds[0] != float64(tt.round) || !strings.Contains(params, "round="+strconv.Itoa(tt.round)) {
			t.Fatalf("saved with round %d: filters %v, params %q; want the round kept", tt.round, saved["filters"], params)
		}
		resp, body = e.do(e.request("GET", "/api/v1/search?"+params, nil), "expert")
		hits, _ := body["hits"].([]any)
		if resp.StatusCode != http.StatusOK || len(hits) != tt.want || (tt.want == 1 && hits[0].(map[string]any)["id"] != id) {
			t.Errorf("the search saved with round %d re-run: %d %v, want %d hits", tt.round, resp.StatusCode, hits, tt.want)
		}
	}
	resp, body := e.do(e.request("POST", "/api/v1/saved-searches", map[string]any{"name": "学习周", "query": "学习周",
		"filters": map[string]any{"rounds": []int{99999}}}), "expert")
	if resp.StatusCode != http.StatusBadRequest || body["error"].(map[string]any)["field"] != "round" {
		t.Errorf("save with round 99999: %d %v, want 400 on round", resp.StatusCode, body)
	}
}
