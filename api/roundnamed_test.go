package api

import (
	"fmt"
	"net/http"
	"testing"
)

// TestRoundOfTheYearANameGives: a file uploaded without a round whose
// text gives no 成文日期 is filed into the round of the one year its
// title or file name names, when that round exists, and the document
// says so (round_named_in); otherwise as before: a date's round, or the
// current round (probe s27 finding 15).
func TestRoundOfTheYearANameGives(t *testing.T) {
	e := newEnv(t)
	current := fmt.Sprint(e.currentRound())
	tests := []struct {
		filename, text string
		wantRound      string
		wantNamed      bool
	}{
		{"2017年统计数据.txt", "社区学校 | 12 所\n学习人次 | 3.2 万", "2017", true},
		{"统计数据（2016年）.txt", "社区学校 | 13 所", current, false},                  // no round 2016
		{"2017—2018年统计数据.txt", "社区学校 | 14 所", current, false},               // two years
		{"2017年工作总结.txt", "杭州市社区教育工作总结\n杭州市教育局\n2018年3月20日", "2018", false}, // the date wins
		{"社区教育统计.txt", "社区学校 | 15 所", current, false},
	}
	for _, tt := range tests {
		resp, body := e.do(e.request("POST", "/api/v1/documents",
			uploadBody(map[string]string{"city": cityA, "doc_type": "statistics"}, map[string][]byte{tt.filename: []byte(tt.text)})), "admin")
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("upload %s: %d %v", tt.filename, resp.StatusCode, body)
		}
		id := body["documents"].([]any)[0].(map[string]any)["id"].(string)
		e.te.WaitIndexed(id)
		_, body = e.do(e.request("GET", "/api/v1/documents/"+id, nil), "admin")
		named, _ := body["round_named_in"].(string)
		if body["round"] != tt.wantRound || (named != "") != tt.wantNamed {
			t.Errorf("%s: round %v (named in %q, dated %v), want %s (named: %v)", tt.filename, body["round"], named, body["issued_on"], tt.wantRound, tt.wantNamed)
		}
	}
}
