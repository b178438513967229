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

// TestFindAndFragmentsAsShown: what the API gives to read — the snippets
// of /find and search's fragments — comes as the document page shows it,
// 县（市）… full-width next to Chinese, not folded to ASCII as the text is
// stored; /find?shown=0 gives the stored form, as /text does by default.
func TestFindAndFragmentsAsShown(t *testing.T) {
	e := newEnv(t)
	id := e.upload(cityA, "tongzhi.txt", "各区、县（市）人民政府，市政府各部门、各直属单位：现将学分银行建设方案印发给你们。")
	resp, body := e.do(e.request("GET", "/api/v1/documents/"+id+"/find?q=人民政府", nil), "coordA")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("find: %d %v", resp.StatusCode, body)
	}
	pages, _ := body["pages"].([]any)
	if len(pages) != 1 {
		t.Fatalf("find 人民政府: %v, want one page", body)
	}
	p := pages[0].(map[string]any)
	if got, want := p["before"].(string)+"["+p["match"].(string)+"]"+p["after"].(string),
		"各区、县\uFF08市\uFF09[人民政府]\uFF0C市政府各部门、各直属单位\uFF1A"; !strings.HasPrefix(got, want) {
		t.Errorf("find snippet %q, want %q as the page shows it", got, want)
	}
	// A comma matched alone is widened as it reads between 政府 and 市.
	_, body = e.do(e.request("GET", "/api/v1/documents/"+id+"/find?q=%2C", nil), "coordA")
	if p := body["pages"].([]any)[0].(map[string]any); p["match"] != "\uFF0C" || !strings.HasSuffix(p["before"].(string), "人民政府") {
		t.Errorf("find of a comma between Chinese words: %q[%q]%q, want the match \uFF0C", p["before"], p["match"], p["after"])
	}
	_, body = e.do(e.request("GET", "/api/v1/documents/"+id+"/find?q=人民政府&shown=0", nil), "coordA")
	if p := body["pages"].([]any)[0].(map[string]any); p["before"] != "各区、县(市)" {
		t.Errorf("find?shown=0 before %q, want the stored 各区、县(市)", p["before"])
	}
	_, body = e.do(e.request("GET", "/api/v1/search?q=人民政府", nil), "coordA")
	all := ""
	for _, h := range body["hits"].([]any) {
		for _, f := range h.(map[string]any)["fragments"].([]any) {
			all += f.(map[string]any)["html"].(string)
		}
	}
	if !strings.Contains(all, "县\uFF08市\uFF09") || strings.Contains(all, "县(市)") {
		t.Errorf("search fragments %q, want 县（市） as the page shows it", all)
	}
}
