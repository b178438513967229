package api

import (
	"net/http"
	"strings"
	"testing"
)

// TestRoundReadFromADocumentIsAccepted: a document answers its round as
// a string ("2018"); a client that sends it back to claims, values and
// links, or a round as a number to a document, is not refused, and the
// answers keep their types (a document's round a string, a claim's and
// a value's a number). A round of anything but digits is a 400 about
// the field round, in both languages.
func TestRoundReadFromADocumentIsAccepted(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "学分银行统计.txt", "截至2018年底，杭州市存入学分银行的社会培训成果12.3万人。")
	// A leading zero is the same year (review s54: "02018" was kept as text).
	resp, body := e.do(e.request("PATCH", "/api/v1/documents/"+doc, `{"round": "02018"}`), "coordA")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("PATCH document with the round \"02018\": %d %v, want 200", resp.StatusCode, body)
	}
	if _, body = e.do(e.request("GET", "/api/v1/documents/"+doc, nil), "coordA"); body["round"] != "2018" {
		t.Fatalf("document's round after \"02018\": %#v, want \"2018\"", body["round"])
	}
	resp, body = e.do(e.request("PATCH", "/api/v1/documents/"+doc, `{"round": 2018}`), "coordA")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("PATCH document with the round 2018 as a number: %d %v, want 200", resp.StatusCode, body)
	}
	_, body = e.do(e.request("GET", "/api/v1/documents/"+doc, nil), "coordA")
	round, ok := body["round"].(string)
	if !ok || round != "2018" {
		t.Fatalf("document's round: %#v, want the string \"2018\"", body["round"])
	}
	citation := map[string]any{"document_id": doc, "page": 1, "quote": "存入学分银行的社会培训成果12.3万人"}
	for _, c := range []struct {
		path string
		body map[string]any
		kind string // the object answered, whose round is a number
	}{
		{"/api/v1/claims", map[string]any{"round": round, "indicator": "2.3.3", "statement": "杭州市学分银行存入社会培训成果12.3万人",
			"citations": []any{citation}}, "claim"},
		{"/api/v1/values", map[string]any{"round": round, "indicator": "2.3.3", "value": "12.3万", "unit": "人", "citation": citation}, "value"},
		{"/api/v1/links", map[string]any{"round": round, "document_id": doc, "indicator": "2.3.1"}, ""},
	} {
		resp, body := e.do(e.request("POST", c.path, c.body), "coordA")
		if resp.StatusCode != http.StatusCreated {
			t.Errorf("POST %s with the document's round %q: %d %v, want 201", c.path, round, resp.StatusCode, body)
			continue
		}
		if c.kind != "" {
			if got := body[c.kind].(map[string]any)["round"]; got != float64(2018) {
				t.Errorf("POST %s: the %s's round %#v, want the number 2018", c.path, c.kind, got)
			}
		}
	}
	for _, bad := range []string{`"2018年"`, `2018.5`, `true`, `["2018"]`, `"二〇一八"`} {
		resp, body := e.do(e.request("POST", "/api/v1/claims", `{"round": `+bad+`, "indicator": "2.3.3", "statement": "学分银行"}`), "coordA")
		er, _ := body["error"].(map[string]any)
		msg, _ := er["message"].(string)
		en, _ := er["message_en"].(string)
		if resp.StatusCode != http.StatusBadRequest || er["field"] != "round" || !strings.Contains(msg, "数字字符串") ||
			!strings.Contains(en, "a string of digits") {
			t.Errorf("POST a claim with the round %s: %d %v, want 400 about round saying a number or a string of digits", bad, resp.StatusCode, er)
		}
	}
}
