package api

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestListingsOfAnUnknownCityAreRefused: a listing asked by ?city= for a
// city the archive does not have — the city's name typed for its code
// (杭州), or a mistyped code — is 400 on city saying what a code is, as
// the search answers it (probe s55). It used to be an empty 200 to an
// admin or an expert, which reads as "杭州 has no documents", and to 杭州's
// own coordinator 404 "城市 杭州 不在您的账号可查看的城市范围内", which reads
// as a fault of the account.
func TestListingsOfAnUnknownCityAreRefused(t *testing.T) {
	e := newEnv(t)
	endpoints := []string{
		"/api/v1/assignments?city=%s",
		"/api/v1/departments?city=%s",
		"/api/v1/values?city=%s&round=2018",
		"/api/v1/claims?city=%s",
		"/api/v1/documents?city=%s",
		"/api/v1/indicators?city=%s",
		"/api/v1/indicators/2.3.1/evidence?city=%s",
	}
	for _, who := range []string{"admin", "coordA"} {
		for _, city := range []string{"杭州", "330199"} {
			for _, pattern := range endpoints {
				path := strings.Replace(pattern, "%s", url.QueryEscape(city), 1)
				resp, body := e.do(e.request("GET", path, nil), who)
				detail, _ := body["error"].(map[string]any)
				msg, _ := detail["message"].(string)
				if resp.StatusCode != http.StatusBadRequest || detail["field"] != "city" || !strings.Contains(msg, city) || strings.Contains(msg, "不在您的账号") {
					t.Errorf("%s GET %s: %d %v, want 400 on city naming %s", who, path, resp.StatusCode, body, city)
				}
			}
		}
	}
}
