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
	// A round that is no year is said to be one, as the indicator page
	// says it (search.RoundParam), not as any integer parameter.
	resp, body := e.do(e.request("GET", "/api/v1/indicators/2.3.2/evidence?round=二〇一八", nil), "coordA")
	if er, _ := body["error"].(map[string]any); resp.StatusCode != http.StatusBadRequest || er["field"] != "round" ||
		!strings.Contains(fmt.Sprint(er["message"]), "监测轮次应为 2000 至 2100 年间的年份") {
		t.Errorf("evidence?round=二〇一八: %d %v, want 400 about round saying 监测轮次应为 2000 至 2100 年间的年份", resp.StatusCode, body)
	}
}

// TestIndicatorEvidenceRefusesAnUnknownRound: asked for round -3, 0 or
// 2099 (no such monitoring round), the evidence of 2.3.2 is 400 and says
// why, rather than listing 杭州's policy as of another round.
func TestIndicatorEvidenceRefusesAnUnknownRound(t *testing.T) {
	e := newEnv(t)
	policy := e.upload(cityA, "学习型城市建设规划.txt", "杭州市学习型城市建设规划，推进终身学习卡发放。")
	e.linkFor(policy, 0)
	for round, want := range map[string]string{"-3": "监测轮次应为 2000 至 2100 年间的年份", "0": "监测轮次应为 2000 至 2100 年间的年份", "2099": "监测轮次 2099 不存在"} {
		resp, body := e.do(e.request("GET", "/api/v1/indicators/2.3.2/evidence?city="+cityA+"&round="+round, nil), "coordA")
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(fmt.Sprint(body), want) {
			t.Errorf("evidence?round=%s: %d %v, want 400 saying %s", round, resp.StatusCode, body, want)
		}
	}
}

// TestIndicatorEvidenceMarksASuggestedDocumentOfAnotherRound: 杭州's
// 2018 终身学习卡发放情况, linked to nothing, is suggested for 2.3.2 with
// "round":"2018"; asked for ?round=2017 it is "other_round":true, for
// ?round=2018 not, and it is listed either way.
func TestIndicatorEvidenceMarksASuggestedDocumentOfAnotherRound(t *testing.T) {
	e := newEnv(t)
	policy := e.upload(cityA, "学习型城市建设规划.txt", "杭州市学习型城市建设规划，推进终身学习卡发放。")
	e.linkFor(policy, 0)
	resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"city": cityA, "doc_type": "work_summary", "round": "2018"},
		map[string][]byte{"终身学习卡发放情况.txt": []byte("2018年杭州市发放市民终身学习卡十万张，终身学习卡覆盖全市。")})), "admin")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload: %d %v", resp.StatusCode, body)
	}
	card := e.te.WaitIndexed(body["documents"].([]any)[0].(map[string]any)["id"].(string)).ID
	for round, other := range map[string]bool{"2017": true, "2018": false} {
		resp, body := e.do(e.request("GET", "/api/v1/indicators/2.3.2/evidence?city="+cityA+"&round="+round, nil), "coordA")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("evidence?round=%s: %d %v", round, resp.StatusCode, body)
		}
		var found map[string]any
		for _, d := range body["documents"].([]any) {
			if doc := d.(map[string]any); doc["id"] == card {
				found = doc
			}
		}
		if found == nil {
			t.Errorf("evidence?round=%s: the 2018 document is not suggested: %v", round, body["documents"])
			continue
		}
		if found["suggested"] != true || found["round"] != "2018" || (found["other_round"] == true) != other {
			t.Errorf("evidence?round=%s: suggested %v round %v other_round %v, want suggested, 2018, %v",
				round, found["suggested"], found["round"], found["other_round"], other)
		}
	}
}
