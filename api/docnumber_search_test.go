package api

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestSearchFindsADocNumberAsReadAndMarksTheGuess: a 文号 line read as
// 杭教发（2018] 125 gives the guess 杭教发〔2018〕12号. Each way an expert
// types the 文号 on the paper finds the document, and each hit says its
// 文号 is a guess, with what was read.
func TestSearchFindsADocNumberAsReadAndMarksTheGuess(t *testing.T) {
	e := newEnv(t)
	text := testenv.GuessedNotice
	fields := map[string]string{"city": cityA, "doc_type": "policy"}
	resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(fields, map[string][]byte{"评选通知.txt": []byte(text)})), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload: %d %v", resp.StatusCode, body)
	}
	id := body["documents"].([]any)[0].(map[string]any)["id"].(string)
	d := e.te.WaitIndexed(id)
	if d.DocNumber != "杭教发〔2018〕12号" || d.DocNumberRead == "" {
		t.Fatalf("文号 %q read as %q; want 杭教发〔2018〕12号 marked a guess", d.DocNumber, d.DocNumberRead)
	}
	for _, q := range []string{"杭教发(2018]125", "杭教发〔2018〕125", "杭教发〔2018〕125号", "杭教发〔2018〕12号"} {
		resp, body := e.do(e.request("GET", "/api/v1/search?q="+url.QueryEscape(q), nil), "expert")
		hits, _ := body["hits"].([]any)
		if resp.StatusCode != http.StatusOK || len(hits) != 1 {
			t.Errorf("search %q: %d, %d hits; want the scan's document", q, resp.StatusCode, len(hits))
			continue
		}
		hit := hits[0].(map[string]any)
		if hit["id"] != id || hit["doc_number"] != "杭教发〔2018〕12号" || hit["doc_number_guessed"] != true || hit["doc_number_read"] != d.DocNumberRead {
			t.Errorf("search %q: hit %v; want %s with its 文号 marked a guess read as %q", q, hit, id, d.DocNumberRead)
		}
	}
}
