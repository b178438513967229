package api

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

// readingMeanwhile runs meanwhile once, the first time a text is read
// through it: a change committed while a save checks its quote.
type readingMeanwhile struct {
	blob.Store
	once      sync.Once
	meanwhile func()
}

func (b *readingMeanwhile) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	b.once.Do(b.meanwhile)
	return b.Store.Get(ctx, key)
}

func (b *readingMeanwhile) GetRange(ctx context.Context, key string, off, n int64, version string) (io.ReadCloser, error) {
	b.once.Do(b.meanwhile)
	return b.Store.GetRange(ctx, key, off, n, version)
}

// A citation added through the API while another coordinator's
// citation is saved, after the claim was read, is refused with 409 and
// the message to reload, not stored in place of the other's.
func TestClaimCitationAddedMeanwhileIs409(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	doc := e.upload(cityA, "学分银行.txt", "杭州市建立学分银行 推进学习成果认证 全年存入学习成果45.3万条 课时达到规定要求")
	resp, body := e.do(e.request("POST", "/api/v1/claims", map[string]any{
		"indicator": "2.3.1", "statement": "杭州市建立了学分银行",
		"citations": []map[string]any{{"document_id": doc, "page": 1, "quote": "建立学分银行"}}}), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create claim: %d %v", resp.StatusCode, body)
	}
	id := body["claim"].(map[string]any)["id"].(string)
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: cityA}
	var wangErr error
	slow := &readingMeanwhile{Store: e.te.Blobs, meanwhile: func() {
		_, wangErr = e.te.Claims.AddCitation(ctx, wang, id, claims.CitationInput{DocumentID: doc, Page: 1, Quote: "推进学习成果认证"})
	}}
	deps := e.deps
	deps.Claims = claims.NewService(e.cat, slow, e.te.Search)
	e.srv = httptest.NewServer(NewHandler(deps))
	t.Cleanup(e.srv.Close)

	resp, body = e.do(e.request("POST", "/api/v1/claims/"+id+"/citations",
		map[string]any{"document_id": doc, "page": 1, "quote": "课时达到规定要求"}), "coordA")
	if wangErr != nil {
		t.Fatalf("wang's citation: %v", wangErr)
	}
	if resp.StatusCode != http.StatusConflict || !strings.Contains(fmt.Sprint(body), "定性描述已被他人修改，请刷新页面后重试") {
		t.Errorf("citation added on a claim changed meanwhile: %d %v, want 409 定性描述已被他人修改，请刷新页面后重试", resp.StatusCode, body)
	}
	c, err := e.cat.Claim(ctx, id)
	if err != nil || len(c.Citations) != 2 || c.Citations[1].Quote != "推进学习成果认证" {
		t.Errorf("citations %+v (%v), want 1 and wang's 2", c, err)
	}
}

// A PATCH of a claim sent back with the ETag its GET gave (If-Match) is
// saved only while the claim is as that GET showed it: one built on an
// ETag another save has since moved is 409 ECONFLICT with the message to
// reload, nothing saved. Without If-Match (or with *) a PATCH is saved
// as before, checked against the service's own read; a malformed
// If-Match is a 400, not taken for no check.
func TestClaimPatchIfMatch(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "学分银行.txt", "杭州市建立学分银行 推进学习成果认证")
	id := e.createClaim("coordA", map[string]any{"indicator": "2.3.1", "statement": "杭州市建立了学分银行",
		"citations": []map[string]any{{"document_id": doc, "page": 1, "quote": "建立学分银行"}}})
	etag := func() string {
		resp, body := e.do(e.request("GET", "/api/v1/claims/"+id, nil), "coordA")
		if resp.StatusCode != http.StatusOK || resp.Header.Get("ETag") == "" {
			t.Fatalf("GET claim: %d ETag %q %v", resp.StatusCode, resp.Header.Get("ETag"), body)
		}
		return resp.Header.Get("ETag")
	}
	first := etag()
	tests := []struct {
		name, ifMatch, statement string
		status                   int
		stored                   string
	}{
		{"the ETag just read", first, "杭州市建立了市级学分银行", http.StatusOK, "杭州市建立了市级学分银行"},
		{"the ETag before that save", first, "杭州市建成学分银行平台", http.StatusConflict, "杭州市建立了市级学分银行"},
		{"no If-Match", "", "杭州市建成学分银行平台", http.StatusOK, "杭州市建成学分银行平台"},
		{"If-Match *", "*", "杭州市建成学分银行服务平台", http.StatusOK, "杭州市建成学分银行服务平台"},
		{"an ETag without its quotes", strings.Trim(first, `"`), "杭州市学分银行", http.StatusBadRequest, "杭州市建成学分银行服务平台"},
	}
	for _, tt := range tests {
		req := e.request("PATCH", "/api/v1/claims/"+id, map[string]any{"statement": tt.statement})
		if tt.ifMatch != "" {
			req.Header.Set("If-Match", tt.ifMatch)
		}
		resp, body := e.do(req, "coordA")
		if resp.StatusCode != tt.status {
			t.Errorf("PATCH with %s: %d %v, want %d", tt.name, resp.StatusCode, body, tt.status)
		}
		if got := fmt.Sprint(body); tt.status == http.StatusConflict && (!strings.Contains(got, "ECONFLICT") || !strings.Contains(got, "定性描述已被他人修改，请刷新页面后重试")) {
			t.Errorf("PATCH with %s: %v, want ECONFLICT 定性描述已被他人修改，请刷新页面后重试", tt.name, body)
		}
		if tt.status == http.StatusOK && resp.Header.Get("ETag") != etag() {
			t.Errorf("PATCH with %s: answered ETag %q, a GET after %q", tt.name, resp.Header.Get("ETag"), etag())
		}
		if c, err := e.cat.Claim(context.Background(), id); err != nil || c.Statement != tt.stored {
			t.Errorf("PATCH with %s: stored %q (%v), want %q", tt.name, c.Statement, err, tt.stored)
		}
	}
	if etag() == first {
		t.Errorf("the ETag %s stayed the same through three saves", first)
	}
}
