package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestRoundParamIsAYearOrBlank: reports, packs, values and the round
// comparison read ?round= by one rule: blank is the current round, as
// clients that leave it out have always meant; 0, a negative number,
// 99999 or 2017a is a 400 about round naming the years a round may be and
// the blank, in Chinese and English, never 不存在; a year that is no round
// (2030) is still 不存在. rounds=0,-1 names both (probe s48 #8).
func TestRoundParamIsAYearOrBlank(t *testing.T) {
	e := newEnv(t)
	const want = "监测轮次应为 2000 至 2100 年间的年份\uFF08如 2018\uFF09\uFF0C或留空表示本轮\uFF1B收到"
	const wantEn = "The monitoring round should be a year from 2000 to 2100 (such as 2018), or blank for the current round"
	// The values list's blank is every round: its refusal says so
	// (listRule, TestEveryRoundParamReadsOneRule).
	paths := []string{"/api/v1/reports/" + cityA + "?format=xlsx", "/api/v1/packs/" + cityA + "?x=1",
		"/api/v1/carryovers?city=" + cityA}
	for _, path := range paths {
		if resp, body := e.do(e.request("GET", path, nil), "coordA"); resp.StatusCode != http.StatusOK {
			t.Errorf("%s without a round: %d %v, want 200 for the current round", path, resp.StatusCode, body)
		}
		for _, round := range []string{"0", "-1", "99999", "2017a"} {
			resp, body := e.do(e.request("GET", path+"&round="+round, nil), "coordA")
			er, _ := body["error"].(map[string]any)
			msg := fmt.Sprint(er["message"])
			if resp.StatusCode != http.StatusBadRequest || er["field"] != "round" || !strings.Contains(msg, want+"“"+round+"”") ||
				!strings.Contains(fmt.Sprint(er["message_en"]), wantEn) {
				t.Errorf("%s&round=%s: %d %v, want 400 about round saying %q", path, round, resp.StatusCode, body, want)
			}
		}
	}
	resp, body := e.do(e.request("GET", "/api/v1/reports/"+cityA+"?round=2030", nil), "coordA")
	if er, _ := body["error"].(map[string]any); resp.StatusCode == http.StatusOK || !strings.Contains(fmt.Sprint(er["message"]), "监测轮次 2030 不存在") {
		t.Errorf("report of round 2030: %d %v, want it refused as 不存在", resp.StatusCode, body)
	}
	resp, body = e.do(e.request("GET", "/api/v1/coverage/compare?city="+cityA+"&rounds=0,-1", nil), "coordA")
	er, _ := body["error"].(map[string]any)
	if resp.StatusCode != http.StatusBadRequest || len(er["errors"].([]any)) != 2 ||
		!strings.Contains(fmt.Sprint(er["errors"]), "要对比的监测轮次应为 2000 至 2100 年间的年份\uFF0C如 2017,2019\uFF1B收到“0”") ||
		!strings.Contains(fmt.Sprint(er["errors"]), "收到“-1”") {
		t.Errorf("compare rounds=0,-1: %d %v, want 400 naming 0 and -1", resp.StatusCode, body)
	}
}
