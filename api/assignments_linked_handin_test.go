package api

import (
	"net/http"
	"strings"
	"testing"
)

// TestHandInTheCoordinatorsLink: 市教育局's task 2.3.1 lists, in
// linked_by_coordinator, the document the coordinator linked, with
// can_hand_in; hand-in-linked makes it the department's submission
// (submitted, recorded as contribA's). Returned later, the task keeps the
// coordinator's link, which no hand-in made; handing the returned file in
// again, or withdrawing it, is 409 naming the return, which stays on the
// task. A document not linked to the indicator is 404, and so is another
// department's try.
func TestHandInTheCoordinatorsLink(t *testing.T) {
	e := newEnv(t)
	e.tokens["renshe"] = e.te.AddUserIn("renshe", "contributor", cityA, "杭州市人社局")
	id, doc := e.linkedTask()
	_, body := e.do(e.request("GET", "/api/v1/assignments", nil), "contribA")
	task := body["assignments"].([]any)[0].(map[string]any)
	linked, _ := task["linked_by_coordinator"].(map[string]any)
	if linked == nil || linked["can_hand_in"] != true || linked["count"] != float64(1) {
		t.Fatalf("the task's linked_by_coordinator: %v, want the one document with can_hand_in", task["linked_by_coordinator"])
	}
	for _, tt := range []struct {
		who, doc string
		want     int
	}{
		{"contribA", e.bareDocument(cityA), http.StatusNotFound},
		{"renshe", doc, http.StatusNotFound},
		{"contribA", "", http.StatusBadRequest},
	} {
		if resp, body := e.do(e.request("POST", "/api/v1/assignments/"+id+"/hand-in-linked", map[string]any{"document_id": tt.doc}), tt.who); resp.StatusCode != tt.want {
			t.Errorf("%s hands in %q: %d %v, want %d", tt.who, tt.doc, resp.StatusCode, body, tt.want)
		}
	}
	resp, body := e.do(e.request("POST", "/api/v1/assignments/"+id+"/hand-in-linked", map[string]any{"document_id": doc}), "contribA")
	got, _ := body["assignment"].(map[string]any)
	if resp.StatusCode != 200 || got["status"] != "submitted" || len(got["documents"].([]any)) != 1 {
		t.Fatalf("hand-in-linked: %d %v, want submitted with the document", resp.StatusCode, body)
	}
	if subs := got["submissions"].([]any); len(subs) != 1 || subs[0].(map[string]any)["user"] != "contribA" {
		t.Errorf("the hand-in is recorded as %v, want contribA's", got["submissions"])
	}
	resp, body = e.do(e.request("POST", "/api/v1/assignments/"+id+"/return", `{"reason":"请补交2018年度的管理办法"}`), "coordA")
	if unlinked, _ := body["unlinked"].([]any); resp.StatusCode != 200 || len(unlinked) != 0 {
		t.Errorf("return: %d %v, want the coordinator's link kept", resp.StatusCode, body)
	}
	_, body = e.do(e.request("GET", "/api/v1/documents/"+doc, nil), "coordA")
	if l, _ := body["links"].([]any); len(l) != 1 {
		t.Errorf("the coordinator's link after the return: %v", body["links"])
	}
	// Handing the returned file in again is refused for what it is: the
	// file was returned, with when, by whom and why; not "not linked".
	resp, body = e.do(e.request("POST", "/api/v1/assignments/"+id+"/hand-in-linked", map[string]any{"document_id": doc}), "contribA")
	msg, _ := body["error"].(map[string]any)["message"].(string)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(msg, "这份材料已于") || !strings.Contains(msg, "UTC+8 由 coordA 退回（原因：请补交2018年度的管理办法）") {
		t.Errorf("hand-in-linked of the returned file: %d %v, want 409 saying it was returned, by whom and why", resp.StatusCode, body)
	}
	// Withdrawing the returned file is refused too, naming the return:
	// the return stays on the task, and the file is not offered again as
	// the coordinator's link.
	resp, body = e.do(e.request("POST", "/api/v1/assignments/"+id+"/withdraw", map[string]any{"document_id": doc}), "contribA")
	msg, _ = body["error"].(map[string]any)["message"].(string)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(msg, "UTC+8 由 coordA 退回（原因：请补交2018年度的管理办法）") {
		t.Errorf("withdrawing the returned file: %d %v, want 409 naming the return", resp.StatusCode, body)
	}
	_, body = e.do(e.request("GET", "/api/v1/assignments", nil), "contribA")
	task = body["assignments"].([]any)[0].(map[string]any)
	if returned, _ := task["returned"].([]any); task["status"] != "returned" || len(returned) != 1 {
		t.Errorf("the task after the refused withdrawal: %v, want returned with the file's return", task)
	}
	if task["linked_by_coordinator"] != nil || task["covered"] == true {
		t.Errorf("the task offers the returned file again: linked_by_coordinator %v covered %v", task["linked_by_coordinator"], task["covered"])
	}
}
