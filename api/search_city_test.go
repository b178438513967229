package api

import (
	"net/http"
	"strings"
	"testing"
)

// TestSearchUnknownCityIs400: a search held to a city code the archive
// does not have is 400 on the field city naming the code, not an empty
// result that reads as a city without evidence (probe s36 #19); a known
// city with nothing found stays 200 with total 0.
func TestSearchUnknownCityIs400(t *testing.T) {
	e := newEnv(t)
	e.upload(cityA, "学分银行.txt", "全市推进学分银行建设。")
	tests := []struct {
		query  string
		status int
		named  string // the code the message names, "" for none
	}{
		{"q=学分银行&city=999999", http.StatusBadRequest, "999999"},
		{"q=学分银行&city=330100,999998", http.StatusBadRequest, "999998"},
		{"q=学分银行&city=" + cityB, http.StatusOK, ""},
		{"q=学分银行&city=" + cityA, http.StatusOK, ""},
	}
	for _, tt := range tests {
		resp, body := e.do(e.request("GET", "/api/v1/search?"+tt.query, nil), "expert")
		if resp.StatusCode != tt.status {
			t.Errorf("%s: %d %v, want %d", tt.query, resp.StatusCode, body, tt.status)
			continue
		}
		if tt.named == "" {
			continue
		}
		errObj, _ := body["error"].(map[string]any)
		if msg, _ := errObj["message"].(string); errObj["code"] != "EINVALID" || errObj["field"] != "city" || !strings.Contains(msg, tt.named) {
			t.Errorf("%s: error %v, want EINVALID on city naming %s", tt.query, errObj, tt.named)
		}
	}
}
