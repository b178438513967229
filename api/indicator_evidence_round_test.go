package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestIndicatorEvidenceSaysEachDocumentsRound: the evidence of 2.3.2
// lists a 2017 policy linked in its own round and a 2017 opinion linked
// for 2018, each with "round":"2017"; asked for ?round=2018 the policy is
// "other_round":true and the opinion not, for ?round=2017 the other way
// round, and without a round neither is marked. Both are always listed.
func TestIndicatorEvidenceSaysEachDocumentsRound(t *testing.T) {
	e := newEnv(t)
	policy := e.upload(cityA, "学习型城市建设规划.txt", "杭州市学习型城市建设规划，推进终身学习卡发放。")
	e.linkFor(policy, 0)
	opinion := e.upload(cityA, "终身学习卡实施意见.txt", "杭州市关于推行市民终身学习卡的实施意见。")
	e.linkFor(opinion, 2018)
	for _, c := range []struct {
		query                string
		policyOther, opOther bool
	}{{"", false, false}, {"&round=2018", true, false}, {"&round=2017", false, true}} {
		resp, body := e.do(e.request("GET", "/api/v1/indicators/2.3.2/evidence?city="+cityA+c.query, nil), "coordA")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("evidence%s: %d %v", c.query, resp.StatusCode, body)
		}
		got := map[string]map[string]any{}
		for _, d := range body["documents"].([]any) {
			doc := d.(map[string]any)
			got[doc["id"].(string)] = doc
		}
		for id, other := range map[string]bool{policy: c.policyOther, opinion: c.opOther} {
			doc, ok := got[id]
			if !ok {
				t.Errorf("evidence%s: %s not listed: %v", c.query, id, body["documents"])
				continue
			}
			if doc["round"] != "2017" {
				t.Errorf("evidence%s: %s has round %v, want 2017", c.query, id, doc["round"])
			}
			if marked := doc["other_round"] == true; marked != other {
				t.Errorf("evidence%s: %s other_round %v, want %v", c.query, id, doc["other_round"], other)
			}
		}
	}
	resp, body := e.do(e.request("GET", "/api/v1/indicators/2.3.2/evidence?round=二〇一八", nil), "coordA")
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("evidence?round=二〇一八: %d %v, want 400", resp.StatusCode, body)
	}
}

// TestIndicatorEvidenceRefusesAnUnknownRound: asked for round -3, 0 or
// 2099 (no such monitoring round), the evidence of 2.3.2 is 400 and says
// why, rather than listing 杭州's policy as of another round.
func TestIndicatorEvidenceRefusesAnUnknownRound(t *testing.T) {
	e := newEnv(t)
	policy := e.upload(cityA, "学习型城市建设规划.txt", "杭州市学习型城市建设规划，推进终身学习卡发放。")
	e.linkFor(policy, 0)
	for round, want := range map[string]string{"-3": "监测轮次应为年份", "0": "监测轮次应为年份", "2099": "监测轮次 2099 不存在"} {
		resp, body := e.do(e.request("GET", "/api/v1/indicators/2.3.2/evidence?city="+cityA+"&round="+round, nil), "coordA")
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(fmt.Sprint(body), want) {
			t.Errorf("evidence?round=%s: %d %v, want 400 saying %s", round, resp.StatusCode, body, want)
		}
	}
}
