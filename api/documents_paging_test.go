package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestDocumentListNextHoldsWhileUploadedAndDeleted: a client going
// through 杭州's documents two at a time by next meets each one exactly
// once, though between its requests one is uploaded (at the top of the
// newest-first list) and one it has read is deleted: by page, the upload
// pushed a read one onto the next page and the delete pulled an unread
// one back onto a page already read. page= still works; a bad cursor, or
// page with after, is refused about its parameter.
func TestDocumentListNextHoldsWhileUploadedAndDeleted(t *testing.T) {
	e := newEnv(t)
	var uploaded []string
	for i := range 5 {
		uploaded = append(uploaded, e.upload(cityA, fmt.Sprintf("社区教育工作总结%d.txt", i), fmt.Sprintf("杭州市第%d份社区教育工作总结。", i)))
	}
	list := func(query string) (next string, got []string) {
		t.Helper()
		resp, body := e.do(e.request("GET", "/api/v1/documents?city="+cityA+"&size=2"+query, nil), "admin")
		ds, _ := body["documents"].([]any)
		if resp.StatusCode != http.StatusOK || body["size"] != float64(2) {
			t.Fatalf("documents%s: %d %v, want 200 with size 2", query, resp.StatusCode, body)
		}
		for _, d := range ds {
			got = append(got, d.(map[string]any)["id"].(string))
		}
		next, _ = body["next"].(string)
		if (next != "") != (len(ds) == 2) {
			t.Errorf("documents%s: %d documents and next %q; want next exactly when the page is full", query, len(ds), next)
		}
		return next, got
	}
	next, first := list("")
	if _, byPage := list("&page=2"); len(byPage) != 2 || byPage[0] == first[0] || byPage[0] == first[1] {
		t.Errorf("page=2: %v after %v, want the next two", byPage, first)
	}
	seen := map[string]int{first[0]: 1, first[1]: 1}
	e.upload(cityA, "新上传的文件.txt", "杭州市学习型城市建设新文件。")
	if resp, body := e.do(e.request("DELETE", "/api/v1/documents/"+first[0], nil), "admin"); resp.StatusCode != http.StatusOK {
		t.Fatalf("delete %s: %d %v", first[0], resp.StatusCode, body)
	}
	for pages := 0; next != "" && pages < 5; pages++ {
		var got []string
		next, got = list("&after=" + url.QueryEscape(next))
		for _, id := range got {
			seen[id]++
		}
	}
	for _, id := range uploaded {
		if seen[id] != 1 {
			t.Errorf("document %s listed %d times by next, want once (seen %v)", id, seen[id], seen)
		}
	}
	for q, field := range map[string]string{"&after=nonsense": "after", "&after=" + url.QueryEscape(first[0]): "after",
		"&page=2&after=" + url.QueryEscape(first[0]): "page"} {
		resp, body := e.do(e.request("GET", "/api/v1/documents?size=2"+q, nil), "admin")
		er, _ := body["error"].(map[string]any)
		msg, _ := er["message"].(string)
		if resp.StatusCode != http.StatusBadRequest || er["field"] != field || er["message_en"] == nil || strings.Contains(msg, ":") {
			t.Errorf("documents%s: %d %v, want 400 about %s in Chinese and English", q, resp.StatusCode, body, field)
		}
	}
}
