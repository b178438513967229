package api

import (
	"fmt"
	"net/http"
	"testing"
)

// TestNotesByAuthorArePaged: an expert's notes come a page at a time
// with their total, the newest within reach (the oldest 500 came without
// a word), and a document's notes come all.
func TestNotesByAuthorArePaged(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "学分银行.txt", "杭州市建立学分银行。")
	for i := range 5 {
		resp, body := e.do(e.request("POST", "/api/v1/documents/"+doc+"/notes", map[string]any{"page": 1,
			"body": fmt.Sprintf("第%d条：学分银行的数据需核对", i)}), "expert")
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("note %d: %d %v", i, resp.StatusCode, body)
		}
	}
	resp, body := e.do(e.request("GET", "/api/v1/notes?author=expert&size=2&page=3", nil), "expert")
	ns, _ := body["notes"].([]any)
	if resp.StatusCode != http.StatusOK || len(ns) != 1 || body["total"] != float64(5) ||
		ns[0].(map[string]any)["body"] != "第4条：学分银行的数据需核对" {
		t.Errorf("page 3 of 2 notes: %d %v, want the fifth note and total 5", resp.StatusCode, body)
	}
	if resp, body := e.do(e.request("GET", "/api/v1/notes?author=expert&size=0", nil), "expert"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("size=0: %d %v, want 400", resp.StatusCode, body)
	}
}
