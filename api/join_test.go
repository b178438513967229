package api

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestJoinWithAFileRefusedOnArrival: photos to be joined, one of which is
// empty, are refused whole, naming it; nothing is stored, not even a
// document missing a page.
func TestJoinWithAFileRefusedOnArrival(t *testing.T) {
	e := newEnv(t)
	photo, err := os.ReadFile(filepath.Join("..", "ingest", "extract", "testdata", "photo.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(
		map[string]string{"city": cityA, "doc_type": "meeting_notice", "join_photos": "1"},
		map[string][]byte{"IMG_1.jpg": photo, "IMG_2.jpg": nil})), "admin")
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("status %d, want 400: %v", resp.StatusCode, body)
	}
	e1, _ := body["error"].(map[string]any)
	if msg, _ := e1["message"].(string); !strings.Contains(msg, "IMG_2.jpg") || !strings.Contains(msg, "没有合并") || e1["field"] != "file" {
		t.Errorf("error %v: want the empty photo named, on the field file", e1)
	}
	_, list := e.do(e.request("GET", "/api/v1/documents?city="+cityA, nil), "admin")
	if docs, _ := list["documents"].([]any); len(docs) != 0 {
		t.Errorf("%d documents stored after a refused join", len(docs))
	}
}
