package api

import (
	"net/http"
	"net/url"
	"testing"
)

// TestDocumentsListReadsTheListRound: GET /api/v1/documents reads ?round=
// as the other lists do (catalog.ParseListRound): blank is every round,
// 2017 or ２０１７ that round's documents, 2024 none; 0, -1, 99999, abc or
// 2017年度 a 400 about round naming the years and that blank is every
// round, where it said only "应为年份" and took " 2017" and ２０１７ for
// mistakes.
func TestDocumentsListReadsTheListRound(t *testing.T) {
	e := newEnv(t)
	ids := map[string]string{}
	for _, round := range []string{"2017", "2018"} {
		resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"city": cityA, "doc_type": "work_summary", "round": round},
			map[string][]byte{"学分银行" + round + "年度工作总结.txt": []byte(round + "年全市学分银行开户学习者1.2万人。")})), "admin")
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("upload of %s: %d %v", round, resp.StatusCode, body)
		}
		ids[round] = body["documents"].([]any)[0].(map[string]any)["id"].(string)
	}
	for _, c := range []struct {
		round string
		want  []string
	}{
		{"", []string{"2017", "2018"}}, {"2017", []string{"2017"}}, {" 2017 ", []string{"2017"}},
		{"２０１７", []string{"2017"}}, {"2018", []string{"2018"}}, {"2024", nil},
	} {
		resp, body := e.do(e.request("GET", "/api/v1/documents?city="+cityA+"&round="+url.QueryEscape(c.round), nil), "coordA")
		if resp.StatusCode != http.StatusOK {
			t.Errorf("documents of round %q: %d %v, want 200", c.round, resp.StatusCode, body)
			continue
		}
		got := map[string]bool{}
		for _, d := range body["documents"].([]any) {
			got[d.(map[string]any)["id"].(string)] = true
		}
		for _, round := range []string{"2017", "2018"} {
			want := false
			for _, w := range c.want {
				want = want || w == round
			}
			if got[ids[round]] != want {
				t.Errorf("documents of round %q: lists %s's document %v, want %v", c.round, round, got[ids[round]], want)
			}
		}
	}
	for _, round := range roundRefusals {
		resp, body := e.do(e.request("GET", "/api/v1/documents?city="+cityA+"&round="+url.QueryEscape(round), nil), "coordA")
		if why := listRule.missing(resp, body, round); why != "" {
			t.Errorf("documents of round %q: %s", round, why)
		}
	}
}
