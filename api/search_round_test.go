package api

import (
	"net/http"
	"testing"
)

// TestSearchFiltersByRound: round is year by the name the rest of the
// API uses, so a client filtering search by round gets that round's
// documents rather than every round's (probe s38 #8); a round that is
// not a year is refused on its field.
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
