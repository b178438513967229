package api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// restoreText is a 杭州 document with a phrase no other test document
// has, so that a search for it finds this one or nothing.
const restoreText = "杭州市学分银行管理办法。第一条 为建立学分银行，推行终身学习护照制度，制定本办法。"

// deletedDocument uploads a document of city with its own text and has
// admin delete it, for a test that restores it.
func (e *env) deletedDocument(city string) string {
	e.t.Helper()
	id := e.upload(city, fmt.Sprintf("待恢复%d.txt", e.next()), fmt.Sprintf("第%d号通知：召开学习型城市建设推进会。", e.next()))
	if resp, body := e.do(e.request("DELETE", "/api/v1/documents/"+id, nil), "admin"); resp.StatusCode != http.StatusOK {
		e.t.Fatalf("delete %s: %d %v", id, resp.StatusCode, body)
	}
	return id
}

// searchTotal is how many documents expert finds for q.
func (e *env) searchTotal(q string) int {
	e.t.Helper()
	resp, body := e.do(e.request("GET", "/api/v1/search?q="+url.QueryEscape(q), nil), "expert")
	if resp.StatusCode != http.StatusOK {
		e.t.Fatalf("search %q: %d %v", q, resp.StatusCode, body)
	}
	return int(body["total"].(float64))
}

// citedDeleted says whether claim's first citation is marked as citing a
// deleted document (出处已删除 on the pages).
func (e *env) citedDeleted(claim string) bool {
	e.t.Helper()
	resp, body := e.do(e.request("GET", "/api/v1/claims/"+claim, nil), "coordA")
	if resp.StatusCode != http.StatusOK {
		e.t.Fatalf("claim %s: %d %v", claim, resp.StatusCode, body)
	}
	c := body["claim"].(map[string]any)["citations"].([]any)[0].(map[string]any)
	deleted, _ := c["document_deleted"].(bool)
	return deleted
}

// TestRestoringADocumentBringsItBack: 杭州's coordinator restores the
// 学分银行 rules an admin deleted: the document is read again with its
// fields and its link to 2.3.1, search finds it again, the claim citing it
// no longer cites a deleted document (and may be found 属实 again), and the
// log says who restored it and what came back.
func TestRestoringADocumentBringsItBack(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "学分银行管理办法.txt", restoreText)
	e.link(doc, "2.3.1")
	claim := e.claim(doc)
	if resp, body := e.do(e.request("DELETE", "/api/v1/documents/"+doc, nil), "admin"); resp.StatusCode != http.StatusOK {
		t.Fatalf("delete: %d %v", resp.StatusCode, body)
	}
	if n := e.searchTotal("终身学习护照"); n != 0 {
		t.Fatalf("search finds the deleted document: %d hits", n)
	}
	if !e.citedDeleted(claim) {
		t.Fatal("the claim's citation of the deleted document is not marked deleted")
	}
	if resp, _ := e.do(e.request("POST", "/api/v1/claims/"+claim+"/reviews", `{"verdict":"verified"}`), "reviewer"); resp.StatusCode != http.StatusConflict {
		t.Fatalf("verifying a claim resting on a deleted document: %d, want 409", resp.StatusCode)
	}

	resp, body := e.do(e.request("POST", "/api/v1/documents/"+doc+"/restore", nil), "coordA")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("restore: %d %v", resp.StatusCode, body)
	}
	if got := fmt.Sprint(body["indicators"]); got != "[2.3.1]" {
		t.Errorf("restore answers indicators %s, want [2.3.1]", got)
	}
	if got := fmt.Sprint(body["claims"]); got != "["+claim+"]" {
		t.Errorf("restore answers claims %s, want [%s]", got, claim)
	}
	e.te.WaitIndexed(doc)
	resp, body = e.do(e.request("GET", "/api/v1/documents/"+doc, nil), "expert")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("the restored document: %d %v", resp.StatusCode, body)
	}
	if links := body["links"].([]any); len(links) != 1 || links[0].(map[string]any)["indicator"] != "2.3.1" {
		t.Errorf("the restored document's links: %v, want its link to 2.3.1", links)
	}
	if body["filename"] != "学分银行管理办法.txt" {
		t.Errorf("the restored document's filename: %v", body["filename"])
	}
	if n := e.searchTotal("终身学习护照"); n != 1 {
		t.Errorf("search after the restore: %d hits, want the restored document", n)
	}
	if e.citedDeleted(claim) {
		t.Error("the claim still cites a deleted document after the restore")
	}
	if resp, body := e.do(e.request("POST", "/api/v1/claims/"+claim+"/reviews", `{"verdict":"verified"}`), "reviewer"); resp.StatusCode != http.StatusCreated {
		t.Errorf("verifying the claim after the restore: %d %v, want 201", resp.StatusCode, body)
	}
	events, err := e.cat.Events(context.Background(), doc, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) == 0 || events[0].Action != "document.restore" || events[0].User != "coordA" {
		t.Fatalf("the document's last event: %+v, want document.restore by coordA", events)
	}
	if got := fmt.Sprint(events[0].Detail["indicators"], events[0].Detail["claims"]); got != "[2.3.1] 1" {
		t.Errorf("the restore event names %s, want its indicators [2.3.1] and 1 claim", got)
	}
}

// TestRestoreIsRefused: only admins and the city's coordinator restore;
// another city's coordinator does not see the document; a live document,
// or a deleted one whose original is gone, is a conflict that says what
// to do.
func TestRestoreIsRefused(t *testing.T) {
	e := newEnv(t)
	doc := e.deletedDocument(cityA)
	for _, tt := range []struct {
		role string
		want int
	}{
		{"contribA", http.StatusForbidden},
		{"expert", http.StatusForbidden},
		{"reviewer", http.StatusForbidden},
		{"coordB", http.StatusNotFound},
	} {
		if resp, body := e.do(e.request("POST", "/api/v1/documents/"+doc+"/restore", nil), tt.role); resp.StatusCode != tt.want {
			t.Errorf("restore as %s: %d %v, want %d", tt.role, resp.StatusCode, body, tt.want)
		}
	}
	if _, err := e.cat.Document(context.Background(), doc); !catalog.IsNotFound(err) {
		t.Fatalf("the document after refused restores: %v, want still deleted", err)
	}

	live := e.upload(cityA, "学习型城市建设推进会通知.txt", "关于召开全市学习型城市建设推进会的通知。")
	resp, body := e.do(e.request("POST", "/api/v1/documents/"+live+"/restore", nil), "coordA")
	if resp.StatusCode != http.StatusConflict || !strings.Contains(errorMessage(body), "没有被删除") {
		t.Errorf("restoring a live document: %d %v, want 409 saying it is not deleted", resp.StatusCode, body)
	}

	d, err := e.cat.DocumentAnyState(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.te.Blobs.Delete(context.Background(), catalog.OriginalKey(d.SHA256)); err != nil {
		t.Fatal(err)
	}
	resp, body = e.do(e.request("POST", "/api/v1/documents/"+doc+"/restore", nil), "coordA")
	if resp.StatusCode != http.StatusConflict || !strings.Contains(errorMessage(body), "请重新上传这份文件") {
		t.Errorf("restoring a document whose original is gone: %d %v, want 409 asking to upload the file again", resp.StatusCode, body)
	}
}
