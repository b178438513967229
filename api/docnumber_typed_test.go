package api

import (
	"net/http"
	"testing"
)

// TestPatchedDocNumberStoredWithChineseBrackets: a 文号 PATCHed with the
// brackets a keyboard has is stored and answered with 〔〕, as one read
// from the text is; one that is no 文号 stays as typed (probe s36 #17).
func TestPatchedDocNumberStoredWithChineseBrackets(t *testing.T) {
	e := newEnv(t)
	id := e.bareDocument(cityA)
	tests := []struct{ typed, want string }{
		{"杭教职成[2017]9号", "杭教职成〔2017〕9号"},
		{"杭教职成【2017】9号", "杭教职成〔2017〕9号"},
		{"杭教职成(2017)9号", "杭教职成〔2017〕9号"},
		{"杭教职成（2017）第9号", "杭教职成〔2017〕第9号"},
		{"杭教职成〔2017〕9号", "杭教职成〔2017〕9号"},
		{"内部资料(2017)", "内部资料(2017)"},
	}
	for _, tt := range tests {
		resp, doc := e.do(e.request("PATCH", "/api/v1/documents/"+id, map[string]string{"doc_number": tt.typed}), "admin")
		if resp.StatusCode != http.StatusOK || doc["doc_number"] != tt.want {
			t.Errorf("PATCH %s: %d, doc_number %v, want %s", tt.typed, resp.StatusCode, doc["doc_number"], tt.want)
		}
		_, got := e.do(e.request("GET", "/api/v1/documents/"+id, nil), "admin")
		if got["doc_number"] != tt.want {
			t.Errorf("PATCH %s: stored %v, want %s", tt.typed, got["doc_number"], tt.want)
		}
	}
}
