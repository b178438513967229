package api

import (
	"net/http"
	"net/url"
	"slices"
	"testing"
)

// TestEventsOfAnIndicator: GET /api/v1/events?indicator=CODE lists the
// events of the indicator's claims and links in every city, &city= those
// of one city; another indicator's are not among them, and a city alone
// is refused with what to send.
func TestEventsOfAnIndicator(t *testing.T) {
	e := newEnv(t)
	hz := e.upload(cityA, "学分银行实施办法.txt", "杭州市建立学分银行制度。杭州市发放市民终身学习卡。")
	cd := e.upload(cityB, "成都学分银行.txt", "成都市建立学分银行制度。")
	cite := func(doc, quote string) []map[string]any {
		return []map[string]any{{"document_id": doc, "page": 1, "quote": quote}}
	}
	hzClaim := e.createClaim("coordA", map[string]any{"indicator": "2.3.1", "statement": "杭州市建立学分银行制度", "citations": cite(hz, "杭州市建立学分银行制度")})
	e.createClaim("coordA", map[string]any{"indicator": "2.3.2", "statement": "杭州市发放市民终身学习卡", "citations": cite(hz, "杭州市发放市民终身学习卡")})
	cdClaim := e.createClaim("coordB", map[string]any{"indicator": "2.3.1", "statement": "成都市建立学分银行制度", "citations": cite(cd, "成都市建立学分银行制度")})
	events := func(q url.Values) []string {
		t.Helper()
		resp, body := e.do(e.request("GET", "/api/v1/events?"+q.Encode(), nil), "admin")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("events of %s: %d %v", q.Encode(), resp.StatusCode, body)
		}
		var got []string
		evs, _ := body["events"].([]any)
		for _, ev := range evs {
			m := ev.(map[string]any)
			got = append(got, m["action"].(string)+" "+m["object"].(string))
		}
		slices.Sort(got)
		return got
	}
	if got, want := events(url.Values{"indicator": {"2.3.1"}}), []string{"claim.create claim:" + cdClaim, "claim.create claim:" + hzClaim}; !slices.Equal(got, sorted(want)) {
		t.Errorf("events of 2.3.1: %q, want %q", got, sorted(want))
	}
	if got, want := events(url.Values{"indicator": {"2.3.1"}, "city": {cityB}}), []string{"claim.create claim:" + cdClaim}; !slices.Equal(got, want) {
		t.Errorf("events of 2.3.1 in %s: %q, want %q", cityB, got, want)
	}
	resp, body := e.do(e.request("GET", "/api/v1/events?city="+cityA, nil), "admin")
	if errBody, _ := body["error"].(map[string]any); resp.StatusCode != http.StatusBadRequest || errBody["field"] != "city" {
		t.Errorf("a city without indicator: %d %v, want 400 on city", resp.StatusCode, body)
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
