package api

import (
	"fmt"
	"net/http"
	"testing"
)

// TestRoundOfTheYearANameGives: a file uploaded without a round whose
// text gives no 成文日期 is filed into the round of the one year its
// title or file name names, when that round exists, and the document
// says so (round_named_in); an annual summary dated early the next year
// goes to the round of the year its title names (report_title);
// otherwise as before: a date's round, or the current round (probe s27
// finding 15, s28 D11).
func TestRoundOfTheYearANameGives(t *testing.T) {
	e := newEnv(t)
	current := fmt.Sprint(e.currentRound())
	tests := []struct {
		filename, text string
		wantRound      string
		wantNamed      string
		wantWithout    float64 // year_without_round
	}{
		{"2017年统计数据.txt", "社区学校 | 12 所\n学习人次 | 3.2 万", "2017", "title", 0},
		{"统计数据（2016年）.txt", "社区学校 | 13 所", current, "", 2016},               // no round 2016
		{"2017—2018年统计数据.txt", "社区学校 | 14 所", current, "", 0},               // two years
		{"2017年工作总结.txt", "杭州市社区教育工作总结\n杭州市教育局\n2018年3月20日", "2018", "", 0}, // the date wins
		{"社区教育统计.txt", "社区学校 | 15 所", current, "", 0},
		// An annual summary issued early the next year is its year's (s28 D11).
		{"工作总结.txt", "杭州市2017年学习型城市建设工作总结\n杭州市教育局\n二〇一八年三月二十日", "2017", "report_title", 0},
		// …and so is one whose title writes the year in Chinese numerals (probe s29 §2).
		{"年度报告.txt", "杭州市二〇一八年度学习型城市建设工作报告\n杭州市教育局\n2019年1月20日", "2018", "report_title", 0},
		{"年度总结.txt", "杭州市二零一八年度学习型城市建设工作总结\n杭州市教育局\n二〇一九年一月二十日", "2018", "report_title", 0},
		// One about a year that is no round goes by its date, and says so.
		{"总结.txt", "杭州市2016年学习型城市建设工作总结\n杭州市教育局\n2017年3月20日", "2017", "", 2016},
		// A notice about a year's event is its date's.
		{"通知.txt", "杭州市教育局关于2017年全民终身学习活动周总结表彰的通知\n杭州市教育局\n2018年3月20日", "2018", "", 0},
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
		if without, _ := body["year_without_round"].(float64); without != tt.wantWithout {
			t.Errorf("%s: year_without_round %v, want %v", tt.filename, body["year_without_round"], tt.wantWithout)
		}
		if body["round"] != tt.wantRound || named != tt.wantNamed {
			t.Errorf("%s: round %v (named in %q, dated %v, title %v), want %s (named in %q)", tt.filename, body["round"], named, body["issued_on"], body["title"], tt.wantRound, tt.wantNamed)
		}
	}
}
