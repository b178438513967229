package api

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestDocumentTextShown: /text answers the text as stored, its
// punctuation folded to ASCII, as it always has; ?shown=1 answers it as
// the document page shows it, full-width next to Chinese, with the same
// number of runes on each page so that offsets hold in both.
func TestDocumentTextShown(t *testing.T) {
	e := newEnv(t)
	id := e.upload(cityA, "xuefen.txt", "二、主要任务（一）建立学分银行。\f要求，各区、县（市）开展录入工作，共1,234人。")
	stored := []string{"二、主要任务(一)建立学分银行。", "要求,各区、县(市)开展录入工作,共1,234人。"}
	// Written with escapes: an editor may fold typed full-width marks.
	shown := []string{"二、主要任务\uFF08一\uFF09建立学分银行。", "要求\uFF0C各区、县\uFF08市\uFF09开展录入工作\uFF0C共1,234人。"}
	for _, tt := range []struct {
		query string
		want  []string
	}{{"", stored}, {"?shown=0", stored}, {"?shown=1", shown}} {
		resp, body := e.do(e.request("GET", "/api/v1/documents/"+id+"/text"+tt.query, nil), "coordA")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("text%s: %d %v", tt.query, resp.StatusCode, body)
		}
		var pages []string
		for _, p := range body["pages"].([]any) {
			pages = append(pages, p.(string))
		}
		if !slices.Equal(pages, tt.want) {
			t.Errorf("text%s: pages %q, want %q", tt.query, pages, tt.want)
		}
		if cut, ok := body["index_cut"]; ok {
			t.Errorf("text%s: a short text says the index stops in it: %v", tt.query, cut)
		}
	}
	for i := range stored {
		if n, m := utf8.RuneCountInString(stored[i]), utf8.RuneCountInString(shown[i]); n != m {
			t.Errorf("page %d: %d runes stored, %d shown; want the same", i+1, n, m)
		}
	}
}

// TestDocumentTextSaysWhereTheIndexStops: the text of a document longer
// than the index takes says on which page search stops finding it.
func TestDocumentTextSaysWhereTheIndexStops(t *testing.T) {
	e := newEnv(t)
	id := e.upload(cityA, "nianjian.txt", "杭州市统计年鉴（摘录）\f"+strings.Repeat("推进学习型城市建设工作。", 42_000))
	resp, body := e.do(e.request("GET", "/api/v1/documents/"+id+"/text", nil), "coordA")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("text: %d %v", resp.StatusCode, body)
	}
	cut, _ := body["index_cut"].(map[string]any)
	if cut["page"] != 2.0 || cut["max_chars"] != 500_000.0 {
		t.Errorf("index_cut %v, want page 2, 500000 characters indexed", body["index_cut"])
	}
}
