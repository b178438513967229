package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// roundRefusals are the rounds a request may not name: no year a round
// may be (catalog.ParseRound), each a 400 about round.
var roundRefusals = []string{"0", "-1", "99999", "abc", "2017年度"}

// roundRule is ParseRound's 400 for a request on one round (blank is the
// current round); listRule ParseListRound's for a list (blank is every
// round), which must not promise the current one.
var (
	roundRule = refusal{"监测轮次应为 2000 至 2100 年间的年份\uFF08如 2018\uFF09\uFF0C或留空表示本轮\uFF1B收到",
		"The monitoring round should be a year from 2000 to 2100 (such as 2018), or blank for the current round"}
	listRule = refusal{"监测轮次应为 2000 至 2100 年间的年份\uFF08如 2018\uFF09\uFF0C或留空表示全部轮次\uFF1B收到",
		"The monitoring round should be a year from 2000 to 2100 (such as 2018), or blank for every round"}
)

type refusal struct{ zh, en string }

// refusedRound says what is wrong with an answer to a request naming a
// round that is no year, or "" when it is ParseRound's 400.
func refusedRound(resp *http.Response, body map[string]any, round string) string {
	return roundRule.missing(resp, body, round)
}

// missing says what is wrong with an answer that should be rule's 400
// about round, or "".
func (rule refusal) missing(resp *http.Response, body map[string]any, round string) string {
	er, _ := body["error"].(map[string]any)
	switch {
	case resp.StatusCode != http.StatusBadRequest || er["field"] != "round":
		return fmt.Sprintf("%d %v, want 400 about round", resp.StatusCode, body)
	case !strings.Contains(fmt.Sprint(er["message"]), rule.zh+"“"+round+"”"):
		return fmt.Sprintf("message %q, want %q", er["message"], rule.zh)
	case !strings.Contains(fmt.Sprint(er["message_en"]), rule.en):
		return fmt.Sprintf("English %q, want %q", er["message_en"], rule.en)
	}
	return ""
}

// TestEveryRoundParamReadsOneRule: the claim and assignment lists, the
// departments' progress, the list of what they owe, the coverage matrix
// and an indicator's evidence read ?round= as reports and values do:
// blank is accepted (every round, for these lists:
// TestABlankRoundListsEveryRound), 2018 that round, and 0, -1, 99999,
// abc or 2017年度 a 400 naming the years and that blank lists every
// round (not the current one), where 0 and -1 were taken for the current
// round and 99999 passed on.
func TestEveryRoundParamReadsOneRule(t *testing.T) {
	e := newEnv(t)
	paths := []string{"/api/v1/claims?city=" + cityA, "/api/v1/assignments?city=" + cityA,
		"/api/v1/assignments/progress?city=" + cityA, "/api/v1/assignments/missing.xlsx?city=" + cityA,
		"/api/v1/coverage?city=" + cityA, "/api/v1/indicators/2.3.1/evidence?city=" + cityA, "/api/v1/values?city=" + cityA}
	for _, path := range paths {
		for _, round := range []string{"", "2018"} {
			if resp, body := e.do(e.request("GET", path+"&round="+round, nil), "coordA"); resp.StatusCode != http.StatusOK {
				t.Errorf("%s&round=%s: %d %v, want 200", path, round, resp.StatusCode, body)
			}
		}
		for _, round := range roundRefusals {
			resp, body := e.do(e.request("GET", path+"&round="+url.QueryEscape(round), nil), "coordA")
			if why := listRule.missing(resp, body, round); why != "" {
				t.Errorf("%s&round=%s: %s", path, round, why)
			}
		}
	}
}

// TestImportAndLinkRoundsReadOneRule: a responsibility table's round and
// a link's round to drop or restore are read by the same rule: a blank
// table round imports into the current round (2018), a blank link round
// is the current round, and a round that is no year is ParseRound's 400
// with nothing imported or dropped.
func TestImportAndLinkRoundsReadOneRule(t *testing.T) {
	e := newEnv(t)
	table := func(round string) *multipartBody {
		return uploadBody(map[string]string{"city": cityA, "round": round}, map[string][]byte{"责任分解表.xlsx": cityTableXLSX(t)})
	}
	for _, round := range roundRefusals {
		resp, body := e.do(e.request("POST", "/api/v1/assignments/import", table(round)), "coordA")
		if why := refusedRound(resp, body, round); why != "" {
			t.Errorf("import with round %s: %s", round, why)
		}
	}
	if n := e.assignmentCount("coordA"); n != 0 {
		t.Fatalf("%d tasks after refused imports, want none", n)
	}
	resp, body := e.do(e.request("POST", "/api/v1/assignments/import", table("")), "coordA")
	if resp.StatusCode != http.StatusCreated || !strings.Contains(fmt.Sprint(body["assignments"]), "round:2018") {
		t.Fatalf("import with a blank round: %d %v, want 201 into 2018, the current round", resp.StatusCode, body)
	}

	doc := e.upload(cityA, "学习卡.txt", "杭州市发放市民终身学习卡。")
	link := e.linkFor(doc, 0)
	for _, round := range roundRefusals {
		resp, body := e.do(e.request("DELETE", "/api/v1/links/"+link+"?round="+url.QueryEscape(round), nil), "coordA")
		if why := refusedRound(resp, body, round); why != "" {
			t.Errorf("DELETE link ?round=%s: %s", round, why)
		}
		resp, body = e.do(e.request("POST", "/api/v1/links/"+link+"/restore?round="+url.QueryEscape(round), nil), "coordA")
		if why := refusedRound(resp, body, round); why != "" {
			t.Errorf("restore link ?round=%s: %s", round, why)
		}
	}
	if n := e.roundCount("2017"); n != 1 {
		t.Errorf("the link after the refused drops: %v documents in 2017, want 1", n)
	}
}

// TestABlankRoundListsEveryRound: the claim list asked with round left
// out or blank lists the claims of every round, as README says of the
// lists, not the current round's alone as a report reads it: a client
// counting a round's claims names the round.
func TestABlankRoundListsEveryRound(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "条例.txt", "2014年颁布实施《杭州市终身教育促进条例》。")
	for _, round := range []any{2017, nil} {
		body := map[string]any{"indicator": "1.1.2", "statement": "2014年颁布实施《杭州市终身教育促进条例》",
			"citations": []map[string]any{{"document_id": doc, "page": 1, "quote": "颁布实施《杭州市终身教育促进条例》"}}}
		if round != nil {
			body["round"] = round
		}
		e.createClaim("coordA", body)
	}
	for q, want := range map[string]float64{"": 2, "&round=": 2, "&round=2018": 1, "&round=2017": 1} {
		resp, out := e.do(e.request("GET", "/api/v1/claims?city="+cityA+q, nil), "coordA")
		if resp.StatusCode != http.StatusOK || out["total"] != want {
			t.Errorf("GET /api/v1/claims?city=%s%s: %d, %v claims, want %v", cityA, q, resp.StatusCode, out["total"], want)
		}
	}
}
