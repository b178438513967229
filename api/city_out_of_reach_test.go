package api

import (
	"net/http"
	"strings"
	"testing"
)

// TestListingsOfAnotherCityAreNotFound: every assignments, round, values,
// claims, documents and indicator listing that takes ?city= answers a city the caller may not see
// as missing.xlsx and /coverage/compare do (404, 城市 … 不在您的账号可查看的
// 城市范围内), never an empty 200 that reads as "this city owes nothing";
// the caller's own city still lists.
func TestListingsOfAnotherCityAreNotFound(t *testing.T) {
	e := newEnv(t)
	endpoints := []string{
		"/api/v1/assignments?city=%s",
		"/api/v1/assignments?city=%s&round=2018&overdue=1",
		"/api/v1/assignments/progress?city=%s&round=2018",
		"/api/v1/assignments/missing.xlsx?city=%s",
		"/api/v1/departments?city=%s",
		"/api/v1/values?city=%s&round=2018",
		"/api/v1/carryovers?city=%s&round=2018",
		"/api/v1/coverage/compare?city=%s&rounds=2017,2018",
		"/api/v1/claims?city=%s",
		"/api/v1/claims?city=%s&round=2018&status=pending",
		"/api/v1/documents?city=%s",
		"/api/v1/indicators?city=%s",
		"/api/v1/indicators/2.3.1/evidence?city=%s",
	}
	for _, c := range []struct{ who, own, other string }{
		{"coordB", cityB, cityA},   // 成都的协调员问杭州
		{"coordA", cityA, cityB},   // 杭州的协调员问成都
		{"contribA", cityA, cityB}, // 杭州市教育局问成都
	} {
		for _, pattern := range endpoints {
			path := strings.Replace(pattern, "%s", c.other, 1)
			resp, body := e.do(e.request("GET", path, nil), c.who)
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s GET %s: status %d %v, want 404 as missing.xlsx answers", c.who, path, resp.StatusCode, body)
				continue
			}
			msg, _ := body["error"].(map[string]any)["message"].(string)
			if !strings.Contains(msg, "城市 "+c.other+" 不在您的账号可查看的城市范围内") {
				t.Errorf("%s GET %s: message %q, want it to say the city is out of the account's reach", c.who, path, msg)
			}
			if c.who == "contribA" && strings.Contains(path, "missing.xlsx") {
				continue // a department does not download the reminder sheet (403)
			}
			own := strings.Replace(pattern, "%s", c.own, 1)
			if resp, body := e.do(e.request("GET", own, nil), c.who); resp.StatusCode != http.StatusOK {
				t.Errorf("%s GET %s (own city): status %d %v, want 200", c.who, own, resp.StatusCode, body)
			}
		}
	}
}
